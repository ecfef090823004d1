//! Completion: source ids of the article, outlet ids of the registry (for
//! `outlet` and inside `via`, nested routes too), claim ids of the corpus
//! ranked by how alike their text is to the claim's, the allowed values of
//! `kind`, `ownership`, `hedge` and `country`, and the format's keys with
//! their documentation. Values and documentation come from `claimtrail
//! schema`'s schema, the one place they are written.

use super::cursor::{self, Cursor, Table};
use super::positions::Text;
use super::state::Workspace;
use crate::schema::{SchemaKind, schema};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    CompletionTextEdit, Documentation, MarkupContent, MarkupKind, TextEdit,
};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

/// At most this many claim ids are offered at once; typing narrows them.
const MAX_CLAIM_IDS: usize = 200;

/// Hedges annotators commonly meet, offered beside the corpus's own.
const COMMON_HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "believed",
    "according to",
    "said to",
    "dikabarkan",
    "diduga",
    "dilaporkan",
];

pub fn complete(ws: &Workspace, p: &CompletionParams) -> Option<CompletionResponse> {
    let (path, text) = super::document(ws, &p.text_document_position.text_document.uri)?;
    let t = Text::new(text);
    let offset = t.offset(p.text_document_position.position);
    let c = cursor::at(text, offset);
    let registry = is_registry(&path);
    let items = match (&c.key, &c.string) {
        (Some(key), Some(s)) => {
            let edit = |label: &str| {
                CompletionTextEdit::Edit(TextEdit::new(t.range(s.content.clone()), label.into()))
            };
            let typed = &text[s.content.start..offset.max(s.content.start)];
            let mut items = values(ws, text, &c, key, registry, typed);
            for item in &mut items {
                item.text_edit = Some(edit(&item.label));
                item.filter_text = Some(item.label.clone());
            }
            if key == "id" && matches!(c.table, Table::Claim(_)) {
                return Some(CompletionResponse::List(CompletionList {
                    is_incomplete: items.len() >= MAX_CLAIM_IDS,
                    items,
                }));
            }
            items
        }
        (None, _) if c.at_key => keys(text, &c, registry),
        _ => Vec::new(),
    };
    Some(CompletionResponse::Array(items))
}

fn is_registry(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == crate::corpus::REGISTRY_FILE)
}

/// The values a key takes, in the cursor's table.
fn values(
    ws: &Workspace,
    text: &str,
    c: &Cursor,
    key: &str,
    registry: bool,
    typed: &str,
) -> Vec<CompletionItem> {
    match (&c.table, key) {
        (Table::Claim(_), "source") => sources(text),
        (Table::Article, "outlet") | (Table::Claim(_), "via") => outlets(ws),
        (Table::Claim(_), "id") => claim_ids(ws, text, c, typed),
        (Table::Claim(_), "hedge") => hedges(ws),
        (_, "country") => countries(),
        (Table::Claim(_), "kind") => enum_values(SchemaKind::Article, "ClaimKind"),
        (Table::Source(_), "kind") => enum_values(SchemaKind::Article, "SourceKind"),
        (Table::Other(_), "kind") if registry => enum_values(SchemaKind::Outlets, "OutletKind"),
        (Table::Other(_), "ownership") if registry => enum_values(SchemaKind::Outlets, "Ownership"),
        _ => Vec::new(),
    }
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<String>,
    doc: Option<String>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        documentation: doc.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        ..CompletionItem::default()
    }
}

/// The article's `[sources.ID]` tables, read from the buffer (it may not
/// parse while a claim is being typed).
fn sources(text: &str) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some((keys, false)) = cursor::parse_header(line) else {
            continue;
        };
        let [s, id] = keys.as_slice() else { continue };
        if s != "sources" {
            continue;
        }
        let name = cursor::string_in_table(text, i, "name");
        let description = cursor::string_in_table(text, i, "description");
        let detail = match (&name, &description) {
            (Some(n), _) => n.clone(),
            (None, Some(d)) => format!("anonymous: {d}"),
            (None, None) => "source".to_string(),
        };
        let role = cursor::string_in_table(text, i, "role");
        out.push(item(id, CompletionItemKind::VARIABLE, Some(detail), role));
    }
    out
}

/// The registry's outlets: id, with name, kind and ownership.
fn outlets(ws: &Workspace) -> Vec<CompletionItem> {
    ws.outlets
        .ids()
        .into_iter()
        .filter_map(|id| ws.outlets.get(id))
        .map(|o| {
            let facts: Vec<&str> = [
                o.kind.map(|k| k.as_str()),
                o.ownership.map(|w| w.as_str()),
                o.country.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect();
            item(
                &o.id,
                CompletionItemKind::MODULE,
                Some(o.name.clone()),
                (!facts.is_empty()).then(|| facts.join(" · ")),
            )
        })
        .collect()
}

/// Claim ids of the corpus, the most alike first: by the most words the
/// text of any of their appearances shares with this claim's `text`, then by
/// id. Each is shown with its first appearance (the earliest published,
/// undated last) and that appearance's text. Only ids starting with what is
/// typed are weighed: in a large corpus, most of the work is skipped.
fn claim_ids(ws: &Workspace, text: &str, c: &Cursor, typed: &str) -> Vec<CompletionItem> {
    let own = cursor::string_in_table(text, c.table_line, "text").unwrap_or_default();
    let own_words = words(&own);
    type First<'a> = (Option<chrono::NaiveDate>, &'a str, &'a str);
    let mut by_id: BTreeMap<&str, (f64, First)> = BTreeMap::new();
    for entry in ws.files.values() {
        let Some(a) = &entry.article else { continue };
        let Some(f) = &a.facts else { continue };
        for (claim, t) in f.claims.iter().zip(&a.texts) {
            let id = f.claim_id(claim);
            if !id.starts_with(typed) {
                continue;
            }
            let here = (f.published, a.id.as_str(), &**t);
            let alike = similarity(&own_words, t);
            by_id
                .entry(id)
                .and_modify(|(best, first)| {
                    *best = best.max(alike);
                    if (here.0.is_none(), here.0) < (first.0.is_none(), first.0) {
                        *first = here;
                    }
                })
                .or_insert((alike, here));
        }
    }
    let mut ranked: Vec<(f64, &str, &str, &str)> = by_id
        .into_iter()
        .map(|(id, (alike, (_, article, t)))| (alike, id, article, t))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    ranked.truncate(MAX_CLAIM_IDS);
    ranked
        .into_iter()
        .enumerate()
        .map(|(rank, (_, id, article, t))| {
            let mut it = item(
                id,
                CompletionItemKind::VALUE,
                Some(format!("first in {article}")),
                Some(t.to_string()),
            );
            it.sort_text = Some(format!("{rank:04}"));
            it
        })
        .collect()
}

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2)
        .map(str::to_lowercase)
        .collect()
}

/// The share of words two texts have in common (Jaccard), 0 to 1.
fn similarity(own: &HashSet<String>, other: &str) -> f64 {
    if own.is_empty() {
        return 0.0;
    }
    let theirs = words(other);
    let common = own.intersection(&theirs).count();
    let all = own.len() + theirs.len() - common;
    if all == 0 {
        0.0
    } else {
        common as f64 / all as f64
    }
}

fn hedges(ws: &Workspace) -> Vec<CompletionItem> {
    let mut all: BTreeMap<String, &str> = COMMON_HEDGES
        .iter()
        .map(|h| (h.to_string(), "a common hedge"))
        .collect();
    for entry in ws.files.values() {
        let Some(f) = entry.article.as_ref().and_then(|a| a.facts.as_ref()) else {
            continue;
        };
        for c in &f.claims {
            if let Some(h) = f.hedge(c) {
                all.entry(h.to_string()).or_insert("used in the corpus");
            }
        }
    }
    all.into_iter()
        .map(|(h, why)| item(&h, CompletionItemKind::TEXT, Some(why.into()), None))
        .collect()
}

fn countries() -> Vec<CompletionItem> {
    isocountry::CountryCode::iter()
        .map(|c| {
            item(
                c.alpha2(),
                CompletionItemKind::CONSTANT,
                Some(c.name().into()),
                None,
            )
        })
        .collect()
}

/// The schema of a kind of file, made once.
fn schema_of(kind: SchemaKind) -> &'static Value {
    static ARTICLE: OnceLock<Value> = OnceLock::new();
    static OUTLETS: OnceLock<Value> = OnceLock::new();
    match kind {
        SchemaKind::Article => ARTICLE.get_or_init(|| schema(kind)),
        SchemaKind::Outlets => OUTLETS.get_or_init(|| schema(kind)),
    }
}

/// A definition of the schema (`ClaimTable`, `Ownership`).
pub fn definition(kind: SchemaKind, name: &str) -> Option<&'static Value> {
    schema_of(kind).get("definitions")?.get(name)
}

fn enum_values(kind: SchemaKind, name: &str) -> Vec<CompletionItem> {
    let Some(def) = definition(kind, name) else {
        return Vec::new();
    };
    let doc = def
        .get("description")
        .and_then(Value::as_str)
        .map(String::from);
    def.get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|v| item(v, CompletionItemKind::ENUM_MEMBER, None, doc.clone()))
        .collect()
}

/// The schema's definition of the table the cursor is in.
pub fn table_definition(table: &Table, registry: bool) -> Option<&'static Value> {
    match (table, registry) {
        (Table::Article, false) => definition(SchemaKind::Article, "ArticleTable"),
        (Table::Source(_), false) => definition(SchemaKind::Article, "SourceTable"),
        (Table::Claim(_), false) => definition(SchemaKind::Article, "ClaimTable"),
        (Table::Other(_), true) => definition(SchemaKind::Outlets, "OutletTable"),
        _ => None,
    }
}

/// The keys of the cursor's table not yet written, with their documentation.
fn keys(text: &str, c: &Cursor, registry: bool) -> Vec<CompletionItem> {
    let Some(props) = table_definition(&c.table, registry)
        .and_then(|d| d.get("properties"))
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    let present = cursor::keys_in_table(text, c.table_line);
    props
        .iter()
        .filter(|(k, _)| !present.contains(k))
        .map(|(k, v)| {
            let doc = v
                .get("description")
                .and_then(Value::as_str)
                .map(String::from);
            let mut it = item(k, CompletionItemKind::FIELD, None, doc);
            it.insert_text = Some(format!("{k} = "));
            it
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_counts_shared_words() {
        let own = words("The Russian contingent includes cyber personnel.");
        // Words of three letters or more, lower-cased:
        // own = {the, russian, contingent, includes, cyber, personnel};
        // other = {the, russian, contingent, cyber, troops}: 4 shared of 7.
        let s = similarity(&own, "The Russian contingent: cyber troops");
        assert!((s - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(similarity(&words(""), "anything"), 0.0);
    }

    #[test]
    fn enum_values_come_from_the_schema() {
        let kinds: Vec<String> = enum_values(SchemaKind::Article, "ClaimKind")
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(kinds, ["quote", "paraphrase", "assertion", "background"]);
    }
}
