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

    /// Text, trimmed; nil when absent (an error when `verplicht`).
    public mutating func tekst(_ veld: String, verplicht: Bool = false, maximaal: Int = 200) -> String? {
        switch waarde(veld) {
        case .leeg:
            if verplicht { fout(veld, "is verplicht") }
            return nil
        case .tekst(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            // PostgreSQL stores no NUL character in text; it is never typed, only sent.
            guard !trimmed.unicodeScalars.contains("\u{0}") else {
                fout(veld, Self.ongeldigTeken)
                return nil
            }
            // Counted as PostgreSQL counts (code points), so the database never refuses what passed here.
            guard trimmed.unicodeScalars.count <= maximaal else {
                fout(veld, "is te lang (hoogstens \(maximaal) tekens)")
                return nil
            }
            return trimmed
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

    public mutating func keuze<T: RawRepresentable & CaseIterable>(_ veld: String, _: T.Type, verplicht: Bool = false) -> T? where T.RawValue == String {
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
