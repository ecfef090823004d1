//! Trails: for each tracked claim, a timeline of its appearances across
//! outlets, one lane per publication date and the undated set apart; drift is
//! marked on the appearance where it happens, and listed in words below.

use super::data::{self, Lane};
use super::{Bdi, Ctx, Esc, Iso, fill, hops, ink, n, outlet_chip, pill, s};
use crate::diag::Code;
use crate::render::date;
use crate::trail::{Appearance, Drift, Trail};
use std::collections::BTreeSet;
use std::fmt::{self, Write};

const LANE: f64 = 230.0;
/// Space before the undated lane.
const GAP: f64 = 30.0;
const HEAD: f64 = 34.0;
const ROW: f64 = 44.0;
const DOT: f64 = 11.0;
/// Characters of an outlet name that fit beside a dot.
const LABEL_CHARS: usize = 24;

pub(super) fn section(h: &mut String, ctx: &Ctx) -> fmt::Result {
    let trails = ctx.input.trails;
    write!(
        h,
        "<section id=\"trails\" class=\"wrap\">\n<h2>Trails</h2>\n\
         <p class=\"lede\">{} claim{} appear in two or more articles. Each timeline runs by \
         publication date, one column a day; undated appearances are set apart at the end, \
         since their place in the order is unknown. A ringed, numbered dot marks drift: \
         the claim's attribution changed there.</p>\n",
        trails.len(),
        s(trails.len())
    )?;
    let codes: BTreeSet<Code> = trails
        .iter()
        .flat_map(|t| t.findings.iter().map(|f| f.code))
        .collect();
    if !codes.is_empty() {
        h.write_str("<dl class=\"drift-legend\">")?;
        for code in codes {
            write!(
                h,
                "\n<div><dt><span class=\"flag\">{}</span></dt><dd>{}</dd></div>",
                code.as_str(),
                Esc(code.summary())
            )?;
        }
        h.write_str("</dl>\n")?;
        h.write_str(
            "<div class=\"controls\" id=\"trail-filter\" hidden><label><input type=\"checkbox\" \
             id=\"drift-only\"> Only claims with drift</label></div>\n",
        )?;
    }
    if trails.is_empty() {
        h.write_str("<p class=\"empty\">No claim appears in more than one article.</p>\n")?;
    }
    for t in trails {
        trail(h, ctx, t)?;
    }
    h.write_str("</section>\n")
}

fn trail(h: &mut String, ctx: &Ctx, t: &Trail) -> fmt::Result {
    let outlets = ctx.outlets();
    let summary = crate::trail::summary(t);
    write!(
        h,
        "<article class=\"trail\" id=\"{}\" data-claim=\"{}\" data-drift=\"{}\">\n<header>\
         <h3><code>{}</code></h3>\n",
        Esc(&ctx.trail_id(&t.id).unwrap_or_default()),
        Esc(&t.id),
        t.findings.len(),
        Bdi(&t.id)
    )?;
    // The claim in the words of its first appearance.
    if let Some(text) = t
        .appearances
        .first()
        .and_then(|a| claim_text(ctx, a, &t.id))
    {
        writeln!(h, "<p class=\"text\" dir=\"auto\">{}</p>", Esc(text))?;
    }
    write!(
        h,
        "<p class=\"meta\">{} appearance{} in {} article{}",
        summary.appearances,
        s(summary.appearances),
        summary.articles,
        s(summary.articles)
    )?;
    if let Some(o) = &t.origin {
        write!(
            h,
            " · first: {}, {}",
            Bdi(outlets.name(&o.outlet)),
            date(o.published)
        )?;
    }
    write!(
        h,
        " · {} independent root{} ({}): {}",
        t.independent_roots,
        s(t.independent_roots),
        crate::render::roots_in_words(t.confirmed_roots, t.independent_roots),
        t.roots
            .iter()
            .map(|r| format!("{} ({})", Bdi(r.root.name(ctx.outlets())), r.appearances))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    if !t.findings.is_empty() {
        write!(
            h,
            " · <strong>{} drift finding{}</strong>",
            t.findings.len(),
            s(t.findings.len())
        )?;
    }
    h.write_str("</p>\n</header>\n")?;
    let lanes = data::lanes(t);
    timeline(h, ctx, t, &lanes)?;
    appearances(h, ctx, t)?;
    h.write_str("</article>\n")
}

fn claim_text<'a>(ctx: &Ctx<'a>, a: &Appearance, claim: &str) -> Option<&'a str> {
    ctx.explanation(&a.article)?
        .claim_rows
        .iter()
        .find(|c| c.id == claim)
        .map(|c| c.text.as_str())
}

/// The timeline chart: lanes left to right, appearances stacked in a lane.
fn timeline(h: &mut String, ctx: &Ctx, t: &Trail, lanes: &[Lane]) -> fmt::Result {
    let drift = data::drift_by_appearance(t);
    let deepest = lanes.iter().map(|l| l.appearances.len()).max().unwrap_or(0);
    let has_undated = lanes.last().is_some_and(|l| l.date.is_none());
    let width = lanes.len() as f64 * LANE + if has_undated { GAP } else { 0.0 };
    let height = HEAD + deepest as f64 * ROW + 4.0;
    // Escaped already: the claim id isolated, the rest the page's own words.
    let label = format!(
        "Timeline of {}: {} appearance{}, {} drift finding{}",
        Iso(&t.id),
        t.appearances.len(),
        s(t.appearances.len()),
        t.findings.len(),
        s(t.findings.len())
    );
    writeln!(
        h,
        "<div class=\"scroll\"><svg class=\"timeline\" width=\"{w}\" height=\"{ht}\" \
         viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"{l}\"><title>{l}</title>",
        w = n(width),
        ht = n(height),
        l = label
    )?;
    let dated = lanes.iter().filter(|l| l.date.is_some()).count();
    if dated > 0 {
        write!(
            h,
            "<line class=\"axis\" x1=\"0\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
            n(dated as f64 * LANE - 16.0),
            y = n(HEAD - 10.0)
        )?;
    }
    for (li, lane) in lanes.iter().enumerate() {
        let mut x0 = li as f64 * LANE;
        match lane.date {
            Some(d) => writeln!(
                h,
                "<line class=\"tick\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>\
                 <text class=\"lane-head\" x=\"{x}\" y=\"{}\">{d}</text>",
                n(HEAD - 14.0),
                n(HEAD - 6.0),
                n(HEAD - 18.0),
                x = n(x0 + 1.0)
            )?,
            None => {
                x0 += GAP;
                writeln!(
                    h,
                    "<rect class=\"undated-lane\" x=\"{}\" y=\"0\" width=\"{}\" height=\"{}\" rx=\"6\"/>\
                     <line class=\"divider\" x1=\"{sep}\" y1=\"2\" x2=\"{sep}\" y2=\"{}\"/>\
                     <text class=\"lane-head undated\" x=\"{}\" y=\"{}\">undated</text>",
                    n(x0 - 10.0),
                    n(LANE),
                    n(height),
                    n(height - 2.0),
                    n(x0),
                    n(HEAD - 18.0),
                    sep = n(x0 - GAP / 2.0 - 4.0)
                )?;
            }
        }
        for (row, &i) in lane.appearances.iter().enumerate() {
            dot(
                h,
                ctx,
                &t.appearances[i],
                i,
                &drift[i],
                x0,
                HEAD + row as f64 * ROW,
            )?;
        }
    }
    h.write_str("</svg></div>\n")
}

/// One appearance on the timeline: a numbered dot in its class's colour,
/// ringed when drift is found there, with its outlet beside it.
fn dot(
    h: &mut String,
    ctx: &Ctx,
    a: &Appearance,
    i: usize,
    drift: &[&Drift],
    x0: f64,
    top: f64,
) -> fmt::Result {
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
    write!(
        h,
        "<g class=\"app{}\"><title>{}. {} ({}): {}{}</title>",
        if drifted { " drifted" } else { "" },
        i + 1,
        Iso(name),
        date(a.published),
        a.class.as_str(),
        drift
            .iter()
            .map(|d| format!("; {}", d.code.as_str()))
            .collect::<String>()
    )?;
    if drifted {
        write!(
            h,
            "<circle class=\"ring\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
            n(cx),
            n(cy),
            n(DOT + 4.0)
        )?;
    }
    write!(
        h,
        "<circle cx=\"{x}\" cy=\"{y}\" r=\"{}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"/>\
         <text class=\"num\" x=\"{x}\" y=\"{}\" fill=\"{}\">{}</text>",
        n(DOT),
        fill(a.class),
        n(cy + 4.0),
        ink(a.class),
        i + 1,
        x = n(cx),
        y = n(cy)
    )?;
    let tx = n(cx + DOT + 8.0);
    write!(
        h,
        "<text class=\"outlet\" x=\"{tx}\" y=\"{}\">{}</text>",
        n(cy - 2.0),
        Esc(&short)
    )?;
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
    writeln!(
        h,
        "<text class=\"{}\" x=\"{tx}\" y=\"{}\">{}</text></g>",
        if drifted { "note drift" } else { "note" },
        n(cy + 12.0),
        Esc(&second)
    )
}

/// The appearances in words, numbered as on the timeline; the undated in a
/// group of their own, and each drift finding under its appearance.
fn appearances(h: &mut String, ctx: &Ctx, t: &Trail) -> fmt::Result {
    let drift = data::drift_by_appearance(t);
    h.write_str(
        "<table class=\"appearances\">\n<thead><tr><th scope=\"col\" class=\"num\">#</th>\
         <th scope=\"col\">Published</th><th scope=\"col\">Article</th><th scope=\"col\">Speaker</th>\
         <th scope=\"col\" class=\"route\">Route</th><th scope=\"col\" class=\"hedge-col\">Hedge</th></tr></thead>\n<tbody>\n",
    )?;
    let mut in_undated = false;
    for (i, a) in t.appearances.iter().enumerate() {
        if a.published.is_none() && !in_undated {
            in_undated = true;
            h.write_str(
                "</tbody>\n<tbody class=\"undated\">\n<tr class=\"group\"><th colspan=\"6\">\
                 Undated: published on an unknown day, so their order is unknown</th></tr>\n",
            )?;
        }
        appearance(h, ctx, a, i, &drift[i])?;
    }
    h.write_str("</tbody>\n</table>\n")
}

fn appearance(
    h: &mut String,
    ctx: &Ctx,
    a: &Appearance,
    i: usize,
    drift: &[&Drift],
) -> fmt::Result {
    let outlets = ctx.outlets();
    write!(
        h,
        "<tr class=\"app{}\"><td class=\"num\"><span class=\"n k-{}\">{}</span></td><td>{}</td><td>",
        if drift.is_empty() { "" } else { " drifted" },
        a.class.as_str(),
        i + 1,
        date(a.published)
    )?;
    outlet_chip(h, outlets, &a.outlet)?;
    write!(
        h,
        " <a href=\"{}\" dir=\"auto\">{}</a></td><td>",
        Esc(&ctx.article_href(&a.article)),
        Esc(ctx.title(&a.article).unwrap_or(&a.article))
    )?;
    match &a.source {
        Some(sp) => write!(h, "<span dir=\"auto\">{}</span> ", Esc(sp))?,
        None => h.write_str("<span class=\"muted\">no speaker</span> ")?,
    }
    pill(h, a.class)?;
    h.write_str("</td><td class=\"route\">")?;
    if a.route.is_empty() {
        h.write_str("<span class=\"muted\">first-hand</span>")?;
    }
    for (k, route) in a.route.iter().enumerate() {
        if k > 0 {
            h.write_str("<span class=\"or\">or</span>")?;
        }
        hops(h, outlets, route)?;
    }
    h.write_str("</td><td class=\"hedge-col\">")?;
    match &a.hedge {
        Some(hedge) => write!(h, "<span class=\"hedge\">“{}”</span>", Esc(hedge))?,
        None => h.write_str("<span class=\"muted\">none</span>")?,
    }
    h.write_str("</td></tr>\n")?;
    if !drift.is_empty() {
        h.write_str("<tr class=\"drift-row\"><td></td><td colspan=\"5\"><ul class=\"drift\">")?;
        for d in drift {
            write!(
                h,
                "<li><span class=\"flag\">{}</span> {} <span class=\"muted\">(compared with #{})</span></li>",
                d.code.as_str(),
                Bdi(&d.message),
                d.earlier + 1
            )?;
        }
        h.write_str("</ul></td></tr>\n")?;
    }
    Ok(())
}
