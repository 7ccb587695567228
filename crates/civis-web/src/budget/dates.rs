//! Calendar dates of PB rules: birth dates (`YYYY-MM-DD`) and ages on a given day.

use civis_domain::Timestamp;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 1984.
    pub year: i64,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD` (a real date, years 1800–9999).
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        if !(y.bytes().chain(m.bytes()).chain(d.bytes())).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (year, month, day): (i64, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        if year < 1800 || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month)
        {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The UTC date of an instant.
    pub fn of(t: Timestamp) -> Date {
        let text = t.to_string();
        let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse().ok());
        Date {
            year: num(0..4).unwrap_or(1970),
            month: num(5..7).map_or(1, |m: i64| u32::try_from(m).unwrap_or(1)),
            day: num(8..10).map_or(1, |d: i64| u32::try_from(d).unwrap_or(1)),
        }
    }

    /// Whole years from `self` (a birth date) to `on`; negative before birth.
    pub fn age_on(self, on: Date) -> i64 {
        let mut age = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            age -= 1;
        }
        age
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_counts_whole_years() {
        let born = Date::parse("2008-03-01").unwrap();
        assert_eq!(born.age_on(Date::parse("2024-02-29").unwrap()), 15);
        assert_eq!(born.age_on(Date::parse("2024-03-01").unwrap()), 16);
        assert!(Date::parse("1950-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2000-2-9").is_none());
        assert_eq!(
            Date::of(Timestamp::from_millis(951_782_400_000)),
            Date::parse("2000-02-29").unwrap()
        );
    }
}
