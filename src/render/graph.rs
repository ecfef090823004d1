//! A trail as a propagation graph, written for Graphviz (DOT) and for
//! Mermaid: each root's speaker, then the outlets of each route, then the
//! article's own outlet, then the article; drift as dashed edges from the
//! earlier appearance to the later one.
//!
//! Speakers are the trail's roots ([`Root`], from the one definition in
//! `trail`): a named speaker is one node however many outlets relay them, and
//! an unnamed speaker is one node per outlet the trail traces them to, so
//! three articles reporting "a U.S. official" through Reuters draw one
//! speaker, not three. An appearance with no speaker starts at its root
//! outlet.

use crate::diag::Code;
use crate::model::Outlets;
use crate::trail::{Appearance, Root, Trail};
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NodeKind {
    Speaker,
    Outlet,
    Article,
}

/// What makes two nodes one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// The speaker at a root: a named speaker, or the unnamed source of an
    /// outlet.
    Speaker(Root),
    Outlet(Arc<str>),
    Article(Arc<str>),
}

/// How many other descriptions of an unnamed speaker its label lists.
const MORE_DESCRIPTIONS: usize = 3;

struct Node {
    kind: NodeKind,
    /// The label's lines.
    lines: Vec<String>,
    /// Descriptions of an unnamed speaker beyond those listed.
    more: usize,
}

/// An edge: from, to, and the drift code of a dashed one.
type Edge = (usize, usize, Option<Code>);

/// Nodes and edges in the order they were first met, each once; built once
/// and written in either syntax.
#[derive(Default)]
struct Graph {
    nodes: Vec<Node>,
    index: HashMap<Key, usize>,
    edges: Vec<Edge>,
    seen_edges: HashSet<Edge>,
    /// (speaker node, description) pairs already in a label.
    seen_descriptions: HashSet<(usize, Arc<str>)>,
}

impl Graph {
    fn node(&mut self, key: Key, kind: NodeKind, label: impl FnOnce() -> Vec<String>) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.nodes.len();
        self.nodes.push(Node {
            kind,
            lines: label(),
            more: 0,
        });
        self.index.insert(key, i);
        i
    }

    fn edge(&mut self, from: usize, to: usize, drift: Option<Code>) {
        let e = (from, to, drift);
        if self.seen_edges.insert(e) {
            self.edges.push(e);
        }
    }

    /// Another description of an unnamed speaker, listed once.
    fn describe(&mut self, node: usize, description: &Arc<str>) {
        if !self.seen_descriptions.insert((node, description.clone())) {
            return;
        }
        let n = &mut self.nodes[node];
        if n.lines.is_empty() {
            n.lines.push(description.to_string());
        } else if n.lines.len() <= MORE_DESCRIPTIONS {
            let short = description
                .strip_prefix("anonymous: ")
                .unwrap_or(description);
            n.lines.push(format!("also: {short}"));
        } else {
            n.more += 1;
        }
    }

    fn outlet(&mut self, id: &Arc<str>, outlets: &Outlets) -> usize {
        self.node(Key::Outlet(id.clone()), NodeKind::Outlet, || {
            vec![outlets.name(id).to_string()]
        })
    }

    /// The speaker node of a root, if the appearance has a speaker.
    fn speaker(&mut self, root: &Root, a: &Appearance) -> Option<usize> {
        let description = a.source.as_ref()?;
        match root {
            Root::Speaker(name) => {
                let label = || vec![name.to_string()];
                Some(self.node(Key::Speaker(root.clone()), NodeKind::Speaker, label))
            }
            Root::Outlet(_) => {
                let n = self.node(Key::Speaker(root.clone()), NodeKind::Speaker, Vec::new);
                self.describe(n, description);
                Some(n)
            }
        }
    }
}

fn build(t: &Trail, outlets: &Outlets) -> Graph {
    let mut g = Graph::default();
    let mut article_nodes = Vec::with_capacity(t.appearances.len());
    for a in &t.appearances {
        let date = a
            .published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        let art = g.node(Key::Article(a.article.clone()), NodeKind::Article, || {
            vec![
                a.article.to_string(),
                format!("{}, {date}", outlets.name(&a.outlet)),
            ]
        });
        article_nodes.push(art);
        // Every article hangs from its own outlet, whatever its routes.
        let own = g.outlet(&a.outlet, outlets);
        g.edge(own, art, None);
        // Each root, and the routes that go back to it: a named speaker's
        // are all of the appearance's routes; an outlet's are the routes it
        // begins, or none when it is the article's own first-hand outlet.
        for root in &a.roots {
            let speaker = g.speaker(root, a);
            let routes: Vec<&[Box<str>]> = a
                .route
                .iter()
                .map(|r| &r[..])
                .filter(|r| match root {
                    Root::Speaker(_) => true,
                    Root::Outlet(o) => r.first().is_some_and(|h| **h == **o),
                })
                .collect();
            let empty: [&[Box<str>]; 1] = [&[]];
            let routes = if routes.is_empty() {
                &empty[..]
            } else {
                &routes
            };
            for route in routes {
                let mut prev = speaker;
                for hop in route.iter() {
                    let o = g.outlet(&Arc::from(&**hop), outlets);
                    link(&mut g, prev, o);
                    prev = Some(o);
                }
                link(&mut g, prev, own);
            }
        }
    }
    for f in &t.findings {
        g.edge(article_nodes[f.earlier], article_nodes[f.at], Some(f.code));
    }
    g
}

/// An edge from `from`, if any, to `to`; none from a node to itself (a route
/// that ends at the article's own outlet).
fn link(g: &mut Graph, from: Option<usize>, to: usize) {
    if let Some(from) = from
        && from != to
    {
        g.edge(from, to, None);
    }
}

/// A node's label lines, with the count of descriptions left out.
fn label_lines(n: &Node) -> impl Iterator<Item = String> + '_ {
    let more = (n.more > 0).then(|| format!("and {} more", n.more));
    n.lines.iter().cloned().chain(more)
}

fn dot_escape(s: &str) -> String {
    super::escape::visible(s)
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

pub fn dot(out: &mut dyn Write, t: &Trail, outlets: &Outlets) -> io::Result<()> {
    let g = build(t, outlets);
    writeln!(out, "digraph \"{}\" {{", dot_escape(&t.id))?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(out, "  node [fontname=\"Helvetica\"];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\"];")?;
    for (id, n) in g.nodes.iter().enumerate() {
        let shape = match n.kind {
            NodeKind::Speaker => "shape=ellipse",
            NodeKind::Outlet => "shape=box, style=rounded",
            NodeKind::Article => "shape=note",
        };
        let label: Vec<String> = label_lines(n).map(|l| dot_escape(&l)).collect();
        writeln!(out, "  n{id} [label=\"{}\", {shape}];", label.join("\\n"))?;
    }
    for (from, to, drift) in &g.edges {
        match drift {
            // Drift edges do not rank the articles: the routes do.
            Some(code) => writeln!(
                out,
                "  n{from} -> n{to} [label=\"{}\", style=dashed, constraint=false, color=\"#d55e00\", fontcolor=\"#d55e00\"];",
                code.as_str()
            )?,
            None => writeln!(out, "  n{from} -> n{to};")?,
        }
    }
    writeln!(out, "}}")
}

/// Mermaid labels: quotes and markup characters as entity codes.
fn mermaid_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in super::escape::visible(s).chars() {
        match ch {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '\n' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

pub fn mermaid(out: &mut dyn Write, t: &Trail, outlets: &Outlets) -> io::Result<()> {
    let g = build(t, outlets);
    writeln!(out, "flowchart LR")?;
    for (id, n) in g.nodes.iter().enumerate() {
        let label: Vec<String> = label_lines(n).map(|l| mermaid_escape(&l)).collect();
        let label = label.join("<br>");
        match n.kind {
            NodeKind::Speaker => writeln!(out, "  n{id}([\"{label}\"])")?,
            NodeKind::Outlet => writeln!(out, "  n{id}[\"{label}\"]")?,
            NodeKind::Article => writeln!(out, "  n{id}[/\"{label}\"/]")?,
        }
    }
    for (from, to, drift) in &g.edges {
        match drift {
            Some(code) => writeln!(out, "  n{from} -. \"{}\" .-> n{to}", code.as_str())?,
            None => writeln!(out, "  n{from} --> n{to}")?,
        }
    }
    Ok(())
}
