//! `claimtrail export` (the corpus as Parquet tables, JSON-LD, PROV-O or a
//! CSV sheet; `--sql` the queries over the tables) and `claimtrail import
//! csv`.

use super::{Error, Exit, Run};
use crate::export::{self, tables};
use crate::import;
use crate::load::LoadOptions;
use crate::options::{ExportFormat, ImportCsv};
use crate::trail;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) fn export(
    run: &mut Run,
    paths: &[PathBuf],
    format: &ExportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let opts = run.load_options(paths)?;
    if let ExportFormat::Parquet { dir } = format {
        return parquet(run, &opts, dir, err);
    }
    let weights = &run.settings.weights.clone();
    let loaded = run.load(&opts, |a, _, outlets| {
        tables::article_tables(a, outlets, weights)
    });
    // Tables of a corpus with errors would be wrong: nothing is written.
    if run.report_errors(&loaded.diagnostics, err)? == Exit::Findings {
        writeln!(err, "nothing was exported")?;
        return Ok(Exit::Findings);
    }
    let t = tables::Tables::new(loaded.items, &loaded.outlets, weights);
    match format {
        ExportFormat::Parquet { .. } => {}
        ExportFormat::JsonLd | ExportFormat::Prov => {
            let trails = trail::trails(&t.facts, &loaded.outlets);
            let doc = if *format == ExportFormat::JsonLd {
                export::jsonld::document(&t, &trails, &loaded.outlets)
            } else {
                export::prov::document(&t, &trails, &loaded.outlets)
            };
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        ExportFormat::Csv => export::csv::write(out, &t)?,
    }
    free(t);
    Ok(Exit::Success)
}

/// `export --format parquet`: the large tables are written as the corpus
/// loads, into a new folder that takes `dir`'s place once all are written.
fn parquet(
    run: &mut Run,
    opts: &LoadOptions,
    dir: &Path,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let cannot =
        |e: std::io::Error| Error::Usage(format!("cannot export to `{}`: {e}", dir.display()));
    let staged = export::Staged::begin(dir).map_err(cannot)?;
    let mut stream = export::parquet::Stream::create(staged.path()).map_err(cannot)?;
    let weights = &run.settings.weights.clone();
    let loaded = run.load_in_chunks(
        opts,
        export::parquet::CHUNK,
        |a, _, outlets| tables::article_tables(a, outlets, weights),
        &mut |chunk| stream.take(chunk),
    );
    let held = stream.loaded();
    // Tables of a corpus with errors would be wrong: nothing is written
    // (the new folder goes with `staged`).
    if run.report_errors(&loaded.diagnostics, err)? == Exit::Findings {
        writeln!(err, "nothing was exported")?;
        return Ok(Exit::Findings);
    }
    let held = held.map_err(cannot)?;
    let t = tables::Tables::new(loaded.items, &loaded.outlets, weights);
    let claims = held.claims();
    held.finish(staged.path(), &t, &loaded.outlets)
        .map_err(cannot)?;
    staged.commit().map_err(cannot)?;
    writeln!(
        err,
        "exported {} articles, {} claims to `{}`",
        t.articles.len(),
        claims,
        dir.display()
    )?;
    free(t);
    Ok(Exit::Success)
}

/// Millions of rows are freed on both cores, not one.
fn free(t: tables::Tables) {
    let tables::Tables {
        articles, facts, ..
    } = t;
    rayon::join(
        || articles.into_par_iter().for_each(drop),
        || facts.into_par_iter().for_each(drop),
    );
}

pub(crate) fn sql(out: &mut dyn Write) -> Result<Exit, Error> {
    out.write_all(export::sql_script().as_bytes())?;
    Ok(Exit::Success)
}

pub(crate) fn import_csv(args: &ImportCsv, err: &mut dyn Write) -> Result<Exit, Error> {
    let done = import::csv(args).map_err(Error::Usage)?;
    for d in &done.problems {
        writeln!(err, "{d}")?;
    }
    writeln!(
        err,
        "imported {} article{} ({} claim{}) into `{}`; {} row{} not imported",
        done.articles,
        super::plural(done.articles),
        done.claims,
        super::plural(done.claims),
        args.out.display(),
        done.rejected_rows,
        super::plural(done.rejected_rows),
    )?;
    Ok(if done.problems.is_empty() {
        Exit::Success
    } else {
        Exit::Findings
    })
}
