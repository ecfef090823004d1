//! Generated and mutated documents never panic the loader: random bytes,
//! random TOML-ish text, and every file of `claims/` truncated, with lines
//! deleted, duplicated or swapped. Each is loaded through the library (with the
//! lints and the per-claim explanation run on what loads), and every diagnostic
//! must have a code, a position when it has a file, and render without panic.
//!
//! 256 cases per property by default; set `PROPTEST_CASES` for a longer run
//! (`PROPTEST_CASES=20000 cargo test --test cli fuzz`). See the index in tests/cli/main.rs.

use claimtrail::diag::{Code, Diagnostic};
use claimtrail::load;
use claimtrail::render::diagnostics as render;
use claimtrail::score::Weights;
use claimtrail::{lint, metrics};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Every file of `claims/` as `(path below claims/, text)`, the registry first.
fn corpus_files() -> &'static [(String, String)] {
    static FILES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let root = crate::common::repo_root().join("claims");
        let mut files = vec![(
            "outlets.toml".to_string(),
            std::fs::read_to_string(root.join("outlets.toml")).unwrap(),
        )];
        let mut articles: Vec<PathBuf> = std::fs::read_dir(root.join("2019"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        articles.sort();
        assert!(!articles.is_empty());
        for path in articles {
            let rel = path.strip_prefix(&root).unwrap().display().to_string();
            files.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
        files
    })
}

fn registry() -> &'static str {
    &corpus_files()[0].1
}

/// Load a corpus of `outlets.toml` and `article.toml` and check what comes out.
fn load_and_check(outlets: &[u8], article: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("outlets.toml"), outlets).unwrap();
    std::fs::write(dir.path().join("article.toml"), article).unwrap();
    let opts = crate::common::load_options(dir.path());
    let weights = Weights::default();
    let loaded = load::load(&opts, |a, ctx, outlets| {
        lint::check_article(&a, outlets, ctx);
        let explained = metrics::explain(&a, outlets, &weights);
        assert_eq!(explained.claim_rows.len(), a.claims.len());
        a.id
    });
    assert!(loaded.items.len() <= 1);
    for d in &loaded.diagnostics {
        check_diagnostic(d);
    }
    // The JSON rendering takes all of them at once.
    let mut json = Vec::new();
    render::json(&mut json, &loaded.diagnostics).unwrap();
}

fn check_diagnostic(d: &Diagnostic) {
    assert!(Code::ALL.contains(&d.code), "{d:?}");
    assert!(!d.code.as_str().is_empty(), "{d:?}");
    assert!(!d.message.is_empty(), "{d:?}");
    if d.file.is_some() {
        // Only a UTF-16 byte-order mark is reported for the file as a whole.
        let whole_file = d.code == Code::NotUtf8 && d.message.contains("byte-order mark");
        match &d.snippet {
            Some(s) => {
                assert!(s.line >= 1, "{d:?}");
                assert!(s.column >= 1, "{d:?}");
                assert!(s.underline.start <= s.underline.end, "{d:?}");
                assert!(s.underline.end <= s.text.len(), "{d:?}");
                assert!(s.text.is_char_boundary(s.underline.start), "{d:?}");
                assert!(s.text.is_char_boundary(s.underline.end), "{d:?}");
                assert!(!s.text.contains('\n'), "{d:?}");
            }
            None => assert!(whole_file, "a diagnostic in a file without a line: {d:?}"),
        }
    }
    let _ = render::human(d, false);
    let _ = render::human(d, true);
}

// --- generators ----------------------------------------------------------------------------

/// Keys of every table (as the loader knows them), and some that are not.
fn keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = [
        claimtrail::raw::ARTICLE_KEYS,
        claimtrail::raw::SOURCE_KEYS,
        claimtrail::raw::CLAIM_KEYS,
    ]
    .concat();
    keys.extend(["titel", "\"quoted key\"", "a.b", "ünïcode"]);
    keys
}

const VALUES: &[&str] = &[
    "\"x\"",
    "\"\"",
    "\"  \"",
    "'literal'",
    "\"\"\"multi\nline\"\"\"",
    "\"reuters\"",
    "\"sputnik\"",
    "\"nope\"",
    "\"us-official\"",
    "\"quote\"",
    "\"background\"",
    "\"person\"",
    "\"US\"",
    "\"us\"",
    "\"état\"",
    "2019-03-26",
    "2019-03-28",
    "2019-02-30",
    "2019-13-01",
    "10:00:00",
    "2019-03-26T10:00:00Z",
    "2019-03-26T10:00:00",
    "2019-03-26 10:00:00+03:00",
    "\"2019-03-26\"",
    "true",
    "false",
    "\"true\"",
    "0",
    "-1",
    "1e400",
    "nan",
    "[]",
    "[[]]",
    "[\"reuters\"]",
    "[\"cnn\", \"rferl\"]",
    "[[\"interfax\", \"reuters\"]]",
    "[[\"sputnik\", \"reuters\"], \"cnn\"]",
    "[1, 2]",
    "[[[\"deep\"]]]",
    "{}",
    "{ a = 1 }",
    "{ name = \"x\" }",
];

const HEADERS: &[&str] = &[
    "[article]",
    "[[article]]",
    "[sources]",
    "[sources.us-official]",
    "[sources.zakharova]",
    "[sources.\"a b\"]",
    "[sources.us-official.extra]",
    "[[claims]]",
    "[claims]",
    "[[sources]]",
    "[other]",
];

fn toml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(HEADERS).prop_map(str::to_string),
        8 => (prop::sample::select(keys()), prop::sample::select(VALUES))
            .prop_map(|(k, v)| format!("{k} = {v}")),
        1 => "[ -~]{0,30}",
        1 => Just(String::new()),
        1 => Just("# a comment".to_string()),
    ]
}

/// Lines of TOML-ish text; half the time after a valid `[article]` table so
/// that the validation behind the parser is reached.
fn toml_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(toml_line(), 0..40),
        prop_oneof![Just("\n"), Just("\r\n")],
    )
        .prop_map(|(prefix, lines, eol)| {
            let mut text = String::new();
            if prefix {
                text.push_str("[article]\ntitle = \"t\"\noutlet = \"reuters\"\n");
            }
            text.push_str(&lines.join(eol));
            text
        })
}

/// A change to a file; positions are taken modulo the file's length.
#[derive(Clone, Debug)]
enum Mutation {
    Truncate(usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

/// Apply a mutation to bytes; truncation may cut a character in two.
fn apply(bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    if let Mutation::Truncate(at) = m {
        let mut bytes = bytes;
        bytes.truncate(at % (bytes.len() + 1));
        return bytes;
    }
    let mut lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let n = lines.len();
    if n == 0 {
        return bytes;
    }
    match *m {
        Mutation::Truncate(_) => unreachable!(),
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => lines.insert(i % n, lines[i % n]),
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
    }
    lines.concat()
}

// --- properties ----------------------------------------------------------------------------

fn config() -> ProptestConfig {
    // The default reads PROPTEST_CASES and is 256 without it.
    ProptestConfig::default()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load_and_check(registry().as_bytes(), &bytes);
    }

    #[test]
    fn random_toml_never_panics(text in toml_text()) {
        load_and_check(registry().as_bytes(), text.as_bytes());
    }

    #[test]
    fn random_registry_never_panics(text in toml_text()) {
        let article = &corpus_files()[1].1;
        load_and_check(text.as_bytes(), article.as_bytes());
    }

    #[test]
    fn mutated_corpus_files_never_panic(
        file in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let files = corpus_files();
        let (name, text) = &files[file % files.len()];
        let mut bytes = text.clone().into_bytes();
        for m in &mutations {
            bytes = apply(bytes, m);
        }
        if name == "outlets.toml" {
            // A broken registry under a real article.
            load_and_check(&bytes, files[1].1.as_bytes());
        } else {
            load_and_check(registry().as_bytes(), &bytes);
        }
    }
}

#[test]
fn every_corpus_file_loads_unmutated() {
    // The baseline the mutations start from: each file loads with no error.
    for (name, text) in &corpus_files()[1..] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("outlets.toml"), registry()).unwrap();
        std::fs::write(dir.path().join("article.toml"), text).unwrap();
        let loaded = load::load(&crate::common::load_options(dir.path()), |a, _, _| a.id);
        assert_eq!(loaded.items, ["article"], "{name}");
        let errors: Vec<&Diagnostic> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == claimtrail::diag::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn every_line_of_every_file_deleted() {
    // The exhaustive version of one mutation, cheap enough to run always.
    for (name, text) in corpus_files() {
        let lines = text.split_inclusive('\n').count();
        for i in 0..lines {
            let bytes = apply(text.clone().into_bytes(), &Mutation::DeleteLine(i));
            if name == "outlets.toml" {
                load_and_check(&bytes, corpus_files()[1].1.as_bytes());
            } else {
                load_and_check(registry().as_bytes(), &bytes);
            }
        }
    }
}
