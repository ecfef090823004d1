//! `claimtrail agree`: how far two annotations of the same article agree. A
//! is the reference and B the annotation measured against it (a draft, or a
//! second annotator), so precision is over B's items and recall over A's.
//!
//! Claims are paired first by id, then by likeness (see [`pairs`]); sources
//! by name, or for anonymous ones by description. Over the paired claims it
//! counts agreement on class (with Cohen's kappa), speaker, route, hedge,
//! `said` and kind ([`stats`]). [`table`] writes the disagreements line by line.

pub mod pairs;
pub mod stats;
pub mod table;

use crate::draft::extract::same_name;
use crate::draft::matching::{content_words, word_list};
use crate::model::{Article, Claim, Class, Route};
use serde::Serialize;
use stats::{FieldAgreement, Prf, kappa};

/// Every figure of one comparison.
#[derive(Clone, Debug, Serialize)]
pub struct Agreement {
    pub a: String,
    pub b: String,
    pub claims: Prf,
    pub sources: Prf,
    /// Routes of paired claims: a route counts when both give it.
    pub routes: Prf,
    /// Hedged claims: a pair counts when both are hedged.
    pub hedges: Prf,
    pub fields: Fields,
    pub pairs: Vec<Pair>,
    pub only_a: Vec<String>,
    pub only_b: Vec<String>,
    pub sources_only_a: Vec<String>,
    pub sources_only_b: Vec<String>,
}

/// Agreement on each field over the paired claims.
#[derive(Clone, Debug, Serialize)]
pub struct Fields {
    pub class: FieldAgreement,
    pub speaker: FieldAgreement,
    pub route: FieldAgreement,
    pub hedge: FieldAgreement,
    pub said: FieldAgreement,
    pub kind: FieldAgreement,
}

/// Two claims taken to be the same claim.
#[derive(Clone, Debug, Serialize)]
pub struct Pair {
    pub a: String,
    pub b: String,
    /// `id` or `likeness`.
    pub by: &'static str,
    pub score: f64,
    pub differences: Vec<Difference>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Difference {
    pub field: &'static str,
    pub a: String,
    pub b: String,
}

pub fn agree(a: &Article, b: &Article) -> Agreement {
    let paired = pairs::pair_claims(&a.claims, &b.claims);
    let mut classes: Vec<(Class, Class)> = Vec::new();
    let mut counts = [(0usize, 0usize); 6];
    let mut route_tp = 0;
    let mut hedge_tp = 0;
    let mut out_pairs = Vec::new();
    for p in &paired {
        let (ca, cb) = (&a.claims[p.a], &b.claims[p.b]);
        let mut diffs = Vec::new();
        let class = (a.class_of(ca), b.class_of(cb));
        classes.push(class);
        let speaker_a = speaker_of(a, ca);
        let speaker_b = speaker_of(b, cb);
        let checks: [(&'static str, bool, String, String); 6] = [
            (
                "class",
                class.0 == class.1,
                class.0.as_str().into(),
                class.1.as_str().into(),
            ),
            ("speaker", same_speaker(a, ca, b, cb), speaker_a, speaker_b),
            (
                "route",
                same_routes(&ca.routes, &cb.routes),
                routes_text(&ca.routes),
                routes_text(&cb.routes),
            ),
            ("hedge", same_hedge(ca, cb), opt(&ca.hedge), opt(&cb.hedge)),
            (
                "said",
                ca.said == cb.said,
                opt(&ca.said.map(|d| d.to_string())),
                opt(&cb.said.map(|d| d.to_string())),
            ),
            (
                "kind",
                ca.kind == cb.kind,
                ca.kind.as_str().into(),
                cb.kind.as_str().into(),
            ),
        ];
        for (k, (field, same, va, vb)) in checks.into_iter().enumerate() {
            counts[k].1 += 1;
            if same {
                counts[k].0 += 1;
            } else {
                diffs.push(Difference {
                    field,
                    a: va,
                    b: vb,
                });
            }
        }
        route_tp += ca.routes.iter().filter(|r| cb.routes.contains(r)).count();
        if ca.hedged() && cb.hedged() {
            hedge_tp += 1;
        }
        out_pairs.push(Pair {
            a: ca.id.clone(),
            b: cb.id.clone(),
            by: p.by,
            score: p.score,
            differences: diffs,
        });
    }
    let field = |k: usize| FieldAgreement::new(counts[k].0, counts[k].1, None);
    let fields = Fields {
        class: FieldAgreement::new(counts[0].0, counts[0].1, kappa(&classes)),
        speaker: field(1),
        route: field(2),
        hedge: field(3),
        said: field(4),
        kind: field(5),
    };
    let routes_in = |art: &Article| art.claims.iter().map(|c| c.routes.len()).sum::<usize>();
    let hedged_in = |art: &Article| art.claims.iter().filter(|c| c.hedged()).count();
    let (src_pairs, src_only_a, src_only_b) = pairs::pair_sources(a, b);
    let paired_a: Vec<usize> = paired.iter().map(|p| p.a).collect();
    let paired_b: Vec<usize> = paired.iter().map(|p| p.b).collect();
    Agreement {
        a: a.file.clone(),
        b: b.file.clone(),
        claims: Prf::new(a.claims.len(), b.claims.len(), paired.len(), paired.len()),
        sources: Prf::new(a.sources.len(), b.sources.len(), src_pairs, src_pairs),
        routes: Prf::new(routes_in(a), routes_in(b), route_tp, route_tp),
        hedges: Prf::new(hedged_in(a), hedged_in(b), hedge_tp, hedge_tp),
        fields,
        pairs: out_pairs,
        only_a: unpaired(&a.claims, &paired_a),
        only_b: unpaired(&b.claims, &paired_b),
        sources_only_a: src_only_a,
        sources_only_b: src_only_b,
    }
}

fn unpaired(claims: &[Claim], paired: &[usize]) -> Vec<String> {
    let mut is_paired = vec![false; claims.len()];
    for &i in paired {
        is_paired[i] = true;
    }
    claims
        .iter()
        .zip(is_paired)
        .filter(|(_, p)| !p)
        .map(|(c, _)| c.id.clone())
        .collect()
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "-".into())
}

fn speaker_of(art: &Article, c: &Claim) -> String {
    art.source_of(c)
        .map_or_else(|| "-".into(), |s| s.described())
}

/// Same name, or both anonymous, or both without a speaker.
fn same_speaker(a: &Article, ca: &Claim, b: &Article, cb: &Claim) -> bool {
    match (a.source_of(ca), b.source_of(cb)) {
        (None, None) => true,
        (Some(x), Some(y)) => match (&x.name, &y.name) {
            (Some(n), Some(m)) => names_match(n, m),
            (None, None) => x.anonymous && y.anonymous,
            _ => false,
        },
        _ => false,
    }
}

/// Names match when equal, when one ends with the other ("Zakharova"), or
/// when most of the shorter one's words are in the longer.
pub fn names_match(a: &str, b: &str) -> bool {
    if same_name(a, b) {
        return true;
    }
    let wa = content_words(a);
    let wb = content_words(b);
    let small = wa.len().min(wb.len());
    small > 0 && wa.intersection(&wb).count() * 2 > small
}

fn same_routes(a: &[Route], b: &[Route]) -> bool {
    let mut x = a.to_vec();
    let mut y = b.to_vec();
    x.sort();
    y.sort();
    x == y
}

fn routes_text(r: &[Route]) -> String {
    if r.is_empty() {
        return "-".into();
    }
    r.iter()
        .map(|r| r.hops.join(">"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Both unhedged, or the same cue (one containing the other: "believed" and
/// "is believed to").
fn same_hedge(a: &Claim, b: &Claim) -> bool {
    match (&a.hedge, &b.hedge) {
        (None, None) => true,
        (Some(x), Some(y)) => {
            let (x, y) = (x.to_lowercase(), y.to_lowercase());
            x.contains(&y) || y.contains(&x)
        }
        _ => false,
    }
}

/// Words of a claim's text and quote, for likeness.
pub(crate) fn claim_words(c: &Claim) -> Vec<String> {
    let mut w = word_list(&c.text);
    if let Some(q) = &c.quote {
        w.extend(word_list(q));
    }
    w
}
