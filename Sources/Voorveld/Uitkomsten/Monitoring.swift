import Foundation

/// A cross table with row and column totals, as the municipal reports print them; for the
/// wethouder every cell and every total is protected on its own (see `Onthulling`), a cell is never
/// shown above its column's total, and a total never above the grand total.
public struct Kruistabel: Sendable, Hashable, Codable {
    public var rijen: [String]
    public var kolommen: [String]
    /// `cellen[rij][kolom]`.
    public var cellen: [[Aantal]]
    public var rijtotalen: [Aantal]
    public var kolomtotalen: [Aantal]
    public var totaal: Aantal
    public var toelichting: String?

    public init(rijen: [String], kolommen: [String], tellingen: [String: [String: Cel]], onthulling: Onthulling?, toelichting: String? = nil) {
        self.rijen = rijen
        self.kolommen = kolommen
        self.toelichting = toelichting
        let c = rijen.map { rij in kolommen.map { tellingen[rij]?[$0] ?? .leeg } }
        func toon(_ cel: Cel) -> Aantal { .getoond(cel, onthulling) }
        let totaal = toon(c.joined().som())
        let rijtotalen = c.map { Onthulling.hoogstens(toon($0.som()), totaal) }
        let kolomtotalen = kolommen.indices.map { k in c.map { $0[k] }.som() }
        // Not against its row's total: in the intake table that is the kernteam over the period asked,
        // so a month would show differently in a month's, a quarter's and a year's table.
        cellen = c.indices.map { r in c[r].indices.map { k in Self.cel(c[r][k], kolomtotaal: kolomtotalen[k], onthulling) } }
        self.kolomtotalen = kolomtotalen.map { Onthulling.hoogstens(toon($0), totaal) }
        self.rijtotalen = rijtotalen
        self.totaal = totaal
    }

    /// A cell as shown: at most its column's total. The same cell always shows the same number: the
    /// intake of a kernteam in a month in every period's table and in the signals alike.
    public static func cel(_ cel: Cel, kolomtotaal: Cel, _ onthulling: Onthulling?) -> Aantal {
        Onthulling.hoogstens(.getoond(cel, onthulling), .getoond(kolomtotaal, onthulling))
    }
}

/// A share of a whole: count, whole and percentage, each only when it may be shown.
public struct Aandeel: Sendable, Hashable, Codable {
    public var aantal: Aantal
    public var van: Aantal
    public var percentage: Double?

    public init(_ aantal: Cel, van geheel: Cel, onthulling: Onthulling?) {
        van = .getoond(geheel, onthulling)
        self.aantal = Onthulling.hoogstens(.getoond(aantal, onthulling), van)
        percentage = Onthulling.percentage(self.aantal, van: van, exact: (aantal.aantal, geheel.aantal), onthulling)
    }
}

/// The monitoring figures of a period, as the municipal reports use them.
public struct Monitoring: Sendable, Hashable, Codable {
    public var van: String
    public var tot: String
    public var instroomPerKernteamPerMaand: Kruistabel
    public var leefgebiedenPerKern: Kruistabel
    public var kanalen: [String: Aandeel]
    public var viaLoket: Aandeel
    public var jeugd: Aandeel
    public var gezamenlijkeHuisbezoeken: Aantal
    /// Of the hulpvragen closed in the period and asked at nazorg: still solved.
    public var nogOpgelostBijNazorg: Aandeel
    /// New hulpvragen of a resident with the same kernteam within the nazorg period of an earlier
    /// one (decided at registration: `hulpvragen.terugkeer`).
    public var terugkeer: Aantal
    public var onthullingsbeheer: Bool
    /// Under disclosure control: how the figures are protected, in one sentence.
    public var bescherming: String?

    /// One group of new hulpvragen, as the database counts them, with the returns among them.
    public struct Groep: Sendable, Hashable {
        public var kernteam, maand, kanaal: String
        public var jeugd, huisbezoek: Bool
        public var aantal, terugkeer: Cel

        public init(kernteam: String, maand: String, kanaal: String, jeugd: Bool, huisbezoek: Bool, aantal: Cel, terugkeer: Cel) {
            self.kernteam = kernteam
            self.maand = maand
            self.kanaal = kanaal
            self.jeugd = jeugd
            self.huisbezoek = huisbezoek
            self.aantal = aantal
            self.terugkeer = terugkeer
        }
    }

    public init(
        van: String,
        tot: String,
        maanden: [String],
        kernteams: [String],
        kernen: [String],
        leefgebieden: [String],
        instroom: [Groep],
        perLeefgebied: [(kern: String, leefgebied: String, aantal: Cel)],
        nazorg: (gevraagd: Cel, nogOpgelost: Cel),
        onthulling: Onthulling?
    ) {
        self.van = van
        self.tot = tot
        onthullingsbeheer = onthulling != nil
        bescherming = onthulling?.uitleg
        instroomPerKernteamPerMaand = Kruistabel(
            rijen: kernteams,
            kolommen: maanden,
            tellingen: Self.perKernteamPerMaand(instroom),
            onthulling: onthulling
        )
        var perKern: [String: [String: Cel]] = [:]
        for regel in perLeefgebied { perKern[regel.leefgebied, default: [:]][regel.kern, default: .leeg] += regel.aantal }
        leefgebiedenPerKern = Kruistabel(
            rijen: leefgebieden,
            kolommen: kernen,
            tellingen: perKern,
            onthulling: onthulling,
            toelichting: "Een hulpvraag met meer leefgebieden telt bij elk ervan, dus het totaal is groter dan het aantal hulpvragen."
        )
        let totaal = instroom.map(\.aantal).som()
        var perKanaal: [String: Cel] = [:]
        for groep in instroom { perKanaal[groep.kanaal, default: .leeg] += groep.aantal }
        kanalen = Dictionary(
            uniqueKeysWithValues: Kanaal.allCases.map { kanaal in
                (kanaal.rawValue, Aandeel(perKanaal[kanaal.rawValue] ?? .leeg, van: totaal, onthulling: onthulling))
            }
        )
        viaLoket = kanalen[Kanaal.viaLoket.rawValue] ?? Aandeel(.leeg, van: totaal, onthulling: onthulling)
        jeugd = Aandeel(instroom.filter(\.jeugd).map(\.aantal).som(), van: totaal, onthulling: onthulling)
        gezamenlijkeHuisbezoeken = Onthulling.hoogstens(.getoond(instroom.filter(\.huisbezoek).map(\.aantal).som(), onthulling), jeugd.van)
        nogOpgelostBijNazorg = Aandeel(nazorg.nogOpgelost, van: nazorg.gevraagd, onthulling: onthulling)
        terugkeer = Onthulling.hoogstens(.getoond(instroom.map(\.terugkeer).som(), onthulling), jeugd.van)
    }

    /// New hulpvragen per kernteam per month: the cells of the intake table and of the signals.
    public static func perKernteamPerMaand(_ instroom: [Groep]) -> [String: [String: Cel]] {
        var tellingen: [String: [String: Cel]] = [:]
        for groep in instroom { tellingen[groep.kernteam, default: [:]][groep.maand, default: .leeg] += groep.aantal }
        return tellingen
    }
}
