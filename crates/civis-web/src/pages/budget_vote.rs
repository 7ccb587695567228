//! `GET/POST /processes/{id}/vote`: the voting page.
//!
//! The ballot form follows the process's format: checkboxes (approval, knapsack),
//! number inputs (cumulative), rank selects (ranked). "Update total" sends the form
//! back to recompute the knapsack meter without casting (no JavaScript needed;
//! `budget-meter.js` updates it live when scripts run). Casting goes through the budget
//! service, whose problems with the ballot come back next to the form in plain words, in
//! the page's language.

use std::collections::BTreeSet;

use askama::Template;
use axum::body::Bytes as Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use civis_budget::{Ballot, BallotChannel, BallotFormat, Phase, Process};
use civis_domain::User;
use serde::Deserialize;

use super::budget::{visible_process, ProcessSummary};
use super::budget_ballot::{
    projects_on_ballot, rank_slots, unit_groups, BallotItem, Choices, RankSlot, UnitGroup,
};
use super::budget_messages;
use super::budget_vote_sealed::{self, SealedView};
use super::budget_words::{ballot_in_words, thousands_sep};
use super::dates::show_minutes;
use super::form::FormErrors;
use super::layout::Chrome;
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// `templates/budget_vote.html`.
#[derive(Template)]
#[template(path = "budget_vote.html")]
pub struct VotePage {
    /// The page frame.
    pub c: Chrome,
    /// The process.
    pub p: ProcessSummary,
    /// Where the form posts (the voter's own ballot, or a paper ballot for a resident).
    pub action: String,
    /// For paper ballots: the resident the official enters it for.
    pub paper_for: Option<String>,
    /// Why there is no form (not signed in, voting not open, not eligible), if so.
    pub closed: Option<String>,
    /// The service's reason for not being eligible, in the page's language.
    pub closed_detail: Option<String>,
    /// What the ballot asks, in plain words.
    pub instructions: String,
    /// "You may change your ballot until …".
    pub until: String,
    /// The stored ballot, in words ("cast on …, revision 2, on paper").
    pub current: Option<String>,
    /// A confirmation after casting.
    pub notice: Option<String>,
    /// Problems with the submitted ballot (summary at the top, fields marked).
    pub errors: FormErrors,
    /// The ballot's problems that concern the whole ballot, next to the form.
    pub problems: Vec<String>,
    /// `approval`, `knapsack`, `cumulative` or `ranked`.
    pub format: &'static str,
    /// The projects by unit (approval, knapsack, cumulative).
    pub groups: Vec<UnitGroup>,
    /// Every project, for the rank selects (ranked).
    pub all: Vec<BallotItem>,
    /// The rank selects (ranked).
    pub ranks: Vec<RankSlot>,
    /// The live meter script's URL (knapsack).
    pub script: Option<String>,
    /// The thousands separator of the page's language, for the live meter.
    pub sep: char,
    /// For a resident's own ballot in a process with secret ballots: what the
    /// page's scripts need to seal in the browser (without them the form posts
    /// and the server seals).
    pub secret: Option<SecretVote>,
    /// After the server sealed and cast a secret ballot: its receipt and the
    /// voting key to save.
    pub sealed: Option<SealedView>,
    /// A paper ballot in a process with secret ballots: the form takes the
    /// resident's voting key file.
    pub paper_secret: bool,
    /// The ballot's bounds the secret form checks before sealing: (min, max)
    /// projects for approval, (points, most per project) for cumulative.
    pub bounds: Option<(u32, u32)>,
}

/// The secret-ballot form's wiring (see `static/secret-ballot.js`).
pub struct SecretVote {
    /// The process's secret-ballot API, e.g. `/api/v1/processes/7`.
    pub api: String,
    /// The cryptography script's URL.
    pub crypto_js: String,
    /// The page script's URL.
    pub page_js: String,
    /// Where the threat model is served.
    pub threat_model: &'static str,
}

impl SecretVote {
    fn new(process: civis_budget::ProcessId) -> Self {
        Self {
            api: format!("/api/v1/processes/{}", process.0),
            crypto_js: crate::assets::ballot_crypto_js_href(),
            page_js: crate::assets::secret_ballot_js_href(),
            threat_model: crate::assets::THREAT_MODEL_PATH,
        }
    }
}

impl VotePage {
    /// Whether `id` is chosen at `slot`.
    pub fn ranked_at(&self, slot: &RankSlot, id: &i64) -> bool {
        slot.chosen == Some(*id)
    }
}

/// `?cast=1` after a ballot was recorded.
#[derive(Debug, Default, Deserialize)]
pub struct VoteQuery {
    /// Set after a successful cast.
    pub cast: Option<String>,
}

const fn format_name(format: &BallotFormat) -> &'static str {
    match format {
        BallotFormat::Approval { .. } => "approval",
        BallotFormat::Knapsack { .. } => "knapsack",
        BallotFormat::Cumulative { .. } => "cumulative",
        BallotFormat::Ranked { .. } => "ranked",
    }
}

/// A stored ballot in words.
pub fn ballot_in_words_for(l: &L10n, b: &Ballot) -> String {
    let when = show_minutes(b.cast_at);
    match b.channel {
        BallotChannel::Online => l.t2(
            "pb-ballot-current",
            ("when", when),
            ("revision", b.revision),
        ),
        BallotChannel::Paper { .. } => l.t2(
            "pb-ballot-current-paper",
            ("when", when),
            ("revision", b.revision),
        ),
    }
}

/// What the vote page needs besides the choices: built for a GET, an update, or a
/// rejected cast.
pub struct VoteView<'a> {
    /// The process.
    pub process: &'a Process,
    /// The form's target.
    pub action: String,
    /// For paper ballots: whose.
    pub paper_for: Option<String>,
    /// The stored ballot, if any.
    pub current: Option<&'a Ballot>,
    /// Confirmation text.
    pub notice: Option<String>,
    /// Field problems.
    pub errors: FormErrors,
    /// Whole-ballot problems.
    pub problems: Vec<String>,
    /// Why there is no form.
    pub closed: Option<String>,
    /// The reason for not being eligible, in the page's language.
    pub closed_detail: Option<String>,
}

/// Builds the voting page for `process` with `choices`.
pub async fn build(
    state: &AppState,
    c: Chrome,
    view: VoteView<'_>,
    choices: &Choices,
) -> Result<VotePage, AppError> {
    let l = c.l;
    let now = state.now();
    let process = view.process;
    let rules = &process.settings.rules;
    let proposals = state.store().list_proposals(process.id).await?;
    let groups = unit_groups(&l, process, &proposals, choices, &view.errors);
    let all: Vec<BallotItem> = groups.iter().flat_map(|g| g.items.clone()).collect();
    let ranks = match rules.ballot {
        BallotFormat::Ranked { k } => rank_slots(k, all.len(), choices),
        _ => Vec::new(),
    };
    let knapsack = matches!(rules.ballot, BallotFormat::Knapsack { .. });
    let secret =
        (rules.secret_ballots && view.paper_for.is_none()).then(|| SecretVote::new(process.id));
    let paper_secret = rules.secret_ballots && view.paper_for.is_some();
    Ok(VotePage {
        p: ProcessSummary::new(&l, process, now),
        action: view.action,
        paper_for: view.paper_for,
        closed: view.closed,
        closed_detail: view.closed_detail,
        instructions: ballot_in_words(&l, &rules.ballot),
        until: l.t1(
            "pb-vote-until",
            "close",
            show_minutes(process.settings.schedule.voting_close),
        ),
        current: view.current.map(|b| ballot_in_words_for(&l, b)),
        notice: view.notice,
        errors: view.errors,
        problems: view.problems,
        format: format_name(&rules.ballot),
        groups,
        all,
        ranks,
        script: knapsack.then(crate::assets::meter_js_href),
        sep: thousands_sep(l.lang),
        secret,
        sealed: None,
        paper_secret,
        bounds: match rules.ballot {
            BallotFormat::Approval { min, max } => Some((min, max)),
            BallotFormat::Cumulative {
                points,
                max_per_project,
            } => Some((points, max_per_project.unwrap_or(points))),
            _ => None,
        },
        c,
    })
}

/// Why `user` sees no ballot form for `process` now, if so.
pub fn closed_reason(
    l: &L10n,
    process: &Process,
    user: Option<&User>,
    phase: Phase,
) -> Option<String> {
    if phase != Phase::Voting {
        return Some(match phase {
            Phase::Upcoming | Phase::Proposals | Phase::Support | Phase::Review => l.t1(
                "pb-vote-not-yet",
                "open",
                show_minutes(process.settings.schedule.voting_open),
            ),
            _ => l.t("pb-vote-over"),
        });
    }
    if user.is_none() {
        return Some(l.t("pb-vote-sign-in"));
    }
    None
}

/// `GET /processes/{id}/vote`.
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: MaybeUser,
    Path(id): Path<String>,
    Query(q): Query<VoteQuery>,
) -> Result<Response, AppError> {
    let now = state.now();
    let user = me.user.as_ref();
    let process = visible_process(&state, &id, user, now).await?;
    let c = Chrome::new(lang, &uri, user, me.csrf_token.clone());
    let l = c.l;
    let current = match user {
        Some(u) => state.store().ballot(process.id, u.id).await?,
        None => None,
    };
    let choices = current
        .as_ref()
        .map(|b| Choices::from_content(&b.content))
        .unwrap_or_default();
    let view = VoteView {
        process: &process,
        action: format!("/processes/{}/vote", process.id),
        paper_for: None,
        current: current.as_ref(),
        notice: (q.cast.is_some() && current.is_some()).then(|| l.t("pb-vote-cast-notice")),
        errors: FormErrors::new(),
        problems: Vec::new(),
        closed: closed_reason(&l, &process, user, process.phase_at(now)),
        closed_detail: None,
    };
    let mut view = view;
    if let (None, Some(u)) = (&view.closed, user) {
        // Say before the ballot is filled in when this voter may not vote.
        let ctx = crate::budget::ballots::voting_context(&state, process.id, now).await?;
        match crate::budget::ballots::eligible(&state, u, &ctx).await {
            Ok(()) => {}
            Err(AppError::NotEligible(why)) => {
                view.closed = Some(l.t("pb-vote-not-eligible"));
                view.closed_detail = Some(budget_messages::ineligible(&why).text(&l));
            }
            Err(e) => return Err(e),
        }
    }
    let page = build(&state, c, view, &choices).await?;
    super::render(&page)
}

/// `POST /processes/{id}/vote`: `action=update` recomputes the meter; otherwise casts.
/// In a process with secret ballots the form (multipart, with the voting key file if
/// any) reaches here only when the browser did not seal it: the server seals and
/// casts it ([`budget_vote_sealed`]).
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    me: MaybeUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let posted = budget_vote_sealed::posted(&headers, &body);
    let fields = posted.fields;
    let now = state.now();
    let user = me.user.as_ref().ok_or(AppError::Unauthorized)?;
    let process = visible_process(&state, &id, Some(user), now).await?;
    let l = L10n::new(lang);
    let proposals = state.store().list_proposals(process.id).await?;
    let on_ballot: BTreeSet<i64> = projects_on_ballot(&proposals)
        .iter()
        .map(|p| p.id.0)
        .collect();
    let choices = Choices::from_fields(&fields, &on_ballot);
    let update = fields.iter().any(|(k, v)| k == "action" && v == "update");
    let current = state.store().ballot(process.id, user.id).await?;
    let mut errors = FormErrors::new();
    let mut problems = Vec::new();
    let mut status = StatusCode::OK;
    let mut sealed = None;
    if !update && process.settings.rules.secret_ballots {
        match budget_vote_sealed::cast(
            &state,
            &l,
            user,
            &process,
            &choices,
            posted.voting_key.as_deref(),
            &mut errors,
            &mut problems,
            now,
        )
        .await?
        {
            Ok(view) => sealed = Some(view),
            Err(refused) => status = refused,
        }
    } else if !update {
        match choices.content(&l, &process.settings.rules.ballot) {
            Err(e) => {
                errors = e;
                status = StatusCode::UNPROCESSABLE_ENTITY;
            }
            Ok(content) => {
                match crate::budget::ballots::cast_online(&state, user, process.id, content, now)
                    .await
                {
                    Ok(_) => {
                        let to = format!("/processes/{}/vote?cast=1", process.id);
                        return Ok(Redirect::to(&to).into_response());
                    }
                    Err(e) => {
                        status = ballot_problems(&l, e, &mut errors, &mut problems)?;
                    }
                }
            }
        }
    }
    let c = Chrome::new(lang, &uri, Some(user), me.csrf_token.clone());
    let view = VoteView {
        process: &process,
        action: format!("/processes/{}/vote", process.id),
        paper_for: None,
        current: current.as_ref(),
        notice: None,
        errors,
        problems,
        closed: closed_reason(&l, &process, Some(user), process.phase_at(now)),
        closed_detail: None,
    };
    let mut page = build(&state, c, view, &choices).await?;
    let holds_key = sealed.is_some();
    page.sealed = sealed;
    let mut response = super::render_with(status, &page)?;
    if holds_key {
        // The page carries the voting key: no cache may keep it.
        response.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
    }
    Ok(response)
}

/// Turns the service's refusal of a ballot into problems shown on the form, in the
/// page's language: the ballot's problems (422), ineligibility (403) and a closed vote
/// (409) are shown on the page; anything else is an error page.
pub fn ballot_problems(
    l: &L10n,
    e: AppError,
    errors: &mut FormErrors,
    problems: &mut Vec<String>,
) -> Result<StatusCode, AppError> {
    match e {
        AppError::InvalidBallot(refusal) => {
            problems.extend(
                refusal
                    .problems
                    .iter()
                    .map(|p| budget_messages::ballot_problem(l, p).text(l)),
            );
            Ok(StatusCode::UNPROCESSABLE_ENTITY)
        }
        AppError::Validation(list) => {
            for f in list {
                let message = budget_messages::field_error(l, &f);
                errors.add(f.field, message);
            }
            Ok(StatusCode::UNPROCESSABLE_ENTITY)
        }
        AppError::NotEligible(why) => {
            problems.push(budget_messages::ineligible(&why).text(l));
            Ok(StatusCode::FORBIDDEN)
        }
        // The page shows that voting is closed in place of the form.
        AppError::WrongPhase(_) => Ok(StatusCode::CONFLICT),
        // A ballot tied to an account (the form posted without the script, or a
        // paper ballot) in a process with secret ballots.
        AppError::SecretBallot(crate::ballot::refusal::SecretBallotRefusal::SecretOnly) => {
            problems.push(l.t("sb-secret-only"));
            Ok(StatusCode::CONFLICT)
        }
        other => Err(other),
    }
}
