import CalendarDate
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import Voorveld
import VoorveldHTTP
import VoorveldStore

/// Every endpoint, for every role, against the caller's own kernteam, another kernteam and another
/// gemeente: the status each gets, and that no answer carries another gemeente's data.
///
/// Every route the router has must be listed here; a new endpoint without a row fails the test.
/// Later work adds its endpoints to `matrix`.
@Suite("Access matrix")
struct AccessMatrixTests {
    typealias Actor = Fixtures.Actor

    struct Row: Sendable {
        var method: HTTPRequest.Method
        /// The route as the router knows it.
        var route: String
        /// The address requested.
        var uri: String
        var expected: [Actor: HTTPResponse.Status]
        var body: String? = nil
        var contentType = "application/x-www-form-urlencoded"
        var headers: HTTPFields = [:]
    }

    static func all(_ status: HTTPResponse.Status, except: [Actor: HTTPResponse.Status] = [:]) -> [Actor: HTTPResponse.Status] {
        Dictionary(uniqueKeysWithValues: Actor.allCases.map { ($0, except[$0] ?? status) })
    }

    static let beheerderOnly = all(.forbidden, except: [.anoniem: .unauthorized, .beheerder: .ok, .beheerderTwenterand: .ok])
    static let anyoneLoggedIn = all(.ok, except: [.anoniem: .unauthorized])
    /// Kernteamleden and the steunpunt read volunteers; the wethouder and beheerder see no person.
    static let vrijwilligersLezen = all(
        .ok,
        except: [.anoniem: .unauthorized, .wethouder: .forbidden, .beheerder: .forbidden, .beheerderTwenterand: .forbidden]
    )
    /// Only the steunpunt writes them (there is no Twenterand steunpunt in the test data).
    static func steunpunt(_ status: HTTPResponse.Status) -> [Actor: HTTPResponse.Status] {
        all(.forbidden, except: [.anoniem: .unauthorized, .steunpunt: status])
    }

    /// Only kernteamleden work on hulpvragen, each on their own kernteam's.
    static let kernteamleden = all(
        .forbidden,
        except: [.anoniem: .unauthorized, .kernteamlid: .ok, .kernteamlidAnderTeam: .ok, .kernteamlidTwenterand: .ok]
    )

    /// Pages: a visitor who is not logged in is sent to the login page; another role gets 403.
    static func pagina(_ rollen: [Actor: HTTPResponse.Status]) -> [Actor: HTTPResponse.Status] {
        all(.forbidden, except: [.anoniem: .seeOther]).merging(rollen) { $1 }
    }
    static let kernteamPagina = pagina([.kernteamlid: .ok, .kernteamlidAnderTeam: .ok, .kernteamlidTwenterand: .ok])
    static let steunpuntPagina = pagina([.steunpunt: .ok])
    /// A form token, in its cookie and in the posted form, so posts get past the CSRF check.
    static let formToken = Secret.generate()
    static let formCookie: HTTPFields = [.cookie: "__Host-voorveld-formulier=\(formToken)"]
    static func form(_ fields: String = "") -> String { "csrf=\(formToken)" + (fields.isEmpty ? "" : "&" + fields) }

    static let matrix: [Row] = [
        Row(method: .get, route: "/v1/openapi.json", uri: "/v1/openapi.json", expected: all(.ok)),
        Row(method: .get, route: "/health/live", uri: "/health/live", expected: all(.ok)),
        Row(method: .get, route: "/health/ready", uri: "/health/ready", expected: all(.ok)),
        // Metrics: only for the scraper's own token, which these tests do not configure.
        Row(method: .get, route: "/metrics", uri: "/metrics", expected: all(.notFound)),
        // Each role is sent on to its own start page; the beheerder's start page is this one.
        Row(method: .get, route: "/", uri: "/", expected: all(.seeOther, except: [.beheerder: .ok, .beheerderTwenterand: .ok])),
        Row(method: .get, route: "/hulpvragen", uri: "/hulpvragen", expected: kernteamPagina),
        Row(method: .get, route: "/hulpvragen/nieuw", uri: "/hulpvragen/nieuw", expected: kernteamPagina),
        Row(
            method: .post,
            route: "/hulpvragen",
            uri: "/hulpvragen",
            expected: pagina([
                .kernteamlid: .badRequest, .kernteamlidAnderTeam: .badRequest,
                .kernteamlidTwenterand: .badRequest,
            ]),
            body: form(),
            headers: formCookie
        ),
        Row(
            method: .get,
            route: "/hulpvragen/{id}",
            uri: "/hulpvragen/{hulpvraag-heteren}",
            expected: pagina([.kernteamlid: .ok, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound])
        ),
        Row(
            method: .get,
            route: "/hulpvragen/{id}/wijzigen",
            uri: "/hulpvragen/{hulpvraag-heteren}/wijzigen",
            expected: pagina([.kernteamlid: .ok, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound])
        ),
        Row(
            method: .post,
            route: "/hulpvragen/{id}",
            uri: "/hulpvragen/{hulpvraag-heteren}",
            expected: pagina([.kernteamlid: .conflict, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound]),
            body: form("versie=99"),
            headers: formCookie
        ),
        Row(
            method: .post,
            route: "/hulpvragen/{id}/koppelingen",
            uri: "/hulpvragen/{hulpvraag-heteren}/koppelingen",
            expected: pagina([.kernteamlid: .badRequest, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound]),
            body: form(),
            headers: formCookie
        ),
        Row(
            method: .post,
            route: "/hulpvragen/{id}/afsluiting",
            uri: "/hulpvragen/{hulpvraag-heteren}/afsluiting",
            expected: pagina([.kernteamlid: .conflict, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound]),
            body: form("versie=99&uitkomst=ingetrokken"),
            headers: formCookie
        ),
        Row(
            method: .post,
            route: "/hulpvragen/{id}/nazorg",
            uri: "/hulpvragen/{hulpvraag-heteren}/nazorg",
            expected: pagina([.kernteamlid: .badRequest, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound]),
            body: form("versie=99"),
            headers: formCookie
        ),
        Row(
            method: .post,
            route: "/koppelingen/{id}/status",
            uri: "/koppelingen/{koppeling-heteren}/status",
            expected: pagina([.kernteamlid: .conflict, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound]),
            body: form("versie=99&status=gestart"),
            headers: formCookie
        ),
        Row(method: .get, route: "/vrijwilligers", uri: "/vrijwilligers", expected: steunpuntPagina),
        Row(method: .get, route: "/vrijwilligers/nieuw", uri: "/vrijwilligers/nieuw", expected: steunpuntPagina),
        Row(
            method: .post,
            route: "/vrijwilligers",
            uri: "/vrijwilligers",
            expected: pagina([.steunpunt: .badRequest]),
            body: form(),
            headers: formCookie
        ),
        Row(method: .get, route: "/vrijwilligers/{id}", uri: "/vrijwilligers/{overbetuwe}", expected: steunpuntPagina),
        Row(method: .get, route: "/vrijwilligers/{id}", uri: "/vrijwilligers/{twenterand}", expected: pagina([.steunpunt: .notFound])),
        Row(
            method: .post,
            route: "/vrijwilligers/{id}",
            uri: "/vrijwilligers/{overbetuwe}",
            expected: pagina([.steunpunt: .badRequest]),
            body: form(),
            headers: formCookie
        ),
        Row(method: .get, route: "/vrijwilligers/import", uri: "/vrijwilligers/import", expected: steunpuntPagina),
        Row(
            method: .post,
            route: "/vrijwilligers/import",
            uri: "/vrijwilligers/import",
            expected: pagina([.steunpunt: .unprocessableContent]),
            body: form("csv="),
            headers: formCookie
        ),
        Row(method: .get, route: "/voorzieningen", uri: "/voorzieningen", expected: steunpuntPagina),
        Row(method: .get, route: "/voorzieningen/nieuw", uri: "/voorzieningen/nieuw", expected: steunpuntPagina),
        Row(
            method: .post,
            route: "/voorzieningen",
            uri: "/voorzieningen",
            expected: pagina([.steunpunt: .badRequest]),
            body: form(),
            headers: formCookie
        ),
        Row(method: .get, route: "/voorzieningen/{id}", uri: "/voorzieningen/{voorziening-overbetuwe}", expected: steunpuntPagina),
        Row(method: .get, route: "/voorzieningen/{id}", uri: "/voorzieningen/{voorziening-twenterand}", expected: pagina([.steunpunt: .notFound])),
        Row(
            method: .post,
            route: "/voorzieningen/{id}",
            uri: "/voorzieningen/{voorziening-overbetuwe}",
            expected: pagina([.steunpunt: .badRequest]),
            body: form(),
            headers: formCookie
        ),
        Row(method: .get, route: "/cijfers", uri: "/cijfers", expected: pagina([.wethouder: .ok])),
        Row(method: .get, route: "/cijfers/{tabel}", uri: "/cijfers/per-kern", expected: pagina([.wethouder: .ok])),
        Row(method: .get, route: "/cijfers/{tabel}", uri: "/cijfers/bestaat-niet", expected: pagina([.wethouder: .notFound])),
        Row(method: .get, route: "/inloggen", uri: "/inloggen", expected: all(.ok)),
        Row(method: .get, route: "/voorveld.css", uri: "/voorveld.css", expected: all(.ok)),
        Row(method: .post, route: "/inloggen", uri: "/inloggen", expected: all(.forbidden), body: ""),  // no form token
        Row(method: .post, route: "/uitloggen", uri: "/uitloggen", expected: all(.seeOther), body: ""),
        Row(method: .get, route: "/v1/ik", uri: "/v1/ik", expected: anyoneLoggedIn),
        Row(method: .get, route: "/v1/kernen", uri: "/v1/kernen", expected: anyoneLoggedIn),
        Row(method: .get, route: "/v1/kernteams", uri: "/v1/kernteams", expected: anyoneLoggedIn),
        Row(method: .get, route: "/v1/leefgebieden", uri: "/v1/leefgebieden", expected: anyoneLoggedIn),
        Row(method: .get, route: "/v1/taken", uri: "/v1/taken", expected: anyoneLoggedIn),
        // Own team, another team in the same gemeente, and a team of another gemeente.
        Row(
            method: .get,
            route: "/v1/kernteams/{code}",
            uri: "/v1/kernteams/heteren",
            expected: all(.ok, except: [.anoniem: .unauthorized, .kernteamlidTwenterand: .notFound, .beheerderTwenterand: .notFound])
        ),
        Row(
            method: .get,
            route: "/v1/kernteams/{code}",
            uri: "/v1/kernteams/driel",
            expected: all(.ok, except: [.anoniem: .unauthorized, .kernteamlidTwenterand: .notFound, .beheerderTwenterand: .notFound])
        ),
        Row(
            method: .get,
            route: "/v1/kernteams/{code}",
            uri: "/v1/kernteams/vroomshoop-den-ham",
            expected: all(.notFound, except: [.anoniem: .unauthorized, .kernteamlidTwenterand: .ok, .beheerderTwenterand: .ok])
        ),
        Row(method: .get, route: "/v1/gebruikers", uri: "/v1/gebruikers", expected: beheerderOnly),
        Row(method: .get, route: "/v1/vrijwilligers", uri: "/v1/vrijwilligers", expected: vrijwilligersLezen),
        Row(
            method: .post,
            route: "/v1/vrijwilligers",
            uri: "/v1/vrijwilligers",
            expected: steunpunt(.badRequest),
            body: "{}",
            contentType: "application/json"
        ),
        Row(
            method: .post,
            route: "/v1/vrijwilligers/import",
            uri: "/v1/vrijwilligers/import",
            expected: steunpunt(.unprocessableContent),
            body: "",
            contentType: "text/csv"
        ),
        // A volunteer of Overbetuwe and one of Twenterand: another gemeente's is not found.
        Row(
            method: .get,
            route: "/v1/vrijwilligers/{id}",
            uri: "/v1/vrijwilligers/{overbetuwe}",
            expected: vrijwilligersLezen.merging([.kernteamlidTwenterand: .notFound]) { $1 }
        ),
        Row(
            method: .get,
            route: "/v1/vrijwilligers/{id}",
            uri: "/v1/vrijwilligers/{twenterand}",
            expected: vrijwilligersLezen.merging([.kernteamlid: .notFound, .kernteamlidAnderTeam: .notFound, .steunpunt: .notFound]) { $1 }
        ),
        Row(
            method: .put,
            route: "/v1/vrijwilligers/{id}",
            uri: "/v1/vrijwilligers/{overbetuwe}",
            expected: steunpunt(.preconditionRequired),
            body: "{}",
            contentType: "application/json"
        ),
        Row(method: .get, route: "/v1/auditlog", uri: "/v1/auditlog", expected: beheerderOnly),
        Row(method: .get, route: "/v1/voorzieningen", uri: "/v1/voorzieningen", expected: vrijwilligersLezen),
        Row(method: .get, route: "/v1/voorzieningen/hsds", uri: "/v1/voorzieningen/hsds", expected: vrijwilligersLezen),
        Row(
            method: .post,
            route: "/v1/voorzieningen",
            uri: "/v1/voorzieningen",
            expected: steunpunt(.badRequest),
            body: "{}",
            contentType: "application/json"
        ),
        Row(
            method: .post,
            route: "/v1/voorzieningen/import",
            uri: "/v1/voorzieningen/import",
            expected: steunpunt(.unprocessableContent),
            body: "",
            contentType: "text/csv"
        ),
        Row(
            method: .get,
            route: "/v1/voorzieningen/{id}",
            uri: "/v1/voorzieningen/{voorziening-overbetuwe}",
            expected: vrijwilligersLezen.merging([.kernteamlidTwenterand: .notFound]) { $1 }
        ),
        Row(
            method: .get,
            route: "/v1/voorzieningen/{id}",
            uri: "/v1/voorzieningen/{voorziening-twenterand}",
            expected: vrijwilligersLezen.merging([.kernteamlid: .notFound, .kernteamlidAnderTeam: .notFound, .steunpunt: .notFound]) { $1 }
        ),
        Row(
            method: .put,
            route: "/v1/voorzieningen/{id}",
            uri: "/v1/voorzieningen/{voorziening-overbetuwe}",
            expected: steunpunt(.preconditionRequired),
            body: "{}",
            contentType: "application/json"
        ),
        Row(method: .get, route: "/v1/hulpvragen", uri: "/v1/hulpvragen", expected: kernteamleden),
        Row(
            method: .post,
            route: "/v1/hulpvragen",
            uri: "/v1/hulpvragen",
            expected: kernteamleden.merging([
                .kernteamlid: .badRequest,
                .kernteamlidAnderTeam: .badRequest, .kernteamlidTwenterand: .badRequest,
            ]) { $1 },
            body: "{}",
            contentType: "application/json"
        ),
        // A hulpvraag of kernteam Heteren: another team, even in the same gemeente, does not find it.
        Row(
            method: .get,
            route: "/v1/hulpvragen/{id}",
            uri: "/v1/hulpvragen/{hulpvraag-heteren}",
            expected: kernteamleden.merging([.kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound]) { $1 }
        ),
        Row(
            method: .put,
            route: "/v1/hulpvragen/{id}",
            uri: "/v1/hulpvragen/{hulpvraag-heteren}",
            expected: kernteamleden.merging([.kernteamlid: .preconditionFailed, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound])
            { $1 },
            body: "{}",
            contentType: "application/json",
            headers: [.ifMatch: "\"99\""]
        ),
        Row(
            method: .get,
            route: "/v1/hulpvragen/{id}/kandidaten",
            uri: "/v1/hulpvragen/{hulpvraag-heteren}/kandidaten",
            expected: kernteamleden.merging([.kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound]) { $1 }
        ),
        Row(
            method: .get,
            route: "/v1/hulpvragen/{id}/koppelingen",
            uri: "/v1/hulpvragen/{hulpvraag-heteren}/koppelingen",
            expected: kernteamleden.merging([.kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound]) { $1 }
        ),
        Row(
            method: .post,
            route: "/v1/hulpvragen/{id}/koppelingen",
            uri: "/v1/hulpvragen/{hulpvraag-heteren}/koppelingen",
            expected: kernteamleden.merging([.kernteamlid: .badRequest, .kernteamlidAnderTeam: .badRequest, .kernteamlidTwenterand: .badRequest]) {
                $1
            },
            body: "{}",
            contentType: "application/json"
        ),
        // The steunpunt sees koppelingen of its volunteers (what the volunteer needs), never the hulpvraag.
        Row(method: .get, route: "/v1/koppelingen", uri: "/v1/koppelingen", expected: vrijwilligersLezen),
        Row(
            method: .get,
            route: "/v1/koppelingen/{id}",
            uri: "/v1/koppelingen/{koppeling-heteren}",
            expected: vrijwilligersLezen.merging([.kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound]) { $1 }
        ),
        Row(
            method: .put,
            route: "/v1/koppelingen/{id}/status",
            uri: "/v1/koppelingen/{koppeling-heteren}/status",
            expected: kernteamleden.merging([.kernteamlid: .preconditionFailed, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound])
            { $1 },
            body: #"{"status": "gestart"}"#,
            contentType: "application/json",
            headers: [.ifMatch: "\"99\""]
        ),
        Row(method: .get, route: "/v1/afbreekredenen", uri: "/v1/afbreekredenen", expected: anyoneLoggedIn),
        Row(method: .get, route: "/v1/uitkomsten", uri: "/v1/uitkomsten", expected: anyoneLoggedIn),
        Row(
            method: .put,
            route: "/v1/hulpvragen/{id}/afsluiting",
            uri: "/v1/hulpvragen/{hulpvraag-heteren}/afsluiting",
            expected: kernteamleden.merging([.kernteamlid: .preconditionFailed, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound])
            { $1 },
            body: #"{"uitkomst": "ingetrokken"}"#,
            contentType: "application/json",
            headers: [.ifMatch: "\"99\""]
        ),
        Row(
            method: .put,
            route: "/v1/hulpvragen/{id}/nazorg",
            uri: "/v1/hulpvragen/{hulpvraag-heteren}/nazorg",
            expected: kernteamleden.merging([.kernteamlid: .preconditionFailed, .kernteamlidAnderTeam: .notFound, .kernteamlidTwenterand: .notFound])
            { $1 },
            body: #"{"opgelost": true}"#,
            contentType: "application/json",
            headers: [.ifMatch: "\"99\""]
        ),
        // Figures: the wethouder (suppressed) and kernteamleden (their own teams); never the steunpunt or beheerder.
        Row(
            method: .get,
            route: "/v1/cijfers/voorliggend-veld",
            uri: "/v1/cijfers/voorliggend-veld?per=kernteam",
            expected: kernteamleden.merging([.wethouder: .ok]) { $1 }
        ),
        Row(method: .get, route: "/v1/cijfers/monitoring", uri: "/v1/cijfers/monitoring", expected: kernteamleden.merging([.wethouder: .ok]) { $1 }),
        Row(method: .get, route: "/v1/cijfers/signalen", uri: "/v1/cijfers/signalen", expected: kernteamleden.merging([.wethouder: .ok]) { $1 }),
    ]

    /// Words that only another gemeente's data contains: its code, its name, its kernen and users.
    static let foreign: [String: [String]] = [
        "GM1734": ["GM1700", "Twenterand", "Vroomshoop", "Vriezenveen", "Den Ham", "Westerhaar", "kernteamlid.twenterand", "beheerder.twenterand"],
        "GM1700": ["GM1734", "Overbetuwe", "Heteren", "Elst", "Driel", "Zetten", "Karin de Kernteamlid", "Bart Beheerder"],
    ]

    @Test("every route of the router is in the matrix")
    func everyRouteCovered() async throws {
        let environment = try await TestEnvironment.migrated()
        let routes = Set(buildRouter(environment.dependencies).routes.map { "\($0.method) \($0.path)" })
        let covered = Set(Self.matrix.map { "\($0.method) \($0.route)" })
        #expect(routes.subtracting(covered).isEmpty, "routes without a row in the access matrix: \(routes.subtracting(covered).sorted())")
        #expect(covered.subtracting(routes).isEmpty, "matrix rows for routes that do not exist: \(covered.subtracting(routes).sorted())")
        await environment.close()
    }

    @Test("every role gets the expected status everywhere, and never another gemeente's data")
    func matrixHolds() async throws {
        let environment = try await TestEnvironment.seeded()
        let tokens = try await Fixtures.tokens(environment)
        let ids = try await Fixtures.ids(environment)
        let app = buildApplication(HTTPConfiguration(port: 0), dependencies: environment.dependencies, logger: Logger(label: "test"))
        let failures = try await app.test(.router) { client in
            var failures: [String] = []
            for row in Self.matrix {
                for actor in Actor.allCases {
                    var headers = row.headers
                    if let token = tokens[actor] { headers[.authorization] = "Bearer \(token)" }
                    if row.body != nil { headers[.contentType] = row.contentType }
                    let body = row.body.map { ByteBuffer(string: $0) }
                    let uri = ids.reduce(row.uri) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
                    failures += try await client.execute(uri: uri, method: row.method, headers: headers, body: body) { response in
                        var found: [String] = []
                        let expected = row.expected[actor]!
                        if response.status != expected {
                            found.append("\(row.method) \(row.uri) as \(actor): \(response.status.code), expected \(expected.code)")
                        }
                        let text = String(buffer: response.body)
                        for word in actor.gemeente.flatMap({ Self.foreign[$0] }) ?? [] where text.contains(word) {
                            found.append("\(row.method) \(row.uri) as \(actor): the answer contains '\(word)'")
                        }
                        return found
                    }
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.count) failure(s):\n\(failures.joined(separator: "\n"))")
        await environment.close()
    }

    /// Lists hold the caller's own gemeente only, whatever they ask.
    @Test("lists show only the caller's gemeente")
    func listsAreScoped() async throws {
        let environment = try await TestEnvironment.seeded()
        let tokens = try await Fixtures.tokens(environment)
        let app = buildApplication(HTTPConfiguration(port: 0), dependencies: environment.dependencies, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for actor in [Actor.kernteamlid, .kernteamlidTwenterand] {
                let gemeente = actor.gemeente!
                for uri in ["/v1/kernen", "/v1/kernteams"] {
                    try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(tokens[actor]!)"]) { response in
                        let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                        let items = list?["items"] as? [[String: Any]] ?? []
                        #expect(!items.isEmpty)
                        #expect(Set(items.compactMap { $0["gemeente"] as? String }) == [gemeente])
                    }
                }
            }
            try await client.execute(uri: "/v1/gebruikers", method: .get, headers: [.authorization: "Bearer \(tokens[.beheerderTwenterand]!)"]) {
                response in
                let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let names = (list?["items"] as? [[String: Any]] ?? []).compactMap { $0["naam"] as? String }
                #expect(Set(names) == ["kernteamlid.twenterand", "beheerder.twenterand"])
            }
        }
        await environment.close()
    }

}
