-- The closed hulpvragen counted per month, kept current by triggers, so that the wethouder's
-- figures read a few hundred rows however many hulpvragen a gemeente has. The figures stay
-- exactly those of a GROUP BY over the rows: whole months come from these counts, the days of a
-- partial month at either end of the period from the rows themselves.

-- Per gemeente, month of closing and kernteam: the counts of every group a figure can be split
-- by (indeling 'totaal', 'kern', 'kanaal', 'jeugd' or 'leefgebied'; a hulpvraag with several
-- leefgebieden counts once under each). Counts only; never a person.
CREATE TABLE afgesloten_per_maand (
    gemeente    text NOT NULL REFERENCES gemeenten (code),
    indeling    text NOT NULL CHECK (indeling IN ('totaal', 'kern', 'kanaal', 'jeugd', 'leefgebied')),
    maand       date NOT NULL CHECK (maand = date_trunc('month', maand)::date),
    kernteam    text NOT NULL,
    waarde      text NOT NULL,
    afgesloten  integer NOT NULL CHECK (afgesloten >= 0),
    telt_mee    integer NOT NULL CHECK (telt_mee BETWEEN 0 AND afgesloten),
    alleen      integer NOT NULL CHECK (alleen BETWEEN 0 AND betrokken),
    betrokken   integer NOT NULL CHECK (betrokken BETWEEN 0 AND telt_mee),
    ingetrokken integer NOT NULL CHECK (ingetrokken = afgesloten - telt_mee),
    PRIMARY KEY (gemeente, indeling, maand, kernteam, waarde)
);
-- Across gemeenten (a national or regional overview).
CREATE INDEX afgesloten_per_maand_landelijk ON afgesloten_per_maand (indeling, maand);

-- Only the figures functions and the triggers below (both run as voorveld_cijfers) read and
-- write it, within the current gemeente; the service has no rights on it.
ALTER TABLE afgesloten_per_maand ENABLE ROW LEVEL SECURITY;
CREATE POLICY cijfers ON afgesloten_per_maand TO voorveld_cijfers
    USING (gemeente = huidige_gemeente()) WITH CHECK (gemeente = huidige_gemeente());
GRANT SELECT, INSERT, UPDATE ON afgesloten_per_maand TO voorveld_cijfers;

-- The groups closed hulpvraag `h` counts in: all of them, or when `een_leefgebied` is given only
-- that leefgebied (with the month's 'totaal' row, unchanged, so that it is locked first).
CREATE FUNCTION afsluiting_groepen(h hulpvragen, een_leefgebied text)
RETURNS TABLE (indeling text, waarde text, n integer)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT 'totaal', 'totaal', CASE WHEN een_leefgebied IS NULL THEN 1 ELSE 0 END
    UNION ALL
    SELECT x.indeling, x.waarde, 1
    FROM (VALUES ('kern', h.kern), ('kanaal', h.kanaal), ('jeugd', CASE WHEN h.jeugd THEN 'jeugd' ELSE 'volwassen' END)) x (indeling, waarde)
    WHERE een_leefgebied IS NULL
    UNION ALL
    SELECT 'leefgebied', l.leefgebied, 1 FROM hulpvraag_leefgebieden l
    WHERE een_leefgebied IS NULL AND l.gemeente = h.gemeente AND l.hulpvraag = h.id
    UNION ALL
    SELECT 'leefgebied', een_leefgebied, 1 WHERE een_leefgebied IS NOT NULL
$$;

-- Adds (`teken` 1) or takes off (-1) closed hulpvraag `h` in its month's counts: in every group,
-- or only in `een_leefgebied`. Every change first locks the rows it touches in key order, the
-- month's 'totaal' row first, so that concurrent closings in one kernteam wait for each other
-- instead of deadlocking; it creates missing rows at zero while at it. Taking off is a separate
-- UPDATE, because INSERT ... ON CONFLICT checks the proposed row (a negative count) first.
CREATE FUNCTION afgesloten_tellen(h hulpvragen, teken integer, een_leefgebied text DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    u uitkomsten;
    m date := date_trunc('month', h.afgesloten_op)::date;
    erbij integer := CASE WHEN teken > 0 THEN teken ELSE 0 END;
    verwacht integer;
    bijgewerkt integer;
BEGIN
    IF h.uitkomst IS NULL THEN
        RETURN;
    END IF;
    IF h.gemeente IS DISTINCT FROM huidige_gemeente() THEN
        RAISE EXCEPTION 'hulpvraag van gemeente % gewijzigd buiten die gemeente', h.gemeente USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO STRICT u FROM uitkomsten WHERE code = h.uitkomst;
    INSERT INTO afgesloten_per_maand AS a (gemeente, indeling, maand, kernteam, waarde, afgesloten, telt_mee, alleen, betrokken, ingetrokken)
    SELECT h.gemeente, g.indeling, m, h.kernteam, g.waarde, g.n * erbij, g.n * erbij * u.telt_mee::int,
           g.n * erbij * u.alleen_voorliggend_veld::int, g.n * erbij * u.voorliggend_veld_betrokken::int, g.n * erbij * (NOT u.telt_mee)::int
    FROM afsluiting_groepen(h, een_leefgebied) g
    ORDER BY g.indeling <> 'totaal', g.indeling, g.waarde
    ON CONFLICT (gemeente, indeling, maand, kernteam, waarde) DO UPDATE
        SET afgesloten = a.afgesloten + excluded.afgesloten, telt_mee = a.telt_mee + excluded.telt_mee, alleen = a.alleen + excluded.alleen,
            betrokken = a.betrokken + excluded.betrokken, ingetrokken = a.ingetrokken + excluded.ingetrokken;
    IF teken < 0 THEN
        UPDATE afgesloten_per_maand a
        SET afgesloten = a.afgesloten - g.n, telt_mee = a.telt_mee - g.n * u.telt_mee::int,
            alleen = a.alleen - g.n * u.alleen_voorliggend_veld::int, betrokken = a.betrokken - g.n * u.voorliggend_veld_betrokken::int,
            ingetrokken = a.ingetrokken - g.n * (NOT u.telt_mee)::int
        FROM afsluiting_groepen(h, een_leefgebied) g
        WHERE a.gemeente = h.gemeente AND a.indeling = g.indeling AND a.maand = m AND a.kernteam = h.kernteam AND a.waarde = g.waarde
          AND g.n > 0;
    END IF;
END
$$;

CREATE FUNCTION hulpvraag_telt_af() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    -- On DELETE this runs before the row goes, while its leefgebieden are still there.
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM afgesloten_tellen(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM afgesloten_tellen(NEW, 1);
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

-- A leefgebied added to or removed from a closed hulpvraag. When the hulpvraag itself is being
-- deleted it is gone already, and its counts were taken off before.
CREATE FUNCTION hulpvraag_leefgebied_telt_af() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    h hulpvragen;
    rij hulpvraag_leefgebieden;
BEGIN
    IF TG_OP = 'DELETE' THEN rij := OLD; ELSE rij := NEW; END IF;
    IF rij.gemeente IS DISTINCT FROM huidige_gemeente() THEN
        RAISE EXCEPTION 'hulpvraag van gemeente % gewijzigd buiten die gemeente', rij.gemeente USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO h FROM hulpvragen WHERE gemeente = rij.gemeente AND id = rij.hulpvraag AND uitkomst IS NOT NULL;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM afgesloten_tellen(h, -1, OLD.leefgebied);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM afgesloten_tellen(h, 1, NEW.leefgebied);
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    functie text;
BEGIN
    FOREACH functie IN ARRAY ARRAY['afsluiting_groepen(hulpvragen, text)', 'afgesloten_tellen(hulpvragen, integer, text)',
                                   'hulpvraag_telt_af()', 'hulpvraag_leefgebied_telt_af()']
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO voorveld_cijfers', functie);
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', functie);
    END LOOP;
END
$$;
GRANT SELECT ON uitkomsten TO voorveld_cijfers;

CREATE TRIGGER hulpvraag_telt_af_nieuw AFTER INSERT ON hulpvragen
    FOR EACH ROW WHEN (NEW.uitkomst IS NOT NULL) EXECUTE FUNCTION hulpvraag_telt_af();
CREATE TRIGGER hulpvraag_telt_af_wijziging AFTER UPDATE ON hulpvragen
    FOR EACH ROW WHEN ((OLD.uitkomst IS NOT NULL OR NEW.uitkomst IS NOT NULL)
                       AND (OLD.uitkomst, OLD.afgesloten_op, OLD.kernteam, OLD.kern, OLD.kanaal, OLD.jeugd)
                           IS DISTINCT FROM (NEW.uitkomst, NEW.afgesloten_op, NEW.kernteam, NEW.kern, NEW.kanaal, NEW.jeugd))
    EXECUTE FUNCTION hulpvraag_telt_af();
CREATE TRIGGER hulpvraag_telt_af_verwijderd BEFORE DELETE ON hulpvragen
    FOR EACH ROW WHEN (OLD.uitkomst IS NOT NULL) EXECUTE FUNCTION hulpvraag_telt_af();
CREATE TRIGGER hulpvraag_leefgebied_telt_af AFTER INSERT OR DELETE OR UPDATE OF gemeente, hulpvraag, leefgebied ON hulpvraag_leefgebieden
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_leefgebied_telt_af();

-- Counts every closed hulpvraag afresh: for existing data now, and as a repair. Run as the owner
-- (the rows are read without a gemeente scope).
CREATE FUNCTION afgesloten_per_maand_opbouwen() RETURNS bigint
    LANGUAGE sql AS $$
    DELETE FROM afgesloten_per_maand;
    WITH gesloten AS (
        SELECT h.gemeente, h.id, date_trunc('month', h.afgesloten_op)::date AS maand, h.kernteam, h.kern, h.kanaal, h.jeugd,
               u.telt_mee::int AS telt_mee, u.alleen_voorliggend_veld::int AS alleen, u.voorliggend_veld_betrokken::int AS betrokken
        FROM hulpvragen h JOIN uitkomsten u ON u.code = h.uitkomst
    ),
    groepen AS (
        SELECT g.gemeente, x.indeling, g.maand, g.kernteam, x.waarde, g.telt_mee, g.alleen, g.betrokken
        FROM gesloten g, LATERAL (VALUES ('totaal', 'totaal'), ('kern', g.kern), ('kanaal', g.kanaal),
                                         ('jeugd', CASE WHEN g.jeugd THEN 'jeugd' ELSE 'volwassen' END)) x (indeling, waarde)
        UNION ALL
        SELECT g.gemeente, 'leefgebied', g.maand, g.kernteam, l.leefgebied, g.telt_mee, g.alleen, g.betrokken
        FROM gesloten g JOIN hulpvraag_leefgebieden l ON l.gemeente = g.gemeente AND l.hulpvraag = g.id
    ),
    geteld AS (
        INSERT INTO afgesloten_per_maand (gemeente, indeling, maand, kernteam, waarde, afgesloten, telt_mee, alleen, betrokken, ingetrokken)
        SELECT gemeente, indeling, maand, kernteam, waarde, count(*), sum(telt_mee), sum(alleen), sum(betrokken), count(*) - sum(telt_mee)
        FROM groepen GROUP BY gemeente, indeling, maand, kernteam, waarde
        RETURNING 1
    )
    SELECT count(*) FROM geteld;
$$;
REVOKE EXECUTE ON FUNCTION afgesloten_per_maand_opbouwen() FROM PUBLIC;

-- The owner reads past FORCEd row-level security only here, to count what exists.
ALTER TABLE hulpvragen NO FORCE ROW LEVEL SECURITY;
ALTER TABLE hulpvraag_leefgebieden NO FORCE ROW LEVEL SECURITY;
SELECT afgesloten_per_maand_opbouwen();
ALTER TABLE hulpvragen FORCE ROW LEVEL SECURITY;
ALTER TABLE hulpvraag_leefgebieden FORCE ROW LEVEL SECURITY;

-- The voorliggend-veld figures, now from the monthly counts for whole months and from the rows
-- for the days of a partial month at either end; exactly what counting the rows gives.
CREATE OR REPLACE FUNCTION cijfers_voorliggend_veld(van date, tot date, groep text)
RETURNS TABLE (waarde text, afgesloten integer, telt_mee integer, alleen integer, betrokken integer, ingetrokken integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    -- The whole months of the period: from `eerste` up to (not including) `voorbij`.
    eerste date := CASE WHEN van = date_trunc('month', van)::date THEN van ELSE (date_trunc('month', van) + interval '1 month')::date END;
    voorbij date := greatest(date_trunc('month', tot + 1)::date, eerste);
BEGIN
    IF NOT (heeft_rol('wethouder') OR heeft_rol('kernteamlid')) THEN
        RETURN;
    END IF;
    RETURN QUERY
    WITH maanden AS (
        SELECT CASE groep
                   WHEN 'kernteam' THEN m.kernteam WHEN 'maand' THEN to_char(m.maand, 'YYYY-MM') WHEN 'kwartaal' THEN to_char(m.maand, 'YYYY-"K"Q')
                   WHEN 'jaar' THEN to_char(m.maand, 'YYYY') WHEN 'kern' THEN m.waarde WHEN 'kanaal' THEN m.waarde WHEN 'jeugd' THEN m.waarde
                   WHEN 'leefgebied' THEN m.waarde ELSE 'totaal' END AS waarde,
               m.afgesloten, m.telt_mee, m.alleen, m.betrokken, m.ingetrokken
        FROM afgesloten_per_maand m
        WHERE m.gemeente = huidige_gemeente() AND m.indeling = CASE WHEN groep IN ('kern', 'kanaal', 'jeugd', 'leefgebied') THEN groep ELSE 'totaal' END
          AND m.maand >= eerste AND m.maand < voorbij
          AND (heeft_rol('wethouder') OR in_kernteam(m.kernteam))
    ),
    randen AS (
        SELECT h.id, h.gemeente, h.kernteam, h.kern, h.kanaal, h.jeugd, h.afgesloten_op, u.telt_mee, u.alleen_voorliggend_veld,
               u.voorliggend_veld_betrokken
        FROM hulpvragen h JOIN uitkomsten u ON u.code = h.uitkomst
        WHERE h.gemeente = huidige_gemeente() AND h.afgesloten_op BETWEEN van AND tot
          AND NOT (h.afgesloten_op >= eerste AND h.afgesloten_op < voorbij)
          AND (heeft_rol('wethouder') OR in_kernteam(h.kernteam))
    ),
    randgroepen AS (
        SELECT CASE groep
                   WHEN 'kernteam' THEN r.kernteam WHEN 'kern' THEN r.kern WHEN 'kanaal' THEN r.kanaal
                   WHEN 'maand' THEN to_char(r.afgesloten_op, 'YYYY-MM') WHEN 'kwartaal' THEN to_char(r.afgesloten_op, 'YYYY-"K"Q')
                   WHEN 'jaar' THEN to_char(r.afgesloten_op, 'YYYY') WHEN 'jeugd' THEN CASE WHEN r.jeugd THEN 'jeugd' ELSE 'volwassen' END
                   ELSE 'totaal' END AS waarde, r.*
        FROM randen r WHERE groep <> 'leefgebied'
        UNION ALL
        SELECT l.leefgebied, r.* FROM randen r
        JOIN hulpvraag_leefgebieden l ON l.gemeente = r.gemeente AND l.hulpvraag = r.id
        WHERE groep = 'leefgebied'
    ),
    alles AS (
        SELECT m.waarde, m.afgesloten, m.telt_mee, m.alleen, m.betrokken, m.ingetrokken FROM maanden m
        UNION ALL
        SELECT g.waarde, 1, g.telt_mee::int, g.alleen_voorliggend_veld::int, g.voorliggend_veld_betrokken::int, (NOT g.telt_mee)::int
        FROM randgroepen g
    )
    SELECT a.waarde, sum(a.afgesloten)::integer, sum(a.telt_mee)::integer, sum(a.alleen)::integer, sum(a.betrokken)::integer,
           sum(a.ingetrokken)::integer
    FROM alles a GROUP BY a.waarde HAVING sum(a.afgesloten) > 0 ORDER BY a.waarde;
END
$$;

-- Nazorg: only the hulpvragen closed or received in the period are looked at (it read every
-- hulpvraag of the gemeente before).
CREATE OR REPLACE FUNCTION cijfers_nazorg(van date, tot date)
RETURNS TABLE (gevraagd integer, nog_opgelost integer, terugkeer integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT (SELECT count(*) FROM hulpvragen h
            WHERE h.gemeente = huidige_gemeente() AND h.afgesloten_op BETWEEN van AND tot AND h.nazorg_opgelost IS NOT NULL
              AND (heeft_rol('wethouder') OR (heeft_rol('kernteamlid') AND in_kernteam(h.kernteam))))::integer,
           (SELECT count(*) FROM hulpvragen h
            WHERE h.gemeente = huidige_gemeente() AND h.afgesloten_op BETWEEN van AND tot AND h.nazorg_opgelost
              AND (heeft_rol('wethouder') OR (heeft_rol('kernteamlid') AND in_kernteam(h.kernteam))))::integer,
           (SELECT count(*) FROM hulpvragen h
            WHERE h.gemeente = huidige_gemeente() AND h.ontvangen_op BETWEEN van AND tot AND h.dossierreferentie IS NOT NULL
              AND (heeft_rol('wethouder') OR (heeft_rol('kernteamlid') AND in_kernteam(h.kernteam)))
              AND EXISTS (SELECT 1 FROM hulpvragen e
                          WHERE e.gemeente = h.gemeente AND e.dossierreferentie = h.dossierreferentie AND e.id <> h.id
                            AND e.afgesloten_op IS NOT NULL AND e.afgesloten_op <= h.ontvangen_op AND h.ontvangen_op <= e.nazorg_op
                            AND (heeft_rol('wethouder') OR in_kernteam(e.kernteam))))::integer
$$;

-- Intake by date received, for the monitoring tables of one gemeente.
CREATE INDEX hulpvragen_ontvangen_gemeente ON hulpvragen (gemeente, ontvangen_op);

-- The nazorg period of a gemeente: how many days after closing a solved hulpvraag the kernteam
-- asks whether it is still solved (about three months unless the gemeente chose otherwise).
ALTER TABLE gemeenten ADD COLUMN nazorg_dagen integer NOT NULL DEFAULT 91 CHECK (nazorg_dagen BETWEEN 7 AND 730);

-- Retention (run by the owner, one gemeente at a time so the counts above follow): closed
-- hulpvragen lose what identifies the resident once nazorg is over, and go altogether after the
-- figures' retention period. Row-level security is FORCEd on hulpvragen, so the owner gets a
-- policy for exactly that: closed hulpvragen.
CREATE POLICY bewaartermijn ON hulpvragen TO CURRENT_USER
    USING (status = 'afgesloten') WITH CHECK (status = 'afgesloten');
