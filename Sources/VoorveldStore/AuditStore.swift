import Foundation
import Postgres
import Voorveld

/// Writes and reads the audit log. Writing happens on the caller's connection, inside the same
/// transaction as the change it records: both happen, or neither.
public struct AuditStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    /// Appends `regel` for the gemeente of the transaction's scope.
    public static func record(_ regel: AuditRegel, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO auditlog (gemeente, gebruiker, rol, actie, object_type, object_id, doel, resultaat, request_id)
            VALUES ((SELECT huidige_gemeente()), $1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [
                regel.gebruiker, regel.rol?.rawValue, regel.actie, regel.objectType, regel.objectId, regel.doel,
                regel.resultaat.rawValue, regel.requestId,
            ]
        )
    }

    /// Records `regel` in a transaction of its own, for reads and refusals that change nothing else.
    public func record(_ regel: AuditRegel, in scope: AccessScope) async throws {
        try await pool.withTransaction(in: scope) { connection in try await Self.record(regel, on: connection) }
    }

    public struct Filter: Sendable {
        public var gebruiker: String?
        public var van: Date?
        public var tot: Date?
        /// Only lines with an id below this one (paging backwards from the newest).
        public var voor: Int?
        public var limiet: Int

        public init(gebruiker: String? = nil, van: Date? = nil, tot: Date? = nil, voor: Int? = nil, limiet: Int = 100) {
            self.gebruiker = gebruiker
            self.van = van
            self.tot = tot
            self.voor = voor
            self.limiet = limiet
        }
    }

    /// The newest lines first. Row-level security shows them only to a beheerder of the gemeente.
    public func list(_ filter: Filter, in scope: AccessScope) async throws -> [AuditRegel] {
        try await pool.withTransaction(in: scope) { connection in
            try await connection.query(
                """
                SELECT id, tijdstip, gebruiker, rol, actie, object_type, object_id, doel, resultaat, request_id
                FROM auditlog
                WHERE ($1::text IS NULL OR gebruiker = $1) AND ($2::timestamptz IS NULL OR tijdstip >= $2)
                  AND ($3::timestamptz IS NULL OR tijdstip < $3) AND ($4::bigint IS NULL OR id < $4)
                ORDER BY id DESC LIMIT $5
                """,
                [filter.gebruiker, filter.van, filter.tot, filter.voor, filter.limiet]
            ) { row in
                AuditRegel(
                    gebruiker: try row.decode(2),
                    rol: (try row.decode(3, as: String?.self)).flatMap(Rol.init(rawValue:)),
                    actie: try row.decode(4),
                    objectType: try row.decode(5),
                    objectId: try row.decode(6),
                    doel: try row.decode(7),
                    resultaat: try row.decode(8, as: AuditRegel.Resultaat.self),
                    requestId: try row.decode(9),
                    id: try row.decode(0),
                    tijdstip: try row.decode(1)
                )
            }
        }
    }
}
