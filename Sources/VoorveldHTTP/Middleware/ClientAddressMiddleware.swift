import HTTPTypes
import Hummingbird

/// Behind a reverse proxy every request comes from the proxy's address, so the login lockout per
/// address would lock everyone out at once. For a peer in `trustedProxies`, the client is the last
/// address in `X-Forwarded-For` (the one that proxy saw); from anyone else the header is ignored,
/// since a client can write it itself.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard trustedProxies.contains(context.remoteAddress),
            let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty, last.count <= 45
        else { return try await next(request, context) }
        var context = context
        context.remoteAddress = last
        return try await next(request, context)
    }
}
