import Foundation

/// Counts of closed hulpvragen for one group (a kernteam, a month, a leefgebied, ...), exact,
/// as the database gives them. They never leave the service unchecked: see `Onthulling`.
public struct Telling: Sendable, Hashable {
    public var waarde: String
    public var afgesloten: Int
    /// Closed with an outcome that counts (all but withdrawn): the denominator of both percentages.
    public var teltMee: Int
    /// Solved with the voorliggend veld only: numerator of percentage (a).
    public var alleen: Int
    /// Solved with the voorliggend veld involved: numerator of percentage (b).
    public var betrokken: Int
    public var ingetrokken: Int

    public init(waarde: String, afgesloten: Int, teltMee: Int, alleen: Int, betrokken: Int, ingetrokken: Int) {
        self.waarde = waarde
        self.afgesloten = afgesloten
        self.teltMee = teltMee
        self.alleen = alleen
        self.betrokken = betrokken
        self.ingetrokken = ingetrokken
    }
}

/// Disclosure control: small counts are never shown (below `drempel`), with secondary suppression
/// so that a total cannot reveal a suppressed cell; every other count is rounded to a multiple of
/// `afronding`, so that subtracting two answers (two periods, a total and its rows, a count and its
/// complement) gives nothing exact; and percentages only from `minimumNoemer` on, in whole
/// percents, and not when the count or its complement is small. Applied in the service, so exact
/// small counts never leave it.
public struct Onthulling: Sendable, Equatable {
    public var drempel: Int
    public var minimumNoemer: Int
    public var afronding: Int

    public init(drempel: Int = 5, minimumNoemer: Int = 10, afronding: Int = 5) {
        self.drempel = drempel
        self.minimumNoemer = minimumNoemer
        self.afronding = afronding
    }

    /// A count as the wethouder may see it: 0, hidden, or rounded.
    public func toon(_ aantal: Int) -> Aantal {
        if aantal == 0 { return .exact(0) }
        if aantal < drempel { return .verborgen }
        return Aantal(waarde: (aantal + afronding / 2) / afronding * afronding, onderdrukt: false, afgerond: afronding > 1)
    }

    /// A share in whole percents, or nil when it would give a small count away.
    public func percentage(_ teller: Int, van noemer: Int) -> Double? {
        guard noemer >= minimumNoemer, teller == 0 || teller >= drempel, noemer - teller == 0 || noemer - teller >= drempel else { return nil }
        return (Double(teller) / Double(noemer) * 100).rounded()
    }

    /// Which cells of a row or column that adds up to a shown total must be hidden: those below
    /// the threshold (but not 0, which reveals nothing), and when exactly one is hidden, also the
    /// smallest other non-zero one, so the total minus the others does not give it away.
    /// - Parameter alVerborgen: cells hidden already for another reason (a cross table's other direction).
    public func onderdrukt(_ cellen: [Int], alVerborgen: Set<Int> = []) -> Set<Int> {
        var verborgen = alVerborgen.union(cellen.indices.filter { cellen[$0] > 0 && cellen[$0] < drempel })
        if verborgen.count == 1 {
            let ander = cellen.indices.filter { !verborgen.contains($0) && cellen[$0] > 0 }.min { cellen[$0] < cellen[$1] }
            if let ander { verborgen.insert(ander) }
        }
        return verborgen
    }
}

/// A count as shown: exact, rounded (for the wethouder), or suppressed.
public struct Aantal: Sendable, Hashable, Codable {
    public var waarde: Int?
    public var onderdrukt: Bool
    /// Rounded to a multiple of 5 (disclosure control).
    public var afgerond: Bool = false

    public static func exact(_ waarde: Int) -> Aantal { Aantal(waarde: waarde, onderdrukt: false) }
    public static let verborgen = Aantal(waarde: nil, onderdrukt: true)

    /// Shown as the viewer may see it: exact without disclosure control.
    public static func getoond(_ waarde: Int, _ onthulling: Onthulling?) -> Aantal {
        onthulling?.toon(waarde) ?? .exact(waarde)
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
    /// Whether small counts were suppressed (for the wethouder) or are exact (the team's own).
    public var onthullingsbeheer: Bool

    public static let definities = [
        "alleenVoorliggendVeld": "Het deel van de afgesloten hulpvragen met een uitkomst (ingetrokken niet meegeteld) dat is opgelost met alleen het voorliggend veld: eigen kracht, netwerk, vrijwilligers en algemene voorzieningen.",
        "voorliggendVeldBetrokken": "Het deel van dezelfde hulpvragen dat is opgelost met het voorliggend veld, ook samen met maatwerk.",
        "ingetrokken": "Ingetrokken hulpvragen tellen niet mee in de percentages en staan apart.",
    ]

    /// The figures from exact counts; with `onthulling`, small counts are hidden.
    /// - Parameter totaal: the counts of the whole scope (for leefgebieden not the sum of the rows:
    ///   a hulpvraag counts once per leefgebied).
    public init(per: String, van: String, tot: String, tellingen: [Telling], totaal: Telling, onthulling: Onthulling?) {
        self.per = per
        self.van = van
        self.tot = tot
        definities = Self.definities
        onthullingsbeheer = onthulling != nil
        // Secondary suppression runs down each column of counts that adds up to a shown total.
        func verborgen(_ kolom: (Telling) -> Int) -> Set<Int> {
            guard let onthulling else { return [] }
            return onthulling.onderdrukt(tellingen.map(kolom))
        }
        let kolommen: [(Telling) -> Int] = [\.afgesloten, \.ingetrokken, \.teltMee, \.alleen, \.betrokken]
        let verborgenPerKolom = kolommen.map(verborgen)
        func rij(_ telling: Telling, index: Int?) -> Rij {
            func aantal(_ kolom: Int, _ waarde: Int) -> Aantal {
                if let index, verborgenPerKolom[kolom].contains(index) { return .verborgen }
                return .getoond(waarde, onthulling)
            }
            func percentage(_ kolom: Int, _ teller: Int) -> Percentage {
                let t = aantal(kolom, teller), n = aantal(2, telling.teltMee)
                let waarde: Double? = if let onthulling {
                    t.onderdrukt || n.onderdrukt ? nil : onthulling.percentage(teller, van: telling.teltMee)
                } else {
                    telling.teltMee > 0 ? (Double(teller) / Double(telling.teltMee) * 1000).rounded() / 10 : nil
                }
                return Percentage(teller: t, noemer: n, percentage: waarde)
            }
            return Rij(waarde: telling.waarde, afgesloten: aantal(0, telling.afgesloten), ingetrokken: aantal(1, telling.ingetrokken),
                       alleenVoorliggendVeld: percentage(3, telling.alleen), voorliggendVeldBetrokken: percentage(4, telling.betrokken))
        }
        rijen = tellingen.enumerated().map { rij($1, index: $0) }
        self.totaal = rij(totaal, index: nil)
    }
}
