import CalendarDate
import Foundation

/// A Swift value that can be sent to PostgreSQL as a statement parameter, in binary format.
///
/// Values are only ever sent as parameters (`$1`, `$2`, ...), never spliced into SQL text.
public protocol PostgresEncodable: Sendable {
    /// The type PostgreSQL should read the parameter as.
    static var postgresType: PostgresType { get }
    /// The binary wire form of the value, or `nil` for SQL NULL.
    func postgresBytes() -> [UInt8]?
}

/// A type that can also appear as the element of an array parameter.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    static var postgresArrayType: PostgresType { get }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresType { Wrapped.postgresType }
    public func postgresBytes() -> [UInt8]? { self?.postgresBytes() }
}

extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {
    public static var postgresArrayType: PostgresType { Wrapped.postgresArrayType }
}

extension String: PostgresArrayElement {
    public static var postgresType: PostgresType { .text }
    public static var postgresArrayType: PostgresType { .textArray }
    public func postgresBytes() -> [UInt8]? { Array(utf8) }
}

extension Bool: PostgresArrayElement {
    public static var postgresType: PostgresType { .bool }
    public static var postgresArrayType: PostgresType { .boolArray }
    public func postgresBytes() -> [UInt8]? { [self ? 1 : 0] }
}

extension Int: PostgresArrayElement {
    public static var postgresType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
    public func postgresBytes() -> [UInt8]? { Int64(self).bigEndianBytes }
}

extension Int64: PostgresArrayElement {
    public static var postgresType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
    public func postgresBytes() -> [UInt8]? { bigEndianBytes }
}

extension Int32: PostgresArrayElement {
    public static var postgresType: PostgresType { .int4 }
    public static var postgresArrayType: PostgresType { .int4Array }
    public func postgresBytes() -> [UInt8]? { bigEndianBytes }
}

extension Int16: PostgresArrayElement {
    public static var postgresType: PostgresType { .int2 }
    public static var postgresArrayType: PostgresType { .int2Array }
    public func postgresBytes() -> [UInt8]? { bigEndianBytes }
}

extension Double: PostgresArrayElement {
    public static var postgresType: PostgresType { .float8 }
    public static var postgresArrayType: PostgresType { .float8Array }
    public func postgresBytes() -> [UInt8]? { bitPattern.bigEndianBytes }
}

extension UUID: PostgresArrayElement {
    public static var postgresType: PostgresType { .uuid }
    public static var postgresArrayType: PostgresType { .uuidArray }
    public func postgresBytes() -> [UInt8]? { withUnsafeBytes(of: uuid) { Array($0) } }
}

extension Data: PostgresEncodable {
    public static var postgresType: PostgresType { .bytea }
    public func postgresBytes() -> [UInt8]? { Array(self) }
}

extension Date: PostgresEncodable {
    public static var postgresType: PostgresType { .timestamptz }
    public func postgresBytes() -> [UInt8]? {
        let micros = ((timeIntervalSince1970 - PostgresEpoch.unixOffset) * 1_000_000).rounded()
        return Int64(micros).bigEndianBytes
    }
}

extension CalendarDate: PostgresArrayElement {
    public static var postgresType: PostgresType { .date }
    public static var postgresArrayType: PostgresType { .dateArray }
    public func postgresBytes() -> [UInt8]? { Int32(daysSince2000).bigEndianBytes }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresType { Element.postgresArrayType }

    /// The binary array format: dimensions, a null flag, the element type, then each element with its length.
    public func postgresBytes() -> [UInt8]? {
        let values = map { $0.postgresBytes() }
        var bytes: [UInt8] = []
        bytes += Int32(isEmpty ? 0 : 1).bigEndianBytes
        bytes += Int32(values.contains { $0 == nil } ? 1 : 0).bigEndianBytes
        bytes += Element.postgresType.rawValue.bigEndianBytes
        if !isEmpty {
            bytes += Int32(count).bigEndianBytes
            bytes += Int32(1).bigEndianBytes
        }
        for value in values {
            if let value {
                bytes += Int32(value.count).bigEndianBytes
                bytes += value
            } else {
                bytes += Int32(-1).bigEndianBytes
            }
        }
        return bytes
    }
}

enum PostgresEpoch {
    /// Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for dates and timestamps.
    static let unixOffset: Double = 946_684_800
}

extension FixedWidthInteger {
    var bigEndianBytes: [UInt8] { withUnsafeBytes(of: bigEndian) { Array($0) } }
}
