import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// `/v1/hulpvragen`: a kernteamlid registers a resident's hulpvraag and follows it up, through
/// `HulpvraagService`. Anyone but the kernteamleden of its own kernteam gets 404, as if it did
/// not exist.
struct HulpvragenController {
    let service: HulpvraagService
    let idempotentie: IdempotentieStore

    init(pool: ConnectionPool) {
        service = HulpvraagService(pool: pool)
        idempotentie = IdempotentieStore(pool: pool)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/hulpvragen", use: list)
        router.post("/v1/hulpvragen", use: create)
        router.get("/v1/hulpvragen/{id}", use: show)
        router.put("/v1/hulpvragen/{id}", use: update)
    }

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
