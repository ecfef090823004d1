//! The commands that help write annotation files rather than read them:
//! `claimtrail schema` (for editors), `claimtrail new` (a file from a template)
//! and `claimtrail fmt` (one layout for every file). The two that write go
//! through `atomic`, and `fmt` writes only what it has proved to mean the same.

use super::{Error, Exit, Run, plural};
use crate::atomic;
use crate::diag::{Severity, did_you_mean};
use crate::layout::{self, FileKind};
use crate::load::{self, LoadOptions};
use crate::model::Article;
use crate::new::{self, Fields};
use crate::options::NewArticle;
use crate::raw;
use crate::render;
use crate::schema::{self, SchemaKind};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub(crate) fn schema(kind: SchemaKind, out: &mut dyn Write) -> Result<Exit, Error> {
    render::write_json(out, &schema::schema(kind))?;
    Ok(Exit::Success)
}

pub(crate) fn new_article(args: &NewArticle, err: &mut dyn Write) -> Result<Exit, Error> {
    let path = &args.path;
    if path.extension().is_none_or(|e| e != "toml") {
        return Err(Error::Usage(format!(
            "`{}` does not end in `.toml`; claimtrail reads only `.toml` files",
            path.display()
        )));
    }
    if path
        .file_name()
        .is_some_and(|n| n == crate::corpus::REGISTRY_FILE || n == crate::corpus::CONFIG_FILE)
    {
        return Err(Error::Usage(format!(
            "`{}` is a reserved name; choose another file name for the article",
            path.display()
        )));
    }
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::Usage(exists(path)));
    }
    for (flag, value) in [("--title", &args.title), ("--outlet", &args.outlet)] {
        if value.trim().is_empty() {
            return Err(Error::Usage(format!("{flag} is empty")));
        }
    }
    let published = args
        .published
        .as_deref()
        .map(new::parse_date)
        .transpose()
        .map_err(|e| Error::Usage(format!("--published: {e}")))?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match registry_ids(&folder) {
        Some((registry, Ok(ids))) => {
            if !ids.iter().any(|id| id == &args.outlet) {
                let hint = did_you_mean(&args.outlet, ids.iter().map(String::as_str))
                    .unwrap_or_else(|| format!("add `[{}]` to it first", args.outlet));
                return Err(Error::Usage(format!(
                    "unknown outlet `{}`: it is not in `{}`; {hint}",
                    args.outlet,
                    registry.display()
                )));
            }
        }
        Some((registry, Err(e))) => writeln!(
            err,
            "warning: `{}` could not be read ({e}); the outlet was not checked",
            registry.display()
        )?,
        None => writeln!(
            err,
            "warning: no {} at or above `{}`; the outlet was not checked",
            crate::corpus::REGISTRY_FILE,
            folder.display()
        )?,
    }
    let text = new::article_text(&Fields {
        title: &args.title,
        outlet: &args.outlet,
        url: args.url.as_deref(),
        published,
        language: args.language.as_deref(),
        byline: &args.byline,
    });
    std::fs::create_dir_all(&folder)
        .map_err(|e| io_error(format!("cannot create folder `{}`", folder.display()), e))?;
    match atomic::create_new(path, text.as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(exists(path)));
        }
        Err(e) => return Err(io_error(format!("cannot create `{}`", path.display()), e)),
    }
    writeln!(
        err,
        "created `{}`; annotate its sources and claims, then run `claimtrail check`",
        path.display()
    )?;
    Ok(Exit::Success)
}

/// An I/O error with what was being done, and to what, in front of it: the
/// system's own words (`File exists`) do not say which path they are about.
fn io_error(doing: String, e: io::Error) -> Error {
    Error::Io(io::Error::new(e.kind(), format!("{doing}: {e}")))
}

fn exists(path: &Path) -> String {
    format!(
        "`{}` already exists; `claimtrail new` never overwrites a file",
        path.display()
    )
}

/// The outlet ids of the registry that serves `folder` (which may not exist
/// yet), as `check` finds it.
fn registry_ids(folder: &Path) -> Option<(PathBuf, Result<Vec<String>, String>)> {
    let registry = crate::corpus::registry_for(&folder.join("new.toml"))?;
    let ids = load::read_regular(&registry, true)
        .map_err(|e| e.to_string())
        .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "it is not UTF-8".to_string()))
        .and_then(|text| raw::parse_outlets(&text).map_err(|e| e.message().to_string()))
        .map(|f| f.outlets.into_keys().map(|k| k.into_inner()).collect());
    Some((registry, ids))
}

/// One file `fmt` looks at, and what loading it gave.
struct Target {
    path: PathBuf,
    kind: FileKind,
}

pub(crate) fn fmt(
    run: &mut Run,
    paths: &[PathBuf],
    check: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let opts = run.load_options(paths)?;
    let (targets, unreadable) = discover(paths);
    for problem in &unreadable {
        writeln!(err, "error: {}", problem.message)?;
    }
    // Load every file once, as `check` would: a file with errors is not
    // formatted, and the model of each article is what the new text must give.
    let before = load_models(&opts, targets.iter().map(|t| t.path.clone()).collect());
    let mut status = if unreadable.is_empty() {
        Exit::Success
    } else {
        Exit::Findings
    };
    let mut changed = 0;
    let mut refused = 0;
    let mut unwritten = 0;
    for target in &targets {
        let file = target.path.display().to_string();
        let errors = before.errors.get(&key(&target.path)).copied().unwrap_or(0);
        if errors > 0 {
            writeln!(
                err,
                "error: not formatting `{file}`: it has {errors} error{}; run `claimtrail check {file}`",
                plural(errors)
            )?;
            refused += 1;
            status = Exit::Findings;
            continue;
        }
        let bytes = match load::read_regular(&target.path, true) {
            Ok(bytes) => bytes,
            // Put in the file's place since it was loaded.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
                writeln!(err, "error: not formatting `{file}`: {e}")?;
                refused += 1;
                status = Exit::Findings;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let Ok(old) = String::from_utf8(bytes) else {
            writeln!(err, "error: not formatting `{file}`: it is not UTF-8")?;
            refused += 1;
            status = Exit::Findings;
            continue;
        };
        let new = match layout::format(&old, target.kind) {
            Ok(t) => t,
            Err(e) => {
                writeln!(err, "error: not formatting `{file}`: {e}")?;
                refused += 1;
                status = Exit::Findings;
                continue;
            }
        };
        if new == old {
            continue;
        }
        if check {
            changed += 1;
            // The layout keeps the line endings of the file's first line
            // break. A file that mixes them would have lines differ in
            // endings alone: say so in one line, and show only what changes
            // beside them.
            let lf = old.replace("\r\n", "\n");
            let new_lf = new.replace("\r\n", "\n");
            let crlf = new.contains("\r\n");
            let breaks = lf.matches('\n').count();
            let crlf_breaks = old.matches("\r\n").count();
            if (crlf && crlf_breaks < breaks) || (!crlf && crlf_breaks > 0) {
                writeln!(
                    out,
                    "{file}: line endings would change to {} throughout{}",
                    if crlf { "CRLF (\\r\\n)" } else { "LF (\\n)" },
                    if lf == new_lf {
                        ", and nothing else"
                    } else {
                        ""
                    }
                )?;
                if lf == new_lf {
                    status = Exit::Findings;
                    continue;
                }
            }
            let diff = similar::TextDiff::from_lines(&lf, &new_lf);
            write!(
                out,
                "{}",
                diff.unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{file}"), &format!("b/{file}"))
            )?;
            status = Exit::Findings;
            continue;
        }
        if let Err(why) = same_data(&old, &new) {
            return Err(Error::Io(io::Error::other(format!(
                "formatting `{file}` would change its data ({why}); it was left as it is. Please report this as a bug"
            ))));
        }
        // Refused here, the file is left and the others are still formatted.
        if let Err(e) = atomic::check_replaceable(&target.path) {
            writeln!(err, "error: {e}")?;
            unwritten += 1;
            status = Exit::Findings;
            continue;
        }
        let model = before.models.get(&key(&target.path));
        let result = atomic::replace_if_unchanged(
            &target.path,
            old.as_bytes(),
            new.as_bytes(),
            |temp| match (target.kind, model) {
                (FileKind::Article, Some(model)) => same_model(&opts, &target.path, temp, model),
                _ => Ok(()),
            },
        );
        if let Err(e) = result {
            return Err(Error::Io(io::Error::new(
                e.kind(),
                format!("`{file}` was left as it is: {e}"),
            )));
        }
        changed += 1;
    }
    let total = targets.len();
    let summary = if check {
        format!(
            "{changed} of {total} file{} would be reformatted{}",
            plural(total),
            if changed > 0 {
                "; run `claimtrail fmt`"
            } else {
                ""
            }
        )
    } else {
        format!("formatted {changed} of {total} file{}", plural(total))
    };
    let mut notes = String::new();
    if refused > 0 {
        notes.push_str(&format!("; {refused} skipped for errors"));
    }
    if unwritten > 0 {
        notes.push_str(&format!("; {unwritten} could not be written"));
    }
    if !unreadable.is_empty() {
        notes.push_str(&format!("; {} could not be read", unreadable.len()));
    }
    writeln!(err, "{summary}{notes}")?;
    Ok(status)
}

/// The files below the given paths that `fmt` lays out (as `corpus` finds
/// them), each with its kind, and what could not be read.
fn discover(paths: &[PathBuf]) -> (Vec<Target>, Vec<crate::diag::Diagnostic>) {
    let (files, unreadable) = crate::corpus::toml_files(paths);
    let targets = files
        .into_iter()
        .map(|path| Target {
            kind: FileKind::of(&path),
            path,
        })
        .collect();
    (targets, unreadable)
}

/// What loading the files gave: error counts and article models, by file.
struct Before {
    errors: HashMap<PathBuf, usize>,
    models: HashMap<PathBuf, Article>,
}

fn load_models(opts: &LoadOptions, files: Vec<PathBuf>) -> Before {
    let opts = LoadOptions {
        paths: files,
        max_file_size: opts.max_file_size,
        allowed: Vec::new(),
    };
    let loaded = load::load(&opts, |a, _, _| a);
    let mut errors: HashMap<PathBuf, usize> = HashMap::new();
    // Before policy, every format error is an error and no lint is.
    for d in loaded.diagnostics {
        if d.severity == Severity::Error
            && let Some(file) = d.file
        {
            *errors.entry(key(Path::new(&*file))).or_default() += 1;
        }
    }
    let models = loaded
        .items
        .into_iter()
        .map(|a| (key(Path::new(&a.file)), a))
        .collect();
    Before { errors, models }
}

/// Files are matched by their canonical path: the loader may name a file
/// `./outlets.toml` where the user wrote `outlets.toml`.
fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The data of both texts, read as plain TOML, is the same.
fn same_data(old: &str, new: &str) -> Result<(), String> {
    let old: toml::Table = toml::from_str(old).map_err(|e| e.message().to_string())?;
    let new: toml::Table =
        toml::from_str(new).map_err(|e| format!("the new text does not parse: {}", e.message()))?;
    if old == new {
        Ok(())
    } else {
        Err("the values differ".into())
    }
}

/// Load the new text, read back from its temporary file, with the registry the
/// file at `path` loads with, and compare its model with the original's. The
/// temporary file is not loaded by its own path: it sits beside the file a
/// symlink points to, which may be outside the corpus and its registry.
fn same_model(opts: &LoadOptions, path: &Path, temp: &Path, before: &Article) -> io::Result<()> {
    let failed = || io::Error::other("the new text does not load as the old one did");
    let text = String::from_utf8(std::fs::read(temp)?).map_err(|_| failed())?;
    let registry = load::load(
        &LoadOptions {
            paths: vec![path.to_path_buf()],
            max_file_size: opts.max_file_size,
            allowed: Vec::new(),
        },
        |_, _, _| (),
    )
    .outlets;
    let (after, diagnostics) = load::article_from_text(&text, &before.file, &before.id, &registry);
    // Before policy, as in `load_models`: every format error is an error.
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(failed());
    }
    let after = after.ok_or_else(failed)?;
    // The id comes from the file name unless the file sets one.
    let explicit_id = raw::parse_article(&text)
        .ok()
        .is_some_and(|f| f.article.get_ref().id.is_some());
    if comparable(before, explicit_id) == comparable(&after, explicit_id) {
        Ok(())
    } else {
        Err(io::Error::other(
            "the new text loads as a different article; please report this as a bug",
        ))
    }
}

/// An article without what depends on where its text sits: file name and
/// positions (and the path-derived id).
fn comparable(article: &Article, keep_id: bool) -> Article {
    let mut a = article.clone();
    a.file.clear();
    a.pos = Default::default();
    if !keep_id {
        a.id.clear();
    }
    for s in &mut a.sources {
        s.pos = Default::default();
    }
    for c in &mut a.claims {
        c.pos = Default::default();
    }
    a
}
