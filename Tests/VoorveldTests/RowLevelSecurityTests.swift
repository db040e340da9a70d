import Foundation
import Postgres
import Testing
import Voorveld
import VoorveldStore

/// Row-level security, tested directly in SQL as the service's role: the second line that holds
/// even when the service's own checks are forgotten.
@Suite("Row-level security")
struct RowLevelSecurityTests {
    static let perGemeente = ["gemeenten", "kernen", "kern_buren", "kernteams", "kernteam_kernen", "gebruikers", "gebruiker_rollen", "kernteamleden", "auditlog"]

    @Test("with no scope set, the service sees no per-gemeente row at all")
    func nothingWithoutScope() async throws {
        let environment = try await TestEnvironment.seeded()
        try await environment.service.withConnection { connection in
            for table in Self.perGemeente {
                let count = try await connection.queryOne("SELECT count(*) FROM \(table)") { row in try row.decode(0, as: Int.self) }
                #expect(count == 0, "\(table) shows \(count ?? -1) rows without a scope")
            }
            // The shared code lists stay readable.
            let leefgebieden = try await connection.queryOne("SELECT count(*) FROM leefgebieden") { row in try row.decode(0, as: Int.self) }
            #expect(leefgebieden == 13)
        }
        await environment.close()
    }

    @Test("a query that forgets its gemeente filter still returns nothing foreign")
    func forgottenFilter() async throws {
        let environment = try await TestEnvironment.seeded()
        for gemeente in ["GM1734", "GM1700"] {
            let seen = try await environment.service.withTransaction(in: .init(gemeente: gemeente, gebruiker: "test", rollen: [.beheerder], kernteams: [])) { connection in
                var seen: Set<String> = []
                for table in Self.perGemeente where table != "gemeenten" {
                    // Deliberately no WHERE clause.
                    let gemeenten = try await connection.query("SELECT DISTINCT gemeente FROM \(table)") { row in try row.decode(0, as: String.self) }
                    seen.formUnion(gemeenten)
                }
                seen.formUnion(try await connection.query("SELECT code FROM gemeenten") { row in try row.decode(0, as: String.self) })
                return seen
            }
            #expect(seen == [gemeente])
        }
        // A gemeente that does not exist sees nothing.
        let nothing = try await environment.service.withTransaction(in: .init(gemeente: "GM9999", gebruiker: "test", rollen: [.beheerder], kernteams: [])) { connection in
            try await connection.queryOne("SELECT count(*) FROM kernen") { row in try row.decode(0, as: Int.self) }
        }
        #expect(nothing == 0)
        await environment.close()
    }

    @Test("the scope ends with its transaction and never reaches the next user of the connection")
    func scopeIsTransactionLocal() async throws {
        let environment = try await TestEnvironment.seeded()
        let pool = ConnectionPool(.init(connection: environment.service.configuration.connection, maxConnections: 1))
        let inside = try await pool.withTransaction(in: .onderhoud(gemeente: "GM1734")) { connection in
            try await connection.queryOne("SELECT count(*) FROM kernen") { row in try row.decode(0, as: Int.self) }
        }
        #expect(inside == 14)
        let after = try await pool.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM kernen") { row in try row.decode(0, as: Int.self) }
        }
        #expect(after == 0)
        await pool.close()
        await environment.close()
    }

    @Test("the audit log cannot be changed or removed by the service, nor written for another gemeente")
    func auditLogAppendOnly() async throws {
        let environment = try await TestEnvironment.seeded()
        let scope = AccessScope(gemeente: "GM1734", gebruiker: "beheerder", rollen: [.beheerder], kernteams: [])
        let regel = AuditRegel(gebruiker: "beheerder", rol: .beheerder, actie: "lezen", objectType: "test", objectId: nil, doel: "test", resultaat: .toegestaan)
        try await AuditStore(pool: environment.service).record(regel, in: scope)

        for statement in ["UPDATE auditlog SET doel = 'weg'", "DELETE FROM auditlog", "TRUNCATE auditlog"] {
            let error = await #expect(throws: PostgresError.self) {
                try await environment.service.withTransaction(in: scope) { connection in try await connection.execute(statement) }
            }
            #expect(error?.sqlState == "42501", "\(statement): \(String(describing: error))")
        }
        // Writing a line for another gemeente violates the policy.
        let foreign = await #expect(throws: PostgresError.self) {
            try await environment.service.withTransaction(in: scope) { connection in
                try await connection.execute(
                    "INSERT INTO auditlog (gemeente, gebruiker, actie, object_type, doel, resultaat) VALUES ($1, 'x', 'lezen', 'x', 'x', 'toegestaan')",
                    ["GM1700"])
            }
        }
        #expect(foreign?.sqlState == "42501")
        // Only a beheerder reads it.
        let asKernteamlid = try await AuditStore(pool: environment.service).list(.init(), in: .init(gemeente: "GM1734", gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"]))
        #expect(asKernteamlid.isEmpty)
        let asBeheerder = try await AuditStore(pool: environment.service).list(.init(), in: scope)
        #expect(asBeheerder.contains { $0.objectType == "test" })
        #expect(asBeheerder.allSatisfy { $0.gebruiker != "kernteamlid.twenterand" })
        await environment.close()
    }

    @Test("a user sees their own account; only the beheerder sees the gemeente's users")
    func usersVisibleToSelfOrBeheerder() async throws {
        let environment = try await TestEnvironment.seeded()
        let asKernteamlid = AccessScope(gemeente: "GM1734", gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])
        let seen = try await environment.service.withTransaction(in: asKernteamlid) { connection in
            try await connection.query("SELECT naam FROM gebruikers") { row in try row.decode(0, as: String.self) }
        }
        #expect(seen == ["kernteamlid"])
        let asBeheerder = AccessScope(gemeente: "GM1734", gebruiker: "beheerder", rollen: [.beheerder], kernteams: [])
        let all = try await environment.service.withTransaction(in: asBeheerder) { connection in
            try await connection.query("SELECT naam FROM gebruikers ORDER BY naam") { row in try row.decode(0, as: String.self) }
        }
        #expect(all == ["beheerder", "kernteamlid", "steunpunt", "wethouder"])
        await environment.close()
    }

    @Test("the service cannot forge audit history or make temporary tables")
    func noForgery() async throws {
        let environment = try await TestEnvironment.seeded()
        let scope = AccessScope(gemeente: "GM1734", gebruiker: "beheerder", rollen: [.beheerder], kernteams: [])
        let attempts = [
            // Backdating a line, choosing its id, or writing it in someone else's name.
            "INSERT INTO auditlog (gemeente, tijdstip, gebruiker, actie, object_type, doel, resultaat) VALUES ('GM1734', '2020-01-01', 'beheerder', 'lezen', 'x', 'x', 'toegestaan')",
            "INSERT INTO auditlog (gemeente, id, gebruiker, actie, object_type, doel, resultaat) OVERRIDING SYSTEM VALUE VALUES ('GM1734', 999999, 'beheerder', 'lezen', 'x', 'x', 'toegestaan')",
            "INSERT INTO auditlog (gemeente, gebruiker, actie, object_type, doel, resultaat) VALUES ('GM1734', 'iemand-anders', 'lezen', 'x', 'x', 'toegestaan')",
            // A temporary table could shadow a real one inside the owner's functions.
            "CREATE TEMPORARY TABLE sessies (hash bytea)",
        ]
        for statement in attempts {
            let error = await #expect(throws: PostgresError.self) {
                try await environment.service.withTransaction(in: scope) { connection in try await connection.execute(statement) }
            }
            #expect(error?.sqlState == "42501", "\(statement): \(String(describing: error))")
        }
        await environment.close()
    }

    @Test("the service never reads password hashes, tokens or sessions itself")
    func secretsOutOfReach() async throws {
        let environment = try await TestEnvironment.seeded()
        let scope = AccessScope.onderhoud(gemeente: "GM1734")
        for statement in ["SELECT wachtwoord_hash FROM gebruikers", "SELECT * FROM api_tokens", "SELECT * FROM sessies", "SELECT * FROM mislukte_inlogpogingen"] {
            let error = await #expect(throws: PostgresError.self) {
                try await environment.service.withTransaction(in: scope) { connection in try await connection.execute(statement) }
            }
            #expect(error?.sqlState == "42501", "\(statement)")
        }
        await environment.close()
    }

    @Test("Voorveld refuses to serve as a superuser or table owner, and accepts the service role")
    func serviceRoleChecked() async throws {
        let environment = try await TestEnvironment.migrated()
        await #expect(throws: ServiceRoleError.self) { try await ServiceRole.verify(environment.owner) }
        try await ServiceRole.verify(environment.service)
        await environment.close()
    }
}
