import Hummingbird
import Voorveld

/// `/v1/ik`: who the caller is, with their gemeente, roles and kernteams.
struct IkController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/ik", use: ik)
    }

    struct Ik: ResponseEncodable {
        var naam: String
        var weergavenaam: String
        var gemeente: String
        var rollen: [Rol]
        var kernteams: [String]
    }

    @Sendable func ik(_ request: Request, context: AppRequestContext) async throws -> Ik {
        let gebruiker = try context.requireGebruiker()
        return Ik(
            naam: gebruiker.naam,
            weergavenaam: gebruiker.weergavenaam,
            gemeente: gebruiker.gemeente,
            rollen: gebruiker.rollen.sorted(),
            kernteams: gebruiker.kernteams.sorted()
        )
    }
}
