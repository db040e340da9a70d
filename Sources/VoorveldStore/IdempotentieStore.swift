import Postgres

/// Makes a create safe to retry: the first answer to an `Idempotency-Key` is stored with the
/// record it created, in the same transaction, and a retry with the same key gets that answer
/// instead of a second record. Keys are per user; a key reused for a different request is refused.
public struct IdempotentieStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    /// An answer as sent: status, JSON body, `Location` and `ETag`.
    public struct Antwoord: Sendable, Equatable {
        public var status: Int
        public var body: String
        public var locatie: String?
        public var etag: String?

        public init(status: Int, body: String, locatie: String?, etag: String?) {
            self.status = status
            self.body = body
            self.locatie = locatie
            self.etag = etag
        }
    }

    /// The key was used before for another request.
    public struct AndereVerzoek: Error, Sendable {}

    /// Runs `create` in one transaction in `scope`, unless `sleutel` was seen before.
    /// - Parameters:
    ///   - sleutel: the client's `Idempotency-Key`, or nil to just run `create`.
    ///   - verzoek: what identifies the request (method, path and body); a retry must match it.
    /// - Returns: the answer, and whether it is a replay of an earlier one.
    /// - Throws: `AndereVerzoek` when the key belongs to a different request.
    public func eenmalig(
        sleutel: String?, verzoek: String, in scope: AccessScope, _ create: (PostgresConnection) async throws -> Antwoord
    ) async throws -> (antwoord: Antwoord, herhaald: Bool) {
        try await pool.withTransaction(in: scope) { connection in
            guard let sleutel else { return (try await create(connection), false) }
            // Two retries of one request arrive at once: the second waits here for the first to finish.
            try await connection.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", ["idempotentie/\(scope.gemeente)/\(scope.gebruiker)/\(sleutel)"])
            let hash = "encode(sha256(convert_to($2, 'UTF8')), 'hex')"
            if let eerder = try await connection.queryOne("""
                SELECT verzoek_hash = \(hash), status, antwoord, locatie, etag FROM idempotentie
                WHERE gemeente = huidige_gemeente() AND gebruiker = huidige_gebruiker() AND sleutel = $1
                """, [sleutel, verzoek], decode: { row in
                    (try row.decode(0, as: Bool.self),
                     Antwoord(status: try row.decode(1), body: try row.decode(2), locatie: try row.decode(3), etag: try row.decode(4)))
                }) {
                guard eerder.0 else { throw AndereVerzoek() }
                return (eerder.1, true)
            }
            let antwoord = try await create(connection)
            try await connection.execute("""
                INSERT INTO idempotentie (gemeente, sleutel, gebruiker, verzoek_hash, status, antwoord, locatie, etag)
                VALUES (huidige_gemeente(), $1, huidige_gebruiker(), \(hash), $3, $4, $5, $6)
                """, [sleutel, verzoek, antwoord.status, antwoord.body, antwoord.locatie, antwoord.etag])
            return (antwoord, false)
        }
    }
}
