//! `GET /processes/{id}/results`: the published outcome of a process: funded projects
//! per budget unit, the projects not funded, participation, the open-data exports, and
//! where each funded project's implementation stands. 404 before publication.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use civis_budget::chart::{results_svg, summary, ChartLabels, ChartRow};
use civis_budget::participation::{AgeBand, Figure, GroupFigures, UNKNOWN};
use civis_budget::{
    BallotFormat, ImplementationUpdate, Process, ProjectTally, ProposalId, UnitKey, UnitOutcome,
};

use super::budget::{published_results, visible_process, ProcessSummary};
use super::budget_messages;
use super::budget_process::status_key;
use super::budget_words::{money, thousands_sep, unit_label};
use super::dates::show_minutes;
use super::layout::Chrome;
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// A project in a unit's outcome.
#[derive(Debug, Clone)]
pub struct OutcomeRow {
    /// The proposal id, for links.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its cost, formatted.
    pub cost: String,
    /// Ballots choosing it.
    pub votes: u64,
    /// Points (cumulative) or Borda score (ranked), if the format has one.
    pub score: Option<u64>,
    /// Why it was or was not funded, from the engine, in the page's language.
    pub why: Option<String>,
    /// Funded or not.
    pub funded: bool,
    /// Its latest implementation status in words (funded projects), if reported.
    pub implementation: Option<String>,
}

/// One budget unit's outcome.
#[derive(Debug, Clone)]
pub struct UnitResult {
    /// A short id for element ids.
    pub key: String,
    /// "Citywide", "District: North".
    pub label: String,
    /// Ballots counted in the unit.
    pub voters: u64,
    /// Whether the table has a score column.
    pub has_score: bool,
    /// The server-rendered SVG chart of votes and costs against the budget.
    pub chart: String,
    /// The chart's text alternative, also shown under it.
    pub chart_text: String,
    /// "Funded projects cost 90,000 of 100,000."
    pub spent_text: String,
    /// The unit's projects, funded first in the order the rule chose them.
    pub rows: Vec<OutcomeRow>,
}

/// `templates/budget_results.html`.
#[derive(Template)]
#[template(path = "budget_results.html")]
pub struct ResultsPage {
    /// The page frame.
    pub c: Chrome,
    /// The process.
    pub p: ProcessSummary,
    /// How many ballots were counted, and when the outcome was computed.
    pub lead: String,
    /// The digest of the rules the outcome was computed with.
    pub digest: String,
    /// One outcome per unit.
    pub units: Vec<UnitResult>,
    /// Participation by district and by age band.
    pub participation: Vec<PartTable>,
}

/// One participation table.
#[derive(Debug, Clone)]
pub struct PartTable {
    /// Element id of its caption.
    pub id: &'static str,
    /// Its caption.
    pub caption: String,
    /// Heading of the group column.
    pub group: String,
    /// One row per group, then the whole process.
    pub rows: Vec<ParticipationRow>,
}

/// One row of a participation table, small groups already suppressed.
#[derive(Debug, Clone)]
pub struct ParticipationRow {
    /// The group's name.
    pub group: String,
    /// How many voted (or why not shown).
    pub voters: String,
    /// How many were eligible (or why not shown).
    pub eligible: String,
    /// Voters per 100 eligible, or empty.
    pub percent: String,
}

fn figure(l: &L10n, f: &Figure) -> String {
    match f {
        Figure::Count(n) => money(l.lang, *n),
        Figure::FewerThan10 => l.t("pb-part-fewer-than-10"),
        Figure::Withheld => l.t("pb-part-withheld"),
    }
}

fn participation_row(l: &L10n, g: &GroupFigures, name: String) -> ParticipationRow {
    ParticipationRow {
        group: name,
        voters: figure(l, &g.voters),
        eligible: g
            .eligible
            .as_ref()
            .map(|f| figure(l, f))
            .unwrap_or_default(),
        percent: g
            .percent
            .map(|p| {
                let text = format!("{p:.1}");
                if l.lang.code() == "en" {
                    text
                } else {
                    text.replace('.', ",")
                }
            })
            .unwrap_or_default(),
    }
}

fn age_name(l: &L10n, band: &str) -> String {
    match band {
        "under-16" => l.t("pb-age-under-16"),
        "65+" => l.t("pb-age-65"),
        b if b == AgeBand::Unknown.as_str() => l.t("pb-part-unknown"),
        b => l.t1("pb-age-band", "band", b),
    }
}

/// The chart rows of one unit from its stored tallies (as `civis_budget::chart_rows`
/// orders them: by decreasing votes or points, then id), without reading the ballots.
fn chart_rows(
    process: &Process,
    u: &UnitOutcome,
    title_of: &dyn Fn(ProposalId) -> String,
) -> Vec<ChartRow> {
    let cumulative = matches!(
        process.settings.rules.ballot,
        BallotFormat::Cumulative { .. }
    );
    let mut rows: Vec<ChartRow> = u
        .projects
        .iter()
        .map(|t| ChartRow {
            id: t.project,
            title: title_of(t.project),
            cost: t.cost,
            votes: t.votes,
            points: if cumulative { t.score } else { None },
            funded: t.selected,
            cumulative_cost: 0,
        })
        .collect();
    rows.sort_by(|a, b| b.measure().cmp(&a.measure()).then(a.id.cmp(&b.id)));
    let mut total = 0u64;
    for r in &mut rows {
        if r.funded {
            total = total.saturating_add(r.cost);
        }
        r.cumulative_cost = total;
    }
    rows
}

/// `GET /processes/{id}/results`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let now = state.now();
    let user = me.user.as_ref();
    let process = visible_process(&state, &id, user, now).await?;
    let results = published_results(&state, &process)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = Chrome::new(lang, &uri, user, me.csrf_token.clone());
    let l = c.l;
    let proposals = state.store().list_proposals(process.id).await?;
    let updates = state
        .store()
        .list_implementation_updates(process.id)
        .await?;
    let latest: HashMap<ProposalId, &ImplementationUpdate> =
        updates.iter().map(|u| (u.proposal, u)).collect();
    let title_of = |id: ProposalId| {
        proposals
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.draft.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let units = results
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            // Funded projects in the order the rule chose them, then the others by id.
            let mut tallies: Vec<&ProjectTally> = u.projects.iter().collect();
            tallies.sort_by_key(|t| {
                (
                    u.selected
                        .iter()
                        .position(|id| *id == t.project)
                        .unwrap_or(usize::MAX),
                    t.project,
                )
            });
            let rows = tallies
                .into_iter()
                .map(|t| {
                    let title = title_of(t.project);
                    OutcomeRow {
                        id: t.project.0,
                        cost: money(lang, t.cost),
                        votes: t.votes,
                        score: t.score,
                        funded: t.selected,
                        why: results
                            .explanations
                            .iter()
                            .find(|e| e.project == t.project)
                            .map(|e| budget_messages::explanation(&l, e, &title)),
                        implementation: latest.get(&t.project).map(|up| {
                            format!(
                                "{} ({})",
                                l.t(status_key(up.status)),
                                l.t1("pb-impl-progress", "percent", up.progress)
                            )
                        }),
                        title,
                    }
                })
                .collect();
            let key = u.unit.parse::<UnitKey>().unwrap_or(UnitKey::Citywide);
            let label = unit_label(&l, &key);
            let chart_rows = chart_rows(&process, u, &title_of);
            let sum = summary(&chart_rows, u.budget);
            let chart_text = l.t2(
                "pb-chart-desc",
                ("funded", format!("{} / {}", sum.funded, sum.projects)),
                (
                    "cost",
                    format!(
                        "{} / {}",
                        money(lang, sum.funded_cost),
                        money(lang, sum.budget)
                    ),
                ),
            );
            let title = l.t1("pb-chart-title", "unit", label.as_str());
            let measure = if chart_rows.iter().any(|r| r.points.is_some()) {
                l.t("pb-col-score")
            } else {
                l.t("pb-col-votes")
            };
            let (spending, funded, not_funded, budget_word) = (
                l.t("pb-chart-spending"),
                l.t("pb-funded"),
                l.t("pb-not-funded"),
                l.t("pb-rules-budget"),
            );
            let sep = thousands_sep(lang).to_string();
            let chart = results_svg(
                &chart_rows,
                u.budget,
                &ChartLabels {
                    title: &title,
                    description: &chart_text,
                    measure: &measure,
                    spending: &spending,
                    funded: &funded,
                    not_funded: &not_funded,
                    budget: &budget_word,
                    thousands_separator: &sep,
                },
                &format!("chart-u{i}"),
            );
            UnitResult {
                chart,
                chart_text,
                key: format!("u{i}"),
                label,
                spent_text: l.t2(
                    "pb-results-spent",
                    ("spent", money(lang, u.cost)),
                    ("budget", money(lang, u.budget)),
                ),
                voters: u.voters,
                has_score: u.projects.iter().any(|t| t.score.is_some()),
                rows,
            }
        })
        .collect();
    let figures = crate::budget::exports::participation_of(&state, &process).await?;
    let district_name = |g: &str| {
        if g == UNKNOWN {
            l.t("pb-part-unknown")
        } else {
            g.to_owned()
        }
    };
    let page = ResultsPage {
        participation: vec![
            PartTable {
                id: "part-district",
                caption: l.t("pb-part-by-district"),
                group: l.t("pb-field-district"),
                rows: figures
                    .by_district
                    .iter()
                    .map(|g| participation_row(&l, g, district_name(&g.group)))
                    .chain([participation_row(
                        &l,
                        &figures.total,
                        l.t("pb-part-everyone"),
                    )])
                    .collect(),
            },
            PartTable {
                id: "part-age",
                caption: l.t("pb-part-by-age"),
                group: l.t("pb-part-age"),
                rows: figures
                    .by_age
                    .iter()
                    .map(|g| participation_row(&l, g, age_name(&l, &g.group)))
                    .chain([participation_row(
                        &l,
                        &figures.total,
                        l.t("pb-part-everyone"),
                    )])
                    .collect(),
            },
        ],
        p: ProcessSummary::new(&l, &process, now),
        lead: l.t2(
            "pb-results-lead",
            ("ballots", results.ballots),
            ("when", show_minutes(results.computed_at)),
        ),
        digest: results.rules_digest.clone(),
        units,
        c,
    };
    super::render(&page)
}
