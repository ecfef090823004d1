//! `claimtrail draft`: an article's text turned into a draft annotation that a
//! person confirms, fixes and trims. The flow: [`input`] reads text or HTML
//! (an HTML page first measured by [`page_cost`]),
//! [`segment`] numbers the sentences, [`extract`] finds speakers (kept in a
//! [`roster`] by name, and cutting a sentence of two propositions in two
//! with [`split`]), routes,
//! hedges, dates and quotes with the [`lexicon`](crate::lexicon) of the article's language,
//! [`matching`] joins them to the corpus, and [`write`] writes the file. No
//! I/O here beyond what the caller hands in; the command writes the result.

pub mod extract;
pub mod input;
pub mod matching;
pub mod page_cost;
pub mod roster;
pub mod segment;
pub mod split;
pub mod words;
pub mod write;

use crate::diag::did_you_mean;
use crate::lexicon::{LANGUAGES, Lexicon};
use crate::model::{Article, Outlets};
use chrono::NaiveDate;
use input::Input;
use matching::{CorpusIndex, STRONG};
use std::collections::HashSet;

/// What the command line says about one draft.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// An outlet id of the registry.
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    /// An ISO 639-1 code; detected when absent.
    pub language: Option<String>,
}

/// The corpus a draft is written for.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    outlets: Outlets,
    outlet_names: extract::OutletNames,
    index: CorpusIndex,
}

impl Corpus {
    /// The registry drafts are checked against.
    pub fn outlets(&self) -> &Outlets {
        &self.outlets
    }

    /// The registry and the corpus's articles, indexed once for every draft.
    pub fn new(outlets: Outlets, articles: &[Article]) -> Corpus {
        Corpus {
            outlet_names: extract::OutletNames::new(&outlets),
            index: CorpusIndex::new(articles),
            outlets,
        }
    }
}

/// Draft one article. `file` names it in the header comment. The error says
/// what was wrong with the input or the options.
pub fn draft(input: &Input, file: &str, opts: &Options, corpus: &Corpus) -> Result<String, String> {
    let (language, detected) = match &opts.language {
        Some(l) => {
            let l = l.to_lowercase();
            if !LANGUAGES.contains(&l.as_str()) {
                return Err(format!(
                    "no lexicon for language `{l}`; claimtrail drafts {}",
                    LANGUAGES.join(", ")
                ));
            }
            (l, false)
        }
        None => (detect(&input.text)?, true),
    };
    let lex = Lexicon::get(&language).ok_or_else(|| format!("no lexicon for `{language}`"))?;
    let seg = segment::segment(&input.text, lex, input.title.is_some());
    if seg.sentences.is_empty() {
        return Err("no sentences found in the text".into());
    }
    let outlet = outlet(opts, corpus, seg.dateline.as_deref(), &input.text)?;
    let published = opts.published.or_else(|| {
        input
            .published
            .as_deref()
            .and_then(|p| p.get(..10))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    });
    let known_name_word = |w: &str| corpus.index.knows_name_word(w);
    let ctx = extract::Context {
        lex,
        outlets: &corpus.outlets,
        own_outlet: Some(outlet.as_str()),
        published,
        outlet_names: &corpus.outlet_names,
        known_name_word: &known_name_word,
    };
    let mut ex = extract::extract(&seg.sentences, &ctx);
    for sp in &mut ex.speakers {
        corpus.index.join_speaker(sp);
    }
    // A statement cannot be dated after the article.
    if let Some(p) = published {
        for c in &mut ex.claims {
            if c.said.is_some_and(|d| d > p) {
                c.confirm.push(format!(
                    "a date after publication was found ({})",
                    c.said.unwrap_or(p)
                ));
                c.said = None;
            }
        }
    }
    let source_ids = unique_ids(ex.speakers.iter().map(|s| s.id.clone()));
    let mut used: HashSet<String> = HashSet::new();
    let mut written = Vec::new();
    for c in &ex.claims {
        let likeness_of = c.content.as_deref().unwrap_or(&c.text);
        let similar = corpus.index.similar(likeness_of, c.quote.as_deref(), 3);
        let strong = similar
            .iter()
            .find(|s| s.score >= STRONG && !used.contains(&s.id))
            .map(|s| s.id.clone());
        let (id, joined) = match strong {
            Some(id) => (id, true),
            None => (claim_id(&c.text, c.sentence), false),
        };
        let id = {
            let mut id = id;
            let mut k = 2;
            let base = id.clone();
            while used.contains(&id) {
                id = format!("{base}-{k}");
                k += 1;
            }
            id
        };
        used.insert(id.clone());
        written.push(write::Written {
            claim: c,
            id,
            similar,
            joined,
        });
    }
    let title = input
        .title
        .clone()
        .or(seg.headline.clone())
        .unwrap_or_else(|| {
            let first = &seg.sentences[0].text;
            first.chars().take(80).collect()
        });
    let mut notes = Vec::new();
    if published.is_none() {
        notes
            .push("No publication date given: weekday dates (\"on Tuesday\") are left out.".into());
    }
    let header = write::Header {
        file: file.to_string(),
        title,
        outlet,
        url: input.url.clone(),
        published,
        language,
        language_detected: detected,
        byline: input.byline.clone(),
        notes,
    };
    Ok(write::write(&header, &ex, &source_ids, &written))
}

/// How much of a text its language is told from: its first 2 KB, some 300
/// words, far more than the trigram counts need to tell the languages apart;
/// the rest of a long article would only cost time.
const DETECTED_FROM: usize = 2048;

/// The language of a text, if claimtrail has a lexicon for it.
pub fn detect(text: &str) -> Result<String, String> {
    use whatlang::Lang;
    let mut end = text.len().min(DETECTED_FROM);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Not in the middle of a word.
    if end < text.len() {
        end = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    }
    let info = whatlang::detect(&text[..end])
        .ok_or_else(|| "the language of the text could not be told; pass --language".to_string())?;
    let code = match info.lang() {
        Lang::Eng => "en",
        Lang::Ind => "id",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Fra => "fr",
        other => {
            return Err(format!(
                "the text looks like {} ({}), which claimtrail has no lexicon for; it drafts {} (pass --language to override)",
                other.eng_name(),
                other.code(),
                LANGUAGES.join(", ")
            ));
        }
    };
    Ok(code.to_string())
}

/// The outlet: `--outlet` checked against the registry, else an outlet the
/// dateline or the first line names.
fn outlet(
    opts: &Options,
    corpus: &Corpus,
    dateline: Option<&str>,
    text: &str,
) -> Result<String, String> {
    let outlets = &corpus.outlets;
    if let Some(o) = &opts.outlet {
        if outlets.checked && outlets.get(o).is_none() {
            let hint = did_you_mean(o, outlets.ids())
                .unwrap_or_else(|| format!("add `[{o}]` to outlets.toml first"));
            return Err(format!(
                "unknown outlet `{o}`: it is not in the registry; {hint}"
            ));
        }
        return Ok(o.clone());
    }
    let head: String = dateline
        .map(str::to_string)
        .unwrap_or_else(|| text.chars().take(200).collect())
        .to_lowercase();
    for id in outlets.ids() {
        let Some(o) = outlets.get(id) else { continue };
        for n in std::iter::once(&o.name).chain(&o.aliases) {
            if n.len() > 2 && head.contains(&n.to_lowercase()) {
                return Ok(id.to_string());
            }
        }
    }
    Err(
        "the outlet could not be told from the text; pass --outlet ID (an id from outlets.toml)"
            .into(),
    )
}

/// Ids made unique by a number after the second and later.
fn unique_ids(ids: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    ids.map(|id| {
        let mut out = id.clone();
        let mut k = 2;
        while !seen.insert(out.clone()) {
            out = format!("{id}-{k}");
            k += 1;
        }
        out
    })
    .collect()
}

/// "s3-investigators-examining-possible": the sentence and its first long words.
fn claim_id(text: &str, n: usize) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .take(3)
        .map(str::to_string)
        .collect();
    format!("s{n}-{}", extract::slug(&words.join(" ")))
}
