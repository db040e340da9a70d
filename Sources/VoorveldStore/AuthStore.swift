import Foundation
import Postgres
import Voorveld

/// Authentication: bearer tokens, password logins with rate limiting, and web sessions.
/// It works through the owner's authentication functions (`sql/definitions/01_toegang.sql`): the service role never reads a token or session table, nor a
/// password hash; it can start a session only with the right password.
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
    let limiter: PasswordCheckLimiter
    public let settings: Settings

    public init(
        pool: ConnectionPool,
        hasher: PasswordHasher = PasswordHasher(),
        settings: Settings = Settings(),
        limiter: PasswordCheckLimiter = .shared
    ) {
        self.pool = pool
        self.hasher = hasher
        self.settings = settings
        self.limiter = limiter
    }

    /// The user holding `token`, if it is valid now (not expired, not revoked, user not disabled).
    public func gebruiker(token: String) async throws -> Gebruiker? {
        // A real token is "vv_" and 43 characters; anything else is not worth a query.
        guard token.utf8.count < 200 else { return nil }
        return try await pool.withConnection { connection in
            try await connection.queryOne("SELECT * FROM authenticeer_token($1)", [token]) { row in
                try Self.decodeGebruiker(row, bewijs: "t:" + token)
            }
        }
    }

    /// The user of web session `sessie`, if it is still valid; using it counts as activity.
    public func gebruiker(sessie: String) async throws -> Gebruiker? {
        guard sessie.utf8.count < 200 else { return nil }
        return try await pool.withConnection { connection in
            try await connection.queryOne("SELECT * FROM authenticeer_sessie($1)", [sessie]) { row in
                try Self.decodeGebruiker(row, bewijs: "s:" + sessie)
            }
        }
    }

    public enum LoginResult: Sendable, Equatable {
        /// A new session; its secret goes into the cookie.
        case ingelogd(sessie: String)
        /// Wrong name or password (not said which).
        case ongeldig
        /// Too many failures for this name or address; try again after the window.
        case geblokkeerd
        /// Too many password checks at once on this server; try again in a moment.
        case bezet
    }

    /// Checks a password login and, when it is right, starts a new session.
    ///
    /// Every attempt, whether or not the name exists or could exist, is counted per name and per
    /// address before its password is checked (`inlog_begin`), and at most the limiter's number of
    /// bcrypt checks run at once, so that a flood of attempts cannot make a real login wait for
    /// seconds. The service never sees the stored hash: it gets the salt, computes the hash of
    /// what was typed, and the database compares it for this one attempt (`inlog_afronden`) and
    /// tells the outcome once that is committed (`inlog_uitkomst`).
    /// - Parameters:
    ///   - adres: the client's address, for the per-address limit.
    ///   - requestId: recorded in the audit log.
    public func login(naam: String, wachtwoord: String, adres: String, requestId: String? = nil) async throws -> LoginResult {
        // Any text is counted, as typed (lowercase, bounded), so that impossible names cannot be
        // tried for free; only a possible one can match a user.
        let naam = String(naam.lowercased().prefix(64))
        // The whole login holds a place: a login refused as busy has not been counted as a failure.
        let result = try await limiter.run { () async throws -> LoginResult in
            let since = Date().addingTimeInterval(-Double(settings.lockoutWindow.components.seconds))
            // Three calls, each its own transaction (sql/definitions/01_toegang.sql): the attempt is counted, the guess
            // handed in, and only then is the outcome told.
            let attempt = try await pool.withConnection { connection in
                try await connection.queryOne(
                    "SELECT * FROM inlog_begin($1, $2, $3, $4::integer, $5::integer, $6)",
                    [naam, adres, since, settings.maxFailuresPerName, settings.maxFailuresPerAddress, requestId]
                ) { row in
                    (id: try row.decode(0, as: UUID?.self), salt: try row.decode(1, as: String?.self), blocked: try row.decode(2, as: Bool.self))
                }
            }
            guard let attempt else { return .ongeldig }
            guard !attempt.blocked, let poging = attempt.id else { return .geblokkeerd }
            // With no salt (no such user, or one who cannot log in) the same work is done and the
            // attempt finished the same way, so that the answer takes as long.
            let computed = await hasher.compute(wachtwoord, salt: attempt.salt)
            // Always a new session id at login, so a planted id can never become a logged-in one.
            let sessie = Secret.generate()
            let ok = try await pool.withConnection { connection in
                let handedIn = try await connection.queryOne(
                    "SELECT inlog_afronden($1, $2, $3, $4, make_interval(secs => $5), make_interval(secs => $6), $7)",
                    [
                        poging, naam, computed, sessie, Double(settings.sessionIdle.components.seconds),
                        Double(settings.sessionMaximum.components.seconds), requestId,
                    ]
                ) { row in try row.decode(0, as: Bool.self) }
                guard handedIn == true else { return false }
                return try await connection.queryOne("SELECT inlog_uitkomst($1)", [poging]) { row in try row.decode(0, as: Bool.self) } == true
            }
            return ok && attempt.salt != nil ? .ingelogd(sessie: sessie) : .ongeldig
        }
        return result ?? .bezet
    }

    /// Ends a session; an unknown one is ignored.
    public func logout(sessie: String) async throws {
        try await pool.withConnection { connection in
            try await connection.execute("SELECT beeindig_sessie($1)", [sessie])
        }
    }

    static func decodeGebruiker(_ row: borrowing PostgresRow, bewijs: String) throws -> Gebruiker {
        Gebruiker(
            naam: try row.decode(1),
            weergavenaam: try row.decode(2),
            gemeente: try row.decode(0),
            rollen: Set(try row.decode(3, as: [Rol].self)),
            kernteams: Set(try row.decode(4, as: [String].self)),
            bewijs: bewijs
        )
    }
}
