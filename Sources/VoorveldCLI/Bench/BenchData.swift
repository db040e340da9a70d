import Foundation
import Postgres
import VoorveldStore

/// A synthetic but realistic data set for the matching benchmark, made in SQL as the owner:
/// gemeenten of kernen on a 2 km grid, kernteams of four kernen, one kernteamlid (with an API
/// token) per kernteam, volunteers and voorzieningen spread over the kernen with the mix of
/// leefgebieden, tasks, dayparts, neighbouring kernen and distances the demo data has, hulpvragen,
/// and a history of running and completed koppelingen.
struct BenchData {
    var gemeenten: Int
    var kernenPerGemeente: Int
    var vrijwilligers: Int
    var voorzieningen: Int
    var hulpvragenPerGemeente: Int

    /// The token of the kernteamlid of kernteam `t` in gemeente `g` (both from 1).
    static func token(gemeente g: Int, kernteam t: Int) -> String { "vv_bench_\(g)_\(t)_" + String(repeating: "0", count: 32) }

    static func gemeenteCode(_ g: Int) -> String { "GM9\(String(format: "%03d", g))" }

    /// The scope of whoever holds bench token `token`, as the service gets it: the database takes
    /// the service's scope from a user's token alone (sql/definitions/01_toegang.sql).
    static func scope(token: String, service: ConnectionPool) async throws -> AccessScope {
        guard let gebruiker = try await AuthStore(pool: service).gebruiker(token: token) else {
            throw CommandError("a bench token is not valid: \(token)")
        }
        return AccessScope(gebruiker)
    }

    func make(on pool: ConnectionPool, log: (String) -> Void) async throws {
        let steps: [(String, String, [any PostgresEncodable])] = [
            (
                "gemeenten, kernen and kernteams",
                """
                INSERT INTO gemeenten (code, naam)
                SELECT 'GM9' || lpad(g::text, 3, '0'), 'Benchgemeente ' || g FROM generate_series(1, $1::int) g;
                """, [gemeenten]
            ),
            (
                "",
                """
                INSERT INTO kernen (gemeente, code, naam, latitude, longitude)
                SELECT 'GM9' || lpad(g::text, 3, '0'), 'k' || k, 'Kern ' || g || '-' || k,
                       50.8 + (g % 10) * 0.3 + ((k - 1) / 5) * 0.018, 4.5 + (g / 10) * 0.4 + ((k - 1) % 5) * 0.029
                FROM generate_series(1, $1::int) g, generate_series(1, $2::int) k;
                """, [gemeenten, kernenPerGemeente]
            ),
            (
                "",
                """
                INSERT INTO kern_buren (gemeente, kern, buur)
                SELECT a.gemeente, a.code, b.code FROM kernen a JOIN kernen b ON b.gemeente = a.gemeente AND b.code <> a.code
                WHERE a.gemeente LIKE 'GM9%' AND kern_afstand_km(a.latitude, a.longitude, b.latitude, b.longitude) < 2.5;
                """, []
            ),
            (
                "",
                """
                INSERT INTO kernteams (gemeente, code, naam)
                SELECT 'GM9' || lpad(g::text, 3, '0'), 't' || t, 'Kernteam ' || g || '-' || t
                FROM generate_series(1, $1::int) g, generate_series(1, ($2::int + 3) / 4) t;
                """, [gemeenten, kernenPerGemeente]
            ),
            (
                "",
                """
                INSERT INTO kernteam_kernen (gemeente, kern, kernteam)
                SELECT gemeente, code, 't' || ((substr(code, 2)::int - 1) / 4 + 1) FROM kernen WHERE gemeente LIKE 'GM9%';
                """, []
            ),
            (
                "a kernteamlid with a token per kernteam",
                """
                INSERT INTO gebruikers (gemeente, naam, weergavenaam)
                SELECT gemeente, 'bench-' || lower(gemeente) || '-' || code, 'Bench ' || naam FROM kernteams WHERE gemeente LIKE 'GM9%';
                INSERT INTO gebruiker_rollen (gemeente, gebruiker, rol)
                SELECT gemeente, 'bench-' || lower(gemeente) || '-' || code, 'kernteamlid' FROM kernteams WHERE gemeente LIKE 'GM9%';
                INSERT INTO kernteamleden (gemeente, gebruiker, kernteam)
                SELECT gemeente, 'bench-' || lower(gemeente) || '-' || code, code FROM kernteams WHERE gemeente LIKE 'GM9%';
                INSERT INTO api_tokens (gemeente, gebruiker, hash, omschrijving, verloopt_op)
                SELECT gemeente, 'bench-' || lower(gemeente) || '-' || code,
                       sha256(convert_to('vv_bench_' || substr(gemeente, 4)::int || '_' || substr(code, 2) || '_' || repeat('0', 32), 'UTF8')),
                       'benchmark', now() + interval '1 day'
                FROM kernteams WHERE gemeente LIKE 'GM9%';
                """, []
            ),
            (
                "volunteers",
                """
                INSERT INTO vrijwilligers (gemeente, referentie, voornaam, achternaam, kern, max_afstand_km, beschikbaarheid, langste_inzet,
                                           uren_per_week, max_hulpvragen, vog_datum, status)
                SELECT 'GM9' || lpad((n % $2::int + 1)::text, 3, '0'), 'b' || n, 'Vrijwilliger', 'Nummer ' || n,
                       'k' || (1 + floor(random() * $3::int))::int,
                       CASE WHEN random() < 0.3 THEN 3 + floor(random() * 8)::int END,
                       ARRAY(SELECT d FROM unnest(ARRAY['ma-ochtend','ma-middag','ma-avond','di-ochtend','di-middag','di-avond','wo-ochtend',
                             'wo-middag','wo-avond','do-ochtend','do-middag','do-avond','vr-ochtend','vr-middag','vr-avond','za-ochtend',
                             'za-middag','za-avond','zo-ochtend','zo-middag','zo-avond']) d WHERE random() < 0.2 + n * 0),
                       (ARRAY['eenmalig','kortdurend','langdurig','onbepaald'])[1 + floor(random() * 4)::int]::inzetduur,
                       1 + floor(random() * 8)::int, 1 + floor(random() * 3)::int,
                       CASE WHEN random() < 0.8 THEN current_date - (random() * 1400)::int END,
                       CASE WHEN random() < 0.9 THEN 'actief' WHEN random() < 0.5 THEN 'gepauzeerd' ELSE 'gestopt' END
                FROM generate_series(1, $1::int) n;
                """, [vrijwilligers, gemeenten, kernenPerGemeente]
            ),
            (
                "",
                """
                INSERT INTO vrijwilliger_leefgebieden (gemeente, vrijwilliger, leefgebied)
                SELECT v.gemeente, v.id, l.code FROM vrijwilligers v JOIN leefgebieden l ON random() < 0.16
                WHERE v.gemeente LIKE 'GM9%';
                INSERT INTO vrijwilliger_taken (gemeente, vrijwilliger, taak)
                SELECT v.gemeente, v.id, t.code FROM vrijwilligers v JOIN taken t ON random() < 0.15
                WHERE v.gemeente LIKE 'GM9%';
                INSERT INTO vrijwilliger_kernen (gemeente, vrijwilliger, kern)
                SELECT DISTINCT ON (v.id) v.gemeente, v.id, b.buur FROM vrijwilligers v
                JOIN kern_buren b ON b.gemeente = v.gemeente AND b.kern = v.kern
                WHERE v.gemeente LIKE 'GM9%' AND random() < 0.3
                ORDER BY v.id, random();
                INSERT INTO vrijwilliger_afwezigheden (gemeente, vrijwilliger, van, tot)
                SELECT v.gemeente, v.id, current_date + (random() * 30)::int - 10, current_date + (random() * 30)::int + 21
                FROM vrijwilligers v WHERE v.gemeente LIKE 'GM9%' AND random() < 0.05;
                """, []
            ),
            (
                "voorzieningen",
                """
                INSERT INTO voorzieningen (gemeente, referentie, aanbieder, naam, omschrijving, hele_gemeente, openingsdagdelen, leeftijdsgroep,
                                           capaciteit, contact, laatst_geverifieerd)
                SELECT 'GM9' || lpad((n % $2::int + 1)::text, 3, '0'), 'bz' || n, 'Aanbieder ' || (n % 40), 'Voorziening ' || n, '',
                       random() < 0.2,
                       ARRAY(SELECT d FROM unnest(ARRAY['ma-ochtend','ma-middag','di-ochtend','di-middag','wo-ochtend','wo-middag',
                             'do-ochtend','do-middag','vr-ochtend','vr-middag','za-ochtend']) d WHERE random() < 0.25 + n * 0),
                       (ARRAY['jeugd','volwassenen','ouderen','iedereen'])[1 + floor(random() * 4)::int],
                       CASE WHEN random() < 0.5 THEN 20 + floor(random() * 30)::int END, 'info@example.org',
                       current_date - (random() * 500)::int
                FROM generate_series(1, $1::int) n;
                """, [voorzieningen, gemeenten]
            ),
            (
                "",
                """
                INSERT INTO voorziening_kernen (gemeente, voorziening, kern)
                SELECT v.gemeente, v.id, k.code FROM voorzieningen v JOIN kernen k ON k.gemeente = v.gemeente AND random() < 0.15
                WHERE v.gemeente LIKE 'GM9%' AND NOT v.hele_gemeente;
                INSERT INTO voorziening_leefgebieden (gemeente, voorziening, leefgebied)
                SELECT v.gemeente, v.id, l.code FROM voorzieningen v JOIN leefgebieden l ON random() < 0.15 WHERE v.gemeente LIKE 'GM9%';
                INSERT INTO voorziening_taken (gemeente, voorziening, taak)
                SELECT v.gemeente, v.id, t.code FROM voorzieningen v JOIN taken t ON random() < 0.1 WHERE v.gemeente LIKE 'GM9%';
                """, []
            ),
            (
                "hulpvragen",
                """
                INSERT INTO hulpvragen (gemeente, dossierreferentie, initialen, geboortejaar, regisseur, kernteam, kern, kanaal, ontvangen_op,
                                        dagdelen, duur, uren_per_week, jeugd, toestemming_vrijwilliger)
                SELECT g.gemeente, 'B-' || g.gemeente || '-' || n, 'B.', 1930 + (random() * 80)::int,
                       'bench-' || lower(g.gemeente) || '-' || kk.kernteam, kk.kernteam, kk.kern, 'telefoon', current_date - (random() * 60)::int,
                       ARRAY(SELECT d FROM unnest(ARRAY['ma-ochtend','di-ochtend','wo-middag','do-ochtend','vr-middag','za-ochtend']) d
                             WHERE random() < 0.35 + n * 0),
                       (ARRAY['eenmalig','kortdurend','langdurig','onbepaald'])[1 + floor(random() * 4)::int]::inzetduur, 2,
                       random() < 0.1, random() < 0.9
                FROM (SELECT code AS gemeente FROM gemeenten WHERE code LIKE 'GM9%') g, generate_series(1, $1::int) n,
                     LATERAL (SELECT kern, kernteam FROM kernteam_kernen WHERE gemeente = g.gemeente ORDER BY random() + n * 0 LIMIT 1) kk;
                """, [hulpvragenPerGemeente]
            ),
            (
                "",
                """
                INSERT INTO hulpvraag_leefgebieden (gemeente, hulpvraag, leefgebied)
                SELECT h.gemeente, h.id, l.code FROM hulpvragen h JOIN leefgebieden l ON random() < 0.18 WHERE h.gemeente LIKE 'GM9%';
                INSERT INTO hulpvraag_taken (gemeente, hulpvraag, taak)
                SELECT h.gemeente, h.id, t.code FROM hulpvragen h JOIN taken t ON random() < 0.15 WHERE h.gemeente LIKE 'GM9%';
                """, []
            ),
            (
                "a history of koppelingen",
                """
                -- Completed ones (they count as experience) and a running one for a share of the volunteers,
                -- written as history: past the rule that a koppeling starts as a proposal.
                ALTER TABLE koppelingen DISABLE TRIGGER koppeling_regels;
                INSERT INTO koppelingen (gemeente, hulpvraag, vrijwilliger, status, leefgebieden, kern, voorgesteld_door, gestart_op, beeindigd_op)
                SELECT v.gemeente, h.id, v.id, 'afgerond', ARRAY(SELECT leefgebied FROM vrijwilliger_leefgebieden l
                                                                 WHERE l.gemeente = v.gemeente AND l.vrijwilliger = v.id),
                       h.kern, h.regisseur, current_date - 200, current_date - 20
                FROM vrijwilligers v
                JOIN LATERAL (SELECT id, kern, regisseur FROM hulpvragen x WHERE x.gemeente = v.gemeente ORDER BY x.id LIMIT 1) h ON true
                WHERE v.gemeente LIKE 'GM9%' AND random() < 0.2;
                -- A running one for some active volunteers, on a hulpvraag in their kern with consent.
                INSERT INTO koppelingen (gemeente, hulpvraag, vrijwilliger, status, kern, voorgesteld_door, gestart_op)
                SELECT v.gemeente, h.id, v.id, 'gestart', h.kern, h.regisseur, current_date - 10
                FROM vrijwilligers v
                JOIN LATERAL (SELECT id, kern, regisseur FROM hulpvragen x WHERE x.gemeente = v.gemeente AND x.kern = v.kern
                              AND x.toestemming_vrijwilliger AND NOT x.veilig_thuis ORDER BY x.id LIMIT 1) h ON true
                WHERE v.gemeente LIKE 'GM9%' AND v.status = 'actief' AND random() < 0.15;
                ALTER TABLE koppelingen ENABLE TRIGGER koppeling_regels;
                """, []
            ),
        ]
        let counts: (String, String, [any PostgresEncodable]) = ("the monthly counts", "SELECT cijfers_per_maand_opbouwen();", [])
        for (label, sql, binds) in steps + [counts, ("statistics", "ANALYZE;", [])] {
            if !label.isEmpty { log(label) }
            try await pool.withTransaction { connection in
                // Making a large data set takes longer than the pool's statement timeout allows.
                try await connection.execute("SET LOCAL statement_timeout = 0")
                // Rows of many gemeenten in one statement: without the triggers that count per
                // gemeente (and refuse to outside its scope); the counts are made afterwards.
                try await connection.execute("SET LOCAL session_replication_role = replica")
                if binds.isEmpty {
                    try await connection.executeScript(sql)
                } else {
                    // One statement: the extended protocol takes no scripts.
                    _ = try await connection.execute(sql.trimmingCharacters(in: CharacterSet(charactersIn: "; \n")), binds)
                }
            }
        }
    }
}
