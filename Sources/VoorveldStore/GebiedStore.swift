import Postgres
import Voorveld

/// Reads gemeenten, kernen and kernteams.
public struct GebiedStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    /// Per gemeente how many kernen and kernteams it has, by name.
    public func overzicht() async throws -> [GemeenteOverzicht] {
        try await pool.withConnection { connection in
            try await connection.query("""
                SELECT g.code, g.naam,
                       (SELECT count(*) FROM kernen k WHERE k.gemeente = g.code),
                       (SELECT count(*) FROM kernteams t WHERE t.gemeente = g.code)
                FROM gemeenten g ORDER BY g.naam
                """) { row in
                GemeenteOverzicht(
                    gemeente: Gemeente(code: try row.decode(0), naam: try row.decode(1)),
                    kernen: try row.decode(2), kernteams: try row.decode(3))
            }
        }
    }
}
