//! The draft as an article file: `[article]`, one `[sources.ID]` per speaker
//! and one `[[claims]]` per sentence, each with a comment saying why it was
//! drafted (the cue and the sentence number) and what to confirm. Proposals
//! the person must decide on are written commented out.

use super::extract::{Extracted, Proposed, Speaker};
use super::matching::Similar;
use crate::layout::basic_string;
use chrono::NaiveDate;
use std::fmt::Write as _;

/// `[article]`'s values.
#[derive(Clone, Debug, Default)]
pub struct Header {
    pub file: String,
    pub title: String,
    pub outlet: String,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: String,
    pub language_detected: bool,
    pub byline: Option<String>,
    pub notes: Vec<String>,
}

/// A drafted claim with its final id and its look-alikes in the corpus.
#[derive(Clone, Debug)]
pub struct Written<'a> {
    pub claim: &'a Proposed,
    pub id: String,
    pub similar: Vec<Similar>,
    pub joined: bool,
}

pub fn write(h: &Header, ex: &Extracted, source_ids: &[String], claims: &[Written]) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Drafted by `claimtrail draft` from {} ({}, {}).",
        h.file,
        h.language,
        if h.language_detected {
            "detected"
        } else {
            "given"
        }
    );
    o.push_str(
        "# Every value is a proposal: confirm, fix or delete it, then run `claimtrail check`.\n\
         # sN is the Nth sentence of the body (the headline is not counted). Claims that need\n\
         # a decision are commented out: remove the leading \"# \" to keep one.\n",
    );
    for n in &h.notes {
        let _ = writeln!(o, "# {n}");
    }
    o.push_str("\n[article]\n");
    let _ = writeln!(o, "title = {}", basic_string(&h.title));
    let _ = writeln!(o, "outlet = {}", basic_string(&h.outlet));
    if let Some(u) = &h.url {
        let _ = writeln!(o, "url = {}", basic_string(u));
    }
    match h.published {
        Some(d) => {
            let _ = writeln!(o, "published = {d}");
        }
        None => o.push_str("# published = 2019-03-27   # no date found: give --published\n"),
    }
    let _ = writeln!(o, "language = {}", basic_string(&h.language));
    if let Some(b) = &h.byline {
        let _ = writeln!(o, "byline = {}", basic_string(b));
    }
    for (sp, id) in ex.speakers.iter().zip(source_ids) {
        o.push('\n');
        write_source(&mut o, sp, id);
    }
    for w in claims {
        o.push('\n');
        write_claim(&mut o, w, source_ids);
    }
    o
}

fn write_source(o: &mut String, sp: &Speaker, id: &str) {
    let _ = writeln!(o, "[sources.{}]", key(id));
    let _ = writeln!(o, "# {}", sp.why);
    for c in &sp.confirm {
        let _ = writeln!(o, "# confirm: {c}");
    }
    if sp.anonymous {
        o.push_str("anonymous = true\n");
    }
    let fields = [
        ("name", &sp.name),
        ("description", &sp.description),
        ("reason", &sp.reason),
        ("role", &sp.role),
        ("affiliation", &sp.affiliation),
        ("country", &sp.country),
    ];
    for (k, v) in fields {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            let _ = writeln!(o, "{k} = {}", basic_string(v));
        }
    }
    if sp.anonymous && sp.reason.is_none() {
        o.push_str("# reason = \"...\"   # none found: the reason the article gives, if any\n");
    }
    if sp.organization {
        o.push_str("kind = \"organization\"\n");
    }
}

fn write_claim(o: &mut String, w: &Written, source_ids: &[String]) {
    let c = w.claim;
    let mut lines: Vec<String> = Vec::new();
    lines.push("[[claims]]".into());
    lines.push(format!("id = {}", basic_string(&w.id)));
    lines.push(format!("text = {}", basic_string(&c.text)));
    if let Some(q) = &c.quote {
        lines.push(format!("quote = {}", basic_string(q)));
    }
    if let Some(i) = c.speaker {
        lines.push(format!("source = {}", basic_string(&source_ids[i])));
    }
    if !c.routes.is_empty() {
        let routes: Vec<String> = c
            .routes
            .iter()
            .map(|r| {
                if r.len() == 1 {
                    basic_string(&r[0])
                } else {
                    let hops: Vec<String> = r.iter().map(|h| basic_string(h)).collect();
                    format!("[{}]", hops.join(", "))
                }
            })
            .collect();
        lines.push(format!("via = [{}]", routes.join(", ")));
    }
    if let Some(d) = c.said {
        lines.push(format!("said = {d}"));
    }
    if let Some(h) = &c.hedge {
        lines.push(format!("hedge = {}", basic_string(h)));
    }
    lines.push(format!("kind = {}", basic_string(c.kind)));
    // Comments first, then the table (commented out when only proposed).
    let _ = writeln!(o, "# {}", c.why);
    for x in &c.confirm {
        let _ = writeln!(o, "# confirm: {x}");
    }
    if !w.similar.is_empty() {
        let list: Vec<String> = w
            .similar
            .iter()
            .map(|s| format!("{} ({}, {:.2})", s.id, s.article, s.score))
            .collect();
        let _ = writeln!(
            o,
            "# {}: {}",
            if w.joined {
                "id taken from the corpus claim it matches; also like"
            } else {
                "like corpus claims"
            },
            list.join(", ")
        );
    }
    for l in lines {
        if c.commented {
            let _ = writeln!(o, "# {l}");
        } else {
            let _ = writeln!(o, "{l}");
        }
    }
}

/// A table key: bare when it can be, else quoted.
fn key(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        id.to_string()
    } else {
        basic_string(id)
    }
}
