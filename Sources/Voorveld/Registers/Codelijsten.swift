/// How long help is needed or offered, from short to open-ended. A volunteer fits a hulpvraag
/// when their longest accepted commitment is at least the duration asked.
public enum Inzetduur: String, CaseIterable, Sendable, Codable, Comparable {
    case eenmalig
    /// Up to three months.
    case kortdurend
    case langdurig
    /// Open-ended: the scarce kind of help.
    case onbepaald

    public static func < (lhs: Inzetduur, rhs: Inzetduur) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A part of a day in the week: `ma-ochtend` ... `zo-avond`.
public enum Dagdeel {
    public static let dagen = ["ma", "di", "wo", "do", "vr", "za", "zo"]
    public static let delen = ["ochtend", "middag", "avond"]
    /// All 21, Monday morning first.
    public static let alle: [String] = dagen.flatMap { dag in delen.map { "\(dag)-\($0)" } }
    private static let bekend = Set(alle)

    public static func isValid(_ code: String) -> Bool { bekend.contains(code) }

    /// Sorted in week order, duplicates removed.
    public static func normalized(_ codes: some Sequence<String>) -> [String] {
        let set = Set(codes)
        return alle.filter(set.contains)
    }
}

/// How a hulpvraag reached the kernteam.
public enum Kanaal: String, CaseIterable, Sendable, Codable {
    case telefoon
    case email = "e-mail"
    case inloopspreekuur
    case meldingDerde = "melding-derde"
    case viaLoket = "via-loket"
}

public enum VrijwilligerStatus: String, CaseIterable, Sendable, Codable {
    case actief, gepauzeerd, gestopt
}

public enum Leeftijdsgroep: String, CaseIterable, Sendable, Codable {
    case jeugd, volwassenen, ouderen, iedereen
}

public enum HulpvraagStatus: String, CaseIterable, Sendable, Codable {
    case nieuw
    case inBehandeling = "in-behandeling"
    case gekoppeld
    case afgesloten

    /// The steps a hulpvraag may take: forward, back to "in behandeling" when a koppeling ends
    /// without solving it, and reopened from "afgesloten" (e.g. after nazorg). Never back to "nieuw"
    /// once work started.
    public func magNaar(_ volgende: HulpvraagStatus) -> Bool {
        switch (self, volgende) {
        case (let a, let b) where a == b: true
        case (.nieuw, _): true
        case (.inBehandeling, .gekoppeld), (.inBehandeling, .afgesloten): true
        case (.gekoppeld, .inBehandeling), (.gekoppeld, .afgesloten): true
        case (.afgesloten, .inBehandeling): true
        default: false
        }
    }
}

/// What input may refer to, for one gemeente: unknown references are reported, never dropped.
public struct Referenties: Sendable {
    public var kernen: Set<String>
    public var kernteams: Set<String>
    public var leefgebieden: Set<String>
    public var taken: Set<String>
    /// The kernteam that serves each kern.
    public var kernteamVanKern: [String: String]

    public init(kernen: Set<String>, kernteams: Set<String>, leefgebieden: Set<String>, taken: Set<String>, kernteamVanKern: [String: String] = [:]) {
        self.kernen = kernen
        self.kernteamVanKern = kernteamVanKern
        self.kernteams = kernteams
        self.leefgebieden = leefgebieden
        self.taken = taken
    }
}

// MARK: - Names as the users say them, for the pages

extension Inzetduur {
    public var naam: String {
        switch self {
        case .eenmalig: "Eenmalig"
        case .kortdurend: "Kortdurend (tot drie maanden)"
        case .langdurig: "Langdurig"
        case .onbepaald: "Onbepaalde tijd"
        }
    }
}

extension Kanaal {
    public var naam: String {
        switch self {
        case .telefoon: "Telefoon"
        case .email: "E-mail"
        case .inloopspreekuur: "Inloopspreekuur"
        case .meldingDerde: "Melding door een derde"
        case .viaLoket: "Via het Wmo-loket"
        }
    }
}

extension VrijwilligerStatus {
    public var naam: String { rawValue.capitalized }
}

extension HulpvraagStatus {
    public var naam: String {
        switch self {
        case .nieuw: "Nieuw"
        case .inBehandeling: "In behandeling"
        case .gekoppeld: "Gekoppeld"
        case .afgesloten: "Afgesloten"
        }
    }
}

extension Dagdeel {
    /// `di-ochtend` as "dinsdagochtend".
    public static func naam(_ code: String) -> String {
        let dagen = ["ma": "maandag", "di": "dinsdag", "wo": "woensdag", "do": "donderdag", "vr": "vrijdag", "za": "zaterdag", "zo": "zondag"]
        let delen = code.split(separator: "-")
        guard delen.count == 2, let dag = dagen[String(delen[0])] else { return code }
        return dag + delen[1]
    }
}

extension Leeftijdsgroep {
    public var naam: String {
        switch self {
        case .jeugd: "Jeugd (tot 18 jaar)"
        case .volwassenen: "Volwassenen"
        case .ouderen: "Ouderen"
        case .iedereen: "Iedereen"
        }
    }
}
