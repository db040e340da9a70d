import Hummingbird
import Postgres

/// `/health/live`: the process answers. `/health/ready`: it can serve, i.e. the database answers.
/// `/metrics`: the operators' figures (`Metrics`), for a scraper on the same host or a beheerder.
struct HealthController {
    let pool: ConnectionPool
    /// The reports database, when the figures are read from a replica.
    let rapportage: ConnectionPool?
    let metrics: Metrics

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/health/live", use: live)
        router.get("/health/ready", use: ready)
        router.get("/metrics", use: metricsText)
    }

    /// Prometheus text. The figures hold no personal data, but they tell about load and use: a
    /// scraper on this host (loopback) gets them, anyone else needs a beheerder's token.
    @Sendable func metricsText(_ request: Request, context: AppRequestContext) async throws -> Response {
        if !Self.isLoopback(context.remoteAddress) { _ = try context.require(.beheerder) }
        let text = metrics.render(pool: await pool.statistics(), maxConnections: pool.configuration.maxConnections)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func isLoopback(_ address: String) -> Bool {
        address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
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
        // The reports database is told apart: without it only the figures fail, so the service
        // stays ready, and the check says which one is down.
        async let primary = pool.ping(timeout: .seconds(2))
        async let reports = rapportage?.ping(timeout: .seconds(2))
        var checks = ["database": await primary ? "ok" : "onbereikbaar"]
        if let reports = await reports { checks["rapportagedatabase"] = reports ? "ok" : "onbereikbaar" }
        guard checks["database"] == "ok" else {
            throw Problem(status: .serviceUnavailable, detail: "De database is niet bereikbaar.", checks: checks)
        }
        return Status(status: "ok", checks: checks)
    }
}
