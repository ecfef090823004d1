//! No lost work: everything that writes (`fmt`, `new`, `report --out`) under
//! faults. A full disk and a read-only folder are real (a small tmpfs, mounted
//! for the test; skipped with a note where mounting is not allowed), as are two
//! processes formatting one file at once. In every case the original file is
//! intact or fully replaced, no temporary file is left, and the user is told.
//! (A file changed between read and write is shown in `atomic`'s unit tests.)

use super::common;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MESSY: &str = "tests/fixtures/edit/fmt/messy.toml";
const EXPECTED: &str = "tests/fixtures/edit/fmt/messy.expected.toml";

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(common::repo_root().join(rel)).unwrap()
}

/// The test registry, with the vague credit the Reuters file routes through.
fn registry() -> String {
    format!(
        "{}\n[local-media-ve]\nname = \"local media (Venezuela)\"\nkind = \"unspecified\"\n",
        common::OUTLETS
    )
}

fn claimtrail(dir: &Path, args: &[&str]) -> Output {
    Command::new(insta_cmd::get_cargo_bin("claimtrail"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

/// Files in a folder, hidden ones included: no temporary file may be left.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

/// A tmpfs of `size` mounted on a fresh folder, unmounted on drop.
struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    fn tmpfs(size: &str) -> Option<Mount> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("note: skipping a fault test: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(Mount { dir })
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    fn remount(&self, opts: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,{opts}")])
            .arg(self.dir.path())
            .status()
            .unwrap();
        assert!(ok.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Fill the file system until a write fails.
fn fill(dir: &Path) {
    use std::io::Write;
    let mut f = std::fs::File::create(dir.join("filler")).unwrap();
    let block = vec![b'x'; 4096];
    while f.write_all(&block).and_then(|()| f.sync_all()).is_ok() {}
}

#[test]
fn a_full_disk_leaves_every_file_intact() {
    let Some(m) = Mount::tmpfs("256k") else {
        return;
    };
    let dir = m.path();
    std::fs::write(dir.join("outlets.toml"), registry()).unwrap();
    std::fs::write(dir.join("messy.toml"), fixture(MESSY)).unwrap();
    fill(&dir);
    let before = names(&dir);

    let out = claimtrail(&dir, &["fmt", "."]);
    assert_ne!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("left as it is"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("messy.toml")).unwrap(),
        fixture(MESSY)
    );
    assert_eq!(names(&dir), before);

    let out = claimtrail(&dir, &["report", ".", "--out", "reports"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
    // No half-written report: any file that exists is complete or absent.
    if dir.join("reports").is_dir() {
        for name in names(&dir.join("reports")) {
            assert!(!name.starts_with('.'), "a temporary file was left: {name}");
        }
    }

    let out = claimtrail(
        &dir,
        &["new", "x.toml", "--outlet", "reuters", "--title", "A title"],
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(!dir.join("x.toml").exists());
    for name in names(&dir) {
        assert!(!name.ends_with(".tmp"), "a temporary file was left: {name}");
    }
}

#[test]
fn a_read_only_folder_is_reported_and_nothing_changes() {
    let Some(m) = Mount::tmpfs("1m") else {
        return;
    };
    let dir = m.path();
    std::fs::write(dir.join("outlets.toml"), registry()).unwrap();
    std::fs::write(dir.join("messy.toml"), fixture(MESSY)).unwrap();
    m.remount("ro");
    let out = claimtrail(&dir, &["fmt", "."]);
    assert_ne!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("messy.toml") && err.contains("left as it is"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("messy.toml")).unwrap(),
        fixture(MESSY)
    );

    let out = claimtrail(
        &dir,
        &["new", "x.toml", "--outlet", "reuters", "--title", "A title"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("x.toml").exists());
    let out = claimtrail(&dir, &["report", ".", "--out", "reports"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(names(&dir), ["messy.toml", "outlets.toml"]);
    m.remount("rw");
}

#[test]
fn a_writer_that_cannot_create_its_folder_fails_cleanly() {
    // `reports` is a file, so the report folder cannot be made.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("outlets.toml"), registry()).unwrap();
    std::fs::write(dir.path().join("reports"), "not a folder").unwrap();
    std::fs::copy(
        common::repo_root().join("claims/2019/reuters-russian-deployment-cyber.toml"),
        dir.path().join("a.toml"),
    )
    .unwrap();
    let out = claimtrail(dir.path(), &["report", ".", "--out", "reports"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("reports")).unwrap(),
        "not a folder"
    );
}

#[test]
fn two_processes_formatting_one_file_never_leave_it_half_written() {
    let expected = fixture(EXPECTED);
    for _ in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("outlets.toml"), registry()).unwrap();
        std::fs::write(dir.path().join("messy.toml"), fixture(MESSY)).unwrap();
        let spawn = || {
            Command::new(insta_cmd::get_cargo_bin("claimtrail"))
                .current_dir(dir.path())
                .args(["fmt", "messy.toml"])
                .output()
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(spawn);
            let b = s.spawn(spawn);
            (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
        });
        // Each run either formatted the file, found it formatted, or saw the
        // other's change and stepped back; none of them fails silently.
        for o in [&a, &b] {
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                o.status.success() || err.contains("changed on disk"),
                "{err}"
            );
        }
        assert_eq!(
            std::fs::read_to_string(dir.path().join("messy.toml")).unwrap(),
            expected
        );
        assert_eq!(names(dir.path()), ["messy.toml", "outlets.toml"]);
    }
}

/// A large article `fmt` has work to do on: every claim's keys out of order.
fn large_messy(claims: usize) -> String {
    let mut t = String::from(
        "[article]\noutlet = \"reuters\"\ntitle = \"Large\"\npublished = 2019-03-26\n",
    );
    for i in 0..claims {
        t.push_str(&format!(
            "[[claims]]\ntext = \"claim {i}\"\nid = \"c{i}\"\n"
        ));
    }
    t
}

/// A corpus folder `claims` in `dir`, holding the registry.
fn corpus_in(dir: &Path) -> PathBuf {
    let corpus = dir.join("claims");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("outlets.toml"), registry()).unwrap();
    corpus
}

/// Send SIGTERM to `child` and wait for it: its exit status, or `None` when
/// it finished before the signal arrived.
#[cfg(unix)]
fn terminate(child: &mut std::process::Child) -> Option<std::process::ExitStatus> {
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    (killed.success() && !status.success()).then_some(status)
}

/// SIGTERM while `fmt` writes: the temporary file, created private for a
/// private file (never readable by others, not even half written), is
/// removed, and the file is left whole, old or new.
#[cfg(unix)]
#[test]
fn a_signal_during_fmt_leaves_no_temporary_and_nothing_readable() {
    use std::os::unix::fs::PermissionsExt;
    let mut seen = 0;
    for round in 0..6 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("outlets.toml"), registry()).unwrap();
        let file = dir.path().join("a.toml");
        let original = large_messy(50_000 << round.min(3));
        std::fs::write(&file, &original).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let mut child = Command::new(insta_cmd::get_cargo_bin("claimtrail"))
            .current_dir(dir.path())
            .args(["fmt", "a.toml"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the temporary file to appear, then send SIGTERM.
        let temp = loop {
            if let Some(name) = names(dir.path()).into_iter().find(|n| n.ends_with(".tmp")) {
                break Some(dir.path().join(name));
            }
            if child.try_wait().unwrap().is_some() {
                break None;
            }
            std::thread::yield_now();
        };
        let Some(temp) = temp else {
            continue;
        };
        if let Ok(meta) = std::fs::metadata(&temp) {
            assert_eq!(
                meta.permissions().mode() & 0o777,
                0o600,
                "the temporary's mode"
            );
        }
        let Some(status) = terminate(&mut child) else {
            continue;
        };
        seen += 1;
        assert_eq!(status.code(), Some(130), "{status:?}");
        assert_eq!(names(dir.path()), ["a.toml", "outlets.toml"]);
        let meta = std::fs::metadata(&file).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text == original || text.len() == original.len(),
            "a whole file"
        );
        if seen == 2 {
            break;
        }
    }
    assert!(seen > 0, "no run was caught while writing");
}

/// SIGTERM while `export` writes its tables as the corpus loads: the new
/// folder, written beside the target, is removed whole, and the export
/// already there is left as it was.
#[cfg(unix)]
#[test]
fn a_signal_during_export_leaves_no_new_folder_and_the_old_export() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_in(dir.path());
    for i in 0..2000 {
        let mut text = format!(
            "[article]\ntitle = \"Story {i}\"\noutlet = \"example-daily\"\npublished = 2019-03-27\n\n\
             [sources.official]\nname = \"Jane Doe\"\n\n"
        );
        for c in 0..10 {
            text.push_str(&format!(
                "[[claims]]\nid = \"claim-{i}-{c}\"\ntext = \"Something happened, {c} of {i}.\"\n\
                 source = \"official\"\nsaid = 2019-03-26\n\n"
            ));
        }
        std::fs::write(corpus.join(format!("a{i:04}.toml")), text).unwrap();
    }
    let export = ["export", "claims", "--format", "parquet", "--out", "out"];
    let o = claimtrail(dir.path(), &export);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before: Vec<(String, Vec<u8>)> = names(&dir.path().join("out"))
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(dir.path().join("out").join(&n)).unwrap();
            (n, bytes)
        })
        .collect();
    let mut seen = 0;
    for _ in 0..6 {
        let mut child = Command::new(insta_cmd::get_cargo_bin("claimtrail"))
            .current_dir(dir.path())
            .args(export)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the new folder to appear, then send SIGTERM.
        let caught = loop {
            if names(dir.path()).iter().any(|n| n.starts_with(".out.")) {
                break true;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            std::thread::yield_now();
        };
        if !caught {
            continue;
        }
        let Some(status) = terminate(&mut child) else {
            continue;
        };
        seen += 1;
        assert_eq!(status.code(), Some(130), "{status:?}");
        assert_eq!(names(dir.path()), ["claims", "out"]);
        for (name, bytes) in &before {
            let now = std::fs::read(dir.path().join("out").join(name)).unwrap();
            assert!(now == *bytes, "`out/{name}` changed");
        }
        if seen == 2 {
            break;
        }
    }
    assert!(seen > 0, "no run was caught while exporting");
}

/// Temporaries a killed run left (of a process no longer running) are
/// removed by the next write in their folder; other files stay.
#[test]
fn stale_temporaries_are_removed_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("outlets.toml"), registry()).unwrap();
    std::fs::write(dir.path().join("messy.toml"), fixture(MESSY)).unwrap();
    for stale in [
        ".messy.toml.4000000000-0.tmp",
        ".other.toml.4000000001-7.tmp",
    ] {
        std::fs::write(dir.path().join(stale), "partial").unwrap();
    }
    std::fs::write(dir.path().join(".notes.tmp"), "mine").unwrap();
    let o = claimtrail(dir.path(), &["fmt", "messy.toml"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        names(dir.path()),
        [".notes.tmp", "messy.toml", "outlets.toml"]
    );
}

/// The new folder an export killed outright left beside its target (of a
/// process no longer running) is removed by the next export to that
/// target; folders of other targets, or not of claimtrail's naming, stay.
#[test]
fn stale_export_folders_are_removed_by_the_next_export() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_in(dir.path());
    std::fs::write(corpus.join("a.toml"), fixture(MESSY)).unwrap();
    for stale in [
        ".out.claimtrail-new-4000000000-0",
        ".other.claimtrail-new-4000000000-0",
        ".out.claimtrail-new-mine",
    ] {
        std::fs::create_dir(dir.path().join(stale)).unwrap();
        std::fs::write(dir.path().join(stale).join("claims.parquet"), "partial").unwrap();
    }
    let o = claimtrail(
        dir.path(),
        &["export", "claims", "--format", "parquet", "--out", "out"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        names(dir.path()),
        [
            ".other.claimtrail-new-4000000000-0",
            ".out.claimtrail-new-mine",
            "claims",
            "out"
        ]
    );
}

/// Two `report --out` runs into one folder at once, removing the same stale
/// page: a file the other run removed first is not an error, and the folder
/// ends as one run alone leaves it.
#[test]
fn two_report_runs_into_one_folder_both_succeed() {
    let article = |i: usize| {
        format!(
            "[article]\ntitle = \"A{i}\"\noutlet = \"reuters\"\npublished = 2019-03-26\n\n[[claims]]\nid = \"c\"\ntext = \"t\"\n"
        )
    };
    for _ in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("c");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join("outlets.toml"), registry()).unwrap();
        for i in 0..40 {
            std::fs::write(corpus.join(format!("a{i:03}.toml")), article(i)).unwrap();
        }
        let first = claimtrail(dir.path(), &["report", "c", "--out", "o"]);
        assert!(
            first.status.success(),
            "{}",
            String::from_utf8_lossy(&first.stderr)
        );
        // Half the articles go: both runs remove their pages.
        for i in (0..40).step_by(2) {
            std::fs::remove_file(corpus.join(format!("a{i:03}.toml"))).unwrap();
        }
        let spawn = || claimtrail(dir.path(), &["report", "c", "--out", "o"]);
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(spawn);
            let b = s.spawn(spawn);
            (a.join().unwrap(), b.join().unwrap())
        });
        for o in [&a, &b] {
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        let check = claimtrail(dir.path(), &["report", "c", "--out", "o", "--check"]);
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

/// Every file below `dir`, hidden ones included, by path relative to it.
fn tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut found = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                found.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

/// A `report --out` that cannot replace one of its pages changes none of
/// them: every changed page is written beside its place before any is renamed
/// into it. The page it cannot replace has a second name (a hard link), which
/// replacing would break; it sorts last, after the index and the other pages.
#[test]
fn a_report_folder_is_updated_whole_or_not_at_all() {
    let article = |day: u32, i: usize| {
        format!(
            "[article]\ntitle = \"A{i}\"\noutlet = \"reuters\"\npublished = 2019-03-{day}\n\n\
             [[claims]]\nid = \"c\"\ntext = \"t\"\n"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("outlets.toml"), registry()).unwrap();
    for i in 0..3 {
        std::fs::write(corpus.join(format!("a{i:03}.toml")), article(26, i)).unwrap();
    }
    let first = claimtrail(dir.path(), &["report", "c", "--out", "o"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let out = dir.path().join("o");
    let before = tree(&out);
    let last = before.keys().last().unwrap().clone();
    assert_eq!(last, PathBuf::from("a002.md"), "{:?}", before.keys());
    std::fs::hard_link(out.join(&last), dir.path().join("kept.md")).unwrap();
    // A new date changes every page and the index.
    for i in 0..3 {
        std::fs::write(corpus.join(format!("a{i:03}.toml")), article(27, i)).unwrap();
    }
    let second = claimtrail(dir.path(), &["report", "c", "--out", "o"]);
    assert_eq!(second.status.code(), Some(2), "{second:?}");
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains("a002.md") && err.contains("hard links"),
        "{err}"
    );
    assert_eq!(tree(&out), before, "the folder changed");
    // Once the link is gone, the same run brings every page up to date.
    std::fs::remove_file(dir.path().join("kept.md")).unwrap();
    let third = claimtrail(dir.path(), &["report", "c", "--out", "o"]);
    assert!(third.status.success(), "{third:?}");
    let after = tree(&out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    for (path, text) in &after {
        assert_ne!(
            Some(text),
            before.get(path),
            "{} did not change",
            path.display()
        );
    }
}
