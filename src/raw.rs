//! The annotation files exactly as written: serde types with spans, strict about
//! unknown keys. Nothing here is validated beyond TOML types; `load` turns these
//! into the `model`.
//!
//! Enumerated values (`kind`, `ownership`) are kept as spanned strings so that a
//! wrong value is reported with a "did you mean" alongside every other problem of
//! the file, instead of stopping deserialization at the first one.
//!
//! The same types describe the files to editors: `schema` derives a JSON Schema
//! from them (`JsonSchema`), with each field's doc comment as its description,
//! so the schema cannot drift from what the loader accepts.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;
use toml::value::Datetime;

// The doc comments below are also the descriptions of `claimtrail schema`,
// which editors show on hover: write them for annotators.

/// One article file: the article, the sources it cites and the claims it makes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "claimtrail article")]
pub struct ArticleFile {
    /// The article as a whole: headline, outlet, date.
    #[schemars(with = "ArticleTable")]
    pub article: Spanned<ArticleTable>,
    /// The speakers the article cites, by an id of your choosing (`[sources.us-official]`).
    /// Claims refer to them with `source = "us-official"`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, SourceTable>")]
    pub sources: BTreeMap<Spanned<String>, Spanned<SourceTable>>,
    /// The claims the article makes, one `[[claims]]` table each, in article order.
    #[serde(default)]
    #[schemars(with = "Vec<ClaimTable>")]
    pub claims: Vec<Spanned<ClaimTable>>,
}

/// `[article]`: the article as a whole.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleTable {
    /// The headline, as published.
    #[schemars(with = "String", length(min = 1))]
    pub title: Spanned<String>,
    /// The publishing outlet: an id from `outlets.toml`.
    #[schemars(with = "String", length(min = 1))]
    pub outlet: Spanned<String>,
    /// Overrides the article id, which defaults to the file's path below the corpus without
    /// `.toml` (`2019/reuters-cyber`).
    #[schemars(with = "Option<String>", length(min = 1))]
    pub id: Option<Spanned<String>>,
    /// Where the article was published.
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// The publication date: a bare TOML date (2019-03-27) or an offset date-time. Leave it out
    /// when the article gives none: undated articles get a warning and are placed last in trails.
    #[schemars(with = "Option<crate::schema::TomlDate>")]
    pub published: Option<Spanned<Datetime>>,
    /// The article's language, as a BCP 47 tag (`en`, `id`, `ar`).
    #[schemars(with = "Option<String>")]
    pub language: Option<Spanned<String>>,
    /// The byline: one name or a list of names.
    #[schemars(with = "Option<Strings>")]
    pub byline: Option<Spanned<Strings>>,
    /// Credits the article gives as a whole ("various sources", "photo: ..."): a string or a list.
    #[schemars(with = "Option<Strings>")]
    pub credited: Option<Spanned<Strings>>,
}

/// `[sources.ID]`: one speaker the article cites. The key is the source's id within this
/// article.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceTable {
    /// The named speaker, a person or an organization. Leave it out for an anonymous source;
    /// a source needs either a `name` or `anonymous = true`, not both.
    #[schemars(with = "Option<String>", length(min = 1))]
    pub name: Option<Spanned<String>>,
    /// `true` for a source the article does not name.
    #[schemars(with = "Option<bool>")]
    pub anonymous: Option<Spanned<bool>>,
    /// How the article describes an anonymous source ("a U.S. official").
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    /// The reason the article gives for granting anonymity ("not authorized to speak publicly").
    #[schemars(with = "Option<String>")]
    pub reason: Option<Spanned<String>>,
    /// The speaker's position ("Foreign Ministry spokeswoman"); free text.
    #[schemars(with = "Option<String>")]
    pub role: Option<Spanned<String>>,
    /// Who the speaker speaks for ("Russian government"); free text.
    #[schemars(with = "Option<String>")]
    pub affiliation: Option<Spanned<String>>,
    /// The speaker's country: an ISO 3166-1 alpha-2 code in capitals (`US`, `RU`).
    #[schemars(with = "Option<String>", regex(pattern = r"^[A-Z]{2}$"))]
    pub country: Option<Spanned<String>>,
    /// What kind of speaker this is; `person` when left out.
    #[schemars(with = "Option<crate::model::SourceKind>")]
    pub kind: Option<Spanned<String>>,
}

/// `[[claims]]`: one claim the article makes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimTable {
    /// The claim's id, unique within the article. Use the same id in another article for the
    /// same claim: that is how claimtrail follows a claim across articles.
    #[schemars(with = "String", length(min = 1))]
    pub id: Spanned<String>,
    /// The claim, in the annotator's words.
    #[schemars(with = "String", length(min = 1))]
    pub text: Spanned<String>,
    /// A short verbatim fragment of the article that carries the claim.
    #[schemars(with = "Option<String>")]
    pub quote: Option<Spanned<String>>,
    /// Who made the claim: a source id of this article (a key of `[sources]`). Leave it out when
    /// the article names no speaker.
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    /// The routes by which the claim reached the article. Each route is an outlet id, or an array
    /// of outlet ids ordered from the speaker outward: `["reuters"]` (the article relays
    /// Reuters), `["cnn", "rferl"]` (two independent routes), `[["interfax", "reuters"]]` (Reuters
    /// relayed Interfax). Leave it out for a first-hand claim; give it without `source` when the
    /// article credits an outlet's reporting without naming a speaker.
    #[schemars(with = "Option<Vec<Route>>", length(min = 1))]
    pub via: Option<Spanned<Vec<Spanned<Route>>>>,
    /// When the statement was made or first reported: a bare TOML date (2019-03-26) or an offset
    /// date-time.
    #[schemars(with = "Option<crate::schema::TomlDate>")]
    pub said: Option<Spanned<Datetime>>,
    /// The distancing cue the article uses ("reportedly", "allegedly", "believed", "dikabarkan").
    #[schemars(with = "Option<String>")]
    pub hedge: Option<Spanned<String>>,
    /// How the article presents the claim. `background` marks context that is not scored. When
    /// left out: `paraphrase` for a claim with a source or route, `assertion` otherwise.
    #[schemars(with = "Option<crate::model::ClaimKind>")]
    pub kind: Option<Spanned<String>>,
    /// `true` for a headline claim: it counts double in the score, and the sourcing lints hold
    /// it to a higher standard.
    #[schemars(with = "Option<bool>")]
    pub key: Option<Spanned<bool>>,
}

/// `outlets.toml`: the outlet registry, one table per outlet id. The ids are what `outlet =` in
/// an article and `via =` in a claim refer to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(title = "claimtrail outlets")]
pub struct OutletsFile {
    #[schemars(with = "BTreeMap<String, OutletTable>")]
    pub outlets: BTreeMap<Spanned<String>, Spanned<OutletTable>>,
}

/// `[ID]` in `outlets.toml`: one news organization.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutletTable {
    /// The outlet's name as readers know it ("Reuters").
    #[schemars(with = "String", length(min = 1))]
    pub name: Spanned<String>,
    /// What kind of news organization it is.
    #[schemars(with = "Option<crate::model::OutletKind>")]
    pub kind: Option<Spanned<String>>,
    /// The outlet's home country: an ISO 3166-1 alpha-2 code in capitals (`GB`).
    #[schemars(with = "Option<String>", regex(pattern = r"^[A-Z]{2}$"))]
    pub country: Option<Spanned<String>>,
    /// Who owns it: `state` for state-owned or state-run media, `public` for publicly funded
    /// but editorially separate broadcasters, `private` otherwise.
    #[schemars(with = "Option<crate::model::Ownership>")]
    pub ownership: Option<Spanned<String>>,
    /// The outlet's home page.
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// Other names articles use for the outlet ("AFP", "Kantor Berita Antara"), so that
    /// `claimtrail draft` can match "told Reuters" or "dilansir Antara" to this id.
    #[schemars(with = "Option<Vec<String>>")]
    pub aliases: Option<Vec<Spanned<String>>>,
}

/// A route in `via`: one outlet id, or outlet ids ordered from the speaker outward.
#[derive(Debug)]
pub enum Route {
    Outlet(String),
    Chain(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for Route {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RouteVisitor;
        impl<'de> Visitor<'de> for RouteVisitor {
            type Value = Route;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an outlet id or an array of outlet ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Route, E> {
                Ok(Route::Outlet(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Route, A::Error> {
                let mut hops = Vec::new();
                while let Some(hop) = seq.next_element::<Spanned<String>>()? {
                    hops.push(hop);
                }
                Ok(Route::Chain(hops))
            }
        }
        d.deserialize_any(RouteVisitor)
    }
}

/// A string or a list of strings (`byline`, `credited`).
#[derive(Debug)]
pub struct Strings(pub Vec<String>);

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StringsVisitor;
        impl<'de> Visitor<'de> for StringsVisitor {
            type Value = Strings;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Strings, E> {
                Ok(Strings(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strings, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(Strings(items))
            }
        }
        d.deserialize_any(StringsVisitor)
    }
}

/// What a field holds, as the shape check (`load::shape`) sees it when the typed
/// parse above fails: the TOML types each field of the types above accepts.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    Str,
    Bool,
    Date,
    /// A string or an array of strings (`byline`, `credited`).
    Strings,
    /// An array of strings (`aliases`).
    StrList,
    /// An array of routes, each an outlet id or an array of outlet ids (`via`).
    Routes,
    /// A table with these fields (`[article]`).
    Table(&'static [Field]),
    /// A table of tables with these fields, keyed by id (`[sources.ID]`).
    TableMap(&'static [Field]),
    /// An array of tables with these fields (`[[claims]]`).
    TableList(&'static [Field]),
}

/// One key of a table: its name, what it holds, and whether it must be there.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub key: &'static str,
    pub shape: Shape,
    pub required: bool,
}

const fn field(key: &'static str, shape: Shape) -> Field {
    Field {
        key,
        shape,
        required: false,
    }
}

const fn required(key: &'static str, shape: Shape) -> Field {
    Field {
        key,
        shape,
        required: true,
    }
}

/// Each table's fields, in the order `fmt` writes them. A test holds these to
/// the types above (through the schema derived from them) and to serde's own
/// verdict on mutated files.
pub const ARTICLE_FILE_FIELDS: &[Field] = &[
    required("article", Shape::Table(ARTICLE_FIELDS)),
    field("sources", Shape::TableMap(SOURCE_FIELDS)),
    field("claims", Shape::TableList(CLAIM_FIELDS)),
];
pub const ARTICLE_FIELDS: &[Field] = &[
    required("title", Shape::Str),
    required("outlet", Shape::Str),
    field("id", Shape::Str),
    field("url", Shape::Str),
    field("published", Shape::Date),
    field("language", Shape::Str),
    field("byline", Shape::Strings),
    field("credited", Shape::Strings),
];
pub const SOURCE_FIELDS: &[Field] = &[
    field("name", Shape::Str),
    field("anonymous", Shape::Bool),
    field("description", Shape::Str),
    field("reason", Shape::Str),
    field("role", Shape::Str),
    field("affiliation", Shape::Str),
    field("country", Shape::Str),
    field("kind", Shape::Str),
];
pub const CLAIM_FIELDS: &[Field] = &[
    required("id", Shape::Str),
    required("text", Shape::Str),
    field("quote", Shape::Str),
    field("source", Shape::Str),
    field("via", Shape::Routes),
    field("said", Shape::Date),
    field("hedge", Shape::Str),
    field("kind", Shape::Str),
    field("key", Shape::Bool),
];
/// `outlets.toml` is a table of these, keyed by outlet id.
pub const OUTLET_FIELDS: &[Field] = &[
    required("name", Shape::Str),
    field("kind", Shape::Str),
    field("country", Shape::Str),
    field("ownership", Shape::Str),
    field("url", Shape::Str),
    field("aliases", Shape::StrList),
];

/// The keys each table allows, in order: for "did you mean" on an unknown
/// field and for `fmt`'s key order.
pub const ARTICLE_FILE_KEYS: &[&str] = &keys::<3>(ARTICLE_FILE_FIELDS);
pub const ARTICLE_KEYS: &[&str] = &keys::<8>(ARTICLE_FIELDS);
pub const SOURCE_KEYS: &[&str] = &keys::<8>(SOURCE_FIELDS);
pub const CLAIM_KEYS: &[&str] = &keys::<9>(CLAIM_FIELDS);
pub const OUTLET_KEYS: &[&str] = &keys::<6>(OUTLET_FIELDS);

/// The names of `fields`; `N` must be their number (checked when compiling).
const fn keys<const N: usize>(fields: &[Field]) -> [&'static str; N] {
    assert!(fields.len() == N, "wrong number of keys");
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].key;
        i += 1;
    }
    out
}

/// Parse an article file.
pub fn parse_article(text: &str) -> Result<ArticleFile, toml::de::Error> {
    toml::from_str(text)
}

/// Parse `outlets.toml`.
pub fn parse_outlets(text: &str) -> Result<OutletsFile, toml::de::Error> {
    toml::from_str(text)
}
