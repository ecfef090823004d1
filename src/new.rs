//! The text of a new article file, as `claimtrail new` writes it: `[article]`
//! filled in from the command line, and commented-out tables showing how to
//! annotate sources and claims. No I/O; the command checks the outlet and
//! writes the file.

use crate::layout::basic_string;
use toml::value::Datetime;

/// What the command line gives for `[article]`.
#[derive(Clone, Debug)]
pub struct Fields<'a> {
    pub title: &'a str,
    pub outlet: &'a str,
    pub url: Option<&'a str>,
    pub published: Option<Datetime>,
    /// A BCP 47 tag, as given.
    pub language: Option<&'a str>,
    /// One name is written as a string, several as a list.
    pub byline: &'a [String],
}

/// Check `--published`: a TOML date (`2019-03-27`) or date-time with a real
/// calendar day, as the loader accepts it.
pub fn parse_date(text: &str) -> Result<Datetime, String> {
    let hint =
        "write a date such as 2019-03-27, or an offset date-time such as 2019-03-27T14:00:00Z";
    let dt: Datetime = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a date; {hint}"))?;
    match crate::load::calendar_date(&dt) {
        Ok(_) => Ok(dt),
        Err(why) => Err(format!("`{text}`: {why}; {hint}")),
    }
}

/// The new file's text.
pub fn article_text(fields: &Fields) -> String {
    let mut out = String::from("[article]\n");
    out.push_str(&format!("title = {}\n", basic_string(fields.title)));
    out.push_str(&format!("outlet = {}\n", basic_string(fields.outlet)));
    match fields.url {
        Some(url) => out.push_str(&format!("url = {}\n", basic_string(url))),
        None => out.push_str("# url = \"https://...\"\n"),
    }
    match &fields.published {
        Some(date) => out.push_str(&format!("published = {date}\n")),
        None => out.push_str(
            "# published = 2019-03-27            # leave out if the article gives no date\n",
        ),
    }
    match fields.language {
        Some(language) => out.push_str(&format!("language = {}\n", basic_string(language))),
        None => out.push_str("# language = \"en\"                     # BCP 47 tag\n"),
    }
    match fields.byline {
        [] => out.push_str("# byline = \"...\"                      # a name or a list of names\n"),
        [one] => out.push_str(&format!("byline = {}\n", basic_string(one))),
        many => {
            let names: Vec<String> = many.iter().map(|n| basic_string(n)).collect();
            out.push_str(&format!("byline = [{}]\n", names.join(", ")));
        }
    }
    out.push_str(TEMPLATE);
    out
}

/// Everything below the known fields: commented out, so the file loads as it
/// is and shows the shape of what to add.
const TEMPLATE: &str = r#"# credited = ["..."]                  # credits the article gives as a whole

# One table per speaker the article cites; the key is the source's id in this file.
#
# [sources.spokesperson]
# name = "..."
# role = "..."
# affiliation = "..."
# country = "US"                      # ISO 3166-1 alpha-2
# kind = "person"                     # person, organization, document, unknown
#
# [sources.official]
# anonymous = true
# description = "a U.S. official"     # how the article describes the source
# reason = "..."                      # the reason the article gives for anonymity

# One table per claim, in the order of the article.
#
# [[claims]]
# id = "short-claim-id"               # the same id in another article is the same claim
# text = "The claim, in your words."
# quote = "..."                       # a short verbatim fragment
# source = "spokesperson"             # a source id above; leave out if no speaker is named
# via = ["reuters"]                   # outlets it came through; [["interfax", "reuters"]] for a relay
# said = 2019-03-26                   # when it was said or first reported
# hedge = "reportedly"                # the article's distancing cue, if any
# kind = "paraphrase"                 # quote, paraphrase, assertion, background
# key = true                          # a headline claim
"#;

#[cfg(test)]
mod tests {
    use super::{Fields, article_text, parse_date};
    use crate::layout::{FileKind, format};

    #[test]
    fn dates() {
        assert_eq!(parse_date("2019-03-27").unwrap().to_string(), "2019-03-27");
        assert!(parse_date("2019-03-27T10:00:00Z").is_ok());
        assert!(parse_date("2019-02-30").is_err());
        assert!(
            parse_date("10:00:00")
                .unwrap_err()
                .contains("a time without a date")
        );
        assert!(parse_date("March 27").unwrap_err().contains("not a date"));
    }

    #[test]
    fn the_template_is_formatted_and_loads_as_toml() {
        let one = ["Matt Spetalnick".to_string()];
        let two = ["Matt Spetalnick".to_string(), "Idrees Ali".to_string()];
        let cases: [(_, _, &[String]); 3] = [
            (None, None, &[]),
            (Some(parse_date("2019-03-27").unwrap()), Some("en"), &one),
            (None, Some("id"), &two),
        ];
        for (published, language, byline) in cases {
            let text = article_text(&Fields {
                title: "A \"quoted\" headline",
                outlet: "reuters",
                url: Some("https://example.com/a"),
                published,
                language,
                byline,
            });
            assert_eq!(format(&text, FileKind::Article).unwrap(), text);
            let parsed = crate::raw::parse_article(&text).unwrap();
            assert_eq!(
                parsed.article.get_ref().title.get_ref(),
                "A \"quoted\" headline"
            );
        }
    }
}
