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

@Suite("Voorzieningen")
struct VoorzieningenTests {

    @Test("the steunpunt adds a voorziening; kernteamleden find it by kern and leefgebied, stale records flagged")
    func addAndFind() async throws {
        let environment = try await TestEnvironment.seeded()
        let app = Fixtures.app(environment)
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/v1/voorzieningen",
                method: .post,
                headers: Fixtures.headers(Demo.steunpunt.token),
                body: ByteBuffer(string: Fixtures.voorzieningBody)
            ) { response in
                #expect(response.status == .created)
                let body = try JSON.parse(Data(buffer: response.body))
                #expect(body["kernen"]?.strings == ["driel", "heteren"])
                #expect(body["heleGemeente"]?.bool == false)
                #expect(body["leeftijdsgroep"]?.string == "iedereen")
            }
            // Driel: its own voorzieningen and those for the whole gemeente, never another kern's only.
            let driel = try await Fixtures.get(client, "/v1/voorzieningen?kern=driel&paginaGrootte=200")
            let items = driel["items"]?.array ?? []
            #expect(items.contains { $0["referentie"]?.string == "vz-900" })
            #expect(items.contains { $0["referentie"]?.string == "vz-002" && $0["heleGemeente"]?.bool == true })
            #expect(!items.contains { $0["referentie"]?.string == "vz-001" })  // the soos in Heteren
            #expect(driel["totaal"]?.int == items.count)
            let financien = try await Fixtures.get(client, "/v1/voorzieningen?leefgebied=financien&paginaGrootte=200")
            #expect(financien["items"]?.array?.allSatisfy { $0["leefgebieden"]?.strings?.contains("financien") == true } == true)
            #expect(financien["items"]?.array?.isEmpty == false)
            // A record not verified for more than a year is flagged, and can be listed on its own.
            let cutoff = CalendarDate.vandaag().plus(dagen: -365)
            let stale = try await Fixtures.get(client, "/v1/voorzieningen?geverifieerdVoor=\(cutoff)&paginaGrootte=200")
            let all = try await Fixtures.get(client, "/v1/voorzieningen?paginaGrootte=200")
            let flagged = all["items"]?.array?.filter { $0["verouderd"]?.bool == true }.compactMap { $0["referentie"]?.string }
            #expect(Set(flagged ?? []) == Set(stale["items"]?.array?.compactMap { $0["referentie"]?.string } ?? ["?"]))
        }
        await environment.close()
    }

    @Test("the HSDS export maps organisation, service areas, schedule and taxonomy")
    func hsds() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let page = try await Fixtures.get(client, "/v1/voorzieningen/hsds?paginaGrootte=200", token: Demo.steunpunt.token)
            let services = page["contents"]?.array ?? []
            #expect(page["total_items"]?.int == services.count)
            #expect(page["total_pages"]?.int == 1)
            let soos = try #require(services.first { $0["name"]?.string == "Ouderensoos Heteren" })
            #expect(soos["organization"]?["name"]?.string == "Stichting Ouderenwerk Heteren")
            #expect(UUID(uuidString: soos["organization"]?["id"]?.string ?? "") != nil)
            #expect(soos["service_areas"]?.array?.compactMap { $0["name"]?.string } == ["Heteren"])
            #expect(soos["schedules"]?.array?.map { "\($0["byday"]?.string ?? "") \($0["description"]?.string ?? "")" } == ["TH middag"])
            #expect(soos["attributes"]?.array?.compactMap { $0["taxonomy_term"]?["name"]?.string } == ["Sociaal netwerk", "Gezelschap"])
            #expect(soos["email"]?.string == "soos.heteren@example.org")
            #expect(soos["eligibility_description"]?.string == "ouderen")
            #expect(soos["assured_date"]?.string == "2026-09-15")
            let thuisadministratie = try #require(services.first { $0["name"]?.string == "Thuisadministratie Overbetuwe" })
            #expect(thuisadministratie["service_areas"]?.array?.compactMap { $0["name"]?.string } == ["Overbetuwe"])
            // Services of one aanbieder share one organisation id.
            let stuw = services.filter { $0["organization"]?["name"]?.string == "STUW" }.compactMap { $0["organization"]?["id"]?.string }
            #expect(stuw.count > 1 && Set(stuw).count == 1)
        }
        await environment.close()
    }

    @Test("a voorzieningen import is all or nothing, and reports every bad row")
    func importBadRows() async throws {
        let environment = try await TestEnvironment.seeded()
        let store = RegisterStore<Voorziening>(pool: environment.service)
        let scope = try await environment.proven(AccessScope(gemeente: "GM1734", gebruiker: "steunpunt", rollen: [.steunpunt], kernteams: []))
        let audit = AuditRegel(
            gebruiker: "steunpunt",
            rol: .steunpunt,
            actie: "voorzieningen-importeren",
            objectType: "voorziening",
            objectId: nil,
            doel: "test",
            resultaat: .toegestaan
        )
        let csv = """
            referentie;aanbieder;naam;kernen;leefgebieden;openingsdagdelen;leeftijdsgroep;capaciteit;laatst_geverifieerd
            vz-700;Bieb;Taalcafé;elst-noord;taal-onbekend;di-avond;iedereen;12;2026-10-01
            vz-701;Bieb;Voorleesuur;vroomshoop;sociaal-netwerk;zo-nacht;peuters;-1;gisteren
            vz-702;Bieb;Digicafé;*;maatschappelijke-participatie;wo-middag;ouderen;;2026-10-01
            """
        do {
            _ = try await store.importeer(csv, in: scope, door: audit)
            Issue.record("the import should have been refused")
        } catch let error as Importfouten {
            #expect(
                error.fouten.map(\.description) == [
                    "regel 2, kolom leefgebieden: onbekende code 'taal-onbekend'",
                    "regel 3, kolom kernen: onbekende kern 'vroomshoop' in deze gemeente",
                    "regel 3, kolom openingsdagdelen: onbekende code 'zo-nacht'",
                    "regel 3, kolom leeftijdsgroep: 'peuters' is geen geldige waarde; kies uit: jeugd, volwassenen, ouderen, iedereen",
                    "regel 3, kolom capaciteit: moet tussen 1 en 100000 liggen",
                    "regel 3, kolom laatst_geverifieerd: 'gisteren' is geen datum (JJJJ-MM-DD)",
                ]
            )
        }
        let count = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM voorzieningen WHERE referentie LIKE 'vz-7%'") { row in try row.decode(0, as: Int.self)
            }
        }
        #expect(count == 0)
        // Fixed, it imports; the seed's voorzieningen came in the same way.
        let fixed = csv.replacingOccurrences(of: "taal-onbekend", with: "sociaal-netwerk")
            .replacingOccurrences(
                of: "vroomshoop;sociaal-netwerk;zo-nacht;peuters;-1;gisteren",
                with: "zetten;sociaal-netwerk;zo-middag;jeugd;;2026-11-01"
            )
        #expect(try await store.importeer(fixed, in: scope, door: audit) == 3)
        let seeded = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM voorzieningen WHERE referentie NOT LIKE 'vz-7%'") { row in
                try row.decode(0, as: Int.self)
            }
        }
        let lines =
            try String(contentsOfFile: TestEnvironment.seedDirectory + "/voorzieningen.csv", encoding: .utf8)
            .split(separator: "\n").count - 1
        #expect(seeded == lines)
        await environment.close()
    }
}
