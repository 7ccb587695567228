//! Whether a user may take part in a process (submit, support, vote), per its
//! eligibility rules ([`civis_budget::check_eligibility`]): an active resident, of the
//! right district, old enough on the day voting opens.

use civis_budget::{check_eligibility, Eligibility, ResidentProfile, Schedule};
use civis_domain::{Role, User};

use super::refusals::Ineligible;
use crate::error::AppError;
use crate::state::AppState;

/// Whether the rules need the resident's profile (district or birth date).
pub fn needs_profile(rules: &Eligibility) -> bool {
    rules.district.is_some() || rules.min_age.is_some()
}

/// `NotEligible` (with the reason) unless `user` may take part; reads the
/// resident's profile only when the rules need it.
pub async fn require_eligible(
    state: &AppState,
    rules: &Eligibility,
    schedule: &Schedule,
    user: &User,
) -> Result<(), AppError> {
    let profile = if needs_profile(rules) && user.is_active() && user.role == Role::Resident {
        state.store().resident_profile(user.id).await?
    } else {
        ResidentProfile::default()
    };
    check_eligibility(user, &profile, rules, schedule.voting_open)
        .map_err(|e| AppError::NotEligible(Ineligible::Voter(e)))
}
