import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// Closing a hulpvraag with its outcome, and the nazorg answer. (The figures made from them:
/// `CijfersController`.)
struct UitkomstenController {
    let hulpvragen: HulpvraagStore

    init(pool: ConnectionPool) {
        hulpvragen = HulpvraagStore(pool: pool)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/uitkomsten", use: uitkomsten)
        router.put("/v1/hulpvragen/{id}/afsluiting", use: sluitAf)
        router.put("/v1/hulpvragen/{id}/nazorg", use: nazorg)
    }

    @Sendable func uitkomsten(_ request: Request, context: AppRequestContext) async throws -> Lijst<Uitkomst> {
        _ = try context.requireGebruiker()
        return Lijst(items: try await hulpvragen.uitkomsten())
    }

    /// `{"uitkomst": code, "onderdelen": [...], "zrmScores": {...}, "afgeslotenOp": date, "nazorgOp": date}` with If-Match.
    @Sendable func sluitAf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try HulpvragenController.id(context)
        let versie = try Resource.ifMatch(request)
        let invoer = try await JSONInput.object(request, context: context)
        let uitkomsten = try await hulpvragen.uitkomsten()
        let result: HulpvraagStore.Wijziging
        do {
            result = try await hulpvragen.sluitAf(
                id,
                versie: versie,
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, context, "hulpvraag-afsluiten", id)
            ) { current, nazorgDagen in
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
        let id = try HulpvragenController.id(context)
        let versie = try Resource.ifMatch(request)
        var lezer = Veldlezer(try await JSONInput.object(request, context: context))
        let opgelost = lezer.waarheid("opgelost", verplicht: true)
        lezer.onbekendeVelden()
        guard lezer.fouten.isEmpty, let opgelost else { throw Problem.invalid(lezer.fouten) }
        let result: HulpvraagStore.Wijziging
        do {
            result = try await hulpvragen.nazorg(
                id,
                opgelost: opgelost,
                op: .vandaag(),
                versie: versie,
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, context, "nazorg-vastleggen", id)
            )
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
        return try Self.answer(result)
    }

    static func answer(_ result: HulpvraagStore.Wijziging) throws -> Response {
        switch result {
        case .gewijzigd(let hulpvraag): return try Resource.json(hulpvraag, versie: hulpvraag.versie)
        case .nietGevonden: throw HulpvragenController.nietGevonden
        case .verouderd(let current): throw Resource.stale("hulpvraag", current: current.versie)
        }
    }

    func audit(_ gebruiker: Gebruiker, _ context: AppRequestContext, _ actie: String, _ id: UUID) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker.naam,
            rol: .kernteamlid,
            actie: actie,
            objectType: "hulpvraag",
            objectId: id.uuidString.lowercased(),
            doel: "ondersteuning van de inwoner",
            resultaat: .toegestaan,
            requestId: context.id
        )
    }
}
