//! The greedy rule family as pabulib-checker 1.0.8 recomputes it.
//!
//! Projects are taken in decreasing order of their votes/score (see
//! [`ProjectScores`]); equal figures keep file order. Amounts are exact
//! (the checker uses floats; no official file depends on the difference).

use super::num::{int, ratio, zero};
use super::scores::ProjectScores;
use crate::{Decimal, Election};
use num_rational::BigRational;

/// The cost pabulib-checker treats as "withdrawn project" under greedy-no-skip.
pub const SENTINEL_COST: i128 = 999_999_999;

/// Which greedy variant to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GreedyVariant {
    /// Skip projects that do not fit; keep going.
    Skip,
    /// Stop at the first project that does not fit (sentinel-cost projects are passed over).
    NoSkip,
    /// Poznań: stop at the first project that does not fit, but fund it too
    /// if at least 80% of its cost is left; then fund the `reserve` next
    /// best projects (the file marks them `3`; their extra budget is not in the file).
    Poznan {
        /// How many reserve-funded projects the file marks.
        reserve: usize,
    },
}

/// What happened to a project when the greedy rule reached it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GreedyDecision {
    /// Funded: it fit the remaining budget.
    Funded,
    /// Funded by Poznań's 80% rule (at least 80% of its cost was left).
    FundedEightyPercent,
    /// Funded from reserve funds (Poznań, selected = 3).
    FundedReserve,
    /// Not funded: it cost more than the remaining budget.
    TooExpensive,
    /// Not funded: its votes/score is below the threshold.
    BelowThreshold,
    /// Not funded: a sentinel-cost (withdrawn) project.
    Withdrawn,
    /// Not funded: the rule had stopped before reaching it.
    NotReached,
}

impl GreedyDecision {
    /// Whether the project is funded.
    pub fn funded(&self) -> bool {
        matches!(
            self,
            GreedyDecision::Funded
                | GreedyDecision::FundedEightyPercent
                | GreedyDecision::FundedReserve
        )
    }
}

/// One project as the greedy rule considered it, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GreedyStep {
    /// Index into [`Election::projects`].
    pub project: usize,
    /// 1-based position in the order.
    pub position: usize,
    /// Its votes/score.
    pub score: Decimal,
    /// Its cost.
    pub cost: BigRational,
    /// The budget left when the rule reached it.
    pub remaining_before: BigRational,
    /// What happened.
    pub decision: GreedyDecision,
}

/// The whole run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GreedyRun {
    /// Every project, in the order considered.
    pub steps: Vec<GreedyStep>,
    /// Budget left at the end.
    pub remaining: BigRational,
}

impl GreedyRun {
    /// Funded project indices, in the order funded.
    pub fn funded(&self) -> Vec<usize> {
        self.steps
            .iter()
            .filter(|s| s.decision.funded())
            .map(|s| s.project)
            .collect()
    }
}

/// Runs a greedy variant with a minimum votes/score `threshold` (0 for none).
pub fn run(
    election: &Election,
    scores: &ProjectScores,
    budget: Decimal,
    threshold: Decimal,
    variant: &GreedyVariant,
) -> GreedyRun {
    let mut remaining = ratio(budget);
    let sentinel = int(SENTINEL_COST);
    let four_fifths = BigRational::new(4.into(), 5.into());
    let mut stopped = false;
    let mut steps = Vec::with_capacity(election.projects.len());
    for (pos, p) in scores.order().into_iter().enumerate() {
        let score = scores.values[p];
        let cost = ratio(election.projects[p].cost);
        let remaining_before = remaining.clone();
        let poznan = matches!(variant, GreedyVariant::Poznan { .. });
        let decision = if stopped {
            GreedyDecision::NotReached
        } else if !poznan && score < threshold {
            GreedyDecision::BelowThreshold
        } else if *variant == GreedyVariant::NoSkip && cost == sentinel {
            GreedyDecision::Withdrawn
        } else if remaining >= cost {
            remaining -= &cost;
            GreedyDecision::Funded
        } else {
            match variant {
                GreedyVariant::Skip => GreedyDecision::TooExpensive,
                GreedyVariant::NoSkip => {
                    stopped = true;
                    GreedyDecision::TooExpensive
                }
                GreedyVariant::Poznan { .. } => {
                    stopped = true;
                    if remaining >= &cost * &four_fifths {
                        GreedyDecision::FundedEightyPercent
                    } else {
                        GreedyDecision::TooExpensive
                    }
                }
            }
        };
        steps.push(GreedyStep {
            project: p,
            position: pos + 1,
            score,
            cost,
            remaining_before,
            decision,
        });
    }
    if let GreedyVariant::Poznan { reserve } = variant {
        let mut left = *reserve;
        for s in steps.iter_mut() {
            if left == 0 {
                break;
            }
            if !s.decision.funded() {
                s.decision = GreedyDecision::FundedReserve;
                left -= 1;
            }
        }
    }
    if remaining < zero() {
        remaining = zero();
    }
    GreedyRun { steps, remaining }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::official::scores::ScoreSource;
    use crate::Project;

    fn election(costs: &[i128]) -> Election {
        Election {
            projects: costs
                .iter()
                .enumerate()
                .map(|(i, &c)| Project {
                    id: format!("p{i}"),
                    cost: Decimal::from_int(c),
                    fields: Default::default(),
                })
                .collect(),
            ..Election::default()
        }
    }

    fn scores(v: &[i128]) -> ProjectScores {
        ProjectScores {
            source: ScoreSource::VotesColumn,
            values: v.iter().map(|&x| Decimal::from_int(x)).collect(),
        }
    }

    fn ids(e: &Election, run: &GreedyRun) -> Vec<String> {
        run.funded()
            .iter()
            .map(|&i| e.projects[i].id.clone())
            .collect()
    }

    #[test]
    fn greedy_skips_and_no_skip_stops() {
        let e = election(&[60, 50, 30, 10]);
        let s = scores(&[10, 9, 8, 7]);
        let b = Decimal::from_int(100);
        let zero = Decimal::from_int(0);
        let skip = run(&e, &s, b, zero, &GreedyVariant::Skip);
        assert_eq!(ids(&e, &skip), ["p0", "p2", "p3"]);
        assert_eq!(skip.remaining, int(0));
        assert_eq!(skip.steps[1].decision, GreedyDecision::TooExpensive);
        assert_eq!(skip.steps[1].remaining_before, int(40));
        let stop = run(&e, &s, b, zero, &GreedyVariant::NoSkip);
        assert_eq!(ids(&e, &stop), ["p0"]);
        assert_eq!(stop.steps[2].decision, GreedyDecision::NotReached);
    }

    #[test]
    fn threshold_and_ties_by_file_order() {
        let e = election(&[10, 10, 10]);
        let s = scores(&[5, 7, 7]);
        let r = run(
            &e,
            &s,
            Decimal::from_int(100),
            Decimal::from_int(6),
            &GreedyVariant::Skip,
        );
        assert_eq!(ids(&e, &r), ["p1", "p2"]);
        assert_eq!(r.steps[2].decision, GreedyDecision::BelowThreshold);
    }

    #[test]
    fn poznan_eighty_percent_and_reserve() {
        let e = election(&[60, 50, 30, 10]);
        let s = scores(&[10, 9, 8, 7]);
        let r = run(
            &e,
            &s,
            Decimal::from_int(100),
            Decimal::from_int(0),
            &GreedyVariant::Poznan { reserve: 1 },
        );
        // 60 fits; 50 > 40 but 40 >= 0.8 * 50: funded; stop; one reserve project: p2.
        assert_eq!(ids(&e, &r), ["p0", "p1", "p2"]);
        assert_eq!(r.steps[1].decision, GreedyDecision::FundedEightyPercent);
        assert_eq!(r.steps[2].decision, GreedyDecision::FundedReserve);
    }
}
