import CalendarDate
import Foundation
import Postgres
import Voorveld
import VoorveldStore

/// The figures: the voorliggend-veld percentage, the monitoring tables and the signals. For the
/// wethouder under disclosure control (`Onthulling`, whole periods only), for a kernteamlid their
/// own teams' exact counts. The one place where figures are read, protected and audited: the API
/// (`CijfersController`, `/v1/cijfers`) and the dashboard (`CijfersPage`) both call it.
struct CijfersService: Sendable {
    let cijfers: CijfersStore
    let onthulling: Onthulling

    init(pool: ConnectionPool, rapportage: ConnectionPool? = nil, onthulling: Onthulling) {
        cijfers = CijfersStore(pool: pool, rapportage: rapportage)
        self.onthulling = onthulling
    }

    /// The voorliggend-veld figures as `gebruiker` may see them: for a wethouder with disclosure
    /// control, for a kernteamlid (not also wethouder) their own teams' exact counts.
    func voorliggendVeld(
        _ gebruiker: Gebruiker,
        requestId: String?,
        van: CalendarDate,
        tot: CalendarDate,
        per: String
    ) async throws
        -> VoorliggendVeldCijfers
    {
        let tellingen = try await cijfers.voorliggendVeld(
            van: van,
            tot: tot,
            per: per,
            in: AccessScope(gebruiker),
            audit: audit(gebruiker, requestId: requestId, "voorliggend-veld per \(per)")
        )
        return voorliggendVeld(gebruiker, van: van, tot: tot, per: per, tellingen)
    }

    /// Counts read from the store, as `gebruiker` may see them.
    func voorliggendVeld(
        _ gebruiker: Gebruiker,
        van: CalendarDate,
        tot: CalendarDate,
        per: String,
        _ tellingen: CijfersStore.Tellingen
    )
        -> VoorliggendVeldCijfers
    {
        VoorliggendVeldCijfers(
            per: per,
            van: van.description,
            tot: tot.description,
            tellingen: tellingen.tellingen,
            totaal: tellingen.totaal,
            onthulling: gecontroleerd(gebruiker)
        )
    }

    /// Disclosure control for the roles under it (`Rol.onderOnthullingsbeheer`); exact counts only
    /// for a kernteamlid who has none of them.
    func gecontroleerd(_ gebruiker: Gebruiker) -> Onthulling? { gebruiker.onderOnthullingsbeheer ? onthulling : nil }

    /// One line per group and one for the total; a suppressed count is written `onderdrukt`.
    static func csv(_ cijfers: VoorliggendVeldCijfers) -> String {
        func aantal(_ a: Aantal) -> String { a.waarde.map(String.init) ?? "onderdrukt" }
        func percentage(_ p: Percentage) -> [String] { [aantal(p.teller), aantal(p.noemer), p.percentage.map { String($0) } ?? ""] }
        return CSVExport.render(
            header: [
                cijfers.per, "afgesloten", "ingetrokken", "alleen_vv_teller", "alleen_vv_noemer", "alleen_vv_percentage",
                "vv_betrokken_teller", "vv_betrokken_noemer", "vv_betrokken_percentage",
            ],
            rows: (cijfers.rijen + [cijfers.totaal]).map { rij in
                [rij.waarde, aantal(rij.afgesloten), aantal(rij.ingetrokken)] + percentage(rij.alleenVoorliggendVeld)
                    + percentage(rij.voorliggendVeldBetrokken)
            }
        )
    }

    func monitoring(_ gebruiker: Gebruiker, requestId: String?, van: CalendarDate, tot: CalendarDate) async throws -> Monitoring {
        let gegevens = try await cijfers.monitoring(
            van: van,
            tot: tot,
            in: AccessScope(gebruiker),
            audit: audit(gebruiker, requestId: requestId, "monitoring")
        )
        return monitoring(gebruiker, van: van, tot: tot, gegevens)
    }

    /// Monitoring data read from the store, as `gebruiker` may see it.
    func monitoring(_ gebruiker: Gebruiker, van: CalendarDate, tot: CalendarDate, _ gegevens: CijfersStore.Monitoringgegevens) -> Monitoring {
        let maanden = Self.maanden(eindigend: tot, aantal: (tot.year * 12 + tot.month) - (van.year * 12 + van.month) + 1)
        return Monitoring(
            van: van.description,
            tot: tot.description,
            maanden: maanden,
            kernteams: gegevens.kernteams,
            kernen: gegevens.kernen,
            leefgebieden: gegevens.leefgebieden,
            instroom: gegevens.instroom,
            perLeefgebied: gegevens.perLeefgebied,
            nazorg: gegevens.nazorg,
            onthulling: gecontroleerd(gebruiker)
        )
    }

    /// The signals of the twelve complete months up to `tot` (default: the last complete month).
    func signalen(_ gebruiker: Gebruiker, requestId: String?, tot gevraagd: CalendarDate?) async throws -> Signalen {
        let periode = Self.signaalperiode(tot: gevraagd)
        let gegevens = try await cijfers.signalen(
            van: periode.van,
            tot: periode.tot,
            in: AccessScope(gebruiker),
            audit: audit(gebruiker, requestId: requestId, "signalen")
        )
        return signalen(gebruiker, periode, gegevens)
    }

    /// The twelve complete months up to `tot` (default and at most: the last complete month); a
    /// month still running would look like a fall. A `tot` within a month counts up to the month
    /// before: a window ending on any day would let someone step it day by day.
    static func signaalperiode(tot gevraagd: CalendarDate?) -> (van: CalendarDate, tot: CalendarDate, maanden: [String]) {
        func eindeVorigeMaand(_ datum: CalendarDate) -> CalendarDate {
            CalendarDate(year: datum.year, month: datum.month, day: 1).plus(dagen: -1)
        }
        let laatste = eindeVorigeMaand(.vandaag())
        let gevraagdeMaand = gevraagd.map { $0.plus(dagen: 1).day == 1 ? $0 : eindeVorigeMaand($0) }
        let tot = min(gevraagdeMaand ?? laatste, laatste)
        let maanden = Self.maanden(eindigend: tot, aantal: 12)
        return (CalendarDate(iso: maanden[0] + "-01")!, tot, maanden)
    }

    /// The signals' data read from the store, as `gebruiker` may see it.
    func signalen(
        _ gebruiker: Gebruiker,
        _ periode: (van: CalendarDate, tot: CalendarDate, maanden: [String]),
        _ gegevens: CijfersStore.Signaalgegevens
    ) -> Signalen {
        Signalen(
            tot: periode.tot.description,
            maanden: periode.maanden,
            instroom: gegevens.instroom,
            kernteams: gegevens.kernteams,
            tekorten: gegevens.tekorten,
            onthulling: gecontroleerd(gebruiker)
        )
    }

    /// The `aantal` months up to and including the month of `datum`, as `2026-11`, oldest first.
    static func maanden(eindigend datum: CalendarDate, aantal: Int) -> [String] {
        (0..<aantal).reversed().map { terug in
            let index = datum.year * 12 + (datum.month - 1) - terug
            return String(format: "%04d-%02d", index / 12, index % 12 + 1)
        }
    }

    /// `van` and `tot` from the query: the current year up to today unless given (under disclosure
    /// control the whole current year), and under disclosure control only a whole month, quarter or
    /// year (`Cijferperiode`). Problems are added to `query`, reported by its `controleer()`.
    static func periode(_ query: inout Zoekvraag, _ gebruiker: Gebruiker, maximaalJaren: Int?) -> (CalendarDate, CalendarDate) {
        let vandaag = CalendarDate.vandaag()
        let beschermd = gebruiker.onderOnthullingsbeheer
        let van = query.datum("van") ?? CalendarDate(year: vandaag.year, month: 1, day: 1)
        let tot = query.datum("tot") ?? (beschermd ? Cijferperiode.jaar(vandaag.year).tot : vandaag)
        if tot < van {
            query.fout("tot", "ligt voor 'van'")
        } else if beschermd, Cijferperiode(van: van, tot: tot) == nil {
            query.fout("tot", "van \(van) tot en met \(tot) is geen hele periode: \(Cijferperiode.uitleg)")
        } else if let maximaalJaren, tot.daysSince2000 - van.daysSince2000 > maximaalJaren * 366 {
            query.fout("tot", "hoogstens \(maximaalJaren) jaar na 'van'")
        }
        return (van, tot)
    }

    /// The audit line of a read of figures: who, as which role, which table.
    func audit(_ gebruiker: Gebruiker, requestId: String?, _ wat: String) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker.naam,
            rol: gebruiker.heeft(.wethouder) ? .wethouder : .kernteamlid,
            actie: "cijfers-lezen",
            objectType: "cijfers",
            objectId: wat,
            doel: "monitoring",
            resultaat: .toegestaan,
            requestId: requestId
        )
    }
}
