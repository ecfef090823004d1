//! Positions as the protocol counts them: lines from 0 and columns in UTF-16
//! code units, where claimtrail counts bytes (spans) and characters (the
//! columns it prints). Also file paths to and from `file://` URIs. Every
//! conversion clamps instead of failing: a client may ask about a place past
//! the end of a line or of the file.

use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The UTF-16 length of `text`.
pub fn utf16_len(text: &str) -> u32 {
    text.chars().map(|c| c.len_utf16() as u32).sum()
}

/// The byte offset in `line` of a UTF-16 column (clamped to the line; a
/// column inside a surrogate pair falls to the character's start).
pub fn byte_in_line(line: &str, column: u32) -> usize {
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= column {
            return i;
        }
        units += c.len_utf16() as u32;
        if units > column {
            return i;
        }
    }
    line.len()
}

/// The byte offset where each line of `text` starts (lines end at LF).
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

/// A text with its line starts, to convert both ways.
pub struct Text<'a> {
    pub text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str) -> Text<'a> {
        Text {
            text,
            starts: line_starts(text),
        }
    }

    /// The text of a 0-based line, without its line ending.
    pub fn line(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line) else {
            return "";
        };
        let end = self
            .starts
            .get(line + 1)
            .map(|&n| n - 1)
            .unwrap_or(self.text.len());
        self.text[start..end]
            .strip_suffix('\r')
            .unwrap_or(&self.text[start..end])
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset of a protocol position (clamped to the text).
    pub fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize;
        match self.starts.get(line) {
            Some(&start) => start + byte_in_line(self.line(line), pos.character),
            None => self.text.len(),
        }
    }

    /// The protocol position of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        Position::new(line as u32, utf16_len(&self.text[start..offset]))
    }

    pub fn range(&self, span: std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }
}

/// The range a diagnostic's snippet underlines: its 1-based line, and the
/// byte range within the line's text turned into UTF-16 columns.
pub fn snippet_range(snippet: &crate::diag::Snippet) -> Range {
    let line = snippet.line.saturating_sub(1) as u32;
    let text = &*snippet.text;
    let clamp = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = clamp(snippet.underline.start);
    let end = clamp(snippet.underline.end.max(snippet.underline.start));
    Range::new(
        Position::new(line, utf16_len(&text[..start])),
        Position::new(line, utf16_len(&text[..end])),
    )
}

/// A `file://` URI for an absolute path, with every byte outside the
/// unreserved set and `/` percent-encoded.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let s = path.to_str()?;
    let mut uri = String::from("file://");
    if !s.starts_with('/') {
        uri.push('/');
    }
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(b as char)
            }
            b'\\' => uri.push('/'),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&uri).ok()
}

/// The path of a `file://` URI; `None` for any other scheme.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let rest = s.strip_prefix("file://")?;
    // `file://host/path`: only the local host is understood.
    let rest = match rest.find('/') {
        Some(0) => rest,
        Some(i) if &rest[..i] == "localhost" => &rest[i..],
        _ => return None,
    };
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = rest
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    let text = String::from_utf8(out).ok()?;
    // `file:///C:/x` on Windows.
    let text = match text.as_bytes() {
        [b'/', _, b':', ..] if cfg!(windows) => text[1..].to_string(),
        _ => text,
    };
    Some(PathBuf::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_for_indonesian_arabic_and_emoji() {
        // "é" is 2 bytes and 1 unit, "م" 2 bytes and 1 unit, "🙂" 4 bytes and 2 units.
        let text = "a = 1\ntext = \"dikabarkan é مرحبا 🙂\" # x\n";
        let t = Text::new(text);
        let line = t.line(1);
        let hash = line.find('#').unwrap();
        // Before '#': `text = "` (8) + `dikabarkan é مرحبا ` (19 chars) + 🙂 (2) + `" ` (2).
        assert_eq!(utf16_len(&line[..hash]), 8 + 19 + 2 + 2);
        let pos = t.position(6 + hash);
        assert_eq!(pos, Position::new(1, 31));
        assert_eq!(t.offset(pos), 6 + hash);
        // The emoji is units 27 and 28 (bytes 33 to 37); a column inside
        // its surrogate pair falls back to its start.
        let emoji = line.find('🙂').unwrap();
        assert_eq!(emoji, 33);
        assert_eq!(byte_in_line(line, 27), emoji);
        assert_eq!(byte_in_line(line, 28), emoji);
        assert_eq!(byte_in_line(line, 29), emoji + 4);
        // Past the end of a line or of the text: clamped.
        assert_eq!(t.offset(Position::new(0, 99)), 5);
        assert_eq!(t.offset(Position::new(9, 0)), text.len());
    }

    #[test]
    fn uris_round_trip() {
        let p = Path::new("/tmp/a b/č.toml");
        let uri = path_to_uri(p).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C4%8D.toml");
        assert_eq!(uri_to_path(&uri).unwrap(), p);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&other), None);
    }
}
