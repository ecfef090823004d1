//! A deterministic, seeded generator of claimtrail corpora of realistic shape,
//! shared by the benchmark (`tests/bench/bench.rs`) and the `gen-corpus`
//! example.
//!
//! Articles come in stories: a story (an event) is covered by a heavy-tailed
//! number of articles (most by one to three, a few by hundreds), and its
//! articles share a pool of claim ids, so trails, independent roots and drift
//! are exercised at scale the way a real newsroom corpus exercises them. Each
//! article has about 20 claims and 5 sources, a third of the sources anonymous,
//! routes of 0 to 3 hops, dates, hedges and key claims; about 6.2 KB of TOML.
//!
//! The output depends only on the [`Spec`] (and [`VERSION`]): articles are
//! generated in parallel, each from its own random stream.

mod words;

use chrono::{Datelike, Days, NaiveDate};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use words::{
    ACTORS, ANONYMOUS, CIRCUMSTANCES, CITIES, FAMILY_NAMES, FOREIGN_TITLES, GIVEN_NAMES, HEDGES,
    KNOWN_OUTLETS, MASTHEADS, NOTES, OBJECTS, ORGANIZATIONS, PLACES, PREDICATES, REASONS, ROLES,
    SUBJECTS, TITLE_PARTS, TITLE_TAILS, VERBS,
};

/// Bump when the generated text changes, so cached corpora are regenerated.
pub const VERSION: u32 = 1;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub articles: usize,
    pub seed: u64,
    /// Articles given a handful of validation errors (unknown outlet, unknown
    /// source, a claim dated after the article, a bad country code).
    pub bad: usize,
    /// Nearly clean: the same stories, articles and claims, but annotated
    /// so that a shared claim reads alike in every article and the
    /// newsroom rules hold, leaving at most a finding or two per article.
    pub clean: bool,
}

impl Spec {
    pub fn new(articles: usize, seed: u64) -> Spec {
        Spec {
            articles,
            seed,
            bad: 0,
            clean: false,
        }
    }

    pub fn nearly_clean(self) -> Spec {
        Spec {
            clean: true,
            ..self
        }
    }

    pub fn with_bad(self, bad: usize) -> Spec {
        Spec { bad, ..self }
    }

    /// The cache folder name: `10000-s1`, `10000-s1-bad1`.
    pub fn name(&self) -> String {
        let mut name = format!("{}-s{}", self.articles, self.seed);
        if self.bad > 0 {
            let _ = write!(name, "-bad{}", self.bad);
        }
        if self.clean {
            name.push_str("-clean");
        }
        name
    }
}

/// What was generated, written next to the corpus as `manifest.toml`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: u32,
    pub articles: usize,
    pub seed: u64,
    pub bad: usize,
    #[serde(default)]
    pub clean: bool,
    /// Bytes of the article files (the registry not counted).
    pub bytes: u64,
    pub outlets: usize,
    pub stories: usize,
    pub sources: usize,
    pub anonymous_sources: usize,
    /// Claim appearances (`[[claims]]` tables).
    pub claims: usize,
    pub claim_ids: usize,
    /// Claim ids that appear in two or more articles.
    pub tracked_ids: usize,
    /// The claim id with the most appearances, and how many.
    pub hot_claim: String,
    pub hot_appearances: usize,
    /// Article files with errors, relative to the corpus folder.
    pub bad_files: Vec<String>,
}

/// A generated corpus on disk.
#[derive(Clone, Debug)]
pub struct Corpus {
    /// The working folder: holds `claimtrail.toml`, `manifest.toml` and `claims/`.
    pub root: PathBuf,
    /// The corpus folder (`claims/`, with `outlets.toml`).
    pub claims: PathBuf,
    pub manifest: Manifest,
}

/// Where cached corpora live: `$CLAIMTRAIL_BENCH_CORPUS`, else
/// `$CARGO_TARGET_DIR/bench-corpus`, else `target/bench-corpus`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CLAIMTRAIL_BENCH_CORPUS") {
        return PathBuf::from(dir);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-corpus")
}

/// The corpus for `spec` under `cache`, generated on first use and reused
/// after that (a corpus whose manifest does not match is generated again).
pub fn cached(cache: &Path, spec: Spec) -> io::Result<Corpus> {
    let root = cache.join(spec.name());
    if let Ok(text) = std::fs::read_to_string(root.join("manifest.toml"))
        && let Ok(manifest) = toml::from_str::<Manifest>(&text)
        && manifest.generator == VERSION
        && (
            manifest.articles,
            manifest.seed,
            manifest.bad,
            manifest.clean,
        ) == (spec.articles, spec.seed, spec.bad, spec.clean)
    {
        return Ok(Corpus {
            claims: root.join("claims"),
            root,
            manifest,
        });
    }
    generate(&root, spec)
}

/// Generate the corpus for `spec` into `root` (replacing what is there).
pub fn generate(root: &Path, spec: Spec) -> io::Result<Corpus> {
    if root.exists() {
        std::fs::remove_dir_all(root)?;
    }
    let claims = root.join("claims");
    std::fs::create_dir_all(&claims)?;
    let mut rng = Rng::new(spec.seed, 0);
    let outlets = registry(&mut rng);
    std::fs::write(claims.join("outlets.toml"), registry_toml(&outlets))?;
    std::fs::write(
        root.join("claimtrail.toml"),
        "# Benchmark corpus: default settings.\n",
    )?;
    let stories = plan(&mut rng, &outlets, spec.articles);
    let story_of: Vec<usize> = stories
        .iter()
        .enumerate()
        .flat_map(|(s, st)| std::iter::repeat_n(s, st.size))
        .collect();
    let bad: Vec<usize> = (1..=spec.bad)
        .map(|k| k * spec.articles / (spec.bad + 1))
        .collect();

    let writer = Gen {
        spec,
        outlets: &outlets,
    };
    let written: Vec<Written> = (0..spec.articles)
        .into_par_iter()
        .map(|i| {
            let story = &stories[story_of[i]];
            let article = writer.article(i, story_of[i], story, bad.contains(&i));
            let path = claims.join(&article.path);
            std::fs::create_dir_all(path.parent().expect("a file below claims/"))?;
            std::fs::write(&path, &article.text)?;
            Ok(article.written)
        })
        .collect::<io::Result<_>>()?;

    let manifest = summarize(spec, &outlets, &stories, &written);
    let text = toml::to_string(&manifest).map_err(io::Error::other)?;
    // Written last: a corpus without a manifest is incomplete and regenerated.
    std::fs::write(root.join("manifest.toml"), text)?;
    Ok(Corpus {
        root: root.to_path_buf(),
        claims,
        manifest,
    })
}

fn summarize(spec: Spec, outlets: &[Outlet], stories: &[Story], written: &[Written]) -> Manifest {
    let mut counts: HashMap<(usize, usize), usize> = HashMap::new();
    let mut unique = 0;
    for w in written {
        unique += w.unique_claims;
        for &key in &w.pool_claims {
            *counts.entry(key).or_default() += 1;
        }
    }
    let ((hot_story, hot_k), hot_appearances) = counts
        .iter()
        .map(|(&k, &n)| (k, n))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap_or(((0, 0), 0));
    Manifest {
        generator: VERSION,
        articles: spec.articles,
        seed: spec.seed,
        bad: spec.bad,
        clean: spec.clean,
        bytes: written.iter().map(|w| w.bytes).sum(),
        outlets: outlets.len(),
        stories: stories.len(),
        sources: written.iter().map(|w| w.sources).sum(),
        anonymous_sources: written.iter().map(|w| w.anonymous).sum(),
        claims: written.iter().map(|w| w.claims).sum(),
        claim_ids: unique + counts.len(),
        tracked_ids: counts.values().filter(|&&n| n >= 2).count(),
        hot_claim: stories
            .get(hot_story)
            .and_then(|s| s.pool.get(hot_k))
            .map(|c| c.id.clone())
            .unwrap_or_default(),
        hot_appearances,
        bad_files: written
            .iter()
            .filter(|w| w.bad)
            .map(|w| w.path.clone())
            .collect(),
    }
}

/// SplitMix64: small, fast, and the same on every platform. `Rng(state)`
/// starts from a raw state; [`Rng::new`] from a seed and a stream.
pub struct Rng(pub u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

struct Outlet {
    id: String,
    name: String,
    kind: &'static str,
    country: &'static str,
    ownership: &'static str,
    /// Wires, agencies and broadcasters: what claims travel through.
    relay: bool,
}

/// The known outlets and about 120 local ones.
fn registry(rng: &mut Rng) -> Vec<Outlet> {
    let mut outlets: Vec<Outlet> = KNOWN_OUTLETS
        .iter()
        .map(|&(id, name, kind, country, ownership)| Outlet {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            country,
            ownership,
            relay: matches!(kind, "wire" | "agency" | "broadcaster"),
        })
        .collect();
    let mut pairs: Vec<(usize, usize)> = (0..CITIES.len())
        .flat_map(|c| (0..MASTHEADS.len()).map(move |m| (c, m)))
        .collect();
    rng.shuffle(&mut pairs);
    for &(c, m) in pairs.iter().take(120) {
        let (city_id, city, country) = CITIES[c];
        let (suffix, masthead, kind) = MASTHEADS[m];
        let ownership = match rng.below(100) {
            0..85 => "private",
            85..93 => "public",
            _ => "state",
        };
        outlets.push(Outlet {
            id: format!("{city_id}-{suffix}"),
            name: format!("The {city} {masthead}"),
            kind,
            country,
            ownership,
            relay: false,
        });
    }
    outlets
}

fn registry_toml(outlets: &[Outlet]) -> String {
    let mut s = String::from("# Outlet registry of a generated benchmark corpus.\n");
    for o in outlets {
        let _ = write!(
            s,
            "\n[{}]\nname = {}\nkind = \"{}\"\ncountry = \"{}\"\nownership = \"{}\"\n",
            o.id,
            quoted(&o.name),
            o.kind,
            o.country,
            o.ownership
        );
    }
    s
}

/// A speaker of a story, as the first article to quote them describes them.
struct Speaker {
    key: String,
    name: Option<String>,
    description: &'static str,
    reason: Option<&'static str>,
    role: Option<&'static str>,
    affiliation: &'static str,
    country: &'static str,
    organization: bool,
}

/// A claim of a story, as its first appearance gives it.
struct PoolClaim {
    id: String,
    text: String,
    quote: String,
    speaker: usize,
    said: NaiveDate,
    hedge: Option<&'static str>,
    kind: &'static str,
    routes: Vec<Vec<usize>>,
}

struct Story {
    /// Index of its first article.
    first: usize,
    size: usize,
    date: NaiveDate,
    topic: usize,
    place: usize,
    origin_outlet: usize,
    cast: Vec<Speaker>,
    pool: Vec<PoolClaim>,
}

/// What a spoilt article writes for an outlet id.
const MISSPELT_OUTLET: &str = "reutres";

/// The first claims of a story's pool: its lede, which most articles repeat.
const LEDE: usize = 3;

/// Outlets that relay claims: all of them, and those not state-owned.
struct Relays {
    all: Vec<usize>,
    independent: Vec<usize>,
}

/// Split `articles` into stories of heavy-tailed size and cast each one.
fn plan(rng: &mut Rng, outlets: &[Outlet], articles: usize) -> Vec<Story> {
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).expect("a date");
    let all: Vec<usize> = (0..outlets.len()).filter(|&o| outlets[o].relay).collect();
    let relays = Relays {
        independent: all
            .iter()
            .copied()
            .filter(|&o| outlets[o].ownership != "state")
            .collect(),
        all,
    };
    let mut stories = Vec::new();
    let mut left = articles;
    while left > 0 {
        // Pareto, alpha 1.2: mostly 1 to 3 articles, sometimes hundreds.
        let u = 1.0 - rng.unit();
        let size = (u.powf(-1.0 / 1.2) as usize).clamp(1, 300).min(left);
        left -= size;
        let s = stories.len();
        let date = start + Days::new(rng.below(3650) as u64);
        let cast = cast(rng);
        let pool_len = 10 + rng.below(15);
        let topic = rng.below(TITLE_PARTS.len());
        let place = rng.below(PLACES.len());
        let pool = (0..pool_len)
            .map(|k| pool_claim(rng, s, k, &cast, date, place, &relays))
            .collect();
        stories.push(Story {
            first: articles - left - size,
            size,
            date,
            topic,
            place,
            origin_outlet: rng.below(outlets.len()),
            cast,
            pool,
        });
    }
    stories
}

fn cast(rng: &mut Rng) -> Vec<Speaker> {
    let n = 4 + rng.below(5);
    let mut cast: Vec<Speaker> = Vec::with_capacity(n);
    for _ in 0..n {
        let mut speaker = if rng.below(3) == 0 {
            let &(key, description, affiliation, country) = rng.pick(ANONYMOUS);
            Speaker {
                key: key.to_string(),
                name: None,
                description,
                reason: rng.chance(0.75).then(|| *rng.pick(REASONS)),
                role: None,
                affiliation,
                country,
                organization: false,
            }
        } else if rng.chance(0.1) {
            let &(key, name, country) = rng.pick(ORGANIZATIONS);
            Speaker {
                key: key.to_string(),
                name: Some(name.to_string()),
                description: "",
                reason: None,
                role: None,
                affiliation: name,
                country,
                organization: true,
            }
        } else {
            let given = *rng.pick(GIVEN_NAMES);
            let family = *rng.pick(FAMILY_NAMES);
            let &(role, affiliation, country) = rng.pick(ROLES);
            Speaker {
                key: slug(family),
                name: Some(format!("{given} {family}")),
                description: "",
                reason: None,
                role: Some(role),
                affiliation,
                country,
                organization: false,
            }
        };
        let base = speaker.key.clone();
        let mut k = 2;
        while cast.iter().any(|c| c.key == speaker.key) {
            speaker.key = format!("{base}-{k}");
            k += 1;
        }
        cast.push(speaker);
    }
    cast
}

#[allow(clippy::too_many_arguments)]
fn pool_claim(
    rng: &mut Rng,
    story: usize,
    k: usize,
    cast: &[Speaker],
    date: NaiveDate,
    place: usize,
    relays: &Relays,
) -> PoolClaim {
    let id = format!(
        "{}-{}-{}-{story}-{k}",
        rng.pick(ACTORS),
        rng.pick(VERBS),
        rng.pick(OBJECTS)
    );
    let text = format!(
        "{} {} {} {}.",
        rng.pick(SUBJECTS),
        rng.pick(PREDICATES),
        PLACES[place],
        rng.pick(CIRCUMSTANCES)
    );
    let quote = fragment(rng, &text);
    // Ledes lean on named speakers.
    let named: Vec<usize> = (0..cast.len())
        .filter(|&c| cast[c].name.is_some())
        .collect();
    let speaker = if k < LEDE && !named.is_empty() && rng.chance(0.7) {
        *rng.pick(&named)
    } else {
        rng.below(cast.len())
    };
    let kind = match rng.below(10) {
        0..3 => "quote",
        3..9 => "paraphrase",
        _ => "assertion",
    };
    PoolClaim {
        id,
        text,
        quote,
        speaker,
        said: date - Days::new(rng.below(3) as u64),
        hedge: rng.chance(0.15).then(|| *rng.pick(HEDGES)),
        kind,
        routes: routes(rng, relays),
    }
}

/// 0 to 3 hops: mostly none or one wire; sometimes a chain or two routes.
fn routes(rng: &mut Rng, relays: &Relays) -> Vec<Vec<usize>> {
    // Half the hops are the big three wires; state media now and then.
    let relay = |rng: &mut Rng| match rng.below(100) {
        0..50 => rng.below(3),
        50..90 => *rng.pick(&relays.independent),
        _ => *rng.pick(&relays.all),
    };
    match rng.below(100) {
        0..55 => vec![],
        55..83 => vec![vec![relay(rng)]],
        83..93 => vec![vec![relay(rng), relay(rng)]],
        93..98 => vec![vec![relay(rng), relay(rng), relay(rng)]],
        _ => vec![vec![relay(rng)], vec![relay(rng)]],
    }
}

/// A few consecutive words of `text`, as a verbatim quote.
fn fragment(rng: &mut Rng, text: &str) -> String {
    let words: Vec<&str> = text.trim_end_matches('.').split(' ').collect();
    let len = (4 + rng.below(4)).min(words.len());
    let start = rng.below(words.len() - len + 1);
    words[start..start + len].join(" ")
}

/// Ascii lowercase with dashes, for TOML bare keys and file names.
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        let c = match ch {
            'á' | 'à' | 'ã' | 'â' => 'a',
            'é' | 'è' => 'e',
            'í' | 'ı' => 'i',
            'ó' | 'ô' => 'o',
            'ú' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        };
        if c != '-' || !out.ends_with('-') {
            out.push(c);
        }
    }
    out.trim_matches('-').to_string()
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What an article contributed, for the manifest.
struct Written {
    path: String,
    bytes: u64,
    sources: usize,
    anonymous: usize,
    claims: usize,
    unique_claims: usize,
    /// (story, pool index) of each shared claim it carries.
    pool_claims: Vec<(usize, usize)>,
    bad: bool,
}

struct Article {
    path: String,
    text: String,
    written: Written,
}

/// A source as one article gives it.
struct ArticleSource<'a> {
    key: String,
    speaker: &'a Speaker,
    /// A named speaker this article keeps anonymous (drift: `anonymized`).
    anonymized: bool,
}

impl ArticleSource<'_> {
    fn anonymous(&self) -> bool {
        self.speaker.name.is_none() || self.anonymized
    }
}

/// One `[[claims]]` table being written.
#[derive(Default)]
struct ClaimOut {
    id: String,
    text: String,
    quote: Option<String>,
    source: Option<String>,
    routes: Vec<Vec<usize>>,
    said: Option<NaiveDate>,
    hedge: Option<&'static str>,
    kind: &'static str,
    key: bool,
    note: Option<&'static str>,
}

struct Gen<'a> {
    spec: Spec,
    outlets: &'a [Outlet],
}

impl Gen<'_> {
    fn article(&self, i: usize, s: usize, story: &Story, bad: bool) -> Article {
        let mut rng = Rng::new(self.spec.seed, 1 + i as u64);
        let rank = i - story.first;
        let date = if rank == 0 {
            story.date
        } else {
            story.date + Days::new(rng.below(8) as u64)
        };
        let published = (!rng.chance(0.04) || self.spec.clean).then_some(date);
        // A nearly clean corpus's stories start at an outlet that is not
        // state-owned: one that is would make every later unnamed appearance
        // a finding unless it relays the state outlet.
        let origin = match story.origin_outlet {
            o if self.spec.clean && self.outlets[o].ownership == "state" => 0,
            o => o,
        };
        let outlet = if rank == 0 {
            origin
        } else {
            rng.below(self.outlets.len())
        };

        // Sources: about five of the story's cast.
        let mut order: Vec<usize> = (0..story.cast.len()).collect();
        rng.shuffle(&mut order);
        order.truncate(4 + rng.below(4));
        let sources: Vec<ArticleSource> = order
            .iter()
            .map(|&c| {
                let speaker = &story.cast[c];
                let anonymized =
                    rank > 0 && speaker.name.is_some() && rng.chance(0.04) && !self.spec.clean;
                ArticleSource {
                    key: if anonymized {
                        format!("{}-anon", speaker.key)
                    } else {
                        speaker.key.clone()
                    },
                    speaker,
                    anonymized,
                }
            })
            .collect();
        let source_of = |cast: usize| order.iter().position(|&c| c == cast);

        // Shared claims: the lede nearly always, then some of the rest.
        let count = 14 + rng.below(13);
        let mut picks: Vec<usize> = (0..LEDE.min(story.pool.len()))
            .filter(|_| rng.chance(0.9))
            .collect();
        let mut rest: Vec<usize> = (LEDE..story.pool.len()).collect();
        rng.shuffle(&mut rest);
        let shared = count * 55 / 100;
        picks.extend(rest.into_iter().take(shared.saturating_sub(picks.len())));

        let mut used = vec![false; sources.len()];
        let mut claims: Vec<ClaimOut> = Vec::with_capacity(count);
        for &k in &picks {
            let p = &story.pool[k];
            let mut c = ClaimOut {
                id: p.id.clone(),
                text: p.text.clone(),
                kind: p.kind,
                key: k == 0 && rng.chance(0.7),
                ..ClaimOut::default()
            };
            match source_of(p.speaker) {
                Some(a) => {
                    used[a] = true;
                    c.source = Some(sources[a].key.clone());
                    if rank == 0 || rng.chance(0.6) {
                        c.routes = p.routes.clone();
                    } else if outlet != origin && rng.chance(0.25) {
                        c.routes = vec![vec![origin]];
                    }
                }
                // The speaker is not in this article: it relays the origin,
                // or (rarely) states the claim in its own voice.
                None if outlet != origin && rng.chance(0.85) => {
                    let mut route = p.routes.first().cloned().unwrap_or_default();
                    route.push(origin);
                    route.truncate(3);
                    c.routes = vec![route];
                }
                None => c.routes = p.routes.clone(),
            }
            c.hedge = match p.hedge {
                Some(h) if rng.chance(0.8) => Some(h),
                Some(_) => None,
                None => rng.chance(0.01).then(|| *rng.pick(HEDGES)),
            };
            c.said = match rng.below(100) {
                0..80 => Some(p.said),
                80 if rng.chance(0.5) => Some(p.said - Days::new(1)),
                _ => None,
            };
            c.quote = (c.kind == "quote" || rng.chance(0.3)).then(|| p.quote.clone());
            if self.spec.clean {
                self.tidy_shared(
                    &mut c,
                    p,
                    rank,
                    outlet,
                    origin,
                    &sources,
                    source_of(p.speaker),
                );
            }
            claims.push(c);
        }

        // The article's own claims, citing every source not yet cited.
        let mut unique = 0;
        while claims.len() < count || used.contains(&false) {
            let j = unique;
            unique += 1;
            let text = format!(
                "{} {} {} {}.",
                rng.pick(SUBJECTS),
                rng.pick(PREDICATES),
                PLACES[story.place],
                rng.pick(CIRCUMSTANCES)
            );
            let mut c = ClaimOut {
                id: format!(
                    "{}-{}-{}-a{i}-{j}",
                    rng.pick(ACTORS),
                    rng.pick(VERBS),
                    rng.pick(OBJECTS)
                ),
                quote: rng.chance(0.4).then(|| fragment(&mut rng, &text)),
                text,
                kind: "paraphrase",
                ..ClaimOut::default()
            };
            match rng.below(100) {
                0..8 => c.kind = "background",
                8..11 => c.kind = "assertion",
                _ => {
                    let a = used
                        .iter()
                        .position(|u| !u)
                        .unwrap_or_else(|| rng.below(sources.len()));
                    used[a] = true;
                    c.source = Some(sources[a].key.clone());
                    if c.quote.is_some() {
                        c.kind = "quote";
                    }
                    if rng.chance(0.2) {
                        c.routes = vec![vec![rng.below(3)]];
                    }
                    c.said = rng
                        .chance(0.7)
                        .then(|| date - Days::new(rng.below(2) as u64));
                    c.hedge = rng.chance(0.08).then(|| *rng.pick(HEDGES));
                }
            }
            if self.spec.clean {
                c.routes = self.tidy_routes(&c.routes, outlet);
            }
            claims.push(c);
        }
        if !claims.iter().any(|c| c.key)
            && let Some(c) = claims.iter_mut().find(|c| c.source.is_some())
        {
            c.key = true;
        }
        if self.spec.clean {
            // A key claim rests on a named source.
            let named = |c: &ClaimOut| {
                c.source
                    .as_ref()
                    .is_some_and(|k| sources.iter().any(|s| &s.key == k && !s.anonymous()))
            };
            for c in &mut claims {
                c.key &= named(c);
            }
        }
        for c in &mut claims {
            c.note = rng.chance(0.2).then(|| *rng.pick(NOTES));
        }
        if bad {
            self.spoil(&mut claims, published);
        }

        let o = &self.outlets[outlet];
        let (language, title) = if rng.chance(0.15) {
            let &(lang, title) = rng.pick(FOREIGN_TITLES);
            (lang, title.to_string())
        } else {
            (
                "en",
                format!(
                    "{} in {}: {}",
                    TITLE_PARTS[story.topic],
                    PLACES[story.place],
                    rng.pick(TITLE_TAILS)
                ),
            )
        };
        let file_slug = slug(&format!(
            "{} {}",
            TITLE_PARTS[story.topic], PLACES[story.place]
        ));
        let path = format!(
            "{}/{:02}/{}-{}-{i:06}.toml",
            date.year(),
            date.month(),
            o.id,
            file_slug
        );

        let mut t = String::with_capacity(8 * 1024);
        let _ = writeln!(t, "# {} coverage, story {s}.", o.name);
        t.push_str("\n[article]\n");
        let _ = writeln!(t, "title = {}", quoted(&title));
        let _ = writeln!(t, "outlet = \"{}\"", o.id);
        if rng.chance(0.9) {
            let _ = writeln!(
                t,
                "url = \"https://www.{}.example/world/{}/{:02}/{:02}/{file_slug}-{i}/\"",
                o.id,
                date.year(),
                date.month(),
                date.day()
            );
        }
        if let Some(p) = published {
            let _ = writeln!(t, "published = {p}");
        }
        let _ = writeln!(t, "language = \"{language}\"");
        match rng.below(100) {
            0..60 => {
                let _ = writeln!(
                    t,
                    "byline = {}",
                    quoted(&format!(
                        "{} {}",
                        rng.pick(GIVEN_NAMES),
                        rng.pick(FAMILY_NAMES)
                    ))
                );
            }
            60..75 => {
                let _ = writeln!(
                    t,
                    "byline = [{}, {}]",
                    quoted(&format!(
                        "{} {}",
                        rng.pick(GIVEN_NAMES),
                        rng.pick(FAMILY_NAMES)
                    )),
                    quoted(&format!(
                        "{} {}",
                        rng.pick(GIVEN_NAMES),
                        rng.pick(FAMILY_NAMES)
                    ))
                );
            }
            _ => {}
        }
        if rng.chance(0.1) {
            t.push_str("credited = [\"AP\", \"Reuters\"]\n");
        }

        let mut anonymous = 0;
        for src in &sources {
            let sp = src.speaker;
            let _ = writeln!(t, "\n[sources.{}]", src.key);
            if src.anonymous() {
                anonymous += 1;
                t.push_str("anonymous = true\n");
                let description = if src.anonymized {
                    "an official familiar with the matter"
                } else {
                    sp.description
                };
                if rng.chance(0.95) || self.spec.clean {
                    let _ = writeln!(t, "description = {}", quoted(description));
                }
                let reason = sp.reason.or(src.anonymized.then_some(REASONS[0]));
                let reason = match reason {
                    // A reason that says why, not only the condition.
                    _ if self.spec.clean => Some(REASONS[0]),
                    r => r,
                };
                if let Some(r) = reason {
                    let _ = writeln!(t, "reason = {}", quoted(r));
                }
            } else if let Some(name) = &sp.name {
                let _ = writeln!(t, "name = {}", quoted(name));
                if sp.organization {
                    t.push_str("kind = \"organization\"\n");
                }
                if let Some(role) = sp.role {
                    let _ = writeln!(t, "role = {}", quoted(role));
                }
            }
            if !sp.organization {
                let _ = writeln!(t, "affiliation = {}", quoted(sp.affiliation));
            }
            if bad && src.key == sources[0].key {
                t.push_str("country = \"usa\"\n");
            } else {
                let _ = writeln!(t, "country = \"{}\"", sp.country);
            }
        }

        let mut pool_claims = Vec::with_capacity(picks.len());
        for &k in &picks {
            pool_claims.push((s, k));
        }
        for c in &claims {
            self.write_claim(&mut t, c);
        }
        Article {
            written: Written {
                path: path.clone(),
                bytes: t.len() as u64,
                sources: sources.len(),
                anonymous,
                claims: claims.len(),
                unique_claims: unique,
                pool_claims,
                bad,
            },
            path,
            text: t,
        }
    }

    /// A shared claim as a nearly clean corpus gives it: as its first
    /// appearance has it (speaker, hedge, date), through routes with no
    /// state outlet and no outlet twice, and crediting the story's first
    /// outlet when a later article's speaker is not named.
    #[allow(clippy::too_many_arguments)]
    fn tidy_shared(
        &self,
        c: &mut ClaimOut,
        p: &PoolClaim,
        rank: usize,
        outlet: usize,
        origin: usize,
        sources: &[ArticleSource],
        source: Option<usize>,
    ) {
        c.hedge = p.hedge;
        c.said = Some(p.said);
        c.routes = self.tidy_routes(&p.routes, outlet);
        let named = source.is_some_and(|a| !sources[a].anonymous());
        if rank > 0 && !named && outlet != origin {
            match c.routes.first_mut() {
                Some(r) if !r.contains(&origin) && r.len() < 3 => r.push(origin),
                Some(_) => {}
                None => c.routes = vec![vec![origin]],
            }
        }
    }

    /// Routes without state outlets, the article's own outlet, or an outlet
    /// twice.
    fn tidy_routes(&self, routes: &[Vec<usize>], own: usize) -> Vec<Vec<usize>> {
        routes
            .iter()
            .map(|r| {
                let mut hops: Vec<usize> = Vec::new();
                for &h in r {
                    if !hops.contains(&h)
                        && h != own
                        && self.outlets.get(h).is_some_and(|o| o.ownership != "state")
                    {
                        hops.push(h);
                    }
                }
                hops
            })
            .filter(|r| !r.is_empty())
            .collect()
    }

    /// A few validation errors of the kinds annotators make: a misspelt
    /// outlet and source, a claim dated after the article.
    fn spoil(&self, claims: &mut [ClaimOut], published: Option<NaiveDate>) {
        if let Some(c) = claims.first_mut() {
            c.source = Some("us-oficial".to_string());
        }
        if let Some(c) = claims.get_mut(1) {
            c.routes = vec![vec![usize::MAX]]; // written as MISSPELT_OUTLET
        }
        if let (Some(c), Some(p)) = (claims.get_mut(2), published) {
            c.said = Some(p + Days::new(30));
        }
    }

    fn write_claim(&self, t: &mut String, c: &ClaimOut) {
        t.push_str("\n[[claims]]\n");
        if let Some(note) = c.note {
            let _ = writeln!(t, "# {note}");
        }
        let _ = writeln!(t, "id = \"{}\"", c.id);
        let _ = writeln!(t, "text = {}", quoted(&c.text));
        if let Some(q) = &c.quote {
            let _ = writeln!(t, "quote = {}", quoted(q));
        }
        if let Some(s) = &c.source {
            let _ = writeln!(t, "source = \"{s}\"");
        }
        if !c.routes.is_empty() {
            let id = |o: usize| {
                self.outlets
                    .get(o)
                    .map_or(MISSPELT_OUTLET, |o| o.id.as_str())
            };
            let routes: Vec<String> = c
                .routes
                .iter()
                .map(|r| match r.as_slice() {
                    [one] => format!("\"{}\"", id(*one)),
                    hops => format!(
                        "[{}]",
                        hops.iter()
                            .map(|&h| format!("\"{}\"", id(h)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                })
                .collect();
            let _ = writeln!(t, "via = [{}]", routes.join(", "));
        }
        if let Some(said) = c.said {
            let _ = writeln!(t, "said = {said}");
        }
        if let Some(h) = c.hedge {
            let _ = writeln!(t, "hedge = {}", quoted(h));
        }
        let _ = writeln!(t, "kind = \"{}\"", c.kind);
        if c.key {
            t.push_str("key = true\n");
        }
    }
}
