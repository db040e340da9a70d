import CLibPQ

/// One row of a result, readable only inside the decode closure that receives it.
///
/// Rows are decoded into Swift values while libpq's result is still alive; nothing
/// that points into the result leaves the call.
public struct PostgresRow: ~Copyable {
    let result: OpaquePointer
    let index: Int32

    public var columnCount: Int { Int(PQnfields(result)) }

    /// The value of column `column` (0-based), decoded as `T`.
    public func decode<T: PostgresDecodable>(_ column: Int, as _: T.Type = T.self) throws -> T {
        guard column >= 0, column < columnCount else {
            throw PostgresError(.decoding, "column \(column) does not exist; the row has \(columnCount)")
        }
        let field = Int32(column)
        do {
            if PQgetisnull(result, index, field) == 1 { return try T.decodeNull() }
            let type = PostgresType(rawValue: PQftype(result, field))
            let length = Int(PQgetlength(result, index, field))
            guard let start = PQgetvalue(result, index, field) else { return try T.decodeNull() }
            return try T.decode(from: UnsafeRawBufferPointer(start: start, count: length), type: type)
        } catch var error as PostgresError {
            error.column = String(cString: PQfname(result, field))
            error.message = "column \(error.column!): \(error.message)"
            throw error
        }
    }

    /// The value of the column named `name`, decoded as `T`.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        let column = Int(PQfnumber(result, "\"\(name)\""))
        guard column >= 0 else { throw PostgresError(.decoding, "the result has no column \(name)") }
        return try decode(column, as: type)
    }
}

/// A Swift type made from one result row.
public protocol PostgresRowDecodable: Sendable {
    init(row: borrowing PostgresRow) throws
}
