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
    let store: RegisterStore<Regel>
    let referenties: ReferentieStore
    let idempotentie: IdempotentieStore
    /// `/v1/vrijwilligers`
    let path: String
    let lezers: [Rol]
    let schrijvers: [Rol]
    /// Why the records are processed, for the audit log.
    let doel: String
    /// Reads of personal data are audited; of a voorziening they need not be.
    let leesAudit: Bool

    init(pool: ConnectionPool, lezers: [Rol], schrijvers: [Rol], doel: String, leesAudit: Bool) {
        store = RegisterStore(pool: pool)
        referenties = ReferentieStore(pool: pool)
        idempotentie = IdempotentieStore(pool: pool)
        path = "/v1/\(Regel.meervoud)"
        self.lezers = lezers
        self.schrijvers = schrijvers
        self.doel = doel
        self.leesAudit = leesAudit
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post(.init(path), use: create)
        router.post(.init("\(path)/import"), use: importeer)
        router.get(.init("\(path)/{id}"), use: show)
        router.put(.init("\(path)/{id}"), use: update)
    }

    var nietGevonden: Problem { Problem.notFound("Er is geen \(Regel.soort) met dit id in uw gemeente.") }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(lezers)
        let id = try id(context)
        let audit = leesAudit ? audit(gebruiker, context, "\(Regel.soort)-lezen", id) : nil
        guard let regel = try await store.get(id, in: AccessScope(gebruiker), audit: audit) else { throw nietGevonden }
        return try Resource.json(regel, versie: regel.versie)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(schrijvers)
        let scope = AccessScope(gebruiker)
        let (invoer, raw) = try await JSONInput.read(request, context: context)
        let regel = try await lees(invoer, scope: scope)
        do {
            return try await Resource.create(request, raw: raw, scope: scope, idempotentie: idempotentie, path: path) { connection in
                try await RegisterStore<Regel>.create(regel, on: connection) { id in audit(gebruiker, context, "\(Regel.soort)-toevoegen", id) }
            } herlees: { id in
                try await store.get(id, in: scope, audit: leesAudit ? audit(gebruiker, context, "\(Regel.soort)-lezen", id) : nil)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            throw conflict(regel)
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(schrijvers)
        let scope = AccessScope(gebruiker)
        let id = try id(context)
        let versie = try Resource.ifMatch(request)
        let regel = try await lees(try await JSONInput.object(request, context: context), scope: scope)
        let result: RegisterStore<Regel>.Wijziging
        do {
            result = try await store.update(id, to: regel, versie: versie, in: scope, audit: audit(gebruiker, context, "\(Regel.soort)-wijzigen", id))
        } catch let error as PostgresError where error.isUniqueViolation {
            throw conflict(regel)
        }
        switch result {
        case .gewijzigd(let stored): return try Resource.json(stored, versie: stored.versie)
        case .nietGevonden: throw nietGevonden
        case .verouderd(let current): throw Resource.stale(Regel.soort, current: current.versie)
        }
    }

    struct Importresultaat: ResponseEncodable {
        var geimporteerd: Int
    }

    /// A CSV file (the keeper's spreadsheet), all rows or none.
    @Sendable func importeer(_ request: Request, context: AppRequestContext) async throws -> Importresultaat {
        let gebruiker = try context.require(schrijvers)
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("text/csv") else {
            throw Problem(status: .unsupportedMediaType, detail: "Stuur het bestand als CSV (Content-Type: text/csv).")
        }
        let body = try await request.body.collect(upTo: 64 << 20)
        do {
            let count = try await store.importeer(
                CSVImport.text(of: Data(buffer: body)),
                in: AccessScope(gebruiker),
                door: audit(gebruiker, context, "\(Regel.meervoud)-importeren", nil)
            )
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
    private func lees(_ invoer: [String: RuweWaarde], scope: AccessScope) async throws -> Regel {
        do {
            return try Regel.lees(invoer, referenties: try await referenties.referenties(in: scope), negeer: Regel.afgeleideVelden)
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
    }

    private func conflict(_ regel: Regel) -> Problem {
        Problem(status: .conflict, detail: "Er is al een \(Regel.soort) met referentie '\(regel.referentie)'.")
    }

    func audit(_ gebruiker: Gebruiker, _ context: AppRequestContext, _ actie: String, _ id: UUID?) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker.naam,
            rol: (schrijvers + lezers).first(where: gebruiker.heeft),
            actie: actie,
            objectType: Regel.soort,
            objectId: id?.uuidString.lowercased(),
            doel: doel,
            resultaat: .toegestaan,
            requestId: context.id
        )
    }

    private func id(_ context: AppRequestContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw nietGevonden }
        return id
    }
}
