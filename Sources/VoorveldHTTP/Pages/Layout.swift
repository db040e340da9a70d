import Hummingbird

/// The frame around every page: Dutch, a title without personal data, a link past the header for
/// keyboard users, and the calm house style of `/voorveld.css`.
enum Layout {
    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="nl">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(HTML.escape(title)) · Voorveld</title>
        <link rel="stylesheet" href="/voorveld.css"></head>
        <body>
        <a class="naar-inhoud" href="#inhoud">Naar de inhoud</a>
        <header><p class="merk">Voorveld</p></header>
        <main id="inhoud" tabindex="-1">
        \(body)
        </main>
        </body>
        </html>
        """
    }

    /// The house style, in the spirit of the NL Design System: system fonts, a readable measure,
    /// contrast of at least 4.5:1 everywhere, and a focus outline no one can miss.
    static let css = """
        :root { --blauw: #01527d; --tekst: #1a1a1a; --fout: #a4000f; --lijn: #b4b4b4; --focus: #ffb612; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--tekst); background: #fff; }
        header { background: var(--blauw); color: #fff; padding: 0.75rem 1.5rem; }
        header .merk { margin: 0; font-weight: 700; font-size: 1.25rem; }
        main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
        main:focus { outline: none; }
        h1 { font-size: 2rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
        h2 { font-size: 1.375rem; line-height: 1.3; }
        a { color: var(--blauw); text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
        a:hover { text-decoration-thickness: 2px; }
        label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
        input, select, textarea { font: inherit; padding: 0.5rem 0.625rem; border: 2px solid #5c5c5c; border-radius: 4px; min-width: min(100%, 22rem); }
        input[aria-invalid="true"] { border-color: var(--fout); }
        button { font: inherit; font-weight: 600; padding: 0.625rem 1.25rem; min-height: 44px; border: 2px solid var(--blauw); border-radius: 4px;
                 background: var(--blauw); color: #fff; cursor: pointer; }
        button:hover { background: #003a5c; }
        :focus-visible { outline: 3px solid var(--tekst); outline-offset: 2px; box-shadow: 0 0 0 6px var(--focus); }
        .fout { color: var(--fout); font-weight: 600; margin: 0.25rem 0 1rem; }
        [role="alert"] { border-left: 6px solid var(--fout); background: #fdf2f3; padding: 0.75rem 1.25rem; margin-bottom: 1.5rem; }
        [role="alert"] h2 { margin-top: 0; }
        .naar-inhoud { position: absolute; left: -100vw; }
        .naar-inhoud:focus { left: 1rem; top: 0.5rem; background: #fff; color: var(--blauw); padding: 0.5rem 1rem; z-index: 1; }
        form p { margin: 0 0 1rem; }
        """
}

/// An HTML page answer.
struct HTML: ResponseGenerator {
    let text: String
    var status: HTTPResponse.Status = .ok

    init(_ text: String, status: HTTPResponse.Status = .ok) {
        self.text = text
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
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
