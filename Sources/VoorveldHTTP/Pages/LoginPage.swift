import Foundation
import Hummingbird
import VoorveldStore

/// `/inloggen` and `/uitloggen`: password login for the web pages, with a session cookie.
struct LoginPage {
    let auth: AuthStore

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/inloggen", use: show)
        router.post("/inloggen", use: login)
        router.post("/uitloggen", use: logout)
    }

    struct Form: Decodable {
        var gebruikersnaam: String?
        var wachtwoord: String?
        var csrf: String?
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CSRF.page(request, context: context) { render(csrf: $0) }
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(Form.self, from: request, context: context)
        let naam = (form.gebruikersnaam ?? "").trimmingCharacters(in: .whitespaces)
        let wachtwoord = form.wachtwoord ?? ""
        func page(_ errors: [String: String], _ status: HTTPResponse.Status) throws -> Response {
            try CSRF.page(request, context: context, status: status) { render(naam: naam, errors: errors, csrf: $0) }
        }
        // A form from another site, or an old one: nothing is checked, the form comes back.
        guard CSRF.isValid(request, formToken: form.csrf) else {
            return try page(["gebruikersnaam": "Het formulier was verlopen. Probeer het opnieuw."], .forbidden)
        }
        var errors: [String: String] = [:]
        if naam.isEmpty { errors["gebruikersnaam"] = "Vul uw gebruikersnaam in." }
        if wachtwoord.isEmpty { errors["wachtwoord"] = "Vul uw wachtwoord in." }
        guard errors.isEmpty else { return try page(errors, .badRequest) }

        switch try await auth.login(naam: naam, wachtwoord: wachtwoord, adres: context.remoteAddress, requestId: context.id) {
        case .ingelogd(let sessie):
            // The session id presented before login (if any) is dropped: a fresh id every login.
            if let old = request.cookies[SessionCookie.name]?.value, !old.isEmpty { try await auth.logout(sessie: old) }
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(SessionCookie.set(sessie))
            return response
        case .ongeldig:
            return try page(["wachtwoord": "Gebruikersnaam of wachtwoord is onjuist."], .unauthorized)
        case .geblokkeerd:
            let minutes = auth.settings.lockoutWindow.components.seconds / 60
            var response = try page(["wachtwoord": "Te veel mislukte pogingen. Probeer het over \(minutes) minuten opnieuw."], .tooManyRequests)
            response.headers[.retryAfter] = String(auth.settings.lockoutWindow.components.seconds)
            return response
        case .bezet:
            var response = try page(
                ["wachtwoord": "Er wordt nu veel tegelijk ingelogd. Probeer het over een paar seconden opnieuw."],
                .serviceUnavailable
            )
            response.headers[.retryAfter] = "2"
            return response
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(Form.self, from: request, context: context)
        // Another site cannot log a user out either: back to the start page, still logged in.
        guard CSRF.isValid(request, formToken: form.csrf) else {
            return Response(status: .seeOther, headers: [.location: "/"])
        }
        if let sessie = request.cookies[SessionCookie.name]?.value, !sessie.isEmpty {
            try await auth.logout(sessie: sessie)
        }
        var response = Response(status: .seeOther, headers: [.location: "/inloggen"])
        response.setCookie(SessionCookie.expired())
        return response
    }

    /// The login form; errors stand next to their field and, summarised, at the top.
    func render(naam: String = "", errors: [String: String] = [:], csrf: String) -> Markup {
        func error(_ field: String) -> Markup {
            errors[field].map { #"<p class="fout" id="\#(field)-fout">\#($0)</p>"# } ?? .leeg
        }
        func described(_ field: String) -> Markup {
            errors[field] == nil ? .leeg : #" aria-invalid="true" aria-describedby="\#(field)-fout""#
        }
        let fouten = errors.keys.sorted().map { field -> Markup in "<li><a href=\"#\(field)\">\(errors[field]!)</a></li>" }
        let summary: Markup = errors.isEmpty ? .leeg : #"<div role="alert"><h2>Inloggen is niet gelukt</h2><ul>\#(fouten)</ul></div>"#
        return Layout.page(
            title: "Inloggen",
            body: """
                <h1>Inloggen</h1>
                \(summary)
                <form method="post" action="/inloggen">
                \(CSRF.hiddenField(csrf))
                <p><label for="gebruikersnaam">Gebruikersnaam</label>
                <input id="gebruikersnaam" name="gebruikersnaam" autocomplete="username" value="\(naam)"\(described("gebruikersnaam")) required></p>
                \(error("gebruikersnaam"))
                <p><label for="wachtwoord">Wachtwoord</label>
                <input id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password"\(described("wachtwoord")) required></p>
                \(error("wachtwoord"))
                <p><button type="submit">Inloggen</button></p>
                </form>
                """
        )
    }
}
