import CalendarDate
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import TestDatabase
import Testing
import Voorveld
import VoorveldHTTP
import VoorveldStore

@Suite("Koppelingen")
struct KoppelingenTests {

    @Test("every demo hulpvraag shows ranked, explained candidates, or says why there are none")
    func demoHulpvragen() async throws {
        let environment = try await TestEnvironment.seeded(hulpvragen: true)
        try await Fixtures.app(environment).test(.router) { client in
            var seen = 0
            for token in [Demo.kernteamlid.token, Demo.twenterand.token] {
                let lijst = try await Fixtures.get(client, "/v1/hulpvragen?paginaGrootte=200", token: token)
                for hulpvraag in lijst["items"]?.array ?? [] {
                    seen += 1
                    let id = hulpvraag["id"]?.string ?? ""
                    let kandidaten = try await Fixtures.get(client, "/v1/hulpvragen/\(id)/kandidaten", token: token)
                    for soort in ["vrijwilligers", "voorzieningen"] {
                        let lijst = kandidaten[soort]?.array ?? []
                        #expect(lijst.allSatisfy { ($0["redenen"]?.array?.count ?? 0) >= 2 }, "\(id) \(soort)")
                        let scores = lijst.compactMap { $0["score"]?.int }
                        #expect(scores == scores.sorted(by: >), "\(id) \(soort) is ranked")
                        #expect(!lijst.isEmpty || !(kandidaten["uitleg"]?[soort]?.array ?? []).isEmpty, "\(id): no \(soort) and no explanation")
                    }
                }
            }
            #expect(seen == 50)
            // The resident of the domain example: Kees (same kern, paperwork on Tuesday morning) and the soos.
            let mevrouw = try await Fixtures.id(environment, "SELECT id FROM hulpvragen WHERE dossierreferentie = $1", "DEMO-HV-01")
            let kandidaten = try await Fixtures.get(client, "/v1/hulpvragen/\(mevrouw.uuidString.lowercased())/kandidaten")
            let kees = try #require(kandidaten["vrijwilligers"]?.array?.first { $0["naam"]?.string == "Kees Verhoef" })
            #expect(kees["redenen"]?.strings?.first == "woont in dezelfde kern (Heteren)")
            #expect(kees["redenen"]?.strings?.contains("beschikbaar di-ochtend en do-ochtend") == true)
            #expect(kandidaten["voorzieningen"]?.array?.contains { $0["naam"]?.string == "Ouderensoos Heteren" } == true)
            // The Veilig Thuis signal and the request without consent.
            let signaal = try await Fixtures.id(environment, "SELECT id FROM hulpvragen WHERE dossierreferentie = $1", "DEMO-HV-06")
            let leeg = try await Fixtures.get(client, "/v1/hulpvragen/\(signaal.uuidString.lowercased())/kandidaten")
            #expect(leeg["vrijwilligers"]?.array?.isEmpty == true && leeg["voorzieningen"]?.array?.isEmpty == true)
            #expect(leeg["uitleg"]?["vrijwilligers"]?.strings?.first?.hasPrefix("Veilig Thuis-signaal") == true)
            let zonder = try await Fixtures.id(environment, "SELECT id FROM hulpvragen WHERE dossierreferentie = $1", "DEMO-HV-07")
            let alleenVoorzieningen = try await Fixtures.get(client, "/v1/hulpvragen/\(zonder.uuidString.lowercased())/kandidaten")
            #expect(alleenVoorzieningen["vrijwilligers"]?.array?.isEmpty == true)
            #expect(alleenVoorzieningen["uitleg"]?["vrijwilligers"]?.strings?.first?.contains("geen toestemming") == true)
        }
        await environment.close()
    }

    @Test("many parallel bookings of a volunteer with capacity 2: exactly 2 succeed; ending one frees its place")
    func capacityUnderConcurrency() async throws {
        let environment = try await TestEnvironment.seeded()
        let kees = try await Fixtures.id(environment, "SELECT id FROM vrijwilligers WHERE referentie = $1", "vw-0001")
        var nieuw: [UUID] = []
        for _ in 0..<10 { nieuw.append(try await Fixtures.hulpvraag(environment)) }
        let hulpvragen = nieuw
        try await Fixtures.app(environment).test(.router) { client in
            let body = #"{"vrijwilliger": "\#(kees.uuidString.lowercased())"}"#
            let results = try await withThrowingTaskGroup(of: (HTTPResponse.Status, JSON).self) { group in
                for hulpvraag in hulpvragen { group.addTask { try await Fixtures.postKoppeling(client, hulpvraag: hulpvraag, body) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0.0 == .created }.count == 2)
            #expect(results.filter { $0.0 == .conflict }.count == 8)
            #expect(results.first { $0.0 == .conflict }?.1["detail"]?.string?.hasPrefix("Geen plek meer vrij") == true)
            let booked = results.filter { $0.0 == .created }.map(\.1)

            // Full: the next is refused. Breaking one off (with a reason) frees the place.
            let vrij = try #require(hulpvragen.first { id in !booked.contains { $0["hulpvraag"]?.string == id.uuidString.lowercased() } })
            #expect(try await Fixtures.postKoppeling(client, hulpvraag: vrij, body).0 == .conflict)
            #expect(try await Fixtures.zetStatus(client, booked[0], #"{"status": "afgebroken"}"#).0 == .badRequest)  // a reason is needed
            let (status, afgebroken) = try await Fixtures.zetStatus(client, booked[0], #"{"status": "afgebroken", "reden": "klikt-niet"}"#)
            #expect(status == .ok)
            #expect(afgebroken["beeindigdOp"]?.string == CalendarDate.vandaag().description)
            #expect(try await Fixtures.postKoppeling(client, hulpvraag: vrij, body).0 == .created)
            // Completing frees a place too, after starting; a completed one cannot restart.
            let (_, gestart) = try await Fixtures.zetStatus(client, booked[1], #"{"status": "gestart"}"#)
            #expect(gestart["gestartOp"]?.string == CalendarDate.vandaag().description)
            let (_, afgerond) = try await Fixtures.zetStatus(client, gestart, #"{"status": "afgerond"}"#)
            #expect(afgerond["status"]?.string == "afgerond")
            #expect(try await Fixtures.zetStatus(client, afgerond, #"{"status": "gestart"}"#).0 == .conflict)
            let andere = try #require(
                hulpvragen.first { id in id != vrij && !booked.contains { $0["hulpvraag"]?.string == id.uuidString.lowercased() } }
            )
            #expect(try await Fixtures.postKoppeling(client, hulpvraag: andere, body).0 == .created)
        }
        let lopend = try await environment.owner.withConnection { connection in
            try await connection.queryOne(
                "SELECT count(*) FROM koppelingen WHERE vrijwilliger = $1 AND status IN ('voorgesteld', 'geaccepteerd', 'gestart')",
                [kees]
            ) { row in try row.decode(0, as: Int.self) }
        }
        #expect(lopend == 2)
        await environment.close()
    }

    @Test("the hulpvraag's status follows its koppelingen, and a broken-off volunteer is not proposed again")
    func statusFollows() async throws {
        let environment = try await TestEnvironment.seeded()
        let kees = try await Fixtures.id(environment, "SELECT id FROM vrijwilligers WHERE referentie = $1", "vw-0001")
        let hulpvraag = try await Fixtures.hulpvraag(environment)
        let path = "/v1/hulpvragen/\(hulpvraag.uuidString.lowercased())"
        try await Fixtures.app(environment).test(.router) { client in
            let voor = try await Fixtures.get(client, "\(path)/kandidaten")
            #expect(voor["vrijwilligers"]?.array?.contains { $0["id"]?.string == kees.uuidString.lowercased() } == true)
            let (_, koppeling) = try await Fixtures.postKoppeling(
                client,
                hulpvraag: hulpvraag,
                #"{"vrijwilliger": "\#(kees.uuidString.lowercased())"}"#
            )
            #expect(koppeling["kern"]?.string == "heteren")
            #expect(koppeling["leefgebieden"]?.strings == ["financien"])
            #expect(koppeling["taken"]?.strings == ["administratie"])
            #expect(try await Fixtures.get(client, path)["status"]?.string == "in-behandeling")
            let (_, geaccepteerd) = try await Fixtures.zetStatus(client, koppeling, #"{"status": "geaccepteerd"}"#)
            #expect(try await Fixtures.get(client, path)["status"]?.string == "gekoppeld")
            _ = try await Fixtures.zetStatus(
                client,
                geaccepteerd,
                #"{"status": "afgebroken", "reden": "vrijwilliger-kan-niet", "toelichting": "Verhuist."}"#
            )
            #expect(try await Fixtures.get(client, path)["status"]?.string == "in-behandeling")
            let na = try await Fixtures.get(client, "\(path)/kandidaten")
            #expect(na["vrijwilligers"]?.array?.contains { $0["id"]?.string == kees.uuidString.lowercased() } == false)
            #expect(na["uitleg"]?["vrijwilligers"]?.strings?.contains("1 daarvan had eerder een afgebroken koppeling met deze inwoner.") == true)

            // Not proposed again, and not bookable again either.
            let opnieuw = try await Fixtures.postKoppeling(client, hulpvraag: hulpvraag, #"{"vrijwilliger": "\#(kees.uuidString.lowercased())"}"#)
            #expect(opnieuw.0 == .conflict)
            #expect(opnieuw.1["detail"]?.string == "Met deze vrijwilliger is eerder een koppeling met deze inwoner afgebroken.")

            // The steunpunt follows its volunteer's koppelingen, never the hulpvraag itself, nor why it ended, nor the team's note
            // (PrivacyTests has the whole list of what it may see).
            let steunpunt = try await Fixtures.get(
                client,
                "/v1/koppelingen?vrijwilliger=\(kees.uuidString.lowercased())",
                token: Demo.steunpunt.token
            )
            #expect(steunpunt["items"]?.array?.first?["status"]?.string == "beeindigd")
            #expect(steunpunt["items"]?.array?.first?["reden"] == nil)
            #expect(steunpunt["items"]?.array?.first?["afsluiting"] == nil)
            let team = try await Fixtures.get(client, "/v1/koppelingen?vrijwilliger=\(kees.uuidString.lowercased())")
            #expect(team["items"]?.array?.first?["afsluiting"]?.string == "Verhuist.")
            try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(Demo.steunpunt.token)"]) { response in
                #expect(response.status == .forbidden)
            }
        }
        await environment.close()
    }

    @Test("the database refuses a volunteer without consent, for a Veilig Thuis signal, or beyond capacity, whatever the client")
    func databaseKeepsTheRules() async throws {
        let environment = try await TestEnvironment.seeded()
        let kees = try await Fixtures.id(environment, "SELECT id FROM vrijwilligers WHERE referentie = $1", "vw-0001")
        let zonder = try await Fixtures.hulpvraag(environment, toestemming: false)
        let signaal = try await Fixtures.hulpvraag(environment)
        try await environment.service.withTransaction(in: try await environment.proven(Fixtures.heteren)) { connection in
            _ = try await connection.execute("UPDATE hulpvragen SET veilig_thuis = true, doorverwezen_naar_loket = true WHERE id = $1", [signaal])
        }
        func insert(_ hulpvraag: UUID) async throws {
            try await environment.service.withTransaction(in: try await environment.proven(Fixtures.heteren)) { connection in
                _ = try await connection.execute(
                    """
                    INSERT INTO koppelingen (gemeente, hulpvraag, vrijwilliger, kern, voorgesteld_door)
                    VALUES ('GM1734', $1, $2, 'heteren', 'kernteamlid')
                    """,
                    [hulpvraag, kees]
                )
            }
        }
        for (hulpvraag, constraint) in [(zonder, "koppelingen_toestemming"), (signaal, "koppelingen_veilig_thuis")] {
            do {
                try await insert(hulpvraag)
                Issue.record("\(constraint) should have refused")
            } catch let error as PostgresError {
                #expect(error.constraint == constraint)
            }
        }
        // A koppeling starts as a proposal; history cannot be written past the rules.
        do {
            try await environment.service.withTransaction(in: try await environment.proven(Fixtures.heteren)) { connection in
                _ = try await connection.execute(
                    """
                    INSERT INTO koppelingen (gemeente, hulpvraag, vrijwilliger, kern, voorgesteld_door, status, gestart_op)
                    VALUES ('GM1734', $1, $2, 'heteren', 'kernteamlid', 'gestart', current_date)
                    """,
                    [try await Fixtures.hulpvraag(environment), kees]
                )
            }
            Issue.record("a started koppeling should not be insertable")
        } catch let error as PostgresError {
            #expect(error.constraint == "koppelingen_status_volgorde")
        }
        let eerste = try await Fixtures.hulpvraag(environment)
        try await insert(eerste)
        try await insert(try await Fixtures.hulpvraag(environment))
        do {
            try await insert(try await Fixtures.hulpvraag(environment))
            Issue.record("capacity should have refused")
        } catch let error as PostgresError {
            #expect(error.constraint == "koppelingen_capaciteit")
        }
        // A Veilig Thuis signal on a hulpvraag with a volunteer breaks that koppeling off at once.
        try await environment.service.withTransaction(in: try await environment.proven(Fixtures.heteren)) { connection in
            _ = try await connection.execute("UPDATE hulpvragen SET veilig_thuis = true, doorverwezen_naar_loket = true WHERE id = $1", [eerste])
        }
        let reden = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT status::text || '/' || reden FROM koppelingen WHERE hulpvraag = $1", [eerste]) { row in
                try row.decode(0, as: String.self)
            }
        }
        #expect(reden == "afgebroken/veilig-thuis-signaal")
        try await insert(try await Fixtures.hulpvraag(environment))  // the place it held is free again
        await environment.close()
    }

    @Test("the running statuses are one definition: Swift's KoppelingStatus.loopt and the database's koppeling_loopt agree on every status")
    func lopendeStatussen() async throws {
        let pool = try await TestDatabase.freshPool()
        try await Migrator(directory: TestEnvironment.sqlDirectory).migrate(pool)
        let database = try await pool.withConnection { connection in
            try await connection.query("SELECT s::text, koppeling_loopt(s) FROM unnest(enum_range(NULL::koppelingstatus)) s") { row in
                [try row.decode(0, as: String.self): try row.decode(1, as: Bool.self)]
            }
        }.reduce(into: [String: Bool]()) { $0.merge($1) { a, _ in a } }
        #expect(database == Dictionary(uniqueKeysWithValues: KoppelingStatus.allCases.map { ($0.rawValue, $0.loopt) }))
        #expect(database.filter(\.value).keys.sorted() == ["geaccepteerd", "gestart", "voorgesteld"])
        await pool.close()
    }

    @Test(
        "each hard rule of the candidates list is kept at booking too: the helper the list leaves out is refused through the API, with the rule in words",
        arguments: [
            (
                "vrijwilliger", ["UPDATE vrijwilligers SET beschikbaarheid = '{zo-avond}' WHERE id = $1"],
                "De helper is niet beschikbaar of open op de dagdelen van de hulpvraag."
            ),
            (
                "vrijwilliger", ["UPDATE vrijwilligers SET langste_inzet = 'eenmalig' WHERE id = $1"],
                "De vrijwilliger wil niet zo lang helpen als de hulpvraag vraagt."
            ),
            (
                "vrijwilliger",
                ["INSERT INTO vrijwilliger_afwezigheden (gemeente, vrijwilliger, van, tot) VALUES ('GM1734', $1, vandaag() + 3, vandaag() + 10)"],
                "De vrijwilliger is afwezig in de komende twee weken."
            ),
            (
                "vrijwilliger",
                ["DELETE FROM vrijwilliger_leefgebieden WHERE vrijwilliger = $1", "DELETE FROM vrijwilliger_taken WHERE vrijwilliger = $1"],
                "De helper helpt niet bij de leefgebieden of taken van deze hulpvraag."
            ),
            (
                "voorziening", ["UPDATE voorzieningen SET leeftijdsgroep = 'jeugd' WHERE id = $1"],
                "De voorziening is niet voor de leeftijdsgroep van de inwoner."
            ),
            (
                "voorziening", ["UPDATE voorzieningen SET openingsdagdelen = '{zo-avond}' WHERE id = $1"],
                "De helper is niet beschikbaar of open op de dagdelen van de hulpvraag."
            ),
            (
                "voorziening",
                ["DELETE FROM voorziening_leefgebieden WHERE voorziening = $1", "DELETE FROM voorziening_taken WHERE voorziening = $1"],
                "De helper helpt niet bij de leefgebieden of taken van deze hulpvraag."
            ),
        ] as [(String, [String], String)]
    )
    func hardeRegelsBijBoeken(soort: String, breuk: [String], detail: String) async throws {
        let environment = try await TestEnvironment.seeded()
        // Kees (vw-0001) and the Ouderensoos Heteren (vz-001) fit the test hulpvraag as they are (the
        // soos made to serve every kern, everyone, by appointment, with financien); each case's
        // statements break one rule.
        let voorziening = soort == "voorziening"
        let helper = try await Fixtures.id(
            environment,
            voorziening ? "SELECT id FROM voorzieningen WHERE referentie = $1" : "SELECT id FROM vrijwilligers WHERE referentie = $1",
            voorziening ? "vz-001" : "vw-0001"
        )
        if voorziening {
            try await environment.owner.withConnection { connection in
                try await connection.execute(
                    "UPDATE voorzieningen SET hele_gemeente = true, leeftijdsgroep = 'iedereen', openingsdagdelen = '{}', capaciteit = NULL WHERE id = $1",
                    [helper]
                )
                try await connection.execute(
                    "INSERT INTO voorziening_leefgebieden (gemeente, voorziening, leefgebied) VALUES ('GM1734', $1, 'financien') ON CONFLICT DO NOTHING",
                    [helper]
                )
            }
        }
        let id = helper.uuidString.lowercased()
        let lijst = voorziening ? "voorzieningen" : "vrijwilligers"
        try await Fixtures.app(environment).test(.router) { client in
            func kandidaat(_ hulpvraag: UUID) async throws -> Bool {
                let kandidaten = try await Fixtures.get(client, "/v1/hulpvragen/\(hulpvraag.uuidString.lowercased())/kandidaten")
                return kandidaten[lijst]?.array?.contains { $0["id"]?.string == id } == true
            }
            // As it is, the list offers the helper and the booking takes.
            let eerst = try await Fixtures.hulpvraag(environment)
            #expect(try await kandidaat(eerst))
            let geboekt = try await Fixtures.postKoppeling(client, hulpvraag: eerst, #"{"\#(soort)": "\#(id)"}"#)
            #expect(geboekt.0 == .created, "\(geboekt.1)")
            // Broken, the list leaves the helper out and the database refuses the booking.
            try await environment.owner.withConnection { connection in
                for statement in breuk { try await connection.execute(statement, [helper]) }
            }
            let daarna = try await Fixtures.hulpvraag(environment)
            #expect(try await kandidaat(daarna) == false)
            let geweigerd = try await Fixtures.postKoppeling(client, hulpvraag: daarna, #"{"\#(soort)": "\#(id)"}"#)
            #expect(geweigerd.0 == .conflict)
            #expect(geweigerd.1["detail"]?.string == detail)
        }
        await environment.close()
    }

    @Test("the age-group rule is one rule: Swift's Matching.leeftijdsgroepen and the database's leeftijdsgroep_past agree")
    func leeftijdsgroepen() async throws {
        let pool = try await TestDatabase.freshPool()
        try await Migrator(directory: TestEnvironment.sqlDirectory).migrate(pool)
        var verschillen: [String] = []
        var vergeleken = 0
        try await pool.withConnection { connection in
            for op in [CalendarDate(year: 2026, month: 1, day: 1), CalendarDate(year: 2026, month: 12, day: 31)] {
                for geboortejaar in [nil, 1930, op.year - 66, op.year - 65, op.year - 64, op.year - 18, op.year - 17, op.year - 5] as [Int?] {
                    for jeugd in [false, true] {
                        let swift = Matching.leeftijdsgroepen(Fixtures.proef(geboortejaar: geboortejaar, jeugd: jeugd), vandaag: op)
                        for groep in Leeftijdsgroep.allCases {
                            let database = try await connection.queryOne(
                                "SELECT leeftijdsgroep_past($1, $2, $3::integer, $4)",
                                [groep.rawValue, jeugd, geboortejaar, op]
                            ) { row in try row.decode(0, as: Bool.self) }
                            vergeleken += 1
                            if database != swift.contains(groep) {
                                verschillen.append("\(groep) for born \(geboortejaar.map(String.init) ?? "?"), jeugd \(jeugd), on \(op)")
                            }
                        }
                    }
                }
            }
        }
        #expect(vergeleken == 2 * 8 * 2 * Leeftijdsgroep.allCases.count)
        #expect(verschillen.isEmpty, "\(verschillen)")
        await pool.close()
    }

    @Test(
        "the VOG rule is one rule: the database refuses the volunteer the candidates list leaves out, also for a resident under 18 by year of birth"
    )
    func vogBijJongeren() async throws {
        let environment = try await TestEnvironment.seeded()
        let vandaag = CalendarDate.vandaag()

        // The two definitions agree: Swift's (Matching, the register page) and the database's (the booking trigger, the register's filter).
        // The first VOG date still valid today (on 29 February: 1 March three years back).
        let zelfdeDag = vandaag.plus(maanden: -36)
        let drieJaarTerug = VOG.geldig(zelfdeDag, op: vandaag) ? zelfdeDag : zelfdeDag.plus(dagen: 1)
        let vogs = [
            drieJaarTerug, drieJaarTerug.plus(dagen: -1), drieJaarTerug.plus(dagen: 1), CalendarDate(year: 2024, month: 2, day: 29),
            CalendarDate(year: 2023, month: 2, day: 28), CalendarDate(year: 2023, month: 12, day: 31),
        ]
        let dagen = [
            vandaag, CalendarDate(year: 2026, month: 1, day: 1), CalendarDate(year: 2026, month: 12, day: 31),
            CalendarDate(year: 2027, month: 2, day: 28),
        ]
        // As the service, which the register's filter runs as; the trigger runs as the owner.
        try await environment.service.withTransaction(in: try await environment.proven(Fixtures.heteren)) { connection in
            let voor = CalendarDate.vandaag()
            let database = try await connection.queryOne("SELECT vandaag()") { row in try row.decode(0, as: CalendarDate.self) }
            #expect(database == voor || database == CalendarDate.vandaag(), "the database's today is the Netherlands' today")  // at midnight either
            for vog in vogs {
                let tot = try await connection.queryOne("SELECT vog_geldig_tot($1)", [vog]) { row in try row.decode(0, as: CalendarDate.self) }
                #expect(tot == VOG.geldigTot(vog), "VOG of \(vog)")
            }
            #expect(VOG.geldigTot(CalendarDate(year: 2024, month: 2, day: 29)) == CalendarDate(year: 2027, month: 2, day: 28))
            for op in dagen {
                for geboortejaar in [nil, op.year - 19, op.year - 18, op.year - 17, op.year - 10] as [Int?] {
                    for jeugd in [false, true] {
                        let database = try await connection.queryOne("SELECT jongere($1, $2::integer, $3)", [jeugd, geboortejaar, op]) { row in
                            try row.decode(0, as: Bool.self)
                        }
                        #expect(
                            database == Fixtures.proef(geboortejaar: geboortejaar, jeugd: jeugd).jongere(op: op),
                            "born \(geboortejaar.map(String.init) ?? "?"), jeugd \(jeugd), on \(op)"
                        )
                    }
                }
            }
        }
        #expect(
            Fixtures.proef(geboortejaar: vandaag.year - 17).jongere(op: vandaag)
                && !Fixtures.proef(geboortejaar: vandaag.year - 18).jongere(op: vandaag)
        )

        // And the booking follows the list, both ways, for a resident of ten not marked jeugd.
        let kees = try await Fixtures.id(environment, "SELECT id FROM vrijwilligers WHERE referentie = $1", "vw-0001")
        let id = kees.uuidString.lowercased()
        @Sendable func zetVOG(_ datum: CalendarDate?) async throws {
            try await environment.owner.withConnection { connection in
                _ = try await connection.execute("UPDATE vrijwilligers SET vog_datum = $1 WHERE id = $2", [datum, kees])
            }
        }
        let kind = try await Fixtures.hulpvraag(environment, Fixtures.proef(geboortejaar: vandaag.year - 10))
        let volwassene = try await Fixtures.hulpvraag(environment, Fixtures.proef(geboortejaar: 1950))
        let gisterenVerlopen = drieJaarTerug.plus(dagen: -1)
        try await Fixtures.app(environment).test(.router) { client in
            func kandidaat(_ hulpvraag: UUID) async throws -> Bool {
                let kandidaten = try await Fixtures.get(client, "/v1/hulpvragen/\(hulpvraag.uuidString.lowercased())/kandidaten")
                return kandidaten["vrijwilligers"]?.array?.contains { $0["id"]?.string == id } == true
            }
            try await zetVOG(nil)
            #expect(try await kandidaat(kind) == false)
            #expect(try await Fixtures.postKoppeling(client, hulpvraag: kind, #"{"vrijwilliger": "\#(id)"}"#).0 == .conflict)
            try await zetVOG(gisterenVerlopen)
            #expect(try await kandidaat(kind) == false)
            let uitleg =
                try await Fixtures.get(client, "/v1/hulpvragen/\(kind.uuidString.lowercased())/kandidaten")["uitleg"]?["vrijwilligers"]?.strings ?? []
            #expect(
                uitleg.contains {
                    $0.contains("heeft geen geldige VOG (nodig bij een jongere)") || $0.contains("hebben geen geldige VOG (nodig bij een jongere)")
                },
                "\(uitleg)"
            )
            let geweigerd = try await Fixtures.postKoppeling(client, hulpvraag: kind, #"{"vrijwilliger": "\#(id)"}"#)
            #expect(geweigerd.0 == .conflict)
            #expect(geweigerd.1["detail"]?.string == "Bij een jongere alleen een vrijwilliger met een geldige VOG.")
            // The adult needs none.
            #expect(try await kandidaat(volwassene) == true)
            let volwassen = try await Fixtures.postKoppeling(client, hulpvraag: volwassene, #"{"vrijwilliger": "\#(id)"}"#)
            #expect(volwassen.0 == .created, "\(volwassen.1)")
            // Valid to the last day: the list offers Kees and the booking takes.
            try await zetVOG(drieJaarTerug)
            #expect(try await kandidaat(kind) == true)
            let geboekt = try await Fixtures.postKoppeling(client, hulpvraag: kind, #"{"vrijwilliger": "\#(id)"}"#)
            #expect(geboekt.0 == .created, "\(geboekt.1)")
        }
        await environment.close()
    }
}
