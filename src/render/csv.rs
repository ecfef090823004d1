//! CSV for spreadsheets: the document's main grid, header row first, total last.

use super::Doc;
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, doc: &Doc) -> io::Result<()> {
    let Some(grid) = doc.main_grid() else {
        return Ok(());
    };
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(grid.columns.iter().map(|c| c.header))
        .map_err(io_error)?;
    for row in grid.all_rows() {
        w.write_record(&row).map_err(io_error)?;
    }
    w.flush()
}

/// Keep the I/O error's kind, so a closed pipe is still recognised as one.
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
