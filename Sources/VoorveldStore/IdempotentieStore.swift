import Postgres

/// Makes a create safe to retry: the first request with an `Idempotency-Key` stores the key with
/// the record it created, in the same transaction, and a retry with the same key is told which
/// record that was instead of making a second one. Keys are per user; a key reused for a different
/// request is refused. Only status, `Location` and `ETag` are kept, never the record itself: a
/// retry reads the record again, through row-level security and the audit log.
public struct IdempotentieStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    /// What is kept of the first answer.
    public struct Antwoord: Sendable, Equatable {
        public var status: Int
        public var locatie: String?
        public var etag: String?

        public init(status: Int, locatie: String?, etag: String?) {
            self.status = status
            self.locatie = locatie
            self.etag = etag
        }
    }

    public enum Uitkomst<Waarde: Sendable>: Sendable {
        /// Created now.
        case nieuw(Waarde)
        /// Created by an earlier request with the same key.
        case herhaald(Antwoord)
    }

    /// The key was used before for another request.
    public struct AndereVerzoek: Error, Sendable {}

    /// Runs `create` in one transaction in `scope`, unless `sleutel` was seen before.
    /// - Parameters:
    ///   - sleutel: the client's `Idempotency-Key`, or nil to just run `create`.
    ///   - verzoek: what identifies the request (method, path and body); a retry must match it.
    ///   - create: makes the record and says what to keep of the answer.
    /// - Throws: `AndereVerzoek` when the key belongs to a different request.
    public func eenmalig<Waarde: Sendable>(
        sleutel: String?,
        verzoek: String,
        in scope: AccessScope,
        _ create: (PostgresConnection) async throws -> (waarde: Waarde, antwoord: Antwoord)
    ) async throws -> Uitkomst<Waarde> {
        try await pool.withTransaction(in: scope) { connection in
            guard let sleutel else { return .nieuw(try await create(connection).waarde) }
            // Two retries of one request arrive at once: the second waits here for the first to finish.
            try await connection.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                ["idempotentie/\(scope.gemeente)/\(scope.gebruiker)/\(sleutel)"]
            )
            let hash = "encode(sha256(convert_to($2, 'UTF8')), 'hex')"
            if let eerder = try await connection.queryOne(
                """
                SELECT verzoek_hash = \(hash), status, locatie, etag FROM idempotentie
                WHERE gemeente = (SELECT huidige_gemeente()) AND gebruiker = huidige_gebruiker() AND sleutel = $1
                """,
                [sleutel, verzoek],
                decode: { row in
                    (try row.decode(0, as: Bool.self), Antwoord(status: try row.decode(1), locatie: try row.decode(2), etag: try row.decode(3)))
                }
            ) {
                guard eerder.0 else { throw AndereVerzoek() }
                return .herhaald(eerder.1)
            }
            let (waarde, antwoord) = try await create(connection)
            try await connection.execute(
                """
                INSERT INTO idempotentie (gemeente, sleutel, gebruiker, verzoek_hash, status, locatie, etag)
                VALUES ((SELECT huidige_gemeente()), $1, huidige_gebruiker(), \(hash), $3, $4, $5)
                """,
                [sleutel, verzoek, antwoord.status, antwoord.locatie, antwoord.etag]
            )
            return .nieuw(waarde)
        }
    }
}
