/// A municipality, by its CBS code (`GM1734`).
public struct Gemeente: Sendable, Hashable, Codable {
    public var code: String
    public var naam: String

    public init(code: String, naam: String) {
        self.code = code
        self.naam = naam
    }
}

/// A village or district of a gemeente.
public struct Kern: Sendable, Hashable, Codable {
    public var gemeente: String
    public var code: String
    public var naam: String
    public var coordinaten: Coordinaten?

    public init(gemeente: String, code: String, naam: String, coordinaten: Coordinaten?) {
        self.gemeente = gemeente
        self.code = code
        self.naam = naam
        self.coordinaten = coordinaten
    }
}

/// A point in WGS84.
public struct Coordinaten: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init?(latitude: Double, longitude: Double) {
        guard (-90...90).contains(latitude), (-180...180).contains(longitude) else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// A multidisciplinary team serving one or more kernen.
public struct Kernteam: Sendable, Hashable, Codable {
    public var gemeente: String
    public var code: String
    public var naam: String
    /// The kernen it serves, including those without a team of their own.
    public var kernen: [String]

    public init(gemeente: String, code: String, naam: String, kernen: [String]) {
        self.gemeente = gemeente
        self.code = code
        self.naam = naam
        self.kernen = kernen
    }
}

/// A member of one of the user's own kernteams, as colleagues know them: the login name a
/// hulpvraag's regisseur is stored by, and the name shown.
public struct Collega: Sendable, Hashable, Codable {
    public var naam: String
    public var weergavenaam: String
    public var kernteam: String

    public init(naam: String, weergavenaam: String, kernteam: String) {
        self.naam = naam
        self.weergavenaam = weergavenaam
        self.kernteam = kernteam
    }
}

/// A life domain of the Zelfredzaamheidsmatrix (ZRM 2017).
public struct Leefgebied: Sendable, Hashable, Codable {
    public var code: String
    public var naam: String
    public var volgorde: Int

    public init(code: String, naam: String, volgorde: Int) {
        self.code = code
        self.naam = naam
        self.volgorde = volgorde
    }
}

/// Codes are lowercase words joined by hyphens: `elst-noord`, `sociaal-netwerk`.
public enum Code {
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return !text.isEmpty
            && parts.allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
    }

    /// A CBS gemeentecode: `GM` and four digits.
    public static func isGemeentecode(_ text: String) -> Bool {
        text.count == 6 && text.hasPrefix("GM") && text.dropFirst(2).allSatisfy { $0.isASCII && $0.isWholeNumber }
    }
}

/// A concrete task a volunteer or voorziening helps with: administratie, vervoer, ...
public struct Taak: Sendable, Hashable, Codable {
    public var code: String
    public var naam: String

    public init(code: String, naam: String) {
        self.code = code
        self.naam = naam
    }
}
