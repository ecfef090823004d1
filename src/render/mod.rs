//! Output formats. Every command computes its values once (`metrics`, `trail`)
//! and builds a [`Doc`]: headings, grids and key-value lists. The table,
//! Markdown and CSV renderers each turn a `Doc` into text; JSON serializes the
//! computed values themselves; HTML has a page of its own.

pub mod csv;
pub mod diagnostics;
pub mod escape;
pub mod fit;
pub mod graph;
pub mod html;
pub mod markdown;
pub mod table;
pub mod views;

use std::io::{self, Write};

/// The text formats every listing command takes (`report`, `sources`,
/// `claims`, `trace`). Commands that take more wrap it in a type of their
/// own (`options::ReportFormat`, `options::TraceFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Csv,
}

/// The formats written from a [`Doc`]: JSON is written from the computed
/// values instead, so it is not one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocFormat {
    Table,
    Markdown,
    Csv,
}

/// How a column's cells line up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column: header and alignment, and how a terminal table fits it into a
/// width (Markdown and CSV show every column whole).
#[derive(Clone, Debug)]
pub struct Column {
    pub header: &'static str,
    pub align: Align,
    /// The header a fitted terminal table shows (`anon%` for `anon rate`).
    pub label: &'static str,
    /// How a fitted table may shorten the column's cells.
    pub fit: Fit,
    /// Which columns a narrow terminal keeps: 0 always, then 1, 2, ... as
    /// the width allows.
    pub rank: u8,
}

/// How a fitted terminal table shortens a column's cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Never: numbers, dates, codes.
    Keep,
    /// Ids: an ellipsis in the middle, keeping the head and the distinctive
    /// tail. `min` is the narrowest the column gets before the table turns
    /// into blocks; `want` the width it gets before optional columns do.
    Middle { min: usize, want: usize },
    /// Names: cut at the end with an ellipsis.
    End { min: usize, want: usize },
    /// Sentences: wrapped onto more lines.
    Wrap { min: usize, want: usize },
    /// `yes` or nothing: whole in a table; a block's title shows the label
    /// where it is `yes` ("key claim").
    Flag,
}

impl Column {
    pub fn left(header: &'static str) -> Column {
        Column {
            header,
            align: Align::Left,
            label: header,
            fit: Fit::Keep,
            rank: 0,
        }
    }

    pub fn right(header: &'static str) -> Column {
        Column {
            align: Align::Right,
            ..Column::left(header)
        }
    }

    /// Shown by a fitted table only when the width allows, after lower ranks.
    pub fn rank(self, rank: u8) -> Column {
        Column { rank, ..self }
    }

    /// The shorter header a fitted table shows.
    pub fn label(self, label: &'static str) -> Column {
        Column { label, ..self }
    }

    /// An id: shortened in the middle, down to `min` columns.
    pub fn id(self, min: usize, want: usize) -> Column {
        Column {
            fit: Fit::Middle { min, want },
            ..self
        }
    }

    /// A name: cut at the end, down to `min` columns.
    pub fn name(self, min: usize, want: usize) -> Column {
        Column {
            fit: Fit::End { min, want },
            ..self
        }
    }

    /// A `yes`-or-nothing column, titled by its label in a block.
    pub fn flag(self) -> Column {
        Column {
            fit: Fit::Flag,
            ..self
        }
    }

    /// A sentence: wrapped, down to `min` columns.
    pub fn prose(self, min: usize, want: usize) -> Column {
        Column {
            fit: Fit::Wrap { min, want },
            ..self
        }
    }
}

/// The rows of a grid, made one at a time from the computed values: a list
/// of half a million claims is written without holding its cells. A row is
/// written into [`Cells`], so a large table makes no allocation per cell.
pub struct Rows<'a> {
    len: usize,
    row: Box<WriteRow<'a>>,
}

/// Writes the `i`th row into the cells given.
type WriteRow<'a> = dyn Fn(usize, &mut Cells) + Sync + 'a;

impl<'a> Rows<'a> {
    /// `len` rows, the `i`th made by `row(i)` (from any thread).
    pub fn new(len: usize, row: impl Fn(usize) -> Vec<String> + Sync + 'a) -> Rows<'a> {
        Rows::writing(len, move |i, cells| {
            for cell in row(i) {
                cells.push(&cell);
            }
        })
    }

    /// `len` rows, the `i`th written into the cells given (from any thread).
    pub fn writing(len: usize, row: impl Fn(usize, &mut Cells) + Sync + 'a) -> Rows<'a> {
        Rows {
            len,
            row: Box::new(row),
        }
    }

    /// Rows already made.
    pub fn from_vec(rows: Vec<Vec<String>>) -> Rows<'a> {
        Rows::writing(rows.len(), move |i, cells| {
            for cell in &rows[i] {
                cells.push(cell);
            }
        })
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        (0..self.len).map(|i| self.get(i))
    }

    /// The rows as written, with no character made visible.
    pub fn iter_raw(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        (0..self.len).map(|i| {
            let mut cells = Cells::raw();
            self.write(i, &mut cells);
            cells.iter().map(str::to_string).collect()
        })
    }

    /// The `i`th row.
    pub fn get(&self, i: usize) -> Vec<String> {
        let mut cells = Cells::default();
        self.write(i, &mut cells);
        cells.iter().map(str::to_string).collect()
    }

    /// Add the `i`th row's cells to `cells`.
    pub fn write(&self, i: usize, cells: &mut Cells) {
        (self.row)(i, cells)
    }
}

/// Cells written end to end into one string, with where each ends. Text is
/// made [`escape::visible`] as it is added, unless the cells are `raw`.
///
/// A cell may be a link: text and where it points. Markdown writes it as a
/// link; the table and CSV show its text.
#[derive(Default)]
pub struct Cells {
    text: String,
    ends: Vec<usize>,
    /// The link cells, by index, with their targets: few, so a table
    /// without links allocates nothing for them.
    links: Vec<(usize, String)>,
    raw: bool,
}

impl Cells {
    /// Cells that keep their text byte for byte (CSV for pipelines).
    pub fn raw() -> Cells {
        Cells {
            raw: true,
            ..Cells::default()
        }
    }

    /// Add a cell.
    pub fn push(&mut self, cell: &str) {
        if self.raw {
            self.text.push_str(cell);
        } else {
            self.text.push_str(&escape::visible(cell));
        }
        self.ends.push(self.text.len());
    }

    /// Add a cell whose text links to `target` (a relative URL, written as
    /// given).
    pub fn push_link(&mut self, cell: &str, target: &str) {
        self.links.push((self.ends.len(), target.to_string()));
        self.push(cell);
    }

    /// Where the `i`th cell links to, if it is a link.
    pub fn link(&self, i: usize) -> Option<&str> {
        self.links
            .iter()
            .find(|(at, _)| *at == i)
            .map(|(_, target)| target.as_str())
    }

    /// Add a cell showing a count.
    pub fn push_count(&mut self, n: usize) {
        self.push(itoa::Buffer::new().format(n));
    }

    /// Add a cell showing a date as `YYYY-MM-DD`, as chrono displays it.
    pub fn push_date(&mut self, date: chrono::NaiveDate) {
        use chrono::Datelike;
        match u16::try_from(date.year()) {
            // Every year a corpus holds: written digit by digit.
            Ok(year @ 0..=9999) => {
                let mut out = *b"0000-00-00";
                for (end, n) in [(4, u32::from(year)), (7, date.month()), (10, date.day())] {
                    let mut n = n;
                    for digit in out[..end].iter_mut().rev().take_while(|d| **d != b'-') {
                        *digit = b'0' + (n % 10) as u8;
                        n /= 10;
                    }
                }
                // Only ASCII digits and dashes were written.
                self.push(std::str::from_utf8(&out).unwrap_or_default());
            }
            _ => {
                use std::fmt::Write as _;
                // Writing into a `String` cannot fail.
                let _ = write!(self.text, "{date}");
                self.ends.push(self.text.len());
            }
        }
    }

    /// How many cells there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `i`th cell.
    pub fn get(&self, i: usize) -> &str {
        let from = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[from..self.ends[i]]
    }

    /// Keep the first `n` cells, or add empty ones up to `n`.
    pub fn resize(&mut self, n: usize) {
        if n < self.ends.len() {
            self.ends.truncate(n);
            self.links.retain(|(at, _)| *at < n);
            self.text.truncate(self.ends.last().copied().unwrap_or(0));
        } else {
            self.ends.resize(n, self.text.len());
        }
    }

    /// The bytes held: text, ends and link targets.
    pub fn size(&self) -> usize {
        self.text.len()
            + self.ends.len() * std::mem::size_of::<usize>()
            + self
                .links
                .iter()
                .map(|(_, t)| std::mem::size_of::<(usize, String)>() + t.len())
                .sum::<usize>()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| self.get(i))
    }
}

/// Rows of cells under columns; the last row may be a total.
pub struct Grid<'a> {
    pub columns: Vec<Column>,
    pub rows: Rows<'a>,
    /// A final row set apart (the corpus total).
    pub footer: Option<Vec<String>>,
    /// How a terminal shows rows as blocks; `None`: blocks only when too
    /// narrow for a table, titled by the first column.
    pub title: Option<Title>,
}

/// The first line of each row's block on a terminal: these columns, joined;
/// the other cells follow as `label: value`.
#[derive(Clone, Debug)]
pub struct Title {
    pub columns: &'static [usize],
    /// Blocks at every width (a claim and its sentences), not only when the
    /// terminal is too narrow for a table.
    pub always: bool,
}

impl Title {
    /// Blocks at every width, titled by `columns`.
    pub fn always(columns: &'static [usize]) -> Option<Title> {
        Some(Title {
            columns,
            always: true,
        })
    }

    /// Blocks when too narrow for a table, titled by `columns`.
    pub fn narrow(columns: &'static [usize]) -> Option<Title> {
        Some(Title {
            columns,
            always: false,
        })
    }
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

/// Facts about where output goes: the terminal the table renderer fits, and
/// whether CSV goes to a pipeline that wants its bytes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Terminal {
    /// Width to fit tables to (`--width`, `COLUMNS`, the terminal's); `None`
    /// for every column at full width (`--wide`, or not a terminal).
    pub width: Option<u16>,
    pub color: bool,
    /// `--csv-raw`: CSV cells as written, without the `'` before formulas
    /// or visible control characters.
    pub csv_raw: bool,
}

/// Write a doc as a table, Markdown or CSV.
pub fn write_doc(
    out: &mut dyn Write,
    doc: &Doc,
    format: DocFormat,
    term: Terminal,
) -> io::Result<()> {
    match format {
        DocFormat::Table => table::write(out, doc, term),
        DocFormat::Markdown => markdown::write(out, doc),
        DocFormat::Csv => csv::write(out, doc, term.csv_raw),
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
    let doc = match format {
        Format::Json => return write_json(out, value),
        Format::Table => DocFormat::Table,
        Format::Markdown => DocFormat::Markdown,
        Format::Csv => DocFormat::Csv,
    };
    write_doc(out, &view(), doc, term)
}

/// Pretty JSON with a trailing newline.
pub fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut out = escape::JsonControls::new(out);
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()
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

/// The plural suffix of a count: `1 claim`, `2 claims`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A trail's roots in words: "1 confirmed root, 1 unconfirmed (uncredited
/// pickup)", or "2 confirmed roots" when every root is confirmed.
pub fn roots_in_words(confirmed: usize, independent: usize) -> String {
    let unconfirmed = independent.saturating_sub(confirmed);
    let mut text = format!("{confirmed} confirmed root{}", plural(confirmed));
    if unconfirmed > 0 {
        text.push_str(&format!(
            ", {unconfirmed} unconfirmed (uncredited pickup{})",
            plural(unconfirmed)
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{Cells, Rows};

    #[test]
    fn cells_are_cut_and_padded_to_a_count() {
        let mut cells = Cells::default();
        cells.push("ab");
        cells.push_count(12);
        cells.push("");
        cells.push("é");
        assert_eq!(cells.iter().collect::<Vec<_>>(), ["ab", "12", "", "é"]);
        cells.resize(2);
        assert_eq!(cells.iter().collect::<Vec<_>>(), ["ab", "12"]);
        cells.push("x");
        cells.resize(5);
        assert_eq!(cells.iter().collect::<Vec<_>>(), ["ab", "12", "x", "", ""]);
        assert_eq!(cells.len(), 5);
    }

    #[test]
    fn a_link_cell_keeps_its_target_until_cut() {
        let mut cells = Cells::default();
        cells.push("a");
        cells.push_link("article", "article.md");
        assert_eq!(cells.iter().collect::<Vec<_>>(), ["a", "article"]);
        assert_eq!((cells.link(0), cells.link(1)), (None, Some("article.md")));
        cells.resize(1);
        cells.push("b");
        assert_eq!(cells.link(1), None);
    }

    #[test]
    fn rows_written_and_rows_made_read_the_same() {
        let made = Rows::new(2, |i| vec![format!("r{i}"), i.to_string()]);
        let written = Rows::writing(2, |i, cells| {
            cells.push(&format!("r{i}"));
            cells.push_count(i);
        });
        assert_eq!(
            made.iter().collect::<Vec<_>>(),
            written.iter().collect::<Vec<_>>()
        );
        assert_eq!(written.get(1), ["r1", "1"]);
    }

    proptest::proptest! {
        #[test]
        fn dates_are_written_as_chrono_displays_them(days in -1_000_000i32..4_000_000) {
            let date = chrono::NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let mut cells = Cells::default();
            cells.push_date(date);
            proptest::prop_assert_eq!(cells.get(0), date.to_string());
        }
    }
}
