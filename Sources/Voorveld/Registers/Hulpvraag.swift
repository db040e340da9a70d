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
    public var leefgebieden: [Leefgebiedscore]
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

    /// A leefgebied the hulpvraag touches, with its optional ZRM score (1-5) at intake.
    public struct Leefgebiedscore: Sendable, Hashable, Codable {
        public var leefgebied: String
        public var zrmScore: Int?

        public init(leefgebied: String, zrmScore: Int?) {
            self.leefgebied = leefgebied
            self.zrmScore = zrmScore
        }
    }

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
        leefgebieden: [Leefgebiedscore],
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
        versie: Int?
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
    }

    public static let velden = [
        "dossierreferentie", "initialen", "geboortejaar", "regisseur", "kernteam", "kern", "kanaal", "ontvangenOp", "leefgebieden",
        "zrmScores", "taken", "dagdelen", "duur", "urenPerWeek", "jeugd", "toestemmingVrijwilliger", "gezamenlijkHuisbezoek",
        "veiligThuis", "omschrijving",
    ]

    /// Reads and checks a new hulpvraag registered by `door`. A Veilig Thuis signal is referred to
    /// the loket at once.
    /// - Parameter zrmScores: leefgebied code to score, read separately from the `zrmScores` object.
    /// - Throws: `Invoerfouten`.
    public static func lees(
        _ invoer: [String: RuweWaarde], zrmScores: [String: RuweWaarde], door: Gebruiker, referenties: Referenties, vandaag: CalendarDate
    ) throws -> Hulpvraag {
        var lezer = Veldlezer(invoer)
        let dossier = lezer.tekst("dossierreferentie", maximaal: 64)
        if let dossier, Self.lijktOpBSN(dossier) {
            lezer.fout("dossierreferentie", "lijkt een BSN; gebruik de referentie van het dossier in het regiesysteem, nooit een BSN")
        }
        let initialen = lezer.tekst("initialen", verplicht: true, maximaal: 12)
        if let initialen, !initialen.allSatisfy({ $0.isLetter || $0 == "." || $0 == " " || $0 == "-" }) {
            lezer.fout("initialen", "alleen letters, punten, spaties en streepjes")
        }
        let geboortejaar = lezer.geheelGetal("geboortejaar", bereik: 1900...vandaag.year)
        let regisseur = lezer.tekst("regisseur") ?? door.naam
        let kernteam = lezer.tekst("kernteam", verplicht: true)
        if let kernteam {
            if !referenties.kernteams.contains(kernteam) {
                lezer.fout("kernteam", "onbekend kernteam '\(kernteam)' in deze gemeente")
            } else if !door.werktIn(kernteam: kernteam) {
                lezer.fout("kernteam", "u bent geen lid van kernteam '\(kernteam)'")
            }
        }
        let kern = lezer.tekst("kern", verplicht: true)
        if let kern, !referenties.kernen.contains(kern) { lezer.fout("kern", "onbekende kern '\(kern)' in deze gemeente") }
        let kanaal = lezer.keuze("kanaal", Kanaal.self, verplicht: true)
        let ontvangen = lezer.datum("ontvangenOp") ?? vandaag
        if ontvangen > vandaag { lezer.fout("ontvangenOp", "ligt in de toekomst") }
        let leefgebieden = lezer.codes("leefgebieden", bekend: referenties.leefgebieden, verplicht: true)
        var scores: [String: Int] = [:]
        var scoreLezer = Veldlezer(zrmScores)
        for code in zrmScores.keys.sorted() {
            if !leefgebieden.contains(code) {
                scoreLezer.fout("zrmScores.\(code)", "geen leefgebied van deze hulpvraag")
                continue
            }
            if let score = scoreLezer.geheelGetal(code, bereik: 1...5) { scores[code] = score }
        }
        for fout in scoreLezer.fouten {
            lezer.fout(fout.veld.hasPrefix("zrmScores.") ? fout.veld : "zrmScores.\(fout.veld)", fout.melding)
        }
        let taken = lezer.codes("taken", bekend: referenties.taken)
        let dagdelen = lezer.codes("dagdelen", bekend: Set(Dagdeel.alle))
        let duur = lezer.keuze("duur", Inzetduur.self, verplicht: true)
        let uren = lezer.geheelGetal("urenPerWeek", bereik: 1...40)
        let jeugd = lezer.waarheid("jeugd")
        let toestemming = lezer.waarheid("toestemmingVrijwilliger")
        let huisbezoek = lezer.waarheid("gezamenlijkHuisbezoek")
        let veiligThuis = lezer.waarheid("veiligThuis")
        let omschrijving = lezer.tekst("omschrijving", maximaal: 2000) ?? ""
        lezer.onbekendeVelden(negeer: ["zrmScores"])
        guard lezer.fouten.isEmpty, let initialen, let kernteam, let kern, let kanaal, let duur else { throw Invoerfouten(lezer.fouten) }
        return Hulpvraag(
            id: nil, dossierreferentie: dossier, initialen: initialen, geboortejaar: geboortejaar, regisseur: regisseur, kernteam: kernteam,
            kern: kern, kanaal: kanaal, ontvangenOp: ontvangen,
            leefgebieden: leefgebieden.map { Leefgebiedscore(leefgebied: $0, zrmScore: scores[$0]) }, taken: taken,
            dagdelen: Dagdeel.normalized(dagdelen), duur: duur, urenPerWeek: uren, jeugd: jeugd, toestemmingVrijwilliger: toestemming,
            gezamenlijkHuisbezoek: huisbezoek, veiligThuis: veiligThuis, omschrijving: omschrijving,
            status: .nieuw, doorverwezenNaarLoket: veiligThuis, versie: nil)
    }

    /// Nine digits passing the BSN eleven-test: never to be stored here.
    static func lijktOpBSN(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber).compactMap(\.wholeNumberValue)
        guard digits.count == 9, text.allSatisfy({ $0.isNumber || $0 == " " || $0 == "." || $0 == "-" }) else { return false }
        let sum = zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1]).reduce(0) { $0 + $1.0 * $1.1 }
        return sum % 11 == 0
    }
}
