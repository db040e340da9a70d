import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// `/v1/vrijwilligers`: the steunpunt registers and maintains volunteers; kernteamleden read
/// them to find help. Every read and change of a volunteer record is audited.
struct VrijwilligersController {
    let vrijwilligers: VrijwilligerStore
    let register: RegisterService<Vrijwilliger>
    let idempotentie: IdempotentieStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/vrijwilligers", use: list)
        RegisterController(service: register, idempotentie: idempotentie).addRoutes(to: router)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(register.lezers)
        var query = Zoekvraag(request)
        var filter = VrijwilligerStore.Filter()
        filter.kern = query.tekst("kern")
        filter.leefgebied = query.tekst("leefgebied")
        filter.taak = query.tekst("taak")
        filter.status = query.keuze("status", VrijwilligerStatus.self)
        filter.vogVerlooptVoor = query.datum("vogVerlooptVoor")
        filter.paginering = query.paginering()
        try query.controleer()
        let pagina = try await vrijwilligers.list(
            filter,
            in: AccessScope(gebruiker),
            audit: register.audit(gebruiker, requestId: context.id, "vrijwilligers-lezen", nil)
        )
        return try Resource.json(Paginaantwoord(pagina, filter.paginering))
    }
}
