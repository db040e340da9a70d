import CalendarDate
import Foundation

/// How a hulpvraag ended (a fixed code list, `/v1/uitkomsten`), and what that means for the two
/// voorliggend-veld percentages.
public struct Uitkomst: Sendable, Hashable, Codable {
    public var code: String
    public var naam: String
    /// Counts in the numerator of percentage (a): solved with the voorliggend veld only.
    public var alleenVoorliggendVeld: Bool
    /// Counts in the numerator of percentage (b): solved with the voorliggend veld involved.
    public var voorliggendVeldBetrokken: Bool
    /// Counts in the denominator of both; withdrawn ones do not and are reported apart.
    public var teltMee: Bool

    public init(code: String, naam: String, alleenVoorliggendVeld: Bool, voorliggendVeldBetrokken: Bool, teltMee: Bool) {
        self.code = code
        self.naam = naam
        self.alleenVoorliggendVeld = alleenVoorliggendVeld
        self.voorliggendVeldBetrokken = voorliggendVeldBetrokken
        self.teltMee = teltMee
    }
}

/// The parts of the voorliggend veld that solved a hulpvraag; more than one is a combination.
public enum Onderdeel: String, CaseIterable, Sendable, Codable {
    case eigenKracht = "eigen-kracht"
    case netwerk
    case vrijwilliger
    case algemeneVoorziening = "algemene-voorziening"
}

/// Closing a hulpvraag: the outcome, the parts that solved it, optional ZRM scores at closure,
/// and when to ask whether it stayed solved (nazorg).
public struct Afsluiting: Sendable, Hashable, Codable {
    public var uitkomst: String
    public var onderdelen: [Onderdeel]
    public var zrmScores: [String: Int]
    public var afgeslotenOp: CalendarDate
    public var nazorgOp: CalendarDate?

    public init(uitkomst: String, onderdelen: [Onderdeel], zrmScores: [String: Int], afgeslotenOp: CalendarDate, nazorgOp: CalendarDate?) {
        self.uitkomst = uitkomst
        self.onderdelen = onderdelen
        self.zrmScores = zrmScores
        self.afgeslotenOp = afgeslotenOp
        self.nazorgOp = nazorgOp
    }

    /// The nazorg period of a gemeente that chose none (the database's default, sql/migrations/001_baseline.sql).
    public static let standaardNazorgDagen = 91

    /// Reads and checks a closure of `hulpvraag`.
    /// - Parameter nazorgNa: days after closing when nazorg is due for a solved hulpvraag, unless
    ///   the input names a date; nil: no nazorg unless named.
    /// - Throws: `Invoerfouten`.
    public static func lees(
        _ invoer: [String: RuweWaarde],
        hulpvraag: Hulpvraag,
        uitkomsten: [Uitkomst],
        vandaag: CalendarDate,
        nazorgNa: Int? = standaardNazorgDagen
    ) throws -> Afsluiting {
        var lezer = Veldlezer(invoer)
        let code = lezer.tekst("uitkomst", verplicht: true, maximaal: 64)
        let uitkomst = code.flatMap { code in uitkomsten.first { $0.code == code } }
        if let code, uitkomst == nil {
            lezer.fout("uitkomst", "onbekende uitkomst '\(code)'; kies uit: \(uitkomsten.map(\.code).joined(separator: ", "))")
        }
        let onderdelen = lezer.codes("onderdelen", bekend: Set(Onderdeel.allCases.map(\.rawValue))).compactMap { Onderdeel(rawValue: $0) }
        if let uitkomst {
            if uitkomst.voorliggendVeldBetrokken && onderdelen.isEmpty {
                lezer.fout(
                    "onderdelen",
                    "noem wat hielp: eigen kracht, netwerk, vrijwilliger of algemene voorziening (eigen-kracht, netwerk, vrijwilliger, algemene-voorziening)"
                )
            } else if !uitkomst.voorliggendVeldBetrokken && !onderdelen.isEmpty {
                lezer.fout("onderdelen", "alleen bij een uitkomst met het voorliggend veld")
            }
        }
        // A Veilig Thuis signal goes to the loket and never gets a volunteer (also a rule of the database).
        if hulpvraag.veiligThuis {
            if uitkomst?.alleenVoorliggendVeld == true {
                lezer.fout("uitkomst", "bij een Veilig Thuis-signaal gaat de hulpvraag naar het loket: kies een uitkomst met het loket of maatwerk")
            }
            if onderdelen.contains(.vrijwilliger) {
                lezer.fout("onderdelen", "bij een Veilig Thuis-signaal wordt geen vrijwilliger ingezet")
            }
        }
        let scores = lezer.zrmScores("zrmScores", leefgebieden: hulpvraag.leefgebieden)
        let afgesloten = lezer.datum("afgeslotenOp") ?? vandaag
        if afgesloten > vandaag { lezer.fout("afgeslotenOp", "ligt in de toekomst") }
        if afgesloten < hulpvraag.ontvangenOp { lezer.fout("afgeslotenOp", "ligt voor de datum van ontvangst (\(hulpvraag.ontvangenOp))") }
        var nazorg = lezer.datum("nazorgOp")
        if let datum = nazorg, datum < afgesloten { lezer.fout("nazorgOp", "ligt voor de afsluiting") }
        // Nazorg asks whether it stayed solved: for the outcomes that solved it.
        if nazorg == nil, let dagen = nazorgNa, uitkomst?.voorliggendVeldBetrokken == true {
            nazorg = afgesloten.plus(dagen: dagen)
        }
        lezer.onbekendeVelden()
        guard lezer.fouten.isEmpty, let uitkomst else { throw Invoerfouten(lezer.fouten) }
        return Afsluiting(
            uitkomst: uitkomst.code,
            onderdelen: Onderdeel.allCases.filter(onderdelen.contains),
            zrmScores: scores,
            afgeslotenOp: afgesloten,
            nazorgOp: nazorg
        )
    }
}

extension Onderdeel {
    public var naam: String {
        switch self {
        case .eigenKracht: "Eigen kracht"
        case .netwerk: "Netwerk"
        case .vrijwilliger: "Vrijwilliger"
        case .algemeneVoorziening: "Algemene voorziening"
        }
    }
}
