//! A ballot checked against a process's frozen rules and proposals
//! ([`civis_budget::validate_ballot`]), as problem entries: one per problem, in plain
//! words, named by the ballot key the process expects (`approvals`, `points`, `ranking`).

use civis_budget::{validate_ballot, BallotContent, BallotFormat};

use super::cache::BallotContext;
use crate::error::FieldError;

/// The ballot key (`approvals`, `points`, `ranking`) a format expects.
pub fn key_of(format: &BallotFormat) -> &'static str {
    match format {
        BallotFormat::Approval { .. } | BallotFormat::Knapsack { .. } => "approvals",
        BallotFormat::Cumulative { .. } => "points",
        BallotFormat::Ranked { .. } => "ranking",
    }
}

/// Every problem of `content` under `ctx`'s rules; empty when the ballot is valid.
pub fn problems(ctx: &BallotContext, content: &BallotContent) -> Vec<FieldError> {
    match validate_ballot(&ctx.rules, &ctx.proposals, content) {
        Ok(()) => vec![],
        Err(invalid) => {
            let key = key_of(&ctx.rules.ballot);
            invalid
                .problems
                .iter()
                .map(|p| FieldError::new(key, p.message()))
                .collect()
        }
    }
}
