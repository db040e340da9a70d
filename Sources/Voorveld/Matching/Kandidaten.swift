import CalendarDate
import Foundation

/// A volunteer near a hulpvraag's kern, with what the hard rules and the ranking need. The
/// lists (`leefgebieden`, `taken`, `dagdelen`) hold only what the volunteer shares with the hulpvraag.
public struct VrijwilligerOptie: Sendable, Hashable {
    public enum Relatie: String, Sendable {
        case zelfdeKern = "zelfde-kern"
        case buurkern, afstand
    }

    public var id: UUID
    public var voornaam: String
    public var achternaam: String
    public var kern: String
    public var kernnaam: String
    public var relatie: Relatie
    public var afstandKm: Double?
    public var actief: Bool
    /// The end of an absence in the coming two weeks.
    public var afwezigTot: CalendarDate?
    /// Running koppelingen, of any kernteam.
    public var bezet: Int
    public var maxHulpvragen: Int
    public var leefgebieden: [String]
    public var taken: [String]
    public var dagdelen: [String]
    public var langsteInzet: Inzetduur
    public var inzetPast: Bool
    public var vogDatum: CalendarDate?
    /// An earlier koppeling with this resident was broken off: of this hulpvraag, or of the same
    /// dossier in the same kernteam (never another team's: sql/definitions/04_koppelingen.sql).
    public var eerderAfgebroken: Bool
    public var alGekoppeld: Bool
    /// Completed koppelingen in one of the hulpvraag's leefgebieden.
    public var afgerondZelfdeLeefgebied: Int

    public init(
        id: UUID,
        voornaam: String,
        achternaam: String,
        kern: String,
        kernnaam: String,
        relatie: Relatie,
        afstandKm: Double?,
        actief: Bool,
        afwezigTot: CalendarDate?,
        bezet: Int,
        maxHulpvragen: Int,
        leefgebieden: [String],
        taken: [String],
        dagdelen: [String],
        langsteInzet: Inzetduur,
        inzetPast: Bool,
        vogDatum: CalendarDate?,
        eerderAfgebroken: Bool,
        alGekoppeld: Bool,
        afgerondZelfdeLeefgebied: Int
    ) {
        self.id = id
        self.voornaam = voornaam
        self.achternaam = achternaam
        self.kern = kern
        self.kernnaam = kernnaam
        self.relatie = relatie
        self.afstandKm = afstandKm
        self.actief = actief
        self.afwezigTot = afwezigTot
        self.bezet = bezet
        self.maxHulpvragen = maxHulpvragen
        self.leefgebieden = leefgebieden
        self.taken = taken
        self.dagdelen = dagdelen
        self.langsteInzet = langsteInzet
        self.inzetPast = inzetPast
        self.vogDatum = vogDatum
        self.eerderAfgebroken = eerderAfgebroken
        self.alGekoppeld = alGekoppeld
        self.afgerondZelfdeLeefgebied = afgerondZelfdeLeefgebied
    }
}

/// An algemene voorziening serving the hulpvraag's kern; the lists hold what it shares with the hulpvraag.
public struct VoorzieningOptie: Sendable, Hashable {
    public var id: UUID
    public var naam: String
    public var aanbieder: String
    public var heleGemeente: Bool
    public var leefgebieden: [String]
    public var taken: [String]
    public var dagdelen: [String]
    /// How many opening dayparts it has at all; 0: by appointment.
    public var openingsdagdelen: Int
    public var leeftijdsgroep: Leeftijdsgroep
    public var capaciteit: Int?
    public var bezet: Int
    public var laatstGeverifieerd: CalendarDate
    public var alGekoppeld: Bool

    public init(
        id: UUID,
        naam: String,
        aanbieder: String,
        heleGemeente: Bool,
        leefgebieden: [String],
        taken: [String],
        dagdelen: [String],
        openingsdagdelen: Int,
        leeftijdsgroep: Leeftijdsgroep,
        capaciteit: Int?,
        bezet: Int,
        laatstGeverifieerd: CalendarDate,
        alGekoppeld: Bool
    ) {
        self.id = id
        self.naam = naam
        self.aanbieder = aanbieder
        self.heleGemeente = heleGemeente
        self.leefgebieden = leefgebieden
        self.taken = taken
        self.dagdelen = dagdelen
        self.openingsdagdelen = openingsdagdelen
        self.leeftijdsgroep = leeftijdsgroep
        self.capaciteit = capaciteit
        self.bezet = bezet
        self.laatstGeverifieerd = laatstGeverifieerd
        self.alGekoppeld = alGekoppeld
    }
}

/// One ranked candidate, with the reasons a kernteamlid can read aloud in the team meeting.
public struct Kandidaat: Sendable, Hashable, Codable {
    public enum Soort: String, Sendable, Codable { case vrijwilliger, voorziening }

    public var soort: Soort
    public var id: UUID
    public var naam: String
    /// 0 to 100; see `Weging`.
    public var score: Int
    public var redenen: [String]
    /// The hulpvraag's leefgebieden and taken it helps with.
    public var leefgebieden: [String]
    public var taken: [String]
}

/// Candidates that together cover every leefgebied no single one covers.
public struct Combinatie: Sendable, Hashable, Codable {
    public struct Onderdeel: Sendable, Hashable, Codable {
        public var soort: Kandidaat.Soort
        public var id: UUID
        public var naam: String
        public var leefgebieden: [String]
    }

    public var onderdelen: [Onderdeel]
    public var dekt: [String]
    /// Leefgebieden no candidate covers at all.
    public var ontbreekt: [String]
    public var score: Int
    public var toelichting: String
}

/// The answer to "who and what can help with this hulpvraag".
public struct Kandidaten: Sendable, Hashable, Codable {
    public var vrijwilligers: [Kandidaat]
    public var voorzieningen: [Kandidaat]
    public var combinaties: [Combinatie]
    /// Why lists are empty or short: which rule removed how many.
    public var uitleg: Uitleg

    public struct Uitleg: Sendable, Hashable, Codable {
        public var vrijwilligers: [String]
        public var voorzieningen: [String]
    }
}
