//! What the budget service says about a single field of a proposal, a review, a
//! moderation or an implementation report, as values with stable codes.
//!
//! The API reports each one as a [`FieldError`] with its code, its parameters and
//! plain English words; the pages put it in the reader's language from the catalog
//! message `pbm-field-<code>` (`locales/<lang>/budget-messages.ftl`).

use crate::error::FieldError;

/// One problem of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    /// A required text is blank.
    MissingText,
    /// A text is longer than `max` characters.
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// A text holds control characters.
    ControlCharacters,
    /// A cost is 0.
    CostNotPositive,
    /// A review names no decision.
    ChooseReview,
    /// A rejection gives no public reason.
    RejectionReasonMissing,
    /// Hiding a proposal gives no reason.
    HidingReasonMissing,
    /// A proposal would be merged into itself.
    MergeIntoItself,
    /// The proposal to merge into is itself merged into `into`'s target.
    MergeIntoMerged {
        /// The proposal named as the target.
        into: i64,
    },
    /// No proposal `into` in this process.
    MergeIntoUnknown {
        /// The proposal named as the target.
        into: i64,
    },
    /// An implementation report for a project that was not funded.
    NotFunded,
    /// Progress outside 0 to 100.
    ProgressRange,
}

impl FieldProblem {
    /// Every kind of problem once, with sample parameters (for tests of the catalogs).
    pub fn samples() -> Vec<FieldProblem> {
        vec![
            Self::MissingText,
            Self::TooLong { max: 200 },
            Self::ControlCharacters,
            Self::CostNotPositive,
            Self::ChooseReview,
            Self::RejectionReasonMissing,
            Self::HidingReasonMissing,
            Self::MergeIntoItself,
            Self::MergeIntoMerged { into: 7 },
            Self::MergeIntoUnknown { into: 7 },
            Self::NotFunded,
            Self::ProgressRange,
        ]
    }

    /// The stable code (`missing_text`, `too_long`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingText => "missing_text",
            Self::TooLong { .. } => "too_long",
            Self::ControlCharacters => "control_characters",
            Self::CostNotPositive => "cost_not_positive",
            Self::ChooseReview => "choose_review",
            Self::RejectionReasonMissing => "rejection_reason_missing",
            Self::HidingReasonMissing => "hiding_reason_missing",
            Self::MergeIntoItself => "merge_into_itself",
            Self::MergeIntoMerged { .. } => "merge_into_merged",
            Self::MergeIntoUnknown { .. } => "merge_into_unknown",
            Self::NotFunded => "not_funded",
            Self::ProgressRange => "progress_range",
        }
    }

    /// Its parameters, by the names the catalog messages use.
    pub fn params(&self) -> Vec<(&'static str, i64)> {
        match self {
            Self::TooLong { max } => vec![("max", i64::try_from(*max).unwrap_or(i64::MAX))],
            Self::MergeIntoMerged { into } | Self::MergeIntoUnknown { into } => {
                vec![("into", *into)]
            }
            _ => vec![],
        }
    }

    /// The problem in plain English, as the API reports it.
    pub fn message(&self) -> String {
        match self {
            Self::MissingText => "Fill this in.".to_owned(),
            Self::TooLong { max } => format!("At most {max} characters."),
            Self::ControlCharacters => super::text::CONTROL_MESSAGE.to_owned(),
            Self::CostNotPositive => "The cost must be more than 0.".to_owned(),
            Self::ChooseReview => "Choose accepted, rejected or merged.".to_owned(),
            Self::RejectionReasonMissing => "Give the public reason.".to_owned(),
            Self::HidingReasonMissing => "Give the reason for hiding it.".to_owned(),
            Self::MergeIntoItself => "A proposal cannot be merged into itself.".to_owned(),
            Self::MergeIntoMerged { into } => {
                format!("Proposal {into} is itself merged into another; merge into that one.")
            }
            Self::MergeIntoUnknown { into } => {
                format!("There is no proposal {into} in this process.")
            }
            Self::NotFunded => "This project was not funded.".to_owned(),
            Self::ProgressRange => "Progress is a percentage, 0 to 100.".to_owned(),
        }
    }

    /// This problem as the error of `field`.
    pub fn at(&self, field: &str) -> FieldError {
        let mut e = FieldError::new(field, self.message()).with_code(self.code());
        e.params = self
            .params()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_errors_carry_code_and_parameters() {
        let samples = FieldProblem::samples();
        let mut codes: Vec<_> = samples.iter().map(FieldProblem::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), samples.len());
        let e = FieldProblem::TooLong { max: 200 }.at("title");
        assert_eq!(e.field, "title");
        assert_eq!(e.code.as_deref(), Some("too_long"));
        assert_eq!(e.params.get("max"), Some(&200));
        assert_eq!(e.message, "At most 200 characters.");
    }
}
