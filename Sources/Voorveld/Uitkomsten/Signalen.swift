import Foundation

/// Signals for the wethouder and the teams: intake falling month after month per kernteam ("watch
/// a falling trend and find out why") and gaps where open hulpvragen meet no supply. Under
/// disclosure control both are read from the protected counts, the same cells as the intake table,
/// so a signal tells nothing the shown counts do not. (How many closed hulpvragen are still solved
/// at nazorg is in the monitoring of a month, quarter or year: over a rolling twelve months it
/// would be a figure over ever-shifting periods.)
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
    public var onthullingsbeheer: Bool
    /// Under disclosure control: how the figures are protected, in one sentence.
    public var bescherming: String?

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
        tot: String,
        maanden: [String],
        instroom: [String: [String: Cel]],
        kernteams: [String],
        tekorten: [(kern: String, leefgebied: String, aantal: Cel)],
        onthulling: Onthulling?
    ) {
        self.tot = tot
        onthullingsbeheer = onthulling != nil
        bescherming = onthulling?.uitleg
        func aantal(_ cel: Cel) -> Aantal { .getoond(cel, onthulling) }
        // The intake of all kernteams in a month: a month's cell is shown as in the intake table.
        let maandtotalen = Dictionary(uniqueKeysWithValues: maanden.map { maand in (maand, instroom.values.compactMap { $0[maand] }.som()) })
        dalendeInstroom = kernteams.compactMap { team in
            let reeks = maanden.map { Kruistabel.cel(instroom[team]?[$0] ?? .leeg, kolomtotaal: maandtotalen[$0] ?? .leeg, onthulling) }
            // A hidden month breaks a run: a falling run of hidden months would give its values away.
            let lengte = Self.dalend(reeks.map { $0.waarde ?? -1 })
            let deel = Array(maanden.indices.suffix(lengte + 1))
            guard lengte > 0, !deel.contains(where: { reeks[$0].onderdrukt }) else { return nil }
            return DalendeInstroom(
                kernteam: team,
                maanden: deel.map { maanden[$0] },
                instroom: deel.map { reeks[$0] },
                toelichting: "De instroom daalt \(lengte) maanden op rij; ga na waarom (bereikbaarheid, bekendheid, verschuiving naar het loket)."
            )
        }
        // Most open hulpvragen first, by what is shown, then by kern and leefgebied. Under disclosure
        // control a gap is listed only when its count is shown: a listed gap with a hidden count would
        // tell that someone in that kern has an open hulpvraag about that leefgebied.
        self.tekorten = tekorten.map { Tekort(kern: $0.kern, leefgebied: $0.leefgebied, openHulpvragen: aantal($0.aantal)) }
            .filter { onthulling == nil || !$0.openHulpvragen.onderdrukt }
            .enumerated().sorted { ($0.element.openHulpvragen.waarde ?? 0, -$0.offset) > ($1.element.openHulpvragen.waarde ?? 0, -$1.offset) }
            .map(\.element)
    }
}
