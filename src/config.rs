//! The plain configuration a run works from: the command line already turned
//! into values, so nothing past `main` sees the argument parser.

use crate::render::{Format, Terminal};
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
    },
    Report {
        paths: Vec<PathBuf>,
        format: Format,
        article: Option<String>,
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
    },
}

/// `trace` takes the text formats and two graph syntaxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceFormat {
    Text(Format),
    Dot,
    Mermaid,
}
