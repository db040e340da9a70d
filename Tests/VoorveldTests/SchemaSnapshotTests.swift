import EmbeddedPostgres
import Foundation
import Postgres
import TestDatabase
import Testing
import VoorveldStore

/// The migrated schema is the one in `sql/schema.sql`: every table, function, trigger, view, policy
/// and right as pg_dump prints it. A change to sql/ that changes the schema changes that file too,
/// so a reviewer sees the change itself in the diff, not only the statements that made it.
@Suite("Schema snapshot")
struct SchemaSnapshotTests {
    static let snapshotFile = TestDatabase.repositoryRoot + "/sql/schema.sql"

    @Test("the migrated database has exactly the schema of sql/schema.sql")
    func schemaMatchesSnapshot() async throws {
        let configuration = try await TestDatabase.fresh()
        let pool = ConnectionPool(.init(connection: configuration, maxConnections: 1))
        try await Migrator(directory: TestEnvironment.sqlDirectory).migrate(pool)
        let (owner, major) = try #require(
            try await pool.withConnection { connection in
                try await connection.queryOne("SELECT current_user::text, current_setting('server_version_num')::integer / 10000") { row in
                    (try row.decode(0, as: String.self), try row.decode(1, as: Int.self))
                }
            }
        )
        await pool.close()

        let folder = TestDatabase.temporaryDirectory()
        let pgDump = try #require(try EmbeddedPostgres(.init(directory: folder)).clientProgram("pg_dump"))
        let output = folder + "/schema.sql"
        let conninfo = configuration.parameters.map { "\($0.keyword)='\($0.value)'" }.joined(separator: " ")
        try runProgram(pgDump, ["--schema-only", "--file=\(output)", "--dbname=\(conninfo)"])
        let dumped = Self.normalised(try String(contentsOfFile: output, encoding: .utf8), owner: owner, major: major)

        if ProcessInfo.processInfo.environment["VOORVELD_WRITE_SCHEMA"] == "1" {
            try dumped.write(toFile: Self.snapshotFile, atomically: true, encoding: .utf8)
            return
        }
        let snapshot = try String(contentsOfFile: Self.snapshotFile, encoding: .utf8)
        // pg_dump of another major version prints the same schema differently.
        let snapshotMajor = snapshot.split(separator: "\n").first.flatMap { Int($0.split(separator: " ").last ?? "") }
        guard snapshotMajor == major else {
            print("sql/schema.sql is of PostgreSQL \(snapshotMajor.map(String.init) ?? "?"); this server is \(major): not compared.")
            return
        }
        let difference = Self.firstDifference(snapshot, dumped)
        #expect(
            difference == nil,
            """
            The migrated schema differs from sql/schema.sql\(difference.map { " at line \($0.line):\n  snapshot: \($0.snapshot)\n  migrated: \($0.migrated)" } ?? "").
            If the change is meant, write the snapshot anew and review its diff:
              VOORVELD_WRITE_SCHEMA=1 swift test --skip-build --filter SchemaSnapshotTests
            """
        )
    }

    /// The dump without what differs between machines and runs: pg_dump's version lines and its
    /// random \restrict key, and the owner's role name (the embedded default's, or CI's).
    static func normalised(_ dump: String, owner: String, major: Int) -> String {
        // The first line names the major version, which the test reads back.
        var lines = [
            "-- PostgreSQL \(major)",
            "-- The schema that sql/migrations and sql/definitions make, as pg_dump prints it. Written by",
            "-- VOORVELD_WRITE_SCHEMA=1 swift test --filter SchemaSnapshotTests, which fails when the migrated",
            "-- database differs. Do not edit by hand.",
        ]
        for line in dump.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("\\restrict") || line.hasPrefix("\\unrestrict") || line.hasPrefix("-- Dumped from") || line.hasPrefix("-- Dumped by") {
                continue
            }
            var text = String(line)
            for (from, to) in [
                ("Owner: \(owner)", "Owner: <owner>"), ("OWNER TO \(owner);", "OWNER TO <owner>;"), (" TO \(owner) ", " TO <owner> "),
                (" TO \(owner);", " TO <owner>;"),
            ] {
                text = text.replacingOccurrences(of: from, with: to)
            }
            lines.append(text)
        }
        return lines.joined(separator: "\n")
    }

    static func firstDifference(_ snapshot: String, _ migrated: String) -> (line: Int, snapshot: String, migrated: String)? {
        let a = snapshot.split(separator: "\n", omittingEmptySubsequences: false)
        let b = migrated.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "(end of file)"
            let right = index < b.count ? String(b[index]) : "(end of file)"
            if left != right { return (index + 1, left, right) }
        }
        return nil
    }
}
