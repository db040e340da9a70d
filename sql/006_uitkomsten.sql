-- Outcomes and nazorg: how a hulpvraag ended, and whether it stayed solved.

-- The fixed list of outcomes, with what each means for the two voorliggend-veld percentages:
--   (a) solved with the voorliggend veld only, (b) solved with the voorliggend veld involved
--   (also together with maatwerk); both as a share of closed hulpvragen with an outcome that
--   counts (withdrawn ones are reported apart).
CREATE TABLE uitkomsten (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    naam        text NOT NULL UNIQUE,
    volgorde    integer NOT NULL UNIQUE,
    alleen_voorliggend_veld boolean NOT NULL,
    voorliggend_veld_betrokken boolean NOT NULL,
    telt_mee    boolean NOT NULL,   -- in the denominator of both percentages
    CHECK (NOT alleen_voorliggend_veld OR voorliggend_veld_betrokken)
);
INSERT INTO uitkomsten (code, naam, volgorde, alleen_voorliggend_veld, voorliggend_veld_betrokken, telt_mee) VALUES
    ('opgelost-voorliggend-veld', 'Opgelost met alleen het voorliggend veld', 1, true, true, true),
    ('opgelost-voorliggend-veld-en-maatwerk', 'Opgelost met voorliggend veld en maatwerk', 2, false, true, true),
    ('loket-maatwerk-met-voorwerk', 'Doorverwezen naar het loket voor maatwerk, met voorwerk (ondersteuningsplan)', 3, false, false, true),
    ('loket-maatwerk', 'Doorverwezen naar het loket voor maatwerk, zonder voorwerk', 4, false, false, true),
    ('elders-doorverwezen', 'Elders doorverwezen', 5, false, false, true),
    ('niet-opgelost', 'Niet opgelost', 6, false, false, true),
    ('ingetrokken', 'Ingetrokken', 7, false, false, false);
GRANT SELECT ON uitkomsten TO voorveld_service;

-- The parts of the voorliggend veld that solved it; more than one is a combination.
CREATE FUNCTION onderdelen_geldig(onderdelen text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$
        SELECT onderdelen <@ ARRAY['eigen-kracht', 'netwerk', 'vrijwilliger', 'algemene-voorziening']::text[]
    $$;

ALTER TABLE hulpvragen
    ADD COLUMN uitkomst text REFERENCES uitkomsten (code),
    ADD COLUMN onderdelen text[] NOT NULL DEFAULT '{}' CHECK (onderdelen_geldig(onderdelen)),
    ADD COLUMN afgesloten_op date,
    ADD COLUMN nazorg_op date,                -- when to ask whether it is still solved
    ADD COLUMN nazorg_opgelost boolean,       -- the answer, once asked
    ADD COLUMN nazorg_vastgelegd_op date,
    -- Closed exactly when it has an outcome and a closing date; a reopened hulpvraag has neither.
    ADD CONSTRAINT hulpvragen_afsluiting CHECK ((status = 'afgesloten') = (uitkomst IS NOT NULL AND afgesloten_op IS NOT NULL)),
    ADD CONSTRAINT hulpvragen_nazorg CHECK (nazorg_op IS NULL OR afgesloten_op IS NOT NULL AND nazorg_op >= afgesloten_op),
    ADD CONSTRAINT hulpvragen_nazorg_antwoord CHECK ((nazorg_opgelost IS NULL) = (nazorg_vastgelegd_op IS NULL));

-- ZRM scores at closure, beside those at intake.
ALTER TABLE hulpvraag_leefgebieden ADD COLUMN zrm_score_afsluiting smallint CHECK (zrm_score_afsluiting BETWEEN 1 AND 5);

CREATE INDEX hulpvragen_afgesloten ON hulpvragen (gemeente, afgesloten_op) WHERE afgesloten_op IS NOT NULL;
CREATE INDEX hulpvragen_dossier ON hulpvragen (gemeente, dossierreferentie) WHERE dossierreferentie IS NOT NULL;

-- The wethouder's figures: counts only, never rows. The figures functions belong to a role of
-- their own, voorveld_cijfers: nobody logs in as it and the service is no member of it, so only
-- while one of those functions runs are the gemeente's rows readable, and what leaves the function
-- is a count. A kernteamlid gets the figures of their own kernteams.
DO $$
BEGIN
    CREATE ROLE voorveld_cijfers NOLOGIN NOSUPERUSER NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;
-- The owner hands the functions to the role, and so must be a member.
GRANT voorveld_cijfers TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO voorveld_cijfers;
GRANT SELECT ON hulpvragen, hulpvraag_leefgebieden, uitkomsten, kernen, kernteams, kernteam_kernen, leefgebieden TO voorveld_cijfers;
CREATE POLICY cijfers ON hulpvragen FOR SELECT TO voorveld_cijfers USING (gemeente = huidige_gemeente());

CREATE FUNCTION cijfers_voorliggend_veld(van date, tot date, groep text)
RETURNS TABLE (waarde text, afgesloten integer, telt_mee integer, alleen integer, betrokken integer, ingetrokken integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NOT (heeft_rol('wethouder') OR heeft_rol('kernteamlid')) THEN
        RETURN;
    END IF;
    RETURN QUERY
    WITH gesloten AS (
        SELECT h.id, h.gemeente, h.kernteam, h.kern, h.kanaal, h.jeugd, h.afgesloten_op, u.telt_mee, u.alleen_voorliggend_veld,
               u.voorliggend_veld_betrokken
        FROM hulpvragen h JOIN uitkomsten u ON u.code = h.uitkomst
        WHERE h.gemeente = huidige_gemeente() AND h.afgesloten_op BETWEEN van AND tot
          AND (heeft_rol('wethouder') OR in_kernteam(h.kernteam))
    ),
    gegroepeerd AS (
        SELECT CASE groep
                   WHEN 'kernteam' THEN g.kernteam WHEN 'kern' THEN g.kern WHEN 'kanaal' THEN g.kanaal
                   WHEN 'maand' THEN to_char(g.afgesloten_op, 'YYYY-MM') WHEN 'kwartaal' THEN to_char(g.afgesloten_op, 'YYYY-"K"Q')
                   WHEN 'jaar' THEN to_char(g.afgesloten_op, 'YYYY') WHEN 'jeugd' THEN CASE WHEN g.jeugd THEN 'jeugd' ELSE 'volwassen' END
                   ELSE 'totaal' END AS waarde, g.*
        FROM gesloten g WHERE groep <> 'leefgebied'
        UNION ALL
        -- A hulpvraag with several leefgebieden counts once under each.
        SELECT l.leefgebied, g.* FROM gesloten g
        JOIN hulpvraag_leefgebieden l ON l.gemeente = g.gemeente AND l.hulpvraag = g.id
        WHERE groep = 'leefgebied'
    )
    SELECT x.waarde, count(*)::integer, count(*) FILTER (WHERE x.telt_mee)::integer,
           count(*) FILTER (WHERE x.alleen_voorliggend_veld)::integer, count(*) FILTER (WHERE x.voorliggend_veld_betrokken)::integer,
           count(*) FILTER (WHERE NOT x.telt_mee)::integer
    FROM gegroepeerd x GROUP BY x.waarde ORDER BY x.waarde;
END
$$;
ALTER FUNCTION cijfers_voorliggend_veld(date, date, text) OWNER TO voorveld_cijfers;
REVOKE EXECUTE ON FUNCTION cijfers_voorliggend_veld(date, date, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cijfers_voorliggend_veld(date, date, text) TO voorveld_service;
