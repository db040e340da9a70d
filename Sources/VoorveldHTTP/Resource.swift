import CalendarDate
import Foundation
import HTTPTypes
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// What the resource endpoints share: JSON answers with an ETag, If-Match, Idempotency-Key and
/// checked query parameters.
enum Resource {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A JSON answer, with the record's version as its ETag.
    static func json(
        _ value: some Encodable,
        status: HTTPResponse.Status = .ok,
        versie: Int? = nil,
        location: String? = nil,
        extra: HTTPFields = [:]
    ) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let location { headers[.location] = location }
        if let versie { headers[.eTag] = ETag.of(versie) }
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }

    /// The version an update is based on, from `If-Match`: 428 without it.
    static func ifMatch(_ request: Request) throws -> Int {
        guard let ifMatch = request.headers[.ifMatch] else {
            throw Problem(status: .preconditionRequired, detail: "Stuur de ETag van de versie die u wijzigt mee in If-Match.")
        }
        // A malformed header is a bad request; a well-formed one that no longer matches is 412.
        guard let versie = ETag.versie(ifMatch) else {
            throw Problem(
                status: .badRequest,
                detail: "If-Match bevat geen geldige ETag; stuur de ETag mee zoals een GET die gaf, bijvoorbeeld \"3\"."
            )
        }
        return versie
    }

    /// 412 with the current ETag, so the client can fetch and retry.
    static func stale(_ soort: String, current versie: Int?) -> Problem {
        Problem(
            status: .preconditionFailed,
            detail: "Iemand anders heeft deze \(soort) intussen gewijzigd (nu versie \(versie ?? 0)). Haal de gegevens opnieuw op en wijzig dan.",
            headers: [.eTag: ETag.of(versie ?? 0)]
        )
    }

    /// The client's `Idempotency-Key`, if any: 1 to 200 visible characters.
    static func idempotencyKey(_ request: Request) throws -> String? {
        guard let key = request.headers[.idempotencyKey] else { return nil }
        guard (1...200).contains(key.count), key.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
            throw Problem.invalid([Veldfout(veld: "Idempotency-Key", melding: "1 tot 200 zichtbare tekens, zonder spaties")])
        }
        return key
    }

    /// A create, made safe to retry with `Idempotency-Key`: a retry makes nothing new, and gets
    /// the record the first request made, read again now (so with today's access and an audit line).
    /// - Parameters:
    ///   - path: the collection, e.g. `/v1/hulpvragen`; the new record is at `path/id`.
    ///   - herlees: reads a record for a retry; nil when the caller may no longer see it.
    static func create<Record: Resourcerecord>(
        _ request: Request,
        raw: String,
        scope: AccessScope,
        idempotentie: IdempotentieStore,
        path: String,
        _ create: (PostgresConnection) async throws -> Record,
        herlees: (UUID) async throws -> Record?
    ) async throws -> Response {
        let key = try idempotencyKey(request)
        let uitkomst: IdempotentieStore.Uitkomst<Record>
        do {
            uitkomst = try await idempotentie.eenmalig(sleutel: key, verzoek: "\(request.method) \(request.uri.path)\n\(raw)", in: scope) {
                connection in
                let record = try await create(connection)
                return (record, .init(status: 201, locatie: location(path, record), etag: record.versie.map(ETag.of)))
            }
        } catch is IdempotentieStore.AndereVerzoek {
            throw Problem(
                status: .unprocessableContent,
                title: "Idempotency-Key al gebruikt",
                detail: "Deze Idempotency-Key is al gebruikt voor een ander verzoek. Gebruik een nieuwe sleutel voor een nieuw verzoek."
            )
        }
        switch uitkomst {
        case .nieuw(let record):
            return try json(record, status: .created, versie: record.versie, location: location(path, record))
        case .herhaald(let eerder):
            guard let id = eerder.locatie?.split(separator: "/").last.flatMap({ UUID(uuidString: String($0)) }),
                let record = try await herlees(id)
            else { throw Problem.notFound("Wat met deze Idempotency-Key is gemaakt, is er niet meer of niet meer voor u zichtbaar.") }
            return try json(
                record,
                status: .created,
                versie: record.versie,
                location: location(path, record),
                extra: [.idempotentReplayed: "true"]
            )
        }
    }

    static func location(_ path: String, _ record: some Resourcerecord) -> String {
        "\(path)/\(record.id?.uuidString.lowercased() ?? "")"
    }
}

/// A record the API serves at its own address, with a version for ETags.
protocol Resourcerecord: Encodable, Sendable {
    var id: UUID? { get }
    var versie: Int? { get }
}

extension Vrijwilliger: Resourcerecord {}
extension Voorziening: Resourcerecord {}
extension Hulpvraag: Resourcerecord {}

/// ETags are the record's version number: `"3"`.
enum ETag {
    static func of(_ versie: Int) -> String { "\"\(versie)\"" }

    /// The version in a strong ETag `"3"` (1 to 9 digits); nil for anything else. If-Match
    /// compares strongly (RFC 9110), so a weak `W/"3"` matches nothing.
    static func versie(_ header: String) -> Int? {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.count >= 3, text.count <= 11, text.hasPrefix("\""), text.hasSuffix("\"") else { return nil }
        let digits = text.dropFirst().dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
}

/// The query parameters of a list, checked: every problem is reported, unknown names too.
struct Zoekvraag {
    private let parameters: [String: String]
    private var gelezen: Set<String> = []
    private(set) var fouten: [Veldfout] = []

    init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        self.parameters = parameters
    }

    /// A problem with a parameter that was read fine but does not fit (a period the wrong way round).
    mutating func fout(_ naam: String, _ melding: String) {
        fouten.append(Veldfout(veld: naam, melding: melding))
    }

    mutating func tekst(_ naam: String) -> String? {
        gelezen.insert(naam)
        guard let value = parameters[naam], !value.isEmpty else { return nil }
        guard !value.unicodeScalars.contains("\u{0}") else {
            fouten.append(Veldfout(veld: naam, melding: Veldlezer.ongeldigTeken))
            return nil
        }
        return value
    }

    /// A typed parameter that is present must have a value: `?van=` is a mistake, not "no date".
    private mutating func leeg(_ naam: String, _ melding: String) -> Bool {
        gelezen.insert(naam)
        guard parameters[naam]?.isEmpty == true else { return false }
        fouten.append(Veldfout(veld: naam, melding: melding))
        return true
    }

    /// An id (UUID).
    mutating func id(_ naam: String) -> UUID? {
        guard !leeg(naam, "geen geldig id"), let text = tekst(naam) else { return nil }
        guard let id = UUID(uuidString: text) else {
            fouten.append(Veldfout(veld: naam, melding: "geen geldig id"))
            return nil
        }
        return id
    }

    mutating func keuze<T: RawRepresentable & CaseIterable>(_ naam: String, _: T.Type) -> T? where T.RawValue == String {
        guard !leeg(naam, "kies uit: \(T.allCases.map(\.rawValue).joined(separator: ", "))"), let text = tekst(naam) else { return nil }
        guard let value = T(rawValue: text) else {
            fouten.append(Veldfout(veld: naam, melding: "kies uit: \(T.allCases.map(\.rawValue).joined(separator: ", "))"))
            return nil
        }
        return value
    }

    mutating func datum(_ naam: String) -> CalendarDate? {
        guard !leeg(naam, "geen datum (JJJJ-MM-DD)"), let text = tekst(naam) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            fouten.append(Veldfout(veld: naam, melding: "geen datum (JJJJ-MM-DD)"))
            return nil
        }
        return date
    }

    mutating func paginering() -> Paginering {
        var paginering = Paginering()
        _ = leeg("pagina", "moet tussen 1 en 1000000 liggen")
        _ = leeg("paginaGrootte", "moet tussen 1 en \(Paginering.maximaleGrootte) liggen")
        if let pagina = tekst("pagina") {
            if let value = Int(pagina), value >= 1, value <= 1_000_000 {
                paginering.pagina = value
            } else {
                fouten.append(Veldfout(veld: "pagina", melding: "moet tussen 1 en 1000000 liggen"))
            }
        }
        if let grootte = tekst("paginaGrootte") {
            if let value = Int(grootte), (1...Paginering.maximaleGrootte).contains(value) {
                paginering.paginaGrootte = value
            } else {
                fouten.append(Veldfout(veld: "paginaGrootte", melding: "moet tussen 1 en \(Paginering.maximaleGrootte) liggen"))
            }
        }
        return paginering
    }

    /// 400 with every problem, unknown parameters included.
    mutating func controleer() throws {
        for naam in parameters.keys.sorted() where !gelezen.contains(naam) {
            fouten.append(Veldfout(veld: naam, melding: "onbekende zoekparameter"))
        }
        guard fouten.isEmpty else { throw Problem.invalid(fouten) }
    }
}

/// A page of a list, as every list endpoint answers.
struct Paginaantwoord<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    var pagina: Int
    var paginaGrootte: Int
    var totaal: Int

    init(_ pagina: Pagina<Item>, _ paginering: Paginering) {
        items = pagina.items
        self.pagina = paginering.pagina
        paginaGrootte = paginering.paginaGrootte
        totaal = pagina.totaal
    }
}
