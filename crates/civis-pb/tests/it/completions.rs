//! The `add1u` and `pabulib` completions of MES.

use civis_pb::official::equal_shares::Variant;
use civis_pb::rules::completion_equalshares::{mes_add1u, mes_pabulib};
use civis_pb::rules::{Phase, Profile, Rational, TieBreak};
use civis_pb::{pabulib, Election};
use num_bigint::BigInt;

use crate::fixtures_dir;
use crate::real_files::shared_dir;

/// Two voters, budget 11. A (6) by both, B (3) by voter 1, D (2) and E
/// (5) by nobody.
fn abd() -> Election {
    pabulib::parse(
        "META\nkey;value\nbudget;11\nvote_type;approval\nPROJECTS\nproject_id;cost\nA;6\nB;3\nD;2\nE;5\n\
         VOTES\nvoter_id;vote\n1;A,B\n2;A\n",
    )
    .unwrap()
}

fn ids(e: &Election, v: &[usize]) -> Vec<String> {
    v.iter().map(|&p| e.projects[p].id.clone()).collect()
}

#[test]
fn add1u_by_hand() {
    // Start from 5 each (whole units): A costs 3 a voter; then voter 1
    // holds 2 < 3 for B: {A}, not exhaustive. 6 each: A, then B at 3:
    // {A, B} costs 9. Every project MES can buy is bought; utilitarian
    // completion adds D (9 + 2 <= 11) but not E.
    let e = abd();
    let profile = Profile::from_election(&e).unwrap();
    let o = mes_add1u(&profile, &TieBreak::File.order(&profile));
    assert_eq!(ids(&e, &o.projects()), ["A", "B", "D"]);
    let phases: Vec<(Phase, usize)> = o
        .selections
        .iter()
        .map(|s| (s.phase.clone(), s.round))
        .collect();
    assert_eq!(
        phases,
        [(Phase::Mes, 1), (Phase::Mes, 2), (Phase::Greedy, 1)]
    );
    let three = Rational::from_integer(BigInt::from(3));
    assert_eq!(o.selections[0].price, Some(three.clone()));
    assert_eq!(o.selections[1].price, Some(three));
    assert_eq!(
        o.mes_budget_per_voter,
        Some(Rational::from_integer(BigInt::from(6)))
    );
    assert_eq!(o.mes_runs, 2);
}

#[test]
fn pabulib_completion_by_hand_has_no_utilitarian_step() {
    let e = abd();
    let profile = Profile::from_election(&e).unwrap();
    let tie = TieBreak::File.order(&profile);
    let add1 = mes_pabulib(
        &profile,
        &tie,
        Variant {
            add1: true,
            comparison: false,
        },
    );
    assert_eq!(ids(&e, &add1.projects()), ["A", "B"]);
    let plain = mes_pabulib(
        &profile,
        &tie,
        Variant {
            add1: false,
            comparison: false,
        },
    );
    assert_eq!(ids(&e, &plain.projects()), ["A"]);
}

#[test]
fn add1u_spends_within_budget_and_is_exhaustive_on_fixtures() {
    for f in crate::pb_files(&fixtures_dir()) {
        let e = pabulib::parse_bytes(&std::fs::read(&f).unwrap()).unwrap();
        let profile = Profile::from_election(&e).unwrap();
        let o = mes_add1u(&profile, &TieBreak::Lexico.order(&profile));
        let spent = o.cost(&profile);
        assert!(spent <= profile.budget(), "{}", f.display());
        for p in 0..profile.num_projects() {
            assert!(
                o.contains(p) || spent + profile.cost(p) > profile.budget(),
                "{}: {} would still fit",
                f.display(),
                profile.id(p)
            );
        }
    }
}

fn official_ids(e: &Election) -> Vec<String> {
    let mut v = ids(e, &civis_pb::official::official_selected(e).unwrap());
    v.sort();
    v
}

fn pabulib_ids(e: &Election) -> Vec<String> {
    let profile = Profile::from_election(e).unwrap();
    let o = mes_pabulib(
        &profile,
        &TieBreak::File.order(&profile),
        Variant::for_election(e),
    );
    let mut v = ids(e, &o.projects());
    v.sort();
    v
}

#[test]
fn pabulib_completion_gives_the_official_equal_shares_outcomes() {
    let e = pabulib::parse_bytes(
        &std::fs::read(fixtures_dir().join("approval_mes_assen_2024.pb")).unwrap(),
    )
    .unwrap();
    assert_eq!(pabulib_ids(&e), official_ids(&e));
    let Some(dir) = shared_dir() else {
        return;
    };
    for name in [
        "Poland_Swiecie_2023.pb",
        "Poland_Wieliczka_2023_Green_Budget.pb",
    ] {
        let e = pabulib::parse_bytes(&std::fs::read(dir.join(name)).unwrap()).unwrap();
        assert_eq!(pabulib_ids(&e), official_ids(&e), "{name}");
    }
}
