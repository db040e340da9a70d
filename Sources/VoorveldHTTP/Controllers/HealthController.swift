import Hummingbird
import Postgres

/// `/health/live`: the process answers. `/health/ready`: it can serve, i.e. the database answers.
struct HealthController {
    let pool: ConnectionPool

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/health/live", use: live)
        router.get("/health/ready", use: ready)
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
        guard await pool.ping(timeout: .seconds(2)) else {
            throw Problem(status: .serviceUnavailable, detail: "De database is niet bereikbaar.", checks: ["database": "onbereikbaar"])
        }
        return Status(status: "ok", checks: ["database": "ok"])
    }
}
