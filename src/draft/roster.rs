//! The article's speakers so far, indexed by their names and by the words
//! of their posts: finding the speaker a new mention is the same as
//! ([`same_name`]), telling whether a word is part of a name already drafted,
//! and finding who holds a post named alone ("the minister said") each cost
//! the same however many speakers came before. Extraction owns the speakers;
//! this index follows every name and post they are given.

use super::extract::{Speaker, same_name};
use super::words::folded as key;
use std::collections::{BTreeSet, HashMap};

type Map<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// Which speakers hold each name and each word of a name (lowercased), and
/// which unnamed anonymous source has each description.
#[derive(Debug, Default)]
pub struct Roster {
    /// Whole names: "maria zakharova", and a one-word name alone: "hadi".
    by_name: Map<BTreeSet<usize>>,
    /// Every word of every name.
    by_word: Map<BTreeSet<usize>>,
    /// Unnamed anonymous sources by description (`None` for none): the first.
    unnamed: HashMap<Option<String>, usize, foldhash::fast::RandomState>,
    /// Every word of a named person's role and of an unnamed source's
    /// description: who holds a post named alone ("the minister").
    posts: Map<BTreeSet<usize>>,
}

impl Roster {
    /// The first speaker the new one is the same as: a name [`same_name`]
    /// matches, or an unnamed anonymous source of the same description.
    pub fn same(&self, speakers: &[Speaker], sp: &Speaker) -> Option<usize> {
        let Some(b) = &sp.name else {
            return if sp.anonymous {
                self.unnamed.get(&sp.description).copied()
            } else {
                None
            };
        };
        let b = key(b);
        let first = |map: &Map<BTreeSet<usize>>, key: &str| {
            map.get(key).and_then(|set| set.first().copied())
        };
        // A document is the same only by its whole name: "rapport de la
        // chambre … de Bretagne" is no "Bretagne".
        if sp.document {
            return first(&self.by_name, &b).filter(|&i| speakers[i].document);
        }
        // The same name; a name holding this one-word name ("Zakharova" for
        // "Maria Zakharova"); a one-word name this one holds.
        let mut found = first(&self.by_name, &b);
        if !b.contains(' ') && b.len() > 2 {
            found = min(found, first(&self.by_word, &b));
        } else {
            for w in b.split_whitespace().filter(|w| w.len() > 2) {
                found = min(found, first(&self.by_name, w));
            }
        }
        // Nor is a person or a body the same as a document ("Auto").
        let found = found.filter(|&i| !speakers[i].document);
        debug_assert!(found.is_none_or(|i| {
            speakers[i]
                .name
                .as_deref()
                .is_some_and(|a| same_name(a, &b))
        }));
        found
    }

    /// Index speaker `i`, just added.
    pub fn add(&mut self, i: usize, sp: &Speaker) {
        self.hold(i, sp);
        match &sp.name {
            Some(name) if sp.document => {
                self.by_name.entry(key(name)).or_default().insert(i);
            }
            Some(name) => self.name(i, name, true),
            None if sp.anonymous => {
                self.unnamed.entry(sp.description.clone()).or_insert(i);
            }
            None => {}
        }
    }

    /// Index what speaker `i` holds ([`held`]); again when a role is given
    /// later.
    pub fn hold(&mut self, i: usize, sp: &Speaker) {
        for w in held(sp).map(post_words).unwrap_or_default() {
            self.posts.entry(w).or_default().insert(i);
        }
    }

    /// The speakers whose post or description holds the lowercased word
    /// `w`, the latest added first.
    pub fn holding(&self, w: &str) -> impl Iterator<Item = usize> + '_ {
        self.posts
            .get(w)
            .into_iter()
            .flat_map(|s| s.iter().rev().copied())
    }

    /// Speaker `i`'s name changed from `old` to `new`.
    pub fn rename(&mut self, i: usize, old: &str, new: &str) {
        if old != new {
            self.name(i, old, false);
            self.name(i, new, true);
        }
    }

    /// Whether a lowercased word of more than two letters is a word of a
    /// speaker's name: "kata Hadi" after "Hadi Prasetyo".
    pub fn has_word(&self, w: &str) -> bool {
        w.len() > 2 && self.by_word.get(w).is_some_and(|s| !s.is_empty())
    }

    /// The speaker added last of those with this lowercased word in its
    /// name (not necessarily the one who spoke last).
    pub fn last_with_word(&self, w: &str) -> Option<usize> {
        self.by_word.get(w).and_then(|s| s.last().copied())
    }

    fn name(&mut self, i: usize, name: &str, on: bool) {
        let lower = key(name);
        let set = |map: &mut Map<BTreeSet<usize>>, key: &str| {
            if on {
                map.entry(key.to_string()).or_default().insert(i);
            } else if let Some(s) = map.get_mut(key) {
                s.remove(&i);
            }
        };
        set(&mut self.by_name, &lower);
        for w in lower.split_whitespace() {
            set(&mut self.by_word, w);
        }
    }
}

/// What a post named alone is matched against: a named person's role, an
/// unnamed source's description; nothing for an organisation.
pub fn held(sp: &Speaker) -> Option<&str> {
    if sp.organization {
        None
    } else if sp.anonymous {
        sp.description.as_deref()
    } else {
        sp.role.as_deref().filter(|_| sp.name.is_some())
    }
}

/// The lowercased words of a post or a description, as a post named alone
/// is matched against them ("Kapolres Lombok Tengah AKBP", "ein Sprecher der
/// Verbraucherzentrale").
pub fn post_words(held: &str) -> Vec<String> {
    held.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn min(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Speaker {
        Speaker {
            name: Some(name.to_string()),
            ..Speaker::default()
        }
    }

    fn unnamed(description: &str) -> Speaker {
        Speaker {
            name: None,
            anonymous: true,
            description: Some(description.to_string()),
            ..named("")
        }
    }

    /// The roster's answer is the first speaker `same_name` accepts, by a
    /// plain scan of all of them.
    fn scan(speakers: &[Speaker], sp: &Speaker) -> Option<usize> {
        speakers.iter().position(|o| match (&o.name, &sp.name) {
            (Some(a), Some(b)) => same_name(a, b),
            (None, None) => o.anonymous && sp.anonymous && o.description == sp.description,
            _ => false,
        })
    }

    #[test]
    fn finds_what_a_scan_finds() {
        let mut speakers: Vec<Speaker> = Vec::new();
        let mut roster = Roster::default();
        let mentions = [
            named("Maria Zakharova"),
            named("Zakharova"),
            named("Hadi"),
            named("Hadi Prasetyo"),
            named("Ng"),
            named("Ng Wei"),
            unnamed("a U.S. official"),
            unnamed("two union officials"),
            unnamed("a U.S. official"),
            named("MARIA ZAKHAROVA"),
            named("Prasetyo"),
            named("Budi Hadi"),
            named("hadi"),
        ];
        for sp in mentions {
            let want = scan(&speakers, &sp);
            assert_eq!(roster.same(&speakers, &sp), want, "{sp:?}");
            if want.is_none() {
                roster.add(speakers.len(), &sp);
                speakers.push(sp);
            }
        }
        // Maria Zakharova, Hadi (also "Hadi Prasetyo" and "Budi Hadi"), Ng,
        // Ng Wei (two letters are too few to join), two unnamed, Prasetyo.
        assert_eq!(speakers.len(), 7);
        assert!(roster.has_word("prasetyo"));
        assert_eq!(roster.last_with_word("hadi"), Some(1));
        assert_eq!(roster.last_with_word("zakharova"), Some(0));
        assert!(!roster.has_word("ng"), "two letters are too few");
    }

    #[test]
    fn follows_a_rename() {
        let mut speakers = vec![named("Bandung Yana Mulyana")];
        let mut roster = Roster::default();
        roster.add(0, &speakers[0]);
        assert_eq!(roster.same(&speakers, &named("Bandung")), Some(0));
        roster.rename(0, "Bandung Yana Mulyana", "Yana Mulyana");
        speakers[0].name = Some("Yana Mulyana".to_string());
        assert_eq!(roster.same(&speakers, &named("Bandung")), None);
        assert!(!roster.has_word("bandung"));
        assert_eq!(roster.same(&speakers, &named("Yana")), Some(0));
        assert_eq!(roster.same(&speakers, &named("Yana Mulyana")), Some(0));
    }

    #[test]
    fn names_with_a_typographic_apostrophe_are_found_by_their_words() {
        let mut roster = Roster::default();
        let speakers = [named("Ma’ruf Amin")];
        roster.add(0, &speakers[0]);
        // Tokens read "’" as "'".
        assert!(roster.has_word("ma'ruf"));
        assert_eq!(roster.same(&speakers, &named("Ma'ruf")), Some(0));
        assert_eq!(roster.same(&speakers, &named("Ma’ruf")), Some(0));
    }

    #[test]
    fn a_document_is_the_same_only_by_its_whole_name() {
        let mut roster = Roster::default();
        let report = Speaker {
            document: true,
            ..named("rapport de la chambre régionale des comptes de Bretagne")
        };
        roster.add(0, &report);
        let speakers = [report.clone()];
        // Neither a name it ends with nor one of its words is the document.
        assert_eq!(roster.same(&speakers, &named("Bretagne")), None);
        assert_eq!(roster.same(&speakers, &named("Anne Chambre")), None);
        assert!(!roster.has_word("bretagne"));
        // The same document named again is.
        assert_eq!(roster.same(&speakers, &report), Some(0));
        let partial = Speaker {
            document: true,
            ..named("rapport")
        };
        assert_eq!(roster.same(&speakers, &partial), None);
    }

    #[test]
    fn who_holds_a_post_latest_first() {
        let mut roster = Roster::default();
        let minister = |name: &str, role: &str| Speaker {
            role: Some(role.to_string()),
            ..named(name)
        };
        let speakers = [
            minister("John Carter", "Health Minister"),
            unnamed("ein Sprecher der Verbraucherzentrale"),
            minister("Ann Lee", "Foreign Minister"),
            Speaker {
                organization: true,
                ..minister("Ministry of Health", "Minister")
            },
        ];
        for (i, sp) in speakers.iter().enumerate() {
            roster.add(i, sp);
        }
        assert_eq!(roster.holding("minister").collect::<Vec<_>>(), [2, 0]);
        assert_eq!(roster.holding("sprecher").collect::<Vec<_>>(), [1]);
        assert_eq!(roster.holding("governor").count(), 0);
        // A role given later is held from then on.
        let later = minister("Eva Brandt", "Pressesprecherin");
        roster.hold(2, &later);
        assert_eq!(roster.holding("pressesprecherin").collect::<Vec<_>>(), [2]);
    }
}
