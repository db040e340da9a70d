import Foundation

// Foundation writes a UUID in capitals; ids are lowercase everywhere else (URLs, the audit log,
// RFC 9562). These overloads are more specific than the generic ones, so the synthesized
// `Encodable` conformances of this module's types pick them.
extension KeyedEncodingContainer {
    mutating func encode(_ value: UUID, forKey key: Key) throws {
        try encode(value.uuidString.lowercased(), forKey: key)
    }

    mutating func encodeIfPresent(_ value: UUID?, forKey key: Key) throws {
        if let value { try encode(value.uuidString.lowercased(), forKey: key) }
    }
}
