import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import Testing
import Voorveld
import VoorveldHTTP
import VoorveldStore

@Suite("Authentication")
struct AuthenticationTests {
    static func app(_ environment: TestEnvironment, settings: ((inout AuthStore.Settings) -> Void)? = nil) -> some ApplicationProtocol {
        var dependencies = environment.dependencies
        settings?(&dependencies.authSettings)
        return buildApplication(HTTPConfiguration(port: 0), dependencies: dependencies, logger: Logger(label: "test"))
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test("missing, malformed, unknown, expired and revoked tokens get 401; a valid one works")
    func tokens() async throws {
        let environment = try await TestEnvironment.seeded()
        let users = UserStore(pool: environment.owner, hasher: TestEnvironment.hasher)
        let expiring = try await users.createToken(naam: "steunpunt", geldig: .seconds(1))
        try await Self.app(environment).test(.router) { client in
            try await client.execute(uri: "/v1/ik", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            for header in ["Basic a2VybnRlYW1saWQ6eA==", "Bearer", "Bearer ", "bearer", "vv_demo_kernteamlid_0000000000000000000000000000"] {
                try await client.execute(uri: "/v1/ik", method: .get, headers: [.authorization: header]) { response in
                    #expect(response.status == .unauthorized, "Authorization: \(header)")
                }
            }
            for token in ["vv_onbekend", Demo.kernteamlid.token + "x", String(repeating: "a", count: 5000), "' OR 1=1 --"] {
                try await client.execute(uri: "/v1/ik", method: .get, headers: Self.bearer(token)) { response in
                    #expect(response.status == .unauthorized)
                }
            }
            // A valid token: the demo kernteamlid.
            try await client.execute(uri: "/v1/ik", method: .get, headers: Self.bearer(Demo.kernteamlid.token)) { response in
                #expect(response.status == .ok)
                let ik = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(ik?["naam"] as? String == "kernteamlid")
                #expect(ik?["gemeente"] as? String == "GM1734")
                #expect(ik?["kernteams"] as? [String] == ["heteren"])
                #expect(ik?["rollen"] as? [String] == ["kernteamlid"])
            }
            // Expired.
            try await Task.sleep(for: .milliseconds(1500))
            try await client.execute(uri: "/v1/ik", method: .get, headers: Self.bearer(expiring)) { response in
                #expect(response.status == .unauthorized)
            }
            // Revoked: refused on the very next request.
            try await client.execute(uri: "/v1/ik", method: .get, headers: Self.bearer(Demo.wethouder.token)) { response in
                #expect(response.status == .ok)
            }
            try await users.revokeTokens(naam: "wethouder")
            try await client.execute(uri: "/v1/ik", method: .get, headers: Self.bearer(Demo.wethouder.token)) { response in
                #expect(response.status == .unauthorized)
            }
        }
        // Tokens are 256 random bits, stored only as a hash.
        let token = try await users.createToken(naam: "beheerder")
        #expect(token.hasPrefix("vv_") && token.count == 3 + 43)
        let stored = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM api_tokens WHERE hash = sha256(convert_to($1, 'UTF8'))", [token]) { row in
                try row.decode(0, as: Int.self)
            }
        }
        #expect(stored == 1)
        await environment.close()
    }

    /// The login page's form token, as a browser gets it: the cookie's value equals the hidden field's.
    static func formulier(_ client: some TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/inloggen", method: .get) { response in
            let cookie = response.headers[.setCookie] ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"))
            let token = String(cookie.dropFirst("__Host-voorveld-formulier=".count).prefix { $0 != ";" })
            #expect(String(buffer: response.body).contains(#"name="csrf" value="\#(token)""#))
            return token
        }
    }

    /// Posts the login form with its token: the fields as a form body.
    @Test("behind a trusted reverse proxy the login lockout counts per client (X-Forwarded-For); from anyone else the header is ignored")
    func lockoutBehindProxy() async throws {
        let environment = try await TestEnvironment.seeded()
        var dependencies = environment.dependencies
        dependencies.authSettings.maxFailuresPerAddress = 4
        dependencies.authSettings.maxFailuresPerName = 100
        // In these in-process tests every request comes from the address "onbekend": the proxy.
        for trusted in [true, false] {
            dependencies.trustedProxies = trusted ? ["onbekend"] : []
            let app = buildApplication(HTTPConfiguration(port: 0), dependencies: dependencies, logger: Logger(label: "test"))
            try await app.test(.router) { client in
                // One client guesses wrong, under several names, until its address is locked out.
                for attempt in 0..<5 {
                    _ = try await Self.postLogin(client, "gebruikersnaam=raad\(attempt)&wachtwoord=fout", forwardedFor: "203.0.113.7")
                }
                let guesser = try await Self.postLogin(
                    client,
                    "gebruikersnaam=kernteamlid&wachtwoord=\(Demo.kernteamlid.wachtwoord)",
                    forwardedFor: "203.0.113.7"
                )
                #expect(guesser.status == .tooManyRequests)
                // Another client behind the same proxy: locked out too only when the proxy is not trusted.
                let other = try await Self.postLogin(
                    client,
                    "gebruikersnaam=steunpunt&wachtwoord=\(Demo.steunpunt.wachtwoord)",
                    forwardedFor: "198.51.100.20"
                )
                #expect(other.status == (trusted ? .seeOther : .tooManyRequests), "trusted: \(trusted)")
            }
            try await environment.owner.withConnection { connection in try await connection.execute("DELETE FROM mislukte_inlogpogingen") }
        }
        await environment.close()
    }

    static func postLogin(
        _ client: some TestClientProtocol,
        _ fields: String,
        sessie: String? = nil,
        forwardedFor: String? = nil
    ) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: String)
    {
        let token = try await formulier(client)
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let forwardedFor { headers[HTTPField.Name("X-Forwarded-For")!] = "10.0.0.1, \(forwardedFor)" }
        headers[.cookie] = "__Host-voorveld-formulier=\(token)" + (sessie.map { "; __Host-voorveld-sessie=\($0)" } ?? "")
        return try await client.execute(uri: "/inloggen", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(token)&" + fields)) {
            response in
            (response.status, response.headers, String(buffer: response.body))
        }
    }

    /// Logs in through the form and returns the session cookie's value.
    static func login(
        _ client: some TestClientProtocol,
        naam: String,
        wachtwoord: String,
        cookie: String? = nil
    ) async throws -> (status: HTTPResponse.Status, sessie: String?, setCookie: String?) {
        let body = "gebruikersnaam=\(naam)&wachtwoord=\(wachtwoord.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        let response = try await postLogin(client, body, sessie: cookie)
        let setCookie = response.headers[values: .setCookie].first { $0.hasPrefix("__Host-voorveld-sessie=") }
        let value = setCookie.map { String($0.dropFirst("__Host-voorveld-sessie=".count).prefix { $0 != ";" }) }
        return (response.status, value, setCookie)
    }

    static func whoAmI(_ client: some TestClientProtocol, sessie: String) async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/v1/ik", method: .get, headers: [.cookie: "__Host-voorveld-sessie=\(sessie)"]) { $0.status }
    }

    @Test("the login page shows a hostile user name as text, next to its error")
    func loginPage() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Self.app(environment).test(.router) { client in
            let naam = #""><script>alert(1)</script>"#
            let antwoord = try await Self.postLogin(
                client,
                "gebruikersnaam=\(naam.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&wachtwoord=fout"
            )
            #expect(antwoord.status == .unauthorized || antwoord.status == .badRequest || antwoord.status == .tooManyRequests, "\(antwoord.status)")
            #expect(!antwoord.body.contains("<script>alert(1)</script>"))
            #expect(antwoord.body.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
        await environment.close()
    }

    @Test("login sets a __Host- session cookie, always a new one; logout ends it")
    func sessions() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Self.app(environment).test(.router) { client in
            let wrong = try await Self.login(client, naam: "kernteamlid", wachtwoord: "fout-wachtwoord")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.sessie == nil)

            let first = try await Self.login(client, naam: "kernteamlid", wachtwoord: Demo.kernteamlid.wachtwoord)
            #expect(first.status == .seeOther)
            let cookie = try #require(first.setCookie)
            for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Strict"] {
                #expect(cookie.contains(attribute), "cookie lacks \(attribute): \(cookie)")
            }
            #expect(!cookie.contains("Domain"))
            let sessie = try #require(first.sessie)
            #expect(sessie.count == 43)
            #expect(try await Self.whoAmI(client, sessie: sessie) == .ok)

            // Session fixation: logging in with a session cookie already set yields a different one,
            // and the old session stops working.
            let second = try await Self.login(client, naam: "kernteamlid", wachtwoord: Demo.kernteamlid.wachtwoord, cookie: sessie)
            let renewed = try #require(second.sessie)
            #expect(renewed != sessie)
            #expect(try await Self.whoAmI(client, sessie: sessie) == .unauthorized)
            let planted = try await Self.login(client, naam: "kernteamlid", wachtwoord: Demo.kernteamlid.wachtwoord, cookie: "door-aanvaller-gekozen")
            #expect(planted.sessie != "door-aanvaller-gekozen")

            // Logout needs the form's token: without it (another site's form) nothing happens.
            try await client.execute(
                uri: "/uitloggen",
                method: .post,
                headers: [.cookie: "__Host-voorveld-sessie=\(renewed)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")
            }
            #expect(try await Self.whoAmI(client, sessie: renewed) == .ok)
            // With it, the cookie is cleared and the session is gone on the server.
            let token = try await Self.formulier(client)
            try await client.execute(
                uri: "/uitloggen",
                method: .post,
                headers: [
                    .cookie: "__Host-voorveld-sessie=\(renewed); __Host-voorveld-formulier=\(token)",
                    .contentType: "application/x-www-form-urlencoded",
                ],
                body: ByteBuffer(string: "csrf=\(token)")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/inloggen")
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            #expect(try await Self.whoAmI(client, sessie: renewed) == .unauthorized)

            // Disabling the user ends their sessions at once.
            let third = try #require(try await Self.login(client, naam: "kernteamlid", wachtwoord: Demo.kernteamlid.wachtwoord).sessie)
            #expect(try await Self.whoAmI(client, sessie: third) == .ok)
            try await UserStore(pool: environment.owner).disable(naam: "kernteamlid")
            #expect(try await Self.whoAmI(client, sessie: third) == .unauthorized)
            #expect(try await Self.login(client, naam: "kernteamlid", wachtwoord: Demo.kernteamlid.wachtwoord).status == .unauthorized)
        }
        // Logins are audited in the user's gemeente, with the result.
        let lines = try await AuditStore(pool: environment.owner).list(.init(gebruiker: "kernteamlid"), in: .onderhoud(gemeente: "GM1734"))
        #expect(lines.contains { $0.actie == "inloggen" && $0.resultaat == .geweigerd })
        #expect(lines.contains { $0.actie == "inloggen" && $0.resultaat == .toegestaan })
        await environment.close()
    }

    @Test("an idle session ends after the idle timeout")
    func idleTimeout() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Self.app(environment, settings: { $0.sessionIdle = .seconds(60) }).test(.router) { client in
            let sessie = try #require(try await Self.login(client, naam: "steunpunt", wachtwoord: Demo.steunpunt.wachtwoord).sessie)
            #expect(try await Self.whoAmI(client, sessie: sessie) == .ok)
            // A minute without use, without waiting a minute (and without depending on how fast
            // the two requests above were): the session's last activity moves back.
            try await environment.owner.withConnection { connection in
                #expect(
                    try await connection.queryOne("SELECT inactief = interval '60 seconds' FROM sessies WHERE gebruiker = 'steunpunt'") { row in
                        try row.decode(0, as: Bool.self)
                    } == true
                )
                try await connection.execute(
                    "UPDATE sessies SET laatst_actief_op = laatst_actief_op - interval '61 seconds' WHERE gebruiker = 'steunpunt'"
                )
            }
            #expect(try await Self.whoAmI(client, sessie: sessie) == .unauthorized)
        }
        await environment.close()
    }

    @Test("repeated failures lock the account, even for the right password, with 429 and Retry-After")
    func bruteForceLockout() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Self.app(environment).test(.router) { client in
            for _ in 0..<3 {
                #expect(try await Self.login(client, naam: "beheerder", wachtwoord: "geraden-wachtwoord").status == .unauthorized)
            }
            let response = try await Self.postLogin(client, "gebruikersnaam=beheerder&wachtwoord=\(Demo.beheerder.wachtwoord)")
            let locked = (response.status, response.headers[.retryAfter], response.body)
            #expect(locked.0 == .tooManyRequests)
            #expect(locked.1 == "900")
            #expect(locked.2.contains("Te veel mislukte pogingen"))
            // Another account is not affected by this one's lockout.
            #expect(try await Self.login(client, naam: "steunpunt", wachtwoord: Demo.steunpunt.wachtwoord).status == .seeOther)
            // An unknown name answers exactly like a wrong password.
            #expect(try await Self.login(client, naam: "bestaat-niet", wachtwoord: "wat-dan-ook-123").status == .unauthorized)
        }
        await environment.close()
    }

    @Test("parallel guesses cannot slip under the lockout limit")
    func parallelGuesses() async throws {
        let environment = try await TestEnvironment.seeded()
        var settings = AuthStore.Settings()
        settings.maxFailuresPerName = 3
        let auth = AuthStore(pool: environment.service, hasher: TestEnvironment.hasher, settings: settings, limiter: TestEnvironment.passwordChecks)
        let results = try await withThrowingTaskGroup(of: AuthStore.LoginResult.self) { group in
            for attempt in 0..<12 {
                group.addTask { try await auth.login(naam: "wethouder", wachtwoord: "poging-\(attempt)", adres: "10.0.0.\(attempt)") }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == .ongeldig }.count == 3)
        #expect(results.filter { $0 == .geblokkeerd }.count == 9)
        // Blocked tries are not counted: the lock ends with the window, not later.
        let recorded = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM mislukte_inlogpogingen WHERE naam = 'wethouder'") { row in
                try row.decode(0, as: Int.self)
            }
        }
        #expect(recorded == 3)
        await environment.close()
    }

    @Test("a new password ends the sessions begun with the old one")
    func passwordChangeEndsSessions() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Self.app(environment).test(.router) { client in
            let sessie = try #require(try await Self.login(client, naam: "steunpunt", wachtwoord: Demo.steunpunt.wachtwoord).sessie)
            #expect(try await Self.whoAmI(client, sessie: sessie) == .ok)
            try await UserStore(pool: environment.owner, hasher: TestEnvironment.hasher).add(
                .init(naam: "steunpunt", weergavenaam: "Sander", gemeente: "GM1734", rollen: [.steunpunt], wachtwoord: "een-nieuw-wachtwoord"),
                replace: true
            )
            #expect(try await Self.whoAmI(client, sessie: sessie) == .unauthorized)
            #expect(try await Self.login(client, naam: "steunpunt", wachtwoord: "een-nieuw-wachtwoord").status == .seeOther)
        }
        await environment.close()
    }

    @Test("a login form from another site, or without its token, is refused before any password is checked")
    func loginCSRF() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Self.app(environment).test(.router) { client in
            let token = try await Self.formulier(client)
            let body = "gebruikersnaam=kernteamlid&wachtwoord=\(Demo.kernteamlid.wachtwoord)"
            // No cookie (another site cannot send it), a wrong field, no field: 403, no session.
            for (cookie, veld) in [(nil, token), (token, String(token.reversed())), (token, nil)] as [(String?, String?)] {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                if let cookie { headers[.cookie] = "__Host-voorveld-formulier=\(cookie)" }
                try await client.execute(
                    uri: "/inloggen",
                    method: .post,
                    headers: headers,
                    body: ByteBuffer(string: (veld.map { "csrf=\($0)&" } ?? "") + body)
                ) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("__Host-voorveld-sessie=") } == false)
                    #expect(String(buffer: response.body).contains("Het formulier was verlopen"))
                }
            }
            #expect(try await Self.login(client, naam: "kernteamlid", wachtwoord: Demo.kernteamlid.wachtwoord).status == .seeOther)
        }
        // Refused forms count as no login attempt at all.
        let pogingen = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM mislukte_inlogpogingen") { row in try row.decode(0, as: Int.self) }
        }
        #expect(pogingen == 0)
        await environment.close()
    }

    @Test("the login form keeps the name and shows each error next to its field")
    func loginFormErrors() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Self.app(environment).test(.router) { client in
            let response = try await Self.postLogin(client, "gebruikersnaam=%3Cb%3Ekarin&wachtwoord=")
            #expect(response.status == .badRequest)
            let html = response.body
            #expect(html.contains(#"value="&lt;b&gt;karin""#))
            #expect(html.contains(#"id="wachtwoord-fout">Vul uw wachtwoord in.</p>"#))
            #expect(html.contains(#"aria-describedby="wachtwoord-fout""#))
            #expect(html.contains("role=\"alert\""))
            #expect(html.contains(#"name="csrf""#))
        }
        await environment.close()
    }
}
