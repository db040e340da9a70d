-- References are plain ASCII, so that a Latin and a Cyrillic reference that look the same can
-- never be two volunteers (issue 14). The same expression as `Tekstsoort.referentiePatroon` in
-- Sources/Voorveld/Registers/Invoer.swift, which explains a refusal as a field error first; a test
-- compares the two. NOT VALID: rows stored before this rule stay readable, and are checked again
-- when they are next changed, as the service does.
ALTER TABLE vrijwilligers ADD CONSTRAINT vrijwilligers_referentie_ascii
    CHECK (referentie COLLATE "C" ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$') NOT VALID;
ALTER TABLE voorzieningen ADD CONSTRAINT voorzieningen_referentie_ascii
    CHECK (referentie COLLATE "C" ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$') NOT VALID;
ALTER TABLE hulpvragen ADD CONSTRAINT hulpvragen_dossierreferentie_ascii
    CHECK (dossierreferentie COLLATE "C" ~ '^[A-Za-z0-9][A-Za-z0-9._/-]*$') NOT VALID;
