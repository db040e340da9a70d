import Hummingbird
import Voorveld
import VoorveldStore

/// The start page: who is logged in, and their gemeente. Anonymous visitors go to the login page.
struct StartPage {
    let gebieden: GebiedStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: show)
        router.get("/voorveld.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: Layout.css)))
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let gebruiker = context.gebruiker else {
            return Response(status: .seeOther, headers: [.location: "/inloggen"])
        }
        // Each role lands on its own start page; a user with no pages (the beheerder) stays here.
        if let start = Layout.Menu.startpagina(gebruiker) {
            return Response(status: .seeOther, headers: [.location: start])
        }
        let overzicht = try await gebieden.overzicht(in: AccessScope(gebruiker))
        return try Pages.toon(request, context: context, gebruiker, titel: "Start") { _ in render(gebruiker, overzicht) }
    }

    func render(_ gebruiker: Gebruiker, _ overzicht: GemeenteOverzicht?) -> Markup {
        let rollen = gebruiker.rollen.sorted().map(\.rawValue).joined(separator: ", ")
        let gemeente =
            overzicht.map { overzicht -> Markup in
                "<p>Gemeente \(overzicht.gemeente.naam): \(overzicht.kernen) kernen, \(overzicht.kernteams) kernteams.</p>"
            } ?? .leeg
        return """
            <h1>Voorveld</h1>
            <p>Hulpvragen oplossen in het voorliggend veld: met vrijwilligers, algemene voorzieningen en het eigen netwerk.</p>
            <p>U bent ingelogd als \(gebruiker.weergavenaam) (\(rollen)).</p>
            \(gemeente)
            <p>Gebruikers en het auditlog beheert u met de opdracht <code>voorveld users</code> of via de API (<code>/v1/gebruikers</code>, <code>/v1/auditlog</code>).</p>
            """
    }
}
