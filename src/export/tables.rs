//! The export's tables as plain rows, shared by every export format: one
//! article's rows are made as it loads ([`article_tables`]), from the same
//! report row and claim scores `report` computes; the corpus-wide rows
//! (outlets, drift) are made once every article is in ([`Tables::new`]).

use crate::diag::Code;
use crate::metrics::{self, ArticleRow};
use crate::model::{Article, Class, Outlets};
use crate::score::Weights;
use crate::trail::{self, ArticleFacts, Place};
use chrono::NaiveDate;
use std::sync::Arc;

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

/// `sources`: one row per source of an article. The article's id is shared
/// by all its rows, as a claim's id is by its claim and route rows: a corpus
/// has hundreds of thousands of rows, held until written.
#[derive(Clone, Debug)]
pub struct SourceRec {
    pub article: Arc<str>,
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
    pub article: Arc<str>,
    pub claim: Arc<str>,
    pub text: String,
    pub quote: Option<String>,
    /// The source id, as in the article.
    pub source: Option<String>,
    pub class: Class,
    pub kind: &'static str,
    pub key: bool,
    pub hedge: Option<String>,
    pub said: Option<NaiveDate>,
    /// How many routes the claim has (0: first-hand).
    pub routes: usize,
}

/// `routes`: one row per hop; `route` and `hop` count from 1, hops from the
/// speaker outward.
#[derive(Clone, Debug)]
pub struct RouteRec {
    pub article: Arc<str>,
    pub claim: Arc<str>,
    pub route: usize,
    pub hop: usize,
    /// Shared by the hops of one article through one outlet.
    pub outlet: Arc<str>,
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

/// `drift`: each finding, at the later appearance, held compact; its row
/// ([`DriftRec`]) is made when the table is written ([`Tables::drift_row`]).
#[derive(Clone, Copy, Debug)]
pub struct DriftAt {
    pub code: Code,
    pub at: Place,
    pub earlier: Place,
}

/// One row of `drift`.
#[derive(Clone, Debug)]
pub struct DriftRec<'a> {
    pub claim: &'a str,
    pub article: &'a str,
    pub code: &'static str,
    pub earlier_article: &'a str,
    pub message: String,
}

/// What one article contributes to the tables.
#[derive(Clone, Debug)]
pub struct ArticleTables {
    pub article: ArticleRec,
    pub sources: Vec<SourceRec>,
    pub claims: Vec<ClaimRec>,
    /// Each claim's points (`None` for background), in the order of
    /// `claims`, apart from them: they change once the whole corpus is in,
    /// when the claims' rows may already have been written.
    pub points: Vec<Option<f64>>,
    pub routes: Vec<RouteRec>,
}

/// One article's rows, and the facts its trails need. The article's strings
/// move into the rows; nothing is copied but the ids rows share.
pub fn article_tables(
    a: Article,
    outlets: &Outlets,
    weights: &Weights,
) -> (ArticleTables, ArticleFacts) {
    let row = metrics::article_row(&a, outlets, weights);
    let facts = trail::facts(&a, |_| true);
    // Each claim's class and points alone, as the row scored them (the
    // corpus's drift is paid once it is in); background has no points.
    let (classes, points): (Vec<Class>, Vec<Option<f64>>) = facts
        .claims
        .iter()
        .zip(&row.claim_points)
        .map(|(c, &(points, _))| (c.class, (c.class != Class::Background).then_some(points)))
        .unzip();
    let id: Arc<str> = Arc::from(a.id.as_str());
    let sources = a
        .sources
        .into_iter()
        .map(|s| SourceRec {
            article: id.clone(),
            kind: s.kind.as_str(),
            source: s.id,
            name: s.name,
            anonymous: s.anonymous,
            description: s.description,
            reason: s.reason,
            role: s.role,
            affiliation: s.affiliation,
            country: s.country,
        })
        .collect();
    let mut claims = Vec::with_capacity(a.claims.len());
    let mut routes = Vec::new();
    // The outlets this article's routes go through, each held once.
    let mut hops: Vec<Arc<str>> = Vec::new();
    for (c, class) in a.claims.into_iter().zip(classes) {
        let claim: Arc<str> = Arc::from(c.id);
        for (r, route) in c.routes.iter().enumerate() {
            for (h, outlet) in route.hops.iter().enumerate() {
                let outlet = match hops.iter().find(|o| ***o == **outlet) {
                    Some(o) => o.clone(),
                    None => {
                        hops.push(Arc::from(outlet.as_str()));
                        hops[hops.len() - 1].clone()
                    }
                };
                routes.push(RouteRec {
                    article: id.clone(),
                    claim: claim.clone(),
                    route: r + 1,
                    hop: h + 1,
                    outlet,
                });
            }
        }
        claims.push(ClaimRec {
            article: id.clone(),
            claim,
            text: c.text,
            quote: c.quote,
            source: c.source,
            class,
            kind: c.kind.as_str(),
            key: c.key,
            hedge: c.hedge,
            said: c.said,
            routes: c.routes.len(),
        });
    }
    routes.shrink_to_fit();
    let tables = ArticleTables {
        article: ArticleRec {
            row,
            file: a.file,
            language: a.language,
            url: a.url,
            byline: a.byline,
        },
        sources,
        claims,
        points,
        routes,
    };
    (tables, facts)
}

/// Every table of a corpus, articles in id order.
pub struct Tables {
    pub articles: Vec<ArticleTables>,
    pub outlets: Vec<OutletRec>,
    pub drift: Vec<DriftAt>,
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
                if let Some(Some(points)) = t.points.get_mut(a.at.1 as usize) {
                    *points = metrics::points_in_corpus(*points, a, weights);
                }
            }
            metrics::apply_corpus(&mut t.article.row, &here, weights);
        }
        let drift = trail::findings(&facts, outlets, &|_| true)
            .into_iter()
            .map(|f| DriftAt {
                code: f.code,
                at: f.at,
                earlier: f.earlier,
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

    /// The row of a drift finding, its message written now.
    pub fn drift_row(&self, d: &DriftAt, outlets: &Outlets) -> DriftRec<'_> {
        let here = &self.facts[d.at.0 as usize];
        let finding = trail::Finding {
            claim: here.claim_id(&here.claims[d.at.1 as usize]),
            code: d.code,
            at: d.at,
            earlier: d.earlier,
        };
        DriftRec {
            claim: finding.claim,
            article: &here.id,
            code: d.code.as_str(),
            earlier_article: &self.facts[d.earlier.0 as usize].id,
            message: finding.message(&self.facts, outlets),
        }
    }

    /// Every claim row, in article order then file order.
    pub fn claims(&self) -> impl Iterator<Item = &ClaimRec> {
        self.articles.iter().flat_map(|a| a.claims.iter())
    }

    pub fn sources(&self) -> impl Iterator<Item = &SourceRec> {
        self.articles.iter().flat_map(|a| a.sources.iter())
    }
}
