//! Official Pabulib outcomes: the rule a file names in META `rule`,
//! recomputed the way pabulib-checker 1.0.8 verifies the `selected` column.
//!
//! [`compute`] recomputes the outcome; [`check`] compares it with the file.

pub mod equal_shares;
pub mod greedy;
pub mod mes;
pub mod num;
pub mod rule;
pub mod scores;

pub use rule::OfficialRule;

use crate::{Decimal, Election, VoteType};
use equal_shares::{checker_equal_shares, checker_profile, EqualSharesOutcome, Variant};
use greedy::{GreedyRun, GreedyVariant};
use mes::TieFallback;
use scores::{ProjectScores, ScoreError, ScoreSource};

/// Why the official outcome cannot be recomputed or compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CannotSay {
    /// META has no `rule`.
    #[error("the file names no rule (META `rule` is missing)")]
    NoRule,
    /// META `rule` is `unknown`.
    #[error("the file's rule is `unknown`")]
    UnknownRule,
    /// META `rule` is not a rule pabulib-checker knows.
    #[error("unsupported rule {0:?}")]
    UnsupportedRule(String),
    /// META `budget` is missing or not a number.
    #[error("META `budget` is missing or not a number")]
    NoBudget,
    /// `greedy-threshold` without META `min_project_score_threshold`.
    #[error("rule `greedy-threshold` but META `min_project_score_threshold` is missing")]
    MissingThreshold,
    /// META `min_project_score_threshold` is not a number.
    #[error("META `min_project_score_threshold` {0:?} is not a number")]
    BadThreshold(String),
    /// A votes/score cell is not a number.
    #[error(transparent)]
    BadScore(#[from] ScoreError),
    /// Equal Shares is verified for approval ballots only.
    #[error("rule `{rule}` is verified for approval ballots only, not {vote_type}")]
    NotApproval {
        /// The rule.
        rule: OfficialRule,
        /// The ballots.
        vote_type: &'static str,
    },
    /// An Equal Shares tie that cost and support do not break.
    #[error("Equal Shares tie between projects {0:?} that cost and support do not break")]
    Tie(Vec<String>),
    /// The PROJECTS section has no `selected` column.
    #[error("the file has no `selected` column: no official outcome to compare with")]
    NoSelectedColumn,
}

/// How the official outcome was recomputed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Computation {
    /// A greedy variant.
    Greedy {
        /// The variant run.
        variant: GreedyVariant,
        /// What ordered the projects.
        source: ScoreSource,
        /// The minimum votes/score (0 when none).
        threshold: Decimal,
        /// Every step.
        run: GreedyRun,
    },
    /// An Equal Shares rule.
    EqualShares(Box<EqualSharesOutcome>),
}

/// A recomputed official outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialOutcome {
    /// The rule.
    pub rule: OfficialRule,
    /// Selected project indices, in the order the rule selected them.
    pub selected: Vec<usize>,
    /// The details.
    pub computation: Computation,
}

/// Whether a file's unit is Poznań (its `greedy-custom` rule is known).
fn is_poznan(election: &Election) -> bool {
    matches!(
        election.meta("unit").map(str::trim),
        Some("Poznań" | "Poznan")
    )
}

/// The integer in a `selected` cell (0 when empty or not a whole number).
fn selected_value(election: &Election, p: usize) -> i128 {
    election
        .project_field(&election.projects[p], "selected")
        .and_then(|v| v.trim().parse::<Decimal>().ok())
        .filter(|d| d.is_integer())
        .map(|d| d.units())
        .unwrap_or(0)
}

/// The official outcome the file records: projects whose `selected` is 1
/// (for Poznań's `greedy-custom` also 2 and 3), in file order; `None`
/// without a `selected` column.
pub fn official_selected(election: &Election) -> Option<Vec<usize>> {
    if !election.project_columns.iter().any(|c| c == "selected") {
        return None;
    }
    let poznan = is_poznan(election)
        && election.rule().and_then(OfficialRule::parse) == Some(OfficialRule::GreedyCustom);
    Some(
        (0..election.projects.len())
            .filter(|&p| {
                let v = selected_value(election, p);
                v == 1 || (poznan && (v == 2 || v == 3))
            })
            .collect(),
    )
}

/// The rule the file names.
pub fn file_rule(election: &Election) -> Result<OfficialRule, CannotSay> {
    let raw = election.rule().map(str::trim).filter(|r| !r.is_empty());
    let raw = raw.ok_or(CannotSay::NoRule)?;
    match OfficialRule::parse(raw) {
        Some(OfficialRule::Unknown) => Err(CannotSay::UnknownRule),
        Some(r) => Ok(r),
        None => Err(CannotSay::UnsupportedRule(raw.to_string())),
    }
}

/// Recomputes the official outcome with the rule META names.
pub fn compute(election: &Election) -> Result<OfficialOutcome, CannotSay> {
    let rule = file_rule(election)?;
    compute_with(election, rule)
}

/// Recomputes the outcome of `rule` as pabulib-checker would.
pub fn compute_with(election: &Election, rule: OfficialRule) -> Result<OfficialOutcome, CannotSay> {
    let budget = election.budget().ok_or(CannotSay::NoBudget)?;
    let threshold = match election.meta("min_project_score_threshold").map(str::trim) {
        None | Some("") if rule == OfficialRule::GreedyThreshold => {
            return Err(CannotSay::MissingThreshold)
        }
        None | Some("") => Decimal::from_int(0),
        Some(t) => t
            .parse::<Decimal>()
            .map_err(|_| CannotSay::BadThreshold(t.to_string()))?,
    };
    let greedy_variant = match rule {
        OfficialRule::Greedy | OfficialRule::GreedyThreshold | OfficialRule::GreedyExclusive => {
            Some(GreedyVariant::Skip)
        }
        OfficialRule::GreedyNoSkip => Some(GreedyVariant::NoSkip),
        OfficialRule::GreedyCustom if is_poznan(election) => {
            let reserve = (0..election.projects.len())
                .filter(|&p| selected_value(election, p) == 3)
                .count();
            Some(GreedyVariant::Poznan { reserve })
        }
        OfficialRule::GreedyCustom => Some(GreedyVariant::Skip),
        _ => None,
    };
    if let Some(variant) = greedy_variant {
        let scores = ProjectScores::of(election)?;
        let run = greedy::run(election, &scores, budget, threshold, &variant);
        return Ok(OfficialOutcome {
            rule,
            selected: run.funded(),
            computation: Computation::Greedy {
                variant,
                source: scores.source,
                threshold,
                run,
            },
        });
    }
    let variant = match rule {
        OfficialRule::EqualShares => Variant {
            add1: false,
            comparison: false,
        },
        OfficialRule::EqualSharesComparison => Variant {
            add1: false,
            comparison: true,
        },
        OfficialRule::EqualSharesAdd1 => Variant {
            add1: true,
            comparison: false,
        },
        OfficialRule::EqualSharesAdd1Comparison => Variant {
            add1: true,
            comparison: true,
        },
        _ => return Err(CannotSay::UnknownRule),
    };
    if election.vote_type() != VoteType::Approval {
        return Err(CannotSay::NotApproval {
            rule,
            vote_type: election.vote_type().as_str(),
        });
    }
    let profile = checker_profile(election);
    let outcome =
        checker_equal_shares(&profile, budget, variant, &TieFallback::Fail).map_err(|t| {
            CannotSay::Tie(
                t.projects
                    .iter()
                    .map(|&p| election.projects[p].id.clone())
                    .collect(),
            )
        })?;
    Ok(OfficialOutcome {
        rule,
        selected: outcome.selected.clone(),
        computation: Computation::EqualShares(Box::new(outcome)),
    })
}

/// The verdict of [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The recomputed outcome is the file's `selected` set.
    Agrees,
    /// They differ.
    Disagrees {
        /// Marked selected in the file but not recomputed (file order).
        selected_not_computed: Vec<usize>,
        /// Recomputed but not marked selected (file order).
        computed_not_selected: Vec<usize>,
    },
    /// The file cannot say.
    CannotSay(CannotSay),
}

/// The result of checking a file's official outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// META `rule` as written (trimmed), if any.
    pub rule: Option<String>,
    /// The recomputed outcome, when it could be computed.
    pub computed: Option<OfficialOutcome>,
    /// The file's selected projects (file order), when it has the column.
    pub official: Option<Vec<usize>>,
    /// The verdict.
    pub verdict: Verdict,
}

/// Recomputes the outcome with META `rule` and compares it with `selected`.
pub fn check(election: &Election) -> CheckReport {
    let rule = election.rule().map(|r| r.trim().to_string());
    let official = official_selected(election);
    let computed = compute(election);
    let verdict = match (&computed, &official) {
        (Err(e), _) => Verdict::CannotSay(e.clone()),
        (Ok(_), None) => Verdict::CannotSay(CannotSay::NoSelectedColumn),
        (Ok(c), Some(o)) => {
            let mut computed_set = vec![false; election.projects.len()];
            c.selected.iter().for_each(|&p| computed_set[p] = true);
            let mut official_set = vec![false; election.projects.len()];
            o.iter().for_each(|&p| official_set[p] = true);
            let selected_not_computed: Vec<usize> =
                o.iter().copied().filter(|&p| !computed_set[p]).collect();
            let computed_not_selected: Vec<usize> = (0..election.projects.len())
                .filter(|&p| computed_set[p] && !official_set[p])
                .collect();
            if selected_not_computed.is_empty() && computed_not_selected.is_empty() {
                Verdict::Agrees
            } else {
                Verdict::Disagrees {
                    selected_not_computed,
                    computed_not_selected,
                }
            }
        }
    };
    CheckReport {
        rule,
        computed: computed.ok(),
        official,
        verdict,
    }
}
