import CalendarDate
import Foundation
import Postgres
import Voorveld

/// The hulpvragen of a kernteam. Row-level security shows a kernteamlid only those of their own
/// kernteams; every read and change is audited in the same transaction.
public struct HulpvraagStore: Sendable {
    public let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    /// Adds a hulpvraag on a connection whose transaction the caller owns (e.g. with an idempotency key).
    public static func create(_ hulpvraag: Hulpvraag, on connection: PostgresConnection, audit: (UUID) -> AuditRegel) async throws -> Hulpvraag {
        let id = try await connection.queryOne(
            """
            INSERT INTO hulpvragen (gemeente, dossierreferentie, initialen, geboortejaar, regisseur, kernteam, kern, kanaal, ontvangen_op,
                                    dagdelen, duur, uren_per_week, jeugd, toestemming_vrijwilliger, gezamenlijk_huisbezoek, veilig_thuis,
                                    omschrijving, status, doorverwezen_naar_loket)
            VALUES ((SELECT huidige_gemeente()), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::inzetduur, $11, $12, $13, $14, $15, $16, $17, $18)
            RETURNING id
            """,
            binds(hulpvraag)
        ) { row in try row.decode(0, as: UUID.self) }!
        try await writeLists(hulpvraag, id: id, on: connection)
        try await AuditStore.record(audit(id), on: connection)
        return try await get(id, on: connection)!
    }

    public func create(_ hulpvraag: Hulpvraag, in scope: AccessScope, audit: (UUID) -> AuditRegel) async throws -> Hulpvraag {
        try await pool.withTransaction(in: scope) { connection in try await Self.create(hulpvraag, on: connection, audit: audit) }
    }

    /// One hulpvraag, or nil when it does not exist or is another kernteam's; audited either way.
    public func get(_ id: UUID, in scope: AccessScope, audit: AuditRegel) async throws -> Hulpvraag? {
        try await pool.withTransaction(in: scope) { connection in
            let found = try await Self.get(id, on: connection)
            var regel = audit
            regel.resultaat = found == nil ? .nietGevonden : .toegestaan
            try await AuditStore.record(regel, on: connection)
            return found
        }
    }

    public enum Wijziging: Sendable {
        case gewijzigd(Hulpvraag)
        case nietGevonden
        /// Someone else changed it first; this is the current state.
        case verouderd(Hulpvraag)
    }

    /// Replaces a hulpvraag if it still has `versie`. `nieuw` is built from the current state
    /// by `maak`, which may throw `Invoerfouten`.
    public func update(
        _ id: UUID,
        versie: Int,
        in scope: AccessScope,
        audit: AuditRegel,
        maak: (Hulpvraag) throws -> Hulpvraag
    ) async throws -> Wijziging {
        try await wijzig(
            id,
            versie: versie,
            in: scope,
            audit: audit,
            lees: { current, _ in try maak(current) },
            schrijf: { nieuw, connection in
                try await connection.execute(
                    """
                    UPDATE hulpvragen SET dossierreferentie = $1, initialen = $2, geboortejaar = $3, regisseur = $4, kernteam = $5, kern = $6,
                           kanaal = $7, ontvangen_op = $8, dagdelen = $9, duur = $10::inzetduur, uren_per_week = $11, jeugd = $12,
                           toestemming_vrijwilliger = $13, gezamenlijk_huisbezoek = $14, veilig_thuis = $15, omschrijving = $16, status = $17,
                           doorverwezen_naar_loket = $18, versie = versie + 1, gewijzigd_op = now(),
                           -- Reopening clears the closure; an edit of a closed hulpvraag keeps it.
                           uitkomst = CASE WHEN $17 = 'afgesloten' THEN uitkomst END,
                           onderdelen = CASE WHEN $17 = 'afgesloten' THEN onderdelen ELSE '{}' END,
                           afgesloten_op = CASE WHEN $17 = 'afgesloten' THEN afgesloten_op END,
                           nazorg_op = CASE WHEN $17 = 'afgesloten' THEN nazorg_op END,
                           nazorg_opgelost = CASE WHEN $17 = 'afgesloten' THEN nazorg_opgelost END,
                           nazorg_vastgelegd_op = CASE WHEN $17 = 'afgesloten' THEN nazorg_vastgelegd_op END
                    WHERE gemeente = (SELECT huidige_gemeente()) AND id = $19
                    """,
                    Self.binds(nieuw) + [id]
                )
                // Reopened: the closure's ZRM scores go with the rest of the closure.
                if nieuw.status != .afgesloten {
                    try await connection.execute(
                        """
                        UPDATE hulpvraag_leefgebieden SET zrm_score_afsluiting = NULL
                        WHERE gemeente = (SELECT huidige_gemeente()) AND hulpvraag = $1 AND zrm_score_afsluiting IS NOT NULL
                        """,
                        [id]
                    )
                }
                // Leefgebieden are changed in place, so the ZRM scores at closure stay with them.
                try await connection.execute(
                    "DELETE FROM hulpvraag_leefgebieden WHERE gemeente = (SELECT huidige_gemeente()) AND hulpvraag = $1 AND leefgebied <> ALL($2::text[])",
                    [id, nieuw.leefgebieden]
                )
                try await connection.execute("DELETE FROM hulpvraag_taken WHERE gemeente = (SELECT huidige_gemeente()) AND hulpvraag = $1", [id])
                try await Self.writeLists(nieuw, id: id, on: connection)
            }
        )
    }

    /// Closes a hulpvraag with its outcome, if it still has `versie`; `maak` builds the closure
    /// from the current state and the gemeente's nazorg period in days, and may throw `Invoerfouten`.
    public func sluitAf(
        _ id: UUID,
        versie: Int,
        in scope: AccessScope,
        audit: AuditRegel,
        maak: (Hulpvraag, _ nazorgDagen: Int) throws -> Afsluiting
    ) async throws -> Wijziging {
        try await wijzig(
            id,
            versie: versie,
            in: scope,
            audit: audit,
            lees: { current, connection in
                (current, try maak(current, try await GebiedStore.nazorgDagen(on: connection) ?? Afsluiting.standaardNazorgDagen))
            },
            schrijf: { gelezen, connection in
                let (current, afsluiting) = gelezen
                guard current.status != .afgesloten else {
                    throw Invoerfouten([Veldfout(veld: "status", melding: "de hulpvraag is al afgesloten; heropen hem eerst")])
                }
                let lopend =
                    try await connection.queryOne(
                        """
                        SELECT count(*) FROM koppelingen WHERE gemeente = (SELECT huidige_gemeente()) AND hulpvraag = $1
                          AND koppeling_loopt(status)
                        """,
                        [id]
                    ) { row in try row.decode(0, as: Int.self) } ?? 0
                guard lopend == 0 else {
                    throw Invoerfouten([
                        Veldfout(
                            veld: "koppelingen",
                            melding:
                                "er \(lopend == 1 ? "loopt nog 1 koppeling" : "lopen nog \(lopend) koppelingen"); rond die eerst af of breek ze af"
                        )
                    ])
                }
                try await Self.schrijf(afsluiting, voor: id, on: connection)
            }
        )
    }

    /// Writes a closure in the caller's transaction.
    public static func schrijf(_ afsluiting: Afsluiting, voor id: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE hulpvragen SET status = 'afgesloten', uitkomst = $2, onderdelen = $3, afgesloten_op = $4, nazorg_op = $5,
                   nazorg_opgelost = NULL, nazorg_vastgelegd_op = NULL, versie = versie + 1, gewijzigd_op = now()
            WHERE gemeente = (SELECT huidige_gemeente()) AND id = $1
            """,
            [id, afsluiting.uitkomst, afsluiting.onderdelen.map(\.rawValue), afsluiting.afgeslotenOp, afsluiting.nazorgOp]
        )
        try await connection.execute(
            """
            UPDATE hulpvraag_leefgebieden l SET zrm_score_afsluiting = x.s::smallint
            FROM unnest($2::text[], $3::int8[]) AS x(l, s)
            WHERE l.gemeente = (SELECT huidige_gemeente()) AND l.hulpvraag = $1 AND l.leefgebied = x.l
            """,
            [id, Array(afsluiting.zrmScores.keys), afsluiting.zrmScores.keys.map { afsluiting.zrmScores[$0] }]
        )
    }

    /// Records the nazorg answer: is it still solved?
    public func nazorg(
        _ id: UUID,
        opgelost: Bool,
        op datum: CalendarDate,
        versie: Int,
        in scope: AccessScope,
        audit: AuditRegel
    ) async throws -> Wijziging {
        try await wijzig(
            id,
            versie: versie,
            in: scope,
            audit: audit,
            lees: { current, _ in current },
            schrijf: { current, connection in
                guard current.status == .afgesloten, current.afsluiting?.nazorgOp != nil else {
                    throw Invoerfouten([
                        Veldfout(veld: "opgelost", melding: "nazorg hoort bij een afgesloten, opgeloste hulpvraag met een nazorgdatum")
                    ])
                }
                try await Self.schrijfNazorg(opgelost, op: datum, voor: id, on: connection)
            }
        )
    }

    /// Writes a nazorg answer in the caller's transaction.
    public static func schrijfNazorg(_ opgelost: Bool, op datum: CalendarDate, voor id: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE hulpvragen SET nazorg_opgelost = $2, nazorg_vastgelegd_op = $3, versie = versie + 1, gewijzigd_op = now()
            WHERE gemeente = (SELECT huidige_gemeente()) AND id = $1
            """,
            [id, opgelost, datum]
        )
    }

    /// A change under a row lock, so that of two concurrent changes to one version only the first
    /// wins; made only if the hulpvraag still has `versie` (checked first, as RFC 9110 evaluates
    /// preconditions before the content: input judged against a newer state would read as the
    /// client's mistake), then the input is read against that state (`lees`), written
    /// (`change`) and audited.
    private func wijzig<Invoer>(
        _ id: UUID,
        versie: Int,
        in scope: AccessScope,
        audit: AuditRegel,
        lees: (Hulpvraag, PostgresConnection) async throws -> Invoer,
        schrijf: (Invoer, PostgresConnection) async throws -> Void
    ) async throws -> Wijziging {
        try await pool.withTransaction(in: scope) { connection in
            try await connection.execute("SELECT 1 FROM hulpvragen WHERE gemeente = (SELECT huidige_gemeente()) AND id = $1 FOR UPDATE", [id])
            guard let current = try await Self.get(id, on: connection) else { return .nietGevonden }
            guard current.versie == versie else { return .verouderd(current) }
            let invoer = try await lees(current, connection)
            try await schrijf(invoer, connection)
            try await AuditStore.record(audit, on: connection)
            return .gewijzigd(try await Self.get(id, on: connection)!)
        }
    }

    public func uitkomsten() async throws -> [Uitkomst] {
        try await pool.withConnection { connection in
            try await connection.query(
                """
                SELECT code, naam, alleen_voorliggend_veld, voorliggend_veld_betrokken, telt_mee FROM uitkomsten ORDER BY volgorde
                """
            ) { row in
                Uitkomst(
                    code: try row.decode(0),
                    naam: try row.decode(1),
                    alleenVoorliggendVeld: try row.decode(2),
                    voorliggendVeldBetrokken: try row.decode(3),
                    teltMee: try row.decode(4)
                )
            }
        }
    }

    public struct Filter: Sendable {
        public var kernteam: String?
        public var kern: String?
        public var leefgebied: String?
        public var status: HulpvraagStatus?
        public var regisseur: String?
        /// Closed ones whose nazorg is due on or before this day and not yet recorded.
        public var nazorgUiterlijk: CalendarDate?
        public var paginering = Paginering()

        public init() {}
    }

    /// A page of the hulpvragen the scope may see, newest first.
    public func list(_ filter: Filter, in scope: AccessScope, audit: AuditRegel) async throws -> Pagina<Hulpvraag> {
        try await pool.withTransaction(in: scope) { connection in
            let conditions = """
                WHERE h.gemeente = (SELECT huidige_gemeente())
                  AND ($1::text IS NULL OR h.kernteam = $1)
                  AND ($2::text IS NULL OR h.kern = $2)
                  AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM hulpvraag_leefgebieden l WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id AND l.leefgebied = $3))
                  AND ($4::text IS NULL OR h.status = $4)
                  AND ($5::text IS NULL OR h.regisseur = $5)
                  AND ($6::date IS NULL OR (h.nazorg_op <= $6 AND h.nazorg_opgelost IS NULL))
                """
            let pagina = try await connection.pagina(
                Self.select,
                countFrom: "hulpvragen h",
                conditions: conditions,
                binds: [filter.kernteam, filter.kern, filter.leefgebied, filter.status?.rawValue, filter.regisseur, filter.nazorgUiterlijk],
                orderBy: filter.nazorgUiterlijk == nil ? "h.ontvangen_op DESC, h.aangemaakt_op DESC, h.id" : "h.nazorg_op, h.id",
                filter.paginering,
                decode: Self.decode
            )
            // Which hulpvragen were shown, by id.
            var regel = audit
            regel.objectId = pagina.items.compactMap { $0.id?.uuidString.lowercased() }.joined(separator: ",")
            try await AuditStore.record(regel, on: connection)
            return pagina
        }
    }

    static func binds(_ h: Hulpvraag) -> [any PostgresEncodable] {
        [
            h.dossierreferentie, h.initialen, h.geboortejaar, h.regisseur, h.kernteam, h.kern, h.kanaal.rawValue, h.ontvangenOp, h.dagdelen,
            h.duur.rawValue, h.urenPerWeek, h.jeugd, h.toestemmingVrijwilliger, h.gezamenlijkHuisbezoek, h.veiligThuis, h.omschrijving,
            h.status.rawValue, h.doorverwezenNaarLoket,
        ]
    }

    static func writeLists(_ hulpvraag: Hulpvraag, id: UUID, on connection: PostgresConnection) async throws {
        if !hulpvraag.leefgebieden.isEmpty {
            // In one order for everyone: the triggers that count them lock count rows as they go.
            let leefgebieden = hulpvraag.leefgebieden.sorted()
            try await connection.execute(
                """
                INSERT INTO hulpvraag_leefgebieden (gemeente, hulpvraag, leefgebied, zrm_score)
                SELECT (SELECT huidige_gemeente()), $1, x.l, x.s::smallint FROM unnest($2::text[], $3::int8[]) AS x(l, s)
                ON CONFLICT (gemeente, hulpvraag, leefgebied) DO UPDATE SET zrm_score = excluded.zrm_score
                """,
                [id, leefgebieden, leefgebieden.map { hulpvraag.zrmScores[$0] }]
            )
        }
        if !hulpvraag.taken.isEmpty {
            try await connection.execute(
                "INSERT INTO hulpvraag_taken (gemeente, hulpvraag, taak) SELECT (SELECT huidige_gemeente()), $1, * FROM unnest($2::text[])",
                [id, hulpvraag.taken]
            )
        }
    }

    static let select = """
        SELECT h.id, h.dossierreferentie, h.initialen, h.geboortejaar, h.regisseur, h.kernteam, h.kern, h.kanaal, h.ontvangen_op,
               ARRAY(SELECT l.leefgebied FROM hulpvraag_leefgebieden l WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id ORDER BY l.leefgebied),
               ARRAY(SELECT l.leefgebied || '=' || l.zrm_score FROM hulpvraag_leefgebieden l
                     WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id AND l.zrm_score IS NOT NULL ORDER BY l.leefgebied),
               ARRAY(SELECT t.taak FROM hulpvraag_taken t WHERE t.gemeente = h.gemeente AND t.hulpvraag = h.id ORDER BY t.taak),
               h.dagdelen, h.duur::text, h.uren_per_week, h.jeugd, h.toestemming_vrijwilliger, h.gezamenlijk_huisbezoek, h.veilig_thuis,
               h.omschrijving, h.status, h.doorverwezen_naar_loket, h.versie,
               h.uitkomst, h.onderdelen, h.afgesloten_op, h.nazorg_op, h.nazorg_opgelost,
               ARRAY(SELECT l.leefgebied || '=' || l.zrm_score_afsluiting FROM hulpvraag_leefgebieden l
                     WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id AND l.zrm_score_afsluiting IS NOT NULL ORDER BY l.leefgebied)
        FROM hulpvragen h
        """

    static func get(_ id: UUID, on connection: PostgresConnection) async throws -> Hulpvraag? {
        try await connection.queryOne(select + " WHERE h.gemeente = (SELECT huidige_gemeente()) AND h.id = $1", [id], decode: decode)
    }

    @Sendable static func decode(_ row: borrowing PostgresRow) throws -> Hulpvraag {
        func scores(_ pairs: [String]) -> [String: Int] {
            var scores: [String: Int] = [:]
            for pair in pairs {
                let parts = pair.split(separator: "=")
                if parts.count == 2, let score = Int(parts[1]) { scores[String(parts[0])] = score }
            }
            return scores
        }
        let afsluiting: Afsluiting? =
            if let uitkomst = try row.decode(23, as: String?.self), let op = try row.decode(25, as: CalendarDate?.self) {
                Afsluiting(
                    uitkomst: uitkomst,
                    onderdelen: try row.decode(24, as: [Onderdeel].self),
                    zrmScores: scores(try row.decode(28)),
                    afgeslotenOp: op,
                    nazorgOp: try row.decode(26)
                )
            } else {
                nil
            }
        return Hulpvraag(
            id: try row.decode(0),
            dossierreferentie: try row.decode(1),
            initialen: try row.decode(2),
            geboortejaar: try row.decode(3),
            regisseur: try row.decode(4),
            kernteam: try row.decode(5),
            kern: try row.decode(6),
            kanaal: try row.decode(7, as: Kanaal.self),
            ontvangenOp: try row.decode(8),
            leefgebieden: try row.decode(9),
            zrmScores: scores(try row.decode(10)),
            taken: try row.decode(11),
            dagdelen: try row.decode(12),
            duur: try row.decode(13, as: Inzetduur.self),
            urenPerWeek: try row.decode(14),
            jeugd: try row.decode(15),
            toestemmingVrijwilliger: try row.decode(16),
            gezamenlijkHuisbezoek: try row.decode(17),
            veiligThuis: try row.decode(18),
            omschrijving: try row.decode(19),
            status: try row.decode(20, as: HulpvraagStatus.self),
            doorverwezenNaarLoket: try row.decode(21),
            versie: try row.decode(22),
            afsluiting: afsluiting,
            nazorgOpgelost: try row.decode(27)
        )
    }
}
