/// What a user may do in Voorveld, per gemeente. One person can have several roles.
public enum Rol: String, CaseIterable, Sendable, Codable, Comparable {
    /// Works on the hulpvragen of their own kernteams.
    case kernteamlid
    /// Vrijwilligerssteunpunt: maintains the gemeente's volunteers and voorzieningen.
    case steunpunt
    /// Wethouder and policy staff: aggregated figures only, never a person.
    case wethouder
    /// Functional administrator: users, kernen, kernteams, code lists, the audit log.
    case beheerder

    public static func < (lhs: Rol, rhs: Rol) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The roles that see figures only under disclosure control (`Onthulling`): someone who has
    /// one of them gets protected figures, also when they have another role too. A kernteamlid
    /// sees the exact figures of their own kernteams.
    public static let onderOnthullingsbeheer: Set<Rol> = [.wethouder]
}

extension Gebruiker {
    /// Whether this person's figures are under disclosure control.
    public var onderOnthullingsbeheer: Bool { !rollen.isDisjoint(with: Rol.onderOnthullingsbeheer) }
}

/// The person behind a request, with everything that decides what they may see.
public struct Gebruiker: Sendable, Hashable, Codable {
    /// The login name, unique across gemeenten.
    public var naam: String
    public var weergavenaam: String
    public var gemeente: String
    public var rollen: Set<Rol>
    /// The kernteams whose hulpvragen this person works on (as kernteamlid).
    public var kernteams: Set<String>
    /// How this person proved who they are: `t:` and the API token, or `s:` and the session
    /// secret, of this request (nil for an operator's maintenance). PostgreSQL hashes it, looks it
    /// up and derives the transaction's row-level security scope from it alone (sql/definitions/01_toegang.sql); never
    /// shown, never encoded.
    public var bewijs: String?

    public init(naam: String, weergavenaam: String, gemeente: String, rollen: Set<Rol>, kernteams: Set<String>, bewijs: String? = nil) {
        self.naam = naam
        self.weergavenaam = weergavenaam
        self.gemeente = gemeente
        self.rollen = rollen
        self.kernteams = kernteams
        self.bewijs = bewijs
    }

    private enum CodingKeys: String, CodingKey { case naam, weergavenaam, gemeente, rollen, kernteams }

    public func heeft(_ rol: Rol) -> Bool { rollen.contains(rol) }

    /// Whether this person works on the hulpvragen of `kernteam`.
    public func werktIn(kernteam: String) -> Bool { heeft(.kernteamlid) && kernteams.contains(kernteam) }
}

/// Login names: lowercase letters, digits and `. _ @ -`, 2 to 63 characters, starting with a letter or digit.
public enum Gebruikersnaam {
    public static func isValid(_ naam: String) -> Bool {
        guard (2...63).contains(naam.count), let first = naam.unicodeScalars.first,
            ("a"..."z").contains(first) || ("0"..."9").contains(first)
        else { return false }
        return naam.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._@-".unicodeScalars.contains($0) }
    }
}
