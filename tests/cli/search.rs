//! `claims --search`: which claims a few words find and in which order, on a
//! small corpus worked out by hand, in every format.

use insta_cmd::get_cargo_bin;
use serde_json::Value;
use std::process::Command;

const OUTLETS: &str = r#"
[wire]
name = "The Wire"

[paper]
name = "The Paper"

[daily]
name = "The Daily"
"#;

/// The wire, 26 March: the Kremlin claim first, and the troop numbers with a
/// Spanish quote.
const WIRE: &str = r#"
[article]
title = "t"
outlet = "wire"
published = 2019-03-26

[[claims]]
id = "kremlin-denies-troops"
text = "The Kremlin denies sending troops."

[[claims]]
id = "troop-numbers"
text = "About 100 soldiers arrived."
quote = "Unos cien soldados llegaron a Caracas."
"#;

/// The paper, 27 March: the Kremlin claim again, in other words, and the
/// sanctions, with an accented "Krémlin".
const PAPER: &str = r#"
[article]
title = "t"
outlet = "paper"
published = 2019-03-27

[[claims]]
id = "kremlin-denies-troops"
text = "Moscow's spokesman denied that troops were sent."

[[claims]]
id = "sanctions-expanded"
text = "The Krémlin faces new sanctions."
"#;

/// The daily, 25 March: the troop numbers first, and the airport with an
/// accented quote.
const DAILY: &str = r#"
[article]
title = "t"
outlet = "daily"
published = 2019-03-25

[[claims]]
id = "troop-numbers"
text = "Around a hundred TROOPS landed."

[[claims]]
id = "airport-closed"
text = "The airport near Caracas closed."
quote = "El aeropuerto de Maiquetía cerró."
"#;

/// The daily again, undated: a third appearance of the troop numbers.
const LATER: &str = r#"
[article]
title = "t"
outlet = "daily"

[[claims]]
id = "troop-numbers"
text = "Soldiers arrived."
"#;

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("outlets.toml"), OUTLETS).unwrap();
    for (name, text) in [
        ("wire.toml", WIRE),
        ("paper.toml", PAPER),
        ("daily.toml", DAILY),
        ("later.toml", LATER),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn claims(dir: &tempfile::TempDir, args: &[&str]) -> std::process::Output {
    Command::new(get_cargo_bin("claimtrail"))
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .arg("claims")
        .args(args)
        .arg(dir.path())
        .output()
        .unwrap()
}

fn search_json(words: &str) -> Value {
    let dir = corpus();
    let out = claims(&dir, &["--search", words, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect()
}

#[test]
fn words_in_the_id_rank_first() {
    // kremlin-denies-troops: "kremlin" in its id and in the wire's text;
    // sanctions-expanded: in its text only, written "Krémlin".
    let v = search_json("kremlin");
    assert_eq!(ids(&v), ["kremlin-denies-troops", "sanctions-expanded"]);
    assert_eq!(v[0]["matches"]["id"], 1);
    assert_eq!(v[0]["matches"]["text"], 1);
    assert_eq!(v[1]["matches"]["id"], 0);
    assert_eq!(v[1]["matches"]["text"], 1);
    // Its first article is the wire's (26 March, before the paper's 27th),
    // with the wire's text.
    assert_eq!(v[0]["first_article"], "wire");
    assert_eq!(v[0]["first_published"], "2019-03-26");
    assert_eq!(v[0]["first_outlet"], "wire");
    assert_eq!(v[0]["text"], "The Kremlin denies sending troops.");
    assert_eq!(v[0]["appearances"], 2);
    assert_eq!(v[1]["first_article"], "paper");
}

#[test]
fn case_and_accents_are_set_aside() {
    assert_eq!(search_json("KRÉMLIN"), search_json("kremlin"));
    // "Maiquetía" in a quote, "Caracas" in the text: both words, one claim.
    // The troop numbers' quote has "Caracas" but not "Maiquetia".
    assert_eq!(ids(&search_json("maiquetia caracas")), ["airport-closed"]);
}

#[test]
fn a_quote_outranks_a_text() {
    // "Caracas": in the troop numbers' quote, in the airport's text.
    assert_eq!(
        ids(&search_json("caracas")),
        ["troop-numbers", "airport-closed"]
    );
}

#[test]
fn words_match_the_start_of_words_and_ties_go_to_appearances() {
    // "troop" begins "troops" (kremlin-denies-troops) and "troop"
    // (troop-numbers): one word in each id and in each text. The troop
    // numbers appear three times, the Kremlin claim twice.
    let v = search_json("troop");
    assert_eq!(ids(&v), ["troop-numbers", "kremlin-denies-troops"]);
    assert_eq!(v[0]["appearances"], 3);
    // Its first article is the daily of 25 March, with its text; the
    // undated one comes last.
    assert_eq!(v[0]["first_article"], "daily");
    assert_eq!(v[0]["text"], "Around a hundred TROOPS landed.");
    // "troops" does not begin "troop": the troop numbers are found by the
    // daily's text only, and rank after the id match.
    let v = search_json("troops");
    assert_eq!(ids(&v), ["kremlin-denies-troops", "troop-numbers"]);
    assert_eq!(v[1]["matches"]["id"], 0);
    // Every word must match.
    assert_eq!(ids(&search_json("troop sanctions")), Vec::<&str>::new());
}

#[test]
fn every_format_lists_the_same_claims_in_the_same_order() {
    let dir = corpus();
    let text = |format: &str| {
        let out = claims(&dir, &["--search", "troop", "--format", format]);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = text("csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("claim,appearances,first article,first date,first outlet,text")
    );
    assert_eq!(
        lines.next(),
        Some("troop-numbers,3,daily,2019-03-25,The Daily,Around a hundred TROOPS landed.")
    );
    assert_eq!(
        lines.next(),
        Some("kremlin-denies-troops,2,wire,2019-03-26,The Wire,The Kremlin denies sending troops.")
    );
    assert_eq!(lines.next(), None);
    let markdown = text("markdown");
    let rows: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .collect();
    assert_eq!(rows.len(), 3, "{markdown}");
    assert!(
        rows[1].starts_with("| troop-numbers | 3 | daily |"),
        "{markdown}"
    );
    assert!(rows[2].starts_with("| kremlin-denies-troops | 2 | wire |"));
    let table = text("table");
    let first = table.find("troop-numbers").unwrap();
    let second = table.find("kremlin-denies-troops").unwrap();
    assert!(first < second, "{table}");
    assert!(table.contains("Around a hundred TROOPS landed."));
}

#[test]
fn search_combines_with_the_other_filters() {
    let dir = corpus();
    let out = claims(
        &dir,
        &["--search", "kremlin", "--tracked", "--format", "json"],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&v), ["kremlin-denies-troops"]);
}

#[test]
fn a_search_with_no_words_is_a_usage_error() {
    let dir = corpus();
    let out = claims(&dir, &["--search= -- "]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("has no words to look for"), "{err}");
}

#[test]
fn a_search_that_finds_nothing_says_so_instead_of_an_empty_table() {
    let dir = corpus();
    let out = claims(&dir, &["--search", "zebra"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "no claim holds every word of \"zebra\"\n"
    );
    // Machine formats still get their empty document.
    let out = claims(&dir, &["--search", "zebra", "--format", "json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    let out = claims(&dir, &["--search", "zebra", "--format", "csv"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}
