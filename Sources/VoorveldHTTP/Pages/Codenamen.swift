import Postgres
import Voorveld
import VoorveldStore

/// The names behind the codes a page shows (kern `heteren` is "Heteren"), for the user's gemeente,
/// and those of the user's kernteam colleagues (regisseur `kernteamlid` is "Karin de Kernteamlid").
struct Codenamen: Sendable {
    var kernen: [Kern]
    var kernteams: [Kernteam]
    var leefgebieden: [Leefgebied]
    var taken: [Taak]
    var collegas: [Collega]

    static func laad(_ pool: ConnectionPool, in scope: AccessScope) async throws -> Codenamen {
        try await pool.withTransaction(in: scope) { connection in try await laad(on: connection) }
    }

    /// In the caller's transaction (which names the gemeente).
    static func laad(on connection: PostgresConnection) async throws -> Codenamen {
        Codenamen(
            kernen: try await GebiedStore.kernen(on: connection),
            kernteams: try await GebiedStore.kernteams(on: connection),
            leefgebieden: try await ReferentieStore.leefgebieden(on: connection),
            taken: try await ReferentieStore.taken(on: connection),
            collegas: try await GebiedStore.collegas(on: connection)
        )
    }

    func kern(_ code: String) -> String { kernen.first { $0.code == code }?.naam ?? code }
    func kernteam(_ code: String) -> String { kernteams.first { $0.code == code }?.naam ?? code }
    func leefgebied(_ code: String) -> String { leefgebieden.first { $0.code == code }?.naam ?? code }
    func taak(_ code: String) -> String { taken.first { $0.code == code }?.naam ?? code }
    /// A colleague's name; the login name of someone no longer in the user's teams.
    func collega(_ naam: String) -> String { collegas.first { $0.naam == naam }?.weergavenaam ?? naam }

    /// Whom a hulpvraag of `kernteam` can be handed to, and `huidig` (the regisseur now) even
    /// when they have left the team, so an edit does not change the regisseur unasked.
    func regisseurOpties(kernteam: String?, huidig: String?) -> [(code: String, naam: String)] {
        var opties = collegas.filter { kernteam == nil || $0.kernteam == kernteam }.map { (code: $0.naam, naam: $0.weergavenaam) }
        var gezien = Set<String>()
        opties = opties.filter { gezien.insert($0.code).inserted }
        if let huidig, !gezien.contains(huidig) { opties.append((huidig, "\(collega(huidig)) (niet meer in het kernteam)")) }
        return opties
    }

    /// The kernen of the kernteams `gebruiker` works in (for a kernteamlid's forms), or all.
    func kernen(van gebruiker: Gebruiker) -> [Kern] {
        guard gebruiker.heeft(.kernteamlid) else { return kernen }
        let eigen = Set(kernteams.filter { gebruiker.kernteams.contains($0.code) }.flatMap(\.kernen))
        return kernen.filter { eigen.contains($0.code) }
    }

    var kernOpties: [(code: String, naam: String)] { kernen.map { ($0.code, $0.naam) } }
    var leefgebiedOpties: [(code: String, naam: String)] { leefgebieden.map { ($0.code, $0.naam) } }
    var taakOpties: [(code: String, naam: String)] { taken.map { ($0.code, $0.naam) } }
}
