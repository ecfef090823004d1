//! The outlet registry, `outlets.toml`: read, parsed and validated into
//! `Outlets`, with a diagnostic for every problem in it.

use super::FileCtx;
use super::read::read_text;
use super::shape;
use super::validate::{country, enum_value, nonempty};
use crate::corpus::display;
use crate::diag::{Diagnostic, make};
use crate::lines::LineIndex;
use crate::model::{Outlet, OutletKind, Outlets, Ownership};
use crate::raw;
use std::path::Path;
use toml::Spanned;

pub(crate) fn load_registry(path: &Path, max: u64, diagnostics: &mut Vec<Diagnostic>) -> Outlets {
    let file = display(path);
    let text = match read_text(path, max) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.push(d);
            return Outlets::default();
        }
    };
    let src = LineIndex::new(&text);
    let (parsed, found, taint) =
        match super::parse_shaped::<raw::OutletsFile>(&text, &src, &file, shape::check_outlets) {
            Ok(p) => p,
            Err(d) => {
                diagnostics.extend(d);
                return Outlets::default();
            }
        };
    let mut ctx = FileCtx::new(&file, src, &[], found, taint);
    let mut outlets = Outlets {
        checked: true,
        ..Outlets::default()
    };
    for (id, table) in parsed.outlets {
        if id.get_ref().trim().is_empty() {
            ctx.push_span(make::empty_value("outlet id"), id.span());
        }
        let t = table.into_inner();
        let outlet = Outlet {
            id: id.get_ref().clone(),
            name: nonempty(&mut ctx, "name", t.name),
            kind: t.kind.and_then(|k| {
                enum_value(&mut ctx, "kind", k, OutletKind::NAMES, OutletKind::parse)
            }),
            country: t.country.and_then(|c| country(&mut ctx, c)),
            ownership: t.ownership.and_then(|o| {
                enum_value(&mut ctx, "ownership", o, Ownership::NAMES, Ownership::parse)
            }),
            url: t.url.map(Spanned::into_inner),
            aliases: t
                .aliases
                .unwrap_or_default()
                .into_iter()
                .filter_map(|a| {
                    let alias = nonempty(&mut ctx, "aliases", a);
                    (!alias.is_empty()).then_some(alias)
                })
                .collect(),
        };
        outlets.by_id.insert(outlet.id.clone(), outlet);
    }
    diagnostics.extend(ctx.diagnostics);
    outlets
}
