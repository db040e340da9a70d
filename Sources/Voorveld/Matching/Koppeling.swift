import CalendarDate
import Foundation

/// A volunteer or an algemene voorziening linked to a hulpvraag, as its kernteam sees it. It
/// carries a copy of what the helper needs to know (kern, dayparts, leefgebieden, taken), never
/// the hulpvraag itself; the steunpunt sees less still (`KoppelingVoorSteunpunt`).
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
        id: UUID?,
        hulpvraag: UUID,
        vrijwilliger: UUID?,
        voorziening: UUID?,
        naam: String,
        status: KoppelingStatus,
        leefgebieden: [String],
        taken: [String],
        kern: String,
        dagdelen: [String],
        toelichting: String,
        reden: String?,
        voorgesteldDoor: String,
        gestartOp: CalendarDate?,
        beeindigdOp: CalendarDate?,
        versie: Int?,
        afsluiting: String? = nil,
        contact: String? = nil
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

/// A koppeling as the steunpunt sees it: only what the volunteer needs to know. It is a type of its
/// own, without the fields the steunpunt must not learn, so that they are never there to leak:
/// not which hulpvraag it is for, not why it ended (a reason such as a Veilig Thuis signal must
/// never leave the kernteam), not the team's note, not who in the team proposed it. A koppeling
/// that ended is "beeindigd", whether it was completed or broken off: that it ended and that the
/// volunteer's place is free again is all the steunpunt needs.
public struct KoppelingVoorSteunpunt: Sendable, Hashable, Codable {
    /// The status as the volunteer may hear it: the running steps, or ended.
    public enum Status: String, CaseIterable, Sendable, Codable {
        case voorgesteld, geaccepteerd, gestart, beeindigd

        public init(_ status: KoppelingStatus) {
            switch status {
            case .voorgesteld: self = .voorgesteld
            case .geaccepteerd: self = .geaccepteerd
            case .gestart: self = .gestart
            case .afgerond, .afgebroken: self = .beeindigd
            }
        }

        public var naam: String {
            switch self {
            case .voorgesteld: "Voorgesteld"
            case .geaccepteerd: "Geaccepteerd"
            case .gestart: "Gestart"
            case .beeindigd: "Beëindigd"
            }
        }

        /// What the steunpunt may tell the volunteer: neutral, the same for every way a koppeling ends.
        public var melding: String {
            switch self {
            case .voorgesteld: "Het kernteam heeft de vrijwilliger voorgesteld; de plek is voor deze koppeling vastgehouden."
            case .geaccepteerd: "De koppeling is geaccepteerd en begint binnenkort."
            case .gestart: "De koppeling loopt."
            case .beeindigd: "De koppeling is beëindigd; de plek is weer vrij."
            }
        }

        /// Whether the koppeling no longer holds one of the volunteer's places.
        public var plekVrij: Bool { self == .beeindigd }
    }

    public var id: UUID
    public var vrijwilliger: UUID
    /// The volunteer's name.
    public var naam: String
    public var status: Status
    /// Whether the place this koppeling held is free again.
    public var plekVrij: Bool
    /// The neutral wording for the volunteer (`Status.melding`).
    public var melding: String
    /// What the volunteer helps with, where and when: the copy made for the helper at the proposal.
    public var leefgebieden: [String]
    public var taken: [String]
    public var kern: String
    public var dagdelen: [String]
    /// The team's note for the helper, while the koppeling runs (nil without one, and once it ended).
    public var toelichting: String?
    public var gestartOp: CalendarDate?
    public var beeindigdOp: CalendarDate?

    public init(
        id: UUID,
        vrijwilliger: UUID,
        naam: String,
        status: Status,
        leefgebieden: [String],
        taken: [String],
        kern: String,
        dagdelen: [String],
        toelichting: String?,
        gestartOp: CalendarDate?,
        beeindigdOp: CalendarDate?
    ) {
        self.id = id
        self.vrijwilliger = vrijwilliger
        self.naam = naam
        self.status = status
        plekVrij = status.plekVrij
        melding = status.melding
        // Once it ended, neither the resident's leefgebieden, nor the note meant for doing the help,
        // nor the day it started (ended without a start would tell a break-off): the same as the
        // database's koppelingen_voor_steunpunt (sql/definitions/04_koppelingen.sql), for a koppeling the caller has whole.
        self.leefgebieden = status.plekVrij ? [] : leefgebieden
        self.taken = taken
        self.kern = kern
        self.dagdelen = dagdelen
        self.toelichting = status.plekVrij || toelichting?.isEmpty != false ? nil : toelichting
        self.gestartOp = status.plekVrij ? nil : gestartOp
        self.beeindigdOp = beeindigdOp
    }

    /// The steunpunt's view of a volunteer's koppeling the caller has whole (a kernteamlid who is
    /// also steunpunt, on the steunpunt's page); nil for a voorziening's.
    public init?(_ koppeling: Koppeling) {
        guard let id = koppeling.id, let vrijwilliger = koppeling.vrijwilliger else { return nil }
        self.init(
            id: id,
            vrijwilliger: vrijwilliger,
            naam: koppeling.naam,
            status: Status(koppeling.status),
            leefgebieden: koppeling.leefgebieden,
            taken: koppeling.taken,
            kern: koppeling.kern,
            dagdelen: koppeling.dagdelen,
            toelichting: koppeling.toelichting,
            gestartOp: koppeling.gestartOp,
            beeindigdOp: koppeling.beeindigdOp
        )
    }
}

/// A koppeling as the caller may see it: whole for a kernteamlid of the hulpvraag's own kernteam,
/// otherwise (the steunpunt, for the gemeente's volunteers) only what the volunteer needs. It
/// encodes as what it is: a `Koppeling` or a `KoppelingVoorSteunpunt`.
public enum Koppelingweergave: Sendable, Hashable, Encodable {
    case kernteam(Koppeling)
    case steunpunt(KoppelingVoorSteunpunt)

    public var id: UUID? {
        switch self {
        case .kernteam(let koppeling): koppeling.id
        case .steunpunt(let koppeling): koppeling.id
        }
    }

    /// The whole koppeling, when the caller's kernteam has it.
    public var kernteam: Koppeling? {
        if case .kernteam(let koppeling) = self { koppeling } else { nil }
    }

    /// What the steunpunt sees of it, whoever asks.
    public var voorSteunpunt: KoppelingVoorSteunpunt? {
        switch self {
        case .kernteam(let koppeling): KoppelingVoorSteunpunt(koppeling)
        case .steunpunt(let koppeling): koppeling
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .kernteam(let koppeling): try koppeling.encode(to: encoder)
        case .steunpunt(let koppeling): try koppeling.encode(to: encoder)
        }
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
