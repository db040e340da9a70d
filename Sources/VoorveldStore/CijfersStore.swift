import CalendarDate
import Postgres
import Voorveld

/// The figures of closed hulpvragen, counted by PostgreSQL (`cijfers_voorliggend_veld`), which
/// gives a wethouder counts only and a kernteamlid those of their own kernteams.
///
/// With a reports database (a streaming replica of the primary), the figures are read there, so
/// heavy reports never slow down the kernteams' work; the audit row of each read is written to the
/// primary, which is the only database that takes writes.
public struct CijfersStore: Sendable {
    let pool: ConnectionPool
    let rapportage: ConnectionPool?

    public init(pool: ConnectionPool, rapportage: ConnectionPool? = nil) {
        self.pool = pool
        self.rapportage = rapportage
    }

    /// Reads in one snapshot, on the reports database when there is one, and records `audit`:
    /// figures read together in `body` (with the `static` readers below) always agree. `body` only
    /// reads: on the reports database its transaction is read-only.
    public func momentopname<T: Sendable>(in scope: AccessScope, audit: AuditRegel, _ body: (PostgresConnection) async throws -> T) async throws -> T
    {
        guard let rapportage else {
            return try await pool.withTransaction(in: scope, .repeatableRead) { connection in
                let result = try await body(connection)
                try await AuditStore.record(audit, on: connection)
                return result
            }
        }
        // Read-only, so a reports URL that names a writable server by mistake still writes nothing.
        let result = try await rapportage.withTransaction(in: scope, .repeatableReadReadOnly, body)
        try await pool.withTransaction(in: scope) { connection in try await AuditStore.record(audit, on: connection) }
        return result
    }

    /// The groups a figure can be split by.
    public static let indelingen = ["totaal", "kernteam", "kern", "maand", "kwartaal", "jaar", "leefgebied", "kanaal", "jeugd"]

    /// Exact counts per group, and for the whole scope, of hulpvragen closed from `van` to `tot`.
    public func voorliggendVeld(
        van: CalendarDate,
        tot: CalendarDate,
        per: String,
        in scope: AccessScope,
        audit: AuditRegel
    ) async throws
        -> Tellingen
    {
        // One snapshot for the rows and the total, so they always agree.
        try await momentopname(in: scope, audit: audit) { connection in
            try await Self.voorliggendVeld(van: van, tot: tot, per: per, in: scope, on: connection)
        }
    }

    /// Counts per group and for the whole scope.
    public typealias Tellingen = (tellingen: [Telling], totaal: Telling)

    /// The counts in the caller's snapshot. Under disclosure control (`Rol.onderOnthullingsbeheer`)
    /// with a row for every group of the scope, also one with nothing closed: a missing row would
    /// tell a 0 that the figures no longer show.
    public static func voorliggendVeld(
        van: CalendarDate,
        tot: CalendarDate,
        per: String,
        in scope: AccessScope,
        on connection: PostgresConnection
    ) async throws
        -> Tellingen
    {
        func tel(_ groep: String) async throws -> [Telling] {
            try await connection.query("SELECT * FROM cijfers_voorliggend_veld($1, $2, $3)", [van, tot, groep]) { row in
                Telling(
                    waarde: try row.decode(0),
                    afgesloten: try row.cel(1, sleutel: 6),
                    teltMee: try row.cel(2, sleutel: 7),
                    alleen: try row.cel(3, sleutel: 8),
                    betrokken: try row.cel(4, sleutel: 9),
                    ingetrokken: try row.cel(5, sleutel: 10)
                )
            }
        }
        var tellingen = per == "totaal" ? [] : try await tel(per)
        let totaal = try await tel("totaal").first ?? .leeg("totaal")
        if scope.rollen.contains(where: Rol.onderOnthullingsbeheer.contains) {
            let gelezen = Set(tellingen.map(\.waarde))
            let ontbrekend = try await groepen(per, van: van, tot: tot, in: scope, on: connection).filter { !gelezen.contains($0) }
            tellingen = (tellingen + ontbrekend.map(Telling.leeg)).sorted { $0.waarde < $1.waarde }
        }
        return (tellingen, totaal)
    }

    /// Every group of `per` in the scope: its kernteams, their kernen, every leefgebied, kanaal and
    /// age group, and every month, quarter or year of the period up to today.
    static func groepen(
        _ per: String,
        van: CalendarDate,
        tot: CalendarDate,
        in scope: AccessScope,
        on connection: PostgresConnection
    ) async throws -> [String] {
        let laatste = min(tot, CalendarDate.vandaag())
        let maanden =
            laatste < van ? [] : (van.year * 12 + van.month - 1...laatste.year * 12 + laatste.month - 1).map { (jaar: $0 / 12, maand: $0 % 12 + 1) }
        func uniek(_ codes: [String]) -> [String] { codes.reduce(into: []) { if $0.last != $1 { $0.append($1) } } }
        switch per {
        case "kernteam": return try await kernteams(in: scope, on: connection)
        case "kern": return try await kernen(try await kernteams(in: scope, on: connection), on: connection)
        case "leefgebied":
            return try await connection.query("SELECT code FROM leefgebieden ORDER BY code") { row in try row.decode(0, as: String.self) }
        case "kanaal": return Kanaal.allCases.map(\.rawValue)
        case "jeugd": return ["jeugd", "volwassen"]
        case "maand": return maanden.map { String(format: "%04d-%02d", $0.jaar, $0.maand) }
        case "kwartaal": return uniek(maanden.map { "\($0.jaar)-K\(($0.maand - 1) / 3 + 1)" })
        case "jaar": return uniek(maanden.map { "\($0.jaar)" })
        default: return []
        }
    }

    static func kernen(_ kernteams: [String], on connection: PostgresConnection) async throws -> [String] {
        try await connection.query(
            """
            SELECT k.kern FROM kernteam_kernen k WHERE k.gemeente = (SELECT huidige_gemeente()) AND k.kernteam = ANY($1) ORDER BY k.kern
            """,
            [kernteams]
        ) { row in try row.decode(0, as: String.self) }
    }

    /// What the monitoring tables are made of, for hulpvragen received from `van` to `tot`.
    public struct Monitoringgegevens: Sendable {
        public var kernteams: [String]
        public var kernen: [String]
        public var leefgebieden: [String]
        public var instroom: [Monitoring.Groep]
        public var perLeefgebied: [(kern: String, leefgebied: String, aantal: Cel)]
        public var nazorg: (gevraagd: Cel, nogOpgelost: Cel)
    }

    public func monitoring(van: CalendarDate, tot: CalendarDate, in scope: AccessScope, audit: AuditRegel) async throws -> Monitoringgegevens {
        try await momentopname(in: scope, audit: audit) { connection in try await Self.monitoring(van: van, tot: tot, in: scope, on: connection) }
    }

    /// The monitoring data in the caller's snapshot.
    public static func monitoring(
        van: CalendarDate,
        tot: CalendarDate,
        in scope: AccessScope,
        on connection: PostgresConnection
    ) async throws
        -> Monitoringgegevens
    {
        let kernteams = try await Self.kernteams(in: scope, on: connection)
        let kernen = try await Self.kernen(kernteams, on: connection)
        let leefgebieden = try await connection.query("SELECT code FROM leefgebieden ORDER BY volgorde") { row in try row.decode(0, as: String.self) }
        let instroom = try await Self.instroom(van: van, tot: tot, on: connection)
        let perLeefgebied = try await connection.query("SELECT * FROM cijfers_leefgebieden($1, $2)", [van, tot]) { row in
            (kern: try row.decode(0, as: String.self), leefgebied: try row.decode(1, as: String.self), aantal: try row.cel(2))
        }
        let nazorg = try await Self.nazorg(van: van, tot: tot, on: connection)
        return Monitoringgegevens(
            kernteams: kernteams,
            kernen: kernen,
            leefgebieden: leefgebieden,
            instroom: instroom,
            perLeefgebied: perLeefgebied,
            nazorg: nazorg
        )
    }

    /// Intake per kernteam per month and the supply gaps, for the signals: only what they use, in
    /// one snapshot.
    public func signalen(van: CalendarDate, tot: CalendarDate, in scope: AccessScope, audit: AuditRegel) async throws -> Signaalgegevens {
        try await momentopname(in: scope, audit: audit) { connection in try await Self.signalen(van: van, tot: tot, in: scope, on: connection) }
    }

    public typealias Signaalgegevens = (
        kernteams: [String], instroom: [String: [String: Cel]], tekorten: [(kern: String, leefgebied: String, aantal: Cel)]
    )

    /// The signals' data in the caller's snapshot.
    public static func signalen(
        van: CalendarDate,
        tot: CalendarDate,
        in scope: AccessScope,
        on connection: PostgresConnection
    ) async throws -> Signaalgegevens {
        let kernteams = try await Self.kernteams(in: scope, on: connection)
        let instroom = Monitoring.perKernteamPerMaand(try await Self.instroom(van: van, tot: tot, on: connection))
        let tekorten = try await connection.query("SELECT * FROM cijfers_tekorten()") { row in
            (kern: try row.decode(0, as: String.self), leefgebied: try row.decode(1, as: String.self), aantal: try row.cel(2))
        }
        return (kernteams, instroom, tekorten)
    }

    /// The kernteams a table has rows for: all of the gemeente for a wethouder, else the caller's own;
    /// also those with nothing to count.
    static func kernteams(in scope: AccessScope, on connection: PostgresConnection) async throws -> [String] {
        let eigen = scope.rollen.contains(.wethouder) ? nil : scope.kernteams
        return try await connection.query(
            "SELECT code FROM kernteams WHERE gemeente = (SELECT huidige_gemeente()) AND ($1::text[] IS NULL OR code = ANY($1)) ORDER BY code",
            [eigen]
        ) { row in
            try row.decode(0, as: String.self)
        }
    }

    static func instroom(van: CalendarDate, tot: CalendarDate, on connection: PostgresConnection) async throws -> [Monitoring.Groep] {
        try await connection.query("SELECT * FROM cijfers_instroom($1, $2)", [van, tot]) { row in
            Monitoring.Groep(
                kernteam: try row.decode(0),
                maand: try row.decode(1),
                kanaal: try row.decode(2),
                jeugd: try row.decode(3),
                huisbezoek: try row.decode(4),
                aantal: try row.cel(5, sleutel: 7),
                terugkeer: try row.cel(6, sleutel: 8)
            )
        }
    }

    static func nazorg(van: CalendarDate, tot: CalendarDate, on connection: PostgresConnection) async throws -> (gevraagd: Cel, nogOpgelost: Cel) {
        try await connection.queryOne("SELECT * FROM cijfers_nazorg($1, $2)", [van, tot]) { row in
            (gevraagd: try row.cel(0, sleutel: 2), nogOpgelost: try row.cel(1, sleutel: 3))
        } ?? (.leeg, .leeg)
    }

}

extension PostgresRow {
    /// A count and its sum of keys, in column `kolom` and `sleutel` (by default the next one).
    func cel(_ kolom: Int, sleutel: Int? = nil) throws -> Cel {
        Cel(try decode(kolom, as: Int.self), sleutelsom: try decode(sleutel ?? kolom + 1, as: Int64.self))
    }
}
