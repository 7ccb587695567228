//! Residents' district and birth date, which eligibility and participation figures use
//! (set by officials and admins until a resident register provides them).
//!
//! A district must be one that the city's processes name (a district budget or a
//! district-only eligibility) once any process names one; before that, any name is
//! taken. The district already recorded for a resident is always accepted again, so
//! that correcting the birth date never forces a district change. A birth date is a
//! real calendar date, not after today (UTC).

use std::collections::BTreeSet;

use civis_budget::{BirthDate, ResidentProfile};
use civis_domain::{Timestamp, User, UserId};
use civis_store::Change;

use super::access;
use crate::error::{AppError, FieldError};
use crate::state::AppState;

/// The most characters a district name may have.
pub const MAX_DISTRICT_CHARS: usize = 200;

/// One thing wrong with a submitted profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileProblem {
    /// The district is blank or longer than [`MAX_DISTRICT_CHARS`].
    DistrictLength,
    /// The district holds control characters.
    DistrictControl,
    /// No process names this district; `known` are the ones they name.
    UnknownDistrict {
        /// The districts the processes name, sorted.
        known: Vec<String>,
    },
    /// The birth date is not a `YYYY-MM-DD` calendar date.
    BirthDateInvalid,
    /// The birth date is after today.
    BirthDateFuture,
}

impl ProfileProblem {
    /// The field it is about (`district` or `birth_date`).
    pub fn field(&self) -> &'static str {
        match self {
            Self::DistrictLength | Self::DistrictControl | Self::UnknownDistrict { .. } => {
                "district"
            }
            Self::BirthDateInvalid | Self::BirthDateFuture => "birth_date",
        }
    }

    /// The problem in plain English, as the API reports it (pages translate it).
    pub fn message(&self, profile: &ResidentProfile) -> String {
        let district = profile.district.as_deref().unwrap_or_default();
        let birth_date = profile.birth_date.as_deref().unwrap_or_default();
        match self {
            Self::DistrictLength => format!(
                "Name the district (at most {MAX_DISTRICT_CHARS} characters), or leave it out."
            ),
            Self::DistrictControl => super::text::CONTROL_MESSAGE.to_owned(),
            Self::UnknownDistrict { known } => format!(
                "No process names the district {district:?}; choose one of: {}.",
                known.join(", ")
            ),
            Self::BirthDateInvalid => {
                format!("Expected a date like 1990-01-31 (got {birth_date:?}).")
            }
            Self::BirthDateFuture => format!("The birth date {birth_date} is in the future."),
        }
    }
}

/// Every problem of `profile`, at most one per field: `known` are the districts the
/// processes name (empty: any district is taken), `today` the date it is checked on.
pub fn check(
    profile: &ResidentProfile,
    known: &BTreeSet<String>,
    today: Timestamp,
) -> Vec<ProfileProblem> {
    let mut out = vec![];
    if let Some(d) = &profile.district {
        if d.trim().is_empty() || d.chars().count() > MAX_DISTRICT_CHARS {
            out.push(ProfileProblem::DistrictLength);
        } else if super::text::has_control(d, false) {
            out.push(ProfileProblem::DistrictControl);
        } else if !known.is_empty() && !known.contains(d) {
            out.push(ProfileProblem::UnknownDistrict {
                known: known.iter().cloned().collect(),
            });
        }
    }
    if let Some(b) = &profile.birth_date {
        match BirthDate::parse(b) {
            Err(_) => out.push(ProfileProblem::BirthDateInvalid),
            Ok(date) if (date.year(), date.month(), date.day()) > today.utc_date() => {
                out.push(ProfileProblem::BirthDateFuture)
            }
            Ok(_) => {}
        }
    }
    out
}

/// The districts that the processes name: district budgets and district-only
/// eligibility, sorted.
pub async fn known_districts(state: &AppState) -> Result<BTreeSet<String>, AppError> {
    let mut known = BTreeSet::new();
    for p in state.store().list_processes().await? {
        let rules = p.settings.rules;
        known.extend(rules.budgets.districts.into_keys());
        known.extend(rules.eligibility.district);
    }
    Ok(known)
}

/// Checks `profile` for `user` at `now`: the districts the processes name, and the
/// user's recorded district, are the known ones. `NotFound` if there is no such user.
pub async fn problems(
    state: &AppState,
    user: UserId,
    profile: &ResidentProfile,
    now: Timestamp,
) -> Result<Vec<ProfileProblem>, AppError> {
    let mut known = known_districts(state).await?;
    let current = state.store().resident_profile(user).await?;
    if !known.is_empty() {
        known.extend(current.district);
    }
    Ok(check(profile, &known, now))
}

/// Sets a user's district and birth date (officials and admins); audited as
/// `resident.profile_changed`. `NotFound` if there is no such user; `Validation` with
/// every problem (see [`check`]).
pub async fn set_profile(
    state: &AppState,
    official: &User,
    user: UserId,
    profile: &ResidentProfile,
    now: Timestamp,
) -> Result<ResidentProfile, AppError> {
    access::require_manager(official)?;
    state.store().user_by_id(user).await?;
    let problems = problems(state, user, profile, now).await?;
    if !problems.is_empty() {
        return Err(AppError::Validation(
            problems
                .iter()
                .map(|p| FieldError::new(p.field(), p.message(profile)))
                .collect(),
        ));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(district: Option<&str>, birth_date: Option<&str>) -> ResidentProfile {
        ResidentProfile {
            district: district.map(str::to_owned),
            birth_date: birth_date.map(str::to_owned),
        }
    }

    /// 2026-11-27T12:00:00Z.
    const TODAY: Timestamp = Timestamp::from_millis(1_795_780_800_000);

    #[test]
    fn districts_must_be_named_by_a_process_once_any_is() {
        let none = BTreeSet::new();
        let known: BTreeSet<String> = ["North".to_owned(), "South".to_owned()].into();
        assert!(check(&profile(Some("Anywhere"), None), &none, TODAY).is_empty());
        assert!(check(&profile(Some("North"), None), &known, TODAY).is_empty());
        let problems = check(&profile(Some("north"), None), &known, TODAY);
        assert_eq!(
            problems,
            vec![ProfileProblem::UnknownDistrict {
                known: vec!["North".to_owned(), "South".to_owned()]
            }]
        );
        assert_eq!(problems[0].field(), "district");
        assert_eq!(
            problems[0].message(&profile(Some("north"), None)),
            "No process names the district \"north\"; choose one of: North, South."
        );
        assert_eq!(
            check(&profile(Some(" "), None), &known, TODAY),
            vec![ProfileProblem::DistrictLength]
        );
        assert_eq!(
            check(&profile(Some("No\0rth"), None), &none, TODAY),
            vec![ProfileProblem::DistrictControl]
        );
    }

    #[test]
    fn birth_dates_are_real_days_not_after_today() {
        let none = BTreeSet::new();
        assert_eq!(TODAY.utc_date(), (2026, 11, 27));
        assert!(check(&profile(None, Some("2026-11-27")), &none, TODAY).is_empty());
        assert!(check(&profile(None, None), &none, TODAY).is_empty());
        for bad in ["1990-02-30", "31.01.1990", "1990-13-01", ""] {
            assert_eq!(
                check(&profile(None, Some(bad)), &none, TODAY),
                vec![ProfileProblem::BirthDateInvalid],
                "{bad}"
            );
        }
        let future = check(&profile(None, Some("2026-11-28")), &none, TODAY);
        assert_eq!(future, vec![ProfileProblem::BirthDateFuture]);
        assert_eq!(future[0].field(), "birth_date");
    }
}
