import Foundation
import Hummingbird
import Voorveld

/// A posted form (`application/x-www-form-urlencoded`), with its fields in order. A field can come
/// more than once (a group of checkboxes), so it is read as a list of pairs rather than decoded.
struct Formulier: Sendable {
    private(set) var velden: [(naam: String, waarde: String)]

    init(_ velden: [(naam: String, waarde: String)] = []) { self.velden = velden }

    /// Reads the body of a POST; anything else than a url-encoded form is 415.
    static func lees(_ request: Request, context: some RequestContext) async throws -> Formulier {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw Problem(status: .unsupportedMediaType, detail: "Verstuur het formulier vanuit de pagina.")
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        return Formulier(urlencoded: String(buffer: body))
    }

    init(urlencoded text: String) {
        velden = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            // Browsers send a textarea's line breaks as CR LF; stored text has LF only.
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return (spaced.removingPercentEncoding ?? spaced).replacingOccurrences(of: "\r\n", with: "\n")
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The first value of a field, as typed.
    subscript(naam: String) -> String? { velden.first { $0.naam == naam }?.waarde }

    /// Every value of a field (the checked boxes of a group).
    func waarden(_ naam: String) -> [String] { velden.filter { $0.naam == naam }.map(\.waarde) }

    func heeft(_ naam: String, waarde: String) -> Bool { velden.contains { $0.naam == naam && $0.waarde == waarde } }

    mutating func zet(_ naam: String, _ waarde: String) {
        velden.removeAll { $0.naam == naam }
        velden.append((naam, waarde))
    }

    /// The form as the domain's raw input, so a page checks exactly what the API checks. Fields
    /// in `lijsten` are lists (checkbox groups: none checked is an empty list); the form's own
    /// fields (`csrf`, `versie`, `afdruk`) are left out.
    func invoer(lijsten: Set<String>, negeer: Set<String> = Grondslag.velden.union([CSRF.field])) -> [String: RuweWaarde] {
        var invoer: [String: RuweWaarde] = [:]
        for (naam, waarde) in velden where !negeer.contains(naam) && !lijsten.contains(naam) {
            if invoer[naam] == nil { invoer[naam] = .tekst(waarde) }
        }
        for naam in lijsten { invoer[naam] = .lijst(waarden(naam).map(RuweWaarde.tekst)) }
        return invoer
    }

    /// The form's `versie` field, for an edit that must not overwrite someone else's.
    var versie: Int? { self["versie"].flatMap { Int($0) } }
}
