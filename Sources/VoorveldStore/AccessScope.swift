import Postgres
import Voorveld

/// The scope PostgreSQL's row-level security sees for one transaction: a gemeente, a user, their
/// roles and kernteams. Without a scope a query sees no per-gemeente row at all.
///
/// For the service's role the database takes the scope from `bewijs` alone, the proof of the
/// user's token or session (sql/definitions/01_toegang.sql): the other fields say what the service expects, and are only
/// trusted on the owner's connections (maintenance).
public struct AccessScope: Sendable, Equatable {
    public var gemeente: String
    public var gebruiker: String
    public var rollen: [Rol]
    public var kernteams: [String]
    public var bewijs: String?

    public init(gemeente: String, gebruiker: String, rollen: [Rol], kernteams: [String], bewijs: String? = nil) {
        self.gemeente = gemeente
        self.gebruiker = gebruiker
        self.rollen = rollen.sorted()
        self.kernteams = kernteams.sorted()
        self.bewijs = bewijs
    }

    /// The scope of an authenticated person.
    public init(_ gebruiker: Gebruiker) {
        self.init(
            gemeente: gebruiker.gemeente,
            gebruiker: gebruiker.naam,
            rollen: Array(gebruiker.rollen),
            kernteams: Array(gebruiker.kernteams),
            bewijs: gebruiker.bewijs
        )
    }

    /// Maintenance by an operator (CLI, seed loading): one gemeente at a time, as beheerder and
    /// steunpunt (the registers), never as kernteamlid (no hulpvraag contents).
    public static func onderhoud(gemeente: String) -> AccessScope {
        AccessScope(gemeente: gemeente, gebruiker: "systeem", rollen: [.beheerder, .steunpunt], kernteams: [])
    }
}

extension ConnectionPool {
    /// Runs `body` in a transaction whose row-level security scope is `scope`. The settings are
    /// transaction-local (`set_config(..., true)`), so they end with the transaction and never
    /// leak to the next user of the connection.
    @discardableResult
    public func withTransaction<T>(
        in scope: AccessScope,
        _ isolation: IsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withTransaction(isolation) { connection in
            try await scope.apply(on: connection)
            return try await body(connection)
        }
    }
}

extension AccessScope {
    /// Sets this scope for the rest of the current transaction.
    public func apply(on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            SELECT set_config('voorveld.gemeente', $1, true), set_config('voorveld.gebruiker', $2, true),
                   set_config('voorveld.rollen', $3, true), set_config('voorveld.kernteams', $4, true),
                   set_config('voorveld.bewijs', $5, true)
            """,
            [gemeente, gebruiker, rollen.map(\.rawValue).joined(separator: ","), kernteams.joined(separator: ","), bewijs ?? ""]
        )
    }
}
