//! Where the cursor is in an annotation file, read from the text alone so it
//! works on a half-typed buffer that does not parse: the table it is in, the
//! key whose value it is in (across the lines of a multi-line `via = [...]`),
//! and the string literal under it. Completion, hover, navigation and code
//! actions all start here.

/// The table a line belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Table {
    /// Above the first header.
    Top,
    Article,
    /// `[sources.ID]`.
    Source(String),
    /// `[[claims]]`: the index of the claim in the file.
    Claim(usize),
    /// `[ID]` in `outlets.toml`, or any other header.
    Other(Vec<String>),
}

/// A table header line: its dotted key, and whether it is `[[...]]`.
pub fn parse_header(line: &str) -> Option<(Vec<String>, bool)> {
    let t = line.trim_start();
    let (rest, array) = match t.strip_prefix("[[") {
        Some(r) => (r, true),
        None => (t.strip_prefix('[')?, false),
    };
    let (keys, rest) = parse_dotted(rest)?;
    let rest = rest.trim_start();
    let rest = if array {
        rest.strip_prefix("]]")?
    } else {
        rest.strip_prefix(']')?
    };
    let rest = rest.trim_start();
    (rest.is_empty() || rest.starts_with('#')).then_some((keys, array))
}

fn parse_dotted(mut s: &str) -> Option<(Vec<String>, &str)> {
    let mut keys = Vec::new();
    loop {
        s = s.trim_start();
        let (key, rest) = parse_key(s)?;
        keys.push(key);
        let r = rest.trim_start();
        match r.strip_prefix('.') {
            Some(r) => s = r,
            None => return Some((keys, rest)),
        }
    }
}

/// One key, bare or quoted, and the text after it.
fn parse_key(s: &str) -> Option<(String, &str)> {
    if let Some(r) = s.strip_prefix('"') {
        let end = closing_quote(r, '"')?;
        let key = toml::from_str::<toml::Table>(&format!("k = \"{}\"", &r[..end]))
            .ok()
            .and_then(|t| t.get("k").and_then(|v| v.as_str().map(String::from)))
            .unwrap_or_else(|| r[..end].to_string());
        return Some((key, &r[end + 1..]));
    }
    if let Some(r) = s.strip_prefix('\'') {
        let end = r.find('\'')?;
        return Some((r[..end].to_string(), &r[end + 1..]));
    }
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(s.len());
    (end > 0).then(|| (s[..end].to_string(), &s[end..]))
}

/// The byte index of the quote closing a basic string whose text starts
/// `s` (escapes skipped).
fn closing_quote(s: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' && quote == '"' {
            escaped = true;
        } else if c == quote {
            return Some(i);
        }
    }
    None
}

/// `key =` at the start of a line: the key and the byte offset just after `=`.
pub fn key_of_line(line: &str) -> Option<(String, usize)> {
    let (keys, rest) = parse_dotted(line.trim_start())?;
    let rest_trim = rest.trim_start();
    let after = rest_trim.strip_prefix('=')?;
    let eq_end = line.len() - after.len();
    Some((keys.join("."), eq_end))
}

/// A string literal under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringAt {
    /// Byte range of its contents (without quotes) in the file.
    pub content: std::ops::Range<usize>,
    /// Whether the closing quote is there.
    pub closed: bool,
}

/// What the cursor is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub table: Table,
    /// The line of the table's header (0 above the first).
    pub table_line: usize,
    /// The key whose value the cursor is in.
    pub key: Option<String>,
    /// Array nesting at the cursor within that value.
    pub depth: usize,
    pub string: Option<StringAt>,
    /// The cursor is where a key is written: the line holds nothing but
    /// key characters before it. The partial key is `key_prefix`.
    pub at_key: bool,
    pub key_prefix: String,
}

/// The lines of `text` with their start offsets.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        out.push((start, line.strip_suffix('\r').unwrap_or(line)));
        start += line.len() + 1;
    }
    out
}

/// The table that line `at` (0-based) belongs to, and its header's line.
pub fn table_at(text: &str, at: usize) -> (Table, usize) {
    let all = lines(text);
    let mut table = Table::Top;
    let mut header = 0;
    let mut claims = 0usize;
    let mut in_multiline = false;
    for (i, (_, line)) in all.iter().enumerate().take(at + 1) {
        if line.matches("\"\"\"").count() % 2 == 1 {
            in_multiline = !in_multiline;
            continue;
        }
        if in_multiline {
            continue;
        }
        if let Some((keys, array)) = parse_header(line) {
            header = i;
            table = match (keys.as_slice(), array) {
                ([a], false) if a == "article" => Table::Article,
                ([s, id], false) if s == "sources" => Table::Source(id.clone()),
                ([c], true) if c == "claims" => {
                    claims += 1;
                    Table::Claim(claims - 1)
                }
                _ => Table::Other(keys),
            };
        }
    }
    (table, header)
}

/// Read the cursor's place at byte `offset` of `text`.
pub fn at(text: &str, offset: usize) -> Cursor {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let all = lines(text);
    let line_no = all.partition_point(|&(s, _)| s <= offset).max(1) - 1;
    let (table, table_line) = table_at(text, line_no);
    let (line_start, line) = all[line_no];
    let before = &line[..(offset - line_start).min(line.len())];
    let mut cursor = Cursor {
        table,
        table_line,
        key: None,
        depth: 0,
        string: None,
        at_key: false,
        key_prefix: String::new(),
    };
    // The statement the cursor is in starts on the nearest line above with
    // `key =`, no higher than the table's header.
    let first = if line_no >= table_line { table_line } else { 0 };
    let start = (first..=line_no)
        .rev()
        .find(|&i| parse_header(all[i].1).is_none() && key_of_line(all[i].1).is_some());
    if let Some(start) = start {
        let (key, eq) = key_of_line(all[start].1).unwrap_or_default();
        let from = all[start].0 + eq;
        if let Some((depth, string)) = scan_value(text, from, offset, start == line_no) {
            cursor.key = Some(key);
            cursor.depth = depth;
            cursor.string = string;
            return cursor;
        }
    }
    let t = before.trim_start();
    if t.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !line.trim_start().starts_with('[')
    {
        cursor.at_key = true;
        cursor.key_prefix = t.to_string();
    }
    cursor
}

/// Scan a value from `from` (just after `=`) to `to`: the array depth and
/// the string the cursor is in, or `None` when the value ended before `to`
/// (and `to` is on a later line than the key).
fn scan_value(
    text: &str,
    from: usize,
    to: usize,
    same_line: bool,
) -> Option<(usize, Option<StringAt>)> {
    let s = &text[from..to];
    let mut depth: usize = 0;
    let mut in_str: Option<(char, usize)> = None;
    let mut escaped = false;
    let mut ended = false;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if let Some((q, _)) = in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                in_str = None;
                if depth == 0 {
                    ended = true;
                }
            } else if c == '\n' {
                in_str = None;
                ended = depth == 0;
            }
            continue;
        }
        match c {
            '"' | '\'' => in_str = Some((c, from + i + 1)),
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    ended = true;
                }
            }
            '#' => {
                // A comment runs to the line's end.
                for (_, c) in it.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                if depth == 0 {
                    ended = true;
                }
            }
            '\n' if depth == 0 => ended = true,
            _ => {}
        }
    }
    if ended && in_str.is_none() && depth == 0 {
        // A closed value: on its own line the key still applies; below it,
        // the cursor is past it.
        return same_line.then_some((0, None));
    }
    let string = in_str.map(|(q, start)| {
        let rest = &text[to..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let close = closing_quote(&rest[..line_end], q);
        StringAt {
            content: start..to + close.unwrap_or(line_end),
            closed: close.is_some(),
        }
    });
    Some((depth, string))
}

/// The value of `key = "..."` on a line of the table starting at header
/// line `header`, read by the TOML parser from that line alone.
pub fn string_in_table(text: &str, header: usize, key: &str) -> Option<String> {
    let all = lines(text);
    for (i, (_, line)) in all.iter().enumerate().skip(header) {
        if i > header && parse_header(line).is_some() {
            break;
        }
        if key_of_line(line).is_some_and(|(k, _)| k == key) {
            let table: toml::Table = toml::from_str(line.trim()).ok()?;
            return table.get(key)?.as_str().map(String::from);
        }
    }
    None
}

/// The keys already written in the table starting at header line `header`.
pub fn keys_in_table(text: &str, header: usize) -> Vec<String> {
    let all = lines(text);
    let mut keys = Vec::new();
    for (i, (_, line)) in all.iter().enumerate().skip(header) {
        if i > header && parse_header(line).is_some() {
            break;
        }
        if let Some((k, _)) = key_of_line(line) {
            keys.push(k);
        }
    }
    keys
}

/// The line of every header `[[claims]]`, in order.
pub fn claim_headers(text: &str) -> Vec<usize> {
    lines(text)
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| parse_header(l).is_some_and(|(k, a)| a && k == ["claims"]))
        .map(|(i, _)| i)
        .collect()
}

/// The line of `[sources.ID]`, if there is one.
pub fn source_header(text: &str, id: &str) -> Option<usize> {
    lines(text)
        .iter()
        .position(|(_, l)| parse_header(l).is_some_and(|(k, a)| !a && k == ["sources", id]))
}

/// The line of `[ID]` in an outlet registry.
pub fn outlet_header(text: &str, id: &str) -> Option<usize> {
    lines(text)
        .iter()
        .position(|(_, l)| parse_header(l).is_some_and(|(k, a)| !a && k == [id]))
}

/// Every string literal in the values of `keys` (any table), with the byte
/// range of its contents, from the text alone: where a source or an outlet
/// id is used.
pub fn strings_of_keys(text: &str, keys: &[&str]) -> Vec<(String, String, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    let all = lines(text);
    let mut current: Option<String> = None;
    let mut depth = 0usize;
    for (start, line) in all {
        let mut from = 0;
        if depth == 0 {
            current = None;
            if let Some((k, eq)) = key_of_line(line)
                && parse_header(line).is_none()
            {
                if keys.contains(&k.as_str()) {
                    current = Some(k);
                }
                from = eq;
            }
        }
        let bytes = line.as_bytes();
        let mut i = from;
        while i < bytes.len() {
            match bytes[i] {
                b'#' => break,
                b'[' => depth += 1,
                b']' => depth = depth.saturating_sub(1),
                q @ (b'"' | b'\'') => {
                    let rest = &line[i + 1..];
                    let Some(end) = closing_quote(rest, q as char) else {
                        break;
                    };
                    if let Some(k) = &current {
                        found.push((
                            k.clone(),
                            rest[..end].to_string(),
                            start + i + 1..start + i + 1 + end,
                        ));
                    }
                    i += end + 2;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[article]\ntitle = \"T\"\noutlet = \"reu\"\n\n[sources.us-official]\nanonymous = true\n\n[[claims]]\nid = \"a\"\ntext = \"Hello\"\nsource = \"us-\"\nvia = [\n  [\"interfax\", \"re\n";

    #[test]
    fn reads_table_key_and_string() {
        let at_end = |needle: &str| TEXT.find(needle).unwrap() + needle.len();
        let c = at(TEXT, at_end("outlet = \"re"));
        assert_eq!(c.table, Table::Article);
        assert_eq!(c.key.as_deref(), Some("outlet"));
        assert_eq!(&TEXT[c.string.unwrap().content], "reu");
        let c = at(TEXT, at_end("source = \"us-"));
        assert_eq!(c.table, Table::Claim(0));
        assert_eq!(c.key.as_deref(), Some("source"));
        // Inside a nested route on a later line of `via`.
        let c = at(TEXT, TEXT.len() - 1);
        assert_eq!(c.key.as_deref(), Some("via"));
        assert_eq!(c.depth, 2);
        assert_eq!(&TEXT[c.string.clone().unwrap().content], "re");
        assert!(!c.string.unwrap().closed);
        // The start of a line in a table is where a key goes.
        let c = at(TEXT, at_end("anonymous = true\n"));
        assert_eq!(c.table, Table::Source("us-official".into()));
        assert!(c.at_key);
        assert_eq!(c.key, None);
    }

    #[test]
    fn finds_uses_of_ids() {
        let uses = strings_of_keys(TEXT, &["outlet", "via"]);
        let ids: Vec<&str> = uses.iter().map(|u| u.1.as_str()).collect();
        assert_eq!(ids, ["reu", "interfax"]);
        assert_eq!(&TEXT[uses[1].2.clone()], "interfax");
        assert_eq!(string_in_table(TEXT, 7, "text").as_deref(), Some("Hello"));
        assert_eq!(source_header(TEXT, "us-official"), Some(4));
        assert_eq!(claim_headers(TEXT), [7]);
    }
}
