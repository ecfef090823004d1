//! Words of a sentence with their byte spans, and phrase lists matched against
//! them word by word (so "said" never matches inside "unsaid", and "a u.s.
//! official" matches however it is spaced).

use std::collections::HashMap;

/// Maps looked up for every word: hashed fast, never iterated in an order
/// that shows.
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

#[derive(Clone, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lowercased text.
    pub lower: String,
    /// A word (letters or digits), not punctuation.
    pub word: bool,
    /// Starts with a capital letter.
    pub cap: bool,
    /// Written in capitals, two letters or more: an acronym ("ESDM", "AFP").
    pub upper: bool,
    /// Inside quotation marks.
    pub quoted: bool,
}

/// Split a sentence into word and punctuation tokens. `abbrev` says whether a
/// lowercased word with its period is an abbreviation ("gen.", "jend.").
/// `quoted_at_start`: the sentence begins inside a quotation.
///
/// French elisions ("l'", "d'", "qu'") end a word with their apostrophe.
pub fn tokenize(s: &str, abbrev: &dyn Fn(&str) -> bool, quoted_at_start: bool) -> Vec<Token> {
    tokenize_open(s, abbrev, quoted_at_start.then_some('\0'))
}

/// [`tokenize`], the sentence beginning inside a quotation opened by the mark
/// `opened` ('\0': a mark not known here), or outside one (`None`).
pub fn tokenize_open(s: &str, abbrev: &dyn Fn(&str) -> bool, opened: Option<char>) -> Vec<Token> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut quoted = opened.is_some();
    // The mark that opened the quotation.
    let mut opener = opened.unwrap_or('\0');
    let mut i = 0;
    let is_inner = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '&' | '_');
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            loop {
                if j < chars.len() && is_inner(chars[j].1) {
                    // A trailing apostrophe or hyphen is punctuation.
                    if matches!(chars[j].1, '\'' | '’' | '-')
                        && !chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric())
                    {
                        break;
                    }
                    // An elided French article or pronoun is a word of its
                    // own: "l'AFP", "d'après", "qu'il".
                    // (Only a short word so far can be one: the test costs
                    // nothing per apostrophe in a long word.)
                    if matches!(chars[j].1, '\'' | '’')
                        && j - i <= 6
                        && ELIDED.contains(&s[pos..chars[j].0].to_lowercase().as_str())
                    {
                        j += 1;
                        break;
                    }
                    j += 1;
                    continue;
                }
                // Digits with a separator: "3,2", "10.5", "26/3/2019".
                if j < chars.len()
                    && matches!(chars[j].1, '.' | ',' | '/' | ':')
                    && chars[j - 1].1.is_ascii_digit()
                    && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit())
                {
                    j += 1;
                    continue;
                }
                if j < chars.len() && chars[j].1 == '.' {
                    let so_far = &s[pos..chars[j].0];
                    let next_alnum = chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                    // Abbreviations are short: a long run of initials ("a.a.a.…")
                    // is not lowercased again at every period.
                    let with_dot = if so_far.len() <= 24 {
                        format!("{}.", so_far.to_lowercase())
                    } else {
                        String::new()
                    };
                    // "U.S.", "a.m.": letters with periods keep the last
                    // one; "Kompas.com." at the end of a sentence does not.
                    let initials = so_far
                        .rsplit_once('.')
                        .is_some_and(|(_, last)| last.chars().count() == 1);
                    if next_alnum || initials || abbrev(&with_dot) {
                        j += 1;
                        continue;
                    }
                }
                break;
            }
            let end = chars.get(j).map_or(s.len(), |c| c.0);
            let text = &s[pos..end];
            out.push(Token {
                start: pos,
                end,
                lower: folded(text),
                word: true,
                cap: c.is_uppercase(),
                upper: c.is_uppercase()
                    && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !text.chars().any(char::is_lowercase),
                quoted,
            });
            i = j;
            continue;
        }
        let end = pos + c.len_utf8();
        let opens = !quoted && is_opening_mark(c);
        // "‘’" is one opening mark: its "’" closes nothing.
        let doubled = c == '’' && i > 0 && chars[i - 1].1 == '‘';
        let closes = quoted && closes_quote(opener, c) && !doubled;
        if opens {
            quoted = true;
            opener = c;
        }
        out.push(Token {
            start: pos,
            end,
            lower: c.to_string(),
            word: false,
            cap: false,
            upper: false,
            quoted,
        });
        if closes && !opens {
            quoted = false;
            if let Some(t) = out.last_mut() {
                t.quoted = true;
            }
        }
        i += 1;
    }
    out
}

/// Marks that open a quotation: "…", “…”, „…“ (German), «…» and »…«, and
/// ‘…’ (also doubled, ‘’…’’, as Indonesian regional copy writes it).
pub fn is_opening_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«' | '»' | '‘')
}

/// Whether `c` closes a quotation opened by `opener` ('\0': opened in an
/// earlier sentence, by a mark not known here). Only the partner closes,
/// so a quotation inside another ("« Il a dit “non” », a déclaré …")
/// leaves the outer one open.
pub fn closes_quote(opener: char, c: char) -> bool {
    match opener {
        '"' => c == '"',
        '“' => c == '”',
        '„' => matches!(c, '“' | '”'),
        '«' => c == '»',
        '»' => c == '«',
        '‘' => c == '’',
        // Not "’", an apostrophe as often: a quotation opened by "‘" in an
        // earlier sentence is known by its mark (see [`open_at_end`]).
        _ => matches!(c, '"' | '”' | '“' | '»' | '«'),
    }
}

/// Whether a quotation is still open at the end of `s`, and by which mark,
/// given the one open at its start. Marks pair as the tokenizer pairs them;
/// "’" within a word ("can’t", "Jum’at") closes nothing, and "‘’" is one
/// opening mark.
pub fn open_at_end(s: &str, mut open: Option<char>) -> Option<char> {
    let mut prev = ' ';
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let within =
            c == '’' && prev.is_alphanumeric() && chars.peek().is_some_and(|n| n.is_alphanumeric());
        let doubled = c == '’' && prev == '‘';
        prev = c;
        match open {
            Some(opener) if closes_quote(opener, c) && !within && !doubled => open = None,
            Some(_) => {}
            None if is_opening_mark(c) => open = Some(c),
            None => {}
        }
    }
    open
}

/// French words that elide before a vowel, each a token with its apostrophe.
const ELIDED: &[&str] = &[
    "l", "d", "j", "n", "s", "c", "m", "t", "qu", "lorsqu", "puisqu", "jusqu",
];

/// A word or a name as it is looked up: lowercased, the typographic
/// apostrophe read as the plain one ("l’AFP", "qu’il", "Ma’ruf").
pub fn folded(s: &str) -> String {
    let lower = s.to_lowercase();
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

/// A list of phrases, matched a word at a time, and optionally the endings
/// of capitalised compounds that match as one word ("Gesundheitsamt" for
/// "-amt").
#[derive(Debug, Default)]
pub struct Phrases {
    by_first: Map<String, Vec<Vec<String>>>,
    endings: Vec<String>,
    /// Words that end so but match no ending ("insgesamt").
    not_endings: Vec<String>,
}

/// One match: tokens `start..end` and the phrase as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub phrase: String,
}

impl Phrases {
    pub fn new<'a>(list: impl IntoIterator<Item = &'a String>) -> Phrases {
        let mut by_first: Map<String, Vec<Vec<String>>> = Map::default();
        for p in list {
            let words: Vec<String> = split_phrase(p);
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(words);
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        Phrases {
            by_first,
            endings: Vec::new(),
            not_endings: Vec::new(),
        }
    }

    /// The same list, with compounds ending in one of `endings` matching as
    /// one word, unless listed in `except`. A compound matches only if
    /// capitalised and at least three letters longer than its ending.
    pub fn with_endings(mut self, endings: &[String], except: &[String]) -> Phrases {
        self.endings = endings.iter().map(|e| e.to_lowercase()).collect();
        self.not_endings = except.to_vec();
        self
    }

    /// Whether a word is a compound ending in one of the endings.
    fn compound(&self, w: &str) -> bool {
        !self.endings.is_empty()
            && self
                .endings
                .iter()
                .any(|e| w.len() >= e.len() + 3 && w.ends_with(e.as_str()))
            && !self.not_endings.iter().any(|x| x == w)
    }

    /// The longest phrase starting at word token `i`, if any.
    pub fn at(&self, toks: &[Token], i: usize) -> Option<Found> {
        let t = toks.get(i)?;
        let compound = || {
            (t.word && t.cap && self.compound(&t.lower)).then(|| Found {
                start: i,
                end: i + 1,
                phrase: t.lower.clone(),
            })
        };
        let Some(cands) = self.by_first.get(&t.lower) else {
            return compound();
        };
        'cand: for words in cands {
            let mut k = i;
            for w in words {
                match toks.get(k) {
                    Some(t) if &t.lower == w => k += 1,
                    _ => continue 'cand,
                }
            }
            return Some(Found {
                start: i,
                end: k,
                phrase: joined(words),
            });
        }
        compound()
    }

    /// Every non-overlapping match, longest first at each position, among
    /// tokens `from..to` that satisfy `keep`.
    pub fn all(
        &self,
        toks: &[Token],
        from: usize,
        to: usize,
        keep: &dyn Fn(&Token) -> bool,
    ) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = from;
        while i < to.min(toks.len()) {
            if keep(&toks[i])
                && let Some(f) = self.at(toks, i).filter(|f| f.end <= to)
            {
                i = f.end;
                out.push(f);
                continue;
            }
            i += 1;
        }
        out
    }

    /// Whether a lowercased word is listed alone, or is a compound ending
    /// in one of the endings.
    pub fn contains_word(&self, w: &str) -> bool {
        self.by_first
            .get(w)
            .is_some_and(|v| v.iter().any(|p| p.len() == 1))
            || self.compound(w)
    }
}

/// A phrase's words as written: a space between words, none after an
/// elision ("s'est dite").
fn joined(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() && !out.ends_with('\'') {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A listed phrase as the tokenizer would cut it ("a u.s. official" ->
/// ["a", "u.s.", "official"]; "kemenlu's" stays one word).
pub fn split_phrase(p: &str) -> Vec<String> {
    tokenize(&p.to_lowercase(), &|w| w.ends_with('.'), false)
        .into_iter()
        .map(|t| t.lower)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Phrases, tokenize};

    #[test]
    fn german_and_french_quotation_marks_and_elisions() {
        // „…“ closes with the mark English opens with; «…» and »…« both pair.
        for text in [
            "„Wir prüfen“, sagte sie.",
            "«Wir prüfen», sagte sie.",
            "»Wir prüfen«, sagte sie.",
        ] {
            let t = tokenize(text, &|_| false, false);
            let quoted: Vec<bool> = t.iter().map(|t| t.quoted).collect();
            assert_eq!(
                quoted,
                [true, true, true, true, false, false, false, false],
                "{text}"
            );
        }
        // An English quotation still opens with “ and closes with ”.
        let t = tokenize("“We won,” he said.", &|_| false, false);
        assert!(t[1].quoted && !t[5].quoted);
        let t = tokenize("selon l'AFP, qu'il d'après O'Brien", &|_| false, false);
        let words: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            [
                "selon", "l'", "afp", ",", "qu'", "il", "d'", "après", "o'brien"
            ]
        );
    }

    #[test]
    fn words_and_quotes() {
        let t = tokenize(
            "\"We won,\" said Gen. Lee of the U.S. Army.",
            &|w| w == "gen.",
            false,
        );
        let words: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            [
                "\"", "we", "won", ",", "\"", "said", "gen.", "lee", "of", "the", "u.s.", "army",
                "."
            ]
        );
        assert!(t[1].quoted && t[4].quoted && !t[5].quoted);
        let t = tokenize("Selasa (26/3/2019) Rp 3,2 miliar", &|_| false, false);
        assert_eq!(t[2].lower, "26/3/2019");
        assert_eq!(t[5].lower, "3,2");
        // A name with a dot ends before the sentence's period; initials keep theirs.
        let t = tokenize("dilansir Kompas.com. The U.S. said", &|_| false, false);
        let words: Vec<&str> = t.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            ["dilansir", "kompas.com", ".", "the", "u.s.", "said"]
        );
    }

    #[test]
    fn phrases_match_whole_words() {
        let list = ["a u.s. official".to_string(), "said".to_string()];
        let p = Phrases::new(&list);
        let t = tokenize("A U.S. official said it; unsaid.", &|_| false, false);
        let found = p.all(&t, 0, t.len(), &|_| true);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].phrase, "a u.s. official");
    }
}
