//! `claimtrail trace` (one claim's trail) and `claimtrail claims` (every
//! claim id with its appearances, roots and drift); also the drift
//! diagnostics `check` reports.

use super::{Error, Exit, Run};
use crate::config::TraceFormat;
use crate::diag::{self, Diagnostic, Note, make};
use crate::load;
use crate::model::Outlets;
use crate::render::{self, Format, graph, views};
use crate::trail::{self, ArticleFacts, Trail};
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
    // Keep only this claim's facts, and each article's nearest id for "did you mean".
    let loaded = run.load(&opts, |a, _, _| {
        let facts = trail::facts(&a, |id| id == claim);
        let near = if facts.claims.is_empty() {
            diag::closest(claim, a.claims.iter().map(|c| c.id.as_str())).map(str::to_string)
        } else {
            None
        };
        (facts, near)
    });
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let (facts, near): (Vec<ArticleFacts>, Vec<Option<String>>) = loaded.items.into_iter().unzip();
    let apps: Vec<_> = facts
        .iter()
        .flat_map(|a| a.claims.iter().map(move |c| (a, c)))
        .collect();
    if apps.is_empty() {
        let near: Vec<String> = near.into_iter().flatten().collect();
        let hint = diag::did_you_mean(claim, near.iter().map(String::as_str))
            .unwrap_or_else(|| "`claimtrail claims` lists the claim ids".to_string());
        return Err(Error::Usage(format!(
            "no claim `{claim}` in the corpus; {hint}"
        )));
    }
    let t = trail::trail(claim, &apps, &loaded.outlets);
    match format {
        TraceFormat::Text(Format::Json) => render::write_json(out, &t)?,
        TraceFormat::Text(f) => {
            render::write_doc(out, &views::trail(&t, &loaded.outlets), f, run.config.term)?
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
    let loaded = run.load(&opts, |a, _, _| trail::facts(&a, |_| true));
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let list: Vec<_> = trail::trails(&loaded.items, &loaded.outlets)
        .iter()
        .map(trail::summary)
        .filter(|s| !tracked || s.articles >= 2)
        .filter(|s| !drift || s.drift > 0)
        .collect();
    match format {
        Format::Json => render::write_json(out, &list)?,
        f => render::write_doc(
            out,
            &views::claims(&list, &loaded.outlets),
            f,
            run.config.term,
        )?,
    }
    Ok(status)
}

/// Drift findings as diagnostics, located at the later appearance with a note
/// pointing at the earlier one.
pub(crate) fn drift_diagnostics(facts: &[ArticleFacts], outlets: &Outlets) -> Vec<Diagnostic> {
    let trails: Vec<Trail> = trail::trails(facts, outlets);
    let mut out = Vec::new();
    for t in &trails {
        for f in &t.findings {
            let at = &t.appearances[f.at];
            let earlier = &t.appearances[f.earlier];
            let d = make::drift(f.code, format!("claim `{}`: {}", t.id, f.message))
                .at(&at.file, load::snippet_at(&at.file, at.pos))
                .note({
                    let message = format!("earlier appearance in {}", earlier.article);
                    match load::snippet_at(&earlier.file, earlier.pos) {
                        Some(snippet) => Note::at(message, &earlier.file, snippet),
                        None => Note::at_position(
                            message,
                            &earlier.file,
                            earlier.pos.line,
                            earlier.pos.column,
                        ),
                    }
                });
            out.push(d);
        }
    }
    out
}
