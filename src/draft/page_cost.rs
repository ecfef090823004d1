//! What reading an HTML page will cost, bounded before the page is read.
//!
//! Parsing HTML and finding its article both do work that grows with how
//! deep each element is nested: the parser looks down its stack of open
//! elements at each tag, and Readability walks each element's descendants.
//! On pages as written that is a fraction of their size; a hostile page of
//! nested `<div>`s makes it grow with the square of its size (50,000 of them
//! in 550 KB take minutes). And `html5ever`'s escaping writer, which writes
//! the article Readability finds, looks from each `&` and each character
//! from U+0080 to U+00BF (a non-breaking space, `«`) on to the next `<` or
//! `>`, so a long text of such characters costs the square of its length.
//!
//! So a page is measured in passes that take time in proportion to its size:
//! its tags, before it is parsed ([`tag_depths`]), and its elements, texts
//! and attributes once parsed ([`PageCost::of`]). A page over the bounds
//! below is refused with a message rather than read for minutes.

use dom_query::Document;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{LocalName, local_name};
use std::cell::RefCell;
use std::collections::HashMap;

/// The sum of the elements' depths a page may have: this many per byte of
/// the page, and [`DEPTHS_FREE`] whatever its size. Readability takes about
/// a microsecond per unit, so the bound keeps a page within a second or
/// two a megabyte.
const DEPTHS_PER_BYTE: u64 = 2;
const DEPTHS_FREE: u64 = 1 << 20;

/// The bytes the escaping writer may look at: this many per byte of the
/// page, and [`ESCAPES_FREE`] whatever its size; a fraction of a second a
/// megabyte.
const ESCAPES_PER_BYTE: u64 = 4096;
const ESCAPES_FREE: u64 = 1 << 32;

/// How deep a page's elements nest, and what writing its text escaped costs.
#[derive(Debug, Default, PartialEq)]
pub struct PageCost {
    pub elements: u64,
    /// The sum of the elements' depths, and the largest.
    pub depths: u64,
    pub deepest: u64,
    /// Bytes the escaping writer looks at, over every text and attribute.
    pub escapes: u64,
}

impl PageCost {
    /// The cost of a parsed page, in one walk over its nodes.
    pub fn of(doc: &Document) -> PageCost {
        let mut cost = PageCost::default();
        let mut next = doc.root().first_child();
        let mut depth = 1u64;
        while let Some(node) = next {
            let mut descend = true;
            if node.is_element() {
                cost.add_element(depth);
                for a in node.attrs() {
                    cost.escapes += escape_cost(a.value.as_bytes(), true);
                }
                // `html5ever` writes the text of these as it is, unescaped.
                descend = !node
                    .node_name()
                    .is_some_and(|n| unescaped(&LocalName::from(&*n)));
            } else if node.is_text() {
                cost.escapes += escape_cost(node.text().as_bytes(), false);
            }
            // On to the next node in document order.
            next = None;
            if descend && let Some(child) = node.first_child() {
                next = Some(child);
                depth += 1;
                continue;
            }
            let mut at = node;
            loop {
                if let Some(sibling) = at.next_sibling() {
                    next = Some(sibling);
                    break;
                }
                match at.parent() {
                    Some(parent) if !parent.is_document() => {
                        at = parent;
                        depth -= 1;
                    }
                    _ => break,
                }
            }
        }
        cost
    }

    fn add_element(&mut self, depth: u64) {
        self.elements += 1;
        self.depths += depth;
        self.deepest = self.deepest.max(depth);
    }

    /// Why a page of `bytes` bytes costing this much is not read, if it is not.
    pub fn refusal(&self, bytes: usize) -> Option<String> {
        let bytes = bytes as u64;
        if self.depths > DEPTHS_PER_BYTE.saturating_mul(bytes).max(DEPTHS_FREE) {
            return Some(format!(
                "the HTML page nests its elements too deeply to be read in reasonable time ({:.0} levels deep on average, {} at most); save the article's text as a .txt file and draft that",
                self.depths as f64 / self.elements.max(1) as f64,
                self.deepest
            ));
        }
        if self.escapes > ESCAPES_PER_BYTE.saturating_mul(bytes).max(ESCAPES_FREE) {
            return Some(
                "the HTML page has runs of text with so many `&` and non-breaking spaces that reading it would take too long; save the article's text as a .txt file and draft that"
                    .into(),
            );
        }
        None
    }
}

/// Whether `html5ever` writes an element's text unescaped.
fn unescaped(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("style")
            | local_name!("script")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("plaintext")
    )
}

/// The bytes `html5ever`'s escaping writer looks at in writing `text`: from
/// each `&` and each 0xC2 byte (the first of U+0080 to U+00BF) on to the
/// next `<` or `>` (or `"`, in an attribute), or the end.
pub fn escape_cost(text: &[u8], attribute: bool) -> u64 {
    let mut stop = text.len();
    let mut cost = 0u64;
    for (i, &b) in text.iter().enumerate().rev() {
        match b {
            b'<' | b'>' => stop = i,
            b'"' if attribute => stop = i,
            b'&' | 0xC2 => cost += (stop - i) as u64,
            _ => {}
        }
    }
    cost
}

/// The depths of a page's elements as its tags give them, before it is
/// parsed: `html5ever`'s tokenizer (which takes time in proportion to the
/// text) and a stack of open elements. A start tag opens an element, unless
/// void or self-closing; an end tag closes the elements down to the one it
/// names, if that one is open. The end tags HTML leaves out most (`</p>`,
/// `</li>`, `</td>`, `</tr>`, `</option>`, `</dt>`, `</dd>`) are implied as
/// the parser implies them. It is an estimate of the parser's work, not its
/// tree: [`PageCost::of`] measures the tree.
pub fn tag_depths(html: &str) -> PageCost {
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(Tags::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.cost.take()
}

/// The tokenizer's sink: the open elements, how many of each name are open,
/// and the cost so far.
#[derive(Default)]
struct Tags {
    stack: RefCell<Vec<LocalName>>,
    open: RefCell<HashMap<LocalName, u32>>,
    cost: RefCell<PageCost>,
}

impl Tags {
    fn top_is(&self, names: &[LocalName]) -> bool {
        self.stack
            .borrow()
            .last()
            .is_some_and(|t| names.contains(t))
    }

    fn pop(&self) {
        if let Some(name) = self.stack.borrow_mut().pop()
            && let Some(n) = self.open.borrow_mut().get_mut(&name)
        {
            *n -= 1;
        }
    }

    fn start(&self, name: &LocalName) {
        let p = [local_name!("p")];
        let cells = [local_name!("td"), local_name!("th")];
        let terms = [local_name!("dt"), local_name!("dd")];
        // The end tags a start tag implies.
        if closes_p(name) && self.top_is(&p) {
            self.pop();
        }
        match *name {
            local_name!("li") if self.top_is(&[local_name!("li")]) => self.pop(),
            local_name!("dt") | local_name!("dd") if self.top_is(&terms) => self.pop(),
            local_name!("td") | local_name!("th") if self.top_is(&cells) => self.pop(),
            local_name!("option") if self.top_is(&[local_name!("option")]) => self.pop(),
            local_name!("tr") => {
                while self.top_is(&cells) {
                    self.pop();
                }
                if self.top_is(&[local_name!("tr")]) {
                    self.pop();
                }
            }
            _ => {}
        }
        let mut stack = self.stack.borrow_mut();
        stack.push(name.clone());
        *self.open.borrow_mut().entry(name.clone()).or_default() += 1;
        self.cost.borrow_mut().add_element(stack.len() as u64);
    }

    fn end(&self, name: &LocalName) {
        if self.open.borrow().get(name).is_some_and(|&n| n > 0) {
            loop {
                let top = self.stack.borrow().last().cloned();
                self.pop();
                if top.as_ref() == Some(name) {
                    break;
                }
            }
        }
    }
}

impl TokenSink for Tags {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind == TagKind::EndTag {
            self.end(&tag.name);
            return TokenSinkResult::Continue;
        }
        if tag.self_closing || void(&tag.name) {
            let depth = self.stack.borrow().len() as u64 + 1;
            self.cost.borrow_mut().add_element(depth);
            return TokenSinkResult::Continue;
        }
        self.start(&tag.name);
        // The elements whose text the parser reads as text, not tags.
        match tag.name {
            local_name!("title") | local_name!("textarea") => {
                TokenSinkResult::RawData(RawKind::Rcdata)
            }
            local_name!("style")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript") => TokenSinkResult::RawData(RawKind::Rawtext),
            local_name!("script") => TokenSinkResult::RawData(RawKind::ScriptData),
            local_name!("plaintext") => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Elements that have no end tag.
fn void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("param")
            | local_name!("keygen")
    )
}

/// Start tags that close an open `<p>`.
fn closes_p(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("div")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("dl")
            | local_name!("li")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("table")
            | local_name!("blockquote")
            | local_name!("pre")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("section")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("header")
            | local_name!("footer")
            | local_name!("nav")
            | local_name!("main")
            | local_name!("figure")
            | local_name!("form")
            | local_name!("hr")
    )
}

#[cfg(test)]
mod tests {
    use super::{PageCost, escape_cost, tag_depths};

    #[test]
    fn escape_cost_counts_each_search_to_the_next_angle_bracket() {
        assert_eq!(escape_cost(b"plain text", false), 0);
        // From the `&` at 1 to the end (4): 3; from the `&` at 2: 2.
        assert_eq!(escape_cost(b"a&&b", false), 5);
        // The `<` at 3 stops the search from 1; the `&` at 5 runs to the end (7).
        assert_eq!(escape_cost(b"a&b<c&d", false), 2 + 2);
        // In an attribute a `"` stops it too; in text it does not.
        assert_eq!(escape_cost(b"&\"xx", true), 1);
        assert_eq!(escape_cost(b"&\"xx", false), 4);
        // A non-breaking space (C2 A0) is searched from.
        assert_eq!(escape_cost("x\u{a0}y".as_bytes(), false), 3);
        // n ampersands cost n(n+1)/2.
        assert_eq!(escape_cost("&".repeat(100).as_bytes(), false), 5050);
    }

    #[test]
    fn tag_depths_follow_the_open_elements() {
        // html 1, body 2, div 3, p 4, br 5 (void), then p 4 again.
        let page = "<html><body><div><p>a<br>b</p><p>c</p></div></body></html>";
        let cost = tag_depths(page);
        assert_eq!(
            (cost.elements, cost.depths, cost.deepest),
            (6, 1 + 2 + 3 + 4 + 5 + 4, 5)
        );
        // Unclosed paragraphs and list items close one another, as in HTML.
        let cost = tag_depths("<p>a<p>b<p>c<ul><li>x<li>y<li>z</ul>");
        assert_eq!(cost.deepest, 2);
        // An end tag of an element not open is ignored; one that is closes
        // what is open inside it.
        let cost = tag_depths("</b><div><span><i>x</div><div>y</div>");
        assert_eq!((cost.elements, cost.deepest), (4, 3));
        // Tags inside a script are its text.
        let cost = tag_depths("<script>if (a<b) { '<div><div><div>' }</script><div></div>");
        assert_eq!((cost.elements, cost.deepest), (2, 1));
    }

    #[test]
    fn nested_pages_cost_the_square_of_their_depth() {
        let n = 2000u64;
        let page = format!(
            "{}x{}",
            "<div>".repeat(n as usize),
            "</div>".repeat(n as usize)
        );
        let from_tags = tag_depths(&page);
        assert_eq!(from_tags.depths, n * (n + 1) / 2);
        assert_eq!(from_tags.deepest, n);
        let doc = dom_query::Document::from(page.as_str());
        let parsed = PageCost::of(&doc);
        // html, head, body, then the divs below body.
        assert_eq!(parsed.elements, n + 3);
        assert_eq!(parsed.deepest, n + 2);
        assert_eq!(parsed.depths, 1 + 2 + 2 + (3..n + 3).sum::<u64>());
        // Over the bound for a page this size, not for a page of 2 MB.
        assert!(parsed.refusal(page.len()).is_some());
        assert!(parsed.refusal(2 << 20).is_none());
    }

    #[test]
    fn escapes_are_counted_in_text_and_attributes_not_scripts() {
        let doc =
            dom_query::Document::from("<p title=\"a&&b\">x&y</p><script>var a = b && c;</script>");
        let cost = PageCost::of(&doc);
        // title: 3 + 2 bytes; text: 2 (the `&` at 1, to the end at 3).
        assert_eq!(cost.escapes, 5 + 2);
    }
}
