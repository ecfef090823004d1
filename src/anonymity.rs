//! Whether the reason an article gives for a source's anonymity says *why*
//! anonymity was granted, or only states the condition it was granted on.
//!
//! AP and the NYT ask a story to explain why a source is not named ("because
//! he was not authorized to discuss intelligence publicly"). "Spoke on
//! condition of anonymity" and "berbicara dengan syarat anonim" state the
//! condition, not the reason. The phrases come from the `[anonymity]` lists of
//! the per-language lexicons ([`crate::lexicon`]): `conditions` (the
//! condition alone) and `reason_markers` (words that introduce a reason). A
//! reason that contains a condition phrase and no reason marker counts as no
//! reason; anything else the annotator wrote counts as a reason.

use crate::lexicon::{LANGUAGES, Lexicon};
use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// Every language's phrases, lowercased and padded with spaces so that a
/// phrase matches only whole words of a normalized text, each list in one
/// automaton: a reason is scanned once per list, however many languages
/// and phrases there are.
struct Phrases {
    conditions: AhoCorasick,
    markers: AhoCorasick,
}

fn phrases() -> &'static Phrases {
    static PHRASES: OnceLock<Phrases> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let lexicons = || LANGUAGES.iter().filter_map(|code| Lexicon::get(code));
        let automaton = |list: Vec<String>| {
            AhoCorasick::new(list).expect("lexicon phrases are short enough for an automaton")
        };
        Phrases {
            conditions: automaton(
                lexicons()
                    .flat_map(|l| l.anonymity.conditions.iter().map(|s| padded(s)))
                    .collect(),
            ),
            markers: automaton(
                lexicons()
                    .flat_map(|l| l.anonymity.reason_markers.iter().map(|s| padded(s)))
                    .collect(),
            ),
        }
    })
}

/// ` words of the text `: lowercase letters and digits, every other run of
/// characters one space.
fn padded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '\'' || c == '-' {
            // What `to_lowercase` gives an ASCII letter, without its iterator.
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Build the phrase lists (every lexicon read, two automata: a few
/// milliseconds) on a thread of the pool, so that the first reason checked
/// need not wait for them: called before a corpus's files are found, while
/// the pool is idle.
pub fn prepare_in_background() {
    rayon::spawn(|| {
        phrases();
    });
}

/// Whether `reason` only states the condition of anonymity ("speaking on
/// condition of anonymity", "yang enggan disebutkan namanya") without saying
/// why it was granted.
pub fn only_states_condition(reason: &str) -> bool {
    let text = padded(reason);
    let p = phrases();
    p.conditions.is_match(&text) && !p.markers.is_match(&text)
}

/// Whether a source's `reason` explains its anonymity.
pub fn explains(reason: Option<&str>) -> bool {
    reason.is_some_and(|r| !r.trim().is_empty() && !only_states_condition(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_parses_with_its_anonymity_lists() {
        for code in LANGUAGES {
            let lex = Lexicon::get(code).expect("every language has a lexicon");
            assert!(!lex.anonymity.conditions.is_empty());
            assert!(!lex.anonymity.reason_markers.is_empty());
        }
    }

    proptest::proptest! {
        /// The ASCII fast path pads as lowercasing every character does.
        #[test]
        fn padding_lowercases_every_character_alike(text in "[ -~ÀÉİßẞΣς’–\\n]{0,40}") {
            let mut expected = String::from(" ");
            for c in text.chars() {
                if c.is_alphanumeric() || c == '\'' || c == '-' {
                    expected.extend(c.to_lowercase());
                } else if !expected.ends_with(' ') {
                    expected.push(' ');
                }
            }
            if !expected.ends_with(' ') {
                expected.push(' ');
            }
            proptest::prop_assert_eq!(padded(&text), expected);
        }
    }

    #[test]
    fn a_condition_alone_is_no_reason() {
        for condition in [
            "spoke on condition of anonymity",
            "speaking on condition of anonymity",
            "Speaking on condition of anonymity.",
            "asked not to be named",
            "berbicara dengan syarat anonim",
            "yang enggan disebutkan namanya",
            "yang tak mau namanya ditulis",
            "enggan identitasnya diungkap",
        ] {
            assert!(only_states_condition(condition), "{condition}");
            assert!(!explains(Some(condition)), "{condition}");
        }
    }

    #[test]
    fn a_reason_says_why() {
        for reason in [
            "speaking on condition of anonymity because he was not authorized to discuss intelligence publicly",
            "asked not to be named because the talks are confidential",
            "berbicara dengan syarat anonim karena tidak berwenang berbicara kepada media",
            "fear of reprisal",
        ] {
            assert!(!only_states_condition(reason), "{reason}");
            assert!(explains(Some(reason)), "{reason}");
        }
        assert!(!explains(None));
        assert!(!explains(Some("  ")));
    }

    #[test]
    fn phrases_match_whole_words_only() {
        // "as" is a reason marker; "asked" must not count as one.
        assert!(only_states_condition("asked not to be named"));
        assert_eq!(padded("Spoke, on  condition!"), " spoke on condition ");
    }
}
