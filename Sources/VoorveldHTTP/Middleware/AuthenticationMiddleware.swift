import HTTPTypes
import Hummingbird
import Voorveld
import VoorveldStore

/// Finds out who is asking: an API client by its bearer token, a browser by its session cookie.
///
/// A request that presents a bearer token that is not valid is refused outright (401), rather than
/// treated as anonymous; a stale session cookie just means "not logged in".
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let auth: AuthStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // The scraper of /metrics brings a token of its own, not a user's.
        if request.uri.path == "/metrics" { return try await next(request, context) }
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
                throw Problem.unauthorized("De Authorization-header moet de vorm 'Bearer <token>' hebben.")
            }
            guard let gebruiker = try await auth.gebruiker(token: String(parts[1])) else {
                throw Problem.unauthorized("Het token is ongeldig, verlopen of ingetrokken.")
            }
            context.gebruiker = gebruiker
        } else if let sessie = request.cookies[SessionCookie.name]?.value, !sessie.isEmpty {
            context.gebruiker = try await auth.gebruiker(sessie: sessie)
        }
        return try await next(request, context)
    }
}

/// The web session cookie: `__Host-` (so: Secure, Path=/, no Domain), HttpOnly, SameSite=Strict.
enum SessionCookie {
    static let name = "__Host-voorveld-sessie"

    static func set(_ value: String) -> Cookie { .host(name, value) }

    static func expired() -> Cookie { .host(name, "", maxAge: 0) }
}

extension Cookie {
    /// The pages' cookies: `__Host-` names, so Secure, Path=/ and no Domain; HttpOnly and SameSite=Strict.
    static func host(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }
}

extension AppRequestContext {
    /// The authenticated person, or 401.
    func requireGebruiker() throws -> Gebruiker {
        guard let gebruiker else { throw Problem.unauthorized() }
        return gebruiker
    }

    /// The authenticated person if they have one of `rollen`, or 403. This is where every role
    /// check refuses, API and pages alike; `RefusalAuditMiddleware` audits the refusal.
    func require(_ rollen: Rol...) throws -> Gebruiker { try require(rollen) }

    func require(_ rollen: [Rol]) throws -> Gebruiker {
        let gebruiker = try requireGebruiker()
        guard rollen.contains(where: gebruiker.heeft) else { throw Problem.rolGeweigerd() }
        return gebruiker
    }
}
