//! The shared-claim figures (`cargo bench --bench corpus -- --shared`): one
//! claim id that every article of the corpus repeats, at 4,000, 8,000 and
//! 16,000 articles, the shape that once made the HTML report quadratic. Each
//! command runs as the release binary would be run by a user (a child
//! process), and its wall time and peak memory are printed with the growth
//! from one size to the next, which a linear command keeps near 2. Nothing is
//! asserted.

use crate::measure;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const SIZES: [usize; 3] = [4_000, 8_000, 16_000];

/// Write a corpus of `n` articles, each with the shared claim (every third
/// one hedged, so that drift is found along the trail) and one claim of its
/// own; kept between runs.
pub fn corpus(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join(format!("shared-{n}"));
    let claims = root.join("claims");
    if root.join(".complete").exists() {
        return claims;
    }
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&claims).expect("a corpus folder");
    std::fs::write(
        claims.join("outlets.toml"),
        "[wire]\nname = \"Wire\"\nkind = \"wire\"\nownership = \"private\"\n\n\
         [daily]\nname = \"Daily\"\nkind = \"newspaper\"\nownership = \"private\"\n\n\
         [state-tv]\nname = \"State TV\"\nkind = \"broadcaster\"\nownership = \"state\"\n",
    )
    .expect("a registry");
    for i in 0..n {
        let folder = claims.join(format!("{:02}", i % 64));
        if i < 64 {
            std::fs::create_dir_all(&folder).expect("a folder");
        }
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let outlet = ["wire", "daily", "state-tv"][i % 3];
        let mut t = format!(
            "[article]\ntitle = \"Article {i}\"\noutlet = \"{outlet}\"\npublished = 2019-{month:02}-{day:02}\n\n\
             [sources.official]\nanonymous = true\ndescription = \"an official\"\nreason = \"not authorized to speak\"\n\n\
             [[claims]]\nid = \"shared-claim\"\ntext = \"The same claim, repeated.\"\nsource = \"official\"\nsaid = 2019-01-01\n"
        );
        if i % 3 == 0 {
            t.push_str("hedge = \"reportedly\"\n");
        }
        if outlet != "wire" {
            t.push_str("via = [\"wire\"]\n");
        }
        let _ = write!(
            t,
            "\n[[claims]]\nid = \"own-{i}\"\ntext = \"A claim of article {i}.\"\nsource = \"official\"\nsaid = 2019-01-01\n"
        );
        std::fs::write(folder.join(format!("a{i}.toml")), t).expect("an article");
    }
    std::fs::write(root.join(".complete"), "").expect("a marker");
    claims
}

/// Run each command `rounds` times at each size; print the median wall time,
/// the peak memory and the growth per doubling.
pub fn figures(cache: &Path, rounds: usize, threads: usize) {
    let bin = Path::new(env!("CARGO_BIN_EXE_claimtrail"));
    let commands: [(&str, &[&str]); 5] = [
        ("check", &["check", "--quiet"]),
        ("report", &["report"]),
        ("report html", &["report", "--format", "html"]),
        ("trace", &["trace", "shared-claim"]),
        ("claims", &["claims"]),
    ];
    println!(
        "One claim in every article (median of {rounds} rounds, {threads} threads, release binary as a child process)"
    );
    print!("{:<12}", "command");
    for n in SIZES {
        print!(" {:>16}", format!("{n} articles"));
    }
    println!("   growth per doubling");
    for (name, args) in commands {
        print!("{name:<12}");
        let mut times: Vec<Duration> = Vec::new();
        for n in SIZES {
            let claims = corpus(cache, n);
            let mut argv: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            argv.push(claims.display().to_string());
            let mut walls = Vec::new();
            let mut rss = 0;
            for _ in 0..rounds.max(1) {
                let peak = measure::peak(bin, &argv, claims.parent().unwrap(), threads)
                    .expect("a child run");
                assert!(
                    peak.code == 0 || peak.code == 1,
                    "{argv:?} exited {}",
                    peak.code
                );
                walls.push(peak.wall);
                rss = rss.max(peak.rss);
            }
            walls.sort();
            let wall = walls[walls.len() / 2];
            times.push(wall);
            print!(
                " {:>16}",
                format!("{:.2} s {:>4} MB", wall.as_secs_f64(), rss >> 20)
            );
        }
        let growth: Vec<String> = times
            .windows(2)
            .map(|w| format!("{:.2}x", w[1].as_secs_f64() / w[0].as_secs_f64()))
            .collect();
        println!("   {}", growth.join(", "));
    }
}
