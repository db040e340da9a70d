import CalendarDate
import Foundation
import Postgres
import Voorveld

/// Lists the algemene voorzieningen of a gemeente; adding, changing and importing them is
/// `RegisterStore<Voorziening>`.
public struct VoorzieningStore: Sendable {
    let pool: ConnectionPool

    public init(pool: ConnectionPool) { self.pool = pool }

    public struct Filter: Sendable {
        /// Only those serving this kern (named, or the whole gemeente).
        public var kern: String?
        public var leefgebied: String?
        public var taak: String?
        public var leeftijdsgroep: Leeftijdsgroep?
        /// Only those last verified before this date (stale records).
        public var geverifieerdVoor: CalendarDate?
        public var paginering = Paginering()

        public init() {}
    }

    /// A page of voorzieningen, by name.
    public func list(_ filter: Filter, in scope: AccessScope) async throws -> Pagina<Voorziening> {
        try await pool.withTransaction(in: scope) { connection in
            let conditions = """
                WHERE v.gemeente = (SELECT huidige_gemeente())
                  AND ($1::text IS NULL OR v.hele_gemeente OR EXISTS (SELECT 1 FROM voorziening_kernen k WHERE k.gemeente = v.gemeente AND k.voorziening = v.id AND k.kern = $1))
                  AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM voorziening_leefgebieden l WHERE l.gemeente = v.gemeente AND l.voorziening = v.id AND l.leefgebied = $2))
                  AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM voorziening_taken t WHERE t.gemeente = v.gemeente AND t.voorziening = v.id AND t.taak = $3))
                  AND ($4::text IS NULL OR v.leeftijdsgroep = $4)
                  AND ($5::date IS NULL OR v.laatst_geverifieerd < $5)
                """
            return try await connection.pagina(
                Voorziening.select,
                countFrom: "voorzieningen v",
                conditions: conditions,
                binds: [filter.kern, filter.leefgebied, filter.taak, filter.leeftijdsgroep?.rawValue, filter.geverifieerdVoor],
                orderBy: "v.naam, v.id",
                filter.paginering,
                decode: Voorziening.decode
            )
        }
    }

    /// What an export needs to be readable on its own: the gemeente's name, its kernen's names,
    /// and a stable id per aanbieder (derived from the gemeente and the name).
    public struct Namen: Sendable {
        public var gemeente: String
        public var kernen: [String: String]
        public var aanbieders: [String: UUID]
    }

    public func namen(in scope: AccessScope) async throws -> Namen {
        try await pool.withTransaction(in: scope) { connection in
            let rows = try await connection.query(
                """
                SELECT 'gemeente', code, naam, NULL::uuid FROM gemeenten WHERE code = (SELECT huidige_gemeente())
                UNION ALL SELECT 'kern', code, naam, NULL FROM kernen WHERE gemeente = (SELECT huidige_gemeente())
                UNION ALL SELECT DISTINCT 'aanbieder', aanbieder, aanbieder, md5(gemeente || '/' || aanbieder)::uuid
                    FROM voorzieningen WHERE gemeente = (SELECT huidige_gemeente())
                """
            ) { row in
                (
                    try row.decode(0, as: String.self), try row.decode(1, as: String.self), try row.decode(2, as: String.self),
                    try row.decode(3, as: UUID?.self)
                )
            }
            return Namen(
                gemeente: rows.first { $0.0 == "gemeente" }?.2 ?? scope.gemeente,
                kernen: Dictionary(rows.filter { $0.0 == "kern" }.map { ($0.1, $0.2) }, uniquingKeysWith: { first, _ in first }),
                aanbieders: Dictionary(rows.compactMap { row in row.3.map { (row.1, $0) } }, uniquingKeysWith: { first, _ in first })
            )
        }
    }
}

extension Voorziening: Registerregel {
    public static let soort = "voorziening"
    public static let meervoud = "voorzieningen"
    public static let tabel = "voorzieningen"
    /// `verouderd` is in lists: derived from `laatstGeverifieerd`.
    public static let afgeleideVelden: Set<String> = ["id", "versie", "verouderd"]

    public static func schrijf(_ batch: [Voorziening], upsert: Bool, on connection: PostgresConnection) async throws -> [UUID] {
        let conflict =
            upsert
            ? """
            ON CONFLICT (gemeente, referentie) DO UPDATE SET
                aanbieder = excluded.aanbieder, naam = excluded.naam, omschrijving = excluded.omschrijving,
                hele_gemeente = excluded.hele_gemeente, openingsdagdelen = excluded.openingsdagdelen,
                leeftijdsgroep = excluded.leeftijdsgroep, capaciteit = excluded.capaciteit, contact = excluded.contact,
                laatst_geverifieerd = excluded.laatst_geverifieerd, versie = voorzieningen.versie + 1, gewijzigd_op = now()
            """ : ""
        let rows = try await connection.query(
            """
            INSERT INTO voorzieningen (gemeente, referentie, aanbieder, naam, omschrijving, hele_gemeente, openingsdagdelen,
                                       leeftijdsgroep, capaciteit, contact, laatst_geverifieerd)
            SELECT (SELECT huidige_gemeente()), x.r, x.a, x.n, x.o, x.h, coalesce(string_to_array(nullif(x.d, ''), ','), '{}'), x.l, x.c, x.k, x.g
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::text[], $7::text[], $8::int8[], $9::text[],
                        $10::date[]) AS x(r, a, n, o, h, d, l, c, k, g)
            \(conflict)
            RETURNING id, referentie
            """,
            [
                batch.map(\.referentie), batch.map(\.aanbieder), batch.map(\.naam), batch.map(\.omschrijving), batch.map(\.heleGemeente),
                batch.map { $0.openingsdagdelen.joined(separator: ",") }, batch.map(\.leeftijdsgroep.rawValue), batch.map(\.capaciteit),
                batch.map(\.contact), batch.map(\.laatstGeverifieerd),
            ]
        ) { row in (try row.decode(0, as: UUID.self), try row.decode(1, as: String.self)) }
        let idByReferentie = Dictionary(rows.map { ($0.1, $0.0) }, uniquingKeysWith: { first, _ in first })
        let ids = batch.map { idByReferentie[$0.referentie]! }

        try await connection.replaceCodeLists(
            of: "voorziening",
            ids: ids,
            batch,
            [
                ("voorziening_kernen", "kern", \.kernen), ("voorziening_leefgebieden", "leefgebied", \.leefgebieden),
                ("voorziening_taken", "taak", \.taken),
            ]
        )
        return ids
    }

    static let select = """
        SELECT v.id, v.referentie, v.aanbieder, v.naam, v.omschrijving,
               ARRAY(SELECT k.kern FROM voorziening_kernen k WHERE k.gemeente = v.gemeente AND k.voorziening = v.id ORDER BY k.kern),
               v.hele_gemeente,
               ARRAY(SELECT l.leefgebied FROM voorziening_leefgebieden l WHERE l.gemeente = v.gemeente AND l.voorziening = v.id ORDER BY l.leefgebied),
               ARRAY(SELECT t.taak FROM voorziening_taken t WHERE t.gemeente = v.gemeente AND t.voorziening = v.id ORDER BY t.taak),
               v.openingsdagdelen, v.leeftijdsgroep, v.capaciteit, v.contact, v.laatst_geverifieerd, v.versie
        FROM voorzieningen v
        """

    public static func get(_ id: UUID, on connection: PostgresConnection) async throws -> Voorziening? {
        try await connection.queryOne(select + " WHERE v.gemeente = (SELECT huidige_gemeente()) AND v.id = $1", [id], decode: decode)
    }

    @Sendable static func decode(_ row: borrowing PostgresRow) throws -> Voorziening {
        Voorziening(
            id: try row.decode(0),
            referentie: try row.decode(1),
            aanbieder: try row.decode(2),
            naam: try row.decode(3),
            omschrijving: try row.decode(4),
            kernen: try row.decode(5),
            heleGemeente: try row.decode(6),
            leefgebieden: try row.decode(7),
            taken: try row.decode(8),
            openingsdagdelen: try row.decode(9),
            leeftijdsgroep: try row.decode(10, as: Leeftijdsgroep.self),
            capaciteit: try row.decode(11),
            contact: try row.decode(12),
            laatstGeverifieerd: try row.decode(13),
            versie: try row.decode(14)
        )
    }
}
