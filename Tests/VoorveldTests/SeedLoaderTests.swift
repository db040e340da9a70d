import Foundation
import Postgres
import TestDatabase
import Testing
import Voorveld
import VoorveldStore

@Suite("Seed data")
struct SeedLoaderTests {
    static let seedDirectory = TestDatabase.repositoryRoot + "/seed-data"

    static func migratedPool() async throws -> ConnectionPool {
        let pool = try await TestDatabase.freshPool()
        try await Migrator(directory: TestEnvironment.sqlDirectory).migrate(pool)
        return pool
    }

    /// Rows in a seed file, counted independently of the loader.
    static func rowCount(_ file: String) throws -> Int {
        try CSVTable(String(contentsOfFile: seedDirectory + "/" + file, encoding: .utf8)).rows.count
    }

    @Test("the seed files load completely, and loading twice changes nothing")
    func loadsEverything() async throws {
        let pool = try await Self.migratedPool()
        let loader = SeedLoader(directory: Self.seedDirectory, hasher: TestEnvironment.hasher)
        let summary = try await loader.load(into: pool)
        #expect(summary.kernen == (try Self.rowCount("kernen.csv")))
        try await loader.load(into: pool)

        let counts = try await pool.withConnection { connection in
            try await connection.queryOne(
                """
                SELECT (SELECT count(*) FROM gemeenten), (SELECT count(*) FROM kernen), (SELECT count(*) FROM kern_buren),
                       (SELECT count(*) FROM kernteams), (SELECT count(*) FROM kernteam_kernen), (SELECT count(*) FROM leefgebieden),
                       (SELECT count(*) FROM zrm2010_leefgebieden)
                """
            ) { row in try (0..<7).map { try row.decode($0, as: Int.self) } }
        }
        #expect(
            counts == [
                try Self.rowCount("gemeenten.csv"), try Self.rowCount("kernen.csv"), 2 * (try Self.rowCount("kern_buren.csv")),
                try Self.rowCount("kernteams.csv"), try Self.rowCount("kernteam_kernen.csv"), 13, try Self.rowCount("zrm2010_leefgebieden.csv"),
            ]
        )
        await pool.close()
    }

    @Test("the seed matches the source documents: Twenterand's two kernteams, Randwijk and Valburg served by others")
    func matchesTheSeeds() async throws {
        let pool = try await Self.migratedPool()
        try await SeedLoader(directory: Self.seedDirectory, hasher: TestEnvironment.hasher).load(into: pool)
        let teams = try await pool.withConnection { connection in
            try await connection.query(
                """
                SELECT t.naam, string_agg(k.naam, ', ' ORDER BY k.naam)
                FROM kernteams t JOIN kernteam_kernen tk USING (gemeente) JOIN kernen k ON k.gemeente = tk.gemeente AND k.code = tk.kern
                WHERE tk.kernteam = t.code AND t.gemeente = $1
                GROUP BY t.naam ORDER BY t.naam
                """,
                ["GM1700"]
            ) { row in try row.decode(0, as: String.self) + ": " + row.decode(1, as: String.self) }
        }
        #expect(teams.count == 2)
        #expect(teams.contains { $0.contains("Vroomshoop") && $0.contains("Den Ham") })
        #expect(teams.contains { $0.contains("Vriezenveen") && $0.contains("Westerhaar") })
        // Every kern is served by a kernteam, also those without a team of their own.
        let unserved = try await pool.withConnection { connection in
            try await connection.query(
                """
                SELECT k.naam FROM kernen k LEFT JOIN kernteam_kernen tk ON tk.gemeente = k.gemeente AND tk.kern = k.code
                WHERE tk.kern IS NULL
                """
            ) { row in try row.decode(0, as: String.self) }
        }
        #expect(unserved.isEmpty)
        let zrm = try await pool.withConnection { connection in
            try await connection.query("SELECT leefgebied FROM zrm2010_leefgebieden WHERE zrm2010_code = $1 ORDER BY leefgebied", ["adl"]) { row in
                try row.decode(0, as: String.self)
            }
        }
        #expect(zrm == ["basale-adl", "instrumentele-adl"])
        await pool.close()
    }

    @Test("demo users come only when asked for, and never overwrite a real user or revive a revoked token")
    func demoUsersOnlyOnRequest() async throws {
        let pool = try await Self.migratedPool()
        let loader = SeedLoader(directory: Self.seedDirectory, hasher: TestEnvironment.hasher)
        try await loader.load(into: pool)
        let users = UserStore(pool: pool, hasher: TestEnvironment.hasher)
        #expect(try await users.gemeente(of: "beheerder") == nil)
        // A real user who happens to be called 'beheerder'.
        try await users.add(
            .init(naam: "beheerder", weergavenaam: "Echte Beheerder", gemeente: "GM1734", rollen: [.beheerder], wachtwoord: "geheim-en-lang")
        )
        try await loader.load(into: pool, demoUsers: true)
        let name = try await users.list(in: .onderhoud(gemeente: "GM1734")).first { $0.naam == "beheerder" }?.weergavenaam
        #expect(name == "Echte Beheerder")
        #expect(try await users.gemeente(of: "kernteamlid") == "GM1734")
        // A revoked demo token stays revoked when the demo is loaded again.
        try await users.revokeTokens(naam: "kernteamlid")
        try await loader.load(into: pool, demoUsers: true)
        let auth = AuthStore(pool: pool, hasher: TestEnvironment.hasher, limiter: TestEnvironment.passwordChecks)
        #expect(try await auth.gebruiker(token: "vv_demo_kernteamlid_0000000000000000000000000000") == nil)
        await pool.close()
    }

    @Test("bad rows are all reported with file and line, and nothing is written")
    func badRowsRejected() async throws {
        let directory = TestDatabase.temporaryDirectory() + "/seed"
        try FileManager.default.copyItem(atPath: Self.seedDirectory, toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let kernen = directory + "/kernen.csv"
        var text = try String(contentsOfFile: kernen, encoding: .utf8)
        text += "GM9999,nergens,Nergens,52.0,5.0\nGM1734,Slecht Code,Slecht,91.0,5.0\n"
        try text.write(toFile: kernen, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n").count

        let pool = try await Self.migratedPool()
        let error = await #expect(throws: SeedError.self) {
            try await SeedLoader(directory: directory, hasher: TestEnvironment.hasher).load(into: pool)
        }
        let problems = error?.problems ?? []
        #expect(problems.contains(.init(file: "kernen.csv", line: lines - 1, message: "onbekende gemeente 'GM9999'")))
        #expect(problems.contains { $0.file == "kernen.csv" && $0.line == lines && $0.message.contains("code 'Slecht Code'") })
        #expect(problems.contains { $0.file == "kernen.csv" && $0.line == lines && $0.message.contains("coördinaten") })
        let written = try await pool.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM gemeenten") { row in try row.decode(0, as: Int.self) }
        }
        #expect(written == 0)
        await pool.close()
    }

    @Test("the schema keeps each gemeente's rows to itself")
    func gemeenteInEveryKey() async throws {
        let pool = try await Self.migratedPool()
        try await SeedLoader(directory: Self.seedDirectory, hasher: TestEnvironment.hasher).load(into: pool)
        // Heteren is an Overbetuwe kern: a Twenterand kernteam cannot serve it.
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in
                try await connection.execute(
                    "UPDATE kernteam_kernen SET kernteam = $1 WHERE gemeente = $2 AND kern = $3",
                    ["vroomshoop-den-ham", "GM1734", "heteren"]
                )
            }
        }
        #expect(error?.isForeignKeyViolation == true)
        await pool.close()
    }
}
