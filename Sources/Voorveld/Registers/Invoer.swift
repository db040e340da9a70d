import CalendarDate
import Foundation

/// A value as it arrived, from JSON or from a CSV cell, before it is checked.
public enum RuweWaarde: Sendable, Equatable {
    case tekst(String)
    case getal(Double)
    case waarheid(Bool)
    case lijst([RuweWaarde])
    case leeg
    /// A nested object, such as the ZRM scores per leefgebied.
    case object([String: RuweWaarde])
}

/// A problem with one field of the input. Both parts are shown to users, so they are Dutch.
public struct Veldfout: Sendable, Hashable, Codable, CustomStringConvertible {
    public var veld: String
    public var melding: String

    public init(veld: String, melding: String) {
        self.veld = veld
        self.melding = melding
    }

    public var description: String { "\(veld): \(melding)" }
}

/// Invalid input, with every problem at once.
public struct Invoerfouten: Error, Sendable, Equatable {
    public var fouten: [Veldfout]
    public init(_ fouten: [Veldfout]) { self.fouten = fouten }
}

/// Reads typed fields from raw input and collects every problem instead of stopping at the first.
///
/// From CSV every cell is text: numbers, yes/no and `;`-separated lists are read from it.
public struct Veldlezer {
    private let velden: [String: RuweWaarde]
    public private(set) var fouten: [Veldfout] = []
    private var gelezen: Set<String> = []

    public init(_ velden: [String: RuweWaarde]) { self.velden = velden }

    public static let ongeldigTeken = "bevat een ongeldig teken (NUL)"

    public mutating func fout(_ veld: String, _ melding: String) {
        fouten.append(Veldfout(veld: veld, melding: melding))
    }

    private mutating func waarde(_ veld: String) -> RuweWaarde {
        gelezen.insert(veld)
        switch velden[veld] {
        case nil, .leeg?: return .leeg
        case .tekst(let text)? where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty: return .leeg
        case let value?: return value
        }
    }

    /// Text as it is stored (trimmed, in Unicode NFC), when it fits `soort`; nil when absent (an
    /// error when `verplicht`) or refused.
    public mutating func tekst(_ veld: String, verplicht: Bool = false, maximaal: Int = 200, soort: Tekstsoort = .vrijeTekst) -> String? {
        switch waarde(veld) {
        case .leeg:
            if verplicht { fout(veld, "is verplicht") }
            return nil
        case .tekst(let text):
            let tekst = Tekstsoort.opgeslagen(text)
            if let melding = soort.fout(in: tekst) {
                fout(veld, melding)
                return nil
            }
            // Counted as PostgreSQL counts (code points), so the database never refuses what passed here.
            guard tekst.unicodeScalars.count <= maximaal else {
                fout(veld, "is te lang (hoogstens \(maximaal) tekens)")
                return nil
            }
            return tekst
        default:
            fout(veld, "moet tekst zijn")
            return nil
        }
    }

    public mutating func geheelGetal(_ veld: String, verplicht: Bool = false, bereik: ClosedRange<Int>) -> Int? {
        let number: Int?
        switch waarde(veld) {
        case .leeg:
            if verplicht { fout(veld, "is verplicht") }
            return nil
        case .getal(let value): number = value.rounded() == value && abs(value) < 1e15 ? Int(value) : nil
        case .tekst(let text): number = Int(text.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        guard let number else {
            fout(veld, "moet een geheel getal zijn")
            return nil
        }
        guard bereik.contains(number) else {
            fout(veld, "moet tussen \(bereik.lowerBound) en \(bereik.upperBound) liggen")
            return nil
        }
        return number
    }

    /// Yes or no that must be given (or nil, with an error, when absent).
    public mutating func waarheid(_ veld: String, verplicht: Bool) -> Bool? {
        if case .leeg = waarde(veld) {
            if verplicht { fout(veld, "is verplicht: ja of nee") }
            return nil
        }
        return waarheid(veld)
    }

    public mutating func waarheid(_ veld: String, standaard: Bool = false) -> Bool {
        switch waarde(veld) {
        case .leeg: return standaard
        case .waarheid(let value): return value
        case .tekst(let text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "ja", "j", "true", "1", "waar": return true
            case "nee", "n", "false", "0", "onwaar": return false
            default: break
            }
        default: break
        }
        fout(veld, "moet ja of nee zijn")
        return standaard
    }

    /// A list of texts: a JSON array, or `;`-separated text. Duplicates are removed, order kept.
    public mutating func lijst(_ veld: String) -> [String] {
        var items: [String]
        switch waarde(veld) {
        case .leeg: return []
        case .tekst(let text): items = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        case .lijst(let values):
            items = []
            for value in values {
                guard case .tekst(let text) = value, !text.unicodeScalars.contains("\u{0}") else {
                    fout(veld, "moet een lijst van teksten zijn")
                    return []
                }
                items.append(text.trimmingCharacters(in: .whitespaces))
            }
        default:
            fout(veld, "moet een lijst zijn")
            return []
        }
        var seen: Set<String> = []
        return items.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Codes from a list that must all be in `bekend`; every unknown one is reported.
    public mutating func codes(_ veld: String, bekend: Set<String>, verplicht: Bool = false) -> [String] {
        let items = lijst(veld)
        if verplicht && items.isEmpty && !fouten.contains(where: { $0.veld == veld }) { fout(veld, "kies er minstens één") }
        for item in items where !bekend.contains(item) { fout(veld, "onbekende code '\(item)'") }
        return items.filter(bekend.contains)
    }

    public mutating func keuze<T: RawRepresentable & CaseIterable>(_ veld: String, _: T.Type, verplicht: Bool = false) -> T?
    where T.RawValue == String {
        guard let text = tekst(veld, verplicht: verplicht) else { return nil }
        guard let value = T(rawValue: text.lowercased()) else {
            fout(veld, "'\(text)' is geen geldige waarde; kies uit: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    public mutating func datum(_ veld: String, verplicht: Bool = false) -> CalendarDate? {
        guard let text = tekst(veld, verplicht: verplicht) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            fout(veld, "'\(text)' is geen datum (JJJJ-MM-DD)")
            return nil
        }
        return date
    }

    /// A nested object of named values (`{"financien": 4}`); empty when absent.
    public mutating func object(_ veld: String) -> [String: RuweWaarde] {
        switch waarde(veld) {
        case .leeg: return [:]
        case .object(let fields): return fields
        default:
            fout(veld, "moet een object zijn")
            return [:]
        }
    }

    /// ZRM scores (1-5) by leefgebied, `{"financien": 2}`, each for one of `leefgebieden`;
    /// errors are named `veld.leefgebied`.
    public mutating func zrmScores(_ veld: String, leefgebieden: [String]) -> [String: Int] {
        let ruw = object(veld)
        var scores: [String: Int] = [:]
        var scoreLezer = Veldlezer(ruw)
        for code in ruw.keys.sorted() {
            if !leefgebieden.contains(code) {
                scoreLezer.fout(code, "geen leefgebied van deze hulpvraag")
            } else if let score = scoreLezer.geheelGetal(code, bereik: 1...5) {
                scores[code] = score
            }
        }
        for fout in scoreLezer.fouten { self.fout("\(veld).\(fout.veld)", fout.melding) }
        return scores
    }

    /// Reports every field that was given but never read: usually a typo.
    public mutating func onbekendeVelden(negeer: Set<String> = []) {
        for veld in velden.keys.sorted() where !gelezen.contains(veld) && !negeer.contains(veld) {
            fout(veld, "onbekend veld")
        }
    }
}

/// What the text of a field may hold. One rule per kind of field, so that the API, the pages and
/// the CSV import refuse the same text in the same words.
public enum Tekstsoort: Sendable {
    /// Free text of one or more lines (an omschrijving, a toelichting), and codes that are looked
    /// up in a list anyway: tabs and line breaks are fine; other control characters and the
    /// tekstrichting-tekens are not, since they would reorder what the next reader sees.
    case vrijeTekst
    /// A name, or another line shown to people as it was typed (e-mail, telephone, contact): no
    /// control, format or other invisible character at all. A name that looks like another, or
    /// shows its letters in another order than it holds them, misleads whoever picks it from a list.
    case naam
    /// A key of the steunpunt's or the regiesysteem's own (`referentie`, `dossierreferentie`):
    /// only what `referentiePatroon` allows.
    case referentie

    /// What a referentie may be. Plain ASCII, so that a Cyrillic `а` or a Greek `ο` cannot make a
    /// second volunteer whose key looks the same as the first one's; beginning with a letter or a
    /// digit, because a spreadsheet (where steunpunten keep these keys) reads a cell that begins with
    /// `-` as a formula. `isReferentieteken` and `isReferentiebegin` are this expression in code; the
    /// OpenAPI document has it as the `pattern` of these fields, and a test holds all three equal.
    public static let referentiePatroon = "^[A-Za-z0-9][A-Za-z0-9._/-]*$"

    public static let referentieMelding = "mag alleen letters a-z en A-Z, cijfers en - _ . / bevatten, en begint met een letter of cijfer"
    public static let onzichtbaarMelding = "bevat onzichtbare of tekstrichting-tekens"

    /// The text as it is stored: trimmed, and in Unicode NFC. A name typed with a combining accent
    /// (`e` + U+0301) and one typed with `é` look the same and must be the same: PostgreSQL
    /// compares and searches bytes, Swift compares characters.
    public static func opgeslagen(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Below U+0300 (the combining accents) every text is NFC already: nearly all Dutch text,
        // which a large CSV import then does not pay Foundation's normalisation for.
        guard trimmed.unicodeScalars.contains(where: { $0.value >= 0x300 }) else { return trimmed }
        return trimmed.precomposedStringWithCanonicalMapping
    }

    /// Why `text` (as `opgeslagen` gives it) is refused, in Dutch words for next to the field;
    /// nil when it may be stored.
    public func fout(in text: String) -> String? {
        let scalars = text.unicodeScalars
        // PostgreSQL stores no NUL character in text; it is never typed, only sent.
        if scalars.contains("\u{0}") { return Veldlezer.ongeldigTeken }
        switch self {
        case .referentie:
            if let teken = scalars.first(where: { !Self.isReferentieteken($0) }) {
                return "\(Self.referentieMelding) (niet: \(Self.genoemd(teken)))"
            }
            if let begin = scalars.first, !Self.isReferentiebegin(begin) { return Self.referentieMelding }
        case .naam:
            if let teken = scalars.first(where: Self.isOnzichtbaar) { return "\(Self.onzichtbaarMelding) (\(Self.genoemd(teken)))" }
        case .vrijeTekst:
            if let teken = scalars.first(where: { Self.isTekstrichting($0) || (Self.isBesturing($0) && !Self.regelopmaak.contains($0)) }) {
                return "\(Self.onzichtbaarMelding) (\(Self.genoemd(teken)))"
            }
        }
        return nil
    }

    /// The characters a referentie is made of.
    public static func isReferentieteken(_ scalar: Unicode.Scalar) -> Bool {
        isReferentiebegin(scalar) || scalar == "-" || scalar == "_" || scalar == "." || scalar == "/"
    }

    /// The characters a referentie may begin with: ASCII letters and digits.
    public static func isReferentiebegin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    /// The bidirectional controls: marks, embeddings, overrides and isolates, which change the
    /// order in which the letters after them are shown (U+202E and then `eoJ` shows as `Joe`).
    public static func isTekstrichting(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Characters that show nothing, or nothing of their own: control (Cc) and format (Cf)
    /// characters, which include the tekstrichting-tekens, zero-width spaces and joiners (U+200B-U+200D),
    /// the word joiner (U+2060) and the byte order mark (U+FEFF); line and paragraph separators;
    /// and whatever else Unicode says may be shown as nothing (Default_Ignorable_Code_Point: the
    /// Hangul fillers, variation selectors, the combining grapheme joiner).
    public static func isOnzichtbaar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: scalar.properties.isDefaultIgnorableCodePoint || isTekstrichting(scalar)
        }
    }

    static func isBesturing(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .control }

    /// The control characters that text of several lines needs: tab, line feed, carriage return.
    static let regelopmaak: Set<Unicode.Scalar> = ["\t", "\n", "\r"]

    /// How a refused character is named in a message: by its code point, which the user can look
    /// up or tell the helpdesk, and shown as well when it can be seen (`'а', U+0430`).
    static func genoemd(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return isOnzichtbaar(scalar) || scalar.properties.isWhitespace ? code : "'\(scalar)', \(code)"
    }
}
