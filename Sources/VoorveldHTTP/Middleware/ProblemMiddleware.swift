import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Postgres

/// Turns every error into an `application/problem+json` answer, so no client ever sees an
/// empty body or a stack trace. Unexpected errors are logged with the request id and answered
/// with a generic 500 that names that id, never with internals.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch var problem as Problem {
            problem.instance = problem.instance ?? request.uri.path
            return problem.response()
        } catch let error as HTTPError {
            var problem = Problem(status: error.status, detail: error.body)
            if error.status == .notFound && error.body == nil {
                problem.detail = "Er is niets op dit adres."
            }
            problem.instance = request.uri.path
            return problem.response(headers: error.headers)
        } catch is NIOTooManyBytesError {
            // A body over `maxUploadSize`, found while collecting it.
            var problem = Problem(status: .contentTooLarge, detail: "Het verzoek is groter dan toegestaan (1 MB).")
            problem.instance = request.uri.path
            return problem.response()
        } catch let error as PostgresError where error.kind == .poolTimeout || error.kind == .connection {
            context.logger.error("database unavailable", metadata: ["error": "\(error)"])
            var problem = Problem(status: .serviceUnavailable, detail: "De database is tijdelijk niet bereikbaar. Probeer het over enkele seconden opnieuw.")
            problem.instance = request.uri.path
            return problem.response(headers: [.retryAfter: "5"])
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            var problem = Problem(status: .internalServerError, detail: "Er ging iets mis. Noem bij een melding deze code: \(context.id).")
            problem.instance = request.uri.path
            return problem.response()
        }
    }
}
