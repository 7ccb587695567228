//! Points in time, as UTC milliseconds since the Unix epoch.

use std::fmt;

/// A UTC instant with millisecond precision (milliseconds since 1970-01-01T00:00:00Z).
///
/// The domain never reads the clock: callers pass `now` in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The Unix epoch.
    pub const EPOCH: Timestamp = Timestamp(0);

    /// Builds a timestamp from milliseconds since the Unix epoch.
    pub const fn from_millis(millis: i64) -> Self {
        Timestamp(millis)
    }

    /// Milliseconds since the Unix epoch.
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// This instant moved forward by `millis` (saturating at the ends of the range).
    pub const fn plus_millis(self, millis: i64) -> Self {
        Timestamp(self.0.saturating_add(millis))
    }

    /// This instant moved back by `millis` (saturating at the ends of the range).
    pub const fn minus_millis(self, millis: i64) -> Self {
        Timestamp(self.0.saturating_sub(millis))
    }

    /// This instant moved forward by `seconds`.
    pub const fn plus_seconds(self, seconds: i64) -> Self {
        self.plus_millis(seconds.saturating_mul(1000))
    }

    /// This instant moved back by `seconds`.
    pub const fn minus_seconds(self, seconds: i64) -> Self {
        self.minus_millis(seconds.saturating_mul(1000))
    }

    /// The UTC calendar date of this instant as (year, month 1–12, day 1–31),
    /// proleptic Gregorian.
    pub const fn utc_date(self) -> (i64, u32, u32) {
        let days = self.0.div_euclid(86_400_000);
        let (y, m, d) = civil_from_days(days);
        (y, m as u32, d as u32)
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC with milliseconds, e.g. `2026-11-26T19:40:14.123Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.rem_euclid(1000);
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
            sod / 3600,
            (sod % 3600) / 60,
            sod % 60
        )
    }
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
const fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_rfc3339() {
        assert_eq!(Timestamp::EPOCH.to_string(), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            Timestamp::from_millis(1_795_722_014_123).to_string(),
            "2026-11-26T19:40:14.123Z"
        );
        assert_eq!(
            Timestamp::from_millis(951_782_400_000).to_string(),
            "2000-02-29T00:00:00.000Z"
        );
        assert_eq!(
            Timestamp::from_millis(-1).to_string(),
            "1969-12-31T23:59:59.999Z"
        );
    }

    #[test]
    fn utc_date_is_the_calendar_day() {
        assert_eq!(Timestamp::EPOCH.utc_date(), (1970, 1, 1));
        assert_eq!(Timestamp::from_millis(-1).utc_date(), (1969, 12, 31));
        assert_eq!(
            Timestamp::from_millis(951_782_400_000).utc_date(),
            (2000, 2, 29)
        );
        assert_eq!(
            Timestamp::from_millis(951_782_400_000 - 1).utc_date(),
            (2000, 2, 28)
        );
    }

    #[test]
    fn arithmetic_saturates() {
        let t = Timestamp::from_millis(1000);
        assert_eq!(t.plus_seconds(2).as_millis(), 3000);
        assert_eq!(t.minus_millis(1500).as_millis(), -500);
        assert_eq!(
            Timestamp::from_millis(i64::MAX).plus_millis(1).as_millis(),
            i64::MAX
        );
    }
}
