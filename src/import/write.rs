//! Writing imported articles: each draft as an annotation file in the
//! documented key order, created with [`crate::atomic::create_new_all`] so an
//! existing file is never replaced, and the outlet registry the new corpus
//! needs when it has none.

use super::Imported;
use super::sheet::{Draft, Problem};
use crate::atomic;
use crate::options::ImportCsv;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::PathBuf;

/// A TOML basic string. JSON's string escapes are all valid in TOML.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// A bare key when it can be one, else a quoted key.
fn key(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        s.to_string()
    } else {
        q(s)
    }
}

/// The article file's text.
pub fn article_text(d: &Draft) -> String {
    let mut t = String::from("[article]\n");
    let _ = writeln!(t, "title = {}", q(&d.title));
    let _ = writeln!(t, "outlet = {}", q(&d.outlet));
    if let Some(u) = &d.url {
        let _ = writeln!(t, "url = {}", q(u));
    }
    if let Some(p) = d.published {
        let _ = writeln!(t, "published = {p}");
    }
    if let Some(l) = &d.language {
        let _ = writeln!(t, "language = {}", q(l));
    }
    match d.byline.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(t, "byline = {}", q(one));
        }
        many => {
            let list: Vec<String> = many.iter().map(|b| q(b)).collect();
            let _ = writeln!(t, "byline = [{}]", list.join(", "));
        }
    }
    for s in &d.sources {
        let _ = writeln!(t, "\n[sources.{}]", key(&s.id));
        if let Some(n) = &s.name {
            let _ = writeln!(t, "name = {}", q(n));
        }
        if s.anonymous {
            t.push_str("anonymous = true\n");
        }
        for (k, v) in [
            ("description", &s.description),
            ("reason", &s.reason),
            ("role", &s.role),
            ("affiliation", &s.affiliation),
            ("country", &s.country),
        ] {
            if let Some(v) = v {
                let _ = writeln!(t, "{k} = {}", q(v));
            }
        }
        if let Some(k) = s.kind {
            let _ = writeln!(t, "kind = {}", q(k.as_str()));
        }
    }
    for c in &d.claims {
        t.push_str("\n[[claims]]\n");
        let _ = writeln!(t, "id = {}", q(&c.id));
        let _ = writeln!(t, "text = {}", q(&c.text));
        if let Some(v) = &c.quote {
            let _ = writeln!(t, "quote = {}", q(v));
        }
        if let Some(v) = &c.source {
            let _ = writeln!(t, "source = {}", q(v));
        }
        if !c.routes.is_empty() {
            let routes: Vec<String> = c
                .routes
                .iter()
                .map(|r| match r.as_slice() {
                    [one] => q(one),
                    hops => format!(
                        "[{}]",
                        hops.iter().map(|h| q(h)).collect::<Vec<_>>().join(", ")
                    ),
                })
                .collect();
            let _ = writeln!(t, "via = [{}]", routes.join(", "));
        }
        if let Some(d) = c.said {
            let _ = writeln!(t, "said = {d}");
        }
        if let Some(v) = &c.hedge {
            let _ = writeln!(t, "hedge = {}", q(v));
        }
        if let Some(k) = c.kind {
            let _ = writeln!(t, "kind = {}", q(k.as_str()));
        }
        if c.key {
            t.push_str("key = true\n");
        }
    }
    t
}

/// Write every draft into `args.out`, and the registry if needed.
pub fn write(
    drafts: &[Draft],
    args: &ImportCsv,
    file: &str,
    done: &mut Imported,
) -> Result<(), String> {
    let dir = &args.out;
    fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the folder `{}`: {e}", dir.display()))?;
    registry(drafts, args)?;
    // Every article's text first, then all written together: flushed to
    // disk once.
    let texts: Vec<(PathBuf, String)> = drafts
        .iter()
        .map(|d| (dir.join(format!("{}.toml", d.id)), article_text(d)))
        .collect();
    let mut folders: Vec<io::Result<()>> = texts
        .iter()
        .map(|(path, _)| path.parent().map_or(Ok(()), fs::create_dir_all))
        .collect();
    let ready: Vec<(PathBuf, &[u8])> = texts
        .iter()
        .zip(&folders)
        .filter(|(_, made)| made.is_ok())
        .map(|((path, text), _)| (path.clone(), text.as_bytes()))
        .collect();
    let mut written = atomic::create_new_all(&ready).into_iter();
    for ((d, (path, _)), made) in drafts.iter().zip(&texts).zip(folders.iter_mut()) {
        let result = match std::mem::replace(made, Ok(())) {
            Ok(()) => written.next().expect("one result per file written"),
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => {
                done.articles += 1;
                done.claims += d.claims.len();
            }
            Err(e) => {
                let why = if e.kind() == io::ErrorKind::AlreadyExists {
                    "it exists and was left as it is".to_string()
                } else {
                    e.to_string()
                };
                done.problems.push(Problem {
                    file: file.to_string(),
                    line: d.line,
                    column: 1,
                    message: format!(
                        "article `{}` was not written to `{}`: {why}",
                        d.id,
                        path.display()
                    ),
                    warning: false,
                });
            }
        }
    }
    Ok(())
}

/// The new corpus's `outlets.toml`: the file given with `--outlets`, else,
/// when no registry serves the folder yet, one listing every outlet id the
/// sheet names (each named by its id, to be filled in).
fn registry(drafts: &[Draft], args: &ImportCsv) -> Result<(), String> {
    let target = args.out.join("outlets.toml");
    let text = match &args.outlets {
        Some(from) => {
            fs::read(from).map_err(|e| format!("cannot read `{}`: {e}", from.display()))?
        }
        None => {
            if crate::corpus::find_registry(&args.out).1.is_some() {
                return Ok(());
            }
            generated_registry(drafts).into_bytes()
        }
    };
    match crate::load::read_regular(&target, true) {
        Ok(old) if old == text => return Ok(()),
        Ok(_) => {
            return Err(format!(
                "`{}` exists and differs from the registry the import would write; it was left as it is",
                target.display()
            ));
        }
        Err(_) => {}
    }
    atomic::create_new(&target, &text)
        .map_err(|e| format!("cannot write `{}`: {e}", target.display()))
}

fn generated_registry(drafts: &[Draft]) -> String {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for d in drafts {
        ids.insert(&d.outlet);
        for c in &d.claims {
            for r in &c.routes {
                ids.extend(r.iter().map(String::as_str));
            }
        }
    }
    let mut t = String::from(
        "# Outlets named in the imported sheet; give each its name, kind and ownership.\n",
    );
    for id in ids {
        let _ = writeln!(t, "\n[{}]\nname = {}", key(id), q(id));
    }
    t
}
