//! Checks of a process's settings beyond their shape: texts in every language, phases in
//! order, positive budgets, a ballot format that can be filled in.

use civis_budget::{BallotFormat, ProcessSettings};

use crate::error::FieldError;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;

/// Every problem of `settings`, named by the request field (`title.es`,
/// `schedule.voting_close`, `rules.budgets.total`, `rules.ballot.max`, …); empty when they are fine.
pub fn problems(settings: &ProcessSettings) -> Vec<FieldError> {
    let mut out = vec![];
    for (name, text, max) in [
        ("title", &settings.title, MAX_TITLE_CHARS),
        ("description", &settings.description, MAX_DESCRIPTION_CHARS),
    ] {
        for lang in text.missing() {
            out.push(FieldError::new(
                format!("{name}.{lang}"),
                format!("Give the {name} in this language ({lang})."),
            ));
        }
        for (lang, value) in &text.0 {
            if !civis_budget::localized::LANGUAGES.contains(&lang.as_str()) {
                out.push(FieldError::new(
                    format!("{name}.{lang}"),
                    "Only the languages en, es and et are supported.",
                ));
            } else if value.chars().count() > max {
                out.push(FieldError::new(
                    format!("{name}.{lang}"),
                    format!("At most {max} characters."),
                ));
            } else if super::text::has_control(value, name == "description") {
                out.push(FieldError::new(
                    format!("{name}.{lang}"),
                    super::text::CONTROL_MESSAGE,
                ));
            }
        }
    }
    if let Err(e) = settings.schedule.check() {
        out.push(FieldError::new(
            format!("schedule.{}", e.field),
            format!("{} must not be before {}.", e.field, e.previous),
        ));
    }
    let budgets = &settings.rules.budgets;
    if budgets.total == 0 {
        out.push(FieldError::new(
            "rules.budgets.total",
            "The total budget must be more than 0.",
        ));
    }
    for (kind, map) in [
        ("districts", &budgets.districts),
        ("categories", &budgets.categories),
    ] {
        for (name, amount) in map {
            if name.trim().is_empty() {
                out.push(FieldError::new(
                    format!("rules.budgets.{kind}"),
                    "A name is empty.",
                ));
            } else if super::text::has_control(name, false) {
                out.push(FieldError::new(
                    format!("rules.budgets.{kind}"),
                    super::text::CONTROL_MESSAGE,
                ));
            } else if *amount == 0 {
                out.push(FieldError::new(
                    format!("rules.budgets.{kind}.{name}"),
                    "A budget must be more than 0.",
                ));
            }
        }
    }
    let eligibility = &settings.rules.eligibility;
    if eligibility
        .district
        .as_deref()
        .is_some_and(|d| d.trim().is_empty())
    {
        out.push(FieldError::new(
            "rules.eligibility.district",
            "Name the district, or leave it out.",
        ));
    } else if eligibility
        .district
        .as_deref()
        .is_some_and(|d| super::text::has_control(d, false))
    {
        out.push(FieldError::new(
            "rules.eligibility.district",
            super::text::CONTROL_MESSAGE,
        ));
    }
    if eligibility.min_age.is_some_and(|a| a > 130) {
        out.push(FieldError::new("rules.eligibility.min_age", "At most 130."));
    }
    match settings.rules.ballot {
        BallotFormat::Approval { min, max } => {
            if max == 0 {
                out.push(FieldError::new("rules.ballot.max", "At least 1."));
            }
            if min > max {
                out.push(FieldError::new(
                    "rules.ballot.min",
                    "Must not be more than max.",
                ));
            }
        }
        BallotFormat::Knapsack { limit } => {
            if limit == Some(0) {
                out.push(FieldError::new(
                    "rules.ballot.limit",
                    "More than 0, or leave it out.",
                ));
            }
        }
        BallotFormat::Cumulative {
            points,
            max_per_project,
        } => {
            if points == 0 {
                out.push(FieldError::new("rules.ballot.points", "At least 1."));
            }
            if max_per_project == Some(0) {
                out.push(FieldError::new(
                    "rules.ballot.max_per_project",
                    "At least 1, or leave it out.",
                ));
            }
        }
        BallotFormat::Ranked { k } => {
            if k == 0 {
                out.push(FieldError::new("rules.ballot.k", "At least 1."));
            }
        }
    }
    out
}
