//! Splitting an article's text into its headline, dateline and numbered
//! sentences. A period after an abbreviation ("Gen.", "Jend.", "(Purn.)") or an
//! initial does not end a sentence, nor does one followed by a lowercase word;
//! a quotation that runs over several sentences keeps them together as one
//! group, so that the attribution after it reaches all of them.

use super::words::open_at_end;
use crate::lexicon::Lexicon;

/// One sentence of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// 1-based, over the body (the headline is not counted).
    pub number: usize,
    /// 0-based paragraph of the body.
    pub paragraph: usize,
    pub text: String,
    /// Sentences inside one quotation share a group number.
    pub quote_group: Option<usize>,
}

/// The text cut up: headline (if the first line stands alone), the dateline
/// taken off the first paragraph ("MOSCOW, March 12 (Meridian) -"), sentences.
#[derive(Clone, Debug, Default)]
pub struct Segmented {
    pub headline: Option<String>,
    pub dateline: Option<String>,
    pub sentences: Vec<Sentence>,
}

const OPEN_QUOTES: &[char] = &['"', '“', '«', '„', '»', '‘'];
const CLOSE_QUOTES: &[char] = &['"', '”', '»', '“', '«', '’'];

pub fn segment(text: &str, lex: &Lexicon, has_title: bool) -> Segmented {
    let text = text.replace("\r\n", "\n");
    let mut paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .map(|p| strip_credit(&p))
        .filter(|p| !p.is_empty())
        // "[Baca juga: ...]", "[mti/berbagai sumber]": links and credits, not text.
        .filter(|p| !(p.starts_with('[') && p.ends_with(']')))
        .collect();
    let mut out = Segmented::default();
    if !has_title && paragraphs.len() > 1 {
        let first = &paragraphs[0];
        let stands_alone = !first.ends_with(['.', '!', '?', '"', '”']) && first.len() < 200;
        if stands_alone {
            out.headline = Some(paragraphs.remove(0));
        }
    }
    if let Some(first) = paragraphs.first_mut()
        && let Some((dateline, rest)) = split_dateline(first, lex)
    {
        out.dateline = Some(dateline);
        *first = rest;
    }
    let mut number = 0;
    let mut group = 0;
    for (pi, para) in paragraphs.iter().enumerate() {
        let pieces = split_sentences(para, lex);
        // Quotation state across the paragraph's sentences: the mark that
        // opened the quotation still open.
        let mut open: Option<char> = None;
        let mut run: Vec<usize> = Vec::new();
        for piece in pieces {
            number += 1;
            let starts_inside = open.is_some();
            let balance = open_at_end(&piece, open);
            out.sentences.push(Sentence {
                number,
                paragraph: pi,
                text: piece,
                quote_group: None,
            });
            let idx = out.sentences.len() - 1;
            if starts_inside || balance.is_some() {
                run.push(idx);
            }
            open = balance;
            if open.is_none() && run.len() > 1 {
                group += 1;
                for &i in &run {
                    out.sentences[i].quote_group = Some(group);
                }
            }
            if open.is_none() {
                run.clear();
            }
        }
    }
    out
}

/// A paragraph without a closing credit in brackets ("... Venezuela. [mti/foto:x]").
fn strip_credit(p: &str) -> String {
    if p.ends_with(']')
        && let Some(i) = p.rfind(" [")
    {
        return p[..i].trim_end().to_string();
    }
    p.to_string()
}

/// "MOSCOW, March 12 (Meridian) - An explosion" -> ("MOSCOW, March 12 (Meridian)", "An explosion").
/// The head is one short piece with no sentence end in it ("HALIFAX, Nova
/// Scotia, Oct. 7 (Northgate)": "Oct." ends no sentence), shaped like a
/// dateline: a place in capitals, a credit in brackets, or a few words
/// ("Jakarta", "Muara Kelam, Kabar Nusantara"), not a sentence's opening
/// words ("The U.S. Navy said the ship - a destroyer - was hit").
fn split_dateline(p: &str, lex: &Lexicon) -> Option<(String, String)> {
    for dash in [" - ", " – ", " — "] {
        if let Some(i) = p.find(dash) {
            let head = &p[..i];
            let first = head.split([' ', ',']).next().unwrap_or("");
            let shaped = first.chars().filter(|c| c.is_alphabetic()).count() > 1
                && first.chars().all(|c| !c.is_lowercase())
                || head.ends_with(')')
                || head.split_whitespace().count() <= 4;
            if i <= 80
                && shaped
                && !head.contains(['"', '“', '‘'])
                && split_sentences(head, lex).len() == 1
            {
                return Some((head.to_string(), p[i + dash.len()..].to_string()));
            }
        }
    }
    None
}

/// The sentences of one paragraph.
pub fn split_sentences(para: &str, lex: &Lexicon) -> Vec<String> {
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take closing quotes and brackets after the mark.
            let mut j = i + 1;
            loop {
                if j < chars.len() && (CLOSE_QUOTES.contains(&chars[j].1) || chars[j].1 == ')') {
                    j += 1;
                } else if spaced_closing_guillemet(&chars, j) {
                    // French copy sets the closing mark apart: "tenable. »".
                    j += 2;
                } else {
                    break;
                }
            }
            let at_space = j < chars.len() && chars[j].1 == ' ';
            if at_space && ends_sentence(para, pos, c, &chars, j + 1, lex) {
                let end = chars[j].0;
                let s = para[start..end].trim();
                if !s.is_empty() {
                    out.push(s.to_string());
                }
                start = end;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    let s = para[start..].trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
    out
}

/// A space and a closing "»" at `j` with nothing or a space after it: the
/// French closing guillemet, not the German opening one ("»Text«").
fn spaced_closing_guillemet(chars: &[(usize, char)], j: usize) -> bool {
    chars.get(j).is_some_and(|c| c.1 == ' ')
        && chars.get(j + 1).is_some_and(|c| c.1 == '»')
        && chars.get(j + 2).is_none_or(|c| c.1.is_whitespace())
}

fn ends_sentence(
    para: &str,
    pos: usize,
    mark: char,
    chars: &[(usize, char)],
    next: usize,
    lex: &Lexicon,
) -> bool {
    let Some(&(_, first)) = chars.get(next) else {
        return false;
    };
    // A new sentence starts with a capital, a digit or an opening quote.
    if !(first.is_uppercase()
        || first.is_ascii_digit()
        || OPEN_QUOTES.contains(&first)
        || first == '(')
    {
        return false;
    }
    if mark != '.' {
        return true;
    }
    // The word the period closes.
    let word_start = para[..pos].rfind(' ').map_or(0, |i| i + 1);
    let word = para[word_start..=pos].to_lowercase();
    let bare = word.trim_start_matches(['(', '"', '“', '‘']);
    if lex
        .segmentation
        .abbreviations
        .iter()
        .any(|a| a == bare || a == &word)
    {
        return false;
    }
    // An initial ("J. Smith", "U.S.") or a dotted acronym.
    let letters: Vec<char> = bare.chars().filter(|c| *c != '.').collect();
    if letters.len() == 1 && letters[0].is_alphabetic() {
        return false;
    }
    if bare.matches('.').count() >= 2 && bare.len() <= 8 && !bare.contains(' ') {
        // "U.S." followed by a capital is usually a name ("U.S. Navy").
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{segment, split_sentences};
    use crate::lexicon::Lexicon;

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let en = Lexicon::get("en").unwrap();
        let s = split_sentences(
            "Gen. Smith met Mr. Jones in the U.S. Capitol. They talked.",
            en,
        );
        assert_eq!(s.len(), 2, "{s:?}");
        let id = Lexicon::get("id").unwrap();
        let s = split_sentences("Jend. TNI (Purn.) Moeldoko hadir. Ia bicara.", id);
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn a_quote_over_two_sentences_is_one_group() {
        let en = Lexicon::get("en").unwrap();
        let seg = segment(
            "Headline here\n\n\"It was an accident. We are checking,\" said Ann Lee. Next one.",
            en,
            false,
        );
        assert_eq!(seg.headline.as_deref(), Some("Headline here"));
        let groups: Vec<_> = seg.sentences.iter().map(|s| s.quote_group).collect();
        assert_eq!(groups, [Some(1), Some(1), None]);
        // "he asked" after a question in quotes stays in the sentence.
        let s = split_sentences("\"Why?\" he asked. Fine.", en);
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn datelines_come_off() {
        let en = Lexicon::get("en").unwrap();
        let seg = segment("T\n\nMOSCOW, March 12 (Meridian) - A blast hit.", en, false);
        assert_eq!(seg.dateline.as_deref(), Some("MOSCOW, March 12 (Meridian)"));
        assert_eq!(seg.sentences[0].text, "A blast hit.");
        // A region and an abbreviated month.
        let seg = segment(
            "T\n\nPORTSMOUTH, England, Nov. 4 (Meridian) - A ferry stopped. It burned.",
            en,
            false,
        );
        assert_eq!(
            seg.dateline.as_deref(),
            Some("PORTSMOUTH, England, Nov. 4 (Meridian)")
        );
        assert_eq!(seg.sentences[0].text, "A ferry stopped.");
        // A dash after a sentence's end is no dateline, nor one in a
        // sentence's opening words.
        let seg = segment("T\n\nThe ferry stopped. It burned - twice.", en, false);
        assert_eq!(seg.dateline, None);
        assert_eq!(seg.sentences.len(), 2);
        let seg = segment(
            "T\n\nThe U.S. Navy said the ship - a destroyer - was hit.",
            en,
            false,
        );
        assert_eq!(seg.dateline, None);
    }
}
