import CalendarDate
import Foundation
import Hummingbird
import Voorveld
import VoorveldStore

/// What every page of a logged-in user shares: the role check, the frame with the user's menu,
/// the CSRF check of posted forms, and the answer after a successful post.
enum Pages {
    /// A page for `gebruiker`, with the menu (`huidig` marks its section) and a form token.
    static func toon(
        _ request: Request,
        context: AppRequestContext,
        _ gebruiker: Gebruiker,
        titel: String,
        huidig: String? = nil,
        status: HTTPResponse.Status = .ok,
        _ body: (String) -> Markup
    ) throws -> Response {
        try CSRF.page(request, context: context, status: status) { csrf in
            Layout.page(title: titel, menu: Layout.Menu(gebruiker: gebruiker, csrf: csrf, huidig: huidig), body: body(csrf))
        }
    }

    /// A posted form of the pages, or 403 when its token is not the visitor's (another site, or a
    /// form from an old session): nothing is changed.
    static func formulier(_ request: Request, context: AppRequestContext) async throws -> Formulier {
        let formulier = try await Formulier.lees(request, context: context)
        guard CSRF.isValid(request, formToken: formulier[CSRF.field]) else {
            throw Problem(
                status: .forbidden,
                title: "Formulier verlopen",
                detail: "Het formulier was verlopen of kwam niet van deze site. Open de pagina opnieuw en probeer het nog eens."
            )
        }
        return formulier
    }

    /// A posted edit form without the version it was made from (not one of these pages' forms):
    /// nothing is changed.
    static let onvolledig = Problem(
        status: .badRequest,
        title: "Formulier onvolledig",
        detail: "Het formulier was onvolledig. Open de pagina opnieuw en breng uw wijziging nog eens aan."
    )

    /// The message at the top of a form that was not saved.
    static func nietOpgeslagen(_ tekst: String) -> Markup {
        #"<div role="alert" tabindex="-1" id="fouten"><h2>Niet opgeslagen</h2><p>\#(tekst)</p></div>"#
    }

    /// After a successful post: to the page that shows the result (Post/Redirect/Get), so a
    /// reload does not post again. `melding` is a code of `meldingen`, never user data.
    static func naar(_ pad: String, melding: String? = nil) -> Response {
        Response(status: .seeOther, headers: [.location: melding.map { "\(pad)?melding=\($0)" } ?? pad])
    }

    /// The confirmations a page can show after a redirect.
    static let meldingen = [
        "geregistreerd": "De hulpvraag is geregistreerd.",
        "voorgesteld": "De koppeling is voorgesteld.",
        "koppeling-gewijzigd": "De koppeling is bijgewerkt.",
        "afgesloten": "De hulpvraag is afgesloten.",
        "nazorg": "De nazorg is vastgelegd.",
        "opgeslagen": "De gegevens zijn opgeslagen.",
    ]

    /// A parameter of the address's query; nil when absent or empty.
    static func query(_ request: Request, _ naam: String) -> String? {
        request.uri.queryParameters[Substring(naam)].map(String.init).flatMap { $0.isEmpty || $0.unicodeScalars.contains("\u{0}") ? nil : $0 }
    }

    static func melding(_ request: Request) -> Markup {
        guard let code = query(request, "melding"), let tekst = meldingen[code] else { return .leeg }
        return #"<p class="melding" role="status">\#(tekst)</p>"#
    }

    /// An id from the path; anything else is the page's "not found".
    static func id(_ context: AppRequestContext, _ nietGevonden: Problem) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw nietGevonden }
        return id
    }

    /// How many rows a list page shows.
    static let paginaGrootte = 50

    /// The page number asked for in the query (1 when absent).
    static func paginanummer(_ request: Request) -> Int {
        max(1, min(query(request, "pagina").flatMap { Int($0) } ?? 1, 10_000))
    }

    /// "12 hulpvragen; hieronder 1 tot en met 12." and the links to the pages before and after,
    /// keeping the list's filters (`filters`, codes only: never personal data).
    /// - Parameter soort: what is counted, singular and plural.
    static func bladeren(_ pad: String, filters: [(String, String?)], pagina: Int, getoond: Int, totaal: Int, soort: (String, String)) -> Markup {
        func link(_ nummer: Int, _ tekst: String) -> Markup {
            var components = URLComponents()
            components.queryItems =
                filters.compactMap { naam, waarde in waarde.map { URLQueryItem(name: naam, value: $0) } }
                + [URLQueryItem(name: "pagina", value: String(nummer))]
            return #"<a href="\#(pad)?\#(components.percentEncodedQuery ?? "")">\#(tekst)</a>"#
        }
        let eerste = (pagina - 1) * paginaGrootte + 1
        var links: [Markup] = []
        if pagina > 1 { links.append(link(pagina - 1, "Vorige pagina")) }
        if pagina * paginaGrootte < totaal { links.append(link(pagina + 1, "Volgende pagina")) }
        let naam = totaal == 1 ? soort.0 : soort.1
        let telling =
            getoond == 0
            ? "\(totaal) \(naam)."
            : getoond == totaal ? "\(totaal) \(naam)." : "\(totaal) \(naam); hieronder \(eerste) tot en met \(eerste + getoond - 1)."
        let verder: [Markup] = links.enumerated().map { index, link in index == 0 ? link : " · \(link)" }
        return #"<p role="status">\#(telling)</p>\#(links.isEmpty ? .leeg : "<p>\(verder)</p>")"#
    }

    /// A date as the Dutch write it: 3 februari 2026.
    static func datum(_ datum: CalendarDate?) -> String {
        guard let datum else { return "" }
        return "\(datum.day) \(maanden[datum.month - 1]) \(datum.year)"
    }

    static let maanden = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]

    /// A table: caption, column heads and rows of cells; numbers right-aligned. A cell is `Markup`,
    /// so text in it is escaped and a link is a link.
    static func tabel(_ caption: String, kop: [String], rijen: [[Markup]], getallen: Set<Int> = [], leeg: String = "Geen.") -> Markup {
        guard !rijen.isEmpty else { return "<p>\(leeg)</p>" }
        func cls(_ index: Int) -> Markup { getallen.contains(index) ? #" class="getal""# : .leeg }
        let head = kop.enumerated().map { index, titel -> Markup in #"<th scope="col"\#(cls(index))>\#(titel)</th>"# }
        let body = rijen.map { rij -> Markup in
            let cellen = rij.enumerated().map { index, cel -> Markup in index == 0 ? #"<th scope="row">\#(cel)</th>"# : "<td\(cls(index))>\(cel)</td>"
            }
            return "<tr>\(cellen)</tr>"
        }
        // A table wider than the screen scrolls; the region can take focus to scroll it by keyboard.
        return
            #"<div class="tabel" tabindex="0" role="region" aria-label="\#(caption)"><table><caption>\#(caption)</caption><thead><tr>\#(head)</tr></thead><tbody>\#(body)</tbody></table></div>"#
    }
}
