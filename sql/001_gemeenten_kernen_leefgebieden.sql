-- Gemeenten, kernen, kernteams and the ZRM leefgebieden.
--
-- Every per-gemeente table carries the gemeente as the first column of its primary key and of
-- every foreign key. One gemeente can therefore never reference another's rows, and the schema
-- can be distributed by gemeente (Citus) without change.

CREATE TABLE gemeenten (
    code text PRIMARY KEY CHECK (code ~ '^GM[0-9]{4}$'),   -- CBS gemeentecode, e.g. GM1734
    naam text NOT NULL CHECK (btrim(naam) <> '')
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
    FOREIGN KEY (gemeente, kernteam) REFERENCES kernteams (gemeente, code)
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
