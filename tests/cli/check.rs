//! `claimtrail check`: the real corpus, one bad input per diagnostic code
//! (`tests/fixtures/bad/<code>/`), exit codes and output formats, and the files
//! discovery must survive (empty, BOM, CRLF, UTF-16, deep nesting, a FIFO, a
//! symlink loop). See the index in tests/cli/main.rs.

use crate::common::{
    self, ARTICLE, OUTLETS, claimtrail, code, corpus, json, run, run_with_deadline,
};
use insta_cmd::assert_cmd_snapshot;
use serde_json::Value;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

// --- the real corpus -----------------------------------------------------------------------

#[test]
fn corpus_human() {
    assert_cmd_snapshot!(claimtrail(&["check", "claims"]));
}

#[test]
fn corpus_quiet() {
    assert_cmd_snapshot!(claimtrail(&["check", "claims", "--quiet"]));
}

#[test]
fn corpus_json() {
    assert_cmd_snapshot!(claimtrail(&["check", "claims", "--format", "json"]));
}

#[test]
fn corpus_has_no_errors() {
    let out = run(claimtrail(&["check", "claims", "--format", "json"]));
    assert_eq!(code(&out), 0);
    let diags = json(&out);
    let errors: Vec<&Value> = diags
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

// --- one fixture per code ------------------------------------------------------------------

/// The diagnostics of `check ARGS --format json`, and the exit code.
fn check_json(args: &[&str]) -> (Vec<Value>, i32) {
    let mut full = vec!["check"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--format", "json"]);
    let out = run(claimtrail(&full));
    let diags = json(&out).as_array().cloned().expect("a JSON array");
    (diags, code(&out))
}

/// `tests/fixtures/bad/<code>/` yields exactly one diagnostic, of that code, at
/// `line:column`; the human rendering is snapshotted.
fn bad(code_name: &str, line: Option<u64>, column: Option<u64>, exit: i32, extra: &[&str]) {
    let dir = common::fixture(&format!("bad/{code_name}"));
    let mut args = vec!["check", dir.as_str()];
    args.extend_from_slice(extra);
    assert_cmd_snapshot!(format!("bad_{code_name}"), claimtrail(&args));

    let (diags, status) = check_json(&args[1..]);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["code"], code_name);
    assert_eq!(d["line"].as_u64(), line, "line of {d:#?}");
    assert_eq!(d["column"].as_u64(), column, "column of {d:#?}");
    assert_eq!(status, exit);
}

#[test]
fn bad_syntax() {
    // An unterminated string: the parser stops at the end of line 11.
    bad("syntax", Some(11), Some(28), 1, &[]);
}

#[test]
fn bad_unknown_field() {
    // `titel`: the help says "did you mean `title`?" (in the snapshot).
    bad("unknown-field", Some(2), Some(1), 1, &[]);
}

#[test]
fn bad_missing_field() {
    // The claim has no `text`; the diagnostic points at its `[[claims]]` header.
    bad("missing-field", Some(9), Some(1), 1, &[]);
}

#[test]
fn bad_wrong_type() {
    // said = "2019-03-26": a string where a date belongs.
    bad("wrong-type", Some(13), Some(8), 1, &[]);
}

#[test]
fn a_quoted_date_hint_names_its_own_key() {
    // (the quoted line, the hint)
    let cases = [
        (
            "published = \"2019-03-27\"",
            "write the date without quotes, e.g. published = 2019-03-26",
        ),
        (
            "said = \"2019-03-26\"",
            "write the date without quotes, e.g. said = 2019-03-26",
        ),
    ];
    for (line, hint) in cases {
        let article = if line.starts_with("published") {
            ARTICLE.replace("published = 2019-03-27", line)
        } else {
            ARTICLE.replace("said = 2019-03-26", line)
        };
        assert_ne!(article, ARTICLE);
        let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", &article)]);
        let (diags, status, _) = check_corpus(&c);
        assert_eq!(status, 1);
        let wrong: Vec<&Value> = diags.iter().filter(|d| d["code"] == "wrong-type").collect();
        assert_eq!(wrong.len(), 1, "{diags:#?}");
        assert_eq!(wrong[0]["help"], hint);
    }
}

#[test]
fn a_misspelt_source_is_one_finding_with_what_follows_folded_in() {
    let article = "[article]\ntitle = \"T\"\noutlet = \"reuters\"\npublished = 2019-03-27\n\n\
                   [sources.city-official]\nname = \"Jane Doe\"\n\n\
                   [[claims]]\nid = \"c1\"\ntext = \"x\"\nsource = \"city-oficial\"\nsaid = 2019-03-26\nkey = true\n";
    // A second article with the claim attributed: no drift from the typo.
    let earlier = "[article]\ntitle = \"E\"\noutlet = \"example-daily\"\npublished = 2019-03-26\n\n\
                   [sources.o]\nname = \"Jane Doe\"\n\n\
                   [[claims]]\nid = \"c1\"\ntext = \"x\"\nsource = \"o\"\nsaid = 2019-03-26\n";
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        ("a.toml", article),
        ("b.toml", earlier),
        (
            "claimtrail.toml",
            "[lints]\nunattributed-assertion = \"warn\"\n",
        ),
    ]);
    let (diags, status, _) = check_corpus(&c);
    assert_eq!(status, 1);
    // Not also unused-source, key-claim-unattributed, unattributed-assertion
    // or attribution-dropped.
    assert_eq!(
        positions(&diags),
        [("unknown-source", 12, 10)],
        "{diags:#?}"
    );
    let notes: Vec<&str> = diags[0]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        notes,
        [
            "until it is fixed the claim has no source, and no finding about its attribution is reported",
            "`city-official` is not reported as unused: this claim probably cites it"
        ]
    );
    // A source nothing resembles is still reported unused.
    let far = article.replace("city-oficial", "zzz");
    let c = corpus(&[("outlets.toml", OUTLETS), ("a.toml", &far)]);
    let (diags, _, _) = check_corpus(&c);
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["unused-source", "unknown-source"]);
}

#[test]
fn bad_invalid_date() {
    // said = 10:00:00: a bare time, no date.
    bad("invalid-date", Some(13), Some(8), 1, &[]);
}

#[test]
fn impossible_calendar_date_is_invalid_date() {
    // The code's documentation names 2019-02-30 as an `invalid-date`.
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        (
            "article.toml",
            &ARTICLE.replace("said = 2019-03-26", "said = 2019-02-30"),
        ),
    ]);
    let out = run(c.claimtrail(&["check", ".", "--format", "json"]));
    let diags = json(&out);
    assert_eq!(diags[0]["code"], "invalid-date", "{diags:#}");
}

#[test]
fn bad_invalid_value() {
    // kind = "quoet": "did you mean `quote`?".
    bad("invalid-value", Some(14), Some(8), 1, &[]);
}

#[test]
fn bad_empty_value() {
    bad("empty-value", Some(11), Some(8), 1, &[]);
}

#[test]
fn bad_unknown_source() {
    // source = "oficial": "did you mean `official`?".
    bad("unknown-source", Some(18), Some(10), 1, &[]);
}

#[test]
fn bad_unknown_outlet() {
    // via = ["reuter"]: "did you mean `reuters`?".
    bad("unknown-outlet", Some(13), Some(8), 1, &[]);
}

#[test]
fn bad_duplicate_claim_id() {
    // The second `c1`; a note points at the first (line 10).
    bad("duplicate-claim-id", Some(16), Some(6), 1, &[]);
    let (diags, _) = check_json(&[&common::fixture("bad/duplicate-claim-id")]);
    assert_eq!(diags[0]["notes"][0]["line"], 10);
    assert_eq!(diags[0]["notes"][0]["column"], 6);
}

#[test]
fn bad_duplicate_article_id() {
    // a.toml and b.toml both say id = "same"; the later file is flagged.
    bad("duplicate-article-id", Some(3), Some(6), 1, &[]);
    let (diags, _) = check_json(&[&common::fixture("bad/duplicate-article-id")]);
    assert_eq!(
        diags[0]["file"],
        "tests/fixtures/bad/duplicate-article-id/b.toml"
    );
    assert_eq!(
        diags[0]["notes"][0]["file"],
        "tests/fixtures/bad/duplicate-article-id/a.toml"
    );
    assert_eq!(diags[0]["notes"][0]["line"], 2);
}

#[test]
fn bad_anonymous_with_name() {
    bad("anonymous-with-name", Some(8), Some(8), 1, &[]);
}

#[test]
fn bad_unnamed_source() {
    bad("unnamed-source", Some(6), Some(10), 1, &[]);
}

#[test]
fn bad_said_after_published() {
    bad("said-after-published", Some(13), Some(8), 1, &[]);
}

#[test]
fn bad_unused_source() {
    // A warning: the run still succeeds.
    bad("unused-source", Some(9), Some(10), 0, &[]);
}

#[test]
fn bad_undated_article() {
    // A warning, at the `[article]` header.
    bad("undated-article", Some(1), Some(1), 0, &[]);
}

#[test]
fn bad_empty_route() {
    bad("empty-route", Some(13), Some(7), 1, &[]);
}

#[test]
fn empty_route_in_a_chain() {
    // via = [[]]: a route with no outlet, as opposed to a `via` with no route.
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        (
            "article.toml",
            &ARTICLE.replace("said = 2019-03-26", "via = [[]]\nsaid = 2019-03-26"),
        ),
    ]);
    let out = run(c.claimtrail(&["check", ".", "--format", "json"]));
    let diags = json(&out);
    assert_eq!(diags.as_array().unwrap().len(), 1, "{diags:#}");
    assert_eq!(diags[0]["code"], "empty-route");
    assert_eq!(diags[0]["message"], "a route with no outlet in it");
    assert_eq!(
        (diags[0]["line"].as_u64(), diags[0]["column"].as_u64()),
        (Some(13), Some(8))
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn bad_not_utf8() {
    // "Café" in Latin-1: byte 0xE9 at offset 22, line 2, column 13.
    bad("not-utf8", Some(2), Some(13), 1, &[]);
}

#[test]
fn bad_file_too_large() {
    // The article is 203 bytes; the registry (38 bytes) is under the limit.
    bad("file-too-large", None, None, 1, &["--max-file-size", "100"]);
}

#[test]
fn an_empty_registry_still_checks_outlet_ids() {
    // A registry with nothing in it yet knows no outlet: both ids are unknown.
    let article = "[article]\ntitle = \"T\"\noutlet = \"ap\"\npublished = 2019-03-26\n\n\
                   [[claims]]\nid = \"a\"\ntext = \"b\"\nvia = [\"rt\"]\n";
    let c = corpus(&[("outlets.toml", "# to fill in\n"), ("a.toml", article)]);
    let (diags, status, _) = check_corpus(&c);
    let found: Vec<(&str, u64)> = diags
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(found, [("unknown-outlet", 3), ("unknown-outlet", 9)]);
    assert_eq!(status, 1);
}

#[test]
fn countries_are_assigned_iso_codes() {
    // (country, the help it gets; None when it is valid).
    let cases = [
        ("GB", None),
        ("VE", None),
        (
            "ZZ",
            Some("write an ISO 3166-1 alpha-2 code such as `US`, `RU` or `ID`"),
        ),
        (
            "UK",
            Some("did you mean `GB` (United Kingdom of Great Britain and Northern Ireland)?"),
        ),
        ("us", Some("did you mean `US` (United States of America)?")),
        (
            "USA",
            Some("write an ISO 3166-1 alpha-2 code such as `US`, `RU` or `ID`"),
        ),
    ];
    for (country, help) in cases {
        let article =
            format!("{ARTICLE}\n[sources.s]\nname = \"Ana Ruiz\"\ncountry = \"{country}\"\n");
        let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", &article)]);
        let (diags, status, _) = check_corpus(&c);
        let found: Vec<(&str, &str)> = diags
            .iter()
            .filter(|d| d["code"] == "invalid-value")
            .map(|d| (d["message"].as_str().unwrap(), d["help"].as_str().unwrap()))
            .collect();
        match help {
            None => assert!(found.is_empty(), "{country}: {found:?}"),
            Some(help) => {
                let message = format!("`{country}` is not a valid `country`");
                assert_eq!(found, [(message.as_str(), help)], "{country}");
                assert_eq!(status, 1);
            }
        }
    }
}

#[test]
fn bad_missing_registry() {
    bad("missing-registry", None, None, 1, &[]);
}

#[test]
fn bad_unreadable_symlink_loop() {
    // A folder symlink pointing back up: walking it would never end.
    let c = corpus(&[
        ("corpus/outlets.toml", OUTLETS),
        ("corpus/article.toml", ARTICLE),
    ]);
    std::fs::create_dir_all(c.join("corpus/sub")).unwrap();
    std::os::unix::fs::symlink("..", c.join("corpus/sub/loop")).unwrap();
    assert_cmd_snapshot!("bad_unreadable", c.claimtrail(&["check", "corpus"]));

    let out = run(c.claimtrail(&["check", "corpus", "--format", "json"]));
    let diags = json(&out);
    assert_eq!(diags.as_array().unwrap().len(), 1, "{diags:#}");
    assert_eq!(diags[0]["code"], "unreadable");
    assert_eq!(diags[0]["file"], "corpus/sub/loop");
    assert_eq!(diags[0]["line"], Value::Null);
    assert_eq!(code(&out), 1);
}

#[test]
fn symlinked_folders_are_walked_at_every_depth() {
    // `c/d` links a folder from below the top and `c/up` leads back to the
    // corpus root; then `b` links a folder at the top as well. Either link
    // makes the walk give up its parallel shape: every article is found once
    // per path, the loop is reported, and nothing is walked twice.
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        ("a/x.toml", ARTICLE),
        ("a/y/z.toml", ARTICLE),
        ("e/f.toml", ARTICLE),
    ]);
    std::fs::create_dir_all(c.join("c")).unwrap();
    std::os::unix::fs::symlink("../a", c.join("c/d")).unwrap();
    std::os::unix::fs::symlink("..", c.join("c/up")).unwrap();
    let below = ["a/x", "a/y/z", "c/d/x", "c/d/y/z", "e/f"];
    let top = ["a/x", "a/y/z", "b/x", "b/y/z", "c/d/x", "c/d/y/z", "e/f"];
    for (link_top, expected) in [(false, &below[..]), (true, &top[..])] {
        if link_top {
            std::os::unix::fs::symlink("a", c.join("b")).unwrap();
        }
        let out = run(c.claimtrail(&["report", ".", "--format", "json"]));
        let report = json(&out);
        let mut ids: Vec<&str> = report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        ids.sort_unstable();
        assert_eq!(ids, expected, "{report:#}");
        let (diags, status, _) = check_corpus(&c);
        let unreadable: Vec<&str> = diags
            .iter()
            .filter(|d| d["code"] == "unreadable")
            .map(|d| d["file"].as_str().unwrap())
            .collect();
        assert_eq!(unreadable, ["./c/up"], "{diags:#?}");
        assert_eq!(status, 1);
    }
}

#[test]
fn unreadable_file_symlink_loop() {
    // a.toml -> b.toml -> a.toml: each is reported, neither is followed forever.
    let c = corpus(&[("outlets.toml", OUTLETS)]);
    std::os::unix::fs::symlink("b.toml", c.join("a.toml")).unwrap();
    std::os::unix::fs::symlink("a.toml", c.join("b.toml")).unwrap();
    let out = run(c.claimtrail(&["check", ".", "--format", "json"]));
    let diags = json(&out);
    let codes: Vec<&Value> = diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(codes, ["unreadable", "unreadable"], "{diags:#}");
    assert_eq!(code(&out), 1);
}

// --- exit codes and formats ----------------------------------------------------------------

#[test]
fn exit_0_when_clean() {
    let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", ARTICLE)]);
    let out = run(c.claimtrail(&["check", "."]));
    assert_eq!(code(&out), 0);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "using default settings (no claimtrail.toml), registry ./outlets.toml\n\
         checked 1 article, 1 claim, 4 outlets: 0 errors, 0 warnings\n"
    );
}

#[test]
fn exit_1_on_errors() {
    let out = run(claimtrail(&[
        "check",
        &common::fixture("bad/unknown-source"),
    ]));
    assert_eq!(code(&out), 1);
}

#[test]
fn exit_2_for_a_missing_path() {
    assert_cmd_snapshot!(claimtrail(&["check", "no/such/folder"]));
    let out = run(claimtrail(&["check", "no/such/folder"]));
    assert_eq!(code(&out), 2);
}

#[test]
fn deny_warnings_makes_warnings_fail() {
    let dir = common::fixture("bad/unused-source");
    let out = run(claimtrail(&["check", &dir]));
    assert_eq!(code(&out), 0);
    let (diags, status) = check_json(&[&dir, "--deny", "warnings"]);
    assert_eq!(status, 1);
    assert_eq!(diags[0]["code"], "unused-source");
    assert_eq!(diags[0]["severity"], "error");
}

#[test]
fn github_format() {
    let dir = common::fixture("bad/unused-source");
    let out = run(claimtrail(&["check", &dir, "--format", "github"]));
    assert_eq!(code(&out), 0);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        "::warning file=tests/fixtures/bad/unused-source/article.toml,line=9,col=10,\
         title=unused-source::source `minister` is not cited by any claim\
         %0Ahelp: cite it with `source = \"...\"` in a claim, or remove it"
    );
    assert_eq!(
        lines.next().unwrap(),
        "using default settings (no claimtrail.toml), \
         registry tests/fixtures/bad/unused-source/outlets.toml"
    );
    assert_eq!(
        lines.next().unwrap(),
        "checked 1 article, 1 claim, 3 outlets: 0 errors, 1 warning"
    );
    assert_eq!(lines.next(), None);

    // Under --deny warnings the same finding is an ::error.
    let out = run(claimtrail(&[
        "check", &dir, "--format", "github", "--deny", "warnings",
    ]));
    assert_eq!(code(&out), 1);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("::error file="));
}

#[test]
fn github_format_escapes_properties() {
    // A file name with a comma and a colon must not break the property list.
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        (
            "a,b:c.toml",
            &ARTICLE.replace("source = \"official\"", "source = \"nobody\""),
        ),
    ]);
    let out = run(c.claimtrail(&["check", ".", "--format", "github"]));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("\n::error file=./a%2Cb%3Ac.toml,line=12,col=10,title=unknown-source::"),
        "{stdout}"
    );
}

// --- robustness of discovery and reading ---------------------------------------------------

/// `check . --format json` in a corpus: the diagnostics and the exit code.
fn check_corpus(c: &common::Corpus) -> (Vec<Value>, i32, Output) {
    let out = run(c.claimtrail(&["check", ".", "--format", "json"]));
    let diags = json(&out).as_array().cloned().unwrap();
    let status = code(&out);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{out:?}"
    );
    (diags, status, out)
}

/// `(code, line, column)` of each diagnostic, in output order.
fn positions(diags: &[Value]) -> Vec<(&str, u64, u64)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn empty_file_is_missing_field() {
    let c = corpus(&[("outlets.toml", OUTLETS), ("empty.toml", "")]);
    let (diags, status, _) = check_corpus(&c);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "missing-field");
    assert_eq!(diags[0]["line"], 1);
    assert_eq!(diags[0]["column"], 1);
    assert_eq!(status, 1);
}

#[test]
fn bom_prefixed_file_loads() {
    let c = corpus(&[("outlets.toml", OUTLETS)]);
    c.write(
        "article.toml",
        [b"\xEF\xBB\xBF".as_slice(), ARTICLE.as_bytes()].concat(),
    );
    let (diags, status, _) = check_corpus(&c);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(status, 0);

    // Positions are counted after the BOM: the typo on line 1 is at column 2.
    c.write(
        "article.toml",
        [
            b"\xEF\xBB\xBF".as_slice(),
            ARTICLE.replace("[article]", "[articel]").as_bytes(),
        ]
        .concat(),
    );
    let (diags, _, _) = check_corpus(&c);
    assert_eq!(diags[0]["code"], "unknown-field", "{diags:#?}");
    assert_eq!(
        (diags[0]["line"].as_u64(), diags[0]["column"].as_u64()),
        (Some(1), Some(2))
    );
}

#[test]
fn crlf_file_loads_with_correct_positions() {
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let c = corpus(&[
        ("outlets.toml", &crlf(OUTLETS)),
        ("article.toml", &crlf(ARTICLE)),
    ]);
    let (diags, status, _) = check_corpus(&c);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(status, 0);

    // An unknown source that resembles none, and so an unused one, at the
    // positions of the LF file.
    c.write(
        "article.toml",
        crlf(&ARTICLE.replace("source = \"official\"", "source = \"nobody\"")),
    );
    let (diags, _, _) = check_corpus(&c);
    assert_eq!(
        positions(&diags),
        [("unused-source", 6, 10), ("unknown-source", 12, 10)]
    );
    // The shown line carries no carriage return.
    let human = run(c.claimtrail(&["check", "."]));
    assert!(!human.stdout.contains(&b'\r'), "{human:?}");
}

#[test]
fn utf16_file_is_not_utf8() {
    let c = corpus(&[("outlets.toml", OUTLETS)]);
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(ARTICLE.encode_utf16().flat_map(u16::to_le_bytes));
    c.write("article.toml", bytes);
    let (diags, status, _) = check_corpus(&c);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "not-utf8");
    assert_eq!(diags[0]["file"], "./article.toml");
    assert_eq!(status, 1);
}

#[test]
fn utf16_without_bom_is_not_utf8() {
    let c = corpus(&[("outlets.toml", OUTLETS)]);
    let bytes: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    c.write("article.toml", bytes);
    let (diags, _, _) = check_corpus(&c);
    assert_eq!(diags[0]["code"], "not-utf8", "{diags:#?}");
}

#[test]
fn deeply_nested_arrays_are_a_diagnostic() {
    let deep = format!(
        "{}via = {}\n",
        ARTICLE.replace("said = 2019-03-26\n", ""),
        "[".repeat(100_000)
    );
    let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", &deep)]);
    let (diags, status, _) = check_corpus(&c);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "syntax");
    assert_eq!(diags[0]["line"], 13);
    assert_eq!(status, 1);

    // The same depth of inline tables.
    let deep = format!("{}x = {}\n", ARTICLE, "{a=".repeat(100_000));
    c.write("article.toml", deep);
    let (diags, status, _) = check_corpus(&c);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "syntax");
    assert_eq!(status, 1);
}

#[test]
fn fifo_is_unreadable_and_does_not_hang() {
    let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", ARTICLE)]);
    let status = Command::new("mkfifo")
        .arg(c.join("x.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());

    for path in [".", "x.toml"] {
        let out = run_with_deadline(
            c.claimtrail(&["check", path, "--format", "json"]),
            Duration::from_secs(30),
        );
        let diags = json(&out);
        let diags = diags.as_array().unwrap();
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!(diags[0]["code"], "unreadable");
        assert!(
            diags[0]["file"].as_str().unwrap().ends_with("x.toml"),
            "{diags:#?}"
        );
        assert_eq!(code(&out), 1);
    }
}

#[test]
fn semantic_errors_are_all_reported() {
    // Two unknown sources and an unknown outlet in one file: three diagnostics
    // from one run, in file order.
    let text = format!(
        "{}{}",
        ARTICLE.replace("example-daily", "example-dialy"),
        r#"
[[claims]]
id = "c2"
text = "Something else happened."
source = "oficial"
said = 2019-03-26

[[claims]]
id = "c3"
text = "A third thing happened."
source = "nobody"
said = 2019-03-26
"#
    );
    let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", &text)]);
    let (diags, status, _) = check_corpus(&c);
    assert_eq!(
        positions(&diags),
        [
            ("unknown-outlet", 3, 10),
            ("unknown-source", 18, 10),
            ("unknown-source", 24, 10),
        ]
    );
    assert_eq!(status, 1);
}

#[test]
fn errors_in_several_files_are_all_reported() {
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        (
            "a.toml",
            &ARTICLE.replace("source = \"official\"", "source = \"x\""),
        ),
        (
            "b/c.toml",
            &ARTICLE.replace("title = \"Example\"", "titel = \"Example\""),
        ),
        ("d.toml", "not toml at all"),
    ]);
    let (diags, status, _) = check_corpus(&c);
    let found: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| (d["file"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("./a.toml", "unused-source"),
            ("./a.toml", "unknown-source"),
            ("./b/c.toml", "unknown-field"),
            ("./d.toml", "syntax"),
        ]
    );
    assert_eq!(status, 1);
}

/// The exit code of a run whose reader has gone before it writes a byte.
fn code_with_closed_stdout(mut cmd: Command) -> i32 {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn claimtrail");
    drop(child.stdout.take());
    let status = child.wait().expect("wait for claimtrail");
    status.code().expect("an exit code, not a signal")
}

#[test]
fn a_closed_pipe_keeps_the_exit_code() {
    // `claimtrail check | head` under `pipefail`: findings still fail the
    // pipeline; a clean run still passes.
    let bad = "[article]\ntitle = \"T\"\noutlet = \"nowhere\"\npublished = 2019-03-26\n";
    let c = corpus(&[("outlets.toml", OUTLETS), ("bad.toml", bad)]);
    assert_eq!(code_with_closed_stdout(c.claimtrail(&["check", "."])), 1);
    assert_eq!(
        code_with_closed_stdout(claimtrail(&["check", "claims", "--deny", "warnings"])),
        1
    );
    assert_eq!(code_with_closed_stdout(claimtrail(&["check", "claims"])), 0);
    assert_eq!(
        code_with_closed_stdout(claimtrail(&["report", "claims"])),
        0
    );
}

#[test]
fn settings_problems_get_the_code_of_their_kind() {
    // (claimtrail.toml, code, line, column): valid TOML of the wrong type or
    // range is not a syntax error.
    let cases = [
        ("[scoring]\nnamed = \"x\"\n", "wrong-type", 2, 9),
        ("max-file-size = -5\n", "invalid-value", 1, 17),
        ("[scoring]\nkey-weight = 11\n", "invalid-value", 2, 14),
        ("[scoring]\nnamd = 3\n", "unknown-field", 2, 1),
        ("max-file-size = =\n", "syntax", 1, 17),
    ];
    for (settings, want, line, column) in cases {
        let c = corpus(&[
            ("outlets.toml", OUTLETS),
            ("article.toml", ARTICLE),
            ("claimtrail.toml", settings),
        ]);
        let (diags, status, _) = check_corpus(&c);
        let errors: Vec<(&str, u64, u64)> = diags
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| {
                (
                    d["code"].as_str().unwrap(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(errors, [(want, line, column)], "{settings}");
        // A settings file is not part of the corpus: its problems are a
        // usage error, and nothing is checked.
        assert_eq!(status, 2);
    }
}

#[test]
fn bad_settings_are_a_usage_error_naming_the_file_in_every_command() {
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        ("article.toml", ARTICLE),
        (
            "claimtrail.toml",
            "[lints]
undated-clam = \"deny\"\n",
        ),
    ]);
    for args in [
        &["check", "."][..],
        &["report", "."],
        &["report", ".", "--article", "article"],
        &["sources", "."],
        &["claims", "."],
        &["trace", "c1", "."],
        &["fmt", ".", "--check"],
    ] {
        let out = run(c.claimtrail(args));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(code(&out), 2, "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} printed {:?}", out.stdout);
        assert!(err.contains("--> claimtrail.toml:2:1"), "{args:?}: {err}");
        assert!(
            err.contains("error: the settings file `claimtrail.toml` has 1 problem"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("in the corpus"), "{args:?}: {err}");
    }
}

#[test]
fn check_names_the_settings_and_registry_it_used() {
    let c = corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("claims/article.toml", ARTICLE),
        (
            "claims/claimtrail.toml",
            "[lints]\nundated-article = \"deny\"\n",
        ),
    ]);
    let out = run(c.claimtrail(&["check", "claims", "--quiet"]));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "using settings claims/claimtrail.toml, registry claims/outlets.toml\n\
         checked 1 article, 1 claim, 4 outlets: 0 errors, 0 warnings\n"
    );
    // From another folder, the corpus's settings still apply.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut cmd = claimtrail(&["check", "--quiet"]);
    cmd.arg(c.join("claims")).current_dir(elsewhere.path());
    let text = String::from_utf8(run(cmd).stdout).unwrap();
    let first = text.lines().next().unwrap();
    // Named as found, from the corpus's absolute path.
    assert!(first.starts_with("using settings /"), "{first}");
    assert!(
        first.contains("/claims/claimtrail.toml, registry /"),
        "{first}"
    );
    // No settings file: the defaults, said so.
    let bare = corpus(&[("outlets.toml", OUTLETS), ("article.toml", ARTICLE)]);
    let out = run(bare.claimtrail(&["check", ".", "--quiet"]));
    assert_eq!(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
        "using default settings (no claimtrail.toml), registry ./outlets.toml"
    );
}

#[test]
fn state_media_sole_route_leaves_background_out() {
    // Two claims only Sputnik carries: the scored one is flagged and counted
    // as state-reliant by the report; the background one is neither.
    let article = format!(
        "{ARTICLE}\n[[claims]]\nid = \"c2\"\ntext = \"x\"\nvia = [\"sputnik\"]\n\n\
         [[claims]]\nid = \"c3\"\ntext = \"y\"\nvia = [\"sputnik\"]\nkind = \"background\"\n"
    );
    let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", &article)]);
    let (diags, _, _) = check_corpus(&c);
    let flagged: Vec<u64> = diags
        .iter()
        .filter(|d| d["code"] == "state-media-sole-route")
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    // `[[claims]]` of c2 is line 15; its id on line 16.
    assert_eq!(flagged, [16]);
    let report = json(&run(c.claimtrail(&["report", ".", "--format", "json"])));
    assert_eq!(report["total"]["state_reliant"], 1);
}

#[test]
fn article_ids_must_be_able_to_name_a_report_file() {
    // (id, the reason given; None when it is valid).
    let cases = [
        ("2019/reuters-cyber", None),
        ("b/../x", Some("`.` and `..` would leave the report folder")),
        (
            "a//b",
            Some("it has an empty part (`//`, or a `/` at an end)"),
        ),
        (
            ".hidden",
            Some("a part starting with `.` would be a hidden file"),
        ),
        (
            "what?",
            Some("it has a character that is not allowed in file names"),
        ),
        ("readme", Some("`README.md` is the index")),
    ];
    // A name may have 255 bytes: a folder part 255, the last part 252 and
    // `.md` (`é` is two bytes).
    let too_long = Some(
        "a part is longer than file systems allow a name to be (255 bytes, `.md` included for the last part)",
    );
    let folder = format!("{}x", "é".repeat(127));
    let long = [
        (format!("{folder}/{}", "x".repeat(252)), None),
        (format!("{folder}x/a"), too_long),
        (format!("2019/{}", "x".repeat(253)), too_long),
        (format!("2019/{}", "x".repeat(300)), too_long),
    ];
    let cases = cases
        .into_iter()
        .map(|(id, why)| (id.to_string(), why))
        .chain(long);
    for (id, why) in cases {
        let article = ARTICLE.replace("[article]\n", &format!("[article]\nid = \"{id}\"\n"));
        let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", &article)]);
        let (diags, status, _) = check_corpus(&c);
        let found: Vec<(&str, u64, u64)> = diags
            .iter()
            .map(|d| {
                (
                    d["message"].as_str().unwrap(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                )
            })
            .collect();
        match why {
            None => {
                assert!(found.is_empty(), "{id}: {found:?}");
                assert_eq!(status, 0);
            }
            Some(why) => {
                let message = format!("`{id}` is not a valid article `id`: {why}");
                assert_eq!(found, [(message.as_str(), 2, 6)], "{id}");
                assert_eq!(status, 1);
            }
        }
    }
}

#[test]
fn hints_quote_keys_that_cannot_be_bare() {
    // The table a hint asks for can be pasted as it is: a key with a space
    // is quoted, a plain one is not.
    let article = "[article]\ntitle = \"T\"\noutlet = \"new outlet\"\npublished = 2019-03-26\n\n\
                   [[claims]]\nid = \"c\"\ntext = \"x\"\nsource = \"mr x\"\nvia = [\"plain-id\"]\n";
    let c = corpus(&[("outlets.toml", OUTLETS), ("a.toml", article)]);
    let (diags, _, _) = check_corpus(&c);
    let helps: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "unknown-outlet" || d["code"] == "unknown-source")
        .map(|d| d["help"].as_str().unwrap())
        .collect();
    assert_eq!(
        helps,
        [
            "add `[\"new outlet\"]` to outlets.toml",
            "this article defines no sources; add a `[sources.\"mr x\"]` table",
            "add `[plain-id]` to outlets.toml",
        ]
    );
}

#[test]
fn wrong_types_are_named_in_toml_words() {
    // Not serde's Rust names (`a sequence`, `struct ArticleTable`).
    let via = format!("{ARTICLE}via = \"reuters\"\n");
    let cases: [(&str, &str, &str); 3] = [
        (
            "article.toml",
            &via,
            "wrong type: string \"reuters\", expected an array",
        ),
        (
            "article.toml",
            "article = 3\n",
            "wrong type: integer `3`, expected a table",
        ),
        (
            "outlets.toml",
            "reuters = \"x\"\n",
            "wrong type: string \"x\", expected a table",
        ),
    ];
    for (file, text, message) in cases {
        let mut files = vec![("outlets.toml", OUTLETS), ("article.toml", ARTICLE)];
        files.retain(|(name, _)| *name != file);
        files.push((file, text));
        let c = corpus(&files);
        let (diags, status, _) = check_corpus(&c);
        let found: Vec<&str> = diags
            .iter()
            .filter(|d| d["code"] == "wrong-type")
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        assert_eq!(found, [message], "{file}: {text}");
        assert_eq!(status, 1);
    }
}

#[test]
fn a_duplicate_id_from_a_file_name_points_at_the_article_header() {
    // a.toml sets the id `b`, which b.toml has from its name: the caret goes
    // under b.toml's `[article]`, the note to a.toml's `id`.
    let named = ARTICLE.replace("[article]\n", "[article]\nid = \"b\"\n");
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        ("a.toml", &named),
        ("b.toml", ARTICLE),
    ]);
    let (diags, status, _) = check_corpus(&c);
    let dup: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "duplicate-article-id")
        .collect();
    assert_eq!(dup.len(), 1, "{diags:#?}");
    assert_eq!(
        (&dup[0]["file"], &dup[0]["line"], &dup[0]["column"]),
        (&Value::from("./b.toml"), &Value::from(1), &Value::from(1))
    );
    let note = &dup[0]["notes"][0];
    assert_eq!(
        (&note["file"], &note["line"], &note["column"]),
        (&Value::from("./a.toml"), &Value::from(2), &Value::from(6))
    );
    assert_eq!(status, 1);
}

#[test]
fn empty_outlet_and_source_ids_are_empty_values() {
    let outlets = format!("{OUTLETS}\n[\"\"]\nname = \"Nameless\"\n");
    let article = format!("{ARTICLE}\n[sources.\"\"]\nname = \"X\"\n");
    let c = corpus(&[("outlets.toml", &outlets), ("article.toml", &article)]);
    let (diags, status, _) = check_corpus(&c);
    let empty: Vec<(&str, &str)> = diags
        .iter()
        .filter(|d| d["code"] == "empty-value")
        .map(|d| (d["file"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        empty,
        [
            ("./article.toml", "`source id` is empty"),
            ("./outlets.toml", "`outlet id` is empty"),
        ]
    );
    assert_eq!(status, 1);
}

// --- focus ---------------------------------------------------------------------------------------

/// Two articles of one claim: `a` (Reuters, hedged) first, then `b`, which
/// drops the hedge; and `c`, which reuses `a`'s article id.
fn drift_corpus() -> common::Corpus {
    let a = "[article]\ntitle = \"A\"\noutlet = \"reuters\"\npublished = 2019-03-26\n\n\
             [sources.o]\nname = \"Jane Doe\"\n\n\
             [[claims]]\nid = \"c1\"\ntext = \"x\"\nsource = \"o\"\nsaid = 2019-03-26\nhedge = \"reportedly\"\n";
    let b = "[article]\ntitle = \"B\"\noutlet = \"example-daily\"\npublished = 2019-03-27\n\n\
             [sources.o]\nname = \"Jane Doe\"\n\n\
             [[claims]]\nid = \"c1\"\ntext = \"x\"\nsource = \"o\"\nsaid = 2019-03-26\n";
    corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("claims/2019/a.toml", a),
        ("claims/2019/b.toml", b),
        (
            "claims/2019/c.toml",
            "[article]\nid = \"2019/a\"\ntitle = \"C\"\noutlet = \"reuters\"\npublished = 2019-03-28\n\n\
             [[claims]]\nid = \"c2\"\ntext = \"y\"\nkind = \"background\"\n",
        ),
    ])
}

fn check_focused(c: &common::Corpus, args: &[&str]) -> (Vec<(String, String)>, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = run(c.claimtrail(&all));
    let diags = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (diags, code(&out))
}

#[test]
fn a_named_file_is_checked_against_its_whole_corpus() {
    let c = drift_corpus();
    let pair = |code: &str, file: &str| (code.to_string(), file.to_string());
    // The whole corpus: b's dropped hedge, c's duplicate id.
    let (all, status) = check_focused(&c, &["claims"]);
    assert_eq!(
        all,
        [
            pair("hedge-dropped", "claims/2019/b.toml"),
            pair("duplicate-article-id", "claims/2019/c.toml")
        ]
    );
    assert_eq!(status, 1);
    // b alone: its drift, found against a; a warning, so no error.
    let (only_b, status) = check_focused(&c, &["claims/2019/b.toml"]);
    assert_eq!(only_b, [pair("hedge-dropped", "claims/2019/b.toml")]);
    assert_eq!(status, 0);
    // c alone: its id, found taken by a.
    let (only_c, status) = check_focused(&c, &["claims/2019/c.toml"]);
    assert_eq!(only_c, [pair("duplicate-article-id", "claims/2019/c.toml")]);
    assert_eq!(status, 1);
    // a alone: nothing in a, so nothing shown and no error.
    let (only_a, status) = check_focused(&c, &["claims/2019/a.toml"]);
    assert_eq!(only_a, []);
    assert_eq!(status, 0);
    let out = run(c.claimtrail(&["check", "claims/2019/a.toml", "--quiet"]));
    assert!(
        String::from_utf8_lossy(&out.stdout).ends_with(
            "checked 2 articles, 2 claims, 4 outlets: 0 errors, 0 warnings (of 2 findings in all)\n"
        ),
        "{out:?}"
    );
}

#[test]
fn findings_are_filtered_by_code_and_file() {
    let c = drift_corpus();
    let (by_code, status) = check_focused(&c, &["claims", "--code", "hedge-dropped"]);
    // c's duplicate id is left out: what is shown decides the exit code.
    assert_eq!(
        by_code,
        [(
            "hedge-dropped".to_string(),
            "claims/2019/b.toml".to_string()
        )]
    );
    assert_eq!(status, 0);
    let (by_file, _) = check_focused(&c, &["claims", "--file", "a.toml"]);
    assert_eq!(by_file, []);
    let (by_file, _) = check_focused(&c, &["claims", "--file", "claims/**/[bc]*"]);
    assert_eq!(by_file, []);
    let (by_file, _) = check_focused(&c, &["claims", "--file", "claims/**/c*"]);
    assert_eq!(
        by_file,
        [(
            "duplicate-article-id".to_string(),
            "claims/2019/c.toml".to_string()
        )]
    );
    let out = run(c.claimtrail(&["check", "claims", "--code", "hedge-droped"]));
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `hedge-dropped`?"));
}

#[test]
fn summary_counts_findings_per_code() {
    let out = run(claimtrail(&["check", "claims", "--summary"]));
    assert_eq!(code(&out), 0);
    // The bundled corpus's 39 warnings, counted by code.
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "8 warning anonymous-without-reason\n\
         8 warning relay-uncredited\n\
         5 warning key-claim-single-anonymous\n\
         5 warning state-media-sole-route\n\
         4 warning hedge-dropped\n\
         3 warning undated-article\n\
         2 warning anonymized\n\
         2 warning attribution-dropped\n\
         1 warning named-later\n\
         1 warning state-origin-hidden\n\
         \n\
         using default settings (no claimtrail.toml), registry claims/outlets.toml\n\
         checked 8 articles, 102 claims, 16 outlets: 0 errors, 39 warnings\n"
    );
}

/// `(code, line)` of every diagnostic of a corpus.
fn codes_and_lines(c: &common::Corpus) -> (Vec<(String, u64)>, i32) {
    let (diags, status, _) = check_corpus(c);
    let found = diags
        .iter()
        .map(|d| {
            (
                format!(
                    "{}:{}",
                    d["file"].as_str().unwrap(),
                    d["code"].as_str().unwrap()
                ),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    (found, status)
}

#[test]
fn every_problem_of_shape_in_a_file_is_reported_in_one_run() {
    // A quoted `published`, a quoted `said` and `key = "true"`: three errors,
    // and nothing that follows from them (no undated article, no claim
    // without a date).
    let article = ARTICLE
        .replace("published = 2019-03-27", "published = \"2019-03-27\"")
        .replace("said = 2019-03-26", "said = \"2019-03-26\"\nkey = \"true\"");
    let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", &article)]);
    let (found, status) = codes_and_lines(&c);
    let expect: Vec<(String, u64)> = [4, 13, 14]
        .into_iter()
        .map(|line| ("./article.toml:wrong-type".to_string(), line))
        .collect();
    assert_eq!(found, expect);
    assert_eq!(status, 1);
}

#[test]
fn problems_of_shape_and_of_meaning_are_reported_together() {
    // An unknown field, a mistyped hedge, and in another claim a source the
    // article does not define: all three in one run.
    let article = format!(
        "{}hedge = 3\n\n[[claims]]\nid = \"c2\"\ntext = \"More.\"\nsource = \"oficial\"\nsaid = 2019-03-26\n",
        ARTICLE.replace(
            "outlet = \"example-daily\"",
            "outlet = \"example-daily\"\ncolour = \"red\""
        )
    );
    let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", &article)]);
    let (found, status) = codes_and_lines(&c);
    assert_eq!(
        found,
        [
            ("./article.toml:unknown-field".to_string(), 4),
            ("./article.toml:wrong-type".to_string(), 15),
            ("./article.toml:unknown-source".to_string(), 20),
        ]
    );
    assert_eq!(status, 1);
}

#[test]
fn a_mistyped_source_or_outlet_invents_no_finding_where_it_is_cited() {
    // `official = "Jane Doe"` in `[sources]`: the claim citing it gets no
    // unknown-source, and no attribution lint.
    let article = ARTICLE.replace(
        "[sources.official]\nname = \"Jane Doe\"",
        "[sources]\nofficial = \"Jane Doe\"",
    );
    let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", &article)]);
    let (found, status) = codes_and_lines(&c);
    assert_eq!(found, [("./article.toml:wrong-type".to_string(), 7)]);
    assert_eq!(status, 1);

    // `reuters = "x"` in the registry: the article relaying Reuters gets no
    // unknown-outlet, and the other outlets still load.
    let outlets = format!(
        "reuters = \"x\"\n\n{}",
        OUTLETS.replace(
            "[reuters]\nname = \"Reuters\"\nkind = \"wire\"\ncountry = \"GB\"\nownership = \"private\"\n",
            "",
        )
    );
    assert_ne!(outlets, OUTLETS);
    let article = format!("{ARTICLE}via = [\"reuters\", \"tass\"]\n");
    let c = corpus(&[("outlets.toml", &outlets), ("article.toml", &article)]);
    let (found, status) = codes_and_lines(&c);
    assert_eq!(found, [("./outlets.toml:wrong-type".to_string(), 1)]);
    assert_eq!(status, 1);
}

#[test]
fn a_dotted_key_gets_its_own_name_in_the_hint() {
    let article = ARTICLE
        .replace("[article]\n", "")
        .replace("title = ", "article.title = ")
        .replace("outlet = ", "article.outlet = ")
        .replace(
            "published = 2019-03-27",
            "article.published = \"2019-03-27\"",
        );
    let c = corpus(&[("outlets.toml", OUTLETS), ("article.toml", &article)]);
    let (diags, status, _) = check_corpus(&c);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "wrong-type");
    assert_eq!(
        diags[0]["help"],
        "write the date without quotes, e.g. published = 2019-03-26"
    );
    assert_eq!(status, 1);
}

/// A drift finding in an article whose earlier claim cites an unknown source
/// points at its own claim's id line: the claim left out of drift (its
/// attribution is the typo's) does not shift the lines of the claims after it.
#[test]
fn drift_after_an_unresolved_claim_points_at_its_own_line() {
    let a = "[article]\ntitle = \"A\"\noutlet = \"reuters\"\npublished = 2019-03-26\n\n\
             [sources.o]\nname = \"Jane Doe\"\n\n\
             [[claims]]\nid = \"c1\"\ntext = \"x\"\nsource = \"o\"\nsaid = 2019-03-26\nhedge = \"reportedly\"\n";
    // Line 10: `id = "c0"`, citing `nobody` on line 12; line 15: `id = "c1"`,
    // the hedge dropped.
    let b = "[article]\ntitle = \"B\"\noutlet = \"example-daily\"\npublished = 2019-03-27\n\n\
             [sources.o]\nname = \"Jane Doe\"\n\n\
             [[claims]]\nid = \"c0\"\ntext = \"y\"\nsource = \"nobody\"\n\n\
             [[claims]]\nid = \"c1\"\ntext = \"x\"\nsource = \"o\"\nsaid = 2019-03-26\n";
    let c = corpus(&[
        ("claims/outlets.toml", OUTLETS),
        ("claims/2019/a.toml", a),
        ("claims/2019/b.toml", b),
    ]);
    let out = run(c.claimtrail(&["check", "--format", "json", "claims"]));
    let all = json(&out);
    let found: Vec<(&str, u64)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert!(found.contains(&("unknown-source", 12)), "{found:?}");
    assert!(found.contains(&("hedge-dropped", 15)), "{found:?}");
    let drift = all
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "hedge-dropped")
        .unwrap();
    // The note: a's `id = "c1"`, line 10.
    assert_eq!(drift["notes"][0]["line"], 10);
}
