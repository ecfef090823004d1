//! The export's tables as plain rows, shared by every export format: one
//! article's rows are made as it loads ([`article_tables`]), from the same
//! report row and claim scores `report` computes; the corpus-wide rows
//! (outlets, drift) are made once every article is in ([`Tables::new`]).

use crate::metrics::{self, ArticleRow};
use crate::model::{Article, Class, Outlets};
use crate::score::{self, Weights};
use crate::trail::{self, ArticleFacts};
use chrono::NaiveDate;

/// `articles`: the report's row of each article, with where it came from.
#[derive(Clone, Debug)]
pub struct ArticleRec {
    pub row: ArticleRow,
    pub file: String,
    pub language: Option<String>,
    pub url: Option<String>,
    /// Bylines, kept for the CSV sheet.
    pub byline: Vec<String>,
}

/// `sources`: one row per source of an article.
#[derive(Clone, Debug)]
pub struct SourceRec {
    pub article: String,
    pub source: String,
    pub name: Option<String>,
    pub anonymous: bool,
    pub description: Option<String>,
    pub reason: Option<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
    pub kind: &'static str,
}

/// `claims`: one row per claim per article.
#[derive(Clone, Debug)]
pub struct ClaimRec {
    pub article: String,
    pub claim: String,
    pub text: String,
    pub quote: Option<String>,
    /// The source id, as in the article.
    pub source: Option<String>,
    pub class: Class,
    pub kind: &'static str,
    pub key: bool,
    pub hedge: Option<String>,
    pub said: Option<NaiveDate>,
    /// The claim's points (`None` for background).
    pub points: Option<f64>,
    /// How many routes the claim has (0: first-hand).
    pub routes: usize,
}

/// `routes`: one row per hop; `route` and `hop` count from 1, hops from the
/// speaker outward.
#[derive(Clone, Debug)]
pub struct RouteRec {
    pub article: String,
    pub claim: String,
    pub route: usize,
    pub hop: usize,
    pub outlet: String,
}

/// `outlets`: the registry.
#[derive(Clone, Debug)]
pub struct OutletRec {
    pub id: String,
    pub name: String,
    pub kind: Option<&'static str>,
    pub country: Option<String>,
    pub ownership: Option<&'static str>,
}

/// `drift`: each finding, at the later appearance.
#[derive(Clone, Debug)]
pub struct DriftRec {
    pub claim: String,
    pub article: String,
    pub code: &'static str,
    pub earlier_article: String,
    pub message: String,
}

/// What one article contributes to the tables.
#[derive(Clone, Debug)]
pub struct ArticleTables {
    pub article: ArticleRec,
    pub sources: Vec<SourceRec>,
    pub claims: Vec<ClaimRec>,
    pub routes: Vec<RouteRec>,
}

/// One article's rows, and the facts its trails need.
pub fn article_tables(
    a: &Article,
    outlets: &Outlets,
    weights: &Weights,
) -> (ArticleTables, ArticleFacts) {
    let row = metrics::article_row(a, outlets, weights);
    let sources = a
        .sources
        .iter()
        .map(|s| SourceRec {
            article: a.id.clone(),
            source: s.id.clone(),
            name: s.name.clone(),
            anonymous: s.anonymous,
            description: s.description.clone(),
            reason: s.reason.clone(),
            role: s.role.clone(),
            affiliation: s.affiliation.clone(),
            country: s.country.clone(),
            kind: s.kind.as_str(),
        })
        .collect();
    let mut claims = Vec::with_capacity(a.claims.len());
    let mut routes = Vec::new();
    for c in &a.claims {
        let (class, points, _) = score::score(a, c, outlets, weights, None);
        claims.push(ClaimRec {
            article: a.id.clone(),
            claim: c.id.clone(),
            text: c.text.clone(),
            quote: c.quote.clone(),
            source: c.source.clone(),
            class,
            kind: c.kind.as_str(),
            key: c.key,
            hedge: c.hedge.clone(),
            said: c.said,
            points,
            routes: c.routes.len(),
        });
        for (r, route) in c.routes.iter().enumerate() {
            for (h, outlet) in route.hops.iter().enumerate() {
                routes.push(RouteRec {
                    article: a.id.clone(),
                    claim: c.id.clone(),
                    route: r + 1,
                    hop: h + 1,
                    outlet: outlet.clone(),
                });
            }
        }
    }
    let tables = ArticleTables {
        article: ArticleRec {
            row,
            file: a.file.clone(),
            language: a.language.clone(),
            url: a.url.clone(),
            byline: a.byline.clone(),
        },
        sources,
        claims,
        routes,
    };
    (tables, trail::facts(a, |_| true))
}

/// Every table of a corpus, articles in id order.
pub struct Tables {
    pub articles: Vec<ArticleTables>,
    pub outlets: Vec<OutletRec>,
    pub drift: Vec<DriftRec>,
    /// Each article's trail facts, in the order of `articles`.
    pub facts: Vec<ArticleFacts>,
}

impl Tables {
    /// The tables from what each article gave as it loaded (in any order).
    pub fn new(
        items: Vec<(ArticleTables, ArticleFacts)>,
        outlets: &Outlets,
        weights: &Weights,
    ) -> Tables {
        let mut items = items;
        items.sort_by(|a, b| a.0.article.row.id.cmp(&b.0.article.row.id));
        let (mut articles, facts): (Vec<_>, Vec<_>) = items.into_iter().unzip();
        // What the corpus says of each article (drift costs, corroborated
        // key claims), as `report` applies it.
        for (t, here) in articles
            .iter_mut()
            .zip(metrics::by_article(&facts, outlets, false))
        {
            for a in &here {
                let claim = t.claims.get_mut(a.at.1 as usize);
                if let Some(points) = claim.and_then(|c| c.points.as_mut()) {
                    *points = metrics::points_in_corpus(*points, a, weights);
                }
            }
            metrics::apply_corpus(&mut t.article.row, &here, weights);
        }
        let drift = trail::findings(&facts, outlets, &|_| true)
            .into_iter()
            .map(|f| DriftRec {
                claim: f.claim.to_string(),
                article: facts[f.at.0 as usize].id.to_string(),
                code: f.code.as_str(),
                earlier_article: facts[f.earlier.0 as usize].id.to_string(),
                message: f.message(&facts, outlets),
            })
            .collect();
        let outlet_rows = outlets
            .ids()
            .into_iter()
            .filter_map(|id| outlets.get(id))
            .map(|o| OutletRec {
                id: o.id.clone(),
                name: o.name.clone(),
                kind: o.kind.map(|k| k.as_str()),
                country: o.country.clone(),
                ownership: o.ownership.map(|k| k.as_str()),
            })
            .collect();
        Tables {
            articles,
            outlets: outlet_rows,
            drift,
            facts,
        }
    }

    /// Every claim row, in article order then file order.
    pub fn claims(&self) -> impl Iterator<Item = &ClaimRec> {
        self.articles.iter().flat_map(|a| a.claims.iter())
    }

    pub fn sources(&self) -> impl Iterator<Item = &SourceRec> {
        self.articles.iter().flat_map(|a| a.sources.iter())
    }

    pub fn routes(&self) -> impl Iterator<Item = &RouteRec> {
        self.articles.iter().flat_map(|a| a.routes.iter())
    }
}
