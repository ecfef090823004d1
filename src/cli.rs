//! The command line, and only the command line: clap derive types and their
//! conversion into the plain `Config` the library runs on.

use claimtrail::config::{CheckFormat, Command, Config, TraceFormat};
use claimtrail::render::{Format, Terminal};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
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

    /// Settings file (default: the nearest claimtrail.toml at or above the current folder).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Refuse files larger than this many bytes [default: 134217728].
    #[arg(long, global = true, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormatArg {
    /// rustc-style diagnostics.
    Human,
    /// A JSON array of diagnostics.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A table fitted to the terminal.
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// JSON with a documented, stable shape.
    Json,
    /// CSV with a header row.
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TraceFormatArg {
    /// A table fitted to the terminal.
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// JSON with a documented, stable shape.
    Json,
    /// CSV with a header row (the appearances).
    Csv,
    /// A Graphviz graph: `claimtrail trace ID --format dot | dot -Tsvg`.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
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
        after_help = "Examples:\n  claimtrail check\n  claimtrail check claims/ --deny warnings --format github\n\nExit status: 0 no errors, 1 errors found, 2 usage or I/O failure."
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
    },
    /// Sourcing quality and anonymity per article, with a score and grade.
    #[command(
        after_help = "Examples:\n  claimtrail report\n  claimtrail report --article 2019/manajemen-ti-pasukan-siber-rusia\n  claimtrail report --format json > report.json"
    )]
    Report {
        #[arg(default_value = "claims")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = FormatArg::Table)]
        format: FormatArg,
        /// Explain one article claim by claim.
        #[arg(long, value_name = "ID")]
        article: Option<String>,
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
        after_help = "Examples:\n  claimtrail claims --tracked\n  claimtrail claims --drift --format csv"
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
    },
}

fn format(f: FormatArg) -> Format {
    match f {
        FormatArg::Table => Format::Table,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Json => Format::Json,
        FormatArg::Csv => Format::Csv,
    }
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

impl Cli {
    pub fn into_config(self) -> Config {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let width = if stdout_tty {
            terminal_size::terminal_size().map(|(w, _)| w.0)
        } else {
            None
        };
        let mut quiet_flag = false;
        let command = match self.command {
            Cmd::Check {
                paths,
                format,
                deny,
                quiet,
            } => {
                quiet_flag = quiet;
                Command::Check {
                    paths,
                    format: match format {
                        CheckFormatArg::Human => CheckFormat::Human,
                        CheckFormatArg::Json => CheckFormat::Json,
                        CheckFormatArg::Github => CheckFormat::Github,
                    },
                    deny_warnings: deny.is_some(),
                }
            }
            Cmd::Report {
                paths,
                format: f,
                article,
            } => Command::Report {
                paths,
                format: format(f),
                article,
            },
            Cmd::Sources { paths, format: f } => Command::Sources {
                paths,
                format: format(f),
            },
            Cmd::Trace {
                claim,
                paths,
                format: f,
            } => Command::Trace {
                claim,
                paths,
                format: match f {
                    TraceFormatArg::Table => TraceFormat::Text(Format::Table),
                    TraceFormatArg::Markdown => TraceFormat::Text(Format::Markdown),
                    TraceFormatArg::Json => TraceFormat::Text(Format::Json),
                    TraceFormatArg::Csv => TraceFormat::Text(Format::Csv),
                    TraceFormatArg::Dot => TraceFormat::Dot,
                    TraceFormatArg::Mermaid => TraceFormat::Mermaid,
                },
            },
            Cmd::Claims {
                paths,
                format: f,
                tracked,
                drift,
            } => Command::Claims {
                paths,
                format: format(f),
                tracked,
                drift,
            },
        };
        Config {
            command,
            settings: self.config,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            max_file_size: self.max_file_size,
            quiet: quiet_flag,
            color_err: use_color(self.color, stderr_tty),
            term: Terminal {
                width,
                color: use_color(self.color, stdout_tty),
            },
        }
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
}
