//! GitHub-flavoured Markdown: headings, tables with pipes and newlines escaped
//! and link cells as links, and bullet lists for fields.

use super::{Align, Block, Cells, Doc, Grid};
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, doc: &Doc) -> io::Result<()> {
    let mut first = true;
    for block in &doc.blocks {
        if !first {
            writeln!(out)?;
        }
        first = false;
        match block {
            Block::Heading(h) => writeln!(out, "## {}", inline(h))?,
            Block::Fields(fields) => {
                for (k, v) in fields {
                    writeln!(out, "- **{}**: {}", inline(k), inline(v))?;
                }
            }
            Block::Grid(g) => grid(out, g)?,
        }
    }
    Ok(())
}

fn grid(out: &mut dyn Write, g: &Grid) -> io::Result<()> {
    let header: Vec<String> = g.columns.iter().map(|c| cell(c.header)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = g
        .columns
        .iter()
        .map(|c| match c.align {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    let mut row = Cells::default();
    for i in 0..g.rows.len() {
        row.resize(0);
        g.rows.write(i, &mut row);
        let cells: Vec<String> = (0..row.len())
            .map(|k| match row.link(k) {
                Some(target) => format!("[{}]({target})", cell(row.get(k))),
                None => cell(row.get(k)),
            })
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    if let Some(footer) = &g.footer {
        let cells: Vec<String> = footer
            .iter()
            .map(|c| {
                if c.is_empty() {
                    String::new()
                } else {
                    format!("**{}**", cell(c))
                }
            })
            .collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Escape a table cell: as `inline`, and pipes.
pub fn cell(s: &str) -> String {
    inline(s).replace('|', "\\|")
}

/// Escape text so Markdown shows it as written, not as markup or HTML, on
/// the one line a heading, bullet or cell has: line breaks become `<br>`.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let s = super::escape::visible(s);
    for ch in s.chars() {
        match ch {
            '\n' => out.push_str("<br>"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            '&' => out.push_str("&amp;"),
            _ => out.push(ch),
        }
    }
    out
}
