//! claimtrail: source attribution and claim tracking for news reporting.
//!
//! Annotations are TOML files, one per article, recording each claim's speaker
//! (named or anonymous), the outlets it travelled through, when it was said and
//! how the article hedges it. The library never prints: every command writes
//! to the writers it is given.
//!
//! The modules, in the order data flows through them:
//!
//! 1. **Finding** — [`corpus`]: the folders and files a run names, the article
//!    files below them, the registry serving each, the settings file.
//! 2. **Reading** — [`load`] (`load::read`, `load::toml_error`): files read
//!    safely and parsed into the spanned [`raw`] types; [`lines`] turns byte
//!    offsets into lines and columns.
//! 3. **Validating** — `load::validate` and `load::registry`: raw values into
//!    the [`model`], every problem a [`diag`]nostic, with [`settings`]' policy.
//! 4. **Measuring** — [`metrics`], [`score`], [`speakers`], [`lint`]: pure
//!    functions from the model to numbers and findings.
//! 5. **Tracking** — [`trail`] (`facts`, `group`, `drift`): claims across
//!    articles, their roots and the drift of their attribution; [`search`]:
//!    the claims a few words find (`claims --search`).
//! 6. **Rendering** — [`render`]: one module per output format; [`publish`]
//!    writes a report folder.
//!
//! Beside the flow: [`draft`] (an annotation drafted from an article's text)
//! and [`agree`] (agreement between two annotations of one article);
//! [`options`] (the command line turned into values),
//! [`layout`] (`fmt`'s layout of a file), [`new`], [`schema`] and the
//! [`atomic`] writer that every command writing files goes through.
//!
//! At the edges: [`export`] hands the corpus to other tools (Parquet with
//! SQL for DuckDB and Spark, schema.org JSON-LD, PROV-O, a CSV sheet), and
//! [`import`] turns such a sheet back into article files.

pub mod agree;
pub mod anonymity;
pub mod atomic;
pub mod corpus;
pub mod diag;
pub mod draft;
pub mod export;
pub mod import;
pub mod layout;
pub mod lexicon;
pub mod lines;
pub mod lint;
pub mod load;
pub mod lsp;
pub mod metrics;
pub mod model;
pub mod new;
pub mod options;
pub mod progress;
pub mod publish;
pub mod raw;
pub mod render;
pub mod schema;
pub mod score;
pub mod search;
pub mod settings;
pub mod speakers;
pub mod trail;

mod commands;

pub use commands::{Error, Exit, run, run_with_progress};
