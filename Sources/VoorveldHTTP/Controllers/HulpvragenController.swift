import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// `/v1/hulpvragen` and everything under it: a kernteamlid registers a resident's hulpvraag
/// (intake), finds and proposes who and what can help (matching and koppelingen), and closes it
/// and follows it up (closing and nazorg), each through its feature service. Anyone but the
/// kernteamleden of its own kernteam gets 404, as if it did not exist.
struct HulpvragenController {
    let service: HulpvraagService
    let koppelingen: KoppelingService
    let idempotentie: IdempotentieStore

    func addRoutes(to router: Router<AppRequestContext>) {
        let hulpvragen = router.group("/v1/hulpvragen")
        hulpvragen.get(use: list)
        hulpvragen.post(use: create)
        hulpvragen.get("{id}", use: show)
        hulpvragen.put("{id}", use: update)
        hulpvragen.get("{id}/kandidaten", use: kandidaten)
        hulpvragen.get("{id}/koppelingen", use: koppelingenVanHulpvraag)
        hulpvragen.post("{id}/koppelingen", use: stelKoppelingVoor)
        hulpvragen.put("{id}/afsluiting", use: sluitAf)
        hulpvragen.put("{id}/nazorg", use: nazorg)
    }

    // MARK: - Intake

    static let nietGevonden = HulpvraagService.nietGevonden

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        var query = Zoekvraag(request)
        var filter = HulpvraagStore.Filter()
        filter.kernteam = query.tekst("kernteam")
        filter.kern = query.tekst("kern")
        filter.leefgebied = query.tekst("leefgebied")
        filter.status = query.keuze("status", HulpvraagStatus.self)
        filter.regisseur = query.tekst("regisseur")
        filter.paginering = query.paginering()
        try query.controleer()
        let pagina = try await service.lijst(filter, voor: gebruiker, requestId: context.id)
        return try Resource.json(Paginaantwoord(pagina, filter.paginering))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Self.id(context)
        guard let hulpvraag = try await service.lees(id, voor: gebruiker, requestId: context.id) else {
            throw Self.nietGevonden
        }
        return try Resource.json(hulpvraag, versie: hulpvraag.versie)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let (invoer, raw) = try await JSONInput.read(request, context: context)
        let bekend = try await service.bekendeReferenties(voor: gebruiker)
        let hulpvraag: Hulpvraag
        do {
            hulpvraag = try Hulpvraag.lees(invoer, door: gebruiker, referenties: bekend, vandaag: .vandaag())
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
        return try await Resource.create(request, raw: raw, scope: AccessScope(gebruiker), idempotentie: idempotentie, path: "/v1/hulpvragen") {
            connection in
            try await service.registreer(hulpvraag, voor: gebruiker, requestId: context.id, on: connection)
        } herlees: { id in
            try await service.lees(id, voor: gebruiker, requestId: context.id)
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Self.id(context)
        let versie = try Resource.ifMatch(request)
        let invoer = try await JSONInput.object(request, context: context)
        let bekend = try await service.bekendeReferenties(voor: gebruiker)
        let result: HulpvraagStore.Wijziging
        do {
            result = try await service.wijzig(id, versie: versie, voor: gebruiker, requestId: context.id) { current in
                try Hulpvraag.lees(invoer, door: gebruiker, referenties: bekend, vandaag: .vandaag(), bestaand: current)
            }
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
        return try Self.answer(result)
    }

    // MARK: - Matching and koppelingen

    @Sendable func kandidaten(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Self.id(context)
        guard let (_, kandidaten) = try await koppelingen.zoek(id, voor: gebruiker, requestId: context.id, actie: "kandidaten-zoeken") else {
            throw Self.nietGevonden
        }
        return try Resource.json(kandidaten)
    }

    @Sendable func koppelingenVanHulpvraag(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        var filter = KoppelingStore.Filter()
        filter.hulpvraag = try Self.id(context)
        var query = Zoekvraag(request)
        filter.status = query.keuze("status", KoppelingStatus.self).flatMap { KoppelingStore.Statusfilter(rawValue: $0.rawValue) }
        filter.paginering = query.paginering()
        try query.controleer()
        guard let pagina = try await koppelingen.lijst(filter, voor: gebruiker, requestId: context.id) else { throw Self.nietGevonden }
        // The hulpvraag is the team's own (else nil above), and so is each of its koppelingen.
        let eigen = pagina.items.compactMap(\.kernteam)
        return try Resource.json(Paginaantwoord(Pagina(items: eigen, totaal: pagina.totaal), filter.paginering))
    }

    /// A proposal: `{"vrijwilliger": id}` or `{"voorziening": id}`, with an optional `toelichting`.
    @Sendable func stelKoppelingVoor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let hulpvraag = try Self.id(context)
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
                let koppeling = try await koppelingen.stelVoor(
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
            try await koppelingen.lees(id, voor: gebruiker, requestId: context.id)
        }
    }

    // MARK: - Closing and nazorg

    /// `{"uitkomst": code, "onderdelen": [...], "zrmScores": {...}, "afgeslotenOp": date, "nazorgOp": date}` with If-Match.
    @Sendable func sluitAf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Self.id(context)
        let versie = try Resource.ifMatch(request)
        let invoer = try await JSONInput.object(request, context: context)
        let uitkomsten = try await service.uitkomsten()
        let result: HulpvraagStore.Wijziging
        do {
            result = try await service.sluitAf(id, versie: versie, voor: gebruiker, requestId: context.id) { current, nazorgDagen in
                try Afsluiting.lees(invoer, hulpvraag: current, uitkomsten: uitkomsten, vandaag: .vandaag(), nazorgNa: nazorgDagen)
            }
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
        return try Self.answer(result)
    }

    /// `{"opgelost": true}` with If-Match: the nazorg call's answer.
    @Sendable func nazorg(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Self.id(context)
        let versie = try Resource.ifMatch(request)
        var lezer = Veldlezer(try await JSONInput.object(request, context: context))
        let opgelost = lezer.waarheid("opgelost", verplicht: true)
        lezer.onbekendeVelden()
        guard lezer.fouten.isEmpty, let opgelost else { throw Problem.invalid(lezer.fouten) }
        let result: HulpvraagStore.Wijziging
        do {
            result = try await service.legNazorgVast(id, opgelost: opgelost, versie: versie, voor: gebruiker, requestId: context.id)
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
        return try Self.answer(result)
    }

    static func answer(_ result: HulpvraagStore.Wijziging) throws -> Response {
        switch result {
        case .gewijzigd(let stored): return try Resource.json(stored, versie: stored.versie)
        case .nietGevonden: throw nietGevonden
        case .verouderd(let current): throw Resource.stale("hulpvraag", current: current.versie)
        }
    }

    static func id(_ context: AppRequestContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw nietGevonden }
        return id
    }
}
