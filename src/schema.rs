//! JSON Schemas for the annotation files, for editors (Taplo, Even Better
//! TOML) to complete and check them as they are typed. Derived from the very
//! `raw` types the loader deserializes, so the schema and the loader agree on
//! every field; the few pieces serde cannot describe on its own (TOML dates,
//! the string-or-array shapes of `via` and `byline`) are written here.
//!
//! TOML has values JSON lacks. Editors convert a TOML file to JSON before
//! validating it: dates become strings (`"2019-03-27"`), which is how the date
//! schema below reads them. TOML has no null either, so no field allows one.

use crate::raw::{ArticleFile, OutletsFile, Route, Strings};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;
use std::borrow::Cow;

/// The file a schema describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    /// An article file.
    Article,
    /// `outlets.toml`.
    Outlets,
}

/// The draft-07 JSON Schema for a kind of file.
pub fn schema(kind: SchemaKind) -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let root = match kind {
        SchemaKind::Article => generator.into_root_schema_for::<ArticleFile>(),
        SchemaKind::Outlets => generator.into_root_schema_for::<OutletsFile>(),
    };
    let mut value = root.to_value();
    remove_null(&mut value);
    value
}

/// TOML has no null: an optional field is one that may be left out, so drop
/// the `null` alternatives schemars adds for `Option`.
fn remove_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any_of)) = map.get_mut("anyOf") {
                any_of.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                if any_of.len() == 1 {
                    let only = any_of.remove(0);
                    map.remove("anyOf");
                    match only {
                        // Draft 7 ignores the siblings of `$ref` (the description):
                        // wrap it as schemars does for required fields.
                        Value::Object(inner) if inner.contains_key("$ref") && !map.is_empty() => {
                            map.insert("allOf".into(), Value::Array(vec![Value::Object(inner)]));
                        }
                        Value::Object(inner) => {
                            for (k, v) in inner {
                                map.entry(k).or_insert(v);
                            }
                        }
                        other => {
                            map.insert("allOf".into(), Value::Array(vec![other]));
                        }
                    }
                }
            }
            for v in map.values_mut() {
                remove_null(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(remove_null),
        _ => {}
    }
}

/// A TOML date as an editor sees it once converted to JSON: a string holding
/// a local date, an offset date-time or a local date-time.
pub struct TomlDate;

impl JsonSchema for TomlDate {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A TOML date, written without quotes: 2019-03-26, or an offset date-time such as 2019-03-26T14:00:00Z.",
            "anyOf": [
                { "type": "string", "format": "date" },
                { "type": "string", "format": "date-time" },
                {
                    "type": "string",
                    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?$"
                }
            ]
        })
    }
}

impl JsonSchema for Route {
    fn schema_name() -> Cow<'static, str> {
        "Route".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A route: an outlet id, or outlet ids ordered from the speaker outward ([\"interfax\", \"reuters\"]: Reuters relayed Interfax).",
            "anyOf": [
                { "type": "string", "minLength": 1 },
                {
                    "type": "array",
                    "items": { "type": "string", "minLength": 1 },
                    "minItems": 1
                }
            ]
        })
    }
}

impl JsonSchema for Strings {
    fn schema_name() -> Cow<'static, str> {
        "Strings".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{SchemaKind, schema};

    #[test]
    fn draft_07_with_enums_and_descriptions() {
        let s = schema(SchemaKind::Article);
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(s["additionalProperties"], false);
        let text = s.to_string();
        assert!(!text.contains("null"), "TOML has no null: {text}");
        let defs = &s["definitions"];
        assert_eq!(
            defs["ClaimKind"]["enum"],
            serde_json::json!(["quote", "paraphrase", "assertion", "background"])
        );
        let claim = &defs["ClaimTable"]["properties"];
        assert!(
            claim["hedge"]["description"]
                .as_str()
                .unwrap()
                .contains("distancing cue")
        );
        assert_eq!(
            defs["ClaimTable"]["required"],
            serde_json::json!(["id", "text"])
        );
        // Draft 7 ignores keywords beside `$ref`, so a described reference is wrapped.
        assert_eq!(claim["kind"]["allOf"][0]["$ref"], "#/definitions/ClaimKind");
        assert!(claim["kind"].get("$ref").is_none());
    }

    #[test]
    fn outlets_schema_is_a_map_of_outlets() {
        let s = schema(SchemaKind::Outlets);
        assert_eq!(s["type"], "object");
        assert_eq!(
            s["definitions"]["Ownership"]["enum"],
            serde_json::json!(["private", "public", "state"])
        );
    }
}
