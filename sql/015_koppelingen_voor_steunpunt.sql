-- The steunpunt's view of a koppeling. Until now a policy let the steunpunt's transactions read
-- every column of its volunteers' koppelingen (the hulpvraag, the break-off reason, the team's
-- note) and only the service left them out. Now the steunpunt reads this view alone: what the
-- volunteer needs, and nothing that tells why or how a koppeling ended. Completed and broken off
-- are both 'beeindigd'; an ended one keeps neither the resident's leefgebieden, nor the helper's
-- note, nor the day it started (a koppeling that ended without starting was broken off). The view
-- runs as its owner, who is not bound by the table's policies, so it filters itself.
DROP POLICY steunpunt_lezen ON koppelingen;
CREATE VIEW koppelingen_voor_steunpunt WITH (security_barrier) AS
    SELECT k.gemeente, k.id, k.vrijwilliger, k.aangemaakt_op, k.kern, k.taken, k.dagdelen, k.beeindigd_op,
           CASE WHEN k.status IN ('afgerond', 'afgebroken') THEN 'beeindigd' ELSE k.status::text END AS status,
           CASE WHEN k.status IN ('voorgesteld', 'geaccepteerd', 'gestart') THEN k.leefgebieden ELSE '{}' END AS leefgebieden,
           CASE WHEN k.status IN ('voorgesteld', 'geaccepteerd', 'gestart') THEN k.toelichting END AS toelichting,
           CASE WHEN k.status IN ('voorgesteld', 'geaccepteerd', 'gestart') THEN k.gestart_op END AS gestart_op
    FROM koppelingen k
    WHERE k.gemeente = (SELECT huidige_gemeente_voor('{steunpunt}')) AND k.vrijwilliger IS NOT NULL;
GRANT SELECT ON koppelingen_voor_steunpunt TO voorveld_service;
