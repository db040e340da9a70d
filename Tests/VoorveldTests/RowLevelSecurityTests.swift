import Foundation
import Postgres
import Testing
import Voorveld
import VoorveldStore

/// Row-level security, tested directly in SQL as the service's role: the second line that holds
/// even when the service's own checks are forgotten.
@Suite("Row-level security")
struct RowLevelSecurityTests {
    static let perGemeente = [
        "gemeenten", "kernen", "kern_buren", "kernteams", "kernteam_kernen", "gebruikers", "gebruiker_rollen", "kernteamleden", "auditlog",
    ]

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
            let scope = try await environment.proven(
                AccessScope(gemeente: gemeente, gebruiker: "test-\(gemeente.lowercased())", rollen: [.beheerder], kernteams: [])
            )
            let seen = try await environment.service.withTransaction(in: scope) { connection in
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
        // A scope the service only claims, without a proof, sees nothing.
        let nothing = try await environment.service.withTransaction(
            in: .init(gemeente: "GM9999", gebruiker: "test", rollen: [.beheerder], kernteams: [])
        ) { connection in
            try await connection.queryOne("SELECT count(*) FROM kernen") { row in try row.decode(0, as: Int.self) }
        }
        #expect(nothing == 0)
        await environment.close()
    }

    @Test("the scope ends with its transaction and never reaches the next user of the connection")
    func scopeIsTransactionLocal() async throws {
        let environment = try await TestEnvironment.seeded()
        let pool = ConnectionPool(.init(connection: environment.service.configuration.connection, maxConnections: 1))
        let inside = try await pool.withTransaction(
            in: try await environment.proven(AccessScope(gemeente: "GM1734", gebruiker: "steunpunt", rollen: [.steunpunt], kernteams: []))
        ) { connection in
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
        let scope = try await environment.proven(AccessScope(gemeente: "GM1734", gebruiker: "beheerder", rollen: [.beheerder], kernteams: []))
        let regel = AuditRegel(
            gebruiker: "beheerder",
            rol: .beheerder,
            actie: "lezen",
            objectType: "test",
            objectId: nil,
            doel: "test",
            resultaat: .toegestaan
        )
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
                    ["GM1700"]
                )
            }
        }
        #expect(foreign?.sqlState == "42501")
        // Only a beheerder reads it.
        let asKernteamlid = try await AuditStore(pool: environment.service).list(
            .init(),
            in: try await environment.proven(
                AccessScope(gemeente: "GM1734", gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])
            )
        )
        #expect(asKernteamlid.isEmpty)
        let asBeheerder = try await AuditStore(pool: environment.service).list(.init(), in: scope)
        #expect(asBeheerder.contains { $0.objectType == "test" })
        #expect(asBeheerder.allSatisfy { $0.gebruiker != "kernteamlid.twenterand" })
        await environment.close()
    }

    @Test("a user sees their own account; only the beheerder sees the gemeente's users")
    func usersVisibleToSelfOrBeheerder() async throws {
        let environment = try await TestEnvironment.seeded()
        let asKernteamlid = try await environment.proven(
            AccessScope(gemeente: "GM1734", gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])
        )
        let seen = try await environment.service.withTransaction(in: asKernteamlid) { connection in
            try await connection.query("SELECT naam FROM gebruikers") { row in try row.decode(0, as: String.self) }
        }
        #expect(seen == ["kernteamlid"])
        let asBeheerder = try await environment.proven(AccessScope(gemeente: "GM1734", gebruiker: "beheerder", rollen: [.beheerder], kernteams: []))
        let all = try await environment.service.withTransaction(in: asBeheerder) { connection in
            try await connection.query("SELECT naam FROM gebruikers ORDER BY naam") { row in try row.decode(0, as: String.self) }
        }
        #expect(all == ["beheerder", "kernteamlid", "steunpunt", "wethouder"])
        await environment.close()
    }

    @Test("the service cannot forge audit history or make temporary tables")
    func noForgery() async throws {
        let environment = try await TestEnvironment.seeded()
        let scope = try await environment.proven(AccessScope(gemeente: "GM1734", gebruiker: "beheerder", rollen: [.beheerder], kernteams: []))
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
        for statement in [
            "SELECT wachtwoord_hash FROM gebruikers", "SELECT * FROM api_tokens", "SELECT * FROM sessies", "SELECT * FROM mislukte_inlogpogingen",
        ] {
            let error = await #expect(throws: PostgresError.self) {
                try await environment.service.withTransaction(in: scope) { connection in try await connection.execute(statement) }
            }
            #expect(error?.sqlState == "42501", "\(statement)")
        }
        await environment.close()
    }

    /// Every per-gemeente table the service can read, with what its rows hold.
    static let personal = [
        "hulpvragen", "hulpvraag_leefgebieden", "koppelingen", "vrijwilligers", "voorzieningen", "gebruikers",
        "gebruiker_rollen", "kernteamleden", "auditlog", "idempotentie", "kernen", "kernteams",
    ]

    static func counts(_ connection: PostgresConnection) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in personal {
            counts[table] = try await connection.queryOne("SELECT count(*) FROM \(table)") { row in try row.decode(0, as: Int.self) }
        }
        return counts
    }

    @Test("with the service's own credentials and every scope setting it can write, nothing personal is visible without a user's secret")
    func serviceCredentialsAloneSeeNothing() async throws {
        let environment = try await TestEnvironment.seeded(hulpvragen: true)
        let everything = AccessScope(
            gemeente: "GM1734",
            gebruiker: "kernteamlid",
            rollen: Rol.allCases,
            kernteams: ["heteren", "driel", "elst", "zetten-hemmen", "oosterhout-slijk-ewijk", "herveld-andelst"]
        )
        // What an attacker with DATABASE_URL writes: every role, every kernteam; then a made-up
        // proof, and one in the wrong shape.
        for bewijs in [nil, "t:" + String(repeating: "ab", count: 32), "s:" + String(repeating: "0", count: 64), "t:' OR true --"] {
            var forged = everything
            forged.bewijs = bewijs
            let seen = try await environment.service.withTransaction(in: forged) { try await Self.counts($0) }
            #expect(seen.values.allSatisfy { $0 == 0 }, "with proof \(bewijs ?? "none"): \(seen.filter { $0.value > 0 })")
        }
        // The settings set directly, outside AccessScope, likewise.
        let direct = try await environment.service.withTransaction { connection in
            try await connection.execute(
                """
                SELECT set_config('voorveld.gemeente', 'GM1734', true), set_config('voorveld.rollen', 'kernteamlid,steunpunt,wethouder,beheerder', true),
                       set_config('voorveld.kernteams', 'heteren,driel', true), set_config('voorveld.gebruiker', 'beheerder', true)
                """
            )
            return try await Self.counts(connection)
        }
        #expect(direct.values.allSatisfy { $0 == 0 }, "\(direct.filter { $0.value > 0 })")
        // The hash of a real token is the proof, and then only that user's scope holds: the demo
        // kernteamlid claims every role but sees no volunteer's audit trail or other users.
        let real = try await TestEnvironment.scope(token: Demo.kernteamlid.token, service: environment.service)
        var widened = real
        widened.rollen = Rol.allCases
        widened.kernteams = everything.kernteams
        let seen = try await environment.service.withTransaction(in: widened) { try await Self.counts($0) }
        #expect(seen["hulpvragen"]! > 0 && seen["vrijwilligers"]! > 0)
        #expect(seen["auditlog"] == 0 && seen["gebruikers"] == 1)
        let ownTeam = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM hulpvragen WHERE gemeente = 'GM1734' AND kernteam = 'heteren'") { row in
                try row.decode(0, as: Int.self)
            }
        }
        #expect(seen["hulpvragen"] == ownTeam)
        // A revoked token's proof stops at once, within the same connection's next transaction.
        try await environment.owner.withConnection { connection in
            try await connection.execute("UPDATE api_tokens SET ingetrokken_op = now() WHERE gebruiker = 'kernteamlid'")
        }
        let afterRevoke = try await environment.service.withTransaction(in: real) { try await Self.counts($0) }
        #expect(afterRevoke.values.allSatisfy { $0 == 0 }, "\(afterRevoke.filter { $0.value > 0 })")
        await environment.close()
    }

    @Test("the service can neither read a password hash nor start a session without the right password")
    func noHashNoSessionWithoutPassword() async throws {
        let environment = try await TestEnvironment.seeded()
        let salt = try await environment.service.withConnection { connection in
            try await connection.queryOne("SELECT zout FROM inlog_begin('kernteamlid', 'test', now() - interval '15 minutes', 100, 100, NULL)") {
                row in
                try row.decode(0, as: String?.self)
            }
        }
        let stored = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT wachtwoord_hash FROM gebruikers WHERE naam = 'kernteamlid'") { row in
                try row.decode(0, as: String.self)
            }
        }
        // Only the salt: cost and 22 characters, not the 31 characters of the hash itself.
        #expect(salt??.count == 29)
        #expect(stored.map { $0.hasPrefix(salt!!) } == true && salt!! != stored)
        // The old functions that handed out the hash or a session are gone.
        for call in ["SELECT * FROM inlog_poging('kernteamlid', 'x', now(), 5, 20)", "SELECT start_sessie('kernteamlid', 'x')"] {
            let error = await #expect(throws: PostgresError.self) {
                try await environment.service.withConnection { connection in try await connection.execute(call) }
            }
            #expect(error?.sqlState == "42883", "\(call)")
        }
        // A wrong password, the salt itself or nothing: no session. Each try needs an attempt of
        // its own (counted before the check); without one, or with one used before, nothing.
        func begin() async throws -> UUID? {
            try await environment.service.withConnection { connection in
                try await connection.queryOne("SELECT poging FROM inlog_begin('kernteamlid', 'test', now(), 100, 100, NULL)") { row in
                    try row.decode(0, as: UUID?.self)
                }
            } ?? nil
        }
        /// Hands in a guess and asks the outcome, each in its own transaction, as the service does.
        func finish(_ poging: UUID?, _ computed: String?, inactief: String = "30 minutes") async throws -> Bool? {
            let handedIn = try await environment.service.withConnection { connection in
                try await connection.queryOne(
                    "SELECT inlog_afronden($1, 'kernteamlid', $2, 'sessie-geheim-' || $1::text, $3::interval, interval '100 years', NULL)",
                    [poging, computed, inactief]
                ) { row in try row.decode(0, as: Bool.self) }
            }
            guard handedIn == true, let poging else { return false }
            return try await environment.service.withConnection { connection in
                try await connection.queryOne("SELECT inlog_uitkomst($1)", [poging]) { row in try row.decode(0, as: Bool.self) }
            }
        }
        let wrong = await TestEnvironment.hasher.compute("niet-het-wachtwoord", salt: salt!)
        for computed in [wrong, salt!, nil] {
            #expect(try await finish(try await begin(), computed) == false)
        }
        let right = await TestEnvironment.hasher.compute(Demo.kernteamlid.wachtwoord, salt: salt!)
        #expect(right == stored)
        #expect(try await finish(UUID(), right) == false, "a made-up attempt")
        #expect(try await finish(nil, right) == false, "no attempt")
        let sessions = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM sessies") { row in try row.decode(0, as: Int.self) }
        }
        #expect(sessions == 0)
        // With an attempt and the right hash: a session, once, and never longer than the limits,
        // whatever lifetime the caller asks for.
        let poging = try #require(try await begin())
        #expect(try await finish(poging, right, inactief: "1000 years") == true)
        #expect(try await finish(poging, right) == false, "an attempt used twice")
        let limits = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*), max(inactief) = interval '30 minutes', max(maximaal) = interval '10 hours' FROM sessies")
            { row in
                (try row.decode(0, as: Int.self), try row.decode(1, as: Bool.self), try row.decode(2, as: Bool.self))
            }
        }
        #expect(limits?.0 == 1 && limits?.1 == true && limits?.2 == true)
        // What a caller rolls back gains nothing: a guess handed in within the transaction that
        // began the attempt is not taken; one rolled back tells no outcome; and the attempts
        // refuse a transaction that would not see what others committed.
        let sameTransaction = try await environment.service.withTransaction { connection in
            let poging =
                try await connection.queryOne("SELECT poging FROM inlog_begin('kernteamlid', 'test', now(), 5, 20, NULL)") { row in
                    try row.decode(0, as: UUID?.self)
                } ?? nil
            return try await connection.queryOne(
                "SELECT inlog_afronden($1, 'kernteamlid', $2, 'x', interval '1 minute', interval '1 hour', NULL)",
                [poging, right]
            ) { row in try row.decode(0, as: Bool.self) }
        }
        #expect(sameTransaction == false)
        let rolledBack = try #require(try await begin())
        struct Undo: Error {}
        await #expect(throws: Undo.self) {
            try await environment.service.withTransaction { connection in
                _ = try await connection.queryOne(
                    "SELECT inlog_afronden($1, 'kernteamlid', $2, 'x', interval '1 minute', interval '1 hour', NULL)",
                    [rolledBack, right]
                ) { row in try row.decode(0, as: Bool.self) }
                throw Undo()
            }
        }
        let told = try await environment.service.withConnection { connection in
            try await connection.queryOne("SELECT inlog_uitkomst($1)", [rolledBack]) { row in try row.decode(0, as: Bool.self) }
        }
        #expect(told == false)
        let repeatable = await #expect(throws: PostgresError.self) {
            try await environment.service.withTransaction(.repeatableRead) { connection in
                try await connection.execute("SELECT * FROM inlog_begin('kernteamlid', 'test', now(), 5, 20, NULL)")
            }
        }
        #expect(repeatable?.sqlState == "25000")
        // The lockout's window and limits cannot be loosened by the caller either: five failures
        // within fifteen minutes block, whatever it asks for.
        try await environment.owner.withConnection { connection in
            try await connection.execute("INSERT INTO mislukte_inlogpogingen (naam, adres) SELECT 'steunpunt', 'elders' FROM generate_series(1, 5)")
        }
        let blocked = try await environment.service.withConnection { connection in
            try await connection.queryOne("SELECT geblokkeerd FROM inlog_begin('steunpunt', 'hier', now(), 1000, 1000, NULL)") { row in
                try row.decode(0, as: Bool.self)
            }
        }
        #expect(blocked == true)
        // Through the service's own login: a session, whose proof then gives the user's scope.
        let gebruiker = try await AuthStore(pool: environment.service, hasher: TestEnvironment.hasher, limiter: TestEnvironment.passwordChecks)
            .login(naam: Demo.wethouder.naam, wachtwoord: Demo.wethouder.wachtwoord, adres: "test")
        guard case .ingelogd(let sessie) = gebruiker else {
            Issue.record("no login: \(gebruiker)")
            return
        }
        let viaSession = try #require(try await AuthStore(pool: environment.service).gebruiker(sessie: sessie))
        let kernen = try await environment.service.withTransaction(in: AccessScope(viaSession)) { connection in
            try await connection.queryOne("SELECT count(*) FROM kernen") { row in try row.decode(0, as: Int.self) }
        }
        #expect(kernen == 14)
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
