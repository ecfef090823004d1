//! The annotation files exactly as written: serde types with spans, strict about
//! unknown keys. Nothing here is validated beyond TOML types; `load` turns these
//! into the `model`.
//!
//! Enumerated values (`kind`, `ownership`) are kept as spanned strings so that a
//! wrong value is reported with a "did you mean" alongside every other problem of
//! the file, instead of stopping deserialization at the first one.

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;
use toml::value::Datetime;

/// One article file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFile {
    pub article: Spanned<ArticleTable>,
    #[serde(default)]
    pub sources: BTreeMap<Spanned<String>, Spanned<SourceTable>>,
    #[serde(default)]
    pub claims: Vec<Spanned<ClaimTable>>,
}

/// `[article]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleTable {
    pub title: Spanned<String>,
    pub outlet: Spanned<String>,
    pub id: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub published: Option<Spanned<Datetime>>,
    pub language: Option<Spanned<String>>,
    pub byline: Option<Spanned<Strings>>,
    pub credited: Option<Spanned<Strings>>,
}

/// `[sources.ID]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceTable {
    pub name: Option<Spanned<String>>,
    pub anonymous: Option<Spanned<bool>>,
    pub description: Option<Spanned<String>>,
    pub reason: Option<Spanned<String>>,
    pub role: Option<Spanned<String>>,
    pub affiliation: Option<Spanned<String>>,
    pub country: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
}

/// `[[claims]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimTable {
    pub id: Spanned<String>,
    pub text: Spanned<String>,
    pub quote: Option<Spanned<String>>,
    pub source: Option<Spanned<String>>,
    pub via: Option<Spanned<Vec<Spanned<Route>>>>,
    pub said: Option<Spanned<Datetime>>,
    pub hedge: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub key: Option<Spanned<bool>>,
}

/// `outlets.toml`: outlet id to outlet.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct OutletsFile {
    pub outlets: BTreeMap<Spanned<String>, Spanned<OutletTable>>,
}

/// `[ID]` in `outlets.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletTable {
    pub name: Spanned<String>,
    pub kind: Option<Spanned<String>>,
    pub country: Option<Spanned<String>>,
    pub ownership: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
}

/// A route in `via`: one outlet id, or outlet ids ordered from the speaker outward.
#[derive(Debug)]
pub enum Route {
    Outlet(String),
    Chain(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for Route {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RouteVisitor;
        impl<'de> Visitor<'de> for RouteVisitor {
            type Value = Route;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an outlet id or an array of outlet ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Route, E> {
                Ok(Route::Outlet(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Route, A::Error> {
                let mut hops = Vec::new();
                while let Some(hop) = seq.next_element::<Spanned<String>>()? {
                    hops.push(hop);
                }
                Ok(Route::Chain(hops))
            }
        }
        d.deserialize_any(RouteVisitor)
    }
}

/// A string or a list of strings (`byline`, `credited`).
#[derive(Debug)]
pub struct Strings(pub Vec<String>);

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StringsVisitor;
        impl<'de> Visitor<'de> for StringsVisitor {
            type Value = Strings;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Strings, E> {
                Ok(Strings(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strings, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(Strings(items))
            }
        }
        d.deserialize_any(StringsVisitor)
    }
}

/// The keys each table allows, for "did you mean" on an unknown field.
pub const ARTICLE_FILE_KEYS: &[&str] = &["article", "sources", "claims"];
pub const ARTICLE_KEYS: &[&str] = &[
    "title",
    "outlet",
    "id",
    "url",
    "published",
    "language",
    "byline",
    "credited",
];
pub const SOURCE_KEYS: &[&str] = &[
    "name",
    "anonymous",
    "description",
    "reason",
    "role",
    "affiliation",
    "country",
    "kind",
];
pub const CLAIM_KEYS: &[&str] = &[
    "id", "text", "quote", "source", "via", "said", "hedge", "kind", "key",
];
pub const OUTLET_KEYS: &[&str] = &["name", "kind", "country", "ownership", "url"];

/// Parse an article file.
pub fn parse_article(text: &str) -> Result<ArticleFile, toml::de::Error> {
    toml::from_str(text)
}

/// Parse `outlets.toml`.
pub fn parse_outlets(text: &str) -> Result<OutletsFile, toml::de::Error> {
    toml::from_str(text)
}
