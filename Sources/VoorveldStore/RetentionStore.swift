import Postgres

/// Removes personal data that is no longer needed (AVG: storage limitation).
///
/// For now: ended web sessions, failed-login records past the lockout window's use, API tokens
/// that expired or were revoked long ago, and the stored answers of idempotent creates. The audit log is kept: it is the municipality's
/// evidence of who saw what.
public struct RetentionStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    public struct Policy: Sendable {
        /// Sessions older than this are over in any case (the absolute session timeout).
        public var sessieMaximum: Duration = .seconds(10 * 3600)
        public var mislukteInlogpogingen: Duration = .seconds(86_400)
        public var ingetrokkenTokens: Duration = .seconds(90 * 86_400)
        /// Stored answers for Idempotency-Key retries; they may hold a hulpvraag's contents.
        public var idempotentie: Duration = .seconds(86_400)

        public init() {}
    }

    public struct Report: Sendable, Equatable, CustomStringConvertible {
        public var sessies = 0
        public var mislukteInlogpogingen = 0
        public var tokens = 0
        public var idempotentie = 0

        public var description: String {
            "\(sessies) ended session(s), \(mislukteInlogpogingen) old failed-login record(s), \(tokens) expired or revoked token(s), "
                + "\(idempotentie) stored idempotent answer(s)"
        }
    }

    /// Deletes what the policy says is no longer needed; with `dryRun`, only counts it.
    /// Runs as the owner of the tables.
    public func run(_ policy: Policy = Policy(), dryRun: Bool) async throws -> Report {
        try await pool.withTransaction { connection in
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
                "mislukte_inlogpogingen", "tijdstip < now() - make_interval(secs => $1)", policy.mislukteInlogpogingen)
            report.tokens = try await count(
                "api_tokens", "coalesce(ingetrokken_op, verloopt_op) < now() - make_interval(secs => $1)", policy.ingetrokkenTokens)
            report.idempotentie = try await count("idempotentie", "aangemaakt_op < now() - make_interval(secs => $1)", policy.idempotentie)
            return report
        }
    }
}
