//! The masthead (corpus figures) and the overview: one stacked bar per
//! article, with its score and grade, sortable by score or anonymity rate.

use super::data::{self, CLASSES};
use super::{Bdi, Ctx, Esc, Layout, legend, n, paint, s};
use crate::metrics::ArticleRow;
use crate::render::{date, percent, score};
use std::fmt::{self, Write};

/// Width of the longest overview bar, in pixels.
const BAR: f64 = 440.0;
/// Width of the corpus bar in the masthead.
const CORPUS_BAR: f64 = 1040.0;
const BAR_HEIGHT: f64 = 22.0;

pub(super) fn masthead(h: &mut String, ctx: &Ctx) -> fmt::Result {
    let t = ctx.input.total;
    let articles = ctx.input.rows.len();
    write!(
        h,
        "<header class=\"masthead\"><div class=\"wrap\">\n\
         <p class=\"kicker\">claimtrail · source attribution</p>\n\
         <h1>Sourcing report</h1>\n\
         <p class=\"dek\">{articles} article{}, {} scored claim{}: who speaks in them, \
         how the claims travelled between outlets, and what changed on the way.</p>\n\
         <dl class=\"figures\">",
        s(articles),
        t.claims,
        s(t.claims),
    )?;
    let figures = [
        ("Scored claims", t.claims.to_string()),
        ("Anonymity rate", percent(t.anonymity_rate)),
        ("Relayed", t.relayed.to_string()),
        ("Tracked claims", ctx.input.trails.len().to_string()),
    ];
    for (label, value) in figures {
        write!(h, "<div><dt>{label}</dt><dd>{value}</dd></div>")?;
    }
    writeln!(
        h,
        "<div class=\"headline\"><dt>Corpus score</dt><dd>{} <span class=\"grade\">{}</span></dd></div>\
         </dl>",
        score(t.score),
        Esc(t.grade)
    )?;
    // Every claim of the corpus in one bar, with the legend for every chart.
    let all = data::widest(std::slice::from_ref(t));
    h.write_str("<div class=\"corpus\">")?;
    bar(h, t, CORPUS_BAR / all as f64, CORPUS_BAR, "bar-total")?;
    legend(h)?;
    h.write_str("</div>\n")?;
    h.write_str("<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#overview\">Overview</a>")?;
    if ctx.layout == Layout::Single {
        h.write_str("<a href=\"#articles\">Articles</a>")?;
    }
    h.write_str("<a href=\"#trails\">Trails</a><a href=\"#outlets\">Outlets</a></nav>\n")?;
    h.write_str("</div></header>\n")
}

pub(super) fn section(h: &mut String, ctx: &Ctx) -> fmt::Result {
    let rows = ctx.input.rows;
    h.write_str(
        "<section id=\"overview\" class=\"wrap\">\n<h2>Corpus overview</h2>\n\
         <p class=\"lede\">One bar per article: its claims by how they are attributed, \
         on one scale, with the article's score (0 to 100) and grade. Background claims are \
         context and are not scored.</p>\n",
    )?;
    h.write_str(
        "<div class=\"controls\" id=\"sort\" hidden>Sort by \
         <button type=\"button\" data-sort=\"article\" aria-pressed=\"true\">article</button>\
         <button type=\"button\" data-sort=\"score\" aria-pressed=\"false\" \
         title=\"highest first\">score</button>\
         <button type=\"button\" data-sort=\"anonymity\" aria-pressed=\"false\" \
         title=\"highest first\">anonymity rate</button>\
         </div>\n",
    )?;
    h.write_str(
        "<table class=\"overview\" id=\"bars\">\n<thead><tr><th scope=\"col\">Article</th>\
         <th scope=\"col\">Claims by attribution</th><th scope=\"col\" class=\"num\">Anonymity</th>\
         <th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Grade</th></tr></thead>\n<tbody>\n",
    )?;
    let ranks = data::ranks(rows);
    let unit = BAR / data::widest(rows) as f64;
    for (i, r) in rows.iter().enumerate() {
        write!(
            h,
            "<tr data-article=\"{}\" data-rank-article=\"{i}\" data-rank-score=\"{}\" \
             data-rank-anonymity=\"{}\">\n<th scope=\"row\"><a class=\"title\" href=\"{}\" dir=\"auto\">{}</a>\
             <span class=\"sub\">{} · {}</span></th>\n<td class=\"barcell\">",
            Esc(&r.id),
            ranks.score[i],
            ranks.anonymity[i],
            Esc(&ctx.article_href(&r.id)),
            Esc(&r.title),
            Bdi(ctx.outlets().name(&r.outlet)),
            date(r.published),
        )?;
        bar(h, r, unit, BAR, "bar")?;
        write!(
            h,
            "</td>\n<td class=\"num\">{}</td><td class=\"num score\">{}</td>\
             <td><span class=\"grade\">{}</span></td>\n</tr>\n",
            percent(r.anonymity_rate),
            score(r.score),
            Esc(r.grade)
        )?;
    }
    h.write_str("</tbody>\n</table>\n</section>\n")
}

/// An article's claims as a stacked bar, `unit` pixels per claim, on a scale
/// `length` long: bars of one scale are drawn equally wide, so they shrink
/// together (in print) and stay comparable. The counts are also data
/// attributes and the accessible label, so the bar reads the same to a screen
/// reader and to a test.
pub(super) fn bar(
    h: &mut String,
    r: &ArticleRow,
    unit: f64,
    length: f64,
    class: &str,
) -> fmt::Result {
    let counts = data::class_counts(r);
    let all: usize = counts.iter().sum();
    let parts: Vec<String> = CLASSES
        .iter()
        .zip(counts)
        .map(|(c, k)| format!("{k} {}", c.as_str()))
        .collect();
    let label = format!(
        "{all} claim{}: {}; score {}, grade {}",
        s(all),
        parts.join(", "),
        score(r.score),
        r.grade
    );
    let segments = data::segments(r, unit);
    let end = segments.last().map(|s| s.x + s.width).unwrap_or(0.0);
    // Room after the longest bar for its total.
    let total_w = length + 36.0;
    write!(
        h,
        "<svg class=\"{class}\" width=\"{w}\" height=\"{ht}\" viewBox=\"0 0 {w} {ht}\" role=\"img\" \
         aria-label=\"{}\"",
        Esc(&label),
        w = n(total_w),
        ht = n(BAR_HEIGHT),
    )?;
    for (c, k) in CLASSES.iter().zip(counts) {
        write!(h, " data-{}=\"{k}\"", c.as_str())?;
    }
    write!(h, "><title>{}</title>", Esc(&label))?;
    if segments.is_empty() {
        write!(
            h,
            "<text class=\"none\" x=\"0\" y=\"{}\">no claims</text>",
            n(BAR_HEIGHT / 2.0 + 4.0)
        )?;
    }
    for seg in &segments {
        write!(
            h,
            "\n<rect class=\"seg k-{}\" x=\"{}\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            seg.class.as_str(),
            n(seg.x),
            n(seg.width),
            n(BAR_HEIGHT),
            paint(seg.class)
        )?;
        // A count inside its segment when it fits.
        if seg.width >= 14.0 {
            write!(
                h,
                "<text class=\"count k-{}\" x=\"{}\" y=\"{}\">{}</text>",
                seg.class.as_str(),
                n(seg.x + seg.width / 2.0),
                n(BAR_HEIGHT / 2.0 + 4.0),
                seg.count
            )?;
        }
    }
    if !segments.is_empty() {
        write!(
            h,
            "<text class=\"total\" x=\"{}\" y=\"{}\">{all}</text>",
            n(end + 6.0),
            n(BAR_HEIGHT / 2.0 + 4.0)
        )?;
    }
    h.write_str("</svg>")
}

/// The bar of one article on its own, scaled to its own claims.
pub(super) fn own_bar(h: &mut String, r: &ArticleRow) -> fmt::Result {
    let all = data::widest(std::slice::from_ref(r));
    let unit = (BAR / all as f64).min(28.0);
    bar(h, r, unit, unit * all as f64, "bar-article")
}
