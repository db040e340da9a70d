import Foundation
import Postgres
import Voorveld

/// Authentication: bearer tokens, password logins with rate limiting, and web sessions.
/// It works through the owner's authentication functions (see `sql/002_toegang_en_audit.sql`):
/// the service role never reads a token or session table, and reads a password hash only for the
/// one login it is checking.
public struct AuthStore: Sendable {
    public struct Settings: Sendable {
        /// A session ends after this long without use.
        public var sessionIdle: Duration = .seconds(30 * 60)
        /// And at the latest this long after login: a working day.
        public var sessionMaximum: Duration = .seconds(10 * 3600)
        /// Failed logins are counted over this window.
        public var lockoutWindow: Duration = .seconds(15 * 60)
        public var maxFailuresPerName = 5
        public var maxFailuresPerAddress = 20

        public init() {}
    }

    let pool: ConnectionPool
    let hasher: PasswordHasher
    public let settings: Settings

    public init(pool: ConnectionPool, hasher: PasswordHasher = PasswordHasher(), settings: Settings = Settings()) {
        self.pool = pool
        self.hasher = hasher
        self.settings = settings
    }

    /// The user holding `token`, if it is valid now (not expired, not revoked, user not disabled).
    public func gebruiker(token: String) async throws -> Gebruiker? {
        // A real token is "vv_" and 43 characters; anything else is not worth a query.
        guard token.utf8.count < 200 else { return nil }
        return try await pool.withConnection { connection in
            try await connection.queryOne("SELECT * FROM authenticeer_token($1)", [token], decode: Self.decodeGebruiker)
        }
    }

    /// The user of web session `sessie`, if it is still valid; using it counts as activity.
    public func gebruiker(sessie: String) async throws -> Gebruiker? {
        guard sessie.utf8.count < 200 else { return nil }
        return try await pool.withConnection { connection in
            try await connection.queryOne(
                "SELECT * FROM authenticeer_sessie($1, make_interval(secs => $2), make_interval(secs => $3))",
                [sessie, Double(settings.sessionIdle.components.seconds), Double(settings.sessionMaximum.components.seconds)],
                decode: Self.decodeGebruiker)
        }
    }

    public enum LoginResult: Sendable, Equatable {
        /// A new session; its secret goes into the cookie.
        case ingelogd(sessie: String)
        /// Wrong name or password (not said which).
        case ongeldig
        /// Too many failures for this name or address; try again after the window.
        case geblokkeerd
    }

    /// Checks a password login and, when it is right, starts a new session.
    /// - Parameters:
    ///   - adres: the client's address, for the per-address limit.
    ///   - requestId: recorded in the audit log.
    public func login(naam: String, wachtwoord: String, adres: String, requestId: String? = nil) async throws -> LoginResult {
        let naam = naam.lowercased()
        guard Gebruikersnaam.isValid(naam) else {
            // Not a possible name: answer as slowly as a wrong password, and store nothing.
            _ = await hasher.verify(wachtwoord, hash: nil)
            return .ongeldig
        }
        let since = Date().addingTimeInterval(-Double(settings.lockoutWindow.components.seconds))
        // Counted as a failure before the password is checked, under a lock per name, so that
        // parallel guesses cannot all slip under the limit; success clears it again.
        let attempt = try await pool.withConnection { connection in
            try await connection.queryOne(
                "SELECT * FROM inlog_poging($1, $2, $3, $4::integer, $5::integer)",
                [naam, adres, since, settings.maxFailuresPerName, settings.maxFailuresPerAddress]
            ) { row in
                (gemeente: try row.decode(0, as: String?.self), hash: try row.decode(1, as: String?.self),
                 disabled: try row.decode(2, as: Bool?.self), blocked: try row.decode(3, as: Bool.self))
            }
        }
        guard let attempt else { return .ongeldig }
        if attempt.blocked {
            try await audit(gemeente: attempt.gemeente, naam: naam, resultaat: .geweigerd, doel: "inloggen (geblokkeerd)", requestId: requestId)
            return .geblokkeerd
        }
        let valid = await hasher.verify(wachtwoord, hash: attempt.hash) && attempt.disabled == false
        guard valid else {
            try await audit(gemeente: attempt.gemeente, naam: naam, resultaat: .geweigerd, doel: "inloggen", requestId: requestId)
            return .ongeldig
        }
        // Always a new session id at login, so a planted id can never become a logged-in one.
        let sessie = Secret.generate()
        try await pool.withConnection { connection in
            try await connection.execute("SELECT start_sessie($1, $2)", [naam, sessie])
        }
        try await audit(gemeente: attempt.gemeente, naam: naam, resultaat: .toegestaan, doel: "inloggen", requestId: requestId)
        return .ingelogd(sessie: sessie)
    }

    /// Ends a session; an unknown one is ignored.
    public func logout(sessie: String) async throws {
        try await pool.withConnection { connection in
            try await connection.execute("SELECT beeindig_sessie($1)", [sessie])
        }
    }

    /// Logins are audited in the user's gemeente; a name that exists nowhere has no gemeente to log in.
    private func audit(gemeente: String?, naam: String, resultaat: AuditRegel.Resultaat, doel: String, requestId: String?) async throws {
        guard let gemeente else { return }
        let scope = AccessScope(gemeente: gemeente, gebruiker: naam, rollen: [], kernteams: [])
        try await pool.withTransaction(in: scope) { connection in
            try await AuditStore.record(
                AuditRegel(gebruiker: naam, rol: nil, actie: "inloggen", objectType: "sessie", objectId: nil, doel: doel,
                           resultaat: resultaat, requestId: requestId),
                on: connection)
        }
    }

    @Sendable static func decodeGebruiker(_ row: borrowing PostgresRow) throws -> Gebruiker {
        Gebruiker(
            naam: try row.decode(1), weergavenaam: try row.decode(2), gemeente: try row.decode(0),
            rollen: Set(try row.decode(3, as: [String].self).compactMap(Rol.init(rawValue:))),
            kernteams: Set(try row.decode(4, as: [String].self)))
    }
}
