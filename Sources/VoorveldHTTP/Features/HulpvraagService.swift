import CalendarDate
import Foundation
import Postgres
import Voorveld
import VoorveldStore

/// Intake, closing and nazorg: the one place where a kernteamlid's hulpvraag is listed, read,
/// registered, changed, closed and followed up, each step audited with its purpose and the
/// database's refusals explained as field errors. The API (`HulpvragenController`) and the pages
/// (`HulpvraagPages`) both call it. Only the kernteamleden of
/// the hulpvraag's own kernteam see it (row-level security); anyone else finds none.
struct HulpvraagService: Sendable {
    let hulpvragen: HulpvraagStore
    let referenties: ReferentieStore

    init(pool: ConnectionPool) {
        hulpvragen = HulpvraagStore(pool: pool)
        referenties = ReferentieStore(pool: pool)
    }

    static let nietGevonden = Problem.notFound("Er is geen hulpvraag met dit id in uw kernteams.")
    /// Why a hulpvraag is processed, for the audit log.
    static let doel = "ondersteuning van de inwoner"

    func lijst(_ filter: HulpvraagStore.Filter, voor gebruiker: Gebruiker, requestId: String?) async throws -> Pagina<Hulpvraag> {
        try await hulpvragen.list(filter, in: AccessScope(gebruiker), audit: audit(gebruiker, requestId: requestId, "hulpvragen-lezen", nil))
    }

    /// The hulpvraag, or nil when it does not exist or is another kernteam's; audited either way.
    func lees(_ id: UUID, voor gebruiker: Gebruiker, requestId: String?) async throws -> Hulpvraag? {
        try await hulpvragen.get(id, in: AccessScope(gebruiker), audit: audit(gebruiker, requestId: requestId, "hulpvraag-lezen", id))
    }

    /// The dossier references the user's kernteams already use, for the intake's checks.
    func bekendeReferenties(voor gebruiker: Gebruiker) async throws -> Referenties {
        try await referenties.referenties(in: AccessScope(gebruiker))
    }

    /// Registers a hulpvraag in its own transaction.
    func registreer(_ hulpvraag: Hulpvraag, voor gebruiker: Gebruiker, requestId: String?) async throws -> Hulpvraag {
        try await Self.mapRules {
            try await hulpvragen.create(hulpvraag, in: AccessScope(gebruiker)) { id in
                audit(gebruiker, requestId: requestId, "hulpvraag-registreren", id)
            }
        }
    }

    /// Registers a hulpvraag in the caller's transaction (the API's, which keeps the Idempotency-Key in it).
    func registreer(
        _ hulpvraag: Hulpvraag,
        voor gebruiker: Gebruiker,
        requestId: String?,
        on connection: PostgresConnection
    ) async throws
        -> Hulpvraag
    {
        try await Self.mapRules {
            try await HulpvraagStore.create(hulpvraag, on: connection) { id in audit(gebruiker, requestId: requestId, "hulpvraag-registreren", id) }
        }
    }

    /// Replaces the hulpvraag if it still has `versie`; `maak` builds the new state from the
    /// current one and may throw `Invoerfouten`.
    func wijzig(
        _ id: UUID,
        versie: Int,
        voor gebruiker: Gebruiker,
        requestId: String?,
        maak: (Hulpvraag) throws -> Hulpvraag
    ) async throws -> HulpvraagStore.Wijziging {
        try await Self.mapRules {
            try await hulpvragen.update(
                id,
                versie: versie,
                in: AccessScope(gebruiker),
                audit: audit(gebruiker, requestId: requestId, "hulpvraag-wijzigen", id),
                maak: maak
            )
        }
    }

    /// Closes the hulpvraag with its outcome if it still has `versie`; `maak` reads the closure
    /// from the current state and the gemeente's nazorg period, and may throw `Invoerfouten`.
    func sluitAf(
        _ id: UUID,
        versie: Int,
        voor gebruiker: Gebruiker,
        requestId: String?,
        maak: (Hulpvraag, _ nazorgDagen: Int) throws -> Afsluiting
    ) async throws -> HulpvraagStore.Wijziging {
        try await hulpvragen.sluitAf(
            id,
            versie: versie,
            in: AccessScope(gebruiker),
            audit: audit(gebruiker, requestId: requestId, "hulpvraag-afsluiten", id),
            maak: maak
        )
    }

    /// Records the nazorg call's answer: is it still solved?
    func legNazorgVast(
        _ id: UUID,
        opgelost: Bool,
        versie: Int,
        voor gebruiker: Gebruiker,
        requestId: String?
    ) async throws
        -> HulpvraagStore.Wijziging
    {
        try await hulpvragen.nazorg(
            id,
            opgelost: opgelost,
            op: .vandaag(),
            versie: versie,
            in: AccessScope(gebruiker),
            audit: audit(gebruiker, requestId: requestId, "nazorg-vastleggen", id)
        )
    }

    func uitkomsten() async throws -> [Uitkomst] { try await hulpvragen.uitkomsten() }

    /// The rules the database keeps, as field errors.
    static func mapRules<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError {
            switch error.constraint {
            case "hulpvragen_regisseur_in_kernteam", "hulpvragen_gemeente_regisseur_fkey":
                throw Problem.invalid([Veldfout(veld: "regisseur", melding: "is geen lid van het kernteam van deze hulpvraag")])
            case "hulpvragen_kern_van_kernteam":
                throw Problem.invalid([Veldfout(veld: "kern", melding: "hoort niet bij het kernteam van deze hulpvraag")])
            case "hulpvragen_veilig_thuis_naar_loket":
                throw Problem.invalid([
                    Veldfout(
                        veld: "veiligThuis",
                        melding: """
                            deze hulpvraag is afgesloten als opgelost met alleen het voorliggend veld of met een vrijwilliger; \
                            heropen hem om het Veilig Thuis-signaal vast te leggen
                            """
                    )
                ])
            case "hulpvragen_veilig_thuis_blijft":
                throw Problem.invalid([
                    Veldfout(veld: "veiligThuis", melding: "een Veilig Thuis-signaal blijft vastgelegd en kan niet worden ingetrokken")
                ])
            default:
                throw error
            }
        }
    }

    func audit(_ gebruiker: Gebruiker, requestId: String?, _ actie: String, _ id: UUID?) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker.naam,
            rol: .kernteamlid,
            actie: actie,
            objectType: "hulpvraag",
            objectId: id?.uuidString.lowercased(),
            doel: Self.doel,
            resultaat: .toegestaan,
            requestId: requestId
        )
    }
}
