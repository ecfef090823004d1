//! Grouping appearances by claim id: the sort keys that bring one claim's
//! appearances together across articles (or, where the claims' order does
//! not matter, hashes of their ids), their date order, and the roots counted
//! along the way.

use super::facts::{ArticleFacts, ClaimFacts, RouteRef, Span, count};
use crate::model::Class;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::cmp::Ordering;

/// One appearance as the corpus holds it: borrowed facts, nothing copied,
/// and where it is (article and claim index) for findings to point back to.
#[derive(Clone, Copy)]
pub(super) struct Seen<'a> {
    pub(super) article: &'a ArticleFacts,
    pub(super) claim: &'a ClaimFacts,
    pub(super) at: Place,
}

/// An appearance's place in the corpus: article index, claim index.
pub type Place = (u32, u32);

impl<'a> Seen<'a> {
    pub(super) fn published(&self) -> Option<NaiveDate> {
        self.article.published
    }
    pub(super) fn class(&self) -> Class {
        self.claim.class
    }
    pub(super) fn article_id(&self) -> &'a str {
        &self.article.id
    }
    pub(super) fn outlet(&self) -> &'a str {
        &self.article.outlet
    }
    /// The speaker as the article describes them.
    pub(super) fn source(&self) -> Option<&'a str> {
        self.article.speaker(self.claim).map(|s| s.0)
    }
    /// The speaker's name, when named.
    pub(super) fn speaker_name(&self) -> Option<&'a str> {
        self.article.speaker(self.claim).and_then(|s| s.1)
    }
    pub(super) fn routes(&self) -> impl Iterator<Item = RouteRef<'a>> + 'a {
        self.article.routes(self.claim)
    }
    pub(super) fn has_route(&self) -> bool {
        !self.claim.routes.is_empty()
    }
    pub(super) fn hedge(&self) -> Option<&'a str> {
        self.article.hedge(self.claim)
    }
    pub(super) fn said(&self) -> Option<NaiveDate> {
        self.claim.said
    }
}

/// A root, borrowed: for counting independent roots without building them.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum RootRef<'a> {
    Speaker(&'a str),
    Outlet(&'a str),
}

impl<'a> Seen<'a> {
    /// Where independent reporting of this appearance begins, each root
    /// given to `f` (once or more): a named speaker is one root however many
    /// outlets relay them; otherwise the first outlet of each route, or the
    /// article's own outlet when it reports first-hand. The one definition of
    /// a root.
    pub(super) fn each_root(&self, mut f: impl FnMut(RootRef<'a>)) {
        if let Some(name) = self.speaker_name() {
            f(RootRef::Speaker(name));
        } else if !self.has_route() {
            f(RootRef::Outlet(self.outlet()));
        } else {
            self.routes()
                .filter_map(|r| r.first())
                .for_each(|o| f(RootRef::Outlet(o)));
        }
    }
}

/// The distinct roots of a set of appearances, listed in `roots` (cleared
/// first).
pub(super) fn count_roots<'a>(
    apps: impl Iterator<Item = Seen<'a>>,
    roots: &mut Vec<RootRef<'a>>,
) -> usize {
    roots.clear();
    for s in apps {
        s.each_root(|r| roots.push(r));
    }
    roots.sort_unstable();
    roots.dedup();
    roots.len()
}

/// The distinct roots of a set of appearances that are confirmed: reached by
/// at least one appearance that is not an uncredited relay (`uncredited[i]`
/// for `apps[i]`). A root every appearance of which is an uncredited pickup
/// of an earlier report is not independent evidence.
pub(super) fn count_confirmed_roots<'a>(
    apps: &[Seen<'a>],
    uncredited: &[bool],
    roots: &mut Vec<(RootRef<'a>, bool)>,
) -> usize {
    roots.clear();
    for (s, &pickup) in apps.iter().zip(uncredited) {
        s.each_root(|r| roots.push((r, !pickup)));
    }
    // Confirmed (true) sorts after unconfirmed within a root: keep the last.
    roots.sort_unstable();
    roots.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1 |= later.1;
            true
        } else {
            false
        }
    });
    roots.iter().filter(|r| r.1).count()
}

/// Trail order: by publication date, undated last; ties by outlet, then article id.
pub(super) fn order(a: &Seen, b: &Seen) -> Ordering {
    order_articles(a.article, b.article)
}

pub(super) fn order_articles(a: &ArticleFacts, b: &ArticleFacts) -> Ordering {
    match (a.published, b.published) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.outlet.cmp(&b.outlet))
    .then_with(|| a.id.cmp(&b.id))
}

/// Article positions sorted by `cmp`, ties by position.
pub(super) fn sorted_positions(
    articles: &[ArticleFacts],
    cmp: impl Fn(&ArticleFacts, &ArticleFacts) -> Ordering + Sync,
) -> Vec<u32> {
    let mut positions: Vec<u32> = (0..count(articles.len())).collect();
    positions.par_sort_unstable_by(|&x, &y| {
        cmp(&articles[x as usize], &articles[y as usize]).then(x.cmp(&y))
    });
    positions
}

/// Fill a list of one entry per claim of the corpus, in corpus order: each
/// article fills its own part (`fill` gets the article's index, the article
/// and its part), in parallel, so the list is not gathered from pieces
/// afterwards.
fn fill_per_claim<T: Send>(
    articles: &[ArticleFacts],
    list: &mut [T],
    fill: impl Fn(u32, &ArticleFacts, &mut [T]) + Sync,
) {
    let mut parts: Vec<&mut [T]> = Vec::with_capacity(articles.len());
    let mut rest = list;
    for a in articles {
        let (part, tail) = rest.split_at_mut(a.claims.len());
        parts.push(part);
        rest = tail;
    }
    parts
        .into_par_iter()
        .zip(articles)
        .enumerate()
        .for_each(|(i, (part, a))| fill(i as u32, a, part));
}

/// Each article's rank in trail order (see `order`), ties by position.
fn ranks(articles: &[ArticleFacts]) -> Vec<u32> {
    let by_order = sorted_positions(articles, order_articles);
    let mut rank = vec![0u32; articles.len()];
    for (r, &i) in (0u32..).zip(&by_order) {
        rank[i as usize] = r;
    }
    rank
}

/// An appearance, as its place in the corpus, with the first 32 bytes of its
/// claim id (big-endian words, zero-padded) and where the id is beside it.
/// Ids of up to 32 bytes (nearly all) are ordered and told apart by these
/// numbers alone; longer ones read their strings only where the first 32
/// bytes are equal. It also carries what a claim seen once is summed up
/// with, worked out while its article is at hand, so that summing up does
/// not go back to the claim.
#[derive(Clone, Copy, bytemuck::Zeroable)]
pub(super) struct Key {
    pub(super) prefix: [u64; 4],
    pub(super) id: Span,
    pub(super) at: Place,
    /// The independent roots of this appearance alone.
    pub(super) roots: u32,
}

/// The longest id a key holds whole.
pub(super) const KEY_BYTES: usize = 32;

impl Key {
    /// `roots` is scratch space for counting the appearance's roots.
    pub(super) fn new<'a>(seen: Seen<'a>, roots: &mut Vec<RootRef<'a>>) -> Key {
        let (article, claim) = (seen.article, seen.claim);
        let id = article.claim_id(claim);
        let mut bytes = [0u8; KEY_BYTES];
        let n = id.len().min(KEY_BYTES);
        bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
            u64::from_be_bytes(w)
        };
        Key {
            prefix: [word(0), word(1), word(2), word(3)],
            id: claim.id,
            at: seen.at,
            roots: count(count_roots(std::iter::once(seen), roots)),
        }
    }

    pub(super) fn len(&self) -> u32 {
        self.id.end - self.id.start
    }

    /// Whether the key holds the whole id.
    pub(super) fn whole(&self) -> bool {
        self.len() as usize <= KEY_BYTES
    }
}

/// Every appearance, sorted by claim id (ties in corpus order), so each
/// claim's appearances are one run of the list; and each article's place in
/// trail order, so a claim's appearances are ordered by numbers.
pub(super) struct ByClaim<'a> {
    pub(super) articles: &'a [ArticleFacts],
    pub(super) keys: Vec<Key>,
    /// Each article's rank in trail order (see `order`), ties by position.
    pub(super) rank: Vec<u32>,
    /// For each article, the first article with the same id (in id order):
    /// equal for two articles exactly when their ids are.
    pub(super) same_id: Vec<u32>,
}

impl<'a> ByClaim<'a> {
    pub(super) fn new(articles: &'a [ArticleFacts]) -> ByClaim<'a> {
        // Zeroed memory comes fresh from the system, untouched: its pages are
        // first touched by the parallel fill, not here.
        let mut keys: Vec<Key> =
            bytemuck::zeroed_vec(articles.iter().map(|a| a.claims.len()).sum());
        fill_per_claim(articles, &mut keys, |i, a, part| {
            let mut roots = Vec::new();
            for ((j, c), key) in a.claims.iter().enumerate().zip(part) {
                let seen = Seen {
                    article: a,
                    claim: c,
                    at: (i, j as u32),
                };
                *key = Key::new(seen, &mut roots);
            }
        });
        let (rank, same_id) = rayon::join(
            || ranks(articles),
            || {
                let by_id = sorted_positions(articles, |a, b| a.id.cmp(&b.id));
                let mut same_id = vec![0u32; articles.len()];
                for run in
                    by_id.chunk_by(|&x, &y| articles[x as usize].id == articles[y as usize].id)
                {
                    for &i in run {
                        same_id[i as usize] = run[0];
                    }
                }
                same_id
            },
        );
        let by = ByClaim {
            articles,
            keys: Vec::new(),
            rank,
            same_id,
        };
        // The corpus position breaks ties, so an unstable sort (no merge
        // buffer) still gives one order.
        keys.par_sort_unstable_by(|x, y| by.cmp_ids(x, y).then(x.at.cmp(&y.at)));
        ByClaim { keys, ..by }
    }

    /// Two keys' ids compared as strings.
    pub(super) fn cmp_ids(&self, x: &Key, y: &Key) -> Ordering {
        x.prefix.cmp(&y.prefix).then_with(|| {
            if x.whole() && y.whole() {
                // Equal words: the shorter id is a prefix of the longer.
                x.len().cmp(&y.len())
            } else {
                self.id(x).cmp(self.id(y))
            }
        })
    }

    pub(super) fn id(&self, k: &Key) -> &'a str {
        self.articles[k.at.0 as usize].str(k.id)
    }

    pub(super) fn seen(&self, k: &Key) -> Seen<'a> {
        let article = &self.articles[k.at.0 as usize];
        Seen {
            article,
            claim: &article.claims[k.at.1 as usize],
            at: k.at,
        }
    }

    /// Each claim's appearances, in claim id order, as a parallel iterator.
    /// Where one claim's run ends is found for every neighbour pair in
    /// parallel; only those ends are held.
    pub(super) fn groups(&self) -> impl IndexedParallelIterator<Item = &[Key]> + '_ {
        let keys = &self.keys;
        let ends: Vec<usize> = keys
            .par_windows(2)
            .enumerate()
            .filter(|(_, w)| self.cmp_ids(&w[0], &w[1]) != Ordering::Equal)
            .map(|(i, _)| i + 1)
            .chain(rayon::iter::once(keys.len()).filter(|&n| n > 0))
            .collect();
        (0..ends.len()).into_par_iter().map(move |i| {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            &keys[start..ends[i]]
        })
    }

    /// A claim's appearances in trail order.
    pub(super) fn in_order(&self, apps: &[Key]) -> Vec<Seen<'a>> {
        let mut sorted = Vec::new();
        self.order_into(apps, &mut sorted);
        sorted
    }

    /// `in_order`, into a list of the caller's (cleared first).
    pub(super) fn order_into(&self, apps: &[Key], sorted: &mut Vec<Seen<'a>>) {
        sorted.clear();
        sorted.extend(apps.iter().map(|k| self.seen(k)));
        // As `sort_by(order)` would: equal ranks are one article.
        sorted.sort_by_key(|s| self.rank[s.at.0 as usize]);
    }

    /// How many different articles (by id) the appearances are in; `ids` is
    /// scratch space.
    pub(super) fn articles_in(&self, apps: &[Seen], ids: &mut Vec<u32>) -> usize {
        ids.clear();
        ids.extend(apps.iter().map(|s| self.same_id[s.at.0 as usize]));
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// The appearances of every claim id that two or more share, grouped by a
/// hash of the id rather than sorted by it: for work whose result does not
/// depend on the order claims come in (drift findings, sorted afterwards).
/// Sorting 16-byte numbers, not 56-byte keys compared as strings, and
/// reading no string but to confirm a group, costs a fraction of
/// [`ByClaim::new`] on a large corpus.
pub(super) struct Shared<'a> {
    articles: &'a [ArticleFacts],
    /// Each article's rank in trail order (see `order`), ties by position.
    rank: Vec<u32>,
    /// Every appearance as the hash of its claim id (high 64 bits) and its
    /// place (article, claim), sorted: one id's appearances are one run, in
    /// corpus order, and ids of one hash are neighbours.
    keys: Vec<u128>,
    /// The runs of `keys` of one hash and two or more appearances.
    runs: Vec<std::ops::Range<usize>>,
}

/// An appearance's place packed below its id's hash.
fn packed(hash: u64, (article, claim): Place) -> u128 {
    (u128::from(hash) << 64) | (u128::from(article) << 32) | u128::from(claim)
}

fn unpacked(key: u128) -> Place {
    // Truncation keeps the low bits: the place, as packed.
    ((key >> 32) as u32, key as u32)
}

impl<'a> Shared<'a> {
    pub(super) fn new(articles: &'a [ArticleFacts]) -> Shared<'a> {
        // A fixed seed: the same corpus is grouped the same way every run.
        Shared::with_hasher(
            articles,
            &foldhash::fast::FixedState::with_seed(0x636c_6169_6d74_7261),
        )
    }

    /// Grouped by the hashes `hasher` gives; ids of one hash are told apart.
    pub(super) fn with_hasher(
        articles: &'a [ArticleFacts],
        hasher: &(impl std::hash::BuildHasher + Sync),
    ) -> Shared<'a> {
        let mut keys: Vec<u128> = vec![0; articles.iter().map(|a| a.claims.len()).sum()];
        fill_per_claim(articles, &mut keys, |i, a, part| {
            for ((j, c), key) in a.claims.iter().enumerate().zip(part) {
                *key = packed(hasher.hash_one(a.str(c.id)), (i, j as u32));
            }
        });
        let (rank, ()) = rayon::join(|| ranks(articles), || keys.par_sort_unstable());
        let mut runs = Vec::new();
        let mut start = 0;
        for (i, w) in keys.windows(2).enumerate() {
            if w[0] >> 64 != w[1] >> 64 {
                if i + 1 - start > 1 {
                    runs.push(start..i + 1);
                }
                start = i + 1;
            }
        }
        if keys.len() - start > 1 {
            runs.push(start..keys.len());
        }
        Shared {
            articles,
            rank,
            keys,
            runs,
        }
    }

    fn seen(&self, key: u128) -> Seen<'a> {
        let at = unpacked(key);
        let article = &self.articles[at.0 as usize];
        Seen {
            article,
            claim: &article.claims[at.1 as usize],
            at,
        }
    }

    /// `f` of each shared claim's appearances, in trail order, the results
    /// end to end; claims come in no particular order, each one's results
    /// together.
    pub(super) fn each<T: Send>(&self, f: impl Fn(&[Seen<'a>]) -> Vec<T> + Sync) -> Vec<T> {
        self.runs
            .par_iter()
            .map_init(Vec::new, |sorted: &mut Vec<Seen<'a>>, run| {
                sorted.clear();
                sorted.extend(self.keys[run.clone()].iter().map(|&k| self.seen(k)));
                let id = |s: &Seen<'a>| s.article.claim_id(s.claim);
                let first = id(&sorted[0]);
                if sorted.iter().all(|s| id(s) == first) {
                    sorted.sort_by_key(|s| self.rank[s.at.0 as usize]);
                    return f(sorted);
                }
                // Ids of one hash: each id on its own (stable, so each
                // stays in corpus order).
                sorted.sort_by(|x, y| id(x).cmp(id(y)));
                let mut out = Vec::new();
                for group in sorted.chunk_by_mut(|x, y| id(x) == id(y)) {
                    if group.len() > 1 {
                        group.sort_by_key(|s| self.rank[s.at.0 as usize]);
                        out.extend(f(group));
                    }
                }
                out
            })
            .flatten_iter()
            .collect()
    }
}
