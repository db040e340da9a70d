import Foundation
import HTTPTypes
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// The endpoints a register kept as a spreadsheet has (volunteers, voorzieningen): add, read,
/// change with If-Match, and import a CSV file. The list, with its own filters, is the register's
/// own controller.
struct RegisterController<Regel: Registerregel & Resourcerecord> {
    let service: RegisterService<Regel>
    let idempotentie: IdempotentieStore
    /// `/v1/vrijwilligers`
    var path: String { "/v1/\(Regel.meervoud)" }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post(.init(path), use: create)
        router.post(.init("\(path)/import"), use: importeer)
        router.get(.init("\(path)/{id}"), use: show)
        router.put(.init("\(path)/{id}"), use: update)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(service.lezers)
        let id = try id(context)
        guard let regel = try await service.lees(id, voor: gebruiker, requestId: context.id) else { throw service.nietGevonden }
        return try Resource.json(regel, versie: regel.versie)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(service.schrijvers)
        let (invoer, raw) = try await JSONInput.read(request, context: context)
        let regel = try await lees(invoer, gebruiker)
        do {
            return try await Resource.create(request, raw: raw, scope: AccessScope(gebruiker), idempotentie: idempotentie, path: path) { connection in
                try await service.voegToe(regel, voor: gebruiker, requestId: context.id, on: connection)
            } herlees: { id in
                try await service.lees(id, voor: gebruiker, requestId: context.id)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw conflict(regel)
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(service.schrijvers)
        let id = try id(context)
        let versie = try Resource.ifMatch(request)
        let regel = try await lees(try await JSONInput.object(request, context: context), gebruiker)
        let result: RegisterStore<Regel>.Wijziging
        do {
            result = try await service.wijzig(id, naar: regel, versie: versie, voor: gebruiker, requestId: context.id)
        } catch let error as PostgresError where error.isUniqueViolation {
            throw conflict(regel)
        }
        switch result {
        case .gewijzigd(let stored): return try Resource.json(stored, versie: stored.versie)
        case .nietGevonden: throw service.nietGevonden
        case .verouderd(let current): throw Resource.stale(Regel.soort, current: current.versie)
        }
    }

    struct Importresultaat: ResponseEncodable {
        var geimporteerd: Int
    }

    /// A CSV file (the keeper's spreadsheet), all rows or none.
    @Sendable func importeer(_ request: Request, context: AppRequestContext) async throws -> Importresultaat {
        let gebruiker = try context.require(service.schrijvers)
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("text/csv") else {
            throw Problem(status: .unsupportedMediaType, detail: "Stuur het bestand als CSV (Content-Type: text/csv).")
        }
        let body = try await request.body.collect(upTo: 64 << 20)
        do {
            let count = try await service.importeer(CSVImport.text(of: Data(buffer: body)), voor: gebruiker, requestId: context.id)
            return Importresultaat(geimporteerd: count)
        } catch let fouten as Importfouten {
            var problem = Problem(
                status: .unprocessableContent,
                title: "Bestand niet ingelezen",
                detail: "Er is niets ingelezen: \(fouten.fouten.count) probleem/problemen in het bestand."
            )
            problem.fouten = fouten.fouten
            throw problem
        }
    }

    /// The record in the request body, checked against the gemeente's codes; 400 lists every problem.
    /// Fields the service sets (`id`, `versie`), as a GET returns them, may be sent back.
    private func lees(_ invoer: [String: RuweWaarde], _ gebruiker: Gebruiker) async throws -> Regel {
        do {
            return try Regel.lees(invoer, referenties: try await service.bekendeReferenties(voor: gebruiker), negeer: Regel.afgeleideVelden)
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
    }

    private func conflict(_ regel: Regel) -> Problem {
        Problem(status: .conflict, detail: "Er is al een \(Regel.soort) met referentie '\(regel.referentie)'.")
    }

    private func id(_ context: AppRequestContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw service.nietGevonden }
        return id
    }
}
