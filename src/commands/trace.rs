//! `claimtrail trace` (one claim's trail) and `claimtrail claims` (every
//! claim id with its appearances, roots and drift); also the drift
//! diagnostics `check` reports.

use super::{Error, Exit, Run};
use crate::diag::{self, Code, Diagnostic, Note, Snippet, make};
use crate::lines::ClaimLines;
use crate::load::FileCtx;
use crate::model::{Article, Outlets};
use crate::options::TraceFormat;
use crate::render::{self, Format, graph, views};
use crate::search;
use crate::trail::{self, ArticleFacts};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

pub(crate) fn trace(
    run: &mut Run,
    claim: &str,
    paths: &[PathBuf],
    format: TraceFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let opts = run.load_options(paths)?;
    // Keep only this claim's facts.
    let loaded = run.load(&opts, |a, _, _| trail::facts(&a, |id| id == claim));
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let apps: Vec<_> = loaded
        .items
        .iter()
        .flat_map(|a| a.claims.iter().map(move |c| (a, c)))
        .collect();
    if apps.is_empty() {
        // Only now, on the way to an error, look for the nearest id.
        let near = run.load(&opts, |a, _, _| {
            diag::closest(claim, a.claims.iter().map(|c| c.id.as_str())).map(str::to_string)
        });
        let near: Vec<String> = near.items.into_iter().flatten().collect();
        let hint = diag::did_you_mean(claim, near.iter().map(String::as_str))
            .unwrap_or_else(|| "`claimtrail claims` lists the claim ids".to_string());
        return Err(Error::Usage(format!(
            "no claim `{claim}` in the corpus; {hint}"
        )));
    }
    let t = trail::trail(claim, &apps, &loaded.outlets);
    match format {
        TraceFormat::Text(f) => {
            let view = || views::trail(&t, &loaded.outlets);
            render::write(out, f, &t, view, run.config.term)?
        }
        TraceFormat::Dot => graph::dot(out, &t, &loaded.outlets)?,
        TraceFormat::Mermaid => graph::mermaid(out, &t, &loaded.outlets)?,
    }
    Ok(status)
}

/// Which claims `claims` lists.
pub(crate) struct Filter<'a> {
    /// Only claims in two or more articles.
    pub tracked: bool,
    /// Only claims with drift.
    pub drift: bool,
    /// Only claims these words find, ranked.
    pub search: Option<&'a str>,
}

pub(crate) fn claims(
    run: &mut Run,
    paths: &[PathBuf],
    format: Format,
    filter: Filter,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let Filter {
        tracked,
        drift,
        search,
    } = filter;
    let query = match search {
        Some(text) => Some(search::Query::new(text).map_err(Error::Usage)?),
        None => None,
    };
    let opts = run.load_options(paths)?;
    let loaded = run.load(&opts, |a, _, _| {
        let hits = query.as_ref().map(|q| search::hits(q, &a));
        (trail::counting_facts(&a), hits)
    });
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let outlets = loaded.outlets;
    let (facts, hits): (Vec<_>, Vec<_>) = loaded.items.into_par_iter().unzip();
    let matched = query
        .as_ref()
        .map(|q| search::matching(q, hits.into_iter().flatten().flatten()));
    let list: Vec<_> = trail::summaries(&facts, &outlets)
        .into_iter()
        .filter(|s| !tracked || s.articles >= 2)
        .filter(|s| !drift || s.drift > 0)
        .filter(|s| matched.as_ref().is_none_or(|m| m.contains_key(s.id)))
        .collect();
    // An empty table on a terminal says nothing; say so in words. Machine
    // formats still get their empty document.
    if list.is_empty() && format == Format::Table {
        let why = match (search, tracked, drift) {
            (Some(text), ..) => format!("no claim holds every word of \"{text}\""),
            (None, _, true) => "no claim drifted".to_string(),
            (None, true, false) => "no claim appears in two or more articles".to_string(),
            (None, false, false) => "no claims".to_string(),
        };
        writeln!(err, "{}", crate::render::escape::visible(&why))?;
        return Ok(status);
    }
    if let Some(matched) = matched {
        let found = found(run, &opts, list, &matched);
        let view = || views::found(&found, &outlets);
        render::write(out, format, &found, view, run.config.term)?;
        return Ok(status);
    }
    let view = || views::claims(&list, &outlets);
    render::write(out, format, &list, view, run.config.term)?;
    // The summaries borrow the facts; a million small facts are let go in
    // parallel.
    drop(list);
    facts.into_par_iter().for_each(drop);
    Ok(status)
}

/// The claims a search found, ranked, each with its first article and its
/// text there: a second pass over the corpus keeps the texts of the found
/// claims only.
fn found<'a>(
    run: &Run,
    opts: &crate::load::LoadOptions,
    list: Vec<trail::ClaimSummary<'a>>,
    matched: &HashMap<String, search::Matches>,
) -> Vec<search::Found<'a>> {
    let wanted: HashMap<&str, &trail::ClaimSummary> = list.iter().map(|s| (s.id, s)).collect();
    // (claim id) -> (article id, text) of its first appearance: the one in
    // the summary's first outlet and date, the least article id among them
    // (trail order).
    let texts = if wanted.is_empty() {
        Vec::new()
    } else {
        run.load(opts, |a, _, _| {
            a.claims
                .iter()
                .filter(|c| {
                    wanted.get(c.id.as_str()).is_some_and(|s| {
                        s.first_outlet == Some(a.outlet.as_str())
                            && s.first_published == a.published
                    })
                })
                .map(|c| (c.id.clone(), a.id.clone(), c.text.clone()))
                .collect::<Vec<_>>()
        })
        .items
    };
    let mut first: HashMap<String, (String, String)> = HashMap::new();
    for (claim, article, text) in texts.into_iter().flatten() {
        match first.get_mut(&claim) {
            Some(kept) if kept.0 <= article => {}
            Some(kept) => *kept = (article, text),
            None => {
                first.insert(claim, (article, text));
            }
        }
    }
    let mut found: Vec<search::Found> = list
        .into_iter()
        .map(|s| {
            let (first_article, text) = first.remove(s.id).unzip();
            search::Found {
                id: s.id,
                matches: matched.get(s.id).copied().unwrap_or_default(),
                appearances: s.appearances,
                articles: s.articles,
                first_article,
                first_published: s.first_published,
                first_outlet: s.first_outlet,
                first_outlet_name: s.first_outlet_name,
                text,
            }
        })
        .collect();
    search::rank(&mut found);
    found
}

/// What drift is worked out from for one article as it loads: the trail
/// facts of its claims and their id lines, in the same order (see
/// [`drift_facts`]).
pub(crate) fn drift_inputs(article: &Article, ctx: &FileCtx) -> (ArticleFacts, ClaimLines) {
    let facts = drift_facts(article, ctx);
    let lines = ctx.claim_lines(facts.claims.iter().map(|c| c.pos()));
    (facts, lines)
}

/// The trail facts drift is found in, of one article as it loads. A claim
/// citing a source the article does not define is left out: its
/// attribution is the typo's.
pub(crate) fn drift_facts(article: &Article, ctx: &FileCtx) -> ArticleFacts {
    if !ctx.any_unresolved() {
        return trail::facts(article, |_| true);
    }
    let mut unresolved: Vec<&str> = article
        .claims
        .iter()
        .filter(|c| ctx.is_unresolved(c.pos))
        .map(|c| c.id.as_str())
        .collect();
    unresolved.sort_unstable();
    trail::facts(article, |id| unresolved.binary_search(&id).is_err())
}

/// Drift findings as diagnostics, located at the later appearance with a note
/// pointing at the earlier one, each with its claim's id; codes in `allowed`
/// are not looked for, nor claims that `claims` refuses. `lines` holds, per
/// article, the snippet of each claim's id.
pub(crate) fn drift_diagnostics<'a>(
    facts: &'a [ArticleFacts],
    lines: &[ClaimLines],
    outlets: &Outlets,
    allowed: &[Code],
    claims: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<(&'a str, Diagnostic)> {
    let mut found = trail::findings(facts, outlets, &|code| !allowed.contains(&code));
    found.retain(|f| claims(f.claim));
    let snippet = |(a, c): trail::Place| lines.get(a as usize)?.get(c as usize);
    found
        .into_par_iter()
        .map(|f| (f.claim, drift_diagnostic(&f, facts, &snippet, outlets)))
        .collect()
}

/// A drift finding as a diagnostic: at the later appearance's claim id line,
/// with a note at the earlier one's; `snippet` gives a claim's id line.
pub(crate) fn drift_diagnostic(
    f: &trail::Finding,
    facts: &[ArticleFacts],
    snippet: &dyn Fn(trail::Place) -> Option<Snippet>,
    outlets: &Outlets,
) -> Diagnostic {
    let at = &facts[f.at.0 as usize];
    let earlier = &facts[f.earlier.0 as usize];
    let message = make::earlier_appearance(&earlier.id);
    let note = match snippet(f.earlier) {
        Some(s) => Note::at(message, &earlier.file, s),
        None => Note::in_file(message, &earlier.file),
    };
    make::drift(f.code, f.claim, &f.message(facts, outlets))
        .at(&at.file, snippet(f.at))
        .note(note)
}
