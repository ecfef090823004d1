//! Terminal tables (comfy-table): fitted to the terminal width and wrapping long
//! text there; plain, unwrapped ASCII when not writing to a terminal; numbers
//! right-aligned.

use super::{Align, Block, Doc, Grid, Terminal};
use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, Table};
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
            Block::Text(t) => writeln!(out, "{t}")?,
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
    for row in &g.rows {
        add(&mut t, row, false);
    }
    if let Some(footer) = &g.footer {
        add(&mut t, footer, true);
    }
    t
}
