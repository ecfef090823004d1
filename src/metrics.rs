//! Numbers about articles: counts by attribution class, rates, the score, and
//! the per-claim explanation. Pure functions of the model; no I/O, no
//! formatting. Renderers show these values and never compute their own.

use crate::model::{Article, Class, Outlets, Route};
use crate::score::{self, Mean, Reason, Weights};
use crate::trail::{self, ArticleFacts, Assessed};
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
    /// The score in this corpus: drift findings at the article's claims
    /// cost their points. `None` with no scored claims.
    pub score: Option<f64>,
    /// `-` with no score, which JSON shows as `null`.
    #[serde(serialize_with = "dash_as_null")]
    pub grade: &'static str,
    /// The score of the article on its own, without drift: the same in any
    /// corpus.
    pub score_alone: Option<f64>,
    /// Key claims with at least two confirmed roots in the corpus.
    pub key_claims_corroborated: usize,
    #[serde(skip)]
    pub mean: Mean,
    /// The mean without drift.
    #[serde(skip)]
    pub mean_alone: Mean,
    /// Each claim's points and weight, in file order (background: weight 0),
    /// for drift to adjust once the corpus is known.
    #[serde(skip)]
    pub claim_points: Vec<(f64, f64)>,
    /// The indices of the key claims, in file order.
    #[serde(skip)]
    pub key_claim_indices: Vec<usize>,
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
        // Every article's row is held until the corpus is in: no room to spare.
        claim_points: Vec::with_capacity(article.claims.len()),
        ..ArticleRow::default()
    };
    let mut speakers: BTreeSet<&str> = BTreeSet::new();
    for claim in &article.claims {
        let (class, points, weight) = score::score(article, claim, outlets, weights, None);
        row.claim_points.push((points.unwrap_or(0.0), weight));
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
        row.mean_alone.add(points, weight);
        row.hedged += usize::from(claim.hedged());
        row.relayed += usize::from(claim.relayed());
        row.state_reliant += usize::from(claim.state_reliant(outlets));
        row.key_claims += usize::from(claim.key);
        if claim.key {
            row.key_claim_indices.push(row.claim_points.len() - 1);
        }
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
    row.score_alone = row.mean_alone.score();
    row.grade = score::grade(row.score);
}

/// Apply what the corpus says of an article's claims (`trail::assess`, the
/// entries at this article): drift costs points, and key claims with two or
/// more confirmed roots count as corroborated.
pub fn apply_corpus<'a>(
    row: &mut ArticleRow,
    assessed: impl IntoIterator<Item = &'a Assessed>,
    weights: &Weights,
) {
    let mut costs = Vec::new();
    for a in assessed {
        let claim = a.at.1 as usize;
        if a.confirmed_roots >= 2 && row.key_claim_indices.contains(&claim) {
            row.key_claims_corroborated += 1;
        }
        costs.extend(
            a.drift
                .iter()
                .map(|d| (claim, weights.drift_cost(d.0)))
                .filter(|c| c.1 != 0.0),
        );
    }
    apply_drift(row, &costs);
}

/// A claim's points once the drift at its appearance is paid (`points`
/// being its points alone), as `report --article` gives them.
pub fn points_in_corpus(points: f64, assessed: &Assessed, weights: &Weights) -> f64 {
    let cost: f64 = assessed.drift.iter().map(|d| weights.drift_cost(d.0)).sum();
    (points - cost).clamp(0.0, 100.0)
}

/// `apply_corpus` for an explained article: the claims' points and reasons
/// too, each drift cost a reason naming the earlier article.
pub fn apply_corpus_explained<'a>(
    e: &mut Explanation,
    assessed: impl IntoIterator<Item = &'a Assessed>,
    weights: &Weights,
) {
    let assessed: Vec<&Assessed> = assessed.into_iter().collect();
    for a in &assessed {
        let Some(claim) = e.claim_rows.get_mut(a.at.1 as usize) else {
            continue;
        };
        let Some(mut points) = claim.points else {
            continue;
        };
        for (code, _, message) in &a.drift {
            let cost = weights.drift_cost(*code);
            if cost == 0.0 {
                continue;
            }
            points -= cost;
            claim.reasons.push(Reason {
                what: format!("{}: {message}", code.as_str()),
                points: -cost,
            });
        }
        claim.points = Some(points.clamp(0.0, 100.0));
    }
    apply_corpus(&mut e.row, assessed, weights);
}

/// `trail::assess`'s entries grouped by article, in the facts' order.
pub fn by_article(facts: &[ArticleFacts], outlets: &Outlets, messages: bool) -> Vec<Vec<Assessed>> {
    let mut grouped: Vec<Vec<Assessed>> = vec![Vec::new(); facts.len()];
    for a in trail::assess(facts, outlets, messages) {
        grouped[a.at.0 as usize].push(a);
    }
    grouped
}

/// Apply what the corpus says (drift, confirmed roots) to the rows of its
/// articles, `rows[i]` being the article of `facts[i]`.
pub fn rows_in_corpus(
    rows: &mut [ArticleRow],
    facts: &[ArticleFacts],
    outlets: &Outlets,
    weights: &Weights,
) {
    for (row, assessed) in rows.iter_mut().zip(by_article(facts, outlets, false)) {
        apply_corpus(row, &assessed, weights);
    }
}

/// `rows_in_corpus` for explained articles: their claims' points and
/// reasons too.
pub fn explained_in_corpus(
    explained: &mut [Explanation],
    facts: &[ArticleFacts],
    outlets: &Outlets,
    weights: &Weights,
) {
    for (e, assessed) in explained.iter_mut().zip(by_article(facts, outlets, true)) {
        apply_corpus_explained(e, &assessed, weights);
    }
}

/// What drift costs one claim of an article: the claim's index in the file,
/// and the points it loses.
pub type DriftCost = (usize, f64);

/// Take the drift findings at an article's claims off their points (each
/// claim clamped at 0) and score the article again; `score_alone` keeps the
/// score without them.
pub fn apply_drift(row: &mut ArticleRow, costs: &[DriftCost]) {
    if costs.is_empty() {
        return;
    }
    let mut lost = vec![0.0; row.claim_points.len()];
    for &(claim, cost) in costs {
        if let Some(l) = lost.get_mut(claim) {
            *l += cost;
        }
    }
    let mut mean = Mean::default();
    for (&(points, weight), lost) in row.claim_points.iter().zip(&lost) {
        if weight > 0.0 {
            mean.add(Some((points - lost).clamp(0.0, 100.0)), weight);
        }
    }
    row.mean = mean;
    row.score = mean.score();
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
        total.mean_alone.merge(r.mean_alone);
        total.key_claims_corroborated += r.key_claims_corroborated;
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
