//! Trails: for each tracked claim, a timeline of its appearances across
//! outlets, one lane per publication date and the undated set apart; drift is
//! marked on the appearance where it happens, and listed in words below.

use super::data::{self, Lane};
use super::{Bdi, Ctx, Esc, Iso, fill, head, hops, ink, n, outlet_chip, pill, s};
use crate::diag::Code;
use crate::render::date;
use crate::trail::{Appearance, Drift, Trail};
use maud::{Markup, PreEscaped, html};
use std::collections::BTreeSet;

const LANE: f64 = 230.0;
/// Space before the undated lane.
const GAP: f64 = 30.0;
const HEAD: f64 = 34.0;
const ROW: f64 = 44.0;
const DOT: f64 = 11.0;
/// Characters of an outlet name that fit beside a dot.
const LABEL_CHARS: usize = 24;

pub(super) fn section(ctx: &Ctx) -> Markup {
    let trails = ctx.input.trails;
    let codes: BTreeSet<Code> = trails
        .iter()
        .flat_map(|t| t.findings.iter().map(|f| f.code))
        .collect();
    html! {
        section id="trails" class="wrap" {
            "\n"
            h2 { "Trails" }
            "\n"
            p.lede {
                (trails.len()) " claim" (s(trails.len()))
                " appear in two or more articles. Each timeline runs by publication date, one \
                 column a day; undated appearances are set apart at the end, since their place in \
                 the order is unknown. A ringed, numbered dot marks drift: the claim's attribution \
                 changed there."
            }
            "\n"
            @if !codes.is_empty() {
                dl.drift-legend {
                    @for code in &codes {
                        "\n"
                        div { dt { span.flag { (code.as_str()) } } dd { (Esc(code.summary())) } }
                    }
                }
                "\n"
                div.controls #trail-filter hidden {
                    label { input type="checkbox" id="drift-only"; " Only claims with drift" }
                }
                "\n"
            }
            @if trails.is_empty() {
                p.empty { "No claim appears in more than one article." }
                "\n"
            }
            @for t in trails {
                (trail(ctx, t))
            }
        }
        "\n"
    }
}

fn trail(ctx: &Ctx, t: &Trail) -> Markup {
    let outlets = ctx.outlets();
    let summary = crate::trail::summary(t);
    // The claim in the words of its first appearance.
    let text = t
        .appearances
        .first()
        .and_then(|a| claim_text(ctx, a, &t.id));
    let lanes = data::lanes(t);
    html! {
        article.trail id=(Esc(&ctx.trail_id(&t.id).unwrap_or_default())) data-claim=(Esc(&t.id))
            data-drift=(t.findings.len()) {
            "\n"
            header {
                h3 { code { (Bdi(&t.id)) } }
                "\n"
                @if let Some(text) = text {
                    p.text dir="auto" { (Esc(text)) }
                    "\n"
                }
                p.meta {
                    (summary.appearances) " appearance" (s(summary.appearances)) " in "
                    (summary.articles) " article" (s(summary.articles))
                    @if let Some(o) = &t.origin {
                        " · first: " (Bdi(outlets.name(&o.outlet))) ", " (date(o.published))
                    }
                    " · " (t.independent_roots) " independent root" (s(t.independent_roots)) " ("
                    (crate::render::roots_in_words(t.confirmed_roots, t.independent_roots)) "): "
                    @for (i, r) in t.roots.iter().enumerate() {
                        @if i > 0 { ", " }
                        (Bdi(r.root.name(outlets))) " (" (r.appearances) ")"
                    }
                    @if !t.findings.is_empty() {
                        " · "
                        strong { (t.findings.len()) " drift finding" (s(t.findings.len())) }
                    }
                }
                "\n"
            }
            "\n"
            (timeline(ctx, t, &lanes))
            (appearances(ctx, t))
        }
        "\n"
    }
}

fn claim_text<'a>(ctx: &Ctx<'a>, a: &Appearance, claim: &str) -> Option<&'a str> {
    ctx.explanation(&a.article)?
        .claim_rows
        .iter()
        .find(|c| c.id == claim)
        .map(|c| c.text.as_str())
}

/// The timeline chart: lanes left to right, appearances stacked in a lane.
fn timeline(ctx: &Ctx, t: &Trail, lanes: &[Lane]) -> Markup {
    let drift = data::drift_by_appearance(t);
    let deepest = lanes.iter().map(|l| l.appearances.len()).max().unwrap_or(0);
    let has_undated = lanes.last().is_some_and(|l| l.date.is_none());
    let width = lanes.len() as f64 * LANE + if has_undated { GAP } else { 0.0 };
    let height = HEAD + deepest as f64 * ROW + 4.0;
    let (w, ht) = (n(width), n(height));
    // The claim id isolated, the rest the page's own words.
    let label = html! {
        "Timeline of " (Iso(&t.id)) ": " (t.appearances.len()) " appearance"
        (s(t.appearances.len())) ", " (t.findings.len()) " drift finding" (s(t.findings.len()))
    };
    let dated = lanes.iter().filter(|l| l.date.is_some()).count();
    html! {
        div.scroll {
            svg.timeline width=(w) height=(ht) viewBox={ "0 0 " (w) " " (ht) } role="img"
                aria-label=(label) {
                title { (label) }
                "\n"
                @if dated > 0 {
                    (PreEscaped(format!(
                        "<line class=\"axis\" x1=\"0\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
                        n(dated as f64 * LANE - 16.0),
                        y = n(HEAD - 10.0)
                    )))
                }
                @for (li, lane) in lanes.iter().enumerate() {
                    @let x0 = li as f64 * LANE + if lane.date.is_none() { GAP } else { 0.0 };
                    @match lane.date {
                        Some(d) => {
                            (PreEscaped(format!(
                                "<line class=\"tick\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>",
                                n(HEAD - 14.0),
                                n(HEAD - 6.0),
                                x = n(x0 + 1.0)
                            )))
                            text.lane-head x=(n(x0 + 1.0)) y=(n(HEAD - 18.0)) { (d.to_string()) }
                            "\n"
                        }
                        None => {
                            (PreEscaped(format!(
                                "<rect class=\"undated-lane\" x=\"{}\" y=\"0\" width=\"{}\" height=\"{}\" rx=\"6\"/>\
                                 <line class=\"divider\" x1=\"{sep}\" y1=\"2\" x2=\"{sep}\" y2=\"{}\"/>",
                                n(x0 - 10.0),
                                n(LANE),
                                ht,
                                n(height - 2.0),
                                sep = n(x0 - GAP / 2.0 - 4.0)
                            )))
                            text.lane-head.undated x=(n(x0)) y=(n(HEAD - 18.0)) { "undated" }
                            "\n"
                        }
                    }
                    @for (row, &i) in lane.appearances.iter().enumerate() {
                        (dot(ctx, &t.appearances[i], i, &drift[i], x0, HEAD + row as f64 * ROW))
                    }
                }
            }
        }
        "\n"
    }
}

/// One appearance on the timeline: a numbered dot in its class's colour,
/// ringed when drift is found there, with its outlet beside it.
fn dot(ctx: &Ctx, a: &Appearance, i: usize, drift: &[&Drift], x0: f64, top: f64) -> Markup {
    let cx = x0 + DOT + 4.0;
    let cy = top + DOT + 2.0;
    let name = ctx.outlets().name(&a.outlet);
    let short: String = if name.chars().count() > LABEL_CHARS {
        let cut: String = name.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        name.to_string()
    };
    let drifted = !drift.is_empty();
    let (x, y) = (n(cx), n(cy));
    let tx = n(cx + DOT + 8.0);
    let second = if drifted {
        match drift {
            [one] => format!("⚠ {}", one.code.as_str()),
            _ => format!("⚠ {} drift findings", drift.len()),
        }
    } else {
        match &a.hedge {
            Some(_) => format!("{}, hedged", a.class.as_str()),
            None => a.class.as_str().to_string(),
        }
    };
    html! {
        g.app.drifted[drifted] {
            title {
                (i + 1) ". " (Iso(name)) " (" (date(a.published)) "): " (a.class.as_str())
                @for d in drift {
                    "; " (d.code.as_str())
                }
            }
            @if drifted {
                (PreEscaped(format!(
                    "<circle class=\"ring\" cx=\"{x}\" cy=\"{y}\" r=\"{}\"/>",
                    n(DOT + 4.0)
                )))
            }
            (PreEscaped(format!(
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"{}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
                n(DOT),
                fill(a.class)
            )))
            text.num x=(x) y=(n(cy + 4.0)) fill=(ink(a.class)) { (i + 1) }
            text.outlet x=(tx) y=(n(cy - 2.0)) { (Esc(&short)) }
            text.note.drift[drifted] x=(tx) y=(n(cy + 12.0)) { (Esc(&second)) }
        }
        "\n"
    }
}

/// The appearances in words, numbered as on the timeline; the undated in a
/// group of their own, and each drift finding under its appearance.
fn appearances(ctx: &Ctx, t: &Trail) -> Markup {
    let drift = data::drift_by_appearance(t);
    // Appearances are in date order, the undated last: from the first
    // undated one on, the rows go into a group of their own.
    let undated = t
        .appearances
        .iter()
        .position(|a| a.published.is_none())
        .unwrap_or(t.appearances.len());
    html! {
        table.appearances {
            "\n"
            (head(&[("#", Some("num")), ("Published", None), ("Article", None), ("Speaker", None), ("Route", Some("route")), ("Hedge", Some("hedge-col"))]))
            "\n"
            tbody {
                "\n"
                @for i in 0..undated {
                    (appearance(ctx, &t.appearances[i], i, &drift[i]))
                }
            }
            "\n"
            @if undated < t.appearances.len() {
                tbody.undated {
                    "\n"
                    tr.group {
                        th colspan="6" {
                            "Undated: published on an unknown day, so their order is unknown"
                        }
                    }
                    "\n"
                    @for i in undated..t.appearances.len() {
                        (appearance(ctx, &t.appearances[i], i, &drift[i]))
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

fn appearance(ctx: &Ctx, a: &Appearance, i: usize, drift: &[&Drift]) -> Markup {
    let outlets = ctx.outlets();
    html! {
        tr.app.drifted[!drift.is_empty()] {
            td.num { span class={ "n k-" (a.class.as_str()) } { (i + 1) } }
            td { (date(a.published)) }
            td {
                (outlet_chip(outlets, &a.outlet))
                " "
                a href=(Esc(&ctx.article_href(&a.article))) dir="auto" {
                    (Esc(ctx.title(&a.article).unwrap_or(&a.article)))
                }
            }
            td {
                @match &a.source {
                    Some(sp) => { span dir="auto" { (Esc(sp)) } " " }
                    None => { span.muted { "no speaker" } " " }
                }
                (pill(a.class))
            }
            td.route {
                @if a.route.is_empty() {
                    span.muted { "first-hand" }
                }
                @for (k, route) in a.route.iter().enumerate() {
                    @if k > 0 { span.or { "or" } }
                    (hops(outlets, route))
                }
            }
            td.hedge-col {
                @match &a.hedge {
                    Some(hedge) => span.hedge { "“" (Esc(hedge)) "”" },
                    None => span.muted { "none" },
                }
            }
        }
        "\n"
        @if !drift.is_empty() {
            tr.drift-row {
                td {}
                td colspan="5" {
                    ul.drift {
                        @for d in drift {
                            li {
                                span.flag { (d.code.as_str()) } " " (Bdi(&d.message)) " "
                                span.muted { "(compared with #" (d.earlier + 1) ")" }
                            }
                        }
                    }
                }
            }
            "\n"
        }
    }
}
