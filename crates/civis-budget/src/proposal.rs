//! Residents' proposals, officials' review of them, and implementation reports.

use civis_domain::{Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::rules::Amount;
use crate::{ProcessId, ProposalId};

/// What a resident writes (and may edit while proposals are open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalDraft {
    /// Short title.
    pub title: String,
    /// What, where and why.
    pub description: String,
    /// The author's cost estimate, in whole currency units.
    pub estimated_cost: Amount,
    /// District it is in, if any.
    #[serde(default)]
    pub district: Option<String>,
    /// Category (e.g. `green`, `sport`), if any.
    #[serde(default)]
    pub category: Option<String>,
    /// Optional location: an address or `lat,lon`.
    #[serde(default)]
    pub location: Option<String>,
}

/// The officials' feasibility review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Review {
    /// Not reviewed yet.
    Pending,
    /// Feasible; goes on the ballot at `official_cost`.
    Accepted {
        /// Cost set by the officials, in whole currency units.
        official_cost: Amount,
    },
    /// Not feasible, with the public reason.
    Rejected {
        /// Why, in plain words, shown publicly.
        reason: String,
    },
    /// A duplicate, merged into another proposal.
    Merged {
        /// The proposal it was merged into.
        into: ProposalId,
    },
}

/// A stored proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Its id.
    pub id: ProposalId,
    /// Its process.
    pub process: ProcessId,
    /// The resident who wrote it.
    pub author: UserId,
    /// Its current text.
    pub draft: ProposalDraft,
    /// The officials' review.
    pub review: Review,
    /// Set when moderators hid it, with the reason.
    pub hidden: Option<String>,
    /// How many residents support it.
    pub supports: u64,
    /// When it was submitted.
    pub created_at: Timestamp,
    /// When its text or review last changed.
    pub updated_at: Timestamp,
}

impl Proposal {
    /// Whether it goes on the ballot: accepted and not hidden.
    pub fn on_ballot(&self) -> bool {
        self.hidden.is_none() && matches!(self.review, Review::Accepted { .. })
    }

    /// Its cost on the ballot: the official cost once accepted, else the estimate.
    pub fn cost(&self) -> Amount {
        match self.review {
            Review::Accepted { official_cost } => official_cost,
            _ => self.draft.estimated_cost,
        }
    }
}

/// Where a funded project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImplementationStatus {
    /// Funded, work not started.
    Planned,
    /// Work under way.
    InProgress,
    /// Finished.
    Done,
    /// Will not be done (with the reason in the note).
    Cancelled,
}

/// One report on a funded project's implementation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImplementationUpdate {
    /// The funded project.
    pub proposal: ProposalId,
    /// Its status.
    pub status: ImplementationStatus,
    /// Progress in percent (0–100).
    pub progress: u8,
    /// What happened, in plain words.
    pub note: String,
    /// The official who reported it.
    pub author: UserId,
    /// When.
    #[serde(with = "crate::timestamp_serde")]
    pub at: Timestamp,
}
