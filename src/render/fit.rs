//! Grids fitted to a terminal's width: which columns a width keeps, how wide
//! each gets and how its cells are shortened (ids in the middle, names at the
//! end, sentences wrapped; numbers, dates and codes never), and the blocks,
//! one per row, that a terminal too narrow for a table gets instead.
//!
//! Every cell passes through [`shown`] before it is measured, so whatever a
//! terminal must not see is dealt with in one place.

use super::{Align, Column, Fit, Grid};
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The text a cell shows on a terminal; every cell of a fitted table or a
/// block passes here first.
fn shown(cell: String) -> String {
    cell
}

/// The display width of a cell: its widest line.
fn width(s: &str) -> usize {
    s.split('\n').map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// Columns of a fitted table: which, in order, and how wide.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    /// Column index and width.
    pub columns: Vec<(usize, usize)>,
}

/// The spaces between two columns: one beside a number (right-aligned under
/// a header wider than its values, it stands apart already), two between
/// two columns of text.
fn gap(before: &Column, c: &Column) -> usize {
    match (before.align, c.align) {
        (Align::Left, Align::Left) => 2,
        _ => 1,
    }
}

/// The narrowest and the preferred width of a column, given its widest cell.
fn bounds(c: &Column, natural: usize) -> (usize, usize) {
    let label = UnicodeWidthStr::width(c.label);
    match c.fit {
        Fit::Keep | Fit::Flag => (natural, natural),
        Fit::Middle { min, want } | Fit::End { min, want } | Fit::Wrap { min, want } => {
            (min.max(label).min(natural), want.max(label).min(natural))
        }
    }
}

/// The columns and widths that fit `total` columns of terminal, or `None`
/// when even the essential columns (rank 0) at their narrowest do not.
///
/// Essential columns always show. Others join, by rank and then in order,
/// while every shortened column keeps its preferred width (the first that
/// does not fit ends the list); what is left
/// widens shortened columns, in order, up to their widest cell.
pub fn plan(columns: &[Column], natural: &[usize], total: usize) -> Option<Plan> {
    let bounds: Vec<(usize, usize)> = columns
        .iter()
        .zip(natural)
        .map(|(c, n)| bounds(c, *n))
        .collect();
    let needed = |chosen: &[usize], pick: fn((usize, usize)) -> usize| -> usize {
        chosen
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let before = if k == 0 {
                    0
                } else {
                    gap(&columns[chosen[k - 1]], &columns[i])
                };
                pick(bounds[i]) + before
            })
            .sum()
    };
    let mut chosen: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].rank == 0)
        .collect();
    if chosen.is_empty() || needed(&chosen, |b| b.0) > total {
        return None;
    }
    let mut optional: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].rank > 0)
        .collect();
    optional.sort_by_key(|&i| (columns[i].rank, i));
    for i in optional {
        let mut with = chosen.clone();
        with.push(i);
        with.sort_unstable();
        // The first that does not fit ends the list: a column never shows
        // while one ranked before it is left out.
        if needed(&with, |b| b.1) > total {
            break;
        }
        chosen = with;
    }
    let mut widths: Vec<usize> = chosen.iter().map(|&i| bounds[i].0).collect();
    let mut left = total - needed(&chosen, |b| b.0);
    for target in [
        |_: usize, b: (usize, usize)| b.1,
        |n: usize, _: (usize, usize)| n,
    ] {
        for (k, &i) in chosen.iter().enumerate() {
            let more = target(natural[i], bounds[i]).saturating_sub(widths[k]);
            let more = more.min(left);
            widths[k] += more;
            left -= more;
        }
    }
    Some(Plan {
        columns: chosen.into_iter().zip(widths).collect(),
    })
}

/// `s` in at most `w` columns, an ellipsis in the middle: the head and the
/// tail, which is where ids differ most, kept as evenly as the width allows
/// (the tail gets the odd column).
pub fn middle(s: &str, w: usize) -> String {
    middle_at(s, w, w.saturating_sub(1) / 2)
}

/// `s` in at most `w` columns, the ellipsis after at most `head_room`
/// columns of its head.
fn middle_at(s: &str, w: usize, head_room: usize) -> String {
    if UnicodeWidthStr::width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let room = w - 1;
    let head_room = head_room.min(room);
    let tail_room = room - head_room;
    let mut head = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = ch.width().unwrap_or(0);
        if used + cw > head_room {
            break;
        }
        head.push(ch);
        used += cw;
    }
    let mut tail = Vec::new();
    let mut used = 0;
    for ch in s.chars().rev() {
        let cw = ch.width().unwrap_or(0);
        if used + cw > tail_room {
            break;
        }
        tail.push(ch);
        used += cw;
    }
    head.push('…');
    head.extend(tail.into_iter().rev());
    head
}

/// `s` in at most `w` columns, cut at the end with an ellipsis.
pub fn end(s: &str, w: usize) -> String {
    if UnicodeWidthStr::width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = ch.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(ch);
        used += cw;
    }
    if w > 0 {
        out.push('…');
    }
    out
}

/// The one-line cells of a shortened column, each as the column shows it,
/// with no two different cells shown alike: cells that would read the same
/// (`anonymous: a U.…eployment-cyber)` for two articles' officials) move
/// their ellipsis, the same way for the whole group, until each reads apart,
/// when some place of it does.
fn distinct(cells: &[&str], c: &Column, w: usize) -> Vec<String> {
    use std::collections::HashMap;
    let mut shown: Vec<String> = cells
        .iter()
        .map(|cell| match c.fit {
            Fit::Middle { .. } => middle(cell, w),
            Fit::End { .. } => end(cell, w),
            _ => cell.to_string(),
        })
        .collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, text) in shown.iter().enumerate() {
        if text.contains('…') {
            groups.entry(text.as_str()).or_default().push(i);
        }
    }
    let mut clashes: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|rows| {
            let first = cells[rows[0]];
            rows.iter().any(|&r| cells[r] != first)
        })
        .collect();
    clashes.sort();
    for rows in clashes {
        let mut originals: Vec<&str> = rows.iter().map(|&r| cells[r]).collect();
        originals.sort_unstable();
        originals.dedup();
        let room = w.saturating_sub(1);
        // From the even split towards the tail (where ids differ), then
        // towards the head.
        let even = room / 2;
        let found = (0..=even).rev().chain(even + 1..=room).find(|&head| {
            let mut texts: Vec<String> = originals.iter().map(|o| middle_at(o, w, head)).collect();
            texts.sort_unstable();
            texts.dedup();
            texts.len() == originals.len()
        });
        if let Some(head) = found {
            for &r in &rows {
                shown[r] = middle_at(cells[r], w, head);
            }
        }
    }
    shown
}

/// `s` wrapped into lines of at most `w` columns, at spaces where it can be
/// and inside a word longer than a line.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let ww = UnicodeWidthStr::width(word);
            if used > 0 && used + 1 + ww <= w {
                line.push(' ');
                line.push_str(word);
                used += 1 + ww;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for ch in word.chars() {
                let cw = ch.width().unwrap_or(0);
                if used + cw > w && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(ch);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// A cell's lines in a column `w` wide.
fn lines(cell: &str, c: &Column, w: usize) -> Vec<String> {
    match c.fit {
        Fit::Keep | Fit::Flag => cell.split('\n').map(str::to_string).collect(),
        Fit::Middle { .. } => cell.split('\n').map(|l| middle(l, w)).collect(),
        Fit::End { .. } => cell.split('\n').map(|l| end(l, w)).collect(),
        Fit::Wrap { .. } => wrap(cell, w),
    }
}

fn bold(s: &str, on: bool) -> String {
    if on && !s.is_empty() {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// Pad `s` to `w` columns on the side its alignment leaves open.
fn pad(s: &str, w: usize, align: Align) -> String {
    let n = w.saturating_sub(UnicodeWidthStr::width(s));
    match align {
        Align::Left => format!("{s}{}", " ".repeat(n)),
        Align::Right => format!("{}{s}", " ".repeat(n)),
    }
}

/// The grid's rows, each cell already [`shown`], and the footer.
fn cells(g: &Grid) -> (Vec<Vec<String>>, Option<Vec<String>>) {
    let fill = |row: Vec<String>| -> Vec<String> {
        let mut row: Vec<String> = row.into_iter().map(shown).collect();
        row.resize(g.columns.len(), String::new());
        row
    };
    (
        g.rows.iter().map(fill).collect(),
        g.footer.clone().map(fill),
    )
}

/// A grid fitted to `total` columns: a table when its essential columns fit,
/// else one block per row.
pub fn write(out: &mut dyn Write, g: &Grid, total: usize, color: bool) -> io::Result<()> {
    let (rows, footer) = cells(g);
    let natural: Vec<usize> = g
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .chain(footer.iter())
                .map(|r| width(&r[i]))
                .max()
                .unwrap_or(0)
                .max(UnicodeWidthStr::width(c.label))
        })
        .collect();
    match plan(&g.columns, &natural, total) {
        Some(plan) => table(out, g, &plan, &rows, footer.as_ref(), color),
        None => {
            let title = g.title.as_ref().map(|t| t.columns);
            blocks(out, g, title, Some(total), &rows, footer.as_ref(), color)
        }
    }
}

/// Every row of a grid as a block, its title made of the `title` columns;
/// lines wrapped to `total` when given.
pub fn write_blocks(
    out: &mut dyn Write,
    g: &Grid,
    title: &[usize],
    total: Option<usize>,
    color: bool,
) -> io::Result<()> {
    let (rows, footer) = cells(g);
    blocks(out, g, Some(title), total, &rows, footer.as_ref(), color)
}

fn table(
    out: &mut dyn Write,
    g: &Grid,
    plan: &Plan,
    rows: &[Vec<String>],
    footer: Option<&Vec<String>>,
    color: bool,
) -> io::Result<()> {
    let line = |cells: &[Vec<String>]| -> Vec<String> {
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        (0..height)
            .map(|l| {
                let mut text = String::new();
                for (k, (&(i, w), lines)) in plan.columns.iter().zip(cells).enumerate() {
                    let c = &g.columns[i];
                    if k > 0 {
                        let before = &g.columns[plan.columns[k - 1].0];
                        text.push_str(&" ".repeat(gap(before, c)));
                    }
                    let cell = lines.get(l).map(String::as_str).unwrap_or("");
                    text.push_str(&pad(cell, w, c.align));
                }
                text.trim_end().to_string()
            })
            .collect()
    };
    // Shortened one-line columns, read apart where they would read alike.
    let apart: Vec<Option<Vec<String>>> = plan
        .columns
        .iter()
        .map(|&(i, w)| {
            let c = &g.columns[i];
            let shortened = matches!(c.fit, Fit::Middle { .. } | Fit::End { .. });
            let one_line = rows.iter().all(|r| !r[i].contains('\n'));
            (shortened && one_line).then(|| {
                let cells: Vec<&str> = rows.iter().map(|r| r[i].as_str()).collect();
                distinct(&cells, c, w)
            })
        })
        .collect();
    let fitted = |n: Option<usize>, row: &[String]| -> Vec<Vec<String>> {
        plan.columns
            .iter()
            .zip(&apart)
            .map(|(&(i, w), apart)| match (apart, n) {
                (Some(texts), Some(n)) => vec![texts[n].clone()],
                _ => lines(&row[i], &g.columns[i], w),
            })
            .collect()
    };
    let header: Vec<Vec<String>> = plan
        .columns
        .iter()
        .map(|&(i, _)| vec![g.columns[i].label.to_string()])
        .collect();
    let mut rule = String::new();
    for (k, &(i, w)) in plan.columns.iter().enumerate() {
        if k > 0 {
            let before = &g.columns[plan.columns[k - 1].0];
            rule.push_str(&" ".repeat(gap(before, &g.columns[i])));
        }
        rule.push_str(&"─".repeat(w));
    }
    for l in line(&header) {
        writeln!(out, "{}", bold(&l, color))?;
    }
    writeln!(out, "{rule}")?;
    for (n, row) in rows.iter().enumerate() {
        for l in line(&fitted(Some(n), row)) {
            writeln!(out, "{l}")?;
        }
    }
    if let Some(f) = footer {
        writeln!(out, "{rule}")?;
        for l in line(&fitted(None, f)) {
            writeln!(out, "{}", bold(&l, color))?;
        }
    }
    Ok(())
}

/// A cell a block leaves out: empty, or "-" for nothing.
fn is_blank(cell: &str) -> bool {
    cell.is_empty() || cell == "-"
}

/// One block per row (and the footer): a title line (its columns' cells;
/// a number followed by its label, a flag by its label alone), then each
/// other cell that is not blank as `label: value`, values wrapped to the width.
fn blocks(
    out: &mut dyn Write,
    g: &Grid,
    title: Option<&[usize]>,
    total: Option<usize>,
    rows: &[Vec<String>],
    footer: Option<&Vec<String>>,
    color: bool,
) -> io::Result<()> {
    let title: &[usize] = title.unwrap_or(&[0]);
    let fields: Vec<usize> = (0..g.columns.len())
        .filter(|i| !title.contains(i))
        .collect();
    let label_width = fields
        .iter()
        .map(|&i| UnicodeWidthStr::width(g.columns[i].label))
        .max()
        .unwrap_or(0);
    const INDENT: usize = 2;
    let value_width = total.map(|t| t.saturating_sub(INDENT + label_width + 2).max(10));
    let block = |out: &mut dyn Write, row: &[String]| -> io::Result<()> {
        let mut head = Vec::new();
        for (k, &i) in title.iter().enumerate() {
            let cell = &row[i];
            if is_blank(cell) {
                continue;
            }
            let c = &g.columns[i];
            if c.fit == Fit::Flag {
                head.push(c.label.to_string());
            } else if k > 0 && c.align == Align::Right {
                head.push(format!("{cell} {}", c.label));
            } else {
                head.push(cell.clone());
            }
        }
        let mut head = head.join("  ");
        if let Some(t) = total {
            head = middle(&head, t);
        }
        writeln!(out, "{}", bold(&head, color))?;
        for &i in &fields {
            let cell = &row[i];
            if is_blank(cell) {
                continue;
            }
            let label = g.columns[i].label;
            let values = match value_width {
                Some(w) => wrap(cell, w),
                None => cell.split('\n').map(str::to_string).collect(),
            };
            for (n, v) in values.iter().enumerate() {
                let lead = if n == 0 {
                    format!("{label}:")
                } else {
                    String::new()
                };
                let line = format!(
                    "{}{}{v}",
                    " ".repeat(INDENT),
                    pad(&lead, label_width + 2, Align::Left)
                );
                writeln!(out, "{}", line.trim_end())?;
            }
        }
        Ok(())
    };
    let mut first = true;
    for row in rows.iter().chain(footer) {
        if !first {
            writeln!(out)?;
        }
        first = false;
        block(out, row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Plan, distinct, end, middle, plan, wrap};
    use crate::render::Column;

    #[test]
    fn ids_keep_their_head_and_tail() {
        let id = "2019/scmp-russian-deployment-special-forces-cyber";
        assert_eq!(middle(id, 49), id);
        // 20 columns: 9 of head, the ellipsis, 10 of tail.
        assert_eq!(middle(id, 20), "2019/scmp…rces-cyber");
        assert_eq!(middle(id, 20).chars().count(), 20);
        assert_eq!(middle(id, 21), "2019/scmp-…rces-cyber");
        // Wide characters are never split: 3 columns each side hold one.
        assert_eq!(middle("報道報道報道", 7), "報…道");
        assert_eq!(middle("abc", 0), "");
    }

    #[test]
    fn cells_that_would_read_alike_move_their_ellipsis_until_they_read_apart() {
        let c = Column::left("speaker").id(3, 11);
        let cells = [
            "prefix-AAAA-middle-suffix",
            "prefix-BBBB-middle-suffix",
            "prefix-AAAA-middle-suffix",
            "short",
            "other-long-value-here",
        ];
        // The even split (5 + 5) and every split towards the tail show the
        // same `-middle-suffix` end; 8 columns of head tell them apart.
        assert_eq!(
            distinct(&cells, &c, 11),
            [
                "prefix-A…ix",
                "prefix-B…ix",
                "prefix-A…ix",
                "short",
                "other…-here",
            ]
        );
        // Where no split tells them apart, they stay as they were.
        let same_ends = ["ab1yz", "ab2yz"];
        assert_eq!(distinct(&same_ends, &c, 3), ["a…z", "a…z"]);
    }

    #[test]
    fn names_are_cut_at_the_end() {
        assert_eq!(end("Radio Free Europe/Radio Liberty", 10), "Radio Fre…");
        assert_eq!(end("RT", 10), "RT");
    }

    #[test]
    fn sentences_wrap_at_spaces() {
        assert_eq!(
            wrap("the article's own voice; hedged", 12),
            ["the", "article's", "own voice;", "hedged"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn columns_join_by_rank_while_ids_keep_their_preferred_width() {
        let columns = [
            Column::left("id").id(6, 10),
            Column::right("n"),
            Column::right("extra").rank(1),
            Column::right("more").rank(2),
        ];
        let natural = [20, 3, 5, 4];
        // id at 6, gap 1, n 3: 10 columns at the narrowest.
        assert_eq!(plan(&columns, &natural, 9), None);
        assert_eq!(
            plan(&columns, &natural, 10),
            Some(Plan {
                columns: vec![(0, 6), (1, 3)]
            })
        );
        // id at 10 + 1 + 3 + 1 + 5 = 20: extra joins; more needs 5 more.
        assert_eq!(
            plan(&columns, &natural, 24),
            Some(Plan {
                columns: vec![(0, 14), (1, 3), (2, 5)]
            })
        );
        // Everything, and the id whole: 20 + 4 + 6 + 5 = 35.
        assert_eq!(
            plan(&columns, &natural, 40),
            Some(Plan {
                columns: vec![(0, 20), (1, 3), (2, 5), (3, 4)]
            })
        );
    }
}
