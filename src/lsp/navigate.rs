//! Navigation: go to definition (a source id to its `[sources.ID]` table, an
//! outlet id to its table in `outlets.toml`, a claim id to its other
//! appearances), find references (of a source in the article, of an outlet
//! or a claim id across the corpus), and the document's outline.

use super::cursor::{self, Table};
use super::positions::{Text, path_to_uri, snippet_range};
use super::state::Workspace;
use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Location, Position, Range, ReferenceParams, SymbolKind,
};
use std::path::Path;

/// What an id under the cursor names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Source(String),
    Outlet(String),
    Claim(String),
}

/// The id under the cursor: a string value of `source`, `outlet`, `via` or
/// a claim's `id`, or the id in a `[sources.ID]` header (or `[ID]` in the
/// registry).
pub fn target_at(text: &str, offset: usize, registry: bool) -> Option<Target> {
    let c = cursor::at(text, offset);
    if let (Some(key), Some(s)) = (&c.key, &c.string) {
        let value = text[s.content.clone()].to_string();
        return match (&c.table, key.as_str()) {
            (Table::Claim(_), "source") => Some(Target::Source(value)),
            (Table::Article, "outlet") | (Table::Claim(_), "via") => Some(Target::Outlet(value)),
            (Table::Claim(_), "id") => Some(Target::Claim(value)),
            _ => None,
        };
    }
    let line_start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    match cursor::parse_header(line)? {
        (keys, false) if keys.len() == 2 && keys[0] == "sources" => {
            Some(Target::Source(keys[1].clone()))
        }
        (keys, false) if registry && keys.len() == 1 => Some(Target::Outlet(keys[0].clone())),
        _ => None,
    }
}

fn is_registry(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == crate::corpus::REGISTRY_FILE)
}

/// The whole of line `line` of `text`, as a range.
fn line_range(text: &str, line: usize) -> Range {
    let t = Text::new(text);
    let len = super::positions::utf16_len(t.line(line));
    Range::new(
        Position::new(line as u32, 0),
        Position::new(line as u32, len),
    )
}

pub fn definition(ws: &Workspace, p: &GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let uri = &p.text_document_position_params.text_document.uri;
    let (path, text) = super::document(ws, uri)?;
    let offset = Text::new(text).offset(p.text_document_position_params.position);
    let locations: Vec<Location> = match target_at(text, offset, is_registry(&path))? {
        Target::Source(id) => {
            let line = cursor::source_header(text, &id)?;
            vec![Location::new(uri.clone(), line_range(text, line))]
        }
        Target::Outlet(id) => {
            let registry = ws.registry.as_ref()?;
            let reg_text = ws.text(registry)?;
            let line = cursor::outlet_header(&reg_text, &id)?;
            vec![Location::new(
                path_to_uri(registry)?,
                line_range(&reg_text, line),
            )]
        }
        Target::Claim(id) => ws
            .appearances(&id)
            .into_iter()
            .filter(|(p, ..)| **p != path)
            .filter_map(|(p, a, i)| {
                Some(Location::new(
                    path_to_uri(p)?,
                    snippet_range(&a.lines.get(i)?),
                ))
            })
            .collect(),
    };
    match locations.len() {
        0 => None,
        1 => locations
            .into_iter()
            .next()
            .map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(locations)),
    }
}

pub fn references(ws: &Workspace, p: &ReferenceParams) -> Option<Vec<Location>> {
    let uri = &p.text_document_position.text_document.uri;
    let (path, text) = super::document(ws, uri)?;
    let t = Text::new(text);
    let offset = t.offset(p.text_document_position.position);
    let declaration = p.context.include_declaration;
    let mut out = Vec::new();
    match target_at(text, offset, is_registry(&path))? {
        Target::Source(id) => {
            if declaration && let Some(line) = cursor::source_header(text, &id) {
                out.push(Location::new(uri.clone(), line_range(text, line)));
            }
            for (_, value, range) in cursor::strings_of_keys(text, &["source"]) {
                if value == id {
                    out.push(Location::new(uri.clone(), t.range(range)));
                }
            }
        }
        Target::Outlet(id) => {
            if declaration
                && let Some(registry) = &ws.registry
                && let Some(reg_text) = ws.text(registry)
                && let Some(line) = cursor::outlet_header(&reg_text, &id)
                && let Some(reg_uri) = path_to_uri(registry)
            {
                out.push(Location::new(reg_uri, line_range(&reg_text, line)));
            }
            // Every file is read for this one request; the corpus keeps no
            // positions of outlet ids.
            for file in ws.files.keys() {
                let Some(file_text) = ws.text(file) else {
                    continue;
                };
                let Some(file_uri) = path_to_uri(file) else {
                    continue;
                };
                let ft = Text::new(&file_text);
                for (_, value, range) in cursor::strings_of_keys(&file_text, &["outlet", "via"]) {
                    if value == id {
                        out.push(Location::new(file_uri.clone(), ft.range(range)));
                    }
                }
            }
        }
        Target::Claim(id) => {
            for (file, a, i) in ws.appearances(&id) {
                if let (Some(u), Some(s)) = (path_to_uri(file), a.lines.get(i)) {
                    out.push(Location::new(u, snippet_range(&s)));
                }
            }
        }
    }
    Some(out)
}

/// The outline: `[article]`, each source and each claim, from the buffer's
/// headers (it need not parse).
pub fn symbols(ws: &Workspace, p: &DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let (path, text) = super::document(ws, &p.text_document.uri)?;
    let t = Text::new(text);
    let registry = is_registry(&path);
    let headers: Vec<(usize, Vec<String>, bool)> = (0..t.line_count())
        .filter_map(|i| cursor::parse_header(t.line(i)).map(|(k, a)| (i, k, a)))
        .collect();
    let mut out = Vec::new();
    for (n, (line, keys, array)) in headers.iter().enumerate() {
        let end = headers
            .get(n + 1)
            .map_or(t.line_count(), |h| h.0)
            .max(line + 1)
            - 1;
        // The table runs to the line before the next header, blank lines trimmed.
        let mut last = end;
        while last > *line && t.line(last).trim().is_empty() {
            last -= 1;
        }
        let range = Range::new(
            Position::new(*line as u32, 0),
            Position::new(last as u32, super::positions::utf16_len(t.line(last))),
        );
        let selection = line_range(text, *line);
        let (name, detail, kind) = match (keys.as_slice(), array, registry) {
            ([a], false, false) if a == "article" => (
                "article".to_string(),
                cursor::string_in_table(text, *line, "title"),
                SymbolKind::MODULE,
            ),
            ([s, id], false, false) if s == "sources" => (
                id.clone(),
                cursor::string_in_table(text, *line, "name")
                    .or_else(|| cursor::string_in_table(text, *line, "description")),
                SymbolKind::VARIABLE,
            ),
            ([c], true, false) if c == "claims" => (
                cursor::string_in_table(text, *line, "id").unwrap_or_else(|| "claim".into()),
                cursor::string_in_table(text, *line, "text"),
                SymbolKind::EVENT,
            ),
            ([id], false, true) => (
                id.clone(),
                cursor::string_in_table(text, *line, "name"),
                SymbolKind::MODULE,
            ),
            _ => continue,
        };
        #[allow(deprecated)]
        out.push(DocumentSymbol {
            name: if name.is_empty() { "\"\"".into() } else { name },
            detail,
            kind,
            tags: None,
            deprecated: None,
            range,
            selection_range: selection,
            children: None,
        });
    }
    Some(DocumentSymbolResponse::Nested(out))
}
