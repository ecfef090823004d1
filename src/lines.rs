//! File text and its line index: turns byte offsets from the TOML parser into
//! 1-based line and character columns, and cuts out the line a diagnostic shows.
//! [`ClaimLines`] keeps the id line of each claim of an article, for the
//! findings across files that point at them once the file is gone, and
//! [`InOrder`] cuts lines in one pass, for a file read again.

use crate::diag::Snippet;
use std::ops::Range;

/// The text of one file, and where its lines start once many are asked for.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Built on first use past the first few lookups: most files have no
    /// diagnostic, and most of the rest a handful, each found faster by
    /// counting line breaks than by listing every line.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// Lookups answered by counting so far.
    counted: std::cell::Cell<u8>,
}

impl<'a> LineIndex<'a> {
    /// Lookups answered by counting line breaks before the index is built:
    /// each reads the text up to its offset, so a file with many
    /// diagnostics is read at most this many times more.
    const COUNTED: u8 = 8;

    pub fn new(text: &'a str) -> LineIndex<'a> {
        LineIndex {
            text,
            line_starts: std::cell::OnceCell::new(),
            counted: std::cell::Cell::new(0),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            // A lone CR is not a line break for TOML (it is an error there), so
            // only LF starts a line; a CR before it is trimmed from the shown text.
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// The 0-based line of a byte offset (on a char boundary, within the
    /// text) and where that line starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        if self.line_starts.get().is_none() && self.counted.get() < Self::COUNTED {
            self.counted.set(self.counted.get() + 1);
            let before = &self.text.as_bytes()[..offset];
            let line = memchr::memchr_iter(b'\n', before).count();
            return (line, memchr::memrchr(b'\n', before).map_or(0, |i| i + 1));
        }
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        (line, starts[line])
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let (line, start) = self.line_of(offset);
        let column = self.text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The snippet for a byte span: its first line and the part of the span on it.
    pub fn snippet(&self, span: Range<usize>) -> Snippet {
        self.cut(span).into()
    }

    /// What [`LineIndex::snippet`] shows of a span, borrowed from the text.
    fn cut(&self, span: Range<usize>) -> Cut<'a> {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let (line, line_start) = self.line_of(start);
        cut_line(self.text, span, start, line + 1, line_start)
    }
}

/// The cut of `span` whose (floored) start `start` is on the 1-based line
/// `line`, which starts at `line_start`.
fn cut_line(
    text: &str,
    span: Range<usize>,
    start: usize,
    line: usize,
    line_start: usize,
) -> Cut<'_> {
    let column = text[line_start..start].chars().count() + 1;
    let mut line_end =
        memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
    if line_end > line_start && text.as_bytes()[line_end - 1] == b'\r' {
        line_end -= 1;
    }
    let shown = &text[line_start..line_end];
    let from = start - line_start;
    let end = span.end.max(span.start).min(line_end).max(start);
    let mut to = floor_char_boundary(text, end) - line_start;
    if to <= from {
        // Point at one character (or past the end of the line).
        to = shown[from.min(shown.len())..]
            .chars()
            .next()
            .map(|c| from + c.len_utf8())
            .unwrap_or(from);
    }
    Cut {
        line,
        column,
        text: shown,
        underline: from.min(shown.len())..to.min(shown.len()),
    }
}

/// A reader's place in a text: the lines before `at` are counted, so the
/// cuts of spans in file order cost one pass over the text, with no index
/// of its lines.
struct Cursor<'a> {
    text: &'a str,
    /// The offset counted to.
    at: usize,
    /// The 1-based line `at` is on, and where that line starts.
    line: usize,
    line_start: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            text,
            at: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// What [`LineIndex::cut`] gives for `span`. A span before the last one
    /// is counted again from the start of the text.
    fn cut(&mut self, span: Range<usize>) -> Cut<'a> {
        let text = self.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        if start < self.at {
            *self = Cursor::new(text);
        }
        let passed = &text.as_bytes()[self.at..start];
        if let Some(last) = memchr::memrchr(b'\n', passed) {
            self.line += memchr::memchr_iter(b'\n', passed).count();
            self.line_start = self.at + last + 1;
        }
        self.at = start;
        cut_line(text, span, start, self.line, self.line_start)
    }
}

/// Snippets of spans of one text, cut in one pass when the spans come in
/// file order: what [`LineIndex::snippet`] gives, without an index of every
/// line (a file read again for a few of its lines needs no more).
pub struct InOrder<'a>(Cursor<'a>);

impl<'a> InOrder<'a> {
    pub fn new(text: &'a str) -> InOrder<'a> {
        InOrder(Cursor::new(text))
    }

    pub fn snippet(&mut self, span: Range<usize>) -> Snippet {
        self.0.cut(span).into()
    }
}

/// A snippet's line and place, borrowed from the file's text.
struct Cut<'a> {
    line: usize,
    column: usize,
    text: &'a str,
    underline: Range<usize>,
}

impl From<Cut<'_>> for Snippet {
    fn from(cut: Cut<'_>) -> Snippet {
        Snippet {
            line: cut.line,
            column: cut.column,
            text: cut.text.into(),
            underline: cut.underline,
        }
    }
}

/// The line of each claim's id in one article, end to end in one string, so
/// that keeping them costs one allocation per article rather than one per
/// claim; a [`Snippet`] is made only for the claims a finding points at.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimLines {
    text: String,
    at: Vec<LineAt>,
}

/// Where one claim's line is in [`ClaimLines::text`], and what a snippet of it
/// says.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LineAt {
    end: u32,
    line: u32,
    column: u32,
    underline: (u32, u32),
}

impl ClaimLines {
    /// The id lines of claims at `spans` of `text`: for each, what
    /// [`LineIndex::snippet`] gives, counted in one pass when the spans come
    /// in file order (as a file's claims do).
    pub fn of(text: &str, spans: impl IntoIterator<Item = Range<usize>>) -> ClaimLines {
        let spans = spans.into_iter();
        // Room for every span the iterator may give, at a typical id line's
        // length; what is left over is given back at the end.
        let (low, high) = spans.size_hint();
        let n = high.unwrap_or(low);
        let mut lines = ClaimLines {
            text: String::with_capacity(n * 32),
            at: Vec::with_capacity(n),
        };
        let mut cursor = Cursor::new(text);
        for span in spans {
            lines.add(cursor.cut(span));
        }
        lines.shrink_to_fit();
        lines
    }

    fn add(&mut self, cut: Cut) {
        self.text.push_str(cut.text);
        // A file is at most 4 GiB (the size limit keeps it far below), so
        // its offsets, lines and columns fit.
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.at.push(LineAt {
            end: small(self.text.len()),
            line: small(cut.line),
            column: small(cut.column),
            underline: (small(cut.underline.start), small(cut.underline.end)),
        });
    }

    /// The snippet of the `i`th claim's line.
    pub fn get(&self, i: usize) -> Option<Snippet> {
        let at = self.at.get(i)?;
        let start = match i {
            0 => 0,
            _ => self.at[i - 1].end as usize,
        };
        Some(Snippet {
            line: at.line as usize,
            column: at.column as usize,
            text: self.text.get(start..at.end as usize)?.into(),
            underline: at.underline.0 as usize..at.underline.1 as usize,
        })
    }

    /// The 1-based line and column of the `i`th claim's id: what
    /// [`ClaimLines::get`] gives, without cutting out the line.
    pub fn position(&self, i: usize) -> Option<(usize, usize)> {
        self.at
            .get(i)
            .map(|at| (at.line as usize, at.column as usize))
    }

    /// Give back the room left over from building, for lines held long.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.at.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::{ClaimLines, InOrder, LineIndex};

    #[test]
    fn claim_lines_give_the_snippets_the_index_gives() {
        let text = "[[claims]]\r\nid = \"a\"\n\n[[claims]]\n  id = \"namé\" # c\nid=\"\"\n";
        let src = LineIndex::new(text);
        let spans = [17..20, 40..47, 55..57, 0..0, text.len()..text.len()];
        let lines = ClaimLines::of(text, spans.iter().cloned());
        assert_eq!(lines.len(), spans.len());
        for (i, s) in spans.iter().enumerate() {
            let snippet = src.snippet(s.clone());
            assert_eq!(lines.position(i), Some((snippet.line, snippet.column)));
            assert_eq!(lines.get(i), Some(snippet), "span {s:?}");
        }
        assert_eq!(lines.get(spans.len()), None);
    }

    proptest::proptest! {
        /// Counted in one pass or through the index, in file order or not,
        /// spans inside, across or past lines cut alike.
        #[test]
        fn claim_lines_in_one_pass_equal_the_index(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "id = ", "\"x\"", "é", "\n", "\r\n", "\r", " "]),
                0..60,
            ),
            spans in proptest::collection::vec((0usize..200, 0usize..40), 0..12),
        ) {
            let text: String = pieces.concat();
            let spans: Vec<_> = spans.into_iter().map(|(s, n)| s..s + n).collect();
            let src = LineIndex::new(&text);
            let lines = ClaimLines::of(&text, spans.iter().cloned());
            proptest::prop_assert_eq!(lines.len(), spans.len());
            let mut in_order = InOrder::new(&text);
            for (i, s) in spans.iter().enumerate() {
                proptest::prop_assert_eq!(lines.get(i), Some(src.snippet(s.clone())));
                proptest::prop_assert_eq!(in_order.snippet(s.clone()), src.snippet(s.clone()));
            }
        }
    }

    proptest::proptest! {
        /// Lookups answered by counting line breaks (the first few) and
        /// through the index (the rest) give what counting by hand gives.
        #[test]
        fn counted_and_indexed_lookups_agree_with_counting_by_hand(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "é", "\n", "\r\n", "\r", " "]),
                0..80,
            ),
            offsets in proptest::collection::vec(0usize..120, 0..30),
        ) {
            let text: String = pieces.concat();
            let src = LineIndex::new(&text);
            for &offset in &offsets {
                let mut at = offset.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let before = &text[..at];
                let line = before.matches('\n').count() + 1;
                let start = before.rfind('\n').map_or(0, |i| i + 1);
                let column = text[start..at].chars().count() + 1;
                proptest::prop_assert_eq!(src.position(offset), (line, column));
            }
        }
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let src = LineIndex::new("a = 1\r\nnamé = \"x\"\n");
        assert_eq!(src.position(0), (1, 1));
        assert_eq!(src.position(7), (2, 1));
        // "namé = " is 8 bytes, 7 characters.
        assert_eq!(src.position(7 + 8), (2, 8));
        let snip = src.snippet(7..12);
        assert_eq!(&*snip.text, "namé = \"x\"");
        assert_eq!(snip.underline, 0..5);
    }

    #[test]
    fn span_past_the_end_is_clamped() {
        let src = LineIndex::new("x");
        let snip = src.snippet(5..9);
        assert_eq!(snip.line, 1);
        assert_eq!(snip.underline, 1..1);
    }
}
