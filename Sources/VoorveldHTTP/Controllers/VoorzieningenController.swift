import CalendarDate
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// `/v1/voorzieningen`: the algemene voorzieningen of the gemeente. The steunpunt keeps them;
/// kernteamleden read them to find help; `/v1/voorzieningen/hsds` exports them for a sociale kaart.
struct VoorzieningenController {
    let voorzieningen: VoorzieningStore
    let referenties: ReferentieStore
    let register: RegisterService<Voorziening>
    let idempotentie: IdempotentieStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/voorzieningen", use: list)
        router.get("/v1/voorzieningen/hsds", use: hsds)
        RegisterController(service: register, idempotentie: idempotentie).addRoutes(to: router)
    }

    /// The filter of a list or export, from the query.
    private func filter(_ request: Request) throws -> VoorzieningStore.Filter {
        var query = Zoekvraag(request)
        var filter = VoorzieningStore.Filter()
        filter.kern = query.tekst("kern")
        filter.leefgebied = query.tekst("leefgebied")
        filter.taak = query.tekst("taak")
        filter.leeftijdsgroep = query.keuze("leeftijdsgroep", Leeftijdsgroep.self)
        filter.geverifieerdVoor = query.datum("geverifieerdVoor")
        filter.paginering = query.paginering()
        try query.controleer()
        return filter
    }

    /// A voorziening in a list, flagged when its record is stale (not verified for a year).
    struct Item: Encodable, Sendable {
        var voorziening: Voorziening
        var verouderd: Bool

        func encode(to encoder: any Encoder) throws {
            try voorziening.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(verouderd, forKey: .verouderd)
        }

        enum Keys: String, CodingKey { case verouderd }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(register.lezers)
        let filter = try filter(request)
        let pagina = try await voorzieningen.list(filter, in: AccessScope(gebruiker))
        let vandaag = CalendarDate.vandaag()
        let items = Pagina(items: pagina.items.map { Item(voorziening: $0, verouderd: $0.isVerouderd(vandaag: vandaag)) }, totaal: pagina.totaal)
        return try Resource.json(Paginaantwoord(items, filter.paginering))
    }

    @Sendable func hsds(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(register.lezers)
        let filter = try filter(request)
        let scope = AccessScope(gebruiker)
        let pagina = try await voorzieningen.list(filter, in: scope)
        let leefgebieden = Dictionary(try await referenties.leefgebieden().map { ($0.code, $0.naam) }, uniquingKeysWith: { first, _ in first })
        let taken = Dictionary(try await referenties.taken().map { ($0.code, $0.naam) }, uniquingKeysWith: { first, _ in first })
        let page = HSDS.page(pagina, filter.paginering, namen: try await voorzieningen.namen(in: scope), leefgebieden: leefgebieden, taken: taken)
        return try Resource.json(page)
    }
}
