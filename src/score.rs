//! The sourcing score: per-claim points by attribution class and quality, the
//! adjustments, and the weights behind them, kept in one place. Defaults follow
//! the newsroom rules the README cites; `[scoring]` in `claimtrail.toml`
//! overrides any of them.

use crate::diag::{Code, Diagnostic, make};
use crate::lines::LineIndex;
use crate::model::{Article, Claim, Class, Outlets};
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// Every number the score uses. Points are on a 0 to 100 scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Weights {
    /// A named speaker, on the record.
    pub named: f64,
    /// An anonymous speaker the article both describes and explains.
    pub anonymous_described_and_explained: f64,
    /// An anonymous speaker with a description or a reason, not both.
    pub anonymous_partial: f64,
    /// An anonymous speaker with neither.
    pub anonymous_bare: f64,
    /// Credited to another outlet's reporting, no speaker.
    pub outlet: f64,
    /// The article's own voice.
    pub unattributed: f64,
    /// Subtracted for each hop of the shortest route.
    pub per_hop: f64,
    /// Subtracted when every route runs through state-owned outlets.
    pub state_only_route: f64,
    /// Subtracted when the article hedges the claim.
    pub hedge: f64,
    /// Subtracted from an attributed claim with no `said` date.
    pub undated: f64,
    /// How much a key claim counts against an ordinary one.
    pub key_weight: f64,
    /// Subtracted where an earlier article hedged the claim and this one
    /// states it flatly: more than keeping the hedge costs.
    pub hedge_dropped: f64,
    /// Subtracted where an earlier article attributed the claim and this one
    /// gives neither source nor route.
    pub attribution_dropped: f64,
    /// Subtracted where the claim came from another outlet's reporting and
    /// this article credits no outlet at all.
    pub relay_uncredited: f64,
    /// Subtracted where an earlier article named the speaker and this one
    /// makes them anonymous.
    pub anonymized: f64,
    /// Subtracted where the claim came through state media's reporting and
    /// this article does not show it.
    pub state_origin_hidden: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            named: 100.0,
            anonymous_described_and_explained: 60.0,
            anonymous_partial: 45.0,
            anonymous_bare: 30.0,
            outlet: 45.0,
            unattributed: 20.0,
            per_hop: 5.0,
            state_only_route: 15.0,
            hedge: 10.0,
            undated: 5.0,
            key_weight: 2.0,
            hedge_dropped: 15.0,
            attribution_dropped: 15.0,
            relay_uncredited: 10.0,
            anonymized: 10.0,
            state_origin_hidden: 15.0,
        }
    }
}

/// `[scoring]` as written: any subset of the weights.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawWeights {
    named: Option<Spanned<f64>>,
    anonymous_described_and_explained: Option<Spanned<f64>>,
    anonymous_partial: Option<Spanned<f64>>,
    anonymous_bare: Option<Spanned<f64>>,
    outlet: Option<Spanned<f64>>,
    unattributed: Option<Spanned<f64>>,
    per_hop: Option<Spanned<f64>>,
    state_only_route: Option<Spanned<f64>>,
    hedge: Option<Spanned<f64>>,
    undated: Option<Spanned<f64>>,
    key_weight: Option<Spanned<f64>>,
    hedge_dropped: Option<Spanned<f64>>,
    attribution_dropped: Option<Spanned<f64>>,
    relay_uncredited: Option<Spanned<f64>>,
    anonymized: Option<Spanned<f64>>,
    state_origin_hidden: Option<Spanned<f64>>,
}

impl RawWeights {
    /// Apply the overrides to the defaults; values outside 0 to 100 (key
    /// weight: 0 to 10) are diagnostics and keep the default.
    pub fn resolve(self, src: &LineIndex, file: &str, diags: &mut Vec<Diagnostic>) -> Weights {
        let mut w = Weights::default();
        let mut set = |slot: &mut f64, value: Option<Spanned<f64>>, name: &str, max: f64| {
            if let Some(v) = value {
                let x = *v.get_ref();
                if x.is_finite() && (0.0..=max).contains(&x) {
                    *slot = x;
                } else {
                    diags.push(
                        make::out_of_range(
                            &format!("`{name}` must be a number from 0 to {max}"),
                            format!("e.g. {name} = {}", *slot),
                        )
                        .at(file, Some(src.snippet(v.span()))),
                    );
                }
            }
        };
        set(&mut w.named, self.named, "named", 100.0);
        set(
            &mut w.anonymous_described_and_explained,
            self.anonymous_described_and_explained,
            "anonymous-described-and-explained",
            100.0,
        );
        set(
            &mut w.anonymous_partial,
            self.anonymous_partial,
            "anonymous-partial",
            100.0,
        );
        set(
            &mut w.anonymous_bare,
            self.anonymous_bare,
            "anonymous-bare",
            100.0,
        );
        set(&mut w.outlet, self.outlet, "outlet", 100.0);
        set(
            &mut w.unattributed,
            self.unattributed,
            "unattributed",
            100.0,
        );
        set(&mut w.per_hop, self.per_hop, "per-hop", 100.0);
        set(
            &mut w.state_only_route,
            self.state_only_route,
            "state-only-route",
            100.0,
        );
        set(&mut w.hedge, self.hedge, "hedge", 100.0);
        set(&mut w.undated, self.undated, "undated", 100.0);
        set(&mut w.key_weight, self.key_weight, "key-weight", 10.0);
        set(
            &mut w.hedge_dropped,
            self.hedge_dropped,
            "hedge-dropped",
            100.0,
        );
        set(
            &mut w.attribution_dropped,
            self.attribution_dropped,
            "attribution-dropped",
            100.0,
        );
        set(
            &mut w.relay_uncredited,
            self.relay_uncredited,
            "relay-uncredited",
            100.0,
        );
        set(&mut w.anonymized, self.anonymized, "anonymized", 100.0);
        set(
            &mut w.state_origin_hidden,
            self.state_origin_hidden,
            "state-origin-hidden",
            100.0,
        );
        w
    }
}

impl Weights {
    /// What a drift finding of `code` at an appearance costs it; 0 for the
    /// codes that are not scored (`named-later`, `said-date-conflict`).
    pub fn drift_cost(&self, code: Code) -> f64 {
        match code {
            Code::HedgeDropped => self.hedge_dropped,
            Code::AttributionDropped => self.attribution_dropped,
            Code::RelayUncredited => self.relay_uncredited,
            Code::Anonymized => self.anonymized,
            Code::StateOriginHidden => self.state_origin_hidden,
            _ => 0.0,
        }
    }
}

/// One line of a claim's explanation: what counted, and for how much.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub what: String,
    pub points: f64,
}

/// A claim's score and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimScore {
    pub class: Class,
    /// 0 to 100; `None` for background.
    pub points: Option<f64>,
    /// How much the claim counts in the article's mean (0 for background).
    pub weight: f64,
    pub reasons: Vec<Reason>,
}

/// A claim's score, with the reasons for its points.
pub fn score_claim(article: &Article, claim: &Claim, outlets: &Outlets, w: &Weights) -> ClaimScore {
    let mut reasons = Vec::new();
    let (class, points, weight) = score(article, claim, outlets, w, Some(&mut reasons));
    ClaimScore {
        class,
        points,
        weight,
        reasons,
    }
}

/// A claim's class, points (`None` for background) and weight. The reasons
/// are written only when asked for: a report of a large corpus needs the
/// numbers alone, and building each reason's text would cost more than the
/// arithmetic.
pub fn score(
    article: &Article,
    claim: &Claim,
    outlets: &Outlets,
    w: &Weights,
    mut reasons: Option<&mut Vec<Reason>>,
) -> (Class, Option<f64>, f64) {
    let class = article.class_of(claim);
    let mut note = |what: &dyn Fn() -> String, points: f64| {
        if let Some(r) = reasons.as_deref_mut() {
            r.push(Reason {
                what: what(),
                points,
            });
        }
    };
    let base = match class {
        Class::Background => {
            note(&|| "background: context, not scored".into(), 0.0);
            return (class, None, 0.0);
        }
        Class::Named => {
            note(&|| "named source, on the record".into(), w.named);
            w.named
        }
        Class::Anonymous => {
            let src = article.source_of(claim);
            let described = src.is_some_and(|s| s.description.is_some());
            // A reason that only states the condition ("spoke on condition
            // of anonymity") does not say why anonymity was granted.
            let explained = src.is_some_and(|s| crate::anonymity::explains(s.reason.as_deref()));
            let condition_only = !explained && src.is_some_and(|s| s.reason.is_some());
            let (points, what) = match (described, explained) {
                (true, false) if condition_only => (
                    w.anonymous_partial,
                    "anonymous source, described; the reason given only states the condition of anonymity",
                ),
                (false, false) if condition_only => (
                    w.anonymous_bare,
                    "anonymous source, not described; the reason given only states the condition of anonymity",
                ),
                (true, true) => (
                    w.anonymous_described_and_explained,
                    "anonymous source, described, reason given",
                ),
                (true, false) => (
                    w.anonymous_partial,
                    "anonymous source, described, no reason given",
                ),
                (false, true) => (
                    w.anonymous_partial,
                    "anonymous source, reason given, not described",
                ),
                (false, false) => (
                    w.anonymous_bare,
                    "anonymous source, neither described nor explained",
                ),
            };
            note(&|| what.into(), points);
            points
        }
        Class::Outlet => {
            note(
                &|| "credited to another outlet, no speaker".into(),
                w.outlet,
            );
            w.outlet
        }
        Class::Unattributed => {
            note(
                &|| "unattributed: the article's own voice".into(),
                w.unattributed,
            );
            w.unattributed
        }
    };
    let mut points = base;
    let hops = claim.routes.iter().map(|r| r.hops.len()).min().unwrap_or(0);
    if hops > 0 && w.per_hop != 0.0 {
        let amount = w.per_hop * hops as f64;
        points -= amount;
        note(
            &|| {
                let plural = if hops == 1 { "" } else { "s" };
                format!("relayed: {hops} hop{plural} on its shortest route")
            },
            -amount,
        );
    }
    if w.state_only_route != 0.0 && claim.state_reliant(outlets) {
        points -= w.state_only_route;
        note(
            &|| "every route runs through state-owned media".into(),
            -w.state_only_route,
        );
    }
    if let Some(h) = &claim.hedge
        && w.hedge != 0.0
    {
        points -= w.hedge;
        note(&|| format!("hedged: \"{h}\""), -w.hedge);
    }
    if claim.said.is_none() && matches!(class, Class::Named | Class::Anonymous) && w.undated != 0.0
    {
        points -= w.undated;
        note(&|| "no date for when it was said".into(), -w.undated);
    }
    // Crediting another outlet never scores below saying the same thing in
    // the article's own voice: the credit tells the reader where to look.
    if class == Class::Outlet {
        let hedge = if claim.hedge.is_some() { w.hedge } else { 0.0 };
        let unattributed = w.unattributed - hedge;
        if points < unattributed {
            note(
                &|| "credit to an outlet: never below the same claim unattributed".into(),
                unattributed - points,
            );
            points = unattributed;
        }
    }
    let weight = if claim.key { w.key_weight } else { 1.0 };
    if claim.key {
        note(&|| format!("key claim: counts {}x", w.key_weight), 0.0);
    }
    (class, Some(points.clamp(0.0, 100.0)), weight)
}

/// Accumulates weighted points into a mean.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mean {
    pub sum: f64,
    pub weight: f64,
}

impl Mean {
    pub fn add(&mut self, points: Option<f64>, weight: f64) {
        if let Some(p) = points {
            self.sum += p * weight;
            self.weight += weight;
        }
    }

    pub fn merge(&mut self, other: Mean) {
        self.sum += other.sum;
        self.weight += other.weight;
    }

    /// The weighted mean, rounded to one decimal; `None` with nothing scored.
    pub fn score(&self) -> Option<f64> {
        (self.weight > 0.0).then(|| (self.sum / self.weight * 10.0).round() / 10.0)
    }
}

/// Grade bands: A from 85, B from 70, C from 55, D from 40, F below.
pub fn grade(score: Option<f64>) -> &'static str {
    match score {
        None => "-",
        Some(s) if s >= 85.0 => "A",
        Some(s) if s >= 70.0 => "B",
        Some(s) if s >= 55.0 => "C",
        Some(s) if s >= 40.0 => "D",
        Some(_) => "F",
    }
}

#[cfg(test)]
mod tests {
    use super::{Weights, score_claim};
    use crate::load::article_from_text;
    use crate::model::{Outlet, Outlets, Ownership};

    fn outlets() -> Outlets {
        let mut o = Outlets {
            checked: true,
            ..Outlets::default()
        };
        for (id, ownership) in [
            ("paper", Ownership::Private),
            ("tass", Ownership::State),
            ("sputnik", Ownership::State),
            ("rt", Ownership::State),
        ] {
            o.by_id.insert(
                id.to_string(),
                Outlet {
                    id: id.to_string(),
                    name: id.to_string(),
                    kind: None,
                    country: None,
                    ownership: Some(ownership),
                    url: None,
                    aliases: Vec::new(),
                },
            );
        }
        o
    }

    /// The points of the only claim of an article whose claim table is `claim`.
    fn points(claim: &str) -> (f64, Vec<(String, f64)>) {
        let text = format!(
            "[article]\ntitle = \"t\"\noutlet = \"paper\"\npublished = 2019-03-01\n\n[[claims]]\nid = \"c\"\ntext = \"t\"\n{claim}"
        );
        let outlets = outlets();
        let (article, diags) = article_from_text(&text, "a.toml", "a", &outlets);
        assert!(diags.is_empty(), "{diags:?}");
        let article = article.unwrap();
        let s = score_claim(&article, &article.claims[0], &outlets, &Weights::default());
        let reasons = s.reasons.into_iter().map(|r| (r.what, r.points)).collect();
        (s.points.unwrap(), reasons)
    }

    #[test]
    fn credit_to_state_media_scores_above_the_same_claim_unattributed() {
        // Unattributed: 20. Credited to Sputnik: outlet 45, one hop -5,
        // state-only -15 = 25 (no undated deduction without a speaker).
        assert_eq!(points("").0, 20.0);
        assert_eq!(points("via = [\"sputnik\"]").0, 25.0);
        // Hedged, both lose 10: 10 and 15.
        assert_eq!(points("hedge = \"reportedly\"").0, 10.0);
        assert_eq!(
            points("via = [\"sputnik\"]\nhedge = \"reportedly\"").0,
            15.0
        );
    }

    #[test]
    fn a_long_state_chain_is_held_at_the_unattributed_floor() {
        // 45, three hops -15, state-only -15, hedged -10 = 5, below the same
        // claim unattributed and hedged (20 - 10 = 10): raised to 10, and
        // the reason says so.
        let (p, reasons) =
            points("via = [[\"tass\", \"sputnik\", \"rt\"]]\nhedge = \"reportedly\"");
        assert_eq!(p, 10.0);
        assert_eq!(
            reasons.last().unwrap(),
            &(
                "credit to an outlet: never below the same claim unattributed".to_string(),
                5.0
            )
        );
    }
}
