import Foundation
import Postgres
import TestDatabase
import VoorveldHTTP
import VoorveldStore

/// A fresh Voorveld database for one test: migrated (and optionally seeded) as the owner, with a
/// second pool that connects as the service's login role, bound by row-level security.
struct TestEnvironment {
    let owner: ConnectionPool
    let service: ConnectionPool

    /// bcrypt at its lowest cost: the tests hash many passwords.
    static let hasher = PasswordHasher(cost: 4)
    static let sqlDirectory = TestDatabase.repositoryRoot + "/sql"
    static let seedDirectory = TestDatabase.repositoryRoot + "/seed-data"

    static func migrated() async throws -> TestEnvironment {
        let configuration = try await TestDatabase.fresh()
        let owner = ConnectionPool(.init(connection: configuration, maxConnections: 2))
        try await Migrator(directory: sqlDirectory).migrate(owner)
        try await LoginRole.shared.ensure(owner)
        var serviceConfiguration = configuration
        serviceConfiguration.parameters.append(("user", ServiceRole.login))
        return TestEnvironment(owner: owner, service: ConnectionPool(.init(connection: serviceConfiguration, maxConnections: 4)))
    }

    /// Seeded with the demo users; the demo hulpvragen only when asked, so tests count their own.
    static func seeded(hulpvragen: Bool = false) async throws -> TestEnvironment {
        let environment = try await migrated()
        try await SeedLoader(directory: seedDirectory, hasher: hasher).load(into: environment.owner, demoUsers: true, demoHulpvragen: hulpvragen)
        return environment
    }

    var dependencies: AppDependencies {
        var settings = AuthStore.Settings()
        settings.maxFailuresPerName = 3
        return AppDependencies(pool: service, hasher: Self.hasher, authSettings: settings)
    }

    func close() async {
        await service.close()
        await owner.close()
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

/// The demo users of `seed-data/demo-gebruikers.csv`, by role.
enum Demo {
    static let kernteamlid = (naam: "kernteamlid", wachtwoord: "demo-kernteamlid", token: "vv_demo_kernteamlid_0000000000000000000000000000")
    static let steunpunt = (naam: "steunpunt", wachtwoord: "demo-steunpunt", token: "vv_demo_steunpunt_00000000000000000000000000000")
    static let wethouder = (naam: "wethouder", wachtwoord: "demo-wethouder", token: "vv_demo_wethouder_00000000000000000000000000000")
    static let beheerder = (naam: "beheerder", wachtwoord: "demo-beheerder", token: "vv_demo_beheerder_00000000000000000000000000000")
    static let twenterand = (naam: "kernteamlid.twenterand", wachtwoord: "demo-twenterand", token: "vv_demo_twenterand_0000000000000000000000000000")
}
