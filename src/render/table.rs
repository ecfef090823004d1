//! Terminal tables (comfy-table): fitted to the terminal width and wrapping long
//! text there; plain, unwrapped ASCII when not writing to a terminal; numbers
//! right-aligned.
//!
//! The plain ASCII table is written directly, row by row, in comfy-table's
//! `ASCII_FULL_CONDENSED` layout (a test holds the two to the same bytes):
//! a report of a large corpus piped to a file should not build a table of
//! cell objects first.

use super::{Align, Block, Doc, Grid, Terminal};
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
                if term.color {
                    writeln!(out, "\x1b[1m{h}\x1b[0m")?;
                } else {
                    writeln!(out, "{h}")?;
                }
            }
            Block::Fields(fields) => {
                let width = fields
                    .iter()
                    .map(|(k, _)| unicode_width(k))
                    .max()
                    .unwrap_or(0);
                for (k, v) in fields {
                    let pad = width - unicode_width(k);
                    writeln!(out, "{k}:{} {v}", " ".repeat(pad))?;
                }
            }
            Block::Grid(g) if term.width.is_none() && !term.color => ascii(out, g)?,
            Block::Grid(g) => writeln!(out, "{}", table(g, term))?,
        }
    }
    Ok(())
}

fn unicode_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

fn table(g: &Grid, term: Terminal) -> Table {
    let mut t = Table::new();
    match term.width {
        Some(w) => {
            t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w);
        }
        None => {
            t.load_style(comfy_table::presets::ASCII_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled);
        }
    }
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
            let mut cell = Cell::new(v);
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

/// The display width of a cell: its widest line.
fn cell_width(s: &str) -> usize {
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return s.len();
    }
    s.split('\n').map(unicode_width).max().unwrap_or(0)
}

/// A plain ASCII table, as comfy-table's `ASCII_FULL_CONDENSED` draws it.
/// Rows are made twice (for the widths, then for the lines), in parallel and
/// in bounded batches, and written in order.
fn ascii(out: &mut dyn Write, g: &Grid) -> io::Result<()> {
    let header: Vec<String> = g.columns.iter().map(|c| c.header.to_string()).collect();
    let row_widths = |row: &[String]| -> Vec<usize> { row.iter().map(|c| cell_width(c)).collect() };
    let widest = |mut a: Vec<usize>, b: Vec<usize>| {
        for (x, y) in a.iter_mut().zip(b) {
            *x = (*x).max(y);
        }
        a
    };
    let mut widths = (0..g.rows.len())
        .into_par_iter()
        .map(|i| row_widths(&g.rows.get(i)))
        .reduce(|| vec![0; header.len()], widest);
    widths = widest(widths, row_widths(&header));
    if let Some(footer) = &g.footer {
        widths = widest(widths, row_widths(footer));
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
    let lines = |text: &mut String, cells: &[String], align: bool| {
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
                    cells.get(i).map_or("", String::as_str)
                } else {
                    split.get(i).and_then(|c| c.get(l)).copied().unwrap_or("")
                };
                let pad = w - cell_width(cell);
                text.push(' ');
                if align && right.get(i).copied().unwrap_or(false) {
                    text.extend(std::iter::repeat_n(' ', pad));
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    text.extend(std::iter::repeat_n(' ', pad));
                }
                text.push_str(" |");
            }
            text.push('\n');
        }
    };
    let mut head = rule('-', '+');
    lines(&mut head, &header, false);
    head.push_str(&rule('=', '='));
    out.write_all(head.as_bytes())?;
    // Rows are made and laid out in parallel, a few large buffers per batch.
    const BATCH: usize = 65_536;
    for start in (0..g.rows.len()).step_by(BATCH) {
        let end = (start + BATCH).min(g.rows.len());
        let batch: Vec<String> = (start..end)
            .into_par_iter()
            .chunks(1024)
            .map(|chunk| {
                let mut text = String::new();
                for i in chunk {
                    lines(&mut text, &g.rows.get(i), true);
                }
                text
            })
            .collect();
        for text in batch {
            out.write_all(text.as_bytes())?;
        }
    }
    let mut tail = String::new();
    if let Some(footer) = &g.footer {
        lines(&mut tail, footer, true);
    }
    tail.push_str(&rule('-', '+'));
    out.write_all(tail.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::{ascii, table};
    use crate::render::{Column, Grid, Rows, Terminal};

    fn comfy(g: &Grid) -> String {
        format!("{}\n", table(g, Terminal::default()))
    }

    fn direct(g: &Grid) -> String {
        let mut out = Vec::new();
        ascii(&mut out, g).unwrap();
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
            ]),
            footer: Some(vec!["total".into(), "120".into(), "".into()]),
        };
        assert_eq!(direct(&g), comfy(&g));
        let empty = Grid {
            columns: vec![Column::left("claim"), Column::right("n")],
            rows: Rows::from_vec(vec![]),
            footer: None,
        };
        assert_eq!(direct(&empty), comfy(&empty));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        #[test]
        fn direct_tables_match_comfy_table(
            rows in proptest::collection::vec(
                proptest::collection::vec("([ -~]|[ -~]|[é報🛰\n\r\t])*", 3),
                0..6,
            ),
            footer in proptest::option::of(proptest::collection::vec("[ -~]{0,8}", 3)),
        ) {
            let g = Grid {
                columns: vec![Column::left("a"), Column::right("bb"), Column::left("c")],
                rows: Rows::from_vec(rows),
                footer,
            };
            proptest::prop_assert_eq!(direct(&g), comfy(&g));
        }
    }
}
