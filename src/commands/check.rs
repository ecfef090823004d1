//! `claimtrail check`: every diagnostic of the corpus, policy applied, then a
//! one-line summary.

use super::{Error, Exit, Run, plural};
use crate::corpus::display;
use crate::diag::{Severity, Snippet};
use crate::lint;
use crate::load::Loaded;
use crate::options::CheckFormat;
use crate::render::diagnostics as diag_render;
use crate::trail::{self, ArticleFacts};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) fn check(
    run: &mut Run,
    paths: &[PathBuf],
    format: CheckFormat,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    let opts = run.load_options(paths)?;
    // Each claim's id line is cut out while the file is at hand, for drift
    // findings to show without reading the file again.
    let loaded: Loaded<(ArticleFacts, Vec<Snippet>)> = run.load(&opts, |article, ctx, outlets| {
        lint::check_article(&article, outlets, ctx);
        let lines = article.claims.iter().map(|c| ctx.snippet(c.pos)).collect();
        // A claim citing an unknown source is left out of drift too: its
        // attribution is the typo's.
        let unresolved: Vec<&str> = article
            .claims
            .iter()
            .filter(|c| ctx.is_unresolved(c.pos))
            .map(|c| c.id.as_str())
            .collect();
        (trail::facts(&article, |id| !unresolved.contains(&id)), lines)
    });
    let (facts, lines): (Vec<ArticleFacts>, Vec<Vec<Snippet>>) = loaded.items.into_iter().unzip();
    let drift = super::trace::drift_diagnostics(&facts, &lines, &loaded.outlets, &opts.allowed);
    // Dropping a million small facts takes a while: share it out.
    rayon::join(
        || facts.into_par_iter().for_each(drop),
        || lines.into_par_iter().for_each(drop),
    );
    let all = run.finish_parts(vec![loaded.diagnostics, drift]);
    let errors = all.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = all.len() - errors;
    let s = loaded.stats;
    let summary = format!(
        "checked {} article{}, {} claim{}, {} outlet{}: {} error{}, {} warning{}",
        s.articles,
        plural(s.articles),
        s.claims,
        plural(s.claims),
        s.outlets,
        plural(s.outlets),
        errors,
        plural(errors),
        warnings,
        plural(warnings)
    );
    let sources = sources_line(run.settings.file.as_deref(), &loaded.registries);
    match format {
        CheckFormat::Human => {
            if !run.config.quiet {
                // Rendering is the costly part of a long list: do it in parallel,
                // into a few large buffers at a time, and write in order.
                let color = run.config.term.color;
                for batch in all.chunks(16_384) {
                    let texts: Vec<String> = batch
                        .par_chunks(256)
                        .map(|chunk| {
                            let mut text = String::with_capacity(chunk.len() * 1024);
                            for d in chunk {
                                diag_render::human_into(&mut text, d, color);
                                text.push_str("\n\n");
                            }
                            text
                        })
                        .collect();
                    for text in texts {
                        out.write_all(text.as_bytes())?;
                    }
                }
            }
            writeln!(out, "{sources}\n{summary}")?;
        }
        CheckFormat::Json => diag_render::json(out, &all)?,
        CheckFormat::Github => {
            diag_render::github(out, &all)?;
            writeln!(out, "{sources}\n{summary}")?;
        }
    }
    // As many diagnostics as a large corpus has are let go in parallel.
    all.into_par_iter().for_each(drop);
    Ok(if errors > 0 {
        Exit::Findings
    } else {
        Exit::Success
    })
}

/// The line above the summary: which settings file and registries the run
/// used, so a policy left behind in another folder does not go unnoticed.
fn sources_line(settings: Option<&Path>, registries: &[PathBuf]) -> String {
    let settings = match settings {
        Some(p) => format!("settings {}", display(p)),
        None => "default settings (no claimtrail.toml)".to_string(),
    };
    let registries = if registries.is_empty() {
        "no registry".to_string()
    } else {
        let list: Vec<String> = registries.iter().map(|p| display(p)).collect();
        format!(
            "registr{} {}",
            if list.len() == 1 { "y" } else { "ies" },
            list.join(", ")
        )
    };
    format!("using {settings}, {registries}")
}
