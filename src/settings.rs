//! `claimtrail.toml`: the newsroom's settings. Owns reading the file strictly
//! (`corpus` finds it) and the policy it sets: a level per diagnostic code,
//! like clippy's `[lints]`.

use crate::diag::{Code, Diagnostic, Level, Severity, make};
use crate::lines::LineIndex;
use crate::load;
use crate::score::Weights;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSettings {
    max_file_size: Option<Spanned<u64>>,
    #[serde(default)]
    lints: BTreeMap<Spanned<String>, Spanned<String>>,
    scoring: Option<crate::score::RawWeights>,
}

/// What the settings mean.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Where they came from, if from a file.
    pub file: Option<PathBuf>,
    pub max_file_size: Option<u64>,
    pub policy: Policy,
    pub weights: Weights,
}

/// The level of each code, after `[lints]` and `--deny warnings`.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    levels: HashMap<Code, Level, foldhash::fast::RandomState>,
    pub deny_warnings: bool,
}

impl Policy {
    pub fn level(&self, code: Code) -> Level {
        if !code.configurable() {
            return Level::Deny;
        }
        let level = self
            .levels
            .get(&code)
            .copied()
            .unwrap_or(code.default_level());
        if self.deny_warnings && level == Level::Warn {
            Level::Deny
        } else {
            level
        }
    }

    pub fn set(&mut self, code: Code, level: Level) {
        self.levels.insert(code, level);
    }

    /// Drop allowed findings and set each remaining one's severity, in place
    /// (the diagnostics kept are not moved): severities are set in parallel,
    /// then the allowed ones are taken out.
    pub fn apply_in_place(&self, diagnostics: &mut Vec<Diagnostic>) {
        use rayon::prelude::*;
        diagnostics
            .par_iter_mut()
            .for_each(|d| d.severity = self.severity(d.code));
        diagnostics.retain(|d| self.level(d.code) != Level::Allow);
    }

    /// How severe a finding of `code` is (one the policy allows is not shown).
    pub fn severity(&self, code: Code) -> Severity {
        match self.level(code) {
            Level::Deny => Severity::Error,
            Level::Warn | Level::Allow => Severity::Warning,
        }
    }
}

/// Read settings, collecting every problem in the file.
pub fn read(path: &Path) -> Result<(Settings, Vec<Diagnostic>), std::io::Error> {
    let text = String::from_utf8(crate::load::read_regular(path, true)?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    Ok(parse(
        &text,
        &path.display().to_string(),
        Some(path.to_path_buf()),
    ))
}

pub fn parse(text: &str, file: &str, origin: Option<PathBuf>) -> (Settings, Vec<Diagnostic>) {
    let src = LineIndex::new(text);
    let mut diagnostics = Vec::new();
    let mut settings = Settings {
        file: origin,
        ..Settings::default()
    };
    // Parse, then take the shape, so each problem gets its own code: invalid
    // TOML is `syntax`; an unknown key or a value of the wrong type is
    // labelled as in article files.
    let parsed = match toml::de::Deserializer::parse(text) {
        Ok(de) => RawSettings::deserialize(de).map_err(|e| load::toml_error(&e, &src, file, false)),
        Err(e) => Err(load::toml_error(&e, &src, file, true)),
    };
    let raw = match parsed {
        Ok(r) => r,
        Err(d) => {
            diagnostics.push(d);
            return (settings, diagnostics);
        }
    };
    settings.max_file_size = raw.max_file_size.map(Spanned::into_inner);
    for (name, level) in raw.lints {
        let code = match Code::parse(name.get_ref()) {
            Some(c) if c.configurable() => c,
            Some(_) => {
                diagnostics.push(
                    make::unknown_lint(name.get_ref(), make::UnknownLintReason::HardError)
                        .at(file, Some(src.snippet(name.span()))),
                );
                continue;
            }
            None => {
                diagnostics.push(
                    make::unknown_lint(name.get_ref(), make::UnknownLintReason::NoSuchCode)
                        .at(file, Some(src.snippet(name.span()))),
                );
                continue;
            }
        };
        match Level::parse(level.get_ref()) {
            Some(l) => settings.policy.set(code, l),
            None => diagnostics.push(
                make::invalid_value("level", level.get_ref(), &Level::NAMES)
                    .at(file, Some(src.snippet(level.span()))),
            ),
        }
    }
    if let Some(weights) = raw.scoring {
        settings.weights = weights.resolve(&src, file, &mut diagnostics);
    }
    (settings, diagnostics)
}
