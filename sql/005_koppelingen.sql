-- Koppelingen: a volunteer or an algemene voorziening linked to a hulpvraag, from proposal to
-- completion or break-off, and the candidates a kernteamlid chooses from.

CREATE TYPE koppelingstatus AS ENUM ('voorgesteld', 'geaccepteerd', 'gestart', 'afgerond', 'afgebroken');

-- Why a koppeling was broken off: a code list, like the leefgebieden.
CREATE TABLE afbreekredenen (
    code text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    naam text NOT NULL UNIQUE,
    volgorde integer NOT NULL UNIQUE
);
INSERT INTO afbreekredenen (code, naam, volgorde) VALUES
    ('klikt-niet', 'Het klikt niet tussen inwoner en vrijwilliger', 1),
    ('inwoner-wil-niet', 'De inwoner wil de hulp niet (meer)', 2),
    ('vrijwilliger-kan-niet', 'De vrijwilliger kan niet (meer)', 3),
    ('past-niet', 'De hulp past niet bij de vraag', 4),
    ('zwaardere-zorg', 'Er is zwaardere of formele zorg nodig', 5),
    ('verhuisd', 'De inwoner is verhuisd', 6),
    ('overleden', 'De inwoner is overleden', 7),
    ('veilig-thuis-signaal', 'Veilig Thuis-signaal: doorverwezen naar het loket', 8),
    ('toestemming-ingetrokken', 'De inwoner trok de toestemming voor een vrijwilliger in', 9),
    ('anders', 'Anders (zie toelichting)', 10);
GRANT SELECT ON afbreekredenen TO voorveld_service;

CREATE TABLE koppelingen (
    gemeente      text NOT NULL REFERENCES gemeenten (code),
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    hulpvraag     uuid NOT NULL,
    vrijwilliger  uuid,
    voorziening   uuid,
    status        koppelingstatus NOT NULL DEFAULT 'voorgesteld',
    -- What the volunteer or voorziening is to help with, and what they need to know of the
    -- request (a copy: the steunpunt sees this, never the hulpvraag itself).
    leefgebieden  text[] NOT NULL DEFAULT '{}',
    taken         text[] NOT NULL DEFAULT '{}',
    kern          text NOT NULL,
    dagdelen      text[] NOT NULL DEFAULT '{}' CHECK (dagdelen_geldig(dagdelen)),
    toelichting   text NOT NULL DEFAULT '' CHECK (length(toelichting) <= 1000),   -- for the helper
    afsluiting    text NOT NULL DEFAULT '' CHECK (length(afsluiting) <= 1000),    -- the team's note on ending it
    reden         text REFERENCES afbreekredenen (code),
    voorgesteld_door text NOT NULL,
    aangemaakt_op timestamptz NOT NULL DEFAULT now(),
    gestart_op    date,
    beeindigd_op  date,
    versie        integer NOT NULL DEFAULT 1,
    gewijzigd_op  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (gemeente, id),
    FOREIGN KEY (gemeente, hulpvraag) REFERENCES hulpvragen (gemeente, id),
    FOREIGN KEY (gemeente, vrijwilliger) REFERENCES vrijwilligers (gemeente, id),
    FOREIGN KEY (gemeente, voorziening) REFERENCES voorzieningen (gemeente, id),
    CHECK ((vrijwilliger IS NULL) <> (voorziening IS NULL)),
    -- A break-off has a reason, and only a break-off has one.
    CHECK ((status = 'afgebroken') = (reden IS NOT NULL)),
    CHECK ((status IN ('afgerond', 'afgebroken')) = (beeindigd_op IS NOT NULL))
);
-- One running koppeling per helper and hulpvraag.
CREATE UNIQUE INDEX koppelingen_een_per_vrijwilliger ON koppelingen (gemeente, hulpvraag, vrijwilliger)
    WHERE vrijwilliger IS NOT NULL AND status IN ('voorgesteld', 'geaccepteerd', 'gestart');
CREATE UNIQUE INDEX koppelingen_een_per_voorziening ON koppelingen (gemeente, hulpvraag, voorziening)
    WHERE voorziening IS NOT NULL AND status IN ('voorgesteld', 'geaccepteerd', 'gestart');
CREATE INDEX koppelingen_vrijwilliger ON koppelingen (gemeente, vrijwilliger, status) WHERE vrijwilliger IS NOT NULL;
CREATE INDEX koppelingen_voorziening ON koppelingen (gemeente, voorziening, status) WHERE voorziening IS NOT NULL;
CREATE INDEX koppelingen_hulpvraag ON koppelingen (gemeente, hulpvraag);

-- Kernteamleden see and make the koppelingen of their own kernteams' hulpvragen; the steunpunt
-- sees those of the gemeente's volunteers (what the volunteer needs to know: the copy above).
-- Not FORCEd: the owner's functions below count a volunteer's koppelingen across kernteams
-- (capacity, load), without showing them.
ALTER TABLE koppelingen ENABLE ROW LEVEL SECURITY;
CREATE POLICY eigen_kernteam ON koppelingen
    USING (gemeente = huidige_gemeente() AND heeft_rol('kernteamlid')
           AND EXISTS (SELECT 1 FROM hulpvragen h WHERE h.gemeente = koppelingen.gemeente AND h.id = koppelingen.hulpvraag));
CREATE POLICY steunpunt_lezen ON koppelingen FOR SELECT
    USING (gemeente = huidige_gemeente() AND heeft_rol('steunpunt') AND vrijwilliger IS NOT NULL);
GRANT SELECT, INSERT, UPDATE ON koppelingen TO voorveld_service;

-- The rules of a koppeling, kept whatever the client and however many book at once:
--   a koppeling starts as a proposal, on a hulpvraag that is not closed, and only moves forward;
--   a volunteer is active, and never booked beyond capacity; so is a voorziening with a limit;
--   a volunteer only with the resident's consent, never for a Veilig Thuis signal, with a valid
--   VOG for a young person, and not again after a break-off with the same resident.
-- Accepting and starting check these again: consent can be withdrawn, a volunteer paused.
-- Bookings of one helper are serialised by a transaction lock on that helper, and each counts
-- the running koppelingen anew (READ COMMITTED: a fresh snapshot per statement).
CREATE FUNCTION koppeling_regels() RETURNS trigger
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
        IF h.jeugd AND (vog IS NULL OR vog + interval '3 years' < current_date) THEN
            RAISE EXCEPTION 'bij een jongere alleen een vrijwilliger met een geldige VOG' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_vog';
        END IF;
        IF TG_OP = 'INSERT' AND EXISTS (
            SELECT 1 FROM koppelingen k JOIN hulpvragen kh ON kh.gemeente = k.gemeente AND kh.id = k.hulpvraag
            WHERE k.gemeente = NEW.gemeente AND k.vrijwilliger = NEW.vrijwilliger AND k.status = 'afgebroken'
              AND (kh.id = h.id OR kh.dossierreferentie = h.dossierreferentie)) THEN
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
REVOKE EXECUTE ON FUNCTION koppeling_regels() FROM PUBLIC;
CREATE TRIGGER koppeling_regels BEFORE INSERT OR UPDATE ON koppelingen FOR EACH ROW EXECUTE FUNCTION koppeling_regels();

-- The hulpvraag's status follows its koppelingen: a proposal puts a new one "in behandeling", an
-- accepted or started koppeling makes it "gekoppeld", and when the last running one is broken
-- off without any completed, it is back "in behandeling". Closing it is the kernteamlid's act.
CREATE FUNCTION hulpvraag_volgt_koppelingen() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    huidig text;
    nieuw text;
    loopt boolean;
    gekoppeld boolean;
    afgerond boolean;
BEGIN
    SELECT h.status INTO huidig FROM hulpvragen h WHERE h.gemeente = NEW.gemeente AND h.id = NEW.hulpvraag FOR NO KEY UPDATE;
    SELECT bool_or(k.status IN ('voorgesteld', 'geaccepteerd', 'gestart')), bool_or(k.status IN ('geaccepteerd', 'gestart')),
           bool_or(k.status = 'afgerond')
        INTO loopt, gekoppeld, afgerond
        FROM koppelingen k WHERE k.gemeente = NEW.gemeente AND k.hulpvraag = NEW.hulpvraag;
    nieuw := CASE
        WHEN huidig = 'afgesloten' THEN huidig
        WHEN gekoppeld THEN 'gekoppeld'
        WHEN loopt THEN (CASE WHEN huidig = 'gekoppeld' THEN 'gekoppeld' ELSE 'in-behandeling' END)
        WHEN afgerond THEN 'gekoppeld'
        ELSE 'in-behandeling'
    END;
    IF nieuw IS DISTINCT FROM huidig THEN
        UPDATE hulpvragen SET status = nieuw, versie = versie + 1, gewijzigd_op = now()
            WHERE gemeente = NEW.gemeente AND id = NEW.hulpvraag;
    END IF;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION hulpvraag_volgt_koppelingen() FROM PUBLIC;
CREATE TRIGGER hulpvraag_volgt_koppelingen AFTER INSERT OR UPDATE OF status ON koppelingen
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_volgt_koppelingen();

-- Candidates. Both functions return every helper near the hulpvraag's kern with what the hard
-- rules and the ranking need; the service applies the rules (so that it can say which rule
-- removed how many) and ranks. The cost follows the neighbourhood of the kern, not the register:
-- every volunteer is found through an index on (gemeente, kern), and only those who pass the
-- cheap rules (active, dayparts, duration) get the details that need more lookups. They run as
-- the owner to count a helper's koppelingen across kernteams, and answer only a kernteamlid of the
-- hulpvraag's own kernteam (checked in the function, whoever owns it).

-- Straight-line distance between two kernen in km (haversine), NULL without coordinates.
CREATE FUNCTION kern_afstand_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
    SELECT 2 * 6371 * asin(sqrt(power(sin(radians(lat2 - lat1) / 2), 2)
                                + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))
$$;

CREATE INDEX vrijwilliger_kernen_kern ON vrijwilliger_kernen (gemeente, kern, vrijwilliger);
CREATE INDEX vrijwilligers_kern_afstand ON vrijwilligers (gemeente, kern, max_afstand_km) WHERE max_afstand_km IS NOT NULL;
CREATE INDEX vrijwilliger_afwezigheden_tot ON vrijwilliger_afwezigheden (gemeente, vrijwilliger, tot);

CREATE FUNCTION kandidaat_vrijwilligers(gezocht uuid, peildatum date)
RETURNS TABLE (
    id uuid, voornaam text, achternaam text, kern text, kernnaam text, relatie text, afstand_km double precision,
    actief boolean, afwezig_tot date, bezet integer, max_hulpvragen integer,
    leefgebieden text[], taken text[], dagdelen text[], langste_inzet text, inzet_past boolean, vog_datum date,
    eerder_afgebroken boolean, al_gekoppeld boolean, afgerond_zelfde_leefgebied integer
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    h hulpvragen;
    h_leefgebieden text[];
    h_taken text[];
    lat double precision;
    lon double precision;
BEGIN
    -- Only for a kernteamlid of the hulpvraag's kernteam, whoever owns this function.
    SELECT * INTO h FROM hulpvragen x
    WHERE x.gemeente = huidige_gemeente() AND x.id = gezocht AND heeft_rol('kernteamlid') AND in_kernteam(x.kernteam);
    IF NOT FOUND THEN
        RETURN;
    END IF;
    h_leefgebieden := ARRAY(SELECT l.leefgebied FROM hulpvraag_leefgebieden l WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id);
    h_taken := ARRAY(SELECT t.taak FROM hulpvraag_taken t WHERE t.gemeente = h.gemeente AND t.hulpvraag = h.id);
    SELECT k.latitude, k.longitude INTO lat, lon FROM kernen k WHERE k.gemeente = h.gemeente AND k.code = h.kern;
    RETURN QUERY
    WITH nabij AS MATERIALIZED (
        SELECT k.code, k.naam, kern_afstand_km(lat, lon, k.latitude, k.longitude) AS km
        FROM kernen k WHERE k.gemeente = h.gemeente
    ),
    buurt AS MATERIALIZED (
        SELECT DISTINCT ON (b.id) b.id, b.relatie FROM (
            SELECT v.id, 'zelfde-kern' AS relatie, 0 AS rang FROM vrijwilligers v WHERE v.gemeente = h.gemeente AND v.kern = h.kern
            UNION ALL
            SELECT vk.vrijwilliger, 'buurkern', 1 FROM vrijwilliger_kernen vk WHERE vk.gemeente = h.gemeente AND vk.kern = h.kern
            UNION ALL
            SELECT v.id, 'afstand', 2 FROM nabij n JOIN vrijwilligers v ON v.gemeente = h.gemeente AND v.kern = n.code
            WHERE n.code <> h.kern AND v.max_afstand_km IS NOT NULL AND n.km <= v.max_afstand_km
        ) b ORDER BY b.id, b.rang
    ),
    basis AS (
        SELECT v.*, u.relatie, n.naam AS kernnaam, n.km,
               -- The cheap rules (active, dayparts, duration): only who passes them gets the costly details.
               v.status = 'actief' AND (cardinality(h.dagdelen) = 0 OR v.beschikbaarheid && h.dagdelen) AND v.langste_inzet >= h.duur AS verder
        FROM buurt u JOIN vrijwilligers v ON v.gemeente = h.gemeente AND v.id = u.id JOIN nabij n ON n.code = v.kern
    )
    SELECT b.id, b.voornaam, b.achternaam, b.kern, b.kernnaam, b.relatie, b.km,
           b.status = 'actief',
           CASE WHEN b.verder THEN (SELECT max(a.tot) FROM vrijwilliger_afwezigheden a
                WHERE a.gemeente = b.gemeente AND a.vrijwilliger = b.id AND a.tot >= peildatum AND a.van <= peildatum + 14) END,
           CASE WHEN b.verder THEN (SELECT count(*)::integer FROM koppelingen k WHERE k.gemeente = b.gemeente AND k.vrijwilliger = b.id
                AND k.status IN ('voorgesteld', 'geaccepteerd', 'gestart')) ELSE 0 END,
           b.max_hulpvragen,
           CASE WHEN b.verder THEN ARRAY(SELECT l.leefgebied FROM vrijwilliger_leefgebieden l
                WHERE l.gemeente = b.gemeente AND l.vrijwilliger = b.id AND l.leefgebied = ANY (h_leefgebieden) ORDER BY 1) ELSE '{}' END,
           CASE WHEN b.verder THEN ARRAY(SELECT t.taak FROM vrijwilliger_taken t
                WHERE t.gemeente = b.gemeente AND t.vrijwilliger = b.id AND t.taak = ANY (h_taken) ORDER BY 1) ELSE '{}' END,
           CASE WHEN cardinality(h.dagdelen) = 0 THEN b.beschikbaarheid
                ELSE ARRAY(SELECT d FROM unnest(b.beschikbaarheid) d WHERE d = ANY (h.dagdelen)) END,
           b.langste_inzet::text, b.langste_inzet >= h.duur, b.vog_datum,
           b.verder AND EXISTS (SELECT 1 FROM koppelingen k JOIN hulpvragen kh ON kh.gemeente = k.gemeente AND kh.id = k.hulpvraag
                   WHERE k.gemeente = b.gemeente AND k.vrijwilliger = b.id AND k.status = 'afgebroken'
                     AND (kh.id = h.id OR kh.dossierreferentie = h.dossierreferentie)),
           b.verder AND EXISTS (SELECT 1 FROM koppelingen k WHERE k.gemeente = b.gemeente AND k.vrijwilliger = b.id AND k.hulpvraag = h.id
                     AND k.status IN ('voorgesteld', 'geaccepteerd', 'gestart')),
           CASE WHEN b.verder THEN (SELECT count(*)::integer FROM koppelingen k WHERE k.gemeente = b.gemeente AND k.vrijwilliger = b.id
                AND k.status = 'afgerond' AND k.leefgebieden && h_leefgebieden) ELSE 0 END
    FROM basis b;
END
$$;
REVOKE EXECUTE ON FUNCTION kandidaat_vrijwilligers(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kandidaat_vrijwilligers(uuid, date) TO voorveld_service;

CREATE FUNCTION kandidaat_voorzieningen(gezocht uuid)
RETURNS TABLE (
    id uuid, naam text, aanbieder text, hele_gemeente boolean, leefgebieden text[], taken text[], dagdelen text[],
    openingsdagdelen integer, leeftijdsgroep text, capaciteit integer, bezet integer, laatst_geverifieerd date, al_gekoppeld boolean
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    h hulpvragen;
    h_leefgebieden text[];
    h_taken text[];
BEGIN
    -- Only for a kernteamlid of the hulpvraag's kernteam, whoever owns this function.
    SELECT * INTO h FROM hulpvragen x
    WHERE x.gemeente = huidige_gemeente() AND x.id = gezocht AND heeft_rol('kernteamlid') AND in_kernteam(x.kernteam);
    IF NOT FOUND THEN
        RETURN;
    END IF;
    h_leefgebieden := ARRAY(SELECT l.leefgebied FROM hulpvraag_leefgebieden l WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id);
    h_taken := ARRAY(SELECT t.taak FROM hulpvraag_taken t WHERE t.gemeente = h.gemeente AND t.hulpvraag = h.id);
    RETURN QUERY
    SELECT v.id, v.naam, v.aanbieder, v.hele_gemeente,
           ARRAY(SELECT l.leefgebied FROM voorziening_leefgebieden l
                 WHERE l.gemeente = v.gemeente AND l.voorziening = v.id AND l.leefgebied = ANY (h_leefgebieden) ORDER BY 1),
           ARRAY(SELECT t.taak FROM voorziening_taken t
                 WHERE t.gemeente = v.gemeente AND t.voorziening = v.id AND t.taak = ANY (h_taken) ORDER BY 1),
           ARRAY(SELECT d FROM unnest(v.openingsdagdelen) d WHERE cardinality(h.dagdelen) = 0 OR d = ANY (h.dagdelen)),
           cardinality(v.openingsdagdelen), v.leeftijdsgroep, v.capaciteit,
           (SELECT count(*)::integer FROM koppelingen k WHERE k.gemeente = v.gemeente AND k.voorziening = v.id
              AND k.status IN ('voorgesteld', 'geaccepteerd', 'gestart')),
           v.laatst_geverifieerd,
           EXISTS (SELECT 1 FROM koppelingen k WHERE k.gemeente = v.gemeente AND k.voorziening = v.id AND k.hulpvraag = h.id
                     AND k.status IN ('voorgesteld', 'geaccepteerd', 'gestart'))
    FROM voorzieningen v
    WHERE v.gemeente = h.gemeente
      AND (v.hele_gemeente OR EXISTS (SELECT 1 FROM voorziening_kernen k WHERE k.gemeente = v.gemeente AND k.voorziening = v.id AND k.kern = h.kern));
END
$$;
REVOKE EXECUTE ON FUNCTION kandidaat_voorzieningen(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kandidaat_voorzieningen(uuid) TO voorveld_service;

-- A Veilig Thuis signal, or consent withdrawn, ends the hulpvraag's running volunteer koppelingen
-- at once, with that reason; the places are free again.
CREATE FUNCTION hulpvraag_beeindigt_vrijwilligers() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF (NEW.veilig_thuis AND NOT OLD.veilig_thuis) OR (OLD.toestemming_vrijwilliger AND NOT NEW.toestemming_vrijwilliger) THEN
        UPDATE koppelingen SET status = 'afgebroken', beeindigd_op = current_date, versie = versie + 1, gewijzigd_op = now(),
               reden = CASE WHEN NEW.veilig_thuis THEN 'veilig-thuis-signaal' ELSE 'toestemming-ingetrokken' END
        WHERE gemeente = NEW.gemeente AND hulpvraag = NEW.id AND vrijwilliger IS NOT NULL
          AND status IN ('voorgesteld', 'geaccepteerd', 'gestart');
    END IF;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION hulpvraag_beeindigt_vrijwilligers() FROM PUBLIC;
CREATE TRIGGER hulpvraag_beeindigt_vrijwilligers AFTER UPDATE OF veilig_thuis, toestemming_vrijwilliger ON hulpvragen
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_beeindigt_vrijwilligers();
