import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Postgres
import ServiceLifecycle
import Voorveld
import VoorveldHTTP
import VoorveldStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Voorveld web service (API and pages).",
        discussion: """
            Migrates the database first. With no database configured it starts its own PostgreSQL in
            --data-dir and, the first time, loads the demo data from seed-data/. SIGTERM or Ctrl-C
            stops it gracefully: requests in flight finish, then the pool closes, then PostgreSQL stops.
            """
    )

    @Option(name: .long, help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0 picks a free one).")
    var port: Int = 8080

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Folder with the seed CSV files, loaded on the embedded database's first start.", valueName: "path"))
    var seedDir: String?

    @Option(
        name: .long,
        help:
            "The wethouder's figures: counts whose noisy value is below this are never shown (from 5: a single hulpvraag plus the largest noise must stay below it)."
    )
    var suppressionThreshold: Int = 5

    @Option(name: .long, help: "Beyond this many requests in progress, more are refused at once with 503 and Retry-After.")
    var maxRequestsInFlight = 64

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The address of a reverse proxy in front of the service, whose X-Forwarded-For names the client (repeat for more).",
            valueName: "ip"
        )
    )
    var trustedProxy: [String] = []

    @Option(name: .long, help: "The wethouder's figures: percentages only from this denominator on.")
    var minimumDenominator: Int = 10

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        // One hulpvraag with the largest noise must stay hidden: 1 + 3 < 5.
        guard (Onthulling.maximaleRuis + 2...100).contains(suppressionThreshold) else {
            throw ValidationError("--suppression-threshold must be from \(Onthulling.maximaleRuis + 2) to 100.")
        }
        guard maxRequestsInFlight >= 1 else { throw ValidationError("--max-requests-in-flight must be at least 1.") }
        guard minimumDenominator >= suppressionThreshold else { throw ValidationError("--minimum-denominator must be at least the threshold.") }
    }

    func run() async throws {
        let logger = database.makeLogger("voorveld")
        let server = VoorveldServer(
            http: HTTPConfiguration(host: host, port: port),
            database: database,
            seedDirectory: try Resources.directory("seed-data", given: seedDir),
            onthulling: Onthulling(drempel: suppressionThreshold, minimumNoemer: minimumDenominator),
            maxRequestsInFlight: maxRequestsInFlight,
            trustedProxies: Set(trustedProxy),
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [server],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }
}

/// The service as one unit, so start-up and shut-down happen in a fixed order:
/// database, migrations, (demo data), HTTP; and on shutdown HTTP drains, the pool closes,
/// and the embedded PostgreSQL stops last.
struct VoorveldServer: Service {
    let http: HTTPConfiguration
    let database: DatabaseOptions
    let seedDirectory: String
    var onthulling = Onthulling()
    var maxRequestsInFlight = 64
    var trustedProxies: Set<String> = []
    let logger: Logger

    func run() async throws {
        let session = try await DatabaseSession.open(database, logger: logger)
        do {
            try await session.prepare(database, seedDirectory: seedDirectory, logger: logger)
            // Row-level security is only a second line if the service's role cannot bypass it.
            try await ServiceRole.verify(session.service)
            if let reports = session.reports {
                // A replica that is away at start-up only takes the figures down, not the service.
                do {
                    try await ServiceRole.verify(reports)
                } catch let error as PostgresError where error.kind == .connection || error.kind == .poolTimeout {
                    logger.warning("the reports database is not reachable; the figures answer 503 until it is", metadata: ["error": "\(error.kind)"])
                }
            }
            let metricsToken = ProcessInfo.processInfo.environment["VOORVELD_METRICS_TOKEN"].flatMap { $0.count >= 16 ? $0 : nil }
            let app = buildApplication(
                http,
                dependencies: AppDependencies(
                    pool: session.service,
                    hasher: database.hasher,
                    onthulling: onthulling,
                    rapportage: session.reports,
                    maxRequestsInFlight: maxRequestsInFlight,
                    metricsToken: metricsToken,
                    trustedProxies: trustedProxies
                ),
                logger: logger
            )
            try await app.run()
        } catch {
            await session.close()
            throw error
        }
        await session.close()
        logger.info("Voorveld stopped")
    }
}
