//! Validated domain types: what an article, a source, a claim, a route and an
//! outlet *mean*, with no spans and no serde quirks. Built only by `load`.
//!
//! The attribution classes (named, anonymous, outlet, unattributed) are defined
//! here, once, in [`Claim::class`]; every report and lint uses that definition.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

macro_rules! name_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant,)* }

        impl $name {
            pub const NAMES: &'static [&'static str] = &[$($text,)*];

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
        }
    };
}

name_enum!(
    /// What kind of speaker a source is.
    SourceKind { Person => "person", Organization => "organization", Document => "document", Unknown => "unknown" }
);
name_enum!(
    /// How the article presents a claim.
    ClaimKind { Quote => "quote", Paraphrase => "paraphrase", Assertion => "assertion", Background => "background" }
);
name_enum!(
    /// What kind of news organization an outlet is. `unspecified` is a vague
    /// credit ("local media reports", "berbagai sumber"): reporting the
    /// article credits without naming whose.
    OutletKind { Wire => "wire", Agency => "agency", Newspaper => "newspaper", Broadcaster => "broadcaster", Magazine => "magazine", Online => "online", Blog => "blog", Unspecified => "unspecified" }
);
name_enum!(
    /// Who owns an outlet.
    Ownership { Private => "private", Public => "public", State => "state" }
);

/// The longest name of a file or folder that common file systems allow, in
/// bytes (ext4, XFS, Btrfs, ZFS; APFS and NTFS count 255 characters, which
/// is at least 255 bytes).
pub const NAME_MAX: usize = 255;

/// Why an article id cannot name its report file, if it cannot: `report
/// --out` writes `ID.md` beside the index, the id's `/`-separated parts as
/// folders. Parts that could leave the folder or would be hidden are refused,
/// and so are parts too long to name a file ([`NAME_MAX`], `.md` included).
pub fn article_id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        return Some("it is empty");
    }
    let last = id.rsplit('/').next().unwrap_or(id);
    if id.split('/').any(|part| part.len() > NAME_MAX) || last.len() + ".md".len() > NAME_MAX {
        return Some(
            "a part is longer than file systems allow a name to be (255 bytes, `.md` included for the last part)",
        );
    }
    for part in id.split('/') {
        if part.is_empty() {
            return Some("it has an empty part (`//`, or a `/` at an end)");
        }
        if part == "." || part == ".." {
            return Some("`.` and `..` would leave the report folder");
        }
        if part.starts_with('.') {
            return Some("a part starting with `.` would be a hidden file");
        }
        if part
            .chars()
            .any(|c| c.is_control() || matches!(c, '\\' | ':' | '<' | '>' | '"' | '|' | '?' | '*'))
        {
            return Some("it has a character that is not allowed in file names");
        }
        if part.trim() != part {
            return Some("a part starts or ends with a space");
        }
    }
    if id.eq_ignore_ascii_case("README") {
        return Some("`README.md` is the index");
    }
    None
}

/// The attribution class of a scored claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Its source has a name.
    Named,
    /// Its source is anonymous.
    Anonymous,
    /// No speaker, but credited to another outlet's reporting.
    Outlet,
    /// Neither source nor route: the article's own voice.
    Unattributed,
    /// `kind = "background"`: context that is not scored.
    Background,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Named => "named",
            Class::Anonymous => "anonymous",
            Class::Outlet => "outlet",
            Class::Unattributed => "unattributed",
            Class::Background => "background",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outlet {
    pub id: String,
    pub name: String,
    pub kind: Option<OutletKind>,
    pub country: Option<String>,
    pub ownership: Option<Ownership>,
    pub url: Option<String>,
    /// Other names articles use for the outlet (`aliases` in `outlets.toml`).
    pub aliases: Vec<String>,
}

impl Outlet {
    pub fn is_state(&self) -> bool {
        self.ownership == Some(Ownership::State)
    }
}

/// The outlet registry, by id. Looked up for every hop of every claim, so a
/// hash map, with a fast hash (the keys are the user's own outlet ids, not
/// input an attacker chooses); `ids` gives them in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outlets {
    pub by_id: HashMap<String, Outlet, foldhash::fast::RandomState>,
    /// Whether outlet ids are checked against this registry: true once an
    /// `outlets.toml` was read, even an empty one. Without a readable
    /// registry (already an error) every id would be unknown, so none is.
    pub checked: bool,
    /// "Did you mean" over the ids, built when an unknown id first needs it.
    pub suggest: crate::diag::LazySuggester,
}

impl Outlets {
    /// Every outlet id, sorted.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.by_id.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }

    /// The index "did you mean" asks for an unknown outlet id.
    pub fn suggester(&self) -> &crate::diag::Suggester {
        self.suggest.get_or_init(|| self.ids())
    }

    pub fn get(&self, id: &str) -> Option<&Outlet> {
        self.by_id.get(id)
    }

    /// The display name of an outlet id (the id itself when unknown).
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.by_id.get(id).map(|o| o.name.as_str()).unwrap_or(id)
    }

    pub fn is_state(&self, id: &str) -> bool {
        self.by_id.get(id).is_some_and(Outlet::is_state)
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    /// The file as the user named it.
    pub file: String,
    pub title: String,
    pub outlet: String,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    pub byline: Vec<String>,
    pub credited: Vec<String>,
    /// Sorted by id.
    pub sources: Vec<Source>,
    /// In file order.
    pub claims: Vec<Claim>,
    /// Position of the `[article]` table.
    pub pos: Pos,
}

impl Article {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.sources[i])
    }

    /// The source a claim cites, if any.
    pub fn source_of(&self, claim: &Claim) -> Option<&Source> {
        claim.source.as_deref().and_then(|id| self.source(id))
    }

    /// A claim's attribution class (see [`Class`]).
    pub fn class_of(&self, claim: &Claim) -> Class {
        Article::class_with(claim, self.source_of(claim))
    }

    /// `class_of`, given the claim's source already looked up.
    pub fn class_with(claim: &Claim, source: Option<&Source>) -> Class {
        if claim.kind == ClaimKind::Background {
            return Class::Background;
        }
        match source {
            Some(s) if s.anonymous => Class::Anonymous,
            Some(_) => Class::Named,
            None if !claim.routes.is_empty() => Class::Outlet,
            None => Class::Unattributed,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: String,
    pub name: Option<String>,
    pub anonymous: bool,
    pub description: Option<String>,
    pub reason: Option<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
    pub kind: SourceKind,
    /// Position of the source's key in `[sources.ID]`.
    #[serde(skip)]
    pub pos: Pos,
}

impl Source {
    /// The speaker as the article presents them: the name, or
    /// "anonymous: <description>".
    pub fn described(&self) -> String {
        match (&self.name, &self.description) {
            (Some(name), _) => name.clone(),
            (None, Some(desc)) => format!("anonymous: {desc}"),
            (None, None) => "anonymous".to_string(),
        }
    }
}

/// Where something sits in its file, as a byte range, for diagnostics found
/// after loading (lints, drift). Lines and columns are worked out only when a
/// diagnostic is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub id: String,
    pub text: String,
    pub quote: Option<String>,
    /// A source id of the article (checked to exist).
    pub source: Option<String>,
    pub routes: Vec<Route>,
    pub said: Option<NaiveDate>,
    pub hedge: Option<String>,
    pub kind: ClaimKind,
    pub key: bool,
    /// Position of the claim's `id` value.
    pub pos: Pos,
}

impl Claim {
    /// At least one route passes through another outlet.
    pub fn relayed(&self) -> bool {
        !self.routes.is_empty()
    }

    pub fn hedged(&self) -> bool {
        self.hedge.is_some()
    }

    /// Every route passes through a state-owned outlet (and there is a route).
    pub fn state_reliant(&self, outlets: &Outlets) -> bool {
        !self.routes.is_empty()
            && self
                .routes
                .iter()
                .all(|r| r.hops.iter().any(|h| outlets.is_state(h)))
    }

    /// Hops of the longest route.
    pub fn longest_route(&self) -> usize {
        self.routes.iter().map(|r| r.hops.len()).max().unwrap_or(0)
    }
}

/// Outlet ids from the speaker outward.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Route {
    pub hops: Vec<String>,
}
