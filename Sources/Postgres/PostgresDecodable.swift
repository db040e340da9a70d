import CalendarDate
import Foundation

/// A Swift value that can be read from a column of a result row (binary format).
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL value that PostgreSQL sent as `type`.
    static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Self
    /// The value for SQL NULL; throws for every type but `Optional`.
    static func decodeNull() throws -> Self
}

extension PostgresDecodable {
    public static func decodeNull() throws -> Self {
        throw PostgresError(.decoding, "unexpected NULL for \(Self.self); decode as \(Self.self)? instead")
    }

    static func mismatch(_ type: PostgresType) -> PostgresError {
        PostgresError(.decoding, "cannot decode \(type) as \(Self.self)")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Self {
        try Wrapped.decode(from: bytes, type: type)
    }
    public static func decodeNull() throws -> Self { nil }
}

extension String: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> String {
        switch type {
        case _ where type.isTextual: return String(decoding: bytes, as: UTF8.self)
        case .jsonb:
            // jsonb's binary form is a version byte followed by the JSON text.
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), as: UTF8.self)
        case .uuid: return try UUID.decode(from: bytes, type: type).uuidString.lowercased()
        case .date: return try CalendarDate.decode(from: bytes, type: type).description
        default: throw mismatch(type)
        }
    }
}

extension Bool: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Bool {
        guard type == .bool, bytes.count == 1 else { throw mismatch(type) }
        return bytes[0] != 0
    }
}

extension Int: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int {
        var reader = ByteReader(bytes)
        switch type {
        case .int8: return Int(try reader.read(Int64.self))
        case .int4: return Int(try reader.read(Int32.self))
        case .int2: return Int(try reader.read(Int16.self))
        case .oid: return Int(try reader.read(UInt32.self))
        default: throw mismatch(type)
        }
    }
}

extension Int64: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int64 {
        Int64(try Int.decode(from: bytes, type: type))
    }
}

extension Int32: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int32 {
        let value = try Int.decode(from: bytes, type: type)
        guard let narrow = Int32(exactly: value) else { throw PostgresError(.decoding, "\(value) does not fit in Int32") }
        return narrow
    }
}

extension Int16: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Int16 {
        let value = try Int.decode(from: bytes, type: type)
        guard let narrow = Int16(exactly: value) else { throw PostgresError(.decoding, "\(value) does not fit in Int16") }
        return narrow
    }
}

extension Double: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Double {
        var reader = ByteReader(bytes)
        switch type {
        case .float8: return Double(bitPattern: try reader.read(UInt64.self))
        case .float4: return Double(Float(bitPattern: try reader.read(UInt32.self)))
        case .int8, .int4, .int2: return Double(try Int.decode(from: bytes, type: type))
        default: throw mismatch(type)
        }
    }
}

extension UUID: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> UUID {
        guard type == .uuid, bytes.count == 16 else { throw mismatch(type) }
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: bytes) }
        return UUID(uuid: value)
    }
}

extension Data: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Data {
        guard type == .bytea else { throw mismatch(type) }
        return Data(bytes)
    }
}

extension Date: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Date {
        guard type == .timestamptz || type == .timestamp else { throw mismatch(type) }
        var reader = ByteReader(bytes)
        let micros = try reader.read(Int64.self)
        return Date(timeIntervalSince1970: Double(micros) / 1_000_000 + PostgresEpoch.unixOffset)
    }
}

extension CalendarDate: PostgresDecodable {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> CalendarDate {
        guard type == .date else { throw mismatch(type) }
        var reader = ByteReader(bytes)
        let days = try reader.read(Int32.self)
        guard days != Int32.max, days != Int32.min else {
            throw PostgresError(.decoding, "cannot decode the date 'infinity' as CalendarDate")
        }
        return CalendarDate(daysSince2000: Int(days))
    }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Reads a one-dimensional array; NULL elements decode through `Element.decodeNull()`.
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> [Element] {
        var reader = ByteReader(bytes)
        let dimensions = try reader.read(Int32.self)
        _ = try reader.read(Int32.self)  // has-nulls flag
        let elementType = PostgresType(rawValue: try reader.read(UInt32.self))
        guard dimensions <= 1 else {
            throw PostgresError(.decoding, "cannot decode a \(dimensions)-dimensional array as \(Self.self)")
        }
        guard dimensions == 1 else { return [] }
        let count = Int(try reader.read(Int32.self))
        _ = try reader.read(Int32.self)  // lower bound
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            let length = Int(try reader.read(Int32.self))
            if length < 0 {
                elements.append(try Element.decodeNull())
            } else {
                elements.append(try Element.decode(from: try reader.take(length), type: elementType))
            }
        }
        return elements
    }
}

/// Reads big-endian values from a binary column, failing instead of reading past the end.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let chunk = try take(MemoryLayout<T>.size)
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: chunk) }
        return T(bigEndian: value)
    }

    mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, offset + count <= bytes.count else {
            throw PostgresError(.decoding, "value shorter than its type requires")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }
}

/// A Swift enum stored as its raw text (a text column, or a PostgreSQL enum read as text). A value
/// the enum does not know is a decoding error that names it, never a silent default.
public protocol PostgresTextEnum: PostgresDecodable, RawRepresentable where RawValue == String {}

extension PostgresTextEnum {
    public static func decode(from bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Self {
        let text = try String.decode(from: bytes, type: type)
        guard let value = Self(rawValue: text) else { throw PostgresError(.decoding, "unknown value '\(text)' for \(Self.self)") }
        return value
    }
}
