import CalendarDate
import Foundation
import Testing
import Voorveld

/// The hard rules, the ranking, the reasons and the combinations, on small hand-made data.
@Suite("Matching rules and ranking")
struct MatchingTests {
    static let vandaag = CalendarDate(year: 2026, month: 11, day: 23)
    static let namen = [
        "financien": "Financiën", "sociaal-netwerk": "Sociaal netwerk", "administratie": "administratie",
        "gezelschap": "gezelschap", "huisvesting": "Huisvesting",
    ]

    static func hulpvraag(
        leefgebieden: [String] = ["financien", "sociaal-netwerk"],
        taken: [String] = ["administratie"],
        dagdelen: [String] = ["di-ochtend", "za-ochtend"],
        jeugd: Bool = false,
        toestemming: Bool = true,
        veiligThuis: Bool = false
    ) -> Hulpvraag {
        Hulpvraag(
            id: UUID(),
            dossierreferentie: "D-1",
            initialen: "M.",
            geboortejaar: 1947,
            regisseur: "kernteamlid",
            kernteam: "heteren",
            kern: "heteren",
            kanaal: .telefoon,
            ontvangenOp: vandaag,
            leefgebieden: leefgebieden,
            zrmScores: [:],
            taken: taken,
            dagdelen: dagdelen,
            duur: .langdurig,
            urenPerWeek: 2,
            jeugd: jeugd,
            toestemmingVrijwilliger: toestemming,
            gezamenlijkHuisbezoek: false,
            veiligThuis: veiligThuis,
            omschrijving: "",
            status: .nieuw,
            doorverwezenNaarLoket: veiligThuis,
            versie: 1
        )
    }

    /// A volunteer who passes every rule; each test changes what it needs.
    static func vrijwilliger(_ naam: String, _ aanpassen: (inout VrijwilligerOptie) -> Void = { _ in }) -> VrijwilligerOptie {
        var optie = VrijwilligerOptie(
            id: UUID(),
            voornaam: naam,
            achternaam: "Jansen",
            kern: "heteren",
            kernnaam: "Heteren",
            relatie: .zelfdeKern,
            afstandKm: 0,
            actief: true,
            afwezigTot: nil,
            bezet: 0,
            maxHulpvragen: 2,
            leefgebieden: ["financien"],
            taken: ["administratie"],
            dagdelen: ["di-ochtend"],
            langsteInzet: .onbepaald,
            inzetPast: true,
            vogDatum: CalendarDate(year: 2025, month: 3, day: 14),
            eerderAfgebroken: false,
            alGekoppeld: false,
            afgerondZelfdeLeefgebied: 0
        )
        aanpassen(&optie)
        return optie
    }

    static func voorziening(_ naam: String, _ aanpassen: (inout VoorzieningOptie) -> Void = { _ in }) -> VoorzieningOptie {
        var optie = VoorzieningOptie(
            id: UUID(),
            naam: naam,
            aanbieder: "Stichting",
            heleGemeente: false,
            leefgebieden: ["sociaal-netwerk"],
            taken: [],
            dagdelen: ["di-ochtend"],
            openingsdagdelen: 1,
            leeftijdsgroep: .ouderen,
            capaciteit: 30,
            bezet: 29,
            laatstGeverifieerd: CalendarDate(year: 2026, month: 9, day: 15),
            alGekoppeld: false
        )
        aanpassen(&optie)
        return optie
    }

    func match(_ hulpvraag: Hulpvraag, _ vrijwilligers: [VrijwilligerOptie], _ voorzieningen: [VoorzieningOptie] = []) -> Kandidaten {
        Matching().kandidaten(
            voor: hulpvraag,
            vrijwilligers: vrijwilligers,
            voorzieningen: voorzieningen,
            kernnaam: "Heteren",
            namen: Self.namen,
            vandaag: Self.vandaag
        )
    }

    @Test("every hard rule removes whom it should, and the explanation counts them in order")
    func hardRules() {
        let opties = [
            Self.vrijwilliger("Kees"),
            Self.vrijwilliger("Al") { $0.alGekoppeld = true },
            Self.vrijwilliger("Gepauzeerd") { $0.actief = false },
            Self.vrijwilliger("Vakantie") { $0.afwezigTot = CalendarDate(year: 2026, month: 12, day: 1) },
            Self.vrijwilliger("Vol") { $0.bezet = 2 },
            Self.vrijwilliger("Tuinman") {
                $0.leefgebieden = []
                $0.taken = []
            },
            Self.vrijwilliger("Avondmens") { $0.dagdelen = [] },
            Self.vrijwilliger("Kort") { $0.inzetPast = false },
            Self.vrijwilliger("Eerder") { $0.eerderAfgebroken = true },
        ]
        let result = match(Self.hulpvraag(), opties)
        #expect(result.vrijwilligers.map(\.naam) == ["Kees Jansen"])
        #expect(
            result.uitleg.vrijwilligers == [
                "9 vrijwilligers helpen in of bij Heteren.",
                "1 daarvan is niet actief (gepauzeerd of gestopt).",
                "1 daarvan is niet beschikbaar op di-ochtend of za-ochtend.",
                "1 daarvan wil niet zo lang helpen (langdurig).",
                "1 daarvan is al aan deze hulpvraag gekoppeld.",
                "1 daarvan is afwezig in de komende twee weken.",
                "1 daarvan heeft geen plek meer vrij.",
                "1 daarvan helpt niet bij Financiën, Sociaal netwerk of administratie.",
                "1 daarvan had eerder een afgebroken koppeling met deze inwoner.",
                "Er blijft 1 over.",
            ]
        )
    }

    @Test("a young person's request needs a valid VOG; without consent no volunteers; Veilig Thuis gets nobody")
    func routingRules() {
        let opties = [
            Self.vrijwilliger("Geldig") { $0.vogDatum = CalendarDate(year: 2024, month: 1, day: 10) },
            Self.vrijwilliger("Verlopen") { $0.vogDatum = CalendarDate(year: 2023, month: 11, day: 22) },
            Self.vrijwilliger("Geen") { $0.vogDatum = nil },
        ]
        let jeugd = match(Self.hulpvraag(jeugd: true), opties)
        #expect(jeugd.vrijwilligers.map(\.naam) == ["Geldig Jansen"])
        #expect(jeugd.uitleg.vrijwilligers.contains("2 daarvan hebben geen geldige VOG (nodig bij een jongere)."))
        #expect(match(Self.hulpvraag(), opties).vrijwilligers.count == 3)  // for an adult the VOG is no rule

        let zonderToestemming = match(Self.hulpvraag(toestemming: false), opties, [Self.voorziening("Soos")])
        #expect(zonderToestemming.vrijwilligers.isEmpty)
        #expect(zonderToestemming.voorzieningen.map(\.naam) == ["Soos"])
        #expect(
            zonderToestemming.uitleg.vrijwilligers == ["De inwoner gaf geen toestemming voor een vrijwilliger; alleen voorzieningen worden gezocht."]
        )

        let signaal = match(Self.hulpvraag(veiligThuis: true), opties, [Self.voorziening("Soos")])
        #expect(signaal.vrijwilligers.isEmpty && signaal.voorzieningen.isEmpty && signaal.combinaties.isEmpty)
        #expect(signaal.uitleg.vrijwilligers == ["Veilig Thuis-signaal: geen kandidaten. De hulpvraag is doorverwezen naar het loket."])
    }

    @Test("ranking: coverage, dayparts, nearness, spare capacity and experience, each with its reason")
    func ranking() throws {
        let opties = [
            Self.vrijwilliger("Ver") {
                $0.relatie = .afstand
                $0.kernnaam = "Driel"
                $0.afstandKm = 4.2
            },
            Self.vrijwilliger("Beste") {
                $0.leefgebieden = ["financien", "sociaal-netwerk"]
                $0.dagdelen = ["di-ochtend", "za-ochtend"]
                $0.afgerondZelfdeLeefgebied = 3
            },
            Self.vrijwilliger("Buur") {
                $0.relatie = .buurkern
                $0.kernnaam = "Randwijk"
            },
            Self.vrijwilliger("Druk") { $0.bezet = 1 },
        ]
        let result = match(Self.hulpvraag(), opties)
        // Druk (same kern, one running koppeling) before Buur (a kern they named, none running).
        #expect(result.vrijwilligers.map(\.naam) == ["Beste Jansen", "Druk Jansen", "Buur Jansen", "Ver Jansen"])
        let beste = try #require(result.vrijwilligers.first)
        #expect(beste.score == 100)
        #expect(
            beste.redenen == [
                "woont in dezelfde kern (Heteren)",
                "helpt bij 2 van de 2 leefgebieden: Financiën en Sociaal netwerk",
                "doet de taak: administratie",
                "beschikbaar di-ochtend en za-ochtend",
                "nog 2 plekken vrij",
                "rondde eerder 3 vragen over Financiën of Sociaal netwerk af",
                "VOG geldig tot 2028-03",
            ]
        )
        let ver = try #require(result.vrijwilligers.first { $0.naam == "Ver Jansen" })
        #expect(ver.redenen.first == "woont in Driel, 4 km verderop")
        let buur = try #require(result.vrijwilligers.first { $0.naam == "Buur Jansen" })
        #expect(buur.redenen.first == "woont in Randwijk en helpt ook in Heteren")
        let druk = try #require(result.vrijwilligers.first { $0.naam == "Druk Jansen" })
        #expect(druk.redenen.contains("nog 1 plek vrij"))
        // Exact scores: coverage 2/3 of 40, dayparts 1/2 of 20, nearness, spare capacity, experience.
        // 2 of 3 covered: 26.7; 1 of 2 dayparts: 10; then nearness and spare capacity.
        #expect(druk.score == 62)  // + 15 same kern + 10 (one running koppeling of at most three)
        #expect(buur.score == 59)  // + 7.5 a kern they named + 15 empty
        #expect(ver.score == 57)  // + 5 within their distance + 15 empty
        #expect(ver.score < buur.score)
    }

    @Test("voorzieningen: age group, opening hours, capacity; stale records say so")
    func voorzieningen() {
        let opties = [
            Self.voorziening("Soos"),
            Self.voorziening("Jongerencentrum") { $0.leeftijdsgroep = .jeugd },
            Self.voorziening("Vol") { $0.bezet = 30 },
            Self.voorziening("Avondcafé") { $0.dagdelen = [] },
            Self.voorziening("Op afspraak") {
                $0.dagdelen = []
                $0.openingsdagdelen = 0
                $0.capaciteit = nil
                $0.heleGemeente = true
            },
            Self.voorziening("Oud") { $0.laatstGeverifieerd = CalendarDate(year: 2025, month: 1, day: 2) },
        ]
        let result = match(Self.hulpvraag(), [], opties)
        #expect(Set(result.voorzieningen.map(\.naam)) == ["Soos", "Op afspraak", "Oud"])
        #expect(
            result.uitleg.voorzieningen == [
                "6 voorzieningen zijn er voor Heteren.",
                "1 daarvan is niet voor deze leeftijdsgroep.",
                "1 daarvan is niet open op di-ochtend of za-ochtend.",
                "1 daarvan zit vol.",
                "Er blijven 3 over.",
            ]
        )
        let soos = result.voorzieningen.first { $0.naam == "Soos" }
        #expect(soos?.redenen == ["in Heteren", "helpt bij 1 van de 2 leefgebieden: Sociaal netwerk", "open di-ochtend", "nog 1 plek vrij"])
        #expect(result.voorzieningen.first { $0.naam == "Oud" }?.redenen.last == "let op: gegevens voor het laatst gecontroleerd op 2025-01-02")
        #expect(
            result.voorzieningen.first { $0.naam == "Op afspraak" }?.redenen == [
                "voor de hele gemeente", "helpt bij 1 van de 2 leefgebieden: Sociaal netwerk", "op afspraak",
            ]
        )
    }

    @Test("when nobody covers every leefgebied alone, the smallest combination that does is proposed")
    func combinations() throws {
        let hulpvraag = Self.hulpvraag(leefgebieden: ["financien", "sociaal-netwerk", "huisvesting"], taken: [])
        let vrijwilligers = [
            Self.vrijwilliger("Kees") { $0.leefgebieden = ["financien"] },
            Self.vrijwilliger("Anna") { $0.leefgebieden = ["financien", "huisvesting"] },
        ]
        let result = match(hulpvraag, vrijwilligers, [Self.voorziening("Soos")])
        let best = try #require(result.combinaties.first)
        #expect(best.onderdelen.map(\.naam) == ["Anna Jansen", "Soos"])
        #expect(best.dekt == ["financien", "sociaal-netwerk", "huisvesting"])
        #expect(best.ontbreekt.isEmpty)
        #expect(best.toelichting == "Anna Jansen (Financiën en Huisvesting) + Soos (Sociaal netwerk)")
        #expect(result.combinaties.allSatisfy { $0.onderdelen.count == 2 })
        // Someone covering everything alone: no combinations needed.
        let alleen = match(
            hulpvraag,
            vrijwilligers + [Self.vrijwilliger("Alles") { $0.leefgebieden = ["financien", "sociaal-netwerk", "huisvesting"] }]
        )
        #expect(alleen.combinaties.isEmpty)
        // A leefgebied nobody covers is named.
        let zonder = match(hulpvraag, vrijwilligers)
        #expect(zonder.combinaties.isEmpty)  // Anna alone covers all that anyone covers
        let twee = match(
            Self.hulpvraag(leefgebieden: ["financien", "sociaal-netwerk", "huisvesting"], taken: []),
            [Self.vrijwilliger("Kees") { $0.leefgebieden = ["financien"] }],
            [Self.voorziening("Soos")]
        )
        #expect(twee.combinaties.first?.ontbreekt == ["huisvesting"])
        #expect(twee.combinaties.first?.toelichting == "Kees Jansen (Financiën) + Soos (Sociaal netwerk); niemand helpt bij Huisvesting")
    }
}
