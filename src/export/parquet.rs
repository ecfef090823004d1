//! The tables as Parquet files: one file per table, typed columns (dates as
//! `DATE`, counts as `INT64`, flags as `BOOLEAN`, rates and scores as
//! `DOUBLE`, text as `STRING`), snappy-compressed. Each file carries a
//! `claimtrail` key in its footer, by which a later export knows the file as
//! its own. The columns are encoded by the `parquet` crate's own column
//! writers, each into a buffer of its own, so that a row group's columns are
//! encoded in parallel and then spliced into the file in order.
//!
//! The large tables (sources, claims, routes) are written as the corpus
//! loads ([`Stream`]), [`CHUNK`] files at a time, in the order the files
//! load: their rows become columns at once and leave memory, and each row
//! group is encoded when it is full. A claim's points are known only once
//! the whole corpus is in (drift and corroboration change them), so the
//! claims' row groups wait, encoded and compressed, for that one column.
//! The corpus-wide tables (articles, in id order, outlets and drift) are
//! written at the end.

use super::tables::{ArticleTables, ClaimRec, DriftRec, OutletRec, RouteRec, SourceRec, Tables};
use crate::model::Outlets;
use crate::trail::ArticleFacts;
use bytes::Bytes;
use chrono::NaiveDate;
use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::column::writer::{ColumnCloseResult, ColumnWriter, get_column_writer};
use parquet::data_type::ByteArray;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{EnabledStatistics, WriterProperties, WriterPropertiesPtr};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::{SerializedFileWriter, SerializedPageWriter, TrackedWrite};
use parquet::schema::types::{ColumnPath, SchemaDescPtr, SchemaDescriptor, Type};
use rayon::prelude::*;
use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// The least rows of a row group: rows gather until a write brings them to
/// this many, and the group is encoded then.
pub const GROUP_ROWS: usize = 16 * 1024;

/// Rows per batch of the tables written at the end: a drift message is
/// made only when its batch is.
const END_BATCH: usize = 4096;

/// Files loaded between two writes of the streamed tables.
pub const CHUNK: usize = 128;

/// The columns written without a dictionary, in any table: free text, and
/// claim ids, which within a row group are nearly all distinct too (a
/// claim appears in a handful of articles among thousands).
const NO_DICTIONARY: [&str; 7] = ["title", "file", "url", "text", "quote", "message", "claim"];

/// The columns written without statistics: free text, whose least and
/// greatest values no query filters on.
const NO_STATISTICS: [&str; 5] = ["title", "url", "text", "quote", "message"];

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

/// A column's values, as Parquet stores them.
enum Data {
    /// UTF-8 text: the values end to end, and where each one ends.
    Text {
        bytes: Vec<u8>,
        ends: Vec<usize>,
    },
    Int(Vec<i64>),
    Flag(Vec<bool>),
    Float(Vec<f64>),
    /// Days since 1970-01-01.
    Date(Vec<i32>),
}

/// A column of some rows: its name, its values, and, when it may be null,
/// which rows hold a value (Parquet's definition levels: 1 for a value, 0
/// for a null; the values are those of the rows with 1).
struct Column {
    name: &'static str,
    data: Data,
    defs: Option<Vec<i16>>,
}

impl Column {
    fn rows(&self) -> usize {
        match (&self.defs, &self.data) {
            (Some(defs), _) => defs.len(),
            (None, Data::Text { ends, .. }) => ends.len(),
            (None, Data::Int(v)) => v.len(),
            (None, Data::Flag(v)) => v.len(),
            (None, Data::Float(v)) => v.len(),
            (None, Data::Date(v)) => v.len(),
        }
    }

    /// The column's Parquet type: `STRING` and `DATE` over their physical
    /// types, required unless it may be null.
    fn parquet_type(&self) -> io::Result<Arc<Type>> {
        let (physical, logical) = match self.data {
            Data::Text { .. } => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
            Data::Int(_) => (Physical::INT64, None),
            Data::Flag(_) => (Physical::BOOLEAN, None),
            Data::Float(_) => (Physical::DOUBLE, None),
            Data::Date(_) => (Physical::INT32, Some(LogicalType::Date)),
        };
        let repetition = match self.defs {
            Some(_) => Repetition::OPTIONAL,
            None => Repetition::REQUIRED,
        };
        Type::primitive_type_builder(self.name, physical)
            .with_repetition(repetition)
            .with_logical_type(logical)
            .build()
            .map(Arc::new)
            .map_err(io::Error::other)
    }
}

/// Definition levels for values that may be missing.
fn levels<T>(values: &[Option<T>]) -> Vec<i16> {
    values.iter().map(|v| i16::from(v.is_some())).collect()
}

/// A text column, its buffers sized first so that no value is copied twice
/// and none holds room it does not use until the row group is encoded.
fn text<'a>(name: &'static str, values: impl Iterator<Item = &'a str> + Clone) -> Column {
    let (count, len) = values
        .clone()
        .fold((0, 0), |(n, len), v| (n + 1, len + v.len()));
    let mut bytes = Vec::with_capacity(len);
    let mut ends = Vec::with_capacity(count);
    for v in values {
        bytes.extend_from_slice(v.as_bytes());
        ends.push(bytes.len());
    }
    Column {
        name,
        data: Data::Text { bytes, ends },
        defs: None,
    }
}

fn opt_text<'a>(
    name: &'static str,
    values: impl Iterator<Item = Option<&'a str>> + Clone,
) -> Column {
    let defs = values.clone().map(|v| i16::from(v.is_some())).collect();
    let mut column = text(name, values.flatten());
    column.defs = Some(defs);
    column
}

fn int(name: &'static str, values: impl Iterator<Item = usize>) -> Column {
    // Counts fit in i64 on every platform claimtrail builds for.
    let values = values.map(|v| v as i64).collect();
    Column {
        name,
        data: Data::Int(values),
        defs: None,
    }
}

fn flag(name: &'static str, values: impl Iterator<Item = bool>) -> Column {
    Column {
        name,
        data: Data::Flag(values.collect()),
        defs: None,
    }
}

fn float(name: &'static str, values: impl Iterator<Item = Option<f64>>) -> Column {
    let values: Vec<Option<f64>> = values.collect();
    Column {
        name,
        defs: Some(levels(&values)),
        data: Data::Float(values.into_iter().flatten().collect()),
    }
}

fn date(name: &'static str, values: impl Iterator<Item = Option<NaiveDate>>) -> Column {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let days: Vec<Option<i32>> = values
        .map(|d| d.map(|d| (d - epoch).num_days() as i32))
        .collect();
    Column {
        name,
        defs: Some(levels(&days)),
        data: Data::Date(days.into_iter().flatten().collect()),
    }
}

fn articles(rows: &[ArticleTables]) -> Vec<Column> {
    let r = || rows.iter().map(|a| &a.article);
    vec![
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
    ]
}

fn sources(rows: &[SourceRec]) -> Vec<Column> {
    let r = || rows.iter();
    vec![
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
    ]
}

/// The claims' rows; `points` holds nulls, filled in at the end (see
/// [`Stream`]).
fn claims(rows: &[ClaimRec]) -> Vec<Column> {
    let r = || rows.iter();
    vec![
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
        float("points", r().map(|_| None)),
        int("routes", r().map(|c| c.routes)),
    ]
}

fn routes(rows: &[RouteRec]) -> Vec<Column> {
    let r = || rows.iter();
    vec![
        text("article", r().map(|h| &*h.article)),
        text("claim", r().map(|h| &*h.claim)),
        int("route", r().map(|h| h.route)),
        int("hop", r().map(|h| h.hop)),
        text("outlet", r().map(|h| &*h.outlet)),
    ]
}

fn outlets(rows: &[OutletRec]) -> Vec<Column> {
    let r = || rows.iter();
    vec![
        text("id", r().map(|o| o.id.as_str())),
        text("name", r().map(|o| o.name.as_str())),
        opt_text("kind", r().map(|o| o.kind)),
        opt_text("country", r().map(|o| o.country.as_deref())),
        opt_text("ownership", r().map(|o| o.ownership)),
    ]
}

fn drift(rows: &[DriftRec]) -> Vec<Column> {
    let r = || rows.iter();
    vec![
        text("claim", r().map(|d| d.claim)),
        text("article", r().map(|d| d.article)),
        text("code", r().map(|d| d.code)),
        text("earlier_article", r().map(|d| d.earlier_article)),
        text("message", r().map(|d| d.message.as_str())),
    ]
}

/// How every table is written: snappy, no dictionary for free text and
/// claim ids, and claimtrail's key in the footer.
fn properties() -> WriterPropertiesPtr {
    let mut props = WriterProperties::builder().set_compression(Compression::SNAPPY);
    // A dictionary of nearly distinct values would be hashed value by value
    // and held to the row group's end, only to be dropped for plain encoding.
    for column in NO_DICTIONARY {
        props = props.set_column_dictionary_enabled(ColumnPath::from(column), false);
    }
    for column in NO_STATISTICS {
        props =
            props.set_column_statistics_enabled(ColumnPath::from(column), EnabledStatistics::None);
    }
    Arc::new(
        props
            .set_key_value_metadata(Some(vec![KeyValue::new(
                MARKER_KEY.to_string(),
                env!("CARGO_PKG_VERSION").to_string(),
            )]))
            .build(),
    )
}

/// One column of a row group, encoded and compressed: its bytes, and what
/// the file's footer records of it.
type Chunk = (Bytes, ColumnCloseResult);

/// Encode one column of a row group, given in `pieces` (its rows in order,
/// a piece for each write), into a buffer of its own, to be spliced into a
/// row group of the file whose schema is `schema`.
fn encode(
    schema: &SchemaDescriptor,
    at: usize,
    props: &WriterPropertiesPtr,
    pieces: Vec<Column>,
) -> io::Result<Chunk> {
    let mut sink = TrackedWrite::new(Vec::new());
    let close = {
        let pages = Box::new(SerializedPageWriter::new(&mut sink));
        let mut writer = get_column_writer(schema.column(at), props.clone(), pages);
        for column in pieces {
            write_piece(&mut writer, column)?;
        }
        writer.close().map_err(io::Error::other)?
    };
    Ok((
        Bytes::from(sink.into_inner().map_err(io::Error::other)?),
        close,
    ))
}

fn write_piece(writer: &mut ColumnWriter, column: Column) -> io::Result<()> {
    let defs = column.defs.as_deref();
    match (writer, column.data) {
        (ColumnWriter::ByteArrayColumnWriter(w), Data::Text { bytes, ends }) => {
            let bytes = Bytes::from(bytes);
            let mut start = 0;
            let values: Vec<ByteArray> = ends
                .into_iter()
                .map(|end| {
                    let value = ByteArray::from(bytes.slice(start..end));
                    start = end;
                    value
                })
                .collect();
            w.write_batch(&values, defs, None)
        }
        (ColumnWriter::Int64ColumnWriter(w), Data::Int(v)) => w.write_batch(&v, defs, None),
        (ColumnWriter::BoolColumnWriter(w), Data::Flag(v)) => w.write_batch(&v, defs, None),
        (ColumnWriter::DoubleColumnWriter(w), Data::Float(v)) => w.write_batch(&v, defs, None),
        (ColumnWriter::Int32ColumnWriter(w), Data::Date(v)) => w.write_batch(&v, defs, None),
        _ => {
            return Err(io::Error::other(format!(
                "column `{}` does not match its file's schema",
                column.name
            )));
        }
    }
    .map(drop)
    .map_err(io::Error::other)
}

/// One table's file, written a row group at a time: rows gather as
/// columns until a write brings them to `group_rows`, and the group's
/// columns are then encoded in parallel.
struct TableFile {
    file: SerializedFileWriter<File>,
    schema: SchemaDescPtr,
    props: WriterPropertiesPtr,
    /// The rows of the group under way, each column's in the pieces the
    /// writes gave (empty between groups).
    pending: Vec<Vec<Column>>,
    pending_rows: usize,
    group_rows: usize,
    /// The column written once the corpus is in (the claims' points), if any.
    later: Option<usize>,
    /// With `later`: each closed group's rows and its other columns' chunks.
    held: Vec<(usize, Vec<Chunk>)>,
}

impl TableFile {
    /// Begin the file `path` of the table whose columns, with no rows, are
    /// `empty`.
    fn create(
        path: &Path,
        empty: Vec<Column>,
        later: Option<usize>,
        group_rows: usize,
    ) -> io::Result<TableFile> {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("table");
        let fields = empty
            .iter()
            .map(Column::parquet_type)
            .collect::<Result<_, _>>()?;
        let root = Type::group_type_builder(name)
            .with_fields(fields)
            .build()
            .map(Arc::new)
            .map_err(io::Error::other)?;
        let props = properties();
        let file = SerializedFileWriter::new(
            crate::atomic::create_in_held_folder(path)?,
            root.clone(),
            props.clone(),
        )
        .map_err(io::Error::other)?;
        Ok(TableFile {
            file,
            schema: Arc::new(SchemaDescriptor::new(root)),
            props,
            pending: Vec::new(),
            pending_rows: 0,
            group_rows,
            later,
            held: Vec::new(),
        })
    }

    /// Add rows, given as columns, encoding the group once it holds
    /// `group_rows` rows. The `later` column's values are dropped here: it
    /// is given its own once the corpus is in.
    fn write(&mut self, columns: Vec<Column>) -> io::Result<()> {
        let rows = columns.first().map_or(0, Column::rows);
        if rows == 0 {
            return Ok(());
        }
        if self.pending.is_empty() {
            self.pending = columns.iter().map(|_| Vec::new()).collect();
        }
        for (i, (pieces, column)) in self.pending.iter_mut().zip(columns).enumerate() {
            if Some(i) != self.later {
                pieces.push(column);
            }
        }
        self.pending_rows += rows;
        if self.pending_rows >= self.group_rows {
            self.close_group()?;
        }
        Ok(())
    }

    /// Encode the row group under way: into the file, or held for `later`.
    fn close_group(&mut self) -> io::Result<()> {
        let rows = std::mem::take(&mut self.pending_rows);
        let columns = std::mem::take(&mut self.pending);
        if rows == 0 {
            return Ok(());
        }
        let later = self.later;
        let (schema, props) = (&self.schema, &self.props);
        let chunks: Vec<Chunk> = columns
            .into_par_iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != later)
            .map(|(i, pieces)| encode(schema, i, props, pieces))
            .collect::<Result<_, _>>()?;
        if later.is_some() {
            self.held.push((rows, chunks));
            Ok(())
        } else {
            self.append(chunks)
        }
    }

    /// Splice a row group's chunks, in column order, into the file.
    fn append(&mut self, chunks: Vec<Chunk>) -> io::Result<()> {
        let mut group = self.file.next_row_group().map_err(io::Error::other)?;
        for (bytes, close) in chunks {
            group
                .append_column(&bytes, close)
                .map_err(io::Error::other)?;
        }
        group.close().map_err(io::Error::other)?;
        Ok(())
    }

    /// Encode the last row group, give the held ones their `later` column
    /// (`values` of a range of rows), and finish the file on disk.
    fn finish(mut self, values: Option<&dyn Fn(Range<usize>) -> Column>) -> io::Result<()> {
        self.close_group()?;
        if let Some(at) = self.later {
            let values =
                values.ok_or_else(|| io::Error::other("a column is left without values"))?;
            let mut start = 0;
            for (rows, mut chunks) in std::mem::take(&mut self.held) {
                let column = values(start..start + rows);
                chunks.insert(at, encode(&self.schema, at, &self.props, vec![column])?);
                self.append(chunks)?;
                start += rows;
            }
        }
        let file = self.file.into_inner().map_err(io::Error::other)?;
        file.sync_all()
    }
}

/// Write a table of `rows` rows to `path`, [`END_BATCH`] rows at a time,
/// each batch's columns made by `make` when it is written. A table with no
/// rows still gets its file, with its columns.
fn write_table(
    path: &Path,
    rows: usize,
    make: &dyn Fn(Range<usize>) -> Vec<Column>,
) -> io::Result<()> {
    let mut table = TableFile::create(path, make(0..0), None, GROUP_ROWS)?;
    for start in (0..rows).step_by(END_BATCH) {
        table.write(make(start..rows.min(start + END_BATCH)))?;
    }
    table.finish(None)
}

/// The export under way: the streamed tables, fed chunk by chunk as the
/// corpus loads ([`Stream::take`]), then, once it is in, all finished but
/// the claims ([`Stream::loaded`]), which wait for their points and are
/// written with the corpus-wide tables ([`HeldClaims::finish`]).
pub struct Stream {
    sources: TableFile,
    claims: TableFile,
    routes: TableFile,
    /// Each article whose claims were written, with how many, in row order.
    order: Vec<(Arc<str>, usize)>,
    /// The first failure to write, reported by `loaded`.
    failed: Option<io::Error>,
}

/// The position of `points` in the claims table.
const POINTS: usize = 10;

impl Stream {
    /// Begin the streamed tables' files in `dir`, an empty folder.
    pub fn create(dir: &Path) -> io::Result<Stream> {
        Stream::with_group_rows(dir, GROUP_ROWS)
    }

    fn with_group_rows(dir: &Path, group_rows: usize) -> io::Result<Stream> {
        let [_, s, c, r, _, _] = FILES.map(|f| dir.join(f));
        let claims_columns = claims(&[]);
        debug_assert_eq!(claims_columns[POINTS].name, "points");
        Ok(Stream {
            sources: TableFile::create(&s, sources(&[]), None, group_rows)?,
            claims: TableFile::create(&c, claims_columns, Some(POINTS), group_rows)?,
            routes: TableFile::create(&r, routes(&[]), None, group_rows)?,
            order: Vec::new(),
            failed: None,
        })
    }

    /// Take the rows of a chunk of loaded articles out of the articles'
    /// tables (their points stay) into the tables' files.
    pub fn take(&mut self, chunk: &mut [&mut (ArticleTables, ArticleFacts)]) {
        let mut source_rows = Vec::new();
        let mut claim_rows = Vec::new();
        let mut route_rows = Vec::new();
        for (t, _) in chunk.iter_mut() {
            self.order
                .push((Arc::from(t.article.row.id.as_str()), t.claims.len()));
            source_rows.append(&mut t.sources);
            claim_rows.append(&mut t.claims);
            route_rows.append(&mut t.routes);
            t.sources.shrink_to_fit();
            t.claims.shrink_to_fit();
            t.routes.shrink_to_fit();
        }
        if self.failed.is_some() {
            return;
        }
        let written = (|| {
            self.sources.write(sources(&source_rows))?;
            self.claims.write(claims(&claim_rows))?;
            self.routes.write(routes(&route_rows))
        })();
        self.failed = written.err();
    }

    /// The corpus is in: finish the sources and routes files, and encode the
    /// claims still under way, so that no rows wait while the corpus is
    /// assessed. What is left is the claims' points.
    pub fn loaded(self) -> io::Result<HeldClaims> {
        let Stream {
            sources,
            mut claims,
            routes,
            order,
            failed,
        } = self;
        if let Some(e) = failed {
            return Err(e);
        }
        let ((s, r), c) = rayon::join(
            || rayon::join(|| sources.finish(None), || routes.finish(None)),
            || claims.close_group(),
        );
        s.and(r).and(c)?;
        Ok(HeldClaims { claims, order })
    }
}

/// The claims table once the corpus is in, every row group encoded but for
/// the points.
pub struct HeldClaims {
    claims: TableFile,
    /// Each article whose claims were written, with how many, in row order.
    order: Vec<(Arc<str>, usize)>,
}

impl HeldClaims {
    /// The claims written.
    pub fn claims(&self) -> usize {
        self.order.iter().map(|(_, n)| n).sum()
    }

    /// Finish the claims table, the points now known from `t` (whose
    /// articles are the ones taken), and write the corpus-wide tables
    /// beside it in `dir`, all four in parallel. The first error, in the
    /// order of [`FILES`], is the one returned.
    pub fn finish(self, dir: &Path, t: &Tables, registry: &Outlets) -> io::Result<()> {
        let HeldClaims { claims: c, order } = self;
        // The points in row order: each article's, found by id.
        let mut points: Vec<Option<f64>> = Vec::with_capacity(order.iter().map(|o| o.1).sum());
        for (id, n) in &order {
            let found = t
                .articles
                .binary_search_by(|a| a.article.row.id.as_str().cmp(id))
                .ok()
                .map(|i| &t.articles[i].points)
                .filter(|p| p.len() == *n)
                .ok_or_else(|| {
                    io::Error::other(format!("the points of article `{id}` are missing"))
                })?;
            points.extend_from_slice(found);
        }
        drop(order);
        let [a, _, _, _, o, d] = FILES.map(|f| dir.join(f));
        let mut results: [io::Result<()>; 4] = std::array::from_fn(|_| Ok(()));
        let [ra, rc, ro, rd] = &mut results;
        let points = &points;
        rayon::scope(|scope| {
            // The largest table first, so it is under way before the others.
            scope.spawn(move |_| {
                *rc = c.finish(Some(&|rows| float("points", points[rows].iter().copied())))
            });
            scope.spawn(|_| *ra = write_table(&a, t.articles.len(), &|r| articles(&t.articles[r])));
            scope.spawn(|_| *ro = write_table(&o, t.outlets.len(), &|r| outlets(&t.outlets[r])));
            scope.spawn(|_| {
                *rd = write_table(&d, t.drift.len(), &|r| {
                    let rows: Vec<DriftRec> = t.drift[r]
                        .iter()
                        .map(|f| t.drift_row(f, registry))
                        .collect();
                    drift(&rows)
                })
            });
        });
        results.into_iter().collect()
    }
}

/// Whether the file at `path` is a Parquet file claimtrail wrote (a regular
/// file: anything else, a FIFO included, is not waited on).
pub fn is_ours(path: &Path) -> bool {
    let Ok(file) = crate::load::open_regular(path, true) else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tables::article_tables;
    use crate::load::{self, LoadOptions};
    use crate::metrics;
    use crate::score::Weights;
    use crate::trail;
    use parquet::record::Field;
    use std::collections::HashMap;

    const OUTLETS: &str = "[example-daily]\nname = \"Example Daily\"\nkind = \"newspaper\"\n";

    /// Article `n` of five, on day `n`: the shared claim `cyber`, hedged
    /// in the first article only, and a claim of its own.
    fn article(n: usize) -> String {
        let hedge = if n == 1 { "hedge = \"believed\"\n" } else { "" };
        format!(
            "[article]\ntitle = \"Story {n}\"\noutlet = \"example-daily\"\npublished = 2019-03-0{n}\n\n\
             [sources.official]\nname = \"Jane Doe\"\n\n\
             [[claims]]\nid = \"cyber\"\ntext = \"Cyber troops arrived.\"\nsource = \"official\"\n\
             said = 2019-03-0{n}\n{hedge}\n\
             [[claims]]\nid = \"local-{n}\"\ntext = \"Something happened in town {n}.\"\n\
             source = \"official\"\nsaid = 2019-03-0{n}\n"
        )
    }

    /// (article, claim) → points, from `claims.parquet`, and its row groups.
    fn read_points(path: &Path) -> (HashMap<(String, String), Option<f64>>, usize) {
        let reader = SerializedFileReader::new(File::open(path).unwrap()).unwrap();
        let groups = reader.metadata().num_row_groups();
        let mut points = HashMap::new();
        for row in reader.get_row_iter(None).unwrap() {
            let row = row.unwrap();
            let field = |name: &str| {
                row.get_column_iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, f)| f.clone())
                    .unwrap()
            };
            let (Field::Str(article), Field::Str(claim)) = (field("article"), field("claim"))
            else {
                panic!("article and claim are text")
            };
            let value = match field("points") {
                Field::Double(p) => Some(p),
                Field::Null => None,
                other => panic!("points are a double, not {other:?}"),
            };
            assert!(
                points.insert((article, claim), value).is_none(),
                "one row per claim"
            );
        }
        (points, groups)
    }

    #[test]
    fn streamed_claims_get_the_points_the_whole_corpus_gives_them() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("claims");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join("outlets.toml"), OUTLETS).unwrap();
        for n in 1..=5 {
            std::fs::write(corpus.join(format!("a{n}.toml")), article(n)).unwrap();
        }
        let opts = LoadOptions {
            paths: vec![corpus.clone()],
            ..LoadOptions::default()
        };
        let weights = Weights::default();
        // Files 2 at a time: chunks of 4, 4 and 2 claims. Groups of at least
        // 3 rows close at each chunk, so three row groups, each held for its
        // points; groups of at least 9 rows close once, with all three
        // chunks' rows in one group, written to each column in turn.
        let mut read = Vec::new();
        for (group_rows, want_groups) in [(3, 3), (9, 1)] {
            let out = tmp.path().join(format!("out-{group_rows}"));
            std::fs::create_dir(&out).unwrap();
            let mut stream = Stream::with_group_rows(&out, group_rows).unwrap();
            let mut chunks = Vec::new();
            let loaded = load::load_in_chunks(
                &opts,
                &|_, _| {},
                2,
                |a, _, outlets| article_tables(a, outlets, &weights),
                &mut |chunk| {
                    chunks.push(chunk.len());
                    stream.take(chunk);
                },
            );
            assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
            assert_eq!(chunks, [2, 2, 1]);
            let held = stream.loaded().unwrap();
            let t = Tables::new(loaded.items, &loaded.outlets, &weights);
            assert_eq!(held.claims(), 10);
            held.finish(&out, &t, &loaded.outlets).unwrap();
            let (points, groups) = read_points(&out.join("claims.parquet"));
            assert_eq!(groups, want_groups, "groups of at least {group_rows} rows");
            read.push(points);
        }
        let points = read.pop().unwrap();
        assert_eq!(read[0], points, "the same points, however grouped");

        // What `report --article` gives each claim, the corpus applied.
        let loaded = load::load(&opts, |a, _, outlets| {
            (
                metrics::explain(&a, outlets, &weights),
                trail::facts(&a, |_| true),
            )
        });
        let (mut explained, facts): (Vec<_>, Vec<_>) = loaded.items.into_iter().unzip();
        metrics::explained_in_corpus(&mut explained, &facts, &loaded.outlets, &weights);
        let mut want = HashMap::new();
        for e in &explained {
            for c in &e.claim_rows {
                want.insert((e.row.id.clone(), c.id.clone()), c.points);
            }
        }
        assert_eq!(points, want);
        // By hand: every claim is named and dated (100 points); `cyber`
        // drops the first article's hedge in each later one (15 points).
        let at = |a: &str, c: &str| points[&(a.to_string(), c.to_string())];
        assert_eq!(at("a2", "cyber"), Some(85.0));
        assert_eq!(at("a5", "cyber"), Some(85.0));
        assert_eq!(at("a5", "local-5"), Some(100.0));
    }
}
