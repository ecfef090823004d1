//! Code actions and formatting. Actions: apply a "did you mean" suggestion,
//! add a missing `[sources.ID]` table, add a missing outlet to
//! `outlets.toml`, mark a claim as background. Formatting is `fmt`'s layout
//! of the buffer; a buffer with errors is left alone, as `fmt` leaves such
//! a file.

use super::cursor::{self, Table};
use super::positions::{Text, path_to_uri};
use super::state::Workspace;
use crate::diag::Severity;
use crate::layout::{self, FileKind, basic_string};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, DocumentFormattingParams,
    NumberOrString, Position, Range, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;

pub fn format(ws: &Workspace, p: &DocumentFormattingParams) -> Option<Vec<TextEdit>> {
    let (path, text) = super::document(ws, &p.text_document.uri)?;
    let kind = FileKind::of(&path);
    if kind == FileKind::Article {
        // As `fmt` counts them: format errors, before the policy.
        let entry = ws.analyze(&path, text, &[]);
        if entry.diags.iter().any(|d| d.severity == Severity::Error) {
            return None;
        }
    }
    let new = layout::format(text, kind).ok()?;
    if new == text {
        return Some(Vec::new());
    }
    let t = Text::new(text);
    Some(vec![TextEdit::new(t.range(0..text.len()), new)])
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn action(
    title: String,
    edit: WorkspaceEdit,
    diagnostic: Option<lsp_types::Diagnostic>,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(edit),
        is_preferred: Some(true),
        ..CodeAction::default()
    })
}

/// The id a diagnostic's message names in backquotes (`unknown source `x``).
fn named(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(&message[start..end])
}

pub fn code_actions(ws: &Workspace, p: &CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let uri = &p.text_document.uri;
    let (path, text) = super::document(ws, uri)?;
    let t = Text::new(text);
    let mut out = Vec::new();
    for d in &p.context.diagnostics {
        let Some(NumberOrString::String(code)) = &d.code else {
            continue;
        };
        // "did you mean `x`?" in the help line.
        if let Some(help) = d.message.split("\nhelp: ").nth(1)
            && let Some(rest) = help.strip_prefix("did you mean `")
            && let Some(meant) = rest.split('`').next()
        {
            let start = t.offset(d.range.start);
            let end = t.offset(d.range.end);
            let written = &text[start..end.max(start)];
            let replacement = if written.starts_with('"') {
                basic_string(meant)
            } else {
                meant.to_string()
            };
            out.push(action(
                format!("Replace with `{meant}`"),
                edit(uri, vec![TextEdit::new(d.range, replacement)]),
                Some(d.clone()),
            ));
        }
        match code.as_str() {
            "unknown-source" => {
                let Some(id) = named(&d.message) else {
                    continue;
                };
                // Before the first claim, or at the end.
                let line = cursor::claim_headers(text).first().copied();
                let at = match line {
                    Some(l) => Position::new(l as u32, 0),
                    None => t.position(text.len()),
                };
                let key = toml_edit::Key::new(id).display_repr().into_owned();
                let lead = if line.is_none() && !text.ends_with("\n\n") {
                    if text.ends_with('\n') { "\n" } else { "\n\n" }
                } else {
                    ""
                };
                let table = format!("{lead}[sources.{key}]\nname = \"\"\n\n");
                out.push(action(
                    format!("Add `[sources.{key}]`"),
                    edit(uri, vec![TextEdit::new(Range::new(at, at), table)]),
                    Some(d.clone()),
                ));
            }
            "unknown-outlet" => {
                let (Some(id), Some(registry)) = (named(&d.message), ws.registry.as_ref()) else {
                    continue;
                };
                let Some(reg_text) = ws.text(registry) else {
                    continue;
                };
                let Some(reg_uri) = path_to_uri(registry) else {
                    continue;
                };
                let rt = Text::new(&reg_text);
                let end = rt.position(reg_text.len());
                let lead = if reg_text.is_empty() || reg_text.ends_with("\n\n") {
                    ""
                } else if reg_text.ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                };
                let key = toml_edit::Key::new(id).display_repr().into_owned();
                let table = format!("{lead}[{key}]\nname = {}\n", basic_string(id));
                out.push(action(
                    format!("Add outlet `{id}` to outlets.toml"),
                    edit(&reg_uri, vec![TextEdit::new(Range::new(end, end), table)]),
                    Some(d.clone()),
                ));
            }
            _ => {}
        }
    }
    // Mark the claim under the cursor as background.
    let offset = t.offset(p.range.start);
    let c = cursor::at(text, offset);
    if let Table::Claim(_) = c.table {
        let kind = cursor::string_in_table(text, c.table_line, "kind");
        if kind.as_deref() != Some("background") {
            let mut line = c.table_line + 1;
            let mut kind_line = None;
            let mut last_key = c.table_line;
            while line < t.line_count() {
                let l = t.line(line);
                if cursor::parse_header(l).is_some() {
                    break;
                }
                if let Some((k, _)) = cursor::key_of_line(l) {
                    last_key = line;
                    if k == "kind" {
                        kind_line = Some(line);
                    }
                }
                line += 1;
            }
            let change = match kind_line {
                Some(l) => {
                    let len = super::positions::utf16_len(t.line(l));
                    TextEdit::new(
                        Range::new(Position::new(l as u32, 0), Position::new(l as u32, len)),
                        "kind = \"background\"".into(),
                    )
                }
                None => {
                    let at = Position::new(last_key as u32 + 1, 0);
                    let at = if (last_key + 1) < t.line_count() {
                        at
                    } else {
                        t.position(text.len())
                    };
                    let lead = if at == t.position(text.len()) && !text.ends_with('\n') {
                        "\n"
                    } else {
                        ""
                    };
                    TextEdit::new(Range::new(at, at), format!("{lead}kind = \"background\"\n"))
                }
            };
            let _ = path;
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Mark claim as background".into(),
                kind: Some(CodeActionKind::REFACTOR_REWRITE),
                edit: Some(edit(uri, vec![change])),
                ..CodeAction::default()
            }));
        }
    }
    Some(out)
}
