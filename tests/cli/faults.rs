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
