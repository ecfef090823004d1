//! `fmt`'s promises under unusual layouts and a hostile file system: it is
//! idempotent on every layout it accepts (dotted keys, inline tables, bare
//! parent tables, comments anywhere; a generated campaign), it keeps a file's
//! owner, group, mode and line endings, it treats what it cannot read as
//! `check` does, and it never loses an edit saved while it runs.

use crate::common::{OUTLETS, code, corpus, run};
use claimtrail::layout::{self, FileKind};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::fs;
use std::process::Output;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// --- idempotence -----------------------------------------------------------------------------

/// How the `[article]` table is written.
#[derive(Clone, Copy, Debug)]
enum ArticleStyle {
    /// `[article]` and its keys under it.
    Header,
    /// `article.title = …` at the top of the file.
    Dotted,
    /// `article = { title = …, … }` at the top of the file.
    Inline,
    /// `[article]` holding a dotted key of its own (`extra.note = …`).
    HeaderWithDotted,
}

/// How the `[sources]` tables are written.
#[derive(Clone, Copy, Debug)]
enum SourcesStyle {
    /// `[sources.s]` headers only.
    Headers,
    /// A bare `[sources]` header, then `[sources.s]` headers.
    BareParentFirst,
    /// `[sources.s]` headers, then a bare `[sources]` after them.
    BareParentLast,
    /// `sources.s.name = …` at the top of the file.
    Dotted,
    /// `[sources]` with `s.name = …` under it.
    DottedUnderParent,
    /// `[sources]` with `s = { name = … }` under it.
    InlineUnderParent,
}

/// The decoration of one line: blank lines, comment lines and blank lines
/// again above it, and a comment after it.
type Decor = (u8, u8, u8, bool);

/// A generated annotation: styles, number of sources and claims, section order
/// and one decoration per line (reused cyclically).
fn layout_text(
    article: ArticleStyle,
    sources: SourcesStyle,
    n_sources: usize,
    n_claims: usize,
    claims_first: bool,
    decor: &[Decor],
    end_comment: bool,
) -> String {
    let ids: Vec<String> = (0..n_sources).map(|i| format!("s{i}")).collect();
    // Lines at the top of the file, before any header.
    let mut top: Vec<String> = Vec::new();
    // Sections, each a run of lines opening with its header.
    let mut article_section: Vec<String> = Vec::new();
    let mut sources_section: Vec<String> = Vec::new();
    match article {
        ArticleStyle::Header => {
            article_section
                .extend(["[article]", "outlet = 'reuters'", "title = \"T\""].map(String::from));
        }
        ArticleStyle::HeaderWithDotted => {
            article_section.extend(
                [
                    "[article]",
                    "title = \"T\"",
                    "extra.note = \"n\"",
                    "outlet = \"reuters\"",
                ]
                .map(String::from),
            );
        }
        ArticleStyle::Dotted => {
            top.push("article.outlet = \"reuters\"".into());
            top.push("article . title = 'T'".into());
        }
        ArticleStyle::Inline => {
            top.push("article = { title = \"T\", outlet = 'reuters' }".into());
        }
    }
    let source_tables = |lines: &mut Vec<String>| {
        for id in &ids {
            lines.push(format!("[sources.{id}]"));
            lines.push("role = \"r\"".into());
            lines.push(format!("name = \"Name {id}\""));
        }
    };
    match sources {
        SourcesStyle::Headers => source_tables(&mut sources_section),
        SourcesStyle::BareParentFirst => {
            sources_section.push("[sources]".into());
            source_tables(&mut sources_section);
        }
        SourcesStyle::BareParentLast => {
            source_tables(&mut sources_section);
            sources_section.push("[sources]".into());
        }
        SourcesStyle::Dotted => {
            for id in &ids {
                top.push(format!("sources.{id}.name = \"Name {id}\""));
            }
        }
        SourcesStyle::DottedUnderParent => {
            sources_section.push("[sources]".into());
            for id in &ids {
                sources_section.push(format!("{id}.role = \"r\""));
                sources_section.push(format!("{id}.name = \"Name {id}\""));
            }
        }
        SourcesStyle::InlineUnderParent => {
            sources_section.push("[sources]".into());
            for id in &ids {
                sources_section.push(format!("{id} = {{ name = \"Name {id}\", role = 'r' }}"));
            }
        }
    }
    let mut claims_section: Vec<String> = Vec::new();
    for i in 0..n_claims {
        claims_section.push("[[claims]]".into());
        claims_section.push(format!("text = \"claim {i}\""));
        claims_section.push(format!("id = 'c{i}'"));
        if let Some(id) = ids.first() {
            claims_section.push(format!("source = \"{id}\""));
        }
    }
    let mut lines = top;
    let sections = if claims_first {
        [claims_section, sources_section, article_section]
    } else {
        [article_section, sources_section, claims_section]
    };
    for section in sections {
        lines.extend(section);
    }
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        let (blanks, comments, blanks_after, trailing) = decor[i % decor.len()];
        for _ in 0..blanks {
            text.push('\n');
        }
        for c in 0..comments {
            text.push_str(&format!("# above line {i}, {c}\n"));
        }
        for _ in 0..blanks_after {
            text.push('\n');
        }
        text.push_str(line);
        if trailing {
            text.push_str(&format!("  # after line {i}"));
        }
        text.push('\n');
    }
    if end_comment {
        text.push_str("\n# the end\n");
    }
    text
}

fn article_style() -> impl Strategy<Value = ArticleStyle> {
    prop_oneof![
        Just(ArticleStyle::Header),
        Just(ArticleStyle::Dotted),
        Just(ArticleStyle::Inline),
        Just(ArticleStyle::HeaderWithDotted),
    ]
}

fn sources_style() -> impl Strategy<Value = SourcesStyle> {
    prop_oneof![
        Just(SourcesStyle::Headers),
        Just(SourcesStyle::BareParentFirst),
        Just(SourcesStyle::BareParentLast),
        Just(SourcesStyle::Dotted),
        Just(SourcesStyle::DottedUnderParent),
        Just(SourcesStyle::InlineUnderParent),
    ]
}

fn decor() -> impl Strategy<Value = Vec<Decor>> {
    prop::collection::vec((0u8..3, 0u8..3, 0u8..2, any::<bool>()), 1..12)
}

/// `fmt` twice is `fmt` once, and keeps the data.
fn assert_idempotent(text: &str) -> Result<(), TestCaseError> {
    let once = layout::format(text, FileKind::Article)
        .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    let twice = layout::format(&once, FileKind::Article)
        .map_err(|e| TestCaseError::fail(format!("{e}\n{once}")))?;
    prop_assert_eq!(
        &once,
        &twice,
        "not idempotent\n--- input\n{}--- once\n{}--- twice\n{}",
        text,
        once,
        twice
    );
    let before: toml::Table = toml::from_str(text).unwrap();
    let after: toml::Table = toml::from_str(&once).unwrap();
    prop_assert_eq!(before, after, "the data changed\n{}", once);
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: 4000, ..Config::default() })]

    #[test]
    fn fmt_is_idempotent_on_generated_layouts(
        article in article_style(),
        sources in sources_style(),
        n_sources in 0usize..3,
        n_claims in 0usize..3,
        claims_first in any::<bool>(),
        decor in decor(),
        end_comment in any::<bool>(),
    ) {
        let text = layout_text(article, sources, n_sources, n_claims, claims_first, &decor, end_comment);
        // Every layout generated is TOML (no table is defined twice).
        prop_assert!(text.parse::<toml_edit::DocumentMut>().is_ok(), "not TOML:\n{}", text);
        assert_idempotent(&text)?;
    }
}

#[test]
fn fmt_then_fmt_check_passes_on_dotted_keys_and_a_bare_parent_table() {
    // Dotted keys at the top once hid that the file has top-level lines: the
    // comments between them and the first header moved on each run.
    let text = "article.title = \"T\"\narticle . outlet = 'reuters'\n\n# about the claim\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\nsource = \"s\"\n\n# about the sources\n\n[sources]\ns .name = \"S\"\n";
    let c = corpus(&[("outlets.toml", OUTLETS), ("a.toml", text)]);
    let out = run(c.claimtrail(&["fmt", "a.toml"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(c.join("a.toml")).unwrap(),
        "article.title = \"T\"\narticle.outlet = \"reuters\"\n\n# about the sources\n\n[sources]\ns.name = \"S\"\n\n# about the claim\n\n[[claims]]\nid = \"a\"\ntext = \"b\"\nsource = \"s\"\n"
    );
    let out = run(c.claimtrail(&["fmt", "a.toml", "--check"]));
    assert_eq!((code(&out), stdout(&out).as_str()), (0, ""));
    // An empty `[sources]` is kept: without it the data would change.
    let text = "[article]\ntitle = \"T\"\noutlet = \"reuters\"\n\n[sources]\n";
    assert_eq!(layout::format(text, FileKind::Article).unwrap(), text);
}

// --- owner, group and mode -------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn fmt_keeps_the_owner_group_and_mode_of_a_file_it_does_not_own() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let c = corpus(&[
        ("outlets.toml", OUTLETS),
        ("a.toml", "[article]\ntitle='T'\noutlet='reuters'\n"),
    ]);
    // The folder the test made is owned by whoever runs it.
    if fs::metadata(c.path()).unwrap().uid() != 0 {
        eprintln!("skipped: only root may give a file to another owner");
        return;
    }
    let path = c.join("a.toml");
    // nobody:nogroup
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let out = run(c.claimtrail(&["fmt", "a.toml"]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "[article]\ntitle = \"T\"\noutlet = \"reuters\"\n"
    );
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), meta.mode() & 0o7777),
        (65534, 65534, 0o640)
    );
}
