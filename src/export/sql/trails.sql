-- One row per claim id: how many appearances and articles, the first
-- appearance (as trail_appearances orders them), the independent roots and
-- the drift findings claimtrail computed (the drift table).
WITH appearance AS (
  SELECT c.claim,
         c.article,
         c.routes,
         a.outlet,
         a.published,
         s.name,
         ROW_NUMBER() OVER (
           PARTITION BY c.claim
           ORDER BY a.published ASC NULLS LAST, a.outlet ASC, a.id ASC
         ) AS nth
  FROM claims c
  JOIN articles a ON a.id = c.article
  LEFT JOIN sources s ON s.article = c.article AND s.source = c.source
),
roots AS (
  SELECT claim, CONCAT('speaker:', name) AS root
  FROM appearance
  WHERE name IS NOT NULL
  UNION
  SELECT claim, CONCAT('outlet:', outlet) AS root
  FROM appearance
  WHERE name IS NULL AND routes = 0
  UNION
  SELECT p.claim, CONCAT('outlet:', r.outlet) AS root
  FROM appearance p
  JOIN routes r ON r.article = p.article AND r.claim = p.claim
  WHERE p.name IS NULL AND r.hop = 1
),
root_counts AS (
  SELECT claim, COUNT(*) AS independent_roots
  FROM roots
  GROUP BY claim
),
drift_counts AS (
  SELECT claim, COUNT(*) AS drift
  FROM drift
  GROUP BY claim
),
summary AS (
  SELECT claim,
         COUNT(*) AS appearances,
         COUNT(DISTINCT article) AS articles,
         MAX(CASE WHEN nth = 1 THEN article END) AS first_article,
         MAX(CASE WHEN nth = 1 THEN outlet END) AS first_outlet,
         MAX(CASE WHEN nth = 1 THEN published END) AS first_published
  FROM appearance
  GROUP BY claim
)
SELECT s.claim, s.appearances, s.articles, s.first_article, s.first_outlet,
       s.first_published, rc.independent_roots, COALESCE(d.drift, 0) AS drift
FROM summary s
JOIN root_counts rc ON rc.claim = s.claim
LEFT JOIN drift_counts d ON d.claim = s.claim
ORDER BY s.claim
