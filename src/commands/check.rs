//! `claimtrail check`: every diagnostic of the corpus, policy applied, then a
//! one-line summary. Named article files are checked against the whole corpus
//! they belong to (duplicate ids and drift need it), and only their findings
//! are shown; `--code` and `--file` narrow the findings further, `--summary`
//! counts them per code.

use super::{Error, Exit, Run, plural};
use crate::corpus::display;
use crate::diag::Severity;
use crate::diag::{Code, Diagnostic, did_you_mean};
use crate::lines::ClaimLines;
use crate::lint;
use crate::load::Loaded;
use crate::options::{CheckFormat, Focus};
use crate::render::diagnostics as diag_render;
use crate::trail::ArticleFacts;
use rayon::prelude::*;
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
    // Each claim's id line is cut out while the file is at hand, for drift
    // findings to show without reading the file again.
    let loaded: Loaded<(ArticleFacts, ClaimLines)> = run.load(&opts, |article, ctx, outlets| {
        lint::check_article(&article, outlets, ctx);
        super::trace::drift_inputs(&article, ctx)
    });
    let (facts, lines): (Vec<ArticleFacts>, Vec<ClaimLines>) = loaded.items.into_iter().unzip();
    let drift: Vec<Diagnostic> =
        super::trace::drift_diagnostics(&facts, &lines, &loaded.outlets, &opts.allowed, &|_| true)
            .into_iter()
            .map(|(_, d)| d)
            .collect();
    // Dropping a million small facts takes a while: share it out.
    rayon::join(
        || facts.into_par_iter().for_each(drop),
        || lines.into_par_iter().for_each(drop),
    );
    let all = run.finish_parts(vec![loaded.diagnostics, drift]);
    let found = all.len();
    let all = select(all, &named_files, &codes, &focus.files);
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
                                diag_render::human_into(&mut text, d, color);
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
        CheckFormat::Json => diag_render::json(out, &all)?,
        CheckFormat::Github => {
            diag_render::github(out, &all)?;
            writeln!(out, "{sources}\n{summary}")?;
        }
    }
    // As many diagnostics as a large corpus has are let go in parallel.
    all.into_par_iter().for_each(drop);
    Ok(if errors > 0 {
        Exit::Findings
    } else {
        Exit::Success
    })
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
/// files matching the globs.
fn select(
    all: Vec<Diagnostic>,
    named_files: &[PathBuf],
    codes: &[Code],
    globs: &[String],
) -> Vec<Diagnostic> {
    if named_files.is_empty() && codes.is_empty() && globs.is_empty() {
        return all;
    }
    // Diagnostics come sorted by file: each file is looked at once.
    let mut last: Option<(std::sync::Arc<str>, bool)> = None;
    all.into_iter()
        .filter(|d| codes.is_empty() || codes.contains(&d.code))
        .filter(|d| {
            let Some(file) = &d.file else {
                return globs.is_empty();
            };
            if let Some((f, keep)) = &last
                && f == file
            {
                return *keep;
            }
            let keep = in_named(file, named_files) && globs_match(file, globs);
            last = Some((file.clone(), keep));
            keep
        })
        .collect()
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
fn per_code(all: &[Diagnostic]) -> String {
    let mut counts: Vec<(Code, Severity, usize)> = Vec::new();
    for d in all {
        match counts
            .iter_mut()
            .find(|(c, s, _)| *c == d.code && *s == d.severity)
        {
            Some(entry) => entry.2 += 1,
            None => counts.push((d.code, d.severity, 1)),
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
    use super::glob_matches;

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
