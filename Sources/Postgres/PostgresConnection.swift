import CLibPQ
import Foundation
import NIOPosix
import Synchronization

/// One libpq connection.
///
/// Every libpq call runs on the pool's dedicated thread pool, never on a NIO event loop or the
/// Swift cooperative pool: libpq blocks. A connection is used by one task at a time (the pool
/// leases it out), and one statement at a time; that is the invariant behind `@unchecked Sendable`.
public final class PostgresConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private let threadPool: NIOThreadPool
    private let canceller: Canceller
    /// Named prepared statements on this connection, by SQL text and parameter types.
    private var statements: [StatementKey: String] = [:]
    /// libpq's connection state as last seen on the I/O thread, so the pool can judge a
    /// connection without calling into libpq itself.
    private let health = Mutex(Health(connected: true, idle: true))
    private var closed = false

    struct Health {
        var connected: Bool
        var idle: Bool
    }

    private struct StatementKey: Hashable {
        var sql: String
        var types: [UInt32]
    }

    private init(handle: OpaquePointer, threadPool: NIOThreadPool) {
        self.handle = handle
        self.threadPool = threadPool
        self.canceller = Canceller(PQgetCancel(handle))
    }

    /// Opens a connection and applies the session settings.
    /// - Throws: `PostgresError` of kind `.connection` when the server cannot be reached.
    public static func connect(_ configuration: ConnectionConfiguration, threadPool: NIOThreadPool) async throws -> PostgresConnection {
        try await threadPool.runIfActive {
            let handle = configuration.withKeywordArrays { keywords, values in
                PQconnectdbParams(keywords, values, 1)
            }
            guard let handle, PQstatus(handle) == CONNECTION_OK else {
                // libpq quotes back what it could not read of the connection string, secrets too.
                let message = configuration.redacting(PostgresError.connectionMessage(handle))
                if let handle { PQfinish(handle) }
                throw PostgresError(.connection, "cannot connect to \(configuration): \(message)")
            }
            // libpq prints server notices to stderr by default; they carry nothing a user needs
            // ("relation already exists, skipping", "terminating connection ..."), and errors arrive as results.
            PQsetNoticeProcessor(handle, { _, _ in }, nil)
            let connection = PostgresConnection(handle: handle, threadPool: threadPool)
            do {
                let milliseconds =
                    configuration.statementTimeout.components.seconds * 1000
                    + configuration.statementTimeout.components.attoseconds / 1_000_000_000_000_000
                var settings = [("statement_timeout", String(milliseconds))]
                settings += configuration.sessionSettings
                for (name, value) in settings {
                    _ = try connection.perform("SELECT set_config($1, $2, false)", [name, value], prepare: false) { _ in () }
                }
            } catch {
                connection.finish()
                throw error
            }
            return connection
        }
    }

    // MARK: - Statements

    /// Runs a statement and decodes every row with `decode`, on the I/O thread, before the result is freed.
    /// - Parameters:
    ///   - sql: one SQL statement with `$1`, `$2`, ... placeholders.
    ///   - binds: the parameter values, in placeholder order.
    ///   - decode: turns one row into a value; it runs while the row is alive.
    /// - Returns: the decoded rows.
    /// - Throws: `PostgresError`; `CancellationError` if the task was cancelled before the statement was sent.
    public func query<Row: Sendable>(
        _ sql: String,
        _ binds: [any PostgresEncodable] = [],
        decode: @escaping @Sendable (borrowing PostgresRow) throws -> Row
    ) async throws -> [Row] {
        try await onIOThread { connection in
            try connection.perform(sql, binds, prepare: true, decode: decode).rows
        }
    }

    /// Runs a statement and decodes each row as `Row`.
    public func query<Row: PostgresRowDecodable>(_ sql: String, _ binds: [any PostgresEncodable] = [], as _: Row.Type) async throws -> [Row] {
        try await query(sql, binds) { row in try Row(row: row) }
    }

    /// Runs a statement that returns at most one row.
    public func queryOne<Row: Sendable>(
        _ sql: String,
        _ binds: [any PostgresEncodable] = [],
        decode: @escaping @Sendable (borrowing PostgresRow) throws -> Row
    ) async throws -> Row? {
        let rows = try await query(sql, binds, decode: decode)
        guard rows.count <= 1 else { throw PostgresError(.decoding, "expected at most one row, got \(rows.count)") }
        return rows.first
    }

    /// Runs a statement and returns how many rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, _ binds: [any PostgresEncodable] = []) async throws -> Int {
        try await onIOThread { connection in
            try connection.perform(sql, binds, prepare: true) { _ in () }.affected
        }
    }

    /// Runs a script of several statements through the simple query protocol. It takes no
    /// parameters, so it is for fixed SQL only: migration files, `BEGIN`, `COMMIT`.
    public func executeScript(_ sql: String) async throws {
        try await onIOThread { connection in try connection.performScript(sql) }
    }

    // MARK: - Pool support

    /// Whether the connection can go back to the pool: connected and not inside a transaction.
    var isReusable: Bool { health.withLock { $0.connected && $0.idle } }

    /// Whether the connection is still open and its transaction state is clean.
    public var isIdle: Bool { health.withLock { $0.idle } }

    /// Checks, without blocking, that the server has not closed the connection while it sat idle.
    /// Not cancellable: a cancelled caller must not make a healthy connection look dead.
    func checkAlive() async -> Bool {
        await uncancellable { $0.probe() } ?? false
    }

    /// Closes the connection on the I/O thread, also when the caller was cancelled.
    func close() async {
        _ = await uncancellable { $0.finish() }
    }

    /// Runs `work` on the I/O thread whatever happens to the calling task; nil only when the
    /// thread pool has already shut down.
    private func uncancellable<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection) -> T) async -> T? {
        await withCheckedContinuation { continuation in
            threadPool.submit { state in
                guard case .active = state else { return continuation.resume(returning: nil) }
                continuation.resume(returning: work(self))
            }
        }
    }

    // MARK: - On the I/O thread

    /// Runs `work` on the I/O thread; task cancellation sends PostgreSQL a cancel request
    /// for the statement that is running then, and for no other.
    private func onIOThread<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try Task.checkCancellation()
        let operation = canceller.nextOperation()
        return try await withTaskCancellationHandler {
            try await threadPool.runIfActive {
                guard self.canceller.begin(operation) else { throw CancellationError() }
                defer { self.canceller.end(operation) }
                defer { self.recordHealth() }
                return try work(self)
            }
        } onCancel: {
            // PQcancel opens a network connection: never on the cancelling thread. A pool that is
            // already shut down runs nothing anymore, so there is nothing to cancel either.
            self.threadPool.submit { state in
                guard case .active = state else { return }
                self.canceller.cancel(operation)
            }
        }
    }

    private func recordHealth() {
        let connected = PQstatus(handle) == CONNECTION_OK
        let idle = PQtransactionStatus(handle) == PQTRANS_IDLE
        health.withLock { $0 = Health(connected: connected, idle: idle) }
    }

    private func perform<Row>(
        _ sql: String,
        _ binds: [any PostgresEncodable],
        prepare: Bool,
        decode: (borrowing PostgresRow) throws -> Row
    ) throws -> (rows: [Row], affected: Int) {
        let types = binds.map { type(of: $0).postgresType.rawValue }
        let values = binds.map { $0.postgresBytes() }
        let raw = try withParameters(values) { pointers, lengths, formats in
            if prepare {
                let name = try preparedName(sql, types: types)
                return PQexecPrepared(handle, name, Int32(binds.count), pointers, lengths, formats, 1)
            }
            return PQexecParams(handle, sql, Int32(binds.count), types, pointers, lengths, formats, 1)
        }
        defer { PQclear(raw) }
        let result = try check(raw)
        let count = PQntuples(result)
        var rows: [Row] = []
        rows.reserveCapacity(Int(count))
        for index in 0..<count {
            rows.append(try decode(PostgresRow(result: result, index: index)))
        }
        return (rows, Int(String(cString: PQcmdTuples(result))) ?? 0)
    }

    private func performScript(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        _ = try check(result)
    }

    private func preparedName(_ sql: String, types: [UInt32]) throws -> String {
        let key = StatementKey(sql: sql, types: types)
        if let name = statements[key] { return name }
        let name = "voorveld_\(statements.count + 1)"
        let result = PQprepare(handle, name, sql, Int32(types.count), types)
        defer { PQclear(result) }
        _ = try check(result)
        statements[key] = name
        return name
    }

    /// Throws for a NULL result (connection lost, out of memory) or a failed one.
    private func check(_ result: OpaquePointer?) throws -> OpaquePointer {
        guard let result else {
            throw PostgresError(.connection, PostgresError.connectionMessage(handle))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        default:
            throw PostgresError.fromResult(result, connection: handle)
        }
    }

    /// Lays the parameter values out in one buffer and hands libpq pointers into it.
    private func withParameters<T>(
        _ values: [[UInt8]?],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) throws -> T
    ) throws -> T {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(values.reduce(0) { $0 + ($1?.count ?? 0) })
        var offsets: [Int?] = []
        for value in values {
            if let value {
                offsets.append(buffer.count)
                buffer += value
            } else {
                offsets.append(nil)
            }
        }
        let lengths = values.map { Int32($0?.count ?? 0) }
        let formats = [Int32](repeating: 1, count: values.count)
        // A zero-length value still needs a non-NULL pointer, or libpq sends NULL.
        buffer.append(0)
        return try buffer.withUnsafeBufferPointer { raw in
            let base = UnsafeRawPointer(raw.baseAddress!).assumingMemoryBound(to: CChar.self)
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in offset.map { base + $0 } }
            return try body(pointers, lengths, formats)
        }
    }

    /// Reads whatever the server sent while the connection was idle; a closed socket shows up here.
    private func probe() -> Bool {
        guard PQstatus(handle) == CONNECTION_OK else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, 0) > 0 {
            guard PQconsumeInput(handle) == 1 else { return false }
            while let notice = PQnotifies(handle) { PQfreemem(notice) }
        }
        return PQstatus(handle) == CONNECTION_OK
    }

    private func finish() {
        guard !closed else { return }
        closed = true
        canceller.free()
        PQfinish(handle)
        health.withLock { $0.connected = false }
    }

    deinit {
        if !closed {
            canceller.free()
            PQfinish(handle)
        }
    }
}

/// Sends cancel requests for exactly the statement a task was waiting on.
///
/// Each statement gets a number; a cancel only goes out while that statement is running, and the
/// next statement cannot start until a cancel in flight has been delivered. So a late cancel
/// never hits the statement after it.
final class Canceller: Sendable {
    private struct State: @unchecked Sendable {
        var handle: OpaquePointer?
        var next: UInt64 = 0
        var running: UInt64?
        var lastEnded: UInt64 = 0
        var cancelled: Set<UInt64> = []
    }
    private let state: Mutex<State>

    init(_ handle: OpaquePointer?) { state = Mutex(State(handle: handle)) }

    func nextOperation() -> UInt64 {
        state.withLock { state in
            state.next += 1
            return state.next
        }
    }

    /// Marks `operation` as running; false if it was cancelled before it started.
    func begin(_ operation: UInt64) -> Bool {
        state.withLock { state in
            if state.cancelled.remove(operation) != nil { return false }
            state.running = operation
            return true
        }
    }

    func end(_ operation: UInt64) {
        state.withLock { state in
            if state.running == operation { state.running = nil }
            state.lastEnded = max(state.lastEnded, operation)
            state.cancelled.remove(operation)
        }
    }

    func cancel(_ operation: UInt64) {
        state.withLock { state in
            guard state.running == operation else {
                // Not started yet: make sure it never starts. Already over: nothing to do.
                if operation > state.lastEnded { state.cancelled.insert(operation) }
                return
            }
            guard let handle = state.handle else { return }
            var message = [CChar](repeating: 0, count: 256)
            _ = PQcancel(handle, &message, Int32(message.count))
        }
    }

    func free() {
        state.withLock { state in
            if let handle = state.handle { PQfreeCancel(handle) }
            state.handle = nil
        }
    }
}
