import Hummingbird
import Voorveld
import VoorveldStore

/// `/v1/leefgebieden` and `/v1/taken`: the code lists every role may read.
struct CodelijstenController {
    let referenties: ReferentieStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/leefgebieden", use: leefgebieden)
        router.get("/v1/taken", use: taken)
    }

    @Sendable func leefgebieden(_ request: Request, context: AppRequestContext) async throws -> Lijst<Leefgebied> {
        _ = try context.requireGebruiker()
        return Lijst(items: try await referenties.leefgebieden())
    }

    @Sendable func taken(_ request: Request, context: AppRequestContext) async throws -> Lijst<Taak> {
        _ = try context.requireGebruiker()
        return Lijst(items: try await referenties.taken())
    }
}

extension Leefgebied: ResponseEncodable {}
extension Taak: ResponseEncodable {}
