//! Terminal tables: fitted to a width when one is known (see [`super::fit`]),
//! every column at full width in plain ASCII otherwise (piped, or `--wide`);
//! numbers right-aligned.
//!
//! The plain ASCII table is written directly in comfy-table's
//! `ASCII_FULL_CONDENSED` layout (a property test holds the two to the same
//! bytes): a report of a large corpus piped to a file should not build a
//! table of cell objects first. Its rows are made and laid out in parallel.

use super::escape::visible;
use super::{Align, Block, Cells, Doc, Grid, Rows, Terminal, fit};
use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, Table};
use rayon::prelude::*;
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, doc: &Doc, term: Terminal) -> io::Result<()> {
    let mut first = true;
    for block in &doc.blocks {
        if !first {
            writeln!(out)?;
        }
        first = false;
        match block {
            Block::Heading(h) => {
                let h = visible(h);
                let lines = match term.width {
                    Some(w) => fit::wrap(&h, usize::from(w)),
                    None => vec![h.to_string()],
                };
                for h in lines {
                    if term.color {
                        writeln!(out, "\x1b[1m{h}\x1b[0m")?;
                    } else {
                        writeln!(out, "{h}")?;
                    }
                }
            }
            Block::Fields(fields) => {
                let width = fields
                    .iter()
                    .map(|(k, _)| unicode_width(&visible(k)))
                    .max()
                    .unwrap_or(0);
                for (k, v) in fields {
                    let (k, v) = (visible(k), visible(v));
                    let pad = width - unicode_width(&k);
                    // Wrapped under its first line when a width is known.
                    let lines = match term.width {
                        Some(w) => fit::wrap(&v, usize::from(w).saturating_sub(width + 2).max(20)),
                        None => vec![v.to_string()],
                    };
                    for (n, line) in lines.iter().enumerate() {
                        if n == 0 {
                            writeln!(out, "{k}:{} {line}", " ".repeat(pad))?;
                        } else {
                            writeln!(out, "{} {line}", " ".repeat(width + 1))?;
                        }
                    }
                }
            }
            Block::Grid(g) => match (&g.title, term.width) {
                (Some(title), width) if title.always => {
                    fit::write_blocks(out, g, title.columns, width.map(usize::from), term.color)?
                }
                (_, Some(width)) => fit::write(out, g, usize::from(width), term.color)?,
                (_, None) if term.color => writeln!(out, "{}", table(g, term))?,
                (_, None) => ascii(out, g)?,
            },
        }
    }
    Ok(())
}

fn unicode_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

fn table(g: &Grid, term: Terminal) -> Table {
    let mut t = Table::new();
    t.load_style(comfy_table::presets::ASCII_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    if term.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t.set_header(g.columns.iter().map(|c| {
        let cell = Cell::new(c.header);
        if term.color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    let add = |t: &mut Table, row: &[String], bold: bool| {
        t.add_row(row.iter().zip(&g.columns).map(|(v, c)| {
            let mut cell = Cell::new(visible(v));
            if c.align == Align::Right {
                cell = cell.set_alignment(CellAlignment::Right);
            }
            if bold && term.color {
                cell = cell.add_attribute(Attribute::Bold);
            }
            cell
        }));
    };
    for row in g.rows.iter() {
        add(&mut t, &row, false);
    }
    if let Some(footer) = &g.footer {
        add(&mut t, footer, true);
    }
    t
}

/// `n` spaces, a slice at a time rather than a character at a time.
fn push_spaces(text: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        text.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// Printable ASCII only: one byte, one column, one line.
fn is_plain(s: &str) -> bool {
    s.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// The display width of a cell: its widest line.
fn cell_width(s: &str) -> usize {
    if is_plain(s) {
        return s.len();
    }
    s.split('\n').map(unicode_width).max().unwrap_or(0)
}

/// Rows made once and held compactly until the column widths are known: their
/// cells, and the widest cell of each column so far.
struct Made {
    cells: Cells,
    widths: Vec<usize>,
}

impl Made {
    fn new(cols: usize) -> Made {
        Made {
            cells: Cells::default(),
            widths: vec![0; cols],
        }
    }

    /// Add a row given as its cells.
    fn push(&mut self, row: &[String]) {
        let start = self.cells.len();
        for cell in row {
            self.cells.push(cell);
        }
        self.close(start);
    }

    /// Add the `i`th row of `rows`.
    fn write(&mut self, rows: &Rows, i: usize) {
        let start = self.cells.len();
        rows.write(i, &mut self.cells);
        self.close(start);
    }

    /// Cut or pad the row begun at `start` to the column count; widen the
    /// columns to fit it.
    fn close(&mut self, start: usize) {
        self.cells.resize(start + self.widths.len());
        for (k, width) in self.widths.iter_mut().enumerate() {
            *width = (*width).max(cell_width(self.cells.get(start + k)));
        }
    }

    /// How many rows there are.
    fn rows(&self) -> usize {
        self.cells.len().checked_div(self.widths.len()).unwrap_or(0)
    }

    /// The `r`th row's cells, into `row`.
    fn row<'m>(&'m self, r: usize, row: &mut Vec<&'m str>) {
        let cols = self.widths.len();
        row.clear();
        row.extend((0..cols).map(|k| self.cells.get(r * cols + k)));
    }
}

/// A plain ASCII table, as comfy-table's `ASCII_FULL_CONDENSED` draws it.
/// Rows are made in parallel and held compactly until the column widths are
/// known (up to a bound; rows past it are made twice); then they are laid
/// out in parallel and written in order.
fn ascii(out: &mut dyn Write, g: &Grid) -> io::Result<()> {
    ascii_holding(out, g, 64 << 20)
}

/// `ascii`, holding at most `hold` bytes of made rows.
fn ascii_holding(out: &mut dyn Write, g: &Grid, hold: usize) -> io::Result<()> {
    let cols = g.columns.len();
    let header: Vec<String> = g.columns.iter().map(|c| c.header.to_string()).collect();
    // Rows are made in parallel, in chunks; the first chunks are held until
    // the widths are known (up to `hold` bytes, about the size of their
    // output), the rest are made again when laid out.
    const CHUNK: usize = 1024;
    const BATCH: usize = 64;
    let make = |chunk: std::ops::Range<usize>| {
        let mut m = Made::new(cols);
        for i in chunk {
            m.write(&g.rows, i);
        }
        m
    };
    let chunks: Vec<std::ops::Range<usize>> = (0..g.rows.len())
        .step_by(CHUNK)
        .map(|start| start..(start + CHUNK).min(g.rows.len()))
        .collect();
    let mut edges = Made::new(cols);
    edges.push(&header);
    if let Some(footer) = &g.footer {
        edges.push(footer);
    }
    let mut widths = edges.widths.clone();
    let mut held: Vec<Option<Made>> = Vec::with_capacity(chunks.len());
    let mut held_bytes = 0;
    for batch in chunks.chunks(BATCH) {
        let made: Vec<Made> = batch.par_iter().map(|c| make(c.clone())).collect();
        for m in made {
            for (w, x) in widths.iter_mut().zip(&m.widths) {
                *w = (*w).max(*x);
            }
            held_bytes += m.cells.size();
            held.push((held_bytes <= hold).then_some(m));
        }
    }
    // comfy-table gives an empty column one space of content.
    for w in &mut widths {
        *w = (*w).max(1);
    }
    let right: Vec<bool> = g.columns.iter().map(|c| c.align == Align::Right).collect();
    let rule = |fill: char, junction: char| -> String {
        let mut line = String::from("+");
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                line.push(junction);
            }
            line.extend(std::iter::repeat_n(fill, w + 2));
        }
        line.push_str("+\n");
        line
    };
    let lines = |text: &mut String, cells: &[&str], align: bool| {
        let one_line = cells.iter().all(|c| !c.contains('\n'));
        let split: Vec<Vec<&str>> = if one_line {
            Vec::new()
        } else {
            cells.iter().map(|c| c.split('\n').collect()).collect()
        };
        let height = split.iter().map(Vec::len).max().unwrap_or(1);
        for l in 0..height {
            text.push('|');
            for (i, w) in widths.iter().enumerate() {
                let cell = if one_line {
                    cells.get(i).copied().unwrap_or("")
                } else {
                    split.get(i).and_then(|c| c.get(l)).copied().unwrap_or("")
                };
                let pad = w.saturating_sub(cell_width(cell));
                text.push(' ');
                if align && right.get(i).copied().unwrap_or(false) {
                    push_spaces(text, pad);
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    push_spaces(text, pad);
                }
                text.push_str(" |");
            }
            text.push('\n');
        }
    };
    // A body line whose cells are all printable ASCII (nearly every line) is
    // a blank line of the table's shape with each cell copied into place.
    let mut blank: Vec<u8> = vec![b'|'];
    let mut starts = Vec::with_capacity(widths.len());
    for w in &widths {
        blank.push(b' ');
        starts.push(blank.len());
        blank.resize(blank.len() + w, b' ');
        blank.extend_from_slice(b" |");
    }
    blank.push(b'\n');
    let body_line = |text: &mut Vec<u8>, slow: &mut String, cells: &[&str]| {
        let plain = cells.len() == widths.len()
            && cells
                .iter()
                .zip(&widths)
                .all(|(c, w)| c.len() <= *w && is_plain(c));
        if !plain {
            slow.clear();
            lines(slow, cells, true);
            text.extend_from_slice(slow.as_bytes());
            return;
        }
        let at = text.len();
        text.extend_from_slice(&blank);
        for (i, cell) in cells.iter().enumerate() {
            let pad = if right[i] { widths[i] - cell.len() } else { 0 };
            let from = at + starts[i] + pad;
            text[from..from + cell.len()].copy_from_slice(cell.as_bytes());
        }
    };
    let mut row = Vec::new();
    let mut head = rule('-', '+');
    if edges.rows() > 0 {
        edges.row(0, &mut row);
        lines(&mut head, &row, false);
    }
    head.push_str(&rule('=', '='));
    out.write_all(head.as_bytes())?;
    // Laid out in parallel, a batch of chunks at a time, each chunk let go
    // once written.
    let mut held = held.into_iter();
    for batch in chunks.chunks(BATCH) {
        let work: Vec<(std::ops::Range<usize>, Option<Made>)> = batch
            .iter()
            .map(|c| (c.clone(), held.next().flatten()))
            .collect();
        let texts: Vec<Vec<u8>> = work
            .into_par_iter()
            .map(|(chunk, m)| {
                let m = m.unwrap_or_else(|| make(chunk));
                let mut text = Vec::with_capacity(m.rows() * blank.len());
                let mut slow = String::new();
                let mut row = Vec::with_capacity(cols);
                for r in 0..m.rows() {
                    m.row(r, &mut row);
                    body_line(&mut text, &mut slow, &row);
                }
                text
            })
            .collect();
        for text in texts {
            out.write_all(&text)?;
        }
    }
    let mut tail = String::new();
    if edges.rows() > 1 {
        edges.row(1, &mut row);
        lines(&mut tail, &row, true);
    }
    tail.push_str(&rule('-', '+'));
    out.write_all(tail.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::{ascii, ascii_holding, table};
    use crate::render::{Column, Grid, Rows, Terminal};
    use proptest::strategy::Strategy;

    fn comfy(g: &Grid) -> String {
        format!("{}\n", table(g, Terminal::default()))
    }

    /// The direct table, checked to be the same whether its rows are held
    /// or made twice.
    fn direct(g: &Grid) -> String {
        let mut out = Vec::new();
        ascii(&mut out, g).unwrap();
        let mut again = Vec::new();
        ascii_holding(&mut again, g, 0).unwrap();
        assert_eq!(out, again);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_direct_ascii_table_is_comfy_tables() {
        let g = Grid {
            columns: vec![
                Column::left("article"),
                Column::right("claims"),
                Column::left("by country"),
            ],
            rows: Rows::from_vec(vec![
                vec!["a".into(), "12".into(), "RU 3 · US 3".into()],
                vec!["報道 🛰️ é".into(), "7".into(), String::new()],
                vec!["two\nlines".into(), "1".into(), "x | y".into()],
                vec!["عربى".into(), "100".into(), "z".into()],
                // A trailing line break is one more (empty) line.
                vec!["\n\n".into(), "ends\n".into(), "a\r".into()],
            ]),
            footer: Some(vec!["total".into(), "120".into(), "".into()]),
            title: None,
        };
        assert_eq!(direct(&g), comfy(&g));
        let empty = Grid {
            columns: vec![Column::left("claim"), Column::right("n")],
            rows: Rows::from_vec(vec![]),
            footer: None,
            title: None,
        };
        assert_eq!(direct(&empty), comfy(&empty));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::with_cases(500)
        })]
        #[test]
        fn direct_tables_match_comfy_table(
            (aligns, rows, footer) in (1usize..10).prop_flat_map(|cols| (
                proptest::collection::vec(proptest::bool::ANY, cols),
                proptest::collection::vec(
                    proptest::collection::vec("([ -~]|[ -~]|[é報🛰\n\r\t])*", cols),
                    0..24,
                ),
                proptest::option::of(proptest::collection::vec("[ -~]{0,8}", cols)),
            )),
        ) {
            const HEADERS: [&str; 9] = ["a", "bb", "c", "", "claims", "é", "by country", "n", "報道"];
            let g = Grid {
                columns: aligns
                    .iter()
                    .zip(HEADERS)
                    .map(|(&right, h)| if right { Column::right(h) } else { Column::left(h) })
                    .collect(),
                rows: Rows::from_vec(rows),
                footer,
                title: None,
            };
            proptest::prop_assert_eq!(direct(&g), comfy(&g));
        }
    }
}
