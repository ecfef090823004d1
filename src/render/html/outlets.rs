//! Outlets: how much the corpus relies on each outlet as a relay, and how
//! often each outlet's own articles use anonymous sources.

use super::data;
use super::{Bdi, Ctx, Esc, bdi_list, fill, n, s};
use crate::model::Class;
use crate::render::percent;
use std::fmt::{self, Write};

/// Width of the longest relay bar, and of the full anonymity scale.
const RELAY: f64 = 240.0;
const RATE: f64 = 120.0;
const HEIGHT: f64 = 16.0;

pub(super) fn section(h: &mut String, ctx: &Ctx) -> fmt::Result {
    let outlets = ctx.outlets();
    let own = data::own_articles(ctx.input.rows);
    let rows: Vec<_> = ctx
        .input
        .sources
        .outlets
        .iter()
        .filter(|o| o.relayed_claims > 0 || o.own_articles > 0)
        .collect();
    let unused: Vec<&str> = ctx
        .input
        .sources
        .outlets
        .iter()
        .filter(|o| o.relayed_claims == 0 && o.own_articles == 0)
        .map(|o| o.name.as_str())
        .collect();
    h.write_str(
        "<section id=\"outlets\" class=\"wrap\">\n<h2>Outlets</h2>\n\
         <p class=\"lede\">How much the corpus relies on each outlet as a relay (claims that \
         reached an article through it), and how often each outlet's own articles rest on \
         anonymous sources. <span class=\"state-tag\">state</span> marks a \
         state-owned outlet.</p>\n",
    )?;
    let widest = rows
        .iter()
        .map(|o| o.relayed_claims)
        .max()
        .unwrap_or(0)
        .max(1);
    let unit = RELAY / widest as f64;
    h.write_str(
        "<table class=\"outlets\">\n<thead><tr><th scope=\"col\">Outlet</th>\
         <th scope=\"col\">Relied on as a relay</th><th scope=\"col\" class=\"num\">Relying articles</th>\
         <th scope=\"col\" class=\"num\">Own articles</th><th scope=\"col\">Anonymous in own articles</th>\
         </tr></thead>\n<tbody>\n",
    )?;
    for o in rows {
        write!(
            h,
            "<tr data-outlet=\"{}\"><th scope=\"row\">{}",
            Esc(&o.id),
            Bdi(&o.name)
        )?;
        if outlets.is_state(&o.id) {
            h.write_str(" <span class=\"state-tag\">state</span>")?;
        }
        let about: Vec<&str> = [
            o.kind.as_deref(),
            o.country.as_deref(),
            o.ownership.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !about.is_empty() {
            write!(h, "<span class=\"sub\">{}</span>", bdi_list(&about, " · "))?;
        }
        h.write_str("</th><td>")?;
        relay_bar(h, o.relayed_claims, unit)?;
        write!(
            h,
            "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>",
            o.relying_articles, o.own_articles
        )?;
        match own.get(&o.id) {
            Some(mine) => rate_bar(h, mine.rate(), mine.anonymous, mine.claims)?,
            None => h.write_str("<span class=\"muted\">no articles of its own here</span>")?,
        }
        h.write_str("</td></tr>\n")?;
    }
    h.write_str("</tbody>\n</table>\n")?;
    if !unused.is_empty() {
        writeln!(
            h,
            "<p class=\"note\">Registered but not used by these articles: {}.</p>",
            bdi_list(&unused, ", ")
        )?;
    }
    h.write_str("</section>\n")
}

fn relay_bar(h: &mut String, claims: usize, unit: f64) -> fmt::Result {
    let w = claims as f64 * unit;
    let label = format!("{claims} relayed claim{}", s(claims));
    write!(
        h,
        "<svg class=\"relay\" width=\"{tw}\" height=\"{ht}\" viewBox=\"0 0 {tw} {ht}\" role=\"img\" \
         aria-label=\"{label}\"><title>{label}</title>\
         <rect x=\"0\" y=\"0\" width=\"{}\" height=\"{ht}\" rx=\"2\" class=\"relay-bar\"/>\
         <text x=\"{}\" y=\"{}\">{claims}</text></svg>",
        n(w),
        n(w + 6.0),
        n(HEIGHT - 4.0),
        tw = n(RELAY + 40.0),
        ht = n(HEIGHT)
    )
}

/// The anonymity rate on a 0 to 100% scale, in the anonymous class's colour.
fn rate_bar(h: &mut String, rate: Option<f64>, anonymous: usize, claims: usize) -> fmt::Result {
    let w = rate.unwrap_or(0.0) * RATE;
    write!(
        h,
        "<svg class=\"rate\" width=\"{tw}\" height=\"{ht}\" viewBox=\"0 0 {tw} {ht}\" aria-hidden=\"true\">\
         <rect x=\"0\" y=\"0\" width=\"{tw}\" height=\"{ht}\" rx=\"2\" class=\"track\"/>\
         <rect x=\"0\" y=\"0\" width=\"{}\" height=\"{ht}\" rx=\"2\" fill=\"{}\"/></svg> \
         <b>{}</b> <span class=\"muted\">{anonymous} of {claims}</span>",
        n(w),
        fill(Class::Anonymous),
        percent(rate),
        tw = n(RATE),
        ht = n(HEIGHT)
    )
}
