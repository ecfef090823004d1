//! Reading files safely: only regular files, within the size limit, as UTF-8
//! (a byte-order mark dropped), with a located diagnostic for anything else.

use crate::corpus::display;
use crate::diag::{Diagnostic, Snippet, make};
use crate::lines::LineIndex;
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
    let mut handle = open_nonblocking(path).map_err(unreadable)?;
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

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
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

pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Read a file again and cut out the snippets at positions recorded in the
/// model, for the rare diagnostics found after loading (an article id used by
/// two files). A file that cannot be read again, or has become shorter, gives
/// `None`.
pub(crate) fn snippets_at(file: &str, positions: &[Pos]) -> Vec<Option<Snippet>> {
    let Ok(bytes) = std::fs::read(file) else {
        return vec![None; positions.len()];
    };
    let text = String::from_utf8_lossy(strip_bom(&bytes));
    let src = LineIndex::new(&text);
    positions
        .iter()
        .map(|pos| (pos.end <= text.len()).then(|| src.snippet(pos.start..pos.end)))
        .collect()
}
