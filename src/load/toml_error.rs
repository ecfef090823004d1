//! Turning the TOML parser's and serde's errors into diagnostics: the code
//! (`syntax`, `unknown-field`, `missing-field`, `wrong-type`, ...), a message in
//! TOML's words rather than Rust's, a hint, and the located snippet.

use crate::diag::{Diagnostic, make};
use crate::lines::LineIndex;

/// Turn a TOML or serde error into a diagnostic of the right code: `syntax`
/// for the parse, otherwise a problem with the shape (unknown or missing
/// field, wrong type, value out of range).
pub(crate) fn toml_error(
    err: &toml::de::Error,
    src: &LineIndex,
    file: &str,
    syntax: bool,
) -> Diagnostic {
    let message = err.message().trim().to_string();
    let first_line = plain_types(message.lines().next().unwrap_or(""));
    let diag = if syntax && is_date_error(&first_line) {
        make::invalid_date_literal(&first_line)
    } else if syntax {
        make::syntax(&first_line)
    } else if let Some(rest) = first_line.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected = backticked(rest.get(field.len() + 1..).unwrap_or(""));
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        make::unknown_field(field, &expected)
    } else if let Some(rest) = first_line.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        make::missing_field(field, table_name_for(field))
    } else if first_line.starts_with("invalid length") && first_line.contains("expected a table") {
        // serde reads a struct from an array too, and then counts elements.
        make::wrong_type("array, expected a table", type_hint("expected a table", ""))
    } else if first_line == "datetime key not found"
        || first_line == "expected field with custom name"
    {
        // A table where a date belongs (toml_datetime's words).
        make::wrong_type(
            "table, expected a TOML datetime",
            Some("write a bare date, e.g. 2019-03-26".to_string()),
        )
    } else if first_line.starts_with("invalid value") {
        make::out_of_range(
            &first_line,
            "see the format table in the README for each field's range".to_string(),
        )
    } else if first_line.contains("invalid type") || first_line.contains("invalid value") {
        let key = key_before(src.text(), err.span().map_or(0, |s| s.start));
        make::wrong_type(&first_line, type_hint(&first_line, key.unwrap_or("said")))
    } else {
        make::syntax(&first_line)
    };
    let span = err.span().unwrap_or(0..0);
    diag.at(file, Some(src.snippet(span)))
}

/// How to write a value of the type `message` (serde's words, made plain)
/// says was expected; `key` is the field, for a date's example.
pub(super) fn type_hint(message: &str, key: &str) -> Option<String> {
    if message.contains("datetime") && message.contains("string") {
        Some(format!(
            "write the date without quotes, e.g. {key} = 2019-03-26"
        ))
    } else if message.contains("expected a boolean") {
        Some("write `true` or `false` without quotes".to_string())
    } else if message.contains("expected a string") {
        Some("put the value in double quotes".to_string())
    } else if message.contains("expected an array") {
        Some("an array is written in brackets: [\"a\", \"b\"]".to_string())
    } else if message.contains("expected a number") || message.contains("expected a whole number") {
        Some("write the number without quotes".to_string())
    } else {
        None
    }
}

/// The key whose value starts at `offset`: what stands before the `=` on
/// its line (`published` in `published = "2019-03-27"` or in
/// `article.published = "2019-03-27"`), if it is a plain key.
fn key_before(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let key = line.trim_end().strip_suffix('=')?.trim();
    // A dotted key (`article.published`) names its field last.
    let key = key.rsplit('.').next()?.trim();
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    plain.then_some(key)
}

/// Serde names the Rust type it expected (`expected u64`, `expected struct
/// ArticleTable`, `expected a sequence`); say it in TOML's words.
fn plain_types(message: &str) -> String {
    const STRUCT: &str = "expected struct ";
    let mut out = message.to_string();
    if let Some(at) = out.find(STRUCT) {
        let name = at + STRUCT.len();
        let name_end = out[name..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(out.len(), |i| name + i);
        out.replace_range(at..name_end, "expected a table");
    }
    out = out
        .replace("expected a sequence", "expected an array")
        .replace("expected a map", "expected a table");
    for (rust, words) in [
        ("f64", "a number"),
        ("f32", "a number"),
        ("u64", "a whole number, 0 or more"),
        ("u32", "a whole number, 0 or more"),
        ("usize", "a whole number, 0 or more"),
        ("i64", "a whole number"),
    ] {
        out = out.replace(&format!("expected {rust}"), &format!("expected {words}"));
    }
    out
}

/// The TOML parser checks date literals itself (`2019-02-30`, `2019-13-01`).
fn is_date_error(message: &str) -> bool {
    message.starts_with("invalid date")
        || message.starts_with("invalid time")
        || message.contains("expected day")
        || message.contains("expected month")
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, x)| x.to_string())
        .collect()
}

/// Where a missing field belongs, for the message.
pub(super) fn table_name_for(field: &str) -> &'static str {
    match field {
        "article" => "the file",
        "title" | "outlet" => "`[article]`",
        "id" | "text" => "a `[[claims]]` entry",
        "name" => "an outlet of outlets.toml",
        _ => "this table",
    }
}
