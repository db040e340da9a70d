-- The VOG rule, once: a volunteer helps a young person only with a valid VOG.
--
-- The booking trigger asked for a VOG only when the hulpvraag was marked jeugd, while the
-- candidates list (Swift, `Matching`) also counts a resident under 18 by year of birth. So a
-- volunteer without a VOG, left out of the list for a resident born in 2015, could still be
-- booked for them through the API. And the VOG's term of three years was written out in the
-- trigger, in the register's "VOG expires before" filter and twice in Swift.
--
-- Now the database holds one definition of each part, which the trigger and the register's filter
-- use; Swift has the same two (`Hulpvraag.jongere(op:)`, `VOG.geldigTot`), and a test compares them
-- with these on the edge cases (the 18th year, the last valid day, 29 February).

-- A young person: marked jeugd, or under 18 this year by the year of birth (a resident born in
-- 2008 counts as 18 for all of 2026).
CREATE FUNCTION jongere(jeugd boolean, geboortejaar integer, op date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT jeugd OR coalesce(extract(year FROM op)::integer - geboortejaar < 18, false)
$$;

-- A VOG's last valid day: the same date three years on (28 February for a 29th).
CREATE FUNCTION vog_geldig_tot(vog date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (vog + interval '3 years')::date
$$;

-- Today in the Netherlands, the day Swift's CalendarDate.vandaag() gives: the server's own time
-- zone may be UTC, and in the first hour of 1 January the year of birth would count otherwise.
CREATE FUNCTION vandaag() RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date
$$;

-- sql/013's koppeling_regels, replaced whole; only the VOG condition changed. CREATE OR REPLACE
-- keeps its owner, grants and trigger. A koppeling proposed before this migration for a young
-- person by year of birth, with a volunteer without a valid VOG, can no longer be accepted or
-- started: the rule holds at every step.
CREATE OR REPLACE FUNCTION koppeling_regels() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    lopend constant koppelingstatus[] := ARRAY['voorgesteld', 'geaccepteerd', 'gestart']::koppelingstatus[];
    h hulpvragen;
    bezet integer;
    maximum integer;
    actief boolean;
    vog date;
BEGIN
    IF TG_OP = 'INSERT' AND NEW.status <> 'voorgesteld' THEN
        RAISE EXCEPTION 'een koppeling begint als voorstel' USING ERRCODE = 'check_violation', CONSTRAINT = 'koppelingen_status_volgorde';
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.hulpvraag <> OLD.hulpvraag OR NEW.vrijwilliger IS DISTINCT FROM OLD.vrijwilliger
           OR NEW.voorziening IS DISTINCT FROM OLD.voorziening THEN
            RAISE EXCEPTION 'een koppeling houdt haar hulpvraag en helper' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_vast';
        END IF;
        IF NOT (OLD.status = NEW.status
                OR (OLD.status = 'voorgesteld' AND NEW.status IN ('geaccepteerd', 'gestart', 'afgebroken'))
                OR (OLD.status = 'geaccepteerd' AND NEW.status IN ('gestart', 'afgebroken'))
                OR (OLD.status = 'gestart' AND NEW.status IN ('afgerond', 'afgebroken'))) THEN
            RAISE EXCEPTION 'een koppeling kan niet van % naar %', OLD.status, NEW.status USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_status_volgorde';
        END IF;
        -- Ending one needs no check; neither does an edit that keeps the status.
        IF NOT (NEW.status = ANY (lopend)) OR NEW.status = OLD.status THEN
            RETURN NEW;
        END IF;
    END IF;
    -- Proposing, accepting or starting: the rules hold at every step. A missing row is refused,
    -- never waved through.
    SELECT * INTO h FROM hulpvragen x WHERE x.gemeente = NEW.gemeente AND x.id = NEW.hulpvraag;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'hulpvraag niet gevonden' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'koppelingen_hulpvraag';
    END IF;
    IF h.status = 'afgesloten' THEN
        RAISE EXCEPTION 'de hulpvraag is afgesloten' USING ERRCODE = 'check_violation', CONSTRAINT = 'koppelingen_afgesloten';
    END IF;
    IF NEW.vrijwilliger IS NOT NULL THEN
        IF h.veilig_thuis THEN
            RAISE EXCEPTION 'een Veilig Thuis-signaal krijgt geen vrijwilliger' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_veilig_thuis';
        END IF;
        IF NOT h.toestemming_vrijwilliger THEN
            RAISE EXCEPTION 'zonder toestemming van de inwoner geen vrijwilliger' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_toestemming';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('koppeling/' || NEW.gemeente || '/' || NEW.vrijwilliger::text, 0));
        SELECT v.max_hulpvragen, v.status = 'actief', v.vog_datum INTO maximum, actief, vog
            FROM vrijwilligers v WHERE v.gemeente = NEW.gemeente AND v.id = NEW.vrijwilliger;
        IF NOT FOUND OR actief IS NOT TRUE THEN
            RAISE EXCEPTION 'de vrijwilliger is niet actief' USING ERRCODE = 'check_violation', CONSTRAINT = 'koppelingen_actief';
        END IF;
        IF jongere(h.jeugd, h.geboortejaar, vandaag()) AND (vog IS NULL OR vog_geldig_tot(vog) < vandaag()) THEN
            RAISE EXCEPTION 'bij een jongere alleen een vrijwilliger met een geldige VOG' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_vog';
        END IF;
        -- The same resident: the same hulpvraag, or the same dossier of the same kernteam (sql/013).
        IF TG_OP = 'INSERT' AND EXISTS (
            SELECT 1 FROM koppelingen k JOIN hulpvragen kh ON kh.gemeente = k.gemeente AND kh.id = k.hulpvraag
            WHERE k.gemeente = NEW.gemeente AND k.vrijwilliger = NEW.vrijwilliger AND k.status = 'afgebroken'
              AND (kh.id = h.id OR (kh.dossierreferentie = h.dossierreferentie AND kh.kernteam = h.kernteam))) THEN
            RAISE EXCEPTION 'een eerder afgebroken koppeling met deze inwoner' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_eerder_afgebroken';
        END IF;
        SELECT count(*) INTO bezet FROM koppelingen k
            WHERE k.gemeente = NEW.gemeente AND k.vrijwilliger = NEW.vrijwilliger AND k.status = ANY (lopend) AND k.id <> NEW.id;
    ELSE
        PERFORM pg_advisory_xact_lock(hashtextextended('koppeling/' || NEW.gemeente || '/' || NEW.voorziening::text, 0));
        SELECT v.capaciteit INTO maximum FROM voorzieningen v WHERE v.gemeente = NEW.gemeente AND v.id = NEW.voorziening;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'voorziening niet gevonden' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'koppelingen_voorziening';
        END IF;
        SELECT count(*) INTO bezet FROM koppelingen k
            WHERE k.gemeente = NEW.gemeente AND k.voorziening = NEW.voorziening AND k.status = ANY (lopend) AND k.id <> NEW.id;
    END IF;
    -- Capacity counts on a new booking; accepting or starting keeps the place it already holds.
    IF TG_OP = 'INSERT' AND maximum IS NOT NULL AND bezet >= maximum THEN
        RAISE EXCEPTION 'geen plek meer vrij (% van %)', bezet, maximum USING ERRCODE = 'check_violation',
            CONSTRAINT = 'koppelingen_capaciteit';
    END IF;
    RETURN NEW;
END
$$;
