//! The commands: each loads what it needs, computes once, and hands the values
//! to a renderer. Exit status is decided here and mapped to a process exit code
//! only in `main`. One file per command family.

mod agree;
mod check;
mod draft;
mod edit;
mod export;
mod report;
pub(crate) mod trace;

use crate::diag::{Code, Diagnostic, Level, Severity};
use crate::load::{self, FileCtx, LoadOptions, Loaded};
use crate::model::{Article, Outlets};
use crate::options::{CheckFormat, Command, Config};
use crate::progress::{Progress, Silent};
use crate::render::diagnostics as diag_render;
use crate::settings::{self, Settings};
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
            // Messages quote ids from the corpus and the command line.
            Error::Usage(s) => f.write_str(&crate::render::escape::visible(s)),
            Error::Io(e) => f.write_str(&crate::render::escape::visible(&e.to_string())),
        }
    }
}

/// What every command starts from: the configuration and the settings file.
pub(crate) struct Run<'a> {
    pub config: &'a Config,
    pub settings: Settings,
    /// Problems in `claimtrail.toml`, reported with the corpus's.
    pub settings_diags: Vec<Diagnostic>,
    pub progress: &'a dyn Progress,
}

pub fn run(config: &Config, out: &mut dyn Write, err: &mut dyn Write) -> Result<Exit, Error> {
    run_with_progress(config, out, err, &Silent)
}

/// `run`, telling `progress` how far loading the corpus has got.
pub fn run_with_progress(
    config: &Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: &dyn Progress,
) -> Result<Exit, Error> {
    let (settings, settings_diags) = load_settings(config)?;
    // `schema` and `new` do not read the settings; every other command
    // refuses to run on settings it cannot take as written.
    let uses_settings = !matches!(config.command, Command::Schema { .. } | Command::New(_));
    if uses_settings && !settings_diags.is_empty() {
        return Err(bad_settings(config, &settings, &settings_diags, out, err)?);
    }
    let mut run = Run {
        config,
        settings,
        settings_diags,
        progress,
    };
    match &config.command {
        Command::Check {
            paths,
            format,
            deny_warnings,
            focus,
        } => {
            run.settings.policy.deny_warnings |= *deny_warnings;
            check::check(&mut run, paths, *format, focus, out)
        }
        Command::Report { paths, format } => report::report(&mut run, paths, *format, out, err),
        Command::ReportArticle { paths, id, format } => {
            report::explain(&mut run, paths, id, *format, out, err)
        }
        Command::ReportSnapshot { paths, target } => {
            report::snapshot(&mut run, paths, target, out, err)
        }
        Command::Sources { paths, format } => report::sources(&mut run, paths, *format, out, err),
        Command::Trace {
            claim,
            paths,
            format,
        } => trace::trace(&mut run, claim, paths, *format, out, err),
        Command::Claims {
            paths,
            format,
            tracked,
            drift,
            search,
        } => trace::claims(
            &mut run,
            paths,
            *format,
            trace::Filter {
                tracked: *tracked,
                drift: *drift,
                search: search.as_deref(),
            },
            out,
            err,
        ),
        Command::Schema { kind } => edit::schema(*kind, out),
        Command::New(args) => edit::new_article(args, err),
        Command::Fmt { paths, check } => edit::fmt(&mut run, paths, *check, out, err),
        Command::Draft(args) => draft::draft(&run, args, out, err),
        Command::Agree { a, b, json, min_f1 } => agree::agree(a, b, *json, *min_f1, out, err),
        Command::Export { paths, format } => export::export(&mut run, paths, format, out, err),
        Command::ExportSql => export::sql(out),
        Command::ImportCsv(args) => export::import_csv(args, err),
    }
}

/// A settings file with problems: each shown (as `check --format json` or
/// `github` asks, on standard output; otherwise on standard error), then the
/// usage error that names the file.
fn bad_settings(
    config: &Config,
    settings: &Settings,
    diags: &[Diagnostic],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Error, Error> {
    match &config.command {
        Command::Check {
            format: CheckFormat::Json,
            ..
        } => diag_render::json(out, diags)?,
        Command::Check {
            format: CheckFormat::Github,
            ..
        } => diag_render::github(out, diags)?,
        _ => {
            for d in diags {
                writeln!(err, "{}\n", diag_render::human(d, config.color_err))?;
            }
        }
    }
    let file = settings
        .file
        .as_deref()
        .map(crate::corpus::display)
        .unwrap_or_else(|| crate::corpus::CONFIG_FILE.to_string());
    Ok(Error::Usage(format!(
        "the settings file `{file}` has {} problem{}; fix it, or name another with --config FILE",
        diags.len(),
        plural(diags.len())
    )))
}

fn load_settings(config: &Config) -> Result<(Settings, Vec<Diagnostic>), Error> {
    let path = match &config.settings {
        Some(p) => Some(p.clone()),
        // Found from the corpus's absolute path; named from the current
        // folder where it is below it, as the corpus's files are.
        None => crate::corpus::find_settings(config.command.paths(), &config.cwd).map(|p| {
            let cwd = std::fs::canonicalize(&config.cwd).unwrap_or_else(|_| config.cwd.clone());
            match p.strip_prefix(&cwd) {
                Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
                _ => p,
            }
        }),
    };
    match path {
        Some(p) => settings::read(&p)
            .map_err(|e| Error::Usage(format!("cannot read settings file `{}`: {e}", p.display()))),
        None => Ok((Settings::default(), Vec::new())),
    }
}

impl Run<'_> {
    /// Load the corpus (see `load::load`), reporting progress as files are done.
    pub fn load<T, F>(&self, opts: &LoadOptions, per_article: F) -> Loaded<T>
    where
        T: Send,
        F: Fn(Article, &mut FileCtx, &Outlets) -> T + Sync,
    {
        self.load_in_chunks(opts, usize::MAX, per_article, &mut |_| {})
    }

    /// `load`, handing each `chunk` files' results to `per_chunk` as they
    /// come (see `load::load_in_chunks`).
    pub fn load_in_chunks<T, F>(
        &self,
        opts: &LoadOptions,
        chunk: usize,
        per_article: F,
        per_chunk: &mut (dyn FnMut(&mut [&mut T]) + Send),
    ) -> Loaded<T>
    where
        T: Send,
        F: Fn(Article, &mut FileCtx, &Outlets) -> T + Sync,
    {
        let progress = self.progress;
        let loaded = load::load_in_chunks(
            opts,
            &|done, total| progress.files(done, total),
            chunk,
            per_article,
            per_chunk,
        );
        progress.finish();
        loaded
    }

    /// Load options for the given paths; a path that does not exist is a usage error.
    pub fn load_options(&self, paths: &[PathBuf]) -> Result<LoadOptions, Error> {
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
            max_file_size: self
                .config
                .max_file_size
                .or(self.settings.max_file_size)
                .unwrap_or(load::DEFAULT_MAX_FILE_SIZE),
            allowed: Code::ALL
                .iter()
                .copied()
                .filter(|&c| self.settings.policy.level(c) == Level::Allow)
                .collect(),
        })
    }

    /// The diagnostics a run ends with: the settings file's and the given
    /// ones, policy applied, in a stable order.
    pub fn finish_diagnostics(&mut self, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
        self.finish_parts(vec![found])
    }

    /// `finish_diagnostics` of several lists, which are not joined first:
    /// each diagnostic is moved once, into its place in the result.
    pub fn finish_parts(&mut self, mut parts: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
        parts.insert(0, std::mem::take(&mut self.settings_diags));
        for part in &mut parts {
            self.settings.policy.apply_in_place(part);
        }
        crate::diag::sorted(parts)
    }

    /// For commands other than `check`: errors go to stderr (warnings are
    /// `check`'s business) and make the run end with findings.
    pub fn report_errors(
        &mut self,
        found: &[Diagnostic],
        err: &mut dyn Write,
    ) -> Result<Exit, Error> {
        let all = self.finish_diagnostics(found.to_vec());
        let errors: Vec<&Diagnostic> = all
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        for d in &errors {
            writeln!(err, "{}", diag_render::human(d, self.config.color_err))?;
        }
        if errors.is_empty() {
            return Ok(Exit::Success);
        }
        writeln!(
            err,
            "{} error{} in the corpus; run `claimtrail check` for details",
            errors.len(),
            plural(errors.len())
        )?;
        Ok(Exit::Findings)
    }
}

pub(crate) use crate::render::plural;
