import Foundation

/// Signals for the wethouder and the teams: intake falling month after month per kernteam ("watch
/// a falling trend and find out why"), gaps where open hulpvragen meet no supply, and how many
/// closed hulpvragen are still solved at nazorg.
public struct Signalen: Sendable, Hashable, Codable {
    public struct DalendeInstroom: Sendable, Hashable, Codable {
        public var kernteam: String
        /// The months of the fall, oldest first, with their intake.
        public var maanden: [String]
        public var instroom: [Aantal]
        public var toelichting: String
    }

    public struct Tekort: Sendable, Hashable, Codable {
        public var kern: String
        public var leefgebied: String
        public var openHulpvragen: Aantal
    }

    public var tot: String
    public var dalendeInstroom: [DalendeInstroom]
    public var tekorten: [Tekort]
    public var nogOpgelostBijNazorg: Aandeel
    public var onthullingsbeheer: Bool

    /// How many months in a row intake must fall to be a signal.
    public static let minimaalMaandenDalend = 3

    /// How many months at the end of the series intake fell, each month below the one before, when
    /// at least `minimaal` (a fall over three months needs four months of figures); else 0.
    public static func dalend(_ aantallen: [Int], minimaal: Int = minimaalMaandenDalend) -> Int {
        var lengte = 0
        var index = aantallen.count - 1
        while index > 0 && aantallen[index] < aantallen[index - 1] {
            lengte += 1
            index -= 1
        }
        return lengte >= minimaal ? lengte : 0
    }

    public init(
        tot: String, maanden: [String], instroom: [String: [String: Int]], kernteams: [String],
        tekorten: [(kern: String, leefgebied: String, aantal: Int)], nazorg: (gevraagd: Int, nogOpgelost: Int), onthulling: Onthulling?
    ) {
        self.tot = tot
        onthullingsbeheer = onthulling != nil
        func aantal(_ x: Int) -> Aantal { .getoond(x, onthulling) }
        dalendeInstroom = kernteams.compactMap { team in
            let reeks = maanden.map { instroom[team]?[$0] ?? 0 }
            let lengte = Self.dalend(reeks)
            guard lengte > 0 else { return nil }
            let deel = Array(maanden.indices.suffix(lengte + 1))
            // A falling run of hidden months would give its values away (4, 3, 2, 1): not shown.
            if deel.contains(where: { aantal(reeks[$0]).onderdrukt }) { return nil }
            return DalendeInstroom(
                kernteam: team, maanden: deel.map { maanden[$0] }, instroom: deel.map { aantal(reeks[$0]) },
                toelichting: "De instroom daalt \(lengte) maanden op rij; ga na waarom (bereikbaarheid, bekendheid, verschuiving naar het loket).")
        }
        self.tekorten = tekorten.map { Tekort(kern: $0.kern, leefgebied: $0.leefgebied, openHulpvragen: aantal($0.aantal)) }
        nogOpgelostBijNazorg = Aandeel(nazorg.nogOpgelost, van: nazorg.gevraagd, onthulling: onthulling)
    }
}
