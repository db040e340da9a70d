import CalendarDate
import Foundation
import Postgres
import Voorveld
import VoorveldStore

/// Matching and koppelingen: the one place where a hulpvraag's candidates are found and ranked
/// (timed for `/metrics`), koppelingen are proposed, read and moved on, each step audited with its
/// purpose, and the database's rules become answers a kernteamlid can act on (each refusal
/// counted). The API (`KoppelingenController`) and the pages (`HulpvraagPages`) both call it. The
/// steunpunt reads its volunteers' koppelingen as `KoppelingVoorSteunpunt`: only what the volunteer
/// needs to know.
struct KoppelingService: Sendable {
    let koppelingen: KoppelingStore
    let metrics: Metrics
    var matching = Matching()

    init(pool: ConnectionPool, metrics: Metrics) {
        koppelingen = KoppelingStore(pool: pool)
        self.metrics = metrics
    }

    static let geenKoppeling = Problem.notFound("Er is geen koppeling met dit id die u mag zien.")
    /// Why koppelingen are processed, for the audit log.
    static let doel = "bemiddeling"

    /// The hulpvraag and its ranked candidates, read and ranked in one go; nil when the user's
    /// kernteams do not have it.
    func zoek(_ id: UUID, voor gebruiker: Gebruiker, requestId: String?, actie: String) async throws -> (Hulpvraag, Kandidaten)? {
        let start = ContinuousClock.now
        let vandaag = CalendarDate.vandaag()
        guard
            let gegevens = try await koppelingen.zoekgegevens(
                id,
                peildatum: vandaag,
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, requestId: requestId, actie, "hulpvraag", id)
            )
        else { return nil }
        let kandidaten = matching.kandidaten(
            voor: gegevens.hulpvraag,
            vrijwilligers: gegevens.vrijwilligers,
            voorzieningen: gegevens.voorzieningen,
            kernnaam: gegevens.kernnaam,
            namen: gegevens.namen,
            vandaag: vandaag
        )
        metrics.matching(ContinuousClock.now - start)
        return (gegevens.hulpvraag, kandidaten)
    }

    /// The koppelingen the filter names, as the user may see them; nil when its hulpvraag is not
    /// the user's kernteams'.
    func lijst(_ filter: KoppelingStore.Filter, voor gebruiker: Gebruiker, requestId: String?) async throws -> Pagina<Koppelingweergave>? {
        try await koppelingen.list(
            filter,
            in: AccessScope(gebruiker),
            audit: audit(gebruiker, requestId: requestId, "koppelingen-lezen", "koppeling", nil)
        )
    }

    /// One koppeling as the kernteam has it.
    func lees(_ id: UUID, voor gebruiker: Gebruiker, requestId: String?) async throws -> Koppeling? {
        try await koppelingen.get(id, in: AccessScope(gebruiker), audit: audit(gebruiker, requestId: requestId, "koppeling-lezen", "koppeling", id))
    }

    /// One koppeling as the user may see it: whole for the kernteam, the volunteer's part for the steunpunt.
    func weergave(_ id: UUID, voor gebruiker: Gebruiker, requestId: String?) async throws -> Koppelingweergave? {
        try await koppelingen.weergave(
            id,
            in: AccessScope(gebruiker),
            audit: audit(gebruiker, requestId: requestId, "koppeling-lezen", "koppeling", id)
        )
    }

    /// Proposes a koppeling in its own transaction; nil when the hulpvraag or the helper does not
    /// exist for the user.
    func stelVoor(
        hulpvraag: UUID,
        helper: KoppelingStore.Helper,
        toelichting: String,
        voor gebruiker: Gebruiker,
        requestId: String?
    )
        async throws -> Koppeling?
    {
        try await mapRules {
            try await koppelingen.create(
                hulpvraag: hulpvraag,
                helper: helper,
                toelichting: toelichting,
                in: AccessScope(gebruiker),
                door: gebruiker.naam
            ) {
                id in audit(gebruiker, requestId: requestId, "koppeling-voorstellen", "koppeling", id)
            }
        }
    }

    /// The same in the caller's transaction (the API's, which keeps the Idempotency-Key in it).
    func stelVoor(
        hulpvraag: UUID,
        helper: KoppelingStore.Helper,
        toelichting: String,
        voor gebruiker: Gebruiker,
        requestId: String?,
        on connection: PostgresConnection
    ) async throws -> Koppeling? {
        try await mapRules {
            try await KoppelingStore.create(hulpvraag: hulpvraag, helper: helper, toelichting: toelichting, on: connection, door: gebruiker.naam) {
                id in audit(gebruiker, requestId: requestId, "koppeling-voorstellen", "koppeling", id)
            }
        }
    }

    /// Moves a koppeling on (accept, start, complete, break off) if it still has `versie`.
    func zet(
        _ id: UUID,
        op status: KoppelingStatus,
        reden: String?,
        toelichting: String?,
        versie: Int,
        voor gebruiker: Gebruiker,
        requestId: String?
    ) async throws -> KoppelingStore.Wijziging {
        try await mapRules {
            try await koppelingen.zet(
                id,
                op: status,
                reden: reden,
                toelichting: toelichting,
                versie: versie,
                vandaag: .vandaag(),
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, requestId: requestId, "koppeling-\(status.rawValue)", "koppeling", id)
            )
        }
    }

    func afbreekredenen() async throws -> [Afbreekreden] { try await koppelingen.afbreekredenen() }

    /// The rules the database keeps, as answers a kernteamlid can act on; each refusal is counted.
    func mapRules<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError {
            let detail: String? =
                switch error.constraint {
                case "koppelingen_capaciteit": "Geen plek meer vrij: deze helper heeft al zoveel lopende koppelingen als de capaciteit toelaat."
                case "koppelingen_een_per_vrijwilliger", "koppelingen_een_per_voorziening": "Deze helper is al aan deze hulpvraag gekoppeld."
                case "koppelingen_toestemming": "De inwoner gaf geen toestemming voor een vrijwilliger."
                case "koppelingen_veilig_thuis":
                    "Een hulpvraag met een Veilig Thuis-signaal krijgt geen vrijwilliger; die is doorverwezen naar het loket."
                case "koppelingen_actief": "De vrijwilliger is niet actief (gepauzeerd of gestopt)."
                case "koppelingen_status_volgorde": "Deze stap kan niet vanuit de huidige status."
                case "koppelingen_afgesloten": "De hulpvraag is afgesloten; heropen hem eerst."
                case "koppelingen_vog": "Bij een jongere alleen een vrijwilliger met een geldige VOG."
                case "koppelingen_dagdelen": "De helper is niet beschikbaar of open op de dagdelen van de hulpvraag."
                case "koppelingen_inzet": "De vrijwilliger wil niet zo lang helpen als de hulpvraag vraagt."
                case "koppelingen_afwezig": "De vrijwilliger is afwezig in de komende twee weken."
                case "koppelingen_helpt_niet": "De helper helpt niet bij de leefgebieden of taken van deze hulpvraag."
                case "koppelingen_leeftijdsgroep": "De voorziening is niet voor de leeftijdsgroep van de inwoner."
                // Only this kernteam's own history (sql/definitions/04_koppelingen.sql): it says nothing of another team's hulpvragen.
                case "koppelingen_eerder_afgebroken": "Met deze vrijwilliger is eerder een koppeling met deze inwoner afgebroken."
                default: nil
                }
            guard let detail, let regel = error.constraint else { throw error }
            metrics.koppelingGeweigerd(regel)
            throw Problem(status: .conflict, detail: detail)
        }
    }

    func audit(_ gebruiker: Gebruiker, requestId: String?, _ actie: String, _ objectType: String, _ id: UUID?) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker.naam,
            rol: gebruiker.heeft(.kernteamlid) ? .kernteamlid : .steunpunt,
            actie: actie,
            objectType: objectType,
            objectId: id?.uuidString.lowercased(),
            doel: Self.doel,
            resultaat: .toegestaan,
            requestId: requestId
        )
    }
}
