//! A ballot checked against a process's frozen rules and proposals
//! ([`civis_budget::validate_ballot`]): every problem, named by the ballot key the
//! process expects (`approvals`, `points`, `ranking`).

use civis_budget::{validate_ballot, BallotContent, BallotFormat};

use super::cache::BallotContext;
use super::refusals::BallotRefusal;

/// The ballot key (`approvals`, `points`, `ranking`) a format expects.
pub fn key_of(format: &BallotFormat) -> &'static str {
    match format {
        BallotFormat::Approval { .. } | BallotFormat::Knapsack { .. } => "approvals",
        BallotFormat::Cumulative { .. } => "points",
        BallotFormat::Ranked { .. } => "ranking",
    }
}

/// `Ok` when `content` follows `ctx`'s rules; every problem otherwise.
pub fn check(ctx: &BallotContext, content: &BallotContent) -> Result<(), BallotRefusal> {
    validate_ballot(&ctx.rules, &ctx.proposals, content).map_err(|invalid| BallotRefusal {
        key: key_of(&ctx.rules.ballot),
        problems: invalid.problems,
    })
}
