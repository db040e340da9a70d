import Hummingbird
import Synchronization

/// Keeps the service answering when more arrives than it can handle: beyond `limit` requests in
/// progress, a request is refused at once with 503 and `Retry-After`, instead of waiting in a queue
/// until the caller gives up. The health checks and metrics are always answered.
struct LoadSheddingMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int
    let inFlight: InFlight
    let metrics: Metrics

    /// The count of requests in progress, shared by every connection.
    final class InFlight: Sendable {
        let count = Atomic<Int>(0)
    }

    /// Always answered: the load balancer's and the scraper's view of the service. (A switch, not
    /// a set: this runs on every request.)
    static func altijd(_ path: String) -> Bool {
        switch path {
        case "/health/live", "/health/ready", "/metrics": true
        default: false
        }
    }

    init(limit: Int, metrics: Metrics) {
        self.limit = limit
        self.metrics = metrics
        inFlight = InFlight()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.altijd(request.uri.path) { return try await next(request, context) }
        // Take a place only while there is one, so refused requests never crowd out others.
        var current = inFlight.count.load(ordering: .relaxed)
        while true {
            guard current < limit else {
                metrics.geweigerdTeDruk()
                throw Problem(
                    status: .serviceUnavailable,
                    title: "Te druk",
                    detail: "Het is op dit moment te druk. Probeer het over een paar seconden opnieuw.",
                    headers: [.retryAfter: "1"]
                )
            }
            let (exchanged, original) = inFlight.count.compareExchange(expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
        defer { inFlight.count.wrappingSubtract(1, ordering: .relaxed) }
        return try await next(request, context)
    }
}
