//! Speakers and outlets across a corpus: who is quoted, how often, named or
//! anonymous, and how much the corpus leans on each outlet as a relay. Computed
//! per article, then merged, so no article has to stay in memory.

use crate::model::{Article, Outlets};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What one article contributes.
#[derive(Clone, Debug, Default)]
pub struct Partial {
    /// Speaker key to (row, claim count); the article counts once per speaker.
    speakers: BTreeMap<String, SpeakerRow>,
    /// Outlet id to claims of this article relayed through it.
    relays: BTreeMap<String, usize>,
    own_outlet: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SpeakerRow {
    /// The speaker as described: a name, or "anonymous: <description>".
    pub speaker: String,
    pub named: bool,
    /// For an anonymous speaker, the article that describes them.
    pub article: Option<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
    pub articles: usize,
    pub claims: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OutletRow {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub country: Option<String>,
    pub ownership: Option<String>,
    /// Claims that reached an article through this outlet.
    pub relayed_claims: usize,
    /// Articles with at least one such claim.
    pub relying_articles: usize,
    /// Articles the outlet published itself.
    pub own_articles: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SourcesReport {
    pub speakers: Vec<SpeakerRow>,
    pub outlets: Vec<OutletRow>,
}

pub fn partial(article: &Article) -> Partial {
    let mut p = Partial {
        own_outlet: article.outlet.clone(),
        ..Partial::default()
    };
    for claim in &article.claims {
        if claim.kind == crate::model::ClaimKind::Background {
            continue;
        }
        if let Some(src) = article.source_of(claim) {
            // Named speakers merge across articles; anonymous ones cannot be
            // known to be the same person, so each article's is its own.
            let key = match &src.name {
                Some(name) => format!("n:{name}"),
                None => format!("a:{}#{}", article.id, src.id),
            };
            let row = p.speakers.entry(key).or_insert_with(|| SpeakerRow {
                speaker: src.described(),
                named: src.name.is_some(),
                article: src.name.is_none().then(|| article.id.clone()),
                role: src.role.clone(),
                affiliation: src.affiliation.clone(),
                country: src.country.clone(),
                articles: 1,
                claims: 0,
            });
            row.claims += 1;
        }
        let hops: BTreeSet<&str> = claim
            .routes
            .iter()
            .flat_map(|r| r.hops.iter().map(String::as_str))
            .collect();
        for hop in hops {
            *p.relays.entry(hop.to_string()).or_default() += 1;
        }
    }
    p
}

pub fn merge(partials: impl IntoIterator<Item = Partial>, outlets: &Outlets) -> SourcesReport {
    let mut speakers: BTreeMap<String, SpeakerRow> = BTreeMap::new();
    let mut rows: BTreeMap<String, OutletRow> = outlets
        .by_id
        .values()
        .map(|o| {
            (
                o.id.clone(),
                OutletRow {
                    id: o.id.clone(),
                    name: o.name.clone(),
                    kind: o.kind.map(|k| k.as_str().to_string()),
                    country: o.country.clone(),
                    ownership: o.ownership.map(|k| k.as_str().to_string()),
                    ..OutletRow::default()
                },
            )
        })
        .collect();
    for p in partials {
        for (key, row) in p.speakers {
            match speakers.get_mut(&key) {
                Some(existing) => {
                    existing.articles += 1;
                    existing.claims += row.claims;
                    existing.role = existing.role.take().or(row.role);
                    existing.affiliation = existing.affiliation.take().or(row.affiliation);
                    existing.country = existing.country.take().or(row.country);
                }
                None => {
                    speakers.insert(key, row);
                }
            }
        }
        for (hop, n) in p.relays {
            let row = rows.entry(hop.clone()).or_insert_with(|| OutletRow {
                id: hop.clone(),
                name: hop.clone(),
                ..OutletRow::default()
            });
            row.relayed_claims += n;
            row.relying_articles += 1;
        }
        if let Some(row) = rows.get_mut(&p.own_outlet) {
            row.own_articles += 1;
        }
    }
    let mut speakers: Vec<SpeakerRow> = speakers.into_values().collect();
    speakers.sort_by(|a, b| {
        b.claims
            .cmp(&a.claims)
            .then_with(|| b.articles.cmp(&a.articles))
            .then_with(|| a.speaker.cmp(&b.speaker))
    });
    let mut outlets: Vec<OutletRow> = rows.into_values().collect();
    outlets.sort_by(|a, b| {
        b.relayed_claims
            .cmp(&a.relayed_claims)
            .then_with(|| a.id.cmp(&b.id))
    });
    SourcesReport { speakers, outlets }
}
