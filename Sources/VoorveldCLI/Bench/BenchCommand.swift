import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Postgres
import ServiceLifecycle
import VoorveldHTTP
import VoorveldStore

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that report figures (recorded in BENCHMARKS.md).",
        subcommands: [MatchingBench.self, CijfersBench.self, OnthullingBench.self]
    )
}

/// `voorveld bench matching`: makes a data set in its own embedded PostgreSQL, serves it, and
/// measures in one run: the candidates endpoint's maximum throughput, its latency at a fixed
/// arrival rate of half that, pgbench on the same candidate SQL at the same concurrency, and
/// booking under contention.
struct MatchingBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matching",
        abstract: "Measure the candidates endpoint and booking under contention.",
        discussion: """
            Needs a few minutes and about 1 GB of disk for 100,000 volunteers; --vrijwilligers 1000000 for the
            large run. The data set is made in a new temporary folder and removed afterwards (unless
            --keep-data); with --data-dir it is made once and reused.
            """
    )

    @Option(help: "Volunteers in the data set.") var vrijwilligers = 100_000
    @Option(help: "Algemene voorzieningen in the data set.") var voorzieningen = 5_000
    @Option(help: "Gemeenten.") var gemeenten = 50
    @Option(help: "Kernen per gemeente.") var kernen = 20
    @Option(help: "Hulpvragen per gemeente.") var hulpvragen = 40
    @Option(help: "Seconds per measurement.") var seconds = 10
    @Option(help: "Concurrent clients for the throughput runs (and pgbench).") var concurrency = 8
    @Option(help: "Port for the service under test.") var port = 18089
    @Option(
        help:
            "Then hold a mixed workload (reads, candidate searches, intakes, bookings) at a fixed rate for this many seconds, and overload it for a third of that; 0: skip."
    )
    var mixedSeconds = 0
    @OptionGroup var folder: BenchFolder

    func run() async throws {
        LoggingBootstrap.run(level: .warning)  // before any logger is made: no line per request
        let logger = Logger(label: "voorveld.bench")
        let title =
            "# voorveld bench matching: \(vrijwilligers) vrijwilligers, \(voorzieningen) voorzieningen, \(gemeenten) gemeenten of \(kernen) kernen"
        try await folder.withSession(title: title, maxConnections: concurrency + 2, logger: logger) { session, options, directory in
            try await prepareData(session)
            let requests = try await candidateRequests(session)
            let app = buildApplication(
                HTTPConfiguration(host: "127.0.0.1", port: port),
                dependencies: AppDependencies(pool: session.service, hasher: options.hasher),
                logger: logger
            )
            let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
            let server = Task { try await services.run() }
            // Enough connections that an overload reaches the service instead of queueing in this
            // client (as many separate browsers would): the closed loops use `concurrency` of them.
            let client = HTTPClient(
                eventLoopGroupProvider: .singleton,
                configuration: .init(
                    connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 1024)
                )
            )
            do {
                let load = LoadGenerator(client: client)
                try await waitUntilReady(load)
                try await measure(load, requests: requests, session: session, directory: directory)
                try await bookingContention(load, session: session)
                try await planCheck(session, requests: requests)
                if mixedSeconds > 0 { try await mixedLoad(load, session: session) }
            } catch {
                try? await client.shutdown()
                await services.triggerGracefulShutdown()
                _ = try? await server.value
                throw error
            }
            try await client.shutdown()
            await services.triggerGracefulShutdown()
            _ = try? await server.value
        }
    }

    func prepareData(_ session: DatabaseSession) async throws {
        let exists = try await session.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM vrijwilligers WHERE gemeente LIKE 'GM9%'") { row in try row.decode(0, as: Int.self) }
                ?? 0
        }
        guard exists == 0 else {
            print("data set: reusing \(exists) volunteers")
            return
        }
        let clock = ContinuousClock()
        let started = clock.now
        let data = BenchData(
            gemeenten: gemeenten,
            kernenPerGemeente: kernen,
            vrijwilligers: vrijwilligers,
            voorzieningen: voorzieningen,
            hulpvragenPerGemeente: hulpvragen
        )
        try await data.make(on: session.owner) { step in print("  making \(step)...") }
        print("data set made in \(Bench.format(clock.now - started))")
    }

    /// A candidates request for every hulpvraag of the data set, each with its kernteam's token.
    func candidateRequests(_ session: DatabaseSession) async throws -> [LoadGenerator.Request] {
        let rows = try await session.owner.withConnection { connection in
            try await connection.query(
                """
                SELECT id::text, substr(gemeente, 4)::int, substr(kernteam, 2)::int FROM hulpvragen
                WHERE gemeente LIKE 'GM9%' AND NOT veilig_thuis ORDER BY id
                """
            ) { row in (try row.decode(0, as: String.self), try row.decode(1, as: Int.self), try row.decode(2, as: Int.self)) }
        }
        var generator = SystemRandomNumberGenerator()
        return rows.shuffled(using: &generator).map { id, gemeente, kernteam in
            LoadGenerator.Request(
                url: "http://127.0.0.1:\(port)/v1/hulpvragen/\(id)/kandidaten",
                token: BenchData.token(gemeente: gemeente, kernteam: kernteam)
            )
        }
    }

    func waitUntilReady(_ load: LoadGenerator) async throws {
        for _ in 0..<100 {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/health/ready")
            request.method = .GET
            if let response = try? await load.client.execute(request, timeout: .seconds(2)), response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CommandError("The service did not become ready on port \(port).")
    }

    func measure(_ load: LoadGenerator, requests: [LoadGenerator.Request], session: DatabaseSession, directory: String) async throws {
        let pick: @Sendable (Int) -> LoadGenerator.Request = { requests[$0 % requests.count] }
        _ = await load.closedLoop(pick, concurrency: concurrency, duration: .seconds(3))  // warm caches and connections
        let maximum = await load.closedLoop(pick, concurrency: concurrency, duration: .seconds(seconds))
        let rate = (maximum.perSecond / 2).rounded()
        let fixed = await load.openLoop({ pick($0 + 7) }, rate: rate, duration: .seconds(seconds))
        // pgbench's -T needs SIGALRM, which a child of this process may have blocked: give each
        // client a number of transactions instead, about as many as the endpoint managed.
        let perClient = max(20, Int(maximum.perSecond * Double(seconds)) / concurrency)
        let pgbench = try await runPgbench(session, directory: directory, transactionsPerClient: perClient)
        print(
            """

            ## Candidates endpoint (GET /v1/hulpvragen/{id}/kandidaten, \(requests.count) hulpvragen, concurrency \(concurrency))
            | measurement | figure |
            |---|---|
            | maximum throughput (closed loop, \(seconds) s) | \(Int(maximum.perSecond)) req/s (statuses \(Self.statuses(maximum))) |
            | latency at \(Int(rate)) req/s (open loop, \(seconds) s, \(fixed.count) requests) | p50 \(Bench.ms(fixed.percentile(0.5))), p99 \(Bench.ms(fixed.percentile(0.99))), p99.9 \(Bench.ms(fixed.percentile(0.999))) (statuses \(Self.statuses(fixed))) |
            | pgbench, same candidate SQL, prepared, \(concurrency) clients | \(pgbench.map { "\(Int($0)) tps" } ?? "not run") |
            | endpoint / pgbench | \(pgbench.map { String(format: "%.0f%%", maximum.perSecond / $0 * 100) } ?? "-") |
            """
        )
    }

    /// pgbench running what the endpoint asks PostgreSQL: the scope, then both candidate functions.
    func runPgbench(_ session: DatabaseSession, directory: String, transactionsPerClient: Int) async throws -> Double? {
        guard let embedded = session.embedded, let pgbench = embedded.clientProgram("pgbench") else {
            print("pgbench not found beside the PostgreSQL server; skipped")
            return nil
        }
        let count = try await session.owner.withConnection { connection in
            try await connection.executeScript(
                """
                DROP TABLE IF EXISTS bench_hulpvragen;
                CREATE TABLE bench_hulpvragen AS
                    SELECT row_number() OVER (ORDER BY id)::int AS nr, id, gemeente, kernteam, regisseur,
                           -- the regisseur's token, from which the database takes the scope (sql/definitions/01_toegang.sql)
                           't:vv_bench_' || substr(gemeente, 4)::int || '_' || substr(kernteam, 2) || '_' || repeat('0', 32) AS bewijs
                    FROM hulpvragen
                    WHERE gemeente LIKE 'GM9%' AND NOT veilig_thuis;
                ALTER TABLE bench_hulpvragen ADD PRIMARY KEY (nr);
                GRANT SELECT ON bench_hulpvragen TO voorveld_service;
                """
            )
            return try await connection.queryOne("SELECT count(*) FROM bench_hulpvragen") { row in try row.decode(0, as: Int.self) } ?? 0
        }
        let script = directory + "/kandidaten.pgbench"
        try """
        \\set n random(1, \(count))
        BEGIN;
        SELECT set_config('voorveld.bewijs', bewijs, true) FROM bench_hulpvragen WHERE nr = :n;
        SELECT * FROM kandidaat_vrijwilligers((SELECT id FROM bench_hulpvragen WHERE nr = :n), current_date);
        SELECT * FROM kandidaat_voorzieningen((SELECT id FROM bench_hulpvragen WHERE nr = :n));
        END;

        """.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pgbench)
        process.arguments = [
            "-h", embedded.socketDirectory, "-U", ServiceRole.login, "-n", "-M", "prepared",
            "-c", "\(concurrency)", "-j", "\(min(concurrency, ProcessInfo.processInfo.activeProcessorCount))",
            "-t", "\(transactionsPerClient)", "-f", script, embedded.configuration.database,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0,
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
            let tps = Double(line.dropFirst(6).prefix { $0.isNumber || $0 == "." })
        else {
            print("pgbench failed:\n\(text)")
            return nil
        }
        return tps
    }

    /// 32 clients booking 4 volunteers with capacity 2 for 100 hulpvragen each: 8 bookings can
    /// succeed; the database must refuse every other one.
    func bookingContention(_ load: LoadGenerator, session: DatabaseSession) async throws {
        let (volunteers, hulpvragen) = try await session.owner.withTransaction { connection in
            // The counting triggers count a gemeente's hulpvragen only in its own scope.
            try await connection.execute("SELECT set_config('voorveld.gemeente', 'GM9001', true)")
            let volunteers = try await connection.query(
                """
                UPDATE vrijwilligers SET max_hulpvragen = 2 WHERE id IN (
                    SELECT v.id FROM vrijwilligers v WHERE v.gemeente = 'GM9001' AND v.kern = 'k1' AND v.status = 'actief'
                    AND NOT EXISTS (SELECT 1 FROM koppelingen k WHERE k.vrijwilliger = v.id AND koppeling_loopt(k.status))
                    ORDER BY v.id LIMIT 4)
                RETURNING id::text
                """
            ) { row in try row.decode(0, as: String.self) }
            let hulpvragen = try await connection.query(
                """
                INSERT INTO hulpvragen (gemeente, initialen, regisseur, kernteam, kern, kanaal, ontvangen_op, duur, toestemming_vrijwilliger)
                SELECT 'GM9001', 'C.', 'bench-gm9001-t1', 't1', 'k1', 'telefoon', current_date, 'eenmalig', true FROM generate_series(1, 100)
                RETURNING id::text
                """
            ) { row in try row.decode(0, as: String.self) }
            return (volunteers, hulpvragen)
        }
        let token = BenchData.token(gemeente: 1, kernteam: 1)
        var generator = SystemRandomNumberGenerator()
        let attempts = hulpvragen.flatMap { hulpvraag in volunteers.map { (hulpvraag, $0) } }.shuffled(using: &generator)
        let clients = 32
        let clock = ContinuousClock()
        let started = clock.now
        let statuses = await withTaskGroup(of: [UInt: Int].self) { group in
            for client in 0..<clients {
                group.addTask {
                    var statuses: [UInt: Int] = [:]
                    for index in stride(from: client, to: attempts.count, by: clients) {
                        let (hulpvraag, vrijwilliger) = attempts[index]
                        let status = await load.send(
                            .init(
                                method: .POST,
                                url: "http://127.0.0.1:\(port)/v1/hulpvragen/\(hulpvraag)/koppelingen",
                                token: token,
                                body: #"{"vrijwilliger": "\#(vrijwilliger)"}"#
                            )
                        )
                        statuses[status, default: 0] += 1
                    }
                    return statuses
                }
            }
            return await group.reduce(into: [UInt: Int]()) { $0.merge($1, uniquingKeysWith: +) }
        }
        let elapsed = clock.now - started
        let overbooked = try await session.owner.withConnection { connection in
            try await connection.queryOne(
                """
                SELECT count(*) FROM (SELECT v.id FROM vrijwilligers v JOIN koppelingen k ON k.gemeente = v.gemeente AND k.vrijwilliger = v.id
                WHERE v.id::text = ANY($1) AND koppeling_loopt(k.status)
                GROUP BY v.id, v.max_hulpvragen HAVING count(*) > v.max_hulpvragen) x
                """,
                [volunteers]
            ) { row in try row.decode(0, as: Int.self) } ?? -1
        }
        print(
            """

            ## Booking under contention (\(clients) clients, \(volunteers.count) volunteers with capacity 2, \(attempts.count) attempts)
            | measurement | figure |
            |---|---|
            | booked (201) / refused (409) / other | \(statuses[201] ?? 0) / \(statuses[409] ?? 0) / \(attempts.count - (statuses[201] ?? 0) - (statuses[409] ?? 0)) |
            | over-bookings | \(overbooked) |
            | throughput | \(Int(Double(attempts.count) / elapsed.seconds)) attempts/s |
            """
        )
    }

    /// How many volunteers the candidate query looks at, against the table: it should scale with
    /// the neighbourhood of the kern, not with the register.
    func planCheck(_ session: DatabaseSession, requests: [LoadGenerator.Request]) async throws {
        let total = try await session.owner.withConnection { connection in
            try await connection.queryOne("SELECT count(*) FROM vrijwilligers") { row in try row.decode(0, as: Int.self) } ?? 0
        }
        var counts: [Int] = []
        let sample = try await session.owner.withConnection { connection in
            // With the regisseur's own token: the database takes the service's scope from it alone.
            try await connection.query("SELECT id, substr(bewijs, 3) FROM bench_hulpvragen ORDER BY nr LIMIT 200") { row in
                (try row.decode(0, as: UUID.self), try row.decode(1, as: String.self))
            }
        }
        for (id, token) in sample {
            let scope = try await BenchData.scope(token: token, service: session.service)
            counts.append(
                try await session.service.withTransaction(in: scope) { connection in
                    try await connection.queryOne("SELECT count(*) FROM kandidaat_vrijwilligers($1, current_date)", [id]) { row in
                        try row.decode(0, as: Int.self)
                    } ?? 0
                }
            )
        }
        let average = Double(counts.reduce(0, +)) / Double(max(counts.count, 1))
        print(
            """

            ## Query cost
            The candidate query finds volunteers through indexes on (gemeente, kern) and looks up details only for
            those who pass the cheap rules: it reads on average \(Int(average)) of \(total) volunteers per hulpvraag
            (\(String(format: "%.2f", average / Double(max(total, 1)) * 100))%): the neighbourhood of the kern, not the register.
            """
        )
    }

    /// A day's work at a fixed rate: mostly candidate searches and reads, some intakes and bookings,
    /// each as its kernteam; then the same mix at three times the maximum, where the service must
    /// answer (503 with Retry-After when it cannot take more) rather than let requests time out.
    func mixedLoad(_ load: LoadGenerator, session: DatabaseSession) async throws {
        let rows = try await session.owner.withConnection { connection in
            try await connection.query(
                """
                SELECT h.id::text, substr(h.gemeente, 4)::int, substr(h.kernteam, 2)::int, h.kern,
                       (SELECT v.id::text FROM vrijwilligers v WHERE v.gemeente = h.gemeente AND v.kern = h.kern AND v.status = 'actief' LIMIT 1)
                FROM hulpvragen h WHERE h.gemeente LIKE 'GM9%' AND NOT h.veilig_thuis ORDER BY h.id
                """
            ) { row in
                (
                    try row.decode(0, as: String.self), try row.decode(1, as: Int.self), try row.decode(2, as: Int.self),
                    try row.decode(3, as: String.self),
                    try row.decode(4, as: String?.self)
                )
            }
        }
        let leefgebied =
            try await session.owner.withConnection { connection in
                try await connection.queryOne("SELECT code FROM leefgebieden ORDER BY volgorde LIMIT 1") { row in try row.decode(0, as: String.self) }
            } ?? "financien"
        let base = "http://127.0.0.1:\(port)"
        // Out of every 20 requests: 10 candidate searches, 4 reads of a hulpvraag, 3 lists, 2 intakes, 1 booking.
        let mix: @Sendable (Int) -> LoadGenerator.Request = { index in
            let (id, gemeente, kernteam, kern, vrijwilliger) = rows[(index / 20 * 7 + index) % rows.count]
            let token = BenchData.token(gemeente: gemeente, kernteam: kernteam)
            switch index % 20 {
            case 0..<10: return .init(url: "\(base)/v1/hulpvragen/\(id)/kandidaten", token: token)
            case 10..<14: return .init(url: "\(base)/v1/hulpvragen/\(id)", token: token)
            case 14..<17: return .init(url: "\(base)/v1/hulpvragen?paginaGrootte=20", token: token)
            case 17..<19:
                return .init(
                    method: .POST,
                    url: "\(base)/v1/hulpvragen",
                    token: token,
                    body: """
                        {"initialen": "B.", "kern": "\(kern)", "kanaal": "telefoon", "leefgebieden": ["\(leefgebied)"], "duur": "eenmalig", "toestemmingVrijwilliger": true}
                        """
                )
            default:
                return .init(
                    method: .POST,
                    url: "\(base)/v1/hulpvragen/\(id)/koppelingen",
                    token: token,
                    body: #"{"vrijwilliger": "\#(vrijwilliger ?? "00000000-0000-0000-0000-000000000000")"}"#
                )
            }
        }
        let maximum = await load.closedLoop(mix, concurrency: concurrency, duration: .seconds(max(5, mixedSeconds / 6)))
        let rate = (maximum.perSecond * 0.6).rounded()
        let steady = await load.openLoop({ mix($0 + 100_000) }, rate: rate, duration: .seconds(mixedSeconds))
        let overload = await load.openLoop(
            { mix($0 + 900_000) },
            rate: (maximum.perSecond * 3).rounded(),
            duration: .seconds(max(10, mixedSeconds / 3))
        )
        func row(_ title: String, _ result: LoadGenerator.Result) -> String {
            "| \(title) | \(result.count) | \(Bench.ms(result.percentile(0.5))) | \(Bench.ms(result.percentile(0.95))) | \(Bench.ms(result.percentile(0.99))) | \(Self.statuses(result)) |"
        }
        print(
            """

            ## Mixed workload (10/20 candidate searches, 4/20 reads, 3/20 lists, 2/20 intakes, 1/20 bookings; \(concurrency) clients for the maximum)
            maximum (closed loop): \(Int(maximum.perSecond)) req/s
            | phase | requests | p50 | p95 | p99 | statuses (0: no answer within 30 s) |
            |---|---|---|---|---|---|
            \(row("steady, \(Int(rate)) req/s for \(mixedSeconds) s", steady))
            \(row("overload, \(Int(maximum.perSecond * 3)) req/s for \(max(10, mixedSeconds / 3)) s", overload))
            """
        )
    }

    static func statuses(_ result: LoadGenerator.Result) -> String {
        result.statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }
}
