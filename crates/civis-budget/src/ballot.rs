//! Ballots: what a voter chose, and through which channel.

use civis_domain::{Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::{ProcessId, ProposalId};

/// What a ballot says; its shape follows the process's [`crate::BallotFormat`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "choices", rename_all = "snake_case")]
pub enum BallotContent {
    /// Approved projects (approval and knapsack formats).
    Approval(Vec<ProposalId>),
    /// Points per project (cumulative format).
    Points(Vec<(ProposalId, u32)>),
    /// Projects best first (ranked format).
    Ranking(Vec<ProposalId>),
}

/// How a ballot reached the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "channel", rename_all = "snake_case")]
pub enum BallotChannel {
    /// Cast by the voter online.
    Online,
    /// A paper ballot entered by an official for the voter (the assisted channel).
    Paper {
        /// The official who entered it.
        official: UserId,
    },
}

/// A ballot to cast: it replaces the voter's earlier ballot in the process, whatever
/// its channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBallot {
    /// The process.
    pub process: ProcessId,
    /// The voter.
    pub voter: UserId,
    /// The choices (already validated against the rules).
    pub content: BallotContent,
    /// Online or paper.
    pub channel: BallotChannel,
    /// When it was cast.
    pub cast_at: Timestamp,
}

/// A stored ballot: the one that counts for its voter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    /// The process.
    pub process: ProcessId,
    /// The voter.
    pub voter: UserId,
    /// The choices.
    pub content: BallotContent,
    /// Online or paper.
    pub channel: BallotChannel,
    /// When it was cast.
    pub cast_at: Timestamp,
    /// 1 for the voter's first ballot, increased by each replacement.
    pub revision: u32,
}
