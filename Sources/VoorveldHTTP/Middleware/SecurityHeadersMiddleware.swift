import HTTPTypes
import Hummingbird

/// Headers every answer carries, pages and API alike.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // NL API Design Rules: every answer names the API version.
        response.headers[HTTPField.Name("API-Version")!] = "1.0.0"
        // Browsers must only ever reach the service over HTTPS (ignored on plain-HTTP localhost).
        response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
        // Personal data must not linger in shared caches or browser history.
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
