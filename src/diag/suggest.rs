//! "Did you mean": the nearest known id to an unknown one, found with bounded
//! work whatever the ids look like.
//!
//! An id is a likely typo of a candidate when their edit distance (with a
//! swap of two neighbours counting one edit), in lowercased characters, is at most a third of the longer one's length (at
//! least 1). Every bound below follows from that rule or caps the work per
//! query, so checking a corpus stays linear in its size:
//!
//! - ids longer than [`MAX_CHARS`] characters get no suggestion (nobody
//!   mistypes a 65-character id into another one);
//! - candidates are indexed by length and sorted; only lengths the rule
//!   allows are visited, nearest first, and in each the [`MAX_EXAMINED`]
//!   candidates next to the query in sorted and reversed-sorted order (those
//!   sharing the longest prefix or suffix with it);
//! - each goes first through a 32-bucket character count, whose difference
//!   bounds the edit distance from below, and the distances computed for one
//!   query stop at [`MAX_CELLS`] cells;
//! - the edit distance is computed in a band as wide as the distance allowed,
//!   and gives up once every cell of a row is over it.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Ids longer than this, in characters, get no suggestion.
pub const MAX_CHARS: usize = 64;

/// Candidates examined per candidate length for one query at most: the
/// nearest in sorted and in reversed-sorted order, half on each side.
pub const MAX_EXAMINED: usize = 32;

/// Edit-distance cells one query may spend at most (each comparison is
/// charged its whole band before it starts).
pub const MAX_CELLS: usize = 16_384;

/// Ids listed in a help text at most, before "and N more".
pub const MAX_LISTED: usize = 10;

thread_local! {
    static CELLS: Cell<u64> = const { Cell::new(0) };
}

/// Edit-distance cells computed on this thread so far: the work measure
/// the tests bound.
pub fn cells_computed() -> u64 {
    CELLS.with(Cell::get)
}

/// The distance a typo of a `len`-character id may be from it.
fn allowed(len: usize) -> usize {
    (len / 3).max(1)
}

/// The edit distance of `a` and `b` (insertions, deletions, substitutions
/// and swaps of two neighbours, each counting one) when it is at most `k`,
/// `None` otherwise. Only cells within `k` of the diagonal are computed, a
/// length difference over `k` costs nothing, and a row all over `k` ends it.
pub fn distance_within(a: &[char], b: &[char], k: usize) -> Option<usize> {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > k {
        return None;
    }
    const FAR: usize = usize::MAX / 2;
    // Rows i-2, i-1 and i of the table; outside the band a cell reads FAR.
    let first: Vec<usize> = (0..=b.len() + 1)
        .map(|j| if j <= k { j } else { FAR })
        .collect();
    let mut rows = [vec![FAR; b.len() + 2], vec![FAR; b.len() + 2], first];
    let mut cells = 0u64;
    let mut result = Some(());
    for i in 1..=a.len() {
        rows.rotate_left(1);
        let [before, prev, cur] = &mut rows;
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(b.len());
        cur[lo - 1] = if lo == 1 && i <= k { i } else { FAR };
        cur[hi + 1] = FAR;
        let mut best = cur[lo - 1];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
            best = best.min(v);
        }
        cells += (hi + 1 - lo) as u64;
        if best > k {
            result = None;
            break;
        }
    }
    CELLS.with(|c| c.set(c.get() + cells));
    result?;
    Some(rows[2][b.len()]).filter(|&d| d <= k)
}

/// Counts of characters in 32 buckets: half the difference of two strings'
/// counts is a lower bound of their edit distance, as one edit moves at most
/// one character in and one out.
type Counts = [u8; 32];

fn counts(chars: &[char]) -> Counts {
    let mut c = [0u8; 32];
    for &ch in chars {
        let b = &mut c[ch as usize % 32];
        *b = b.saturating_add(1);
    }
    c
}

fn counts_bound(a: &Counts, b: &Counts) -> usize {
    let diff: usize = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y) as usize).sum();
    diff.div_ceil(2)
}

struct Entry {
    /// Position in the candidates as given, for listing and for ties.
    index: usize,
    chars: Box<[char]>,
    counts: Counts,
}

/// An index over candidate ids, built once and asked for many unknown ids.
pub struct Suggester {
    names: Vec<Box<str>>,
    /// By length in characters.
    by_len: BTreeMap<usize, Bucket>,
}

/// The candidates of one length, sorted, and their positions sorted by the
/// reversed text, so that both a typo's prefix and its suffix find it.
#[derive(Default)]
struct Bucket {
    entries: Vec<Entry>,
    by_suffix: Vec<u32>,
}

impl Suggester {
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut names = Vec::new();
        let mut by_len: BTreeMap<usize, Bucket> = BTreeMap::new();
        for (index, name) in candidates.into_iter().enumerate() {
            names.push(Box::from(name));
            // Longer than any id that may be compared with one: never examined.
            if name.chars().nth(MAX_CHARS + MAX_CHARS / 2).is_some() || name.is_empty() {
                continue;
            }
            let chars: Box<[char]> = name.chars().flat_map(char::to_lowercase).collect();
            let counts = counts(&chars);
            by_len.entry(chars.len()).or_default().entries.push(Entry {
                index,
                chars,
                counts,
            });
        }
        for bucket in by_len.values_mut() {
            let entries = &mut bucket.entries;
            entries.sort_by(|a, b| (&a.chars, a.index).cmp(&(&b.chars, b.index)));
            let mut by_suffix: Vec<u32> = (0..entries.len() as u32).collect();
            by_suffix.sort_by(|&a, &b| {
                let (a, b) = (&entries[a as usize], &entries[b as usize]);
                a.chars.iter().rev().cmp(b.chars.iter().rev())
            });
            bucket.by_suffix = by_suffix;
        }
        Suggester { names, by_len }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The candidate closest to `value`, when it is close enough to be a typo.
    pub fn closest(&self, value: &str) -> Option<&str> {
        self.closest_index(value).map(|i| &*self.names[i])
    }

    /// "did you mean `x`?", or `None` when nothing is close.
    pub fn did_you_mean(&self, value: &str) -> Option<String> {
        self.closest(value).map(|c| format!("did you mean `{c}`?"))
    }

    /// The candidates quoted and joined, the first [`MAX_LISTED`] of them
    /// and how many more.
    pub fn listing(&self) -> String {
        let mut quoted: Vec<Cow<str>> = self
            .names
            .iter()
            .take(MAX_LISTED)
            .map(|c| Cow::Owned(format!("`{c}`")))
            .collect();
        if self.names.len() > MAX_LISTED {
            quoted.push(Cow::Owned(format!(
                "and {} more",
                self.names.len() - MAX_LISTED
            )));
        }
        quoted.join(", ")
    }

    fn closest_index(&self, value: &str) -> Option<usize> {
        if value.is_empty() || value.chars().nth(MAX_CHARS).is_some() {
            return None;
        }
        let query: Vec<char> = value.chars().flat_map(char::to_lowercase).collect();
        let n = query.len();
        let query_counts = counts(&query);
        // A candidate of length m is within reach when |m - n| <= allowed(max(m, n)).
        let lengths: Vec<usize> = {
            let lo = (1..=n).find(|&m| n - m <= allowed(n)).unwrap_or(n);
            let hi = (n..)
                .take_while(|&m| m - n <= allowed(m))
                .last()
                .unwrap_or(n);
            let mut ls: Vec<usize> = (lo..=hi).collect();
            ls.sort_by_key(|&m| (m.abs_diff(n), m));
            ls
        };
        let mut cells = 0;
        // (distance, original index)
        let mut best: Option<(usize, usize)> = None;
        for m in lengths {
            let Some(bucket) = self.by_len.get(&m) else {
                continue;
            };
            // The neighbours of the query in sorted order share the longest
            // prefixes with it, and in reversed order the longest suffixes:
            // a typo is most likely among them.
            let entries = &bucket.entries;
            let at = entries.partition_point(|e| *e.chars < *query);
            let below = entries[..at].iter().rev().take(MAX_EXAMINED / 4);
            let above = entries[at..].iter().take(MAX_EXAMINED / 4);
            let sfx = &bucket.by_suffix;
            let at = sfx.partition_point(|&i| {
                entries[i as usize]
                    .chars
                    .iter()
                    .rev()
                    .lt(query.iter().rev())
            });
            let entry = |&i: &u32| &entries[i as usize];
            let sfx_below = sfx[..at].iter().rev().take(MAX_EXAMINED / 4).map(entry);
            let sfx_above = sfx[at..].iter().take(MAX_EXAMINED / 4).map(entry);
            let near = below
                .zip_longest_into(above)
                .zip_longest_into(sfx_below.zip_longest_into(sfx_above));
            for e in near {
                let k = allowed(n.max(m));
                // Only a nearer candidate, or an equal one given earlier, can win.
                let k = best.map_or(k, |(d, _)| k.min(d));
                if counts_bound(&query_counts, &e.counts) > k {
                    continue;
                }
                if cells + n * (2 * k + 1) > MAX_CELLS {
                    return best.map(|(_, i)| i);
                }
                cells += n * (2 * k + 1);
                if let Some(d) = distance_within(&query, &e.chars, k)
                    && best.is_none_or(|(bd, bi)| (d, e.index) < (bd, bi))
                {
                    best = Some((d, e.index));
                }
            }
        }
        best.map(|(_, i)| i)
    }
}

/// Alternates two iterators, then finishes whichever is longer.
trait ZipLongestInto: Iterator + Sized {
    fn zip_longest_into<J: Iterator<Item = Self::Item>>(
        self,
        other: J,
    ) -> impl Iterator<Item = Self::Item> {
        let mut a = self.fuse();
        let mut b = other.fuse();
        let mut take_a = true;
        std::iter::from_fn(move || {
            let first = if take_a { a.next() } else { b.next() };
            take_a = !take_a;
            first.or_else(|| if take_a { a.next() } else { b.next() })
        })
    }
}

impl<I: Iterator> ZipLongestInto for I {}

/// A [`Suggester`] built on first use, for a set of ids queried only when
/// something is unknown. Its clones start empty and any two compare equal:
/// it is a cache, not part of the value holding it.
#[derive(Default)]
pub struct LazySuggester(OnceLock<Suggester>);

impl LazySuggester {
    pub fn get_or_init<'a, I>(&self, candidates: impl FnOnce() -> I) -> &Suggester
    where
        I: IntoIterator<Item = &'a str>,
    {
        self.0.get_or_init(|| Suggester::new(candidates()))
    }
}

impl Clone for LazySuggester {
    fn clone(&self) -> Self {
        LazySuggester::default()
    }
}

impl PartialEq for LazySuggester {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LazySuggester {}

impl std::fmt::Debug for LazySuggester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LazySuggester")
    }
}

/// The candidate closest to `value`, when it is close enough to be a likely typo.
pub fn closest<'a>(value: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    Suggester::new(candidates.iter().copied())
        .closest_index(value)
        .map(|i| candidates[i])
}

/// "did you mean `x`?" for a value among candidates, or `None` when nothing is close.
pub fn did_you_mean<'a>(
    value: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(value, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn distance_within_agrees_with_the_full_distance() {
        let words = [
            "", "a", "ab", "ba", "abc", "kitten", "sitting", "reuters", "reutres", "sputnik",
            "sputnk", "xyzzy", "saturday", "sunday",
        ];
        for a in words {
            for b in words {
                let full = strsim::osa_distance(a, b);
                for k in 0..8 {
                    let want = (full <= k).then_some(full);
                    assert_eq!(
                        distance_within(&chars(a), &chars(b), k),
                        want,
                        "{a} {b} {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn far_apart_lengths_cost_nothing() {
        let long = chars(&"x".repeat(40_000));
        let before = cells_computed();
        assert_eq!(distance_within(&chars("xx"), &long, 5), None);
        assert_eq!(cells_computed() - before, 0);
    }

    #[test]
    fn the_band_bounds_the_cells() {
        // 20 rows of at most 2k+1 = 7 cells: at most 140, instead of 400.
        let a = chars("abcdefghijklmnopqrst");
        let b = chars("abcdefghijklmnopqrsu");
        let before = cells_computed();
        assert_eq!(distance_within(&a, &b, 3), Some(1));
        let cells = cells_computed() - before;
        // Rows 1..=20, columns max(1, i-3)..=min(20, i+3): 4+5+6+7*14+6+5+4... worked out:
        // i=1:4, i=2:5, i=3:6, i=4..=17:7 each (98), i=18:6, i=19:5, i=20:4 → 128.
        assert_eq!(cells, 128);
    }

    #[test]
    fn suggestions_are_typos() {
        let s = Suggester::new(["reuters", "sputnik", "rt", "cnn"]);
        assert_eq!(s.closest("reutres"), Some("reuters"));
        assert_eq!(s.closest("Sputnk"), Some("sputnik"));
        assert_eq!(s.closest("cn"), Some("cnn"));
        assert_eq!(
            Suggester::new(["title", "outlet"]).closest("titel"),
            Some("title")
        );
        assert_eq!(s.closest("zzzzzzz"), None);
        assert_eq!(s.closest(""), None);
    }

    #[test]
    fn a_long_id_gets_no_suggestion_and_costs_nothing() {
        let long = "a".repeat(40_000);
        let s = Suggester::new([long.as_str(), "a"]);
        let before = cells_computed();
        assert_eq!(s.closest(&format!("{long}b")), None);
        assert_eq!(cells_computed() - before, 0);
    }

    #[test]
    fn work_per_query_is_bounded_whatever_the_candidates() {
        // 10,000 ids of one length and near one another: every one is in reach
        // and passes the count filter, yet a query computes at most MAX_CELLS.
        let ids: Vec<String> = (0..10_000).map(|i| format!("s{i:05}x")).collect();
        let s = Suggester::new(ids.iter().map(String::as_str));
        let before = cells_computed();
        for q in (0..10_000).step_by(100) {
            let near = format!("s{q:05}y");
            assert_eq!(s.closest(&near), Some(ids[q].as_str()));
        }
        let per_query = (cells_computed() - before) / 100;
        assert!(per_query <= MAX_CELLS as u64, "{per_query}");
        // Typos far from the start are found among 10,000 look-alikes, too.
        assert_eq!(s.closest("s09999"), Some("s09999x"));
        assert_eq!(s.closest("t05000x"), Some("s05000x"));
    }

    #[test]
    fn the_listing_is_capped() {
        let ids: Vec<String> = (0..12).map(|i| format!("s{i}")).collect();
        let s = Suggester::new(ids.iter().map(String::as_str));
        assert_eq!(
            s.listing(),
            "`s0`, `s1`, `s2`, `s3`, `s4`, `s5`, `s6`, `s7`, `s8`, `s9`, and 2 more"
        );
    }
}
