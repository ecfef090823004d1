//! Annotation text made safe to show: control characters become visible
//! symbols, so that no title, name or claim can move the cursor, set a
//! terminal's title, clear the screen or reorder the text around it.
//!
//! [`visible`] is the one mapping every text format applies to annotation
//! text (tables, Markdown, DOT, Mermaid, HTML, and CSV unless asked for raw
//! bytes); it is the mapping `check` shows source lines with. JSON keeps
//! every character and escapes the ones a terminal would act on
//! ([`JsonControls`]).

use std::borrow::Cow;
use std::io::{self, Write};

/// What a character is shown as, or `None` when it is shown as it is.
///
/// - C0 controls (except the line feed, which every format lays out itself,
///   and the carriage return of a CR LF line break, dropped) and DEL: the Control Pictures symbol (`\u{1b}` is `␛`, `\u{7}` is `␇`,
///   a tab is `␉`);
/// - C1 controls and the bidirectional embeddings, overrides and isolates:
///   `�`, as `check` shows them.
fn symbol(c: char) -> Option<char> {
    match c {
        '\n' => None,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `s` with every control character replaced by a visible symbol; borrowed
/// when there is none (the usual case, checked a byte at a time for ASCII).
pub fn visible(s: &str) -> Cow<'_, str> {
    let plain = if s.is_ascii() {
        s.bytes().all(|b| b == b'\n' || (b' '..=b'~').contains(&b))
    } else {
        !s.chars().any(|c| symbol(c).is_some())
    };
    if plain {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // A line break written CR LF is a line break.
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        out.push(symbol(c).unwrap_or(c));
    }
    Cow::Owned(out)
}

/// Text already laid out, which may hold the layout's own 7-bit colour
/// sequences: only C1 controls are replaced, as [`visible`] does.
pub fn visible_c1(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| matches!(c, '\u{80}'..='\u{9f}')) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{80}'..='\u{9f}' => symbol(c).unwrap_or(c),
                c => c,
            })
            .collect(),
    )
}

/// A writer for JSON text: DEL and the C1 controls, which JSON allows raw
/// inside strings, are written as `\u` escapes, which read back as the same
/// characters. They can only occur inside strings, and a writer's input is
/// whole characters but may end in the middle of one: a trailing lead byte
/// is held until the next write.
pub struct JsonControls<W: Write> {
    inner: W,
    held: Option<u8>,
}

impl<W: Write> JsonControls<W> {
    pub fn new(inner: W) -> Self {
        JsonControls { inner, held: None }
    }
}

impl<W: Write> Write for JsonControls<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut start = 0;
        let mut i = 0;
        if let Some(lead) = self.held.take() {
            match buf.first() {
                Some(&b @ 0x80..=0x9f) if lead == 0xc2 => {
                    write!(self.inner, "\\u{:04x}", b)?;
                    start = 1;
                    i = 1;
                }
                Some(_) => self.inner.write_all(&[lead])?,
                None => {
                    self.held = Some(lead);
                    return Ok(());
                }
            }
        }
        while i < buf.len() {
            match buf[i] {
                0x7f => {
                    self.inner.write_all(&buf[start..i])?;
                    self.inner.write_all(b"\\u007f")?;
                    i += 1;
                    start = i;
                }
                0xc2 if i + 1 == buf.len() => {
                    self.inner.write_all(&buf[start..i])?;
                    self.held = Some(0xc2);
                    return Ok(());
                }
                0xc2 if (0x80..=0x9f).contains(&buf[i + 1]) => {
                    self.inner.write_all(&buf[start..i])?;
                    write!(self.inner, "\\u{:04x}", buf[i + 1])?;
                    i += 2;
                    start = i;
                }
                _ => i += 1,
            }
        }
        self.inner.write_all(&buf[start..])
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(lead) = self.held.take() {
            self.inner.write_all(&[lead])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_symbols() {
        assert_eq!(visible("T\u{1b}]0;PWNED\u{7}\u{1b}[2J"), "T␛]0;PWNED␇␛[2J");
        assert_eq!(visible("a\tb\r\nc\u{7f}\rd"), "a␉b\nc␡␍d");
        assert_eq!(visible("\u{9b}31m \u{202e}x"), "�31m �x");
        assert!(matches!(visible("Zürich — ok\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_the_characters_and_escapes_c1_and_del() {
        let value = serde_json::json!({"t": "a\u{9b}b\u{7f}c é\u{85}"});
        let mut out = JsonControls::new(Vec::new());
        // Byte by byte: a character split between writes is still seen.
        for b in serde_json::to_vec(&value).unwrap() {
            out.write_all(&[b]).unwrap();
        }
        out.flush().unwrap();
        let text = String::from_utf8(out.inner).unwrap();
        assert_eq!(text, r#"{"t":"a\u009bb\u007fc é\u0085"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
