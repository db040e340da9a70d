import CalendarDate
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

@Suite("Hulpvragen")
struct HulpvragenTests {

    static func count(_ environment: TestEnvironment) async throws -> Int {
        try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM hulpvragen", decode: { row in try row.decode(0, as: Int.self) }) ?? -1
        }
    }

    @Test("a kernteamlid registers a hulpvraag for their own team, and lists only their team's")
    func registerAndList() async throws {
        let environment = try await TestEnvironment.seeded()
        let tokens = try await Fixtures.tokens(environment)
        try await Fixtures.app(environment).test(.router) { client in
            let location = try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: Fixtures.headers(Demo.kernteamlid.token),
                body: ByteBuffer(string: Fixtures.hulpvraagBody)
            ) { response in
                #expect(response.status == .created)
                #expect(response.headers[.eTag] == "\"1\"")
                let body = try JSON.parse(Data(buffer: response.body))
                #expect(body["kernteam"]?.string == "heteren")  // from the kern
                #expect(body["regisseur"]?.string == "kernteamlid")  // whoever registers, unless named
                #expect(body["status"]?.string == "nieuw")
                #expect(body["ontvangenOp"]?.string == CalendarDate.vandaag().description)
                #expect(body["zrmScores"] == .object(["financien": .number(2)]))
                #expect(body["leefgebieden"]?.strings == ["financien", "sociaal-netwerk"])
                #expect(body["doorverwezenNaarLoket"]?.bool == false)
                #expect(body["bsn"] == nil)
                let id = try #require(body["id"]?.string)
                #expect(id == id.lowercased())
                #expect(response.headers[.location] == "/v1/hulpvragen/\(id)")
                return response.headers[.location]
            }
            let path = try #require(location)
            // Kernteam Driel registers one of its own.
            let driel = Fixtures.hulpvraagBody.replacingOccurrences(of: "\"heteren\"", with: "\"driel\"")
            try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: Fixtures.headers(tokens[.kernteamlidAnderTeam]!),
                body: ByteBuffer(string: driel)
            ) { response in
                #expect(response.status == .created)
            }
            for (token, team) in [(Demo.kernteamlid.token, "heteren"), (tokens[.kernteamlidAnderTeam]!, "driel")] {
                try await client.execute(uri: "/v1/hulpvragen", method: .get, headers: Fixtures.headers(token)) { response in
                    let body = try JSON.parse(Data(buffer: response.body))
                    #expect(body["totaal"]?.int == 1)
                    #expect(body["items"]?.array?.compactMap { $0["kernteam"]?.string } == [team])
                }
            }
            // Asking for the other team's list gives nothing, not an error that reveals it.
            try await client.execute(uri: "/v1/hulpvragen?kernteam=driel", method: .get, headers: Fixtures.headers(Demo.kernteamlid.token)) {
                response in
                let body = try JSON.parse(Data(buffer: response.body))
                #expect(body["totaal"]?.int == 0)
            }
            try await client.execute(uri: path, method: .get, headers: Fixtures.headers(tokens[.kernteamlidAnderTeam]!)) { response in
                #expect(response.status == .notFound)
            }
        }
        // Every read and change is in the audit log, the refused read too.
        let acties = try await environment.owner.withConnection { connection in
            try await connection.query("SELECT actie || ':' || resultaat FROM auditlog WHERE object_type = 'hulpvraag' ORDER BY id") { row in
                try row.decode(0, as: String.self)
            }
        }
        #expect(
            acties == [
                "hulpvraag-registreren:toegestaan", "hulpvraag-registreren:toegestaan", "hulpvragen-lezen:toegestaan",
                "hulpvragen-lezen:toegestaan", "hulpvragen-lezen:toegestaan", "hulpvraag-lezen:niet-gevonden",
            ]
        )
        await environment.close()
    }

    @Test("every invalid field is reported at once, and nothing is written")
    func validation() async throws {
        let environment = try await TestEnvironment.seeded()
        let bad = """
            {"dossierreferentie": "111222333", "initialen": "A1", "geboortejaar": 1800, "kern": "atlantis", "kanaal": "fax",
             "ontvangenOp": "2999-01-01", "leefgebieden": ["financien", "geluk"], "zrmScores": {"financien": 9, "justitie": 2},
             "taken": ["toveren"], "dagdelen": ["ma-nacht"], "duur": "altijd", "urenPerWeek": 0, "jeugd": "misschien",
             "status": "afgesloten", "bsn": "111222333"}
            """
        try await Fixtures.app(environment).test(.router) { client in
            try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: Fixtures.headers(Demo.kernteamlid.token),
                body: ByteBuffer(string: bad)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let body = try JSON.parse(Data(buffer: response.body))
                let fields = Set(body["invalidParams"]?.array?.compactMap { $0["name"]?.string } ?? [])
                #expect(
                    fields == [
                        "dossierreferentie", "initialen", "geboortejaar", "kern", "kanaal", "ontvangenOp", "leefgebieden",
                        "zrmScores.financien", "zrmScores.justitie", "taken", "dagdelen", "duur", "urenPerWeek", "jeugd", "status", "bsn",
                    ]
                )
                let reasons = body["invalidParams"]?.array?.compactMap { $0["reason"]?.string } ?? []
                #expect(reasons.contains { $0.contains("BSN") })
                #expect(reasons.contains("onbekende kern 'atlantis' in deze gemeente"))
            }
            // Another team's kern, a kern and team that do not belong together, a regisseur outside the team.
            for (change, field, reason) in [
                (#""kern": "driel""#, "kernteam", "u bent geen lid van kernteam 'driel'"),
                (#""kern": "driel", "kernteam": "heteren""#, "kern", "kern 'driel' hoort bij kernteam 'driel', niet bij 'heteren'"),
                (#""kern": "heteren", "regisseur": "steunpunt""#, "regisseur", "is geen lid van het kernteam van deze hulpvraag"),
            ] {
                let body = Fixtures.hulpvraagBody.replacingOccurrences(of: #""kern": "heteren""#, with: change)
                try await client.execute(
                    uri: "/v1/hulpvragen",
                    method: .post,
                    headers: Fixtures.headers(Demo.kernteamlid.token),
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .badRequest)
                    let problems = try JSON.parse(Data(buffer: response.body))["invalidParams"]?.array ?? []
                    #expect(problems.map { "\($0["name"]?.string ?? ""): \($0["reason"]?.string ?? "")" } == ["\(field): \(reason)"])
                }
            }
        }
        #expect(try await Self.count(environment) == 0)
        await environment.close()
    }

    @Test("a Veilig Thuis signal goes to the loket at once and stays; without consent no volunteer may be matched")
    func routing() async throws {
        let environment = try await TestEnvironment.seeded()
        let signaal = Fixtures.hulpvraagBody
            .replacingOccurrences(of: #""toestemmingVrijwilliger": true"#, with: #""toestemmingVrijwilliger": true, "veiligThuis": true"#)
        try await Fixtures.app(environment).test(.router) { client in
            let (location, etag) = try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: Fixtures.headers(Demo.kernteamlid.token),
                body: ByteBuffer(string: signaal)
            ) { response in
                #expect(response.status == .created)
                let body = try JSON.parse(Data(buffer: response.body))
                #expect(body["veiligThuis"]?.bool == true)
                #expect(body["doorverwezenNaarLoket"]?.bool == true)
                return (response.headers[.location]!, response.headers[.eTag]!)
            }
            // Withdrawing the signal is refused, by Swift with a message and by the database in any case.
            let withdrawn = signaal.replacingOccurrences(of: #""veiligThuis": true"#, with: #""veiligThuis": false"#)
            try await client.execute(
                uri: location,
                method: .put,
                headers: Fixtures.headers(Demo.kernteamlid.token, [.ifMatch: etag]),
                body: ByteBuffer(string: withdrawn)
            ) { response in
                #expect(response.status == .badRequest)
                let problems = try JSON.parse(Data(buffer: response.body))["invalidParams"]?.array ?? []
                #expect(problems.compactMap { $0["name"]?.string } == ["veiligThuis"])
            }
            // "gekoppeld" comes from a koppeling, not from an edit.
            let gekoppeld = Fixtures.hulpvraagBody(#""status": "gekoppeld", "veiligThuis": true"#)
            try await client.execute(
                uri: location,
                method: .put,
                headers: Fixtures.headers(Demo.kernteamlid.token, [.ifMatch: etag]),
                body: ByteBuffer(string: gekoppeld)
            ) { response in
                #expect(response.status == .badRequest)
                let problems = try JSON.parse(Data(buffer: response.body))["invalidParams"]?.array ?? []
                #expect(problems.compactMap { $0["name"]?.string } == ["status"])
            }
        }
        let scope = try await environment.proven(
            AccessScope(gemeente: "GM1734", gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])
        )
        await #expect(throws: PostgresError.self) {
            try await environment.service.withTransaction(in: scope) { connection in
                try await connection.execute("UPDATE hulpvragen SET veilig_thuis = false, doorverwezen_naar_loket = false")
            }
        }
        let flags = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT veilig_thuis AND doorverwezen_naar_loket FROM hulpvragen") { row in try row.decode(0, as: Bool.self)
            }
        }
        #expect(flags == true)

        // The routing rule itself.
        let referenties = try await ReferentieStore(pool: environment.service).referenties(in: scope)
        let gebruiker = Gebruiker(naam: "kernteamlid", weergavenaam: "K", gemeente: "GM1734", rollen: [.kernteamlid], kernteams: ["heteren"])
        func lees(_ json: String) throws -> Hulpvraag {
            let fields = try JSONDecoder().decode([String: JSON].self, from: Data(json.utf8)).mapValues(\.ruw)
            return try Hulpvraag.lees(fields, door: gebruiker, referenties: referenties, vandaag: .vandaag())
        }
        #expect(try lees(Fixtures.hulpvraagBody).magVrijwilligerKrijgen)
        #expect(try !lees(signaal).magVrijwilligerKrijgen)
        #expect(
            try !lees(Fixtures.hulpvraagBody.replacingOccurrences(of: #""toestemmingVrijwilliger": true"#, with: #""jeugd": true"#))
                .magVrijwilligerKrijgen
        )
        await environment.close()
    }

    @Test("two coordinators editing one version: one wins, the other gets 412 with the current ETag")
    func concurrentEdits() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let location = try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: Fixtures.headers(Demo.kernteamlid.token),
                body: ByteBuffer(string: Fixtures.hulpvraagBody)
            ) { $0.headers[.location]! }
            func edit(_ omschrijving: String) async throws -> (HTTPResponse.Status, String?) {
                let body = Fixtures.hulpvraagBody.replacingOccurrences(of: "Kan de post en rekeningen niet meer bijhouden.", with: omschrijving)
                return try await client.execute(
                    uri: location,
                    method: .put,
                    headers: Fixtures.headers(Demo.kernteamlid.token, [.ifMatch: "\"1\""]),
                    body: ByteBuffer(string: body)
                ) { ($0.status, $0.headers[.eTag]) }
            }
            async let first = edit("eerste")
            async let second = edit("tweede")
            let results = try await [first, second]
            #expect(results.map(\.0).sorted { $0.code < $1.code } == [.ok, .preconditionFailed])
            #expect(results.map(\.1) == ["\"2\"", "\"2\""])
            try await client.execute(uri: location, method: .get, headers: Fixtures.headers(Demo.kernteamlid.token)) { response in
                let body = try JSON.parse(Data(buffer: response.body))
                let winner = results[0].0 == .ok ? "eerste" : "tweede"
                #expect(body["omschrijving"]?.string == winner)
                #expect(body["versie"]?.int == 2)
            }
        }
        await environment.close()
    }

    @Test("a retried create with the same Idempotency-Key makes one hulpvraag, even when the retries race")
    func idempotentRetries() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            func post(_ body: String = Fixtures.hulpvraagBody, key: String) async throws -> (HTTPResponse.Status, String?, String?) {
                try await client.execute(
                    uri: "/v1/hulpvragen",
                    method: .post,
                    headers: Fixtures.headers(Demo.kernteamlid.token, [idempotencyKey: key]),
                    body: ByteBuffer(string: body)
                ) { response in
                    (response.status, response.headers[.location], response.headers[HTTPField.Name("Idempotent-Replayed")!])
                }
            }
            async let a = post(key: "intake-42")
            async let b = post(key: "intake-42")
            async let c = post(key: "intake-42")
            let results = try await [a, b, c]
            #expect(results.allSatisfy { $0.0 == .created })
            #expect(Set(results.map(\.1)).count == 1)
            #expect(results.filter { $0.2 == "true" }.count == 2)
            // The same key for a different request is refused; a new key makes a new hulpvraag.
            #expect(
                try await post(Fixtures.hulpvraagBody.replacingOccurrences(of: "1948", with: "1949"), key: "intake-42").0 == .unprocessableContent
            )
            #expect(try await post(key: "intake-43").0 == .created)
            #expect(try await post(key: String(repeating: "x", count: 201)).0 == .badRequest)
        }
        #expect(try await Self.count(environment) == 2)
        // Each replay read the hulpvraag again, audited; the stored keys hold no contents.
        let (reads, columns) = try await environment.owner.withConnection { connection in
            (
                try await connection.queryOne("SELECT count(*) FROM auditlog WHERE actie = 'hulpvraag-lezen'") { row in
                    try row.decode(0, as: Int.self)
                },
                try await connection.query("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'idempotentie' ORDER BY 1") {
                    row in
                    try row.decode(0, as: String.self)
                }
            )
        }
        #expect(reads == 2)
        #expect(columns == ["aangemaakt_op", "etag", "gebruiker", "gemeente", "locatie", "sleutel", "status", "verzoek_hash"])
        // Keys are kept for a day.
        try await environment.owner.withConnection { connection in
            _ = try await connection.execute("UPDATE idempotentie SET aangemaakt_op = now() - interval '25 hours' WHERE sleutel = 'intake-42'")
        }
        let report = try await RetentionStore(pool: environment.owner).run(dryRun: false)
        #expect(report.idempotentie == 1)
        await environment.close()
    }

    @Test("a hulpvraag moves on but never back to 'nieuw', and stays editable after its regisseur left")
    func statusAndRegisseur() async throws {
        let environment = try await TestEnvironment.seeded()
        let users = UserStore(pool: environment.owner, hasher: TestEnvironment.hasher)
        try await users.add(
            .init(naam: "collega", weergavenaam: "Collega Heteren", gemeente: "GM1734", rollen: [.kernteamlid], kernteams: ["heteren"])
        )
        let collega = try await users.createToken(naam: "collega")
        try await Fixtures.app(environment).test(.router) { client in
            let location = try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: Fixtures.headers(Demo.kernteamlid.token),
                body: ByteBuffer(string: Fixtures.hulpvraagBody)
            ) { $0.headers[.location]! }
            func put(_ status: String, versie: Int, token: String = collega) async throws -> (HTTPResponse.Status, String) {
                let body = Fixtures.hulpvraagBody(#""regisseur": "kernteamlid", "status": "\#(status)""#)
                return try await client.execute(
                    uri: location,
                    method: .put,
                    headers: Fixtures.headers(token, [.ifMatch: "\"\(versie)\""]),
                    body: ByteBuffer(string: body)
                ) { response in
                    (response.status, String(buffer: response.body))
                }
            }
            #expect(try await put("in-behandeling", versie: 1).0 == .ok)
            let terug = try await put("nieuw", versie: 2)
            #expect(terug.0 == .badRequest)
            #expect(terug.1.contains("van 'in-behandeling' kan een hulpvraag niet terug naar 'nieuw'"))
            // The regisseur leaves; a colleague can still close the hulpvraag as it is.
            #expect(try await users.disable(naam: "kernteamlid"))
            // Closing takes an outcome; a plain status change to afgesloten is refused.
            #expect(try await put("afgesloten", versie: 2).0 == .badRequest)
            let gesloten = try await client.execute(
                uri: location + "/afsluiting",
                method: .put,
                headers: Fixtures.headers(collega, [.ifMatch: "\"2\""]),
                body: ByteBuffer(string: #"{"uitkomst": "niet-opgelost"}"#)
            ) { $0.status }
            #expect(gesloten == .ok)
            #expect(try await put("in-behandeling", versie: 3).0 == .ok)  // reopened after nazorg
            // Naming a regisseur who is not (or no longer) in the team is refused.
            let body = Fixtures.hulpvraagBody(#""regisseur": "kernteamlid.driel""#)
            try await client.execute(
                uri: location,
                method: .put,
                headers: Fixtures.headers(collega, [.ifMatch: "\"4\""]),
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
        await environment.close()
    }

    @Test("initials and texts the database would refuse are refused first, with a message")
    func databaseRulesFirst() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            for (change, field) in [
                (#""initialen": "Ł.""#, "initialen"),
                (#""initialen": "A.B.", "omschrijving": "\#(String(repeating: "e\u{301}", count: 2_001))""#, "omschrijving"),
            ] {
                let body = Fixtures.hulpvraagBody.replacingOccurrences(of: #""initialen": "A.B.""#, with: change)
                try await client.execute(
                    uri: "/v1/hulpvragen",
                    method: .post,
                    headers: Fixtures.headers(Demo.kernteamlid.token),
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .badRequest, "\(field)")
                    let problems = try JSON.parse(Data(buffer: response.body))["invalidParams"]?.array ?? []
                    #expect(problems.compactMap { $0["name"]?.string } == [field])
                }
            }
        }
        #expect(try await Self.count(environment) == 0)
        await environment.close()
    }
}

extension JSON {
    /// As the service reads a request body.
    var ruw: RuweWaarde {
        switch self {
        case .string(let text): .tekst(text)
        case .number(let number): .getal(number)
        case .bool(let value): .waarheid(value)
        case .array(let values): .lijst(values.map(\.ruw))
        case .object(let fields): .object(fields.mapValues(\.ruw))
        case .null: .leeg
        }
    }
}
