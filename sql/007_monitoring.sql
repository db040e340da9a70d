-- The monitoring tables of the municipal reports, counted from new hulpvragen (by date received),
-- as counts only: the same pattern as cijfers_voorliggend_veld (a wethouder sees no row; a
-- kernteamlid only their own kernteams).

CREATE FUNCTION cijfers_instroom(van date, tot date)
RETURNS TABLE (kernteam text, kern text, maand text, kanaal text, jeugd boolean, huisbezoek boolean, aantal integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET voorveld.cijfers = 'aan' AS $$
    SELECT h.kernteam, h.kern, to_char(h.ontvangen_op, 'YYYY-MM'), h.kanaal, h.jeugd, h.gezamenlijk_huisbezoek, count(*)::integer
    FROM hulpvragen h
    WHERE h.gemeente = huidige_gemeente() AND h.ontvangen_op BETWEEN van AND tot
      AND (heeft_rol('wethouder') OR (heeft_rol('kernteamlid') AND in_kernteam(h.kernteam)))
    GROUP BY 1, 2, 3, 4, 5, 6
$$;

-- A hulpvraag with several leefgebieden counts once under each.
CREATE FUNCTION cijfers_leefgebieden(van date, tot date)
RETURNS TABLE (kern text, leefgebied text, aantal integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET voorveld.cijfers = 'aan' AS $$
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
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET voorveld.cijfers = 'aan' AS $$
    SELECT count(*) FILTER (WHERE h.nazorg_opgelost IS NOT NULL AND h.afgesloten_op BETWEEN van AND tot)::integer,
           count(*) FILTER (WHERE h.nazorg_opgelost AND h.afgesloten_op BETWEEN van AND tot)::integer,
           count(*) FILTER (WHERE h.ontvangen_op BETWEEN van AND tot AND EXISTS (
               SELECT 1 FROM hulpvragen e WHERE e.gemeente = h.gemeente AND e.dossierreferentie = h.dossierreferentie AND e.id <> h.id
                 AND e.afgesloten_op IS NOT NULL AND e.afgesloten_op <= h.ontvangen_op AND h.ontvangen_op <= e.nazorg_op))::integer
    FROM hulpvragen h
    WHERE h.gemeente = huidige_gemeente()
      AND (heeft_rol('wethouder') OR (heeft_rol('kernteamlid') AND in_kernteam(h.kernteam)))
$$;

REVOKE EXECUTE ON FUNCTION cijfers_instroom(date, date), cijfers_leefgebieden(date, date), cijfers_nazorg(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cijfers_instroom(date, date), cijfers_leefgebieden(date, date), cijfers_nazorg(date, date) TO voorveld_service;
