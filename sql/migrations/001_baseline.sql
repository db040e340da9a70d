-- The baseline: every table, type, key, constraint and index, and the roles and table rights.
--
-- The migrations 001 to 017 made before the first release were squashed into this one file
-- (2026-12-04); a database they built has exactly this schema and is taken over as it is (see
-- `Migrator`). From here on:
--   * a change to a table is a new file in this folder, applied once, in number order, never
--     edited after it was applied;
--   * functions, triggers, views and policies live in sql/definitions/, one file per area, each
--     object defined once; those files are applied again whenever one of them changes;
--   * sql/schema.sql is the whole schema as pg_dump prints it, and a test fails when the migrated
--     database differs from it, so every change shows in a review as a diff of that file.
-- The few functions that a CHECK or DEFAULT below needs are defined here, before their tables.
--
-- Every per-gemeente table carries the gemeente as the first column of its primary key and of
-- every foreign key. One gemeente can therefore never reference another's rows, and the schema
-- can be distributed by gemeente (Citus) without change.

-- Roles ------------------------------------------------------------------------------------------

-- The service connects as a login role that is a member of voorveld_service: it owns no table, has
-- only the rights granted here, and is always bound by row-level security (sql/definitions).
-- The figures functions belong to voorveld_cijfers: nobody logs in as it and the service is no
-- member of it, so a gemeente's rows are readable only while one of those functions runs, and
-- what leaves the function is a count. Roles belong to the whole cluster: another database may
-- have made them already, even right now.
DO $$
BEGIN
    CREATE ROLE voorveld_service NOLOGIN NOSUPERUSER NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;
DO $$
BEGIN
    CREATE ROLE voorveld_cijfers NOLOGIN NOSUPERUSER NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;
-- The owner hands the figures functions to that role, and so must be a member.
GRANT voorveld_cijfers TO CURRENT_USER;

GRANT USAGE ON SCHEMA public TO voorveld_service;
GRANT USAGE ON SCHEMA public TO voorveld_cijfers;
-- No temporary tables: a temp table can shadow a real one for code that trusts the search path.
DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;
-- So that a service without owner rights can tell that migrations are pending.
GRANT SELECT ON schema_migrations TO voorveld_service;

-- Gemeenten, kernen, kernteams and the ZRM leefgebieden --------------------------------------------

CREATE TABLE gemeenten (
    code text PRIMARY KEY CHECK (code ~ '^GM[0-9]{4}$'),   -- CBS gemeentecode, e.g. GM1734
    naam text NOT NULL CHECK (btrim(naam) <> ''),
    -- How many days after closing a solved hulpvraag the kernteam asks whether it is still solved
    -- (about three months unless the gemeente chose otherwise).
    nazorg_dagen integer NOT NULL DEFAULT 91 CHECK (nazorg_dagen BETWEEN 7 AND 730)
);

CREATE TABLE kernen (
    gemeente  text NOT NULL REFERENCES gemeenten (code),
    code      text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    naam      text NOT NULL CHECK (btrim(naam) <> ''),
    latitude  double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude double precision CHECK (longitude BETWEEN -180 AND 180),
    PRIMARY KEY (gemeente, code),
    UNIQUE (gemeente, naam),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);

-- Neighbouring kernen, stored in both directions so that a lookup needs one index scan.
CREATE TABLE kern_buren (
    gemeente text NOT NULL,
    kern     text NOT NULL,
    buur     text NOT NULL,
    PRIMARY KEY (gemeente, kern, buur),
    FOREIGN KEY (gemeente, kern) REFERENCES kernen (gemeente, code) ON DELETE CASCADE,
    FOREIGN KEY (gemeente, buur) REFERENCES kernen (gemeente, code) ON DELETE CASCADE,
    CHECK (kern <> buur)
);

CREATE TABLE kernteams (
    gemeente text NOT NULL REFERENCES gemeenten (code),
    code     text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    naam     text NOT NULL CHECK (btrim(naam) <> ''),
    PRIMARY KEY (gemeente, code),
    UNIQUE (gemeente, naam)
);

-- The kernteam that serves each kern. A kern has at most one team; a kern without a team of its
-- own (Randwijk, Valburg in Overbetuwe 2015) is served by a neighbouring team.
CREATE TABLE kernteam_kernen (
    gemeente text NOT NULL,
    kern     text NOT NULL,
    kernteam text NOT NULL,
    PRIMARY KEY (gemeente, kern),
    FOREIGN KEY (gemeente, kern) REFERENCES kernen (gemeente, code) ON DELETE CASCADE,
    FOREIGN KEY (gemeente, kernteam) REFERENCES kernteams (gemeente, code),
    -- For hulpvragen_kern_van_kernteam: a hulpvraag's kern is one its kernteam serves.
    CONSTRAINT kernteam_kernen_kern_kernteam UNIQUE (gemeente, kern, kernteam)
);
CREATE INDEX kernteam_kernen_by_team ON kernteam_kernen (gemeente, kernteam);

-- The 13 domains of the Zelfredzaamheidsmatrix 2017; the same for every gemeente.
CREATE TABLE leefgebieden (
    code     text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    naam     text NOT NULL UNIQUE,
    volgorde integer NOT NULL UNIQUE CHECK (volgorde > 0)
);

-- The older 11-domain ZRM (2010) mapped onto the 2017 domains; ADL split into two.
CREATE TABLE zrm2010_leefgebieden (
    zrm2010_code text NOT NULL CHECK (zrm2010_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    zrm2010_naam text NOT NULL,
    leefgebied   text NOT NULL REFERENCES leefgebieden (code),
    PRIMARY KEY (zrm2010_code, leefgebied)
);

-- Users, logins and the audit log ------------------------------------------------------------------

-- Login names are unique across gemeenten, so a login needs no gemeente. On a table spread over
-- nodes by gemeente (deploy/citus.sql) a unique key must include the gemeente, so that rule has a
-- table of its own: small and read-mostly (a reference table on Citus, copied to every node).
-- Adding a user reserves the name here first (trigger gebruikersnaam_reserveren); a reserved name
-- stays reserved when its user is removed. Only the owner adds users; the service never reads it.
CREATE TABLE gebruikersnamen (
    naam     text PRIMARY KEY,
    gemeente text NOT NULL REFERENCES gemeenten (code),
    UNIQUE (gemeente, naam)
);

CREATE TABLE gebruikers (
    gemeente         text NOT NULL REFERENCES gemeenten (code),
    naam             text NOT NULL CHECK (naam ~ '^[a-z0-9][a-z0-9._@-]{1,62}$'),
    weergavenaam     text NOT NULL CHECK (btrim(weergavenaam) <> ''),
    wachtwoord_hash  text CHECK (wachtwoord_hash ~ '^\$2[aby]\$'),   -- bcrypt; NULL: API tokens only
    aangemaakt_op    timestamptz NOT NULL DEFAULT now(),
    uitgeschakeld_op timestamptz,
    PRIMARY KEY (gemeente, naam),
    CONSTRAINT gebruikers_naam_gereserveerd FOREIGN KEY (gemeente, naam) REFERENCES gebruikersnamen (gemeente, naam)
);
-- Logins find a user by name alone.
CREATE INDEX gebruikers_naam ON gebruikers (naam);

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

-- API bearer tokens and web sessions. Only a SHA-256 hash of each secret is stored. The secrets
-- are 256 random bits, so two never share a hash; the key is per gemeente, and the lookup by hash
-- has an index of its own. (Only the demo seed chooses its own token texts, each different.)
CREATE TABLE api_tokens (
    gemeente       text NOT NULL,
    id             uuid NOT NULL DEFAULT gen_random_uuid(),
    gebruiker      text NOT NULL,
    hash           bytea NOT NULL CHECK (length(hash) = 32),
    omschrijving   text NOT NULL DEFAULT '',
    aangemaakt_op  timestamptz NOT NULL DEFAULT now(),
    verloopt_op    timestamptz NOT NULL,
    ingetrokken_op timestamptz,
    PRIMARY KEY (gemeente, id),
    FOREIGN KEY (gemeente, gebruiker) REFERENCES gebruikers (gemeente, naam) ON DELETE CASCADE,
    CONSTRAINT api_tokens_gemeente_hash_key UNIQUE (gemeente, hash)
);
CREATE INDEX api_tokens_hash ON api_tokens (hash);

-- A session keeps the limits it was started with, so that the database itself can tell whether it
-- is still valid, without trusting a number from the service on every use.
CREATE TABLE sessies (
    gemeente         text NOT NULL,
    hash             bytea NOT NULL CHECK (length(hash) = 32),
    gebruiker        text NOT NULL,
    aangemaakt_op    timestamptz NOT NULL DEFAULT now(),
    laatst_actief_op timestamptz NOT NULL DEFAULT now(),
    inactief         interval NOT NULL DEFAULT '30 minutes',
    maximaal         interval NOT NULL DEFAULT '10 hours',
    PRIMARY KEY (gemeente, hash),
    FOREIGN KEY (gemeente, gebruiker) REFERENCES gebruikers (gemeente, naam) ON DELETE CASCADE
);
CREATE INDEX sessies_hash ON sessies (hash);

-- Failed logins, per login name and per client address, for rate limiting. No gemeente: a
-- failed login may name no existing user.
CREATE TABLE mislukte_inlogpogingen (
    naam     text NOT NULL,
    adres    text NOT NULL,
    tijdstip timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mislukte_inlogpogingen_naam ON mislukte_inlogpogingen (naam, tijdstip);
CREATE INDEX mislukte_inlogpogingen_adres ON mislukte_inlogpogingen (adres, tijdstip);

-- Begun password logins (inlog_begin, inlog_afronden, inlog_uitkomst in sql/definitions).
CREATE TABLE inlogpogingen_open (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    naam         text NOT NULL,
    tijdstip     timestamptz NOT NULL DEFAULT clock_timestamp(),
    begonnen_in  xid8 NOT NULL DEFAULT pg_current_xact_id(),
    -- Set once, by inlog_afronden.
    ingediend_in xid8,
    gelukt       boolean,
    sessie       bytea,
    inactief     interval,
    maximaal     interval
);

-- The scope of a transaction, as huidige_toegang() finds it.
CREATE TYPE toegang AS (gemeente text, gebruiker text, rollen text[], kernteams text[]);

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

-- The registers: volunteers and algemene voorzieningen ---------------------------------------------

-- How long help is needed or offered. An enum, so that durations compare in order:
-- a volunteer fits a request when langste_inzet >= duur.
CREATE TYPE inzetduur AS ENUM ('eenmalig', 'kortdurend', 'langdurig', 'onbepaald');

-- The 21 dayparts of a week, e.g. 'di-ochtend'.
CREATE FUNCTION dagdelen_geldig(dagdelen text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$
        SELECT dagdelen <@ ARRAY[
            'ma-ochtend', 'ma-middag', 'ma-avond', 'di-ochtend', 'di-middag', 'di-avond',
            'wo-ochtend', 'wo-middag', 'wo-avond', 'do-ochtend', 'do-middag', 'do-avond',
            'vr-ochtend', 'vr-middag', 'vr-avond', 'za-ochtend', 'za-middag', 'za-avond',
            'zo-ochtend', 'zo-middag', 'zo-avond']::text[]
    $$;

-- Concrete tasks (administratie, vervoer, ...): one list for everyone, extended by a beheerder.
CREATE TABLE taken (
    code text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    naam text NOT NULL UNIQUE
);

-- References are plain ASCII, so that a Latin and a Cyrillic reference that look the same can
-- never be two volunteers (issue 14): the same expression as `Tekstsoort.referentiePatroon` in
-- Sources/Voorveld/Registers/Invoer.swift, which explains a refusal as a field error first; a test
-- compares the two. The three *_referentie_ascii checks are NOT VALID: rows stored before the rule
-- stay readable and are checked again when next changed, as the service does.

-- Volunteers, maintained by the vrijwilligerssteunpunt.
CREATE TABLE vrijwilligers (
    gemeente       text NOT NULL REFERENCES gemeenten (code),
    id             uuid NOT NULL DEFAULT gen_random_uuid(),
    referentie     text NOT NULL CHECK (btrim(referentie) <> ''),  -- the steunpunt's own key
    voornaam       text NOT NULL CHECK (btrim(voornaam) <> ''),
    achternaam     text NOT NULL CHECK (btrim(achternaam) <> ''),
    email          text CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    telefoon       text,
    kern           text NOT NULL,
    max_afstand_km integer CHECK (max_afstand_km BETWEEN 1 AND 100),
    beschikbaarheid text[] NOT NULL DEFAULT '{}' CHECK (dagdelen_geldig(beschikbaarheid)),
    langste_inzet  inzetduur NOT NULL,
    uren_per_week  integer NOT NULL CHECK (uren_per_week BETWEEN 1 AND 40),
    max_hulpvragen integer NOT NULL CHECK (max_hulpvragen BETWEEN 1 AND 20),
    vog_datum      date,
    status         text NOT NULL DEFAULT 'actief' CHECK (status IN ('actief', 'gepauzeerd', 'gestopt')),
    versie         integer NOT NULL DEFAULT 1,
    aangemaakt_op  timestamptz NOT NULL DEFAULT now(),
    gewijzigd_op   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (gemeente, id),
    UNIQUE (gemeente, referentie),
    FOREIGN KEY (gemeente, kern) REFERENCES kernen (gemeente, code)
);
ALTER TABLE vrijwilligers ADD CONSTRAINT vrijwilligers_referentie_ascii
    CHECK (referentie COLLATE "C" ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$') NOT VALID;
CREATE INDEX vrijwilligers_kern ON vrijwilligers (gemeente, kern);
-- Candidates within their distance (kandidaat_vrijwilligers).
CREATE INDEX vrijwilligers_kern_afstand ON vrijwilligers (gemeente, kern, max_afstand_km) WHERE max_afstand_km IS NOT NULL;

-- Other kernen a volunteer is willing to serve, beyond their own.
CREATE TABLE vrijwilliger_kernen (
    gemeente    text NOT NULL,
    vrijwilliger uuid NOT NULL,
    kern        text NOT NULL,
    PRIMARY KEY (gemeente, vrijwilliger, kern),
    FOREIGN KEY (gemeente, vrijwilliger) REFERENCES vrijwilligers (gemeente, id) ON DELETE CASCADE,
    FOREIGN KEY (gemeente, kern) REFERENCES kernen (gemeente, code)
);
CREATE INDEX vrijwilliger_kernen_kern ON vrijwilliger_kernen (gemeente, kern, vrijwilliger);

CREATE TABLE vrijwilliger_leefgebieden (
    gemeente     text NOT NULL,
    vrijwilliger uuid NOT NULL,
    leefgebied   text NOT NULL REFERENCES leefgebieden (code),
    PRIMARY KEY (gemeente, vrijwilliger, leefgebied),
    FOREIGN KEY (gemeente, vrijwilliger) REFERENCES vrijwilligers (gemeente, id) ON DELETE CASCADE
);

CREATE TABLE vrijwilliger_taken (
    gemeente     text NOT NULL,
    vrijwilliger uuid NOT NULL,
    taak         text NOT NULL REFERENCES taken (code),
    PRIMARY KEY (gemeente, vrijwilliger, taak),
    FOREIGN KEY (gemeente, vrijwilliger) REFERENCES vrijwilligers (gemeente, id) ON DELETE CASCADE
);

-- Periods a volunteer is away (holiday, illness): not proposed then.
CREATE TABLE vrijwilliger_afwezigheden (
    gemeente     text NOT NULL,
    vrijwilliger uuid NOT NULL,
    van          date NOT NULL,
    tot          date NOT NULL,
    PRIMARY KEY (gemeente, vrijwilliger, van),
    FOREIGN KEY (gemeente, vrijwilliger) REFERENCES vrijwilligers (gemeente, id) ON DELETE CASCADE,
    CHECK (tot >= van)
);
CREATE INDEX vrijwilliger_afwezigheden_tot ON vrijwilliger_afwezigheden (gemeente, vrijwilliger, tot);

-- Algemene voorzieningen: open to everyone, no indication needed.
CREATE TABLE voorzieningen (
    gemeente          text NOT NULL REFERENCES gemeenten (code),
    id                uuid NOT NULL DEFAULT gen_random_uuid(),
    referentie        text NOT NULL CHECK (btrim(referentie) <> ''),
    aanbieder         text NOT NULL CHECK (btrim(aanbieder) <> ''),
    naam              text NOT NULL CHECK (btrim(naam) <> ''),
    omschrijving      text NOT NULL DEFAULT '',
    hele_gemeente     boolean NOT NULL DEFAULT false,  -- serves every kern of the gemeente
    openingsdagdelen  text[] NOT NULL DEFAULT '{}' CHECK (dagdelen_geldig(openingsdagdelen)),
    leeftijdsgroep    text NOT NULL DEFAULT 'iedereen' CHECK (leeftijdsgroep IN ('jeugd', 'volwassenen', 'ouderen', 'iedereen')),
    capaciteit        integer CHECK (capaciteit > 0),   -- NULL: not limited
    contact           text NOT NULL DEFAULT '',
    laatst_geverifieerd date NOT NULL,
    versie            integer NOT NULL DEFAULT 1,
    aangemaakt_op     timestamptz NOT NULL DEFAULT now(),
    gewijzigd_op      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (gemeente, id),
    UNIQUE (gemeente, referentie)
);
ALTER TABLE voorzieningen ADD CONSTRAINT voorzieningen_referentie_ascii
    CHECK (referentie COLLATE "C" ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$') NOT VALID;

CREATE TABLE voorziening_kernen (
    gemeente    text NOT NULL,
    voorziening uuid NOT NULL,
    kern        text NOT NULL,
    PRIMARY KEY (gemeente, voorziening, kern),
    FOREIGN KEY (gemeente, voorziening) REFERENCES voorzieningen (gemeente, id) ON DELETE CASCADE,
    FOREIGN KEY (gemeente, kern) REFERENCES kernen (gemeente, code)
);

CREATE TABLE voorziening_leefgebieden (
    gemeente    text NOT NULL,
    voorziening uuid NOT NULL,
    leefgebied  text NOT NULL REFERENCES leefgebieden (code),
    PRIMARY KEY (gemeente, voorziening, leefgebied),
    FOREIGN KEY (gemeente, voorziening) REFERENCES voorzieningen (gemeente, id) ON DELETE CASCADE
);

CREATE TABLE voorziening_taken (
    gemeente    text NOT NULL,
    voorziening uuid NOT NULL,
    taak        text NOT NULL REFERENCES taken (code),
    PRIMARY KEY (gemeente, voorziening, taak),
    FOREIGN KEY (gemeente, voorziening) REFERENCES voorzieningen (gemeente, id) ON DELETE CASCADE
);

-- Hulpvragen and their outcomes --------------------------------------------------------------------

-- The fixed list of outcomes, with what each means for the two voorliggend-veld percentages:
--   (a) solved with the voorliggend veld only, (b) solved with the voorliggend veld involved
--   (also together with maatwerk); both as a share of closed hulpvragen with an outcome that
--   counts (withdrawn ones are reported apart). An outcome that involves the voorliggend veld
--   counts in the percentages. Changing an outcome's flags later needs a recount
--   (cijfers_per_maand_opbouwen).
CREATE TABLE uitkomsten (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    naam        text NOT NULL UNIQUE,
    volgorde    integer NOT NULL UNIQUE,
    alleen_voorliggend_veld boolean NOT NULL,
    voorliggend_veld_betrokken boolean NOT NULL,
    telt_mee    boolean NOT NULL,   -- in the denominator of both percentages
    CHECK (NOT alleen_voorliggend_veld OR voorliggend_veld_betrokken),
    CONSTRAINT uitkomsten_betrokken_telt_mee CHECK (NOT voorliggend_veld_betrokken OR telt_mee)
);
INSERT INTO uitkomsten (code, naam, volgorde, alleen_voorliggend_veld, voorliggend_veld_betrokken, telt_mee) VALUES
    ('opgelost-voorliggend-veld', 'Opgelost met alleen het voorliggend veld', 1, true, true, true),
    ('opgelost-voorliggend-veld-en-maatwerk', 'Opgelost met voorliggend veld en maatwerk', 2, false, true, true),
    ('loket-maatwerk-met-voorwerk', 'Doorverwezen naar het loket voor maatwerk, met voorwerk (ondersteuningsplan)', 3, false, false, true),
    ('loket-maatwerk', 'Doorverwezen naar het loket voor maatwerk, zonder voorwerk', 4, false, false, true),
    ('elders-doorverwezen', 'Elders doorverwezen', 5, false, false, true),
    ('niet-opgelost', 'Niet opgelost', 6, false, false, true),
    ('ingetrokken', 'Ingetrokken', 7, false, false, false);

-- The parts of the voorliggend veld that solved it; more than one is a combination.
CREATE FUNCTION onderdelen_geldig(onderdelen text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$
        SELECT onderdelen <@ ARRAY['eigen-kracht', 'netwerk', 'vrijwilliger', 'algemene-voorziening']::text[]
    $$;

-- A hulpvraag's record key for disclosure control (cell-key perturbation, sql/definitions/
-- 05_cijfers.sql): 32 random bits, from the same source as gen_random_uuid() (the first 8 hex
-- digits of a version 4 UUID are random).
CREATE FUNCTION nieuwe_celsleutel() RETURNS bigint
    LANGUAGE sql VOLATILE AS $$ SELECT ('x' || substr(pg_catalog.gen_random_uuid()::text, 1, 8))::bit(32)::bigint $$;

-- Hulpvragen: the resident appears only minimally (a reference to the municipality's own
-- dossier, initials, year of birth; never a BSN).
CREATE TABLE hulpvragen (
    gemeente               text NOT NULL REFERENCES gemeenten (code),
    id                     uuid NOT NULL DEFAULT gen_random_uuid(),
    dossierreferentie      text CHECK (btrim(dossierreferentie) <> ''),
    initialen              text NOT NULL CHECK (initialen ~ '^[A-Za-zÀ-ÿ. -]{1,12}$'),
    geboortejaar           integer CHECK (geboortejaar BETWEEN 1900 AND 2100),
    regisseur              text NOT NULL,     -- the kernteamlid who is the resident's single point of contact
    kernteam               text NOT NULL,
    kern                   text NOT NULL,
    kanaal                 text NOT NULL CHECK (kanaal IN ('telefoon', 'e-mail', 'inloopspreekuur', 'melding-derde', 'via-loket')),
    ontvangen_op           date NOT NULL,
    dagdelen               text[] NOT NULL DEFAULT '{}' CHECK (dagdelen_geldig(dagdelen)),
    duur                   inzetduur NOT NULL,
    uren_per_week          integer CHECK (uren_per_week BETWEEN 1 AND 40),
    jeugd                  boolean NOT NULL DEFAULT false,   -- mainly about a young person under 18
    toestemming_vrijwilliger boolean NOT NULL DEFAULT false, -- the resident agrees a volunteer is involved
    gezamenlijk_huisbezoek boolean NOT NULL DEFAULT false,   -- a joint home visit with the loket took place
    veilig_thuis           boolean NOT NULL DEFAULT false,   -- a Veilig Thuis signal: to the loket, never to a volunteer
    omschrijving           text NOT NULL DEFAULT '' CHECK (length(omschrijving) <= 2000),
    status                 text NOT NULL DEFAULT 'nieuw' CHECK (status IN ('nieuw', 'in-behandeling', 'gekoppeld', 'afgesloten')),
    doorverwezen_naar_loket boolean NOT NULL DEFAULT false,
    versie                 integer NOT NULL DEFAULT 1,
    aangemaakt_op          timestamptz NOT NULL DEFAULT now(),
    gewijzigd_op           timestamptz NOT NULL DEFAULT now(),
    -- Closing and nazorg.
    uitkomst               text REFERENCES uitkomsten (code),
    onderdelen             text[] NOT NULL DEFAULT '{}' CHECK (onderdelen_geldig(onderdelen)),
    afgesloten_op          date,
    nazorg_op              date,       -- when to ask whether it is still solved
    nazorg_opgelost        boolean,    -- the answer, once asked
    nazorg_vastgelegd_op   date,
    -- A return: a new hulpvraag of a resident (same dossier) received by the same kernteam within
    -- the nazorg period of an earlier, closed one. Decided when it is registered, and again only
    -- when its dossier, date received or kernteam changes (trigger hulpvraag_terugkeer); a kernteam
    -- learns nothing of other teams' hulpvragen.
    terugkeer              boolean NOT NULL DEFAULT false,
    -- The record key, drawn by the database (trigger hulpvraag_celsleutel).
    celsleutel             bigint NOT NULL DEFAULT nieuwe_celsleutel() CHECK (celsleutel BETWEEN 0 AND 4294967295),
    PRIMARY KEY (gemeente, id),
    FOREIGN KEY (gemeente, kernteam) REFERENCES kernteams (gemeente, code),
    FOREIGN KEY (gemeente, kern) REFERENCES kernen (gemeente, code),
    FOREIGN KEY (gemeente, regisseur) REFERENCES gebruikers (gemeente, naam),
    -- A hulpvraag's kern is one its kernteam serves.
    CONSTRAINT hulpvragen_kern_van_kernteam FOREIGN KEY (gemeente, kern, kernteam) REFERENCES kernteam_kernen (gemeente, kern, kernteam),
    -- A Veilig Thuis signal goes to the loket at once.
    CHECK (NOT veilig_thuis OR doorverwezen_naar_loket),
    -- Closed exactly when it has an outcome and a closing date; a reopened hulpvraag has neither,
    -- and an outcome always comes with its closing date (the figures rely on both).
    CONSTRAINT hulpvragen_afsluiting CHECK ((status = 'afgesloten') = (uitkomst IS NOT NULL AND afgesloten_op IS NOT NULL)),
    CONSTRAINT hulpvragen_uitkomst_met_datum CHECK ((uitkomst IS NULL) = (afgesloten_op IS NULL)),
    CONSTRAINT hulpvragen_nazorg CHECK (nazorg_op IS NULL OR afgesloten_op IS NOT NULL AND nazorg_op >= afgesloten_op),
    CONSTRAINT hulpvragen_nazorg_antwoord CHECK ((nazorg_opgelost IS NULL) = (nazorg_vastgelegd_op IS NULL))
);
ALTER TABLE hulpvragen ADD CONSTRAINT hulpvragen_dossierreferentie_ascii
    CHECK (dossierreferentie COLLATE "C" ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$') NOT VALID;
CREATE INDEX hulpvragen_kernteam ON hulpvragen (gemeente, kernteam, status);
-- Lists of hulpvragen are per kernteam and status, newest first.
CREATE INDEX hulpvragen_ontvangen ON hulpvragen (gemeente, kernteam, ontvangen_op DESC);
CREATE INDEX hulpvragen_afgesloten ON hulpvragen (gemeente, afgesloten_op) WHERE afgesloten_op IS NOT NULL;
CREATE INDEX hulpvragen_dossier ON hulpvragen (gemeente, dossierreferentie) WHERE dossierreferentie IS NOT NULL;
-- The partial months at the ends of a figures period, read from the rows.
CREATE INDEX hulpvragen_ontvangen_gemeente ON hulpvragen (gemeente, ontvangen_op);

-- The leefgebieden a hulpvraag touches, with the optional ZRM score (1-5) at intake and at closing.
CREATE TABLE hulpvraag_leefgebieden (
    gemeente   text NOT NULL,
    hulpvraag  uuid NOT NULL,
    leefgebied text NOT NULL REFERENCES leefgebieden (code),
    zrm_score  smallint CHECK (zrm_score BETWEEN 1 AND 5),
    zrm_score_afsluiting smallint CHECK (zrm_score_afsluiting BETWEEN 1 AND 5),
    PRIMARY KEY (gemeente, hulpvraag, leefgebied),
    FOREIGN KEY (gemeente, hulpvraag) REFERENCES hulpvragen (gemeente, id) ON DELETE CASCADE
);

CREATE TABLE hulpvraag_taken (
    gemeente  text NOT NULL,
    hulpvraag uuid NOT NULL,
    taak      text NOT NULL REFERENCES taken (code),
    PRIMARY KEY (gemeente, hulpvraag, taak),
    FOREIGN KEY (gemeente, hulpvraag) REFERENCES hulpvragen (gemeente, id) ON DELETE CASCADE
);

-- A retried create with the same Idempotency-Key returns the first answer instead of a duplicate.
-- The key keeps status, Location and ETag of the first answer, not its body: a replay reads the
-- record again, through row-level security and the audit log. Keys are kept a day; the retention
-- command, as the owner, removes older ones.
CREATE TABLE idempotentie (
    gemeente     text NOT NULL REFERENCES gemeenten (code),
    sleutel      text NOT NULL CHECK (length(sleutel) BETWEEN 1 AND 200),
    gebruiker    text NOT NULL,
    verzoek_hash text NOT NULL,
    status       integer NOT NULL,
    locatie      text,
    aangemaakt_op timestamptz NOT NULL DEFAULT now(),
    etag         text,
    PRIMARY KEY (gemeente, gebruiker, sleutel)
);
CREATE INDEX idempotentie_leeftijd ON idempotentie (aangemaakt_op);

-- Koppelingen ----------------------------------------------------------------------------------------

-- A volunteer or an algemene voorziening linked to a hulpvraag, from proposal to completion or
-- break-off.
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

-- The figures counted per month ------------------------------------------------------------------

-- Kept current by triggers (sql/definitions/05_cijfers.sql), so that the wethouder's figures read a
-- few hundred rows however many hulpvragen a gemeente has. Counts only; never a person. Beside
-- every count the sum of the record keys of the hulpvragen it counts (a bigint: 2^32 times any
-- number of hulpvragen fits).

-- Closed hulpvragen, per gemeente, month of closing and kernteam: the counts of every group a
-- figure can be split by (indeling 'totaal', 'kern', 'kanaal', 'jeugd' or 'leefgebied'; a
-- hulpvraag with several leefgebieden counts once under each), with their nazorg.
CREATE TABLE afgesloten_per_maand (
    gemeente    text NOT NULL REFERENCES gemeenten (code),
    indeling    text NOT NULL CHECK (indeling IN ('totaal', 'kern', 'kanaal', 'jeugd', 'leefgebied')),
    maand       date NOT NULL CHECK (maand = date_trunc('month', maand)::date),
    kernteam    text NOT NULL,
    waarde      text NOT NULL,
    afgesloten  integer NOT NULL CHECK (afgesloten >= 0),
    telt_mee    integer NOT NULL CHECK (telt_mee BETWEEN 0 AND afgesloten),
    alleen      integer NOT NULL CHECK (alleen BETWEEN 0 AND betrokken),
    betrokken   integer NOT NULL CHECK (betrokken BETWEEN 0 AND telt_mee),
    ingetrokken integer NOT NULL CHECK (ingetrokken = afgesloten - telt_mee),
    nazorg_gevraagd integer NOT NULL CHECK (nazorg_gevraagd BETWEEN 0 AND afgesloten),
    nazorg_opgelost integer NOT NULL CHECK (nazorg_opgelost BETWEEN 0 AND nazorg_gevraagd),
    afgesloten_sleutel      bigint NOT NULL DEFAULT 0,
    telt_mee_sleutel        bigint NOT NULL DEFAULT 0,
    alleen_sleutel          bigint NOT NULL DEFAULT 0,
    betrokken_sleutel       bigint NOT NULL DEFAULT 0,
    ingetrokken_sleutel     bigint NOT NULL DEFAULT 0,
    nazorg_gevraagd_sleutel bigint NOT NULL DEFAULT 0,
    nazorg_opgelost_sleutel bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (gemeente, indeling, maand, kernteam, waarde)
);
-- Across gemeenten (a national or regional overview).
CREATE INDEX afgesloten_per_maand_landelijk ON afgesloten_per_maand (indeling, maand);

-- New hulpvragen, per gemeente, month received, kernteam, kanaal, youth and joint home visit; and
-- how many of them were a return (see hulpvragen.terugkeer).
CREATE TABLE ontvangen_per_maand (
    gemeente   text NOT NULL REFERENCES gemeenten (code),
    maand      date NOT NULL CHECK (maand = date_trunc('month', maand)::date),
    kernteam   text NOT NULL,
    kanaal     text NOT NULL,
    jeugd      boolean NOT NULL,
    huisbezoek boolean NOT NULL,
    aantal     integer NOT NULL CHECK (aantal >= 0),
    terugkeer  integer NOT NULL CHECK (terugkeer BETWEEN 0 AND aantal),
    aantal_sleutel    bigint NOT NULL DEFAULT 0,
    terugkeer_sleutel bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (gemeente, maand, kernteam, kanaal, jeugd, huisbezoek)
);

-- New hulpvragen per leefgebied and kern (once under each of a hulpvraag's leefgebieden).
CREATE TABLE ontvangen_leefgebieden_per_maand (
    gemeente   text NOT NULL REFERENCES gemeenten (code),
    maand      date NOT NULL CHECK (maand = date_trunc('month', maand)::date),
    kernteam   text NOT NULL,
    kern       text NOT NULL,
    leefgebied text NOT NULL,
    aantal     integer NOT NULL CHECK (aantal >= 0),
    aantal_sleutel bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (gemeente, maand, kernteam, kern, leefgebied)
);

-- Row-level security ---------------------------------------------------------------------------------

-- Which tables are bound by row-level security. The policies themselves are in sql/definitions.
-- FORCE applies them to the table owner too, so maintenance (seed loading, retention) also works
-- one gemeente at a time. Not FORCEd, because the owner's functions must read across the scope:
-- the users' tables (a login must find a user before any gemeente is known), koppelingen (a
-- volunteer's koppelingen are counted across kernteams for capacity and load, without showing
-- them) and idempotentie (retention removes old keys of every user).
DO $$
DECLARE
    tabel text;
BEGIN
    FOREACH tabel IN ARRAY ARRAY['gemeenten', 'kernen', 'kern_buren', 'kernteams', 'kernteam_kernen', 'auditlog',
                                 'vrijwilligers', 'vrijwilliger_kernen', 'vrijwilliger_leefgebieden', 'vrijwilliger_taken',
                                 'vrijwilliger_afwezigheden', 'voorzieningen', 'voorziening_kernen', 'voorziening_leefgebieden',
                                 'voorziening_taken', 'hulpvragen', 'hulpvraag_leefgebieden', 'hulpvraag_taken']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tabel);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tabel);
    END LOOP;
    FOREACH tabel IN ARRAY ARRAY['gebruikers', 'gebruiker_rollen', 'kernteamleden', 'api_tokens', 'sessies', 'mislukte_inlogpogingen',
                                 'inlogpogingen_open', 'idempotentie', 'koppelingen',
                                 'afgesloten_per_maand', 'ontvangen_per_maand', 'ontvangen_leefgebieden_per_maand']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tabel);
    END LOOP;
END
$$;

-- Rights on tables -----------------------------------------------------------------------------------

-- The service: the gebieden and code lists (the ZRM lists, taken, uitkomsten and afbreekredenen
-- are the same for everyone and hold nothing personal).
GRANT SELECT ON gemeenten, kernen, kern_buren, kernteams, kernteam_kernen TO voorveld_service;
GRANT SELECT ON leefgebieden, zrm2010_leefgebieden TO voorveld_service;
GRANT SELECT ON taken, uitkomsten, afbreekredenen TO voorveld_service;
-- Users of its own gemeente (never the password hash column) and the roles; tokens and sessions it
-- reaches only through the functions in sql/definitions/01_toegang.sql.
GRANT SELECT (gemeente, naam, weergavenaam, aangemaakt_op, uitgeschakeld_op) ON gebruikers TO voorveld_service;
GRANT SELECT ON gebruiker_rollen, kernteamleden TO voorveld_service;
GRANT INSERT (gemeente, gebruiker, rol, actie, object_type, object_id, doel, resultaat, request_id) ON auditlog TO voorveld_service;
GRANT SELECT ON auditlog TO voorveld_service;
-- The registers, hulpvragen and koppelingen, row by row as the policies allow.
GRANT SELECT, INSERT, UPDATE, DELETE ON vrijwilligers, vrijwilliger_kernen, vrijwilliger_leefgebieden, vrijwilliger_taken,
    vrijwilliger_afwezigheden, voorzieningen, voorziening_kernen, voorziening_leefgebieden, voorziening_taken TO voorveld_service;
GRANT SELECT, INSERT, UPDATE ON hulpvragen, hulpvraag_leefgebieden, hulpvraag_taken TO voorveld_service;
GRANT DELETE ON hulpvraag_leefgebieden, hulpvraag_taken TO voorveld_service;
GRANT SELECT, INSERT ON idempotentie TO voorveld_service;
GRANT SELECT, INSERT, UPDATE ON koppelingen TO voorveld_service;

-- The figures functions and counting triggers, as voorveld_cijfers: they read demand and supply
-- (for the gaps) and keep the monthly counts, on which the service has no rights at all.
GRANT SELECT ON hulpvragen, hulpvraag_leefgebieden, uitkomsten, kernen, kernteams, kernteam_kernen, leefgebieden TO voorveld_cijfers;
GRANT SELECT ON vrijwilligers, vrijwilliger_leefgebieden, vrijwilliger_kernen, voorzieningen, voorziening_leefgebieden,
                voorziening_kernen TO voorveld_cijfers;
GRANT SELECT, INSERT, UPDATE ON afgesloten_per_maand, ontvangen_per_maand, ontvangen_leefgebieden_per_maand TO voorveld_cijfers;
