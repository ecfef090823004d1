//! Policy, schema, `new`, `fmt`, `report --out`, and the shell conventions
//! (completions, man page, help). See the index in tests/cli/main.rs.
//!
//! - policy: every configurable code at every level, from
//!   `tests/fixtures/edit/lints/<code>/` (articles that trigger exactly that
//!   code) copied into a temporary corpus beside a `claimtrail.toml`.
//! - schema: every file of `claims/` validates; unknown fields and bad values do not.
//! - fmt: every file of `claims/` is stable under `fmt`, and `fmt` keeps the
//!   model; `tests/fixtures/edit/fmt/messy.toml` shows each layout rule. Files
//!   behind a symlink are formatted in place; hard-linked, read-only and
//!   unreadable entries are named and skipped while the others are formatted.

use crate::common::{
    self, ARTICLE, Corpus, OUTLETS, claimtrail, code, corpus, json, run, run_with_deadline,
};
use claimtrail::diag::Code;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Copy a folder's files (recursively) into another.
fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let target = to.join(rel);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(&entry, &target).unwrap();
    }
}

/// The `.toml` files below a folder (a corpus's articles and registry; its
/// guidelines and other documents left out), sorted.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = walkdir(dir);
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files
}

/// Every file below a folder, sorted.
fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A copy of the real corpus in a temporary folder, as `claims/`.
fn corpus_copy() -> Corpus {
    let c = corpus(&[]);
    copy_dir(&common::repo_root().join("claims"), &c.join("claims"));
    c
}

// --- policy: each lint at each level ---------------------------------------------------------

const LEVELS: [&str; 3] = ["allow", "warn", "deny"];

/// A corpus triggering `code`, with `[lints] code = level`.
fn lint_corpus(code: &str, level: &str) -> Corpus {
    let settings = format!("[lints]\n{code} = \"{level}\"\n");
    let c = corpus(&[("outlets.toml", OUTLETS), ("claimtrail.toml", &settings)]);
    let fixture = common::repo_root().join(common::fixture(&format!("edit/lints/{code}")));
    copy_dir(&fixture, c.path());
    c
}

/// `check --format json` in a corpus: the diagnostics and the exit code.
fn check_in(c: &Corpus, extra: &[&str]) -> (Vec<Value>, i32) {
    let mut args = vec!["check", ".", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run(c.claimtrail(&args));
    (json(&out).as_array().cloned().unwrap(), code(&out))
}

fn with_code<'a>(diags: &'a [Value], name: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == name).collect()
}

#[test]
fn every_configurable_code_has_a_lint_fixture() {
    let dir = common::repo_root().join(common::fixture("edit/lints"));
    let mut fixtures: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    fixtures.sort();
    let mut codes: Vec<String> = Code::ALL
        .iter()
        .filter(|c| c.configurable())
        .map(|c| c.as_str().to_string())
        .collect();
    codes.sort();
    assert_eq!(fixtures, codes);
}

#[test]
fn every_lint_at_every_level() {
    for c in Code::ALL.iter().filter(|c| c.configurable()) {
        let name = c.as_str();
        for level in LEVELS {
            let corpus = lint_corpus(name, level);
            let (diags, exit) = check_in(&corpus, &[]);
            let found = with_code(&diags, name);
            let context = format!("{name} = \"{level}\": {diags:#?}");
            match level {
                "allow" => {
                    assert!(found.is_empty(), "{context}");
                    assert_eq!(exit, 0, "{context}");
                }
                "warn" => {
                    assert!(!found.is_empty(), "{context}");
                    assert!(
                        found.iter().all(|d| d["severity"] == "warning"),
                        "{context}"
                    );
                    assert_eq!(exit, 0, "{context}");
                }
                _ => {
                    assert!(!found.is_empty(), "{context}");
                    assert!(found.iter().all(|d| d["severity"] == "error"), "{context}");
                    assert_eq!(exit, 1, "{context}");
                }
            }
        }
    }
}

#[test]
fn each_lint_fixture_triggers_only_its_code_when_warned() {
    // Shows the fixtures are minimal: what fires is the code under test (and,
    // for two drift cases, the one code the same change necessarily causes).
    let companions = [
        ("attribution-dropped", "relay-uncredited"),
        ("state-origin-hidden", "state-media-sole-route"),
    ];
    for c in Code::ALL.iter().filter(|c| c.configurable()) {
        let name = c.as_str();
        let (diags, _) = check_in(&lint_corpus(name, "warn"), &[]);
        for d in &diags {
            let other = d["code"].as_str().unwrap();
            assert!(
                other == name || companions.contains(&(name, other)),
                "{name}: also {other}"
            );
        }
    }
}

#[test]
fn deny_warnings_turns_warnings_into_errors_but_keeps_allowed_codes_off() {
    let settings = "[lints]\nunused-source = \"allow\"\nundated-claim = \"warn\"\n";
    let article = "[article]\ntitle = \"T\"\noutlet = \"example-daily\"\npublished = 2019-03-27\n\n[sources.a]\nname = \"A\"\n\n[sources.unused]\nname = \"U\"\n\n[[claims]]\nid = \"c\"\ntext = \"t\"\nsource = \"a\"\n";
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        ("claimtrail.toml", settings),
        ("a.toml", article),
    ]);
    let (diags, exit) = check_in(&c, &["--deny", "warnings"]);
    assert_eq!(exit, 1);
    assert!(with_code(&diags, "unused-source").is_empty(), "{diags:#?}");
    let undated = with_code(&diags, "undated-claim");
    assert_eq!(undated.len(), 1);
    assert_eq!(undated[0]["severity"], "error");
}

#[test]
fn settings_are_found_in_a_parent_folder_and_by_flag() {
    let c = lint_corpus("undated-claim", "deny");
    fs::create_dir_all(c.join("sub")).unwrap();
    // From a subfolder, the corpus's claimtrail.toml still applies.
    let mut cmd = claimtrail(&["check", "..", "--format", "json"]);
    cmd.current_dir(c.join("sub"));
    let out = run(cmd);
    assert_eq!(code(&out), 1);
    // --config names another file, which wins. (Named claimtrail.toml so that
    // the corpus walk skips it.)
    fs::write(
        c.join("sub/claimtrail.toml"),
        "[lints]\nundated-claim = \"allow\"\n",
    )
    .unwrap();
    let out = run(c.claimtrail(&[
        "check",
        ".",
        "--format",
        "json",
        "--config",
        "sub/claimtrail.toml",
    ]));
    assert_eq!(code(&out), 0);
    assert!(with_code(json(&out).as_array().unwrap(), "undated-claim").is_empty());
}

#[test]
fn settings_are_found_from_the_corpus_wherever_the_command_runs() {
    // The corpus's policy denies undated claims: run from an unrelated folder,
    // `check` still applies it (it used to look only above the current folder
    // and pass with exit 0).
    let c = lint_corpus("undated-claim", "deny");
    let elsewhere = tempfile::tempdir().unwrap();
    let mut cmd = claimtrail(&["check", c.path().to_str().unwrap(), "--format", "json"]);
    cmd.current_dir(elsewhere.path());
    let out = run(cmd);
    assert_eq!(code(&out), 1);
    let diags = json(&out);
    let denied = with_code(diags.as_array().unwrap(), "undated-claim");
    assert_eq!(denied.len(), 1);
    assert_eq!(denied[0]["severity"], "error");
    // A settings file above the current folder but unrelated to the corpus
    // does not win over the corpus's own.
    fs::write(
        elsewhere.path().join("claimtrail.toml"),
        "[lints]\nundated-claim = \"allow\"\n",
    )
    .unwrap();
    let mut cmd = claimtrail(&["check", c.path().to_str().unwrap(), "--format", "json"]);
    cmd.current_dir(elsewhere.path());
    assert_eq!(code(&run(cmd)), 1);
}

#[test]
fn new_checks_the_outlet_against_the_registry_check_uses() {
    // A registry above the project's root (a folder holding `.git`) is not
    // the project's: `check` ignores it, and so does `new`.
    let c = corpus(&[("outlets.toml", OUTLETS)]);
    fs::create_dir_all(c.join("project/.git")).unwrap();
    let out = run(c.claimtrail(&[
        "new",
        "project/a.toml",
        "--outlet",
        "reuters",
        "--title",
        "T",
    ]));
    assert_eq!(code(&out), 0);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no outlets.toml"), "{err}");
    // Inside the project's own corpus the outlet is checked.
    fs::write(c.join("project/outlets.toml"), "[ap]\nname = \"AP\"\n").unwrap();
    let out = run(c.claimtrail(&[
        "new",
        "project/b.toml",
        "--outlet",
        "reuters",
        "--title",
        "T",
    ]));
    assert_eq!(code(&out), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown outlet `reuters`"), "{err}");
}

#[test]
fn unknown_codes_and_levels_are_diagnostics_with_did_you_mean() {
    let settings = "[lints]\nanonymous-without-reasn = \"deny\"\nundated-claim = \"dny\"\nsyntax = \"allow\"\n";
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        ("claimtrail.toml", settings),
        ("a.toml", ARTICLE),
    ]);
    let (diags, exit) = check_in(&c, &[]);
    assert_eq!(exit, 2);
    let unknown = with_code(&diags, "unknown-lint");
    assert_eq!(unknown.len(), 2, "{diags:#?}");
    assert_eq!(
        unknown[0]["help"],
        "did you mean `anonymous-without-reason`?"
    );
    assert_eq!(unknown[0]["line"], 2);
    assert!(
        unknown[1]["message"]
            .as_str()
            .unwrap()
            .contains("cannot be configured")
    );
    let level = with_code(&diags, "invalid-value");
    assert_eq!(level.len(), 1);
    assert_eq!(level[0]["help"], "did you mean `deny`?");
    assert_eq!(level[0]["line"], 3);
}

// --- schema ------------------------------------------------------------------------------------

fn schema(kind: &str) -> Value {
    let out = run(claimtrail(&["schema", kind]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema is a valid draft-07 schema")
}

/// A TOML document as an editor validates it: converted to JSON, dates as strings.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn toml_file(text: &str) -> Value {
    toml_to_json(toml::Value::Table(toml::from_str(text).unwrap()))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| e.to_string()).collect()
}

#[test]
fn schema_is_draft_07_and_describes_fields() {
    let s = schema("article");
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    let claim = &s["definitions"]["ClaimTable"]["properties"];
    assert_eq!(
        s["definitions"]["ClaimKind"]["enum"],
        serde_json::json!(["quote", "paraphrase", "assertion", "background"])
    );
    for field in [
        "id", "text", "quote", "source", "via", "said", "hedge", "kind", "key",
    ] {
        assert!(
            claim[field]["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "claims.{field} has no description"
        );
    }
    let o = schema("outlets");
    assert_eq!(
        o["definitions"]["OutletKind"]["enum"],
        serde_json::json!([
            "wire",
            "agency",
            "newspaper",
            "broadcaster",
            "magazine",
            "online",
            "blog",
            "unspecified"
        ])
    );
}

#[test]
fn schema_accepts_every_corpus_file() {
    let article = validator(&schema("article"));
    let outlets = validator(&schema("outlets"));
    let files = toml_files(&common::repo_root().join("claims"));
    assert!(files.len() > 2);
    for file in files {
        let instance = toml_file(&fs::read_to_string(&file).unwrap());
        let v = if file.ends_with("outlets.toml") {
            &outlets
        } else {
            &article
        };
        let errs = errors(v, &instance);
        assert!(errs.is_empty(), "{}: {errs:#?}", file.display());
    }
}

#[test]
fn schema_accepts_every_date_form_the_loader_accepts() {
    let v = validator(&schema("article"));
    for date in [
        "2019-03-27",
        "2019-03-27T14:00:00Z",
        "2019-03-27T14:00:00+07:00",
        "2019-03-27T14:00:00",
    ] {
        let text = format!("[article]\ntitle = \"T\"\noutlet = \"o\"\npublished = {date}\n");
        let instance = toml_file(&text);
        assert!(errors(&v, &instance).is_empty(), "{date}");
    }
}

#[test]
fn schema_rejects_unknown_fields_and_bad_values() {
    let v = validator(&schema("article"));
    let base = "[article]\ntitle = \"T\"\noutlet = \"o\"\n";
    assert!(errors(&v, &toml_file(base)).is_empty());
    let bad = [
        (
            "[article]\ntitle = \"T\"\noutlet = \"o\"\nheadline = \"x\"\n",
            "headline",
        ),
        (
            "[article]\ntitle = \"T\"\noutlet = \"o\"\n[[claims]]\nid = \"c\"\ntext = \"t\"\nsaid_on = 2019-03-27\n",
            "said_on",
        ),
        (
            "[article]\ntitle = \"T\"\noutlet = \"o\"\n[sources.x]\nname = \"X\"\nkind = \"persn\"\n",
            "persn",
        ),
        (
            "[article]\ntitle = \"T\"\noutlet = \"o\"\n[sources.x]\nname = \"X\"\ncountry = \"us\"\n",
            "us",
        ),
        (
            "[article]\ntitle = \"T\"\noutlet = \"o\"\n[[claims]]\nid = \"c\"\ntext = \"t\"\nvia = [[]]\n",
            "[]",
        ),
        (
            "[article]\ntitle = \"T\"\noutlet = \"o\"\n[[claims]]\nid = \"c\"\ntext = \"t\"\nkey = \"yes\"\n",
            "yes",
        ),
        (
            "[article]\ntitle = \"T\"\noutlet = \"o\"\npublished = \"March 2019\"\n",
            "March 2019",
        ),
        ("[article]\ntitle = \"T\"\n", "outlet"),
    ];
    for (text, what) in bad {
        let errs = errors(&v, &toml_file(text));
        assert!(!errs.is_empty(), "accepted: {text}");
        assert!(errs.iter().any(|e| e.contains(what)), "{what}: {errs:#?}");
    }
    let o = validator(&schema("outlets"));
    let errs = errors(
        &o,
        &toml_file("[reuters]\nname = \"Reuters\"\nownership = \"goverment\"\n"),
    );
    assert!(errs.iter().any(|e| e.contains("goverment")), "{errs:#?}");
}

// --- new -----------------------------------------------------------------------------------------

#[test]
fn new_creates_a_formatted_file_that_loads() {
    let c = corpus(&[("outlets.toml", OUTLETS)]);
    let out = run(c.claimtrail(&[
        "new",
        "2019/a.toml",
        "--outlet",
        "reuters",
        "--title",
        "A \"quoted\" headline",
        "--url",
        "https://example.com/a",
        "--published",
        "2019-03-27",
    ]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("created `2019/a.toml`"));
    let text = fs::read_to_string(c.join("2019/a.toml")).unwrap();
    assert!(text.starts_with(
        "[article]\ntitle = \"A \\\"quoted\\\" headline\"\noutlet = \"reuters\"\nurl = \"https://example.com/a\"\npublished = 2019-03-27\n"
    ));
    assert!(text.contains("# [sources.official]") && text.contains("# [[claims]]"));
    // It loads with one finding, that it has no claims yet, and `fmt` has
    // nothing to change.
    let (diags, exit) = check_in(&c, &[]);
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(
        (codes, exit),
        (vec!["article-without-claims"], 0),
        "{diags:#?}"
    );
    let out = run(c.claimtrail(&["fmt", ".", "--check"]));
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

#[test]
fn new_takes_the_language_and_bylines() {
    let c = corpus(&[("outlets.toml", OUTLETS)]);
    let out = run(c.claimtrail(&[
        "new",
        "a.toml",
        "--outlet",
        "reuters",
        "--title",
        "T",
        "--language",
        "id",
        "--byline",
        "Matt Spetalnick",
        "--byline",
        "Idrees Ali",
    ]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = fs::read_to_string(c.join("a.toml")).unwrap();
    assert!(
        text.contains("\nlanguage = \"id\"\nbyline = [\"Matt Spetalnick\", \"Idrees Ali\"]\n"),
        "{text}"
    );
    let e = json(&run(c.claimtrail(&[
        "report",
        ".",
        "--article",
        "a",
        "--format",
        "json",
    ])));
    assert_eq!(e["language"], "id");
    assert_eq!(
        e["byline"],
        serde_json::json!(["Matt Spetalnick", "Idrees Ali"])
    );
    // One byline is a string.
    let out = run(c.claimtrail(&[
        "new", "b.toml", "--outlet", "reuters", "--title", "T", "--byline", "AP",
    ]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = fs::read_to_string(c.join("b.toml")).unwrap();
    assert!(
        text.contains("\nbyline = \"AP\"\n") && text.contains("# language = "),
        "{text}"
    );
    let out = run(c.claimtrail(&["fmt", ".", "--check"]));
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

#[test]
fn fmt_keeps_crlf_line_endings() {
    // A formatted CRLF file is formatted: `--check` passes, `fmt` writes nothing.
    let formatted = ARTICLE.replace("\n", "\r\n");
    let c = corpus(&[("outlets.toml", OUTLETS), ("a.toml", &formatted)]);
    let out = run(c.claimtrail(&["fmt", "a.toml", "--check"]));
    assert_eq!(
        (code(&out), stdout(&out).as_str()),
        (0, ""),
        "{}",
        stderr(&out)
    );
    let out = run(c.claimtrail(&["fmt", "a.toml"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(fs::read_to_string(c.join("a.toml")).unwrap(), formatted);

    // A multi-line string keeps its CR LF line breaks as line breaks, not as
    // `\r\n` escapes, and the rest of the layout is CRLF too.
    let messy = formatted.replace(
        "text = \"Something happened.\"",
        "text  =  '''\r\nSomething\r\nhappened.'''",
    );
    let want = formatted.replace(
        "text = \"Something happened.\"",
        "text = \"\"\"\r\nSomething\r\nhappened.\"\"\"",
    );
    let c = corpus(&[("outlets.toml", OUTLETS), ("a.toml", &messy)]);
    let out = run(c.claimtrail(&["fmt", "a.toml", "--check"]));
    assert_eq!(code(&out), 1);
    let changed: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .map(str::to_string)
        .collect();
    assert_eq!(
        changed,
        [
            "-text  =  '''",
            "+text = \"\"\"",
            "-happened.'''",
            "+happened.\"\"\""
        ]
    );
    let out = run(c.claimtrail(&["fmt", "a.toml"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let written = fs::read_to_string(c.join("a.toml")).unwrap();
    assert_eq!(written, want);
    assert!(!written.contains("\\r"), "{written:?}");
    assert_eq!(
        written.matches('\n').count(),
        written.matches("\r\n").count()
    );
}

#[test]
fn fmt_check_names_a_line_ending_difference_in_one_line() {
    // Mixed line endings: the first line break (LF) sets them for the file.
    let formatted = ARTICLE.replace("\n", "\r\n").replacen("\r\n", "\n", 1);
    let c = corpus(&[("outlets.toml", OUTLETS), ("a.toml", &formatted)]);
    let out = run(c.claimtrail(&["fmt", "a.toml", "--check"]));
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "a.toml: line endings would change to LF (\\n) throughout, and nothing else\n"
    );
    // With another change too: the line, then a diff of that change alone.
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        (
            "a.toml",
            &formatted.replace("title = \"Example\"", "title = 'Example'"),
        ),
    ]);
    let out = run(c.claimtrail(&["fmt", "a.toml", "--check"]));
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("a.toml: line endings would change to LF (\\n) throughout")
    );
    let changed: Vec<&str> = lines
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .collect();
    assert_eq!(changed, ["-title = 'Example'", "+title = \"Example\""]);
    // First line break CRLF: CRLF throughout.
    let mixed = ARTICLE.replacen("\n", "\r\n", 1);
    let c = corpus(&[("outlets.toml", OUTLETS), ("a.toml", &mixed)]);
    let out = run(c.claimtrail(&["fmt", "a.toml", "--check"]));
    assert_eq!(
        stdout(&out),
        "a.toml: line endings would change to CRLF (\\r\\n) throughout, and nothing else\n"
    );
    run(c.claimtrail(&["fmt", "a.toml"]));
    assert_eq!(
        fs::read_to_string(c.join("a.toml")).unwrap(),
        ARTICLE.replace("\n", "\r\n")
    );
}

#[cfg(unix)]
#[test]
fn fmt_reports_a_fifo_as_check_does_and_does_not_hang() {
    let c = corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("claims/a.toml", UNFORMATTED),
    ]);
    let status = std::process::Command::new("mkfifo")
        .arg(c.join("claims/x.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let named =
        "error: `claims/x.toml` is not a regular file (a FIFO, device or folder); it was skipped\n";
    // The folder, and the FIFO named on its own.
    for args in [
        &["fmt", "claims", "--check"][..],
        &["fmt", "claims/x.toml", "--check"],
        &["fmt", "claims/x.toml"],
        &["fmt", "claims"],
    ] {
        let out = run_with_deadline(c.claimtrail(args), Duration::from_secs(30));
        assert_eq!(code(&out), 1, "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(named), "{args:?}: {err}");
        assert!(err.ends_with("; 1 could not be read\n"), "{args:?}: {err}");
    }
    // The other file was formatted all the same.
    assert_eq!(
        fs::read_to_string(c.join("claims/a.toml")).unwrap(),
        FORMATTED
    );
    // `check` names it with the same words.
    let out = run_with_deadline(c.claimtrail(&["check", "claims"]), Duration::from_secs(30));
    assert_eq!(code(&out), 1);
    assert!(
        format!("{}{}", stdout(&out), stderr(&out)).contains(
            "`claims/x.toml` is not a regular file (a FIFO, device or folder); it was skipped"
        ),
        "{out:?}"
    );
}

#[test]
fn new_never_overwrites() {
    let c = corpus(&[("outlets.toml", OUTLETS), ("a.toml", ARTICLE)]);
    let out = run(c.claimtrail(&["new", "a.toml", "--outlet", "reuters", "--title", "T"]));
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("`a.toml` already exists"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(c.join("a.toml")).unwrap(), ARTICLE);
}

#[test]
fn new_checks_outlet_date_and_name() {
    let c = corpus(&[("outlets.toml", OUTLETS)]);
    let cases: [(&[&str], &str); 4] = [
        (
            &["--outlet", "reutrs", "--title", "T"],
            "did you mean `reuters`?",
        ),
        (
            &[
                "--outlet",
                "reuters",
                "--title",
                "T",
                "--published",
                "2019-02-30",
            ],
            "--published",
        ),
        (
            &[
                "--outlet",
                "reuters",
                "--title",
                "T",
                "--published",
                "27/03/2019",
            ],
            "is not a date",
        ),
        (&["--outlet", "reuters", "--title", " "], "--title is empty"),
    ];
    for (args, message) in cases {
        let mut full = vec!["new", "b.toml"];
        full.extend_from_slice(args);
        let out = run(c.claimtrail(&full));
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert!(!c.join("b.toml").exists());
    }
    let out = run(c.claimtrail(&["new", "b.txt", "--outlet", "reuters", "--title", "T"]));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains(".toml"));
}

#[test]
fn new_and_fmt_write_a_file_whose_name_is_250_bytes() {
    // The temporary file beside it must not exceed the 255-byte limit.
    let c = corpus(&[("claims/outlets.toml", OUTLETS)]);
    let rel = format!("claims/{}.toml", "a".repeat(245));
    let out = run(c.claimtrail(&["new", &rel, "--outlet", "reuters", "--title", "T"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(c.join(&rel).is_file());
    c.write(&rel, "[article]\ntitle='T'\noutlet='reuters'\n");
    let out = run(c.claimtrail(&["fmt", "claims"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(c.join(&rel)).unwrap(),
        "[article]\ntitle = \"T\"\noutlet = \"reuters\"\n"
    );
    assert_eq!(fs::read_dir(c.join("claims")).unwrap().count(), 2);
}

#[test]
fn new_names_the_path_it_could_not_create() {
    let c = corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("claims/2019/x.toml", ARTICLE),
    ]);
    // The folder: `x.toml` is a file.
    let out = run(c.claimtrail(&[
        "new",
        "claims/2019/x.toml/z.toml",
        "--outlet",
        "reuters",
        "--title",
        "T",
    ]));
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error: cannot create folder `claims/2019/x.toml`: "),
        "{}",
        stderr(&out)
    );
    // The file: its name is over the file system's limit.
    let long = format!("claims/{}.toml", "a".repeat(300));
    let out = run(c.claimtrail(&["new", &long, "--outlet", "reuters", "--title", "T"]));
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("error: cannot create `{long}`: ")),
        "{}",
        stderr(&out)
    );
    assert_eq!(names(&c.join("claims")), ["2019", "outlets.toml"]);
    assert_eq!(
        fs::read_to_string(c.join("claims/2019/x.toml")).unwrap(),
        ARTICLE
    );
}

// --- fmt -----------------------------------------------------------------------------------------

#[test]
fn fmt_lays_out_the_messy_fixture() {
    let dir = common::repo_root().join(common::fixture("edit/fmt"));
    let messy = fs::read_to_string(dir.join("messy.toml")).unwrap();
    let expected = fs::read_to_string(dir.join("messy.expected.toml")).unwrap();
    let c = corpus(&[("outlets.toml", OUTLETS), ("messy.toml", &messy)]);
    let out = run(c.claimtrail(&["fmt", "messy.toml", "--check"]));
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).starts_with("--- a/messy.toml\n+++ b/messy.toml\n"));
    assert_eq!(fs::read_to_string(c.join("messy.toml")).unwrap(), messy);
    let out = run(c.claimtrail(&["fmt", "messy.toml"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(fs::read_to_string(c.join("messy.toml")).unwrap(), expected);
    // Every comment is still there.
    let comments = |t: &str| -> Vec<String> {
        let mut v: Vec<String> = t
            .lines()
            .filter_map(|l| l.find('#').map(|i| l[i..].trim().to_string()))
            .filter(|c| !c.contains('"'))
            .collect();
        v.sort();
        v
    };
    assert_eq!(comments(&messy), comments(&expected));
}

#[test]
fn fmt_twice_changes_no_byte_of_any_corpus_file() {
    let c = corpus_copy();
    let before_report = stdout(&run(c.claimtrail(&["report", "--format", "json"])));
    let out = run(c.claimtrail(&["fmt"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let once: Vec<(PathBuf, Vec<u8>)> = walkdir(&c.join("claims"))
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    let out = run(c.claimtrail(&["fmt"]));
    assert_eq!(code(&out), 0);
    assert!(
        stderr(&out).starts_with("formatted 0 of "),
        "{}",
        stderr(&out)
    );
    for (path, bytes) in &once {
        assert_eq!(&fs::read(path).unwrap(), bytes, "{}", path.display());
    }
    let out = run(c.claimtrail(&["fmt", "--check"]));
    assert_eq!((code(&out), stdout(&out).as_str()), (0, ""));
    // And the corpus means what it meant.
    let after_report = stdout(&run(c.claimtrail(&["report", "--format", "json"])));
    assert_eq!(before_report, after_report);
}

#[test]
fn the_committed_corpus_is_formatted() {
    let out = run(claimtrail(&["fmt", "--check"]));
    assert_eq!(code(&out), 0, "run `claimtrail fmt`:\n{}", stdout(&out));
}

#[test]
fn fmt_leaves_a_file_with_errors_alone() {
    let broken = "[article]\ntitle = 'T'\noutlet = \"nowhere\"\n";
    let unparsable = "[article\ntitle = 'T'\n";
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        ("broken.toml", broken),
        ("unparsable.toml", unparsable),
        (
            "fine.toml",
            "[article]\ntitle = 'T'\noutlet = \"reuters\"\n",
        ),
    ]);
    let out = run(c.claimtrail(&["fmt", "."]));
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("not formatting `./broken.toml`: it has 1 error"),
        "{err}"
    );
    assert!(err.contains("not formatting `./unparsable.toml`"), "{err}");
    assert_eq!(fs::read_to_string(c.join("broken.toml")).unwrap(), broken);
    assert_eq!(
        fs::read_to_string(c.join("unparsable.toml")).unwrap(),
        unparsable
    );
    assert_eq!(
        fs::read_to_string(c.join("fine.toml")).unwrap(),
        "[article]\ntitle = \"T\"\noutlet = \"reuters\"\n"
    );
}

#[cfg(unix)]
#[test]
fn fmt_keeps_permissions_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        ("a.toml", "[article]\ntitle='T'\noutlet='reuters'\n"),
    ]);
    fs::set_permissions(c.join("a.toml"), fs::Permissions::from_mode(0o600)).unwrap();
    let out = run(c.claimtrail(&["fmt", "a.toml"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mode = fs::metadata(c.join("a.toml")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let names: Vec<String> = fs::read_dir(c.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn fmt_keeps_a_schema_directive_on_the_first_line() {
    // Taplo reads `#:schema` only on the first line.
    let text = "#:schema ../schema.json\n[[claims]]\nid=\"a\"\ntext=\"b\"\n[article]\ntitle = \"T\"\noutlet = \"reuters\"\n";
    formats_to(
        text,
        "#:schema ../schema.json\n[article]\ntitle = \"T\"\noutlet = \"reuters\"\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\n",
    );
}

/// `fmt` lays `text` out as `want`, and `fmt --check` then finds nothing to do.
fn formats_to(text: &str, want: &str) {
    let c = corpus(&[("outlets.toml", OUTLETS), ("a.toml", text)]);
    let out = run(c.claimtrail(&["fmt", "a.toml"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(fs::read_to_string(c.join("a.toml")).unwrap(), want);
    let out = run(c.claimtrail(&["fmt", "a.toml", "--check"]));
    assert_eq!((code(&out), stdout(&out).as_str()), (0, ""));
}

#[test]
fn fmt_keeps_a_comment_closing_a_table_under_it_when_tables_move() {
    // A comment right under a table's last key, then a blank line, closes that
    // table: it moves with the claim, not to the end of `[article]`.
    let text = "[article]\ntitle = \"T\"\noutlet = \"reuters\"\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\nsource = \"x\"\n# closes claim a\n\n[sources.x]\nname = \"X\"\n";
    formats_to(
        text,
        "[article]\ntitle = \"T\"\noutlet = \"reuters\"\n\n[sources.x]\nname = \"X\"\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\nsource = \"x\"\n# closes claim a\n",
    );
}

/// Names in a folder, hidden ones included, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const UNFORMATTED: &str = "[article]\ntitle='T'\noutlet='reuters'\n";
const FORMATTED: &str = "[article]\ntitle = \"T\"\noutlet = \"reuters\"\n";

#[cfg(unix)]
#[test]
fn fmt_formats_the_file_a_symlink_points_to_and_keeps_the_link() {
    // The target's folder has a registry of its own, without the article's
    // outlet: the file is checked with the registry of the corpus it is in.
    let c = corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("elsewhere/outlets.toml", "[ap]\nname = \"AP\"\n"),
        ("elsewhere/real.toml", UNFORMATTED),
    ]);
    let link = c.join("claims/a.toml");
    std::os::unix::fs::symlink("../elsewhere/real.toml", &link).unwrap();
    let out = run(c.claimtrail(&["fmt", "claims"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_link(&link).unwrap(),
        Path::new("../elsewhere/real.toml")
    );
    assert_eq!(
        fs::read_to_string(c.join("elsewhere/real.toml")).unwrap(),
        FORMATTED
    );
    assert_eq!(names(&c.join("claims")), ["a.toml", "outlets.toml"]);
    assert_eq!(names(&c.join("elsewhere")), ["outlets.toml", "real.toml"]);
}

/// After `fmt claims` refused `claims/a.toml`: it is as it was, `b.toml` is
/// formatted, the summary says so, and no temporary file is left.
fn a_left_and_b_formatted(c: &Corpus, err: &str) {
    assert!(
        err.ends_with("formatted 1 of 3 files; 1 could not be written\n"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(c.join("claims/a.toml")).unwrap(),
        UNFORMATTED
    );
    assert_eq!(
        fs::read_to_string(c.join("claims/b.toml")).unwrap(),
        FORMATTED
    );
    assert_eq!(
        names(&c.join("claims")),
        ["a.toml", "b.toml", "outlets.toml"]
    );
}

#[cfg(unix)]
#[test]
fn fmt_refuses_a_hard_linked_file_and_formats_the_others() {
    // Replacing one name of a hard-linked file would leave the other name with
    // the old text: the file is refused, named, and the rest is formatted.
    let c = corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("claims/a.toml", UNFORMATTED),
        ("claims/b.toml", UNFORMATTED),
    ]);
    fs::hard_link(c.join("claims/a.toml"), c.join("a-copy.toml")).unwrap();
    let out = run(c.claimtrail(&["fmt", "claims"]));
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: `claims/a.toml` has 2 hard links, which replacing it would break"),
        "{err}"
    );
    a_left_and_b_formatted(&c, &err);
    use std::os::unix::fs::MetadataExt;
    assert_eq!(fs::metadata(c.join("a-copy.toml")).unwrap().nlink(), 2);
}

/// A file this process cannot open for writing, in a folder it can write (so a
/// rename could still replace the file): mode 0444, or, for root, whom the
/// mode does not stop, a read-only bind mount over the file, unmounted on drop.
#[cfg(unix)]
struct ReadOnlyFile {
    path: PathBuf,
    mounted: bool,
}

#[cfg(unix)]
impl ReadOnlyFile {
    /// `None`, with a note, where neither way works (root without the right
    /// to mount): then there is nothing to test.
    fn make(path: &Path) -> Option<ReadOnlyFile> {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o444)).unwrap();
        let writable = || fs::OpenOptions::new().write(true).open(path).is_ok();
        let mut file = ReadOnlyFile {
            path: path.to_path_buf(),
            mounted: false,
        };
        if !writable() {
            return Some(file);
        }
        let mount = |opts: &[&str]| {
            std::process::Command::new("mount")
                .args(opts)
                .arg(path)
                .arg(path)
                .status()
                .is_ok_and(|s| s.success())
        };
        file.mounted = mount(&["--bind"]);
        if file.mounted && mount(&["-o", "remount,ro,bind"]) && !writable() {
            return Some(file);
        }
        eprintln!(
            "note: skipping a read-only file test: running as root, and cannot mount a read-only file"
        );
        None
    }
}

#[cfg(unix)]
impl Drop for ReadOnlyFile {
    fn drop(&mut self) {
        if self.mounted {
            let _ = std::process::Command::new("umount")
                .arg(&self.path)
                .status();
        }
    }
}

#[cfg(unix)]
#[test]
fn fmt_refuses_a_file_it_cannot_write_and_formats_the_others() {
    // As a user: a 0444 file. As root: a read-only bind mount of the file.
    // Either way the folder is writable, so only the check refuses the file.
    let c = corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("claims/a.toml", UNFORMATTED),
        ("claims/b.toml", UNFORMATTED),
    ]);
    let Some(_read_only) = ReadOnlyFile::make(&c.join("claims/a.toml")) else {
        return;
    };
    let out = run(c.claimtrail(&["fmt", "claims"]));
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: `claims/a.toml` cannot be opened for writing: "),
        "{err}"
    );
    assert!(err.contains("; it was left as it is\n"), "{err}");
    a_left_and_b_formatted(&c, &err);
}

#[cfg(unix)]
#[test]
fn fmt_names_what_it_cannot_read_and_formats_the_rest() {
    let c = corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("claims/a.toml", UNFORMATTED),
    ]);
    std::os::unix::fs::symlink("nowhere.toml", c.join("claims/dangling.toml")).unwrap();
    std::os::unix::fs::symlink(".", c.join("claims/loop")).unwrap();
    let named = [
        "error: cannot read `claims/dangling.toml`: ",
        "error: `claims/loop` is a symlink loop; it was skipped\n",
    ];

    let out = run(c.claimtrail(&["fmt", "claims", "--check"]));
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("--- a/claims/a.toml\n"),
        "{}",
        stdout(&out)
    );
    let err = stderr(&out);
    for line in named {
        assert!(err.contains(line), "{err}");
    }
    assert!(err.ends_with("; 2 could not be read\n"), "{err}");

    let out = run(c.claimtrail(&["fmt", "claims"]));
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    for line in named {
        assert!(err.contains(line), "{err}");
    }
    assert!(
        err.ends_with("formatted 1 of 2 files; 2 could not be read\n"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(c.join("claims/a.toml")).unwrap(),
        FORMATTED
    );
}

// --- report --out --------------------------------------------------------------------------------

#[test]
fn report_out_writes_each_article_and_an_index() {
    let c = corpus_copy();
    let out = run(c.claimtrail(&["report", "--out", "reports"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let id = "2019/rt-russian-specialists-treaty";
    let file = fs::read_to_string(c.join(&format!("reports/{id}.md"))).unwrap();
    let printed = stdout(&run(c.claimtrail(&[
        "report",
        "--article",
        id,
        "--format",
        "markdown",
    ])));
    let (marker, body) = file.split_once('\n').unwrap();
    assert!(marker.starts_with("<!-- generated by `claimtrail report --out`"));
    assert_eq!(body, printed);
    let index = fs::read_to_string(c.join("reports/README.md")).unwrap();
    assert!(
        index.contains(&format!("| [{id}]({id}.md) | RT |")),
        "{index}"
    );
    assert!(index.contains(&format!("- [{id}]({id}.md): Russian specialists")));
    let articles = toml_files(&c.join("claims")).len() - 1;
    assert_eq!(walkdir(&c.join("reports")).len(), articles + 1);
    // Unchanged annotations: the check passes and writing again changes nothing.
    let out = run(c.claimtrail(&["report", "--out", "reports", "--check"]));
    assert_eq!((code(&out), stdout(&out).as_str()), (0, ""));
    let out = run(c.claimtrail(&["report", "--out", "reports"]));
    assert!(
        stderr(&out).starts_with("wrote 0 report files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn report_out_links_the_row_of_an_article_named_like_the_header() {
    // The index's first column is headed `article`; an article whose id is
    // `article` gets the link on its own row, and the header stays plain.
    let c = corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("claims/article.toml", ARTICLE),
    ]);
    let out = run(c.claimtrail(&["report", "--out", "reports"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let index = fs::read_to_string(c.join("reports/README.md")).unwrap();
    let table: Vec<&str> = index.lines().filter(|l| l.starts_with('|')).collect();
    // One named source without a country, dated, unhedged, first-hand:
    // 100 points, grade A, anonymity 0 of 1.
    assert_eq!(
        table,
        [
            "| article | outlet | published | claims | named | anon | outlet-rep | unattr | hedged | relayed | hops | state | speakers | by country | anon rate | score | grade |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |",
            "| [article](article.md) | Example Daily | 2019-03-27 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | ?? 1 | 0% | 100.0 | A |",
            "| **total** |  |  | **1** | **1** | **0** | **0** | **0** | **0** | **0** | **0** | **0** | **1** | **?? 1** | **0%** | **100.0** | **A** |",
        ],
        "{index}"
    );
    assert!(
        index.contains("\n- [article](article.md): Example\n"),
        "{index}"
    );
}

#[test]
fn report_out_check_shows_a_diff_of_stale_missing_and_extra_files() {
    let c = corpus_copy();
    assert_eq!(code(&run(c.claimtrail(&["report", "--out", "reports"]))), 0);
    let rt = c.join("claims/2019/rt-russian-specialists-treaty.toml");
    let text = fs::read_to_string(&rt).unwrap();
    fs::write(
        &rt,
        text.replace("name = \"Maria Zakharova\"", "name = \"M. Zakharova\""),
    )
    .unwrap();
    fs::remove_file(c.join("reports/2019/reuters-russian-deployment-cyber.md")).unwrap();
    let marker = fs::read_to_string(c.join("reports/README.md"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    fs::write(c.join("reports/2019/gone.md"), format!("{marker}\nold\n")).unwrap();
    fs::write(c.join("reports/notes.md"), "my own notes\n").unwrap();

    let out = run(c.claimtrail(&["report", "--out", "reports", "--check"]));
    assert_eq!(code(&out), 1);
    let diff = stdout(&out);
    assert!(
        diff.contains("--- a/reports/2019/gone.md\n+++ /dev/null\n"),
        "{diff}"
    );
    assert!(
        diff.contains("--- /dev/null\n+++ b/reports/2019/reuters-russian-deployment-cyber.md\n")
    );
    assert!(diff.contains("--- a/reports/2019/rt-russian-specialists-treaty.md\n"));
    let added = diff
        .lines()
        .find(|l| l.starts_with("+| ru-coop-respects-constitution |"))
        .unwrap_or_else(|| panic!("{diff}"));
    assert!(added.contains("| M. Zakharova |"), "{added}");
    assert!(
        diff.contains("\n-| ru-coop-respects-constitution |"),
        "{diff}"
    );
    assert!(!diff.contains("notes.md"));
    assert!(
        stderr(&out).contains("2 changed, 1 missing, 1 extra"),
        "{}",
        stderr(&out)
    );

    let out = run(c.claimtrail(&["report", "--out", "reports"]));
    assert_eq!(code(&out), 0);
    assert!(!c.join("reports/2019/gone.md").exists());
    assert_eq!(
        fs::read_to_string(c.join("reports/notes.md")).unwrap(),
        "my own notes\n"
    );
    let out = run(c.claimtrail(&["report", "--out", "reports", "--check"]));
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

#[test]
fn report_out_refuses_ids_that_leave_the_folder() {
    let escape = "[article]\nid = \"../escape\"\ntitle = \"T\"\noutlet = \"reuters\"\n";
    let c = corpus(&[("claims/outlets.toml", OUTLETS), ("claims/a.toml", escape)]);
    // The id is an error of the corpus (check reports it), so nothing is written.
    let out = run(c.claimtrail(&["report", "--out", "out/reports"]));
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("`../escape` is not a valid article `id`: `.` and `..` would leave"),
        "{}",
        stderr(&out)
    );
    assert!(!c.join("out/escape.md").exists());
    assert!(!c.join("out/reports").exists());
}

#[test]
fn report_out_never_overwrites_a_file_it_did_not_write() {
    let c = corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("claims/a.toml", ARTICLE),
        ("reports/a.md", "hand-written\n"),
    ]);
    let out = run(c.claimtrail(&["report", "--out", "reports"]));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("was not generated by claimtrail"));
    assert_eq!(
        fs::read_to_string(c.join("reports/a.md")).unwrap(),
        "hand-written\n"
    );
    assert!(!c.join("reports/README.md").exists());
}

// --- shell conventions ---------------------------------------------------------------------------

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(claimtrail(&["completions", shell]));
        assert_eq!(code(&out), 0, "{shell}");
        let script = stdout(&out);
        assert!(
            script.contains("claimtrail") && script.contains("fmt"),
            "{shell}"
        );
    }
    let out = run(claimtrail(&["completions", "tcsh"]));
    assert_eq!(code(&out), 2);
}

#[test]
fn man_page() {
    let out = run(claimtrail(&["man"]));
    assert_eq!(code(&out), 0);
    let page = stdout(&out);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &page[..80.min(page.len())]
    );
    assert!(page.contains(".TH claimtrail 1"));
    assert!(page.contains("report"));
    // Every page the main page refers to is there: `claimtrail man NAME`.
    let referred: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix("claimtrail\\-")?.strip_suffix("(1)"))
        .collect();
    assert_eq!(
        referred,
        [
            "check",
            "report",
            "sources",
            "trace",
            "claims",
            "schema",
            "new",
            "fmt",
            "lsp",
            "draft",
            "agree",
            "export",
            "import",
            "completions",
            "man",
            "help"
        ]
    );
    for name in referred {
        let out = run(claimtrail(&["man", name]));
        assert_eq!(code(&out), 0, "man {name}: {}", stderr(&out));
        let sub = stdout(&out);
        assert!(
            sub.contains(&format!(".TH claimtrail-{name} 1")),
            "{name}: {sub}"
        );
        assert!(sub.contains("claimtrail 0."), "{name}: {sub}");
    }
    let out = run(claimtrail(&["man", "chek"]));
    assert_eq!(code(&out), 2);
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in [
        "check",
        "report",
        "sources",
        "trace",
        "claims",
        "schema",
        "new",
        "fmt",
        "completions",
        "man",
    ] {
        let out = run(claimtrail(&[command, "--help"]));
        assert_eq!(code(&out), 0, "{command}");
        let help = stdout(&out);
        assert!(help.contains("Example"), "{command} --help has no example");
        assert!(help.contains(&format!("claimtrail {command}")), "{command}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let out = run(claimtrail(&["fmt", "no-such-folder"]));
    assert_eq!(code(&out), 2);
    let out = run(claimtrail(&["report", "--check"]));
    assert_eq!(code(&out), 2);
}
