//! The HTML report: snapshots of the page for claims/, an escaping test on
//! hostile annotations, structural checks (self-contained, links resolve,
//! deterministic), and a headless-browser test (screenshot, console, DOM).
//! See the index in tests/cli.rs.
//!
//! `UPDATE_SCREENSHOT=1 cargo test --test cli html::browser` regenerates
//! tests/screenshot.png, the picture in the README.

use crate::common::{self, claimtrail, repo_root};
use claimtrail::load;
use claimtrail::metrics::{self, ArticleRow, Explanation};
use claimtrail::model::Outlets;
use claimtrail::render::html::{self, HtmlInput, Page};
use claimtrail::score::Weights;
use claimtrail::speakers::{self as sources, SourcesReport};
use claimtrail::trail::{self, Trail};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The values `report --format html` computes, built with the library the
/// way the command does.
struct Computed {
    rows: Vec<ArticleRow>,
    total: ArticleRow,
    explanations: Vec<Explanation>,
    sources: SourcesReport,
    trails: Vec<Trail>,
    outlets: Outlets,
}

impl Computed {
    fn of(corpus: &Path) -> Computed {
        let weights = Weights::default();
        let opts = common::load_options(corpus);
        let loaded = load::load(&opts, |a, _, outlets| {
            (
                metrics::explain(&a, outlets, &weights),
                sources::partial(&a),
                trail::facts(&a, |_| true),
            )
        });
        let mut explanations = Vec::new();
        let mut partials = Vec::new();
        let mut facts = Vec::new();
        for (e, p, f) in loaded.items {
            explanations.push(e);
            partials.push(p);
            facts.push(f);
        }
        metrics::explained_in_corpus(&mut explanations, &facts, &loaded.outlets, &weights);
        explanations.sort_by(|a, b| a.row.id.cmp(&b.row.id));
        let rows: Vec<ArticleRow> = explanations.iter().map(|e| e.row.clone()).collect();
        let total = metrics::total_row(&rows);
        let sources = sources::merge(partials, &loaded.outlets);
        let trails = trail::trails(&facts, &loaded.outlets)
            .into_iter()
            .filter(|t| trail::summary(t).articles >= 2)
            .collect();
        Computed {
            rows,
            total,
            explanations,
            sources,
            trails,
            outlets: loaded.outlets,
        }
    }

    fn input(&self) -> HtmlInput<'_> {
        HtmlInput {
            rows: &self.rows,
            total: &self.total,
            explanations: &self.explanations,
            sources: &self.sources,
            trails: &self.trails,
            outlets: &self.outlets,
        }
    }

    fn page(&self) -> String {
        html::page(&self.input())
    }

    fn site(&self) -> Vec<Page> {
        html::site(&self.input())
    }
}

fn corpus() -> Computed {
    Computed::of(&repo_root().join("claims"))
}

fn escaping() -> Computed {
    Computed::of(&repo_root().join(common::fixture("html/escaping")))
}

const SEED: &str = "2019/manajemen-ti-pasukan-siber-rusia";

// --- snapshots ------------------------------------------------------------

#[test]
fn page_for_the_corpus() {
    insta::assert_snapshot!("corpus_page", corpus().page());
}

#[test]
fn site_for_the_corpus() {
    let pages = corpus().site();
    let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    insta::assert_debug_snapshot!("corpus_site_paths", paths);
    // The index is the single page without the articles, which have pages
    // of their own: its rows link there.
    let c = corpus();
    let index = &pages[0];
    assert_eq!(index.path, "index.html");
    assert!(!index.html.contains("id=\"articles\""));
    assert!(!index.html.contains("data-article-view="));
    assert_eq!(bar_rows(&index.html).len(), c.rows.len());
    for r in &c.rows {
        assert!(row_html(&index.html, &r.id).contains(" href=\"articles/"));
    }
    assert_eq!(pages.len(), c.rows.len() + 1);
    for p in &pages[1..] {
        assert_eq!(
            p.html.matches("data-article-view=").count(),
            1,
            "{}",
            p.path
        );
    }
    let seed = pages
        .iter()
        .find(|p| p.path == "articles/2019-manajemen-ti-pasukan-siber-rusia.html")
        .expect("a page for the seed article");
    insta::assert_snapshot!("corpus_site_seed_article", seed.html);
}

#[test]
fn the_command_prints_this_page_and_writes_this_site() {
    let printed = common::bin()
        .args(["report", "--format", "html"])
        .output()
        .expect("run claimtrail");
    assert!(printed.status.success());
    assert_eq!(String::from_utf8(printed.stdout).unwrap(), corpus().page());

    let dir = tempfile::tempdir().unwrap();
    let out = common::bin()
        .args(["report", "--format", "html", "--out"])
        .arg(dir.path())
        .output()
        .expect("run claimtrail");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let marker = claimtrail::publish::MARKER;
    for page in corpus().site() {
        let written = std::fs::read_to_string(dir.path().join(&page.path)).unwrap();
        // The generated-file marker is the line after the doctype.
        assert_eq!(written.replacen(marker, "", 1), page.html, "{}", page.path);
    }
    let check = common::bin()
        .args(["report", "--format", "html", "--check", "--out"])
        .arg(dir.path())
        .output()
        .expect("run claimtrail");
    assert_eq!(check.status.code(), Some(0));
    // A Markdown snapshot in the same folder leaves the HTML site alone.
    let md = common::bin()
        .args(["report", "--out"])
        .arg(dir.path())
        .output()
        .expect("run claimtrail");
    assert!(md.status.success());
    assert!(dir.path().join("index.html").is_file());
    assert!(dir.path().join("README.md").is_file());
    // Only Markdown and HTML are written into a folder.
    let json = common::bin()
        .args(["report", "--format", "json", "--out"])
        .arg(dir.path())
        .output()
        .expect("run claimtrail");
    assert_eq!(json.status.code(), Some(2));
    // One article's explanation comes in the text formats; HTML is the corpus page.
    let one = common::bin()
        .args(["report", "--format", "html", "--article", SEED])
        .output()
        .expect("run claimtrail");
    assert_eq!(one.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&one.stderr).contains("--out DIR --format html"));
}

// --- structure ------------------------------------------------------------

#[test]
fn the_page_is_deterministic() {
    let a = corpus().page();
    let b = corpus().page();
    assert!(a == b, "two runs gave different pages");
}

/// Every `name="value"` of an attribute in the page, in order.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').expect("a closed attribute")]
        })
        .collect()
}

/// The page loads nothing: no `src`, no stylesheet or import, no remote
/// `url(...)`; the policy forbids every fetch.
fn assert_self_contained(html: &str) {
    assert!(attributes(html, "src").is_empty(), "a src attribute");
    for bad in [
        "<link rel=\"stylesheet\"",
        "@import",
        "url(http",
        "<iframe",
        "<object",
        "<embed",
    ] {
        assert!(!html.contains(bad), "found {bad}");
    }
    assert!(html.contains("default-src 'none'"));
    assert_eq!(html.matches("<script").count(), 1, "exactly one script");
}

#[test]
fn the_page_is_self_contained() {
    let c = corpus();
    assert_self_contained(&c.page());
    for p in c.site() {
        assert_self_contained(&p.html);
    }
}

#[test]
fn controls_wait_for_the_script() {
    // Without the script the page is complete; controls it cannot serve stay hidden.
    let page = corpus().page();
    let controls: Vec<&str> = page
        .match_indices("<div class=\"controls\"")
        .map(|(i, _)| &page[i..i + page[i..].find('>').unwrap()])
        .collect();
    assert_eq!(controls.len(), 2, "sort and trail filter");
    for c in controls {
        assert!(c.ends_with(" hidden"), "{c}");
    }
}

#[test]
fn every_link_on_the_page_resolves() {
    let page = corpus().page();
    let ids = attributes(&page, "id");
    for href in attributes(&page, "href") {
        if let Some(fragment) = href.strip_prefix('#') {
            assert!(ids.contains(&fragment), "no element #{fragment}");
        } else {
            assert!(
                href.starts_with("https://")
                    || href.starts_with("http://")
                    || href.starts_with("data:"),
                "unexpected link {href}"
            );
        }
    }
}

#[test]
fn every_link_between_pages_resolves() {
    let pages = corpus().site();
    for page in &pages {
        let dir = Path::new(&page.path).parent().unwrap_or(Path::new(""));
        for href in attributes(&page.html, "href") {
            if href.starts_with("http") || href.starts_with("data:") {
                continue;
            }
            let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target = if file.is_empty() {
                page
            } else {
                let path = normalize(&dir.join(file));
                pages
                    .iter()
                    .find(|p| p.path == path)
                    .unwrap_or_else(|| panic!("{}: no page {path} for {href}", page.path))
            };
            if !fragment.is_empty() {
                assert!(
                    attributes(&target.html, "id").contains(&fragment),
                    "{}: no #{fragment} in {}",
                    page.path,
                    target.path
                );
            }
        }
    }
}

/// `articles/../index.html` is `index.html`.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c.as_os_str().to_str().expect("a UTF-8 path") {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s.to_string()),
        }
    }
    parts.join("/")
}

/// The overview's rows, in page order.
fn bar_rows(html: &str) -> Vec<&str> {
    attributes(html, "data-article")
}

#[test]
fn one_bar_per_article_with_the_reports_counts() {
    let c = corpus();
    let page = c.page();
    let ids: Vec<&str> = c.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(bar_rows(&page), ids);
    assert_eq!(page.matches("<svg class=\"bar\"").count(), ids.len());
    // The seed article, counted by hand from its annotation file.
    let seed = row_html(&page, SEED);
    for (class, n) in [
        ("named", 9),
        ("anonymous", 3),
        ("outlet", 3),
        ("unattributed", 2),
        ("background", 8),
    ] {
        assert!(
            seed.contains(&format!(" data-{class}=\"{n}\"")),
            "seed {class} != {n}"
        );
    }
    assert!(
        seed.contains(">56.1<") && seed.contains(">C<"),
        "seed score and grade"
    );
}

/// The overview row of an article.
fn row_html<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<tr data-article=\"{id}\""))
        .unwrap_or_else(|| panic!("no row for {id}"));
    let len = html[start..].find("</tr>").expect("a closed row");
    &html[start..start + len]
}

// --- escaping -------------------------------------------------------------

#[test]
fn annotated_values_are_escaped() {
    let c = escaping();
    let mut all = vec![c.page()];
    all.extend(c.site().into_iter().map(|p| p.html));
    for page in &all {
        assert_self_contained(page);
        // Markup from the annotations comes out as text.
        for bad in [
            "<script>alert",
            "<img",
            "<b>Writer",
            "<b>\"Co",
            "<em>",
            "<title>alert",
            "onerror=alert(1)>",
            "<Sons>",
        ] {
            assert!(!page.contains(bad), "unescaped {bad}");
        }
        // No URL but http(s) becomes a link, in any case.
        for href in attributes(page, "href") {
            assert!(
                href.starts_with('#')
                    || href.starts_with("https://")
                    || href.starts_with("articles/")
                    || href.starts_with("../index.html")
                    || href.ends_with(".html")
                    || href.starts_with("data:"),
                "link to {href}"
            );
            assert!(
                !href.to_ascii_lowercase().contains("javascript"),
                "link to {href}"
            );
        }
    }
    let page = &all[0];
    for text in [
        // claim text, source name, title, article id, quote, hedge, outlet name
        "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; more",
        "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &quot;Q&quot; &amp; A",
        "Title &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; &#39;more&#39;",
        "data-article=\"evil/&quot;&gt;&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;\"",
        "“&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;”",
        "&quot;reportedly&quot; &lt;em&gt;",
        "Wire &lt;b&gt;&quot;Co&quot;&lt;/b&gt; &amp; &#39;Partners&#39;",
        // The javascript: URLs are shown, as text.
        "<span class=\"url\"><bdi>javascript:alert(1)</bdi></span>",
        "<span class=\"url\"><bdi>JavaScript:alert(2)</bdi></span>",
        // An http(s) URL is a link, its quotes and ampersands escaped.
        "href=\"https://example.org/story?a=1&amp;b=&quot;2&quot;&lt;x&gt;\"",
    ] {
        assert!(page.contains(text), "missing {text}");
    }
}

// --- browser --------------------------------------------------------------

/// Debian's chromium, which .ci/run installs. Absent outside CI: skip with a
/// note; absent in CI: fail.
fn chromium() -> Option<PathBuf> {
    let path =
        PathBuf::from(std::env::var_os("CHROMIUM").unwrap_or_else(|| "/usr/bin/chromium".into()));
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "CI is set but {} is missing: .ci/run installs Debian's chromium",
            path.display()
        );
    }
    eprintln!(
        "note: skipping the browser test: {} is not installed (apt-get install chromium)",
        path.display()
    );
    None
}

/// Run headless Chromium on a URL with a fresh profile and the network
/// features off; console messages go to stderr. A run that fails fails the
/// test, with chromium's own words.
fn headless(chromium: &Path, profile: &Path, args: &[String], url: &str) -> Output {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // Read both pipes on threads so a chatty browser never blocks.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).ok();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).ok();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = Output {
        status,
        stdout: out.join().expect("stdout thread"),
        stderr: err.join().expect("stderr thread"),
    };
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Console messages and uncaught errors that Chromium logged.
fn console_errors(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .map(str::to_string)
        .collect()
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn browser() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let report = dir.path().join("report.html");
    std::fs::write(&report, corpus().page()).expect("write the page");

    // (1) A screenshot that is not blank: the bars' colours are in it.
    let shot = dir.path().join("shot.png");
    let out = headless(
        &chromium,
        &dir.path().join("profile-shot"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".into(),
        ],
        &file_url(&report),
    );
    assert_eq!(
        console_errors(&out.stderr),
        Vec::<String>::new(),
        "console errors"
    );
    let (width, height, pixels) = decode_png(&shot);
    assert_eq!((width, height), (1280, 2000));
    let white = pixels
        .iter()
        .filter(|p| p[0] > 245 && p[1] > 245 && p[2] > 245)
        .count();
    assert!(
        white < pixels.len() * 97 / 100,
        "the screenshot is nearly blank"
    );
    for (name, rgb) in [
        ("named", [0x00, 0x9E, 0x73]),
        ("anonymous", [0xE6, 0x9F, 0x00]),
        ("outlet", [0x00, 0x72, 0xB2]),
        ("unattributed", [0xD5, 0x5E, 0x00]),
    ] {
        let close = |p: &[u8; 3]| p.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 4);
        assert!(
            pixels.iter().filter(|p| close(p)).count() > 200,
            "no {name} bars in the screenshot"
        );
    }
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        std::fs::copy(&shot, repo_root().join("tests/screenshot.png"))
            .expect("update tests/screenshot.png");
    }

    // (2) and (3): the DOM after the script ran, sorted by anonymity rate.
    let out = headless(
        &chromium,
        &dir.path().join("profile-dom"),
        &["--dump-dom".into(), "--virtual-time-budget=5000".into()],
        &format!("{}?sort=anonymity", file_url(&report)),
    );
    assert_eq!(
        console_errors(&out.stderr),
        Vec::<String>::new(),
        "console errors"
    );
    let dom = String::from_utf8(out.stdout).expect("the DOM is UTF-8");
    assert!(
        root_tag(&dom).contains("data-ready=\"1\""),
        "the script did not finish"
    );
    assert!(
        !root_tag(&dom).contains("data-errors"),
        "the script logged errors: {}",
        root_tag(&dom)
    );
    assert!(
        root_tag(&dom).contains("data-sorted=\"anonymity\""),
        "the script did not sort"
    );

    // The JSON report is the reference for the counts and the order.
    let json = common::json(&common::run(claimtrail(&["report", "--format", "json"])));
    let articles = json["articles"].as_array().expect("articles");
    assert_eq!(bar_rows(&dom).len(), articles.len(), "one bar per article");
    let mut by_rate: Vec<(&str, f64)> = articles
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap(),
                a["anonymity_rate"].as_f64().unwrap_or(-1.0),
            )
        })
        .collect();
    by_rate.sort_by(|a, b| b.1.total_cmp(&a.1));
    let expected: Vec<&str> = by_rate.iter().map(|(id, _)| *id).collect();
    assert_eq!(bar_rows(&dom), expected, "sorted by anonymity rate");
    let seed = articles
        .iter()
        .find(|a| a["id"] == SEED)
        .expect("the seed article in the JSON");
    let row = row_html(&dom, SEED);
    for (class, key) in [
        ("named", "named"),
        ("anonymous", "anonymous"),
        ("outlet", "outlet_reported"),
        ("unattributed", "unattributed"),
        ("background", "background"),
    ] {
        let n = seed[key].as_u64().expect("a count");
        assert!(
            row.contains(&format!(" data-{class}=\"{n}\"")),
            "seed {class}: expected {n} in {row}"
        );
    }
    assert!(
        row.contains(&format!(">{:.1}<", seed["score"].as_f64().unwrap())),
        "seed score"
    );
    assert!(
        row.contains(&format!(">{}<", seed["grade"].as_str().unwrap())),
        "seed grade"
    );
}

#[test]
fn browser_runs_nothing_from_the_annotations() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let report = dir.path().join("escaping.html");
    std::fs::write(&report, escaping().page()).expect("write the page");
    let out = headless(
        &chromium,
        &dir.path().join("profile"),
        &["--dump-dom".into(), "--virtual-time-budget=5000".into()],
        &file_url(&report),
    );
    assert_eq!(
        console_errors(&out.stderr),
        Vec::<String>::new(),
        "console errors"
    );
    let dom = String::from_utf8(out.stdout).expect("the DOM is UTF-8");
    assert!(
        root_tag(&dom).contains("data-ready=\"1\""),
        "the script did not finish"
    );
    assert!(
        !root_tag(&dom).contains("data-errors"),
        "the script logged errors: {}",
        root_tag(&dom)
    );
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "an injected script element"
    );
    assert!(!dom.contains("<img"), "an injected image");
}

/// Measures, in the page as laid out, where pieces of text sit: each check
/// names an element and pieces of its text in reading order (each searched
/// after the previous one), and passes when they are laid out left to right
/// on one line. Results go to a `<pre id="bidi-probe">`, one line per check.
const BIDI_PROBE: &str = r#"(function () {
  var out = [];
  function find(el, needles) {
    var nodes = [], w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), n;
    while ((n = w.nextNode())) nodes.push(n);
    var at = 0, from = 0, found = [];
    for (var k = 0; k < needles.length; k++) {
      var hit = null;
      for (; at < nodes.length && !hit; at++, from = 0) {
        var i = nodes[at].data.indexOf(needles[k], from);
        if (i >= 0) {
          var r = document.createRange();
          r.setStart(nodes[at], i);
          r.setEnd(nodes[at], i + needles[k].length);
          hit = r.getBoundingClientRect();
          from = i + needles[k].length;
          break;
        }
      }
      if (!hit) return needles[k];
      found.push(hit);
    }
    return found;
  }
  function check(name, selector, needles) {
    var el = document.querySelector(selector);
    if (!el) { out.push(name + ': no element ' + selector); return; }
    var rects = find(el, needles);
    if (typeof rects === 'string') { out.push(name + ': no text ' + rects); return; }
    var lefts = rects.map(function (r) { return Math.round(r.left); }).join(' ');
    for (var k = 1; k < rects.length; k++) {
      if (Math.abs(rects[k].top - rects[0].top) > 2) { out.push(name + ': wrapped ' + lefts); return; }
      if (!(rects[k].left > rects[k - 1].left)) { out.push(name + ': reordered ' + lefts); return; }
    }
    out.push(name + ': ok');
  }
  var NAME = 'وكالة الأنباء';
  check('overview outlet, date', 'tr[data-article="arab"] .sub', [NAME, '2020-01-02']);
  check('trail first, roots', '.trail .meta', ['first:', NAME, '2020-01-02', 'root', NAME, '(2)']);
  check('byline list', '[data-article-view="arab"] .byline', ['By', 'كاتب', '24 Reporters', 'Language']);
  check('byline override', '[data-article-view="daily"] .byline', ['By', 'evil', 'Language', 'en']);
  check('hedge override', '[data-article-view="daily"] .claim .meta', ['hedged', 'believed', 'paraphrase', 'shared-claim']);
  var pre = document.createElement('pre');
  pre.id = 'bidi-probe';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
})();"#;

/// Right-to-left annotation text and unclosed U+202E overrides do not reorder
/// the page's words around them, as Chromium lays the page out: each value is
/// isolated for the bidirectional algorithm.
#[test]
fn browser_isolates_annotation_text() {
    let Some(chromium) = chromium() else {
        return;
    };
    let page = Computed::of(&repo_root().join(common::fixture("html/bidi"))).page();
    // The page's policy runs only its own script: this copy drops the policy
    // to run the probe too.
    let policy = page
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .expect("a policy");
    let end = policy + page[policy..].find('>').expect("a closed tag") + 1;
    let page = format!("{}{}", &page[..policy], &page[end..]).replacen(
        "</body>",
        &format!("<script>{BIDI_PROBE}</script>\n</body>"),
        1,
    );
    let dir = tempfile::tempdir().expect("a temporary folder");
    let report = dir.path().join("bidi.html");
    std::fs::write(&report, page).expect("write the page");
    let out = headless(
        &chromium,
        &dir.path().join("profile"),
        &[
            "--dump-dom".into(),
            "--virtual-time-budget=5000".into(),
            "--window-size=1280,2000".into(),
        ],
        &file_url(&report),
    );
    let dom = String::from_utf8(out.stdout).expect("the DOM is UTF-8");
    let tag = "<pre id=\"bidi-probe\">";
    let start = dom.find(tag).expect("the probe ran") + tag.len();
    let results = &dom[start..start + dom[start..].find("</pre>").expect("a closed pre")];
    assert_eq!(
        results.lines().collect::<Vec<_>>(),
        [
            "overview outlet, date: ok",
            "trail first, roots: ok",
            "byline list: ok",
            "byline override: ok",
            "hedge override: ok",
        ]
    );
}

/// The `<html>` start tag, where the script records its state.
fn root_tag(dom: &str) -> &str {
    let start = dom.find("<html").expect("an html element");
    let end = start + dom[start..].find('>').expect("a closed tag");
    &dom[start..=end]
}

/// Width, height and RGB pixels of a PNG.
fn decode_png(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let file = std::fs::File::open(path).expect("the screenshot exists");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a buffer size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    assert!(channels >= 3, "a colour screenshot");
    let pixels = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width, info.height, pixels)
}
