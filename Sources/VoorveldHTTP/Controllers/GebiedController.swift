import Hummingbird
import Voorveld
import VoorveldStore

/// `/v1/kernen` and `/v1/kernteams`: the caller's gemeente's area. Every role may read it; it
/// holds no personal data.
struct GebiedController {
    let gebieden: GebiedStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/kernen", use: kernen)
        router.get("/v1/kernteams", use: kernteams)
        router.get("/v1/kernteams/{code}", use: kernteam)
    }

    @Sendable func kernen(_ request: Request, context: AppRequestContext) async throws -> Lijst<Kern> {
        let gebruiker = try context.requireGebruiker()
        return Lijst(items: try await gebieden.kernen(in: AccessScope(gebruiker)))
    }

    @Sendable func kernteams(_ request: Request, context: AppRequestContext) async throws -> Lijst<Kernteam> {
        let gebruiker = try context.requireGebruiker()
        return Lijst(items: try await gebieden.kernteams(in: AccessScope(gebruiker)))
    }

    @Sendable func kernteam(_ request: Request, context: AppRequestContext) async throws -> Kernteam {
        let gebruiker = try context.requireGebruiker()
        let code = try context.parameters.require("code")
        guard let kernteam = try await gebieden.kernteam(code, in: AccessScope(gebruiker)) else {
            throw Problem.notFound("Er is geen kernteam '\(code)' in uw gemeente.")
        }
        return kernteam
    }
}

extension Kern: ResponseEncodable {}
extension Kernteam: ResponseEncodable {}
