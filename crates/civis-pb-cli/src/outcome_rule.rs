//! The rule the `--rule`, `--sat`, `--completion` and `--tie-break`
//! options choose, as one function from an election to an outcome.

use civis_pb::official::equal_shares::Variant;
use civis_pb::rules::completion_equalshares::{mes_add1u, mes_pabulib};
use civis_pb::rules::{self, MesBudget, MesParams, Outcome, Profile, Satisfaction, TieBreak};
use civis_pb::Election;

use crate::{CompletionArg, RuleArg, SatArg, TieBreakArg};

/// The satisfaction function of `--sat`.
pub fn satisfaction(sat: SatArg) -> Satisfaction {
    match sat {
        SatArg::Cost => Satisfaction::Cost,
        SatArg::Cardinality => Satisfaction::Cardinality,
    }
}

/// The tie-breaking of `--tie-break`.
pub fn tie_break(tie: TieBreakArg) -> TieBreak {
    match tie {
        TieBreakArg::Lexico => TieBreak::Lexico,
        TieBreakArg::CostVotes => TieBreak::CostVotes,
        TieBreakArg::File => TieBreak::File,
    }
}

/// Whether the options make sense together (a message saying why not).
pub fn validate(rule: RuleArg, sat: SatArg, completion: CompletionArg) -> Result<(), String> {
    match (rule, completion) {
        (RuleArg::Mes, _) | (_, CompletionArg::None) => {}
        _ => return Err("--completion applies to --rule mes only".into()),
    }
    if matches!(completion, CompletionArg::Add1u | CompletionArg::Pabulib) && sat != SatArg::Cost {
        return Err(
            "--completion add1u and pabulib use cost satisfaction (as equalshares.net and pabulib-checker do): use --sat cost"
                .into(),
        );
    }
    Ok(())
}

/// Computes the outcome of the chosen rule.
pub fn run_rule(
    election: &Election,
    rule: RuleArg,
    sat: SatArg,
    completion: CompletionArg,
    tie: TieBreakArg,
) -> Result<Outcome, String> {
    validate(rule, sat, completion)?;
    let profile = Profile::from_election(election).map_err(|e| e.to_string())?;
    Ok(compute(
        &profile,
        rule,
        satisfaction(sat),
        completion,
        tie_break(tie),
        Variant::for_election(election),
    ))
}

/// The outcome of a rule whose options [`validate`] accepted; `variant` is the
/// Equal Shares rule of `--completion pabulib` (from the file's META `rule`).
pub fn compute(
    profile: &Profile,
    rule: RuleArg,
    sat: Satisfaction,
    completion: CompletionArg,
    tie: TieBreak,
    variant: Variant,
) -> Outcome {
    let order = tie.order(profile);
    match (rule, completion) {
        (RuleArg::Greedy, _) => rules::greedy(profile, sat, &order),
        (RuleArg::Phragmen, _) => rules::phragmen(profile, &order),
        (RuleArg::Mes, CompletionArg::None) => rules::mes(
            profile,
            &MesParams {
                sat,
                budget: MesBudget::Equal,
            },
            &order,
        ),
        (RuleArg::Mes, CompletionArg::Add1) => rules::mes_add1_greedy(profile, sat, &order),
        (RuleArg::Mes, CompletionArg::Add1u) => mes_add1u(profile, &order),
        (RuleArg::Mes, CompletionArg::Pabulib) => mes_pabulib(profile, &order, variant),
    }
}
