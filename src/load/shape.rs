//! The format's shape checked on the parsed TOML document, all at once.
//!
//! The typed parse (`raw`) is the fast path, and it stops at its first unknown
//! field, missing field or value of the wrong type. When it stops, this walk
//! goes over the spanned document (`toml::de::DeTable`) against the field
//! tables of `raw` and finds every such problem in the file. It also repairs a
//! copy of the document: what is unknown or mistyped is dropped, and a missing
//! or mistyped required text becomes an empty placeholder, so that the typed
//! parse, validation and the lints can go on over the rest of the file.
//!
//! A repair can cause findings of its own: a dropped `published` makes the
//! article undated, a dropped `source` makes a claim the outlet's own voice.
//! [`Taint`] remembers what was repaired so that no finding that only follows
//! from a repair is reported, the way `unknown-source` holds back what follows
//! from it.

use super::toml_error::{table_name_for, type_hint};
use crate::diag::{Code, Diagnostic, Group, closest, make};
use crate::raw::{Field, Shape};
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What the repairs touched.
#[derive(Debug, Default)]
pub(crate) struct Taint {
    /// Values dropped or replaced, and tables given a placeholder: any finding
    /// located inside one of these follows from the repair.
    spots: Vec<Range<usize>>,
    /// The text of tables with a repaired value: their sourcing findings
    /// follow from it.
    tables: Vec<Range<usize>>,
    /// The id spans of claims whose attribution is not what the file says,
    /// because a value of theirs, of the source they cite, or of the article
    /// (whose date orders the trail) was repaired.
    pub claims: Vec<Range<usize>>,
}

impl Taint {
    /// Whether a finding of `code` at `span` only follows from a repair.
    pub fn explains(&self, code: Code, span: &Range<usize>) -> bool {
        if matches!(
            code,
            Code::UnknownField | Code::MissingField | Code::WrongType
        ) {
            return false;
        }
        let inside = |r: &Range<usize>| r.start <= span.start && span.end <= r.end;
        self.spots.iter().any(inside)
            || (code.group() != Group::Format && self.tables.iter().any(inside))
    }
}

/// The outcome of the walk.
pub(crate) struct Checked<'i> {
    /// Every problem of shape, each with the span it points at.
    pub problems: Vec<(Diagnostic, Range<usize>)>,
    /// The document with every problem repaired, when it could be.
    pub repaired: Option<Spanned<DeTable<'i>>>,
    pub taint: Taint,
}

/// Check an article file's document against [`raw::ARTICLE_FILE_FIELDS`](crate::raw::ARTICLE_FILE_FIELDS).
pub(crate) fn check_article(doc: Spanned<DeTable<'_>>) -> Checked<'_> {
    let mut walk = Walk::default();
    let span = doc.span();
    let mut root = doc.into_inner();
    let whole = walk.table(
        &mut root,
        span.clone(),
        crate::raw::ARTICLE_FILE_FIELDS,
        Placeholder::No,
    );
    // Claims citing a source that was repaired, or any source when the
    // `[sources]` table itself was dropped.
    let sources_dropped = walk.sources_dropped;
    let article_repaired = whole.repaired_keys.contains("article");
    if let Some(claims) = root
        .iter_mut()
        .find(|(k, _)| k.get_ref() == "claims")
        .and_then(|(_, v)| match v.get_mut() {
            DeValue::Array(a) => Some(a),
            _ => None,
        })
    {
        for claim in claims.iter() {
            let DeValue::Table(t) = claim.get_ref() else {
                continue;
            };
            let id = entry(t, "id").map_or(claim.span(), Spanned::span);
            let source = entry(t, "source");
            let cites_repaired = source.is_some_and(|s| match s.get_ref() {
                DeValue::String(s) => walk.repaired_sources.contains(s.as_ref()),
                _ => false,
            });
            if let (true, Some(s)) = (sources_dropped, source) {
                walk.taint.spots.push(s.span());
            }
            if article_repaired
                || cites_repaired
                || sources_dropped
                || walk.repaired_claims.contains(&claim.span().start)
            {
                walk.taint.claims.push(id);
            }
        }
    }
    walk.finish(root, span)
}

/// Check `outlets.toml`'s document: a table of outlets keyed by id.
pub(crate) fn check_outlets(doc: Spanned<DeTable<'_>>) -> Checked<'_> {
    let mut walk = Walk::default();
    let span = doc.span();
    let mut root = doc.into_inner();
    walk.entries(&mut root, crate::raw::OUTLET_FIELDS, Placeholder::Table);
    walk.finish(root, span)
}

/// What to put in place of a mistyped value, if anything.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placeholder {
    /// Drop it.
    No,
    /// An empty table, its required fields filled in: an outlet or source
    /// whose id other tables cite.
    Table,
    /// Filling a placeholder table: its required fields are added silently.
    Silent,
}

#[derive(Default)]
struct Walk {
    problems: Vec<(Diagnostic, Range<usize>)>,
    taint: Taint,
    /// A required value that cannot be stood in for is missing or mistyped.
    fatal: bool,
    /// Sources (by id) with a repaired value.
    repaired_sources: HashSet<String>,
    /// Whether `sources` was not a table.
    sources_dropped: bool,
    /// Claims (by the start of their span) with a repaired value.
    repaired_claims: HashSet<usize>,
}

/// What a table's walk found.
#[derive(Default)]
struct TableOutcome {
    repaired_keys: HashSet<String>,
}

/// What a value's walk decided.
enum Verdict {
    Keep,
    /// Kept, but something inside was repaired.
    Repaired,
    Drop,
}

fn entry<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == key)
        .map(|(_, v)| v)
}

impl Walk {
    fn finish<'i>(mut self, root: DeTable<'i>, span: Range<usize>) -> Checked<'i> {
        self.problems.sort_by_key(|(_, s)| (s.start, s.end));
        Checked {
            problems: self.problems,
            repaired: (!self.fatal).then(|| Spanned::new(span, root)),
            taint: self.taint,
        }
    }

    fn wrong_type(&mut self, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        let message = format!(
            "invalid type: {}, expected {expected}",
            unexpected(value.get_ref())
        );
        let hint = type_hint(&message, key);
        self.problems
            .push((make::wrong_type(&message, hint), value.span()));
    }

    /// Walk a table with `fields`; `span` is the table's own (its header).
    fn table(
        &mut self,
        table: &mut DeTable<'_>,
        span: Range<usize>,
        fields: &'static [Field],
        placeholder: Placeholder,
    ) -> TableOutcome {
        let keys: Vec<&str> = fields.iter().map(|f| f.key).collect();
        let mut outcome = TableOutcome::default();
        let mut extent = span.clone();
        let mut dropped: Vec<(String, Range<usize>)> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        let mut placeholders = false;
        for (key, value) in table.iter_mut() {
            extent.start = extent.start.min(key.span().start);
            extent.end = extent.end.max(value.span().end);
            let name = key.get_ref().as_ref();
            let Some(field) = fields.iter().find(|f| f.key == name) else {
                self.problems
                    .push((make::unknown_field(name, &keys), key.span()));
                dropped.push((name.to_string(), key.span()));
                unknown.push(name.to_string());
                continue;
            };
            match self.value(field, value) {
                Verdict::Keep => {}
                Verdict::Repaired => {
                    outcome.repaired_keys.insert(name.to_string());
                }
                Verdict::Drop => {
                    outcome.repaired_keys.insert(name.to_string());
                    self.taint.spots.push(value.span());
                    dropped.push((name.to_string(), value.span()));
                }
            }
        }
        if !dropped.is_empty() {
            let all = std::mem::take(table);
            for (k, v) in all {
                if !dropped.iter().any(|(d, _)| d == k.get_ref().as_ref()) {
                    table.insert(k, v);
                }
            }
        }
        for field in fields.iter().filter(|f| f.required) {
            if table.iter().any(|(k, _)| k.get_ref() == field.key) {
                continue;
            }
            // A mistyped value is stood in for where it was; a missing one at
            // the table's header.
            let at = dropped
                .iter()
                .find(|(d, _)| d == field.key)
                .map(|(_, s)| s.clone());
            // `titel` for `title`: the unknown field's "did you mean" says it.
            let misspelt = unknown
                .iter()
                .any(|u| closest(u, keys.iter().copied()) == Some(field.key));
            if at.is_none() && placeholder != Placeholder::Silent && !misspelt {
                self.problems.push((
                    make::missing_field(field.key, table_name_for(field.key)),
                    span.clone(),
                ));
            }
            let at = at.unwrap_or_else(|| span.clone());
            placeholders = true;
            match field.shape {
                Shape::Str => {
                    self.taint.spots.push(at.clone());
                    table.insert(
                        Spanned::new(at.clone(), Cow::Borrowed(field.key)),
                        Spanned::new(at, DeValue::String(Cow::Borrowed(""))),
                    );
                }
                _ => self.fatal = true,
            }
            outcome.repaired_keys.insert(field.key.to_string());
        }
        // Only a value dropped or stood in for here taints this table's
        // findings; a repair inside a nested table taints that table.
        if !dropped.is_empty() || placeholders {
            self.taint.tables.push(extent);
        }
        outcome
    }

    /// Walk the entries of a table of tables (`[sources]`, `outlets.toml`).
    fn entries(
        &mut self,
        table: &mut DeTable<'_>,
        fields: &'static [Field],
        placeholder: Placeholder,
    ) -> bool {
        let mut repaired = false;
        for (key, value) in table.iter_mut() {
            let is_table = matches!(value.get_ref(), DeValue::Table(_));
            let span = value.span();
            if !is_table {
                self.wrong_type(key.get_ref(), value, "a table");
                // What is found at the id (a source without a name) follows too.
                self.taint.spots.push(span.clone());
                self.taint.spots.push(key.span());
                *value = Spanned::new(span.clone(), DeValue::Table(DeTable::new()));
            }
            let DeValue::Table(inner) = value.get_mut() else {
                continue;
            };
            let mode = if is_table {
                Placeholder::No
            } else {
                debug_assert!(placeholder == Placeholder::Table);
                Placeholder::Silent
            };
            let outcome = self.table(inner, span, fields, mode);
            if !is_table || !outcome.repaired_keys.is_empty() {
                self.repaired_sources.insert(key.get_ref().to_string());
                repaired = true;
            }
        }
        repaired
    }

    fn value(&mut self, field: &Field, value: &mut Spanned<DeValue<'_>>) -> Verdict {
        let key = field.key;
        let ok = |v: &DeValue| -> bool {
            match field.shape {
                Shape::Str => matches!(v, DeValue::String(_)),
                Shape::Bool => matches!(v, DeValue::Boolean(_)),
                Shape::Date => matches!(v, DeValue::Datetime(_)),
                Shape::Strings => matches!(v, DeValue::String(_) | DeValue::Array(_)),
                Shape::StrList | Shape::Routes | Shape::TableList(_) => {
                    matches!(v, DeValue::Array(_))
                }
                Shape::Table(_) | Shape::TableMap(_) => matches!(v, DeValue::Table(_)),
            }
        };
        if !ok(value.get_ref()) {
            let expected = match field.shape {
                Shape::Str => "a string",
                Shape::Bool => "a boolean",
                Shape::Date => "a TOML datetime",
                Shape::Strings => "a string or an array of strings",
                Shape::StrList | Shape::Routes | Shape::TableList(_) => "an array",
                Shape::Table(_) | Shape::TableMap(_) => "a table",
            };
            self.wrong_type(key, value, expected);
            if matches!(field.shape, Shape::TableMap(_)) {
                self.sources_dropped = true;
            }
            if matches!(field.shape, Shape::Table(_)) {
                self.fatal = true;
            }
            return Verdict::Drop;
        }
        let span = value.span();
        match (field.shape, value.get_mut()) {
            (Shape::Strings | Shape::StrList, DeValue::Array(items)) => {
                let before = self.problems.len();
                for item in items.iter() {
                    if !matches!(item.get_ref(), DeValue::String(_)) {
                        self.wrong_type(key, item, "a string");
                    }
                }
                if self.problems.len() > before {
                    return Verdict::Drop;
                }
                Verdict::Keep
            }
            (Shape::Routes, DeValue::Array(routes)) => {
                let before = self.problems.len();
                for route in routes.iter() {
                    match route.get_ref() {
                        DeValue::String(_) => {}
                        DeValue::Array(hops) => {
                            for hop in hops.iter() {
                                if !matches!(hop.get_ref(), DeValue::String(_)) {
                                    self.wrong_type(key, hop, "a string");
                                }
                            }
                        }
                        _ => self.wrong_type(key, route, "an outlet id or an array of outlet ids"),
                    }
                }
                if self.problems.len() > before {
                    return Verdict::Drop;
                }
                Verdict::Keep
            }
            (Shape::Table(fields), DeValue::Table(table)) => {
                let outcome = self.table(table, span, fields, Placeholder::No);
                if outcome.repaired_keys.is_empty() {
                    Verdict::Keep
                } else {
                    Verdict::Repaired
                }
            }
            (Shape::TableMap(fields), DeValue::Table(table)) => {
                if self.entries(table, fields, Placeholder::Table) {
                    Verdict::Repaired
                } else {
                    Verdict::Keep
                }
            }
            (Shape::TableList(fields), DeValue::Array(items)) => {
                let mut repaired = false;
                let mut bad = Vec::new();
                for (i, item) in items.iter_mut().enumerate() {
                    let item_span = item.span();
                    match item.get_mut() {
                        DeValue::Table(table) => {
                            let outcome =
                                self.table(table, item_span.clone(), fields, Placeholder::No);
                            if !outcome.repaired_keys.is_empty() {
                                self.repaired_claims.insert(item_span.start);
                                repaired = true;
                            }
                        }
                        _ => bad.push(i),
                    }
                }
                if !bad.is_empty() {
                    for &i in &bad {
                        self.wrong_type(key, &items[i], "a table");
                        self.taint.spots.push(items[i].span());
                    }
                    let mut kept = toml::de::DeArray::new();
                    for (i, item) in items.iter().enumerate() {
                        if !bad.contains(&i) {
                            kept.push(item.clone());
                        }
                    }
                    *items = kept;
                    repaired = true;
                }
                if repaired {
                    Verdict::Repaired
                } else {
                    Verdict::Keep
                }
            }
            _ => Verdict::Keep,
        }
    }
}

/// A value as a type error names it: `string "x"`, `integer `3``.
fn unexpected(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("string {:?}", s.as_ref()),
        DeValue::Integer(i) => format!("integer `{}`", i.as_str()),
        DeValue::Float(f) => format!("floating point `{}`", f.as_str()),
        DeValue::Boolean(b) => format!("boolean `{b}`"),
        DeValue::Datetime(d) => format!("datetime `{d}`"),
        DeValue::Array(_) => "array".to_string(),
        DeValue::Table(_) => "table".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::{
        ARTICLE_FIELDS, ARTICLE_FILE_FIELDS, CLAIM_FIELDS, OUTLET_FIELDS, SOURCE_FIELDS,
    };
    use crate::schema::{SchemaKind, schema};
    use serde::Deserialize;
    use serde_json::Value;

    const ARTICLE: &str = r#"[article]
title = "Example"
outlet = "example-daily"
published = 2019-03-27
byline = ["A", "B"]

[sources.official]
name = "Jane Doe"
anonymous = false

[[claims]]
id = "c1"
text = "Something happened."
source = "official"
via = ["reuters", ["tass", "sputnik"]]
said = 2019-03-26
key = true
"#;

    /// The keys, required keys and TOML types of each table, as the schema
    /// derived from the `raw` types gives them.
    fn from_schema(kind: SchemaKind) -> Vec<(String, Vec<String>, Vec<String>, Value)> {
        let s = schema(kind);
        let mut tables = vec![("root".to_string(), s.clone())];
        for (name, def) in s["definitions"].as_object().unwrap() {
            tables.push((name.clone(), def.clone()));
        }
        tables
            .into_iter()
            .filter(|(_, t)| t.get("properties").is_some())
            .map(|(name, t)| {
                let keys = t["properties"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect();
                let required = t["required"]
                    .as_array()
                    .map(|r| r.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                    .unwrap_or_default();
                (name, keys, required, t["properties"].clone())
            })
            .collect()
    }

    fn sorted(fields: &[Field], required_only: bool) -> Vec<String> {
        let mut keys: Vec<String> = fields
            .iter()
            .filter(|f| !required_only || f.required)
            .map(|f| f.key.to_string())
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn field_tables_are_the_schemas_tables() {
        let tables = from_schema(SchemaKind::Article);
        let expect = [
            ("root", ARTICLE_FILE_FIELDS),
            ("ArticleTable", ARTICLE_FIELDS),
            ("SourceTable", SOURCE_FIELDS),
            ("ClaimTable", CLAIM_FIELDS),
        ];
        for (name, fields) in expect {
            let (_, keys, required, props) = tables
                .iter()
                .find(|(n, ..)| n == name)
                .unwrap_or_else(|| panic!("{name} is not in the schema"));
            assert_eq!(&sorted(fields, false), keys, "{name}");
            let mut required = required.clone();
            required.sort();
            assert_eq!(sorted(fields, true), required, "{name}");
            // Strings are strings and booleans booleans in both.
            for f in fields {
                let ty = props[f.key]["type"].as_str().or_else(|| {
                    props[f.key]["type"]
                        .as_array()
                        .and_then(|a| a.iter().find(|t| *t != "null")?.as_str())
                });
                // (An enumerated string refers to its values instead.)
                match (f.shape, ty) {
                    (_, None) => {}
                    (Shape::Str, _) => assert_eq!(ty, Some("string"), "{name}.{}", f.key),
                    (Shape::Bool, _) => assert_eq!(ty, Some("boolean"), "{name}.{}", f.key),
                    (Shape::Table(_) | Shape::TableMap(_), _) => {
                        assert_eq!(ty, Some("object"), "{name}.{}", f.key)
                    }
                    (Shape::TableList(_) | Shape::StrList | Shape::Routes, _) => {
                        assert_eq!(ty, Some("array"), "{name}.{}", f.key)
                    }
                    _ => {}
                }
            }
        }
        let outlets = from_schema(SchemaKind::Outlets);
        let (_, keys, required, _) = outlets
            .iter()
            .find(|(n, ..)| n == "OutletTable")
            .expect("OutletTable");
        assert_eq!(&sorted(OUTLET_FIELDS, false), keys);
        let mut required = required.clone();
        required.sort();
        assert_eq!(sorted(OUTLET_FIELDS, true), required);
    }

    /// Each value line of `base` replaced by each kind of TOML value, each
    /// line dropped, and an unknown key put after each line.
    fn mutants(base: &str) -> Vec<String> {
        let values = [
            "3",
            "1.5",
            "\"s\"",
            "true",
            "2019-03-27",
            "12:00:00",
            "[]",
            "[1]",
            "[\"a\"]",
            "[[\"a\", 2]]",
            "[[\"a\"], \"b\"]",
            "{}",
            "{ name = \"x\" }",
        ];
        let lines: Vec<&str> = base.lines().collect();
        let mut out = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let mut with = |new: Option<String>| {
                let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
                match new {
                    Some(n) => l[i] = n,
                    None => {
                        l.remove(i);
                    }
                }
                out.push(l.join("\n") + "\n");
            };
            if let Some((key, _)) = line.split_once(" = ") {
                for v in values {
                    with(Some(format!("{key} = {v}")));
                }
                with(None);
            }
            if line.starts_with('[') {
                // The table's header as a value instead.
                let name = line.trim_matches(|c| c == '[' || c == ']');
                if !name.contains('.') {
                    with(Some(format!("{name} = 3")));
                }
            }
            with(Some(format!("{line}\ncolour = 1")));
        }
        out
    }

    fn first_problem_of_serde<T: serde::de::DeserializeOwned>(
        text: &str,
    ) -> Option<(String, Range<usize>)> {
        let de = toml::de::Deserializer::parse(text).ok()?;
        let err = T::deserialize(de).err()?;
        let src = crate::lines::LineIndex::new(text);
        let d = super::super::toml_error(&err, &src, "a.toml", false);
        let code = format!("{} ({})", d.code.as_str(), err.message());
        Some((code, err.span().unwrap_or(0..0)))
    }

    /// The walk agrees with serde on every mutant: it finds nothing where the
    /// typed parse succeeds, and where it fails, the walk reports serde's
    /// problem (its code, and where it points or the value holding that
    /// place) among its own.
    fn agrees_with_serde<T: serde::de::DeserializeOwned>(
        base: &str,
        check: fn(Spanned<DeTable<'_>>) -> Checked<'_>,
    ) -> usize {
        let mut failing = 0;
        for text in mutants(base) {
            let Ok(doc) = DeTable::parse(&text) else {
                continue;
            };
            let checked = check(doc);
            match first_problem_of_serde::<T>(&text) {
                None => assert!(
                    checked.problems.is_empty(),
                    "serde takes this, the walk does not:\n{text}\n{:?}",
                    checked.problems
                ),
                Some((code, span)) => {
                    failing += 1;
                    let found = checked.problems.iter().any(|(d, s)| {
                        code.starts_with(&format!("{} (", d.code.as_str()))
                            && (s.start == span.start
                                || (s.start <= span.start && span.start < s.end))
                    });
                    assert!(
                        found,
                        "serde's {code} at {span:?} is not among the walk's problems:\n{text}\n{:?}",
                        checked
                            .problems
                            .iter()
                            .map(|(d, s)| (d.code.as_str(), s.clone()))
                            .collect::<Vec<_>>()
                    );
                    // When it repairs, the repaired document is one serde takes.
                    if let Some(doc) = checked.repaired {
                        T::deserialize(toml::de::Deserializer::from(doc))
                            .unwrap_or_else(|e| panic!("repaired, still refused: {e}\n{text}"));
                    }
                }
            }
        }
        failing
    }

    #[test]
    fn the_walk_finds_what_serde_finds_in_every_mutant_of_an_article() {
        let failing = agrees_with_serde::<crate::raw::ArticleFile>(ARTICLE, check_article);
        assert!(failing > 150, "only {failing} mutants failed to parse");
    }

    #[test]
    fn the_walk_finds_what_serde_finds_in_every_mutant_of_a_registry() {
        let outlets = "[reuters]\nname = \"Reuters\"\nkind = \"wire\"\ncountry = \"GB\"\n\
                       ownership = \"private\"\nurl = \"https://x\"\naliases = [\"R\"]\n";
        let failing = agrees_with_serde::<crate::raw::OutletsFile>(outlets, check_outlets);
        assert!(failing > 50, "only {failing} mutants failed to parse");
    }

    #[test]
    fn three_problems_are_three_diagnostics_and_the_rest_is_repaired() {
        let text = ARTICLE
            .replace("published = 2019-03-27", "published = \"2019-03-27\"")
            .replace("said = 2019-03-26", "said = \"2019-03-26\"")
            .replace("key = true", "key = \"true\"");
        let checked = check_article(DeTable::parse(&text).unwrap());
        let found: Vec<(&str, &str)> = checked
            .problems
            .iter()
            .map(|(d, s)| (d.code.as_str(), &text[s.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                ("wrong-type", "\"2019-03-27\""),
                ("wrong-type", "\"2019-03-26\""),
                ("wrong-type", "\"true\""),
            ]
        );
        let doc = checked.repaired.expect("repaired");
        let file = crate::raw::ArticleFile::deserialize(toml::de::Deserializer::from(doc)).unwrap();
        let article = file.article.get_ref();
        assert!(article.published.is_none());
        assert_eq!(article.title.get_ref(), "Example");
        let claim = file.claims[0].get_ref();
        assert!(claim.said.is_none() && claim.key.is_none());
        assert_eq!(claim.source.as_ref().unwrap().get_ref(), "official");
        // The article's date was repaired: its one claim is held out of trails.
        assert_eq!(checked.taint.claims.len(), 1);
    }

    #[test]
    fn a_misspelt_required_key_is_one_problem() {
        let text = ARTICLE.replace("title =", "titel =");
        let checked = check_article(DeTable::parse(&text).unwrap());
        let codes: Vec<&str> = checked
            .problems
            .iter()
            .map(|(d, _)| d.code.as_str())
            .collect();
        assert_eq!(codes, ["unknown-field"]);
        assert!(checked.repaired.is_some());
    }

    #[test]
    fn what_follows_from_a_repair_is_explained_and_nothing_else() {
        let text = ARTICLE.replace("anonymous = false", "anonymous = \"no\"");
        let checked = check_article(DeTable::parse(&text).unwrap());
        let at = text.find("\"no\"").unwrap();
        let t = &checked.taint;
        assert!(t.explains(Code::EmptyValue, &(at..at + 4)));
        assert!(!t.explains(Code::WrongType, &(at..at + 4)));
        // A lint anywhere in the source's table follows from it; a format
        // problem elsewhere in that table does not.
        let name = text.find("Jane Doe").unwrap();
        assert!(
            t.explains(Code::UnnamedSource, &(name..name + 8))
                == (Code::UnnamedSource.group() != Group::Format)
        );
        assert!(!t.explains(Code::UnknownSource, &(name..name + 8)));
        // The claim citing the repaired source is held out.
        assert_eq!(t.claims.len(), 1);
        let title = text.find("Example").unwrap();
        assert!(!t.explains(Code::UndatedArticle, &(title..title + 7)));
    }
}
