import Hummingbird
import Voorveld

/// The frame around every page: Dutch, a title without personal data, a link past the header for
/// keyboard users, and the calm house style of `/voorveld.css`.
enum Layout {
    /// A page; with `menu`, the header carries the logged-in user's navigation and logout.
    static func page(title: String, menu: Menu? = nil, body: String) -> String {
        """
        <!doctype html>
        <html lang="nl">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(HTML.escape(title)) · Voorveld</title>
        <link rel="stylesheet" href="/voorveld.css"></head>
        <body>
        <a class="naar-inhoud" href="#inhoud">Naar de inhoud</a>
        <header><p class="merk"><a href="/">Voorveld</a></p>\(menu?.html ?? "")</header>
        <main id="inhoud" tabindex="-1">
        \(body)
        </main>
        </body>
        </html>
        """
    }

    /// The header's navigation: only the pages the user's roles may open, and logout.
    struct Menu {
        var gebruiker: Gebruiker
        var csrf: String
        /// The path of the section the page belongs to, marked as current.
        var huidig: String?

        /// Each role's pages, its start page first.
        static let paginas: [(rol: Rol, pad: String, naam: String)] = [
            (.kernteamlid, "/hulpvragen", "Hulpvragen"),
            (.kernteamlid, "/hulpvragen/nieuw", "Nieuwe hulpvraag"),
            (.steunpunt, "/vrijwilligers", "Vrijwilligers"),
            (.steunpunt, "/vrijwilligers/import", "Importeren"),
            (.steunpunt, "/voorzieningen", "Voorzieningen"),
            (.wethouder, "/cijfers", "Cijfers"),
        ]

        /// Where a user lands after login: the start page of their first role that has pages.
        static func startpagina(_ gebruiker: Gebruiker) -> String? {
            paginas.first { gebruiker.heeft($0.rol) }?.pad
        }

        var html: String {
            let links = Self.paginas.filter { gebruiker.heeft($0.rol) }.map { pagina in
                let current = pagina.pad == huidig ? #" aria-current="page""# : ""
                return #"<li><a href="\#(pagina.pad)"\#(current)>\#(HTML.escape(pagina.naam))</a></li>"#
            }
            return """
                <nav aria-label="Hoofdmenu"><ul>\(links.joined())</ul></nav>
                <form class="uitloggen" method="post" action="/uitloggen">\(CSRF.hiddenField(csrf))<span>\(HTML.escape(gebruiker.weergavenaam))</span> <button type="submit">Uitloggen</button></form>
                """
        }
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
        header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 2rem; }
        header .merk a { color: #fff; text-decoration: none; }
        header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0; padding: 0; }
        header nav a { color: #fff; font-weight: 600; }
        header nav a[aria-current="page"] { text-decoration-thickness: 3px; }
        header .uitloggen { margin-left: auto; display: flex; align-items: center; gap: 0.75rem; }
        header .uitloggen button { background: #fff; color: var(--blauw); border-color: #fff; min-height: 40px; padding: 0.375rem 1rem; }
        header a:focus-visible, header button:focus-visible { outline-color: #fff; }
        main { max-width: 72rem; }
        fieldset { border: 1px solid var(--lijn); border-radius: 4px; padding: 0.75rem 1rem 0.25rem; margin: 0 0 1.25rem; }
        legend { font-weight: 600; padding: 0 0.25rem; }
        fieldset label { display: inline; font-weight: 400; margin: 0 1.25rem 0.5rem 0.25rem; }
        .keuzes { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0; }
        .keuzes span { display: inline-flex; align-items: center; min-height: 44px; }
        input[type="checkbox"], input[type="radio"] { min-width: 0; width: 1.5rem; height: 1.5rem; accent-color: var(--blauw); }
        .hint { color: #4a4a4a; margin: -0.125rem 0 0.375rem; font-size: 0.9375rem; }
        .fout-veld { border-left: 4px solid var(--fout); padding-left: 0.75rem; }
        .vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        table { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; }
        caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
        th, td { text-align: left; padding: 0.5rem 0.625rem; border-bottom: 1px solid var(--lijn); vertical-align: top; }
        thead th { border-bottom: 2px solid var(--tekst); }
        td.getal, th.getal { text-align: right; font-variant-numeric: tabular-nums; }
        .dagdelen td, .dagdelen th { text-align: center; }
        .dagdelen th[scope="row"] { text-align: left; }
        .tabel { overflow-x: auto; }
        .filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: flex-end; background: #f3f6f8; padding: 1rem; border-radius: 4px; margin-bottom: 1.5rem; }
        .filters p { margin: 0; }
        .filters input, .filters select { min-width: 12rem; }
        .melding { border-left: 6px solid #39870c; background: #eef6e8; padding: 0.75rem 1.25rem; margin-bottom: 1.5rem; }
        .waarschuwing { color: #7a4200; font-weight: 600; }
        .kaart { border: 1px solid var(--lijn); border-radius: 4px; padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
        .kaart h3 { margin-top: 0; }
        .knoppen { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; }
        .knoppen form { margin: 0; }
        button.tweede { background: #fff; color: var(--blauw); }
        .groot { font-size: 3.5rem; font-weight: 700; line-height: 1.1; margin: 0; color: var(--blauw); }
        dl.gegevens { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1.5rem; }
        dl.gegevens dt { font-weight: 600; }
        dl.gegevens dd { margin: 0; }
        svg text { font: 0.8125rem system-ui, sans-serif; fill: var(--tekst); }
        textarea { width: 100%; }
        textarea#csv { font-family: ui-monospace, monospace; font-size: 0.9375rem; }
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
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
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
