//! Pairing two annotations' claims and sources. Claims with the same id pair
//! first. The rest pair greedily, best first, by likeness: the larger of the
//! share of one claim's quote words found in the other claim's text and quote
//! (quotes of two words or more) and the Jaccard index of their content words.
//! Pairs need a likeness of at least [`THRESHOLD`]. A claim is compared only
//! with the claims sharing one of the words any claim that alike must share
//! ([`Prefixes`]), and with at most [`COMPARED`] of them.

use super::{claim_words, names_match};
use crate::draft::matching::{ClaimWords, content_words};
use crate::model::{Article, Claim, Source};
use std::collections::HashMap;

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

/// How many of the other annotation's claims one claim is compared with at
/// most: those sharing its rarest words first. Annotations of up to this
/// many claims are paired exactly as comparing every pair would; past it,
/// the time stays in proportion to the annotations' size.
pub const COMPARED: usize = 512;

pub fn pair_claims(a: &[Claim], b: &[Claim]) -> Vec<Paired> {
    pair_claims_comparing(a, b, COMPARED)
}

/// [`pair_claims`], each claim compared with at most `compared` claims.
fn pair_claims_comparing(a: &[Claim], b: &[Claim], compared: usize) -> Vec<Paired> {
    let mut out = Vec::new();
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    // By id: each of A's claims with the first of B's claims of its id.
    let mut first_b: HashMap<&str, usize> = HashMap::with_capacity(b.len());
    for (j, cb) in b.iter().enumerate() {
        first_b.entry(cb.id.as_str()).or_insert(j);
    }
    for (i, ca) in a.iter().enumerate() {
        if let Some(&j) = first_b.get(ca.id.as_str())
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
    let mut vocabulary = Vocabulary::default();
    let words_a: Vec<Words> = a.iter().map(|c| vocabulary.words(c)).collect();
    let words_b: Vec<Words> = b.iter().map(|c| vocabulary.words(c)).collect();
    let mut cands = Vec::new();
    let mut seen = vec![usize::MAX; b.len()];
    let index = Prefixes::new(&vocabulary, &words_b, &used_b);
    for (i, wa) in words_a.iter().enumerate() {
        if used_a[i] {
            continue;
        }
        let mut met = 0;
        // A's claim at the same share of the way through B.
        let near = i * b.len() / a.len();
        index.candidates(wa, near, &mut |j| {
            if seen[j] != i {
                seen[j] = i;
                met += 1;
                let s = wa.likeness(&words_b[j]);
                if s >= THRESHOLD {
                    cands.push((s, i, j));
                }
            }
            met < compared
        });
    }
    take_best(cands, &mut used_a, &mut used_b, &mut out);
    out.sort_by_key(|p| p.a);
    out
}

/// Pair claims greedily from `(likeness, a, b)` candidates: best first, ties
/// in order of A's claims then B's, each claim at most once.
fn take_best(
    mut cands: Vec<(f64, usize, usize)>,
    used_a: &mut [bool],
    used_b: &mut [bool],
    out: &mut Vec<Paired>,
) {
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
}

/// The words of both annotations' claims, numbered, with the number of
/// claims each is in.
#[derive(Default)]
struct Vocabulary {
    numbers: HashMap<String, u32>,
    claims: Vec<u32>,
}

/// A claim's words as numbers: its content words and all its words (of
/// text and quote), each once and in order, and its quote's words, as many
/// times as they are there (none for a quote of fewer than two words).
struct Words {
    content: Vec<u32>,
    all: Vec<u32>,
    quote: Vec<u32>,
}

impl Vocabulary {
    fn number(&mut self, word: String) -> u32 {
        let next = self.numbers.len() as u32;
        let n = *self.numbers.entry(word).or_insert(next);
        if n == next {
            self.claims.push(0);
        }
        n
    }

    fn words(&mut self, c: &Claim) -> Words {
        let set = |v: &mut Vocabulary, words: Vec<String>| {
            let mut n: Vec<u32> = words.into_iter().map(|w| v.number(w)).collect();
            n.sort_unstable();
            n.dedup();
            n
        };
        let ClaimWords { content, quote } = ClaimWords::of(c);
        let content = set(self, content);
        let all = set(self, claim_words(c));
        for &w in &all {
            self.claims[w as usize] += 1;
        }
        let quote = if quote.len() < 2 {
            Vec::new()
        } else {
            quote.into_iter().map(|w| self.number(w)).collect()
        };
        Words {
            content,
            all,
            quote,
        }
    }
}

impl Words {
    /// How alike two claims are (see the module doc): the same figure,
    /// computed the same way, as from their words as text.
    fn likeness(&self, other: &Words) -> f64 {
        let quote_in = |quote: &[u32], all: &[u32]| -> f64 {
            if quote.is_empty() {
                return 0.0;
            }
            let found = quote
                .iter()
                .filter(|w| all.binary_search(w).is_ok())
                .count();
            found as f64 / quote.len() as f64
        };
        let shared = self
            .content
            .iter()
            .filter(|w| other.content.binary_search(w).is_ok())
            .count();
        let union = self.content.len() + other.content.len() - shared;
        let jaccard = if union == 0 {
            0.0
        } else {
            shared as f64 / union as f64
        };
        quote_in(&self.quote, &other.all)
            .max(quote_in(&other.quote, &self.all))
            .max(jaccard)
    }
}

/// B's claims indexed by the words any claim alike enough must share with
/// them, rarest words first (prefix filtering, as set-similarity joins do):
/// - a Jaccard index of at least one half needs half the larger set's words
///   shared, so two such sets share one of the first `n - ceil(n / 2) + 1`
///   of each one's `n` content words;
/// - half a quote's words found in the other claim needs the other claim to
///   have one of the quote's rarest words, taken until they make up more
///   than the other half of the quote.
///
/// So every pair at [`THRESHOLD`] or over is met, and a claim meets only
/// claims sharing one of its rarer words.
struct Prefixes<'v> {
    rank: &'v [u32],
    by_content: HashMap<u32, Vec<usize>>,
    by_word: HashMap<u32, Vec<usize>>,
    by_quote: HashMap<u32, Vec<usize>>,
}

impl<'v> Prefixes<'v> {
    fn new(vocabulary: &'v Vocabulary, b: &[Words], used_b: &[bool]) -> Prefixes<'v> {
        let mut index = Prefixes {
            rank: &vocabulary.claims,
            by_content: HashMap::new(),
            by_word: HashMap::new(),
            by_quote: HashMap::new(),
        };
        for (j, w) in b.iter().enumerate() {
            if used_b[j] {
                continue;
            }
            for c in index.content_prefix(w) {
                index.by_content.entry(c).or_default().push(j);
            }
            for &c in &w.all {
                index.by_word.entry(c).or_default().push(j);
            }
            for c in index.quote_prefix(w) {
                index.by_quote.entry(c).or_default().push(j);
            }
        }
        index
    }

    /// Words, rarest first (ties by number).
    fn rarest(&self, words: &[u32]) -> Vec<u32> {
        let mut w = words.to_vec();
        w.sort_unstable_by_key(|&n| (self.rank[n as usize], n));
        w
    }

    fn content_prefix(&self, w: &Words) -> Vec<u32> {
        let n = w.content.len();
        let mut words = self.rarest(&w.content);
        words.truncate(n - n.div_ceil(2) + 1);
        words
    }

    fn quote_prefix(&self, w: &Words) -> Vec<u32> {
        let n = w.quote.len();
        let rarest = self.rarest(&w.quote);
        let mut taken = 0;
        let mut prefix = Vec::new();
        for same in rarest.chunk_by(|x, y| x == y) {
            if taken > n - n.div_ceil(2) {
                break;
            }
            taken += same.len();
            prefix.push(same[0]);
        }
        prefix
    }

    /// Every claim of B that may be alike enough to `w`, some more than
    /// once, until `found` says no more: those sharing its rarest words
    /// first, and of those sharing a word, the claims from `near` on (then
    /// round to the first). Two annotations of one article list its claims
    /// in much the same order, so where only some can be compared, a
    /// claim's counterpart is looked for near its own place.
    fn candidates(&self, w: &Words, near: usize, found: &mut dyn FnMut(usize) -> bool) {
        let walk = |found: &mut dyn FnMut(usize) -> bool,
                    index: &HashMap<u32, Vec<usize>>,
                    words: &[u32]| {
            for c in words {
                let list = index.get(c).map_or(&[][..], Vec::as_slice);
                let (before, from) = list.split_at(list.partition_point(|&j| j < near));
                for &j in from.iter().chain(before) {
                    if !found(j) {
                        return false;
                    }
                }
            }
            true
        };
        let _ = walk(found, &self.by_content, &self.content_prefix(w))
            && walk(found, &self.by_word, &self.quote_prefix(w))
            && walk(found, &self.by_quote, &self.rarest(&w.all));
    }
}

/// Pair sources by name, or anonymous ones by their description's words:
/// each of A's sources, in order, with the first of B's not yet paired that
/// is the same source. Returns the number paired and the unpaired ids of
/// each side. Two sources are the same only if they share a word of their
/// names (or descriptions) or an id, so each is checked only against the
/// sources of B that share one, and against at most [`COMPARED`] of them:
/// annotations of up to that many sources are paired exactly as checking
/// every pair would.
pub fn pair_sources(a: &Article, b: &Article) -> (usize, Vec<String>, Vec<String>) {
    pair_source_lists(&a.sources, &b.sources)
}

fn pair_source_lists(a: &[Source], b: &[Source]) -> (usize, Vec<String>, Vec<String>) {
    pair_source_lists_comparing(a, b, COMPARED)
}

/// [`pair_source_lists`], each source checked against at most `compared`
/// of B's.
fn pair_source_lists_comparing(
    a: &[Source],
    b: &[Source],
    compared: usize,
) -> (usize, Vec<String>, Vec<String>) {
    use std::cmp::Reverse;
    // For each key, B's sources having it, in order, and how many at its
    // front are paired already.
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for (j, sb) in b.iter().enumerate() {
        for key in source_keys(sb) {
            let next = lists.len();
            let k = *numbers.entry(key).or_insert(next);
            if k == next {
                lists.push(Vec::new());
            }
            lists[k].push(j);
        }
    }
    let mut front = vec![0usize; lists.len()];
    let mut used_b = vec![false; b.len()];
    let mut only_a = Vec::new();
    let mut n = 0;
    let mut heap = std::collections::BinaryHeap::new();
    for sa in a {
        // B's sources sharing a key with `sa`, unpaired, in order: the lists
        // merged, the paired ones at each list's front dropped for good.
        heap.clear();
        for k in source_keys(sa).iter().filter_map(|key| numbers.get(key)) {
            let list = &lists[*k];
            while front[*k] < list.len() && used_b[list[front[*k]]] {
                front[*k] += 1;
            }
            if let Some(&j) = list.get(front[*k]) {
                heap.push(Reverse((j, *k, front[*k])));
            }
        }
        let (mut last, mut checked, mut found) = (None, 0, None);
        while let Some(Reverse((j, k, at))) = heap.pop() {
            if let Some(&next) = lists[k].get(at + 1) {
                heap.push(Reverse((next, k, at + 1)));
            }
            if last == Some(j) || used_b[j] {
                continue;
            }
            last = Some(j);
            if same_source(sa, &b[j]) {
                found = Some(j);
                break;
            }
            checked += 1;
            if checked == compared {
                break;
            }
        }
        match found {
            Some(j) => {
                used_b[j] = true;
                n += 1;
            }
            None => only_a.push(sa.id.clone()),
        }
    }
    let only_b = b
        .iter()
        .enumerate()
        .filter(|(j, _)| !used_b[*j])
        .map(|(_, s)| s.id.clone())
        .collect();
    (n, only_a, only_b)
}

/// What two sources that are the same share at least one of: a named
/// source's lowercased name, its words and its content words; an anonymous
/// source's id and its description's content words. Tagged, so a name never
/// meets an id.
fn source_keys(s: &Source) -> Vec<String> {
    match &s.name {
        Some(name) => {
            let lower = name.to_lowercase();
            // A word in brackets is a key without them: "Bundeskriminalamt
            // (BKA)" meets "BKA".
            let mut keys: Vec<String> = lower
                .split_whitespace()
                .map(crate::draft::extract::unbracketed)
                .chain(std::iter::once(lower.as_str()))
                .map(|w| format!("n:{w}"))
                .collect();
            keys.extend(content_words(name).into_iter().map(|w| format!("n:{w}")));
            keys.sort_unstable();
            keys.dedup();
            keys
        }
        None => {
            let mut keys = vec![format!("i:{}", s.id)];
            let description = s.description.as_deref().unwrap_or("");
            keys.extend(
                content_words(description)
                    .into_iter()
                    .map(|w| format!("d:{w}")),
            );
            keys
        }
    }
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

#[cfg(test)]
mod tests {
    use super::{Paired, THRESHOLD, pair_claims, pair_source_lists, same_source};
    use crate::agree::claim_words;
    use crate::draft::matching::{content_words, word_list};
    use crate::model::{Claim, ClaimKind, Pos, Source, SourceKind};
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn claim(id: &str, text: &str, quote: Option<&str>) -> Claim {
        Claim {
            id: id.into(),
            text: text.into(),
            quote: quote.map(str::to_string),
            source: None,
            routes: Vec::new(),
            said: None,
            hedge: None,
            kind: ClaimKind::Assertion,
            key: false,
            pos: Pos::default(),
        }
    }

    fn source(id: &str, name: Option<&str>, description: &str) -> Source {
        Source {
            id: id.into(),
            name: name.map(str::to_string),
            anonymous: name.is_none(),
            description: Some(description.into()),
            reason: None,
            role: None,
            affiliation: None,
            country: None,
            kind: SourceKind::Person,
            pos: Pos::default(),
        }
    }

    /// Likeness as the module doc defines it, from the words as text.
    fn likeness(a: &Claim, b: &Claim) -> f64 {
        let all = |c: &Claim| -> HashSet<String> { claim_words(c).into_iter().collect() };
        let quote_in = |c: &Claim, other: &HashSet<String>| -> f64 {
            let Some(q) = &c.quote else { return 0.0 };
            let words = word_list(q);
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
        quote_in(a, &all(b)).max(quote_in(b, &all(a))).max(jaccard)
    }

    /// The pairing by every pair of claims: by id, then greedily, best first
    /// (the greedy step is the module's own: what is tested is which pairs
    /// are met and how each is scored).
    fn every_pair(a: &[Claim], b: &[Claim]) -> Vec<Paired> {
        let mut out = Vec::new();
        let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
        for (i, ca) in a.iter().enumerate() {
            if let Some(j) = b.iter().position(|cb| cb.id == ca.id)
                && !used_b[j]
            {
                (used_a[i], used_b[j]) = (true, true);
                out.push(Paired {
                    a: i,
                    b: j,
                    by: "id",
                    score: 1.0,
                });
            }
        }
        let mut cands = Vec::new();
        for i in (0..a.len()).filter(|&i| !used_a[i]) {
            for j in (0..b.len()).filter(|&j| !used_b[j]) {
                let s = likeness(&a[i], &b[j]);
                if s >= THRESHOLD {
                    cands.push((s, i, j));
                }
            }
        }
        super::take_best(cands, &mut used_a, &mut used_b, &mut out);
        out.sort_by_key(|p| p.a);
        out
    }

    const WORDS: [&str; 12] = [
        "army",
        "troops",
        "sent",
        "venezuela",
        "russia",
        "cyber",
        "the",
        "of",
        "2019",
        "said",
        "planes",
        "caracas",
    ];

    fn claims(max: usize) -> impl Strategy<Value = Vec<Claim>> {
        let words = |n: usize| prop::collection::vec(0..WORDS.len(), 0..n);
        let claim = (0..6usize, words(9), prop::option::of(words(6))).prop_map(|(id, t, q)| {
            let join = |w: Vec<usize>| w.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            claim(&format!("c{id}"), &join(t), q.map(join).as_deref())
        });
        prop::collection::vec(claim, 0..max)
    }

    proptest! {
        /// Looking only at the claims that share a rare word with each
        /// claim pairs them exactly as comparing every pair does.
        #[test]
        fn the_indexed_pairing_is_the_pairing_of_every_pair(a in claims(14), b in claims(14)) {
            prop_assert_eq!(pair_claims(&a, &b), every_pair(&a, &b));
        }

        /// Checking only the sources that share a word or an id pairs them
        /// exactly as checking every pair does.
        #[test]
        fn the_indexed_source_pairing_is_the_pairing_of_every_pair(a in sources(10), b in sources(10)) {
            prop_assert_eq!(pair_source_lists(&a, &b), every_source_pair(&a, &b));
        }
    }

    /// Past the number compared, claims are still paired, each compared
    /// with the claims sharing its rarest words first, and every score is
    /// the claim pair's own.
    #[test]
    fn past_the_number_compared_the_rarest_words_come_first() {
        // B: 20 claims sharing two of A's three content words, then one
        // sharing all three: every one of them is alike enough (2/3).
        let mut b: Vec<Claim> = (0..20)
            .map(|k| claim(&format!("b{k}"), "troops landed", None))
            .collect();
        b.push(claim("rare", "troops landed caracas", None));
        let a = [claim("a", "troops landed caracas", None)];
        // Compared with 3 claims, the one sharing the rarest word is among them.
        let got = super::pair_claims_comparing(&a, &b, 3);
        assert_eq!(
            got,
            vec![Paired {
                a: 0,
                b: 20,
                by: "likeness",
                score: 1.0
            }]
        );
        assert_eq!(got, every_pair(&a, &b));
    }

    /// Sources as comparing every pair pairs them.
    fn every_source_pair(a: &[Source], b: &[Source]) -> (usize, Vec<String>, Vec<String>) {
        let mut used_b = vec![false; b.len()];
        let mut only_a = Vec::new();
        let mut n = 0;
        for sa in a {
            match (0..b.len()).find(|&j| !used_b[j] && same_source(sa, &b[j])) {
                Some(j) => {
                    used_b[j] = true;
                    n += 1;
                }
                None => only_a.push(sa.id.clone()),
            }
        }
        let only_b = (0..b.len())
            .filter(|&j| !used_b[j])
            .map(|j| b[j].id.clone())
            .collect();
        (n, only_a, only_b)
    }

    const NAMES: [&str; 12] = [
        "Ann Lee",
        "lee",
        "LEE",
        "Ann",
        "Maria Zakharova",
        "Zakharova",
        "Li",
        "Ann Lee Smith",
        "Smith-Jones",
        "",
        "Zakharova, Maria",
        "M. Smith",
    ];

    fn sources(max: usize) -> impl Strategy<Value = Vec<Source>> {
        let words = prop::collection::vec(0..WORDS.len(), 0..4);
        let source = (0..4usize, prop::option::of(0..NAMES.len()), words).prop_map(
            |(id, name, description)| {
                let description: Vec<&str> = description.iter().map(|&i| WORDS[i]).collect();
                source(
                    &format!("s{id}"),
                    name.map(|n| NAMES[n]),
                    &description.join(" "),
                )
            },
        );
        prop::collection::vec(source, 0..max)
    }

    /// A source is checked against B's sources sharing a key, in order, at
    /// most the number compared of them.
    #[test]
    fn sources_are_checked_in_order_up_to_the_number_compared() {
        let anonymous = |id: &str, description: &str| source(id, None, description);
        // Each of B's first three shares one word of four with A's source
        // (not half); the fourth shares three.
        let a = [anonymous("a", "senior ministry defence official")];
        let b = [
            anonymous("b0", "ministry spokesman tuesday statement"),
            anonymous("b1", "ministry aide briefing reporters"),
            anonymous("b2", "official close talks"),
            anonymous("b3", "senior defence official"),
        ];
        let paired = (1, vec![], vec!["b0".into(), "b1".into(), "b2".into()]);
        assert_eq!(pair_source_lists(&a, &b), paired);
        assert_eq!(super::pair_source_lists_comparing(&a, &b, 4), paired);
        let unpaired = (
            0,
            vec!["a".into()],
            vec!["b0".into(), "b1".into(), "b2".into(), "b3".into()],
        );
        assert_eq!(super::pair_source_lists_comparing(&a, &b, 3), unpaired);
    }

    #[test]
    fn a_body_named_in_full_meets_its_short_name_in_brackets() {
        let a = [source("bka", Some("BKA"), "")];
        let b = [
            source("bundeskriminalamt-bka", Some("Bundeskriminalamt (BKA)"), ""),
            source("ka", Some("Bundeskriminalamt KA"), ""),
        ];
        assert_eq!(pair_source_lists(&a, &b), (1, vec![], vec!["ka".into()]));
        // A bracketed word of a name is no acronym of another one.
        let a = [source("x", Some("BKA"), "")];
        let b = [source("y", Some("(BKA-Referat)"), "")];
        assert_eq!(
            pair_source_lists(&a, &b),
            (0, vec!["x".into()], vec!["y".into()])
        );
    }

    #[test]
    fn pairs_by_hand() {
        let a = [
            claim("x", "Russia sent troops", None),
            claim("p", "Planes landed in Caracas on Sunday", None),
            claim("q", "He spoke", Some("we will not stand idly by")),
        ];
        let b = [
            claim("y", "Planes landed in Caracas", None),
            claim("x", "Something else", None),
            claim("z", "The U.S. will not stand idly by, he said", None),
        ];
        let got = pair_claims(&a, &b);
        // x by id; p and y: content words {planes, landed, caracas, sunday}
        // and {planes, landed, caracas}, Jaccard 3/4; q's quote has 6
        // words, 5 of them in z ("we" is not), 5/6, more than the Jaccard
        // index of {spoke, will, stand, idly} and {will, stand, idly, said},
        // 3/5.
        assert_eq!(
            got,
            vec![
                Paired {
                    a: 0,
                    b: 1,
                    by: "id",
                    score: 1.0
                },
                Paired {
                    a: 1,
                    b: 0,
                    by: "likeness",
                    score: 0.75
                },
                Paired {
                    a: 2,
                    b: 2,
                    by: "likeness",
                    score: 5.0 / 6.0
                },
            ]
        );
    }
}
