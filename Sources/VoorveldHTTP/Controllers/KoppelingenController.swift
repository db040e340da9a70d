import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// Matching and koppelingen: a kernteamlid opens a hulpvraag, sees who and what can help and why
/// (`/v1/hulpvragen/{id}/kandidaten`), proposes a koppeling and follows it to completion or
/// break-off. The steunpunt follows its volunteers' koppelingen as `KoppelingVoorSteunpunt`: only
/// what the volunteer needs to know, never why one ended nor for which hulpvraag. Every step is
/// audited.
struct KoppelingenController {
    let koppelingen: KoppelingStore
    let idempotentie: IdempotentieStore
    let metrics: Metrics
    var matching = Matching()

    init(pool: ConnectionPool, metrics: Metrics) {
        koppelingen = KoppelingStore(pool: pool)
        idempotentie = IdempotentieStore(pool: pool)
        self.metrics = metrics
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/hulpvragen/{id}/kandidaten", use: kandidaten)
        router.get("/v1/hulpvragen/{id}/koppelingen", use: vanHulpvraag)
        router.post("/v1/hulpvragen/{id}/koppelingen", use: create)
        router.get("/v1/koppelingen", use: list)
        router.get("/v1/koppelingen/{id}", use: show)
        router.put("/v1/koppelingen/{id}/status", use: zetStatus)
        router.get("/v1/afbreekredenen", use: afbreekredenen)
    }

    static let geenHulpvraag = Problem.notFound("Er is geen hulpvraag met dit id in uw kernteams.")
    static let geenKoppeling = Problem.notFound("Er is geen koppeling met dit id die u mag zien.")
    /// Why koppelingen are processed, for the audit log.
    static let doel = "bemiddeling"

    @Sendable func kandidaten(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Self.id(context, else: Self.geenHulpvraag)
        guard let (_, kandidaten) = try await zoek(id, gebruiker, context, actie: "kandidaten-zoeken") else { throw Self.geenHulpvraag }
        return try Resource.json(kandidaten)
    }

    /// The hulpvraag and its ranked candidates, read and ranked in one go (timed for `/metrics`);
    /// nil when the user's kernteams do not have it.
    func zoek(_ id: UUID, _ gebruiker: Gebruiker, _ context: AppRequestContext, actie: String) async throws -> (Hulpvraag, Kandidaten)? {
        let start = ContinuousClock.now
        let vandaag = CalendarDate.vandaag()
        guard
            let gegevens = try await koppelingen.zoekgegevens(
                id,
                peildatum: vandaag,
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, context, actie, "hulpvraag", id)
            )
        else { return nil }
        let kandidaten = matching.kandidaten(
            voor: gegevens.hulpvraag,
            vrijwilligers: gegevens.vrijwilligers,
            voorzieningen: gegevens.voorzieningen,
            kernnaam: gegevens.kernnaam,
            namen: gegevens.namen,
            vandaag: vandaag
        )
        metrics.matching(ContinuousClock.now - start)
        return (gegevens.hulpvraag, kandidaten)
    }

    @Sendable func vanHulpvraag(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        var filter = KoppelingStore.Filter()
        filter.hulpvraag = try Self.id(context, else: Self.geenHulpvraag)
        var query = Zoekvraag(request)
        filter.status = query.keuze("status", KoppelingStatus.self).flatMap { KoppelingStore.Statusfilter(rawValue: $0.rawValue) }
        filter.paginering = query.paginering()
        try query.controleer()
        guard
            let pagina = try await koppelingen.list(
                filter,
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, context, "koppelingen-lezen", "koppeling", nil)
            )
        else { throw Self.geenHulpvraag }
        // The hulpvraag is the team's own (else nil above), and so is each of its koppelingen.
        let eigen = pagina.items.compactMap(\.kernteam)
        return try Resource.json(Paginaantwoord(Pagina(items: eigen, totaal: pagina.totaal), filter.paginering))
    }

    /// A proposal: `{"vrijwilliger": id}` or `{"voorziening": id}`, with an optional `toelichting`.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let hulpvraag = try Self.id(context, else: Self.geenHulpvraag)
        let scope = AccessScope(gebruiker)
        let (invoer, raw) = try await JSONInput.read(request, context: context)
        var lezer = Veldlezer(invoer)
        let vrijwilliger = lezer.tekst("vrijwilliger", maximaal: 36)
        let voorziening = lezer.tekst("voorziening", maximaal: 36)
        let toelichting = lezer.tekst("toelichting", maximaal: 1000) ?? ""
        var helper: KoppelingStore.Helper?
        switch (vrijwilliger, voorziening) {
        case (let text?, nil):
            if let id = UUID(uuidString: text) { helper = .vrijwilliger(id) } else { lezer.fout("vrijwilliger", "geen geldig id") }
        case (nil, let text?):
            if let id = UUID(uuidString: text) { helper = .voorziening(id) } else { lezer.fout("voorziening", "geen geldig id") }
        case (nil, nil): lezer.fout("vrijwilliger", "noem een vrijwilliger of een voorziening (id)")
        case (_?, _?): lezer.fout("voorziening", "kies een vrijwilliger of een voorziening, niet allebei")
        }
        lezer.onbekendeVelden()
        guard lezer.fouten.isEmpty, let helper else { throw Problem.invalid(lezer.fouten) }
        return try await mapRules {
            try await Resource.create(request, raw: raw, scope: scope, idempotentie: idempotentie, path: "/v1/koppelingen") { connection in
                guard
                    let koppeling = try await KoppelingStore.create(
                        hulpvraag: hulpvraag,
                        helper: helper,
                        toelichting: toelichting,
                        on: connection,
                        door: gebruiker.naam,
                        audit: { id in audit(gebruiker, context, "koppeling-voorstellen", "koppeling", id) }
                    )
                else {
                    throw Problem.notFound(
                        "De hulpvraag, of de \(vrijwilliger != nil ? "vrijwilliger" : "voorziening"), bestaat niet of is niet voor u zichtbaar."
                    )
                }
                return koppeling
            } herlees: { id in
                try await koppelingen.get(id, in: scope, audit: audit(gebruiker, context, "koppeling-lezen", "koppeling", id))
            }
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid, .steunpunt)
        var query = Zoekvraag(request)
        var filter = KoppelingStore.Filter()
        filter.vrijwilliger = query.id("vrijwilliger")
        filter.status = query.keuze("status", KoppelingStore.Statusfilter.self)
        filter.paginering = query.paginering()
        try query.controleer()
        let pagina = try await koppelingen.list(
            filter,
            in: AccessScope(gebruiker),
            audit: audit(gebruiker, context, "koppelingen-lezen", "koppeling", nil)
        )
        return try Resource.json(Paginaantwoord(pagina ?? Pagina(items: [], totaal: 0), filter.paginering))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid, .steunpunt)
        let id = try Self.id(context, else: Self.geenKoppeling)
        guard
            let weergave = try await koppelingen.weergave(
                id,
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, context, "koppeling-lezen", "koppeling", id)
            )
        else { throw Self.geenKoppeling }
        // The steunpunt changes no koppeling, so it gets no version to send back.
        return try Resource.json(weergave, versie: weergave.kernteam?.versie)
    }

    /// `{"status": "geaccepteerd" | "gestart" | "afgerond" | "afgebroken", "reden": code, "toelichting": text}`,
    /// with If-Match. A break-off needs a reason from `/v1/afbreekredenen`.
    @Sendable func zetStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Self.id(context, else: Self.geenKoppeling)
        let versie = try Resource.ifMatch(request)
        var lezer = Veldlezer(try await JSONInput.object(request, context: context))
        let status = lezer.keuze("status", KoppelingStatus.self, verplicht: true)
        let reden = lezer.tekst("reden", maximaal: 64)
        let toelichting = lezer.tekst("toelichting", maximaal: 1000)
        lezer.onbekendeVelden()
        if status == .afgebroken {
            let bekend = Set(try await koppelingen.afbreekredenen().map(\.code))
            if reden == nil {
                lezer.fout("reden", "is verplicht bij afbreken; zie /v1/afbreekredenen")
            } else if let reden, !bekend.contains(reden) {
                lezer.fout("reden", "onbekende reden '\(reden)'; zie /v1/afbreekredenen")
            }
        } else if reden != nil {
            lezer.fout("reden", "alleen bij afbreken")
        }
        guard lezer.fouten.isEmpty, let status else { throw Problem.invalid(lezer.fouten) }
        let result = try await mapRules {
            try await koppelingen.zet(
                id,
                op: status,
                reden: reden,
                toelichting: toelichting,
                versie: versie,
                vandaag: .vandaag(),
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, context, "koppeling-\(status.rawValue)", "koppeling", id)
            )
        }
        switch result {
        case .gewijzigd(let koppeling): return try Resource.json(koppeling, versie: koppeling.versie)
        case .nietGevonden: throw Self.geenKoppeling
        case .verouderd(let current): throw Resource.stale("koppeling", current: current.versie)
        case .ongeldig(let current):
            throw Problem(status: .conflict, detail: "Een koppeling die \(current.status.rawValue) is, kan niet \(status.rawValue) worden.")
        }
    }

    @Sendable func afbreekredenen(_ request: Request, context: AppRequestContext) async throws -> Lijst<Afbreekreden> {
        _ = try context.requireGebruiker()
        return Lijst(items: try await koppelingen.afbreekredenen())
    }

    /// The rules the database keeps, as answers a kernteamlid can act on; each refusal is counted.
    func mapRules<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError {
            let detail: String? =
                switch error.constraint {
                case "koppelingen_capaciteit": "Geen plek meer vrij: deze helper heeft al zoveel lopende koppelingen als de capaciteit toelaat."
                case "koppelingen_een_per_vrijwilliger", "koppelingen_een_per_voorziening": "Deze helper is al aan deze hulpvraag gekoppeld."
                case "koppelingen_toestemming": "De inwoner gaf geen toestemming voor een vrijwilliger."
                case "koppelingen_veilig_thuis":
                    "Een hulpvraag met een Veilig Thuis-signaal krijgt geen vrijwilliger; die is doorverwezen naar het loket."
                case "koppelingen_actief": "De vrijwilliger is niet actief (gepauzeerd of gestopt)."
                case "koppelingen_status_volgorde": "Deze stap kan niet vanuit de huidige status."
                case "koppelingen_afgesloten": "De hulpvraag is afgesloten; heropen hem eerst."
                case "koppelingen_vog": "Bij een jongere alleen een vrijwilliger met een geldige VOG."
                case "koppelingen_dagdelen": "De helper is niet beschikbaar of open op de dagdelen van de hulpvraag."
                case "koppelingen_inzet": "De vrijwilliger wil niet zo lang helpen als de hulpvraag vraagt."
                case "koppelingen_afwezig": "De vrijwilliger is afwezig in de komende twee weken."
                case "koppelingen_helpt_niet": "De helper helpt niet bij de leefgebieden of taken van deze hulpvraag."
                case "koppelingen_leeftijdsgroep": "De voorziening is niet voor de leeftijdsgroep van de inwoner."
                // Only this kernteam's own history (sql/definitions/04_koppelingen.sql): it says nothing of another team's hulpvragen.
                case "koppelingen_eerder_afgebroken": "Met deze vrijwilliger is eerder een koppeling met deze inwoner afgebroken."
                default: nil
                }
            guard let detail, let regel = error.constraint else { throw error }
            metrics.koppelingGeweigerd(regel)
            throw Problem(status: .conflict, detail: detail)
        }
    }

    func audit(_ gebruiker: Gebruiker, _ context: AppRequestContext, _ actie: String, _ objectType: String, _ id: UUID?) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker.naam,
            rol: gebruiker.heeft(.kernteamlid) ? .kernteamlid : .steunpunt,
            actie: actie,
            objectType: objectType,
            objectId: id?.uuidString.lowercased(),
            doel: Self.doel,
            resultaat: .toegestaan,
            requestId: context.id
        )
    }

    static func id(_ context: AppRequestContext, else problem: Problem) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw problem }
        return id
    }
}

extension Koppeling: Resourcerecord {}
