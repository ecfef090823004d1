//! Articles reduced to the compact facts trails need, as they load: per
//! claim its id, class, speaker, routes, hedge and dates, with the strings
//! kept in one arena per article.

use crate::model::{Article, Class, Pos};
use chrono::NaiveDate;
use std::collections::HashMap;
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
    pub(super) text: String,
    /// Each source as described, and its name when named; claims point here.
    pub(super) speakers: Vec<Speaker>,
    pub claims: Vec<ClaimFacts>,
    /// The outlet ids this article's routes name, each once.
    pub(super) names: Vec<Span>,
    /// Every route's hops end to end, as indexes into `names`.
    pub(super) hops: Vec<u32>,
    /// Where each route's hops end in `hops`; a claim's routes are consecutive.
    pub(super) route_ends: Vec<u32>,
}

/// Where a string is in an article's `text`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, bytemuck::Zeroable)]
pub(super) struct Span {
    pub(super) start: u32,
    pub(super) end: u32,
}

/// A source as the article describes them, and their name when named.
#[derive(Clone, Copy, Debug)]
pub(super) struct Speaker {
    pub(super) described: Span,
    pub(super) name: Option<Span>,
}

/// What tracking needs of one claim in one article. A corpus holds one for
/// every claim (200,000 at 10,000 articles), so it is kept to 48 bytes: its
/// place in the file and its strings as 32-bit offsets, and its speaker as
/// an index from 1.
#[derive(Clone, Debug)]
pub struct ClaimFacts {
    pub(super) id: Span,
    pub class: Class,
    /// The speaker: one more than an index into the article's `speakers`.
    pub(super) speaker: Option<std::num::NonZeroU32>,
    /// The claim's routes: a range of the article's routes (see
    /// [`ArticleFacts::routes`]).
    pub(super) routes: std::ops::Range<u32>,
    pub(super) hedge: Option<Span>,
    pub said: Option<NaiveDate>,
    /// Where the claim's id is in its file (see [`ClaimFacts::pos`]).
    pub(super) at: Span,
}

impl ClaimFacts {
    /// Where the claim's id is in its file: nowhere (`0..0`) past 4 GiB
    /// into one file, which cannot be loaded whole anyway.
    pub fn pos(&self) -> Pos {
        Pos {
            start: self.at.start as usize,
            end: self.at.end as usize,
        }
    }

    /// The speaker's index into the article's `speakers`.
    pub(super) fn speaker_index(&self) -> Option<usize> {
        self.speaker.map(|i| i.get() as usize - 1)
    }

    pub(super) fn has_speaker(&self) -> bool {
        self.speaker.is_some()
    }
}

impl Span {
    /// A position in a file as 32-bit offsets, or `0..0` where it does not fit.
    fn of_pos(pos: Pos) -> Span {
        match (u32::try_from(pos.start), u32::try_from(pos.end)) {
            (Ok(start), Ok(end)) => Span { start, end },
            _ => Span::default(),
        }
    }
}

/// One route of a claim, borrowed from its article.
#[derive(Clone, Copy)]
pub struct RouteRef<'a> {
    pub(super) article: &'a ArticleFacts,
    pub(super) hops: &'a [u32],
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
    pub(super) fn str(&self, span: Span) -> &str {
        &self.text[span.start as usize..span.end as usize]
    }

    /// The `i`th outlet id the article's routes name.
    pub(super) fn name(&self, i: u32) -> &str {
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
        claim.speaker_index().map(|i| {
            let s = self.speakers[i];
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

pub(super) fn facts_with(
    article: &Article,
    keep: impl Fn(&str) -> bool,
    texts: bool,
) -> ArticleFacts {
    // Every string, route and hop is counted first and room made for it
    // once: growing from empty cost about a third of this function. Outlet
    // ids are counted at every hop, so `text` may hold a little more than
    // it needs until it is shrunk.
    let keep = &keep;
    let kept = || article.claims.iter().filter(move |c| keep(&c.id));
    let (mut text_len, mut n_routes, mut n_hops) = (0, 0, 0);
    for s in &article.sources {
        let name = s.name.as_deref().map_or(0, str::len);
        text_len += name
            + match (&s.name, &s.description) {
                _ if !texts => 0,
                (Some(_), _) => name,
                (None, Some(desc)) => "anonymous: ".len() + desc.len(),
                (None, None) => "anonymous".len(),
            };
    }
    let mut n_claims = 0;
    for c in kept() {
        n_claims += 1;
        text_len += c.id.len();
        if texts {
            text_len += c.hedge.as_deref().map_or(0, str::len);
        }
        n_routes += c.routes.len();
        for r in &c.routes {
            n_hops += r.hops.len();
            text_len += r.hops.iter().map(String::len).sum::<usize>();
        }
    }
    let mut arena = Arena {
        text: String::with_capacity(text_len),
    };
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
    let mut hops: Vec<u32> = Vec::with_capacity(n_hops);
    let mut route_ends: Vec<u32> = Vec::with_capacity(n_routes);
    let mut claims = Vec::with_capacity(n_claims);
    for c in kept() {
        let speaker = c.source.as_deref().and_then(|id| {
            article
                .sources
                .binary_search_by(|s| s.id.as_str().cmp(id))
                .ok()
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
            class: Article::class_with(c, speaker.map(|i| &article.sources[i])),
            speaker: speaker
                .and_then(|i| u32::try_from(i + 1).ok())
                .and_then(std::num::NonZeroU32::new),
            routes: first_route..count(route_ends.len()),
            hedge: c
                .hedge
                .as_deref()
                .map(|h| if texts { arena.put(h) } else { Span::default() }),
            said: c.said,
            at: Span::of_pos(c.pos),
        });
    }
    debug_assert!(arena.text.len() <= text_len && hops.len() == n_hops);
    debug_assert!(route_ends.len() == n_routes && claims.len() == n_claims);
    // A corpus holds these for every article at once: no room to spare.
    let mut text = arena.text;
    text.shrink_to_fit();
    ArticleFacts {
        id: Arc::from(article.id.as_str()),
        file: Arc::from(article.file.as_str()),
        outlet: Arc::from(article.outlet.as_str()),
        published: article.published,
        text,
        speakers,
        claims,
        names: names.list,
        hops,
        route_ends,
    }
}

/// A count within one article as an index: an article small enough to load
/// has far fewer than 2^32 routes or hops.
pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The strings of one article's facts, end to end.
#[derive(Default)]
pub(super) struct Arena {
    pub(super) text: String,
}

impl Arena {
    pub(super) fn put(&mut self, s: &str) -> Span {
        self.put_all(&[s])
    }

    /// The parts end to end, as one string. Offsets are 32-bit: past 4 GiB of
    /// text in one article (a file that large is refused by default, and
    /// would not fit in memory parsed), strings are held empty.
    pub(super) fn put_all(&mut self, parts: &[&str]) -> Span {
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
pub(super) struct Names {
    pub(super) list: Vec<Span>,
    pub(super) index: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
}

impl Names {
    const SHORT: usize = 16;

    pub(super) fn index(&mut self, arena: &mut Arena, name: &str) -> u32 {
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
