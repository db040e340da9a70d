import Logging
import NIOPosix
import Synchronization

/// A bounded pool of libpq connections.
///
/// - At most `maxConnections` are open; a task that finds none free waits, up to
///   `acquireTimeout`, and then gets a clear `.poolTimeout` error instead of hanging.
/// - A connection goes back to the pool only when it is still connected and outside any
///   transaction; otherwise it is closed and its slot opened afresh on demand.
/// - An idle connection is probed before it is handed out, so a server restart is noticed
///   before a statement is lost on a dead socket. New connections are retried with backoff
///   until the acquire timeout, so the pool recovers by itself once the server is back.
public final class ConnectionPool: Sendable {
    public struct Configuration: Sendable {
        public var connection: ConnectionConfiguration
        public var maxConnections: Int
        public var acquireTimeout: Duration

        public init(connection: ConnectionConfiguration, maxConnections: Int = 8, acquireTimeout: Duration = .seconds(5)) {
            self.connection = connection
            self.maxConnections = max(1, maxConnections)
            self.acquireTimeout = acquireTimeout
        }
    }

    public let configuration: Configuration
    let logger: Logger
    private let threadPool: NIOThreadPool
    private let state: PoolState
    private let probe: Probe

    public init(_ configuration: Configuration, logger: Logger = Logger(label: "voorveld.postgres")) {
        self.configuration = configuration
        self.logger = logger
        // One thread per connection and one for the health probe's, plus room for cancel
        // requests and closes, so a cancel never queues behind the very statement it is meant to stop.
        threadPool = NIOThreadPool(numberOfThreads: configuration.maxConnections + 3)
        threadPool.start()
        state = PoolState(maxConnections: configuration.maxConnections)
        probe = Probe(configuration: configuration.connection, threadPool: threadPool)
    }

    /// Leases a connection for the duration of `body`.
    /// - Throws: `PostgresError` `.poolTimeout` when no connection is free in time, `.connection`
    ///   when the server cannot be reached, and whatever `body` throws.
    @discardableResult
    public func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await lease()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// The whole transaction is tried again (up to `attempts` times, with jittered backoff) on a
    /// serialization failure or deadlock, and when the connection was found broken at `BEGIN`,
    /// where nothing can have been written yet. `body` must therefore be safe to run again.
    @discardableResult
    public func withTransaction<T>(
        _ isolation: IsolationLevel = .readCommitted,
        attempts: Int = 5,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withConnection { connection in
                    do {
                        try await connection.executeScript(isolation.beginStatement)
                    } catch let error as PostgresError where error.kind == .connection {
                        throw RetryableBegin(underlying: error)
                    }
                    do {
                        let result = try await body(connection)
                        try await connection.executeScript("COMMIT")
                        return result
                    } catch {
                        if !connection.isIdle { try? await connection.executeScript("ROLLBACK") }
                        throw error
                    }
                }
            } catch let error as PostgresError where error.isTransient && attempt < attempts {
                logger.debug("transaction retried", metadata: ["sqlstate": "\(error.sqlState ?? "")", "attempt": "\(attempt)"])
            } catch let retry as RetryableBegin {
                guard attempt < attempts else { throw retry.underlying }
                logger.info("connection lost before BEGIN; retrying", metadata: ["error": "\(retry.underlying.message)"])
            }
            try await Task.sleep(for: Self.backoff(attempt: attempt))
            attempt += 1
        }
    }

    /// Whether the server answers a trivial query within `timeout`.
    ///
    /// It asks on a connection of its own, outside the pool: a pool that is busy serving requests
    /// is not a database that is down. The answer comes in time even when a connect attempt
    /// hangs: the attempt goes on in the background.
    public func ping(timeout: Duration = .seconds(2)) async -> Bool {
        let answer = OnceAnswer()
        let probe = Task {
            answer.give(await self.probe.ping(timeout: timeout))
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            answer.give(false)
            probe.cancel()
        }
        let result = await answer.value
        timer.cancel()
        return result
    }

    /// Numbers for health pages and metrics.
    public func statistics() async -> Statistics { await state.statistics() }

    public struct Statistics: Sendable, Equatable {
        public var open: Int
        public var idle: Int
        public var waiting: Int
        public var inUse: Int { open - idle }
    }

    /// Closes idle connections, fails waiters, and waits up to `timeout` for leased connections
    /// to come back; the pool cannot be used afterwards.
    public func close(timeout: Duration = .seconds(10)) async {
        let idle = await state.close()
        for connection in idle { await connection.close() }
        await probe.close()
        let deadline = ContinuousClock.now + timeout
        while await state.statistics().open > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        try? await threadPool.shutdownGracefully()
    }

    // MARK: - Leasing

    private func lease() async throws -> PostgresConnection {
        let deadline = ContinuousClock.now + configuration.acquireTimeout
        var failures = 0
        var lastError: PostgresError?
        while true {
            switch try await state.reserve(deadline: deadline, lastError: lastError) {
            case .idle(let connection):
                if await connection.checkAlive() { return connection }
                logger.info("dropping a pooled connection the server closed")
                await discard(connection)
            case .open:
                do {
                    return try await PostgresConnection.connect(configuration.connection, threadPool: threadPool)
                } catch {
                    // Whatever went wrong (also cancellation), the reserved slot is free again.
                    await state.openFailed()
                    guard let error = error as? PostgresError else { throw error }
                    lastError = error
                    failures += 1
                    let pause = Self.backoff(attempt: failures)
                    guard ContinuousClock.now + pause < deadline else { throw error }
                    logger.warning("cannot connect; retrying", metadata: ["error": "\(error.message)", "retry_in": "\(pause)"])
                    try await Task.sleep(for: pause)
                }
            }
        }
    }

    private func release(_ connection: PostgresConnection) async {
        if connection.isReusable, await state.giveBack(connection) { return }
        await discard(connection)
    }

    private func discard(_ connection: PostgresConnection) async {
        await state.forget()
        await connection.close()
    }

    /// Exponential backoff from 20 ms to 1 s, with jitter so that retrying clients spread out.
    static func backoff(attempt: Int) -> Duration {
        let base = min(1000.0, 20.0 * Double(1 << min(attempt, 10)))
        return .milliseconds(Int(base * Double.random(in: 0.5...1.0)))
    }
}

/// The health check's own connection, opened on first use and again after it broke. Checks that
/// come while one runs share its answer; a check that has not answered within the timeout is
/// given up (its connection too, closed when it returns), so a half-open connection cannot hold
/// readiness down, and waiting callers never pile up behind it.
private actor Probe {
    let configuration: ConnectionConfiguration
    let threadPool: NIOThreadPool
    private var connection: PostgresConnection?
    private var running: (task: Task<Bool, Never>, started: ContinuousClock.Instant)?
    private var closed = false

    init(configuration: ConnectionConfiguration, threadPool: NIOThreadPool) {
        self.configuration = configuration
        self.threadPool = threadPool
    }

    func ping(timeout: Duration) async -> Bool {
        if let running {
            if ContinuousClock.now - running.started < timeout { return await running.task.value }
            // Stuck: leave it and its connection behind.
            self.running = nil
            connection = nil
        }
        let task = Task { await self.check() }
        running = (task, ContinuousClock.now)
        let result = await task.value
        if running?.task == task { running = nil }
        return result
    }

    private func check() async -> Bool {
        guard !closed else { return false }
        var current = connection
        do {
            if let open = current, !(await open.checkAlive()) {
                forget(open)
                await open.close()
                current = nil
            }
            if current == nil {
                let opened = try await PostgresConnection.connect(configuration, threadPool: threadPool)
                guard !closed else {
                    await opened.close()
                    return false
                }
                connection = opened
                current = opened
            }
            let open = current!
            let answered = try await open.queryOne("SELECT 1") { row in try row.decode(0, as: Int.self) } == 1
            // Given up on while it ran: nobody else will close it.
            if connection !== open { await open.close() }
            return answered
        } catch {
            if let broken = current {
                forget(broken)
                await broken.close()
            }
            return false
        }
    }

    /// Drops `gone` as the probe's connection, unless a newer one has taken its place.
    private func forget(_ gone: PostgresConnection) {
        if connection === gone { connection = nil }
    }

    /// Closes the connection; a check still connecting closes its own when it gets one.
    func close() async {
        closed = true
        if let open = connection {
            connection = nil
            await open.close()
        }
    }
}

/// A Bool that the first of several racing tasks sets, and that one task awaits.
private final class OnceAnswer: Sendable {
    private let state = Mutex<(value: Bool?, waiter: CheckedContinuation<Bool, Never>?)>((nil, nil))

    func give(_ value: Bool) {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard state.value == nil else { return nil }
            state.value = value
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: value)
    }

    var value: Bool {
        get async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Bool? in
                    if let value = state.value { return value }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}

/// `BEGIN` found the connection broken: safe to try the transaction again on a new one.
private struct RetryableBegin: Error {
    var underlying: PostgresError
}

public enum IsolationLevel: Sendable {
    case readCommitted, repeatableRead, serializable
    /// One snapshot that may only read: also what a standby allows.
    case repeatableReadReadOnly

    var beginStatement: String {
        switch self {
        case .readCommitted: "BEGIN ISOLATION LEVEL READ COMMITTED"
        case .repeatableRead: "BEGIN ISOLATION LEVEL REPEATABLE READ"
        case .serializable: "BEGIN ISOLATION LEVEL SERIALIZABLE"
        case .repeatableReadReadOnly: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        }
    }
}

/// The pool's bookkeeping: which connections are idle, how many are open, who waits.
private actor PoolState {
    enum Reservation {
        case idle(PostgresConnection)
        /// A slot is reserved: the caller opens a connection for it.
        case open
    }

    private struct Waiter {
        var continuation: CheckedContinuation<Reservation, any Error>
    }

    private let maxConnections: Int
    private var idle: [PostgresConnection] = []
    /// Open connections plus slots being opened.
    private var open = 0
    private var waiters: [UInt64: Waiter] = [:]
    private var waitOrder: [UInt64] = []
    private var nextWaiter: UInt64 = 0
    private var closed = false

    init(maxConnections: Int) { self.maxConnections = maxConnections }

    func reserve(deadline: ContinuousClock.Instant, lastError: PostgresError?) async throws -> Reservation {
        try Task.checkCancellation()
        if closed { throw PostgresError(.poolClosed, "the connection pool is closed") }
        if let connection = idle.popLast() { return .idle(connection) }
        if open < maxConnections {
            open += 1
            return .open
        }
        nextWaiter += 1
        let id = nextWaiter
        let timeout = Task { [weak self] in
            try await Task.sleep(until: deadline)
            await self?.expire(id, lastError: lastError)
        }
        defer { timeout.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters[id] = Waiter(continuation: continuation)
                waitOrder.append(id)
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Hands a healthy connection to the first waiter, or keeps it idle. False when closed.
    func giveBack(_ connection: PostgresConnection) -> Bool {
        if closed { return false }
        if let waiter = popWaiter() {
            waiter.continuation.resume(returning: .idle(connection))
        } else {
            idle.append(connection)
        }
        return true
    }

    /// A connection was closed: its slot goes to a waiter, or becomes free.
    func forget() {
        if !closed, let waiter = popWaiter() {
            waiter.continuation.resume(returning: .open)
        } else {
            open -= 1
        }
    }

    func openFailed() { forget() }

    func close() -> [PostgresConnection] {
        closed = true
        for id in waitOrder {
            waiters[id]?.continuation.resume(throwing: PostgresError(.poolClosed, "the connection pool is closed"))
        }
        waiters = [:]
        waitOrder = []
        let connections = idle
        idle = []
        open -= connections.count
        return connections
    }

    func statistics() -> ConnectionPool.Statistics {
        ConnectionPool.Statistics(open: open, idle: idle.count, waiting: waiters.count)
    }

    private func popWaiter() -> Waiter? {
        while !waitOrder.isEmpty {
            let id = waitOrder.removeFirst()
            if let waiter = waiters.removeValue(forKey: id) { return waiter }
        }
        return nil
    }

    private func expire(_ id: UInt64, lastError: PostgresError?) {
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        var message = "no database connection became free within the acquire timeout (all \(maxConnections) in use)"
        if let lastError { message += "; last connection error: \(lastError.message)" }
        waiter.continuation.resume(throwing: PostgresError(.poolTimeout, message))
    }

    private func cancelWaiter(_ id: UInt64) {
        waiters.removeValue(forKey: id)?.continuation.resume(throwing: CancellationError())
    }
}
