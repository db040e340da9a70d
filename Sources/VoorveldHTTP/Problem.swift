import Foundation
import HTTPTypes
import Hummingbird

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

    public init(status: HTTPResponse.Status, title: String? = nil, detail: String? = nil, checks: [String: String]? = nil) {
        self.status = status.code
        self.title = title ?? Problem.defaultTitle(status)
        self.detail = detail
        self.checks = checks
    }

    static func defaultTitle(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Ongeldig verzoek"
        case 401: "Niet ingelogd"
        case 403: "Geen toegang"
        case 404: "Niet gevonden"
        case 405: "Methode niet toegestaan"
        case 409: "Conflict"
        case 413: "Verzoek te groot"
        case 415: "Niet-ondersteund formaat"
        case 422: "Ongeldige invoer"
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
        headers.append(contentsOf: extra)
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
