//! Putting the diagnostics found in many places (files checked in parallel,
//! findings across articles, the settings file) in one output order.

use super::{Code, Diagnostic};
use rayon::prelude::*;
use std::collections::HashMap;

/// The diagnostics of several lists (found in several places) in one, in
/// output order: by file, then position, then code and message
/// (`Diagnostic::sort_key`); ties in the order of the lists, then within each.
pub fn sorted(mut parts: Vec<Vec<Diagnostic>>) -> Vec<Diagnostic> {
    if let [one] = parts.as_slice()
        && one.len() < 2
    {
        return parts.pop().unwrap_or_default();
    }
    // Comparing long paths for every pair is what a large sort spends its
    // time on: rank the files once, then sort numbers. Diagnostics come
    // mostly grouped by file, so neighbours are collapsed before the sort.
    let mut files: Vec<&str> = Vec::new();
    for d in parts.iter().flatten() {
        if let Some(f) = d.file.as_deref()
            && files.last() != Some(&f)
        {
            files.push(f);
        }
    }
    files.par_sort_unstable();
    files.dedup();
    let rank: HashMap<&str, u32, foldhash::fast::RandomState> =
        files.iter().zip(0u32..).map(|(&f, i)| (f, i)).collect();
    // Where each diagnostic is: its list, and its place there.
    type At = (u32, u32);
    // No file sorts first, as `None` does in the key.
    let mut order: Vec<(u32, usize, usize, Code, At)> =
        Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for (part, p) in parts.iter().zip(0u32..) {
        let rank = &rank;
        order.par_extend(part.par_iter().enumerate().map(move |(i, d)| {
            let file = d.file.as_deref().map_or(0, |f| rank[f] + 1);
            let (line, column) = (d.line().unwrap_or(0), d.column().unwrap_or(0));
            (file, line, column, d.code, (p, i as u32))
        }));
    }
    drop(rank);
    let get = |at: At| &parts[at.0 as usize][at.1 as usize];
    // Ties on all the numbers (rare) are settled by the message, then by
    // where the diagnostic was found, as a stable sort would.
    order.par_sort_unstable_by(|a, b| {
        (a.0, a.1, a.2, a.3)
            .cmp(&(b.0, b.1, b.2, b.3))
            .then_with(|| get(a.4).message.cmp(&get(b.4).message))
            .then(a.4.cmp(&b.4))
    });
    // Diagnostics are large: each is moved once, into its place, leaving an
    // empty one behind.
    order
        .into_iter()
        .map(|(.., at)| {
            std::mem::replace(
                &mut parts[at.0 as usize][at.1 as usize],
                Diagnostic::empty(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sorted;
    use crate::diag::{Diagnostic, Snippet, make};

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::with_cases(300)
        })]
        /// The ranked sort gives the order a stable sort by `sort_key` gives:
        /// files in string order (`a-b/x` before `a/x`), no file first, then
        /// position, code and message, then the order found.
        #[test]
        fn diagnostics_sort_as_their_keys_do(
            found in proptest::collection::vec(
                (0usize..5, 0usize..3, 0usize..3, proptest::bool::ANY, 0usize..2),
                0..40,
            ),
            split in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            const FILES: [&str; 4] = ["a/x.toml", "a-b/x.toml", "b.toml", "a/x.toml.bak"];
            let mut list: Vec<Diagnostic> = found
                .iter()
                .enumerate()
                .map(|(i, &(file, line, column, code, message))| {
                    let d = if code {
                        make::syntax(&format!("m{message}"))
                    } else {
                        make::empty_value(&format!("m{message}"))
                    };
                    let d = d.label(i.to_string());
                    match FILES.get(file) {
                        Some(f) => d.at(
                            *f,
                            Some(Snippet {
                                line: line + 1,
                                column: column + 1,
                                text: "x".into(),
                                underline: 0..1,
                            }),
                        ),
                        None => d,
                    }
                })
                .collect();
            let mut expected: Vec<&Diagnostic> = list.iter().collect();
            expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            let expected: Vec<String> = expected.iter().map(|d| format!("{:?}", d.label)).collect();
            // The same list in two parts, cut anywhere, sorts the same.
            let cut = split.index(list.len() + 1);
            let tail = list.split_off(cut);
            let parts = sorted(vec![list.clone(), tail.clone()]);
            list.extend(tail);
            let whole = sorted(vec![list]);
            let got: Vec<String> = whole.iter().map(|d| format!("{:?}", d.label)).collect();
            proptest::prop_assert_eq!(&got, &expected);
            let got: Vec<String> = parts.iter().map(|d| format!("{:?}", d.label)).collect();
            proptest::prop_assert_eq!(&got, &expected);
        }
    }
}
