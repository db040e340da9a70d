import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// The kernteamlid's pages: the team's hulpvragen and the nazorg due this week, registering a
/// or editing (and reopening) a hulpvraag, and the hulpvraag page where candidates are found,
/// koppelingen proposed and followed, and the hulpvraag is closed. They check and store exactly what the API does.
struct HulpvraagPages {
    let pool: ConnectionPool
    let hulpvragen: HulpvraagService
    let koppelingen: KoppelingService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/hulpvragen", use: lijst)
        router.get("/hulpvragen/nieuw", use: nieuw)
        router.post("/hulpvragen", use: registreer)
        router.get("/hulpvragen/{id}", use: toon)
        router.get("/hulpvragen/{id}/wijzigen", use: bewerk)
        router.post("/hulpvragen/{id}", use: wijzig)
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
        filter.regisseur = waarde("regisseur")
        let paginanummer = Pages.paginanummer(request)
        filter.paginering = Paginering(pagina: paginanummer, paginaGrootte: Pages.paginaGrootte)
        let pagina = try await hulpvragen.lijst(filter, voor: gebruiker, requestId: context.id)
        var nazorgFilter = HulpvraagStore.Filter()
        let vandaag = CalendarDate.vandaag()
        nazorgFilter.nazorgUiterlijk = vandaag.plus(dagen: 6 - (vandaag.daysSince2000 + 5) % 7)
        nazorgFilter.paginering = Paginering(pagina: 1, paginaGrootte: 100)
        let nazorg = try await hulpvragen.lijst(nazorgFilter, voor: gebruiker, requestId: context.id)
        let namen = try await Codenamen.laad(pool, in: scope)

        let formulier = Formulier([
            ("status", filter.status?.rawValue ?? ""), ("kern", filter.kern ?? ""), ("leefgebied", filter.leefgebied ?? ""),
            ("regisseur", filter.regisseur ?? ""),
        ])
        let velden = Velden(formulier, optioneelMarkeren: false)
        func rij(_ h: Hulpvraag) -> [Markup] {
            let inwoner = h.initialen + (h.geboortejaar.map { " (\($0))" } ?? "")
            return [
                #"<a href="/hulpvragen/\#(h.id!.uuidString.lowercased())">\#(inwoner)</a>"#, "\(Pages.datum(h.ontvangenOp))",
                "\(namen.kern(h.kern))", "\(h.leefgebieden.map(namen.leefgebied).joined(separator: ", "))",
                "\(h.status.naam)", "\(namen.collega(h.regisseur))",
            ]
        }
        let nazorgRijen = nazorg.items.map { h -> [Markup] in
            [
                #"<a href="/hulpvragen/\#(h.id!.uuidString.lowercased())">\#(h.initialen)</a>"#, "\(Pages.datum(h.afsluiting?.nazorgOp))",
                "\(namen.kern(h.kern))", "\(namen.collega(h.regisseur))",
            ]
        }
        let bladeren = Pages.bladeren(
            "/hulpvragen",
            filters: [
                ("status", filter.status?.rawValue), ("kern", filter.kern), ("leefgebied", filter.leefgebied),
                ("regisseur", filter.regisseur),
            ],
            pagina: paginanummer,
            getoond: pagina.items.count,
            totaal: pagina.totaal,
            soort: ("hulpvraag", "hulpvragen")
        )
        return try Pages.toon(request, context: context, gebruiker, titel: "Hulpvragen", huidig: "/hulpvragen") { _ in
            """
            <h1>Hulpvragen van uw \(gebruiker.kernteams.count == 1 ? "kernteam" : "kernteams")</h1>
            <p><a href="/hulpvragen/nieuw">Nieuwe hulpvraag registreren</a></p>
            <h2>Nazorg deze week</h2>
            <p>Afgesloten hulpvragen waarbij u deze week (of eerder) navraagt of de oplossing nog werkt.</p>
            \(Pages.tabel("Nazorg tot en met zondag", kop: ["Inwoner", "Nazorg op", "Kern", "Regisseur"], rijen: nazorgRijen,
                           leeg: "Deze week staat er geen nazorg gepland."))
            \(nazorg.totaal > nazorg.items.count ? "<p>En nog \(nazorg.totaal - nazorg.items.count) later in de lijst; de eerste \(nazorg.items.count) staan hierboven.</p>" as Markup : .leeg)
            <h2>Alle hulpvragen</h2>
            <form class="filters" method="get" action="/hulpvragen">
            \(velden.keuze("status", "Status", opties: HulpvraagStatus.allCases.map { ($0.rawValue, $0.naam) }, leeg: "Alle"))
            \(velden.keuze("kern", "Kern", opties: namen.kernen(van: gebruiker).map { ($0.code, $0.naam) }, leeg: "Alle"))
            \(velden.keuze("leefgebied", "Leefgebied", opties: namen.leefgebiedOpties, leeg: "Alle"))
            \(velden.keuze("regisseur", "Regisseur", opties: namen.regisseurOpties(kernteam: nil, huidig: filter.regisseur).map { optie in
                (optie.code, optie.code == gebruiker.naam ? "Ik (\(optie.naam))" : optie.naam)
            }, leeg: "Iedereen"))
            <p><button type="submit">Filteren</button></p>
            </form>
            \(Pages.tabel("Hulpvragen, nieuwste eerst", kop: ["Inwoner", "Ontvangen", "Kern", "Leefgebieden", "Status", "Regisseur"],
                           rijen: pagina.items.map(rij), leeg: "Geen hulpvragen met deze filters."))
            \(bladeren)
            """
        }
    }

    // MARK: - Registering and editing

    @Sendable func nieuw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let formulier = Formulier([("ontvangenOp", CalendarDate.vandaag().description)])
        return try await formulierPagina(request, context, gebruiker, Self.velden(formulier))
    }

    @Sendable func bewerk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Pages.id(context, Self.nietGevonden)
        guard let hulpvraag = try await hulpvragen.lees(id, voor: gebruiker, requestId: context.id)
        else {
            throw Self.nietGevonden
        }
        let formulier = Self.formulier(hulpvraag)
        return try await formulierPagina(
            request,
            context,
            gebruiker,
            Self.velden(formulier),
            bestaand: hulpvraag,
            grondslag: Grondslag(versie: hulpvraag.versie!, formulier, velden: Self.formuliervelden)
        )
    }

    @Sendable func registreer(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await opslaan(request, context, id: nil)
    }

    @Sendable func wijzig(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await opslaan(request, context, id: try Pages.id(context, Self.nietGevonden))
    }

    /// Registers a hulpvraag (`id` nil) or changes one, which can also reopen it; problems come
    /// back next to their fields with what was typed.
    func opslaan(_ request: Request, _ context: AppRequestContext, id: UUID?) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        var formulier = try await Pages.formulier(request, context: context)
        let grondslag = Grondslag(geplaatst: formulier)
        if id != nil && grondslag == nil { throw Pages.onvolledig }
        let bekend = try await hulpvragen.bekendeReferenties(voor: gebruiker)
        // Consent is asked, never assumed: the page has no default answer. An edit names its
        // regisseur (left empty, the domain would keep the old one).
        var paginafouten =
            ["ja", "nee"].contains(formulier["toestemmingVrijwilliger"] ?? "")
            ? []
            : [Veldfout(veld: "toestemmingVrijwilliger", melding: "kies ja of nee")]
        if id != nil && (formulier["regisseur"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            paginafouten.insert(Veldfout(veld: "regisseur", melding: "is verplicht"), at: 0)
        }
        func lees(_ bestaand: Hulpvraag?) throws -> Hulpvraag {
            var fouten = paginafouten
            var hulpvraag: Hulpvraag?
            do {
                hulpvraag = try Hulpvraag.lees(
                    formulier.invoer(lijsten: Self.lijsten),
                    door: gebruiker,
                    referenties: bekend,
                    vandaag: .vandaag(),
                    bestaand: bestaand
                )
            } catch let gelezen as Invoerfouten {
                fouten = gelezen.fouten + fouten
            }
            guard fouten.isEmpty, var hulpvraag else { throw Invoerfouten(fouten) }
            // The form has no ZRM scores: those recorded through the API stay with their leefgebieden.
            if let bestaand {
                let leefgebieden = Set(hulpvraag.leefgebieden)
                hulpvraag.zrmScores = bestaand.zrmScores.filter { leefgebieden.contains($0.key) }
            }
            return hulpvraag
        }
        func opnieuw(
            _ fouten: [Veldfout],
            bestaand: Hulpvraag? = nil,
            grondslag: Grondslag? = grondslag,
            melding: Markup = .leeg,
            status: HTTPResponse.Status = .badRequest
        ) async throws -> Response {
            var bestaand = bestaand
            if let id, bestaand == nil {
                bestaand = try await hulpvragen.lees(id, voor: gebruiker, requestId: context.id)
                guard bestaand != nil else { throw Self.nietGevonden }
            }
            return try await formulierPagina(
                request,
                context,
                gebruiker,
                Self.velden(formulier, fouten),
                bestaand: bestaand,
                grondslag: grondslag,
                melding: melding,
                status: status
            )
        }
        do {
            guard let id, let grondslag else {
                let opgeslagen = try await hulpvragen.registreer(try lees(nil), voor: gebruiker, requestId: context.id)
                return Pages.naar("/hulpvragen/\(opgeslagen.id!.uuidString.lowercased())", melding: "geregistreerd")
            }
            let result = try await hulpvragen.wijzig(id, versie: grondslag.versie, voor: gebruiker, requestId: context.id, maak: lees)
            switch result {
            case .gewijzigd: return Pages.naar("/hulpvragen/\(id.uuidString.lowercased())", melding: "opgeslagen")
            case .nietGevonden: throw Self.nietGevonden
            case .verouderd:
                // Someone else saved first: what this user typed stays, now on top of the new
                // version (read again, so the reading is audited), and the fields the other person
                // changed are named. A status they changed is theirs: the choice made on the old
                // one (say, reopening) is not carried over.
                guard let nu = try await hulpvragen.lees(id, voor: gebruiker, requestId: context.id) else {
                    throw Self.nietGevonden
                }
                let stand = Self.formulier(nu)
                let gewijzigd = grondslag.gewijzigd(stand, velden: Self.formuliervelden)
                if gewijzigd?.contains("status") ?? true { formulier.zet("status", nu.status.rawValue) }
                return try await opnieuw(
                    [],
                    bestaand: nu,
                    grondslag: Grondslag(versie: nu.versie!, stand, velden: Self.formuliervelden),
                    melding: Grondslag.andermansWijziging("hulpvraag", gewijzigd: gewijzigd, labels: Self.labels),
                    status: .conflict
                )
            }
        } catch let fouten as Invoerfouten {
            return try await opnieuw(fouten.fouten)
        } catch let problem as Problem where !problem.veldfouten.isEmpty {
            return try await opnieuw(problem.veldfouten)
        }
    }

    /// The fields of the form, in its order.
    static let formuliervelden = [
        "initialen", "geboortejaar", "dossierreferentie", "regisseur", "kern", "kanaal", "ontvangenOp", "status", "leefgebieden", "taken", "dagdelen",
        "duur", "urenPerWeek", "omschrijving", "toestemmingVrijwilliger", "jeugd", "gezamenlijkHuisbezoek", "veiligThuis",
    ]

    /// A stored hulpvraag as the form's fields.
    static func formulier(_ h: Hulpvraag) -> Formulier {
        func ja(_ waarde: Bool) -> String { waarde ? "ja" : "" }
        var velden: [(String, String)] = [
            ("initialen", h.initialen), ("geboortejaar", h.geboortejaar.map(String.init) ?? ""), ("dossierreferentie", h.dossierreferentie ?? ""),
            ("regisseur", h.regisseur), ("kern", h.kern), ("kanaal", h.kanaal.rawValue), ("ontvangenOp", h.ontvangenOp.description),
            ("status", h.status.rawValue), ("duur", h.duur.rawValue), ("urenPerWeek", h.urenPerWeek.map(String.init) ?? ""),
            ("omschrijving", h.omschrijving), ("toestemmingVrijwilliger", h.toestemmingVrijwilliger ? "ja" : "nee"), ("jeugd", ja(h.jeugd)),
            ("gezamenlijkHuisbezoek", ja(h.gezamenlijkHuisbezoek)), ("veiligThuis", ja(h.veiligThuis)),
        ]
        velden += h.leefgebieden.map { ("leefgebieden", $0) } + h.taken.map { ("taken", $0) } + h.dagdelen.map { ("dagdelen", $0) }
        return Formulier(velden.filter { !$0.1.isEmpty })
    }

    /// The form's fields; errors can also name what the form derives (the kernteam from the kern).
    static func velden(_ formulier: Formulier, _ fouten: [Veldfout] = []) -> Velden {
        Velden(formulier, fouten: fouten, labels: labels)
    }

    static let labels = [
        "initialen": "Initialen", "geboortejaar": "Geboortejaar", "dossierreferentie": "Dossierreferentie", "regisseur": "Regisseur", "kern": "Kern",
        "kernteam": "Kernteam", "kanaal": "Kanaal", "ontvangenOp": "Ontvangen op", "status": "Status", "leefgebieden": "Leefgebieden",
        "taken": "Taken",
        "dagdelen": "Dagdelen", "duur": "Duur", "urenPerWeek": "Uren per week", "omschrijving": "Omschrijving",
        "toestemmingVrijwilliger": "Toestemming voor een vrijwilliger", "jeugd": "Jongere", "gezamenlijkHuisbezoek": "Gezamenlijk huisbezoek",
        "veiligThuis": "Veilig Thuis-signaal", "zrmScores": "ZRM-scores",
    ]

    /// The form for a new hulpvraag, or for changing `bestaand` (made from `grondslag`).
    func formulierPagina(
        _ request: Request,
        _ context: AppRequestContext,
        _ gebruiker: Gebruiker,
        _ velden: Velden,
        bestaand: Hulpvraag? = nil,
        grondslag: Grondslag? = nil,
        melding: Markup = .leeg,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let namen = try await Codenamen.laad(pool, in: AccessScope(gebruiker))
        let pad = bestaand.map { "/hulpvragen/\($0.id!.uuidString.lowercased())" }
        let titel = bestaand == nil ? "Nieuwe hulpvraag" : "Hulpvraag wijzigen"
        return try Pages.toon(
            request,
            context: context,
            gebruiker,
            titel: titel,
            huidig: bestaand == nil ? "/hulpvragen/nieuw" : "/hulpvragen",
            status: status
        ) { csrf in
            let kernen = namen.kernen(van: gebruiker)
            // The steps this page takes: starting work on a new one and reopening a closed one.
            // "Gekoppeld" and back follow from the koppelingen, and closing has its own form.
            let statussen: [HulpvraagStatus] =
                switch bestaand?.status {
                case .nieuw: [.nieuw, .inBehandeling]
                case .afgesloten: [.afgesloten, .inBehandeling]
                default: []
                }
            let statusveld =
                statussen.count < 2
                ? .leeg
                : velden.keuze(
                    "status",
                    "Status",
                    opties: statussen.map { ($0.rawValue, $0.naam) },
                    leeg: nil,
                    hint: bestaand?.status == .afgesloten
                        ? "Kies \u{201C}\(HulpvraagStatus.inBehandeling.naam)\u{201D} om de hulpvraag te heropenen; de uitkomst en de nazorg vervallen dan."
                        : nil
                )
            let veiligThuis: Markup =
                bestaand?.veiligThuis == true
                ? #"<input type="hidden" name="veiligThuis" value="ja"><p>Er is een Veilig Thuis-signaal; dat blijft vastgelegd.</p>"#
                : velden.vinkje(
                    "veiligThuis",
                    "Er is een Veilig Thuis-signaal",
                    hint: "De hulpvraag gaat dan direct naar het loket en krijgt nooit een vrijwilliger."
                )
            let annuleren = pad.map { pad -> Markup in #" <a href="\#(pad)">Annuleren</a>"# }
            let form: Markup = """
                <form method="post" action="\(pad ?? "/hulpvragen")" novalidate>
                \(CSRF.hiddenField(csrf))\(grondslag?.verborgenVelden)
                <h2>De inwoner</h2>
                \(velden.tekst("initialen", "Initialen", hint: "Alleen de voorletters, bijvoorbeeld J.K.", verplicht: true, attributen: #" autocomplete="off""#))
                \(velden.tekst("geboortejaar", "Geboortejaar", type: "number", attributen: #" inputmode="numeric" min="1900""#))
                \(velden.tekst("dossierreferentie", "Dossierreferentie in het regiesysteem", hint: "Nooit een BSN.", attributen: #" autocomplete="off""#))
                \(velden.keuze("kern", "Kern", opties: kernen.map { ($0.code, $0.naam) }, leeg: kernen.count == 1 ? nil : "Kies een kern", verplicht: true))
                \(velden.keuze("kanaal", "Kanaal: hoe kwam de vraag binnen", opties: Kanaal.allCases.map { ($0.rawValue, $0.naam) }, verplicht: true))
                \(velden.tekst("ontvangenOp", "Ontvangen op", type: "date", verplicht: true))
                \(bestaand == nil ? .leeg : velden.keuze("regisseur", "Regisseur", opties: namen.regisseurOpties(kernteam: nil, huidig: bestaand?.regisseur),
                                                      leeg: nil, hint: "Het kernteamlid dat de hulpvraag regisseert: één plan, één regisseur.", verplicht: true))
                \(statusveld)
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
                \(veiligThuis)
                <p><button type="submit">\(bestaand == nil ? "Hulpvraag registreren" : "Wijzigingen opslaan")</button>\(annuleren)</p>
                </form>
                """
            let samenvatting = velden.samenvatting(
                bestaand == nil ? "De hulpvraag is nog niet geregistreerd" : "De wijzigingen zijn nog niet opgeslagen"
            )
            return "<h1>\(titel)</h1>\n\(melding)\(samenvatting)\n\(form)"
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
        _ request: Request,
        _ context: AppRequestContext,
        _ gebruiker: Gebruiker,
        _ id: UUID,
        melding: Markup = .leeg,
        fout: String? = nil,
        status: HTTPResponse.Status = .ok,
        afsluiting: Velden? = nil
    ) async throws -> Response {
        let scope = AccessScope(gebruiker)
        let vandaag = CalendarDate.vandaag()
        guard let (hulpvraag, gevonden) = try await koppelingen.zoek(id, voor: gebruiker, requestId: context.id, actie: "hulpvraag-lezen") else {
            throw Self.nietGevonden
        }
        let kandidaten = hulpvraag.status == .afgesloten ? nil : gevonden
        var filter = KoppelingStore.Filter()
        filter.hulpvraag = id
        filter.paginering = Paginering(pagina: 1, paginaGrootte: Paginering.maximaleGrootte)
        let lijst = try await koppelingen.lijst(filter, voor: gebruiker, requestId: context.id)
        // The hulpvraag is the team's own, so is each of its koppelingen: whole.
        let eigen = lijst?.items.compactMap(\.kernteam) ?? []
        let namen = try await Codenamen.laad(pool, in: scope)
        let uitkomsten = try await hulpvragen.uitkomsten()
        let redenen = try await koppelingen.afbreekredenen()
        let afsluitVelden = afsluiting ?? Velden(Formulier([("afgeslotenOp", vandaag.description)]))
        return try Pages.toon(request, context: context, gebruiker, titel: "Hulpvraag", huidig: "/hulpvragen", status: status) { csrf in
            let weergave = HulpvraagWeergave(hulpvraag: hulpvraag, namen: namen, csrf: csrf)
            let alert = fout.map { fout -> Markup in #"<div role="alert" tabindex="-1" id="fouten"><h2>Dat lukte niet</h2><p>\#(fout)</p></div>"# }
            return """
                <h1>Hulpvraag · \(hulpvraag.status.naam)</h1>
                \(melding)\(alert)
                \(weergave.gegevens)
                <p><a href="/hulpvragen/\(id.uuidString.lowercased())/wijzigen">\(hulpvraag.status == .afgesloten ? "Gegevens wijzigen of hulpvraag heropenen" : "Gegevens wijzigen")</a></p>
                <h2 id="koppelingen">Koppelingen</h2>
                \(weergave.koppelingen(eigen, redenen: redenen))
                \(kandidaten.map(weergave.kandidaten))
                \(hulpvraag.status == .afgesloten ? weergave.afgesloten(uitkomsten) : weergave.afsluitformulier(afsluitVelden, uitkomsten))
                """
        }
    }

    // MARK: - Actions on the hulpvraag page

    @Sendable func stelVoor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Pages.id(context, Self.nietGevonden)
        let formulier = try await Pages.formulier(request, context: context)
        let helper: KoppelingStore.Helper? =
            if let text = formulier["vrijwilliger"], let helperId = UUID(uuidString: text) {
                .vrijwilliger(helperId)
            } else if let text = formulier["voorziening"], let helperId = UUID(uuidString: text) {
                .voorziening(helperId)
            } else { nil }
        guard let helper else {
            return try await hulpvraagPagina(
                request,
                context,
                gebruiker,
                id,
                fout: "Kies een vrijwilliger of voorziening uit de kandidaten.",
                status: .badRequest
            )
        }
        do {
            let koppeling = try await koppelingen.stelVoor(hulpvraag: id, helper: helper, toelichting: "", voor: gebruiker, requestId: context.id)
            guard koppeling != nil else {
                return try await hulpvraagPagina(
                    request,
                    context,
                    gebruiker,
                    id,
                    fout: "Deze kandidaat bestaat niet (meer). Kies een andere uit de lijst.",
                    status: .badRequest
                )
            }
            return Pages.naar("/hulpvragen/\(id.uuidString.lowercased())", melding: "voorgesteld")
        } catch let problem as Problem where problem.status == 409 {
            return try await hulpvraagPagina(request, context, gebruiker, id, fout: problem.detail, status: .conflict)
        }
    }

    @Sendable func zetKoppeling(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Pages.id(context, KoppelingService.geenKoppeling)
        let formulier = try await Pages.formulier(request, context: context)
        guard let current = try await koppelingen.lees(id, voor: gebruiker, requestId: context.id) else { throw KoppelingService.geenKoppeling }
        guard let status = formulier["status"].flatMap(KoppelingStatus.init(rawValue:)), let versie = formulier.versie else {
            return try await zonderVersie(request, context, gebruiker, current.hulpvraag)
        }
        let reden = formulier["reden"].flatMap { $0.isEmpty ? nil : $0 }
        let toelichting = formulier["toelichting"].map(Tekstsoort.opgeslagen).flatMap { $0.isEmpty ? nil : $0 }
        // The same rule as the API's toelichting (Veldlezer.tekst): this form reads its fields itself.
        if let toelichting, let melding = Tekstsoort.vrijeTekst.fout(in: toelichting) {
            return try await hulpvraagPagina(request, context, gebruiker, current.hulpvraag, fout: "De toelichting \(melding).", status: .badRequest)
        }
        if let toelichting, toelichting.unicodeScalars.count > 1000 {
            return try await hulpvraagPagina(
                request,
                context,
                gebruiker,
                current.hulpvraag,
                fout: "De toelichting is te lang: hoogstens 1000 tekens.",
                status: .badRequest
            )
        }
        if status == .afgebroken, !(try await koppelingen.afbreekredenen()).contains(where: { $0.code == reden }) {
            return try await hulpvraagPagina(
                request,
                context,
                gebruiker,
                current.hulpvraag,
                fout: "Kies waarom de koppeling met \(current.naam) wordt afgebroken.",
                status: .badRequest
            )
        }
        let result: KoppelingStore.Wijziging
        do {
            result = try await koppelingen.zet(
                id,
                op: status,
                reden: status == .afgebroken ? reden : nil,
                toelichting: toelichting,
                versie: versie,
                voor: gebruiker,
                requestId: context.id
            )
        } catch let problem as Problem where problem.status == 409 {
            return try await hulpvraagPagina(request, context, gebruiker, current.hulpvraag, fout: problem.detail, status: .conflict)
        }
        switch result {
        case .gewijzigd(let koppeling):
            return Pages.naar("/hulpvragen/\(koppeling.hulpvraag.uuidString.lowercased())", melding: "koppeling-gewijzigd")
        case .nietGevonden:
            throw KoppelingService.geenKoppeling
        case .verouderd(let nu), .ongeldig(let nu):
            return try await hulpvraagPagina(
                request,
                context,
                gebruiker,
                nu.hulpvraag,
                fout: "De koppeling met \(nu.naam) is intussen gewijzigd (nu: \(nu.status.naam)). Hieronder staat de nieuwe stand.",
                status: .conflict
            )
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
            result = try await hulpvragen.sluitAf(id, versie: versie, voor: gebruiker, requestId: context.id) { current, nazorgDagen in
                try Afsluiting.lees(
                    formulier.invoer(lijsten: ["onderdelen"]),
                    hulpvraag: current,
                    uitkomsten: uitkomsten,
                    vandaag: .vandaag(),
                    nazorgNa: nazorgDagen
                )
            }
        } catch let fouten as Invoerfouten {
            return try await hulpvraagPagina(
                request,
                context,
                gebruiker,
                id,
                status: .badRequest,
                afsluiting: Velden(formulier, fouten: fouten.fouten, labels: ["koppelingen": "Koppelingen", "status": "Status"])
            )
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
            result = try await hulpvragen.legNazorgVast(id, opgelost: opgelost, versie: versie, voor: gebruiker, requestId: context.id)
        } catch let fouten as Invoerfouten {
            return try await hulpvraagPagina(
                request,
                context,
                gebruiker,
                id,
                fout: fouten.fouten.map(\.melding).joined(separator: "; "),
                status: .badRequest
            )
        }
        return try await naWijziging(result, request, context, gebruiker, id, melding: "nazorg")
    }

    /// A form without the version it was made from (not one of these pages'): shown again.
    func zonderVersie(_ request: Request, _ context: AppRequestContext, _ gebruiker: Gebruiker, _ id: UUID) async throws -> Response {
        try await hulpvraagPagina(
            request,
            context,
            gebruiker,
            id,
            fout: "Het formulier was onvolledig. Probeer het opnieuw vanaf deze pagina.",
            status: .badRequest
        )
    }

    func naWijziging(
        _ result: HulpvraagStore.Wijziging,
        _ request: Request,
        _ context: AppRequestContext,
        _ gebruiker: Gebruiker,
        _ id: UUID,
        melding: String
    ) async throws -> Response {
        switch result {
        case .gewijzigd: return Pages.naar("/hulpvragen/\(id.uuidString.lowercased())", melding: melding)
        case .nietGevonden: throw Self.nietGevonden
        case .verouderd:
            return try await hulpvraagPagina(
                request,
                context,
                gebruiker,
                id,
                fout: "Iemand anders heeft deze hulpvraag intussen gewijzigd. Hieronder staat de nieuwe stand; probeer het opnieuw.",
                status: .conflict
            )
        }
    }
}
