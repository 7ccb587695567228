//! Participation figures with small groups suppressed.

use civis_budget::participation::{participation, Figure, MIN_GROUP};
use civis_budget::ResidentProfile;
use civis_domain::Timestamp;

use crate::gen::VOTING_OPEN;

fn profile(district: Option<&str>, birth: Option<&str>) -> ResidentProfile {
    ResidentProfile {
        district: district.map(String::from),
        birth_date: birth.map(String::from),
    }
}

fn many(n: usize, district: Option<&str>, birth: Option<&str>) -> Vec<ResidentProfile> {
    vec![profile(district, birth); n]
}

#[test]
fn figures_by_district_and_age_hide_small_groups() {
    let open = Timestamp::from_millis(VOTING_OPEN); // 2026-03-01
    let mut voters = Vec::new();
    voters.extend(many(40, Some("North"), Some("1990-05-05"))); // 35
    voters.extend(many(25, Some("South"), Some("2005-01-01"))); // 21
    voters.extend(many(12, Some("East"), Some("1960-03-01"))); // 66 (birthday today)
    voters.extend(many(3, Some("West"), Some("1960-03-02"))); // 65
    voters.extend(many(2, None, None));
    let mut eligible = voters.clone();
    eligible.extend(many(100, Some("North"), Some("1980-01-01"))); // 46
    eligible.extend(many(50, Some("West"), Some("2010-02-28"))); // 16
    let p = participation(open, &voters, Some(&eligible));
    assert_eq!(p.total.voters, Figure::Count(82));
    assert_eq!(p.total.eligible, Some(Figure::Count(232)));
    assert_eq!(p.total.percent, Some(35.3));
    let d: Vec<(&str, Figure, Option<Figure>, Option<f64>)> = p
        .by_district
        .iter()
        .map(|g| (g.group.as_str(), g.voters, g.eligible, g.percent))
        .collect();
    assert_eq!(
        d,
        vec![
            // Only "unknown" has fewer than 10 eligible, so East's 12 are withheld.
            ("East", Figure::Count(12), Some(Figure::Withheld), None),
            (
                "North",
                Figure::Count(40),
                Some(Figure::Count(140)),
                Some(28.6)
            ),
            (
                "South",
                Figure::Count(25),
                Some(Figure::Count(25)),
                Some(100.0)
            ),
            ("West", Figure::FewerThan10, Some(Figure::Count(53)), None),
            (
                "unknown",
                Figure::FewerThan10,
                Some(Figure::FewerThan10),
                None
            ),
        ]
    );
    let a: Vec<(&str, Figure, Option<Figure>)> = p
        .by_age
        .iter()
        .map(|g| (g.group.as_str(), g.voters, g.eligible))
        .collect();
    assert_eq!(
        a,
        vec![
            // 16-24 has the 25 South voters and 50 eligible West 16-year-olds.
            ("16-24", Figure::Count(25), Some(Figure::Count(75))),
            ("35-49", Figure::Count(40), Some(Figure::Count(140))),
            // 65+: 12 + 3 voters; unknown 2: one small group, so the next
            // smallest (65+ with 15) is withheld too.
            ("65+", Figure::Withheld, Some(Figure::Withheld)),
            ("unknown", Figure::FewerThan10, Some(Figure::FewerThan10)),
        ]
    );
    assert!(p
        .by_age
        .iter()
        .all(|g| g.percent.is_none() || g.group != "65+"));
}

#[test]
fn no_hidden_count_follows_from_the_shown_ones() {
    // Whatever the mix, the total minus the shown groups is never exactly one
    // hidden group's count.
    let open = Timestamp::from_millis(VOTING_OPEN);
    let districts = ["A", "B", "C", "D"];
    for seed in 0..200u64 {
        let mut voters = Vec::new();
        let mut x = seed * 7919 + 13;
        for d in districts {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let n = (x >> 33) % 30;
            voters.extend(many(n as usize, Some(d), Some("1980-01-01")));
        }
        let p = participation(open, &voters, None);
        let Figure::Count(total) = p.total.voters else {
            assert!(p
                .by_district
                .iter()
                .all(|g| g.voters.count().is_none() || g.voters.count().unwrap() >= MIN_GROUP));
            continue;
        };
        let shown: u64 = p.by_district.iter().filter_map(|g| g.voters.count()).sum();
        let hidden = p
            .by_district
            .iter()
            .filter(|g| g.voters.count().is_none())
            .count();
        assert_ne!(hidden, 1, "seed {seed}: {:?}", p.by_district);
        if hidden == 0 {
            assert_eq!(shown, total);
        }
        for g in &p.by_district {
            if let Some(n) = g.voters.count() {
                assert!(n >= MIN_GROUP);
            }
        }
    }
}

#[test]
fn a_process_with_few_voters_shows_no_figure() {
    let open = Timestamp::from_millis(VOTING_OPEN);
    let voters = many(9, Some("North"), Some("1990-01-01"));
    let p = participation(open, &voters, None);
    assert_eq!(p.total.voters, Figure::FewerThan10);
    assert_eq!(p.total.eligible, None);
    assert!(p
        .by_district
        .iter()
        .chain(&p.by_age)
        .all(|g| g.voters == Figure::FewerThan10 && g.percent.is_none()));
}
