import CalendarDate
import Postgres
import Voorveld

/// The figures of closed hulpvragen, counted by PostgreSQL (`cijfers_voorliggend_veld`), which
/// gives a wethouder counts only and a kernteamlid those of their own kernteams.
public struct CijfersStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    /// The groups a figure can be split by.
    public static let indelingen = ["totaal", "kernteam", "kern", "maand", "kwartaal", "jaar", "leefgebied", "kanaal", "jeugd"]

    /// Exact counts per group, and for the whole scope, of hulpvragen closed from `van` to `tot`.
    public func voorliggendVeld(van: CalendarDate, tot: CalendarDate, per: String, in scope: AccessScope, audit: AuditRegel) async throws
        -> (tellingen: [Telling], totaal: Telling)
    {
        try await pool.withTransaction(in: scope) { connection in
            func tel(_ groep: String) async throws -> [Telling] {
                try await connection.query("SELECT * FROM cijfers_voorliggend_veld($1, $2, $3)", [van, tot, groep]) { row in
                    Telling(waarde: try row.decode(0), afgesloten: try row.decode(1), teltMee: try row.decode(2), alleen: try row.decode(3),
                            betrokken: try row.decode(4), ingetrokken: try row.decode(5))
                }
            }
            let tellingen = per == "totaal" ? [] : try await tel(per)
            let totaal = try await tel("totaal").first ?? Telling(waarde: "totaal", afgesloten: 0, teltMee: 0, alleen: 0, betrokken: 0, ingetrokken: 0)
            try await AuditStore.record(audit, on: connection)
            return (tellingen, totaal)
        }
    }
}
