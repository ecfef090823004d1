//! Outlets: how much the corpus relies on each outlet as a relay, and how
//! often each outlet's own articles use anonymous sources.

use super::data;
use super::{Bdi, Ctx, Esc, bdi_list, fill, head, n, s};
use crate::model::Class;
use crate::render::percent;
use maud::{Markup, PreEscaped, html};

/// Width of the longest relay bar, and of the full anonymity scale.
const RELAY: f64 = 240.0;
const RATE: f64 = 120.0;
const HEIGHT: f64 = 16.0;

pub(super) fn section(ctx: &Ctx) -> Markup {
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
    let widest = rows
        .iter()
        .map(|o| o.relayed_claims)
        .max()
        .unwrap_or(0)
        .max(1);
    let unit = RELAY / widest as f64;
    html! {
        section id="outlets" class="wrap" {
            "\n"
            h2 { "Outlets" }
            "\n"
            p.lede {
                "How much the corpus relies on each outlet as a relay (claims that reached an \
                 article through it), and how often each outlet's own articles rest on anonymous \
                 sources. "
                span.state-tag { "state" }
                " marks a state-owned outlet."
            }
            "\n"
            table.outlets {
                "\n"
                (head(&[("Outlet", None), ("Relied on as a relay", None), ("Relying articles", Some("num")), ("Own articles", Some("num")), ("Anonymous in own articles", None)]))
                "\n"
                tbody {
                    "\n"
                    @for o in rows {
                        @let about: Vec<&str> = [
                            o.kind.as_deref(),
                            o.country.as_deref(),
                            o.ownership.as_deref(),
                        ]
                        .into_iter()
                        .flatten()
                        .collect();
                        tr data-outlet=(Esc(&o.id)) {
                            th scope="row" {
                                (Bdi(&o.name))
                                @if outlets.is_state(&o.id) {
                                    " " span.state-tag { "state" }
                                }
                                @if !about.is_empty() {
                                    span.sub { (bdi_list(&about, " · ")) }
                                }
                            }
                            td { (relay_bar(o.relayed_claims, unit)) }
                            td.num { (o.relying_articles) }
                            td.num { (o.own_articles) }
                            td {
                                @match own.get(&o.id) {
                                    Some(mine) => (rate_bar(mine.rate(), mine.anonymous, mine.claims)),
                                    None => span.muted { "no articles of its own here" },
                                }
                            }
                        }
                        "\n"
                    }
                }
                "\n"
            }
            "\n"
            @if !unused.is_empty() {
                p.note {
                    "Registered but not used by these articles: " (bdi_list(&unused, ", ")) "."
                }
                "\n"
            }
        }
        "\n"
    }
}

fn relay_bar(claims: usize, unit: f64) -> Markup {
    let w = claims as f64 * unit;
    let (tw, ht) = (n(RELAY + 40.0), n(HEIGHT));
    let label = html! { (claims) " relayed claim" (s(claims)) };
    html! {
        svg.relay width=(tw) height=(ht) viewBox={ "0 0 " (tw) " " (ht) } role="img"
            aria-label=(label) {
            title { (label) }
            (PreEscaped(format!(
                "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{ht}\" rx=\"2\" class=\"relay-bar\"/>",
                n(w)
            )))
            text x=(n(w + 6.0)) y=(n(HEIGHT - 4.0)) { (claims) }
        }
    }
}

/// The anonymity rate on a 0 to 100% scale, in the anonymous class's colour.
fn rate_bar(rate: Option<f64>, anonymous: usize, claims: usize) -> Markup {
    let w = rate.unwrap_or(0.0) * RATE;
    let (tw, ht) = (n(RATE), n(HEIGHT));
    html! {
        svg.rate width=(tw) height=(ht) viewBox={ "0 0 " (tw) " " (ht) } aria-hidden="true" {
            (PreEscaped(format!(
                "<rect x=\"0\" y=\"0\" width=\"{tw}\" height=\"{ht}\" rx=\"2\" class=\"track\"/>\
                 <rect x=\"0\" y=\"0\" width=\"{}\" height=\"{ht}\" rx=\"2\" fill=\"{}\"/>",
                n(w),
                fill(Class::Anonymous)
            )))
        }
        " " b { (percent(rate)) } " " span.muted { (anonymous) " of " (claims) }
    }
}
