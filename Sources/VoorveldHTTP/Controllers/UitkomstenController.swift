import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// Closing a hulpvraag with its outcome, the nazorg answer, and the figures made from them: the
/// voorliggend-veld percentage for the wethouder (under disclosure control, see `Onthulling`) and
/// for a kernteam (its own, exact).
struct UitkomstenController {
    let hulpvragen: HulpvraagStore
    let cijfers: CijfersStore
    let onthulling: Onthulling

    init(pool: ConnectionPool, rapportage: ConnectionPool? = nil, onthulling: Onthulling) {
        hulpvragen = HulpvraagStore(pool: pool)
        cijfers = CijfersStore(pool: pool, rapportage: rapportage)
        self.onthulling = onthulling
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/uitkomsten", use: uitkomsten)
        router.put("/v1/hulpvragen/{id}/afsluiting", use: sluitAf)
        router.put("/v1/hulpvragen/{id}/nazorg", use: nazorg)
        router.get("/v1/cijfers/voorliggend-veld", use: voorliggendVeld)
        router.get("/v1/cijfers/monitoring", use: monitoring)
        router.get("/v1/cijfers/signalen", use: signalen)
    }

    @Sendable func uitkomsten(_ request: Request, context: AppRequestContext) async throws -> Lijst<Uitkomst> {
        _ = try context.requireGebruiker()
        return Lijst(items: try await hulpvragen.uitkomsten())
    }

    /// `{"uitkomst": code, "onderdelen": [...], "zrmScores": {...}, "afgeslotenOp": date, "nazorgOp": date}` with If-Match.
    @Sendable func sluitAf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try HulpvragenController.id(context)
        let versie = try Resource.ifMatch(request)
        let invoer = try await JSONInput.object(request, context: context)
        let uitkomsten = try await hulpvragen.uitkomsten()
        let result: HulpvraagStore.Wijziging
        do {
            result = try await hulpvragen.sluitAf(
                id,
                versie: versie,
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, context, "hulpvraag-afsluiten", id)
            ) { current, nazorgDagen in
                try Afsluiting.lees(invoer, hulpvraag: current, uitkomsten: uitkomsten, vandaag: .vandaag(), nazorgNa: nazorgDagen)
            }
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
        return try Self.answer(result)
    }

    /// `{"opgelost": true}` with If-Match: the nazorg call's answer.
    @Sendable func nazorg(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try HulpvragenController.id(context)
        let versie = try Resource.ifMatch(request)
        var lezer = Veldlezer(try await JSONInput.object(request, context: context))
        let opgelost = lezer.waarheid("opgelost", verplicht: true)
        lezer.onbekendeVelden()
        guard lezer.fouten.isEmpty, let opgelost else { throw Problem.invalid(lezer.fouten) }
        let result: HulpvraagStore.Wijziging
        do {
            result = try await hulpvragen.nazorg(
                id,
                opgelost: opgelost,
                op: .vandaag(),
                versie: versie,
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, context, "nazorg-vastleggen", id)
            )
        } catch let fouten as Invoerfouten {
            throw Problem.invalid(fouten.fouten)
        }
        return try Self.answer(result)
    }

    static func answer(_ result: HulpvraagStore.Wijziging) throws -> Response {
        switch result {
        case .gewijzigd(let hulpvraag): return try Resource.json(hulpvraag, versie: hulpvraag.versie)
        case .nietGevonden: throw HulpvragenController.nietGevonden
        case .verouderd(let current): throw Resource.stale("hulpvraag", current: current.versie)
        }
    }

    /// `?van=2026-01-01&tot=2026-12-31&per=kernteam`: the wethouder's figures (protected, for a
    /// whole month, quarter or year), or a kernteamlid's own teams (exact, any period).
    @Sendable func voorliggendVeld(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.wethouder, .kernteamlid)
        var query = Zoekvraag(request)
        let (van, tot) = Self.periode(&query, gebruiker, maximaalJaren: nil)
        let per = query.tekst("per") ?? "totaal"
        if !CijfersStore.indelingen.contains(per) {
            query.fout("per", "kies uit: \(CijfersStore.indelingen.joined(separator: ", "))")
        }
        try query.controleer()
        let resultaat = try await voorliggendVeld(gebruiker, context, van: van, tot: tot, per: per)
        if request.headers[.accept]?.contains("text/csv") == true {
            return CSVExport.response(Self.csv(resultaat), filename: "voorliggend-veld-\(per)-\(van)-\(tot).csv")
        }
        return try Resource.json(resultaat)
    }

    /// The voorliggend-veld figures as `gebruiker` may see them: for a wethouder with disclosure
    /// control, for a kernteamlid (not also wethouder) their own teams' exact counts.
    func voorliggendVeld(
        _ gebruiker: Gebruiker,
        _ context: AppRequestContext,
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
            audit: cijferAudit(gebruiker, context, "voorliggend-veld per \(per)")
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

    /// `?van=2026-01-01&tot=2026-12-31`: the monitoring tables of hulpvragen received in the period.
    @Sendable func monitoring(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.wethouder, .kernteamlid)
        var query = Zoekvraag(request)
        let (van, tot) = Self.periode(&query, gebruiker, maximaalJaren: 3)
        try query.controleer()
        return try Resource.json(try await monitoring(gebruiker, context, van: van, tot: tot))
    }

    func monitoring(_ gebruiker: Gebruiker, _ context: AppRequestContext, van: CalendarDate, tot: CalendarDate) async throws -> Monitoring {
        let gegevens = try await cijfers.monitoring(
            van: van,
            tot: tot,
            in: AccessScope(gebruiker),
            audit: cijferAudit(gebruiker, context, "monitoring")
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

    /// `?tot=2026-11-30`: falling intake over the twelve months up to `tot`, and supply gaps now.
    @Sendable func signalen(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.wethouder, .kernteamlid)
        var query = Zoekvraag(request)
        let tot = query.datum("tot")
        try query.controleer()
        return try Resource.json(try await signalen(gebruiker, context, tot: tot))
    }

    /// The signals of the twelve complete months up to `tot` (default: the last complete month).
    func signalen(_ gebruiker: Gebruiker, _ context: AppRequestContext, tot gevraagd: CalendarDate?) async throws -> Signalen {
        let periode = Self.signaalperiode(tot: gevraagd)
        let gegevens = try await cijfers.signalen(
            van: periode.van,
            tot: periode.tot,
            in: AccessScope(gebruiker),
            audit: cijferAudit(gebruiker, context, "signalen")
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

    func cijferAudit(_ gebruiker: Gebruiker, _ context: AppRequestContext, _ wat: String) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker.naam,
            rol: gebruiker.heeft(.wethouder) ? .wethouder : .kernteamlid,
            actie: "cijfers-lezen",
            objectType: "cijfers",
            objectId: wat,
            doel: "monitoring",
            resultaat: .toegestaan,
            requestId: context.id
        )
    }

    func audit(_ gebruiker: Gebruiker, _ context: AppRequestContext, _ actie: String, _ id: UUID) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker.naam,
            rol: .kernteamlid,
            actie: actie,
            objectType: "hulpvraag",
            objectId: id.uuidString.lowercased(),
            doel: "ondersteuning van de inwoner",
            resultaat: .toegestaan,
            requestId: context.id
        )
    }
}
