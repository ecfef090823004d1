//! The drafting figures (`cargo bench --bench corpus -- --draft`): a folder of
//! 1,000 plain-text articles of about 5 KB each, half in English and half in
//! Indonesian, drafted into a folder of annotation files against a generated
//! corpus, as `claimtrail draft DIR --corpus CLAIMS --out DIR` runs it. The
//! texts are written here from sentence patterns in the style of wire copy and
//! Indonesian online news (made up for the benchmark, not taken from any
//! outlet), seeded, so every run drafts the same folder. Printed with the
//! goal; nothing is asserted.

use crate::generator::{Corpus, Rng};
use crate::{config, run};
use claimtrail::options::{Command, DraftArgs};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many texts, and about how long each is.
pub const TEXTS: usize = 1_000;
const TEXT_BYTES: usize = 5_000;

const EN_NAMES: &[&str] = &[
    "Maria Lopez",
    "John Carter",
    "Ahmed Karim",
    "Olga Petrova",
    "David Chen",
    "Sarah Miller",
];
const EN_ROLES: &[&str] = &[
    "a spokeswoman for the ministry",
    "the foreign minister",
    "a senior analyst",
    "the defence secretary",
    "a spokesman for the agency",
];
const EN_OUTLETS: &[&str] = &["Reuters", "the Associated Press", "AFP", "CNN"];
const EN_TOPICS: &[&str] = &[
    "the deployment would begin next month",
    "talks with the opposition had stalled",
    "the aircraft carried technical staff",
    "the contract was signed in 2001",
    "sanctions would be widened",
    "the network outage lasted two days",
];

const ID_NAMES: &[&str] = &[
    "Budi Santoso",
    "Siti Rahayu",
    "Agus Pratama",
    "Dewi Lestari",
    "Hendra Wijaya",
];
const ID_ROLES: &[&str] = &[
    "juru bicara kementerian",
    "menteri luar negeri",
    "pengamat politik",
    "kepala badan siber",
];
const ID_OUTLETS: &[&str] = &["Antara", "Reuters", "Kompas", "Sputnik"];
const ID_TOPICS: &[&str] = &[
    "pengiriman pasukan akan dimulai bulan depan",
    "perundingan dengan pihak oposisi terhenti",
    "pesawat itu membawa staf teknis",
    "kontrak tersebut ditandatangani pada 2001",
    "sanksi akan diperluas",
];

/// One English text of about `TEXT_BYTES`.
fn english(r: &mut Rng, n: usize) -> String {
    let mut t = format!("Officials weigh new steps, report {n} says\n\n");
    while t.len() < TEXT_BYTES {
        let (name, role, outlet, topic) = (
            *r.pick(EN_NAMES),
            *r.pick(EN_ROLES),
            *r.pick(EN_OUTLETS),
            *r.pick(EN_TOPICS),
        );
        let _ = match r.next() % 6 {
            0 => write!(t, "{name}, {role}, said on Tuesday that {topic}. "),
            1 => write!(t, "\"We will not change course,\" {name} told {outlet}. "),
            2 => write!(
                t,
                "A U.S. official, who spoke on condition of anonymity because he was not authorized to speak publicly, said {topic}. "
            ),
            3 => write!(t, "According to {outlet}, {topic}. "),
            4 => write!(
                t,
                "The plan is reportedly backed by {name}, {outlet} reported. "
            ),
            _ => write!(
                t,
                "The city has a population of about two million people and lies on the coast.\n\n"
            ),
        };
    }
    t
}

/// One Indonesian text of about `TEXT_BYTES`.
fn indonesian(r: &mut Rng, n: usize) -> String {
    let mut t = format!("Pemerintah menimbang langkah baru, laporan {n}\n\n");
    while t.len() < TEXT_BYTES {
        let (name, role, outlet, topic) = (
            *r.pick(ID_NAMES),
            *r.pick(ID_ROLES),
            *r.pick(ID_OUTLETS),
            *r.pick(ID_TOPICS),
        );
        let _ = match r.next() % 6 {
            0 => write!(t, "{name}, {role}, mengatakan pada Selasa bahwa {topic}. "),
            1 => write!(
                t,
                "\"Kami tidak akan mundur,\" kata {name} kepada {outlet}. "
            ),
            2 => write!(
                t,
                "Seorang pejabat yang enggan disebutkan namanya mengatakan {topic}. "
            ),
            3 => write!(t, "Menurut {outlet}, {topic}. "),
            4 => write!(
                t,
                "Rencana itu dikabarkan didukung {name}, seperti dilansir {outlet}. "
            ),
            _ => write!(t, "Kota itu berpenduduk sekitar dua juta jiwa.\n\n"),
        };
    }
    t
}

/// Write `count` texts into `dir` once (kept between runs).
pub fn texts(dir: &Path, seed: u64, count: usize) -> PathBuf {
    let done = dir.join(".complete");
    if done.exists() {
        return dir.to_path_buf();
    }
    std::fs::create_dir_all(dir).expect("a folder for the texts");
    let mut r = Rng(seed);
    for n in 0..count {
        let (text, lang) = if n.is_multiple_of(2) {
            (english(&mut r, n), "en")
        } else {
            (indonesian(&mut r, n), "id")
        };
        std::fs::write(dir.join(format!("{lang}-{n:04}.txt")), text).expect("a text");
    }
    std::fs::write(&done, "").expect("a marker");
    dir.to_path_buf()
}

/// Draft the folder `rounds` times into a fresh output folder each time;
/// print the median and the goal.
pub fn figures(corpus: &Corpus, texts: &Path, rounds: usize) {
    let sizes: Vec<u64> = std::fs::read_dir(texts)
        .expect("the texts")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .collect();
    let (count, bytes) = (sizes.len(), sizes.iter().sum::<u64>());
    // The publishing outlet: the registry's first, as a newsroom drafting
    // its own copy would pass it.
    let registry = std::fs::read_to_string(corpus.claims.join("outlets.toml")).expect("a registry");
    let outlet = claimtrail::raw::parse_outlets(&registry)
        .expect("the registry parses")
        .outlets
        .into_keys()
        .next()
        .map(|k| k.into_inner());
    let mut times: Vec<Duration> = Vec::new();
    let outs: Vec<PathBuf> = (0..rounds.max(1))
        .map(|round| corpus.root.join(format!("drafts-{round}")))
        .collect();
    for out in &outs {
        let _ = std::fs::remove_dir_all(out);
    }
    // Each round's drafts are removed only after the last round. On ext4
    // without a journal, creating a file skips over the inodes freed in the
    // last seconds (minutes, until they reach the disk), so a round started
    // just after the last one's thousand drafts were deleted would time
    // that too.
    for out in &outs {
        let command = Command::Draft(DraftArgs {
            paths: vec![texts.to_path_buf()],
            outlet: outlet.clone(),
            published: Some("2019-03-27".into()),
            language: None,
            corpus: Some(corpus.claims.clone()),
            corpus_or_cwd: corpus.claims.clone(),
            out: Some(out.clone()),
        });
        let config = config(&command, corpus);
        let t = Instant::now();
        run(&config);
        times.push(t.elapsed());
        let written = std::fs::read_dir(out).map_or(0, |d| d.count());
        assert_eq!(written, count, "every text drafted");
    }
    for out in &outs {
        let _ = std::fs::remove_dir_all(out);
    }
    times.sort();
    let median = times[times.len() / 2];
    // The machine's speed in the same run: these machines run at different
    // speeds from day to day, and a time in seconds means little without it.
    let mut parses: Vec<Duration> = (0..rounds.max(1))
        .map(|_| {
            let t = Instant::now();
            crate::baseline(&corpus.claims);
            t.elapsed()
        })
        .collect();
    parses.sort();
    let parse = parses[parses.len() / 2];
    println!(
        "draft: {count} texts, {:.1} MB, against {} articles: median {:.2} s of {} rounds ({:.1} MB/s); goal under 2 s",
        bytes as f64 / 1e6,
        corpus.manifest.articles,
        median.as_secs_f64(),
        times.len(),
        bytes as f64 / 1e6 / median.as_secs_f64()
    );
    println!(
        "  the parse-only baseline read the same corpus at {:.0} MB/s in this run (the README's table: 233 MB/s)",
        corpus.manifest.bytes as f64 / 1e6 / parse.as_secs_f64()
    );
}
