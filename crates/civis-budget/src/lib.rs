//! Participatory budgeting (PB) processes on the platform: the domain, with no IO.
//!
//! A [`Process`] is what an official sets up: its texts in every language, its
//! [`Schedule`] of phases, and its [`ProcessRules`] (budgets, eligibility, ballot
//! format, outcome rule). Residents submit [`Proposal`]s, support them, and once
//! officials have reviewed them, vote with a [`Ballot`]. After the close the
//! outcome is computed with the frozen rules through the `civis-pb` engine.
//!
//! Around a ballot: [`validate_ballot`] lists everything wrong with one,
//! [`check_eligibility`] says whether someone may vote, [`budget_units`] splits the
//! projects into the budgets they compete for and [`budget_meter`] shows what a
//! (partial) ballot spends in each. After the close, [`compute_results`] runs the
//! frozen rule on every unit and [`explain_results`] says why each project was or
//! was not funded.
//!
//! Like `civis-domain`, this crate reads no clock: every function that depends on
//! time takes `now`. Everything here is serializable with serde, so stores may keep
//! documents (settings, ballot contents, results) as JSON.

pub mod ballot;
pub mod chart;
pub mod eligibility;
pub mod explain;
pub mod explain_parts;
pub mod export;
pub mod ids;
pub mod localized;
pub mod meter;
pub mod outcome;
pub mod participation;
pub mod process;
pub mod proposal;
pub mod resident;
pub mod results;
pub mod rules;
pub mod schedule;
#[cfg(test)]
mod test_support;
mod timestamp_serde;
pub mod units;
pub mod validate;

pub use ballot::{Ballot, BallotChannel, BallotContent, NewBallot};
pub use eligibility::{check_eligibility, check_resident, BirthDate, BirthDateError, NotEligible};
pub use explain::{
    explain_project, explain_results, Exact, ExplainDepth, ProjectExplanation, Stage,
};
pub use explain_parts::ExplanationPart;
pub use ids::{ProcessId, ProposalId};
pub use localized::Localized;
pub use meter::{budget_meter, BudgetMeter, UnitMeter};
pub use outcome::{compute_results, OutcomeError};
pub use process::{Process, ProcessSettings};
pub use proposal::{ImplementationStatus, ImplementationUpdate, Proposal, ProposalDraft, Review};
pub use resident::ResidentProfile;
pub use results::{ProcessResults, ProjectTally, UnitOutcome};
pub use rules::{
    BallotFormat, Budgets, Completion, Eligibility, OutcomeRule, ProcessRules, TieBreak,
};
pub use schedule::{Phase, Schedule};
pub use units::{budget_units, BudgetUnit, UnitKey};
pub use validate::{validate_ballot, BallotProblem, InvalidBallot};
