-- Each claim's trail: its appearances in order (by the article's publication
-- date, undated last, then outlet id, then article id), the speaker as each
-- article describes them, and the roots each appearance goes back to as
-- annotated: a named speaker, else the first outlet of each route, else the
-- article's own outlet.
WITH appearance AS (
  SELECT c.claim,
         c.article,
         a.outlet,
         a.published,
         c.class,
         c.hedge,
         c.said,
         c.routes,
         s.name,
         CASE WHEN s.source IS NULL THEN NULL
              WHEN s.name IS NOT NULL THEN s.name
              WHEN s.description IS NOT NULL THEN CONCAT('anonymous: ', s.description)
              ELSE 'anonymous' END AS speaker,
         ROW_NUMBER() OVER (
           PARTITION BY c.claim
           ORDER BY a.published ASC NULLS LAST, a.outlet ASC, a.id ASC
         ) AS nth
  FROM claims c
  JOIN articles a ON a.id = c.article
  LEFT JOIN sources s ON s.article = c.article AND s.source = c.source
),
roots AS (
  SELECT claim, article, CONCAT('speaker:', name) AS root
  FROM appearance
  WHERE name IS NOT NULL
  UNION
  SELECT claim, article, CONCAT('outlet:', outlet) AS root
  FROM appearance
  WHERE name IS NULL AND routes = 0
  UNION
  SELECT p.claim, p.article, CONCAT('outlet:', r.outlet) AS root
  FROM appearance p
  JOIN routes r ON r.article = p.article AND r.claim = p.claim
  WHERE p.name IS NULL AND r.hop = 1
)
SELECT p.claim, p.nth, p.article, p.outlet, p.published, p.class,
       p.speaker, p.hedge, p.said, r.root
FROM appearance p
JOIN roots r ON r.claim = p.claim AND r.article = p.article
ORDER BY p.claim, p.nth, r.root
