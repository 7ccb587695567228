//! A project's explanation ([`ProjectExplanation`]) as sentences, each an
//! [`ExplanationPart`] with a stable code and its figures, so that pages can put it
//! in any language; and their plain English words.
//!
//! The first part says whether and how the project was funded; a project left out
//! and explained in full ([`ExplainDepth::Full`]) then gets the cost at which it
//! would have been funded (or that no cost would do) and, under greedy, how many
//! more supporters it needed.

use serde::{Deserialize, Serialize};

use crate::explain::{Exact, ExplainDepth, ProjectExplanation, Stage};
use crate::rules::Amount;
use crate::validate::format_amount;

/// One sentence of a project's explanation. Serialized with its
/// [`code`](Self::code) in a `code` field next to its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ExplanationPart {
    /// Funded in a round of the Method of Equal Shares.
    FundedEqualShares {
        /// The 1-based round.
        round: u64,
        /// Ballots choosing it.
        supporters: u64,
        /// Supporters who paid the full price.
        full_payers: u64,
        /// Supporters who paid all they had left (0 when none).
        partial_payers: u64,
        /// What each supporter was asked to pay.
        price: Exact,
    },
    /// Funded by the completion after the Method of Equal Shares.
    FundedCompletion {
        /// The 1-based step of the completion.
        round: u64,
    },
    /// Free, so funded first.
    FundedFree,
    /// Funded by greedy at its place in the order of support.
    FundedGreedy {
        /// Its 1-based place in greedy's order.
        position: u64,
        /// Its cost.
        cost: Amount,
        /// The budget left when greedy reached it.
        left: Exact,
    },
    /// Funded by greedy, its place unknown.
    FundedGreedyStep {
        /// The 1-based step.
        round: u64,
    },
    /// Greedy left it out: not enough budget left when its turn came.
    NotFundedGreedy {
        /// Its 1-based place in greedy's order.
        position: u64,
        /// Its cost.
        cost: Amount,
        /// The budget left when greedy reached it.
        left: Exact,
    },
    /// Equal Shares left it out though its supporters could pay for it: it no longer
    /// fit in the budget.
    NotFundedNoRoom {
        /// The price per supporter it needed.
        price: Exact,
        /// Its effective support (`cost / price`).
        votes: Exact,
    },
    /// Equal Shares left it out: its supporters had too little money left.
    NotFundedShort {
        /// Ballots choosing it.
        supporters: u64,
        /// How many of them still had money.
        with_money: u64,
        /// The money they held at the end.
        money: Exact,
        /// How much they lacked.
        short: Exact,
        /// Its cost.
        cost: Amount,
    },
    /// Not funded, with no figures to say more.
    NotFunded,
    /// Left out: the highest cost at which it would have been funded.
    WouldBeFundedAt {
        /// That cost.
        max: Amount,
        /// How much cheaper than its cost that is.
        by: Amount,
    },
    /// Left out: no lower cost would have got it funded.
    NoLowerCost,
    /// Greedy, left out: the supporters it lacked.
    MoreSupporters {
        /// How many more supporters (each choosing only it) it needed.
        n: u64,
    },
}

impl ExplanationPart {
    /// The stable code (`funded_equal_shares`, `funded_completion`, `funded_free`,
    /// `funded_greedy`, `funded_greedy_step`, `not_funded_greedy`,
    /// `not_funded_no_room`, `not_funded_short`, `not_funded`,
    /// `would_be_funded_at`, `no_lower_cost`, `more_supporters`).
    pub fn code(&self) -> &'static str {
        match self {
            ExplanationPart::FundedEqualShares { .. } => "funded_equal_shares",
            ExplanationPart::FundedCompletion { .. } => "funded_completion",
            ExplanationPart::FundedFree => "funded_free",
            ExplanationPart::FundedGreedy { .. } => "funded_greedy",
            ExplanationPart::FundedGreedyStep { .. } => "funded_greedy_step",
            ExplanationPart::NotFundedGreedy { .. } => "not_funded_greedy",
            ExplanationPart::NotFundedNoRoom { .. } => "not_funded_no_room",
            ExplanationPart::NotFundedShort { .. } => "not_funded_short",
            ExplanationPart::NotFunded => "not_funded",
            ExplanationPart::WouldBeFundedAt { .. } => "would_be_funded_at",
            ExplanationPart::NoLowerCost => "no_lower_cost",
            ExplanationPart::MoreSupporters { .. } => "more_supporters",
        }
    }

    /// The sentence in plain English words; `title` names the project.
    pub fn message(&self, title: &str) -> String {
        match self {
            ExplanationPart::FundedEqualShares {
                round,
                supporters,
                full_payers,
                partial_payers,
                price,
            } => format!(
                "“{title}” was funded in round {round} of the Method of Equal Shares: {full_payers} of its {supporters} supporters paid {} each{}.",
                price.grouped(),
                if *partial_payers > 0 {
                    format!(" and {partial_payers} paid all they had left")
                } else {
                    String::new()
                }
            ),
            ExplanationPart::FundedCompletion { round } => format!(
                "“{title}” was funded with the budget the Method of Equal Shares left unspent (step {round} of the completion): it still fit."
            ),
            ExplanationPart::FundedFree => format!("“{title}” costs nothing and was funded first."),
            ExplanationPart::FundedGreedy { position, cost, left } => format!(
                "“{title}” was funded: it came {} in the order of support, and its cost {} fit in the {} still left.",
                ordinal(*position),
                format_amount(*cost),
                left.grouped()
            ),
            ExplanationPart::FundedGreedyStep { round } => {
                format!("“{title}” was funded in step {round} of greedy.")
            }
            ExplanationPart::NotFundedGreedy { position, cost, left } => format!(
                "“{title}” was not funded: it came {} in the order of support, and when its turn came only {} was left, less than its cost {}.",
                ordinal(*position),
                left.grouped(),
                format_amount(*cost)
            ),
            ExplanationPart::NotFundedNoRoom { price, votes } => format!(
                "“{title}” was not funded: its supporters still had enough money to pay {} each (an effective support of {} voters), but it no longer fit in the budget.",
                price.grouped(),
                votes.grouped()
            ),
            ExplanationPart::NotFundedShort {
                supporters,
                with_money,
                money,
                short,
                cost,
            } => format!(
                "“{title}” was not funded: at the end its {supporters} supporters had {} left between them{}, {} short of its cost {}.",
                money.grouped(),
                if with_money < supporters {
                    format!(" (only {with_money} of them had any money left)")
                } else {
                    String::new()
                },
                short.grouped(),
                format_amount(*cost)
            ),
            ExplanationPart::NotFunded => format!("“{title}” was not funded."),
            ExplanationPart::WouldBeFundedAt { max, by } => format!(
                "It would have been funded had it cost at most {} ({} less).",
                format_amount(*max),
                format_amount(*by)
            ),
            ExplanationPart::NoLowerCost => "No lower cost would have got it funded.".to_string(),
            ExplanationPart::MoreSupporters { n } => format!(
                "With {n} more supporter{} it would have been funded.",
                if *n == 1 { "" } else { "s" }
            ),
        }
    }
}

impl ProjectExplanation {
    /// The explanation as sentences: whether and how it was funded, then (left out,
    /// explained in full) the cost that would have done and the supporters it lacked.
    pub fn parts(&self) -> Vec<ExplanationPart> {
        let mut parts = vec![if self.funded {
            self.funded_part()
        } else {
            self.left_out_part()
        }];
        if !self.funded && self.depth == ExplainDepth::Full {
            parts.push(match (self.would_be_funded_at_cost, self.cheaper_by) {
                (Some(max), Some(by)) => ExplanationPart::WouldBeFundedAt { max, by },
                _ => ExplanationPart::NoLowerCost,
            });
            if let Some(n) = self.more_supporters_needed {
                parts.push(ExplanationPart::MoreSupporters { n });
            }
        }
        parts
    }

    /// The explanation in plain English words; `title` names the project.
    pub fn message(&self, title: &str) -> String {
        let sentences: Vec<String> = self.parts().iter().map(|p| p.message(title)).collect();
        sentences.join(" ")
    }

    fn funded_part(&self) -> ExplanationPart {
        let round = self.round.unwrap_or(0);
        match self.stage {
            Some(Stage::EqualShares) => ExplanationPart::FundedEqualShares {
                round,
                supporters: self.supporters,
                full_payers: self.full_payers.unwrap_or(0),
                partial_payers: self.partial_payers.unwrap_or(0),
                price: self.price_per_supporter.clone().unwrap_or_else(Exact::zero),
            },
            Some(Stage::Completion) => ExplanationPart::FundedCompletion { round },
            Some(Stage::Free) => ExplanationPart::FundedFree,
            _ => match (self.greedy_position, &self.budget_left_when_reached) {
                (Some(position), Some(left)) => ExplanationPart::FundedGreedy {
                    position,
                    cost: self.cost,
                    left: left.clone(),
                },
                _ => ExplanationPart::FundedGreedyStep { round },
            },
        }
    }

    fn left_out_part(&self) -> ExplanationPart {
        if let (Some(position), Some(left)) = (self.greedy_position, &self.budget_left_when_reached)
        {
            return ExplanationPart::NotFundedGreedy {
                position,
                cost: self.cost,
                left: left.clone(),
            };
        }
        match (
            &self.money_behind,
            &self.shortfall,
            &self.price_needed,
            &self.effective_votes,
        ) {
            (Some(_), _, Some(price), Some(votes)) => ExplanationPart::NotFundedNoRoom {
                price: price.clone(),
                votes: votes.clone(),
            },
            (Some(money), Some(short), _, None) => ExplanationPart::NotFundedShort {
                supporters: self.supporters,
                with_money: self.supporters_with_money.unwrap_or(0),
                money: money.clone(),
                short: short.clone(),
                cost: self.cost,
            },
            _ => ExplanationPart::NotFunded,
        }
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, …, `11th`, `12th`, `13th`, `21st`, …
pub fn ordinal(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }

    #[test]
    fn parts_serialize_with_their_code() {
        let part = ExplanationPart::MoreSupporters { n: 2 };
        let json = serde_json::to_value(&part).unwrap();
        assert_eq!(json, serde_json::json!({"code": "more_supporters", "n": 2}));
        assert_eq!(json["code"], part.code());
        assert_eq!(
            part.message("X"),
            "With 2 more supporters it would have been funded."
        );
        assert_eq!(
            ExplanationPart::MoreSupporters { n: 1 }.message("X"),
            "With 1 more supporter it would have been funded."
        );
    }
}
