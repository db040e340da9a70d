import Hummingbird
import Voorveld
import VoorveldStore

/// The start page: that the service runs, and which gemeenten it holds.
struct StartPage {
    let gebieden: GebiedStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTML {
        HTML(render(try await gebieden.overzicht()))
    }

    func render(_ gemeenten: [GemeenteOverzicht]) -> String {
        let rows = gemeenten.map { entry in
            "<tr><th scope=\"row\">\(HTML.escape(entry.gemeente.naam))</th><td>\(entry.kernen)</td><td>\(entry.kernteams)</td></tr>"
        }.joined(separator: "\n")
        let table = gemeenten.isEmpty
            ? "<p>Er zijn nog geen gemeenten geladen. Laad de voorbeeldgegevens met <code>voorveld seed</code>.</p>"
            : """
            <table>
            <caption>Gemeenten in deze omgeving</caption>
            <thead><tr><th scope="col">Gemeente</th><th scope="col">Kernen</th><th scope="col">Kernteams</th></tr></thead>
            <tbody>
            \(rows)
            </tbody>
            </table>
            """
        return """
            <!doctype html>
            <html lang="nl">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Voorveld</title></head>
            <body>
            <main>
            <h1>Voorveld</h1>
            <p>Hulpvragen oplossen in het voorliggend veld: met vrijwilligers, algemene voorzieningen en het eigen netwerk.</p>
            \(table)
            <p><a href="/health/ready">Status van de dienst</a></p>
            </main>
            </body>
            </html>
            """
    }
}

/// An HTML page answer.
struct HTML: ResponseGenerator {
    let text: String

    init(_ text: String) { self.text = text }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Escapes text for use in HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
