//! The HTML report: one self-contained page (or an index and one page per
//! article) built from values the commands computed. No I/O and no metrics
//! here: the page places [`HtmlInput`]'s values; the few numbers only the page
//! needs come from [`data`].
//!
//! The markup is written with maud's `html!` templates, which escape every
//! value put into them by default: escaping is automatic, not remembered.
//! Annotation text goes in through [`Esc`], [`Bdi`] or [`Iso`], our own
//! renderings for maud, which also escape `'` and show control characters as
//! symbols (maud's own escaping does neither). Raw markup (`PreEscaped`) is
//! only our own constant text, the inline style and script, and SVG shapes
//! drawn from numbers.
//!
//! The page loads nothing: styles and the script are inline, charts are SVG
//! drawn here, and a Content-Security-Policy forbids any fetch and any script
//! but ours (by hash), so text from the annotations can never run even if an
//! escape were missed. Only `http:` and `https:` URLs become links. Every
//! value shown as text is isolated for the bidirectional algorithm ([`Bdi`],
//! or an element of its own with `dir="auto"`; [`Iso`] where no markup is
//! allowed), so right-to-left text or a stray direction control cannot
//! reorder the page's words around it. Output is deterministic: the same
//! input gives the same bytes, so pages can be snapshot-tested.
//!
//! The parts live in `html/`: the masthead and overview bars, the article
//! view, the trails and the outlets; `style.css` and `script.js` are inlined.

mod article;
pub mod data;
mod outlets;
mod overview;
mod trails;

use super::plural as s;
use crate::metrics::{ArticleRow, Explanation};
use crate::model::{Class, Outlets};
use crate::speakers::SourcesReport;
use crate::trail::{self, Trail};
use data::CLASSES;
use maud::{DOCTYPE, Markup, PreEscaped, Render, html};
use std::collections::BTreeMap;

/// What the page shows, computed by the command.
#[derive(Clone, Copy, Debug)]
pub struct HtmlInput<'a> {
    /// One row per article, in report order.
    pub rows: &'a [ArticleRow],
    pub total: &'a ArticleRow,
    /// Every article explained (any order; matched to rows by id).
    pub explanations: &'a [Explanation],
    pub sources: &'a SourcesReport,
    /// The trails of tracked claims (in two or more articles).
    pub trails: &'a [Trail],
    pub outlets: &'a Outlets,
}

/// A file of a multi-page report: a path relative to the output folder, and
/// its HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub html: String,
}

/// The whole report as one page: overview, every article, trails, outlets.
pub fn page(input: &HtmlInput) -> String {
    let ctx = Ctx::new(input, Layout::Single);
    document(
        "Sourcing report",
        &ctx,
        overview::masthead(&ctx),
        Sections(
            &ctx,
            &[
                overview::section,
                article::section,
                trails::section,
                outlets::section,
            ],
        ),
    )
}

/// The report as `index.html` (overview, trails, outlets) and one page per
/// article under `articles/`.
pub fn site(input: &HtmlInput) -> Vec<Page> {
    let index = Ctx::new(input, Layout::Index);
    let mut pages = vec![Page {
        path: "index.html".into(),
        html: document(
            "Sourcing report",
            &index,
            overview::masthead(&index),
            Sections(
                &index,
                &[overview::section, trails::section, outlets::section],
            ),
        ),
    }];
    let ctx = Ctx::new(input, Layout::ArticlePage);
    for row in input.rows {
        let Some(e) = ctx.explanation(&row.id) else {
            continue;
        };
        let header = html! {
            header.masthead.slim {
                div.wrap {
                    p.kicker { a href="../index.html" { "← Sourcing report" } }
                    (legend())
                }
            }
            "\n"
        };
        let main = html! {
            div.wrap { "\n" (article::article(&ctx, e)) }
            "\n"
        };
        pages.push(Page {
            path: format!("articles/{}.html", ctx.article_anchor(&row.id)),
            html: document(Iso(&e.row.title), &ctx, header, main),
        });
    }
    pages
}

/// Where the page is, which decides how it links to articles and trails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// Everything on one page: links are fragments.
    Single,
    /// `index.html` of a multi-page report.
    Index,
    /// `articles/<anchor>.html` of a multi-page report.
    ArticlePage,
}

/// The input with its lookups: explanations, titles and anchors by id.
struct Ctx<'a> {
    input: &'a HtmlInput<'a>,
    layout: Layout,
    explanations: BTreeMap<&'a str, &'a Explanation>,
    article_anchors: BTreeMap<&'a str, String>,
    trail_anchors: BTreeMap<&'a str, String>,
    /// Each trail's number of distinct articles, counted once: every
    /// appearance's view links to its trail with it.
    trail_articles: BTreeMap<&'a str, usize>,
}

impl<'a> Ctx<'a> {
    fn new(input: &'a HtmlInput<'a>, layout: Layout) -> Ctx<'a> {
        let ids: Vec<&str> = input.rows.iter().map(|r| r.id.as_str()).collect();
        let article_anchors = ids
            .iter()
            .copied()
            .zip(data::anchors(ids.iter().copied()))
            .collect();
        let claim_ids: Vec<&str> = input.trails.iter().map(|t| t.id.as_str()).collect();
        let trail_anchors = claim_ids
            .iter()
            .copied()
            .zip(data::anchors(claim_ids.iter().copied()))
            .collect();
        Ctx {
            input,
            layout,
            explanations: input
                .explanations
                .iter()
                .map(|e| (e.row.id.as_str(), e))
                .collect(),
            article_anchors,
            trail_anchors,
            trail_articles: input
                .trails
                .iter()
                .map(|t| (t.id.as_str(), trail::summary(t).articles))
                .collect(),
        }
    }

    fn outlets(&self) -> &'a Outlets {
        self.input.outlets
    }

    fn explanation(&self, id: &str) -> Option<&'a Explanation> {
        self.explanations.get(id).copied()
    }

    fn title(&self, article: &str) -> Option<&'a str> {
        self.explanation(article).map(|e| e.row.title.as_str())
    }

    fn article_anchor(&self, id: &str) -> String {
        self.article_anchors
            .get(id)
            .cloned()
            .unwrap_or_else(|| data::anchors([id]).remove(0))
    }

    /// The element id of an article's view.
    fn article_id(&self, id: &str) -> String {
        format!("a-{}", self.article_anchor(id))
    }

    /// Where an article's view is, from this page.
    fn article_href(&self, id: &str) -> String {
        let anchor = self.article_anchor(id);
        match self.layout {
            Layout::Single => format!("#a-{anchor}"),
            Layout::Index => format!("articles/{anchor}.html"),
            Layout::ArticlePage => format!("{anchor}.html"),
        }
    }

    /// The element id of a trail.
    fn trail_id(&self, claim: &str) -> Option<String> {
        self.trail_anchors.get(claim).map(|a| format!("t-{a}"))
    }

    /// Where a tracked claim's trail is, from this page.
    fn trail_href(&self, claim: &str) -> Option<String> {
        let id = self.trail_id(claim)?;
        Some(match self.layout {
            Layout::Single | Layout::Index => format!("#{id}"),
            Layout::ArticlePage => format!("../index.html#{id}"),
        })
    }

    /// How many articles a tracked claim's trail runs through.
    fn trail_articles(&self, claim: &str) -> Option<usize> {
        self.trail_articles.get(claim).copied()
    }
}

const STYLE: &str = include_str!("html/style.css");
const SCRIPT: &str = include_str!("html/script.js");
/// `sha256-` of [`SCRIPT`], base64: the only script the page's policy allows.
/// A unit test checks it; after editing the script, put the hash it prints here.
const SCRIPT_HASH: &str = "sha256-Wvw3AsKAlsXQaXmZFj1+MYhjE/gis9XxnVCxs1iPM2k=";

/// A whole page: the head with the policy, the styles and the title, then
/// the header, `main` and the footer, and the script.
fn document(title: impl Render, ctx: &Ctx, header: Markup, content: impl Render) -> String {
    html! {
        (DOCTYPE) "\n"
        html lang="en" {
            "\n"
            head {
                "\n"
                meta charset="utf-8";
                "\n"
                meta name="viewport" content="width=device-width, initial-scale=1";
                "\n"
                meta http-equiv="Content-Security-Policy"
                    content={
                        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src '"
                        (PreEscaped(SCRIPT_HASH))
                        "'; base-uri 'none'; form-action 'none'"
                    };
                "\n"
                meta name="generator" content="claimtrail";
                "\n"
                link rel="icon" href="data:,";
                "\n"
                title { (title) " · claimtrail" }
                "\n"
                style { "\n" (PreEscaped(palette())) (PreEscaped(STYLE)) }
                "\n"
            }
            "\n"
            body {
                "\n"
                (defs())
                (header)
                main { "\n" (content) }
                "\n"
                (footer(ctx))
                script { (PreEscaped(SCRIPT)) }
                "\n"
            }
            "\n"
        }
        "\n"
    }
    .into_string()
}

/// The sections of `main`, each built and added to the page in turn: the
/// page of a large corpus runs to hundreds of megabytes, and is not built
/// apart first to be copied whole into the document.
struct Sections<'a>(&'a Ctx<'a>, &'a [fn(&Ctx) -> Markup]);

impl Render for Sections<'_> {
    fn render_to(&self, h: &mut String) {
        for section in self.1 {
            section(self.0).render_to(h);
        }
    }
}

fn footer(ctx: &Ctx) -> Markup {
    let articles = ctx.input.rows.len();
    html! {
        footer.colophon.wrap {
            p {
                "Made by claimtrail from " (articles) " annotated article" (s(articles)) ". \
                 Scores run from 0 to 100: a weighted mean of each claim's points. \
                 This page is self-contained and loads nothing from the network."
            }
        }
        "\n"
    }
}

/// The class colours as CSS variables, from the one palette in [`fill`].
fn palette() -> String {
    let mut css = String::from(":root {");
    for class in CLASSES {
        css.push_str(&format!(
            " --{0}: {1}; --{0}-ink: {2};",
            class.as_str(),
            fill(class),
            ink(class)
        ));
    }
    css.push_str(" }\n");
    css
}

/// Patterns shared by every chart: the hatch that marks background claims.
fn defs() -> Markup {
    html! {
        svg.defs width="0" height="0" aria-hidden="true" focusable="false" {
            defs {
                pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse"
                    patternTransform="rotate(45)" {
                    (PreEscaped(format!(
                        "<rect width=\"6\" height=\"6\" fill=\"{}\"/>",
                        fill(Class::Background)
                    )))
                    (PreEscaped(
                        "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#a7adb3\" stroke-width=\"2\"/>"
                    ))
                }
            }
        }
        "\n"
    }
}

/// A class's colour, from the Okabe-Ito palette (background is a grey).
fn fill(class: Class) -> &'static str {
    match class {
        Class::Named => "#009E73",
        Class::Anonymous => "#E69F00",
        Class::Outlet => "#0072B2",
        Class::Unattributed => "#D55E00",
        Class::Background => "#E4E6E9",
    }
}

/// Text on a class's colour, for at least 4.5:1 contrast.
fn ink(class: Class) -> &'static str {
    match class {
        Class::Named | Class::Anonymous | Class::Background => "#111111",
        Class::Outlet | Class::Unattributed => "#FFFFFF",
    }
}

/// A chart fill for a class: background claims are hatched.
fn paint(class: Class) -> &'static str {
    match class {
        Class::Background => "url(#hatch)",
        c => fill(c),
    }
}

/// What a class means, for the legend.
fn meaning(class: Class) -> &'static str {
    match class {
        Class::Named => "a speaker with a name",
        Class::Anonymous => "an unnamed speaker",
        Class::Outlet => "credited to another outlet, no speaker",
        Class::Unattributed => "the article's own voice",
        Class::Background => "context, not scored",
    }
}

/// The legend of the class colours.
fn legend() -> Markup {
    html! {
        "\n"
        ul.legend aria-label="Legend" {
            @for class in CLASSES {
                "\n"
                li { (swatch(class)) b { (class.as_str()) } " " span { (meaning(class)) } }
            }
        }
        "\n"
    }
}

/// A small square of a class's colour.
fn swatch(class: Class) -> Markup {
    html! {
        svg.swatch width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" {
            (PreEscaped(format!(
                "<rect width=\"12\" height=\"12\" rx=\"2\" fill=\"{}\"/>",
                paint(class)
            )))
        }
    }
}

/// A class name as a pill in its colour.
fn pill(class: Class) -> Markup {
    html! {
        span class={ "pill k-" (class.as_str()) } { (class.as_str()) }
    }
}

/// An outlet as a chip; state-owned outlets are marked in words, not only
/// in colour.
fn outlet_chip(outlets: &Outlets, id: &str) -> Markup {
    html! {
        @if outlets.is_state(id) {
            span.chip.outlet.state title="state-owned" {
                (Bdi(outlets.name(id))) " " small { "state" }
            }
        } @else {
            span.chip.outlet { (Bdi(outlets.name(id))) }
        }
    }
}

/// A chain of outlet ids: `Reuters → TASS`, each a chip.
fn hops(outlets: &Outlets, route: &[impl AsRef<str>]) -> Markup {
    html! {
        @for (i, hop) in route.iter().enumerate() {
            @if i > 0 { (arrow()) }
            (outlet_chip(outlets, hop.as_ref()))
        }
    }
}

/// A table's header row: each column's label, and its class when it has
/// one (`num` for figures).
fn head(columns: &[(&str, Option<&str>)]) -> Markup {
    html! {
        thead {
            tr {
                @for &(label, class) in columns {
                    th scope="col" class=[class] { (label) }
                }
            }
        }
    }
}

fn arrow() -> Markup {
    // Spaces around the arrow, so a copied route reads `A → B`.
    html! { " " span.arrow { "→" } " " }
}

/// A link when the URL is `http:` or `https:`; anything else (a
/// `javascript:` URL, a relative path) is shown as text only.
fn url(url: &str) -> Markup {
    html! {
        @match link_target(url) {
            Some(u) => a.ext href=(Esc(u)) rel="noreferrer" { (Bdi(u)) },
            None => span.url { (Bdi(url)) },
        }
    }
}

fn link_target(url: &str) -> Option<&str> {
    let scheme_ok = |prefix: &str| {
        url.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    ((scheme_ok("http://") || scheme_ok("https://")) && !url.contains(char::is_whitespace))
        .then_some(url)
}

/// A number for SVG coordinates: at most one decimal, no trailing `.0`.
fn n(x: f64) -> String {
    let s = format!("{x:.1}");
    match s.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => s,
    }
}

/// Points as a claim shows them: whole numbers without decimals.
fn points(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{p:.0}")
    } else {
        format!("{p:.1}")
    }
}

/// Signed points for a reason: `+60`, `−5` (a true minus sign).
fn signed(p: f64) -> String {
    if p < 0.0 {
        format!("−{}", points(-p))
    } else {
        format!("+{}", points(p))
    }
}

/// Text from the annotations, escaped for HTML text and attribute values:
/// control characters shown as symbols first, then `& < > " '` as entities
/// (maud's own escaping leaves `'` and control characters as they are).
struct Esc<'a>(&'a str);

impl Render for Esc<'_> {
    fn render_to(&self, h: &mut String) {
        let s = &*super::escape::visible(self.0);
        let mut last = 0;
        for (i, c) in s.char_indices() {
            let entity = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => continue,
            };
            h.push_str(&s[last..i]);
            h.push_str(entity);
            last = i + c.len_utf8();
        }
        h.push_str(&s[last..]);
    }
}

/// Annotation text shown among the page's own words: escaped, in a `<bdi>`
/// (isolated, its direction taken from its own first strong letter), so that
/// a right-to-left name cannot pull the date or the number after it to its
/// left, nor a direction control reverse what follows.
struct Bdi<'a>(&'a str);

impl Render for Bdi<'_> {
    fn render_to(&self, h: &mut String) {
        h.push_str("<bdi>");
        Esc(self.0).render_to(h);
        h.push_str("</bdi>");
    }
}

/// Annotation text where no markup is allowed (a page's or a chart's
/// `<title>`, an `aria-label`): escaped, between U+2068 FIRST STRONG ISOLATE
/// and U+2069 POP DIRECTIONAL ISOLATE, the plain-text form of `<bdi>`.
struct Iso<'a>(&'a str);

impl Render for Iso<'_> {
    fn render_to(&self, h: &mut String) {
        h.push('\u{2068}');
        Esc(self.0).render_to(h);
        h.push('\u{2069}');
    }
}

/// Several annotation values, each isolated, joined by `sep`.
fn bdi_list(values: &[impl AsRef<str>], sep: &str) -> Markup {
    html! {
        @for (i, v) in values.iter().enumerate() {
            @if i > 0 { (sep) }
            (Bdi(v.as_ref()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            Esc(r#"<script>alert("x")</script> & 'y'"#)
                .render()
                .into_string(),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(Esc("Zürich — ok").render().into_string(), "Zürich — ok");
    }

    #[test]
    fn shown_values_are_isolated() {
        assert_eq!(
            Bdi("رويترز <b>").render().into_string(),
            "<bdi>رويترز &lt;b&gt;</bdi>"
        );
        // A direction control in the value is shown, not obeyed, and the
        // isolate around it is the page's own.
        assert_eq!(
            Iso("a\u{202e}b").render().into_string(),
            "\u{2068}a\u{fffd}b\u{2069}"
        );
        assert_eq!(
            bdi_list(&["A", "ب"], ", ").into_string(),
            "<bdi>A</bdi>, <bdi>ب</bdi>"
        );
    }

    #[test]
    fn only_http_urls_become_links() {
        let link = |u: &str| url(u).into_string();
        assert!(
            link("https://example.org/a?b=1&c=2")
                .contains("href=\"https://example.org/a?b=1&amp;c=2\"")
        );
        assert!(link("HTTP://example.org").starts_with("<a "));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "http:/x",
            "data:text/html,<b>",
            "//example.org",
            "http://exa mple.org",
            "é",
        ] {
            let h = link(bad);
            assert!(!h.contains("href"), "{bad} became a link: {h}");
            assert!(h.starts_with("<span class=\"url\">"), "{h}");
        }
        assert_eq!(
            link("javascript:alert('<x>')"),
            "<span class=\"url\"><bdi>javascript:alert(&#39;&lt;x&gt;&#39;)</bdi></span>"
        );
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.345), "12.3");
        assert_eq!(points(55.0), "55");
        assert_eq!(points(52.5), "52.5");
        assert_eq!(signed(60.0), "+60");
        assert_eq!(signed(-5.0), "−5");
        assert_eq!(signed(0.0), "+0");
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_script() {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(SCRIPT.as_bytes());
        let expected = format!("sha256-{}", base64(&digest));
        assert_eq!(
            SCRIPT_HASH, expected,
            "html/script.js changed: set SCRIPT_HASH to \"{expected}\""
        );
    }

    fn base64(bytes: &[u8]) -> String {
        const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ABC[(v >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}
