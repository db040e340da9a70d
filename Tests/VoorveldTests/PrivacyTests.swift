import CalendarDate
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import Synchronization
import Testing
import Voorveld
import VoorveldHTTP
import VoorveldStore

/// The findings of the outside privacy probe (issue 14): what the steunpunt learns of a koppeling,
/// what one kernteam learns of another's dossiers, whether refused reads leave a trace, and whose
/// request id the audit log holds.
@Suite("Privacy")
struct PrivacyTests {
    static let requestId = HTTPField.Name("X-Request-Id")!

    /// A request as `token`; the answer's status, body (JSON when it is) and headers.
    static func call(
        _ client: some TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        token: String,
        body: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, json: JSON, text: String, headers: HTTPFields) {
        var headers = extra
        headers[.authorization] = "Bearer \(token)"
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let text = String(buffer: response.body)
            return (response.status, (try? JSON.parse(Data(text.utf8))) ?? .null, text, response.headers)
        }
    }

    /// The audit lines written so far, oldest first, read as the owner.
    static func auditlog(_ environment: TestEnvironment) async throws -> [AuditRegel] {
        try await environment.owner.withConnection { connection in
            try await connection.query(
                """
                SELECT gebruiker, rol, actie, object_type, object_id, doel, resultaat, request_id FROM auditlog ORDER BY id
                """
            ) { row in
                AuditRegel(
                    gebruiker: try row.decode(0),
                    rol: (try row.decode(1, as: String?.self)).flatMap(Rol.init(rawValue:)),
                    actie: try row.decode(2),
                    objectType: try row.decode(3),
                    objectId: try row.decode(4),
                    doel: try row.decode(5),
                    resultaat: AuditRegel.Resultaat(rawValue: try row.decode(6)) ?? .mislukt,
                    requestId: try row.decode(7)
                )
            }
        }
    }

    // MARK: - 1. What the steunpunt learns of a koppeling

    /// Every field the steunpunt may read of a koppeling that ended: that it ended, that the place
    /// is free, in neutral words, and what the volunteer did. Nothing else.
    static let steunpuntVelden: Set<String> = [
        "id", "vrijwilliger", "naam", "status", "plekVrij", "melding", "leefgebieden", "taken", "kern", "dagdelen", "gestartOp", "beeindigdOp",
    ]

    @Test("the steunpunt learns that a volunteer's koppeling ended and the place is free, never why, the team's note or the hulpvraag")
    func steunpuntZietAlleenWatDeVrijwilligerNodigHeeft() async throws {
        let environment = try await TestEnvironment.seeded()
        let kees = try await Fixtures.id(environment, "SELECT id FROM vrijwilligers WHERE referentie = $1", "vw-0001")
        let hulpvraag = try await Fixtures.hulpvraag(environment)
        let dossier = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT dossierreferentie FROM hulpvragen WHERE id = $1", [hulpvraag]) { row in
                try row.decode(0, as: String.self)
            }!
        }
        try await Fixtures.app(environment).test(.router) { client in
            let (_, voorgesteld) = try await Fixtures.postKoppeling(
                client,
                hulpvraag: hulpvraag,
                #"{"vrijwilliger": "\#(kees.uuidString.lowercased())", "toelichting": "Mevrouw hoort slecht; bel eerst."}"#
            )
            let (_, gestart) = try await Fixtures.zetStatus(client, voorgesteld, #"{"status": "gestart"}"#)
            // While it runs the volunteer gets the team's note for the helper.
            let lopend = try await Self.call(client, .get, "/v1/koppelingen/\(gestart["id"]?.string ?? "")", token: Demo.steunpunt.token)
            #expect(lopend.json["status"]?.string == "gestart")
            #expect(lopend.json["plekVrij"]?.bool == false)
            #expect(lopend.json["toelichting"]?.string == "Mevrouw hoort slecht; bel eerst.")

            let (status, afgebroken) = try await Fixtures.zetStatus(
                client,
                gestart,
                #"{"status": "afgebroken", "reden": "veilig-thuis-signaal", "toelichting": "Signaal van de buurvrouw, naar het loket."}"#
            )
            #expect(status == .ok)
            let id = try #require(afgebroken["id"]?.string)

            let lijst = try await Self.call(client, .get, "/v1/koppelingen?vrijwilliger=\(kees.uuidString.lowercased())", token: Demo.steunpunt.token)
            let een = try await Self.call(client, .get, "/v1/koppelingen/\(id)", token: Demo.steunpunt.token)
            #expect(lijst.status == .ok && een.status == .ok)
            let item = try #require(lijst.json["items"]?.array?.first { $0["id"]?.string == id })
            for (waar, koppeling) in [("lijst", item), ("koppeling", een.json)] {
                let velden = Set(koppeling.object?.keys.map { $0 } ?? [])
                #expect(
                    velden.isSubset(of: Self.steunpuntVelden),
                    "\(waar): the steunpunt reads \(velden.subtracting(Self.steunpuntVelden).sorted())"
                )
                #expect(koppeling["status"]?.string == "beeindigd", "\(waar)")
                #expect(koppeling["plekVrij"]?.bool == true, "\(waar)")
                #expect(koppeling["melding"]?.string == "De koppeling is beëindigd; de plek is weer vrij.", "\(waar)")
                #expect(koppeling["vrijwilliger"]?.string == kees.uuidString.lowercased(), "\(waar)")
                // Ended without a start would mean broken off, so no start date once it ended; nor the
                // resident's leefgebieden.
                #expect(koppeling["gestartOp"] == nil || koppeling["gestartOp"]?.string == nil, "\(waar)")
                #expect(koppeling["leefgebieden"]?.array?.isEmpty ?? true, "\(waar)")
            }
            // Not in the values either, whatever the field names.
            for tekst in [lijst.text, een.text] {
                for geheim in ["veilig-thuis", "Veilig Thuis", "afgebroken", "buurvrouw", "hoort slecht", hulpvraag.uuidString.lowercased(), dossier]
                {
                    #expect(!tekst.contains(geheim), "the steunpunt's answer contains '\(geheim)'")
                }
            }
            // No version: the steunpunt changes no koppeling.
            #expect(een.headers[.eTag] == nil)
            // A filter does not tell a break-off from a completion: every ended one is found either way.
            for filter in ["afgebroken", "afgerond", "beeindigd"] {
                let gevonden = try await Self.call(
                    client,
                    .get,
                    "/v1/koppelingen?vrijwilliger=\(kees.uuidString.lowercased())&status=\(filter)",
                    token: Demo.steunpunt.token
                )
                #expect(gevonden.json["items"]?.array?.map { $0["id"]?.string } == [id], "status=\(filter)")
            }
            // The volunteer's page says the same, in the same words.
            let pagina = try await Self.call(client, .get, "/vrijwilligers/\(kees.uuidString.lowercased())", token: Demo.steunpunt.token)
            #expect(pagina.status == .ok)
            #expect(pagina.text.contains("De koppeling is beëindigd; de plek is weer vrij."))
            for geheim in ["Afgebroken", "Veilig Thuis", "buurvrouw"] { #expect(!pagina.text.contains(geheim), "the page shows '\(geheim)'") }

            // The database itself keeps the rest from the steunpunt, whatever the service asks: with
            // the steunpunt's proof the table shows no koppeling, the view only the neutral part.
            let steunpunt = try await TestEnvironment.scope(token: Demo.steunpunt.token, service: environment.service)
            let direct = try await environment.service.withTransaction(in: steunpunt) { connection in
                (
                    try await connection.queryOne("SELECT count(*) FROM koppelingen") { row in try row.decode(0, as: Int.self) },
                    try await connection.queryOne(
                        "SELECT status, gestart_op IS NULL, cardinality(leefgebieden) FROM koppelingen_voor_steunpunt WHERE id = $1::uuid",
                        [id]
                    ) { row in (try row.decode(0, as: String.self), try row.decode(1, as: Bool.self), try row.decode(2, as: Int.self)) }
                )
            }
            #expect(direct.0 == 0)
            #expect(direct.1?.0 == "beeindigd" && direct.1?.1 == true && direct.1?.2 == 0)

            // The kernteam's own view is unchanged: the reason, the note, the hulpvraag and a version.
            let team = try await Self.call(client, .get, "/v1/koppelingen/\(id)", token: Demo.kernteamlid.token)
            #expect(team.json["status"]?.string == "afgebroken")
            #expect(team.json["reden"]?.string == "veilig-thuis-signaal")
            #expect(team.json["afsluiting"]?.string == "Signaal van de buurvrouw, naar het loket.")
            #expect(team.json["hulpvraag"]?.string == hulpvraag.uuidString.lowercased())
            #expect(team.json["voorgesteldDoor"]?.string == "kernteamlid")
            #expect(team.headers[.eTag] == "\"3\"")
            let teamlijst = try await Self.call(
                client,
                .get,
                "/v1/koppelingen?vrijwilliger=\(kees.uuidString.lowercased())&status=afgebroken",
                token: Demo.kernteamlid.token
            )
            #expect(teamlijst.json["items"]?.array?.first?["reden"]?.string == "veilig-thuis-signaal")
            let nietAfgerond = try await Self.call(
                client,
                .get,
                "/v1/koppelingen?vrijwilliger=\(kees.uuidString.lowercased())&status=afgerond",
                token: Demo.kernteamlid.token
            )
            #expect(nietAfgerond.json["items"]?.array?.isEmpty == true)
        }
        await environment.close()
    }

    // MARK: - 2. What one kernteam learns of another's dossiers

    @Test(
        "an earlier break-off counts only within the kernteam: another team's dossier number reveals nothing, and the own team keeps the protection"
    )
    func dossierBlijftBinnenHetKernteam() async throws {
        let environment = try await TestEnvironment.seeded()
        let driel = try #require(try await Fixtures.tokens(environment)[.kernteamlidAnderTeam])
        try await Fixtures.app(environment).test(.router) { client in
            // A volunteer who helps in Heteren and in Driel (and is not away in the coming weeks).
            let joke = try await Self.call(
                client,
                .post,
                "/v1/vrijwilligers",
                token: Demo.steunpunt.token,
                body: Fixtures.vrijwilligerBody.replacingOccurrences(of: #"["2026-12-20/2027-01-04"]"#, with: "[]")
            )
            #expect(joke.status == .created)
            let vrijwilliger = try #require(joke.json["id"]?.string)
            func registreer(_ token: String, kern: String) async throws -> String {
                let body = Fixtures.hulpvraagBody(#""dossierreferentie": "RS-20431""#).replacingOccurrences(
                    of: #""kern": "heteren""#,
                    with: #""kern": "\#(kern)""#
                )
                let antwoord = try await Self.call(client, .post, "/v1/hulpvragen", token: token, body: body)
                #expect(antwoord.status == .created, "\(antwoord.text)")
                return try #require(antwoord.json["id"]?.string)
            }
            func stelVoor(
                _ hulpvraag: String,
                _ token: String
            ) async throws -> (status: HTTPResponse.Status, json: JSON, text: String, headers: HTTPFields) {
                try await Self.call(
                    client,
                    .post,
                    "/v1/hulpvragen/\(hulpvraag)/koppelingen",
                    token: token,
                    body: #"{"vrijwilliger": "\#(vrijwilliger)"}"#
                )
            }

            // Heteren's resident RS-20431: the koppeling with Joke is broken off.
            let heteren = try await registreer(Demo.kernteamlid.token, kern: "heteren")
            let koppeling = try await stelVoor(heteren, Demo.kernteamlid.token)
            #expect(koppeling.status == .created)
            let (afgebroken, _) = try await Fixtures.zetStatus(client, koppeling.json, #"{"status": "afgebroken", "reden": "klikt-niet"}"#)
            #expect(afgebroken == .ok)

            // Driel types the same number for a resident of its own: Joke is a candidate like any other,
            // nothing in the explanation speaks of an earlier break-off, and the booking goes through.
            let anderTeam = try await registreer(driel, kern: "driel")
            let kandidaten = try await Self.call(client, .get, "/v1/hulpvragen/\(anderTeam)/kandidaten", token: driel)
            #expect(kandidaten.json["vrijwilligers"]?.array?.contains { $0["id"]?.string == vrijwilliger } == true)
            #expect(!kandidaten.text.contains("afgebroken"), "\(kandidaten.json["uitleg"]?["vrijwilligers"]?.strings ?? [])")
            let geboekt = try await stelVoor(anderTeam, driel)
            #expect(geboekt.status == .created, "\(geboekt.text)")
            #expect(!geboekt.text.contains("afgebroken"))

            // Heteren itself, with a new hulpvraag for the same dossier: Joke stays away from this resident.
            let opnieuw = try await registreer(Demo.kernteamlid.token, kern: "heteren")
            let zelfdeTeam = try await Self.call(client, .get, "/v1/hulpvragen/\(opnieuw)/kandidaten", token: Demo.kernteamlid.token)
            #expect(zelfdeTeam.json["vrijwilligers"]?.array?.contains { $0["id"]?.string == vrijwilliger } == false)
            #expect(
                zelfdeTeam.json["uitleg"]?["vrijwilligers"]?.strings?.contains("1 daarvan had eerder een afgebroken koppeling met deze inwoner.")
                    == true
            )
            let geweigerd = try await stelVoor(opnieuw, Demo.kernteamlid.token)
            #expect(geweigerd.status == .conflict)
            #expect(geweigerd.json["detail"]?.string == "Met deze vrijwilliger is eerder een koppeling met deze inwoner afgebroken.")
        }
        await environment.close()
    }

    // MARK: - 3. Refused reads leave a trace

    @Test("a read refused because of role is audited: who, what, which record, why, and the request id; in the API and on the pages")
    func geweigerdLezenStaatInHetAuditlog() async throws {
        let environment = try await TestEnvironment.seeded()
        let hulpvraag = try await Fixtures.hulpvraag(environment)
        let kees = try await Fixtures.id(environment, "SELECT id FROM vrijwilligers WHERE referentie = $1", "vw-0001")
        let h = hulpvraag.uuidString.lowercased()
        let v = kees.uuidString.lowercased()
        struct Verwacht: Sendable {
            var uri: String, token: String, gebruiker: String, rol: Rol, actie: String, objectType: String, objectId: String?, doel: String
        }
        let gevallen = [
            Verwacht(
                uri: "/v1/hulpvragen/\(h)",
                token: Demo.steunpunt.token,
                gebruiker: "steunpunt",
                rol: .steunpunt,
                actie: "hulpvraag-lezen",
                objectType: "hulpvraag",
                objectId: h,
                doel: "ondersteuning van de inwoner"
            ),
            Verwacht(
                uri: "/v1/vrijwilligers/\(v)",
                token: Demo.wethouder.token,
                gebruiker: "wethouder",
                rol: .wethouder,
                actie: "vrijwilliger-lezen",
                objectType: "vrijwilliger",
                objectId: v,
                doel: "vrijwilligersbeheer en bemiddeling"
            ),
            Verwacht(
                uri: "/v1/hulpvragen/\(h)/kandidaten",
                token: Demo.wethouder.token,
                gebruiker: "wethouder",
                rol: .wethouder,
                actie: "hulpvraag-lezen",
                objectType: "hulpvraag",
                objectId: h,
                doel: "ondersteuning van de inwoner"
            ),
            Verwacht(
                uri: "/v1/vrijwilligers",
                token: Demo.wethouder.token,
                gebruiker: "wethouder",
                rol: .wethouder,
                actie: "vrijwilligers-lezen",
                objectType: "vrijwilliger",
                objectId: nil,
                doel: "vrijwilligersbeheer en bemiddeling"
            ),
            Verwacht(
                uri: "/v1/koppelingen",
                token: Demo.beheerder.token,
                gebruiker: "beheerder",
                rol: .beheerder,
                actie: "koppelingen-lezen",
                objectType: "koppeling",
                objectId: nil,
                doel: "bemiddeling"
            ),
            Verwacht(
                uri: "/v1/gebruikers",
                token: Demo.kernteamlid.token,
                gebruiker: "kernteamlid",
                rol: .kernteamlid,
                actie: "gebruikers-lezen",
                objectType: "gebruiker",
                objectId: nil,
                doel: "beheer"
            ),
            // The pages' "Geen toegang" is the same refusal.
            Verwacht(
                uri: "/hulpvragen/\(h)",
                token: Demo.wethouder.token,
                gebruiker: "wethouder",
                rol: .wethouder,
                actie: "hulpvraag-lezen",
                objectType: "hulpvraag",
                objectId: h,
                doel: "ondersteuning van de inwoner"
            ),
            Verwacht(
                uri: "/vrijwilligers/\(v)",
                token: Demo.kernteamlid.token,
                gebruiker: "kernteamlid",
                rol: .kernteamlid,
                actie: "vrijwilliger-lezen",
                objectType: "vrijwilliger",
                objectId: v,
                doel: "vrijwilligersbeheer en bemiddeling"
            ),
        ]
        let voor = try await Self.auditlog(environment).count
        let ids = try await Fixtures.app(environment).test(.router) { client in
            var ids: [String] = []
            for geval in gevallen {
                let antwoord = try await Self.call(client, .get, geval.uri, token: geval.token)
                #expect(antwoord.status == .forbidden, "\(geval.uri)")
                ids.append(antwoord.headers[Self.requestId] ?? "")
            }
            // A refusal of a figure is no one's personal record: nothing to audit there.
            #expect(try await Self.call(client, .get, "/v1/cijfers/signalen", token: Demo.steunpunt.token).status == .forbidden)
            return ids
        }
        let regels = Array(try await Self.auditlog(environment).dropFirst(voor))
        #expect(regels.count == gevallen.count, "\(regels.map { "\($0.actie) \($0.objectType)" })")
        for (geval, requestId) in zip(gevallen, ids) {
            let regel = regels.first { $0.requestId == requestId }
            #expect(regel != nil, "no audit line for \(geval.uri) (request \(requestId))")
            guard let regel else { continue }
            #expect(regel.resultaat == .geweigerd, "\(geval.uri)")
            #expect(regel.gebruiker == geval.gebruiker && regel.rol == geval.rol, "\(geval.uri)")
            #expect(regel.actie == geval.actie, "\(geval.uri)")
            #expect(regel.objectType == geval.objectType && regel.objectId == geval.objectId, "\(geval.uri)")
            #expect(regel.doel == geval.doel, "\(geval.uri)")
        }
        await environment.close()
    }

    @Test("every route is either of a personal record, whose refusals are audited, or named as holding none")
    func elkeRouteIsIngedeeld() async throws {
        let environment = try await TestEnvironment.migrated()
        let soorten = Set(buildRouter(environment.dependencies).routes.map { Weigeringsaudit.soort(of: $0.path.description) })
        let ingedeeld = Weigeringsaudit.persoonlijk.union(Weigeringsaudit.geenPersoonsgegevens)
        #expect(soorten.subtracting(ingedeeld).isEmpty, "routes not classified for the refusal audit: \(soorten.subtracting(ingedeeld).sorted())")
        #expect(Weigeringsaudit.persoonlijk.isDisjoint(with: Weigeringsaudit.geenPersoonsgegevens))
        await environment.close()
    }

    // MARK: - 4. The service's own request id

    @Test("the audit log holds the service's own request id, never one the client chose; the client's is logged beside it")
    func eigenRequestId() async throws {
        let environment = try await TestEnvironment.seeded()
        let hulpvraag = try await Fixtures.hulpvraag(environment)
        let kees = try await Fixtures.id(environment, "SELECT id FROM vrijwilligers WHERE referentie = $1", "vw-0001")
        let opvang = Logopvang(opslag: Logopvang.Opslag())
        let app = buildApplication(
            HTTPConfiguration(port: 0),
            dependencies: environment.dependencies,
            logger: Logger(label: "test", factory: { _ in opvang })
        )
        let gekozen: HTTPFields = [Self.requestId: "zelfgekozen-1"]
        let voor = try await Self.auditlog(environment).count
        let (teamId, steunpuntId) = try await app.test(.router) { client in
            // Two users send the same id.
            let team = try await Self.call(
                client,
                .get,
                "/v1/hulpvragen/\(hulpvraag.uuidString.lowercased())",
                token: Demo.kernteamlid.token,
                headers: gekozen
            )
            let steunpunt = try await Self.call(
                client,
                .get,
                "/v1/vrijwilligers/\(kees.uuidString.lowercased())",
                token: Demo.steunpunt.token,
                headers: gekozen
            )
            #expect(team.status == .ok && steunpunt.status == .ok)
            return (team.headers[Self.requestId] ?? "", steunpunt.headers[Self.requestId] ?? "")
        }
        #expect(!teamId.isEmpty && !steunpuntId.isEmpty)
        #expect(teamId != "zelfgekozen-1" && steunpuntId != "zelfgekozen-1")
        #expect(teamId != steunpuntId)
        let regels = Array(try await Self.auditlog(environment).dropFirst(voor))
        #expect(regels.first { $0.gebruiker == "kernteamlid" && $0.actie == "hulpvraag-lezen" }?.requestId == teamId)
        #expect(regels.first { $0.gebruiker == "steunpunt" && $0.actie == "vrijwilliger-lezen" }?.requestId == steunpuntId)
        #expect(!regels.contains { $0.requestId == "zelfgekozen-1" })
        // The request's log line names both: the service's id, and the client's beside it.
        let lijnen = opvang.regels.filter { $0.message == "request" }
        for id in [teamId, steunpuntId] {
            let lijn = lijnen.first { $0.metadata["hb.request.id"] == id }
            #expect(lijn?.metadata["client_request_id"] == "zelfgekozen-1", "log line of \(id)")
        }
        await environment.close()
    }
}

/// Keeps what is logged, message and metadata (the logger's and the line's) as text, to look at
/// afterwards. A value, like every log handler: each logger's metadata is its own copy; the lines
/// go to one shared `Opslag`.
struct Logopvang: LogHandler {
    struct Regel: Sendable {
        var message: String
        var metadata: [String: String]
    }

    final class Opslag: Sendable {
        private let regels = Mutex<[Regel]>([])
        var alle: [Regel] { regels.withLock { $0 } }
        func voegToe(_ regel: Regel) { regels.withLock { $0.append(regel) } }
    }

    let opslag: Opslag
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    var regels: [Regel] { opslag.alle }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let alles = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }).mapValues { "\($0)" }
        opslag.voegToe(Regel(message: event.message.description, metadata: alles))
    }
}
