import Foundation
import Postgres
import Voorveld
import VoorveldStore

/// A register kept as a spreadsheet (volunteers, voorzieningen): the one place where its records
/// are read, added, changed and imported, each step audited with the register's purpose, and where
/// it is said who may read and who may write. The API (`RegisterController` and the register's own
/// controller) and the pages (`VrijwilligerPages`, `VoorzieningPages` with `Registerformulier`)
/// both call it.
struct RegisterService<Regel: Registerregel & Resourcerecord>: Sendable {
    let store: RegisterStore<Regel>
    let referenties: ReferentieStore
    let lezers: [Rol]
    let schrijvers: [Rol]
    /// Why the records are processed, for the audit log.
    let doel: String
    /// Reads of personal data are audited; of a voorziening they need not be.
    let leesAudit: Bool

    init(pool: ConnectionPool, lezers: [Rol], schrijvers: [Rol], doel: String, leesAudit: Bool) {
        store = RegisterStore(pool: pool)
        referenties = ReferentieStore(pool: pool)
        self.lezers = lezers
        self.schrijvers = schrijvers
        self.doel = doel
        self.leesAudit = leesAudit
    }

    var nietGevonden: Problem { Problem.notFound("Er is geen \(Regel.soort) met dit id in uw gemeente.") }

    /// The gemeente's codes a record is checked against.
    func bekendeReferenties(voor gebruiker: Gebruiker) async throws -> Referenties {
        try await referenties.referenties(in: AccessScope(gebruiker))
    }

    func lees(_ id: UUID, voor gebruiker: Gebruiker, requestId: String?) async throws -> Regel? {
        try await store.get(
            id,
            in: AccessScope(gebruiker),
            audit: leesAudit ? audit(gebruiker, requestId: requestId, "\(Regel.soort)-lezen", id) : nil
        )
    }

    /// Adds a record in its own transaction. A reference in use is a `PostgresError` with
    /// `isUniqueViolation`, which the caller names in its own way.
    func voegToe(_ regel: Regel, voor gebruiker: Gebruiker, requestId: String?) async throws -> Regel {
        try await store.create(regel, in: AccessScope(gebruiker)) { id in audit(gebruiker, requestId: requestId, "\(Regel.soort)-toevoegen", id) }
    }

    /// The same in the caller's transaction (the API's, which keeps the Idempotency-Key in it).
    func voegToe(_ regel: Regel, voor gebruiker: Gebruiker, requestId: String?, on connection: PostgresConnection) async throws -> Regel {
        try await RegisterStore<Regel>.create(regel, on: connection) { id in audit(gebruiker, requestId: requestId, "\(Regel.soort)-toevoegen", id) }
    }

    /// Replaces a record if it still has `versie`.
    func wijzig(
        _ id: UUID,
        naar regel: Regel,
        versie: Int,
        voor gebruiker: Gebruiker,
        requestId: String?
    ) async throws
        -> RegisterStore<Regel>.Wijziging
    {
        try await store.update(
            id,
            to: regel,
            versie: versie,
            in: AccessScope(gebruiker),
            audit: audit(gebruiker, requestId: requestId, "\(Regel.soort)-wijzigen", id)
        )
    }

    /// A CSV file (the keeper's spreadsheet), all rows or none; `Importfouten` lists every problem.
    func importeer(_ csv: String, voor gebruiker: Gebruiker, requestId: String?) async throws -> Int {
        try await store.importeer(csv, in: AccessScope(gebruiker), door: audit(gebruiker, requestId: requestId, "\(Regel.meervoud)-importeren", nil))
    }

    func audit(_ gebruiker: Gebruiker, requestId: String?, _ actie: String, _ id: UUID?) -> AuditRegel {
        AuditRegel(
            gebruiker: gebruiker.naam,
            rol: (schrijvers + lezers).first(where: gebruiker.heeft),
            actie: actie,
            objectType: Regel.soort,
            objectId: id?.uuidString.lowercased(),
            doel: doel,
            resultaat: .toegestaan,
            requestId: requestId
        )
    }
}

extension RegisterService where Regel == Vrijwilliger {
    /// Why volunteer records are processed, for the audit log.
    static var vrijwilligersDoel: String { "vrijwilligersbeheer en bemiddeling" }

    /// The volunteers: kernteamleden and the steunpunt read them, the steunpunt keeps them.
    static func vrijwilligers(_ pool: ConnectionPool) -> Self {
        Self(pool: pool, lezers: [.kernteamlid, .steunpunt], schrijvers: [.steunpunt], doel: vrijwilligersDoel, leesAudit: true)
    }
}

extension RegisterService where Regel == Voorziening {
    /// The algemene voorzieningen, the sociale kaart.
    static func voorzieningen(_ pool: ConnectionPool) -> Self {
        Self(pool: pool, lezers: [.kernteamlid, .steunpunt], schrijvers: [.steunpunt], doel: "sociale kaart en bemiddeling", leesAudit: false)
    }
}
