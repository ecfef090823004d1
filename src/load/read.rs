//! Reading files safely: only regular files, within the size limit, as UTF-8
//! (a byte-order mark dropped), with a located diagnostic for anything else.

use crate::corpus::display;
use crate::diag::{Diagnostic, Snippet, make};
use crate::lines::{InOrder, LineIndex};
use crate::model::Pos;
use std::path::Path;

/// Read a file as UTF-8 text, refusing what is not a regular file, too large,
/// or not UTF-8.
pub(crate) fn read_text(path: &Path, max: u64) -> Result<String, Diagnostic> {
    use std::io::Read;
    let file = display(path);
    let unreadable = |e: std::io::Error| make::unreadable(&file, &e);
    // Open first, then ask the open file what it is: one path lookup, not two.
    // Non-blocking, so a FIFO answers at once instead of waiting for a writer.
    let mut handle = open(path, true).map_err(unreadable)?;
    let meta = handle.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(make::not_regular_file(&file));
    }
    if meta.len() > max {
        return Err(make::file_too_large(meta.len(), max).in_file(&file));
    }
    // One allocation of the right size, and a byte to spare to see the end; at
    // most `max + 1` bytes, so a file growing while it is read cannot make us
    // read without bound.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    (&mut handle)
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Err(make::file_too_large(bytes.len() as u64, max).in_file(&file));
    }
    decode(bytes).map_err(|d| d.in_file(&file))
}

/// The bytes of a regular file, for what is read outside the loader: a file
/// a writer reads back before replacing it (`fmt`, `report --out`,
/// `import`), the settings, a registry looked up by `new`. The file is opened without
/// waiting (a FIFO put in its place between a look at the path and the read
/// answers at once) and asked what it is once open, so nothing but a regular
/// file is read; with `follow` false, a symbolic link is refused too.
/// Refusals are `InvalidInput` errors that name the path.
pub(crate) fn read_regular(path: &Path, follow: bool) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut handle = open_regular(path, follow)?;
    let len = handle.metadata()?.len();
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0) + 1);
    handle.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// [`read_regular`]'s file, open, for a reader that takes a file.
pub(crate) fn open_regular(path: &Path, follow: bool) -> std::io::Result<std::fs::File> {
    let not_regular = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("`{}` is not a regular file", path.display()),
        )
    };
    let handle = open(path, follow).map_err(|e| {
        // `O_NOFOLLOW` on a link fails with `ELOOP`.
        #[cfg(unix)]
        if !follow && e.raw_os_error() == Some(libc::ELOOP) {
            return not_regular();
        }
        e
    })?;
    if !handle.metadata()?.is_file() {
        return Err(not_regular());
    }
    Ok(handle)
}

/// Opened to read without waiting: a FIFO answers at once instead of
/// waiting for a writer.
#[cfg(unix)]
fn open(path: &Path, follow: bool) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let links = if follow { 0 } else { libc::O_NOFOLLOW };
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | links)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path, follow: bool) -> std::io::Result<std::fs::File> {
    if !follow && std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("`{}` is not a regular file", path.display()),
        ));
    }
    std::fs::File::open(path)
}

fn decode(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(make::not_utf8("it starts with a UTF-16 byte-order mark"));
    }
    let bytes = if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes[3..].to_vec()
    } else {
        bytes
    };
    // TOML forbids NUL; a NUL byte in a file that is valid UTF-8 means UTF-16
    // without a byte-order mark, or binary data.
    if let Some(offset) = memchr::memchr(0, &bytes) {
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        let mut d = make::not_utf8(&format!(
            "a NUL byte at offset {offset} (UTF-16 without a byte-order mark, or binary data)"
        ));
        d.snippet = Some(LineIndex::new(&lossy).snippet(offset..offset + 1));
        return Err(d);
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let snippet = LineIndex::new(&lossy).snippet(offset..offset + 1);
        let mut d = make::not_utf8(&format!("invalid byte at offset {offset}"));
        d.snippet = Some(snippet);
        d
    })
}

/// Read a file again, as loading read it (a regular file of at most `max`
/// bytes, opened without waiting on a FIFO put in its place), and cut out the
/// lines of the spans at `positions`, for findings made once the files are
/// loaded (drift, an article id used by two files). A span with `expected`
/// text (a claim's id) is cut only where the file still holds that text
/// there: a file changed since it was loaded gives no snippet rather than a
/// wrong one. A file that cannot be read again gives `None` for each, and a
/// span past its end `None`.
pub(crate) fn snippets_again(
    file: &str,
    max: u64,
    positions: &[(Pos, Option<&str>)],
) -> Vec<Option<Snippet>> {
    let Ok(text) = read_text(Path::new(file), max) else {
        return vec![None; positions.len()];
    };
    // Positions come in file order (a file's claims): one pass cuts them.
    let mut lines = InOrder::new(&text);
    positions
        .iter()
        .map(|&(pos, expected)| {
            text.get(pos.start..pos.end)
                .is_some_and(|held| expected.is_none_or(|e| holds(held, e)))
                .then(|| lines.snippet(pos.start..pos.end))
        })
        .collect()
}

/// Whether the TOML string at a span is `expected`: between its quotes as
/// written, or, for a string written with escapes, as its value.
fn holds(held: &str, expected: &str) -> bool {
    use serde::Deserialize;
    let quoted = |q: char| held.strip_prefix(q).and_then(|h| h.strip_suffix(q));
    quoted('"').or_else(|| quoted('\'')) == Some(expected)
        || toml::de::ValueDeserializer::parse(held)
            .and_then(String::deserialize)
            .is_ok_and(|value| value == expected)
}

#[cfg(test)]
mod tests {
    use super::{read_regular, snippets_again};
    use crate::model::Pos;

    /// A claim id's line is cut again only where the file still holds the
    /// id at its place: as written, or as an escaped string's value.
    #[test]
    fn snippets_again_cut_only_what_the_file_still_holds() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("a.toml");
        let file = path.to_str().expect("a UTF-8 path");
        let text = "[[claims]]\nid = \"x-1\"\n\n[[claims]]\nid = \"y\\u002D2\"\n";
        std::fs::write(&path, text).expect("written");
        let at = |needle: &str| {
            let start = text.find(needle).expect("in the text");
            Pos {
                start,
                end: start + needle.len(),
            }
        };
        let (x, y) = (at("\"x-1\""), at("\"y\\u002D2\""));
        let cut = snippets_again(file, 1 << 20, &[(x, Some("x-1")), (y, Some("y-2"))]);
        let shown: Vec<Option<(usize, usize)>> = cut
            .iter()
            .map(|s| s.as_ref().map(|s| (s.line, s.column)))
            .collect();
        assert_eq!(shown, [Some((2, 6)), Some((5, 6))]);
        assert_eq!(cut[0].as_ref().map(|s| &*s.text), Some("id = \"x-1\""));
        // Another id at the place, one the expected id begins.
        let longer = text.replace("x-1", "x-10");
        std::fs::write(&path, &longer).expect("written");
        let x10 = Pos {
            start: x.start,
            end: x.end + 1,
        };
        assert!(snippets_again(file, 1 << 20, &[(x10, Some("x-1"))])[0].is_none());
        assert!(snippets_again(file, 1 << 20, &[(x10, Some("x-10"))])[0].is_some());
        // A line inserted above: the places no longer hold the ids.
        std::fs::write(&path, format!("# new\n{text}")).expect("written");
        let cut = snippets_again(file, 1 << 20, &[(x, Some("x-1")), (y, Some("y-2"))]);
        assert!(cut.iter().all(Option::is_none), "{cut:?}");
        // Too large now, or gone: nothing.
        std::fs::write(&path, text).expect("written");
        assert!(snippets_again(file, 8, &[(x, Some("x-1"))])[0].is_none());
        std::fs::remove_file(&path).expect("removed");
        assert!(snippets_again(file, 1 << 20, &[(x, Some("x-1"))])[0].is_none());
    }

    /// A FIFO named `name` in `dir`.
    #[cfg(unix)]
    fn fifo(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        path
    }

    /// What `read` gives, failing the test if it waits 10 s.
    #[cfg(unix)]
    fn at_once<T: Send + 'static>(read: impl FnOnce() -> T + Send + 'static) -> T {
        let (done, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(read());
        });
        wait.recv_timeout(std::time::Duration::from_secs(10))
            .expect("a FIFO is not waited on")
    }

    /// A FIFO put where a loaded file was is not waited on when the file is
    /// read again for a snippet: no line, at once.
    #[cfg(unix)]
    #[test]
    fn reading_again_does_not_wait_on_a_fifo() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = fifo(dir.path(), "a.toml");
        let file = path.to_str().expect("UTF-8").to_string();
        let (at, again) = at_once(move || {
            let pos = Pos { start: 0, end: 1 };
            let at = snippets_again(&file, 1 << 20, &[(pos, None)]);
            let again = snippets_again(&file, 1 << 20, &[(pos, Some("x"))]);
            (at, again)
        });
        assert_eq!((at, again), (vec![None], vec![None]));
    }

    /// What is not a regular file is refused at once: a FIFO (never waited
    /// on), a folder, and a symbolic link when links are not followed.
    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read_back() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let fifo = fifo(dir.path(), "fifo.toml");
        let file = dir.path().join("a.toml");
        std::fs::write(&file, "x = 1\n").expect("written");
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&file, &link).expect("a link");
        let fifo_read = at_once(move || read_regular(&fifo, true).map_err(|e| e.kind()));
        assert_eq!(fifo_read, Err(std::io::ErrorKind::InvalidInput));
        let kind = |p: &std::path::Path, follow| read_regular(p, follow).map_err(|e| e.kind());
        assert_eq!(
            kind(dir.path(), true),
            Err(std::io::ErrorKind::InvalidInput)
        );
        assert_eq!(kind(&link, false), Err(std::io::ErrorKind::InvalidInput));
        assert_eq!(kind(&link, true), Ok(b"x = 1\n".to_vec()));
        assert_eq!(kind(&file, false), Ok(b"x = 1\n".to_vec()));
        let missing = dir.path().join("gone.toml");
        assert_eq!(kind(&missing, false), Err(std::io::ErrorKind::NotFound));
    }
}
