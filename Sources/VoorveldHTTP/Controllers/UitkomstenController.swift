import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// Closing a hulpvraag with its outcome, and the nazorg answer. (The figures made from them:
/// `CijfersController`.)
struct UitkomstenController {
    let service: HulpvraagService

    init(pool: ConnectionPool) {
        service = HulpvraagService(pool: pool)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/uitkomsten", use: uitkomsten)
        router.put("/v1/hulpvragen/{id}/afsluiting", use: sluitAf)
        router.put("/v1/hulpvragen/{id}/nazorg", use: nazorg)
    }

    @Sendable func uitkomsten(_ request: Request, context: AppRequestContext) async throws -> Lijst<Uitkomst> {
        _ = try context.requireGebruiker()
        return Lijst(items: try await service.uitkomsten())
    }

    /// `{"uitkomst": code, "onderdelen": [...], "zrmScores": {...}, "afgeslotenOp": date, "nazorgOp": date}` with If-Match.
    @Sendable func sluitAf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try HulpvragenController.id(context)
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
        return try HulpvragenController.answer(result)
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
            result = try await service.legNazorgVast(id, opgelost: opgelost, versie: versie, voor: gebruiker, requestId: context.id)
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
        return try HulpvragenController.answer(result)
    }
}
