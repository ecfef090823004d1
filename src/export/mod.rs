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

    /// Put the new folder in `dir`'s place. Over an earlier export, the two
    /// folders are exchanged in one step where the platform allows it (on
    /// Linux, `renameat2` with `RENAME_EXCHANGE`): the new folder's name then
    /// holds the old export, removed next, so an export killed outright at
    /// any moment leaves `dir` whole, old or new, and at most a stale new
    /// folder that the next export removes. Elsewhere the old export steps
    /// aside under a name of its own and the new one takes its place.
    pub fn commit(mut self) -> io::Result<()> {
        let dir = self.dir.clone();
        check_target(&dir)?;
        let exists = fs::symlink_metadata(&dir).is_ok();
        let temp = self.temp.clone();
        let (parent, name) = (&self.parent, &self.name);
        // No signal is acted on while the folders move; the old export, once
        // aside, is held to be removed.
        let mut aside = None;
        atomic::release_folder(&temp, || {
            if exists && atomic::exchange(&temp, &dir)? {
                aside = Some(temp.clone());
            } else if exists {
                // The old export steps aside and the new one takes its
                // name. A failure puts the old one back.
                let old = fresh_name(parent, name, "old");
                fs::rename(&dir, &old)?;
                if let Err(e) = fs::rename(&temp, &dir) {
                    let _ = fs::rename(&old, &dir);
                    return Err(e);
                }
                aside = Some(old);
            } else {
                fs::rename(&temp, &dir)?;
            }
            Ok(aside.clone())
        })?;
        self.committed = true;
        #[cfg(test)]
        atomic::hooks::reached(&dir);
        match aside {
            Some(aside) => {
                let removed = fs::remove_dir_all(&aside);
                atomic::release_folder(&aside, || Ok(None))?;
                removed
            }
            None => Ok(()),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = atomic::release_folder(&self.temp, || {
                fs::remove_dir_all(&self.temp).map(|()| None)
            });
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// Over an earlier export, the new folder takes `dir`'s place in one
    /// exchange: at the moment between the move and the removal, `dir`
    /// holds the new tables and the new folder's name the old ones, so no
    /// other name was ever made.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_export_over_an_earlier_one_exchanges_the_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        fs::create_dir(&dir).unwrap();
        let staged = Staged::begin(&dir).unwrap();
        let temp = staged.path().to_path_buf();
        fs::write(temp.join("marker"), b"new").unwrap();
        let seen: Arc<Mutex<Vec<(bool, bool, usize)>>> = Arc::default();
        let (s, d, t) = (seen.clone(), dir.clone(), temp.clone());
        atomic::hooks::set(&dir, move || {
            let entries = fs::read_dir(d.parent().unwrap()).unwrap().count();
            s.lock().unwrap().push((
                d.join("marker").exists(),
                t.is_dir() && !t.join("marker").exists(),
                entries,
            ));
        });
        staged.commit().unwrap();
        // `dir` new; the old, empty export under the new folder's name; and
        // nothing else beside them.
        assert_eq!(*seen.lock().unwrap(), [(true, true, 2)]);
        assert_eq!(fs::read(dir.join("marker")).unwrap(), b"new");
        let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only `out` is left");
    }
}
