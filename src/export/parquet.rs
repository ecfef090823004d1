//! The tables as Parquet files: one file per table, typed columns (dates as
//! Date32, counts as Int64, flags as booleans, rates and scores as Float64),
//! snappy-compressed, written in row groups of [`BATCH`] rows so no table is
//! held twice in memory. Each file carries a `claimtrail` key in its footer,
//! by which a later export knows the file as its own.

use super::tables::{ArticleTables, Tables};
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::schema::types::ColumnPath;
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;

/// Rows per record batch (and at most per row group).
pub const BATCH: usize = 64 * 1024;

/// The columns of free text, in any table, written without a dictionary.
const FREE_TEXT: [&str; 6] = ["title", "file", "url", "text", "quote", "message"];

/// The footer key that marks a file as claimtrail's.
pub const MARKER_KEY: &str = "claimtrail";

/// The file names, one per table, in the order they are written.
pub const FILES: [&str; 6] = [
    "articles.parquet",
    "sources.parquet",
    "claims.parquet",
    "routes.parquet",
    "outlets.parquet",
    "drift.parquet",
];

/// A column under construction: its field and its values.
type Column = (Field, ArrayRef);

fn text<'a>(name: &str, values: impl Iterator<Item = &'a str>) -> Column {
    let a: StringArray = values.map(Some).collect();
    (Field::new(name, DataType::Utf8, false), Arc::new(a))
}

fn opt_text<'a>(name: &str, values: impl Iterator<Item = Option<&'a str>>) -> Column {
    let a: StringArray = values.collect();
    (Field::new(name, DataType::Utf8, true), Arc::new(a))
}

fn int(name: &str, values: impl Iterator<Item = usize>) -> Column {
    // Counts fit in i64 on every platform claimtrail builds for.
    let a: Int64Array = values.map(|v| Some(v as i64)).collect();
    (Field::new(name, DataType::Int64, false), Arc::new(a))
}

fn flag(name: &str, values: impl Iterator<Item = bool>) -> Column {
    let a: BooleanArray = values.map(Some).collect();
    (Field::new(name, DataType::Boolean, false), Arc::new(a))
}

fn float(name: &str, values: impl Iterator<Item = Option<f64>>) -> Column {
    let a: Float64Array = values.collect();
    (Field::new(name, DataType::Float64, true), Arc::new(a))
}

fn date(name: &str, values: impl Iterator<Item = Option<NaiveDate>>) -> Column {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let a: Date32Array = values
        .map(|d| d.map(|d| (d - epoch).num_days() as i32))
        .collect();
    (Field::new(name, DataType::Date32, true), Arc::new(a))
}

fn batch(columns: Vec<Column>) -> io::Result<RecordBatch> {
    let (fields, arrays): (Vec<Field>, Vec<ArrayRef>) = columns.into_iter().unzip();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).map_err(io::Error::other)
}

fn articles(rows: &[&ArticleTables]) -> io::Result<RecordBatch> {
    let r = || rows.iter().map(|a| &a.article);
    batch(vec![
        text("id", r().map(|a| a.row.id.as_str())),
        text("file", r().map(|a| a.file.as_str())),
        text("title", r().map(|a| a.row.title.as_str())),
        text("outlet", r().map(|a| a.row.outlet.as_str())),
        date("published", r().map(|a| a.row.published)),
        opt_text("language", r().map(|a| a.language.as_deref())),
        opt_text("url", r().map(|a| a.url.as_deref())),
        int("claims", r().map(|a| a.row.claims)),
        int("named", r().map(|a| a.row.named)),
        int("anonymous", r().map(|a| a.row.anonymous)),
        int("outlet_reported", r().map(|a| a.row.outlet_reported)),
        int("unattributed", r().map(|a| a.row.unattributed)),
        int("background", r().map(|a| a.row.background)),
        int("hedged", r().map(|a| a.row.hedged)),
        int("relayed", r().map(|a| a.row.relayed)),
        int("state_reliant", r().map(|a| a.row.state_reliant)),
        float("anonymity_rate", r().map(|a| a.row.anonymity_rate)),
        float("score", r().map(|a| a.row.score)),
        // No score, no grade: null, as in `report --format json`.
        opt_text(
            "grade",
            r().map(|a| a.row.score.is_some().then_some(a.row.grade)),
        ),
    ])
}

fn sources(rows: &[&super::tables::SourceRec]) -> io::Result<RecordBatch> {
    let r = || rows.iter();
    batch(vec![
        text("article", r().map(|s| &*s.article)),
        text("source", r().map(|s| s.source.as_str())),
        opt_text("name", r().map(|s| s.name.as_deref())),
        flag("anonymous", r().map(|s| s.anonymous)),
        opt_text("description", r().map(|s| s.description.as_deref())),
        opt_text("reason", r().map(|s| s.reason.as_deref())),
        opt_text("role", r().map(|s| s.role.as_deref())),
        opt_text("affiliation", r().map(|s| s.affiliation.as_deref())),
        opt_text("country", r().map(|s| s.country.as_deref())),
        text("kind", r().map(|s| s.kind)),
    ])
}

fn claims(rows: &[&super::tables::ClaimRec]) -> io::Result<RecordBatch> {
    let r = || rows.iter();
    batch(vec![
        text("article", r().map(|c| &*c.article)),
        text("claim", r().map(|c| &*c.claim)),
        text("text", r().map(|c| c.text.as_str())),
        opt_text("quote", r().map(|c| c.quote.as_deref())),
        opt_text("source", r().map(|c| c.source.as_deref())),
        text("class", r().map(|c| c.class.as_str())),
        text("kind", r().map(|c| c.kind)),
        flag("key", r().map(|c| c.key)),
        opt_text("hedge", r().map(|c| c.hedge.as_deref())),
        date("said", r().map(|c| c.said)),
        float("points", r().map(|c| c.points)),
        int("routes", r().map(|c| c.routes)),
    ])
}

fn routes(rows: &[&super::tables::RouteRec]) -> io::Result<RecordBatch> {
    let r = || rows.iter();
    batch(vec![
        text("article", r().map(|h| &*h.article)),
        text("claim", r().map(|h| &*h.claim)),
        int("route", r().map(|h| h.route)),
        int("hop", r().map(|h| h.hop)),
        text("outlet", r().map(|h| &*h.outlet)),
    ])
}

fn outlets(rows: &[&super::tables::OutletRec]) -> io::Result<RecordBatch> {
    let r = || rows.iter();
    batch(vec![
        text("id", r().map(|o| o.id.as_str())),
        text("name", r().map(|o| o.name.as_str())),
        opt_text("kind", r().map(|o| o.kind)),
        opt_text("country", r().map(|o| o.country.as_deref())),
        opt_text("ownership", r().map(|o| o.ownership)),
    ])
}

fn drift(rows: &[&super::tables::DriftRec]) -> io::Result<RecordBatch> {
    let r = || rows.iter();
    batch(vec![
        text("claim", r().map(|d| &*d.claim)),
        text("article", r().map(|d| &*d.article)),
        text("code", r().map(|d| d.code)),
        text("earlier_article", r().map(|d| &*d.earlier_article)),
        text("message", r().map(|d| d.message.as_str())),
    ])
}

/// Write one table to `path`, `BATCH` rows at a time. A table with no rows
/// still gets its file, with its columns.
fn write_table<'a, T: 'a>(
    path: &Path,
    rows: impl Iterator<Item = &'a T>,
    make: fn(&[&T]) -> io::Result<RecordBatch>,
) -> io::Result<()> {
    let mut props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_size(BATCH);
    // Free text is nearly all distinct: a dictionary of it would be hashed
    // value by value only to be dropped for plain encoding.
    for column in FREE_TEXT {
        props = props.set_column_dictionary_enabled(ColumnPath::from(column), false);
    }
    let props = props
        .set_key_value_metadata(Some(vec![KeyValue::new(
            MARKER_KEY.to_string(),
            env!("CARGO_PKG_VERSION").to_string(),
        )]))
        .build();
    let file = File::create(path)?;
    let empty = make(&[])?;
    let mut writer =
        ArrowWriter::try_new(file, empty.schema(), Some(props)).map_err(io::Error::other)?;
    let mut chunk: Vec<&T> = Vec::with_capacity(BATCH);
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        chunk.clear();
        chunk.extend(rows.by_ref().take(BATCH));
        writer.write(&make(&chunk)?).map_err(io::Error::other)?;
    }
    let file = writer.into_inner().map_err(io::Error::other)?;
    file.sync_all()
}

/// Write every table into `dir` (an empty folder), the tables in parallel,
/// each into its own file. The first error, in the order of [`FILES`], is
/// the one returned.
pub fn write_all(dir: &Path, t: &Tables) -> io::Result<()> {
    let [a, s, c, r, o, d] = FILES.map(|f| dir.join(f));
    let mut results: [io::Result<()>; 6] = std::array::from_fn(|_| Ok(()));
    let [ra, rs, rc, rr, ro, rd] = &mut results;
    rayon::scope(|scope| {
        // The largest table first, so it is under way before the others.
        scope.spawn(|_| *rc = write_table(&c, t.claims(), claims));
        scope.spawn(|_| *rs = write_table(&s, t.sources(), sources));
        scope.spawn(|_| *rr = write_table(&r, t.routes(), routes));
        scope.spawn(|_| *ra = write_table(&a, t.articles.iter(), articles));
        scope.spawn(|_| *ro = write_table(&o, t.outlets.iter(), outlets));
        scope.spawn(|_| *rd = write_table(&d, t.drift.iter(), drift));
    });
    results.into_iter().collect()
}

/// Whether the file at `path` is a Parquet file claimtrail wrote.
pub fn is_ours(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let Ok(reader) = SerializedFileReader::new(file) else {
        return false;
    };
    reader
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .is_some_and(|kv| kv.iter().any(|k| k.key == MARKER_KEY))
}
