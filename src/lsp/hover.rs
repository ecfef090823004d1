//! Hover: on a claim, its class, points and reasons (what `report --article`
//! shows for it) and its trail in one line; on a source id, the source; on
//! an outlet id, its entry in the registry.

use super::cursor::{self, Table};
use super::navigate::{Target, target_at};
use super::positions::Text;
use super::state::Workspace;
use crate::model::Outlet;
use crate::score::score_claim;
use crate::trail::{self, Root};
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};
use std::fmt::Write as _;

pub fn hover(ws: &Workspace, p: &HoverParams) -> Option<Hover> {
    let uri = &p.text_document_position_params.text_document.uri;
    let (path, text) = super::document(ws, uri)?;
    let offset = Text::new(text).offset(p.text_document_position_params.position);
    let registry = path
        .file_name()
        .is_some_and(|n| n == crate::corpus::REGISTRY_FILE);
    let value = match target_at(text, offset, registry) {
        Some(Target::Outlet(id)) => outlet(ws.outlets.get(&id)?),
        Some(Target::Source(id)) => {
            let article = ws.article(&path, text)?;
            let s = article.source(&id)?;
            let mut v = format!("**source `{}`**: {}", s.id, s.described());
            for (label, field) in [
                ("role", &s.role),
                ("affiliation", &s.affiliation),
                ("country", &s.country),
                ("reason for anonymity", &s.reason),
            ] {
                if let Some(f) = field {
                    let _ = write!(v, "\n\n{label}: {f}");
                }
            }
            v
        }
        _ => {
            // Anywhere on a claim's header or its `id` line: the claim.
            let c = cursor::at(text, offset);
            let Table::Claim(index) = c.table else {
                return None;
            };
            let line = Text::new(text).position(offset).line as usize;
            let on_id = c.key.as_deref() == Some("id");
            if line != c.table_line && !on_id {
                return None;
            }
            claim(ws, &path, text, index)?
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: None,
    })
}

fn outlet(o: &Outlet) -> String {
    let mut v = format!("**{}** (`{}`)", o.name, o.id);
    let facts: Vec<&str> = [
        o.kind.map(|k| k.as_str()),
        o.ownership.map(|w| w.as_str()),
        o.country.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !facts.is_empty() {
        let _ = write!(v, "\n\n{}", facts.join(" · "));
    }
    if let Some(url) = &o.url {
        let _ = write!(v, "\n\n{url}");
    }
    v
}

/// The claim's score as `report --article` explains it, and its trail.
fn claim(ws: &Workspace, path: &std::path::Path, text: &str, index: usize) -> Option<String> {
    let article = ws.article(path, text)?;
    let claim = article.claims.get(index)?;
    let mut s = score_claim(&article, claim, &ws.outlets, &ws.settings.weights);
    // The trail, over the corpus as loaded (this file's facts as last analyzed).
    let apps = ws.appearances(&claim.id);
    let pairs: Vec<(&trail::ArticleFacts, &trail::ClaimFacts)> = apps
        .iter()
        .filter_map(|(_, a, i)| {
            let f = a.facts.as_ref()?;
            Some((f, f.claims.get(*i)?))
        })
        .collect();
    let t = (!pairs.is_empty()).then(|| trail::trail(&claim.id, &pairs, &ws.outlets));
    // Drift at this appearance costs its points, as in `report --article`.
    if let (Some(t), Some(mut points)) = (&t, s.points) {
        let here = t.appearances.iter().position(|a| *a.article == *article.id);
        for f in t.findings.iter().filter(|f| Some(f.at) == here) {
            let cost = ws.settings.weights.drift_cost(f.code);
            if cost != 0.0 {
                points -= cost;
                s.reasons.push(crate::score::Reason {
                    what: format!("{}: {}", f.code.as_str(), f.message),
                    points: -cost,
                });
            }
        }
        s.points = Some(points.clamp(0.0, 100.0));
    }
    let points = s
        .points
        .map(|p| format!("{p:.1}"))
        .unwrap_or_else(|| "-".into());
    let reasons: Vec<String> = s
        .reasons
        .iter()
        .map(|r| {
            if r.points == 0.0 {
                r.what.clone()
            } else {
                format!("{:+} {}", r.points, r.what)
            }
        })
        .collect();
    let mut v = format!(
        "**claim `{}`**: {}, {} points\n\n{}",
        claim.id,
        s.class.as_str(),
        points,
        reasons.join("; ")
    );
    if let Some(t) = &t {
        let articles: std::collections::BTreeSet<&str> =
            t.appearances.iter().map(|a| &*a.article).collect();
        let first = t
            .origin
            .as_ref()
            .map(|o| {
                let date = o
                    .published
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into());
                format!("{} ({}, {date})", o.article, ws.outlets.name(&o.outlet))
            })
            .unwrap_or_default();
        let roots: Vec<String> = t
            .roots
            .iter()
            .map(|r| match &r.root {
                Root::Speaker(s) => format!("speaker {s}"),
                Root::Outlet(o) => format!("outlet {}", ws.outlets.name(o)),
            })
            .collect();
        let mut drift: Vec<&str> = t.findings.iter().map(|f| f.code.as_str()).collect();
        drift.dedup();
        let _ = write!(
            v,
            "\n\ntrail: {} appearance{} in {} article{}; first: {first}; roots: {} ({}; {}); drift: {}",
            t.appearances.len(),
            if t.appearances.len() == 1 { "" } else { "s" },
            articles.len(),
            if articles.len() == 1 { "" } else { "s" },
            t.independent_roots,
            roots.join(", "),
            crate::render::roots_in_words(t.confirmed_roots, t.independent_roots),
            if drift.is_empty() {
                "none".to_string()
            } else {
                drift.join(", ")
            }
        );
    }
    Some(v)
}
