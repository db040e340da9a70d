-- "Not again after a break-off with the same resident" (sql/005) stays within the kernteam.
--
-- The rule matched an earlier broken-off koppeling by dossier reference in the whole gemeente,
-- and both the candidates' explanation ("had eerder een afgebroken koppeling met deze inwoner")
-- and the 409 on proposing said so. A kernteamlid who typed another team's dossier number thus
-- learned that the other team has a hulpvraag under that number, and with which volunteer it went
-- wrong: a read of another team's hulpvraag past row-level security.
--
-- A dossier reference is a kernteam's own numbering (the number in its regiesysteem), so across
-- teams the same reference is not reliably the same resident anyway; and any answer that depends
-- on another team's hulpvragen, however it is worded (a refusal, a missing candidate, a count in
-- the explanation), tells the asking team something about them. So the rule now matches the
-- dossier only within the hulpvraag's own kernteam, as the return count already does (sql/008).
-- The resident keeps the protection where the team can know the history: the same hulpvraag, or
-- an earlier one of the same team's dossier. The volunteer's own load (capacity, experience) is
-- still counted across teams: that says something about the volunteer, not about a hulpvraag.
--
-- Both functions are replaced whole; only the dossier condition changed. CREATE OR REPLACE keeps
-- their owner, grants and trigger.

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
        IF h.jeugd AND (vog IS NULL OR vog + interval '3 years' < current_date) THEN
            RAISE EXCEPTION 'bij een jongere alleen een vrijwilliger met een geldige VOG' USING ERRCODE = 'check_violation',
                CONSTRAINT = 'koppelingen_vog';
        END IF;
        -- The same resident: the same hulpvraag, or the same dossier of the same kernteam (see above).
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
           -- An earlier break-off with this resident, within the hulpvraag's own kernteam only.
           b.verder AND EXISTS (SELECT 1 FROM koppelingen k JOIN hulpvragen kh ON kh.gemeente = k.gemeente AND kh.id = k.hulpvraag
                   WHERE k.gemeente = b.gemeente AND k.vrijwilliger = b.id AND k.status = 'afgebroken'
                     AND (kh.id = h.id OR (kh.dossierreferentie = h.dossierreferentie AND kh.kernteam = h.kernteam))),
           b.verder AND EXISTS (SELECT 1 FROM koppelingen k WHERE k.gemeente = b.gemeente AND k.vrijwilliger = b.id AND k.hulpvraag = h.id
                     AND k.status IN ('voorgesteld', 'geaccepteerd', 'gestart')),
           CASE WHEN b.verder THEN (SELECT count(*)::integer FROM koppelingen k WHERE k.gemeente = b.gemeente AND k.vrijwilliger = b.id
                AND k.status = 'afgerond' AND k.leefgebieden && h_leefgebieden) ELSE 0 END
    FROM basis b;
END
$$;
REVOKE EXECUTE ON FUNCTION kandidaat_vrijwilligers(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kandidaat_vrijwilligers(uuid, date) TO voorveld_service;
