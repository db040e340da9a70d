import CalendarDate
import Foundation

/// A volunteer or an algemene voorziening linked to a hulpvraag. It carries a copy of what the
/// helper needs to know (kern, dayparts, leefgebieden, taken), never the hulpvraag itself, so the
/// steunpunt can follow its volunteers' koppelingen without seeing the request.
public struct Koppeling: Sendable, Hashable, Codable {
    public var id: UUID?
    public var hulpvraag: UUID
    public var vrijwilliger: UUID?
    public var voorziening: UUID?
    /// The volunteer's or voorziening's name.
    public var naam: String
    public var status: KoppelingStatus
    public var leefgebieden: [String]
    public var taken: [String]
    public var kern: String
    public var dagdelen: [String]
    public var toelichting: String
    /// Why it was broken off (code list `afbreekredenen`).
    public var reden: String?
    public var voorgesteldDoor: String
    public var gestartOp: CalendarDate?
    public var beeindigdOp: CalendarDate?
    public var versie: Int?
    /// The team's note on completing or breaking it off; for kernteamleden only.
    public var afsluiting: String?
    /// How to reach the helper while the koppeling runs: the volunteer's phone and e-mail, or the voorziening's contact.
    public var contact: String?

    public init(
        id: UUID?, hulpvraag: UUID, vrijwilliger: UUID?, voorziening: UUID?, naam: String, status: KoppelingStatus, leefgebieden: [String],
        taken: [String], kern: String, dagdelen: [String], toelichting: String, reden: String?, voorgesteldDoor: String,
        gestartOp: CalendarDate?, beeindigdOp: CalendarDate?, versie: Int?, afsluiting: String? = nil, contact: String? = nil
    ) {
        self.id = id
        self.hulpvraag = hulpvraag
        self.vrijwilliger = vrijwilliger
        self.voorziening = voorziening
        self.naam = naam
        self.status = status
        self.leefgebieden = leefgebieden
        self.taken = taken
        self.kern = kern
        self.dagdelen = dagdelen
        self.toelichting = toelichting
        self.reden = reden
        self.voorgesteldDoor = voorgesteldDoor
        self.gestartOp = gestartOp
        self.beeindigdOp = beeindigdOp
        self.versie = versie
        self.afsluiting = afsluiting
        self.contact = contact
    }
}

/// From proposal to completion or break-off. Running koppelingen take a place of the helper's capacity.
public enum KoppelingStatus: String, CaseIterable, Sendable, Codable {
    case voorgesteld, geaccepteerd, gestart, afgerond, afgebroken

    public var loopt: Bool { self == .voorgesteld || self == .geaccepteerd || self == .gestart }

    /// Forward only: a proposal is accepted or started, a started one completed; any running one
    /// can be broken off.
    public func magNaar(_ volgende: KoppelingStatus) -> Bool {
        switch (self, volgende) {
        case (.voorgesteld, .geaccepteerd), (.voorgesteld, .gestart), (.geaccepteerd, .gestart), (.gestart, .afgerond): true
        case (let van, .afgebroken): van.loopt
        default: false
        }
    }
}

/// A reason a koppeling was broken off.
public struct Afbreekreden: Sendable, Hashable, Codable {
    public var code: String
    public var naam: String

    public init(code: String, naam: String) {
        self.code = code
        self.naam = naam
    }
}

extension KoppelingStatus {
    public var naam: String { rawValue.capitalized }

    /// What the button that takes a koppeling to this status says.
    public var actie: String {
        switch self {
        case .voorgesteld: "Voorstellen"
        case .geaccepteerd: "Acceptatie vastleggen"
        case .gestart: "Starten"
        case .afgerond: "Afronden"
        case .afgebroken: "Afbreken"
        }
    }
}
