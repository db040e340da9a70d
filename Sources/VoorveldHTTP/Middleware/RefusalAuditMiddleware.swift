import Foundation
import HTTPTypes
import Hummingbird
import Voorveld
import VoorveldStore

/// Writes every refusal because of role (the 403 of `require`) of a personal record to the audit
/// log, in this one place, so that the gemeente can show who tried to open which record and not
/// only who opened one: resultaat `geweigerd`, with the object type and purpose the allowed reads
/// record, the record's id when the address names one, and the request id. It runs inside
/// authentication (it knows the user) and inside the ProblemMiddleware that answers the routes'
/// errors (it sees the refusal before it becomes an answer), so the API and the pages' "Geen
/// toegang" are audited alike. Refused changes are recorded too: an attempt to change a record
/// one may not see is worth as much attention as an attempt to read it.
struct RefusalAuditMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let audit: AuditStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem where problem.doorRol {
            if let gebruiker = context.gebruiker,
                let regel = Weigeringsaudit.regel(
                    request.method,
                    route: context.endpointPath,
                    id: context.parameters.get("id"),
                    gebruiker: gebruiker,
                    requestId: context.id
                )
            {
                // The same path as an allowed read's line: the user's own scope, against which
                // row-level security checks the line (own gemeente, own name).
                do {
                    try await audit.record(regel, in: AccessScope(gebruiker))
                } catch {
                    // The answer is a refusal either way; failing to write its line must not turn
                    // it into a 500. The log keeps the trace instead.
                    context.logger.error("could not audit a refusal", metadata: ["error": "\(error)", "route": "\(context.endpointPath ?? "")"])
                }
            }
            throw problem
        }
    }
}

/// What a refusal is recorded as, by the first segment of its route (after `/v1`). Public so that
/// a test can check that every route is classified: a new kind of record cannot be forgotten.
public enum Weigeringsaudit {
    /// A personal record: the object type and purpose as the allowed reads of it record them.
    struct Soort: Sendable {
        var objectType: String
        var doel: String
    }

    static let soorten: [String: Soort] = [
        "hulpvragen": Soort(objectType: "hulpvraag", doel: HulpvraagService.doel),
        "koppelingen": Soort(objectType: "koppeling", doel: KoppelingService.doel),
        "vrijwilligers": Soort(objectType: "vrijwilliger", doel: RegisterService<Vrijwilliger>.vrijwilligersDoel),
        "gebruikers": Soort(objectType: "gebruiker", doel: BeheerController.doel),
        "auditlog": Soort(objectType: "auditlog", doel: BeheerController.doel),
    ]

    /// The first segments of the routes of personal records, whose refusals are audited.
    public static var persoonlijk: Set<String> { Set(soorten.keys) }

    /// What holds no one's personal data: figures (aggregated, with disclosure control),
    /// voorzieningen (organisations), code lists and gebieden, and the service's own addresses.
    public static let geenPersoonsgegevens: Set<String> = [
        "", "inloggen", "uitloggen", "voorveld.css", "health", "metrics", "openapi.json", "ik",
        "cijfers", "uitkomsten", "voorzieningen", "kernen", "kernteams", "leefgebieden", "taken", "afbreekredenen",
    ]

    /// The first segment of a route after `/v1`: `hulpvragen` for `/v1/hulpvragen/{id}/kandidaten`
    /// and for the page `/hulpvragen/{id}`; empty for `/`.
    public static func soort(of route: String) -> String {
        let segments = route.split(separator: "/")
        return String((segments.first == "v1" ? segments.dropFirst().first : segments.first) ?? "")
    }

    /// The line for a refusal at `route`; nil when the route holds no personal record.
    static func regel(_ method: HTTPRequest.Method, route: String?, id: String?, gebruiker: Gebruiker, requestId: String) -> AuditRegel? {
        guard let route else { return nil }
        let meervoud = soort(of: route)
        guard let record = soorten[meervoud] else { return nil }
        // Only a real id: whatever else was typed in the address is not worth keeping.
        let objectId = id.flatMap(UUID.init(uuidString:))?.uuidString.lowercased()
        // As the allowed ones are named: `hulpvraag-lezen` for one, `hulpvragen-lezen` for a list.
        let actie = method == .get || method == .head ? "\(objectId == nil ? meervoud : record.objectType)-lezen" : "\(record.objectType)-wijzigen"
        return AuditRegel(
            gebruiker: gebruiker.naam,
            rol: gebruiker.rollen.sorted().first,
            actie: actie,
            objectType: record.objectType,
            objectId: objectId,
            doel: record.doel,
            resultaat: .geweigerd,
            requestId: requestId
        )
    }
}
