//! Diagnostics as people and machines read them: rustc-style snippets
//! (annotate-snippets), a JSON array, and GitHub workflow annotations. Plain
//! output of the shapes `check` prints by the thousand is written directly,
//! to the byte as annotate-snippets draws it (a property test holds the two
//! equal); colour and every other shape go through annotate-snippets.

use crate::diag::{self, Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;
use std::borrow::Borrow;
use std::io::{self, Write};

/// Render one diagnostic the way cargo and rustc do.
pub fn human(d: &Diagnostic, color: bool) -> String {
    let mut out = String::new();
    human_into(&mut out, d, color);
    out
}

/// `human`, appended to `out` (no line break after it).
pub fn human_into(out: &mut String, d: &Diagnostic, color: bool) {
    if color || !plain(out, d) {
        // annotate-snippets shows C0 controls and bidirectional overrides as
        // symbols, but writes C1 controls as they are.
        out.push_str(&super::escape::visible_c1(&snippets(d, color)));
    }
}

/// A diagnostic through annotate-snippets, in colour or not.
fn snippets(d: &Diagnostic, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let mut group = match (&d.file, &d.snippet) {
        (Some(file), Some(snip)) => {
            let mut ann = AnnotationKind::Primary.span(snip.underline.clone());
            if let Some(label) = &d.label {
                ann = ann.label(&**label);
            }
            title.element(
                Snippet::source(&*snip.text)
                    .line_start(snip.line)
                    .path(&**file)
                    .annotation(ann),
            )
        }
        (Some(file), None) => Group::with_title(title).element(Origin::path(&**file)),
        _ => Group::with_title(title),
    };
    for note in &d.notes {
        match (&note.file, &note.snippet) {
            (Some(file), Some(snip)) => {
                group = group.element(
                    Snippet::source(&*snip.text)
                        .line_start(snip.line)
                        .path(&**file)
                        .annotation(
                            AnnotationKind::Context
                                .span(snip.underline.clone())
                                .label(note.message.as_str()),
                        ),
                );
            }
            (Some(file), None) => {
                group = group.element(Level::NOTE.message(note.message.as_str()));
                let mut origin = Origin::path(&**file);
                if let Some(line) = note.line {
                    origin = origin.line(line).char_column(note.column.unwrap_or(1));
                }
                group = group.element(origin);
            }
            (None, _) => group = group.element(Level::NOTE.message(note.message.as_str())),
        }
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(&**help));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// Text annotate-snippets shows as it is: one line of printable ASCII,
/// short enough never to be cut to the terminal, no tabs and no space at
/// either end (which the renderer might trim or widen).
fn verbatim(s: &str, max: usize) -> bool {
    s.len() <= max
        && s.bytes().all(|b| (b' '..=b'~').contains(&b))
        && !s.starts_with(' ')
        && !s.ends_with(' ')
}

/// A message, label or help: written after everything it could shift, so
/// any text without control characters (which the renderer replaces) or
/// space at either end.
fn words(s: &str) -> bool {
    // Printable ASCII, the common case, is told 16 bytes at a time with no
    // branch per byte: `check` asks this of every message it writes.
    let printable = |s: &str| {
        s.as_bytes().chunks(16).all(|chunk| {
            chunk
                .iter()
                .fold(true, |ok, &b| ok & (b.wrapping_sub(b' ') <= b'~' - b' '))
        })
    };
    let plain = |s: &str| {
        printable(s) || !s.is_ascii() && !s.chars().any(|c| c.is_control() || is_invisible(c))
    };
    s.len() <= MESSAGE
        && plain(s)
        && !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
}

/// Characters a renderer may treat specially: bidirectional controls,
/// zero-width marks and line or paragraph separators. Text with them goes
/// through annotate-snippets.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A shown line: as `verbatim`, but it may be indented.
fn verbatim_line(s: &str) -> bool {
    verbatim(s.trim_start_matches(' '), SHOWN_LINE) && s.len() <= SHOWN_LINE
}

/// The longest source line the plain path shows; annotate-snippets cuts lines
/// only well past this.
const SHOWN_LINE: usize = 100;
/// The longest message, label or help line the plain path writes.
const MESSAGE: usize = 1_000;

/// The plain rendering of the shapes `check` prints by the thousand (a title,
/// one located snippet with a caret, notes at other located snippets, a
/// help), written directly: the same bytes as annotate-snippets (a test holds
/// them equal) at a fraction of the cost. `None` for anything else, which
/// goes through annotate-snippets.
fn plain(out: &mut String, d: &Diagnostic) -> bool {
    use std::fmt::Write as _;
    let (Some(file), Some(snip)) = (d.file.as_deref(), d.snippet.as_ref()) else {
        return false;
    };
    let simple_snippet = |s: &diag::Snippet| {
        verbatim_line(&s.text)
            && s.underline.start < s.underline.end
            && s.underline.end <= s.text.len()
            && s.line > 0
    };
    let notes_simple = d.notes.iter().all(|n| match (&n.file, &n.snippet) {
        // A note in the primary's file is drawn in the same snippet.
        (Some(nfile), Some(nsnip)) => {
            **nfile != *file && simple_snippet(nsnip) && words(nfile) && words(&n.message)
        }
        _ => false,
    });
    if !notes_simple
        || !simple_snippet(snip)
        || !words(file)
        || !words(&d.message)
        || !d.label.as_deref().is_none_or(words)
        || !d.help.as_deref().is_none_or(words)
    {
        return false;
    }
    let digits = |n: usize| n.checked_ilog10().unwrap_or(0) as usize + 1;
    let width = d
        .notes
        .iter()
        .filter_map(|n| n.snippet.as_ref())
        .map(|s| digits(s.line))
        .chain([digits(snip.line)])
        .max()
        .unwrap_or(1);
    let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n));
    let rule = |out: &mut String| {
        pad(out, width + 1);
        out.push_str("|\n");
    };
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = writeln!(out, "{level}[{}]: {}", d.code.as_str(), d.message);
    let block = |out: &mut String, s: &diag::Snippet, mark: char, label: &str| {
        rule(out);
        let _ = writeln!(out, "{:>width$} | {}", s.line, s.text);
        pad(out, width + 1);
        out.push_str("| ");
        pad(out, s.underline.start);
        out.extend(std::iter::repeat_n(mark, s.underline.len()));
        if !label.is_empty() {
            out.push(' ');
            out.push_str(label);
        }
        out.push('\n');
    };
    pad(out, width);
    let _ = writeln!(out, "--> {file}:{}:{}", snip.line, snip.underline.start + 1);
    block(out, snip, '^', d.label.as_deref().unwrap_or(""));
    for n in &d.notes {
        if let (Some(nfile), Some(nsnip)) = (&n.file, &n.snippet) {
            rule(out);
            pad(out, width);
            let _ = writeln!(
                out,
                "::: {nfile}:{}:{}",
                nsnip.line,
                nsnip.underline.start + 1
            );
            block(out, nsnip, '-', &n.message);
        }
    }
    match &d.help {
        Some(help) => {
            rule(out);
            pad(out, width + 1);
            out.push_str("= help: ");
            out.push_str(help);
        }
        None => {
            out.pop();
        }
    }
    true
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

/// Diagnostics as one JSON array. They are taken one at a time, so a list
/// made as it is written is never held whole.
pub fn json<D: Borrow<Diagnostic>>(
    out: &mut dyn Write,
    diagnostics: impl IntoIterator<Item = D>,
) -> io::Result<()> {
    /// One diagnostic in its JSON shape.
    struct Item<D>(D);
    impl<D: Borrow<Diagnostic>> Serialize for Item<D> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let d = self.0.borrow();
            JsonDiagnostic {
                code: d.code.as_str(),
                severity: d.severity,
                file: d.file.as_deref(),
                line: d.line(),
                column: d.column(),
                message: &d.message,
                help: d.help.as_deref(),
                notes: &d.notes,
            }
            .serialize(s)
        }
    }
    /// The array, serialised from the iterator as it goes.
    struct Seq<I>(std::cell::RefCell<Option<I>>);
    impl<I, D> Serialize for Seq<I>
    where
        I: Iterator<Item = D>,
        D: Borrow<Diagnostic>,
    {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let items = self.0.borrow_mut().take().into_iter().flatten();
            s.collect_seq(items.map(Item))
        }
    }
    let seq = Seq(std::cell::RefCell::new(Some(diagnostics.into_iter())));
    super::write_json(out, &seq)
}

/// GitHub Actions workflow commands, so findings show on the pull request diff.
pub fn github<D: Borrow<Diagnostic>>(
    out: &mut dyn Write,
    diagnostics: impl IntoIterator<Item = D>,
) -> io::Result<()> {
    for d in diagnostics {
        let d = d.borrow();
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
    super::escape::visible(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{MESSAGE, is_invisible, plain, snippets, words};
    use crate::diag::{Code, Diagnostic, Note, Severity, Snippet, make};
    use proptest::prelude::*;

    fn snippet(line: usize, text: &str, underline: std::ops::Range<usize>) -> Snippet {
        Snippet {
            line,
            column: underline.start + 1,
            text: text.into(),
            underline,
        }
    }

    /// The direct rendering, where it applies, is annotate-snippets' to the byte.
    fn same(d: &Diagnostic) -> bool {
        let mut text = String::new();
        let direct = plain(&mut text, d);
        if direct {
            assert_eq!(text, snippets(d, false), "{d:#?}");
        }
        direct
    }

    #[test]
    fn the_shapes_check_prints_are_drawn_directly_and_identically() {
        let lint = make::lint(
            Code::UndatedClaim,
            "claim `x` has no `said` date".into(),
            "add it",
        )
        .at("claims/a.toml", Some(snippet(7, "id = \"x\"", 5..8)));
        assert!(same(&lint));
        let mut error = lint.clone();
        error.severity = Severity::Error;
        assert!(same(&error));
        let drift = make::drift(Code::HedgeDropped, "x", "dropped")
            .at("claims/b.toml", Some(snippet(9, "id = \"x\"", 5..8)))
            .note(Note::at(
                "earlier appearance in a",
                "claims/a.toml",
                snippet(1234, "  id = \"x\"", 7..10),
            ));
        assert!(same(&drift));
        let mut bare = drift.clone();
        bare.help = None;
        bare.label = None;
        assert!(same(&bare));
        // Same-file notes, tabs and non-ASCII go through annotate-snippets.
        let same_file = make::duplicate_claim_id("x")
            .at("a.toml", Some(snippet(9, "id = \"x\"", 5..8)))
            .note(Note::at(
                "first used here",
                "a.toml",
                snippet(2, "id = \"x\"", 5..8),
            ));
        assert!(!same(&same_file));
        let tab = lint
            .clone()
            .at("a.toml", Some(snippet(1, "id =\t\"x\"", 5..8)));
        assert!(!same(&tab));
        let wide = lint
            .clone()
            .at("a.toml", Some(snippet(1, "id = \"報\"", 5..8)));
        assert!(!same(&wide));
    }

    fn ascii(max: usize) -> impl Strategy<Value = String> {
        proptest::string::string_regex(&format!("[ -~]{{0,{max}}}")).unwrap()
    }

    /// Mostly ASCII, with accents, wide characters and emoji.
    fn text(max: usize) -> impl Strategy<Value = String> {
        proptest::string::string_regex(&format!("([ -~]|[ -~]|[éí報🛰]){{0,{max}}}")).unwrap()
    }

    fn located() -> impl Strategy<Value = Snippet> {
        (1usize..200_000, ascii(120), any::<(u8, u8)>()).prop_map(|(line, text, (a, b))| {
            let len = text.len().max(1);
            let (a, b) = (a as usize % len, b as usize % len);
            let (from, to) = (a.min(b), a.max(b) + 1);
            Snippet {
                line,
                column: from + 1,
                underline: from.min(text.len())..to.min(text.len()),
                text: text.into(),
            }
        })
    }

    proptest! {
        /// The printable-ASCII fast path tells text as looking at each
        /// character does.
        #[test]
        fn words_are_told_as_character_by_character(
            s in "[ -~]{0,30}[\u{0}-\u{1f}\u{7f}\u{85}\u{a0}\u{200b}\u{202e}\u{2028}é報]?[ -~]{0,10}"
        ) {
            let by_char = s.len() <= MESSAGE
                && !s.chars().any(|c| c.is_control() || is_invisible(c))
                && !s.starts_with(char::is_whitespace)
                && !s.ends_with(char::is_whitespace);
            prop_assert_eq!(words(&s), by_char);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            failure_persistence: None,
            ..ProptestConfig::with_cases(2_000)
        })]
        #[test]
        fn direct_rendering_matches_annotate_snippets(
            message in text(60),
            label in proptest::option::of(text(20)),
            help in proptest::option::of(text(60)),
            file in "[a-zé報/._-]{1,300}",
            at in located(),
            notes in proptest::collection::vec(("[a-zé報/._-]{1,300}", located(), text(40)), 0..3),
            error in any::<bool>(),
        ) {
            let mut d = make::lint(Code::UndatedClaim, message, "").at(&file, Some(at));
            d.help = help.map(Into::into);
            d.label = label.map(Into::into);
            if error {
                d.severity = Severity::Error;
            }
            for (nfile, snip, message) in notes {
                d = d.note(Note::at(message, &nfile, snip));
            }
            same(&d);
        }
    }
}
