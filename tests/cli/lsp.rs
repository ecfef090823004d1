//! `claimtrail lsp`: the binary driven over stdio with JSON-RPC, as an editor
//! drives it, on `claims/` and on the fixtures in `tests/fixtures/lsp/`.
//! Positions are worked out by hand in the comments (lines and UTF-16 columns
//! from 0, as the protocol counts them). `nvim` at the end drives Neovim's
//! own client.

use crate::common::{claimtrail, corpus, repo_root};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// How long to wait for a message before calling the server stuck: a
/// safeguard against a hang, not a measure of speed.
const STUCK: Duration = Duration::from_secs(60);

/// A running server and the messages it sent that no one has taken yet.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    from: Receiver<Value>,
    next_id: i64,
    unread: Vec<Value>,
}

fn uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                s.push(b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

fn fixture_corpus() -> PathBuf {
    repo_root()
        .join("tests/fixtures/lsp/corpus")
        .canonicalize()
        .unwrap()
}

impl Server {
    /// Start `claimtrail lsp` and initialize it on `root`.
    fn start(root: &Path) -> Server {
        let mut child = claimtrail(&["lsp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start claimtrail lsp");
        let stdout = child.stdout.take().unwrap();
        let (to, from) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        len = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("a Content-Length header")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let _ = to.send(serde_json::from_slice(&body).expect("a JSON message"));
            }
        });
        let stdin = child.stdin.take();
        let mut s = Server {
            child,
            stdin,
            from,
            next_id: 0,
            unread: Vec::new(),
        };
        let result = s.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root), "capabilities": {}}),
        );
        assert!(result["capabilities"]["completionProvider"].is_object());
        s.notify("initialized", json!({}));
        s
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn recv(&mut self) -> Value {
        self.from.recv_timeout(STUCK).expect("the server answers")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.recv();
            if m["id"] == json!(id) && m.get("method").is_none() {
                assert!(m.get("error").is_none(), "{method} failed: {m}");
                return m["result"].clone();
            }
            self.unread.push(m);
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next notification `method` about `file` (any file when `None`).
    fn notification(&mut self, method: &str, file: Option<&Path>) -> Value {
        let wanted =
            |m: &Value| m["method"] == method && file.is_none_or(|f| m["params"]["uri"] == uri(f));
        if let Some(i) = self.unread.iter().position(wanted) {
            return self.unread.remove(i)["params"].clone();
        }
        loop {
            let m = self.recv();
            if wanted(&m) {
                return m["params"].clone();
            }
            self.unread.push(m);
        }
    }

    fn diagnostics(&mut self, file: &Path) -> Vec<Value> {
        let p = self.notification("textDocument/publishDiagnostics", Some(file));
        p["diagnostics"].as_array().unwrap().clone()
    }

    /// Open a file with its text from disk (or `text`); its diagnostics.
    fn open(&mut self, file: &Path, text: Option<&str>) -> Vec<Value> {
        let text = match text {
            Some(t) => t.to_string(),
            None => std::fs::read_to_string(file).unwrap(),
        };
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(file), "languageId": "toml", "version": 1, "text": text}}),
        );
        self.diagnostics(file)
    }

    fn change(&mut self, file: &Path, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(file), "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    }

    /// A request at a position of a file.
    fn at(&mut self, method: &str, file: &Path, line: u32, character: u32) -> Value {
        let mut params = json!({"textDocument": {"uri": uri(file)},
                                "position": {"line": line, "character": character}});
        if method == "textDocument/references" {
            params["context"] = json!({"includeDeclaration": true});
        }
        self.request(method, params)
    }

    /// `shutdown` then `exit`: the exit code.
    fn shutdown(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        self.child.wait().unwrap().code().expect("no signal")
    }
}

fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

/// The labels of a completion answer (a list or a bare array).
fn labels(answer: &Value) -> Vec<String> {
    let items = answer.get("items").unwrap_or(answer);
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn diagnostics_are_what_check_reports_on_the_real_corpus() {
    let root = repo_root().join("claims").canonicalize().unwrap();
    let file = root.join("2019/manajemen-ti-pasukan-siber-rusia.toml");
    let out = crate::common::run(claimtrail(&["check", "claims", "--format", "json"]));
    let expected: Vec<Value> = serde_json::from_slice::<Vec<Value>>(&out.stdout)
        .unwrap()
        .into_iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .unwrap()
                .ends_with("manajemen-ti-pasukan-siber-rusia.toml")
        })
        .collect();
    // 12 findings: the undated article, lints and drift.
    assert_eq!(expected.len(), 12);
    let mut s = Server::start(&root);
    let got = s.open(&file, None);
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g["code"], e["code"]);
        // `check` counts lines and characters from 1; the lines are ASCII
        // up to the finding, so characters are UTF-16 units.
        assert_eq!(
            g["range"]["start"]["line"],
            json!(e["line"].as_u64().unwrap() - 1)
        );
        assert_eq!(
            g["range"]["start"]["character"],
            json!(e["column"].as_u64().unwrap() - 1)
        );
        let message = g["message"].as_str().unwrap();
        let want = match e["help"].as_str() {
            Some(h) => format!("{}\nhelp: {h}", e["message"].as_str().unwrap()),
            None => e["message"].as_str().unwrap().to_string(),
        };
        assert_eq!(message, want);
        assert_eq!(g["severity"], json!(2), "all warnings");
        assert_eq!(g["source"], "claimtrail");
        assert!(g["codeDescription"]["href"].as_str().unwrap().contains('#'));
    }
    // The first is `undated-article` at the `[article]` header, line 21 of the file.
    assert_eq!(got[0]["code"], "undated-article");
    assert_eq!(got[0]["range"], range(20, 0, 20, 9));
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn utf16_positions_and_findings_across_files() {
    let root = fixture_corpus();
    let typo = root.join("2019/typo.toml");
    let mut s = Server::start(&root);
    let diags = s.open(&typo, None);
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    // The claim with the misspelt source is left out of drift, as `check`
    // leaves it: its attribution is the typo's. The next claim drifts.
    assert_eq!(
        codes,
        [
            "unknown-source",
            "unknown-outlet",
            "unknown-outlet",
            "hedge-dropped"
        ]
    );
    // `[sources.us-official]` is not reported unused: the claim that
    // misspells it has the error, and fixing the typo uses it.
    // `source = "us-oficial"`: the string with its quotes, 9 to 21 of line 13.
    assert_eq!(diags[0]["range"], range(13, 9, 13, 21));
    assert_eq!(diags[0]["severity"], json!(1));
    assert_eq!(
        diags[0]["message"],
        "unknown source `us-oficial`\nhelp: did you mean `us-official`?"
    );
    // `via = ["berita-مسؤول-🙂", "reuterz"]`: `via = [` is 7 units; the first
    // string is 16 characters, the emoji two units, so 17 units: 7 to 24.
    // Then `, ` and `"reuterz"` (9 units): 26 to 35. `check` says columns 8
    // and 26, counting characters from 1.
    assert_eq!(diags[1]["range"], range(15, 7, 15, 24));
    assert_eq!(diags[2]["range"], range(15, 26, 15, 35));
    // Drift at this appearance, pointing at the earlier one: `id =
    // "ru-planes-landed"` on line 18 of both files, columns 5 to 23.
    assert_eq!(diags[3]["range"], range(18, 5, 18, 23));
    let related = &diags[3]["relatedInformation"][0];
    assert_eq!(
        related["location"]["uri"],
        uri(&root.join("2019/first.toml"))
    );
    assert_eq!(related["location"]["range"], range(18, 5, 18, 23));
    assert_eq!(related["message"], "earlier appearance in 2019/first");

    // The duplicate id is at `id = "2019/first"` (line 3, columns 5 to 17),
    // the note at the `[article]` header of first.toml, which keeps the id.
    let reprint = root.join("2019/reprint.toml");
    let diags = s.open(&reprint, None);
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    // The reprint has no claims yet, which is a warning of its own.
    assert_eq!(codes, ["article-without-claims", "duplicate-article-id"]);
    assert_eq!(diags[1]["range"], range(3, 5, 3, 17));
    let related = &diags[1]["relatedInformation"][0];
    assert_eq!(
        related["location"]["uri"],
        uri(&root.join("2019/first.toml"))
    );
    assert_eq!(related["location"]["range"], range(0, 0, 0, 9));
    assert_eq!(s.shutdown(), 0);
}

/// A writable copy of the fixture's registry, `2019/first.toml` and
/// `2019/typo.toml` (the later appearance, with a typo): the corpus and its
/// canonical path.
fn first_and_typo() -> (crate::common::Corpus, PathBuf) {
    let fixture = fixture_corpus();
    let read = |rel: &str| std::fs::read_to_string(fixture.join(rel)).unwrap();
    let c = corpus(&[
        ("outlets.toml", &read("outlets.toml")),
        ("2019/first.toml", &read("2019/first.toml")),
        ("2019/typo.toml", &read("2019/typo.toml")),
    ]);
    let root = c.path().canonicalize().unwrap();
    (c, root)
}

#[test]
fn edits_and_changes_on_disk_update_the_diagnostics() {
    let (c, root) = first_and_typo();
    let read = |rel: &str| std::fs::read_to_string(fixture_corpus().join(rel)).unwrap();
    let typo = root.join("2019/typo.toml");
    let mut s = Server::start(&root);
    assert_eq!(s.open(&typo, None).len(), 4);
    // Fixing the source id in the buffer: one publish, after the pause in
    // typing, without the unknown source.
    let fixed = read("2019/typo.toml").replace("us-oficial", "us-official");
    s.change(&typo, 2, &fixed);
    let codes = |d: &[Value]| -> Vec<String> {
        d.iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    // The claim cites a source now, so it has drift too.
    assert_eq!(
        codes(&s.diagnostics(&typo)),
        [
            "hedge-dropped",
            "unknown-outlet",
            "unknown-outlet",
            "hedge-dropped"
        ]
    );
    // first.toml loses its hedges on disk: the drift in typo.toml goes.
    let first = c.write(
        "2019/first.toml",
        read("2019/first.toml").replace("hedge = \"believed\"\n", ""),
    );
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&first), "type": 2}]}),
    );
    assert_eq!(
        codes(&s.diagnostics(&typo)),
        ["unknown-outlet", "unknown-outlet"]
    );
    // The registry gains `reuterz`: the outlet is known now.
    c.write(
        "outlets.toml",
        format!("{}\n[reuterz]\nname = \"Reuterz\"\n", read("outlets.toml")),
    );
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root.join("outlets.toml")), "type": 2}]}),
    );
    assert_eq!(codes(&s.diagnostics(&typo)), ["unknown-outlet"]);
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn a_change_publishes_the_findings_of_the_files_it_affects_open_or_not() {
    let (_corpus, root) = first_and_typo();
    let read = |rel: &str| std::fs::read_to_string(fixture_corpus().join(rel)).unwrap();
    let first = root.join("2019/first.toml");
    let typo = root.join("2019/typo.toml");
    let mut s = Server::start(&root);
    // Only first.toml is open; typo.toml, the later appearance, is not.
    s.open(&first, None);
    // The buffer of first.toml loses its hedges: the drift in typo.toml goes,
    // and typo.toml's list comes without being opened (its own three errors).
    s.change(
        &first,
        2,
        &read("2019/first.toml").replace("hedge = \"believed\"\n", ""),
    );
    let codes = |s: &mut Server| -> Vec<String> {
        s.diagnostics(&typo)
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        codes(&mut s),
        ["unknown-source", "unknown-outlet", "unknown-outlet"]
    );
    // The hedges come back: so does the drift (of the claim that cites a
    // known source).
    s.change(&first, 3, &read("2019/first.toml"));
    assert_eq!(
        codes(&mut s),
        [
            "unknown-source",
            "unknown-outlet",
            "unknown-outlet",
            "hedge-dropped"
        ]
    );
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn completion_offers_sources_outlets_claim_ids_values_and_keys() {
    let root = fixture_corpus();
    let typo = root.join("2019/typo.toml");
    let text = std::fs::read_to_string(&typo).unwrap();
    let mut s = Server::start(&root);
    s.open(&typo, None);
    // Inside `source = "us-oficial"` (line 13, after `source = "`: 10).
    let answer = s.at("textDocument/completion", &typo, 13, 10);
    assert_eq!(labels(&answer), ["us-official"]);
    let item = &answer[0];
    assert_eq!(item["detail"], "anonymous: seorang pejabat AS");
    // The edit replaces the string's contents, columns 10 to 20.
    assert_eq!(item["textEdit"]["range"], range(13, 10, 13, 20));
    // `outlet = "antara"`: the registry, with name, kind and ownership.
    let answer = s.at("textDocument/completion", &typo, 2, 10);
    assert_eq!(labels(&answer), ["antara", "reuters", "sputnik"]);
    assert_eq!(answer[0]["detail"], "Antara");
    assert_eq!(answer[0]["documentation"]["value"], "agency · state · ID");
    // Inside `via`, in the second string (column 27 is after its quote).
    let answer = s.at("textDocument/completion", &typo, 15, 27);
    assert_eq!(labels(&answer), ["antara", "reuters", "sputnik"]);

    // A nested route typed over two lines, and a new claim's id.
    let typing = format!(
        "{text}\n[[claims]]\nid = \"\"\ntext = \"Russian cybersecurity personnel are in the contingent.\"\nkind = \"\"\nvia = [\n  [\"sputnik\", \"\n"
    );
    s.change(&typo, 2, &typing);
    let last = typing.lines().count() as u32 - 1;
    let answer = s.at("textDocument/completion", &typo, last, 15);
    assert_eq!(labels(&answer), ["antara", "reuters", "sputnik"]);
    let line_of = |l: &str| typing.lines().position(|x| x == l).unwrap() as u32;
    // `id = ""`: the corpus's claim ids, the one most like the claim's text
    // first, each with its first article.
    let answer = s.at("textDocument/completion", &typo, line_of("id = \"\""), 6);
    assert_eq!(labels(&answer), ["cyber-personnel", "ru-planes-landed"]);
    assert_eq!(answer["items"][0]["detail"], "first in 2019/first");
    // `kind = ""`: the claim kinds, from the schema.
    let answer = s.at("textDocument/completion", &typo, line_of("kind = \"\""), 8);
    assert_eq!(
        labels(&answer),
        ["quote", "paraphrase", "assertion", "background"]
    );
    // Keys at the start of an empty line of `[sources.us-official]` (line 9):
    // those not written yet, documented.
    let mut with_line = text.lines().map(String::from).collect::<Vec<_>>();
    with_line.insert(9, String::new());
    s.change(&typo, 3, &(with_line.join("\n") + "\n"));
    let answer = s.at("textDocument/completion", &typo, 9, 0);
    assert_eq!(
        labels(&answer),
        ["affiliation", "country", "kind", "name", "role"]
    );
    assert_eq!(
        answer[1]["documentation"]["value"],
        "The speaker's country: an ISO 3166-1 alpha-2 code in capitals (`US`, `RU`)."
    );
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn claim_ids_are_ranked_by_the_likeness_of_their_text() {
    let root = repo_root().join("claims").canonicalize().unwrap();
    let file = root.join("2019/rferl-pompeo-cautions-russia.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut s = Server::start(&root);
    s.open(&file, None);
    let typing = format!(
        "{text}\n[[claims]]\nid = \"\"\ntext = \"Two Russian planes landed at Maiquetia airport near Caracas.\"\n"
    );
    s.change(&file, 2, &typing);
    let line = text.lines().count() as u32 + 2;
    let answer = s.at("textDocument/completion", &file, line, 6);
    let ids = labels(&answer);
    // The planes claim, as MANAJEMEN-TI words it ("About 100 Russian troops
    // arrived in Venezuela on two planes that landed at Maiquetia airport."),
    // shares six of the fourteen words of the two texts: it comes first.
    assert_eq!(ids[0], "ru-planes-landed-caracas");
    // Every claim id of the corpus, once (`claimtrail claims` lists 48).
    assert_eq!(ids.len(), 48);
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn navigation_definition_references_and_outline() {
    let root = fixture_corpus();
    let typo = root.join("2019/typo.toml");
    let first = root.join("2019/first.toml");
    let mut s = Server::start(&root);
    s.open(&first, None);
    // `source = "us-official"` (line 13) to `[sources.us-official]` (line 5).
    let def = s.at("textDocument/definition", &first, 13, 12);
    assert_eq!(def["uri"], uri(&first));
    assert_eq!(def["range"], range(5, 0, 5, 21));
    // `outlet = "reuters"` to `[reuters]` in outlets.toml (line 6).
    let def = s.at("textDocument/definition", &first, 2, 12);
    assert_eq!(def["uri"], uri(&root.join("outlets.toml")));
    assert_eq!(def["range"], range(6, 0, 6, 9));
    // The claim id to its other appearance, in typo.toml.
    let def = s.at("textDocument/definition", &first, 11, 8);
    assert_eq!(def["uri"], uri(&typo));
    assert_eq!(def["range"], range(11, 5, 11, 22));
    // References: of the claim, both appearances; of the source, its table
    // and the two claims citing it.
    let refs = s.at("textDocument/references", &first, 11, 8);
    assert_eq!(refs.as_array().unwrap().len(), 2);
    let refs = s.at("textDocument/references", &first, 5, 12);
    assert_eq!(
        refs,
        json!([
            {"uri": uri(&first), "range": range(5, 0, 5, 21)},
            {"uri": uri(&first), "range": range(13, 10, 13, 21)},
            {"uri": uri(&first), "range": range(20, 10, 20, 21)}
        ])
    );
    // Of an outlet: its table, and the articles that use it.
    s.open(&typo, None);
    let refs = s.at("textDocument/references", &typo, 2, 11);
    assert_eq!(
        refs,
        json!([
            {"uri": uri(&root.join("outlets.toml")), "range": range(0, 0, 0, 8)},
            {"uri": uri(&typo), "range": range(2, 10, 2, 16)}
        ])
    );
    // The outline: the article, the source, the claim.
    let symbols = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&first)}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "article",
            "us-official",
            "cyber-personnel",
            "ru-planes-landed"
        ]
    );
    assert_eq!(symbols[2]["range"], range(10, 0, 15, 18));
    assert_eq!(
        symbols[2]["detail"],
        "The Russian contingent includes cybersecurity personnel."
    );
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn hover_shows_the_claim_score_and_trail_the_source_and_the_outlet() {
    let root = repo_root().join("claims").canonicalize().unwrap();
    let file = root.join("2019/manajemen-ti-pasukan-siber-rusia.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text
        .lines()
        .position(|l| l == "id = \"ru-contingent-cyber-personnel\"")
        .unwrap() as u32;
    let mut s = Server::start(&root);
    s.open(&file, None);
    let hover = s.at("textDocument/hover", &file, line, 8);
    // What `report --article` shows for it (README), and `trace`'s trail.
    assert_eq!(
        hover["contents"]["value"],
        "**claim `ru-contingent-cyber-personnel`**: anonymous, 25.0 points\n\n\
         +45 anonymous source, described, no reason given; -5 relayed: 1 hop on its shortest route; key claim: counts 2x; \
         -15 hedge-dropped: 2019/reuters-russian-deployment-cyber hedged the claim (\"believed\"); \
         2019/manajemen-ti-pasukan-siber-rusia states it flatly\n\n\
         trail: 4 appearances in 4 articles; first: 2019/reuters-russian-deployment-cyber (Reuters, 2019-03-26); \
         roots: 2 (outlet Reuters, outlet South China Morning Post; 1 confirmed root, 1 unconfirmed (uncredited pickup)); \
         drift: hedge-dropped, relay-uncredited"
    );
    let fixture = fixture_corpus();
    let first = fixture.join("2019/first.toml");
    let mut s2 = Server::start(&fixture);
    s2.open(&first, None);
    let hover = s2.at("textDocument/hover", &first, 13, 12);
    assert_eq!(
        hover["contents"]["value"],
        "**source `us-official`**: anonymous: a U.S. official\n\nreason for anonymity: not authorized to speak"
    );
    let hover = s2.at("textDocument/hover", &first, 2, 12);
    assert_eq!(
        hover["contents"]["value"],
        "**Reuters** (`reuters`)\n\nwire · private · GB"
    );
    assert_eq!(s.shutdown(), 0);
    assert_eq!(s2.shutdown(), 0);
}

#[test]
fn formatting_is_fmt_and_leaves_a_buffer_with_errors_alone() {
    let root = fixture_corpus();
    let first = root.join("2019/first.toml");
    let typo = root.join("2019/typo.toml");
    let mut s = Server::start(&root);
    // Keys out of order and single quotes: fmt's layout puts them back.
    let messy = "[article]\npublished = 2019-03-26\noutlet = 'reuters'\ntitle = \"Russian deployment includes cyber personnel\"\n[sources.us-official]\nanonymous = true\ndescription = \"a U.S. official\"\nreason = \"not authorized to speak\"\n[[claims]]\nid = \"cyber-personnel\"\ntext = \"The Russian contingent includes cybersecurity personnel.\"\nsource = \"us-official\"\nsaid = 2019-03-26\nhedge = \"believed\"\n";
    s.open(&first, Some(messy));
    let edits = s.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri(&first)}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits[0]["range"], range(0, 0, 14, 0));
    // first.toml as far as its first claim goes.
    let whole = std::fs::read_to_string(&first).unwrap();
    let second = whole
        .find("\n[[claims]]\nid = \"ru-planes-landed\"")
        .unwrap();
    assert_eq!(edits[0]["newText"], whole[..second]);
    // typo.toml has errors: no edits.
    s.open(&typo, None);
    let edits = s.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri(&typo)}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits, Value::Null);
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn code_actions_fix_typos_add_tables_and_mark_background() {
    let root = fixture_corpus();
    let typo = root.join("2019/typo.toml");
    let mut s = Server::start(&root);
    let diags = s.open(&typo, None);
    let actions = |s: &mut Server, diag: &Value| {
        s.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(&typo)}, "range": diag["range"],
                   "context": {"diagnostics": [diag]}}),
        )
    };
    let titles = |a: &Value| -> Vec<String> {
        a.as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    let typo_uri = uri(&typo);
    let unknown_source = &diags[0];
    let a = actions(&mut s, unknown_source);
    assert_eq!(
        titles(&a),
        [
            "Replace with `us-official`",
            "Add `[sources.us-oficial]`",
            "Mark claim as background"
        ]
    );
    assert_eq!(
        a[0]["edit"]["changes"][&typo_uri],
        json!([{"range": range(13, 9, 13, 21), "newText": "\"us-official\""}])
    );
    // The new table goes before the first claim (line 10).
    assert_eq!(
        a[1]["edit"]["changes"][&typo_uri],
        json!([{"range": range(10, 0, 10, 0), "newText": "[sources.us-oficial]\nname = \"\"\n\n"}])
    );
    // `kind = "background"` after the claim's last key (line 15).
    assert_eq!(
        a[2]["edit"]["changes"][&typo_uri],
        json!([{"range": range(16, 0, 16, 0), "newText": "kind = \"background\"\n"}])
    );
    // The unknown outlet: the suggestion, or a new table in outlets.toml,
    // after its last line (17, with its line end).
    let a = actions(&mut s, &diags[2]);
    assert_eq!(
        a[0]["edit"]["changes"][&typo_uri][0]["newText"],
        "\"reuters\""
    );
    let outlets = uri(&root.join("outlets.toml"));
    assert_eq!(a[1]["title"], "Add outlet `reuterz` to outlets.toml");
    assert_eq!(
        a[1]["edit"]["changes"][&outlets],
        json!([{"range": range(17, 0, 17, 0), "newText": "\n[reuterz]\nname = \"reuterz\"\n"}])
    );
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn bad_input_never_crashes_and_other_files_get_empty_answers() {
    let root = fixture_corpus();
    let first = root.join("2019/first.toml");
    let mut s = Server::start(&root);
    // Half-typed TOML: a syntax error, located, and answers still come.
    let half = "[article]\ntitle = \"x\nsource = \n[[claims\n";
    let diags = s.open(&first, Some(half));
    assert_eq!(diags[0]["code"], "syntax");
    for line in 0..5 {
        for ch in [0, 3, 9, 40] {
            for m in [
                "textDocument/completion",
                "textDocument/hover",
                "textDocument/definition",
                "textDocument/references",
            ] {
                s.at(m, &first, line, ch);
            }
        }
    }
    s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&first)}}),
    );
    // A huge buffer: 20,000 claims.
    let mut huge = String::from("[article]\ntitle = \"x\"\noutlet = \"reuters\"\n");
    for i in 0..20_000 {
        huge.push_str(&format!("\n[[claims]]\nid = \"c{i}\"\ntext = \"🙂 {i}\"\n"));
    }
    s.change(&first, 2, &huge);
    assert!(!s.diagnostics(&first).is_empty());
    assert!(s.at("textDocument/hover", &first, 60_000, 7).is_object());
    // Outside the corpus, and not a file: empty answers.
    let outside = repo_root().join("Cargo.toml").canonicalize().unwrap();
    s.open(&outside, None);
    assert_eq!(s.at("textDocument/completion", &outside, 0, 0), Value::Null);
    assert_eq!(s.at("textDocument/hover", &outside, 0, 0), Value::Null);
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "untitled:1"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r, Value::Null);
    assert_eq!(s.shutdown(), 0);
}

#[test]
fn exit_without_shutdown_is_code_1() {
    let mut s = Server::start(&fixture_corpus());
    s.notify("exit", Value::Null);
    drop(s.stdin.take());
    assert_eq!(s.child.wait().unwrap().code(), Some(1));
}

/// Neovim's own LSP client, headless, runs `lsp.lua` on a copy of
/// `tests/fixtures/lsp/nvim/`: an article with a misspelt source id and an
/// untidy layout. The script checks, through Neovim's API, the diagnostic's
/// line, the completion, the jump to `[sources.us-official]`, and that
/// formatting the corrected buffer gives what `claimtrail fmt` gives for the
/// corrected file. Skipped where Neovim is missing, except under CI.
#[test]
fn nvim() {
    if std::process::Command::new("nvim")
        .arg("--version")
        .output()
        .is_err()
    {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "nvim is missing under CI: .ci/run installs Debian's neovim"
        );
        eprintln!("skipped lsp::nvim: nvim is not installed");
        return;
    }
    let fixture = repo_root().join("tests/fixtures/lsp/nvim");
    let read = |rel: &str| std::fs::read_to_string(fixture.join(rel)).unwrap();
    let article = read("2019/article.toml");
    let editing = corpus(&[
        ("outlets.toml", &read("outlets.toml")),
        ("2019/article.toml", &article),
    ]);
    // What `fmt` makes of the article once the typo is fixed.
    let expected = corpus(&[
        ("outlets.toml", &read("outlets.toml")),
        (
            "2019/article.toml",
            &article.replace("us-oficial", "us-official"),
        ),
    ]);
    let out = crate::common::run(expected.claimtrail(&["fmt", "."]));
    assert_eq!(crate::common::code(&out), 0, "{out:?}");
    let root = editing.path().canonicalize().unwrap();
    let out = std::process::Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            repo_root().join("tests/cli/lsp.lua").display()
        ))
        .env("CLAIMTRAIL_BIN", insta_cmd::get_cargo_bin("claimtrail"))
        .env("CORPUS", &root)
        .env("ARTICLE", root.join("2019/article.toml"))
        .env("EXPECTED", expected.join("2019/article.toml"))
        .stdin(Stdio::null())
        .output()
        .expect("nvim runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("ok"),
        "the Neovim script failed: {stderr}"
    );
}
