import Foundation
import Postgres
import TestDatabase
import Testing
import VoorveldStore

@Suite("Migrations")
struct MigratorTests {
    @Test("the project's migrations apply once; running again changes nothing")
    func idempotent() async throws {
        let pool = try await TestDatabase.freshPool()
        let migrator = try Migrator(directory: TestEnvironment.sqlDirectory)
        #expect(!migrator.migrations.isEmpty)
        let first = try await migrator.migrate(pool)
        #expect(first.migrations.map(\.version) == migrator.migrations.map(\.version))
        #expect(
            first.definitions.map(\.fileName) == ["01_toegang.sql", "02_registers.sql", "03_hulpvragen.sql", "04_koppelingen.sql", "05_cijfers.sql"]
        )
        let second = try await migrator.migrate(pool)
        #expect(second.isEmpty)
        #expect(try await migrator.pending(pool).isEmpty)
        let recorded = try await pool.withConnection { connection in
            try await connection.query("SELECT version, length(checksum) FROM schema_migrations ORDER BY version") { row in
                [try row.decode(0, as: Int.self), try row.decode(1, as: Int.self)]
            }
        }
        #expect(recorded == migrator.migrations.map { [$0.version, 64] })
        await pool.close()
    }

    @Test("several instances migrating at once apply each file exactly once")
    func concurrentStarts() async throws {
        let pool = try await TestDatabase.freshPool(maxConnections: 4)
        let migrator = try Migrator(directory: TestEnvironment.sqlDirectory)
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { group.addTask { try await migrator.migrate(pool).migrations.count } }
            return try await group.reduce(0, +)
        }
        #expect(applied == migrator.migrations.count)
        await pool.close()
    }

    @Test("a changed migration file stops start-up with a message naming the file")
    func changedFileRefused() async throws {
        let directory = try copyOfMigrations()
        let pool = try await TestDatabase.freshPool()
        try await Migrator(directory: directory).migrate(pool)

        let file = directory + "/migrations/001_baseline.sql"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try (original + "\n-- a harmless-looking edit\n").write(toFile: file, atomically: true, encoding: .utf8)
        let error = await #expect(throws: MigrationError.self) {
            try await Migrator(directory: directory).migrate(pool)
        }
        let message = "\(error.map { String(describing: $0) } ?? "")"
        #expect(message.contains("001_baseline.sql"))
        #expect(message.contains("changed after it was applied"))
        // Restoring the file makes it acceptable again.
        try original.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try await Migrator(directory: directory).migrate(pool).isEmpty)
        await pool.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("a failing migration is rolled back whole and not recorded")
    func failingMigrationRolledBack() async throws {
        let directory = try copyOfMigrations()
        try """
        CREATE TABLE half_done (n integer);
        INSERT INTO half_done VALUES (1);
        SELECT 1 / 0;
        """.write(toFile: directory + "/migrations/999_broken.sql", atomically: true, encoding: .utf8)
        let pool = try await TestDatabase.freshPool()
        let error = await #expect(throws: MigrationError.self) {
            try await Migrator(directory: directory).migrate(pool)
        }
        #expect("\(error.map { String(describing: $0) } ?? "")".contains("999_broken.sql"))
        let state = try await pool.withConnection { connection in
            try await connection.queryOne(
                """
                SELECT to_regclass('half_done') IS NULL, (SELECT max(version) FROM schema_migrations), to_regclass('kernen') IS NOT NULL
                """
            ) { row in (try row.decode(0, as: Bool.self), try row.decode(1, as: Int.self), try row.decode(2, as: Bool.self)) }
        }
        #expect(state?.0 == true)
        #expect(state?.1 == (try Migrator(directory: TestEnvironment.sqlDirectory).migrations.last?.version))
        #expect(state?.2 == true)
        await pool.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("badly named and duplicate-numbered files are refused before anything runs")
    func badFileNames() throws {
        let directory = TestDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for folder in ["migrations", "definitions"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
        }
        #expect(try Migrator(directory: directory).migrations.isEmpty)
        try "SELECT 1;".write(toFile: directory + "/migrations/first.sql", atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.self) { try Migrator(directory: directory) }
        try FileManager.default.removeItem(atPath: directory + "/migrations/first.sql")
        try "SELECT 1;".write(toFile: directory + "/definitions/toegang.sql", atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.self) { try Migrator(directory: directory) }
        try FileManager.default.removeItem(atPath: directory + "/definitions/toegang.sql")
        try "SELECT 1;".write(toFile: directory + "/migrations/001_a.sql", atomically: true, encoding: .utf8)
        try "SELECT 1;".write(toFile: directory + "/migrations/01_b.sql", atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.self) { try Migrator(directory: directory) }
        #expect(throws: MigrationError.self) { try Migrator(directory: directory + "/missing") }
    }

    @Test("a changed definition file applies all of them again, in one transaction; unchanged ones are not applied again")
    func changedDefinitionApplied() async throws {
        let directory = try copyOfMigrations()
        let pool = try await TestDatabase.freshPool()
        try await Migrator(directory: directory).migrate(pool)

        let file = directory + "/definitions/05_cijfers.sql"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try (original + "\nCREATE OR REPLACE FUNCTION proef() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let changed = try await Migrator(directory: directory).migrate(pool)
        #expect(changed.migrations.isEmpty)
        #expect(changed.definitions.count == 5)
        func proef() async throws -> Int? {
            try await pool.withConnection { connection in
                try await connection.queryOne("SELECT CASE WHEN to_regprocedure('proef()') IS NULL THEN 0 ELSE proef() END") { row in
                    try row.decode(0, as: Int.self)
                }
            }
        }
        #expect(try await proef() == 1)
        #expect(try await Migrator(directory: directory).migrate(pool).isEmpty)

        // A definition that fails rolls back every definition file and records nothing.
        try (original + "\nCREATE OR REPLACE FUNCTION proef() RETURNS integer LANGUAGE sql AS $$ SELECT 2 $$;\nSELECT 1 / 0;\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let error = await #expect(throws: MigrationError.self) { try await Migrator(directory: directory).migrate(pool) }
        #expect("\(error.map { String(describing: $0) } ?? "")".contains("05_cijfers.sql"))
        #expect(try await proef() == 1)
        #expect(
            try await Migrator(directory: directory).pending(pool) == [
                "definitions/01_toegang.sql", "definitions/02_registers.sql",
                "definitions/03_hulpvragen.sql", "definitions/04_koppelingen.sql",
                "definitions/05_cijfers.sql",
            ]
        )
        await pool.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("a database built by the seventeen squashed migrations is taken over; one built by only some of them is refused")
    func squashedMigrationsTakenOver() async throws {
        let pool = try await TestDatabase.freshPool()
        let migrator = try Migrator(directory: TestEnvironment.sqlDirectory)
        // The tables such a database has, and the record it has (its schema was the baseline's, compared
        // with pg_dump at the squash); migrations made after the squash are still to come.
        try await Migrator(migrations: [try #require(migrator.migrations.first)]).migrate(pool)
        func record(_ migrations: ArraySlice<Migrator.Record>) async throws {
            try await pool.withTransaction { connection in
                try await connection.execute("DELETE FROM schema_migrations")
                try await connection.execute("DELETE FROM schema_definitions")
                for migration in migrations {
                    try await connection.execute(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                        [migration.version, migration.name, migration.checksum]
                    )
                }
            }
        }
        func recorded() async throws -> [String] {
            try await pool.withConnection { connection in
                try await connection.query("SELECT version || ' ' || name FROM schema_migrations ORDER BY version") { row in
                    try row.decode(0, as: String.self)
                }
            }
        }
        try await record(Migrator.squashed[...])
        let taken = try await migrator.migrate(pool)
        #expect(taken.migrations == Array(migrator.migrations.dropFirst()))
        #expect(taken.definitions.count == migrator.definitions.count)
        #expect(try await recorded() == migrator.migrations.map { "\($0.version) \($0.name)" })
        #expect(try await recorded().first == "1 baseline")
        #expect(try await migrator.migrate(pool).isEmpty)

        try await record(Migrator.squashed.prefix(12))
        let error = await #expect(throws: MigrationError.self) { try await migrator.migrate(pool) }
        let message = "\(error.map { String(describing: $0) } ?? "")"
        #expect(message.contains("012_scope_uit_bewijs.sql"))
        #expect(message.contains("before the squash"))
        #expect(try await recorded().count == 12)
        await pool.close()
    }

    private func copyOfMigrations() throws -> String {
        let directory = TestDatabase.temporaryDirectory() + "/sql"
        try FileManager.default.copyItem(atPath: TestEnvironment.sqlDirectory, toPath: directory)
        return directory
    }
}
