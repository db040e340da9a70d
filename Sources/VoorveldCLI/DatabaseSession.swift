import EmbeddedPostgres
import Foundation
import Logging
import Postgres
import VoorveldStore

/// The databases a command works with.
///
/// - `owner`: the role that owns the tables; runs migrations, seed loading and operator commands.
/// - `service`: the role the web service runs as; owns nothing and is bound by row-level security.
///
/// With the embedded default both are made here (`voorveld`, a superuser, and `voorveld_app`), and
/// the embedded server is started now and stopped at `close()`. Otherwise `DATABASE_URL` (or the
/// `PG*` variables) names the service's connection and `DATABASE_OWNER_URL` the owner's; without
/// an owner URL, the service's connection is used for operator commands too.
struct DatabaseSession {
    let owner: ConnectionPool
    let service: ConnectionPool
    /// A streaming replica for the figures (`REPORTS_DATABASE_URL`), as the service's role.
    var reports: ConnectionPool? = nil
    /// Whether `owner` is a connection of its own (embedded, or DATABASE_OWNER_URL), so that
    /// `serve` may migrate with it.
    let hasOwnerConnection: Bool
    let embedded: EmbeddedPostgres?
    /// True when the embedded cluster was created just now (so it still needs its demo data).
    let isNewCluster: Bool
    /// Held while this session uses the embedded data folder, so that the last Voorveld process
    /// to leave it stops the server, and none stops it under another (a command run while `serve`
    /// runs on the same folder, or a `serve` started while a command runs).
    var folderLock: DataFolderLock? = nil

    /// - Parameter serverSettings: extra settings for the embedded PostgreSQL (a benchmark's memory).
    static func open(_ options: DatabaseOptions, serverSettings: [String: String] = [:], logger: Logger) async throws -> DatabaseSession {
        let environment = ProcessInfo.processInfo.environment
        if let configured = ConnectionConfiguration.fromEnvironment(environment) {
            let ownerURL = environment["DATABASE_OWNER_URL"].flatMap { $0.isEmpty ? nil : $0 }
            let ownerConfiguration = ownerURL.map { ConnectionConfiguration(url: $0) }
            logger.info("using the configured PostgreSQL", metadata: ["target": "\(configured)"])
            let service = ConnectionPool(.init(connection: configured, maxConnections: options.maxConnections), logger: logger)
            let owner = ownerConfiguration.map { ConnectionPool(.init(connection: $0, maxConnections: 2), logger: logger) } ?? service
            var session = DatabaseSession(
                owner: owner,
                service: service,
                hasOwnerConnection: ownerConfiguration != nil,
                embedded: nil,
                isNewCluster: false
            )
            if let reportsURL = environment["REPORTS_DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
                let reports = ConnectionConfiguration(url: reportsURL)
                logger.info("reading the figures from the reports database", metadata: ["target": "\(reports)"])
                session.reports = ConnectionPool(.init(connection: reports, maxConnections: max(2, options.maxConnections / 2)), logger: logger)
            }
            return session
        }
        guard ProcessInfo.processInfo.environment["DATABASE_OWNER_URL"] == nil else {
            throw CommandError("DATABASE_OWNER_URL is set but DATABASE_URL (or PGHOST...) is not: set both, or neither for the embedded database.")
        }
        let embedded = try EmbeddedPostgres(.init(directory: options.dataDir, settings: serverSettings), logger: logger)
        let folderLock = try DataFolderLock(directory: options.dataDir)
        let outcome = try await embedded.start()
        func pool(user: String, size: Int) -> ConnectionPool {
            ConnectionPool(
                .init(
                    connection: .unixSocket(directory: embedded.socketDirectory, database: embedded.configuration.database, user: user),
                    maxConnections: size
                ),
                logger: logger
            )
        }
        return DatabaseSession(
            owner: pool(user: embedded.configuration.user, size: 2),
            service: pool(user: ServiceRole.login, size: options.maxConnections),
            hasOwnerConnection: true,
            embedded: embedded,
            isNewCluster: outcome == .created,
            folderLock: folderLock
        )
    }

    /// Brings the schema up to date: with the owner's connection when there is one; otherwise it
    /// only checks that nothing is pending, since the service's role may not change the schema.
    func migrate(_ migrator: Migrator) async throws {
        if hasOwnerConnection {
            try await migrator.migrate(owner)
            if embedded != nil { try await ServiceRole.ensureLogin(owner) }
        } else {
            let pending = try await migrator.pending(service)
            guard pending.isEmpty else {
                throw CommandError(
                    "\(pending.count) SQL file(s) are pending (\(pending.joined(separator: ", "))). "
                        + "Run `voorveld migrate` as the owner of the tables (DATABASE_OWNER_URL), or set DATABASE_OWNER_URL for `serve`."
                )
            }
        }
    }

    /// Makes the database ready for use: migrated, and, when the embedded cluster is new, loaded
    /// with the demo data (the embedded default is a demonstration environment).
    func prepare(_ options: DatabaseOptions, seedDirectory: String? = nil, logger: Logger) async throws {
        let migrator = try Migrator(directory: try Resources.directory("sql", given: options.sqlDir), logger: logger)
        try await migrate(migrator)
        if isNewCluster {
            let directory = try seedDirectory ?? Resources.directory("seed-data", given: nil)
            logger.info("new embedded database: loading the demo data", metadata: ["from": "\(directory)"])
            try await SeedLoader(directory: directory, hasher: options.hasher, logger: logger).load(into: owner, demoUsers: true)
        }
    }

    /// Closes the pools, then stops the embedded server if no other Voorveld process uses the
    /// data folder now.
    func close() async {
        await reports?.close()
        await service.close()
        if owner !== service { await owner.close() }
        guard let folderLock else { return }
        guard folderLock.isLast() else {
            Logger(label: "voorveld").info("another Voorveld process uses the embedded PostgreSQL; leaving it running")
            return
        }
        do {
            try await embedded?.stop()
        } catch {
            Logger(label: "voorveld").error("could not stop the embedded PostgreSQL", metadata: ["error": "\(error)"])
        }
    }

    /// Runs `body` on a prepared database (unless `prepared` is false), then closes the session
    /// whether `body` threw or not.
    static func with<T>(
        _ options: DatabaseOptions,
        prepared: Bool = true,
        serverSettings: [String: String] = [:],
        logger: Logger,
        _ body: (DatabaseSession) async throws -> T
    ) async throws -> T {
        let session = try await open(options, serverSettings: serverSettings, logger: logger)
        do {
            if prepared { try await session.prepare(options, logger: logger) }
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }
}

/// A command failed for a reason the operator can act on; printed without the usage text.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A lock on `voorveld.lock` in the embedded data folder: every Voorveld process using the folder
/// holds it shared; the one that can make it exclusive is the last, and stops the server. Opening
/// waits while another process holds it exclusively, that is while it stops the server, so that a
/// new process starts the server again instead of finding it half stopped. The lock goes with the
/// process, however it ends.
final class DataFolderLock: Sendable {
    private let descriptor: Int32

    init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        descriptor = open(directory + "/voorveld.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandError("cannot open \(directory)/voorveld.lock: errno \(errno)")
        }
        while flock(descriptor, LOCK_SH) != 0 {
            guard errno == EINTR else { throw CommandError("cannot lock \(directory)/voorveld.lock: errno \(errno)") }
        }
    }

    /// Whether no other Voorveld process uses the folder: the lock is then exclusive, held until
    /// this process ends (or this object goes), so that none starts using the server while it stops.
    func isLast() -> Bool { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }

    deinit { close(descriptor) }
}
