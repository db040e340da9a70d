import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// The steunpunt's pages: its volunteers (with the VOGs that expire soon), registering and
/// editing a volunteer with the availability grid, the volunteer's koppelingen (only what the
/// volunteer needs), and importing the spreadsheet with every bad row shown and fixable in place.
/// (`VoorzieningPages` has the voorzieningen.)
struct VrijwilligerPages {
    let pool: ConnectionPool
    let vrijwilligers: VrijwilligerStore
    let register: RegisterService<Vrijwilliger>
    let koppelingen: KoppelingStore
    let referenties: ReferentieStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/vrijwilligers", use: lijst)
        router.get("/vrijwilligers/nieuw", use: nieuw)
        router.post("/vrijwilligers", use: voegToe)
        router.get("/vrijwilligers/import", use: importPagina)
        router.post("/vrijwilligers/import", use: importeer)
        router.get("/vrijwilligers/{id}", use: toon)
        router.post("/vrijwilligers/{id}", use: wijzig)
    }

    static let nietGevonden = Problem.notFound("Er is geen vrijwilliger op dit adres in uw gemeente.")
    static let lijsten: Set<String> = ["buurkernen", "leefgebieden", "taken", "beschikbaarheid"]
    /// A VOG is valid for three years (`VOG`); the steunpunt wants to know three months ahead.
    static let vogWaarschuwingMaanden = 3

    func audit(_ gebruiker: Gebruiker, _ context: AppRequestContext, _ actie: String, _ id: UUID?) -> AuditRegel {
        register.audit(gebruiker, requestId: context.id, actie, id)
    }

    // MARK: - The list

    @Sendable func lijst(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let scope = AccessScope(gebruiker)
        let vandaag = CalendarDate.vandaag()
        var filter = VrijwilligerStore.Filter()
        filter.kern = Pages.query(request, "kern")
        filter.leefgebied = Pages.query(request, "leefgebied")
        filter.status = Pages.query(request, "status").flatMap(VrijwilligerStatus.init(rawValue:))
        let vogVerloopt = Pages.query(request, "vog") == "verloopt"
        if vogVerloopt { filter.vogVerlooptVoor = vandaag.plus(maanden: Self.vogWaarschuwingMaanden) }
        let paginanummer = Pages.paginanummer(request)
        filter.paginering = Paginering(pagina: paginanummer, paginaGrootte: Pages.paginaGrootte)
        let pagina = try await vrijwilligers.list(filter, in: scope, audit: audit(gebruiker, context, "vrijwilligers-lezen", nil))
        let namen = try await Codenamen.laad(pool, in: scope)
        let bezet = try await vrijwilligers.bezet(pagina.items.compactMap(\.id), in: scope)
        let velden = Velden(
            Formulier([
                ("kern", filter.kern ?? ""), ("leefgebied", filter.leefgebied ?? ""), ("status", filter.status?.rawValue ?? ""),
                ("vog", vogVerloopt ? "verloopt" : ""),
            ]),
            optioneelMarkeren: false
        )
        let rijen = pagina.items.map { v -> [Markup] in
            [
                #"<a href="/vrijwilligers/\#(v.id!.uuidString.lowercased())">\#(v.voornaam + " " + v.achternaam)</a>"#,
                "\(namen.kern(v.kern))", "\(v.status.naam)", "\(bezet[v.id!] ?? 0) van \(v.maxHulpvragen)",
                "\(v.leefgebieden.map(namen.leefgebied).joined(separator: ", "))", Self.vog(v.vogDatum, vandaag: vandaag),
            ]
        }
        let bladeren = Pages.bladeren(
            "/vrijwilligers",
            filters: [
                ("kern", filter.kern), ("leefgebied", filter.leefgebied), ("status", filter.status?.rawValue),
                ("vog", vogVerloopt ? "verloopt" : nil),
            ],
            pagina: paginanummer,
            getoond: pagina.items.count,
            totaal: pagina.totaal,
            soort: ("vrijwilliger", "vrijwilligers")
        )
        return try Pages.toon(request, context: context, gebruiker, titel: "Vrijwilligers", huidig: "/vrijwilligers") { _ in
            """
            <h1>Vrijwilligers</h1>
            \(Pages.melding(request))
            <p><a href="/vrijwilligers/nieuw">Vrijwilliger toevoegen</a> · <a href="/vrijwilligers/import">Spreadsheet importeren</a></p>
            <form class="filters" method="get" action="/vrijwilligers">
            \(velden.keuze("kern", "Kern", opties: namen.kernOpties, leeg: "Alle"))
            \(velden.keuze("leefgebied", "Leefgebied", opties: namen.leefgebiedOpties, leeg: "Alle"))
            \(velden.keuze("status", "Status", opties: VrijwilligerStatus.allCases.map { ($0.rawValue, $0.naam) }, leeg: "Alle"))
            \(velden.keuze("vog", "VOG", opties: [("verloopt", "Verlopen, verloopt binnen \(Self.vogWaarschuwingMaanden) maanden of ontbreekt")], leeg: "Alle"))
            <p><button type="submit">Filteren</button></p>
            </form>
            \(Pages.tabel("Vrijwilligers", kop: ["Naam", "Kern", "Status", "Plaatsen bezet", "Leefgebieden", "VOG geldig tot"], rijen: rijen,
                          leeg: "Geen vrijwilligers met deze filters."))
            \(bladeren)
            """
        }
    }

    /// Until when the VOG is valid, with a warning when it expires within three months.
    static func vog(_ datum: CalendarDate?, vandaag: CalendarDate) -> Markup {
        guard let datum else { return #"<span class="waarschuwing">Geen VOG</span>"# }
        let geldigTot = VOG.geldigTot(datum)
        if geldigTot < vandaag { return #"<span class="waarschuwing">Verlopen op \#(Pages.datum(geldigTot))</span>"# }
        if geldigTot < vandaag.plus(maanden: vogWaarschuwingMaanden) {
            return #"<span class="waarschuwing">\#(Pages.datum(geldigTot)) (verloopt binnenkort)</span>"#
        }
        return "\(Pages.datum(geldigTot))"
    }

    // MARK: - Register and edit

    @Sendable func nieuw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let formulier = Formulier([
            ("langsteInzet", Inzetduur.kortdurend.rawValue), ("urenPerWeek", "2"), ("maxHulpvragen", "1"), ("status", "actief"),
        ])
        return try await formulierPagina(request, context, gebruiker, Velden(formulier), id: nil, grondslag: nil)
    }

    @Sendable func toon(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let id = try Pages.id(context, Self.nietGevonden)
        guard let vrijwilliger = try await register.lees(id, voor: gebruiker, requestId: context.id)
        else {
            throw Self.nietGevonden
        }
        return try await formulierPagina(
            request,
            context,
            gebruiker,
            Velden(Self.formulier(vrijwilliger)),
            id: id,
            grondslag: bewaarder.grondslag(vrijwilliger),
            melding: Pages.melding(request)
        )
    }

    @Sendable func voegToe(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await opslaan(request, context, id: nil)
    }

    @Sendable func wijzig(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await opslaan(request, context, id: try Pages.id(context, Self.nietGevonden))
    }

    /// Adds a volunteer (`id` nil) or changes one; problems come back next to their fields.
    func opslaan(_ request: Request, _ context: AppRequestContext, id: UUID?) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let formulier = try await Pages.formulier(request, context: context)
        return try await bewaarder.opslaan(formulier, id: id, gebruiker, context) { velden, grondslag, melding, status in
            try await formulierPagina(request, context, gebruiker, velden, id: id, grondslag: grondslag, melding: melding, status: status)
        }
    }

    var bewaarder: Registerformulier<Vrijwilliger> {
        Registerformulier(
            register: register,
            lijsten: Self.lijsten,
            labels: Self.labels,
            formulier: Self.formulier,
            pad: "/vrijwilligers"
        )
    }

    /// The fields' names on the form.
    static let labels = [
        "referentie": "Referentie", "voornaam": "Voornaam", "achternaam": "Achternaam", "email": "E-mailadres", "telefoon": "Telefoonnummer",
        "kern": "Woonkern", "buurkernen": "Helpt ook in", "maxAfstandKm": "Afstand", "leefgebieden": "Leefgebieden", "taken": "Taken",
        "beschikbaarheid": "Beschikbaar", "afwezigheden": "Afwezig", "langsteInzet": "Langste inzet", "urenPerWeek": "Uren per week",
        "maxHulpvragen": "Hoeveel inwoners tegelijk", "vogDatum": "Datum VOG", "status": "Status",
    ]

    /// A stored volunteer as the form's fields.
    static func formulier(_ v: Vrijwilliger) -> Formulier {
        var velden: [(String, String)] = [
            ("referentie", v.referentie), ("voornaam", v.voornaam), ("achternaam", v.achternaam), ("email", v.email ?? ""),
            ("telefoon", v.telefoon ?? ""),
            ("kern", v.kern), ("maxAfstandKm", v.maxAfstandKm.map(String.init) ?? ""), ("langsteInzet", v.langsteInzet.rawValue),
            ("urenPerWeek", String(v.urenPerWeek)), ("maxHulpvragen", String(v.maxHulpvragen)), ("vogDatum", v.vogDatum?.description ?? ""),
            ("status", v.status.rawValue), ("afwezigheden", v.afwezigheden.map(\.description).joined(separator: "; ")),
        ]
        velden +=
            v.buurkernen.map { ("buurkernen", $0) } + v.leefgebieden.map { ("leefgebieden", $0) } + v.taken.map { ("taken", $0) }
            + v.beschikbaarheid.map { ("beschikbaarheid", $0) }
        return Formulier(velden)
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
        let scope = AccessScope(gebruiker)
        let namen = try await Codenamen.laad(pool, in: scope)
        // The steunpunt's page: each koppeling as the steunpunt sees it, even one a user who is
        // also kernteamlid has whole (that belongs on the hulpvraag's page).
        var lopend: [KoppelingVoorSteunpunt] = []
        if let id {
            var filter = KoppelingStore.Filter()
            filter.vrijwilliger = id
            filter.paginering = Paginering(pagina: 1, paginaGrootte: Paginering.maximaleGrootte)
            let pagina = try await koppelingen.list(
                filter,
                in: scope,
                audit: register.audit(gebruiker, requestId: context.id, "koppelingen-lezen", id)
            )
            lopend = pagina?.items.compactMap(\.voorSteunpunt) ?? []
        }
        let titel = id == nil ? "Vrijwilliger toevoegen" : "Vrijwilliger"
        return try Pages.toon(request, context: context, gebruiker, titel: titel, huidig: "/vrijwilligers", status: status) { csrf in
            let actie = id.map { "/vrijwilligers/\($0.uuidString.lowercased())" } ?? "/vrijwilligers"
            let form: Markup = """
                <form method="post" action="\(actie)" novalidate>
                \(CSRF.hiddenField(csrf))\(grondslag?.verborgenVelden)
                <h2>Persoon</h2>
                \(velden.tekst("referentie", "Referentie", hint: "Uw eigen sleutel, zoals in de spreadsheet van het steunpunt.", verplicht: true, attributen: #" autocomplete="off""#))
                \(velden.tekst("voornaam", "Voornaam", verplicht: true, attributen: #" autocomplete="off""#))
                \(velden.tekst("achternaam", "Achternaam", verplicht: true, attributen: #" autocomplete="off""#))
                \(velden.tekst("email", "E-mailadres", type: "email", attributen: #" autocomplete="off""#))
                \(velden.tekst("telefoon", "Telefoonnummer", type: "tel", attributen: #" autocomplete="off""#))
                \(velden.keuze("status", "Status", opties: VrijwilligerStatus.allCases.map { ($0.rawValue, $0.naam) }, leeg: nil, verplicht: true))
                \(velden.tekst("vogDatum", "Datum VOG", type: "date", hint: "Het steunpunt vraagt elke drie jaar een nieuwe VOG; nodig voor hulp aan jongeren."))
                <h2>Waar</h2>
                \(velden.keuze("kern", "Woonkern", opties: namen.kernOpties, verplicht: true))
                \(velden.vinkjes("buurkernen", "Helpt ook in (niet verplicht)", opties: namen.kernOpties))
                \(velden.tekst("maxAfstandKm", "Of binnen zoveel kilometer van huis", type: "number", attributen: #" inputmode="numeric" min="1" max="100""#))
                <h2>Wat</h2>
                \(velden.vinkjes("leefgebieden", "Leefgebieden", opties: namen.leefgebiedOpties, hint: "Minstens één leefgebied of taak."))
                \(velden.vinkjes("taken", "Taken", opties: namen.taakOpties))
                <h2>Wanneer en hoeveel</h2>
                \(velden.dagdelen("beschikbaarheid", "Beschikbaar", hint: "Vink de dagdelen aan waarop de vrijwilliger meestal kan."))
                \(velden.tekst("afwezigheden", "Afwezig", hint: "Perioden als 2026-07-01/2026-07-21, gescheiden door een puntkomma."))
                \(velden.keuze("langsteInzet", "Langste inzet", opties: Inzetduur.allCases.map { ($0.rawValue, $0.naam) }, verplicht: true))
                \(velden.tekst("urenPerWeek", "Uren per week", type: "number", verplicht: true, attributen: #" inputmode="numeric" min="1" max="40""#))
                \(velden.tekst("maxHulpvragen", "Hoeveel inwoners tegelijk", type: "number", verplicht: true, attributen: #" inputmode="numeric" min="1" max="20""#))
                <p><button type="submit">Opslaan</button></p>
                </form>
                """
            let koppelingenHTML: Markup =
                id == nil
                ? .leeg
                : """
                <h2>Koppelingen</h2>\(Pages.tabel(
                        "Koppelingen van deze vrijwilliger",
                        kop: ["Kern", "Status", "Leefgebieden en taken", "Wanneer"],
                        rijen: lopend.map { k -> [Markup] in
                            [
                                "\(namen.kern(k.kern))", "\(k.melding)",
                                "\((k.leefgebieden.map(namen.leefgebied) + k.taken.map(namen.taak)).joined(separator: ", "))",
                                "\(k.dagdelen.isEmpty ? "Geen voorkeur" : k.dagdelen.map(Dagdeel.naam).joined(separator: ", "))",
                            ]
                        },
                        leeg: "Deze vrijwilliger heeft nog geen koppelingen."
                    ))
                """
            return "<h1>\(titel)</h1>\n\(melding)\(velden.samenvatting("De vrijwilliger is nog niet opgeslagen"))\n\(form)\n\(koppelingenHTML)"
        }
    }

    // MARK: - Import

    @Sendable func importPagina(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        // After a successful import (Post/Redirect/Get): how many, a number only.
        let ingelezen =
            Pages.query(request, "ingelezen").flatMap { Int($0) }.map { aantal -> Markup in
                #"<p class="melding" role="status">\#(aantal) \#(aantal == 1 ? "vrijwilliger" : "vrijwilligers") ingelezen. <a href="/vrijwilligers">Naar de vrijwilligers</a></p>"#
            } ?? .leeg
        return try Pages.toon(request, context: context, gebruiker, titel: "Vrijwilligers importeren", huidig: "/vrijwilligers/import") { csrf in
            "<h1>Vrijwilligers importeren</h1>\n\(ingelezen)\(Self.importFormulier(csrf))"
        }
    }

    static func importFormulier(_ csrf: String) -> Markup {
        """
        <p>Lees de spreadsheet van het steunpunt in als CSV-bestand (UTF-8 of Windows, met komma's of puntkomma's). Een vrijwilliger met een
        referentie die al bestaat, wordt bijgewerkt. Het bestand wordt alleen ingelezen als elke regel klopt.</p>
        <p>Kolommen: \(Vrijwilliger.velden.joined(separator: ", ")). Lijsten scheidt u met een puntkomma, dagdelen schrijft u als di-ochtend.</p>
        <form method="post" action="/vrijwilligers/import" enctype="multipart/form-data">
        \(CSRF.hiddenField(csrf))
        <p><label for="bestand">CSV-bestand</label><input id="bestand" name="bestand" type="file" accept=".csv,text/csv" required></p>
        <p><button type="submit">Inlezen</button></p>
        </form>
        """
    }

    /// A file from the upload form, or the corrected text from the form that showed its problems.
    @Sendable func importeer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let type = request.headers[.contentType] ?? ""
        let csv: String
        let token: String?
        if let boundary = Multipart.boundary(type) {
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            guard let delen = Multipart(Data(buffer: body), boundary: boundary) else {
                throw Problem(status: .badRequest, detail: "Het formulier kwam niet goed aan. Probeer het opnieuw.")
            }
            token = delen[CSRF.field].map { String(decoding: $0.inhoud, as: UTF8.self) }
            csv = delen["bestand"].map { CSVImport.text(of: $0.inhoud) } ?? ""
        } else {
            let formulier = try await Formulier.lees(request, context: context)
            token = formulier[CSRF.field]
            csv = formulier["csv"] ?? ""
        }
        guard CSRF.isValid(request, formToken: token) else {
            throw Problem(
                status: .forbidden,
                title: "Formulier verlopen",
                detail: "Het formulier was verlopen of kwam niet van deze site. Open de pagina opnieuw."
            )
        }
        do {
            let aantal = try await register.importeer(csv, voor: gebruiker, requestId: context.id)
            return Response(status: .seeOther, headers: [.location: "/vrijwilligers/import?ingelezen=\(aantal)"])
        } catch let fouten as Importfouten {
            return try Pages.toon(
                request,
                context: context,
                gebruiker,
                titel: "Vrijwilligers importeren",
                huidig: "/vrijwilligers/import",
                status: .unprocessableContent
            ) { csrf in
                let rijen = fouten.fouten.map { fout -> [Markup] in ["\(fout.regel)", "\(fout.kolom)", "\(fout.melding)"] }
                return """
                    <h1>Vrijwilligers importeren</h1>
                    <div role="alert" tabindex="-1" id="fouten"><h2>Er is niets ingelezen</h2>
                    <p>\(fouten.fouten.count == 1 ? "Eén regel klopt niet" : "\(fouten.fouten.count) problemen in het bestand"). Verbeter ze hieronder en lees opnieuw in, of pas de spreadsheet aan.</p></div>
                    \(Pages.tabel("Problemen in het bestand (regel 1 is de kopregel)", kop: ["Regel", "Kolom", "Probleem"], rijen: rijen, getallen: [0]))
                    <h2>Verbeteren en opnieuw inlezen</h2>
                    <form method="post" action="/vrijwilligers/import">
                    \(CSRF.hiddenField(csrf))
                    <p><label for="csv">Inhoud van het bestand</label><textarea id="csv" name="csv" rows="\(min(30, max(6, csv.split(separator: "\n").count + 2)))" spellcheck="false">\(csv)</textarea></p>
                    <p><button type="submit">Opnieuw inlezen</button></p>
                    </form>
                    <h2>Een ander bestand</h2>
                    \(Self.importFormulier(csrf))
                    """
            }
        }
    }
}
