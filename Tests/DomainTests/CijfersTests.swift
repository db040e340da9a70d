import CalendarDate
import Foundation
import Testing
import Voorveld

/// The figures' rules on their own: whole periods, the Dutch day, disclosure control and cross tables.
@Suite("Figures: periods and disclosure control")
struct CijfersTests {
    @Test("the protected figures cover a whole month, quarter or calendar year, and nothing else")
    func protectedPeriods() {
        func periode(_ van: String, _ tot: String) -> Cijferperiode? { Cijferperiode(van: CalendarDate(iso: van)!, tot: CalendarDate(iso: tot)!) }
        #expect(periode("2026-02-01", "2026-02-28") == .maand(jaar: 2026, maand: 2))
        #expect(periode("2024-02-01", "2024-02-29") == .maand(jaar: 2024, maand: 2))
        #expect(periode("2026-04-01", "2026-06-30") == .kwartaal(jaar: 2026, kwartaal: 2))
        #expect(periode("2026-01-01", "2026-12-31") == .jaar(2026))
        for (van, tot) in [
            ("2026-02-01", "2026-02-27"), ("2026-02-02", "2026-02-28"), ("2026-02-01", "2026-04-30"), ("2026-01-01", "2026-02-28"),
            ("2025-01-01", "2026-12-31"), ("2025-12-01", "2026-01-31"), ("2026-01-01", "2026-11-30"),
        ] {
            #expect(periode(van, tot) == nil, "\(van)–\(tot)")
        }
        for code in ["2026", "2026-K3", "2026-03", "2026-12"] {
            #expect(Cijferperiode(code: code)?.code == code)
        }
        for code in ["2026-K5", "2026-K0", "2026-13", "2026-3", "26", "2026-03-01", "", "2026-", "abc"] {
            #expect(Cijferperiode(code: code) == nil, "\(code)")
        }
        let keuzes = Cijferperiode.keuzes(tot: CalendarDate(iso: "2026-05-10")!, jaren: 2)
        #expect(
            keuzes.prefix(4) == [.jaar(2026), .kwartaal(jaar: 2026, kwartaal: 2), .kwartaal(jaar: 2026, kwartaal: 1), .maand(jaar: 2026, maand: 5)]
        )
        #expect(keuzes.count == (1 + 2 + 5) + (1 + 4 + 12))
    }

    @Test("a closing is dated by the day in the Netherlands: just before midnight UTC at a month's end it is the next month already")
    func dutchDay() {
        let iso = ISO8601DateFormatter()
        // Winter time (UTC+1) and summer time (UTC+2).
        #expect(CalendarDate.vandaag(iso.date(from: "2026-10-31T23:30:00Z")!).description == "2026-11-01")
        #expect(CalendarDate.vandaag(iso.date(from: "2026-10-31T22:59:00Z")!).description == "2026-10-31")
        #expect(CalendarDate.vandaag(iso.date(from: "2026-03-31T22:30:00Z")!).description == "2026-04-01")
        #expect(CalendarDate.vandaag(iso.date(from: "2026-03-31T21:59:00Z")!).description == "2026-03-31")
    }

    @Test("cell-key perturbation: fixed noise per cell from its count and key, at most 3, small counts hidden, and 0 too")
    func cellKeyPerturbation() {
        let onthulling = Onthulling()
        var generator = SystemRandomNumberGenerator()
        var gezien: [Int: Int] = [:]
        let monsters = 100_000
        for _ in 0..<monsters {
            let cel = Cel(Int.random(in: 5...500, using: &generator), sleutel: UInt64.random(in: 0...UInt64(UInt32.max), using: &generator))
            let ruis = Onthulling.ruis(cel)
            #expect(Onthulling.ruis(cel) == ruis)  // the same cell, the same noise
            gezien[ruis, default: 0] += 1
            let getoond = onthulling.toon(cel)
            #expect(getoond.onderdrukt == (cel.aantal + ruis < 5))
            if let waarde = getoond.waarde { #expect(waarde == cel.aantal + ruis && getoond.metRuis) }
        }
        // The noise follows its table (in thousandths), within a few standard errors, and never beyond ±3.
        #expect(Set(gezien.keys).isSubset(of: Set(-3...3)))
        for (ruis, kans) in Onthulling.ruistabel {
            let verwacht = Double(kans) / 1000 * Double(monsters)
            #expect(
                abs(Double(gezien[ruis] ?? 0) - verwacht) < 5 * verwacht.squareRoot() + 1,
                "noise \(ruis): \(gezien[ruis] ?? 0), expected \(verwacht)"
            )
        }
        // 0 is hidden like any small count (else "hidden" would mean "at least one"); 1 can never reach
        // the threshold; the key's upper bits do not count.
        #expect(onthulling.toon(Cel(0, sleutel: 12345)) == .verborgen)
        for sleutel in 0..<1000 as Range<UInt64> { #expect(onthulling.toon(Cel(1, sleutel: sleutel)) == .verborgen) }
        #expect(Onthulling.ruis(Cel(40, sleutel: 7)) == Onthulling.ruis(Cel(40, sleutel: 7 + (1 << 32))))

        let tellingen = [
            Telling(
                waarde: "driel",
                afgesloten: Cel(12, sleutel: 11),
                teltMee: Cel(11, sleutel: 12),
                alleen: Cel(3, sleutel: 13),
                betrokken: Cel(6, sleutel: 14),
                ingetrokken: Cel(1, sleutel: 15)
            ),
            Telling(
                waarde: "heteren",
                afgesloten: Cel(30, sleutel: 21),
                teltMee: Cel(30, sleutel: 21),
                alleen: Cel(12, sleutel: 23),
                betrokken: Cel(20, sleutel: 24),
                ingetrokken: .leeg
            ),
        ]
        let totaal = Telling(
            waarde: "totaal",
            afgesloten: Cel(42, sleutel: 32),
            teltMee: Cel(41, sleutel: 33),
            alleen: Cel(15, sleutel: 36),
            betrokken: Cel(26, sleutel: 38),
            ingetrokken: Cel(1, sleutel: 15)
        )
        let cijfers = VoorliggendVeldCijfers(
            per: "kernteam",
            van: "2026-01-01",
            tot: "2026-12-31",
            tellingen: tellingen,
            totaal: totaal,
            onthulling: onthulling
        )
        #expect(cijfers.bescherming == onthulling.uitleg)
        for (rij, telling) in zip(cijfers.rijen + [cijfers.totaal], tellingen + [totaal]) {
            // Every shown count within 3 of the truth and at least 5; each part at most its whole.
            for (getoond, echt) in [
                (rij.afgesloten, telling.afgesloten), (rij.alleenVoorliggendVeld.noemer, telling.teltMee),
                (rij.alleenVoorliggendVeld.teller, telling.alleen), (rij.voorliggendVeldBetrokken.teller, telling.betrokken),
                (rij.ingetrokken, telling.ingetrokken),
            ] {
                if echt.aantal == 0 { #expect(getoond == .verborgen) }
                if let waarde = getoond.waarde, echt.aantal > 0 { #expect(waarde >= 5 && abs(waarde - echt.aantal) <= 3) }
            }
            let noemer = rij.alleenVoorliggendVeld.noemer.waarde
            let afgesloten = rij.afgesloten.waarde
            if let noemer, let afgesloten { #expect(noemer <= afgesloten) }
            if let alleen = rij.alleenVoorliggendVeld.teller.waarde, let betrokken = rij.voorliggendVeldBetrokken.teller.waarde {
                #expect(alleen <= betrokken)
            }
            // Percentages from the shown counts, in whole percents, only from a denominator of 10.
            for deel in [rij.alleenVoorliggendVeld, rij.voorliggendVeldBetrokken] {
                if let t = deel.teller.waarde, let n = deel.noemer.waarde, n >= 10 {
                    #expect(deel.percentage == (Double(t) / Double(n) * 100).rounded())
                } else {
                    #expect(deel.percentage == nil)
                }
            }
        }
        #expect(cijfers.rijen[0].ingetrokken == .verborgen)  // 1 can never be shown
        #expect(cijfers.rijen[1].ingetrokken == .verborgen)
        // The same cells, the same answer.
        #expect(
            VoorliggendVeldCijfers(
                per: "kernteam",
                van: "2026-01-01",
                tot: "2026-12-31",
                tellingen: tellingen,
                totaal: totaal,
                onthulling: onthulling
            ) == cijfers
        )
        // Exact for the team itself.
        let exact = VoorliggendVeldCijfers(
            per: "kernteam",
            van: "2026-01-01",
            tot: "2026-12-31",
            tellingen: tellingen,
            totaal: totaal,
            onthulling: nil
        )
        #expect(exact.bescherming == nil)
        #expect(exact.rijen[0].ingetrokken == .exact(1))
        #expect(exact.rijen[0].alleenVoorliggendVeld.percentage == 27.3)
    }

    @Test("cross tables: totals from the cells' keys, every cell and total protected on its own, no cell above its totals")
    func crossTable() {
        let tellingen: [String: [String: Cel]] = [
            "driel": ["2026-01": Cel(12, sleutel: 101), "2026-02": Cel(3, sleutel: 102), "2026-03": Cel(9, sleutel: 103)],
            "heteren": ["2026-01": Cel(20, sleutel: 201), "2026-02": Cel(15, sleutel: 202), "2026-03": Cel(7, sleutel: 203)],
            "zetten": ["2026-01": Cel(6, sleutel: 301)],
        ]
        let rijen = ["driel", "heteren", "zetten"]
        let kolommen = ["2026-01", "2026-02", "2026-03"]
        let exact = Kruistabel(rijen: rijen, kolommen: kolommen, tellingen: tellingen, onthulling: nil)
        #expect(exact.rijtotalen == [.exact(24), .exact(42), .exact(6)])
        #expect(exact.kolomtotalen == [.exact(38), .exact(18), .exact(16)])
        #expect(exact.totaal == .exact(72))
        let onthulling = Onthulling()
        let tabel = Kruistabel(rijen: rijen, kolommen: kolommen, tellingen: tellingen, onthulling: onthulling)
        #expect(tabel == Kruistabel(rijen: rijen, kolommen: kolommen, tellingen: tellingen, onthulling: onthulling))
        // A total is the cell of all its parts' hulpvragen: its key is the sum of theirs.
        let driel = tellingen["driel"]!.values.reduce(Cel.leeg, +)
        #expect(driel == Cel(24, sleutel: 306))
        #expect(tabel.rijtotalen[0] == Onthulling.hoogstens(onthulling.toon(driel), tabel.totaal))
        // Zetten's only cell and its row total count the same hulpvragen: the same number, whichever is read.
        #expect(tabel.cellen[2][0] == tabel.rijtotalen[2])
        #expect(tabel.cellen[2][1] == .verborgen && tabel.cellen[2][2] == .verborgen)
        #expect(tabel.cellen[0][1] == .verborgen || tabel.cellen[0][1].waarde == 5 || tabel.cellen[0][1].waarde == 6)
        for r in rijen.indices {
            for k in kolommen.indices {
                let echt = tellingen[rijen[r]]?[kolommen[k]]?.aantal ?? 0
                if let waarde = tabel.cellen[r][k].waarde, echt > 0 { #expect(waarde >= 5 && abs(waarde - echt) <= 3) }
                if let waarde = tabel.cellen[r][k].waarde, let rij = tabel.rijtotalen[r].waarde, let kolom = tabel.kolomtotalen[k].waarde {
                    #expect(waarde <= rij && waarde <= kolom)
                }
            }
        }
    }
}
