//! What each command shows, as a [`Doc`]: which columns, in which order, with
//! which labels. Values come formatted from the computed metrics; nothing is
//! counted here.

use super::{Column, Doc, Grid, Rows, Title, date, percent, score};
use crate::metrics::{ArticleRow, Explanation};
use crate::model::Outlets;
use crate::search::Found;
use crate::speakers::SourcesReport;
use crate::trail::{ClaimSummary, Root, Trail};

fn countries(row: &ArticleRow) -> String {
    row.speakers_by_country
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn report_cells(r: &ArticleRow, outlets: &Outlets, total: bool) -> Vec<String> {
    vec![
        r.id.clone(),
        if total {
            String::new()
        } else {
            outlets.name(&r.outlet).to_string()
        },
        if total {
            String::new()
        } else {
            date(r.published)
        },
        r.claims.to_string(),
        r.named.to_string(),
        r.anonymous.to_string(),
        r.outlet_reported.to_string(),
        r.unattributed.to_string(),
        r.hedged.to_string(),
        r.relayed.to_string(),
        r.longest_route.to_string(),
        r.state_reliant.to_string(),
        r.speakers.to_string(),
        countries(r),
        percent(r.anonymity_rate),
        score(r.score),
        r.grade.to_string(),
    ]
}

/// `claimtrail report`: one row per article and the corpus total.
pub fn report<'a>(rows: &'a [ArticleRow], total: &ArticleRow, outlets: &'a Outlets) -> Doc<'a> {
    report_linked(rows, total, outlets, &[])
}

/// `report`, each article's id a link to `links[i]` (the index `report
/// --out` writes, linking each row to its article's report).
pub fn report_linked<'a>(
    rows: &'a [ArticleRow],
    total: &ArticleRow,
    outlets: &'a Outlets,
    links: &'a [String],
) -> Doc<'a> {
    let mut doc = Doc::default();
    doc.grid(Grid {
        columns: vec![
            Column::left("article").id(12, 30),
            Column::left("outlet").name(7, 16),
            Column::left("published"),
            Column::right("claims"),
            Column::right("named"),
            Column::right("anon"),
            Column::right("outlet-rep").rank(2),
            Column::right("unattr"),
            Column::right("hedged").rank(1),
            Column::right("relayed").rank(1),
            Column::right("hops").rank(3),
            Column::right("state").rank(2),
            Column::right("speakers").rank(3),
            Column::left("by country").rank(3).name(10, 26),
            Column::right("anon rate").label("anon%"),
            Column::right("score"),
            Column::left("grade"),
        ],
        rows: Rows::writing(rows.len(), move |i, cells| {
            let mut values = report_cells(&rows[i], outlets, false).into_iter();
            let id = values.next().unwrap_or_default();
            match links.get(i) {
                Some(target) => cells.push_link(&id, target),
                None => cells.push(&id),
            }
            for value in values {
                cells.push(&value);
            }
        }),
        footer: Some(report_cells(total, outlets, true)),
        title: None,
    });
    doc
}

/// `claimtrail report --article ID`: the article, then each claim explained.
pub fn explanation<'a>(e: &'a Explanation, outlets: &'a Outlets) -> Doc<'a> {
    let r = &e.row;
    let mut doc = Doc::default();
    doc.heading(format!("{}: {}", r.id, r.title));
    let mut fields = vec![
        ("outlet".to_string(), e.outlet_name.clone()),
        ("published".to_string(), date(r.published)),
    ];
    if let Some(url) = &e.url {
        fields.push(("url".into(), url.clone()));
    }
    fields.extend([
        (
            "claims".to_string(),
            format!(
                "{} scored ({} named, {} anonymous, {} outlet, {} unattributed), {} background",
                r.claims, r.named, r.anonymous, r.outlet_reported, r.unattributed, r.background
            ),
        ),
        (
            "hedged / relayed".into(),
            format!("{} / {}", r.hedged, r.relayed),
        ),
        ("state-media reliant".into(), r.state_reliant.to_string()),
        ("anonymity rate".into(), percent(r.anonymity_rate)),
        ("score".into(), format!("{} ({})", score(r.score), r.grade)),
    ]);
    doc.fields(fields);
    let _ = outlets;
    doc.grid(Grid {
        columns: vec![
            Column::left("claim").id(12, 32),
            Column::left("key").label("key claim").flag(),
            Column::left("text").prose(20, 60),
            Column::left("speaker").prose(12, 30),
            Column::left("route").prose(12, 30),
            Column::left("said"),
            Column::left("class"),
            Column::right("points"),
            Column::left("reasons").prose(20, 60),
        ],
        rows: Rows::new(e.claim_rows.len(), move |i| {
            let c = &e.claim_rows[i];
            {
                vec![
                    c.id.clone(),
                    if c.key { "yes".into() } else { String::new() },
                    c.text.clone(),
                    c.speaker.clone().unwrap_or_else(|| "-".into()),
                    c.route_text.clone(),
                    c.said.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                    c.class.as_str().to_string(),
                    score(c.points),
                    c.reasons
                        .iter()
                        .map(|r| {
                            if r.points == 0.0 {
                                r.what.clone()
                            } else {
                                format!("{:+} {}", r.points, r.what)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ]
            }
        }),
        footer: None,
        // Claim, class, points and key on the first line.
        title: Title::always(&[0, 6, 7, 1]),
    });
    doc
}

/// `claimtrail sources`: speakers, then outlets as relays.
pub fn sources(s: &SourcesReport) -> Doc<'_> {
    let mut doc = Doc::default();
    doc.heading("Speakers");
    doc.grid(Grid {
        columns: vec![
            Column::left("speaker").id(14, 32),
            Column::left("affiliation").rank(1).name(10, 24),
            Column::left("country"),
            Column::right("articles"),
            Column::right("claims"),
        ],
        rows: Rows::new(s.speakers.len(), move |i| {
            let p = &s.speakers[i];
            {
                let speaker = match &p.article {
                    Some(article) => format!("{} (in {article})", p.speaker),
                    None => p.speaker.clone(),
                };
                vec![
                    speaker,
                    p.affiliation.clone().unwrap_or_default(),
                    p.country.clone().unwrap_or_default(),
                    p.articles.to_string(),
                    p.claims.to_string(),
                ]
            }
        }),
        footer: None,
        title: None,
    });
    doc.heading("Outlets");
    doc.grid(Grid {
        columns: vec![
            Column::left("outlet").id(8, 14),
            Column::left("name").rank(1).name(10, 24),
            Column::left("kind").rank(2),
            Column::left("ownership").rank(1),
            Column::right("relayed claims").label("relayed"),
            Column::right("relying articles").label("relying"),
            Column::right("own articles").label("own"),
        ],
        rows: Rows::new(s.outlets.len(), move |i| {
            let o = &s.outlets[i];
            {
                vec![
                    o.id.clone(),
                    o.name.clone(),
                    o.kind.clone().unwrap_or_default(),
                    o.ownership.clone().unwrap_or_default(),
                    o.relayed_claims.to_string(),
                    o.relying_articles.to_string(),
                    o.own_articles.to_string(),
                ]
            }
        }),
        footer: None,
        title: None,
    });
    doc
}

fn route_cell(route: &[Box<[Box<str>]>], outlets: &Outlets) -> String {
    if route.is_empty() {
        return "first-hand".into();
    }
    route
        .iter()
        .map(|r| {
            r.iter()
                .map(|h| outlets.name(h).to_string())
                .collect::<Vec<_>>()
                .join(" → ")
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A root with its kind: `speaker Maria Zakharova`, `outlet Reuters`.
fn root_label(root: &Root, outlets: &Outlets) -> String {
    let kind = match root {
        Root::Speaker(_) => "speaker",
        Root::Outlet(_) => "outlet",
    };
    format!("{kind} {}", root.name(outlets))
}

/// `claimtrail trace ID`: the appearances, then origin, roots and drift.
pub fn trail<'a>(t: &'a Trail, outlets: &'a Outlets) -> Doc<'a> {
    let mut doc = Doc::default();
    doc.heading(format!("claim {}", t.id));
    doc.grid(Grid {
        columns: vec![
            Column::left("date"),
            Column::left("outlet").name(8, 16),
            Column::left("article").id(12, 28),
            Column::left("speaker").rank(1).name(10, 26),
            Column::left("route").rank(1).name(10, 24),
            Column::left("hedge").rank(2).name(6, 10),
            Column::left("class"),
            Column::left("drift").prose(20, 34),
        ],
        rows: Rows::new(t.appearances.len(), move |i| {
            let a = &t.appearances[i];
            {
                vec![
                    date(a.published),
                    outlets.name(&a.outlet).to_string(),
                    a.article.to_string(),
                    a.source.as_deref().unwrap_or("-").to_string(),
                    route_cell(&a.route, outlets),
                    a.hedge.as_deref().unwrap_or("-").to_string(),
                    a.class.as_str().to_string(),
                    a.drift
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            }
        }),
        footer: None,
        title: Title::narrow(&[0, 1]),
    });
    let mut fields = Vec::new();
    if let Some(o) = &t.origin {
        fields.push((
            "origin".to_string(),
            format!(
                "{} ({}, {})",
                o.article,
                outlets.name(&o.outlet),
                date(o.published)
            ),
        ));
        fields.push((
            "root".to_string(),
            format!(
                "{} via {}",
                o.speaker.as_deref().unwrap_or("no named speaker"),
                outlets.name(&o.first_outlet)
            ),
        ));
    }
    fields.push((
        "roots".to_string(),
        t.roots
            .iter()
            .map(|r| format!("{} ({})", root_label(&r.root, outlets), r.appearances))
            .collect::<Vec<_>>()
            .join("; "),
    ));
    fields.push((
        "independent roots".to_string(),
        format!(
            "{} ({})",
            t.independent_roots,
            super::roots_in_words(t.confirmed_roots, t.independent_roots)
        ),
    ));
    doc.fields(fields);
    if !t.findings.is_empty() {
        doc.heading("drift");
        doc.grid(Grid {
            columns: vec![
                Column::left("code"),
                Column::left("at").id(12, 24),
                Column::left("compared with").id(12, 24),
                Column::left("finding").prose(20, 60),
            ],
            rows: Rows::new(t.findings.len(), move |i| {
                let f = &t.findings[i];
                {
                    vec![
                        f.code.as_str().to_string(),
                        t.appearances[f.at].article.to_string(),
                        t.appearances[f.earlier].article.to_string(),
                        f.message.clone(),
                    ]
                }
            }),
            footer: None,
            // The code and the appearance on the first line: findings are sentences.
            title: Title::always(&[0, 1]),
        });
    }
    doc
}

/// `claimtrail claims`: one row per claim id.
pub fn claims<'a>(list: &'a [ClaimSummary], outlets: &'a Outlets) -> Doc<'a> {
    let mut doc = Doc::default();
    doc.grid(Grid {
        columns: vec![
            Column::left("claim").id(14, 34),
            Column::right("appearances").label("seen").rank(1),
            Column::right("articles"),
            Column::left("first date"),
            Column::left("first outlet").rank(1).name(8, 16),
            Column::right("roots"),
            Column::right("confirmed"),
            Column::right("drift"),
        ],
        // Written cell by cell: the list can run to a million claims.
        rows: Rows::writing(list.len(), move |i, cells| {
            let c = &list[i];
            cells.push(c.id);
            cells.push_count(c.appearances);
            cells.push_count(c.articles);
            match c.first_published {
                Some(d) => cells.push_date(d),
                None => cells.push(&date(None)),
            }
            let outlet = c
                .first_outlet_name
                .or_else(|| c.first_outlet.map(|o| outlets.name(o)));
            cells.push(outlet.unwrap_or(""));
            cells.push_count(c.independent_roots);
            cells.push_count(c.confirmed_roots);
            cells.push_count(c.drift);
        }),
        footer: None,
        title: None,
    });
    doc
}

/// `claimtrail claims --search`: the claims found, best first, each with its
/// first article and its text there.
pub fn found<'a>(list: &'a [Found], outlets: &'a Outlets) -> Doc<'a> {
    let mut doc = Doc::default();
    doc.grid(Grid {
        columns: vec![
            Column::left("claim").id(14, 34),
            Column::right("appearances").label("seen").rank(1),
            Column::left("first article").id(14, 40),
            Column::left("first date"),
            Column::left("first outlet").rank(2).name(8, 16),
            Column::left("text").prose(20, 60),
        ],
        rows: Rows::writing(list.len(), move |i, cells| {
            let c = &list[i];
            cells.push(c.id);
            cells.push_count(c.appearances);
            cells.push(c.first_article.as_deref().unwrap_or("-"));
            cells.push(&date(c.first_published));
            let outlet = c
                .first_outlet_name
                .or_else(|| c.first_outlet.map(|o| outlets.name(o)));
            cells.push(outlet.unwrap_or(""));
            cells.push(c.text.as_deref().unwrap_or("-"));
        }),
        footer: None,
        title: None,
    });
    doc
}
