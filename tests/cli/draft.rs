//! `draft` and `agree`: the evaluation over `tests/eval/draft/` and the
//! held-out `tests/eval/draft-unseen/` (drafts of every text compared with
//! the hand annotations, figures per language with floors a little under what
//! was measured), the seed article, bad input, and
//! `agree` on a tiny fixture worked out by hand.

use crate::common::{code, json, run};
use claimtrail::agree::{self, stats::Prf};
use claimtrail::diag::Severity;
use claimtrail::draft::{self, Corpus, Options, input};
use claimtrail::load::{self, LoadOptions};
use claimtrail::model::Article;
use std::path::Path;

/// The evaluation set the drafting rules were written against.
const EVAL: &str = "tests/eval/draft";
/// The held-out set: written and annotated without reference to the drafting
/// code, and never used to tune it.
const UNSEEN: &str = "tests/eval/draft-unseen";

/// Summed counts of one language's comparisons.
#[derive(Default)]
struct Tally {
    texts: usize,
    speakers: Vec<Prf>,
    claims: Vec<Prf>,
    accepted: Vec<Prf>,
    routes: Vec<Prf>,
    hedges: Vec<Prf>,
}

/// A draft with every proposed (commented-out) claim accepted.
fn accept_all(text: &str) -> String {
    let mut out = String::new();
    let mut in_block = false;
    for line in text.lines() {
        if line == "# [[claims]]" {
            in_block = true;
        }
        if line.is_empty() {
            in_block = false;
        }
        match line.strip_prefix("# ") {
            Some(rest) if in_block && (rest == "[[claims]]" || rest.contains(" = ")) => {
                out.push_str(rest)
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

fn loads_cleanly(text: &str, name: &str, corpus: &Corpus) -> Article {
    let (article, diags) = load::article_from_text(text, name, name, corpus.outlets());
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{text}");
    article.expect("the draft parses")
}

fn fmt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{v:.2}"))
}

/// Scores every language of `langs`, and holds that the set has no other
/// language folder, so that no text goes unscored.
fn evaluate(set: &str, langs: &[&'static str]) -> Vec<(&'static str, Tally)> {
    let root = crate::common::repo_root().join(set);
    let mut folders: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut want: Vec<String> = langs.iter().map(|l| l.to_string()).collect();
    want.sort();
    assert_eq!(folders, want, "{set}: language folders and floors");
    let loaded = load::load(
        &LoadOptions {
            paths: vec![root.clone()],
            ..LoadOptions::default()
        },
        |a, _, _| a,
    );
    // The registry only: the hand annotations must not leak into the drafts.
    let corpus = Corpus::new(loaded.outlets.clone(), &[]);
    let mut out = Vec::new();
    for &lang in langs {
        let mut t = Tally::default();
        let mut hand: Vec<&Article> = loaded
            .items
            .iter()
            .filter(|a| a.id.starts_with(&format!("{lang}/")))
            .collect();
        hand.sort_by(|a, b| a.id.cmp(&b.id));
        for h in hand {
            let txt = root.join(format!("{}.txt", h.id));
            let bytes = std::fs::read(&txt).unwrap();
            let inp = input::read(&bytes, "a.txt").unwrap();
            let opts = Options {
                outlet: Some(h.outlet.clone()),
                published: h.published,
                language: None,
            };
            let text = draft::draft(&inp, &h.id, &opts, &corpus).unwrap();
            let d = loads_cleanly(&text, &h.id, &corpus);
            assert_eq!(
                d.language.as_deref(),
                Some(lang),
                "{}: language detected",
                h.id
            );
            let g = agree::agree(h, &d);
            let all = loads_cleanly(&accept_all(&text), &h.id, &corpus);
            let ga = agree::agree(h, &all);
            t.texts += 1;
            t.speakers.push(g.sources);
            t.claims.push(g.claims);
            t.accepted.push(ga.claims);
            t.routes.push(g.routes);
            t.hedges.push(g.hedges);
        }
        out.push((lang, t));
    }
    out
}

/// The figures of one set as the README's table: precision, recall and F1
/// per language for speakers, claims (as drafted, and with every proposal
/// accepted), routes and hedges.
fn print_table(results: &[(&'static str, Tally)]) {
    println!(
        "| language | texts | figure | speakers | claims | claims, all proposals accepted | routes | hedges |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|---:|");
    for (lang, t) in results {
        let s = Prf::sum(&t.speakers);
        let c = Prf::sum(&t.claims);
        let a = Prf::sum(&t.accepted);
        let r = Prf::sum(&t.routes);
        let h = Prf::sum(&t.hedges);
        for (name, pick) in [
            (
                "precision",
                (|p: &Prf| p.precision) as fn(&Prf) -> Option<f64>,
            ),
            ("recall", |p: &Prf| p.recall),
            ("F1", |p: &Prf| p.f1),
        ] {
            println!(
                "| {lang} | {} | {name} | {} | {} | {} | {} | {} |",
                t.texts,
                fmt(pick(&s)),
                fmt(pick(&c)),
                fmt(pick(&a)),
                fmt(pick(&r)),
                fmt(pick(&h))
            );
        }
    }
}

/// Holds each language's figures at or above its floors: speakers F1,
/// claims F1, routes F1 and hedge recall.
fn hold_floors(results: &[(&'static str, Tally)], floors: Floors) {
    for ((lang, t), &(want, speakers, claims, routes, hedges)) in results.iter().zip(floors) {
        assert_eq!(*lang, want);
        let f1 = |p: &[Prf]| Prf::sum(p).f1.unwrap_or(0.0);
        assert!(
            f1(&t.speakers) >= speakers,
            "{lang} speakers F1 {}",
            f1(&t.speakers)
        );
        assert!(
            f1(&t.claims) >= claims,
            "{lang} claims F1 {}",
            f1(&t.claims)
        );
        assert!(
            f1(&t.routes) >= routes,
            "{lang} routes F1 {}",
            f1(&t.routes)
        );
        let recall = Prf::sum(&t.hedges).recall.unwrap_or(0.0);
        assert!(recall >= hedges, "{lang} hedge recall {recall}");
    }
}

/// Per language: speakers F1, claims F1, routes F1 and hedge recall.
type Floors = &'static [(&'static str, f64, f64, f64, f64)];

/// Floors a little under the evaluation set's figures when they were set
/// (README): en speakers 0.97, claims 0.89, routes 0.95, hedge recall 1.00;
/// id 0.95, 0.90, 0.95, 1.00; de 0.90, 0.85, 0.90, 0.97; es 0.95, 0.87,
/// 0.89, 0.93; fr 0.91, 0.83, 0.95, 0.96.
const EVAL_FLOORS: Floors = &[
    ("en", 0.94, 0.86, 0.92, 0.95),
    ("id", 0.92, 0.87, 0.92, 0.95),
    ("de", 0.87, 0.82, 0.87, 0.93),
    ("es", 0.91, 0.84, 0.86, 0.90),
    ("fr", 0.88, 0.80, 0.92, 0.92),
];

/// Under the held-out set's figures (README): en speakers 0.96, claims 0.86,
/// routes 0.91, hedge recall 1.00; id 0.88, 0.88, 1.00, 1.00; de 0.73, 0.79,
/// 0.90, 0.83; es 0.89, 0.74, 1.00, 1.00; fr 0.72, 0.80, 0.80, 0.71. Spanish
/// has two texts and German and French four each, so one claim moves their
/// figures by several points.
const UNSEEN_FLOORS: Floors = &[
    ("en", 0.93, 0.82, 0.88, 0.95),
    ("id", 0.85, 0.85, 0.95, 0.95),
    ("de", 0.70, 0.76, 0.86, 0.80),
    ("es", 0.86, 0.71, 0.95, 0.95),
    ("fr", 0.68, 0.77, 0.76, 0.68),
];

/// Draft every text of a set, compare each with its hand annotation, print
/// the figures and hold them at or above the floors.
fn score_set(set: &str, floors: Floors) {
    let langs: Vec<&'static str> = floors.iter().map(|f| f.0).collect();
    let results = evaluate(set, &langs);
    print_table(&results);
    hold_floors(&results, floors);
}

/// `cargo test --test cli -- draft::evaluation --nocapture`
#[test]
fn evaluation() {
    score_set(EVAL, EVAL_FLOORS);
}

/// `cargo test --test cli -- draft::held_out_evaluation --nocapture`
#[test]
fn held_out_evaluation() {
    score_set(UNSEEN, UNSEEN_FLOORS);
}

const SEED: &str = "/work/shared/articles/manajemen-ti-pasukan-siber-rusia.txt";
const REGISTRY: &str = "[reuters]\nname = \"Reuters\"\n\n[daily]\nname = \"Example Daily\"\n";
const ARTICLE: &str = "Minister backs plan\n\nLONDON - The plan will go ahead next year, the ministry said on Tuesday. \"We will build it,\" said Ann Lee, a spokeswoman for the ministry.\n";

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The draft of `text`, saved as `in/a.txt` in a corpus of `REGISTRY`, with
/// `args` after the file name.
fn draft_text(text: &str, args: &[&str]) -> String {
    draft_with(REGISTRY, text, args)
}

/// A text drafted against a registry of its own.
fn draft_with(registry: &str, text: &str, args: &[&str]) -> String {
    let c = crate::common::corpus(&[("outlets.toml", registry), ("in/a.txt", text)]);
    let mut all = vec!["draft", "in/a.txt"];
    all.extend_from_slice(args);
    let o = run(c.claimtrail(&all));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every value of a key in a draft, in order, as written.
fn values(draft: &str, key: &str) -> Vec<String> {
    draft
        .lines()
        .filter_map(|l| l.strip_prefix(key)?.strip_prefix(" = ").map(str::to_string))
        .collect()
}

/// Bad input gets a clear message and exit status 2, never a panic.
#[test]
fn bad_input_is_refused_clearly() {
    let c = crate::common::corpus(&[("outlets.toml", REGISTRY)]);
    let html = "<html><head><title>x</title></head><body><nav>Home</nav></body></html>";
    let cases: [(&str, &[u8], &[&str], &str); 5] = [
        ("empty.txt", b"", &[], "empty"),
        ("binary.txt", b"\x00\x01\x02\x03binary\x00", &[], "binary"),
        ("page.html", html.as_bytes(), &[], "no article"),
        (
            "fi.txt",
            "Hallitus kertoi tiistaina, että uusi laki tulee voimaan ensi vuonna koko maassa."
                .as_bytes(),
            &[],
            "no lexicon",
        ),
        (
            "ok.txt",
            ARTICLE.as_bytes(),
            &["--outlet", "nope"],
            "unknown outlet `nope`",
        ),
    ];
    for (name, bytes, extra, want) in cases {
        c.write(name, bytes);
        let mut args = vec!["draft", name, "--corpus", "."];
        if extra.is_empty() {
            args.extend(["--outlet", "daily"]);
        }
        args.extend(extra);
        let o = run(c.claimtrail(&args));
        assert_eq!(code(&o), 2, "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{name}");
    }
    // --language for a language without a lexicon.
    let o = run(c.claimtrail(&["draft", "ok.txt", "--outlet", "daily", "--language", "fi"]));
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no lexicon for language `fi`"));
}

/// Pages whose reading would grow with the square of their size (nested
/// elements, which the HTML parser and Readability walk again and again; a
/// long run of `&`, which the escaping writer searches on from each time)
/// are refused at once, while a page as large with the same words in plain
/// paragraphs is read.
#[test]
fn pages_costly_out_of_proportion_are_refused_at_once() {
    let c = crate::common::corpus(&[("outlets.toml", REGISTRY)]);
    let para =
        "<p>The minister said on Tuesday that the talks would resume next week in Geneva.</p>";
    let page =
        |body: &str| format!("<html><head><title>T</title></head><body>{body}</body></html>");
    let n = 20_000;
    let cases = [
        (
            "nested.html",
            page(&format!(
                "{}{para}{}",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )),
            "nests its elements too deeply",
        ),
        (
            "chains.html",
            page(&format!(
                "{para}{}",
                format!("{}x{}", "<div>".repeat(500), "</div>".repeat(500)).repeat(20)
            )),
            "nests its elements too deeply",
        ),
        (
            "amp.html",
            page(&format!(
                "<p>{} The minister said the talks would resume.</p>",
                "&amp;".repeat(5 * n)
            )),
            "runs of text with so many `&`",
        ),
        (
            "nbsp.html",
            page(&format!(
                "<p>{} The minister said the talks would resume.</p>",
                "&nbsp;x".repeat(5 * n)
            )),
            "runs of text with so many `&`",
        ),
    ];
    for (name, html, want) in cases {
        c.write(name, html.as_bytes());
        let o = run(c.claimtrail(&["draft", name, "--corpus", ".", "--outlet", "daily"]));
        assert_eq!(code(&o), 2, "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("save the article's text as a .txt file"),
            "{name}"
        );
    }
    // As many bytes of ordinary paragraphs: read, and drafted.
    let wide = page(&para.repeat(500));
    c.write("wide.html", wide.as_bytes());
    let o = run(c.claimtrail(&["draft", "wide.html", "--corpus", ".", "--outlet", "daily"]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("[[claims]]"));
}

#[test]
fn draft_writes_once_and_never_overwrites() {
    let c = crate::common::corpus(&[("outlets.toml", REGISTRY), ("in/a.txt", ARTICLE)]);
    c.write("in/b.txt", ARTICLE.replace("Ann Lee", "Bob Stone"));
    let args = [
        "draft",
        "in",
        "--outlet",
        "daily",
        "--published",
        "2024-03-12",
        "--out",
        "out",
    ];
    let o = run(c.claimtrail(&args));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let a = std::fs::read_to_string(c.join("out/a.toml")).unwrap();
    assert!(a.contains("name = \"Ann Lee\""), "{a}");
    assert!(a.contains("said = 2024-03-12"), "{a}");
    assert!(a.contains("kind = \"quote\""), "{a}");
    assert!(c.join("out/b.toml").is_file());
    // Again: both exist, nothing is overwritten, the run fails.
    let o = run(c.claimtrail(&args));
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("never overwrites"));
    assert_eq!(std::fs::read_to_string(c.join("out/a.toml")).unwrap(), a);
    // The refused drafts' temporary files are gone.
    let mut left: Vec<String> = std::fs::read_dir(c.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["a.toml", "b.toml"]);
    // The drafts pass check in the corpus they were written for.
    let o = run(c.claimtrail(&["check", "."]));
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
}

/// Where a claim ends: an outlet's report or a speaker's closing
/// attribution is cut off; a pronoun goes back past a group to the person
/// who spoke last.
#[test]
fn closing_attributions_and_pronouns() {
    let text = "Company results\n\nThe shares fell 5 percent last week, Reuters reported. \
                \"We expect a better year,\" Chief Executive Jane Smith said in an interview. \
                Analysts said they had expected a smaller drop. \
                Sales in China slowed sharply, she told investors on a call, adding that demand was weak.\n";
    let draft = draft_text(text, &["--outlet", "daily", "--published", "2024-03-12"]);
    let values = |key: &str| values(&draft, key);
    assert_eq!(
        values("text"),
        [
            "\"The shares fell 5 percent last week.\"",
            "\"We expect a better year.\"",
            "\"Analysts said they had expected a smaller drop.\"",
            "\"Sales in China slowed sharply.\"",
        ],
        "{draft}"
    );
    assert_eq!(
        values("source"),
        ["\"smith\"", "\"analysts\"", "\"smith\""],
        "{draft}"
    );
}

/// Routes named far from the outlet, and outlets that are the verb's subject
/// or agent, which make a route and no speaker.
#[test]
fn routes_far_from_the_cue_and_outlets_as_subjects() {
    let text = "Port news\n\nHALIFAX, Nova Scotia, Oct. 7 (Daily) - Shipping lines diverted freight, according to a report by Reuters. \
                The Herald, citing Reuters, reported that talks had collapsed at the Port Authority.\n";
    let draft = draft_text(text, &["--outlet", "daily", "--language", "en"]);
    let values = |key: &str| values(&draft, key);
    assert_eq!(values("via"), ["[\"reuters\"]", "[\"reuters\"]"], "{draft}");
    assert!(values("source").is_empty(), "{draft}");
    // The dateline, with its region and abbreviated month, is not claim text.
    assert!(!draft.contains("HALIFAX"), "{draft}");
}

/// German, Spanish and French copy: their quotation marks, relays in the
/// dative, in quotation marks and through a citing clause, a sentence that
/// credits the one before, indirect speech carrying a statement on, a
/// Spanish bare verb with its speaker after it, unnamed sources by trade,
/// a body named after its noun, and the conditional as hedge or as
/// reported speech. Every expected value was worked out from the text.
#[test]
fn german_spanish_and_french_attributions() {
    const INTL: &str = "[daily]\nname = \"Example Daily\"\n\n\
        [dpa]\nname = \"Deutsche Presse-Agentur\"\naliases = [\"dpa\", \"Deutschen Presse-Agentur\"]\n\n\
        [bild]\nname = \"Bild\"\n\n\
        [efe]\nname = \"Agencia EFE\"\naliases = [\"EFE\", \"agencia EFE\"]\n\n\
        [lavanguardia]\nname = \"La Vanguardia\"\n\n\
        [cadenaser]\nname = \"Cadena SER\"\n\n\
        [afp]\nname = \"Agence France-Presse\"\naliases = [\"AFP\"]\n";
    let draft = |lang: &str, body: &str| {
        draft_with(
            INTL,
            body,
            &[
                "--outlet",
                "daily",
                "--language",
                lang,
                "--published",
                "2025-01-10",
            ],
        )
    };
    let de = draft(
        "de",
        "Brand\n\nDuisburg - Die Staatsanwaltschaft hat ein Verfahren eingeleitet. \
         Das bestätigte Oberstaatsanwältin Birgit Hammes am Donnerstag der Deutschen Presse-Agentur. \
         „Wir prüfen die Lagermengen“, sagte Hammes. Man arbeite eng mit den Behörden zusammen. \
         Wie die „Bild“-Zeitung berichtete, sollen in der Halle zu viele Batterien gelagert gewesen sein.\n",
    );
    // s1 takes its speaker, route and date from s2 ("Das bestätigte …"),
    // which is no claim of its own (its values are commented out); "sagte
    // Hammes" right after her statement continues it, and "Man arbeite"
    // carries it on, both with its route and date; the Bild report is a
    // route with its hedge, and no one's statement.
    assert_eq!(
        values(&de, "source"),
        ["\"hammes\"", "\"hammes\"", "\"hammes\""],
        "{de}"
    );
    assert_eq!(
        values(&de, "via"),
        ["[\"dpa\"]", "[\"dpa\"]", "[\"dpa\"]", "[\"bild\"]"],
        "{de}"
    );
    assert_eq!(
        values(&de, "said"),
        ["2025-01-09", "2025-01-09", "2025-01-09"],
        "{de}"
    );
    assert_eq!(
        values(&de, "quote"),
        ["\"Wir prüfen die Lagermengen\""],
        "{de}"
    );
    assert_eq!(values(&de, "hedge"), ["\"sollen\""], "{de}");
    assert_eq!(values(&de, "role"), ["\"Oberstaatsanwältin\""], "{de}");

    let es = draft(
        "es",
        "Relave\n\nLima - El depósito colapsó el martes. \
         La Sra. Rosa Chunga, vecina del barrio, aseguró a la Cadena SER que nadie fumigó desde enero. \
         «Tenemos que comprar repelente», lamentó. \
         La Vanguardia, que cita a la agencia EFE, informó de que la Fiscalía abrió una investigación. \
         Una enfermera del hospital, que habló bajo condición de anonimato, dijo que la empresa habría ocultado las filtraciones.\n",
    );
    // "aseguró" is followed by its speaker; the bare "lamentó" after the
    // quotation points back to her, with her route; the chain runs from
    // EFE to La Vanguardia; "habría" is the nurse's reported speech.
    assert_eq!(values(&es, "name"), ["\"Rosa Chunga\""], "{es}");
    assert_eq!(
        values(&es, "description"),
        ["\"una enfermera del hospital\""],
        "{es}"
    );
    assert_eq!(
        values(&es, "via"),
        [
            "[\"cadenaser\"]",
            "[\"cadenaser\"]",
            "[[\"efe\", \"lavanguardia\"]]"
        ],
        "{es}"
    );
    assert_eq!(
        values(&es, "quote"),
        ["\"Tenemos que comprar repelente\""],
        "{es}"
    );
    assert!(values(&es, "hedge").is_empty(), "{es}");

    let fr = draft(
        "fr",
        "Usine\n\nVevey - Le groupe agroalimentaire Valmoran a confirmé mardi la fermeture de son usine. \
         La Valaisanne s'est blessée lundi, a précisé la fédération dans un communiqué. \
         Un membre de l'encadrement a confié à l'AFP que la piste aurait dû être fermée. \
         Un industriel breton aurait manifesté son intérêt pour l'usine.\n",
    );
    // The body is named after its noun; "la fédération" points back to it;
    // "l'AFP" is one elided article and the outlet; the conditional is a
    // hedge only in the outlet's own voice.
    assert_eq!(values(&fr, "name"), ["\"Valmoran\""], "{fr}");
    assert_eq!(
        values(&fr, "source"),
        [
            "\"valmoran\"",
            "\"valmoran\"",
            "\"membre-de-l-encadrement\""
        ],
        "{fr}"
    );
    assert_eq!(values(&fr, "via"), ["[\"afp\"]"], "{fr}");
    assert_eq!(values(&fr, "hedge"), ["\"aurait\""], "{fr}");
    assert_eq!(values(&fr, "said"), ["2025-01-07", "2025-01-07"], "{fr}");
}

/// An outlet named after a verb is no route unless the language tells it in
/// the dative ("a EFE", "der dpa"); a repeated name in a new paragraph
/// carries no route or date over.
#[test]
fn no_route_without_a_dative_and_none_carried_across_paragraphs() {
    let draft = draft_text(
        "Border\n\nLONDON - Smith said on Monday a Reuters photographer was detained at the border. \
         Smith told Reuters on Tuesday the plant would close.\n\n\
         Smith said in a statement that workers would be paid.\n",
        &[
            "--outlet",
            "daily",
            "--language",
            "en",
            "--published",
            "2025-01-10",
        ],
    );
    assert_eq!(values(&draft, "via"), ["[\"reuters\"]"], "{draft}");
    assert_eq!(
        values(&draft, "said"),
        ["2025-01-06", "2025-01-07"],
        "{draft}"
    );
}

/// The seed article, drafted into a copy of the shipped corpus, passes check.
#[test]
fn the_seed_draft_passes_check_in_the_corpus() {
    if !Path::new(SEED).is_file() {
        eprintln!("note: {SEED} is not here; skipped");
        return;
    }
    let c = crate::common::corpus(&[]);
    for entry in walkdir::WalkDir::new(crate::common::repo_root().join("claims")) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(crate::common::repo_root().join("claims"))
            .unwrap();
        if entry.file_type().is_file() {
            c.write(
                &format!("claims/{}", rel.display()),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    let o = run(c.claimtrail(&[
        "draft",
        SEED,
        "--outlet",
        "manajemen-ti",
        "--out",
        "claims/2019/seed-draft.toml",
    ]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(c.claimtrail(&["check", "claims"]));
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
    let text = std::fs::read_to_string(c.join("claims/2019/seed-draft.toml")).unwrap();
    // Joined to the corpus: the known speaker and a claim id of the corpus.
    assert!(text.contains("name = \"Maria Zakharova\""));
    assert!(text.contains("via = [\"cnn\", \"rferl\"]"));
    assert!(text.contains("hedge = \"dikabarkan\""));
}

const AGREE_A: &str = r#"[article]
title = "T"
outlet = "daily"

[sources.ann-lee]
name = "Ann Lee"

[sources.official]
anonymous = true
description = "a U.S. official"

[[claims]]
id = "a1"
text = "The plan goes ahead."
source = "ann-lee"
via = ["reuters"]

[[claims]]
id = "a2"
text = "Troops moved north."
source = "official"
hedge = "reportedly"

[[claims]]
id = "a3"
text = "Prices went up."
quote = "prices rose by ten percent"
"#;

const AGREE_B: &str = r#"[article]
title = "T"
outlet = "daily"

[sources.lee]
name = "Lee"

[sources.mayor]
name = "Bob Smith"

[[claims]]
id = "a1"
text = "The plan will go ahead."
source = "lee"
via = ["reuters"]

[[claims]]
id = "b2"
text = "Prices rose by ten percent last month."
source = "mayor"

[[claims]]
id = "b3"
text = "The weather was fine."
"#;

/// `agree` on two tiny annotations, every figure worked out by hand.
#[test]
fn agree_figures_by_hand() {
    let c = crate::common::corpus(&[
        ("outlets.toml", REGISTRY),
        ("a.toml", AGREE_A),
        ("b.toml", AGREE_B),
    ]);
    let o = run(c.claimtrail(&["agree", "a.toml", "b.toml", "--format", "json"]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let j = json(&o);
    // Pairs: a1-a1 by id; a3-b2 by likeness (all 5 words of a3's quote are in
    // b2's text: 5/5 = 1.0). a2 and b3 pair with nothing.
    // Claims: A 3, B 3, both 2: P = R = F1 = 2/3.
    let third = 2.0 / 3.0;
    assert_eq!(j["claims"]["matched"], 2);
    assert!((j["claims"]["f1"].as_f64().unwrap() - third).abs() < 1e-9);
    assert_eq!(j["pairs"][1]["a"], "a3");
    assert_eq!(j["pairs"][1]["b"], "b2");
    assert_eq!(j["pairs"][1]["by"], "likeness");
    // Class: (named, named), (unattributed, named): po = 1/2. A: named 1,
    // unattributed 1; B: named 2. pe = (1/2)(2/2) + (1/2)(0/2) = 1/2.
    // kappa = (1/2 - 1/2) / (1 - 1/2) = 0.
    assert_eq!(j["fields"]["class"]["agree"], 1);
    assert_eq!(j["fields"]["class"]["kappa"].as_f64(), Some(0.0));
    // Speaker: "Ann Lee" and "Lee" agree; none and "Bob Smith" do not: 1/2.
    assert_eq!(j["fields"]["speaker"]["rate"].as_f64(), Some(0.5));
    // Routes: reuters on a1 in both: 1 of 1 each side.
    assert_eq!(j["routes"]["f1"].as_f64(), Some(1.0));
    // Hedges: A's one hedged claim (a2) is unpaired: recall 0/1; B has none.
    assert_eq!(j["hedges"]["recall"].as_f64(), Some(0.0));
    assert!(j["hedges"]["precision"].is_null());
    // Sources: Ann Lee ~ Lee; the official and Bob Smith unpaired: P = R = 1/2.
    assert_eq!(j["sources"]["precision"].as_f64(), Some(0.5));
    assert_eq!(j["sources"]["recall"].as_f64(), Some(0.5));
    // --min-f1: 2/3 is under 0.9 (exit 1) and over 0.5 (exit 0).
    let o = run(c.claimtrail(&["agree", "a.toml", "b.toml", "--min-f1", "0.9"]));
    assert_eq!(code(&o), 1);
    let table = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(table.contains("a3 ~ b2: speaker: - | Bob Smith"), "{table}");
    let o = run(c.claimtrail(&["agree", "a.toml", "b.toml", "--min-f1", "0.5"]));
    assert_eq!(code(&o), 0);
}
