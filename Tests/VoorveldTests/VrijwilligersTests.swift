import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import Voorveld
import VoorveldHTTP
import VoorveldStore

@Suite("Vrijwilligers")
struct VrijwilligersTests {

    @Test("a steunpunt registers a volunteer: 201 with Location and ETag, read back as stored")
    func create() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let location = try await client.execute(
                uri: "/v1/vrijwilligers",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token),
                body: ByteBuffer(string: Fixtures.vrijwilligerBody)
            ) { response in
                #expect(response.status == .created)
                #expect(response.headers[.eTag] == "\"1\"")
                let body = try Fixtures.json(response.body)
                #expect(body["beschikbaarheid"] as? [String] == ["di-ochtend", "do-ochtend"])
                #expect(body["afwezigheden"] as? [String] == ["2026-12-20/2027-01-04"])
                #expect(body["langsteInzet"] as? String == "onbepaald")
                return response.headers[.location]
            }
            let path = try #require(location)
            try await client.execute(uri: path, method: .get, headers: Fixtures.headers(Demo.kernteamlid.token)) { response in
                #expect(response.status == .ok)
                let body = try Fixtures.json(response.body)
                #expect(body["voornaam"] as? String == "Joke")
                #expect(body["buurkernen"] as? [String] == ["driel"])
                #expect(body["vogDatum"] as? String == "2025-01-10")
            }
            // The same referentie again is a conflict, and nothing changes.
            try await client.execute(
                uri: "/v1/vrijwilligers",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token),
                body: ByteBuffer(string: Fixtures.vrijwilligerBody)
            ) { response in
                #expect(response.status == .conflict)
            }
        }
        await environment.close()
    }

    @Test("every invalid field is reported at once, unknown references included, and nothing is written")
    func validation() async throws {
        let environment = try await TestEnvironment.seeded()
        let invalid = """
            {"referentie": "", "voornaam": 12, "achternaam": "Jansen", "email": "geen-adres", "kern": "vroomshoop",
             "buurkernen": ["driel", "atlantis"], "leefgebieden": ["geldzaken"], "taken": ["administratie"], "beschikbaarheid": ["maandag"],
             "langsteInzet": "altijd", "urenPerWeek": 80, "maxHulpvragen": 1.5, "vogDatum": "31-12-2025", "status": "weg", "hobby": "dammen"}
            """
        try await Fixtures.app(environment).test(.router) { client in
            try await client.execute(
                uri: "/v1/vrijwilligers",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token),
                body: ByteBuffer(string: invalid)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let params = try Fixtures.json(response.body)["invalidParams"] as? [[String: String]] ?? []
                let fields = Set(params.compactMap { $0["name"] })
                #expect(
                    fields == [
                        "referentie", "voornaam", "email", "kern", "buurkernen", "leefgebieden", "beschikbaarheid", "langsteInzet",
                        "urenPerWeek", "maxHulpvragen", "vogDatum", "status", "hobby",
                    ]
                )
                #expect(params.contains { $0["name"] == "kern" && $0["reason"]?.contains("onbekende kern 'vroomshoop'") == true })
                #expect(params.contains { $0["name"] == "buurkernen" && $0["reason"]?.contains("atlantis") == true })
            }
            try await client.execute(
                uri: "/v1/vrijwilligers",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token, "text/plain"),
                body: ByteBuffer(string: Fixtures.vrijwilligerBody)
            ) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            try await client.execute(
                uri: "/v1/vrijwilligers",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token),
                body: ByteBuffer(string: "[1, 2")
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
        let count = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM vrijwilligers WHERE achternaam = 'Jansen' AND voornaam = '12'") { row in
                try row.decode(0, as: Int.self)
            }
        }
        #expect(count == 0)
        await environment.close()
    }

    @Test("updates need the current ETag: 428 without, 412 when stale, 200 with a new ETag")
    func optimisticConcurrency() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let path = try await client.execute(
                uri: "/v1/vrijwilligers",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token),
                body: ByteBuffer(string: Fixtures.vrijwilligerBody)
            ) { $0.headers[.location]! }
            let changed = Fixtures.vrijwilligerBody.replacingOccurrences(of: "\"urenPerWeek\": 3", with: "\"urenPerWeek\": 5")
            try await client.execute(uri: path, method: .put, headers: Fixtures.headers(Demo.steunpunt.token), body: ByteBuffer(string: changed)) {
                response in
                #expect(response.status == .preconditionRequired)
            }
            var first = Fixtures.headers(Demo.steunpunt.token)
            first[.ifMatch] = "\"1\""
            try await client.execute(uri: path, method: .put, headers: first, body: ByteBuffer(string: changed)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == "\"2\"")
                let body = try Fixtures.json(response.body)
                #expect(body["urenPerWeek"] as? Double == 5)
            }
            // A second coordinator still holding version 1 cannot overwrite silently.
            try await client.execute(uri: path, method: .put, headers: first, body: ByteBuffer(string: Fixtures.vrijwilligerBody)) { response in
                #expect(response.status == .preconditionFailed)
                #expect(response.headers[.eTag] == "\"2\"")
            }
            try await client.execute(uri: path, method: .get, headers: Fixtures.headers(Demo.steunpunt.token)) { response in
                let body = try Fixtures.json(response.body)
                #expect(body["urenPerWeek"] as? Double == 5)
            }
        }
        await environment.close()
    }

    static let header =
        "referentie,voornaam,achternaam,email,telefoon,kern,buurkernen,max_afstand_km,leefgebieden,taken,beschikbaarheid,langste_inzet,uren_per_week,max_hulpvragen,vog_datum,status"

    @Test("a CSV import is all or nothing, and reports every bad row with line, column and reason")
    func importBadRows() async throws {
        let environment = try await TestEnvironment.seeded()
        let csv = [
            Self.header,
            "imp-1,Anna,Bakker,anna@example.org,,heteren,,,financien,administratie,di-ochtend,langdurig,2,1,2024-05-01,actief",
            "imp-2,Bram,,bram@example,,elst-noord,,,,,di-avond,kortdurend,2,1,,actief",
            "imp-3,Cor,Smit,,,nergens,,,sociaal-netwerk,,zo-middag,soms,2,1,,actief",
            "imp-1,Dirk,Dubbel,,,driel,,,sociaal-netwerk,gezelschap,ma-middag,eenmalig,1,1,,actief",
        ].joined(separator: "\n")
        try await Fixtures.app(environment).test(.router) { client in
            try await client.execute(
                uri: "/v1/vrijwilligers/import",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token, "text/csv"),
                body: ByteBuffer(string: csv)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let fouten = try Fixtures.json(response.body)["fouten"] as? [[String: Any]] ?? []
                let found = Set(fouten.map { "\($0["regel"] as? Int ?? 0) \($0["kolom"] as? String ?? "")" })
                #expect(found == ["3 achternaam", "3 email", "3 leefgebieden", "4 kern", "4 langste_inzet", "5 referentie"])
            }
        }
        let count = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM vrijwilligers WHERE referentie LIKE 'imp-%'") { row in try row.decode(0, as: Int.self)
            }
        }
        #expect(count == 0)
        await environment.close()
    }

    @Test("Dutch Excel files import: semicolons, a BOM, Windows-1252, CRLF; importing again updates in place")
    func importExcelFlavours() async throws {
        let environment = try await TestEnvironment.seeded()
        let rows = [
            Self.header.replacingOccurrences(of: ",", with: ";"),
            "xl-1;Renée;Brouwer;;;heteren;driel;;financien;administratie;\"di-ochtend;do-ochtend\";onbepaald;3;2;2025-03-01;actief",
            "xl-2;Joël;Çelik;;;driel;;5;sociaal-netwerk;gezelschap;ma-middag;kortdurend;2;1;;gepauzeerd",
        ]
        let utf8 = Data([0xEF, 0xBB, 0xBF]) + Data(rows.joined(separator: "\r\n").utf8)
        let cp1252 = rows.joined(separator: "\r\n").data(using: .windowsCP1252)!
        #expect(String(data: cp1252, encoding: .utf8) == nil)
        try await Fixtures.app(environment).test(.router) { client in
            for body in [utf8, cp1252] {
                try await client.execute(
                    uri: "/v1/vrijwilligers/import",
                    method: .post,
                    headers: Fixtures.headers(Demo.steunpunt.token, "text/csv; charset=utf-8"),
                    body: ByteBuffer(data: body)
                ) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                    let result = try Fixtures.json(response.body)
                    #expect(result["geimporteerd"] as? Double == 2)
                }
            }
        }
        let stored = try await environment.owner.withConnection { connection in
            try await connection.query(
                "SELECT voornaam, achternaam, beschikbaarheid, versie FROM vrijwilligers WHERE referentie LIKE 'xl-%' ORDER BY referentie"
            ) { row in
                "\(try row.decode(0, as: String.self)) \(try row.decode(1, as: String.self)) \(try row.decode(2, as: [String].self)) v\(try row.decode(3, as: Int.self))"
            }
        }
        #expect(stored == ["Renée Brouwer [\"di-ochtend\", \"do-ochtend\"] v2", "Joël Çelik [\"ma-middag\"] v2"])
        await environment.close()
    }

    @Test("the demo volunteers load through the import, per gemeente")
    func demoVolunteers() async throws {
        let environment = try await TestEnvironment.seeded()
        let counts = try await environment.owner.withConnection { connection in
            try await connection.query("SELECT gemeente, count(*) FROM vrijwilligers GROUP BY gemeente ORDER BY gemeente") { row in
                "\(try row.decode(0, as: String.self))=\(try row.decode(1, as: Int.self))"
            }
        }
        #expect(counts == ["GM1700=120", "GM1734=180"])
        try await Fixtures.app(environment).test(.router) { client in
            try await client.execute(
                uri: "/v1/vrijwilligers?kern=heteren&leefgebied=financien&status=actief",
                method: .get,
                headers: Fixtures.headers(Demo.kernteamlid.token)
            ) { response in
                #expect(response.status == .ok)
                let items = try Fixtures.json(response.body)["items"] as? [[String: Any]] ?? []
                #expect(items.contains { $0["voornaam"] as? String == "Kees" })
                #expect(items.allSatisfy { ($0["kern"] as? String) == "heteren" || (($0["buurkernen"] as? [String]) ?? []).contains("heteren") })
            }
            try await client.execute(
                uri: "/v1/vrijwilligers?paginaGrootte=0&status=weg",
                method: .get,
                headers: Fixtures.headers(Demo.kernteamlid.token)
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
        await environment.close()
    }

    @Test("100,000 rows import in one go, and one bad row among them stops them all")
    func largeImport() async throws {
        let environment = try await TestEnvironment.seeded()
        let store = RegisterStore<Vrijwilliger>(pool: environment.service)
        let scope = try await environment.proven(AccessScope(gemeente: "GM1734", gebruiker: "steunpunt", rollen: [.steunpunt], kernteams: []))
        let audit = AuditRegel(
            gebruiker: "steunpunt",
            rol: .steunpunt,
            actie: "vrijwilligers-importeren",
            objectType: "vrijwilliger",
            objectId: nil,
            doel: "test",
            resultaat: .toegestaan
        )
        let kernen = ["heteren", "driel", "zetten", "elst-noord", "randwijk"]
        func csv(uren: Int, badLine: Int? = nil) -> String {
            var lines = [
                "referentie;voornaam;achternaam;kern;buurkernen;leefgebieden;taken;beschikbaarheid;langste_inzet;uren_per_week;max_hulpvragen"
            ]
            lines.reserveCapacity(100_001)
            for index in 1...100_000 {
                let kern = index + 1 == badLine ? "atlantis" : kernen[index % kernen.count]
                lines.append("bulk-\(index);Vrijwilliger;Nummer \(index);\(kern);driel;financien;administratie;di-ochtend;onbepaald;\(uren);2")
            }
            return lines.joined(separator: "\r\n")
        }
        let progress = ProgressReports()
        #expect(try await store.importeer(csv(uren: 3), in: scope, door: audit) { done, total in progress.record(done, total) } == 100_000)
        #expect(progress.seen.last == [100_000, 100_000])
        #expect(progress.seen.count == 50)  // a report per batch of 2,000
        do {
            _ = try await store.importeer(csv(uren: 4, badLine: 73_457), in: scope, door: audit)
            Issue.record("the import should have been refused")
        } catch let error as Importfouten {
            #expect(error.fouten == [Importfout(regel: 73_457, kolom: "kern", melding: "onbekende kern 'atlantis' in deze gemeente")])
        }
        let (count, hours) = try await environment.owner.withConnection { connection in
            try await connection.queryOne(
                "SELECT count(*), count(*) FILTER (WHERE uren_per_week = 3) FROM vrijwilligers WHERE referentie LIKE 'bulk-%'"
            ) { row in (try row.decode(0, as: Int.self), try row.decode(1, as: Int.self)) }!
        }
        #expect(count == 100_000)
        #expect(hours == 100_000)  // the refused import changed nothing
        await environment.close()
    }
}

/// Collects progress reports from an import.
final class ProgressReports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [[Int]] = []

    func record(_ done: Int, _ total: Int) { lock.withLock { reports.append([done, total]) } }
    var seen: [[Int]] { lock.withLock { reports } }
}
