-- A koppeling runs while it is proposed, accepted or started: then it holds a place of its
-- helper's capacity, and its helper cannot be proposed for the same hulpvraag again. This is the
-- one definition of the running statuses; the unique indexes below, the rules, the candidates and
-- the steunpunt's view (sql/definitions/04_koppelingen.sql) and the service's queries use it.
-- Swift's `KoppelingStatus.loopt` says the same, and a test compares the two for every status.
-- An index depends on it, so it lives with the tables: changing it needs a migration that
-- rebuilds these indexes.
CREATE FUNCTION koppeling_loopt(status koppelingstatus) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT status IN ('voorgesteld', 'geaccepteerd', 'gestart') $$;

-- One running koppeling per helper and hulpvraag.
DROP INDEX koppelingen_een_per_vrijwilliger;
CREATE UNIQUE INDEX koppelingen_een_per_vrijwilliger ON koppelingen (gemeente, hulpvraag, vrijwilliger)
    WHERE vrijwilliger IS NOT NULL AND koppeling_loopt(status);
DROP INDEX koppelingen_een_per_voorziening;
CREATE UNIQUE INDEX koppelingen_een_per_voorziening ON koppelingen (gemeente, hulpvraag, voorziening)
    WHERE voorziening IS NOT NULL AND koppeling_loopt(status);
