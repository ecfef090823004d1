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
    } else if sp.document {
        o.push_str("kind = \"document\"\n");
    }
}

fn write_claim(o: &mut String, w: &Written, source_ids: &[String]) {
    let c = w.claim;
    // Comments first, then the table (commented out when only proposed).
    let _ = writeln!(o, "# {}", c.why);
    for x in &c.confirm {
        let _ = writeln!(o, "# confirm: {x}");
    }
    if !w.similar.is_empty() {
        o.push_str(if w.joined {
            "# id taken from the corpus claim it matches; also like: "
        } else {
            "# like corpus claims: "
        });
        for (k, s) in w.similar.iter().enumerate() {
            if k > 0 {
                o.push_str(", ");
            }
            let _ = write!(o, "{} ({}, {:.2})", s.id, s.article, s.score);
        }
        o.push('\n');
    }
    let lead = if c.commented { "# " } else { "" };
    let _ = writeln!(o, "{lead}[[claims]]");
    let _ = writeln!(o, "{lead}id = {}", basic_string(&w.id));
    let _ = writeln!(o, "{lead}text = {}", basic_string(&c.text));
    if let Some(q) = &c.quote {
        let _ = writeln!(o, "{lead}quote = {}", basic_string(q));
    }
    if let Some(i) = c.speaker {
        let _ = writeln!(o, "{lead}source = {}", basic_string(&source_ids[i]));
    }
    if !c.routes.is_empty() {
        let _ = write!(o, "{lead}via = [");
        for (k, r) in c.routes.iter().enumerate() {
            if k > 0 {
                o.push_str(", ");
            }
            if r.len() == 1 {
                o.push_str(&basic_string(&r[0]));
            } else {
                o.push('[');
                for (k, h) in r.iter().enumerate() {
                    if k > 0 {
                        o.push_str(", ");
                    }
                    o.push_str(&basic_string(h));
                }
                o.push(']');
            }
        }
        o.push_str("]\n");
    }
    if let Some(d) = c.said {
        let _ = writeln!(o, "{lead}said = {d}");
    }
    if let Some(h) = &c.hedge {
        let _ = writeln!(o, "{lead}hedge = {}", basic_string(h));
    }
    let _ = writeln!(o, "{lead}kind = {}", basic_string(c.kind));
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
