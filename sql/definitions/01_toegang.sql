-- Access: whose scope a transaction has, logins, the users' and gebieden's policies, the audit
-- log's policies.
--
-- Row-level security is a second line that holds against the service's own credentials. For
-- every connection but the owner's, a transaction's scope comes only from a user's secret:
-- `voorveld.bewijs` holds 't:' and an API token or 's:' and a web session secret, which
-- huidige_toegang() hashes and looks up in tables the service cannot read. Whatever the service
-- sets in the other settings is ignored. (The secret, not its stored hash: a copy of the tables, a
-- backup or a replica's files, together with the service's credentials, is still no way in.)
-- With no valid proof, every policy matches no row.
--
-- The owner (migrations, seed loading, the operator's commands, retention) sets its scope itself
-- with set_config(..., true):
--   voorveld.gemeente   the gemeente code       voorveld.gebruiker  the user's login name
--   voorveld.rollen     roles, comma-separated  voorveld.kernteams  kernteam codes, comma-separated
-- It owns the tables and could lift row-level security anyway, so the settings are only its own
-- seat belt, one gemeente at a time.
--
-- Passwords: the service never reads a password hash. It gets only the bcrypt salt (cost and 22
-- characters, which bcrypt does not keep secret), computes the hash of the password it was given,
-- and hands that to inlog_afronden(), which compares it with the stored hash; only then does a
-- session start. Without the right password there is no session, and with the service's
-- credentials no hash to crack offline. Every guess needs its own attempt, begun (and counted by
-- the lockout) at most five minutes before and used once, and its outcome is told only once the
-- guess is committed; the lockout's window and limits and a session's lifetime can be made
-- stricter by the service, never looser than the documented ones.
--
-- Like every file in sql/definitions, this one is applied again whenever any of them changes:
-- each statement can run again (CREATE OR REPLACE, DROP ... IF EXISTS before CREATE).

-- So that a service without owner rights can tell that definitions are pending (see Migrator).
GRANT SELECT ON schema_definitions TO voorveld_service;

-- The scope of the current transaction. For the owner (and a superuser) the settings; for anyone
-- else what the proof in voorveld.bewijs shows, or nothing (NULL: every policy then matches no
-- row). Inside this SECURITY DEFINER function current_user is the owner, so "is the session's
-- login the owner" is pg_has_role(session_user, current_user).
CREATE OR REPLACE FUNCTION huidige_toegang() RETURNS toegang
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;

-- The helpers every policy and rule uses, read from huidige_toegang(). Policies call them
-- inside a scalar subquery, (SELECT huidige_gemeente()), so that PostgreSQL evaluates each once
-- per statement instead of once per row. They name every function and operator with its schema:
-- PostgreSQL inlines them into the caller's query, where the caller's search_path would otherwise
-- decide what `&&` or huidige_toegang() means. (A SET search_path clause would do the same, but
-- stops the inlining and costs a settings change on every call.)
CREATE OR REPLACE FUNCTION huidige_gemeente() RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT (public.huidige_toegang()).gemeente $$;
CREATE OR REPLACE FUNCTION huidige_gebruiker() RETURNS text
    LANGUAGE sql STABLE AS $$ SELECT (public.huidige_toegang()).gebruiker $$;
CREATE OR REPLACE FUNCTION huidige_rollen() RETURNS text[]
    LANGUAGE sql STABLE AS $$ SELECT coalesce((public.huidige_toegang()).rollen, '{}') $$;
CREATE OR REPLACE FUNCTION huidige_kernteams() RETURNS text[]
    LANGUAGE sql STABLE AS $$ SELECT coalesce((public.huidige_toegang()).kernteams, '{}') $$;
-- The gemeente in scope when the scope holds one of `rollen`, else NULL: a policy that needs a
-- role asks for both at once, in one lookup.
CREATE OR REPLACE FUNCTION huidige_gemeente_voor(rollen text[]) RETURNS text
    LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN t.rollen OPERATOR(pg_catalog.&&) huidige_gemeente_voor.rollen THEN t.gemeente END FROM public.huidige_toegang() t
$$;
CREATE OR REPLACE FUNCTION heeft_rol(rol text) RETURNS boolean
    LANGUAGE sql STABLE AS $$ SELECT rol OPERATOR(pg_catalog.=) ANY (public.huidige_rollen()) $$;
CREATE OR REPLACE FUNCTION in_kernteam(kernteam text) RETURNS boolean
    LANGUAGE sql STABLE AS $$ SELECT kernteam OPERATOR(pg_catalog.=) ANY (public.huidige_kernteams()) $$;

-- The policies of the gebieden: readable within the own gemeente only.
DROP POLICY IF EXISTS eigen_gemeente ON gemeenten;
CREATE POLICY eigen_gemeente ON gemeenten USING (code = (SELECT huidige_gemeente()));
DROP POLICY IF EXISTS eigen_gemeente ON kernen;
CREATE POLICY eigen_gemeente ON kernen USING (gemeente = (SELECT huidige_gemeente()));
DROP POLICY IF EXISTS eigen_gemeente ON kern_buren;
CREATE POLICY eigen_gemeente ON kern_buren USING (gemeente = (SELECT huidige_gemeente()));
DROP POLICY IF EXISTS eigen_gemeente ON kernteams;
CREATE POLICY eigen_gemeente ON kernteams USING (gemeente = (SELECT huidige_gemeente()));
DROP POLICY IF EXISTS eigen_gemeente ON kernteam_kernen;
CREATE POLICY eigen_gemeente ON kernteam_kernen USING (gemeente = (SELECT huidige_gemeente()));

-- Users see themselves; the beheerder sees the gemeente's users.
DROP POLICY IF EXISTS zichzelf_of_beheerder ON gebruikers;
CREATE POLICY zichzelf_of_beheerder ON gebruikers
    USING (gemeente = (SELECT huidige_gemeente()) AND (naam = (SELECT huidige_gebruiker()) OR (SELECT heeft_rol('beheerder'))));
DROP POLICY IF EXISTS zichzelf_of_beheerder ON gebruiker_rollen;
CREATE POLICY zichzelf_of_beheerder ON gebruiker_rollen
    USING (gemeente = (SELECT huidige_gemeente()) AND (gebruiker = (SELECT huidige_gebruiker()) OR (SELECT heeft_rol('beheerder'))));
DROP POLICY IF EXISTS zichzelf_of_beheerder ON kernteamleden;
CREATE POLICY zichzelf_of_beheerder ON kernteamleden
    USING (gemeente = (SELECT huidige_gemeente()) AND (gebruiker = (SELECT huidige_gebruiker()) OR (SELECT heeft_rol('beheerder'))));

-- A line of the audit log is written by the scope's own user, for the scope's gemeente; id and
-- time come from the database, never from the writer. The beheerder reads it.
DROP POLICY IF EXISTS schrijven_eigen_gemeente ON auditlog;
CREATE POLICY schrijven_eigen_gemeente ON auditlog FOR INSERT
    WITH CHECK (gemeente = (SELECT huidige_gemeente()) AND gebruiker = (SELECT huidige_gebruiker()));
DROP POLICY IF EXISTS lezen_door_beheerder ON auditlog;
CREATE POLICY lezen_door_beheerder ON auditlog FOR SELECT USING (gemeente = (SELECT huidige_gemeente_voor('{beheerder}')));
-- The login functions below write the login's audit line themselves, as the owner: at that moment
-- there is no session yet to prove who it is.
DROP POLICY IF EXISTS eigenaar_schrijft ON auditlog;
CREATE POLICY eigenaar_schrijft ON auditlog FOR INSERT TO CURRENT_USER WITH CHECK (true);

-- An idempotency key is its user's own. The owner is not bound by it (the table is not FORCEd),
-- so retention removes old keys of every user.
DROP POLICY IF EXISTS eigen_gebruiker ON idempotentie;
CREATE POLICY eigen_gebruiker ON idempotentie
    USING (gemeente = (SELECT huidige_gemeente()) AND gebruiker = (SELECT huidige_gebruiker()));

-- Authentication, as the owner. Each returns the user's scope, or no row.
CREATE OR REPLACE FUNCTION authenticeer_token(token text)
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

-- A session is valid while it was active within its idle limit and began within its maximum;
-- using it counts as activity.
CREATE OR REPLACE FUNCTION authenticeer_sessie(sessie text)
RETURNS TABLE (gemeente text, gebruiker text, weergavenaam text, rollen text[], kernteams text[])
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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

CREATE OR REPLACE FUNCTION beeindig_sessie(sessie text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    DELETE FROM sessies WHERE hash = sha256(convert_to(sessie, 'UTF8'))
$$;

-- A password login takes three calls, each its own transaction, so that nothing a caller rolls
-- back can undo the lockout: inlog_begin counts the attempt and gives its salt; inlog_afronden
-- hands in the one guess for it, checks it and writes the audit line, without saying how it went;
-- inlog_uitkomst says so, and starts the session, only once that hand-in is committed. A caller
-- with the service's credentials who rolls back loses the attempt, never gains a free guess.
-- Begun attempts are kept in inlogpogingen_open.

-- A request id for the audit log, only when it looks like one.
CREATE OR REPLACE FUNCTION veilige_request_id(request_id text) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT CASE WHEN request_id ~ '^[A-Za-z0-9._-]{1,64}$' THEN request_id END
$$;

-- The login functions count on each statement seeing what others committed just before, and on
-- the clock rather than the transaction's start (a transaction held open would otherwise count
-- its failures in a window long gone).
CREATE OR REPLACE FUNCTION inlog_transactie_controleren() RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' OR now() < clock_timestamp() - interval '60 seconds' THEN
        RAISE EXCEPTION 'een inlogpoging hoort in een eigen, korte transactie (read committed)' USING ERRCODE = 'invalid_transaction_state';
    END IF;
END
$$;

-- Begins a password login. Under a lock per login name and per address, it counts the recent
-- failures for both; when either is at its limit the attempt is refused (audited for an existing
-- user once per window, and not counted, so a blocked account is not kept blocked by further
-- tries). Otherwise the attempt is counted as a failure *before* the password is checked, so that
-- parallel guesses cannot all slip under the limit, whether or not the name exists; a successful
-- login clears it. At most 5 failures per name and 20 per address in at least 15 minutes,
-- whatever the caller asks. Returns the attempt, and the stored hash's salt ("$2b$12$" and 22
-- characters) or NULL for a name that cannot log in (unknown, disabled, or without a password);
-- no attempt when blocked.
CREATE OR REPLACE FUNCTION inlog_begin(login text, adres text, sinds timestamptz, max_naam integer, max_adres integer, request_id text)
RETURNS TABLE (poging uuid, zout text, geblokkeerd boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;

-- Hands in the one guess for begun attempt `poging` (committed, at most five minutes old):
-- `berekend` is the bcrypt hash the service computed from the password it was given and the salt
-- from inlog_begin. It is compared with the stored hash here and audited for an existing user, and
-- a success clears the name's failures; whether it matched, only inlog_uitkomst tells. Returns
-- whether the guess was taken (false for an attempt that is unknown, old, uncommitted or used).
CREATE OR REPLACE FUNCTION inlog_afronden(poging uuid, login text, berekend text, sessie text, inactief interval, maximaal interval, request_id text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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

-- Whether the guess handed in for `poging` matched, once that hand-in is committed; on a match the
-- session starts (with the limits handed in). The attempt is then done.
CREATE OR REPLACE FUNCTION inlog_uitkomst(poging uuid) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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

REVOKE ALL ON FUNCTION authenticeer_token(text), authenticeer_sessie(text), beeindig_sessie(text),
    inlog_begin(text, text, timestamptz, integer, integer, text), inlog_afronden(uuid, text, text, text, interval, interval, text),
    inlog_uitkomst(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION authenticeer_token(text), authenticeer_sessie(text), beeindig_sessie(text),
    inlog_begin(text, text, timestamptz, integer, integer, text), inlog_afronden(uuid, text, text, text, interval, interval, text),
    inlog_uitkomst(uuid) TO voorveld_service;

-- The colleagues of a kernteamlid: the enabled members of the caller's own kernteams, by name, so
-- a page can show who regisseert a hulpvraag and offer whom to hand it to. Nothing else about a
-- user is shown, and users themselves stay visible only to themselves and the beheerder.
CREATE OR REPLACE FUNCTION collegas()
RETURNS TABLE (naam text, weergavenaam text, kernteam text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    SELECT g.naam, g.weergavenaam, l.kernteam
    FROM kernteamleden l
    JOIN gebruikers g ON g.gemeente = l.gemeente AND g.naam = l.gebruiker
    WHERE heeft_rol('kernteamlid') AND l.gemeente = huidige_gemeente() AND g.uitgeschakeld_op IS NULL
      AND l.kernteam IN (SELECT eigen.kernteam FROM kernteamleden eigen
                         WHERE eigen.gemeente = huidige_gemeente() AND eigen.gebruiker = huidige_gebruiker())
    ORDER BY g.weergavenaam, g.naam, l.kernteam
$$;
REVOKE EXECUTE ON FUNCTION collegas() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION collegas() TO voorveld_service;

-- Adding a user reserves the login name in gebruikersnamen first (see that table). Only the owner
-- adds users (`voorveld users add`); the service never reads that table.
CREATE OR REPLACE FUNCTION gebruikersnaam_reserveren() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    INSERT INTO gebruikersnamen (naam, gemeente) VALUES (NEW.naam, NEW.gemeente) ON CONFLICT (naam) DO NOTHING;
    IF NOT EXISTS (SELECT 1 FROM gebruikersnamen WHERE naam = NEW.naam AND gemeente = NEW.gemeente) THEN
        RAISE unique_violation USING CONSTRAINT = 'gebruikersnamen_pkey',
            MESSAGE = format('de gebruikersnaam %s hoort al bij een andere gemeente', NEW.naam);
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER gebruikersnaam_reserveren BEFORE INSERT OR UPDATE OF naam, gemeente ON gebruikers
    FOR EACH ROW EXECUTE FUNCTION gebruikersnaam_reserveren();
