//! `agree`'s human output: the figures, then every disagreement on its own
//! line, then the claims and sources only one side has.

use super::Agreement;
use super::stats::{FieldAgreement, Prf};
use std::io::{self, Write};

fn fig(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{v:.2}"))
}

fn prf_line(out: &mut dyn Write, what: &str, p: &Prf) -> io::Result<()> {
    writeln!(
        out,
        "{what:<8} A {:>3}  B {:>3}  both {:>3}  precision {:>4}  recall {:>4}  F1 {:>4}",
        p.a,
        p.b,
        p.matched,
        fig(p.precision),
        fig(p.recall),
        fig(p.f1)
    )
}

fn field(f: &FieldAgreement) -> String {
    let mut s = format!("{}/{} ({})", f.agree, f.pairs, fig(f.rate));
    if let Some(k) = f.kappa {
        s.push_str(&format!(", kappa {k:.2}"));
    }
    s
}

pub fn write(out: &mut dyn Write, g: &Agreement) -> io::Result<()> {
    writeln!(out, "A: {}", g.a)?;
    writeln!(out, "B: {}", g.b)?;
    prf_line(out, "claims", &g.claims)?;
    prf_line(out, "sources", &g.sources)?;
    prf_line(out, "routes", &g.routes)?;
    prf_line(out, "hedges", &g.hedges)?;
    let f = &g.fields;
    writeln!(out, "paired claims agree on:")?;
    for (name, v) in [
        ("class", &f.class),
        ("speaker", &f.speaker),
        ("route", &f.route),
        ("hedge", &f.hedge),
        ("said", &f.said),
        ("kind", &f.kind),
    ] {
        writeln!(out, "  {name:<8} {}", field(v))?;
    }
    let mut any = false;
    for p in &g.pairs {
        for d in &p.differences {
            if !any {
                writeln!(out, "disagreements (A | B):")?;
                any = true;
            }
            let ids = if p.a == p.b {
                p.a.clone()
            } else {
                format!("{} ~ {}", p.a, p.b)
            };
            writeln!(out, "  {ids}: {}: {} | {}", d.field, d.a, d.b)?;
        }
    }
    if !any {
        writeln!(out, "no disagreements on paired claims")?;
    }
    for (label, list) in [
        ("claims only in A", &g.only_a),
        ("claims only in B", &g.only_b),
        ("sources only in A", &g.sources_only_a),
        ("sources only in B", &g.sources_only_b),
    ] {
        if !list.is_empty() {
            writeln!(out, "{label}: {}", list.join(", "))?;
        }
    }
    Ok(())
}
