//! The command line, and only the command line: clap derive types and their
//! conversion into the plain `Config` the library runs on, which fails with a
//! usage error (for `main` to print) where options clash in a way clap cannot
//! check by itself. Shell completions and the man page are made here too,
//! since they are made from the clap definitions themselves.

use claimtrail::Exit;
use claimtrail::options::{
    CheckFormat, Command, Config, DraftArgs, ExportFormat, Focus, ImportCsv, NewArticle,
    ReportFormat, SchemaKind, Snapshot, TraceFormat,
};
use claimtrail::render::{Format, Terminal};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Source attribution and claim tracking for news reporting.
///
/// Annotate each article's claims in a TOML file (who said it, named or
/// anonymous; through which outlets; when; how hedged), then check the corpus,
/// report its sourcing, and follow claims across articles.
#[derive(Debug, Parser)]
#[command(name = "claimtrail", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Cmd,

    /// When to use colour: auto (a terminal without NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Settings file (default: the nearest claimtrail.toml at or above the corpus
    /// folder, else at or above the current folder).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Fit tables to this many columns [default: $COLUMNS, else the terminal's
    /// width; when piped, every column at full width].
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,

    /// Show every column of a table at full width, whatever the terminal's width.
    #[arg(long, global = true, conflicts_with = "width")]
    pub wide: bool,

    /// Refuse files larger than this many bytes [default: 134217728].
    #[arg(long, global = true, value_name = "BYTES")]
    pub max_file_size: Option<u64>,

    /// CSV cells byte for byte: no `'` before a cell a spreadsheet would run
    /// as a formula, control characters as they are. For pipelines, not for
    /// spreadsheets.
    #[arg(long, global = true)]
    pub csv_raw: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A clap value enum and its conversion into the library's type: each value
/// is listed once, with its help and the value it becomes, and the
/// conversion's `match` fails to compile if one is left out.
macro_rules! value_enum {
    (
        $(#[$meta:meta])*
        $name:ident => $target:ty {
            $($(#[$vmeta:meta])* $variant:ident => $value:expr,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl From<$name> for $target {
            fn from(value: $name) -> $target {
                match value {
                    $($name::$variant => $value,)*
                }
            }
        }
    };
}

value_enum! {
    CheckFormatArg => CheckFormat {
        /// rustc-style diagnostics.
        Human => CheckFormat::Human,
        /// A JSON array of diagnostics.
        Json => CheckFormat::Json,
        /// GitHub Actions workflow annotations.
        Github => CheckFormat::Github,
    }
}

value_enum! {
    FormatArg => Format {
        /// A table fitted to the terminal.
        Table => Format::Table,
        /// GitHub-flavoured Markdown.
        Markdown => Format::Markdown,
        /// JSON with a documented, stable shape.
        Json => Format::Json,
        /// CSV with a header row.
        Csv => Format::Csv,
    }
}

value_enum! {
    ReportFormatArg => ReportFormat {
        /// A table fitted to the terminal.
        Table => ReportFormat::Text(Format::Table),
        /// GitHub-flavoured Markdown.
        Markdown => ReportFormat::Text(Format::Markdown),
        /// JSON with a documented, stable shape.
        Json => ReportFormat::Text(Format::Json),
        /// CSV with a header row.
        Csv => ReportFormat::Text(Format::Csv),
        /// A self-contained HTML page (with --out: a site, index.html and one page per article).
        Html => ReportFormat::Html,
    }
}

value_enum! {
    TraceFormatArg => TraceFormat {
        /// A table fitted to the terminal.
        Table => TraceFormat::Text(Format::Table),
        /// GitHub-flavoured Markdown.
        Markdown => TraceFormat::Text(Format::Markdown),
        /// JSON with a documented, stable shape.
        Json => TraceFormat::Text(Format::Json),
        /// CSV with a header row (the appearances).
        Csv => TraceFormat::Text(Format::Csv),
        /// A Graphviz graph: `claimtrail trace ID --format dot | dot -Tsvg`.
        Dot => TraceFormat::Dot,
        /// A Mermaid flowchart.
        Mermaid => TraceFormat::Mermaid,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AgreeFormatArg {
    /// The figures, then each disagreement on its own line.
    Table,
    /// Every figure, as JSON.
    Json,
}

/// `export --format`: turned, with `--out`, into an `ExportFormat` by
/// `export_format`, since Parquet alone takes a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// One Parquet file per table in the --out folder.
    Parquet,
    /// schema.org `Claim`s in JSON-LD.
    Jsonld,
    /// The relay routes as W3C PROV-O in JSON-LD.
    Prov,
    /// One row per claim, the sheet `import csv` reads.
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// A sheet with one row per claim (the columns `export --format csv` writes).
    #[command(
        after_help = "Examples:\n  claimtrail import csv sources.csv --out claims/imported\n  claimtrail import csv sheet.csv --out corpus --map 'Speaker name=speaker' --outlets claims/outlets.toml\n\nColumns (matched by header, case and spaces aside): article, title, outlet, date, url,\nlanguage, byline, claim, text, quote, speaker, anonymous, description, reason, role,\naffiliation, country, speaker_kind, source, via, hedge, said, kind, key. `via` holds\nroutes apart by `;`, hops by `>` (`interfax > reuters; cnn`).\n\nNever overwrites a file. A row with a problem is reported at its line and column and\nleft out; the other rows are imported.\nExit status: 0 every row imported, 1 some rows or files left out, 2 usage or I/O failure."
    )]
    Csv {
        /// The CSV file.
        file: PathBuf,
        /// The folder to write the article files into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Read the sheet's column HEADER as COLUMN (repeatable).
        #[arg(long, value_name = "HEADER=COLUMN", value_parser = parse_map)]
        map: Vec<(String, String)>,
        /// Copy this registry as DIR/outlets.toml [default: one listing the sheet's outlet ids,
        /// unless a registry already serves DIR].
        #[arg(long, value_name = "FILE")]
        outlets: Option<PathBuf>,
    },
}

fn parse_map(s: &str) -> Result<(String, String), String> {
    match s.rsplit_once('=') {
        Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
            Ok((from.to_string(), to.to_string()))
        }
        _ => Err(format!("`{s}` is not HEADER=COLUMN")),
    }
}

value_enum! {
    SchemaArg => SchemaKind {
        /// Article files.
        Article => SchemaKind::Article,
        /// The outlet registry, `outlets.toml`.
        Outlets => SchemaKind::Outlets,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DenyArg {
    /// Treat every warning as an error.
    Warnings,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Validate a corpus and lint it against sourcing standards.
    #[command(
        after_help = "Examples:\n  claimtrail check\n  claimtrail check claims/ --deny warnings --format github\n  claimtrail check claims/2019/new-article.toml   # that file, against its whole corpus\n  claimtrail check --code relay-uncredited --file '*reuters*'\n  claimtrail check --summary\n\nExit status: 0 no errors, 1 errors found, 2 usage or I/O failure."
    )]
    Check {
        /// Corpus folders or article files.
        #[arg(default_value = "claims")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormatArg::Human)]
        format: CheckFormatArg,
        /// `--deny warnings` turns every warning into an error.
        #[arg(long, value_enum)]
        deny: Option<DenyArg>,
        /// Print the summary line only.
        #[arg(long, short)]
        quiet: bool,
        /// Show only findings with this code (repeatable).
        #[arg(long = "code", value_name = "CODE")]
        codes: Vec<String>,
        /// Show only findings in files matching this glob (repeatable; `*` within a
        /// folder, `**` across folders; a glob without `/` matches the file name).
        #[arg(long = "file", value_name = "GLOB")]
        files: Vec<String>,
        /// Print how many findings each code has instead of each finding.
        #[arg(long)]
        summary: bool,
    },
    /// Sourcing quality and anonymity per article, with a score and grade.
    #[command(
        after_help = "Examples:\n  claimtrail report\n  claimtrail report --article 2019/manajemen-ti-pasukan-siber-rusia\n  claimtrail report --format json > report.json\n  claimtrail report --out reports           # one Markdown file per article, and an index\n  claimtrail report --out reports --check   # in CI: are the committed reports current?\n\nExit status: 0 success, 1 errors in the corpus (or, with --check, reports out of date), 2 usage or I/O failure."
    )]
    Report {
        #[arg(default_value = "claims")]
        paths: Vec<PathBuf>,
        /// Output format [default: table; with --out: markdown].
        #[arg(long, value_enum)]
        format: Option<ReportFormatArg>,
        /// Explain one article claim by claim.
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        /// Write reports into DIR: in Markdown, one per article (what `--article ID
        /// --format markdown` prints) and README.md with the corpus report linking to
        /// them; with `--format html`, index.html and one page per article.
        #[arg(long, value_name = "DIR", conflicts_with = "article")]
        out: Option<PathBuf>,
        /// With --out: write nothing; print a diff and exit 1 if DIR is not what the
        /// annotations give now.
        #[arg(long, requires = "out")]
        check: bool,
    },
    /// Speakers and outlets across the corpus.
    #[command(after_help = "Example:\n  claimtrail sources --format markdown")]
    Sources {
        #[arg(default_value = "claims")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = FormatArg::Table)]
        format: FormatArg,
    },
    /// Follow one claim across articles: origin, independent roots, drift.
    #[command(
        after_help = "Examples:\n  claimtrail trace ru-contingent-cyber-personnel\n  claimtrail trace ru-contingent-cyber-personnel --format dot | dot -Tsvg > trail.svg"
    )]
    Trace {
        /// The claim id, as used in `[[claims]]`.
        claim: String,
        #[arg(default_value = "claims")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = TraceFormatArg::Table)]
        format: TraceFormatArg,
    },
    /// Every claim id with its appearances, roots and drift.
    #[command(
        after_help = "Examples:\n  claimtrail claims --tracked\n  claimtrail claims --drift --format csv\n  claimtrail claims --search \"cyber personnel\""
    )]
    Claims {
        #[arg(default_value = "claims")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = FormatArg::Table)]
        format: FormatArg,
        /// Only claims that appear in two or more articles.
        #[arg(long)]
        tracked: bool,
        /// Only claims with attribution drift.
        #[arg(long)]
        drift: bool,
        /// Only claims whose id, text or quote hold every one of these words
        /// (case and accents aside), best matches first, each with its first
        /// article and its text there.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
    },
    /// Print the JSON Schema (draft-07) of article files or of outlets.toml, for editors.
    #[command(
        after_help = "Examples:\n  claimtrail schema > schema.json\n  claimtrail schema outlets > outlets.schema.json\n\nThen point your editor at it: a `#:schema ./schema.json` first line in a file, or a\n.taplo.toml rule (see the README)."
    )]
    Schema {
        /// Which file to describe.
        #[arg(value_enum, default_value_t = SchemaArg::Article)]
        kind: SchemaArg,
    },
    /// Create an article file with [article] filled in and the rest as commented examples.
    #[command(
        after_help = "Example:\n  claimtrail new claims/2019/ap-venezuela-troops.toml --outlet ap \\\n      --title \"Russian troops arrive in Venezuela\" --published 2019-03-24\n\nNever overwrites a file. The outlet must be in the nearest outlets.toml.\nExit status: 0 created, 2 usage or I/O failure (the file exists, an unknown outlet, a bad date)."
    )]
    New {
        /// The file to create (it must not exist).
        path: PathBuf,
        /// The publishing outlet: an id from outlets.toml.
        #[arg(long, value_name = "ID")]
        outlet: String,
        /// The headline.
        #[arg(long, value_name = "TEXT")]
        title: String,
        /// Where the article was published.
        #[arg(long)]
        url: Option<String>,
        /// The publication date: 2019-03-27, or an offset date-time.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// The article's language, a BCP 47 tag (en, id, pt-BR).
        #[arg(long, value_name = "TAG")]
        language: Option<String>,
        /// Who wrote it; give it once per name.
        #[arg(long, value_name = "NAME")]
        byline: Vec<String>,
    },
    /// Lay out annotation files in one style, keeping every comment.
    ///
    /// Keys and tables in the documented order, one blank line between tables,
    /// `key = value`, strings in double quotes.
    #[command(
        after_help = "Examples:\n  claimtrail fmt\n  claimtrail fmt claims/2019/reuters-russian-deployment-cyber.toml\n  claimtrail fmt --check   # in CI: print a diff, exit 1 if a file would change\n\nA file with errors is left alone. A file is written only if it loads to the same\narticle as before, and atomically.\nExit status: 0 success, 1 files would change (--check) or some were left (errors in them,\nnot writable, hard-linked, or unreadable), 2 usage or I/O failure."
    )]
    Fmt {
        /// Corpus folders or files.
        #[arg(default_value = "claims")]
        paths: Vec<PathBuf>,
        /// Write nothing; show the changes and exit 1 if there are any.
        #[arg(long)]
        check: bool,
    },
    /// Run the language server (LSP) over stdin and stdout, for editors.
    ///
    /// Diagnostics as you type, completion of source, outlet and claim ids,
    /// hover, go to definition, references, outline, formatting and quick
    /// fixes. The corpus is found from the editor's workspace folder (or the
    /// first file opened), as other commands find it.
    #[command(
        after_help = "Example (the command an editor runs):\n  claimtrail lsp\n\nEditors start it themselves; see the README's editor setup.
Exit status: 0 after the client's shutdown and exit, 1 otherwise."
    )]
    Lsp,
    /// Draft an annotation from an article's text, for a person to confirm and fix.
    ///
    /// Finds speakers (named, organisations, documents, anonymous with description and reason),
    /// relay routes, hedges, dates and quotes, with a comment on each saying why, and
    /// joins speakers and claim ids to the corpus. Unattributed sentences are proposed
    /// commented out.
    #[command(
        after_help = "Examples:\n  claimtrail draft article.txt --outlet reuters --published 2019-03-26\n  claimtrail draft page.html --out claims/2019/reuters-cyber.toml\n  claimtrail draft texts/ --out drafts/        # every .txt and .html, in parallel\n  curl -s URL | claimtrail draft - --outlet ap\n\nLanguages: en, id, de, es, fr (detected unless --language). Never overwrites a file.\nExit status: 0 drafted, 1 some inputs of several failed, 2 bad input or usage."
    )]
    Draft {
        /// Text or HTML files, folders of them, or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The publishing outlet: an id from outlets.toml (else told from the dateline).
        #[arg(long, value_name = "ID")]
        outlet: Option<String>,
        /// The publication date (2019-03-26), for "on Tuesday" and the like.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        /// The text's language, ISO 639-1 (en, id, de, es, fr); detected when absent.
        #[arg(long, value_name = "CODE")]
        language: Option<String>,
        /// The corpus the draft is for [default: the nearest one].
        #[arg(long, value_name = "DIR")]
        corpus: Option<PathBuf>,
        /// The file to write (one input) or folder (several); default: standard output.
        #[arg(long, value_name = "FILE|DIR")]
        out: Option<PathBuf>,
    },
    /// Agreement between two annotations of one article: claims P/R/F1, kappa, disagreements.
    ///
    /// A is the reference, B is measured against it. Claims pair by id, then by likeness
    /// (quote words found in the other claim, or shared words) of at least 0.5.
    #[command(
        after_help = "Examples:\n  claimtrail agree claims/2019/manajemen-ti-pasukan-siber-rusia.toml draft.toml\n  claimtrail agree a.toml b.toml --format json --min-f1 0.75\n\nExit status: 0 compared, 1 claims F1 below --min-f1, 2 a file has errors or usage."
    )]
    Agree {
        /// The reference annotation.
        a: PathBuf,
        /// The annotation measured against it.
        b: PathBuf,
        #[arg(long, value_enum, default_value_t = AgreeFormatArg::Table)]
        format: AgreeFormatArg,
        /// Exit 1 when the claims' F1 is below this (0 to 1).
        #[arg(long, value_name = "X")]
        min_f1: Option<f64>,
    },
    /// Export the corpus for other tools: Parquet tables, JSON-LD, PROV-O or CSV.
    #[command(
        after_help = "Examples:\n  claimtrail export --format parquet --out export/\n  claimtrail export --sql > queries.sql          # the SQL for DuckDB and Spark\n  claimtrail export --format jsonld > claims.jsonld\n  claimtrail export --format prov > provenance.jsonld\n  claimtrail export --format csv > claims.csv\n\nParquet files are written to a new folder that then takes DIR's place; DIR may hold\nonly an earlier export. Nothing is written when the corpus has errors.\nExit status: 0 success, 1 errors in the corpus, 2 usage or I/O failure."
    )]
    Export {
        #[arg(default_value = "claims")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ExportFormatArg::Parquet)]
        format: ExportFormatArg,
        /// The folder for the Parquet files.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print the SQL over the exported tables (DuckDB and Spark SQL) and exit.
        #[arg(long, conflicts_with_all = ["out", "format"])]
        sql: bool,
    },
    /// Import annotations from a newsroom spreadsheet.
    #[command(after_help = "Example:\n  claimtrail import csv sources.csv --out claims/imported")]
    Import {
        #[command(subcommand)]
        what: ImportCmd,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  claimtrail completions bash > ~/.local/share/bash-completion/completions/claimtrail\n  claimtrail completions zsh > ~/.zfunc/_claimtrail\n  claimtrail completions fish > ~/.config/fish/completions/claimtrail.fish"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): claimtrail's, or one subcommand's.
    #[command(
        after_help = "Examples:\n  claimtrail man > claimtrail.1\n  claimtrail man | man -l -\n  claimtrail man check | man -l -      # the page claimtrail-check(1)"
    )]
    Man {
        /// The subcommand whose page to print (claimtrail-SUBCOMMAND(1)).
        #[arg(value_parser = subcommand_names())]
        subcommand: Option<String>,
    },
}

/// The subcommands that have a man page of their own.
fn subcommand_names() -> Vec<&'static str> {
    vec![
        "check",
        "report",
        "sources",
        "trace",
        "claims",
        "schema",
        "new",
        "fmt",
        "lsp",
        "draft",
        "agree",
        "export",
        "import",
        "completions",
        "man",
        "help",
    ]
}

/// What `main` does: serve the language server, or write to standard output.
pub enum Action {
    /// The language server, over the process's stdin and stdout.
    Lsp(claimtrail::lsp::Options),
    Write(Job),
}

/// A run of the library, or something printed from the clap definitions.
pub enum Job {
    Run(Box<Config>),
    Completions(clap_complete::Shell),
    Man(Option<String>),
}

impl Job {
    pub fn run(
        self,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<claimtrail::Exit, claimtrail::Error> {
        match self {
            Job::Run(config) => {
                // A bar only where a person watches: stderr on a terminal, not --quiet.
                if !config.quiet && std::io::stderr().is_terminal() {
                    claimtrail::run_with_progress(&config, out, err, &crate::bar::Bar::new())
                } else {
                    claimtrail::run(&config, out, err)
                }
            }
            Job::Completions(shell) => Ok(completions(shell, out).map(|()| Exit::Success)?),
            Job::Man(sub) => Ok(man(sub.as_deref(), out).map(|()| Exit::Success)?),
        }
    }
}

/// The completion script for a shell.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<()> {
    // Generated into memory first: clap_complete panics on a failed write,
    // and `claimtrail completions bash | head` must not.
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "claimtrail", &mut buf);
    out.write_all(&buf)
}

/// The man page, in roff: claimtrail(1), or claimtrail-SUBCOMMAND(1), which
/// the main page's list of subcommands refers to.
pub fn man(subcommand: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    let mut cli = Cli::command();
    // Built, so that each subcommand carries the global options.
    cli.build();
    let page = match subcommand {
        None => clap_mangen::Man::new(cli),
        Some(name) => {
            let sub = cli
                .find_subcommand(name)
                .cloned()
                .ok_or_else(|| io::Error::other(format!("no subcommand `{name}`")))?;
            let title = format!("claimtrail-{name}");
            clap_mangen::Man::new(sub.bin_name(format!("claimtrail {name}")))
                .title(title)
                .source(format!("claimtrail {}", env!("CARGO_PKG_VERSION")))
        }
    };
    let mut buf = Vec::new();
    page.render(&mut buf)?;
    out.write_all(&buf)
}

/// The width tables are fitted to: `--width`, else `COLUMNS`, else the
/// terminal's; none (every column whole) with `--wide` or when piped.
fn table_width(width: Option<u16>, wide: bool, stdout_tty: bool) -> Option<u16> {
    if wide {
        return None;
    }
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|&c| c > 0)
    };
    let terminal = || {
        stdout_tty
            .then(terminal_size::terminal_size)
            .flatten()
            .map(|(w, _)| w.0)
    };
    width.or_else(columns).or_else(terminal)
}

fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// A usage error found after parsing, shown as clap shows its own.
fn usage(kind: clap::error::ErrorKind, message: &str) -> clap::Error {
    Cli::command().error(kind, message)
}

impl Cli {
    /// The arguments as what `main` does, or the usage error that a
    /// combination clap cannot refuse by itself makes.
    pub fn into_action(self) -> Result<Action, clap::Error> {
        let Cli {
            command,
            color,
            config: settings,
            width,
            wide,
            max_file_size,
            csv_raw,
        } = self;
        let quiet = matches!(command, Cmd::Check { quiet: true, .. });
        let command = match command {
            Cmd::Completions { shell } => return Ok(Action::Write(Job::Completions(shell))),
            Cmd::Man { subcommand } => return Ok(Action::Write(Job::Man(subcommand))),
            Cmd::Lsp => {
                return Ok(Action::Lsp(claimtrail::lsp::Options {
                    settings,
                    max_file_size,
                }));
            }
            Cmd::Check {
                paths,
                format,
                deny,
                quiet: _,
                codes,
                files,
                summary,
            } => Command::Check {
                paths,
                format: format.into(),
                deny_warnings: deny.is_some(),
                focus: Focus {
                    codes,
                    files,
                    summary,
                },
            },
            Cmd::Report {
                paths,
                format,
                article,
                out,
                check,
            } => report_command(paths, format.map(ReportFormat::from), article, out, check)?,
            Cmd::Sources { paths, format } => Command::Sources {
                paths,
                format: format.into(),
            },
            Cmd::Trace {
                claim,
                paths,
                format,
            } => Command::Trace {
                claim,
                paths,
                format: format.into(),
            },
            Cmd::Claims {
                paths,
                format,
                tracked,
                drift,
                search,
            } => Command::Claims {
                paths,
                format: format.into(),
                tracked,
                drift,
                search,
            },
            Cmd::Schema { kind } => Command::Schema { kind: kind.into() },
            Cmd::New {
                path,
                outlet,
                title,
                url,
                published,
                language,
                byline,
            } => Command::New(NewArticle {
                path,
                outlet,
                title,
                url,
                published,
                language,
                byline,
            }),
            Cmd::Fmt { paths, check } => Command::Fmt { paths, check },
            Cmd::Draft {
                paths,
                outlet,
                published,
                language,
                corpus,
                out,
            } => Command::Draft(DraftArgs {
                paths,
                outlet,
                published,
                language,
                corpus_or_cwd: corpus.clone().unwrap_or_else(|| PathBuf::from(".")),
                corpus,
                out,
            }),
            Cmd::Agree {
                a,
                b,
                format,
                min_f1,
            } => Command::Agree {
                a,
                b,
                json: format == AgreeFormatArg::Json,
                min_f1,
            },
            Cmd::Export { sql: true, .. } => Command::ExportSql,
            Cmd::Export {
                paths,
                format,
                out,
                sql: false,
            } => Command::Export {
                paths,
                format: export_format(format, out)?,
            },
            Cmd::Import {
                what:
                    ImportCmd::Csv {
                        file,
                        out,
                        map,
                        outlets,
                    },
            } => Command::ImportCsv(ImportCsv {
                file,
                out,
                map,
                outlets,
            }),
        };
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        Ok(Action::Write(Job::Run(Box::new(Config {
            command,
            settings,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            max_file_size,
            quiet,
            color_err: use_color(color, stderr_tty),
            term: Terminal {
                width: table_width(width, wide, stdout_tty),
                color: use_color(color, stdout_tty),
                csv_raw,
            },
        }))))
    }
}

/// `report`'s options as the command they ask for: the corpus report, one
/// article explained, or a folder of reports (`--out`, which clap keeps
/// apart from `--article`).
fn report_command(
    paths: Vec<PathBuf>,
    format: Option<ReportFormat>,
    article: Option<String>,
    out: Option<PathBuf>,
    check: bool,
) -> Result<Command, clap::Error> {
    use clap::error::ErrorKind::ArgumentConflict;
    let table = ReportFormat::Text(Format::Table);
    match (out, article) {
        (Some(dir), _) => {
            let html = match format {
                None | Some(ReportFormat::Text(Format::Markdown)) => false,
                Some(ReportFormat::Html) => true,
                Some(ReportFormat::Text(_)) => {
                    return Err(usage(
                        ArgumentConflict,
                        "--out writes Markdown (the default) or HTML; use --format markdown or --format html",
                    ));
                }
            };
            Ok(Command::ReportSnapshot {
                paths,
                target: Snapshot { dir, check, html },
            })
        }
        (None, Some(id)) => match format.unwrap_or(table) {
            ReportFormat::Text(format) => Ok(Command::ReportArticle { paths, id, format }),
            ReportFormat::Html => Err(usage(
                ArgumentConflict,
                "the HTML report shows the whole corpus; for one page per article use --out DIR --format html",
            )),
        },
        (None, None) => Ok(Command::Report {
            paths,
            format: format.unwrap_or(table),
        }),
    }
}

/// `export --format` and `--out`: Parquet is written into a folder, every
/// other format to standard output.
fn export_format(
    format: ExportFormatArg,
    out: Option<PathBuf>,
) -> Result<ExportFormat, clap::Error> {
    use clap::error::ErrorKind::{ArgumentConflict, MissingRequiredArgument};
    match (format, out) {
        (ExportFormatArg::Parquet, Some(dir)) => Ok(ExportFormat::Parquet { dir }),
        (ExportFormatArg::Parquet, None) => Err(usage(
            MissingRequiredArgument,
            "--format parquet writes a folder: give it with --out DIR",
        )),
        (_, Some(_)) => Err(usage(
            ArgumentConflict,
            "--out is for --format parquet; the other formats print to standard output",
        )),
        (ExportFormatArg::Jsonld, None) => Ok(ExportFormat::JsonLd),
        (ExportFormatArg::Prov, None) => Ok(ExportFormat::Prov),
        (ExportFormatArg::Csv, None) => Ok(ExportFormat::Csv),
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_has_an_example() {
        for sub in Cli::command().get_subcommands() {
            let help = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            assert!(
                help.contains("claimtrail "),
                "`claimtrail {}` has no example in its --help",
                sub.get_name()
            );
        }
    }

    #[test]
    fn report_out_conflicts_with_article() {
        // `--out` with a format other than Markdown or HTML is refused after
        // parsing (the html tests run it).
        use clap::Parser;
        for args in [
            &["claimtrail", "report", "--out", "r", "--article", "x"][..],
            &["claimtrail", "report", "--check"][..],
        ] {
            assert!(Cli::try_parse_from(args).is_err(), "{args:?} was accepted");
        }
        assert!(Cli::try_parse_from(["claimtrail", "report", "--out", "r", "--check"]).is_ok());
    }

    #[test]
    fn clashes_clap_cannot_see_are_usage_errors() {
        use clap::Parser;
        use clap::error::ErrorKind::{ArgumentConflict, MissingRequiredArgument};
        let kind = |args: &[&str]| {
            let cli = Cli::try_parse_from(args).expect("parses");
            cli.into_action().err().map(|e| e.kind())
        };
        for (args, expected) in [
            (
                &["claimtrail", "report", "--out", "r", "--format", "json"][..],
                Some(ArgumentConflict),
            ),
            (
                &["claimtrail", "report", "--article", "x", "--format", "html"],
                Some(ArgumentConflict),
            ),
            (
                &["claimtrail", "export", "--format", "csv", "--out", "d"],
                Some(ArgumentConflict),
            ),
            (&["claimtrail", "export"], Some(MissingRequiredArgument)),
            (
                &["claimtrail", "report", "--out", "r", "--format", "html"],
                None,
            ),
            (
                &["claimtrail", "report", "--article", "x", "--format", "csv"],
                None,
            ),
            (&["claimtrail", "export", "--out", "d"], None),
            (&["claimtrail", "completions", "bash"], None),
            (&["claimtrail", "man"], None),
            (&["claimtrail", "lsp"], None),
        ] {
            assert_eq!(kind(args), expected, "{args:?}");
        }
    }

    #[test]
    fn report_options_become_one_command_each() {
        use super::{Action, Job};
        use claimtrail::options::{Command, ReportFormat};
        use claimtrail::render::Format;
        use clap::Parser;
        let command = |args: &[&str]| match Cli::try_parse_from(args).unwrap().into_action() {
            Ok(Action::Write(Job::Run(config))) => config.command,
            _ => panic!("{args:?} is not a run"),
        };
        assert!(matches!(
            command(&["claimtrail", "report", "--format", "html"]),
            Command::Report {
                format: ReportFormat::Html,
                ..
            }
        ));
        assert!(matches!(
            command(&["claimtrail", "report"]),
            Command::Report {
                format: ReportFormat::Text(Format::Table),
                ..
            }
        ));
        assert!(matches!(
            command(&["claimtrail", "report", "--article", "x"]),
            Command::ReportArticle { format: Format::Table, ref id, .. } if id == "x"
        ));
        assert!(matches!(
            command(&["claimtrail", "report", "--out", "r", "--check"]),
            Command::ReportSnapshot { ref target, .. } if target.check && !target.html
        ));
    }
}
