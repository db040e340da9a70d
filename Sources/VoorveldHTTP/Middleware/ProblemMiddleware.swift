import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Postgres
import Synchronization
import Voorveld

/// Turns every error into an answer no one has to decipher: `application/problem+json` for the
/// API, a Dutch error page for the pages (and the login page for a visitor who is not logged in).
/// Never an empty body or a stack trace: unexpected errors are logged with the request id and
/// answered with a generic 500 that names that id, never with internals. It is installed twice:
/// outside authentication and load shedding for their refusals, and inside them for the routes'
/// errors, where the page can show a logged-in user's menu.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// The routes, to tell "no such address" (404) from "not with this method" (405).
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var problem: Problem
        var headers: HTTPFields = [:]
        var internalError: Problem {
            Problem(status: .internalServerError, detail: "Er ging iets mis. Noem bij een melding deze code: \(context.id).")
        }
        do {
            return try await next(request, context)
        } catch let error as Problem {
            problem = error
        } catch let error as HTTPError {
            problem = Problem(status: error.status, detail: error.body)
            headers = error.headers
            if error.status == .notFound && error.body == nil {
                let allowed = routes.methods(for: request.uri.path)
                if allowed.isEmpty || allowed.contains(request.method.rawValue) {
                    problem.detail = "Er is niets op dit adres."
                } else {
                    problem = Problem(status: .methodNotAllowed, detail: "Dit adres kent alleen \(allowed.joined(separator: ", ")).")
                    headers = [.allow: allowed.joined(separator: ", ")]
                }
            }
        } catch is NIOTooManyBytesError {
            // A body over `maxUploadSize`, found while collecting it.
            problem = Problem(status: .contentTooLarge, detail: "Het verzoek is groter dan toegestaan (1 MB).")
        } catch let error as PostgresError where error.sqlState == "22021" || error.sqlState == "22P05" {
            // Text PostgreSQL cannot store (a NUL character) that slipped past the checks: the
            // request's fault, not the service's.
            context.logger.warning("unstorable text in a request", metadata: ["sqlstate": "\(error.sqlState ?? "")"])
            problem = Problem(status: .badRequest, detail: "Het verzoek bevat een teken dat niet kan worden opgeslagen (NUL).")
        } catch let error as PostgresError where error.kind == .poolTimeout || error.kind == .connection {
            context.logger.error("database unavailable", metadata: ["error": "\(error)"])
            problem = Problem(
                status: .serviceUnavailable,
                detail: "De database is tijdelijk niet bereikbaar. Probeer het over enkele seconden opnieuw."
            )
            headers = [.retryAfter: "5"]
        } catch let error as PostgresError {
            // Never PostgreSQL's DETAIL: it can quote a row ("Failing row contains ...").
            context.logger.error(
                "request failed",
                metadata: [
                    "error": "\(error.kind)", "sqlstate": "\(error.sqlState ?? "")", "constraint": "\(error.constraint ?? "")",
                ]
            )
            problem = internalError
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            problem = internalError
        }
        problem.instance = problem.instance ?? request.uri.path
        guard Self.isPage(request.uri.path) else { return problem.response(headers: headers) }
        if problem.status == 401 { return Response(status: .seeOther, headers: [.location: "/inloggen"]) }
        return Self.page(problem, headers: headers, request: request, gebruiker: context.gebruiker)
    }

    /// Everything outside the API, the health checks and the metrics is a page for people.
    static func isPage(_ path: String) -> Bool {
        !path.hasPrefix("/v1/") && !path.hasPrefix("/health/") && path != "/metrics"
    }

    /// The error page; a logged-in user keeps the menu of their pages (and the logout button).
    static func page(_ problem: Problem, headers: HTTPFields, request: Request, gebruiker: Gebruiker?) -> Response {
        let zinnen = problem.veldfouten.map { fout -> Markup in "<li>\(Velden.zin(fout.veld, fout.melding))</li>" }
        let velden: Markup = zinnen.isEmpty ? .leeg : "<ul>\(zinnen)</ul>"
        let csrf = gebruiker.map { _ in CSRF.token(request) }
        let menu = gebruiker.flatMap { gebruiker in csrf.map { Layout.Menu(gebruiker: gebruiker, csrf: $0.token) } }
        let html = Layout.page(
            title: problem.title,
            menu: menu,
            body: """
                <h1>\(problem.title)</h1>
                <p>\(problem.detail ?? "Dit lukte niet.")</p>\(velden)
                <p><a href="/">Naar de startpagina</a></p>
                """
        )
        var fields: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        fields.append(contentsOf: (problem.headers + headers).filter { $0.name != .wwwAuthenticate })
        var response = Response(
            status: HTTPResponse.Status(code: problem.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(string: html.html))
        )
        if let csrf, csrf.nieuw { response.setCookie(Cookie.host(CSRF.cookieName, csrf.token)) }
        return response
    }
}

/// The service's routes (method and path template), filled in once the router has them.
final class RouteTable: Sendable {
    private let routes = Mutex<[(method: String, segments: [Substring])]>([])

    func set(_ routes: [(method: String, path: String)]) {
        self.routes.withLock { $0 = routes.map { ($0.method, $0.path.split(separator: "/")) } }
    }

    /// The methods some route answers at `path` (a `{parameter}` matches any one segment). As in
    /// the router, a fixed segment wins over a parameter: `/v1/vrijwilligers/import` is not `{id}`.
    func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        let matching = routes.withLock { routes in
            routes.filter { route in
                route.segments.count == segments.count && zip(route.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }
        }
        // How specific each match is: per segment, fixed (1) or a parameter (0), compared in order.
        func rank(_ route: (method: String, segments: [Substring])) -> [Int] { route.segments.map { $0.hasPrefix("{") ? 0 : 1 } }
        guard let best = matching.map(rank).max(by: { $0.lexicographicallyPrecedes($1) }) else { return [] }
        return Array(Set(matching.filter { rank($0) == best }.map(\.method))).sorted()
    }
}
