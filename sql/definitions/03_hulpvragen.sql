-- Hulpvragen: who sees them, and the rules the database keeps whatever the client.

-- Only the kernteamleden of the hulpvraag's own kernteam see it; the detail rows follow their
-- hulpvraag, visible exactly when it is.
DROP POLICY IF EXISTS eigen_kernteam ON hulpvragen;
CREATE POLICY eigen_kernteam ON hulpvragen
    USING (gemeente = (SELECT huidige_gemeente_voor('{kernteamlid}')) AND kernteam = ANY ((SELECT huidige_kernteams())::text[]));
DROP POLICY IF EXISTS eigen_kernteam ON hulpvraag_leefgebieden;
CREATE POLICY eigen_kernteam ON hulpvraag_leefgebieden
    USING (gemeente = (SELECT huidige_gemeente()) AND EXISTS (SELECT 1 FROM hulpvragen h WHERE h.gemeente = hulpvraag_leefgebieden.gemeente AND h.id = hulpvraag));
DROP POLICY IF EXISTS eigen_kernteam ON hulpvraag_taken;
CREATE POLICY eigen_kernteam ON hulpvraag_taken
    USING (gemeente = (SELECT huidige_gemeente()) AND EXISTS (SELECT 1 FROM hulpvragen h WHERE h.gemeente = hulpvraag_taken.gemeente AND h.id = hulpvraag));

-- Retention (run by the owner, one gemeente at a time so that the monthly counts follow): closed
-- hulpvragen lose what identifies the resident once nazorg is over, and go altogether after the
-- figures' retention period. Row-level security is FORCEd on hulpvragen, so the owner gets a
-- policy for exactly that: closed hulpvragen.
DROP POLICY IF EXISTS bewaartermijn ON hulpvragen;
CREATE POLICY bewaartermijn ON hulpvragen TO CURRENT_USER
    USING (status = 'afgesloten') WITH CHECK (status = 'afgesloten');

-- One household, one plan, one regisseur: the regisseur is an enabled member of the hulpvraag's
-- kernteam. Kernteamleden may not read each other's memberships (row-level security), so the
-- check runs with the owner's rights, and reveals nothing but yes or no.
CREATE OR REPLACE FUNCTION hulpvraag_regels() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    nieuwe_regisseur boolean := true;
BEGIN
    -- Checked when the regisseur or kernteam is set, so that a hulpvraag whose regisseur has left
    -- can still be edited and closed (and handed to a new regisseur).
    IF TG_OP = 'UPDATE' THEN
        nieuwe_regisseur := NEW.regisseur IS DISTINCT FROM OLD.regisseur OR NEW.kernteam IS DISTINCT FROM OLD.kernteam;
    END IF;
    IF nieuwe_regisseur AND NOT EXISTS (SELECT 1 FROM kernteamleden l JOIN gebruikers g ON g.gemeente = l.gemeente AND g.naam = l.gebruiker
                   WHERE l.gemeente = NEW.gemeente AND l.gebruiker = NEW.regisseur AND l.kernteam = NEW.kernteam
                     AND g.uitgeschakeld_op IS NULL) THEN
        RAISE EXCEPTION 'regisseur % is geen lid van kernteam %', NEW.regisseur, NEW.kernteam
            USING ERRCODE = 'check_violation', CONSTRAINT = 'hulpvragen_regisseur_in_kernteam', TABLE = 'hulpvragen', COLUMN = 'regisseur';
    END IF;
    -- A Veilig Thuis signal stays on record, and so does its referral to the loket.
    IF TG_OP = 'UPDATE' AND ((OLD.veilig_thuis AND NOT NEW.veilig_thuis) OR (OLD.doorverwezen_naar_loket AND NOT NEW.doorverwezen_naar_loket)) THEN
        RAISE EXCEPTION 'een Veilig Thuis-signaal of doorverwijzing kan niet worden ingetrokken'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'hulpvragen_veilig_thuis_blijft', TABLE = 'hulpvragen', COLUMN = 'veilig_thuis';
    END IF;
    RETURN NEW;
END
$$;
REVOKE EXECUTE ON FUNCTION hulpvraag_regels() FROM PUBLIC;
CREATE OR REPLACE TRIGGER hulpvraag_regels BEFORE INSERT OR UPDATE ON hulpvragen FOR EACH ROW EXECUTE FUNCTION hulpvraag_regels();

-- A Veilig Thuis signal always goes to the loket and is never matched to a volunteer (koppelingen
-- with volunteers are refused, 04_koppelingen.sql). So such a hulpvraag is never closed as solved by
-- the voorliggend veld alone, nor with a volunteer as what helped: it would count towards the
-- voorliggend-veld percentage for a case the kernteam did not solve.
CREATE OR REPLACE FUNCTION hulpvraag_veilig_thuis_uitkomst() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF NEW.veilig_thuis AND NEW.uitkomst IS NOT NULL
       AND ('vrijwilliger' = ANY (NEW.onderdelen)
            OR EXISTS (SELECT 1 FROM uitkomsten u WHERE u.code = NEW.uitkomst AND u.alleen_voorliggend_veld)) THEN
        RAISE EXCEPTION 'hulpvraag % heeft een Veilig Thuis-signaal en gaat naar het loket', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'hulpvragen_veilig_thuis_naar_loket', TABLE = 'hulpvragen', COLUMN = 'uitkomst';
    END IF;
    RETURN NEW;
END
$$;
-- Checked when the closure or the signal changes, so closures made before this rule can still be
-- edited as they are. Those can be found for review with:
--   SELECT h.gemeente, h.id FROM hulpvragen h JOIN uitkomsten u ON u.code = h.uitkomst
--   WHERE h.veilig_thuis AND (u.alleen_voorliggend_veld OR 'vrijwilliger' = ANY (h.onderdelen));
CREATE OR REPLACE TRIGGER hulpvraag_veilig_thuis_uitkomst BEFORE INSERT ON hulpvragen
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_veilig_thuis_uitkomst();
CREATE OR REPLACE TRIGGER hulpvraag_veilig_thuis_uitkomst_wijziging BEFORE UPDATE OF uitkomst, onderdelen, veilig_thuis ON hulpvragen
    FOR EACH ROW WHEN (NEW.uitkomst IS DISTINCT FROM OLD.uitkomst OR NEW.onderdelen IS DISTINCT FROM OLD.onderdelen
                       OR NEW.veilig_thuis IS DISTINCT FROM OLD.veilig_thuis)
    EXECUTE FUNCTION hulpvraag_veilig_thuis_uitkomst();

-- The record key for disclosure control (hulpvragen.celsleutel): the database draws it. A new
-- hulpvraag always gets a fresh one and a change never alters it, whatever the service sends, so
-- nobody can give a hulpvraag a key that cancels another's.
CREATE OR REPLACE FUNCTION hulpvraag_celsleutel() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    NEW.celsleutel := CASE WHEN TG_OP = 'INSERT' THEN public.nieuwe_celsleutel() ELSE OLD.celsleutel END;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER hulpvraag_celsleutel BEFORE INSERT OR UPDATE OF celsleutel ON hulpvragen
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_celsleutel();

-- A young person: marked jeugd, or under 18 this year by the year of birth (a resident born in
-- 2008 counts as 18 for all of 2026). A volunteer helps a young person only with a valid VOG
-- (koppeling_regels). Swift has the same rule, `Hulpvraag.jongere(op:)`, and a test compares the
-- two on the edge cases (the 18th year, 29 February).
CREATE OR REPLACE FUNCTION jongere(jeugd boolean, geboortejaar integer, op date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT jeugd OR coalesce(extract(year FROM op)::integer - geboortejaar < 18, false)
$$;

-- Today in the Netherlands, the day Swift's CalendarDate.vandaag() gives: the server's own time
-- zone may be UTC, and in the first hour of 1 January the year of birth would count otherwise.
CREATE OR REPLACE FUNCTION vandaag() RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date
$$;
