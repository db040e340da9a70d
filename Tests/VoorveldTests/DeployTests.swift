import EmbeddedPostgres
import Foundation
import Postgres
import TestDatabase
import Testing
import Voorveld
import VoorveldStore

/// What `deploy/` promises about the database: a national deployment can spread it by gemeente
/// (Citus), and a backup restores every row.
@Suite("Deployment")
struct DeployTests {
    /// Each table of the migrated schema, and whether it holds a gemeente's data.
    static func tables(_ pool: ConnectionPool) async throws -> [(naam: String, perGemeente: Bool)] {
        try await pool.withConnection { connection in
            try await connection.query(
                """
                SELECT c.relname::text, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'gemeente' AND NOT a.attisdropped)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1
                """
            ) { row in (try row.decode(0, as: String.self), try row.decode(1, as: Bool.self)) }
        }
    }

    @Test("every per-gemeente table's keys start with the gemeente, and deploy/citus.sql distributes exactly those tables in a valid order")
    func citusDistribution() async throws {
        let environment = try await TestEnvironment.migrated()
        let script = try String(contentsOfFile: TestDatabase.repositoryRoot + "/deploy/citus.sql", encoding: .utf8)
        let distributed = script.matches(of: /create_distributed_table\('(\w+)', 'gemeente'/).map { String($0.1) }
        let reference = script.matches(of: /create_reference_table\('(\w+)'\)/).map { String($0.1) }
        let local = script.matches(of: /citus_add_local_table_to_metadata\('(\w+)'\)/).map { String($0.1) }
        let tables = try await Self.tables(environment.owner)
        // Per gemeente: a table with a gemeente column, unless it is kept whole on every node.
        let perGemeente = Set(tables.filter { $0.perGemeente && !reference.contains($0.naam) }.map(\.naam))
        #expect(perGemeente.count > 20)
        let problems = try await environment.owner.withConnection { connection in
            // Primary keys, unique constraints and unique indexes of per-gemeente tables must
            // include the gemeente (Citus: the distribution column); keys and foreign keys between
            // them must start with it, so each gemeente's rows and joins stay on one node.
            try await connection.query(
                """
                WITH t AS (
                    SELECT c.oid, c.relname::text AS naam FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> ALL ($1::text[])
                      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'gemeente')
                )
                SELECT t.naam || ': no primary key starting with gemeente' FROM t
                WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
                                  WHERE k.conrelid = t.oid AND k.contype = 'p' AND a.attname = 'gemeente')
                UNION ALL
                SELECT t.naam || ': unique index ' || i.indexrelid::regclass::text || ' without gemeente' FROM t JOIN pg_index i ON i.indrelid = t.oid
                WHERE i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'gemeente'
                                                    AND a.attnum = ANY (i.indkey))
                UNION ALL
                SELECT t.naam || ': foreign key ' || k.conname || ' to ' || k.confrelid::regclass::text || ' does not start with gemeente'
                FROM t JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'f' JOIN t parent ON parent.oid = k.confrelid
                WHERE (SELECT attname FROM pg_attribute WHERE attrelid = k.conrelid AND attnum = k.conkey[1]) <> 'gemeente'
                   OR (SELECT attname FROM pg_attribute WHERE attrelid = k.confrelid AND attnum = k.confkey[1]) <> 'gemeente'
                UNION ALL
                SELECT c.relname::text || ': a table without gemeente refers to per-gemeente ' || k.confrelid::regclass::text
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN t parent ON parent.oid = k.confrelid
                WHERE k.contype = 'f' AND k.conrelid NOT IN (SELECT oid FROM t)
                ORDER BY 1
                """,
                [reference]
            ) { row in try row.decode(0, as: String.self) }
        }
        #expect(problems.isEmpty, "\(problems)")

        // deploy/citus.sql: every per-gemeente table distributed by gemeente, every other one a
        // reference table or kept on the coordinator; a table only after those it refers to.
        #expect(
            Set(distributed) == perGemeente,
            "missing: \(perGemeente.subtracting(distributed).sorted()), not per gemeente: \(Set(distributed).subtracting(perGemeente).sorted())"
        )
        #expect(distributed.count == Set(distributed).count)
        #expect(Set(reference + local) == Set(tables.map(\.naam)).subtracting(perGemeente))
        #expect(reference.count + local.count + distributed.count == tables.count, "a table is named twice")
        let references = try await environment.owner.withConnection { connection in
            try await connection.query(
                """
                SELECT k.conrelid::regclass::text, k.confrelid::regclass::text FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
                WHERE k.contype = 'f' AND n.nspname = 'public' AND k.conrelid <> k.confrelid
                """
            ) { row in (try row.decode(0, as: String.self), try row.decode(1, as: String.self)) }
        }
        for (child, parent) in references where perGemeente.contains(parent) {
            let (c, p) = (distributed.firstIndex(of: child), distributed.firstIndex(of: parent))
            #expect(c != nil && p != nil && p! < c!, "\(child) is distributed before \(parent), which it refers to")
        }
        await environment.close()
    }

    @Test("login names stay unique across gemeenten without a global index on the users: a name taken elsewhere is refused by the database")
    func loginNamesUnique() async throws {
        let environment = try await TestEnvironment.seeded()
        let error = await #expect(throws: PostgresError.self) {
            try await environment.owner.withConnection { connection in
                try await connection.execute("INSERT INTO gebruikers (gemeente, naam, weergavenaam) VALUES ('GM1700', 'kernteamlid', 'Dubbel')")
            }
        }
        #expect(error?.constraint == "gebruikersnamen_pkey")
        // The same name in its own gemeente is the same user: an update, as `voorveld users add --replace` does.
        try await environment.owner.withConnection { connection in
            try await connection.execute(
                """
                INSERT INTO gebruikers (gemeente, naam, weergavenaam) VALUES ('GM1734', 'kernteamlid', 'Karin')
                ON CONFLICT (gemeente, naam) DO UPDATE SET weergavenaam = excluded.weergavenaam
                """
            )
        }
        // The service never reads the names of other gemeenten.
        await #expect(throws: PostgresError.self) {
            try await environment.service.withConnection { connection in try await connection.execute("SELECT count(*) FROM gebruikersnamen") }
        }
        await environment.close()
    }

    /// The service's role is bound by row-level security, and the wethouder's figures count
    /// closed hulpvragen: grants, policies and the counting functions are in place.
    static func expectServiceReadsFigures(_ service: ConnectionPool) async throws {
        try await ServiceRole.verify(service)
        let wethouder = try await TestEnvironment.scope(token: Demo.wethouder.token, service: service)
        let figures = try await CijfersStore(pool: service).voorliggendVeld(
            van: .init(year: 2026, month: 1, day: 1),
            tot: .init(year: 2026, month: 12, day: 31),
            per: "totaal",
            in: wethouder,
            audit: AuditRegel(
                gebruiker: "wethouder",
                rol: .wethouder,
                actie: "cijfers-lezen",
                objectType: "cijfers",
                objectId: "test",
                doel: "test",
                resultaat: .toegestaan
            )
        )
        #expect(figures.totaal.afgesloten.aantal > 0)
    }

    /// A fingerprint of every table: its row count and a hash of all its rows in a fixed order.
    static func fingerprint(_ pool: ConnectionPool, _ tables: [String]) async throws -> [String: String] {
        try await pool.withConnection { connection in
            var result: [String: String] = [:]
            for table in tables {
                // Table names come from the catalog of the same database.
                result[table] = try await connection.queryOne(
                    "SELECT count(*)::text || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(table) t"
                ) { row in try row.decode(0, as: String.self) }
            }
            return result
        }
    }

    @Test("a pg_dump of a database in use restores with pg_restore into a fresh database with every row, and the service can use it")
    func backupAndRestore() async throws {
        let environment = try await TestEnvironment.seeded(hulpvragen: true)
        let tables = try await Self.tables(environment.owner).map(\.naam)
        let before = try await Self.fingerprint(environment.owner, tables)
        #expect(before["hulpvragen"]?.hasPrefix("0 ") == false)
        #expect(before["afgesloten_per_maand"]?.hasPrefix("0 ") == false)

        let source = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT current_database()::text") { row in try row.decode(0, as: String.self) }!
        }
        let target = try await TestDatabase.fresh()
        let folder = TestDatabase.temporaryDirectory()
        let dump = folder + "/voorveld.dump"
        // The programs of the server the tests run on, with its connection as libpq parameters.
        let finder = try EmbeddedPostgres(.init(directory: folder))
        let pgDump = try #require(finder.clientProgram("pg_dump"))
        let pgRestore = try #require(finder.clientProgram("pg_restore"))
        func conninfo(_ configuration: ConnectionConfiguration) -> String {
            configuration.parameters.map { "\($0.keyword)='\($0.value)'" }.joined(separator: " ")
        }
        let sourceInfo = conninfo(target.database(source))
        try runProgram(pgDump, ["--format=custom", "--file=\(dump)", "--dbname=\(sourceInfo)"])
        try runProgram(pgRestore, ["--exit-on-error", "--single-transaction", "--dbname=\(conninfo(target))", dump])

        let restored = ConnectionPool(.init(connection: target, maxConnections: 2))
        let after = try await Self.fingerprint(restored, tables)
        #expect(after == before, "differs: \(tables.filter { after[$0] != before[$0] })")
        // The service's role, its grants, the policies and the counting functions came along.
        var serviceConfiguration = target
        serviceConfiguration.parameters.append(("user", ServiceRole.login))
        let service = ConnectionPool(.init(connection: serviceConfiguration, maxConnections: 2))
        try await Self.expectServiceReadsFigures(service)
        await service.close()
        await restored.close()
        await environment.close()
    }

    @Test("as deploy/compose-init.sql prepares it, an owner who is no superuser migrates, seeds, counts the figures and runs retention")
    func ownerWithoutSuperuser() async throws {
        let embedded = try EmbeddedPostgres(.init(directory: TestDatabase.temporaryDirectory(), settings: TestDatabase.fastSettings))
        _ = try await embedded.start()
        ShutdownAtExit.register(embedded)
        // The script, statement by statement (CREATE DATABASE runs outside a transaction), into a database of its own.
        let script = try String(contentsOfFile: TestDatabase.repositoryRoot + "/deploy/compose-init.sql", encoding: .utf8)
            .replacingOccurrences(of: "CREATE DATABASE voorveld ", with: "CREATE DATABASE voorveld_compose ")
        let parts = script.components(separatedBy: "\\connect voorveld\n")
        #expect(parts.count == 2)
        func statements(_ text: String) -> [String] {
            text.components(separatedBy: ";\n").map { $0.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n") }
                .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }
        let superuser = ConnectionPool(.init(connection: embedded.connection(user: embedded.configuration.user), maxConnections: 1))
        try await superuser.withConnection { connection in
            for statement in statements(parts[0]) { try await connection.executeScript(statement) }
        }
        let superuserCompose = ConnectionPool(
            .init(connection: embedded.connection(user: embedded.configuration.user).database("voorveld_compose"), maxConnections: 1)
        )
        try await superuserCompose.withConnection { connection in
            for statement in statements(parts[1]) { try await connection.executeScript(statement) }
        }
        let owner = ConnectionPool(.init(connection: embedded.connection(user: "voorveld_owner").database("voorveld_compose"), maxConnections: 2))
        let isSuperuser = try await owner.withConnection { connection in
            try await connection.queryOne("SELECT rolsuper FROM pg_roles WHERE rolname = current_user") { row in try row.decode(0, as: Bool.self) }
        }
        #expect(isSuperuser == false)
        try await Migrator(directory: TestEnvironment.sqlDirectory).migrate(owner)
        try await SeedLoader(directory: TestEnvironment.seedDirectory, hasher: TestEnvironment.hasher).load(
            into: owner,
            demoUsers: true,
            demoHulpvragen: true
        )
        // The service's role made by the script is bound by row-level security and reads the figures.
        let service = ConnectionPool(.init(connection: embedded.connection(user: "voorveld_app").database("voorveld_compose"), maxConnections: 2))
        try await Self.expectServiceReadsFigures(service)
        // Retention as this owner: closed hulpvragen lose their details and go, under forced row-level security.
        var policy = RetentionStore.Policy()
        policy.hulpvraaggegevens = .days(0)
        policy.hulpvragen = .days(0)
        let report = try await RetentionStore(pool: owner).run(policy, dryRun: false)
        #expect(report.hulpvragen > 0)
        let closedLeft = try await superuserCompose.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM hulpvragen WHERE status = 'afgesloten' AND afgesloten_op <= current_date") { row in
                try row.decode(0, as: Int.self)
            }
        }
        #expect(closedLeft == 0)
        for pool in [service, owner, superuserCompose, superuser] { await pool.close() }
        try await embedded.stop()
    }
}
