//! The input-shape figures (`cargo bench --bench corpus -- --shapes`): inputs
//! of the shapes that once made a command take the square of their size, at
//! three sizes, each double the last: two annotations of thousands of claims
//! that are mostly alike and of thousands of named sources (`agree`), a sheet
//! of one article with thousands of claims and speakers (`import csv`), and
//! HTML pages of deeply nested elements or a long run of `&` (`draft`, which
//! refuses them), a sentence naming an outlet thousands of times and one
//! of thousands of Spanish clauses citing an outlet, one of thousands of
//! German modal hedges and one of thousands of French phrases of the paper's
//! own reporting (`draft`). Each command runs as the release binary would be run by a
//! user (a child process); its median wall time and peak memory are printed
//! with the growth from one size to the next, which a linear command keeps
//! near 2. Nothing is asserted.

use crate::measure;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A registry with the outlet every input here names.
const REGISTRY: &str = "[wire]\nname = \"Wire\"\nkind = \"wire\"\nownership = \"private\"\n\n\
    [agency]\nname = \"Agency\"\nkind = \"wire\"\nownership = \"private\"\n\n\
    [daily]\nname = \"Daily\"\nkind = \"newspaper\"\nownership = \"private\"\n";

/// A shape: its name, its sizes, and what writes its input of a size into a
/// folder and gives the command's arguments.
struct Shape {
    name: &'static str,
    sizes: [usize; 3],
    write: fn(&Path, usize) -> Vec<String>,
}

const SHAPES: [Shape; 11] = [
    Shape {
        name: "agree, claims mostly alike",
        sizes: [2_000, 4_000, 8_000],
        write: agree_claims,
    },
    Shape {
        name: "agree, named sources",
        sizes: [4_000, 8_000, 16_000],
        write: agree_sources,
    },
    Shape {
        name: "import, one article",
        sizes: [10_000, 20_000, 40_000],
        write: import_one_article,
    },
    Shape {
        name: "draft, nested <div>s",
        sizes: [10_000, 20_000, 40_000],
        write: nested_page,
    },
    Shape {
        name: "draft, a run of &amp;",
        sizes: [100_000, 200_000, 400_000],
        write: ampersand_page,
    },
    Shape {
        name: "draft, outlets named",
        sizes: [10_000, 20_000, 40_000],
        write: outlets_named,
    },
    Shape {
        name: "draft, citing clauses",
        sizes: [10_000, 20_000, 40_000],
        write: citing_clauses,
    },
    Shape {
        name: "draft, modal hedges",
        sizes: [20_000, 40_000, 80_000],
        write: modal_hedges,
    },
    Shape {
        name: "draft, own reporting",
        sizes: [10_000, 20_000, 40_000],
        write: own_reporting,
    },
    Shape {
        name: "draft, many speakers",
        sizes: [4_000, 8_000, 16_000],
        write: many_speakers,
    },
    Shape {
        name: "draft, posts named alone",
        sizes: [4_000, 8_000, 16_000],
        write: posts_named_alone,
    },
];

fn article_head() -> String {
    "[article]\ntitle = \"T\"\noutlet = \"wire\"\npublished = 2019-03-26\n\n".into()
}

/// Two annotations of `n` claims, each of twelve words drawn from seventeen.
fn agree_claims(dir: &Path, n: usize) -> Vec<String> {
    const WORDS: [&str; 17] = [
        "minister",
        "said",
        "talks",
        "failed",
        "resume",
        "geneva",
        "officials",
        "troops",
        "planes",
        "landed",
        "caracas",
        "cyber",
        "personnel",
        "embassy",
        "sanctions",
        "oil",
        "reportedly",
    ];
    for (side, seed) in [("a", 1u64), ("b", 2)] {
        // A linear congruential generator (Knuth's MMIX constants).
        let mut state = seed;
        let mut word = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            WORDS[(state >> 33) as usize % WORDS.len()]
        };
        let mut t = article_head();
        for i in 0..n {
            let text: Vec<&str> = (0..12).map(|_| word()).collect();
            let _ = write!(
                t,
                "[[claims]]\nid = \"{side}{i}\"\ntext = \"{}\"\nkind = \"assertion\"\n\n",
                text.join(" ")
            );
        }
        std::fs::write(dir.join(format!("{side}.toml")), t).expect("an annotation");
    }
    vec!["agree".into(), "a.toml".into(), "b.toml".into()]
}

/// Two annotations of `n` named sources each, no two alike.
fn agree_sources(dir: &Path, n: usize) -> Vec<String> {
    for side in ["a", "b"] {
        let mut t = article_head();
        for i in 0..n {
            let _ = write!(
                t,
                "[sources.s{i}]\nname = \"Person{side}x{i} Surname{i}\"\n\n"
            );
        }
        t.push_str(
            "[[claims]]\nid = \"c\"\ntext = \"x\"\nsource = \"s0\"\nkind = \"paraphrase\"\n",
        );
        std::fs::write(dir.join(format!("{side}.toml")), t).expect("an annotation");
    }
    vec!["agree".into(), "a.toml".into(), "b.toml".into()]
}

/// A sheet of one article with `n` claims, each with a speaker of its own.
fn import_one_article(dir: &Path, n: usize) -> Vec<String> {
    let mut t = String::from("article,title,outlet,date,claim,text,speaker,source,kind\n");
    for i in 0..n {
        let _ = writeln!(
            t,
            "2019/big,T,wire,2019-03-26,c{i},Claim number {i}.,Person {i},p{i},paraphrase"
        );
    }
    std::fs::write(dir.join("sheet.csv"), t).expect("a sheet");
    let out = dir.join("imported");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("a folder");
    std::fs::write(out.join("outlets.toml"), REGISTRY).expect("a registry");
    // Each run imports into a fresh folder: `import` never overwrites.
    vec![
        "import".into(),
        "csv".into(),
        "sheet.csv".into(),
        "--out".into(),
        "{fresh}".into(),
    ]
}

fn page(body: &str) -> String {
    format!("<html><head><title>T</title></head><body>{body}</body></html>")
}

const PARAGRAPH: &str = "<p>The minister said on Tuesday that the talks would resume.</p>";

/// A page of `n` nested `<div>`s around a paragraph.
fn nested_page(dir: &Path, n: usize) -> Vec<String> {
    let body = format!("{}{PARAGRAPH}{}", "<div>".repeat(n), "</div>".repeat(n));
    std::fs::write(dir.join("page.html"), page(&body)).expect("a page");
    draft_args()
}

/// A page whose paragraph starts with `n` escaped ampersands.
fn ampersand_page(dir: &Path, n: usize) -> Vec<String> {
    let body = format!(
        "<p>{} The minister said the talks would resume.</p>",
        "&amp;".repeat(n)
    );
    std::fs::write(dir.join("page.html"), page(&body)).expect("a page");
    draft_args()
}

/// A text of one sentence naming the registry's outlet `n` times, each
/// with a cue ("Wire said Wire reported, according to Wire …").
fn outlets_named(dir: &Path, n: usize) -> Vec<String> {
    let body = "Wire said Wire reported, according to Wire ".repeat(n / 3);
    let mut args = headed_text(dir, &format!("{body}."), "en");
    args[3] = "wire".into();
    args
}

/// A Spanish text of one sentence of `n` clauses of one outlet citing
/// another ("Wire, que cita a la agencia Agency, …, informó"), drafted for a
/// third outlet, so that every citation is a relay.
fn citing_clauses(dir: &Path, n: usize) -> Vec<String> {
    let body = "Wire, que cita a la agencia Agency, ".repeat(n);
    headed_text(dir, &format!("Lima - {body}informó."), "es")
}

/// One German sentence of `n` modal hedges ("soll") that each need a
/// perfect infinitive later in the clause.
fn modal_hedges(dir: &Path, n: usize) -> Vec<String> {
    let body = "soll ".repeat(n);
    headed_text(
        dir,
        &format!("Berlin - Der Mann {body}klären, sagte Wire."),
        "de",
    )
}

/// One French sentence of `n` phrases of the paper's own reporting, each
/// followed by a reporting verb.
fn own_reporting(dir: &Path, n: usize) -> Vec<String> {
    let body = "selon nos informations a déclaré ".repeat(n);
    headed_text(dir, &format!("Paris - {body}Paul Martin."), "fr")
}

/// A text of `n` speakers, each named in full once and then by surname
/// ("Kabe Mobe said … Mobe added …"), so that every sentence looks its
/// speaker up among all the speakers before it.
fn many_speakers(dir: &Path, n: usize) -> Vec<String> {
    let body: String = (0..n)
        .map(|i| {
            let (given, surname) = (syllables(i, "Ka"), syllables(i, "Mo"));
            format!("{given} {surname} said the plan {i} would work. {surname} added that it was cheap.\n")
        })
        .collect();
    headed_text(dir, &body, "en")
}

/// `n` ministers, each named with the post and then by it alone ("The
/// minister added"), and a post no one named holds ("The governor said"):
/// who holds a post is looked up, not searched for among every speaker.
fn posts_named_alone(dir: &Path, n: usize) -> Vec<String> {
    let body: String = (0..n)
        .map(|i| {
            let (given, surname) = (syllables(i, "Ka"), syllables(i, "Mo"));
            format!(
                "Health Minister {given} {surname} said the plan {i} would work. \
                 The minister added that it was cheap. The governor said it was late.\n"
            )
        })
        .collect();
    headed_text(dir, &body, "en")
}

/// A distinct capitalised word for each `i`, of syllables after `first`.
fn syllables(mut i: usize, first: &str) -> String {
    let mut w = first.to_string();
    loop {
        w.push_str(["ba", "de", "ki", "lo", "mu", "na", "pe", "ri"][i % 8]);
        i /= 8;
        if i == 0 {
            return w;
        }
    }
}

/// Writes a text of a headline and `body` (one sentence, or lines), and
/// gives the arguments that draft it in `language` for the outlet "daily".
fn headed_text(dir: &Path, body: &str, language: &str) -> Vec<String> {
    std::fs::write(dir.join("text.txt"), format!("T\n\n{body}\n")).expect("a text");
    [
        "draft",
        "text.txt",
        "--outlet",
        "daily",
        "--language",
        language,
        "--corpus",
        ".",
    ]
    .map(String::from)
    .to_vec()
}

fn draft_args() -> Vec<String> {
    ["draft", "page.html", "--outlet", "wire", "--corpus", "."]
        .map(String::from)
        .to_vec()
}

/// The folder of a shape's input of one size, written afresh.
fn folder(cache: &Path, shape: &Shape, n: usize) -> PathBuf {
    let slug: String = shape
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let dir = cache.join("shapes").join(format!("{slug}-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    std::fs::write(dir.join("outlets.toml"), REGISTRY).expect("a registry");
    dir
}

/// Run each shape `rounds` times at each size; print the median wall time,
/// the peak memory, the exit code and the growth per doubling.
pub fn figures(cache: &Path, rounds: usize, threads: usize) {
    let bin = Path::new(env!("CARGO_BIN_EXE_claimtrail"));
    println!(
        "Input shapes (median of {rounds} rounds, {threads} threads, release binary as a child process; exit 2 is a refusal)"
    );
    for shape in &SHAPES {
        print!("{:<28}", shape.name);
        let mut times: Vec<Duration> = Vec::new();
        for n in shape.sizes {
            let dir = folder(cache, shape, n);
            let argv = (shape.write)(&dir, n);
            let (mut walls, mut rss, mut code) = (Vec::new(), 0, 0);
            for round in 0..rounds.max(1) {
                let argv: Vec<String> = argv
                    .iter()
                    .map(|a| match a.as_str() {
                        "{fresh}" => format!("imported/round-{round}"),
                        _ => a.clone(),
                    })
                    .collect();
                let peak = measure::peak(bin, &argv, &dir, threads).expect("a child run");
                assert!(matches!(peak.code, 0..=2), "{argv:?} exited {}", peak.code);
                walls.push(peak.wall);
                rss = rss.max(peak.rss);
                code = peak.code;
            }
            walls.sort();
            let wall = walls[walls.len() / 2];
            times.push(wall);
            print!(
                " {:>26}",
                format!(
                    "{n}: {:.2} s {:>4} MB ({code})",
                    wall.as_secs_f64(),
                    rss >> 20
                )
            );
            let _ = std::fs::remove_dir_all(&dir);
        }
        let growth: Vec<String> = times
            .windows(2)
            .map(|w| format!("{:.2}x", w[1].as_secs_f64() / w[0].as_secs_f64()))
            .collect();
        println!("   {}", growth.join(", "));
    }
}
