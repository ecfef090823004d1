//! `export --format jsonld`: one schema.org `Claim` per claim id, in a
//! JSON-LD document whose `@context` is schema.org. Each claim carries its
//! id, the text of its first appearance, the speaker that appearance names
//! (a `Person` or an `Organization`), and every article it appears in as a
//! `NewsArticle`, in trail order, the first also as `firstAppearance`.

use super::tables::{ArticleRec, ClaimRec, SourceRec, Tables};
use crate::model::Outlets;
use crate::trail::Trail;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// Lookups by article id (and claim or source id) into the tables.
pub(super) struct Index<'a> {
    pub articles: HashMap<&'a str, &'a ArticleRec>,
    pub claims: HashMap<(&'a str, &'a str), &'a ClaimRec>,
    pub sources: HashMap<(&'a str, &'a str), &'a SourceRec>,
}

impl<'a> Index<'a> {
    pub fn new(t: &'a Tables) -> Index<'a> {
        Index {
            articles: t
                .articles
                .iter()
                .map(|a| (a.article.row.id.as_str(), &a.article))
                .collect(),
            claims: t.claims().map(|c| ((&*c.article, &*c.claim), c)).collect(),
            sources: t
                .sources()
                .map(|s| ((&*s.article, s.source.as_str()), s))
                .collect(),
        }
    }

    /// The source a claim appearance cites.
    pub fn source_of(&self, article: &str, claim: &str) -> Option<&'a SourceRec> {
        let c = self.claims.get(&(article, claim))?;
        let s = c.source.as_deref()?;
        self.sources.get(&(article, s)).copied()
    }
}

/// The document.
pub fn document(t: &Tables, trails: &[Trail], outlets: &Outlets) -> Value {
    let index = Index::new(t);
    let graph: Vec<Value> = trails
        .iter()
        .map(|trail| claim(trail, &index, outlets))
        .collect();
    json!({
        "@context": "https://schema.org",
        "@graph": graph,
    })
}

fn claim(trail: &Trail, index: &Index, outlets: &Outlets) -> Value {
    let mut c = Map::new();
    c.insert("@type".into(), json!("Claim"));
    c.insert("identifier".into(), json!(trail.id));
    let appearances: Vec<Value> = trail
        .appearances
        .iter()
        .filter_map(|a| index.articles.get(&*a.article))
        .map(|a| news_article(a, outlets))
        .collect();
    if let Some(first) = trail.appearances.first() {
        if let Some(rec) = index.claims.get(&(&*first.article, trail.id.as_str())) {
            c.insert("text".into(), json!(rec.text));
        }
        if let Some(author) = index.source_of(&first.article, &trail.id).and_then(author) {
            c.insert("author".into(), author);
        }
    }
    if let Some(first) = appearances.first() {
        c.insert("firstAppearance".into(), first.clone());
    }
    c.insert("appearance".into(), Value::Array(appearances));
    Value::Object(c)
}

/// The named speaker as a `Person` or an `Organization`; documents and
/// speakers of unknown kind are left out, as are anonymous ones.
fn author(s: &SourceRec) -> Option<Value> {
    let name = s.name.as_deref()?;
    let kind = match s.kind {
        "person" => "Person",
        "organization" => "Organization",
        _ => return None,
    };
    Some(json!({"@type": kind, "name": name}))
}

fn news_article(a: &ArticleRec, outlets: &Outlets) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), json!("NewsArticle"));
    m.insert("identifier".into(), json!(a.row.id));
    if let Some(url) = &a.url {
        m.insert("url".into(), json!(url));
    }
    m.insert("headline".into(), json!(a.row.title));
    if let Some(d) = a.row.published {
        m.insert("datePublished".into(), json!(d.to_string()));
    }
    m.insert(
        "publisher".into(),
        json!({"@type": "Organization", "name": outlets.name(&a.row.outlet)}),
    );
    Value::Object(m)
}
