import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// The steunpunt's pages for the algemene voorzieningen: the list with how fresh each record is,
/// and adding and editing one, where "Vandaag nagelopen" saves the record as checked today.
struct VoorzieningPages {
    let pool: ConnectionPool
    let voorzieningen: VoorzieningStore
    let register: RegisterService<Voorziening>
    let referenties: ReferentieStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/voorzieningen", use: lijst)
        router.get("/voorzieningen/nieuw", use: nieuw)
        router.post("/voorzieningen", use: voegToe)
        router.get("/voorzieningen/{id}", use: toon)
        router.post("/voorzieningen/{id}", use: wijzig)
    }

    static let nietGevonden = Problem.notFound("Er is geen voorziening op dit adres in uw gemeente.")
    static let lijsten: Set<String> = ["kernen", "leefgebieden", "taken", "openingsdagdelen"]
    /// The second button of the form: save, and record that the provider was checked today.
    static let nagelopen = "nagelopen"

    // MARK: - The list

    @Sendable func lijst(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let scope = AccessScope(gebruiker)
        let vandaag = CalendarDate.vandaag()
        var filter = VoorzieningStore.Filter()
        filter.kern = Pages.query(request, "kern")
        filter.leefgebied = Pages.query(request, "leefgebied")
        let verouderd = Pages.query(request, "actualiteit") == "verouderd"
        if verouderd { filter.geverifieerdVoor = vandaag.plus(dagen: -365) }
        let paginanummer = Pages.paginanummer(request)
        filter.paginering = Paginering(pagina: paginanummer, paginaGrootte: Pages.paginaGrootte)
        let pagina = try await voorzieningen.list(filter, in: scope)
        let namen = try await Codenamen.laad(pool, in: scope)
        let velden = Velden(
            Formulier([("kern", filter.kern ?? ""), ("leefgebied", filter.leefgebied ?? ""), ("actualiteit", verouderd ? "verouderd" : "")]),
            optioneelMarkeren: false
        )
        let rijen = pagina.items.map { v -> [Markup] in
            [
                #"<a href="/voorzieningen/\#(v.id!.uuidString.lowercased())">\#(v.naam)</a>"#, "\(v.aanbieder)",
                "\(v.heleGemeente ? "Hele gemeente" : v.kernen.map(namen.kern).joined(separator: ", "))",
                "\(v.leefgebieden.map(namen.leefgebied).joined(separator: ", "))",
                v.isVerouderd(vandaag: vandaag)
                    ? #"<span class="waarschuwing">\#(Pages.datum(v.laatstGeverifieerd)): controleren, ouder dan een jaar</span>"#
                    : "\(Pages.datum(v.laatstGeverifieerd))",
            ]
        }
        let bladeren = Pages.bladeren(
            "/voorzieningen",
            filters: [("kern", filter.kern), ("leefgebied", filter.leefgebied), ("actualiteit", verouderd ? "verouderd" : nil)],
            pagina: paginanummer,
            getoond: pagina.items.count,
            totaal: pagina.totaal,
            soort: ("voorziening", "voorzieningen")
        )
        return try Pages.toon(request, context: context, gebruiker, titel: "Voorzieningen", huidig: "/voorzieningen") { _ in
            """
            <h1>Algemene voorzieningen</h1>
            \(Pages.melding(request))
            <p><a href="/voorzieningen/nieuw">Voorziening toevoegen</a></p>
            <p>Een voorziening waarvan de gegevens meer dan een jaar niet zijn gecontroleerd, staat gemarkeerd: bel de aanbieder, werk de gegevens bij en kies "Opslaan en vandaag nagelopen".</p>
            <form class="filters" method="get" action="/voorzieningen">
            \(velden.keuze("kern", "Kern", opties: namen.kernOpties, leeg: "Alle"))
            \(velden.keuze("leefgebied", "Leefgebied", opties: namen.leefgebiedOpties, leeg: "Alle"))
            \(velden.keuze("actualiteit", "Actualiteit", opties: [("verouderd", "Langer dan een jaar niet gecontroleerd")], leeg: "Alle"))
            <p><button type="submit">Filteren</button></p>
            </form>
            \(Pages.tabel("Voorzieningen", kop: ["Naam", "Aanbieder", "Kernen", "Leefgebieden", "Laatst gecontroleerd"], rijen: rijen,
                          leeg: "Geen voorzieningen met deze filters."))
            \(bladeren)
            """
        }
    }

    // MARK: - Add and edit

    @Sendable func nieuw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let formulier = Formulier([("leeftijdsgroep", Leeftijdsgroep.iedereen.rawValue), ("laatstGeverifieerd", CalendarDate.vandaag().description)])
        return try await formulierPagina(request, context, gebruiker, Velden(formulier), id: nil, grondslag: nil)
    }

    @Sendable func toon(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let id = try Pages.id(context, Self.nietGevonden)
        guard let voorziening = try await register.lees(id, voor: gebruiker, requestId: context.id) else { throw Self.nietGevonden }
        return try await formulierPagina(
            request,
            context,
            gebruiker,
            Velden(Self.formulier(voorziening)),
            id: id,
            grondslag: bewaarder.grondslag(voorziening),
            melding: Pages.melding(request)
        )
    }

    @Sendable func voegToe(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await opslaan(request, context, id: nil)
    }

    @Sendable func wijzig(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await opslaan(request, context, id: try Pages.id(context, Self.nietGevonden))
    }

    /// Adds a voorziening (`id` nil) or changes one; "nagelopen" also dates the check today.
    func opslaan(_ request: Request, _ context: AppRequestContext, id: UUID?) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let geplaatst = try await Pages.formulier(request, context: context)
        let getoond = Formulier(geplaatst.velden.filter { $0.naam != Self.nagelopen })
        var formulier = getoond
        if geplaatst[Self.nagelopen] == "ja" { formulier.zet("laatstGeverifieerd", CalendarDate.vandaag().description) }
        // Not saved: the date stays as it was, so a later plain "Opslaan" does not claim a check.
        return try await bewaarder.opslaan(formulier, getoond: getoond, id: id, gebruiker, context) { velden, grondslag, melding, status in
            try await formulierPagina(request, context, gebruiker, velden, id: id, grondslag: grondslag, melding: melding, status: status)
        }
    }

    var bewaarder: Registerformulier<Voorziening> {
        Registerformulier(
            register: register,
            lijsten: Self.lijsten,
            labels: Self.labels,
            formulier: Self.formulier,
            pad: "/voorzieningen"
        )
    }

    /// The fields' names on the form.
    static let labels = [
        "referentie": "Referentie", "aanbieder": "Aanbieder", "naam": "Naam", "omschrijving": "Omschrijving", "kernen": "Kernen",
        "heleGemeente": "Hele gemeente", "leefgebieden": "Leefgebieden", "taken": "Taken", "openingsdagdelen": "Open",
        "leeftijdsgroep": "Voor wie", "capaciteit": "Plaatsen tegelijk", "contact": "Contact", "laatstGeverifieerd": "Laatst gecontroleerd",
    ]

    /// A stored voorziening as the form's fields.
    static func formulier(_ v: Voorziening) -> Formulier {
        var velden: [(String, String)] = [
            ("referentie", v.referentie), ("aanbieder", v.aanbieder), ("naam", v.naam), ("omschrijving", v.omschrijving),
            ("heleGemeente", v.heleGemeente ? "ja" : ""), ("leeftijdsgroep", v.leeftijdsgroep.rawValue),
            ("capaciteit", v.capaciteit.map(String.init) ?? ""), ("contact", v.contact), ("laatstGeverifieerd", v.laatstGeverifieerd.description),
        ]
        velden +=
            v.kernen.map { ("kernen", $0) } + v.leefgebieden.map { ("leefgebieden", $0) } + v.taken.map { ("taken", $0) }
            + v.openingsdagdelen.map { ("openingsdagdelen", $0) }
        return Formulier(velden.filter { !$0.1.isEmpty })
    }

    func formulierPagina(
        _ request: Request,
        _ context: AppRequestContext,
        _ gebruiker: Gebruiker,
        _ velden: Velden,
        id: UUID?,
        grondslag: Grondslag?,
        melding: Markup = .leeg,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let namen = try await Codenamen.laad(pool, in: AccessScope(gebruiker))
        let titel = id == nil ? "Voorziening toevoegen" : "Voorziening"
        return try Pages.toon(request, context: context, gebruiker, titel: titel, huidig: "/voorzieningen", status: status) { csrf in
            let actie = id.map { "/voorzieningen/\($0.uuidString.lowercased())" } ?? "/voorzieningen"
            let form: Markup = """
                <form method="post" action="\(actie)" novalidate>
                \(CSRF.hiddenField(csrf))\(grondslag?.verborgenVelden)
                <h2>Wat</h2>
                \(velden.tekst("naam", "Naam", verplicht: true, attributen: #" autocomplete="off""#))
                \(velden.tekst("aanbieder", "Aanbieder", hint: "De organisatie die de voorziening biedt.", verplicht: true, attributen: #" autocomplete="off""#))
                \(velden.tekst("referentie", "Referentie", hint: "Uw eigen sleutel, zoals in de spreadsheet van het steunpunt.", verplicht: true, attributen: #" autocomplete="off""#))
                \(velden.tekstvak("omschrijving", "Omschrijving"))
                \(velden.vinkjes("leefgebieden", "Leefgebieden", opties: namen.leefgebiedOpties, hint: "Kies er minstens één."))
                \(velden.vinkjes("taken", "Taken (niet verplicht)", opties: namen.taakOpties))
                \(velden.keuze("leeftijdsgroep", "Voor wie", opties: Leeftijdsgroep.allCases.map { ($0.rawValue, $0.naam) }, leeg: nil, verplicht: true))
                <h2>Waar en wanneer</h2>
                \(velden.vinkje("heleGemeente", "Voor de hele gemeente"))
                \(velden.vinkjes("kernen", "Kernen", opties: namen.kernOpties, hint: "De kernen die de voorziening bedient, als dat niet de hele gemeente is."))
                \(velden.dagdelen("openingsdagdelen", "Open (niet verplicht)", hint: "Vink de dagdelen aan waarop de voorziening open is."))
                \(velden.tekst("capaciteit", "Plaatsen tegelijk", type: "number", hint: "Leeg als er geen grens is.", attributen: #" inputmode="numeric" min="1""#))
                <h2>Contact</h2>
                \(velden.tekst("contact", "Contact", hint: "Telefoon, e-mail of adres waarmee het kernteam de aanbieder bereikt."))
                \(velden.tekst("laatstGeverifieerd", "Laatst gecontroleerd", type: "date", verplicht: true))
                <p><button type="submit">Opslaan</button> <button type="submit" class="tweede" name="\(Self.nagelopen)" value="ja">Opslaan en vandaag nagelopen</button></p>
                </form>
                """
            return "<h1>\(titel)</h1>\n\(melding)\(velden.samenvatting("De voorziening is nog niet opgeslagen"))\n\(form)"
        }
    }
}
