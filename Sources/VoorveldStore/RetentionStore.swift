import Foundation
import Postgres

/// Removes personal data that is no longer needed (AVG: storage limitation).
///
/// Ended web sessions, failed-login records past the lockout window's use, API tokens that expired
/// or were revoked long ago, the stored answers of idempotent creates, and closed hulpvragen: first
/// what identifies the resident, later the hulpvraag itself. The audit log is kept: it is the
/// municipality's evidence of who saw what.
public struct RetentionStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    public struct Policy: Sendable {
        /// Sessions older than this are over in any case (the absolute session timeout).
        public var sessieMaximum: Duration = .seconds(10 * 3600)
        public var mislukteInlogpogingen: Duration = .days(1)
        public var ingetrokkenTokens: Duration = .days(90)
        /// Stored answers for Idempotency-Key retries; they may hold a hulpvraag's contents.
        public var idempotentie: Duration = .days(1)
        /// Closed hulpvragen lose the resident's initials, birth year, dossier reference and every
        /// free text (also of their koppelingen) this long after nazorg, or after closing when
        /// there is no nazorg. The figures keep them.
        public var hulpvraaggegevens: Duration = .days(365)
        /// Closed hulpvragen are deleted, with their koppelingen, this long after closing; from
        /// then on the figures of their months no longer count them.
        public var hulpvragen: Duration = .days(5 * 365 + 2)

        public init() {}
    }

    public struct Report: Sendable, Equatable, CustomStringConvertible {
        public var sessies = 0
        public var mislukteInlogpogingen = 0
        public var tokens = 0
        public var idempotentie = 0
        public var geanonimiseerd = 0
        public var hulpvragen = 0

        public var description: String {
            "\(sessies) ended session(s), \(mislukteInlogpogingen) old failed-login record(s), \(tokens) expired or revoked token(s), "
                + "\(idempotentie) stored idempotent answer(s), the resident's details of \(geanonimiseerd) closed hulpvraag(en), "
                + "\(hulpvragen) closed hulpvraag(en)"
        }
    }

    /// Deletes what the policy says is no longer needed; with `dryRun`, only counts it.
    /// Runs as the owner of the tables.
    public func run(_ policy: Policy = Policy(), dryRun: Bool) async throws -> Report {
        var report = try await pool.withTransaction { connection in
            let verb = dryRun ? "SELECT count(*) FROM" : "WITH weg AS (DELETE FROM"
            let tail = dryRun ? "" : " RETURNING 1) SELECT count(*) FROM weg"
            func count(_ table: String, _ condition: String, _ age: Duration) async throws -> Int {
                // Table and condition are fixed text from this file; only the age is a value.
                try await connection.queryOne("\(verb) \(table) WHERE \(condition)\(tail)", [Double(age.components.seconds)]) { row in
                    try row.decode(0, as: Int.self)
                } ?? 0
            }
            var report = Report()
            report.sessies = try await count("sessies", "aangemaakt_op < now() - make_interval(secs => $1)", policy.sessieMaximum)
            report.mislukteInlogpogingen = try await count(
                "mislukte_inlogpogingen",
                "tijdstip < now() - make_interval(secs => $1)",
                policy.mislukteInlogpogingen
            )
            report.tokens = try await count(
                "api_tokens",
                "coalesce(ingetrokken_op, verloopt_op) < now() - make_interval(secs => $1)",
                policy.ingetrokkenTokens
            )
            report.idempotentie = try await count("idempotentie", "aangemaakt_op < now() - make_interval(secs => $1)", policy.idempotentie)
            return report
        }
        (report.geanonimiseerd, report.hulpvragen) = try await hulpvragen(policy, dryRun: dryRun)
        return report
    }

    /// Closed hulpvragen, one gemeente at a time, so that the monthly figures (kept per gemeente,
    /// see sql/definitions/05_cijfers.sql) follow each change.
    private func hulpvragen(_ policy: Policy, dryRun: Bool) async throws -> (geanonimiseerd: Int, verwijderd: Int) {
        let gegevensDagen = policy.hulpvraaggegevens.days
        let hulpvraagDagen = policy.hulpvragen.days
        // $1: days for the resident's details, $2: days for the hulpvraag.
        let oud = "afgesloten_op < current_date - $2::int"
        let anoniem = """
            NOT \(oud) AND coalesce(nazorg_op, afgesloten_op) < current_date - $1::int
            AND (dossierreferentie IS NOT NULL OR initialen <> '-' OR geboortejaar IS NOT NULL OR omschrijving <> '')
            """
        let binds: [any PostgresEncodable] = [gegevensDagen, hulpvraagDagen]
        let gemeenten = try await pool.withConnection { connection in
            try await connection.query(
                "SELECT DISTINCT gemeente FROM hulpvragen WHERE status = 'afgesloten' AND (\(anoniem) OR \(oud)) ORDER BY 1",
                binds
            ) { row in try row.decode(0, as: String.self) }
        }
        var totaal = (geanonimiseerd: 0, verwijderd: 0)
        var eersteFout: (any Error)?
        for gemeente in gemeenten {
            // One gemeente failing does not stop the others; the first failure is thrown at the end.
            do {
                let (geanonimiseerd, verwijderd) = try await hulpvragen(van: gemeente, anoniem: anoniem, oud: oud, binds: binds, dryRun: dryRun)
                totaal.geanonimiseerd += geanonimiseerd
                totaal.verwijderd += verwijderd
            } catch {
                eersteFout = eersteFout ?? error
            }
        }
        if let eersteFout { throw eersteFout }
        return totaal
    }

    /// One gemeente's closed hulpvragen. Deleted in portions: every hulpvraag deleted takes a lock
    /// until its transaction ends (the figures' counting, sql/definitions/05_cijfers.sql), and a lock table has room for
    /// a few thousand.
    private func hulpvragen(
        van gemeente: String,
        anoniem: String,
        oud: String,
        binds: [any PostgresEncodable],
        dryRun: Bool
    ) async throws
        -> (geanonimiseerd: Int, verwijderd: Int)
    {
        func inGemeente<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
            try await pool.withTransaction { connection in
                try await connection.execute("SELECT set_config('voorveld.gemeente', $1, true)", [gemeente])
                try await connection.execute("SET LOCAL statement_timeout = 0")
                return try await body(connection)
            }
        }
        if dryRun {
            return try await inGemeente { connection in
                try await connection.queryOne(
                    """
                    SELECT count(*) FILTER (WHERE \(anoniem)), count(*) FILTER (WHERE \(oud))
                    FROM hulpvragen WHERE gemeente = (SELECT huidige_gemeente()) AND status = 'afgesloten'
                    """,
                    binds
                ) { row in (try row.decode(0, as: Int.self), try row.decode(1, as: Int.self)) } ?? (0, 0)
            }
        }
        let portie = 500
        var verwijderd = 0
        while true {
            let weg = try await inGemeente { connection in
                // Locked: none can be reopened or changed before they go.
                let ids = try await connection.query(
                    """
                    SELECT id FROM hulpvragen WHERE gemeente = (SELECT huidige_gemeente()) AND status = 'afgesloten' AND \(oud)
                    ORDER BY id LIMIT \(portie) FOR UPDATE
                    """,
                    binds
                ) { row in try row.decode(0, as: UUID.self) }
                try await connection.execute("DELETE FROM koppelingen WHERE gemeente = (SELECT huidige_gemeente()) AND hulpvraag = ANY($1)", [ids])
                return try await connection.execute("DELETE FROM hulpvragen WHERE gemeente = (SELECT huidige_gemeente()) AND id = ANY($1)", [ids])
            }
            verwijderd += weg
            if weg < portie { break }
        }
        // A new version, so that an edit begun before cannot write the details back. (Changes no count.)
        let geanonimiseerd = try await inGemeente { connection in
            try await connection.queryOne(
                """
                WITH anoniem AS (
                    UPDATE hulpvragen SET dossierreferentie = NULL, initialen = '-', geboortejaar = NULL, omschrijving = '',
                           versie = versie + 1, gewijzigd_op = now()
                    WHERE gemeente = (SELECT huidige_gemeente()) AND status = 'afgesloten' AND \(anoniem)
                    RETURNING id),
                koppelingen AS (
                    UPDATE koppelingen k SET toelichting = '', afsluiting = '', versie = k.versie + 1, gewijzigd_op = now() FROM anoniem a
                    WHERE k.gemeente = (SELECT huidige_gemeente()) AND k.hulpvraag = a.id AND (k.toelichting <> '' OR k.afsluiting <> ''))
                SELECT count(*) FROM anoniem
                """,
                binds
            ) { row in try row.decode(0, as: Int.self) } ?? 0
        }
        return (geanonimiseerd, verwijderd)
    }
}
