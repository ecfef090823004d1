//! The plain configuration a run works from: the command line already turned
//! into values, so nothing past `main` sees the argument parser.

use crate::render::{Format, Terminal};
pub use crate::schema::SchemaKind;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    pub command: Command,
    /// `--config FILE`; otherwise `claimtrail.toml` is searched for.
    pub settings: Option<PathBuf>,
    /// Where to start looking for `claimtrail.toml` (the current folder).
    pub cwd: PathBuf,
    /// `--max-file-size`, over the settings file.
    pub max_file_size: Option<u64>,
    pub quiet: bool,
    /// Colour for diagnostics on stderr.
    pub color_err: bool,
    pub term: Terminal,
}

/// Which of `check`'s findings to show, and how.
#[derive(Clone, Debug, Default)]
pub struct Focus {
    /// `--code`: only these codes (as typed; checked by the command).
    pub codes: Vec<String>,
    /// `--file`: only files matching one of these globs.
    pub files: Vec<String>,
    /// `--summary`: a count per code instead of each finding.
    pub summary: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
}

#[derive(Clone, Debug)]
pub enum Command {
    Check {
        paths: Vec<PathBuf>,
        format: CheckFormat,
        deny_warnings: bool,
        focus: Focus,
    },
    /// `report`: one row per article and the corpus total.
    Report {
        paths: Vec<PathBuf>,
        format: ReportFormat,
    },
    /// `report --article ID`: one article explained claim by claim (no
    /// HTML: the HTML report shows the whole corpus).
    ReportArticle {
        paths: Vec<PathBuf>,
        id: String,
        format: Format,
    },
    /// `report --out DIR`: write the Markdown snapshot instead of printing.
    ReportSnapshot {
        paths: Vec<PathBuf>,
        target: Snapshot,
    },
    Sources {
        paths: Vec<PathBuf>,
        format: Format,
    },
    Trace {
        claim: String,
        paths: Vec<PathBuf>,
        format: TraceFormat,
    },
    Claims {
        paths: Vec<PathBuf>,
        format: Format,
        /// Only claims in two or more articles.
        tracked: bool,
        /// Only claims with drift.
        drift: bool,
        /// Only claims matching these words, ranked (see `claims --search`).
        search: Option<String>,
    },
    /// Print the JSON Schema of a kind of file.
    Schema {
        kind: SchemaKind,
    },
    /// Create an article file from a template.
    New(NewArticle),
    /// `export`: the corpus as tables (Parquet), schema.org JSON-LD, PROV-O or CSV.
    Export {
        paths: Vec<PathBuf>,
        format: ExportFormat,
    },
    /// `export --sql`: print the queries over the exported tables.
    ExportSql,
    /// `import csv FILE --out DIR`: a newsroom sheet into article files.
    ImportCsv(ImportCsv),
    /// Lay out annotation files.
    Fmt {
        paths: Vec<PathBuf>,
        /// Report what would change; write nothing.
        check: bool,
    },
    /// Draft annotations from article texts.
    Draft(DraftArgs),
    /// Agreement between two annotations of one article.
    Agree {
        a: PathBuf,
        b: PathBuf,
        json: bool,
        /// Exit 1 when the claims' F1 is below this.
        min_f1: Option<f64>,
    },
}

impl Command {
    /// The corpus paths the command works on (none for `schema` and `new`,
    /// whose file is not a corpus yet).
    pub fn paths(&self) -> &[PathBuf] {
        match self {
            Command::Check { paths, .. }
            | Command::Report { paths, .. }
            | Command::ReportArticle { paths, .. }
            | Command::ReportSnapshot { paths, .. }
            | Command::Sources { paths, .. }
            | Command::Trace { paths, .. }
            | Command::Claims { paths, .. }
            | Command::Export { paths, .. }
            | Command::Fmt { paths, .. } => paths,
            Command::Draft(d) => std::slice::from_ref(&d.corpus_or_cwd),
            Command::Schema { .. }
            | Command::New(_)
            | Command::Agree { .. }
            | Command::ExportSql
            | Command::ImportCsv(_) => &[],
        }
    }
}

/// `report --out DIR [--check]`.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub dir: PathBuf,
    /// Compare with what is in `dir`; write nothing.
    pub check: bool,
    /// An HTML site (index.html and a page per article) instead of Markdown.
    pub html: bool,
}

/// `draft PATH... [--outlet ID] [--published DATE] [--language CODE] [--corpus DIR] [--out FILE|DIR]`.
#[derive(Clone, Debug)]
pub struct DraftArgs {
    /// Files, folders, or `-` for standard input.
    pub paths: Vec<PathBuf>,
    pub outlet: Option<String>,
    /// As typed; validated as a date by the command.
    pub published: Option<String>,
    pub language: Option<String>,
    /// `--corpus DIR`; otherwise the nearest corpus.
    pub corpus: Option<PathBuf>,
    /// Where settings are looked for: the corpus, else the current folder.
    pub corpus_or_cwd: PathBuf,
    pub out: Option<PathBuf>,
}

/// `new PATH --outlet ID --title TEXT [--url URL] [--published DATE]`.
#[derive(Clone, Debug)]
pub struct NewArticle {
    pub path: PathBuf,
    pub outlet: String,
    pub title: String,
    pub url: Option<String>,
    /// As typed; validated as a TOML date by the command.
    pub published: Option<String>,
    pub language: Option<String>,
    /// The bylines, in order (`--byline` given once per name).
    pub byline: Vec<String>,
}

/// `report` takes the text formats and a self-contained HTML page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Text(Format),
    Html,
}

/// `trace` takes the text formats and two graph syntaxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceFormat {
    Text(Format),
    Dot,
    Mermaid,
}

/// What `export` writes: a folder of Parquet files, or one document on
/// standard output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One Parquet file per table, in the folder `dir` (`--out DIR`).
    Parquet { dir: PathBuf },
    /// schema.org `Claim`s in JSON-LD.
    JsonLd,
    /// W3C PROV-O in JSON-LD.
    Prov,
    /// The one-row-per-claim sheet `import csv` reads.
    Csv,
}

/// `import csv FILE --out DIR [--map HEADER=COLUMN]... [--outlets FILE]`.
#[derive(Clone, Debug)]
pub struct ImportCsv {
    pub file: PathBuf,
    pub out: PathBuf,
    /// Headers of the sheet mapped onto the import's column names.
    pub map: Vec<(String, String)>,
    /// A registry to copy as the new corpus's `outlets.toml`.
    pub outlets: Option<PathBuf>,
}
