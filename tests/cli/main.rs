//! The one integration-test binary. Each module owns one area; fixtures live in
//! `tests/fixtures/<case>/`, snapshots in `tests/cli/snapshots/`.
//!
//! - `common`: helpers to run the binary and to build small corpora.
//! - `check`: `claimtrail check` on the real corpus and one bad input per code.
//! - `report`: report, explanation and sources in every format; hand-computed metrics.
//! - `fuzz`: generated and mutated documents never panic the loader.
//! - `trace`: trails, roots and drift, on hand-built fixtures and the real corpus.
//! - `faults`: writes under a full disk, a read-only folder and a concurrent writer.
//! - `edit`: policy, schema, `new`, `fmt` and `report --out`.
//! - `export`: Parquet tables and their SQL on DuckDB and Spark, JSON-LD, PROV, CSV and
//!   `import csv`.
//! - `fmt_safety`: `fmt` idempotent on generated layouts; owner, group and mode kept.
//! - `html`: the HTML report, its escaping, and a headless-browser check.
//! - `method`: the score with drift, confirmed roots, state origins and vague credits,
//!   worked out by hand.
//! - `lsp`: the language server over JSON-RPC, and in Neovim.
//! - `robust`: hostile input (truncations, encodings, nesting, huge and special files,
//!   Unicode) and byte-identical output across threads, locales and file order.
//! - `props`: generated valid documents round-trip; damaged ones give located diagnostics.
//! - `readme`: the README's generated examples match the commands.
//! - `escape`: no control character from the annotations reaches the output;
//!   CSV formulas are text unless `--csv-raw`.
//! - `widths`: tables fitted to 60, 80, 120 and 200 columns, and blocks.
//! - `search`: `claims --search`, which claims match and in which order, by hand.

// Tests print notes (a skipped browser or tmpfs test) for the person running them.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod check;
mod common;
mod draft;
mod edit;
mod escape;
mod export;
mod faults;
mod fmt_safety;
mod fuzz;
mod html;
mod lsp;
mod method;
mod props;
mod readme;
mod report;
mod robust;
mod search;
mod trace;
mod widths;
