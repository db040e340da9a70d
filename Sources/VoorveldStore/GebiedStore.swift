import Postgres
import Voorveld

/// Reads gemeenten, kernen and kernteams, always within a scope: row-level security shows only
/// the scope's gemeente, whatever a query asks for.
public struct GebiedStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    /// The scope's gemeente with how many kernen and kernteams it has.
    public func overzicht(in scope: AccessScope) async throws -> GemeenteOverzicht? {
        try await pool.withTransaction(in: scope) { connection in
            try await connection.queryOne(
                """
                SELECT g.code, g.naam,
                       (SELECT count(*) FROM kernen k WHERE k.gemeente = g.code),
                       (SELECT count(*) FROM kernteams t WHERE t.gemeente = g.code)
                FROM gemeenten g WHERE g.code = $1
                """,
                [scope.gemeente]
            ) { row in
                GemeenteOverzicht(
                    gemeente: Gemeente(code: try row.decode(0), naam: try row.decode(1)),
                    kernen: try row.decode(2),
                    kernteams: try row.decode(3)
                )
            }
        }
    }

    /// The nazorg period of the scope's gemeente in days; set first when `dagen` is given (7 to
    /// 730, or `Invoerfouten`), and audited then. Nil when the gemeente does not exist.
    public func nazorgDagen(zetten dagen: Int? = nil, in scope: AccessScope) async throws -> Int? {
        if let dagen, !(7...730).contains(dagen) {
            throw Invoerfouten([Veldfout(veld: "nazorgDagen", melding: "moet tussen 7 en 730 dagen liggen")])
        }
        return try await pool.withTransaction(in: scope) { connection in
            guard let dagen else { return try await Self.nazorgDagen(on: connection) }
            let gezet = try await connection.queryOne(
                "UPDATE gemeenten SET nazorg_dagen = $1 WHERE code = (SELECT huidige_gemeente()) RETURNING nazorg_dagen",
                [dagen]
            ) { row in
                try row.decode(0, as: Int.self)
            }
            if gezet != nil {
                try await AuditStore.record(
                    AuditRegel(
                        gebruiker: scope.gebruiker,
                        rol: .beheerder,
                        actie: "nazorgtermijn-wijzigen",
                        objectType: "gemeente",
                        objectId: scope.gemeente,
                        doel: "beheer gemeente",
                        resultaat: .toegestaan
                    ),
                    on: connection
                )
            }
            return gezet
        }
    }

    /// The nazorg period of the gemeente in scope, in the caller's transaction.
    static func nazorgDagen(on connection: PostgresConnection) async throws -> Int? {
        try await connection.queryOne("SELECT nazorg_dagen FROM gemeenten WHERE code = (SELECT huidige_gemeente())") { row in
            try row.decode(0, as: Int.self)
        }
    }

    public func kernen(in scope: AccessScope) async throws -> [Kern] {
        try await pool.withTransaction(in: scope) { connection in try await Self.kernen(on: connection) }
    }

    /// The kernen of the gemeente of the caller's transaction.
    public static func kernen(on connection: PostgresConnection) async throws -> [Kern] {
        try await connection.query(
            """
            SELECT gemeente, code, naam, latitude, longitude FROM kernen WHERE gemeente = (SELECT huidige_gemeente()) ORDER BY naam
            """,
            decode: Self.decodeKern
        )
    }

    public func kernteams(in scope: AccessScope) async throws -> [Kernteam] {
        try await pool.withTransaction(in: scope) { connection in try await Self.kernteams(on: connection) }
    }

    /// The kernteams of the gemeente of the caller's transaction.
    public static func kernteams(on connection: PostgresConnection) async throws -> [Kernteam] {
        try await connection.query(
            Self.kernteamQuery + " WHERE t.gemeente = (SELECT huidige_gemeente()) ORDER BY t.naam",
            decode: Self.decodeKernteam
        )
    }

    /// The enabled members of the caller's own kernteams (`collegas()`), once per kernteam.
    public static func collegas(on connection: PostgresConnection) async throws -> [Collega] {
        try await connection.query("SELECT naam, weergavenaam, kernteam FROM collegas()") { row in
            Collega(naam: try row.decode(0), weergavenaam: try row.decode(1), kernteam: try row.decode(2))
        }
    }

    public func kernteam(_ code: String, in scope: AccessScope) async throws -> Kernteam? {
        try await pool.withTransaction(in: scope) { connection in
            try await connection.queryOne(
                Self.kernteamQuery + " WHERE t.gemeente = $1 AND t.code = $2",
                [scope.gemeente, code],
                decode: Self.decodeKernteam
            )
        }
    }

    static let kernteamQuery = """
        SELECT t.gemeente, t.code, t.naam,
               ARRAY(SELECT tk.kern FROM kernteam_kernen tk WHERE tk.gemeente = t.gemeente AND tk.kernteam = t.code ORDER BY tk.kern)
        FROM kernteams t
        """

    @Sendable static func decodeKernteam(_ row: borrowing PostgresRow) throws -> Kernteam {
        Kernteam(gemeente: try row.decode(0), code: try row.decode(1), naam: try row.decode(2), kernen: try row.decode(3))
    }

    @Sendable static func decodeKern(_ row: borrowing PostgresRow) throws -> Kern {
        let latitude = try row.decode(3, as: Double?.self)
        let longitude = try row.decode(4, as: Double?.self)
        return Kern(
            gemeente: try row.decode(0),
            code: try row.decode(1),
            naam: try row.decode(2),
            coordinaten: latitude.flatMap { lat in longitude.flatMap { Coordinaten(latitude: lat, longitude: $0) } }
        )
    }
}
