-- The registers: volunteers and algemene voorzieningen, maintained by the vrijwilligerssteunpunt.
--
-- Kernteamleden and the steunpunt of the gemeente read them, the steunpunt writes them; a
-- wethouder sees no person. (The figures functions count them too, as voorveld_cijfers: see
-- 05_cijfers.sql.)

DO $$
DECLARE
    tabel text;
BEGIN
    FOREACH tabel IN ARRAY ARRAY['vrijwilligers', 'vrijwilliger_kernen', 'vrijwilliger_leefgebieden', 'vrijwilliger_taken',
                                 'vrijwilliger_afwezigheden', 'voorzieningen', 'voorziening_kernen', 'voorziening_leefgebieden', 'voorziening_taken']
    LOOP
        EXECUTE format('DROP POLICY IF EXISTS lezen ON %I', tabel);
        EXECUTE format($f$CREATE POLICY lezen ON %I FOR SELECT
            USING (gemeente = (SELECT huidige_gemeente_voor('{kernteamlid,steunpunt}')))$f$, tabel);
        EXECUTE format('DROP POLICY IF EXISTS schrijven ON %I', tabel);
        EXECUTE format($f$CREATE POLICY schrijven ON %I FOR ALL
            USING (gemeente = (SELECT huidige_gemeente_voor('{steunpunt}')))
            WITH CHECK (gemeente = (SELECT huidige_gemeente_voor('{steunpunt}')))$f$, tabel);
    END LOOP;
END
$$;

-- A VOG's last valid day: the same date three years on (28 February for a 29th). The booking rule
-- (koppeling_regels) and the register's "VOG expires before" filter use it; Swift has the same,
-- `VOG.geldigTot`, and a test compares the two on the last valid day and 29 February.
CREATE OR REPLACE FUNCTION vog_geldig_tot(vog date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (vog + interval '3 years')::date
$$;
