//! Who may vote (and submit or support proposals) in a process.
//!
//! An active resident may, if the process's [`Eligibility`] allows: when it names a
//! district, the resident's profile must give that district; when it sets a minimum
//! age, the profile's birth date must give at least that age on the UTC date voting
//! opens (a resident whose birthday is that day has the new age).

use std::fmt;
use std::str::FromStr;

use civis_domain::{Role, Timestamp, User};
use serde::{Deserialize, Serialize};

use crate::{Eligibility, ResidentProfile};

/// A valid calendar date of birth (proleptic Gregorian), parsed from `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BirthDate {
    year: i64,
    month: u32,
    day: u32,
}

/// A text that is not a `YYYY-MM-DD` calendar date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("birth date must be a date written YYYY-MM-DD (got {0:?})")]
pub struct BirthDateError(pub String);

impl BirthDateError {
    /// The form / API field this error is about.
    pub fn field(&self) -> &'static str {
        "birth_date"
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl BirthDate {
    /// Parses `YYYY-MM-DD` (four-digit year from 1000, a real day of that month).
    pub fn parse(s: &str) -> Result<BirthDate, BirthDateError> {
        let err = || BirthDateError(s.to_string());
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) {
            return Err(err());
        }
        if !digits(5..7) || !digits(8..10) {
            return Err(err());
        }
        let year: i64 = s[0..4].parse().map_err(|_| err())?;
        let month: u32 = s[5..7].parse().map_err(|_| err())?;
        let day: u32 = s[8..10].parse().map_err(|_| err())?;
        if year < 1000 || day == 0 || day > days_in_month(year, month) {
            return Err(err());
        }
        Ok(BirthDate { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> i64 {
        self.year
    }

    /// The month (1–12).
    pub fn month(&self) -> u32 {
        self.month
    }

    /// The day of the month (1–31).
    pub fn day(&self) -> u32 {
        self.day
    }

    /// Age in whole years on the date `(year, month, day)` (0 before the birth
    /// date). Someone born on 29 February turns a year older on 1 March in
    /// years without that day.
    pub fn age_on(&self, (year, month, day): (i64, u32, u32)) -> u32 {
        let mut age = year - self.year;
        if (month, day) < (self.month, self.day) {
            age -= 1;
        }
        u32::try_from(age).unwrap_or(0)
    }

    /// Age in whole years on the UTC date of `at`.
    pub fn age_at(&self, at: Timestamp) -> u32 {
        self.age_on(at.utc_date())
    }
}

impl FromStr for BirthDate {
    type Err = BirthDateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BirthDate::parse(s)
    }
}

impl fmt::Display for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why someone may not vote in a process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum NotEligible {
    /// The account is disabled.
    #[error("Your account is disabled.")]
    Inactive,
    /// Only residents vote (officials, admins and auditors do not).
    #[error("Only residents vote; your account is an {role} account.")]
    NotResident {
        /// The account's role (`official`, `admin`, `auditor`).
        role: String,
    },
    /// The process is for one district and the profile gives none.
    #[error("Only residents of {required} may vote, and we do not know your district: ask the city to record it.")]
    MissingDistrict {
        /// The district of the process.
        required: String,
    },
    /// The profile gives another district.
    #[error("Only residents of {required} may vote, and you live in {actual}.")]
    WrongDistrict {
        /// The district of the process.
        required: String,
        /// The resident's district.
        actual: String,
    },
    /// The process has a minimum age and the profile gives no birth date.
    #[error("Only residents aged {min_age} or more may vote, and we do not know your birth date: ask the city to record it.")]
    MissingBirthDate {
        /// The minimum age.
        min_age: u32,
    },
    /// The recorded birth date is not a date.
    #[error("Your recorded birth date {value:?} is not a valid date: ask the city to correct it.")]
    InvalidBirthDate {
        /// The recorded text.
        value: String,
    },
    /// Younger than the minimum age on the day voting opens.
    #[error("Only residents aged {min_age} or more on the day voting opens may vote, and you are {age} then.")]
    TooYoung {
        /// The minimum age.
        min_age: u32,
        /// The resident's age on that day.
        age: u32,
    },
}

impl NotEligible {
    /// The stable code of the reason (`inactive`, `not_resident`,
    /// `missing_district`, `wrong_district`, `missing_birth_date`,
    /// `invalid_birth_date`, `too_young`).
    pub fn code(&self) -> &'static str {
        match self {
            NotEligible::Inactive => "inactive",
            NotEligible::NotResident { .. } => "not_resident",
            NotEligible::MissingDistrict { .. } => "missing_district",
            NotEligible::WrongDistrict { .. } => "wrong_district",
            NotEligible::MissingBirthDate { .. } => "missing_birth_date",
            NotEligible::InvalidBirthDate { .. } => "invalid_birth_date",
            NotEligible::TooYoung { .. } => "too_young",
        }
    }

    /// The reason in plain English words.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Whether `user` may vote under `eligibility`, given their `profile` and when
/// voting opens (`voting_open`: the minimum age is reached on its UTC date). The
/// first reason found is returned: account, role, district, then age.
pub fn check_eligibility(
    user: &User,
    profile: &ResidentProfile,
    eligibility: &Eligibility,
    voting_open: Timestamp,
) -> Result<(), NotEligible> {
    check_resident(
        user.role,
        user.is_active(),
        profile,
        eligibility,
        voting_open,
    )
}

/// [`check_eligibility`] from the account's role and whether it is active.
pub fn check_resident(
    role: Role,
    active: bool,
    profile: &ResidentProfile,
    eligibility: &Eligibility,
    voting_open: Timestamp,
) -> Result<(), NotEligible> {
    if !active {
        return Err(NotEligible::Inactive);
    }
    if role != Role::Resident {
        return Err(NotEligible::NotResident {
            role: role.as_str().to_string(),
        });
    }
    if let Some(required) = &eligibility.district {
        match &profile.district {
            None => {
                return Err(NotEligible::MissingDistrict {
                    required: required.clone(),
                })
            }
            Some(actual) if actual != required => {
                return Err(NotEligible::WrongDistrict {
                    required: required.clone(),
                    actual: actual.clone(),
                })
            }
            Some(_) => {}
        }
    }
    if let Some(min_age) = eligibility.min_age {
        let raw = profile
            .birth_date
            .as_deref()
            .ok_or(NotEligible::MissingBirthDate { min_age })?;
        let birth = BirthDate::parse(raw).map_err(|_| NotEligible::InvalidBirthDate {
            value: raw.to_string(),
        })?;
        let age = birth.age_at(voting_open);
        if age < min_age {
            return Err(NotEligible::TooYoung { min_age, age });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-03-01T00:00:00Z.
    const MARCH_1_2026: i64 = 1_772_323_200_000;

    fn profile(district: Option<&str>, birth: Option<&str>) -> ResidentProfile {
        ResidentProfile {
            district: district.map(str::to_string),
            birth_date: birth.map(str::to_string),
        }
    }

    fn rules(district: Option<&str>, min_age: Option<u32>) -> Eligibility {
        Eligibility {
            district: district.map(str::to_string),
            min_age,
        }
    }

    fn check(p: &ResidentProfile, e: &Eligibility, at: i64) -> Result<(), NotEligible> {
        check_resident(Role::Resident, true, p, e, Timestamp::from_millis(at))
    }

    #[test]
    fn parses_only_real_dates() {
        let d = BirthDate::parse("2008-02-29").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2008, 2, 29));
        assert_eq!(d.to_string(), "2008-02-29");
        for bad in [
            "2007-02-29",
            "1900-02-29",
            "2008-13-01",
            "2008-00-10",
            "2008-04-31",
            "2008-4-01",
            "08-04-01",
            "2008/04/01",
            "2008-04-01 ",
            "０８００-04-01",
            "0999-01-01",
            "",
        ] {
            assert!(BirthDate::parse(bad).is_err(), "{bad}");
        }
        assert!(BirthDate::parse("2000-02-29").is_ok());
        assert_eq!(BirthDate::parse("x").unwrap_err().field(), "birth_date");
    }

    #[test]
    fn age_counts_whole_years_and_birthdays_on_the_day() {
        let d = BirthDate::parse("2010-03-01").unwrap();
        assert_eq!(d.age_on((2026, 2, 28)), 15);
        assert_eq!(d.age_on((2026, 3, 1)), 16);
        assert_eq!(d.age_on((2009, 1, 1)), 0);
        let leap = BirthDate::parse("2008-02-29").unwrap();
        assert_eq!(leap.age_on((2026, 2, 28)), 17);
        assert_eq!(leap.age_on((2026, 3, 1)), 18);
        assert_eq!(leap.age_on((2028, 2, 29)), 20);
    }

    #[test]
    fn minimum_age_is_reached_on_a_birthday_on_voting_day() {
        let e = rules(None, Some(16));
        // Voting opens at midnight UTC and late the same day: both count that date.
        for at in [MARCH_1_2026, MARCH_1_2026 + 86_399_999] {
            assert_eq!(check(&profile(None, Some("2010-03-01")), &e, at), Ok(()));
            assert_eq!(
                check(&profile(None, Some("2010-03-02")), &e, at),
                Err(NotEligible::TooYoung {
                    min_age: 16,
                    age: 15
                })
            );
        }
        // One millisecond before the day, the birthday has not come.
        assert_eq!(
            check(&profile(None, Some("2010-03-01")), &e, MARCH_1_2026 - 1)
                .unwrap_err()
                .code(),
            "too_young"
        );
        // Born 29 February: 16 on 1 March of a common year.
        assert_eq!(
            check(
                &profile(None, Some("2008-02-29")),
                &rules(None, Some(18)),
                MARCH_1_2026
            ),
            Ok(())
        );
    }

    #[test]
    fn district_and_birth_date_must_be_known_when_required() {
        let e = rules(Some("Kesklinn"), Some(16));
        let at = MARCH_1_2026;
        assert_eq!(
            check(&profile(Some("Kesklinn"), Some("1990-05-05")), &e, at),
            Ok(())
        );
        assert_eq!(
            check(&profile(None, Some("1990-05-05")), &e, at),
            Err(NotEligible::MissingDistrict {
                required: "Kesklinn".into()
            })
        );
        let wrong = check(&profile(Some("Kalamaja"), Some("1990-05-05")), &e, at).unwrap_err();
        assert_eq!(wrong.code(), "wrong_district");
        assert_eq!(
            wrong.message(),
            "Only residents of Kesklinn may vote, and you live in Kalamaja."
        );
        assert_eq!(
            check(&profile(Some("Kesklinn"), None), &e, at),
            Err(NotEligible::MissingBirthDate { min_age: 16 })
        );
        assert_eq!(
            check(&profile(Some("Kesklinn"), Some("1990-02-30")), &e, at)
                .unwrap_err()
                .code(),
            "invalid_birth_date"
        );
        // With no requirements, an empty profile is enough.
        assert_eq!(check(&profile(None, None), &rules(None, None), at), Ok(()));
    }

    #[test]
    fn only_active_residents_vote() {
        let p = profile(None, None);
        let e = rules(None, None);
        let at = Timestamp::from_millis(MARCH_1_2026);
        for role in [Role::Official, Role::Admin, Role::Auditor] {
            let err = check_resident(role, true, &p, &e, at).unwrap_err();
            assert_eq!(
                err,
                NotEligible::NotResident {
                    role: role.as_str().to_string()
                }
            );
        }
        assert_eq!(
            check_resident(Role::Resident, false, &p, &e, at),
            Err(NotEligible::Inactive)
        );
        let json = serde_json::to_value(NotEligible::TooYoung {
            min_age: 16,
            age: 15,
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "too_young", "min_age": 16, "age": 15})
        );
    }
}
