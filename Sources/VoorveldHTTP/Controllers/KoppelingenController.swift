import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// Matching and koppelingen over HTTP, through `KoppelingService`: a kernteamlid sees who and
/// what can help and why (`/v1/hulpvragen/{id}/kandidaten`), proposes a koppeling and follows it
/// to completion or break-off; the steunpunt follows its volunteers' koppelingen.
struct KoppelingenController {
    let service: KoppelingService
    let idempotentie: IdempotentieStore

    init(pool: ConnectionPool, metrics: Metrics) {
        service = KoppelingService(pool: pool, metrics: metrics)
        idempotentie = IdempotentieStore(pool: pool)
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

    static let geenHulpvraag = KoppelingService.geenHulpvraag
    static let geenKoppeling = KoppelingService.geenKoppeling

    @Sendable func kandidaten(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Self.id(context, else: Self.geenHulpvraag)
        guard let (_, kandidaten) = try await service.zoek(id, voor: gebruiker, requestId: context.id, actie: "kandidaten-zoeken") else {
            throw Self.geenHulpvraag
        }
        return try Resource.json(kandidaten)
    }

    @Sendable func vanHulpvraag(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        var filter = KoppelingStore.Filter()
        filter.hulpvraag = try Self.id(context, else: Self.geenHulpvraag)
        var query = Zoekvraag(request)
        filter.status = query.keuze("status", KoppelingStatus.self).flatMap { KoppelingStore.Statusfilter(rawValue: $0.rawValue) }
        filter.paginering = query.paginering()
        try query.controleer()
        guard let pagina = try await service.lijst(filter, voor: gebruiker, requestId: context.id) else { throw Self.geenHulpvraag }
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
        return try await Resource.create(request, raw: raw, scope: scope, idempotentie: idempotentie, path: "/v1/koppelingen") { connection in
            guard
                let koppeling = try await service.stelVoor(
                    hulpvraag: hulpvraag,
                    helper: helper,
                    toelichting: toelichting,
                    voor: gebruiker,
                    requestId: context.id,
                    on: connection
                )
            else {
                throw Problem.notFound(
                    "De hulpvraag, of de \(vrijwilliger != nil ? "vrijwilliger" : "voorziening"), bestaat niet of is niet voor u zichtbaar."
                )
            }
            return koppeling
        } herlees: { id in
            try await service.lees(id, voor: gebruiker, requestId: context.id)
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
        let pagina = try await service.lijst(filter, voor: gebruiker, requestId: context.id)
        return try Resource.json(Paginaantwoord(pagina ?? Pagina(items: [], totaal: 0), filter.paginering))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid, .steunpunt)
        let id = try Self.id(context, else: Self.geenKoppeling)
        guard let weergave = try await service.weergave(id, voor: gebruiker, requestId: context.id) else { throw Self.geenKoppeling }
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
            let bekend = Set(try await service.afbreekredenen().map(\.code))
            if reden == nil {
                lezer.fout("reden", "is verplicht bij afbreken; zie /v1/afbreekredenen")
            } else if let reden, !bekend.contains(reden) {
                lezer.fout("reden", "onbekende reden '\(reden)'; zie /v1/afbreekredenen")
            }
        } else if reden != nil {
            lezer.fout("reden", "alleen bij afbreken")
        }
        guard lezer.fouten.isEmpty, let status else { throw Problem.invalid(lezer.fouten) }
        let result = try await service.zet(
            id,
            op: status,
            reden: reden,
            toelichting: toelichting,
            versie: versie,
            voor: gebruiker,
            requestId: context.id
        )
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
        return Lijst(items: try await service.afbreekredenen())
    }

    static func id(_ context: AppRequestContext, else problem: Problem) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw problem }
        return id
    }
}

extension Koppeling: Resourcerecord {}
