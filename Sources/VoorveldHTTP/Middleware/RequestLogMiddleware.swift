import HTTPTypes
import Hummingbird
import Logging

/// Gives every request the service's own id (Hummingbird's: random per process, counted per
/// request), returns it as `X-Request-Id`, and logs one line per request: method, path without
/// query, status, duration. The query string is left out because it may hold personal data.
///
/// A caller's own `X-Request-Id` is never the request's id: the audit log records the request id,
/// and an id the client chooses could give two users' lines, or two requests, the same one. When it
/// is a sane token it is kept beside the service's, as `client_request_id` on every log line of the
/// request, so a client can still find its request in the log.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIDField: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let given = request.headers[Self.requestIDField], Self.isAcceptable(given) {
            context.logger[metadataKey: "client_request_id"] = .string(given)
        }
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        response.headers[Self.requestIDField] = context.id
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.uri.path),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(format: "%.1f", milliseconds)),
            ]
        )
        return response
    }

    static func isAcceptable(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
                    || byte == 0x2E
            }
    }
}
