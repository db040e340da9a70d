import ArgumentParser
import CalendarDate
import Foundation
import Logging
import Postgres
import Voorveld
import VoorveldStore

/// `voorveld bench cijfers`: one deployment serving every Dutch gemeente. Makes a history of
/// closed hulpvragen in its own embedded PostgreSQL and measures, in one run: a gemeente's year of
/// figures as the wethouder gets them, the national overview from the monthly counts against a
/// plain GROUP BY over the rows (side by side, and checked equal), and what keeping the monthly
/// counts adds to closing a hulpvraag.
struct CijfersBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cijfers",
        abstract: "Measure the wethouder's figures at national scale, and the cost of keeping the monthly counts.",
        discussion: """
            The default data set (10,000,000 closed hulpvragen over 340 gemeenten and 5 years, sized like
            Dutch gemeenten: the largest about 60 times the smallest) takes about 15 GB of disk and a while
            to make; with --data-dir it is made once and reused. Without --data-dir it is made in a new
            temporary folder and removed afterwards (unless --keep-data).
            """
    )

    @Option(help: "Closed hulpvragen in the data set.") var hulpvragen = 10_000_000
    @Option(help: "Gemeenten.") var gemeenten = 340
    @Option(help: "Years of history, up to the end of last year.") var jaren = 5
    @Option(help: "Gemeente-years measured (random gemeenten; the largest is measured apart).") var monsters = 200
    @Option(help: "Closings measured per kind, half with and half without the monthly counts.") var schrijvingen = 400
    @Option(help: "Rounds of the national overview, each both ways.") var rondes = 5
    @OptionGroup var folder: BenchFolder

    func run() async throws {
        LoggingBootstrap.run(level: .warning)
        let logger = Logger(label: "voorveld.bench")
        let title = "# voorveld bench cijfers: \(hulpvragen) closed hulpvragen, \(gemeenten) gemeenten, \(jaren) years"
        // Memory a production server of this size would have; the rows fit, so the GROUP BY over
        // them is measured at its best (warm), not against a disk.
        let settings = [
            "shared_buffers": "4GB", "work_mem": "64MB", "maintenance_work_mem": "1GB", "max_wal_size": "16GB",
            "checkpoint_timeout": "30min", "effective_cache_size": "16GB",
        ]
        try await folder.withSession(title: title, maxConnections: 4, serverSettings: settings, logger: logger) { session, _, _ in
            let jaar = CalendarDate.vandaag().year - 1
            try await prepareData(session, eersteJaar: jaar - jaren + 1, laatsteJaar: jaar)
            try await gemeenteJaar(session, jaar: jaar)
            try await landelijkOverzicht(session)
            try await schrijfkosten(session, jaar: jaar)
        }
    }

    // MARK: - Data

    /// The scope of bench user `naam`, from its token (made with the data), as the service gets it.
    static func scope(of naam: String, service: ConnectionPool) async throws -> AccessScope {
        try await BenchData.scope(token: "vv_cijfers_" + naam, service: service)
    }

    func prepareData(_ session: DatabaseSession, eersteJaar: Int, laatsteJaar: Int) async throws {
        let owner = session.owner
        let bestaand = try await owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM gemeenten WHERE code LIKE 'GM8%'") { row in try row.decode(0, as: Int.self) } ?? 0
        }
        if bestaand > 0 {
            print("data set: reusing \(bestaand) gemeenten")
            // A run that was killed while counting was off leaves counts that no longer match: recount.
            let uit = try await owner.withConnection { connection in
                try await connection.queryOne(
                    """
                    SELECT count(*) FROM pg_trigger WHERE tgrelid IN ('hulpvragen'::regclass, 'hulpvraag_leefgebieden'::regclass)
                      AND NOT tgisinternal AND tgenabled = 'D'
                    """
                ) { row in try row.decode(0, as: Int.self) } ?? 0
            }
            if uit > 0 {
                print("  \(uit) counting trigger(s) were left off by an interrupted run: on again, and counting afresh...")
                try await owner.withTransaction { connection in
                    try await connection.execute("SET LOCAL statement_timeout = 0")
                    try await connection.executeScript(
                        "ALTER TABLE hulpvragen ENABLE TRIGGER USER; ALTER TABLE hulpvraag_leefgebieden ENABLE TRIGGER USER;"
                    )
                    _ = try await connection.queryOne("SELECT cijfers_per_maand_opbouwen()") { row in try row.decode(0, as: Int.self) }
                }
            }
            try await printSize(owner)
            return
        }
        let clock = ContinuousClock()
        let started = clock.now
        let van = CalendarDate(year: eersteJaar, month: 1, day: 1)
        let tot = CalendarDate(year: laatsteJaar, month: 12, day: 31)
        print("  making gemeenten (sized by a power law), kernen, kernteams, regisseurs and wethouders...")
        try await Self.inTransaction(
            owner,
            """
            CREATE TABLE bench_cijfers (gemeente text PRIMARY KEY, g integer NOT NULL, n integer NOT NULL, kernen integer);
            """
        )
        try await Self.inTransaction(
            owner,
            """
            INSERT INTO bench_cijfers (gemeente, g, n)
            SELECT 'GM8' || lpad(g::text, 3, '0'), g, round($2::float8 * power(g, -0.7) / (SELECT sum(power(x, -0.7)) FROM generate_series(1, $1::int) x))::int
            FROM generate_series(1, $1::int) g
            """,
            [gemeenten, hulpvragen]
        )
        try await Self.inTransaction(
            owner,
            """
            UPDATE bench_cijfers SET kernen = greatest(3, least(120, n / 3000));
            INSERT INTO gemeenten (code, naam) SELECT gemeente, 'Cijfergemeente ' || g FROM bench_cijfers;
            INSERT INTO kernen (gemeente, code, naam, latitude, longitude)
            SELECT gemeente, 'k' || k, 'Kern ' || g || '-' || k, 52.0 + k * 0.001, 5.0 FROM bench_cijfers, generate_series(1, kernen) k;
            INSERT INTO kernteams (gemeente, code, naam)
            SELECT gemeente, 't' || t, 'Kernteam ' || g || '-' || t FROM bench_cijfers, generate_series(1, (kernen + 3) / 4) t;
            INSERT INTO kernteam_kernen (gemeente, kern, kernteam)
            SELECT gemeente, 'k' || k, 't' || ((k - 1) / 4 + 1) FROM bench_cijfers, generate_series(1, kernen) k;
            INSERT INTO gebruikers (gemeente, naam, weergavenaam)
            SELECT gemeente, 'bench-' || lower(gemeente) || '-' || code, 'Regisseur ' || code FROM kernteams WHERE gemeente LIKE 'GM8%'
            UNION ALL SELECT gemeente, 'bench-' || lower(gemeente) || '-wethouder', 'Wethouder' FROM bench_cijfers;
            INSERT INTO gebruiker_rollen (gemeente, gebruiker, rol)
            SELECT gemeente, 'bench-' || lower(gemeente) || '-' || code, 'kernteamlid' FROM kernteams WHERE gemeente LIKE 'GM8%'
            UNION ALL SELECT gemeente, 'bench-' || lower(gemeente) || '-wethouder', 'wethouder' FROM bench_cijfers;
            INSERT INTO kernteamleden (gemeente, gebruiker, kernteam)
            SELECT gemeente, 'bench-' || lower(gemeente) || '-' || code, code FROM kernteams WHERE gemeente LIKE 'GM8%';
            -- The service's scope comes from a user's token only (sql/definitions/01_toegang.sql): one per user.
            INSERT INTO api_tokens (gemeente, gebruiker, hash, omschrijving, verloopt_op)
            SELECT gemeente, naam, sha256(convert_to('vv_cijfers_' || naam, 'UTF8')), 'benchmark', now() + interval '30 days'
            FROM gebruikers WHERE gemeente LIKE 'GM8%';
            """
        )
        // In portions of about half a million, with the triggers off (as a bulk load would be);
        // the monthly counts are made once afterwards, by the same recount a repair would use.
        let sizes = try await owner.withConnection { connection in
            try await connection.query("SELECT g, n FROM bench_cijfers ORDER BY g") { row in
                (try row.decode(0, as: Int.self), try row.decode(1, as: Int.self))
            }
        }
        var portions: [(Int, Int)] = []
        var start = 1
        var opgeteld = 0
        for (g, n) in sizes {
            opgeteld += n
            if opgeteld >= 500_000 || g == sizes.last?.0 {
                portions.append((start, g))
                start = g + 1
                opgeteld = 0
            }
        }
        var gemaakt = 0
        for (eerste, laatste) in portions {
            try await owner.withTransaction { connection in
                try await connection.execute("SET LOCAL statement_timeout = 0")
                try await connection.execute("SET LOCAL session_replication_role = replica")
                try await connection.execute(Self.hulpvragenSQL, [eerste, laatste, van, tot.daysSince2000 - van.daysSince2000 + 1, tot])
            }
            gemaakt += sizes.filter { $0.0 >= eerste && $0.0 <= laatste }.reduce(0) { $0 + $1.1 }
            print("  hulpvragen: \(gemaakt) of \(hulpvragen) (\(Bench.format(clock.now - started)))")
        }
        let opbouw = clock.now
        let rijen = try await owner.withTransaction { connection in
            try await connection.execute("SET LOCAL statement_timeout = 0")
            return try await connection.queryOne("SELECT cijfers_per_maand_opbouwen()") { row in try row.decode(0, as: Int.self) } ?? 0
        }
        print("  monthly counts: \(rijen) rows (three tables) in \(Bench.format(clock.now - opbouw))")
        try await owner.withConnection { connection in
            try await connection.execute("SET statement_timeout = 0")
            for tabel in ["hulpvragen", "hulpvraag_leefgebieden", "afgesloten_per_maand", "ontvangen_per_maand", "ontvangen_leefgebieden_per_maand"] {
                try await connection.execute("VACUUM (ANALYZE) \(tabel)")  // also for index-only scans
            }
        }
        print("data set made in \(Bench.format(clock.now - started))")
        try await printSize(owner)
    }

    /// One portion of gemeenten ($1 to $2): their closed hulpvragen, received from $3 over $4 days
    /// and closed by $5, with one to three leefgebieden each.
    static let hulpvragenSQL = """
        WITH x AS (
            SELECT b.gemeente, 1 + floor(random() * b.kernen)::int AS k, $3::date + floor(random() * $4::int)::int AS ontvangen,
                   random() AS r, random() AS s
            FROM bench_cijfers b, generate_series(1, b.n) i WHERE b.g BETWEEN $1 AND $2
        ),
        nieuw AS (
            INSERT INTO hulpvragen (gemeente, initialen, regisseur, kernteam, kern, kanaal, ontvangen_op, duur, jeugd, gezamenlijk_huisbezoek,
                                    status, uitkomst, afgesloten_op, doorverwezen_naar_loket, terugkeer)
            SELECT gemeente, 'B.', 'bench-' || lower(gemeente) || '-t' || ((k - 1) / 4 + 1), 't' || ((k - 1) / 4 + 1), 'k' || k,
                   (ARRAY['telefoon', 'telefoon', 'e-mail', 'inloopspreekuur', 'melding-derde', 'via-loket'])[1 + floor(s * 6)::int],
                   ontvangen, 'eenmalig'::inzetduur, random() < 0.12, random() < 0.05, 'afgesloten',
                   CASE WHEN r < 0.40 THEN 'opgelost-voorliggend-veld' WHEN r < 0.52 THEN 'opgelost-voorliggend-veld-en-maatwerk'
                        WHEN r < 0.62 THEN 'loket-maatwerk-met-voorwerk' WHEN r < 0.72 THEN 'loket-maatwerk'
                        WHEN r < 0.82 THEN 'elders-doorverwezen' WHEN r < 0.90 THEN 'niet-opgelost' ELSE 'ingetrokken' END,
                   least(ontvangen + floor(random() * random() * 120)::int, $5::date), r >= 0.52 AND r < 0.72, random() < 0.06
            FROM x
            RETURNING gemeente, id
        )
        INSERT INTO hulpvraag_leefgebieden (gemeente, hulpvraag, leefgebied)
        SELECT DISTINCT n.gemeente, n.id, c.codes[1 + floor(random() * array_length(c.codes, 1))::int]
        FROM nieuw n CROSS JOIN (SELECT array_agg(code ORDER BY code) AS codes FROM leefgebieden) c,
             LATERAL generate_series(1, 1 + (random() < 0.55)::int + (random() < 0.25)::int + 0 * length(n.gemeente)) s
        """

    func printSize(_ owner: ConnectionPool) async throws {
        let regels = try await owner.withConnection { connection in
            try await connection.query(
                """
                SELECT t, (SELECT reltuples::bigint FROM pg_class WHERE relname = t), pg_size_pretty(pg_total_relation_size(t::regclass))
                FROM unnest(ARRAY['hulpvragen', 'hulpvraag_leefgebieden', 'afgesloten_per_maand', 'ontvangen_per_maand', 'ontvangen_leefgebieden_per_maand']) t
                """
            ) { row in "\(try row.decode(0, as: String.self)): ~\(try row.decode(1, as: Int.self)) rows, \(try row.decode(2, as: String.self))" }
        }
        print("size: " + regels.joined(separator: "; "))
    }

    // MARK: - A gemeente's year

    /// The wethouder's figures for one year, through the service's own code (CijfersStore, with
    /// row-level security and the audit line), for random gemeenten and for the largest.
    func gemeenteJaar(_ session: DatabaseSession, jaar: Int) async throws {
        let cijfers = CijfersStore(pool: session.service)
        let van = CalendarDate(year: jaar, month: 1, day: 1)
        let tot = CalendarDate(year: jaar, month: 12, day: 31)
        let alle = try await session.owner.withConnection { connection in
            try await connection.query("SELECT gemeente, n FROM bench_cijfers ORDER BY g") { row in
                (try row.decode(0, as: String.self), try row.decode(1, as: Int.self))
            }
        }
        guard let grootste = alle.first else { throw CommandError("The data set has no gemeenten.") }
        var generator = SystemRandomNumberGenerator()
        let willekeurig = (0..<monsters).map { _ in alle.randomElement(using: &generator)!.0 }

        struct Metingen {
            var perMaand: [Duration] = [], perLeefgebied: [Duration] = [], perKern: [Duration] = [], monitoring: [Duration] = []
            var dashboard: [Duration] = [], rijenPerMaand: [Duration] = [], rijenPerLeefgebied: [Duration] = []
            var verschillen = 0
        }
        func meet(_ gemeenten: [String]) async throws -> Metingen {
            var metingen = Metingen()
            let clock = ContinuousClock()
            for gemeente in gemeenten {
                let gebruiker = "bench-\(gemeente.lowercased())-wethouder"
                let scope = try await Self.scope(of: gebruiker, service: session.service)
                let audit = AuditRegel(
                    gebruiker: gebruiker,
                    rol: .wethouder,
                    actie: "cijfers-lezen",
                    objectType: "cijfers",
                    objectId: nil,
                    doel: "benchmark",
                    resultaat: .toegestaan
                )
                let begin = clock.now
                let maand = try await cijfers.voorliggendVeld(van: van, tot: tot, per: "maand", in: scope, audit: audit)
                let na1 = clock.now
                _ = try await cijfers.voorliggendVeld(van: van, tot: tot, per: "leefgebied", in: scope, audit: audit)
                let na2 = clock.now
                _ = try await cijfers.voorliggendVeld(van: van, tot: tot, per: "kern", in: scope, audit: audit)
                let na3 = clock.now
                _ = try await cijfers.monitoring(van: van, tot: tot, in: scope, audit: audit)
                let na4 = clock.now
                metingen.perMaand.append(na1 - begin)
                metingen.perLeefgebied.append(na2 - na1)
                metingen.perKern.append(na3 - na2)
                metingen.monitoring.append(na4 - na3)
                metingen.dashboard.append(na4 - begin)
                // The same figures as a plain GROUP BY over the rows, side by side; and equal.
                let rijen = try await session.owner.withConnection { connection in
                    let begin = clock.now
                    let maanden = try await connection.query(Self.rijenPerMaandSQL, [gemeente, van, tot]) { row in
                        [
                            try row.decode(0, as: String.self), "\(try row.decode(1, as: Int.self))", "\(try row.decode(2, as: Int.self))",
                            "\(try row.decode(3, as: Int.self))", "\(try row.decode(4, as: Int.self))", "\(try row.decode(5, as: Int.self))",
                        ]
                    }
                    let na = clock.now
                    _ = try await connection.query(Self.rijenPerLeefgebiedSQL, [gemeente, van, tot]) { row in try row.decode(0, as: String.self) }
                    return (maanden, na - begin, clock.now - na)
                }
                metingen.rijenPerMaand.append(rijen.1)
                metingen.rijenPerLeefgebied.append(rijen.2)
                let gelezen = maand.tellingen.map { t in
                    [t.waarde] + [t.afgesloten, t.teltMee, t.alleen, t.betrokken, t.ingetrokken].map { "\($0.aantal)" }
                }
                if rijen.0 != gelezen { metingen.verschillen += 1 }
            }
            return metingen
        }
        _ = try await meet(Array(willekeurig.prefix(10)))  // warm the caches and connections
        let gewoon = try await meet(willekeurig)
        let groot = try await meet(Array(repeating: grootste.0, count: 20))
        let grootPerJaar = grootste.1 / jaren
        func regel(_ naam: String, _ d: [Duration], _ g: [Duration]) -> String {
            "| \(naam) | \(Bench.ms(Bench.percentile(d, 0.5))) | \(Bench.ms(Bench.percentile(d, 0.95))) | \(Bench.ms(Bench.percentile(g, 0.5))) | \(Bench.ms(Bench.percentile(g, 0.95))) |"
        }
        print(
            """

            ## A gemeente's year of figures (\(jaar)), as the wethouder gets them (CijfersStore: row-level security, suppression input, audit line)
            \(monsters) random gemeente-years (about \(hulpvragen / gemeenten / jaren) closed hulpvragen a year on average), and the largest
            gemeente (\(grootste.0), about \(grootPerJaar) a year) 20 times.
            | figure | p50 | p95 | largest p50 | largest p95 |
            |---|---|---|---|---|
            \(regel("voorliggend veld per maand", gewoon.perMaand, groot.perMaand))
            \(regel("voorliggend veld per leefgebied", gewoon.perLeefgebied, groot.perLeefgebied))
            \(regel("voorliggend veld per kern", gewoon.perKern, groot.perKern))
            \(regel("monitoring tables (intake, leefgebieden per kern, nazorg)", gewoon.monitoring, groot.monitoring))
            \(regel("all four, one after another", gewoon.dashboard, groot.dashboard))
            \(regel("plain GROUP BY over the rows: per maand", gewoon.rijenPerMaand, groot.rijenPerMaand))
            \(regel("plain GROUP BY over the rows: per leefgebied", gewoon.rijenPerLeefgebied, groot.rijenPerLeefgebied))
            Figures per maand equal to the GROUP BY: \(gewoon.verschillen + groot.verschillen == 0 ? "yes, in every sample" : "NO, \(gewoon.verschillen + groot.verschillen) differ")
            """
        )
    }

    static let rijenPerMaandSQL = """
        SELECT to_char(h.afgesloten_op, 'YYYY-MM'), count(*)::int, count(*) FILTER (WHERE u.telt_mee)::int,
               count(*) FILTER (WHERE u.alleen_voorliggend_veld)::int, count(*) FILTER (WHERE u.voorliggend_veld_betrokken)::int,
               count(*) FILTER (WHERE NOT u.telt_mee)::int
        FROM hulpvragen h JOIN uitkomsten u ON u.code = h.uitkomst
        WHERE h.gemeente = $1 AND h.afgesloten_op BETWEEN $2 AND $3 GROUP BY 1 ORDER BY 1
        """

    static let rijenPerLeefgebiedSQL = """
        SELECT l.leefgebied, count(*)::int, count(*) FILTER (WHERE u.telt_mee)::int FROM hulpvragen h
        JOIN uitkomsten u ON u.code = h.uitkomst JOIN hulpvraag_leefgebieden l ON l.gemeente = h.gemeente AND l.hulpvraag = h.id
        WHERE h.gemeente = $1 AND h.afgesloten_op BETWEEN $2 AND $3 GROUP BY 1 ORDER BY 1
        """

    // MARK: - National overview

    /// Per gemeente and year, both percentages' counts for the whole country: from the monthly
    /// counts and from the rows, alternately, and the answers compared.
    func landelijkOverzicht(_ session: DatabaseSession) async throws {
        let uitTellingen = """
            SELECT gemeente || '|' || extract(year FROM maand) || '|' || sum(afgesloten) || '|' || sum(telt_mee) || '|' || sum(alleen) || '|'
                   || sum(betrokken) || '|' || sum(ingetrokken)
            FROM afgesloten_per_maand WHERE indeling = 'totaal' GROUP BY gemeente, extract(year FROM maand) ORDER BY 1
            """
        let uitRijen = """
            SELECT h.gemeente || '|' || extract(year FROM h.afgesloten_op) || '|' || count(*) || '|' || count(*) FILTER (WHERE u.telt_mee) || '|'
                   || count(*) FILTER (WHERE u.alleen_voorliggend_veld) || '|' || count(*) FILTER (WHERE u.voorliggend_veld_betrokken) || '|'
                   || count(*) FILTER (WHERE NOT u.telt_mee)
            FROM hulpvragen h JOIN uitkomsten u ON u.code = h.uitkomst
            GROUP BY h.gemeente, extract(year FROM h.afgesloten_op) ORDER BY 1
            """
        var tellingen: [Duration] = []
        var rijen: [Duration] = []
        var gelijk = true
        var regels = 0
        let clock = ContinuousClock()
        try await session.owner.withConnection { connection in
            try await connection.execute("SET statement_timeout = 0")
            for _ in 0..<rondes {
                let begin = clock.now
                let a = try await connection.query(uitTellingen) { row in try row.decode(0, as: String.self) }
                let midden = clock.now
                let b = try await connection.query(uitRijen) { row in try row.decode(0, as: String.self) }
                tellingen.append(midden - begin)
                rijen.append(clock.now - midden)
                gelijk = gelijk && a == b
                regels = a.count
            }
        }
        let a = Bench.percentile(tellingen, 0.5)
        let b = Bench.percentile(rijen, 0.5)
        print(
            """

            ## National overview: per gemeente and year, both percentages' counts (\(regels) rows), \(rondes) rounds alternating
            | way | median | min | max |
            |---|---|---|---|
            | from the monthly counts (afgesloten_per_maand) | \(Bench.ms(a)) | \(Bench.ms(tellingen.min()!)) | \(Bench.ms(tellingen.max()!)) |
            | plain GROUP BY over the rows | \(Bench.ms(b)) | \(Bench.ms(rijen.min()!)) | \(Bench.ms(rijen.max()!)) |
            Monthly counts \(String(format: "%.0f", b.milliseconds / max(a.milliseconds, 0.001)))x faster (medians); answers equal: \(gelijk ? "yes" : "NO")
            """
        )
    }

    // MARK: - Write cost

    /// Registering a hulpvraag (the service's INSERTs: the row and two leefgebieden), closing one as
    /// the service does it (HulpvraagStore.sluitAf: lock, read, checks, update, audit) and the bare
    /// UPDATE that closes it: each with the counting triggers on and off in alternating blocks.
    /// Afterwards what was written with them off is deleted as it was counted, so the counts stay
    /// those of the rows.
    func schrijfkosten(_ session: DatabaseSession, jaar: Int) async throws {
        let owner = session.owner
        let gemeente =
            try await owner.withConnection { connection in
                try await connection.queryOne("SELECT gemeente FROM bench_cijfers ORDER BY g OFFSET (SELECT count(*) / 2 FROM bench_cijfers) LIMIT 1")
                { row in
                    try row.decode(0, as: String.self)
                }
            } ?? ""
        let kernteam = "t1"
        let regisseur = "bench-\(gemeente.lowercased())-\(kernteam)"
        let blokken = 10
        let perBlok = max(1, schrijvingen / blokken / 2)
        let store = HulpvraagStore(pool: session.service)
        let scope = try await Self.scope(of: regisseur, service: session.service)
        // Open hulpvragen to close, registered (and counted) as the service would; in portions of 500,
        // since counting takes a lock per hulpvraag until the transaction ends.
        var ids: [UUID] = []
        while ids.count < perBlok * blokken * 4 {
            ids += try await session.service.withTransaction(in: scope) { connection in
                let portie = try await connection.query(
                    """
                    INSERT INTO hulpvragen (gemeente, initialen, regisseur, kernteam, kern, kanaal, ontvangen_op, duur)
                    SELECT (SELECT huidige_gemeente()), 'S.', $1, $2, 'k1', 'telefoon', $3, 'eenmalig' FROM generate_series(1, $4::int) RETURNING id
                    """,
                    [regisseur, kernteam, CalendarDate(year: jaar, month: 6, day: 1), min(500, perBlok * blokken * 4 - ids.count)]
                ) { row in
                    try row.decode(0, as: UUID.self)
                }
                try await connection.execute(
                    """
                    INSERT INTO hulpvraag_leefgebieden (gemeente, hulpvraag, leefgebied)
                    SELECT (SELECT huidige_gemeente()), id, l FROM unnest($1::uuid[]) id, unnest(ARRAY['financien', 'sociaal-netwerk']) l
                    """,
                    [portie]
                )
                return portie
            }
        }
        var nietGeteldGesloten: [UUID] = []
        var nietGeteldNieuw: [UUID] = []
        let afsluiting = Afsluiting(
            uitkomst: "opgelost-voorliggend-veld",
            onderdelen: [.vrijwilliger],
            zrmScores: [:],
            afgeslotenOp: CalendarDate(year: jaar, month: 9, day: 15),
            nazorgOp: nil
        )
        let clock = ContinuousClock()
        var metingen: [String: [Duration]] = [:]
        var volgende = 0
        let triggers = [
            "hulpvragen": [
                "hulpvraag_terugkeer", "hulpvraag_afgesloten_telt_nieuw", "hulpvraag_afgesloten_telt_wijziging",
                "hulpvraag_afgesloten_telt_verwijderd", "hulpvraag_ontvangen_telt_nieuw", "hulpvraag_ontvangen_telt_wijziging",
                "hulpvraag_ontvangen_telt_verwijderd",
            ],
            "hulpvraag_leefgebieden": ["hulpvraag_leefgebied_telt"],
        ]
        func tellen(_ aan: Bool, on connection: PostgresConnection, behalve: Set<String> = []) async throws {
            for (tabel, namen) in triggers {
                for naam in namen where !behalve.contains(naam) {
                    try await connection.execute("ALTER TABLE \(tabel) \(aan ? "ENABLE" : "DISABLE") TRIGGER \(naam)")
                }
            }
        }
        func tellen(_ aan: Bool) async throws {
            try await owner.withTransaction { connection in try await tellen(aan, on: connection) }
        }
        // What was written while not counted goes, as it was counted, and counting is on again:
        // closed while not counted (registered while counted) with only the intake counting on,
        // registered while not counted with no counting at all.
        func opruimen() async throws {
            try await owner.withTransaction { connection in
                try await connection.execute("SELECT set_config('voorveld.gemeente', $1, true)", [gemeente])
                try await tellen(false, on: connection, behalve: ["hulpvraag_ontvangen_telt_verwijderd"])
                try await connection.execute("DELETE FROM hulpvragen WHERE gemeente = $1 AND id = ANY($2)", [gemeente, nietGeteldGesloten])
                try await tellen(false, on: connection)
                try await connection.execute("DELETE FROM hulpvragen WHERE gemeente = $1 AND id = ANY($2)", [gemeente, nietGeteldNieuw])
                try await tellen(true, on: connection)
            }
        }
        do {
            for blok in 0..<(blokken * 2) {
                let aan = blok % 2 == 0
                try await tellen(aan)
                for nummer in 0..<perBlok {
                    let (een, twee) = (ids[volgende], ids[volgende + 1])
                    volgende += 2
                    var begin = clock.now
                    let nieuw = try await session.service.withTransaction(in: scope) { connection -> UUID in
                        guard
                            let id = try await connection.queryOne(
                                """
                                INSERT INTO hulpvragen (gemeente, dossierreferentie, initialen, regisseur, kernteam, kern, kanaal, ontvangen_op, duur)
                                VALUES ((SELECT huidige_gemeente()), $1, 'R.', $2, $3, 'k1', 'telefoon', $4, 'eenmalig') RETURNING id
                                """,
                                ["BENCH-\(blok)-\(nummer)", regisseur, kernteam, CalendarDate(year: jaar, month: 10, day: 1)],
                                decode: { row in try row.decode(0, as: UUID.self) }
                            )
                        else { throw CommandError("Registering a hulpvraag returned no id.") }
                        try await connection.execute(
                            """
                            INSERT INTO hulpvraag_leefgebieden (gemeente, hulpvraag, leefgebied)
                            SELECT (SELECT huidige_gemeente()), $1, unnest(ARRAY['financien', 'sociaal-netwerk'])
                            """,
                            [id]
                        )
                        return id
                    }
                    if !aan { nietGeteldNieuw.append(nieuw) }
                    metingen["registratie \(aan)", default: []].append(clock.now - begin)
                    begin = clock.now
                    let uitkomst = try await store.sluitAf(
                        een,
                        versie: 1,
                        in: scope,
                        audit: AuditRegel(
                            gebruiker: regisseur,
                            rol: .kernteamlid,
                            actie: "hulpvraag-afsluiten",
                            objectType: "hulpvraag",
                            objectId: een.uuidString.lowercased(),
                            doel: "benchmark",
                            resultaat: .toegestaan
                        )
                    ) { _, _ in afsluiting }
                    guard case .gewijzigd = uitkomst else { throw CommandError("Closing \(een) did not succeed: \(uitkomst)") }
                    metingen["sluitAf \(aan)", default: []].append(clock.now - begin)
                    begin = clock.now
                    try await session.service.withTransaction(in: scope) { connection in
                        try await connection.execute(
                            """
                            UPDATE hulpvragen SET status = 'afgesloten', uitkomst = 'opgelost-voorliggend-veld', afgesloten_op = $2, versie = versie + 1
                            WHERE gemeente = (SELECT huidige_gemeente()) AND id = $1
                            """,
                            [twee, afsluiting.afgeslotenOp]
                        )
                    }
                    metingen["update \(aan)", default: []].append(clock.now - begin)
                    if !aan { nietGeteldGesloten += [een, twee] }
                }
            }
        } catch {
            try? await opruimen()
            throw error
        }
        try await opruimen()
        func regel(_ naam: String, _ soort: String) -> String {
            let met = metingen["\(soort) true"] ?? []
            let zonder = metingen["\(soort) false"] ?? []
            let ratio = Bench.percentile(met, 0.5).milliseconds / max(Bench.percentile(zonder, 0.5).milliseconds, 0.001)
            return "| \(naam) | \(Bench.ms(Bench.percentile(met, 0.5))) / \(Bench.ms(Bench.percentile(met, 0.95))) | "
                + "\(Bench.ms(Bench.percentile(zonder, 0.5))) / \(Bench.ms(Bench.percentile(zonder, 0.95))) | \(String(format: "%.2f", ratio))x |"
        }
        print(
            """

            ## Write cost of keeping the monthly counts (\(gemeente), \(perBlok * blokken) writes per kind and way, \(blokken * 2) alternating blocks)
            | write | with counts p50 / p95 | without p50 / p95 | ratio (p50) |
            |---|---|---|---|
            \(regel("registering a hulpvraag with two leefgebieden (the service's INSERTs)", "registratie"))
            \(regel("closing as the service does it (HulpvraagStore.sluitAf, with audit)", "sluitAf"))
            \(regel("the bare UPDATE that closes it", "update"))
            """
        )
    }

    // MARK: - Helpers

    static func inTransaction(_ pool: ConnectionPool, _ sql: String, _ binds: [any PostgresEncodable] = []) async throws {
        try await pool.withTransaction { connection in
            try await connection.execute("SET LOCAL statement_timeout = 0")
            if binds.isEmpty {
                try await connection.executeScript(sql)
            } else {
                try await connection.execute(sql, binds)
            }
        }
    }
}
