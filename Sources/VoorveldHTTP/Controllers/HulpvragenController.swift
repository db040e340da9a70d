import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// `/v1/hulpvragen`: a kernteamlid registers a resident's hulpvraag and follows it up. Only the
/// kernteamleden of the hulpvraag's own kernteam see it (row-level security); anyone else gets
/// 404, as if it did not exist. Every read and change is audited.
struct HulpvragenController {
    let hulpvragen: HulpvraagStore
    let referenties: ReferentieStore
    let idempotentie: IdempotentieStore

    init(pool: ConnectionPool) {
        hulpvragen = HulpvraagStore(pool: pool)
        referenties = ReferentieStore(pool: pool)
        idempotentie = IdempotentieStore(pool: pool)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/hulpvragen", use: list)
        router.post("/v1/hulpvragen", use: create)
        router.get("/v1/hulpvragen/{id}", use: show)
        router.put("/v1/hulpvragen/{id}", use: update)
    }

    static let nietGevonden = Problem.notFound("Er is geen hulpvraag met dit id in uw kernteams.")
    /// Why a hulpvraag is processed, for the audit log.
    static let doel = "ondersteuning van de inwoner"

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
        let pagina = try await hulpvragen.list(filter, in: AccessScope(gebruiker), audit: audit(gebruiker, context, "hulpvragen-lezen", nil))
        return try Resource.json(Paginaantwoord(pagina, filter.paginering))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Self.id(context)
        guard let hulpvraag = try await hulpvragen.get(id, in: AccessScope(gebruiker), audit: audit(gebruiker, context, "hulpvraag-lezen", id)) else {
            throw Self.nietGevonden
        }
        return try Resource.json(hulpvraag, versie: hulpvraag.versie)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let scope = AccessScope(gebruiker)
        let (invoer, raw) = try await JSONInput.read(request, context: context)
        let bekend = try await referenties.referenties(in: scope)
        let hulpvraag: Hulpvraag
        do {
            hulpvraag = try Hulpvraag.lees(invoer, door: gebruiker, referenties: bekend, vandaag: .vandaag())
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
        return try await Self.mapRules {
            try await Resource.create(request, raw: raw, scope: scope, idempotentie: idempotentie, path: "/v1/hulpvragen") { connection in
                try await HulpvraagStore.create(hulpvraag, on: connection) { id in audit(gebruiker, context, "hulpvraag-registreren", id) }
            } herlees: { id in
                try await hulpvragen.get(id, in: scope, audit: audit(gebruiker, context, "hulpvraag-lezen", id))
            }
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let scope = AccessScope(gebruiker)
        let id = try Self.id(context)
        let versie = try Resource.ifMatch(request)
        let invoer = try await JSONInput.object(request, context: context)
        let bekend = try await referenties.referenties(in: scope)
        let result = try await Self.mapRules {
            do {
                return try await hulpvragen.update(id, versie: versie, in: scope, audit: audit(gebruiker, context, "hulpvraag-wijzigen", id)) {
                    current in
                    try Hulpvraag.lees(invoer, door: gebruiker, referenties: bekend, vandaag: .vandaag(), bestaand: current)
                }
            } catch let fouten as Invoerfouten {
                throw Problem.invalid(fouten.fouten)
            }
        }
        switch result {
        case .gewijzigd(let stored): return try Resource.json(stored, versie: stored.versie)
        case .nietGevonden: throw Self.nietGevonden
        case .verouderd(let current): throw Resource.stale("hulpvraag", current: current.versie)
        }
    }

    /// The rules the database keeps, as field errors.
    static func mapRules<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError {
            switch error.constraint {
            case "hulpvragen_regisseur_in_kernteam", "hulpvragen_gemeente_regisseur_fkey":
                throw Problem.invalid([Veldfout(veld: "regisseur", melding: "is geen lid van het kernteam van deze hulpvraag")])
            case "hulpvragen_kern_van_kernteam":
                throw Problem.invalid([Veldfout(veld: "kern", melding: "hoort niet bij het kernteam van deze hulpvraag")])
            case "hulpvragen_veilig_thuis_naar_loket":
                throw Problem.invalid([
                    Veldfout(
                        veld: "veiligThuis",
                        melding: """
                            deze hulpvraag is afgesloten als opgelost met alleen het voorliggend veld of met een vrijwilliger; \
                            heropen hem om het Veilig Thuis-signaal vast te leggen
                            """
                    )
                ])
            case "hulpvragen_veilig_thuis_blijft":
                throw Problem.invalid([
                    Veldfout(veld: "veiligThuis", melding: "een Veilig Thuis-signaal blijft vastgelegd en kan niet worden ingetrokken")
                ])
            default:
                throw error
            }
        }
    }

    func audit(_ gebruiker: Gebruiker, _ context: AppRequestContext, _ actie: String, _ id: UUID?) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker.naam,
            rol: .kernteamlid,
            actie: actie,
            objectType: "hulpvraag",
            objectId: id?.uuidString.lowercased(),
            doel: Self.doel,
            resultaat: .toegestaan,
            requestId: context.id
        )
    }

    static func id(_ context: AppRequestContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw nietGevonden }
        return id
    }
}
