import EmbeddedPostgres
import Foundation
import Postgres
import TestDatabase
import Testing

@Suite("Embedded PostgreSQL")
struct EmbeddedPostgresTests {
    @Test("comes up from an empty folder, keeps its data across a restart, and shuts down cleanly")
    func lifecycle() async throws {
        let directory = TestDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try EmbeddedPostgres(.init(directory: directory, settings: ["fsync": "off"]))
        func pool() -> ConnectionPool {
            ConnectionPool(
                .init(connection: .unixSocket(directory: server.socketDirectory, database: "voorveld", user: "voorveld"), maxConnections: 1)
            )
        }

        #expect(try await server.start() == .created)
        let first = pool()
        try await first.withConnection { connection in
            try await connection.executeScript("CREATE TABLE blijft (tekst text)")
            try await connection.execute("INSERT INTO blijft VALUES ($1)", ["nog hier"])
        }
        // Only a Unix socket, no TCP listener.
        let listen = try await first.withConnection { connection in
            try await connection.queryOne("SELECT current_setting('listen_addresses')") { row in try row.decode(0, as: String.self) }
        }
        #expect(listen == "")
        await first.close()

        let pid = try #require(server.postmasterPID())
        try await server.stop()
        #expect(try await server.isRunning() == false)
        #expect(kill(pid, 0) == -1)
        #expect(!FileManager.default.fileExists(atPath: directory + "/.s.PGSQL.5432"))

        #expect(try await server.start() == .started)
        let second = pool()
        let text = try await second.withConnection { connection in
            try await connection.queryOne("SELECT tekst FROM blijft") { row in try row.decode(0, as: String.self) }
        }
        #expect(text == "nog hier")
        await second.close()

        // A start while it runs adopts the running server instead of failing.
        #expect(try await server.start() == .alreadyRunning)
        try await server.stop()
        #expect(try await server.isRunning() == false)
    }

    @Test("the data folder is private to the server's user")
    func privateFolder() async throws {
        let directory = TestDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try EmbeddedPostgres(.init(directory: directory, settings: TestDatabase.fastSettings))
        _ = try await server.start()
        let attributes = try FileManager.default.attributesOfItem(atPath: directory)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        try await server.stop()
    }

    @Test("a folder path too long for a Unix socket is refused with a clear message")
    func longPath() {
        let long = "/tmp/" + String(repeating: "x", count: 120)
        #expect(throws: EmbeddedPostgresError.self) { try EmbeddedPostgres(.init(directory: long)) }
    }
}
