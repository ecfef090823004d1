//! Numbers about articles: counts by attribution class, rates, the score, and
//! the per-claim explanation. Pure functions of the model; no I/O, no
//! formatting. Renderers show these values and never compute their own.

use crate::model::{Article, Class, Outlets, Route};
use crate::score::{self, Mean, Reason, Weights};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How a speaker without a country is counted by country.
const UNKNOWN_COUNTRY: &str = "??";

/// An empty string as JSON's `null`: a value that is absent, not blank.
fn empty_as_null<S: serde::Serializer>(s: &str, ser: S) -> Result<S::Ok, S::Error> {
    if s.is_empty() {
        ser.serialize_none()
    } else {
        ser.serialize_str(s)
    }
}

/// `-`, the grade of nothing to score, as JSON's `null`, like the score.
fn dash_as_null<S: serde::Serializer>(s: &&'static str, ser: S) -> Result<S::Ok, S::Error> {
    if *s == "-" {
        ser.serialize_none()
    } else {
        ser.serialize_str(s)
    }
}

/// One article's sourcing, as the report shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub title: String,
    /// The outlet id; empty in the corpus total, which JSON shows as `null`.
    #[serde(serialize_with = "empty_as_null")]
    pub outlet: String,
    pub published: Option<NaiveDate>,
    /// Scored claims (background excluded).
    pub claims: usize,
    pub named: usize,
    pub anonymous: usize,
    pub outlet_reported: usize,
    pub unattributed: usize,
    pub background: usize,
    pub hedged: usize,
    pub relayed: usize,
    pub longest_route: usize,
    pub state_reliant: usize,
    pub key_claims: usize,
    pub speakers: usize,
    /// Distinct speakers per country, most first.
    pub speakers_by_country: Vec<(String, usize)>,
    /// anonymous / claims; `None` with no scored claims.
    pub anonymity_rate: Option<f64>,
    pub score: Option<f64>,
    /// `-` with no score, which JSON shows as `null`.
    #[serde(serialize_with = "dash_as_null")]
    pub grade: &'static str,
    #[serde(skip)]
    pub mean: Mean,
    /// Each distinct speaker: the name when named (named speakers are counted
    /// once across articles in the corpus total), and the country.
    #[serde(skip)]
    pub speaker_keys: Vec<(Option<String>, String)>,
}

/// Compute an article's row.
pub fn article_row(article: &Article, outlets: &Outlets, weights: &Weights) -> ArticleRow {
    let mut row = ArticleRow {
        id: article.id.clone(),
        title: article.title.clone(),
        outlet: article.outlet.clone(),
        published: article.published,
        ..ArticleRow::default()
    };
    let mut speakers: BTreeSet<&str> = BTreeSet::new();
    for claim in &article.claims {
        let (class, points, weight) = score::score(article, claim, outlets, weights, None);
        match class {
            Class::Background => {
                row.background += 1;
                continue;
            }
            Class::Named => row.named += 1,
            Class::Anonymous => row.anonymous += 1,
            Class::Outlet => row.outlet_reported += 1,
            Class::Unattributed => row.unattributed += 1,
        }
        row.claims += 1;
        row.mean.add(points, weight);
        row.hedged += usize::from(claim.hedged());
        row.relayed += usize::from(claim.relayed());
        row.state_reliant += usize::from(claim.state_reliant(outlets));
        row.key_claims += usize::from(claim.key);
        row.longest_route = row.longest_route.max(claim.longest_route());
        if let Some(src) = claim.source.as_deref() {
            speakers.insert(src);
        }
    }
    let mut by_country: Vec<(&str, usize)> = Vec::new();
    for id in &speakers {
        if let Some(src) = article.source(id) {
            let country = src.country.as_deref().unwrap_or(UNKNOWN_COUNTRY);
            match by_country.iter_mut().find(|(c, _)| *c == country) {
                Some((_, n)) => *n += 1,
                None => by_country.push((country, 1)),
            }
            row.speaker_keys
                .push((src.name.clone(), country.to_string()));
        }
    }
    row.speakers = speakers.len();
    row.speakers_by_country = sort_counts(
        by_country
            .into_iter()
            .map(|(c, n)| (c.to_string(), n))
            .collect(),
    );
    finish(&mut row);
    row
}

fn sort_counts(map: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn finish(row: &mut ArticleRow) {
    row.anonymity_rate = (row.claims > 0).then(|| row.anonymous as f64 / row.claims as f64);
    row.score = row.mean.score();
    row.grade = score::grade(row.score);
}

/// The corpus total: sums of the counts, distinct speakers across articles,
/// and the score over every claim (not the mean of article scores).
pub fn total_row(rows: &[ArticleRow]) -> ArticleRow {
    let mut total = ArticleRow {
        id: "total".into(),
        title: format!("{} articles", rows.len()),
        ..ArticleRow::default()
    };
    // Named speakers, in row order, to be counted once each; anonymous ones
    // are distinct per article and counted as they come.
    let mut named: Vec<(&str, &str)> = Vec::new();
    let mut countries: BTreeMap<&str, usize> = BTreeMap::new();
    let mut anonymous = 0;
    for r in rows {
        total.claims += r.claims;
        total.named += r.named;
        total.anonymous += r.anonymous;
        total.outlet_reported += r.outlet_reported;
        total.unattributed += r.unattributed;
        total.background += r.background;
        total.hedged += r.hedged;
        total.relayed += r.relayed;
        total.state_reliant += r.state_reliant;
        total.key_claims += r.key_claims;
        total.longest_route = total.longest_route.max(r.longest_route);
        total.mean.merge(r.mean);
        for (name, country) in &r.speaker_keys {
            match name {
                Some(name) => named.push((name, country)),
                None => {
                    anonymous += 1;
                    *countries.entry(country).or_default() += 1;
                }
            }
        }
    }
    // A named speaker counts once across articles, with the country of the
    // first article (in corpus order) that gives one, as `sources` shows
    // them (a stable sort keeps row order).
    named.par_sort_by(|a, b| a.0.cmp(b.0));
    let mut distinct = 0;
    for run in named.chunk_by(|a, b| a.0 == b.0) {
        distinct += 1;
        let country = run
            .iter()
            .map(|&(_, country)| country)
            .find(|c| *c != UNKNOWN_COUNTRY)
            .unwrap_or(run[0].1);
        *countries.entry(country).or_default() += 1;
    }
    total.speakers = anonymous + distinct;
    total.speakers_by_country = sort_counts(
        countries
            .into_iter()
            .map(|(c, n)| (c.to_string(), n))
            .collect(),
    );
    finish(&mut total);
    total
}

/// One claim explained for `report --article`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimRow {
    pub id: String,
    pub text: String,
    pub quote: Option<String>,
    /// The source id, if any.
    pub source: Option<String>,
    /// The speaker as the article describes them.
    pub speaker: Option<String>,
    /// Each route, outlet ids from the speaker outward.
    pub route: Vec<Route>,
    /// The routes as a readable chain: `us-official → Reuters → article`.
    pub route_text: String,
    pub said: Option<NaiveDate>,
    pub hedge: Option<String>,
    pub kind: &'static str,
    pub key: bool,
    pub class: Class,
    pub points: Option<f64>,
    pub weight: f64,
    pub reasons: Vec<Reason>,
}

/// An article and its claims, explained one by one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    #[serde(flatten)]
    pub row: ArticleRow,
    pub outlet_name: String,
    pub url: Option<String>,
    pub language: Option<String>,
    pub byline: Vec<String>,
    pub credited: Vec<String>,
    #[serde(rename = "claims_explained")]
    pub claim_rows: Vec<ClaimRow>,
}

pub fn explain(article: &Article, outlets: &Outlets, weights: &Weights) -> Explanation {
    let claim_rows = article
        .claims
        .iter()
        .map(|claim| {
            let s = score::score_claim(article, claim, outlets, weights);
            let source = article.source_of(claim);
            ClaimRow {
                id: claim.id.clone(),
                text: claim.text.clone(),
                quote: claim.quote.clone(),
                source: claim.source.clone(),
                speaker: source.map(|s| s.described()),
                route: claim.routes.clone(),
                route_text: route_text(claim.source.as_deref(), &claim.routes, outlets),
                said: claim.said,
                hedge: claim.hedge.clone(),
                kind: claim.kind.as_str(),
                key: claim.key,
                class: s.class,
                points: s.points,
                weight: s.weight,
                reasons: s.reasons,
            }
        })
        .collect();
    Explanation {
        row: article_row(article, outlets, weights),
        outlet_name: outlets.name(&article.outlet).to_string(),
        url: article.url.clone(),
        language: article.language.clone(),
        byline: article.byline.clone(),
        credited: article.credited.clone(),
        claim_rows,
    }
}

/// `us-official → Reuters → article`; several routes are joined with ` | `.
pub fn route_text(source: Option<&str>, routes: &[Route], outlets: &Outlets) -> String {
    if routes.is_empty() {
        return match source {
            Some(s) => format!("{s} → article"),
            None => "article".to_string(),
        };
    }
    routes
        .iter()
        .map(|r| {
            let mut parts: Vec<String> = source.iter().map(|s| s.to_string()).collect();
            parts.extend(r.hops.iter().map(|h| outlets.name(h).to_string()));
            parts.push("article".into());
            parts.join(" → ")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}
