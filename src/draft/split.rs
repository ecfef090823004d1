//! Two propositions in one sentence, each drafted as its own claim: "The
//! office said the cheeses were recalled and that no one should eat them",
//! "Minera Guadaljara regretted the deaths and said the dam had every
//! permit". A sentence is cut where the lexicon's `second_claim` words open
//! a second proposition (", but", " et que"), or where "and" joins a second
//! reporting verb, a verb of indirect speech or an auxiliary. Both parts
//! keep the sentence's speaker, routes and date; the hedge and the quote go
//! with the part that holds them.

use super::extract::{Proposed, Speaker, Words};
use super::words::Phrases;

/// What cutting needs from the language.
pub struct Cuts<'a> {
    /// Words that open a second proposition, spaces included (", mais ").
    pub second: &'a [String],
    /// The reporting verbs.
    pub verbs: &'a Phrases,
    /// Verb forms of indirect speech ("sei", "werde").
    pub speech: &'a Phrases,
    /// "and" words.
    pub and: &'a Words,
    /// Auxiliaries before a participle ("a assuré").
    pub auxiliaries: &'a Words,
    /// "that" words: a second part opening with one takes the first part's
    /// words up to its own ("L'office a précisé que …").
    pub that: &'a Words,
    /// Words right after a cut that make its second part no proposition of
    /// its own: "not only …, but also …", "…, but not the driver".
    pub not_a_clause: &'a Words,
    /// The first hedge in a text, counting a conditional ("habría") only in
    /// one credited to no one (the flag says whether it is credited), and no
    /// hedge that needs a perfect infinitive ("soll"), which a part alone
    /// cannot show.
    pub hedge_in: &'a dyn Fn(&str, bool) -> Option<String>,
    /// Whether a reporting verb after "and" can open a clause: not an
    /// Indonesian short form, which is also an adjective ("tegas dan jelas").
    pub opens_clause: &'a dyn Fn(&str) -> bool,
}

/// Each part holds at least this many words.
const MIN_WORDS: usize = 4;

/// How many places of one marker are tried: a sentence of thousands of
/// "; … said …" costs no more per place.
const TRIES: usize = 8;

/// The claims with every sentence of two propositions cut in two, never
/// inside the words that describe its speaker ("un agente que participó en
/// la investigación y que prefirió mantener el anonimato").
pub fn split_claims(claims: Vec<Proposed>, speakers: &[Speaker], cuts: &Cuts) -> Vec<Proposed> {
    let mut out = Vec::with_capacity(claims.len());
    for c in claims {
        let sp = c.speaker.and_then(|i| speakers.get(i));
        match split_one(&c, sp, cuts) {
            Some((a, b)) => {
                out.push(a);
                out.push(b);
            }
            None => out.push(c),
        }
    }
    out
}

/// Where the second proposition opens: (end of the first part, start of the
/// second, what was cut at). `before_cue` tells whether the sentence's cue,
/// if it has one, stands before a byte offset.
fn cut_at(
    text: &str,
    before_cue: &dyn Fn(usize) -> bool,
    cuts: &Cuts,
) -> Option<(usize, usize, String)> {
    let words_before = |i: usize| text[..i].split_whitespace().count();
    let words_after = |i: usize| text[i..].split_whitespace().count();
    let fits = |end: usize, start: usize| {
        words_before(end) >= MIN_WORDS && words_after(start) >= MIN_WORDS
    };
    let mut best: Option<(usize, usize, String)> = None;
    let mut keep = |cut: (usize, usize, String)| {
        if best.as_ref().is_none_or(|b| cut.0 < b.0) {
            best = Some(cut);
        }
    };
    // A reporting verb of its own in the second part: its own speaker
    // ("…, while the hospital said …").
    let own_verb = |start: usize| {
        text[start..]
            .split_whitespace()
            .any(|w| cuts.verbs.contains_word(&clean(w)))
    };
    for m in cuts.second.iter().filter(|m| !m.trim().is_empty()) {
        let mut from = 0;
        let mut tries = 0;
        while tries < TRIES
            && let Some(k) = text[from..].find(m.as_str())
        {
            tries += 1;
            let at = from + k;
            // " et que …": the second part keeps its "que" (not ", alors
            // que", where "que" belongs to the conjunction).
            let mut marker = m.split_whitespace();
            let opens = marker.next().is_some_and(|w| cuts.and.contains(w));
            let kept = marker.last().unwrap_or("");
            let that = opens && cuts.that.contains(kept);
            // ", supuestamente para …": a hedge opening the second part
            // stays in it.
            let hedged = m
                .trim_start_matches([',', ';', ' '])
                .split_whitespace()
                .next()
                .is_some_and(|w| (cuts.hedge_in)(w, false).is_some());
            let start = if that {
                at + m.len() - kept.len() - usize::from(m.ends_with(' '))
            } else if hedged {
                at + m.len() - m.trim_start_matches([',', ';', ' ']).len()
            } else {
                at + m.len()
            };
            // "… et que B" only after a first "que": "a précisé que A et que B".
            let led = !that || text[..at].contains(&format!(" {kept} "));
            let next = text[start..].split_whitespace().next().map(clean);
            let clause = next.is_none_or(|w| !cuts.not_a_clause.contains(w.as_str()));
            // "Lyon, France; Turin, Italy": a list, not two clauses.
            let list = m.trim() == ";"
                && text[..at]
                    .rfind(',')
                    .is_some_and(|c| text[c..at].split_whitespace().count() < 3);
            if led && clause && !list && fits(at, start) && !own_verb(start) {
                keep((at, start, m.trim().to_string()));
                break;
            }
            from = at + m.len();
        }
    }
    // "… and said", "… y aseguró", "… et a assuré": a second reporting verb.
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .collect();
    for k in 0..words.len().saturating_sub(2) {
        let (at, w) = words[k];
        if !cuts.and.contains(w) {
            continue;
        }
        let next = clean(words[k + 1].1);
        let verb = |w: &str| cuts.verbs.contains_word(w) && (cuts.opens_clause)(w);
        // "… und sei jederzeit bereit", "… and had shown no remorse": a
        // verb of indirect speech or an auxiliary opens a second clause too.
        // A second reporting verb only after the sentence's own cue, if it
        // has one: not "higher tariffs and added costs, the ministry said".
        let second_verb = verb(&next) && before_cue(at)
            || cuts.speech.contains_word(&next)
            || cuts.auxiliaries.contains(next.as_str());
        if second_verb && fits(at, words[k + 1].0) {
            keep((at, words[k + 1].0, w.to_string()));
            break;
        }
    }
    best
}

fn split_one(c: &Proposed, sp: Option<&Speaker>, cuts: &Cuts) -> Option<(Proposed, Proposed)> {
    if c.commented || !matches!(c.kind, "paraphrase" | "assertion") {
        return None;
    }
    let text = c.text.as_str();
    let cue_at = c.cue.as_ref().and_then(|q| find_word(text, q));
    let before_cue = |at: usize| c.cue.is_none() || cue_at.is_some_and(|p| p < at);
    let (end, start, cut) = cut_at(text, &before_cue, cuts)?;
    // Not before the cue: "A and that B, she said" and "Un agente que
    // participó … y que prefirió …, advirtió" are cut nowhere.
    if cue_at.is_some_and(|p| p >= end) {
        return None;
    }
    // The words on either side of the cut, in the speaker's description?
    let describes = |words: &str| {
        sp.is_some_and(|sp| {
            [&sp.description, &sp.reason, &sp.name, &sp.role]
                .into_iter()
                .flatten()
                .any(|d| d.contains(words))
        })
    };
    let before: Vec<&str> = text[..end].split_whitespace().rev().take(2).collect();
    let after: Vec<&str> = text[start..].split_whitespace().take(2).collect();
    let before = before.into_iter().rev().collect::<Vec<_>>().join(" ");
    if describes(&before) || describes(&after.join(" ")) {
        return None;
    }
    let stop = text
        .trim_end()
        .chars()
        .last()
        .filter(|c| matches!(c, '.' | '!' | '?'))
        .unwrap_or('.');
    let first = format!(
        "{}{stop}",
        text[..end].trim_end_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
    );
    let rest = &text[start..];
    // "…, a précisé que A et que B": the second part is "… a précisé que B".
    let lead = rest
        .split_whitespace()
        .next()
        .filter(|w| cuts.that.contains(*w))
        .and_then(|w| {
            // The "que" after the cue, not a relative pronoun before it ("The
            // company that owns the plant said that …").
            let from = cue_at.unwrap_or(0).min(first.len());
            let i = from + first.get(from..)?.find(&format!(" {w} "))?;
            Some(&first[..i + w.len() + 2])
        });
    let second = match lead {
        Some(lead) => format!("{lead}{}", &rest[rest.find(' ').map_or(0, |i| i + 1)..]),
        None => upper_first(rest),
    };
    let holds =
        |part: &str, what: &str| find_word(&part.to_lowercase(), &what.to_lowercase()).is_some();
    let mut a = c.clone();
    let mut b = c.clone();
    a.text = first;
    b.text = second;
    a.content = None;
    b.content = None;
    if let Some(h) = &c.hedge {
        let (in_a, in_b) = (holds(&a.text, h), holds(&b.text, h));
        if in_a != in_b {
            a.hedge = in_a.then(|| h.clone());
            b.hedge = in_b.then(|| h.clone());
        }
        // "opera presuntamente sin licencia una cantera, cuyo desmonte
        // habría sido arrastrado": the other part may hold a hedge of its own.
        let credited = c.speaker.is_some() || !c.routes.is_empty();
        for part in [&mut a, &mut b] {
            if part.hedge.is_none() {
                part.hedge = (cuts.hedge_in)(&part.text, credited);
            }
        }
    }
    if let Some(q) = &c.quote {
        let head: String = q.chars().take(24).collect();
        let (in_a, in_b) = (holds(&a.text, &head), holds(&b.text, &head));
        if in_a != in_b {
            a.quote = in_a.then(|| q.clone());
            b.quote = in_b.then(|| q.clone());
        }
    }
    let note = format!(
        "one of two claims cut from s{} at \"{cut}\": confirm, or join them",
        c.sentence
    );
    a.confirm.push(note.clone());
    b.confirm.push(note);
    Some((a, b))
}

/// A word without the punctuation around it, lowercased.
fn clean(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Where `what` stands in `text` as whole words ("wohl", not in "sowohl").
fn find_word(text: &str, what: &str) -> Option<usize> {
    let bare = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(what).map(|(i, _)| i).find(|&i| {
        bare(text[..i].chars().next_back()) && bare(text[i + what.len()..].chars().next())
    })
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
