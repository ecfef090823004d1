//! `export --format prov`: the relay routes as W3C PROV-O in JSON-LD. Each
//! appearance of a claim is a `prov:Entity` attributed to its article's
//! outlet; it `prov:wasDerivedFrom` the appearance in each outlet it came
//! through (the last hop of each route: the claim's appearance in an article
//! of that outlet when the corpus has one, else an entity standing for that
//! outlet's unseen report), and `prov:wasQuotedFrom` its speaker. Outlets are
//! `prov:Organization`s. PROV-O gives `wasQuotedFrom` an entity as its
//! range, so a speaker is typed both as an agent and as an entity.

use super::jsonld::Index;
use super::tables::{SourceRec, Tables};
use crate::model::Outlets;
use crate::trail::Trail;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// Where node ids live: `ct:` is claimtrail's own prefix.
const BASE: &str = "urn:claimtrail:";

/// An id part with everything but unreserved characters and `/` escaped.
fn part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn outlet_id(outlet: &str) -> String {
    format!("ct:outlet/{}", part(outlet))
}

pub fn appearance_id(claim: &str, article: &str) -> String {
    format!("ct:appearance/{}/{}", part(claim), part(article))
}

fn report_id(claim: &str, outlet: &str) -> String {
    format!("ct:report/{}/{}", part(claim), part(outlet))
}

fn speaker_id(s: &SourceRec) -> String {
    match &s.name {
        Some(name) => format!("ct:speaker/{}", part(name)),
        None => format!("ct:anonymous/{}/{}", part(&s.article), part(&s.source)),
    }
}

/// The document.
pub fn document(t: &Tables, trails: &[Trail], outlets: &Outlets) -> Value {
    let index = Index::new(t);
    // Nodes by id, so each is written once, in a stable order.
    let mut nodes: BTreeMap<String, Value> = BTreeMap::new();
    for id in outlets.ids() {
        nodes.insert(
            outlet_id(id),
            json!({"@id": outlet_id(id), "@type": "prov:Organization", "rdfs:label": outlets.name(id)}),
        );
    }
    for trail in trails {
        add_trail(trail, &index, outlets, &mut nodes);
    }
    json!({
        "@context": {
            "prov": "http://www.w3.org/ns/prov#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "ct": BASE,
        },
        "@graph": nodes.into_values().collect::<Vec<_>>(),
    })
}

fn add_trail(trail: &Trail, index: &Index, outlets: &Outlets, nodes: &mut BTreeMap<String, Value>) {
    let claim = trail.id.as_str();
    for app in &trail.appearances {
        let article = &*app.article;
        let id = appearance_id(claim, article);
        let mut m = Map::new();
        m.insert("@id".into(), json!(id));
        m.insert("@type".into(), json!("prov:Entity"));
        m.insert(
            "rdfs:label".into(),
            json!(format!("claim {claim} in {article}")),
        );
        m.insert(
            "prov:wasAttributedTo".into(),
            json!({"@id": outlet_id(&app.outlet)}),
        );
        // The outlet each route reached the article through: its last hop.
        let mut through: Vec<&str> = app
            .route
            .iter()
            .filter_map(|r| r.last())
            .map(|h| &**h)
            .collect();
        through.sort_unstable();
        through.dedup();
        let mut derived = Vec::new();
        for outlet in through {
            let from = trail
                .appearances
                .iter()
                .find(|o| &*o.outlet == outlet && o.article != app.article);
            let from_id = match from {
                Some(o) => appearance_id(claim, &o.article),
                None => {
                    let rid = report_id(claim, outlet);
                    nodes.entry(rid.clone()).or_insert_with(|| {
                        json!({
                            "@id": rid,
                            "@type": "prov:Entity",
                            "rdfs:label": format!("claim {claim} as {} reported it", outlets.name(outlet)),
                            "prov:wasAttributedTo": {"@id": outlet_id(outlet)},
                        })
                    });
                    rid
                }
            };
            if !outlets.by_id.contains_key(outlet) {
                nodes.entry(outlet_id(outlet)).or_insert_with(|| {
                    json!({"@id": outlet_id(outlet), "@type": "prov:Organization", "rdfs:label": outlet})
                });
            }
            derived.push(json!({"@id": from_id}));
        }
        if !derived.is_empty() {
            m.insert("prov:wasDerivedFrom".into(), Value::Array(derived));
        }
        if let Some(s) = index.source_of(article, claim) {
            let sid = speaker_id(s);
            let kind = match s.kind {
                "person" => "prov:Person",
                "organization" => "prov:Organization",
                _ => "prov:Agent",
            };
            nodes.entry(sid.clone()).or_insert_with(|| {
                let label = match (&s.name, &s.description) {
                    (Some(n), _) => n.clone(),
                    (None, Some(d)) => format!("anonymous: {d}"),
                    (None, None) => "anonymous".to_string(),
                };
                json!({"@id": sid, "@type": [kind, "prov:Entity"], "rdfs:label": label})
            });
            m.insert("prov:wasQuotedFrom".into(), json!({"@id": sid}));
        }
        nodes.insert(id, Value::Object(m));
    }
}
