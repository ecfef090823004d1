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

/// The lines of a cell and its display width.
fn cell_lines(s: &str) -> (Vec<&str>, usize) {
    let lines: Vec<&str> = s.lines().collect();
    let lines = if lines.is_empty() { vec![""] } else { lines };
    let width = lines.iter().map(|l| unicode_width(l)).max().unwrap_or(0);
    (lines, width)
}

/// A plain ASCII table, as comfy-table's `ASCII_FULL_CONDENSED` draws it.
/// Rows are made twice (for the widths, then for the lines), in parallel and
/// in bounded batches, and written in order.
fn ascii(out: &mut dyn Write, g: &Grid) -> io::Result<()> {
    let header: Vec<String> = g.columns.iter().map(|c| c.header.to_string()).collect();
    let row_widths =
        |row: &[String]| -> Vec<usize> { row.iter().map(|c| cell_lines(c).1).collect() };
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
    let lines = |cells: &[String], align: bool| -> String {
        let split: Vec<Vec<&str>> = cells.iter().map(|c| cell_lines(c).0).collect();
        let height = split.iter().map(Vec::len).max().unwrap_or(1);
        let mut text = String::new();
        for l in 0..height {
            text.push('|');
            for (i, w) in widths.iter().enumerate() {
                let cell = split.get(i).and_then(|c| c.get(l)).copied().unwrap_or("");
                let pad = w - unicode_width(cell);
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
        text
    };
    out.write_all(rule('-', '+').as_bytes())?;
    out.write_all(lines(&header, false).as_bytes())?;
    out.write_all(rule('=', '=').as_bytes())?;
    const BATCH: usize = 16_384;
    for start in (0..g.rows.len()).step_by(BATCH) {
        let end = (start + BATCH).min(g.rows.len());
        let batch: Vec<String> = (start..end)
            .into_par_iter()
            .map(|i| lines(&g.rows.get(i), true))
            .collect();
        for text in batch {
            out.write_all(text.as_bytes())?;
        }
    }
    if let Some(footer) = &g.footer {
        out.write_all(lines(footer, true).as_bytes())?;
    }
    out.write_all(rule('-', '+').as_bytes())
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
}
