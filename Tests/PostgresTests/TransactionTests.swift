import Foundation
import Postgres
import TestDatabase
import Testing

@Suite("Transactions")
struct TransactionTests {
    struct Boom: Error {}

    @Test("a throwing body rolls everything back; a returning one commits")
    func rollbackAndCommit() async throws {
        let pool = try await TestDatabase.freshPool()
        try await pool.withConnection { try await $0.executeScript("CREATE TABLE t (n integer)") }
        await #expect(throws: Boom.self) {
            try await pool.withTransaction { connection in
                try await connection.execute("INSERT INTO t VALUES ($1)", [1])
                throw Boom()
            }
        }
        try await pool.withTransaction { connection in
            try await connection.execute("INSERT INTO t VALUES ($1)", [2])
        }
        let values = try await pool.withConnection { connection in
            try await connection.query("SELECT n FROM t") { row in try row.decode(0, as: Int.self) }
        }
        #expect(values == [2])
        // A failed statement inside a transaction also rolls back, and the connection comes back clean.
        await #expect(throws: PostgresError.self) {
            try await pool.withTransaction { connection in
                try await connection.execute("INSERT INTO t VALUES ($1)", [3])
                try await connection.execute("INSERT INTO t VALUES ($1::integer)", ["geen getal"])
            }
        }
        let count = try await pool.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM t") { row in try row.decode(0, as: Int.self) }
        }
        #expect(count == 1)
        let statistics = await pool.statistics()
        #expect(statistics.inUse == 0)
        await pool.close()
    }

    /// Two transactions that lock two rows in opposite order deadlock; PostgreSQL aborts one,
    /// the pool runs it again, and both end up applied.
    @Test("a deadlock victim is retried and both transactions succeed")
    func deadlockRetried() async throws {
        let pool = try await TestDatabase.freshPool(maxConnections: 2, acquireTimeout: .seconds(30))
        try await pool.withConnection { connection in
            try await connection.executeScript(
                """
                CREATE TABLE rekening (id integer PRIMARY KEY, saldo integer NOT NULL);
                INSERT INTO rekening VALUES (1, 0), (2, 0);
                SET deadlock_timeout = '100ms';
                """
            )
        }
        let attempts = Counter()
        // Both hold their first row before either asks for the second: a deadlock, however the
        // machine schedules them (on a retry the barrier is already open).
        let barrier = Barrier(parties: 2)
        func transfer(first: Int, second: Int) async throws {
            try await pool.withTransaction { connection in
                await attempts.increment()
                try await connection.execute("UPDATE rekening SET saldo = saldo + 1 WHERE id = $1", [first])
                await barrier.arrive()
                try await connection.execute("UPDATE rekening SET saldo = saldo + 1 WHERE id = $1", [second])
            }
        }
        async let one: Void = transfer(first: 1, second: 2)
        async let two: Void = transfer(first: 2, second: 1)
        _ = try await (one, two)
        let saldi = try await pool.withConnection { connection in
            try await connection.query("SELECT saldo FROM rekening ORDER BY id") { row in try row.decode(0, as: Int.self) }
        }
        #expect(saldi == [2, 2])
        #expect(await attempts.value >= 3)
        await pool.close()
    }

    @Test("a serialization failure is retried under SERIALIZABLE")
    func serializationRetried() async throws {
        let pool = try await TestDatabase.freshPool(maxConnections: 4, acquireTimeout: .seconds(30))
        try await pool.withConnection { try await $0.executeScript("CREATE TABLE teller (n integer NOT NULL); INSERT INTO teller VALUES (0)") }
        let attempts = Counter()
        // All four have read n before any of them writes it: they conflict however the machine
        // schedules them (on a retry the barrier is already open).
        let barrier = Barrier(parties: 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await pool.withTransaction(.serializable, attempts: 20) { connection in
                        await attempts.increment()
                        let n = try await connection.queryOne("SELECT n FROM teller") { row in try row.decode(0, as: Int.self) }!
                        await barrier.arrive()
                        try await connection.execute("UPDATE teller SET n = $1", [n + 1])
                    }
                }
            }
            try await group.waitForAll()
        }
        let n = try await pool.withConnection { connection in
            try await connection.queryOne("SELECT n FROM teller") { row in try row.decode(0, as: Int.self) }
        }
        // No lost update: every increment counted, because conflicting attempts were redone.
        #expect(n == 4)
        #expect(await attempts.value > 4)
        await pool.close()
    }
}

actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}

/// Lets tasks wait until `parties` of them have arrived; from then on it is open.
actor Barrier {
    let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) { self.parties = parties }

    func arrive() async {
        arrived += 1
        if arrived >= parties {
            for continuation in waiting { continuation.resume() }
            waiting = []
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
