import CalendarDate
import Foundation
import HTTPTypes
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// `/v1/vrijwilligers`: the steunpunt registers and maintains volunteers; kernteamleden read
/// them to find help. Every read and change of a volunteer record is audited.
struct VrijwilligersController {
    let vrijwilligers: VrijwilligerStore
    let referenties: ReferentieStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/vrijwilligers", use: list)
        router.post("/v1/vrijwilligers", use: create)
        router.post("/v1/vrijwilligers/import", use: importeer)
        router.get("/v1/vrijwilligers/{id}", use: show)
        router.put("/v1/vrijwilligers/{id}", use: update)
    }

    struct Pagina: ResponseEncodable {
        var items: [Vrijwilliger]
        var pagina: Int
        var paginaGrootte: Int
        var totaal: Int
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Pagina {
        let gebruiker = try context.require(.kernteamlid, .steunpunt)
        let query = request.uri.queryParameters
        var filter = VrijwilligerStore.Filter()
        var fouten: [Veldfout] = []
        filter.kern = query["kern"].map(String.init)
        filter.leefgebied = query["leefgebied"].map(String.init)
        filter.taak = query["taak"].map(String.init)
        if let status = query["status"] {
            filter.status = VrijwilligerStatus(rawValue: String(status))
            if filter.status == nil { fouten.append(.init(veld: "status", melding: "kies uit: actief, gepauzeerd, gestopt")) }
        }
        if let datum = query["vogVerlooptVoor"] {
            filter.vogVerlooptVoor = CalendarDate(iso: datum)
            if filter.vogVerlooptVoor == nil { fouten.append(.init(veld: "vogVerlooptVoor", melding: "geen datum (JJJJ-MM-DD)")) }
        }
        if let pagina = query["pagina"] {
            if let value = Int(pagina), value >= 1 { filter.pagina = value } else { fouten.append(.init(veld: "pagina", melding: "moet 1 of meer zijn")) }
        }
        if let grootte = query["paginaGrootte"] {
            if let value = Int(grootte), (1...200).contains(value) { filter.paginaGrootte = value } else {
                fouten.append(.init(veld: "paginaGrootte", melding: "moet tussen 1 en 200 liggen"))
            }
        }
        guard fouten.isEmpty else { throw Problem.invalid(fouten) }
        let pagina = try await vrijwilligers.list(filter, in: AccessScope(gebruiker), audit: audit(gebruiker, context, "vrijwilligers-lezen", nil))
        return Pagina(items: pagina.items, pagina: filter.pagina, paginaGrootte: filter.paginaGrootte, totaal: pagina.totaal)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid, .steunpunt)
        let id = try Self.id(context)
        guard let vrijwilliger = try await vrijwilligers.get(id, in: AccessScope(gebruiker), audit: audit(gebruiker, context, "vrijwilliger-lezen", id)) else {
            throw Problem.notFound("Er is geen vrijwilliger met dit id in uw gemeente.")
        }
        return try Self.response(vrijwilliger, status: .ok, request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let scope = AccessScope(gebruiker)
        let vrijwilliger = try await read(request, context: context, scope: scope)
        do {
            let stored = try await vrijwilligers.create(vrijwilliger, in: scope) { id in audit(gebruiker, context, "vrijwilliger-toevoegen", id) }
            var response = try Self.response(stored, status: .created, request: request, context: context)
            response.headers[.location] = "/v1/vrijwilligers/\(stored.id!.uuidString.lowercased())"
            return response
        } catch let error as PostgresError where error.isUniqueViolation {
            throw Problem(status: .conflict, detail: "Er is al een vrijwilliger met referentie '\(vrijwilliger.referentie)'.")
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.steunpunt)
        let scope = AccessScope(gebruiker)
        let id = try Self.id(context)
        guard let ifMatch = request.headers[.ifMatch] else {
            throw Problem(status: .preconditionRequired, detail: "Stuur de ETag van de versie die u wijzigt mee in If-Match.")
        }
        guard let versie = ETag.versie(ifMatch) else {
            throw Problem(status: .preconditionFailed, detail: "If-Match bevat geen geldige ETag.")
        }
        let vrijwilliger = try await read(request, context: context, scope: scope)
        let result: VrijwilligerStore.Wijziging
        do {
            result = try await vrijwilligers.update(id, to: vrijwilliger, versie: versie, in: scope, audit: audit(gebruiker, context, "vrijwilliger-wijzigen", id))
        } catch let error as PostgresError where error.isUniqueViolation {
            throw Problem(status: .conflict, detail: "Er is al een vrijwilliger met referentie '\(vrijwilliger.referentie)'.")
        }
        switch result {
        case .gewijzigd(let stored): return try Self.response(stored, status: .ok, request: request, context: context)
        case .nietGevonden: throw Problem.notFound("Er is geen vrijwilliger met dit id in uw gemeente.")
        case .verouderd(let current):
            throw Problem(status: .preconditionFailed,
                          detail: "Iemand anders heeft deze vrijwilliger intussen gewijzigd (nu versie \(current.versie ?? 0)). Haal hem opnieuw op en wijzig dan.",
                          headers: [.eTag: ETag.of(current.versie ?? 0)])
        }
    }

    struct Importresultaat: ResponseEncodable {
        var geimporteerd: Int
    }

    /// A CSV file (the steunpunt's spreadsheet), all rows or none.
    @Sendable func importeer(_ request: Request, context: AppRequestContext) async throws -> Importresultaat {
        let gebruiker = try context.require(.steunpunt)
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("text/csv") else {
            throw Problem(status: .unsupportedMediaType, detail: "Stuur het bestand als CSV (Content-Type: text/csv).")
        }
        let body = try await request.body.collect(upTo: 64 << 20)
        let scope = AccessScope(gebruiker)
        do {
            let count = try await VrijwilligerImport(store: vrijwilligers, referenties: referenties)
                .importeer(CSVImport.text(of: Data(buffer: body)), in: scope, door: audit(gebruiker, context, "vrijwilligers-importeren", nil))
            return Importresultaat(geimporteerd: count)
        } catch let fouten as Importfouten {
            var problem = Problem(status: .unprocessableContent, title: "Bestand niet ingelezen",
                                  detail: "Er is niets ingelezen: \(fouten.fouten.count) probleem/problemen in het bestand.")
            problem.fouten = fouten.fouten
            throw problem
        }
    }

    /// The volunteer in the request body, checked against the gemeente's codes; 400 lists every problem.
    private func read(_ request: Request, context: AppRequestContext, scope: AccessScope) async throws -> Vrijwilliger {
        let invoer = try await JSONInput.object(request, context: context)
        do {
            return try Vrijwilliger.lees(invoer, referenties: try await referenties.referenties(in: scope))
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
    }

    private func audit(_ gebruiker: Gebruiker, _ context: AppRequestContext, _ actie: String, _ id: UUID?) -> AuditRegel {
        AuditRegel(gebruiker: gebruiker.naam, rol: gebruiker.heeft(.steunpunt) ? .steunpunt : .kernteamlid, actie: actie,
                   objectType: "vrijwilliger", objectId: id?.uuidString.lowercased(), doel: "vrijwilligersbeheer en bemiddeling",
                   resultaat: .toegestaan, requestId: context.id)
    }

    static func id(_ context: AppRequestContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else {
            throw Problem.notFound("Er is geen vrijwilliger met dit id in uw gemeente.")
        }
        return id
    }

    static func response(_ vrijwilliger: Vrijwilliger, status: HTTPResponse.Status, request: Request, context: AppRequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(vrijwilliger, from: request, context: context)
        response.status = status
        response.headers[.eTag] = ETag.of(vrijwilliger.versie ?? 0)
        return response
    }
}

/// ETags are the record's version number: `"3"`.
enum ETag {
    static func of(_ versie: Int) -> String { "\"\(versie)\"" }

    static func versie(_ header: String) -> Int? {
        var text = header.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        guard text.count >= 3, text.hasPrefix("\""), text.hasSuffix("\"") else { return nil }
        return Int(text.dropFirst().dropLast())
    }
}

extension Vrijwilliger: ResponseEncodable {}
