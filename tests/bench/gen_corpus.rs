//! `gen-corpus`: write a generated benchmark corpus and print its manifest.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --articles 10000 --seed 1
//! cargo run --release --example gen-corpus -- --articles 200 --out /tmp/corpus
//! ```
//!
//! Without `--out` the corpus goes to the benchmark's cache
//! (`target/bench-corpus/<articles>-s<seed>`), where `cargo bench --bench corpus`
//! reuses it.

// A command-line example: it reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod generator;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Generate a deterministic claimtrail corpus of realistic shape.
#[derive(Debug, Parser)]
struct Args {
    /// Number of article files.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Articles to give validation errors.
    #[arg(long, default_value_t = 0)]
    bad: usize,
    /// Nearly clean: shared claims read alike everywhere and the newsroom
    /// rules hold, so `check` finds little.
    #[arg(long)]
    nearly_clean: bool,
    /// Folder to write (replaced); default: the benchmark's cache.
    #[arg(long)]
    out: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut spec = generator::Spec::new(args.articles, args.seed).with_bad(args.bad);
    if args.nearly_clean {
        spec = spec.nearly_clean();
    }
    let result = match &args.out {
        Some(dir) => generator::generate(dir, spec),
        None => generator::cached(&generator::cache_dir(), spec),
    };
    match result {
        Ok(corpus) => {
            println!("# corpus: {}", corpus.claims.display());
            println!("# run from: {}", corpus.root.display());
            print!(
                "{}",
                toml::to_string(&corpus.manifest).expect("a manifest serializes")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
