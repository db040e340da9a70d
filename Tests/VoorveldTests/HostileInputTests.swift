import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import Synchronization
import TestDatabase
import Testing
import Voorveld
import VoorveldHTTP
import VoorveldStore

/// The findings of the outside security probe (issue 14): deeply nested JSON that cost seconds of
/// CPU, database passwords in the log, and text that looks like other text or hides characters.
@Suite("Hostile input")
struct HostileInputTests {

    /// The reason a 400 gives for `veld` in its `invalidParams`.
    static func reden(_ problem: [String: Any], _ veld: String) -> String? {
        (problem["invalidParams"] as? [[String: String]])?.first { $0["name"] == veld }?["reason"]
    }

    // MARK: - Nesting

    /// `JSONInput.maximaleDiepte`.
    static let diepte = 16

    /// `levels` objects and lists in each other, taking turns: `{"a":[{"a":1}]}` has 3.
    static func genest(_ levels: Int) -> String {
        var open = ""
        var close = ""
        for level in 0..<levels {
            if level.isMultiple(of: 2) {
                open += #"{"a":"#
                close = "}" + close
            } else {
                open += "["
                close = "]" + close
            }
        }
        return open + "1" + close
    }

    static func hulpvraag(
        dossierreferentie: String = "RS-20431",
        omschrijving: String = "Kan de post niet meer bijhouden.",
        extra: String = ""
    ) -> String {
        """
        {"dossierreferentie": "\(dossierreferentie)", "initialen": "A.B.", "kern": "heteren", "kanaal": "telefoon",
         "leefgebieden": ["financien"], "zrmScores": {"financien": 2}, "duur": "onbepaald", "toestemmingVrijwilliger": true,
         "omschrijving": "\(omschrijving)"\(extra)}
        """
    }

    @Test("a body nested deeper than the limit is refused with a Dutch problem before it is parsed; at the limit it is read as usual")
    func nesting() async throws {
        #expect(Self.genest(3) == #"{"a":[{"a":1}]}"#)
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let headers = Fixtures.headers(Demo.kernteamlid.token)
            // One level too deep: the body's own object and 16 more.
            try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: Self.hulpvraag(extra: #", "extra": \#(Self.genest(Self.diepte))"#))
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try Fixtures.json(response.body)
                #expect(problem["status"] as? Int == 400)
                #expect(problem["title"] as? String == "Ongeldig verzoek")
                #expect((problem["detail"] as? String)?.contains("te diep genest: hoogstens 16 niveaus") == true, "\(problem)")
                #expect(!problem.keys.contains("invalidParams"))
            }
            // At the limit it is parsed and checked field by field: only the unknown field is wrong.
            try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: Self.hulpvraag(extra: #", "extra": \#(Self.genest(Self.diepte - 1))"#))
            ) { response in
                #expect(response.status == .badRequest)
                let problem = try Fixtures.json(response.body)
                #expect((problem["detail"] as? String)?.contains("genest") == false)
                #expect(Self.reden(problem, "extra") == "onbekend veld")
            }
            // The probe's body: 500 levels. Refused for its depth, whatever the endpoint.
            for (uri, token) in [("/v1/hulpvragen", Demo.kernteamlid.token), ("/v1/vrijwilligers", Demo.steunpunt.token)] {
                for body in [Self.genest(500), String(repeating: "[", count: 500) + String(repeating: "]", count: 500)] {
                    try await client.execute(uri: uri, method: .post, headers: Fixtures.headers(token), body: ByteBuffer(string: body)) { response in
                        #expect(response.status == .badRequest)
                        #expect(response.headers[.contentType] == "application/problem+json")
                        let problem = try Fixtures.json(response.body)
                        #expect((problem["detail"] as? String)?.contains("te diep genest") == true)
                    }
                }
            }
            // Brackets inside a string, after an escaped quote, are text: counted, they would be 40 levels.
            let tekst = #"Schreef: \"[[[[[[[[[[[[[[[[[[[[ {{{{{{{{{{{{{{{{{{{{\" en een backslash \\"#
            try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: Self.hulpvraag(omschrijving: tekst))
            ) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let body = try Fixtures.json(response.body)
                #expect((body["omschrijving"] as? String)?.hasPrefix(#"Schreef: "[[[["#) == true)
            }
        }
        await environment.close()
    }

    // MARK: - Passwords in the log

    @Test("a pool that cannot connect logs and throws its target without the password, in every form a connection string has one")
    func passwordsNotLogged() async throws {
        let nowhere = TestDatabase.temporaryDirectory()  // no server listens here
        defer { try? FileManager.default.removeItem(atPath: nowhere) }
        let configurations = [
            ConnectionConfiguration(url: "postgresql://voorveld:Geheim-URI@/voorveld?host=\(nowhere)"),
            ConnectionConfiguration(url: "postgresql://voorveld@/voorveld?host=\(nowhere)&password=Geheim-QRY"),
            ConnectionConfiguration(url: "postgresql://voorveld@/voorveld?host=\(nowhere)&sslpassword=Geheim-SSL"),
            ConnectionConfiguration(url: "host=\(nowhere) user=voorveld password=Geheim-KV"),
            ConnectionConfiguration(url: #"host=\#(nowhere) user=voorveld password = 'Geheim met\'spatie'"#),
            ConnectionConfiguration(url: "postgresql://voorveld:Geheim%zz@/voorveld?host=\(nowhere)"),
            ConnectionConfiguration(url: "host=\(nowhere) password=Geheim Achter user=voorveld"),
            ConnectionConfiguration(parameters: [("host", nowhere), ("user", "voorveld"), ("password", "Geheim-PAR"), ("sslpassword", "Geheim-SSL")]),
        ]
        for configuration in configurations {
            let log = CapturedLog()
            let pool = ConnectionPool(.init(connection: configuration, maxConnections: 1, acquireTimeout: .milliseconds(500)), logger: log.logger)
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withConnection { _ in () }
            }
            await pool.close()
            let text = ([String(describing: configuration), error.map(String.init(describing:)) ?? ""] + log.lines).joined(separator: "\n")
            // In the error, and in the log when a retry came before the timeout (that depends on the
            // machine's speed, so either will do).
            #expect(text.contains("cannot connect"), "\(text)")
            #expect(text.contains("***"), "\(text)")
            for piece in ["Geheim", "spatie", "Achter"] {
                #expect(!text.contains(piece), "\(text)")
            }
        }
    }

    /// The program built beside the test bundle, as `ServeCommandTests` runs it.
    static var program: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("voorveld").path
    }

    @Test("voorveld logs and prints its database targets without their passwords, as text and as JSON")
    func commandHidesPasswords() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.program), "build the voorveld program first: swift build --build-tests")
        let nowhere = TestDatabase.temporaryDirectory()  // no server listens here
        defer { try? FileManager.default.removeItem(atPath: nowhere) }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["DATABASE_URL"] = "postgresql://voorveld_app:Geheim-URL@/voorveld?host=\(nowhere)&sslpassword=Geheim-SSL"
        environment["DATABASE_OWNER_URL"] = #"host=\#(nowhere) user=voorveld password = 'Geheim met\'spatie'"#
        environment["REPORTS_DATABASE_URL"] = "postgresql:///voorveld?host=\(nowhere)&password=Geheim-RAP"
        for format in ["text", "json"] {
            // Its output into a file, waited for without holding a thread: it tries to connect for 5 s.
            let path = nowhere + "/migrate-\(format).log"
            try #require(FileManager.default.createFile(atPath: path, contents: nil))
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.program)
            process.arguments = ["migrate", "--sql-dir", TestEnvironment.sqlDirectory, "--log-format", format]
            process.environment = environment
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let deadline = ContinuousClock.now + .seconds(60)
            while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            if process.isRunning {
                Issue.record("voorveld migrate did not end within 60 s")
                process.terminate()
                process.waitUntilExit()
            }
            try output.close()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(process.terminationStatus != 0, "\(text)")
            // It said where it connects to and why it could not, with the passwords hidden.
            #expect(
                text.contains("using the configured PostgreSQL") && text.contains("reports database") && text.contains("cannot connect"),
                "\(text)"
            )
            #expect(text.contains("***"), "\(text)")
            #expect(!text.contains("Geheim") && !text.contains("spatie"), "\(text)")
        }
    }

    // MARK: - Look-alike and invisible text

    static func vrijwilliger(referentie: String, voornaam: String = "Joke", achternaam: String = "de Wit") -> String {
        """
        {"referentie": "\(referentie)", "voornaam": "\(voornaam)", "achternaam": "\(achternaam)", "kern": "heteren",
         "leefgebieden": ["financien"], "taken": ["administratie"], "beschikbaarheid": ["di-ochtend"],
         "langsteInzet": "onbepaald", "urenPerWeek": 3, "maxHulpvragen": 2}
        """
    }

    static func voorziening(referentie: String = "vz-8001", naam: String = "Repaircafé", aanbieder: String = "Dorpshuis Heteren") -> String {
        """
        {"referentie": "\(referentie)", "aanbieder": "\(aanbieder)", "naam": "\(naam)", "kernen": ["heteren"],
         "leefgebieden": ["maatschappelijke-participatie"], "laatstGeverifieerd": "2026-10-01"}
        """
    }

    @Test("a referentie that only looks like another (a Cyrillic а or о) is refused with a field error, in the API and in a CSV file")
    func lookAlikeReferentie() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let steunpunt = Fixtures.headers(Demo.steunpunt.token)
            try await client.execute(
                uri: "/v1/vrijwilligers",
                method: .post,
                headers: steunpunt,
                body: ByteBuffer(string: Self.vrijwilliger(referentie: "vw-anna-001"))
            ) { response in
                #expect(response.status == .created)
            }
            // The same to the eye: a Cyrillic а (U+0430), a Cyrillic о (U+043E) for the zero.
            for lookalike in ["vw-\u{0430}nna-001", "vw-anna-0\u{043E}1"] {
                try await client.execute(
                    uri: "/v1/vrijwilligers",
                    method: .post,
                    headers: steunpunt,
                    body: ByteBuffer(string: Self.vrijwilliger(referentie: lookalike))
                ) { response in
                    #expect(response.status == .badRequest)
                    let reden = Self.reden(try Fixtures.json(response.body), "referentie")
                    #expect(
                        reden?.hasPrefix("mag alleen letters a-z en A-Z, cijfers en - _ . / bevatten, en begint met een letter of cijfer") == true
                    )
                    #expect(reden?.contains("U+04") == true, "\(reden ?? "")")
                }
            }
            try await client.execute(
                uri: "/v1/voorzieningen",
                method: .post,
                headers: steunpunt,
                body: ByteBuffer(string: Self.voorziening(referentie: "vz-8\u{043E}01"))
            ) { response in
                #expect(response.status == .badRequest)
                let problem = try Fixtures.json(response.body)
                #expect(Self.reden(problem, "referentie")?.hasPrefix(Tekstsoort.referentieMelding) == true)
            }
            try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: Fixtures.headers(Demo.kernteamlid.token),
                body: ByteBuffer(string: Self.hulpvraag(dossierreferentie: "RS-2\u{043E}431"))
            ) { response in
                #expect(response.status == .badRequest)
                let problem = try Fixtures.json(response.body)
                #expect(Self.reden(problem, "dossierreferentie")?.hasPrefix(Tekstsoort.referentieMelding) == true)
            }
            // A steunpunt's spreadsheet: the row and the column, nothing imported.
            let csv =
                "referentie;voornaam;achternaam;kern;leefgebieden;beschikbaarheid;langste_inzet;uren_per_week;max_hulpvragen\n"
                + "vw-bram-001;Bram;Bakker;heteren;financien;ma-ochtend;kortdurend;2;1\n"
                + "vw-\u{0430}nna-002;Anna;Jansen;heteren;financien;ma-ochtend;kortdurend;2;1\n"
            try await client.execute(
                uri: "/v1/vrijwilligers/import",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token, "text/csv"),
                body: ByteBuffer(string: csv)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let fouten = try Fixtures.json(response.body)["fouten"] as? [[String: Any]] ?? []
                #expect(fouten.count == 1)
                #expect(fouten.first?["regel"] as? Int == 3 && fouten.first?["kolom"] as? String == "referentie")
                #expect((fouten.first?["melding"] as? String)?.hasPrefix(Tekstsoort.referentieMelding) == true)
            }
        }
        let stored = try await environment.owner.withConnection { connection in
            try await connection.query("SELECT referentie FROM vrijwilligers WHERE referentie LIKE 'vw-%nna-%' OR referentie LIKE 'vw-bram-%'") {
                row in
                try row.decode(0, as: String.self)
            }
        }
        #expect(stored == ["vw-anna-001"])
        await environment.close()
    }

    @Test("a name with a bidi override or an invisible character is refused with a field error; free text keeps its lines but no bidi controls")
    func invisibleCharacters() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let steunpunt = Fixtures.headers(Demo.steunpunt.token)
            // U+202E shows what follows right to left: "\u{202E}tiW ed" reads as "de Wit".
            for (voornaam, achternaam, veld) in [
                ("Joke", "\u{202E}tiW ed", "achternaam"), ("Jo\u{200B}ke", "de Wit", "voornaam"),
                ("Joke\u{2066}", "de Wit", "voornaam"), ("Joke\u{FEFF}", "de Wit", "voornaam"),
            ] {
                try await client.execute(
                    uri: "/v1/vrijwilligers",
                    method: .post,
                    headers: steunpunt,
                    body: ByteBuffer(string: Self.vrijwilliger(referentie: "vw-8201", voornaam: voornaam, achternaam: achternaam))
                ) { response in
                    #expect(response.status == .badRequest)
                    let reden = Self.reden(try Fixtures.json(response.body), veld)
                    #expect(reden?.hasPrefix("bevat onzichtbare of tekstrichting-tekens (U+") == true, "\(veld): \(reden ?? "nil")")
                }
            }
            try await client.execute(
                uri: "/v1/voorzieningen",
                method: .post,
                headers: steunpunt,
                body: ByteBuffer(string: Self.voorziening(naam: "Repair\u{202E}caf\u{E9}"))
            ) { response in
                #expect(response.status == .badRequest)
                let problem = try Fixtures.json(response.body)
                #expect(Self.reden(problem, "naam") == "bevat onzichtbare of tekstrichting-tekens (U+202E)")
            }
            let kernteamlid = Fixtures.headers(Demo.kernteamlid.token)
            try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: kernteamlid,
                body: ByteBuffer(string: Self.hulpvraag(omschrijving: "Post \u{202E}negilj"))
            ) { response in
                #expect(response.status == .badRequest)
                let problem = try Fixtures.json(response.body)
                #expect(Self.reden(problem, "omschrijving")?.hasPrefix(Tekstsoort.onzichtbaarMelding) == true)
            }
            // Lines and tabs are what free text is made of.
            try await client.execute(
                uri: "/v1/hulpvragen",
                method: .post,
                headers: kernteamlid,
                body: ByteBuffer(string: Self.hulpvraag(omschrijving: #"Eerste regel\nTweede regel\tmet een tab"#))
            ) { response in
                #expect(response.status == .created)
                let body = try Fixtures.json(response.body)
                #expect(body["omschrijving"] as? String == "Eerste regel\nTweede regel\tmet een tab")
            }
        }
        await environment.close()
    }

    @Test("a name typed with a combining accent (e + U+0301) is stored as the precomposed é (NFC), and read back so")
    func namesInNFC() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let location = try await client.execute(
                uri: "/v1/vrijwilligers",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token),
                body: ByteBuffer(string: Self.vrijwilliger(referentie: "vw-8301", voornaam: "Rene\u{301}e", achternaam: "Bro\u{308}er"))
            ) { response in
                #expect(response.status == .created)
                return response.headers[.location]
            }
            let path = try #require(location)
            try await client.execute(uri: path, method: .get, headers: Fixtures.headers(Demo.kernteamlid.token)) { response in
                #expect(response.status == .ok)
                let body = try Fixtures.json(response.body)
                // By code point: Swift's == holds the two forms equal, PostgreSQL does not.
                #expect((body["voornaam"] as? String).map { Array($0.unicodeScalars) } == Array("Ren\u{E9}e".unicodeScalars))
                #expect((body["achternaam"] as? String).map { Array($0.unicodeScalars) } == Array("Br\u{F6}er".unicodeScalars))
            }
        }
        // PostgreSQL, which compares bytes, finds it by the precomposed form, as it is typed on a Dutch keyboard.
        let found = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM vrijwilligers WHERE voornaam = $1", ["Ren\u{E9}e"]) { row in
                try row.decode(0, as: Int.self)
            }
        }
        #expect(found == 1)
        await environment.close()
    }

    @Test("on a page, the look-alike referentie and the hidden character are named next to their fields")
    func pageFieldErrors() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            var nieuw = try await Fixtures.bewerkformulier(client, "/voorzieningen/nieuw", action: "/voorzieningen", Demo.steunpunt.token)
            nieuw.zet("naam", "Repair\u{202E}caf\u{E9}")
            nieuw.zet("aanbieder", "Dorpshuis Driel")
            nieuw.zet("referentie", "vz-p\u{0430}ge-1")
            nieuw.velden += [("kernen", "driel"), ("leefgebieden", "sociaal-netwerk")]
            try await client.execute(
                uri: "/voorzieningen",
                method: .post,
                headers: Fixtures.paginaHeaders(Demo.steunpunt.token, Fixtures.urlencoded),
                body: Fixtures.formulierBody(nieuw.velden)
            ) { response in
                #expect(response.status == .badRequest)
                let html = String(buffer: response.body)
                #expect(html.contains(#"id="referentie-fout">Referentie: mag alleen letters a-z en A-Z, cijfers en - _ . / bevatten"#))
                #expect(html.contains(#"id="naam-fout">Naam: bevat onzichtbare of tekstrichting-tekens (U+202E)"#))
            }
        }
        // Nothing stored: only the seed's voorzieningen.
        let seed = try String(contentsOfFile: TestEnvironment.seedDirectory + "/voorzieningen.csv", encoding: .utf8).split(separator: "\n").count - 1
        #expect(try await Fixtures.count(environment, "voorzieningen") == seed)
        await environment.close()
    }

    @Test(
        "the referentie rule is one: the code, its regular expression and the OpenAPI document's pattern agree, and every seed referentie keeps to it"
    )
    func referentieRuleIsOne() async throws {
        // The expression (for the OpenAPI document and a database CHECK) against the code, with each
        // character of the Latin, Greek, Cyrillic, Armenian and Hebrew blocks first and in the middle.
        for value in 0..<0x0600 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar) + "a", "a" + String(scalar) + "a"] {
                let byPattern = text.range(of: Tekstsoort.referentiePatroon, options: .regularExpression) != nil
                #expect(byPattern == (Tekstsoort.referentie.fout(in: text) == nil), "U+\(String(value, radix: 16)) in \(text.debugDescription)")
            }
        }
        let environment = try await TestEnvironment.migrated()
        // The database's CHECKs (*_referentie_ascii in sql/migrations/001_baseline.sql) hold the same expression, and refuse what the code refuses.
        let checks = try await environment.owner.withConnection { connection in
            try await connection.query(
                """
                SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conname IN ('vrijwilligers_referentie_ascii', 'voorzieningen_referentie_ascii', 'hulpvragen_dossierreferentie_ascii')
                ORDER BY conname
                """
            ) { row in (try row.decode(0, as: String.self), try row.decode(1, as: String.self)) }
        }
        #expect(checks.count == 3)
        for (name, definition) in checks {
            #expect(definition.contains("'\(Tekstsoort.referentiePatroon)'"), "\(name): \(definition)")
        }
        let refused = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT 'vw-\u{0430}' COLLATE \"C\" ~ $1, 'vw-a' COLLATE \"C\" ~ $1", [Tekstsoort.referentiePatroon]) {
                row in
                (try row.decode(0, as: Bool.self), try row.decode(1, as: Bool.self))
            }
        }
        #expect(refused?.0 == false && refused?.1 == true)
        try await Fixtures.app(environment).test(.router) { client in
            try await client.execute(uri: "/v1/openapi.json", method: .get) { response in
                let schemas = try JSON.parse(Data(buffer: response.body))["components"]?["schemas"]
                for (schema, veld) in [("Vrijwilliger", "referentie"), ("Voorziening", "referentie"), ("Hulpvraag", "dossierreferentie")] {
                    #expect(schemas?[schema]?["properties"]?[veld]?["pattern"]?.string == Tekstsoort.referentiePatroon, "\(schema).\(veld)")
                }
            }
        }
        await environment.close()
        for (bestand, kolom) in [("vrijwilligers.csv", "referentie"), ("voorzieningen.csv", "referentie"), ("hulpvragen.csv", "dossierreferentie")] {
            let table = try CSVTable(try String(contentsOfFile: TestEnvironment.seedDirectory + "/" + bestand, encoding: .utf8))
            #expect(!table.rows.isEmpty)
            for row in table.rows {
                #expect(Tekstsoort.referentie.fout(in: row[kolom]) == nil, "\(bestand) regel \(row.line): \(row[kolom])")
            }
        }
    }
}

/// What a logger wrote, one line per event with its metadata and error, for a test to search.
final class CapturedLog: Sendable {
    private let stored = Mutex<[String]>([])

    var lines: [String] { stored.withLock { $0 } }

    var logger: Logger {
        Logger(label: "captured") { _ in Handler(sink: self) }
    }

    fileprivate func append(_ line: String) { stored.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let sink: CapturedLog
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = metadata.merging(event.metadata ?? [:]) { $1 }
            sink.append("\(event.level) \(event.message) \(fields) \(event.error.map(String.init(describing:)) ?? "")")
        }
    }
}
