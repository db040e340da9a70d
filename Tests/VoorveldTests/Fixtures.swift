import CalendarDate
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Postgres
import Testing
import Voorveld
import VoorveldHTTP
import VoorveldStore

/// What several suites use, in one place, so that no suite borrows another's: the application on a
/// test environment and its requests, example bodies, the demo data's ids, tokens and users, page
/// forms, and the built program. (The databases themselves: `TestEnvironment`.)
enum Fixtures {
    // MARK: - The API

    static func app(_ environment: TestEnvironment) -> some ApplicationProtocol {
        buildApplication(HTTPConfiguration(port: 0), dependencies: environment.dependencies, logger: Logger(label: "test"))
    }

    /// An API request of the holder of `token`, with a JSON body (or another `type`).
    static func headers(_ token: String, _ type: String = "application/json") -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: type]
    }

    /// The same with more header fields, e.g. `If-Match`.
    static func headers(_ token: String, _ extra: HTTPFields) -> HTTPFields {
        var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        headers.append(contentsOf: extra)
        return headers
    }

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] ?? [:]
    }

    /// A GET that must answer 200, as `token`'s holder (the demo kernteamlid unless named).
    static func get(_ client: some TestClientProtocol, _ uri: String, token: String = Demo.kernteamlid.token) async throws -> JSON {
        try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
            #expect(response.status == .ok, "\(uri): \(response.status)")
            return try JSON.parse(Data(buffer: response.body))
        }
    }

    // MARK: - Example bodies, valid as they are

    /// A hulpvraag in Heteren, as `POST /v1/hulpvragen` takes it.
    static let hulpvraagBody = """
        {"initialen": "A.B.", "geboortejaar": 1948, "kern": "heteren", "kanaal": "telefoon", "leefgebieden": ["financien", "sociaal-netwerk"],
         "zrmScores": {"financien": 2}, "taken": ["administratie"], "dagdelen": ["di-ochtend"], "duur": "onbepaald", "urenPerWeek": 2,
         "toestemmingVrijwilliger": true, "omschrijving": "Kan de post en rekeningen niet meer bijhouden."}
        """

    /// The example hulpvraag with extra fields in front, e.g. `"status": "afgesloten"`.
    static func hulpvraagBody(_ extra: String) -> String {
        "{\(extra), " + hulpvraagBody.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst()
    }

    /// A voorziening, as `POST /v1/voorzieningen` takes it.
    static let voorzieningBody = """
        {"referentie": "vz-900", "aanbieder": "Dorpshuis Heteren", "naam": "Repaircafé", "kernen": ["heteren", "driel"],
         "leefgebieden": ["maatschappelijke-participatie"], "taken": ["klussen"], "openingsdagdelen": ["za-ochtend"],
         "contact": "0488-123456", "laatstGeverifieerd": "2026-10-01"}
        """

    /// A volunteer, as `POST /v1/vrijwilligers` takes it.
    static let vrijwilligerBody = """
        {"referentie": "vw-9001", "voornaam": "Joke", "achternaam": "de Wit", "email": "joke@example.org", "kern": "heteren",
         "buurkernen": ["driel"], "leefgebieden": ["financien"], "taken": ["administratie"], "beschikbaarheid": ["do-ochtend", "di-ochtend"],
         "afwezigheden": ["2026-12-20/2027-01-04"], "langsteInzet": "onbepaald", "urenPerWeek": 3, "maxHulpvragen": 2, "vogDatum": "2025-01-10"}
        """

    // MARK: - Hulpvragen and koppelingen of the demo

    /// The demo kernteamlid of kernteam Heteren.
    static let heteren = AccessScope(gemeente: "GM1734", gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])

    /// The id of a demo volunteer or hulpvraag.
    static func id(_ environment: TestEnvironment, _ sql: String, _ key: String) async throws -> UUID {
        try await environment.owner.withConnection { connection in
            try await connection.queryOne(sql, [key]) { row in try row.decode(0, as: UUID.self) }!
        }
    }

    /// A hulpvraag in Heteren that Kees (vw-0001) can take on.
    static func proef(geboortejaar: Int? = 1950, jeugd: Bool = false, toestemming: Bool = true) -> Hulpvraag {
        Hulpvraag(
            id: nil,
            dossierreferentie: "T-\(UUID().uuidString.prefix(8))",
            initialen: "T.",
            geboortejaar: geboortejaar,
            regisseur: "kernteamlid",
            kernteam: "heteren",
            kern: "heteren",
            kanaal: .telefoon,
            ontvangenOp: .vandaag(),
            leefgebieden: ["financien"],
            zrmScores: [:],
            taken: ["administratie"],
            dagdelen: ["di-ochtend"],
            duur: .langdurig,
            urenPerWeek: 1,
            jeugd: jeugd,
            toestemmingVrijwilliger: toestemming,
            gezamenlijkHuisbezoek: false,
            veiligThuis: false,
            omschrijving: "",
            status: .nieuw,
            doorverwezenNaarLoket: false,
            versie: nil
        )
    }

    /// A new hulpvraag of the demo kernteamlid, stored as the service stores it.
    static func hulpvraag(_ environment: TestEnvironment, toestemming: Bool = true) async throws -> UUID {
        try await hulpvraag(environment, proef(toestemming: toestemming))
    }

    static func hulpvraag(_ environment: TestEnvironment, _ hulpvraag: Hulpvraag) async throws -> UUID {
        try await HulpvraagStore(pool: environment.service).create(hulpvraag, in: try await environment.proven(heteren)) { id in
            AuditRegel(
                gebruiker: "kernteamlid",
                rol: .kernteamlid,
                actie: "hulpvraag-registreren",
                objectType: "hulpvraag",
                objectId: nil,
                doel: "test",
                resultaat: .toegestaan
            )
        }.id!
    }

    /// Proposes a koppeling for `hulpvraag` as the demo kernteamlid.
    static func postKoppeling(_ client: some TestClientProtocol, hulpvraag: UUID, _ body: String) async throws -> (HTTPResponse.Status, JSON) {
        try await client.execute(
            uri: "/v1/hulpvragen/\(hulpvraag.uuidString.lowercased())/koppelingen",
            method: .post,
            headers: [.authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json"],
            body: ByteBuffer(string: body)
        ) { response in
            (response.status, (try? JSON.parse(Data(buffer: response.body))) ?? .null)
        }
    }

    /// Moves `koppeling` on (accept, start, complete, break off) as the demo kernteamlid.
    static func zetStatus(_ client: some TestClientProtocol, _ koppeling: JSON, _ body: String) async throws -> (HTTPResponse.Status, JSON) {
        try await client.execute(
            uri: "/v1/koppelingen/\(koppeling["id"]?.string ?? "")/status",
            method: .put,
            headers: [
                .authorization: "Bearer \(Demo.kernteamlid.token)", .contentType: "application/json",
                .ifMatch: "\"\(koppeling["versie"]?.int ?? 0)\"",
            ],
            body: ByteBuffer(string: body)
        ) { response in
            (response.status, (try? JSON.parse(Data(buffer: response.body))) ?? .null)
        }
    }

    // MARK: - Who asks: the access matrix's actors, with the demo's ids and tokens

    /// Everyone the access matrix asks as.
    enum Actor: String, CaseIterable, CustomTestStringConvertible {
        case anoniem
        case kernteamlid  // Overbetuwe, kernteam Heteren
        case kernteamlidAnderTeam  // Overbetuwe, kernteam Driel
        case steunpunt, wethouder, beheerder  // Overbetuwe
        case kernteamlidTwenterand  // Twenterand, kernteam Vroomshoop-Den Ham
        case beheerderTwenterand  // Twenterand

        var testDescription: String { rawValue }
        var gemeente: String? {
            switch self {
            case .anoniem: nil
            case .kernteamlidTwenterand, .beheerderTwenterand: "GM1700"
            default: "GM1734"
            }
        }
    }

    /// The ids the rows name: the volunteers, two voorzieningen, and a new hulpvraag of kernteam Heteren.
    static func ids(_ environment: TestEnvironment) async throws -> [String: String] {
        var ids = try await volunteerIds(environment)
        try await environment.owner.withConnection { connection in
            let rows = try await connection.query("SELECT gemeente, id::text FROM voorzieningen WHERE referentie = ANY($1)", [["vz-001", "vz-028"]]) {
                row in
                (try row.decode(0, as: String.self), try row.decode(1, as: String.self))
            }
            for (gemeente, id) in rows { ids[gemeente == "GM1734" ? "voorziening-overbetuwe" : "voorziening-twenterand"] = id }
        }
        let scope = try await environment.proven(
            AccessScope(gemeente: "GM1734", gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])
        )
        let hulpvraag = Hulpvraag(
            id: nil,
            dossierreferentie: "D-1",
            initialen: "J.",
            geboortejaar: 1950,
            regisseur: "kernteamlid",
            kernteam: "heteren",
            kern: "heteren",
            kanaal: .telefoon,
            ontvangenOp: CalendarDate(year: 2026, month: 11, day: 2),
            leefgebieden: ["financien"],
            zrmScores: [:],
            taken: [],
            dagdelen: [],
            duur: .kortdurend,
            urenPerWeek: nil,
            jeugd: false,
            toestemmingVrijwilliger: true,
            gezamenlijkHuisbezoek: false,
            veiligThuis: false,
            omschrijving: "",
            status: .nieuw,
            doorverwezenNaarLoket: false,
            versie: nil
        )
        let stored = try await HulpvraagStore(pool: environment.service).create(hulpvraag, in: scope) { id in
            AuditRegel(
                gebruiker: "kernteamlid",
                rol: .kernteamlid,
                actie: "hulpvraag-registreren",
                objectType: "hulpvraag",
                objectId: id.uuidString,
                doel: "test",
                resultaat: .toegestaan
            )
        }
        ids["hulpvraag-heteren"] = stored.id!.uuidString.lowercased()
        let koppeling = try await environment.service.withTransaction(in: scope) { connection in
            try await KoppelingStore.create(
                hulpvraag: stored.id!,
                helper: .vrijwilliger(UUID(uuidString: ids["overbetuwe"]!)!),
                toelichting: "",
                on: connection,
                door: "kernteamlid"
            ) { id in
                AuditRegel(
                    gebruiker: "kernteamlid",
                    rol: .kernteamlid,
                    actie: "koppeling-voorstellen",
                    objectType: "koppeling",
                    objectId: id.uuidString,
                    doel: "test",
                    resultaat: .toegestaan
                )
            }
        }
        ids["koppeling-heteren"] = try #require(koppeling?.id).uuidString.lowercased()
        return ids
    }

    /// The ids of one demo volunteer per gemeente, for the rows that name one.
    static func volunteerIds(_ environment: TestEnvironment) async throws -> [String: String] {
        try await environment.owner.withConnection { connection in
            let rows = try await connection.query(
                "SELECT gemeente, id::text FROM vrijwilligers WHERE referentie = ANY($1)",
                [["vw-0001", "vw-0181"]]
            ) { row in
                (try row.decode(0, as: String.self), try row.decode(1, as: String.self))
            }
            var ids: [String: String] = [:]
            for (gemeente, id) in rows { ids[gemeente == "GM1734" ? "overbetuwe" : "twenterand"] = id }
            return ids
        }
    }

    /// The demo users, plus a kernteamlid of another Overbetuwe team and a Twenterand beheerder.
    static func tokens(_ environment: TestEnvironment) async throws -> [Actor: String] {
        let users = UserStore(pool: environment.owner, hasher: TestEnvironment.hasher)
        try await users.add(
            .init(naam: "kernteamlid.driel", weergavenaam: "Dirk Driel", gemeente: "GM1734", rollen: [.kernteamlid], kernteams: ["driel"])
        )
        try await users.add(.init(naam: "beheerder.twenterand", weergavenaam: "Bea Twenterand", gemeente: "GM1700", rollen: [.beheerder]))
        return [
            .kernteamlid: Demo.kernteamlid.token, .steunpunt: Demo.steunpunt.token, .wethouder: Demo.wethouder.token,
            .beheerder: Demo.beheerder.token, .kernteamlidTwenterand: Demo.twenterand.token,
            .kernteamlidAnderTeam: try await users.createToken(naam: "kernteamlid.driel"),
            .beheerderTwenterand: try await users.createToken(naam: "beheerder.twenterand"),
        ]
    }

    // MARK: - Pages

    /// The form token in the cookie of `paginaHeaders`.
    static let paginaToken = Secret.generate()

    /// A page request of `demo`, with the form cookie a browser would have.
    static func paginaHeaders(_ demo: String, _ contentType: String? = nil) -> HTTPFields {
        var headers: HTTPFields = [.authorization: "Bearer \(demo)", .cookie: "__Host-voorveld-formulier=\(paginaToken)"]
        if let contentType { headers[.contentType] = contentType }
        return headers
    }

    static let urlencoded = "application/x-www-form-urlencoded"

    /// A posted form, each value percent-encoded.
    static func formulierBody(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&"))
    }

    /// The number of rows in `table`.
    static func count(_ environment: TestEnvironment, _ table: String) async throws -> Int {
        try await environment.owner.withConnection { connection in
            // The table name is one of this file's literals.
            try await connection.queryOne("SELECT count(*) FROM \(table)", decode: { row in try row.decode(0, as: Int.self) }) ?? -1
        }
    }

    /// The fields the form with `action` in `html` would post as it stands: its inputs with their
    /// values, the checked boxes, the selected options and the text areas (the test's own reading
    /// of the page, so the round trip through what is rendered is tested).
    static func formulier(_ html: String, action: String) throws -> Ingevuld {
        let begin = try #require(html.range(of: #"<form method="post" action="\#(action)""#))
        let form = String(html[begin.lowerBound...].prefix { _ in true }.split(separator: "</form>", maxSplits: 1)[0])
        func attribuut(_ tag: Substring, _ naam: String) -> String? {
            tag.firstMatch(of: try! Regex(#" \#(naam)="([^"]*)""#, as: (Substring, Substring).self)).map { unescape(String($0.1)) }
        }
        func unescape(_ text: String) -> String {
            text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(
                of: "&quot;",
                with: "\""
            )
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        }
        var velden: [(String, String)] = []
        for match in form.matches(of: /<input [^>]*>|<select [^>]*>.*?<\/select>|<textarea [^>]*>[^<]*<\/textarea>/.dotMatchesNewlines()) {
            let tag = match.output
            guard let naam = attribuut(tag, "name") else { continue }
            if tag.hasPrefix("<select") {
                let gekozen =
                    tag.firstMatch(of: /<option value="([^"]*)" selected>/).map { unescape(String($0.1)) }
                    ?? tag.firstMatch(of: /<option value="([^"]*)"/).map { unescape(String($0.1)) }
                velden.append((naam, gekozen ?? ""))
            } else if tag.hasPrefix("<textarea") {
                velden.append((naam, unescape(String(tag.firstMatch(of: />([^<]*)</)!.1))))
            } else if ["checkbox", "radio"].contains(attribuut(tag, "type")) {
                if tag.contains(" checked") { velden.append((naam, attribuut(tag, "value") ?? "on")) }
            } else {
                velden.append((naam, attribuut(tag, "value") ?? ""))
            }
        }
        return Ingevuld(velden: velden)
    }

    /// The edit form on the page at `uri`, as `demo` gets it.
    static func bewerkformulier(_ client: some TestClientProtocol, _ uri: String, action: String, _ demo: String) async throws -> Ingevuld {
        try await client.execute(uri: uri, method: .get, headers: paginaHeaders(demo)) { response in
            #expect(response.status == .ok)
            return try formulier(String(buffer: response.body), action: action)
        }
    }

    // MARK: - The program and the figures

    /// The program built beside the test bundle (`swift build --build-tests` builds both).
    static var program: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("voorveld").path
    }

    /// The postmaster of an embedded cluster in data folder `data`, while it runs.
    static func postmasterPID(_ data: String) -> Int32? {
        guard let text = try? String(contentsOfFile: data + "/pgdata/postmaster.pid", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { Int32($0) }
    }

    /// Every kernteam of the demo gemeente with its kernen, each given a regisseur `test-<kernteam>`.
    static func teamsWithRegisseur(_ owner: ConnectionPool) async throws -> [(kernteam: String, kernen: [String])] {
        try await owner.withTransaction { connection in
            try await connection.execute(
                """
                INSERT INTO gebruikers (gemeente, naam, weergavenaam) SELECT gemeente, 'test-' || code, 'Test ' || naam FROM kernteams WHERE gemeente = $1
                """,
                ["GM1734"]
            )
            try await connection.execute(
                """
                INSERT INTO gebruiker_rollen (gemeente, gebruiker, rol) SELECT gemeente, 'test-' || code, 'kernteamlid' FROM kernteams WHERE gemeente = $1
                """,
                ["GM1734"]
            )
            try await connection.execute(
                """
                INSERT INTO kernteamleden (gemeente, gebruiker, kernteam) SELECT gemeente, 'test-' || code, code FROM kernteams WHERE gemeente = $1
                """,
                ["GM1734"]
            )
            return try await connection.query(
                """
                SELECT kernteam, array_agg(kern ORDER BY kern) FROM kernteam_kernen WHERE gemeente = $1 GROUP BY kernteam ORDER BY kernteam
                """,
                ["GM1734"]
            ) { row in (kernteam: try row.decode(0, as: String.self), kernen: try row.decode(1, as: [String].self)) }
        }
    }
}

/// The demo users of `seed-data/demo-gebruikers.csv`, by role.
enum Demo {
    static let kernteamlid = (naam: "kernteamlid", wachtwoord: "demo-kernteamlid", token: "vv_demo_kernteamlid_0000000000000000000000000000")
    static let steunpunt = (naam: "steunpunt", wachtwoord: "demo-steunpunt", token: "vv_demo_steunpunt_00000000000000000000000000000")
    static let wethouder = (naam: "wethouder", wachtwoord: "demo-wethouder", token: "vv_demo_wethouder_00000000000000000000000000000")
    static let beheerder = (naam: "beheerder", wachtwoord: "demo-beheerder", token: "vv_demo_beheerder_00000000000000000000000000000")
    static let twenterand = (naam: "kernteamlid.twenterand", wachtwoord: "demo-twenterand", token: "vv_demo_twenterand_0000000000000000000000000000")
}

/// A form as a browser would post it: its fields in order, a field more than once for a group of
/// checkboxes.
struct Ingevuld {
    var velden: [(String, String)]

    subscript(naam: String) -> String? { velden.first { $0.0 == naam }?.1 }
    func waarden(_ naam: String) -> [String] { velden.filter { $0.0 == naam }.map(\.1) }

    /// Sets a field to one value, or leaves it out (nil: a group with nothing checked).
    mutating func zet(_ naam: String, _ waarde: String?) {
        velden.removeAll { $0.0 == naam }
        if let waarde { velden.append((naam, waarde)) }
    }
}
