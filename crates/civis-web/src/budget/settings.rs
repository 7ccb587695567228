//! Checks of a process's settings beyond their shape: texts in every language, phases in
//! order, positive budgets, a ballot format that can be filled in.
//!
//! Each problem is a [`SettingsProblem`] with a stable code, the request field it is
//! about and plain English words; the pages put it in the reader's language.

use civis_budget::{BallotFormat, ProcessSettings};
use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;
/// Highest minimum age a process may set.
pub const MAX_MIN_AGE: u32 = 130;

/// One problem of a process's settings. Serialized with its [`code`](Self::code) in a
/// `code` field next to its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SettingsProblem {
    /// A text (`title` or `description`) is missing in a language.
    MissingText {
        /// `title` or `description`.
        text: String,
        /// The language code.
        lang: String,
    },
    /// A text is given in a language civis does not speak.
    UnsupportedLanguage {
        /// `title` or `description`.
        text: String,
        /// The language code given.
        lang: String,
    },
    /// A text is too long.
    TooLong {
        /// `title` or `description`.
        text: String,
        /// The language code.
        lang: String,
        /// The most characters allowed.
        max: usize,
    },
    /// A text holds control characters.
    ControlCharacters {
        /// The request field (`title.en`, `rules.budgets.districts`, …).
        field: String,
    },
    /// A phase begins before the previous one.
    PhaseOrder {
        /// The schedule field that comes too early (`voting_close`, …).
        field: String,
        /// The field it must not precede.
        previous: String,
    },
    /// The citywide budget is 0.
    TotalBudgetNotPositive,
    /// A district or category budget has an empty name.
    BudgetNameEmpty {
        /// `districts` or `categories`.
        kind: String,
    },
    /// A district or category budget is 0.
    BudgetNotPositive {
        /// `districts` or `categories`.
        kind: String,
        /// The district or category.
        name: String,
    },
    /// The eligible district is given but blank.
    EligibleDistrictEmpty,
    /// The minimum age is implausibly high.
    MinAgeTooHigh {
        /// The highest allowed.
        max: u32,
    },
    /// A ballot number must be at least 1 (`rules.ballot.max`, `points` or `k`).
    AtLeastOne {
        /// The request field.
        field: String,
    },
    /// The approval minimum is above the maximum.
    MinAboveMax,
    /// The knapsack limit is 0: more than 0, or none.
    PositiveOrEmpty {
        /// The request field.
        field: String,
    },
    /// The most points for one project is 0: at least 1, or none.
    AtLeastOneOrEmpty {
        /// The request field.
        field: String,
    },
}

impl SettingsProblem {
    /// The stable code (`missing_text`, `unsupported_language`, `too_long`,
    /// `control_characters`, `phase_order`, `total_budget_not_positive`,
    /// `budget_name_empty`, `budget_not_positive`, `eligible_district_empty`,
    /// `min_age_too_high`, `at_least_one`, `min_above_max`, `positive_or_empty`,
    /// `at_least_one_or_empty`).
    pub fn code(&self) -> &'static str {
        match self {
            SettingsProblem::MissingText { .. } => "missing_text",
            SettingsProblem::UnsupportedLanguage { .. } => "unsupported_language",
            SettingsProblem::TooLong { .. } => "too_long",
            SettingsProblem::ControlCharacters { .. } => "control_characters",
            SettingsProblem::PhaseOrder { .. } => "phase_order",
            SettingsProblem::TotalBudgetNotPositive => "total_budget_not_positive",
            SettingsProblem::BudgetNameEmpty { .. } => "budget_name_empty",
            SettingsProblem::BudgetNotPositive { .. } => "budget_not_positive",
            SettingsProblem::EligibleDistrictEmpty => "eligible_district_empty",
            SettingsProblem::MinAgeTooHigh { .. } => "min_age_too_high",
            SettingsProblem::AtLeastOne { .. } => "at_least_one",
            SettingsProblem::MinAboveMax => "min_above_max",
            SettingsProblem::PositiveOrEmpty { .. } => "positive_or_empty",
            SettingsProblem::AtLeastOneOrEmpty { .. } => "at_least_one_or_empty",
        }
    }

    /// The request field it is about (`title.es`, `schedule.voting_close`,
    /// `rules.budgets.total`, `rules.ballot.max`, …).
    pub fn field(&self) -> String {
        match self {
            SettingsProblem::MissingText { text, lang }
            | SettingsProblem::UnsupportedLanguage { text, lang }
            | SettingsProblem::TooLong { text, lang, .. } => format!("{text}.{lang}"),
            SettingsProblem::ControlCharacters { field }
            | SettingsProblem::AtLeastOne { field }
            | SettingsProblem::PositiveOrEmpty { field }
            | SettingsProblem::AtLeastOneOrEmpty { field } => field.clone(),
            SettingsProblem::PhaseOrder { field, .. } => format!("schedule.{field}"),
            SettingsProblem::TotalBudgetNotPositive => "rules.budgets.total".to_owned(),
            SettingsProblem::BudgetNameEmpty { kind } => format!("rules.budgets.{kind}"),
            SettingsProblem::BudgetNotPositive { kind, name } => {
                format!("rules.budgets.{kind}.{name}")
            }
            SettingsProblem::EligibleDistrictEmpty => "rules.eligibility.district".to_owned(),
            SettingsProblem::MinAgeTooHigh { .. } => "rules.eligibility.min_age".to_owned(),
            SettingsProblem::MinAboveMax => "rules.ballot.min".to_owned(),
        }
    }

    /// The problem in plain English words (shown next to its field).
    pub fn message(&self) -> String {
        match self {
            SettingsProblem::MissingText { text, lang } => {
                format!("Give the {text} in this language ({lang}).")
            }
            SettingsProblem::UnsupportedLanguage { .. } => {
                "Only the languages en, es and et are supported.".to_owned()
            }
            SettingsProblem::TooLong { max, .. } => format!("At most {max} characters."),
            SettingsProblem::ControlCharacters { .. } => super::text::CONTROL_MESSAGE.to_owned(),
            SettingsProblem::PhaseOrder { field, previous } => {
                format!("{field} must not be before {previous}.")
            }
            SettingsProblem::TotalBudgetNotPositive => {
                "The total budget must be more than 0.".to_owned()
            }
            SettingsProblem::BudgetNameEmpty { .. } => "A name is empty.".to_owned(),
            SettingsProblem::BudgetNotPositive { .. } => "A budget must be more than 0.".to_owned(),
            SettingsProblem::EligibleDistrictEmpty => {
                "Name the district, or leave it out.".to_owned()
            }
            SettingsProblem::MinAgeTooHigh { max } => format!("At most {max}."),
            SettingsProblem::AtLeastOne { .. } => "At least 1.".to_owned(),
            SettingsProblem::MinAboveMax => "Must not be more than max.".to_owned(),
            SettingsProblem::PositiveOrEmpty { .. } => "More than 0, or leave it out.".to_owned(),
            SettingsProblem::AtLeastOneOrEmpty { .. } => "At least 1, or leave it out.".to_owned(),
        }
    }

    /// The problem as an API error entry: its field, plain English words and code.
    pub fn field_error(&self) -> FieldError {
        FieldError::new(self.field(), self.message()).with_code(self.code())
    }
}

/// Every problem of `settings` as API error entries (see [`check`]); empty when they
/// are fine.
pub fn problems(settings: &ProcessSettings) -> Vec<FieldError> {
    check(settings)
        .iter()
        .map(SettingsProblem::field_error)
        .collect()
}

/// Every problem of `settings`; empty when they are fine.
pub fn check(settings: &ProcessSettings) -> Vec<SettingsProblem> {
    let mut out = vec![];
    for (name, text, max) in [
        ("title", &settings.title, MAX_TITLE_CHARS),
        ("description", &settings.description, MAX_DESCRIPTION_CHARS),
    ] {
        for lang in text.missing() {
            out.push(SettingsProblem::MissingText {
                text: name.to_owned(),
                lang: lang.to_string(),
            });
        }
        for (lang, value) in &text.0 {
            if !civis_budget::localized::LANGUAGES.contains(&lang.as_str()) {
                out.push(SettingsProblem::UnsupportedLanguage {
                    text: name.to_owned(),
                    lang: lang.clone(),
                });
            } else if value.chars().count() > max {
                out.push(SettingsProblem::TooLong {
                    text: name.to_owned(),
                    lang: lang.clone(),
                    max,
                });
            } else if super::text::has_control(value, name == "description") {
                out.push(SettingsProblem::ControlCharacters {
                    field: format!("{name}.{lang}"),
                });
            }
        }
    }
    if let Err(e) = settings.schedule.check() {
        out.push(SettingsProblem::PhaseOrder {
            field: e.field.to_owned(),
            previous: e.previous.to_owned(),
        });
    }
    let budgets = &settings.rules.budgets;
    if budgets.total == 0 {
        out.push(SettingsProblem::TotalBudgetNotPositive);
    }
    for (kind, map) in [
        ("districts", &budgets.districts),
        ("categories", &budgets.categories),
    ] {
        for (name, amount) in map {
            if name.trim().is_empty() {
                out.push(SettingsProblem::BudgetNameEmpty {
                    kind: kind.to_owned(),
                });
            } else if super::text::has_control(name, false) {
                out.push(SettingsProblem::ControlCharacters {
                    field: format!("rules.budgets.{kind}"),
                });
            } else if *amount == 0 {
                out.push(SettingsProblem::BudgetNotPositive {
                    kind: kind.to_owned(),
                    name: name.clone(),
                });
            }
        }
    }
    let eligibility = &settings.rules.eligibility;
    if let Some(district) = eligibility.district.as_deref() {
        if district.trim().is_empty() {
            out.push(SettingsProblem::EligibleDistrictEmpty);
        } else if super::text::has_control(district, false) {
            out.push(SettingsProblem::ControlCharacters {
                field: "rules.eligibility.district".to_owned(),
            });
        }
    }
    if eligibility.min_age.is_some_and(|a| a > MAX_MIN_AGE) {
        out.push(SettingsProblem::MinAgeTooHigh { max: MAX_MIN_AGE });
    }
    let at_least_one = |field: &str| SettingsProblem::AtLeastOne {
        field: format!("rules.ballot.{field}"),
    };
    match settings.rules.ballot {
        BallotFormat::Approval { min, max } => {
            if max == 0 {
                out.push(at_least_one("max"));
            }
            if min > max {
                out.push(SettingsProblem::MinAboveMax);
            }
        }
        BallotFormat::Knapsack { limit } => {
            if limit == Some(0) {
                out.push(SettingsProblem::PositiveOrEmpty {
                    field: "rules.ballot.limit".to_owned(),
                });
            }
        }
        BallotFormat::Cumulative {
            points,
            max_per_project,
        } => {
            if points == 0 {
                out.push(at_least_one("points"));
            }
            if max_per_project == Some(0) {
                out.push(SettingsProblem::AtLeastOneOrEmpty {
                    field: "rules.ballot.max_per_project".to_owned(),
                });
            }
        }
        BallotFormat::Ranked { k } => {
            if k == 0 {
                out.push(at_least_one("k"));
            }
        }
    }
    out
}
