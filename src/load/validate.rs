//! Validating a parsed article into the model: every field's value, the
//! references between tables (a claim's source, a route's outlets), and the
//! rules the format states, each problem pushed as a located diagnostic.

use super::FileCtx;
use crate::diag::{Note, make};
use crate::model::{Article, Claim, ClaimKind, Outlets, Pos, Route, Source, SourceKind};
use crate::raw;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;
use toml::Spanned;

pub(crate) fn nonempty(ctx: &mut FileCtx, field: &str, value: Spanned<String>) -> String {
    if value.get_ref().trim().is_empty() {
        ctx.push_span(make::empty_value(field), value.span());
    }
    value.into_inner()
}

pub(crate) fn enum_value<E>(
    ctx: &mut FileCtx,
    field: &str,
    value: Spanned<String>,
    names: &[&str],
    parse: fn(&str) -> Option<E>,
) -> Option<E> {
    let parsed = parse(value.get_ref());
    if parsed.is_none() {
        ctx.push_span(
            make::invalid_value(field, value.get_ref(), names),
            value.span(),
        );
    }
    parsed
}

/// A country: an assigned ISO 3166-1 alpha-2 code, in capitals.
pub(crate) fn country(ctx: &mut FileCtx, value: Spanned<String>) -> Option<String> {
    use isocountry::CountryCode;
    let v = value.get_ref();
    if is_alpha2(v) {
        return Some(value.into_inner());
    }
    // `us` for `US`; `UK`, the code people most often write for `GB`.
    let v_trim = v.trim();
    let meant = if v_trim.eq_ignore_ascii_case("UK") {
        CountryCode::for_alpha2("GB").ok()
    } else {
        CountryCode::for_alpha2_caseless(v_trim).ok()
    };
    ctx.push_span(
        make::invalid_country(v, meant.as_ref().map(|c| (c.alpha2(), c.name()))),
        value.span(),
    );
    None
}

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code in capitals, as
/// `isocountry`'s `for_alpha2` says, looked up in a table of every pair of
/// capitals (its own lookup compares the code with each in turn).
fn is_alpha2(code: &str) -> bool {
    static ASSIGNED: std::sync::LazyLock<[bool; 26 * 26]> = std::sync::LazyLock::new(|| {
        let mut assigned = [false; 26 * 26];
        for c in isocountry::CountryCode::iter() {
            if let Some(i) = alpha2_index(c.alpha2()) {
                assigned[i] = true;
            }
        }
        assigned
    });
    alpha2_index(code).is_some_and(|i| ASSIGNED[i])
}

/// The place of two capitals in a table of every pair.
fn alpha2_index(code: &str) -> Option<usize> {
    match *code.as_bytes() {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            Some(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
        }
        _ => None,
    }
}

/// The calendar day of a TOML date or date-time, as every date claimtrail
/// reads must be: `Err` says why there is none ("a time without a date", "no
/// such day in the calendar"). A local date-time is unambiguous enough for a
/// calendar date.
pub(crate) fn calendar_date(dt: &toml::value::Datetime) -> Result<NaiveDate, &'static str> {
    let d = dt.date.ok_or("a time without a date")?;
    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        .ok_or("no such day in the calendar")
}

pub(crate) fn date(
    ctx: &mut FileCtx,
    field: &str,
    value: &Spanned<toml::value::Datetime>,
) -> Option<NaiveDate> {
    let dt = value.get_ref();
    calendar_date(dt)
        .map_err(|why| {
            ctx.push_span(
                make::invalid_date(field, &dt.to_string(), why),
                value.span(),
            )
        })
        .ok()
}

pub(crate) fn validate_article(
    ctx: &mut FileCtx,
    parsed: raw::ArticleFile,
    default_id: &dyn Fn() -> String,
    outlets: &Outlets,
) -> (Article, Pos) {
    let article_span = parsed.article.span();
    let a = parsed.article.into_inner();
    let head = header(ctx, &a, article_span.clone(), default_id, outlets);
    let (sources, source_spans) = sources(ctx, parsed.sources);
    let source_ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    duplicate_claim_ids(ctx, &parsed.claims);
    let mut cited = Cited {
        ids: &source_ids,
        used: vec![false; sources.len()],
        suggester: crate::diag::LazySuggester::default(),
    };
    let claims: Vec<Claim> = parsed
        .claims
        .into_iter()
        .map(|c| claim(ctx, c.into_inner(), &mut cited, outlets, head.published))
        .collect();
    for (i, is_used) in cited.used.iter().enumerate() {
        if !is_used {
            ctx.push_span(make::unused_source(&sources[i].id), source_spans[i].clone());
        }
    }
    let article = Article {
        id: head.id,
        file: ctx.file.to_string(),
        title: head.title,
        outlet: a.outlet.into_inner(),
        url: a.url.map(Spanned::into_inner),
        published: head.published,
        language: a.language.map(Spanned::into_inner),
        byline: a.byline.map(|b| b.into_inner().0).unwrap_or_default(),
        credited: a.credited.map(|b| b.into_inner().0).unwrap_or_default(),
        sources,
        claims,
        pos: ctx.pos(article_span),
    };
    (article, head.id_pos)
}

/// What the `[article]` table gives once checked.
struct Header {
    id: String,
    /// The id's value, or the `[article]` header for an id from the path.
    id_pos: Pos,
    title: String,
    published: Option<NaiveDate>,
}

/// The `[article]` table: its id (given, or from the path), title, outlet
/// and publication date.
fn header(
    ctx: &mut FileCtx,
    a: &raw::ArticleTable,
    span: Range<usize>,
    default_id: &dyn Fn() -> String,
    outlets: &Outlets,
) -> Header {
    // The `[article]` header, for what concerns the article as a whole.
    let header = {
        let line = ctx.src.text()[span.start..]
            .lines()
            .next()
            .map_or(0, |l| l.trim_end().len());
        ctx.pos(span.start..span.start + line)
    };
    let (id, id_pos) = match &a.id {
        Some(id) => {
            let pos = ctx.pos(id.span());
            let why = crate::model::article_id_problem(id.get_ref());
            if let Some(why) = why.filter(|_| !id.get_ref().trim().is_empty()) {
                ctx.push_span(make::invalid_article_id(id.get_ref(), why), id.span());
            }
            (nonempty(ctx, "id", id.clone()), pos)
        }
        // An id from the file's path is the article's as a whole. Its parts
        // name files here, but not necessarily as `ID.md` or on every file
        // system (a name of 255 characters can be 765 bytes).
        None => {
            let id = default_id();
            if let Some(why) = crate::model::article_id_problem(&id) {
                ctx.push(make::invalid_path_article_id(&id, why), header);
            }
            (id, header)
        }
    };
    let title = nonempty(ctx, "title", a.title.clone());
    if outlets.checked && outlets.get(a.outlet.get_ref()).is_none() {
        ctx.push_span(
            make::unknown_outlet(a.outlet.get_ref(), outlets.suggester()),
            a.outlet.span(),
        );
    }
    let published = a.published.as_ref().and_then(|p| date(ctx, "published", p));
    if a.published.is_none() {
        ctx.push(make::undated_article(), header);
    }
    Header {
        id,
        id_pos,
        title,
        published,
    }
}

/// The `[sources.*]` tables, sorted by id (the map is ordered), with the
/// span of each id.
fn sources(
    ctx: &mut FileCtx,
    tables: std::collections::BTreeMap<Spanned<String>, Spanned<raw::SourceTable>>,
) -> (Vec<Source>, Vec<Range<usize>>) {
    let mut sources = Vec::with_capacity(tables.len());
    let mut spans: Vec<Range<usize>> = Vec::with_capacity(tables.len());
    for (sid, table) in tables {
        let span = sid.span();
        if sid.get_ref().trim().is_empty() {
            ctx.push_span(make::empty_value("source id"), span.clone());
        }
        let t = table.into_inner();
        let anonymous = t.anonymous.as_ref().is_some_and(|a| *a.get_ref());
        match (&t.name, anonymous) {
            (Some(name), true) => {
                ctx.push_span(make::anonymous_with_name(sid.get_ref()), name.span())
            }
            (None, false) => ctx.push_span(make::unnamed_source(sid.get_ref()), span.clone()),
            _ => {}
        }
        let name = t.name.map(|n| nonempty(ctx, "name", n));
        let kind = t
            .kind
            .and_then(|k| enum_value(ctx, "kind", k, SourceKind::NAMES, SourceKind::parse))
            .unwrap_or(SourceKind::Person);
        sources.push(Source {
            id: sid.into_inner(),
            name,
            anonymous,
            description: t.description.map(Spanned::into_inner),
            reason: t.reason.map(Spanned::into_inner),
            role: t.role.map(Spanned::into_inner),
            affiliation: t.affiliation.map(Spanned::into_inner),
            country: t.country.and_then(|c| country(ctx, c)),
            kind,
            pos: ctx.pos(span.clone()),
        });
        spans.push(span);
    }
    (sources, spans)
}

/// Two `[[claims]]` of one article with one id: the first in file order is
/// the original.
fn duplicate_claim_ids(ctx: &mut FileCtx, claims: &[Spanned<raw::ClaimTable>]) {
    let mut first: HashMap<&str, usize, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(claims.len(), Default::default());
    let mut duplicates: Vec<(usize, usize)> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        match first.entry(c.get_ref().id.get_ref().as_str()) {
            Entry::Occupied(e) => duplicates.push((*e.get(), i)),
            Entry::Vacant(e) => {
                e.insert(i);
            }
        }
    }
    for (first, dup) in duplicates {
        let first_span = claims[first].get_ref().id.span();
        let dup = claims[dup].get_ref();
        let d = make::duplicate_claim_id(dup.id.get_ref()).note(Note::at(
            "first used here",
            ctx.file,
            ctx.snippet(ctx.pos(first_span)),
        ));
        ctx.push_span(d, dup.id.span());
    }
}

/// The article's source ids as claims cite them: which are cited, and the
/// suggester for a citation of an unknown one.
struct Cited<'a> {
    /// Sorted.
    ids: &'a [&'a str],
    used: Vec<bool>,
    suggester: crate::diag::LazySuggester,
}

/// One `[[claims]]` table.
fn claim(
    ctx: &mut FileCtx,
    c: raw::ClaimTable,
    cited: &mut Cited,
    outlets: &Outlets,
    published: Option<NaiveDate>,
) -> Claim {
    let pos = ctx.pos(c.id.span());
    let id = nonempty(ctx, "id", c.id);
    let text = nonempty(ctx, "text", c.text);
    let source = c
        .source
        .and_then(|s| match cited.ids.binary_search(&s.get_ref().as_str()) {
            Ok(i) => {
                cited.used[i] = true;
                Some(s.into_inner())
            }
            Err(_) => {
                let ids = cited.ids;
                let known = cited.suggester.get_or_init(|| ids.iter().copied());
                // The source it was probably meant to cite is not also
                // reported as unused.
                let meant = known.closest(s.get_ref());
                if let Some(i) = meant.and_then(|m| ids.binary_search(&m).ok()) {
                    cited.used[i] = true;
                }
                ctx.push_span(make::unknown_source(s.get_ref(), known), s.span());
                ctx.unresolved.insert((pos.start, pos.end));
                None
            }
        });
    let routes = c
        .via
        .map(|via| routes(ctx, via, outlets))
        .unwrap_or_default();
    let said = c.said.as_ref().and_then(|s| date(ctx, "said", s));
    if let (Some(said_date), Some(pub_date), Some(span)) =
        (said, published, c.said.as_ref().map(Spanned::span))
        && said_date > pub_date
    {
        ctx.push_span(
            make::said_after_published(&said_date.to_string(), &pub_date.to_string()),
            span,
        );
    }
    let kind = c
        .kind
        .and_then(|k| enum_value(ctx, "kind", k, ClaimKind::NAMES, ClaimKind::parse))
        .unwrap_or(if source.is_some() || !routes.is_empty() {
            ClaimKind::Paraphrase
        } else {
            ClaimKind::Assertion
        });
    Claim {
        id,
        text,
        quote: c.quote.map(Spanned::into_inner),
        source,
        routes,
        said,
        hedge: c
            .hedge
            .map(Spanned::into_inner)
            .filter(|h| !h.trim().is_empty()),
        kind,
        key: c.key.is_some_and(|k| k.into_inner()),
        pos,
    }
}

/// A claim's `via`: its routes, each an outlet or a chain of them.
fn routes(
    ctx: &mut FileCtx,
    via: Spanned<Vec<Spanned<raw::Route>>>,
    outlets: &Outlets,
) -> Vec<Route> {
    if via.get_ref().is_empty() {
        ctx.push_span(make::empty_route(true), via.span());
    }
    let via = via.into_inner();
    let mut routes = Vec::with_capacity(via.len());
    let known = |ctx: &mut FileCtx, id: &str, span: Range<usize>| {
        if outlets.checked && outlets.get(id).is_none() {
            ctx.push_span(make::unknown_outlet(id, outlets.suggester()), span);
        }
    };
    for route in via {
        let span = route.span();
        // Each route's hops in a list of their own size (a list of spanned
        // hops collected in place would be shrunk, one more allocation).
        let hops: Vec<String> = match route.into_inner() {
            raw::Route::Outlet(id) => {
                known(ctx, &id, span);
                vec![id]
            }
            raw::Route::Chain(hops) if hops.is_empty() => {
                ctx.push_span(make::empty_route(false), span);
                continue;
            }
            raw::Route::Chain(hops) => {
                let mut kept = Vec::with_capacity(hops.len());
                for hop in hops {
                    known(ctx, hop.get_ref(), hop.span());
                    kept.push(hop.into_inner());
                }
                kept
            }
        };
        routes.push(Route { hops });
    }
    routes
}

#[cfg(test)]
mod tests {
    use super::is_alpha2;

    #[test]
    fn the_country_table_agrees_with_isocountry() {
        let chars: Vec<char> = ('A'..='Z')
            .chain('a'..='z')
            .chain(['0', ' ', 'é', 'Ä'])
            .collect();
        let mut codes: Vec<String> = vec!["".into(), "USA".into(), " US".into(), "US ".into()];
        codes.extend(chars.iter().map(char::to_string));
        for a in &chars {
            codes.extend(chars.iter().map(|b| format!("{a}{b}")));
        }
        let mut assigned = 0;
        for code in &codes {
            let expected = isocountry::CountryCode::for_alpha2(code).is_ok();
            assert_eq!(is_alpha2(code), expected, "{code:?}");
            assigned += usize::from(expected);
        }
        assert_eq!(assigned, 249, "every assigned code, and no other");
    }
}
