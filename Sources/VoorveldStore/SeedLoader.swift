import Foundation
import Logging
import Postgres
import Voorveld

/// Loads the CSV files of `seed-data/` into the database, in one transaction.
///
/// Every file is read and checked first; if any row is wrong, nothing is written and every problem
/// is reported with its file and line. Loading again updates rows in place (by their keys), so the
/// files stay the source a municipality edits.
public struct SeedLoader: Sendable {
    public let directory: String
    private let hasher: PasswordHasher
    private let logger: Logger

    public init(directory: String, hasher: PasswordHasher = PasswordHasher(), logger: Logger = Logger(label: "voorveld.seed")) {
        self.directory = directory
        self.hasher = hasher
        self.logger = logger
    }

    /// What was loaded, by table.
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        public var gemeenten = 0
        public var kernen = 0
        public var kernBuren = 0
        public var kernteams = 0
        public var leefgebieden = 0
        public var zrm2010Leefgebieden = 0
        public var demoGebruikers = 0
        public var taken = 0
        public var vrijwilligers = 0
        public var voorzieningen = 0
        public var hulpvragen = 0

        public var description: String {
            "\(gemeenten) gemeenten, \(kernen) kernen (\(kernBuren) buurparen), \(kernteams) kernteams, "
                + "\(leefgebieden) leefgebieden (\(zrm2010Leefgebieden) ZRM-2010-koppelingen), \(taken) taken, \(vrijwilligers) vrijwilligers, \(voorzieningen) voorzieningen, \(hulpvragen) demohulpvragen, \(demoGebruikers) demogebruikers"
        }
    }

    /// Reads, checks and writes the seed files.
    /// - Parameter demoUsers: also add the demo users of `demo-gebruikers.csv`, whose passwords and
    ///   tokens are public. Only for demonstrations: never on a database with real users. Existing
    ///   users of the same name are left as they are.
    /// - Throws: `SeedError` listing every bad row, or a `PostgresError` from writing.
    @discardableResult
    /// - Parameter demoHulpvragen: also register the demo hulpvragen (needs the demo users); by
    ///   default together with them.
    public func load(into pool: ConnectionPool, demoUsers: Bool = false, demoHulpvragen: Bool? = nil) async throws -> Summary {
        var seed = try read()
        if !demoUsers { seed.gebruikers = [] }
        try await pool.withTransaction { connection in
            try await write(seed, on: connection)
        }
        // The demo volunteers and voorzieningen, through the same import a steunpunt uses, one
        // gemeente at a time.
        let vrijwilligers = try await importeer(RegisterStore<Vrijwilliger>(pool: pool), "vrijwilligers.csv", gemeenten: seed.gemeenten)
        let voorzieningen = try await importeer(RegisterStore<Voorziening>(pool: pool), "voorzieningen.csv", gemeenten: seed.gemeenten)
        // Users after the gebieden they refer to; each in a transaction of its own, audited.
        let users = UserStore(pool: pool, hasher: hasher)
        for demo in seed.gebruikers where try await users.gemeente(of: demo.gebruiker.naam) == nil {
            try await users.add(demo.gebruiker)
            try await users.store(
                token: demo.token,
                naam: demo.gebruiker.naam,
                gemeente: demo.gebruiker.gemeente,
                geldig: .days(365),
                omschrijving: "demo",
                door: "systeem"
            )
        }
        let hulpvragen = demoUsers && (demoHulpvragen ?? true) ? try await self.demoHulpvragen(into: pool, gemeenten: seed.gemeenten) : 0
        var summary = Summary()
        summary.gemeenten = seed.gemeenten.count
        summary.kernen = seed.kernen.count
        summary.kernBuren = seed.buren.count
        summary.kernteams = seed.kernteams.count
        summary.leefgebieden = seed.leefgebieden.count
        summary.zrm2010Leefgebieden = seed.zrm2010.count
        summary.demoGebruikers = seed.gebruikers.count
        summary.taken = seed.taken.count
        summary.vrijwilligers = vrijwilligers
        summary.voorzieningen = voorzieningen
        summary.hulpvragen = hulpvragen
        logger.info("seed data loaded", metadata: ["summary": "\(summary)"])
        return summary
    }

    /// Imports a register's seed file, if there is one, for every gemeente.
    private func importeer<Regel: Registerregel>(_ store: RegisterStore<Regel>, _ file: String, gemeenten: [Gemeente]) async throws -> Int {
        guard let csv = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) else { return 0 }
        var count = 0
        for gemeente in gemeenten {
            let scope = AccessScope.onderhoud(gemeente: gemeente.code)
            let audit = AuditRegel(
                gebruiker: scope.gebruiker,
                rol: .steunpunt,
                actie: "\(Regel.meervoud)-importeren",
                objectType: Regel.soort,
                objectId: nil,
                doel: "voorbeeldgegevens",
                resultaat: .toegestaan
            )
            do {
                count += try await store.importeer(csv, in: scope, door: audit, andereGemeentenOverslaan: true)
            } catch let error as Importfouten {
                throw SeedError(problems: error.fouten.map { .init(file: file, line: $0.regel, message: "\($0.kolom): \($0.melding)") })
            }
        }
        return count
    }

    /// The demo hulpvragen (`hulpvragen.csv`), each registered by its regisseur, a demo
    /// kernteamlid; so only together with the demo users. One already there (by its
    /// dossierreferentie) is left as it is.
    private func demoHulpvragen(into pool: ConnectionPool, gemeenten: [Gemeente]) async throws -> Int {
        guard let csv = try? String(contentsOfFile: directory + "/hulpvragen.csv", encoding: .utf8) else { return 0 }
        var count = 0
        for gemeente in gemeenten {
            let referenties = try await ReferentieStore(pool: pool).referenties(in: .onderhoud(gemeente: gemeente.code))
            let uitkomsten = try await HulpvraagStore(pool: pool).uitkomsten()
            let afsluitvelden = ["uitkomst", "onderdelen", "afgeslotenOp", "nazorgOpgelost"]
            let hulpvragen: [(hulpvraag: Hulpvraag, afsluiting: Afsluiting?, nazorgOpgelost: Bool?)]
            do {
                hulpvragen = try CSVImport.lees(
                    csv,
                    velden: Hulpvraag.velden + afsluitvelden,
                    sleutel: "dossierreferentie",
                    gemeente: gemeente.code,
                    andereGemeentenOverslaan: true
                ) { invoer in
                    var invoer = invoer
                    // In a spreadsheet the scores are `financien=2;sociaal-netwerk=3`.
                    if case .tekst(let text)? = invoer["zrmScores"] {
                        invoer["zrmScores"] = .object(
                            Dictionary(
                                text.split(separator: ";").compactMap { pair in
                                    let parts = pair.split(separator: "=")
                                    return parts.count == 2 ? (String(parts[0]), RuweWaarde.tekst(String(parts[1]))) : nil
                                },
                                uniquingKeysWith: { first, _ in first }
                            )
                        )
                    }
                    // A closed one: its outcome, as the kernteam recorded it.
                    var afsluitInvoer: [String: RuweWaarde] = [:]
                    for veld in afsluitvelden { afsluitInvoer[veld] = invoer.removeValue(forKey: veld) }
                    guard case .tekst(let regisseur)? = invoer["regisseur"], case .tekst(let kern)? = invoer["kern"] else {
                        throw Invoerfouten([Veldfout(veld: "regisseur", melding: "is verplicht")])
                    }
                    let door = Gebruiker(
                        naam: regisseur,
                        weergavenaam: regisseur,
                        gemeente: gemeente.code,
                        rollen: [.kernteamlid],
                        kernteams: Set([referenties.kernteamVanKern[kern]].compactMap { $0 })
                    )
                    let hulpvraag = try Hulpvraag.lees(invoer, door: door, referenties: referenties, vandaag: .vandaag())
                    var lezer = Veldlezer(afsluitInvoer)
                    let nazorg = lezer.tekst("nazorgOpgelost") == nil ? nil : lezer.waarheid("nazorgOpgelost")
                    guard lezer.tekst("uitkomst") != nil else { return (hulpvraag, nil, nil) }
                    afsluitInvoer["nazorgOpgelost"] = nil
                    let afsluiting = try Afsluiting.lees(afsluitInvoer, hulpvraag: hulpvraag, uitkomsten: uitkomsten, vandaag: .vandaag())
                    return (hulpvraag, afsluiting, nazorg)
                }
            } catch let error as Importfouten {
                throw SeedError(problems: error.fouten.map { .init(file: "hulpvragen.csv", line: $0.regel, message: "\($0.kolom): \($0.melding)") })
            }
            for (hulpvraag, afsluiting, nazorg) in hulpvragen {
                let scope = AccessScope(
                    gemeente: gemeente.code,
                    gebruiker: hulpvraag.regisseur,
                    rollen: [.kernteamlid],
                    kernteams: [hulpvraag.kernteam]
                )
                count += try await pool.withTransaction(in: scope) { connection in
                    guard
                        try await connection.queryOne(
                            "SELECT 1 FROM hulpvragen WHERE gemeente = (SELECT huidige_gemeente()) AND dossierreferentie = $1",
                            [hulpvraag.dossierreferentie],
                            decode: { _ in 1 }
                        ) == nil
                    else { return 0 }
                    let id = try await HulpvraagStore.create(hulpvraag, on: connection) { id in
                        // In the regisseur's name, as the scope says: the audit log takes no row for anyone
                        // else (only a superuser would get past that).
                        AuditRegel(
                            gebruiker: scope.gebruiker,
                            rol: .kernteamlid,
                            actie: "hulpvraag-registreren",
                            objectType: "hulpvraag",
                            objectId: id.uuidString.lowercased(),
                            doel: "voorbeeldgegevens",
                            resultaat: .toegestaan
                        )
                    }.id!
                    if let afsluiting {
                        try await HulpvraagStore.schrijf(afsluiting, voor: id, on: connection)
                        if let nazorg, let datum = afsluiting.nazorgOp {
                            try await HulpvraagStore.schrijfNazorg(nazorg, op: datum, voor: id, on: connection)
                        }
                    }
                    return 1
                }
            }
        }
        return count
    }

    // MARK: - Reading

    struct Seed {
        var gemeenten: [Gemeente] = []
        var kernen: [Kern] = []
        var buren: [(gemeente: String, kern: String, buur: String)] = []
        var kernteams: [Kernteam] = []
        var leefgebieden: [Leefgebied] = []
        var zrm2010: [(code: String, naam: String, leefgebied: String)] = []
        var gebruikers: [(gebruiker: UserStore.NieuweGebruiker, token: String)] = []
        var taken: [Taak] = []
    }

    func read() throws -> Seed {
        var seed = Seed()
        var problems: [SeedError.Problem] = []

        func table(_ file: String, _ columns: [String]) -> CSVTable? {
            let path = directory + "/" + file
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                problems.append(.init(file: file, line: 0, message: "bestand niet gevonden of niet leesbaar (\(path))"))
                return nil
            }
            do {
                return try CSVTable(text, requiredColumns: columns)
            } catch let error as CSVError {
                problems.append(.init(file: file, line: error.line, message: error.message))
            } catch {
                problems.append(.init(file: file, line: 0, message: "\(error)"))
            }
            return nil
        }
        func check(_ condition: Bool, _ file: String, _ row: CSVTable.Row, _ message: @autoclosure () -> String) {
            if !condition { problems.append(.init(file: file, line: row.line, message: message())) }
        }

        if let csv = table("gemeenten.csv", ["code", "naam"]) {
            for row in csv.rows {
                check(Code.isGemeentecode(row["code"]), "gemeenten.csv", row, "code '\(row["code"])' is geen CBS-gemeentecode (GM en vier cijfers)")
                check(!row["naam"].isEmpty, "gemeenten.csv", row, "naam ontbreekt")
                seed.gemeenten.append(Gemeente(code: row["code"], naam: row["naam"]))
            }
        }
        let gemeenten = Set(seed.gemeenten.map(\.code))

        if let csv = table("kernen.csv", ["gemeente", "code", "naam", "latitude", "longitude"]) {
            for row in csv.rows {
                let file = "kernen.csv"
                check(gemeenten.contains(row["gemeente"]), file, row, "onbekende gemeente '\(row["gemeente"])'")
                check(Code.isValid(row["code"]), file, row, "code '\(row["code"])' mag alleen kleine letters, cijfers en streepjes bevatten")
                check(!row["naam"].isEmpty, file, row, "naam ontbreekt")
                var coordinaten: Coordinaten?
                if !row["latitude"].isEmpty || !row["longitude"].isEmpty {
                    coordinaten = Double(row["latitude"]).flatMap { lat in
                        Double(row["longitude"]).flatMap { Coordinaten(latitude: lat, longitude: $0) }
                    }
                    check(coordinaten != nil, file, row, "coördinaten '\(row["latitude"]), \(row["longitude"])' zijn ongeldig")
                }
                seed.kernen.append(Kern(gemeente: row["gemeente"], code: row["code"], naam: row["naam"], coordinaten: coordinaten))
            }
        }
        let kernen = Set(seed.kernen.map { "\($0.gemeente)/\($0.code)" })

        if let csv = table("kern_buren.csv", ["gemeente", "kern", "buur"]) {
            for row in csv.rows {
                let file = "kern_buren.csv"
                for column in ["kern", "buur"] {
                    check(
                        kernen.contains("\(row["gemeente"])/\(row[column])"),
                        file,
                        row,
                        "onbekende kern '\(row[column])' in gemeente \(row["gemeente"])"
                    )
                }
                check(row["kern"] != row["buur"], file, row, "een kern is niet zijn eigen buur")
                seed.buren.append((row["gemeente"], row["kern"], row["buur"]))
            }
        }

        var teams: [String: Kernteam] = [:]
        if let csv = table("kernteams.csv", ["gemeente", "code", "naam"]) {
            for row in csv.rows {
                let file = "kernteams.csv"
                check(gemeenten.contains(row["gemeente"]), file, row, "onbekende gemeente '\(row["gemeente"])'")
                check(Code.isValid(row["code"]), file, row, "code '\(row["code"])' mag alleen kleine letters, cijfers en streepjes bevatten")
                let key = "\(row["gemeente"])/\(row["code"])"
                check(teams[key] == nil, file, row, "kernteam '\(row["code"])' staat er twee keer in")
                teams[key] = Kernteam(gemeente: row["gemeente"], code: row["code"], naam: row["naam"], kernen: [])
                seed.kernteams.append(teams[key]!)
            }
        }
        if let csv = table("kernteam_kernen.csv", ["gemeente", "kernteam", "kern"]) {
            var served: [String: Int] = [:]
            for row in csv.rows {
                let file = "kernteam_kernen.csv"
                let team = "\(row["gemeente"])/\(row["kernteam"])"
                let kern = "\(row["gemeente"])/\(row["kern"])"
                check(teams[team] != nil, file, row, "onbekend kernteam '\(row["kernteam"])'")
                check(kernen.contains(kern), file, row, "onbekende kern '\(row["kern"])'")
                check(served[kern] == nil, file, row, "kern '\(row["kern"])' heeft al een kernteam (regel \(served[kern] ?? 0))")
                served[kern] = row.line
                teams[team]?.kernen.append(row["kern"])
            }
            seed.kernteams = seed.kernteams.map { teams["\($0.gemeente)/\($0.code)"] ?? $0 }
        }

        if let csv = table("leefgebieden.csv", ["code", "naam", "volgorde"]) {
            for row in csv.rows {
                let file = "leefgebieden.csv"
                check(Code.isValid(row["code"]), file, row, "code '\(row["code"])' mag alleen kleine letters, cijfers en streepjes bevatten")
                let volgorde = Int(row["volgorde"])
                check(volgorde.map { $0 > 0 } ?? false, file, row, "volgorde '\(row["volgorde"])' is geen positief getal")
                seed.leefgebieden.append(Leefgebied(code: row["code"], naam: row["naam"], volgorde: volgorde ?? 0))
            }
        }
        let leefgebieden = Set(seed.leefgebieden.map(\.code))
        if let csv = table("zrm2010_leefgebieden.csv", ["zrm2010_code", "zrm2010_naam", "leefgebied"]) {
            for row in csv.rows {
                let file = "zrm2010_leefgebieden.csv"
                check(
                    Code.isValid(row["zrm2010_code"]),
                    file,
                    row,
                    "code '\(row["zrm2010_code"])' mag alleen kleine letters, cijfers en streepjes bevatten"
                )
                check(leefgebieden.contains(row["leefgebied"]), file, row, "onbekend leefgebied '\(row["leefgebied"])'")
                seed.zrm2010.append((row["zrm2010_code"], row["zrm2010_naam"], row["leefgebied"]))
            }
        }

        if let csv = table("taken.csv", ["code", "naam"]) {
            for row in csv.rows {
                check(Code.isValid(row["code"]), "taken.csv", row, "code '\(row["code"])' mag alleen kleine letters, cijfers en streepjes bevatten")
                check(!row["naam"].isEmpty, "taken.csv", row, "naam ontbreekt")
                seed.taken.append(Taak(code: row["code"], naam: row["naam"]))
            }
        }

        if let csv = table("demo-gebruikers.csv", ["naam", "gemeente", "weergavenaam", "rollen", "kernteams", "wachtwoord", "token"]) {
            for row in csv.rows {
                let file = "demo-gebruikers.csv"
                check(gemeenten.contains(row["gemeente"]), file, row, "onbekende gemeente '\(row["gemeente"])'")
                let rollen = row.list("rollen").map { ($0, Rol(rawValue: $0)) }
                for (text, rol) in rollen where rol == nil { check(false, file, row, "onbekende rol '\(text)'") }
                for kernteam in row.list("kernteams") {
                    check(teams["\(row["gemeente"])/\(kernteam)"] != nil, file, row, "onbekend kernteam '\(kernteam)'")
                }
                check(
                    row["token"].hasPrefix("vv_") && row["token"].count >= 32,
                    file,
                    row,
                    "token moet met vv_ beginnen en minstens 32 tekens lang zijn"
                )
                seed.gebruikers.append(
                    (
                        UserStore.NieuweGebruiker(
                            naam: row["naam"],
                            weergavenaam: row["weergavenaam"],
                            gemeente: row["gemeente"],
                            rollen: Set(rollen.compactMap(\.1)),
                            kernteams: Set(row.list("kernteams")),
                            wachtwoord: row["wachtwoord"].isEmpty ? nil : row["wachtwoord"]
                        ),
                        row["token"]
                    )
                )
            }
        }

        guard problems.isEmpty else { throw SeedError(problems: problems) }
        return seed
    }

    // MARK: - Writing

    /// Bulk upserts: one statement per table, the rows passed as arrays. Per-gemeente tables are
    /// written one gemeente at a time, each under its own row-level security scope.
    private func write(_ seed: Seed, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO leefgebieden (code, naam, volgorde) SELECT * FROM unnest($1::text[], $2::text[], $3::int8[])
            ON CONFLICT (code) DO UPDATE SET naam = excluded.naam, volgorde = excluded.volgorde
            """,
            [seed.leefgebieden.map(\.code), seed.leefgebieden.map(\.naam), seed.leefgebieden.map(\.volgorde)]
        )
        try await connection.execute(
            """
            INSERT INTO zrm2010_leefgebieden (zrm2010_code, zrm2010_naam, leefgebied)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
            ON CONFLICT (zrm2010_code, leefgebied) DO UPDATE SET zrm2010_naam = excluded.zrm2010_naam
            """,
            [seed.zrm2010.map(\.code), seed.zrm2010.map(\.naam), seed.zrm2010.map(\.leefgebied)]
        )
        try await connection.execute(
            """
            INSERT INTO taken (code, naam) SELECT * FROM unnest($1::text[], $2::text[])
            ON CONFLICT (code) DO UPDATE SET naam = excluded.naam
            """,
            [seed.taken.map(\.code), seed.taken.map(\.naam)]
        )

        for gemeente in seed.gemeenten {
            try await AccessScope.onderhoud(gemeente: gemeente.code).apply(on: connection)
            try await connection.execute(
                """
                INSERT INTO gemeenten (code, naam) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET naam = excluded.naam
                """,
                [gemeente.code, gemeente.naam]
            )
            let kernen = seed.kernen.filter { $0.gemeente == gemeente.code }
            try await connection.execute(
                """
                INSERT INTO kernen (gemeente, code, naam, latitude, longitude)
                SELECT $1, * FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[])
                ON CONFLICT (gemeente, code) DO UPDATE
                SET naam = excluded.naam, latitude = excluded.latitude, longitude = excluded.longitude
                """,
                [
                    gemeente.code, kernen.map(\.code), kernen.map(\.naam),
                    kernen.map { $0.coordinaten?.latitude }, kernen.map { $0.coordinaten?.longitude },
                ]
            )
            // Neighbours are symmetric: store both directions.
            let buren = seed.buren.filter { $0.gemeente == gemeente.code }
            try await connection.execute(
                """
                INSERT INTO kern_buren (gemeente, kern, buur)
                SELECT $1, * FROM unnest($2::text[], $3::text[])
                UNION SELECT $1, * FROM unnest($3::text[], $2::text[])
                ON CONFLICT DO NOTHING
                """,
                [gemeente.code, buren.map(\.kern), buren.map(\.buur)]
            )
            let teams = seed.kernteams.filter { $0.gemeente == gemeente.code }
            try await connection.execute(
                """
                INSERT INTO kernteams (gemeente, code, naam) SELECT $1, * FROM unnest($2::text[], $3::text[])
                ON CONFLICT (gemeente, code) DO UPDATE SET naam = excluded.naam
                """,
                [gemeente.code, teams.map(\.code), teams.map(\.naam)]
            )
            let served = teams.flatMap { team in team.kernen.map { (kern: $0, team: team.code) } }
            try await connection.execute(
                """
                INSERT INTO kernteam_kernen (gemeente, kern, kernteam) SELECT $1, * FROM unnest($2::text[], $3::text[])
                ON CONFLICT (gemeente, kern) DO UPDATE SET kernteam = excluded.kernteam
                """,
                [gemeente.code, served.map(\.kern), served.map(\.team)]
            )
        }
    }
}

/// Everything wrong with the seed files, each problem with its file and line.
public struct SeedError: Error, CustomStringConvertible {
    public struct Problem: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var message: String

        public init(file: String, line: Int, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }
    }

    public var problems: [Problem]

    public var description: String {
        "De seed-data bevat \(problems.count) fout(en); er is niets geladen:\n"
            + problems.map { "  \($0.file):\($0.line): \($0.message)" }.joined(separator: "\n")
    }
}
