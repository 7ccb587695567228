//! Whether a user may take part in a process (submit, support, vote), per its
//! eligibility rules: an active resident, of the right district, old enough on the day
//! voting opens.

use civis_budget::{Eligibility, ResidentProfile, Schedule};
use civis_domain::{Role, User};

use super::dates::Date;
use crate::error::AppError;
use crate::state::AppState;

/// Whether the rules need the resident's profile (district or birth date).
pub fn needs_profile(rules: &Eligibility) -> bool {
    rules.district.is_some() || rules.min_age.is_some()
}

/// Checks `user` (with their `profile`, when the rules need it) against `rules`; the
/// error says why, in plain words.
pub fn check(
    rules: &Eligibility,
    schedule: &Schedule,
    user: &User,
    profile: &ResidentProfile,
) -> Result<(), String> {
    if !user.is_active() || user.role != Role::Resident {
        return Err("Only residents take part in participatory budgets.".to_owned());
    }
    if let Some(district) = &rules.district {
        match &profile.district {
            Some(d) if d == district => {}
            Some(d) => {
                return Err(format!(
                    "This process is for residents of {district}; your district is {d}."
                ))
            }
            None => {
                return Err(format!(
                    "This process is for residents of {district}, and no district is recorded for you. Ask the city to record it."
                ))
            }
        }
    }
    if let Some(min_age) = rules.min_age {
        let opens = Date::of(schedule.voting_open);
        match profile.birth_date.as_deref().and_then(Date::parse) {
            Some(born) if born.age_on(opens) >= i64::from(min_age) => {}
            Some(_) => {
                return Err(format!(
                    "You must be at least {min_age} years old on {:04}-{:02}-{:02}, when voting opens.",
                    opens.year, opens.month, opens.day
                ))
            }
            None => {
                return Err(format!(
                    "This process has a minimum age of {min_age}, and no birth date is recorded for you. Ask the city to record it."
                ))
            }
        }
    }
    Ok(())
}

/// `NotEligible` (with the reason) unless `user` may take part; reads the resident's
/// profile only when the rules need it.
pub async fn require_eligible(
    state: &AppState,
    rules: &Eligibility,
    schedule: &Schedule,
    user: &User,
) -> Result<(), AppError> {
    let profile = if needs_profile(rules) && user.role == Role::Resident {
        state.store().resident_profile(user.id).await?
    } else {
        ResidentProfile::default()
    };
    check(rules, schedule, user, &profile).map_err(AppError::NotEligible)
}
