//! claimtrail's diagnostics as the protocol's: the same code, message, help
//! and severity `check` gives under the policy, at UTF-16 positions, with
//! the notes (the earlier appearance of a drifted claim, the first use of a
//! duplicate id) as related information.

use super::positions::{path_to_uri, snippet_range};
use crate::diag::{Diagnostic, Group, Note, Severity};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};
use std::path::Path;
use std::str::FromStr;

/// Where the README's tables of codes are published.
const README: &str = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(r) if !r.is_empty() => r,
    _ => "https://github.com/claimtrail/claimtrail",
};

/// The README's section that documents a code.
pub fn code_href(d: &Diagnostic) -> Option<Uri> {
    let anchor = match d.code.group() {
        Group::Drift => "tracking-claims-across-articles",
        Group::Format | Group::Lint => "diagnostic-codes",
    };
    Uri::from_str(&format!("{README}#{anchor}")).ok()
}

/// One diagnostic in the protocol's shape. `help` follows the message on
/// its own line, as `check` prints it under the snippet.
pub fn to_lsp(d: &Diagnostic) -> lsp_types::Diagnostic {
    let range = d
        .snippet
        .as_ref()
        .map(snippet_range)
        .unwrap_or_else(|| Range::new(Position::new(0, 0), Position::new(0, 0)));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d.notes.iter().filter_map(note).collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: code_href(d).map(|href| CodeDescription { href }),
        source: Some("claimtrail".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn note(n: &Note) -> Option<DiagnosticRelatedInformation> {
    let uri = path_to_uri(Path::new(&**n.file.as_ref()?))?;
    let range = match &n.snippet {
        Some(s) => snippet_range(s),
        None => Range::default(),
    };
    Some(DiagnosticRelatedInformation {
        location: Location { uri, range },
        message: n.message.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Snippet, make};

    #[test]
    fn columns_are_utf16_and_help_follows() {
        // The underline is the "é" after the emoji: bytes 10..12, UTF-16
        // columns 8..9 (`x = "` is 5, 🙂 counts 2, then a space).
        let snippet = Snippet {
            line: 3,
            column: 5,
            text: "x = \"🙂 é\"".into(),
            underline: 10..12,
        };
        let d = make::unknown_source("us-oficial", &crate::diag::Suggester::new(["us-official"]))
            .at("f.toml", Some(snippet));
        let l = to_lsp(&d);
        assert_eq!(
            l.range,
            Range::new(Position::new(2, 8), Position::new(2, 9))
        );
        assert_eq!(
            l.code,
            Some(NumberOrString::String("unknown-source".into()))
        );
        assert!(
            l.message
                .starts_with("unknown source `us-oficial`\nhelp: did you mean")
        );
        assert_eq!(l.severity, Some(DiagnosticSeverity::ERROR));
    }
}
