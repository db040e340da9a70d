import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Postgres

/// Turns every error into an answer no one has to decipher: `application/problem+json` for the
/// API, a Dutch error page for the pages (and the login page for a visitor who is not logged in).
/// Never an empty body or a stack trace: unexpected errors are logged with the request id and
/// answered with a generic 500 that names that id, never with internals.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var problem: Problem
        var headers: HTTPFields = [:]
        do {
            return try await next(request, context)
        } catch let error as Problem {
            problem = error
        } catch let error as HTTPError {
            problem = Problem(status: error.status, detail: error.body)
            if error.status == .notFound && error.body == nil {
                problem.detail = "Er is niets op dit adres."
            }
            headers = error.headers
        } catch is NIOTooManyBytesError {
            // A body over `maxUploadSize`, found while collecting it.
            problem = Problem(status: .contentTooLarge, detail: "Het verzoek is groter dan toegestaan (1 MB).")
        } catch let error as PostgresError where error.kind == .poolTimeout || error.kind == .connection {
            context.logger.error("database unavailable", metadata: ["error": "\(error)"])
            problem = Problem(status: .serviceUnavailable, detail: "De database is tijdelijk niet bereikbaar. Probeer het over enkele seconden opnieuw.")
            headers = [.retryAfter: "5"]
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            problem = Problem(status: .internalServerError, detail: "Er ging iets mis. Noem bij een melding deze code: \(context.id).")
        }
        problem.instance = problem.instance ?? request.uri.path
        guard Self.isPage(request.uri.path) else { return problem.response(headers: headers) }
        if problem.status == 401 { return Response(status: .seeOther, headers: [.location: "/inloggen"]) }
        return Self.page(problem, headers: headers)
    }

    /// Everything outside the API, the health checks and the metrics is a page for people.
    static func isPage(_ path: String) -> Bool {
        !path.hasPrefix("/v1/") && !path.hasPrefix("/health/") && path != "/metrics"
    }

    static func page(_ problem: Problem, headers: HTTPFields) -> Response {
        let velden = problem.veldfouten.isEmpty ? ""
            : "<ul>" + problem.veldfouten.map { "<li>\(HTML.escape(Velden.zin($0.veld, $0.melding)))</li>" }.joined() + "</ul>"
        let html = Layout.page(title: problem.title, body: """
            <h1>\(HTML.escape(problem.title))</h1>
            <p>\(HTML.escape(problem.detail ?? "Dit lukte niet."))</p>\(velden)
            <p><a href="/">Naar de startpagina</a></p>
            """)
        var fields: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        fields.append(contentsOf: (problem.headers + headers).filter { $0.name != .wwwAuthenticate })
        return Response(status: HTTPResponse.Status(code: problem.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
