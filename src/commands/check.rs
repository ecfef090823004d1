//! `claimtrail check`: every diagnostic of the corpus, policy applied, then a
//! one-line summary. Named article files are checked against the whole corpus
//! they belong to (duplicate ids and drift need it), and only their findings
//! are shown; `--code` and `--file` narrow the findings further, `--summary`
//! counts them per code.

use super::{Error, Exit, Run, plural};
use crate::corpus::display;
use crate::diag::Severity;
use crate::diag::{Code, Diagnostic, Level, Snippet, did_you_mean};
use crate::lint;
use crate::load::Loaded;
use crate::model::{Outlets, Pos};
use crate::options::{CheckFormat, Focus};
use crate::render::diagnostics as diag_render;
use crate::settings::Policy;
use crate::trail::{self, ArticleFacts, Finding, Place};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) fn check(
    run: &mut Run,
    paths: &[PathBuf],
    format: CheckFormat,
    focus: &Focus,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    let codes = parse_codes(&focus.codes)?;
    run.load_options(paths)?;
    // A named file is checked within its corpus: the folder of its registry.
    let mut load_paths: Vec<PathBuf> = Vec::new();
    let mut named_files: Vec<PathBuf> = Vec::new();
    for p in paths {
        let root = if p.is_file() {
            crate::corpus::registry_for(p).and_then(|r| r.parent().map(Path::to_path_buf))
        } else {
            None
        };
        match root {
            Some(root) => {
                named_files.push(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()));
                let root = if root.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    root
                };
                if !load_paths.contains(&root) {
                    load_paths.push(root);
                }
            }
            None => {
                if !load_paths.contains(p) {
                    load_paths.push(p.clone());
                }
            }
        }
    }
    let opts = run.load_options(&load_paths)?;
    if run.settings.policy.level(Code::AnonymousWithoutReason) != Level::Allow {
        crate::anonymity::prepare_in_background();
    }
    let loaded: Loaded<ArticleFacts> = run.load(&opts, |article, ctx, outlets| {
        lint::check_article(&article, outlets, ctx);
        super::trace::drift_facts(&article, ctx)
    });
    let facts = loaded.items;
    let mut kept = Kept {
        named_files: &named_files,
        codes: &codes,
        globs: &focus.files,
        last: None,
    };
    // Drift findings stay compact until written: a drift-heavy corpus has
    // tens of thousands, and each as a diagnostic holds its message and two
    // lines of text.
    let drift = Drift::find(
        &facts,
        &loaded.outlets,
        &run.settings.policy,
        opts.max_file_size,
        &mut kept,
    );
    let mut made = run.finish_parts(vec![loaded.diagnostics]);
    let found = made.len() + drift.all;
    if !kept.everything() {
        made.retain(|d| kept.keeps(d.code, d.file.as_deref()));
    }
    let all = merge(&made, &drift);
    let errors = all
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
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
    ) + &if all.len() < found {
        format!(" (of {found} findings in all)")
    } else {
        String::new()
    };
    let sources = sources_line(run.settings.file.as_deref(), &loaded.registries);
    match format {
        CheckFormat::Human if focus.summary => {
            if !run.config.quiet {
                out.write_all(per_code(&all).as_bytes())?;
                writeln!(out)?;
            }
            writeln!(out, "{sources}\n{summary}")?;
        }
        CheckFormat::Human => {
            if !run.config.quiet {
                // Rendering is the costly part of a long list: do it in parallel,
                // into a few large buffers at a time, and write in order. A
                // batch of 2,048 is some 2 MB of text: enough for every thread,
                // little next to the corpus's facts.
                let color = run.config.term.color;
                for batch in all.chunks(2_048) {
                    let texts: Vec<String> = batch
                        .par_chunks(256)
                        .map(|chunk| {
                            let mut text = String::with_capacity(chunk.len() * 1024);
                            for d in chunk {
                                diag_render::human_into(&mut text, &d.diagnostic(&drift), color);
                                text.push_str("\n\n");
                            }
                            text
                        })
                        .collect();
                    for text in texts {
                        out.write_all(text.as_bytes())?;
                    }
                }
            }
            writeln!(out, "{sources}\n{summary}")?;
        }
        CheckFormat::Json => diag_render::json(out, all.iter().map(|d| d.diagnostic(&drift)))?,
        CheckFormat::Github => {
            diag_render::github(out, all.iter().map(|d| d.diagnostic(&drift)))?;
            writeln!(out, "{sources}\n{summary}")?;
        }
    }
    // What a large corpus holds is let go in parallel.
    drop(all);
    drop(drift);
    rayon::join(
        || made.into_par_iter().for_each(drop),
        || facts.into_par_iter().for_each(drop),
    );
    Ok(if errors > 0 {
        Exit::Findings
    } else {
        Exit::Success
    })
}

/// The corpus's drift findings in output order, each with its severity and
/// place; made into diagnostics one at a time as they are written.
struct Drift<'a> {
    facts: &'a [ArticleFacts],
    lines: IdLines,
    outlets: &'a Outlets,
    /// The findings shown.
    found: Vec<Placed<'a>>,
    /// How many there are in all, shown or not.
    all: usize,
}

/// A drift finding, where it is reported, and how severe the policy makes it.
struct Placed<'a> {
    finding: Finding<'a>,
    severity: Severity,
    file: &'a str,
    /// The claim id's line and column; 0 when not known.
    line: usize,
    column: usize,
}

impl<'a> Drift<'a> {
    /// Every drift finding the policy does not allow, sorted as
    /// `diag::sorted` sorts diagnostics: by file, position, code and message,
    /// then in the order found. Only those `kept` are placed, their claims'
    /// id lines read from files of at most `max` bytes.
    fn find(
        facts: &'a [ArticleFacts],
        outlets: &'a Outlets,
        policy: &Policy,
        max: u64,
        kept: &mut Kept,
    ) -> Drift<'a> {
        let mut found =
            trail::findings_unordered(facts, outlets, &|code| policy.level(code) != Level::Allow);
        let all = found.len();
        if !kept.everything() {
            // Whether an article's findings are shown, decided once for each.
            let mut shown: Vec<Option<bool>> = vec![None; facts.len()];
            found.retain(|f| {
                let a = f.at.0 as usize;
                kept.keeps_code(f.code)
                    && *shown[a].get_or_insert_with(|| kept.keeps_file(&facts[a].file))
            });
        }
        let lines = IdLines::read(facts, &found, max);
        let mut found: Vec<Placed> = found
            .into_par_iter()
            .map(|finding| {
                let (line, column) = lines.get(finding.at).map_or((0, 0), |s| (s.line, s.column));
                Placed {
                    severity: policy.severity(finding.code),
                    file: &facts[finding.at.0 as usize].file,
                    line,
                    column,
                    finding,
                }
            })
            .collect();
        // Ties on the place and code are rare (two claims on one line): only
        // then are messages written to settle them.
        found.par_sort_by(|x, y| {
            (x.file, x.line, x.column, x.finding.code)
                .cmp(&(y.file, y.line, y.column, y.finding.code))
                .then_with(|| {
                    x.finding
                        .message(facts, outlets)
                        .cmp(&y.finding.message(facts, outlets))
                })
                .then_with(|| x.finding.claim.cmp(y.finding.claim))
        });
        Drift {
            facts,
            lines,
            outlets,
            found,
            all,
        }
    }
}

/// The id lines of the claims that drift findings point at, cut from their
/// files read again once the findings are known: per article, each such
/// claim (its place among the article's facts) with its line, by claim.
/// Cutting every claim's line as the files loaded cost more than reading
/// again the few files a finding points at; a drift-heavy corpus reads most
/// twice. A file changed since it loaded gives no line rather than a wrong
/// one (see [`crate::load::snippets_again`]).
struct IdLines(Vec<Vec<(u32, Snippet)>>);

impl IdLines {
    fn read(facts: &[ArticleFacts], found: &[Finding], max: u64) -> IdLines {
        let mut places: Vec<Place> = found.iter().flat_map(|f| [f.at, f.earlier]).collect();
        places.par_sort_unstable();
        places.dedup();
        let articles: Vec<&[Place]> = places.chunk_by(|x, y| x.0 == y.0).collect();
        let read: Vec<Vec<(u32, Snippet)>> = articles
            .par_iter()
            .map(|places| {
                let article = &facts[places[0].0 as usize];
                let ids: Vec<(Pos, Option<&str>)> = places
                    .iter()
                    .map(|&(_, c)| {
                        let claim = &article.claims[c as usize];
                        (claim.pos(), Some(article.claim_id(claim)))
                    })
                    .collect();
                let snippets = crate::load::snippets_again(&article.file, max, &ids);
                places
                    .iter()
                    .zip(snippets)
                    .filter_map(|(&(_, c), s)| Some((c, s?)))
                    .collect()
            })
            .collect();
        let mut by_article: Vec<Vec<(u32, Snippet)>> = Vec::new();
        by_article.resize_with(facts.len(), Vec::new);
        for (places, lines) in articles.iter().zip(read) {
            by_article[places[0].0 as usize] = lines;
        }
        IdLines(by_article)
    }

    /// The id line of the claim at `place`, when it could be read again.
    fn get(&self, (a, c): Place) -> Option<&Snippet> {
        let lines = self.0.get(a as usize)?;
        let i = lines.binary_search_by_key(&c, |l| l.0).ok()?;
        Some(&lines[i].1)
    }
}

/// One finding to show: made as the files were checked, or a drift finding
/// still compact.
#[derive(Clone, Copy)]
enum Shown<'d, 'a> {
    Made(&'d Diagnostic),
    Drift(&'d Placed<'a>),
}

impl<'d> Shown<'d, '_> {
    fn code(self) -> Code {
        match self {
            Shown::Made(d) => d.code,
            Shown::Drift(p) => p.finding.code,
        }
    }

    fn severity(self) -> Severity {
        match self {
            Shown::Made(d) => d.severity,
            Shown::Drift(p) => p.severity,
        }
    }

    /// The finding as a diagnostic, made now if it is a drift finding.
    fn diagnostic(self, drift: &Drift) -> Cow<'d, Diagnostic> {
        match self {
            Shown::Made(d) => Cow::Borrowed(d),
            Shown::Drift(p) => {
                let mut d = super::trace::drift_diagnostic(
                    &p.finding,
                    drift.facts,
                    &|place| drift.lines.get(place).cloned(),
                    drift.outlets,
                );
                d.severity = p.severity;
                Cow::Owned(d)
            }
        }
    }
}

/// Both lists, each in output order, as one: by file, then line, column and
/// code. A drift code is never a code of the diagnostics made while
/// checking, so the two never tie.
fn merge<'d, 'a>(made: &'d [Diagnostic], drift: &'d Drift<'a>) -> Vec<Shown<'d, 'a>> {
    let key = |d: &'d Diagnostic| {
        (
            d.file.as_deref(),
            d.line().unwrap_or(0),
            d.column().unwrap_or(0),
            d.code,
        )
    };
    let mut all = Vec::with_capacity(made.len() + drift.found.len());
    let (mut m, mut f) = (made.iter().peekable(), drift.found.iter().peekable());
    loop {
        let next = match (m.peek(), f.peek()) {
            (Some(&d), Some(&p)) => {
                if key(d) <= (Some(p.file), p.line, p.column, p.finding.code) {
                    m.next().map(Shown::Made)
                } else {
                    f.next().map(Shown::Drift)
                }
            }
            (Some(_), None) => m.next().map(Shown::Made),
            (None, Some(_)) => f.next().map(Shown::Drift),
            (None, None) => None,
        };
        match next {
            Some(s) => all.push(s),
            None => return all,
        }
    }
}

/// The line above the summary: which settings file and registries the run
/// used, so a policy left behind in another folder does not go unnoticed.
fn sources_line(settings: Option<&Path>, registries: &[PathBuf]) -> String {
    let settings = match settings {
        Some(p) => format!("settings {}", display(p)),
        None => "default settings (no claimtrail.toml)".to_string(),
    };
    let registries = if registries.is_empty() {
        "no registry".to_string()
    } else {
        let list: Vec<String> = registries.iter().map(|p| display(p)).collect();
        format!(
            "registr{} {}",
            if list.len() == 1 { "y" } else { "ies" },
            list.join(", ")
        )
    };
    format!("using {settings}, {registries}")
}

/// `--code` values as codes; an unknown one is a usage error.
fn parse_codes(names: &[String]) -> Result<Vec<Code>, Error> {
    names
        .iter()
        .map(|name| {
            Code::parse(name).ok_or_else(|| {
                let hint = did_you_mean(name, Code::ALL.iter().map(|c| c.as_str()))
                    .unwrap_or_else(|| "see the codes in the README".to_string());
                Error::Usage(format!("--code: no code `{name}`; {hint}"))
            })
        })
        .collect()
}

/// The findings to show: in the named files (and the registry and settings
/// they are checked with) when files were named, of the codes asked for, in
/// files matching the globs. Asked finding by finding; findings come sorted
/// by file, so each file is looked at once.
struct Kept<'f> {
    named_files: &'f [PathBuf],
    codes: &'f [Code],
    globs: &'f [String],
    /// The last file looked at, and whether its findings are shown.
    last: Option<(Box<str>, bool)>,
}

impl Kept<'_> {
    /// Whether every finding is shown.
    fn everything(&self) -> bool {
        self.named_files.is_empty() && self.codes.is_empty() && self.globs.is_empty()
    }

    fn keeps(&mut self, code: Code, file: Option<&str>) -> bool {
        if !self.keeps_code(code) {
            return false;
        }
        let Some(file) = file else {
            return self.globs.is_empty();
        };
        if let Some((f, keep)) = &self.last
            && **f == *file
        {
            return *keep;
        }
        let keep = self.keeps_file(file);
        self.last = Some((file.into(), keep));
        keep
    }

    fn keeps_code(&self, code: Code) -> bool {
        self.codes.is_empty() || self.codes.contains(&code)
    }

    /// Whether the findings in `file` are shown, whatever their code.
    fn keeps_file(&self, file: &str) -> bool {
        in_named(file, self.named_files) && globs_match(file, self.globs)
    }
}

/// Whether a finding in `file` belongs to the files named (the registry and
/// the settings file always do: the named files are checked with them).
fn in_named(file: &str, named_files: &[PathBuf]) -> bool {
    if named_files.is_empty() {
        return true;
    }
    let path = Path::new(file);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name == crate::corpus::REGISTRY_FILE || name == crate::corpus::CONFIG_FILE {
        return true;
    }
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    named_files.contains(&path)
}

fn globs_match(file: &str, globs: &[String]) -> bool {
    globs.is_empty() || globs.iter().any(|g| glob_matches(g, file))
}

/// A file path against a glob: `*` and `?` within one folder name, `**`
/// across folders; a glob without `/` is matched against the file name.
pub(crate) fn glob_matches(glob: &str, path: &str) -> bool {
    let path = path.strip_prefix("./").unwrap_or(path);
    let subject = if glob.contains('/') {
        path
    } else {
        path.rsplit('/').next().unwrap_or(path)
    };
    let g: Vec<char> = glob.strip_prefix("./").unwrap_or(glob).chars().collect();
    let s: Vec<char> = subject.chars().collect();
    // matches[i][j]: g[i..] matches s[j..].
    let mut matches = vec![vec![false; s.len() + 1]; g.len() + 1];
    matches[g.len()][s.len()] = true;
    for i in (0..g.len()).rev() {
        let double = g[i] == '*' && g.get(i + 1) == Some(&'*');
        for j in (0..=s.len()).rev() {
            matches[i][j] = match g[i] {
                '*' if double => {
                    // `**` and the `/` after it may match nothing.
                    let after = if g.get(i + 2) == Some(&'/') {
                        i + 3
                    } else {
                        i + 2
                    };
                    matches[after.min(g.len())][j] || (j < s.len() && matches[i][j + 1])
                }
                '*' => matches[i + 1][j] || (j < s.len() && s[j] != '/' && matches[i][j + 1]),
                '?' => j < s.len() && s[j] != '/' && matches[i + 1][j + 1],
                c => j < s.len() && s[j] == c && matches[i + 1][j + 1],
            };
        }
    }
    matches[0][0]
}

/// `--summary`: how many findings each code has, most first, as
/// `  12 warning relay-uncredited`.
fn per_code(all: &[Shown]) -> String {
    let mut counts: Vec<(Code, Severity, usize)> = Vec::new();
    for d in all {
        let (code, severity) = (d.code(), d.severity());
        match counts
            .iter_mut()
            .find(|(c, s, _)| *c == code && *s == severity)
        {
            Some(entry) => entry.2 += 1,
            None => counts.push((code, severity, 1)),
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.as_str().cmp(b.0.as_str())));
    let width = counts.first().map_or(1, |c| c.2.to_string().len());
    let mut text = String::new();
    for (code, severity, n) in counts {
        let severity = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        text.push_str(&format!("{n:>width$} {severity:<7} {}\n", code.as_str()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{Drift, glob_matches, merge};
    use crate::diag::{Code, Diagnostic, Level};
    use crate::lines::ClaimLines;
    use crate::load::{LoadOptions, load};
    use crate::settings::Policy;
    use crate::trail::ArticleFacts;

    /// Drift findings held compact and made into diagnostics as they are
    /// shown give, in order and to the byte, what making them all first and
    /// sorting them with the others gives: on the shipped corpus, whose
    /// files mix lints and drift, under the default policy and under one that
    /// denies one drift code and allows another.
    #[test]
    fn drift_kept_compact_shows_as_drift_made_first() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("claims");
        let mut strict = Policy::default();
        strict.set(Code::HedgeDropped, Level::Deny);
        strict.set(Code::RelayUncredited, Level::Allow);
        strict.set(Code::AnonymousWithoutReason, Level::Deny);
        for policy in [Policy::default(), strict] {
            let opts = LoadOptions {
                paths: vec![corpus.clone()],
                ..LoadOptions::default()
            };
            let loaded = load(&opts, |article, ctx, _| {
                crate::lint::check_article(&article, &crate::model::Outlets::default(), ctx);
                crate::commands::trace::drift_inputs(&article, ctx)
            });
            let (facts, lines): (Vec<ArticleFacts>, Vec<ClaimLines>) =
                loaded.items.into_iter().unzip();
            let full: Vec<Diagnostic> = crate::commands::trace::drift_diagnostics(
                &facts,
                &lines,
                &loaded.outlets,
                &[],
                &|_| true,
            )
            .into_iter()
            .map(|(_, d)| d)
            .collect();
            let mut parts = vec![loaded.diagnostics.clone(), full];
            for part in &mut parts {
                policy.apply_in_place(part);
            }
            let expected = crate::diag::sorted(parts);
            let mut made = loaded.diagnostics;
            policy.apply_in_place(&mut made);
            let made = crate::diag::sorted(vec![made]);
            let mut kept = super::Kept {
                named_files: &[],
                codes: &[],
                globs: &[],
                last: None,
            };
            let drift = Drift::find(&facts, &loaded.outlets, &policy, u64::MAX, &mut kept);
            let shown: Vec<Diagnostic> = merge(&made, &drift)
                .into_iter()
                .map(|s| s.diagnostic(&drift).into_owned())
                .collect();
            let drifts = shown
                .iter()
                .filter(|d| d.code.group() == crate::diag::Group::Drift);
            assert!(drifts.count() >= 10, "the corpus has drift to show");
            assert!(
                shown
                    .iter()
                    .any(|d| d.code.group() != crate::diag::Group::Drift)
            );
            assert_eq!(shown, expected);
        }
    }

    #[test]
    fn globs_match_within_and_across_folders() {
        assert!(glob_matches("*reuters*", "claims/2019/reuters-cyber.toml"));
        assert!(!glob_matches("*reuters*", "claims/reuters/other.toml"));
        assert!(glob_matches("claims/2019/*", "claims/2019/a.toml"));
        assert!(!glob_matches("claims/*", "claims/2019/a.toml"));
        assert!(glob_matches("claims/**/*.toml", "claims/2019/a.toml"));
        assert!(glob_matches("claims/**/*.toml", "claims/a.toml"));
        assert!(glob_matches("**/a.toml", "./claims/2019/a.toml"));
        assert!(glob_matches("a?.toml", "x/ab.toml"));
        assert!(!glob_matches("a?.toml", "x/a.toml"));
    }
}
