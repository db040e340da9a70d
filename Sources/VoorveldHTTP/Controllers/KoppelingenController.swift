import CalendarDate
import Foundation
import Hummingbird
import Postgres
import Voorveld
import VoorveldStore

/// `/v1/koppelingen`: a kernteamlid follows a koppeling to completion or break-off, the steunpunt
/// follows its volunteers' koppelingen, through `KoppelingService`. (Candidates and proposals are
/// under their hulpvraag: `HulpvragenController`.)
struct KoppelingenController {
    let service: KoppelingService

    func addRoutes(to router: Router<AppRequestContext>) {
        let koppelingen = router.group("/v1/koppelingen")
        koppelingen.get(use: list)
        koppelingen.get("{id}", use: show)
        koppelingen.put("{id}/status", use: zetStatus)
    }

    static let geenKoppeling = KoppelingService.geenKoppeling

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid, .steunpunt)
        var query = Zoekvraag(request)
        var filter = KoppelingStore.Filter()
        filter.vrijwilliger = query.id("vrijwilliger")
        filter.status = query.keuze("status", KoppelingStore.Statusfilter.self)
        filter.paginering = query.paginering()
        try query.controleer()
        let pagina = try await service.lijst(filter, voor: gebruiker, requestId: context.id)
        return try Resource.json(Paginaantwoord(pagina ?? Pagina(items: [], totaal: 0), filter.paginering))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid, .steunpunt)
        let id = try Self.id(context, else: Self.geenKoppeling)
        guard let weergave = try await service.weergave(id, voor: gebruiker, requestId: context.id) else { throw Self.geenKoppeling }
        // The steunpunt changes no koppeling, so it gets no version to send back.
        return try Resource.json(weergave, versie: weergave.kernteam?.versie)
    }

    /// `{"status": "geaccepteerd" | "gestart" | "afgerond" | "afgebroken", "reden": code, "toelichting": text}`,
    /// with If-Match. A break-off needs a reason from `/v1/afbreekredenen`.
    @Sendable func zetStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let gebruiker = try context.require(.kernteamlid)
        let id = try Self.id(context, else: Self.geenKoppeling)
        let versie = try Resource.ifMatch(request)
        var lezer = Veldlezer(try await JSONInput.object(request, context: context))
        let status = lezer.keuze("status", KoppelingStatus.self, verplicht: true)
        let reden = lezer.tekst("reden", maximaal: 64)
        let toelichting = lezer.tekst("toelichting", maximaal: 1000)
        lezer.onbekendeVelden()
        if status == .afgebroken {
            let bekend = Set(try await service.afbreekredenen().map(\.code))
            if reden == nil {
                lezer.fout("reden", "is verplicht bij afbreken; zie /v1/afbreekredenen")
            } else if let reden, !bekend.contains(reden) {
                lezer.fout("reden", "onbekende reden '\(reden)'; zie /v1/afbreekredenen")
            }
        } else if reden != nil {
            lezer.fout("reden", "alleen bij afbreken")
        }
        guard lezer.fouten.isEmpty, let status else { throw Problem.invalid(lezer.fouten) }
        let result = try await service.zet(
            id,
            op: status,
            reden: reden,
            toelichting: toelichting,
            versie: versie,
            voor: gebruiker,
            requestId: context.id
        )
        switch result {
        case .gewijzigd(let koppeling): return try Resource.json(koppeling, versie: koppeling.versie)
        case .nietGevonden: throw Self.geenKoppeling
        case .verouderd(let current): throw Resource.stale("koppeling", current: current.versie)
        case .ongeldig(let current):
            throw Problem(status: .conflict, detail: "Een koppeling die \(current.status.rawValue) is, kan niet \(status.rawValue) worden.")
        }
    }

    static func id(_ context: AppRequestContext, else problem: Problem) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw problem }
        return id
    }
}

extension Koppeling: Resourcerecord {}
