//! No annotation text reaches a terminal as code: generated corpora with
//! control characters (C0, DEL, C1, bidirectional overrides) in every text
//! field and id, run through every command and format in the library, give
//! output whose only control characters are the layout's own newlines and
//! tabs. CSV keeps the bytes only under `--csv-raw`.

use claimtrail::options::{CheckFormat, Command, Config, ReportFormat, Snapshot, TraceFormat};
use claimtrail::render::{Format, Terminal};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use std::path::{Path, PathBuf};

/// Text with control characters among letters; never empty after trimming.
fn hostile() -> impl Strategy<Value = String> {
    "[a-z \u{0}-\u{1f}\u{7f}\u{80}-\u{9f}\u{202e}\u{2066}=+@-]{0,10}[a-z]"
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A corpus of two articles sharing one claim, every text field `t[i]`.
fn corpus(dir: &Path, t: &[String]) {
    std::fs::write(
        dir.join("outlets.toml"),
        format!(
            "[paper]\nname = {}\nkind = \"newspaper\"\n\n[wire]\nname = {}\nownership = \"state\"\n",
            quote(&t[0]),
            quote(&t[1])
        ),
    )
    .unwrap();
    let article = |outlet: &str, date: &str, hedge: Option<&String>, k: usize| {
        let mut s = format!(
            "[article]\ntitle = {}\noutlet = \"{outlet}\"\npublished = {date}\nbyline = {}\ncredited = [{}]\n\n",
            quote(&t[k]),
            quote(&t[k + 1]),
            quote(&t[k + 2]),
        );
        s.push_str(&format!(
            "[sources.{}]\nname = {}\nrole = {}\naffiliation = {}\n\n",
            quote(&t[3]),
            quote(&t[k + 3]),
            quote(&t[k + 4]),
            quote(&t[k + 5])
        ));
        s.push_str(&format!(
            "[sources.anon]\nanonymous = true\ndescription = {}\nreason = {}\n\n",
            quote(&t[k + 6]),
            quote(&t[k + 7])
        ));
        s.push_str(&format!(
            "[[claims]]\nid = {}\ntext = {}\nquote = {}\nsource = {}\nvia = [\"wire\"]\n",
            quote(&t[2]),
            quote(&t[k + 8]),
            quote(&t[k + 9]),
            quote(&t[3])
        ));
        if let Some(h) = hedge {
            s.push_str(&format!("hedge = {}\n", quote(h)));
        }
        s.push_str(&format!(
            "\n[[claims]]\nid = \"other\"\ntext = {}\nsource = \"anon\"\n",
            quote(&t[k + 10])
        ));
        s
    };
    std::fs::write(
        dir.join("a.toml"),
        article("wire", "2019-03-01", Some(&t[4]), 5),
    )
    .unwrap();
    std::fs::write(dir.join("b.toml"), article("paper", "2019-03-02", None, 16)).unwrap();
}

fn config(command: Command, width: Option<u16>, csv_raw: bool) -> Config {
    Config {
        command,
        settings: None,
        cwd: PathBuf::from("/"),
        max_file_size: None,
        quiet: true,
        color_err: false,
        term: Terminal {
            width,
            color: false,
            csv_raw,
        },
    }
}

/// Every command and format over the corpus in `dir`.
fn commands(dir: &Path, claim: &str, out: &Path) -> Vec<Command> {
    let paths = vec![dir.to_path_buf()];
    let formats = [Format::Table, Format::Markdown, Format::Json, Format::Csv];
    let mut all = Vec::new();
    for format in formats {
        all.push(Command::Report {
            paths: paths.clone(),
            format: ReportFormat::Text(format),
        });
        for article in ["a", "b"] {
            all.push(Command::ReportArticle {
                paths: paths.clone(),
                id: article.to_string(),
                format,
            });
        }
        all.push(Command::Sources {
            paths: paths.clone(),
            format,
        });
        all.push(Command::Claims {
            paths: paths.clone(),
            format,
            tracked: false,
            search: None,
            drift: false,
        });
        all.push(Command::Trace {
            claim: claim.to_string(),
            paths: paths.clone(),
            format: TraceFormat::Text(format),
        });
    }
    all.push(Command::Report {
        paths: paths.clone(),
        format: ReportFormat::Html,
    });
    for format in [TraceFormat::Dot, TraceFormat::Mermaid] {
        all.push(Command::Trace {
            claim: claim.to_string(),
            paths: paths.clone(),
            format,
        });
    }
    for format in [CheckFormat::Human, CheckFormat::Json, CheckFormat::Github] {
        all.push(Command::Check {
            paths: paths.clone(),
            format,
            deny_warnings: false,
            focus: Default::default(),
        });
    }
    for html in [false, true] {
        all.push(Command::ReportSnapshot {
            paths: paths.clone(),
            target: Snapshot {
                dir: out.join(if html { "html" } else { "md" }),
                check: false,
                html,
            },
        });
    }
    all
}

/// The first control character that is not a newline or a tab.
fn control(bytes: &[u8]) -> Option<(usize, char)> {
    String::from_utf8_lossy(bytes)
        .char_indices()
        .find(|&(_, c)| c.is_control() && c != '\n' && c != '\t')
}

fn files_below(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn no_output_holds_a_control_character(t in prop::collection::vec(hostile(), 27)) {
        let dir = tempfile::tempdir().unwrap();
        let corpus_dir = dir.path().join("c");
        std::fs::create_dir(&corpus_dir).unwrap();
        corpus(&corpus_dir, &t);
        for command in commands(&corpus_dir, &t[2], dir.path()) {
            for width in [None, Some(60), Some(200)] {
                let mut out = Vec::new();
                let mut err = Vec::new();
                let result = claimtrail::run(&config(command.clone(), width, false), &mut out, &mut err);
                if let Err(e) = &result {
                    err.extend_from_slice(e.to_string().as_bytes());
                }
                for (name, bytes) in [("stdout", &out), ("stderr", &err)] {
                    if let Some((at, c)) = control(bytes) {
                        let text = String::from_utf8_lossy(bytes);
                        let from = text.floor_char_boundary(at.saturating_sub(60));
                        prop_assert!(false, "{command:?} {name}: {c:?} in …{:?}", &text[from..at + c.len_utf8()]);
                    }
                }
            }
        }
        for file in files_below(&dir.path().join("md")).into_iter().chain(files_below(&dir.path().join("html"))) {
            let bytes = std::fs::read(&file).unwrap();
            prop_assert!(control(&bytes).is_none(), "{}: {:?}", file.display(), control(&bytes));
        }
    }
}

/// CSV: a formula is text unless `--csv-raw`, and control characters are
/// kept only there.
#[test]
fn csv_neutralises_formulas_unless_raw() {
    let dir = tempfile::tempdir().unwrap();
    let t: Vec<String> = (0..27)
        .map(|i| match i {
            8 => "=HYPERLINK(\"http://x\",\"y\")".to_string(),
            2 => "claim".to_string(),
            _ => format!("t{i}\u{1b}[2J"),
        })
        .collect();
    corpus(dir.path(), &t);
    let csv = |raw: bool| {
        let mut out = Vec::new();
        let command = Command::ReportArticle {
            paths: vec![dir.path().to_path_buf()],
            id: "a".to_string(),
            format: Format::Csv,
        };
        claimtrail::run(&config(command, None, raw), &mut out, &mut std::io::sink()).unwrap();
        String::from_utf8(out).unwrap()
    };
    let safe = csv(false);
    assert!(
        safe.contains(r#","'=HYPERLINK(""http://x"",""y"")","#),
        "{safe}"
    );
    assert!(safe.contains(r#","'+100 named source"#), "{safe}");
    assert!(safe.contains("t13␛[2J"), "{safe}");
    assert_eq!(control(safe.as_bytes()), None);
    let raw = csv(true);
    assert!(raw.contains(r#","=HYPERLINK("#), "{raw}");
    assert!(raw.contains(r#","+100 named source"#), "{raw}");
    assert!(raw.contains("t13\u{1b}[2J"), "{raw}");
}
