//! The drift rules: how a claim's attribution changes from one appearance to
//! the next (a hedge dropped, a speaker anonymised or named later, a relay not
//! credited, a state origin hidden, a date that disagrees).

use super::Drift;
use super::group::Seen;
use crate::diag::{Code, make};
use crate::model::{Class, Outlets};
use chrono::NaiveDate;

pub(super) fn has_attribution(a: &Seen) -> bool {
    a.claim.has_speaker() || a.has_route()
}

pub(super) fn shows_state(a: &Seen, outlets: &Outlets) -> bool {
    outlets.is_state(a.outlet())
        || a.routes()
            .flat_map(|r| r.hops())
            .any(|h| outlets.is_state(h))
}

pub(super) fn credits(a: &Seen, outlet: &str) -> bool {
    a.outlet() == outlet || a.routes().flat_map(|r| r.hops()).any(|h| h == outlet)
}

pub(super) fn is_named(a: &Seen) -> Option<bool> {
    match a.class() {
        Class::Named => Some(true),
        Class::Anonymous => Some(false),
        _ => None,
    }
}

/// What the dated appearances before the current one hold, kept as the walk
/// goes so each appearance is compared with all of them in constant time.
#[derive(Default)]
pub(super) struct Earlier {
    /// The first that hedges.
    pub(super) hedged: Option<usize>,
    /// The first with a source or a route.
    pub(super) attributed: Option<usize>,
    /// The last with a speaker, and whether they were named.
    pub(super) speaker: Option<(usize, bool)>,
    /// The first `said` date, and the first one that differs from it.
    pub(super) said: Option<(usize, NaiveDate)>,
    pub(super) said_other: Option<usize>,
}

impl Earlier {
    pub(super) fn add(&mut self, i: usize, a: &Seen) {
        if a.class() == Class::Background {
            return;
        }
        if a.hedge().is_some() {
            self.hedged.get_or_insert(i);
        }
        if has_attribution(a) {
            self.attributed.get_or_insert(i);
        }
        if let Some(named) = is_named(a) {
            self.speaker = Some((i, named));
        }
        if let Some(d) = a.said() {
            match self.said {
                None => self.said = Some((i, d)),
                Some((_, first)) if first != d && self.said_other.is_none() => {
                    self.said_other = Some(i);
                }
                Some(_) => {}
            }
        }
    }

    /// The first earlier appearance whose `said` differs from `said`.
    pub(super) fn said_unlike(&self, said: NaiveDate) -> Option<usize> {
        match self.said {
            Some((j, first)) if first != said => Some(j),
            Some(_) => self.said_other,
            None => None,
        }
    }
}

/// Compare each appearance (in trail order) with the ones before it, keeping
/// the findings whose code `wants` accepts.
pub(super) fn drift(
    apps: &[Seen],
    outlets: &Outlets,
    messages: bool,
    wants: &dyn Fn(Code) -> bool,
) -> Vec<Drift> {
    let mut found = Vec::new();
    // Background is context, not a claim the article makes: it neither
    // drifts nor sets a standard for later appearances, so the origin the
    // others are held to is the first appearance that is not background.
    let Some(o) = apps.iter().position(|a| a.class() != Class::Background) else {
        return found;
    };
    let origin = &apps[o];
    // The origin came through a state outlet's reporting: a route through
    // one, or a state outlet's own voice or unnamed source. A named speaker
    // quoted first-hand by a state outlet is not: a later article can reach
    // the same speaker directly.
    let origin_state = origin
        .routes()
        .flat_map(|r| r.hops())
        .any(|h| outlets.is_state(h))
        || (outlets.is_state(origin.outlet())
            && !origin.has_route()
            && matches!(origin.class(), Class::Unattributed | Class::Anonymous));
    // Crediting the origin's outlet or any outlet its routes pass through is
    // crediting the relay; messages name the outlet and where each route began.
    let credited = |app: &Seen| {
        credits(app, origin.outlet())
            || origin
                .routes()
                .flat_map(|r| r.hops())
                .any(|o| credits(app, o))
    };
    // Undated appearances sort last, in no real order among themselves, so
    // they are compared with the dated ones only.
    let dated = apps.iter().take_while(|a| a.published().is_some()).count();
    let mut earlier = Earlier::default();
    for (i, app) in apps.iter().enumerate().skip(1) {
        if i - 1 < dated {
            earlier.add(i - 1, &apps[i - 1]);
        }
        if app.class() == Class::Background {
            continue;
        }
        // Messages are written only when they are shown; `claims` counts.
        let mut push = |code: Code, j: usize| {
            if wants(code) {
                found.push(Drift {
                    code,
                    at: i,
                    earlier: j,
                    message: if messages {
                        message(code, &apps[j], app, outlets)
                    } else {
                        String::new()
                    },
                });
            }
        };
        if app.hedge().is_none()
            && let Some(j) = earlier.hedged
        {
            push(Code::HedgeDropped, j);
        }
        if !has_attribution(app)
            && let Some(j) = earlier.attributed
        {
            push(Code::AttributionDropped, j);
        }
        // The origin-based codes hold an appearance to the origin only when
        // it is known to come after it: published on a later day, or undated
        // after a dated origin. Same-day appearances sort by outlet, which
        // says nothing of which came first.
        let later_than_origin = match (origin.published(), app.published()) {
            (Some(o), Some(p)) => p > o,
            (Some(_), None) => true,
            _ => false,
        };
        // Only an appearance that credits no outlet at all is an uncredited
        // relay: one that credits another outlet than the origin's tells the
        // reader where it looked, and claimtrail cannot tell which is right.
        if later_than_origin && app.class() != Class::Named && !app.has_route() && !credited(app) {
            push(Code::RelayUncredited, o);
        }
        if let Some(named) = is_named(app)
            && let Some((j, was_named)) = earlier.speaker
        {
            if was_named && !named {
                push(Code::Anonymized, j);
            } else if !was_named && named {
                push(Code::NamedLater, j);
            }
        }
        if later_than_origin && origin_state && !shows_state(app, outlets) {
            push(Code::StateOriginHidden, o);
        }
        if let Some(said) = app.said()
            && let Some(j) = earlier.said_unlike(said)
        {
            push(Code::SaidDateConflict, j);
        }
    }
    found
}

/// The message of a finding of `code` at `app`, compared with `earlier` (for
/// the codes held to the origin, the origin): written only when shown, from
/// the two appearances alone.
pub(super) fn message(code: Code, earlier: &Seen, app: &Seen, outlets: &Outlets) -> String {
    let (was, now) = (earlier.article_id(), app.article_id());
    match code {
        Code::HedgeDropped => make::hedge_dropped(was, earlier.hedge().unwrap_or(""), now),
        Code::AttributionDropped => make::attribution_dropped(was, now),
        Code::RelayUncredited => {
            // The outlet the claim first appeared in, and where each of its
            // routes began.
            let names = std::iter::once(earlier.outlet())
                .chain(earlier.routes().filter_map(|r| r.first()))
                .map(|o| outlets.name(o))
                .collect::<Vec<_>>()
                .join(" via ");
            make::relay_uncredited(&names, was, now)
        }
        Code::Anonymized => make::anonymized(was, earlier.source().unwrap_or(""), now),
        Code::NamedLater => make::named_later(was, now, app.source().unwrap_or("")),
        Code::StateOriginHidden => make::state_origin_hidden(was, now),
        Code::SaidDateConflict => {
            make::said_date_conflict(was, earlier.said(), now, app.said().unwrap_or_default())
        }
        _ => String::new(),
    }
}
