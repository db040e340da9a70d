import EmbeddedPostgres
import Foundation
import Postgres
import Synchronization

/// A real PostgreSQL for the test run.
///
/// With `DATABASE_URL` or `PG*` variables set, tests use that server (as CI or a developer
/// configures it). Otherwise the first test that needs one starts a private embedded cluster in a
/// temporary folder, shared by the whole run and shut down when the test process exits. Each
/// caller gets a database of its own, so tests running in parallel do not see each other.
public enum TestDatabase {
    /// A new database on the test server: empty, or a copy of `template` (a database made by
    /// `fresh` and then closed to connections with `closeForCopying`).
    public static func fresh(template: String? = nil) async throws -> ConnectionConfiguration {
        let server = try await TestServer.shared.configuration()
        let name = "voorveld_test_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = ConnectionPool(.init(connection: server, maxConnections: 1))
        defer { Task { await admin.close() } }
        // The names are generated here, never from input: an identifier cannot be a parameter.
        try await admin.withConnection { connection in
            try await connection.executeScript("CREATE DATABASE \(name)" + (template.map { " TEMPLATE \($0)" } ?? ""))
        }
        return server.database(name)
    }

    /// Makes database `name` a template for `fresh(template:)`: nobody connects to it any more
    /// (a copy needs a database without sessions).
    public static func closeForCopying(_ name: String) async throws {
        let admin = ConnectionPool(.init(connection: try await TestServer.shared.configuration(), maxConnections: 1))
        defer { Task { await admin.close() } }
        try await admin.withConnection { connection in
            try await connection.executeScript("ALTER DATABASE \(name) WITH ALLOW_CONNECTIONS false")
        }
    }

    /// A pool on a new, empty database.
    public static func freshPool(maxConnections: Int = 4, acquireTimeout: Duration = .seconds(5)) async throws -> ConnectionPool {
        ConnectionPool(.init(connection: try await fresh(), maxConnections: maxConnections, acquireTimeout: acquireTimeout))
    }

    /// Server settings for throw-away clusters: durability is not needed, speed is.
    public static let fastSettings = ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "300"]

    /// A folder for a cluster of a test's own (short, for the Unix socket path limit).
    public static func temporaryDirectory() -> String {
        let path = "/tmp/voorveld-test-\(UUID().uuidString.prefix(8).lowercased())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        ShutdownAtExit.remove(path)
        return path
    }

    /// The repository's root folder, found from this file's place in it.
    public static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Waits until `condition` holds, asking every `interval`: true once it does, false when
    /// `timeout` ran out first.
    ///
    /// For a test to wait for the very thing it needs (a request answered, a query running)
    /// instead of sleeping a fixed time that assumes how fast the machine is: CI runs the suites in
    /// parallel on two busy cores. The bound only ends a wait that would never succeed, so it is
    /// generous; the caller fails with a message that says what did not happen.
    public static func waitUntil(
        timeout: Duration = .seconds(120),
        every interval: Duration = .milliseconds(20),
        isolation: isolated (any Actor)? = #isolation,
        _ condition: () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if try await condition() { return true }
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: interval)
        }
    }
}

/// A number that concurrent tasks raise and a test waits on (with `TestDatabase.waitUntil`).
public final class Tally: Sendable {
    private let value = Mutex(0)
    public init() {}
    public func add(_ amount: Int = 1) { value.withLock { $0 += amount } }
    public var count: Int { value.withLock { $0 } }
}

/// The shared test server: configured, or embedded and started once.
actor TestServer {
    static let shared = TestServer()
    /// One start for the whole run, however many tests ask at once.
    private var starting: Task<ConnectionConfiguration, any Error>?

    func configuration() async throws -> ConnectionConfiguration {
        if let starting { return try await starting.value }
        let task = Task {
            if let configured = ConnectionConfiguration.fromEnvironment() { return configured }
            let embedded = try EmbeddedPostgres(.init(directory: TestDatabase.temporaryDirectory(), settings: TestDatabase.fastSettings))
            _ = try await embedded.start()
            ShutdownAtExit.register(embedded)
            return ConnectionConfiguration.unixSocket(
                directory: embedded.socketDirectory,
                database: embedded.configuration.database,
                user: embedded.configuration.user
            )
        }
        starting = task
        return try await task.value
    }
}

/// Stops embedded test clusters when the test process ends, so no server outlives `swift test`.
public enum ShutdownAtExit {
    private static let clusters = Mutex<[(pid: Int32, directory: String)]>([])
    private static let folders = Mutex<[String]>([])
    /// Installs the exit handler once: stop the clusters, then remove every test folder.
    private static let handler: Void = {
        atexit {
            for cluster in ShutdownAtExit.clusters.withLock({ $0 }) {
                ShutdownAtExit.stop(pid: cluster.pid, directory: cluster.directory)
            }
            for folder in ShutdownAtExit.folders.withLock({ $0 }) {
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
    }()

    /// Removes a test's temporary folder when the test process ends.
    public static func remove(_ folder: String) {
        _ = handler
        folders.withLock { $0.append(folder) }
    }

    /// Registers a started cluster; at exit its postmaster gets SIGQUIT (immediate shutdown) and
    /// its folder is removed.
    public static func register(_ embedded: EmbeddedPostgres) {
        guard let pid = embedded.postmasterPID() else { return }
        _ = handler
        clusters.withLock { $0.append((pid, embedded.configuration.directory)) }
    }

    /// Stops a postmaster and waits (up to 10 s) until it is gone, then removes its folder.
    public static func stop(pid: Int32, directory: String) {
        if kill(pid, SIGQUIT) == 0 {
            for _ in 0..<200 where kill(pid, 0) == 0 { usleep(50_000) }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
