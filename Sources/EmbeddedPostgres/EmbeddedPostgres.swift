import Foundation
import Logging

/// A private PostgreSQL cluster in a data folder, for running Voorveld with nothing configured
/// and for the test suite.
///
/// The folder holds the cluster (`pgdata/`), its log (`postgres.log`) and its Unix socket. The
/// server listens on that socket only, never on TCP, and the folder is readable by its owner
/// only; within it, connections are trusted, so the folder's permissions are the access control.
///
/// PostgreSQL refuses to run as root. When this process is root, the cluster is created and run
/// as the unprivileged `postgres` OS user, which Debian's `postgresql` package creates.
public struct EmbeddedPostgres: Sendable {
    public struct Configuration: Sendable {
        /// The data folder; made absolute.
        public var directory: String
        public var database: String
        public var user: String
        /// Extra server settings, written to the cluster's configuration at every start.
        public var settings: [String: String]

        public init(directory: String, database: String = "voorveld", user: String = "voorveld", settings: [String: String] = [:]) {
            self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
            self.database = database
            self.user = user
            self.settings = settings
        }
    }

    /// What `start()` found.
    public enum StartOutcome: Sendable, Equatable {
        /// The folder was empty: a new cluster and database were made.
        case created
        /// An existing cluster was started.
        case started
        /// The cluster was already running (left by an earlier run); it is used as it is.
        case alreadyRunning
    }

    public let configuration: Configuration
    private let binaries: PostgresBinaries
    private let logger: Logger

    /// - Throws: `EmbeddedPostgresError.binariesNotFound` when PostgreSQL's server programs are not installed.
    public init(_ configuration: Configuration, logger: Logger = Logger(label: "voorveld.embedded-postgres")) throws {
        self.configuration = configuration
        self.binaries = try PostgresBinaries.locate()
        self.logger = logger
        // A Unix socket path is limited to 107 bytes; fail now with a clear message, not later with a cryptic one.
        let socketPath = configuration.directory + "/.s.PGSQL.5432"
        guard socketPath.utf8.count <= 100 else {
            throw EmbeddedPostgresError.directoryPathTooLong(configuration.directory)
        }
    }

    public var clusterDirectory: String { configuration.directory + "/pgdata" }
    public var logFile: String { configuration.directory + "/postgres.log" }
    /// The folder holding the Unix socket, for libpq's `host`.
    public var socketDirectory: String { configuration.directory }

    /// A PostgreSQL client program that came with the server (`pgbench`, `psql`), if installed.
    public func clientProgram(_ name: String) -> String? {
        let path = URL(fileURLWithPath: binaries.initdb).deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Creates the cluster if the folder holds none, then starts it.
    public func start() async throws -> StartOutcome {
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: configuration.directory, withIntermediateDirectories: true)
        try await prepareOwnership()

        let isNew = !fileManager.fileExists(atPath: clusterDirectory + "/PG_VERSION")
        if isNew {
            logger.info("creating a PostgreSQL cluster", metadata: ["directory": "\(clusterDirectory)"])
            try await runAsOwner(
                binaries.initdb,
                [
                    "-D", clusterDirectory, "-U", configuration.user, "--auth=trust",
                    "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions",
                ]
            )
            let include = "\n# Written by Voorveld: socket, listen address and settings.\ninclude_if_exists = 'voorveld.conf'\n"
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: clusterDirectory + "/postgresql.conf"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(include.utf8))
            try handle.close()
        }
        try writeSettings()

        if try await isRunning() {
            logger.warning("PostgreSQL was already running in the data folder; using it", metadata: ["directory": "\(clusterDirectory)"])
            return .alreadyRunning
        }
        try await runAsOwner(binaries.pgCtl, ["start", "-D", clusterDirectory, "-l", logFile, "-w", "-t", "60", "-s"])
        if isNew {
            try await runAsOwner(binaries.createdb, ["-h", socketDirectory, "-U", configuration.user, configuration.database])
        }
        logger.info("PostgreSQL started", metadata: ["socket": "\(socketDirectory)"])
        return isNew ? .created : .started
    }

    /// Stops the cluster ("fast": running sessions are ended), waiting until it is down.
    public func stop() async throws {
        guard try await isRunning() else { return }
        let pid = postmasterPID()
        try await runAsOwner(binaries.pgCtl, ["stop", "-D", clusterDirectory, "-m", "fast", "-w", "-t", "60", "-s"])
        // pg_ctl returns once the pid file is gone, a moment before the process itself is.
        if let pid {
            for _ in 0..<200 where kill(pid, 0) == 0 { try await Task.sleep(for: .milliseconds(25)) }
            if kill(pid, 0) == 0 { logger.warning("the PostgreSQL server process is still there after stopping", metadata: ["pid": "\(pid)"]) }
        }
        logger.info("PostgreSQL stopped", metadata: ["directory": "\(clusterDirectory)"])
    }

    /// Whether a server is running on the cluster now.
    public func isRunning() async throws -> Bool {
        guard FileManager.default.fileExists(atPath: clusterDirectory + "/PG_VERSION") else { return false }
        // pg_ctl status: 0 running, 3 not running, 4 no accessible cluster.
        let result = try await runAsOwner(binaries.pgCtl, ["status", "-D", clusterDirectory], allowFailure: true)
        return result.status == 0
    }

    /// The postmaster's process id while the cluster runs.
    public func postmasterPID() -> Int32? {
        guard let text = try? String(contentsOfFile: clusterDirectory + "/postmaster.pid", encoding: .utf8),
            let first = text.split(separator: "\n").first
        else { return nil }
        return Int32(first.trimmingCharacters(in: .whitespaces))
    }

    // MARK: - Files and processes

    private var runsAsRoot: Bool { geteuid() == 0 }

    /// As root the folder must belong to `postgres`; either way only its owner may enter it.
    private func prepareOwnership() async throws {
        if runsAsRoot {
            guard let account = getpwnam("postgres") else { throw EmbeddedPostgresError.noPostgresUser }
            if chown(configuration.directory, account.pointee.pw_uid, account.pointee.pw_gid) != 0 {
                throw EmbeddedPostgresError.cannotPrepare(configuration.directory, String(cString: strerror(errno)))
            }
            // The postgres user must be able to reach the folder through every parent.
            let probe = try await Subprocess.run(binaries.runuser, ["-u", "postgres", "--", "test", "-w", configuration.directory])
            guard probe.status == 0 else { throw EmbeddedPostgresError.notReachableByPostgresUser(configuration.directory) }
        }
        chmod(configuration.directory, 0o700)
    }

    /// Server settings that follow the folder: where the socket lives, and no TCP at all.
    private func writeSettings() throws {
        var settings = [
            "listen_addresses": "",
            "unix_socket_directories": socketDirectory,
            "unix_socket_permissions": "0700",
        ]
        settings.merge(configuration.settings) { _, new in new }
        let lines = settings.keys.sorted().map { key in
            "\(key) = '\(settings[key]!.replacingOccurrences(of: "'", with: "''"))'"
        }
        let path = clusterDirectory + "/voorveld.conf"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        if runsAsRoot, let account = getpwnam("postgres") {
            chown(path, account.pointee.pw_uid, account.pointee.pw_gid)
        }
    }

    @discardableResult
    private func runAsOwner(_ program: String, _ arguments: [String], allowFailure: Bool = false) async throws -> Subprocess.Result {
        // Keep the operator's PG* variables away from the embedded cluster's tools.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["LC_ALL"] = "C.UTF-8"
        let result: Subprocess.Result
        if runsAsRoot {
            result = try await Subprocess.run(binaries.runuser, ["-u", "postgres", "--", program] + arguments, environment: environment)
        } else {
            result = try await Subprocess.run(program, arguments, environment: environment)
        }
        if result.status != 0 && !allowFailure {
            var output = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            if program == binaries.pgCtl, let log = try? String(contentsOfFile: logFile, encoding: .utf8) {
                output += "\n--- last lines of \(logFile) ---\n" + log.split(separator: "\n").suffix(15).joined(separator: "\n")
            }
            throw EmbeddedPostgresError.commandFailed(
                command: ([URL(fileURLWithPath: program).lastPathComponent] + arguments).joined(separator: " "),
                status: result.status,
                output: output
            )
        }
        return result
    }
}

public enum EmbeddedPostgresError: Error, CustomStringConvertible {
    case binariesNotFound(searched: [String])
    case noPostgresUser
    case notReachableByPostgresUser(String)
    case cannotPrepare(String, String)
    case directoryPathTooLong(String)
    case commandFailed(command: String, status: Int32, output: String)

    public var description: String {
        switch self {
        case .binariesNotFound(let searched):
            "PostgreSQL's server programs (initdb, pg_ctl) were not found on PATH or in \(searched.joined(separator: ", ")). "
                + "Install them (Debian/Ubuntu: apt-get install postgresql), or point Voorveld at an existing server with DATABASE_URL or PGHOST."
        case .noPostgresUser:
            "PostgreSQL refuses to run as root, and there is no 'postgres' OS user to run it as. "
                + "Install Debian's postgresql package (it creates that user), or run Voorveld as an ordinary user."
        case .notReachableByPostgresUser(let directory):
            "The embedded database must run as the 'postgres' OS user (this process is root), but that user cannot write to \(directory). "
                + "Choose a data folder whose parent folders others may enter (e.g. --data-dir /var/lib/voorveld)."
        case .cannotPrepare(let directory, let reason):
            "Cannot prepare the data folder \(directory): \(reason)"
        case .directoryPathTooLong(let directory):
            "The data folder path \(directory) is too long for a Unix socket (at most about 100 characters); choose a shorter one."
        case .commandFailed(let command, let status, let output):
            "\(command) failed with exit status \(status):\n\(output)"
        }
    }
}
