//! Loading a corpus: discover files, read them safely, parse them into `raw`
//! types, validate them into the `model`, and collect every diagnostic on the way.
//!
//! Article files are processed in parallel and handed one at a time to a
//! per-article function, so a command keeps only what it needs of each article
//! (a row of metrics, a few trail facts) rather than the whole corpus.

// A file's failure is one `Diagnostic`, returned rarely and at most once per
// file; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use crate::diag::{Code, Diagnostic, Note, Snippet, make};
use crate::model::{
    Article, Claim, ClaimKind, Outlet, OutletKind, Outlets, Ownership, Pos, Route, Source,
    SourceKind,
};
use crate::raw;
use crate::source::SourceText;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::de::Deserialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use toml::Spanned;

/// Files larger than this are refused unless the user raises the limit.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 128 * 1024 * 1024;

pub const REGISTRY_FILE: &str = "outlets.toml";
pub const CONFIG_FILE: &str = "claimtrail.toml";

#[derive(Clone, Debug)]
pub struct LoadOptions {
    pub paths: Vec<PathBuf>,
    pub max_file_size: u64,
    /// Codes the policy allows: findings of these are not even built.
    pub allowed: Vec<Code>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            paths: vec![PathBuf::from("claims")],
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            allowed: Vec::new(),
        }
    }
}

/// What a per-article function gets besides the article: the file's text, to
/// locate further diagnostics, and a place to put them.
pub struct FileCtx<'a> {
    pub file: &'a str,
    src: SourceText<'a>,
    allowed: &'a [Code],
    pub diagnostics: Vec<Diagnostic>,
}

impl FileCtx<'_> {
    /// The snippet for a position recorded in the model.
    pub fn snippet(&self, pos: Pos) -> Snippet {
        self.src.snippet(pos.start..pos.end)
    }

    /// Whether findings of `code` are wanted (the policy does not allow them).
    pub fn wants(&self, code: Code) -> bool {
        !self.allowed.contains(&code)
    }

    pub fn push(&mut self, diagnostic: Diagnostic, pos: Pos) {
        self.push_span(diagnostic, pos.start..pos.end);
    }

    /// A sourcing lint at `pos`: its message and help are made only when the
    /// policy wants the finding.
    pub fn lint(&mut self, code: Code, pos: Pos, text: impl FnOnce() -> (String, &'static str)) {
        if self.wants(code) {
            let (message, help) = text();
            self.push(make::lint(code, message, help), pos);
        }
    }

    fn push_span(&mut self, diagnostic: Diagnostic, span: Range<usize>) {
        if !self.wants(diagnostic.code) {
            return;
        }
        let snippet = self.src.snippet(span);
        self.diagnostics
            .push(diagnostic.at(self.file, Some(snippet)));
    }

    fn pos(&self, span: Range<usize>) -> Pos {
        Pos {
            start: span.start,
            end: span.end,
        }
    }
}

/// A loaded corpus: the registry, one result per valid article in a stable
/// order, and every diagnostic found.
#[derive(Debug)]
pub struct Loaded<T> {
    pub outlets: Outlets,
    pub items: Vec<T>,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Article files found.
    pub files: usize,
    /// Articles that loaded.
    pub articles: usize,
    pub claims: usize,
    pub outlets: usize,
}

/// A corpus folder and the article files below it.
struct Root {
    /// The folder article ids are relative to.
    dir: PathBuf,
    registry: Option<PathBuf>,
    files: Vec<PathBuf>,
}

/// Load every article below the given paths, calling `per_article` on each
/// valid one (in parallel) and keeping its result.
pub fn load<T, F>(opts: &LoadOptions, per_article: F) -> Loaded<T>
where
    T: Send,
    F: Fn(Article, &mut FileCtx, &Outlets) -> T + Sync,
{
    load_with_progress(opts, &|_, _| {}, per_article)
}

/// `load`, reporting `(done, total)` files as it goes.
pub fn load_with_progress<T, F>(
    opts: &LoadOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
    per_article: F,
) -> Loaded<T>
where
    T: Send,
    F: Fn(Article, &mut FileCtx, &Outlets) -> T + Sync,
{
    let mut diagnostics = Vec::new();
    let roots = discover(&opts.paths, &mut diagnostics);

    let mut outlets = Outlets::default();
    let mut registry_keys: HashMap<PathBuf, Outlets> = HashMap::new();
    for root in &roots {
        match &root.registry {
            Some(path) if !registry_keys.contains_key(path) => {
                let reg = load_registry(path, opts.max_file_size, &mut diagnostics);
                for (id, outlet) in &reg.by_id {
                    outlets
                        .by_id
                        .entry(id.clone())
                        .or_insert_with(|| outlet.clone());
                }
                registry_keys.insert(path.clone(), reg);
            }
            Some(_) => {}
            None => diagnostics.push(make::missing_registry(&display(&root.dir))),
        }
    }

    let empty = Outlets::default();
    let jobs: Vec<(&Root, &PathBuf)> = roots
        .iter()
        .flat_map(|r| r.files.iter().map(move |f| (r, f)))
        .collect();
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    let outcomes: Vec<FileOutcome<T>> = jobs
        .par_iter()
        .map(|(root, path)| {
            let registry = root
                .registry
                .as_ref()
                .and_then(|p| registry_keys.get(p))
                .unwrap_or(&empty);
            let outcome = load_article(root, path, registry, opts, &per_article);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            outcome
        })
        .collect();

    let mut stats = Stats {
        files: total,
        outlets: outlets.len(),
        ..Stats::default()
    };
    // Duplicate article ids, found by sorting (id, position) pairs in
    // parallel: the first of each run of one id is the original.
    let mut ids: Vec<(&str, usize)> = outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.article.as_ref().map(|f| (f.id.as_str(), i)))
        .collect();
    ids.par_sort_unstable();
    // (duplicate, original) positions, in file order of the duplicates.
    let mut pairs: Vec<(usize, usize)> = ids
        .chunk_by(|a, b| a.0 == b.0)
        .flat_map(|run| run[1..].iter().map(move |&(_, dup)| (dup, run[0].1)))
        .collect();
    drop(ids);
    pairs.sort_unstable();
    let mut duplicates = Vec::new();
    for &(i, original) in &pairs {
        let (Some(found), Some(first)) = (&outcomes[i].article, &outcomes[original].article) else {
            continue;
        };
        // Rare: read both files again to show the two ids.
        let here = snippets_at(&found.file, &[found.id_pos]).pop().flatten();
        let there = snippets_at(&first.file, &[first.id_pos]).pop().flatten();
        let note = match there {
            Some(s) => Note::at("the id is first used here", &first.file, s),
            None => Note::in_file("the id is first used here", &first.file),
        };
        duplicates.push((
            i,
            make::duplicate_article_id(&found.id)
                .at(&found.file, here)
                .note(note),
        ));
    }
    let mut duplicates = duplicates.into_iter().peekable();
    let mut items = Vec::with_capacity(outcomes.len());
    for (i, outcome) in outcomes.into_iter().enumerate() {
        diagnostics.extend(outcome.diagnostics);
        if duplicates.peek().is_some_and(|d| d.0 == i) {
            diagnostics.extend(duplicates.next().map(|d| d.1));
            continue;
        }
        if let Some(found) = outcome.article {
            stats.articles += 1;
            stats.claims += found.claims;
            items.push(found.value);
        }
    }
    Loaded {
        outlets,
        items,
        diagnostics,
        stats,
    }
}

/// Read a file again and cut out the snippets at positions recorded in the
/// model, for the rare diagnostics found after loading (an article id used by
/// two files). A file that cannot be read again, or has become shorter, gives
/// `None`.
fn snippets_at(file: &str, positions: &[Pos]) -> Vec<Option<Snippet>> {
    let Ok(bytes) = std::fs::read(file) else {
        return vec![None; positions.len()];
    };
    let text = String::from_utf8_lossy(strip_bom(&bytes));
    let src = SourceText::new(&text);
    positions
        .iter()
        .map(|pos| (pos.end <= text.len()).then(|| src.snippet(pos.start..pos.end)))
        .collect()
}

fn display(path: &Path) -> String {
    match path.to_str() {
        Some(s) => s.to_string(),
        None => path.display().to_string(),
    }
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Find the corpus roots and their article files, in a deterministic order.
fn discover(paths: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<Root> {
    let mut roots: Vec<Root> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                diagnostics.push(
                    make::unreadable(&format!("cannot read `{}`: {e}", display(path)))
                        .in_file(display(path)),
                );
                continue;
            }
        };
        let start_dir = if meta.is_dir() {
            path.clone()
        } else {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."))
        };
        let (dir, registry) = find_registry(&start_dir);
        let mut files = Vec::new();
        if meta.is_dir() {
            walk(path, registry.as_deref(), &mut files, diagnostics);
        } else if path.file_name().is_some_and(|n| n == REGISTRY_FILE) {
            // Naming the registry itself loads no articles.
        } else {
            files.push(path.clone());
        }
        // The same file named twice (two overlapping paths) loads once. With one
        // path nothing can overlap, and resolving every path would cost a
        // system call per component per file.
        if paths.len() > 1 {
            files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
        }
        let dir = dir.unwrap_or(start_dir);
        match roots
            .iter_mut()
            .find(|r| r.dir == dir && r.registry == registry)
        {
            Some(root) => root.files.extend(files),
            None => roots.push(Root {
                dir,
                registry,
                files,
            }),
        }
    }
    roots
}

/// The nearest folder at or above `dir` that holds `outlets.toml`, spelled
/// relative to `dir` as the user gave it (`claims/2019` finds `claims`). The
/// search stops at the project's edge, a folder holding `.git` or
/// `claimtrail.toml`, so a stray registry elsewhere on the disk is never used.
fn find_registry(dir: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
    let absolute = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for (up, d) in absolute.ancestors().enumerate() {
        if d.join(REGISTRY_FILE).is_file() {
            let root = ancestor(dir, up);
            let registry = root.join(REGISTRY_FILE);
            return (Some(root), Some(registry));
        }
        if d.join(".git").exists() || d.join(CONFIG_FILE).is_file() {
            break;
        }
    }
    (None, None)
}

/// `dir` with `up` levels removed, lexically where it can be (`a/b`, 1 -> `a`),
/// else with `..` (`.`, 1 -> `..`).
fn ancestor(dir: &Path, up: usize) -> PathBuf {
    let mut root = dir.to_path_buf();
    for _ in 0..up {
        let last_is_name = matches!(
            root.components().next_back(),
            Some(std::path::Component::Normal(_))
        );
        if last_is_name {
            root.pop();
        } else {
            root.push("..");
        }
    }
    if root.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        root
    }
}

/// The article files below `dir`, in walk order (by file name at each level),
/// with a diagnostic for each entry that cannot be read.
fn walk(
    dir: &Path,
    registry: Option<&Path>,
    files: &mut Vec<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let found = walk_in_parallel(dir, registry).unwrap_or_else(|| {
        walker(dir, None)
            .map(|entry| walked(entry, dir, registry))
            .collect()
    });
    for w in found {
        match w {
            Walked::Article(path) => files.push(path),
            Walked::Problem(d) => diagnostics.push(d),
            Walked::Other => {}
        }
    }
}

/// The walk of `dir` with the folders at its top walked in parallel; `None`
/// at the first symlinked folder or loop, and then the walk is run as one.
/// (walkdir seeds its loop check with the folders above where a walk begins,
/// so a walk from a top folder should see the loops the whole walk sees; the
/// rare corpus with linked folders does not rest on that.)
fn walk_in_parallel(dir: &Path, registry: Option<&Path>) -> Option<Vec<Walked>> {
    /// An entry at the top, or a folder there to walk.
    enum Top {
        Entry(Walked),
        Folder(PathBuf),
    }
    let mut top = Vec::new();
    for entry in walker(dir, Some(1)) {
        match entry {
            Ok(e) if e.depth() == 1 && e.file_type().is_dir() => {
                if e.path_is_symlink() {
                    return None;
                }
                top.push(Top::Folder(e.into_path()));
            }
            Err(e) if e.loop_ancestor().is_some() => return None,
            entry => top.push(Top::Entry(walked(entry, dir, registry))),
        }
    }
    let parts: Vec<Option<Vec<Walked>>> = top
        .into_par_iter()
        .map(|t| match t {
            Top::Entry(w) => Some(vec![w]),
            Top::Folder(folder) => walker(&folder, None)
                .map(|entry| {
                    let linked = match &entry {
                        Ok(e) => e.path_is_symlink() && e.file_type().is_dir(),
                        Err(e) => e.loop_ancestor().is_some(),
                    };
                    (!linked).then(|| walked(entry, dir, registry))
                })
                .collect(),
        })
        .collect();
    parts
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .map(|parts| parts.into_iter().flatten().collect())
}

/// Every entry below `dir` (and `dir` itself), sorted by file name at each
/// level, following symlinks, skipping hidden entries.
fn walker(
    dir: &Path,
    max_depth: Option<usize>,
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    if let Some(depth) = max_depth {
        walk = walk.max_depth(depth);
    }
    walk.into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
}

/// What one entry of a walk is to the corpus.
enum Walked {
    Article(PathBuf),
    Problem(Diagnostic),
    Other,
}

fn walked(
    entry: walkdir::Result<walkdir::DirEntry>,
    dir: &Path,
    registry: Option<&Path>,
) -> Walked {
    let entry = match entry {
        Ok(e) => e,
        Err(e) => {
            let path = e.path().map(display).unwrap_or_else(|| display(dir));
            let what = if e.loop_ancestor().is_some() {
                format!("`{path}` is a symlink loop; it was skipped")
            } else {
                format!(
                    "cannot read `{path}`: {}",
                    e.io_error()
                        .map(|i| i.to_string())
                        .unwrap_or_else(|| e.to_string())
                )
            };
            return Walked::Problem(make::unreadable(&what).in_file(&path));
        }
    };
    let path = entry.path();
    if path.extension().is_none_or(|ext| ext != "toml") || entry.file_type().is_dir() {
        return Walked::Other;
    }
    let name = entry.file_name();
    if name == CONFIG_FILE || registry.is_some_and(|r| r == path) {
        return Walked::Other;
    }
    Walked::Article(entry.into_path())
}

/// Read a file as UTF-8 text, refusing what is not a regular file, too large,
/// or not UTF-8.
fn read_text(path: &Path, max: u64) -> Result<String, Diagnostic> {
    use std::io::Read;
    let file = display(path);
    let unreadable =
        |e: std::io::Error| make::unreadable(&format!("cannot read `{file}`: {e}")).in_file(&file);
    // Open first, then ask the open file what it is: one path lookup, not two.
    // Non-blocking, so a FIFO answers at once instead of waiting for a writer.
    let mut handle = open_nonblocking(path).map_err(unreadable)?;
    let meta = handle.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(make::unreadable(&format!(
            "`{file}` is not a regular file (a FIFO, device or folder); it was skipped"
        ))
        .in_file(&file));
    }
    if meta.len() > max {
        return Err(make::file_too_large(meta.len(), max).in_file(&file));
    }
    // One allocation of the right size, and a byte to spare to see the end; at
    // most `max + 1` bytes, so a file growing while it is read cannot make us
    // read without bound.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    (&mut handle)
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Err(make::file_too_large(bytes.len() as u64, max).in_file(&file));
    }
    decode(bytes).map_err(|d| d.in_file(&file))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn decode(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(make::not_utf8("it starts with a UTF-16 byte-order mark"));
    }
    let bytes = if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes[3..].to_vec()
    } else {
        bytes
    };
    // TOML forbids NUL; a NUL byte in a file that is valid UTF-8 means UTF-16
    // without a byte-order mark, or binary data.
    if let Some(offset) = memchr::memchr(0, &bytes) {
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        let mut d = make::not_utf8(&format!(
            "a NUL byte at offset {offset} (UTF-16 without a byte-order mark, or binary data)"
        ));
        d.snippet = Some(SourceText::new(&lossy).snippet(offset..offset + 1));
        return Err(d);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let snippet = SourceText::new(&lossy).snippet(offset..offset + 1);
        let mut d = make::not_utf8(&format!("invalid byte at offset {offset}"));
        d.snippet = Some(snippet);
        d
    })
}

/// Turn a TOML or serde error into a diagnostic of the right code: `syntax`
/// for the parse, otherwise a problem with the shape (unknown or missing
/// field, wrong type, value out of range).
pub(crate) fn toml_error(
    err: &toml::de::Error,
    src: &SourceText,
    file: &str,
    syntax: bool,
) -> Diagnostic {
    let message = err.message().trim().to_string();
    let first_line = plain_types(message.lines().next().unwrap_or(""));
    let diag = if syntax && is_date_error(&first_line) {
        make::invalid_date_literal(&first_line)
    } else if syntax {
        make::syntax(&first_line)
    } else if let Some(rest) = first_line.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected = backticked(rest.get(field.len() + 1..).unwrap_or(""));
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        make::unknown_field(field, &expected)
    } else if let Some(rest) = first_line.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        make::missing_field(field, table_name_for(field))
    } else if first_line.starts_with("invalid value") {
        make::out_of_range(
            &first_line,
            "see the format table in the README for each field's range".to_string(),
        )
    } else if first_line.contains("invalid type") || first_line.contains("invalid value") {
        let hint = if first_line.contains("datetime") && first_line.contains("string") {
            Some("write the date without quotes, e.g. said = 2019-03-26".to_string())
        } else if first_line.contains("expected a boolean") {
            Some("write `true` or `false` without quotes".to_string())
        } else if first_line.contains("expected a string") {
            Some("put the value in double quotes".to_string())
        } else if first_line.contains("expected an array") {
            Some("an array is written in brackets: [\"a\", \"b\"]".to_string())
        } else if first_line.contains("expected a number")
            || first_line.contains("expected a whole number")
        {
            Some("write the number without quotes".to_string())
        } else {
            None
        };
        make::wrong_type(&first_line, hint)
    } else {
        make::syntax(&first_line)
    };
    let span = err.span().unwrap_or(0..0);
    diag.at(file, Some(src.snippet(span)))
}

/// Serde names the Rust type it expected (`expected u64`, `expected struct
/// ArticleTable`, `expected a sequence`); say it in TOML's words.
fn plain_types(message: &str) -> String {
    const STRUCT: &str = "expected struct ";
    let mut out = message.to_string();
    if let Some(at) = out.find(STRUCT) {
        let name = at + STRUCT.len();
        let name_end = out[name..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(out.len(), |i| name + i);
        out.replace_range(at..name_end, "expected a table");
    }
    out = out
        .replace("expected a sequence", "expected an array")
        .replace("expected a map", "expected a table");
    for (rust, words) in [
        ("f64", "a number"),
        ("f32", "a number"),
        ("u64", "a whole number, 0 or more"),
        ("u32", "a whole number, 0 or more"),
        ("usize", "a whole number, 0 or more"),
        ("i64", "a whole number"),
    ] {
        out = out.replace(&format!("expected {rust}"), &format!("expected {words}"));
    }
    out
}

/// The TOML parser checks date literals itself (`2019-02-30`, `2019-13-01`).
fn is_date_error(message: &str) -> bool {
    message.starts_with("invalid date")
        || message.starts_with("invalid time")
        || message.contains("expected day")
        || message.contains("expected month")
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, x)| x.to_string())
        .collect()
}

/// Where a missing field belongs, for the message.
fn table_name_for(field: &str) -> &'static str {
    match field {
        "article" => "the file",
        "title" | "outlet" => "`[article]`",
        "id" | "text" => "a `[[claims]]` entry",
        "name" => "an outlet of outlets.toml",
        _ => "this table",
    }
}

fn load_registry(path: &Path, max: u64, diagnostics: &mut Vec<Diagnostic>) -> Outlets {
    let file = display(path);
    let text = match read_text(path, max) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.push(d);
            return Outlets::default();
        }
    };
    let src = SourceText::new(&text);
    let parsed = toml::de::Deserializer::parse(&text)
        .map_err(|e| toml_error(&e, &src, &file, true))
        .and_then(|de| {
            raw::OutletsFile::deserialize(de).map_err(|e| toml_error(&e, &src, &file, false))
        });
    let parsed = match parsed {
        Ok(p) => p,
        Err(d) => {
            diagnostics.push(d);
            return Outlets::default();
        }
    };
    let mut ctx = FileCtx {
        file: &file,
        src,
        allowed: &[],
        diagnostics: Vec::new(),
    };
    let mut outlets = Outlets {
        checked: true,
        ..Outlets::default()
    };
    for (id, table) in parsed.outlets {
        if id.get_ref().trim().is_empty() {
            ctx.push_span(make::empty_value("outlet id"), id.span());
        }
        let t = table.into_inner();
        let outlet = Outlet {
            id: id.get_ref().clone(),
            name: nonempty(&mut ctx, "name", t.name),
            kind: t.kind.and_then(|k| {
                enum_value(&mut ctx, "kind", k, OutletKind::NAMES, OutletKind::parse)
            }),
            country: t.country.and_then(|c| country(&mut ctx, c)),
            ownership: t.ownership.and_then(|o| {
                enum_value(&mut ctx, "ownership", o, Ownership::NAMES, Ownership::parse)
            }),
            url: t.url.map(Spanned::into_inner),
        };
        outlets.by_id.insert(outlet.id.clone(), outlet);
    }
    diagnostics.extend(ctx.diagnostics);
    outlets
}

struct FileOutcome<T> {
    diagnostics: Vec<Diagnostic>,
    article: Option<Found<T>>,
}

struct Found<T> {
    id: String,
    file: String,
    id_pos: Pos,
    claims: usize,
    value: T,
}

fn load_article<T, F>(
    root: &Root,
    path: &Path,
    outlets: &Outlets,
    opts: &LoadOptions,
    per_article: &F,
) -> FileOutcome<T>
where
    F: Fn(Article, &mut FileCtx, &Outlets) -> T,
{
    let file = display(path);
    let text = match read_text(path, opts.max_file_size) {
        Ok(t) => t,
        Err(d) => {
            return FileOutcome {
                diagnostics: vec![d],
                article: None,
            };
        }
    };
    // Made only for an article without an `id`.
    let default_id = || default_article_id(&root.dir, path);
    let (article, id_pos, mut ctx) =
        match parse_and_validate(&text, &file, &default_id, outlets, &opts.allowed) {
            Ok(parsed) => parsed,
            Err(d) => {
                return FileOutcome {
                    diagnostics: vec![d],
                    article: None,
                };
            }
        };
    let id = article.id.clone();
    let claims = article.claims.len();
    let value = per_article(article, &mut ctx, outlets);
    FileOutcome {
        diagnostics: ctx.diagnostics,
        article: Some(Found {
            id,
            file: file.clone(),
            id_pos,
            claims,
            value,
        }),
    }
}

/// Parse an article's text and validate it: the article, the position of its
/// id, and the file's context holding every diagnostic found so far. A file
/// that does not parse is one diagnostic.
fn parse_and_validate<'a>(
    text: &'a str,
    file: &'a str,
    default_id: &dyn Fn() -> String,
    outlets: &Outlets,
    allowed: &'a [Code],
) -> Result<(Article, Pos, FileCtx<'a>), Diagnostic> {
    let src = SourceText::new(text);
    let parsed = toml::de::Deserializer::parse(text)
        .map_err(|e| toml_error(&e, &src, file, true))
        .and_then(|de| {
            raw::ArticleFile::deserialize(de).map_err(|e| toml_error(&e, &src, file, false))
        })?;
    let mut ctx = FileCtx {
        file,
        src,
        allowed,
        diagnostics: Vec::new(),
    };
    let (article, id_pos) = validate_article(&mut ctx, parsed, default_id, outlets);
    Ok((article, id_pos, ctx))
}

/// Parse and validate one article held in memory (for `fmt`, tests and other
/// tools): the article if it parsed, and every diagnostic of the format.
pub fn article_from_text(
    text: &str,
    file: &str,
    id: &str,
    outlets: &Outlets,
) -> (Option<Article>, Vec<Diagnostic>) {
    match parse_and_validate(text, file, &|| id.to_string(), outlets, &[]) {
        Ok((article, _, ctx)) => (Some(article), ctx.diagnostics),
        Err(d) => (None, vec![d]),
    }
}

/// `claims/2019/reuters-cyber.toml` below `claims` is `2019/reuters-cyber`.
fn default_article_id(root: &Path, path: &Path) -> String {
    let root = root.strip_prefix(".").unwrap_or(root);
    let path = path.strip_prefix(".").unwrap_or(path);
    let rel = match path.strip_prefix(root) {
        Ok(rel) => rel.to_path_buf(),
        // `..` in the root: compare where both really are.
        Err(_) => std::fs::canonicalize(root)
            .ok()
            .zip(std::fs::canonicalize(path).ok())
            .and_then(|(r, p)| p.strip_prefix(r).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf()),
    };
    let rel = rel.with_extension("");
    let mut id = String::with_capacity(rel.as_os_str().len());
    for (i, c) in rel.components().enumerate() {
        if i > 0 {
            id.push('/');
        }
        id.push_str(&c.as_os_str().to_string_lossy());
    }
    id
}

fn nonempty(ctx: &mut FileCtx, field: &str, value: Spanned<String>) -> String {
    if value.get_ref().trim().is_empty() {
        ctx.push_span(make::empty_value(field), value.span());
    }
    value.into_inner()
}

fn enum_value<E>(
    ctx: &mut FileCtx,
    field: &str,
    value: Spanned<String>,
    names: &[&str],
    parse: fn(&str) -> Option<E>,
) -> Option<E> {
    let parsed = parse(value.get_ref());
    if parsed.is_none() {
        ctx.push_span(
            make::invalid_value(field, value.get_ref(), names),
            value.span(),
        );
    }
    parsed
}

/// A country: an assigned ISO 3166-1 alpha-2 code, in capitals.
fn country(ctx: &mut FileCtx, value: Spanned<String>) -> Option<String> {
    use isocountry::CountryCode;
    let v = value.get_ref();
    if v.len() == 2 && CountryCode::for_alpha2(v).is_ok() {
        return Some(value.into_inner());
    }
    // `us` for `US`; `UK`, the code people most often write for `GB`.
    let v_trim = v.trim();
    let meant = if v_trim.eq_ignore_ascii_case("UK") {
        CountryCode::for_alpha2("GB").ok()
    } else {
        CountryCode::for_alpha2_caseless(v_trim).ok()
    };
    ctx.push_span(
        make::invalid_country(v, meant.as_ref().map(|c| (c.alpha2(), c.name()))),
        value.span(),
    );
    None
}

fn date(
    ctx: &mut FileCtx,
    field: &str,
    value: &Spanned<toml::value::Datetime>,
) -> Option<NaiveDate> {
    let dt = value.get_ref();
    let Some(d) = dt.date else {
        ctx.push_span(
            make::invalid_date(field, &dt.to_string(), "a time without a date"),
            value.span(),
        );
        return None;
    };
    if dt.time.is_some() && dt.offset.is_none() {
        // A local date-time is unambiguous enough for a calendar date.
    }
    let parsed = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
    if parsed.is_none() {
        ctx.push_span(
            make::invalid_date(field, &dt.to_string(), "no such day in the calendar"),
            value.span(),
        );
    }
    parsed
}

fn validate_article(
    ctx: &mut FileCtx,
    parsed: raw::ArticleFile,
    default_id: &dyn Fn() -> String,
    outlets: &Outlets,
) -> (Article, Pos) {
    let article_span = parsed.article.span();
    let a = parsed.article.into_inner();

    // The `[article]` header, for what concerns the article as a whole.
    let header = {
        let line = ctx.src.text()[article_span.start..]
            .lines()
            .next()
            .map_or(0, |l| l.trim_end().len());
        ctx.pos(article_span.start..article_span.start + line)
    };
    let (id, id_pos) = match a.id {
        Some(id) => {
            let pos = ctx.pos(id.span());
            let why = crate::model::article_id_problem(id.get_ref());
            if let Some(why) = why.filter(|_| !id.get_ref().trim().is_empty()) {
                ctx.push_span(make::invalid_article_id(id.get_ref(), why), id.span());
            }
            (nonempty(ctx, "id", id), pos)
        }
        // An id from the file's path is the article's as a whole.
        None => (default_id(), header),
    };
    let title = nonempty(ctx, "title", a.title);
    if outlets.checked && outlets.get(a.outlet.get_ref()).is_none() {
        ctx.push_span(
            make::unknown_outlet(a.outlet.get_ref(), &outlets.ids()),
            a.outlet.span(),
        );
    }
    let published = a.published.as_ref().and_then(|p| date(ctx, "published", p));
    if a.published.is_none() {
        ctx.push(make::undated_article(), header);
    }

    // Sources, sorted by id (the map is ordered).
    let mut sources = Vec::with_capacity(parsed.sources.len());
    let mut source_spans: Vec<Range<usize>> = Vec::with_capacity(parsed.sources.len());
    for (sid, table) in parsed.sources {
        let span = sid.span();
        if sid.get_ref().trim().is_empty() {
            ctx.push_span(make::empty_value("source id"), span.clone());
        }
        let t = table.into_inner();
        let anonymous = t.anonymous.as_ref().is_some_and(|a| *a.get_ref());
        match (&t.name, anonymous) {
            (Some(name), true) => {
                ctx.push_span(make::anonymous_with_name(sid.get_ref()), name.span())
            }
            (None, false) => ctx.push_span(make::unnamed_source(sid.get_ref()), span.clone()),
            _ => {}
        }
        let name = t.name.map(|n| nonempty(ctx, "name", n));
        let kind = t
            .kind
            .and_then(|k| enum_value(ctx, "kind", k, SourceKind::NAMES, SourceKind::parse))
            .unwrap_or(SourceKind::Person);
        sources.push(Source {
            id: sid.into_inner(),
            name,
            anonymous,
            description: t.description.map(Spanned::into_inner),
            reason: t.reason.map(Spanned::into_inner),
            role: t.role.map(Spanned::into_inner),
            affiliation: t.affiliation.map(Spanned::into_inner),
            country: t.country.and_then(|c| country(ctx, c)),
            kind,
            pos: ctx.pos(span.clone()),
        });
        source_spans.push(span);
    }
    let source_ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    let mut used = vec![false; sources.len()];

    // Duplicate claim ids: sort the ids (borrowed) and compare neighbours; the
    // first in file order is the original. Their hashes are sorted first, and
    // the strings only when two hashes meet.
    let hash = |id: &str| {
        use std::hash::BuildHasher;
        foldhash::fast::FixedState::with_seed(0).hash_one(id)
    };
    let mut hashes: Vec<u64> = parsed
        .claims
        .iter()
        .map(|c| hash(c.get_ref().id.get_ref()))
        .collect();
    hashes.sort_unstable();
    let mut ids: Vec<(&str, usize)> = if hashes.windows(2).any(|w| w[0] == w[1]) {
        parsed
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.get_ref().id.get_ref().as_str(), i))
            .collect()
    } else {
        Vec::new()
    };
    drop(hashes);
    ids.sort_unstable();
    for run in ids.chunk_by(|x, y| x.0 == y.0) {
        let (id, first) = run[0];
        for &(_, dup) in &run[1..] {
            let first_span = parsed.claims[first].get_ref().id.span();
            let dup_span = parsed.claims[dup].get_ref().id.span();
            let d = make::duplicate_claim_id(id).note(Note::at(
                "first used here",
                ctx.file,
                ctx.snippet(ctx.pos(first_span)),
            ));
            ctx.push_span(d, dup_span);
        }
    }
    drop(ids);

    let mut claims = Vec::with_capacity(parsed.claims.len());
    for table in parsed.claims {
        let c = table.into_inner();
        let pos = ctx.pos(c.id.span());
        let id = nonempty(ctx, "id", c.id);
        let text = nonempty(ctx, "text", c.text);

        let source = c
            .source
            .and_then(|s| match source_ids.binary_search(&s.get_ref().as_str()) {
                Ok(i) => {
                    used[i] = true;
                    Some(s.into_inner())
                }
                Err(_) => {
                    ctx.push_span(make::unknown_source(s.get_ref(), &source_ids), s.span());
                    None
                }
            });

        let mut routes = Vec::new();
        if let Some(via) = c.via {
            if via.get_ref().is_empty() {
                ctx.push_span(make::empty_route(true), via.span());
            }
            for route in via.into_inner() {
                let span = route.span();
                let hops: Vec<Spanned<String>> = match route.into_inner() {
                    raw::Route::Outlet(id) => vec![Spanned::new(span.clone(), id)],
                    raw::Route::Chain(hops) => hops,
                };
                if hops.is_empty() {
                    ctx.push_span(make::empty_route(false), span);
                    continue;
                }
                for hop in &hops {
                    if outlets.checked && outlets.get(hop.get_ref()).is_none() {
                        ctx.push_span(
                            make::unknown_outlet(hop.get_ref(), &outlets.ids()),
                            hop.span(),
                        );
                    }
                }
                routes.push(Route {
                    hops: hops.into_iter().map(Spanned::into_inner).collect(),
                });
            }
        }

        let said = c.said.as_ref().and_then(|s| date(ctx, "said", s));
        if let (Some(said_date), Some(pub_date), Some(span)) =
            (said, published, c.said.as_ref().map(Spanned::span))
            && said_date > pub_date
        {
            ctx.push_span(
                make::said_after_published(&said_date.to_string(), &pub_date.to_string()),
                span,
            );
        }
        let kind = c
            .kind
            .and_then(|k| enum_value(ctx, "kind", k, ClaimKind::NAMES, ClaimKind::parse))
            .unwrap_or(if source.is_some() || !routes.is_empty() {
                ClaimKind::Paraphrase
            } else {
                ClaimKind::Assertion
            });
        claims.push(Claim {
            id,
            text,
            quote: c.quote.map(Spanned::into_inner),
            source,
            routes,
            said,
            hedge: c
                .hedge
                .map(Spanned::into_inner)
                .filter(|h| !h.trim().is_empty()),
            kind,
            key: c.key.is_some_and(|k| k.into_inner()),
            pos,
        });
    }
    for (i, is_used) in used.iter().enumerate() {
        if !is_used {
            ctx.push_span(make::unused_source(&sources[i].id), source_spans[i].clone());
        }
    }

    let article = Article {
        id,
        file: ctx.file.to_string(),
        title,
        outlet: a.outlet.into_inner(),
        url: a.url.map(Spanned::into_inner),
        published,
        language: a.language.map(Spanned::into_inner),
        byline: a.byline.map(|b| b.into_inner().0).unwrap_or_default(),
        credited: a.credited.map(|b| b.into_inner().0).unwrap_or_default(),
        sources,
        claims,
        pos: ctx.pos(article_span),
    };
    (article, id_pos)
}

/// The diagnostics of several lists (found in several places) in one, in
/// output order: by file, then position, then code and message
/// (`Diagnostic::sort_key`); ties in the order of the lists, then within each.
pub fn sorted(mut parts: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    if let [one] = parts.as_slice()
        && one.len() < 2
    {
        return parts.pop().unwrap_or_default();
    }
    // Comparing long paths for every pair is what a large sort spends its
    // time on: rank the files once, then sort numbers. Diagnostics come
    // mostly grouped by file, so neighbours are collapsed before the sort.
    let mut files: Vec<&str> = Vec::new();
    for d in parts.iter().flatten() {
        if let Some(f) = d.file.as_deref()
            && files.last() != Some(&f)
        {
            files.push(f);
        }
    }
    files.par_sort_unstable();
    files.dedup();
    let rank: HashMap<&str, u32, foldhash::fast::RandomState> =
        files.iter().zip(0u32..).map(|(&f, i)| (f, i)).collect();
    // Where each diagnostic is: its list, and its place there.
    type At = (u32, u32);
    // No file sorts first, as `None` does in the key.
    let mut order: Vec<(u32, usize, usize, Code, At)> =
        Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for (part, p) in parts.iter().zip(0u32..) {
        let rank = &rank;
        order.par_extend(part.par_iter().enumerate().map(move |(i, d)| {
            let file = d.file.as_deref().map_or(0, |f| rank[f] + 1);
            let (line, column) = (d.line().unwrap_or(0), d.column().unwrap_or(0));
            (file, line, column, d.code, (p, i as u32))
        }));
    }
    drop(rank);
    let get = |at: At| &parts[at.0 as usize][at.1 as usize];
    // Ties on all the numbers (rare) are settled by the message, then by
    // where the diagnostic was found, as a stable sort would.
    order.par_sort_unstable_by(|a, b| {
        (a.0, a.1, a.2, a.3)
            .cmp(&(b.0, b.1, b.2, b.3))
            .then_with(|| get(a.4).message.cmp(&get(b.4).message))
            .then(a.4.cmp(&b.4))
    });
    // Diagnostics are large: each is moved once, into its place, leaving an
    // empty one behind.
    order
        .into_iter()
        .map(|(.., at)| {
            std::mem::replace(
                &mut parts[at.0 as usize][at.1 as usize],
                Diagnostic::empty(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sorted;
    use crate::diag::{Diagnostic, Snippet, make};

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::with_cases(300)
        })]
        /// The ranked sort gives the order a stable sort by `sort_key` gives:
        /// files in string order (`a-b/x` before `a/x`), no file first, then
        /// position, code and message, then the order found.
        #[test]
        fn diagnostics_sort_as_their_keys_do(
            found in proptest::collection::vec(
                (0usize..5, 0usize..3, 0usize..3, proptest::bool::ANY, 0usize..2),
                0..40,
            ),
            split in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            const FILES: [&str; 4] = ["a/x.toml", "a-b/x.toml", "b.toml", "a/x.toml.bak"];
            let mut list: Vec<Diagnostic> = found
                .iter()
                .enumerate()
                .map(|(i, &(file, line, column, code, message))| {
                    let d = if code {
                        make::syntax(&format!("m{message}"))
                    } else {
                        make::empty_value(&format!("m{message}"))
                    };
                    let d = d.label(i.to_string());
                    match FILES.get(file) {
                        Some(f) => d.at(
                            *f,
                            Some(Snippet {
                                line: line + 1,
                                column: column + 1,
                                text: "x".into(),
                                underline: 0..1,
                            }),
                        ),
                        None => d,
                    }
                })
                .collect();
            let mut expected: Vec<&Diagnostic> = list.iter().collect();
            expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            let expected: Vec<String> = expected.iter().map(|d| format!("{:?}", d.label)).collect();
            // The same list in two parts, cut anywhere, sorts the same.
            let cut = split.index(list.len() + 1);
            let tail = list.split_off(cut);
            let parts = sorted(vec![list.clone(), tail.clone()]);
            list.extend(tail);
            let whole = sorted(vec![list]);
            let got: Vec<String> = whole.iter().map(|d| format!("{:?}", d.label)).collect();
            proptest::prop_assert_eq!(&got, &expected);
            let got: Vec<String> = parts.iter().map(|d| format!("{:?}", d.label)).collect();
            proptest::prop_assert_eq!(&got, &expected);
        }
    }
}
