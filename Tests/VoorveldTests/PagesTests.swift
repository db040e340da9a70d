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

/// The pages' forms against a real database: what a form says is what is stored, a bad form
/// keeps what was typed and writes nothing, and the figures on the dashboard are the API's.
/// (`Tests/Browser` drives the same pages in Chromium.)
@Suite("Pages")
struct PagesTests {

    /// A hulpvraag of kernteam Heteren as stored.
    static func stored(_ environment: TestEnvironment, _ id: UUID) async throws -> Hulpvraag? {
        let scope = try await environment.proven(
            AccessScope(gemeente: "GM1734", gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])
        )
        return try await HulpvraagStore(pool: environment.service).get(
            id,
            in: scope,
            audit: AuditRegel(
                gebruiker: "kernteamlid",
                rol: .kernteamlid,
                actie: "hulpvraag-lezen",
                objectType: "hulpvraag",
                objectId: id.uuidString,
                doel: "test",
                resultaat: .toegestaan
            )
        )
    }

    @Test(
        "registering from the page stores what the form said; a bad form keeps what was typed and writes nothing; a form without its token is refused"
    )
    func registerHulpvraag() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let omschrijving = "Zoë & co: 50% + hulp; <geen> \"html\""
            let fields: [(String, String)] = [
                ("csrf", Fixtures.paginaToken), ("initialen", "Z.K."), ("geboortejaar", "1961"), ("kern", "heteren"), ("kanaal", "inloopspreekuur"),
                ("ontvangenOp", "2026-11-02"), ("leefgebieden", "financien"), ("leefgebieden", "sociaal-netwerk"), ("taken", "administratie"),
                ("dagdelen", "wo-avond"), ("dagdelen", "ma-ochtend"), ("duur", "langdurig"), ("urenPerWeek", "3"), ("omschrijving", omschrijving),
                ("toestemmingVrijwilliger", "ja"), ("jeugd", "ja"),
            ]
            // Bad: no initials, and consent not answered. Back with every problem, what was typed kept, nothing stored.
            let bad = fields.filter { $0.0 != "toestemmingVrijwilliger" }.map { $0.0 == "initialen" ? ("initialen", "") : $0 }
            try await client.execute(
                uri: "/hulpvragen",
                method: .post,
                headers: Fixtures.paginaHeaders(Demo.kernteamlid.token, Fixtures.urlencoded),
                body: Fixtures.formulierBody(bad)
            ) { response in
                #expect(response.status == .badRequest)
                let html = String(buffer: response.body)
                #expect(html.contains(#"<p class="fout" id="initialen-fout">Initialen is verplicht</p>"#))
                #expect(html.contains(##"<li><a href="#initialen">Initialen is verplicht</a></li>"##))
                #expect(html.contains(#"aria-invalid="true" aria-describedby="initialen-hint initialen-fout""#))
                #expect(html.contains(Self.HTML(omschrijving)))
                #expect(html.contains(#"value="sociaal-netwerk" checked"#))
                #expect(html.contains(#"value="wo-avond" checked"#))
                #expect(html.contains(#"<option value="inloopspreekuur" selected>"#))
                #expect(html.contains("<title>Nieuwe hulpvraag · Voorveld</title>"))
                #expect(html.contains(#"id="toestemmingVrijwilliger-fout">Mag er een vrijwilliger worden ingezet? Kies ja of nee</p>"#))
                #expect(!html.contains(#"name="toestemmingVrijwilliger" value="ja" checked"#))
                #expect(html.contains(#"name="jeugd" value="ja" checked"#))
            }
            #expect(try await Fixtures.count(environment, "hulpvragen") == 0)
            // Without the form token: refused, nothing stored.
            var foreign = Fixtures.paginaHeaders(Demo.kernteamlid.token, Fixtures.urlencoded)
            foreign[.cookie] = nil
            try await client.execute(uri: "/hulpvragen", method: .post, headers: foreign, body: Fixtures.formulierBody(fields)) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("Formulier verlopen"))
            }
            #expect(try await Fixtures.count(environment, "hulpvragen") == 0)

            let location = try await client.execute(
                uri: "/hulpvragen",
                method: .post,
                headers: Fixtures.paginaHeaders(Demo.kernteamlid.token, Fixtures.urlencoded),
                body: Fixtures.formulierBody(fields)
            ) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            let match = try #require(location.wholeMatch(of: /\/hulpvragen\/([0-9a-f-]{36})\?melding=geregistreerd/))
            let id = try #require(UUID(uuidString: String(match.1)))
            let stored = try #require(try await Self.stored(environment, id))
            #expect(stored.initialen == "Z.K.")
            #expect(stored.geboortejaar == 1961)
            #expect(stored.kernteam == "heteren")
            #expect(stored.kanaal == .inloopspreekuur)
            #expect(stored.ontvangenOp == CalendarDate(year: 2026, month: 11, day: 2))
            #expect(stored.leefgebieden.sorted() == ["financien", "sociaal-netwerk"])
            #expect(stored.taken == ["administratie"])
            #expect(stored.dagdelen == ["ma-ochtend", "wo-avond"])
            #expect(stored.duur == .langdurig)
            #expect(stored.urenPerWeek == 3)
            #expect(stored.omschrijving == omschrijving)
            #expect(stored.toestemmingVrijwilliger && stored.jeugd && !stored.veiligThuis && !stored.gezamenlijkHuisbezoek)
            #expect(stored.regisseur == "kernteamlid")

            // The page of the new hulpvraag: no personal data in its title, the text escaped.
            try await client.execute(uri: location, method: .get, headers: Fixtures.paginaHeaders(Demo.kernteamlid.token)) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<title>Hulpvraag · Voorveld</title>"))
                #expect(html.contains("De hulpvraag is geregistreerd."))
                #expect(html.contains(Self.HTML(omschrijving)))
                #expect(!html.contains("<geen>"))
            }
        }
        await environment.close()
    }

    @Test(
        "editing on the page: the form shows what is stored; a bad edit changes nothing and keeps what was typed; a good one is stored, ZRM scores kept"
    )
    func editHulpvraag() async throws {
        let environment = try await TestEnvironment.seeded()
        let id = try #require(UUID(uuidString: try await Fixtures.ids(environment)["hulpvraag-heteren"]!))
        let leefgebied = try #require(try await Self.stored(environment, id)?.leefgebieden.first)
        try await environment.owner.withConnection { connection in
            try await connection.execute(
                "UPDATE hulpvraag_leefgebieden SET zrm_score = 2 WHERE hulpvraag = $1 AND leefgebied = $2",
                [id, leefgebied]
            )
        }
        // Colleagues: one in the team, one who left it (disabled), one in another team.
        try await environment.owner.withConnection { connection in
            try await connection.executeScript(
                """
                INSERT INTO gebruikers (gemeente, naam, weergavenaam, uitgeschakeld_op) VALUES
                    ('GM1734', 'carla', 'Carla Collega', NULL), ('GM1734', 'oud', 'Otto Oud', now()), ('GM1734', 'elders', 'Els Elders', NULL);
                INSERT INTO kernteamleden (gemeente, gebruiker, kernteam) VALUES
                    ('GM1734', 'carla', 'heteren'), ('GM1734', 'oud', 'heteren'), ('GM1734', 'elders', 'driel');
                """
            )
        }
        let voor = try #require(try await Self.stored(environment, id))
        #expect(voor.zrmScores == [leefgebied: 2])
        let pad = "/hulpvragen/\(id.uuidString.lowercased())"
        try await Fixtures.app(environment).test(.router) { client in
            let headers = Fixtures.paginaHeaders(Demo.kernteamlid.token, Fixtures.urlencoded)
            var velden = try await client.execute(uri: "\(pad)/wijzigen", method: .get, headers: Fixtures.paginaHeaders(Demo.kernteamlid.token)) {
                response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<title>Hulpvraag wijzigen · Voorveld</title>"))
                // The regisseur is chosen from the team's enabled members, by name.
                let regisseurs = html.firstMatch(of: /<select id="regisseur"[^>]*>(.*?)<\/select>/)?.1.matches(
                    of: /<option value="([^"]*)"[^>]*>([^<]*)</
                ).map { "\($0.1)=\($0.2)" }
                #expect(regisseurs == ["carla=Carla Collega", "kernteamlid=Karin de Kernteamlid"])
                return try Fixtures.formulier(html, action: pad)
            }
            // The form says what is stored.
            #expect(velden["versie"] == String(voor.versie!))
            #expect(velden["initialen"] == voor.initialen && velden["regisseur"] == voor.regisseur && velden["kern"] == voor.kern)
            #expect(
                velden["kanaal"] == voor.kanaal.rawValue && velden["duur"] == voor.duur.rawValue
                    && velden["ontvangenOp"] == voor.ontvangenOp.description
            )
            #expect(velden["geboortejaar"] == voor.geboortejaar.map(String.init) ?? "" && velden["omschrijving"] == voor.omschrijving)
            #expect(velden.waarden("leefgebieden").sorted() == voor.leefgebieden.sorted() && velden.waarden("taken").sorted() == voor.taken.sorted())
            #expect(velden.waarden("dagdelen").sorted() == voor.dagdelen.sorted())
            #expect(velden["toestemmingVrijwilliger"] == (voor.toestemmingVrijwilliger ? "ja" : "nee"))
            #expect(velden["status"] == (voor.status == .nieuw ? "nieuw" : nil))

            // No leefgebied and an empty regisseur: both named, what was typed kept, nothing changed.
            let omschrijving = "Nu ook hulp bij de boodschappen.\nEn de tuin."
            velden.zet("omschrijving", omschrijving.replacingOccurrences(of: "\n", with: "\r\n"))
            var fout = velden
            fout.zet("regisseur", "")
            fout.zet("leefgebieden", nil)
            try await client.execute(uri: pad, method: .post, headers: headers, body: Fixtures.formulierBody(fout.velden)) { response in
                #expect(response.status == .badRequest)
                let html = String(buffer: response.body)
                #expect(html.contains(#"id="leefgebieden-fout">"#))
                #expect(html.contains(#"<p class="fout" id="regisseur-fout">Regisseur is verplicht</p>"#))
                #expect(html.contains(Self.HTML(omschrijving) + "</textarea>"))
                #expect(html.contains("De wijzigingen zijn nog niet opgeslagen"))
            }
            // A regisseur outside the kernteam: the database's rule, next to the field.
            var buiten = velden
            buiten.zet("regisseur", "steunpunt")
            try await client.execute(uri: pad, method: .post, headers: headers, body: Fixtures.formulierBody(buiten.velden)) { response in
                #expect(response.status == .badRequest)
                #expect(
                    String(buffer: response.body).contains(
                        #"<p class="fout" id="regisseur-fout">Regisseur is geen lid van het kernteam van deze hulpvraag</p>"#
                    )
                )
            }
            // Without the version it was made from: refused, nothing changed.
            let zonder = velden
            try await client.execute(
                uri: pad,
                method: .post,
                headers: headers,
                body: Fixtures.formulierBody(zonder.velden.filter { $0.0 != "versie" })
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Het formulier was onvolledig."))
            }
            #expect(try await Self.stored(environment, id)?.versie == voor.versie)
            try await client.execute(uri: pad, method: .post, headers: headers, body: Fixtures.formulierBody(velden.velden)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "\(pad)?melding=opgeslagen")
            }
            // Handed to a colleague, who is shown by name.
            var overdragen = try await Fixtures.bewerkformulier(client, "\(pad)/wijzigen", action: pad, Demo.kernteamlid.token)
            overdragen.zet("regisseur", "carla")
            try await client.execute(uri: pad, method: .post, headers: headers, body: Fixtures.formulierBody(overdragen.velden)) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: pad, method: .get, headers: Fixtures.paginaHeaders(Demo.kernteamlid.token)) { response in
                #expect(String(buffer: response.body).contains("<dt>Regisseur</dt><dd>Carla Collega</dd>"))
            }
            // The list filters by regisseur: hers now, no longer the user's own.
            for (regisseur, getoond) in [("carla", true), ("kernteamlid", false)] {
                try await client.execute(
                    uri: "/hulpvragen?regisseur=\(regisseur)",
                    method: .get,
                    headers: Fixtures.paginaHeaders(Demo.kernteamlid.token)
                ) { response in
                    let html = String(buffer: response.body)
                    #expect(html.contains(#"<option value="\#(regisseur)" selected>"#))
                    #expect(html.contains(#"<a href="\#(pad)">"#) == getoond, "\(regisseur)")
                }
            }
        }
        let na = try #require(try await Self.stored(environment, id))
        #expect(na.omschrijving == "Nu ook hulp bij de boodschappen.\nEn de tuin.")
        #expect(na.versie == voor.versie! + 2)
        #expect(na.zrmScores == [leefgebied: 2])
        #expect(na.leefgebieden.sorted() == voor.leefgebieden.sorted() && na.dagdelen == voor.dagdelen && na.taken == voor.taken)
        #expect(na.kern == voor.kern && na.kanaal == voor.kanaal && na.duur == voor.duur && na.regisseur == "carla" && na.status == voor.status)
        #expect(
            na.ontvangenOp == voor.ontvangenOp && na.geboortejaar == voor.geboortejaar && na.toestemmingVrijwilliger == voor.toestemmingVrijwilliger
        )
        await environment.close()
    }

    @Test("someone else saved first: the typed text stays on the new version, and only the fields the other person changed are named")
    func editConflictNamesTheOtherPersonsChanges() async throws {
        let environment = try await TestEnvironment.seeded()
        let id = try #require(try await Fixtures.ids(environment)["hulpvraag-heteren"])
        let pad = "/hulpvragen/\(id)"
        try await Fixtures.app(environment).test(.router) { client in
            let headers = Fixtures.paginaHeaders(Demo.kernteamlid.token, Fixtures.urlencoded)
            // Two people open the same hulpvraag; the other saves new hours first.
            var eigen = try await Fixtures.bewerkformulier(client, "\(pad)/wijzigen", action: pad, Demo.kernteamlid.token)
            var ander = eigen
            ander.zet("urenPerWeek", "7")
            try await client.execute(uri: pad, method: .post, headers: headers, body: Fixtures.formulierBody(ander.velden)) { response in
                #expect(response.status == .seeOther)
            }
            eigen.zet("omschrijving", "Mijn aanvulling")
            let opnieuw = try await client.execute(uri: pad, method: .post, headers: headers, body: Fixtures.formulierBody(eigen.velden)) {
                response in
                #expect(response.status == .conflict)
                let html = String(buffer: response.body)
                #expect(html.contains("Iemand anders heeft deze hulpvraag intussen gewijzigd, in: Uren per week. Hieronder staat wat u invulde"))
                #expect(html.contains("Mijn aanvulling</textarea>"))
                return try Fixtures.formulier(html, action: pad)
            }
            #expect(opnieuw["versie"].flatMap { Int($0) } == Int(eigen["versie"]!)! + 1)
            // Saved again from the page it got: this user's version stands.
            try await client.execute(uri: pad, method: .post, headers: headers, body: Fixtures.formulierBody(opnieuw.velden)) { response in
                #expect(response.status == .seeOther)
            }
        }
        let stored = try #require(try await Self.stored(environment, UUID(uuidString: id)!))
        #expect(stored.omschrijving == "Mijn aanvulling")
        await environment.close()
    }

    @Test("a volunteer saved first by someone else: only their change is named, the typed text stays")
    func volunteerEditConflict() async throws {
        let environment = try await TestEnvironment.seeded()
        let id = try #require(try await Fixtures.ids(environment)["overbetuwe"])
        let pad = "/vrijwilligers/\(id)"
        try await Fixtures.app(environment).test(.router) { client in
            let headers = Fixtures.paginaHeaders(Demo.steunpunt.token, Fixtures.urlencoded)
            var eigen = try await Fixtures.bewerkformulier(client, pad, action: pad, Demo.steunpunt.token)
            var ander = eigen
            ander.zet("maxHulpvragen", "3")
            try await client.execute(uri: pad, method: .post, headers: headers, body: Fixtures.formulierBody(ander.velden)) { response in
                #expect(response.status == .seeOther)
            }
            eigen.zet("telefoon", "0612345678")
            try await client.execute(uri: pad, method: .post, headers: headers, body: Fixtures.formulierBody(eigen.velden)) { response in
                #expect(response.status == .conflict)
                let html = String(buffer: response.body)
                #expect(
                    html.contains(
                        "Iemand anders heeft deze vrijwilliger intussen gewijzigd, in: Hoeveel inwoners tegelijk. Hieronder staat wat u invulde"
                    )
                )
                #expect(html.contains(#"name="telefoon" type="tel" value="0612345678""#))
            }
        }
        await environment.close()
    }

    @Test("the volunteer list shows the places taken by running koppelingen, of the volunteer's maximum")
    func volunteerListShowsPlacesTaken() async throws {
        let environment = try await TestEnvironment.seeded()
        let id = try #require(try await Fixtures.ids(environment)["overbetuwe"])
        let (naam, kern, maximum, lopend) = try #require(
            try await environment.owner.withConnection { connection in
                try await connection.queryOne(
                    """
                    SELECT v.voornaam || ' ' || v.achternaam, v.kern, v.max_hulpvragen,
                           (SELECT count(*) FROM koppelingen k WHERE k.vrijwilliger = v.id AND k.status IN ('voorgesteld', 'geaccepteerd', 'gestart'))
                    FROM vrijwilligers v WHERE v.id = $1
                    """,
                    [UUID(uuidString: id)!]
                ) { row in
                    (
                        try row.decode(0, as: String.self), try row.decode(1, as: String.self), try row.decode(2, as: Int.self),
                        try row.decode(3, as: Int.self)
                    )
                }
            }
        )
        #expect(lopend == 1)
        try await Fixtures.app(environment).test(.router) { client in
            var gevonden = false
            for pagina in 1...10 where !gevonden {
                try await client.execute(
                    uri: "/vrijwilligers?kern=\(kern)&pagina=\(pagina)",
                    method: .get,
                    headers: Fixtures.paginaHeaders(Demo.steunpunt.token)
                ) { response in
                    let html = String(buffer: response.body)
                    guard html.contains(#"<a href="/vrijwilligers/\#(id)">\#(Self.HTML(naam))</a>"#) else { return }
                    gevonden = true
                    #expect(html.contains(#"<th scope="row"><a href="/vrijwilligers/\#(id)">\#(Self.HTML(naam))</a></th><td>"#))
                    let rij = html.firstMatch(of: try Regex(NSRegularExpression.escapedPattern(for: "/vrijwilligers/\(id)\"") + #".*?</tr>"#))
                    #expect(rij.map { String(html[$0.range]).contains("<td>1 van \(maximum)</td>") } == true)
                }
            }
            #expect(gevonden)
        }
        await environment.close()
    }

    @Test("a voorziening added and kept up to date from its page: errors next to the fields, saved as checked today")
    func voorzieningFromThePage() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            let headers = Fixtures.paginaHeaders(Demo.steunpunt.token, Fixtures.urlencoded)
            var nieuw = try await Fixtures.bewerkformulier(client, "/voorzieningen/nieuw", action: "/voorzieningen", Demo.steunpunt.token)
            #expect(nieuw["laatstGeverifieerd"] == CalendarDate.vandaag().description && nieuw["leeftijdsgroep"] == "iedereen")
            nieuw.zet("naam", "Repaircafé Driel")
            nieuw.zet("aanbieder", "Dorpshuis Driel")
            nieuw.zet("referentie", "vz-page-1")
            nieuw.zet("contact", "0488-123456")
            // No kernen and no leefgebied: both named, what was typed kept, nothing stored.
            try await client.execute(uri: "/voorzieningen", method: .post, headers: headers, body: Fixtures.formulierBody(nieuw.velden)) { response in
                #expect(response.status == .badRequest)
                let html = String(buffer: response.body)
                #expect(html.contains(#"id="kernen-fout">"#) && html.contains(#"id="leefgebieden-fout">"#))
                #expect(html.contains(#"value="Repaircafé Driel""#))
            }
            nieuw.velden += [("kernen", "driel"), ("leefgebieden", "sociaal-netwerk")]
            nieuw.zet("laatstGeverifieerd", "2025-01-15")
            // Both the whole gemeente and a kern: said, not silently dropped.
            var beide = nieuw
            beide.zet("heleGemeente", "ja")
            try await client.execute(
                uri: "/voorzieningen",
                method: .post,
                headers: headers,
                body: Fixtures.formulierBody(beide.velden + [("kernen", "driel")])
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Kernen: kies de kernen of de hele gemeente, niet allebei"))
            }
            let pad = try await client.execute(uri: "/voorzieningen", method: .post, headers: headers, body: Fixtures.formulierBody(nieuw.velden)) {
                response in
                #expect(response.status == .seeOther)
                return String((response.headers[.location] ?? "").split(separator: "?")[0])
            }
            #expect(pad.hasPrefix("/voorzieningen/"))
            // Old: marked in the list, with a link to its page.
            try await client.execute(uri: "/voorzieningen?actualiteit=verouderd", method: .get, headers: Fixtures.paginaHeaders(Demo.steunpunt.token))
            { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<a href="\#(pad)">Repaircafé Driel</a>"#))
                #expect(html.contains("15 januari 2025: controleren, ouder dan een jaar"))
            }
            // Checked with the provider today.
            var bewerk = try await Fixtures.bewerkformulier(client, pad, action: pad, Demo.steunpunt.token)
            #expect(bewerk.waarden("kernen") == ["driel"] && bewerk["contact"] == "0488-123456")
            bewerk.velden.append(("nagelopen", "ja"))
            try await client.execute(uri: pad, method: .post, headers: headers, body: Fixtures.formulierBody(bewerk.velden)) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/voorzieningen?actualiteit=verouderd", method: .get, headers: Fixtures.paginaHeaders(Demo.steunpunt.token))
            { response in
                #expect(!String(buffer: response.body).contains("Repaircafé Driel"))
            }
        }
        let stored = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT laatst_geverifieerd, contact FROM voorzieningen WHERE referentie = 'vz-page-1'") { row in
                (try row.decode(0, as: CalendarDate.self), try row.decode(1, as: String.self))
            }
        }
        #expect(stored?.0 == CalendarDate.vandaag() && stored?.1 == "0488-123456")
        await environment.close()
    }

    @Test("every page's markup arrives as markup: no part of a page is escaped twice")
    func geenDubbeleEscaping() async throws {
        let environment = try await TestEnvironment.seeded(hulpvragen: true)
        let ids = try await Fixtures.ids(environment)
        let hulpvraag = try #require(ids["hulpvraag-heteren"])
        let vrijwilliger = try #require(ids["overbetuwe"])
        let voorziening = try #require(ids["voorziening-overbetuwe"])
        let paginas: [(String, String)] = [
            (Demo.kernteamlid.token, "/hulpvragen"), (Demo.kernteamlid.token, "/hulpvragen/nieuw"),
            (Demo.kernteamlid.token, "/hulpvragen/\(hulpvraag)"),
            (Demo.kernteamlid.token, "/hulpvragen/\(hulpvraag)/wijzigen"), (Demo.steunpunt.token, "/vrijwilligers"),
            (Demo.steunpunt.token, "/vrijwilligers/\(vrijwilliger)"), (Demo.steunpunt.token, "/vrijwilligers/import"),
            (Demo.steunpunt.token, "/voorzieningen"), (Demo.steunpunt.token, "/voorzieningen/\(voorziening)"), (Demo.wethouder.token, "/cijfers"),
            (Demo.beheerder.token, "/"),
        ]
        try await Fixtures.app(environment).test(.router) { client in
            for (token, uri) in paginas {
                try await client.execute(uri: uri, method: .get, headers: Fixtures.paginaHeaders(token)) { response in
                    let html = String(buffer: response.body)
                    #expect(response.status == .ok, "\(uri): \(response.status)")
                    // The demo data has no '<': an escaped tag means markup was taken for text.
                    #expect(!html.contains("&lt;"), "\(uri) shows escaped markup")
                    #expect(!html.contains("&amp;amp;") && !html.contains("&amp;quot;"), "\(uri) escapes twice")
                    #expect(html.contains("</main>"))
                }
            }
        }
        await environment.close()
    }

    @Test("the house style is the file Sources/VoorveldHTTP/voorveld.css, served as CSS")
    func stylesheet() async throws {
        let environment = try await TestEnvironment.migrated()
        let file = try String(contentsOfFile: TestDatabase.repositoryRoot + "/Sources/VoorveldHTTP/voorveld.css", encoding: .utf8)
        try await Fixtures.app(environment).test(.router) { client in
            try await client.execute(uri: "/voorveld.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(String(buffer: response.body) == file)
                #expect(file.contains("--focus: #ffb612"))
            }
        }
        await environment.close()
    }

    @Test("an error page keeps a logged-in user's menu and logout button; an anonymous visitor is sent to the login page")
    func errorPageHasTheMenu() async throws {
        let environment = try await TestEnvironment.seeded()
        try await Fixtures.app(environment).test(.router) { client in
            try await client.execute(uri: "/cijfers", method: .get, headers: Fixtures.paginaHeaders(Demo.kernteamlid.token)) { response in
                #expect(response.status == .forbidden)
                let html = String(buffer: response.body)
                #expect(html.contains("<h1>Geen toegang</h1>"))
                #expect(
                    html.contains(
                        #"<nav aria-label="Hoofdmenu"><ul><li><a href="/hulpvragen">Hulpvragen</a></li><li><a href="/hulpvragen/nieuw">Nieuwe hulpvraag</a></li></ul></nav>"#
                    )
                )
                #expect(
                    html.contains(
                        #"<form class="uitloggen" method="post" action="/uitloggen"><input type="hidden" name="csrf" value="\#(Fixtures.paginaToken)">"#
                    )
                )
            }
            try await client.execute(uri: "/hulpvragen/\(UUID())", method: .get, headers: Fixtures.paginaHeaders(Demo.steunpunt.token)) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains(#"<li><a href="/vrijwilligers">Vrijwilligers</a></li>"#))
            }
            try await client.execute(uri: "/cijfers", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/inloggen")
            }
        }
        await environment.close()
    }

    /// What `Markup` makes of a text (the test's own copy, so it can catch a change).
    static func HTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test("closing on the page: without an outcome the error stands next to the field; with one it is closed and nazorg is planned")
    func closeHulpvraag() async throws {
        let environment = try await TestEnvironment.seeded()
        let ids = try await Fixtures.ids(environment)
        let id = ids["hulpvraag-heteren"]!
        let versie = String(try #require(try await Self.stored(environment, UUID(uuidString: id)!)?.versie))
        try await Fixtures.app(environment).test(.router) { client in
            let headers = Fixtures.paginaHeaders(Demo.kernteamlid.token, Fixtures.urlencoded)
            // A koppeling still runs: closing says so.
            try await client.execute(
                uri: "/hulpvragen/\(id)/afsluiting",
                method: .post,
                headers: headers,
                body: Fixtures.formulierBody([("csrf", Fixtures.paginaToken), ("versie", versie), ("uitkomst", "niet-opgelost")])
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("er loopt nog 1 koppeling; rond die eerst af of breek ze af"))
            }
            // Breaking it off needs a reason.
            let koppeling = ids["koppeling-heteren"]!
            let (koppelingVersie, reden) = try await environment.owner.withConnection { connection in
                (
                    try await connection.queryOne("SELECT versie FROM koppelingen WHERE id = $1", [UUID(uuidString: koppeling)!]) { row in
                        try row.decode(0, as: Int.self)
                    }!,
                    try await connection.queryOne("SELECT code FROM afbreekredenen ORDER BY volgorde LIMIT 1") { row in
                        try row.decode(0, as: String.self)
                    }!
                )
            }
            try await client.execute(
                uri: "/koppelingen/\(koppeling)/status",
                method: .post,
                headers: headers,
                body: Fixtures.formulierBody([("csrf", Fixtures.paginaToken), ("versie", String(koppelingVersie)), ("status", "afgebroken")])
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("wordt afgebroken."))
            }
            // The page says how to reach the volunteer.
            let contact = try await environment.owner.withConnection { connection in
                try await connection.queryOne(
                    """
                    SELECT concat_ws(' · ', v.telefoon, v.email) FROM koppelingen k JOIN vrijwilligers v ON v.id = k.vrijwilliger WHERE k.id = $1
                    """,
                    [UUID(uuidString: koppeling)!]
                ) { row in try row.decode(0, as: String.self) }
            }
            #expect(contact?.isEmpty == false)
            try await client.execute(uri: "/hulpvragen/\(id)", method: .get, headers: Fixtures.paginaHeaders(Demo.kernteamlid.token)) { response in
                #expect(String(buffer: response.body).contains("<p>Contact: \(Self.HTML(contact ?? "-"))</p>"))
            }
            try await client.execute(
                uri: "/koppelingen/\(koppeling)/status",
                method: .post,
                headers: headers,
                body: Fixtures.formulierBody([
                    ("csrf", Fixtures.paginaToken), ("versie", String(koppelingVersie)), ("status", "afgebroken"), ("reden", reden),
                    ("toelichting", "Verhuist naar Arnhem"),
                ])
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/hulpvragen/\(id)?melding=koppeling-gewijzigd")
            }
            try await client.execute(uri: "/hulpvragen/\(id)", method: .get, headers: Fixtures.paginaHeaders(Demo.kernteamlid.token)) { response in
                #expect(String(buffer: response.body).contains("<p>Notitie: Verhuist naar Arnhem</p>"))
            }
            try await client.execute(
                uri: "/hulpvragen/\(id)/afsluiting",
                method: .post,
                headers: headers,
                body: Fixtures.formulierBody([("csrf", Fixtures.paginaToken), ("versie", versie), ("onderdelen", "netwerk")])
            ) { response in
                #expect(response.status == .badRequest)
                let html = String(buffer: response.body)
                #expect(html.contains(#"<p class="fout" id="uitkomst-fout">Uitkomst is verplicht</p>"#))
                #expect(html.contains(#"value="netwerk" checked"#))
            }
            try await client.execute(
                uri: "/hulpvragen/\(id)/afsluiting",
                method: .post,
                headers: headers,
                body: Fixtures.formulierBody([
                    ("csrf", Fixtures.paginaToken), ("versie", versie), ("uitkomst", "opgelost-voorliggend-veld"), ("onderdelen", "netwerk"),
                    ("afgeslotenOp", "2026-11-20"),
                ])
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/hulpvragen/\(id)?melding=afgesloten")
            }
            let stored = try #require(try await Self.stored(environment, UUID(uuidString: id)!))
            #expect(stored.status == .afgesloten)
            #expect(stored.afsluiting?.onderdelen == [.netwerk])
            #expect(stored.afsluiting?.nazorgOp == CalendarDate(year: 2026, month: 11, day: 20).plus(dagen: Afsluiting.standaardNazorgDagen))
            // The same form again is an old version now: refused with the current state.
            try await client.execute(
                uri: "/hulpvragen/\(id)/afsluiting",
                method: .post,
                headers: headers,
                body: Fixtures.formulierBody([("csrf", Fixtures.paginaToken), ("versie", versie), ("uitkomst", "niet-opgelost")])
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("Iemand anders heeft deze hulpvraag intussen gewijzigd"))
            }

            // Closing ZRM scores, as the API records them.
            try await environment.owner.withConnection { connection in
                try await connection.execute(
                    "UPDATE hulpvraag_leefgebieden SET zrm_score_afsluiting = 4 WHERE hulpvraag = $1",
                    [UUID(uuidString: id)!]
                )
            }
            // Reopened from its edit page: the closure goes, its ZRM scores too; the hulpvraag is back in behandeling.
            var velden = try await client.execute(
                uri: "/hulpvragen/\(id)/wijzigen",
                method: .get,
                headers: Fixtures.paginaHeaders(Demo.kernteamlid.token)
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(#"<option value="afgesloten" selected>"#))
                #expect(html.contains(#"<option value="in-behandeling">"#))
                #expect(html.contains("om de hulpvraag te heropenen"))
                return try Fixtures.formulier(html, action: "/hulpvragen/\(id)")
            }
            velden.zet("status", "in-behandeling")
            try await client.execute(uri: "/hulpvragen/\(id)", method: .post, headers: headers, body: Fixtures.formulierBody(velden.velden)) {
                response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/hulpvragen/\(id)?melding=opgeslagen")
            }
            let heropend = try #require(try await Self.stored(environment, UUID(uuidString: id)!))
            #expect(heropend.status == .inBehandeling)
            #expect(heropend.afsluiting == nil)
            let scores = try await environment.owner.withConnection { connection in
                try await connection.queryOne(
                    "SELECT count(zrm_score_afsluiting) FROM hulpvraag_leefgebieden WHERE hulpvraag = $1",
                    [UUID(uuidString: id)!]
                ) { row in
                    try row.decode(0, as: Int.self)
                }
            }
            #expect(scores == 0)
        }
        await environment.close()
    }

    @Test("import: every bad row listed and nothing written; the corrected text imports; a broken upload is refused")
    func importVolunteers() async throws {
        let environment = try await TestEnvironment.seeded()
        let before = try await Fixtures.count(environment, "vrijwilligers")
        let csv =
            "referentie;voornaam;achternaam;kern;leefgebieden;beschikbaarheid;langsteInzet;urenPerWeek;maxHulpvragen\r\n"
            + "pagina-1;Anna;Jansen;heteren;financien;ma-ochtend;kortdurend;2;1\r\n"
            + "pagina-2;Bram;de Vries;heteren;financien;ma-ochtend;kortdurend;twee;1\r\n"
            + "pagina-3;Cor;Smit;nergensdorp;financien;ma-ochtend;kortdurend;2;1\r\n"
        let boundary = "----VoorveldTest7MA4YWxkTrZu0gW"
        let multipart =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(Fixtures.paginaToken)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"vrijwilligers.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n"
            + "--\(boundary)--\r\n"
        try await Fixtures.app(environment).test(.router) { client in
            let upload = Fixtures.paginaHeaders(Demo.steunpunt.token, "multipart/form-data; boundary=\(boundary)")
            let text = try await client.execute(uri: "/vrijwilligers/import", method: .post, headers: upload, body: ByteBuffer(string: multipart)) {
                response in
                #expect(response.status == .unprocessableContent)
                return String(buffer: response.body)
            }
            #expect(text.contains(#"<tr><th scope="row">3</th><td>urenPerWeek</td><td>moet een geheel getal zijn</td></tr>"#))
            #expect(text.contains(#"<tr><th scope="row">4</th><td>kern</td><td>onbekende kern &#39;nergensdorp&#39; in deze gemeente</td></tr>"#))
            // The file comes back to be corrected, exactly as it was.
            #expect(text.contains(Self.HTML(csv)))
            #expect(try await Fixtures.count(environment, "vrijwilligers") == before)

            let fixed = csv.replacingOccurrences(of: ";twee;", with: ";2;").replacingOccurrences(of: "nergensdorp", with: "driel")
            try await client.execute(
                uri: "/vrijwilligers/import",
                method: .post,
                headers: Fixtures.paginaHeaders(Demo.steunpunt.token, Fixtures.urlencoded),
                body: Fixtures.formulierBody([("csrf", Fixtures.paginaToken), ("csv", fixed)])
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/vrijwilligers/import?ingelezen=3")
            }
            try await client.execute(uri: "/vrijwilligers/import?ingelezen=3", method: .get, headers: Fixtures.paginaHeaders(Demo.steunpunt.token)) {
                response in
                #expect(String(buffer: response.body).contains("3 vrijwilligers ingelezen."))
            }
            #expect(try await Fixtures.count(environment, "vrijwilligers") == before + 3)
            let uren = try await environment.owner.withConnection { connection in
                try await connection.queryOne(
                    "SELECT uren_per_week FROM vrijwilligers WHERE referentie = 'pagina-2'",
                    decode: { row in try row.decode(0, as: Int.self) }
                )
            }
            #expect(uren == 2)

            // A body cut off in the middle, and the token missing: refused, nothing written.
            try await client.execute(
                uri: "/vrijwilligers/import",
                method: .post,
                headers: upload,
                body: ByteBuffer(string: String(multipart.prefix(multipart.count - 10)))
            ) { response in
                #expect(response.status == .badRequest)
            }
            let withoutToken = multipart.replacingOccurrences(of: Fixtures.paginaToken, with: Secret.generate())
            try await client.execute(uri: "/vrijwilligers/import", method: .post, headers: upload, body: ByteBuffer(string: withoutToken)) {
                response in
                #expect(response.status == .forbidden)
            }
            #expect(try await Fixtures.count(environment, "vrijwilligers") == before + 3)
        }
        await environment.close()
    }

    @Test("the dashboard's tables and CSV downloads carry the API's figures, with the same protection, for whole periods only")
    func dashboardMatchesAPI() async throws {
        let environment = try await TestEnvironment.seeded(hulpvragen: true)
        let kernen = try await GebiedStore(pool: environment.service).kernen(
            in: try await environment.proven(AccessScope(gemeente: "GM1734", gebruiker: "wethouder", rollen: [.wethouder], kernteams: []))
        )
        let naam = Dictionary(uniqueKeysWithValues: kernen.map { ($0.code, $0.naam) })
        try await Fixtures.app(environment).test(.router) { client in
            let headers = Fixtures.paginaHeaders(Demo.wethouder.token)
            let api = try await client.execute(
                uri: "/v1/cijfers/voorliggend-veld?per=kern&van=2026-01-01&tot=2026-12-31",
                method: .get,
                headers: headers
            ) { response in
                #expect(response.status == .ok)
                return try JSONDecoder().decode(VoorliggendVeldCijfers.self, from: Data(buffer: response.body))
            }
            #expect(!api.rijen.isEmpty)
            let csv = try await client.execute(uri: "/cijfers/per-kern?periode=2026", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(response.headers[.contentDisposition] == #"attachment; filename="per-kern-2026.csv""#)
                return String(buffer: response.body)
            }
            func tekst(_ aantal: Aantal) -> String { aantal.waarde.map(String.init) ?? "–" }
            func procent(_ p: Percentage) -> String { p.percentage.map { "\(Int($0))%" } ?? "–" }
            // For a spreadsheet set to Dutch: a byte-order mark, semicolons.
            #expect(csv.hasPrefix("\u{FEFF}Kern;"))
            let expected =
                ["Kern;Afgesloten;Alleen voorliggend veld;Voorliggend veld betrokken"]
                + api.rijen.map { rij in
                    [naam[rij.waarde]!, tekst(rij.afgesloten), procent(rij.alleenVoorliggendVeld), procent(rij.voorliggendVeldBetrokken)].joined(
                        separator: ";"
                    )
                }
            #expect(csv.dropFirst().split(separator: "\r\n").map(String.init) == expected)

            let html = try await client.execute(uri: "/cijfers?periode=2026", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            #expect(html.contains(#"<p class="groot">\#(api.totaal.alleenVoorliggendVeld.percentage.map { "\(Int($0))%" } ?? "–")</p>"#))
            for rij in api.rijen {
                #expect(html.contains(#"<tr><th scope="row">\#(naam[rij.waarde]!)</th><td class="getal">\#(tekst(rij.afgesloten))</td>"#))
            }
            #expect(html.contains(#"<svg viewBox="0 0 720 280" width="100%" role="img""#))
            // No person on the wethouder's page.
            #expect(!html.contains("DEMO-HV"))
            // Too few closings per month to show any: the trend falls back to quarters, and says so.
            #expect(html.contains("<h2>Verloop per kwartaal</h2>"))
            #expect(html.contains("Per maand zijn de aantallen te klein om te tonen; daarom per kwartaal."))
            // Every table of the page has its download, whose header is the table's.
            let tabellen = ["verloop", "per-kern", "per-leefgebied", "instroom", "kanalen", "overig", "dalende-instroom", "tekorten"]
            for tabel in tabellen {
                #expect(html.contains(#"<a href="/cijfers/\#(tabel)?periode=2026" download>"#), "\(tabel)")
                try await client.execute(uri: "/cijfers/\(tabel)?periode=2026", method: .get, headers: headers) { response in
                    #expect(response.status == .ok, "\(tabel)")
                    let regels = String(buffer: response.body).dropFirst().split(separator: "\r\n")
                    let kop = regels.first.map { $0.split(separator: ";").map(String.init) } ?? []
                    #expect(!kop.isEmpty, "\(tabel)")
                    // An empty table is a sentence on the page; one with rows has the download's header.
                    if regels.count > 1 {
                        let rij =
                            "<tr>" + kop.map { #"<th scope="col"[^>]*>"# + NSRegularExpression.escapedPattern(for: Self.HTML($0)) + "</th>" }.joined()
                            + "</tr>"
                        let patroon = try Regex(rij)
                        #expect(html.contains(patroon), "\(tabel): \(kop)")
                    }
                }
            }
            // How the figures are protected, in one sentence; the period is chosen from whole ones.
            #expect(html.contains(Self.HTML(Onthulling().uitleg)))
            #expect(html.contains(#"<option value="2026" selected>2026</option>"#))
            #expect(html.contains(#"<option value="2026-K1">1e kwartaal 2026</option>"#))
            // Any other period: refused next to the field, in words; the same via van and tot.
            for uri in ["/cijfers?periode=2026-K9", "/cijfers?van=2026-01-01&tot=2026-11-30"] {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    let pagina = String(buffer: response.body)
                    #expect(
                        pagina.contains(#"id="periode-fout">Periode: "#)
                            && pagina.contains("kies een hele maand, een heel kwartaal of een heel kalenderjaar"),
                        "\(uri)"
                    )
                }
            }
            try await client.execute(uri: "/cijfers/per-kern?van=2026-02-01&tot=2026-04-30", method: .get, headers: headers) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("kies een hele maand, een heel kwartaal of een heel kalenderjaar"))
            }
            // A table that does not exist: nothing read.
            try await client.execute(uri: "/cijfers/onbekend", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
            }
        }
        // One reading (and one audit row) for the whole dashboard, and one per download, naming its table.
        let gelezen = try await environment.owner.withConnection { connection in
            try await connection.query("SELECT object_id FROM auditlog WHERE actie = 'cijfers-lezen' AND gebruiker = 'wethouder' ORDER BY id") {
                row in
                try row.decode(0, as: String.self)
            }
        }
        #expect(
            gelezen == ["voorliggend-veld per kern", "dashboard per-kern", "dashboard"]
                + ["verloop", "per-kern", "per-leefgebied", "instroom", "kanalen", "overig", "dalende-instroom", "tekorten"].map { "dashboard \($0)" }
                + ["dashboard", "dashboard"]
        )  // a refused period shows this year's figures beside the error
        await environment.close()
    }

    @Test("adding months to a date agrees with PostgreSQL's date + interval, month ends and leap days included")
    func plusMonthsAgreesWithPostgreSQL() async throws {
        let environment = try await TestEnvironment.migrated()
        var dates: [CalendarDate] = []
        var months: [Int] = []
        for day in stride(
            from: CalendarDate(year: 2023, month: 12, day: 25).daysSince2000,
            through: CalendarDate(year: 2024, month: 3, day: 5).daysSince2000,
            by: 1
        ) {
            for maanden in [-25, -13, -1, 0, 1, 2, 3, 11, 12, 13, 36, 48] {
                dates.append(CalendarDate(daysSince2000: day))
                months.append(maanden)
            }
        }
        let expected = try await environment.owner.withConnection { connection in
            try await connection.query(
                """
                SELECT (d + make_interval(months => m))::date FROM unnest($1::date[], $2::int[]) WITH ORDINALITY AS t(d, m, i) ORDER BY i
                """,
                [dates, months]
            ) { row in try row.decode(0, as: CalendarDate.self) }
        }
        #expect(expected.count == dates.count)
        let mismatches = zip(zip(dates, months), expected).filter { $0.0.0.plus(maanden: $0.0.1) != $0.1 }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        await environment.close()
    }
}
