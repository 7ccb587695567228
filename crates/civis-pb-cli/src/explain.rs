//! `civis pb explain`: why each project was or was not funded under a rule
//! (see `civis_pb::explain` for what is computed).
//!
//! Text output: a header (`file`, `rule`, `budget`, `spent`, `MES budget
//! per voter` for MES, `funded`), one paragraph a project, then the voter
//! figures. Amounts are exact (fractions as `n/d` when they have no finite
//! decimal form).
//!
//! `--json` prints one object: `{"file", "rule", "sat", "completion",
//! "tie_break", "budget", "spent", "mes_budget_per_voter", "funded": [ids
//! in the order chosen], "projects": [{"id", "cost", "supporters",
//! "funded", "phase", "round", "price", "full_payers", "partial_payers",
//! "position", "remaining_before", "fit", "money_behind",
//! "supporters_with_money", "shortfall", "price_needed", "effective_votes",
//! "would_need_to_cost", "supporters_needed"}], "voters": {"voters",
//! "average_cardinality_satisfaction", "average_cost_satisfaction",
//! "average_cost_satisfaction_share", "share_with_funded_project",
//! "gini_cost_satisfaction"}}`. Amounts are exact strings; voter figures
//! are numbers; fields that do not apply are `null`.

use std::io::Write;

use civis_pb::explain::{explain, Explanation, ProjectExplanation, RuleKind};
use civis_pb::rules::Rational;
use civis_pb::Election;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

use crate::outcome_rule::{run_rule, satisfaction, tie_break, validate};
use crate::{ExplainArgs, RuleArg};

/// An exact rational as text: a decimal when it has a finite one, else `n/d`.
pub fn exact(r: &Rational) -> String {
    let mut d = r.denom().clone();
    let mut scale = 0u32;
    let two = BigInt::from(2);
    let five = BigInt::from(5);
    let ten = BigInt::from(10);
    let (mut twos, mut fives) = (0u32, 0u32);
    while d.is_even() {
        d /= &two;
        twos += 1;
    }
    while (&d % &five).is_zero() {
        d /= &five;
        fives += 1;
    }
    if d != BigInt::from(1) {
        return format!("{}/{}", r.numer(), r.denom());
    }
    scale = scale.max(twos).max(fives);
    let units = r * Rational::from_integer(num_traits::pow(ten, scale as usize));
    let units = units.to_integer();
    if scale == 0 {
        return units.to_string();
    }
    let neg = units < BigInt::zero();
    let digits = units.magnitude().to_string();
    let s = scale as usize;
    let padded = format!("{digits:0>width$}", width = s + 1);
    let (int, frac) = padded.split_at(padded.len() - s);
    format!("{}{int}.{frac}", if neg { "-" } else { "" })
}

fn float(r: &Rational) -> f64 {
    r.to_f64().unwrap_or(f64::NAN)
}

/// Wire form of one project's explanation.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ProjectJson {
    /// `project_id`.
    pub id: String,
    /// Cost, exact.
    pub cost: String,
    /// Voters listing it.
    pub supporters: usize,
    /// Whether it is funded.
    pub funded: bool,
    /// Phase that funded it (`mes`, `greedy`, `phragmen`, `zero-cost`).
    pub phase: Option<String>,
    /// Round within the phase.
    pub round: Option<usize>,
    /// MES price per supporter / Phragmén load.
    pub price: Option<String>,
    /// MES: supporters paying the full price.
    pub full_payers: Option<usize>,
    /// MES: supporters paying all they had left.
    pub partial_payers: Option<usize>,
    /// Greedy: 1-based position in the order.
    pub position: Option<usize>,
    /// Greedy: budget left when reached.
    pub remaining_before: Option<String>,
    /// Greedy: whether it fit.
    pub fit: Option<bool>,
    /// MES, left out: supporters' money at the end.
    pub money_behind: Option<String>,
    /// MES, left out: supporters with money left.
    pub supporters_with_money: Option<usize>,
    /// MES, left out: what they lacked.
    pub shortfall: Option<String>,
    /// MES, left out but affordable: price per supporter needed.
    pub price_needed: Option<String>,
    /// MES, left out but affordable: effective vote count.
    pub effective_votes: Option<String>,
    /// Left out: highest cost at which the rule funds it.
    pub would_need_to_cost: Option<String>,
    /// Greedy, left out: extra supporters needed.
    pub supporters_needed: Option<u64>,
}

impl ProjectJson {
    fn new(p: &ProjectExplanation) -> Self {
        let f = p.funded.as_ref();
        let g = p.greedy.as_ref();
        let m = p.mes.as_ref();
        ProjectJson {
            id: p.id.clone(),
            cost: p.cost.to_string(),
            supporters: p.supporters,
            funded: f.is_some(),
            phase: f.map(|f| f.phase.as_str().to_string()),
            round: f.map(|f| f.round),
            price: f.and_then(|f| f.price.as_ref()).map(exact),
            full_payers: f.and_then(|f| f.full_payers),
            partial_payers: f.and_then(|f| f.partial_payers),
            position: g.map(|g| g.position),
            remaining_before: g.map(|g| exact(&g.remaining_before)),
            fit: g.map(|g| g.fit),
            money_behind: m.map(|m| exact(&m.money_behind)),
            supporters_with_money: m.map(|m| m.supporters_with_money),
            shortfall: m.map(|m| exact(&m.shortfall)),
            price_needed: m.and_then(|m| m.price_needed.as_ref()).map(exact),
            effective_votes: m.and_then(|m| m.effective_votes.as_ref()).map(exact),
            would_need_to_cost: p.would_need_to_cost.map(|c| c.to_string()),
            supporters_needed: p.supporters_needed,
        }
    }
}

/// Wire form of the voter figures.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VotersJson {
    /// Number of voters.
    pub voters: usize,
    /// Mean number of funded projects per ballot.
    pub average_cardinality_satisfaction: f64,
    /// Mean cost of funded projects per ballot.
    pub average_cost_satisfaction: f64,
    /// Mean funded share of a ballot's cost.
    pub average_cost_satisfaction_share: f64,
    /// Share of voters with a funded project.
    pub share_with_funded_project: f64,
    /// Gini coefficient of cost satisfaction.
    pub gini_cost_satisfaction: f64,
}

/// Wire form of an explanation (`--json`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExplainJson {
    /// The file as given.
    pub file: String,
    /// `greedy`, `mes` or `phragmen`.
    pub rule: String,
    /// `cost` or `cardinality`.
    pub sat: String,
    /// The completion.
    pub completion: String,
    /// The tie-breaking.
    pub tie_break: String,
    /// META budget, exact.
    pub budget: String,
    /// Cost of the funded projects, exact.
    pub spent: String,
    /// MES: starting budget per voter in the run kept, exact.
    pub mes_budget_per_voter: Option<String>,
    /// Funded project ids, in the order chosen.
    pub funded: Vec<String>,
    /// Per project.
    pub projects: Vec<ProjectJson>,
    /// Voter figures.
    pub voters: VotersJson,
}

fn value_name<T: clap::ValueEnum>(v: T) -> String {
    v.to_possible_value()
        .map(|p| p.get_name().to_string())
        .unwrap_or_default()
}

impl ExplainJson {
    fn new(args: &ExplainArgs, e: &Election, x: &Explanation) -> Self {
        let v = &x.voters;
        ExplainJson {
            file: args.file.display().to_string(),
            rule: value_name(args.rule),
            sat: value_name(args.sat),
            completion: value_name(args.completion),
            tie_break: value_name(args.tie_break),
            budget: x.budget.to_string(),
            spent: exact(&x.spent),
            mes_budget_per_voter: x.mes_budget_per_voter.as_ref().map(exact),
            funded: x.funded.iter().map(|&p| e.projects[p].id.clone()).collect(),
            projects: x.projects.iter().map(ProjectJson::new).collect(),
            voters: VotersJson {
                voters: v.voters,
                average_cardinality_satisfaction: float(&v.average_cardinality_satisfaction),
                average_cost_satisfaction: float(&v.average_cost_satisfaction),
                average_cost_satisfaction_share: float(&v.average_cost_satisfaction_share),
                share_with_funded_project: float(&v.share_with_funded_project),
                gini_cost_satisfaction: float(&v.gini_cost_satisfaction),
            },
        }
    }
}

/// Explains an outcome (`civis pb explain`); returns the exit code.
pub fn run(args: ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if let Err(m) = validate(args.rule, args.sat, args.completion) {
        return crate::fail(err, m);
    }
    let election = match crate::input::load(&args.file) {
        Ok(e) => e,
        Err(e) => return crate::fail(err, e),
    };
    let kind = match args.rule {
        RuleArg::Greedy => RuleKind::Greedy,
        RuleArg::Mes => RuleKind::Mes,
        RuleArg::Phragmen => RuleKind::Phragmen,
    };
    let runner = |e: &Election| run_rule(e, args.rule, args.sat, args.completion, args.tie_break);
    let x = match explain(
        &election,
        kind,
        satisfaction(args.sat),
        tie_break(args.tie_break),
        &runner,
        args.project.as_deref(),
    ) {
        Ok(x) => x,
        Err(e) => return crate::fail(err, format!("{}: {e}", args.file.display())),
    };
    let wire = ExplainJson::new(&args, &election, &x);
    let written = if args.json {
        serde_json::to_string(&wire)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        write_text(out, &wire)
    };
    match written {
        Ok(()) => 0,
        Err(e) => crate::fail(err, format!("cannot write output: {e}")),
    }
}

/// An exact amount for reading: fractions as `≈` two decimals.
fn shown(s: &str) -> String {
    match s.split_once('/') {
        Some((n, d)) => match (n.parse::<f64>(), d.parse::<f64>()) {
            (Ok(n), Ok(d)) => format!("≈{:.2}", n / d),
            _ => s.to_string(),
        },
        None => s.to_string(),
    }
}

fn pct(x: f64) -> String {
    format!("{:.2}%", 100.0 * x)
}

fn write_text(out: &mut dyn Write, w: &ExplainJson) -> std::io::Result<()> {
    writeln!(out, "file: {}", w.file)?;
    writeln!(
        out,
        "rule: {} (satisfaction {}, completion {}, ties {})",
        w.rule, w.sat, w.completion, w.tie_break
    )?;
    writeln!(out, "budget: {}", w.budget)?;
    writeln!(out, "spent: {}", shown(&w.spent))?;
    if let Some(b) = &w.mes_budget_per_voter {
        writeln!(out, "MES budget per voter: {}", shown(b))?;
    }
    writeln!(
        out,
        "funded: {}",
        if w.funded.is_empty() {
            "-".to_string()
        } else {
            w.funded.join(", ")
        }
    )?;
    for p in &w.projects {
        writeln!(out)?;
        writeln!(
            out,
            "{} (cost {}, {} supporters)",
            p.id, p.cost, p.supporters
        )?;
        if let (Some(pos), Some(left), Some(fit)) = (p.position, &p.remaining_before, p.fit) {
            writeln!(
                out,
                "  greedy reached it at position {pos} with {} left: it {}",
                shown(left),
                if fit { "fit" } else { "did not fit" }
            )?;
        }
        if p.funded {
            let phase = p.phase.as_deref().unwrap_or("-");
            let round = p.round.unwrap_or(0);
            match (phase, &p.price) {
                ("mes", Some(price)) => writeln!(
                    out,
                    "  funded in MES round {round} at {} per supporter ({} paid it in full, {} paid all they had left)",
                    shown(price),
                    p.full_payers.unwrap_or(0),
                    p.partial_payers.unwrap_or(0)
                )?,
                ("phragmen", Some(load)) => {
                    writeln!(out, "  funded in Phragmén round {round}; its supporters' load became {}", shown(load))?
                }
                _ => writeln!(out, "  funded by {phase} (step {round})")?,
            }
            continue;
        }
        writeln!(out, "  not funded")?;
        if let (Some(money), Some(with), Some(short)) =
            (&p.money_behind, p.supporters_with_money, &p.shortfall)
        {
            writeln!(
                out,
                "  at the end of MES its supporters held {} ({with} of them with money left), {} short of its cost",
                shown(money),
                shown(short)
            )?;
            if let (Some(price), Some(eff)) = (&p.price_needed, &p.effective_votes) {
                writeln!(
                    out,
                    "  they could pay {} each (effective votes {})",
                    shown(price),
                    shown(eff)
                )?;
            }
        }
        if let Some(k) = p.supporters_needed {
            writeln!(out, "  it needed {k} more supporter(s)")?;
        }
        match &p.would_need_to_cost {
            Some(c) => writeln!(out, "  it would have been funded at a cost of {c} or less")?,
            None => writeln!(out, "  no lower cost would have got it funded")?,
        }
    }
    let v = &w.voters;
    writeln!(out)?;
    writeln!(out, "voters: {}", v.voters)?;
    writeln!(
        out,
        "average satisfaction: {:.2} funded projects, {:.2} in cost ({} of what they voted for)",
        v.average_cardinality_satisfaction,
        v.average_cost_satisfaction,
        pct(v.average_cost_satisfaction_share)
    )?;
    writeln!(
        out,
        "voters with a funded project: {}",
        pct(v.share_with_funded_project)
    )?;
    writeln!(
        out,
        "Gini coefficient of cost satisfaction: {:.4}",
        v.gini_cost_satisfaction
    )?;
    Ok(())
}
