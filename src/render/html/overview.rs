//! The masthead (corpus figures) and the overview: one stacked bar per
//! article, with its score and grade, sortable by score or anonymity rate.

use super::data::{self, CLASSES};
use super::{Bdi, Ctx, Esc, Layout, head, legend, n, paint, s};
use crate::metrics::ArticleRow;
use crate::render::{date, percent, score};
use maud::{Markup, PreEscaped, html};

/// Width of the longest overview bar, in pixels.
const BAR: f64 = 440.0;
/// Width of the corpus bar in the masthead.
const CORPUS_BAR: f64 = 1040.0;
const BAR_HEIGHT: f64 = 22.0;

pub(super) fn masthead(ctx: &Ctx) -> Markup {
    let t = ctx.input.total;
    let articles = ctx.input.rows.len();
    let figures = [
        ("Scored claims", t.claims.to_string()),
        ("Anonymity rate", percent(t.anonymity_rate)),
        ("Relayed", t.relayed.to_string()),
        ("Tracked claims", ctx.input.trails.len().to_string()),
    ];
    // Every claim of the corpus in one bar, with the legend for every chart.
    let all = data::widest(std::slice::from_ref(t));
    html! {
        header.masthead {
            div.wrap {
                "\n"
                p.kicker { "claimtrail · source attribution" }
                "\n"
                h1 { "Sourcing report" }
                "\n"
                p.dek {
                    (articles) " article" (s(articles)) ", " (t.claims) " scored claim" (s(t.claims))
                    ": who speaks in them, how the claims travelled between outlets, and what \
                     changed on the way."
                }
                "\n"
                dl.figures {
                    @for (label, value) in &figures {
                        div { dt { (label) } dd { (value) } }
                    }
                    div.headline {
                        dt { "Corpus score" }
                        dd { (score(t.score)) " " span.grade { (Esc(t.grade)) } }
                    }
                }
                "\n"
                div.corpus {
                    (bar(t, CORPUS_BAR / all as f64, CORPUS_BAR, "bar-total"))
                    (legend())
                }
                "\n"
                nav.toc aria-label="Sections" {
                    a href="#overview" { "Overview" }
                    @if ctx.layout == Layout::Single {
                        a href="#articles" { "Articles" }
                    }
                    a href="#trails" { "Trails" }
                    a href="#outlets" { "Outlets" }
                }
                "\n"
            }
        }
        "\n"
    }
}

pub(super) fn section(ctx: &Ctx) -> Markup {
    let rows = ctx.input.rows;
    let ranks = data::ranks(rows);
    let unit = BAR / data::widest(rows) as f64;
    html! {
        section id="overview" class="wrap" {
            "\n"
            h2 { "Corpus overview" }
            "\n"
            p.lede {
                "One bar per article: its claims by how they are attributed, on one scale, with \
                 the article's score (0 to 100) and grade. Background claims are context and are \
                 not scored."
            }
            "\n"
            div.controls #sort hidden {
                "Sort by "
                button type="button" data-sort="article" aria-pressed="true" { "article" }
                button type="button" data-sort="score" aria-pressed="false" title="highest first" {
                    "score"
                }
                button type="button" data-sort="anonymity" aria-pressed="false"
                    title="highest first" { "anonymity rate" }
            }
            "\n"
            table.overview #bars {
                "\n"
                (head(&[("Article", None), ("Claims by attribution", None), ("Anonymity", Some("num")), ("Score", Some("num")), ("Grade", None)]))
                "\n"
                tbody {
                    "\n"
                    @for (i, r) in rows.iter().enumerate() {
                        tr data-article=(Esc(&r.id)) data-rank-article=(i)
                            data-rank-score=(ranks.score[i])
                            data-rank-anonymity=(ranks.anonymity[i]) {
                            "\n"
                            th scope="row" {
                                a.title href=(Esc(&ctx.article_href(&r.id))) dir="auto" {
                                    (Esc(&r.title))
                                }
                                span.sub {
                                    (Bdi(ctx.outlets().name(&r.outlet))) " · " (date(r.published))
                                }
                            }
                            "\n"
                            td.barcell { (bar(r, unit, BAR, "bar")) }
                            "\n"
                            td.num { (percent(r.anonymity_rate)) }
                            td.num.score { (score(r.score)) }
                            td { span.grade { (Esc(r.grade)) } }
                            "\n"
                        }
                        "\n"
                    }
                }
                "\n"
            }
            "\n"
        }
        "\n"
    }
}

/// An article's claims as a stacked bar, `unit` pixels per claim, on a scale
/// `length` long: bars of one scale are drawn equally wide, so they shrink
/// together (in print) and stay comparable. The counts are also data
/// attributes and the accessible label, so the bar reads the same to a screen
/// reader and to a test.
pub(super) fn bar(r: &ArticleRow, unit: f64, length: f64, class: &str) -> Markup {
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
    let w = n(length + 36.0);
    let ht = n(BAR_HEIGHT);
    let text_y = n(BAR_HEIGHT / 2.0 + 4.0);
    // The counts in [`CLASSES`] order, one data attribute each.
    let [named, anonymous, outlet, unattributed, background] = counts;
    html! {
        svg class=(class) width=(w) height=(ht) viewBox={ "0 0 " (w) " " (ht) } role="img"
            aria-label=(Esc(&label)) data-named=(named) data-anonymous=(anonymous)
            data-outlet=(outlet) data-unattributed=(unattributed) data-background=(background) {
            title { (Esc(&label)) }
            @if segments.is_empty() {
                text.none x="0" y=(text_y) { "no claims" }
            }
            @for seg in &segments {
                (PreEscaped(format!(
                    "\n<rect class=\"seg k-{}\" x=\"{}\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                    seg.class.as_str(),
                    n(seg.x),
                    n(seg.width),
                    ht,
                    paint(seg.class)
                )))
                // A count inside its segment when it fits.
                @if seg.width >= 14.0 {
                    text class={ "count k-" (seg.class.as_str()) } x=(n(seg.x + seg.width / 2.0))
                        y=(text_y) { (seg.count) }
                }
            }
            @if !segments.is_empty() {
                text.total x=(n(end + 6.0)) y=(text_y) { (all) }
            }
        }
    }
}

/// The bar of one article on its own, scaled to its own claims.
pub(super) fn own_bar(r: &ArticleRow) -> Markup {
    let all = data::widest(std::slice::from_ref(r));
    let unit = (BAR / all as f64).min(28.0);
    bar(r, unit, unit * all as f64, "bar-article")
}
