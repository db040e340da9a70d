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

    init(limit: Int, metrics: Metrics) {
        self.limit = limit
        self.metrics = metrics
        inFlight = InFlight()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/health/") || path == "/metrics" { return try await next(request, context) }
        let now = inFlight.count.wrappingAdd(1, ordering: .relaxed).newValue
        defer { inFlight.count.wrappingSubtract(1, ordering: .relaxed) }
        guard now <= limit else {
            metrics.geweigerdTeDruk()
            throw Problem(status: .serviceUnavailable, title: "Te druk",
                          detail: "Het is op dit moment te druk. Probeer het over een paar seconden opnieuw.", headers: [.retryAfter: "1"])
        }
        return try await next(request, context)
    }
}
