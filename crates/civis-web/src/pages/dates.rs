//! Calendar dates typed into forms, and instants shown in pages (always UTC).

use civis_domain::Timestamp;

const MILLIS_PER_DAY: i64 = 86_400_000;

/// Parses `YYYY-MM-DD` (a real Gregorian date, years 1970–9999) into the instant
/// that day starts, UTC.
pub fn parse_date(text: &str) -> Option<Timestamp> {
    let mut parts = text.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y) && digits(m) && digits(d)) {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if y < 1970 || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(Timestamp::from_millis(
        days_from_civil(y, m, d) * MILLIS_PER_DAY,
    ))
}

/// The instant one day after `t`.
pub fn next_day(t: Timestamp) -> Timestamp {
    t.plus_millis(MILLIS_PER_DAY)
}

/// `2026-11-26 19:40 UTC`: minutes are precise enough for people.
pub fn show_minutes(t: Timestamp) -> String {
    let full = t.to_string();
    match (full.get(..10), full.get(11..16)) {
        (Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => full,
    }
}

/// `19:40 UTC`.
pub fn show_time(t: Timestamp) -> String {
    let full = t.to_string();
    full.get(11..16)
        .map_or(full.clone(), |hm| format!("{hm} UTC"))
}

/// `2026-11-26`.
pub fn show_date(t: Timestamp) -> String {
    let full = t.to_string();
    full.get(..10).map_or(full.clone(), str::to_owned)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_round_trip_through_display() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-11-26",
            "2026-12-31",
            "9999-12-31",
        ] {
            let t = parse_date(text).unwrap();
            assert_eq!(show_date(t), text);
        }
        assert_eq!(
            parse_date("1970-01-02").unwrap().as_millis(),
            MILLIS_PER_DAY
        );
    }

    #[test]
    fn refuses_impossible_or_malformed_dates() {
        for bad in [
            "",
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "26-11-26",
            "2026-1-05",
            "2026/11/26",
            "2026-11-26T00",
            "1969-12-31",
            "２０２６-11-26",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn shows_minutes_in_utc() {
        let t = parse_date("2026-11-26")
            .unwrap()
            .plus_millis(19 * 3_600_000 + 40 * 60_000 + 59_999);
        assert_eq!(show_minutes(t), "2026-11-26 19:40 UTC");
        assert_eq!(show_time(t), "19:40 UTC");
    }
}
