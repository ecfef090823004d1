//! The language server's figures (`cargo bench --bench corpus -- --lsp`):
//! the server runs in process over an in-memory connection, as `lsp::run`
//! allows, driven as an editor drives it. Measured on a generated corpus:
//! how long the server takes to be ready (initialized and the corpus loaded)
//! against `check` on the same corpus; how long after a file is opened its
//! diagnostics arrive; and how long a keystroke in a 200-claim file takes to
//! be answered (the edit, then a completion request at the cursor). Printed
//! with the goals; nothing is asserted.

use crate::generator::Corpus;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

struct Client {
    conn: Connection,
    server: Option<std::thread::JoinHandle<()>>,
    next: i32,
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl Client {
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        let req = Request::new(id.clone(), method.into(), params);
        self.conn.sender.send(Message::Request(req)).unwrap();
        loop {
            match self.conn.receiver.recv().expect("the server answers") {
                Message::Response(r) if r.id == id => {
                    return r.response_result.unwrap_or(Value::Null);
                }
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.into(), params);
        self.conn.sender.send(Message::Notification(n)).unwrap();
    }

    /// Wait for the diagnostics of `file`.
    fn diagnostics(&self, file: &Path) -> usize {
        let want = uri(file);
        loop {
            if let Message::Notification(n) = self.conn.receiver.recv().expect("a message")
                && n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == want.as_str()
            {
                return n.params["diagnostics"].as_array().map_or(0, Vec::len);
            }
        }
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        if let Some(s) = self.server.take() {
            s.join().unwrap();
        }
    }
}

/// Start a server on `root` and wait until it is ready: the time taken.
fn start(root: &Path) -> (Client, Duration) {
    let (client, server) = Connection::memory();
    let started = Instant::now();
    let handle = std::thread::spawn(move || {
        claimtrail::lsp::run(server, &claimtrail::lsp::Options::default())
            .expect("the server runs");
    });
    let mut c = Client {
        conn: client,
        server: Some(handle),
        next: 0,
    };
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(root), "capabilities": {}}),
    );
    c.notify("initialized", json!({}));
    // The first answer comes once the corpus is loaded.
    c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&root.join("none.toml"))}}),
    );
    (c, started.elapsed())
}

/// A 200-claim article as annotators write them.
fn long_article(outlet: &str) -> String {
    let mut text = format!(
        "[article]\ntitle = \"A long article\"\noutlet = \"{outlet}\"\npublished = 2020-01-01\n\n[sources.official]\nname = \"An Official\"\n"
    );
    for i in 0..200 {
        text.push_str(&format!(
            "\n[[claims]]\nid = \"long-claim-{i}\"\ntext = \"The official said thing number {i} about the matter.\"\nsource = \"official\"\nsaid = 2020-01-01\n"
        ));
    }
    text
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Measure and print the server's figures on `corpus`; `check` is timed by
/// the caller's `check_time`.
pub fn figures(corpus: &Corpus, rounds: usize, check_time: &dyn Fn() -> Duration) {
    let root = corpus.claims.canonicalize().unwrap();
    let file = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| p.extension().is_some_and(|e| e == "toml") && !p.ends_with("outlets.toml"))
        .expect("an article");
    let text = std::fs::read_to_string(&file).unwrap();
    let outlet = text
        .lines()
        .find_map(|l| l.strip_prefix("outlet = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .unwrap_or_default();
    let long = root.join("long-article.toml");
    let long_text = long_article(&outlet);
    let (mut ready, mut check, mut open, mut key, mut key_diag) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        check.push(check_time());
        let (mut c, r) = start(&root);
        ready.push(r);
        let t = Instant::now();
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(&file), "languageId": "toml", "version": 1, "text": text}}),
        );
        c.diagnostics(&file);
        open.push(t.elapsed());
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(&long), "languageId": "toml", "version": 1, "text": long_text}}),
        );
        c.diagnostics(&long);
        // A keystroke in the last claim's id, then completion there.
        let typed = format!("{long_text}\n[[claims]]\nid = \"long-cl\"\n");
        let line = typed.lines().count() - 1;
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(&long), "version": 2 + round},
                   "contentChanges": [{"text": typed}]}),
        );
        c.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri(&long)}, "position": {"line": line, "character": 12}}),
        );
        key.push(t.elapsed());
        c.diagnostics(&long);
        key_diag.push(t.elapsed());
        c.stop();
    }
    let (ready, check) = (median(ready), median(check));
    println!();
    println!(
        "language server on {} articles, median of {rounds}:",
        corpus.manifest.articles
    );
    println!(
        "  ready (initialized, corpus loaded)   {}   check {}   ratio {:.2} (goal 1.5)",
        ms(ready),
        ms(check),
        ready.as_secs_f64() / check.as_secs_f64()
    );
    println!(
        "  diagnostics after opening a file     {}   (goal 100 ms)",
        ms(median(open))
    );
    println!(
        "  keystroke + completion, 200 claims   {}   (goal 20 ms)",
        ms(median(key))
    );
    println!(
        "  keystroke to new diagnostics         {}   (includes the 150 ms pause in typing)",
        ms(median(key_diag))
    );
}
