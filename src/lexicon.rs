//! The word lists of each language, one TOML file per language in
//! `src/lexicon/`, embedded in the binary and parsed once on first use:
//! `draft` reads text with them, and the anonymity check (`anonymity`) reads
//! a source's stated reason with their `[anonymity]` lists.
//! The files' schema and sources are described in `src/lexicon/README.md`.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The languages with a lexicon, by ISO 639-1 code.
pub const LANGUAGES: &[&str] = &["en", "id", "de", "es", "fr"];

fn file(code: &str) -> Option<&'static str> {
    Some(match code {
        "en" => include_str!("lexicon/en.toml"),
        "id" => include_str!("lexicon/id.toml"),
        "de" => include_str!("lexicon/de.toml"),
        "es" => include_str!("lexicon/es.toml"),
        "fr" => include_str!("lexicon/fr.toml"),
        _ => return None,
    })
}

#[derive(Debug, Deserialize)]
pub struct Lexicon {
    pub language: String,
    pub segmentation: Segmentation,
    pub attribution: Attribution,
    pub relay: Relay,
    pub hedges: Hedges,
    pub anonymity: Anonymity,
    pub roles: Roles,
    pub dates: Dates,
    pub background: Background,
    /// Function words the reader leans on to find a clause's parts.
    /// Optional.
    #[serde(default)]
    pub grammar: Grammar,
}

#[derive(Debug, Deserialize)]
pub struct Segmentation {
    pub abbreviations: Vec<String>,
    /// Whether the language's copy breaks a quotation by its attribution
    /// and leaves its marks open ("« A, a déclaré X. B »"). Optional,
    /// `false` by default.
    #[serde(default)]
    pub open_incises: bool,
}

#[derive(Debug, Deserialize)]
pub struct Attribution {
    pub reporting_verbs: Vec<String>,
    pub according_to: Vec<String>,
    /// Prepositions that open an `according_to` phrase whose speaker
    /// always follows it ("según", "selon", "according"): no name before
    /// such a phrase is its speaker. Optional.
    #[serde(default)]
    pub speaker_after: Vec<String>,
    pub continuation: Vec<String>,
    pub pronouns: Vec<String>,
    /// Words of a statement's setting that a closing attribution may hold
    /// after its cue ("told reporters", "in a statement", "kepada
    /// wartawan"): with only these, dates and names after the cue, the
    /// attribution is cut off the claim's text. Optional: without them, only
    /// "according to" phrases, outlets and inverted orders are cut off.
    #[serde(default)]
    pub setting: Vec<String>,
    /// Subjects by which a sentence credits the one before it ("Informasi
    /// tersebut disampaikan …", "Hal itu dikatakan …"): such a sentence
    /// gives the one before it its speaker, route and date. Optional.
    #[serde(default)]
    pub back_reference: Vec<String>,
    /// Verb forms of indirect speech (the German Konjunktiv I: "sei",
    /// "habe"): a sentence holding one outside quotes, with no attribution
    /// of its own, right after a statement, carries that statement on.
    /// Optional.
    #[serde(default)]
    pub reported_speech: Vec<String>,
    /// Endings of a verb in indirect speech, for verbs not listed in
    /// `reported_speech`: the first lower-case word after the sentence's
    /// opening noun phrase (the verb's place in a German main clause)
    /// ending in one of these, and in none of `reported_speech_not_endings`,
    /// counts as one ("Die Gewerkschaft verlange …"). Optional.
    #[serde(default)]
    pub reported_speech_endings: Vec<String>,
    /// Endings that rule a word out of `reported_speech_endings` (German
    /// "-te", the past tense: "forderte"). Optional.
    #[serde(default)]
    pub reported_speech_not_endings: Vec<String>,
    /// Words with one of `reported_speech_endings` that are no verb of
    /// indirect speech ("wurde", "sowie"). Optional.
    #[serde(default)]
    pub not_reported_speech: Vec<String>,
    /// Whether the language drops a subject pronoun (Spanish "…, añadió"):
    /// then a continuation that is the reporting verb alone points back only
    /// when no speaker is named at it ("aseguró la Sra. Rosa Chunga").
    #[serde(default)]
    pub drops_pronoun: bool,
    /// Words that open a second proposition in a sentence, with their
    /// spaces (", but ", " et que "): a claim is cut in two there. Optional.
    #[serde(default)]
    pub second_claim: Vec<String>,
    /// Words after which an unnamed source's description stops ("a source
    /// who …", "sources also said"). Optional.
    #[serde(default)]
    pub description_ends: Vec<String>,
    /// Words that follow a speaker named after the verb rather than start
    /// the claim ("said Peskov on Tuesday", "disampaikan Karyoto kepada
    /// wartawan"); between a verb and an outlet told they are passed over.
    /// Optional.
    #[serde(default)]
    pub after_speaker: Vec<String>,
    /// Cues followed by whom it was said to, not by who said it ("told",
    /// "mengimbau"). Optional.
    #[serde(default)]
    pub addressee_cues: Vec<String>,
    /// Phrases crediting a statement to the sentence's own subject ("Die
    /// Behörde hat nach eigenen Angaben …", "by its own account"): its
    /// speaker is before it, never after. Optional.
    #[serde(default)]
    pub own_account: Vec<String>,
    /// Prepositions by which a body is where a statement came from ("hieß es
    /// aus der Behörde"). Optional.
    #[serde(default)]
    pub from_body: Vec<String>,
    /// Words that open whom a speaker stood with ("kata Kapolres didampingi
    /// Wakapolres", "said the minister, flanked by"): the speaker is before
    /// them, never among them. Optional.
    #[serde(default)]
    pub accompanied: Vec<String>,
    /// Prepositions by which a document carries a statement ("heißt es in
    /// einem Schreiben", "wie aus einem Papier hervorgeht"). Optional.
    #[serde(default)]
    pub document_channels: Vec<String>,
    /// "According to" words that are one only before a noun phrase (an
    /// article, a determiner or a capitalised word): German "so" ("so der
    /// Sprecher", not "so schwer verletzt"). Optional.
    #[serde(default)]
    pub before_noun: Vec<String>,
    /// Separable verbs of saying, as "stem particle", whose stem alone is no
    /// cue: the stem is one where the particle closes its clause ("stellte
    /// am Donnerstag klar"; not "stellten … sicher"). Optional.
    #[serde(default)]
    pub separable: Vec<String>,
    /// "According to" phrases that are one only where they open the
    /// sentence and a comma closes what follows them ("Pour l'association
    /// X, …"). Optional.
    #[serde(default)]
    pub opening: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Relay {
    pub before_outlet: Vec<String>,
    pub after_outlet: Vec<String>,
    pub vague_media: Vec<String>,
    /// The outlet's own reporting ("selon nos informations"): a phrase that
    /// credits the article itself, so no speaker and no route. Optional.
    #[serde(default)]
    pub own_reporting: Vec<String>,
    /// Cues that put the outlet cited after the one citing it ("Reuters,
    /// citing Interfax", "unter Berufung auf"). Optional.
    #[serde(default)]
    pub citing: Vec<String>,
    /// Adverbs that may stand between an outlet and its verb ("Reuters
    /// sebelumnya melaporkan"). Optional.
    #[serde(default)]
    pub outlet_adverbs: Vec<String>,
    /// Nouns for a kind of outlet next to its name ("Meridian news agency",
    /// "die „Bild“-Zeitung"). Optional.
    #[serde(default)]
    pub outlet_nouns: Vec<String>,
    /// Words for "to" before the outlet told ("der dpa", "a EFE", "à
    /// l'AFP"). Optional.
    #[serde(default)]
    pub to_outlet: Vec<String>,
    /// Second parts of a compound whose first part is an outlet asked or
    /// told ("auf dpa-Anfrage", "im dpa-Interview"): the compound relays.
    /// Optional.
    #[serde(default)]
    pub outlet_compounds: Vec<String>,
    /// Verbs by which an outlet learned something from a source ("Wie die
    /// dpa aus Behördenkreisen erfuhr"): a cue only with an outlet as
    /// their subject, which is then a route. Optional.
    #[serde(default)]
    pub learned: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Hedges {
    pub words: Vec<String>,
    /// Hedges in the conditional mood or of likelihood ("aurait",
    /// "habría", "dürfte"): the outlet's distance in its own voice, but the
    /// speaker's or the relayed outlet's in a sentence credited to them ("a
    /// confié … que la piste aurait dû être fermée"), unless on the
    /// reporting verb itself ("aurait déclaré"). Optional.
    #[serde(default)]
    pub conditional: Vec<String>,
    /// Endings of the conditional mood for verbs not listed in
    /// `conditional` (French "raient": "figureraient"); such a verb counts
    /// as one of them. Optional.
    #[serde(default)]
    pub conditional_endings: Vec<String>,
    /// Verbs with a conditional ending that are a modal of the speaker's
    /// own, not a hedge ("pourraient", "devraient"). Optional.
    #[serde(default)]
    pub not_conditional: Vec<String>,
    /// Modal hedges that are hedges only with a perfect infinitive (German
    /// "soll … gerissen haben", but not "soll … klären"): they count only
    /// when a word of `perfect` follows them in their clause. Optional.
    #[serde(default)]
    pub with_perfect: Vec<String>,
    /// The auxiliaries that close a perfect infinitive ("haben", "sein").
    #[serde(default)]
    pub perfect: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Anonymity {
    pub descriptors: Vec<String>,
    /// Endings of compound nouns that describe unnamed sources ("kreisen":
    /// "aus Behördenkreisen"), in a language that writes them as one word.
    /// Optional.
    #[serde(default)]
    pub descriptor_endings: Vec<String>,
    pub conditions: Vec<String>,
    pub reason_markers: Vec<String>,
    /// First words of a description that make the source a group ("two",
    /// "several", "para"); a first word in `-s` does too. Optional.
    #[serde(default)]
    pub group_words: Vec<String>,
    /// Articles that make what follows a person ("seorang sopir truk"): a
    /// subject so opened, right before a cue, is an unnamed source whatever
    /// its noun. Optional.
    #[serde(default)]
    pub person_articles: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Roles {
    pub titles: Vec<String>,
    pub organizations: Vec<String>,
    /// Articles, determiners and pronouns: capitalised at the start of a
    /// sentence, never a name. Optional.
    #[serde(default)]
    pub not_names: Vec<String>,
    /// In a language whose nouns are all capitalised (German), the articles
    /// and determiners after which a capitalised word is a common noun, not
    /// a name. Optional.
    #[serde(default)]
    pub noun_markers: Vec<String>,
    /// Endings of compound nouns that name a body ("Gesundheitsamt",
    /// "Wolfsbüro"), in a language that writes them as one word. Optional.
    #[serde(default)]
    pub organization_endings: Vec<String>,
    /// Endings of compound nouns that are titles ("Sportdirektor",
    /// "Vereinschef"), in a language that writes them as one word. Optional.
    #[serde(default)]
    pub title_endings: Vec<String>,
    /// Endings a noun takes in the genitive ("des Unternehmens", "des
    /// Landratsamts"): an organisation head or ending with one of them is
    /// the same head. Optional.
    #[serde(default)]
    pub genitive_endings: Vec<String>,
    /// Posts named with their place ("Wali Kota Bogor Bima Arya"): the
    /// place after them belongs to the post, not to the name. Optional.
    #[serde(default)]
    pub posts_with_place: Vec<String>,
    /// Words that open a place ("Kabupaten Bogor"). Optional.
    #[serde(default)]
    pub place_markers: Vec<String>,
    /// Words that open a place name of two words ("Pulau Lintang"). Optional.
    #[serde(default)]
    pub place_prefixes: Vec<String>,
    /// Words that close a place name ("Jawa Barat"). Optional.
    #[serde(default)]
    pub place_suffixes: Vec<String>,
    /// Words for the people in a case, after which initials are a name
    /// ("Tersangka SP"). Optional.
    #[serde(default)]
    pub initials_after: Vec<String>,
    /// Degrees and honours written after a name without their periods
    /// ("Sandi Sultan, SIK", "Rina Hartati SH MH"): never a name themselves.
    /// Optional.
    #[serde(default)]
    pub post_nominals: Vec<String>,
    /// Nouns by which a text points back at a company it named ("the
    /// company", "la empresa", "der Konzern"). Optional.
    #[serde(default)]
    pub company_nouns: Vec<String>,
    /// Nouns by which a text points back at any public body it named ("the
    /// agency", "la fédération", "die Behörde"). Optional.
    #[serde(default)]
    pub generic_bodies: Vec<String>,
    /// Nouns for documents a statement can come from ("court documents",
    /// "eine Allgemeinverfügung", "le jugement", "el auto"): after "according
    /// to" or a document channel, a source of kind `document`. Optional.
    #[serde(default)]
    pub documents: Vec<String>,
    /// Endings of compound nouns that are documents ("Polizeibericht",
    /// "Positionspapier"), in a language that writes them as one word.
    /// Optional.
    #[serde(default)]
    pub document_endings: Vec<String>,
    /// Nouns for a company's management, which speaks for the company ("sa
    /// direction", "die Geschäftsführung"). Optional.
    #[serde(default)]
    pub management: Vec<String>,
    /// Words that make a post a deputy's ("Vice President", "Wakil Bupati",
    /// "stellvertretende Landrätin", "adjoint au maire"): its holder is no
    /// one the post alone points back to. Optional.
    #[serde(default)]
    pub deputies: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Dates {
    pub weekdays: Vec<String>,
    pub weekday_aliases: BTreeMap<String, u32>,
    pub months: Vec<String>,
    pub month_aliases: BTreeMap<String, u32>,
    pub relative: BTreeMap<String, i64>,
    /// Parts of the day written as one word after a weekday
    /// ("Mittwochabend"). Optional.
    #[serde(default)]
    pub day_parts: Vec<String>,
    /// Parts of the day written as a word of their own after a weekday
    /// ("mercredi matin"). Optional.
    #[serde(default)]
    pub times_of_day: Vec<String>,
    /// Determiners before a weekday ("este sábado", "ce mardi", "last
    /// Friday"), passed over between a verb and the outlet told. Optional.
    #[serde(default)]
    pub weekday_determiners: Vec<String>,
}

/// Function words, every list optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Grammar {
    /// Articles, dropped from the front of descriptions and roles.
    pub articles: Vec<String>,
    /// Indefinite articles: "a spokeswoman for …" names nobody.
    pub indefinite_articles: Vec<String>,
    /// "and": joins two outlets, and two verbs whose clauses are two claims.
    pub conjunctions: Vec<String>,
    /// Subordinators after a verb of saying ("that", "bahwa", "que").
    pub complementizers: Vec<String>,
    /// Auxiliaries between a subject and its verb ("has", "hat", "a").
    pub auxiliaries: Vec<String>,
    /// Determiners before a noun that point back at a body named before
    /// ("the company", "cette entreprise", "die Behörde").
    pub demonstratives: Vec<String>,
    /// Possessives before a body's noun ("its board", "sa direction").
    pub possessives: Vec<String>,
    /// Words right after a cut that make its second part no proposition of
    /// its own ("…, but also …", "…, but not the driver").
    pub not_a_clause: Vec<String>,
    /// Prepositions after which a capitalised word is a place, not a
    /// person's name ("das Ministerium in Düsseldorf").
    pub place_prepositions: Vec<String>,
    /// Endings of a word that gives someone's age ("der 54-Jährige", "the
    /// 54-year-old"): after an article, it points back to a person named
    /// before. Optional.
    #[serde(default)]
    pub age_endings: Vec<String>,
    /// Adverbs that stand between a subject and its verb ("also", "juga",
    /// "auch", "ensuite", "luego"): no part of a post or a body's name.
    /// Optional.
    #[serde(default)]
    pub subject_adverbs: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Background {
    pub cues: Vec<String>,
}

impl Lexicon {
    /// The lexicon of a language, or `None` for a language without one.
    pub fn get(code: &str) -> Option<&'static Lexicon> {
        static CELLS: [OnceLock<Lexicon>; 5] = [const { OnceLock::new() }; 5];
        let i = LANGUAGES.iter().position(|&l| l == code)?;
        let text = file(code)?;
        Some(CELLS[i].get_or_init(|| {
            // The files are part of the source tree and tested below: a broken
            // one is a build defect, not an input error.
            toml::from_str(text).unwrap_or_else(|e| panic!("lexicon {code}.toml: {e}"))
        }))
    }

    /// Weekday number (Monday = 1) of a lowercase word.
    pub fn weekday(&self, word: &str) -> Option<u32> {
        let w = word.trim_end_matches(',');
        let day = |w: &str| {
            self.dates
                .weekdays
                .iter()
                .position(|d| d == w)
                .map(|i| i as u32 + 1)
                .or_else(|| self.dates.weekday_aliases.get(w).copied())
        };
        day(w).or_else(|| {
            // "mittwochabend": a weekday and the part of the day.
            self.dates
                .day_parts
                .iter()
                .find_map(|p| w.strip_suffix(p.as_str()).and_then(day))
        })
    }

    /// Whether a lowercase word names a day or a part of one: a weekday
    /// ("mardi", "Mittwochabend") or a part of the day written on its own
    /// ("matin" in "mercredi matin").
    pub fn day_word(&self, word: &str) -> bool {
        self.weekday(word).is_some() || self.dates.times_of_day.iter().any(|t| t == word)
    }

    /// Month number (January = 1) of a lowercase word.
    pub fn month(&self, word: &str) -> Option<u32> {
        let w = word.trim_end_matches(',');
        self.dates
            .months
            .iter()
            .position(|d| d == w)
            .map(|i| i as u32 + 1)
            .or_else(|| self.dates.month_aliases.get(w).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::{LANGUAGES, Lexicon};

    #[test]
    fn every_lexicon_parses_and_names_its_language() {
        for &code in LANGUAGES {
            let lex = Lexicon::get(code).unwrap();
            assert_eq!(lex.language, code);
            assert_eq!(lex.dates.weekdays.len(), 7, "{code}");
            assert_eq!(lex.dates.months.len(), 12, "{code}");
            assert!(!lex.attribution.reporting_verbs.is_empty(), "{code}");
            // The function words every reader of a clause leans on.
            let g = &lex.grammar;
            for list in [
                &g.articles,
                &g.conjunctions,
                &g.complementizers,
                &g.not_a_clause,
            ] {
                assert!(!list.is_empty(), "{code}");
            }
            // The conditional hedges are hedges, and the articles that mark
            // a noun are never names themselves.
            for w in &lex.hedges.conditional {
                assert!(lex.hedges.words.contains(w), "{code}: {w}");
            }
            for w in &lex.roles.noun_markers {
                assert!(lex.roles.not_names.contains(w), "{code}: {w}");
            }
        }
        assert!(Lexicon::get("xx").is_none());
    }

    #[test]
    fn dates_by_name() {
        let id = Lexicon::get("id").unwrap();
        assert_eq!(id.weekday("selasa"), Some(2));
        assert_eq!(id.weekday("jum'at"), Some(5));
        assert_eq!(id.month("mei"), Some(5));
        assert_eq!(Lexicon::get("en").unwrap().month("sept."), Some(9));
    }
}
