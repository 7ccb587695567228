//! Participation figures: how many voted, per district and per age band, and
//! what share of the eligible residents that is, where their number is known.
//!
//! # Small groups
//! A figure about fewer than [`MIN_GROUP`] people (10) is never shown: the
//! count is [`Figure::FewerThan10`] and the group has no percentage. So that a
//! hidden count cannot be recovered by subtracting the shown ones from the
//! shown total, whenever exactly one group of a breakdown is hidden, the next
//! smallest group is hidden too ([`Figure::Withheld`], secondary suppression;
//! ties go to the group listed first). Then the total minus the shown groups is
//! the sum of two hidden counts, which says neither. Totals are exact (not
//! rounded) unless they are themselves under 10, when everything is hidden.
//! Voter counts and eligible counts are suppressed independently; a percentage
//! is shown only when both of its counts are.
//!
//! Ages are in whole years on the day voting opened (as eligibility counts
//! them). Residents without a profile, district or valid birth date are in the
//! `unknown` group of that breakdown.

use std::collections::BTreeMap;

use civis_domain::Timestamp;
use serde::{Deserialize, Serialize};

use crate::ResidentProfile;

/// The smallest group whose figures are shown.
pub const MIN_GROUP: u64 = 10;

/// One published count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Figure {
    /// The exact count.
    Count(u64),
    /// Fewer than 10 people: not shown.
    FewerThan10,
    /// At least 10 people, not shown so that a smaller group's count cannot
    /// be worked out from the total.
    Withheld,
}

impl Figure {
    /// The count, when shown.
    pub fn count(&self) -> Option<u64> {
        match self {
            Figure::Count(n) => Some(*n),
            _ => None,
        }
    }
}

/// An age band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AgeBand {
    /// Under 16.
    #[serde(rename = "under-16")]
    Under16,
    /// 16 to 24.
    #[serde(rename = "16-24")]
    From16To24,
    /// 25 to 34.
    #[serde(rename = "25-34")]
    From25To34,
    /// 35 to 49.
    #[serde(rename = "35-49")]
    From35To49,
    /// 50 to 64.
    #[serde(rename = "50-64")]
    From50To64,
    /// 65 and over.
    #[serde(rename = "65+")]
    From65,
    /// Birth date not known.
    #[serde(rename = "unknown")]
    Unknown,
}

impl AgeBand {
    /// Every band, youngest first, `unknown` last.
    pub const ALL: [AgeBand; 7] = [
        AgeBand::Under16,
        AgeBand::From16To24,
        AgeBand::From25To34,
        AgeBand::From35To49,
        AgeBand::From50To64,
        AgeBand::From65,
        AgeBand::Unknown,
    ];

    /// Its stable name: `under-16`, `16-24`, …, `65+`, `unknown` (for labels
    /// and message keys).
    pub const fn as_str(self) -> &'static str {
        match self {
            AgeBand::Under16 => "under-16",
            AgeBand::From16To24 => "16-24",
            AgeBand::From25To34 => "25-34",
            AgeBand::From35To49 => "35-49",
            AgeBand::From50To64 => "50-64",
            AgeBand::From65 => "65+",
            AgeBand::Unknown => "unknown",
        }
    }

    /// The band of a whole-years age.
    pub const fn of_age(age: u32) -> AgeBand {
        match age {
            0..=15 => AgeBand::Under16,
            16..=24 => AgeBand::From16To24,
            25..=34 => AgeBand::From25To34,
            35..=49 => AgeBand::From35To49,
            50..=64 => AgeBand::From50To64,
            _ => AgeBand::From65,
        }
    }
}

/// The figures of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupFigures {
    /// The group: a district name or `unknown`; an [`AgeBand`] name.
    pub group: String,
    /// How many voted.
    pub voters: Figure,
    /// How many were eligible, when known.
    pub eligible: Option<Figure>,
    /// Voters per 100 eligible, to one decimal, when both counts are shown.
    pub percent: Option<f64>,
}

/// A process's participation figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participation {
    /// The whole process.
    pub total: GroupFigures,
    /// By district (sorted by name, `unknown` last).
    pub by_district: Vec<GroupFigures>,
    /// By age band (youngest first, `unknown` last; bands with nobody left out).
    pub by_age: Vec<GroupFigures>,
}

/// The group name of residents without a known district or age.
pub const UNKNOWN: &str = "unknown";

/// Participation figures of the voters' profiles (one per counted ballot; a
/// voter without a profile as `ResidentProfile::default()`), against the
/// eligible residents' profiles when the platform knows them. Ages are taken
/// on `voting_open`'s date.
pub fn participation(
    voting_open: Timestamp,
    voters: &[ResidentProfile],
    eligible: Option<&[ResidentProfile]>,
) -> Participation {
    let today = date_of(voting_open);
    let district = |p: &ResidentProfile| {
        p.district
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map_or_else(|| UNKNOWN.to_string(), str::to_string)
    };
    let age = |p: &ResidentProfile| {
        p.birth_date
            .as_deref()
            .and_then(|b| age_on(b, today))
            .map_or(AgeBand::Unknown, AgeBand::of_age)
    };
    // District groups: sorted by name, unknown last.
    let key = |d: String| (d == UNKNOWN, d);
    let by_district = breakdown(voters, eligible, |p| key(district(p)), |(_, d)| d.clone());
    let by_age = breakdown(voters, eligible, age, |b| b.as_str().to_string());
    let n = voters.len() as u64;
    let e = eligible.map(|e| e.len() as u64);
    let total_voters = if n < MIN_GROUP {
        Figure::FewerThan10
    } else {
        Figure::Count(n)
    };
    let total_eligible = e.map(|e| {
        if e < MIN_GROUP {
            Figure::FewerThan10
        } else {
            Figure::Count(e)
        }
    });
    Participation {
        total: GroupFigures {
            group: "total".into(),
            voters: total_voters,
            eligible: total_eligible,
            percent: percent(total_voters, total_eligible),
        },
        by_district,
        by_age,
    }
}

/// The suppressed figures of one breakdown.
fn breakdown<K: Ord + Clone>(
    voters: &[ResidentProfile],
    eligible: Option<&[ResidentProfile]>,
    key: impl Fn(&ResidentProfile) -> K,
    name: impl Fn(&K) -> String,
) -> Vec<GroupFigures> {
    let mut counts: BTreeMap<K, (u64, u64)> = BTreeMap::new();
    for p in voters {
        counts.entry(key(p)).or_default().0 += 1;
    }
    for p in eligible.unwrap_or_default() {
        counts.entry(key(p)).or_default().1 += 1;
    }
    let v: Vec<u64> = counts.values().map(|c| c.0).collect();
    let e: Vec<u64> = counts.values().map(|c| c.1).collect();
    let v = suppress(&v);
    let e = suppress(&e);
    counts
        .keys()
        .zip(v.into_iter().zip(e))
        .map(|(k, (voters, elig))| {
            let elig = eligible.map(|_| elig);
            GroupFigures {
                group: name(k),
                voters,
                eligible: elig,
                percent: percent(voters, elig),
            }
        })
        .collect()
}

/// Small counts hidden, and a second one when exactly one is (see the module
/// documentation).
pub fn suppress(counts: &[u64]) -> Vec<Figure> {
    let mut out: Vec<Figure> = counts
        .iter()
        .map(|&c| {
            if c < MIN_GROUP {
                Figure::FewerThan10
            } else {
                Figure::Count(c)
            }
        })
        .collect();
    let hidden = out.iter().filter(|f| **f == Figure::FewerThan10).count();
    if hidden == 1 {
        let smallest = out
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.count().map(|c| (c, i)))
            .min();
        if let Some((_, i)) = smallest {
            out[i] = Figure::Withheld;
        }
    }
    out
}

fn percent(voters: Figure, eligible: Option<Figure>) -> Option<f64> {
    let v = voters.count()?;
    let e = eligible?.count()?;
    if e == 0 {
        return None;
    }
    Some((v as f64 * 1000.0 / e as f64).round() / 10.0)
}

/// `(year, month, day)` of an instant (UTC).
fn date_of(t: Timestamp) -> (i64, u32, u32) {
    parse_date(&t.to_string()).unwrap_or((1970, 1, 1))
}

/// `(year, month, day)` of a `YYYY-MM-DD…` text.
fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let y = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    let seps = s.get(4..5)? == "-" && s.get(7..8)? == "-";
    (seps && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// Age in whole years on `today` of someone born on `birth` (`YYYY-MM-DD`);
/// `None` for an invalid date or one after `today`.
pub fn age_on(birth: &str, today: (i64, u32, u32)) -> Option<u32> {
    let (by, bm, bd) = parse_date(birth.trim())?;
    let (ty, tm, td) = today;
    let mut age = ty - by;
    if (tm, td) < (bm, bd) {
        age -= 1;
    }
    u32::try_from(age).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_counts_whole_years_on_the_day() {
        assert_eq!(age_on("2010-03-01", (2026, 3, 1)), Some(16));
        assert_eq!(age_on("2010-03-02", (2026, 3, 1)), Some(15));
        assert_eq!(age_on("2008-02-29", (2026, 2, 28)), Some(17));
        assert_eq!(age_on("2027-01-01", (2026, 3, 1)), None);
        assert_eq!(age_on("1990/01/01", (2026, 3, 1)), None);
        assert_eq!(age_on("1990-13-01", (2026, 3, 1)), None);
    }

    #[test]
    fn one_small_group_takes_the_next_smallest_with_it() {
        use Figure::*;
        assert_eq!(
            suppress(&[40, 3, 12, 25]),
            vec![Count(40), FewerThan10, Withheld, Count(25)]
        );
        assert_eq!(
            suppress(&[40, 3, 0, 25]),
            vec![Count(40), FewerThan10, FewerThan10, Count(25)]
        );
        assert_eq!(suppress(&[40, 12]), vec![Count(40), Count(12)]);
        assert_eq!(suppress(&[5]), vec![FewerThan10]);
        assert_eq!(suppress(&[]), Vec::<Figure>::new());
    }
}
