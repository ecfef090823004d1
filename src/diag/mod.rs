//! Diagnostics: the stable codes, their default levels and documentation, the
//! `Diagnostic` value every check produces, and one constructor per code so each
//! message is worded in exactly one place.
//!
//! Rendering lives in `render::diagnostics`; this module only describes problems.

mod sort;
mod suggest;
pub use sort::sorted;
pub use suggest::{LazySuggester, Suggester, cells_computed, closest, did_you_mean};

use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Text a diagnostic shows: mostly fixed sentences, sometimes made.
pub type Text = Cow<'static, str>;

/// A file a diagnostic points at: its name, shared when the caller holds it
/// shared (the diagnostics of one file, the facts of an article).
pub trait IntoFile {
    fn into_file(self) -> Arc<str>;
}

impl IntoFile for &str {
    fn into_file(self) -> Arc<str> {
        Arc::from(self)
    }
}

impl IntoFile for &String {
    fn into_file(self) -> Arc<str> {
        Arc::from(self.as_str())
    }
}

impl IntoFile for String {
    fn into_file(self) -> Arc<str> {
        Arc::from(self)
    }
}

impl IntoFile for Arc<str> {
    fn into_file(self) -> Arc<str> {
        self
    }
}

impl IntoFile for &Arc<str> {
    fn into_file(self) -> Arc<str> {
        self.clone()
    }
}

/// How serious a finding is once policy has been applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A level a code can be set to in `[lints]`, like clippy's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    pub const NAMES: [&'static str; 3] = ["allow", "warn", "deny"];

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

/// Which family a code belongs to; the README groups its code table this way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// The file cannot be read or does not follow the format: always an error.
    Format,
    /// A sourcing standard; its level is the newsroom's choice.
    Lint,
    /// Attribution that decayed between appearances of one claim.
    Drift,
}

macro_rules! codes {
    ($($variant:ident => ($name:literal, $group:ident, $level:ident, $doc:literal),)*) => {
        /// Every diagnostic code claimtrail emits. Names are stable: users key
        /// their `[lints]` table on them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case name used in output and in `[lints]`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn group(self) -> Group {
                match self { $(Code::$variant => Group::$group,)* }
            }

            /// The level a code has when `claimtrail.toml` says nothing of it.
            pub fn default_level(self) -> Level {
                match self { $(Code::$variant => Level::$level,)* }
            }

            /// One sentence saying what the code finds.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }
        }
    };
}

codes! {
    // Format errors: the file cannot be trusted until they are fixed.
    Syntax => ("syntax", Format, Deny, "The file is not valid TOML."),
    UnknownField => ("unknown-field", Format, Deny, "A key the format does not define."),
    MissingField => ("missing-field", Format, Deny, "A required key is absent."),
    WrongType => ("wrong-type", Format, Deny, "A value of the wrong TOML type (a string where a date belongs, say)."),
    InvalidDate => ("invalid-date", Format, Deny, "A date that is not a calendar date (a bare time, or 2019-02-30)."),
    InvalidValue => ("invalid-value", Format, Deny, "A value outside the allowed set or range (a `kind`, an `ownership`, a country code, a weight)."),
    EmptyValue => ("empty-value", Format, Deny, "A required text (an id, a title, a claim text) is empty."),
    UnknownSource => ("unknown-source", Format, Deny, "A claim names a source id the article does not define."),
    UnknownOutlet => ("unknown-outlet", Format, Deny, "An outlet id that is not in `outlets.toml`."),
    DuplicateClaimId => ("duplicate-claim-id", Format, Deny, "Two claims of one article share an id."),
    DuplicateArticleId => ("duplicate-article-id", Format, Deny, "Two files of the corpus have the same article id."),
    AnonymousWithName => ("anonymous-with-name", Format, Deny, "A source is marked anonymous but has a name."),
    UnnamedSource => ("unnamed-source", Format, Deny, "A source has no name and is not marked anonymous."),
    SaidAfterPublished => ("said-after-published", Format, Deny, "A claim is dated after the article that reports it."),
    EmptyRoute => ("empty-route", Format, Deny, "A `via` list or route with no outlet in it."),
    NotUtf8 => ("not-utf8", Format, Deny, "The file is not UTF-8 text (UTF-16 or binary, say)."),
    FileTooLarge => ("file-too-large", Format, Deny, "The file is larger than the configured limit and was not read."),
    Unreadable => ("unreadable", Format, Deny, "A file or folder could not be read (permissions, a symlink loop, a FIFO or device)."),
    MissingRegistry => ("missing-registry", Format, Deny, "No `outlets.toml` was found at or above the corpus folder."),
    UnknownLint => ("unknown-lint", Format, Deny, "`claimtrail.toml` names a code that does not exist or cannot be configured."),
    // Warnings of the format itself.
    UnusedSource => ("unused-source", Lint, Warn, "A source no claim cites."),
    UndatedArticle => ("undated-article", Lint, Warn, "The article has no `published` date; trails place it last."),
    ArticleWithoutClaims => ("article-without-claims", Lint, Warn, "The article has no `[[claims]]`: nothing of it is counted."),
    QuoteWithoutQuote => ("quote-without-quote", Lint, Warn, "A claim of `kind = \"quote\"` with no `quote` fragment."),
    RouteThroughOwnOutlet => ("route-through-own-outlet", Lint, Warn, "A route that passes through the article's own outlet."),
    RouteRepeatsOutlet => ("route-repeats-outlet", Lint, Warn, "A route that names one outlet twice."),
    // Sourcing standards (AP, Reuters, NYT rules on anonymous sources).
    AnonymousWithoutReason => ("anonymous-without-reason", Lint, Warn, "An anonymous source with no stated reason for anonymity."),
    AnonymousWithoutDescription => ("anonymous-without-description", Lint, Warn, "An anonymous source the article does not describe."),
    KeyClaimSingleAnonymous => ("key-claim-single-anonymous", Lint, Warn, "A key claim whose only support is one anonymous source."),
    KeyClaimUnattributed => ("key-claim-unattributed", Lint, Warn, "A key claim made in the article's own voice."),
    UnattributedAssertion => ("unattributed-assertion", Lint, Allow, "A scored claim with neither a source nor a route."),
    StateMediaSoleRoute => ("state-media-sole-route", Lint, Warn, "A claim whose every route runs through state-owned outlets."),
    UndatedClaim => ("undated-claim", Lint, Allow, "A sourced or relayed claim with no `said` date."),
    // Drift between appearances of one claim across articles.
    HedgeDropped => ("hedge-dropped", Drift, Warn, "Earlier appearances hedge the claim; this one states it flatly."),
    AttributionDropped => ("attribution-dropped", Drift, Warn, "Earlier appearances name a source or route; this one has neither."),
    RelayUncredited => ("relay-uncredited", Drift, Warn, "The claim first appeared in another outlet, which this appearance does not credit."),
    Anonymized => ("anonymized", Drift, Warn, "A source named earlier is anonymous here."),
    NamedLater => ("named-later", Drift, Warn, "A source anonymous earlier is named here."),
    StateOriginHidden => ("state-origin-hidden", Drift, Warn, "The claim's root runs through state media; this appearance no longer shows it."),
    SaidDateConflict => ("said-date-conflict", Drift, Warn, "Appearances give different `said` dates."),
}

impl Code {
    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// Format errors are hard errors: no policy can turn them off.
    pub fn configurable(self) -> bool {
        self.group() != Group::Format
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A position in a file, with the text of its line so a diagnostic can be
/// rendered without the file at hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The whole line, without its line ending; shared by the diagnostics
    /// that show it.
    pub text: Arc<str>,
    /// Byte range within `text` to underline (never empty for non-empty lines).
    pub underline: std::ops::Range<usize>,
}

/// A secondary location ("the first definition is here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    pub message: String,
    pub file: Option<Arc<str>>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The line pointed at, when it could be read, to show under the note.
    #[serde(skip)]
    pub snippet: Option<Snippet>,
}

impl Note {
    /// A note pointing at a place in a file, showing its line.
    pub fn at(message: impl Into<String>, file: impl IntoFile, snippet: Snippet) -> Note {
        Note {
            message: message.into(),
            file: Some(file.into_file()),
            line: Some(snippet.line),
            column: Some(snippet.column),
            snippet: Some(snippet),
        }
    }

    /// A note about the finding itself, at no place of its own.
    pub fn plain(message: impl Into<String>) -> Note {
        Note {
            message: message.into(),
            file: None,
            line: None,
            column: None,
            snippet: None,
        }
    }

    /// A note pointing at a file whose text is not at hand.
    pub fn in_file(message: impl Into<String>, file: impl IntoFile) -> Note {
        Note {
            message: message.into(),
            file: Some(file.into_file()),
            line: None,
            column: None,
            snippet: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// The file as the user named it (display form), shared by the
    /// diagnostics of one file.
    pub file: Option<Arc<str>>,
    pub snippet: Option<Snippet>,
    pub message: String,
    /// Short text under the caret.
    pub label: Option<Text>,
    pub help: Option<Text>,
    pub notes: Vec<Note>,
}

impl Diagnostic {
    /// A diagnostic that holds nothing (no allocation): what is left in a
    /// list when its diagnostics are moved out.
    pub(crate) fn empty() -> Diagnostic {
        Diagnostic::new(Code::Syntax, String::new())
    }

    fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        let severity = match code.default_level() {
            Level::Deny => Severity::Error,
            _ => Severity::Warning,
        };
        Diagnostic {
            code,
            severity,
            file: None,
            snippet: None,
            message: message.into(),
            label: None,
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn at(mut self, file: impl IntoFile, snippet: Option<Snippet>) -> Self {
        self.file = Some(file.into_file());
        self.snippet = snippet;
        self
    }

    pub fn in_file(mut self, file: impl IntoFile) -> Self {
        self.file = Some(file.into_file());
        self
    }

    pub fn label(mut self, label: impl Into<Text>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, note: Note) -> Self {
        self.notes.push(note);
        self
    }

    pub fn line(&self) -> Option<usize> {
        self.snippet.as_ref().map(|s| s.line)
    }

    pub fn column(&self) -> Option<usize> {
        self.snippet.as_ref().map(|s| s.column)
    }

    /// Ordering used for output: by file, then position, then code.
    pub fn sort_key(&self) -> (Option<&str>, usize, usize, Code, &str) {
        (
            self.file.as_deref(),
            self.line().unwrap_or(0),
            self.column().unwrap_or(0),
            self.code,
            &self.message,
        )
    }
}

fn one_of(candidates: &[&str]) -> String {
    let quoted: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
    quoted.join(", ")
}

/// A key as it must be written in a table header: bare when it can be,
/// quoted otherwise (`[sources."a b"]`), so a hint can be pasted as it is.
fn key(id: &str) -> String {
    crate::layout::key_repr(id)
}

/// One constructor per code: every message is written here and nowhere else.
pub mod make {
    use super::{Code, Diagnostic, Note, Suggester, did_you_mean, key, one_of};

    pub fn syntax(message: &str) -> Diagnostic {
        Diagnostic::new(Code::Syntax, format!("invalid TOML: {message}"))
            .help("fix the TOML syntax at the marked place; see the format in the README")
    }

    pub fn unknown_field(field: &str, expected: &[&str]) -> Diagnostic {
        let help = did_you_mean(field, expected.iter().copied())
            .unwrap_or_else(|| format!("expected one of {}", one_of(expected)));
        Diagnostic::new(Code::UnknownField, format!("unknown field `{field}`"))
            .label("not a field of this table")
            .help(help)
    }

    pub fn missing_field(field: &str, table: &str) -> Diagnostic {
        let help = if field == "article" {
            "start the file with an `[article]` table giving at least `title` and `outlet`"
                .to_string()
        } else {
            format!("add `{field} = ...` to {table}")
        };
        Diagnostic::new(
            Code::MissingField,
            format!("missing field `{field}` in {table}"),
        )
        .label(format!("this needs `{field}`"))
        .help(help)
    }

    pub fn wrong_type(message: &str, hint: Option<String>) -> Diagnostic {
        let message = message.strip_prefix("invalid type: ").unwrap_or(message);
        Diagnostic::new(Code::WrongType, format!("wrong type: {message}"))
            .label("wrong type")
            .help(hint.unwrap_or_else(|| {
                "see the format table in the README for each field's type".into()
            }))
    }

    pub fn invalid_date(field: &str, value: &str, why: &str) -> Diagnostic {
        Diagnostic::new(
            Code::InvalidDate,
            format!("`{field}` is not a valid date: {value}"),
        )
        .label(why.to_string())
        .help("write a bare TOML date such as 2019-03-26, or an offset date-time such as 2019-03-26T14:00:00Z")
    }

    /// A date literal the TOML parser itself rejects.
    pub fn invalid_date_literal(message: &str) -> Diagnostic {
        Diagnostic::new(Code::InvalidDate, format!("not a valid date: {message}"))
            .label("no such date")
            .help("write a real calendar date such as 2019-03-26")
    }

    pub fn invalid_value(field: &str, value: &str, allowed: &[&str]) -> Diagnostic {
        let help = did_you_mean(value, allowed.iter().copied())
            .unwrap_or_else(|| format!("expected one of {}", one_of(allowed)));
        Diagnostic::new(
            Code::InvalidValue,
            format!("`{value}` is not a valid `{field}`"),
        )
        .label("not an allowed value")
        .help(help)
    }

    /// A value of the right type outside the range its field allows (a
    /// negative size, a weight past its maximum).
    pub fn out_of_range(message: &str, hint: String) -> Diagnostic {
        let message = message.strip_prefix("invalid value: ").unwrap_or(message);
        Diagnostic::new(Code::InvalidValue, format!("invalid value: {message}"))
            .label("out of range")
            .help(hint)
    }

    /// A country that is not an ISO 3166-1 alpha-2 code; `meant` is the code
    /// and name it most likely stands for, when there is one.
    pub fn invalid_country(value: &str, meant: Option<(&str, &str)>) -> Diagnostic {
        let help = match meant {
            Some((code, name)) => format!("did you mean `{code}` ({name})?"),
            None => "write an ISO 3166-1 alpha-2 code such as `US`, `RU` or `ID`".to_string(),
        };
        Diagnostic::new(
            Code::InvalidValue,
            format!("`{value}` is not a valid `country`"),
        )
        .label("not an ISO 3166-1 alpha-2 code")
        .help(help)
    }

    /// An article `id` that cannot name its report file (`why`).
    pub fn invalid_article_id(id: &str, why: &str) -> Diagnostic {
        Diagnostic::new(
            Code::InvalidValue,
            format!("`{id}` is not a valid article `id`: {why}"),
        )
        .label("cannot name a report file")
        .help("an article id is one or more names joined by `/`, e.g. `2019/reuters-cyber`; `report --out` writes it as a file")
    }

    /// An article without `id` whose path below the corpus, the id it gets,
    /// cannot name its report file (`why`).
    pub fn invalid_path_article_id(id: &str, why: &str) -> Diagnostic {
        Diagnostic::new(
            Code::InvalidValue,
            format!("the article id `{id}`, from the file's path, cannot name a report file: {why}"),
        )
        .label("the article takes its id from its path")
        .help("rename the file, or set `id` in `[article]` to names joined by `/`, e.g. `2019/reuters-cyber`; `report --out` writes the id as a file")
    }

    pub fn empty_value(field: &str) -> Diagnostic {
        Diagnostic::new(Code::EmptyValue, format!("`{field}` is empty"))
            .label("empty")
            .help(format!("give `{field}` a value, or remove the entry"))
    }

    pub fn unknown_source(id: &str, known: &Suggester) -> Diagnostic {
        let help = known.did_you_mean(id).unwrap_or_else(|| {
            if known.is_empty() {
                format!(
                    "this article defines no sources; add a `[sources.{}]` table",
                    key(id)
                )
            } else {
                format!(
                    "define `[sources.{}]`, or use one of {}",
                    key(id),
                    known.listing()
                )
            }
        });
        let mut d = Diagnostic::new(Code::UnknownSource, format!("unknown source `{id}`"))
            .label("no such source in this article")
            .help(help)
            .note(Note::plain(
                "until it is fixed the claim has no source, and no finding about its attribution is reported",
            ));
        if let Some(meant) = known.closest(id) {
            d = d.note(Note::plain(format!(
                "`{meant}` is not reported as unused: this claim probably cites it"
            )));
        }
        d
    }

    pub fn unknown_outlet(id: &str, known: &Suggester) -> Diagnostic {
        let help = known
            .did_you_mean(id)
            .unwrap_or_else(|| format!("add `[{}]` to outlets.toml", key(id)));
        Diagnostic::new(Code::UnknownOutlet, format!("unknown outlet `{id}`"))
            .label("not in outlets.toml")
            .help(help)
    }

    pub fn duplicate_claim_id(id: &str) -> Diagnostic {
        Diagnostic::new(
            Code::DuplicateClaimId,
            format!("claim id `{id}` is used twice in this article"),
        )
        .label("duplicate id")
        .help("give each claim of an article its own id; reuse an id only across articles, for the same claim")
    }

    pub fn duplicate_article_id(id: &str) -> Diagnostic {
        Diagnostic::new(
            Code::DuplicateArticleId,
            format!("article id `{id}` is used by another file"),
        )
        .label("duplicate article id")
        .help("set a distinct `id` in `[article]`, or rename one of the files")
    }

    pub fn anonymous_with_name(source: &str) -> Diagnostic {
        Diagnostic::new(
            Code::AnonymousWithName,
            format!("source `{source}` is anonymous but has a name"),
        )
        .label("a named source is not anonymous")
        .help("remove `name` (describe the source in `description`), or remove `anonymous = true`")
    }

    pub fn unnamed_source(source: &str) -> Diagnostic {
        Diagnostic::new(
            Code::UnnamedSource,
            format!("source `{source}` has no name and is not marked anonymous"),
        )
        .label("who is this?")
        .help("add `name = \"...\"`, or `anonymous = true` with a `description`")
    }

    pub fn said_after_published(said: &str, published: &str) -> Diagnostic {
        Diagnostic::new(
            Code::SaidAfterPublished,
            format!("claim said on {said}, after the article was published on {published}"),
        )
        .label("later than `published`")
        .help("check both dates; `said` is when the statement was made or first reported")
    }

    pub fn empty_route(list: bool) -> Diagnostic {
        let (message, help) = if list {
            (
                "`via` lists no route",
                "remove `via` for a first-hand claim, or name the outlets it came through",
            )
        } else {
            (
                "a route with no outlet in it",
                "list the outlets from the speaker outward, e.g. [\"interfax\", \"reuters\"]",
            )
        };
        Diagnostic::new(Code::EmptyRoute, message)
            .label("empty")
            .help(help)
    }

    pub fn not_utf8(detail: &str) -> Diagnostic {
        Diagnostic::new(
            Code::NotUtf8,
            format!("the file is not UTF-8 text: {detail}"),
        )
        .help("save the file as UTF-8")
    }

    pub fn file_too_large(size: u64, limit: u64) -> Diagnostic {
        Diagnostic::new(
            Code::FileTooLarge,
            format!("the file is {size} bytes, over the limit of {limit} bytes; it was not read"),
        )
        .help("split the article, or raise the limit with --max-file-size or `max-file-size` in claimtrail.toml")
    }

    /// A path that could not be read, in the system's words, located in it.
    pub fn unreadable(path: &str, error: &dyn std::fmt::Display) -> Diagnostic {
        unreadable_because(path, format!("cannot read `{path}`: {error}"))
    }

    /// A symlink that leads back to a folder above it.
    pub fn symlink_loop(path: &str) -> Diagnostic {
        unreadable_because(path, format!("`{path}` is a symlink loop; it was skipped"))
    }

    /// A FIFO, device or folder where a file was expected.
    pub fn not_regular_file(path: &str) -> Diagnostic {
        unreadable_because(
            path,
            format!("`{path}` is not a regular file (a FIFO, device or folder); it was skipped"),
        )
    }

    fn unreadable_because(path: &str, message: String) -> Diagnostic {
        Diagnostic::new(Code::Unreadable, message)
            .help("check the path, its permissions, and that it is a regular file")
            .in_file(path)
    }

    pub fn missing_registry(root: &str) -> Diagnostic {
        Diagnostic::new(
            Code::MissingRegistry,
            format!("no outlets.toml at or above `{root}`"),
        )
        .help("create outlets.toml at the corpus root; every outlet id the articles use must be defined there")
    }

    pub fn unknown_lint(name: &str, reason: UnknownLintReason) -> Diagnostic {
        let names = super::Code::ALL
            .iter()
            .filter(|c| c.configurable())
            .map(|c| c.as_str());
        let (message, help) = match reason {
            UnknownLintReason::NoSuchCode => (
                format!("unknown lint `{name}`"),
                did_you_mean(name, names).unwrap_or_else(|| {
                    "the README lists every code; format errors cannot be configured".to_string()
                }),
            ),
            UnknownLintReason::HardError => (
                format!("`{name}` is a format error and cannot be configured"),
                "format errors are always errors; only lints and drift codes take a level"
                    .to_string(),
            ),
        };
        Diagnostic::new(super::Code::UnknownLint, message)
            .label("not a configurable code")
            .help(help)
    }

    #[derive(Clone, Copy, Debug)]
    pub enum UnknownLintReason {
        NoSuchCode,
        HardError,
    }

    pub fn unused_source(source: &str) -> Diagnostic {
        Diagnostic::new(
            Code::UnusedSource,
            format!("source `{source}` is not cited by any claim"),
        )
        .label("unused")
        .help("cite it with `source = \"...\"` in a claim, or remove it")
    }

    pub fn undated_article() -> Diagnostic {
        Diagnostic::new(Code::UndatedArticle, "the article has no `published` date")
            .label("no `published` here")
            .help("add `published = YYYY-MM-DD` if the date is known; undated appearances are placed last in trails")
    }

    pub fn lint(code: Code, message: String, help: &'static str) -> Diagnostic {
        Diagnostic::new(code, message).help(help)
    }

    // The sourcing lints (`lint.rs`), one constructor each.

    pub fn article_without_claims() -> Diagnostic {
        lint(
            Code::ArticleWithoutClaims,
            "the article has no claims".to_string(),
            "annotate its claims in `[[claims]]` tables; until then it counts for nothing in the report",
        )
    }

    pub fn anonymous_without_reason(source: &str) -> Diagnostic {
        lint(
            Code::AnonymousWithoutReason,
            format!("anonymous source `{source}` has no stated reason for anonymity"),
            "AP and the NYT ask the story to say why the source was granted anonymity; add `reason = \"...\"` as the article gives it",
        )
    }

    pub fn condition_not_reason(source: &str, reason: &str) -> Diagnostic {
        lint(
            Code::AnonymousWithoutReason,
            format!(
                "anonymous source `{source}` has a condition of anonymity (\"{reason}\"), not a reason for it"
            ),
            "\"on condition of anonymity\" says how the source spoke, not why anonymity was granted; a reason says why, e.g. \"because he was not authorized to discuss intelligence publicly\"",
        )
    }

    pub fn anonymous_without_description(source: &str) -> Diagnostic {
        lint(
            Code::AnonymousWithoutDescription,
            format!("anonymous source `{source}` is not described"),
            "AP and the NYT ask that an unnamed source be described as fully as possible (position, why they know); add `description = \"...\"`",
        )
    }

    pub fn quote_without_quote(claim: &str) -> Diagnostic {
        lint(
            Code::QuoteWithoutQuote,
            format!("claim `{claim}` is a quote with no `quote`"),
            "add the words quoted as `quote = \"...\"`, or make it kind = \"paraphrase\"",
        )
    }

    pub fn route_through_own_outlet(claim: &str, outlet: &str) -> Diagnostic {
        lint(
            Code::RouteThroughOwnOutlet,
            format!("claim `{claim}` is routed through `{outlet}`, the article's own outlet"),
            "a route lists the outlets before the article's own; drop it from `via`, or leave out `via` for first-hand reporting",
        )
    }

    pub fn route_repeats_outlet(claim: &str, hop: &str) -> Diagnostic {
        lint(
            Code::RouteRepeatsOutlet,
            format!("a route of claim `{claim}` names `{hop}` twice"),
            "a route runs from the speaker outward through each outlet once; two independent routes are two entries of `via`",
        )
    }

    pub fn key_claim_single_anonymous(claim: &str) -> Diagnostic {
        lint(
            Code::KeyClaimSingleAnonymous,
            format!("key claim `{claim}` rests on a single anonymous source"),
            "Reuters calls anonymous sources the weakest and holds two sources better than one; AP seeks more than one; annotate any corroboration the article gives",
        )
    }

    pub fn key_claim_unattributed(claim: &str) -> Diagnostic {
        lint(
            Code::KeyClaimUnattributed,
            format!("key claim `{claim}` is made in the article's own voice"),
            "a headline claim the article does not attribute is its own assertion; Reuters and AP attribute contested facts",
        )
    }

    pub fn unattributed_assertion(claim: &str) -> Diagnostic {
        lint(
            Code::UnattributedAssertion,
            format!("claim `{claim}` has neither a source nor a route"),
            "add `source` or `via` if the article attributes it, or mark context with kind = \"background\"",
        )
    }

    pub fn state_media_sole_route(claim: &str) -> Diagnostic {
        lint(
            Code::StateMediaSoleRoute,
            format!("claim `{claim}` reaches the article only through state-owned media"),
            "state media relay their government's line; look for an independent route and annotate it",
        )
    }

    pub fn undated_claim(claim: &str) -> Diagnostic {
        lint(
            Code::UndatedClaim,
            format!("claim `{claim}` has no `said` date"),
            "add `said = YYYY-MM-DD` when the article says when it was said or first reported",
        )
    }

    /// A drift finding's message: the earlier article hedged the claim, the
    /// later states it flatly.
    pub fn hedge_dropped(earlier: &str, hedge: &str, later: &str) -> String {
        format!("{earlier} hedged the claim (\"{hedge}\"); {later} states it flatly")
    }

    /// A drift finding's message: the earlier article attributes the claim,
    /// the later does not.
    pub fn attribution_dropped(earlier: &str, later: &str) -> String {
        format!("{earlier} attributes the claim; {later} gives neither source nor route")
    }

    /// A drift finding's message: the claim first appeared in `origin` (its
    /// outlet and where its routes began) and `later` does not credit it.
    pub fn relay_uncredited(origin: &str, origin_article: &str, later: &str) -> String {
        format!(
            "the claim first appeared in {origin} ({origin_article}); {later} does not credit it"
        )
    }

    /// A drift finding's message: a named source became anonymous.
    pub fn anonymized(earlier: &str, source: &str, later: &str) -> String {
        format!("{earlier} names the source ({source}); {later} makes it anonymous")
    }

    /// A drift finding's message: an anonymous source was named later.
    pub fn named_later(earlier: &str, later: &str, source: &str) -> String {
        format!("{earlier} has an anonymous source; {later} names {source}")
    }

    /// A drift finding's message: the state-media origin is not shown.
    pub fn state_origin_hidden(origin_article: &str, later: &str) -> String {
        format!(
            "the claim's origin ({origin_article}) runs through state-owned media; {later} does not show it"
        )
    }

    /// A drift finding's message: two articles date the statement apart.
    pub fn said_date_conflict(
        earlier: &str,
        earlier_said: Option<chrono::NaiveDate>,
        later: &str,
        said: chrono::NaiveDate,
    ) -> String {
        let earlier_said = earlier_said.map(|d| d.to_string()).unwrap_or_default();
        format!("{earlier} dates the statement {earlier_said}; {later} dates it {said}")
    }

    /// The note of a drift finding, at the earlier appearance it compares with.
    pub fn earlier_appearance(article: &str) -> String {
        format!("earlier appearance in {article}")
    }

    /// A drift finding of claim `claim`, located at the later appearance;
    /// `message` is one of the drift messages above.
    pub fn drift(code: Code, claim: &str, message: &str) -> Diagnostic {
        let message = format!("claim `{claim}`: {message}");
        let help = match code {
            Code::HedgeDropped => {
                "the distancing cue was lost on the way; if this article does hedge, annotate `hedge = \"...\"`"
            }
            Code::AttributionDropped => {
                "the claim lost its source on the way; if this article does attribute it, annotate `source` or `via`"
            }
            Code::RelayUncredited => {
                "an uncredited pickup; if the article credits the first outlet, add it to `via`"
            }
            Code::Anonymized => {
                "a named speaker became anonymous; check whether both appearances carry the same claim"
            }
            Code::NamedLater => {
                "an anonymous speaker was named later; check the identification and the claim id"
            }
            Code::StateOriginHidden => {
                "the claim's state-media origin is no longer visible; if the article credits it, add that outlet to `via`"
            }
            Code::SaidDateConflict => {
                "check the dates; `said` is when the statement was made or first reported"
            }
            _ => "see the drift codes in the README",
        };
        Diagnostic::new(code, message).label("here").help(help)
    }
}
