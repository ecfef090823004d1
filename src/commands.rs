//! The commands: each loads what it needs, computes once, and hands the values
//! to a renderer. Exit status is decided here and mapped to a process exit code
//! only in `main`.

use crate::config::{CheckFormat, Command, Config};
use crate::diag::{Diagnostic, Severity};
use crate::load::{self, LoadOptions, Loaded};
use crate::metrics::{self, ArticleRow};
use crate::render::{self, Format, diagnostics as diag_render, views};
use crate::settings::{self, Settings};
use crate::{lint, sources};
use std::io::{self, Write};
use std::path::PathBuf;

/// How a run ended, short of failing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Nothing wrong.
    Success,
    /// The corpus has errors (or `--check` found differences).
    Findings,
}

/// A run that could not be carried out: bad usage or an I/O failure.
#[derive(Debug)]
pub enum Error {
    Usage(String),
    Io(io::Error),
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Usage(s) => f.write_str(s),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

pub fn run(config: &Config, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Error> {
    let (settings, settings_diags) = load_settings(config)?;
    match &config.command {
        Command::Check {
            paths,
            format,
            deny_warnings,
        } => check(
            config,
            &settings,
            settings_diags,
            paths,
            *format,
            *deny_warnings,
            out,
            err,
        ),
        Command::Report {
            paths,
            format,
            article,
        } => {
            let opts = load_options(config, &settings, paths)?;
            match article {
                Some(id) => explain(
                    config,
                    &settings,
                    settings_diags,
                    &opts,
                    id,
                    *format,
                    out,
                    err,
                ),
                None => report(config, &settings, settings_diags, &opts, *format, out, err),
            }
        }
        Command::Sources { paths, format } => {
            let opts = load_options(config, &settings, paths)?;
            let loaded = load::load(&opts, |a, _, _| sources::partial(&a));
            let status =
                report_problems(config, &settings, settings_diags, &loaded.diagnostics, err)?;
            let rep = sources::merge(loaded.items, &loaded.outlets);
            match format {
                Format::Json => render::write_json(out, &rep)?,
                f => render::write_doc(out, &views::sources(&rep), *f, config.term)?,
            }
            Ok(status)
        }
    }
}

fn load_settings(config: &Config) -> Result<(Settings, Vec<Diagnostic>), Error> {
    let path = match &config.settings {
        Some(p) => Some(p.clone()),
        None => settings::find(&config.cwd),
    };
    match path {
        Some(p) => settings::read(&p)
            .map_err(|e| Error::Usage(format!("cannot read settings file `{}`: {e}", p.display()))),
        None => Ok((Settings::default(), Vec::new())),
    }
}

fn load_options(
    config: &Config,
    settings: &Settings,
    paths: &[PathBuf],
) -> Result<LoadOptions, Error> {
    for p in paths {
        if std::fs::metadata(p).is_err() {
            return Err(Error::Usage(format!(
                "`{}` does not exist; give the folder of your annotations (default: claims)",
                p.display()
            )));
        }
    }
    Ok(LoadOptions {
        paths: paths.to_vec(),
        max_file_size: config
            .max_file_size
            .or(settings.max_file_size)
            .unwrap_or(load::DEFAULT_MAX_FILE_SIZE),
    })
}

/// The diagnostics a run ends with, policy applied, in a stable order.
fn finish_diagnostics(settings: &Settings, mut all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    all = settings.policy.apply(all);
    load::sort_diagnostics(&mut all);
    all
}

/// For report commands: errors go to stderr (warnings are `check`'s business),
/// and make the run end with findings.
fn report_problems(
    config: &Config,
    settings: &Settings,
    settings_diags: Vec<Diagnostic>,
    diagnostics: &[Diagnostic],
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let mut all = settings_diags;
    all.extend(diagnostics.iter().cloned());
    let all = finish_diagnostics(settings, all);
    let errors: Vec<&Diagnostic> = all
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for d in &errors {
        writeln!(err, "{}", diag_render::human(d, config.color_err))?;
    }
    if errors.is_empty() {
        Ok(Exit::Success)
    } else {
        writeln!(
            err,
            "{} error{} in the corpus; run `claimtrail check` for details",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        )?;
        Ok(Exit::Findings)
    }
}

#[allow(clippy::too_many_arguments)]
fn check(
    config: &Config,
    settings: &Settings,
    settings_diags: Vec<Diagnostic>,
    paths: &[PathBuf],
    format: CheckFormat,
    deny_warnings: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let mut settings = settings.clone();
    settings.policy.deny_warnings |= deny_warnings;
    let opts = load_options(config, &settings, paths)?;
    let loaded: Loaded<()> = load::load(&opts, |article, ctx, outlets| {
        lint::check_article(&article, outlets, ctx);
    });
    let mut all = settings_diags;
    all.extend(loaded.diagnostics);
    let all = finish_diagnostics(&settings, all);
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
    match format {
        CheckFormat::Human => {
            if !config.quiet {
                for d in &all {
                    writeln!(out, "{}", diag_render::human(d, config.term.color))?;
                }
            }
            writeln!(out, "{summary}")?;
        }
        CheckFormat::Json => {
            diag_render::json(out, &all)?;
            writeln!(err, "{summary}")?;
        }
        CheckFormat::Github => {
            diag_render::github(out, &all)?;
            writeln!(err, "{summary}")?;
        }
    }
    Ok(if errors > 0 {
        Exit::Findings
    } else {
        Exit::Success
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[derive(serde::Serialize)]
struct ReportJson<'a> {
    articles: &'a [ArticleRow],
    total: &'a ArticleRow,
}

fn report(
    config: &Config,
    settings: &Settings,
    settings_diags: Vec<Diagnostic>,
    opts: &LoadOptions,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let weights = &settings.weights;
    let loaded = load::load(opts, |a, _, outlets| {
        metrics::article_row(&a, outlets, weights)
    });
    let status = report_problems(config, settings, settings_diags, &loaded.diagnostics, err)?;
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
            config.term,
        )?,
    }
    Ok(status)
}

#[allow(clippy::too_many_arguments)]
fn explain(
    config: &Config,
    settings: &Settings,
    settings_diags: Vec<Diagnostic>,
    opts: &LoadOptions,
    id: &str,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let weights = &settings.weights;
    let loaded = load::load(opts, |a, _, outlets| {
        (a.id == id).then(|| metrics::explain(&a, outlets, weights))
    });
    let status = report_problems(config, settings, settings_diags, &loaded.diagnostics, err)?;
    let Some(e) = loaded.items.into_iter().flatten().next() else {
        return Err(Error::Usage(format!(
            "no article `{id}` in the corpus; `claimtrail report` lists the article ids"
        )));
    };
    match format {
        Format::Json => render::write_json(out, &e)?,
        f => render::write_doc(
            out,
            &views::explanation(&e, &loaded.outlets),
            f,
            config.term,
        )?,
    }
    Ok(status)
}
