//! Trails, roots and drift: one hand-built corpus per drift code (and one with
//! no drift) with the expected findings asserted directly, then snapshots of
//! `trace` and `claims` on the real corpus.

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const OUTLETS: &str = r#"
[reuters]
name = "Reuters"
kind = "wire"
country = "GB"
ownership = "private"

[paper]
name = "The Paper"
kind = "newspaper"
country = "US"
ownership = "private"

[daily]
name = "The Daily"
kind = "newspaper"
country = "ID"
ownership = "private"

[times]
name = "The Times"
kind = "newspaper"
country = "GB"
ownership = "private"

[afp]
name = "Agence France-Presse"
kind = "agency"
country = "FR"
ownership = "private"

[sputnik]
name = "Sputnik"
kind = "broadcaster"
country = "RU"
ownership = "state"
"#;

/// Reuters breaks the claim from an anonymous official, hedged.
const REUTERS: &str = r#"
[article]
title = "Wire story"
outlet = "reuters"
published = 2019-03-26

[sources.official]
anonymous = true
description = "a U.S. official"
reason = "not authorized to speak"

[[claims]]
id = "cyber"
text = "The contingent includes cyber personnel."
source = "official"
said = 2019-03-26
hedge = "believed"
"#;

fn paper(published: &str, body: &str) -> String {
    format!("[article]\ntitle = \"Pickup\"\noutlet = \"paper\"\npublished = {published}\n\n{body}")
}

fn corpus(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("outlets.toml"), OUTLETS).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn bin() -> Command {
    let mut cmd = Command::new(get_cargo_bin("claimtrail"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn trace_json(dir: &Path, claim: &str) -> Value {
    let out = bin()
        .args(["trace", claim, "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (appearance's article, drift codes) for each appearance, in trail order.
fn drift_by_article(t: &Value) -> Vec<(String, Vec<String>)> {
    t["appearances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["article"].as_str().unwrap().to_string(),
                a["drift"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

fn expect(files: &[(&str, &str)], claim: &str, expected: &[(&str, &[&str])]) -> Value {
    let dir = corpus(files);
    let t = trace_json(dir.path(), claim);
    let got = drift_by_article(&t);
    let want: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(a, codes)| (a.to_string(), codes.iter().map(|c| c.to_string()).collect()))
        .collect();
    assert_eq!(got, want);
    t
}

#[test]
fn faithful_pickup_has_no_drift_and_one_root() {
    let p = paper(
        "2019-03-27",
        r#"[sources.official]
anonymous = true
description = "a U.S. official"
reason = "not authorized to speak"

[[claims]]
id = "cyber"
text = "The contingent includes cyber personnel."
source = "official"
via = ["reuters"]
said = 2019-03-26
hedge = "believed"
"#,
    );
    let t = expect(
        &[("reuters.toml", REUTERS), ("paper.toml", &p)],
        "cyber",
        &[("reuters", &[]), ("paper", &[])],
    );
    // Reuters first-hand and the paper via Reuters share the root Reuters.
    assert_eq!(t["independent_roots"], 1);
    assert_eq!(t["origin"]["article"], "reuters");
    assert_eq!(t["origin"]["first_outlet"], "reuters");
    assert_eq!(t["roots"][0]["kind"], "outlet");
    assert_eq!(t["roots"][0]["id"], "reuters");
    assert_eq!(t["roots"][0]["appearances"], 2);
}

#[test]
fn hedge_dropped() {
    let p = paper(
        "2019-03-27",
        r#"[sources.official]
anonymous = true
description = "a U.S. official"
reason = "not authorized to speak"

[[claims]]
id = "cyber"
text = "The contingent includes cyber personnel."
source = "official"
via = ["reuters"]
said = 2019-03-26
"#,
    );
    expect(
        &[("reuters.toml", REUTERS), ("paper.toml", &p)],
        "cyber",
        &[("reuters", &[]), ("paper", &["hedge-dropped"])],
    );
}

#[test]
fn attribution_dropped_is_also_an_uncredited_relay() {
    // No source and no route: the attribution is gone, and so is the credit to
    // Reuters, where the claim first appeared.
    let p = paper(
        "2019-03-27",
        r#"[[claims]]
id = "cyber"
text = "The contingent includes cyber personnel."
hedge = "believed"
"#,
    );
    expect(
        &[("reuters.toml", REUTERS), ("paper.toml", &p)],
        "cyber",
        &[
            ("reuters", &[]),
            ("paper", &["attribution-dropped", "relay-uncredited"]),
        ],
    );
}

#[test]
fn relay_uncredited() {
    let p = paper(
        "2019-03-27",
        r#"[sources.official]
anonymous = true
description = "a U.S. official"

[[claims]]
id = "cyber"
text = "The contingent includes cyber personnel."
source = "official"
said = 2019-03-26
hedge = "believed"
"#,
    );
    let t = expect(
        &[("reuters.toml", REUTERS), ("paper.toml", &p)],
        "cyber",
        &[("reuters", &[]), ("paper", &["relay-uncredited"])],
    );
    // The uncredited pickup looks like a second root: that is what it claims to be.
    assert_eq!(t["independent_roots"], 2);
}

const NAMED_REUTERS: &str = r#"
[article]
title = "Wire story"
outlet = "reuters"
published = 2019-03-25

[sources.palladino]
name = "Robert Palladino"
role = "State Department spokesman"

[[claims]]
id = "not-idly"
text = "The U.S. will not stand idly by."
source = "palladino"
said = 2019-03-25
"#;

const ANON_PAPER: &str = r#"[sources.official]
anonymous = true
description = "a State Department official"
reason = "not authorized"

[[claims]]
id = "not-idly"
text = "The U.S. will not stand idly by."
source = "official"
via = ["reuters"]
"#;

#[test]
fn anonymized() {
    let p = paper("2019-03-26", ANON_PAPER);
    expect(
        &[("reuters.toml", NAMED_REUTERS), ("paper.toml", &p)],
        "not-idly",
        &[("reuters", &[]), ("paper", &["anonymized"])],
    );
}

#[test]
fn named_later() {
    // The paper runs the anonymous version first; the wire names the speaker a day later.
    let p = paper("2019-03-24", ANON_PAPER);
    let t = expect(
        &[("reuters.toml", NAMED_REUTERS), ("paper.toml", &p)],
        "not-idly",
        &[("paper", &[]), ("reuters", &["named-later"])],
    );
    assert_eq!(t["origin"]["article"], "paper");
}

#[test]
fn state_origin_hidden() {
    let sputnik = r#"
[article]
title = "Agreement"
outlet = "sputnik"
published = 2019-03-26

[sources.zakharova]
name = "Maria Zakharova"
country = "RU"

[[claims]]
id = "agreement"
text = "The deployment rests on a 2001 agreement."
source = "zakharova"
said = 2019-03-26
"#;
    let p = paper(
        "2019-03-27",
        r#"[sources.zakharova]
name = "Maria Zakharova"

[[claims]]
id = "agreement"
text = "The deployment rests on a 2001 agreement."
source = "zakharova"
said = 2019-03-26
"#,
    );
    // A named speaker quoted first-hand by a state outlet: the origin is the
    // speaker, whom a later article can reach directly; nothing is hidden.
    let t = expect(
        &[("sputnik.toml", sputnik), ("paper.toml", &p)],
        "agreement",
        &[("sputnik", &[]), ("paper", &[])],
    );
    // One named speaker: one root, whichever outlet carried her.
    assert_eq!(t["independent_roots"], 1);
    assert_eq!(t["roots"][0]["kind"], "speaker");
    assert_eq!(t["roots"][0]["id"], "Maria Zakharova");
    // An unnamed source in a state outlet is that outlet's reporting: a later
    // article that credits only Reuters hides it.
    let unnamed = |outlet: &str, date: &str, via: &str| {
        format!(
            "[article]\ntitle = \"Agreement\"\noutlet = \"{outlet}\"\npublished = {date}\n\n\
             [sources.insider]\nanonymous = true\ndescription = \"a ministry source\"\n\n\
             [[claims]]\nid = \"agreement\"\ntext = \"The deployment rests on a 2001 agreement.\"\n\
             source = \"insider\"\nsaid = 2019-03-26\n{via}"
        )
    };
    expect(
        &[
            ("sputnik.toml", &unnamed("sputnik", "2019-03-26", "")),
            (
                "paper.toml",
                &unnamed("paper", "2019-03-27", "via = [\"reuters\"]\n"),
            ),
        ],
        "agreement",
        &[("sputnik", &[]), ("paper", &["state-origin-hidden"])],
    );
}

#[test]
fn said_date_conflict() {
    let p = paper(
        "2019-03-27",
        r#"[sources.official]
anonymous = true
description = "a U.S. official"
reason = "not authorized to speak"

[[claims]]
id = "cyber"
text = "The contingent includes cyber personnel."
source = "official"
via = ["reuters"]
said = 2019-03-25
hedge = "believed"
"#,
    );
    expect(
        &[("reuters.toml", REUTERS), ("paper.toml", &p)],
        "cyber",
        &[("reuters", &[]), ("paper", &["said-date-conflict"])],
    );
}

/// An article of `outlet` making the claim: from Sputnik (state) in its own
/// voice, its origin; from the Times (whose id sorts after Sputnik's, so a tie
/// puts Sputnik first) a pickup credited to Reuters, which does not show
/// Sputnik (and, crediting an outlet, is no uncredited relay).
fn agreement(outlet: &str, published: &str) -> String {
    let date = if published.is_empty() {
        String::new()
    } else {
        format!("published = {published}\n")
    };
    let via = if outlet == "sputnik" {
        ""
    } else {
        "via = [\"reuters\"]\n"
    };
    format!(
        "[article]\ntitle = \"Agreement\"\noutlet = \"{outlet}\"\n{date}\n\
         [[claims]]\nid = \"agreement\"\ntext = \"The deployment rests on a 2001 agreement.\"\n\
         {via}"
    )
}

#[test]
fn state_origin_hidden_needs_a_later_day() {
    // Undated, both: no order between them, so no finding, though Sputnik
    // sorts first.
    expect(
        &[
            ("sputnik.toml", &agreement("sputnik", "")),
            ("times.toml", &agreement("times", "")),
        ],
        "agreement",
        &[("sputnik", &[]), ("times", &[])],
    );
    // The same day: trail order goes by outlet id, which says nothing of
    // which came first.
    expect(
        &[
            ("sputnik.toml", &agreement("sputnik", "2019-03-26")),
            ("times.toml", &agreement("times", "2019-03-26")),
        ],
        "agreement",
        &[("sputnik", &[]), ("times", &[])],
    );
    // A day later, and undated after a dated origin: both hide it.
    expect(
        &[
            ("sputnik.toml", &agreement("sputnik", "2019-03-26")),
            ("times.toml", &agreement("times", "2019-03-27")),
            ("undated.toml", &agreement("times", "")),
        ],
        "agreement",
        &[
            ("sputnik", &[]),
            ("times", &["state-origin-hidden"]),
            ("undated", &["state-origin-hidden"]),
        ],
    );
}

#[test]
fn background_is_left_out_of_the_origin_drift_compares_with() {
    // Reuters mentions the claim as context first; the paper reports it from
    // an anonymous official, hedged; the daily drops the hedge and credits no
    // one. Without the background appearance the daily drifts from the
    // paper: it still does with it.
    let background = r#"
[article]
title = "Context"
outlet = "reuters"
published = 2019-03-25

[[claims]]
id = "cyber"
text = "The contingent includes cyber personnel."
kind = "background"
"#;
    let body = |hedge: &str| {
        format!(
            "[sources.official]\nanonymous = true\ndescription = \"a U.S. official\"\n\
             reason = \"not authorized to speak\"\n\n\
             [[claims]]\nid = \"cyber\"\ntext = \"The contingent includes cyber personnel.\"\n\
             source = \"official\"\nsaid = 2019-03-26\n{hedge}"
        )
    };
    let p = paper("2019-03-26", &body("hedge = \"believed\"\n"));
    let daily = format!(
        "[article]\ntitle = \"Daily\"\noutlet = \"daily\"\npublished = 2019-03-27\n\n{}",
        body("")
    );
    let want: &[(&str, &[&str])] = &[
        ("paper", &[]),
        ("daily", &["hedge-dropped", "relay-uncredited"]),
    ];
    expect(&[("paper.toml", &p), ("daily.toml", &daily)], "cyber", want);
    let mut with_background = vec![("background", &[][..])];
    with_background.extend_from_slice(want);
    let t = expect(
        &[
            ("background.toml", background),
            ("paper.toml", &p),
            ("daily.toml", &daily),
        ],
        "cyber",
        &with_background,
    );
    // Both findings point back at the paper (appearance 1), not at Reuters'
    // background mention.
    let earlier: Vec<(&str, u64)> = t["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["earlier"].as_u64().unwrap()))
        .collect();
    assert_eq!(earlier, [("hedge-dropped", 1), ("relay-uncredited", 1)]);
}

#[test]
fn crediting_any_outlet_on_the_origins_route_credits_the_relay() {
    // The paper got the claim from AFP through Reuters; the daily, a day
    // later, credits Reuters alone. It does not hide the relay, though by
    // its own account it goes back to Reuters: two roots (AFP, Reuters).
    let p = paper(
        "2019-03-26",
        r#"[[claims]]
id = "drills"
text = "Russian troops held drills."
via = [["afp", "reuters"]]
"#,
    );
    let daily = r#"[article]
title = "Daily"
outlet = "daily"
published = 2019-03-27

[[claims]]
id = "drills"
text = "Russian troops held drills."
via = ["reuters"]
"#;
    let t = expect(
        &[("paper.toml", &p), ("daily.toml", daily)],
        "drills",
        &[("paper", &[]), ("daily", &[])],
    );
    assert_eq!(t["independent_roots"], 2);
    // Crediting no outlet of it is still uncredited.
    let uncredited = daily.replace("via = [\"reuters\"]\n", "");
    expect(
        &[("paper.toml", &p), ("daily.toml", &uncredited)],
        "drills",
        &[
            ("paper", &[]),
            ("daily", &["attribution-dropped", "relay-uncredited"]),
        ],
    );
}

#[test]
fn undated_appearances_come_last_and_ties_go_by_outlet_then_id() {
    let body = r#"[sources.official]
anonymous = true
description = "a U.S. official"
reason = "not authorized to speak"

[[claims]]
id = "cyber"
text = "The contingent includes cyber personnel."
source = "official"
via = ["reuters"]
said = 2019-03-26
hedge = "believed"
"#;
    let undated = format!("[article]\ntitle = \"U\"\noutlet = \"daily\"\n\n{body}");
    let same_day_daily =
        format!("[article]\ntitle = \"D\"\noutlet = \"daily\"\npublished = 2019-03-27\n\n{body}");
    let same_day_paper = paper("2019-03-27", body);
    let dir = corpus(&[
        ("a-undated.toml", &undated),
        ("b-paper.toml", &same_day_paper),
        ("c-daily.toml", &same_day_daily),
        ("reuters.toml", REUTERS),
    ]);
    let t = trace_json(dir.path(), "cyber");
    let order: Vec<(&str, bool)> = t["appearances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["article"].as_str().unwrap(),
                a["undated"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        order,
        vec![
            ("reuters", false),
            ("c-daily", false),
            ("b-paper", false),
            ("a-undated", true)
        ]
    );
    assert_eq!(t["independent_roots"], 1);
}

#[test]
fn drift_is_a_located_warning_in_check() {
    let p = paper(
        "2019-03-27",
        r#"[sources.official]
anonymous = true
description = "a U.S. official"
reason = "not authorized to speak"

[[claims]]
id = "cyber"
text = "The contingent includes cyber personnel."
source = "official"
via = ["reuters"]
said = 2019-03-26
"#,
    );
    let dir = corpus(&[("reuters.toml", REUTERS), ("paper.toml", &p)]);
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let diags: Value = serde_json::from_slice(&out.stdout).unwrap();
    let drift: Vec<&Value> = diags
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "hedge-dropped")
        .collect();
    assert_eq!(drift.len(), 1);
    let d = drift[0];
    assert_eq!(d["severity"], "warning");
    assert!(d["file"].as_str().unwrap().ends_with("paper.toml"));
    // `id = "cyber"` is on line 12 of the paper's file, the value at column 6.
    assert_eq!(d["line"], 12);
    assert_eq!(d["column"], 6);
    assert!(
        d["notes"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("reuters.toml")
    );
    assert_eq!(d["notes"][0]["line"], 13);

    // The newsroom can deny it.
    std::fs::write(
        dir.path().join("claimtrail.toml"),
        "[lints]\nhedge-dropped = \"deny\"\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--quiet", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn unknown_claim_suggests_the_closest_id() {
    let dir = corpus(&[("reuters.toml", REUTERS)]);
    let out = bin()
        .args(["trace", "cybr"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `cyber`?"), "{err}");
}

fn real(args: &[&str]) -> Command {
    let mut cmd = bin();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
    cmd
}

#[test]
fn real_cyber_personnel_trail() {
    let t: Value = serde_json::from_slice(
        &real(&["trace", "ru-contingent-cyber-personnel", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    // Reuters broke it; the Japan Times and the seed relay Reuters; the SCMP
    // carries the same official without crediting Reuters.
    assert_eq!(t["origin"]["outlet"], "reuters");
    assert_eq!(t["independent_roots"], 2);
    let seed = t["appearances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"] == "2019/manajemen-ti-pasukan-siber-rusia")
        .unwrap();
    assert_eq!(seed["undated"], true);
    assert_eq!(seed["drift"][0], "hedge-dropped");
}

#[test]
fn snapshots_of_real_trails() {
    for claim in [
        "ru-contingent-cyber-personnel",
        "ru-sent-100-troops",
        "pompeo-lavrov-call",
    ] {
        assert_cmd_snapshot!(
            format!("trace_{claim}"),
            real(&["trace", claim, "--format", "markdown"])
        );
        assert_cmd_snapshot!(
            format!("trace_{claim}_json"),
            real(&["trace", claim, "--format", "json"])
        );
    }
    assert_cmd_snapshot!(
        "trace_cyber_table",
        real(&["trace", "ru-contingent-cyber-personnel"])
    );
    assert_cmd_snapshot!(
        "trace_cyber_dot",
        real(&["trace", "ru-contingent-cyber-personnel", "--format", "dot"])
    );
    assert_cmd_snapshot!(
        "trace_cyber_mermaid",
        real(&[
            "trace",
            "ru-contingent-cyber-personnel",
            "--format",
            "mermaid"
        ])
    );
    assert_cmd_snapshot!("claims_tracked", real(&["claims", "--tracked"]));
    assert_cmd_snapshot!(
        "claims_drift_json",
        real(&["claims", "--drift", "--format", "json"])
    );
    assert_cmd_snapshot!("claims_csv", real(&["claims", "--format", "csv"]));
}

/// A DOT graph as written by `trace --format dot`: node labels by id, and
/// edges as (from, to, dashed label).
struct Dot {
    nodes: std::collections::BTreeMap<String, String>,
    edges: Vec<(String, String, Option<String>)>,
}

fn parse_dot(text: &str) -> Dot {
    let mut dot = Dot {
        nodes: Default::default(),
        edges: Vec::new(),
    };
    for line in text.lines().map(str::trim) {
        if let Some((from, rest)) = line.split_once(" -> ") {
            let (to, attrs) = rest
                .split_once(' ')
                .unwrap_or((rest.trim_end_matches(';'), ""));
            let dashed = attrs.contains("style=dashed").then(|| {
                let label = attrs.split("label=\"").nth(1).unwrap();
                label[..label.find('"').unwrap()].to_string()
            });
            dot.edges.push((
                from.to_string(),
                to.trim_end_matches(';').to_string(),
                dashed,
            ));
        } else if let Some((id, rest)) = line.split_once(" [label=\"") {
            let label = &rest[..rest.find("\", ").unwrap()];
            dot.nodes.insert(id.to_string(), label.to_string());
        }
    }
    dot
}

impl Dot {
    fn id(&self, label_start: &str) -> String {
        let found: Vec<&String> = self
            .nodes
            .iter()
            .filter(|(_, l)| l.starts_with(label_start))
            .map(|(id, _)| id)
            .collect();
        assert_eq!(found.len(), 1, "one node labelled {label_start}: {found:?}");
        found[0].clone()
    }

    /// The nodes reachable from `from` along solid edges.
    fn reachable(&self, from: &str) -> std::collections::BTreeSet<String> {
        let mut seen = std::collections::BTreeSet::from([from.to_string()]);
        let mut stack = vec![from.to_string()];
        while let Some(n) = stack.pop() {
            for (a, b, dashed) in &self.edges {
                if *a == n && dashed.is_none() && seen.insert(b.clone()) {
                    stack.push(b.clone());
                }
            }
        }
        seen
    }
}

fn cyber_dot() -> String {
    let out = real(&["trace", "ru-contingent-cyber-personnel", "--format", "dot"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn graph_has_one_node_per_root_speaker_and_outlet() {
    let dot = parse_dot(&cyber_dot());
    // Four articles, four outlets (Reuters, the Japan Times, MANAJEMEN-TI,
    // the SCMP), and two speakers: the official behind the Reuters root (as
    // three articles describe them) and the SCMP's own, uncredited.
    assert_eq!(dot.nodes.len(), 10, "{:?}", dot.nodes);
    let reuters_official = dot.id("anonymous: a U.S. official");
    assert_eq!(
        dot.nodes[&reuters_official],
        "anonymous: a U.S. official\\nalso: seorang pejabat AS"
    );
    let scmp_official = dot.id("anonymous: a US official");
    let articles = [
        ("2019/reuters-russian-deployment-cyber", &reuters_official),
        (
            "2019/japantimes-russian-deployment-cyber",
            &reuters_official,
        ),
        ("2019/manajemen-ti-pasukan-siber-rusia", &reuters_official),
        (
            "2019/scmp-russian-deployment-special-forces-cyber",
            &scmp_official,
        ),
    ];
    for (article, speaker) in articles {
        let node = dot.id(article);
        assert!(
            dot.reachable(speaker).contains(&node),
            "{article} is reached from its root's speaker"
        );
    }
    // Each article hangs from its own outlet; the pickups go through Reuters.
    let reuters = dot.id("Reuters");
    let edge = |a: &str, b: &str| (a.to_string(), b.to_string(), None);
    assert!(dot.edges.contains(&edge(&reuters_official, &reuters)));
    assert!(
        dot.edges
            .contains(&edge(&reuters, &dot.id("2019/reuters-")))
    );
    assert!(
        dot.edges
            .contains(&edge(&reuters, &dot.id("The Japan Times")))
    );
    assert!(
        dot.edges
            .contains(&edge(&reuters, &dot.id("MANAJEMEN-TI.COM")))
    );
    assert!(!dot.reachable(&scmp_official).contains(&reuters));
    // Drift: dashed, from the earlier appearance to the later one.
    let dashed: Vec<_> = dot
        .edges
        .iter()
        .filter(|e| e.2.is_some())
        .cloned()
        .collect();
    let origin = dot.id("2019/reuters-");
    assert_eq!(
        dashed,
        [
            (
                origin.clone(),
                dot.id("2019/manajemen-ti-"),
                Some("hedge-dropped".to_string())
            ),
            (
                origin,
                dot.id("2019/scmp-"),
                Some("relay-uncredited".to_string())
            ),
        ]
    );
    // No edge twice.
    let distinct: std::collections::BTreeSet<_> = dot.edges.iter().collect();
    assert_eq!(distinct.len(), dot.edges.len());
}

#[test]
fn named_speaker_is_one_node_across_routes() {
    let out = real(&["trace", "pompeo-lavrov-call", "--format", "dot"])
        .output()
        .unwrap();
    let dot = parse_dot(&String::from_utf8(out.stdout).unwrap());
    // Pompeo through Reuters, and through CNN and RFE/RL in one article;
    // Palladino first-hand at RFE/RL.
    let pompeo = dot.id("Mike Pompeo");
    let reach = dot.reachable(&pompeo);
    for n in [
        "Reuters",
        "CNN",
        "Radio Free Europe/Radio Liberty",
        "2019/japantimes-",
        "2019/manajemen-ti-",
    ] {
        assert!(reach.contains(&dot.id(n)), "{n}");
    }
    assert!(
        reach.contains(&dot.id("2019/rferl-")),
        "through RFE/RL's own outlet node"
    );
    let palladino = dot.id("Robert Palladino");
    assert!(dot.reachable(&palladino).contains(&dot.id("2019/rferl-")));
    assert_eq!(dot.nodes.len(), 2 + 5 + 3, "{:?}", dot.nodes);
}

#[test]
fn unnamed_speakers_merge_only_within_one_root() {
    // Reuters' official, the paper's pickup via Reuters (another wording) and
    // the daily's own anonymous official: two speaker nodes.
    let paper_body = r#"
[sources.o]
anonymous = true
description = "an American official"

[[claims]]
id = "cyber"
text = "x"
source = "o"
via = ["reuters"]
"#;
    let daily = r#"
[article]
title = "Own"
outlet = "daily"
published = 2019-03-28

[sources.o]
anonymous = true
description = "a U.S. official"

[[claims]]
id = "cyber"
text = "x"
source = "o"
"#;
    let dir = corpus(&[
        ("reuters.toml", REUTERS),
        ("paper.toml", &paper("2019-03-27", paper_body)),
        ("daily.toml", daily),
    ]);
    let out = bin()
        .args(["trace", "cyber", "--format", "dot"])
        .arg(dir.path())
        .output()
        .unwrap();
    let dot = parse_dot(&String::from_utf8(out.stdout).unwrap());
    let speakers: Vec<&String> = dot
        .nodes
        .values()
        .filter(|l| l.starts_with("anonymous: "))
        .collect();
    assert_eq!(
        speakers,
        [
            "anonymous: a U.S. official\\nalso: an American official",
            "anonymous: a U.S. official"
        ]
    );
}

#[test]
fn mermaid_graph_has_the_same_shape() {
    let out = real(&[
        "trace",
        "ru-contingent-cyber-personnel",
        "--format",
        "mermaid",
    ])
    .output()
    .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("flowchart LR\n"));
    let count = |p: &dyn Fn(&str) -> bool| text.lines().filter(|l| p(l)).count();
    assert_eq!(count(&|l| l.contains("([\"")), 2, "two speakers");
    assert_eq!(count(&|l| l.contains("[/\"")), 4, "four articles");
    assert_eq!(
        count(&|l| l.contains("[\"") && !l.contains("([")),
        4,
        "four outlets"
    );
    assert_eq!(count(&|l| l.contains(" -. ")), 2, "two drift edges");
    assert!(text.contains("([\"anonymous: a U.S. official<br>also: seorang pejabat AS\"])"));
    // As many solid edges as the DOT graph.
    let dot = parse_dot(&cyber_dot());
    let solid = dot.edges.iter().filter(|e| e.2.is_none()).count();
    assert_eq!(count(&|l| l.contains(" --> ")), solid);
}

#[test]
fn graph_renders_with_graphviz() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let dot = match Command::new("dot").arg("-V").output() {
        Ok(_) => Command::new("dot"),
        Err(e) if !ci => {
            println!("skipped: Graphviz `dot` is not installed ({e})");
            return;
        }
        Err(e) => panic!("Graphviz `dot` is needed under CI=true: {e}"),
    };
    let mut dot = dot;
    let mut child = dot
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(cyber_dot().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "dot: {stderr}");
    let svg = String::from_utf8(out.stdout).unwrap();
    // Ten nodes, eight solid edges and two dashed ones, as drawn.
    assert_eq!(svg.matches("class=\"node\"").count(), 10);
    assert_eq!(svg.matches("class=\"edge\"").count(), 10);
    assert_eq!(svg.matches("stroke-dasharray").count(), 2);
    assert!(svg.contains(">anonymous: a U.S. official</text>"));
}
