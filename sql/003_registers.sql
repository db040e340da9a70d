-- The registers: volunteers, algemene voorzieningen and hulpvragen, with the code lists they use.

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
GRANT SELECT ON taken TO voorveld_service;

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
CREATE INDEX vrijwilligers_kern ON vrijwilligers (gemeente, kern);

-- Other kernen a volunteer is willing to serve, beyond their own.
CREATE TABLE vrijwilliger_kernen (
    gemeente    text NOT NULL,
    vrijwilliger uuid NOT NULL,
    kern        text NOT NULL,
    PRIMARY KEY (gemeente, vrijwilliger, kern),
    FOREIGN KEY (gemeente, vrijwilliger) REFERENCES vrijwilligers (gemeente, id) ON DELETE CASCADE,
    FOREIGN KEY (gemeente, kern) REFERENCES kernen (gemeente, code)
);

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
    PRIMARY KEY (gemeente, id),
    FOREIGN KEY (gemeente, kernteam) REFERENCES kernteams (gemeente, code),
    FOREIGN KEY (gemeente, kern) REFERENCES kernen (gemeente, code),
    FOREIGN KEY (gemeente, regisseur) REFERENCES gebruikers (gemeente, naam),
    -- A Veilig Thuis signal goes to the loket at once.
    CHECK (NOT veilig_thuis OR doorverwezen_naar_loket)
);
CREATE INDEX hulpvragen_kernteam ON hulpvragen (gemeente, kernteam, status);

-- The leefgebieden a hulpvraag touches, with the optional ZRM score (1-5) at intake.
CREATE TABLE hulpvraag_leefgebieden (
    gemeente   text NOT NULL,
    hulpvraag  uuid NOT NULL,
    leefgebied text NOT NULL REFERENCES leefgebieden (code),
    zrm_score  smallint CHECK (zrm_score BETWEEN 1 AND 5),
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
CREATE TABLE idempotentie (
    gemeente     text NOT NULL REFERENCES gemeenten (code),
    sleutel      text NOT NULL CHECK (length(sleutel) BETWEEN 1 AND 200),
    gebruiker    text NOT NULL,
    verzoek_hash text NOT NULL,
    status       integer NOT NULL,
    antwoord     text NOT NULL,
    locatie      text,
    aangemaakt_op timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (gemeente, gebruiker, sleutel)
);

-- Row-level security. Volunteers and voorzieningen: kernteamleden and the steunpunt of the
-- gemeente read them, the steunpunt writes them; a wethouder sees no person. Hulpvragen: only
-- the kernteamleden of the hulpvraag's own kernteam.
DO $$
DECLARE
    tabel text;
BEGIN
    FOREACH tabel IN ARRAY ARRAY['vrijwilligers', 'vrijwilliger_kernen', 'vrijwilliger_leefgebieden', 'vrijwilliger_taken',
                                 'vrijwilliger_afwezigheden', 'voorzieningen', 'voorziening_kernen', 'voorziening_leefgebieden',
                                 'voorziening_taken', 'hulpvragen', 'hulpvraag_leefgebieden', 'hulpvraag_taken', 'idempotentie']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tabel);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tabel);
    END LOOP;
    FOREACH tabel IN ARRAY ARRAY['vrijwilligers', 'vrijwilliger_kernen', 'vrijwilliger_leefgebieden', 'vrijwilliger_taken',
                                 'vrijwilliger_afwezigheden', 'voorzieningen', 'voorziening_kernen', 'voorziening_leefgebieden', 'voorziening_taken']
    LOOP
        EXECUTE format($f$CREATE POLICY lezen ON %I FOR SELECT
            USING (gemeente = huidige_gemeente() AND (heeft_rol('kernteamlid') OR heeft_rol('steunpunt')))$f$, tabel);
        EXECUTE format($f$CREATE POLICY schrijven ON %I FOR ALL
            USING (gemeente = huidige_gemeente() AND heeft_rol('steunpunt'))
            WITH CHECK (gemeente = huidige_gemeente() AND heeft_rol('steunpunt'))$f$, tabel);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO voorveld_service', tabel);
    END LOOP;
END
$$;

CREATE POLICY eigen_kernteam ON hulpvragen
    USING (gemeente = huidige_gemeente() AND heeft_rol('kernteamlid') AND in_kernteam(kernteam));
-- The detail rows follow their hulpvraag: visible exactly when it is.
CREATE POLICY eigen_kernteam ON hulpvraag_leefgebieden
    USING (gemeente = huidige_gemeente() AND EXISTS (SELECT 1 FROM hulpvragen h WHERE h.gemeente = hulpvraag_leefgebieden.gemeente AND h.id = hulpvraag));
CREATE POLICY eigen_kernteam ON hulpvraag_taken
    USING (gemeente = huidige_gemeente() AND EXISTS (SELECT 1 FROM hulpvragen h WHERE h.gemeente = hulpvraag_taken.gemeente AND h.id = hulpvraag));
GRANT SELECT, INSERT, UPDATE ON hulpvragen, hulpvraag_leefgebieden, hulpvraag_taken TO voorveld_service;
GRANT DELETE ON hulpvraag_leefgebieden, hulpvraag_taken TO voorveld_service;

CREATE POLICY eigen_gebruiker ON idempotentie
    USING (gemeente = huidige_gemeente() AND gebruiker = huidige_gebruiker());
GRANT SELECT, INSERT ON idempotentie TO voorveld_service;
