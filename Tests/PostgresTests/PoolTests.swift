import Foundation
import Postgres
import TestDatabase
import Testing

@Suite("Connection pool")
struct PoolTests {
    @Test("more concurrent tasks than connections all get served, never above the bound")
    func boundedConcurrency() async throws {
        let pool = try await TestDatabase.freshPool(maxConnections: 3, acquireTimeout: .seconds(30))
        let backends = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await pool.withConnection { connection in
                        try await connection.queryOne("SELECT pg_backend_pid() FROM pg_sleep(0.01)") { row in try row.decode(0, as: Int.self) }!
                    }
                }
            }
            var pids: [Int] = []
            for try await pid in group { pids.append(pid) }
            return pids
        }
        #expect(backends.count == 40)
        #expect(Set(backends).count <= 3)
        let statistics = await pool.statistics()
        #expect(statistics.open <= 3)
        #expect(statistics.waiting == 0)
        #expect(statistics.inUse == 0)
        await pool.close()
    }

    @Test("a waiter times out with a clear error when every connection stays busy")
    func waiterTimesOut() async throws {
        let pool = try await TestDatabase.freshPool(maxConnections: 1, acquireTimeout: .milliseconds(300))
        // The holder keeps the only connection until the waiter has timed out, however long
        // either takes on this machine.
        let released = Tally()
        let holder = Task {
            try await pool.withConnection { _ in _ = try await TestDatabase.waitUntil { released.count > 0 } }
        }
        let held = try await TestDatabase.waitUntil { await pool.statistics().inUse == 1 }
        try #require(held, "the holder did not get the connection within 120 s")
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { _ in () }
        }
        #expect(error?.kind == .poolTimeout)
        #expect(error?.message.contains("acquire timeout") == true)
        released.add()
        _ = try await holder.value
        // Once the holder is done, the pool serves again.
        let one = try await pool.withConnection { connection in
            try await connection.queryOne("SELECT 1") { row in try row.decode(0, as: Int.self) }
        }
        #expect(one == 1)
        await pool.close()
    }

    @Test("task cancellation cancels the running query and leaves the connection usable")
    func cancellation() async throws {
        let pool = try await TestDatabase.freshPool(maxConnections: 1)
        // Another session, to see the query run.
        let observer = ConnectionPool(.init(connection: pool.configuration.connection, maxConnections: 1))
        try await pool.withConnection { connection in
            let backend = try await connection.queryOne("SELECT pg_backend_pid()") { row in try row.decode(0, as: Int.self) }
            let pid = try #require(backend)
            let started = ContinuousClock.now
            let sleeper = Task { try await connection.execute("SELECT pg_sleep(60)") }
            // Cancelled while the server runs it, not before it is sent (that is the next test).
            let running = try await TestDatabase.waitUntil {
                try await observer.withConnection { observing in
                    try await observing.queryOne(
                        """
                        SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE '%pg_sleep(60)%')
                        """,
                        [pid]
                    ) { row in try row.decode(0, as: Bool.self) } == true
                }
            }
            #expect(running, "the query was not seen running within 120 s")
            sleeper.cancel()
            let result = await sleeper.result
            let error = try #require(result.failureValue as? PostgresError)
            #expect(error.isQueryCanceled)
            // Stopped by the cancel, not by running to its end.
            #expect(ContinuousClock.now - started < .seconds(30))
            // Same backend, still answering.
            let again = try await connection.queryOne("SELECT pg_backend_pid()") { row in try row.decode(0, as: Int.self) }
            #expect(again == backend)
        }
        // And the pool kept it: the connection was idle, so it was reusable.
        let statistics = await pool.statistics()
        #expect(statistics.open == 1 && statistics.idle == 1)
        await observer.close()
        await pool.close()
    }

    @Test("a task cancelled before its query starts never sends it")
    func cancelledBeforeStart() async throws {
        let pool = try await TestDatabase.freshPool(maxConnections: 1)
        try await pool.withConnection { connection in
            try await connection.executeScript("CREATE TABLE marks (n integer)")
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await connection.execute("INSERT INTO marks VALUES (1)")
            }
            #expect(await task.result.failureValue is CancellationError)
            let count = try await connection.queryOne("SELECT count(*) FROM marks") { row in try row.decode(0, as: Int.self) }
            #expect(count == 0)
        }
        await pool.close()
    }

    @Test("the statement timeout stops a runaway statement")
    func statementTimeout() async throws {
        var configuration = try await TestDatabase.fresh()
        // Long enough that the connection's own setup statements never hit it on a busy machine;
        // the runaway statement sleeps twenty times as long.
        configuration.statementTimeout = .seconds(2)
        let pool = ConnectionPool(.init(connection: configuration, maxConnections: 1))
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { connection in try await connection.execute("SELECT pg_sleep(40)") }
        }
        #expect(error?.sqlState == "57014")
        let setting = try await pool.withConnection { connection in
            try await connection.queryOne("SELECT current_setting('statement_timeout')") { row in try row.decode(0, as: String.self) }
        }
        #expect(setting == "2s")
        await pool.close()
    }

    @Test("an unreachable server fails fast with a connection error, not a hang")
    func unreachable() async throws {
        let nowhere = TestDatabase.temporaryDirectory()
        let pool = ConnectionPool(
            .init(
                connection: .unixSocket(directory: nowhere, database: "voorveld", user: "voorveld"),
                maxConnections: 2,
                acquireTimeout: .milliseconds(500)
            )
        )
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withConnection { _ in () }
        }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains(nowhere) == true)
        #expect(await pool.ping(timeout: .milliseconds(500)) == false)
        await pool.close()
        try? FileManager.default.removeItem(atPath: nowhere)
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
