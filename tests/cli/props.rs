//! Generated documents (proptest): valid articles built from random values
//! load back to exactly those values, `fmt` keeps their meaning and is
//! idempotent on them, and random byte-level damage to them ends in
//! diagnostics, never a panic.
//!
//! The ordinary `cargo test` runs 100,000 cases of the round trip. For a longer
//! campaign: `PROPTEST_CASES=2000000 cargo test --release props`.

use claimtrail::diag::Severity;
use claimtrail::layout::{self, FileKind};
use claimtrail::load;
use claimtrail::model::{Article, Outlet, Outlets};
use proptest::prelude::*;
use proptest::test_runner::Config;

const OUTLET_IDS: &[&str] = &["reuters", "sputnik", "cnn", "rferl", "paper"];

fn outlets() -> Outlets {
    let mut o = Outlets {
        checked: true,
        ..Outlets::default()
    };
    for id in OUTLET_IDS {
        o.by_id.insert(
            id.to_string(),
            Outlet {
                id: id.to_string(),
                name: id.to_uppercase(),
                kind: None,
                country: None,
                ownership: None,
                url: None,
            },
        );
    }
    o
}

/// Text with quotes, backslashes, newlines, control characters, RTL, CJK,
/// combining marks and emoji; never empty after trimming.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 \"'\\\\\n\t\u{0}-\u{1f}\u{7f}é\u{0301}\u{05d0}\u{0627}报道🛰️|<>&]{0,24}[a-z]"
}

#[derive(Clone, Debug)]
struct GenSource {
    name: Option<String>,
    description: Option<String>,
    reason: Option<String>,
}

#[derive(Clone, Debug)]
struct GenClaim {
    text: String,
    source: Option<usize>,
    routes: Vec<Vec<usize>>,
    said: Option<u32>,
    hedge: Option<String>,
    key: bool,
}

fn source() -> impl Strategy<Value = GenSource> {
    (
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(|(name, description, reason)| GenSource {
            name,
            description,
            reason,
        })
}

fn claim() -> impl Strategy<Value = GenClaim> {
    (
        text(),
        prop::option::of(0usize..5),
        prop::collection::vec(prop::collection::vec(0usize..OUTLET_IDS.len(), 1..4), 0..3),
        prop::option::of(1u32..28),
        prop::option::of(text()),
        any::<bool>(),
    )
        .prop_map(|(text, source, routes, said, hedge, key)| GenClaim {
            text,
            source,
            routes,
            said,
            hedge,
            key,
        })
}

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Render the generated article as a user would write it.
fn render(title: &str, sources: &[GenSource], claims: &[GenClaim]) -> String {
    let mut t = format!(
        "[article]\ntitle = {}\noutlet = \"paper\"\npublished = 2019-03-28\n",
        quote(title)
    );
    for (i, s) in sources.iter().enumerate() {
        t.push_str(&format!("\n[sources.s{i}]\n"));
        match &s.name {
            Some(n) => t.push_str(&format!("name = {}\n", quote(n))),
            None => t.push_str("anonymous = true\n"),
        }
        if let Some(d) = &s.description {
            t.push_str(&format!("description = {}\n", quote(d)));
        }
        if let Some(r) = &s.reason {
            t.push_str(&format!("reason = {}\n", quote(r)));
        }
    }
    for (i, c) in claims.iter().enumerate() {
        t.push_str(&format!(
            "\n[[claims]]\nid = \"c{i}\"\ntext = {}\n",
            quote(&c.text)
        ));
        if let Some(s) = c.source.filter(|s| *s < sources.len()) {
            t.push_str(&format!("source = \"s{s}\"\n"));
        }
        if !c.routes.is_empty() {
            let routes: Vec<String> = c
                .routes
                .iter()
                .map(|r| {
                    let hops: Vec<String> = r.iter().map(|h| quote(OUTLET_IDS[*h])).collect();
                    if hops.len() == 1 {
                        hops[0].clone()
                    } else {
                        format!("[{}]", hops.join(", "))
                    }
                })
                .collect();
            t.push_str(&format!("via = [{}]\n", routes.join(", ")));
        }
        if let Some(d) = c.said {
            t.push_str(&format!("said = 2019-03-{d:02}\n"));
        }
        if let Some(h) = &c.hedge {
            t.push_str(&format!("hedge = {}\n", quote(h)));
        }
        if c.key {
            t.push_str("key = true\n");
        }
    }
    t
}

fn check_round_trip(article: &Article, sources: &[GenSource], claims: &[GenClaim]) {
    assert_eq!(article.sources.len(), sources.len());
    for (i, s) in sources.iter().enumerate() {
        let got = article.source(&format!("s{i}")).unwrap();
        assert_eq!(got.name, s.name);
        assert_eq!(got.anonymous, s.name.is_none());
        assert_eq!(got.description, s.description);
        assert_eq!(got.reason, s.reason);
    }
    assert_eq!(article.claims.len(), claims.len());
    for (got, want) in article.claims.iter().zip(claims) {
        assert_eq!(got.text, want.text);
        let hops: Vec<Vec<&str>> = got
            .routes
            .iter()
            .map(|r| r.hops.iter().map(String::as_str).collect())
            .collect();
        let want_hops: Vec<Vec<&str>> = want
            .routes
            .iter()
            .map(|r| r.iter().map(|h| OUTLET_IDS[*h]).collect())
            .collect();
        assert_eq!(hops, want_hops);
        assert_eq!(
            got.said.map(|d| d.to_string()),
            want.said.map(|d| format!("2019-03-{d:02}"))
        );
        assert_eq!(got.key, want.key);
        let want_hedge = want.hedge.clone().filter(|h| !h.trim().is_empty());
        assert_eq!(got.hedge, want_hedge);
    }
}

fn cases(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(cases(100_000))]

    #[test]
    fn generated_articles_load_back_to_their_values(
        title in text(),
        sources in prop::collection::vec(source(), 0..4),
        claims in prop::collection::vec(claim(), 0..6),
    ) {
        let doc = render(&title, &sources, &claims);
        let (article, diagnostics) = load::article_from_text(&doc, "gen.toml", "gen", &outlets());
        let errors: Vec<_> = diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{errors:#?}\n{doc}");
        let article = article.unwrap();
        prop_assert_eq!(&article.title, &title);
        check_round_trip(&article, &sources, &claims);

        // `fmt` keeps the meaning: the formatted text loads to the same
        // article (positions aside), and formatting again changes nothing.
        let formatted = layout::format(&doc, FileKind::Article).unwrap();
        let (again, diagnostics) =
            load::article_from_text(&formatted, "gen.toml", "gen", &outlets());
        prop_assert!(diagnostics.iter().all(|d| d.severity != Severity::Error));
        prop_assert_eq!(without_positions(again.unwrap()), without_positions(article));
        prop_assert_eq!(layout::format(&formatted, FileKind::Article).unwrap(), formatted);
    }
}

fn without_positions(mut a: Article) -> Article {
    a.pos = Default::default();
    for s in &mut a.sources {
        s.pos = Default::default();
    }
    for c in &mut a.claims {
        c.pos = Default::default();
    }
    a
}

proptest! {
    #![proptest_config(cases(20_000))]

    #[test]
    fn damaged_articles_give_located_diagnostics(
        title in text(),
        sources in prop::collection::vec(source(), 0..3),
        claims in prop::collection::vec(claim(), 1..4),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let mut bytes = render(&title, &sources, &claims).into_bytes();
        for (at, byte, op) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        let Ok(text) = String::from_utf8(bytes) else {
            return Ok(());
        };
        let (_, diagnostics) = load::article_from_text(&text, "gen.toml", "gen", &outlets());
        for d in diagnostics {
            if let Some(line) = d.line() {
                prop_assert!(line >= 1 && line <= text.lines().count().max(1) + 1);
            }
        }
    }
}
