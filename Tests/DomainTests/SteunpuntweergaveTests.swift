import CalendarDate
import Foundation
import Testing
import Voorveld

@Suite("The steunpunt's view of a koppeling")
struct SteunpuntweergaveTests {
    @Test("a koppeling the caller has whole, shown as the steunpunt sees it, hides what the database's view hides")
    func steunpuntweergaveZoalsDeDatabase() throws {
        let eind = CalendarDate(year: 2026, month: 11, day: 30)
        for status in [KoppelingStatus.afgerond, .afgebroken] {
            let koppeling = Koppeling(
                id: UUID(),
                hulpvraag: UUID(),
                vrijwilliger: UUID(),
                voorziening: nil,
                naam: "Kees Verhoef",
                status: status,
                leefgebieden: ["justitie"],
                taken: ["administratie"],
                kern: "heteren",
                dagdelen: ["di-ochtend"],
                toelichting: "Bel eerst.",
                reden: status == .afgebroken ? "veilig-thuis-signaal" : nil,
                voorgesteldDoor: "kernteamlid",
                gestartOp: status == .afgerond ? CalendarDate(year: 2026, month: 10, day: 1) : nil,
                beeindigdOp: eind,
                versie: 3
            )
            let gezien = try #require(KoppelingVoorSteunpunt(koppeling))
            #expect(gezien.status == .beeindigd && gezien.plekVrij)
            // As koppelingen_voor_steunpunt (sql/definitions/04_koppelingen.sql): no start date, leefgebieden or note once ended.
            #expect(gezien.gestartOp == nil && gezien.leefgebieden.isEmpty && gezien.toelichting == nil, "\(status)")
            #expect(gezien.taken == ["administratie"] && gezien.beeindigdOp == eind)
        }
    }
}
