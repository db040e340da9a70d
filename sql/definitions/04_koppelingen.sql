-- Koppelingen: a volunteer or an algemene voorziening linked to a hulpvraag, from proposal to
-- completion or break-off, and the candidates a kernteamlid chooses from.

-- Kernteamleden see and make the koppelingen of their own kernteams' hulpvragen. The table is not
-- FORCEd: the owner's functions below count a volunteer's koppelingen across kernteams (capacity,
-- load), without showing them. The steunpunt reads only the view koppelingen_voor_steunpunt below.
DROP POLICY IF EXISTS eigen_kernteam ON koppelingen;
CREATE POLICY eigen_kernteam ON koppelingen
    USING (gemeente = (SELECT huidige_gemeente_voor('{kernteamlid}'))
           AND EXISTS (SELECT 1 FROM hulpvragen h WHERE h.gemeente = koppelingen.gemeente AND h.id = koppelingen.hulpvraag));

-- The hard rules of a match, each defined once. kandidaat_vrijwilligers and
-- kandidaat_voorzieningen below compute them for every helper near the hulpvraag (the service
-- explains which rule left out how many), and koppeling_regels refuses a new koppeling that breaks
-- one, so that a booking the candidates list leaves out cannot be made through the API either.
-- (Active, capacity, consent, Veilig Thuis, the VOG and one running koppeling per helper are the
-- others; koppeling_regels and the unique indexes keep those.)

-- Available on one of the hulpvraag's dayparts, or the hulpvraag names none.
CREATE OR REPLACE FUNCTION dagdelen_passen(gevraagd text[], beschikbaar text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT cardinality(gevraagd) = 0 OR beschikbaar && gevraagd $$;

-- A voorziening is open on one of the hulpvraag's dayparts, or works by appointment (no opening
-- dayparts), or the hulpvraag names none.
CREATE OR REPLACE FUNCTION open_op(gevraagd text[], open text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT cardinality(gevraagd) = 0 OR cardinality(open) = 0 OR open && gevraagd $$;

-- The volunteer wants to help at least as long as the hulpvraag needs.
CREATE OR REPLACE FUNCTION inzet_past(langste_inzet inzetduur, duur inzetduur) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT langste_inzet >= duur $$;

-- Helps with at least one of the hulpvraag's leefgebieden or taken (what the helper and the
-- hulpvraag share).
CREATE OR REPLACE FUNCTION helpt_bij(gedeelde_leefgebieden text[], gedeelde_taken text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT cardinality(gedeelde_leefgebieden) > 0 OR cardinality(gedeelde_taken) > 0 $$;

-- The voorziening is for the resident's age group. The same rule as Swift's
-- `Matching.leeftijdsgroepen`; a test compares the two.
CREATE OR REPLACE FUNCTION leeftijdsgroep_past(groep text, jeugd boolean, geboortejaar integer, op date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT groep = 'iedereen' OR CASE
        WHEN jongere(jeugd, geboortejaar, op) THEN groep = 'jeugd'
        WHEN geboortejaar IS NULL THEN groep IN ('volwassenen', 'ouderen')
        WHEN extract(year FROM op)::integer - geboortejaar >= 65 THEN groep IN ('volwassenen', 'ouderen')
        ELSE groep = 'volwassenen' END
$$;

-- The last day of the volunteer's absence that overlaps the coming two weeks from `peildatum`,
-- NULL when they are not away then.
CREATE OR REPLACE FUNCTION afwezig_tot(gemeente text, vrijwilliger uuid, peildatum date) RETURNS date
    LANGUAGE sql STABLE AS $$
    SELECT max(a.tot) FROM vrijwilliger_afwezigheden a
    WHERE a.gemeente = afwezig_tot.gemeente AND a.vrijwilliger = afwezig_tot.vrijwilliger AND a.tot >= peildatum AND a.van <= peildatum + 14
$$;

-- An earlier koppeling of the volunteer with the same resident was broken off (see above: the same
-- hulpvraag, or one of the same dossier within the hulpvraag's own kernteam).
CREATE OR REPLACE FUNCTION eerder_afgebroken(vrijwilliger uuid, h hulpvragen) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM koppelingen k JOIN hulpvragen kh ON kh.gemeente = k.gemeente AND kh.id = k.hulpvraag
                   WHERE k.gemeente = h.gemeente AND k.vrijwilliger = eerder_afgebroken.vrijwilliger AND k.status = 'afgebroken'
                     AND (kh.id = h.id OR (kh.dossierreferentie = h.dossierreferentie AND kh.kernteam = h.kernteam)))
$$;
-- They read koppelingen and absences across kernteams: for the owner's functions only.
REVOKE EXECUTE ON FUNCTION afwezig_tot(text, uuid, date), eerder_afgebroken(uuid, hulpvragen) FROM PUBLIC;

-- The rules of a koppeling, kept whatever the client and however many book at once:
--   a koppeling starts as a proposal, on a hulpvraag that is not closed, and only moves forward;
--   a volunteer is active, and never booked beyond capacity; so is a voorziening with a limit;
--   a volunteer only with the resident's consent, never for a Veilig Thuis signal, with a valid
--   VOG for a young person, and not again after a break-off with the same resident.
-- Accepting and starting check these again: consent can be withdrawn, a volunteer paused.
-- Bookings of one helper are serialised by a transaction lock on that helper, and each counts
-- the running koppelingen anew (READ COMMITTED: a fresh snapshot per statement).
-- "The same resident" is the same hulpvraag, or an earlier one of the same dossier within the
-- hulpvraag's own kernteam. A dossier reference is a kernteam's own numbering (the number in its
-- regiesysteem), so across teams the same reference is not reliably the same resident; and any
-- answer that depended on another team's hulpvragen (a refusal, a missing candidate, a count in
-- the explanation) would tell the asking team something about them. The volunteer's own load
-- (capacity, experience) is counted across teams: that says something about the volunteer, not
-- about a hulpvraag.
CREATE OR REPLACE FUNCTION koppeling_regels() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    h hulpvragen;
    bezet integer;
    maximum integer;
    actief boolean;
    vog date;
    beschikbaar text[];
    langste inzetduur;
    open text[];
    groep text;
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
        IF NOT koppeling_loopt(NEW.status) OR NEW.status = OLD.status THEN
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
        SELECT v.max_hulpvragen, v.status = 'actief', v.vog_datum, v.beschikbaarheid, v.langste_inzet INTO maximum, actief, vog, beschikbaar, langste
            FROM vrijwilligers v WHERE v.gemeente = NEW.gemeente AND v.id = NEW.vrijwilliger;
        IF NOT FOUND OR actief IS NOT TRUE THEN
            RAISE EXCEPTION 'de vrijwilliger is niet actief' USING ERRCODE = 'check_violation', CONSTRAINT = 'koppelingen_actief';
        END IF;
        IF jongere(h.jeugd, h.geboortejaar, vandaag()) AND (vog IS NULL OR vog_geldig_tot(vog) < vandaag()) THEN
            RAISE EXCEPTION 'bij een jongere alleen een vrijwilliger met een geldige VOG' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_vog';
        END IF;
        IF TG_OP = 'INSERT' AND eerder_afgebroken(NEW.vrijwilliger, h) THEN
            RAISE EXCEPTION 'een eerder afgebroken koppeling met deze inwoner' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_eerder_afgebroken';
        END IF;
        -- What the candidates list asks of a match, for a new koppeling (an accepted or started one
        -- keeps going when the volunteer's week or plans change).
        IF TG_OP = 'INSERT' THEN
            IF NOT dagdelen_passen(h.dagdelen, beschikbaar) THEN
                RAISE EXCEPTION 'de vrijwilliger is niet beschikbaar op de dagdelen van de hulpvraag' USING ERRCODE = 'check_violation',
                    CONSTRAINT = 'koppelingen_dagdelen';
            END IF;
            IF NOT inzet_past(langste, h.duur) THEN
                RAISE EXCEPTION 'de vrijwilliger wil niet zo lang helpen' USING ERRCODE = 'check_violation', CONSTRAINT = 'koppelingen_inzet';
            END IF;
            IF afwezig_tot(NEW.gemeente, NEW.vrijwilliger, vandaag()) IS NOT NULL THEN
                RAISE EXCEPTION 'de vrijwilliger is afwezig in de komende twee weken' USING ERRCODE = 'check_violation',
                    CONSTRAINT = 'koppelingen_afwezig';
            END IF;
        END IF;
        SELECT count(*) INTO bezet FROM koppelingen k
            WHERE k.gemeente = NEW.gemeente AND k.vrijwilliger = NEW.vrijwilliger AND koppeling_loopt(k.status) AND k.id <> NEW.id;
    ELSE
        PERFORM pg_advisory_xact_lock(hashtextextended('koppeling/' || NEW.gemeente || '/' || NEW.voorziening::text, 0));
        SELECT v.capaciteit, v.openingsdagdelen, v.leeftijdsgroep INTO maximum, open, groep
            FROM voorzieningen v WHERE v.gemeente = NEW.gemeente AND v.id = NEW.voorziening;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'voorziening niet gevonden' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'koppelingen_voorziening';
        END IF;
        IF TG_OP = 'INSERT' AND NOT open_op(h.dagdelen, open) THEN
            RAISE EXCEPTION 'de voorziening is niet open op de dagdelen van de hulpvraag' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_dagdelen';
        END IF;
        IF TG_OP = 'INSERT' AND NOT leeftijdsgroep_past(groep, h.jeugd, h.geboortejaar, vandaag()) THEN
            RAISE EXCEPTION 'de voorziening is niet voor deze leeftijdsgroep' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_leeftijdsgroep';
        END IF;
        SELECT count(*) INTO bezet FROM koppelingen k
            WHERE k.gemeente = NEW.gemeente AND k.voorziening = NEW.voorziening AND koppeling_loopt(k.status) AND k.id <> NEW.id;
    END IF;
    -- A new koppeling's leefgebieden and taken are what helper and hulpvraag share, whatever the
    -- client sends (the copy the helper and the steunpunt see); a helper who shares none does not
    -- help with this hulpvraag.
    IF TG_OP = 'INSERT' THEN
        IF NEW.vrijwilliger IS NOT NULL THEN
            NEW.leefgebieden := ARRAY(SELECT l.leefgebied FROM hulpvraag_leefgebieden l JOIN vrijwilliger_leefgebieden x
                                        ON x.gemeente = l.gemeente AND x.vrijwilliger = NEW.vrijwilliger AND x.leefgebied = l.leefgebied
                                      WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id ORDER BY 1);
            NEW.taken := ARRAY(SELECT t.taak FROM hulpvraag_taken t JOIN vrijwilliger_taken x
                                 ON x.gemeente = t.gemeente AND x.vrijwilliger = NEW.vrijwilliger AND x.taak = t.taak
                               WHERE t.gemeente = h.gemeente AND t.hulpvraag = h.id ORDER BY 1);
        ELSE
            NEW.leefgebieden := ARRAY(SELECT l.leefgebied FROM hulpvraag_leefgebieden l JOIN voorziening_leefgebieden x
                                        ON x.gemeente = l.gemeente AND x.voorziening = NEW.voorziening AND x.leefgebied = l.leefgebied
                                      WHERE l.gemeente = h.gemeente AND l.hulpvraag = h.id ORDER BY 1);
            NEW.taken := ARRAY(SELECT t.taak FROM hulpvraag_taken t JOIN voorziening_taken x
                                 ON x.gemeente = t.gemeente AND x.voorziening = NEW.voorziening AND x.taak = t.taak
                               WHERE t.gemeente = h.gemeente AND t.hulpvraag = h.id ORDER BY 1);
        END IF;
    END IF;
    IF TG_OP = 'INSERT' AND NOT helpt_bij(NEW.leefgebieden, NEW.taken) THEN
        RAISE EXCEPTION 'de helper helpt niet bij de leefgebieden of taken van de hulpvraag' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'koppelingen_helpt_niet';
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
CREATE OR REPLACE TRIGGER koppeling_regels BEFORE INSERT OR UPDATE ON koppelingen FOR EACH ROW EXECUTE FUNCTION koppeling_regels();

-- The hulpvraag's status follows its koppelingen: a proposal puts a new one "in behandeling", an
-- accepted or started koppeling makes it "gekoppeld", and when the last running one is broken
-- off without any completed, it is back "in behandeling". Closing it is the kernteamlid's act.
CREATE OR REPLACE FUNCTION hulpvraag_volgt_koppelingen() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    huidig text;
    nieuw text;
    loopt boolean;
    gekoppeld boolean;
    afgerond boolean;
BEGIN
    SELECT h.status INTO huidig FROM hulpvragen h WHERE h.gemeente = NEW.gemeente AND h.id = NEW.hulpvraag FOR NO KEY UPDATE;
    SELECT bool_or(koppeling_loopt(k.status)), bool_or(k.status IN ('geaccepteerd', 'gestart')),
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
CREATE OR REPLACE TRIGGER hulpvraag_volgt_koppelingen AFTER INSERT OR UPDATE OF status ON koppelingen
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_volgt_koppelingen();


-- Candidates. Both functions return every helper near the hulpvraag's kern with what the hard
-- rules and the ranking need; the service applies the rules (so that it can say which rule
-- removed how many) and ranks. The cost follows the neighbourhood of the kern, not the register:
-- every volunteer is found through an index on (gemeente, kern), and only those who pass the
-- cheap rules (active, dayparts, duration) get the details that need more lookups. They run as
-- the owner to count a helper's koppelingen across kernteams, and answer only a kernteamlid of the
-- hulpvraag's own kernteam (checked in the function, whoever owns it).

-- Straight-line distance between two kernen in km (haversine), NULL without coordinates.
CREATE OR REPLACE FUNCTION kern_afstand_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
    SELECT 2 * 6371 * asin(sqrt(power(sin(radians(lat2 - lat1) / 2), 2)
                                + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))
$$;

CREATE OR REPLACE FUNCTION kandidaat_vrijwilligers(gezocht uuid, peildatum date)
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
               v.status = 'actief' AND dagdelen_passen(h.dagdelen, v.beschikbaarheid) AND inzet_past(v.langste_inzet, h.duur) AS verder
        FROM buurt u JOIN vrijwilligers v ON v.gemeente = h.gemeente AND v.id = u.id JOIN nabij n ON n.code = v.kern
    )
    SELECT b.id, b.voornaam, b.achternaam, b.kern, b.kernnaam, b.relatie, b.km,
           b.status = 'actief',
           CASE WHEN b.verder THEN afwezig_tot(b.gemeente, b.id, peildatum) END,
           CASE WHEN b.verder THEN (SELECT count(*)::integer FROM koppelingen k WHERE k.gemeente = b.gemeente AND k.vrijwilliger = b.id
                AND koppeling_loopt(k.status)) ELSE 0 END,
           b.max_hulpvragen,
           CASE WHEN b.verder THEN ARRAY(SELECT l.leefgebied FROM vrijwilliger_leefgebieden l
                WHERE l.gemeente = b.gemeente AND l.vrijwilliger = b.id AND l.leefgebied = ANY (h_leefgebieden) ORDER BY 1) ELSE '{}' END,
           CASE WHEN b.verder THEN ARRAY(SELECT t.taak FROM vrijwilliger_taken t
                WHERE t.gemeente = b.gemeente AND t.vrijwilliger = b.id AND t.taak = ANY (h_taken) ORDER BY 1) ELSE '{}' END,
           CASE WHEN cardinality(h.dagdelen) = 0 THEN b.beschikbaarheid
                ELSE ARRAY(SELECT d FROM unnest(b.beschikbaarheid) d WHERE d = ANY (h.dagdelen)) END,
           b.langste_inzet::text, inzet_past(b.langste_inzet, h.duur), b.vog_datum,
           -- An earlier break-off with this resident, within the hulpvraag's own kernteam only.
           b.verder AND eerder_afgebroken(b.id, h),
           b.verder AND EXISTS (SELECT 1 FROM koppelingen k WHERE k.gemeente = b.gemeente AND k.vrijwilliger = b.id AND k.hulpvraag = h.id
                     AND koppeling_loopt(k.status)),
           CASE WHEN b.verder THEN (SELECT count(*)::integer FROM koppelingen k WHERE k.gemeente = b.gemeente AND k.vrijwilliger = b.id
                AND k.status = 'afgerond' AND k.leefgebieden && h_leefgebieden) ELSE 0 END
    FROM basis b;
END
$$;
REVOKE EXECUTE ON FUNCTION kandidaat_vrijwilligers(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kandidaat_vrijwilligers(uuid, date) TO voorveld_service;

CREATE OR REPLACE FUNCTION kandidaat_voorzieningen(gezocht uuid)
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
              AND koppeling_loopt(k.status)),
           v.laatst_geverifieerd,
           EXISTS (SELECT 1 FROM koppelingen k WHERE k.gemeente = v.gemeente AND k.voorziening = v.id AND k.hulpvraag = h.id
                     AND koppeling_loopt(k.status))
    FROM voorzieningen v
    WHERE v.gemeente = h.gemeente
      AND (v.hele_gemeente OR EXISTS (SELECT 1 FROM voorziening_kernen k WHERE k.gemeente = v.gemeente AND k.voorziening = v.id AND k.kern = h.kern));
END
$$;
REVOKE EXECUTE ON FUNCTION kandidaat_voorzieningen(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kandidaat_voorzieningen(uuid) TO voorveld_service;

-- A Veilig Thuis signal, or consent withdrawn, ends the hulpvraag's running volunteer koppelingen
-- at once, with that reason; the places are free again.
CREATE OR REPLACE FUNCTION hulpvraag_beeindigt_vrijwilligers() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF (NEW.veilig_thuis AND NOT OLD.veilig_thuis) OR (OLD.toestemming_vrijwilliger AND NOT NEW.toestemming_vrijwilliger) THEN
        UPDATE koppelingen SET status = 'afgebroken', beeindigd_op = current_date, versie = versie + 1, gewijzigd_op = now(),
               reden = CASE WHEN NEW.veilig_thuis THEN 'veilig-thuis-signaal' ELSE 'toestemming-ingetrokken' END
        WHERE gemeente = NEW.gemeente AND hulpvraag = NEW.id AND vrijwilliger IS NOT NULL
          AND koppeling_loopt(status);
    END IF;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION hulpvraag_beeindigt_vrijwilligers() FROM PUBLIC;
CREATE OR REPLACE TRIGGER hulpvraag_beeindigt_vrijwilligers AFTER UPDATE OF veilig_thuis, toestemming_vrijwilliger ON hulpvragen
    FOR EACH ROW EXECUTE FUNCTION hulpvraag_beeindigt_vrijwilligers();

-- The steunpunt's view of a koppeling: what the volunteer needs, and nothing that tells why or how
-- a koppeling ended (not the hulpvraag, the break-off reason or the team's note). Completed and
-- broken off are both 'beeindigd'; an ended one keeps neither the resident's leefgebieden, nor the
-- helper's note, nor the day it started (a koppeling that ended without starting was broken off).
-- The steunpunt has no policy on the table itself. The view runs as its owner, who is not bound
-- by the table's policies, so it filters itself.
CREATE OR REPLACE VIEW koppelingen_voor_steunpunt WITH (security_barrier) AS
    SELECT k.gemeente, k.id, k.vrijwilliger, k.aangemaakt_op, k.kern, k.taken, k.dagdelen, k.beeindigd_op,
           CASE WHEN k.status IN ('afgerond', 'afgebroken') THEN 'beeindigd' ELSE k.status::text END AS status,
           CASE WHEN koppeling_loopt(k.status) THEN k.leefgebieden ELSE '{}' END AS leefgebieden,
           CASE WHEN koppeling_loopt(k.status) THEN k.toelichting END AS toelichting,
           CASE WHEN koppeling_loopt(k.status) THEN k.gestart_op END AS gestart_op
    FROM koppelingen k
    WHERE k.gemeente = (SELECT huidige_gemeente_voor('{steunpunt}')) AND k.vrijwilliger IS NOT NULL;
GRANT SELECT ON koppelingen_voor_steunpunt TO voorveld_service;
