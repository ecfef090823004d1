//! The tables as Parquet files: one file per table, typed columns (dates as
//! Date32, counts as Int64, flags as booleans, rates and scores as Float64),
//! snappy-compressed. Each file carries a `claimtrail` key in its footer,
//! by which a later export knows the file as its own.
//!
//! The large tables (sources, claims, routes) are written as the corpus
//! loads ([`Stream`]), [`CHUNK`] files at a time, in the order the files
//! load: their rows are encoded and leave memory at once. A claim's points
//! are known only once the whole corpus is in (drift and corroboration
//! change them), so the claims' row groups wait, encoded and compressed,
//! for that one column. The corpus-wide tables (articles, in id order,
//! outlets and drift) are written at the end.

use super::tables::{ArticleTables, ClaimRec, DriftRec, OutletRec, RouteRec, SourceRec, Tables};
use crate::model::Outlets;
use crate::trail::ArticleFacts;
use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_writer::{
    ArrowColumnChunk, ArrowColumnWriter, ArrowLeafColumn, ArrowRowGroupWriterFactory,
    compute_leaves,
};
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::ColumnPath;
use rayon::prelude::*;
use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// Rows per row group of the tables written at the end, and the least per
/// row group of the streamed ones (a group closes at the first chunk that
/// fills it).
pub const BATCH: usize = 64 * 1024;

/// Rows per record batch of the tables written at the end (their row
/// groups still hold up to [`BATCH`] rows): a drift message is written
/// only when its batch is.
const END_BATCH: usize = 4096;

/// Files loaded between two writes of the streamed tables.
pub const CHUNK: usize = 128;

/// The columns written without a dictionary, in any table: free text, and
/// claim ids, which within a row group are nearly all distinct too (a
/// claim appears in a handful of articles among thousands).
const NO_DICTIONARY: [&str; 7] = ["title", "file", "url", "text", "quote", "message", "claim"];

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

fn text<'a, I: Iterator<Item = &'a str>>(name: &str, values: impl Fn() -> I) -> Column {
    opt_text_with(name, false, || values().map(Some))
}

fn opt_text<'a, I: Iterator<Item = Option<&'a str>>>(name: &str, values: impl Fn() -> I) -> Column {
    opt_text_with(name, true, values)
}

/// A string column built in buffers of the size it needs, measured first,
/// so that no value is copied twice as they grow.
fn opt_text_with<'a, I: Iterator<Item = Option<&'a str>>>(
    name: &str,
    nullable: bool,
    values: impl Fn() -> I,
) -> Column {
    let (items, bytes) = values().fold((0, 0), |(n, b), v| (n + 1, b + v.map_or(0, str::len)));
    let mut builder = StringBuilder::with_capacity(items, bytes);
    for v in values() {
        builder.append_option(v);
    }
    (
        Field::new(name, DataType::Utf8, nullable),
        Arc::new(builder.finish()),
    )
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

fn articles(rows: &[ArticleTables]) -> io::Result<RecordBatch> {
    let r = || rows.iter().map(|a| &a.article);
    batch(vec![
        text("id", || r().map(|a| a.row.id.as_str())),
        text("file", || r().map(|a| a.file.as_str())),
        text("title", || r().map(|a| a.row.title.as_str())),
        text("outlet", || r().map(|a| a.row.outlet.as_str())),
        date("published", r().map(|a| a.row.published)),
        opt_text("language", || r().map(|a| a.language.as_deref())),
        opt_text("url", || r().map(|a| a.url.as_deref())),
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
        opt_text("grade", || {
            r().map(|a| a.row.score.is_some().then_some(a.row.grade))
        }),
    ])
}

fn sources(rows: &[SourceRec]) -> io::Result<RecordBatch> {
    let r = || rows.iter();
    batch(vec![
        text("article", || r().map(|s| &*s.article)),
        text("source", || r().map(|s| s.source.as_str())),
        opt_text("name", || r().map(|s| s.name.as_deref())),
        flag("anonymous", r().map(|s| s.anonymous)),
        opt_text("description", || r().map(|s| s.description.as_deref())),
        opt_text("reason", || r().map(|s| s.reason.as_deref())),
        opt_text("role", || r().map(|s| s.role.as_deref())),
        opt_text("affiliation", || r().map(|s| s.affiliation.as_deref())),
        opt_text("country", || r().map(|s| s.country.as_deref())),
        text("kind", || r().map(|s| s.kind)),
    ])
}

/// The claims' rows; `points` holds nulls, filled in at the end (see
/// [`Stream`]).
fn claims(rows: &[ClaimRec]) -> io::Result<RecordBatch> {
    let r = || rows.iter();
    batch(vec![
        text("article", || r().map(|c| &*c.article)),
        text("claim", || r().map(|c| &*c.claim)),
        text("text", || r().map(|c| c.text.as_str())),
        opt_text("quote", || r().map(|c| c.quote.as_deref())),
        opt_text("source", || r().map(|c| c.source.as_deref())),
        text("class", || r().map(|c| c.class.as_str())),
        text("kind", || r().map(|c| c.kind)),
        flag("key", r().map(|c| c.key)),
        opt_text("hedge", || r().map(|c| c.hedge.as_deref())),
        date("said", r().map(|c| c.said)),
        float("points", r().map(|_| None)),
        int("routes", r().map(|c| c.routes)),
    ])
}

fn routes(rows: &[RouteRec]) -> io::Result<RecordBatch> {
    let r = || rows.iter();
    batch(vec![
        text("article", || r().map(|h| &*h.article)),
        text("claim", || r().map(|h| &*h.claim)),
        int("route", r().map(|h| h.route)),
        int("hop", r().map(|h| h.hop)),
        text("outlet", || r().map(|h| &*h.outlet)),
    ])
}

fn outlets(rows: &[OutletRec]) -> io::Result<RecordBatch> {
    let r = || rows.iter();
    batch(vec![
        text("id", || r().map(|o| o.id.as_str())),
        text("name", || r().map(|o| o.name.as_str())),
        opt_text("kind", || r().map(|o| o.kind)),
        opt_text("country", || r().map(|o| o.country.as_deref())),
        opt_text("ownership", || r().map(|o| o.ownership)),
    ])
}

fn drift(rows: &[DriftRec]) -> io::Result<RecordBatch> {
    let r = || rows.iter();
    batch(vec![
        text("claim", || r().map(|d| d.claim)),
        text("article", || r().map(|d| d.article)),
        text("code", || r().map(|d| d.code)),
        text("earlier_article", || r().map(|d| d.earlier_article)),
        text("message", || r().map(|d| d.message.as_str())),
    ])
}

/// How every table is written: snappy, no dictionary for free text and
/// claim ids, and claimtrail's key in the footer.
fn properties() -> WriterProperties {
    let mut props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_size(BATCH);
    // A dictionary of nearly distinct values would be hashed value by value
    // and held to the row group's end (a claims row group's, to the
    // corpus's), only to be dropped for plain encoding.
    for column in NO_DICTIONARY {
        props = props.set_column_dictionary_enabled(ColumnPath::from(column), false);
    }
    props
        .set_key_value_metadata(Some(vec![KeyValue::new(
            MARKER_KEY.to_string(),
            env!("CARGO_PKG_VERSION").to_string(),
        )]))
        .build()
}

/// Write a table of `rows` rows to `path`, [`END_BATCH`] rows at a time,
/// each batch made by `make` when it is written. A table with no rows
/// still gets its file, with its columns.
fn write_table(
    path: &Path,
    rows: usize,
    make: &dyn Fn(Range<usize>) -> io::Result<RecordBatch>,
) -> io::Result<()> {
    let file = File::create(path)?;
    let empty = make(0..0)?;
    let mut writer =
        ArrowWriter::try_new(file, empty.schema(), Some(properties())).map_err(io::Error::other)?;
    for start in (0..rows).step_by(END_BATCH) {
        let batch = make(start..rows.min(start + END_BATCH))?;
        writer.write(&batch).map_err(io::Error::other)?;
    }
    let file = writer.into_inner().map_err(io::Error::other)?;
    file.sync_all()
}

/// One table written as the corpus loads, its columns encoded in parallel.
struct Streamed {
    file: SerializedFileWriter<File>,
    factory: ArrowRowGroupWriterFactory,
    schema: SchemaRef,
    /// The writers of the row group under way (none between groups).
    open: Vec<ArrowColumnWriter>,
    open_rows: usize,
    /// Row groups closed so far.
    groups: usize,
    /// The least rows of a row group: it closes at the first write that
    /// fills it.
    group_rows: usize,
    /// The column written once the corpus is in (the claims' points), if any.
    later: Option<usize>,
    /// With `later`: each closed group's rows and its other columns' chunks.
    held: Vec<(usize, Vec<ArrowColumnChunk>)>,
}

impl Streamed {
    fn create(
        path: &Path,
        schema: SchemaRef,
        later: Option<usize>,
        group_rows: usize,
    ) -> io::Result<Streamed> {
        let writer = ArrowWriter::try_new(File::create(path)?, schema.clone(), Some(properties()))
            .map_err(io::Error::other)?;
        let (file, factory) = writer.into_serialized_writer().map_err(io::Error::other)?;
        Ok(Streamed {
            file,
            factory,
            schema,
            open: Vec::new(),
            open_rows: 0,
            groups: 0,
            group_rows,
            later,
            held: Vec::new(),
        })
    }

    /// Encode a batch of rows (all but the `later` column) into the row group
    /// under way, closing it once it holds `group_rows` rows.
    fn write(&mut self, batch: &RecordBatch) -> io::Result<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        if self.open.is_empty() {
            self.open = self
                .factory
                .create_column_writers(self.groups)
                .map_err(io::Error::other)?;
        }
        let mut leaves: Vec<Option<ArrowLeafColumn>> = Vec::with_capacity(self.open.len());
        for (i, (field, column)) in self.schema.fields().iter().zip(batch.columns()).enumerate() {
            // Every column is flat: one leaf each.
            let leaf = compute_leaves(field, column)
                .map_err(io::Error::other)?
                .pop();
            leaves.push(leaf.filter(|_| Some(i) != self.later));
        }
        self.open
            .par_iter_mut()
            .zip(leaves.into_par_iter())
            .try_for_each(|(writer, leaf)| match leaf {
                Some(leaf) => writer.write(&leaf),
                None => Ok(()),
            })
            .map_err(io::Error::other)?;
        self.open_rows += batch.num_rows();
        if self.open_rows >= self.group_rows {
            self.close_group()?;
        }
        Ok(())
    }

    /// Close the row group under way: into the file, or held for `later`.
    fn close_group(&mut self) -> io::Result<()> {
        if self.open.is_empty() {
            return Ok(());
        }
        let later = self.later;
        let chunks: Vec<ArrowColumnChunk> = std::mem::take(&mut self.open)
            .into_par_iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != later)
            .map(|(_, writer)| writer.close())
            .collect::<Result<_, _>>()
            .map_err(io::Error::other)?;
        let rows = std::mem::take(&mut self.open_rows);
        self.groups += 1;
        if later.is_some() {
            self.held.push((rows, chunks));
            Ok(())
        } else {
            self.append(chunks)
        }
    }

    fn append(&mut self, chunks: Vec<ArrowColumnChunk>) -> io::Result<()> {
        let mut group = self.file.next_row_group().map_err(io::Error::other)?;
        for chunk in chunks {
            chunk
                .append_to_row_group(&mut group)
                .map_err(io::Error::other)?;
        }
        group.close().map_err(io::Error::other)?;
        Ok(())
    }

    /// Close the last row group, give the held ones their `later` column
    /// (`values` of a range of rows), and finish the file on disk.
    fn finish(mut self, values: Option<&dyn Fn(Range<usize>) -> ArrayRef>) -> io::Result<()> {
        self.close_group()?;
        if let Some(at) = self.later {
            let values =
                values.ok_or_else(|| io::Error::other("a column is left without values"))?;
            let field = self.schema.field(at).clone();
            let mut start = 0;
            for (g, (rows, mut chunks)) in std::mem::take(&mut self.held).into_iter().enumerate() {
                let mut writer = self
                    .factory
                    .create_column_writers(g)
                    .map_err(io::Error::other)?
                    .swap_remove(at);
                for leaf in compute_leaves(&field, &values(start..start + rows))
                    .map_err(io::Error::other)?
                {
                    writer.write(&leaf).map_err(io::Error::other)?;
                }
                chunks.insert(at, writer.close().map_err(io::Error::other)?);
                self.append(chunks)?;
                start += rows;
            }
        }
        let file = self.file.into_inner().map_err(io::Error::other)?;
        file.sync_all()
    }
}

/// The export under way: the streamed tables, fed chunk by chunk as the
/// corpus loads ([`Stream::take`]), then, once it is in, all finished but
/// the claims ([`Stream::loaded`]), which wait for their points and are
/// written with the corpus-wide tables ([`HeldClaims::finish`]).
pub struct Stream {
    sources: Streamed,
    claims: Streamed,
    routes: Streamed,
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
        Stream::with_group_rows(dir, BATCH)
    }

    fn with_group_rows(dir: &Path, group_rows: usize) -> io::Result<Stream> {
        let [_, s, c, r, _, _] = FILES.map(|f| dir.join(f));
        let claims_schema = claims(&[])?.schema();
        debug_assert_eq!(claims_schema.field(POINTS).name(), "points");
        Ok(Stream {
            sources: Streamed::create(&s, sources(&[])?.schema(), None, group_rows)?,
            claims: Streamed::create(&c, claims_schema, Some(POINTS), group_rows)?,
            routes: Streamed::create(&r, routes(&[])?.schema(), None, group_rows)?,
            order: Vec::new(),
            failed: None,
        })
    }

    /// Write the rows of a chunk of loaded articles, taking them out of
    /// the articles' tables (their points stay).
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
            self.sources.write(&sources(&source_rows)?)?;
            self.claims.write(&claims(&claim_rows)?)?;
            self.routes.write(&routes(&route_rows)?)
        })();
        self.failed = written.err();
    }

    /// The corpus is in: finish the sources and routes files, and encode the
    /// claims still under way, so that no writer holds a page while the
    /// corpus is assessed. What is left is the claims' points.
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
    claims: Streamed,
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
                *rc = c.finish(Some(&|rows| {
                    Arc::new(Float64Array::from(points[rows].to_vec()))
                }))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tables::article_tables;
    use crate::load::{self, LoadOptions};
    use crate::metrics;
    use crate::score::Weights;
    use crate::trail;
    use arrow_array::{Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
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
        let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
        let groups = reader.metadata().num_row_groups();
        let mut points = HashMap::new();
        for batch in reader.build().unwrap() {
            let batch = batch.unwrap();
            let text = |name: &str| {
                batch
                    .column_by_name(name)
                    .unwrap()
                    .as_any()
                    .downcast_ref::<StringArray>()
                    .unwrap()
                    .clone()
            };
            let (article, claim) = (text("article"), text("claim"));
            let column = batch.column_by_name("points").unwrap();
            let p = column.as_any().downcast_ref::<Float64Array>().unwrap();
            for i in 0..batch.num_rows() {
                let value = (!p.is_null(i)).then(|| p.value(i));
                let key = (article.value(i).to_string(), claim.value(i).to_string());
                assert!(points.insert(key, value).is_none(), "one row per claim");
            }
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
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        // Groups of at least 3 rows, files 2 at a time: chunks of 4, 4 and 2
        // claims, so three row groups, each held for its points.
        let mut stream = Stream::with_group_rows(&out, 3).unwrap();
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
        assert_eq!(groups, 3);

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
