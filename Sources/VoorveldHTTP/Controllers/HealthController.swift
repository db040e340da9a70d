import Hummingbird
import Postgres
import VoorveldStore

/// `/health/live`: the process answers. `/health/ready`: it can serve, i.e. the database answers.
/// `/metrics`: the operators' figures (`Metrics`), for a scraper with the metrics token.
struct HealthController {
    let pool: ConnectionPool
    /// The reports database, when the figures are read from a replica.
    let rapportage: ConnectionPool?
    let metrics: Metrics
    /// The scraper's bearer token (`VOORVELD_METRICS_TOKEN`); nil: no metrics.
    let metricsToken: String?

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/health/live", use: live)
        router.get("/health/ready", use: ready)
        router.get("/metrics", use: metricsText)
    }

    /// Prometheus text. The figures hold no personal data, but they tell about load and use, so
    /// only a scraper with the metrics token gets them (never by address: behind a reverse proxy
    /// every request comes from the same one). Without a token configured there are no metrics.
    @Sendable func metricsText(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let metricsToken else { throw Problem.notFound() }
        let given = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
        guard Secret.equal(given, metricsToken) else {
            throw Problem(
                status: .unauthorized,
                detail: "Stuur het metrics-token mee (Authorization: Bearer ...).",
                headers: [.wwwAuthenticate: #"Bearer realm="voorveld-metrics""#]
            )
        }
        let text = metrics.render(pool: await pool.statistics(), maxConnections: pool.configuration.maxConnections)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    struct Status: ResponseEncodable {
        var status: String
        var checks: [String: String]
    }

    @Sendable func live(_ request: Request, context: AppRequestContext) async throws -> Status {
        Status(status: "ok", checks: [:])
    }

    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Status {
        // A load balancer polls this; it must answer within seconds even when the database hangs.
        // The reports database is told apart: without it only the figures fail, so the service
        // stays ready, and the check says which one is down.
        async let primary = pool.ping(timeout: .seconds(2))
        async let reports = rapportage?.ping(timeout: .seconds(2))
        var checks = ["database": await primary ? "ok" : "onbereikbaar"]
        if let reports = await reports { checks["rapportagedatabase"] = reports ? "ok" : "onbereikbaar" }
        guard checks["database"] == "ok" else {
            throw Problem(status: .serviceUnavailable, detail: "De database is niet bereikbaar.", checks: checks)
        }
        return Status(status: "ok", checks: checks)
    }
}
