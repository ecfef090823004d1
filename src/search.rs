//! `claims --search`: which claims a few words find, and in what order.
//!
//! Words are compared folded: case, accents and compatibility forms set
//! aside (Unicode NFKD, combining marks dropped, lower case), so `Kremlin`,
//! `kremlin` and `Krémlin` are one word. A search word matches a field when
//! a word of the field begins with it (`sanction` finds "sanctions", `us`
//! does not find "Russia"); the id's words are its parts between hyphens.
//! A claim matches when every search word matches its id, or the text or
//! quote of one of its appearances. Claims are ranked by how many search
//! words match in the id, then in a quote, then in a text, then by
//! appearances, then by id.

use crate::model::Article;
use chrono::NaiveDate;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The most words a search takes: one bit each in a `u64`.
pub const MAX_WORDS: usize = 64;

/// The words searched for, folded, each once.
pub struct Query {
    words: Vec<String>,
}

/// `s` folded and cut into words (runs of letters and digits).
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    let folded: String = s
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

impl Query {
    /// The query of `text`, or why there is none.
    pub fn new(text: &str) -> Result<Query, String> {
        let mut list: Vec<String> = Vec::new();
        for w in words(text) {
            if !list.contains(&w) {
                list.push(w);
            }
        }
        if list.is_empty() {
            return Err(format!(
                "`--search {text:?}` has no words to look for; give one or more words of a claim's id, text or quote"
            ));
        }
        if list.len() > MAX_WORDS {
            return Err(format!(
                "`--search` takes at most {MAX_WORDS} different words; this one has {}",
                list.len()
            ));
        }
        Ok(Query { words: list })
    }

    fn all(&self) -> u64 {
        if self.words.len() == 64 {
            u64::MAX
        } else {
            (1u64 << self.words.len()) - 1
        }
    }

    /// Which search words match a field: bit `i` for word `i`.
    fn mask(&self, field: &str) -> u64 {
        let mut mask = 0;
        for w in words(field) {
            for (i, q) in self.words.iter().enumerate() {
                if w.starts_with(q.as_str()) {
                    mask |= 1 << i;
                }
            }
            if mask == self.all() {
                break;
            }
        }
        mask
    }
}

/// Which search words one appearance of a claim matches, by field.
#[derive(Clone, Copy, Default)]
pub struct Masks {
    id: u64,
    quote: u64,
    text: u64,
}

impl Masks {
    fn any(&self) -> u64 {
        self.id | self.quote | self.text
    }
}

/// The claims of an article that match at least one search word, with their
/// masks: all that is kept of an article on the first pass.
pub fn hits(q: &Query, article: &Article) -> Vec<(String, Masks)> {
    article
        .claims
        .iter()
        .filter_map(|c| {
            let m = Masks {
                id: q.mask(&c.id),
                quote: c.quote.as_deref().map_or(0, |t| q.mask(t)),
                text: q.mask(&c.text),
            };
            (m.any() != 0).then(|| (c.id.clone(), m))
        })
        .collect()
}

/// How many search words matched in each field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Matches {
    pub id: u32,
    pub quote: u32,
    pub text: u32,
}

/// The claim ids every search word matches, with what matched, from all
/// appearances' hits.
pub fn matching(
    q: &Query,
    hits: impl Iterator<Item = (String, Masks)>,
) -> HashMap<String, Matches> {
    let mut by_id: HashMap<String, Masks> = HashMap::new();
    for (id, m) in hits {
        let e = by_id.entry(id).or_default();
        e.id |= m.id;
        e.quote |= m.quote;
        e.text |= m.text;
    }
    by_id
        .into_iter()
        .filter(|(_, m)| m.any() == q.all())
        .map(|(id, m)| {
            let matches = Matches {
                id: m.id.count_ones(),
                quote: m.quote.count_ones(),
                text: m.text.count_ones(),
            };
            (id, matches)
        })
        .collect()
}

/// One claim found, as `claims --search` lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Found<'a> {
    pub id: &'a str,
    /// How many search words matched in the id, a quote and a text.
    pub matches: Matches,
    pub appearances: usize,
    pub articles: usize,
    /// The claim's first appearance in trail order, and its text there.
    pub first_article: Option<String>,
    pub first_published: Option<NaiveDate>,
    pub first_outlet: Option<&'a str>,
    #[serde(skip)]
    pub first_outlet_name: Option<&'a str>,
    pub text: Option<String>,
}

/// Ranked: most words in the id, then a quote, then a text; then most
/// appearances; then by id.
pub fn rank(found: &mut [Found]) {
    found.sort_by_key(|f| {
        (
            Reverse((f.matches.id, f.matches.quote, f.matches.text)),
            Reverse(f.appearances),
            f.id,
        )
    });
}

#[cfg(test)]
mod tests {
    use super::Query;

    #[test]
    fn folds_case_and_accents_and_matches_word_starts() {
        let q = Query::new("KRÉMLIN sanction").unwrap();
        assert_eq!(q.words, ["kremlin", "sanction"]);
        assert_eq!(q.mask("The Kremlin's new sanctions"), 0b11);
        assert_eq!(q.mask("Kreml"), 0);
        assert_eq!(q.mask("ru-kremlin-denies"), 0b01);
        // A word must begin the field's word: `us` is not in "Russia".
        assert_eq!(Query::new("us").unwrap().mask("Russia"), 0);
        // Compatibility forms: the ligature "ﬁ" is "fi".
        assert_eq!(Query::new("fighters").unwrap().mask("ﬁghters"), 1);
    }

    #[test]
    fn a_search_with_no_words_is_refused() {
        assert!(Query::new(" -- ").is_err());
        let many: Vec<String> = (0..65).map(|i| format!("w{i}")).collect();
        assert!(Query::new(&many.join(" ")).is_err());
        assert!(Query::new(&many[..64].join(" ")).is_ok());
    }
}
