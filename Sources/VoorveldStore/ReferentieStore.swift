import Postgres
import Voorveld

/// The codes input may refer to, for one gemeente: its kernen and kernteams, the leefgebieden
/// and the taken.
public struct ReferentieStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    public func referenties(in scope: AccessScope) async throws -> Referenties {
        try await pool.withTransaction(in: scope) { connection in try await Self.referenties(on: connection) }
    }

    static func referenties(on connection: PostgresConnection) async throws -> Referenties {
        let rows = try await connection.query(
            """
            SELECT 'kern', k.code, t.kernteam FROM kernen k
                LEFT JOIN kernteam_kernen t ON t.gemeente = k.gemeente AND t.kern = k.code
                WHERE k.gemeente = (SELECT huidige_gemeente())
            UNION ALL SELECT 'kernteam', code, NULL FROM kernteams WHERE gemeente = (SELECT huidige_gemeente())
            UNION ALL SELECT 'leefgebied', code, NULL FROM leefgebieden
            UNION ALL SELECT 'taak', code, NULL FROM taken
            """
        ) { row in (try row.decode(0, as: String.self), try row.decode(1, as: String.self), try row.decode(2, as: String?.self)) }
        func codes(_ kind: String) -> Set<String> { Set(rows.filter { $0.0 == kind }.map(\.1)) }
        let teams = rows.compactMap { row in row.2.map { (row.1, $0) } }
        return Referenties(
            kernen: codes("kern"),
            kernteams: codes("kernteam"),
            leefgebieden: codes("leefgebied"),
            taken: codes("taak"),
            kernteamVanKern: Dictionary(teams, uniquingKeysWith: { first, _ in first })
        )
    }

    /// The code lists everyone may read.
    public func leefgebieden() async throws -> [Leefgebied] {
        try await pool.withConnection { connection in try await Self.leefgebieden(on: connection) }
    }

    public static func leefgebieden(on connection: PostgresConnection) async throws -> [Leefgebied] {
        try await connection.query("SELECT code, naam, volgorde FROM leefgebieden ORDER BY volgorde") { row in
            Leefgebied(code: try row.decode(0), naam: try row.decode(1), volgorde: try row.decode(2))
        }
    }

    public func taken() async throws -> [Taak] {
        try await pool.withConnection { connection in try await Self.taken(on: connection) }
    }

    public static func taken(on connection: PostgresConnection) async throws -> [Taak] {
        try await connection.query("SELECT code, naam FROM taken ORDER BY naam") { row in
            Taak(code: try row.decode(0), naam: try row.decode(1))
        }
    }
}
