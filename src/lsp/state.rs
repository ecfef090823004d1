//! The corpus as the server holds it in memory: the registry, the settings,
//! and per article file the facts that cross-file findings, completion and
//! navigation need (its id, its claims' trail facts, lines and texts) and its
//! own diagnostics. Built once from disk with the loader `check` uses, then
//! kept current one file at a time (an edited buffer, a file changed on
//! disk), so nothing rereads the corpus on a keystroke. Only a change to
//! `outlets.toml` or `claimtrail.toml`, which every article depends on,
//! reloads the whole corpus.

use crate::corpus::{self, CONFIG_FILE, REGISTRY_FILE, display};
use crate::diag::{Code, Diagnostic, Level, Note, Snippet, make};
use crate::lines::LineIndex;
use crate::lint;
use crate::load::{self, DEFAULT_MAX_FILE_SIZE};
use crate::model::{Article, Outlets};
use crate::settings::{self, Settings};
use crate::trail::{self, ArticleFacts};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What the server knows of one article file.
#[derive(Debug, Default)]
pub struct FileEntry {
    /// The file's own diagnostics (format and lints), before policy.
    pub diags: Vec<Diagnostic>,
    pub article: Option<ArticleEntry>,
}

/// An article file that parsed.
#[derive(Debug)]
pub struct ArticleEntry {
    pub id: String,
    pub id_snippet: Snippet,
    /// Taken out while drift is worked out over the corpus.
    pub facts: Option<ArticleFacts>,
    /// Each claim's id line, in file order.
    pub lines: Vec<Snippet>,
    /// Each claim's text, in file order.
    pub texts: Vec<Box<str>>,
}

/// The corpus in memory.
#[derive(Debug, Default)]
pub struct Workspace {
    /// The corpus folder (holding `outlets.toml`), absolute; `None` until
    /// one is found.
    pub root: Option<PathBuf>,
    pub registry: Option<PathBuf>,
    pub outlets: Outlets,
    pub registry_diags: Vec<Diagnostic>,
    pub settings: Settings,
    pub settings_diags: Vec<Diagnostic>,
    /// `claimtrail lsp --config FILE`, over the search.
    pub settings_override: Option<PathBuf>,
    /// `--max-file-size`, over the settings.
    pub max_size_override: Option<u64>,
    /// Every article file of the corpus, in the loader's order.
    pub files: BTreeMap<PathBuf, FileEntry>,
    /// Open documents: their text as the editor has it.
    pub open: HashMap<PathBuf, String>,
    /// Findings across files (duplicate ids, drift) by file, policy not yet
    /// applied; worked out again when the corpus changes.
    pub cross: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Files whose findings across files changed since last taken: a
    /// change elsewhere affected them, open or not.
    pub cross_changed: Vec<PathBuf>,
}

impl Workspace {
    /// Find the corpus serving `start` (a folder or a file) and load it.
    /// Returns whether a corpus was found.
    pub fn open_corpus(&mut self, start: &Path) -> bool {
        let dir = if start.is_dir() {
            start.to_path_buf()
        } else {
            match start.parent() {
                Some(p) => p.to_path_buf(),
                None => return false,
            }
        };
        let (root, registry) = corpus::find_registry(&dir);
        let (Some(root), Some(registry)) = (root, registry) else {
            return false;
        };
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        self.registry = Some(root.join(REGISTRY_FILE));
        let _ = registry;
        self.root = Some(root);
        self.reload();
        // Loading is no change: what it finds is published as files open.
        self.cross_changed.clear();
        true
    }

    /// Whether `path` belongs to the corpus.
    pub fn contains(&self, path: &Path) -> bool {
        self.root.as_deref().is_some_and(|r| path.starts_with(r))
    }

    pub fn max_file_size(&self) -> u64 {
        self.max_size_override
            .or(self.settings.max_file_size)
            .unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    /// Codes the policy allows: the loader does not build them.
    pub fn allowed(&self) -> Vec<Code> {
        Code::ALL
            .iter()
            .copied()
            .filter(|&c| self.settings.policy.level(c) == Level::Allow)
            .collect()
    }

    /// Read the settings, the registry and every article again.
    pub fn reload(&mut self) {
        let Some(root) = self.root.clone() else {
            return;
        };
        let settings_path = self
            .settings_override
            .clone()
            .or_else(|| corpus::find_settings(std::slice::from_ref(&root), &root));
        (self.settings, self.settings_diags) = settings_path
            .and_then(|p| settings::read(&p).ok())
            .unwrap_or_default();
        self.registry_diags.clear();
        self.outlets = match &self.registry {
            Some(r) => load::load_registry(r, self.max_file_size(), &mut self.registry_diags),
            None => Outlets::default(),
        };
        let mut problems = Vec::new();
        let found = corpus::discover(std::slice::from_ref(&root), &mut problems);
        let files: Vec<PathBuf> = found.into_iter().flat_map(|c| c.files).collect();
        let allowed = self.allowed();
        let max = self.max_file_size();
        let this = &*self;
        let entries: Vec<(PathBuf, FileEntry)> = files
            .into_par_iter()
            .map(|path| {
                let entry = match this.open.get(&path) {
                    Some(text) => this.analyze(&path, text, &allowed),
                    None => match load::read_text(&path, max) {
                        Ok(text) => this.analyze(&path, &text, &allowed),
                        Err(d) => FileEntry {
                            diags: vec![d],
                            article: None,
                        },
                    },
                };
                (path, entry)
            })
            .collect();
        self.files = entries.into_iter().collect();
        self.cross_file();
    }

    /// One article file's entry, from its text: what `check` finds in it
    /// alone, and the facts findings across files need.
    pub fn analyze(&self, path: &Path, text: &str, allowed: &[Code]) -> FileEntry {
        let Some(root) = &self.root else {
            return FileEntry::default();
        };
        let file = display(path);
        let (found, diags) = load::article_in_corpus(
            text,
            &file,
            root,
            path,
            &self.outlets,
            allowed,
            |article, ctx, outlets| {
                lint::check_article(&article, outlets, ctx);
                let lines = article.claims.iter().map(|c| ctx.snippet(c.pos)).collect();
                let texts = article
                    .claims
                    .iter()
                    .map(|c| c.text.as_str().into())
                    .collect();
                (trail::facts(&article, |_| true), lines, texts)
            },
        );
        let article = found.map(|((facts, lines, texts), id, id_pos, _)| ArticleEntry {
            id_snippet: LineIndex::new(text).snippet(id_pos.start..id_pos.end),
            id,
            facts: Some(facts),
            lines,
            texts,
        });
        FileEntry { diags, article }
    }

    /// The article in a text, for hover and code actions (no lints).
    pub fn article(&self, path: &Path, text: &str) -> Option<Article> {
        let root = self.root.as_ref()?;
        let file = display(path);
        load::article_in_corpus(text, &file, root, path, &self.outlets, &[], |a, _, _| a)
            .0
            .map(|f| f.0)
    }

    /// A file's text: the editor's buffer when open, else the disk's.
    pub fn text(&self, path: &Path) -> Option<String> {
        match self.open.get(path) {
            Some(t) => Some(t.clone()),
            None => load::read_text(path, self.max_file_size()).ok(),
        }
    }

    /// Analyze one file again (its buffer, or the disk's text) and redo the
    /// findings across files. A file gone from disk leaves the corpus.
    pub fn update(&mut self, path: &Path) {
        if !self.contains(path) {
            return;
        }
        let name = path.file_name().and_then(|n| n.to_str());
        if name == Some(REGISTRY_FILE) || name == Some(CONFIG_FILE) {
            self.reload();
            return;
        }
        let below = self
            .root
            .as_deref()
            .and_then(|r| path.strip_prefix(r).ok())
            .unwrap_or(path);
        // As `corpus` walks it: `.toml` files, none below a hidden folder.
        if path.extension().is_none_or(|e| e != "toml") || is_hidden(below) {
            return;
        }
        let allowed = self.allowed();
        let entry = match self.open.get(path) {
            Some(text) => Some(self.analyze(path, text, &allowed)),
            None if path.is_file() => Some(match load::read_text(path, self.max_file_size()) {
                Ok(text) => self.analyze(path, &text, &allowed),
                Err(d) => FileEntry {
                    diags: vec![d],
                    article: None,
                },
            }),
            None => None,
        };
        match entry {
            Some(e) => {
                self.files.insert(path.to_path_buf(), e);
            }
            None => {
                self.files.remove(path);
            }
        }
        self.cross_file();
    }

    /// Duplicate article ids and drift, over the whole corpus, as `load` and
    /// `check` find them: the first file (in load order) with an id keeps
    /// it; a later one is a duplicate and is left out of the trails.
    pub fn cross_file(&mut self) {
        let mut cross: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
        let mut first: HashMap<&str, &PathBuf> = HashMap::new();
        let mut duplicates: Vec<PathBuf> = Vec::new();
        for (path, entry) in &self.files {
            let Some(a) = &entry.article else { continue };
            match first.get(a.id.as_str()) {
                None => {
                    first.insert(&a.id, path);
                }
                Some(&original) => {
                    let there = &self.files[original];
                    let note = match &there.article {
                        Some(o) => Note::at(
                            "the id is first used here",
                            display(original),
                            o.id_snippet.clone(),
                        ),
                        None => Note::in_file("the id is first used here", display(original)),
                    };
                    cross.entry(path.clone()).or_default().push(
                        make::duplicate_article_id(&a.id)
                            .at(display(path), Some(a.id_snippet.clone()))
                            .note(note),
                    );
                    duplicates.push(path.clone());
                }
            }
        }
        drop(first);
        let allowed = self.allowed();
        // The facts are taken out for the trails and put back after.
        let mut taken: Vec<(&PathBuf, ArticleFacts, Vec<Snippet>)> = Vec::new();
        for (path, entry) in self.files.iter_mut() {
            if duplicates.contains(path) {
                continue;
            }
            if let Some(a) = &mut entry.article
                && let Some(f) = a.facts.take()
            {
                taken.push((path, f, std::mem::take(&mut a.lines)));
            }
        }
        let (paths, rest): (Vec<&PathBuf>, Vec<(ArticleFacts, Vec<Snippet>)>) =
            taken.into_iter().map(|(p, f, l)| (p, (f, l))).unzip();
        let (facts, lines): (Vec<ArticleFacts>, Vec<Vec<Snippet>>) = rest.into_iter().unzip();
        let drift =
            crate::commands::trace::drift_diagnostics(&facts, &lines, &self.outlets, &allowed);
        let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
        for (path, (f, l)) in paths.iter().zip(facts.into_iter().zip(lines)) {
            if let Some(a) = self.files.get_mut(path).and_then(|e| e.article.as_mut()) {
                a.facts = Some(f);
                a.lines = l;
            }
        }
        for d in drift {
            if let Some(file) = &d.file {
                cross.entry(PathBuf::from(&**file)).or_default().push(d);
            }
        }
        for (path, found) in &cross {
            if self.cross.get(path) != Some(found) {
                self.cross_changed.push(path.clone());
            }
        }
        for path in self.cross.keys() {
            if !cross.contains_key(path) {
                self.cross_changed.push(path.clone());
            }
        }
        self.cross = cross;
    }

    /// Every diagnostic of a file, as `check` reports it under the policy.
    pub fn diagnostics(&self, path: &Path) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = Vec::new();
        if let Some(e) = self.files.get(path) {
            all.extend(e.diags.iter().cloned());
        }
        if let Some(c) = self.cross.get(path) {
            all.extend(c.iter().cloned());
        }
        if self.registry.as_deref() == Some(path) {
            all.extend(self.registry_diags.iter().cloned());
        }
        if self.settings.file.as_deref() == Some(path) {
            all.extend(self.settings_diags.iter().cloned());
        }
        self.settings.policy.apply_in_place(&mut all);
        crate::diag::sorted(vec![all])
    }

    /// Every appearance of a claim id: the file and the claim's id line.
    pub fn appearances(&self, id: &str) -> Vec<(&PathBuf, &ArticleEntry, usize)> {
        let mut out = Vec::new();
        for (path, entry) in &self.files {
            let Some(a) = &entry.article else { continue };
            let Some(f) = &a.facts else { continue };
            for (i, c) in f.claims.iter().enumerate() {
                if f.claim_id(c) == id {
                    out.push((path, a, i));
                }
            }
        }
        out
    }
}

fn is_hidden(path: &Path) -> bool {
    path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|s| s.starts_with('.') && s.len() > 1 && s != "..")
    })
}
