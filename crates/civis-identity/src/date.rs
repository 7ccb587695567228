//! Calendar dates (`YYYY-MM-DD`, proleptic Gregorian): birth dates and the dates
//! register versions are valid from.

use std::fmt;

use civis_domain::Timestamp;

/// A valid calendar date. Orders chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// A text that is not a `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("must be a date written YYYY-MM-DD (got {0:?})")]
pub struct DateError(pub String);

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date `year-month-day` if it exists (years 1000–9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1000..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_owned());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if !digits(0..4) || !digits(5..7) || !digits(8..10) {
            return Err(err());
        }
        let year = s[0..4].parse().map_err(|_| err())?;
        let month = s[5..7].parse().map_err(|_| err())?;
        let day = s[8..10].parse().map_err(|_| err())?;
        Date::new(year, month, day).ok_or_else(err)
    }

    /// The UTC calendar date of `at`.
    pub fn of(at: Timestamp) -> Date {
        let (y, m, d) = at.utc_date();
        Date {
            year: i32::try_from(y).unwrap_or(9999),
            month: m,
            day: d,
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u32 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "2024-01-00",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert!(Date::parse("1999-12-31").unwrap() < Date::parse("2000-01-01").unwrap());
        assert_eq!(
            Date::of(Timestamp::from_millis(0)).to_string(),
            "1970-01-01"
        );
    }
}
