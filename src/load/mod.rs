//! Loading a corpus: take the files `corpus` finds, read them safely, parse them into `raw`
//! types, validate them into the `model`, and collect every diagnostic on the way.
//!
//! Article files are processed in parallel and handed one at a time to a
//! per-article function, so a command keeps only what it needs of each article
//! (a row of metrics, a few trail facts) rather than the whole corpus.

// A file's failure is one `Diagnostic`, returned rarely and at most once per
// file; boxing it would only add noise.
#![allow(clippy::result_large_err)]

mod read;
mod registry;
mod shape;
mod toml_error;
mod validate;

pub(crate) use read::{open_regular, read_regular, read_text, snippets_again};
pub(crate) use registry::load_registry;
pub(crate) use toml_error::toml_error;
pub(crate) use validate::calendar_date;

use crate::corpus::{CorpusDir, discover, display};
use crate::diag::{Code, Diagnostic, Note, Snippet, make};
use crate::lines::LineIndex;
use crate::model::{Article, Outlets, Pos};
use crate::raw;
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use validate::validate_article;

/// Files larger than this are refused unless the user raises the limit.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 128 * 1024 * 1024;

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
    src: LineIndex<'a>,
    allowed: &'a [Code],
    pub diagnostics: Vec<Diagnostic>,
    /// Claims citing a source the article does not define: their attribution
    /// is unknown until the error is fixed, so nothing that follows from it
    /// is reported (the error says so). Claims a repair of shape touched
    /// are here too.
    unresolved: std::collections::HashSet<(usize, usize)>,
    /// What repairs of shape touched: findings that only follow from them
    /// are not reported.
    taint: shape::Taint,
}

impl<'a> FileCtx<'a> {
    fn new(
        file: &'a str,
        src: LineIndex<'a>,
        allowed: &'a [Code],
        diagnostics: Vec<Diagnostic>,
        taint: shape::Taint,
    ) -> Self {
        let unresolved = taint.claims.iter().map(|r| (r.start, r.end)).collect();
        FileCtx {
            file,
            src,
            allowed,
            diagnostics,
            unresolved,
            taint,
        }
    }
}

impl FileCtx<'_> {
    /// The snippet for a position recorded in the model.
    pub fn snippet(&self, pos: Pos) -> Snippet {
        self.src.snippet(pos.start..pos.end)
    }

    /// The id line of each claim at `ids` (the positions of their ids, in
    /// file order), kept for findings made once the file is gone.
    pub fn claim_lines(&self, ids: impl IntoIterator<Item = Pos>) -> crate::lines::ClaimLines {
        crate::lines::ClaimLines::of(self.src.text(), ids.into_iter().map(|p| p.start..p.end))
    }

    /// Whether the claim at `pos` cites an unknown source.
    /// Whether any claim's attribution is unknown (see `is_unresolved`).
    pub fn any_unresolved(&self) -> bool {
        !self.unresolved.is_empty()
    }

    pub fn is_unresolved(&self, pos: Pos) -> bool {
        self.unresolved.contains(&(pos.start, pos.end))
    }

    /// Whether findings of `code` are wanted (the policy does not allow them).
    pub fn wants(&self, code: Code) -> bool {
        !self.allowed.contains(&code)
    }

    pub fn push(&mut self, diagnostic: Diagnostic, pos: Pos) {
        self.push_span(diagnostic, pos.start..pos.end);
    }

    /// A sourcing lint of `code` at `pos`: the diagnostic (one of
    /// `diag::make`'s) is made only when the policy wants the finding.
    pub fn lint(&mut self, code: Code, pos: Pos, make: impl FnOnce() -> Diagnostic) {
        if self.wants(code) {
            let diagnostic = make();
            debug_assert_eq!(diagnostic.code, code);
            self.push(diagnostic, pos);
        }
    }

    fn push_span(&mut self, diagnostic: Diagnostic, span: Range<usize>) {
        if !self.wants(diagnostic.code) || self.taint.explains(diagnostic.code, &span) {
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
    /// The registries read, in the order their corpus folders were named.
    pub registries: Vec<PathBuf>,
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

/// Load every article below the given paths, calling `per_article` on each
/// valid one (in parallel) and keeping its result.
pub fn load<T, F>(opts: &LoadOptions, per_article: F) -> Loaded<T>
where
    T: Send,
    F: Fn(Article, &mut FileCtx, &Outlets) -> T + Sync,
{
    load_in_chunks(opts, &|_, _| {}, usize::MAX, per_article, &mut |_| {})
}

/// `load`, reporting `(done, total)` files as it goes, `chunk` files at a
/// time: once a chunk's files are loaded (in parallel), `per_chunk` is
/// handed the results of those that loaded, in file order, and may take
/// what it wants of them (rows to write out as the corpus loads) before the
/// chunk after next starts: a chunk is handed over while the next one
/// loads. Every article that loaded is handed over, even one whose id
/// another file already took: that is an error found only once all are in.
pub fn load_in_chunks<T, F>(
    opts: &LoadOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
    chunk: usize,
    per_article: F,
    per_chunk: &mut (dyn FnMut(&mut [&mut T]) + Send),
) -> Loaded<T>
where
    T: Send,
    F: Fn(Article, &mut FileCtx, &Outlets) -> T + Sync,
{
    let mut diagnostics = Vec::new();
    let roots = discover(&opts.paths, &mut diagnostics);

    let mut outlets = Outlets::default();
    let mut registry_keys: HashMap<PathBuf, Outlets> = HashMap::new();
    let mut registries = Vec::new();
    for root in &roots {
        match &root.registry {
            Some(path) if !registry_keys.contains_key(path) => {
                registries.push(path.clone());
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
    let jobs: Vec<(&CorpusDir, &PathBuf)> = roots
        .iter()
        .flat_map(|r| r.files.iter().map(move |f| (r, f)))
        .collect();
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    let load_chunk = |jobs: &[(&CorpusDir, &PathBuf)]| -> Vec<FileOutcome<T>> {
        // In order: `collect` of an indexed iterator keeps it.
        jobs.par_iter()
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
            .collect()
    };
    let mut hand_over = |chunk: &mut Vec<FileOutcome<T>>| {
        let mut values: Vec<&mut T> = chunk
            .iter_mut()
            .filter_map(|o| o.article.as_mut().map(|f| &mut f.value))
            .collect();
        if !values.is_empty() {
            per_chunk(&mut values);
        }
    };
    let mut outcomes: Vec<FileOutcome<T>> = Vec::new();
    let mut chunks = jobs.chunks(chunk.max(1));
    let mut loaded = chunks.next().map(load_chunk).unwrap_or_default();
    // A chunk is handed over while the next one loads, both cores busy.
    for jobs in chunks {
        let (next, ()) = rayon::join(|| load_chunk(jobs), || hand_over(&mut loaded));
        keep(&mut outcomes, std::mem::replace(&mut loaded, next), total);
    }
    hand_over(&mut loaded);
    keep(&mut outcomes, loaded, total);

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
        let here = snippets_again(&found.file, opts.max_file_size, &[(found.id_pos, None)])
            .pop()
            .flatten();
        let there = snippets_again(&first.file, opts.max_file_size, &[(first.id_pos, None)])
            .pop()
            .flatten();
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
        registries,
        items,
        diagnostics,
        stats,
    }
}

/// Add a chunk's outcomes to all of them (of `total`): the first chunk is
/// taken as it is, not copied, which is all of them when there is one.
fn keep<T>(all: &mut Vec<T>, mut chunk: Vec<T>, total: usize) {
    if all.is_empty() {
        *all = chunk;
        all.reserve_exact(total - all.len());
    } else {
        all.append(&mut chunk);
    }
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
    root: &CorpusDir,
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
    let (found, diagnostics) = article_in_corpus(
        &text,
        &file,
        &root.dir,
        path,
        outlets,
        &opts.allowed,
        per_article,
    );
    FileOutcome {
        diagnostics,
        article: found.map(|(value, id, id_pos, claims)| Found {
            id,
            file: file.clone(),
            id_pos,
            claims,
            value,
        }),
    }
}

/// One article file of a corpus, its text already read, as `load` handles
/// each: parsed, validated against `outlets`, and handed to `per_article`.
/// Gives the function's result with the article's id, the position of the
/// id and the number of claims (when the file parsed), and the file's
/// diagnostics. The article id defaults to the file's path below `root`.
/// Findings across files (duplicate ids, drift) are the caller's.
#[allow(clippy::type_complexity)]
pub fn article_in_corpus<T, F>(
    text: &str,
    file: &str,
    root: &Path,
    path: &Path,
    outlets: &Outlets,
    allowed: &[Code],
    per_article: F,
) -> (Option<(T, String, Pos, usize)>, Vec<Diagnostic>)
where
    F: FnOnce(Article, &mut FileCtx, &Outlets) -> T,
{
    // Made only for an article without an `id`.
    let default_id = || default_article_id(root, path);
    let (article, id_pos, mut ctx) =
        match parse_and_validate(text, file, &default_id, outlets, allowed) {
            Ok(parsed) => parsed,
            Err(d) => return (None, d),
        };
    let id = article.id.clone();
    let claims = article.claims.len();
    let value = per_article(article, &mut ctx, outlets);
    (Some((value, id, id_pos, claims)), ctx.diagnostics)
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
) -> Result<(Article, Pos, FileCtx<'a>), Vec<Diagnostic>> {
    let src = LineIndex::new(text);
    let (parsed, diagnostics, taint) =
        parse_shaped::<raw::ArticleFile>(text, &src, file, shape::check_article)?;
    let mut ctx = FileCtx::new(file, src, allowed, diagnostics, taint);
    let (article, id_pos) = validate_article(&mut ctx, parsed, default_id, outlets);
    Ok((article, id_pos, ctx))
}

/// Parse a file's text into its `raw` type. The typed parse is the fast path;
/// when it stops at a problem of shape (an unknown field, a missing field, a
/// wrong type), `check` finds every such problem in the file, and the typed
/// parse goes on over the repaired document: the value, those problems, and
/// what the repairs could cause. A syntax error, or a problem no repair gets
/// past, is the file's every diagnostic.
fn parse_shaped<'i, T: serde::de::DeserializeOwned>(
    text: &'i str,
    src: &LineIndex,
    file: &str,
    check: fn(toml::Spanned<toml::de::DeTable<'i>>) -> shape::Checked<'i>,
) -> Result<(T, Vec<Diagnostic>, shape::Taint), Vec<Diagnostic>> {
    let syntax = |e: toml::de::Error| vec![toml_error(&e, src, file, true)];
    let first = match T::deserialize(toml::de::Deserializer::parse(text).map_err(syntax)?) {
        Ok(value) => return Ok((value, Vec::new(), shape::Taint::default())),
        Err(e) => e,
    };
    let checked = check(toml::de::DeTable::parse(text).map_err(syntax)?);
    if checked.problems.is_empty() {
        // Nothing the walk knows: serde's own word.
        return Err(vec![toml_error(&first, src, file, false)]);
    }
    let diagnostics: Vec<Diagnostic> = checked
        .problems
        .into_iter()
        .map(|(d, span)| d.at(file, Some(src.snippet(span))))
        .collect();
    match checked
        .repaired
        .and_then(|doc| T::deserialize(toml::de::Deserializer::from(doc)).ok())
    {
        Some(value) => Ok((value, diagnostics, checked.taint)),
        None => Err(diagnostics),
    }
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
        Err(d) => (None, d),
    }
}

/// `claims/2019/reuters-cyber.toml` below `claims` is `2019/reuters-cyber`.
fn default_article_id(root: &Path, path: &Path) -> String {
    plain_article_id(root, path).unwrap_or_else(|| article_id_from_components(root, path))
}

/// [`default_article_id`] for the path a walk of `root` gives (`root`, a
/// `/`, then names), read from its bytes; `None` for any other spelling
/// (`.` or `..` parts, doubled or trailing slashes, a root spelled with
/// `./`, text that is not UTF-8), left to [`article_id_from_components`].
/// Taking each path apart into components cost 1% of `check`.
fn plain_article_id(root: &Path, path: &Path) -> Option<String> {
    #[cfg(not(unix))]
    {
        let _ = (root, path);
        None
    }
    #[cfg(unix)]
    {
        let root = root.to_str()?;
        let plain = |part: &str| !part.is_empty() && part != "." && part != "..";
        if root.is_empty() || !root.strip_prefix('/').unwrap_or(root).split('/').all(plain) {
            return None;
        }
        let rel = path.to_str()?.strip_prefix(root)?.strip_prefix('/')?;
        if !rel.split('/').all(plain) {
            return None;
        }
        let name_at = rel.rfind('/').map_or(0, |i| i + 1);
        // As `with_extension("")`: a name's last dot ends its stem, unless
        // the dot begins the name.
        let end = match rel[name_at..].rfind('.') {
            Some(0) | None => rel.len(),
            Some(dot) => name_at + dot,
        };
        // A stem of `.` or `..` is taken apart as such: not plain.
        plain(&rel[name_at..end]).then(|| rel[..end].to_string())
    }
}

/// [`default_article_id`] for any spelling of `root` and `path`.
fn article_id_from_components(root: &Path, path: &Path) -> String {
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

#[cfg(test)]
mod tests {
    use super::{article_id_from_components, article_in_corpus, plain_article_id};
    use crate::diag::Code;
    use crate::model::Outlets;
    use std::path::Path;

    /// The diagnostics of an article without `id` at `path` below `corpus`.
    fn id_problems(path: &str) -> Vec<(Code, String, usize)> {
        // (code, message, line)
        let text = "[article]\ntitle = \"T\"\noutlet = \"o\"\npublished = 2019-03-26\n";
        let (found, diags) = article_in_corpus(
            text,
            "f.toml",
            Path::new("corpus"),
            Path::new(path),
            &Outlets::default(),
            &[],
            |a, _, _| a.id,
        );
        assert!(found.is_some());
        diags
            .into_iter()
            .filter(|d| d.code == Code::InvalidValue)
            .map(|d| (d.code, d.message, d.snippet.map_or(0, |s| s.line)))
            .collect()
    }

    #[test]
    fn ids_from_paths_must_name_a_report_file() {
        assert_eq!(id_problems("corpus/2019/a.toml"), []);
        // 120 characters of Devanagari name a file of 360 bytes, which
        // NTFS and APFS allow (255 characters) and ext4 does not.
        let long = "क".repeat(120);
        let problems = id_problems(&format!("corpus/2019/{long}.toml"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].1,
            format!(
                "the article id `2019/{long}`, from the file's path, cannot name a report file: \
                 a part is longer than file systems allow a name to be (255 bytes, `.md` included \
                 for the last part)"
            )
        );
        // At the `[article]` header: the article's id as a whole.
        assert_eq!(problems[0].2, 1);
        assert_eq!(id_problems(&format!("corpus/{long}/a.toml")).len(), 1);
        // The other reasons hold for a path too.
        assert_eq!(id_problems("corpus/readme.toml").len(), 1);
    }

    proptest::proptest! {
        /// The id read from a path's bytes is the one its components give,
        /// for every spelling the fast reading takes, and it takes the plain
        /// spellings a walk gives.
        #[test]
        fn a_plain_path_gives_the_id_its_components_give(
            absolute: bool,
            root in proptest::collection::vec("[a-z.]{0,3}", 0..3),
            rel in proptest::collection::vec("[a-zé .]{0,5}", 0..4),
            ext in "(\\.toml|\\.|)",
            slash in "(/|//|/\\./)",
        ) {
            let root = format!("{}{}", if absolute { "/" } else { "" }, root.join("/"));
            let path = format!("{root}{slash}{}{ext}", rel.join("/"));
            let (root, path) = (Path::new(&root), Path::new(&path));
            if let Some(id) = plain_article_id(root, path) {
                proptest::prop_assert_eq!(id, article_id_from_components(root, path));
            }
            let plain = |p: &str| !p.is_empty() && p != "." && p != "..";
            let walked = slash == "/"
                && root.to_str().is_some_and(|r| r.strip_prefix('/').unwrap_or(r).split('/').all(plain) && r != "/")
                && !rel.is_empty()
                && rel.iter().all(|p| plain(p))
                && plain(&rel[rel.len() - 1])
                // A walk skips hidden names.
                && rel.iter().all(|p| !p.starts_with('.'));
            if walked {
                proptest::prop_assert!(plain_article_id(root, path).is_some());
            }
        }
    }
}
