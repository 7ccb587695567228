//! A PB process: its settings and stored state.

use civis_domain::{Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::{Localized, Phase, ProcessId, ProcessRules, Schedule};

/// What an official sets when creating or editing a process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessSettings {
    /// The title, in every supported language.
    pub title: Localized,
    /// The description, in every supported language.
    pub description: Localized,
    /// When each phase begins.
    pub schedule: Schedule,
    /// Budgets, eligibility, ballot and outcome rule (frozen once voting opens).
    pub rules: ProcessRules,
}

/// A stored process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    /// Its id.
    pub id: ProcessId,
    /// Its current settings.
    pub settings: ProcessSettings,
    /// Who created it.
    pub created_by: Option<UserId>,
    /// When it was created.
    pub created_at: Timestamp,
    /// When its settings last changed.
    pub updated_at: Timestamp,
    /// When its results were published, if they are.
    pub results_published_at: Option<Timestamp>,
}

impl Process {
    /// The phase at `now`.
    pub fn phase_at(&self, now: Timestamp) -> Phase {
        self.settings
            .schedule
            .phase_at(now, self.results_published_at.is_some())
    }

    /// Whether settings may still change at `now` (voting has not opened).
    pub fn editable_at(&self, now: Timestamp) -> bool {
        !self.settings.schedule.rules_frozen_at(now)
    }
}
