//! Finding a corpus: the folders and files a run names, the article files
//! below them, the outlet registry that serves each folder, the project's edge
//! and the settings file. Every command that reads a corpus (`check`,
//! `report`, `fmt`, `new`) finds it here, so they all agree on what a corpus
//! is.

use crate::diag::{Diagnostic, make};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The outlet registry's file name, at a corpus's root.
pub const REGISTRY_FILE: &str = "outlets.toml";
/// The settings file's name; it also marks a project's root.
pub const CONFIG_FILE: &str = "claimtrail.toml";

/// A corpus folder and the article files below it.
#[derive(Debug)]
pub struct CorpusDir {
    /// The folder article ids are relative to.
    pub dir: PathBuf,
    pub registry: Option<PathBuf>,
    pub files: Vec<PathBuf>,
}

pub fn display(path: &Path) -> String {
    match path.to_str() {
        Some(s) => s.to_string(),
        None => path.display().to_string(),
    }
}

/// Find the corpus roots and their article files, in a deterministic order.
pub fn discover(paths: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<CorpusDir> {
    let mut roots: Vec<CorpusDir> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                diagnostics.push(make::unreadable(&display(path), &e));
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
            None => roots.push(CorpusDir {
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
pub fn find_registry(dir: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
    let absolute = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for (up, d) in absolute.ancestors().enumerate() {
        if d.join(REGISTRY_FILE).is_file() {
            let root = ancestor(dir, up);
            let registry = root.join(REGISTRY_FILE);
            return (Some(root), Some(registry));
        }
        if is_project_root(d) {
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
    for w in walker(dir).map(|entry| walked(entry, dir, registry)) {
        match w {
            Walked::Article(path) => files.push(path),
            Walked::Problem(d) => diagnostics.push(d),
            Walked::Other => {}
        }
    }
}

/// Every entry below `dir` (and `dir` itself), sorted by file name at each
/// level, following symlinks, skipping hidden entries.
fn walker(dir: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by(by_name_in_folder)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
}

/// Two entries of one folder, in file-name order. Both paths are the
/// folder's path joined with a name, so their bytes compare as the names do;
/// comparing them whole spares taking each apart for its last component at
/// every comparison (as `sort_by_file_name` does), a walk's largest cost.
fn by_name_in_folder(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> std::cmp::Ordering {
    a.path().as_os_str().cmp(b.path().as_os_str())
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
            return Walked::Problem(walk_problem(&e, dir));
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

/// Whether `dir` is a project's root: a folder holding `.git` or the
/// settings file. Searches upward stop there.
fn is_project_root(dir: &Path) -> bool {
    dir.join(".git").exists() || dir.join(CONFIG_FILE).is_file()
}

/// The settings file for a run over `paths`: the nearest `claimtrail.toml` at
/// or above the first path (a corpus carries its project's settings wherever
/// the command is run from), up to the project's root; failing that, the
/// nearest at or above `cwd`.
pub fn find_settings(paths: &[PathBuf], cwd: &Path) -> Option<PathBuf> {
    let from_corpus = paths.first().and_then(|path| {
        let start = existing_folder(path)?;
        let absolute = std::fs::canonicalize(&start).unwrap_or(start);
        for dir in absolute.ancestors() {
            let candidate = dir.join(CONFIG_FILE);
            if candidate.is_file() {
                return Some(candidate);
            }
            if dir.join(".git").exists() {
                break;
            }
        }
        None
    });
    from_corpus.or_else(|| {
        cwd.ancestors()
            .map(|d| d.join(CONFIG_FILE))
            .find(|p| p.is_file())
    })
}

/// The registry that serves a file at `path`, which may not exist yet (as for
/// `new`): the one `check` would use, found from the nearest existing folder
/// at or above the file's, stopping at the project's root.
pub fn registry_for(path: &Path) -> Option<PathBuf> {
    let start = existing_folder(path)?;
    find_registry(&start).1
}

/// The nearest existing folder at or above `path` (itself when it is a
/// folder; `.` for a bare file name).
fn existing_folder(path: &Path) -> Option<PathBuf> {
    if path.is_dir() {
        return Some(path.to_path_buf());
    }
    let parent = path.parent()?;
    parent
        .ancestors()
        .find(|d| d.as_os_str().is_empty() || d.is_dir())
        .map(|d| {
            if d.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                d.to_path_buf()
            }
        })
}

/// The `.toml` files below `paths` that `fmt` lays out: article files and the
/// registry, not the settings file, nothing hidden, each file once, in walk
/// order. Besides them, a diagnostic for each entry that cannot be read, in
/// the words `check` uses: a `.toml` that is not a regular file (a FIFO, a
/// device) among them, found from its type without opening it, which could
/// wait for a writer that never comes.
pub fn toml_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_file() {
            found.push(path.clone());
            continue;
        }
        for entry in walker(path) {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    problems.push(walk_problem(&e, path));
                    continue;
                }
            };
            let p = entry.path();
            if entry.file_type().is_dir()
                || p.extension().is_none_or(|e| e != "toml")
                || p.file_name().is_some_and(|n| n == CONFIG_FILE)
            {
                continue;
            }
            if entry.file_type().is_file() {
                found.push(p.to_path_buf());
            } else {
                problems.push(make::not_regular_file(&display(p)));
            }
        }
    }
    let mut seen = HashSet::new();
    found.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    (found, problems)
}

/// An entry a walk below `root` could not read.
pub fn walk_problem(e: &walkdir::Error, root: &Path) -> Diagnostic {
    let path = e.path().map(display).unwrap_or_else(|| display(root));
    if e.loop_ancestor().is_some() {
        return make::symlink_loop(&path);
    }
    match e.io_error() {
        Some(io) => make::unreadable(&path, io),
        None => make::unreadable(&path, e),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// Every path a walk with `sort` gives below `dir`.
    fn walked(
        dir: &std::path::Path,
        sort: fn(walkdir::WalkDir) -> walkdir::WalkDir,
    ) -> Vec<PathBuf> {
        sort(walkdir::WalkDir::new(dir))
            .into_iter()
            .map(|e| e.expect("a readable entry").into_path())
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Whole paths of one folder's entries sort as their names do, at
        /// every level, whatever the names (prefixes of each other, spaces,
        /// dots, capitals, non-ASCII) and the folder's own spelling.
        #[test]
        fn whole_paths_sort_as_file_names(
            names in proptest::collection::btree_set("[a-zA-Z .é_-]{1,6}(\\.toml)?", 1..12),
            nested in 0usize..3,
            trailing_slash: bool,
        ) {
            let tmp = tempfile::tempdir().expect("a temporary folder");
            let names: Vec<String> = names
                .into_iter()
                .filter(|n| n.trim() == n && n != "." && n != "..")
                .collect();
            for (i, name) in names.iter().enumerate() {
                let path = tmp.path().join(name);
                if i < nested {
                    std::fs::create_dir(&path).expect("a folder");
                    for inner in &names {
                        std::fs::write(path.join(inner), "").expect("a file");
                    }
                } else {
                    std::fs::write(&path, "").expect("a file");
                }
            }
            let mut dir = tmp.path().as_os_str().to_owned();
            if trailing_slash {
                dir.push("/");
            }
            let dir = PathBuf::from(dir);
            let by_name = walked(&dir, |w| w.sort_by_file_name());
            let by_path = walked(&dir, |w| w.sort_by(super::by_name_in_folder));
            proptest::prop_assert_eq!(by_path, by_name);
        }
    }
}
