//! Stored PB rows to domain types and back, shared by all backends.
//!
//! Documents (process settings, proposal drafts and reviews, ballot contents,
//! results, implementation reports) are stored as JSON text written by serde, so
//! adding a field with a serde default to a `civis-budget` type needs no migration.
//! A stored document that no longer parses is [`StoreError::Internal`] naming the
//! column, never a panic.

use civis_budget::{
    Ballot, BallotChannel, ImplementationUpdate, Process, ProcessId, Proposal, ProposalId,
    ResidentProfile,
};
use civis_domain::{Timestamp, UserId};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::decode::count;
use crate::{StoreError, StoreResult};

/// Serialises a document for a JSON column.
pub fn to_json<T: Serialize>(column: &str, value: &T) -> StoreResult<String> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::internal(format!("cannot serialise {column}: {e}")))
}

/// Parses a stored JSON document.
pub fn from_json<T: DeserializeOwned>(column: &str, text: &str) -> StoreResult<T> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::internal(format!("stored {column} is invalid: {e}")))
}

/// The `channel` and `official_id` columns of a ballot.
pub fn channel_columns(channel: BallotChannel) -> (&'static str, Option<i64>) {
    match channel {
        BallotChannel::Online => ("online", None),
        BallotChannel::Paper { official } => ("paper", Some(official.0)),
    }
}

/// The columns of a `pb_processes` row.
#[derive(Debug)]
pub struct ProcessRow {
    /// `id`
    pub id: i64,
    /// `settings_json`
    pub settings_json: String,
    /// `created_by`
    pub created_by: Option<i64>,
    /// `created_at` (ms)
    pub created_at: i64,
    /// `updated_at` (ms)
    pub updated_at: i64,
    /// `results_published_at` (ms)
    pub results_published_at: Option<i64>,
}

impl ProcessRow {
    /// Parses the row into a [`Process`].
    pub fn into_process(self) -> StoreResult<Process> {
        Ok(Process {
            id: ProcessId(self.id),
            settings: from_json("pb_processes.settings_json", &self.settings_json)?,
            created_by: self.created_by.map(UserId),
            created_at: Timestamp::from_millis(self.created_at),
            updated_at: Timestamp::from_millis(self.updated_at),
            results_published_at: self.results_published_at.map(Timestamp::from_millis),
        })
    }
}

/// The columns of a `pb_proposals` row, with its support count.
#[derive(Debug)]
pub struct ProposalRow {
    /// `id`
    pub id: i64,
    /// `process_id`
    pub process_id: i64,
    /// `author_id`
    pub author_id: i64,
    /// `draft_json`
    pub draft_json: String,
    /// `review_json`
    pub review_json: String,
    /// `hidden_reason`
    pub hidden_reason: Option<String>,
    /// `supports`: the number of `pb_supports` rows of the proposal.
    pub supports: i64,
    /// `created_at` (ms)
    pub created_at: i64,
    /// `updated_at` (ms)
    pub updated_at: i64,
}

impl ProposalRow {
    /// Parses the row into a [`Proposal`].
    pub fn into_proposal(self) -> StoreResult<Proposal> {
        Ok(Proposal {
            id: ProposalId(self.id),
            process: ProcessId(self.process_id),
            author: UserId(self.author_id),
            draft: from_json("pb_proposals.draft_json", &self.draft_json)?,
            review: from_json("pb_proposals.review_json", &self.review_json)?,
            hidden: self.hidden_reason,
            supports: count(self.supports)?,
            created_at: Timestamp::from_millis(self.created_at),
            updated_at: Timestamp::from_millis(self.updated_at),
        })
    }
}

/// The columns of a `pb_ballots` row.
#[derive(Debug)]
pub struct BallotRow {
    /// `process_id`
    pub process_id: i64,
    /// `voter_id`
    pub voter_id: i64,
    /// `content_json`
    pub content_json: String,
    /// `channel`: `online` or `paper`
    pub channel: String,
    /// `official_id` (paper ballots)
    pub official_id: Option<i64>,
    /// `cast_at` (ms)
    pub cast_at: i64,
    /// `revision`
    pub revision: i64,
}

impl BallotRow {
    /// Parses the row into a [`Ballot`].
    pub fn into_ballot(self) -> StoreResult<Ballot> {
        let channel = match (self.channel.as_str(), self.official_id) {
            ("online", _) => BallotChannel::Online,
            ("paper", Some(official)) => BallotChannel::Paper {
                official: UserId(official),
            },
            (other, _) => {
                return Err(StoreError::internal(format!(
                    "stored pb_ballots.channel is invalid: {other:?}"
                )))
            }
        };
        Ok(Ballot {
            process: ProcessId(self.process_id),
            voter: UserId(self.voter_id),
            content: from_json("pb_ballots.content_json", &self.content_json)?,
            channel,
            cast_at: Timestamp::from_millis(self.cast_at),
            revision: u32::try_from(self.revision)
                .map_err(|_| StoreError::internal("stored pb_ballots.revision is out of range"))?,
        })
    }
}

/// Parses a stored `pb_implementation_updates.update_json` document.
pub fn implementation_update(text: &str) -> StoreResult<ImplementationUpdate> {
    from_json("pb_implementation_updates.update_json", text)
}

/// A resident profile from its nullable columns (`None` row: never set).
pub fn resident_profile(district: Option<String>, birth_date: Option<String>) -> ResidentProfile {
    ResidentProfile {
        district,
        birth_date,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn ballot_rows_decode_channels_and_reject_nonsense() {
        let row = |channel: &str, official: Option<i64>| BallotRow {
            process_id: 1,
            voter_id: 2,
            content_json: r#"{"type":"approval","choices":[3,4]}"#.into(),
            channel: channel.into(),
            official_id: official,
            cast_at: 5,
            revision: 1,
        };
        assert_eq!(
            row("online", None).into_ballot().unwrap().channel,
            BallotChannel::Online
        );
        assert_eq!(
            row("paper", Some(9)).into_ballot().unwrap().channel,
            BallotChannel::Paper {
                official: UserId(9)
            }
        );
        assert!(row("paper", None).into_ballot().is_err());
        assert!(row("fax", None).into_ballot().is_err());
        let mut bad = row("online", None);
        bad.content_json = "{".into();
        let err = bad.into_ballot().unwrap_err();
        assert!(err.log_detail().contains("content_json"), "{err:?}");
    }

    #[test]
    fn channel_columns_round_trip() {
        assert_eq!(channel_columns(BallotChannel::Online), ("online", None));
        assert_eq!(
            channel_columns(BallotChannel::Paper {
                official: UserId(7)
            }),
            ("paper", Some(7))
        );
    }
}
