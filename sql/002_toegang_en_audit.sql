-- Access control and audit: who may see what, enforced by PostgreSQL as a second line behind the
-- service's own checks.
--
-- The service connects as a login role that is a member of voorveld_service: it owns no table,
-- has only the grants below, and is always subject to row-level security. Per transaction it sets
-- the request's scope with set_config(..., true):
--   voorveld.gemeente   the gemeente code       voorveld.gebruiker  the user's login name
--   voorveld.rollen     roles, comma-separated  voorveld.kernteams  kernteam codes, comma-separated
-- With nothing set, every policy below matches no row.

-- Roles belong to the whole cluster: another database may have made it already, even right now.
DO $$
BEGIN
    CREATE ROLE voorveld_service NOLOGIN NOSUPERUSER NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO voorveld_service;
-- No temporary tables: a temp table can shadow a real one for code that trusts the search path.
DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;

-- The scope of the current transaction.
CREATE FUNCTION huidige_gemeente() RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('voorveld.gemeente', true), '') $$;
CREATE FUNCTION huidige_gebruiker() RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('voorveld.gebruiker', true), '') $$;
CREATE FUNCTION heeft_rol(rol text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
        SELECT coalesce(rol = ANY (string_to_array(nullif(current_setting('voorveld.rollen', true), ''), ',')), false)
    $$;
CREATE FUNCTION in_kernteam(kernteam text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
        SELECT coalesce(kernteam = ANY (string_to_array(nullif(current_setting('voorveld.kernteams', true), ''), ',')), false)
    $$;

-- Gebieden: readable within the own gemeente only. FORCE applies the policies to the table owner too,
-- so maintenance (seed loading) also works one gemeente at a time.
ALTER TABLE gemeenten ENABLE ROW LEVEL SECURITY;
ALTER TABLE gemeenten FORCE ROW LEVEL SECURITY;
CREATE POLICY eigen_gemeente ON gemeenten USING (code = huidige_gemeente());

ALTER TABLE kernen ENABLE ROW LEVEL SECURITY;
ALTER TABLE kernen FORCE ROW LEVEL SECURITY;
CREATE POLICY eigen_gemeente ON kernen USING (gemeente = huidige_gemeente());

ALTER TABLE kern_buren ENABLE ROW LEVEL SECURITY;
ALTER TABLE kern_buren FORCE ROW LEVEL SECURITY;
CREATE POLICY eigen_gemeente ON kern_buren USING (gemeente = huidige_gemeente());

ALTER TABLE kernteams ENABLE ROW LEVEL SECURITY;
ALTER TABLE kernteams FORCE ROW LEVEL SECURITY;
CREATE POLICY eigen_gemeente ON kernteams USING (gemeente = huidige_gemeente());

ALTER TABLE kernteam_kernen ENABLE ROW LEVEL SECURITY;
ALTER TABLE kernteam_kernen FORCE ROW LEVEL SECURITY;
CREATE POLICY eigen_gemeente ON kernteam_kernen USING (gemeente = huidige_gemeente());

GRANT SELECT ON gemeenten, kernen, kern_buren, kernteams, kernteam_kernen TO voorveld_service;
-- The ZRM code lists are the same for everyone and hold nothing personal.
GRANT SELECT ON leefgebieden, zrm2010_leefgebieden TO voorveld_service;
-- So that a service without owner rights can tell that migrations are pending.
GRANT SELECT ON schema_migrations TO voorveld_service;

-- Users. Login names are unique across gemeenten, so a login needs no gemeente.
CREATE TABLE gebruikers (
    gemeente         text NOT NULL REFERENCES gemeenten (code),
    naam             text NOT NULL CHECK (naam ~ '^[a-z0-9][a-z0-9._@-]{1,62}$'),
    weergavenaam     text NOT NULL CHECK (btrim(weergavenaam) <> ''),
    wachtwoord_hash  text CHECK (wachtwoord_hash ~ '^\$2[aby]\$'),   -- bcrypt; NULL: API tokens only
    aangemaakt_op    timestamptz NOT NULL DEFAULT now(),
    uitgeschakeld_op timestamptz,
    PRIMARY KEY (gemeente, naam)
);
CREATE UNIQUE INDEX gebruikers_naam_uniek ON gebruikers (naam);

CREATE TABLE gebruiker_rollen (
    gemeente  text NOT NULL,
    gebruiker text NOT NULL,
    rol       text NOT NULL CHECK (rol IN ('kernteamlid', 'steunpunt', 'wethouder', 'beheerder')),
    PRIMARY KEY (gemeente, gebruiker, rol),
    FOREIGN KEY (gemeente, gebruiker) REFERENCES gebruikers (gemeente, naam) ON DELETE CASCADE
);

-- The kernteams whose hulpvragen a kernteamlid works on.
CREATE TABLE kernteamleden (
    gemeente  text NOT NULL,
    gebruiker text NOT NULL,
    kernteam  text NOT NULL,
    PRIMARY KEY (gemeente, gebruiker, kernteam),
    FOREIGN KEY (gemeente, gebruiker) REFERENCES gebruikers (gemeente, naam) ON DELETE CASCADE,
    FOREIGN KEY (gemeente, kernteam) REFERENCES kernteams (gemeente, code)
);

-- API bearer tokens and web sessions. Only a SHA-256 hash of each secret is stored.
CREATE TABLE api_tokens (
    gemeente       text NOT NULL,
    id             uuid NOT NULL DEFAULT gen_random_uuid(),
    gebruiker      text NOT NULL,
    hash           bytea NOT NULL UNIQUE CHECK (length(hash) = 32),
    omschrijving   text NOT NULL DEFAULT '',
    aangemaakt_op  timestamptz NOT NULL DEFAULT now(),
    verloopt_op    timestamptz NOT NULL,
    ingetrokken_op timestamptz,
    PRIMARY KEY (gemeente, id),
    FOREIGN KEY (gemeente, gebruiker) REFERENCES gebruikers (gemeente, naam) ON DELETE CASCADE
);

CREATE TABLE sessies (
    gemeente         text NOT NULL,
    hash             bytea NOT NULL UNIQUE CHECK (length(hash) = 32),
    gebruiker        text NOT NULL,
    aangemaakt_op    timestamptz NOT NULL DEFAULT now(),
    laatst_actief_op timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (gemeente, hash),
    FOREIGN KEY (gemeente, gebruiker) REFERENCES gebruikers (gemeente, naam) ON DELETE CASCADE
);

-- Failed logins, per login name and per client address, for rate limiting. No gemeente: a
-- failed login may name no existing user.
CREATE TABLE mislukte_inlogpogingen (
    naam     text NOT NULL,
    adres    text NOT NULL,
    tijdstip timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mislukte_inlogpogingen_naam ON mislukte_inlogpogingen (naam, tijdstip);
CREATE INDEX mislukte_inlogpogingen_adres ON mislukte_inlogpogingen (adres, tijdstip);

-- The service reads users of its own gemeente (never the password hash column) and the roles;
-- tokens and sessions it reaches only through the functions below, and a password hash only for
-- the one login being checked (inlog_poging). These tables are not FORCEd: the
-- functions run as the owner and must find a user before any gemeente is known.
-- Users see themselves; the beheerder sees the gemeente's users.
ALTER TABLE gebruikers ENABLE ROW LEVEL SECURITY;
CREATE POLICY zichzelf_of_beheerder ON gebruikers
    USING (gemeente = huidige_gemeente() AND (naam = huidige_gebruiker() OR heeft_rol('beheerder')));
ALTER TABLE gebruiker_rollen ENABLE ROW LEVEL SECURITY;
CREATE POLICY zichzelf_of_beheerder ON gebruiker_rollen
    USING (gemeente = huidige_gemeente() AND (gebruiker = huidige_gebruiker() OR heeft_rol('beheerder')));
ALTER TABLE kernteamleden ENABLE ROW LEVEL SECURITY;
CREATE POLICY zichzelf_of_beheerder ON kernteamleden
    USING (gemeente = huidige_gemeente() AND (gebruiker = huidige_gebruiker() OR heeft_rol('beheerder')));
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessies ENABLE ROW LEVEL SECURITY;
ALTER TABLE mislukte_inlogpogingen ENABLE ROW LEVEL SECURITY;

GRANT SELECT (gemeente, naam, weergavenaam, aangemaakt_op, uitgeschakeld_op) ON gebruikers TO voorveld_service;
GRANT SELECT ON gebruiker_rollen, kernteamleden TO voorveld_service;

-- Authentication, as the owner. Each returns the user's scope, or no row.

CREATE FUNCTION authenticeer_token(token text)
RETURNS TABLE (gemeente text, gebruiker text, weergavenaam text, rollen text[], kernteams text[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT g.gemeente, g.naam, g.weergavenaam,
           ARRAY(SELECT r.rol FROM gebruiker_rollen r WHERE r.gemeente = g.gemeente AND r.gebruiker = g.naam ORDER BY r.rol),
           ARRAY(SELECT l.kernteam FROM kernteamleden l WHERE l.gemeente = g.gemeente AND l.gebruiker = g.naam ORDER BY l.kernteam)
    FROM api_tokens t
    JOIN gebruikers g ON g.gemeente = t.gemeente AND g.naam = t.gebruiker
    WHERE t.hash = sha256(convert_to(token, 'UTF8'))
      AND t.ingetrokken_op IS NULL AND t.verloopt_op > now() AND g.uitgeschakeld_op IS NULL
$$;

-- A session is valid while it was active within `inactief` and began within `maximaal`;
-- using it counts as activity.
CREATE FUNCTION authenticeer_sessie(sessie text, inactief interval, maximaal interval)
RETURNS TABLE (gemeente text, gebruiker text, weergavenaam text, rollen text[], kernteams text[])
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    WITH geldig AS (
        UPDATE sessies s SET laatst_actief_op = now()
        FROM gebruikers g
        WHERE s.hash = sha256(convert_to(sessie, 'UTF8'))
          AND g.gemeente = s.gemeente AND g.naam = s.gebruiker AND g.uitgeschakeld_op IS NULL
          AND s.laatst_actief_op > now() - inactief AND s.aangemaakt_op > now() - maximaal
        RETURNING s.gemeente, s.gebruiker, g.weergavenaam
    )
    SELECT v.gemeente, v.gebruiker, v.weergavenaam,
           ARRAY(SELECT r.rol FROM gebruiker_rollen r WHERE r.gemeente = v.gemeente AND r.gebruiker = v.gebruiker ORDER BY r.rol),
           ARRAY(SELECT l.kernteam FROM kernteamleden l WHERE l.gemeente = v.gemeente AND l.gebruiker = v.gebruiker ORDER BY l.kernteam)
    FROM geldig v
$$;

-- Begins a password login. Under a lock per login name, it counts the recent failures for the
-- name and the address; when either is at its limit the attempt is refused (and not counted, so
-- a blocked account is not kept blocked by further tries). Otherwise the attempt is counted as a
-- failure *before* the password is checked, so that parallel guesses cannot all slip under the
-- limit; a successful login clears it again (start_sessie). Returns the hash to verify.
CREATE FUNCTION inlog_poging(login text, adres text, sinds timestamptz, max_naam integer, max_adres integer)
RETURNS TABLE (gemeente text, wachtwoord_hash text, uitgeschakeld boolean, geblokkeerd boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    per_naam bigint;
    per_adres bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('voorveld-inlog:' || login));
    PERFORM pg_advisory_xact_lock(hashtext('voorveld-inlog-adres:' || adres));
    SELECT count(*) INTO per_naam FROM mislukte_inlogpogingen m WHERE m.naam = login AND m.tijdstip > sinds;
    SELECT count(*) INTO per_adres FROM mislukte_inlogpogingen m WHERE m.adres = inlog_poging.adres AND m.tijdstip > sinds;
    geblokkeerd := per_naam >= max_naam OR per_adres >= max_adres;
    IF NOT geblokkeerd THEN
        INSERT INTO mislukte_inlogpogingen (naam, adres) VALUES (login, adres);
    END IF;
    SELECT g.gemeente, g.wachtwoord_hash, g.uitgeschakeld_op IS NOT NULL
      INTO gemeente, wachtwoord_hash, uitgeschakeld
      FROM gebruikers g WHERE g.naam = login;
    RETURN NEXT;
END
$$;

-- Starts a session for a user whose password the service has just verified. A successful login
-- clears that name's failures.
CREATE FUNCTION start_sessie(login text, sessie text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    DELETE FROM mislukte_inlogpogingen WHERE naam = login;
    INSERT INTO sessies (gemeente, hash, gebruiker)
    SELECT g.gemeente, sha256(convert_to(sessie, 'UTF8')), g.naam FROM gebruikers g
    WHERE g.naam = login AND g.uitgeschakeld_op IS NULL;
$$;

CREATE FUNCTION beeindig_sessie(sessie text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    DELETE FROM sessies WHERE hash = sha256(convert_to(sessie, 'UTF8'))
$$;

REVOKE ALL ON FUNCTION authenticeer_token(text), authenticeer_sessie(text, interval, interval),
    inlog_poging(text, text, timestamptz, integer, integer), start_sessie(text, text), beeindig_sessie(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION authenticeer_token(text), authenticeer_sessie(text, interval, interval),
    inlog_poging(text, text, timestamptz, integer, integer), start_sessie(text, text), beeindig_sessie(text) TO voorveld_service;

-- The audit log (BIO 8.15, NEN 7513): who did what to which record, for which purpose, with what
-- result. The service may add and (as beheerder) read, never change or remove.
CREATE TABLE auditlog (
    gemeente    text NOT NULL REFERENCES gemeenten (code),
    id          bigint GENERATED ALWAYS AS IDENTITY,
    tijdstip    timestamptz NOT NULL DEFAULT now(),
    gebruiker   text NOT NULL,
    rol         text,
    actie       text NOT NULL CHECK (actie ~ '^[a-z-]+$'),
    object_type text NOT NULL,
    object_id   text,
    doel        text NOT NULL,
    resultaat   text NOT NULL CHECK (resultaat IN ('toegestaan', 'geweigerd', 'niet-gevonden', 'mislukt')),
    request_id  text,
    PRIMARY KEY (gemeente, id)
);
CREATE INDEX auditlog_tijdstip ON auditlog (gemeente, tijdstip);
ALTER TABLE auditlog ENABLE ROW LEVEL SECURITY;
ALTER TABLE auditlog FORCE ROW LEVEL SECURITY;
-- A line is written by the scope's own user, for the scope's gemeente; id and time come from the
-- database, never from the writer.
CREATE POLICY schrijven_eigen_gemeente ON auditlog FOR INSERT
    WITH CHECK (gemeente = huidige_gemeente() AND gebruiker = huidige_gebruiker());
CREATE POLICY lezen_door_beheerder ON auditlog FOR SELECT USING (gemeente = huidige_gemeente() AND heeft_rol('beheerder'));
GRANT INSERT (gemeente, gebruiker, rol, actie, object_type, object_id, doel, resultaat, request_id) ON auditlog TO voorveld_service;
GRANT SELECT ON auditlog TO voorveld_service;
