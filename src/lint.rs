//! Sourcing standards as lints: rules newsrooms publish on anonymous sources and
//! attribution (AP, Reuters, NYT), checked per article on the model. Each lint
//! has a code in `diag`; its level is set by `[lints]` in `claimtrail.toml`.

use crate::diag::{Code, make};
use crate::load::FileCtx;
use crate::model::{Article, ClaimKind, Class, Outlets};

/// Run every sourcing lint on one article, pushing findings into `ctx`. The
/// messages are `diag::make`'s; a finding the policy allows is never built.
pub fn check_article(article: &Article, outlets: &Outlets, ctx: &mut FileCtx) {
    if article.claims.is_empty() {
        ctx.lint(
            Code::ArticleWithoutClaims,
            article.pos,
            make::article_without_claims,
        );
    }
    for source in article.sources.iter().filter(|s| s.anonymous) {
        match source.reason.as_deref() {
            None => ctx.lint(Code::AnonymousWithoutReason, source.pos, || {
                make::anonymous_without_reason(&source.id)
            }),
            Some(reason) if crate::anonymity::only_states_condition(reason) => {
                ctx.lint(Code::AnonymousWithoutReason, source.pos, || {
                    make::condition_not_reason(&source.id, reason)
                })
            }
            Some(_) => {}
        }
        if source.description.is_none() {
            ctx.lint(Code::AnonymousWithoutDescription, source.pos, || {
                make::anonymous_without_description(&source.id)
            });
        }
    }
    for claim in &article.claims {
        if claim.kind == ClaimKind::Quote && claim.quote.is_none() {
            ctx.lint(Code::QuoteWithoutQuote, claim.pos, || {
                make::quote_without_quote(&claim.id)
            });
        }
        for route in &claim.routes {
            if route.hops.contains(&article.outlet) {
                ctx.lint(Code::RouteThroughOwnOutlet, claim.pos, || {
                    make::route_through_own_outlet(&claim.id, &article.outlet)
                });
            }
            let repeated = route
                .hops
                .iter()
                .enumerate()
                .find(|(i, h)| route.hops[..*i].contains(h));
            if let Some((_, hop)) = repeated {
                ctx.lint(Code::RouteRepeatsOutlet, claim.pos, || {
                    make::route_repeats_outlet(&claim.id, hop)
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
                make::key_claim_single_anonymous(&claim.id)
            });
        }
        if claim.key && class == Class::Unattributed {
            ctx.lint(Code::KeyClaimUnattributed, claim.pos, || {
                make::key_claim_unattributed(&claim.id)
            });
        }
        if class == Class::Unattributed {
            ctx.lint(Code::UnattributedAssertion, claim.pos, || {
                make::unattributed_assertion(&claim.id)
            });
        }
        // Background is context, not scored: as in the report's state count.
        let scored = unresolved || class != Class::Background;
        if scored && claim.state_reliant(outlets) {
            ctx.lint(Code::StateMediaSoleRoute, claim.pos, || {
                make::state_media_sole_route(&claim.id)
            });
        }
        if claim.said.is_none() && matches!(class, Class::Named | Class::Anonymous | Class::Outlet)
        {
            ctx.lint(Code::UndatedClaim, claim.pos, || {
                make::undated_claim(&claim.id)
            });
        }
    }
}
