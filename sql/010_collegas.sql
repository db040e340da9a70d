-- The colleagues of a kernteamlid: the enabled members of the caller's own kernteams, by name, so
-- a page can show who regisseert a hulpvraag and offer whom to hand it to. Nothing else about a
-- user is shown, and users themselves stay visible only to themselves and the beheerder.
CREATE FUNCTION collegas()
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
