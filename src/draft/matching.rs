//! Joining a draft to the corpus it will live in: speakers the corpus already
//! knows ("Zakharova" is its `Maria Zakharova`, with her role), and for every
//! drafted claim the corpus claims it most resembles, by shared words, names,
//! numbers and quotes. A strong match gives the drafted claim that claim's id,
//! so trails join without the annotator remembering ids.

use super::extract::{Speaker, same_name};
use crate::model::{Article, SourceKind};
use std::collections::{BTreeMap, HashSet};

/// From this score up a drafted claim takes the corpus claim's id. Chosen so
/// that the corpus quote must appear nearly word for word in the sentence, or
/// most words of the two claims must be shared.
pub const STRONG: f64 = 0.75;
/// Corpus claims below this score are not listed.
pub const LISTED: f64 = 0.25;

#[derive(Clone, Debug)]
pub struct KnownSpeaker {
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
    pub organization: bool,
}

#[derive(Clone, Debug)]
pub struct KnownClaim {
    pub id: String,
    /// The article the claim first appears in (earliest published, then by id).
    pub article: String,
    words: HashSet<String>,
    quote: Vec<String>,
    numbers: HashSet<String>,
}

/// The corpus, indexed for the draft.
#[derive(Clone, Debug, Default)]
pub struct CorpusIndex {
    pub speakers: Vec<KnownSpeaker>,
    pub claims: Vec<KnownClaim>,
}

/// One corpus claim that resembles a drafted one.
#[derive(Clone, Debug, PartialEq)]
pub struct Similar {
    pub id: String,
    pub article: String,
    pub score: f64,
}

impl CorpusIndex {
    pub fn new(articles: &[Article]) -> CorpusIndex {
        let mut sorted: Vec<&Article> = articles.iter().collect();
        sorted.sort_by(|a, b| {
            (a.published.is_none(), a.published, &a.id).cmp(&(
                b.published.is_none(),
                b.published,
                &b.id,
            ))
        });
        let mut speakers: Vec<KnownSpeaker> = Vec::new();
        let mut first: BTreeMap<String, String> = BTreeMap::new();
        let mut claims: Vec<KnownClaim> = Vec::new();
        for a in sorted {
            for s in &a.sources {
                let Some(name) = &s.name else { continue };
                if speakers.iter().any(|k| &k.name == name) {
                    continue;
                }
                speakers.push(KnownSpeaker {
                    name: name.clone(),
                    role: s.role.clone(),
                    affiliation: s.affiliation.clone(),
                    country: s.country.clone(),
                    organization: s.kind == SourceKind::Organization,
                });
            }
            for c in &a.claims {
                let article = first
                    .entry(c.id.clone())
                    .or_insert_with(|| a.id.clone())
                    .clone();
                let mut all = c.text.clone();
                if let Some(q) = &c.quote {
                    all.push(' ');
                    all.push_str(q);
                }
                // Every appearance is kept: each article quotes it in its own words.
                claims.push(KnownClaim {
                    id: c.id.clone(),
                    article,
                    words: content_words(&all),
                    quote: c.quote.as_deref().map(word_list).unwrap_or_default(),
                    numbers: numbers(&all),
                });
            }
        }
        CorpusIndex { speakers, claims }
    }

    /// Names of the corpus's named speakers.
    pub fn names(&self) -> Vec<String> {
        self.speakers.iter().map(|s| s.name.clone()).collect()
    }

    /// Fill a drafted speaker from the corpus's speaker of the same name.
    pub fn join_speaker(&self, sp: &mut Speaker) -> bool {
        let Some(name) = sp.name.clone() else {
            return false;
        };
        let Some(k) = self.speakers.iter().find(|k| same_name(&k.name, &name)) else {
            return false;
        };
        sp.name = Some(k.name.clone());
        if k.role.is_some() {
            sp.role = k.role.clone();
        }
        sp.affiliation = k.affiliation.clone().or(sp.affiliation.take());
        sp.country = k.country.clone();
        sp.organization = k.organization;
        sp.confirm.retain(|c| !c.starts_with("only "));
        sp.why
            .push_str(&format!("; \"{}\" is known in the corpus", k.name));
        true
    }

    /// The corpus claims most like a drafted claim's text and quote, best first.
    pub fn similar(&self, text: &str, quote: Option<&str>, max: usize) -> Vec<Similar> {
        let mut all = text.to_string();
        if let Some(q) = quote {
            all.push(' ');
            all.push_str(q);
        }
        let words = content_words(&all);
        let nums = numbers(&all);
        let sentence: HashSet<String> = word_list(&all).into_iter().collect();
        let mut found: Vec<Similar> = self
            .claims
            .iter()
            .map(|k| Similar {
                id: k.id.clone(),
                article: k.article.clone(),
                score: score(&words, &nums, &sentence, k),
            })
            .filter(|s| s.score >= LISTED)
            .collect();
        found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        let mut seen = HashSet::new();
        found.retain(|s| seen.insert(s.id.clone()));
        found.truncate(max);
        found
    }
}

/// How alike a drafted claim and a corpus claim are, 0 to 1: the larger of
/// the share of the corpus quote's words found in the sentence (for quotes of
/// three words or more) and 1.5 times the Jaccard index of their content
/// words, plus 0.1 when they share a number.
pub fn score(
    words: &HashSet<String>,
    nums: &HashSet<String>,
    sentence: &HashSet<String>,
    k: &KnownClaim,
) -> f64 {
    let quote = if k.quote.len() >= 3 {
        k.quote.iter().filter(|w| sentence.contains(*w)).count() as f64 / k.quote.len() as f64
    } else {
        0.0
    };
    let inter = words.intersection(&k.words).count() as f64;
    let union = words.union(&k.words).count() as f64;
    let jaccard = if union == 0.0 { 0.0 } else { inter / union };
    let shared_number = !nums.is_disjoint(&k.numbers);
    (quote.max(1.5 * jaccard) + if shared_number { 0.1 } else { 0.0 }).min(1.0)
}

/// Lowercased words, in order.
pub fn word_list(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Words of four letters or more, and numbers: what two claims share when
/// they are about the same thing.
pub fn content_words(s: &str) -> HashSet<String> {
    word_list(s)
        .into_iter()
        .filter(|w| w.chars().count() >= 4 || w.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

fn numbers(s: &str) -> HashSet<String> {
    word_list(s)
        .into_iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{CorpusIndex, KnownClaim, content_words, score, word_list};
    use std::collections::HashSet;

    #[test]
    fn a_corpus_quote_found_in_the_sentence_is_a_strong_match() {
        let k = KnownClaim {
            id: "x".into(),
            article: "a".into(),
            words: content_words("Two planes landed. mendarat di Bandara Maiquetia"),
            quote: word_list("mendarat di Bandara Maiquetia"),
            numbers: HashSet::new(),
        };
        let s = "Pesawat itu mendarat di Bandara Maiquetia kemarin.";
        let sentence: HashSet<String> = word_list(s).into_iter().collect();
        // All 4 quote words are in the sentence: 4/4 = 1.0.
        assert_eq!(
            score(&content_words(s), &HashSet::new(), &sentence, &k),
            1.0
        );
        let other = "Harga minyak naik.";
        let sentence: HashSet<String> = word_list(other).into_iter().collect();
        assert_eq!(
            score(&content_words(other), &HashSet::new(), &sentence, &k),
            0.0
        );
        assert!(CorpusIndex::default().similar(s, None, 3).is_empty());
    }
}
