import EmbeddedPostgres
import Foundation
import Postgres
import TestDatabase
import Testing
import VoorveldHTTP
import VoorveldStore

/// A fresh Voorveld database for one test: migrated (and optionally seeded) as the owner, with a
/// second pool that connects as the service's login role, bound by row-level security.
struct TestEnvironment {
    let owner: ConnectionPool
    let service: ConnectionPool

    /// bcrypt at its lowest cost: the tests hash many passwords.
    static let hasher = PasswordHasher(cost: 4)
    /// Tests log in from many suites at once; the real bound on password checks is tested on its
    /// own (LoginLimitTests), so here it is wide enough never to answer 'busy'.
    static let passwordChecks = PasswordCheckLimiter(running: 8, waiting: 10_000)
    static let sqlDirectory = TestDatabase.repositoryRoot + "/sql"
    static let seedDirectory = TestDatabase.repositoryRoot + "/seed-data"

    static func migrated() async throws -> TestEnvironment {
        try await copy(of: .migrated)
    }

    /// Seeded with the demo users; the demo hulpvragen only when asked, so tests count their own.
    static func seeded(hulpvragen: Bool = false) async throws -> TestEnvironment {
        try await copy(of: hulpvragen ? .demoHulpvragen : .demoGebruikers)
    }

    /// A database of the test's own, copied from a template that was migrated (and seeded) once for
    /// the whole run: copying takes a fraction of migrating from the first file and seeding.
    /// MigratorTests and SchemaSnapshotTests still migrate from the files themselves.
    private static func copy(of template: Template) async throws -> TestEnvironment {
        let configuration = try await TestDatabase.fresh(template: try await Templates.shared.name(of: template))
        let owner = ConnectionPool(.init(connection: configuration, maxConnections: 2))
        // A database's own rights are not copied with it: as the baseline migration does.
        try await owner.withConnection { connection in
            try await connection.executeScript(
                "DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$"
            )
        }
        var serviceConfiguration = configuration
        serviceConfiguration.parameters.append(("user", ServiceRole.login))
        return TestEnvironment(owner: owner, service: ConnectionPool(.init(connection: serviceConfiguration, maxConnections: 4)))
    }

    enum Template: CaseIterable {
        case migrated, demoGebruikers, demoHulpvragen
    }

    /// One template database of each kind per test run, made on first use.
    actor Templates {
        static let shared = Templates()
        private var made: [Template: Task<String, any Error>] = [:]

        func name(of template: Template) async throws -> String {
            if let task = made[template] { return try await task.value }
            let task = Task {
                let configuration = try await TestDatabase.fresh()
                let owner = ConnectionPool(.init(connection: configuration, maxConnections: 2))
                try await Migrator(directory: sqlDirectory).migrate(owner)
                try await LoginRole.shared.ensure(owner)
                if template != .migrated {
                    try await SeedLoader(directory: seedDirectory, hasher: hasher)
                        .load(into: owner, demoUsers: true, demoHulpvragen: template == .demoHulpvragen)
                }
                await owner.close()
                let name = try #require(configuration.parameters.last { $0.keyword == "dbname" }?.value)
                try await TestDatabase.closeForCopying(name)
                return name
            }
            made[template] = task
            return try await task.value
        }
    }

    var dependencies: AppDependencies {
        var settings = AuthStore.Settings()
        settings.maxFailuresPerName = 3
        return AppDependencies(pool: service, hasher: Self.hasher, authSettings: settings, passwordChecks: Self.passwordChecks)
    }

    func close() async {
        await service.close()
        await owner.close()
    }

    /// `scope` as the service really gets it: PostgreSQL takes the service's scope only from a
    /// user's proven token (sql/definitions/01_toegang.sql), so the user is made (or found) with exactly these roles and
    /// kernteams, given a token, and the scope comes from authenticating that token.
    func proven(_ scope: AccessScope) async throws -> AccessScope {
        let token = "vv_test_\(scope.gemeente)_\(scope.gebruiker)"
        try await owner.withTransaction { connection in
            try await connection.execute(
                "INSERT INTO gebruikers (gemeente, naam, weergavenaam) VALUES ($1, $2, $2) ON CONFLICT DO NOTHING",
                [scope.gemeente, scope.gebruiker]
            )
            for rol in scope.rollen {
                try await connection.execute(
                    "INSERT INTO gebruiker_rollen VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    [scope.gemeente, scope.gebruiker, rol.rawValue]
                )
            }
            for kernteam in scope.kernteams {
                try await connection.execute(
                    "INSERT INTO kernteamleden VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    [scope.gemeente, scope.gebruiker, kernteam]
                )
            }
            try await connection.execute(
                "INSERT INTO api_tokens (gemeente, gebruiker, hash, verloopt_op) VALUES ($1, $2, sha256(convert_to($3, 'UTF8')), now() + interval '1 day') ON CONFLICT DO NOTHING",
                [scope.gemeente, scope.gebruiker, token]
            )
        }
        let proven = try await Self.scope(token: token, service: service)
        try #require(
            proven.rollen == scope.rollen && proven.kernteams == scope.kernteams,
            "\(scope.gebruiker) already exists with other roles or kernteams: \(proven)"
        )
        return proven
    }

    /// The scope of whoever holds `token`, as the service authenticates it.
    static func scope(token: String, service: ConnectionPool) async throws -> AccessScope {
        AccessScope(try #require(try await AuthStore(pool: service).gebruiker(token: token), "token \(token) is not valid"))
    }
}

/// The login role is cluster-wide: made once per test run, not by every test at the same time.
actor LoginRole {
    static let shared = LoginRole()
    private var done = false

    func ensure(_ owner: ConnectionPool) async throws {
        guard !done else { return }
        try await ServiceRole.ensureLogin(owner)
        done = true
    }
}

/// A PostgreSQL cluster of a test's own, with PostgreSQL's default durability (the shared test
/// cluster runs without it, for speed), migrated and seeded with the demo users: for tests that
/// kill, copy or stop the server.
struct OwnCluster {
    let embedded: EmbeddedPostgres
    let owner: ConnectionPool

    static func start(demoHulpvragen: Bool) async throws -> OwnCluster {
        let embedded = try EmbeddedPostgres(.init(directory: TestDatabase.temporaryDirectory(), settings: ["max_connections": "50"]))
        _ = try await embedded.start()
        ShutdownAtExit.register(embedded)
        let owner = ConnectionPool(.init(connection: embedded.connection(user: embedded.configuration.user), maxConnections: 2))
        try await Migrator(directory: TestEnvironment.sqlDirectory).migrate(owner)
        try await ServiceRole.ensureLogin(owner)
        try await SeedLoader(directory: TestEnvironment.seedDirectory, hasher: TestEnvironment.hasher)
            .load(into: owner, demoUsers: true, demoHulpvragen: demoHulpvragen)
        return OwnCluster(embedded: embedded, owner: owner)
    }

    /// A pool of the service's login role on this cluster.
    func service(maxConnections: Int = 8) -> ConnectionPool {
        ConnectionPool(.init(connection: embedded.connection(user: ServiceRole.login), maxConnections: maxConnections, acquireTimeout: .seconds(2)))
    }
}

extension EmbeddedPostgres {
    func connection(user: String) -> ConnectionConfiguration {
        .unixSocket(directory: socketDirectory, database: configuration.database, user: user)
    }
}

/// Runs a program to its end; a non-zero exit fails the test with what it wrote to standard error.
/// With `asServer`, a PostgreSQL server program runs as the `postgres` user when we are root (as
/// EmbeddedPostgres does), into `folder`, which that user then owns.
func runProgram(_ program: String, _ arguments: [String], asServerIn folder: String? = nil) throws {
    let process = Process()
    if let folder, geteuid() == 0 {
        try FileManager.default.setAttributes(
            [.ownerAccountName: "postgres", .groupOwnerAccountName: "postgres", .posixPermissions: 0o700],
            ofItemAtPath: folder
        )
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        process.arguments = ["-u", "postgres", "--", program] + arguments
    } else {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
    }
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    try #require(process.terminationStatus == 0, "\(program) failed: \(message)")
}
