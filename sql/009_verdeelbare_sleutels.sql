-- Keys a distributed database can keep (deploy/citus.sql): on a table spread over nodes by
-- gemeente, a unique key must include the gemeente. Three did not:
--
-- Login names are unique across gemeenten, so a login needs no gemeente. That rule moves to a
-- table of its own, `gebruikersnamen`, which is small and read-mostly (a reference table on Citus,
-- copied to every node); adding a user reserves the name there first.
CREATE TABLE gebruikersnamen (
    naam     text PRIMARY KEY,
    gemeente text NOT NULL REFERENCES gemeenten (code),
    UNIQUE (gemeente, naam)
);
INSERT INTO gebruikersnamen (naam, gemeente) SELECT naam, gemeente FROM gebruikers;

-- Only the owner adds users (`voorveld users add`); the service never reads this table.
CREATE FUNCTION gebruikersnaam_reserveren() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    INSERT INTO gebruikersnamen (naam, gemeente) VALUES (NEW.naam, NEW.gemeente) ON CONFLICT (naam) DO NOTHING;
    IF NOT EXISTS (SELECT 1 FROM gebruikersnamen WHERE naam = NEW.naam AND gemeente = NEW.gemeente) THEN
        RAISE unique_violation USING CONSTRAINT = 'gebruikersnamen_pkey',
            MESSAGE = format('de gebruikersnaam %s hoort al bij een andere gemeente', NEW.naam);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER gebruikersnaam_reserveren BEFORE INSERT OR UPDATE OF naam, gemeente ON gebruikers
    FOR EACH ROW EXECUTE FUNCTION gebruikersnaam_reserveren();
ALTER TABLE gebruikers ADD CONSTRAINT gebruikers_naam_gereserveerd
    FOREIGN KEY (gemeente, naam) REFERENCES gebruikersnamen (gemeente, naam);
DROP INDEX gebruikers_naam_uniek;
-- Logins still find a user by name alone.
CREATE INDEX gebruikers_naam ON gebruikers (naam);

-- Tokens and sessions are found by the hash of their secret. The secrets are 256 random bits,
-- so two never share a hash; the key is per gemeente, and the lookup has an index of its own.
-- Only the demo seed chooses its own token texts, each different. A reserved login name stays
-- reserved when its user is removed.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_hash_key;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_gemeente_hash_key UNIQUE (gemeente, hash);
CREATE INDEX api_tokens_hash ON api_tokens (hash);
ALTER TABLE sessies DROP CONSTRAINT sessies_hash_key;
CREATE INDEX sessies_hash ON sessies (hash);
