//! Hostile and broken input, exhaustively where it is cheap: every truncation
//! and every single-line deletion of every file in `claims/`, odd encodings and
//! line endings, deep nesting, huge and numerous files, special files, Unicode;
//! and determinism: the same corpus gives the same bytes whatever the thread
//! count or the order files were created in.
//!
//! Every case must end in diagnostics (or a clean load), never a panic or hang.

use claimtrail::diag::{Code, Diagnostic};
use claimtrail::load;
use insta_cmd::get_cargo_bin;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn registry() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("claims/outlets.toml")).unwrap()
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("claims/2019"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Load one article text next to the real registry; return its diagnostics.
fn load_text(dir: &Path, text: &[u8]) -> Vec<Diagnostic> {
    let file = dir.join("article.toml");
    std::fs::write(&file, text).unwrap();
    let loaded = load::load(&crate::common::load_options(dir), |a, _, _| a.claims.len());
    for d in &loaded.diagnostics {
        if let Some(line) = d.line() {
            assert!(line >= 1 && d.column().unwrap() >= 1, "{d:?}");
        }
    }
    loaded.diagnostics
}

fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("outlets.toml"), registry()).unwrap();
    dir
}

#[test]
fn every_truncation_and_every_deleted_line_of_the_corpus() {
    let dir = scratch();
    let mut cases = 0;
    for path in corpus_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for cut in 0..=lines.len() {
            load_text(dir.path(), lines[..cut].concat().as_bytes());
            cases += 1;
        }
        for skip in 0..lines.len() {
            let mut kept = lines.clone();
            kept.remove(skip);
            load_text(dir.path(), kept.concat().as_bytes());
            cases += 1;
        }
    }
    assert!(cases > 2000, "{cases} cases");
}

#[test]
fn encodings_and_line_endings() {
    let dir = scratch();
    let seed = std::fs::read_to_string(
        Path::new(ROOT).join("claims/2019/manajemen-ti-pasukan-siber-rusia.toml"),
    )
    .unwrap();
    let codes = |d: &[Diagnostic]| -> Vec<Code> {
        d.iter()
            .map(|d| d.code)
            .filter(|c| *c != Code::UndatedArticle)
            .collect()
    };

    // A UTF-8 byte-order mark is accepted.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(seed.as_bytes());
    assert_eq!(codes(&load_text(dir.path(), &bom)), vec![]);

    // CRLF line endings are accepted, and lines still count right.
    let crlf = seed
        .replace('\n', "\r\n")
        .replace("outlet = \"manajemen-ti\"", "outlet = \"manajemen-tii\"");
    let d = load_text(dir.path(), crlf.as_bytes());
    let unknown: Vec<&Diagnostic> = d.iter().filter(|d| d.code == Code::UnknownOutlet).collect();
    assert_eq!(unknown.len(), 1);
    let lf_line = seed
        .lines()
        .position(|l| l.starts_with("outlet = "))
        .unwrap()
        + 1;
    assert_eq!(unknown[0].line(), Some(lf_line));
    assert!(!unknown[0].snippet.as_ref().unwrap().text.contains('\r'));

    // Lone CR line endings are not TOML line breaks: a syntax error, located.
    let cr = seed.replace('\n', "\r");
    assert_eq!(
        codes(&load_text(dir.path(), cr.as_bytes())),
        vec![Code::Syntax]
    );

    // UTF-16 (with its byte-order mark) and invalid UTF-8.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in seed.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    assert_eq!(codes(&load_text(dir.path(), &utf16)), vec![Code::NotUtf8]);
    let mut bad = seed.as_bytes().to_vec();
    bad.insert(200, 0xC3);
    bad.insert(201, 0x28);
    let d = load_text(dir.path(), &bad);
    assert_eq!(codes(&d), vec![Code::NotUtf8]);
    assert!(d[0].line().is_some());

    // NUL bytes and random binary.
    let mut nul = seed.as_bytes().to_vec();
    nul.insert(100, 0);
    assert_eq!(codes(&load_text(dir.path(), &nul)), vec![Code::NotUtf8]);
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    assert!(!load_text(dir.path(), &noise).is_empty());

    // Empty files.
    assert_eq!(codes(&load_text(dir.path(), b"")), vec![Code::MissingField]);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let dir = scratch();
    let n = 200_000;
    let head =
        "[article]\ntitle = \"x\"\noutlet = \"reuters\"\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\n";
    let arrays = format!("{head}via = {}{}\n", "[".repeat(n), "]".repeat(n));
    let tables = format!("{head}quote = {}1{}\n", "{a=".repeat(n), "}".repeat(n));
    let unclosed = format!("{head}via = {}\n", "[".repeat(n));
    for text in [arrays, tables, unclosed] {
        let d = load_text(dir.path(), text.as_bytes());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, Code::Syntax);
    }
}

#[test]
fn a_huge_file_is_refused_quickly_and_the_limit_is_configurable() {
    let dir = scratch();
    let file = dir.path().join("huge.toml");
    // A sparse 200 MB file: refused from its size, never read.
    let f = std::fs::File::create(&file).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    let loaded = load::load(&crate::common::load_options(dir.path()), |_, _, _| ());
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].code, Code::FileTooLarge);

    // The limit is a setting: through the command line and claimtrail.toml.
    std::fs::remove_file(&file).unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        "[article]\ntitle = \"x\"\noutlet = \"reuters\"\npublished = 2019-03-26\n",
    )
    .unwrap();
    let out = Command::new(get_cargo_bin("claimtrail"))
        .args(["check", "--quiet", "--max-file-size", "10"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(dir.path().join("claimtrail.toml"), "max-file-size = 10\n").unwrap();
    let out = Command::new(get_cargo_bin("claimtrail"))
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("file-too-large"));
}

#[test]
fn a_file_with_a_million_claims_loads() {
    let dir = scratch();
    let mut text = String::from(
        "[article]\ntitle = \"Extract\"\noutlet = \"reuters\"\npublished = 2019-03-26\n\n[sources.s]\nname = \"S\"\n",
    );
    for i in 0..1_000_000 {
        text.push_str(&format!(
            "[[claims]]\nid = \"c{i}\"\ntext = \"t\"\nsource = \"s\"\n"
        ));
    }
    let d = load_text(dir.path(), text.as_bytes());
    assert!(d.is_empty(), "{:?}", &d[..d.len().min(3)]);
}

#[test]
fn a_hundred_thousand_files_in_one_folder() {
    let dir = scratch();
    for i in 0..100_000 {
        std::fs::write(
            dir.path().join(format!("a{i:06}.toml")),
            format!("[article]\ntitle = \"{i}\"\noutlet = \"reuters\"\npublished = 2019-03-26\n"),
        )
        .unwrap();
    }
    let loaded = load::load(&crate::common::load_options(dir.path()), |a, _, _| a.id);
    assert!(loaded.diagnostics.is_empty());
    assert_eq!(loaded.items.len(), 100_000);
    // In file-name order, whatever order the file system lists them in.
    assert_eq!(loaded.items[0], "a000000");
    assert_eq!(loaded.items[99_999], "a099999");
}

#[cfg(unix)]
#[test]
fn special_files_are_diagnostics_not_hangs() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;
    let dir = scratch();
    let p = dir.path();
    symlink("/dev/zero", p.join("zero.toml")).unwrap();
    symlink(p, p.join("loop")).unwrap();
    symlink(p.join("missing"), p.join("dangling.toml")).unwrap();
    let fifo = p.join("fifo.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let name = std::ffi::OsStr::from_bytes(b"caf\xE9.toml");
    std::fs::write(
        p.join(name),
        "[article]\ntitle = \"x\"\noutlet = \"reuters\"\npublished = 2019-03-26\n",
    )
    .unwrap();
    let loaded = load::load(&crate::common::load_options(p), |a, _, _| a.id);
    let unreadable = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Unreadable)
        .count();
    let expected = 3 + usize::from(made.is_ok_and(|s| s.success()));
    assert_eq!(unreadable, expected, "{:#?}", loaded.diagnostics);
    // The file whose name is not UTF-8 still loads, under a lossy id.
    assert_eq!(loaded.items, vec!["caf\u{FFFD}".to_string()]);
}

#[test]
fn unicode_stays_aligned_and_escaped() {
    let dir = scratch();
    let text = r#"[article]
title = "تقرير — 報道 🛰️ e\u0301"
outlet = "reuters"
published = 2019-03-26

[sources.a]
name = "Zaharová, \"the\" spokeswoman | 发言人"
country = "RU"

[[claims]]
id = "uni"
text = "line one\nline two, \"quoted\", with | pipes & <tags> and عربى"
source = "a"
said = 2019-03-26
"#;
    std::fs::write(dir.path().join("u.toml"), text).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(get_cargo_bin("claimtrail"))
            .env("NO_COLOR", "1")
            .args(args)
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let json = run(&["sources", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["speakers"][0]["speaker"],
        "Zaharová, \"the\" spokeswoman | 发言人"
    );
    let csv = run(&["sources", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[0], "Zaharová, \"the\" spokeswoman | 发言人");
    let md = run(&["sources", "--format", "markdown"]);
    assert!(md.contains("spokeswoman \\| 发言人"), "{md}");
    // The table's rows all have the same display width.
    let table = run(&["sources"]);
    let widths: Vec<usize> = table
        .lines()
        .skip_while(|l| !l.starts_with('+'))
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with('|') || l.starts_with('+'))
        .map(unicode_width::UnicodeWidthStr::width)
        .collect();
    assert!(widths.len() >= 4);
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{table}");
}

/// Every report command, in every text format.
const COMMANDS: &[&[&str]] = &[
    &["check", "--format", "json"],
    &["report", "--format", "json"],
    &["report", "--format", "markdown"],
    &["report", "--format", "csv"],
    &["report"],
    &[
        "report",
        "--article",
        "2019/manajemen-ti-pasukan-siber-rusia",
        "--format",
        "json",
    ],
    &["sources", "--format", "json"],
    &["claims", "--format", "json"],
    &["claims"],
    &["trace", "ru-planes-landed-caracas", "--format", "json"],
    &["trace", "ru-planes-landed-caracas", "--format", "dot"],
];

fn output(dir: &Path, args: &[&str], threads: &str) -> Vec<u8> {
    // Paths are given relative to `dir`, so the outputs can be compared.
    let out = Command::new(get_cargo_bin("claimtrail"))
        .current_dir(dir)
        .env("RAYON_NUM_THREADS", threads)
        .env("NO_COLOR", "1")
        .env("LC_ALL", if threads == "1" { "C" } else { "tr_TR.UTF-8" })
        .args(args)
        .arg("claims")
        .output()
        .unwrap();
    out.stdout
}

#[test]
fn same_bytes_whatever_the_threads_locale_or_file_order() {
    // A copy of the corpus whose files are created in reverse order.
    let copy = tempfile::tempdir().unwrap();
    let target = copy.path().join("claims");
    std::fs::create_dir_all(target.join("2019")).unwrap();
    let mut files = corpus_files();
    files.reverse();
    for f in &files {
        std::fs::copy(f, target.join("2019").join(f.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        Path::new(ROOT).join("claims/outlets.toml"),
        target.join("outlets.toml"),
    )
    .unwrap();
    for args in COMMANDS {
        let one = output(Path::new(ROOT), args, "1");
        let four = output(Path::new(ROOT), args, "4");
        let reversed = output(copy.path(), args, "4");
        assert!(!one.is_empty(), "{args:?} printed nothing");
        assert_eq!(one, four, "{args:?}: 1 vs 4 threads");
        assert_eq!(one, reversed, "{args:?}: reversed file order");
    }
}

/// "Did you mean" does bounded work per unknown id: a 40,000-byte misspelt
/// id, and 10,000 misspelt source and outlet references among 10,000 sources
/// and 10,000 outlets, once took minutes (every unknown id compared with every
/// known one, each comparison length × length).
#[test]
fn misspelt_ids_among_many_candidates_check_in_bounded_work() {
    let dir = scratch();
    let mut registry = String::new();
    for i in 0..10_000 {
        registry.push_str(&format!("[outlet-{i:05}]\nname = \"O{i}\"\n"));
    }
    std::fs::write(dir.path().join("outlets.toml"), registry).unwrap();
    let long = "x".repeat(40_000);
    let mut text = format!(
        "[article]\ntitle = \"t\"\noutlet = \"outlet-00000\"\npublished = 2019-03-26\n\n[sources.{long}]\nname = \"Long\"\n"
    );
    for i in 0..10_000 {
        text.push_str(&format!("[sources.source-{i:05}]\nname = \"S{i}\"\n"));
    }
    text.push_str(&format!(
        "[[claims]]\nid = \"long\"\ntext = \"t\"\nsource = \"{long}y\"\n"
    ));
    for i in 0..10_000 {
        text.push_str(&format!(
            "[[claims]]\nid = \"c{i}\"\ntext = \"t\"\nsource = \"sourse-{i:05}\"\nvia = [\"outlit-{i:05}\"]\n"
        ));
    }
    let diags = load_text(dir.path(), text.as_bytes());
    let unknown: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::UnknownSource)
        .collect();
    assert_eq!(unknown.len(), 10_001);
    let help = |d: &Diagnostic| d.help.as_deref().unwrap_or("").to_string();
    let long_help = unknown.iter().find(|d| d.message.len() > 40_000).unwrap();
    // No suggestion for the long id, and the list of sources is cut short.
    let long_help = help(long_help);
    let tail = &long_help[long_help.len() - 40..];
    assert!(
        long_help.ends_with("`source-00009`, and 9991 more"),
        "{tail}"
    );
    assert!(long_help.len() < 40_000 + 300, "{tail}");
    for i in [0, 4_999, 9_999] {
        let d = unknown
            .iter()
            .find(|d| d.message == format!("unknown source `sourse-{i:05}`"))
            .unwrap();
        assert_eq!(help(d), format!("did you mean `source-{i:05}`?"));
    }
    let outlets: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::UnknownOutlet)
        .collect();
    assert_eq!(outlets.len(), 10_000);
    assert_eq!(help(outlets[7]), "did you mean `outlet-00007`?");
}
