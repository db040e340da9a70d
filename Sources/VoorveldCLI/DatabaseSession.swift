import EmbeddedPostgres
import Foundation
import Logging
import Postgres

/// The database a command works on: the configured server, or the embedded one in the data
/// folder, which this session starts and, at `close()`, stops again.
struct DatabaseSession {
    let pool: ConnectionPool
    let embedded: EmbeddedPostgres?
    /// True when the embedded cluster was created just now (so it still needs its demo data).
    let isNewCluster: Bool

    static func open(_ options: DatabaseOptions, maxConnections: Int = 10, logger: Logger) async throws -> DatabaseSession {
        if let configured = ConnectionConfiguration.fromEnvironment() {
            logger.info("using the configured PostgreSQL", metadata: ["target": "\(configured)"])
            return DatabaseSession(pool: ConnectionPool(.init(connection: configured, maxConnections: maxConnections), logger: logger),
                                   embedded: nil, isNewCluster: false)
        }
        let embedded = try EmbeddedPostgres(.init(directory: options.dataDir), logger: logger)
        let outcome = try await embedded.start()
        let connection = ConnectionConfiguration.unixSocket(
            directory: embedded.socketDirectory, database: embedded.configuration.database, user: embedded.configuration.user)
        return DatabaseSession(pool: ConnectionPool(.init(connection: connection, maxConnections: maxConnections), logger: logger),
                               embedded: embedded, isNewCluster: outcome == .created)
    }

    /// Closes the pool, then stops the embedded server if this session runs one.
    func close() async {
        await pool.close()
        do {
            try await embedded?.stop()
        } catch {
            Logger(label: "voorveld").error("could not stop the embedded PostgreSQL", metadata: ["error": "\(error)"])
        }
    }

    /// Runs `body`, then closes the session whether `body` threw or not.
    static func with<T>(_ options: DatabaseOptions, logger: Logger, _ body: (DatabaseSession) async throws -> T) async throws -> T {
        let session = try await open(options, logger: logger)
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }
}
