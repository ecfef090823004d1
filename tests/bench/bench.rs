//! The corpus benchmark: `cargo bench --bench corpus`.
//!
//! Parsing is the limit of every command, so each command is timed against a
//! parse-only baseline measured in the same run: walk the corpus, read every
//! article file and deserialize it into `raw::ArticleFile` in parallel, with
//! nothing else. `check`, `report`, `trace` (of the claim with the most
//! appearances), `export` (the Parquet tables) and `claims` run through the
//! library (`claimtrail::run` writing to a sink) on generated corpora of
//! 1,000, 10,000 and 50,000 articles (`generator.rs`, cached under
//! `target/bench-corpus/`), in a rayon pool of the same size as the baseline's; every size is timed in the same
//! rounds, side by side, so the machine's drift over minutes does not show
//! as growth. Then: 1 thread against 2, growth
//! from 10,000 to 50,000 articles, `check` with one bad file against a clean
//! `check`, and the peak memory of the release binary run as a child process.
//! It prints tables and the targets with pass or fail; it asserts nothing
//! about time, and exits 0 whatever the figures.
//!
//! Without `--bench` (as `cargo test --benches` runs it) it is a smoke test: a
//! 200-article corpus, every command once, exit statuses checked.

// A benchmark reports on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod draft;
mod generator;
mod lsp;
mod measure;
mod shapes;
mod shared;

// The allocator the `claimtrail` binary uses, so that commands run here in
// process cost what they cost there; the baseline shares it.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use claimtrail::options::{CheckFormat, Command, Config, ExportFormat, ReportFormat, TraceFormat};
use claimtrail::render::{Format, Terminal};
use claimtrail::{Exit, raw};
use clap::Parser;
use generator::{Corpus, Spec};
use measure::{Job, Peak, Samples};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Benchmark claimtrail on generated corpora.
#[derive(Debug, Parser)]
struct Args {
    /// Set by `cargo bench`; without it, a quick smoke run.
    #[arg(long)]
    bench: bool,
    /// Corpus sizes, in articles.
    #[arg(long, value_delimiter = ',', default_values_t = [1_000, 10_000, 50_000])]
    sizes: Vec<usize>,
    /// Timed rounds per measurement (the median is reported).
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Timed rounds for corpora larger than 10,000 articles.
    #[arg(long, default_value_t = 5)]
    large_rounds: usize,
    /// Generator seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Threads of the rayon pool (default: the machine's cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Skip the peak-memory runs.
    #[arg(long)]
    no_memory: bool,
    /// Skip the 1-thread runs.
    #[arg(long)]
    no_scaling: bool,
    /// Measure only the language server (on the 10,000-article corpus, or
    /// the first of `--sizes`).
    #[arg(long)]
    lsp: bool,
    /// Measure only drafting: 1,000 texts of about 5 KB against the
    /// 1,000-article corpus (or the first of `--sizes`).
    #[arg(long)]
    draft: bool,
    /// Measure only a claim shared by every article, at 4,000, 8,000 and
    /// 16,000 articles.
    #[arg(long)]
    shared: bool,
    /// Measure only the input shapes that once took the square of their
    /// size (`agree`, `import csv`, `draft` of hostile pages), at three
    /// sizes each.
    #[arg(long)]
    shapes: bool,
    /// Internal: run the baseline once on this corpus folder and exit (its
    /// peak memory is measured from outside).
    #[arg(long, hide = true)]
    baseline_child: Option<PathBuf>,
    /// Filters cargo may pass; ignored.
    #[arg(hide = true)]
    filter: Vec<String>,
}

/// The size the per-size targets are set at, and the large one.
const MID: usize = 10_000;
const LARGE: usize = 50_000;

/// A command under test: how the library runs it and how the binary does.
struct Cmd {
    name: &'static str,
    command: Command,
    argv: Vec<String>,
}

/// The commands, in table order. A new command is one entry here.
fn commands(corpus: &Corpus) -> Vec<Cmd> {
    let paths = vec![corpus.claims.clone()];
    let dir = corpus.claims.display().to_string();
    let hot = corpus.manifest.hot_claim.clone();
    vec![
        Cmd {
            name: "check",
            command: Command::Check {
                paths: paths.clone(),
                format: CheckFormat::Human,
                deny_warnings: false,
                focus: Default::default(),
            },
            argv: vec!["check".into(), dir.clone()],
        },
        Cmd {
            name: "report",
            command: Command::Report {
                paths: paths.clone(),
                format: ReportFormat::Text(Format::Table),
            },
            argv: vec!["report".into(), dir.clone()],
        },
        Cmd {
            name: "trace",
            command: Command::Trace {
                claim: hot.clone(),
                paths: paths.clone(),
                format: TraceFormat::Text(Format::Table),
            },
            argv: vec!["trace".into(), hot, dir.clone()],
        },
        Cmd {
            name: "export",
            command: Command::Export {
                paths: paths.clone(),
                format: ExportFormat::Parquet {
                    dir: corpus.root.join("export"),
                },
            },
            argv: vec![
                "export".into(),
                dir.clone(),
                "--out".into(),
                corpus.root.join("export").display().to_string(),
            ],
        },
        Cmd {
            name: "claims",
            command: Command::Claims {
                paths,
                format: Format::Table,
                tracked: false,
                search: None,
                drift: false,
            },
            argv: vec!["claims".into(), dir],
        },
    ]
}

fn config(command: &Command, corpus: &Corpus) -> Config {
    Config {
        command: command.clone(),
        settings: Some(corpus.root.join("claimtrail.toml")),
        cwd: corpus.root.clone(),
        max_file_size: None,
        quiet: false,
        color_err: false,
        term: Terminal {
            width: None,
            color: false,
            csv_raw: false,
        },
    }
}

/// Run a command as `main` would, output discarded.
fn run(config: &Config) -> Exit {
    run_to(config, &mut std::io::sink())
}

fn run_to(config: &Config, out: &mut dyn std::io::Write) -> Exit {
    claimtrail::run(config, out, &mut std::io::sink())
        .unwrap_or_else(|e| panic!("{:?} failed: {e}", config.command))
}

/// The parse-only baseline: find the article files, read each one and
/// deserialize it into the raw types, in parallel in the current pool.
fn baseline(claims: &Path) -> u64 {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(claims)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml")
                && p.file_name().is_some_and(|n| n != "outlets.toml")
        })
        .collect();
    files
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("a readable article");
            let file: raw::ArticleFile = toml::from_str(&text).expect("a well-formed article");
            file.claims.len() as u64
        })
        .sum()
}

fn main() {
    if std::env::var_os(measure::PEAK_CHILD).is_some() {
        measure::peak_child();
        return;
    }
    let args = Args::parse();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    if let Some(dir) = &args.baseline_child {
        measure::pool(threads).install(|| baseline(dir));
        return;
    }
    if !args.bench {
        smoke();
        return;
    }
    if args.lsp {
        let n = if args.sizes.contains(&MID) {
            MID
        } else {
            args.sizes[0]
        };
        let corpus =
            generator::cached(&generator::cache_dir(), Spec::new(n, args.seed)).expect("a corpus");
        let check = Command::Check {
            paths: vec![corpus.claims.clone()],
            format: CheckFormat::Human,
            deny_warnings: false,
            focus: Default::default(),
        };
        let check_config = config(&check, &corpus);
        measure::pool(threads).install(|| {
            lsp::figures(&corpus, args.rounds, &|| {
                let t = std::time::Instant::now();
                run(&check_config);
                t.elapsed()
            })
        });
        return;
    }
    if args.shared {
        shared::figures(&generator::cache_dir(), args.rounds, threads);
        return;
    }
    if args.shapes {
        shapes::figures(&generator::cache_dir(), args.rounds, threads);
        return;
    }
    if args.draft {
        let n = args.sizes[0];
        let corpus =
            generator::cached(&generator::cache_dir(), Spec::new(n, args.seed)).expect("a corpus");
        let texts = draft::texts(
            &generator::cache_dir().join(format!("draft-texts-s{}", args.seed)),
            args.seed,
            draft::TEXTS,
        );
        measure::pool(threads).install(|| draft::figures(&corpus, &texts, args.rounds));
        return;
    }
    let report = bench(&args, threads);
    report.targets();
}

/// Every command once on a small corpus, and on a copy with errors.
fn smoke() {
    let cache = generator::cache_dir();
    let clean = generator::cached(&cache, Spec::new(200, 1)).expect("a generated corpus");
    let bad = generator::cached(&cache, Spec::new(200, 1).with_bad(1)).expect("a corpus");
    let again = generator::generate(&cache.join("200-s1-again"), Spec::new(200, 1))
        .expect("a generated corpus");
    let text = |c: &Corpus| toml::to_string(&c.manifest).expect("a manifest");
    assert_eq!(text(&clean), text(&again), "the generator is deterministic");
    let mut passed = 0;
    for (corpus, expect_check) in [(&clean, Exit::Success), (&bad, Exit::Findings)] {
        for cmd in commands(corpus) {
            let exit = run(&config(&cmd.command, corpus));
            let expected = match (cmd.name, corpus.manifest.bad) {
                ("check", _) | (_, 1..) => expect_check,
                _ => Exit::Success,
            };
            assert_eq!(exit, expected, "{} on {}", cmd.name, corpus.root.display());
            passed += 1;
        }
        assert!(baseline(&corpus.claims) > 0);
        passed += 1;
    }
    let texts = draft::texts(&cache.join("draft-texts-smoke"), 1, 20);
    draft::figures(&clean, &texts, 1);
    passed += 1;
    println!("corpus benchmark smoke run (`cargo bench --bench corpus` measures)");
    println!("{passed} passed, 0 failed");
}

/// Everything measured.
#[derive(Default)]
struct Report {
    sizes: Vec<usize>,
    names: Vec<&'static str>,
    corpora: HashMap<usize, Corpus>,
    timing: HashMap<(&'static str, usize), Samples>,
    /// At `MID`: (1 thread, `threads` threads).
    scaling: HashMap<&'static str, (Samples, Samples)>,
    threads: usize,
    rounds: usize,
    /// `check` at `MID`: (clean, one bad file).
    bad: Option<(Samples, Samples, String)>,
    /// `check`'s summary line on the drift-heavy corpus at `MID`.
    findings: Option<String>,
    /// At `MID`, the nearly clean corpus: (baseline, `check`, its summary).
    nearly_clean: Option<(Samples, Samples, String)>,
    memory: HashMap<(&'static str, usize), Peak>,
    /// Each timed phase and the share of the machine other processes used
    /// while it ran.
    others: Vec<(String, f64)>,
}

const BASELINE: &str = "baseline";

fn bench(args: &Args, threads: usize) -> Report {
    let cache = generator::cache_dir();
    let mut report = Report {
        sizes: args.sizes.clone(),
        threads,
        rounds: args.rounds,
        ..Report::default()
    };
    println!("claimtrail corpus benchmark");
    println!("machine: {}", measure::machine());
    println!(
        "rayon pool: {threads} threads; each time is the median of {} rounds ({} above {} articles) after a warm-up run (warm page cache)",
        args.rounds,
        args.large_rounds,
        thousands(MID)
    );
    println!();
    let pool = measure::pool(threads);

    for &n in &args.sizes {
        eprintln!("corpus of {n} articles...");
        let corpus = generator::cached(&cache, Spec::new(n, args.seed)).expect("a corpus");
        report.corpora.insert(n, corpus);
    }
    {
        // Every size is timed in the same rounds, so that the growth from
        // one size to the next is not a drift of the machine between them.
        let cmds: Vec<(usize, Vec<Cmd>)> = args
            .sizes
            .iter()
            .map(|n| (*n, commands(&report.corpora[n])))
            .collect();
        let jobs: Vec<(usize, Vec<(&'static str, Job)>)> = cmds
            .iter()
            .map(|(n, c)| (*n, jobs(&report.corpora[n], c)))
            .collect();
        report.names = std::iter::once(BASELINE)
            .chain(cmds[0].1.iter().map(|c| c.name))
            .collect();
        let pool = &pool;
        let triples: Vec<(&Job, &rayon::ThreadPool, usize)> = jobs
            .iter()
            .flat_map(|(n, js)| {
                let rounds = if *n > MID {
                    args.large_rounds
                } else {
                    args.rounds
                };
                js.iter().map(move |(_, j)| (j, pool, rounds))
            })
            .collect();
        eprintln!("timing every size, side by side...");
        let busy = measure::Busy::now();
        let samples = measure::rounds_each(&triples);
        report.others.push(("timing".into(), busy.others_since()));
        let mut samples = samples.into_iter();
        for (n, js) in &jobs {
            for ((name, _), s) in js.iter().zip(samples.by_ref()) {
                report.timing.insert((name, *n), s);
            }
        }
    }
    report.corpus_table(&pool);
    report.timing_table();

    if !args.no_scaling
        && let Some(corpus) = report.corpora.get(&MID)
    {
        eprintln!("thread scaling at {MID}...");
        let busy = measure::Busy::now();
        let one = measure::pool(1);
        let cmds = commands(corpus);
        let jobs = jobs(corpus, &cmds);
        let pairs: Vec<(&Job, &rayon::ThreadPool)> = jobs
            .iter()
            .flat_map(|(_, j)| [(j, &one), (j, &pool)])
            .collect();
        let samples = measure::rounds(&pairs, args.rounds);
        report
            .others
            .push(("1 thread vs more".into(), busy.others_since()));
        for (k, (name, _)) in jobs.iter().enumerate() {
            report
                .scaling
                .insert(name, (samples[2 * k].clone(), samples[2 * k + 1].clone()));
        }
        report.scaling_table();
    }
    report.growth_table();

    if let Some(clean) = report.corpora.get(&MID) {
        eprintln!("check with one bad file at {MID}...");
        let bad =
            generator::cached(&cache, Spec::new(MID, args.seed).with_bad(1)).expect("a corpus");
        let check = |c: &Corpus| config(&commands(c)[0].command, c);
        let (clean_cfg, bad_cfg) = (check(clean), check(&bad));
        let mut out = Vec::new();
        assert_eq!(run_to(&bad_cfg, &mut out), Exit::Findings);
        let summary = last_line(&out);
        let (clean, bad) = report.pair(
            "one bad file",
            [
                Box::new(|| run(&clean_cfg) as u64),
                Box::new(|| run(&bad_cfg) as u64),
            ],
            &pool,
        );
        report.bad = Some((clean, bad, summary));
        report.bad_table();
    }

    if let Some(corpus) = report.corpora.get(&MID) {
        eprintln!("check on a nearly clean corpus at {MID}...");
        let mut out = Vec::new();
        run_to(&config(&commands(corpus)[0].command, corpus), &mut out);
        report.findings = Some(last_line(&out));
        let tidy =
            generator::cached(&cache, Spec::new(MID, args.seed).nearly_clean()).expect("a corpus");
        let cfg = config(&commands(&tidy)[0].command, &tidy);
        let mut out = Vec::new();
        run_to(&cfg, &mut out);
        let summary = last_line(&out);
        let (base, check) = report.pair(
            "nearly clean",
            [
                Box::new(|| baseline(&tidy.claims)),
                Box::new(|| run(&cfg) as u64),
            ],
            &pool,
        );
        report.nearly_clean = Some((base, check, summary));
        report.clean_table();
    }

    if !args.no_memory {
        report.memory(threads);
        report.memory_table();
    }
    report
}

/// The baseline and each command as timed jobs.
fn jobs<'a>(corpus: &'a Corpus, cmds: &'a [Cmd]) -> Vec<(&'static str, Job<'a>)> {
    let mut jobs: Vec<(&'static str, Job)> =
        vec![(BASELINE, Box::new(|| baseline(&corpus.claims)))];
    for cmd in cmds {
        let cfg = config(&cmd.command, corpus);
        jobs.push((cmd.name, Box::new(move || run(&cfg) as u64)));
    }
    jobs
}

fn last_line(out: &[u8]) -> String {
    String::from_utf8_lossy(out)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl Report {
    fn median(&self, name: &str, n: usize) -> Option<Duration> {
        self.timing.get(&(name, n)).map(Samples::median)
    }

    fn ratio(&self, name: &str, n: usize) -> Option<f64> {
        Some(self.median(name, n)?.as_secs_f64() / self.median(BASELINE, n)?.as_secs_f64())
    }

    fn corpus_table(&self, pool: &rayon::ThreadPool) {
        println!("Corpora (generated once, cached in target/bench-corpus/)");
        println!(
            "{:>8} {:>9} {:>9} {:>8} {:>8} {:>9}  {:<38}  check says",
            "articles", "MB", "claims", "sources", "anon", "tracked", "traced claim (appearances)"
        );
        for n in &self.sizes {
            let c = &self.corpora[n];
            let m = &c.manifest;
            let mut out = Vec::new();
            pool.install(|| run_to(&config(&commands(c)[0].command, c), &mut out));
            println!(
                "{:>8} {:>9.1} {:>9} {:>8} {:>8} {:>9}  {:<38}  {}",
                thousands(*n),
                mb(m.bytes),
                thousands(m.claims),
                thousands(m.sources),
                thousands(m.anonymous_sources),
                thousands(m.tracked_ids),
                format!("{} ({})", m.hot_claim, m.hot_appearances),
                last_line(&out)
            );
        }
        println!();
    }

    fn timing_table(&self) {
        println!(
            "Time ({} threads; median wall time, min, median CPU time of all threads; x baseline compares medians)",
            self.threads
        );
        println!(
            "{:<9} {:>8} {:>10} {:>10} {:>10} {:>8} {:>11} {:>9}",
            "command", "articles", "median", "min", "cpu", "MB/s", "x baseline", "cpu x"
        );
        for &n in &self.sizes {
            let bytes = self.corpora[&n].manifest.bytes;
            for name in &self.names {
                let Some(s) = self.timing.get(&(*name, n)) else {
                    continue;
                };
                let cpu_ratio = self.timing.get(&(BASELINE, n)).map_or(f64::NAN, |b| {
                    s.median_cpu().as_secs_f64() / b.median_cpu().as_secs_f64()
                });
                println!(
                    "{:<9} {:>8} {:>10} {:>10} {:>10} {:>8.0} {:>10.2}x {:>8.2}x",
                    name,
                    thousands(n),
                    secs(s.median()),
                    secs(s.min()),
                    secs(s.median_cpu()),
                    mb(bytes) / s.median().as_secs_f64(),
                    self.ratio(name, n).unwrap_or(f64::NAN),
                    cpu_ratio
                );
            }
        }
        println!();
    }

    fn scaling_table(&self) {
        println!(
            "Thread scaling at {} articles (median of {} rounds)",
            thousands(MID),
            self.rounds
        );
        println!(
            "{:<9} {:>10} {:>10} {:>9}",
            "command",
            "1 thread",
            format!("{} threads", self.threads),
            "speed-up"
        );
        for name in &self.names {
            if let Some((one, many)) = self.scaling.get(name) {
                println!(
                    "{:<9} {:>10} {:>10} {:>8.2}x",
                    name,
                    secs(one.median()),
                    secs(many.median()),
                    one.median().as_secs_f64() / many.median().as_secs_f64()
                );
            }
        }
        println!();
    }

    fn growth(&self, name: &str) -> Option<f64> {
        Some(self.median(name, LARGE)?.as_secs_f64() / self.median(name, MID)?.as_secs_f64())
    }

    fn growth_table(&self) {
        if self.growth(BASELINE).is_none() {
            return;
        }
        println!(
            "Growth from {} to {} articles (5.00x is linear)",
            thousands(MID),
            thousands(LARGE)
        );
        println!(
            "{:<9} {:>10} {:>10} {:>8}",
            "command", "10,000", "50,000", "growth"
        );
        for name in &self.names {
            if let (Some(a), Some(b), Some(g)) = (
                self.median(name, MID),
                self.median(name, LARGE),
                self.growth(name),
            ) {
                println!("{:<9} {:>10} {:>10} {:>7.2}x", name, secs(a), secs(b), g);
            }
        }
        println!();
    }

    fn bad_table(&self) {
        let Some((clean, bad, summary)) = &self.bad else {
            return;
        };
        println!(
            "check with one bad file among {} articles (median of {} rounds)",
            thousands(MID),
            self.rounds
        );
        println!("  clean corpus   {}", secs(clean.median()));
        println!(
            "  one bad file   {}  ({:.2}x clean; {summary})",
            secs(bad.median()),
            bad.median().as_secs_f64() / clean.median().as_secs_f64()
        );
        println!();
    }

    /// Two jobs timed in the same rounds, side by side, with the share of
    /// the machine other processes used meanwhile recorded as `phase`.
    fn pair(
        &mut self,
        phase: &str,
        jobs: [Job; 2],
        pool: &rayon::ThreadPool,
    ) -> (Samples, Samples) {
        let busy = measure::Busy::now();
        let samples = measure::rounds(&[(&jobs[0], pool), (&jobs[1], pool)], self.rounds);
        self.others.push((phase.into(), busy.others_since()));
        (samples[0].clone(), samples[1].clone())
    }

    fn clean_table(&self) {
        let Some((base, check, summary)) = &self.nearly_clean else {
            return;
        };
        println!(
            "check on a drift-heavy and a nearly clean corpus of {} articles (median of {} rounds)",
            thousands(MID),
            self.rounds
        );
        if let (Some(r), Some(f)) = (self.ratio("check", MID), &self.findings) {
            println!("  drift-heavy    {r:.2}x its baseline; {f}");
        }
        println!(
            "  nearly clean   {:.2}x its baseline ({} against {}); {summary}",
            check.median().as_secs_f64() / base.median().as_secs_f64(),
            secs(check.median()),
            secs(base.median())
        );
        println!();
    }

    fn memory(&mut self, threads: usize) {
        let bin = Path::new(env!("CARGO_BIN_EXE_claimtrail"));
        let me = std::env::current_exe().expect("the benchmark's own path");
        for &n in &self.sizes {
            eprintln!("peak memory at {n}...");
            let corpus = &self.corpora[&n];
            let argv = vec![
                "--baseline-child".to_string(),
                corpus.claims.display().to_string(),
                "--threads".to_string(),
                threads.to_string(),
            ];
            let peak = measure::peak(&me, &argv, &corpus.root, threads).expect("a child run");
            self.memory.insert((BASELINE, n), peak);
            for cmd in commands(corpus) {
                let peak =
                    measure::peak(bin, &cmd.argv, &corpus.root, threads).expect("a child run");
                assert_eq!(peak.code, 0, "claimtrail {:?} failed", cmd.argv);
                self.memory.insert((cmd.name, n), peak);
            }
        }
    }

    fn memory_table(&self) {
        println!(
            "Peak memory (RSS, MB) of the release binary run as a child process, RAYON_NUM_THREADS={}; the baseline runs in the benchmark binary",
            self.threads
        );
        print!("{:<9}", "command");
        for n in &self.sizes {
            print!(" {:>9}", thousands(*n));
        }
        println!("   (wall time of the child at the largest size)");
        for name in &self.names {
            print!("{name:<9}");
            let mut last = None;
            for &n in &self.sizes {
                match self.memory.get(&(*name, n)) {
                    Some(p) => {
                        print!(" {:>9.1}", mb(p.rss));
                        last = Some(p.wall);
                    }
                    None => print!(" {:>9}", "-"),
                }
            }
            println!("   {}", last.map(secs).unwrap_or_default());
        }
        println!();
    }

    fn targets(&self) {
        let mut rows: Vec<(String, Option<f64>, &str, f64, &str)> = Vec::new();
        let mut ratio = |name: &str, n: usize, limit: f64| {
            rows.push((
                format!("{name} at {} / baseline", thousands(n)),
                self.ratio(name, n),
                "<=",
                limit,
                "x",
            ));
        };
        ratio("report", MID, 1.25);
        // The generated corpus is drift-heavy: tens of thousands of findings.
        ratio("check", MID, 1.6);
        ratio("claims", LARGE, 1.5);
        ratio("trace", LARGE, 1.5);
        rows.push((
            format!("check at {}, nearly clean / its baseline", thousands(MID)),
            self.nearly_clean
                .as_ref()
                .map(|(b, c, _)| c.median().as_secs_f64() / b.median().as_secs_f64()),
            "<=",
            1.25,
            "x",
        ));
        for name in &self.names {
            let speedup = self
                .scaling
                .get(name)
                .map(|(one, many)| one.median().as_secs_f64() / many.median().as_secs_f64());
            rows.push((
                format!(
                    "{name}: {} threads vs 1 at {}",
                    self.threads,
                    thousands(MID)
                ),
                speedup,
                ">=",
                1.8,
                "x",
            ));
        }
        for name in &self.names {
            rows.push((
                format!("{name}: growth {} -> {}", thousands(MID), thousands(LARGE)),
                self.growth(name),
                "<=",
                5.5,
                "x",
            ));
        }
        let memory = |name: &str, n: usize| self.memory.get(&(name, n)).map(|p| mb(p.rss));
        rows.push((
            format!("report peak memory at {}", thousands(MID)),
            memory("report", MID),
            "<=",
            64.0,
            " MB",
        ));
        rows.push((
            format!("check peak memory at {}", thousands(MID)),
            memory("check", MID),
            "<=",
            100.0,
            " MB",
        ));
        rows.push((
            format!("claims peak memory at {}", thousands(LARGE)),
            memory("claims", LARGE),
            "<=",
            400.0,
            " MB",
        ));
        rows.push((
            format!("export (Parquet) / report time at {}", thousands(MID)),
            self.median("export", MID)
                .zip(self.median("report", MID))
                .map(|(e, r)| e.as_secs_f64() / r.as_secs_f64()),
            "<=",
            1.5,
            "x",
        ));
        rows.push((
            format!("export (Parquet) / report memory at {}", thousands(MID)),
            memory("export", MID)
                .zip(memory("report", MID))
                .map(|(e, r)| e / r),
            "<=",
            1.5,
            "x",
        ));
        rows.push((
            format!(
                "check, one bad file / clean at {} (5% noise allowed)",
                thousands(MID)
            ),
            self.bad
                .as_ref()
                .map(|(c, b, _)| b.median().as_secs_f64() / c.median().as_secs_f64()),
            "<=",
            1.05,
            "x",
        ));

        let others: Vec<String> = self
            .others
            .iter()
            .map(|(phase, share)| format!("{phase} {:.0}%", share * 100.0))
            .collect();
        println!(
            "Share of the machine other processes used while timing: {}",
            others.join(", ")
        );
        if self.others.iter().any(|(_, share)| *share > 0.05) {
            println!(
                "  above 5%: wall times, ratios and thread scaling are less reliable; run again on a quiet machine"
            );
        }
        println!();
        println!("Targets");
        let (mut pass, mut fail) = (0, 0);
        for (what, value, op, limit, unit) in &rows {
            let (shown, verdict) = match value {
                None => ("not measured".to_string(), "-"),
                Some(v) => {
                    let ok = if *op == "<=" { v <= limit } else { v >= limit };
                    if ok {
                        pass += 1;
                    } else {
                        fail += 1;
                    }
                    (format!("{v:.2}{unit}"), if ok { "pass" } else { "FAIL" })
                }
            };
            println!("  {what:<52} {shown:>12}  {op} {limit:.2}{unit:<3}  {verdict}");
        }
        println!("targets: {pass} met, {fail} missed");
    }
}
