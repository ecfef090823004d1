//! Output formats. Every command computes its values once (`metrics`, `trail`)
//! and builds a [`Doc`]: headings, grids and key-value lists. The table,
//! Markdown and CSV renderers each turn a `Doc` into text; JSON serializes the
//! computed values themselves; HTML has a page of its own.

pub mod csv;
pub mod diagnostics;
pub mod graph;
pub mod html;
pub mod html_data;
pub mod markdown;
pub mod table;
pub mod views;

use std::io::{self, Write};

/// Text output formats shared by the report commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Csv,
    /// A self-contained page; only `report` writes it.
    Html,
}

/// How a column's cells line up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column: header and alignment.
#[derive(Clone, Debug)]
pub struct Column {
    pub header: &'static str,
    pub align: Align,
}

impl Column {
    pub fn left(header: &'static str) -> Column {
        Column {
            header,
            align: Align::Left,
        }
    }

    pub fn right(header: &'static str) -> Column {
        Column {
            header,
            align: Align::Right,
        }
    }
}

/// The rows of a grid, made one at a time from the computed values: a list
/// of half a million claims is written without holding its cells.
pub struct Rows<'a> {
    len: usize,
    row: Box<dyn Fn(usize) -> Vec<String> + Sync + 'a>,
}

impl<'a> Rows<'a> {
    /// `len` rows, the `i`th made by `row(i)` (from any thread).
    pub fn new(len: usize, row: impl Fn(usize) -> Vec<String> + Sync + 'a) -> Rows<'a> {
        Rows {
            len,
            row: Box::new(row),
        }
    }

    /// Rows already made.
    pub fn from_vec(rows: Vec<Vec<String>>) -> Rows<'a> {
        Rows::new(rows.len(), move |i| rows[i].clone())
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        (0..self.len).map(|i| (self.row)(i))
    }

    /// The `i`th row.
    pub fn get(&self, i: usize) -> Vec<String> {
        (self.row)(i)
    }
}

/// Rows of cells under columns; the last row may be a total.
pub struct Grid<'a> {
    pub columns: Vec<Column>,
    pub rows: Rows<'a>,
    /// A final row set apart (the corpus total).
    pub footer: Option<Vec<String>>,
}

impl Grid<'_> {
    /// The body rows, then the footer.
    pub fn all_rows(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        self.rows.iter().chain(self.footer.iter().cloned())
    }
}

/// One part of a document.
pub enum Block<'a> {
    Heading(String),
    Grid(Grid<'a>),
    /// Label and value pairs ("origin: ...").
    Fields(Vec<(String, String)>),
}

/// What a command shows, independent of format.
#[derive(Default)]
pub struct Doc<'a> {
    pub blocks: Vec<Block<'a>>,
}

impl<'a> Doc<'a> {
    pub fn heading(&mut self, s: impl Into<String>) {
        self.blocks.push(Block::Heading(s.into()));
    }

    pub fn grid(&mut self, g: Grid<'a>) {
        self.blocks.push(Block::Grid(g));
    }

    pub fn fields(&mut self, f: Vec<(String, String)>) {
        self.blocks.push(Block::Fields(f));
    }

    /// The first grid: what CSV exports.
    pub fn main_grid(&self) -> Option<&Grid<'a>> {
        self.blocks.iter().find_map(|b| match b {
            Block::Grid(g) => Some(g),
            _ => None,
        })
    }
}

/// Terminal facts the table renderer needs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terminal {
    /// Width to fit tables to; `None` when not writing to a terminal.
    pub width: Option<u16>,
    pub color: bool,
}

/// Write a doc in a text format (JSON is written from the values, not the doc).
pub fn write_doc(out: &mut dyn Write, doc: &Doc, format: Format, term: Terminal) -> io::Result<()> {
    match format {
        Format::Table => table::write(out, doc, term),
        Format::Markdown => markdown::write(out, doc),
        Format::Csv => csv::write(out, doc),
        Format::Json | Format::Html => Err(io::Error::other(
            "JSON and HTML are written from the computed values, not from a document",
        )),
    }
}

/// Write computed values in a text format: JSON from the values themselves,
/// the other formats from the document `view` makes of them.
pub fn write<'a, T: serde::Serialize>(
    out: &mut dyn Write,
    format: Format,
    value: &T,
    view: impl FnOnce() -> Doc<'a>,
    term: Terminal,
) -> io::Result<()> {
    match format {
        Format::Json => write_json(out, value),
        f => write_doc(out, &view(), f, term),
    }
}

/// Pretty JSON with a trailing newline.
pub fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// A rate as a percentage with no decimals ("33%"), or "-".
pub fn percent(rate: Option<f64>) -> String {
    rate.map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_else(|| "-".into())
}

/// A score with one decimal, or "-".
pub fn score(score: Option<f64>) -> String {
    score
        .map(|s| format!("{s:.1}"))
        .unwrap_or_else(|| "-".into())
}

pub fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())
}
