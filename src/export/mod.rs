//! `claimtrail export`: the corpus as tables for other tools. The rows are
//! made once ([`tables`]) from the loader, the report's metrics and the
//! trails, and every format writes those same rows: Parquet files in a
//! folder ([`parquet`], the large tables written as the corpus loads),
//! schema.org `Claim` JSON-LD ([`jsonld`]), W3C PROV-O ([`prov`]) and the
//! one-row-per-claim CSV sheet ([`csv`]) that `import csv` reads back. The
//! SQL kept beside them ([`QUERIES`]) runs unchanged on DuckDB and on Spark
//! SQL over the Parquet files.

pub mod csv;
pub mod jsonld;
pub mod parquet;
pub mod prov;
pub mod tables;

use crate::atomic;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The queries over the exported tables, by name, in the order `export
/// --sql` prints them. Each is one `SELECT` with no trailing semicolon, so
/// `spark.sql` and DuckDB both take it as it is.
pub const QUERIES: [(&str, &str); 5] = [
    ("article_counts", include_str!("sql/article_counts.sql")),
    ("outlet_reliance", include_str!("sql/outlet_reliance.sql")),
    ("speaker_counts", include_str!("sql/speaker_counts.sql")),
    (
        "trail_appearances",
        include_str!("sql/trail_appearances.sql"),
    ),
    ("trails", include_str!("sql/trails.sql")),
];

/// What `export --sql` prints: every query, each ended by `;`.
pub fn sql_script() -> String {
    let mut s = String::new();
    for (name, q) in QUERIES {
        s.push_str(&format!("-- {name}.sql\n{};\n\n", q.trim_end()));
    }
    s.pop();
    s
}

/// A folder of Parquet tables under way: written into a new hidden folder
/// beside `dir`, which takes `dir`'s place on [`Staged::commit`]. `dir`
/// may be absent, empty, or an earlier export; a folder holding anything
/// else is refused and left as it is, when the export begins and again
/// when it ends. Dropped uncommitted, the new folder is removed.
pub struct Staged {
    dir: PathBuf,
    parent: PathBuf,
    name: String,
    temp: PathBuf,
    committed: bool,
}

impl Staged {
    pub fn begin(dir: &Path) -> io::Result<Staged> {
        check_target(dir)?;
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "export".to_string());
        // New folders an export killed outright left beside this target.
        atomic::remove_stale_folders(&parent, |entry| new_folder_pid(entry, &name));
        let temp = fresh_dir(&parent, &name, "new")?;
        Ok(Staged {
            dir: dir.to_path_buf(),
            parent,
            name,
            temp,
            committed: false,
        })
    }

    /// The new folder, where the tables are written.
    pub fn path(&self) -> &Path {
        &self.temp
    }

    /// Put the new folder in `dir`'s place.
    pub fn commit(mut self) -> io::Result<()> {
        let dir = self.dir.clone();
        check_target(&dir)?;
        let old = fs::symlink_metadata(&dir)
            .is_ok()
            .then(|| fresh_name(&self.parent, &self.name, "old"));
        // No signal is acted on between the two renames; the old export,
        // once aside, is held to be removed.
        let temp = self.temp.clone();
        atomic::release_folder(&temp, old.as_deref(), || {
            match &old {
                Some(old) => {
                    // Swap: the old export steps aside and the new one takes
                    // its name. A failure puts the old one back.
                    fs::rename(&dir, old)?;
                    if let Err(e) = fs::rename(&temp, &dir) {
                        let _ = fs::rename(old, &dir);
                        return Err(e);
                    }
                }
                None => fs::rename(&temp, &dir)?,
            }
            self.committed = true;
            Ok(())
        })?;
        match old {
            Some(old) => {
                let removed = fs::remove_dir_all(&old);
                atomic::release_folder(&old, None, || Ok(()))?;
                removed
            }
            None => Ok(()),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = atomic::release_folder(&self.temp, None, || fs::remove_dir_all(&self.temp));
        }
    }
}

/// `dir` may be replaced: absent, or a real folder holding only Parquet files
/// of the export's names that claimtrail wrote.
fn check_target(dir: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let refuse = |why: String| {
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "`{}` {why}; it was left as it is: choose another folder",
                dir.display()
            ),
        ))
    };
    if meta.file_type().is_symlink() {
        return refuse("is a symlink".to_string());
    }
    if !meta.is_dir() {
        return refuse("exists and is not a folder".to_string());
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let ours = parquet::FILES.contains(&name.as_str())
            && entry.file_type()?.is_file()
            && parquet::is_ours(&path);
        if !ours {
            return refuse(format!(
                "holds `{name}`, which claimtrail's export did not write"
            ));
        }
    }
    Ok(())
}

fn fresh_name(parent: &Path, name: &str, what: &str) -> PathBuf {
    let pid = std::process::id();
    let mut n = 0;
    loop {
        let p = parent.join(format!(".{name}.claimtrail-{what}-{pid}-{n}"));
        if fs::symlink_metadata(&p).is_err() {
            return p;
        }
        n += 1;
    }
}

/// The process that made `entry`, if it is a new folder of an export to
/// `name` (`.{name}.claimtrail-new-{pid}-{n}`, as [`fresh_name`] writes).
fn new_folder_pid(entry: &str, name: &str) -> Option<u32> {
    let tail = entry
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix(".claimtrail-new-")?;
    atomic::pid_and_count(tail)
}

/// A new folder beside the target, held (removed whole if the run is
/// interrupted before it takes the target's place).
fn fresh_dir(parent: &Path, name: &str, what: &str) -> io::Result<PathBuf> {
    loop {
        let p = fresh_name(parent, name, what);
        match atomic::create_held_folder(&p) {
            Ok(()) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}
