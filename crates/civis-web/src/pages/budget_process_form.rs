//! Officials' process form: create (`/processes/new`) and edit (`/processes/{id}/edit`)
//! a participatory budget: titles and descriptions in every language, budgets (citywide,
//! per district, per category), phase dates, eligibility, ballot format, outcome rule
//! and tie-break, secret ballots with their trustees (usernames, one per line) and
//! threshold. The budget service checks the settings and refuses changes once voting
//! has opened; the page says so in place of the form.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use civis_budget::{
    BallotFormat, Budgets, Completion, Eligibility, Localized, OutcomeRule, Process, ProcessId,
    ProcessRules, ProcessSettings, Schedule, TieBreak,
};
use civis_domain::Timestamp;
use serde::Deserialize;

use super::budget::{visible_process, ProcessSummary};
use super::budget_messages;
use super::budget_official::Choice;
use super::budget_proposal_forms::parse_amount;
use super::dates::parse_date;
use super::form::{Field, FormErrors};
use super::layout::Chrome;
use crate::auth::extract::ManageProcesses;
use crate::auth::RequireRole;
use crate::budget::settings::SettingsProblem;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// The six phase dates, in order: form field name and message id of the label.
const DATES: [(&str, &str); 6] = [
    ("schedule_proposals_open", "pb-field-proposals-open"),
    ("schedule_support_open", "pb-field-support-open"),
    ("schedule_review_open", "pb-field-review-open"),
    ("schedule_voting_open", "pb-field-voting-open"),
    ("schedule_voting_close", "pb-field-voting-close"),
    (
        "schedule_implementation_open",
        "pb-field-implementation-open",
    ),
];

/// The process form as submitted: every field as typed, by name.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(transparent)]
pub struct ProcessForm(pub BTreeMap<String, String>);

impl ProcessForm {
    fn get(&self, name: &str) -> &str {
        self.0.get(name).map(String::as_str).unwrap_or_default()
    }

    /// Whether the secret-ballots box is ticked.
    pub fn secret_ballots(&self) -> bool {
        !self.get("secret_ballots").is_empty()
    }

    /// The trustees' usernames, one per line (or separated by commas).
    pub fn trustees(&self) -> Vec<String> {
        self.get("trustees")
            .split(['\n', ','])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Fills the trustee fields from the stored trustees.
    pub fn with_trustees(mut self, threshold: u32, usernames: &[String]) -> Self {
        self.0.insert("threshold".into(), threshold.to_string());
        self.0.insert("trustees".into(), usernames.join("\n"));
        self
    }

    /// The form filled with stored settings.
    pub fn from_settings(s: &ProcessSettings) -> Self {
        let mut f = BTreeMap::new();
        for lang in ["en", "es", "et"] {
            f.insert(
                format!("title_{lang}"),
                s.title.0.get(lang).cloned().unwrap_or_default(),
            );
            f.insert(
                format!("description_{lang}"),
                s.description.0.get(lang).cloned().unwrap_or_default(),
            );
        }
        let sch = &s.schedule;
        for ((name, _), t) in DATES.iter().zip([
            sch.proposals_open,
            sch.support_open,
            sch.review_open,
            sch.voting_open,
            sch.voting_close,
            sch.implementation_open,
        ]) {
            f.insert((*name).to_owned(), datetime_value(t));
        }
        let r = &s.rules;
        f.insert("budgets_total".into(), r.budgets.total.to_string());
        f.insert("budgets_districts".into(), lines(&r.budgets.districts));
        f.insert("budgets_categories".into(), lines(&r.budgets.categories));
        f.insert(
            "eligibility_district".into(),
            r.eligibility.district.clone().unwrap_or_default(),
        );
        f.insert(
            "eligibility_min_age".into(),
            r.eligibility
                .min_age
                .map(|a| a.to_string())
                .unwrap_or_default(),
        );
        let (kind, params): (&str, Vec<(&str, String)>) = match &r.ballot {
            BallotFormat::Approval { min, max } => (
                "approval",
                vec![
                    ("ballot_min", min.to_string()),
                    ("ballot_max", max.to_string()),
                ],
            ),
            BallotFormat::Knapsack { limit } => (
                "knapsack",
                vec![(
                    "ballot_limit",
                    limit.map(|l| l.to_string()).unwrap_or_default(),
                )],
            ),
            BallotFormat::Cumulative {
                points,
                max_per_project,
            } => (
                "cumulative",
                vec![
                    ("ballot_points", points.to_string()),
                    (
                        "ballot_max_per_project",
                        max_per_project.map(|m| m.to_string()).unwrap_or_default(),
                    ),
                ],
            ),
            BallotFormat::Ranked { k } => ("ranked", vec![("ballot_k", k.to_string())]),
        };
        f.insert("ballot_type".into(), kind.into());
        for (k, v) in params {
            f.insert(k.into(), v);
        }
        f.insert("rule".into(), rule_value(r.rule).into());
        f.insert("tie_break".into(), tie_value(r.tie_break).into());
        if r.secret_ballots {
            f.insert("secret_ballots".into(), "on".into());
        }
        ProcessForm(f)
    }

    /// The settings these fields make, or the fields typed wrongly (the rules about
    /// the settings themselves are the service's).
    pub fn settings(&self, l: &L10n) -> Result<ProcessSettings, FormErrors> {
        let mut errors = FormErrors::new();
        let text = |prefix: &str| {
            Localized(
                ["en", "es", "et"]
                    .into_iter()
                    .map(|lang| {
                        (
                            lang.to_owned(),
                            self.get(&format!("{prefix}_{lang}")).trim().to_owned(),
                        )
                    })
                    .filter(|(_, v)| !v.is_empty())
                    .collect(),
            )
        };
        let mut instants = Vec::new();
        for (name, _) in DATES {
            match parse_datetime(self.get(name)) {
                Some(t) => instants.push(t),
                None => {
                    errors.add(name, l.t("pb-error-datetime"));
                    instants.push(Timestamp::from_millis(0));
                }
            }
        }
        let amount = |name: &str, errors: &mut FormErrors| match parse_amount(self.get(name)) {
            Some(a) => a,
            None => {
                errors.add(name, l.t("pb-error-cost-number"));
                0
            }
        };
        let total = amount("budgets_total", &mut errors);
        let mut lines_of = |name: &str| {
            parse_lines(self.get(name)).unwrap_or_else(|| {
                errors.add(name, l.t("pb-error-budget-lines"));
                BTreeMap::new()
            })
        };
        let districts = lines_of("budgets_districts");
        let categories = lines_of("budgets_categories");
        let optional_number = |name: &str, errors: &mut FormErrors| -> Option<u64> {
            let v = self.get(name).trim();
            if v.is_empty() {
                return None;
            }
            let n = parse_amount(v);
            if n.is_none() {
                errors.add(name, l.t("pb-error-whole-number"));
            }
            n
        };
        let number = |name: &str, errors: &mut FormErrors| -> u32 {
            match self.get(name).trim().parse::<u32>() {
                Ok(n) => n,
                Err(_) => {
                    errors.add(name, l.t("pb-error-whole-number"));
                    0
                }
            }
        };
        let small = |n: Option<u64>| n.and_then(|n| u32::try_from(n).ok());
        let min_age = small(optional_number("eligibility_min_age", &mut errors));
        let ballot = match self.get("ballot_type") {
            "approval" => BallotFormat::Approval {
                min: number("ballot_min", &mut errors),
                max: number("ballot_max", &mut errors),
            },
            "knapsack" => BallotFormat::Knapsack {
                limit: optional_number("ballot_limit", &mut errors),
            },
            "cumulative" => BallotFormat::Cumulative {
                points: number("ballot_points", &mut errors),
                max_per_project: small(optional_number("ballot_max_per_project", &mut errors)),
            },
            "ranked" => BallotFormat::Ranked {
                k: number("ballot_k", &mut errors),
            },
            _ => {
                errors.add("ballot_type", l.t("pb-error-choose"));
                BallotFormat::Knapsack { limit: None }
            }
        };
        let rule = match self.get("rule") {
            "greedy" => OutcomeRule::Greedy,
            "mes" => OutcomeRule::Mes {
                completion: Completion::None,
            },
            "mes_add1" => OutcomeRule::Mes {
                completion: Completion::Add1,
            },
            "mes_add1u" => OutcomeRule::Mes {
                completion: Completion::Add1u,
            },
            _ => {
                errors.add("rule", l.t("pb-error-choose"));
                OutcomeRule::Greedy
            }
        };
        let tie_break = match self.get("tie_break") {
            "lexico" => TieBreak::Lexico,
            "cost_votes" => TieBreak::CostVotes,
            "file" => TieBreak::File,
            _ => {
                errors.add("tie_break", l.t("pb-error-choose"));
                TieBreak::Lexico
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let at = |i: usize| {
            instants
                .get(i)
                .copied()
                .unwrap_or(Timestamp::from_millis(0))
        };
        let district =
            Some(self.get("eligibility_district").trim().to_owned()).filter(|d| !d.is_empty());
        Ok(ProcessSettings {
            title: text("title"),
            description: text("description"),
            schedule: Schedule {
                proposals_open: at(0),
                support_open: at(1),
                review_open: at(2),
                voting_open: at(3),
                voting_close: at(4),
                implementation_open: at(5),
            },
            rules: ProcessRules {
                budgets: Budgets {
                    total,
                    districts,
                    categories,
                },
                eligibility: Eligibility { district, min_age },
                ballot,
                rule,
                tie_break,
                secret_ballots: self.secret_ballots(),
            },
        })
    }
}

const fn rule_value(r: OutcomeRule) -> &'static str {
    match r {
        OutcomeRule::Greedy => "greedy",
        OutcomeRule::Mes {
            completion: Completion::None,
        } => "mes",
        OutcomeRule::Mes {
            completion: Completion::Add1,
        } => "mes_add1",
        OutcomeRule::Mes {
            completion: Completion::Add1u,
        } => "mes_add1u",
    }
}

const fn tie_value(t: TieBreak) -> &'static str {
    match t {
        TieBreak::Lexico => "lexico",
        TieBreak::CostVotes => "cost_votes",
        TieBreak::File => "file",
    }
}

/// `2026-11-26T19:40`, the value of a `datetime-local` input (UTC).
pub fn datetime_value(t: Timestamp) -> String {
    t.to_string().get(..16).unwrap_or_default().to_owned()
}

/// Parses `YYYY-MM-DDTHH:MM` (or with a space) as UTC.
pub fn parse_datetime(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', ' '])?;
    let day = parse_date(date)?;
    let (h, m) = time.get(..5)?.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    Some(day.plus_millis((h * 60 + m) * 60_000))
}

fn lines(map: &BTreeMap<String, u64>) -> String {
    map.iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `North = 50000` per line; blank lines ignored.
pub fn parse_lines(text: &str) -> Option<BTreeMap<String, u64>> {
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (name, amount) = line.split_once('=')?;
        out.insert(name.trim().to_owned(), parse_amount(amount)?);
    }
    Some(out)
}

/// A select of the form, with its options.
#[derive(Debug, Clone)]
pub struct Select {
    /// `id` and `name`.
    pub name: &'static str,
    /// The label.
    pub label: String,
    /// The options.
    pub options: Vec<Choice>,
    /// The error, if any.
    pub error: Option<String>,
}

/// `templates/budget_process_form.html`.
#[derive(Template)]
#[template(path = "budget_process_form.html")]
pub struct ProcessFormPage {
    /// The page frame.
    pub c: Chrome,
    /// The process being edited, if any.
    pub p: Option<ProcessSummary>,
    /// Where the form posts.
    pub action: String,
    /// Errors (summary and next to fields).
    pub errors: FormErrors,
    /// Why the process can no longer be edited, in place of the form.
    pub frozen: Option<String>,
    /// Titles (en, es, et).
    pub titles: Vec<Field>,
    /// Descriptions (en, es, et).
    pub descriptions: Vec<Field>,
    /// Citywide budget.
    pub total: Field,
    /// District budgets (textarea).
    pub districts: Field,
    /// Category budgets (textarea).
    pub categories: Field,
    /// Phase dates.
    pub dates: Vec<Field>,
    /// Eligibility: district.
    pub district: Field,
    /// Eligibility: minimum age.
    pub min_age: Field,
    /// Ballot format, outcome rule, tie-break.
    pub selects: Vec<Select>,
    /// Parameters of the ballot formats.
    pub params: Vec<Field>,
    /// Whether the secret-ballots box is ticked.
    pub secret_ballots: bool,
    /// The secret-ballots box's error, if any.
    pub secret_error: Option<String>,
    /// Trustees' usernames (textarea).
    pub trustees: Field,
    /// The trustees' threshold.
    pub threshold: Field,
}

fn select(
    l: &L10n,
    name: &'static str,
    label: &str,
    options: &[(&'static str, &str)],
    form: &ProcessForm,
    errors: &FormErrors,
) -> Select {
    Select {
        name,
        label: l.t(label),
        options: options
            .iter()
            .map(|(value, key)| Choice {
                value,
                label: l.t(key),
                selected: form.get(name) == *value,
            })
            .collect(),
        error: errors.get(name).map(str::to_owned),
    }
}

fn form_page(
    c: Chrome,
    p: Option<ProcessSummary>,
    action: String,
    form: &ProcessForm,
    errors: FormErrors,
    frozen: Option<String>,
) -> ProcessFormPage {
    let l = c.l;
    let field =
        |name: &'static str, key: &str| Field::text(name, l.t(key), form.get(name), &errors);
    let optional = |f: Field| f.hint(l.t("pb-hint-optional"));
    let dates = DATES
        .iter()
        .map(|(name, key)| Field {
            kind: "datetime-local",
            ..field(name, key).hint(l.t("pb-hint-datetime"))
        })
        .collect();
    ProcessFormPage {
        titles: vec![
            field("title_en", "pb-field-title-en"),
            field("title_es", "pb-field-title-es"),
            field("title_et", "pb-field-title-et"),
        ],
        descriptions: vec![
            field("description_en", "pb-field-description-en"),
            field("description_es", "pb-field-description-es"),
            field("description_et", "pb-field-description-et"),
        ],
        total: field("budgets_total", "pb-field-budget-total").hint(l.t("pb-hint-official-cost")),
        districts: optional(field("budgets_districts", "pb-field-budget-districts"))
            .hint(l.t("pb-hint-budget-lines")),
        categories: optional(field("budgets_categories", "pb-field-budget-categories"))
            .hint(l.t("pb-hint-budget-lines")),
        dates,
        district: optional(field("eligibility_district", "pb-field-eligible-district")),
        min_age: optional(field("eligibility_min_age", "pb-field-min-age")),
        selects: vec![
            select(
                &l,
                "ballot_type",
                "pb-field-ballot-type",
                &[
                    ("approval", "pb-format-approval"),
                    ("knapsack", "pb-format-knapsack"),
                    ("cumulative", "pb-format-cumulative"),
                    ("ranked", "pb-format-ranked"),
                ],
                form,
                &errors,
            ),
            select(
                &l,
                "rule",
                "pb-rules-outcome",
                &[
                    ("greedy", "pb-rule-greedy"),
                    ("mes", "pb-rule-mes"),
                    ("mes_add1", "pb-rule-mes-add1"),
                    ("mes_add1u", "pb-rule-mes-add1u"),
                ],
                form,
                &errors,
            ),
            select(
                &l,
                "tie_break",
                "pb-rules-ties",
                &[
                    ("lexico", "pb-tie-lexico"),
                    ("cost_votes", "pb-tie-cost-votes"),
                    ("file", "pb-tie-file"),
                ],
                form,
                &errors,
            ),
        ],
        params: vec![
            field("ballot_min", "pb-field-ballot-min"),
            field("ballot_max", "pb-field-ballot-max"),
            optional(field("ballot_limit", "pb-field-ballot-limit")),
            field("ballot_points", "pb-field-ballot-points"),
            optional(field(
                "ballot_max_per_project",
                "pb-field-ballot-max-per-project",
            )),
            field("ballot_k", "pb-field-ballot-k"),
        ],
        secret_ballots: form.secret_ballots(),
        secret_error: errors.get("secret_ballots").map(str::to_owned),
        trustees: optional(field("trustees", "pb-field-trustees")).hint(l.t("pb-hint-trustees")),
        threshold: optional(field("threshold", "pb-field-threshold"))
            .hint(l.t("pb-hint-threshold")),
        c,
        p,
        action,
        errors,
        frozen,
    }
}

/// Names the trustees the form lists, if the process has secret ballots and they
/// differ from the stored ones; problems go next to the `trustees` and
/// `threshold` fields.
async fn save_trustees(
    state: &AppState,
    official: &civis_domain::User,
    process: ProcessId,
    form: &ProcessForm,
    l: &L10n,
    errors: &mut FormErrors,
) -> Result<(), AppError> {
    let names = form.trustees();
    if !form.secret_ballots() || (names.is_empty() && form.get("threshold").trim().is_empty()) {
        return Ok(());
    }
    let Ok(threshold) = form.get("threshold").trim().parse::<u32>() else {
        errors.add("threshold", l.t("pb-error-whole-number"));
        return Ok(());
    };
    let now = state.now();
    if let Some(board) = state.store().trustee_board(process).await? {
        let mut stored = Vec::new();
        for t in &board.trustees {
            stored.push(
                state
                    .store()
                    .user_by_id(t.user)
                    .await?
                    .username
                    .as_str()
                    .to_owned(),
            );
        }
        if board.threshold == threshold && stored == names {
            return Ok(());
        }
    }
    match crate::ballot::trustees::set(state, official, process, threshold, &names, now).await {
        Ok(()) => Ok(()),
        Err(AppError::Validation(list)) => {
            for f in list {
                errors.add(f.field, f.message);
            }
            Ok(())
        }
        Err(AppError::SecretBallot(
            crate::ballot::refusal::SecretBallotRefusal::TrusteesLocked,
        )) => {
            errors.add("trustees", l.t("pb-error-trustees-locked"));
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// The stored trustees of `process` in the form.
async fn form_with_trustees(
    state: &AppState,
    process: ProcessId,
    form: ProcessForm,
) -> Result<ProcessForm, AppError> {
    let Some(board) = state.store().trustee_board(process).await? else {
        return Ok(form);
    };
    let mut names = Vec::new();
    for t in &board.trustees {
        names.push(
            state
                .store()
                .user_by_id(t.user)
                .await?
                .username
                .as_str()
                .to_owned(),
        );
    }
    Ok(form.with_trustees(board.threshold, &names))
}

/// A new process's form: sensible defaults an official adjusts.
fn defaults(now: Timestamp) -> ProcessForm {
    let day = 86_400_000;
    let start = parse_date(datetime_value(now).get(..10).unwrap_or_default())
        .unwrap_or(now)
        .plus_millis(day);
    let mut f = BTreeMap::new();
    for (i, (name, _)) in DATES.iter().enumerate() {
        let offset = i64::try_from(i).unwrap_or(0) * 14 * day;
        f.insert(
            (*name).to_owned(),
            datetime_value(start.plus_millis(offset)),
        );
    }
    for (k, v) in [
        ("ballot_type", "knapsack"),
        ("rule", "greedy"),
        ("tie_break", "lexico"),
        ("ballot_min", "1"),
        ("ballot_max", "5"),
        ("ballot_points", "10"),
        ("ballot_k", "3"),
    ] {
        f.insert(k.to_owned(), v.to_owned());
    }
    ProcessForm(f)
}

/// The form field a service error names: `title.en` → `title_en`,
/// `rules.budgets.districts.North` → `budgets_districts`, `rules.ballot.max` →
/// `ballot_max`.
pub fn form_field(service_field: &str) -> String {
    let field = service_field
        .strip_prefix("rules.")
        .unwrap_or(service_field);
    for prefix in ["budgets.districts", "budgets.categories"] {
        if field.starts_with(prefix) {
            return prefix.replace('.', "_");
        }
    }
    field.replace('.', "_")
}

/// Puts the service's problems with the settings next to their fields, in the page's
/// language.
fn settings_errors(l: &L10n, problems: &[SettingsProblem], errors: &mut FormErrors) {
    for p in problems {
        errors.add(
            form_field(&p.field()),
            budget_messages::settings_problem(l, p).text(l),
        );
    }
}

fn frozen_text(l: &L10n, process: &Process) -> String {
    l.t1("pb-edit-frozen", "digest", process.settings.rules.digest())
}

/// `GET /processes/new`.
pub async fn new_page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
) -> Result<Response, AppError> {
    let c = Chrome::new(
        lang,
        &uri,
        Some(&official.user),
        official.csrf_token.clone(),
    );
    let page = form_page(
        c,
        None,
        "/processes/new".into(),
        &defaults(state.now()),
        FormErrors::new(),
        None,
    );
    super::render(&page)
}

/// `POST /processes/new`: creates the process through the service.
pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Form(form): Form<ProcessForm>,
) -> Result<Response, AppError> {
    let now = state.now();
    let l = L10n::new(lang);
    let mut errors = FormErrors::new();
    match form.settings(&l) {
        Err(e) => errors = e,
        Ok(settings) => {
            match crate::budget::processes::create(&state, &official.user, &settings, now).await {
                Ok(p) => {
                    save_trustees(&state, &official.user, p.id, &form, &l, &mut errors).await?;
                    if errors.is_empty() {
                        return Ok(
                            Redirect::to(&format!("/processes/{}?saved=1", p.id)).into_response()
                        );
                    }
                    // The process is saved; the trustees are corrected on its edit form.
                    let c = Chrome::new(
                        lang,
                        &uri,
                        Some(&official.user),
                        official.csrf_token.clone(),
                    );
                    let summary = ProcessSummary::new(&l, &p, now);
                    let page = form_page(
                        c,
                        Some(summary),
                        format!("/processes/{}/edit", p.id),
                        &form,
                        errors,
                        None,
                    );
                    return super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &page);
                }
                Err(AppError::InvalidSettings(problems)) => {
                    settings_errors(&l, &problems, &mut errors);
                }
                Err(AppError::Validation(list)) => {
                    for f in list {
                        errors.add(form_field(&f.field), f.message);
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }
    let c = Chrome::new(
        lang,
        &uri,
        Some(&official.user),
        official.csrf_token.clone(),
    );
    let page = form_page(c, None, "/processes/new".into(), &form, errors, None);
    super::render_with(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// `GET /processes/{id}/edit`.
pub async fn edit_page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let now = state.now();
    let process = visible_process(&state, &id, Some(&official.user), now).await?;
    let c = Chrome::new(
        lang,
        &uri,
        Some(&official.user),
        official.csrf_token.clone(),
    );
    let l = c.l;
    let frozen = (!process.editable_at(now)).then(|| frozen_text(&l, &process));
    let p = ProcessSummary::new(&l, &process, now);
    let form = form_with_trustees(
        &state,
        process.id,
        ProcessForm::from_settings(&process.settings),
    )
    .await?;
    let page = form_page(
        c,
        Some(p),
        format!("/processes/{}/edit", process.id),
        &form,
        FormErrors::new(),
        frozen,
    );
    super::render(&page)
}

/// `POST /processes/{id}/edit`: saves through the service; after voting opens the
/// service refuses (`RulesFrozen`) and the page says so.
pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    official: RequireRole<ManageProcesses>,
    Path(id): Path<String>,
    Form(form): Form<ProcessForm>,
) -> Result<Response, AppError> {
    let now = state.now();
    let process = visible_process(&state, &id, Some(&official.user), now).await?;
    let l = L10n::new(lang);
    let mut errors = FormErrors::new();
    let mut frozen = None;
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    match form.settings(&l) {
        Err(e) => errors = e,
        Ok(settings) => match crate::budget::processes::update(
            &state,
            &official.user,
            ProcessId(process.id.0),
            &settings,
            now,
        )
        .await
        {
            Ok(p) => {
                save_trustees(&state, &official.user, p.id, &form, &l, &mut errors).await?;
                if errors.is_empty() {
                    return Ok(
                        Redirect::to(&format!("/processes/{}?saved=1", p.id)).into_response()
                    );
                }
            }
            Err(AppError::InvalidSettings(problems)) => {
                settings_errors(&l, &problems, &mut errors);
            }
            Err(AppError::Validation(list)) => {
                for f in list {
                    errors.add(form_field(&f.field), f.message);
                }
            }
            Err(AppError::RulesFrozen) => {
                frozen = Some(frozen_text(&l, &process));
                status = StatusCode::CONFLICT;
            }
            Err(e) => return Err(e),
        },
    }
    let c = Chrome::new(
        lang,
        &uri,
        Some(&official.user),
        official.csrf_token.clone(),
    );
    let p = ProcessSummary::new(&l, &process, now);
    let page = form_page(
        c,
        Some(p),
        format!("/processes/{}/edit", process.id),
        &form,
        errors,
        frozen,
    );
    super::render_with(status, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_round_trip_through_the_input_value() {
        let t = parse_datetime("2026-11-26T19:40").unwrap();
        assert_eq!(datetime_value(t), "2026-11-26T19:40");
        assert_eq!(
            parse_datetime("2026-11-26 07:05")
                .map(datetime_value)
                .as_deref(),
            Some("2026-11-26T07:05")
        );
        for bad in [
            "",
            "2026-11-26",
            "2026-11-26T24:00",
            "2026-02-30T10:00",
            "tomorrow",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn budget_lines_name_an_amount_each() {
        let m = parse_lines("North = 50 000\n\n South=20000 ").unwrap();
        assert_eq!(m.get("North"), Some(&50_000));
        assert_eq!(m.get("South"), Some(&20_000));
        assert!(parse_lines("North 5").is_none());
        assert_eq!(
            form_field("rules.budgets.districts.North"),
            "budgets_districts"
        );
        assert_eq!(form_field("rules.budgets.total"), "budgets_total");
        assert_eq!(form_field("rules.ballot.max"), "ballot_max");
        assert_eq!(
            form_field("rules.eligibility.min_age"),
            "eligibility_min_age"
        );
        assert_eq!(form_field("schedule.voting_close"), "schedule_voting_close");
        assert_eq!(form_field("title.es"), "title_es");
    }
}
