import CalendarDate
import Foundation

/// An algemene voorziening: open to everyone, no indication needed.
public struct Voorziening: Sendable, Hashable, Codable {
    public var id: UUID?
    public var referentie: String
    public var aanbieder: String
    public var naam: String
    public var omschrijving: String
    /// The kernen it serves; empty when `heleGemeente`.
    public var kernen: [String]
    public var heleGemeente: Bool
    public var leefgebieden: [String]
    public var taken: [String]
    public var openingsdagdelen: [String]
    public var leeftijdsgroep: Leeftijdsgroep
    /// Places at once, when limited.
    public var capaciteit: Int?
    public var contact: String
    /// When the record was last checked; older than a year counts as stale.
    public var laatstGeverifieerd: CalendarDate
    public var versie: Int?

    public init(
        id: UUID?,
        referentie: String,
        aanbieder: String,
        naam: String,
        omschrijving: String,
        kernen: [String],
        heleGemeente: Bool,
        leefgebieden: [String],
        taken: [String],
        openingsdagdelen: [String],
        leeftijdsgroep: Leeftijdsgroep,
        capaciteit: Int?,
        contact: String,
        laatstGeverifieerd: CalendarDate,
        versie: Int?
    ) {
        self.id = id
        self.referentie = referentie
        self.aanbieder = aanbieder
        self.naam = naam
        self.omschrijving = omschrijving
        self.kernen = kernen
        self.heleGemeente = heleGemeente
        self.leefgebieden = leefgebieden
        self.taken = taken
        self.openingsdagdelen = openingsdagdelen
        self.leeftijdsgroep = leeftijdsgroep
        self.capaciteit = capaciteit
        self.contact = contact
        self.laatstGeverifieerd = laatstGeverifieerd
        self.versie = versie
    }

    public static let velden = [
        "referentie", "aanbieder", "naam", "omschrijving", "kernen", "heleGemeente", "leefgebieden", "taken", "openingsdagdelen",
        "leeftijdsgroep", "capaciteit", "contact", "laatstGeverifieerd",
    ]

    /// Whether the record was last verified more than a year before `vandaag`.
    public func isVerouderd(vandaag: CalendarDate) -> Bool {
        laatstGeverifieerd.daysSince2000 < vandaag.daysSince2000 - 365
    }

    /// Reads and checks a voorziening; `heleGemeente`, or `*` in `kernen`, for the whole gemeente.
    /// - Throws: `Invoerfouten`.
    public static func lees(_ invoer: [String: RuweWaarde], referenties: Referenties, negeer: Set<String> = []) throws -> Voorziening {
        var lezer = Veldlezer(invoer)
        let referentie = lezer.tekst("referentie", verplicht: true, maximaal: 64, soort: .referentie)
        let aanbieder = lezer.tekst("aanbieder", verplicht: true, soort: .naam)
        let naam = lezer.tekst("naam", verplicht: true, soort: .naam)
        let omschrijving = lezer.tekst("omschrijving", maximaal: 2000) ?? ""
        let genoemd = lezer.lijst("kernen")
        let heleGemeente = lezer.waarheid("heleGemeente") || genoemd.contains("*")
        let kernen = genoemd.filter { $0 != "*" }
        for kern in kernen where !referenties.kernen.contains(kern) { lezer.fout("kernen", "onbekende kern '\(kern)' in deze gemeente") }
        if kernen.isEmpty && !heleGemeente {
            lezer.fout("kernen", "kies de kernen, of de hele gemeente (in een bestand: *)")
        } else if heleGemeente && !kernen.isEmpty {
            lezer.fout("kernen", "kies de kernen of de hele gemeente, niet allebei")
        }
        let leefgebieden = lezer.codes("leefgebieden", bekend: referenties.leefgebieden, verplicht: true)
        let taken = lezer.codes("taken", bekend: referenties.taken)
        let dagdelen = lezer.codes("openingsdagdelen", bekend: Set(Dagdeel.alle))
        let leeftijdsgroep = lezer.keuze("leeftijdsgroep", Leeftijdsgroep.self) ?? .iedereen
        let capaciteit = lezer.geheelGetal("capaciteit", bereik: 1...100_000)
        let contact = lezer.tekst("contact", soort: .naam) ?? ""
        let geverifieerd = lezer.datum("laatstGeverifieerd", verplicht: true)
        lezer.onbekendeVelden(negeer: negeer)
        guard lezer.fouten.isEmpty, let referentie, let aanbieder, let naam, let geverifieerd else { throw Invoerfouten(lezer.fouten) }
        return Voorziening(
            id: nil,
            referentie: referentie,
            aanbieder: aanbieder,
            naam: naam,
            omschrijving: omschrijving,
            kernen: heleGemeente ? [] : kernen,
            heleGemeente: heleGemeente,
            leefgebieden: leefgebieden,
            taken: taken,
            openingsdagdelen: Dagdeel.normalized(dagdelen),
            leeftijdsgroep: leeftijdsgroep,
            capaciteit: capaciteit,
            contact: contact,
            laatstGeverifieerd: geverifieerd,
            versie: nil
        )
    }
}
