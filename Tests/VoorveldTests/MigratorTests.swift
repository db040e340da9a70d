import Foundation
import Postgres
import TestDatabase
import Testing
import VoorveldStore

@Suite("Migrations")
struct MigratorTests {
    static let sqlDirectory = TestDatabase.repositoryRoot + "/sql"

    @Test("the project's migrations apply once; running again changes nothing")
    func idempotent() async throws {
        let pool = try await TestDatabase.freshPool()
        let migrator = try Migrator(directory: Self.sqlDirectory)
        #expect(!migrator.migrations.isEmpty)
        let first = try await migrator.migrate(pool)
        #expect(first.map(\.version) == migrator.migrations.map(\.version))
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
        let migrator = try Migrator(directory: Self.sqlDirectory)
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { group.addTask { try await migrator.migrate(pool).count } }
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

        let file = directory + "/001_gemeenten_kernen_leefgebieden.sql"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try (original + "\n-- a harmless-looking edit\n").write(toFile: file, atomically: true, encoding: .utf8)
        let error = await #expect(throws: MigrationError.self) {
            try await Migrator(directory: directory).migrate(pool)
        }
        let message = "\(error.map { String(describing: $0) } ?? "")"
        #expect(message.contains("001_gemeenten_kernen_leefgebieden.sql"))
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
            """.write(toFile: directory + "/999_broken.sql", atomically: true, encoding: .utf8)
        let pool = try await TestDatabase.freshPool()
        let error = await #expect(throws: MigrationError.self) {
            try await Migrator(directory: directory).migrate(pool)
        }
        #expect("\(error.map { String(describing: $0) } ?? "")".contains("999_broken.sql"))
        let state = try await pool.withConnection { connection in
            try await connection.queryOne("""
                SELECT to_regclass('half_done') IS NULL, (SELECT max(version) FROM schema_migrations), to_regclass('kernen') IS NOT NULL
                """) { row in (try row.decode(0, as: Bool.self), try row.decode(1, as: Int.self), try row.decode(2, as: Bool.self)) }
        }
        #expect(state?.0 == true)
        #expect(state?.1 == (try Migrator(directory: Self.sqlDirectory).migrations.last?.version))
        #expect(state?.2 == true)
        await pool.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("badly named and duplicate-numbered files are refused before anything runs")
    func badFileNames() throws {
        let directory = TestDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "SELECT 1;".write(toFile: directory + "/first.sql", atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.self) { try Migrator(directory: directory) }
        try FileManager.default.removeItem(atPath: directory + "/first.sql")
        try "SELECT 1;".write(toFile: directory + "/001_a.sql", atomically: true, encoding: .utf8)
        try "SELECT 1;".write(toFile: directory + "/01_b.sql", atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.self) { try Migrator(directory: directory) }
        #expect(throws: MigrationError.self) { try Migrator(directory: directory + "/missing") }
    }

    private func copyOfMigrations() throws -> String {
        let directory = TestDatabase.temporaryDirectory() + "/sql"
        try FileManager.default.copyItem(atPath: Self.sqlDirectory, toPath: directory)
        return directory
    }
}
