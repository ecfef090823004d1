//! `claimtrail agree A B`: load both annotations (each with the registry that
//! serves its folder), compare them, and print the figures as a table or JSON.
//! `--min-f1` turns a low claims F1 into exit status 1, for CI.

use super::{Error, Exit};
use crate::agree;
use crate::corpus::{display, registry_for};
use crate::diag::Severity;
use crate::load;
use crate::model::{Article, Outlets};
use crate::render::diagnostics as diag_render;
use std::io::Write;
use std::path::Path;

pub(crate) fn agree(
    a: &Path,
    b: &Path,
    json: bool,
    min_f1: Option<f64>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let aa = article(a, err)?;
    let bb = article(b, err)?;
    let g = agree::agree(&aa, &bb);
    if json {
        crate::render::write_json(out, &g)?;
    } else {
        agree::table::write(out, &g)?;
    }
    if let Some(min) = min_f1 {
        let f1 = g.claims.f1.unwrap_or(0.0);
        if f1 < min {
            writeln!(err, "claims F1 {f1:.2} is below --min-f1 {min}")?;
            return Ok(Exit::Findings);
        }
    }
    Ok(Exit::Success)
}

fn article(path: &Path, err: &mut dyn Write) -> Result<Article, Error> {
    let name = display(path);
    let text = load::read_text(path, load::DEFAULT_MAX_FILE_SIZE)
        .map_err(|d| Error::Usage(format!("{name}: {}", d.message)))?;
    let mut diags = Vec::new();
    let outlets = match registry_for(path) {
        Some(r) => load::load_registry(&r, load::DEFAULT_MAX_FILE_SIZE, &mut diags),
        None => Outlets::default(),
    };
    let id = path
        .file_stem()
        .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned());
    let (art, found) = load::article_from_text(&text, &name, &id, &outlets);
    diags.extend(found);
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for d in &errors {
        writeln!(err, "{}", diag_render::human(d, false))?;
    }
    match art {
        Some(a) if errors.is_empty() => Ok(a),
        _ => Err(Error::Usage(format!(
            "`{name}` has errors; fix them (`claimtrail check {name}`) before comparing"
        ))),
    }
}
