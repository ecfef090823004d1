//! Reading a claims sheet: headers mapped onto the import's columns (those
//! `export --format csv` writes, [`crate::export::csv::COLUMNS`]), then each
//! row checked on its own and gathered into its article. A row with any
//! problem is left out whole, and each problem names the row's CSV line and
//! the column.

use crate::export::csv::{BYLINE_SEP, COLUMNS, HOP_SEP, ROUTE_SEP};
use crate::model::{ClaimKind, SourceKind, article_id_problem};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt;

/// A problem in the sheet, at a CSV line (1-based, the header is line 1)
/// and column (1-based, as a spreadsheet counts them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: u64,
    pub column: usize,
    pub message: String,
    /// A warning leaves the row in.
    pub warning: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.warning { "warning" } else { "error" };
        write!(
            f,
            "{what}: {}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// An article gathered from its rows.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub id: String,
    pub title: String,
    pub outlet: String,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub byline: Vec<String>,
    /// By source id, in order of first citation.
    pub sources: Vec<SourceDraft>,
    pub claims: Vec<ClaimDraft>,
    /// The CSV line of its first row, for problems in writing it.
    pub line: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceDraft {
    pub id: String,
    pub name: Option<String>,
    pub anonymous: bool,
    pub description: Option<String>,
    pub reason: Option<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub country: Option<String>,
    pub kind: Option<SourceKind>,
}

#[derive(Clone, Debug, Default)]
pub struct ClaimDraft {
    pub id: String,
    pub text: String,
    pub quote: Option<String>,
    pub source: Option<String>,
    pub routes: Vec<Vec<String>>,
    pub said: Option<NaiveDate>,
    pub hedge: Option<String>,
    pub kind: Option<ClaimKind>,
    pub key: bool,
}

pub struct Sheet {
    pub articles: Vec<Draft>,
    pub rejected_rows: usize,
    pub problems: Vec<Problem>,
}

/// A header as compared: trimmed, lower case, spaces and dashes as `_`.
fn norm(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// Other names newsroom sheets use for the import's columns.
const ALIASES: [(&str, &str); 6] = [
    ("published", "date"),
    ("headline", "title"),
    ("claim_id", "claim"),
    ("claim_text", "text"),
    ("source_name", "speaker"),
    ("routes", "via"),
];

/// Column index of each import column, from the header row.
fn map_headers(
    headers: &csv::StringRecord,
    map: &[(String, String)],
    file: &str,
    problems: &mut Vec<Problem>,
) -> Result<HashMap<&'static str, usize>, String> {
    let mut user: HashMap<String, &'static str> = HashMap::new();
    for (from, to) in map {
        let Some(col) = COLUMNS.iter().find(|c| **c == norm(to)) else {
            return Err(format!(
                "--map {from}={to}: `{to}` is not a column the import reads; the columns are {}",
                COLUMNS.join(", ")
            ));
        };
        user.insert(norm(from), col);
    }
    let mut at: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = norm(h);
        let col = user
            .get(&h)
            .copied()
            .or_else(|| COLUMNS.iter().copied().find(|c| *c == h))
            .or_else(|| ALIASES.iter().find(|(a, _)| *a == h).map(|(_, c)| *c));
        match col {
            Some(c) if at.contains_key(c) => problems.push(Problem {
                file: file.to_string(),
                line: 1,
                column: i + 1,
                message: format!("a second column for `{c}`; only the first is read"),
                warning: true,
            }),
            Some(c) => {
                at.insert(c, i);
            }
            None => problems.push(Problem {
                file: file.to_string(),
                line: 1,
                column: i + 1,
                message: format!(
                    "column `{}` is not one the import reads and is left out; map it with --map '{}=COLUMN'",
                    h, h
                ),
                warning: true,
            }),
        }
    }
    for needed in ["article", "outlet"] {
        if !at.contains_key(needed) {
            return Err(format!(
                "`{file}` has no `{needed}` column; name one with --map 'HEADER={needed}'"
            ));
        }
    }
    Ok(at)
}

/// Read a sheet. Rows with problems are left out and reported.
pub fn read_sheet(bytes: &[u8], file: &str, map: &[(String, String)]) -> Result<Sheet, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| format!("cannot read the header row of `{file}`: {e}"))?
        .clone();
    let mut problems = Vec::new();
    let at = map_headers(&headers, map, file, &mut problems)?;
    let mut sheet = Sheet {
        articles: Vec::new(),
        rejected_rows: 0,
        problems,
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    // By article, as `sheet.articles`: its claim ids, and where each of its
    // sources is, so a row is checked against earlier ones without a scan.
    let mut ids: Vec<Ids> = Vec::new();
    for result in reader.records() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                sheet.rejected_rows += 1;
                sheet.problems.push(Problem {
                    file: file.to_string(),
                    line,
                    column: 1,
                    message: format!("the row cannot be read: {e}"),
                    warning: false,
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let mut row = Row {
            record: &record,
            at: &at,
            file,
            line,
            problems: Vec::new(),
        };
        let parsed = row.parse();
        let existing = parsed
            .as_ref()
            .and_then(|(a, _)| index.get(&a.id).map(|&i| (&sheet.articles[i], &ids[i])));
        if let (Some((a, c)), Some((prev, prev_ids))) = (&parsed, existing) {
            row.agrees(prev, prev_ids, a, c.as_ref());
        }
        if !row.problems.is_empty() {
            sheet.rejected_rows += 1;
            sheet.problems.append(&mut row.problems);
            continue;
        }
        let Some((a, claim)) = parsed else { continue };
        let i = *index.entry(a.id.clone()).or_insert_with(|| {
            sheet.articles.push(Draft {
                claims: Vec::new(),
                sources: Vec::new(),
                line,
                ..a.clone()
            });
            ids.push(Ids::default());
            sheet.articles.len() - 1
        });
        let (draft, seen) = (&mut sheet.articles[i], &mut ids[i]);
        if let Some((claim, source)) = claim {
            if let Some(s) = source
                && !seen.sources.contains_key(&s.id)
            {
                seen.sources.insert(s.id.clone(), draft.sources.len());
                draft.sources.push(s);
            }
            seen.claims.insert(claim.id.clone());
            draft.claims.push(claim);
        }
    }
    Ok(sheet)
}

/// An article's claim ids, and its sources' places by id.
#[derive(Default)]
struct Ids {
    claims: std::collections::HashSet<String>,
    sources: HashMap<String, usize>,
}

/// A claim and the source it cites, read from one row.
type ClaimPart = Option<(ClaimDraft, Option<SourceDraft>)>;

struct Row<'a> {
    record: &'a csv::StringRecord,
    at: &'a HashMap<&'static str, usize>,
    file: &'a str,
    line: u64,
    problems: Vec<Problem>,
}

impl Row<'_> {
    /// A column's cell, trimmed; `None` when empty or absent.
    fn get(&self, col: &str) -> Option<String> {
        let i = *self.at.get(col)?;
        let v = self.record.get(i)?.trim();
        (!v.is_empty()).then(|| v.to_string())
    }

    fn problem(&mut self, col: &str, message: String) {
        let column = self.at.get(col).map(|i| i + 1).unwrap_or(1);
        self.problems.push(Problem {
            file: self.file.to_string(),
            line: self.line,
            column,
            message,
            warning: false,
        });
    }

    fn date(&mut self, col: &str) -> Option<NaiveDate> {
        let v = self.get(col)?;
        match NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.problem(col, format!("`{v}` is not a date; write it as YYYY-MM-DD"));
                None
            }
        }
    }

    fn flag(&mut self, col: &str) -> bool {
        let Some(v) = self.get(col) else {
            return false;
        };
        match v.to_lowercase().as_str() {
            "yes" | "y" | "true" | "1" | "x" => true,
            "no" | "n" | "false" | "0" => false,
            _ => {
                self.problem(col, format!("`{v}` is not yes or no"));
                false
            }
        }
    }

    fn parse(&mut self) -> Option<(Draft, ClaimPart)> {
        let id = self.get("article");
        let outlet = self.get("outlet");
        let published = self.date("date");
        let said = self.date("said");
        let anonymous = self.flag("anonymous");
        let key = self.flag("key");
        let Some(id) = id else {
            self.problem("article", "the article id is empty".into());
            return None;
        };
        if let Some(why) = article_id_problem(&id) {
            self.problem("article", format!("`{id}` cannot be an article id: {why}"));
        }
        if outlet.is_none() {
            self.problem("outlet", format!("article `{id}` has no outlet"));
        }
        let draft = Draft {
            title: self.get("title").unwrap_or_else(|| id.clone()),
            outlet: outlet.unwrap_or_default(),
            published,
            url: self.get("url"),
            language: self.get("language"),
            byline: self
                .get("byline")
                .map(|b| {
                    b.split(BYLINE_SEP)
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            id,
            ..Draft::default()
        };
        let claim_id = self.get("claim");
        let text = self.get("text");
        let claim = match (claim_id, text) {
            (None, None) => None,
            (None, Some(_)) => {
                self.problem("claim", "a claim text without a claim id".into());
                None
            }
            (Some(c), None) => {
                self.problem("text", format!("claim `{c}` has no text"));
                None
            }
            (Some(c), Some(t)) => Some(self.claim(c, t, said, anonymous, key)),
        };
        Some((draft, claim))
    }

    fn claim(
        &mut self,
        id: String,
        text: String,
        said: Option<NaiveDate>,
        anonymous: bool,
        key: bool,
    ) -> (ClaimDraft, Option<SourceDraft>) {
        let kind = self.get("kind").and_then(|k| {
            let parsed = ClaimKind::parse(&k);
            if parsed.is_none() {
                self.problem(
                    "kind",
                    format!(
                        "`{k}` is not a claim kind ({})",
                        ClaimKind::NAMES.join(", ")
                    ),
                );
            }
            parsed
        });
        let source_kind = self.get("speaker_kind").and_then(|k| {
            let parsed = SourceKind::parse(&k);
            if parsed.is_none() {
                self.problem(
                    "speaker_kind",
                    format!(
                        "`{k}` is not a speaker kind ({})",
                        SourceKind::NAMES.join(", ")
                    ),
                );
            }
            parsed
        });
        let name = self.get("speaker");
        if name.is_some() && anonymous {
            self.problem(
                "anonymous",
                "a speaker with a name cannot be anonymous; empty one of the two".into(),
            );
        }
        let described = self.get("description");
        let reason = self.get("reason");
        let source = if name.is_some() || anonymous {
            let sid = self
                .get("source")
                .unwrap_or_else(|| match (&name, &described) {
                    (Some(n), _) => slug(n),
                    (None, Some(d)) => format!("anonymous-{}", slug(d)),
                    (None, None) => "anonymous".to_string(),
                });
            Some(SourceDraft {
                id: sid,
                name,
                anonymous,
                description: described,
                reason,
                role: self.get("role"),
                affiliation: self.get("affiliation"),
                country: self.get("country"),
                kind: source_kind,
            })
        } else {
            if let Some(s) = self.get("source") {
                self.problem(
                    "source",
                    format!("source `{s}` has neither a speaker name nor anonymous = yes"),
                );
            }
            None
        };
        let mut routes = Vec::new();
        if let Some(v) = self.get("via") {
            for route in v.split(ROUTE_SEP) {
                let hops: Vec<String> =
                    route.split(HOP_SEP).map(|h| h.trim().to_string()).collect();
                if hops.iter().any(String::is_empty) {
                    self.problem(
                        "via",
                        format!(
                            "`{v}` has an empty route or hop; write routes apart by `{ROUTE_SEP}` and hops by `{HOP_SEP}`"
                        ),
                    );
                    break;
                }
                routes.push(hops);
            }
        }
        let claim = ClaimDraft {
            id,
            text,
            quote: self.get("quote"),
            source: source.as_ref().map(|s| s.id.clone()),
            routes,
            said,
            hedge: self.get("hedge"),
            kind,
            key,
        };
        (claim, source)
    }

    /// A row of an article already begun must agree with it.
    fn agrees(
        &mut self,
        prev: &Draft,
        ids: &Ids,
        a: &Draft,
        claim: Option<&(ClaimDraft, Option<SourceDraft>)>,
    ) {
        let first = prev.line;
        let mut differs = |col: &str, what: &str| {
            self.problem(
                col,
                format!(
                    "article `{}` has another {what} on line {first}; every row of an article must give the same",
                    a.id
                ),
            );
        };
        if a.outlet != prev.outlet {
            differs("outlet", "outlet");
        }
        if a.title != prev.title {
            differs("title", "title");
        }
        if a.published != prev.published {
            differs("date", "date");
        }
        let Some((c, s)) = claim else { return };
        if ids.claims.contains(&c.id) {
            self.problem(
                "claim",
                format!("claim `{}` is already in article `{}`", c.id, a.id),
            );
        }
        if let Some(s) = s
            && let Some(&k) = ids.sources.get(&s.id)
            && prev.sources[k] != *s
        {
            self.problem(
                "source",
                format!(
                    "source `{}` of article `{}` is described otherwise on an earlier row; give it another id in the `source` column",
                    s.id, a.id
                ),
            );
        }
    }
}

/// A source id from a name: lower case letters and digits, `-` between words.
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() {
        "source".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::read_sheet;

    /// A row repeating a claim id of its article, or citing a source id its
    /// article describes otherwise, is refused at its line and column; a
    /// source cited again as described before is the same source.
    #[test]
    fn rows_are_checked_against_their_article_s_earlier_rows() {
        let sheet = "article,outlet,date,title,claim,text,speaker,source\n\
                     a1,reuters,2019-03-26,T,c1,One.,Ann Lee,lee\n\
                     a1,reuters,2019-03-26,T,c2,Two.,Ann Lee,lee\n\
                     a1,reuters,2019-03-26,T,c1,Again.,Ann Lee,lee\n\
                     a1,reuters,2019-03-26,T,c3,Three.,Bob Lee,lee\n\
                     a2,reuters,2019-03-26,T,c1,Other article.,Bob Lee,lee\n";
        let got = read_sheet(sheet.as_bytes(), "s.csv", &[]).unwrap();
        let problems: Vec<(u64, usize, &str)> = got
            .problems
            .iter()
            .map(|p| (p.line, p.column, p.message.as_str()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (4, 5, "claim `c1` is already in article `a1`"),
                (
                    5,
                    8,
                    "source `lee` of article `a1` is described otherwise on an earlier row; give it another id in the `source` column"
                ),
            ]
        );
        assert_eq!(got.rejected_rows, 2);
        let ids = |i: usize| -> Vec<&str> {
            got.articles[i]
                .claims
                .iter()
                .map(|c| c.id.as_str())
                .collect()
        };
        assert_eq!((ids(0), ids(1)), (vec!["c1", "c2"], vec!["c1"]));
        assert_eq!(got.articles[0].sources.len(), 1);
        assert_eq!(got.articles[1].sources.len(), 1);
    }
}
