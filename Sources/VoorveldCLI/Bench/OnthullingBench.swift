import ArgumentParser
import CalendarDate
import Foundation
import Logging
import Postgres
import Voorveld
import VoorveldStore

/// `voorveld bench onthulling`: what disclosure control leaves of the wethouder's figures, before
/// and after issue 15 (cell-key perturbation in place of hiding small counts, secondary
/// suppression and rounding to 5). For the demo data and for national data (made as `bench
/// cijfers` makes it, smaller by default) it reads every gemeente's exact counts once, for every
/// whole period the wethouder can ask of one year, releases them both ways, and reports per data
/// set what share of the cells is shown and how far the shown values are from the truth, for the
/// small gemeenten and for all; and what applying each method costs in Swift.
struct OnthullingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onthulling",
        abstract: "Compare the wethouder's figures under the old and the new disclosure control, on the demo data and on national data.",
        discussion: """
            The national data set is made by `bench cijfers`'s own generator, smaller by default (1,000,000 closed
            hulpvragen over 340 gemeenten and 2 years: about 1 GB of disk and a minute or two to make); with
            --data-dir it is made once and reused, also a folder `bench cijfers` made. The demo data (seed-data/)
            is in every new embedded database; it is loaded when it is missing. Every gemeente is measured
            unless --monsters says otherwise.
            """
    )

    @Option(help: "Closed hulpvragen in the national data set.") var hulpvragen = 1_000_000
    @Option(help: "Gemeenten in the national data set.") var gemeenten = 340
    @Option(help: "Years of history in the national data set, up to the end of last year.") var jaren = 2
    @Option(help: "National gemeenten measured: this many at random, and the smallest and the largest; 0: every one.") var monsters = 0
    @Option(help: "Runs of each method on every gemeente's dashboard of the year, for the timing.") var herhalingen = 20
    @Option(help: ArgumentHelp("Folder with the seed CSV files (default: ./seed-data, or the one beside the program).", valueName: "path"))
    var seedDir: String?
    @OptionGroup var folder: BenchFolder

    func validate() throws {
        guard hulpvragen > 0, gemeenten > 0, jaren > 0 else { throw ValidationError("--hulpvragen, --gemeenten and --jaren must be at least 1.") }
        guard monsters >= 0 else { throw ValidationError("--monsters must be 0 (every gemeente) or more.") }
        guard herhalingen > 0 else { throw ValidationError("--herhalingen must be at least 1.") }
    }

    func run() async throws {
        LoggingBootstrap.run(level: .warning)
        let logger = Logger(label: "voorveld.bench")
        let title = "# voorveld bench onthulling: the wethouder's figures before and after cell-key perturbation (issue 15)"
        let settings = [
            "shared_buffers": "1GB", "work_mem": "64MB", "maintenance_work_mem": "512MB", "max_wal_size": "8GB",
            "checkpoint_timeout": "30min",
        ]
        try await folder.withSession(title: title, maxConnections: 4, serverSettings: settings, logger: logger) { session, options, _ in
            let demo = try await demoWethouders(session, options: options, logger: logger)
            let landelijk = try await landelijkeGemeenten(session)
            print(Self.uitleg)
            let demoUitslag = try await meet("Demo data (seed-data/)", demo.codes, session: session) { code in
                guard let scope = demo.scopes[code] else { throw CommandError("No wethouder scope for demo gemeente \(code).") }
                return scope
            }
            print(Self.verslag(demoUitslag, herhalingen: herhalingen))
            let naam = "National data (`bench cijfers`'s generator; \(landelijk.beschrijving))"
            let landelijkeUitslag = try await meet(naam, landelijk.codes, session: session) { code in
                try await CijfersBench.scope(of: "bench-\(code.lowercased())-wethouder", service: session.service)
            }
            print(Self.verslag(landelijkeUitslag, herhalingen: herhalingen))
        }
    }

    static let uitleg = """

        What was measured. For every gemeente, every whole period the wethouder can ask of one year (each month,
        each quarter and the calendar year, `Cijferperiode`), the figures as the API and the dashboard give them:
        the voorliggend-veld table for each of the 9 groupings (`CijfersStore.indelingen`) and the monitoring
        tables (intake per kernteam per month, leefgebieden per kern, kanalen, jeugd, huisbezoeken, nazorg,
        terugkeer). The exact counts are read once, in one snapshot per gemeente in the wethouder's scope
        (`CijfersStore`'s readers, under row-level security), and released from the same counts both ways:
        - before (the method until issue 15, re-implemented in this bench as `VorigeOnthulling`): counts under
          5 hidden, secondary suppression down every column and along every row and line of totals, the rest
          rounded to 5; percentages from the exact counts in whole percents, from a denominator of 10, and not
          when the count or its complement is under 5;
        - after (`Onthulling()`): every count with the fixed noise of its cell key (at most 3 either way),
          hidden when the count is 0 or the noisy count under 5, a part never shown above its whole;
          percentages from the shown counts, from a shown denominator of 10.
        A cell is one count or percentage on the page: every row of every table with its totals; the total of
        the whole period once (not again under every grouping), and the kanalen's and jeugd's "van" not at all
        (it is the intake total, already counted). Deviation is |shown - true| over the shown cells: counts in
        hulpvragen, percentages in percentage points against the exact (unrounded) percentage; a percentage
        is a cell when its true denominator is not 0. Cells whose true count is 0 are counted apart (zero
        cells). "Smallest quarter": the quarter of the gemeenten with the fewest hulpvragen received in the year.
        """

    // MARK: - Data

    /// The gemeenten of the demo data that have hulpvragen, each with a wethouder's scope: the demo
    /// wethouder's (demo-gebruikers.csv) where there is one, else a wethouder made for the bench.
    private func demoWethouders(
        _ session: DatabaseSession,
        options: DatabaseOptions,
        logger: Logger
    ) async throws
        -> (codes: [String], scopes: [String: AccessScope])
    {
        let map = try Resources.directory("seed-data", given: seedDir)
        let codes = try CSVTable(String(contentsOfFile: map + "/gemeenten.csv", encoding: .utf8), requiredColumns: ["code"]).rows
            .map { $0["code"] }.filter { !$0.isEmpty }
        func aantallen() async throws -> [String: Int] {
            let rijen = try await session.owner.withConnection { connection in
                try await connection.query("SELECT gemeente, count(*)::int FROM hulpvragen WHERE gemeente = ANY($1) GROUP BY gemeente", [codes]) {
                    row in
                    (try row.decode(0, as: String.self), try row.decode(1, as: Int.self))
                }
            }
            return Dictionary(rijen, uniquingKeysWith: +)
        }
        var aantal = try await aantallen()
        if aantal.values.allSatisfy({ $0 == 0 }) {
            print("  loading the demo data from \(map)...")
            try await SeedLoader(directory: map, hasher: options.hasher, logger: logger).load(into: session.owner, demoUsers: true)
            aantal = try await aantallen()
        }
        var tokens: [String: String] = [:]
        if let tekst = try? String(contentsOfFile: map + "/demo-gebruikers.csv", encoding: .utf8),
            let tabel = try? CSVTable(tekst, requiredColumns: ["gemeente", "rollen", "token"])
        {
            for rij in tabel.rows where rij.list("rollen").contains(Rol.wethouder.rawValue) && tokens[rij["gemeente"]] == nil {
                tokens[rij["gemeente"]] = rij["token"]
            }
        }
        let auth = AuthStore(pool: session.service)
        let users = UserStore(pool: session.owner, hasher: options.hasher)
        var gekozen: [String] = []
        var scopes: [String: AccessScope] = [:]
        for code in codes where (aantal[code] ?? 0) > 0 {
            gekozen.append(code)
            if let token = tokens[code], let gebruiker = try await auth.gebruiker(token: token), gebruiker.rollen.contains(.wethouder) {
                scopes[code] = AccessScope(gebruiker)
                continue
            }
            // No demo wethouder here (Twenterand has none): one for the bench, with a token of a day.
            let naam = "bench-\(code.lowercased())-wethouder"
            if try await users.gemeente(of: naam) == nil {
                try await users.add(
                    UserStore.NieuweGebruiker(naam: naam, weergavenaam: "Wethouder (benchmark)", gemeente: code, rollen: [.wethouder])
                )
            }
            let token = try await users.createToken(naam: naam, geldig: .days(1), omschrijving: "benchmark")
            scopes[code] = try await BenchData.scope(token: token, service: session.service)
        }
        guard !gekozen.isEmpty else { throw CommandError("The demo data (\(map)) has no hulpvragen in this database.") }
        print("demo data: \(gekozen.count) gemeente(n) with hulpvragen: " + gekozen.map { "\($0) (\(aantal[$0] ?? 0))" }.joined(separator: ", "))
        return (gekozen, scopes)
    }

    /// The national data set, made (or reused) by `bench cijfers`'s own code, and the gemeenten to
    /// measure: every one, or `monsters` at random with the smallest and the largest.
    private func landelijkeGemeenten(_ session: DatabaseSession) async throws -> (codes: [String], beschrijving: String) {
        let jaar = CalendarDate.vandaag().year - 1
        let cijfers = try CijfersBench.parse(["--hulpvragen", "\(hulpvragen)", "--gemeenten", "\(gemeenten)", "--jaren", "\(jaren)"])
        try await cijfers.prepareData(session, eersteJaar: jaar - jaren + 1, laatsteJaar: jaar)
        return try await session.owner.withConnection { connection -> (codes: [String], beschrijving: String) in
            // A reused folder may be older than its wethouders' tokens (30 days): renew the bench's own.
            try await connection.execute(
                """
                UPDATE api_tokens SET verloopt_op = now() + interval '30 days'
                WHERE gemeente LIKE 'GM8%' AND omschrijving = 'benchmark' AND ingetrokken_op IS NULL AND verloopt_op < now() + interval '1 day'
                """
            )
            // Every gemeente, smallest first (by its hulpvragen over all years).
            let alle = try await connection.query("SELECT gemeente, n FROM bench_cijfers ORDER BY n, g") { row in
                (try row.decode(0, as: String.self), try row.decode(1, as: Int.self))
            }
            guard let kleinste = alle.first, let grootste = alle.last else { throw CommandError("The national data set has no gemeenten.") }
            let totaal = alle.reduce(0) { $0 + $1.1 }
            let beschrijving = "\(totaal) hulpvragen over \(alle.count) gemeenten, from \(kleinste.1) to \(grootste.1) each"
            guard monsters > 0, monsters + 2 < alle.count else { return (alle.map { $0.0 }, beschrijving) }
            var generator = SystemRandomNumberGenerator()
            let midden = alle.dropFirst().dropLast().shuffled(using: &generator).prefix(monsters).map { $0.0 }
            return ([kleinste.0] + midden + [grootste.0], beschrijving + "; \(monsters) at random, the smallest and the largest measured")
        }
    }

    /// The last year with hulpvragen received or closed in `codes`, at most the current one.
    private static func laatsteJaar(_ codes: [String], session: DatabaseSession) async throws -> Int {
        let laatste = try await session.owner.withConnection { connection in
            try await connection.queryOne(
                """
                SELECT greatest((SELECT max(maand) FROM ontvangen_per_maand WHERE gemeente = ANY($1)),
                                (SELECT max(maand) FROM afgesloten_per_maand WHERE gemeente = ANY($1)))
                """,
                [codes]
            ) { row in try row.decode(0, as: CalendarDate?.self) }
        }
        guard let dag = laatste ?? nil else { throw CommandError("No hulpvragen to measure in \(codes.prefix(5).joined(separator: ", ")).") }
        return min(dag.year, CalendarDate.vandaag().year)
    }

    /// Every whole period the wethouder can ask of `jaar`: its months, quarters and the year (of the
    /// current year: those begun by today).
    private static func periodes(_ jaar: Int) -> [Cijferperiode] {
        Cijferperiode.keuzes(tot: min(CalendarDate.vandaag(), Cijferperiode.jaar(jaar).tot), jaren: 1)
    }

    /// The months from `van` to `tot`, as `2026-11`, oldest first: the intake table's columns (as
    /// `CijfersService.maanden` makes them).
    private static func maanden(van: CalendarDate, tot: CalendarDate) -> [String] {
        let eerste = van.year * 12 + van.month - 1
        let laatste = tot.year * 12 + tot.month - 1
        guard laatste >= eerste else { return [] }
        return (eerste...laatste).map { String(format: "%04d-%02d", $0 / 12, $0 % 12 + 1) }
    }

    /// The exact counts of every period's dashboard, read in the caller's snapshot with the
    /// service's own readers; and how long the year's took.
    private static func lees(
        _ periodes: [Cijferperiode],
        in scope: AccessScope,
        on connection: PostgresConnection,
        clock: ContinuousClock
    ) async throws
        -> Gelezen
    {
        var gelezen = Gelezen()
        for periode in periodes {
            let begin = clock.now
            var indelingen: [Indeling] = []
            for per in CijfersStore.indelingen {
                let tellingen = try await CijfersStore.voorliggendVeld(van: periode.van, tot: periode.tot, per: per, in: scope, on: connection)
                indelingen.append(Indeling(per: per, tellingen: tellingen))
            }
            let monitoring = try await CijfersStore.monitoring(van: periode.van, tot: periode.tot, in: scope, on: connection)
            if Periodesoort(periode) == .jaar { gelezen.jaarLezen = clock.now - begin }
            gelezen.dashboards.append(
                Dashboardgegevens(
                    periode: periode,
                    maanden: maanden(van: periode.van, tot: periode.tot),
                    indelingen: indelingen,
                    monitoring: monitoring
                )
            )
        }
        return gelezen
    }

    // MARK: - Measuring

    /// Reads, releases both ways and compares every dashboard of every gemeente in `codes`, and times
    /// the methods on each gemeente's dashboard of the year.
    private func meet(
        _ naam: String,
        _ codes: [String],
        session: DatabaseSession,
        scope: (String) async throws -> AccessScope
    ) async throws -> Uitslag {
        let jaar = try await Self.laatsteJaar(codes, session: session)
        let periodes = Self.periodes(jaar)
        var uitslag = Uitslag(naam: naam, jaar: jaar, periodes: periodes)
        let onthulling = Onthulling()
        let clock = ContinuousClock()
        let begonnen = clock.now
        for (nummer, code) in codes.enumerated() {
            let bereik = try await scope(code)
            let gelezen = try await session.service.withTransaction(in: bereik, .repeatableReadReadOnly) { connection in
                try await Self.lees(periodes, in: bereik, on: connection, clock: clock)
            }
            var vakken: [Vak: Afwijking] = [:]
            var jaarmeting: Jaarmeting?
            for dashboard in gelezen.dashboards {
                let waar = VorigeOnthulling(exact: true).weergave(dashboard)
                let voor = VorigeOnthulling().weergave(dashboard)
                let exact = Vrijgave(dashboard, nil)
                let na = Vrijgave(dashboard, onthulling)
                let exactWeergave = Weergave(exact)
                let naWeergave = Weergave(na)
                for (wie, weergave) in [("before", voor), ("the new types without disclosure control", exactWeergave), ("after", naWeergave)]
                where !weergave.zelfdeVorm(als: waar) {
                    throw CommandError(
                        """
                        \(code) \(dashboard.periode.code): \(wie) gives \(weergave.aantallen.count) counts and \(weergave.percentages.count) percentages, \
                        the exact counts \(waar.aantallen.count) and \(waar.percentages.count): this bench reads the tables wrongly.
                        """
                    )
                }
                if !exactWeergave.zelfdeWaarden(als: waar) { uitslag.verschillen += 1 }
                let soort = Periodesoort(dashboard.periode)
                Afwijking.tel(waar, voor, .voor, soort, in: &vakken)
                Afwijking.tel(waar, naWeergave, .na, soort, in: &vakken)
                uitslag.dashboards += 1
                if dashboard.periode == .jaar(jaar) { jaarmeting = Jaarmeting(dashboard: dashboard, exact: exact, na: na, voor: voor) }
            }
            // The dashboard of the year, each method `herhalingen` times in turn (each ran once above).
            var tijden: Tijden?
            var grootte = 0
            var afgesloten = 0
            if let meting = jaarmeting {
                grootte = meting.dashboard.monitoring.instroom.reduce(0) { som, groep in som + groep.aantal.aantal }
                afgesloten = meting.dashboard.indelingen.first(where: { $0.per == "totaal" })?.tellingen.totaal.afgesloten.aantal ?? 0
                var exact: [Duration] = []
                var na: [Duration] = []
                var voor: [Duration] = []
                for _ in 0..<herhalingen {
                    var begin = clock.now
                    let e = Vrijgave(meting.dashboard, nil)
                    exact.append(clock.now - begin)
                    begin = clock.now
                    let v = VorigeOnthulling().weergave(meting.dashboard)
                    voor.append(clock.now - begin)
                    begin = clock.now
                    let n = Vrijgave(meting.dashboard, onthulling)
                    na.append(clock.now - begin)
                    if e != meting.exact || v != meting.voor || n != meting.na { uitslag.nietHerhaalbaar += 1 }
                }
                tijden = Tijden(
                    exact: Bench.percentile(exact, 0.5),
                    na: Bench.percentile(na, 0.5),
                    voor: Bench.percentile(voor, 0.5),
                    lezen: gelezen.jaarLezen ?? .zero
                )
            }
            uitslag.gemeenten.append(Gemeenteuitslag(code: code, grootte: grootte, afgesloten: afgesloten, vakken: vakken, tijden: tijden))
            if codes.count >= 20, (nummer + 1) % 50 == 0 || nummer + 1 == codes.count {
                print("  measured \(nummer + 1) of \(codes.count) gemeenten (\(Bench.format(clock.now - begonnen)))")
            }
        }
        return uitslag
    }

    // MARK: - Report

    /// The Markdown tables of one data set.
    private static func verslag(_ uitslag: Uitslag, herhalingen: Int) -> String {
        let alle = uitslag.gemeenten
        let klein = uitslag.klein
        let perSoort = Dictionary(grouping: uitslag.periodes, by: { Periodesoort($0) }).mapValues { $0.count }
        let periodes = Periodesoort.allCases.compactMap { soort in perSoort[soort].map { "\($0) \(soort.naam($0))" } }.joined(separator: ", ")
        let grootten = alle.map { $0.grootte }
        let gesloten = alle.map { $0.afgesloten }
        let kleinNaam = "smallest quarter (\(klein.count))"
        let groepen: [(String, [Gemeenteuitslag])] = [(kleinNaam, klein), ("all (\(alle.count))", alle)]
        var regels: [String] = []
        regels.append(
            """

            ## \(uitslag.naam): \(alle.count) gemeenten, \(uitslag.jaar) (\(periodes): \(uitslag.dashboards) dashboards)
            Hulpvragen received in \(uitslag.jaar) per gemeente: \(grootten.min() ?? 0) to \(grootten.max() ?? 0) (closed: \
            \(gesloten.min() ?? 0) to \(gesloten.max() ?? 0)); the smallest quarter up to \(klein.last?.grootte ?? 0) received.
            | figures | gemeenten | method | cells (true count not 0) | shown | shown exactly | mean deviation | max deviation | zero cells shown as 0 |
            |---|---|---|---|---|---|---|---|---|
            """
        )
        for percentage in [false, true] {
            for (groepnaam, groep) in groepen {
                for methode in Methode.allCases {
                    let a = Afwijking.samen(groep, Vak(percentage: percentage, methode: methode, soort: nil, periode: nil))
                    let nullen = percentage ? "–" : "\(a.nullenAlsNul) of \(a.nullen)"
                    regels.append(
                        "| \(percentage ? "percentages" : "counts") | \(groepnaam) | \(methode.naam) | \(a.cellen) | \(a.getoondTekst) | "
                            + "\(percentage ? "–" : a.exactTekst) | \(a.gemiddeldeTekst(percentage: percentage)) | \(a.grootsteTekst(percentage: percentage)) | \(nullen) |"
                    )
                }
            }
        }
        regels.append(
            """

            By figure and period: share shown / mean deviation (counts in hulpvragen, percentages in points).
            | figure | period | \(kleinNaam), before | \(kleinNaam), after | all, before | all, after |
            |---|---|---|---|---|---|
            """
        )
        for percentage in [false, true] {
            for soort in Figuursoort.allCases where !percentage || soort.heeftPercentages {
                for periode in Periodesoort.allCases where perSoort[periode] != nil {
                    let vakken = groepen.flatMap { _, groep in
                        Methode.allCases.map { methode in
                            Afwijking.samen(groep, Vak(percentage: percentage, methode: methode, soort: soort, periode: periode))
                        }
                    }
                    regels.append(
                        "| \(soort.naam(percentage: percentage)) | \(periode.naam(2)) | "
                            + vakken.map { "\($0.getoondTekst) / \($0.gemiddeldeTekst(percentage: percentage))" }.joined(separator: " | ") + " |"
                    )
                }
            }
        }
        // Before, 0 was shown as 0; after, 0 is hidden like a small count (an empty cell tells as much).
        let nulcellen = Methode.allCases.map { methode -> String in
            let a = Afwijking.samen(alle, Vak(percentage: false, methode: methode, soort: nil, periode: nil))
            return methode == .voor
                ? "before every one shown as 0: \(a.nullenAlsNul == a.nullen ? "yes" : "NO, \(a.nullen - a.nullenAlsNul) not")"
                : "after none shown as 0: \(a.nullenAlsNul == 0 ? "yes" : "NO, \(a.nullenAlsNul) shown")"
        }.joined(separator: ", ")
        regels.append(
            """

            Checks: the new types without disclosure control give exactly the counts read (and their percentages) in every dashboard: \
            \(uitslag.verschillen == 0 ? "yes" : "NO, \(uitslag.verschillen) dashboards differ"); every method gave the same release on every \
            run: \(uitslag.nietHerhaalbaar == 0 ? "yes" : "NO, \(uitslag.nietHerhaalbaar) runs differ"); zero cells: \(nulcellen).
            """
        )
        regels.append(tijdtabel(uitslag, herhalingen: herhalingen))
        return regels.joined(separator: "\n")
    }

    /// What applying each method costs, per gemeente's dashboard of the year.
    private static func tijdtabel(_ uitslag: Uitslag, herhalingen: Int) -> String {
        let gemeten: [(Gemeenteuitslag, Tijden)] = uitslag.gemeenten.compactMap { gemeente in gemeente.tijden.map { (gemeente, $0) } }
        guard let grootste = gemeten.max(by: { ($0.0.grootte, $0.0.code) < ($1.0.grootte, $1.0.code) }) else {
            return "\n(No gemeente had its year among the periods: nothing timed.)"
        }
        func ms(_ d: Duration) -> String { String(format: "%.3f ms", d.milliseconds) }
        func regel(_ naam: String, _ tijd: (Tijden) -> Duration) -> String {
            let tijden = gemeten.map { tijd($0.1) }
            return "| \(naam) | \(ms(Bench.percentile(tijden, 0.5))) | \(ms(Bench.percentile(tijden, 0.95))) | \(ms(tijden.max() ?? .zero)) | "
                + "\(ms(tijd(grootste.1))) |"
        }
        let exact = Bench.percentile(gemeten.map { $0.1.exact }, 0.5)
        let na = Bench.percentile(gemeten.map { $0.1.na }, 0.5)
        let lezen = Bench.percentile(gemeten.map { $0.1.lezen }, 0.5)
        let rijen = [
            regel("exact: the same types without disclosure control") { $0.exact },
            regel("after: `Onthulling()`, cell keys") { $0.na },
            regel("before: `VorigeOnthulling`, this bench's copy of the old method (into flat lists, not the API's types)") { $0.voor },
            regel("for scale: reading the same exact counts (PostgreSQL, in the snapshot)") { $0.lezen },
        ].joined(separator: "\n")
        let aandeel = String(format: "%.2f%%", (na - exact).milliseconds / max(lezen.milliseconds, 0.001) * 100)
        return """

            Applying the method in Swift to a gemeente's dashboard of \(uitslag.jaar) (the 9 groupings and the monitoring tables), the median \
            of \(herhalingen) runs per gemeente, over \(gemeten.count) gemeenten.
            | release | p50 | p95 | max | largest gemeente (\(grootste.0.code), \(grootste.0.grootte) received) |
            |---|---|---|---|---|
            \(rijen)
            After minus exact, at the median: \(ms(na - exact)), \(aandeel) of reading the counts.
            """
    }
}

// MARK: - What is read and released

/// One grouping's counts, as `CijfersStore.voorliggendVeld` reads them.
private struct Indeling: Sendable {
    var per: String
    var tellingen: CijfersStore.Tellingen
}

/// The exact counts behind one period's dashboard: every grouping and the monitoring tables.
private struct Dashboardgegevens: Sendable {
    var periode: Cijferperiode
    /// The intake table's columns.
    var maanden: [String]
    var indelingen: [Indeling]
    var monitoring: CijfersStore.Monitoringgegevens
}

/// A gemeente's dashboards, read in one snapshot.
private struct Gelezen: Sendable {
    var dashboards: [Dashboardgegevens] = []
    /// How long the year's dashboard took to read.
    var jaarLezen: Duration?
}

/// One dashboard as the service releases it (`CijfersService` makes the same calls).
private struct Vrijgave: Equatable, Sendable {
    var voorliggendVeld: [VoorliggendVeldCijfers]
    var monitoring: Monitoring

    init(_ dashboard: Dashboardgegevens, _ onthulling: Onthulling?) {
        let van = dashboard.periode.van.description
        let tot = dashboard.periode.tot.description
        voorliggendVeld = dashboard.indelingen.map { indeling in
            VoorliggendVeldCijfers(
                per: indeling.per,
                van: van,
                tot: tot,
                tellingen: indeling.tellingen.tellingen,
                totaal: indeling.tellingen.totaal,
                onthulling: onthulling
            )
        }
        let g = dashboard.monitoring
        monitoring = Monitoring(
            van: van,
            tot: tot,
            maanden: dashboard.maanden,
            kernteams: g.kernteams,
            kernen: g.kernen,
            leefgebieden: g.leefgebieden,
            instroom: g.instroom,
            perLeefgebied: g.perLeefgebied,
            nazorg: g.nazorg,
            onthulling: onthulling
        )
    }
}

/// The kinds of figure on the dashboard, to split the comparison by.
private enum Figuursoort: CaseIterable, Sendable {
    case voorliggendVeld, instroom, leefgebieden, overig

    var heeftPercentages: Bool { self == .voorliggendVeld || self == .overig }

    func naam(percentage: Bool) -> String {
        switch (self, percentage) {
        case (.voorliggendVeld, false): "voorliggend veld, 9 groupings: afgesloten, ingetrokken, denominator, both numerators"
        case (.voorliggendVeld, true): "voorliggend veld, 9 groupings: (a) alleen and (b) betrokken"
        case (.instroom, _): "intake per kernteam per month, with its totals"
        case (.leefgebieden, _): "leefgebieden per kern, with its totals"
        case (.overig, false): "kanalen, jeugd, huisbezoeken, nazorg (asked and still solved), terugkeer"
        case (.overig, true): "shares of the kanalen, jeugd, still solved at nazorg"
        }
    }
}

private enum Periodesoort: CaseIterable, Hashable, Sendable {
    case maand, kwartaal, jaar

    init(_ periode: Cijferperiode) {
        switch periode {
        case .maand: self = .maand
        case .kwartaal: self = .kwartaal
        case .jaar: self = .jaar
        }
    }

    func naam(_ aantal: Int) -> String {
        switch self {
        case .maand: aantal == 1 ? "month" : "months"
        case .kwartaal: aantal == 1 ? "quarter" : "quarters"
        case .jaar: aantal == 1 ? "year" : "years"
        }
    }
}

private enum Methode: CaseIterable, Sendable {
    case voor, na

    var naam: String {
        switch self {
        case .voor: "before: < 5 hidden, secondary suppression, rounded to 5"
        case .na: "after: cell-key noise, noisy < 5 hidden"
        }
    }
}

/// A dashboard's cells in one order for every method: its counts and its percentages, each with
/// its kind; nil is a cell not shown.
private struct Weergave: Equatable, Sendable {
    var aantallen: [Int?] = []
    var aantalSoorten: [Figuursoort] = []
    var percentages: [Double?] = []
    var percentageSoorten: [Figuursoort] = []

    init() {}

    /// The cells of the service's own release, in the order `VorigeOnthulling.weergave` gives them.
    init(_ vrijgave: Vrijgave) {
        for cijfers in vrijgave.voorliggendVeld {
            for rij in cijfers.rijen + (cijfers.per == "totaal" ? [cijfers.totaal] : []) {
                let alleen = rij.alleenVoorliggendVeld
                let betrokken = rij.voorliggendVeldBetrokken
                voegAantallen(
                    .voorliggendVeld,
                    [rij.afgesloten.waarde, rij.ingetrokken.waarde, alleen.noemer.waarde, alleen.teller.waarde, betrokken.teller.waarde]
                )
                voegPercentages(.voorliggendVeld, [alleen.percentage, betrokken.percentage])
            }
        }
        let m = vrijgave.monitoring
        voegKruistabel(.instroom, m.instroomPerKernteamPerMaand)
        voegKruistabel(.leefgebieden, m.leefgebiedenPerKern)
        let kanalen: [Aandeel?] = Kanaal.allCases.map { m.kanalen[$0.rawValue] }
        let kanaalAantallen: [Int?] = kanalen.map { $0?.aantal.waarde }
        let overig: [Int?] = [
            m.jeugd.aantal.waarde, m.gezamenlijkeHuisbezoeken.waarde, m.nogOpgelostBijNazorg.aantal.waarde,
            m.nogOpgelostBijNazorg.van.waarde, m.terugkeer.waarde,
        ]
        voegAantallen(.overig, kanaalAantallen + overig)
        let kanaalPercentages: [Double?] = kanalen.map { $0?.percentage }
        let overigePercentages: [Double?] = [m.jeugd.percentage, m.nogOpgelostBijNazorg.percentage]
        voegPercentages(.overig, kanaalPercentages + overigePercentages)
    }

    mutating func voegAantallen(_ soort: Figuursoort, _ waarden: [Int?]) {
        aantallen += waarden
        aantalSoorten += Array(repeating: soort, count: waarden.count)
    }

    mutating func voegPercentages(_ soort: Figuursoort, _ waarden: [Double?]) {
        percentages += waarden
        percentageSoorten += Array(repeating: soort, count: waarden.count)
    }

    /// Cells, then row totals, column totals and the total.
    mutating func voegKruistabel(_ soort: Figuursoort, _ tabel: Kruistabel) {
        let cellen: [Int?] = tabel.cellen.flatMap { rij in rij.map { $0.waarde } }
        let rijtotalen: [Int?] = tabel.rijtotalen.map { $0.waarde }
        let kolomtotalen: [Int?] = tabel.kolomtotalen.map { $0.waarde }
        let totaal: Int? = tabel.totaal.waarde
        voegAantallen(soort, cellen + rijtotalen + kolomtotalen + [totaal])
    }

    func zelfdeVorm(als ander: Weergave) -> Bool {
        aantalSoorten == ander.aantalSoorten && percentageSoorten == ander.percentageSoorten
            && aantallen.count == ander.aantallen.count && percentages.count == ander.percentages.count
    }

    /// The same counts, and percentages equal to within their rounding to one decimal.
    func zelfdeWaarden(als ander: Weergave) -> Bool {
        guard aantallen == ander.aantallen, percentages.count == ander.percentages.count else { return false }
        return zip(percentages, ander.percentages).allSatisfy { een, twee in
            switch (een, twee) {
            case (nil, nil): return true
            case let (een?, twee?): return abs(een - twee) <= 0.0501
            default: return false
            }
        }
    }
}

// MARK: - Comparing

/// Which cells a tally is of: counts or percentages, one method, and all kinds and periods (nil)
/// or one of each.
private struct Vak: Hashable, Sendable {
    var percentage: Bool
    var methode: Methode
    var soort: Figuursoort?
    var periode: Periodesoort?
}

/// How a method's shown cells compare with the truth.
private struct Afwijking: Sendable {
    /// Cells whose true value is not 0 (counts) or has a denominator (percentages).
    var cellen = 0
    var getoond = 0
    var exact = 0
    var som = 0.0
    var grootste = 0.0
    /// Count cells whose true count is 0, and of them those shown as 0.
    var nullen = 0
    var nullenAlsNul = 0

    mutating func tel(waar: Double, getoond waarde: Double?, nulcel: Bool) {
        if nulcel {
            nullen += 1
            if waarde == 0 { nullenAlsNul += 1 }
            return
        }
        cellen += 1
        guard let waarde else { return }
        getoond += 1
        let afwijking = abs(waarde - waar)
        som += afwijking
        grootste = max(grootste, afwijking)
        if afwijking == 0 { exact += 1 }
    }

    mutating func voegToe(_ ander: Afwijking) {
        cellen += ander.cellen
        getoond += ander.getoond
        exact += ander.exact
        som += ander.som
        grootste = max(grootste, ander.grootste)
        nullen += ander.nullen
        nullenAlsNul += ander.nullenAlsNul
    }

    static func samen(_ uitslagen: [Gemeenteuitslag], _ vak: Vak) -> Afwijking {
        uitslagen.reduce(into: Afwijking()) { samen, uitslag in samen.voegToe(uitslag.vakken[vak] ?? Afwijking()) }
    }

    /// Tallies every cell of `getoond` against `waar` (the same dashboard's exact cells).
    static func tel(_ waar: Weergave, _ getoond: Weergave, _ methode: Methode, _ periode: Periodesoort, in vakken: inout [Vak: Afwijking]) {
        let alleAantallen = Vak(percentage: false, methode: methode, soort: nil, periode: nil)
        for index in waar.aantallen.indices where index < getoond.aantallen.count {
            guard let echt = waar.aantallen[index] else { continue }
            let waarde = getoond.aantallen[index].map { Double($0) }
            vakken[alleAantallen, default: Afwijking()].tel(waar: Double(echt), getoond: waarde, nulcel: echt == 0)
            vakken[Vak(percentage: false, methode: methode, soort: waar.aantalSoorten[index], periode: periode), default: Afwijking()]
                .tel(waar: Double(echt), getoond: waarde, nulcel: echt == 0)
        }
        let allePercentages = Vak(percentage: true, methode: methode, soort: nil, periode: nil)
        for index in waar.percentages.indices where index < getoond.percentages.count {
            guard let echt = waar.percentages[index] else { continue }  // a denominator of 0: no percentage to show
            let waarde = getoond.percentages[index]
            vakken[allePercentages, default: Afwijking()].tel(waar: echt, getoond: waarde, nulcel: false)
            vakken[Vak(percentage: true, methode: methode, soort: waar.percentageSoorten[index], periode: periode), default: Afwijking()]
                .tel(waar: echt, getoond: waarde, nulcel: false)
        }
    }

    private static func procent(_ deel: Int, van geheel: Int) -> String {
        geheel > 0 ? String(format: "%.1f%%", Double(deel) / Double(geheel) * 100) : "–"
    }

    var getoondTekst: String { Self.procent(getoond, van: cellen) }
    var exactTekst: String { Self.procent(exact, van: getoond) }

    func gemiddeldeTekst(percentage: Bool) -> String {
        getoond > 0 ? String(format: percentage ? "%.2f pp" : "%.2f", som / Double(getoond)) : "–"
    }

    func grootsteTekst(percentage: Bool) -> String {
        getoond > 0 ? String(format: percentage ? "%.1f pp" : "%.0f", grootste) : "–"
    }
}

/// The year's dashboard of a gemeente, with its releases, to time the methods on.
private struct Jaarmeting: Sendable {
    var dashboard: Dashboardgegevens
    var exact: Vrijgave
    var na: Vrijgave
    var voor: Weergave
}

/// Per gemeente, the median of its runs.
private struct Tijden: Sendable {
    var exact: Duration
    var na: Duration
    var voor: Duration
    var lezen: Duration
}

private struct Gemeenteuitslag: Sendable {
    var code: String
    /// Hulpvragen received in the year: the gemeente's size.
    var grootte: Int
    var afgesloten: Int
    var vakken: [Vak: Afwijking]
    var tijden: Tijden?
}

/// One data set's comparison.
private struct Uitslag: Sendable {
    var naam: String
    var jaar: Int
    var periodes: [Cijferperiode]
    var gemeenten: [Gemeenteuitslag] = []
    var dashboards = 0
    /// Dashboards where the new types without disclosure control did not give the counts read.
    var verschillen = 0
    /// Timing runs whose release differed from the first.
    var nietHerhaalbaar = 0

    init(naam: String, jaar: Int, periodes: [Cijferperiode]) {
        self.naam = naam
        self.jaar = jaar
        self.periodes = periodes
    }

    /// The quarter of the gemeenten with the fewest hulpvragen received (at least one gemeente).
    var klein: [Gemeenteuitslag] {
        Array(gemeenten.sorted { ($0.grootte, $0.code) < ($1.grootte, $1.code) }.prefix(max(1, gemeenten.count / 4)))
    }
}

// MARK: - The method before issue 15

/// The method before issue 15, kept here only to compare: the wethouder's figures as
/// `Onthulling`, `VoorliggendVeldCijfers.init`, `Kruistabel.init`, `Aandeel.init` and
/// `Monitoring.init` made them until then (git history: Sources/Voorveld/Uitkomsten/Cijfers.swift
/// and Monitoring.swift before issue 15). Counts under `drempel` are hidden (0 is shown: it is about
/// nobody), with secondary suppression so that no shown total gives a hidden part away: down every
/// column of a table of groups, and in a cross table along every row and column and the lines of
/// totals until none with a shown total has exactly one hidden part; every other count is rounded
/// to a multiple of `afronding`; percentages come from the exact counts, in whole percents, from a
/// denominator of `minimumNoemer`, and not when the count or its complement is under `drempel`
/// (nor when either count is hidden).
///
/// It gives the cells in the order of `Weergave.init(_: Vrijgave)`. With `exact` it hides and
/// rounds nothing and gives exact percentages: the truth both methods are measured against.
private struct VorigeOnthulling {
    var drempel = 5
    var minimumNoemer = 10
    var afronding = 5
    var exact = false

    func weergave(_ dashboard: Dashboardgegevens) -> Weergave {
        var weergave = Weergave()
        for indeling in dashboard.indelingen {
            voorliggendVeld(indeling.tellingen.tellingen, totaal: indeling.tellingen.totaal, metTotaal: indeling.per == "totaal", in: &weergave)
        }
        monitoring(dashboard.monitoring, maanden: dashboard.maanden, in: &weergave)
        return weergave
    }

    /// A count as shown: 0, hidden (nil) or rounded.
    func toon(_ aantal: Int) -> Int? {
        if exact || aantal == 0 { return aantal }
        if aantal < drempel { return nil }
        return (aantal + afronding / 2) / afronding * afronding
    }

    /// A share in whole percents, or nil when it would give a small count away.
    func percentage(_ teller: Int, van noemer: Int) -> Double? {
        if exact { return noemer > 0 ? Double(teller) / Double(noemer) * 100 : nil }
        guard noemer >= minimumNoemer, teller == 0 || teller >= drempel, noemer - teller == 0 || noemer - teller >= drempel else { return nil }
        return (Double(teller) / Double(noemer) * 100).rounded()
    }

    /// Below the threshold but not 0: hidden at once.
    func klein(_ aantal: Int) -> Bool { !exact && aantal > 0 && aantal < drempel }

    /// The cells of a list that adds up to a shown total that must be hidden: the small ones, and
    /// when exactly one is hidden, also the smallest other non-zero one.
    func onderdrukt(_ cellen: [Int], alVerborgen: Set<Int> = []) -> Set<Int> {
        if exact { return alVerborgen }
        var verborgen = alVerborgen.union(cellen.indices.filter { klein(cellen[$0]) })
        if verborgen.count == 1 {
            let ander = cellen.indices.filter { !verborgen.contains($0) && cellen[$0] > 0 }.min { cellen[$0] < cellen[$1] }
            if let ander { verborgen.insert(ander) }
        }
        return verborgen
    }

    /// A share of a whole: count, whole and percentage.
    func aandeel(_ aantal: Int, van geheel: Int, verborgen: Bool = false) -> (aantal: Int?, van: Int?, percentage: Double?) {
        let getoond: Int? = verborgen ? nil : toon(aantal)
        let van = toon(geheel)
        let waarde: Double? = getoond == nil || van == nil ? nil : percentage(aantal, van: geheel)
        return (getoond, van, waarde)
    }

    /// One table of groups (and the whole period's total row when `metTotaal`), with secondary
    /// suppression down each column of counts.
    func voorliggendVeld(_ tellingen: [Telling], totaal: Telling, metTotaal: Bool, in weergave: inout Weergave) {
        let kolommen: [(Telling) -> Int] = [
            { $0.afgesloten.aantal }, { $0.ingetrokken.aantal }, { $0.teltMee.aantal }, { $0.alleen.aantal },
            { $0.betrokken.aantal },
        ]
        let verborgenPerKolom = kolommen.map { kolom in onderdrukt(tellingen.map(kolom)) }
        func rij(_ telling: Telling, index: Int?) -> (aantallen: [Int?], percentages: [Double?]) {
            func aantal(_ kolom: Int) -> Int? {
                if let index, verborgenPerKolom[kolom].contains(index) { return nil }
                return toon(kolommen[kolom](telling))
            }
            let noemer = aantal(2)
            func deel(_ kolom: Int) -> (teller: Int?, percentage: Double?) {
                let teller = aantal(kolom)
                let waarde: Double? = teller == nil || noemer == nil ? nil : percentage(kolommen[kolom](telling), van: telling.teltMee.aantal)
                return (teller, waarde)
            }
            let alleen = deel(3)
            let betrokken = deel(4)
            return ([aantal(0), aantal(1), noemer, alleen.teller, betrokken.teller], [alleen.percentage, betrokken.percentage])
        }
        var rijen = tellingen.indices.map { rij(tellingen[$0], index: $0) }
        if metTotaal { rijen.append(rij(totaal, index: nil)) }
        for r in rijen {
            weergave.voegAantallen(.voorliggendVeld, r.aantallen)
            weergave.voegPercentages(.voorliggendVeld, r.percentages)
        }
    }

    /// A cross table: cells, row totals, column totals and the total, with primary suppression
    /// and then secondary until no shown total has exactly one hidden part.
    func kruistabel(rijen: [String], kolommen: [String], tellingen: [String: [String: Int]]) -> [Int?] {
        let c = rijen.map { rij in kolommen.map { tellingen[rij]?[$0] ?? 0 } }
        let rijtotaal = c.map { $0.reduce(0, +) }
        let kolomtotaal = kolommen.indices.map { k in c.reduce(0) { $0 + $1[k] } }
        let totaal = rijtotaal.reduce(0, +)
        var verborgen = Set<[Int]>()  // [rij, kolom]
        for r in c.indices { for k in c[r].indices where klein(c[r][k]) { verborgen.insert([r, k]) } }
        var verborgenRij = Set(rijtotaal.indices.filter { klein(rijtotaal[$0]) })
        var verborgenKolom = Set(kolomtotaal.indices.filter { klein(kolomtotaal[$0]) })
        let totaalVerborgen = klein(totaal)
        var veranderd = true
        while veranderd {
            veranderd = false
            for r in c.indices where !verborgenRij.contains(r) {
                let nu = Set(kolommen.indices.filter { verborgen.contains([r, $0]) })
                for k in onderdrukt(c[r], alVerborgen: nu).subtracting(nu) {
                    verborgen.insert([r, k])
                    veranderd = true
                }
            }
            for k in kolommen.indices where !verborgenKolom.contains(k) {
                let kolom = c.map { $0[k] }
                let nu = Set(c.indices.filter { verborgen.contains([$0, k]) })
                for r in onderdrukt(kolom, alVerborgen: nu).subtracting(nu) {
                    verborgen.insert([r, k])
                    veranderd = true
                }
            }
            if !totaalVerborgen {
                let rijenNu = onderdrukt(rijtotaal, alVerborgen: verborgenRij)
                let kolommenNu = onderdrukt(kolomtotaal, alVerborgen: verborgenKolom)
                if rijenNu != verborgenRij || kolommenNu != verborgenKolom {
                    verborgenRij = rijenNu
                    verborgenKolom = kolommenNu
                    veranderd = true
                }
            }
        }
        let cellen: [Int?] = c.indices.flatMap { r in c[r].indices.map { k -> Int? in verborgen.contains([r, k]) ? nil : toon(c[r][k]) } }
        let rijtotalen: [Int?] = rijtotaal.indices.map { r -> Int? in verborgenRij.contains(r) ? nil : toon(rijtotaal[r]) }
        let kolomtotalen: [Int?] = kolomtotaal.indices.map { k -> Int? in verborgenKolom.contains(k) ? nil : toon(kolomtotaal[k]) }
        let geheel: Int? = totaalVerborgen ? nil : toon(totaal)
        return cellen + rijtotalen + kolomtotalen + [geheel]
    }

    /// The monitoring tables; the kanalen with secondary suppression among themselves.
    func monitoring(_ gegevens: CijfersStore.Monitoringgegevens, maanden: [String], in weergave: inout Weergave) {
        var perTeam: [String: [String: Int]] = [:]
        for groep in gegevens.instroom { perTeam[groep.kernteam, default: [:]][groep.maand, default: 0] += groep.aantal.aantal }
        weergave.voegAantallen(.instroom, kruistabel(rijen: gegevens.kernteams, kolommen: maanden, tellingen: perTeam))
        var perKern: [String: [String: Int]] = [:]
        for regel in gegevens.perLeefgebied { perKern[regel.leefgebied, default: [:]][regel.kern, default: 0] += regel.aantal.aantal }
        weergave.voegAantallen(.leefgebieden, kruistabel(rijen: gegevens.leefgebieden, kolommen: gegevens.kernen, tellingen: perKern))
        let totaal = gegevens.instroom.reduce(0) { som, groep in som + groep.aantal.aantal }
        var perKanaal: [String: Int] = [:]
        for groep in gegevens.instroom { perKanaal[groep.kanaal, default: 0] += groep.aantal.aantal }
        let kanalen = Kanaal.allCases.map { perKanaal[$0.rawValue] ?? 0 }
        let verborgenKanalen = onderdrukt(kanalen)
        let aandelen = kanalen.indices.map { aandeel(kanalen[$0], van: totaal, verborgen: verborgenKanalen.contains($0)) }
        let jeugd = aandeel(gegevens.instroom.filter(\.jeugd).reduce(0) { som, groep in som + groep.aantal.aantal }, van: totaal)
        let huisbezoeken = toon(gegevens.instroom.filter(\.huisbezoek).reduce(0) { som, groep in som + groep.aantal.aantal })
        let nazorg = aandeel(gegevens.nazorg.nogOpgelost.aantal, van: gegevens.nazorg.gevraagd.aantal)
        let terugkeer = toon(gegevens.instroom.reduce(0) { som, groep in som + groep.terugkeer.aantal })
        let overig: [Int?] = [jeugd.aantal, huisbezoeken, nazorg.aantal, nazorg.van, terugkeer]
        let kanaalAantallen: [Int?] = aandelen.map { $0.aantal }
        weergave.voegAantallen(.overig, kanaalAantallen + overig)
        let overigePercentages: [Double?] = [jeugd.percentage, nazorg.percentage]
        let kanaalPercentages: [Double?] = aandelen.map { $0.percentage }
        weergave.voegPercentages(.overig, kanaalPercentages + overigePercentages)
    }
}
