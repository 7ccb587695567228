//! The budget service's refusals as values: each with a stable code and its parameters,
//! so that the API can give the code next to plain English words and the pages can put
//! it in the reader's language (`crate::pages::budget_messages`).
//!
//! * [`PhaseRefusal`]: the process is not in a phase that allows this (409);
//! * [`Ineligible`]: this person may not take part (403);
//! * [`BallotRefusal`]: the ballot breaks the rules (422), one
//!   [`civis_budget::BallotProblem`] per problem.
//!
//! The problems of a process's settings are [`super::settings::SettingsProblem`]s.

use civis_budget::{BallotProblem, NotEligible, Phase};
use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// Something that only some phases of a process allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseAction {
    /// A resident submits a proposal.
    SubmitProposal,
    /// Its author edits a proposal.
    EditProposal,
    /// A resident supports a proposal.
    SupportProposal,
    /// Officials review a proposal.
    ReviewProposal,
    /// Officials publish the results.
    PublishResults,
    /// Officials report on a funded project's implementation.
    ReportImplementation,
}

impl PhaseAction {
    /// What is being done, in plain English, as the subject of a sentence.
    pub const fn english(self) -> &'static str {
        match self {
            PhaseAction::SubmitProposal => "Submitting a proposal",
            PhaseAction::EditProposal => "Editing a proposal",
            PhaseAction::SupportProposal => "Supporting a proposal",
            PhaseAction::ReviewProposal => "Reviewing a proposal",
            PhaseAction::PublishResults => "Publishing results",
            PhaseAction::ReportImplementation => "Reporting on implementation",
        }
    }
}

/// Why the process's phase refuses a request. Serialized with its
/// [`code`](Self::code) in a `code` field next to its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PhaseRefusal {
    /// `action` is possible only in the `allowed` phases; the process is in `phase`.
    NotInPhase {
        /// What was asked.
        action: PhaseAction,
        /// The phases that allow it.
        allowed: Vec<Phase>,
        /// The phase the process is in.
        phase: Phase,
    },
    /// Voting has not opened yet.
    VotingNotOpen,
    /// Voting has closed.
    VotingClosed,
    /// Voting has opened, so the projects on the ballot can no longer be hidden or
    /// shown.
    BallotFrozen,
}

impl PhaseRefusal {
    /// The stable code (`not_in_phase`, `voting_not_open`, `voting_closed`,
    /// `ballot_frozen`).
    pub fn code(&self) -> &'static str {
        match self {
            PhaseRefusal::NotInPhase { .. } => "not_in_phase",
            PhaseRefusal::VotingNotOpen => "voting_not_open",
            PhaseRefusal::VotingClosed => "voting_closed",
            PhaseRefusal::BallotFrozen => "ballot_frozen",
        }
    }

    /// The refusal in plain English words.
    pub fn message(&self) -> String {
        match self {
            PhaseRefusal::NotInPhase {
                action,
                allowed,
                phase,
            } => {
                let names: Vec<&str> = allowed.iter().map(|p| p.as_str()).collect();
                format!(
                    "{} is possible only in the {} phase; this process is in the {} phase.",
                    action.english(),
                    names.join(" or "),
                    phase.as_str()
                )
            }
            PhaseRefusal::VotingNotOpen => "Voting has not opened yet.".to_owned(),
            PhaseRefusal::VotingClosed => "Voting has closed.".to_owned(),
            PhaseRefusal::BallotFrozen => {
                "Voting has opened: the projects on the ballot can no longer be hidden or shown."
                    .to_owned()
            }
        }
    }
}

/// Why someone may not take part (or have a ballot entered for them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ineligible {
    /// The person's own reason under the process's eligibility rules.
    Voter(NotEligible),
    /// A paper ballot for an account that is not an active resident's.
    PaperNotResident,
}

impl Ineligible {
    /// The stable code: the voter's reason's ([`NotEligible::code`]), or
    /// `paper_not_resident`.
    pub fn code(&self) -> &'static str {
        match self {
            Ineligible::Voter(reason) => reason.code(),
            Ineligible::PaperNotResident => "paper_not_resident",
        }
    }

    /// The reason in plain English words.
    pub fn message(&self) -> String {
        match self {
            Ineligible::Voter(reason) => reason.message(),
            Ineligible::PaperNotResident => {
                "Paper ballots are entered for active residents only.".to_owned()
            }
        }
    }
}

/// A ballot that breaks the process's rules: every problem, named by the ballot key
/// the process expects (`approvals`, `points` or `ranking`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRefusal {
    /// The ballot key.
    pub key: &'static str,
    /// Every problem (never empty).
    pub problems: Vec<BallotProblem>,
}

impl BallotRefusal {
    /// One entry per problem: the ballot key, the problem in plain English words and
    /// its code.
    pub fn field_errors(&self) -> Vec<FieldError> {
        self.problems
            .iter()
            .map(|p| FieldError::new(self.key, p.message()).with_code(p.code()))
            .collect()
    }
}

/// A refusal an HTML error page can put in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The phase refuses it.
    Phase(PhaseRefusal),
    /// The person may not take part.
    Ineligible(Ineligible),
}

impl Refusal {
    /// The stable code of the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Phase(r) => r.code(),
            Refusal::Ineligible(r) => r.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_and_codes() {
        let r = PhaseRefusal::NotInPhase {
            action: PhaseAction::ReviewProposal,
            allowed: vec![Phase::Support, Phase::Review],
            phase: Phase::Voting,
        };
        assert_eq!(
            r.message(),
            "Reviewing a proposal is possible only in the support or review phase; this process is in the voting phase."
        );
        assert_eq!(r.code(), "not_in_phase");
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["code"], "not_in_phase");
        assert_eq!(json["action"], "review_proposal");
        assert_eq!(Ineligible::Voter(NotEligible::Inactive).code(), "inactive");
        assert_eq!(Ineligible::PaperNotResident.code(), "paper_not_resident");
    }
}
