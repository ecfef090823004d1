-- Per speaker: the articles and scored claims (background excluded) citing
-- them. Named speakers merge across articles by name; an anonymous source
-- cannot be known to be anyone else, so each article's is its own.
WITH cited AS (
  SELECT c.article, c.claim, s.source, s.name, s.description
  FROM claims c
  JOIN sources s ON s.article = c.article AND s.source = c.source
  WHERE c.class <> 'background'
),
keyed AS (
  SELECT CASE WHEN name IS NOT NULL THEN name
              WHEN description IS NOT NULL THEN CONCAT('anonymous: ', description)
              ELSE 'anonymous' END AS speaker,
         CASE WHEN name IS NOT NULL THEN TRUE ELSE FALSE END AS named,
         CASE WHEN name IS NULL THEN article END AS anonymous_in,
         CASE WHEN name IS NULL THEN source END AS anonymous_source,
         article,
         claim
  FROM cited
)
SELECT speaker,
       named,
       anonymous_in AS article,
       anonymous_source AS source,
       COUNT(DISTINCT article) AS articles,
       COUNT(*) AS claims
FROM keyed
GROUP BY speaker, named, anonymous_in, anonymous_source
ORDER BY claims DESC, articles DESC, speaker, article, source
