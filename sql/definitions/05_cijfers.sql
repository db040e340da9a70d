-- The wethouder's figures: counts only, never rows. The figures functions belong to
-- voorveld_cijfers (see the baseline migration): only while one of them runs are the gemeente's
-- rows readable, and what leaves the function is a count. A kernteamlid gets the figures of their
-- own kernteams.
--
-- The figures are counted per month, kept current by triggers, so that they read a few hundred
-- rows however many hulpvragen a gemeente has, and stay exactly those of a GROUP BY over the rows:
-- whole months come from the monthly counts, the days of a partial month at either end of the
-- period from the rows themselves.
--
-- Disclosure control by cell-key perturbation (the method of the Australian Bureau of Statistics'
-- TableBuilder and the German census tables; the rule itself is `Onthulling` in
-- Sources/Voorveld/Uitkomsten/Cijfers.swift). Every hulpvraag gets a random record key; the key
-- of a cell of a table is the sum of the keys of the hulpvragen it counts. The noise added to a
-- count follows from its cell key alone, so the same hulpvragen always get the same noise, in
-- whatever answer, grouping or table they are counted: asking again, or in another table, gives
-- nothing new, and the difference of two answers is the difference of two noisy counts, never an
-- exact one. Keys add up as counts do, so the monthly counts keep the sum of their keys beside
-- every count, and a figure of several months adds them.

-- What voorveld_cijfers reads: the gemeente's hulpvragen and supply (for the gaps), and the monthly
-- counts, which it also writes, within the current gemeente.
DROP POLICY IF EXISTS cijfers ON hulpvragen;
CREATE POLICY cijfers ON hulpvragen FOR SELECT TO voorveld_cijfers USING (gemeente = (SELECT huidige_gemeente()));
DO $$
DECLARE
    tabel text;
BEGIN
    FOREACH tabel IN ARRAY ARRAY['vrijwilligers', 'vrijwilliger_leefgebieden', 'vrijwilliger_kernen', 'voorzieningen',
                                 'voorziening_leefgebieden', 'voorziening_kernen']
    LOOP
        EXECUTE format('DROP POLICY IF EXISTS cijfers ON %I', tabel);
        EXECUTE format('CREATE POLICY cijfers ON %I FOR SELECT TO voorveld_cijfers USING (gemeente = (SELECT huidige_gemeente()))', tabel);
    END LOOP;
    FOREACH tabel IN ARRAY ARRAY['afgesloten_per_maand', 'ontvangen_per_maand', 'ontvangen_leefgebieden_per_maand']
    LOOP
        EXECUTE format('DROP POLICY IF EXISTS cijfers ON %I', tabel);
        EXECUTE format('CREATE POLICY cijfers ON %I TO voorveld_cijfers USING (gemeente = (SELECT huidige_gemeente())) WITH CHECK (gemeente = (SELECT huidige_gemeente()))', tabel);
    END LOOP;
END
$$;

-- The whole months of a period: from `eerste` up to (not including) `voorbij`. The days before
-- them, from `van` up to `voor_eerste`, and from `voorbij` to `tot` are counted from the rows.
CREATE OR REPLACE FUNCTION hele_maanden(van date, tot date, OUT eerste date, OUT voorbij date, OUT voor_eerste date)
    LANGUAGE sql STABLE AS $$
    SELECT x.eerste, greatest(date_trunc('month', tot + 1)::date, x.eerste), least(x.eerste, tot + 1)
    FROM (SELECT CASE WHEN van = date_trunc('month', van)::date THEN van
                      ELSE (date_trunc('month', van) + interval '1 month')::date END AS eerste) x
$$;

-- The groups closed hulpvraag `h` counts in: all of them, or when `een_leefgebied` is given only
-- that leefgebied (with the month's 'totaal' row, unchanged, so that it is locked first).
CREATE OR REPLACE FUNCTION afsluiting_groepen(h hulpvragen, een_leefgebied text, met_leefgebieden boolean)
RETURNS TABLE (indeling text, waarde text, n integer)
    LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT 'totaal', 'totaal', CASE WHEN een_leefgebied IS NULL THEN 1 ELSE 0 END
    UNION ALL
    SELECT x.indeling, x.waarde, 1
    FROM (VALUES ('kern', h.kern), ('kanaal', h.kanaal), ('jeugd', CASE WHEN h.jeugd THEN 'jeugd' ELSE 'volwassen' END)) x (indeling, waarde)
    WHERE een_leefgebied IS NULL
    UNION ALL
    SELECT 'leefgebied', l.leefgebied, 1 FROM hulpvraag_leefgebieden l
    WHERE een_leefgebied IS NULL AND met_leefgebieden AND l.gemeente = h.gemeente AND l.hulpvraag = h.id
    UNION ALL
    SELECT 'leefgebied', een_leefgebied, 1 WHERE een_leefgebied IS NOT NULL
$$;

-- The triggers below work on hulpvragen of the gemeente in scope only.
CREATE OR REPLACE FUNCTION in_scope(gemeente text) RETURNS void
    LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF gemeente IS DISTINCT FROM huidige_gemeente() THEN
        RAISE EXCEPTION 'hulpvraag van gemeente % gewijzigd buiten die gemeente', gemeente USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

-- Every change of the counts first takes a lock on its hulpvraag for the rest of the transaction:
-- a change of the hulpvraag and one of its leefgebieden in two concurrent transactions are then
-- counted one after the other, each seeing the other's. (One lock per hulpvraag: a transaction
-- that changes thousands of hulpvragen should do so in portions, as retention does.)
CREATE OR REPLACE FUNCTION tellen_begint(gemeente text, hulpvraag uuid) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM in_scope(gemeente);
    PERFORM pg_advisory_xact_lock(hashtextextended('hulpvraag ' || hulpvraag, 0));
END
$$;

-- Adds (`teken` 1) or takes off (-1) closed hulpvraag `h` in its month's counts: in every group,
-- or only in `een_leefgebied`. Every change first locks the rows it touches in key order, the
-- month's 'totaal' row first, so that concurrent closings in one kernteam wait for each other
-- instead of deadlocking; it creates missing rows at zero while at it. Taking off is a separate
-- UPDATE, because INSERT ... ON CONFLICT checks the proposed row (a negative count) first.
CREATE OR REPLACE FUNCTION afgesloten_tellen(h hulpvragen, teken integer, een_leefgebied text DEFAULT NULL, met_leefgebieden boolean DEFAULT true) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    u uitkomsten;
    m date := date_trunc('month', h.afgesloten_op)::date;
    erbij integer := CASE WHEN teken > 0 THEN teken ELSE 0 END;
    gevraagd integer := (h.nazorg_opgelost IS NOT NULL)::int;
    opgelost integer := coalesce(h.nazorg_opgelost, false)::int;
    s bigint := h.celsleutel;
BEGIN
    IF h.uitkomst IS NULL THEN
        RETURN;
    END IF;
    PERFORM tellen_begint(h.gemeente, h.id);
    SELECT * INTO STRICT u FROM uitkomsten WHERE code = h.uitkomst;
    INSERT INTO afgesloten_per_maand AS a (gemeente, indeling, maand, kernteam, waarde, afgesloten, telt_mee, alleen, betrokken, ingetrokken,
                                           nazorg_gevraagd, nazorg_opgelost, afgesloten_sleutel, telt_mee_sleutel, alleen_sleutel,
                                           betrokken_sleutel, ingetrokken_sleutel, nazorg_gevraagd_sleutel, nazorg_opgelost_sleutel)
    SELECT h.gemeente, g.indeling, m, h.kernteam, g.waarde, g.n * erbij, g.n * erbij * u.telt_mee::int,
           g.n * erbij * u.alleen_voorliggend_veld::int, g.n * erbij * u.voorliggend_veld_betrokken::int, g.n * erbij * (NOT u.telt_mee)::int,
           g.n * erbij * gevraagd, g.n * erbij * opgelost,
           s * g.n * erbij, s * g.n * erbij * u.telt_mee::int, s * g.n * erbij * u.alleen_voorliggend_veld::int,
           s * g.n * erbij * u.voorliggend_veld_betrokken::int, s * g.n * erbij * (NOT u.telt_mee)::int, s * g.n * erbij * gevraagd,
           s * g.n * erbij * opgelost
    FROM afsluiting_groepen(h, een_leefgebied, met_leefgebieden) g
    ORDER BY g.indeling <> 'totaal', g.indeling, g.waarde
    ON CONFLICT (gemeente, indeling, maand, kernteam, waarde) DO UPDATE
        SET afgesloten = a.afgesloten + excluded.afgesloten, telt_mee = a.telt_mee + excluded.telt_mee, alleen = a.alleen + excluded.alleen,
            betrokken = a.betrokken + excluded.betrokken, ingetrokken = a.ingetrokken + excluded.ingetrokken,
            nazorg_gevraagd = a.nazorg_gevraagd + excluded.nazorg_gevraagd, nazorg_opgelost = a.nazorg_opgelost + excluded.nazorg_opgelost,
            afgesloten_sleutel = a.afgesloten_sleutel + excluded.afgesloten_sleutel, telt_mee_sleutel = a.telt_mee_sleutel + excluded.telt_mee_sleutel,
            alleen_sleutel = a.alleen_sleutel + excluded.alleen_sleutel, betrokken_sleutel = a.betrokken_sleutel + excluded.betrokken_sleutel,
            ingetrokken_sleutel = a.ingetrokken_sleutel + excluded.ingetrokken_sleutel,
            nazorg_gevraagd_sleutel = a.nazorg_gevraagd_sleutel + excluded.nazorg_gevraagd_sleutel,
            nazorg_opgelost_sleutel = a.nazorg_opgelost_sleutel + excluded.nazorg_opgelost_sleutel;
    IF teken < 0 THEN
        UPDATE afgesloten_per_maand a
        SET afgesloten = a.afgesloten - g.n, telt_mee = a.telt_mee - g.n * u.telt_mee::int,
            alleen = a.alleen - g.n * u.alleen_voorliggend_veld::int, betrokken = a.betrokken - g.n * u.voorliggend_veld_betrokken::int,
            ingetrokken = a.ingetrokken - g.n * (NOT u.telt_mee)::int, nazorg_gevraagd = a.nazorg_gevraagd - g.n * gevraagd,
            nazorg_opgelost = a.nazorg_opgelost - g.n * opgelost,
            afgesloten_sleutel = a.afgesloten_sleutel - s * g.n, telt_mee_sleutel = a.telt_mee_sleutel - s * g.n * u.telt_mee::int,
            alleen_sleutel = a.alleen_sleutel - s * g.n * u.alleen_voorliggend_veld::int,
            betrokken_sleutel = a.betrokken_sleutel - s * g.n * u.voorliggend_veld_betrokken::int,
            ingetrokken_sleutel = a.ingetrokken_sleutel - s * g.n * (NOT u.telt_mee)::int,
            nazorg_gevraagd_sleutel = a.nazorg_gevraagd_sleutel - s * g.n * gevraagd, nazorg_opgelost_sleutel = a.nazorg_opgelost_sleutel - s * g.n * opgelost
        FROM afsluiting_groepen(h, een_leefgebied, met_leefgebieden) g
        WHERE a.gemeente = h.gemeente AND a.indeling = g.indeling AND a.maand = m AND a.kernteam = h.kernteam AND a.waarde = g.waarde
          AND g.n > 0;
    END IF;
END
$$;

-- The same for new hulpvraag `h` (whether closed or not) by the month it was received: its row
-- in ontvangen_per_maand (unchanged when only `een_leefgebied` is counted, but locked first), then
-- its leefgebieden, or only `een_leefgebied`, in key order.
CREATE OR REPLACE FUNCTION ontvangen_tellen(h hulpvragen, teken integer, een_leefgebied text DEFAULT NULL, met_leefgebieden boolean DEFAULT true) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    m date := date_trunc('month', h.ontvangen_op)::date;
    n integer := CASE WHEN een_leefgebied IS NULL THEN 1 ELSE 0 END;
    erbij integer := CASE WHEN teken > 0 THEN teken ELSE 0 END;
    s bigint := h.celsleutel;
BEGIN
    PERFORM tellen_begint(h.gemeente, h.id);
    INSERT INTO ontvangen_per_maand AS a (gemeente, maand, kernteam, kanaal, jeugd, huisbezoek, aantal, terugkeer, aantal_sleutel, terugkeer_sleutel)
    VALUES (h.gemeente, m, h.kernteam, h.kanaal, h.jeugd, h.gezamenlijk_huisbezoek, n * erbij, n * erbij * h.terugkeer::int,
            s * n * erbij, s * n * erbij * h.terugkeer::int)
    ON CONFLICT (gemeente, maand, kernteam, kanaal, jeugd, huisbezoek) DO UPDATE
        SET aantal = a.aantal + excluded.aantal, terugkeer = a.terugkeer + excluded.terugkeer,
            aantal_sleutel = a.aantal_sleutel + excluded.aantal_sleutel, terugkeer_sleutel = a.terugkeer_sleutel + excluded.terugkeer_sleutel;
    INSERT INTO ontvangen_leefgebieden_per_maand AS a (gemeente, maand, kernteam, kern, leefgebied, aantal, aantal_sleutel)
    SELECT h.gemeente, m, h.kernteam, h.kern, x.leefgebied, erbij, s * erbij
    FROM (SELECT l.leefgebied FROM hulpvraag_leefgebieden l
          WHERE een_leefgebied IS NULL AND met_leefgebieden AND l.gemeente = h.gemeente AND l.hulpvraag = h.id
          UNION ALL SELECT een_leefgebied WHERE een_leefgebied IS NOT NULL) x
    ORDER BY x.leefgebied
    ON CONFLICT (gemeente, maand, kernteam, kern, leefgebied) DO UPDATE
        SET aantal = a.aantal + excluded.aantal, aantal_sleutel = a.aantal_sleutel + excluded.aantal_sleutel;
    IF teken < 0 THEN
        UPDATE ontvangen_per_maand a
        SET aantal = a.aantal - n, terugkeer = a.terugkeer - n * h.terugkeer::int,
            aantal_sleutel = a.aantal_sleutel - s * n, terugkeer_sleutel = a.terugkeer_sleutel - s * n * h.terugkeer::int
        WHERE n > 0 AND a.gemeente = h.gemeente AND a.maand = m AND a.kernteam = h.kernteam AND a.kanaal = h.kanaal AND a.jeugd = h.jeugd
          AND a.huisbezoek = h.gezamenlijk_huisbezoek;
        UPDATE ontvangen_leefgebieden_per_maand a SET aantal = a.aantal - 1, aantal_sleutel = a.aantal_sleutel - s
        WHERE a.gemeente = h.gemeente AND a.maand = m AND a.kernteam = h.kernteam AND a.kern = h.kern
          AND a.leefgebied IN (SELECT l.leefgebied FROM hulpvraag_leefgebieden l
                               WHERE een_leefgebied IS NULL AND met_leefgebieden AND l.gemeente = h.gemeente AND l.hulpvraag = h.id
                               UNION ALL SELECT een_leefgebied WHERE een_leefgebied IS NOT NULL);
    END IF;
END
$$;

-- Triggers on hulpvragen, with TG_ARGV[0] 'afgesloten' or 'ontvangen': which counts. On DELETE
-- they run before the row goes, while its leefgebieden are still there; a new hulpvraag has none
-- yet (their own trigger counts them, even when one statement inserts both).
CREATE OR REPLACE FUNCTION hulpvraag_telt() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF TG_ARGV[0] = 'afgesloten' THEN PERFORM afgesloten_tellen(OLD, -1); ELSE PERFORM ontvangen_tellen(OLD, -1); END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF TG_ARGV[0] = 'afgesloten' THEN
            PERFORM afgesloten_tellen(NEW, 1, NULL, TG_OP = 'UPDATE');
        ELSE
            PERFORM ontvangen_tellen(NEW, 1, NULL, TG_OP = 'UPDATE');
        END IF;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

-- A leefgebied added to or removed from a hulpvraag. When the hulpvraag itself is being deleted
-- it is gone already, and its counts were taken off before.
CREATE OR REPLACE FUNCTION hulpvraag_leefgebied_telt() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    h hulpvragen;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM tellen_begint(OLD.gemeente, OLD.hulpvraag);
        SELECT * INTO h FROM hulpvragen WHERE gemeente = OLD.gemeente AND id = OLD.hulpvraag;
        IF FOUND THEN
            PERFORM afgesloten_tellen(h, -1, OLD.leefgebied);
            PERFORM ontvangen_tellen(h, -1, OLD.leefgebied);
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM tellen_begint(NEW.gemeente, NEW.hulpvraag);
        SELECT * INTO h FROM hulpvragen WHERE gemeente = NEW.gemeente AND id = NEW.hulpvraag;
        IF FOUND THEN
            PERFORM afgesloten_tellen(h, 1, NEW.leefgebied);
            PERFORM ontvangen_tellen(h, 1, NEW.leefgebied);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- Whether a new hulpvraag is a return (see the column). The service cannot set the flag itself:
-- on every other change it keeps its value.
CREATE OR REPLACE FUNCTION hulpvraag_terugkeer() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM in_scope(NEW.gemeente);
    -- Kept when dossier, date and kernteam stay, or when only the dossier reference is removed
    -- (by retention, say).
    IF TG_OP = 'UPDATE' AND (NEW.ontvangen_op, NEW.kernteam) IS NOT DISTINCT FROM (OLD.ontvangen_op, OLD.kernteam)
       AND (NEW.dossierreferentie IS NULL OR NEW.dossierreferentie IS NOT DISTINCT FROM OLD.dossierreferentie) THEN
        NEW.terugkeer := OLD.terugkeer;
        RETURN NEW;
    END IF;
    NEW.terugkeer := NEW.dossierreferentie IS NOT NULL AND EXISTS (
        SELECT 1 FROM hulpvragen e WHERE e.gemeente = NEW.gemeente AND e.dossierreferentie = NEW.dossierreferentie AND e.kernteam = NEW.kernteam
          AND e.id <> NEW.id AND e.afgesloten_op IS NOT NULL AND e.afgesloten_op <= NEW.ontvangen_op AND NEW.ontvangen_op <= e.nazorg_op);
    RETURN NEW;
END
$$;

DO $$
DECLARE
    functie text;
BEGIN
    FOREACH functie IN ARRAY ARRAY['afsluiting_groepen(hulpvragen, text, boolean)', 'in_scope(text)', 'tellen_begint(text, uuid)',
                                   'afgesloten_tellen(hulpvragen, integer, text, boolean)', 'ontvangen_tellen(hulpvragen, integer, text, boolean)', 'hulpvraag_telt()', 'hulpvraag_leefgebied_telt()',
                                   'hulpvraag_terugkeer()']
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO voorveld_cijfers', functie);
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', functie);
    END LOOP;
END
$$;

-- Counts every hulpvraag afresh, as a repair. Run as the owner, who must see every row: a
-- superuser, or with FORCE row-level security off on hulpvragen and hulpvraag_leefgebieden for the
-- while. Writes wait until it is done. Returns the number of count rows.
CREATE OR REPLACE FUNCTION cijfers_per_maand_opbouwen() RETURNS bigint
    LANGUAGE plpgsql AS $f$
DECLARE
    rijen bigint;
BEGIN
    IF NOT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user)
       AND (SELECT bool_or(relforcerowsecurity) FROM pg_class WHERE oid IN ('hulpvragen'::regclass, 'hulpvraag_leefgebieden'::regclass)) THEN
        RAISE EXCEPTION 'cijfers_per_maand_opbouwen ziet niet alle hulpvragen: zet FORCE ROW LEVEL SECURITY op hulpvragen en hulpvraag_leefgebieden even uit';
    END IF;
    LOCK TABLE hulpvragen, hulpvraag_leefgebieden IN SHARE MODE;
    DELETE FROM afgesloten_per_maand;
    DELETE FROM ontvangen_per_maand;
    DELETE FROM ontvangen_leefgebieden_per_maand;
    WITH gesloten AS (
        SELECT h.gemeente, h.id, date_trunc('month', h.afgesloten_op)::date AS maand, h.kernteam, h.kern, h.kanaal, h.jeugd, h.celsleutel AS s,
               u.telt_mee::int AS telt_mee, u.alleen_voorliggend_veld::int AS alleen, u.voorliggend_veld_betrokken::int AS betrokken,
               (h.nazorg_opgelost IS NOT NULL)::int AS gevraagd, coalesce(h.nazorg_opgelost, false)::int AS opgelost
        FROM hulpvragen h JOIN uitkomsten u ON u.code = h.uitkomst
    ),
    groepen AS (
        SELECT g.gemeente, x.indeling, g.maand, g.kernteam, x.waarde, g.s, g.telt_mee, g.alleen, g.betrokken, g.gevraagd, g.opgelost
        FROM gesloten g, LATERAL (VALUES ('totaal', 'totaal'), ('kern', g.kern), ('kanaal', g.kanaal),
                                         ('jeugd', CASE WHEN g.jeugd THEN 'jeugd' ELSE 'volwassen' END)) x (indeling, waarde)
        UNION ALL
        SELECT g.gemeente, 'leefgebied', g.maand, g.kernteam, l.leefgebied, g.s, g.telt_mee, g.alleen, g.betrokken, g.gevraagd, g.opgelost
        FROM gesloten g JOIN hulpvraag_leefgebieden l ON l.gemeente = g.gemeente AND l.hulpvraag = g.id
    ),
    a AS (
        INSERT INTO afgesloten_per_maand (gemeente, indeling, maand, kernteam, waarde, afgesloten, telt_mee, alleen, betrokken, ingetrokken,
                                          nazorg_gevraagd, nazorg_opgelost, afgesloten_sleutel, telt_mee_sleutel, alleen_sleutel,
                                          betrokken_sleutel, ingetrokken_sleutel, nazorg_gevraagd_sleutel, nazorg_opgelost_sleutel)
        SELECT gemeente, indeling, maand, kernteam, waarde, count(*), sum(telt_mee), sum(alleen), sum(betrokken), count(*) - sum(telt_mee),
               sum(gevraagd), sum(opgelost), sum(s), sum(s * telt_mee), sum(s * alleen), sum(s * betrokken), sum(s * (1 - telt_mee)),
               sum(s * gevraagd), sum(s * opgelost)
        FROM groepen GROUP BY gemeente, indeling, maand, kernteam, waarde
        RETURNING 1
    ),
    o AS (
        INSERT INTO ontvangen_per_maand (gemeente, maand, kernteam, kanaal, jeugd, huisbezoek, aantal, terugkeer, aantal_sleutel, terugkeer_sleutel)
        SELECT gemeente, date_trunc('month', ontvangen_op)::date, kernteam, kanaal, jeugd, gezamenlijk_huisbezoek, count(*), count(*) FILTER (WHERE terugkeer),
               sum(celsleutel), coalesce(sum(celsleutel) FILTER (WHERE terugkeer), 0)
        FROM hulpvragen GROUP BY 1, 2, 3, 4, 5, 6
        RETURNING 1
    ),
    l AS (
        INSERT INTO ontvangen_leefgebieden_per_maand (gemeente, maand, kernteam, kern, leefgebied, aantal, aantal_sleutel)
        SELECT h.gemeente, date_trunc('month', h.ontvangen_op)::date, h.kernteam, h.kern, l.leefgebied, count(*), sum(h.celsleutel)
        FROM hulpvragen h JOIN hulpvraag_leefgebieden l ON l.gemeente = h.gemeente AND l.hulpvraag = h.id
        GROUP BY 1, 2, 3, 4, 5
        RETURNING 1
    )
    SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM o) + (SELECT count(*) FROM l) INTO rijen;
    RETURN rijen;
END
$f$;
REVOKE EXECUTE ON FUNCTION cijfers_per_maand_opbouwen() FROM PUBLIC;

-- The triggers keep the counts. Each fires only when something it counts changes.
CREATE OR REPLACE TRIGGER hulpvraag_terugkeer BEFORE INSERT OR UPDATE OF dossierreferentie, ontvangen_op, kernteam, terugkeer ON hulpvragen
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_terugkeer();
CREATE OR REPLACE TRIGGER hulpvraag_afgesloten_telt_nieuw AFTER INSERT ON hulpvragen
    FOR EACH ROW WHEN (NEW.uitkomst IS NOT NULL) EXECUTE FUNCTION hulpvraag_telt('afgesloten');
CREATE OR REPLACE TRIGGER hulpvraag_afgesloten_telt_wijziging AFTER UPDATE ON hulpvragen
    FOR EACH ROW WHEN ((OLD.uitkomst IS NOT NULL OR NEW.uitkomst IS NOT NULL)
                       AND (OLD.uitkomst, OLD.afgesloten_op, OLD.kernteam, OLD.kern, OLD.kanaal, OLD.jeugd, OLD.nazorg_opgelost)
                           IS DISTINCT FROM (NEW.uitkomst, NEW.afgesloten_op, NEW.kernteam, NEW.kern, NEW.kanaal, NEW.jeugd, NEW.nazorg_opgelost))
    EXECUTE FUNCTION hulpvraag_telt('afgesloten');
CREATE OR REPLACE TRIGGER hulpvraag_afgesloten_telt_verwijderd BEFORE DELETE ON hulpvragen
    FOR EACH ROW WHEN (OLD.uitkomst IS NOT NULL) EXECUTE FUNCTION hulpvraag_telt('afgesloten');
CREATE OR REPLACE TRIGGER hulpvraag_ontvangen_telt_nieuw AFTER INSERT ON hulpvragen
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_telt('ontvangen');
CREATE OR REPLACE TRIGGER hulpvraag_ontvangen_telt_wijziging AFTER UPDATE ON hulpvragen
    FOR EACH ROW WHEN ((date_trunc('month', OLD.ontvangen_op), OLD.kernteam, OLD.kern, OLD.kanaal, OLD.jeugd, OLD.gezamenlijk_huisbezoek, OLD.terugkeer)
                       IS DISTINCT FROM (date_trunc('month', NEW.ontvangen_op), NEW.kernteam, NEW.kern, NEW.kanaal, NEW.jeugd, NEW.gezamenlijk_huisbezoek, NEW.terugkeer))
    EXECUTE FUNCTION hulpvraag_telt('ontvangen');
CREATE OR REPLACE TRIGGER hulpvraag_ontvangen_telt_verwijderd BEFORE DELETE ON hulpvragen
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_telt('ontvangen');
CREATE OR REPLACE TRIGGER hulpvraag_leefgebied_telt AFTER INSERT OR DELETE OR UPDATE OF gemeente, hulpvraag, leefgebied ON hulpvraag_leefgebieden
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_leefgebied_telt();

-- The kernteams whose figures the caller sees: NULL for all of them (a wethouder), the caller's
-- own for a kernteamlid, none otherwise.
CREATE OR REPLACE FUNCTION cijfers_kernteams() RETURNS text[]
    LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN public.heeft_rol('wethouder') THEN NULL
                WHEN public.heeft_rol('kernteamlid') THEN public.huidige_kernteams()
                ELSE '{}' END
$$;

-- The figures functions each count with the sum of its keys. They read
-- the caller's gemeente once: in the service's sessions huidige_gemeente() hashes and looks up the
-- proof, and called in a WHERE clause it would do so for every count row (a year of the largest
-- gemeente's figures took 340 ms instead of a few).
-- They are planned afresh on every call (plan_cache_mode): after five calls on a connection
-- PL/pgSQL may keep a generic plan, and the generic plan of the partial months at either end
-- starts from the row-level security policy's gemeente and filters every one of its hulpvragen
-- (130 ms a call for the largest gemeente in `voorveld bench cijfers`, against 2 ms planned with
-- the real dates; planning costs well under a millisecond).
CREATE OR REPLACE FUNCTION cijfers_voorliggend_veld(van date, tot date, groep text)
RETURNS TABLE (waarde text, afgesloten integer, telt_mee integer, alleen integer, betrokken integer, ingetrokken integer,
               afgesloten_sleutel bigint, telt_mee_sleutel bigint, alleen_sleutel bigint, betrokken_sleutel bigint, ingetrokken_sleutel bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    p record;
    teams text[] := cijfers_kernteams();   -- both read once rather than for every row: for the service
    deze_gemeente text := huidige_gemeente();   -- each is a lookup of its proof (sql/definitions/01_toegang.sql)
BEGIN
    SELECT * INTO p FROM hele_maanden(van, tot);
    RETURN QUERY
    WITH maanden AS (
        SELECT CASE groep
                   WHEN 'kernteam' THEN m.kernteam WHEN 'maand' THEN to_char(m.maand, 'YYYY-MM') WHEN 'kwartaal' THEN to_char(m.maand, 'YYYY-"K"Q')
                   WHEN 'jaar' THEN to_char(m.maand, 'YYYY') WHEN 'kern' THEN m.waarde WHEN 'kanaal' THEN m.waarde WHEN 'jeugd' THEN m.waarde
                   WHEN 'leefgebied' THEN m.waarde ELSE 'totaal' END AS waarde,
               m.afgesloten, m.telt_mee, m.alleen, m.betrokken, m.ingetrokken,
               m.afgesloten_sleutel, m.telt_mee_sleutel, m.alleen_sleutel, m.betrokken_sleutel, m.ingetrokken_sleutel
        FROM afgesloten_per_maand m
        WHERE m.gemeente = deze_gemeente AND m.indeling = CASE WHEN groep IN ('kern', 'kanaal', 'jeugd', 'leefgebied') THEN groep ELSE 'totaal' END
          AND m.maand >= p.eerste AND m.maand < p.voorbij
          AND (teams IS NULL OR m.kernteam = ANY (teams))
    ),
    randen AS (
        SELECT h.id, h.gemeente, h.kernteam, h.kern, h.kanaal, h.jeugd, h.afgesloten_op, h.celsleutel, u.telt_mee, u.alleen_voorliggend_veld,
               u.voorliggend_veld_betrokken
        FROM hulpvragen h JOIN uitkomsten u ON u.code = h.uitkomst
        WHERE h.gemeente = deze_gemeente
          AND (h.afgesloten_op >= van AND h.afgesloten_op < p.voor_eerste OR h.afgesloten_op >= p.voorbij AND h.afgesloten_op <= tot)
          AND (teams IS NULL OR h.kernteam = ANY (teams))
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
        SELECT m.waarde, m.afgesloten, m.telt_mee, m.alleen, m.betrokken, m.ingetrokken,
               m.afgesloten_sleutel, m.telt_mee_sleutel, m.alleen_sleutel, m.betrokken_sleutel, m.ingetrokken_sleutel
        FROM maanden m
        UNION ALL
        SELECT g.waarde, 1, g.telt_mee::int, g.alleen_voorliggend_veld::int, g.voorliggend_veld_betrokken::int, (NOT g.telt_mee)::int,
               g.celsleutel, g.celsleutel * g.telt_mee::int, g.celsleutel * g.alleen_voorliggend_veld::int,
               g.celsleutel * g.voorliggend_veld_betrokken::int, g.celsleutel * (NOT g.telt_mee)::int
        FROM randgroepen g
    )
    SELECT a.waarde, sum(a.afgesloten)::integer, sum(a.telt_mee)::integer, sum(a.alleen)::integer, sum(a.betrokken)::integer,
           sum(a.ingetrokken)::integer, sum(a.afgesloten_sleutel)::bigint, sum(a.telt_mee_sleutel)::bigint, sum(a.alleen_sleutel)::bigint,
           sum(a.betrokken_sleutel)::bigint, sum(a.ingetrokken_sleutel)::bigint
    FROM alles a GROUP BY a.waarde HAVING sum(a.afgesloten) > 0 ORDER BY a.waarde;
END
$$;

CREATE OR REPLACE FUNCTION cijfers_instroom(van date, tot date)
RETURNS TABLE (kernteam text, maand text, kanaal text, jeugd boolean, huisbezoek boolean, aantal integer, terugkeer integer,
               aantal_sleutel bigint, terugkeer_sleutel bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    p record;
    teams text[] := cijfers_kernteams();   -- both read once rather than for every row: for the service
    deze_gemeente text := huidige_gemeente();   -- each is a lookup of its proof (sql/definitions/01_toegang.sql)
BEGIN
    SELECT * INTO p FROM hele_maanden(van, tot);
    RETURN QUERY
    WITH alles AS (
        SELECT m.kernteam, m.maand, m.kanaal, m.jeugd, m.huisbezoek, m.aantal, m.terugkeer, m.aantal_sleutel, m.terugkeer_sleutel
        FROM ontvangen_per_maand m
        WHERE m.gemeente = deze_gemeente AND m.maand >= p.eerste AND m.maand < p.voorbij
          AND (teams IS NULL OR m.kernteam = ANY (teams))
        UNION ALL
        SELECT h.kernteam, h.ontvangen_op, h.kanaal, h.jeugd, h.gezamenlijk_huisbezoek, 1, h.terugkeer::int, h.celsleutel, h.celsleutel * h.terugkeer::int
        FROM hulpvragen h
        WHERE h.gemeente = deze_gemeente
          AND (h.ontvangen_op >= van AND h.ontvangen_op < p.voor_eerste OR h.ontvangen_op >= p.voorbij AND h.ontvangen_op <= tot)
          AND (teams IS NULL OR h.kernteam = ANY (teams))
    )
    SELECT a.kernteam, to_char(a.maand, 'YYYY-MM'), a.kanaal, a.jeugd, a.huisbezoek, sum(a.aantal)::integer, sum(a.terugkeer)::integer,
           sum(a.aantal_sleutel)::bigint, sum(a.terugkeer_sleutel)::bigint
    FROM alles a GROUP BY 1, 2, 3, 4, 5 HAVING sum(a.aantal) > 0;
END
$$;

CREATE OR REPLACE FUNCTION cijfers_leefgebieden(van date, tot date)
RETURNS TABLE (kern text, leefgebied text, aantal integer, aantal_sleutel bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    p record;
    teams text[] := cijfers_kernteams();   -- both read once rather than for every row: for the service
    deze_gemeente text := huidige_gemeente();   -- each is a lookup of its proof (sql/definitions/01_toegang.sql)
BEGIN
    SELECT * INTO p FROM hele_maanden(van, tot);
    RETURN QUERY
    WITH alles AS (
        SELECT m.kern, m.leefgebied, m.aantal, m.aantal_sleutel
        FROM ontvangen_leefgebieden_per_maand m
        WHERE m.gemeente = deze_gemeente AND m.maand >= p.eerste AND m.maand < p.voorbij
          AND (teams IS NULL OR m.kernteam = ANY (teams))
        UNION ALL
        SELECT h.kern, l.leefgebied, 1, h.celsleutel
        FROM hulpvragen h JOIN hulpvraag_leefgebieden l ON l.gemeente = h.gemeente AND l.hulpvraag = h.id
        WHERE h.gemeente = deze_gemeente
          AND (h.ontvangen_op >= van AND h.ontvangen_op < p.voor_eerste OR h.ontvangen_op >= p.voorbij AND h.ontvangen_op <= tot)
          AND (teams IS NULL OR h.kernteam = ANY (teams))
    )
    SELECT a.kern, a.leefgebied, sum(a.aantal)::integer, sum(a.aantal_sleutel)::bigint FROM alles a GROUP BY 1, 2 HAVING sum(a.aantal) > 0;
END
$$;

CREATE OR REPLACE FUNCTION cijfers_nazorg(van date, tot date)
RETURNS TABLE (gevraagd integer, nog_opgelost integer, gevraagd_sleutel bigint, nog_opgelost_sleutel bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET plan_cache_mode = force_custom_plan AS $$
DECLARE
    p record;
    teams text[] := cijfers_kernteams();   -- both read once rather than for every row: for the service
    deze_gemeente text := huidige_gemeente();   -- each is a lookup of its proof (sql/definitions/01_toegang.sql)
BEGIN
    SELECT * INTO p FROM hele_maanden(van, tot);
    RETURN QUERY
    WITH alles AS (
        SELECT m.nazorg_gevraagd AS gevraagd, m.nazorg_opgelost AS opgelost, m.nazorg_gevraagd_sleutel AS gevraagd_sleutel,
               m.nazorg_opgelost_sleutel AS opgelost_sleutel
        FROM afgesloten_per_maand m
        WHERE m.gemeente = deze_gemeente AND m.indeling = 'totaal' AND m.maand >= p.eerste AND m.maand < p.voorbij
          AND (teams IS NULL OR m.kernteam = ANY (teams))
        UNION ALL
        SELECT (h.nazorg_opgelost IS NOT NULL)::int, coalesce(h.nazorg_opgelost, false)::int,
               h.celsleutel * (h.nazorg_opgelost IS NOT NULL)::int, h.celsleutel * coalesce(h.nazorg_opgelost, false)::int
        FROM hulpvragen h
        WHERE h.gemeente = deze_gemeente
          AND (h.afgesloten_op >= van AND h.afgesloten_op < p.voor_eerste OR h.afgesloten_op >= p.voorbij AND h.afgesloten_op <= tot)
          AND (teams IS NULL OR h.kernteam = ANY (teams))
    )
    SELECT coalesce(sum(a.gevraagd), 0)::integer, coalesce(sum(a.opgelost), 0)::integer,
           coalesce(sum(a.gevraagd_sleutel), 0)::bigint, coalesce(sum(a.opgelost_sleutel), 0)::bigint
    FROM alles a;
END
$$;

CREATE OR REPLACE FUNCTION cijfers_tekorten()
RETURNS TABLE (kern text, leefgebied text, open_hulpvragen integer, open_hulpvragen_sleutel bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    WITH scope AS (SELECT huidige_gemeente() AS gemeente, cijfers_kernteams() AS teams),
    vraag AS (
        SELECT h.gemeente, h.kern, l.leefgebied, count(*)::integer AS aantal, sum(h.celsleutel)::bigint AS sleutel
        FROM scope s
        JOIN hulpvragen h ON h.gemeente = s.gemeente
        JOIN hulpvraag_leefgebieden l ON l.gemeente = h.gemeente AND l.hulpvraag = h.id
        WHERE h.status IN ('nieuw', 'in-behandeling') AND NOT h.veilig_thuis
          AND (s.teams IS NULL OR h.kernteam = ANY (s.teams))
        GROUP BY 1, 2, 3
    )
    SELECT v.kern, v.leefgebied, v.aantal, v.sleutel FROM vraag v
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
    ORDER BY v.kern, v.leefgebied   -- not by the exact count: the service orders them by what it shows
$$;

DO $$
DECLARE
    functie text;
BEGIN
    FOREACH functie IN ARRAY ARRAY['cijfers_voorliggend_veld(date, date, text)', 'cijfers_instroom(date, date)', 'cijfers_leefgebieden(date, date)',
                                   'cijfers_nazorg(date, date)', 'cijfers_tekorten()']
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO voorveld_cijfers', functie);
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', functie);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO voorveld_service', functie);
    END LOOP;
END
$$;
