//! CSV for spreadsheets: the document's main grid, header row first, total last.

use super::Doc;
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, doc: &Doc) -> io::Result<()> {
    let Some(grid) = doc.main_grid() else {
        return Ok(());
    };
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(grid.columns.iter().map(|c| c.header))?;
    for row in grid.rows.iter().chain(grid.footer.iter()) {
        w.write_record(row)?;
    }
    w.flush()
}
