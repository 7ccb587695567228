//! `civis pb tally`: the outcome of an election under an outcome rule.
//!
//! Rules (exactly as pabutools 1.2.3 computes them; every ballot counts as
//! approval of the projects it lists): `greedy` (utilitarian greedy),
//! `mes` (Method of Equal Shares, no completion unless `--completion add1`:
//! per-voter budget increments of one currency unit, then utilitarian
//! greedy; `--completion add1u`: equalshares.net's recommended completion;
//! `--completion pabulib`: the Equal Shares rule the file's META `rule`
//! names, as pabulib-checker computes it; both need `--sat cost`, see
//! `civis_pb::rules::completion_equalshares`), `phragmen` (sequential Phragmén; `--sat` does not apply).
//! `--sat cost|cardinality` (default `cost`), `--tie-break lexico` (project
//! id as a string, default) `| cost-votes` (lower cost, then more votes, then
//! id) `| file` (file order).
//!
//! Text output: a header (`rule`, `budget`, `cost`, `left`, `selected`),
//! then one table row per selected project in selection order: `#`,
//! `phase` (`mes`, `greedy`, `phragmen`, `zero-cost`), `round`, `project`,
//! `cost`, `votes`, `price` (MES: what each supporter paid, exact fraction
//! with a decimal approximation; Phragmén: the supporters' new load).
//!
//! `--json` prints one object:
//! `{"file", "rule", "sat", "completion", "tie_break",
//!   "selected": [project ids sorted as strings],
//!   "budget", "cost", "left" (exact decimal strings),
//!   "mes_budget_per_voter" (exact fraction string or null: the per-voter
//!   budget of the kept MES run with `add1`), "mes_runs" (MES runs computed),
//!   "order": [{"project", "phase", "round", "cost", "votes",
//!              "price" (exact fraction string or null)}, … in selection order]}`.
//!
//! Exit codes: 0 success, 2 the tally could not run (message on stderr).

use std::io::Write;

use civis_pb::official::equal_shares::Variant;
use civis_pb::rules::{Outcome, Profile, Rational, Satisfaction, TieBreak};

use crate::outcome_rule::{self, satisfaction, tie_break, validate};
use crate::{CompletionArg, RuleArg, TallyArgs};

/// Wire form of a tally (`--json`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct TallyJson {
    /// The file as given.
    pub file: String,
    /// `greedy`, `mes` or `phragmen`.
    pub rule: String,
    /// `cost` or `cardinality`.
    pub sat: String,
    /// `none` or `add1`.
    pub completion: String,
    /// `lexico`, `cost-votes` or `file`.
    pub tie_break: String,
    /// Selected project ids, sorted as strings.
    pub selected: Vec<String>,
    /// Budget limit (exact decimal).
    pub budget: String,
    /// Total cost of the selected projects (exact decimal).
    pub cost: String,
    /// Budget minus cost (exact decimal).
    pub left: String,
    /// With `add1`: the per-voter budget of the MES run kept (exact fraction).
    pub mes_budget_per_voter: Option<String>,
    /// With `add1`: how many MES runs were computed.
    pub mes_runs: usize,
    /// Selected projects in selection order.
    pub order: Vec<SelectionJson>,
}

/// Wire form of one selection.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SelectionJson {
    /// Project id.
    pub project: String,
    /// `mes`, `greedy`, `phragmen` or `zero-cost`.
    pub phase: String,
    /// 1-based round within the phase.
    pub round: usize,
    /// Project cost (exact decimal).
    pub cost: String,
    /// Number of voters approving the project.
    pub votes: u64,
    /// MES price per supporter / Phragmén load (exact fraction), if any.
    pub price: Option<String>,
}

/// What to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TallySpec {
    /// The rule.
    pub rule: RuleArg,
    /// The satisfaction measure.
    pub sat: Satisfaction,
    /// Completion.
    pub completion: CompletionArg,
    /// Tie-breaking.
    pub tie: TieBreak,
    /// For `--completion pabulib`: which Equal Shares rule (from META `rule`).
    pub pabulib: Variant,
}

impl TallySpec {
    /// Checks the combination of options.
    pub fn from_args(args: &TallyArgs) -> Result<TallySpec, String> {
        validate(args.rule, args.sat, args.completion)?;
        Ok(TallySpec {
            rule: args.rule,
            sat: satisfaction(args.sat),
            completion: args.completion,
            tie: tie_break(args.tie_break),
            pabulib: Variant {
                add1: true,
                comparison: false,
            },
        })
    }

    /// Computes the outcome.
    pub fn compute(&self, profile: &Profile) -> Outcome {
        outcome_rule::compute(
            profile,
            self.rule,
            self.sat,
            self.completion,
            self.tie,
            self.pabulib,
        )
    }
}

fn rule_name(r: RuleArg) -> &'static str {
    match r {
        RuleArg::Greedy => "greedy",
        RuleArg::Mes => "mes",
        RuleArg::Phragmen => "phragmen",
    }
}

fn completion_name(c: CompletionArg) -> &'static str {
    match c {
        CompletionArg::None => "none",
        CompletionArg::Add1 => "add1",
        CompletionArg::Add1u => "add1u",
        CompletionArg::Pabulib => "pabulib",
    }
}

fn fraction(r: &Rational) -> String {
    if r.is_integer() {
        r.numer().to_string()
    } else {
        format!("{}/{}", r.numer(), r.denom())
    }
}

impl TallyJson {
    /// The wire form of `outcome`.
    pub fn new(file: String, spec: &TallySpec, profile: &Profile, outcome: &Outcome) -> Self {
        let cost = outcome.cost(profile);
        TallyJson {
            file,
            rule: rule_name(spec.rule).into(),
            sat: spec.sat.as_str().into(),
            completion: completion_name(spec.completion).into(),
            tie_break: spec.tie.as_str().into(),
            selected: outcome
                .sorted_ids(profile)
                .into_iter()
                .map(String::from)
                .collect(),
            budget: profile.to_decimal(profile.budget()).to_string(),
            cost: profile.to_decimal(cost).to_string(),
            left: profile.to_decimal(profile.budget() - cost).to_string(),
            mes_budget_per_voter: outcome.mes_budget_per_voter.as_ref().map(fraction),
            mes_runs: outcome.mes_runs,
            order: outcome
                .selections
                .iter()
                .map(|s| SelectionJson {
                    project: profile.id(s.project).to_string(),
                    phase: s.phase.as_str().into(),
                    round: s.round,
                    cost: profile.to_decimal(profile.cost(s.project)).to_string(),
                    votes: profile.approvals(s.project),
                    price: s.price.as_ref().map(fraction),
                })
                .collect(),
        }
    }
}

/// Computes an outcome (`civis pb tally`); returns the exit code.
pub fn run(args: TallyArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut spec = match TallySpec::from_args(&args) {
        Ok(s) => s,
        Err(e) => return crate::fail(err, e),
    };
    let ballots = match crate::input::load_ballots(&args.file) {
        Ok(b) => b,
        Err(e) => return crate::fail(err, e),
    };
    spec.pabulib = Variant::for_election(ballots.election());
    let profile = match Profile::from_owned_ballots(ballots) {
        Ok(p) => p,
        Err(e) => return crate::fail(err, format!("{}: {e}", args.file.display())),
    };
    let outcome = spec.compute(&profile);
    let wire = TallyJson::new(args.file.display().to_string(), &spec, &profile, &outcome);
    let written = if args.json {
        match serde_json::to_string_pretty(&wire) {
            Ok(s) => writeln!(out, "{s}"),
            Err(e) => return crate::fail(err, e),
        }
    } else {
        write_text(out, &wire, &outcome)
    };
    match written {
        Ok(()) => 0,
        Err(e) => crate::fail(err, format!("cannot write output: {e}")),
    }
}

fn write_text(out: &mut dyn Write, t: &TallyJson, outcome: &Outcome) -> std::io::Result<()> {
    let mut title = format!("rule: {}", t.rule);
    if t.rule != "phragmen" {
        title.push_str(&format!(", {} satisfaction", t.sat));
    }
    if t.completion != "none" {
        title.push_str(&format!(", completion {}", t.completion));
    }
    title.push_str(&format!(", tie-break {}", t.tie_break));
    writeln!(out, "{title}")?;
    writeln!(out, "budget: {}", t.budget)?;
    writeln!(out, "cost: {}", t.cost)?;
    writeln!(out, "left: {}", t.left)?;
    writeln!(out, "selected: {}", t.order.len())?;
    if let Some(b) = &t.mes_budget_per_voter {
        writeln!(out, "MES budget per voter: {b} ({} runs)", t.mes_runs)?;
    }
    let header = ["#", "phase", "round", "project", "cost", "votes", "price"];
    let rows: Vec<[String; 7]> = t
        .order
        .iter()
        .zip(&outcome.selections)
        .enumerate()
        .map(|(i, (s, sel))| {
            let price = match &sel.price {
                Some(r) => {
                    use num_traits::ToPrimitive;
                    let approx = r
                        .to_f64()
                        .map(|x| format!(" (≈{x:.2})"))
                        .unwrap_or_default();
                    let exact = fraction(r);
                    if r.is_integer() {
                        exact
                    } else {
                        format!("{exact}{approx}")
                    }
                }
                None => "-".into(),
            };
            [
                (i + 1).to_string(),
                s.phase.clone(),
                s.round.to_string(),
                s.project.clone(),
                s.cost.clone(),
                s.votes.to_string(),
                price,
            ]
        })
        .collect();
    let mut width = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(width).enumerate() {
            // Numbers right-aligned, words left-aligned; no trailing spaces.
            let pad = w - c.chars().count();
            let numeric = matches!(i, 0 | 2 | 4 | 5);
            if i > 0 {
                s.push_str("  ");
            }
            if numeric {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            }
        }
        s
    };
    writeln!(out)?;
    writeln!(out, "{}", line(&header.map(String::from)))?;
    for r in &rows {
        writeln!(out, "{}", line(r))?;
    }
    Ok(())
}
