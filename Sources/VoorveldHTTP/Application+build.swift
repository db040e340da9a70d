import Hummingbird
import Logging
import Postgres
import Voorveld
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

/// What the application runs on: the service's database pool and how passwords are hashed.
public struct AppDependencies: Sendable {
    public var pool: ConnectionPool
    public var hasher: PasswordHasher
    public var authSettings: AuthStore.Settings
    /// Disclosure control of the wethouder's figures.
    public var onthulling: Onthulling
    /// What `/metrics` reports; one per application.
    public var metrics: Metrics
    /// A read replica for the wethouder's figures (`REPORTS_DATABASE_URL`); nil: the primary.
    public var rapportage: ConnectionPool?
    /// Beyond this many requests in progress, more are refused at once with 503 and Retry-After.
    public var maxRequestsInFlight: Int
    /// The bearer token a Prometheus scraper sends for `/metrics`; nil: no metrics.
    public var metricsToken: String?
    /// Addresses of reverse proxies whose `X-Forwarded-For` names the client (for the login lockout).
    public var trustedProxies: Set<String>
    /// How many password checks run at once, and how many wait (one per core unless set).
    public var passwordChecks: PasswordCheckLimiter

    public init(
        pool: ConnectionPool,
        hasher: PasswordHasher = PasswordHasher(),
        authSettings: AuthStore.Settings = .init(),
        onthulling: Onthulling = Onthulling(),
        metrics: Metrics = Metrics(),
        rapportage: ConnectionPool? = nil,
        maxRequestsInFlight: Int = 64,
        metricsToken: String? = nil,
        trustedProxies: Set<String> = [],
        passwordChecks: PasswordCheckLimiter = .shared
    ) {
        self.pool = pool
        self.hasher = hasher
        self.authSettings = authSettings
        self.onthulling = onthulling
        self.metrics = metrics
        self.rapportage = rapportage
        self.maxRequestsInFlight = maxRequestsInFlight
        self.metricsToken = metricsToken
        self.trustedProxies = trustedProxies
        self.passwordChecks = passwordChecks
    }
}

/// Builds the application: routes, middleware and server settings. `voorveld serve` runs what
/// this returns; the tests drive the same thing through `app.test(.router)`.
public func buildApplication(_ configuration: HTTPConfiguration, dependencies: AppDependencies, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(dependencies),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "voorveld"),
        logger: logger
    )
}

/// Every route of the service. The access-matrix test reads `router.routes` to make sure each
/// one is covered for every role.
public func buildRouter(_ dependencies: AppDependencies) -> Router<AppRequestContext> {
    let pool = dependencies.pool
    let auth = AuthStore(pool: pool, hasher: dependencies.hasher, settings: dependencies.authSettings, limiter: dependencies.passwordChecks)
    let router = Router(context: AppRequestContext.self)
    // Outermost first: every answer gets an id and a log line, then the security headers, and
    // every error becomes problem+json (or an error page) before either sees it. Authentication
    // comes after, so a refused token is a problem+json answer too; the routes' errors are turned
    // into answers inside authentication, where an error page knows the user for its menu.
    router.middlewares.add(ClientAddressMiddleware(trustedProxies: dependencies.trustedProxies))
    router.middlewares.add(RequestLogMiddleware())
    router.middlewares.add(MetricsMiddleware(metrics: dependencies.metrics))
    router.middlewares.add(SecurityHeadersMiddleware())
    let routes = RouteTable()
    router.middlewares.add(ProblemMiddleware(routes: routes))
    router.middlewares.add(LoadSheddingMiddleware(limit: dependencies.maxRequestsInFlight, metrics: dependencies.metrics))
    router.middlewares.add(AuthenticationMiddleware(auth: auth))
    router.middlewares.add(ProblemMiddleware(routes: routes))
    // Innermost: a refusal because of role is audited before it becomes an answer.
    router.middlewares.add(RefusalAuditMiddleware(audit: AuditStore(pool: pool)))

    // One service per feature, shared by the API and the pages.
    let hulpvragen = HulpvraagService(pool: pool)
    let koppelingen = KoppelingService(pool: pool, metrics: dependencies.metrics)
    let cijfers = CijfersService(pool: pool, rapportage: dependencies.rapportage, onthulling: dependencies.onthulling)
    let vrijwilligers = RegisterService.vrijwilligers(pool)
    let voorzieningen = RegisterService.voorzieningen(pool)
    let idempotentie = IdempotentieStore(pool: pool)

    HealthController(pool: pool, rapportage: dependencies.rapportage, metrics: dependencies.metrics, metricsToken: dependencies.metricsToken)
        .addRoutes(to: router)
    StartPage(gebieden: GebiedStore(pool: pool)).addRoutes(to: router)
    LoginPage(auth: auth).addRoutes(to: router)
    HulpvraagPages(pool: pool, hulpvragen: hulpvragen, koppelingen: koppelingen).addRoutes(to: router)
    VrijwilligerPages(
        pool: pool,
        vrijwilligers: VrijwilligerStore(pool: pool),
        register: vrijwilligers,
        koppelingen: KoppelingStore(pool: pool),
        referenties: ReferentieStore(pool: pool)
    )
    .addRoutes(to: router)
    VoorzieningPages(pool: pool, voorzieningen: VoorzieningStore(pool: pool), register: voorzieningen, referenties: ReferentieStore(pool: pool))
        .addRoutes(to: router)
    CijfersPage(pool: pool, service: cijfers).addRoutes(to: router)
    IkController().addRoutes(to: router)
    GebiedController(gebieden: GebiedStore(pool: pool)).addRoutes(to: router)
    CodelijstenController(referenties: ReferentieStore(pool: pool), hulpvragen: hulpvragen, koppelingen: koppelingen).addRoutes(to: router)
    VrijwilligersController(vrijwilligers: VrijwilligerStore(pool: pool), register: vrijwilligers, idempotentie: idempotentie).addRoutes(to: router)
    VoorzieningenController(
        voorzieningen: VoorzieningStore(pool: pool),
        referenties: ReferentieStore(pool: pool),
        register: voorzieningen,
        idempotentie: idempotentie
    )
    .addRoutes(to: router)
    HulpvragenController(service: hulpvragen, koppelingen: koppelingen, idempotentie: idempotentie).addRoutes(to: router)
    KoppelingenController(service: koppelingen).addRoutes(to: router)
    CijfersController(service: cijfers).addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)
    BeheerController(users: UserStore(pool: pool, hasher: dependencies.hasher), audit: AuditStore(pool: pool)).addRoutes(to: router)
    routes.set(router.routes.map { ($0.method.rawValue, $0.path.description) })
    return router
}
