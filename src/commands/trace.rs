//! `claimtrail trace` (one claim's trail) and `claimtrail claims` (every
//! claim id with its appearances, roots and drift); also the drift
//! diagnostics `check` reports.

use super::{Error, Exit, Run};
use crate::diag::{self, Code, Diagnostic, Note, Snippet, make};
use crate::model::Outlets;
use crate::options::TraceFormat;
use crate::render::{self, Format, graph, views};
use crate::trail::{self, ArticleFacts};
use rayon::prelude::*;
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

pub(crate) fn claims(
    run: &mut Run,
    paths: &[PathBuf],
    format: Format,
    tracked: bool,
    drift: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let opts = run.load_options(paths)?;
    let loaded = run.load(&opts, |a, _, _| trail::counting_facts(&a));
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let outlets = loaded.outlets;
    let list: Vec<_> = trail::summaries(&loaded.items, &outlets)
        .into_iter()
        .filter(|s| !tracked || s.articles >= 2)
        .filter(|s| !drift || s.drift > 0)
        .collect();
    let view = || views::claims(&list, &outlets);
    render::write(out, format, &list, view, run.config.term)?;
    // The summaries borrow the facts; a million small facts are let go in
    // parallel.
    drop(list);
    loaded.items.into_par_iter().for_each(drop);
    Ok(status)
}

/// Drift findings as diagnostics, located at the later appearance with a note
/// pointing at the earlier one; codes in `allowed` are not looked for.
/// `lines` holds, per article, the snippet of each claim's id.
pub(crate) fn drift_diagnostics(
    facts: &[ArticleFacts],
    lines: &[Vec<Snippet>],
    outlets: &Outlets,
    allowed: &[Code],
) -> Vec<Diagnostic> {
    let found = trail::findings(facts, outlets, &|code| !allowed.contains(&code));
    let snippet = |(a, c): trail::Place| -> Option<Snippet> {
        lines.get(a as usize)?.get(c as usize).cloned()
    };
    found
        .into_par_iter()
        .map(|f| {
            let at = &facts[f.at.0 as usize];
            let earlier = &facts[f.earlier.0 as usize];
            let message = format!("earlier appearance in {}", earlier.id);
            let note = match snippet(f.earlier) {
                Some(s) => Note::at(message, &earlier.file, s),
                None => Note::in_file(message, &earlier.file),
            };
            make::drift(f.code, format!("claim `{}`: {}", f.claim, f.message))
                .at(&at.file, snippet(f.at))
                .note(note)
        })
        .collect()
}
