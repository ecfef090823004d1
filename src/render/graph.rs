//! A trail as a propagation graph: speaker, then outlets, then articles, with
//! drift drawn as dashed edges from the earlier appearance to the later one.
//! Written for Graphviz (DOT) and for Mermaid.

use crate::model::Outlets;
use crate::trail::Trail;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum NodeKind {
    Speaker,
    Outlet,
    Article,
}

/// Nodes and edges, built once and written in either syntax.
struct Graph {
    /// Key to (id, kind, label).
    nodes: BTreeMap<String, (usize, NodeKind, String)>,
    /// (from, to, label, is_drift)
    edges: Vec<(usize, usize, String, bool)>,
}

impl Graph {
    fn node(&mut self, key: String, kind: NodeKind, label: String) -> usize {
        let next = self.nodes.len();
        self.nodes.entry(key).or_insert((next, kind, label)).0
    }

    fn edge(&mut self, from: usize, to: usize, label: String, drift: bool) {
        let e = (from, to, label, drift);
        if !self.edges.contains(&e) {
            self.edges.push(e);
        }
    }
}

fn build(t: &Trail, outlets: &Outlets) -> Graph {
    let mut g = Graph {
        nodes: BTreeMap::new(),
        edges: Vec::new(),
    };
    let mut article_nodes = Vec::new();
    for a in &t.appearances {
        let date = a
            .published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        let art = g.node(
            format!("a:{}", a.article),
            NodeKind::Article,
            format!("{} ({}, {})", a.article, outlets.name(&a.outlet), date),
        );
        article_nodes.push(art);
        let speaker = a.source.as_ref().map(|s| {
            // Anonymous speakers are the article's own; named ones are shared.
            let key = if a.class == crate::model::Class::Anonymous {
                format!("s:{}#{}", a.article, s)
            } else {
                format!("s:{s}")
            };
            g.node(key, NodeKind::Speaker, s.to_string())
        });
        if a.route.is_empty()
            && let Some(s) = speaker
        {
            g.edge(s, art, String::new(), false);
        }
        for route in a.route.iter() {
            let mut prev = speaker;
            for hop in route.iter() {
                let o = g.node(
                    format!("o:{hop}"),
                    NodeKind::Outlet,
                    outlets.name(hop).to_string(),
                );
                if let Some(p) = prev {
                    g.edge(p, o, String::new(), false);
                }
                prev = Some(o);
            }
            if let Some(p) = prev {
                g.edge(p, art, String::new(), false);
            }
        }
    }
    for f in &t.findings {
        g.edge(
            article_nodes[f.earlier],
            article_nodes[f.at],
            f.code.as_str().to_string(),
            true,
        );
    }
    g
}

fn sorted_nodes(g: &Graph) -> Vec<(usize, NodeKind, &str)> {
    let mut nodes: Vec<(usize, NodeKind, &str)> = g
        .nodes
        .values()
        .map(|(id, kind, label)| (*id, *kind, label.as_str()))
        .collect();
    nodes.sort();
    nodes
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
    for (id, kind, label) in sorted_nodes(&g) {
        let shape = match kind {
            NodeKind::Speaker => "shape=ellipse",
            NodeKind::Outlet => "shape=box, style=rounded",
            NodeKind::Article => "shape=note",
        };
        writeln!(out, "  n{id} [label=\"{}\", {shape}];", dot_escape(label))?;
    }
    for (from, to, label, drift) in &g.edges {
        if *drift {
            writeln!(
                out,
                "  n{from} -> n{to} [label=\"{}\", style=dashed, color=\"#d55e00\", fontcolor=\"#d55e00\"];",
                dot_escape(label)
            )?;
        } else {
            writeln!(out, "  n{from} -> n{to};")?;
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
    for (id, kind, label) in sorted_nodes(&g) {
        let label = mermaid_escape(label);
        match kind {
            NodeKind::Speaker => writeln!(out, "  n{id}([\"{label}\"])")?,
            NodeKind::Outlet => writeln!(out, "  n{id}[\"{label}\"]")?,
            NodeKind::Article => writeln!(out, "  n{id}[/\"{label}\"/]")?,
        }
    }
    for (from, to, label, drift) in &g.edges {
        if *drift {
            writeln!(out, "  n{from} -. \"{}\" .-> n{to}", mermaid_escape(label))?;
        } else {
            writeln!(out, "  n{from} --> n{to}")?;
        }
    }
    Ok(())
}
