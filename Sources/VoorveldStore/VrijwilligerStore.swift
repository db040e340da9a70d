import CalendarDate
import Foundation
import Postgres
import Voorveld

/// Lists the volunteers of a gemeente; adding, changing and importing them is `RegisterStore<Vrijwilliger>`.
public struct VrijwilligerStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    public struct Filter: Sendable {
        public var kern: String?
        public var leefgebied: String?
        public var taak: String?
        public var status: VrijwilligerStatus?
        /// Only volunteers whose VOG is missing or expires before this date.
        public var vogVerlooptVoor: CalendarDate?
        public var paginering = Paginering()

        public init() {}
    }

    /// A page of volunteers, by name.
    public func list(_ filter: Filter, in scope: AccessScope, audit: AuditRegel) async throws -> Pagina<Vrijwilliger> {
        try await pool.withTransaction(in: scope) { connection in
            let conditions = """
                WHERE v.gemeente = (SELECT huidige_gemeente())
                  AND ($1::text IS NULL OR v.kern = $1 OR EXISTS (SELECT 1 FROM vrijwilliger_kernen k WHERE k.gemeente = v.gemeente AND k.vrijwilliger = v.id AND k.kern = $1))
                  AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM vrijwilliger_leefgebieden l WHERE l.gemeente = v.gemeente AND l.vrijwilliger = v.id AND l.leefgebied = $2))
                  AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM vrijwilliger_taken t WHERE t.gemeente = v.gemeente AND t.vrijwilliger = v.id AND t.taak = $3))
                  AND ($4::text IS NULL OR v.status = $4)
                  AND ($5::date IS NULL OR v.vog_datum IS NULL OR vog_geldig_tot(v.vog_datum) < $5)
                """
            let binds: [any PostgresEncodable] = [filter.kern, filter.leefgebied, filter.taak, filter.status?.rawValue, filter.vogVerlooptVoor]
            let pagina = try await connection.pagina(
                Vrijwilliger.select,
                countFrom: "vrijwilligers v",
                conditions: conditions,
                binds: binds,
                orderBy: "v.achternaam, v.voornaam, v.id",
                filter.paginering,
                decode: Vrijwilliger.decode
            )
            // Which volunteers were shown, by id.
            var regel = audit
            regel.objectId = pagina.items.compactMap { $0.id?.uuidString.lowercased() }.joined(separator: ",")
            try await AuditStore.record(regel, on: connection)
            return pagina
        }
    }
}

extension VrijwilligerStore {
    /// How many running koppelingen (voorgesteld, geaccepteerd, gestart) each of `ids` has: the
    /// places taken of their `maxHulpvragen`, as the steunpunt sees them (sql/definitions/04_koppelingen.sql). Volunteers
    /// without one are left out.
    public func bezet(_ ids: [UUID], in scope: AccessScope) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let rijen = try await pool.withTransaction(in: scope) { connection in
            try await connection.query(
                """
                SELECT k.vrijwilliger, count(*) FROM koppelingen_voor_steunpunt k
                WHERE k.gemeente = (SELECT huidige_gemeente()) AND k.vrijwilliger = ANY($1::uuid[]) AND k.status <> 'beeindigd'
                GROUP BY k.vrijwilliger
                """,
                [ids]
            ) { row in (try row.decode(0, as: UUID.self), try row.decode(1, as: Int.self)) }
        }
        return Dictionary(rijen, uniquingKeysWith: { first, _ in first })
    }
}

extension Vrijwilliger: Registerregel {
    public static let soort = "vrijwilliger"
    public static let meervoud = "vrijwilligers"
    public static let tabel = "vrijwilligers"

    public static func schrijf(_ batch: [Vrijwilliger], upsert: Bool, on connection: PostgresConnection) async throws -> [UUID] {
        let conflict =
            upsert
            ? """
            ON CONFLICT (gemeente, referentie) DO UPDATE SET
                voornaam = excluded.voornaam, achternaam = excluded.achternaam, email = excluded.email, telefoon = excluded.telefoon,
                kern = excluded.kern, max_afstand_km = excluded.max_afstand_km, beschikbaarheid = excluded.beschikbaarheid,
                langste_inzet = excluded.langste_inzet, uren_per_week = excluded.uren_per_week, max_hulpvragen = excluded.max_hulpvragen,
                vog_datum = excluded.vog_datum, status = excluded.status, versie = vrijwilligers.versie + 1, gewijzigd_op = now()
            """ : ""
        let rows = try await connection.query(
            """
            INSERT INTO vrijwilligers (gemeente, referentie, voornaam, achternaam, email, telefoon, kern, max_afstand_km,
                                       beschikbaarheid, langste_inzet, uren_per_week, max_hulpvragen, vog_datum, status)
            SELECT (SELECT huidige_gemeente()), x.r, x.vn, x.an, x.e, x.t, x.k, x.m, coalesce(string_to_array(nullif(x.b, ''), ','), '{}'), x.li::inzetduur,
                   x.u, x.mh, x.v, x.s
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int8[], $8::text[], $9::text[],
                        $10::int8[], $11::int8[], $12::date[], $13::text[]) AS x(r, vn, an, e, t, k, m, b, li, u, mh, v, s)
            \(conflict)
            RETURNING id, referentie
            """,
            [
                batch.map(\.referentie), batch.map(\.voornaam), batch.map(\.achternaam), batch.map(\.email), batch.map(\.telefoon),
                batch.map(\.kern), batch.map(\.maxAfstandKm), batch.map { $0.beschikbaarheid.joined(separator: ",") },
                batch.map(\.langsteInzet.rawValue), batch.map(\.urenPerWeek), batch.map(\.maxHulpvragen), batch.map(\.vogDatum),
                batch.map(\.status.rawValue),
            ]
        ) { row in (try row.decode(0, as: UUID.self), try row.decode(1, as: String.self)) }
        let idByReferentie = Dictionary(rows.map { ($0.1, $0.0) }, uniquingKeysWith: { first, _ in first })
        let ids = batch.map { idByReferentie[$0.referentie]! }

        // The lists: replaced whole for every volunteer in the batch.
        try await connection.execute(
            "DELETE FROM vrijwilliger_afwezigheden WHERE gemeente = (SELECT huidige_gemeente()) AND vrijwilliger = ANY($1::uuid[])",
            [ids]
        )
        try await connection.replaceCodeLists(
            of: "vrijwilliger",
            ids: ids,
            batch,
            [
                ("vrijwilliger_kernen", "kern", \.buurkernen), ("vrijwilliger_leefgebieden", "leefgebied", \.leefgebieden),
                ("vrijwilliger_taken", "taak", \.taken),
            ]
        )
        let absences = zip(ids, batch).flatMap { id, vrijwilliger in vrijwilliger.afwezigheden.map { (id, $0) } }
        if !absences.isEmpty {
            try await connection.execute(
                """
                INSERT INTO vrijwilliger_afwezigheden (gemeente, vrijwilliger, van, tot)
                SELECT (SELECT huidige_gemeente()), * FROM unnest($1::uuid[], $2::date[], $3::date[])
                """,
                [absences.map(\.0), absences.map(\.1.van), absences.map(\.1.tot)]
            )
        }
        return ids
    }

    static let select = """
        SELECT v.id, v.referentie, v.voornaam, v.achternaam, v.email, v.telefoon, v.kern,
               ARRAY(SELECT k.kern FROM vrijwilliger_kernen k WHERE k.gemeente = v.gemeente AND k.vrijwilliger = v.id ORDER BY k.kern),
               v.max_afstand_km,
               ARRAY(SELECT l.leefgebied FROM vrijwilliger_leefgebieden l WHERE l.gemeente = v.gemeente AND l.vrijwilliger = v.id ORDER BY l.leefgebied),
               ARRAY(SELECT t.taak FROM vrijwilliger_taken t WHERE t.gemeente = v.gemeente AND t.vrijwilliger = v.id ORDER BY t.taak),
               v.beschikbaarheid,
               ARRAY(SELECT a.van::text || '/' || a.tot::text FROM vrijwilliger_afwezigheden a
                     WHERE a.gemeente = v.gemeente AND a.vrijwilliger = v.id ORDER BY a.van),
               v.langste_inzet::text, v.uren_per_week, v.max_hulpvragen, v.vog_datum, v.status, v.versie
        FROM vrijwilligers v
        """

    public static func get(_ id: UUID, on connection: PostgresConnection) async throws -> Vrijwilliger? {
        try await connection.queryOne(select + " WHERE v.gemeente = (SELECT huidige_gemeente()) AND v.id = $1", [id], decode: decode)
    }

    @Sendable static func decode(_ row: borrowing PostgresRow) throws -> Vrijwilliger {
        Vrijwilliger(
            id: try row.decode(0),
            referentie: try row.decode(1),
            voornaam: try row.decode(2),
            achternaam: try row.decode(3),
            email: try row.decode(4),
            telefoon: try row.decode(5),
            kern: try row.decode(6),
            buurkernen: try row.decode(7),
            maxAfstandKm: try row.decode(8),
            leefgebieden: try row.decode(9),
            taken: try row.decode(10),
            beschikbaarheid: try row.decode(11),
            afwezigheden: try row.decode(12, as: [String].self).compactMap { text in
                let ends = text.split(separator: "/")
                guard ends.count == 2, let van = CalendarDate(iso: ends[0]), let tot = CalendarDate(iso: ends[1]) else { return nil }
                return Periode(van: van, tot: tot)
            },
            langsteInzet: try row.decode(13, as: Inzetduur.self),
            urenPerWeek: try row.decode(14),
            maxHulpvragen: try row.decode(15),
            vogDatum: try row.decode(16),
            status: try row.decode(17, as: VrijwilligerStatus.self),
            versie: try row.decode(18)
        )
    }
}
