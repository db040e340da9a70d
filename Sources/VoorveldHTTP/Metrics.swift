import Hummingbird
import Postgres
import Prometheus

/// The service's figures for operators, in Prometheus' text format at `/metrics`: requests and
/// their latency per route and status, the connection pool, how long candidate searches take,
/// and how often a booking is refused by a rule of the database. Labels are route templates and
/// codes, never a person or an id.
public final class Metrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// Request latencies from 1 ms to 10 s.
    static let buckets: [Duration] = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000].map { .microseconds(Int64($0 * 1000)) }

    public init() {}

    func request(route: String, method: String, status: Int, duration: Duration) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(
            descriptor: .init(
                namespace: "voorveld",
                metricName: "http_requests",
                unitName: "total",
                helpText: "HTTP requests answered, by route, method and status."
            ),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "voorveld",
                metricName: "http_request_duration",
                unitName: "seconds",
                helpText: "Time to answer an HTTP request, by route and method."
            ),
            labels: [("route", route), ("method", method)],
            buckets: Self.buckets
        ).record(duration)
    }

    /// How long ranking the candidates of one hulpvraag took (reading and matching).
    func matching(_ duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "voorveld",
                metricName: "matching_duration",
                unitName: "seconds",
                helpText: "Time to find and rank the candidates of a hulpvraag."
            ),
            labels: [],
            buckets: Self.buckets
        ).record(duration)
    }

    /// A koppeling the database refused (capacity, already linked, consent, ...), by the rule.
    func koppelingGeweigerd(_ regel: String) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "voorveld",
                metricName: "booking_conflicts",
                unitName: "total",
                helpText: "Koppelingen refused by a rule of the database, by the rule."
            ),
            labels: [("rule", regel)]
        ).increment()
    }

    /// A request refused because too many were in progress (`LoadSheddingMiddleware`).
    func geweigerdTeDruk() {
        registry.makeCounter(
            descriptor: .init(
                namespace: "voorveld",
                metricName: "http_requests_shed",
                unitName: "total",
                helpText: "Requests refused with 503 because too many were in progress."
            )
        ).increment()
    }

    /// The exposition, with the pool's state of this moment.
    func render(pool: ConnectionPool.Statistics, maxConnections: Int) -> String {
        func gauge(_ name: String, _ unit: String, _ help: String, _ value: Int) {
            registry.makeGauge(descriptor: .init(namespace: "voorveld", subsystem: "db_pool", metricName: name, unitName: unit, helpText: help))
                .set(Double(value))
        }
        gauge("open", "connections", "Connections to PostgreSQL open now.", pool.open)
        gauge("in_use", "connections", "Connections lent to a request now.", pool.inUse)
        gauge("waiting", "requests", "Requests waiting for a connection now.", pool.waiting)
        gauge("max", "connections", "Most connections the pool opens.", maxConnections)
        return registry.emitToString()
    }
}

/// Counts every answer and how long it took, by the route that answered (its template, such as
/// `/v1/hulpvragen/{id}`, so ids never become labels).
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.request(
            route: context.endpointPath ?? "onbekend",
            method: request.method.rawValue,
            status: response.status.code,
            duration: ContinuousClock.now - start
        )
        return response
    }
}
