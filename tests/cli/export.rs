//! `claimtrail export` and `import csv`: the Parquet tables and their SQL on
//! DuckDB and Spark against claimtrail's own JSON, the JSON-LD against
//! schema.org's vocabulary, the PROV graph's shape, the CSV round trip, and
//! the export folder's safety rules.

use super::common::{Corpus, OUTLETS, claimtrail, code, corpus, json, repo_root, run};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A deterministic corpus with every class, multi-hop and state routes,
/// shared claim ids, hedges, undated articles and two anonymous sources
/// with one description.
pub fn generated() -> Corpus {
    let mut files: Vec<(String, String)> = vec![(
        "outlets.toml".into(),
        format!(
            "{OUTLETS}\n[tv]\nname = \"TV One\"\nkind = \"broadcaster\"\nownership = \"public\"\n\n[blog]\nname = \"A Blog\"\nkind = \"blog\"\n"
        ),
    )];
    let outlets = ["example-daily", "reuters", "tass", "sputnik", "tv", "blog"];
    let names = [
        ("Ana Ruiz", "VE"),
        ("Ben Ode", "US"),
        ("Chen Li", ""),
        ("Dara Khan", "RU"),
    ];
    let vias = [
        "",
        "via = [\"reuters\"]\n",
        "via = [[\"tass\", \"reuters\"]]\n",
        "via = [\"sputnik\"]\n",
        "via = [\"tv\", [\"sputnik\", \"example-daily\"]]\n",
        "via = [\"tass\", \"sputnik\"]\n",
    ];
    let mut seed: u64 = 20;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for i in 0..30 {
        let outlet = outlets[next(6) as usize];
        let mut t = format!("[article]\ntitle = \"Story {i}\"\noutlet = \"{outlet}\"\n");
        if i % 7 != 3 {
            t.push_str(&format!("published = 2020-01-{:02}\n", 1 + next(20)));
        }
        if i % 4 == 0 {
            t.push_str(&format!("url = \"https://example.org/{i}\"\n"));
        }
        for (n, (name, country)) in names.iter().enumerate() {
            t.push_str(&format!("\n[sources.s{n}]\nname = \"{name}\"\n"));
            if !country.is_empty() {
                t.push_str(&format!("country = \"{country}\"\n"));
            }
        }
        t.push_str("\n[sources.anon]\nanonymous = true\ndescription = \"an official\"\n");
        t.push_str("\n[sources.anon2]\nanonymous = true\ndescription = \"an official\"\nreason = \"not authorized\"\n");
        let mut ids = BTreeSet::new();
        for _ in 0..(2 + next(6)) {
            let id = format!("c{}", next(12));
            if !ids.insert(id.clone()) {
                continue;
            }
            let mut c = format!(
                "\n[[claims]]\nid = \"{id}\"\ntext = \"Claim {id} as story {i} has it.\"\n"
            );
            match next(5) {
                0 => c.push_str(&format!("source = \"s{}\"\n", next(4))),
                1 => c.push_str(if next(2) == 0 {
                    "source = \"anon\"\n"
                } else {
                    "source = \"anon2\"\n"
                }),
                2 => {}
                3 => {}
                _ => c.push_str("kind = \"background\"\n"),
            }
            let via = vias[next(6) as usize];
            if !c.contains("source") && !c.contains("background") && next(2) == 0 {
                // An outlet-reported claim needs a route.
                c.push_str(if via.is_empty() { vias[1] } else { via });
            } else {
                c.push_str(via);
            }
            if next(3) == 0 {
                c.push_str("hedge = \"reportedly\"\n");
            }
            if next(3) == 0 {
                c.push_str(&format!("said = 2019-12-{:02}\n", 1 + next(28)));
            }
            if next(4) == 0 {
                c.push_str("key = true\n");
            }
            t.push_str(&c);
        }
        files.push((format!("2020/story-{i:02}.toml"), t));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    corpus(&refs)
}

/// `claimtrail ARGS` that must succeed; its stdout.
fn ok(args: &[&str]) -> std::process::Output {
    let out = run(claimtrail(args));
    assert_eq!(
        code(&out),
        0,
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// Export `corpus` as Parquet into `dir`.
fn export_parquet(corpus: &Path, dir: &Path) {
    ok(&[
        "export",
        path_str(corpus),
        "--format",
        "parquet",
        "--out",
        path_str(dir),
    ]);
}

/// Whether a tool the SQL tests need is here. Missing outside CI: skip with
/// a note; missing in CI: fail, since .ci/run installs it.
fn have(what: &str, probe: &mut Command) -> bool {
    let found = probe.output().map(|o| o.status.success()).unwrap_or(false);
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but {what} is missing: .ci/run installs it"
        );
        println!("note: skipping: {what} is not installed (see .ci/run)");
    }
    found
}

fn python_has(module: &str) -> bool {
    have(
        &format!("python3 with `{module}`"),
        Command::new("python3").args(["-c", &format!("import {module}")]),
    )
}

/// Run the SQL in src/export/sql on `engine` over each folder.
fn run_sql(engine: &str, dirs: &[&Path]) -> Value {
    let root = repo_root();
    let mut cmd = Command::new("python3");
    cmd.arg(root.join("tests/export/run_sql.py"))
        .arg(engine)
        .arg(root.join("src/export/sql"));
    for d in dirs {
        cmd.arg(d);
    }
    let out = cmd.output().expect("python3 runs");
    assert!(
        out.status.success(),
        "{engine}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the runner prints JSON")
}

/// A corpus, its export folder, and claimtrail's JSON about it.
struct Case {
    corpus: PathBuf,
    export: PathBuf,
}

/// Every figure the SQL gives on `sql` equals claimtrail's JSON for the corpus.
fn assert_sql_matches(case: &Case, sql: &Value) {
    let corpus = path_str(&case.corpus);
    let report = json(&ok(&["report", corpus, "--format", "json"]));
    let sources = json(&ok(&["sources", corpus, "--format", "json"]));
    let claims = json(&ok(&["claims", corpus, "--format", "json"]));

    // Per article: every count and the anonymity rate, exactly.
    let rows = sql["article_counts"].as_array().expect("rows");
    let articles = report["articles"].as_array().expect("articles");
    assert_eq!(rows.len(), articles.len());
    for (row, a) in rows.iter().zip(articles) {
        assert_eq!(row["article"], a["id"]);
        assert_eq!(row["outlet"], a["outlet"]);
        assert_eq!(row["published"], a["published"]);
        for k in [
            "claims",
            "named",
            "anonymous",
            "outlet_reported",
            "unattributed",
            "background",
            "hedged",
            "relayed",
            "state_reliant",
        ] {
            assert_eq!(row[k], a[k], "{k} of {}", a["id"]);
        }
        assert_eq!(
            row["anonymity_rate"].as_f64(),
            a["anonymity_rate"].as_f64(),
            "anonymity rate of {}",
            a["id"]
        );
    }

    // Per outlet: relayed claims, relying articles, own articles.
    let outlet_key = |v: &Value, id: &str| {
        (
            v[id].as_str().unwrap_or_default().to_string(),
            v["relayed_claims"].as_u64(),
            v["relying_articles"].as_u64(),
            v["own_articles"].as_u64(),
        )
    };
    let got: BTreeSet<_> = sql["outlet_reliance"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|v| outlet_key(v, "outlet"))
        .collect();
    let want: BTreeSet<_> = sources["outlets"]
        .as_array()
        .expect("outlets")
        .iter()
        .map(|v| outlet_key(v, "id"))
        .collect();
    assert_eq!(got, want, "outlet reliance");
    // State outlets are flagged as the registry says.
    for v in sql["outlet_reliance"].as_array().expect("rows") {
        assert_eq!(
            v["state"].as_bool(),
            Some(v["ownership"].as_str() == Some("state"))
        );
    }

    // Per speaker.
    let speaker_key = |v: &Value| {
        (
            v["speaker"].as_str().unwrap_or_default().to_string(),
            v["article"].as_str().map(str::to_string),
            v["articles"].as_u64(),
            v["claims"].as_u64(),
        )
    };
    let mut got: Vec<_> = sql["speaker_counts"]
        .as_array()
        .expect("rows")
        .iter()
        .map(speaker_key)
        .collect();
    let mut want: Vec<_> = sources["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .map(speaker_key)
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "speaker counts");

    // Per claim: the summary `claims` lists.
    let trails = sql["trails"].as_array().expect("rows");
    let list = claims.as_array().expect("claims");
    assert_eq!(trails.len(), list.len());
    for (row, c) in trails.iter().zip(list) {
        assert_eq!(row["claim"], c["id"]);
        for (k, j) in [
            ("appearances", "appearances"),
            ("articles", "articles"),
            ("first_published", "first_published"),
            ("first_outlet", "first_outlet"),
            ("independent_roots", "independent_roots"),
            ("drift", "drift"),
        ] {
            assert_eq!(row[k], c[j], "{k} of claim {}", c["id"]);
        }
    }

    // Each tracked claim's appearances in order, with their roots.
    let mut by_claim: BTreeMap<String, BTreeMap<u64, (Value, BTreeSet<String>)>> = BTreeMap::new();
    for r in sql["trail_appearances"].as_array().expect("rows") {
        let claim = r["claim"].as_str().expect("claim").to_string();
        let pos = r["nth"].as_u64().expect("nth");
        let entry = by_claim
            .entry(claim)
            .or_default()
            .entry(pos)
            .or_insert_with(|| (r.clone(), BTreeSet::new()));
        entry
            .1
            .insert(r["root"].as_str().expect("root").to_string());
    }
    for c in list.iter().filter(|c| c["articles"].as_u64() >= Some(2)) {
        let id = c["id"].as_str().expect("id");
        let trace = json(&ok(&["trace", id, corpus, "--format", "json"]));
        let apps = trace["appearances"].as_array().expect("appearances");
        let got = &by_claim[id];
        assert_eq!(got.len(), apps.len(), "appearances of {id}");
        for ((pos, (row, roots)), app) in got.iter().zip(apps) {
            let at = format!("{id} #{pos}");
            assert_eq!(row["article"], app["article"], "{at}");
            assert_eq!(row["published"], app["published"], "{at}");
            assert_eq!(row["class"], app["class"], "{at}");
            assert_eq!(row["speaker"], app["source"], "{at}");
            assert_eq!(row["hedge"], app["hedge"], "{at}");
            assert_eq!(row["said"], app["said"], "{at}");
            let want: BTreeSet<String> = app["roots"]
                .as_array()
                .expect("roots")
                .iter()
                .map(|r| {
                    let kind = if r["kind"] == "speaker" {
                        "speaker"
                    } else {
                        "outlet"
                    };
                    format!("{kind}:{}", r["id"].as_str().expect("root id"))
                })
                .collect();
            assert_eq!(roots, &want, "roots of {at}");
        }
    }
}

/// The real corpus and the generated one, exported into one temporary folder.
fn exported_cases(tmp: &Path, generated: &Corpus) -> Vec<Case> {
    let cases = vec![
        Case {
            corpus: repo_root().join("claims"),
            export: tmp.join("claims-export"),
        },
        Case {
            corpus: generated.path().to_path_buf(),
            export: tmp.join("generated-export"),
        },
    ];
    for c in &cases {
        export_parquet(&c.corpus, &c.export);
    }
    cases
}

fn check_engine(engine: &str) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let generated = generated();
    let cases = exported_cases(tmp.path(), &generated);
    let dirs: Vec<&Path> = cases.iter().map(|c| c.export.as_path()).collect();
    let results = run_sql(engine, &dirs);
    for c in &cases {
        let key = path_str(&c.export);
        assert_sql_matches(c, &results[key]);
    }
}

#[test]
fn export_sql_on_duckdb_equals_claimtrail() {
    if python_has("duckdb") {
        check_engine("duckdb");
    }
}

#[test]
fn export_sql_on_spark_equals_claimtrail() {
    if python_has("pyspark") && have("java", Command::new("java").arg("-version")) {
        check_engine("spark");
    }
}

#[test]
fn export_sql_prints_every_query() {
    let out = ok(&["export", "--sql"]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("the README");
    for name in [
        "article_counts",
        "outlet_reliance",
        "speaker_counts",
        "trail_appearances",
        "trails",
    ] {
        let file = repo_root().join(format!("src/export/sql/{name}.sql"));
        let sql = std::fs::read_to_string(file).expect("the query file");
        assert!(text.contains(&format!("-- {name}.sql\n{};", sql.trim_end())));
        assert!(
            readme.contains(&format!("```sql\n{}\n```", sql.trim_end())),
            "the README does not show {name}.sql as it is"
        );
    }
}

/// A table read back: its rows by column name, and each column's name and
/// type (the logical type where there is one, `STRING` or `DATE`, else the
/// physical type).
type Table = (Vec<BTreeMap<String, Value>>, Vec<(String, String)>);

fn read_parquet(path: &Path) -> Table {
    use parquet::basic::LogicalType;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let file = std::fs::File::open(path).expect("the Parquet file");
    let reader = SerializedFileReader::new(file).expect("a Parquet file");
    let types = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| {
            let t = match c.logical_type_ref() {
                Some(LogicalType::String) => "STRING".to_string(),
                Some(LogicalType::Date) => "DATE".to_string(),
                Some(other) => format!("{other:?}"),
                None => c.physical_type().to_string(),
            };
            (c.name().to_string(), t)
        })
        .collect();
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    let mut rows = Vec::new();
    for row in reader.get_row_iter(None).expect("the rows") {
        let row = row.expect("a row");
        let mut out = BTreeMap::new();
        for (name, field) in row.get_column_iter() {
            let v = match field {
                Field::Null => Value::Null,
                Field::Str(s) => Value::from(s.as_str()),
                Field::Long(n) => Value::from(*n),
                Field::Double(x) => Value::from(*x),
                Field::Bool(b) => Value::from(*b),
                Field::Date(days) => {
                    Value::from((epoch + chrono::Duration::days(i64::from(*days))).to_string())
                }
                other => panic!("unexpected value {other:?} in column {name}"),
            };
            out.insert(name.clone(), v);
        }
        rows.push(out);
    }
    (rows, types)
}

const ARTICLE_COLUMNS: [&str; 19] = [
    "id",
    "file",
    "title",
    "outlet",
    "published",
    "language",
    "url",
    "claims",
    "named",
    "anonymous",
    "outlet_reported",
    "unattributed",
    "background",
    "hedged",
    "relayed",
    "state_reliant",
    "anonymity_rate",
    "score",
    "grade",
];

#[test]
fn export_parquet_equals_report_json() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let generated = generated();
    for c in exported_cases(tmp.path(), &generated) {
        let report = json(&ok(&["report", path_str(&c.corpus), "--format", "json"]));
        let (rows, types) = read_parquet(&c.export.join("articles.parquet"));
        let names: Vec<&str> = types.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ARTICLE_COLUMNS);
        let articles = report["articles"].as_array().expect("articles");
        assert_eq!(rows.len(), articles.len());
        for (row, a) in rows.iter().zip(articles) {
            for k in ARTICLE_COLUMNS {
                if matches!(k, "file" | "language" | "url") {
                    continue;
                }
                assert_eq!(row[k], a[k], "{k} of {}", a["id"]);
            }
        }
        // The tables hold one row per claim and per source.
        let (claims, _) = read_parquet(&c.export.join("claims.parquet"));
        let total = &report["total"];
        let scored = claims.iter().filter(|c| c["class"] != "background").count();
        assert_eq!(Some(scored as u64), total["claims"].as_u64());
    }
}

#[test]
fn export_parquet_tables_have_the_documented_columns_and_types() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        (
            "a.toml",
            "[article]\ntitle = \"Example\"\noutlet = \"example-daily\"\npublished = 2019-03-27\n\n\
             [sources.official]\nname = \"Jane Doe\"\n\n[sources.anon]\nanonymous = true\n\n\
             [[claims]]\nid = \"c1\"\ntext = \"Something happened.\"\nsource = \"official\"\nsaid = 2019-03-26\n\n\
             [[claims]]\nid = \"c2\"\ntext = \"Troops landed.\"\nsource = \"anon\"\nvia = [[\"tass\", \"reuters\"]]\n",
        ),
    ]);
    let dir = tmp.path().join("out");
    export_parquet(c.path(), &dir);
    let want: [(&str, &[(&str, &str)]); 5] = [
        (
            "sources",
            &[
                ("article", "STRING"),
                ("source", "STRING"),
                ("name", "STRING"),
                ("anonymous", "BOOLEAN"),
                ("description", "STRING"),
                ("reason", "STRING"),
                ("role", "STRING"),
                ("affiliation", "STRING"),
                ("country", "STRING"),
                ("kind", "STRING"),
            ],
        ),
        (
            "claims",
            &[
                ("article", "STRING"),
                ("claim", "STRING"),
                ("text", "STRING"),
                ("quote", "STRING"),
                ("source", "STRING"),
                ("class", "STRING"),
                ("kind", "STRING"),
                ("key", "BOOLEAN"),
                ("hedge", "STRING"),
                ("said", "DATE"),
                ("points", "DOUBLE"),
                ("routes", "INT64"),
            ],
        ),
        (
            "routes",
            &[
                ("article", "STRING"),
                ("claim", "STRING"),
                ("route", "INT64"),
                ("hop", "INT64"),
                ("outlet", "STRING"),
            ],
        ),
        (
            "outlets",
            &[
                ("id", "STRING"),
                ("name", "STRING"),
                ("kind", "STRING"),
                ("country", "STRING"),
                ("ownership", "STRING"),
            ],
        ),
        (
            "drift",
            &[
                ("claim", "STRING"),
                ("article", "STRING"),
                ("code", "STRING"),
                ("earlier_article", "STRING"),
                ("message", "STRING"),
            ],
        ),
    ];
    for (table, cols) in want {
        let (_, types) = read_parquet(&dir.join(format!("{table}.parquet")));
        let got: Vec<(&str, &str)> = types
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        assert_eq!(got, cols, "{table}");
    }
    // Worked by hand: c1 is named and dated (100 points); c2 is anonymous
    // with neither description nor reason (30), one hop on its shortest
    // route (-5), only through state media (-20), undated (-5): 0. The
    // score is (100 + 0) / 2 = 50.0, a D; one claim in two is anonymous.
    let (articles, types) = read_parquet(&dir.join("articles.parquet"));
    assert!(types.contains(&("published".into(), "DATE".into())));
    assert!(types.contains(&("claims".into(), "INT64".into())));
    let a = &articles[0];
    assert_eq!(a["id"], "a");
    assert_eq!(a["published"], "2019-03-27");
    assert_eq!(
        (
            a["claims"].as_i64(),
            a["named"].as_i64(),
            a["anonymous"].as_i64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(a["relayed"].as_i64(), Some(1));
    assert_eq!(a["state_reliant"].as_i64(), Some(1));
    assert_eq!(a["anonymity_rate"].as_f64(), Some(0.5));
    assert_eq!(a["score"].as_f64(), Some(50.0));
    assert_eq!(a["grade"], "D");
    let (claims, _) = read_parquet(&dir.join("claims.parquet"));
    let points: Vec<Option<f64>> = claims.iter().map(|c| c["points"].as_f64()).collect();
    assert_eq!(points, [Some(100.0), Some(0.0)]);
    assert_eq!(claims[0]["said"], "2019-03-26");
    assert_eq!(claims[1]["routes"].as_i64(), Some(1));
    let (routes, _) = read_parquet(&dir.join("routes.parquet"));
    let hops: Vec<(i64, &str)> = routes
        .iter()
        .map(|r| {
            (
                r["hop"].as_i64().unwrap_or(0),
                r["outlet"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(hops, [(1, "tass"), (2, "reuters")]);
}

#[test]
fn export_parquet_never_replaces_files_it_did_not_write() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("out");
    std::fs::create_dir(&dir).expect("a folder");
    std::fs::write(dir.join("notes.txt"), "mine").expect("a file");
    let out = run(claimtrail(&[
        "export",
        "--format",
        "parquet",
        "--out",
        path_str(&dir),
    ]));
    assert_eq!(code(&out), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.txt"));
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).expect("kept"),
        "mine"
    );
    // A file with an export's name but not written by claimtrail.
    std::fs::remove_file(dir.join("notes.txt")).expect("removed");
    std::fs::write(dir.join("claims.parquet"), "not parquet").expect("a file");
    let out = run(claimtrail(&[
        "export",
        "--format",
        "parquet",
        "--out",
        path_str(&dir),
    ]));
    assert_eq!(code(&out), 2);
    assert_eq!(
        std::fs::read_to_string(dir.join("claims.parquet")).expect("kept"),
        "not parquet"
    );
    // An earlier export is replaced, and nothing is left beside it.
    std::fs::remove_dir_all(&dir).expect("removed");
    for _ in 0..2 {
        export_parquet(&repo_root().join("claims"), &dir);
    }
    let mut names: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("listed")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["out"]);
    assert_eq!(std::fs::read_dir(&dir).expect("listed").count(), 6);
}

#[test]
fn export_refuses_a_corpus_with_errors() {
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        ("a.toml", "[article]\ntitle = 1\n"),
    ]);
    let dir = c.join("out");
    let out = run(c.claimtrail(&["export", ".", "--format", "parquet", "--out", "out"]));
    assert_eq!(code(&out), 1);
    assert!(!dir.exists());
    // The folder the tables were being written into, as the corpus
    // loaded, is gone too.
    let left: Vec<String> = std::fs::read_dir(c.path())
        .expect("the corpus folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.contains("claimtrail"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The vocabulary file: types with their superclass, properties with their
/// domains and ranges.
struct Vocabulary {
    parent: BTreeMap<String, Option<String>>,
    properties: BTreeMap<String, (Vec<String>, Vec<String>)>,
}

impl Vocabulary {
    fn load() -> Vocabulary {
        let text =
            std::fs::read_to_string(repo_root().join("tests/export/schemaorg-vocabulary.txt"))
                .expect("the vocabulary file");
        let mut v = Vocabulary {
            parent: BTreeMap::new(),
            properties: BTreeMap::new(),
        };
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let list = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
            match parts.as_slice() {
                ["type", name, parent] => {
                    v.parent.insert(
                        name.to_string(),
                        (*parent != "-").then(|| parent.to_string()),
                    );
                }
                ["property", name, domains, ranges] => {
                    v.properties
                        .insert(name.to_string(), (list(domains), list(ranges)));
                }
                _ => panic!("a bad vocabulary line: {line}"),
            }
        }
        v
    }

    /// `ty` and its superclasses.
    fn ancestors(&self, ty: &str) -> Vec<String> {
        let mut out = vec![ty.to_string()];
        let mut at = ty.to_string();
        while let Some(Some(p)) = self.parent.get(&at) {
            out.push(p.clone());
            at = p.clone();
        }
        out
    }

    /// Every node typed with a known type; every property known, used on a
    /// type in its domain, and every node value of a type in its range.
    fn validate(&self, node: &Value, path: &str) {
        let ty = node["@type"]
            .as_str()
            .unwrap_or_else(|| panic!("{path} has no @type"));
        assert!(self.parent.contains_key(ty), "{path}: unknown type {ty}");
        let mine = self.ancestors(ty);
        for (k, v) in node.as_object().expect("a node") {
            if k.starts_with('@') {
                continue;
            }
            let (domains, ranges) = self
                .properties
                .get(k)
                .unwrap_or_else(|| panic!("{path}: unknown property {k}"));
            assert!(
                domains.iter().any(|d| mine.contains(d)),
                "{path}: {k} is not a property of {ty}"
            );
            let values = match v {
                Value::Array(a) => a.clone(),
                other => vec![other.clone()],
            };
            for (i, value) in values.iter().enumerate() {
                let at = format!("{path}.{k}[{i}]");
                match value {
                    Value::Object(_) => {
                        let vt = value["@type"].as_str().expect("a typed value");
                        assert!(
                            self.ancestors(vt).iter().any(|a| ranges.contains(a)),
                            "{at}: a {vt} is not in the range of {k}"
                        );
                        self.validate(value, &at);
                    }
                    Value::String(_) => assert!(
                        ranges
                            .iter()
                            .any(|r| matches!(r.as_str(), "Text" | "URL" | "Date" | "DateTime")),
                        "{at}: {k} takes no text"
                    ),
                    other => panic!("{at}: unexpected value {other}"),
                }
            }
        }
    }
}

#[test]
fn export_jsonld_validates_against_schema_org() {
    let doc = json(&ok(&["export", "--format", "jsonld"]));
    assert_eq!(doc["@context"], "https://schema.org");
    let vocab = Vocabulary::load();
    let graph = doc["@graph"].as_array().expect("a graph");
    let claims = json(&ok(&["claims", "--format", "json"]));
    assert_eq!(graph.len(), claims.as_array().expect("claims").len());
    for (i, node) in graph.iter().enumerate() {
        assert_eq!(node["@type"], "Claim");
        vocab.validate(node, &format!("@graph[{i}]"));
    }
    let cyber = graph
        .iter()
        .find(|c| c["identifier"] == "ru-contingent-cyber-personnel")
        .expect("the cyber claim");
    let first = &cyber["firstAppearance"];
    assert_eq!(first["identifier"], "2019/reuters-russian-deployment-cyber");
    assert_eq!(first["publisher"]["name"], "Reuters");
    assert_eq!(first["datePublished"], "2019-03-26");
    assert_eq!(cyber["appearance"].as_array().map(Vec::len), Some(4));
    // Anonymous: no author.
    assert!(cyber.get("author").is_none());
    let named = graph
        .iter()
        .find(|c| c.get("author").is_some())
        .expect("a claim with a named speaker");
    assert!(matches!(
        named["author"]["@type"].as_str(),
        Some("Person" | "Organization")
    ));
}

#[test]
fn export_prov_seed_appearance_derives_from_reuters() {
    let doc = json(&ok(&["export", "--format", "prov"]));
    assert_eq!(doc["@context"]["prov"], "http://www.w3.org/ns/prov#");
    let graph = doc["@graph"].as_array().expect("a graph");
    let node = |id: &str| -> &Value {
        graph
            .iter()
            .find(|n| n["@id"] == id)
            .unwrap_or_else(|| panic!("no node {id}"))
    };
    let claim = "ru-contingent-cyber-personnel";
    let seed = node(&format!(
        "ct:appearance/{claim}/2019/manajemen-ti-pasukan-siber-rusia"
    ));
    assert_eq!(seed["@type"], "prov:Entity");
    let from: Vec<&str> = seed["prov:wasDerivedFrom"]
        .as_array()
        .expect("derived")
        .iter()
        .filter_map(|v| v["@id"].as_str())
        .collect();
    let reuters_app = format!("ct:appearance/{claim}/2019/reuters-russian-deployment-cyber");
    assert_eq!(from, [reuters_app.as_str()]);
    // Reuters' appearance is Reuters': attributed to the outlet, an organization.
    let reuters = node(&reuters_app);
    assert_eq!(reuters["prov:wasAttributedTo"]["@id"], "ct:outlet/reuters");
    assert_eq!(node("ct:outlet/reuters")["@type"], "prov:Organization");
    // Quoted from the speaker, an agent.
    let speaker = seed["prov:wasQuotedFrom"]["@id"]
        .as_str()
        .expect("a speaker");
    let types = node(speaker)["@type"].as_array().expect("types").clone();
    assert!(types.contains(&Value::from("prov:Entity")));
    // Every outlet is an organization; every derivation points at a node.
    for n in graph {
        if n["@id"]
            .as_str()
            .is_some_and(|i| i.starts_with("ct:outlet/"))
        {
            assert_eq!(n["@type"], "prov:Organization");
        }
        for d in n["prov:wasDerivedFrom"].as_array().into_iter().flatten() {
            node(d["@id"].as_str().expect("an id"));
        }
    }
}

#[test]
fn export_csv_import_round_trips_the_report() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let generated = generated();
    for (name, corpus) in [
        ("claims", repo_root().join("claims")),
        ("generated", generated.path().to_path_buf()),
    ] {
        let sheet = tmp.path().join(format!("{name}.csv"));
        let out = ok(&["export", path_str(&corpus), "--format", "csv"]);
        std::fs::write(&sheet, &out.stdout).expect("the sheet");
        let dir = tmp.path().join(name);
        let registry = corpus.join("outlets.toml");
        ok(&[
            "import",
            "csv",
            path_str(&sheet),
            "--out",
            path_str(&dir),
            "--outlets",
            path_str(&registry),
        ]);
        let check = run(claimtrail(&["check", path_str(&dir), "--quiet"]));
        assert_eq!(
            code(&check),
            0,
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
        let before = json(&ok(&["report", path_str(&corpus), "--format", "json"]));
        let after = json(&ok(&["report", path_str(&dir), "--format", "json"]));
        assert_eq!(before, after, "{name}");
        let before = json(&ok(&["claims", path_str(&corpus), "--format", "json"]));
        let after = json(&ok(&["claims", path_str(&dir), "--format", "json"]));
        assert_eq!(before, after, "{name}");
        // Never over an existing file: a second import writes nothing.
        let again = run(claimtrail(&[
            "import",
            "csv",
            path_str(&sheet),
            "--out",
            path_str(&dir),
            "--outlets",
            path_str(&registry),
        ]));
        assert_eq!(code(&again), 1);
        assert!(String::from_utf8_lossy(&again.stderr).contains("left as it is"));
    }
}

#[test]
fn import_csv_reports_bad_rows_at_line_and_column_and_imports_the_rest() {
    let c = corpus(&[(
        "sheet.csv",
        "Article,Outlet,Published,Claim,Text,Speaker,Anonymous,Via\n\
         a/one,daily,2019-03-27,c1,It rained.,Jane Doe,,\n\
         a/one,daily,2019-03-27,c2,It poured.,,yes,wire\n\
         a/two,daily,2019-02-30,c1,Bad date.,,,\n\
         a/two,daily,2019-03-01,c3,\"Named, and anonymous.\",John Roe,yes,\n\
         a/three,daily,,c1,Empty hop.,,,wire >\n\
         a/four,daily,2019-03-02,c1,Fine.,,,wire > daily\n",
    )]);
    let out = run(c.claimtrail(&["import", "csv", "sheet.csv", "--out", "corpus"]));
    assert_eq!(code(&out), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: sheet.csv:4:3: `2019-02-30` is not a date"),
        "{err}"
    );
    assert!(
        err.contains("error: sheet.csv:5:7: a speaker with a name cannot be anonymous"),
        "{err}"
    );
    assert!(
        err.contains("error: sheet.csv:6:8: `wire >` has an empty route or hop"),
        "{err}"
    );
    assert!(err.contains("imported 2 articles (3 claims)"), "{err}");
    assert!(c.join("corpus/a/one.toml").is_file());
    assert!(c.join("corpus/a/four.toml").is_file());
    assert!(!c.join("corpus/a/two.toml").exists());
    let check = run(c.claimtrail(&["check", "corpus", "--quiet"]));
    assert_eq!(
        code(&check),
        0,
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let report = json(&run(c.claimtrail(&["report", "corpus", "--format", "json"])));
    let one = &report["articles"][1];
    assert_eq!(one["id"], "a/one");
    assert_eq!(
        (one["named"].as_u64(), one["anonymous"].as_u64()),
        (Some(1), Some(1))
    );
    // --map reads other headers; an unknown target is a usage error.
    let c2 = corpus(&[("s.csv", "Story,Paper,Claim,Text\nx,daily,c1,It rained.\n")]);
    let out = run(c2.claimtrail(&[
        "import",
        "csv",
        "s.csv",
        "--out",
        "o",
        "--map",
        "Story=article",
        "--map",
        "Paper=outlet",
    ]));
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(c2.join("o/x.toml").is_file());
    let out = run(c2.claimtrail(&[
        "import",
        "csv",
        "s.csv",
        "--out",
        "o2",
        "--map",
        "Story=nothing",
    ]));
    assert_eq!(code(&out), 2);
}
