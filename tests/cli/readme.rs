//! The README's generated blocks: each `<!-- begin: ARGS -->` ... `<!-- end -->`
//! block must be exactly what `claimtrail ARGS` prints on `claims/` (its headings
//! demoted to level four; a terminal table, with no `--format`, in a text
//! block). With
//! `CLAIMTRAIL_BLESS_README=1` the test rewrites the blocks instead.

use insta_cmd::get_cargo_bin;
use std::process::Command;

const BEGIN: &str = "<!-- begin: ";
const END: &str = "<!-- end -->";

fn run(args: &str) -> String {
    let out = Command::new(get_cargo_bin("claimtrail"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .args(args.split_whitespace())
        .output()
        .unwrap();
    assert!(out.status.success(), "claimtrail {args} failed");
    // The output's headings sit below the README's own sections.
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| match l.strip_prefix("## ") {
            Some(rest) => format!("#### {rest}\n"),
            None => format!("{l}\n"),
        })
        .collect();
    // A terminal table is shown as it is, in a text block.
    if args.contains("--format") {
        text
    } else {
        format!("```text\n{text}```\n")
    }
}

#[test]
fn readme_blocks_match_the_commands() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let mut rebuilt = String::with_capacity(readme.len());
    let mut rest = readme.as_str();
    let mut mismatches = Vec::new();
    let mut blocks = 0;
    while let Some(start) = rest.find(BEGIN) {
        let header_end = start + rest[start..].find("-->").unwrap() + 3;
        let args = rest[start + BEGIN.len()..header_end - 3].trim();
        let end = header_end + rest[header_end..].find(END).expect("unclosed block");
        let current = rest[header_end..end].trim_start_matches('\n');
        let expected = run(args);
        if current != expected {
            mismatches.push(args.to_string());
        }
        rebuilt.push_str(&rest[..header_end]);
        rebuilt.push('\n');
        rebuilt.push_str(&expected);
        rest = &rest[end..];
        blocks += 1;
    }
    rebuilt.push_str(rest);
    assert!(blocks >= 3, "the README lost its generated blocks");
    if std::env::var_os("CLAIMTRAIL_BLESS_README").is_some() {
        std::fs::write(path, rebuilt).unwrap();
        return;
    }
    assert!(
        mismatches.is_empty(),
        "README blocks out of date: {mismatches:?}; run CLAIMTRAIL_BLESS_README=1 cargo test readme"
    );
}

#[test]
fn the_quick_start_reads_in_80_columns() {
    let readme = include_str!("../../README.md");
    let start = readme.find("## Quick start").unwrap();
    let end = start + readme[start..].find("\n## ").unwrap();
    for line in readme[start..end].lines() {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= 80, "{width} columns: {line}");
    }
}

/// The README's CI settings, `--deny warnings` and the bundled corpus: the
/// settings are what makes the job pass.
#[test]
fn the_ci_settings_pass_the_bundled_corpus_with_deny_warnings() {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("```toml\n# claimtrail.toml")
        .expect("the CI settings block");
    let block = &readme[start + "```toml\n".len()..];
    let block = &block[..block.find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("claimtrail.toml");
    std::fs::write(&settings, block).unwrap();
    let check = |config: Option<&std::path::Path>| {
        let mut cmd = Command::new(get_cargo_bin("claimtrail"));
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["check", "claims", "--deny", "warnings", "--quiet"]);
        if let Some(c) = config {
            cmd.arg("--config").arg(c);
        }
        cmd.output().unwrap()
    };
    let with = check(Some(&settings));
    assert_eq!(
        with.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&with.stdout)
    );
    assert!(String::from_utf8_lossy(&with.stdout).contains(": 0 errors, 0 warnings"));
    assert_eq!(check(None).status.code(), Some(1));
    // No placeholder where the install step is.
    assert!(!readme.contains("OWNER/"));
}
