//! CSV for spreadsheets: the document's main grid, header row first, total last.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a
//! formula, so annotation text could run code on the reader's machine. As
//! OWASP recommends, such a text cell (and one starting with a tab or a
//! carriage return) is written with a `'` in front, which spreadsheets show
//! as text; a number (`-5`, `+3.5`) and a lone `-` (no value) are written as
//! they are. Control characters are made visible as in every text format.
//! Raw mode writes every cell byte for byte, for pipelines.

use super::Doc;
use super::escape::visible;
use std::borrow::Cow;
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, doc: &Doc, raw: bool) -> io::Result<()> {
    let Some(grid) = doc.main_grid() else {
        return Ok(());
    };
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(grid.columns.iter().map(|c| c.header))
        .map_err(io_error)?;
    if raw {
        for row in grid.rows.iter_raw().chain(grid.footer.iter().cloned()) {
            w.write_record(&row).map_err(io_error)?;
        }
    } else {
        for row in grid.rows.iter() {
            w.write_record(row.iter().map(|c| neutral(c).into_owned()))
                .map_err(io_error)?;
        }
        if let Some(footer) = &grid.footer {
            w.write_record(footer.iter().map(|c| neutral(&visible(c)).into_owned()))
                .map_err(io_error)?;
        }
    }
    w.flush()
}

/// A cell a spreadsheet reads as text: a `'` before one it would run as a
/// formula.
pub fn neutral(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !risky || cell == "-" || is_number(cell) {
        return Cow::Borrowed(cell);
    }
    Cow::Owned(format!("'{cell}"))
}

/// A plain decimal number, as a spreadsheet reads one: an optional sign,
/// digits and at most one point.
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut points = 0;
    !digits.is_empty()
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits.chars().all(|c| {
            points += usize::from(c == '.');
            c.is_ascii_digit() || (c == '.' && points == 1)
        })
}

/// Keep the I/O error's kind, so a closed pipe is still recognised as one.
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::neutral;

    #[test]
    fn formulas_are_text_and_numbers_stay_numbers() {
        for (cell, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+100 named source", "'+100 named source"),
            ("-5 relayed", "'-5 relayed"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\r=1", "'\r=1"),
            ("-", "-"),
            ("-5", "-5"),
            ("+3.5", "+3.5"),
            ("-.5", "-.5"),
            ("-1.2.3", "'-1.2.3"),
            ("--", "'--"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutral(cell), want, "{cell:?}");
        }
    }
}
