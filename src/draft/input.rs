//! What `draft` reads: a plain-text file, an HTML page saved from a browser,
//! or standard input. From HTML the main text is taken with `dom_smoothie` (a
//! port of Mozilla's Readability) and the title, byline, date and address
//! from the page's metadata. Bad input (empty, binary, a page with no
//! article, a page that would take out of proportion long to read: see
//! `page_cost`) is refused with a message saying what was wrong.

use super::page_cost::{PageCost, tag_depths};
use dom_smoothie::{Config, Readability, TextMode};

/// An article's text and what its page said about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Input {
    pub text: String,
    /// From HTML metadata (`og:title`, else `<title>`).
    pub title: Option<String>,
    pub byline: Option<String>,
    /// `article:published_time` as written.
    pub published: Option<String>,
    /// The canonical link, else `og:url`.
    pub url: Option<String>,
    pub html: bool,
}

/// Shortest text worth drafting, in characters.
const MIN_TEXT: usize = 40;

/// Read input bytes; `name` is the file name (for the `.html` test).
pub fn read(bytes: &[u8], name: &str) -> Result<Input, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("the input is empty: there is no text to draft from".into());
    }
    if bytes.contains(&0) {
        return Err("the input is binary data, not text or HTML".into());
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy.chars().filter(|&c| c == '\u{fffd}').count();
            if bad * 20 > lossy.chars().count() {
                return Err("the input is binary data, or text not in UTF-8".into());
            }
            lossy.into_owned()
        }
    };
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || looks_like_html(&text) {
        return from_html(&text);
    }
    let control = text
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if control * 50 > text.chars().count() {
        return Err("the input is binary data, not text or HTML".into());
    }
    if text.trim().chars().count() < MIN_TEXT {
        return Err(format!(
            "the input is too short to be an article (under {MIN_TEXT} characters)"
        ));
    }
    Ok(Input {
        text,
        ..Input::default()
    })
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

fn from_html(html: &str) -> Result<Input, String> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // The page's tags are measured before it is parsed.
    if let Some(why) = tag_depths(html).refusal(html.len()) {
        return Err(why);
    }
    let mut reader = Readability::new(html, None, Some(cfg))
        .map_err(|e| format!("the HTML page could not be read: {e}"))?;
    let attr = |selector: &str, name: &str| -> Option<String> {
        let sel = reader.doc.select(selector);
        sel.attr(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    // The parsed page is measured before Readability reads it.
    if let Some(why) = PageCost::of(&reader.doc).refusal(html.len()) {
        return Err(why);
    }
    let og_title = attr("meta[property='og:title']", "content");
    let published = attr("meta[property='article:published_time']", "content");
    let author = attr("meta[name='author']", "content");
    let url = attr("link[rel='canonical']", "href")
        .or_else(|| attr("meta[property='og:url']", "content"));
    let article = reader
        .parse()
        .map_err(|_| "the HTML page has no article text that could be found".to_string())?;
    let text: String = article.text_content.to_string();
    if text.trim().chars().count() < MIN_TEXT {
        return Err("the HTML page has no article text that could be found".into());
    }
    let title = og_title.or_else(|| Some(article.title.clone()).filter(|t| !t.trim().is_empty()));
    Ok(Input {
        text,
        title,
        byline: author.or(article.byline),
        published: published.or(article.published_time),
        url: url.or(article.url),
        html: true,
    })
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn bad_input_is_refused() {
        assert!(read(b"", "a.txt").unwrap_err().contains("empty"));
        assert!(read(b"  \n", "a.txt").unwrap_err().contains("empty"));
        assert!(
            read(b"\x00\x01\x02abc", "a.txt")
                .unwrap_err()
                .contains("binary")
        );
        assert!(read(b"short", "a.txt").unwrap_err().contains("short"));
        let page = "<html><head><title>x</title></head><body><nav>menu</nav></body></html>";
        assert!(
            read(page.as_bytes(), "a.html")
                .unwrap_err()
                .contains("no article")
        );
    }

    #[test]
    fn html_metadata_and_text() {
        let para = "The minister said on Tuesday that the talks would resume next week in Geneva, after a pause of two months. ";
        let page = format!(
            "<!doctype html><html><head><title>T</title>\
             <meta property=\"og:title\" content=\"Talks to resume\">\
             <meta property=\"article:published_time\" content=\"2024-03-12T10:00:00Z\">\
             <meta name=\"author\" content=\"Ann Lee\">\
             <link rel=\"canonical\" href=\"https://example.com/talks\">\
             </head><body><nav>Home | World</nav><article><h1>Talks to resume</h1>\
             <p>{}</p><p>{}</p><p>{}</p></article></body></html>",
            para.repeat(3),
            para.repeat(3),
            para.repeat(3)
        );
        let input = read(page.as_bytes(), "page.html").unwrap();
        assert_eq!(input.title.as_deref(), Some("Talks to resume"));
        assert_eq!(input.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(input.published.as_deref(), Some("2024-03-12T10:00:00Z"));
        assert_eq!(input.url.as_deref(), Some("https://example.com/talks"));
        assert!(input.text.contains("talks would resume"));
        assert!(!input.text.contains("Home | World"));
    }
}
