import Foundation
import HTTPTypes
import Hummingbird
import Voorveld

/// An error answer in `application/problem+json` (RFC 9457), as the Dutch API Design Rules ask.
/// Titles and details are Dutch: they are shown to users.
public struct Problem: Error, Sendable, Encodable {
    public var type: String = "about:blank"
    public var title: String
    public var status: Int
    public var detail: String?
    public var instance: String?
    /// Which dependency failed, for health answers.
    public var checks: [String: String]?
    /// Every invalid field of the input.
    var invalidParams: [InvalidParam]?
    /// Every bad row of an imported file.
    public var fouten: [Importfout]?
    /// Extra response headers (`WWW-Authenticate`, `Retry-After`); not part of the body.
    public var headers: HTTPFields = [:]
    /// A 403 because of the user's role (`rolGeweigerd()`), not because of a form (CSRF): such a
    /// refusal is written to the audit log (`RefusalAuditMiddleware`). Not part of the body.
    var doorRol = false

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, checks, invalidParams, fouten
    }

    public init(status: HTTPResponse.Status, title: String? = nil, detail: String? = nil, checks: [String: String]? = nil, headers: HTTPFields = [:])
    {
        self.status = status.code
        self.title = title ?? Problem.defaultTitle(status)
        self.detail = detail
        self.checks = checks
        self.headers = headers
    }

    /// 401: the request has no valid credentials.
    static func unauthorized(_ detail: String = "Log in, of stuur een geldig token mee (Authorization: Bearer ...).") -> Problem {
        Problem(status: .unauthorized, detail: detail, headers: [.wwwAuthenticate: #"Bearer realm="voorveld""#])
    }

    /// 403: authenticated, but the role does not allow this.
    static func forbidden(_ detail: String = "Uw rol geeft geen toegang tot deze gegevens.") -> Problem {
        Problem(status: .forbidden, detail: detail)
    }

    /// 403 because of the user's role, as `require` refuses: audited as a refusal.
    static func rolGeweigerd() -> Problem {
        var problem = forbidden()
        problem.doorRol = true
        return problem
    }

    /// 404, also for records that exist but are outside the user's scope: their existence is not revealed.
    static func notFound(_ detail: String = "Er is niets op dit adres.") -> Problem {
        Problem(status: .notFound, detail: detail)
    }

    static func defaultTitle(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Ongeldig verzoek"
        case 401: "Niet ingelogd"
        case 403: "Geen toegang"
        case 404: "Niet gevonden"
        case 405: "Methode niet toegestaan"
        case 409: "Conflict"
        case 412: "Versie verouderd"
        case 413: "Verzoek te groot"
        case 415: "Niet-ondersteund formaat"
        case 422: "Ongeldige invoer"
        case 428: "Versie ontbreekt"
        case 429: "Te veel verzoeken"
        case 503: "Tijdelijk niet beschikbaar"
        default: status.code >= 500 ? "Interne fout" : status.reasonPhrase
        }
    }

    static let mediaType = "application/problem+json"

    func response(headers extra: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(self)) ?? Data(#"{"title":"Interne fout","status":500}"#.utf8)
        var headers: HTTPFields = [.contentType: Problem.mediaType]
        headers.append(contentsOf: self.headers)
        headers.append(contentsOf: extra)
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
