import CalendarDate
import Foundation

/// A volunteer, as the vrijwilligerssteunpunt registers them.
public struct Vrijwilliger: Sendable, Hashable, Codable {
    public var id: UUID?
    /// The steunpunt's own key (e.g. from its spreadsheet); unique within the gemeente.
    public var referentie: String
    public var voornaam: String
    public var achternaam: String
    public var email: String?
    public var telefoon: String?
    /// Home kern.
    public var kern: String
    /// Other kernen they will serve.
    public var buurkernen: [String]
    /// Or anywhere within this distance of home.
    public var maxAfstandKm: Int?
    public var leefgebieden: [String]
    public var taken: [String]
    /// Weekly availability: dayparts such as `di-ochtend`.
    public var beschikbaarheid: [String]
    public var afwezigheden: [Periode]
    public var langsteInzet: Inzetduur
    public var urenPerWeek: Int
    /// How many hulpvragen at once: their capacity.
    public var maxHulpvragen: Int
    /// Date of the certificate of conduct (VOG); valid for three years.
    public var vogDatum: CalendarDate?
    public var status: VrijwilligerStatus
    /// For optimistic concurrency; set by storage.
    public var versie: Int?

    public init(
        id: UUID?,
        referentie: String,
        voornaam: String,
        achternaam: String,
        email: String?,
        telefoon: String?,
        kern: String,
        buurkernen: [String],
        maxAfstandKm: Int?,
        leefgebieden: [String],
        taken: [String],
        beschikbaarheid: [String],
        afwezigheden: [Periode],
        langsteInzet: Inzetduur,
        urenPerWeek: Int,
        maxHulpvragen: Int,
        vogDatum: CalendarDate?,
        status: VrijwilligerStatus,
        versie: Int?
    ) {
        self.id = id
        self.referentie = referentie
        self.voornaam = voornaam
        self.achternaam = achternaam
        self.email = email
        self.telefoon = telefoon
        self.kern = kern
        self.buurkernen = buurkernen
        self.maxAfstandKm = maxAfstandKm
        self.leefgebieden = leefgebieden
        self.taken = taken
        self.beschikbaarheid = beschikbaarheid
        self.afwezigheden = afwezigheden
        self.langsteInzet = langsteInzet
        self.urenPerWeek = urenPerWeek
        self.maxHulpvragen = maxHulpvragen
        self.vogDatum = vogDatum
        self.status = status
        self.versie = versie
    }

    /// The fields as the API and the CSV import name them.
    public static let velden = [
        "referentie", "voornaam", "achternaam", "email", "telefoon", "kern", "buurkernen", "maxAfstandKm", "leefgebieden",
        "taken", "beschikbaarheid", "afwezigheden", "langsteInzet", "urenPerWeek", "maxHulpvragen", "vogDatum", "status",
    ]

    /// Reads and checks a volunteer from raw input; every problem is reported at once.
    /// - Throws: `Invoerfouten`.
    public static func lees(_ invoer: [String: RuweWaarde], referenties: Referenties, negeer: Set<String> = []) throws -> Vrijwilliger {
        var lezer = Veldlezer(invoer)
        let referentie = lezer.tekst("referentie", verplicht: true, maximaal: 64, soort: .referentie)
        let voornaam = lezer.tekst("voornaam", verplicht: true, maximaal: 100, soort: .naam)
        let achternaam = lezer.tekst("achternaam", verplicht: true, maximaal: 100, soort: .naam)
        let email = lezer.tekst("email", maximaal: 200, soort: .naam)
        if let email, !Self.lijktOpEmail(email) { lezer.fout("email", "'\(email)' is geen e-mailadres") }
        let telefoon = lezer.tekst("telefoon", maximaal: 30, soort: .naam)
        let kern = lezer.tekst("kern", verplicht: true)
        if let kern, !referenties.kernen.contains(kern) { lezer.fout("kern", "onbekende kern '\(kern)' in deze gemeente") }
        let buurkernen = lezer.codes("buurkernen", bekend: referenties.kernen)
        let maxAfstand = lezer.geheelGetal("maxAfstandKm", bereik: 1...100)
        let leefgebieden = lezer.codes("leefgebieden", bekend: referenties.leefgebieden)
        let taken = lezer.codes("taken", bekend: referenties.taken)
        if leefgebieden.isEmpty && taken.isEmpty && !lezer.fouten.contains(where: { $0.veld == "leefgebieden" || $0.veld == "taken" }) {
            lezer.fout("leefgebieden", "geef minstens één leefgebied of taak")
        }
        let beschikbaarheid = lezer.codes("beschikbaarheid", bekend: Set(Dagdeel.alle), verplicht: true)
        let afwezigheden = Periode.lees(&lezer, "afwezigheden")
        let inzet = lezer.keuze("langsteInzet", Inzetduur.self, verplicht: true)
        let uren = lezer.geheelGetal("urenPerWeek", verplicht: true, bereik: 1...40)
        let maxHulpvragen = lezer.geheelGetal("maxHulpvragen", verplicht: true, bereik: 1...20)
        let vog = lezer.datum("vogDatum")
        let status = lezer.keuze("status", VrijwilligerStatus.self) ?? .actief
        lezer.onbekendeVelden(negeer: negeer)
        guard lezer.fouten.isEmpty, let referentie, let voornaam, let achternaam, let kern, let inzet, let uren, let maxHulpvragen else {
            throw Invoerfouten(lezer.fouten)
        }
        return Vrijwilliger(
            id: nil,
            referentie: referentie,
            voornaam: voornaam,
            achternaam: achternaam,
            email: email,
            telefoon: telefoon,
            kern: kern,
            buurkernen: buurkernen.filter { $0 != kern },
            maxAfstandKm: maxAfstand,
            leefgebieden: leefgebieden,
            taken: taken,
            beschikbaarheid: Dagdeel.normalized(beschikbaarheid),
            afwezigheden: afwezigheden,
            langsteInzet: inzet,
            urenPerWeek: uren,
            maxHulpvragen: maxHulpvragen,
            vogDatum: vog,
            status: status,
            versie: nil
        )
    }

    static func lijktOpEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }
}

/// A period of days, both ends included; written `2026-07-01/2026-07-21` (ISO 8601 interval).
public struct Periode: Sendable, Hashable, Codable, CustomStringConvertible {
    public var van: CalendarDate
    public var tot: CalendarDate

    public init(van: CalendarDate, tot: CalendarDate) {
        self.van = van
        self.tot = tot
    }

    public var description: String { "\(van)/\(tot)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let ends = text.split(separator: "/")
        guard ends.count == 2, let van = CalendarDate(iso: ends[0]), let tot = CalendarDate(iso: ends[1]), tot >= van else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "geen periode: \(text)"))
        }
        self.init(van: van, tot: tot)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Periods as `2026-07-01/2026-07-21` texts (in a JSON list, or `;`-separated in CSV).
    static func lees(_ lezer: inout Veldlezer, _ veld: String) -> [Periode] {
        lezer.lijst(veld).compactMap { text in
            let ends = text.split(separator: "/")
            guard ends.count == 2, let van = CalendarDate(iso: ends[0]), let tot = CalendarDate(iso: ends[1]) else {
                lezer.fout(veld, "'\(text)' is geen periode (JJJJ-MM-DD/JJJJ-MM-DD)")
                return nil
            }
            guard tot >= van else {
                lezer.fout(veld, "in '\(text)' ligt het einde voor het begin")
                return nil
            }
            return Periode(van: van, tot: tot)
        }
    }
}
