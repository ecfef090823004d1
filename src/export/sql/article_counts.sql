-- Per article: the report's counts and anonymity rate, from the claims,
-- routes and outlets tables. A claim is state-reliant when every one of its
-- routes passes through an outlet with ownership 'state'.
WITH route_state AS (
  SELECT r.article, r.claim, r.route,
         MAX(CASE WHEN o.ownership = 'state' THEN 1 ELSE 0 END) AS through_state
  FROM routes r
  LEFT JOIN outlets o ON o.id = r.outlet
  GROUP BY r.article, r.claim, r.route
),
claim_state AS (
  SELECT article, claim, MIN(through_state) AS state_only
  FROM route_state
  GROUP BY article, claim
),
scored AS (
  SELECT c.article, c.class, c.hedge, c.routes,
         COALESCE(s.state_only, 0) AS state_only
  FROM claims c
  LEFT JOIN claim_state s ON s.article = c.article AND s.claim = c.claim
),
counts AS (
  SELECT a.id AS article,
         a.outlet,
         a.published,
         SUM(CASE WHEN sc.class <> 'background' THEN 1 ELSE 0 END) AS claims,
         SUM(CASE WHEN sc.class = 'named' THEN 1 ELSE 0 END) AS named,
         SUM(CASE WHEN sc.class = 'anonymous' THEN 1 ELSE 0 END) AS anonymous,
         SUM(CASE WHEN sc.class = 'outlet' THEN 1 ELSE 0 END) AS outlet_reported,
         SUM(CASE WHEN sc.class = 'unattributed' THEN 1 ELSE 0 END) AS unattributed,
         SUM(CASE WHEN sc.class = 'background' THEN 1 ELSE 0 END) AS background,
         SUM(CASE WHEN sc.class <> 'background' AND sc.hedge IS NOT NULL THEN 1 ELSE 0 END) AS hedged,
         SUM(CASE WHEN sc.class <> 'background' AND sc.routes > 0 THEN 1 ELSE 0 END) AS relayed,
         SUM(CASE WHEN sc.class <> 'background' AND sc.state_only = 1 THEN 1 ELSE 0 END) AS state_reliant
  FROM articles a
  LEFT JOIN scored sc ON sc.article = a.id
  GROUP BY a.id, a.outlet, a.published
)
SELECT article, outlet, published, claims, named, anonymous, outlet_reported,
       unattributed, background, hedged, relayed, state_reliant,
       CASE WHEN claims = 0 THEN NULL
            ELSE CAST(anonymous AS DOUBLE) / CAST(claims AS DOUBLE) END AS anonymity_rate
FROM counts
ORDER BY article
