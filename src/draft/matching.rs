//! Joining a draft to the corpus it will live in: speakers the corpus already
//! knows ("Zakharova" is its `Maria Zakharova`, with her role), and for every
//! drafted claim the corpus claims it most resembles, by shared words, names,
//! numbers and quotes. A strong match gives the drafted claim that claim's id,
//! so trails join without the annotator remembering ids.

use super::extract::{Speaker, same_name};
use crate::model::{Article, Claim, SourceKind};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Maps looked up for every word: hashed fast, never iterated in an order
/// that shows.
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// From this score up a drafted claim takes the corpus claim's id. Chosen so
/// that the corpus quote must appear nearly word for word in the sentence, or
/// most words of the two claims must be shared.
pub const STRONG: f64 = 0.75;
/// Corpus claims below this score are not listed.
pub const LISTED: f64 = 0.25;
/// How many postings one drafted claim walks at most. Its words are taken
/// rarest first, as many as fit; a corpus claim sharing none of those is not
/// compared. Without a bound, a word that most corpus claims have (in a
/// corpus that repeats a small vocabulary, every word) makes each drafted
/// claim cost as much as the whole corpus. The claims that are compared are
/// scored on all their words.
pub const BUDGET: usize = 512;
/// How many of the corpus's most common content words, and how many of its
/// most common quote words, get a bit in each claim's masks
/// (`KnownClaim::word_mask`, `KnownClaim::quote_once`). The words
/// whose lists do not fit in the budget are the common ones; when all of a
/// drafted claim's are among these, what a claim shares of them is one
/// `and` and a count of bits, not a walk over the claim's words.
pub const MASKED: usize = u128::BITS as usize;
/// A word without a bit in the masks.
const NO_BIT: u8 = u8::MAX;

#[derive(Clone, Debug)]
pub struct KnownSpeaker {
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
    pub organization: bool,
}

/// One appearance of a corpus claim, as the scorer sees it. Appearances of
/// one id with the same words and quote score alike, so only the first is
/// kept.
#[derive(Clone, Debug)]
struct KnownClaim {
    /// The claim id's number in [`CorpusIndex::ids`].
    id: u32,
    /// How many content words and numbers ([`content_words`]) it has.
    words: u32,
    /// How many words its quote has.
    quote: u32,
    /// Whether a word of its quote with a bit is there three times or more
    /// (then the bits below do not give the count, and the quote's words
    /// are walked).
    quote_repeats: bool,
    /// The bits ([`MASKED`]) of its content words, of the words its quote
    /// has (for quotes of three words or more), and of those its quote has
    /// twice or more. Kept beside the counts, so a claim met is one read.
    word_mask: u128,
    quote_once: u128,
    quote_twice: u128,
}

/// The corpus, indexed for the draft: for each word, the claims that have
/// it, so that a drafted claim is compared only with the claims it shares a
/// word with, in time proportional to how often its words occur.
#[derive(Clone, Debug, Default)]
pub struct CorpusIndex {
    speakers: Vec<KnownSpeaker>,
    /// Lowercased words of the speakers' names: index numbers in `speakers`
    /// of the names that have the word, in order.
    speaker_words: Map<String, Vec<u32>>,
    /// Claim ids, numbered, each with the article it first appears in
    /// (earliest published, then by id).
    ids: Vec<(String, String)>,
    /// By id number: the id's place among the ids in string order.
    id_rank: Vec<u32>,
    claims: Vec<KnownClaim>,
    /// Every word of the claims' texts and quotes, numbered.
    vocabulary: Map<String, u32>,
    /// By word number: whether the word is a number.
    is_number: Vec<bool>,
    /// By word number: the claims with it among their content words.
    by_word: Vec<Vec<u32>>,
    /// By word number: the claims (with a quote of three words or more)
    /// whose quote has it, and how many times.
    by_quote_word: Vec<Vec<(u32, u32)>>,
    /// By claim, from `words_at[n]` to `words_at[n + 1]`: its content word
    /// numbers, in order.
    words_of: Vec<u32>,
    words_at: Vec<u32>,
    /// By claim, from `quote_at[n]` to `quote_at[n + 1]`: its quote's word
    /// numbers and how many times each (for quotes of three words or more).
    quote_of: Vec<(u32, u32)>,
    quote_at: Vec<u32>,
    /// [`BUDGET`], smaller in tests.
    budget: usize,
    /// By word number: its bit in the content word masks, or [`NO_BIT`]:
    /// the [`MASKED`] words with the longest lists in `by_word` have one.
    word_bit: Vec<u8>,
    /// The bits of the content words that are numbers.
    number_bits: u128,
    /// By word number: its bit in the quote masks, or [`NO_BIT`]: the
    /// [`MASKED`] words with the longest lists in `by_quote_word` have one.
    quote_bit: Vec<u8>,
}

/// What a drafted claim shares with one corpus claim, counted over the
/// posting lists of its words.
#[derive(Clone, Copy, Default)]
struct Shared {
    words: u32,
    quote_words: u32,
    number: bool,
    seen: bool,
}

/// One corpus claim that resembles a drafted one.
#[derive(Clone, Debug, PartialEq)]
pub struct Similar {
    pub id: String,
    pub article: String,
    pub score: f64,
}

/// What one call of [`CorpusIndex::similar`] counts in, kept per thread and
/// left clean after each call: by claim what it shares, and by claim id its
/// best score so far.
#[derive(Default)]
struct Scratch {
    shared: Vec<Shared>,
    touched: Vec<u32>,
    best: Vec<f64>,
    scored: Vec<u32>,
    /// The drafted claim's words: lowercased one at a time, and the unknown
    /// content words kept (as spans of `unknown`) to be counted once each.
    word: String,
    unknown: String,
    spans: Vec<(usize, usize)>,
    /// Its known content words and its sentence's known words, by number.
    content: Vec<u32>,
    sentence: Vec<u32>,
    /// The posting lists to walk: (length, which, word number), `which`
    /// 0 for content words and 1 for quote words.
    lists: Vec<(usize, u8, u32)>,
    /// By word number: [`SKIPPED_WORD`] and [`SKIPPED_QUOTE`] for words whose
    /// lists did not fit in the budget, for a touched claim's words to be
    /// checked against when they are walked (a skipped word without a bit).
    skipped: Vec<u8>,
}

const SKIPPED_WORD: u8 = 1;
const SKIPPED_QUOTE: u8 = 2;

impl CorpusIndex {
    pub fn new(articles: &[Article]) -> CorpusIndex {
        Self::with_masked(articles, MASKED)
    }

    /// [`new`](Self::new), giving a bit to the `masked` most common words
    /// (at most [`MASKED`]; fewer in tests, so that words without one are
    /// met).
    fn with_masked(articles: &[Article], masked: usize) -> CorpusIndex {
        let mut sorted: Vec<&Article> = articles.iter().collect();
        sorted.sort_by(|a, b| {
            (a.published.is_none(), a.published, &a.id).cmp(&(
                b.published.is_none(),
                b.published,
                &b.id,
            ))
        });
        let mut index = CorpusIndex {
            budget: BUDGET,
            words_at: vec![0],
            quote_at: vec![0],
            ..CorpusIndex::default()
        };
        let mut named: HashSet<&str> = HashSet::new();
        let mut id_numbers: HashMap<&str, u32> = HashMap::new();
        // (id, content words, quote words): an appearance scoring like one
        // already kept.
        let mut kept: HashSet<(u32, Vec<u32>, Vec<u32>), foldhash::fast::RandomState> =
            HashSet::default();
        // Each claim's words, found in parallel: numbering them below is
        // what must go in order.
        let claim_words: Vec<Vec<ClaimWords>> = sorted
            .par_iter()
            .map(|a| a.claims.iter().map(ClaimWords::of).collect())
            .collect();
        for (a, claim_words) in sorted.into_iter().zip(claim_words) {
            for s in &a.sources {
                let Some(name) = &s.name else { continue };
                if !named.insert(name) {
                    continue;
                }
                let n = index.speakers.len() as u32;
                let mut words: Vec<String> = name
                    .to_lowercase()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                words.sort_unstable();
                words.dedup();
                for w in words {
                    index.speaker_words.entry(w).or_default().push(n);
                }
                index.speakers.push(KnownSpeaker {
                    name: name.clone(),
                    role: s.role.clone(),
                    affiliation: s.affiliation.clone(),
                    country: s.country.clone(),
                    organization: s.kind == SourceKind::Organization,
                });
            }
            for (c, cw) in a.claims.iter().zip(claim_words) {
                let id = *id_numbers.entry(&c.id).or_insert_with(|| {
                    index.ids.push((c.id.clone(), a.id.clone()));
                    index.ids.len() as u32 - 1
                });
                let mut words = index.numbered(cw.content);
                let mut quote = index.numbered(cw.quote);
                words.sort_unstable();
                quote.sort_unstable();
                if !kept.insert((id, words.clone(), quote.clone())) {
                    continue;
                }
                let n = index.claims.len() as u32;
                for &w in &words {
                    index.by_word[w as usize].push(n);
                }
                index.words_of.extend_from_slice(&words);
                index.words_at.push(index.words_of.len() as u32);
                if quote.len() >= 3 {
                    for group in quote.chunk_by(|a, b| a == b) {
                        index.by_quote_word[group[0] as usize].push((n, group.len() as u32));
                        index.quote_of.push((group[0], group.len() as u32));
                    }
                }
                index.quote_at.push(index.quote_of.len() as u32);
                // Every other appearance is kept: each article quotes it in its own words.
                index.claims.push(KnownClaim {
                    id,
                    words: words.len() as u32,
                    quote: quote.len() as u32,
                    quote_repeats: false,
                    word_mask: 0,
                    quote_once: 0,
                    quote_twice: 0,
                });
            }
        }
        let mut order: Vec<u32> = (0..index.ids.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| index.ids[a as usize].0.cmp(&index.ids[b as usize].0));
        index.id_rank = vec![0; order.len()];
        for (rank, &id) in (0u32..).zip(&order) {
            index.id_rank[id as usize] = rank;
        }
        index.masks(masked.min(MASKED));
        index
    }

    /// Give the `masked` content words and the `masked` quote words with
    /// the longest posting lists a bit, and each claim its masks.
    fn masks(&mut self, masked: usize) {
        let bits = |lengths: &dyn Fn(usize) -> usize| -> Vec<u8> {
            let mut common: Vec<usize> = (0..self.by_word.len())
                .filter(|&w| lengths(w) > 0)
                .collect();
            common.sort_unstable_by(|&a, &b| lengths(b).cmp(&lengths(a)).then(a.cmp(&b)));
            let mut bit = vec![NO_BIT; self.by_word.len()];
            for (b, &w) in (0u8..).zip(common.iter().take(masked)) {
                bit[w] = b;
            }
            bit
        };
        self.word_bit = bits(&|w| self.by_word[w].len());
        self.quote_bit = bits(&|w| self.by_quote_word[w].len());
        let mask = |bit: &[u8], words: &mut dyn Iterator<Item = u32>| -> u128 {
            words
                .filter(|&w| bit[w as usize] != NO_BIT)
                .fold(0, |m, w| m | 1 << bit[w as usize])
        };
        self.number_bits = mask(
            &self.word_bit,
            &mut (0..self.is_number.len() as u32).filter(|&w| self.is_number[w as usize]),
        );
        let quote =
            |n: usize| &self.quote_of[self.quote_at[n] as usize..self.quote_at[n + 1] as usize];
        let times = |n: usize, at_least: u32| {
            quote(n)
                .iter()
                .filter(move |q| q.1 >= at_least)
                .map(|q| q.0)
        };
        let mut claims = std::mem::take(&mut self.claims);
        for (n, k) in claims.iter_mut().enumerate() {
            let (from, to) = (self.words_at[n] as usize, self.words_at[n + 1] as usize);
            k.word_mask = mask(&self.word_bit, &mut self.words_of[from..to].iter().copied());
            k.quote_once = mask(&self.quote_bit, &mut times(n, 1));
            k.quote_twice = mask(&self.quote_bit, &mut times(n, 2));
            k.quote_repeats = times(n, 3).any(|w| self.quote_bit[w as usize] != NO_BIT);
        }
        self.claims = claims;
    }

    /// The numbers of `words`, each numbered on first sight.
    fn numbered(&mut self, words: impl IntoIterator<Item = String>) -> Vec<u32> {
        words
            .into_iter()
            .map(|w| {
                let next = self.vocabulary.len() as u32;
                let number = !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
                let n = *self.vocabulary.entry(w).or_insert(next);
                if n == next {
                    self.by_word.push(Vec::new());
                    self.by_quote_word.push(Vec::new());
                    self.is_number.push(number);
                }
                n
            })
            .collect()
    }

    /// Whether a lowercased word longer than two letters is a word of a
    /// corpus speaker's name: a surname alone may stand for the speaker.
    pub fn knows_name_word(&self, w: &str) -> bool {
        w.len() > 2 && self.speaker_words.contains_key(w)
    }

    /// The corpus's speaker of the same name ([`same_name`]), the first
    /// named in the corpus. A name of the same person shares a word with
    /// it, so only the names sharing a word are compared.
    fn speaker_named(&self, name: &str) -> Option<&KnownSpeaker> {
        let lower = name.to_lowercase();
        lower
            .split_whitespace()
            .filter_map(|w| self.speaker_words.get(w))
            .flatten()
            .copied()
            .filter(|&n| same_name(&self.speakers[n as usize].name, name))
            .min()
            .map(|n| &self.speakers[n as usize])
    }

    /// Fill a drafted speaker from the corpus's speaker of the same name.
    /// A name with no capital ("ministry", "the company") is how the text
    /// points at some organisation, not a name, and joins nobody.
    pub fn join_speaker(&self, sp: &mut Speaker) -> bool {
        let Some(name) = sp
            .name
            .clone()
            .filter(|n| n.chars().any(char::is_uppercase))
        else {
            return false;
        };
        let Some(k) = self.speaker_named(&name) else {
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

    /// The corpus claims most like a drafted claim's text and quote, best
    /// first, by `score`'s measure. Only claims sharing a word with it can
    /// score above zero; what they share is counted along the posting lists
    /// of its words, rarest first, as many lists as fit in [`BUDGET`]
    /// postings. The claims met there are compared on every word; a claim
    /// sharing only words too common to fit is not compared. So the work is
    /// bounded whatever the corpus, and where every list fits (a corpus
    /// whose words are not all common), nothing is left out.
    pub fn similar(&self, text: &str, quote: Option<&str>, max: usize) -> Vec<Similar> {
        self.similar_walked(text, quote, max).0
    }

    /// [`similar`](Self::similar), how many postings it walked, and whether
    /// a list was left out.
    fn similar_walked(
        &self,
        text: &str,
        quote: Option<&str>,
        max: usize,
    ) -> (Vec<Similar>, usize, bool) {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
        }
        SCRATCH.with_borrow_mut(|scratch| {
            let Scratch {
                shared,
                touched,
                best,
                scored,
                word,
                unknown,
                spans,
                content,
                sentence,
                lists,
                skipped,
            } = scratch;
            if shared.len() < self.claims.len() {
                shared.resize(self.claims.len(), Shared::default());
            }
            if best.len() < self.ids.len() {
                best.resize(self.ids.len(), f64::NAN);
            }
            if skipped.len() < self.by_word.len() {
                skipped.resize(self.by_word.len(), 0);
            }
            // The words of the text and the quote, as `word_list` and
            // `content_words` give them, without a `String` for each.
            unknown.clear();
            spans.clear();
            content.clear();
            sentence.clear();
            let parts = std::iter::once(text).chain(quote);
            for w in parts.flat_map(words) {
                word.clear();
                if w.is_ascii() {
                    word.push_str(w);
                    word.make_ascii_lowercase();
                } else {
                    word.extend(w.chars().flat_map(char::to_lowercase));
                }
                let is_content = is_content(word);
                match self.vocabulary.get(word.as_str()) {
                    Some(&n) => {
                        sentence.push(n);
                        if is_content {
                            content.push(n);
                        }
                    }
                    None if is_content => {
                        let at = unknown.len();
                        unknown.push_str(word);
                        spans.push((at, unknown.len()));
                    }
                    None => {}
                }
            }
            content.sort_unstable();
            content.dedup();
            sentence.sort_unstable();
            sentence.dedup();
            spans.sort_unstable_by(|a, b| unknown[a.0..a.1].cmp(&unknown[b.0..b.1]));
            spans.dedup_by(|a, b| unknown[a.0..a.1] == unknown[b.0..b.1]);
            let words = content.len() + spans.len();
            // The posting lists, shortest first, walked while they fit in the
            // budget; the words of the others are counted claim by claim.
            lists.clear();
            lists.extend(
                content
                    .iter()
                    .map(|&w| (self.by_word[w as usize].len(), 0, w)),
            );
            lists.extend(
                sentence
                    .iter()
                    .map(|&w| (self.by_quote_word[w as usize].len(), 1, w))
                    .filter(|l| l.0 > 0),
            );
            lists.sort_unstable();
            let mut walked = 0;
            let mut skipping = false;
            // The skipped words' bits, and whether one has none (then every
            // touched claim's words of that kind are walked).
            let (mut skipped_words, mut skipped_quote) = (0u128, 0u128);
            let (mut walk_words, mut walk_quote) = (false, false);
            for &(len, which, w) in lists.iter() {
                if skipping || walked + len > self.budget {
                    skipping = true;
                    let (bit, mask, walk, flag) = if which == 0 {
                        let bit = self.word_bit[w as usize];
                        (bit, &mut skipped_words, &mut walk_words, SKIPPED_WORD)
                    } else {
                        let bit = self.quote_bit[w as usize];
                        (bit, &mut skipped_quote, &mut walk_quote, SKIPPED_QUOTE)
                    };
                    if bit == NO_BIT {
                        *walk = true;
                    } else {
                        *mask |= 1 << bit;
                    }
                    skipped[w as usize] |= flag;
                    continue;
                }
                walked += len;
                if which == 0 {
                    let number = self.is_number[w as usize];
                    for &n in &self.by_word[w as usize] {
                        let s = touch(shared, touched, n);
                        s.words += 1;
                        s.number |= number;
                    }
                } else {
                    for &(n, times) in &self.by_quote_word[w as usize] {
                        touch(shared, touched, n).quote_words += times;
                    }
                }
            }
            if skipping {
                for &n in touched.iter() {
                    let n = n as usize;
                    let s = &mut shared[n];
                    let k = &self.claims[n];
                    if walk_words {
                        let (from, to) = (self.words_at[n] as usize, self.words_at[n + 1] as usize);
                        for &w in &self.words_of[from..to] {
                            if skipped[w as usize] & SKIPPED_WORD != 0 {
                                s.words += 1;
                                s.number |= self.is_number[w as usize];
                            }
                        }
                    } else {
                        // Most claims share none of the skipped words: no
                        // count then (a count of bits is some twenty
                        // instructions where the processor has no `popcnt`).
                        let both = k.word_mask & skipped_words;
                        if both != 0 {
                            s.words += both.count_ones();
                            s.number |= both & self.number_bits != 0;
                        }
                    }
                    if walk_quote || k.quote_repeats {
                        let (from, to) = (self.quote_at[n] as usize, self.quote_at[n + 1] as usize);
                        for &(w, times) in &self.quote_of[from..to] {
                            if skipped[w as usize] & SKIPPED_QUOTE != 0 {
                                s.quote_words += times;
                            }
                        }
                    } else {
                        // Once for each word there, once more for each
                        // there twice (a word there twice is there once).
                        let once = k.quote_once & skipped_quote;
                        if once != 0 {
                            s.quote_words +=
                                once.count_ones() + (k.quote_twice & skipped_quote).count_ones();
                        }
                    }
                }
                for &(_, _, w) in lists.iter() {
                    skipped[w as usize] = 0;
                }
            }
            // Each claim's score, and each id's best.
            for n in touched.drain(..) {
                let k = &self.claims[n as usize];
                let score = score_counted(words, &shared[n as usize], k);
                shared[n as usize] = Shared::default();
                if score >= LISTED {
                    let b = &mut best[k.id as usize];
                    if b.is_nan() {
                        *b = score;
                        scored.push(k.id);
                    } else if score > *b {
                        *b = score;
                    }
                }
            }
            // The `max` best ids, the higher score first, then the id (by its
            // rank among the ids, as strings): kept in one pass.
            let before = |a: u32, b: u32| {
                let (x, y) = (best[a as usize], best[b as usize]);
                x > y || (x == y && self.id_rank[a as usize] < self.id_rank[b as usize])
            };
            let mut top: Vec<u32> = Vec::with_capacity(max + 1);
            for &id in scored.iter() {
                if max == 0 || (top.len() == max && !before(id, top[max - 1])) {
                    continue;
                }
                let at = top.iter().position(|&t| before(id, t)).unwrap_or(top.len());
                top.insert(at, id);
                top.truncate(max);
            }
            let found: Vec<Similar> = top
                .iter()
                .map(|&id| {
                    let (name, article) = &self.ids[id as usize];
                    Similar {
                        id: name.clone(),
                        article: article.clone(),
                        score: best[id as usize],
                    }
                })
                .collect();
            for id in scored.drain(..) {
                best[id as usize] = f64::NAN;
            }
            (found, walked, skipping)
        })
    }
}

/// Claim `n`'s count, the claim listed in `touched` on first sight.
fn touch<'a>(shared: &'a mut [Shared], touched: &mut Vec<u32>, n: u32) -> &'a mut Shared {
    let s = &mut shared[n as usize];
    if !s.seen {
        s.seen = true;
        touched.push(n);
    }
    s
}

/// `score` from what a drafted claim of `words` content words shares with
/// corpus claim `k`.
fn score_counted(words: usize, shared: &Shared, k: &KnownClaim) -> f64 {
    let quote = if k.quote >= 3 {
        shared.quote_words as f64 / k.quote as f64
    } else {
        0.0
    };
    let inter = shared.words as usize;
    let union = words + k.words as usize - inter;
    let jaccard = if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    };
    (quote.max(1.5 * jaccard) + if shared.number { 0.1 } else { 0.0 }).min(1.0)
}

/// How alike a drafted claim and a corpus claim are, 0 to 1: the larger of
/// the share of the corpus quote's words found in the sentence (for quotes of
/// three words or more) and 1.5 times the Jaccard index of their content
/// words, plus 0.1 when they share a number. The words are the corpus
/// claim's content words, quote words and numbers. The index counts what is
/// shared along its posting lists instead (`score_counted`); a test holds the
/// two equal, so it is kept as the tests' reference.
#[cfg(test)]
fn score(
    words: &HashSet<String>,
    nums: &HashSet<String>,
    sentence: &HashSet<String>,
    corpus: (&HashSet<String>, &[String], &HashSet<String>),
) -> f64 {
    let (k_words, k_quote, k_numbers) = corpus;
    let quote = if k_quote.len() >= 3 {
        k_quote.iter().filter(|w| sentence.contains(*w)).count() as f64 / k_quote.len() as f64
    } else {
        0.0
    };
    let inter = words.intersection(k_words).count() as f64;
    let union = words.union(k_words).count() as f64;
    let jaccard = if union == 0.0 { 0.0 } else { inter / union };
    let shared_number = !nums.is_disjoint(k_numbers);
    (quote.max(1.5 * jaccard) + if shared_number { 0.1 } else { 0.0 }).min(1.0)
}

/// The words of a text as written: runs of letters, digits and hyphens.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
}

/// Whether a lowercased word is a content word: four letters or more, or a
/// number.
fn is_content(w: &str) -> bool {
    w.chars().count() >= 4 || w.chars().any(|c| c.is_ascii_digit())
}

/// Lowercased words, in order.
pub fn word_list(s: &str) -> Vec<String> {
    words(s).map(str::to_lowercase).collect()
}

/// A claim's words, as the corpus index and `agree` number them.
pub(crate) struct ClaimWords {
    /// [`content_words`] of its text and quote, each once, sorted.
    pub(crate) content: Vec<String>,
    /// [`word_list`] of its quote.
    pub(crate) quote: Vec<String>,
}

impl ClaimWords {
    pub(crate) fn of(c: &Claim) -> ClaimWords {
        let mut all = c.text.clone();
        if let Some(q) = &c.quote {
            all.push(' ');
            all.push_str(q);
        }
        let mut content: Vec<String> = word_list(&all)
            .into_iter()
            .filter(|w| is_content(w))
            .collect();
        content.sort_unstable();
        content.dedup();
        ClaimWords {
            content,
            quote: c.quote.as_deref().map(word_list).unwrap_or_default(),
        }
    }
}

/// Words of four letters or more, and numbers: what two claims share when
/// they are about the same thing.
pub fn content_words(s: &str) -> HashSet<String> {
    word_list(s).into_iter().filter(|w| is_content(w)).collect()
}

#[cfg(test)]
fn numbers(s: &str) -> HashSet<String> {
    word_list(s)
        .into_iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{BUDGET, CorpusIndex, LISTED, Similar, content_words, numbers, score, word_list};
    use crate::model::Outlets;
    use std::collections::HashSet;

    fn sets(text: &str, quote: &str) -> (HashSet<String>, Vec<String>, HashSet<String>) {
        let all = format!("{text} {quote}");
        (content_words(&all), word_list(quote), numbers(&all))
    }

    #[test]
    fn a_corpus_quote_found_in_the_sentence_is_a_strong_match() {
        let (w, q, n) = sets("Two planes landed.", "mendarat di Bandara Maiquetia");
        let s = "Pesawat itu mendarat di Bandara Maiquetia kemarin.";
        let sentence: HashSet<String> = word_list(s).into_iter().collect();
        // All 4 quote words are in the sentence: 4/4 = 1.0.
        assert_eq!(
            score(&content_words(s), &HashSet::new(), &sentence, (&w, &q, &n)),
            1.0
        );
        let other = "Harga minyak naik.";
        let sentence: HashSet<String> = word_list(other).into_iter().collect();
        assert_eq!(
            score(
                &content_words(other),
                &HashSet::new(),
                &sentence,
                (&w, &q, &n)
            ),
            0.0
        );
        assert!(CorpusIndex::default().similar(s, None, 3).is_empty());
    }

    /// A small seeded generator (splitmix64).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn words(&mut self, vocabulary: &[&str], max: u64) -> String {
            let n = 1 + self.next() % max;
            (0..n)
                .map(|_| vocabulary[(self.next() % vocabulary.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(" ")
        }
    }

    /// The words generated texts and claims are made of.
    const VOCABULARY: [&str; 22] = [
        "army",
        "cyber",
        "troops",
        "sent",
        "venezuela",
        "russia",
        "officials",
        "said",
        "the",
        "of",
        "2019",
        "100",
        "planes",
        "landed",
        "caracas",
        "denied",
        "report",
        "a",
        "di",
        "bandara",
        "pasukan",
        "siber",
    ];

    /// What `similar` finds, worked out the slow way: every appearance
    /// scored on strings.
    fn brute_force(
        claims: &[(String, String, Option<String>)],
        text: &str,
        max: usize,
    ) -> Vec<Similar> {
        let words = content_words(text);
        let nums = numbers(text);
        let sentence: HashSet<String> = word_list(text).into_iter().collect();
        let mut found: Vec<Similar> = claims
            .iter()
            .map(|(id, t, q)| {
                let (w, quote, n) = sets(t, q.as_deref().unwrap_or(""));
                Similar {
                    id: id.clone(),
                    article: String::new(),
                    score: score(&words, &nums, &sentence, (&w, &quote, &n)),
                }
            })
            .filter(|s| s.score >= LISTED)
            .collect();
        found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        let mut seen = HashSet::new();
        found.retain(|s| seen.insert(s.id.clone()));
        found.truncate(max);
        found
    }

    #[test]
    fn the_index_finds_what_scoring_every_claim_finds() {
        let vocabulary = VOCABULARY;
        let mut r = Rng(7);
        for case in 0..150 {
            let mut articles = Vec::new();
            let mut claims = Vec::new();
            let mut same: std::collections::HashMap<String, (String, Option<String>)> =
                std::collections::HashMap::new();
            for a in 0..(1 + r.next() % 4) {
                let mut file = format!(
                    "[article]\ntitle = \"T\"\noutlet = \"o\"\npublished = 2019-03-{:02}\n",
                    10 + a
                );
                let mut ids = HashSet::new();
                for _ in 0..(1 + r.next() % 5) {
                    let id = format!("c{}", r.next() % 6);
                    if !ids.insert(id.clone()) {
                        continue;
                    }
                    // Half the time an id seen before keeps its words, as a
                    // claim copied from article to article does.
                    let (t, q) = match same.get(&id) {
                        Some(before) if r.next().is_multiple_of(2) => Clone::clone(before),
                        _ => {
                            let t = r.words(&vocabulary, 8);
                            (
                                t,
                                r.next().is_multiple_of(2).then(|| r.words(&vocabulary, 5)),
                            )
                        }
                    };
                    same.insert(id.clone(), (t.clone(), q.clone()));
                    file.push_str(&format!("\n[[claims]]\nid = \"{id}\"\ntext = \"{t}\"\n"));
                    if let Some(q) = &q {
                        file.push_str(&format!("quote = \"{q}\"\n"));
                    }
                    claims.push((id, t, q));
                }
                let id = format!("a{a}");
                let (article, diags) =
                    crate::load::article_from_text(&file, "a.toml", &id, &Outlets::default());
                articles.push(article.unwrap_or_else(|| panic!("{diags:?}\n{file}")));
            }
            let index = CorpusIndex::new(&articles);
            for _ in 0..5 {
                let drafted = r.words(&vocabulary, 10);
                let fast: Vec<(String, f64)> = index
                    .similar(&drafted, None, 3)
                    .into_iter()
                    .map(|s| (s.id, s.score))
                    .collect();
                let slow: Vec<(String, f64)> = brute_force(&claims, &drafted, 3)
                    .into_iter()
                    .map(|s| (s.id, s.score))
                    .collect();
                assert_eq!(fast, slow, "case {case}: {drafted}");
            }
        }
    }

    /// The articles of a corpus, one per claim: (id, text, quote).
    fn corpus_of(claims: &[(String, String, Option<String>)]) -> Vec<crate::model::Article> {
        claims
            .iter()
            .enumerate()
            .map(|(a, (id, t, q))| {
                let mut file = format!(
                    "[article]\ntitle = \"T\"\noutlet = \"o\"\npublished = 2019-03-10\n\n[[claims]]\nid = \"{id}\"\ntext = \"{t}\"\n"
                );
                if let Some(q) = q {
                    file.push_str(&format!("quote = \"{q}\"\n"));
                }
                let (article, diags) = crate::load::article_from_text(
                    &file,
                    "a.toml",
                    &format!("a{a:04}"),
                    &Outlets::default(),
                );
                article.unwrap_or_else(|| panic!("{diags:?}\n{file}"))
            })
            .collect()
    }

    #[test]
    fn a_common_word_is_not_walked_but_still_counted() {
        // 600 claims have "officials" and "military" (more than the budget
        // of 512 postings); one also has "cyber", which only it has.
        let mut claims: Vec<(String, String, Option<String>)> = (0..600)
            .map(|k| {
                (
                    format!("common-{k:03}"),
                    "Officials praised the military".to_string(),
                    None,
                )
            })
            .collect();
        claims.push((
            "cyber".into(),
            "Officials said cyber troops arrived".into(),
            None,
        ));
        let index = CorpusIndex::new(&corpus_of(&claims));
        assert_eq!(index.budget, BUDGET);
        let text = "Military officials said cyber troops arrived";
        let (found, walked, left_out) = index.similar_walked(text, None, 3);
        // Walked: the lists of "cyber", "troops", "arrived" and "said", one
        // claim each; not those of "military" and "officials" (600 and 601).
        assert_eq!((walked, left_out), (4, true));
        // The claim met through "cyber" is scored on every word, the common
        // ones too: content words {military, officials, said, cyber, troops,
        // arrived} and {officials, said, cyber, troops, arrived} share 5 of
        // 6, so 1.5 * 5/6 = 1.25, capped at 1.
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].id.as_str(), found[0].score), ("cyber", 1.0));
        assert_eq!(found[0].score, brute_force(&claims, text, 1)[0].score);
        // The claims sharing only common words would score 1.5 * 2/6 = 0.5
        // and are listed by scoring every claim, but not compared here.
        assert_eq!(brute_force(&claims, text, 3).len(), 3);
        let text = "Military officials were seen";
        assert!(brute_force(&claims, text, 3)[0].score >= LISTED);
        assert_eq!(index.similar_walked(text, None, 3), (Vec::new(), 0, true));
    }

    #[test]
    fn within_the_budget_every_score_is_exact() {
        let vocabulary = VOCABULARY;
        let mut r = Rng(11);
        for case in 0..200 {
            let mut claims = Vec::new();
            for _ in 0..(1 + r.next() % 30) {
                let id = format!("c{}", r.next() % 12);
                let t = r.words(&vocabulary, 8);
                let q = r.next().is_multiple_of(2).then(|| r.words(&vocabulary, 5));
                claims.push((id, t, q));
            }
            // Some common words with a bit, some without: both ways of
            // counting what a skipped word gives are met.
            let masked = (r.next() % (vocabulary.len() as u64 + 1)) as usize;
            let mut index = CorpusIndex::with_masked(&corpus_of(&claims), masked);
            index.budget = (r.next() % 12) as usize;
            for _ in 0..5 {
                let drafted = r.words(&vocabulary, 10);
                let (found, walked, left_out) = index.similar_walked(&drafted, None, 3);
                assert!(walked <= index.budget, "case {case}");
                // Best first, listed, each id once.
                assert!(found.len() <= 3);
                assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
                assert!(found.iter().all(|s| s.score >= LISTED));
                let ids: HashSet<&str> = found.iter().map(|s| s.id.as_str()).collect();
                assert_eq!(ids.len(), found.len());
                // Each score is what one appearance of the id scores.
                for s in &found {
                    let exact = claims.iter().filter(|c| c.0 == s.id).any(|c| {
                        brute_force(std::slice::from_ref(c), &drafted, 1)
                            .first()
                            .is_some_and(|b| b.score == s.score)
                    });
                    assert!(exact, "case {case}: {drafted}: {s:?}");
                }
                // With nothing left out, what scoring every claim finds.
                if !left_out {
                    let pairs = |v: Vec<Similar>| -> Vec<(String, f64)> {
                        v.into_iter().map(|s| (s.id, s.score)).collect()
                    };
                    assert_eq!(pairs(found), pairs(brute_force(&claims, &drafted, 3)));
                }
            }
        }
    }
}
