import Hummingbird
import Voorveld
import VoorveldStore

/// `/v1/leefgebieden`, `/v1/taken`, `/v1/uitkomsten` and `/v1/afbreekredenen`: the code lists
/// every role may read.
struct CodelijstenController {
    let referenties: ReferentieStore
    let hulpvragen: HulpvraagService
    let koppelingen: KoppelingService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/leefgebieden", use: leefgebieden)
        router.get("/v1/taken", use: taken)
        router.get("/v1/uitkomsten", use: uitkomsten)
        router.get("/v1/afbreekredenen", use: afbreekredenen)
    }

    @Sendable func leefgebieden(_ request: Request, context: AppRequestContext) async throws -> Lijst<Leefgebied> {
        _ = try context.requireGebruiker()
        return Lijst(items: try await referenties.leefgebieden())
    }

    @Sendable func taken(_ request: Request, context: AppRequestContext) async throws -> Lijst<Taak> {
        _ = try context.requireGebruiker()
        return Lijst(items: try await referenties.taken())
    }

    @Sendable func uitkomsten(_ request: Request, context: AppRequestContext) async throws -> Lijst<Uitkomst> {
        _ = try context.requireGebruiker()
        return Lijst(items: try await hulpvragen.uitkomsten())
    }

    @Sendable func afbreekredenen(_ request: Request, context: AppRequestContext) async throws -> Lijst<Afbreekreden> {
        _ = try context.requireGebruiker()
        return Lijst(items: try await koppelingen.afbreekredenen())
    }
}

extension Leefgebied: ResponseEncodable {}
extension Taak: ResponseEncodable {}
