-- PostgreSQL 15
-- The schema that sql/migrations and sql/definitions make, as pg_dump prints it. Written by
-- VOORVELD_WRITE_SCHEMA=1 swift test --filter SchemaSnapshotTests, which fails when the migrated
-- database differs. Do not edit by hand.
--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: inzetduur; Type: TYPE; Schema: public; Owner: <owner>
--

CREATE TYPE public.inzetduur AS ENUM (
    'eenmalig',
    'kortdurend',
    'langdurig',
    'onbepaald'
);


ALTER TYPE public.inzetduur OWNER TO <owner>;

--
-- Name: koppelingstatus; Type: TYPE; Schema: public; Owner: <owner>
--

CREATE TYPE public.koppelingstatus AS ENUM (
    'voorgesteld',
    'geaccepteerd',
    'gestart',
    'afgerond',
    'afgebroken'
);


ALTER TYPE public.koppelingstatus OWNER TO <owner>;

--
-- Name: toegang; Type: TYPE; Schema: public; Owner: <owner>
--

CREATE TYPE public.toegang AS (
	gemeente text,
	gebruiker text,
	rollen text[],
	kernteams text[]
);


ALTER TYPE public.toegang OWNER TO <owner>;

--
-- Name: dagdelen_geldig(text[]); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.dagdelen_geldig(dagdelen text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$
        SELECT dagdelen <@ ARRAY[
            'ma-ochtend', 'ma-middag', 'ma-avond', 'di-ochtend', 'di-middag', 'di-avond',
            'wo-ochtend', 'wo-middag', 'wo-avond', 'do-ochtend', 'do-middag', 'do-avond',
            'vr-ochtend', 'vr-middag', 'vr-avond', 'za-ochtend', 'za-middag', 'za-avond',
            'zo-ochtend', 'zo-middag', 'zo-avond']::text[]
    $$;


ALTER FUNCTION public.dagdelen_geldig(dagdelen text[]) OWNER TO <owner>;

--
-- Name: nieuwe_celsleutel(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.nieuwe_celsleutel() RETURNS bigint
    LANGUAGE sql
    AS $$ SELECT ('x' || substr(pg_catalog.gen_random_uuid()::text, 1, 8))::bit(32)::bigint $$;


ALTER FUNCTION public.nieuwe_celsleutel() OWNER TO <owner>;

--
-- Name: onderdelen_geldig(text[]); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.onderdelen_geldig(onderdelen text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$
        SELECT onderdelen <@ ARRAY['eigen-kracht', 'netwerk', 'vrijwilliger', 'algemene-voorziening']::text[]
    $$;


ALTER FUNCTION public.onderdelen_geldig(onderdelen text[]) OWNER TO <owner>;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: hulpvragen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.hulpvragen (
    gemeente text NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    dossierreferentie text,
    initialen text NOT NULL,
    geboortejaar integer,
    regisseur text NOT NULL,
    kernteam text NOT NULL,
    kern text NOT NULL,
    kanaal text NOT NULL,
    ontvangen_op date NOT NULL,
    dagdelen text[] DEFAULT '{}'::text[] NOT NULL,
    duur public.inzetduur NOT NULL,
    uren_per_week integer,
    jeugd boolean DEFAULT false NOT NULL,
    toestemming_vrijwilliger boolean DEFAULT false NOT NULL,
    gezamenlijk_huisbezoek boolean DEFAULT false NOT NULL,
    veilig_thuis boolean DEFAULT false NOT NULL,
    omschrijving text DEFAULT ''::text NOT NULL,
    status text DEFAULT 'nieuw'::text NOT NULL,
    doorverwezen_naar_loket boolean DEFAULT false NOT NULL,
    versie integer DEFAULT 1 NOT NULL,
    aangemaakt_op timestamp with time zone DEFAULT now() NOT NULL,
    gewijzigd_op timestamp with time zone DEFAULT now() NOT NULL,
    uitkomst text,
    onderdelen text[] DEFAULT '{}'::text[] NOT NULL,
    afgesloten_op date,
    nazorg_op date,
    nazorg_opgelost boolean,
    nazorg_vastgelegd_op date,
    terugkeer boolean DEFAULT false NOT NULL,
    celsleutel bigint DEFAULT public.nieuwe_celsleutel() NOT NULL,
    CONSTRAINT hulpvragen_afsluiting CHECK (((status = 'afgesloten'::text) = ((uitkomst IS NOT NULL) AND (afgesloten_op IS NOT NULL)))),
    CONSTRAINT hulpvragen_celsleutel_check CHECK (((celsleutel >= 0) AND (celsleutel <= '4294967295'::bigint))),
    CONSTRAINT hulpvragen_check CHECK (((NOT veilig_thuis) OR doorverwezen_naar_loket)),
    CONSTRAINT hulpvragen_dagdelen_check CHECK (public.dagdelen_geldig(dagdelen)),
    CONSTRAINT hulpvragen_dossierreferentie_check CHECK ((btrim(dossierreferentie) <> ''::text)),
    CONSTRAINT hulpvragen_geboortejaar_check CHECK (((geboortejaar >= 1900) AND (geboortejaar <= 2100))),
    CONSTRAINT hulpvragen_initialen_check CHECK ((initialen ~ '^[A-Za-zÀ-ÿ. -]{1,12}$'::text)),
    CONSTRAINT hulpvragen_kanaal_check CHECK ((kanaal = ANY (ARRAY['telefoon'::text, 'e-mail'::text, 'inloopspreekuur'::text, 'melding-derde'::text, 'via-loket'::text]))),
    CONSTRAINT hulpvragen_nazorg CHECK (((nazorg_op IS NULL) OR ((afgesloten_op IS NOT NULL) AND (nazorg_op >= afgesloten_op)))),
    CONSTRAINT hulpvragen_nazorg_antwoord CHECK (((nazorg_opgelost IS NULL) = (nazorg_vastgelegd_op IS NULL))),
    CONSTRAINT hulpvragen_omschrijving_check CHECK ((length(omschrijving) <= 2000)),
    CONSTRAINT hulpvragen_onderdelen_check CHECK (public.onderdelen_geldig(onderdelen)),
    CONSTRAINT hulpvragen_status_check CHECK ((status = ANY (ARRAY['nieuw'::text, 'in-behandeling'::text, 'gekoppeld'::text, 'afgesloten'::text]))),
    CONSTRAINT hulpvragen_uitkomst_met_datum CHECK (((uitkomst IS NULL) = (afgesloten_op IS NULL))),
    CONSTRAINT hulpvragen_uren_per_week_check CHECK (((uren_per_week >= 1) AND (uren_per_week <= 40)))
);

ALTER TABLE ONLY public.hulpvragen FORCE ROW LEVEL SECURITY;


ALTER TABLE public.hulpvragen OWNER TO <owner>;

--
-- Name: afgesloten_tellen(public.hulpvragen, integer, text, boolean); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.afgesloten_tellen(h public.hulpvragen, teken integer, een_leefgebied text DEFAULT NULL::text, met_leefgebieden boolean DEFAULT true) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.afgesloten_tellen(h public.hulpvragen, teken integer, een_leefgebied text, met_leefgebieden boolean) OWNER TO voorveld_cijfers;

--
-- Name: afsluiting_groepen(public.hulpvragen, text, boolean); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.afsluiting_groepen(h public.hulpvragen, een_leefgebied text, met_leefgebieden boolean) RETURNS TABLE(indeling text, waarde text, n integer)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.afsluiting_groepen(h public.hulpvragen, een_leefgebied text, met_leefgebieden boolean) OWNER TO voorveld_cijfers;

--
-- Name: afwezig_tot(text, uuid, date); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.afwezig_tot(gemeente text, vrijwilliger uuid, peildatum date) RETURNS date
    LANGUAGE sql STABLE
    AS $$
    SELECT max(a.tot) FROM vrijwilliger_afwezigheden a
    WHERE a.gemeente = afwezig_tot.gemeente AND a.vrijwilliger = afwezig_tot.vrijwilliger AND a.tot >= peildatum AND a.van <= peildatum + 14
$$;


ALTER FUNCTION public.afwezig_tot(gemeente text, vrijwilliger uuid, peildatum date) OWNER TO <owner>;

--
-- Name: authenticeer_sessie(text); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.authenticeer_sessie(sessie text) RETURNS TABLE(gemeente text, gebruiker text, weergavenaam text, rollen text[], kernteams text[])
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    WITH geldig AS (
        UPDATE sessies s SET laatst_actief_op = now()
        FROM gebruikers g
        WHERE s.hash = sha256(convert_to(sessie, 'UTF8'))
          AND g.gemeente = s.gemeente AND g.naam = s.gebruiker AND g.uitgeschakeld_op IS NULL
          AND s.laatst_actief_op > now() - s.inactief AND s.aangemaakt_op > now() - s.maximaal
        RETURNING s.gemeente, s.gebruiker, g.weergavenaam
    )
    SELECT v.gemeente, v.gebruiker, v.weergavenaam,
           ARRAY(SELECT r.rol FROM gebruiker_rollen r WHERE r.gemeente = v.gemeente AND r.gebruiker = v.gebruiker ORDER BY r.rol),
           ARRAY(SELECT l.kernteam FROM kernteamleden l WHERE l.gemeente = v.gemeente AND l.gebruiker = v.gebruiker ORDER BY l.kernteam)
    FROM geldig v
$$;


ALTER FUNCTION public.authenticeer_sessie(sessie text) OWNER TO <owner>;

--
-- Name: authenticeer_token(text); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.authenticeer_token(token text) RETURNS TABLE(gemeente text, gebruiker text, weergavenaam text, rollen text[], kernteams text[])
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT g.gemeente, g.naam, g.weergavenaam,
           ARRAY(SELECT r.rol FROM gebruiker_rollen r WHERE r.gemeente = g.gemeente AND r.gebruiker = g.naam ORDER BY r.rol),
           ARRAY(SELECT l.kernteam FROM kernteamleden l WHERE l.gemeente = g.gemeente AND l.gebruiker = g.naam ORDER BY l.kernteam)
    FROM api_tokens t
    JOIN gebruikers g ON g.gemeente = t.gemeente AND g.naam = t.gebruiker
    WHERE t.hash = sha256(convert_to(token, 'UTF8'))
      AND t.ingetrokken_op IS NULL AND t.verloopt_op > now() AND g.uitgeschakeld_op IS NULL
$$;


ALTER FUNCTION public.authenticeer_token(token text) OWNER TO <owner>;

--
-- Name: beeindig_sessie(text); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.beeindig_sessie(sessie text) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    DELETE FROM sessies WHERE hash = sha256(convert_to(sessie, 'UTF8'))
$$;


ALTER FUNCTION public.beeindig_sessie(sessie text) OWNER TO <owner>;

--
-- Name: cijfers_instroom(date, date); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.cijfers_instroom(van date, tot date) RETURNS TABLE(kernteam text, maand text, kanaal text, jeugd boolean, huisbezoek boolean, aantal integer, terugkeer integer, aantal_sleutel bigint, terugkeer_sleutel bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
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


ALTER FUNCTION public.cijfers_instroom(van date, tot date) OWNER TO voorveld_cijfers;

--
-- Name: cijfers_kernteams(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.cijfers_kernteams() RETURNS text[]
    LANGUAGE sql STABLE
    AS $$
    SELECT CASE WHEN public.heeft_rol('wethouder') THEN NULL
                WHEN public.heeft_rol('kernteamlid') THEN public.huidige_kernteams()
                ELSE '{}' END
$$;


ALTER FUNCTION public.cijfers_kernteams() OWNER TO <owner>;

--
-- Name: cijfers_leefgebieden(date, date); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.cijfers_leefgebieden(van date, tot date) RETURNS TABLE(kern text, leefgebied text, aantal integer, aantal_sleutel bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
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


ALTER FUNCTION public.cijfers_leefgebieden(van date, tot date) OWNER TO voorveld_cijfers;

--
-- Name: cijfers_nazorg(date, date); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.cijfers_nazorg(van date, tot date) RETURNS TABLE(gevraagd integer, nog_opgelost integer, gevraagd_sleutel bigint, nog_opgelost_sleutel bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
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


ALTER FUNCTION public.cijfers_nazorg(van date, tot date) OWNER TO voorveld_cijfers;

--
-- Name: cijfers_per_maand_opbouwen(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.cijfers_per_maand_opbouwen() RETURNS bigint
    LANGUAGE plpgsql
    AS $$
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
$$;


ALTER FUNCTION public.cijfers_per_maand_opbouwen() OWNER TO <owner>;

--
-- Name: cijfers_tekorten(); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.cijfers_tekorten() RETURNS TABLE(kern text, leefgebied text, open_hulpvragen integer, open_hulpvragen_sleutel bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.cijfers_tekorten() OWNER TO voorveld_cijfers;

--
-- Name: cijfers_voorliggend_veld(date, date, text); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.cijfers_voorliggend_veld(van date, tot date, groep text) RETURNS TABLE(waarde text, afgesloten integer, telt_mee integer, alleen integer, betrokken integer, ingetrokken integer, afgesloten_sleutel bigint, telt_mee_sleutel bigint, alleen_sleutel bigint, betrokken_sleutel bigint, ingetrokken_sleutel bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
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


ALTER FUNCTION public.cijfers_voorliggend_veld(van date, tot date, groep text) OWNER TO voorveld_cijfers;

--
-- Name: collegas(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.collegas() RETURNS TABLE(naam text, weergavenaam text, kernteam text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
    SELECT g.naam, g.weergavenaam, l.kernteam
    FROM kernteamleden l
    JOIN gebruikers g ON g.gemeente = l.gemeente AND g.naam = l.gebruiker
    WHERE heeft_rol('kernteamlid') AND l.gemeente = huidige_gemeente() AND g.uitgeschakeld_op IS NULL
      AND l.kernteam IN (SELECT eigen.kernteam FROM kernteamleden eigen
                         WHERE eigen.gemeente = huidige_gemeente() AND eigen.gebruiker = huidige_gebruiker())
    ORDER BY g.weergavenaam, g.naam, l.kernteam
$$;


ALTER FUNCTION public.collegas() OWNER TO <owner>;

--
-- Name: dagdelen_passen(text[], text[]); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.dagdelen_passen(gevraagd text[], beschikbaar text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT cardinality(gevraagd) = 0 OR beschikbaar && gevraagd $$;


ALTER FUNCTION public.dagdelen_passen(gevraagd text[], beschikbaar text[]) OWNER TO <owner>;

--
-- Name: eerder_afgebroken(uuid, public.hulpvragen); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.eerder_afgebroken(vrijwilliger uuid, h public.hulpvragen) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    SELECT EXISTS (SELECT 1 FROM koppelingen k JOIN hulpvragen kh ON kh.gemeente = k.gemeente AND kh.id = k.hulpvraag
                   WHERE k.gemeente = h.gemeente AND k.vrijwilliger = eerder_afgebroken.vrijwilliger AND k.status = 'afgebroken'
                     AND (kh.id = h.id OR (kh.dossierreferentie = h.dossierreferentie AND kh.kernteam = h.kernteam)))
$$;


ALTER FUNCTION public.eerder_afgebroken(vrijwilliger uuid, h public.hulpvragen) OWNER TO <owner>;

--
-- Name: gebruikersnaam_reserveren(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.gebruikersnaam_reserveren() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO gebruikersnamen (naam, gemeente) VALUES (NEW.naam, NEW.gemeente) ON CONFLICT (naam) DO NOTHING;
    IF NOT EXISTS (SELECT 1 FROM gebruikersnamen WHERE naam = NEW.naam AND gemeente = NEW.gemeente) THEN
        RAISE unique_violation USING CONSTRAINT = 'gebruikersnamen_pkey',
            MESSAGE = format('de gebruikersnaam %s hoort al bij een andere gemeente', NEW.naam);
    END IF;
    RETURN NEW;
END
$$;


ALTER FUNCTION public.gebruikersnaam_reserveren() OWNER TO <owner>;

--
-- Name: heeft_rol(text); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.heeft_rol(rol text) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT rol OPERATOR(pg_catalog.=) ANY (public.huidige_rollen()) $$;


ALTER FUNCTION public.heeft_rol(rol text) OWNER TO <owner>;

--
-- Name: hele_maanden(date, date); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.hele_maanden(van date, tot date, OUT eerste date, OUT voorbij date, OUT voor_eerste date) RETURNS record
    LANGUAGE sql STABLE
    AS $$
    SELECT x.eerste, greatest(date_trunc('month', tot + 1)::date, x.eerste), least(x.eerste, tot + 1)
    FROM (SELECT CASE WHEN van = date_trunc('month', van)::date THEN van
                      ELSE (date_trunc('month', van) + interval '1 month')::date END AS eerste) x
$$;


ALTER FUNCTION public.hele_maanden(van date, tot date, OUT eerste date, OUT voorbij date, OUT voor_eerste date) OWNER TO <owner>;

--
-- Name: helpt_bij(text[], text[]); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.helpt_bij(gedeelde_leefgebieden text[], gedeelde_taken text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT cardinality(gedeelde_leefgebieden) > 0 OR cardinality(gedeelde_taken) > 0 $$;


ALTER FUNCTION public.helpt_bij(gedeelde_leefgebieden text[], gedeelde_taken text[]) OWNER TO <owner>;

--
-- Name: huidige_gebruiker(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.huidige_gebruiker() RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT (public.huidige_toegang()).gebruiker $$;


ALTER FUNCTION public.huidige_gebruiker() OWNER TO <owner>;

--
-- Name: huidige_gemeente(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.huidige_gemeente() RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT (public.huidige_toegang()).gemeente $$;


ALTER FUNCTION public.huidige_gemeente() OWNER TO <owner>;

--
-- Name: huidige_gemeente_voor(text[]); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.huidige_gemeente_voor(rollen text[]) RETURNS text
    LANGUAGE sql STABLE
    AS $$
    SELECT CASE WHEN t.rollen OPERATOR(pg_catalog.&&) huidige_gemeente_voor.rollen THEN t.gemeente END FROM public.huidige_toegang() t
$$;


ALTER FUNCTION public.huidige_gemeente_voor(rollen text[]) OWNER TO <owner>;

--
-- Name: huidige_kernteams(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.huidige_kernteams() RETURNS text[]
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce((public.huidige_toegang()).kernteams, '{}') $$;


ALTER FUNCTION public.huidige_kernteams() OWNER TO <owner>;

--
-- Name: huidige_rollen(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.huidige_rollen() RETURNS text[]
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce((public.huidige_toegang()).rollen, '{}') $$;


ALTER FUNCTION public.huidige_rollen() OWNER TO <owner>;

--
-- Name: huidige_toegang(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.huidige_toegang() RETURNS public.toegang
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
DECLARE
    bewijs text := nullif(current_setting('voorveld.bewijs', true), '');
    gezocht bytea;
    t toegang;
BEGIN
    IF pg_has_role(session_user, current_user, 'MEMBER') THEN
        t.gemeente := nullif(current_setting('voorveld.gemeente', true), '');
        t.gebruiker := nullif(current_setting('voorveld.gebruiker', true), '');
        t.rollen := coalesce(string_to_array(nullif(current_setting('voorveld.rollen', true), ''), ','), '{}');
        t.kernteams := coalesce(string_to_array(nullif(current_setting('voorveld.kernteams', true), ''), ','), '{}');
        RETURN t;
    END IF;
    -- The length apart: a bounded repetition such as {1,199} makes PostgreSQL's regular
    -- expressions build a state per repetition, which made each call about twice as slow.
    IF bewijs IS NULL OR length(bewijs) > 201 OR bewijs !~ '^[ts]:[A-Za-z0-9_-]+$' THEN
        RETURN NULL;
    END IF;
    gezocht := sha256(convert_to(substr(bewijs, 3), 'UTF8'));
    IF left(bewijs, 1) = 't' THEN
        SELECT g.gemeente, g.naam,
               ARRAY(SELECT r.rol FROM gebruiker_rollen r WHERE r.gemeente = g.gemeente AND r.gebruiker = g.naam ORDER BY r.rol),
               ARRAY(SELECT l.kernteam FROM kernteamleden l WHERE l.gemeente = g.gemeente AND l.gebruiker = g.naam ORDER BY l.kernteam)
          INTO t.gemeente, t.gebruiker, t.rollen, t.kernteams
        FROM api_tokens a JOIN gebruikers g ON g.gemeente = a.gemeente AND g.naam = a.gebruiker
        WHERE a.hash = gezocht AND a.ingetrokken_op IS NULL AND a.verloopt_op > now() AND g.uitgeschakeld_op IS NULL;
    ELSE
        SELECT g.gemeente, g.naam,
               ARRAY(SELECT r.rol FROM gebruiker_rollen r WHERE r.gemeente = g.gemeente AND r.gebruiker = g.naam ORDER BY r.rol),
               ARRAY(SELECT l.kernteam FROM kernteamleden l WHERE l.gemeente = g.gemeente AND l.gebruiker = g.naam ORDER BY l.kernteam)
          INTO t.gemeente, t.gebruiker, t.rollen, t.kernteams
        FROM sessies s JOIN gebruikers g ON g.gemeente = s.gemeente AND g.naam = s.gebruiker
        WHERE s.hash = gezocht AND g.uitgeschakeld_op IS NULL
          AND s.laatst_actief_op > now() - s.inactief AND s.aangemaakt_op > now() - s.maximaal;
    END IF;
    IF t.gebruiker IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN t;
END
$_$;


ALTER FUNCTION public.huidige_toegang() OWNER TO <owner>;

--
-- Name: hulpvraag_beeindigt_vrijwilligers(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.hulpvraag_beeindigt_vrijwilligers() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.hulpvraag_beeindigt_vrijwilligers() OWNER TO <owner>;

--
-- Name: hulpvraag_celsleutel(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.hulpvraag_celsleutel() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
BEGIN
    NEW.celsleutel := CASE WHEN TG_OP = 'INSERT' THEN public.nieuwe_celsleutel() ELSE OLD.celsleutel END;
    RETURN NEW;
END
$$;


ALTER FUNCTION public.hulpvraag_celsleutel() OWNER TO <owner>;

--
-- Name: hulpvraag_leefgebied_telt(); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.hulpvraag_leefgebied_telt() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.hulpvraag_leefgebied_telt() OWNER TO voorveld_cijfers;

--
-- Name: hulpvraag_regels(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.hulpvraag_regels() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.hulpvraag_regels() OWNER TO <owner>;

--
-- Name: hulpvraag_telt(); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.hulpvraag_telt() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.hulpvraag_telt() OWNER TO voorveld_cijfers;

--
-- Name: hulpvraag_terugkeer(); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.hulpvraag_terugkeer() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.hulpvraag_terugkeer() OWNER TO voorveld_cijfers;

--
-- Name: hulpvraag_veilig_thuis_uitkomst(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.hulpvraag_veilig_thuis_uitkomst() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.hulpvraag_veilig_thuis_uitkomst() OWNER TO <owner>;

--
-- Name: hulpvraag_volgt_koppelingen(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.hulpvraag_volgt_koppelingen() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.hulpvraag_volgt_koppelingen() OWNER TO <owner>;

--
-- Name: in_kernteam(text); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.in_kernteam(kernteam text) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT kernteam OPERATOR(pg_catalog.=) ANY (public.huidige_kernteams()) $$;


ALTER FUNCTION public.in_kernteam(kernteam text) OWNER TO <owner>;

--
-- Name: in_scope(text); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.in_scope(gemeente text) RETURNS void
    LANGUAGE plpgsql STABLE
    AS $$
BEGIN
    IF gemeente IS DISTINCT FROM huidige_gemeente() THEN
        RAISE EXCEPTION 'hulpvraag van gemeente % gewijzigd buiten die gemeente', gemeente USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;


ALTER FUNCTION public.in_scope(gemeente text) OWNER TO voorveld_cijfers;

--
-- Name: inlog_afronden(uuid, text, text, text, interval, interval, text); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.inlog_afronden(poging uuid, login text, berekend text, sessie text, inactief interval, maximaal interval, request_id text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    g gebruikers;
    klopt boolean;
BEGIN
    PERFORM inlog_transactie_controleren();
    SELECT * INTO g FROM gebruikers u WHERE u.naam = login;
    klopt := g.naam IS NOT NULL AND g.uitgeschakeld_op IS NULL AND g.wachtwoord_hash IS NOT NULL AND berekend IS NOT NULL
             AND sha256(convert_to(berekend, 'UTF8')) = sha256(convert_to(g.wachtwoord_hash, 'UTF8'));
    UPDATE inlogpogingen_open o
       SET ingediend_in = pg_current_xact_id(), gelukt = klopt, sessie = sha256(convert_to(inlog_afronden.sessie, 'UTF8')),
           inactief = least(inlog_afronden.inactief, interval '30 minutes'), maximaal = least(inlog_afronden.maximaal, interval '10 hours')
     WHERE o.id = poging AND o.naam = login AND o.ingediend_in IS NULL AND o.tijdstip > clock_timestamp() - interval '5 minutes'
       AND pg_xact_status(o.begonnen_in) = 'committed';
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF g.naam IS NOT NULL THEN
        IF klopt THEN
            DELETE FROM mislukte_inlogpogingen WHERE naam = login;
        END IF;
        INSERT INTO auditlog (gemeente, gebruiker, rol, actie, object_type, object_id, doel, resultaat, request_id)
        VALUES (g.gemeente, g.naam, NULL, 'inloggen', 'sessie', NULL, 'inloggen', CASE WHEN klopt THEN 'toegestaan' ELSE 'geweigerd' END,
                veilige_request_id(inlog_afronden.request_id));
    END IF;
    RETURN true;
END
$$;


ALTER FUNCTION public.inlog_afronden(poging uuid, login text, berekend text, sessie text, inactief interval, maximaal interval, request_id text) OWNER TO <owner>;

--
-- Name: inlog_begin(text, text, timestamp with time zone, integer, integer, text); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.inlog_begin(login text, adres text, sinds timestamp with time zone, max_naam integer, max_adres integer, request_id text) RETURNS TABLE(poging uuid, zout text, geblokkeerd boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $_$
DECLARE
    per_naam bigint;
    per_adres bigint;
    g gebruikers;
    vanaf timestamptz;
BEGIN
    PERFORM inlog_transactie_controleren();
    PERFORM pg_advisory_xact_lock(hashtext('voorveld-inlog:' || login));
    PERFORM pg_advisory_xact_lock(hashtext('voorveld-inlog-adres:' || adres));
    vanaf := least(sinds, clock_timestamp() - interval '15 minutes');
    SELECT count(*) INTO per_naam FROM mislukte_inlogpogingen m WHERE m.naam = login AND m.tijdstip > vanaf;
    SELECT count(*) INTO per_adres FROM mislukte_inlogpogingen m WHERE m.adres = inlog_begin.adres AND m.tijdstip > vanaf;
    SELECT * INTO g FROM gebruikers u WHERE u.naam = login;
    geblokkeerd := per_naam >= least(max_naam, 5) OR per_adres >= least(max_adres, 20);
    IF geblokkeerd THEN
        IF g.naam IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM auditlog a WHERE a.gemeente = g.gemeente AND a.tijdstip > vanaf AND a.gebruiker = g.naam
              AND a.actie = 'inloggen' AND a.doel = 'inloggen (geblokkeerd)') THEN
            INSERT INTO auditlog (gemeente, gebruiker, rol, actie, object_type, object_id, doel, resultaat, request_id)
            VALUES (g.gemeente, g.naam, NULL, 'inloggen', 'sessie', NULL, 'inloggen (geblokkeerd)', 'geweigerd',
                    veilige_request_id(inlog_begin.request_id));
        END IF;
        RETURN NEXT;
        RETURN;
    END IF;
    INSERT INTO mislukte_inlogpogingen (naam, adres, tijdstip) VALUES (login, adres, clock_timestamp());
    DELETE FROM inlogpogingen_open o WHERE o.tijdstip < clock_timestamp() - interval '5 minutes';
    INSERT INTO inlogpogingen_open (naam) VALUES (login) RETURNING id INTO poging;
    zout := CASE WHEN g.uitgeschakeld_op IS NULL AND g.wachtwoord_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'
                 THEN left(g.wachtwoord_hash, 29) END;
    RETURN NEXT;
END
$_$;


ALTER FUNCTION public.inlog_begin(login text, adres text, sinds timestamp with time zone, max_naam integer, max_adres integer, request_id text) OWNER TO <owner>;

--
-- Name: inlog_transactie_controleren(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.inlog_transactie_controleren() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog'
    AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' OR now() < clock_timestamp() - interval '60 seconds' THEN
        RAISE EXCEPTION 'een inlogpoging hoort in een eigen, korte transactie (read committed)' USING ERRCODE = 'invalid_transaction_state';
    END IF;
END
$$;


ALTER FUNCTION public.inlog_transactie_controleren() OWNER TO <owner>;

--
-- Name: inlog_uitkomst(uuid); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.inlog_uitkomst(poging uuid) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
DECLARE
    o inlogpogingen_open;
    g gebruikers;
BEGIN
    DELETE FROM inlogpogingen_open p WHERE p.id = poging AND p.ingediend_in IS NOT NULL AND pg_xact_status(p.ingediend_in) = 'committed'
    RETURNING * INTO o;
    IF o.id IS NULL OR NOT o.gelukt THEN
        RETURN false;
    END IF;
    SELECT * INTO g FROM gebruikers u WHERE u.naam = o.naam AND u.uitgeschakeld_op IS NULL;
    IF g.naam IS NULL THEN
        RETURN false;
    END IF;
    INSERT INTO sessies (gemeente, hash, gebruiker, inactief, maximaal) VALUES (g.gemeente, o.sessie, g.naam, o.inactief, o.maximaal);
    RETURN true;
END
$$;


ALTER FUNCTION public.inlog_uitkomst(poging uuid) OWNER TO <owner>;

--
-- Name: inzet_past(public.inzetduur, public.inzetduur); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.inzet_past(langste_inzet public.inzetduur, duur public.inzetduur) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT langste_inzet >= duur $$;


ALTER FUNCTION public.inzet_past(langste_inzet public.inzetduur, duur public.inzetduur) OWNER TO <owner>;

--
-- Name: jongere(boolean, integer, date); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.jongere(jeugd boolean, geboortejaar integer, op date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT jeugd OR coalesce(extract(year FROM op)::integer - geboortejaar < 18, false)
$$;


ALTER FUNCTION public.jongere(jeugd boolean, geboortejaar integer, op date) OWNER TO <owner>;

--
-- Name: kandidaat_voorzieningen(uuid); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.kandidaat_voorzieningen(gezocht uuid) RETURNS TABLE(id uuid, naam text, aanbieder text, hele_gemeente boolean, leefgebieden text[], taken text[], dagdelen text[], openingsdagdelen integer, leeftijdsgroep text, capaciteit integer, bezet integer, laatst_geverifieerd date, al_gekoppeld boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.kandidaat_voorzieningen(gezocht uuid) OWNER TO <owner>;

--
-- Name: kandidaat_vrijwilligers(uuid, date); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.kandidaat_vrijwilligers(gezocht uuid, peildatum date) RETURNS TABLE(id uuid, voornaam text, achternaam text, kern text, kernnaam text, relatie text, afstand_km double precision, actief boolean, afwezig_tot date, bezet integer, max_hulpvragen integer, leefgebieden text[], taken text[], dagdelen text[], langste_inzet text, inzet_past boolean, vog_datum date, eerder_afgebroken boolean, al_gekoppeld boolean, afgerond_zelfde_leefgebied integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.kandidaat_vrijwilligers(gezocht uuid, peildatum date) OWNER TO <owner>;

--
-- Name: kern_afstand_km(double precision, double precision, double precision, double precision); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.kern_afstand_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT 2 * 6371 * asin(sqrt(power(sin(radians(lat2 - lat1) / 2), 2)
                                + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))
$$;


ALTER FUNCTION public.kern_afstand_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision) OWNER TO <owner>;

--
-- Name: koppeling_loopt(public.koppelingstatus); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.koppeling_loopt(status public.koppelingstatus) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT status IN ('voorgesteld', 'geaccepteerd', 'gestart') $$;


ALTER FUNCTION public.koppeling_loopt(status public.koppelingstatus) OWNER TO <owner>;

--
-- Name: koppeling_regels(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.koppeling_regels() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.koppeling_regels() OWNER TO <owner>;

--
-- Name: leeftijdsgroep_past(text, boolean, integer, date); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.leeftijdsgroep_past(groep text, jeugd boolean, geboortejaar integer, op date) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT groep = 'iedereen' OR CASE
        WHEN jongere(jeugd, geboortejaar, op) THEN groep = 'jeugd'
        WHEN geboortejaar IS NULL THEN groep IN ('volwassenen', 'ouderen')
        WHEN extract(year FROM op)::integer - geboortejaar >= 65 THEN groep IN ('volwassenen', 'ouderen')
        ELSE groep = 'volwassenen' END
$$;


ALTER FUNCTION public.leeftijdsgroep_past(groep text, jeugd boolean, geboortejaar integer, op date) OWNER TO <owner>;

--
-- Name: ontvangen_tellen(public.hulpvragen, integer, text, boolean); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.ontvangen_tellen(h public.hulpvragen, teken integer, een_leefgebied text DEFAULT NULL::text, met_leefgebieden boolean DEFAULT true) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public', 'pg_temp'
    AS $$
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


ALTER FUNCTION public.ontvangen_tellen(h public.hulpvragen, teken integer, een_leefgebied text, met_leefgebieden boolean) OWNER TO voorveld_cijfers;

--
-- Name: open_op(text[], text[]); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.open_op(gevraagd text[], open text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT cardinality(gevraagd) = 0 OR cardinality(open) = 0 OR open && gevraagd $$;


ALTER FUNCTION public.open_op(gevraagd text[], open text[]) OWNER TO <owner>;

--
-- Name: tellen_begint(text, uuid); Type: FUNCTION; Schema: public; Owner: <owner>_cijfers
--

CREATE FUNCTION public.tellen_begint(gemeente text, hulpvraag uuid) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM in_scope(gemeente);
    PERFORM pg_advisory_xact_lock(hashtextextended('hulpvraag ' || hulpvraag, 0));
END
$$;


ALTER FUNCTION public.tellen_begint(gemeente text, hulpvraag uuid) OWNER TO voorveld_cijfers;

--
-- Name: vandaag(); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.vandaag() RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date
$$;


ALTER FUNCTION public.vandaag() OWNER TO <owner>;

--
-- Name: veilige_request_id(text); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.veilige_request_id(request_id text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog'
    AS $_$
    SELECT CASE WHEN request_id ~ '^[A-Za-z0-9._-]{1,64}$' THEN request_id END
$_$;


ALTER FUNCTION public.veilige_request_id(request_id text) OWNER TO <owner>;

--
-- Name: vog_geldig_tot(date); Type: FUNCTION; Schema: public; Owner: <owner>
--

CREATE FUNCTION public.vog_geldig_tot(vog date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT (vog + interval '3 years')::date
$$;


ALTER FUNCTION public.vog_geldig_tot(vog date) OWNER TO <owner>;

--
-- Name: afbreekredenen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.afbreekredenen (
    code text NOT NULL,
    naam text NOT NULL,
    volgorde integer NOT NULL,
    CONSTRAINT afbreekredenen_code_check CHECK ((code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
);


ALTER TABLE public.afbreekredenen OWNER TO <owner>;

--
-- Name: afgesloten_per_maand; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.afgesloten_per_maand (
    gemeente text NOT NULL,
    indeling text NOT NULL,
    maand date NOT NULL,
    kernteam text NOT NULL,
    waarde text NOT NULL,
    afgesloten integer NOT NULL,
    telt_mee integer NOT NULL,
    alleen integer NOT NULL,
    betrokken integer NOT NULL,
    ingetrokken integer NOT NULL,
    nazorg_gevraagd integer NOT NULL,
    nazorg_opgelost integer NOT NULL,
    afgesloten_sleutel bigint DEFAULT 0 NOT NULL,
    telt_mee_sleutel bigint DEFAULT 0 NOT NULL,
    alleen_sleutel bigint DEFAULT 0 NOT NULL,
    betrokken_sleutel bigint DEFAULT 0 NOT NULL,
    ingetrokken_sleutel bigint DEFAULT 0 NOT NULL,
    nazorg_gevraagd_sleutel bigint DEFAULT 0 NOT NULL,
    nazorg_opgelost_sleutel bigint DEFAULT 0 NOT NULL,
    CONSTRAINT afgesloten_per_maand_afgesloten_check CHECK ((afgesloten >= 0)),
    CONSTRAINT afgesloten_per_maand_check CHECK (((telt_mee >= 0) AND (telt_mee <= afgesloten))),
    CONSTRAINT afgesloten_per_maand_check1 CHECK (((alleen >= 0) AND (alleen <= betrokken))),
    CONSTRAINT afgesloten_per_maand_check2 CHECK (((betrokken >= 0) AND (betrokken <= telt_mee))),
    CONSTRAINT afgesloten_per_maand_check3 CHECK ((ingetrokken = (afgesloten - telt_mee))),
    CONSTRAINT afgesloten_per_maand_check4 CHECK (((nazorg_gevraagd >= 0) AND (nazorg_gevraagd <= afgesloten))),
    CONSTRAINT afgesloten_per_maand_check5 CHECK (((nazorg_opgelost >= 0) AND (nazorg_opgelost <= nazorg_gevraagd))),
    CONSTRAINT afgesloten_per_maand_indeling_check CHECK ((indeling = ANY (ARRAY['totaal'::text, 'kern'::text, 'kanaal'::text, 'jeugd'::text, 'leefgebied'::text]))),
    CONSTRAINT afgesloten_per_maand_maand_check CHECK ((maand = (date_trunc('month'::text, (maand)::timestamp with time zone))::date))
);


ALTER TABLE public.afgesloten_per_maand OWNER TO <owner>;

--
-- Name: api_tokens; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.api_tokens (
    gemeente text NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    gebruiker text NOT NULL,
    hash bytea NOT NULL,
    omschrijving text DEFAULT ''::text NOT NULL,
    aangemaakt_op timestamp with time zone DEFAULT now() NOT NULL,
    verloopt_op timestamp with time zone NOT NULL,
    ingetrokken_op timestamp with time zone,
    CONSTRAINT api_tokens_hash_check CHECK ((length(hash) = 32))
);


ALTER TABLE public.api_tokens OWNER TO <owner>;

--
-- Name: auditlog; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.auditlog (
    gemeente text NOT NULL,
    id bigint NOT NULL,
    tijdstip timestamp with time zone DEFAULT now() NOT NULL,
    gebruiker text NOT NULL,
    rol text,
    actie text NOT NULL,
    object_type text NOT NULL,
    object_id text,
    doel text NOT NULL,
    resultaat text NOT NULL,
    request_id text,
    CONSTRAINT auditlog_actie_check CHECK ((actie ~ '^[a-z-]+$'::text)),
    CONSTRAINT auditlog_resultaat_check CHECK ((resultaat = ANY (ARRAY['toegestaan'::text, 'geweigerd'::text, 'niet-gevonden'::text, 'mislukt'::text])))
);

ALTER TABLE ONLY public.auditlog FORCE ROW LEVEL SECURITY;


ALTER TABLE public.auditlog OWNER TO <owner>;

--
-- Name: auditlog_id_seq; Type: SEQUENCE; Schema: public; Owner: <owner>
--

ALTER TABLE public.auditlog ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.auditlog_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: gebruiker_rollen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.gebruiker_rollen (
    gemeente text NOT NULL,
    gebruiker text NOT NULL,
    rol text NOT NULL,
    CONSTRAINT gebruiker_rollen_rol_check CHECK ((rol = ANY (ARRAY['kernteamlid'::text, 'steunpunt'::text, 'wethouder'::text, 'beheerder'::text])))
);


ALTER TABLE public.gebruiker_rollen OWNER TO <owner>;

--
-- Name: gebruikers; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.gebruikers (
    gemeente text NOT NULL,
    naam text NOT NULL,
    weergavenaam text NOT NULL,
    wachtwoord_hash text,
    aangemaakt_op timestamp with time zone DEFAULT now() NOT NULL,
    uitgeschakeld_op timestamp with time zone,
    CONSTRAINT gebruikers_naam_check CHECK ((naam ~ '^[a-z0-9][a-z0-9._@-]{1,62}$'::text)),
    CONSTRAINT gebruikers_wachtwoord_hash_check CHECK ((wachtwoord_hash ~ '^\$2[aby]\$'::text)),
    CONSTRAINT gebruikers_weergavenaam_check CHECK ((btrim(weergavenaam) <> ''::text))
);


ALTER TABLE public.gebruikers OWNER TO <owner>;

--
-- Name: gebruikersnamen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.gebruikersnamen (
    naam text NOT NULL,
    gemeente text NOT NULL
);


ALTER TABLE public.gebruikersnamen OWNER TO <owner>;

--
-- Name: gemeenten; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.gemeenten (
    code text NOT NULL,
    naam text NOT NULL,
    nazorg_dagen integer DEFAULT 91 NOT NULL,
    CONSTRAINT gemeenten_code_check CHECK ((code ~ '^GM[0-9]{4}$'::text)),
    CONSTRAINT gemeenten_naam_check CHECK ((btrim(naam) <> ''::text)),
    CONSTRAINT gemeenten_nazorg_dagen_check CHECK (((nazorg_dagen >= 7) AND (nazorg_dagen <= 730)))
);

ALTER TABLE ONLY public.gemeenten FORCE ROW LEVEL SECURITY;


ALTER TABLE public.gemeenten OWNER TO <owner>;

--
-- Name: hulpvraag_leefgebieden; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.hulpvraag_leefgebieden (
    gemeente text NOT NULL,
    hulpvraag uuid NOT NULL,
    leefgebied text NOT NULL,
    zrm_score smallint,
    zrm_score_afsluiting smallint,
    CONSTRAINT hulpvraag_leefgebieden_zrm_score_afsluiting_check CHECK (((zrm_score_afsluiting >= 1) AND (zrm_score_afsluiting <= 5))),
    CONSTRAINT hulpvraag_leefgebieden_zrm_score_check CHECK (((zrm_score >= 1) AND (zrm_score <= 5)))
);

ALTER TABLE ONLY public.hulpvraag_leefgebieden FORCE ROW LEVEL SECURITY;


ALTER TABLE public.hulpvraag_leefgebieden OWNER TO <owner>;

--
-- Name: hulpvraag_taken; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.hulpvraag_taken (
    gemeente text NOT NULL,
    hulpvraag uuid NOT NULL,
    taak text NOT NULL
);

ALTER TABLE ONLY public.hulpvraag_taken FORCE ROW LEVEL SECURITY;


ALTER TABLE public.hulpvraag_taken OWNER TO <owner>;

--
-- Name: idempotentie; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.idempotentie (
    gemeente text NOT NULL,
    sleutel text NOT NULL,
    gebruiker text NOT NULL,
    verzoek_hash text NOT NULL,
    status integer NOT NULL,
    locatie text,
    aangemaakt_op timestamp with time zone DEFAULT now() NOT NULL,
    etag text,
    CONSTRAINT idempotentie_sleutel_check CHECK (((length(sleutel) >= 1) AND (length(sleutel) <= 200)))
);


ALTER TABLE public.idempotentie OWNER TO <owner>;

--
-- Name: inlogpogingen_open; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.inlogpogingen_open (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    naam text NOT NULL,
    tijdstip timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    begonnen_in xid8 DEFAULT pg_current_xact_id() NOT NULL,
    ingediend_in xid8,
    gelukt boolean,
    sessie bytea,
    inactief interval,
    maximaal interval
);


ALTER TABLE public.inlogpogingen_open OWNER TO <owner>;

--
-- Name: kern_buren; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.kern_buren (
    gemeente text NOT NULL,
    kern text NOT NULL,
    buur text NOT NULL,
    CONSTRAINT kern_buren_check CHECK ((kern <> buur))
);

ALTER TABLE ONLY public.kern_buren FORCE ROW LEVEL SECURITY;


ALTER TABLE public.kern_buren OWNER TO <owner>;

--
-- Name: kernen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.kernen (
    gemeente text NOT NULL,
    code text NOT NULL,
    naam text NOT NULL,
    latitude double precision,
    longitude double precision,
    CONSTRAINT kernen_check CHECK (((latitude IS NULL) = (longitude IS NULL))),
    CONSTRAINT kernen_code_check CHECK ((code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text)),
    CONSTRAINT kernen_latitude_check CHECK (((latitude >= ('-90'::integer)::double precision) AND (latitude <= (90)::double precision))),
    CONSTRAINT kernen_longitude_check CHECK (((longitude >= ('-180'::integer)::double precision) AND (longitude <= (180)::double precision))),
    CONSTRAINT kernen_naam_check CHECK ((btrim(naam) <> ''::text))
);

ALTER TABLE ONLY public.kernen FORCE ROW LEVEL SECURITY;


ALTER TABLE public.kernen OWNER TO <owner>;

--
-- Name: kernteam_kernen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.kernteam_kernen (
    gemeente text NOT NULL,
    kern text NOT NULL,
    kernteam text NOT NULL
);

ALTER TABLE ONLY public.kernteam_kernen FORCE ROW LEVEL SECURITY;


ALTER TABLE public.kernteam_kernen OWNER TO <owner>;

--
-- Name: kernteamleden; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.kernteamleden (
    gemeente text NOT NULL,
    gebruiker text NOT NULL,
    kernteam text NOT NULL
);


ALTER TABLE public.kernteamleden OWNER TO <owner>;

--
-- Name: kernteams; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.kernteams (
    gemeente text NOT NULL,
    code text NOT NULL,
    naam text NOT NULL,
    CONSTRAINT kernteams_code_check CHECK ((code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text)),
    CONSTRAINT kernteams_naam_check CHECK ((btrim(naam) <> ''::text))
);

ALTER TABLE ONLY public.kernteams FORCE ROW LEVEL SECURITY;


ALTER TABLE public.kernteams OWNER TO <owner>;

--
-- Name: koppelingen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.koppelingen (
    gemeente text NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    hulpvraag uuid NOT NULL,
    vrijwilliger uuid,
    voorziening uuid,
    status public.koppelingstatus DEFAULT 'voorgesteld'::public.koppelingstatus NOT NULL,
    leefgebieden text[] DEFAULT '{}'::text[] NOT NULL,
    taken text[] DEFAULT '{}'::text[] NOT NULL,
    kern text NOT NULL,
    dagdelen text[] DEFAULT '{}'::text[] NOT NULL,
    toelichting text DEFAULT ''::text NOT NULL,
    afsluiting text DEFAULT ''::text NOT NULL,
    reden text,
    voorgesteld_door text NOT NULL,
    aangemaakt_op timestamp with time zone DEFAULT now() NOT NULL,
    gestart_op date,
    beeindigd_op date,
    versie integer DEFAULT 1 NOT NULL,
    gewijzigd_op timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT koppelingen_afsluiting_check CHECK ((length(afsluiting) <= 1000)),
    CONSTRAINT koppelingen_check CHECK (((vrijwilliger IS NULL) <> (voorziening IS NULL))),
    CONSTRAINT koppelingen_check1 CHECK (((status = 'afgebroken'::public.koppelingstatus) = (reden IS NOT NULL))),
    CONSTRAINT koppelingen_check2 CHECK (((status = ANY (ARRAY['afgerond'::public.koppelingstatus, 'afgebroken'::public.koppelingstatus])) = (beeindigd_op IS NOT NULL))),
    CONSTRAINT koppelingen_dagdelen_check CHECK (public.dagdelen_geldig(dagdelen)),
    CONSTRAINT koppelingen_toelichting_check CHECK ((length(toelichting) <= 1000))
);


ALTER TABLE public.koppelingen OWNER TO <owner>;

--
-- Name: koppelingen_voor_steunpunt; Type: VIEW; Schema: public; Owner: <owner>
--

CREATE VIEW public.koppelingen_voor_steunpunt WITH (security_barrier='true') AS
 SELECT k.gemeente,
    k.id,
    k.vrijwilliger,
    k.aangemaakt_op,
    k.kern,
    k.taken,
    k.dagdelen,
    k.beeindigd_op,
        CASE
            WHEN (k.status = ANY (ARRAY['afgerond'::public.koppelingstatus, 'afgebroken'::public.koppelingstatus])) THEN 'beeindigd'::text
            ELSE (k.status)::text
        END AS status,
        CASE
            WHEN public.koppeling_loopt(k.status) THEN k.leefgebieden
            ELSE '{}'::text[]
        END AS leefgebieden,
        CASE
            WHEN public.koppeling_loopt(k.status) THEN k.toelichting
            ELSE NULL::text
        END AS toelichting,
        CASE
            WHEN public.koppeling_loopt(k.status) THEN k.gestart_op
            ELSE NULL::date
        END AS gestart_op
   FROM public.koppelingen k
  WHERE ((k.gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor)) AND (k.vrijwilliger IS NOT NULL));


ALTER TABLE public.koppelingen_voor_steunpunt OWNER TO <owner>;

--
-- Name: leefgebieden; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.leefgebieden (
    code text NOT NULL,
    naam text NOT NULL,
    volgorde integer NOT NULL,
    CONSTRAINT leefgebieden_code_check CHECK ((code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text)),
    CONSTRAINT leefgebieden_volgorde_check CHECK ((volgorde > 0))
);


ALTER TABLE public.leefgebieden OWNER TO <owner>;

--
-- Name: mislukte_inlogpogingen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.mislukte_inlogpogingen (
    naam text NOT NULL,
    adres text NOT NULL,
    tijdstip timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.mislukte_inlogpogingen OWNER TO <owner>;

--
-- Name: ontvangen_leefgebieden_per_maand; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.ontvangen_leefgebieden_per_maand (
    gemeente text NOT NULL,
    maand date NOT NULL,
    kernteam text NOT NULL,
    kern text NOT NULL,
    leefgebied text NOT NULL,
    aantal integer NOT NULL,
    aantal_sleutel bigint DEFAULT 0 NOT NULL,
    CONSTRAINT ontvangen_leefgebieden_per_maand_aantal_check CHECK ((aantal >= 0)),
    CONSTRAINT ontvangen_leefgebieden_per_maand_maand_check CHECK ((maand = (date_trunc('month'::text, (maand)::timestamp with time zone))::date))
);


ALTER TABLE public.ontvangen_leefgebieden_per_maand OWNER TO <owner>;

--
-- Name: ontvangen_per_maand; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.ontvangen_per_maand (
    gemeente text NOT NULL,
    maand date NOT NULL,
    kernteam text NOT NULL,
    kanaal text NOT NULL,
    jeugd boolean NOT NULL,
    huisbezoek boolean NOT NULL,
    aantal integer NOT NULL,
    terugkeer integer NOT NULL,
    aantal_sleutel bigint DEFAULT 0 NOT NULL,
    terugkeer_sleutel bigint DEFAULT 0 NOT NULL,
    CONSTRAINT ontvangen_per_maand_aantal_check CHECK ((aantal >= 0)),
    CONSTRAINT ontvangen_per_maand_check CHECK (((terugkeer >= 0) AND (terugkeer <= aantal))),
    CONSTRAINT ontvangen_per_maand_maand_check CHECK ((maand = (date_trunc('month'::text, (maand)::timestamp with time zone))::date))
);


ALTER TABLE public.ontvangen_per_maand OWNER TO <owner>;

--
-- Name: schema_definitions; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.schema_definitions (
    file_name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.schema_definitions OWNER TO <owner>;

--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.schema_migrations OWNER TO <owner>;

--
-- Name: sessies; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.sessies (
    gemeente text NOT NULL,
    hash bytea NOT NULL,
    gebruiker text NOT NULL,
    aangemaakt_op timestamp with time zone DEFAULT now() NOT NULL,
    laatst_actief_op timestamp with time zone DEFAULT now() NOT NULL,
    inactief interval DEFAULT '00:30:00'::interval NOT NULL,
    maximaal interval DEFAULT '10:00:00'::interval NOT NULL,
    CONSTRAINT sessies_hash_check CHECK ((length(hash) = 32))
);


ALTER TABLE public.sessies OWNER TO <owner>;

--
-- Name: taken; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.taken (
    code text NOT NULL,
    naam text NOT NULL,
    CONSTRAINT taken_code_check CHECK ((code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
);


ALTER TABLE public.taken OWNER TO <owner>;

--
-- Name: uitkomsten; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.uitkomsten (
    code text NOT NULL,
    naam text NOT NULL,
    volgorde integer NOT NULL,
    alleen_voorliggend_veld boolean NOT NULL,
    voorliggend_veld_betrokken boolean NOT NULL,
    telt_mee boolean NOT NULL,
    CONSTRAINT uitkomsten_betrokken_telt_mee CHECK (((NOT voorliggend_veld_betrokken) OR telt_mee)),
    CONSTRAINT uitkomsten_check CHECK (((NOT alleen_voorliggend_veld) OR voorliggend_veld_betrokken)),
    CONSTRAINT uitkomsten_code_check CHECK ((code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
);


ALTER TABLE public.uitkomsten OWNER TO <owner>;

--
-- Name: voorziening_kernen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.voorziening_kernen (
    gemeente text NOT NULL,
    voorziening uuid NOT NULL,
    kern text NOT NULL
);

ALTER TABLE ONLY public.voorziening_kernen FORCE ROW LEVEL SECURITY;


ALTER TABLE public.voorziening_kernen OWNER TO <owner>;

--
-- Name: voorziening_leefgebieden; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.voorziening_leefgebieden (
    gemeente text NOT NULL,
    voorziening uuid NOT NULL,
    leefgebied text NOT NULL
);

ALTER TABLE ONLY public.voorziening_leefgebieden FORCE ROW LEVEL SECURITY;


ALTER TABLE public.voorziening_leefgebieden OWNER TO <owner>;

--
-- Name: voorziening_taken; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.voorziening_taken (
    gemeente text NOT NULL,
    voorziening uuid NOT NULL,
    taak text NOT NULL
);

ALTER TABLE ONLY public.voorziening_taken FORCE ROW LEVEL SECURITY;


ALTER TABLE public.voorziening_taken OWNER TO <owner>;

--
-- Name: voorzieningen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.voorzieningen (
    gemeente text NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    referentie text NOT NULL,
    aanbieder text NOT NULL,
    naam text NOT NULL,
    omschrijving text DEFAULT ''::text NOT NULL,
    hele_gemeente boolean DEFAULT false NOT NULL,
    openingsdagdelen text[] DEFAULT '{}'::text[] NOT NULL,
    leeftijdsgroep text DEFAULT 'iedereen'::text NOT NULL,
    capaciteit integer,
    contact text DEFAULT ''::text NOT NULL,
    laatst_geverifieerd date NOT NULL,
    versie integer DEFAULT 1 NOT NULL,
    aangemaakt_op timestamp with time zone DEFAULT now() NOT NULL,
    gewijzigd_op timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT voorzieningen_aanbieder_check CHECK ((btrim(aanbieder) <> ''::text)),
    CONSTRAINT voorzieningen_capaciteit_check CHECK ((capaciteit > 0)),
    CONSTRAINT voorzieningen_leeftijdsgroep_check CHECK ((leeftijdsgroep = ANY (ARRAY['jeugd'::text, 'volwassenen'::text, 'ouderen'::text, 'iedereen'::text]))),
    CONSTRAINT voorzieningen_naam_check CHECK ((btrim(naam) <> ''::text)),
    CONSTRAINT voorzieningen_openingsdagdelen_check CHECK (public.dagdelen_geldig(openingsdagdelen)),
    CONSTRAINT voorzieningen_referentie_check CHECK ((btrim(referentie) <> ''::text))
);

ALTER TABLE ONLY public.voorzieningen FORCE ROW LEVEL SECURITY;


ALTER TABLE public.voorzieningen OWNER TO <owner>;

--
-- Name: vrijwilliger_afwezigheden; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.vrijwilliger_afwezigheden (
    gemeente text NOT NULL,
    vrijwilliger uuid NOT NULL,
    van date NOT NULL,
    tot date NOT NULL,
    CONSTRAINT vrijwilliger_afwezigheden_check CHECK ((tot >= van))
);

ALTER TABLE ONLY public.vrijwilliger_afwezigheden FORCE ROW LEVEL SECURITY;


ALTER TABLE public.vrijwilliger_afwezigheden OWNER TO <owner>;

--
-- Name: vrijwilliger_kernen; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.vrijwilliger_kernen (
    gemeente text NOT NULL,
    vrijwilliger uuid NOT NULL,
    kern text NOT NULL
);

ALTER TABLE ONLY public.vrijwilliger_kernen FORCE ROW LEVEL SECURITY;


ALTER TABLE public.vrijwilliger_kernen OWNER TO <owner>;

--
-- Name: vrijwilliger_leefgebieden; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.vrijwilliger_leefgebieden (
    gemeente text NOT NULL,
    vrijwilliger uuid NOT NULL,
    leefgebied text NOT NULL
);

ALTER TABLE ONLY public.vrijwilliger_leefgebieden FORCE ROW LEVEL SECURITY;


ALTER TABLE public.vrijwilliger_leefgebieden OWNER TO <owner>;

--
-- Name: vrijwilliger_taken; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.vrijwilliger_taken (
    gemeente text NOT NULL,
    vrijwilliger uuid NOT NULL,
    taak text NOT NULL
);

ALTER TABLE ONLY public.vrijwilliger_taken FORCE ROW LEVEL SECURITY;


ALTER TABLE public.vrijwilliger_taken OWNER TO <owner>;

--
-- Name: vrijwilligers; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.vrijwilligers (
    gemeente text NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    referentie text NOT NULL,
    voornaam text NOT NULL,
    achternaam text NOT NULL,
    email text,
    telefoon text,
    kern text NOT NULL,
    max_afstand_km integer,
    beschikbaarheid text[] DEFAULT '{}'::text[] NOT NULL,
    langste_inzet public.inzetduur NOT NULL,
    uren_per_week integer NOT NULL,
    max_hulpvragen integer NOT NULL,
    vog_datum date,
    status text DEFAULT 'actief'::text NOT NULL,
    versie integer DEFAULT 1 NOT NULL,
    aangemaakt_op timestamp with time zone DEFAULT now() NOT NULL,
    gewijzigd_op timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT vrijwilligers_achternaam_check CHECK ((btrim(achternaam) <> ''::text)),
    CONSTRAINT vrijwilligers_beschikbaarheid_check CHECK (public.dagdelen_geldig(beschikbaarheid)),
    CONSTRAINT vrijwilligers_email_check CHECK ((email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'::text)),
    CONSTRAINT vrijwilligers_max_afstand_km_check CHECK (((max_afstand_km >= 1) AND (max_afstand_km <= 100))),
    CONSTRAINT vrijwilligers_max_hulpvragen_check CHECK (((max_hulpvragen >= 1) AND (max_hulpvragen <= 20))),
    CONSTRAINT vrijwilligers_referentie_check CHECK ((btrim(referentie) <> ''::text)),
    CONSTRAINT vrijwilligers_status_check CHECK ((status = ANY (ARRAY['actief'::text, 'gepauzeerd'::text, 'gestopt'::text]))),
    CONSTRAINT vrijwilligers_uren_per_week_check CHECK (((uren_per_week >= 1) AND (uren_per_week <= 40))),
    CONSTRAINT vrijwilligers_voornaam_check CHECK ((btrim(voornaam) <> ''::text))
);

ALTER TABLE ONLY public.vrijwilligers FORCE ROW LEVEL SECURITY;


ALTER TABLE public.vrijwilligers OWNER TO <owner>;

--
-- Name: zrm2010_leefgebieden; Type: TABLE; Schema: public; Owner: <owner>
--

CREATE TABLE public.zrm2010_leefgebieden (
    zrm2010_code text NOT NULL,
    zrm2010_naam text NOT NULL,
    leefgebied text NOT NULL,
    CONSTRAINT zrm2010_leefgebieden_zrm2010_code_check CHECK ((zrm2010_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
);


ALTER TABLE public.zrm2010_leefgebieden OWNER TO <owner>;

--
-- Name: afbreekredenen afbreekredenen_naam_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.afbreekredenen
    ADD CONSTRAINT afbreekredenen_naam_key UNIQUE (naam);


--
-- Name: afbreekredenen afbreekredenen_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.afbreekredenen
    ADD CONSTRAINT afbreekredenen_pkey PRIMARY KEY (code);


--
-- Name: afbreekredenen afbreekredenen_volgorde_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.afbreekredenen
    ADD CONSTRAINT afbreekredenen_volgorde_key UNIQUE (volgorde);


--
-- Name: afgesloten_per_maand afgesloten_per_maand_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.afgesloten_per_maand
    ADD CONSTRAINT afgesloten_per_maand_pkey PRIMARY KEY (gemeente, indeling, maand, kernteam, waarde);


--
-- Name: api_tokens api_tokens_gemeente_hash_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_gemeente_hash_key UNIQUE (gemeente, hash);


--
-- Name: api_tokens api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (gemeente, id);


--
-- Name: auditlog auditlog_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.auditlog
    ADD CONSTRAINT auditlog_pkey PRIMARY KEY (gemeente, id);


--
-- Name: gebruiker_rollen gebruiker_rollen_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.gebruiker_rollen
    ADD CONSTRAINT gebruiker_rollen_pkey PRIMARY KEY (gemeente, gebruiker, rol);


--
-- Name: gebruikers gebruikers_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.gebruikers
    ADD CONSTRAINT gebruikers_pkey PRIMARY KEY (gemeente, naam);


--
-- Name: gebruikersnamen gebruikersnamen_gemeente_naam_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.gebruikersnamen
    ADD CONSTRAINT gebruikersnamen_gemeente_naam_key UNIQUE (gemeente, naam);


--
-- Name: gebruikersnamen gebruikersnamen_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.gebruikersnamen
    ADD CONSTRAINT gebruikersnamen_pkey PRIMARY KEY (naam);


--
-- Name: gemeenten gemeenten_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.gemeenten
    ADD CONSTRAINT gemeenten_pkey PRIMARY KEY (code);


--
-- Name: hulpvraag_leefgebieden hulpvraag_leefgebieden_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvraag_leefgebieden
    ADD CONSTRAINT hulpvraag_leefgebieden_pkey PRIMARY KEY (gemeente, hulpvraag, leefgebied);


--
-- Name: hulpvraag_taken hulpvraag_taken_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvraag_taken
    ADD CONSTRAINT hulpvraag_taken_pkey PRIMARY KEY (gemeente, hulpvraag, taak);


--
-- Name: hulpvragen hulpvragen_dossierreferentie_ascii; Type: CHECK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE public.hulpvragen
    ADD CONSTRAINT hulpvragen_dossierreferentie_ascii CHECK (((dossierreferentie COLLATE "C") ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$'::text)) NOT VALID;


--
-- Name: hulpvragen hulpvragen_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvragen
    ADD CONSTRAINT hulpvragen_pkey PRIMARY KEY (gemeente, id);


--
-- Name: idempotentie idempotentie_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.idempotentie
    ADD CONSTRAINT idempotentie_pkey PRIMARY KEY (gemeente, gebruiker, sleutel);


--
-- Name: inlogpogingen_open inlogpogingen_open_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.inlogpogingen_open
    ADD CONSTRAINT inlogpogingen_open_pkey PRIMARY KEY (id);


--
-- Name: kern_buren kern_buren_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kern_buren
    ADD CONSTRAINT kern_buren_pkey PRIMARY KEY (gemeente, kern, buur);


--
-- Name: kernen kernen_gemeente_naam_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernen
    ADD CONSTRAINT kernen_gemeente_naam_key UNIQUE (gemeente, naam);


--
-- Name: kernen kernen_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernen
    ADD CONSTRAINT kernen_pkey PRIMARY KEY (gemeente, code);


--
-- Name: kernteam_kernen kernteam_kernen_kern_kernteam; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernteam_kernen
    ADD CONSTRAINT kernteam_kernen_kern_kernteam UNIQUE (gemeente, kern, kernteam);


--
-- Name: kernteam_kernen kernteam_kernen_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernteam_kernen
    ADD CONSTRAINT kernteam_kernen_pkey PRIMARY KEY (gemeente, kern);


--
-- Name: kernteamleden kernteamleden_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernteamleden
    ADD CONSTRAINT kernteamleden_pkey PRIMARY KEY (gemeente, gebruiker, kernteam);


--
-- Name: kernteams kernteams_gemeente_naam_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernteams
    ADD CONSTRAINT kernteams_gemeente_naam_key UNIQUE (gemeente, naam);


--
-- Name: kernteams kernteams_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernteams
    ADD CONSTRAINT kernteams_pkey PRIMARY KEY (gemeente, code);


--
-- Name: koppelingen koppelingen_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.koppelingen
    ADD CONSTRAINT koppelingen_pkey PRIMARY KEY (gemeente, id);


--
-- Name: leefgebieden leefgebieden_naam_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.leefgebieden
    ADD CONSTRAINT leefgebieden_naam_key UNIQUE (naam);


--
-- Name: leefgebieden leefgebieden_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.leefgebieden
    ADD CONSTRAINT leefgebieden_pkey PRIMARY KEY (code);


--
-- Name: leefgebieden leefgebieden_volgorde_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.leefgebieden
    ADD CONSTRAINT leefgebieden_volgorde_key UNIQUE (volgorde);


--
-- Name: ontvangen_leefgebieden_per_maand ontvangen_leefgebieden_per_maand_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.ontvangen_leefgebieden_per_maand
    ADD CONSTRAINT ontvangen_leefgebieden_per_maand_pkey PRIMARY KEY (gemeente, maand, kernteam, kern, leefgebied);


--
-- Name: ontvangen_per_maand ontvangen_per_maand_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.ontvangen_per_maand
    ADD CONSTRAINT ontvangen_per_maand_pkey PRIMARY KEY (gemeente, maand, kernteam, kanaal, jeugd, huisbezoek);


--
-- Name: schema_definitions schema_definitions_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.schema_definitions
    ADD CONSTRAINT schema_definitions_pkey PRIMARY KEY (file_name);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: sessies sessies_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.sessies
    ADD CONSTRAINT sessies_pkey PRIMARY KEY (gemeente, hash);


--
-- Name: taken taken_naam_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.taken
    ADD CONSTRAINT taken_naam_key UNIQUE (naam);


--
-- Name: taken taken_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.taken
    ADD CONSTRAINT taken_pkey PRIMARY KEY (code);


--
-- Name: uitkomsten uitkomsten_naam_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.uitkomsten
    ADD CONSTRAINT uitkomsten_naam_key UNIQUE (naam);


--
-- Name: uitkomsten uitkomsten_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.uitkomsten
    ADD CONSTRAINT uitkomsten_pkey PRIMARY KEY (code);


--
-- Name: uitkomsten uitkomsten_volgorde_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.uitkomsten
    ADD CONSTRAINT uitkomsten_volgorde_key UNIQUE (volgorde);


--
-- Name: voorziening_kernen voorziening_kernen_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorziening_kernen
    ADD CONSTRAINT voorziening_kernen_pkey PRIMARY KEY (gemeente, voorziening, kern);


--
-- Name: voorziening_leefgebieden voorziening_leefgebieden_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorziening_leefgebieden
    ADD CONSTRAINT voorziening_leefgebieden_pkey PRIMARY KEY (gemeente, voorziening, leefgebied);


--
-- Name: voorziening_taken voorziening_taken_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorziening_taken
    ADD CONSTRAINT voorziening_taken_pkey PRIMARY KEY (gemeente, voorziening, taak);


--
-- Name: voorzieningen voorzieningen_gemeente_referentie_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorzieningen
    ADD CONSTRAINT voorzieningen_gemeente_referentie_key UNIQUE (gemeente, referentie);


--
-- Name: voorzieningen voorzieningen_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorzieningen
    ADD CONSTRAINT voorzieningen_pkey PRIMARY KEY (gemeente, id);


--
-- Name: voorzieningen voorzieningen_referentie_ascii; Type: CHECK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE public.voorzieningen
    ADD CONSTRAINT voorzieningen_referentie_ascii CHECK (((referentie COLLATE "C") ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$'::text)) NOT VALID;


--
-- Name: vrijwilliger_afwezigheden vrijwilliger_afwezigheden_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_afwezigheden
    ADD CONSTRAINT vrijwilliger_afwezigheden_pkey PRIMARY KEY (gemeente, vrijwilliger, van);


--
-- Name: vrijwilliger_kernen vrijwilliger_kernen_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_kernen
    ADD CONSTRAINT vrijwilliger_kernen_pkey PRIMARY KEY (gemeente, vrijwilliger, kern);


--
-- Name: vrijwilliger_leefgebieden vrijwilliger_leefgebieden_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_leefgebieden
    ADD CONSTRAINT vrijwilliger_leefgebieden_pkey PRIMARY KEY (gemeente, vrijwilliger, leefgebied);


--
-- Name: vrijwilliger_taken vrijwilliger_taken_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_taken
    ADD CONSTRAINT vrijwilliger_taken_pkey PRIMARY KEY (gemeente, vrijwilliger, taak);


--
-- Name: vrijwilligers vrijwilligers_gemeente_referentie_key; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilligers
    ADD CONSTRAINT vrijwilligers_gemeente_referentie_key UNIQUE (gemeente, referentie);


--
-- Name: vrijwilligers vrijwilligers_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilligers
    ADD CONSTRAINT vrijwilligers_pkey PRIMARY KEY (gemeente, id);


--
-- Name: vrijwilligers vrijwilligers_referentie_ascii; Type: CHECK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE public.vrijwilligers
    ADD CONSTRAINT vrijwilligers_referentie_ascii CHECK (((referentie COLLATE "C") ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$'::text)) NOT VALID;


--
-- Name: zrm2010_leefgebieden zrm2010_leefgebieden_pkey; Type: CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.zrm2010_leefgebieden
    ADD CONSTRAINT zrm2010_leefgebieden_pkey PRIMARY KEY (zrm2010_code, leefgebied);


--
-- Name: afgesloten_per_maand_landelijk; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX afgesloten_per_maand_landelijk ON public.afgesloten_per_maand USING btree (indeling, maand);


--
-- Name: api_tokens_hash; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX api_tokens_hash ON public.api_tokens USING btree (hash);


--
-- Name: auditlog_tijdstip; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX auditlog_tijdstip ON public.auditlog USING btree (gemeente, tijdstip);


--
-- Name: gebruikers_naam; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX gebruikers_naam ON public.gebruikers USING btree (naam);


--
-- Name: hulpvragen_afgesloten; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX hulpvragen_afgesloten ON public.hulpvragen USING btree (gemeente, afgesloten_op) WHERE (afgesloten_op IS NOT NULL);


--
-- Name: hulpvragen_dossier; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX hulpvragen_dossier ON public.hulpvragen USING btree (gemeente, dossierreferentie) WHERE (dossierreferentie IS NOT NULL);


--
-- Name: hulpvragen_kernteam; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX hulpvragen_kernteam ON public.hulpvragen USING btree (gemeente, kernteam, status);


--
-- Name: hulpvragen_ontvangen; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX hulpvragen_ontvangen ON public.hulpvragen USING btree (gemeente, kernteam, ontvangen_op DESC);


--
-- Name: hulpvragen_ontvangen_gemeente; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX hulpvragen_ontvangen_gemeente ON public.hulpvragen USING btree (gemeente, ontvangen_op);


--
-- Name: idempotentie_leeftijd; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX idempotentie_leeftijd ON public.idempotentie USING btree (aangemaakt_op);


--
-- Name: kernteam_kernen_by_team; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX kernteam_kernen_by_team ON public.kernteam_kernen USING btree (gemeente, kernteam);


--
-- Name: koppelingen_een_per_voorziening; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE UNIQUE INDEX koppelingen_een_per_voorziening ON public.koppelingen USING btree (gemeente, hulpvraag, voorziening) WHERE ((voorziening IS NOT NULL) AND public.koppeling_loopt(status));


--
-- Name: koppelingen_een_per_vrijwilliger; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE UNIQUE INDEX koppelingen_een_per_vrijwilliger ON public.koppelingen USING btree (gemeente, hulpvraag, vrijwilliger) WHERE ((vrijwilliger IS NOT NULL) AND public.koppeling_loopt(status));


--
-- Name: koppelingen_hulpvraag; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX koppelingen_hulpvraag ON public.koppelingen USING btree (gemeente, hulpvraag);


--
-- Name: koppelingen_voorziening; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX koppelingen_voorziening ON public.koppelingen USING btree (gemeente, voorziening, status) WHERE (voorziening IS NOT NULL);


--
-- Name: koppelingen_vrijwilliger; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX koppelingen_vrijwilliger ON public.koppelingen USING btree (gemeente, vrijwilliger, status) WHERE (vrijwilliger IS NOT NULL);


--
-- Name: mislukte_inlogpogingen_adres; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX mislukte_inlogpogingen_adres ON public.mislukte_inlogpogingen USING btree (adres, tijdstip);


--
-- Name: mislukte_inlogpogingen_naam; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX mislukte_inlogpogingen_naam ON public.mislukte_inlogpogingen USING btree (naam, tijdstip);


--
-- Name: sessies_hash; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX sessies_hash ON public.sessies USING btree (hash);


--
-- Name: vrijwilliger_afwezigheden_tot; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX vrijwilliger_afwezigheden_tot ON public.vrijwilliger_afwezigheden USING btree (gemeente, vrijwilliger, tot);


--
-- Name: vrijwilliger_kernen_kern; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX vrijwilliger_kernen_kern ON public.vrijwilliger_kernen USING btree (gemeente, kern, vrijwilliger);


--
-- Name: vrijwilligers_kern; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX vrijwilligers_kern ON public.vrijwilligers USING btree (gemeente, kern);


--
-- Name: vrijwilligers_kern_afstand; Type: INDEX; Schema: public; Owner: <owner>
--

CREATE INDEX vrijwilligers_kern_afstand ON public.vrijwilligers USING btree (gemeente, kern, max_afstand_km) WHERE (max_afstand_km IS NOT NULL);


--
-- Name: gebruikers gebruikersnaam_reserveren; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER gebruikersnaam_reserveren BEFORE INSERT OR UPDATE OF naam, gemeente ON public.gebruikers FOR EACH ROW EXECUTE FUNCTION public.gebruikersnaam_reserveren();


--
-- Name: hulpvragen hulpvraag_afgesloten_telt_nieuw; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_afgesloten_telt_nieuw AFTER INSERT ON public.hulpvragen FOR EACH ROW WHEN ((new.uitkomst IS NOT NULL)) EXECUTE FUNCTION public.hulpvraag_telt('afgesloten');


--
-- Name: hulpvragen hulpvraag_afgesloten_telt_verwijderd; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_afgesloten_telt_verwijderd BEFORE DELETE ON public.hulpvragen FOR EACH ROW WHEN ((old.uitkomst IS NOT NULL)) EXECUTE FUNCTION public.hulpvraag_telt('afgesloten');


--
-- Name: hulpvragen hulpvraag_afgesloten_telt_wijziging; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_afgesloten_telt_wijziging AFTER UPDATE ON public.hulpvragen FOR EACH ROW WHEN ((((old.uitkomst IS NOT NULL) OR (new.uitkomst IS NOT NULL)) AND (((((((old.uitkomst IS DISTINCT FROM new.uitkomst) OR (old.afgesloten_op IS DISTINCT FROM new.afgesloten_op)) OR (old.kernteam IS DISTINCT FROM new.kernteam)) OR (old.kern IS DISTINCT FROM new.kern)) OR (old.kanaal IS DISTINCT FROM new.kanaal)) OR (old.jeugd IS DISTINCT FROM new.jeugd)) OR (old.nazorg_opgelost IS DISTINCT FROM new.nazorg_opgelost)))) EXECUTE FUNCTION public.hulpvraag_telt('afgesloten');


--
-- Name: hulpvragen hulpvraag_beeindigt_vrijwilligers; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_beeindigt_vrijwilligers AFTER UPDATE OF veilig_thuis, toestemming_vrijwilliger ON public.hulpvragen FOR EACH ROW EXECUTE FUNCTION public.hulpvraag_beeindigt_vrijwilligers();


--
-- Name: hulpvragen hulpvraag_celsleutel; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_celsleutel BEFORE INSERT OR UPDATE OF celsleutel ON public.hulpvragen FOR EACH ROW EXECUTE FUNCTION public.hulpvraag_celsleutel();


--
-- Name: hulpvraag_leefgebieden hulpvraag_leefgebied_telt; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_leefgebied_telt AFTER INSERT OR DELETE OR UPDATE OF gemeente, hulpvraag, leefgebied ON public.hulpvraag_leefgebieden FOR EACH ROW EXECUTE FUNCTION public.hulpvraag_leefgebied_telt();


--
-- Name: hulpvragen hulpvraag_ontvangen_telt_nieuw; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_ontvangen_telt_nieuw AFTER INSERT ON public.hulpvragen FOR EACH ROW EXECUTE FUNCTION public.hulpvraag_telt('ontvangen');


--
-- Name: hulpvragen hulpvraag_ontvangen_telt_verwijderd; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_ontvangen_telt_verwijderd BEFORE DELETE ON public.hulpvragen FOR EACH ROW EXECUTE FUNCTION public.hulpvraag_telt('ontvangen');


--
-- Name: hulpvragen hulpvraag_ontvangen_telt_wijziging; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_ontvangen_telt_wijziging AFTER UPDATE ON public.hulpvragen FOR EACH ROW WHEN ((((((((date_trunc('month'::text, (old.ontvangen_op)::timestamp with time zone) IS DISTINCT FROM date_trunc('month'::text, (new.ontvangen_op)::timestamp with time zone)) OR (old.kernteam IS DISTINCT FROM new.kernteam)) OR (old.kern IS DISTINCT FROM new.kern)) OR (old.kanaal IS DISTINCT FROM new.kanaal)) OR (old.jeugd IS DISTINCT FROM new.jeugd)) OR (old.gezamenlijk_huisbezoek IS DISTINCT FROM new.gezamenlijk_huisbezoek)) OR (old.terugkeer IS DISTINCT FROM new.terugkeer))) EXECUTE FUNCTION public.hulpvraag_telt('ontvangen');


--
-- Name: hulpvragen hulpvraag_regels; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_regels BEFORE INSERT OR UPDATE ON public.hulpvragen FOR EACH ROW EXECUTE FUNCTION public.hulpvraag_regels();


--
-- Name: hulpvragen hulpvraag_terugkeer; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_terugkeer BEFORE INSERT OR UPDATE OF dossierreferentie, ontvangen_op, kernteam, terugkeer ON public.hulpvragen FOR EACH ROW EXECUTE FUNCTION public.hulpvraag_terugkeer();


--
-- Name: hulpvragen hulpvraag_veilig_thuis_uitkomst; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_veilig_thuis_uitkomst BEFORE INSERT ON public.hulpvragen FOR EACH ROW EXECUTE FUNCTION public.hulpvraag_veilig_thuis_uitkomst();


--
-- Name: hulpvragen hulpvraag_veilig_thuis_uitkomst_wijziging; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_veilig_thuis_uitkomst_wijziging BEFORE UPDATE OF uitkomst, onderdelen, veilig_thuis ON public.hulpvragen FOR EACH ROW WHEN (((new.uitkomst IS DISTINCT FROM old.uitkomst) OR (new.onderdelen IS DISTINCT FROM old.onderdelen) OR (new.veilig_thuis IS DISTINCT FROM old.veilig_thuis))) EXECUTE FUNCTION public.hulpvraag_veilig_thuis_uitkomst();


--
-- Name: koppelingen hulpvraag_volgt_koppelingen; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER hulpvraag_volgt_koppelingen AFTER INSERT OR UPDATE OF status ON public.koppelingen FOR EACH ROW EXECUTE FUNCTION public.hulpvraag_volgt_koppelingen();


--
-- Name: koppelingen koppeling_regels; Type: TRIGGER; Schema: public; Owner: <owner>
--

CREATE TRIGGER koppeling_regels BEFORE INSERT OR UPDATE ON public.koppelingen FOR EACH ROW EXECUTE FUNCTION public.koppeling_regels();


--
-- Name: afgesloten_per_maand afgesloten_per_maand_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.afgesloten_per_maand
    ADD CONSTRAINT afgesloten_per_maand_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: api_tokens api_tokens_gemeente_gebruiker_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_gemeente_gebruiker_fkey FOREIGN KEY (gemeente, gebruiker) REFERENCES public.gebruikers(gemeente, naam) ON DELETE CASCADE;


--
-- Name: auditlog auditlog_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.auditlog
    ADD CONSTRAINT auditlog_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: gebruiker_rollen gebruiker_rollen_gemeente_gebruiker_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.gebruiker_rollen
    ADD CONSTRAINT gebruiker_rollen_gemeente_gebruiker_fkey FOREIGN KEY (gemeente, gebruiker) REFERENCES public.gebruikers(gemeente, naam) ON DELETE CASCADE;


--
-- Name: gebruikers gebruikers_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.gebruikers
    ADD CONSTRAINT gebruikers_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: gebruikers gebruikers_naam_gereserveerd; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.gebruikers
    ADD CONSTRAINT gebruikers_naam_gereserveerd FOREIGN KEY (gemeente, naam) REFERENCES public.gebruikersnamen(gemeente, naam);


--
-- Name: gebruikersnamen gebruikersnamen_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.gebruikersnamen
    ADD CONSTRAINT gebruikersnamen_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: hulpvraag_leefgebieden hulpvraag_leefgebieden_gemeente_hulpvraag_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvraag_leefgebieden
    ADD CONSTRAINT hulpvraag_leefgebieden_gemeente_hulpvraag_fkey FOREIGN KEY (gemeente, hulpvraag) REFERENCES public.hulpvragen(gemeente, id) ON DELETE CASCADE;


--
-- Name: hulpvraag_leefgebieden hulpvraag_leefgebieden_leefgebied_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvraag_leefgebieden
    ADD CONSTRAINT hulpvraag_leefgebieden_leefgebied_fkey FOREIGN KEY (leefgebied) REFERENCES public.leefgebieden(code);


--
-- Name: hulpvraag_taken hulpvraag_taken_gemeente_hulpvraag_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvraag_taken
    ADD CONSTRAINT hulpvraag_taken_gemeente_hulpvraag_fkey FOREIGN KEY (gemeente, hulpvraag) REFERENCES public.hulpvragen(gemeente, id) ON DELETE CASCADE;


--
-- Name: hulpvraag_taken hulpvraag_taken_taak_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvraag_taken
    ADD CONSTRAINT hulpvraag_taken_taak_fkey FOREIGN KEY (taak) REFERENCES public.taken(code);


--
-- Name: hulpvragen hulpvragen_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvragen
    ADD CONSTRAINT hulpvragen_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: hulpvragen hulpvragen_gemeente_kern_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvragen
    ADD CONSTRAINT hulpvragen_gemeente_kern_fkey FOREIGN KEY (gemeente, kern) REFERENCES public.kernen(gemeente, code);


--
-- Name: hulpvragen hulpvragen_gemeente_kernteam_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvragen
    ADD CONSTRAINT hulpvragen_gemeente_kernteam_fkey FOREIGN KEY (gemeente, kernteam) REFERENCES public.kernteams(gemeente, code);


--
-- Name: hulpvragen hulpvragen_gemeente_regisseur_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvragen
    ADD CONSTRAINT hulpvragen_gemeente_regisseur_fkey FOREIGN KEY (gemeente, regisseur) REFERENCES public.gebruikers(gemeente, naam);


--
-- Name: hulpvragen hulpvragen_kern_van_kernteam; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvragen
    ADD CONSTRAINT hulpvragen_kern_van_kernteam FOREIGN KEY (gemeente, kern, kernteam) REFERENCES public.kernteam_kernen(gemeente, kern, kernteam);


--
-- Name: hulpvragen hulpvragen_uitkomst_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.hulpvragen
    ADD CONSTRAINT hulpvragen_uitkomst_fkey FOREIGN KEY (uitkomst) REFERENCES public.uitkomsten(code);


--
-- Name: idempotentie idempotentie_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.idempotentie
    ADD CONSTRAINT idempotentie_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: kern_buren kern_buren_gemeente_buur_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kern_buren
    ADD CONSTRAINT kern_buren_gemeente_buur_fkey FOREIGN KEY (gemeente, buur) REFERENCES public.kernen(gemeente, code) ON DELETE CASCADE;


--
-- Name: kern_buren kern_buren_gemeente_kern_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kern_buren
    ADD CONSTRAINT kern_buren_gemeente_kern_fkey FOREIGN KEY (gemeente, kern) REFERENCES public.kernen(gemeente, code) ON DELETE CASCADE;


--
-- Name: kernen kernen_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernen
    ADD CONSTRAINT kernen_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: kernteam_kernen kernteam_kernen_gemeente_kern_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernteam_kernen
    ADD CONSTRAINT kernteam_kernen_gemeente_kern_fkey FOREIGN KEY (gemeente, kern) REFERENCES public.kernen(gemeente, code) ON DELETE CASCADE;


--
-- Name: kernteam_kernen kernteam_kernen_gemeente_kernteam_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernteam_kernen
    ADD CONSTRAINT kernteam_kernen_gemeente_kernteam_fkey FOREIGN KEY (gemeente, kernteam) REFERENCES public.kernteams(gemeente, code);


--
-- Name: kernteamleden kernteamleden_gemeente_gebruiker_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernteamleden
    ADD CONSTRAINT kernteamleden_gemeente_gebruiker_fkey FOREIGN KEY (gemeente, gebruiker) REFERENCES public.gebruikers(gemeente, naam) ON DELETE CASCADE;


--
-- Name: kernteamleden kernteamleden_gemeente_kernteam_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernteamleden
    ADD CONSTRAINT kernteamleden_gemeente_kernteam_fkey FOREIGN KEY (gemeente, kernteam) REFERENCES public.kernteams(gemeente, code);


--
-- Name: kernteams kernteams_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.kernteams
    ADD CONSTRAINT kernteams_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: koppelingen koppelingen_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.koppelingen
    ADD CONSTRAINT koppelingen_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: koppelingen koppelingen_gemeente_hulpvraag_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.koppelingen
    ADD CONSTRAINT koppelingen_gemeente_hulpvraag_fkey FOREIGN KEY (gemeente, hulpvraag) REFERENCES public.hulpvragen(gemeente, id);


--
-- Name: koppelingen koppelingen_gemeente_voorziening_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.koppelingen
    ADD CONSTRAINT koppelingen_gemeente_voorziening_fkey FOREIGN KEY (gemeente, voorziening) REFERENCES public.voorzieningen(gemeente, id);


--
-- Name: koppelingen koppelingen_gemeente_vrijwilliger_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.koppelingen
    ADD CONSTRAINT koppelingen_gemeente_vrijwilliger_fkey FOREIGN KEY (gemeente, vrijwilliger) REFERENCES public.vrijwilligers(gemeente, id);


--
-- Name: koppelingen koppelingen_reden_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.koppelingen
    ADD CONSTRAINT koppelingen_reden_fkey FOREIGN KEY (reden) REFERENCES public.afbreekredenen(code);


--
-- Name: ontvangen_leefgebieden_per_maand ontvangen_leefgebieden_per_maand_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.ontvangen_leefgebieden_per_maand
    ADD CONSTRAINT ontvangen_leefgebieden_per_maand_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: ontvangen_per_maand ontvangen_per_maand_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.ontvangen_per_maand
    ADD CONSTRAINT ontvangen_per_maand_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: sessies sessies_gemeente_gebruiker_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.sessies
    ADD CONSTRAINT sessies_gemeente_gebruiker_fkey FOREIGN KEY (gemeente, gebruiker) REFERENCES public.gebruikers(gemeente, naam) ON DELETE CASCADE;


--
-- Name: voorziening_kernen voorziening_kernen_gemeente_kern_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorziening_kernen
    ADD CONSTRAINT voorziening_kernen_gemeente_kern_fkey FOREIGN KEY (gemeente, kern) REFERENCES public.kernen(gemeente, code);


--
-- Name: voorziening_kernen voorziening_kernen_gemeente_voorziening_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorziening_kernen
    ADD CONSTRAINT voorziening_kernen_gemeente_voorziening_fkey FOREIGN KEY (gemeente, voorziening) REFERENCES public.voorzieningen(gemeente, id) ON DELETE CASCADE;


--
-- Name: voorziening_leefgebieden voorziening_leefgebieden_gemeente_voorziening_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorziening_leefgebieden
    ADD CONSTRAINT voorziening_leefgebieden_gemeente_voorziening_fkey FOREIGN KEY (gemeente, voorziening) REFERENCES public.voorzieningen(gemeente, id) ON DELETE CASCADE;


--
-- Name: voorziening_leefgebieden voorziening_leefgebieden_leefgebied_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorziening_leefgebieden
    ADD CONSTRAINT voorziening_leefgebieden_leefgebied_fkey FOREIGN KEY (leefgebied) REFERENCES public.leefgebieden(code);


--
-- Name: voorziening_taken voorziening_taken_gemeente_voorziening_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorziening_taken
    ADD CONSTRAINT voorziening_taken_gemeente_voorziening_fkey FOREIGN KEY (gemeente, voorziening) REFERENCES public.voorzieningen(gemeente, id) ON DELETE CASCADE;


--
-- Name: voorziening_taken voorziening_taken_taak_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorziening_taken
    ADD CONSTRAINT voorziening_taken_taak_fkey FOREIGN KEY (taak) REFERENCES public.taken(code);


--
-- Name: voorzieningen voorzieningen_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.voorzieningen
    ADD CONSTRAINT voorzieningen_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: vrijwilliger_afwezigheden vrijwilliger_afwezigheden_gemeente_vrijwilliger_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_afwezigheden
    ADD CONSTRAINT vrijwilliger_afwezigheden_gemeente_vrijwilliger_fkey FOREIGN KEY (gemeente, vrijwilliger) REFERENCES public.vrijwilligers(gemeente, id) ON DELETE CASCADE;


--
-- Name: vrijwilliger_kernen vrijwilliger_kernen_gemeente_kern_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_kernen
    ADD CONSTRAINT vrijwilliger_kernen_gemeente_kern_fkey FOREIGN KEY (gemeente, kern) REFERENCES public.kernen(gemeente, code);


--
-- Name: vrijwilliger_kernen vrijwilliger_kernen_gemeente_vrijwilliger_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_kernen
    ADD CONSTRAINT vrijwilliger_kernen_gemeente_vrijwilliger_fkey FOREIGN KEY (gemeente, vrijwilliger) REFERENCES public.vrijwilligers(gemeente, id) ON DELETE CASCADE;


--
-- Name: vrijwilliger_leefgebieden vrijwilliger_leefgebieden_gemeente_vrijwilliger_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_leefgebieden
    ADD CONSTRAINT vrijwilliger_leefgebieden_gemeente_vrijwilliger_fkey FOREIGN KEY (gemeente, vrijwilliger) REFERENCES public.vrijwilligers(gemeente, id) ON DELETE CASCADE;


--
-- Name: vrijwilliger_leefgebieden vrijwilliger_leefgebieden_leefgebied_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_leefgebieden
    ADD CONSTRAINT vrijwilliger_leefgebieden_leefgebied_fkey FOREIGN KEY (leefgebied) REFERENCES public.leefgebieden(code);


--
-- Name: vrijwilliger_taken vrijwilliger_taken_gemeente_vrijwilliger_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_taken
    ADD CONSTRAINT vrijwilliger_taken_gemeente_vrijwilliger_fkey FOREIGN KEY (gemeente, vrijwilliger) REFERENCES public.vrijwilligers(gemeente, id) ON DELETE CASCADE;


--
-- Name: vrijwilliger_taken vrijwilliger_taken_taak_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilliger_taken
    ADD CONSTRAINT vrijwilliger_taken_taak_fkey FOREIGN KEY (taak) REFERENCES public.taken(code);


--
-- Name: vrijwilligers vrijwilligers_gemeente_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilligers
    ADD CONSTRAINT vrijwilligers_gemeente_fkey FOREIGN KEY (gemeente) REFERENCES public.gemeenten(code);


--
-- Name: vrijwilligers vrijwilligers_gemeente_kern_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.vrijwilligers
    ADD CONSTRAINT vrijwilligers_gemeente_kern_fkey FOREIGN KEY (gemeente, kern) REFERENCES public.kernen(gemeente, code);


--
-- Name: zrm2010_leefgebieden zrm2010_leefgebieden_leefgebied_fkey; Type: FK CONSTRAINT; Schema: public; Owner: <owner>
--

ALTER TABLE ONLY public.zrm2010_leefgebieden
    ADD CONSTRAINT zrm2010_leefgebieden_leefgebied_fkey FOREIGN KEY (leefgebied) REFERENCES public.leefgebieden(code);


--
-- Name: afgesloten_per_maand; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.afgesloten_per_maand ENABLE ROW LEVEL SECURITY;

--
-- Name: api_tokens; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.api_tokens ENABLE ROW LEVEL SECURITY;

--
-- Name: auditlog; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.auditlog ENABLE ROW LEVEL SECURITY;

--
-- Name: hulpvragen bewaartermijn; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY bewaartermijn ON public.hulpvragen TO <owner> USING ((status = 'afgesloten'::text)) WITH CHECK ((status = 'afgesloten'::text));


--
-- Name: afgesloten_per_maand cijfers; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY cijfers ON public.afgesloten_per_maand TO voorveld_cijfers USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: hulpvragen cijfers; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY cijfers ON public.hulpvragen FOR SELECT TO voorveld_cijfers USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: ontvangen_leefgebieden_per_maand cijfers; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY cijfers ON public.ontvangen_leefgebieden_per_maand TO voorveld_cijfers USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: ontvangen_per_maand cijfers; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY cijfers ON public.ontvangen_per_maand TO voorveld_cijfers USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: voorziening_kernen cijfers; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY cijfers ON public.voorziening_kernen FOR SELECT TO voorveld_cijfers USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: voorziening_leefgebieden cijfers; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY cijfers ON public.voorziening_leefgebieden FOR SELECT TO voorveld_cijfers USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: voorzieningen cijfers; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY cijfers ON public.voorzieningen FOR SELECT TO voorveld_cijfers USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: vrijwilliger_kernen cijfers; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY cijfers ON public.vrijwilliger_kernen FOR SELECT TO voorveld_cijfers USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: vrijwilliger_leefgebieden cijfers; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY cijfers ON public.vrijwilliger_leefgebieden FOR SELECT TO voorveld_cijfers USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: vrijwilligers cijfers; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY cijfers ON public.vrijwilligers FOR SELECT TO voorveld_cijfers USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: idempotentie eigen_gebruiker; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigen_gebruiker ON public.idempotentie USING (((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)) AND (gebruiker = ( SELECT public.huidige_gebruiker() AS huidige_gebruiker))));


--
-- Name: gemeenten eigen_gemeente; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigen_gemeente ON public.gemeenten USING ((code = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: kern_buren eigen_gemeente; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigen_gemeente ON public.kern_buren USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: kernen eigen_gemeente; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigen_gemeente ON public.kernen USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: kernteam_kernen eigen_gemeente; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigen_gemeente ON public.kernteam_kernen USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: kernteams eigen_gemeente; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigen_gemeente ON public.kernteams USING ((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)));


--
-- Name: hulpvraag_leefgebieden eigen_kernteam; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigen_kernteam ON public.hulpvraag_leefgebieden USING (((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)) AND (EXISTS ( SELECT 1
   FROM public.hulpvragen h
  WHERE ((h.gemeente = hulpvraag_leefgebieden.gemeente) AND (h.id = hulpvraag_leefgebieden.hulpvraag))))));


--
-- Name: hulpvraag_taken eigen_kernteam; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigen_kernteam ON public.hulpvraag_taken USING (((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)) AND (EXISTS ( SELECT 1
   FROM public.hulpvragen h
  WHERE ((h.gemeente = hulpvraag_taken.gemeente) AND (h.id = hulpvraag_taken.hulpvraag))))));


--
-- Name: hulpvragen eigen_kernteam; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigen_kernteam ON public.hulpvragen USING (((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid}'::text[]) AS huidige_gemeente_voor)) AND (kernteam = ANY (( SELECT public.huidige_kernteams() AS huidige_kernteams)::text[]))));


--
-- Name: koppelingen eigen_kernteam; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigen_kernteam ON public.koppelingen USING (((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid}'::text[]) AS huidige_gemeente_voor)) AND (EXISTS ( SELECT 1
   FROM public.hulpvragen h
  WHERE ((h.gemeente = koppelingen.gemeente) AND (h.id = koppelingen.hulpvraag))))));


--
-- Name: auditlog eigenaar_schrijft; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY eigenaar_schrijft ON public.auditlog FOR INSERT TO <owner> WITH CHECK (true);


--
-- Name: gebruiker_rollen; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.gebruiker_rollen ENABLE ROW LEVEL SECURITY;

--
-- Name: gebruikers; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.gebruikers ENABLE ROW LEVEL SECURITY;

--
-- Name: gemeenten; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.gemeenten ENABLE ROW LEVEL SECURITY;

--
-- Name: hulpvraag_leefgebieden; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.hulpvraag_leefgebieden ENABLE ROW LEVEL SECURITY;

--
-- Name: hulpvraag_taken; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.hulpvraag_taken ENABLE ROW LEVEL SECURITY;

--
-- Name: hulpvragen; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.hulpvragen ENABLE ROW LEVEL SECURITY;

--
-- Name: idempotentie; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.idempotentie ENABLE ROW LEVEL SECURITY;

--
-- Name: inlogpogingen_open; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.inlogpogingen_open ENABLE ROW LEVEL SECURITY;

--
-- Name: kern_buren; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.kern_buren ENABLE ROW LEVEL SECURITY;

--
-- Name: kernen; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.kernen ENABLE ROW LEVEL SECURITY;

--
-- Name: kernteam_kernen; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.kernteam_kernen ENABLE ROW LEVEL SECURITY;

--
-- Name: kernteamleden; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.kernteamleden ENABLE ROW LEVEL SECURITY;

--
-- Name: kernteams; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.kernteams ENABLE ROW LEVEL SECURITY;

--
-- Name: koppelingen; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.koppelingen ENABLE ROW LEVEL SECURITY;

--
-- Name: voorziening_kernen lezen; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY lezen ON public.voorziening_kernen FOR SELECT USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid,steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: voorziening_leefgebieden lezen; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY lezen ON public.voorziening_leefgebieden FOR SELECT USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid,steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: voorziening_taken lezen; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY lezen ON public.voorziening_taken FOR SELECT USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid,steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: voorzieningen lezen; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY lezen ON public.voorzieningen FOR SELECT USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid,steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: vrijwilliger_afwezigheden lezen; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY lezen ON public.vrijwilliger_afwezigheden FOR SELECT USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid,steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: vrijwilliger_kernen lezen; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY lezen ON public.vrijwilliger_kernen FOR SELECT USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid,steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: vrijwilliger_leefgebieden lezen; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY lezen ON public.vrijwilliger_leefgebieden FOR SELECT USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid,steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: vrijwilliger_taken lezen; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY lezen ON public.vrijwilliger_taken FOR SELECT USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid,steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: vrijwilligers lezen; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY lezen ON public.vrijwilligers FOR SELECT USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{kernteamlid,steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: auditlog lezen_door_beheerder; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY lezen_door_beheerder ON public.auditlog FOR SELECT USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{beheerder}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: mislukte_inlogpogingen; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.mislukte_inlogpogingen ENABLE ROW LEVEL SECURITY;

--
-- Name: ontvangen_leefgebieden_per_maand; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.ontvangen_leefgebieden_per_maand ENABLE ROW LEVEL SECURITY;

--
-- Name: ontvangen_per_maand; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.ontvangen_per_maand ENABLE ROW LEVEL SECURITY;

--
-- Name: voorziening_kernen schrijven; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY schrijven ON public.voorziening_kernen USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: voorziening_leefgebieden schrijven; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY schrijven ON public.voorziening_leefgebieden USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: voorziening_taken schrijven; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY schrijven ON public.voorziening_taken USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: voorzieningen schrijven; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY schrijven ON public.voorzieningen USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: vrijwilliger_afwezigheden schrijven; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY schrijven ON public.vrijwilliger_afwezigheden USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: vrijwilliger_kernen schrijven; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY schrijven ON public.vrijwilliger_kernen USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: vrijwilliger_leefgebieden schrijven; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY schrijven ON public.vrijwilliger_leefgebieden USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: vrijwilliger_taken schrijven; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY schrijven ON public.vrijwilliger_taken USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: vrijwilligers schrijven; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY schrijven ON public.vrijwilligers USING ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor))) WITH CHECK ((gemeente = ( SELECT public.huidige_gemeente_voor('{steunpunt}'::text[]) AS huidige_gemeente_voor)));


--
-- Name: auditlog schrijven_eigen_gemeente; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY schrijven_eigen_gemeente ON public.auditlog FOR INSERT WITH CHECK (((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)) AND (gebruiker = ( SELECT public.huidige_gebruiker() AS huidige_gebruiker))));


--
-- Name: sessies; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.sessies ENABLE ROW LEVEL SECURITY;

--
-- Name: voorziening_kernen; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.voorziening_kernen ENABLE ROW LEVEL SECURITY;

--
-- Name: voorziening_leefgebieden; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.voorziening_leefgebieden ENABLE ROW LEVEL SECURITY;

--
-- Name: voorziening_taken; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.voorziening_taken ENABLE ROW LEVEL SECURITY;

--
-- Name: voorzieningen; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.voorzieningen ENABLE ROW LEVEL SECURITY;

--
-- Name: vrijwilliger_afwezigheden; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.vrijwilliger_afwezigheden ENABLE ROW LEVEL SECURITY;

--
-- Name: vrijwilliger_kernen; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.vrijwilliger_kernen ENABLE ROW LEVEL SECURITY;

--
-- Name: vrijwilliger_leefgebieden; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.vrijwilliger_leefgebieden ENABLE ROW LEVEL SECURITY;

--
-- Name: vrijwilliger_taken; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.vrijwilliger_taken ENABLE ROW LEVEL SECURITY;

--
-- Name: vrijwilligers; Type: ROW SECURITY; Schema: public; Owner: <owner>
--

ALTER TABLE public.vrijwilligers ENABLE ROW LEVEL SECURITY;

--
-- Name: gebruiker_rollen zichzelf_of_beheerder; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY zichzelf_of_beheerder ON public.gebruiker_rollen USING (((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)) AND ((gebruiker = ( SELECT public.huidige_gebruiker() AS huidige_gebruiker)) OR ( SELECT public.heeft_rol('beheerder'::text) AS heeft_rol))));


--
-- Name: gebruikers zichzelf_of_beheerder; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY zichzelf_of_beheerder ON public.gebruikers USING (((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)) AND ((naam = ( SELECT public.huidige_gebruiker() AS huidige_gebruiker)) OR ( SELECT public.heeft_rol('beheerder'::text) AS heeft_rol))));


--
-- Name: kernteamleden zichzelf_of_beheerder; Type: POLICY; Schema: public; Owner: <owner>
--

CREATE POLICY zichzelf_of_beheerder ON public.kernteamleden USING (((gemeente = ( SELECT public.huidige_gemeente() AS huidige_gemeente)) AND ((gebruiker = ( SELECT public.huidige_gebruiker() AS huidige_gebruiker)) OR ( SELECT public.heeft_rol('beheerder'::text) AS heeft_rol))));


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: pg_database_owner
--

GRANT USAGE ON SCHEMA public TO voorveld_service;
GRANT USAGE ON SCHEMA public TO voorveld_cijfers;


--
-- Name: TABLE hulpvragen; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.hulpvragen TO voorveld_service;
GRANT SELECT ON TABLE public.hulpvragen TO voorveld_cijfers;


--
-- Name: FUNCTION afgesloten_tellen(h public.hulpvragen, teken integer, een_leefgebied text, met_leefgebieden boolean); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.afgesloten_tellen(h public.hulpvragen, teken integer, een_leefgebied text, met_leefgebieden boolean) FROM PUBLIC;


--
-- Name: FUNCTION afsluiting_groepen(h public.hulpvragen, een_leefgebied text, met_leefgebieden boolean); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.afsluiting_groepen(h public.hulpvragen, een_leefgebied text, met_leefgebieden boolean) FROM PUBLIC;


--
-- Name: FUNCTION afwezig_tot(gemeente text, vrijwilliger uuid, peildatum date); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.afwezig_tot(gemeente text, vrijwilliger uuid, peildatum date) FROM PUBLIC;


--
-- Name: FUNCTION authenticeer_sessie(sessie text); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.authenticeer_sessie(sessie text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.authenticeer_sessie(sessie text) TO voorveld_service;


--
-- Name: FUNCTION authenticeer_token(token text); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.authenticeer_token(token text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.authenticeer_token(token text) TO voorveld_service;


--
-- Name: FUNCTION beeindig_sessie(sessie text); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.beeindig_sessie(sessie text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.beeindig_sessie(sessie text) TO voorveld_service;


--
-- Name: FUNCTION cijfers_instroom(van date, tot date); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.cijfers_instroom(van date, tot date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.cijfers_instroom(van date, tot date) TO voorveld_service;


--
-- Name: FUNCTION cijfers_leefgebieden(van date, tot date); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.cijfers_leefgebieden(van date, tot date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.cijfers_leefgebieden(van date, tot date) TO voorveld_service;


--
-- Name: FUNCTION cijfers_nazorg(van date, tot date); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.cijfers_nazorg(van date, tot date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.cijfers_nazorg(van date, tot date) TO voorveld_service;


--
-- Name: FUNCTION cijfers_per_maand_opbouwen(); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.cijfers_per_maand_opbouwen() FROM PUBLIC;


--
-- Name: FUNCTION cijfers_tekorten(); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.cijfers_tekorten() FROM PUBLIC;
GRANT ALL ON FUNCTION public.cijfers_tekorten() TO voorveld_service;


--
-- Name: FUNCTION cijfers_voorliggend_veld(van date, tot date, groep text); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.cijfers_voorliggend_veld(van date, tot date, groep text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.cijfers_voorliggend_veld(van date, tot date, groep text) TO voorveld_service;


--
-- Name: FUNCTION collegas(); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.collegas() FROM PUBLIC;
GRANT ALL ON FUNCTION public.collegas() TO voorveld_service;


--
-- Name: FUNCTION eerder_afgebroken(vrijwilliger uuid, h public.hulpvragen); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.eerder_afgebroken(vrijwilliger uuid, h public.hulpvragen) FROM PUBLIC;


--
-- Name: FUNCTION hulpvraag_beeindigt_vrijwilligers(); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.hulpvraag_beeindigt_vrijwilligers() FROM PUBLIC;


--
-- Name: FUNCTION hulpvraag_leefgebied_telt(); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.hulpvraag_leefgebied_telt() FROM PUBLIC;


--
-- Name: FUNCTION hulpvraag_regels(); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.hulpvraag_regels() FROM PUBLIC;


--
-- Name: FUNCTION hulpvraag_telt(); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.hulpvraag_telt() FROM PUBLIC;


--
-- Name: FUNCTION hulpvraag_terugkeer(); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.hulpvraag_terugkeer() FROM PUBLIC;


--
-- Name: FUNCTION hulpvraag_volgt_koppelingen(); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.hulpvraag_volgt_koppelingen() FROM PUBLIC;


--
-- Name: FUNCTION in_scope(gemeente text); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.in_scope(gemeente text) FROM PUBLIC;


--
-- Name: FUNCTION inlog_afronden(poging uuid, login text, berekend text, sessie text, inactief interval, maximaal interval, request_id text); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.inlog_afronden(poging uuid, login text, berekend text, sessie text, inactief interval, maximaal interval, request_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.inlog_afronden(poging uuid, login text, berekend text, sessie text, inactief interval, maximaal interval, request_id text) TO voorveld_service;


--
-- Name: FUNCTION inlog_begin(login text, adres text, sinds timestamp with time zone, max_naam integer, max_adres integer, request_id text); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.inlog_begin(login text, adres text, sinds timestamp with time zone, max_naam integer, max_adres integer, request_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.inlog_begin(login text, adres text, sinds timestamp with time zone, max_naam integer, max_adres integer, request_id text) TO voorveld_service;


--
-- Name: FUNCTION inlog_uitkomst(poging uuid); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.inlog_uitkomst(poging uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.inlog_uitkomst(poging uuid) TO voorveld_service;


--
-- Name: FUNCTION kandidaat_voorzieningen(gezocht uuid); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.kandidaat_voorzieningen(gezocht uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.kandidaat_voorzieningen(gezocht uuid) TO voorveld_service;


--
-- Name: FUNCTION kandidaat_vrijwilligers(gezocht uuid, peildatum date); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.kandidaat_vrijwilligers(gezocht uuid, peildatum date) FROM PUBLIC;
GRANT ALL ON FUNCTION public.kandidaat_vrijwilligers(gezocht uuid, peildatum date) TO voorveld_service;


--
-- Name: FUNCTION koppeling_regels(); Type: ACL; Schema: public; Owner: <owner>
--

REVOKE ALL ON FUNCTION public.koppeling_regels() FROM PUBLIC;


--
-- Name: FUNCTION ontvangen_tellen(h public.hulpvragen, teken integer, een_leefgebied text, met_leefgebieden boolean); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.ontvangen_tellen(h public.hulpvragen, teken integer, een_leefgebied text, met_leefgebieden boolean) FROM PUBLIC;


--
-- Name: FUNCTION tellen_begint(gemeente text, hulpvraag uuid); Type: ACL; Schema: public; Owner: <owner>_cijfers
--

REVOKE ALL ON FUNCTION public.tellen_begint(gemeente text, hulpvraag uuid) FROM PUBLIC;


--
-- Name: TABLE afbreekredenen; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.afbreekredenen TO voorveld_service;


--
-- Name: TABLE afgesloten_per_maand; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.afgesloten_per_maand TO voorveld_cijfers;


--
-- Name: TABLE auditlog; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.auditlog TO voorveld_service;


--
-- Name: COLUMN auditlog.gemeente; Type: ACL; Schema: public; Owner: <owner>
--

GRANT INSERT(gemeente) ON TABLE public.auditlog TO voorveld_service;


--
-- Name: COLUMN auditlog.gebruiker; Type: ACL; Schema: public; Owner: <owner>
--

GRANT INSERT(gebruiker) ON TABLE public.auditlog TO voorveld_service;


--
-- Name: COLUMN auditlog.rol; Type: ACL; Schema: public; Owner: <owner>
--

GRANT INSERT(rol) ON TABLE public.auditlog TO voorveld_service;


--
-- Name: COLUMN auditlog.actie; Type: ACL; Schema: public; Owner: <owner>
--

GRANT INSERT(actie) ON TABLE public.auditlog TO voorveld_service;


--
-- Name: COLUMN auditlog.object_type; Type: ACL; Schema: public; Owner: <owner>
--

GRANT INSERT(object_type) ON TABLE public.auditlog TO voorveld_service;


--
-- Name: COLUMN auditlog.object_id; Type: ACL; Schema: public; Owner: <owner>
--

GRANT INSERT(object_id) ON TABLE public.auditlog TO voorveld_service;


--
-- Name: COLUMN auditlog.doel; Type: ACL; Schema: public; Owner: <owner>
--

GRANT INSERT(doel) ON TABLE public.auditlog TO voorveld_service;


--
-- Name: COLUMN auditlog.resultaat; Type: ACL; Schema: public; Owner: <owner>
--

GRANT INSERT(resultaat) ON TABLE public.auditlog TO voorveld_service;


--
-- Name: COLUMN auditlog.request_id; Type: ACL; Schema: public; Owner: <owner>
--

GRANT INSERT(request_id) ON TABLE public.auditlog TO voorveld_service;


--
-- Name: TABLE gebruiker_rollen; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.gebruiker_rollen TO voorveld_service;


--
-- Name: COLUMN gebruikers.gemeente; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT(gemeente) ON TABLE public.gebruikers TO voorveld_service;


--
-- Name: COLUMN gebruikers.naam; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT(naam) ON TABLE public.gebruikers TO voorveld_service;


--
-- Name: COLUMN gebruikers.weergavenaam; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT(weergavenaam) ON TABLE public.gebruikers TO voorveld_service;


--
-- Name: COLUMN gebruikers.aangemaakt_op; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT(aangemaakt_op) ON TABLE public.gebruikers TO voorveld_service;


--
-- Name: COLUMN gebruikers.uitgeschakeld_op; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT(uitgeschakeld_op) ON TABLE public.gebruikers TO voorveld_service;


--
-- Name: TABLE gemeenten; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.gemeenten TO voorveld_service;


--
-- Name: TABLE hulpvraag_leefgebieden; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.hulpvraag_leefgebieden TO voorveld_service;
GRANT SELECT ON TABLE public.hulpvraag_leefgebieden TO voorveld_cijfers;


--
-- Name: TABLE hulpvraag_taken; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.hulpvraag_taken TO voorveld_service;


--
-- Name: TABLE idempotentie; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT ON TABLE public.idempotentie TO voorveld_service;


--
-- Name: TABLE kern_buren; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.kern_buren TO voorveld_service;


--
-- Name: TABLE kernen; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.kernen TO voorveld_service;
GRANT SELECT ON TABLE public.kernen TO voorveld_cijfers;


--
-- Name: TABLE kernteam_kernen; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.kernteam_kernen TO voorveld_service;
GRANT SELECT ON TABLE public.kernteam_kernen TO voorveld_cijfers;


--
-- Name: TABLE kernteamleden; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.kernteamleden TO voorveld_service;


--
-- Name: TABLE kernteams; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.kernteams TO voorveld_service;
GRANT SELECT ON TABLE public.kernteams TO voorveld_cijfers;


--
-- Name: TABLE koppelingen; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.koppelingen TO voorveld_service;


--
-- Name: TABLE koppelingen_voor_steunpunt; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.koppelingen_voor_steunpunt TO voorveld_service;


--
-- Name: TABLE leefgebieden; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.leefgebieden TO voorveld_service;
GRANT SELECT ON TABLE public.leefgebieden TO voorveld_cijfers;


--
-- Name: TABLE ontvangen_leefgebieden_per_maand; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.ontvangen_leefgebieden_per_maand TO voorveld_cijfers;


--
-- Name: TABLE ontvangen_per_maand; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.ontvangen_per_maand TO voorveld_cijfers;


--
-- Name: TABLE schema_definitions; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.schema_definitions TO voorveld_service;


--
-- Name: TABLE schema_migrations; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.schema_migrations TO voorveld_service;


--
-- Name: TABLE taken; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.taken TO voorveld_service;


--
-- Name: TABLE uitkomsten; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.uitkomsten TO voorveld_service;
GRANT SELECT ON TABLE public.uitkomsten TO voorveld_cijfers;


--
-- Name: TABLE voorziening_kernen; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.voorziening_kernen TO voorveld_service;
GRANT SELECT ON TABLE public.voorziening_kernen TO voorveld_cijfers;


--
-- Name: TABLE voorziening_leefgebieden; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.voorziening_leefgebieden TO voorveld_service;
GRANT SELECT ON TABLE public.voorziening_leefgebieden TO voorveld_cijfers;


--
-- Name: TABLE voorziening_taken; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.voorziening_taken TO voorveld_service;


--
-- Name: TABLE voorzieningen; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.voorzieningen TO voorveld_service;
GRANT SELECT ON TABLE public.voorzieningen TO voorveld_cijfers;


--
-- Name: TABLE vrijwilliger_afwezigheden; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.vrijwilliger_afwezigheden TO voorveld_service;


--
-- Name: TABLE vrijwilliger_kernen; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.vrijwilliger_kernen TO voorveld_service;
GRANT SELECT ON TABLE public.vrijwilliger_kernen TO voorveld_cijfers;


--
-- Name: TABLE vrijwilliger_leefgebieden; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.vrijwilliger_leefgebieden TO voorveld_service;
GRANT SELECT ON TABLE public.vrijwilliger_leefgebieden TO voorveld_cijfers;


--
-- Name: TABLE vrijwilliger_taken; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.vrijwilliger_taken TO voorveld_service;


--
-- Name: TABLE vrijwilligers; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.vrijwilligers TO voorveld_service;
GRANT SELECT ON TABLE public.vrijwilligers TO voorveld_cijfers;


--
-- Name: TABLE zrm2010_leefgebieden; Type: ACL; Schema: public; Owner: <owner>
--

GRANT SELECT ON TABLE public.zrm2010_leefgebieden TO voorveld_service;


--
-- PostgreSQL database dump complete
--


