import Foundation
import HTTPTypes
import Hummingbird
import Voorveld
import VoorveldStore

/// The beheerder's API: the gemeente's users and the audit log (JSON, or CSV with `Accept: text/csv`).
struct BeheerController {
    let users: UserStore
    let audit: AuditStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/gebruikers", use: gebruikers)
        router.get("/v1/auditlog", use: auditlog)
    }

    struct Gebruikers: ResponseEncodable {
        var items: [UserStore.Overzicht]
    }

    /// Why the beheerder reads users and the audit log, for the audit log.
    static let doel = "beheer"

    @Sendable func gebruikers(_ request: Request, context: AppRequestContext) async throws -> Gebruikers {
        // Anyone else is refused, and the refusal audited, by `require` (RefusalAuditMiddleware).
        let beheerder = try context.require(.beheerder)
        let items = try await users.list(in: AccessScope(beheerder))
        try await audit.record(regel(beheerder, context, actie: "gebruikers-lezen", objectType: "gebruiker"), in: AccessScope(beheerder))
        return Gebruikers(items: items)
    }

    @Sendable func auditlog(_ request: Request, context: AppRequestContext) async throws -> Response {
        let beheerder = try context.require(.beheerder)
        let query = request.uri.queryParameters
        var filter = AuditStore.Filter()
        filter.gebruiker = query["gebruiker"].map(String.init)
        filter.van = try query["van"].map { try Self.date(String($0), field: "van") }
        filter.tot = try query["tot"].map { try Self.date(String($0), field: "tot") }
        filter.voor = try query["voor"].map { value in
            guard let id = Int(value), id > 0 else { throw Problem(status: .badRequest, detail: "'voor' moet een positief getal zijn.") }
            return id
        }
        if let limiet = query["limiet"] {
            guard let value = Int(limiet), (1...1000).contains(value) else {
                throw Problem(status: .badRequest, detail: "'limiet' moet een getal van 1 tot en met 1000 zijn.")
            }
            filter.limiet = value
        }
        let scope = AccessScope(beheerder)
        let regels = try await audit.list(filter, in: scope)
        try await audit.record(regel(beheerder, context, actie: "auditlog-lezen", objectType: "auditlog"), in: scope)

        if request.headers[.accept]?.contains("text/csv") == true {
            return CSVExport.response(AuditCSV.render(regels), filename: "auditlog.csv")
        }
        return try AuditPage(items: regels, volgende: regels.count == filter.limiet ? regels.last?.id : nil)
            .response(from: request, context: context)
    }

    struct AuditPage: ResponseEncodable {
        var items: [AuditRegel]
        /// Pass as `voor` for the next (older) page; absent on the last page.
        var volgende: Int?
    }

    private func regel(_ beheerder: Gebruiker, _ context: AppRequestContext, actie: String, objectType: String) -> AuditRegel {
        AuditRegel(
            gebruiker: beheerder.naam,
            rol: .beheerder,
            actie: actie,
            objectType: objectType,
            objectId: nil,
            doel: Self.doel,
            resultaat: .toegestaan,
            requestId: context.id
        )
    }

    static func date(_ text: String, field: String) throws -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let day = try? Date(text + "T00:00:00Z", strategy: .iso8601) { return day }
        throw Problem(status: .badRequest, detail: "'\(field)' moet een datum zijn (JJJJ-MM-DD) of een tijdstip volgens ISO 8601.")
    }
}

extension AuditRegel: ResponseEncodable {}
extension UserStore.Overzicht: ResponseEncodable {}

/// The audit log as CSV, for export to a spreadsheet or an archive.
enum AuditCSV {
    static func render(_ regels: [AuditRegel]) -> String {
        let formatter = ISO8601DateFormatter()
        return CSVExport.render(
            header: ["id", "tijdstip", "gebruiker", "rol", "actie", "object_type", "object_id", "doel", "resultaat", "request_id"],
            rows: regels.map { regel in
                [
                    regel.id.map(String.init) ?? "", regel.tijdstip.map(formatter.string(from:)) ?? "", regel.gebruiker, regel.rol?.rawValue ?? "",
                    regel.actie, regel.objectType, regel.objectId ?? "", regel.doel, regel.resultaat.rawValue, regel.requestId ?? "",
                ]
            }
        )
    }
}

/// CSV as spreadsheets read it: RFC 4180, CRLF line ends.
enum CSVExport {
    /// - Parameter separator: `,`, or `;` for a file meant for spreadsheets set to Dutch, which
    ///   read a comma as the decimal separator (such a file starts with a byte-order mark, so it
    ///   opens as UTF-8).
    static func render(header: [String], rows: [[String]], separator: Character = ",") -> String {
        let text =
            ([header] + rows).map { $0.map { field($0, separator: separator) }.joined(separator: String(separator)) }
            .joined(separator: "\r\n") + "\r\n"
        return separator == ";" ? "\u{FEFF}" + text : text
    }

    /// RFC 4180 quoting, and a leading apostrophe for text a spreadsheet would run as a formula.
    static func field(_ text: String, separator: Character = ",") -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func response(_ text: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
