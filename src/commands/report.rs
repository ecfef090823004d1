//! `claimtrail report` (per article, or one article explained) and
//! `claimtrail sources`.

use super::{Error, Exit, Run};
use crate::diag::did_you_mean;
use crate::load;
use crate::metrics::{self, ArticleRow};
use crate::render::{self, Format, views};
use crate::sources;
use std::io::Write;
use std::path::PathBuf;

/// The JSON shape of `report`.
#[derive(serde::Serialize)]
pub struct ReportJson<'a> {
    pub articles: &'a [ArticleRow],
    pub total: &'a ArticleRow,
}

pub(crate) fn report(
    run: &mut Run,
    paths: &[PathBuf],
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let opts = run.load_options(paths)?;
    let weights = &run.settings.weights;
    let loaded = load::load(&opts, |a, _, outlets| {
        metrics::article_row(&a, outlets, weights)
    });
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let mut rows = loaded.items;
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    let total = metrics::total_row(&rows);
    match format {
        Format::Json => render::write_json(
            out,
            &ReportJson {
                articles: &rows,
                total: &total,
            },
        )?,
        f => render::write_doc(
            out,
            &views::report(&rows, &total, &loaded.outlets),
            f,
            run.config.term,
        )?,
    }
    Ok(status)
}

pub(crate) fn explain(
    run: &mut Run,
    paths: &[PathBuf],
    id: &str,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let opts = run.load_options(paths)?;
    let weights = &run.settings.weights;
    let loaded = load::load(&opts, |a, _, outlets| {
        if a.id == id {
            Ok(metrics::explain(&a, outlets, weights))
        } else {
            Err(a.id)
        }
    });
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let mut others = Vec::new();
    let mut found = None;
    for item in loaded.items {
        match item {
            Ok(e) => found = Some(e),
            Err(other) => others.push(other),
        }
    }
    let Some(e) = found else {
        let hint = did_you_mean(id, others.iter().map(String::as_str))
            .unwrap_or_else(|| "`claimtrail report` lists the article ids".to_string());
        return Err(Error::Usage(format!(
            "no article `{id}` in the corpus; {hint}"
        )));
    };
    match format {
        Format::Json => render::write_json(out, &e)?,
        f => render::write_doc(
            out,
            &views::explanation(&e, &loaded.outlets),
            f,
            run.config.term,
        )?,
    }
    Ok(status)
}

pub(crate) fn sources(
    run: &mut Run,
    paths: &[PathBuf],
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let opts = run.load_options(paths)?;
    let loaded = load::load(&opts, |a, _, _| sources::partial(&a));
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let rep = sources::merge(loaded.items, &loaded.outlets);
    match format {
        Format::Json => render::write_json(out, &rep)?,
        f => render::write_doc(out, &views::sources(&rep), f, run.config.term)?,
    }
    Ok(status)
}
