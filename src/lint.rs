//! Sourcing standards as lints: rules newsrooms publish on anonymous sources and
//! attribution (AP, Reuters, NYT), checked per article on the model. Each lint
//! has a code in `diag`; its level is set by `[lints]` in `claimtrail.toml`.

use crate::diag::Code;
use crate::load::FileCtx;
use crate::model::{Article, ClaimKind, Class, Outlets};

/// Run every sourcing lint on one article, pushing findings into `ctx`.
pub fn check_article(article: &Article, outlets: &Outlets, ctx: &mut FileCtx) {
    if article.claims.is_empty() {
        ctx.lint(Code::ArticleWithoutClaims, article.pos, || {
            (
                "the article has no claims".to_string(),
                "annotate its claims in `[[claims]]` tables; until then it counts for nothing in the report",
            )
        });
    }
    for source in article.sources.iter().filter(|s| s.anonymous) {
        match source.reason.as_deref() {
            None => ctx.lint(Code::AnonymousWithoutReason, source.pos, || {
                (
                    format!("anonymous source `{}` has no stated reason for anonymity", source.id),
                    "AP and the NYT ask the story to say why the source was granted anonymity; add `reason = \"...\"` as the article gives it",
                )
            }),
            Some(reason) if crate::anonymity::only_states_condition(reason) => {
                ctx.lint(Code::AnonymousWithoutReason, source.pos, || {
                    (
                        format!(
                            "anonymous source `{}` has a condition of anonymity (\"{reason}\"), not a reason for it",
                            source.id
                        ),
                        "\"on condition of anonymity\" says how the source spoke, not why anonymity was granted; a reason says why, e.g. \"because he was not authorized to discuss intelligence publicly\"",
                    )
                })
            }
            Some(_) => {}
        }
        if source.description.is_none() {
            ctx.lint(Code::AnonymousWithoutDescription, source.pos, || {
                (
                    format!("anonymous source `{}` is not described", source.id),
                    "AP and the NYT ask that an unnamed source be described as fully as possible (position, why they know); add `description = \"...\"`",
                )
            });
        }
    }
    for claim in &article.claims {
        if claim.kind == ClaimKind::Quote && claim.quote.is_none() {
            ctx.lint(Code::QuoteWithoutQuote, claim.pos, || {
                (
                    format!("claim `{}` is a quote with no `quote`", claim.id),
                    "add the words quoted as `quote = \"...\"`, or make it kind = \"paraphrase\"",
                )
            });
        }
        for route in &claim.routes {
            if route.hops.contains(&article.outlet) {
                ctx.lint(Code::RouteThroughOwnOutlet, claim.pos, || {
                    (
                        format!(
                            "claim `{}` is routed through `{}`, the article's own outlet",
                            claim.id, article.outlet
                        ),
                        "a route lists the outlets before the article's own; drop it from `via`, or leave out `via` for first-hand reporting",
                    )
                });
            }
            let repeated = route
                .hops
                .iter()
                .enumerate()
                .find(|(i, h)| route.hops[..*i].contains(h));
            if let Some((_, hop)) = repeated {
                ctx.lint(Code::RouteRepeatsOutlet, claim.pos, || {
                    (
                        format!("a route of claim `{}` names `{hop}` twice", claim.id),
                        "a route runs from the speaker outward through each outlet once; two independent routes are two entries of `via`",
                    )
                });
            }
        }
        // A claim citing an unknown source has an error saying so; its class
        // would follow from the typo, not from the article, so none of the
        // lints about attribution applies (as to background), only the one
        // about its routes.
        let unresolved = ctx.is_unresolved(claim.pos);
        let class = if unresolved {
            Class::Background
        } else {
            article.class_of(claim)
        };
        if claim.key && class == Class::Anonymous {
            ctx.lint(Code::KeyClaimSingleAnonymous, claim.pos, || {
                (
                    format!("key claim `{}` rests on a single anonymous source", claim.id),
                    "Reuters calls anonymous sources the weakest and holds two sources better than one; AP seeks more than one; annotate any corroboration the article gives",
                )
            });
        }
        if claim.key && class == Class::Unattributed {
            ctx.lint(Code::KeyClaimUnattributed, claim.pos, || {
                (
                    format!("key claim `{}` is made in the article's own voice", claim.id),
                    "a headline claim the article does not attribute is its own assertion; Reuters and AP attribute contested facts",
                )
            });
        }
        if class == Class::Unattributed {
            ctx.lint(Code::UnattributedAssertion, claim.pos, || {
                (
                    format!("claim `{}` has neither a source nor a route", claim.id),
                    "add `source` or `via` if the article attributes it, or mark context with kind = \"background\"",
                )
            });
        }
        // Background is context, not scored: as in the report's state count.
        let scored = unresolved || class != Class::Background;
        if scored && claim.state_reliant(outlets) {
            ctx.lint(Code::StateMediaSoleRoute, claim.pos, || {
                (
                    format!("claim `{}` reaches the article only through state-owned media", claim.id),
                    "state media relay their government's line; look for an independent route and annotate it",
                )
            });
        }
        if claim.said.is_none() && matches!(class, Class::Named | Class::Anonymous | Class::Outlet)
        {
            ctx.lint(Code::UndatedClaim, claim.pos, || {
                (
                    format!("claim `{}` has no `said` date", claim.id),
                    "add `said = YYYY-MM-DD` when the article says when it was said or first reported",
                )
            });
        }
    }
}
