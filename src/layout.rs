//! The layout of annotation files, as `claimtrail fmt` writes it: text in,
//! text out, no I/O. Keys within a table in the order of the format's
//! documentation, tables in the order `[article]`, `[sources.*]`, `[[claims]]`,
//! one blank line between tables, `key = value` with single spaces, strings in
//! double quotes. Every comment is kept: a comment above a key moves with the
//! key, a comment above a table header moves with the table, a comment after
//! a value stays after it. Comment lines right under a table's last key,
//! followed by a blank line, close that table and move with it too; those at
//! the end of the file stay there. The `#:` directive lines that open a file
//! (Taplo's `#:schema`) stay its first lines.
//!
//! Formatting changes layout only. Whether the data is the same before and
//! after is checked by the caller, which refuses to write otherwise.

use crate::raw;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Key, Table, Value};

/// Which kind of file is being formatted; they differ in key order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// An article file.
    Article,
    /// `outlets.toml`.
    Outlets,
}

impl FileKind {
    /// `outlets.toml` is the registry; any other file is an article.
    pub fn of(path: &std::path::Path) -> FileKind {
        if path
            .file_name()
            .is_some_and(|n| n == crate::corpus::REGISTRY_FILE)
        {
            FileKind::Outlets
        } else {
            FileKind::Article
        }
    }
}

/// A file `fmt` cannot lay out: it is not TOML.
#[derive(Debug)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Lay out a file. Formatting a formatted file gives the same text.
pub fn format(text: &str, kind: FileKind) -> Result<String, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| ParseError(e.message().to_string()))?;
    let root = doc.as_table_mut();
    requote_all_keys(root);
    // The file's opening comment stays at the top whichever table comes first,
    // and a comment closing a table stays under it wherever it goes.
    let header = take_file_header(root);
    let closing = take_closing_comments(root);
    match kind {
        FileKind::Article => order_article(root),
        FileKind::Outlets => order_outlets(root),
    }
    let closing_the_file = put_closing_comments(root, closing);
    if let Some(header) = header
        && let Some(first) = first_header_position(root).and_then(|p| table_at(root, p))
    {
        // Blank lines that parted it from the table above it part it from
        // nothing now.
        let own = raw_str(first.decor().prefix());
        let own = own.trim_start_matches(char::is_whitespace);
        first.decor_mut().set_prefix(format!("{header}{own}"));
    }
    let root_has_values = has_values(root);
    let first = first_header_position(root);
    normalize_body(root, &mut |t| !root_has_values && t.position() == first);
    let trailing = doc.trailing().as_str().unwrap_or("");
    let trailing = format!("{closing_the_file}{trailing}");
    doc.set_trailing(block(&trailing, Blank::Keep, false));
    let crlf = first_break_is_crlf(text);
    if crlf {
        crlf_strings_in(doc.as_table_mut());
    }
    let mut out = doc.to_string();
    while out.ends_with("\n\n") {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(if crlf { to_crlf(&out) } else { out })
}

/// The file's line endings are CR LF: its first line break is. The layout is
/// made with line feeds and turned to CR LF at the end ([`to_crlf`]).
fn first_break_is_crlf(text: &str) -> bool {
    text.find('\n').is_some_and(|i| text[..i].ends_with('\r'))
}

/// Every line feed not already after a carriage return made CR LF: the
/// layout's own line breaks, in a file whose line endings are CR LF. The
/// only carriage returns left in the layout are those of the CR LF line
/// breaks inside multi-line strings ([`crlf_strings_in`]).
fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut after_cr = false;
    for c in text.chars() {
        if c == '\n' && !after_cr {
            out.push('\r');
        }
        out.push(c);
        after_cr = c == '\r';
    }
    out
}

/// In a file whose line endings are CR LF, multi-line strings keep their
/// CR LF line breaks as line breaks (not `\r` escapes), and a lone line
/// feed in one becomes `\n`, so that the file's line endings are all CR LF
/// and every string keeps its value.
fn crlf_strings_in(table: &mut Table) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Value(value) => crlf_strings(value),
            Item::Table(t) => crlf_strings_in(t),
            Item::ArrayOfTables(tables) => tables.iter_mut().for_each(crlf_strings_in),
            Item::None => {}
        }
    }
}

fn crlf_strings(value: &mut Value) {
    match value {
        Value::String(s) => {
            let multiline = s
                .as_repr()
                .and_then(|r| r.as_raw().as_str())
                .is_some_and(|r| r.starts_with("\"\"\""));
            if !multiline {
                return;
            }
            let repr = multiline_basic_string(s.value(), true);
            if let Ok(mut new) = repr.parse::<Value>() {
                *new.decor_mut() = s.decor().clone();
                *value = new;
            }
        }
        Value::Array(array) => array.iter_mut().for_each(crlf_strings),
        Value::InlineTable(table) => table.iter_mut().for_each(|(_, v)| crlf_strings(v)),
        Value::Integer(_) | Value::Float(_) | Value::Boolean(_) | Value::Datetime(_) => {}
    }
}

/// Rank of a key in a documented order; unknown keys go last, in file order.
fn rank(order: &[&str], key: &str) -> usize {
    order.iter().position(|k| *k == key).unwrap_or(order.len())
}

fn order_values(table: &mut Table, order: &[&str]) {
    table.sort_values_by(|a, _, b, _| rank(order, a.get()).cmp(&rank(order, b.get())));
}

/// Child tables in the order they appear in the file.
fn keys_in_file_order(table: &Table) -> Vec<String> {
    let mut keys: Vec<(isize, usize, String)> = table
        .iter()
        .enumerate()
        .filter_map(|(i, (k, item))| match item {
            Item::Table(t) => Some((t.position().unwrap_or(isize::MAX), i, k.to_string())),
            _ => None,
        })
        .collect();
    keys.sort();
    keys.into_iter().map(|(_, _, k)| k).collect()
}

fn order_article(root: &mut Table) {
    order_values(root, raw::ARTICLE_FILE_KEYS);
    let mut next = 0;
    let mut position = |t: &mut Table| {
        t.set_position(Some(next));
        next += 1;
    };
    if let Some(Item::Table(article)) = root.get_mut("article") {
        order_values(article, raw::ARTICLE_KEYS);
        position(article);
    }
    if let Some(Item::Table(sources)) = root.get_mut("sources") {
        // Without a table under it, the header is the only trace of an
        // empty `sources` table: it stays.
        let bare = !has_values(sources) && sources.iter().any(|(_, i)| i.is_table());
        let plain_header = [sources.decor().prefix(), sources.decor().suffix()]
            .iter()
            .all(|r| r.and_then(|r| r.as_str()).is_none_or(|s| !s.contains('#')));
        // An empty `[sources]` header above `[sources.x]` says nothing.
        if bare && plain_header {
            sources.set_implicit(true);
        }
        position(sources);
        for key in keys_in_file_order(sources) {
            if let Some(Item::Table(source)) = sources.get_mut(&key) {
                order_values(source, raw::SOURCE_KEYS);
                position(source);
            }
        }
    }
    if let Some(Item::ArrayOfTables(claims)) = root.get_mut("claims") {
        for claim in claims.iter_mut() {
            order_values(claim, raw::CLAIM_KEYS);
            position(claim);
        }
    }
}

fn order_outlets(root: &mut Table) {
    for (next, key) in (0..).zip(keys_in_file_order(root)) {
        if let Some(Item::Table(outlet)) = root.get_mut(&key) {
            order_values(outlet, raw::OUTLET_KEYS);
            outlet.set_position(Some(next));
        }
    }
}

/// The position of the first table printed with a header.
fn first_header_position(root: &Table) -> Option<isize> {
    fn visit(table: &Table, best: &mut Option<isize>) {
        for (_, item) in table.iter() {
            match item {
                Item::Table(t) if !t.is_dotted() => {
                    if visible(t) {
                        let p = t.position().unwrap_or(isize::MAX);
                        *best = Some(best.map_or(p, |b| b.min(p)));
                    }
                    visit(t, best);
                }
                Item::ArrayOfTables(a) => {
                    for t in a.iter() {
                        let p = t.position().unwrap_or(isize::MAX);
                        *best = Some(best.map_or(p, |b| b.min(p)));
                        visit(t, best);
                    }
                }
                _ => {}
            }
        }
    }
    let mut best = None;
    visit(root, &mut best);
    best
}

/// Whether a table is printed with a header line.
fn visible(t: &Table) -> bool {
    !t.is_implicit() || has_values(t)
}

/// Whether a table holds key-value lines of its own, dotted ones (`a.b = 1`)
/// included: they are printed under its header, or at the top of the file.
fn has_values(t: &Table) -> bool {
    t.iter().any(|(_, i)| match i {
        Item::Value(_) => true,
        Item::Table(t) => t.is_dotted(),
        _ => false,
    })
}

/// The visible table at a position.
fn table_at(table: &mut Table, pos: isize) -> Option<&mut Table> {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) if !t.is_dotted() => {
                if visible(t) && t.position() == Some(pos) {
                    return Some(t);
                }
                if let Some(found) = table_at(t, pos) {
                    return Some(found);
                }
            }
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    if t.position() == Some(pos) {
                        return Some(t);
                    }
                    if let Some(found) = table_at(t, pos) {
                        return Some(found);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// Cut the comment lines that open the file off the first table: those
/// separated from its header by a blank line (the blank line comes too), and
/// in any case the `#:` directive lines at the very top (Taplo's `#:schema`),
/// which only mean something there.
fn take_file_header(root: &mut Table) -> Option<String> {
    if has_values(root) {
        return None;
    }
    let first = first_header_position(root).and_then(|p| table_at(root, p))?;
    let prefix = raw_str(first.decor().prefix());
    let lines: Vec<&str> = prefix.split('\n').collect();
    // The last segment is the header line's own indentation.
    let full = &lines[..lines.len().saturating_sub(1)];
    let directives = full
        .iter()
        .take_while(|l| l.trim_start().starts_with("#:"))
        .count();
    let end = match full.iter().rposition(|l| l.trim().is_empty()) {
        Some(blank) if full[..blank].iter().any(|l| !l.trim().is_empty()) => blank + 1,
        _ if directives > 0 => directives,
        _ => return None,
    };
    let header: String = full[..end].iter().map(|l| format!("{l}\n")).collect();
    let own: String = full[end..].iter().map(|l| format!("{l}\n")).collect();
    first.decor_mut().set_prefix(own);
    Some(header)
}

/// Where a table sits in the document, to find it again after the order
/// changed: the keys leading to it, each with an index in an array of tables.
type Address = Vec<(String, Option<usize>)>;

/// A table found by its address.
fn table_by_address<'a>(
    root: &'a mut Table,
    address: &[(String, Option<usize>)],
) -> Option<&'a mut Table> {
    let mut table = root;
    for (key, index) in address {
        table = match (table.get_mut(key)?, index) {
            (Item::Table(t), None) => t,
            (Item::ArrayOfTables(a), Some(i)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(table)
}

/// Every table (dotted ones aside) in printed order, with its address and
/// whether it is printed with a header.
fn tables_in_order(root: &Table) -> Vec<(isize, Address, bool)> {
    fn visit(table: &Table, at: &mut Address, found: &mut Vec<(isize, Address, bool)>) {
        for (key, item) in table.iter() {
            match item {
                Item::Table(t) if !t.is_dotted() => {
                    at.push((key.to_string(), None));
                    let position = t.position().unwrap_or(isize::MAX);
                    found.push((position, at.clone(), visible(t)));
                    visit(t, at, found);
                    at.pop();
                }
                Item::ArrayOfTables(a) => {
                    for (i, t) in a.iter().enumerate() {
                        at.push((key.to_string(), Some(i)));
                        found.push((t.position().unwrap_or(isize::MAX), at.clone(), true));
                        visit(t, at, found);
                        at.pop();
                    }
                }
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    visit(root, &mut Vec::new(), &mut found);
    found.sort();
    found
}

/// Where the comment lines that close the table above end, in the text before
/// a header: the lines right under that table, if a blank line follows them.
fn closing_end(raw: &str) -> Option<usize> {
    let segments: Vec<&str> = raw.split('\n').collect();
    // The last segment is the header line's own indentation.
    let full = &segments[..segments.len().saturating_sub(1)];
    if full.first().is_none_or(|l| l.trim().is_empty()) {
        return None;
    }
    let blank = full.iter().position(|l| l.trim().is_empty())?;
    Some(full[..blank].iter().map(|l| l.len() + 1).sum())
}

/// Cut off the comments that close a table (see `header_prefix`) from the
/// header under them: each with the address of the table it closes (the
/// root's, empty, for the file's top-level keys).
fn take_closing_comments(root: &mut Table) -> Vec<(Address, String)> {
    let headed: Vec<Address> = tables_in_order(root)
        .into_iter()
        .filter(|(_, _, visible)| *visible)
        .map(|(_, address, _)| address)
        .collect();
    let root_has_values = has_values(root);
    let mut closing = Vec::new();
    for (i, address) in headed.iter().enumerate() {
        // The first header closes the top-level keys, if any, or nothing: the
        // file's opening comment is not this.
        let above = match i.checked_sub(1) {
            Some(above) => headed[above].clone(),
            None if root_has_values => Address::new(),
            None => continue,
        };
        let Some(table) = table_by_address(root, address) else {
            continue;
        };
        let prefix = raw_str(table.decor().prefix());
        if let Some(end) = closing_end(&prefix) {
            table.decor_mut().set_prefix(&prefix[end..]);
            closing.push((above, prefix[..end].to_string()));
        }
    }
    closing
}

/// Put each closing comment back under the table it closes, now that tables
/// are in order: above the next header, or at the end of the file (returned).
fn put_closing_comments(root: &mut Table, closing: Vec<(Address, String)>) -> String {
    let tables = tables_in_order(root);
    // Where the tables under a table start, in the new order; every table is
    // under the root.
    let under = |address: &Address| -> Option<usize> {
        if address.is_empty() {
            return Some(0);
        }
        tables
            .iter()
            .position(|(_, a, _)| a == address)
            .map(|i| i + 1)
    };
    let mut placed: Vec<(usize, usize, String)> = closing
        .into_iter()
        .map(|(above, text)| {
            // Keys do not change, so the table is there; were it not, its
            // comment would still be kept, at the end.
            let from = under(&above).unwrap_or(tables.len());
            // The next table printed with a header; past the last, the end.
            let next = tables[from..]
                .iter()
                .position(|(_, _, visible)| *visible)
                .map_or(usize::MAX, |i| from + i);
            (next, from, text)
        })
        .collect();
    // Two closing comments above one header (a table between them is now
    // printed without one) keep the order of their tables.
    placed.sort();
    let mut end = String::new();
    for (next, _, text) in placed.into_iter().rev() {
        match tables
            .get(next)
            .and_then(|(_, address, _)| table_by_address(root, address))
        {
            // A blank line under it, or it would read as the next table's own.
            Some(table) => {
                let own = raw_str(table.decor().prefix());
                table.decor_mut().set_prefix(format!("{text}\n{own}"));
            }
            None => end.insert_str(0, &text),
        }
    }
    end
}

fn requote_all_keys(table: &mut Table) {
    requote_keys(table);
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => requote_all_keys(t),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(requote_all_keys),
            _ => {}
        }
    }
}

/// Normalize a table's key-value lines and, recursively, its child tables.
fn normalize_body(table: &mut Table, is_first: &mut dyn FnMut(&Table) -> bool) {
    for (mut key, item) in table.iter_mut() {
        match item {
            Item::Value(value) => normalize_key_value(&mut key, value),
            Item::Table(t) if t.is_dotted() => {
                key.dotted_decor_mut().set_prefix("");
                key.dotted_decor_mut().set_suffix("");
                normalize_dotted(t);
            }
            Item::Table(t) => {
                key.leaf_decor_mut().set_prefix("");
                key.leaf_decor_mut().set_suffix("");
                key.dotted_decor_mut().set_prefix("");
                key.dotted_decor_mut().set_suffix("");
                normalize_header(t, is_first);
                normalize_body(t, is_first);
            }
            Item::ArrayOfTables(tables) => {
                key.leaf_decor_mut().set_prefix("");
                key.leaf_decor_mut().set_suffix("");
                normalize_array_of_tables(tables, is_first);
            }
            Item::None => {}
        }
    }
}

fn normalize_array_of_tables(tables: &mut ArrayOfTables, is_first: &mut dyn FnMut(&Table) -> bool) {
    for t in tables.iter_mut() {
        normalize_header(t, is_first);
        normalize_body(t, is_first);
    }
}

/// Dotted keys (`a.b = 1`) stay dotted, laid out as plain keys are: no space
/// around the dots, the value's line as `normalize_body` makes it.
fn normalize_dotted(table: &mut Table) {
    for (mut key, item) in table.iter_mut() {
        key.dotted_decor_mut().set_prefix("");
        key.dotted_decor_mut().set_suffix("");
        match item {
            Item::Value(value) => normalize_key_value(&mut key, value),
            Item::Table(t) => normalize_dotted(t),
            _ => {}
        }
    }
}

/// A `key = value` line: the comments above it kept, unindented, single
/// spaces around `=`, a comment after the value kept.
fn normalize_key_value(key: &mut toml_edit::KeyMut<'_>, value: &mut Value) {
    let prefix = raw_str(key.leaf_decor().prefix());
    key.leaf_decor_mut()
        .set_prefix(block(&prefix, Blank::Drop, false));
    key.leaf_decor_mut().set_suffix(" ");
    normalize_value(value);
    let suffix = raw_str(value.decor().suffix());
    value.decor_mut().set_prefix(" ");
    value.decor_mut().set_suffix(trailing_comment(&suffix));
}

/// The lines before a table header: its comments, after exactly one blank
/// line (none before the file's first table).
fn normalize_header(table: &mut Table, is_first: &mut dyn FnMut(&Table) -> bool) {
    if !visible(table) {
        return;
    }
    let first = is_first(table);
    let prefix = raw_str(table.decor().prefix());
    let suffix = raw_str(table.decor().suffix());
    table.decor_mut().set_prefix(header_prefix(&prefix, first));
    table.decor_mut().set_suffix(trailing_comment(&suffix));
}

/// The lines above a header. Comment lines right under the previous table,
/// with a blank line after them, close that table and stay attached to it.
fn header_prefix(raw: &str, first: bool) -> String {
    if first {
        return block(raw, Blank::Collapse, true);
    }
    let segments: Vec<&str> = raw.split('\n').collect();
    let full = &segments[..segments.len().saturating_sub(1)];
    let starts_with_comment = full.first().is_some_and(|l| !l.trim().is_empty());
    match full.iter().position(|l| l.trim().is_empty()) {
        Some(blank) if starts_with_comment => {
            let attached: String = full[..blank]
                .iter()
                .map(|l| format!("{}\n", l.trim()))
                .collect();
            let rest = segments[blank..].join("\n");
            format!("{attached}\n{}", block(&rest, Blank::Collapse, true))
        }
        _ => format!("\n{}", block(raw, Blank::Collapse, true)),
    }
}

fn raw_str(raw: Option<&toml_edit::RawString>) -> String {
    raw.and_then(|r| r.as_str()).unwrap_or("").to_string()
}

/// What to do with blank lines between comment lines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Blank {
    /// Drop them all.
    Drop,
    /// Collapse each run to one; none before the first comment.
    Collapse,
    /// Collapse each run to one, keeping one before the first comment.
    Keep,
}

/// Re-lay the whitespace and comment lines that precede an item. Comments are
/// kept, trimmed and unindented; blank lines are dropped or collapsed.
/// `blank_after` keeps one blank line between the comments and the item when
/// the file had one (a section comment rather than the item's own).
fn block(raw: &str, blanks: Blank, blank_after: bool) -> String {
    let mut segments: Vec<&str> = raw.split('\n').collect();
    // The last segment is what precedes the item on its own line: indentation.
    let last = segments.pop().unwrap_or("");
    if last.trim_start().starts_with('#') {
        segments.push(last);
    }
    let had_blank_after = segments.last().is_some_and(|l| l.trim().is_empty());
    let mut lines: Vec<Option<&str>> = Vec::new();
    for seg in segments {
        let line = seg.trim();
        if !line.is_empty() {
            lines.push(Some(line));
            continue;
        }
        let keep = match blanks {
            Blank::Drop => false,
            Blank::Collapse => lines.last().is_some_and(Option::is_some),
            Blank::Keep => lines.last().is_none_or(Option::is_some),
        };
        if keep {
            lines.push(None);
        }
    }
    while lines.last() == Some(&None) {
        lines.pop();
    }
    let mut out = String::new();
    for line in &lines {
        if let Some(l) = line {
            out.push_str(l);
        }
        out.push('\n');
    }
    if blank_after && had_blank_after && lines.iter().any(Option::is_some) {
        out.push('\n');
    }
    out
}

/// What follows a value or a header on its line: a comment, or nothing.
fn trailing_comment(raw: &str) -> String {
    match raw.find('#') {
        Some(i) => {
            let space = &raw[..i];
            let space = if space.is_empty() { " " } else { space };
            format!("{space}{}", raw[i..].trim_end())
        }
        None => String::new(),
    }
}

/// Bare keys where TOML allows them, double-quoted otherwise.
fn requote_keys(table: &mut Table) {
    let changes: Vec<(String, String)> = table
        .iter()
        .filter_map(|(k, _)| {
            let want = key_repr(k);
            let have = table
                .key(k)
                .and_then(|key| key.as_repr())
                .and_then(|r| r.as_raw().as_str())
                .map(str::to_string);
            (have.as_deref() != Some(want.as_str())).then(|| (k.to_string(), want))
        })
        .collect();
    for (name, want) in changes {
        let Some((old, item)) = table.remove_entry(&name) else {
            continue;
        };
        let Ok(mut parsed) = Key::parse(&want) else {
            table.insert_formatted(&old, item);
            continue;
        };
        let Some(key) = parsed.pop() else {
            table.insert_formatted(&old, item);
            continue;
        };
        let key = key
            .with_leaf_decor(old.leaf_decor().clone())
            .with_dotted_decor(old.dotted_decor().clone());
        table.insert_formatted(&key, item);
    }
}

/// A key as `fmt` writes it: bare when TOML allows it, a basic string
/// otherwise. Diagnostics write the keys of their hints with it too.
pub(crate) fn key_repr(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        key.to_string()
    } else {
        basic_string(key)
    }
}

/// Strings in double quotes; arrays without comments on one line.
fn normalize_value(value: &mut Value) {
    match value {
        Value::String(s) => {
            let multiline = s
                .as_repr()
                .and_then(|r| r.as_raw().as_str())
                .is_some_and(|r| r.starts_with("\"\"\"") || r.starts_with("'''"));
            let text = s.value().clone();
            let repr = if multiline && text.contains('\n') {
                multiline_basic_string(&text, false)
            } else {
                basic_string(&text)
            };
            let have = s.as_repr().and_then(|r| r.as_raw().as_str());
            if have != Some(repr.as_str())
                && let Ok(mut new) = repr.parse::<Value>()
            {
                *new.decor_mut() = s.decor().clone();
                *value = new;
            }
        }
        Value::Array(array) => normalize_array(array),
        Value::InlineTable(table) => normalize_inline_table(table),
        Value::Integer(_) | Value::Float(_) | Value::Boolean(_) | Value::Datetime(_) => {}
    }
}

fn normalize_array(array: &mut Array) {
    for v in array.iter_mut() {
        normalize_value(v);
    }
    if !array_has_comments(array) {
        array.fmt();
    }
}

fn array_has_comments(array: &Array) -> bool {
    let decor_has = |d: &toml_edit::Decor| {
        [d.prefix(), d.suffix()]
            .iter()
            .any(|r| r.and_then(|r| r.as_str()).is_some_and(|s| s.contains('#')))
    };
    array.trailing().as_str().is_some_and(|s| s.contains('#'))
        || array.iter().any(|v| {
            decor_has(v.decor())
                || match v {
                    Value::Array(a) => array_has_comments(a),
                    _ => false,
                }
        })
}

fn normalize_inline_table(table: &mut InlineTable) {
    for (_, v) in table.iter_mut() {
        normalize_value(v);
    }
}

/// `s` as a TOML basic string: double quotes, escapes for quotes,
/// backslashes and control characters, everything else as is.
pub fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_escaped(&mut out, c, false);
    }
    out.push('"');
    out
}

/// A string with line breaks as a multi-line basic string. Its line breaks
/// are the file's: line feeds, or with `crlf` CR LF pairs, the other of the
/// two written as an escape.
fn multiline_basic_string(s: &str, crlf: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(if crlf { "\"\"\"\r\n" } else { "\"\"\"\n" });
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if crlf && c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
            out.push_str("\r\n");
        } else if crlf && c == '\n' {
            out.push_str("\\n");
        } else {
            push_escaped(&mut out, c, true);
        }
    }
    out.push_str("\"\"\"");
    out
}

fn push_escaped(out: &mut String, c: char, multiline: bool) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' if multiline => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::{FileKind, basic_string, format};

    fn article(text: &str) -> String {
        let once = format(text, FileKind::Article).unwrap();
        let twice = format(&once, FileKind::Article).unwrap();
        assert_eq!(once, twice, "formatting is not idempotent");
        let before: toml::Table = toml::from_str(text).unwrap();
        let after: toml::Table = toml::from_str(&once).unwrap();
        assert_eq!(before, after, "formatting changed the data");
        once
    }

    #[test]
    fn orders_tables_and_keys_and_keeps_comments() {
        let text = r#"# header comment

[[claims]]
kind = 'quote'   # how it is presented
# the id comment
id = "c1"
text = "x"

[sources.b]
name = "B"
[article]
outlet="o"
  # title comment
  title = 'T'
"#;
        let want = r#"# header comment

[article]
# title comment
title = "T"
outlet = "o"

[sources.b]
name = "B"

[[claims]]
# the id comment
id = "c1"
text = "x"
kind = "quote"   # how it is presented
"#;
        assert_eq!(article(text), want);
    }

    #[test]
    fn collapses_blank_lines_and_keeps_section_comments() {
        let text = "[article]\ntitle = \"T\"\n\n\noutlet = \"o\"\n\n\n\n# --- section ---\n\n\n[[claims]]\nid = \"a\"\ntext = \"t\"\n\n\n# end\n\n";
        let want = "[article]\ntitle = \"T\"\noutlet = \"o\"\n\n# --- section ---\n\n[[claims]]\nid = \"a\"\ntext = \"t\"\n\n# end\n";
        assert_eq!(article(text), want);
    }

    #[test]
    fn a_comment_closing_a_table_stays_with_it() {
        let text = "[article]\ntitle = \"T\"\noutlet = \"o\"\n# no date given\n\n# next\n[[claims]]\nid = \"a\"\ntext = \"t\"\n";
        assert_eq!(article(text), text);
    }

    #[test]
    fn a_comment_closing_a_table_moves_with_it() {
        // Claims before sources: the comment closing the claim stays under it.
        let text = "[article]\ntitle = \"T\"\noutlet = \"o\"\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\n# closes claim a\n\n[sources.x]\nname = \"X\"\n";
        let want = "[article]\ntitle = \"T\"\noutlet = \"o\"\n\n[sources.x]\nname = \"X\"\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\n# closes claim a\n";
        assert_eq!(article(text), want);
        // The table's own comment moves with it too; the end of the file stays.
        let text = "[[claims]]\nid = \"a\"\ntext = \"b\"\n# closes a\n\n# about the article\n[article]\ntitle = \"T\"\noutlet = \"o\"\n# the end\n";
        let want = "# about the article\n[article]\ntitle = \"T\"\noutlet = \"o\"\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\n# closes a\n# the end\n";
        assert_eq!(article(text), want);
        // Top-level keys close too, and stay first.
        let text = "id = \"x\"\n# closes the keys\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\n# closes a\n\n[article]\ntitle = \"T\"\noutlet = \"o\"\n";
        let want = "id = \"x\"\n# closes the keys\n\n[article]\ntitle = \"T\"\noutlet = \"o\"\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\n# closes a\n";
        assert_eq!(article(text), want);
        // Outlets keep their order; a closing comment does not wander.
        let text = "[b]\nname = \"B\"\n# closes b\n\n[a]\nname = \"A\"\n";
        assert_eq!(format(text, FileKind::Outlets).unwrap(), text);
    }

    #[test]
    fn a_crlf_file_keeps_crlf_line_endings_in_multiline_strings_too() {
        // Out of order, a literal string and a multi-line string written
        // with CR LF line breaks.
        let text = "[[claims]]\r\nid = 'a'\r\ntext = \"\"\"\r\nline one\r\nline two\"\"\"\r\n\r\n[article]\r\ntitle = 'T'\r\noutlet = \"o\"\r\n";
        let want = "[article]\r\ntitle = \"T\"\r\noutlet = \"o\"\r\n\r\n[[claims]]\r\nid = \"a\"\r\ntext = \"\"\"\r\nline one\r\nline two\"\"\"\r\n";
        assert_eq!(article(text), want);
        assert_eq!(article(want), want);
        // The string's value is the same: its line break is CR LF.
        let value = |t: &str| {
            let doc: toml::Table = toml::from_str(t).unwrap();
            doc["claims"][0]["text"].as_str().unwrap().to_string()
        };
        assert_eq!(value(&article(text)), "line one\r\nline two");
        // A lone line feed in a CRLF file's string is an escape, so that the
        // file's line breaks are all CR LF and the value is kept; in an LF
        // file a CR LF in a string keeps its `\r` as an escape.
        let mixed = "[article]\r\ntitle = \"\"\"\r\na\nb\r\nc\"\"\"\r\noutlet = \"o\"\r\n";
        let want = "[article]\r\ntitle = \"\"\"\r\na\\nb\r\nc\"\"\"\r\noutlet = \"o\"\r\n";
        assert_eq!(article(mixed), want);
        let lf = "[article]\ntitle = \"\"\"\na\r\nb\"\"\"\noutlet = \"o\"\n";
        assert_eq!(
            article(lf),
            "[article]\ntitle = \"\"\"\na\\r\nb\"\"\"\noutlet = \"o\"\n"
        );
    }

    #[test]
    fn a_schema_directive_stays_the_first_line() {
        let text = "#:schema ../schema.json\n[[claims]]\nid=\"a\"\ntext=\"b\"\n[article]\ntitle = \"T\"\noutlet = \"o\"\n";
        let want = "#:schema ../schema.json\n[article]\ntitle = \"T\"\noutlet = \"o\"\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\n";
        assert_eq!(article(text), want);
        // With a comment of the first table's own under it, and with a blank
        // line and a file comment under it.
        let text = "#:schema s.json\n# about the claim\n[[claims]]\nid = \"a\"\ntext = \"b\"\n\n[article]\ntitle = \"T\"\noutlet = \"o\"\n";
        let want = "#:schema s.json\n[article]\ntitle = \"T\"\noutlet = \"o\"\n\n# about the claim\n[[claims]]\nid = \"a\"\ntext = \"b\"\n";
        assert_eq!(article(text), want);
        let text = "#:schema s.json\n\n# file comment\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\n\n[article]\ntitle = \"T\"\noutlet = \"o\"\n";
        let want = "#:schema s.json\n\n# file comment\n\n[article]\ntitle = \"T\"\noutlet = \"o\"\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\n";
        assert_eq!(article(text), want);
        // Already first: unchanged.
        let text = "#:schema s.json\n[article]\ntitle = \"T\"\noutlet = \"o\"\n";
        assert_eq!(article(text), text);
    }

    #[test]
    fn arrays_and_strings() {
        let text = "[article]\ntitle = '''\nline one\nline \"two\"'''\noutlet = 'o'\nbyline = [ 'a',\"b\" , ]\n\n[[claims]]\nid = 'c'\ntext = 'back\\slash'\nvia = [ [ 'x', 'y' ], \"z\" ]\n";
        let want = "[article]\ntitle = \"\"\"\nline one\nline \\\"two\\\"\"\"\"\noutlet = \"o\"\nbyline = [\"a\", \"b\"]\n\n[[claims]]\nid = \"c\"\ntext = \"back\\\\slash\"\nvia = [[\"x\", \"y\"], \"z\"]\n";
        assert_eq!(article(text), want);
    }

    #[test]
    fn arrays_with_comments_keep_their_lines() {
        let text = "[article]\ntitle = \"T\"\noutlet = \"o\"\ncredited = [\n  'a',  # first\n  \"b\",\n]\n";
        let out = article(text);
        assert!(out.contains("  \"a\",  # first\n"), "{out}");
    }

    #[test]
    fn quoted_keys_become_bare_where_allowed() {
        let text = "[article]\n\"title\" = \"T\"\noutlet = \"o\"\n\n[sources.\"us-official\"]\nanonymous = true\n\n[sources.'a b']\nname = \"x\"\n";
        let want = "[article]\ntitle = \"T\"\noutlet = \"o\"\n\n[sources.us-official]\nanonymous = true\n\n[sources.\"a b\"]\nname = \"x\"\n";
        assert_eq!(article(text), want);
    }

    #[test]
    fn outlets_keep_their_order_and_sort_keys() {
        let text = "[z]\nownership = \"state\"\nname = \"Z\"\n[a]\nname = \"A\"\n";
        let want = "[z]\nname = \"Z\"\nownership = \"state\"\n\n[a]\nname = \"A\"\n";
        assert_eq!(format(text, FileKind::Outlets).unwrap(), want);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            basic_string("a\"b\\c\td\u{1}"),
            "\"a\\\"b\\\\c\\td\\u0001\""
        );
        assert_eq!(basic_string("dikabarkan é"), "\"dikabarkan é\"");
    }

    #[test]
    fn not_toml_is_an_error() {
        assert!(format("[article\n", FileKind::Article).is_err());
    }
}
