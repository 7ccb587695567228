//! A published process as Pabulib elections (<https://pabulib.org/format>),
//! one per budget unit, written with the engine's Pabulib writer.
//!
//! - META: `description` (the title), `country`, `unit`, `district` (district
//!   units) or `subunit` (category units), `instance`, `num_projects`,
//!   `num_votes`, `budget` (the unit's), `vote_type` (`approval` for approval and
//!   knapsack ballots, `cumulative`, `ordinal` for rankings), `rule`, `date_begin`
//!   and `date_end` (the voting days, `DD.MM.YYYY` in UTC), the ballot limits
//!   (`min_length` when the process has one unit, `max_length` capped at the
//!   unit's projects, `max_sum_cost` for knapsack, `max_points` and
//!   `max_sum_points` for cumulative), `language`, `currency`, `fully_funded`
//!   when every project fits the budget, and a numbered `comment` saying exactly
//!   how civis computed the outcome and the rules' digest.
//! - PROJECTS: `project_id` (the proposal id), `cost` (official), `votes`,
//!   `score` (cumulative: total points; ranked: Borda positions within the unit,
//!   a ranking of `n` of its projects giving `n, n-1, …, 1`; what greedy ranks by), `name`, `category`, `selected`
//!   (1/0 from the published results), `district` (when every project of the
//!   unit has one). Only accepted, visible projects. Projects are listed in the
//!   process's tie-breaking order, so that readers that keep file order among
//!   equal votes (as pabulib-checker does) break ties as civis did.
//! - VOTES: the anonymous ballots of [`super::anonymous_ballots`] that chose a
//!   project of the unit (`voter_id` 1, 2, …), with `points` for cumulative
//!   ballots (highest first). Nothing else about voters.
//!
//! Rule names: greedy → `greedy`; MES without completion → `equalshares`; MES
//! with either add-one completion → `equalshares/add1`. Pabulib's Equal Shares
//! rules differ from civis's in details (no utilitarian completion after
//! add-one; ties by cost then votes), so the export recomputes the named rule
//! as pabulib-checker does ([`civis_pb::official::check`]); when that does not
//! give the published outcome, `rule` is `unknown` and the comment says why.

use std::collections::BTreeSet;

use civis_pb::official::{self, Verdict};
use civis_pb::{Decimal, Election, Fields, Project, Voter};

use super::{anonymous_ballots, project_results, ExportError, ProjectResult, Published, Unit};
use crate::{BallotContent, BallotFormat, Completion, OutcomeRule, ProposalId, TieBreak};

/// Where and in what language and currency a process ran: the META fields the
/// process itself does not hold (the deployment knows them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PabulibPlace {
    /// Country name in English (e.g. `Estonia`), or `Worldwide`.
    pub country: String,
    /// The city or organisation (e.g. `Tartu`).
    pub unit: String,
    /// The edition (e.g. `2026`); the year voting opened when `None`.
    pub instance: Option<String>,
    /// ISO 639-1 language of the texts (e.g. `en`); also the language of the
    /// process title used as `description`.
    pub language: String,
    /// ISO 4217 currency of the amounts (e.g. `EUR`), if known.
    pub currency: Option<String>,
}

impl Default for PabulibPlace {
    fn default() -> Self {
        PabulibPlace {
            country: "Worldwide".into(),
            unit: "civis".into(),
            instance: None,
            language: "en".into(),
            currency: None,
        }
    }
}

/// One unit's Pabulib file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PabulibFile {
    /// The budget unit (`citywide`, `district:<name>`, `category:<name>`).
    pub unit: String,
    /// A file name: `process-<id>-<unit>.pb` with the unit made file-safe.
    pub file_name: String,
    /// The election.
    pub election: Election,
    /// The file text.
    pub text: String,
}

/// Every unit's Pabulib file, in [`Published::units`] order.
pub fn pabulib_files(published: &Published<'_>, place: &PabulibPlace) -> Vec<PabulibFile> {
    let units = published.units();
    let single = units.len() == 1;
    let figures = project_results(published);
    units
        .iter()
        .map(|u| file(published, u, place, single, &figures))
        .collect()
}

/// The Pabulib file of the unit named `unit`.
pub fn pabulib_file(
    published: &Published<'_>,
    place: &PabulibPlace,
    unit: &str,
) -> Result<PabulibFile, ExportError> {
    let single = published.units().len() == 1;
    let u = published.unit(unit)?;
    Ok(file(
        published,
        &u,
        place,
        single,
        &project_results(published),
    ))
}

fn file(
    published: &Published<'_>,
    unit: &Unit<'_>,
    place: &PabulibPlace,
    single: bool,
    figures: &[ProjectResult],
) -> PabulibFile {
    let election = election_of(published, unit, place, single, figures);
    let slug: String = unit
        .name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    PabulibFile {
        unit: unit.name.clone(),
        file_name: format!("process-{}-{slug}.pb", published.process.id),
        text: civis_pb::pabulib::write(&election),
        election,
    }
}

/// The Pabulib election of one unit (see the module documentation);
/// `single_unit` says whether it is the process's only unit (then the ballot's
/// minimum length applies to it).
pub fn unit_election(
    published: &Published<'_>,
    unit: &Unit<'_>,
    place: &PabulibPlace,
    single_unit: bool,
) -> Election {
    election_of(
        published,
        unit,
        place,
        single_unit,
        &project_results(published),
    )
}

/// [`unit_election`] with every project's figures already counted.
fn election_of(
    published: &Published<'_>,
    unit: &Unit<'_>,
    place: &PabulibPlace,
    single_unit: bool,
    all: &[ProjectResult],
) -> Election {
    let rules = &published.process.settings.rules;
    let figures: Vec<&ProjectResult> = all.iter().filter(|r| r.unit == unit.name).collect();
    let mut order: Vec<usize> = (0..figures.len()).collect();
    match rules.tie_break {
        TieBreak::Lexico => {
            order.sort_by(|&a, &b| figures[a].id.to_string().cmp(&figures[b].id.to_string()))
        }
        TieBreak::CostVotes => order.sort_by(|&a, &b| {
            let (x, y) = (&figures[a], &figures[b]);
            x.cost
                .cmp(&y.cost)
                .then(y.votes.cmp(&x.votes))
                .then(x.id.to_string().cmp(&y.id.to_string()))
        }),
        TieBreak::File => order.sort_by_key(|&i| figures[i].id),
    }
    let figures: Vec<&ProjectResult> = order.into_iter().map(|i| figures[i]).collect();
    let cumulative = matches!(rules.ballot, BallotFormat::Cumulative { .. });
    let ranked = matches!(rules.ballot, BallotFormat::Ranked { .. });
    let ids: BTreeSet<ProposalId> = figures.iter().map(|f| f.id).collect();
    let ballots = anonymous_ballots(published.ballots, &ids);
    // Scores: total points, or Borda positions within the unit for rankings.
    let score = |id: ProposalId| -> u64 {
        ballots
            .iter()
            .map(|b| match &b.content {
                BallotContent::Points(p) => p
                    .iter()
                    .find(|(i, _)| *i == id)
                    .map_or(0, |(_, n)| u64::from(*n)),
                BallotContent::Ranking(r) => r
                    .iter()
                    .position(|i| *i == id)
                    .map_or(0, |pos| (r.len() - pos) as u64),
                BallotContent::Approval(_) => 0,
            })
            .sum()
    };
    let has_category = figures.iter().any(|f| f.category.is_some());
    let all_district = figures
        .iter()
        .all(|f| f.district.as_deref().is_some_and(|d| !clean(d).is_empty()));
    let mut project_columns = vec!["votes".to_string()];
    if cumulative || ranked {
        project_columns.push("score".into());
    }
    project_columns.push("name".into());
    if has_category {
        project_columns.push("category".into());
    }
    project_columns.push("selected".into());
    if all_district {
        project_columns.push("district".into());
    }
    let projects: Vec<Project> = figures
        .iter()
        .map(|f| {
            let mut cells = vec![f.votes.to_string()];
            if cumulative || ranked {
                cells.push(score(f.id).to_string());
            }
            let name = clean(&f.title);
            cells.push(if name.is_empty() {
                format!("Project {}", f.id)
            } else {
                name
            });
            if has_category {
                cells.push(f.category.as_deref().map(clean).unwrap_or_default());
            }
            cells.push(if f.selected { "1" } else { "0" }.into());
            if all_district {
                cells.push(f.district.as_deref().map(clean).unwrap_or_default());
            }
            Project {
                id: f.id.to_string(),
                cost: Decimal::from_int(i128::from(f.cost)),
                fields: cells.iter().map(String::as_str).collect(),
            }
        })
        .collect();
    let index = |id: &ProposalId| figures.iter().position(|f| f.id == *id).map(|i| i as u32);
    let voters: Vec<Voter> = ballots
        .into_iter()
        .map(|b| {
            let (vote, points) = match &b.content {
                BallotContent::Approval(v) | BallotContent::Ranking(v) => {
                    (v.iter().filter_map(index).collect(), None)
                }
                BallotContent::Points(p) => {
                    let mut p = p.clone();
                    p.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    let kept: Vec<(u32, u32)> = p
                        .iter()
                        .filter_map(|(id, n)| Some((index(id)?, *n)))
                        .collect();
                    (
                        kept.iter().map(|k| k.0).collect(),
                        Some(
                            kept.iter()
                                .map(|k| Decimal::from_int(i128::from(k.1)))
                                .collect(),
                        ),
                    )
                }
            };
            Voter {
                id: b.number.to_string(),
                vote,
                points,
                fields: Fields::default(),
            }
        })
        .collect();
    let meta = meta(published, unit, place, single_unit, &figures, voters.len());
    let mut election = Election {
        meta,
        project_columns,
        voter_columns: Vec::new(),
        projects,
        voters,
    };
    confirm_rule(&mut election);
    election
}

/// The META section, without the `rule` check.
fn meta(
    published: &Published<'_>,
    unit: &Unit<'_>,
    place: &PabulibPlace,
    single_unit: bool,
    figures: &[&ProjectResult],
    num_votes: usize,
) -> Vec<(String, String)> {
    let settings = &published.process.settings;
    let rules = &settings.rules;
    let mut m: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: String| m.push((k.to_string(), v));
    let title = clean(settings.title.get(&place.language));
    put(
        "description",
        if title.is_empty() {
            format!("Participatory budget {}", published.process.id)
        } else {
            title
        },
    );
    put("country", place.country.clone());
    put("unit", place.unit.clone());
    if let Some(d) = unit.name.strip_prefix("district:") {
        put("district", clean(d));
    }
    if let Some(c) = unit.name.strip_prefix("category:") {
        put("subunit", clean(c));
    }
    let (begin, end) = voting_days(published);
    put(
        "instance",
        place
            .instance
            .clone()
            .unwrap_or_else(|| begin.get(6..).unwrap_or_default().to_string()),
    );
    let n = figures.len() as u64;
    put("num_projects", n.to_string());
    put("num_votes", num_votes.to_string());
    put("budget", unit.budget.to_string());
    let vote_type = match rules.ballot {
        BallotFormat::Approval { .. } | BallotFormat::Knapsack { .. } => "approval",
        BallotFormat::Cumulative { .. } => "cumulative",
        BallotFormat::Ranked { .. } => "ordinal",
    };
    put("vote_type", vote_type.into());
    put("rule", rule_name(rules.rule).into());
    put("date_begin", begin);
    put("date_end", end);
    match rules.ballot {
        BallotFormat::Approval { min, max } => {
            if single_unit && min > 0 {
                put("min_length", min.min(n as u32).to_string());
            }
            if max > 0 {
                put("max_length", u64::from(max).min(n).to_string());
            }
        }
        BallotFormat::Knapsack { limit } => {
            put("max_sum_cost", limit.unwrap_or(unit.budget).to_string())
        }
        BallotFormat::Cumulative {
            points,
            max_per_project,
        } => {
            if let Some(p) = max_per_project {
                put("max_points", p.to_string());
            }
            put("max_sum_points", points.to_string());
        }
        BallotFormat::Ranked { k } => {
            if k > 0 {
                put("max_length", u64::from(k).min(n).to_string());
            }
        }
    }
    put("language", place.language.clone());
    if let Some(c) = &place.currency {
        put("currency", c.clone());
    }
    let total: u64 = figures.iter().map(|f| f.cost).sum();
    if total <= unit.budget {
        put("fully_funded", "1".into());
    }
    put(
        "comment",
        format!(
            "#1: Outcome computed by civis with {}, ties broken {}. Rules digest (SHA-256): {}.",
            rule_text(rules.rule, &rules.ballot),
            tie_text(rules.tie_break),
            published.results.rules_digest
        ),
    );
    m
}

/// Replaces an Equal Shares rule name by `unknown` (saying why in the comment)
/// when Pabulib's procedure for that name does not give the published outcome.
fn confirm_rule(election: &mut Election) {
    let named = election
        .rule()
        .and_then(official::OfficialRule::parse)
        .is_some_and(|r| r.is_equal_shares());
    if !named {
        return;
    }
    let add1 = election.rule().is_some_and(|r| r.contains("add1"));
    let agrees = if add1 && all_supported_fit(election) {
        // pabulib-checker's add-one loop never ends when every supported
        // project fits the budget: it cannot verify such a file.
        false
    } else {
        official_agrees(election)
    };
    if agrees {
        return;
    }
    let name = election.rule().unwrap_or_default().to_string();
    for (k, v) in election.meta.iter_mut() {
        if k == "rule" {
            *v = "unknown".into();
        }
        if k == "comment" {
            v.push_str(&format!(
                " #2: Pabulib's {name} procedure (no utilitarian completion; ties by cost, then votes) does not give this outcome, so the rule is given as unknown."
            ));
        }
    }
}

/// Whether the projects someone voted for cost at most the budget in total.
fn all_supported_fit(election: &Election) -> bool {
    let mut supported = vec![false; election.projects.len()];
    for v in &election.voters {
        for &p in &v.vote {
            if let Some(s) = supported.get_mut(p as usize) {
                *s = true;
            }
        }
    }
    let total = election
        .projects
        .iter()
        .zip(&supported)
        .filter(|(_, s)| **s)
        .try_fold(Decimal::from_int(0), |acc, (p, _)| acc.checked_add(&p.cost));
    match (total, election.budget()) {
        (Some(t), Some(b)) => t <= b,
        _ => true,
    }
}

/// Whether Pabulib's procedure for the named rule gives the file's outcome
/// (or cannot be run for its ballots, which pabulib-checker only warns about).
fn official_agrees(election: &Election) -> bool {
    match official::check(election).verdict {
        Verdict::Agrees | Verdict::CannotSay(official::CannotSay::NotApproval { .. }) => true,
        Verdict::Disagrees { .. } | Verdict::CannotSay(_) => false,
    }
}

/// The Pabulib name of an outcome rule.
pub fn rule_name(rule: OutcomeRule) -> &'static str {
    match rule {
        OutcomeRule::Greedy => "greedy",
        OutcomeRule::Mes {
            completion: Completion::None,
        } => "equalshares",
        OutcomeRule::Mes { .. } => "equalshares/add1",
    }
}

fn rule_text(rule: OutcomeRule, ballot: &BallotFormat) -> &'static str {
    match (rule, ballot) {
        (OutcomeRule::Greedy, BallotFormat::Cumulative { .. }) => {
            "utilitarian greedy by points"
        }
        (OutcomeRule::Greedy, _) => "utilitarian greedy by votes",
        (OutcomeRule::Mes { completion }, _) => match completion {
            Completion::None => "the Method of Equal Shares (cost satisfaction), no completion",
            Completion::Add1 => "the Method of Equal Shares (cost satisfaction) with add-one completion, then utilitarian greedy (as pabutools)",
            Completion::Add1u => "the Method of Equal Shares (cost satisfaction) with add-one and utilitarian completion (as equalshares.net)",
        },
    }
}

fn tie_text(tie: TieBreak) -> &'static str {
    match tie {
        TieBreak::Lexico => "by smaller project id as text",
        TieBreak::CostVotes => "by lower cost, then more votes",
        TieBreak::File => "by earlier proposal",
    }
}

/// First and last voting day, `DD.MM.YYYY` (UTC); the last is the day of the
/// last instant before the close.
fn voting_days(published: &Published<'_>) -> (String, String) {
    let s = &published.process.settings.schedule;
    let begin = ddmmyyyy(&s.voting_open.to_string());
    let last = if s.voting_close > s.voting_open {
        s.voting_close.minus_millis(1)
    } else {
        s.voting_open
    };
    (begin, ddmmyyyy(&last.to_string()))
}

/// `DD.MM.YYYY` of an RFC 3339 text `YYYY-MM-DD…`.
fn ddmmyyyy(rfc3339: &str) -> String {
    let (y, m, d) = (
        rfc3339.get(0..4).unwrap_or("1970"),
        rfc3339.get(5..7).unwrap_or("01"),
        rfc3339.get(8..10).unwrap_or("01"),
    );
    format!("{d}.{m}.{y}")
}

/// One line of text: control characters and runs of whitespace become one space.
fn clean(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
