import CalendarDate
import Foundation
import Postgres
import TestDatabase
import Testing
import Voorveld
import VoorveldStore

/// The monthly counts of new and closed hulpvragen (sql/migrations/001_baseline.sql) are kept by triggers (sql/definitions/05_cijfers.sql); these tests
/// check that they, and the figures read from them, always equal a plain GROUP BY over the rows.
@Suite struct CijfersPerMaandTests {
    static let gemeente = "GM1734"

    @Test(
        "after random new, closed, edited, moved, reopened and followed-up hulpvragen and retention, the monthly counts and figures equal counting the rows"
    )
    func rollupEqualsRows() async throws {
        let environment = try await TestEnvironment.seeded(hulpvragen: true)
        let seed = UInt64.random(in: 1...UInt64.max)
        var random = SplitMix64(seed: seed)
        let teams = try await Fixtures.teamsWithRegisseur(environment.owner)
        let leefgebieden = try await environment.owner.withConnection { connection in
            try await connection.query("SELECT code FROM leefgebieden ORDER BY code") { row in try row.decode(0, as: String.self) }
        }
        let uitkomsten = try await environment.owner.withConnection { connection in
            try await connection.query("SELECT code FROM uitkomsten ORDER BY code") { row in try row.decode(0, as: String.self) }
        }
        let kanalen = ["telefoon", "e-mail", "inloopspreekuur", "melding-derde", "via-loket"]
        // Dates from 2019 on: the oldest closings fall to retention (five years).
        func datum() -> CalendarDate { CalendarDate(daysSince2000: 6940 + Int(random.next() % 2890)) }
        func kies<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

        @discardableResult func inTeam<T: Sendable>(_ teams: [String], _ body: (PostgresConnection) async throws -> T) async throws -> T {
            // One real user per set of kernteams: the database takes the scope from that user's token.
            let teams = Set(teams).sorted()
            let scope = try await environment.proven(
                AccessScope(gemeente: Self.gemeente, gebruiker: "test-\(teams.joined(separator: "-"))", rollen: [.kernteamlid], kernteams: teams)
            )
            return try await environment.service.withTransaction(in: scope) { try await body($0) }
        }
        func hulpvragen(gesloten: Bool) async throws -> [(id: UUID, kernteam: String)] {
            try await environment.owner.withConnection { connection in
                try await connection.query(
                    """
                    SELECT id, kernteam FROM hulpvragen WHERE gemeente = $1 AND (status = 'afgesloten') = $2 AND NOT veilig_thuis ORDER BY id
                    """,
                    [Self.gemeente, gesloten]
                ) { row in (id: try row.decode(0, as: UUID.self), kernteam: try row.decode(1, as: String.self)) }
            }
        }

        let seeded = try await Self.counts(environment.owner)
        #expect(
            seeded.opgeteld == seeded.geteld && !seeded.geteld.isEmpty,
            "the demo hulpvragen: \(Set(seeded.opgeteld).symmetricDifference(seeded.geteld).sorted().prefix(10))"
        )

        var operations: [String: Int] = [:]
        for step in 0..<360 {
            let kind = step % 60 == 59 ? 99 : Int(random.next() % 11)
            do {
                switch kind {
                case 0, 1:  // new, sometimes closed at once (as an import of history would)
                    let (team, kernen) = kies(teams)
                    let ontvangen = datum()
                    let gesloten = random.next() % 3 == 0
                    let gekozen = leefgebieden.filter { _ in random.next() % 4 == 0 }
                    try await inTeam([team]) { connection in
                        let id = try await connection.queryOne(
                            """
                            INSERT INTO hulpvragen (gemeente, initialen, regisseur, kernteam, kern, kanaal, ontvangen_op, duur, jeugd, status, uitkomst,
                                                    afgesloten_op, nazorg_op, gezamenlijk_huisbezoek, dossierreferentie)
                            VALUES ($1, 'T.', $2, $3, $4, $5, $6, 'eenmalig', $7, $8, $9, $10, $10 + 120, $11, $12) RETURNING id
                            """,
                            [
                                Self.gemeente, "test-\(team)", team, kies(kernen), kies(kanalen), ontvangen, random.next() % 4 == 0,
                                gesloten ? "afgesloten" : "nieuw", gesloten ? kies(uitkomsten) : nil,
                                gesloten ? ontvangen.plus(dagen: Int(random.next() % 90)) : nil,
                                random.next() % 5 == 0, "D-\(random.next() % 40)",
                            ]
                        ) { row in
                            try row.decode(0, as: UUID.self)
                        }
                        try await connection.execute(
                            """
                            INSERT INTO hulpvraag_leefgebieden (gemeente, hulpvraag, leefgebied) SELECT $1, $2, unnest($3::text[])
                            """,
                            [Self.gemeente, id, gekozen]
                        )
                    }
                    operations["new\(gesloten ? ", closed" : "")", default: 0] += 1
                case 2, 3:  // closed through the service's own statement
                    guard let (id, team) = try await hulpvragen(gesloten: false).randomElement(using: &random) else { continue }
                    let afsluiting = Afsluiting(uitkomst: kies(uitkomsten), onderdelen: [], zrmScores: [:], afgeslotenOp: datum(), nazorgOp: nil)
                    try await inTeam([team]) { connection in try await HulpvraagStore.schrijf(afsluiting, voor: id, on: connection) }
                    operations["closed", default: 0] += 1
                case 4:  // reopened
                    guard let (id, team) = try await hulpvragen(gesloten: true).randomElement(using: &random) else { continue }
                    try await inTeam([team]) { connection in
                        try await connection.execute(
                            """
                            UPDATE hulpvragen SET status = 'in-behandeling', uitkomst = NULL, onderdelen = '{}', afgesloten_op = NULL, nazorg_op = NULL,
                                   nazorg_opgelost = NULL, nazorg_vastgelegd_op = NULL
                            WHERE gemeente = $1 AND id = $2
                            """,
                            [Self.gemeente, id]
                        )
                    }
                    operations["reopened", default: 0] += 1
                case 5:  // a closed one edited: outcome, closing date (another month), kanaal, youth, kern
                    guard let (id, team) = try await hulpvragen(gesloten: true).randomElement(using: &random) else { continue }
                    let kernen = teams.first { $0.kernteam == team }?.kernen ?? []
                    try await inTeam([team]) { connection in
                        try await connection.execute(
                            """
                            UPDATE hulpvragen SET uitkomst = $3, afgesloten_op = greatest($4, ontvangen_op), kanaal = $5, jeugd = $6, kern = $7,
                                   nazorg_op = NULL, nazorg_opgelost = NULL, nazorg_vastgelegd_op = NULL
                            WHERE gemeente = $1 AND id = $2
                            """,
                            [Self.gemeente, id, kies(uitkomsten), datum(), kies(kanalen), random.next() % 2 == 0, kies(kernen)]
                        )
                    }
                    operations["edited", default: 0] += 1
                case 6:  // leefgebieden changed, of a closed one or an open one
                    guard let (id, team) = try await hulpvragen(gesloten: random.next() % 2 == 0).randomElement(using: &random) else { continue }
                    let leefgebied = kies(leefgebieden)
                    try await inTeam([team]) { connection in
                        let weg = try await connection.execute(
                            "DELETE FROM hulpvraag_leefgebieden WHERE gemeente = $1 AND hulpvraag = $2 AND leefgebied = $3",
                            [Self.gemeente, id, leefgebied]
                        )
                        if weg == 0 {
                            try await connection.execute(
                                "INSERT INTO hulpvraag_leefgebieden (gemeente, hulpvraag, leefgebied) VALUES ($1, $2, $3)",
                                [Self.gemeente, id, leefgebied]
                            )
                        }
                    }
                    operations["leefgebied changed", default: 0] += 1
                case 7:  // a closed one handed to another kernteam and regisseur
                    guard let (id, team) = try await hulpvragen(gesloten: true).randomElement(using: &random) else { continue }
                    let (nieuw, kernen) = kies(teams)
                    try await inTeam([nieuw, team]) { connection in
                        try await connection.execute(
                            "UPDATE hulpvragen SET kernteam = $3, kern = $4, regisseur = $5 WHERE gemeente = $1 AND id = $2",
                            [Self.gemeente, id, nieuw, kies(kernen), "test-\(nieuw)"]
                        )
                    }
                    operations["moved", default: 0] += 1
                case 8:  // nazorg: asked, and still solved or not, or not asked after all; with a change the figures do not see
                    guard let (id, team) = try await hulpvragen(gesloten: true).randomElement(using: &random) else { continue }
                    let antwoord: Bool? = [true, false, nil][Int(random.next() % 3)]
                    try await inTeam([team]) { connection in
                        try await connection.execute(
                            """
                            UPDATE hulpvragen SET omschrijving = 'bijgewerkt', nazorg_op = afgesloten_op + 30, nazorg_opgelost = $3,
                                   nazorg_vastgelegd_op = CASE WHEN $3::boolean IS NOT NULL THEN afgesloten_op + 30 END
                            WHERE gemeente = $1 AND id = $2
                            """,
                            [Self.gemeente, id, antwoord]
                        )
                    }
                    operations["nazorg", default: 0] += 1
                case 9:  // an open one's intake edited: date received, kanaal, youth, visit, kern, dossier
                    guard let (id, team) = try await hulpvragen(gesloten: false).randomElement(using: &random) else { continue }
                    let kernen = teams.first { $0.kernteam == team }?.kernen ?? []
                    try await inTeam([team]) { connection in
                        try await connection.execute(
                            """
                            UPDATE hulpvragen SET ontvangen_op = $3, kanaal = $4, jeugd = $5, gezamenlijk_huisbezoek = $6, kern = $7, dossierreferentie = $8
                            WHERE gemeente = $1 AND id = $2
                            """,
                            [
                                Self.gemeente, id, datum(), kies(kanalen), random.next() % 2 == 0, random.next() % 2 == 0, kies(kernen),
                                "D-\(random.next() % 40)",
                            ]
                        )
                    }
                    operations["intake edited", default: 0] += 1
                case 10:  // edited as the service does it: kanaal, youth, visit and leefgebieden at once, open or closed
                    guard let (id, team) = try await hulpvragen(gesloten: random.next() % 2 == 0).randomElement(using: &random) else { continue }
                    let store = HulpvraagStore(pool: environment.service)
                    let scope = try await environment.proven(
                        AccessScope(gemeente: Self.gemeente, gebruiker: "test-\(team)", rollen: [.kernteamlid], kernteams: [team])
                    )
                    let current = try await store.get(id, in: scope, audit: Self.audit("test-\(team)"))
                    let kanaal = Kanaal(rawValue: kies(kanalen))!
                    let jeugd = random.next() % 2 == 0
                    let bezoek = random.next() % 2 == 0
                    let gekozen = leefgebieden.filter { _ in random.next() % 4 == 0 }
                    let uitkomst = try await store.update(id, versie: current?.versie ?? 0, in: scope, audit: Self.audit("test-\(team)")) { huidig in
                        var nieuw = huidig
                        nieuw.kanaal = kanaal
                        nieuw.jeugd = jeugd
                        nieuw.gezamenlijkHuisbezoek = bezoek
                        nieuw.leefgebieden = gekozen
                        nieuw.zrmScores = [:]
                        return nieuw
                    }
                    guard case .gewijzigd = uitkomst else {
                        Issue.record("seed \(seed): the edit of \(id) failed: \(uitkomst)")
                        continue
                    }
                    operations["edited by the store", default: 0] += 1
                default:  // retention: the resident's details first, closed hulpvragen after five years
                    let report = try await RetentionStore(pool: environment.owner).run(dryRun: false)
                    operations["retention deleted", default: 0] += report.hulpvragen
                    operations["retention anonymised", default: 0] += report.geanonimiseerd
                }
            } catch {
                Issue.record("seed \(seed), step \(step), change \(kind): \(error)")
                throw error
            }
        }
        // Every kind of change happened, retention included.
        #expect(operations.keys.count == 12, "seed \(seed): \(operations)")
        #expect((operations["retention deleted"] ?? 0) > 0, "seed \(seed): \(operations)")

        let (opgeteld, geteld) = try await Self.counts(environment.owner)
        #expect(geteld.count > 100, "seed \(seed)")
        #expect(opgeteld == geteld, "seed \(seed): \(Set(opgeteld).symmetricDifference(geteld).sorted().prefix(10))")

        // The figures, for periods of whole and partial months, and by every split, equal counting
        // the rows: for the wethouder (the whole gemeente) and for a kernteamlid (their own team).
        let wethouder = try await environment.proven(
            AccessScope(gemeente: Self.gemeente, gebruiker: "wethouder", rollen: [.wethouder], kernteams: [])
        )
        let kernteamlid = try await environment.proven(
            AccessScope(gemeente: Self.gemeente, gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])
        )
        var periodes = [
            (CalendarDate(iso: "2019-01-01")!, CalendarDate(iso: "2026-12-31")!),
            (CalendarDate(iso: "2024-03-01")!, CalendarDate(iso: "2024-03-31")!),
            (CalendarDate(iso: "2024-03-02")!, CalendarDate(iso: "2024-03-30")!),
            (CalendarDate(iso: "2023-12-31")!, CalendarDate(iso: "2024-02-01")!),
        ]
        for _ in 0..<12 {
            let a = datum()
            let b = datum()
            periodes.append((min(a, b), max(a, b)))
        }
        for (van, tot) in periodes {
            for groep in CijfersStore.indelingen {
                for (scope, team) in [(wethouder, nil as String?), (kernteamlid, "heteren")] {
                    let figures = try await environment.service.withTransaction(in: scope) { connection in
                        try await connection.query(
                            "SELECT concat_ws('|', waarde, afgesloten, telt_mee, alleen, betrokken, ingetrokken, afgesloten_sleutel, alleen_sleutel) FROM cijfers_voorliggend_veld($1, $2, $3)",
                            [van, tot, groep]
                        ) { row in try row.decode(0, as: String.self) }
                    }
                    let rows = try await environment.owner.withConnection { connection in
                        try await connection.query(
                            """
                            WITH x AS (
                                SELECT CASE $3::text WHEN 'kernteam' THEN h.kernteam WHEN 'kern' THEN h.kern WHEN 'kanaal' THEN h.kanaal
                                           WHEN 'maand' THEN to_char(h.afgesloten_op, 'YYYY-MM') WHEN 'kwartaal' THEN to_char(h.afgesloten_op, 'YYYY-"K"Q')
                                           WHEN 'jaar' THEN to_char(h.afgesloten_op, 'YYYY') WHEN 'jeugd' THEN CASE WHEN h.jeugd THEN 'jeugd' ELSE 'volwassen' END
                                           ELSE 'totaal' END AS waarde, h.uitkomst, h.celsleutel
                                FROM hulpvragen h WHERE $3::text <> 'leefgebied'
                                  AND h.gemeente = $4 AND h.afgesloten_op BETWEEN $1 AND $2 AND ($5::text IS NULL OR h.kernteam = $5)
                                UNION ALL
                                SELECT l.leefgebied, h.uitkomst, h.celsleutel FROM hulpvragen h JOIN hulpvraag_leefgebieden l ON l.gemeente = h.gemeente AND l.hulpvraag = h.id
                                WHERE $3::text = 'leefgebied'
                                  AND h.gemeente = $4 AND h.afgesloten_op BETWEEN $1 AND $2 AND ($5::text IS NULL OR h.kernteam = $5))
                            SELECT concat_ws('|', x.waarde, count(*), count(*) FILTER (WHERE u.telt_mee), count(*) FILTER (WHERE u.alleen_voorliggend_veld),
                                             count(*) FILTER (WHERE u.voorliggend_veld_betrokken), count(*) FILTER (WHERE NOT u.telt_mee),
                                             sum(x.celsleutel), coalesce(sum(x.celsleutel) FILTER (WHERE u.alleen_voorliggend_veld), 0))
                            FROM x JOIN uitkomsten u ON u.code = x.uitkomst GROUP BY x.waarde ORDER BY x.waarde
                            """,
                            [van, tot, groep, Self.gemeente, team]
                        ) { row in try row.decode(0, as: String.self) }
                    }
                    #expect(figures == rows, "seed \(seed): \(van)–\(tot) per \(groep) for \(team ?? "wethouder")")
                }
            }
        }
        // The monitoring functions likewise.
        for (van, tot) in periodes {
            for (scope, team) in [(wethouder, nil as String?), (kernteamlid, "heteren")] {
                let figures = try await environment.service.withTransaction(in: scope) { connection in
                    try await connection.query(
                        """
                        SELECT 'i|' || concat_ws('|', kernteam, maand, kanaal, jeugd, huisbezoek, aantal, terugkeer, aantal_sleutel, terugkeer_sleutel)
                        FROM cijfers_instroom($1, $2)
                        UNION ALL SELECT 'l|' || concat_ws('|', kern, leefgebied, aantal, aantal_sleutel) FROM cijfers_leefgebieden($1, $2)
                        UNION ALL SELECT 'n|' || concat_ws('|', gevraagd, nog_opgelost, gevraagd_sleutel, nog_opgelost_sleutel) FROM cijfers_nazorg($1, $2)
                        ORDER BY 1
                        """,
                        [van, tot]
                    ) { row in try row.decode(0, as: String.self) }
                }
                let rows = try await environment.owner.withConnection { connection in
                    try await connection.query(
                        """
                        WITH h AS (SELECT * FROM hulpvragen WHERE gemeente = $3 AND ($4::text IS NULL OR kernteam = $4))
                        SELECT 'i|' || concat_ws('|', kernteam, to_char(ontvangen_op, 'YYYY-MM'), kanaal, jeugd, gezamenlijk_huisbezoek, count(*),
                                                 count(*) FILTER (WHERE terugkeer), sum(celsleutel), coalesce(sum(celsleutel) FILTER (WHERE terugkeer), 0))
                        FROM h WHERE ontvangen_op BETWEEN $1 AND $2 GROUP BY kernteam, to_char(ontvangen_op, 'YYYY-MM'), kanaal, jeugd, gezamenlijk_huisbezoek
                        UNION ALL
                        SELECT 'l|' || concat_ws('|', h.kern, l.leefgebied, count(*), sum(h.celsleutel)) FROM h JOIN hulpvraag_leefgebieden l ON l.gemeente = h.gemeente AND l.hulpvraag = h.id
                        WHERE h.ontvangen_op BETWEEN $1 AND $2 GROUP BY h.kern, l.leefgebied
                        UNION ALL
                        SELECT 'n|' || concat_ws('|', count(nazorg_opgelost), count(*) FILTER (WHERE nazorg_opgelost),
                                                 coalesce(sum(celsleutel) FILTER (WHERE nazorg_opgelost IS NOT NULL), 0),
                                                 coalesce(sum(celsleutel) FILTER (WHERE nazorg_opgelost), 0))
                        FROM h WHERE afgesloten_op BETWEEN $1 AND $2
                        ORDER BY 1
                        """,
                        [van, tot, Self.gemeente, team]
                    ) { row in try row.decode(0, as: String.self) }
                }
                #expect(figures == rows, "seed \(seed): monitoring \(van)–\(tot) for \(team ?? "wethouder")")
            }
        }
        await environment.close()
    }

    /// The monthly counts, and the same counted from the rows: one line per group.
    static func counts(_ owner: ConnectionPool) async throws -> (opgeteld: [String], geteld: [String]) {
        try await owner.withConnection { connection in
            let opgeteld = try await connection.query(
                """
                SELECT 'a|' || concat_ws('|', gemeente, indeling, maand, kernteam, waarde, afgesloten, telt_mee, alleen, betrokken, ingetrokken,
                                         nazorg_gevraagd, nazorg_opgelost, afgesloten_sleutel, telt_mee_sleutel, alleen_sleutel, betrokken_sleutel,
                                         ingetrokken_sleutel, nazorg_gevraagd_sleutel, nazorg_opgelost_sleutel)
                FROM afgesloten_per_maand WHERE afgesloten > 0
                UNION ALL
                SELECT 'o|' || concat_ws('|', gemeente, maand, kernteam, kanaal, jeugd, huisbezoek, aantal, terugkeer, aantal_sleutel, terugkeer_sleutel)
                FROM ontvangen_per_maand WHERE aantal > 0
                UNION ALL
                SELECT 'l|' || concat_ws('|', gemeente, maand, kernteam, kern, leefgebied, aantal, aantal_sleutel) FROM ontvangen_leefgebieden_per_maand WHERE aantal > 0
                ORDER BY 1
                """
            ) { row in try row.decode(0, as: String.self) }
            let geteld = try await connection.query(
                """
                WITH g AS (SELECT h.*, date_trunc('month', h.afgesloten_op)::date AS maand, u.telt_mee AS t, u.alleen_voorliggend_veld AS a,
                                  u.voorliggend_veld_betrokken AS b
                           FROM hulpvragen h JOIN uitkomsten u ON u.code = h.uitkomst),
                groepen AS (
                    SELECT gemeente, 'totaal' AS indeling, maand, kernteam, 'totaal' AS waarde, t, a, b, nazorg_opgelost, celsleutel AS s FROM g
                    UNION ALL SELECT gemeente, 'kern', maand, kernteam, kern, t, a, b, nazorg_opgelost, celsleutel FROM g
                    UNION ALL SELECT gemeente, 'kanaal', maand, kernteam, kanaal, t, a, b, nazorg_opgelost, celsleutel FROM g
                    UNION ALL SELECT gemeente, 'jeugd', maand, kernteam, CASE WHEN jeugd THEN 'jeugd' ELSE 'volwassen' END, t, a, b, nazorg_opgelost, celsleutel FROM g
                    UNION ALL SELECT g.gemeente, 'leefgebied', g.maand, g.kernteam, l.leefgebied, t, a, b, nazorg_opgelost, g.celsleutel
                              FROM g JOIN hulpvraag_leefgebieden l ON l.gemeente = g.gemeente AND l.hulpvraag = g.id)
                SELECT 'a|' || concat_ws('|', gemeente, indeling, maand, kernteam, waarde, count(*), count(*) FILTER (WHERE t), count(*) FILTER (WHERE a),
                                         count(*) FILTER (WHERE b), count(*) FILTER (WHERE NOT t), count(nazorg_opgelost),
                                         count(*) FILTER (WHERE nazorg_opgelost), sum(s), coalesce(sum(s) FILTER (WHERE t), 0),
                                         coalesce(sum(s) FILTER (WHERE a), 0), coalesce(sum(s) FILTER (WHERE b), 0), coalesce(sum(s) FILTER (WHERE NOT t), 0),
                                         coalesce(sum(s) FILTER (WHERE nazorg_opgelost IS NOT NULL), 0), coalesce(sum(s) FILTER (WHERE nazorg_opgelost), 0))
                FROM groepen GROUP BY gemeente, indeling, maand, kernteam, waarde
                UNION ALL
                SELECT 'o|' || concat_ws('|', gemeente, date_trunc('month', ontvangen_op)::date, kernteam, kanaal, jeugd, gezamenlijk_huisbezoek, count(*),
                                         count(*) FILTER (WHERE terugkeer), sum(celsleutel), coalesce(sum(celsleutel) FILTER (WHERE terugkeer), 0))
                FROM hulpvragen GROUP BY gemeente, date_trunc('month', ontvangen_op)::date, kernteam, kanaal, jeugd, gezamenlijk_huisbezoek
                UNION ALL
                SELECT 'l|' || concat_ws('|', h.gemeente, date_trunc('month', h.ontvangen_op)::date, h.kernteam, h.kern, l.leefgebied, count(*), sum(h.celsleutel))
                FROM hulpvragen h JOIN hulpvraag_leefgebieden l ON l.gemeente = h.gemeente AND l.hulpvraag = h.id
                GROUP BY h.gemeente, date_trunc('month', h.ontvangen_op)::date, h.kernteam, h.kern, l.leefgebied
                ORDER BY 1
                """
            ) { row in try row.decode(0, as: String.self) }
            return (opgeteld, geteld)
        }
    }

    static func audit(_ gebruiker: String) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker,
            rol: .kernteamlid,
            actie: "test",
            objectType: "hulpvraag",
            objectId: nil,
            doel: "test",
            resultaat: .toegestaan
        )
    }

}

/// A small, seedable generator: a failing run can be repeated with the seed it reports.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension CijfersPerMaandTests {
    @Test("the database draws every hulpvraag's cell key itself: the service can neither choose one nor change it")
    func celsleutel() async throws {
        let environment = try await TestEnvironment.seeded()
        let scope = try await environment.proven(
            AccessScope(gemeente: Self.gemeente, gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])
        )
        let (gekozen, gewijzigd, na) = try await environment.service.withTransaction(in: scope) { connection in
            let id = try await connection.queryOne(
                """
                INSERT INTO hulpvragen (gemeente, initialen, regisseur, kernteam, kern, kanaal, ontvangen_op, duur, celsleutel)
                VALUES ($1, 'T.', 'kernteamlid', 'heteren', 'heteren', 'telefoon', '2026-03-01', 'eenmalig', 42) RETURNING id
                """,
                [Self.gemeente]
            ) { row in try row.decode(0, as: UUID.self) }
            let gekozen = try await connection.queryOne("SELECT celsleutel FROM hulpvragen WHERE id = $1", [id]) { row in
                try row.decode(0, as: Int.self)
            }
            let gewijzigd = try await connection.queryOne("UPDATE hulpvragen SET celsleutel = 7 WHERE id = $1 RETURNING celsleutel", [id]) { row in
                try row.decode(0, as: Int.self)
            }
            let na = try await connection.queryOne("UPDATE hulpvragen SET kanaal = 'e-mail' WHERE id = $1 RETURNING celsleutel", [id]) { row in
                try row.decode(0, as: Int.self)
            }
            return (gekozen, gewijzigd, na)
        }
        #expect(gekozen != nil && gekozen != 42)
        #expect(gewijzigd == gekozen && na == gekozen)
        // Keys are 32 random bits: a thousand new hulpvragen get (almost surely) a thousand keys, spread over the range.
        let sleutels = try await environment.service.withTransaction(in: scope) { connection in
            try await connection.query(
                """
                INSERT INTO hulpvragen (gemeente, initialen, regisseur, kernteam, kern, kanaal, ontvangen_op, duur)
                SELECT $1, 'T.', 'kernteamlid', 'heteren', 'heteren', 'telefoon', '2026-03-01', 'eenmalig' FROM generate_series(1, 1000) RETURNING celsleutel
                """,
                [Self.gemeente]
            ) { row in try row.decode(0, as: Int.self) }
        }
        #expect(Set(sleutels).count >= 999)
        #expect(sleutels.allSatisfy { (0...Int(UInt32.max)).contains($0) })
        #expect(sleutels.filter { $0 < 1 << 31 }.count > 400 && sleutels.filter { $0 < 1 << 31 }.count < 600)
        await environment.close()
    }

    @Test("a new hulpvraag of a resident within the nazorg period of an earlier one is a return, decided at registration; the figures count it")
    func terugkeer() async throws {
        let environment = try await TestEnvironment.seeded()
        let scope = try await environment.proven(
            AccessScope(gemeente: Self.gemeente, gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])
        )
        func nieuw(_ dossier: String, _ ontvangen: String, afgesloten: String? = nil, nazorg: String? = nil) async throws -> Bool {
            try await environment.service.withTransaction(in: scope) { connection in
                try await connection.queryOne(
                    """
                    INSERT INTO hulpvragen (gemeente, initialen, regisseur, kernteam, kern, kanaal, ontvangen_op, duur, dossierreferentie, status, uitkomst,
                                            afgesloten_op, nazorg_op)
                    VALUES ($1, 'T.', 'kernteamlid', 'heteren', 'heteren', 'telefoon', $2::date, 'eenmalig', $3, $4, $5, $6::date, $7::date)
                    RETURNING terugkeer
                    """,
                    [
                        Self.gemeente, ontvangen, dossier, afgesloten == nil ? "nieuw" : "afgesloten",
                        afgesloten == nil ? nil : "opgelost-voorliggend-veld", afgesloten, nazorg,
                    ]
                ) { row in try row.decode(0, as: Bool.self) } ?? false
            }
        }
        #expect(try await nieuw("D-1", "2026-01-05", afgesloten: "2026-03-01", nazorg: "2026-06-01") == false)
        #expect(try await nieuw("D-1", "2026-04-01") == true)  // within the nazorg period
        #expect(try await nieuw("D-1", "2026-07-01") == false)  // after it
        #expect(try await nieuw("D-2", "2026-04-01") == false)  // another resident
        #expect(try await nieuw("D-1", "2026-02-01") == false)  // before the earlier one was closed
        // Not settable by the service, and kept through edits that leave dossier, date and team alone.
        let (terugkeer, geen) = try await environment.service.withTransaction(in: scope) { connection in
            let ja = try await connection.query(
                "UPDATE hulpvragen SET omschrijving = 'bijgewerkt' WHERE dossierreferentie = 'D-1' RETURNING ontvangen_op::text, terugkeer"
            ) { row in
                (try row.decode(0, as: String.self), try row.decode(1, as: Bool.self))
            }
            let nee = try await connection.query("UPDATE hulpvragen SET terugkeer = true WHERE dossierreferentie = 'D-2' RETURNING terugkeer") {
                row in
                try row.decode(0, as: Bool.self)
            }
            return (ja.filter(\.1).map(\.0), nee)
        }
        #expect(terugkeer == ["2026-04-01"])
        #expect(geen == [false])
        let cijfers = try await CijfersStore(pool: environment.service).monitoring(
            van: CalendarDate(iso: "2026-01-01")!,
            tot: CalendarDate(iso: "2026-08-31")!,
            in: scope,
            audit: AuditRegel(
                gebruiker: "kernteamlid",
                rol: .kernteamlid,
                actie: "cijfers-lezen",
                objectType: "cijfers",
                objectId: nil,
                doel: "test",
                resultaat: .toegestaan
            )
        )
        #expect(cijfers.instroom.reduce(0) { $0 + $1.terugkeer.aantal } == 1)
        // An earlier hulpvraag of the resident with another kernteam makes no return here.
        try await environment.owner.withTransaction { connection in
            try await connection.execute(
                """
                INSERT INTO gebruikers (gemeente, naam, weergavenaam) VALUES ('GM1734', 'test-elst', 'Test');
                """
            )
            try await connection.execute("INSERT INTO kernteamleden (gemeente, gebruiker, kernteam) VALUES ('GM1734', 'test-elst', 'elst-noord')")
            try await connection.execute("INSERT INTO gebruiker_rollen (gemeente, gebruiker, rol) VALUES ('GM1734', 'test-elst', 'kernteamlid')")
        }
        let elst = try await environment.proven(
            AccessScope(gemeente: Self.gemeente, gebruiker: "test-elst", rollen: [.kernteamlid], kernteams: ["elst-noord"])
        )
        try await environment.service.withTransaction(in: elst) { connection in
            try await connection.execute(
                """
                INSERT INTO hulpvragen (gemeente, initialen, regisseur, kernteam, kern, kanaal, ontvangen_op, duur, dossierreferentie, status, uitkomst,
                                        afgesloten_op, nazorg_op)
                VALUES ($1, 'T.', 'test-elst', 'elst-noord', 'elst-noord', 'telefoon', '2026-05-01', 'eenmalig', 'D-3', 'afgesloten', 'opgelost-voorliggend-veld',
                        '2026-05-10', '2026-08-10')
                """,
                [Self.gemeente]
            )
        }
        #expect(try await nieuw("D-3", "2026-06-01") == false)
        #expect(cijfers.instroom.reduce(0) { $0 + $1.aantal.aantal } == 5)
        await environment.close()
    }

    @Test("a leefgebied added while another transaction closes the hulpvraag is counted once the two are done, in both counts")
    func concurrentChanges() async throws {
        let environment = try await TestEnvironment.seeded()
        let scope = try await environment.proven(
            AccessScope(gemeente: Self.gemeente, gebruiker: "kernteamlid", rollen: [.kernteamlid], kernteams: ["heteren"])
        )
        let id = try await environment.service.withTransaction(in: scope) { connection in
            try await connection.queryOne(
                """
                INSERT INTO hulpvragen (gemeente, initialen, regisseur, kernteam, kern, kanaal, ontvangen_op, duur)
                VALUES ($1, 'T.', 'kernteamlid', 'heteren', 'heteren', 'telefoon', '2026-03-03', 'eenmalig') RETURNING id
                """,
                [Self.gemeente]
            ) { row in try row.decode(0, as: UUID.self) }
        }!
        // The closing transaction holds on after its UPDATE until the leefgebied's transaction waits
        // for it (or, should it not have to, is done): the two overlap however the machine schedules them.
        let bijgewerkt = Tally()
        let toegevoegd = Tally()
        async let sluiten: Void = environment.service.withTransaction(in: scope) { connection in
            try await connection.execute(
                """
                UPDATE hulpvragen SET status = 'afgesloten', uitkomst = 'opgelost-voorliggend-veld', afgesloten_op = '2026-03-20' WHERE id = $1
                """,
                [id]
            )
            bijgewerkt.add()
            let overlapt = try await TestDatabase.waitUntil {
                if toegevoegd.count > 0 { return true }
                return try await Self.someoneWaitsForALock(environment.owner)
            }
            #expect(overlapt, "the leefgebied's transaction neither waited for the closing one nor was done within 120 s")
        }
        let bijgewerktOp = try await TestDatabase.waitUntil { bijgewerkt.count > 0 }
        #expect(bijgewerktOp, "the closing transaction did not get its UPDATE done within 120 s")
        try await environment.service.withTransaction(in: scope) { connection in
            try await connection.execute(
                "INSERT INTO hulpvraag_leefgebieden (gemeente, hulpvraag, leefgebied) VALUES ($1, $2, 'financien')",
                [Self.gemeente, id]
            )
        }
        toegevoegd.add()
        try await sluiten
        let (opgeteld, geteld) = try await Self.counts(environment.owner)
        #expect(opgeteld == geteld, "\(Set(opgeteld).symmetricDifference(geteld).sorted())")
        #expect(opgeteld.contains { $0.hasPrefix("a|GM1734|leefgebied|2026-03-01|heteren|financien|1|1|1|1|0|0|0|") })
        await environment.close()
    }

    /// Whether a session on this test's database waits for a lock (here: the leefgebied's
    /// transaction for the closing one's). pg_locks and these columns of pg_stat_activity are
    /// visible to every role.
    static func someoneWaitsForALock(_ owner: ConnectionPool) async throws -> Bool {
        try await owner.withConnection { connection in
            try await connection.queryOne(
                """
                SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                               WHERE NOT l.granted AND a.datname = current_database())
                """
            ) { row in try row.decode(0, as: Bool.self) }
        } == true
    }
}
