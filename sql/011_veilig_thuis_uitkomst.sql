-- A Veilig Thuis signal always goes to the loket and is never matched to a volunteer (koppelingen
-- with volunteers are already refused, sql/005). So such a hulpvraag is never closed as solved by
-- the voorliggend veld alone, nor with a volunteer as what helped: it would count towards the
-- voorliggend-veld percentage for a case the kernteam did not solve.
CREATE FUNCTION hulpvraag_veilig_thuis_uitkomst() RETURNS trigger
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
CREATE TRIGGER hulpvraag_veilig_thuis_uitkomst BEFORE INSERT ON hulpvragen
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_veilig_thuis_uitkomst();
CREATE TRIGGER hulpvraag_veilig_thuis_uitkomst_wijziging BEFORE UPDATE OF uitkomst, onderdelen, veilig_thuis ON hulpvragen
    FOR EACH ROW WHEN (NEW.uitkomst IS DISTINCT FROM OLD.uitkomst OR NEW.onderdelen IS DISTINCT FROM OLD.onderdelen
                       OR NEW.veilig_thuis IS DISTINCT FROM OLD.veilig_thuis)
    EXECUTE FUNCTION hulpvraag_veilig_thuis_uitkomst();
