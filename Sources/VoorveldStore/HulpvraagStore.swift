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
        let id = try await connection.queryOne("""
            INSERT INTO hulpvragen (gemeente, dossierreferentie, initialen, geboortejaar, regisseur, kernteam, kern, kanaal, ontvangen_op,
                                    dagdelen, duur, uren_per_week, jeugd, toestemming_vrijwilliger, gezamenlijk_huisbezoek, veilig_thuis,
                                    omschrijving, status, doorverwezen_naar_loket)
            VALUES (huidige_gemeente(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::inzetduur, $11, $12, $13, $14, $15, $16, $17, $18)
            RETURNING id
            """, binds(hulpvraag)) { row in try row.decode(0, as: UUID.self) }!
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
        _ id: UUID, versie: Int, in scope: AccessScope, audit: AuditRegel, maak: (Hulpvraag) throws -> Hulpvraag
    ) async throws -> Wijziging {
        try await pool.withTransaction(in: scope) { connection in
            // Lock the row, so that of two concurrent changes to one version only the first wins.
            try await connection.execute("SELECT 1 FROM hulpvragen WHERE gemeente = huidige_gemeente() AND id = $1 FOR UPDATE", [id])
            guard let current = try await Self.get(id, on: connection) else { return .nietGevonden }
            guard current.versie == versie else { return .verouderd(current) }
            let nieuw = try maak(current)
            try await connection.execute("""
                UPDATE hulpvragen SET dossierreferentie = $1, initialen = $2, geboortejaar = $3, regisseur = $4, kernteam = $5, kern = $6,
                       kanaal = $7, ontvangen_op = $8, dagdelen = $9, duur = $10::inzetduur, uren_per_week = $11, jeugd = $12,
                       toestemming_vrijwilliger = $13, gezamenlijk_huisbezoek = $14, veilig_thuis = $15, omschrijving = $16, status = $17,
                       doorverwezen_naar_loket = $18, versie = versie + 1, gewijzigd_op = now()
                WHERE gemeente = huidige_gemeente() AND id = $19
                """, Self.binds(nieuw) + [id])
            for table in ["hulpvraag_leefgebieden", "hulpvraag_taken"] {
                try await connection.execute("DELETE FROM \(table) WHERE gemeente = huidige_gemeente() AND hulpvraag = $1", [id])
            }
            try await Self.writeLists(nieuw, id: id, on: connection)
            try await AuditStore.record(audit, on: connection)
            return .gewijzigd(try await Self.get(id, on: connection)!)
        }
    }

    public struct Filter: Sendable {
        public var kernteam: String?
        public var kern: String?
        public var leefgebied: String?
        public var status: HulpvraagStatus?
        public var regisseur: String?
        public var paginering = Paginering()

        public init() {}
    }

    /// A page of the hulpvragen the scope may see, newest first.
    public func list(_ filter: Filter, in scope: AccessScope, audit: AuditRegel) async throws -> Pagina<Hulpvraag> {
        try await pool.withTransaction(in: scope) { connection in
            let conditions = """
                WHERE h.gemeente = huidige_gemeente()
                  AND ($1::text IS NULL OR h.kernteam = $1)
                  AND ($2::text IS NULL OR h.kern = $2)
                  AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM hulpvraag_leefgebieden l WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id AND l.leefgebied = $3))
                  AND ($4::text IS NULL OR h.status = $4)
                  AND ($5::text IS NULL OR h.regisseur = $5)
                """
            let pagina = try await connection.pagina(
                Self.select, countFrom: "hulpvragen h", conditions: conditions,
                binds: [filter.kernteam, filter.kern, filter.leefgebied, filter.status?.rawValue, filter.regisseur],
                orderBy: "h.ontvangen_op DESC, h.aangemaakt_op DESC, h.id", filter.paginering, decode: Self.decode)
            // Which hulpvragen were shown, by id.
            var regel = audit
            regel.objectId = pagina.items.compactMap { $0.id?.uuidString.lowercased() }.joined(separator: ",")
            try await AuditStore.record(regel, on: connection)
            return pagina
        }
    }

    static func binds(_ h: Hulpvraag) -> [any PostgresEncodable] {
        [h.dossierreferentie, h.initialen, h.geboortejaar, h.regisseur, h.kernteam, h.kern, h.kanaal.rawValue, h.ontvangenOp, h.dagdelen,
         h.duur.rawValue, h.urenPerWeek, h.jeugd, h.toestemmingVrijwilliger, h.gezamenlijkHuisbezoek, h.veiligThuis, h.omschrijving,
         h.status.rawValue, h.doorverwezenNaarLoket]
    }

    static func writeLists(_ hulpvraag: Hulpvraag, id: UUID, on connection: PostgresConnection) async throws {
        if !hulpvraag.leefgebieden.isEmpty {
            try await connection.execute("""
                INSERT INTO hulpvraag_leefgebieden (gemeente, hulpvraag, leefgebied, zrm_score)
                SELECT huidige_gemeente(), $1, x.l, x.s::smallint FROM unnest($2::text[], $3::int8[]) AS x(l, s)
                """, [id, hulpvraag.leefgebieden, hulpvraag.leefgebieden.map { hulpvraag.zrmScores[$0] }])
        }
        if !hulpvraag.taken.isEmpty {
            try await connection.execute(
                "INSERT INTO hulpvraag_taken (gemeente, hulpvraag, taak) SELECT huidige_gemeente(), $1, * FROM unnest($2::text[])",
                [id, hulpvraag.taken])
        }
    }

    static let select = """
        SELECT h.id, h.dossierreferentie, h.initialen, h.geboortejaar, h.regisseur, h.kernteam, h.kern, h.kanaal, h.ontvangen_op,
               ARRAY(SELECT l.leefgebied FROM hulpvraag_leefgebieden l WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id ORDER BY l.leefgebied),
               ARRAY(SELECT l.leefgebied || '=' || l.zrm_score FROM hulpvraag_leefgebieden l
                     WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id AND l.zrm_score IS NOT NULL ORDER BY l.leefgebied),
               ARRAY(SELECT t.taak FROM hulpvraag_taken t WHERE t.gemeente = h.gemeente AND t.hulpvraag = h.id ORDER BY t.taak),
               h.dagdelen, h.duur::text, h.uren_per_week, h.jeugd, h.toestemming_vrijwilliger, h.gezamenlijk_huisbezoek, h.veilig_thuis,
               h.omschrijving, h.status, h.doorverwezen_naar_loket, h.versie
        FROM hulpvragen h
        """

    static func get(_ id: UUID, on connection: PostgresConnection) async throws -> Hulpvraag? {
        try await connection.queryOne(select + " WHERE h.gemeente = huidige_gemeente() AND h.id = $1", [id], decode: decode)
    }

    @Sendable static func decode(_ row: borrowing PostgresRow) throws -> Hulpvraag {
        var scores: [String: Int] = [:]
        for pair in try row.decode(10, as: [String].self) {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let score = Int(parts[1]) { scores[String(parts[0])] = score }
        }
        return Hulpvraag(
            id: try row.decode(0), dossierreferentie: try row.decode(1), initialen: try row.decode(2), geboortejaar: try row.decode(3),
            regisseur: try row.decode(4), kernteam: try row.decode(5), kern: try row.decode(6),
            kanaal: Kanaal(rawValue: try row.decode(7)) ?? .telefoon, ontvangenOp: try row.decode(8), leefgebieden: try row.decode(9),
            zrmScores: scores, taken: try row.decode(11), dagdelen: try row.decode(12),
            duur: Inzetduur(rawValue: try row.decode(13)) ?? .eenmalig, urenPerWeek: try row.decode(14), jeugd: try row.decode(15),
            toestemmingVrijwilliger: try row.decode(16), gezamenlijkHuisbezoek: try row.decode(17), veiligThuis: try row.decode(18),
            omschrijving: try row.decode(19), status: HulpvraagStatus(rawValue: try row.decode(20)) ?? .nieuw,
            doorverwezenNaarLoket: try row.decode(21), versie: try row.decode(22))
    }
}
