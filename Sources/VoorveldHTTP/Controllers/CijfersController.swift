import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// `/v1/cijfers`: the figures as JSON (and the voorliggend-veld figures as CSV), from
/// `CijfersService`.
struct CijfersController {
    let service: CijfersService

    func addRoutes(to router: Router<AppRequestContext>) {
        let cijfers = router.group("/v1/cijfers")
        cijfers.get("voorliggend-veld", use: voorliggendVeld)
        cijfers.get("monitoring", use: monitoring)
        cijfers.get("signalen", use: signalen)
    }

    /// `?van=2026-01-01&tot=2026-12-31&per=kernteam`: the wethouder's figures (protected, for a
    /// whole month, quarter or year), or a kernteamlid's own teams (exact, any period).
    @Sendable func voorliggendVeld(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.wethouder, .kernteamlid)
        var query = Zoekvraag(request)
        let (van, tot) = CijfersService.periode(&query, gebruiker, maximaalJaren: nil)
        let per = query.tekst("per") ?? "totaal"
        if !CijfersStore.indelingen.contains(per) {
            query.fout("per", "kies uit: \(CijfersStore.indelingen.joined(separator: ", "))")
        }
        try query.controleer()
        let resultaat = try await service.voorliggendVeld(gebruiker, requestId: context.id, van: van, tot: tot, per: per)
        if request.headers[.accept]?.contains("text/csv") == true {
            return CSVExport.response(CijfersService.csv(resultaat), filename: "voorliggend-veld-\(per)-\(van)-\(tot).csv")
        }
        return try Resource.json(resultaat)
    }

    /// `?van=2026-01-01&tot=2026-12-31`: the monitoring tables of hulpvragen received in the period.
    @Sendable func monitoring(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.wethouder, .kernteamlid)
        var query = Zoekvraag(request)
        let (van, tot) = CijfersService.periode(&query, gebruiker, maximaalJaren: 3)
        try query.controleer()
        return try Resource.json(try await service.monitoring(gebruiker, requestId: context.id, van: van, tot: tot))
    }

    /// `?tot=2026-11-30`: falling intake over the twelve months up to `tot`, and supply gaps now.
    @Sendable func signalen(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.wethouder, .kernteamlid)
        var query = Zoekvraag(request)
        let tot = query.datum("tot")
        try query.controleer()
        return try Resource.json(try await service.signalen(gebruiker, requestId: context.id, tot: tot))
    }
}
