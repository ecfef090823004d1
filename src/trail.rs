//! Claims across articles: each claim id's appearances in date order, its
//! origin, its independent roots, and the drift of its attribution from one
//! appearance to the next.
//!
//! Articles are reduced to compact per-appearance facts as they load
//! ([`ArticleFacts`]); trails are computed from those alone, so a corpus of
//! millions of claims never has to be held as whole documents.

use crate::diag::Code;
use crate::model::{Article, Class, Outlets, Pos};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// A claim's routes as a trail shows them, outlet ids from the speaker outward.
pub type Routes = Arc<[Box<[Box<str>]>]>;

/// What tracking needs of one article. The article's own strings are shared
/// (`Arc`) so a trail can show them without copying. The strings of its
/// claims, speakers and routes are held end to end in one string, and routes
/// once per article as indexes, so a claim costs no allocation.
#[derive(Clone, Debug)]
pub struct ArticleFacts {
    pub id: Arc<str>,
    pub file: Arc<str>,
    pub outlet: Arc<str>,
    pub published: Option<NaiveDate>,
    /// Every string below, end to end; `Span`s point into it.
    text: String,
    /// Each source as described, and its name when named; claims point here.
    speakers: Vec<Speaker>,
    pub claims: Vec<ClaimFacts>,
    /// The outlet ids this article's routes name, each once.
    names: Vec<Span>,
    /// Every route's hops end to end, as indexes into `names`.
    hops: Vec<u32>,
    /// Where each route's hops end in `hops`; a claim's routes are consecutive.
    route_ends: Vec<u32>,
}

/// Where a string is in an article's `text`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, bytemuck::Zeroable)]
struct Span {
    start: u32,
    end: u32,
}

/// A source as the article describes them, and their name when named.
#[derive(Clone, Copy, Debug)]
struct Speaker {
    described: Span,
    name: Option<Span>,
}

/// What tracking needs of one claim in one article.
#[derive(Clone, Debug)]
pub struct ClaimFacts {
    id: Span,
    pub class: Class,
    /// The speaker: an index into the article's `speakers`.
    speaker: Option<u32>,
    /// The claim's routes: a range of the article's routes (see
    /// [`ArticleFacts::routes`]).
    routes: std::ops::Range<u32>,
    hedge: Option<Span>,
    pub said: Option<NaiveDate>,
    pub pos: Pos,
}

/// One route of a claim, borrowed from its article.
#[derive(Clone, Copy)]
pub struct RouteRef<'a> {
    article: &'a ArticleFacts,
    hops: &'a [u32],
}

impl<'a> RouteRef<'a> {
    /// The outlet the claim first went through.
    pub fn first(&self) -> Option<&'a str> {
        self.hops.first().map(|&i| self.article.name(i))
    }

    /// Outlet ids from the speaker outward.
    pub fn hops(self) -> impl Iterator<Item = &'a str> + 'a {
        let article = self.article;
        self.hops.iter().map(move |&i| article.name(i))
    }
}

impl ArticleFacts {
    fn str(&self, span: Span) -> &str {
        &self.text[span.start as usize..span.end as usize]
    }

    /// The `i`th outlet id the article's routes name.
    fn name(&self, i: u32) -> &str {
        self.str(self.names[i as usize])
    }

    /// A claim's id.
    pub fn claim_id<'a>(&'a self, claim: &ClaimFacts) -> &'a str {
        self.str(claim.id)
    }

    /// A claim's hedge (blank in counting facts).
    pub fn hedge<'a>(&'a self, claim: &ClaimFacts) -> Option<&'a str> {
        claim.hedge.map(|h| self.str(h))
    }

    /// A claim's speaker as the article describes them (blank in counting
    /// facts), and their name when named.
    pub fn speaker<'a>(&'a self, claim: &ClaimFacts) -> Option<(&'a str, Option<&'a str>)> {
        claim.speaker.map(|i| {
            let s = self.speakers[i as usize];
            (self.str(s.described), s.name.map(|n| self.str(n)))
        })
    }

    /// A claim's routes.
    pub fn routes<'a>(&'a self, claim: &ClaimFacts) -> impl Iterator<Item = RouteRef<'a>> + 'a {
        claim.routes.clone().map(move |r| {
            let r = r as usize;
            let start = if r == 0 {
                0
            } else {
                self.route_ends[r - 1] as usize
            };
            RouteRef {
                article: self,
                hops: &self.hops[start..self.route_ends[r] as usize],
            }
        })
    }

    /// A claim's routes as a trail shows them.
    pub fn routes_owned(&self, claim: &ClaimFacts) -> Routes {
        self.routes(claim)
            .map(|r| r.hops().map(Box::from).collect())
            .collect()
    }
}

/// Reduce an article to its facts, keeping only the claims `keep` accepts.
pub fn facts(article: &Article, keep: impl Fn(&str) -> bool) -> ArticleFacts {
    facts_with(article, keep, true)
}

/// The facts counting needs (`claims`): as `facts`, but hedges and speaker
/// descriptions are left blank (whether there is one is kept), so a corpus
/// of a million claims holds none of their text.
pub fn counting_facts(article: &Article) -> ArticleFacts {
    facts_with(article, |_| true, false)
}

fn facts_with(article: &Article, keep: impl Fn(&str) -> bool, texts: bool) -> ArticleFacts {
    let mut arena = Arena::default();
    // Each source's strings are held once and shared by its claims.
    let speakers: Vec<Speaker> = article
        .sources
        .iter()
        .map(|s| Speaker {
            described: if texts {
                match (&s.name, &s.description) {
                    (Some(name), _) => arena.put(name),
                    (None, Some(desc)) => arena.put_all(&["anonymous: ", desc]),
                    (None, None) => arena.put("anonymous"),
                }
            } else {
                Span::default()
            },
            name: s.name.as_deref().map(|n| arena.put(n)),
        })
        .collect();
    let mut names = Names::default();
    let mut hops: Vec<u32> = Vec::new();
    let mut route_ends: Vec<u32> = Vec::new();
    let mut claims = Vec::with_capacity(article.claims.len());
    for c in article.claims.iter().filter(|c| keep(&c.id)) {
        let speaker = c.source.as_deref().and_then(|id| {
            article
                .sources
                .binary_search_by(|s| s.id.as_str().cmp(id))
                .ok()
                .map(|i| i as u32)
        });
        let first_route = count(route_ends.len());
        for r in &c.routes {
            for h in &r.hops {
                hops.push(names.index(&mut arena, h));
            }
            route_ends.push(count(hops.len()));
        }
        claims.push(ClaimFacts {
            id: arena.put(&c.id),
            class: Article::class_with(c, speaker.map(|i| &article.sources[i as usize])),
            speaker,
            routes: first_route..count(route_ends.len()),
            hedge: c
                .hedge
                .as_deref()
                .map(|h| if texts { arena.put(h) } else { Span::default() }),
            said: c.said,
            pos: c.pos,
        });
    }
    ArticleFacts {
        id: Arc::from(article.id.as_str()),
        file: Arc::from(article.file.as_str()),
        outlet: Arc::from(article.outlet.as_str()),
        published: article.published,
        text: arena.text,
        speakers,
        claims,
        names: names.list,
        hops,
        route_ends,
    }
}

/// A count within one article as an index: an article small enough to load
/// has far fewer than 2^32 routes or hops.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The strings of one article's facts, end to end.
#[derive(Default)]
struct Arena {
    text: String,
}

impl Arena {
    fn put(&mut self, s: &str) -> Span {
        self.put_all(&[s])
    }

    /// The parts end to end, as one string. Offsets are 32-bit: past 4 GiB of
    /// text in one article (a file that large is refused by default, and
    /// would not fit in memory parsed), strings are held empty.
    fn put_all(&mut self, parts: &[&str]) -> Span {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let (Ok(start), Ok(end)) = (
            u32::try_from(self.text.len()),
            u32::try_from(self.text.len() + len),
        ) else {
            return Span::default();
        };
        for p in parts {
            self.text.push_str(p);
        }
        Span { start, end }
    }
}

/// Distinct outlet ids, each given an index: a list searched in place while
/// it is short (an article names a handful of outlets), with a hash index
/// once it grows.
#[derive(Default)]
struct Names {
    list: Vec<Span>,
    index: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
}

impl Names {
    const SHORT: usize = 16;

    fn index(&mut self, arena: &mut Arena, name: &str) -> u32 {
        let text = &arena.text;
        let found = if self.list.len() <= Self::SHORT {
            self.list
                .iter()
                .position(|n| &text[n.start as usize..n.end as usize] == name)
                .map(count)
        } else {
            self.index.get(name).copied()
        };
        if let Some(i) = found {
            return i;
        }
        self.list.push(arena.put(name));
        let i = count(self.list.len() - 1);
        if self.list.len() == Self::SHORT + 1 {
            let text = &arena.text;
            self.index = self
                .list
                .iter()
                .map(|n| Box::from(&text[n.start as usize..n.end as usize]))
                .zip(0..)
                .collect();
        } else if self.list.len() > Self::SHORT + 1 {
            self.index.insert(name.into(), i);
        }
        i
    }
}

/// Where independent reporting of a claim begins.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "kebab-case")]
pub enum Root {
    /// A named speaker: however many outlets relay them, one root.
    Speaker(Arc<str>),
    /// The first outlet on a route, or the article's own outlet when the
    /// claim reached it first-hand from an unnamed source or its own reporting.
    Outlet(Arc<str>),
}

/// One appearance of a claim, as a trail shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Appearance {
    pub article: Arc<str>,
    pub file: Arc<str>,
    pub outlet: Arc<str>,
    pub published: Option<NaiveDate>,
    pub undated: bool,
    pub class: Class,
    /// The speaker as the article describes them.
    pub source: Option<Arc<str>>,
    pub route: Routes,
    pub hedge: Option<Arc<str>>,
    pub said: Option<NaiveDate>,
    pub roots: Vec<Root>,
    /// Drift codes found at this appearance.
    pub drift: Vec<Code>,
    #[serde(skip)]
    pub pos: Pos,
}

/// A drift finding: at appearance `at`, compared with appearance `earlier`.
#[derive(Clone, Debug, Serialize)]
pub struct Drift {
    pub code: Code,
    pub at: usize,
    pub earlier: usize,
    pub message: String,
}

/// The root of the trail's origin.
#[derive(Clone, Debug, Serialize)]
pub struct Origin {
    pub article: Arc<str>,
    pub outlet: Arc<str>,
    pub published: Option<NaiveDate>,
    /// The original speaker as the origin describes them.
    pub speaker: Option<Arc<str>>,
    /// The first outlet on the origin's route (its own outlet when first-hand).
    pub first_outlet: Arc<str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RootSummary {
    #[serde(flatten)]
    pub root: Root,
    /// Appearances that go back to this root.
    pub appearances: usize,
}

/// A claim followed across the corpus.
#[derive(Clone, Debug, Serialize)]
pub struct Trail {
    pub id: String,
    /// The claim text of the origin appearance is not kept; ids carry meaning.
    pub appearances: Vec<Appearance>,
    pub origin: Option<Origin>,
    pub roots: Vec<RootSummary>,
    pub independent_roots: usize,
    pub findings: Vec<Drift>,
}

/// The roots one appearance goes back to.
fn roots_of(article: &ArticleFacts, claim: &ClaimFacts) -> Vec<Root> {
    if let Some(name) = article.speaker(claim).and_then(|s| s.1) {
        return vec![Root::Speaker(Arc::from(name))];
    }
    if claim.routes.is_empty() {
        return vec![Root::Outlet(article.outlet.clone())];
    }
    let mut roots: Vec<Root> = article
        .routes(claim)
        .filter_map(|r| r.first())
        .map(|h| Root::Outlet(Arc::from(h)))
        .collect();
    roots.sort();
    roots.dedup();
    roots
}

/// One appearance as the corpus holds it: borrowed facts, nothing copied,
/// and where it is (article and claim index) for findings to point back to.
#[derive(Clone, Copy)]
struct Seen<'a> {
    article: &'a ArticleFacts,
    claim: &'a ClaimFacts,
    at: Place,
}

/// An appearance's place in the corpus: article index, claim index.
pub type Place = (u32, u32);

impl<'a> Seen<'a> {
    fn published(&self) -> Option<NaiveDate> {
        self.article.published
    }
    fn class(&self) -> Class {
        self.claim.class
    }
    fn article_id(&self) -> &'a str {
        &self.article.id
    }
    fn outlet(&self) -> &'a str {
        &self.article.outlet
    }
    /// The speaker as the article describes them.
    fn source(&self) -> Option<&'a str> {
        self.article.speaker(self.claim).map(|s| s.0)
    }
    /// The speaker's name, when named.
    fn speaker_name(&self) -> Option<&'a str> {
        self.article.speaker(self.claim).and_then(|s| s.1)
    }
    fn routes(&self) -> impl Iterator<Item = RouteRef<'a>> + 'a {
        self.article.routes(self.claim)
    }
    fn has_route(&self) -> bool {
        !self.claim.routes.is_empty()
    }
    fn hedge(&self) -> Option<&'a str> {
        self.article.hedge(self.claim)
    }
    fn said(&self) -> Option<NaiveDate> {
        self.claim.said
    }
}

/// A root, borrowed: for counting independent roots without building them.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum RootRef<'a> {
    Speaker(&'a str),
    Outlet(&'a str),
}

/// The distinct roots of a set of appearances (see `roots_of`), listed in
/// `roots` (cleared first).
fn count_roots<'a>(apps: impl Iterator<Item = Seen<'a>>, roots: &mut Vec<RootRef<'a>>) -> usize {
    roots.clear();
    for s in apps {
        if let Some(name) = s.speaker_name() {
            roots.push(RootRef::Speaker(name));
        } else if !s.has_route() {
            roots.push(RootRef::Outlet(s.outlet()));
        } else {
            roots.extend(s.routes().filter_map(|r| r.first()).map(RootRef::Outlet));
        }
    }
    roots.sort_unstable();
    roots.dedup();
    roots.len()
}

/// Trail order: by publication date, undated last; ties by outlet, then article id.
fn order(a: &Seen, b: &Seen) -> Ordering {
    order_articles(a.article, b.article)
}

fn order_articles(a: &ArticleFacts, b: &ArticleFacts) -> Ordering {
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
fn sorted_positions(
    articles: &[ArticleFacts],
    cmp: impl Fn(&ArticleFacts, &ArticleFacts) -> Ordering + Sync,
) -> Vec<u32> {
    let mut positions: Vec<u32> = (0..count(articles.len())).collect();
    positions.par_sort_unstable_by(|&x, &y| {
        cmp(&articles[x as usize], &articles[y as usize]).then(x.cmp(&y))
    });
    positions
}

/// An appearance, as its place in the corpus, with the first 32 bytes of its
/// claim id (big-endian words, zero-padded) and where the id is beside it.
/// Ids of up to 32 bytes (nearly all) are ordered and told apart by these
/// numbers alone; longer ones read their strings only where the first 32
/// bytes are equal. It also carries what a claim seen once is summed up
/// with, worked out while its article is at hand, so that summing up does
/// not go back to the claim.
#[derive(Clone, Copy, bytemuck::Zeroable)]
struct Key {
    prefix: [u64; 4],
    id: Span,
    at: Place,
    /// The independent roots of this appearance alone.
    roots: u32,
}

/// The longest id a key holds whole.
const KEY_BYTES: usize = 32;

impl Key {
    /// `roots` is scratch space for counting the appearance's roots.
    fn new<'a>(seen: Seen<'a>, roots: &mut Vec<RootRef<'a>>) -> Key {
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

    fn len(&self) -> u32 {
        self.id.end - self.id.start
    }

    /// Whether the key holds the whole id.
    fn whole(&self) -> bool {
        self.len() as usize <= KEY_BYTES
    }
}

/// Every appearance, sorted by claim id (ties in corpus order), so each
/// claim's appearances are one run of the list; and each article's place in
/// trail order, so a claim's appearances are ordered by numbers.
struct ByClaim<'a> {
    articles: &'a [ArticleFacts],
    keys: Vec<Key>,
    /// Each article's rank in trail order (see `order`), ties by position.
    rank: Vec<u32>,
    /// For each article, the first article with the same id (in id order):
    /// equal for two articles exactly when their ids are.
    same_id: Vec<u32>,
}

impl<'a> ByClaim<'a> {
    fn new(articles: &'a [ArticleFacts]) -> ByClaim<'a> {
        // Each article fills its own part of the list, in parallel, so the
        // list is not gathered from pieces afterwards.
        // Zeroed memory comes fresh from the system, untouched: its pages are
        // first touched by the parallel fill below, not here.
        let mut keys: Vec<Key> =
            bytemuck::zeroed_vec(articles.iter().map(|a| a.claims.len()).sum());
        let mut parts: Vec<&mut [Key]> = Vec::with_capacity(articles.len());
        let mut rest = keys.as_mut_slice();
        for a in articles {
            let (part, tail) = rest.split_at_mut(a.claims.len());
            parts.push(part);
            rest = tail;
        }
        parts
            .into_par_iter()
            .zip(articles)
            .enumerate()
            .for_each(|(i, (part, a))| {
                let mut roots = Vec::new();
                for ((j, c), key) in a.claims.iter().enumerate().zip(part) {
                    let seen = Seen {
                        article: a,
                        claim: c,
                        at: (i as u32, j as u32),
                    };
                    *key = Key::new(seen, &mut roots);
                }
            });
        let (rank, same_id) = rayon::join(
            || {
                let by_order = sorted_positions(articles, order_articles);
                let mut rank = vec![0u32; articles.len()];
                for (r, &i) in (0u32..).zip(&by_order) {
                    rank[i as usize] = r;
                }
                rank
            },
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
    fn cmp_ids(&self, x: &Key, y: &Key) -> Ordering {
        x.prefix.cmp(&y.prefix).then_with(|| {
            if x.whole() && y.whole() {
                // Equal words: the shorter id is a prefix of the longer.
                x.len().cmp(&y.len())
            } else {
                self.id(x).cmp(self.id(y))
            }
        })
    }

    fn id(&self, k: &Key) -> &'a str {
        self.articles[k.at.0 as usize].str(k.id)
    }

    fn seen(&self, k: &Key) -> Seen<'a> {
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
    fn groups(&self) -> impl IndexedParallelIterator<Item = &[Key]> + '_ {
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
    fn in_order(&self, apps: &[Key]) -> Vec<Seen<'a>> {
        let mut sorted = Vec::new();
        self.order_into(apps, &mut sorted);
        sorted
    }

    /// `in_order`, into a list of the caller's (cleared first).
    fn order_into(&self, apps: &[Key], sorted: &mut Vec<Seen<'a>>) {
        sorted.clear();
        sorted.extend(apps.iter().map(|k| self.seen(k)));
        // As `sort_by(order)` would: equal ranks are one article.
        sorted.sort_by_key(|s| self.rank[s.at.0 as usize]);
    }

    /// How many different articles (by id) the appearances are in; `ids` is
    /// scratch space.
    fn articles_in(&self, apps: &[Seen], ids: &mut Vec<u32>) -> usize {
        ids.clear();
        ids.extend(apps.iter().map(|s| self.same_id[s.at.0 as usize]));
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// Build every trail from the facts of a corpus, sorted by claim id.
pub fn trails(articles: &[ArticleFacts], outlets: &Outlets) -> Vec<Trail> {
    let by = ByClaim::new(articles);
    by.groups()
        .map(|apps| build(by.id(&apps[0]), by.in_order(apps), outlets))
        .collect()
}

/// The summary of every trail, sorted by claim id, computed from the
/// borrowed facts: no trail is built, and nothing is copied.
pub fn summaries<'a>(articles: &'a [ArticleFacts], outlets: &'a Outlets) -> Vec<ClaimSummary<'a>> {
    /// Lists reused from one claim to the next.
    #[derive(Default)]
    struct Scratch<'a> {
        sorted: Vec<Seen<'a>>,
        roots: Vec<RootRef<'a>>,
        ids: Vec<u32>,
    }
    let by = ByClaim::new(articles);
    // Each article's outlet name, looked up once.
    let names: Vec<&str> = articles
        .par_iter()
        .map(|a| outlets.name(&a.outlet))
        .collect();
    by.groups()
        .map_init(Scratch::default, |scratch, apps| {
            if let [k] = apps {
                // Most claim ids appear once: nothing to order or compare,
                // and the key holds what the summary needs of the claim.
                let a = &articles[k.at.0 as usize];
                return ClaimSummary {
                    id: a.str(k.id),
                    appearances: 1,
                    articles: 1,
                    first_published: a.published,
                    first_outlet: Some(&a.outlet),
                    first_outlet_name: Some(names[k.at.0 as usize]),
                    independent_roots: k.roots as usize,
                    drift: 0,
                };
            }
            let sorted = &mut scratch.sorted;
            by.order_into(apps, sorted);
            let articles = by.articles_in(sorted, &mut scratch.ids);
            let drift = drift(sorted, outlets, false, &|_| true).len();
            let first = sorted[0];
            ClaimSummary {
                id: first.article.claim_id(first.claim),
                appearances: apps.len(),
                articles,
                first_published: first.published(),
                first_outlet: Some(first.outlet()),
                first_outlet_name: Some(names[first.at.0 as usize]),
                independent_roots: count_roots(sorted.iter().copied(), &mut scratch.roots),
                drift,
            }
        })
        .collect()
}

/// A drift finding located in the corpus, for diagnostics.
#[derive(Clone, Debug)]
pub struct Finding<'a> {
    pub claim: &'a str,
    pub code: Code,
    /// The later appearance, where the finding is reported.
    pub at: Place,
    /// The earlier appearance it was compared with.
    pub earlier: Place,
    pub message: String,
}

/// Every drift finding of the corpus whose code `wants` accepts, in claim
/// order; no trail is built.
pub fn findings<'a>(
    articles: &'a [ArticleFacts],
    outlets: &Outlets,
    wants: &(dyn Fn(Code) -> bool + Sync),
) -> Vec<Finding<'a>> {
    let by = ByClaim::new(articles);
    by.groups()
        .filter(|apps| apps.len() > 1)
        .flat_map_iter(|apps| {
            let sorted = by.in_order(apps);
            drift(&sorted, outlets, true, wants)
                .into_iter()
                .map(move |d| Finding {
                    claim: sorted[0].article.claim_id(sorted[0].claim),
                    code: d.code,
                    at: sorted[d.at].at,
                    earlier: sorted[d.earlier].at,
                    message: d.message,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Build one claim's trail from its appearances (in any order).
pub fn trail(id: &str, apps: &[(&ArticleFacts, &ClaimFacts)], outlets: &Outlets) -> Trail {
    let mut sorted: Vec<Seen> = apps
        .iter()
        .map(|&(article, claim)| Seen {
            article,
            claim,
            at: (0, 0),
        })
        .collect();
    sorted.sort_by(order);
    build(id, sorted, outlets)
}

/// A trail from a claim's appearances in trail order.
fn build(id: &str, sorted: Vec<Seen>, outlets: &Outlets) -> Trail {
    let findings = drift(&sorted, outlets, true, &|_| true);
    let mut appearances: Vec<Appearance> = sorted
        .iter()
        .map(|s| {
            let (a, c) = (s.article, s.claim);
            Appearance {
                article: a.id.clone(),
                file: a.file.clone(),
                outlet: a.outlet.clone(),
                published: a.published,
                undated: a.published.is_none(),
                class: c.class,
                source: s.source().map(Arc::from),
                route: a.routes_owned(c),
                hedge: s.hedge().map(Arc::from),
                said: c.said,
                roots: roots_of(a, c),
                drift: Vec::new(),
                pos: c.pos,
            }
        })
        .collect();
    for f in &findings {
        if !appearances[f.at].drift.contains(&f.code) {
            appearances[f.at].drift.push(f.code);
        }
    }
    let mut counts: BTreeMap<Root, usize> = BTreeMap::new();
    for a in &appearances {
        for r in &a.roots {
            *counts.entry(r.clone()).or_default() += 1;
        }
    }
    let origin = appearances.first().map(|o| Origin {
        article: o.article.clone(),
        outlet: o.outlet.clone(),
        published: o.published,
        speaker: o.source.clone(),
        first_outlet: o
            .route
            .first()
            .and_then(|r| r.first())
            .map(|h| Arc::from(&**h))
            .unwrap_or_else(|| o.outlet.clone()),
    });
    let roots: Vec<RootSummary> = counts
        .into_iter()
        .map(|(root, appearances)| RootSummary { root, appearances })
        .collect();
    Trail {
        id: id.to_string(),
        independent_roots: roots.len(),
        roots,
        origin,
        appearances,
        findings,
    }
}

fn has_attribution(a: &Seen) -> bool {
    a.claim.speaker.is_some() || a.has_route()
}

fn shows_state(a: &Seen, outlets: &Outlets) -> bool {
    outlets.is_state(a.outlet())
        || a.routes()
            .flat_map(|r| r.hops())
            .any(|h| outlets.is_state(h))
}

fn credits(a: &Seen, outlet: &str) -> bool {
    a.outlet() == outlet || a.routes().flat_map(|r| r.hops()).any(|h| h == outlet)
}

fn is_named(a: &Seen) -> Option<bool> {
    match a.class() {
        Class::Named => Some(true),
        Class::Anonymous => Some(false),
        _ => None,
    }
}

/// What the dated appearances before the current one hold, kept as the walk
/// goes so each appearance is compared with all of them in constant time.
#[derive(Default)]
struct Earlier {
    /// The first that hedges.
    hedged: Option<usize>,
    /// The first with a source or a route.
    attributed: Option<usize>,
    /// The last with a speaker, and whether they were named.
    speaker: Option<(usize, bool)>,
    /// The first `said` date, and the first one that differs from it.
    said: Option<(usize, NaiveDate)>,
    said_other: Option<usize>,
}

impl Earlier {
    fn add(&mut self, i: usize, a: &Seen) {
        if a.class() == Class::Background {
            return;
        }
        if a.hedge().is_some() {
            self.hedged.get_or_insert(i);
        }
        if has_attribution(a) {
            self.attributed.get_or_insert(i);
        }
        if let Some(named) = is_named(a) {
            self.speaker = Some((i, named));
        }
        if let Some(d) = a.said() {
            match self.said {
                None => self.said = Some((i, d)),
                Some((_, first)) if first != d && self.said_other.is_none() => {
                    self.said_other = Some(i);
                }
                Some(_) => {}
            }
        }
    }

    /// The first earlier appearance whose `said` differs from `said`.
    fn said_unlike(&self, said: NaiveDate) -> Option<usize> {
        match self.said {
            Some((j, first)) if first != said => Some(j),
            Some(_) => self.said_other,
            None => None,
        }
    }
}

/// Compare each appearance (in trail order) with the ones before it, keeping
/// the findings whose code `wants` accepts.
fn drift(
    apps: &[Seen],
    outlets: &Outlets,
    messages: bool,
    wants: &dyn Fn(Code) -> bool,
) -> Vec<Drift> {
    let mut found = Vec::new();
    // Background is context, not a claim the article makes: it neither
    // drifts nor sets a standard for later appearances, so the origin the
    // others are held to is the first appearance that is not background.
    let Some(o) = apps.iter().position(|a| a.class() != Class::Background) else {
        return found;
    };
    let origin = &apps[o];
    let origin_state = shows_state(origin, outlets);
    // Crediting the origin's outlet or any outlet its routes pass through is
    // crediting the relay; messages name the outlet and where each route began.
    let credited = |app: &Seen| {
        credits(app, origin.outlet())
            || origin
                .routes()
                .flat_map(|r| r.hops())
                .any(|o| credits(app, o))
    };
    let origin_names = || {
        std::iter::once(origin.outlet())
            .chain(origin.routes().filter_map(|r| r.first()))
            .map(|o| outlets.name(o))
            .collect::<Vec<_>>()
            .join(" via ")
    };
    // Undated appearances sort last, in no real order among themselves, so
    // they are compared with the dated ones only.
    let dated = apps.iter().take_while(|a| a.published().is_some()).count();
    let mut earlier = Earlier::default();
    for (i, app) in apps.iter().enumerate().skip(1) {
        if i - 1 < dated {
            earlier.add(i - 1, &apps[i - 1]);
        }
        if app.class() == Class::Background {
            continue;
        }
        // Messages are written only when they are shown; `claims` counts.
        let mut push = |code: Code, at_earlier: usize, message: &dyn Fn() -> String| {
            if wants(code) {
                found.push(Drift {
                    code,
                    at: i,
                    earlier: at_earlier,
                    message: if messages { message() } else { String::new() },
                });
            }
        };
        if app.hedge().is_none()
            && let Some(j) = earlier.hedged
        {
            push(Code::HedgeDropped, j, &|| {
                format!(
                    "{} hedged the claim (\"{}\"); {} states it flatly",
                    apps[j].article_id(),
                    apps[j].hedge().unwrap_or(""),
                    app.article_id()
                )
            });
        }
        if !has_attribution(app)
            && let Some(j) = earlier.attributed
        {
            push(Code::AttributionDropped, j, &|| {
                format!(
                    "{} attributes the claim; {} gives neither source nor route",
                    apps[j].article_id(),
                    app.article_id()
                )
            });
        }
        // The origin-based codes hold an appearance to the origin only when
        // it is known to come after it: published on a later day, or undated
        // after a dated origin. Same-day appearances sort by outlet, which
        // says nothing of which came first.
        let later_than_origin = match (origin.published(), app.published()) {
            (Some(o), Some(p)) => p > o,
            (Some(_), None) => true,
            _ => false,
        };
        if later_than_origin && app.class() != Class::Named && !credited(app) {
            push(Code::RelayUncredited, o, &|| {
                format!(
                    "the claim first appeared in {} ({}); {} does not credit it",
                    origin_names(),
                    origin.article_id(),
                    app.article_id()
                )
            });
        }
        if let Some(named) = is_named(app)
            && let Some((j, was_named)) = earlier.speaker
        {
            if was_named && !named {
                push(Code::Anonymized, j, &|| {
                    format!(
                        "{} names the source ({}); {} makes it anonymous",
                        apps[j].article_id(),
                        apps[j].source().unwrap_or(""),
                        app.article_id()
                    )
                });
            } else if !was_named && named {
                push(Code::NamedLater, j, &|| {
                    format!(
                        "{} has an anonymous source; {} names {}",
                        apps[j].article_id(),
                        app.article_id(),
                        app.source().unwrap_or("")
                    )
                });
            }
        }
        if later_than_origin && origin_state && !shows_state(app, outlets) {
            push(Code::StateOriginHidden, o, &|| {
                format!(
                    "the claim's origin ({}) runs through state-owned media; {} does not show it",
                    origin.article_id(),
                    app.article_id()
                )
            });
        }
        if let Some(said) = app.said()
            && let Some(j) = earlier.said_unlike(said)
        {
            push(Code::SaidDateConflict, j, &|| {
                format!(
                    "{} dates the statement {}; {} dates it {}",
                    apps[j].article_id(),
                    apps[j].said().map(|d| d.to_string()).unwrap_or_default(),
                    app.article_id(),
                    said
                )
            });
        }
    }
    found
}

/// One line of `claimtrail claims`, borrowed from the facts or trail it sums up.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimSummary<'a> {
    pub id: &'a str,
    pub appearances: usize,
    pub articles: usize,
    pub first_published: Option<NaiveDate>,
    pub first_outlet: Option<&'a str>,
    /// Its display name, when `summaries` has looked it up: once per claim,
    /// so writing a long list reads only the registry's few names.
    #[serde(skip)]
    pub first_outlet_name: Option<&'a str>,
    pub independent_roots: usize,
    pub drift: usize,
}

/// A trail's summary; its outlet's name is not looked up (see
/// `ClaimSummary::first_outlet_name`).
pub fn summary(t: &Trail) -> ClaimSummary<'_> {
    let articles: BTreeSet<&str> = t.appearances.iter().map(|a| &*a.article).collect();
    ClaimSummary {
        id: &t.id,
        appearances: t.appearances.len(),
        articles: articles.len(),
        first_published: t.origin.as_ref().and_then(|o| o.published),
        first_outlet: t.origin.as_ref().map(|o| &*o.outlet),
        first_outlet_name: None,
        independent_roots: t.independent_roots,
        drift: t.findings.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::{counting_facts, facts, summaries};
    use crate::load::article_from_text;
    use crate::model::Outlets;

    fn article(id: &str, date: &str, claims: &[&str]) -> super::ArticleFacts {
        let mut text =
            format!("[article]\ntitle = \"t\"\noutlet = \"{id}-paper\"\npublished = {date}\n");
        for c in claims {
            text.push_str(&format!(
                "[[claims]]\nid = \"{c}\"\ntext = \"x\"\nvia = [\"wire\"]\n"
            ));
        }
        let (a, diags) = article_from_text(&text, id, id, &Outlets::default());
        assert!(
            diags.iter().all(|d| d.code.as_str() != "syntax"),
            "{diags:?}"
        );
        facts(&a.expect("an article"), |_| true)
    }

    #[test]
    fn claims_are_grouped_by_whole_id_in_id_order() {
        // Ids that share their first 16 or 32 bytes, one that is a prefix of
        // another, and a NUL byte: the prefix held for sorting must not merge
        // or misorder them.
        let a = article(
            "a",
            "2019-03-01",
            &[
                "same-first-16-by-x",
                "same-first-16-by",
                "z",
                "same-first-16-by-a",
                "a-long-id-sharing-its-first-32-b-then-z",
                "a-long-id-sharing-its-first-32-b",
                "a-long-id-sharing-its-first-32-b-then-a",
            ],
        );
        let b = article(
            "b",
            "2019-03-02",
            &[
                "same-first-16-by-a",
                "same-first-16-by\\u0000",
                "same-first-16-by",
                "a-long-id-sharing-its-first-32-b-then-a",
                "a-long-id-sharing-its-first-32-b\\u0000",
            ],
        );
        let corpus = [a, b];
        let outlets = Outlets::default();
        let list = summaries(&corpus, &outlets);
        let got: Vec<(&str, usize)> = list.iter().map(|s| (s.id, s.appearances)).collect();
        assert_eq!(
            got,
            [
                ("a-long-id-sharing-its-first-32-b", 1),
                ("a-long-id-sharing-its-first-32-b\0", 1),
                ("a-long-id-sharing-its-first-32-b-then-a", 2),
                ("a-long-id-sharing-its-first-32-b-then-z", 1),
                ("same-first-16-by", 2),
                ("same-first-16-by\0", 1),
                ("same-first-16-by-a", 2),
                ("same-first-16-by-x", 1),
                ("z", 1),
            ]
        );
        // Both appearances go back to the wire: one root; the first is a's.
        assert_eq!(list[4].independent_roots, 1);
        assert_eq!(list[4].first_outlet, Some("a-paper"));
    }

    #[test]
    fn summaries_agree_with_trails() {
        // Roots of claims seen once and of claims seen twice: a named
        // speaker, no route, two routes from one outlet, two from two, and
        // a route through several outlets.
        let a = "[article]\ntitle = \"t\"\noutlet = \"paper-a\"\npublished = 2019-03-01\n\
                 [sources.s]\nname = \"Ana Ruiz\"\n\
                 [[claims]]\nid = \"named\"\ntext = \"x\"\nsource = \"s\"\nvia = [\"wire\", \"tv\"]\n\
                 [[claims]]\nid = \"own\"\ntext = \"x\"\n\
                 [[claims]]\nid = \"one-first\"\ntext = \"x\"\nvia = [\"wire\", [\"wire\", \"tv\"]]\n\
                 [[claims]]\nid = \"two-firsts\"\ntext = \"x\"\nvia = [\"wire\", [\"tv\", \"wire\"]]\n\
                 [[claims]]\nid = \"shared\"\ntext = \"x\"\nvia = [[\"tv\", \"wire\", \"radio\"]]\n";
        let b = "[article]\ntitle = \"t\"\noutlet = \"paper-b\"\npublished = 2019-03-02\n\
                 [[claims]]\nid = \"shared\"\ntext = \"x\"\nvia = [\"wire\"]\n\
                 [[claims]]\nid = \"b-only\"\ntext = \"x\"\nvia = [\"radio\", \"radio\"]\n";
        let facts: Vec<_> = [a, b]
            .iter()
            .zip(["a", "b"])
            .map(|(text, id)| {
                let (article, _) = article_from_text(text, id, id, &Outlets::default());
                counting_facts(&article.expect("an article"))
            })
            .collect();
        let outlets = Outlets::default();
        let list = summaries(&facts, &outlets);
        let trails = super::trails(&facts, &outlets);
        let from_trails: Vec<_> = trails.iter().map(super::summary).collect();
        let roots = |l: &[super::ClaimSummary]| -> Vec<(String, usize, usize)> {
            l.iter()
                .map(|s| (s.id.to_string(), s.independent_roots, s.articles))
                .collect()
        };
        assert_eq!(roots(&list), roots(&from_trails));
        // Worked out by hand.
        assert_eq!(
            roots(&list),
            [
                ("b-only".to_string(), 1, 1),
                ("named".to_string(), 1, 1),
                ("one-first".to_string(), 1, 1),
                ("own".to_string(), 1, 1),
                ("shared".to_string(), 2, 2),
                ("two-firsts".to_string(), 2, 1),
            ]
        );
    }

    #[test]
    fn articles_are_counted_by_id() {
        // Two facts with one article id (the loader keeps only the first,
        // but the library takes what it is given) are one article, as a
        // trail counts them; a third id is another.
        let text = "[article]\ntitle = \"t\"\noutlet = \"p\"\npublished = 2019-03-01\n\
                    [[claims]]\nid = \"c\"\ntext = \"x\"\nvia = [\"wire\"]\n";
        let facts: Vec<_> = ["same", "same", "other"]
            .iter()
            .map(|id| {
                let (a, _) = article_from_text(text, id, id, &Outlets::default());
                counting_facts(&a.expect("an article"))
            })
            .collect();
        let outlets = Outlets::default();
        let list = summaries(&facts, &outlets);
        assert_eq!((list[0].appearances, list[0].articles), (3, 2));
        let trails = super::trails(&facts, &outlets);
        assert_eq!(super::summary(&trails[0]).articles, 2);
        // Trail order: date, outlet, id ("other" before "same"), then corpus order.
        let order: Vec<&str> = trails[0].appearances.iter().map(|a| &*a.article).collect();
        assert_eq!(order, ["other", "same", "same"]);
    }

    #[test]
    fn counting_facts_give_the_same_summaries() {
        // Hedges, a named source and an anonymous one, a state route: every
        // drift code that depends on what counting facts leave blank.
        let text = |hedge: &str, named: bool, via: &str, date: &str| {
            let source = if named {
                "[sources.s]\nname = \"Ana Ruiz\"\n"
            } else {
                "[sources.s]\nanonymous = true\ndescription = \"an official\"\n"
            };
            format!(
                "[article]\ntitle = \"t\"\noutlet = \"p{date}\"\npublished = 2019-03-{date}\n{source}\
                 [[claims]]\nid = \"c\"\ntext = \"x\"\nsource = \"s\"\nvia = [\"{via}\"]\n{hedge}"
            )
        };
        let docs = [
            text("hedge = \"believed\"\n", true, "tass", "01"),
            text("", false, "wire", "02"),
            text("hedge = \"said to\"\n", true, "wire", "03"),
        ];
        let mut outlets = Outlets::default();
        for (id, state) in [("tass", true), ("wire", false)] {
            let outlet = crate::model::Outlet {
                id: id.into(),
                name: id.to_uppercase(),
                kind: None,
                country: None,
                ownership: state.then_some(crate::model::Ownership::State),
                url: None,
            };
            outlets.by_id.insert(id.into(), outlet);
        }
        let load = |counting: bool| {
            let facts: Vec<_> = docs
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let (a, _) = article_from_text(d, &format!("a{i}"), &format!("a{i}"), &outlets);
                    let a = a.expect("an article");
                    if counting {
                        counting_facts(&a)
                    } else {
                        facts(&a, |_| true)
                    }
                })
                .collect();
            serde_json::to_value(summaries(&facts, &outlets)).unwrap()
        };
        let full = load(false);
        assert_eq!(load(true), full);
        assert!(full[0]["drift"].as_u64().unwrap() >= 2, "{full}");
    }
}
