//! The article view: the article's figures, then every claim with its speaker
//! as described, its route as a chain of outlet chips, its hedge, and its
//! points with the reasons for them.

use super::overview::own_bar;
use super::{
    Bdi, Ctx, Esc, Layout, arrow, bdi_list, hops, outlet_chip, pill, points, s, signed, url,
};
use crate::metrics::{ClaimRow, Explanation};
use crate::model::Class;
use crate::render::{date, percent, score};
use maud::{Markup, html};

/// Every article, in report order.
pub(super) fn section(ctx: &Ctx) -> Markup {
    html! {
        section id="articles" class="wrap" {
            "\n"
            h2 { "Articles" }
            "\n"
            p.lede {
                "Every claim with its speaker as the article describes them, the route it took to \
                 the article, its hedge, and the points it scores with the reasons for them. Key \
                 claims count double in the article's score."
            }
            "\n"
            @for row in ctx.input.rows {
                @if let Some(e) = ctx.explanation(&row.id) {
                    (article(ctx, e))
                }
            }
        }
        "\n"
    }
}

pub(super) fn article(ctx: &Ctx, e: &Explanation) -> Markup {
    let r = &e.row;
    let outlets = ctx.outlets();
    // What the byline says, then the article's address.
    let mut byline: Vec<Markup> = Vec::new();
    if !e.byline.is_empty() {
        byline.push(html! { "By " (bdi_list(&e.byline, ", ")) });
    }
    if !e.credited.is_empty() {
        byline.push(html! { "Credited: " (bdi_list(&e.credited, ", ")) });
    }
    if let Some(lang) = &e.language {
        byline.push(html! { "Language: " (Bdi(lang)) });
    }
    if let Some(u) = &e.url {
        byline.push(url(u));
    }
    html! {
        article.article id=(Esc(&ctx.article_id(&r.id))) data-article-view=(Esc(&r.id)) {
            "\n"
            header {
                "\n"
                p.kicker {
                    (outlet_chip(outlets, &r.outlet))
                    " " span { (date(r.published)) } " " code { (Bdi(&r.id)) }
                }
                "\n"
                // On a page of its own the article's title is the page's heading.
                @if ctx.layout == Layout::ArticlePage {
                    h1.headline dir="auto" { (Esc(&r.title)) }
                } @else {
                    h3.headline dir="auto" { (Esc(&r.title)) }
                }
                "\n"
                @if !byline.is_empty() {
                    p.byline {
                        @for (i, part) in byline.iter().enumerate() {
                            @if i > 0 { " · " }
                            (part)
                        }
                    }
                    "\n"
                }
                div.summary {
                    (own_bar(r))
                    dl.figures.small {
                        div.headline {
                            dt { "Score" }
                            dd { (score(r.score)) " " span.grade { (Esc(r.grade)) } }
                        }
                        div { dt { "Anonymity rate" } dd { (percent(r.anonymity_rate)) } }
                        div { dt { "Hedged" } dd { (r.hedged) } }
                        div { dt { "Relayed" } dd { (r.relayed) } }
                        div { dt { "State-media reliant" } dd { (r.state_reliant) } }
                        div { dt { "Key claims" } dd { (r.key_claims) } }
                    }
                }
                "\n"
            }
            "\n"
            ol.claims {
                "\n"
                @for c in &e.claim_rows {
                    (claim(ctx, e, c))
                }
            }
            "\n"
        }
        "\n"
    }
}

fn claim(ctx: &Ctx, e: &Explanation, c: &ClaimRow) -> Markup {
    let outlets = ctx.outlets();
    // One chain per route, each from the speaker to the article's outlet.
    let chains: Vec<&[String]> = if c.route.is_empty() {
        vec![&[]]
    } else {
        c.route.iter().map(|r| r.hops.as_slice()).collect()
    };
    let mut meta: Vec<Markup> = Vec::new();
    if let Some(d) = c.said {
        meta.push(html! { "said " (d.to_string()) });
    }
    if let Some(hedge) = &c.hedge {
        meta.push(html! { span.hedge { "hedged: “" (Bdi(hedge)) "”" } });
    }
    meta.push(html! { span.kind { (c.kind) } });
    if let (Some(articles), Some(href)) = (ctx.trail_articles(&c.id), ctx.trail_href(&c.id)) {
        meta.push(html! {
            a href=(Esc(&href)) { "trail: in " (articles) " article" (s(articles)) }
        });
    }
    meta.push(html! { code { (Bdi(&c.id)) } });
    html! {
        li class={ "claim k-" (c.class.as_str()) @if c.key { " key" } } {
            "\n"
            div.points {
                @match c.points {
                    Some(p) => {
                        span.pts { (points(p)) }
                        span.of { "points" }
                    }
                    None => {
                        span.pts.none { "–" }
                        span.of { "not scored" }
                    }
                }
                (pill(c.class))
                @if c.key {
                    span.keytag { "key ×" (points(c.weight)) }
                }
            }
            "\n"
            div.body {
                "\n"
                p.text dir="auto" { (Esc(&c.text)) }
                "\n"
                @if let Some(q) = &c.quote {
                    p.quote dir="auto" { "“" (Esc(q)) "”" }
                    "\n"
                }
                // The route: the speaker, each outlet on the way, the article's outlet.
                div.route {
                    @if c.speaker.is_none() && c.route.is_empty() {
                        span.own-voice { "the article's own voice" }
                    } @else {
                        @for chain in &chains {
                            div.chain {
                                @if let Some(sp) = &c.speaker {
                                    span.chip.speaker.anon[c.class == Class::Anonymous] dir="auto" {
                                        (Esc(sp))
                                    }
                                    (arrow())
                                }
                                @if !chain.is_empty() {
                                    (hops(outlets, chain))
                                    (arrow())
                                }
                                (outlet_chip(outlets, &e.row.outlet))
                            }
                        }
                    }
                }
                "\n"
                p.meta {
                    @for (i, part) in meta.iter().enumerate() {
                        @if i > 0 { " · " }
                        (part)
                    }
                }
                "\n"
            }
            "\n"
            ul.reasons {
                @for reason in &c.reasons {
                    @if reason.points == 0.0 {
                        li.note { span.delta {} " " (Bdi(&reason.what)) }
                    } @else {
                        li {
                            span class={
                                "delta " @if reason.points < 0.0 { "minus" } @else { "plus" }
                            } { (signed(reason.points)) }
                            " " (Bdi(&reason.what))
                        }
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}
