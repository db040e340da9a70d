import EmbeddedPostgres
import Foundation
import Postgres
import TestDatabase
import Testing

@Suite("Server restarts")
struct RestartTests {
    @Test("PostgreSQL killed and restarted: the next call after the restart succeeds")
    func killedAndRestarted() async throws {
        let directory = TestDatabase.temporaryDirectory()
        // Commits must be durable across the kill here: fsync may be off (the OS cache survives a
        // killed process), but synchronous_commit must stay on.
        let server = try EmbeddedPostgres(.init(directory: directory, settings: ["fsync": "off"]))
        #expect(try await server.start() == .created)
        let pool = ConnectionPool(
            .init(
                connection: .unixSocket(directory: server.socketDirectory, database: "voorveld", user: "voorveld"),
                maxConnections: 2,
                acquireTimeout: .seconds(2)
            )
        )

        // Warm the pool so that it holds a connection that the kill will break.
        try await pool.withConnection { connection in
            try await connection.executeScript("CREATE TABLE bewaard (n integer); INSERT INTO bewaard VALUES (42)")
        }
        #expect(await pool.statistics().idle == 1)

        let pid = try #require(server.postmasterPID())
        #expect(kill(pid, SIGKILL) == 0)
        for _ in 0..<100 where kill(pid, 0) == 0 { try await Task.sleep(for: .milliseconds(50)) }

        // While it is down, calls fail quickly with a clear error instead of hanging.
        let down = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in try await connection.execute("SELECT 1") }
        }
        #expect(down?.kind == .connection || down?.kind == .poolTimeout)

        // The orphaned backends notice the postmaster's death and exit; then it can start again.
        var restarted = false
        for _ in 0..<40 where !restarted {
            restarted = (try? await server.start()) != nil
            if !restarted { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(restarted)

        let value = try await pool.withConnection { connection in
            try await connection.queryOne("SELECT n FROM bewaard") { row in try row.decode(0, as: Int.self) }
        }
        #expect(value == 42)
        await pool.close()
        try await server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
