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
    @Test("suppression: small counts hidden, and one more when a total would give a single hidden cell away")
    func suppression() {
        let onthulling = Onthulling()
        #expect(onthulling.onderdrukt([12, 3, 8]) == [1, 2])      // 3 hidden, and 8 so that 23 - 12 - 8 reveals nothing
        #expect(onthulling.onderdrukt([12, 3, 2]) == [1, 2])      // two hidden already
        #expect(onthulling.onderdrukt([0, 3, 20, 7]) == [1, 3])   // zeros reveal nothing and are shown
        #expect(onthulling.onderdrukt([10, 20]).isEmpty)
        #expect(onthulling.onderdrukt([4]) == [0])

        let tellingen = [
            Telling(waarde: "driel", afgesloten: 12, teltMee: 11, alleen: 3, betrokken: 6, ingetrokken: 1),
            Telling(waarde: "heteren", afgesloten: 30, teltMee: 30, alleen: 12, betrokken: 20, ingetrokken: 0),
        ]
        let totaal = Telling(waarde: "totaal", afgesloten: 42, teltMee: 41, alleen: 15, betrokken: 26, ingetrokken: 1)
        let cijfers = VoorliggendVeldCijfers(per: "kernteam", van: "2026-01-01", tot: "2026-12-31", tellingen: tellingen, totaal: totaal,
                                             onthulling: onthulling)
        let driel = cijfers.rijen[0], heteren = cijfers.rijen[1]
        #expect(driel.ingetrokken == .verborgen)
        #expect(driel.alleenVoorliggendVeld.teller == .verborgen && driel.alleenVoorliggendVeld.percentage == nil)
        // Secondary: Heteren's 12 would give Driel's 3 away from the total's 15.
        #expect(heteren.alleenVoorliggendVeld.teller == .verborgen)
        // Whole percents for the wethouder; counts rounded to 5.
        #expect(driel.voorliggendVeldBetrokken.percentage == 55)
        #expect(heteren.voorliggendVeldBetrokken.percentage == 67)
        #expect(cijfers.totaal.alleenVoorliggendVeld.percentage == 37)
        #expect(driel.afgesloten.waarde == 10 && driel.afgesloten.afgerond)
        #expect(cijfers.totaal.afgesloten.waarde == 40)
        // A percentage that would give a small complement away is not shown: 11 of 12 leaves 1.
        #expect(Onthulling().percentage(11, van: 12) == nil)
        #expect(Onthulling().percentage(6, van: 12) == 50)
        #expect(cijfers.totaal.ingetrokken == .verborgen)
        // Exact for the team itself.
        let exact = VoorliggendVeldCijfers(per: "kernteam", van: "2026-01-01", tot: "2026-12-31", tellingen: tellingen, totaal: totaal, onthulling: nil)
        #expect(exact.rijen[0].ingetrokken == .exact(1))
        #expect(exact.rijen[0].alleenVoorliggendVeld.percentage == 27.3)
    }

    static func sluitAf(_ client: some TestClientProtocol, _ id: String, versie: Int, _ body: String) async throws -> (HTTPResponse.Status, JSON) {
        try await client.execute(uri: "/v1/hulpvragen/\(id)/afsluiting", method: .put,
                                 headers: [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json", .ifMatch: "\"\(versie)\""],
                                 body: ByteBuffer(string: body)) { response in (response.status, (try? JSON.parse(Data(buffer: response.body))) ?? .null) }
    }

    static func nieuw(_ client: some TestClientProtocol, ontvangen: String = "2026-10-01") async throws -> String {
        try await client.execute(uri: "/v1/hulpvragen", method: .post, headers: [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json"],
                                 body: ByteBuffer(string: HulpvragenTests.hulpvraag(#""ontvangenOp": "\#(ontvangen)""#))) { response in
            try JSON.parse(Data(buffer: response.body))["id"]?.string ?? ""
        }
    }

    @Test("every outcome counts in the percentages as defined; the wethouder sees suppressed counts, the team exact ones")
    func outcomes() async throws {
        let environment = try await TestEnvironment.seeded()
        try await VrijwilligersTests.app(environment).test(.router) { client in
            let uitkomsten: [(String, String)] = [
                ("opgelost-voorliggend-veld", #", "onderdelen": ["vrijwilliger", "algemene-voorziening"]"#),
                ("opgelost-voorliggend-veld-en-maatwerk", #", "onderdelen": ["netwerk"]"#),
                ("loket-maatwerk-met-voorwerk", ""), ("loket-maatwerk", ""), ("elders-doorverwezen", ""), ("niet-opgelost", ""), ("ingetrokken", ""),
            ]
            for (index, (uitkomst, extra)) in uitkomsten.enumerated() {
                let id = try await Self.nieuw(client)
                let datum = index < 4 ? "2026-10-31" : "2026-11-01"   // both sides of a month boundary
                let (status, body) = try await Self.sluitAf(client, id, versie: 1, #"{"uitkomst": "\#(uitkomst)", "afgeslotenOp": "\#(datum)"\#(extra)}"#)
                #expect(status == .ok, "\(uitkomst)")
                #expect(body["status"]?.string == "afgesloten")
                // Nazorg asks whether it stayed solved: planned for the outcomes that solved it.
                let opgelost = uitkomst.hasPrefix("opgelost")
                #expect(body["afsluiting"]?["nazorgOp"]?.string == (opgelost ? CalendarDate(daysSince2000: CalendarDate(iso: datum)!.daysSince2000 + 91).description : nil))
            }
            // The team's own figures, exact.
            let team = try await VoorzieningenTests.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-11-30")
            #expect(team["onthullingsbeheer"]?.bool == false)
            #expect(team["totaal"]?["afgesloten"]?["waarde"]?.int == 7)
            #expect(team["totaal"]?["ingetrokken"]?["waarde"]?.int == 1)
            #expect(team["totaal"]?["alleenVoorliggendVeld"]?["teller"]?["waarde"]?.int == 1)
            #expect(team["totaal"]?["alleenVoorliggendVeld"]?["noemer"]?["waarde"]?.int == 6)
            #expect(team["totaal"]?["alleenVoorliggendVeld"]?["percentage"] == .number(16.7))
            #expect(team["totaal"]?["voorliggendVeldBetrokken"]?["percentage"] == .number(33.3))
            let maanden = try await VoorzieningenTests.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-11-30&per=maand")
            #expect(maanden["rijen"]?.array?.map { "\($0["waarde"]?.string ?? ""):\($0["afgesloten"]?["waarde"]?.int ?? -1)" } == ["2026-10:4", "2026-11:3"])
            // The wethouder: counts under 5 never exactly, no percentage under a denominator of 10.
            let wethouder = try await VoorzieningenTests.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-11-30&per=maand",
                                                             token: Demo.wethouder.token)
            #expect(wethouder["onthullingsbeheer"]?.bool == true)
            #expect(wethouder["totaal"]?["afgesloten"]?["waarde"]?.int == 5)   // 7, rounded to 5
            #expect(wethouder["totaal"]?["ingetrokken"]?["onderdrukt"]?.bool == true)
            #expect(wethouder["totaal"]?["ingetrokken"]?["waarde"] == nil)
            #expect(wethouder["totaal"]?["alleenVoorliggendVeld"]?["percentage"] == nil)
            #expect(wethouder["rijen"]?.array?.allSatisfy { $0["afgesloten"]?["onderdrukt"]?.bool == true } == true)
            // Leefgebieden: a hulpvraag counts once under each of its two.
            let leefgebieden = try await VoorzieningenTests.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-11-30&per=leefgebied")
            #expect(leefgebieden["rijen"]?.array?.map { "\($0["waarde"]?.string ?? ""):\($0["afgesloten"]?["waarde"]?.int ?? -1)" }
                    == ["financien:7", "sociaal-netwerk:7"])
        }
        // The wethouder's own queries see no hulpvraag row; only the figures function counts them.
        let rows = try await environment.service.withTransaction(in: try await environment.proven(AccessScope(gemeente: "GM1734", gebruiker: "wethouder", rollen: [.wethouder], kernteams: []))) { connection in
            try await connection.queryOne("SELECT count(*) FROM hulpvragen") { row in try row.decode(0, as: Int.self) }
        }
        #expect(rows == 0)
        await environment.close()
    }

    @Test("closing needs a valid outcome and parts; nazorg only after closing; reopening clears the closure")
    func closingRules() async throws {
        let environment = try await TestEnvironment.seeded()
        try await VrijwilligersTests.app(environment).test(.router) { client in
            let id = try await Self.nieuw(client)
            let (fout, problem) = try await Self.sluitAf(client, id, versie: 1, #"{"uitkomst": "opgelost-voorliggend-veld", "zrmScores": {"justitie": 2}, "afgeslotenOp": "2026-09-01"}"#)
            #expect(fout == .badRequest)
            #expect(Set(problem["invalidParams"]?.array?.compactMap { $0["name"]?.string } ?? []) == ["onderdelen", "zrmScores.justitie", "afgeslotenOp"])
            let (_, gesloten) = try await Self.sluitAf(client, id, versie: 1, #"{"uitkomst": "niet-opgelost", "zrmScores": {"financien": 3}, "nazorgOp": "2027-01-15"}"#)
            #expect(gesloten["afsluiting"]?["zrmScores"] == .object(["financien": .number(3)]))
            #expect(gesloten["zrmScores"] == .object(["financien": .number(2)]))   // the intake score stays
            #expect(gesloten["afsluiting"]?["nazorgOp"]?.string == "2027-01-15")
            try await client.execute(uri: "/v1/hulpvragen/\(id)/nazorg", method: .put,
                                     headers: [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json", .ifMatch: "\"2\""],
                                     body: ByteBuffer(string: #"{"opgelost": false}"#)) { response in
                #expect(response.status == .ok)
                let body = try JSON.parse(Data(buffer: response.body))
                #expect(body["nazorgOpgelost"]?.bool == false)
            }
            // Reopened: no outcome any more.
            try await client.execute(uri: "/v1/hulpvragen/\(id)", method: .put,
                                     headers: [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json", .ifMatch: "\"3\""],
                                     body: ByteBuffer(string: HulpvragenTests.hulpvraag(#""status": "in-behandeling", "ontvangenOp": "2026-10-01""#))) { response in
                #expect(response.status == .ok)
                let body = try JSON.parse(Data(buffer: response.body))
                #expect(body["afsluiting"] == nil && body["nazorgOpgelost"] == nil)
            }
        }
        await environment.close()
    }

    @Test("a Veilig Thuis hulpvraag went to the loket: never closed as solved by the voorliggend veld alone or with a volunteer, in the API and in the database")
    func veiligThuisGoesToTheLoket() async throws {
        let environment = try await TestEnvironment.seeded()
        try await VrijwilligersTests.app(environment).test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json"]
            let id = try await client.execute(uri: "/v1/hulpvragen", method: .post, headers: headers,
                                              body: ByteBuffer(string: HulpvragenTests.hulpvraag(#""ontvangenOp": "2026-10-01", "veiligThuis": true"#))) { response in
                #expect(response.status == .created)
                return try JSON.parse(Data(buffer: response.body))["id"]?.string ?? ""
            }
            func velden(_ problem: JSON) -> [String] { problem["invalidParams"]?.array?.compactMap { $0["name"]?.string } ?? [] }
            var (status, problem) = try await Self.sluitAf(client, id, versie: 1, #"{"uitkomst": "opgelost-voorliggend-veld", "onderdelen": ["netwerk"]}"#)
            #expect(status == .badRequest && velden(problem) == ["uitkomst"])
            (status, problem) = try await Self.sluitAf(client, id, versie: 1, #"{"uitkomst": "opgelost-voorliggend-veld-en-maatwerk", "onderdelen": ["vrijwilliger"]}"#)
            #expect(status == .badRequest && velden(problem) == ["onderdelen"])
            (status, _) = try await Self.sluitAf(client, id, versie: 1, #"{"uitkomst": "loket-maatwerk"}"#)
            #expect(status == .ok)
            // The database keeps the rule too, whoever writes.
            for wijziging in ["uitkomst = 'opgelost-voorliggend-veld', onderdelen = '{netwerk}'",
                              "uitkomst = 'opgelost-voorliggend-veld-en-maatwerk', onderdelen = '{vrijwilliger}'"] {
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
                try await connection.executeScript("""
                    SET session_replication_role = replica;
                    UPDATE hulpvragen SET uitkomst = 'opgelost-voorliggend-veld', onderdelen = '{netwerk}' WHERE id = '\(id)';
                    RESET session_replication_role;
                    """)
            }
            var oud = headers
            oud[.ifMatch] = "\"2\""
            try await client.execute(uri: "/v1/hulpvragen/\(id)", method: .put, headers: oud, body: ByteBuffer(
                string: HulpvragenTests.hulpvraag(#""ontvangenOp": "2026-09-30", "veiligThuis": true"#))) { response in
                #expect(response.status == .ok)
            }

            // A hulpvraag closed as solved by the voorliggend veld gets the signal only when reopened.
            let ander = try await Self.nieuw(client)
            (status, _) = try await Self.sluitAf(client, ander, versie: 1, #"{"uitkomst": "opgelost-voorliggend-veld", "onderdelen": ["vrijwilliger"]}"#)
            #expect(status == .ok)
            var gewijzigd = headers
            gewijzigd[.ifMatch] = "\"2\""
            try await client.execute(uri: "/v1/hulpvragen/\(ander)", method: .put, headers: gewijzigd,
                                     body: ByteBuffer(string: HulpvragenTests.hulpvraag(#""ontvangenOp": "2026-10-01", "veiligThuis": true"#))) { response in
                #expect(response.status == .badRequest)
                let body = try JSON.parse(Data(buffer: response.body))
                #expect(velden(body) == ["veiligThuis"])
            }
            try await client.execute(uri: "/v1/hulpvragen/\(ander)", method: .put, headers: gewijzigd, body: ByteBuffer(
                string: HulpvragenTests.hulpvraag(#""ontvangenOp": "2026-10-01", "veiligThuis": true, "status": "in-behandeling""#))) { response in
                #expect(response.status == .ok)
            }
        }
        await environment.close()
    }

    @Test("the suppression threshold and minimum denominator are the operator's: with 10, a count of 7 is hidden from the wethouder")
    func configurableThreshold() async throws {
        let environment = try await TestEnvironment.seeded()
        var dependencies = environment.dependencies
        dependencies.onthulling = Onthulling(drempel: 10, minimumNoemer: 20)
        let app = buildApplication(HTTPConfiguration(port: 0), dependencies: dependencies, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for _ in 0..<7 {
                let id = try await Self.nieuw(client)
                _ = try await Self.sluitAf(client, id, versie: 1, #"{"uitkomst": "niet-opgelost", "afgeslotenOp": "2026-10-20"}"#)
            }
            let wethouder = try await VoorzieningenTests.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-10-31", token: Demo.wethouder.token)
            #expect(wethouder["totaal"]?["afgesloten"]?["onderdrukt"]?.bool == true)
            #expect(wethouder["totaal"]?["afgesloten"]?["waarde"] == nil)
            let team = try await VoorzieningenTests.get(client, "/v1/cijfers/voorliggend-veld?van=2026-10-01&tot=2026-10-31")
            #expect(team["totaal"]?["afgesloten"]?["waarde"]?.int == 7)
        }
        await environment.close()
    }

    @Test("a closing is dated by the day in the Netherlands: just before midnight UTC at a month's end it is the next month already")
    func dutchDay() {
        let iso = ISO8601DateFormatter()
        // Winter time (UTC+1) and summer time (UTC+2).
        #expect(CalendarDate.vandaag(iso.date(from: "2026-10-31T23:30:00Z")!).description == "2026-11-01")
        #expect(CalendarDate.vandaag(iso.date(from: "2026-10-31T22:59:00Z")!).description == "2026-10-31")
        #expect(CalendarDate.vandaag(iso.date(from: "2026-03-31T22:30:00Z")!).description == "2026-04-01")
        #expect(CalendarDate.vandaag(iso.date(from: "2026-03-31T21:59:00Z")!).description == "2026-03-31")
    }

    @Test("the gemeente's nazorg period sets the nazorg date of a solved hulpvraag closed from then on")
    func nazorgPeriod() async throws {
        let environment = try await TestEnvironment.seeded()
        let gebied = GebiedStore(pool: environment.owner)
        #expect(try await gebied.nazorgDagen(in: .onderhoud(gemeente: "GM1734")) == 91)
        #expect(try await gebied.nazorgDagen(zetten: 60, in: .onderhoud(gemeente: "GM1734")) == 60)
        await #expect(throws: Invoerfouten.self) { try await gebied.nazorgDagen(zetten: 3, in: .onderhoud(gemeente: "GM1734")) }
        #expect(try await gebied.nazorgDagen(zetten: 60, in: .onderhoud(gemeente: "GM9999")) == nil)
        try await VrijwilligersTests.app(environment).test(.router) { client in
            let id = try await Self.nieuw(client)
            let (status, gesloten) = try await Self.sluitAf(client, id, versie: 1, #"{"uitkomst": "opgelost-voorliggend-veld", "onderdelen": ["netwerk"], "afgeslotenOp": "2026-10-10"}"#)
            #expect(status == .ok)
            #expect(gesloten["afsluiting"]?["nazorgOp"]?.string == "2026-12-09")   // 60 days on
        }
        await environment.close()
    }

    @Test("cross tables: totals, and suppression in rows and columns until no shown total gives a cell away")
    func crossTable() {
        let tellingen = ["driel": ["2026-01": 12, "2026-02": 3, "2026-03": 9], "heteren": ["2026-01": 20, "2026-02": 15, "2026-03": 7]]
        let exact = Kruistabel(rijen: ["driel", "heteren"], kolommen: ["2026-01", "2026-02", "2026-03"], tellingen: tellingen, onthulling: nil)
        #expect(exact.rijtotalen == [.exact(24), .exact(42)])
        #expect(exact.kolomtotalen == [.exact(32), .exact(18), .exact(16)])
        #expect(exact.totaal == .exact(66))
        let tabel = Kruistabel(rijen: ["driel", "heteren"], kolommen: ["2026-01", "2026-02", "2026-03"], tellingen: tellingen, onthulling: Onthulling())
        // Driel's 3 is hidden; its row then hides Driel's next smallest (9), and the columns hide Heteren's 15 and 7.
        // What is shown is rounded to 5.
        #expect(tabel.cellen[0].map(\.waarde) == [10, nil, nil])
        #expect(tabel.cellen[1].map(\.waarde) == [20, nil, nil])
        #expect(tabel.rijtotalen.map(\.waarde) == [25, 40])
        // No shown row or column total has exactly one hidden cell.
        for rij in tabel.cellen { #expect(rij.filter(\.onderdrukt).count != 1) }
        for k in 0..<3 { #expect([tabel.cellen[0][k], tabel.cellen[1][k]].filter(\.onderdrukt).count != 1) }
    }

    @Test("the monitoring tables count new hulpvragen by kernteam and month, leefgebied and kern, kanaal, youth and visits")
    func monitoring() async throws {
        let environment = try await TestEnvironment.seeded(hulpvragen: true)
        try await VrijwilligersTests.app(environment).test(.router) { client in
            let team = try await VoorzieningenTests.get(client, "/v1/cijfers/monitoring?van=2026-11-01&tot=2026-11-30")
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
            // The wethouder sees the same tables with every count under 5 hidden.
            let wethouder = try await VoorzieningenTests.get(client, "/v1/cijfers/monitoring?van=2026-11-01&tot=2026-11-30", token: Demo.wethouder.token)
            #expect(wethouder["instroomPerKernteamPerMaand"]?["rijen"]?.array?.count == 8)
            #expect(wethouder["instroomPerKernteamPerMaand"]?["totaal"]?["waarde"]?.int == 10)   // 8, rounded to 5
            #expect(wethouder["kanalen"]?["telefoon"]?["aantal"]?["onderdrukt"]?.bool == true)
            #expect(wethouder["gezamenlijkeHuisbezoeken"]?["onderdrukt"]?.bool == true)
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
        try await VrijwilligersTests.app(environment).test(.router) { client in
            let cijfers = try await VoorzieningenTests.get(client, "/v1/cijfers/voorliggend-veld?van=2026-01-01&tot=2026-12-31&per=kwartaal",
                                                           token: Demo.wethouder.token)
            let totaal = cijfers["totaal"]
            // Counts rounded to a multiple of 5, percentages in whole percents of the exact counts.
            func rond(_ x: Int) -> Int { (x + 2) / 5 * 5 }
            #expect(totaal?["afgesloten"]?["waarde"]?.int == rond(gesloten.count))
            #expect(totaal?["ingetrokken"]?["onderdrukt"]?.bool == true)   // 2: under the threshold
            #expect(totaal?["alleenVoorliggendVeld"]?["teller"]?["waarde"]?.int == rond(alleen))
            #expect(totaal?["alleenVoorliggendVeld"]?["noemer"]?["waarde"]?.int == rond(noemer))
            #expect(totaal?["alleenVoorliggendVeld"]?["percentage"] == .number((Double(alleen) / Double(noemer) * 100).rounded()))
            #expect(totaal?["voorliggendVeldBetrokken"]?["percentage"] == .number((Double(betrokken) / Double(noemer) * 100).rounded()))
            // Per quarter: every count the wethouder gets is 0 or at least 5.
            func getallen(_ json: JSON) -> [Int] {
                switch json {
                case .object(let fields): return (fields["waarde"]?.int.map { [$0] } ?? []) + fields.filter { $0.key != "waarde" }.values.flatMap(getallen)
                case .array(let items): return items.flatMap(getallen)
                default: return []
                }
            }
            #expect(getallen(cijfers["rijen"] ?? .null).allSatisfy { $0 == 0 || $0 >= 5 })
            #expect(getallen(cijfers["totaal"] ?? .null).allSatisfy { $0 == 0 || $0 >= 5 })
            // The same as CSV, for a spreadsheet.
            try await client.execute(uri: "/v1/cijfers/voorliggend-veld?van=2026-01-01&tot=2026-12-31", method: .get,
                                     headers: [.authorization: "Bearer \(Demo.wethouder.token)", .accept: "text/csv"]) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                let regels = String(buffer: response.body).split(separator: "\r\n").map(String.init)
                #expect(regels.first == "totaal,afgesloten,ingetrokken,alleen_vv_teller,alleen_vv_noemer,alleen_vv_percentage,vv_betrokken_teller,vv_betrokken_noemer,vv_betrokken_percentage")
                #expect(regels.last == "totaal,30,onderdrukt,10,30,43.0,20,30,64.0")
            }
            let monitoring = try await VoorzieningenTests.get(client, "/v1/cijfers/monitoring?van=2026-01-01&tot=2026-12-31", token: Demo.wethouder.token)
            #expect(getallen(monitoring).allSatisfy { $0 == 0 || $0 >= 5 })
            #expect(monitoring["instroomPerKernteamPerMaand"]?["totaal"]?["waarde"]?.int == rond(table.rows.filter { $0["gemeente"] == "GM1734" }.count))
        }
        await environment.close()
    }

    @Test("signals: intake falling three months in a row, and leefgebieden where open hulpvragen meet no supply")
    func signals() async throws {
        #expect(Signalen.dalend([10, 9, 8, 7]) == 3)
        #expect(Signalen.dalend([10, 9, 8]) == 0)        // two falls only
        #expect(Signalen.dalend([5, 6, 4, 3, 2]) == 3)
        #expect(Signalen.dalend([3, 2, 2, 1]) == 0)      // level, then one fall

        let environment = try await TestEnvironment.seeded()
        // Nobody offers help with justitie in Overbetuwe in this test.
        try await environment.owner.withConnection { connection in
            try await connection.executeScript("""
                DELETE FROM vrijwilliger_leefgebieden WHERE leefgebied = 'justitie';
                DELETE FROM voorziening_leefgebieden WHERE leefgebied = 'justitie';
                """)
        }
        try await VrijwilligersTests.app(environment).test(.router) { client in
            for (maand, aantal) in [("07", 4), ("08", 3), ("09", 2), ("10", 1)] {
                for _ in 0..<aantal { _ = try await Self.nieuw(client, ontvangen: "2026-\(maand)-15") }
            }
            let signalen = try await VoorzieningenTests.get(client, "/v1/cijfers/signalen?tot=2026-10-31")
            let dalend = try #require(signalen["dalendeInstroom"]?.array?.first)
            #expect(dalend["kernteam"]?.string == "heteren")
            #expect(dalend["maanden"]?.strings == ["2026-07", "2026-08", "2026-09", "2026-10"])
            #expect(dalend["instroom"]?.array?.compactMap { $0["waarde"]?.int } == [4, 3, 2, 1])
            // A need nobody in or around Heteren offers: a gap, until a voorziening covers it.
            try await client.execute(uri: "/v1/hulpvragen", method: .post, headers: HulpvragenTests.headers(Demo.kernteamlid.token),
                                     body: ByteBuffer(string: HulpvragenTests.hulpvraag(#""leefgebieden": ["justitie"], "zrmScores": {}, "taken": []"#)
                                        .replacingOccurrences(of: #""leefgebieden": ["financien", "sociaal-netwerk"],"#, with: "")
                                        .replacingOccurrences(of: #""zrmScores": {"financien": 2},"#, with: "")
                                        .replacingOccurrences(of: #""taken": ["administratie"],"#, with: ""))) { response in
                #expect(response.status == .created)
            }
            let gat = try await VoorzieningenTests.get(client, "/v1/cijfers/signalen?tot=2026-11-30")
            #expect(gat["tekorten"]?.array?.map { "\($0["kern"]?.string ?? ""):\($0["leefgebied"]?.string ?? "")" } == ["heteren:justitie"])
            try await client.execute(uri: "/v1/voorzieningen", method: .post, headers: VrijwilligersTests.headers(Demo.steunpunt.token),
                                     body: ByteBuffer(string: """
                                        {"referentie": "vz-800", "aanbieder": "Reclassering", "naam": "Spreekuur", "kernen": ["*"],
                                         "leefgebieden": ["justitie"], "laatstGeverifieerd": "2026-11-01"}
                                        """)) { response in #expect(response.status == .created) }
            let gedicht = try await VoorzieningenTests.get(client, "/v1/cijfers/signalen?tot=2026-11-30", token: Demo.wethouder.token)
            #expect(gedicht["tekorten"]?.array?.isEmpty == true)
        }
        await environment.close()
    }
}
