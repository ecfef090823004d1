//! `claimtrail import`: newsroom data into annotation files. Only CSV for
//! now ([`csv()`]): a sheet with one row per claim becomes one article file
//! per article, each created through the atomic writer and never over an
//! existing file. A row that cannot be read is reported at its CSV line and
//! column and left out; the other rows are still imported.

mod sheet;
mod write;

pub use sheet::{Problem, read_sheet};

use crate::options::ImportCsv;

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    pub articles: usize,
    pub claims: usize,
    /// Rows left out for their problems.
    pub rejected_rows: usize,
    /// Every problem, in sheet order; files not written come last.
    pub problems: Vec<Problem>,
}

/// `import csv FILE --out DIR`. An error is returned only for what stops
/// the whole import: an unreadable file, a bad `--map`, a sheet without the
/// columns every article needs.
pub fn csv(args: &ImportCsv) -> Result<Imported, String> {
    let text = std::fs::read(&args.file)
        .map_err(|e| format!("cannot read `{}`: {e}", args.file.display()))?;
    let file = crate::corpus::display(&args.file);
    let sheet = read_sheet(&text, &file, &args.map)?;
    let mut done = Imported {
        rejected_rows: sheet.rejected_rows,
        problems: sheet.problems,
        ..Imported::default()
    };
    write::write(&sheet.articles, args, &file, &mut done)?;
    Ok(done)
}
