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

@Suite("Outcomes and figures")
struct UitkomstenTests {

    /// A shown count as the wethouder gets it, against the truth: hidden, or at least 5 and within 3 of it.
    static func beschermd(_ json: JSON?, echt: Int, _ commentaar: Comment? = nil) {
        if echt == 0 {
            #expect(json?["onderdrukt"]?.bool == true, commentaar)
        } else if let waarde = json?["waarde"]?.int {
            #expect(waarde >= 5 && abs(waarde - echt) <= 3 && json?["metRuis"]?.bool == true, commentaar)
        } else {
            #expect(json?["onderdrukt"]?.bool == true && echt + 3 >= 5 || echt < 5, commentaar)
        }
    }

    static func sluitAf(_ client: some TestClientProtocol, _ id: String, versie: Int, _ body: String) async throws -> (HTTPResponse.Status, JSON) {
        try await client.execute(
            uri: "/v1/hulpvragen/\(id)/afsluiting",
            method: .put,
            headers: [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json", .ifMatch: "\"\(versie)\""],
            body: ByteBuffer(string: body)
        ) { response in (response.status, (try? JSON.parse(Data(buffer: response.body))) ?? .null) }
    }

    static func nieuw(_ client: some TestClientProtocol, ontvangen: String = "2026-10-01") async throws -> String {
        try await client.execute(
            uri: "/v1/hulpvragen",
            method: .post,
            headers: [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json"],
            body: ByteBuffer(string: Fixtures.hulpvraagBody(#""ontvangenOp": "\#(ontvangen)""#))
        ) { response in
            try JSON.parse(Data(buffer: response.body))["id"]?.string ?? ""
        }
    }

    @Test("every outcome counts in the percentages as defined; the wethouder sees suppressed counts, the team exact ones")
    func outcomes() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let uitkomsten: [(String, String)] = [
                ("opgelost-voorliggend-veld", #", "onderdelen": ["vrijwilliger", "algemene-voorziening"]"#),
                ("opgelost-voorliggend-veld-en-maatwerk", #", "onderdelen": ["netwerk"]"#),
                ("loket-maatwerk-met-voorwerk", ""), ("loket-maatwerk", ""), ("elders-doorverwezen", ""), ("niet-opgelost", ""), ("ingetrokken", ""),
            ]
            for (index, (uitkomst, extra)) in uitkomsten.enumerated() {
                let id = try await Self.nieuw(client)
                let datum = index < 4 ? "2026-10-31" : "2026-11-01"  // both sides of a month boundary
                let (status, body) = try await Self.sluitAf(
                    client,
                    id,
                    versie: 1,
                    #"{"uitkomst": "\#(uitkomst)", "afgeslotenOp": "\#(datum)"\#(extra)}"#
                )
                #expect(status == .ok, "\(uitkomst)")
                #expect(body["status"]?.string == "afgesloten")
                // Nazorg asks whether it stayed solved: planned for the outcomes that solved it.
                let opgelost = uitkomst.hasPrefix("opgelost")
                #expect(body["afsluiting"]?["nazorgOp"]?.string == (opgelost ? CalendarDate(iso: datum)!.plus(dagen: 91).description : nil))
            }
            // The team's own figures, exact.
            let team = try await Fixtures.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-11-30")
            #expect(team["onthullingsbeheer"]?.bool == false)
            #expect(team["totaal"]?["afgesloten"]?["waarde"]?.int == 7)
            #expect(team["totaal"]?["ingetrokken"]?["waarde"]?.int == 1)
            #expect(team["totaal"]?["alleenVoorliggendVeld"]?["teller"]?["waarde"]?.int == 1)
            #expect(team["totaal"]?["alleenVoorliggendVeld"]?["noemer"]?["waarde"]?.int == 6)
            #expect(team["totaal"]?["alleenVoorliggendVeld"]?["percentage"] == .number(16.7))
            #expect(team["totaal"]?["voorliggendVeldBetrokken"]?["percentage"] == .number(33.3))
            let maanden = try await Fixtures.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-11-30&per=maand")
            #expect(
                maanden["rijen"]?.array?.map { "\($0["waarde"]?.string ?? ""):\($0["afgesloten"]?["waarde"]?.int ?? -1)" } == [
                    "2026-10:4", "2026-11:3",
                ]
            )
            // The wethouder: counts under 5 never exactly, no percentage under a denominator of 10, and whole periods only.
            let wethouder = try await Fixtures.get(
                client,
                "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-12-31&per=maand",
                token: Demo.wethouder.token
            )
            #expect(wethouder["onthullingsbeheer"]?.bool == true)
            #expect(wethouder["bescherming"]?.string == Onthulling().uitleg)
            Self.beschermd(wethouder["totaal"]?["afgesloten"], echt: 7)
            #expect(wethouder["totaal"]?["ingetrokken"]?["onderdrukt"]?.bool == true)  // 1: never shown
            #expect(wethouder["totaal"]?["ingetrokken"]?["waarde"] == nil)
            #expect(wethouder["totaal"]?["alleenVoorliggendVeld"]?["percentage"] == nil)  // 6 + at most 3 stays under 10
            let perMaand = wethouder["rijen"]?.array ?? []
            // Every month of the period up to today is listed, also one with nothing closed.
            #expect(
                perMaand.map { $0["waarde"]?.string }
                    == ["2026-10", "2026-11", "2026-12"].filter { $0 <= String(CalendarDate.vandaag().description.prefix(7)) }
            )
            Self.beschermd(perMaand.first?["afgesloten"], echt: 4)
            Self.beschermd(perMaand.last?["afgesloten"], echt: 3)
            try await client.execute(
                uri: "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-11-30&per=maand",
                method: .get,
                headers: [.authorization: "Bearer \(Demo.wethouder.token)"]
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSON.parse(Data(buffer: response.body))
                #expect(
                    problem["invalidParams"]?.array?.first?["reason"]?.string?.contains(
                        "kies een hele maand, een heel kwartaal of een heel kalenderjaar"
                    ) == true
                )
            }
            // Leefgebieden: a hulpvraag counts once under each of its two.
            let leefgebieden = try await Fixtures.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-11-30&per=leefgebied")
            #expect(
                leefgebieden["rijen"]?.array?.map { "\($0["waarde"]?.string ?? ""):\($0["afgesloten"]?["waarde"]?.int ?? -1)" }
                    == ["financien:7", "sociaal-netwerk:7"]
            )
        }
        // The wethouder's own queries see no hulpvraag row; only the figures function counts them.
        let rows = try await environment.service.withTransaction(
            in: try await environment.proven(AccessScope(gemeente: "GM1734", gebruiker: "wethouder", rollen: [.wethouder], kernteams: []))
        ) { connection in
            try await connection.queryOne("SELECT count(*) FROM hulpvragen") { row in try row.decode(0, as: Int.self) }
        }
        #expect(rows == 0)
        await environment.close()
    }

    @Test("closing needs a valid outcome and parts; nazorg only after closing; reopening clears the closure")
    func closingRules() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let id = try await Self.nieuw(client)
            let (fout, problem) = try await Self.sluitAf(
                client,
                id,
                versie: 1,
                #"{"uitkomst": "opgelost-voorliggend-veld", "zrmScores": {"justitie": 2}, "afgeslotenOp": "2026-09-01"}"#
            )
            #expect(fout == .badRequest)
            #expect(
                Set(problem["invalidParams"]?.array?.compactMap { $0["name"]?.string } ?? []) == ["onderdelen", "zrmScores.justitie", "afgeslotenOp"]
            )
            let (_, gesloten) = try await Self.sluitAf(
                client,
                id,
                versie: 1,
                #"{"uitkomst": "niet-opgelost", "zrmScores": {"financien": 3}, "nazorgOp": "2027-01-15"}"#
            )
            #expect(gesloten["afsluiting"]?["zrmScores"] == .object(["financien": .number(3)]))
            #expect(gesloten["zrmScores"] == .object(["financien": .number(2)]))  // the intake score stays
            #expect(gesloten["afsluiting"]?["nazorgOp"]?.string == "2027-01-15")
            try await client.execute(
                uri: "/v1/hulpvragen/\(id)/nazorg",
                method: .put,
                headers: [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json", .ifMatch: "\"2\""],
                body: ByteBuffer(string: #"{"opgelost": false}"#)
            ) { response in
                #expect(response.status == .ok)
                let body = try JSON.parse(Data(buffer: response.body))
                #expect(body["nazorgOpgelost"]?.bool == false)
            }
            // Reopened: no outcome any more.
            try await client.execute(
                uri: "/v1/hulpvragen/\(id)",
                method: .put,
                headers: [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json", .ifMatch: "\"3\""],
                body: ByteBuffer(string: Fixtures.hulpvraagBody(#""status": "in-behandeling", "ontvangenOp": "2026-10-01""#))
            ) { response in
                #expect(response.status == .ok)
                let body = try JSON.parse(Data(buffer: response.body))
                #expect(body["afsluiting"] == nil && body["nazorgOpgelost"] == nil)
            }
        }
        await environment.close()
    }

    @Test(
        "a Veilig Thuis hulpvraag went to the loket: never closed as solved by the voorliggend veld alone or with a volunteer, in the API and in the database"
    )
    func veiligThuisGoesToTheLoket() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json"]
            let id = try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: Fixtures.hulpvraagBody(#""ontvangenOp": "2026-10-01", "veiligThuis": true"#))
            ) { response in
                #expect(response.status == .created)
                return try JSON.parse(Data(buffer: response.body))["id"]?.string ?? ""
            }
            func velden(_ problem: JSON) -> [String] { problem["invalidParams"]?.array?.compactMap { $0["name"]?.string } ?? [] }
            var (status, problem) = try await Self.sluitAf(
                client,
                id,
                versie: 1,
                #"{"uitkomst": "opgelost-voorliggend-veld", "onderdelen": ["netwerk"]}"#
            )
            #expect(status == .badRequest && velden(problem) == ["uitkomst"])
            (status, problem) = try await Self.sluitAf(
                client,
                id,
                versie: 1,
                #"{"uitkomst": "opgelost-voorliggend-veld-en-maatwerk", "onderdelen": ["vrijwilliger"]}"#
            )
            #expect(status == .badRequest && velden(problem) == ["onderdelen"])
            (status, _) = try await Self.sluitAf(client, id, versie: 1, #"{"uitkomst": "loket-maatwerk"}"#)
            #expect(status == .ok)
            // The database keeps the rule too, whoever writes.
            for wijziging in [
                "uitkomst = 'opgelost-voorliggend-veld', onderdelen = '{netwerk}'",
                "uitkomst = 'opgelost-voorliggend-veld-en-maatwerk', onderdelen = '{vrijwilliger}'",
            ] {
                let constraint = try await environment.owner.withConnection { connection in
                    do {
                        // The statement is one of this test's literals.
                        try await connection.execute("UPDATE hulpvragen SET \(wijziging) WHERE id = $1", [UUID(uuidString: id)!])
                        return "geen"
                    } catch let error as PostgresError { return error.constraint ?? error.message }
                }
                #expect(constraint == "hulpvragen_veilig_thuis_naar_loket", "\(wijziging)")
            }

            // A closure made before the rule (written here with triggers off) can still be edited as it is.
            try await environment.owner.withConnection { connection in
                try await connection.executeScript(
                    """
                    SET session_replication_role = replica;
                    UPDATE hulpvragen SET uitkomst = 'opgelost-voorliggend-veld', onderdelen = '{netwerk}' WHERE id = '\(id)';
                    RESET session_replication_role;
                    """
                )
            }
            var oud = headers
            oud[.ifMatch] = "\"2\""
            try await client.execute(
                uri: "/v1/hulpvragen/\(id)",
                method: .put,
                headers: oud,
                body: ByteBuffer(
                    string: Fixtures.hulpvraagBody(#""ontvangenOp": "2026-09-30", "veiligThuis": true"#)
                )
            ) { response in
                #expect(response.status == .ok)
            }

            // A hulpvraag closed as solved by the voorliggend veld gets the signal only when reopened.
            let ander = try await Self.nieuw(client)
            (status, _) = try await Self.sluitAf(
                client,
                ander,
                versie: 1,
                #"{"uitkomst": "opgelost-voorliggend-veld", "onderdelen": ["vrijwilliger"]}"#
            )
            #expect(status == .ok)
            var gewijzigd = headers
            gewijzigd[.ifMatch] = "\"2\""
            try await client.execute(
                uri: "/v1/hulpvragen/\(ander)",
                method: .put,
                headers: gewijzigd,
                body: ByteBuffer(string: Fixtures.hulpvraagBody(#""ontvangenOp": "2026-10-01", "veiligThuis": true"#))
            ) { response in
                #expect(response.status == .badRequest)
                let body = try JSON.parse(Data(buffer: response.body))
                #expect(velden(body) == ["veiligThuis"])
            }
            try await client.execute(
                uri: "/v1/hulpvragen/\(ander)",
                method: .put,
                headers: gewijzigd,
                body: ByteBuffer(
                    string: Fixtures.hulpvraagBody(#""ontvangenOp": "2026-10-01", "veiligThuis": true, "status": "in-behandeling""#)
                )
            ) { response in
                #expect(response.status == .ok)
            }
        }
        await environment.close()
    }

    @Test("the suppression threshold and minimum denominator are the operator's: with 10, a count of 6 is hidden from the wethouder")
    func configurableThreshold() async throws {
        let environment = try await TestEnvironment.seeded()
        var dependencies = environment.dependencies
        dependencies.onthulling = Onthulling(drempel: 10, minimumNoemer: 20)
        let app = buildApplication(HTTPConfiguration(port: 0), dependencies: dependencies, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for _ in 0..<6 {  // 6 + at most 3 stays under 10
                let id = try await Self.nieuw(client)
                _ = try await Self.sluitAf(client, id, versie: 1, #"{"uitkomst": "niet-opgelost", "afgeslotenOp": "2026-10-20"}"#)
            }
            let wethouder = try await Fixtures.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-10-31", token: Demo.wethouder.token)
            #expect(wethouder["totaal"]?["afgesloten"]?["onderdrukt"]?.bool == true)
            #expect(wethouder["totaal"]?["afgesloten"]?["waarde"] == nil)
            let team = try await Fixtures.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-10-31")
            #expect(team["totaal"]?["afgesloten"]?["waarde"]?.int == 6)
        }
        await environment.close()
    }

    @Test("the gemeente's nazorg period sets the nazorg date of a solved hulpvraag closed from then on")
    func nazorgPeriod() async throws {
        let environment = try await TestEnvironment.seeded()
        let gebied = GebiedStore(pool: environment.owner)
        #expect(try await gebied.nazorgDagen(in: .onderhoud(gemeente: "GM1734")) == 91)
        #expect(try await gebied.nazorgDagen(zetten: 60, in: .onderhoud(gemeente: "GM1734")) == 60)
        await #expect(throws: Invoerfouten.self) { try await gebied.nazorgDagen(zetten: 3, in: .onderhoud(gemeente: "GM1734")) }
        #expect(try await gebied.nazorgDagen(zetten: 60, in: .onderhoud(gemeente: "GM9999")) == nil)
        try await Fixtures.app(environment).test(.router) { client in
            let id = try await Self.nieuw(client)
            let (status, gesloten) = try await Self.sluitAf(
                client,
                id,
                versie: 1,
                #"{"uitkomst": "opgelost-voorliggend-veld", "onderdelen": ["netwerk"], "afgeslotenOp": "2026-10-10"}"#
            )
            #expect(status == .ok)
            #expect(gesloten["afsluiting"]?["nazorgOp"]?.string == "2026-12-09")  // 60 days on
        }
        await environment.close()
    }

    @Test("the monitoring tables count new hulpvragen by kernteam and month, leefgebied and kern, kanaal, youth and visits")
    func monitoring() async throws {
        let environment = try await TestEnvironment.seeded(hulpvragen: true)
        try await Fixtures.app(environment).test(.router) { client in
            let team = try await Fixtures.get(client, "/v1/cijfers/monitoring?van=2026-11-01&tot=2026-11-30")
            // The eight demo hulpvragen of kernteam Heteren, all received in November 2026.
            let instroom = team["instroomPerKernteamPerMaand"]
            #expect(instroom?["rijen"]?.strings == ["heteren"])
            #expect(instroom?["kolommen"]?.strings == ["2026-11"])
            #expect(instroom?["totaal"]?["waarde"]?.int == 8)
            let perKern = team["leefgebiedenPerKern"]
            #expect(perKern?["kolommen"]?.strings == ["heteren", "homoet"])
            // 13 leefgebied entries for 8 hulpvragen: each counts under every leefgebied it has.
            #expect(perKern?["totaal"]?["waarde"]?.int == 13)
            #expect(team["kanalen"]?["telefoon"]?["aantal"]?["waarde"]?.int == 3)
            #expect(team["viaLoket"]?["aantal"]?["waarde"]?.int == 1)
            #expect(team["jeugd"]?["aantal"]?["waarde"]?.int == 1)
            #expect(team["gezamenlijkeHuisbezoeken"]?["waarde"]?.int == 3)
            // The wethouder sees the same tables, protected.
            let wethouder = try await Fixtures.get(client, "/v1/cijfers/monitoring?van=2026-11-01&tot=2026-11-30", token: Demo.wethouder.token)
            #expect(wethouder["bescherming"]?.string == Onthulling().uitleg)
            #expect(wethouder["instroomPerKernteamPerMaand"]?["rijen"]?.array?.count == 8)
            Self.beschermd(wethouder["instroomPerKernteamPerMaand"]?["totaal"], echt: 8)
            Self.beschermd(wethouder["kanalen"]?["telefoon"]?["aantal"], echt: 3)
            Self.beschermd(wethouder["gezamenlijkeHuisbezoeken"], echt: 3)
            #expect(wethouder["viaLoket"]?["aantal"]?["onderdrukt"]?.bool == true)  // 1: never shown
            // The intake total and the whole of the kanaal shares count the same hulpvragen: one number.
            #expect(wethouder["instroomPerKernteamPerMaand"]?["totaal"] == wethouder["kanalen"]?["telefoon"]?["van"])
            // Heteren's only month and its row total likewise.
            let heteren = wethouder["instroomPerKernteamPerMaand"]?["rijen"]?.strings?.firstIndex(of: "heteren") ?? 0
            #expect(
                wethouder["instroomPerKernteamPerMaand"]?["cellen"]?.array?[heteren].array?.first
                    == wethouder["instroomPerKernteamPerMaand"]?["rijtotalen"]?.array?[heteren]
            )
            let cellen = wethouder["leefgebiedenPerKern"]?["cellen"]?.array?.flatMap { $0.array ?? [] } ?? []
            #expect(cellen.allSatisfy { ($0["waarde"]?.int ?? 0) == 0 || ($0["waarde"]?.int ?? 0) >= 5 })
        }
        await environment.close()
    }

    @Test("with the demo data, the wethouder's figures are the totals counted by hand from the seed file, and nothing under 5 is shown")
    func demoFigures() async throws {
        // Count by hand, from the file: Overbetuwe's hulpvragen closed in 2026, by outcome.
        let table = try CSVTable(try String(contentsOfFile: TestEnvironment.seedDirectory + "/hulpvragen.csv", encoding: .utf8))
        let gesloten = table.rows.filter { $0["gemeente"] == "GM1734" && !$0["uitkomst"].isEmpty }
        let ingetrokken = gesloten.filter { $0["uitkomst"] == "ingetrokken" }.count
        let alleen = gesloten.filter { $0["uitkomst"] == "opgelost-voorliggend-veld" }.count
        let betrokken = alleen + gesloten.filter { $0["uitkomst"] == "opgelost-voorliggend-veld-en-maatwerk" }.count
        let noemer = gesloten.count - ingetrokken
        #expect(gesloten.count == 30 && ingetrokken == 2 && alleen == 12 && betrokken == 18)

        let environment = try await TestEnvironment.seeded(hulpvragen: true)
        try await Fixtures.app(environment).test(.router) { client in
            let cijfers = try await Fixtures.get(
                client,
                "/v1/cijfers/voorliggend-veld?van=2026-01-01&tot=2026-12-31&per=kwartaal",
                token: Demo.wethouder.token
            )
            let totaal = cijfers["totaal"]
            // Counts within 3 of the truth, percentages in whole percents of the counts shown beside them.
            Self.beschermd(totaal?["afgesloten"], echt: gesloten.count)
            Self.beschermd(totaal?["ingetrokken"], echt: ingetrokken)  // 2: hidden, or at most 5
            Self.beschermd(totaal?["alleenVoorliggendVeld"]?["teller"], echt: alleen)
            Self.beschermd(totaal?["alleenVoorliggendVeld"]?["noemer"], echt: noemer)
            Self.beschermd(totaal?["voorliggendVeldBetrokken"]?["teller"], echt: betrokken)
            for deel in ["alleenVoorliggendVeld", "voorliggendVeldBetrokken"] {
                let t = try #require(totaal?[deel]?["teller"]?["waarde"]?.int)
                let n = try #require(totaal?[deel]?["noemer"]?["waarde"]?.int)
                #expect(totaal?[deel]?["percentage"] == .number((Double(t) / Double(n) * 100).rounded()))
            }
            // Per quarter: every count the wethouder gets is 0 or at least 5.
            func getallen(_ json: JSON) -> [Int] {
                switch json {
                case .object(let fields):
                    return (fields["waarde"]?.int.map { [$0] } ?? []) + fields.filter { $0.key != "waarde" }.values.flatMap(getallen)
                case .array(let items): return items.flatMap(getallen)
                default: return []
                }
            }
            #expect(getallen(cijfers["rijen"] ?? .null).allSatisfy { $0 == 0 || $0 >= 5 })
            #expect(getallen(cijfers["totaal"] ?? .null).allSatisfy { $0 == 0 || $0 >= 5 })
            // The same as CSV, for a spreadsheet: the numbers of the JSON answer, a hidden one written 'onderdrukt'.
            try await client.execute(
                uri: "/v1/cijfers/voorliggend-veld?van=2026-01-01&tot=2026-12-31",
                method: .get,
                headers: [.authorization: "Bearer \(Demo.wethouder.token)", .accept: "text/csv"]
            ) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                let regels = String(buffer: response.body).split(separator: "\r\n").map(String.init)
                #expect(
                    regels.first
                        == "totaal,afgesloten,ingetrokken,alleen_vv_teller,alleen_vv_noemer,alleen_vv_percentage,vv_betrokken_teller,vv_betrokken_noemer,vv_betrokken_percentage"
                )
                func veld(_ json: JSON?) -> String { json?["waarde"]?.int.map(String.init) ?? "onderdrukt" }
                func procent(_ json: JSON?) -> String { if case .number(let p) = json?["percentage"] { String(p) } else { "" } }
                let a = totaal?["alleenVoorliggendVeld"]
                let b = totaal?["voorliggendVeldBetrokken"]
                #expect(
                    regels.last
                        == [
                            "totaal", veld(totaal?["afgesloten"]), veld(totaal?["ingetrokken"]), veld(a?["teller"]), veld(a?["noemer"]), procent(a),
                            veld(b?["teller"]), veld(b?["noemer"]), procent(b),
                        ].joined(separator: ",")
                )
            }
            let monitoring = try await Fixtures.get(client, "/v1/cijfers/monitoring?van=2026-01-01&tot=2026-12-31", token: Demo.wethouder.token)
            #expect(getallen(monitoring).allSatisfy { $0 == 0 || $0 >= 5 })
            Self.beschermd(monitoring["instroomPerKernteamPerMaand"]?["totaal"], echt: table.rows.filter { $0["gemeente"] == "GM1734" }.count)
        }
        await environment.close()
    }

    @Test("signals: intake falling three months in a row, and leefgebieden where open hulpvragen meet no supply")
    func signals() async throws {
        #expect(Signalen.dalend([10, 9, 8, 7]) == 3)
        #expect(Signalen.dalend([10, 9, 8]) == 0)  // two falls only
        #expect(Signalen.dalend([5, 6, 4, 3, 2]) == 3)
        #expect(Signalen.dalend([3, 2, 2, 1]) == 0)  // level, then one fall

        let environment = try await TestEnvironment.seeded()
        // Nobody offers help with justitie in Overbetuwe in this test.
        try await environment.owner.withConnection { connection in
            try await connection.executeScript(
                """
                DELETE FROM vrijwilliger_leefgebieden WHERE leefgebied = 'justitie';
                DELETE FROM voorziening_leefgebieden WHERE leefgebied = 'justitie';
                """
            )
        }
        try await Fixtures.app(environment).test(.router) { client in
            for (maand, aantal) in [("07", 4), ("08", 3), ("09", 2), ("10", 1)] {
                for _ in 0..<aantal { _ = try await Self.nieuw(client, ontvangen: "2026-\(maand)-15") }
            }
            let signalen = try await Fixtures.get(client, "/v1/cijfers/signalen?tot=2026-10-31")
            let dalend = try #require(signalen["dalendeInstroom"]?.array?.first)
            #expect(dalend["kernteam"]?.string == "heteren")
            #expect(dalend["maanden"]?.strings == ["2026-07", "2026-08", "2026-09", "2026-10"])
            #expect(dalend["instroom"]?.array?.compactMap { $0["waarde"]?.int } == [4, 3, 2, 1])
            // A need nobody in or around Heteren offers: a gap, until a voorziening covers it.
            try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: Fixtures.headers(Demo.kernteamlid.token),
                body: ByteBuffer(
                    string: Fixtures.hulpvraagBody(#""leefgebieden": ["justitie"], "zrmScores": {}, "taken": []"#)
                        .replacingOccurrences(of: #""leefgebieden": ["financien", "sociaal-netwerk"],"#, with: "")
                        .replacingOccurrences(of: #""zrmScores": {"financien": 2},"#, with: "")
                        .replacingOccurrences(of: #""taken": ["administratie"],"#, with: "")
                )
            ) { response in
                #expect(response.status == .created)
            }
            let gat = try await Fixtures.get(client, "/v1/cijfers/signalen?tot=2026-11-30")
            #expect(gat["tekorten"]?.array?.map { "\($0["kern"]?.string ?? ""):\($0["leefgebied"]?.string ?? "")" } == ["heteren:justitie"])
            try await client.execute(
                uri: "/v1/voorzieningen",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token),
                body: ByteBuffer(
                    string: """
                        {"referentie": "vz-800", "aanbieder": "Reclassering", "naam": "Spreekuur", "kernen": ["*"],
                         "leefgebieden": ["justitie"], "laatstGeverifieerd": "2026-11-01"}
                        """
                )
            ) { response in #expect(response.status == .created) }
            let gedicht = try await Fixtures.get(client, "/v1/cijfers/signalen?tot=2026-11-30", token: Demo.wethouder.token)
            #expect(gedicht["tekorten"]?.array?.isEmpty == true)
        }
        await environment.close()
    }
}
