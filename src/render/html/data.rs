//! What the HTML page needs beyond the computed metrics: the anonymity rate of
//! each outlet's own articles, the sort orders of the overview, the layout of a
//! stacked bar and of a trail's timeline, and unique anchors for ids. Small
//! pure functions, tested here, so the template only places values.

use crate::metrics::ArticleRow;
use crate::model::Class;
use crate::trail::{Drift, Trail};
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The attribution classes in bar and legend order.
pub const CLASSES: [Class; 5] = [
    Class::Named,
    Class::Anonymous,
    Class::Outlet,
    Class::Unattributed,
    Class::Background,
];

/// An article's claims per class, in [`CLASSES`] order.
pub fn class_counts(row: &ArticleRow) -> [usize; 5] {
    [
        row.named,
        row.anonymous,
        row.outlet_reported,
        row.unattributed,
        row.background,
    ]
}

/// One class's part of a stacked bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub class: Class,
    pub count: usize,
    /// Left edge, in the bar's units.
    pub x: f64,
    pub width: f64,
}

/// Lay out a stacked bar, `unit` wide per claim; classes with no claims are
/// left out.
pub fn segments(row: &ArticleRow, unit: f64) -> Vec<Segment> {
    let mut x = 0.0;
    CLASSES
        .iter()
        .zip(class_counts(row))
        .filter(|(_, count)| *count > 0)
        .map(|(&class, count)| {
            let width = count as f64 * unit;
            let s = Segment {
                class,
                count,
                x,
                width,
            };
            x += width;
            s
        })
        .collect()
}

/// Claims (scored and background) of the longest bar; at least 1, so the
/// scale of a corpus with no claims is still defined.
pub fn widest(rows: &[ArticleRow]) -> usize {
    rows.iter()
        .map(|r| class_counts(r).iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1)
}

/// The articles an outlet published itself, pooled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OwnArticles {
    pub articles: usize,
    /// Scored claims across those articles.
    pub claims: usize,
    pub anonymous: usize,
}

impl OwnArticles {
    /// Anonymous claims over scored claims, as in the report's anonymity
    /// rate; `None` with no scored claims.
    pub fn rate(&self) -> Option<f64> {
        (self.claims > 0).then(|| self.anonymous as f64 / self.claims as f64)
    }
}

/// Each outlet's own articles, pooled, by outlet id.
pub fn own_articles(rows: &[ArticleRow]) -> BTreeMap<String, OwnArticles> {
    let mut by_outlet: BTreeMap<String, OwnArticles> = BTreeMap::new();
    for r in rows {
        let own = by_outlet.entry(r.outlet.clone()).or_default();
        own.articles += 1;
        own.claims += r.claims;
        own.anonymous += r.anonymous;
    }
    by_outlet
}

/// Each row's position (0 first) in the overview's sort orders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranks {
    /// Highest score first.
    pub score: Vec<usize>,
    /// Highest anonymity rate first.
    pub anonymity: Vec<usize>,
}

/// Sort ranks; rows without a value go last, and ties keep report order.
pub fn ranks(rows: &[ArticleRow]) -> Ranks {
    Ranks {
        score: rank_by(rows, |r| r.score),
        anonymity: rank_by(rows, |r| r.anonymity_rate),
    }
}

fn rank_by(rows: &[ArticleRow], key: impl Fn(&ArticleRow) -> Option<f64>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    // A stable sort, so equal values keep report order.
    order.sort_by(|&a, &b| match (key(&rows[a]), key(&rows[b])) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    let mut rank = vec![0; rows.len()];
    for (position, &row) in order.iter().enumerate() {
        rank[row] = position;
    }
    rank
}

/// A column of a trail's timeline: the appearances published one day, or the
/// undated ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// `None` for the undated lane.
    pub date: Option<NaiveDate>,
    /// Indexes into the trail's appearances, in trail order.
    pub appearances: Vec<usize>,
}

/// A trail's lanes: one per publication date in date order, then one for
/// every undated appearance, kept apart since their order is unknown.
pub fn lanes(trail: &Trail) -> Vec<Lane> {
    let mut dated: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    let mut undated = Vec::new();
    for (i, a) in trail.appearances.iter().enumerate() {
        match a.published {
            Some(d) => dated.entry(d).or_default().push(i),
            None => undated.push(i),
        }
    }
    let mut lanes: Vec<Lane> = dated
        .into_iter()
        .map(|(date, appearances)| Lane {
            date: Some(date),
            appearances,
        })
        .collect();
    if !undated.is_empty() {
        lanes.push(Lane {
            date: None,
            appearances: undated,
        });
    }
    lanes
}

/// A trail's drift findings by the appearance they are found at.
pub fn drift_by_appearance(trail: &Trail) -> Vec<Vec<&Drift>> {
    let mut at: Vec<Vec<&Drift>> = vec![Vec::new(); trail.appearances.len()];
    for f in &trail.findings {
        if let Some(list) = at.get_mut(f.at) {
            list.push(f);
        }
    }
    at
}

/// Anchors for ids, usable in a fragment and as a file name: lowercase ASCII
/// letters, digits and single dashes (`2019/Zürich a` -> `2019-z-rich-a`).
/// Ids that reduce to the same anchor get `-2`, `-3`, in input order.
///
/// Each base remembers the last number it gave, so ten thousand ids that
/// reduce to one anchor take ten thousand steps, not fifty million.
pub fn anchors<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    let mut last: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for id in ids {
        let base = slug(id);
        let mut n = last.get(&base).copied().unwrap_or(1);
        let mut anchor = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        while used.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        last.insert(base, n);
        used.insert(anchor.clone());
        out.push(anchor);
    }
    out
}

fn slug(id: &str) -> String {
    let mut s = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() {
        s.push_str("item");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trail::Appearance;

    fn row(id: &str, outlet: &str, counts: [usize; 5], score: Option<f64>) -> ArticleRow {
        let [named, anonymous, outlet_reported, unattributed, background] = counts;
        let claims = named + anonymous + outlet_reported + unattributed;
        ArticleRow {
            id: id.into(),
            outlet: outlet.into(),
            claims,
            named,
            anonymous,
            outlet_reported,
            unattributed,
            background,
            anonymity_rate: (claims > 0).then(|| anonymous as f64 / claims as f64),
            score,
            ..ArticleRow::default()
        }
    }

    #[test]
    fn segments_stack_the_classes_and_skip_empty_ones() {
        let r = row("a", "x", [2, 0, 1, 3, 4], None);
        let s = segments(&r, 10.0);
        let got: Vec<(Class, usize, f64, f64)> =
            s.iter().map(|s| (s.class, s.count, s.x, s.width)).collect();
        assert_eq!(
            got,
            vec![
                (Class::Named, 2, 0.0, 20.0),
                (Class::Outlet, 1, 20.0, 10.0),
                (Class::Unattributed, 3, 30.0, 30.0),
                (Class::Background, 4, 60.0, 40.0),
            ]
        );
    }

    #[test]
    fn widest_counts_background_and_is_never_zero() {
        let rows = [
            row("a", "x", [1, 1, 0, 0, 5], None),
            row("b", "x", [3, 0, 0, 0, 0], None),
        ];
        assert_eq!(widest(&rows), 7);
        assert_eq!(widest(&[]), 1);
        assert_eq!(widest(&[row("c", "x", [0; 5], None)]), 1);
    }

    #[test]
    fn own_articles_pool_claims_per_outlet() {
        // reuters: 1 + 3 anonymous of 4 + 4 claims = 4 / 8; tass: no scored claims.
        let rows = [
            row("a", "reuters", [3, 1, 0, 0, 0], None),
            row("b", "reuters", [1, 3, 0, 0, 2], None),
            row("c", "tass", [0, 0, 0, 0, 3], None),
        ];
        let own = own_articles(&rows);
        assert_eq!(
            own["reuters"],
            OwnArticles {
                articles: 2,
                claims: 8,
                anonymous: 4
            }
        );
        assert_eq!(own["reuters"].rate(), Some(0.5));
        assert_eq!(own["tass"].articles, 1);
        assert_eq!(own["tass"].rate(), None);
        assert_eq!(own.len(), 2);
    }

    #[test]
    fn ranks_put_high_values_first_and_missing_last() {
        let rows = [
            row("a", "x", [1, 1, 0, 0, 0], Some(50.0)), // anon 50%
            row("b", "x", [0, 0, 0, 0, 1], None),       // no scored claims
            row("c", "x", [3, 1, 0, 0, 0], Some(90.0)), // anon 25%
            row("d", "x", [1, 1, 0, 0, 0], Some(50.0)), // ties a
        ];
        let r = ranks(&rows);
        assert_eq!(r.score, vec![1, 3, 0, 2]);
        assert_eq!(r.anonymity, vec![0, 3, 2, 1]);
    }

    fn appearance(article: &str, published: Option<NaiveDate>) -> Appearance {
        Appearance {
            article: article.into(),
            file: "".into(),
            outlet: "".into(),
            published,
            undated: published.is_none(),
            class: Class::Named,
            source: None,
            route: Vec::new().into(),
            hedge: None,
            said: None,
            roots: Vec::new(),
            drift: Vec::new(),
            pos: Default::default(),
        }
    }

    fn trail(appearances: Vec<Appearance>, findings: Vec<Drift>) -> Trail {
        Trail {
            id: "c".into(),
            appearances,
            origin: None,
            roots: Vec::new(),
            independent_roots: 0,
            confirmed_roots: 0,
            findings,
        }
    }

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2019, 3, d)
    }

    #[test]
    fn lanes_group_by_date_and_set_the_undated_apart() {
        let t = trail(
            vec![
                appearance("a", day(25)),
                appearance("b", day(26)),
                appearance("c", day(26)),
                appearance("d", None),
                appearance("e", None),
            ],
            Vec::new(),
        );
        assert_eq!(
            lanes(&t),
            vec![
                Lane {
                    date: day(25),
                    appearances: vec![0]
                },
                Lane {
                    date: day(26),
                    appearances: vec![1, 2]
                },
                Lane {
                    date: None,
                    appearances: vec![3, 4]
                },
            ]
        );
        let dated_only = trail(vec![appearance("a", day(25))], Vec::new());
        assert_eq!(lanes(&dated_only).len(), 1);
    }

    #[test]
    fn drift_is_listed_at_its_appearance() {
        use crate::diag::Code;
        let finding = |code, at| Drift {
            code,
            at,
            earlier: 0,
            message: String::new(),
        };
        let t = trail(
            vec![
                appearance("a", day(25)),
                appearance("b", day(26)),
                appearance("c", None),
            ],
            vec![
                finding(Code::HedgeDropped, 2),
                finding(Code::RelayUncredited, 2),
            ],
        );
        let by = drift_by_appearance(&t);
        assert_eq!(by.iter().map(Vec::len).collect::<Vec<_>>(), vec![0, 0, 2]);
        assert_eq!(by[2][1].code, Code::RelayUncredited);
    }

    /// The anchors as numbered by trying `-2`, `-3`, ... from the start
    /// for every id.
    fn anchors_from_scratch(ids: &[&str]) -> Vec<String> {
        let mut used: std::collections::BTreeSet<String> = Default::default();
        let mut out = Vec::new();
        for id in ids {
            let base = slug(id);
            let mut anchor = base.clone();
            let mut n = 1;
            while used.contains(&anchor) {
                n += 1;
                anchor = format!("{base}-{n}");
            }
            used.insert(anchor.clone());
            out.push(anchor);
        }
        out
    }

    #[test]
    fn anchors_are_numbered_as_from_scratch() {
        // Ids that collide, and ids that are themselves a numbered anchor.
        let pool = [
            "a", "A", "a-2", "a 3", "a-2-2", "b", "a--2", "", "-", "item-2",
        ];
        let mut state = 17u64;
        for _ in 0..300 {
            let mut ids = Vec::new();
            for _ in 0..(state % 12) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ids.push(pool[(state >> 33) as usize % pool.len()]);
            }
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            assert_eq!(
                anchors(ids.iter().copied()),
                anchors_from_scratch(&ids),
                "{ids:?}"
            );
        }
        let many = vec!["x"; 20_000];
        let got = anchors(many.iter().copied());
        assert_eq!(got[19_999], "x-20000");
    }

    #[test]
    fn anchors_are_safe_and_unique() {
        assert_eq!(
            anchors([
                "2019/manajemen-ti",
                "2019/Manajemen TI",
                "2019//manajemen--ti/",
                "\"><script>",
                "",
                "ümlaut",
            ]),
            vec![
                "2019-manajemen-ti",
                "2019-manajemen-ti-2",
                "2019-manajemen-ti-3",
                "script",
                "item",
                "mlaut",
            ]
        );
    }
}
