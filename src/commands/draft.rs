//! `claimtrail draft`: read each input, draft it against the corpus it will
//! join, check the draft loads without errors, and print it or write it
//! through the atomic writer (never over an existing file). A folder of
//! inputs is drafted in parallel.

use super::{Error, Exit, Run};
use crate::atomic;
use crate::corpus::{display, find_registry};
use crate::diag::Severity;
use crate::draft::{self, Corpus, Options, input};
use crate::load::{self, LoadOptions};
use crate::options::DraftArgs;
use rayon::prelude::*;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// One input: a file, or standard input.
enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".into(),
            Source::File(p) => display(p),
        }
    }
}

pub(crate) fn draft(
    run: &Run,
    args: &DraftArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let published = args
        .published
        .as_deref()
        .map(|p| {
            let dt =
                crate::new::parse_date(p).map_err(|e| Error::Usage(format!("--published: {e}")))?;
            let d = dt.date.expect("parse_date gives a date");
            Ok::<_, Error>(chrono::NaiveDate::from_ymd_opt(
                d.year.into(),
                d.month.into(),
                d.day.into(),
            ))
        })
        .transpose()?
        .flatten();
    let mut inputs = Vec::new();
    let mut folder = false;
    for p in &args.paths {
        if p.as_os_str() == "-" {
            inputs.push(Source::Stdin);
        } else if p.is_dir() {
            folder = true;
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Error::Usage(format!("cannot read folder `{}`: {e}", p.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    f.is_file()
                        && f.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                            matches!(e.to_ascii_lowercase().as_str(), "txt" | "html" | "htm")
                        })
                })
                .collect();
            files.sort();
            inputs.extend(files.into_iter().map(Source::File));
        } else if p.exists() {
            inputs.push(Source::File(p.clone()));
        } else {
            return Err(Error::Usage(format!("`{}` does not exist", p.display())));
        }
    }
    if inputs.is_empty() {
        return Err(Error::Usage("no .txt or .html files to draft".into()));
    }
    let many = folder || inputs.len() > 1;
    if many && args.out.is_none() {
        return Err(Error::Usage(
            "several articles need --out DIR, the folder to write one draft per article into"
                .into(),
        ));
    }
    let corpus = load_corpus(run, args, err)?;
    let opts = Options {
        outlet: args.outlet.clone(),
        published,
        language: args.language.clone(),
    };
    let max = run
        .config
        .max_file_size
        .or(run.settings.max_file_size)
        .unwrap_or(load::DEFAULT_MAX_FILE_SIZE);
    // Standard input is read here, before the parallel part.
    let mut stdin_bytes = None;
    if inputs.iter().any(|i| matches!(i, Source::Stdin)) {
        let mut buf = Vec::new();
        io::stdin().take(max).read_to_end(&mut buf)?;
        stdin_bytes = Some(buf);
    }
    let targets: Vec<Option<PathBuf>> = inputs.iter().map(|s| target(args, s, many)).collect();
    // Each draft is written (under a temporary name) as soon as it is made,
    // so that creating the files overlaps drafting the others; all are
    // flushed and named together at the end. One text per task: rayon's own
    // splitting may leave a quarter of the texts in one task, drafted by one
    // thread while the other waits.
    let mut results: Vec<Result<Drafted, String>> = inputs
        .par_iter()
        .zip(&targets)
        .with_max_len(1)
        .map(|(src, target)| {
            let (bytes, name) = match src {
                Source::Stdin => (
                    stdin_bytes.clone().unwrap_or_default(),
                    "stdin.txt".to_string(),
                ),
                Source::File(p) => {
                    let meta = std::fs::metadata(p).map_err(|e| e.to_string())?;
                    if meta.len() > max {
                        return Err(format!("larger than {max} bytes (see --max-file-size)"));
                    }
                    (std::fs::read(p).map_err(|e| e.to_string())?, display(p))
                }
            };
            let input = input::read(&bytes, &name)?;
            let text = draft::draft(&input, &src.name(), &opts, &corpus)?;
            verify(&text, &src.name(), &corpus)?;
            let file = target.as_deref().map(|path| {
                match path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    Some(parent) if !parent.is_dir() => std::fs::create_dir_all(parent),
                    _ => Ok(()),
                }
                .and_then(|()| atomic::write_new(path, text.as_bytes()))
            });
            Ok(Drafted { text, file })
        })
        .collect();
    // The drafts written, named together: flushed to disk once.
    let mut files = Vec::new();
    let mut at: Vec<Option<usize>> = Vec::with_capacity(inputs.len());
    for result in &mut results {
        match result.as_mut().ok().and_then(|d| d.file.take()) {
            Some(file) => {
                at.push(Some(files.len()));
                files.push(file);
            }
            None => at.push(None),
        }
    }
    let mut written: Vec<Option<io::Result<()>>> =
        atomic::name_new_all(files).into_iter().map(Some).collect();
    let mut failed = 0;
    for (((src, result), at), target) in inputs.iter().zip(&results).zip(at).zip(&targets) {
        let text = match result {
            Err(e) if !many => return Err(Error::Usage(format!("{}: {e}", src.name()))),
            Err(e) => {
                failed += 1;
                writeln!(err, "error: {}: {e}", src.name())?;
                continue;
            }
            Ok(drafted) => &drafted.text,
        };
        let Some(k) = at else {
            out.write_all(text.as_bytes())?;
            continue;
        };
        let path = target.as_ref().expect("a written draft has a target");
        match written[k].take().expect("one result per file") {
            Ok(()) => writeln!(err, "drafted `{}` from {}", path.display(), src.name())?,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let msg = format!(
                    "`{}` already exists; `claimtrail draft` never overwrites a file",
                    path.display()
                );
                if !many {
                    return Err(Error::Usage(msg));
                }
                failed += 1;
                writeln!(err, "error: {msg}")?;
            }
            Err(e) if !many => return Err(Error::Io(e)),
            Err(e) => {
                failed += 1;
                writeln!(err, "error: cannot write `{}`: {e}", path.display())?;
            }
        }
    }
    Ok(if failed == 0 {
        Exit::Success
    } else {
        Exit::Findings
    })
}

/// A draft, and where it goes to a file, that file written under a
/// temporary name (taken out to be named).
struct Drafted {
    text: String,
    file: Option<io::Result<atomic::NewFile>>,
}

/// Where a draft goes: `None` for standard output.
fn target(args: &DraftArgs, src: &Source, many: bool) -> Option<PathBuf> {
    let out = args.out.as_ref()?;
    let stem = match src {
        Source::Stdin => "stdin".to_string(),
        Source::File(p) => p
            .file_stem()
            .map_or_else(|| "draft".into(), |s| s.to_string_lossy().into_owned()),
    };
    if many || out.is_dir() {
        Some(out.join(format!("{stem}.toml")))
    } else {
        Some(out.clone())
    }
}

/// The corpus: `--corpus DIR`, else the nearest one above the output folder
/// or the current folder, found as every command finds it.
fn load_corpus(run: &Run, args: &DraftArgs, err: &mut dyn Write) -> Result<Corpus, Error> {
    let start = match (&args.corpus, &args.out) {
        (Some(c), _) => {
            if !c.is_dir() {
                return Err(Error::Usage(format!(
                    "--corpus `{}` is not a folder",
                    c.display()
                )));
            }
            c.clone()
        }
        (None, Some(o)) => existing(o),
        // As other commands default to `claims`: that folder when it is here.
        (None, None) => {
            let claims = run.config.cwd.join("claims");
            if claims.join(crate::corpus::REGISTRY_FILE).is_file() {
                claims
            } else {
                run.config.cwd.clone()
            }
        }
    };
    let (root, registry) = find_registry(&start);
    let (Some(root), Some(registry)) = (root, registry) else {
        if args.outlet.is_none() || args.corpus.is_some() {
            return Err(Error::Usage(format!(
                "no {} at or above `{}`: give --corpus DIR, the folder of the corpus the draft is for",
                crate::corpus::REGISTRY_FILE,
                start.display()
            )));
        }
        writeln!(
            err,
            "warning: no {} found; the outlet and routes are not checked",
            crate::corpus::REGISTRY_FILE
        )?;
        return Ok(Corpus::default());
    };
    let opts = LoadOptions {
        paths: vec![root],
        ..run.load_options(&[])?
    };
    let loaded = run.load(&opts, |article, _, _| article);
    // The registry itself, read even when the corpus has no article yet.
    let mut problems = Vec::new();
    let outlets = load::load_registry(&registry, opts.max_file_size, &mut problems);
    if problems.iter().any(|d| d.severity == Severity::Error) {
        return Err(Error::Usage(format!(
            "`{}` has errors; run `claimtrail check` first",
            registry.display()
        )));
    }
    Ok(Corpus::new(outlets, &loaded.items))
}

/// The nearest existing folder at or above a path that may not exist yet.
fn existing(p: &Path) -> PathBuf {
    p.ancestors()
        .find(|d| d.is_dir())
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// A draft must load without errors in the corpus it is written for.
fn verify(text: &str, name: &str, corpus: &Corpus) -> Result<(), String> {
    let (article, diags) = load::article_from_text(text, name, "draft", corpus.outlets());
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    if article.is_none() || !errors.is_empty() {
        return Err(format!(
            "the draft does not load cleanly ({}); please report this",
            errors.join("; ")
        ));
    }
    Ok(())
}
