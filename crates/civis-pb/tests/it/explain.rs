//! `civis_pb::explain`: figures worked out by hand on small elections, and
//! the property that a left-out project's "would need to cost" is exact.

use civis_pb::explain::{explain, RuleKind};
use civis_pb::rules::{
    self, MesBudget, MesParams, Outcome, Profile, Rational, Satisfaction, TieBreak,
};
use civis_pb::{pabulib, Decimal, Election};
use num_bigint::BigInt;
use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::gen::random_election;

fn r(n: i64, d: i64) -> Rational {
    Rational::new(BigInt::from(n), BigInt::from(d))
}

fn mes_cost(e: &Election) -> Result<Outcome, String> {
    let profile = Profile::from_election(e).map_err(|x| x.to_string())?;
    let params = MesParams {
        sat: Satisfaction::Cost,
        budget: MesBudget::Equal,
    };
    Ok(rules::mes(
        &profile,
        &params,
        &TieBreak::Lexico.order(&profile),
    ))
}

fn greedy_cost(e: &Election) -> Result<Outcome, String> {
    let profile = Profile::from_election(e).map_err(|x| x.to_string())?;
    Ok(rules::greedy(
        &profile,
        Satisfaction::Cost,
        &TieBreak::Lexico.order(&profile),
    ))
}

/// Budget 30, three voters (10 each). A (18) by all, B (12) by voter 1,
/// C (9) by voters 2 and 3.
fn abc() -> Election {
    pabulib::parse(
        "META\nkey;value\nbudget;30\nvote_type;approval\nPROJECTS\nproject_id;cost\nA;18\nB;12\nC;9\n\
         VOTES\nvoter_id;vote\n1;A,B\n2;A,C\n3;A,C\n",
    )
    .unwrap()
}

#[test]
fn mes_explanation_by_hand() {
    let e = abc();
    let x = explain(
        &e,
        RuleKind::Mes,
        Satisfaction::Cost,
        TieBreak::Lexico,
        &mes_cost,
        None,
    )
    .unwrap();
    // Round 1: A costs 6 a supporter (effective votes 3), C 4.5 (2), B is
    // unaffordable (voter 1 holds 10). A is bought; everyone keeps 4.
    assert_eq!(x.funded, vec![0]);
    assert_eq!(x.mes_budget_per_voter, Some(r(10, 1)));
    let a = &x.projects[0];
    let fa = a.funded.as_ref().unwrap();
    assert_eq!(fa.round, 1);
    assert_eq!(fa.price, Some(r(6, 1)));
    assert_eq!((fa.full_payers, fa.partial_payers), (Some(3), Some(0)));
    // B: voter 1 holds 4 of 12; alone with 4 it would be bought at 4.
    let b = &x.projects[1];
    assert!(b.funded.is_none());
    let mb = b.mes.as_ref().unwrap();
    assert_eq!(mb.money_behind, r(4, 1));
    assert_eq!(mb.shortfall, r(8, 1));
    assert_eq!(mb.supporters_with_money, 1);
    assert_eq!(mb.price_needed, None);
    assert_eq!(b.would_need_to_cost, Some(Decimal::from_int(4)));
    // C: voters 2 and 3 hold 8 of 9.
    let c = &x.projects[2];
    let mc = c.mes.as_ref().unwrap();
    assert_eq!(mc.money_behind, r(8, 1));
    assert_eq!(mc.shortfall, r(1, 1));
    assert_eq!(c.would_need_to_cost, Some(Decimal::from_int(8)));
    // Everyone has A only: 18 of what they asked (30, 27, 27).
    let v = &x.voters;
    assert_eq!(v.average_cardinality_satisfaction, r(1, 1));
    assert_eq!(v.average_cost_satisfaction, r(18, 1));
    assert_eq!(v.average_cost_satisfaction_share, r(29, 45));
    assert_eq!(v.share_with_funded_project, r(1, 1));
    assert_eq!(v.gini_cost_satisfaction, r(0, 1));
}

#[test]
fn greedy_explanation_by_hand() {
    let e = abc();
    let x = explain(
        &e,
        RuleKind::Greedy,
        Satisfaction::Cost,
        TieBreak::Lexico,
        &greedy_cost,
        None,
    )
    .unwrap();
    // Order A (3 votes), C (2), B (1): A leaves 12, C leaves 3, B (12) does not fit.
    assert_eq!(x.funded, vec![0, 2]);
    let g: Vec<_> = x
        .projects
        .iter()
        .map(|p| p.greedy.clone().unwrap())
        .collect();
    assert_eq!(
        (g[0].position, g[0].remaining_before.clone(), g[0].fit),
        (1, r(30, 1), true)
    );
    assert_eq!(
        (g[2].position, g[2].remaining_before.clone(), g[2].fit),
        (2, r(12, 1), true)
    );
    assert_eq!(
        (g[1].position, g[1].remaining_before.clone(), g[1].fit),
        (3, r(3, 1), false)
    );
    // One more supporter ties B with C, and B wins the tie ("B" < "C").
    assert_eq!(x.projects[1].supporters_needed, Some(1));
    assert_eq!(x.projects[1].would_need_to_cost, Some(Decimal::from_int(3)));
    // Satisfaction 18, 27, 27: Gini = (-2*18 + 0*27 + 2*27) / (3 * 72) = 1/12.
    let v = &x.voters;
    assert_eq!(v.average_cardinality_satisfaction, r(5, 3));
    assert_eq!(v.average_cost_satisfaction, r(24, 1));
    assert_eq!(v.average_cost_satisfaction_share, r(13, 15));
    assert_eq!(v.gini_cost_satisfaction, r(1, 12));
}

#[test]
fn one_project_only_and_unknown_id() {
    let e = abc();
    let x = explain(
        &e,
        RuleKind::Mes,
        Satisfaction::Cost,
        TieBreak::Lexico,
        &mes_cost,
        Some("C"),
    )
    .unwrap();
    assert_eq!(x.projects.len(), 1);
    assert_eq!(x.projects[0].id, "C");
    assert!(explain(
        &e,
        RuleKind::Mes,
        Satisfaction::Cost,
        TieBreak::Lexico,
        &mes_cost,
        Some("Z")
    )
    .is_err());
}

fn with_cost(e: &Election, p: usize, cost: Decimal) -> Election {
    let mut e = e.clone();
    e.projects[p].cost = cost;
    e
}

#[test]
fn would_need_to_cost_is_exact_for_mes() {
    let mut rng = StdRng::seed_from_u64(7);
    let mut checked = 0;
    for _ in 0..60 {
        let e = random_election(&mut rng, 6, 12);
        let Ok(x) = explain(
            &e,
            RuleKind::Mes,
            Satisfaction::Cost,
            TieBreak::Lexico,
            &mes_cost,
            None,
        ) else {
            continue;
        };
        let scale = e
            .projects
            .iter()
            .map(|p| p.cost.scale())
            .chain(e.budget().map(|b| b.scale()))
            .max()
            .unwrap();
        for p in x.projects.iter().filter(|p| p.funded.is_none()) {
            let Some(c) = p.would_need_to_cost else {
                continue;
            };
            let at = mes_cost(&with_cost(&e, p.project, c)).unwrap();
            assert!(at.contains(p.project), "{} not funded at {c}", p.id);
            let above = Decimal::new(c.units_at_scale(scale).unwrap() + 1, scale);
            let at_above = mes_cost(&with_cost(&e, p.project, above)).unwrap();
            assert!(!at_above.contains(p.project), "{} funded at {above}", p.id);
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} projects checked");
}

#[test]
fn greedy_walk_matches_the_rule() {
    let mut rng = StdRng::seed_from_u64(11);
    for _ in 0..80 {
        let e = random_election(&mut rng, 7, 10);
        for (sat, tie) in [
            (Satisfaction::Cost, TieBreak::Lexico),
            (Satisfaction::Cardinality, TieBreak::CostVotes),
            (Satisfaction::Cost, TieBreak::File),
        ] {
            let run = |e: &Election| -> Result<Outcome, String> {
                let profile = Profile::from_election(e).map_err(|x| x.to_string())?;
                Ok(rules::greedy(&profile, sat, &tie.order(&profile)))
            };
            let Ok(x) = explain(&e, RuleKind::Greedy, sat, tie, &run, None) else {
                continue;
            };
            for p in &x.projects {
                let g = p.greedy.as_ref().unwrap();
                assert_eq!(g.fit, p.funded.is_some(), "{} in {e:?}", p.id);
                if let Some(k) = p.supporters_needed {
                    assert!(k >= 1);
                }
            }
        }
    }
}
