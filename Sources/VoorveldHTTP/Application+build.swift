import Hummingbird
import Logging
import Postgres
import VoorveldStore

/// Where and how the HTTP server listens.
public struct HTTPConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// Builds the application: routes, middleware and server settings. `voorveld serve` runs what
/// this returns; the tests drive the same thing through `app.test(.router)`.
public func buildApplication(_ configuration: HTTPConfiguration, pool: ConnectionPool, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(pool: pool),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "voorveld"),
        logger: logger
    )
}

func buildRouter(pool: ConnectionPool) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // Outermost first: every answer gets an id and a log line, then the security headers, and
    // every error becomes problem+json before either sees it.
    router.middlewares.add(RequestLogMiddleware())
    router.middlewares.add(SecurityHeadersMiddleware())
    router.middlewares.add(ProblemMiddleware())

    HealthController(pool: pool).addRoutes(to: router)
    StartPage(gebieden: GebiedStore(pool: pool)).addRoutes(to: router)
    return router
}
