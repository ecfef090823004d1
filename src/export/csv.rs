//! `export --format csv`: the newsroom sheet, one row per claim, the article's
//! fields repeated on each of its rows and the speaker's beside the claim.
//! `import csv` reads the same columns back ([`COLUMNS`]); an article with no
//! claims gets one row with the claim columns empty, so it survives the trip.

use super::tables::{ArticleTables, ClaimRec, Tables};
use std::io::{self, Write};

/// The sheet's columns, in order. `import csv` maps headers onto these names.
pub const COLUMNS: [&str; 24] = [
    "article",
    "title",
    "outlet",
    "date",
    "url",
    "language",
    "byline",
    "claim",
    "text",
    "quote",
    "speaker",
    "anonymous",
    "description",
    "reason",
    "role",
    "affiliation",
    "country",
    "speaker_kind",
    "source",
    "via",
    "hedge",
    "said",
    "kind",
    "key",
];

/// How routes are written in one cell: routes apart by `;`, the hops of one
/// route by `>` from the speaker outward (`interfax > reuters; cnn`).
pub const ROUTE_SEP: char = ';';
pub const HOP_SEP: char = '>';
/// Bylines apart by `;`.
pub const BYLINE_SEP: char = ';';

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "" }
}

/// Routes of a claim as one cell, from the routes table's rows of the article.
fn via(a: &ArticleTables, claim: &str) -> String {
    let mut routes: Vec<Vec<&str>> = Vec::new();
    for r in a.routes.iter().filter(|r| &*r.claim == claim) {
        if routes.len() < r.route {
            routes.resize(r.route, Vec::new());
        }
        routes[r.route - 1].push(&*r.outlet);
    }
    routes
        .iter()
        .map(|hops| hops.join(&format!(" {HOP_SEP} ")))
        .collect::<Vec<_>>()
        .join(&format!("{ROUTE_SEP} "))
}

pub fn write(out: &mut dyn Write, t: &Tables) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for a in &t.articles {
        if a.claims.is_empty() {
            let mut row = article_cells(a);
            row.resize(COLUMNS.len(), String::new());
            w.write_record(&row)?;
        }
        for c in &a.claims {
            let mut row = article_cells(a);
            row.extend(claim_cells(a, c));
            w.write_record(&row)?;
        }
    }
    w.flush()?;
    Ok(())
}

fn article_cells(a: &ArticleTables) -> Vec<String> {
    let r = &a.article;
    vec![
        r.row.id.clone(),
        r.row.title.clone(),
        r.row.outlet.clone(),
        r.row.published.map(|d| d.to_string()).unwrap_or_default(),
        r.url.clone().unwrap_or_default(),
        r.language.clone().unwrap_or_default(),
        r.byline.join(&format!("{BYLINE_SEP} ")),
    ]
}

fn claim_cells(a: &ArticleTables, c: &ClaimRec) -> Vec<String> {
    let s = c
        .source
        .as_deref()
        .and_then(|id| a.sources.iter().find(|s| s.source == id));
    let opt = |v: Option<&String>| v.cloned().unwrap_or_default();
    vec![
        c.claim.to_string(),
        c.text.clone(),
        opt(c.quote.as_ref()),
        opt(s.and_then(|s| s.name.as_ref())),
        yes(s.is_some_and(|s| s.anonymous)).to_string(),
        opt(s.and_then(|s| s.description.as_ref())),
        opt(s.and_then(|s| s.reason.as_ref())),
        opt(s.and_then(|s| s.role.as_ref())),
        opt(s.and_then(|s| s.affiliation.as_ref())),
        opt(s.and_then(|s| s.country.as_ref())),
        s.map(|s| s.kind.to_string()).unwrap_or_default(),
        opt(c.source.as_ref()),
        via(a, &c.claim),
        opt(c.hedge.as_ref()),
        c.said.map(|d| d.to_string()).unwrap_or_default(),
        c.kind.to_string(),
        yes(c.key).to_string(),
    ]
}
