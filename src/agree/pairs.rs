//! Pairing two annotations' claims and sources. Claims with the same id pair
//! first. The rest pair greedily, best first, by likeness: the larger of the
//! share of one claim's quote words found in the other claim's text and quote
//! (quotes of two words or more) and the Jaccard index of their content words.
//! Pairs need a likeness of at least [`THRESHOLD`].

use super::{claim_words, names_match};
use crate::draft::matching::content_words;
use crate::model::{Article, Claim, Source};
use std::collections::HashSet;

/// The least likeness at which two claims are the same claim: half of a
/// quote's words found in the other claim, or half of their words shared.
pub const THRESHOLD: f64 = 0.5;

#[derive(Clone, Debug, PartialEq)]
pub struct Paired {
    pub a: usize,
    pub b: usize,
    pub by: &'static str,
    pub score: f64,
}

pub fn pair_claims(a: &[Claim], b: &[Claim]) -> Vec<Paired> {
    let mut out = Vec::new();
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    for (i, ca) in a.iter().enumerate() {
        if let Some(j) = b.iter().position(|cb| cb.id == ca.id)
            && !used_b[j]
        {
            used_a[i] = true;
            used_b[j] = true;
            out.push(Paired {
                a: i,
                b: j,
                by: "id",
                score: 1.0,
            });
        }
    }
    let words_a: Vec<HashSet<String>> = a
        .iter()
        .map(|c| claim_words(c).into_iter().collect())
        .collect();
    let words_b: Vec<HashSet<String>> = b
        .iter()
        .map(|c| claim_words(c).into_iter().collect())
        .collect();
    let mut cands = Vec::new();
    for (i, ca) in a.iter().enumerate() {
        if used_a[i] {
            continue;
        }
        for (j, cb) in b.iter().enumerate() {
            if used_b[j] {
                continue;
            }
            let s = likeness(ca, &words_a[i], cb, &words_b[j]);
            if s >= THRESHOLD {
                cands.push((s, i, j));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (s, i, j) in cands {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            out.push(Paired {
                a: i,
                b: j,
                by: "likeness",
                score: s,
            });
        }
    }
    out.sort_by_key(|p| p.a);
    out
}

/// How alike two claims are (see the module doc).
pub fn likeness(a: &Claim, wa: &HashSet<String>, b: &Claim, wb: &HashSet<String>) -> f64 {
    let quote_in = |c: &Claim, other: &HashSet<String>| -> f64 {
        let Some(q) = &c.quote else { return 0.0 };
        let words = crate::draft::matching::word_list(q);
        if words.len() < 2 {
            return 0.0;
        }
        words.iter().filter(|w| other.contains(*w)).count() as f64 / words.len() as f64
    };
    let ca = content_words(&format!("{} {}", a.text, a.quote.as_deref().unwrap_or("")));
    let cb = content_words(&format!("{} {}", b.text, b.quote.as_deref().unwrap_or("")));
    let union = ca.union(&cb).count();
    let jaccard = if union == 0 {
        0.0
    } else {
        ca.intersection(&cb).count() as f64 / union as f64
    };
    quote_in(a, wb).max(quote_in(b, wa)).max(jaccard)
}

/// Pair sources by name, or anonymous ones by their description's words.
/// Returns the number paired and the unpaired ids of each side.
pub fn pair_sources(a: &Article, b: &Article) -> (usize, Vec<String>, Vec<String>) {
    let mut used_b = vec![false; b.sources.len()];
    let mut only_a = Vec::new();
    let mut n = 0;
    for sa in &a.sources {
        let hit = b
            .sources
            .iter()
            .enumerate()
            .find(|(j, sb)| !used_b[*j] && same_source(sa, sb));
        match hit {
            Some((j, _)) => {
                used_b[j] = true;
                n += 1;
            }
            None => only_a.push(sa.id.clone()),
        }
    }
    let only_b = b
        .sources
        .iter()
        .enumerate()
        .filter(|(j, _)| !used_b[*j])
        .map(|(_, s)| s.id.clone())
        .collect();
    (n, only_a, only_b)
}

fn same_source(a: &Source, b: &Source) -> bool {
    match (&a.name, &b.name) {
        (Some(x), Some(y)) => names_match(x, y),
        (None, None) => {
            let da = content_words(a.description.as_deref().unwrap_or(""));
            let db = content_words(b.description.as_deref().unwrap_or(""));
            let small = da.len().min(db.len());
            a.id == b.id || (small > 0 && da.intersection(&db).count() * 2 >= small)
        }
        _ => false,
    }
}
