import Hummingbird
import Voorveld

/// The frame around every page: Dutch, a title without personal data, a link past the header for
/// keyboard users, and the calm house style of `/voorveld.css`.
enum Layout {
    /// A page; with `menu`, the header carries the logged-in user's navigation and logout.
    static func page(title: String, menu: Menu? = nil, body: Markup) -> Markup {
        """
        <!doctype html>
        <html lang="nl">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(title) · Voorveld</title>
        <link rel="stylesheet" href="/voorveld.css"></head>
        <body>
        <a class="naar-inhoud" href="#inhoud">Naar de inhoud</a>
        <header><p class="merk"><a href="/">Voorveld</a></p>\(menu?.html)</header>
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

        var html: Markup {
            let links = Self.paginas.filter { gebruiker.heeft($0.rol) }.map { pagina -> Markup in
                let current: Markup = pagina.pad == huidig ? #" aria-current="page""# : .leeg
                return #"<li><a href="\#(pagina.pad)"\#(current)>\#(pagina.naam)</a></li>"#
            }
            return """
                <nav aria-label="Hoofdmenu"><ul>\(links)</ul></nav>
                <form class="uitloggen" method="post" action="/uitloggen">\(CSRF.hiddenField(csrf))<span>\(gebruiker.weergavenaam)</span> <button type="submit">Uitloggen</button></form>
                """
        }
    }

    /// The house style, `Sources/VoorveldHTTP/voorveld.css`, compiled into the program.
    static let css = String(decoding: PackageResources.voorveld_css, as: UTF8.self)
}

/// An HTML page answer.
struct HTML: ResponseGenerator {
    let page: Markup
    var status: HTTPResponse.Status = .ok

    init(_ page: Markup, status: HTTPResponse.Status = .ok) {
        self.page = page
        self.status = status
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page.html))
        )
    }
}
