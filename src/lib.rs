//! claimtrail: source attribution and claim tracking for news reporting.
//!
//! Annotations are TOML files, one per article, recording each claim's speaker
//! (named or anonymous), the outlets it travelled through, when it was said and
//! how the article hedges it. Data flows one way: files are read and parsed
//! (`load`, `raw`), validated into the `model`, measured (`metrics`, `score`,
//! `sources`), and rendered (`render`). The library never prints: every command
//! writes to the writers it is given.

pub mod atomic;
pub mod config;
pub mod diag;
pub mod fmt;
pub mod lint;
pub mod load;
pub mod metrics;
pub mod model;
pub mod new;
pub mod progress;
pub mod publish;
pub mod raw;
pub mod render;
pub mod schema;
pub mod score;
pub mod settings;
pub mod source;
pub mod sources;
pub mod trail;

mod commands;

pub use commands::{Error, Exit, run, run_with_progress};
