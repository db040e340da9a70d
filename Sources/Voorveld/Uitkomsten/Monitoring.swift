import Foundation

/// A cross table with row and column totals, as the municipal reports print them, with small
/// counts suppressed for the wethouder (primary below the threshold, then secondary until no row
/// or column with a shown total has exactly one hidden cell).
public struct Kruistabel: Sendable, Hashable, Codable {
    public var rijen: [String]
    public var kolommen: [String]
    /// `cellen[rij][kolom]`.
    public var cellen: [[Aantal]]
    public var rijtotalen: [Aantal]
    public var kolomtotalen: [Aantal]
    public var totaal: Aantal
    public var toelichting: String?

    /// - Parameter totaal: the grand total; pass it when it is not the sum of the cells (a
    ///   hulpvraag counted under several leefgebieden counts once in the total of requests).
    public init(rijen: [String], kolommen: [String], tellingen: [String: [String: Int]], onthulling: Onthulling?, toelichting: String? = nil) {
        self.rijen = rijen
        self.kolommen = kolommen
        self.toelichting = toelichting
        let c = rijen.map { rij in kolommen.map { tellingen[rij]?[$0] ?? 0 } }
        let rijtotaal = c.map { $0.reduce(0, +) }
        let kolomtotaal = kolommen.indices.map { k in c.reduce(0) { $0 + $1[k] } }
        let totaal = rijtotaal.reduce(0, +)
        guard let onthulling else {
            cellen = c.map { $0.map(Aantal.exact) }
            rijtotalen = rijtotaal.map(Aantal.exact)
            kolomtotalen = kolomtotaal.map(Aantal.exact)
            self.totaal = .exact(totaal)
            return
        }
        // Primary suppression of every small count, then secondary until no shown total has exactly
        // one hidden part: each row, column and line of totals is a list `Onthulling.onderdrukt` protects.
        func klein(_ x: Int) -> Bool { x > 0 && x < onthulling.drempel }
        var verborgen = Set<[Int]>()   // [rij, kolom]
        for r in c.indices { for k in c[r].indices where klein(c[r][k]) { verborgen.insert([r, k]) } }
        var verborgenRij = Set(rijtotaal.indices.filter { klein(rijtotaal[$0]) })
        var verborgenKolom = Set(kolomtotaal.indices.filter { klein(kolomtotaal[$0]) })
        let totaalVerborgen = klein(totaal)
        var veranderd = true
        while veranderd {
            veranderd = false
            for r in c.indices where !verborgenRij.contains(r) {
                let nu = Set(kolommen.indices.filter { verborgen.contains([r, $0]) })
                for k in onthulling.onderdrukt(c[r], alVerborgen: nu).subtracting(nu) {
                    verborgen.insert([r, k])
                    veranderd = true
                }
            }
            for k in kolommen.indices where !verborgenKolom.contains(k) {
                let kolom = c.map { $0[k] }
                let nu = Set(c.indices.filter { verborgen.contains([$0, k]) })
                for r in onthulling.onderdrukt(kolom, alVerborgen: nu).subtracting(nu) {
                    verborgen.insert([r, k])
                    veranderd = true
                }
            }
            if !totaalVerborgen {
                let rijen = onthulling.onderdrukt(rijtotaal, alVerborgen: verborgenRij)
                let kolommen = onthulling.onderdrukt(kolomtotaal, alVerborgen: verborgenKolom)
                if rijen != verborgenRij || kolommen != verborgenKolom {
                    verborgenRij = rijen
                    verborgenKolom = kolommen
                    veranderd = true
                }
            }
        }
        cellen = c.indices.map { r in c[r].indices.map { verborgen.contains([r, $0]) ? .verborgen : onthulling.toon(c[r][$0]) } }
        rijtotalen = rijtotaal.indices.map { verborgenRij.contains($0) ? .verborgen : onthulling.toon(rijtotaal[$0]) }
        kolomtotalen = kolomtotaal.indices.map { verborgenKolom.contains($0) ? .verborgen : onthulling.toon(kolomtotaal[$0]) }
        self.totaal = totaalVerborgen ? .verborgen : onthulling.toon(totaal)
    }
}

/// A share of a whole: count, whole and percentage, each only when it may be shown.
public struct Aandeel: Sendable, Hashable, Codable {
    public var aantal: Aantal
    public var van: Aantal
    public var percentage: Double?

    public init(_ aantal: Int, van geheel: Int, onthulling: Onthulling?, verborgen: Bool = false) {
        self.aantal = verborgen ? .verborgen : .getoond(aantal, onthulling)
        van = .getoond(geheel, onthulling)
        percentage = if let onthulling {
            self.aantal.onderdrukt || van.onderdrukt ? nil : onthulling.percentage(aantal, van: geheel)
        } else {
            geheel > 0 ? (Double(aantal) / Double(geheel) * 1000).rounded() / 10 : nil
        }
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

    /// One group of new hulpvragen, as the database counts them, with the returns among them.
    public struct Groep: Sendable, Hashable {
        public var kernteam, maand, kanaal: String
        public var jeugd, huisbezoek: Bool
        public var aantal, terugkeer: Int

        public init(kernteam: String, maand: String, kanaal: String, jeugd: Bool, huisbezoek: Bool, aantal: Int, terugkeer: Int) {
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
        van: String, tot: String, maanden: [String], kernteams: [String], kernen: [String], leefgebieden: [String], instroom: [Groep],
        perLeefgebied: [(kern: String, leefgebied: String, aantal: Int)], nazorg: (gevraagd: Int, nogOpgelost: Int),
        onthulling: Onthulling?
    ) {
        self.van = van
        self.tot = tot
        onthullingsbeheer = onthulling != nil
        var perTeam: [String: [String: Int]] = [:]
        for groep in instroom { perTeam[groep.kernteam, default: [:]][groep.maand, default: 0] += groep.aantal }
        instroomPerKernteamPerMaand = Kruistabel(rijen: kernteams, kolommen: maanden, tellingen: perTeam, onthulling: onthulling)
        var perKern: [String: [String: Int]] = [:]
        for regel in perLeefgebied { perKern[regel.leefgebied, default: [:]][regel.kern, default: 0] += regel.aantal }
        leefgebiedenPerKern = Kruistabel(
            rijen: leefgebieden, kolommen: kernen, tellingen: perKern, onthulling: onthulling,
            toelichting: "Een hulpvraag met meer leefgebieden telt bij elk ervan, dus het totaal is groter dan het aantal hulpvragen.")
        let totaal = instroom.reduce(0) { $0 + $1.aantal }
        var perKanaal: [String: Int] = [:]
        for groep in instroom { perKanaal[groep.kanaal, default: 0] += groep.aantal }
        let kanaalCodes = Kanaal.allCases.map(\.rawValue)
        let verborgenKanalen = onthulling?.onderdrukt(kanaalCodes.map { perKanaal[$0] ?? 0 }) ?? []
        kanalen = Dictionary(uniqueKeysWithValues: kanaalCodes.enumerated().map { index, code in
            (code, Aandeel(perKanaal[code] ?? 0, van: totaal, onthulling: onthulling, verborgen: verborgenKanalen.contains(index)))
        })
        viaLoket = kanalen[Kanaal.viaLoket.rawValue] ?? Aandeel(0, van: totaal, onthulling: onthulling)
        jeugd = Aandeel(instroom.filter(\.jeugd).reduce(0) { $0 + $1.aantal }, van: totaal, onthulling: onthulling)
        let huisbezoeken = instroom.filter(\.huisbezoek).reduce(0) { $0 + $1.aantal }
        gezamenlijkeHuisbezoeken = .getoond(huisbezoeken, onthulling)
        nogOpgelostBijNazorg = Aandeel(nazorg.nogOpgelost, van: nazorg.gevraagd, onthulling: onthulling)
        terugkeer = .getoond(instroom.reduce(0) { $0 + $1.terugkeer }, onthulling)
    }
}
