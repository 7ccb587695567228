//! Residents' district and birth date, which eligibility and participation figures use
//! (set by officials and admins until a resident register provides them).

use civis_budget::ResidentProfile;
use civis_domain::{Timestamp, User, UserId};
use civis_store::Change;

use super::access;
use crate::error::{AppError, FieldError};
use crate::state::AppState;

/// Every problem of a profile, named by its field.
pub fn problems(profile: &ResidentProfile) -> Vec<FieldError> {
    let mut out = vec![];
    if let Some(d) = &profile.district {
        if d.trim().is_empty() || d.chars().count() > 200 {
            out.push(FieldError::new(
                "district",
                "Name the district (at most 200 characters), or leave it out.",
            ));
        } else if super::text::has_control(d, false) {
            out.push(FieldError::new("district", super::text::CONTROL_MESSAGE));
        }
    }
    if let Some(b) = &profile.birth_date {
        if civis_budget::BirthDate::parse(b).is_err() {
            out.push(FieldError::new(
                "birth_date",
                format!("Expected a date like 1990-01-31 (got {b:?})."),
            ));
        }
    }
    out
}

/// Sets a user's district and birth date (officials and admins); audited as
/// `resident.profile_changed`. `NotFound` if there is no such user.
pub async fn set_profile(
    state: &AppState,
    official: &User,
    user: UserId,
    profile: &ResidentProfile,
    now: Timestamp,
) -> Result<ResidentProfile, AppError> {
    access::require_manager(official)?;
    let problems = problems(profile);
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    state.store().user_by_id(user).await?;
    state
        .store()
        .set_resident_profile(user, profile, Change::by(official.id, now))
        .await?;
    Ok(profile.clone())
}

/// A user's district and birth date: their own, or anyone's for officials, admins and
/// auditors (`NotFound` otherwise).
pub async fn profile(
    state: &AppState,
    viewer: &User,
    user: UserId,
) -> Result<ResidentProfile, AppError> {
    if !civis_domain::permissions::may_read_user(viewer, user) {
        return Err(AppError::NotFound);
    }
    Ok(state.store().resident_profile(user).await?)
}
