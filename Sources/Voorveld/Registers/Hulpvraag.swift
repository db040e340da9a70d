import CalendarDate
import Foundation

/// A resident's request for help, as the kernteam registers it. The resident appears only
/// minimally: a reference to the municipality's own dossier, initials and year of birth.
public struct Hulpvraag: Sendable, Hashable, Codable {
    public var id: UUID?
    public var dossierreferentie: String?
    public var initialen: String
    public var geboortejaar: Int?
    /// The kernteamlid who is the resident's single point of contact.
    public var regisseur: String
    public var kernteam: String
    public var kern: String
    public var kanaal: Kanaal
    public var ontvangenOp: CalendarDate
    public var leefgebieden: [String]
    /// The optional ZRM score (1-5) at intake, per leefgebied of `leefgebieden`.
    public var zrmScores: [String: Int]
    public var taken: [String]
    /// When help is needed.
    public var dagdelen: [String]
    public var duur: Inzetduur
    public var urenPerWeek: Int?
    /// Mainly about a young person under 18.
    public var jeugd: Bool
    /// The resident agrees that a volunteer is involved; without it no volunteer is matched.
    public var toestemmingVrijwilliger: Bool
    /// A joint home visit with a loket consultant took place.
    public var gezamenlijkHuisbezoek: Bool
    /// A Veilig Thuis signal: referred to the loket at once, never matched or shown to a volunteer.
    public var veiligThuis: Bool
    public var omschrijving: String
    public var status: HulpvraagStatus
    public var doorverwezenNaarLoket: Bool
    public var versie: Int?
    /// How it was closed; set by closing (`Afsluiting`), cleared when reopened.
    public var afsluiting: Afsluiting?
    /// The nazorg answer: still solved? Nil until asked.
    public var nazorgOpgelost: Bool?

    /// Whether volunteers may be proposed for it at all (the routing rules).
    public var magVrijwilligerKrijgen: Bool { toestemmingVrijwilliger && !veiligThuis }

    public init(
        id: UUID?,
        dossierreferentie: String?,
        initialen: String,
        geboortejaar: Int?,
        regisseur: String,
        kernteam: String,
        kern: String,
        kanaal: Kanaal,
        ontvangenOp: CalendarDate,
        leefgebieden: [String],
        zrmScores: [String: Int],
        taken: [String],
        dagdelen: [String],
        duur: Inzetduur,
        urenPerWeek: Int?,
        jeugd: Bool,
        toestemmingVrijwilliger: Bool,
        gezamenlijkHuisbezoek: Bool,
        veiligThuis: Bool,
        omschrijving: String,
        status: HulpvraagStatus,
        doorverwezenNaarLoket: Bool,
        versie: Int?,
        afsluiting: Afsluiting? = nil,
        nazorgOpgelost: Bool? = nil
    ) {
        self.id = id
        self.dossierreferentie = dossierreferentie
        self.initialen = initialen
        self.geboortejaar = geboortejaar
        self.regisseur = regisseur
        self.kernteam = kernteam
        self.kern = kern
        self.kanaal = kanaal
        self.ontvangenOp = ontvangenOp
        self.leefgebieden = leefgebieden
        self.zrmScores = zrmScores
        self.taken = taken
        self.dagdelen = dagdelen
        self.duur = duur
        self.urenPerWeek = urenPerWeek
        self.jeugd = jeugd
        self.toestemmingVrijwilliger = toestemmingVrijwilliger
        self.gezamenlijkHuisbezoek = gezamenlijkHuisbezoek
        self.veiligThuis = veiligThuis
        self.omschrijving = omschrijving
        self.status = status
        self.doorverwezenNaarLoket = doorverwezenNaarLoket
        self.versie = versie
        self.afsluiting = afsluiting
        self.nazorgOpgelost = nazorgOpgelost
    }

    /// The fields a kernteamlid gives; `status` only when changing one.
    public static let velden = [
        "dossierreferentie", "initialen", "geboortejaar", "regisseur", "kernteam", "kern", "kanaal", "ontvangenOp", "leefgebieden",
        "zrmScores", "taken", "dagdelen", "duur", "urenPerWeek", "jeugd", "toestemmingVrijwilliger", "gezamenlijkHuisbezoek",
        "veiligThuis", "omschrijving", "status",
    ]

    /// Fields the service sets itself; a client may send them back unchanged (after a GET).
    public static let afgeleideVelden: Set<String> = ["id", "versie", "doorverwezenNaarLoket", "afsluiting", "nazorgOpgelost"]

    /// Reads and checks a hulpvraag registered by `door`, or a new version of `bestaand`. A
    /// Veilig Thuis signal is referred to the loket at once, and stays so.
    /// - Throws: `Invoerfouten` with every problem.
    public static func lees(
        _ invoer: [String: RuweWaarde],
        door: Gebruiker,
        referenties: Referenties,
        vandaag: CalendarDate,
        bestaand: Hulpvraag? = nil
    ) throws -> Hulpvraag {
        var lezer = Veldlezer(invoer)
        let dossier = lezer.tekst("dossierreferentie", maximaal: 64, soort: .referentie)
        if let dossier, Self.lijktOpBSN(dossier) {
            lezer.fout("dossierreferentie", "lijkt een BSN; gebruik de referentie van het dossier in het regiesysteem, nooit een BSN")
        }
        let initialen = lezer.tekst("initialen", verplicht: true, maximaal: 12, soort: .naam)
        if let initialen, !initialen.unicodeScalars.allSatisfy(Self.initiaalTeken) {
            lezer.fout("initialen", "alleen letters (A-Z, ook met accent), punten, spaties en streepjes")
        }
        let geboortejaar = lezer.geheelGetal("geboortejaar", bereik: 1900...vandaag.year)
        let regisseur = lezer.tekst("regisseur", maximaal: 64) ?? bestaand?.regisseur ?? door.naam
        let kern = lezer.tekst("kern", verplicht: true)
        if let kern, !referenties.kernen.contains(kern) { lezer.fout("kern", "onbekende kern '\(kern)' in deze gemeente") }
        // The kernteam follows from the kern unless named; it must serve the kern.
        var kernteam = lezer.tekst("kernteam")
        if let named = kernteam, !referenties.kernteams.contains(named) {
            lezer.fout("kernteam", "onbekend kernteam '\(named)' in deze gemeente")
            kernteam = nil
        } else if let kern, let team = referenties.kernteamVanKern[kern] {
            if let named = kernteam, named != team {
                lezer.fout("kern", "kern '\(kern)' hoort bij kernteam '\(team)', niet bij '\(named)'")
            }
            kernteam = kernteam ?? team
        }
        if kernteam == nil && !lezer.fouten.contains(where: { $0.veld == "kernteam" || $0.veld == "kern" }) {
            lezer.fout("kernteam", "is verplicht")
        }
        if let team = kernteam, !door.werktIn(kernteam: team) {
            lezer.fout("kernteam", "u bent geen lid van kernteam '\(team)'")
        }
        let kanaal = lezer.keuze("kanaal", Kanaal.self, verplicht: true)
        let ontvangen = lezer.datum("ontvangenOp") ?? bestaand?.ontvangenOp ?? vandaag
        if ontvangen > vandaag { lezer.fout("ontvangenOp", "ligt in de toekomst") }
        let leefgebieden = lezer.codes("leefgebieden", bekend: referenties.leefgebieden, verplicht: true)
        let scores = lezer.zrmScores("zrmScores", leefgebieden: leefgebieden)
        let taken = lezer.codes("taken", bekend: referenties.taken)
        let dagdelen = lezer.codes("dagdelen", bekend: Set(Dagdeel.alle))
        let duur = lezer.keuze("duur", Inzetduur.self, verplicht: true)
        let uren = lezer.geheelGetal("urenPerWeek", bereik: 1...40)
        let jeugd = lezer.waarheid("jeugd")
        let toestemming = lezer.waarheid("toestemmingVrijwilliger")
        let huisbezoek = lezer.waarheid("gezamenlijkHuisbezoek")
        let veiligThuis = lezer.waarheid("veiligThuis")
        if bestaand?.veiligThuis == true && !veiligThuis {
            lezer.fout("veiligThuis", "een Veilig Thuis-signaal blijft vastgelegd en kan niet worden ingetrokken")
        }
        let omschrijving = lezer.tekst("omschrijving", maximaal: 2000) ?? ""
        let gevraagd = lezer.keuze("status", HulpvraagStatus.self)
        var status = HulpvraagStatus.nieuw
        if let bestaand {
            status = gevraagd ?? bestaand.status
            if status == .gekoppeld && bestaand.status != .gekoppeld {
                lezer.fout("status", "'gekoppeld' volgt uit een koppeling met een vrijwilliger of voorziening")
            } else if status == .afgesloten && bestaand.status != .afgesloten {
                lezer.fout("status", "sluit een hulpvraag af met een uitkomst: PUT /v1/hulpvragen/{id}/afsluiting")
            } else if !bestaand.status.magNaar(status) {
                lezer.fout("status", "van '\(bestaand.status.rawValue)' kan een hulpvraag niet terug naar '\(status.rawValue)'")
            }
        } else if let gevraagd, gevraagd != .nieuw {
            lezer.fout("status", "een nieuwe hulpvraag begint als 'nieuw'")
        }
        lezer.onbekendeVelden(negeer: afgeleideVelden)
        guard lezer.fouten.isEmpty, let initialen, let kernteam, let kern, let kanaal, let duur else { throw Invoerfouten(lezer.fouten) }
        return Hulpvraag(
            id: bestaand?.id,
            dossierreferentie: dossier,
            initialen: initialen,
            geboortejaar: geboortejaar,
            regisseur: regisseur,
            kernteam: kernteam,
            kern: kern,
            kanaal: kanaal,
            ontvangenOp: ontvangen,
            leefgebieden: leefgebieden,
            zrmScores: scores,
            taken: taken,
            dagdelen: Dagdeel.normalized(dagdelen),
            duur: duur,
            urenPerWeek: uren,
            jeugd: jeugd,
            toestemmingVrijwilliger: toestemming,
            gezamenlijkHuisbezoek: huisbezoek,
            veiligThuis: veiligThuis,
            omschrijving: omschrijving,
            status: status,
            doorverwezenNaarLoket: veiligThuis || bestaand?.doorverwezenNaarLoket == true,
            versie: bestaand?.versie,
            afsluiting: status == .afgesloten ? bestaand?.afsluiting : nil,
            nazorgOpgelost: status == .afgesloten ? bestaand?.nazorgOpgelost : nil
        )
    }

    /// The characters initials may have: what the database's check allows (Latin letters, also
    /// with the accents of Latin-1, full stops, spaces and hyphens).
    static func initiaalTeken(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xFF: true
        default: scalar == "." || scalar == " " || scalar == "-"
        }
    }

    /// Nine digits passing the BSN eleven-test: never to be stored here.
    static func lijktOpBSN(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber).compactMap(\.wholeNumberValue)
        guard digits.count == 9, text.allSatisfy({ $0.isNumber || $0 == " " || $0 == "." || $0 == "-" }) else { return false }
        let sum = zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1]).reduce(0) { $0 + $1.0 * $1.1 }
        return sum % 11 == 0
    }
}
