-- Per outlet: the scored claims (background excluded) and the articles that
-- relay it on any route, the articles it published itself, and whether it is
-- a state outlet.
WITH relays AS (
  SELECT DISTINCT r.article, r.claim, r.outlet
  FROM routes r
  JOIN claims c ON c.article = r.article AND c.claim = r.claim
  WHERE c.class <> 'background'
),
reliance AS (
  SELECT outlet, COUNT(*) AS relayed_claims, COUNT(DISTINCT article) AS relying_articles
  FROM relays
  GROUP BY outlet
),
own AS (
  SELECT outlet, COUNT(*) AS own_articles
  FROM articles
  GROUP BY outlet
),
ids AS (
  SELECT id FROM outlets
  UNION
  SELECT outlet AS id FROM reliance
)
SELECT ids.id AS outlet,
       COALESCE(o.name, ids.id) AS name,
       o.ownership,
       CASE WHEN o.ownership = 'state' THEN TRUE ELSE FALSE END AS state,
       COALESCE(r.relayed_claims, 0) AS relayed_claims,
       COALESCE(r.relying_articles, 0) AS relying_articles,
       CASE WHEN o.id IS NULL THEN 0 ELSE COALESCE(w.own_articles, 0) END AS own_articles
FROM ids
LEFT JOIN outlets o ON o.id = ids.id
LEFT JOIN reliance r ON r.outlet = ids.id
LEFT JOIN own w ON w.outlet = ids.id
ORDER BY relayed_claims DESC, outlet
