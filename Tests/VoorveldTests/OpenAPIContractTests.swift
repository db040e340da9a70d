import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import Voorveld
import VoorveldHTTP
import VoorveldStore

/// The OpenAPI document is the contract: every route is in it, everything in it exists, and every
/// answer the service gives (successes and errors alike) has a documented status, media type,
/// headers and a body that matches the schema.
@Suite("OpenAPI contract")
struct OpenAPIContractTests {

    static func document(_ client: some TestClientProtocol) async throws -> JSON {
        try await client.execute(uri: "/v1/openapi.json", method: .get) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            return try JSON.parse(Data(buffer: response.body))
        }
    }

    @Test("every route is documented, and every documented operation exists")
    func routesMatch() async throws {
        let environment = try await TestEnvironment.migrated()
        let router = buildRouter(environment.dependencies)
        // The API and the health checks; the rest are the pages for people, outside the API.
        let routes = Set(
            router.routes.filter { $0.path.description.hasPrefix("/v1/") || $0.path.description.hasPrefix("/health/") }
                .map { "\($0.method) \($0.path)" }
        )
        let app = buildApplication(HTTPConfiguration(port: 0), dependencies: environment.dependencies, logger: Logger(label: "test"))
        let document = try await app.test(.router) { client in try await Self.document(client) }
        #expect(document["openapi"]?.string == "3.1.0")
        var documented: Set<String> = []
        for (path, item) in document["paths"]?.object ?? [:] {
            for method in item.object?.keys ?? [:].keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        #expect(routes.subtracting(documented).isEmpty, "undocumented routes: \(routes.subtracting(documented).sorted())")
        #expect(documented.subtracting(routes).isEmpty, "documented but missing: \(documented.subtracting(routes).sorted())")
        // Every schema the document names exists.
        let text = OpenAPIContractTests.refs(in: document)
        for ref in text {
            #expect(JSONSchemaValidator(document: document).resolve(ref) != .null, "dangling \(ref)")
        }
        await environment.close()
    }

    static func refs(in value: JSON) -> Set<String> {
        switch value {
        case .object(let fields):
            var found = fields["$ref"]?.string.map { Set([$0]) } ?? []
            for (_, item) in fields { found.formUnion(refs(in: item)) }
            return found
        case .array(let items): return items.reduce(into: Set<String>()) { $0.formUnion(refs(in: $1)) }
        default: return []
        }
    }

    /// Checks one answer against the document.
    struct Contract {
        let document: JSON
        var validator: JSONSchemaValidator { JSONSchemaValidator(document: document) }

        func deref(_ value: JSON?) -> JSON? {
            guard let value else { return nil }
            if let ref = value["$ref"]?.string { return validator.resolve(ref) }
            return value
        }

        func problems(method: HTTPRequest.Method, route: String, response: TestResponse) -> [String] {
            let name = "\(method) \(route) → \(response.status.code)"
            guard let operation = document["paths"]?[route]?[method.rawValue.lowercased()] else { return ["\(name): not documented"] }
            guard let documented = deref(operation["responses"]?[String(response.status.code)]) else {
                return ["\(name): status not documented"]
            }
            var found: [String] = []
            for (header, definition) in documented["headers"]?.object ?? [:] {
                let present = response.headers[HTTPField.Name(header)!] != nil
                if deref(definition)?["required"] == .bool(true) && !present { found.append("\(name): required header \(header) is missing") }
            }
            let undocumented = ["ETag", "Location", "Idempotent-Replayed"].filter {
                response.headers[HTTPField.Name($0)!] != nil && documented["headers"]?[$0] == nil
            }
            if !undocumented.isEmpty { found.append("\(name): undocumented headers \(undocumented)") }
            let mediaType = response.headers[.contentType]?.split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespaces) }
            guard let content = documented["content"]?.object else {
                if response.body.readableBytes > 0 { found.append("\(name): a body, but none is documented") }
                return found
            }
            guard let mediaType, let media = content[mediaType] else {
                return found + ["\(name): media type \(mediaType ?? "none") not documented (\(content.keys.sorted()))"]
            }
            guard mediaType.hasSuffix("json"), let schema = media["schema"] else { return found }
            do {
                let body = try JSON.parse(Data(buffer: response.body))
                found += validator.problems(body, schema).map { "\(name): \($0)" }
            } catch {
                found.append("\(name): body is not JSON")
            }
            return found
        }
    }

    @Test("every answer has a documented status, media type, headers and schema")
    func answersMatch() async throws {
        let environment = try await TestEnvironment.seeded()
        let tokens = try await Fixtures.tokens(environment)
        let ids = try await Fixtures.volunteerIds(environment)
        let app = buildApplication(HTTPConfiguration(port: 0), dependencies: environment.dependencies, logger: Logger(label: "test"))
        let (failures, covered, document) = try await app.test(.router) { client in
            let contract = Contract(document: try await Self.document(client))
            var failures: [String] = []
            var covered: Set<String> = []

            @discardableResult
            func call(
                _ method: HTTPRequest.Method,
                _ route: String,
                _ uri: String? = nil,
                as actor: Fixtures.Actor? = .kernteamlid,
                body: String? = nil,
                type: String = "application/json",
                headers extra: HTTPFields = [:],
                expect: HTTPResponse.Status
            ) async throws -> (JSON?, HTTPFields) {
                var headers = extra
                if let actor, let token = tokens[actor] { headers[.authorization] = "Bearer \(token)" }
                if body != nil { headers[.contentType] = type }
                return try await client.execute(uri: uri ?? route, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
                    response in
                    if response.status != expect { failures.append("\(method) \(uri ?? route): \(response.status.code), expected \(expect.code)") }
                    failures += contract.problems(method: method, route: route, response: response)
                    covered.insert("\(method) \(route) \(response.status.code)")
                    return (try? JSON.parse(Data(buffer: response.body)), response.headers)
                }
            }

            try await call(.get, "/health/live", as: nil, expect: .ok)
            try await call(.get, "/health/ready", as: nil, expect: .ok)
            try await call(.get, "/v1/openapi.json", as: nil, expect: .ok)
            try await call(.get, "/v1/ik", expect: .ok)
            try await call(.get, "/v1/ik", as: nil, expect: .unauthorized)
            try await call(.get, "/v1/kernen", expect: .ok)
            try await call(.get, "/v1/kernteams", expect: .ok)
            try await call(.get, "/v1/kernteams/{code}", "/v1/kernteams/heteren", expect: .ok)
            try await call(.get, "/v1/kernteams/{code}", "/v1/kernteams/nergens", expect: .notFound)
            try await call(.get, "/v1/leefgebieden", expect: .ok)
            try await call(.get, "/v1/taken", expect: .ok)
            for route in ["/v1/kernen", "/v1/kernteams", "/v1/leefgebieden", "/v1/taken"] {
                try await call(.get, route, as: nil, expect: .unauthorized)
            }
            try await call(.get, "/v1/gebruikers", as: .beheerder, expect: .ok)
            try await call(.get, "/v1/gebruikers", expect: .forbidden)
            try await call(.get, "/v1/auditlog", as: .beheerder, expect: .ok)
            try await call(.get, "/v1/auditlog", "/v1/auditlog?limiet=0", as: .beheerder, expect: .badRequest)

            // Volunteers.
            let vrijwilliger = "/v1/vrijwilligers/\(ids["overbetuwe"]!)"
            try await call(.get, "/v1/vrijwilligers", "/v1/vrijwilligers?kern=heteren&paginaGrootte=5", expect: .ok)
            try await call(.get, "/v1/vrijwilligers", "/v1/vrijwilligers?status=weg&kleur=rood", expect: .badRequest)
            try await call(.get, "/v1/vrijwilligers", as: .wethouder, expect: .forbidden)
            let (kees, keesHeaders) = try await call(.get, "/v1/vrijwilligers/{id}", vrijwilliger, expect: .ok)
            try await call(.get, "/v1/vrijwilligers/{id}", "/v1/vrijwilligers/\(UUID())", expect: .notFound)
            try await call(.post, "/v1/vrijwilligers", as: .steunpunt, body: Fixtures.vrijwilligerBody, expect: .created)
            try await call(.post, "/v1/vrijwilligers", as: .steunpunt, body: Fixtures.vrijwilligerBody, expect: .conflict)
            try await call(.post, "/v1/vrijwilligers", as: .steunpunt, body: "{}", expect: .badRequest)
            try await call(.post, "/v1/vrijwilligers", as: .steunpunt, body: "x", type: "text/plain", expect: .unsupportedMediaType)
            try await call(.post, "/v1/vrijwilligers", body: Fixtures.vrijwilligerBody, expect: .forbidden)
            let keesJSON = try #require(kees.map { String(decoding: try JSONEncoder().encode(JSONRoundTrip($0)), as: UTF8.self) })
            try await call(.put, "/v1/vrijwilligers/{id}", vrijwilliger, as: .steunpunt, body: keesJSON, expect: .preconditionRequired)
            try await call(
                .put,
                "/v1/vrijwilligers/{id}",
                vrijwilliger,
                as: .steunpunt,
                body: keesJSON,
                headers: [.ifMatch: keesHeaders[.eTag] ?? ""],
                expect: .ok
            )
            try await call(
                .put,
                "/v1/vrijwilligers/{id}",
                vrijwilliger,
                as: .steunpunt,
                body: keesJSON,
                headers: [.ifMatch: keesHeaders[.eTag] ?? ""],
                expect: .preconditionFailed
            )
            try await call(
                .put,
                "/v1/vrijwilligers/{id}",
                "/v1/vrijwilligers/\(UUID())",
                as: .steunpunt,
                body: keesJSON,
                headers: [.ifMatch: "\"1\""],
                expect: .notFound
            )
            try await call(
                .post,
                "/v1/vrijwilligers/import",
                as: .steunpunt,
                body: "referentie;voornaam\nvw-1;Ann\n",
                type: "text/csv",
                expect: .unprocessableContent
            )
            try await call(.post, "/v1/vrijwilligers/import", as: .steunpunt, body: "{}", expect: .unsupportedMediaType)
            try await call(
                .post,
                "/v1/vrijwilligers/import",
                as: .steunpunt,
                body: """
                    referentie;voornaam;achternaam;kern;leefgebieden;beschikbaarheid;langste_inzet;uren_per_week;max_hulpvragen
                    vw-5000;An;Jansen;driel;financien;ma-ochtend;eenmalig;2;1

                    """,
                type: "text/csv",
                expect: .ok
            )

            // Voorzieningen.
            let (nieuw, _) = try await call(.post, "/v1/voorzieningen", as: .steunpunt, body: Fixtures.voorzieningBody, expect: .created)
            let voorziening = "/v1/voorzieningen/\(nieuw?["id"]?.string ?? "")"
            try await call(.post, "/v1/voorzieningen", as: .steunpunt, body: Fixtures.voorzieningBody, expect: .conflict)
            try await call(.post, "/v1/voorzieningen", as: .steunpunt, body: #"{"kernen": ["atlantis"]}"#, expect: .badRequest)
            try await call(.get, "/v1/voorzieningen", "/v1/voorzieningen?kern=heteren&leefgebied=financien", expect: .ok)
            try await call(.get, "/v1/voorzieningen", "/v1/voorzieningen?leeftijdsgroep=baby", expect: .badRequest)
            try await call(.get, "/v1/voorzieningen/hsds", expect: .ok)
            try await call(.get, "/v1/voorzieningen/{id}", "/v1/voorzieningen/geen-id", expect: .notFound)
            try await call(.get, "/v1/voorzieningen/hsds", "/v1/voorzieningen/hsds?paginaGrootte=0", expect: .badRequest)
            let (stored, storedHeaders) = try await call(.get, "/v1/voorzieningen/{id}", voorziening, expect: .ok)
            let storedJSON = try #require(stored.map { String(decoding: try JSONEncoder().encode(JSONRoundTrip($0)), as: UTF8.self) })
            try await call(
                .put,
                "/v1/voorzieningen/{id}",
                voorziening,
                as: .steunpunt,
                body: storedJSON,
                headers: [.ifMatch: storedHeaders[.eTag] ?? ""],
                expect: .ok
            )
            // Not an ETag at all: a bad request (a well-formed but old one is 412).
            try await call(
                .put,
                "/v1/voorzieningen/{id}",
                voorziening,
                as: .steunpunt,
                body: storedJSON,
                headers: [.ifMatch: "onzin"],
                expect: .badRequest
            )
            try await call(
                .post,
                "/v1/voorzieningen/import",
                as: .steunpunt,
                body: "referentie,aanbieder,naam,kernen,leefgebieden,laatst_geverifieerd\nvz-901,Kerk,Koffie-ochtend,*,sociaal-netwerk,2026-09-01\n",
                type: "text/csv",
                expect: .ok
            )
            try await call(.post, "/v1/voorzieningen/import", body: "referentie\nvz-902\n", type: "text/csv", expect: .forbidden)

            // Hulpvragen.
            let (hulpvraag, hulpvraagHeaders) = try await call(
                .post,
                "/v1/hulpvragen",
                body: Fixtures.hulpvraagBody,
                headers: [idempotencyKey: "contract-1"],
                expect: .created
            )
            try await call(.post, "/v1/hulpvragen", body: Fixtures.hulpvraagBody, headers: [idempotencyKey: "contract-1"], expect: .created)
            try await call(.post, "/v1/hulpvragen", body: #"{"initialen": "X"}"#, headers: [idempotencyKey: "contract-1"], expect: .badRequest)
            try await call(
                .post,
                "/v1/hulpvragen",
                body: Fixtures.hulpvraagBody.replacingOccurrences(of: "A.B.", with: "C.D."),
                headers: [idempotencyKey: "contract-1"],
                expect: .unprocessableContent
            )
            try await call(.post, "/v1/hulpvragen", as: .steunpunt, body: Fixtures.hulpvraagBody, expect: .forbidden)
            let path = "/v1/hulpvragen/\(hulpvraag?["id"]?.string ?? "")"
            try await call(.get, "/v1/hulpvragen", "/v1/hulpvragen?status=nieuw&kernteam=heteren", expect: .ok)
            try await call(.get, "/v1/hulpvragen", "/v1/hulpvragen?status=klaar", expect: .badRequest)
            try await call(.get, "/v1/hulpvragen/{id}", path, expect: .ok)
            try await call(.get, "/v1/hulpvragen/{id}", path, as: .kernteamlidAnderTeam, expect: .notFound)
            let hulpvraagJSON = try #require(hulpvraag.map { String(decoding: try JSONEncoder().encode(JSONRoundTrip($0)), as: UTF8.self) })
            try await call(.put, "/v1/hulpvragen/{id}", path, body: hulpvraagJSON, headers: [.ifMatch: hulpvraagHeaders[.eTag] ?? ""], expect: .ok)
            try await call(
                .put,
                "/v1/hulpvragen/{id}",
                path,
                body: hulpvraagJSON,
                headers: [.ifMatch: hulpvraagHeaders[.eTag] ?? ""],
                expect: .preconditionFailed
            )
            try await call(.put, "/v1/hulpvragen/{id}", path, body: hulpvraagJSON, expect: .preconditionRequired)
            try await call(
                .put,
                "/v1/hulpvragen/{id}",
                path,
                body: hulpvraagJSON,
                type: "text/plain",
                headers: [.ifMatch: "\"2\""],
                expect: .unsupportedMediaType
            )

            // Matching and koppelingen.
            let (kandidaten, _) = try await call(.get, "/v1/hulpvragen/{id}/kandidaten", "\(path)/kandidaten", expect: .ok)
            try await call(.get, "/v1/hulpvragen/{id}/kandidaten", "/v1/hulpvragen/\(UUID())/kandidaten", expect: .notFound)
            let kandidaat = kandidaten?["vrijwilligers"]?.array?.first?["id"]?.string ?? "geen"
            let voorstel = #"{"vrijwilliger": "\#(kandidaat)", "toelichting": "Eerst kennismaken."}"#
            let (koppeling, koppelingHeaders) = try await call(
                .post,
                "/v1/hulpvragen/{id}/koppelingen",
                "\(path)/koppelingen",
                body: voorstel,
                expect: .created
            )
            try await call(.post, "/v1/hulpvragen/{id}/koppelingen", "\(path)/koppelingen", body: voorstel, expect: .conflict)
            try await call(.post, "/v1/hulpvragen/{id}/koppelingen", "\(path)/koppelingen", body: #"{"vrijwilliger": "x"}"#, expect: .badRequest)
            try await call(.get, "/v1/hulpvragen/{id}/koppelingen", "\(path)/koppelingen", expect: .ok)
            try await call(.get, "/v1/hulpvragen/{id}/koppelingen", "\(path)/koppelingen?status=weg", expect: .badRequest)
            try await call(.get, "/v1/koppelingen", as: .steunpunt, expect: .ok)
            try await call(.get, "/v1/koppelingen", as: .wethouder, expect: .forbidden)
            let koppelingPath = "/v1/koppelingen/\(koppeling?["id"]?.string ?? "")"
            try await call(.get, "/v1/koppelingen/{id}", koppelingPath, as: .steunpunt, expect: .ok)
            try await call(.get, "/v1/koppelingen/{id}", koppelingPath, as: .kernteamlidAnderTeam, expect: .notFound)
            try await call(
                .put,
                "/v1/koppelingen/{id}/status",
                koppelingPath + "/status",
                body: #"{"status": "gestart"}"#,
                headers: [.ifMatch: koppelingHeaders[.eTag] ?? ""],
                expect: .ok
            )
            try await call(
                .put,
                "/v1/koppelingen/{id}/status",
                koppelingPath + "/status",
                body: #"{"status": "afgebroken"}"#,
                headers: [.ifMatch: "\"2\""],
                expect: .badRequest
            )
            try await call(
                .put,
                "/v1/koppelingen/{id}/status",
                koppelingPath + "/status",
                body: #"{"status": "geaccepteerd"}"#,
                headers: [.ifMatch: "\"2\""],
                expect: .conflict
            )
            // Completed, so the hulpvraag can be closed below.
            try await call(
                .put,
                "/v1/koppelingen/{id}/status",
                koppelingPath + "/status",
                body: #"{"status": "afgerond", "toelichting": "Gaat goed."}"#,
                headers: [.ifMatch: "\"2\""],
                expect: .ok
            )
            try await call(.get, "/v1/afbreekredenen", expect: .ok)
            try await call(.get, "/v1/afbreekredenen", as: nil, expect: .unauthorized)

            // Outcomes, nazorg and figures.
            try await call(.get, "/v1/uitkomsten", expect: .ok)
            try await call(.get, "/v1/uitkomsten", as: nil, expect: .unauthorized)
            let (huidig, huidigHeaders) = try await call(.get, "/v1/hulpvragen/{id}", path, expect: .ok)
            try await call(
                .put,
                "/v1/hulpvragen/{id}/nazorg",
                path + "/nazorg",
                body: #"{"opgelost": true}"#,
                headers: [.ifMatch: huidigHeaders[.eTag] ?? ""],
                expect: .badRequest
            )  // not closed yet
            try await call(
                .put,
                "/v1/hulpvragen/{id}/afsluiting",
                path + "/afsluiting",
                body: #"{"uitkomst": "onbekend"}"#,
                headers: [.ifMatch: huidigHeaders[.eTag] ?? ""],
                expect: .badRequest
            )
            let (gesloten, geslotenHeaders) = try await call(
                .put,
                "/v1/hulpvragen/{id}/afsluiting",
                path + "/afsluiting",
                body: #"{"uitkomst": "opgelost-voorliggend-veld", "onderdelen": ["vrijwilliger"], "zrmScores": {"financien": 4}}"#,
                headers: [.ifMatch: huidigHeaders[.eTag] ?? ""],
                expect: .ok
            )
            _ = huidig
            #expect(gesloten?["afsluiting"]?["uitkomst"]?.string == "opgelost-voorliggend-veld")
            try await call(
                .put,
                "/v1/hulpvragen/{id}/nazorg",
                path + "/nazorg",
                body: #"{"opgelost": true}"#,
                headers: [.ifMatch: geslotenHeaders[.eTag] ?? ""],
                expect: .ok
            )
            try await call(.get, "/v1/cijfers/voorliggend-veld", "/v1/cijfers/voorliggend-veld?per=leefgebied", as: .wethouder, expect: .ok)
            try await call(.get, "/v1/cijfers/voorliggend-veld", "/v1/cijfers/voorliggend-veld?per=maand", expect: .ok)
            try await call(.get, "/v1/cijfers/voorliggend-veld", "/v1/cijfers/voorliggend-veld?per=postcode", as: .wethouder, expect: .badRequest)
            try await call(.get, "/v1/cijfers/voorliggend-veld", as: .steunpunt, expect: .forbidden)
            try await call(.get, "/v1/cijfers/monitoring", as: .wethouder, expect: .ok)
            try await call(.get, "/v1/cijfers/monitoring", "/v1/cijfers/monitoring?van=2026-01-01&tot=2026-12-31", expect: .ok)
            try await call(
                .get,
                "/v1/cijfers/monitoring",
                "/v1/cijfers/monitoring?van=2026-12-01&tot=2026-01-01",
                as: .wethouder,
                expect: .badRequest
            )
            try await call(.get, "/v1/cijfers/signalen", as: .wethouder, expect: .ok)
            try await call(.get, "/v1/cijfers/signalen", "/v1/cijfers/signalen?tot=gisteren", expect: .badRequest)
            return (failures, covered, contract.document)
        }
        #expect(failures.isEmpty, "\(failures.count) contract failure(s):\n\(failures.joined(separator: "\n"))")
        // Every documented operation was exercised, with success and with at least one error.
        for (path, item) in document["paths"]?.object ?? [:] {
            for method in item.object?.keys.map({ $0.uppercased() }) ?? [] {
                let answers = covered.filter { $0.hasPrefix("\(method) \(path) ") }
                #expect(answers.contains { $0.hasSuffix(" 200") || $0.hasSuffix(" 201") }, "\(method) \(path) never answered successfully")
                if !path.hasPrefix("/health") && path != "/v1/openapi.json" {
                    #expect(answers.contains { !$0.hasSuffix(" 200") && !$0.hasSuffix(" 201") }, "\(method) \(path) never answered with an error")
                }
            }
        }
        await environment.close()
    }
}

let idempotencyKey = HTTPField.Name("Idempotency-Key")!

/// Encodes a parsed answer back to JSON, to send it again (GET, then PUT the same document).
struct JSONRoundTrip: Encodable {
    let value: JSON
    init(_ value: JSON) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .string(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .null: try container.encodeNil()
        case .array(let items): try container.encode(items.map(JSONRoundTrip.init))
        case .object(let fields): try container.encode(fields.mapValues(JSONRoundTrip.init))
        }
    }
}
