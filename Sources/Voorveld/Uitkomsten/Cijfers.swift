import Foundation

/// A count with its cell key: the sum of the record keys of the hulpvragen it counts (random per
/// hulpvraag, drawn by the database, never shown). The same hulpvragen always give the same key,
/// and keys add up as counts do, so a total's key is the sum of its parts' keys.
public struct Cel: Sendable, Hashable {
    public var aantal: Int
    public var sleutel: UInt64

    public init(_ aantal: Int, sleutel: UInt64 = 0) {
        self.aantal = aantal
        self.sleutel = sleutel
    }

    /// From the database's sum of keys (a bigint).
    public init(_ aantal: Int, sleutelsom: Int64) { self.init(aantal, sleutel: UInt64(bitPattern: sleutelsom)) }

    public static let leeg = Cel(0)

    public static func + (a: Cel, b: Cel) -> Cel { Cel(a.aantal + b.aantal, sleutel: a.sleutel &+ b.sleutel) }
    public static func += (a: inout Cel, b: Cel) { a = a + b }
}

extension Sequence where Element == Cel {
    public func som() -> Cel { reduce(.leeg, +) }
}

/// Counts of closed hulpvragen for one group (a kernteam, a month, a leefgebied, ...), exact,
/// as the database gives them, each with its cell key. They never leave the service unchecked: see `Onthulling`.
public struct Telling: Sendable, Hashable {
    public var waarde: String
    public var afgesloten: Cel
    /// Closed with an outcome that counts (all but withdrawn): the denominator of both percentages.
    public var teltMee: Cel
    /// Solved with the voorliggend veld only: numerator of percentage (a).
    public var alleen: Cel
    /// Solved with the voorliggend veld involved: numerator of percentage (b).
    public var betrokken: Cel
    public var ingetrokken: Cel

    public init(waarde: String, afgesloten: Cel, teltMee: Cel, alleen: Cel, betrokken: Cel, ingetrokken: Cel) {
        self.waarde = waarde
        self.afgesloten = afgesloten
        self.teltMee = teltMee
        self.alleen = alleen
        self.betrokken = betrokken
        self.ingetrokken = ingetrokken
    }

    public static func leeg(_ waarde: String) -> Telling {
        Telling(waarde: waarde, afgesloten: .leeg, teltMee: .leeg, alleen: .leeg, betrokken: .leeg, ingetrokken: .leeg)
    }
}

/// Disclosure control for the roles that may not see exact counts (`Rol.zietExacteCijfers`), by
/// cell-key perturbation, the method of the Australian Bureau of Statistics' TableBuilder and the
/// German census tables for tables on request:
/// - every count gets noise from `ruistabel` (at most `maximaleRuis` either way), chosen by the
///   count and its cell key alone. The same hulpvragen always get the same noise, in whatever
///   answer, grouping, table or page they are counted, so asking again gives nothing new, and the
///   difference of two answers (two periods, a total and its rows, a count and its complement) is
///   a difference of noisy counts, never an exact one;
/// - a count whose noisy value is below `drempel` is not shown, and neither is 0: if 0 were shown,
///   "hidden" would mean "at least one", and a total whose noise is at its extreme minus its hidden
///   parts could pin them (a test of ours found exactly that); so under disclosure control every
///   group is listed, also one with nothing, and a missing row tells nothing either;
/// - periods are whole months, quarters or years (`Cijferperiode`), so no two periods differ by a
///   few days;
/// - percentages are computed from the shown counts, from `minimumNoemer` on, so they tell nothing
///   the counts beside them do not.
/// Shown counts therefore need not add up exactly to their totals; where a shown part would exceed
/// its shown whole it is shown as the whole (`hoogstens`), so a page never contradicts itself.
/// Applied in the service, so exact counts never leave it for these roles.
public struct Onthulling: Sendable, Equatable {
    public var drempel: Int
    public var minimumNoemer: Int

    public init(drempel: Int = 5, minimumNoemer: Int = 10) {
        self.drempel = drempel
        self.minimumNoemer = minimumNoemer
    }

    /// The noise and its chance in thousandths: mostly none or one, rarely three.
    public static let ruistabel: [(ruis: Int, kans: Int)] = [(-3, 10), (-2, 70), (-1, 220), (0, 400), (1, 220), (2, 70), (3, 10)]
    public static let maximaleRuis = 3

    /// How the figures are protected, in one sentence, for the page and the API.
    public var uitleg: String {
        "De cijfers zijn beschermd met vaste ruis per cel: elk aantal wijkt hooguit \(Self.maximaleRuis) af van het echte, "
            + "dezelfde hulpvragen krijgen altijd dezelfde afwijking, aantallen onder de \(drempel) (ook 0) worden niet getoond (–), "
            + "percentages komen uit de getoonde aantallen vanaf \(minimumNoemer) hulpvragen en perioden zijn hele maanden, "
            + "kwartalen of jaren, zodat ook samen bekeken antwoorden geen echt klein aantal prijsgeven; "
            + "daardoor tellen delen niet altijd precies op tot het totaal."
    }

    /// The noise of a cell: a fixed function of its count and key (a 64-bit mix, SplitMix64's
    /// finaliser, of the key's lower 32 bits and the count), drawn from `ruistabel`.
    public static func ruis(_ cel: Cel) -> Int {
        var x = (cel.sleutel & 0xFFFF_FFFF) | (UInt64(truncatingIfNeeded: cel.aantal) << 32)
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        var rest = Int(x % 1000)
        for (ruis, kans) in ruistabel {
            if rest < kans { return ruis }
            rest -= kans
        }
        return 0
    }

    /// A count as such a role may see it: hidden, or with its noise.
    public func toon(_ cel: Cel) -> Aantal {
        if cel.aantal == 0 { return .verborgen }
        let waarde = cel.aantal + Self.ruis(cel)
        return waarde < drempel ? .verborgen : Aantal(waarde: waarde, onderdrukt: false, metRuis: true)
    }

    /// A share of shown counts in whole percents, or nil when the whole is hidden or too small.
    public func percentage(_ teller: Aantal, van noemer: Aantal) -> Double? {
        guard let t = teller.waarde, let n = noemer.waarde, n >= minimumNoemer else { return nil }
        return (Double(min(t, n)) / Double(n) * 100).rounded()
    }

    /// A part shown as at most its wholes: noise may have lifted it above them.
    public static func hoogstens(_ deel: Aantal, _ gehelen: Aantal...) -> Aantal {
        guard var waarde = deel.waarde else { return deel }
        for geheel in gehelen { if let grens = geheel.waarde { waarde = min(waarde, grens) } }
        return Aantal(waarde: waarde, onderdrukt: false, metRuis: deel.metRuis)
    }
}

/// A count as shown: exact, with noise (for the wethouder), or suppressed.
public struct Aantal: Sendable, Hashable, Codable {
    public var waarde: Int?
    public var onderdrukt: Bool
    /// Shown with the noise of disclosure control (see `Onthulling`).
    public var metRuis: Bool = false

    public static func exact(_ waarde: Int) -> Aantal { Aantal(waarde: waarde, onderdrukt: false) }
    public static let verborgen = Aantal(waarde: nil, onderdrukt: true)

    /// Shown as the viewer may see it: exact without disclosure control.
    public static func getoond(_ cel: Cel, _ onthulling: Onthulling?) -> Aantal {
        onthulling?.toon(cel) ?? .exact(cel.aantal)
    }
}

extension Onthulling {
    /// A share as the viewer may see it: under disclosure control from the shown counts (see
    /// `percentage(_:van:)`), else exact, to one decimal.
    public static func percentage(_ teller: Aantal, van noemer: Aantal, exact: (teller: Int, noemer: Int), _ onthulling: Onthulling?) -> Double? {
        if let onthulling { return onthulling.percentage(teller, van: noemer) }
        return exact.noemer > 0 ? (Double(exact.teller) / Double(exact.noemer) * 1000).rounded() / 10 : nil
    }
}

/// A percentage with its numerator and denominator, or nothing when the denominator is too small
/// (or a part is suppressed).
public struct Percentage: Sendable, Hashable, Codable {
    public var teller: Aantal
    public var noemer: Aantal
    /// Rounded to one decimal; nil when not shown.
    public var percentage: Double?
}

/// The voorliggend-veld percentage by group, in both definitions, as a wethouder may see it.
public struct VoorliggendVeldCijfers: Sendable, Hashable, Codable {
    public struct Rij: Sendable, Hashable, Codable {
        public var waarde: String
        public var afgesloten: Aantal
        public var ingetrokken: Aantal
        /// (a) solved with the voorliggend veld only.
        public var alleenVoorliggendVeld: Percentage
        /// (b) solved with the voorliggend veld involved, also with maatwerk.
        public var voorliggendVeldBetrokken: Percentage
    }

    public var per: String
    public var van: String
    public var tot: String
    public var rijen: [Rij]
    /// The whole period and scope, once.
    public var totaal: Rij
    public var definities: [String: String]
    /// Whether the counts are under disclosure control (for the wethouder) or exact (the team's own).
    public var onthullingsbeheer: Bool
    /// Under disclosure control: how the figures are protected, in one sentence.
    public var bescherming: String?

    public static let definities = [
        "alleenVoorliggendVeld":
            "Het deel van de afgesloten hulpvragen met een uitkomst (ingetrokken niet meegeteld) dat is opgelost met alleen het voorliggend veld: eigen kracht, netwerk, vrijwilligers en algemene voorzieningen.",
        "voorliggendVeldBetrokken": "Het deel van dezelfde hulpvragen dat is opgelost met het voorliggend veld, ook samen met maatwerk.",
        "ingetrokken": "Ingetrokken hulpvragen tellen niet mee in de percentages en staan apart.",
    ]

    /// The figures from exact counts; with `onthulling`, as a role without exact counts may see them.
    /// - Parameter totaal: the counts of the whole scope (for leefgebieden not the sum of the rows:
    ///   a hulpvraag counts once per leefgebied).
    public init(per: String, van: String, tot: String, tellingen: [Telling], totaal: Telling, onthulling: Onthulling?) {
        self.per = per
        self.van = van
        self.tot = tot
        definities = Self.definities
        onthullingsbeheer = onthulling != nil
        bescherming = onthulling?.uitleg
        func rij(_ telling: Telling) -> Rij {
            func aantal(_ cel: Cel) -> Aantal { .getoond(cel, onthulling) }
            // Each part at most its whole, so that noise never shows more solved than closed.
            let afgesloten = aantal(telling.afgesloten)
            let noemer = Onthulling.hoogstens(aantal(telling.teltMee), afgesloten)
            let betrokken = Onthulling.hoogstens(aantal(telling.betrokken), noemer)
            let alleen = Onthulling.hoogstens(aantal(telling.alleen), betrokken)
            func deel(_ teller: Aantal, _ exact: Cel) -> Percentage {
                Percentage(
                    teller: teller,
                    noemer: noemer,
                    percentage: Onthulling.percentage(teller, van: noemer, exact: (exact.aantal, telling.teltMee.aantal), onthulling)
                )
            }
            return Rij(
                waarde: telling.waarde,
                afgesloten: afgesloten,
                ingetrokken: Onthulling.hoogstens(aantal(telling.ingetrokken), afgesloten),
                alleenVoorliggendVeld: deel(alleen, telling.alleen),
                voorliggendVeldBetrokken: deel(betrokken, telling.betrokken)
            )
        }
        rijen = tellingen.map(rij)
        self.totaal = rij(totaal)
    }
}
