import Foundation
import Hummingbird
import Voorveld

/// Reads a JSON request body as raw fields, so that every invalid field can be reported at once
/// (a typed decoder stops at the first).
enum JSONInput {
    /// - Throws: `Problem` 415 for another content type, 400 for a body that is not a JSON object.
    static func object(_ request: Request, context: AppRequestContext) async throws -> [String: RuweWaarde] {
        try await read(request, context: context).fields
    }

    /// The fields, and the body as sent (for an idempotency key's request fingerprint).
    static func read(_ request: Request, context: AppRequestContext) async throws -> (fields: [String: RuweWaarde], raw: String) {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("application/json") else {
            throw Problem(status: .unsupportedMediaType, detail: "Stuur de gegevens als JSON (Content-Type: application/json).")
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        // Before decoding: the decoder's work grows faster than the square of the depth (500
        // levels in 3 KB took seconds of CPU), and no body of this API needs more than a few.
        guard !nestsDeeper(than: maximaleDiepte, body) else {
            throw Problem(
                status: .badRequest,
                detail: "De inhoud is te diep genest: hoogstens \(maximaleDiepte) niveaus van objecten en lijsten in elkaar."
            )
        }
        guard case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: body)) else {
            throw Problem(status: .badRequest, detail: "De inhoud is geen geldig JSON-object.")
        }
        return (fields.mapValues(\.raw), String(buffer: body))
    }

    /// How deep objects and lists may be nested in a body. The deepest this API reads is 2 (the
    /// `zrmScores` object in a hulpvraag or afsluiting); 16 leaves room for bodies to grow
    /// without a change here, and costs the decoder next to nothing.
    static let maximaleDiepte = 16

    /// Whether objects and arrays in `body` nest deeper than `limit`, counted outside strings, in
    /// one pass over the bytes. In UTF-8 no byte of a multi-byte character is a quote, backslash
    /// or bracket, so bytes are enough. A closing bracket without an opening one does not count
    /// down below zero: the decoder refuses that body at once anyway.
    static func nestsDeeper(than limit: Int, _ body: ByteBuffer) -> Bool {
        body.withUnsafeReadableBytes { bytes -> Bool in
            var depth = 0
            var inString = false
            var escaped = false
            for byte in bytes {
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    if depth > limit { return true }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth = max(0, depth - 1)
                default:
                    break
                }
            }
            return false
        }
    }
}

/// Any JSON value, decoded without a schema; booleans stay booleans.
indirect enum JSONValue: Decodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
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
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var raw: RuweWaarde {
        switch self {
        case .string(let text): .tekst(text)
        case .number(let number): .getal(number)
        case .bool(let value): .waarheid(value)
        case .array(let values): .lijst(values.map(\.raw))
        case .null: .leeg
        case .object(let fields): .object(fields.mapValues(\.raw))
        }
    }
}

extension Problem {
    /// 400 with every invalid field, as `invalidParams` (NL API Design Rules).
    static func invalid(_ fouten: [Veldfout]) -> Problem {
        var problem = Problem(status: .badRequest, title: "Ongeldige invoer", detail: "Een of meer velden zijn niet goed ingevuld.")
        problem.invalidParams = fouten.map { InvalidParam(name: $0.veld, reason: $0.melding) }
        return problem
    }
}

struct InvalidParam: Encodable, Sendable {
    var name: String
    var reason: String
}

extension Problem {
    /// The invalid fields of a 400, for a page to show next to its fields.
    var veldfouten: [Veldfout] { invalidParams?.map { Veldfout(veld: $0.name, melding: $0.reason) } ?? [] }
}
