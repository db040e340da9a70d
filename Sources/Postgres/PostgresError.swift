import CLibPQ

/// An error from PostgreSQL, libpq or the pool, with the server's diagnostic fields when there are any.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server answered the statement with an error (see `sqlState`).
        case server
        /// No connection could be made, or an open one was lost.
        case connection
        /// The pool had no connection free within its acquire timeout.
        case poolTimeout
        /// The pool was closed.
        case poolClosed
        /// A row value could not be decoded into the requested Swift type.
        case decoding
    }

    public var kind: Kind
    public var message: String
    /// The five-character SQLSTATE code, e.g. `23505` for a unique violation.
    public var sqlState: String?
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?

    public init(
        _ kind: Kind,
        _ message: String,
        sqlState: String? = nil,
        detail: String? = nil,
        hint: String? = nil,
        constraint: String? = nil,
        table: String? = nil,
        column: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    public var description: String {
        var text = "PostgreSQL \(kind)"
        if let sqlState { text += " [\(sqlState)]" }
        text += ": \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        if let detail { text += " - \(detail)" }
        if let hint { text += " Hint: \(hint)" }
        return text
    }

    /// A serialization failure or deadlock: the whole transaction may be tried again.
    public var isTransient: Bool { sqlState == "40001" || sqlState == "40P01" }
    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    public var isCheckViolation: Bool { sqlState == "23514" }
    public var isQueryCanceled: Bool { sqlState == "57014" }
}

extension PostgresError {
    /// Reads the diagnostic fields of a failed result.
    static func fromResult(_ result: OpaquePointer, connection: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let sqlState = field("C")
        let primary = field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines
        // Without an SQLSTATE the error came from libpq itself: the connection failed mid-statement.
        let lost = sqlState == nil || PQstatus(connection) != CONNECTION_OK
        return PostgresError(
            lost ? .connection : .server,
            primary.isEmpty ? String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines : primary,
            sqlState: sqlState,
            detail: field("D"),
            hint: field("H"),
            constraint: field("n"),
            table: field("t"),
            column: field("c")
        )
    }

    static func connectionMessage(_ connection: OpaquePointer?) -> String {
        guard let connection, let text = PQerrorMessage(connection) else { return "out of memory" }
        return String(cString: text).trimmingTrailingNewlines
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
