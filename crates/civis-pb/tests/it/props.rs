//! Property tests of the outcome rules on small random elections.

use civis_pb::rules::{self, MesBudget, MesParams, Outcome, Profile, Satisfaction, TieBreak};
use civis_pb::{Decimal, Election, Project, Voter};
use proptest::prelude::*;

/// Small approval elections: 1-6 projects with costs 0-10 (decimals
/// sometimes), 0-10 voters, any budget up to the total cost.
fn election() -> impl Strategy<Value = Election> {
    (1usize..=6)
        .prop_flat_map(|m| {
            (
                prop::collection::vec((0i128..=10, any::<bool>()), m),
                prop::collection::vec(prop::collection::vec(any::<bool>(), m), 0..=10),
                0u32..=100,
            )
        })
        .prop_map(|(costs, ballots, budget_pct)| {
            let projects: Vec<Project> = costs
                .iter()
                .enumerate()
                .map(|(i, &(c, half))| Project {
                    id: format!("p{i}"),
                    cost: if half {
                        Decimal::new(c * 10 + 5, 1)
                    } else {
                        Decimal::from_int(c)
                    },
                    fields: Default::default(),
                })
                .collect();
            let total: i128 = projects
                .iter()
                .map(|p| p.cost.units_at_scale(1).unwrap())
                .sum();
            let budget = Decimal::new(total * i128::from(budget_pct) / 100, 1);
            let voters = ballots
                .into_iter()
                .enumerate()
                .map(|(v, b)| Voter {
                    id: v.to_string(),
                    vote: (0..b.len() as u32).filter(|&i| b[i as usize]).collect(),
                    points: None,
                    fields: Default::default(),
                })
                .collect();
            Election {
                meta: vec![("budget".into(), budget.to_string())],
                project_columns: Vec::new(),
                voter_columns: Vec::new(),
                projects,
                voters,
            }
        })
}

fn all_outcomes(profile: &Profile) -> Vec<(String, Outcome)> {
    let mut out = Vec::new();
    for tie in [TieBreak::Lexico, TieBreak::CostVotes, TieBreak::File] {
        let order = tie.order(profile);
        for sat in [Satisfaction::Cost, Satisfaction::Cardinality] {
            let params = MesParams {
                sat,
                budget: MesBudget::Equal,
            };
            let name = |r: &str| format!("{r}/{}/{}", sat.as_str(), tie.as_str());
            out.push((name("greedy"), rules::greedy(profile, sat, &order)));
            out.push((name("mes"), rules::mes(profile, &params, &order)));
            out.push((
                name("mes-add1"),
                rules::mes_add1_greedy(profile, sat, &order),
            ));
        }
        out.push((
            format!("phragmen/{}", tie.as_str()),
            rules::phragmen(profile, &order),
        ));
    }
    out
}

/// EJR up to one project for cost satisfaction on approval ballots
/// (Peters, Pierczyński, Skowron 2021; pabutools `is_EJR_one_approval`):
/// for every non-empty project set T and every group S of voters who all
/// approve T with |S| / n * budget >= cost(T), some voter i in S has
/// cost(A_i ∩ W) + max_{p in T \ W} cost(p) >= cost(T).
/// Brute force over T; for a given T the hardest group is every voter
/// approving T who is not satisfied, so it suffices to count those.
fn ejr_up_to_one_violation(profile: &Profile, selected: &[bool]) -> Option<Vec<usize>> {
    let m = profile.num_projects();
    let n = i128::from(profile.num_voters() as u32);
    let ballots: Vec<(Vec<usize>, u64)> = (0..profile.num_groups())
        .map(|g| {
            (
                profile.ballot(g).iter().map(|&p| p as usize).collect(),
                profile.weight(g),
            )
        })
        .collect();
    for mask in 1u32..(1 << m) {
        let t: Vec<usize> = (0..m).filter(|&p| mask & (1 << p) != 0).collect();
        let cost_t: i128 = t.iter().map(|&p| profile.cost(p)).sum();
        let surplus = t
            .iter()
            .filter(|&&p| !selected[p])
            .map(|&p| profile.cost(p))
            .max()
            .unwrap_or(0);
        let mut unsatisfied: i128 = 0;
        for (ballot, w) in &ballots {
            if !t.iter().all(|p| ballot.contains(p)) {
                continue;
            }
            let sat: i128 = ballot
                .iter()
                .filter(|&&p| selected[p])
                .map(|&p| profile.cost(p))
                .sum();
            if sat + surplus < cost_t {
                unsatisfied += i128::from(*w as u32);
            }
        }
        if unsatisfied > 0 && cost_t * n <= unsatisfied * profile.budget() {
            return Some(t);
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_outcome_fits_the_budget(e in election()) {
        let profile = Profile::from_election(&e).unwrap();
        for (name, outcome) in all_outcomes(&profile) {
            prop_assert!(outcome.cost(&profile) <= profile.budget(), "{} overspends", name);
            let mut seen = outcome.projects();
            seen.sort_unstable();
            seen.dedup();
            prop_assert_eq!(seen.len(), outcome.selections.len(), "{} selects a project twice", name);
        }
    }

    #[test]
    fn mes_with_cost_satisfaction_is_ejr_up_to_one(e in election()) {
        let profile = Profile::from_election(&e).unwrap();
        for tie in [TieBreak::Lexico, TieBreak::File] {
            let params = MesParams { sat: Satisfaction::Cost, budget: MesBudget::Equal };
            let outcome = rules::mes(&profile, &params, &tie.order(&profile));
            let mut selected = vec![false; profile.num_projects()];
            for p in outcome.projects() {
                selected[p] = true;
            }
            let violation = ejr_up_to_one_violation(&profile, &selected);
            prop_assert!(violation.is_none(), "EJR-1 violated for T = {:?} by {:?}", violation, outcome.projects());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The float-guided MES agrees with the purely exact computation
    /// (selections and prices) on elections with many voters, where budgets
    /// near a price must be settled exactly.
    #[test]
    fn fast_mes_equals_exact_mes(seed in any::<u64>(), card in any::<bool>(), per_voter in 0u32..4) {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let e = crate::gen::random_election(&mut rng, 9, 400);
        let profile = Profile::from_election(&e).unwrap();
        let sat = if card { Satisfaction::Cardinality } else { Satisfaction::Cost };
        let budget = if per_voter == 0 {
            MesBudget::Equal
        } else {
            MesBudget::PerVoter(rules::Rational::new(per_voter.into(), 3.into()))
        };
        let params = MesParams { sat, budget };
        let order = TieBreak::Lexico.order(&profile);
        let fast = rules::mes(&profile, &params, &order);
        let exact = rules::mes_reference(&profile, &params, &order);
        prop_assert_eq!(fast, exact);
    }

    /// MES with budget increments gives the same outcome whether runs for
    /// successive budgets are computed one at a time or several at once.
    #[test]
    fn parallel_increment_runs_change_nothing(seed in any::<u64>(), card in any::<bool>()) {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let e = crate::gen::random_election(&mut rng, 8, 60);
        let profile = Profile::from_election(&e).unwrap();
        let sat = if card { Satisfaction::Cardinality } else { Satisfaction::Cost };
        let params = MesParams { sat, budget: MesBudget::Equal };
        let order = TieBreak::Lexico.order(&profile);
        let one = rules::Rational::from_integer(1.into());
        let serial = rules::mes_iterated_on(&profile, &params, &order, &one, 1);
        for threads in [2, 3] {
            let parallel = rules::mes_iterated_on(&profile, &params, &order, &one, threads);
            prop_assert_eq!(&parallel, &serial);
        }
    }
}

#[test]
fn the_ejr_check_detects_a_violation() {
    // Two voters, budget 2: both approve {a, b} (cost 1 each), nothing is
    // selected: the group deserves both, and with one more project they
    // would still only have 1 < 2.
    let e = Election {
        meta: vec![("budget".into(), "2".into())],
        projects: ["a", "b"]
            .iter()
            .map(|id| Project {
                id: (*id).into(),
                cost: Decimal::from_int(1),
                fields: Default::default(),
            })
            .collect(),
        voters: (0..2)
            .map(|v| Voter {
                id: v.to_string(),
                vote: vec![0, 1],
                points: None,
                fields: Default::default(),
            })
            .collect(),
        ..Election::default()
    };
    let profile = Profile::from_election(&e).unwrap();
    assert!(ejr_up_to_one_violation(&profile, &[false, false]).is_some());
    assert!(ejr_up_to_one_violation(&profile, &[true, false]).is_none());
}
