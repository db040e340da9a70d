import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// The kernteamlid's pages: the team's hulpvragen and the nazorg due this week, registering a
/// hulpvraag, and the hulpvraag page where candidates are found, koppelingen proposed and
/// followed, and the hulpvraag is closed. They check and store exactly what the API does.
struct HulpvraagPages {
    let pool: ConnectionPool
    let hulpvragen: HulpvraagStore
    let koppelingen: KoppelingStore
    let referenties: ReferentieStore
    let api: HulpvragenController
    let koppelingenAPI: KoppelingenController

    init(pool: ConnectionPool, metrics: Metrics) {
        self.pool = pool
        hulpvragen = HulpvraagStore(pool: pool)
        koppelingen = KoppelingStore(pool: pool)
        referenties = ReferentieStore(pool: pool)
        api = HulpvragenController(pool: pool)
        koppelingenAPI = KoppelingenController(pool: pool, metrics: metrics)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/hulpvragen", use: lijst)
        router.get("/hulpvragen/nieuw", use: nieuw)
        router.post("/hulpvragen", use: registreer)
        router.get("/hulpvragen/{id}", use: toon)
        router.post("/hulpvragen/{id}/koppelingen", use: stelVoor)
        router.post("/hulpvragen/{id}/afsluiting", use: sluitAf)
        router.post("/hulpvragen/{id}/nazorg", use: nazorg)
        router.post("/koppelingen/{id}/status", use: zetKoppeling)
    }

    static let nietGevonden = Problem.notFound("Er is geen hulpvraag op dit adres in uw kernteams.")
    static let lijsten: Set<String> = ["leefgebieden", "taken", "dagdelen"]

    // MARK: - The list

    @Sendable func lijst(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let scope = AccessScope(gebruiker)
        func waarde(_ naam: String) -> String? { Pages.query(request, naam) }
        var filter = HulpvraagStore.Filter()
        filter.status = waarde("status").flatMap(HulpvraagStatus.init(rawValue:))
        filter.kern = waarde("kern")
        filter.leefgebied = waarde("leefgebied")
        let paginanummer = Pages.paginanummer(request)
        filter.paginering = Paginering(pagina: paginanummer, paginaGrootte: Pages.paginaGrootte)
        let pagina = try await hulpvragen.list(filter, in: scope, audit: api.audit(gebruiker, context, "hulpvragen-lezen", nil))
        var nazorgFilter = HulpvraagStore.Filter()
        let vandaag = CalendarDate.vandaag()
        nazorgFilter.nazorgUiterlijk = CalendarDate(daysSince2000: vandaag.daysSince2000 + 6 - (vandaag.daysSince2000 + 5) % 7)
        nazorgFilter.paginering = Paginering(pagina: 1, paginaGrootte: 100)
        let nazorg = try await hulpvragen.list(nazorgFilter, in: scope, audit: api.audit(gebruiker, context, "hulpvragen-lezen", nil))
        let namen = try await Codenamen.laad(pool, in: scope)

        let formulier = Formulier([("status", filter.status?.rawValue ?? ""), ("kern", filter.kern ?? ""), ("leefgebied", filter.leefgebied ?? "")])
        let velden = Velden(formulier, optioneelMarkeren: false)
        func rij(_ h: Hulpvraag) -> [String] {
            let inwoner = HTML.escape(h.initialen) + (h.geboortejaar.map { " (\($0))" } ?? "")
            return [#"<a href="/hulpvragen/\#(h.id!.uuidString.lowercased())">\#(inwoner)</a>"#, Pages.datum(h.ontvangenOp),
                    HTML.escape(namen.kern(h.kern)), HTML.escape(h.leefgebieden.map(namen.leefgebied).joined(separator: ", ")),
                    HTML.escape(h.status.naam), HTML.escape(h.regisseur)]
        }
        let nazorgRijen = nazorg.items.map { h in
            [#"<a href="/hulpvragen/\#(h.id!.uuidString.lowercased())">\#(HTML.escape(h.initialen))</a>"#, Pages.datum(h.afsluiting?.nazorgOp),
             HTML.escape(namen.kern(h.kern)), HTML.escape(h.regisseur)]
        }
        let bladeren = Pages.bladeren("/hulpvragen", filters: [("status", filter.status?.rawValue), ("kern", filter.kern), ("leefgebied", filter.leefgebied)],
                                      pagina: paginanummer, getoond: pagina.items.count, totaal: pagina.totaal, soort: ("hulpvraag", "hulpvragen"))
        return try Pages.toon(request, context: context, gebruiker, titel: "Hulpvragen", huidig: "/hulpvragen") { _ in
            """
            <h1>Hulpvragen van uw \(gebruiker.kernteams.count == 1 ? "kernteam" : "kernteams")</h1>
            <p><a href="/hulpvragen/nieuw">Nieuwe hulpvraag registreren</a></p>
            <h2>Nazorg deze week</h2>
            <p>Afgesloten hulpvragen waarbij u deze week (of eerder) navraagt of de oplossing nog werkt.</p>
            \(Pages.tabel("Nazorg tot en met zondag", kop: ["Inwoner", "Nazorg op", "Kern", "Regisseur"], rijen: nazorgRijen,
                           leeg: "Deze week staat er geen nazorg gepland."))
            \(nazorg.totaal > nazorg.items.count ? "<p>En nog \(nazorg.totaal - nazorg.items.count) later in de lijst; de eerste \(nazorg.items.count) staan hierboven.</p>" : "")
            <h2>Alle hulpvragen</h2>
            <form class="filters" method="get" action="/hulpvragen">
            \(velden.keuze("status", "Status", opties: HulpvraagStatus.allCases.map { ($0.rawValue, $0.naam) }, leeg: "Alle"))
            \(velden.keuze("kern", "Kern", opties: namen.kernen(van: gebruiker).map { ($0.code, $0.naam) }, leeg: "Alle"))
            \(velden.keuze("leefgebied", "Leefgebied", opties: namen.leefgebiedOpties, leeg: "Alle"))
            <p><button type="submit">Filteren</button></p>
            </form>
            \(Pages.tabel("Hulpvragen, nieuwste eerst", kop: ["Inwoner", "Ontvangen", "Kern", "Leefgebieden", "Status", "Regisseur"],
                           rijen: pagina.items.map(rij), leeg: "Geen hulpvragen met deze filters."))
            \(bladeren)
            """
        }
    }

    // MARK: - Registering

    @Sendable func nieuw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let formulier = Formulier([("ontvangenOp", CalendarDate.vandaag().description)])
        return try await formulierPagina(request, context, gebruiker, Self.velden(formulier))
    }

    @Sendable func registreer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let scope = AccessScope(gebruiker)
        let formulier = try await Pages.formulier(request, context: context)
        // Consent is asked, never assumed: the page has no default answer.
        let toestemming = ["ja", "nee"].contains(formulier["toestemmingVrijwilliger"] ?? "") ? []
            : [Veldfout(veld: "toestemmingVrijwilliger", melding: "kies ja of nee")]
        let bekend = try await referenties.referenties(in: scope)
        do {
            var fouten = toestemming, hulpvraag: Hulpvraag?
            do {
                hulpvraag = try Hulpvraag.lees(formulier.invoer(lijsten: Self.lijsten), door: gebruiker, referenties: bekend, vandaag: .vandaag())
            } catch let gelezen as Invoerfouten {
                fouten = gelezen.fouten + fouten
            }
            guard fouten.isEmpty, let hulpvraag else { throw Invoerfouten(fouten) }
            let opgeslagen = try await HulpvragenController.mapRules {
                try await hulpvragen.create(hulpvraag, in: scope) { id in api.audit(gebruiker, context, "hulpvraag-registreren", id) }
            }
            return Pages.naar("/hulpvragen/\(opgeslagen.id!.uuidString.lowercased())", melding: "geregistreerd")
        } catch let fouten as Invoerfouten {
            return try await formulierPagina(request, context, gebruiker, Self.velden(formulier, fouten.fouten), status: .badRequest)
        } catch let problem as Problem where !problem.veldfouten.isEmpty {
            return try await formulierPagina(request, context, gebruiker, Self.velden(formulier, problem.veldfouten), status: .badRequest)
        }
    }

    /// The form's fields; errors can also name what the form derives (the kernteam from the kern).
    static func velden(_ formulier: Formulier, _ fouten: [Veldfout] = []) -> Velden {
        Velden(formulier, fouten: fouten, labels: ["kernteam": "Kernteam", "regisseur": "Regisseur", "status": "Status", "zrmScores": "ZRM-scores"])
    }

    func formulierPagina(_ request: Request, _ context: AppRequestContext, _ gebruiker: Gebruiker, _ velden: Velden,
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let namen = try await Codenamen.laad(pool, in: AccessScope(gebruiker))
        return try Pages.toon(request, context: context, gebruiker, titel: "Nieuwe hulpvraag", huidig: "/hulpvragen/nieuw", status: status) { csrf in
            let kernen = namen.kernen(van: gebruiker)
            let form = """
                <form method="post" action="/hulpvragen" novalidate>
                \(CSRF.hiddenField(csrf))
                <h2>De inwoner</h2>
                \(velden.tekst("initialen", "Initialen", hint: "Alleen de voorletters, bijvoorbeeld J.K.", verplicht: true, attributen: #" autocomplete="off""#))
                \(velden.tekst("geboortejaar", "Geboortejaar", type: "number", attributen: #" inputmode="numeric" min="1900""#))
                \(velden.tekst("dossierreferentie", "Dossierreferentie in het regiesysteem", hint: "Nooit een BSN.", attributen: #" autocomplete="off""#))
                \(velden.keuze("kern", "Kern", opties: kernen.map { ($0.code, $0.naam) }, leeg: kernen.count == 1 ? nil : "Kies een kern", verplicht: true))
                \(velden.keuze("kanaal", "Kanaal: hoe kwam de vraag binnen", opties: Kanaal.allCases.map { ($0.rawValue, $0.naam) }, verplicht: true))
                \(velden.tekst("ontvangenOp", "Ontvangen op", type: "date", verplicht: true))
                <h2>De vraag</h2>
                \(velden.vinkjes("leefgebieden", "Leefgebieden", opties: namen.leefgebiedOpties, hint: "Kies er minstens één."))
                \(velden.vinkjes("taken", "Taken (niet verplicht)", opties: namen.taakOpties))
                \(velden.dagdelen("dagdelen", "Dagdelen waarop hulp kan (niet verplicht)", hint: "Vink de dagdelen aan waarop de inwoner hulp kan krijgen."))
                \(velden.keuze("duur", "Duur van de hulp", opties: Inzetduur.allCases.map { ($0.rawValue, $0.naam) }, verplicht: true))
                \(velden.tekst("urenPerWeek", "Uren per week", type: "number", attributen: #" inputmode="numeric" min="1" max="40""#))
                \(velden.tekstvak("omschrijving", "Omschrijving", hint: "Wat speelt er, in een paar zinnen. Geen medische gegevens."))
                <h2>Afspraken</h2>
                \(velden.jaNee("toestemmingVrijwilliger", "Mag er een vrijwilliger worden ingezet?", ja: "Ja, de inwoner geeft toestemming", nee: "Nee",
                               hint: "Vraag het de inwoner; zonder toestemming stelt Voorveld geen vrijwilligers voor."))
                \(velden.vinkje("jeugd", "Het gaat vooral om een jongere onder de 18"))
                \(velden.vinkje("gezamenlijkHuisbezoek", "Er was een gezamenlijk huisbezoek met een consulent van het loket"))
                \(velden.vinkje("veiligThuis", "Er is een Veilig Thuis-signaal", hint: "De hulpvraag gaat dan direct naar het loket en krijgt nooit een vrijwilliger."))
                <p><button type="submit">Hulpvraag registreren</button></p>
                </form>
                """
            return "<h1>Nieuwe hulpvraag</h1>\n\(velden.samenvatting("De hulpvraag is nog niet geregistreerd"))\n\(form)"
        }
    }

    // MARK: - The hulpvraag page

    @Sendable func toon(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        return try await hulpvraagPagina(request, context, gebruiker, try Pages.id(context, Self.nietGevonden), melding: Pages.melding(request))
    }

    /// The hulpvraag with its koppelingen, candidates and closing; `fout` and `afsluiting` carry
    /// the problems of a form posted from it.
    func hulpvraagPagina(
        _ request: Request, _ context: AppRequestContext, _ gebruiker: Gebruiker, _ id: UUID, melding: String = "", fout: String? = nil,
        status: HTTPResponse.Status = .ok, afsluiting: Velden? = nil
    ) async throws -> Response {
        let scope = AccessScope(gebruiker)
        let vandaag = CalendarDate.vandaag()
        guard let (hulpvraag, gevonden) = try await koppelingenAPI.zoek(id, gebruiker, context, actie: "hulpvraag-lezen") else { throw Self.nietGevonden }
        let kandidaten = hulpvraag.status == .afgesloten ? nil : gevonden
        var filter = KoppelingStore.Filter()
        filter.hulpvraag = id
        filter.paginering = Paginering(pagina: 1, paginaGrootte: Paginering.maximaleGrootte)
        let lijst = try await koppelingen.list(filter, in: scope, audit: koppelingenAPI.audit(gebruiker, context, "koppelingen-lezen", "koppeling", nil))
        let namen = try await Codenamen.laad(pool, in: scope)
        let uitkomsten = try await hulpvragen.uitkomsten()
        let redenen = try await koppelingen.afbreekredenen()
        let afsluitVelden = afsluiting ?? Velden(Formulier([("afgeslotenOp", vandaag.description)]))
        return try Pages.toon(request, context: context, gebruiker, titel: "Hulpvraag", huidig: "/hulpvragen", status: status) { csrf in
            let weergave = HulpvraagWeergave(hulpvraag: hulpvraag, namen: namen, csrf: csrf)
            let alert = fout.map { #"<div role="alert" tabindex="-1" id="fouten"><h2>Dat lukte niet</h2><p>\#(HTML.escape($0))</p></div>"# } ?? ""
            return """
                <h1>Hulpvraag · \(HTML.escape(hulpvraag.status.naam))</h1>
                \(melding)\(alert)
                \(weergave.gegevens)
                <h2 id="koppelingen">Koppelingen</h2>
                \(weergave.koppelingen(lijst?.items ?? [], redenen: redenen))
                \(kandidaten.map(weergave.kandidaten) ?? "")
                \(hulpvraag.status == .afgesloten ? weergave.afgesloten(uitkomsten) : weergave.afsluitformulier(afsluitVelden, uitkomsten))
                """
        }
    }

    // MARK: - Actions on the hulpvraag page

    @Sendable func stelVoor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Pages.id(context, Self.nietGevonden)
        let formulier = try await Pages.formulier(request, context: context)
        let helper: KoppelingStore.Helper? = if let text = formulier["vrijwilliger"], let helperId = UUID(uuidString: text) {
            .vrijwilliger(helperId)
        } else if let text = formulier["voorziening"], let helperId = UUID(uuidString: text) {
            .voorziening(helperId)
        } else { nil }
        guard let helper else {
            return try await hulpvraagPagina(request, context, gebruiker, id, fout: "Kies een vrijwilliger of voorziening uit de kandidaten.", status: .badRequest)
        }
        do {
            let koppeling = try await koppelingenAPI.mapRules {
                try await koppelingen.create(hulpvraag: id, helper: helper, toelichting: "", in: AccessScope(gebruiker), door: gebruiker.naam) { koppelingId in
                    koppelingenAPI.audit(gebruiker, context, "koppeling-voorstellen", "koppeling", koppelingId)
                }
            }
            guard koppeling != nil else {
                return try await hulpvraagPagina(request, context, gebruiker, id, fout: "Deze kandidaat bestaat niet (meer). Kies een andere uit de lijst.",
                                                 status: .badRequest)
            }
            return Pages.naar("/hulpvragen/\(id.uuidString.lowercased())", melding: "voorgesteld")
        } catch let problem as Problem where problem.status == 409 {
            return try await hulpvraagPagina(request, context, gebruiker, id, fout: problem.detail, status: .conflict)
        }
    }

    @Sendable func zetKoppeling(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Pages.id(context, KoppelingenController.geenKoppeling)
        let formulier = try await Pages.formulier(request, context: context)
        let scope = AccessScope(gebruiker)
        guard let current = try await koppelingen.get(id, in: scope, audit: koppelingenAPI.audit(gebruiker, context, "koppeling-lezen", "koppeling", id))
        else { throw KoppelingenController.geenKoppeling }
        guard let status = formulier["status"].flatMap(KoppelingStatus.init(rawValue:)), let versie = formulier.versie else {
            return try await zonderVersie(request, context, gebruiker, current.hulpvraag)
        }
        let reden = formulier["reden"].flatMap { $0.isEmpty ? nil : $0 }
        if status == .afgebroken, !(try await koppelingen.afbreekredenen()).contains(where: { $0.code == reden }) {
            return try await hulpvraagPagina(request, context, gebruiker, current.hulpvraag, fout: "Kies waarom de koppeling met \(current.naam) wordt afgebroken.",
                                             status: .badRequest)
        }
        let result: KoppelingStore.Wijziging
        do {
            result = try await koppelingenAPI.mapRules {
                try await koppelingen.zet(id, op: status, reden: status == .afgebroken ? reden : nil, toelichting: nil, versie: versie, vandaag: .vandaag(),
                                          in: scope, audit: koppelingenAPI.audit(gebruiker, context, "koppeling-\(status.rawValue)", "koppeling", id))
            }
        } catch let problem as Problem where problem.status == 409 {
            return try await hulpvraagPagina(request, context, gebruiker, current.hulpvraag, fout: problem.detail, status: .conflict)
        }
        switch result {
        case .gewijzigd(let koppeling):
            return Pages.naar("/hulpvragen/\(koppeling.hulpvraag.uuidString.lowercased())", melding: "koppeling-gewijzigd")
        case .nietGevonden:
            throw KoppelingenController.geenKoppeling
        case .verouderd(let nu), .ongeldig(let nu):
            return try await hulpvraagPagina(request, context, gebruiker, nu.hulpvraag,
                                             fout: "De koppeling met \(nu.naam) is intussen gewijzigd (nu: \(nu.status.naam)). Hieronder staat de nieuwe stand.",
                                             status: .conflict)
        }
    }

    @Sendable func sluitAf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Pages.id(context, Self.nietGevonden)
        let formulier = try await Pages.formulier(request, context: context)
        guard let versie = formulier.versie else { return try await zonderVersie(request, context, gebruiker, id) }
        let uitkomsten = try await hulpvragen.uitkomsten()
        let result: HulpvraagStore.Wijziging
        do {
            result = try await hulpvragen.sluitAf(id, versie: versie, in: AccessScope(gebruiker), audit: api.audit(gebruiker, context, "hulpvraag-afsluiten", id)) { current, nazorgDagen in
                try Afsluiting.lees(formulier.invoer(lijsten: ["onderdelen"]), hulpvraag: current, uitkomsten: uitkomsten, vandaag: .vandaag(), nazorgNa: nazorgDagen)
            }
        } catch let fouten as Invoerfouten {
            return try await hulpvraagPagina(request, context, gebruiker, id, status: .badRequest,
                                             afsluiting: Velden(formulier, fouten: fouten.fouten, labels: ["koppelingen": "Koppelingen", "status": "Status"]))
        }
        return try await naWijziging(result, request, context, gebruiker, id, melding: "afgesloten")
    }

    @Sendable func nazorg(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Pages.id(context, Self.nietGevonden)
        let formulier = try await Pages.formulier(request, context: context)
        guard let versie = formulier.versie else { return try await zonderVersie(request, context, gebruiker, id) }
        guard let opgelost = ["ja": true, "nee": false][formulier["opgelost"] ?? ""] else {
            return try await hulpvraagPagina(request, context, gebruiker, id, fout: "Kies of de oplossing nog werkt: ja of nee.", status: .badRequest)
        }
        let result: HulpvraagStore.Wijziging
        do {
            result = try await hulpvragen.nazorg(id, opgelost: opgelost, op: .vandaag(), versie: versie, in: AccessScope(gebruiker),
                                                 audit: api.audit(gebruiker, context, "nazorg-vastleggen", id))
        } catch let fouten as Invoerfouten {
            return try await hulpvraagPagina(request, context, gebruiker, id, fout: fouten.fouten.map(\.melding).joined(separator: "; "), status: .badRequest)
        }
        return try await naWijziging(result, request, context, gebruiker, id, melding: "nazorg")
    }

    /// A form without the version it was made from (not one of these pages'): shown again.
    func zonderVersie(_ request: Request, _ context: AppRequestContext, _ gebruiker: Gebruiker, _ id: UUID) async throws -> Response {
        try await hulpvraagPagina(request, context, gebruiker, id, fout: "Het formulier was onvolledig. Probeer het opnieuw vanaf deze pagina.", status: .badRequest)
    }

    func naWijziging(_ result: HulpvraagStore.Wijziging, _ request: Request, _ context: AppRequestContext, _ gebruiker: Gebruiker, _ id: UUID,
                     melding: String) async throws -> Response {
        switch result {
        case .gewijzigd: return Pages.naar("/hulpvragen/\(id.uuidString.lowercased())", melding: melding)
        case .nietGevonden: throw Self.nietGevonden
        case .verouderd:
            return try await hulpvraagPagina(request, context, gebruiker, id,
                                             fout: "Iemand anders heeft deze hulpvraag intussen gewijzigd. Hieronder staat de nieuwe stand; probeer het opnieuw.",
                                             status: .conflict)
        }
    }
}
