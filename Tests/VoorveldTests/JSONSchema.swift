import Foundation

/// A JSON value with its types kept apart (a boolean is never a number), for checking answers.
indirect enum JSON: Decodable, Equatable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSON])
    case object([String: JSON])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    static func parse(_ data: Data) throws -> JSON { try JSONDecoder().decode(JSON.self, from: data) }

    subscript(key: String) -> JSON? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    var string: String? { if case .string(let text) = self { text } else { nil } }
    var int: Int? { if case .number(let number) = self { Int(exactly: number) } else { nil } }
    var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    var array: [JSON]? { if case .array(let values) = self { values } else { nil } }
    var object: [String: JSON]? { if case .object(let fields) = self { fields } else { nil } }
    var strings: [String]? { array?.compactMap(\.string) }

    var description: String {
        switch self {
        case .string(let text): "string '\(text.prefix(40))'"
        case .number(let number): "number \(number)"
        case .bool(let value): "boolean \(value)"
        case .array: "array"
        case .object: "object"
        case .null: "null"
        }
    }
}

/// Checks a JSON value against the part of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that our
/// document uses: `$ref` within the document, `type` (one or a list), `properties`, `required`,
/// `additionalProperties`, `items`, `enum`, `format` (date, uuid, email), `minimum`, `maximum`,
/// `minLength`, `maxLength`, `pattern`, `minItems`, `maxItems` and `oneOf` (exactly one of the
/// schemas matches). Any other keyword fails the check, so the document
/// cannot silently use something this validator ignores.
struct JSONSchemaValidator {
    let document: JSON

    static let known: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "format", "minimum", "maximum",
        "minLength", "maxLength", "pattern", "minItems", "maxItems", "oneOf", "description", "default", "example", "readOnly",
    ]

    /// Every problem found, as `path: reason`; empty when the value matches.
    func problems(_ value: JSON, _ schema: JSON, at path: String = "$") -> [String] {
        if let ref = schema["$ref"]?.string { return problems(value, resolve(ref), at: path) }
        guard let keywords = schema.object else { return ["\(path): the schema is not an object"] }
        var found: [String] = []
        for key in keywords.keys where !Self.known.contains(key) { found.append("\(path): schema keyword '\(key)' is not supported") }
        if let options = schema["oneOf"]?.array {
            let results = options.map { problems(value, $0, at: path) }
            let matching = results.filter(\.isEmpty).count
            if matching != 1 {
                found.append(
                    "\(path): matches \(matching) of the \(options.count) oneOf schemas, not exactly one"
                        + (matching == 0 ? ": " + results.map { $0.prefix(2).joined(separator: "; ") }.joined(separator: " | ") : "")
                )
            }
        }
        if let type = schema["type"] {
            let types = type.strings ?? [type.string ?? ""]
            if !types.contains(where: { Self.matches(value, type: $0) }) {
                return found + ["\(path): expected \(types.joined(separator: " or ")), got \(value)"]
            }
        }
        if let options = schema["enum"]?.array, !options.contains(value) {
            found.append("\(path): \(value) is not one of \(options.map(\.description))")
        }
        switch value {
        case .string(let text):
            if let format = schema["format"]?.string, !Self.valid(text, format: format) { found.append("\(path): '\(text)' is not a \(format)") }
            if let max = schema["maxLength"]?.int, text.count > max { found.append("\(path): longer than \(max)") }
            if let min = schema["minLength"]?.int, text.count < min { found.append("\(path): shorter than \(min)") }
            if let pattern = schema["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): '\(text)' does not match \(pattern)")
            }
        case .number(let number):
            if case .number(let min)? = schema["minimum"], number < min { found.append("\(path): below \(min)") }
            if case .number(let max)? = schema["maximum"], number > max { found.append("\(path): above \(max)") }
        case .object(let fields):
            for key in schema["required"]?.strings ?? [] where fields[key] == nil || fields[key] == .null {
                found.append("\(path): required '\(key)' is missing")
            }
            let properties = schema["properties"]?.object ?? [:]
            for (key, item) in fields.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] {
                    found += problems(item, property, at: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"], additional.object != nil {
                    found += problems(item, additional, at: "\(path).\(key)")
                } else if schema["additionalProperties"] == .bool(false) {
                    found.append("\(path): '\(key)' is not in the schema")
                }
            }
        case .array(let items):
            if let min = schema["minItems"]?.int, items.count < min { found.append("\(path): fewer than \(min) items") }
            if let max = schema["maxItems"]?.int, items.count > max { found.append("\(path): more than \(max) items") }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { found += problems(item, itemSchema, at: "\(path)[\(index)]") }
            }
        default: break
        }
        return found
    }

    /// `#/components/schemas/Name` and the like.
    func resolve(_ ref: String) -> JSON {
        var node = document
        for part in ref.dropFirst(2).split(separator: "/") { node = node[String(part)] ?? .null }
        return node
    }

    static func matches(_ value: JSON, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    static func valid(_ text: String, format: String) -> Bool {
        switch format {
        case "date": text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
        case "uuid": UUID(uuidString: text) != nil
        case "email": text.contains("@")
        default: false
        }
    }
}
