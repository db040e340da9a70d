import CalendarDate
import Foundation
import Postgres
import Voorveld

/// Candidates for a hulpvraag, and the koppelingen made from them. The database keeps the rules
/// that must hold whatever the concurrency (capacity, consent, Veilig Thuis, status order); this
/// store reads and writes within the caller's scope and audits every step.
public struct KoppelingStore: Sendable {
    public let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    /// What matching needs for one hulpvraag, read in one transaction.
    public struct Zoekgegevens: Sendable {
        public var hulpvraag: Hulpvraag
        public var kernnaam: String
        public var vrijwilligers: [VrijwilligerOptie]
        public var voorzieningen: [VoorzieningOptie]
        /// Leefgebied and taak codes to names.
        public var namen: [String: String]
    }

    /// - Returns: nil when the hulpvraag does not exist or is another kernteam's.
    public func zoekgegevens(_ id: UUID, peildatum: CalendarDate, in scope: AccessScope, audit: AuditRegel) async throws -> Zoekgegevens? {
        try await pool.withTransaction(in: scope) { connection in
            guard let hulpvraag = try await HulpvraagStore.get(id, on: connection) else {
                var regel = audit
                regel.resultaat = .nietGevonden
                try await AuditStore.record(regel, on: connection)
                return nil
            }
            let gegevens = try await Self.zoekgegevens(hulpvraag, peildatum: peildatum, on: connection)
            try await AuditStore.record(audit, on: connection)
            return gegevens
        }
    }

    /// The candidate rows; also what the matching benchmark measures.
    public static func zoekgegevens(_ hulpvraag: Hulpvraag, peildatum: CalendarDate, on connection: PostgresConnection) async throws -> Zoekgegevens {
        let id = hulpvraag.id!
        let vrijwilligers =
            hulpvraag.veiligThuis || !hulpvraag.toestemmingVrijwilliger
            ? []
            : try await connection.query(
                "SELECT * FROM kandidaat_vrijwilligers($1, $2)",
                [id, peildatum]
            ) { row in
                VrijwilligerOptie(
                    id: try row.decode(0),
                    voornaam: try row.decode(1),
                    achternaam: try row.decode(2),
                    kern: try row.decode(3),
                    kernnaam: try row.decode(4),
                    relatie: try row.decode(5, as: VrijwilligerOptie.Relatie.self),
                    afstandKm: try row.decode(6),
                    actief: try row.decode(7),
                    afwezigTot: try row.decode(8),
                    bezet: try row.decode(9),
                    maxHulpvragen: try row.decode(10),
                    leefgebieden: try row.decode(11),
                    taken: try row.decode(12),
                    dagdelen: try row.decode(13),
                    langsteInzet: try row.decode(14, as: Inzetduur.self),
                    inzetPast: try row.decode(15),
                    vogDatum: try row.decode(16),
                    eerderAfgebroken: try row.decode(17),
                    alGekoppeld: try row.decode(18),
                    afgerondZelfdeLeefgebied: try row.decode(19)
                )
            }
        let voorzieningen =
            hulpvraag.veiligThuis
            ? []
            : try await connection.query("SELECT * FROM kandidaat_voorzieningen($1)", [id]) { row in
                VoorzieningOptie(
                    id: try row.decode(0),
                    naam: try row.decode(1),
                    aanbieder: try row.decode(2),
                    heleGemeente: try row.decode(3),
                    leefgebieden: try row.decode(4),
                    taken: try row.decode(5),
                    dagdelen: try row.decode(6),
                    openingsdagdelen: try row.decode(7),
                    leeftijdsgroep: try row.decode(8, as: Leeftijdsgroep.self),
                    capaciteit: try row.decode(9),
                    bezet: try row.decode(10),
                    laatstGeverifieerd: try row.decode(11),
                    alGekoppeld: try row.decode(12)
                )
            }
        let namen = try await connection.query(
            """
            SELECT code, naam FROM leefgebieden UNION ALL SELECT code, naam FROM taken
            UNION ALL SELECT 'kern:' || code, naam FROM kernen WHERE gemeente = (SELECT huidige_gemeente()) AND code = $1
            """,
            [hulpvraag.kern]
        ) { row in (try row.decode(0, as: String.self), try row.decode(1, as: String.self)) }
        let lookup = Dictionary(namen, uniquingKeysWith: { first, _ in first })
        return Zoekgegevens(
            hulpvraag: hulpvraag,
            kernnaam: lookup["kern:\(hulpvraag.kern)"] ?? hulpvraag.kern,
            vrijwilligers: vrijwilligers,
            voorzieningen: voorzieningen,
            namen: lookup
        )
    }

    // MARK: - Koppelingen

    public enum Helper: Sendable, Hashable {
        case vrijwilliger(UUID)
        case voorziening(UUID)
    }

    /// Proposes a koppeling for a hulpvraag the caller may see. What the helper needs to know is
    /// copied from the hulpvraag: its kern, dayparts, and the leefgebieden and taken the helper
    /// shares with it.
    /// - Returns: nil when the hulpvraag or the helper does not exist in the scope.
    public static func create(
        hulpvraag: UUID,
        helper: Helper,
        toelichting: String,
        on connection: PostgresConnection,
        door: String,
        audit: (UUID) -> AuditRegel
    ) async throws -> Koppeling? {
        let (column, helperId) =
            switch helper {
            case .vrijwilliger(let id): ("vrijwilliger", id)
            case .voorziening(let id): ("voorziening", id)
            }
        // Column and table names come from the switch above; values are bound. The database copies what
        // helper and hulpvraag share (leefgebieden, taken) into the koppeling itself (koppeling_regels).
        guard
            let id = try await connection.queryOne(
                """
                INSERT INTO koppelingen (gemeente, hulpvraag, \(column), kern, dagdelen, toelichting, voorgesteld_door)
                SELECT h.gemeente, h.id, x.id, h.kern, h.dagdelen, $3, $4
                FROM hulpvragen h, \(column == "vrijwilliger" ? "vrijwilligers" : "voorzieningen") x
                WHERE h.gemeente = (SELECT huidige_gemeente()) AND h.id = $1 AND x.gemeente = h.gemeente AND x.id = $2
                RETURNING id
                """,
                [hulpvraag, helperId, toelichting, door],
                decode: { row in try row.decode(0, as: UUID.self) }
            )
        else { return nil }
        try await AuditStore.record(audit(id), on: connection)
        return try await get(id, on: connection)
    }

    /// `create` in a transaction of its own.
    public func create(
        hulpvraag: UUID,
        helper: Helper,
        toelichting: String,
        in scope: AccessScope,
        door: String,
        audit: (UUID) -> AuditRegel
    ) async throws -> Koppeling? {
        try await pool.withTransaction(in: scope) { connection in
            try await Self.create(hulpvraag: hulpvraag, helper: helper, toelichting: toelichting, on: connection, door: door, audit: audit)
        }
    }

    public enum Wijziging: Sendable {
        case gewijzigd(Koppeling)
        case nietGevonden
        case verouderd(Koppeling)
        /// The status cannot go from the current one to the one asked.
        case ongeldig(Koppeling)
    }

    /// Moves a koppeling on (accept, start, complete, break off) if it still has `versie`.
    public func zet(
        _ id: UUID,
        op status: KoppelingStatus,
        reden: String?,
        toelichting: String?,
        versie: Int,
        vandaag: CalendarDate,
        in scope: AccessScope,
        audit: AuditRegel
    ) async throws -> Wijziging {
        try await pool.withTransaction(in: scope) { connection in
            try await connection.execute("SELECT 1 FROM koppelingen WHERE gemeente = (SELECT huidige_gemeente()) AND id = $1 FOR UPDATE", [id])
            guard let current = try await Self.get(id, on: connection) else { return .nietGevonden }
            guard current.versie == versie else { return .verouderd(current) }
            guard current.status.magNaar(status) else { return .ongeldig(current) }
            try await connection.execute(
                """
                UPDATE koppelingen SET status = $2::koppelingstatus, reden = $3, afsluiting = coalesce($4, afsluiting),
                       gestart_op = CASE WHEN $2 = 'gestart' THEN $5 ELSE gestart_op END,
                       beeindigd_op = CASE WHEN $2 IN ('afgerond', 'afgebroken') THEN $5 END,
                       versie = versie + 1, gewijzigd_op = now()
                WHERE gemeente = (SELECT huidige_gemeente()) AND id = $1
                """,
                [id, status.rawValue, reden, toelichting, vandaag]
            )
            try await AuditStore.record(audit, on: connection)
            return .gewijzigd(try await Self.get(id, on: connection)!)
        }
    }

    /// The whole koppeling, for a kernteamlid of its hulpvraag's kernteam; nil for anyone else.
    public func get(_ id: UUID, in scope: AccessScope, audit: AuditRegel) async throws -> Koppeling? {
        try await weergave(id, in: scope, audit: audit)?.kernteam
    }

    /// The koppeling as the scope may see it: whole for its own kernteam, the volunteer's part for
    /// the steunpunt; nil when the scope may not see it at all.
    public func weergave(_ id: UUID, in scope: AccessScope, audit: AuditRegel) async throws -> Koppelingweergave? {
        try await pool.withTransaction(in: scope) { connection in
            let found = try await Self.weergave(id, on: connection)
            var regel = audit
            regel.resultaat = found == nil ? .nietGevonden : .toegestaan
            try await AuditStore.record(regel, on: connection)
            return found
        }
    }

    /// A status to filter on: one of the kernteam's, or `beeindigd` (completed or broken off), the
    /// only ended status the steunpunt knows. The steunpunt's rows are filtered on their own
    /// status, so `afgebroken` finds every ended one there: no filter tells which were broken off.
    public enum Statusfilter: String, CaseIterable, Sendable {
        case voorgesteld, geaccepteerd, gestart, afgerond, afgebroken, beeindigd
    }

    public struct Filter: Sendable {
        public var hulpvraag: UUID?
        public var vrijwilliger: UUID?
        public var status: Statusfilter?
        public var paginering = Paginering()

        public init() {}
    }

    /// The koppelingen the scope may see, each as it may see it, newest first; nil when
    /// `filter.hulpvraag` names one the scope may not see.
    public func list(_ filter: Filter, in scope: AccessScope, audit: AuditRegel) async throws -> Pagina<Koppelingweergave>? {
        try await pool.withTransaction(in: scope) { connection in
            if let hulpvraag = filter.hulpvraag,
                try await connection.queryOne(
                    "SELECT 1 FROM hulpvragen WHERE gemeente = (SELECT huidige_gemeente()) AND id = $1",
                    [hulpvraag],
                    decode: { _ in 1 }
                ) == nil
            {
                return nil
            }
            let pagina = try await connection.pagina(
                Self.select,
                countFrom: Self.from,
                conditions: """
                    WHERE k.gemeente = (SELECT huidige_gemeente()) AND ($1::uuid IS NULL OR k.hulpvraag = $1)
                      AND ($2::uuid IS NULL OR k.vrijwilliger = $2)
                      AND ($3::text IS NULL OR CASE WHEN k.eigen THEN k.status = $3 OR ($3 = 'beeindigd' AND k.status IN ('afgerond', 'afgebroken'))
                                                    ELSE k.status = \(Self.steunpuntStatus("$3")) END)
                    """,
                binds: [filter.hulpvraag, filter.vrijwilliger, filter.status?.rawValue],
                orderBy: "k.aangemaakt_op DESC, k.id",
                filter.paginering,
                decode: Self.decode
            )
            var regel = audit
            regel.objectId = pagina.items.compactMap { $0.id?.uuidString.lowercased() }.joined(separator: ",")
            try await AuditStore.record(regel, on: connection)
            return pagina
        }
    }

    public func afbreekredenen() async throws -> [Afbreekreden] {
        try await pool.withConnection { connection in
            try await connection.query("SELECT code, naam FROM afbreekredenen ORDER BY volgorde") { row in
                Afbreekreden(code: try row.decode(0), naam: try row.decode(1))
            }
        }
    }

    /// The koppelingen the caller may see, each with whether it is the caller's own kernteam's.
    /// The table shows a kernteamlid only the koppelingen of their own kernteams' hulpvragen; the
    /// steunpunt reads `koppelingen_voor_steunpunt` (sql/definitions/04_koppelingen.sql), which holds only the volunteer's
    /// part, already in its neutral wording, so that what the steunpunt must not learn (the
    /// hulpvraag, the reason, the team's note, who proposed it, how it ended) never leaves the
    /// database. A row that is both the caller's team's and the steunpunt's counts as the team's.
    static let from = """
        (SELECT k.gemeente, k.id, true AS eigen, k.vrijwilliger, k.voorziening, k.status::text AS status, k.leefgebieden, k.taken, k.kern,
                k.dagdelen, k.toelichting, k.gestart_op, k.beeindigd_op, k.hulpvraag, k.reden, k.voorgesteld_door, k.versie, k.afsluiting,
                k.aangemaakt_op
         FROM koppelingen k
         UNION ALL
         SELECT s.gemeente, s.id, false, s.vrijwilliger, NULL::uuid, s.status, s.leefgebieden, s.taken, s.kern,
                s.dagdelen, s.toelichting, s.gestart_op, s.beeindigd_op, NULL::uuid, NULL::text, NULL::text, NULL::integer, NULL::text,
                s.aangemaakt_op
         FROM koppelingen_voor_steunpunt s
         WHERE NOT EXISTS (SELECT 1 FROM koppelingen eigen WHERE eigen.gemeente = s.gemeente AND eigen.id = s.id)) k
        """

    /// A status as the steunpunt knows it: completed and broken off are both `beeindigd`.
    static func steunpuntStatus(_ status: String) -> String {
        "(CASE WHEN \(status) IN ('afgerond', 'afgebroken', 'beeindigd') THEN 'beeindigd' ELSE \(status) END)"
    }

    static let select = """
        SELECT k.id, k.eigen, k.vrijwilliger, k.voorziening,
               coalesce((SELECT v.voornaam || ' ' || v.achternaam FROM vrijwilligers v WHERE v.gemeente = k.gemeente AND v.id = k.vrijwilliger),
                        (SELECT z.naam FROM voorzieningen z WHERE z.gemeente = k.gemeente AND z.id = k.voorziening), ''),
               k.status, k.leefgebieden, k.taken, k.kern, k.dagdelen, k.toelichting, k.gestart_op, k.beeindigd_op,
               k.hulpvraag, k.reden, k.voorgesteld_door, k.versie, k.afsluiting,
               -- How to reach the helper: for the kernteam, only while the koppeling runs (its own rows
               -- carry the table's status; the steunpunt's may say 'beeindigd').
               CASE WHEN k.eigen THEN CASE WHEN koppeling_loopt(k.status::koppelingstatus) THEN
                   coalesce((SELECT concat_ws(' · ', v.telefoon, v.email) FROM vrijwilligers v WHERE v.gemeente = k.gemeente AND v.id = k.vrijwilliger),
                            (SELECT z.contact FROM voorzieningen z WHERE z.gemeente = k.gemeente AND z.id = k.voorziening), '')
               END END
        FROM \(from)
        """

    /// The koppeling as the scope may see it.
    static func weergave(_ id: UUID, on connection: PostgresConnection) async throws -> Koppelingweergave? {
        try await connection.queryOne(select + " WHERE k.gemeente = (SELECT huidige_gemeente()) AND k.id = $1", [id], decode: decode)
    }

    /// The whole koppeling, when it is the scope's own kernteam's.
    static func get(_ id: UUID, on connection: PostgresConnection) async throws -> Koppeling? {
        try await weergave(id, on: connection)?.kernteam
    }

    @Sendable static func decode(_ row: borrowing PostgresRow) throws -> Koppelingweergave {
        let id = try row.decode(0, as: UUID.self)
        guard try row.decode(1, as: Bool.self), let hulpvraag = try row.decode(13, as: UUID?.self) else {
            return .steunpunt(
                KoppelingVoorSteunpunt(
                    id: id,
                    vrijwilliger: try row.decode(2),
                    naam: try row.decode(4),
                    status: try Self.known(KoppelingVoorSteunpunt.Status.self, try row.decode(5)),
                    leefgebieden: try row.decode(6),
                    taken: try row.decode(7),
                    kern: try row.decode(8),
                    dagdelen: try row.decode(9),
                    toelichting: try row.decode(10),
                    gestartOp: try row.decode(11),
                    beeindigdOp: try row.decode(12)
                )
            )
        }
        return .kernteam(
            Koppeling(
                id: id,
                hulpvraag: hulpvraag,
                vrijwilliger: try row.decode(2),
                voorziening: try row.decode(3),
                naam: try row.decode(4),
                status: try Self.known(KoppelingStatus.self, try row.decode(5)),
                leefgebieden: try row.decode(6),
                taken: try row.decode(7),
                kern: try row.decode(8),
                dagdelen: try row.decode(9),
                toelichting: try row.decode(10, as: String?.self) ?? "",
                reden: try row.decode(14),
                voorgesteldDoor: try row.decode(15, as: String?.self) ?? "",
                gestartOp: try row.decode(11),
                beeindigdOp: try row.decode(12),
                versie: try row.decode(16),
                afsluiting: try row.decode(17, as: String?.self)?.nilIfEmpty,
                contact: try row.decode(18, as: String?.self)?.nilIfEmpty
            )
        )
    }
}

extension KoppelingStore {
    /// A status the database gave: an unknown one is an error, never a silent default.
    static func known<S: RawRepresentable<String>>(_ type: S.Type, _ value: String) throws -> S {
        guard let status = S(rawValue: value) else { throw KoppelingStoreError(reden: "onbekende koppelingstatus '\(value)'") }
        return status
    }
}

struct KoppelingStoreError: Error, CustomStringConvertible {
    var reden: String
    var description: String { reden }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
