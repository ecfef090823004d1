//! Helpers shared by the test modules: running the binary the same way every
//! time (from the repository root, colour off) and building small corpora in a
//! temporary folder. See the index in tests/cli/main.rs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The repository root: where `claims/` and `tests/fixtures/` are.
/// Library load options for one corpus folder, defaults otherwise.
pub fn load_options(path: &Path) -> claimtrail::load::LoadOptions {
    claimtrail::load::LoadOptions {
        paths: vec![path.to_path_buf()],
        ..claimtrail::load::LoadOptions::default()
    }
}

pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder or file below `tests/fixtures/`, relative to the repository
/// root so that paths in snapshots do not depend on where the checkout lives.
pub fn fixture(rel: &str) -> String {
    format!("tests/fixtures/{rel}")
}

/// The `claimtrail` binary, run from the repository root with `NO_COLOR=1`.
/// Snapshots go through `insta_cmd`, so this is the plain std `Command`.
pub fn bin() -> Command {
    let mut cmd = Command::new(insta_cmd::get_cargo_bin("claimtrail"));
    cmd.current_dir(repo_root())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    cmd
}

/// `claimtrail ARGS --color never`: the usual way to run a command under test.
pub fn claimtrail(args: &[&str]) -> Command {
    let mut cmd = bin();
    cmd.args(args).args(["--color", "never"]);
    cmd
}

/// Run and collect the output (stdout and stderr piped, so never a terminal).
pub fn run(mut cmd: Command) -> Output {
    cmd.output().expect("the claimtrail binary runs")
}

/// The exit code of a finished run; a signal (a crash) fails the test.
pub fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal: {output:?}"))
}

/// Standard output parsed as JSON.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// A small outlet registry: two private outlets, two state-owned ones.
pub const OUTLETS: &str = r#"[example-daily]
name = "Example Daily"
kind = "newspaper"
country = "US"
ownership = "private"

[reuters]
name = "Reuters"
kind = "wire"
country = "GB"
ownership = "private"

[sputnik]
name = "Sputnik"
kind = "broadcaster"
country = "RU"
ownership = "state"

[tass]
name = "TASS"
kind = "agency"
country = "RU"
ownership = "state"
"#;

/// A valid article with one named, dated source: a base to break on purpose.
pub const ARTICLE: &str = r#"[article]
title = "Example"
outlet = "example-daily"
published = 2019-03-27

[sources.official]
name = "Jane Doe"

[[claims]]
id = "c1"
text = "Something happened."
source = "official"
said = 2019-03-26
"#;

/// A temporary folder holding a corpus.
pub struct Corpus {
    pub dir: tempfile::TempDir,
}

impl Corpus {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A file of the corpus.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Add or replace a file (raw bytes, to write what is not UTF-8).
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the corpus folder");
        }
        std::fs::write(&path, bytes).expect("write a corpus file");
        path
    }

    /// `claimtrail ARGS --color never`, run from the corpus folder so paths in
    /// the output are relative to it (`.`, `article.toml`).
    pub fn claimtrail(&self, args: &[&str]) -> Command {
        let mut cmd = claimtrail(args);
        cmd.current_dir(self.path());
        cmd
    }
}

/// Write `(path, text)` pairs into a new temporary folder. Pass an
/// `outlets.toml` pair for a registry (usually [`OUTLETS`]).
pub fn corpus(files: &[(&str, &str)]) -> Corpus {
    let dir = tempfile::Builder::new()
        .prefix("claimtrail-test")
        .tempdir()
        .expect("create a temporary folder");
    let corpus = Corpus { dir };
    for (path, text) in files {
        corpus.write(path, text);
    }
    corpus
}

/// Run with a deadline: a hang fails the test instead of blocking it.
pub fn run_with_deadline(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn claimtrail");
    let start = Instant::now();
    while child.try_wait().expect("wait for claimtrail").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("claimtrail did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("collect the output")
}
