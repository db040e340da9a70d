import Foundation
import Postgres
import Voorveld

/// Users, their roles and their API tokens.
///
/// Adding, disabling and token management are operator tasks (the `voorveld users` and
/// `voorveld token` commands) and run on the owner's pool; each is audited in the user's gemeente.
/// Listing runs for a beheerder, within their scope.
public struct UserStore: Sendable {
    let pool: ConnectionPool
    let hasher: PasswordHasher

    public init(pool: ConnectionPool, hasher: PasswordHasher = PasswordHasher()) {
        self.pool = pool
        self.hasher = hasher
    }

    public struct NieuweGebruiker: Sendable {
        public var naam: String
        public var weergavenaam: String
        public var gemeente: String
        public var rollen: Set<Rol>
        public var kernteams: Set<String>
        /// Nil: no password login, only API tokens.
        public var wachtwoord: String?

        public init(naam: String, weergavenaam: String, gemeente: String, rollen: Set<Rol>, kernteams: Set<String> = [], wachtwoord: String? = nil) {
            self.naam = naam
            self.weergavenaam = weergavenaam
            self.gemeente = gemeente
            self.rollen = rollen
            self.kernteams = kernteams
            self.wachtwoord = wachtwoord
        }
    }

    /// A user as the beheerder sees one: never a password hash or token.
    public struct Overzicht: Sendable, Hashable, Codable {
        public var naam: String
        public var weergavenaam: String
        public var gemeente: String
        public var rollen: [Rol]
        public var kernteams: [String]
        public var uitgeschakeld: Bool
    }

    /// Adds a user (or, with `replace`, updates one of the same name: display name, roles,
    /// kernteams and, when given, the password).
    /// - Throws: `UserError` for invalid input, with a Dutch message.
    public func add(_ nieuw: NieuweGebruiker, replace: Bool = false, door: String = "systeem") async throws {
        try validate(nieuw)
        let hash: String? = if let wachtwoord = nieuw.wachtwoord { try await hasher.hash(wachtwoord) } else { nil }
        try await pool.withTransaction(in: .onderhoud(gemeente: nieuw.gemeente)) { connection in
            let known = try await connection.query(
                "SELECT code FROM kernteams WHERE gemeente = $1 AND code = ANY($2)",
                [nieuw.gemeente, Array(nieuw.kernteams)]
            ) { row in
                try row.decode(0, as: String.self)
            }
            if let missing = nieuw.kernteams.subtracting(known).sorted().first {
                throw UserError("onbekend kernteam '\(missing)' in gemeente \(nieuw.gemeente)")
            }
            let other = try await connection.queryOne("SELECT gemeente FROM gebruikers WHERE naam = $1", [nieuw.naam]) { row in
                try row.decode(0, as: String.self)
            }
            if let other {
                guard replace else { throw UserError("er bestaat al een gebruiker '\(nieuw.naam)'") }
                guard other == nieuw.gemeente else { throw UserError("gebruiker '\(nieuw.naam)' hoort bij een andere gemeente") }
            }
            try await connection.execute(
                """
                INSERT INTO gebruikers (gemeente, naam, weergavenaam, wachtwoord_hash) VALUES ($1, $2, $3, $4)
                ON CONFLICT (gemeente, naam) DO UPDATE
                SET weergavenaam = excluded.weergavenaam, wachtwoord_hash = coalesce(excluded.wachtwoord_hash, gebruikers.wachtwoord_hash)
                """,
                [nieuw.gemeente, nieuw.naam, nieuw.weergavenaam, hash]
            )
            if other != nil && hash != nil {
                // A new password ends every session begun with the old one.
                try await connection.execute("DELETE FROM sessies WHERE gemeente = $1 AND gebruiker = $2", [nieuw.gemeente, nieuw.naam])
            }
            try await connection.execute("DELETE FROM gebruiker_rollen WHERE gemeente = $1 AND gebruiker = $2", [nieuw.gemeente, nieuw.naam])
            try await connection.execute(
                """
                INSERT INTO gebruiker_rollen (gemeente, gebruiker, rol) SELECT $1, $2, unnest($3::text[])
                """,
                [nieuw.gemeente, nieuw.naam, nieuw.rollen.map(\.rawValue).sorted()]
            )
            try await connection.execute("DELETE FROM kernteamleden WHERE gemeente = $1 AND gebruiker = $2", [nieuw.gemeente, nieuw.naam])
            try await connection.execute(
                """
                INSERT INTO kernteamleden (gemeente, gebruiker, kernteam) SELECT $1, $2, unnest($3::text[])
                """,
                [nieuw.gemeente, nieuw.naam, nieuw.kernteams.sorted()]
            )
            try await AuditStore.record(
                Self.beheer(other == nil ? "gebruiker-toevoegen" : "gebruiker-wijzigen", naam: nieuw.naam, door: door),
                on: connection
            )
        }
    }

    /// Disables a user: their sessions end and their tokens stop working at once.
    /// - Returns: false when there is no such user.
    @discardableResult
    public func disable(naam: String, door: String = "systeem") async throws -> Bool {
        guard let gemeente = try await gemeente(of: naam) else { return false }
        try await pool.withTransaction(in: .onderhoud(gemeente: gemeente)) { connection in
            try await connection.execute(
                "UPDATE gebruikers SET uitgeschakeld_op = coalesce(uitgeschakeld_op, now()) WHERE gemeente = $1 AND naam = $2",
                [gemeente, naam]
            )
            try await connection.execute("DELETE FROM sessies WHERE gemeente = $1 AND gebruiker = $2", [gemeente, naam])
            try await Self.revokeAll(gemeente: gemeente, naam: naam, on: connection)
            try await AuditStore.record(Self.beheer("gebruiker-uitschakelen", naam: naam, door: door), on: connection)
        }
        return true
    }

    /// The users of one gemeente, as its beheerder (or an operator) sees them.
    public func list(in scope: AccessScope) async throws -> [Overzicht] {
        try await pool.withTransaction(in: scope) { connection in
            try await connection.query(
                """
                SELECT g.naam, g.weergavenaam, g.gemeente,
                       ARRAY(SELECT r.rol FROM gebruiker_rollen r WHERE r.gemeente = g.gemeente AND r.gebruiker = g.naam ORDER BY r.rol),
                       ARRAY(SELECT l.kernteam FROM kernteamleden l WHERE l.gemeente = g.gemeente AND l.gebruiker = g.naam ORDER BY l.kernteam),
                       g.uitgeschakeld_op IS NOT NULL
                FROM gebruikers g WHERE g.gemeente = $1 ORDER BY g.naam
                """,
                [scope.gemeente]
            ) { row in
                Overzicht(
                    naam: try row.decode(0),
                    weergavenaam: try row.decode(1),
                    gemeente: try row.decode(2),
                    rollen: try row.decode(3, as: [Rol].self),
                    kernteams: try row.decode(4),
                    uitgeschakeld: try row.decode(5)
                )
            }
        }
    }

    /// Creates an API token for `naam` and returns it; it is shown this once and stored only as a hash.
    public func createToken(naam: String, geldig: Duration = .days(90), omschrijving: String = "", door: String = "systeem") async throws -> String {
        guard let gemeente = try await gemeente(of: naam) else { throw UserError("er bestaat geen gebruiker '\(naam)'") }
        let token = Secret.generate(prefix: "vv_")
        try await store(token: token, naam: naam, gemeente: gemeente, geldig: geldig, omschrijving: omschrijving, door: door)
        return token
    }

    /// Stores a token chosen by the caller (the demo seed's documented tokens).
    func store(token: String, naam: String, gemeente: String, geldig: Duration, omschrijving: String, door: String) async throws {
        try await pool.withTransaction(in: .onderhoud(gemeente: gemeente)) { connection in
            let enabled = try await connection.queryOne(
                "SELECT uitgeschakeld_op IS NULL FROM gebruikers WHERE gemeente = $1 AND naam = $2",
                [gemeente, naam]
            ) { row in try row.decode(0, as: Bool.self) }
            guard enabled == true else { throw UserError("gebruiker '\(naam)' is uitgeschakeld") }
            try await connection.execute(
                """
                INSERT INTO api_tokens (gemeente, gebruiker, hash, omschrijving, verloopt_op)
                VALUES ($1, $2, sha256(convert_to($3, 'UTF8')), $4, now() + make_interval(secs => $5))
                ON CONFLICT (gemeente, hash) DO NOTHING
                """,
                [gemeente, naam, token, omschrijving, Double(geldig.components.seconds)]
            )
            try await AuditStore.record(Self.beheer("token-aanmaken", naam: naam, door: door), on: connection)
        }
    }

    /// Revokes every token of `naam`; the next request with one of them is refused.
    /// - Returns: how many tokens were revoked.
    @discardableResult
    public func revokeTokens(naam: String, door: String = "systeem") async throws -> Int {
        guard let gemeente = try await gemeente(of: naam) else { throw UserError("er bestaat geen gebruiker '\(naam)'") }
        return try await pool.withTransaction(in: .onderhoud(gemeente: gemeente)) { connection in
            let count = try await Self.revokeAll(gemeente: gemeente, naam: naam, on: connection)
            try await AuditStore.record(Self.beheer("token-intrekken", naam: naam, door: door), on: connection)
            return count
        }
    }

    /// The gemeente a login name belongs to (login names are unique across gemeenten).
    public func gemeente(of naam: String) async throws -> String? {
        try await pool.withConnection { connection in
            try await connection.queryOne("SELECT gemeente FROM gebruikers WHERE naam = $1", [naam]) { row in try row.decode(0, as: String.self) }
        }
    }

    @discardableResult
    private static func revokeAll(gemeente: String, naam: String, on connection: PostgresConnection) async throws -> Int {
        try await connection.execute(
            "UPDATE api_tokens SET ingetrokken_op = now() WHERE gemeente = $1 AND gebruiker = $2 AND ingetrokken_op IS NULL",
            [gemeente, naam]
        )
    }

    /// The audit line for a user-management action on `naam`.
    private static func beheer(_ actie: String, naam: String, door: String) -> AuditRegel {
        AuditRegel(
            gebruiker: door,
            rol: .beheerder,
            actie: actie,
            objectType: "gebruiker",
            objectId: naam,
            doel: "beheer gebruikers",
            resultaat: .toegestaan
        )
    }

    private func validate(_ nieuw: NieuweGebruiker) throws {
        guard Gebruikersnaam.isValid(nieuw.naam) else {
            throw UserError(
                "gebruikersnaam '\(nieuw.naam)' is ongeldig: 2 tot 63 kleine letters, cijfers of . _ @ -, beginnend met een letter of cijfer"
            )
        }
        guard Code.isGemeentecode(nieuw.gemeente) else { throw UserError("gemeente '\(nieuw.gemeente)' is geen CBS-gemeentecode") }
        guard !nieuw.weergavenaam.trimmingCharacters(in: .whitespaces).isEmpty else { throw UserError("weergavenaam ontbreekt") }
        guard !nieuw.rollen.isEmpty else { throw UserError("een gebruiker heeft minstens één rol") }
        if nieuw.rollen.contains(.kernteamlid) && nieuw.kernteams.isEmpty {
            throw UserError("een kernteamlid hoort bij minstens één kernteam")
        }
        if !nieuw.rollen.contains(.kernteamlid) && !nieuw.kernteams.isEmpty {
            throw UserError("alleen een kernteamlid hoort bij kernteams")
        }
        if let wachtwoord = nieuw.wachtwoord, wachtwoord.count < PasswordHasher.minimumLength {
            throw UserError("een wachtwoord heeft minstens \(PasswordHasher.minimumLength) tekens")
        }
    }
}

/// Invalid input for a user operation; the message is Dutch.
public struct UserError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
