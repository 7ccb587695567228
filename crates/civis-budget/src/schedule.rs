//! The phases of a process and when each begins.

use civis_domain::Timestamp;
use serde::{Deserialize, Serialize};

/// Where a process stands, derived from its [`Schedule`], the time and whether its
/// results are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Before proposals open: only officials see and edit it.
    Upcoming,
    /// Residents submit and edit proposals.
    Proposals,
    /// Residents support each other's proposals.
    Support,
    /// Officials review feasibility and costs.
    Review,
    /// Eligible residents vote; the rules are frozen from here on.
    Voting,
    /// Voting has closed; the outcome is being computed and checked.
    Counting,
    /// The outcome is published.
    Results,
    /// Officials report on the funded projects' implementation.
    Implementation,
}

impl Phase {
    /// The phase's stable name, as in the API (`voting`, `results`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            Phase::Upcoming => "upcoming",
            Phase::Proposals => "proposals",
            Phase::Support => "support",
            Phase::Review => "review",
            Phase::Voting => "voting",
            Phase::Counting => "counting",
            Phase::Results => "results",
            Phase::Implementation => "implementation",
        }
    }
}

/// When each phase begins; each phase ends when the next begins.
///
/// Invariant (checked by [`Schedule::check`]): the instants never decrease in the
/// order of the fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// Proposal submission opens.
    #[serde(with = "crate::timestamp_serde")]
    pub proposals_open: Timestamp,
    /// Proposal submission closes and support collection opens.
    #[serde(with = "crate::timestamp_serde")]
    pub support_open: Timestamp,
    /// Support closes and feasibility review begins.
    #[serde(with = "crate::timestamp_serde")]
    pub review_open: Timestamp,
    /// Voting opens (rules freeze).
    #[serde(with = "crate::timestamp_serde")]
    pub voting_open: Timestamp,
    /// Voting closes: no ballot is accepted at or after this instant.
    #[serde(with = "crate::timestamp_serde")]
    pub voting_close: Timestamp,
    /// Implementation reporting begins (after results are published).
    #[serde(with = "crate::timestamp_serde")]
    pub implementation_open: Timestamp,
}

/// A schedule whose instants are out of order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} must not be before {previous}")]
pub struct ScheduleError {
    /// The field that comes too early.
    pub field: &'static str,
    /// The field it must not precede.
    pub previous: &'static str,
}

impl Schedule {
    /// The instants in order, with their field names.
    fn ordered(&self) -> [(&'static str, Timestamp); 6] {
        [
            ("proposals_open", self.proposals_open),
            ("support_open", self.support_open),
            ("review_open", self.review_open),
            ("voting_open", self.voting_open),
            ("voting_close", self.voting_close),
            ("implementation_open", self.implementation_open),
        ]
    }

    /// Checks that no phase begins before the previous one.
    pub fn check(&self) -> Result<(), ScheduleError> {
        let ordered = self.ordered();
        for pair in ordered.windows(2) {
            if let [(previous, a), (field, b)] = pair {
                if b < a {
                    return Err(ScheduleError { field, previous });
                }
            }
        }
        Ok(())
    }

    /// The phase at `now`, given whether the results are published.
    pub fn phase_at(&self, now: Timestamp, results_published: bool) -> Phase {
        if now < self.proposals_open {
            Phase::Upcoming
        } else if now < self.support_open {
            Phase::Proposals
        } else if now < self.review_open {
            Phase::Support
        } else if now < self.voting_open {
            Phase::Review
        } else if now < self.voting_close {
            Phase::Voting
        } else if !results_published {
            Phase::Counting
        } else if now < self.implementation_open {
            Phase::Results
        } else {
            Phase::Implementation
        }
    }

    /// Whether the rules are frozen at `now` (voting has opened).
    pub fn rules_frozen_at(&self, now: Timestamp) -> bool {
        now >= self.voting_open
    }
}
