//! Diagnostics as people and machines read them: rustc-style snippets
//! (annotate-snippets), a JSON array, and GitHub workflow annotations.

use crate::diag::{Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;
use std::io::{self, Write};

/// Render one diagnostic the way cargo and rustc do.
pub fn human(d: &Diagnostic, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let mut group = match (&d.file, &d.snippet) {
        (Some(file), Some(snip)) => {
            let mut ann = AnnotationKind::Primary.span(snip.underline.clone());
            if let Some(label) = &d.label {
                ann = ann.label(label.as_str());
            }
            title.element(
                Snippet::source(snip.text.as_str())
                    .line_start(snip.line)
                    .path(file.as_str())
                    .annotation(ann),
            )
        }
        (Some(file), None) => Group::with_title(title).element(Origin::path(file.as_str())),
        _ => Group::with_title(title),
    };
    for note in &d.notes {
        match (&note.file, &note.snippet) {
            (Some(file), Some(snip)) => {
                group = group.element(
                    Snippet::source(snip.text.as_str())
                        .line_start(snip.line)
                        .path(file.as_str())
                        .annotation(
                            AnnotationKind::Context
                                .span(snip.underline.clone())
                                .label(note.message.as_str()),
                        ),
                );
            }
            (Some(file), None) => {
                group = group.element(Level::NOTE.message(note.message.as_str()));
                let mut origin = Origin::path(file.as_str());
                if let Some(line) = note.line {
                    origin = origin.line(line).char_column(note.column.unwrap_or(1));
                }
                group = group.element(origin);
            }
            (None, _) => group = group.element(Level::NOTE.message(note.message.as_str())),
        }
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// The shape of one diagnostic in `--format json`.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'a str,
    pub severity: Severity,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub notes: &'a [crate::diag::Note],
}

pub fn json(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            code: d.code.as_str(),
            severity: d.severity,
            file: d.file.as_deref(),
            line: d.line(),
            column: d.column(),
            message: &d.message,
            help: d.help.as_deref(),
            notes: &d.notes,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

/// GitHub Actions workflow commands, so findings show on the pull request diff.
pub fn github(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        if let Some(file) = &d.file {
            props.push(format!("file={}", escape_property(file)));
        }
        if let Some(line) = d.line() {
            props.push(format!("line={line}"));
        }
        if let Some(col) = d.column() {
            props.push(format!("col={col}"));
        }
        props.push(format!("title={}", escape_property(d.code.as_str())));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            escape_data(&message)
        )?;
    }
    Ok(())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
