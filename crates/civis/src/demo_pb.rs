//! The demo city's participatory budgets, made of a real Pabulib election: the
//! projects of Okęcie (Warszawa) 2019 become accepted proposals of a process in its
//! voting phase and of a finished process whose results are published, its ballots
//! being the file's first votes, cast by the demo residents.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::Context as _;
use civis_budget::{
    BallotChannel, BallotContent, BallotFormat, Budgets, Eligibility, Localized, NewBallot,
    OutcomeRule, ProcessId, ProcessRules, ProcessSettings, ProposalDraft, ProposalId,
    ResidentProfile, Review, Schedule, TieBreak,
};
use civis_domain::{Role, Timestamp, UserId, Username};
use civis_pb::Election;
use civis_store::{Change, Page, Store, UserFilter};

/// The Pabulib file the demo's projects come from (see `assets/SOURCES.md`).
const ELECTION: &str = include_str!("../assets/warszawa_2019_okecie.pb");

const DAY_SECS: i64 = 24 * 60 * 60;

/// What seeding created, for the banner.
#[derive(Debug, Clone, Copy)]
pub struct Seeded {
    /// The finished process with published results.
    pub finished: ProcessId,
    /// Ballots in the finished process.
    pub ballots: usize,
}

/// Seeds the two demo processes unless a process exists already.
pub async fn seed(store: &Arc<dyn Store>, now: Timestamp) -> anyhow::Result<Option<Seeded>> {
    if !store.list_processes().await?.is_empty() {
        return Ok(None);
    }
    let election = civis_pb::pabulib::parse(ELECTION).context("the demo's Pabulib file")?;
    let official = store
        .user_by_username(&Username::parse("official")?)
        .await
        .context("the demo official")?
        .id;
    let residents: Vec<UserId> = store
        .list_users(
            UserFilter {
                role: Some(Role::Resident),
                disabled: None,
            },
            Page::new(0, Page::MAX_LIMIT),
        )
        .await?
        .iter()
        .map(|u| u.id)
        .collect();
    if residents.is_empty() {
        anyhow::bail!("the demo has no residents to author and vote");
    }
    let budget = election_budget(&election)?;

    let voting_schedule = Schedule {
        proposals_open: now.minus_seconds(60 * DAY_SECS),
        support_open: now.minus_seconds(45 * DAY_SECS),
        review_open: now.minus_seconds(30 * DAY_SECS),
        voting_open: now.minus_seconds(DAY_SECS),
        voting_close: now.plus_seconds(30 * DAY_SECS),
        implementation_open: now.plus_seconds(60 * DAY_SECS),
    };
    let voting = create_process(
        store,
        official,
        &residents,
        &election,
        settings(
            "Okęcie neighbourhood budget",
            "Presupuesto participativo de Okęcie",
            "Okęcie kaasava eelarve",
            voting_schedule,
            budget,
        ),
        voting_schedule.review_open,
    )
    .await?;

    let finished_schedule = Schedule {
        proposals_open: now.minus_seconds(400 * DAY_SECS),
        support_open: now.minus_seconds(380 * DAY_SECS),
        review_open: now.minus_seconds(360 * DAY_SECS),
        voting_open: now.minus_seconds(340 * DAY_SECS),
        voting_close: now.minus_seconds(325 * DAY_SECS),
        implementation_open: now.minus_seconds(300 * DAY_SECS),
    };
    let finished_settings = settings(
        "Okęcie neighbourhood budget, last year",
        "Presupuesto participativo de Okęcie, el año pasado",
        "Okęcie kaasava eelarve, eelmine aasta",
        finished_schedule,
        budget,
    );
    let (finished, ids) = create_process_with_ids(
        store,
        official,
        &residents,
        &election,
        finished_settings,
        finished_schedule.review_open,
    )
    .await?;
    let ballots = cast_file_votes(
        store,
        finished,
        &residents,
        &election,
        &ids,
        finished_schedule,
    )
    .await?;
    // Counted after the close with the frozen rule, through the engine, as officials do.
    let counted_at = finished_schedule.voting_close.plus_seconds(DAY_SECS);
    let process = store.process(finished).await?;
    let proposals = store.list_proposals(finished).await?;
    let cast = store.list_ballots(finished).await?;
    let mut results = civis_budget::compute_results(&process, &proposals, &cast, counted_at)
        .map_err(|e| anyhow::anyhow!("computing the demo results: {e}"))?;
    results.explanations = civis_budget::explain_results(
        &process,
        &proposals,
        &cast,
        civis_budget::ExplainDepth::Full,
    )
    .map_err(|e| anyhow::anyhow!("explaining the demo results: {e}"))?;
    store
        .publish_results(
            finished,
            &results,
            None,
            Change::by(
                official,
                finished_schedule.voting_close.plus_seconds(DAY_SECS),
            ),
        )
        .await?;
    tracing::debug!(voting = %voting, finished = %finished, "seeded the demo processes");
    Ok(Some(Seeded { finished, ballots }))
}

fn settings(en: &str, es: &str, et: &str, schedule: Schedule, budget: u64) -> ProcessSettings {
    let text = |en: &str, es: &str, et: &str| {
        Localized(BTreeMap::from([
            ("en".to_owned(), en.to_owned()),
            ("es".to_owned(), es.to_owned()),
            ("et".to_owned(), et.to_owned()),
        ]))
    };
    ProcessSettings {
        title: text(en, es, et),
        description: text(
            "A demo process with the real projects of the 2019 participatory budget of Okęcie, \
             a neighbourhood of Warszawa (data: Pabulib, pabulib.org). Choose projects whose \
             total cost fits the budget.",
            "Un proceso de demostración con los proyectos reales del presupuesto participativo \
             de 2019 de Okęcie, un barrio de Varsovia (datos: Pabulib, pabulib.org). Elija \
             proyectos cuyo coste total quepa en el presupuesto.",
            "Näidisprotsess Varssavi Okęcie linnaosa 2019. aasta kaasava eelarve päris \
             projektidega (andmed: Pabulib, pabulib.org). Vali projektid, mille kogumaksumus \
             mahub eelarvesse.",
        ),
        schedule,
        rules: ProcessRules {
            budgets: Budgets {
                total: budget,
                ..Budgets::default()
            },
            eligibility: Eligibility::default(),
            ballot: BallotFormat::Knapsack { limit: None },
            rule: OutcomeRule::Greedy,
            tie_break: TieBreak::Lexico,
            secret_ballots: false,
        },
    }
}

fn election_budget(election: &Election) -> anyhow::Result<u64> {
    let budget = election
        .budget()
        .context("the demo election has no budget")?;
    u64::try_from(budget.units_at_scale(0).context("budget is not whole")?)
        .context("budget out of range")
}

async fn create_process(
    store: &Arc<dyn Store>,
    official: UserId,
    residents: &[UserId],
    election: &Election,
    settings: ProcessSettings,
    reviewed_at: Timestamp,
) -> anyhow::Result<ProcessId> {
    Ok(
        create_process_with_ids(store, official, residents, election, settings, reviewed_at)
            .await?
            .0,
    )
}

/// Creates the process and one accepted proposal per project of the file; returns the
/// proposal ids in the file's project order.
async fn create_process_with_ids(
    store: &Arc<dyn Store>,
    official: UserId,
    residents: &[UserId],
    election: &Election,
    settings: ProcessSettings,
    reviewed_at: Timestamp,
) -> anyhow::Result<(ProcessId, Vec<ProposalId>)> {
    let submitted_at = settings.schedule.proposals_open.plus_seconds(DAY_SECS);
    let process = store
        .create_process(
            &settings,
            Change::by(official, settings.schedule.proposals_open),
        )
        .await?;
    let mut ids = Vec::with_capacity(election.projects.len());
    for (i, project) in election.projects.iter().enumerate() {
        let cost = u64::try_from(
            project
                .cost
                .units_at_scale(0)
                .context("a project cost is not whole")?,
        )?;
        let name = election.project_field(project, "name").unwrap_or_default();
        let categories = election
            .project_field(project, "category")
            .unwrap_or_default();
        let beneficiaries = election
            .project_field(project, "beneficiaries")
            .unwrap_or_default();
        let mut description = format!(
            "Project {} of the 2019 participatory budget of Okęcie, Warszawa (from Pabulib).",
            project.id
        );
        if !categories.is_empty() {
            description.push_str(&format!(" Themes: {}.", categories.replace(',', ", ")));
        }
        if !beneficiaries.is_empty() && beneficiaries != "None" {
            description.push_str(&format!(" For: {}.", beneficiaries.replace(',', ", ")));
        }
        let draft = ProposalDraft {
            title: if name.is_empty() {
                format!("Project {}", project.id)
            } else {
                name.to_owned()
            },
            description,
            estimated_cost: cost,
            district: Some("Okęcie".to_owned()),
            category: categories
                .split(',')
                .next()
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
            location: None,
        };
        let author = residents[i % residents.len()];
        let proposal = store
            .create_proposal(process.id, author, &draft, submitted_at)
            .await?;
        store
            .review_proposal(
                proposal.id,
                &Review::Accepted {
                    official_cost: cost,
                },
                Change::by(official, reviewed_at),
            )
            .await?;
        ids.push(proposal.id);
    }
    Ok((process.id, ids))
}

/// Casts the file's first votes, one per resident, in the finished process, and gives
/// those residents a birth date from the file's `age` column. Returns how many
/// ballots it cast.
async fn cast_file_votes(
    store: &Arc<dyn Store>,
    process: ProcessId,
    residents: &[UserId],
    election: &Election,
    ids: &[ProposalId],
    schedule: Schedule,
) -> anyhow::Result<usize> {
    let voting_year = year_of(schedule.voting_open);
    let span = (schedule.voting_close.as_millis() - schedule.voting_open.as_millis()).max(1);
    let n = residents.len().min(election.voters.len());
    for (i, (voter, resident)) in election.voters.iter().zip(residents).enumerate().take(n) {
        let approvals: Vec<ProposalId> = voter
            .vote
            .iter()
            .filter_map(|&p| ids.get(p as usize).copied())
            .collect();
        let at = schedule
            .voting_open
            .plus_millis(span / i64::try_from(n).unwrap_or(1).max(1) * i64::try_from(i)?);
        store
            .cast_ballot(
                &NewBallot {
                    process,
                    voter: *resident,
                    content: BallotContent::Approval(approvals),
                    channel: BallotChannel::Online,
                    cast_at: at,
                },
                None,
            )
            .await?;
        if let Some(age) = election
            .voter_field(voter, "age")
            .and_then(|a| a.parse::<i64>().ok())
        {
            let profile = ResidentProfile {
                district: Some("Okęcie".to_owned()),
                // Born on the last day of that year: `age` on any earlier day of the
                // year voting opened.
                birth_date: Some(format!("{}-12-31", voting_year - 1 - age)),
            };
            store
                .set_resident_profile(*resident, &profile, Change::system(at))
                .await?;
        }
    }
    Ok(n)
}

/// The calendar year (UTC) of an instant, close enough for an age band.
fn year_of(at: Timestamp) -> i64 {
    const YEAR_MILLIS: i64 = 31_556_952_000; // 365.2425 days
    1970 + at.as_millis().div_euclid(YEAR_MILLIS)
}
