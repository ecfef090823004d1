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
use std::fmt::{self, Write};

/// Every article, in report order.
pub(super) fn section(h: &mut String, ctx: &Ctx) -> fmt::Result {
    h.write_str(
        "<section id=\"articles\" class=\"wrap\">\n<h2>Articles</h2>\n\
         <p class=\"lede\">Every claim with its speaker as the article describes them, the \
         route it took to the article, its hedge, and the points it scores with the reasons \
         for them. Key claims count double in the article's score.</p>\n",
    )?;
    for row in ctx.input.rows {
        if let Some(e) = ctx.explanation(&row.id) {
            article(h, ctx, e)?;
        }
    }
    h.write_str("</section>\n")
}

pub(super) fn article(h: &mut String, ctx: &Ctx, e: &Explanation) -> fmt::Result {
    let r = &e.row;
    let outlets = ctx.outlets();
    write!(
        h,
        "<article class=\"article\" id=\"{}\" data-article-view=\"{}\">\n<header>\n\
         <p class=\"kicker\">",
        Esc(&ctx.article_id(&r.id)),
        Esc(&r.id)
    )?;
    outlet_chip(h, outlets, &r.outlet)?;
    // On a page of its own the article's title is the page's heading.
    let heading = if ctx.layout == Layout::ArticlePage {
        "h1"
    } else {
        "h3"
    };
    write!(
        h,
        " <span>{}</span> <code>{}</code></p>\n<{heading} class=\"headline\" dir=\"auto\">{}</{heading}>\n",
        date(r.published),
        Bdi(&r.id),
        Esc(&r.title)
    )?;
    let mut meta: Vec<String> = Vec::new();
    if !e.byline.is_empty() {
        meta.push(format!("By {}", bdi_list(&e.byline, ", ")));
    }
    if !e.credited.is_empty() {
        meta.push(format!("Credited: {}", bdi_list(&e.credited, ", ")));
    }
    if let Some(lang) = &e.language {
        meta.push(format!("Language: {}", Bdi(lang)));
    }
    if !meta.is_empty() || e.url.is_some() {
        h.write_str("<p class=\"byline\">")?;
        h.write_str(&meta.join(" · "))?;
        if let Some(u) = &e.url {
            if !meta.is_empty() {
                h.write_str(" · ")?;
            }
            url(h, u)?;
        }
        h.write_str("</p>\n")?;
    }
    h.write_str("<div class=\"summary\">")?;
    own_bar(h, r)?;
    write!(
        h,
        "<dl class=\"figures small\"><div class=\"headline\"><dt>Score</dt><dd>{} \
         <span class=\"grade\">{}</span></dd></div><div><dt>Anonymity rate</dt><dd>{}</dd></div>\
         <div><dt>Hedged</dt><dd>{}</dd></div><div><dt>Relayed</dt><dd>{}</dd></div>\
         <div><dt>State-media reliant</dt><dd>{}</dd></div><div><dt>Key claims</dt><dd>{}</dd></div>\
         </dl></div>\n</header>\n<ol class=\"claims\">\n",
        score(r.score),
        Esc(r.grade),
        percent(r.anonymity_rate),
        r.hedged,
        r.relayed,
        r.state_reliant,
        r.key_claims
    )?;
    for c in &e.claim_rows {
        claim(h, ctx, e, c)?;
    }
    h.write_str("</ol>\n</article>\n")
}

fn claim(h: &mut String, ctx: &Ctx, e: &Explanation, c: &ClaimRow) -> fmt::Result {
    let outlets = ctx.outlets();
    write!(
        h,
        "<li class=\"claim k-{}{}\">\n<div class=\"points\">",
        c.class.as_str(),
        if c.key { " key" } else { "" }
    )?;
    match c.points {
        Some(p) => write!(
            h,
            "<span class=\"pts\">{}</span><span class=\"of\">points</span>",
            points(p)
        )?,
        None => {
            h.write_str("<span class=\"pts none\">–</span><span class=\"of\">not scored</span>")?
        }
    }
    pill(h, c.class)?;
    if c.key {
        write!(h, "<span class=\"keytag\">key ×{}</span>", points(c.weight))?;
    }
    write!(
        h,
        "</div>\n<div class=\"body\">\n<p class=\"text\" dir=\"auto\">{}</p>\n",
        Esc(&c.text)
    )?;
    if let Some(q) = &c.quote {
        writeln!(h, "<p class=\"quote\" dir=\"auto\">“{}”</p>", Esc(q))?;
    }
    // The route: the speaker, each outlet on the way, the article's outlet.
    h.write_str("<div class=\"route\">")?;
    if c.speaker.is_none() && c.route.is_empty() {
        h.write_str("<span class=\"own-voice\">the article's own voice</span>")?;
    } else {
        // One chain per route, each from the speaker to the article's outlet.
        let chains: Vec<&[String]> = if c.route.is_empty() {
            vec![&[]]
        } else {
            c.route.iter().map(|r| r.hops.as_slice()).collect()
        };
        for chain in chains {
            h.write_str("<div class=\"chain\">")?;
            if let Some(sp) = &c.speaker {
                let anon = if c.class == Class::Anonymous {
                    " anon"
                } else {
                    ""
                };
                write!(
                    h,
                    "<span class=\"chip speaker{anon}\" dir=\"auto\">{}</span>",
                    Esc(sp)
                )?;
                arrow(h)?;
            }
            if !chain.is_empty() {
                hops(h, outlets, chain)?;
                arrow(h)?;
            }
            outlet_chip(h, outlets, &e.row.outlet)?;
            h.write_str("</div>")?;
        }
    }
    h.write_str("</div>\n<p class=\"meta\">")?;
    let mut meta: Vec<String> = Vec::new();
    if let Some(d) = c.said {
        meta.push(format!("said {d}"));
    }
    if let Some(hedge) = &c.hedge {
        meta.push(format!(
            "<span class=\"hedge\">hedged: “{}”</span>",
            Bdi(hedge)
        ));
    }
    meta.push(format!("<span class=\"kind\">{}</span>", c.kind));
    if let (Some(articles), Some(href)) = (ctx.trail_articles(&c.id), ctx.trail_href(&c.id)) {
        meta.push(format!(
            "<a href=\"{}\">trail: in {articles} article{}</a>",
            Esc(&href),
            s(articles)
        ));
    }
    meta.push(format!("<code>{}</code>", Bdi(&c.id)));
    h.write_str(&meta.join(" · "))?;
    h.write_str("</p>\n</div>\n<ul class=\"reasons\">")?;
    for reason in &c.reasons {
        if reason.points == 0.0 {
            write!(
                h,
                "<li class=\"note\"><span class=\"delta\"></span> {}</li>",
                Bdi(&reason.what)
            )?;
        } else {
            let sign = if reason.points < 0.0 { "minus" } else { "plus" };
            write!(
                h,
                "<li><span class=\"delta {sign}\">{}</span> {}</li>",
                signed(reason.points),
                Bdi(&reason.what)
            )?;
        }
    }
    h.write_str("</ul>\n</li>\n")
}
