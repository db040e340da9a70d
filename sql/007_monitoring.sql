-- The monitoring tables of the municipal reports, counted from new hulpvragen (by date received),
-- as counts only: the same pattern as cijfers_voorliggend_veld (owned by voorveld_cijfers; a
-- wethouder sees no row; a kernteamlid only their own kernteams).

CREATE FUNCTION cijfers_instroom(van date, tot date)
RETURNS TABLE (kernteam text, kern text, maand text, kanaal text, jeugd boolean, huisbezoek boolean, aantal integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT h.kernteam, h.kern, to_char(h.ontvangen_op, 'YYYY-MM'), h.kanaal, h.jeugd, h.gezamenlijk_huisbezoek, count(*)::integer
    FROM hulpvragen h
    WHERE h.gemeente = huidige_gemeente() AND h.ontvangen_op BETWEEN van AND tot
      AND (heeft_rol('wethouder') OR (heeft_rol('kernteamlid') AND in_kernteam(h.kernteam)))
    GROUP BY 1, 2, 3, 4, 5, 6
$$;

-- A hulpvraag with several leefgebieden counts once under each.
CREATE FUNCTION cijfers_leefgebieden(van date, tot date)
RETURNS TABLE (kern text, leefgebied text, aantal integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT h.kern, l.leefgebied, count(*)::integer
    FROM hulpvragen h JOIN hulpvraag_leefgebieden l ON l.gemeente = h.gemeente AND l.hulpvraag = h.id
    WHERE h.gemeente = huidige_gemeente() AND h.ontvangen_op BETWEEN van AND tot
      AND (heeft_rol('wethouder') OR (heeft_rol('kernteamlid') AND in_kernteam(h.kernteam)))
    GROUP BY 1, 2
$$;

-- Nazorg of hulpvragen closed in the period: asked, and still solved; and returns: new hulpvragen
-- of a resident (same dossier) within the nazorg period of an earlier one.
CREATE FUNCTION cijfers_nazorg(van date, tot date)
RETURNS TABLE (gevraagd integer, nog_opgelost integer, terugkeer integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT count(*) FILTER (WHERE h.nazorg_opgelost IS NOT NULL AND h.afgesloten_op BETWEEN van AND tot)::integer,
           count(*) FILTER (WHERE h.nazorg_opgelost AND h.afgesloten_op BETWEEN van AND tot)::integer,
           count(*) FILTER (WHERE h.ontvangen_op BETWEEN van AND tot AND EXISTS (
               SELECT 1 FROM hulpvragen e WHERE e.gemeente = h.gemeente AND e.dossierreferentie = h.dossierreferentie AND e.id <> h.id
                 AND e.afgesloten_op IS NOT NULL AND e.afgesloten_op <= h.ontvangen_op AND h.ontvangen_op <= e.nazorg_op
                 AND (heeft_rol('wethouder') OR in_kernteam(e.kernteam))))::integer
    FROM hulpvragen h
    WHERE h.gemeente = huidige_gemeente()
      AND (heeft_rol('wethouder') OR (heeft_rol('kernteamlid') AND in_kernteam(h.kernteam)))
$$;

ALTER FUNCTION cijfers_instroom(date, date) OWNER TO voorveld_cijfers;
ALTER FUNCTION cijfers_leefgebieden(date, date) OWNER TO voorveld_cijfers;
ALTER FUNCTION cijfers_nazorg(date, date) OWNER TO voorveld_cijfers;
REVOKE EXECUTE ON FUNCTION cijfers_instroom(date, date), cijfers_leefgebieden(date, date), cijfers_nazorg(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cijfers_instroom(date, date), cijfers_leefgebieden(date, date), cijfers_nazorg(date, date) TO voorveld_service;

-- The figures functions count supply too (for the gaps), as voorveld_cijfers.
GRANT SELECT ON vrijwilligers, vrijwilliger_leefgebieden, vrijwilliger_kernen, voorzieningen, voorziening_leefgebieden,
                voorziening_kernen TO voorveld_cijfers;
DO $$
DECLARE
    tabel text;
BEGIN
    FOREACH tabel IN ARRAY ARRAY['vrijwilligers', 'vrijwilliger_leefgebieden', 'vrijwilliger_kernen', 'voorzieningen',
                                 'voorziening_leefgebieden', 'voorziening_kernen']
    LOOP
        EXECUTE format('CREATE POLICY cijfers ON %I FOR SELECT TO voorveld_cijfers USING (gemeente = huidige_gemeente())', tabel);
    END LOOP;
END
$$;

-- Gaps in the voorliggend veld: per kern and leefgebied, the open hulpvragen for which no active
-- volunteer (living there, naming it, or within their distance) and no voorziening serving the kern
-- offers that leefgebied. Where a new algemene voorziening would help.
CREATE FUNCTION cijfers_tekorten()
RETURNS TABLE (kern text, leefgebied text, open_hulpvragen integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    WITH vraag AS (
        SELECT h.gemeente, h.kern, l.leefgebied, count(*)::integer AS aantal
        FROM hulpvragen h JOIN hulpvraag_leefgebieden l ON l.gemeente = h.gemeente AND l.hulpvraag = h.id
        WHERE h.gemeente = huidige_gemeente() AND h.status IN ('nieuw', 'in-behandeling') AND NOT h.veilig_thuis
          AND (heeft_rol('wethouder') OR (heeft_rol('kernteamlid') AND in_kernteam(h.kernteam)))
        GROUP BY 1, 2, 3
    )
    SELECT v.kern, v.leefgebied, v.aantal FROM vraag v
    WHERE NOT EXISTS (
            SELECT 1 FROM vrijwilligers w JOIN vrijwilliger_leefgebieden wl ON wl.gemeente = w.gemeente AND wl.vrijwilliger = w.id
            JOIN kernen wk ON wk.gemeente = w.gemeente AND wk.code = w.kern
            JOIN kernen hk ON hk.gemeente = v.gemeente AND hk.code = v.kern
            WHERE w.gemeente = v.gemeente AND w.status = 'actief' AND wl.leefgebied = v.leefgebied
              AND (w.kern = v.kern
                   OR EXISTS (SELECT 1 FROM vrijwilliger_kernen vk WHERE vk.gemeente = w.gemeente AND vk.vrijwilliger = w.id AND vk.kern = v.kern)
                   OR kern_afstand_km(wk.latitude, wk.longitude, hk.latitude, hk.longitude) <= w.max_afstand_km))
      AND NOT EXISTS (
            SELECT 1 FROM voorzieningen z JOIN voorziening_leefgebieden zl ON zl.gemeente = z.gemeente AND zl.voorziening = z.id
            WHERE z.gemeente = v.gemeente AND zl.leefgebied = v.leefgebied
              AND (z.hele_gemeente OR EXISTS (SELECT 1 FROM voorziening_kernen zk WHERE zk.gemeente = z.gemeente AND zk.voorziening = z.id AND zk.kern = v.kern)))
    ORDER BY v.aantal DESC, v.kern, v.leefgebied
$$;
ALTER FUNCTION cijfers_tekorten() OWNER TO voorveld_cijfers;
REVOKE EXECUTE ON FUNCTION cijfers_tekorten() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cijfers_tekorten() TO voorveld_service;
