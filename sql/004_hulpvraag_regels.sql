-- Rules of the hulpvraag the database keeps, whatever the client.

-- A hulpvraag's kern is one its kernteam serves.
ALTER TABLE kernteam_kernen ADD CONSTRAINT kernteam_kernen_kern_kernteam UNIQUE (gemeente, kern, kernteam);
ALTER TABLE hulpvragen ADD CONSTRAINT hulpvragen_kern_van_kernteam
    FOREIGN KEY (gemeente, kern, kernteam) REFERENCES kernteam_kernen (gemeente, kern, kernteam);

-- One household, one plan, one regisseur: the regisseur is an enabled member of the hulpvraag's
-- kernteam. Kernteamleden may not read each other's memberships (row-level security), so the
-- check runs with the owner's rights, and reveals nothing but yes or no.
CREATE FUNCTION hulpvraag_regels() RETURNS trigger
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
CREATE TRIGGER hulpvraag_regels BEFORE INSERT OR UPDATE ON hulpvragen FOR EACH ROW EXECUTE FUNCTION hulpvraag_regels();

-- Lists of hulpvragen are per kernteam and status, newest first.
CREATE INDEX hulpvragen_ontvangen ON hulpvragen (gemeente, kernteam, ontvangen_op DESC);

-- Idempotency keys are kept a day; the retention command, as the owner, removes older ones (so
-- the owner is not bound by the per-user policy; the service still is). The key keeps status,
-- Location and ETag of the first answer, not its body: a replay reads the record again, through
-- row-level security and the audit log.
CREATE INDEX idempotentie_leeftijd ON idempotentie (aangemaakt_op);
ALTER TABLE idempotentie NO FORCE ROW LEVEL SECURITY;
ALTER TABLE idempotentie ADD COLUMN etag text;
ALTER TABLE idempotentie DROP COLUMN antwoord;
