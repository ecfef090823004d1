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
use crate::lines::ClaimLines;
use crate::lines::LineIndex;
use crate::lint;
use crate::load::{self, DEFAULT_MAX_FILE_SIZE};
use crate::model::{Article, Outlets};
use crate::settings::{self, Settings};
use crate::trail::{self, ArticleFacts};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
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
    pub lines: ClaimLines,
    /// Each claim's text, in file order.
    pub texts: Vec<Box<str>>,
    /// When a claim cites an unknown source: the facts and lines drift is
    /// worked out from, without it, as `check` leaves it out (its
    /// attribution is the typo's). Navigation still finds it in `facts`.
    pub for_drift: Option<(ArticleFacts, ClaimLines)>,
}

/// One file's findings across files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cross {
    /// Its article id is an earlier file's.
    pub duplicate: Option<Diagnostic>,
    /// Drift at its appearances, each with its claim's id, ordered by claim
    /// id (a claim's findings in the order the trail finds them).
    pub drift: Vec<(Box<str>, Diagnostic)>,
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
    /// Findings across files by file, policy not yet applied. Worked out
    /// for the whole corpus when it loads, then, on a change to one file,
    /// again only for the claims that file had or has.
    pub cross: HashMap<PathBuf, Cross>,
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
                let lines = ctx.claim_lines(article.claims.iter().map(|c| c.pos));
                // Only an article with a claim left out of drift needs
                // facts of its own for drift.
                let for_drift = ctx
                    .any_unresolved()
                    .then(|| crate::commands::trace::drift_inputs(&article, ctx));
                let texts = article
                    .claims
                    .iter()
                    .map(|c| c.text.as_str().into())
                    .collect();
                (trail::facts(&article, |_| true), lines, texts, for_drift)
            },
        );
        let article = found.map(
            |((facts, lines, texts, for_drift), id, id_pos, _)| ArticleEntry {
                id_snippet: LineIndex::new(text).snippet(id_pos.start..id_pos.end),
                id,
                facts: Some(facts),
                lines,
                texts,
                for_drift,
            },
        );
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
        // The claims whose trails the change may alter: the file's, before and after.
        let mut claims = self.claim_ids(path);
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
        claims.extend(self.claim_ids(path));
        self.redo_cross(Some(claims));
    }

    /// The claim ids of a file's article.
    fn claim_ids(&self, path: &Path) -> HashSet<String> {
        let facts = self
            .files
            .get(path)
            .and_then(|e| e.article.as_ref())
            .and_then(|a| a.facts.as_ref());
        facts.map_or_else(HashSet::new, |f| {
            f.claims.iter().map(|c| f.claim_id(c).to_string()).collect()
        })
    }

    /// Duplicate article ids and drift, over the whole corpus, as `load` and
    /// `check` find them.
    pub fn cross_file(&mut self) {
        self.redo_cross(None);
    }

    /// Duplicate article ids, by the file holding the duplicate: the first
    /// file (in load order) with an id keeps it; a later one is a duplicate
    /// and is left out of the trails.
    fn duplicates(&self) -> HashMap<PathBuf, Diagnostic> {
        let mut out: HashMap<PathBuf, Diagnostic> = HashMap::new();
        let mut first: HashMap<&str, &PathBuf> = HashMap::new();
        for (path, entry) in &self.files {
            let Some(a) = &entry.article else { continue };
            let Some(&original) = first.get(a.id.as_str()) else {
                first.insert(&a.id, path);
                continue;
            };
            let note = match &self.files[original].article {
                Some(o) => Note::at(
                    "the id is first used here",
                    display(original),
                    o.id_snippet.clone(),
                ),
                None => Note::in_file("the id is first used here", display(original)),
            };
            let d = make::duplicate_article_id(&a.id)
                .at(display(path), Some(a.id_snippet.clone()))
                .note(note);
            out.insert(path.clone(), d);
        }
        out
    }

    /// Work out the findings across files again: duplicate ids everywhere,
    /// and drift for the claims in `claims` (every claim when `None`), with
    /// the trails built from only the articles that have one of them. A
    /// claim's drift depends on its own appearances alone, so the rest
    /// stands. Files whose findings changed are added to `cross_changed`.
    fn redo_cross(&mut self, mut claims: Option<HashSet<String>>) {
        let duplicates = self.duplicates();
        // A file that became a duplicate, or stopped being one, takes its
        // claims out of the trails or puts them back.
        if let Some(claims) = &mut claims {
            for (path, entry) in &self.files {
                let was = self.cross.get(path).is_some_and(|c| c.duplicate.is_some());
                if was != duplicates.contains_key(path)
                    && let Some(f) = entry.article.as_ref().and_then(|a| a.facts.as_ref())
                {
                    claims.extend(f.claims.iter().map(|c| f.claim_id(c).to_string()));
                }
            }
        }
        let wanted = |id: &str| claims.as_ref().is_none_or(|c| c.contains(id));
        let allowed = self.allowed();
        // The facts are taken out for the trails and put back after.
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut facts: Vec<ArticleFacts> = Vec::new();
        let mut lines: Vec<ClaimLines> = Vec::new();
        for (path, entry) in self.files.iter_mut() {
            if duplicates.contains_key(path) {
                continue;
            }
            let Some(a) = &mut entry.article else {
                continue;
            };
            if !a
                .facts
                .as_ref()
                .is_some_and(|f| f.claims.iter().any(|c| wanted(f.claim_id(c))))
            {
                continue;
            }
            let taken = match a.for_drift.take() {
                Some(pair) => Some(pair),
                None => a.facts.take().map(|f| (f, std::mem::take(&mut a.lines))),
            };
            if let Some((f, l)) = taken {
                paths.push(path.clone());
                facts.push(f);
                lines.push(l);
            }
        }
        let mut drift: HashMap<PathBuf, Vec<(Box<str>, Diagnostic)>> = HashMap::new();
        let found = crate::commands::trace::drift_diagnostics(
            &facts,
            &lines,
            &self.outlets,
            &allowed,
            &wanted,
        );
        for (claim, d) in found {
            if let Some(file) = &d.file {
                drift
                    .entry(PathBuf::from(&**file))
                    .or_default()
                    .push((claim.into(), d));
            }
        }
        for ((path, f), l) in paths.iter().zip(facts).zip(lines) {
            if let Some(a) = self.files.get_mut(path).and_then(|e| e.article.as_mut()) {
                // What was taken goes back where it came from.
                if a.facts.is_some() {
                    a.for_drift = Some((f, l));
                } else {
                    a.facts = Some(f);
                    a.lines = l;
                }
            }
        }
        let mut cross = std::mem::take(&mut self.cross);
        // Each file the change touches, as it was before.
        let mut before: HashMap<PathBuf, Cross> = HashMap::new();
        if claims.is_none() {
            before = std::mem::take(&mut cross);
        }
        let snapshot =
            |before: &mut HashMap<PathBuf, Cross>, cross: &HashMap<PathBuf, Cross>, path: &Path| {
                if !before.contains_key(path) {
                    before.insert(
                        path.to_path_buf(),
                        cross.get(path).cloned().unwrap_or_default(),
                    );
                }
            };
        let gone: Vec<PathBuf> = cross
            .keys()
            .filter(|p| !self.files.contains_key(*p))
            .cloned()
            .collect();
        for path in gone {
            snapshot(&mut before, &cross, &path);
            cross.remove(&path);
        }
        for (path, c) in cross.iter_mut() {
            if c.drift.iter().any(|(claim, _)| wanted(claim)) {
                before.entry(path.clone()).or_insert_with(|| c.clone());
                c.drift.retain(|(claim, _)| !wanted(claim));
            }
        }
        let was: Vec<PathBuf> = cross
            .iter()
            .filter(|(p, c)| c.duplicate.is_some() && !duplicates.contains_key(*p))
            .map(|(p, _)| p.clone())
            .collect();
        for path in was {
            snapshot(&mut before, &cross, &path);
            if let Some(c) = cross.get_mut(&path) {
                c.duplicate = None;
            }
        }
        for (path, d) in duplicates {
            if cross.get(&path).and_then(|c| c.duplicate.as_ref()) != Some(&d) {
                snapshot(&mut before, &cross, &path);
                cross.entry(path).or_default().duplicate = Some(d);
            }
        }
        for (path, found) in drift {
            snapshot(&mut before, &cross, &path);
            let c = cross.entry(path).or_default();
            c.drift.extend(found);
            c.drift.sort_by(|a, b| a.0.cmp(&b.0));
        }
        let empty = Cross::default();
        for (path, was) in before {
            let now = cross.get(&path).unwrap_or(&empty);
            if *now == empty {
                cross.remove(&path);
            }
            if was != *cross.get(&path).unwrap_or(&empty) {
                self.cross_changed.push(path);
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
            all.extend(c.duplicate.iter().cloned());
            all.extend(c.drift.iter().map(|(_, d)| d.clone()));
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

#[cfg(test)]
mod tests {
    use super::Workspace;
    use std::path::{Path, PathBuf};

    /// A small seeded generator (splitmix64).
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) % n as u64) as usize
        }
    }

    /// An edit an annotator might make: a hedge, a route or a date dropped
    /// or changed, a claim renamed, the article given another's id.
    fn edit(r: &mut Rng, text: &str, ids: &[String]) -> String {
        let lines: Vec<&str> = text.lines().collect();
        let pick = |r: &mut Rng, key: &str| -> Option<usize> {
            let at: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].starts_with(key))
                .collect();
            (!at.is_empty()).then(|| at[r.below(at.len())])
        };
        let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        match r.below(6) {
            0 => {
                if let Some(i) = pick(r, "hedge = ") {
                    out.remove(i);
                }
            }
            1 => {
                if let Some(i) = pick(r, "via = ") {
                    out[i] = ["via = [\"sputnik\"]", "via = [\"reuters\"]", "via = []"][r.below(3)]
                        .into();
                }
            }
            2 => {
                if let Some(i) = pick(r, "published = ") {
                    out[i] = format!("published = 2019-03-{:02}", 20 + r.below(9));
                }
            }
            3 => {
                if let Some(i) = pick(r, "id = ") {
                    out[i] = "id = \"ru-contingent-cyber-personnel\"".into();
                }
            }
            4 => {
                if let Some(i) = pick(r, "[article]") {
                    out.insert(i + 1, format!("id = \"{}\"", ids[r.below(ids.len())]));
                }
            }
            _ => {
                if let Some(i) = pick(r, "source = ") {
                    out[i] = "source = \"nobody-defined\"".into();
                }
            }
        }
        out.join("\n")
    }

    fn findings(ws: &Workspace, files: &[PathBuf]) -> Vec<Vec<String>> {
        files
            .iter()
            .map(|f| {
                let mut d: Vec<String> =
                    ws.diagnostics(f).iter().map(|d| format!("{d:?}")).collect();
                d.sort();
                d
            })
            .collect()
    }

    /// As `check` does: a claim citing an unknown source is left out of
    /// drift, and the drift of the claims after it points at their own lines.
    #[test]
    fn a_claim_citing_an_unknown_source_is_left_out_of_drift() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(
            root.join("outlets.toml"),
            "[reuters]\nname = \"Reuters\"\nkind = \"wire\"\n\n[daily]\nname = \"Daily\"\nkind = \"newspaper\"\n",
        )
        .unwrap();
        let claim = |id: &str, source: &str, hedge: &str| {
            format!(
                "\n[[claims]]\nid = \"{id}\"\ntext = \"x\"\nsource = \"{source}\"\nsaid = 2019-03-26\n{hedge}"
            )
        };
        let head = |outlet: &str, day: u32| {
            format!(
                "[article]\ntitle = \"T\"\noutlet = \"{outlet}\"\npublished = 2019-03-{day}\n\n[sources.o]\nname = \"Jane Doe\"\n"
            )
        };
        let hedged = "hedge = \"reportedly\"\n";
        let a = head("reuters", 26) + &claim("c1", "o", hedged) + &claim("c2", "o", hedged);
        // c0 and c2 cite `nobody`; c1 drops the hedge on line 16.
        let b = head("daily", 27)
            + &claim("c0", "nobody", "")
            + &claim("c1", "o", "")
            + &claim("c2", "nobody", "");
        std::fs::write(root.join("a.toml"), a).unwrap();
        std::fs::write(root.join("b.toml"), &b).unwrap();
        assert_eq!(
            b.lines().position(|l| l == "id = \"c1\"").map(|i| i + 1),
            Some(16)
        );
        let mut ws = Workspace::default();
        assert!(ws.open_corpus(&root));
        let found: Vec<(String, usize)> = ws
            .diagnostics(&root.join("b.toml"))
            .iter()
            .map(|d| {
                let line = d.snippet.as_ref().map_or(0, |s| s.line);
                (d.code.as_str().to_string(), line)
            })
            .filter(|(code, _)| code == "hedge-dropped")
            .collect();
        assert_eq!(found, [("hedge-dropped".to_string(), 16)]);
    }

    /// After any series of edits, the findings worked out one change at a
    /// time (only the changed file's claims looked at again) are those of
    /// the whole corpus loaded afresh with the same buffers.
    #[test]
    fn findings_kept_current_one_change_at_a_time_are_the_full_ones() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
        std::fs::copy(corpus.join("outlets.toml"), root.join("outlets.toml")).unwrap();
        let mut files = Vec::new();
        for e in std::fs::read_dir(corpus.join("2019")).unwrap() {
            let p = e.unwrap().path();
            let to = root.join(p.file_name().unwrap());
            std::fs::copy(&p, &to).unwrap();
            files.push(to);
        }
        files.sort();
        let ids: Vec<String> = files
            .iter()
            .map(|f| f.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        let mut r = Rng(11);
        let mut ws = Workspace::default();
        assert!(ws.open_corpus(&root));
        let mut changes = 0;
        for step in 0..60 {
            let f = &files[r.below(files.len())];
            if r.below(5) == 0 {
                ws.open.remove(f);
            } else {
                let text = ws.text(f).unwrap();
                let edited = edit(&mut r, &text, &ids);
                ws.open.insert(f.clone(), edited);
            }
            ws.update(f);
            changes += ws.cross_changed.len();
            ws.cross_changed.clear();
            let mut fresh = Workspace {
                open: ws.open.clone(),
                ..Workspace::default()
            };
            assert!(fresh.open_corpus(&root));
            assert_eq!(
                findings(&ws, &files),
                findings(&fresh, &files),
                "step {step}, after editing {}",
                f.display()
            );
        }
        // The edits did change findings across files.
        assert!(changes > 10, "{changes}");
    }
}
