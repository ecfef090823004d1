//! Writing files so that a reader never sees half of one: the new bytes go to
//! a temporary file in the same folder, are flushed to disk, and are renamed
//! over the target in one step. An interrupted run leaves either the old file
//! or the new one, never a mix. `new`, `fmt` and `report --out` write through
//! here and nowhere else.
//!
//! A symlink is followed: the file it points to is replaced (its temporary
//! file beside it) and the link stays a link. A file with other hard links is
//! refused: a new file in its place would leave the other names with the old
//! text. So is a file the user may not write: a rename needs only the
//! folder's permission, and would override the file's own.
//!
//! A temporary file is created with the target's permissions from the
//! start (exclusively, the mode given at open), so a private file is never
//! readable by others, not even half written. It is given the target's owner
//! and group before it replaces it; where the process may not give them, the
//! file is refused rather than handed over to whoever ran the command. The temporaries alive are
//! listed: [`remove_temporaries`], which the binary calls on SIGINT and
//! SIGTERM, removes them and lets no other start; so are new folders being
//! written whole ([`create_held_folder`]). Temporaries left by a run
//! that was killed outright (`.{name}.{pid}-{n}.tmp` of a process no longer
//! running) are removed from a folder the next time a file is written there.
//!
//! A write is two steps, which a caller writing many files may take apart
//! ([`stage`], then [`Staged::commit`]): all staged first, so that a file
//! that cannot be written stops the run before any other is replaced. Many
//! new files ([`create_new_all`]) are flushed to disk together, once; a
//! caller making them in parallel may write each as it is made
//! ([`write_new`]) and name them all at the end ([`name_new_all`]).

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// The temporaries alive, the folders already cleaned of stale ones, and
/// whether the process is stopping.
#[derive(Default)]
struct Live {
    temps: HashSet<PathBuf>,
    /// Folders being written whole (see [`create_held_folder`]).
    folders: HashSet<PathBuf>,
    cleaned: HashSet<PathBuf>,
    stopping: bool,
}

impl Live {
    /// Nothing new may start once the process is stopping.
    fn going_on(&self, why: &str) -> io::Result<()> {
        if self.stopping {
            return Err(io::Error::new(io::ErrorKind::Interrupted, why.to_string()));
        }
        Ok(())
    }
}

static LIVE: Mutex<Option<Live>> = Mutex::new(None);

fn live() -> MutexGuard<'static, Option<Live>> {
    // A panic while holding the lock leaves the list as it was: still usable.
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Remove every temporary file this process has open, and refuse to create
/// more: for a signal handler, before the process exits. A rename under way
/// finishes first, so a file is left either old or new.
pub fn remove_temporaries() {
    let mut guard = live();
    let state = guard.get_or_insert_with(Live::default);
    state.stopping = true;
    for temp in state.temps.drain() {
        let _ = fs::remove_file(&temp);
    }
    for folder in state.folders.drain() {
        let _ = fs::remove_dir_all(&folder);
    }
}

/// Create a new folder to be written whole before it takes its name (an
/// export's), held: on SIGINT or SIGTERM it is removed with everything in
/// it. It is created under the same lock the signal handler takes, so no
/// signal falls between its creation and its holding. Refused once the
/// process is stopping.
pub fn create_held_folder(path: &Path) -> io::Result<()> {
    let mut guard = live();
    let state = guard.get_or_insert_with(Live::default);
    state.going_on("interrupted: the folder was not created")?;
    fs::create_dir(path)?;
    state.folders.insert(path.to_path_buf());
    Ok(())
}

/// Create a new file inside a held folder (see [`create_held_folder`]),
/// under the lock the signal handler takes: no file is created while the
/// handler removes the folder, which would leave the folder behind (a folder
/// that gains a file while it is emptied cannot be removed), and none once
/// the process is stopping.
pub fn create_in_held_folder(path: &Path) -> io::Result<File> {
    let mut guard = live();
    let state = guard.get_or_insert_with(Live::default);
    state.going_on("interrupted: the file was not created")?;
    File::create_new(path)
}

/// Let a held folder go once `finish` has run (moving it into place, or
/// removing it), and hold instead the folder `finish` names, if any (a
/// folder it moved aside, to be removed next). No signal is acted on while
/// `finish` runs, so an interrupted run leaves each folder either held (and
/// removed) or where `finish` put it, never half moved.
pub fn release_folder(
    path: &Path,
    finish: impl FnOnce() -> io::Result<Option<PathBuf>>,
) -> io::Result<()> {
    let mut guard = live();
    let state = guard.get_or_insert_with(Live::default);
    let result = finish();
    state.folders.remove(path);
    state.folders.extend(result?);
    Ok(())
}

/// Replace (or create) `path`, or the file it links to, with `bytes`. An
/// existing file keeps its permissions.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_checked(path, bytes, |_| Ok(()))
}

/// Like [`write`], but `check` is called with the temporary file, complete and
/// on disk, before it replaces `path`; an error from `check` leaves `path`
/// untouched. `fmt` uses this to load the new text as the loader would.
pub fn write_checked(
    path: &Path,
    bytes: &[u8],
    check: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let staged = stage(path, bytes)?;
    check(&staged.temp.path)?;
    staged.commit()
}

/// A file's new bytes, complete and on disk beside it, not yet in its place.
/// A caller writing many files stages them all, then commits each: a failure
/// while staging any of them changes none. Dropped without a commit, the
/// temporary file is removed.
pub struct Staged {
    target: PathBuf,
    temp: Temp,
}

/// The first half of [`write`]: everything but the rename.
pub fn stage(path: &Path, bytes: &[u8]) -> io::Result<Staged> {
    let target = resolve(path)?;
    replaceable(path, &target)?;
    let temp = Temp::create(&target, bytes, Flush::Now)?;
    if let Ok(meta) = fs::metadata(&target) {
        fs::set_permissions(&temp.path, meta.permissions())?;
    }
    Ok(Staged { target, temp })
}

impl Staged {
    /// Put the staged bytes in place, in one rename.
    pub fn commit(self) -> io::Result<()> {
        self.temp.rename_to(&self.target)?;
        sync_parent(&self.target);
        Ok(())
    }
}

/// Whether [`write`] may replace `path` (or the file it links to): an error
/// naming it and saying why not, as [`write`] would give. Lets a caller that
/// writes many files refuse one and go on with the others.
pub fn check_replaceable(path: &Path) -> io::Result<()> {
    replaceable(path, &resolve(path)?)
}

/// `target` is `path` resolved. A file not there yet may be created.
fn replaceable(path: &Path, target: &Path) -> io::Result<()> {
    let meta = match fs::metadata(target) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.is_file() && meta.nlink() > 1 {
            return Err(io::Error::other(format!(
                "`{}` has {} hard links, which replacing it would break; it was left as it is",
                path.display(),
                meta.nlink()
            )));
        }
    }
    // Opened to write, not truncated: nothing changes, the permission is asked.
    // Only a regular file: opening a FIFO would wait for a reader. Without
    // waiting too, should one be put in its place meanwhile.
    if meta.is_file()
        && let Err(e) = open_to_write(target)
    {
        return Err(io::Error::new(
            e.kind(),
            format!(
                "`{}` cannot be opened for writing: {e}; it was left as it is",
                path.display()
            ),
        ));
    }
    Ok(())
}

/// Open a file to write, neither truncating it nor waiting on a FIFO (which,
/// with no reader, fails at once).
fn open_to_write(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// `path` with the symlinks at its end followed: the file that a write to
/// `path` changes. A link to nowhere gives the path its file would have.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    // As many links as Linux follows before it gives up.
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = fs::read_link(&at)?;
                // A relative link is relative to its own folder.
                at = match at.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::other(format!(
        "`{}` is a symlink loop",
        path.display()
    )))
}

/// Like [`write_checked`], for a file that was read as `expected`. Their edit
/// is never lost to ours: if someone changed the file meanwhile, it is left as
/// they made it and an error says so.
///
/// Just before the swap the file is read again and compared. On Linux the new
/// file then takes the old one's place in one exchange (`renameat2` with
/// `RENAME_EXCHANGE`), which leaves the file it replaced beside it; if that
/// file is not the one just compared (another inode, size or modification
/// time, and other bytes), an edit landed in between, and the two are
/// exchanged back. Elsewhere, or on a file system without the exchange, a
/// rename follows the comparison, and an edit saved in the instant between
/// the two is overwritten.
pub fn replace_if_unchanged(
    path: &Path,
    expected: &[u8],
    bytes: &[u8],
    check: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let changed = || {
        io::Error::other(format!(
            "`{}` changed on disk while it was being rewritten; it was left as it is now, run again",
            path.display()
        ))
    };
    let target = resolve(path)?;
    replaceable(path, &target)?;
    let mut temp = Temp::create(&target, bytes, Flush::Now)?;
    if let Ok(meta) = fs::metadata(&target) {
        fs::set_permissions(&temp.path, meta.permissions())?;
    }
    check(&temp.path)?;
    let compared = fs::metadata(&target)?;
    if crate::load::read_regular(&target, true)? != expected {
        return Err(changed());
    }
    #[cfg(test)]
    hooks::reached(&target);
    if !temp.exchange_with(&target)? {
        temp.rename_to(&target)?;
        sync_parent(&target);
        return Ok(());
    }
    // `temp` now names the file that was replaced.
    let replaced = fs::symlink_metadata(&temp.path)?;
    if !same_version(&compared, &replaced)
        && crate::load::read_regular(&temp.path, false)? != expected
    {
        temp.exchange_with(&target)?;
        return Err(changed());
    }
    drop(temp);
    sync_parent(&target);
    Ok(())
}

/// Whether two looks at a path saw the same file, unwritten between them.
#[cfg(unix)]
fn same_version(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino(), a.size(), a.mtime(), a.mtime_nsec())
        == (b.dev(), b.ino(), b.size(), b.mtime(), b.mtime_nsec())
}

#[cfg(not(unix))]
fn same_version(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Exchange two paths' files or folders in one step: `Ok(false)` where the
/// platform or the file system cannot.
#[cfg(target_os = "linux")]
pub(crate) fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::NOTSUP => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Steps the tests put at a moment of a write, by the path written: between
/// the last comparison and the swap, where an editor's save would race, and
/// between an export's move into place and the old export's removal.
#[cfg(test)]
pub(crate) mod hooks {
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    type Hook = Box<dyn FnOnce() + Send>;
    static HOOKS: Mutex<Vec<(PathBuf, Hook)>> = Mutex::new(Vec::new());

    pub fn set(path: &Path, hook: impl FnOnce() + Send + 'static) {
        HOOKS
            .lock()
            .unwrap()
            .push((path.to_path_buf(), Box::new(hook)));
    }

    pub fn reached(path: &Path) {
        let hook = {
            let mut hooks = HOOKS.lock().unwrap();
            let i = hooks.iter().position(|(p, _)| p == path);
            i.map(|i| hooks.remove(i).1)
        };
        if let Some(hook) = hook {
            hook();
        }
    }
}

/// Create `path` with `bytes`, failing with `AlreadyExists` if it exists, even
/// if another process creates it meanwhile.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = Temp::create(path, bytes, Flush::Now)?;
    link_new(temp, path)?;
    sync_parent(path);
    Ok(())
}

/// [`create_new`] for many files, each with the same guarantees, but flushed
/// to disk together: every temporary file is written (in parallel), then the
/// file system is flushed once (`syncfs` on Linux; elsewhere, where it fails,
/// or where other programs have far more waiting to be written, each file on
/// its own: see [`flush_file_system`]), and only then is each given its name
/// and each folder made durable. A folder of a thousand drafts costs one
/// flush rather than a thousand. One result per file, in order.
pub fn create_new_all(files: &[(PathBuf, &[u8])]) -> Vec<io::Result<()>> {
    create_new_flushed_by(files, flush_file_system)
}

/// [`create_new_all`], the file system of each folder flushed by `flush`;
/// where it fails, each file is flushed on its own.
fn create_new_flushed_by(
    files: &[(PathBuf, &[u8])],
    flush: fn(&Path, u64) -> io::Result<()>,
) -> Vec<io::Result<()>> {
    use rayon::prelude::*;
    let written: Vec<io::Result<NewFile>> = files
        .par_iter()
        .map(|(path, bytes)| write_new(path, bytes))
        .collect();
    name_new_flushed_by(written, flush)
}

/// A new file written under a temporary name beside its target, not yet
/// flushed to disk, waiting for [`name_new_all`] to give it its name. Dropped
/// unnamed, the temporary file is removed.
pub struct NewFile {
    temp: Temp,
    path: PathBuf,
    len: u64,
}

/// The first half of [`create_new_all`]: `bytes` written under a temporary
/// name beside `path`. A caller that makes its files in parallel writes each
/// as soon as it is made, so that the writing overlaps the making, and then
/// names them all at once with [`name_new_all`].
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<NewFile> {
    Ok(NewFile {
        temp: Temp::create(path, bytes, Flush::Later)?,
        path: path.to_path_buf(),
        len: bytes.len() as u64,
    })
}

/// The second half of [`create_new_all`]: the file system flushed once, then
/// each file written by [`write_new`] given its name (failing with
/// `AlreadyExists` where one exists by then) and each folder made durable.
/// One result per entry, in order; an entry that failed to be written keeps
/// its error.
pub fn name_new_all(files: Vec<io::Result<NewFile>>) -> Vec<io::Result<()>> {
    name_new_flushed_by(files, flush_file_system)
}

/// [`name_new_all`], the file system of each folder flushed by `flush`,
/// given the bytes written there.
fn name_new_flushed_by(
    files: Vec<io::Result<NewFile>>,
    flush: fn(&Path, u64) -> io::Result<()>,
) -> Vec<io::Result<()>> {
    use rayon::prelude::*;
    let mut folders: Vec<(PathBuf, u64)> = files
        .iter()
        .filter_map(|f| f.as_ref().ok())
        .map(|f| (folder_of(&f.path).to_path_buf(), f.len))
        .collect();
    folders.sort();
    folders.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 += next.1;
        }
        same
    });
    let flushed: HashSet<&Path> = folders
        .iter()
        .filter(|(dir, ours)| flush(dir, *ours).is_ok())
        .map(|(dir, _)| dir.as_path())
        .collect();
    let results: Vec<io::Result<()>> = files
        .into_par_iter()
        .map(|file| {
            let NewFile { temp, path, .. } = file?;
            if !flushed.contains(folder_of(&path)) {
                // Opened for writing: some systems flush only such a handle.
                OpenOptions::new()
                    .write(true)
                    .open(&temp.path)?
                    .sync_all()?;
            }
            link_new(temp, &path)
        })
        .collect();
    for (dir, _) in &folders {
        sync_folder(dir);
    }
    results
}

/// Flush the file system holding `dir` to disk: every file written there
/// so far, `ours` bytes of them just now. `syncfs` waits for everything
/// any program has waiting to be written there, so where the system holds
/// far more than ours (another program writing gigabytes), it is refused,
/// and each file is flushed on its own.
fn flush_file_system(dir: &Path, ours: u64) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let waiting = fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| waiting_to_be_written(&m));
        if waiting.is_some_and(|w| !one_flush_is_cheaper(w, ours)) {
            return Err(io::Error::other("too much else waiting to be written"));
        }
        let d = File::open(dir)?;
        rustix::fs::syncfs(&d).map_err(io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (dir, ours);
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

/// How much more than its own a run's one flush may wait for. Flushed one
/// by one as they were made, a thousand drafts took about 3.3 s longer than
/// with one `syncfs` on a 2-core virtual machine; a disk writing 100 MB/s
/// writes some 300 MB in that time.
const FLUSH_SLACK: u64 = 256 << 20;

/// Whether one flush of the whole file system costs less than flushing our
/// files one by one, with `waiting` bytes waiting to be written on the
/// system, `ours` among them.
fn one_flush_is_cheaper(waiting: u64, ours: u64) -> bool {
    waiting.saturating_sub(ours) <= FLUSH_SLACK
}

/// The bytes waiting to be written, from `/proc/meminfo`: dirty pages and
/// pages being written back.
fn waiting_to_be_written(meminfo: &str) -> Option<u64> {
    let field = |name: &str| -> Option<u64> {
        let line = meminfo.lines().find(|l| l.starts_with(name))?;
        let kb = line[name.len()..].trim().strip_suffix("kB")?.trim();
        kb.parse::<u64>().ok()?.checked_mul(1024)
    };
    Some(field("Dirty:")?.saturating_add(field("Writeback:")?))
}

/// The folder a file is created in.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Give a complete temporary file, flushed to disk, the name `path`, which
/// must not exist.
fn link_new(temp: Temp, path: &Path) -> io::Result<()> {
    // A hard link fails if the target exists, where a rename would replace it.
    match fs::hard_link(&temp.path, path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) => {
            // File systems without hard links: check, then rename. A race
            // here can only lose to a file created in the same instant.
            if fs::symlink_metadata(path).is_ok() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("`{}` already exists", path.display()),
                ));
            }
            return temp.rename_to(path);
        }
    }
    drop(temp);
    Ok(())
}

/// Whether a temporary file is flushed to disk as it is written, or later
/// with others ([`create_new_all`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flush {
    Now,
    Later,
}

/// A temporary sibling of the target, removed on drop unless renamed.
struct Temp {
    path: PathBuf,
    armed: bool,
}

impl Temp {
    fn create(target: &Path, bytes: &[u8], flush: Flush) -> io::Result<Temp> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_string());
        clean_stale(dir);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
            // The target's permissions from the first byte (the umask may
            // only take some away); a new file gets the usual 0666 less umask.
            if let Ok(meta) = fs::metadata(target) {
                options.mode(meta.mode() & 0o7777);
            }
        }
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(temp_name(&name, n));
            let opened = {
                let mut guard = live();
                let state = guard.get_or_insert_with(Live::default);
                state.going_on("interrupted: no file was replaced")?;
                let opened = options.open(&path);
                if opened.is_ok() {
                    state.temps.insert(path.clone());
                }
                opened
            };
            let mut file = match opened {
                Ok(f) => f,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            };
            let temp = Temp { path, armed: true };
            #[cfg(unix)]
            keep_owner(&file, target)?;
            file.write_all(bytes)?;
            if flush == Flush::Now {
                file.sync_all()?;
            }
            return Ok(temp);
        }
    }

    /// Exchange with `to`, unless the process is stopping: the temporary
    /// then names the file that was at `to` (and is removed on drop).
    /// `Ok(false)` where no exchange can be made.
    fn exchange_with(&mut self, to: &Path) -> io::Result<bool> {
        let guard = live();
        if guard.as_ref().is_none_or(|s| !s.temps.contains(&self.path)) {
            self.armed = false;
            return Err(io::Error::new(
                io::ErrorKind::Interrupted,
                "interrupted: no file was replaced",
            ));
        }
        exchange(&self.path, to)
    }

    /// Rename over `to`, unless the process is stopping (the temporary is
    /// then already removed).
    fn rename_to(mut self, to: &Path) -> io::Result<()> {
        let mut guard = live();
        let state = guard.get_or_insert_with(Live::default);
        if !state.temps.remove(&self.path) {
            self.armed = false;
            return Err(io::Error::new(
                io::ErrorKind::Interrupted,
                "interrupted: no file was replaced",
            ));
        }
        let renamed = fs::rename(&self.path, to);
        if renamed.is_err() {
            state.temps.insert(self.path.clone());
        } else {
            self.armed = false;
        }
        renamed
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if self.armed {
            let mut guard = live();
            if let Some(state) = guard.as_mut() {
                state.temps.remove(&self.path);
            }
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Give the temporary file the owner and group of the file it replaces, as
/// far as the process may: a file renamed into place is otherwise owned by
/// whoever ran the command, and its owner could lose access to it. Where the
/// process may not, the file is left as it is rather than change hands.
#[cfg(unix)]
fn keep_owner(file: &File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(want) = fs::metadata(target) else {
        return Ok(());
    };
    let have = file.metadata()?;
    if (have.uid(), have.gid()) == (want.uid(), want.gid()) {
        return Ok(());
    }
    if let Err(e) = std::os::unix::fs::fchown(file, Some(want.uid()), Some(want.gid())) {
        return Err(io::Error::new(
            e.kind(),
            format!(
                "`{}` belongs to user {} and group {}, which this process cannot give the new file ({e}); it was left as it is",
                target.display(),
                want.uid(),
                want.gid()
            ),
        ));
    }
    // Changing the owner may clear the set-user and set-group bits.
    file.set_permissions(fs::Permissions::from_mode(want.mode() & 0o7777))
}

/// Remove the temporaries a killed run of claimtrail left in `dir`: names
/// of the form `.{name}.{pid}-{n}.tmp` whose process is no longer running.
/// Once per folder per run. Where running processes cannot be listed
/// (no `/proc`), only temporaries over a day old are removed.
fn clean_stale(dir: &Path) {
    {
        let mut guard = live();
        let state = guard.get_or_insert_with(Live::default);
        if !state.cleaned.insert(dir.to_path_buf()) {
            return;
        }
    }
    remove_stale(dir, stale_pid, |entry| {
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    });
}

/// Remove the new folders in `dir` (named as `pid_of` reads them) that a
/// run killed outright left: those of a process no longer running (where
/// `/proc` is not available, those over a day old).
pub fn remove_stale_folders(dir: &Path, pid_of: impl Fn(&str) -> Option<u32>) {
    remove_stale(dir, pid_of, |entry| {
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    });
}

/// Hand `remove` each entry of `dir` whose name `pid_of` reads as made by
/// a process other than this one that is no longer running.
fn remove_stale(dir: &Path, pid_of: impl Fn(&str) -> Option<u32>, remove: impl Fn(&fs::DirEntry)) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let proc = Path::new("/proc/self").exists();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(&pid_of) else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let gone = if proc {
            !Path::new("/proc").join(pid.to_string()).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600)
        };
        if gone {
            remove(&entry);
        }
    }
}

/// The process id in a temporary's name made by [`temp_name`].
fn stale_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = rest.rsplit_once('.')?;
    pid_and_count(tail)
}

/// The process id of a name's `{pid}-{n}` ending, as claimtrail's
/// temporary files and folders end.
pub fn pid_and_count(tail: &str) -> Option<u32> {
    let (pid, n) = tail.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && digits(n))
        .then(|| pid.parse().ok())
        .flatten()
}

/// The longest file name most file systems allow, in bytes.
const MAX_NAME: usize = 255;

/// `.{name}.{pid}-{n}.tmp`: hidden, so a corpus walk that races with us skips
/// it. The name is cut (at a character boundary) so that the whole stays
/// within [`MAX_NAME`] even when the target's own name nearly fills it.
fn temp_name(name: &str, n: usize) -> String {
    let tail = format!(".{}-{n}.tmp", std::process::id());
    let mut end = name.len().min(MAX_NAME - 1 - tail.len());
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}{tail}", &name[..end])
}

/// Flush the folder entry too, so the rename itself survives a crash. Best
/// effort: not every platform lets a folder be opened.
fn sync_parent(path: &Path) {
    sync_folder(folder_of(path));
}

/// Make the entries of a folder durable.
fn sync_folder(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> PathBuf {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "claimtrail-atomic-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn write_replaces_and_leaves_no_temp_file() {
        let dir = scratch();
        let path = dir.join("a.toml");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(entries(&dir), ["a.toml"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failed_check_leaves_the_file_alone() {
        let dir = scratch();
        let path = dir.join("a.toml");
        write(&path, b"old").unwrap();
        let err = write_checked(&path, b"new", |_| Err(io::Error::other("no"))).unwrap_err();
        assert_eq!(err.to_string(), "no");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(entries(&dir), ["a.toml"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_edit_made_meanwhile_is_kept() {
        let dir = scratch();
        let path = dir.join("a.toml");
        write(&path, b"old").unwrap();
        // Another editor saves the file while ours is being prepared.
        let err = replace_if_unchanged(&path, b"old", b"formatted", |_| {
            fs::write(&path, b"their edit")
        })
        .unwrap_err();
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"their edit");
        assert_eq!(entries(&dir), ["a.toml"]);
        // Unchanged: replaced.
        replace_if_unchanged(&path, b"their edit", b"formatted", |_| Ok(())).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"formatted");
        fs::remove_dir_all(dir).unwrap();
    }

    /// A FIFO put in the file's place while the new text is prepared is
    /// neither waited on nor replaced.
    #[test]
    #[cfg(unix)]
    fn a_fifo_put_in_the_files_place_meanwhile_is_refused_at_once() {
        let dir = scratch();
        let path = dir.join("a.toml");
        write(&path, b"old").unwrap();
        let (done, wait) = std::sync::mpsc::channel();
        let at = path.clone();
        std::thread::spawn(move || {
            let result = replace_if_unchanged(&at, b"old", b"formatted", |_| {
                fs::remove_file(&at)?;
                let made = std::process::Command::new("mkfifo").arg(&at).status()?;
                assert!(made.success());
                Ok(())
            });
            let _ = done.send(result.map_err(|e| e.kind()));
        });
        let result = wait
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("a FIFO is not waited on");
        assert_eq!(result, Err(io::ErrorKind::InvalidInput));
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::symlink_metadata(&path).unwrap().file_type().is_fifo());
        assert_eq!(entries(&dir), ["a.toml"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn an_edit_saved_between_the_last_comparison_and_the_swap_is_kept() {
        for in_place in [true, false] {
            let dir = scratch();
            let path = dir.join("a.toml");
            write(&path, b"old").unwrap();
            let at = path.clone();
            // The editor saves right after the file was compared for the
            // last time: in place, or the way most editors do, through a
            // file renamed over it.
            hooks::set(&path, move || {
                if in_place {
                    fs::write(&at, b"their edit").unwrap();
                } else {
                    let side = at.with_extension("swp");
                    fs::write(&side, b"their edit").unwrap();
                    fs::rename(&side, &at).unwrap();
                }
            });
            let err = replace_if_unchanged(&path, b"old", b"formatted", |_| Ok(())).unwrap_err();
            assert_eq!(
                fs::read(&path).unwrap(),
                b"their edit",
                "in place: {in_place}"
            );
            assert!(err.to_string().contains("changed on disk"), "{err}");
            assert_eq!(entries(&dir), ["a.toml"]);
            fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_writer_hammering_a_large_file_never_loses_its_last_edit() {
        // A 6 MB file, and an editor saving it once at a varying moment
        // while it is being replaced: whatever the timing, the editor's
        // text is what stays.
        let dir = scratch();
        let path = dir.join("big.toml");
        let old = vec![b'a'; 6 << 20];
        let formatted = vec![b'b'; 6 << 20];
        for trial in 0..10u64 {
            write(&path, &old).unwrap();
            let at = path.clone();
            let edit = format!("their edit {trial}");
            let writer = {
                let edit = edit.clone();
                std::thread::spawn(move || {
                    std::thread::sleep(std::time::Duration::from_micros(trial * 700));
                    let side = at.with_extension("swp");
                    fs::write(&side, edit.as_bytes()).unwrap();
                    fs::rename(&side, &at).unwrap();
                })
            };
            let _ = replace_if_unchanged(&path, &old, &formatted, |_| Ok(()));
            writer.join().unwrap();
            assert_eq!(fs::read(&path).unwrap(), edit.as_bytes(), "trial {trial}");
        }
        fs::remove_dir_all(dir).unwrap();
    }

    /// A batch of new files, written by `write`: each new one written, each
    /// existing one left as it was, and no temporary file left beside any.
    fn check_batch(write: impl Fn(&[(PathBuf, &[u8])]) -> Vec<io::Result<()>>) {
        let dir = scratch();
        let other = dir.join("sub");
        fs::create_dir(&other).unwrap();
        fs::write(dir.join("b.toml"), b"kept").unwrap();
        let files: Vec<(PathBuf, &[u8])> = vec![
            (dir.join("a.toml"), b"one"),
            (dir.join("b.toml"), b"two"),
            (other.join("c.toml"), b"three"),
            (dir.join("missing").join("d.toml"), b"four"),
        ];
        let results = write(&files);
        assert_eq!(results.len(), 4);
        assert!(results[0].is_ok() && results[2].is_ok(), "{results:?}");
        assert_eq!(
            results[1].as_ref().unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        assert_eq!(
            results[3].as_ref().unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        assert_eq!(fs::read(dir.join("a.toml")).unwrap(), b"one");
        assert_eq!(fs::read(dir.join("b.toml")).unwrap(), b"kept");
        assert_eq!(fs::read(other.join("c.toml")).unwrap(), b"three");
        assert_eq!(entries(&dir), ["a.toml", "b.toml", "sub"]);
        assert_eq!(entries(&other), ["c.toml"]);
        assert!(write(&[]).is_empty());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn create_new_all_writes_each_new_file_and_refuses_each_existing_one() {
        check_batch(create_new_all);
    }

    #[test]
    fn create_new_all_flushes_each_file_where_the_file_system_cannot_be_flushed() {
        check_batch(|files| {
            create_new_flushed_by(files, |_, _| {
                Err(io::Error::from(io::ErrorKind::Unsupported))
            })
        });
    }

    /// What waits to be written is read from `/proc/meminfo`, and one flush
    /// of the file system is taken only while little else waits.
    #[test]
    fn one_flush_only_while_little_else_waits_to_be_written() {
        use super::{FLUSH_SLACK, one_flush_is_cheaper, waiting_to_be_written};
        let meminfo = "MemTotal:       24000000 kB\nDirty:              1992 kB\n\
                       Writeback:            8 kB\nAnonPages:  100 kB\n";
        assert_eq!(waiting_to_be_written(meminfo), Some(2000 * 1024));
        assert_eq!(waiting_to_be_written("Dirty: 5 kB\n"), None);
        assert_eq!(
            waiting_to_be_written("Dirty: x kB\nWriteback: 0 kB\n"),
            None
        );
        let ours = 24 << 20;
        assert!(one_flush_is_cheaper(ours, ours));
        assert!(one_flush_is_cheaper(ours + FLUSH_SLACK, ours));
        assert!(!one_flush_is_cheaper(ours + FLUSH_SLACK + 1, ours));
        // Ours already written back: less waits than we wrote.
        assert!(one_flush_is_cheaper(0, ours));
    }

    #[test]
    fn files_written_one_by_one_are_named_together() {
        check_batch(|files| {
            name_new_all(
                files
                    .iter()
                    .map(|(path, bytes)| write_new(path, bytes))
                    .collect(),
            )
        });
    }

    #[test]
    fn create_new_refuses_an_existing_file() {
        let dir = scratch();
        let path = dir.join("a.toml");
        create_new(&path, b"first").unwrap();
        let err = create_new(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"first");
        assert_eq!(entries(&dir), ["a.toml"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_kept_and_its_target_replaced() {
        let dir = scratch();
        fs::create_dir(dir.join("real")).unwrap();
        fs::create_dir(dir.join("links")).unwrap();
        fs::write(dir.join("real/a.toml"), b"old").unwrap();
        let link = dir.join("links/a.toml");
        std::os::unix::fs::symlink("../real/a.toml", &link).unwrap();
        // A link to a link, and one to a file not there yet.
        std::os::unix::fs::symlink("a.toml", dir.join("links/b.toml")).unwrap();
        std::os::unix::fs::symlink("../real/c.toml", dir.join("links/c.toml")).unwrap();
        write(&link, b"new").unwrap();
        write(&dir.join("links/b.toml"), b"newer").unwrap();
        write(&dir.join("links/c.toml"), b"created").unwrap();
        assert_eq!(fs::read_link(&link).unwrap(), Path::new("../real/a.toml"));
        assert_eq!(fs::read(dir.join("real/a.toml")).unwrap(), b"newer");
        assert_eq!(fs::read(dir.join("real/c.toml")).unwrap(), b"created");
        assert_eq!(entries(&dir.join("links")), ["a.toml", "b.toml", "c.toml"]);
        assert_eq!(entries(&dir.join("real")), ["a.toml", "c.toml"]);
        for name in ["a.toml", "b.toml", "c.toml"] {
            let meta = fs::symlink_metadata(dir.join("links").join(name)).unwrap();
            assert!(meta.file_type().is_symlink(), "{name}");
        }
        std::os::unix::fs::symlink("loop.toml", dir.join("loop.toml")).unwrap();
        let err = write(&dir.join("loop.toml"), b"x").unwrap_err();
        assert!(err.to_string().contains("symlink loop"), "{err}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_linked_file_is_refused() {
        let dir = scratch();
        let path = dir.join("a.toml");
        fs::write(&path, b"old").unwrap();
        fs::hard_link(&path, dir.join("b.toml")).unwrap();
        let err = write(&path, b"new").unwrap_err();
        assert!(err.to_string().contains("has 2 hard links"), "{err}");
        assert!(check_replaceable(&path).is_err());
        assert_eq!(fs::read(dir.join("b.toml")).unwrap(), b"old");
        assert_eq!(entries(&dir), ["a.toml", "b.toml"]);
        // Once alone, it is replaced; a new file is created.
        fs::remove_file(dir.join("b.toml")).unwrap();
        check_replaceable(&path).unwrap();
        write(&path, b"new").unwrap();
        check_replaceable(&dir.join("c.toml")).unwrap();
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn stale_names_are_ours_only() {
        assert_eq!(stale_pid(".a.toml.123-0.tmp"), Some(123));
        assert_eq!(stale_pid(&temp_name("a.toml", 7)), Some(std::process::id()));
        assert_eq!(stale_pid(".a.toml.tmp"), None);
        assert_eq!(stale_pid("a.toml.123-0.tmp"), None);
        assert_eq!(stale_pid(".a.toml.12x-0.tmp"), None);
        assert_eq!(stale_pid(".a.toml.123-.tmp"), None);
    }

    #[test]
    fn temp_names_fit_in_a_file_name() {
        let short = temp_name("a.toml", 7);
        assert_eq!(short, format!(".a.toml.{}-7.tmp", std::process::id()));
        for name in ["a".repeat(250), "é".repeat(200), "a".repeat(300)] {
            let temp = temp_name(&name, usize::MAX);
            assert!(temp.len() <= MAX_NAME, "{} bytes", temp.len());
            assert!(temp.starts_with(&format!(".{}", &name[..100])));
        }
    }

    #[test]
    fn a_long_name_is_written() {
        let dir = scratch();
        let path = dir.join(format!("{}.toml", "a".repeat(MAX_NAME - 5)));
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch();
        let path = dir.join("a.toml");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        fs::remove_dir_all(dir).unwrap();
    }
}
