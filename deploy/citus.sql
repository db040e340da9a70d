-- Voorveld on Citus: one database for a national deployment, spread over worker nodes by gemeente.
--
-- Every table that holds a gemeente's data carries the gemeente as the first column of its primary
-- key and of every foreign key between such tables (DeployTests checks this on the migrated
-- schema, and that this file names every table), so each gemeente's rows live together on one
-- node and every query of the service, which always names the gemeente, goes to one node.
--
-- Run as the owner on the coordinator, after `voorveld migrate` and before loading data:
--   psql "$DATABASE_OWNER_URL" -v ON_ERROR_STOP=1 -f deploy/citus.sql
-- Untested here (no Citus on this machine), and known not to be enough yet: see "A national
-- deployment on Citus" in deploy/README.md (scope settings on workers, the login-name trigger,
-- token lookups on every node). Run the test suite against a Citus coordinator before real use. Citus needs triggers on distributed tables allowed
-- (citus.enable_unsafe_triggers = on): the counting triggers of sql/definitions/05_cijfers.sql only touch rows of the
-- same gemeente, so they stay on one node.
CREATE EXTENSION IF NOT EXISTS citus;

-- Code lists and the gemeenten themselves: small, read everywhere, a copy on every node.
SELECT create_reference_table('gemeenten');
-- Login names are unique across gemeenten (sql/migrations/001_baseline.sql), so they are kept here, on every node.
SELECT create_reference_table('gebruikersnamen');
SELECT create_reference_table('leefgebieden');
SELECT create_reference_table('zrm2010_leefgebieden');
SELECT create_reference_table('taken');
SELECT create_reference_table('afbreekredenen');
SELECT create_reference_table('uitkomsten');

-- Kept on the coordinator only: the migration bookkeeping, and failed logins (counted per name
-- and address, across gemeenten).
SELECT citus_add_local_table_to_metadata('schema_migrations');
SELECT citus_add_local_table_to_metadata('schema_definitions');
SELECT citus_add_local_table_to_metadata('mislukte_inlogpogingen');
-- Begun password logins (sql/definitions/01_toegang.sql), likewise: found by id, alive for minutes.
SELECT citus_add_local_table_to_metadata('inlogpogingen_open');

-- Everything per gemeente, co-located, parents before the tables that refer to them.
SELECT create_distributed_table('kernen', 'gemeente');
SELECT create_distributed_table('kernteams', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('gebruikers', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('auditlog', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('idempotentie', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('afgesloten_per_maand', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('ontvangen_per_maand', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('ontvangen_leefgebieden_per_maand', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('kern_buren', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('kernteam_kernen', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('gebruiker_rollen', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('kernteamleden', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('api_tokens', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('sessies', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('vrijwilligers', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('vrijwilliger_kernen', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('vrijwilliger_leefgebieden', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('vrijwilliger_taken', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('vrijwilliger_afwezigheden', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('voorzieningen', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('voorziening_kernen', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('voorziening_leefgebieden', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('voorziening_taken', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('hulpvragen', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('hulpvraag_leefgebieden', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('hulpvraag_taken', 'gemeente', colocate_with => 'kernen');
SELECT create_distributed_table('koppelingen', 'gemeente', colocate_with => 'kernen');
