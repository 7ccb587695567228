//! Explanations of outcomes: the engine's explain module's figures, per project,
//! as data and in plain words.

use civis_budget::rules::Amount;
use civis_budget::{
    explain_project, explain_results, BallotContent, BallotFormat, Completion, ExplainDepth,
    OutcomeRule, ProjectExplanation, ProposalId, Stage, TieBreak, UnitKey,
};
use civis_pb::explain::{explain, RuleKind};
use civis_pb::rules::{self as engine, MesBudget, MesParams, Profile, Satisfaction};
use civis_pb::Election;

use crate::support::{
    approvals, ballot, budgets, fixture, from_pabulib, mes, parse, process, proposal, rules,
};

fn hand_made() -> (Vec<civis_budget::Proposal>, Vec<civis_budget::Ballot>) {
    let proposals = [(1, 300), (2, 300), (3, 500), (4, 200), (10, 200)]
        .iter()
        .map(|&(id, cost)| proposal(id, cost, None, None))
        .collect();
    let ballots = approvals(&[
        &[1, 2],
        &[1, 3],
        &[2, 3],
        &[4, 10],
        &[3, 10],
        &[1, 4],
        &[2, 10],
        &[3],
    ]);
    (proposals, ballots)
}

fn find(all: &[ProjectExplanation], id: i64) -> &ProjectExplanation {
    all.iter().find(|e| e.project == ProposalId(id)).unwrap()
}

#[test]
fn greedy_explains_order_budget_left_and_supporters_needed() {
    let (proposals, ballots) = hand_made();
    let p = process(rules(
        budgets(1000, &[], &[]),
        BallotFormat::Approval { min: 1, max: 3 },
        OutcomeRule::Greedy,
        TieBreak::Lexico,
    ));
    let all = explain_results(&p, &proposals, &ballots, ExplainDepth::Full).unwrap();
    let ids: Vec<i64> = all.iter().map(|e| e.project.0).collect();
    assert_eq!(ids, [1, 2, 3, 4, 10]);
    // Order by votes: 3 (4), then 1, 10, 2 (3 each, "1" < "10" < "2"), then 4.
    let three = find(&all, 3);
    assert!(three.funded);
    assert_eq!(three.stage, Some(Stage::Greedy));
    assert_eq!(three.greedy_position, Some(1));
    assert_eq!(
        three.budget_left_when_reached.as_ref().unwrap().rounded,
        "1000"
    );
    assert_eq!(
        three.message("Park"),
        "“Park” was funded: it came 1st in the order of support, and its cost 500 fit in the 1,000 still left."
    );
    let two = find(&all, 2);
    assert!(!two.funded);
    assert_eq!(two.unit, UnitKey::Citywide);
    assert_eq!((two.cost, two.supporters), (300, 3));
    assert_eq!(two.greedy_position, Some(4));
    assert_eq!(two.budget_left_when_reached.as_ref().unwrap().exact, "0");
    // No cost would do (nothing is left when its turn comes); one more supporter
    // puts it level with project 3 and first by the tie-breaking.
    assert_eq!(two.would_be_funded_at_cost, None);
    assert_eq!(two.more_supporters_needed, Some(1));
    assert_eq!(
        two.message("Bench"),
        "“Bench” was not funded: it came 4th in the order of support, and when its turn came only 0 was left, less than its cost 300. No lower cost would have got it funded. With 1 more supporter it would have been funded."
    );
    let json = serde_json::to_value(two).unwrap();
    assert_eq!(json["unit"], "citywide");
    assert_eq!(json["budget_left_when_reached"]["rounded"], "0");
    // One project alone is the same explanation.
    assert_eq!(
        explain_project(&p, &proposals, &ballots, ProposalId(2), ExplainDepth::Full)
            .unwrap()
            .as_ref(),
        Some(two)
    );
    assert_eq!(
        explain_project(&p, &proposals, &ballots, ProposalId(99), ExplainDepth::Full).unwrap(),
        None
    );
}

/// The engine's explanation of `election` under MES without completion, run here
/// without civis-budget.
fn engine_mes_explanation(election: &Election) -> civis_pb::explain::Explanation {
    let run = |e: &Election| -> Result<engine::Outcome, String> {
        let profile = Profile::from_election(e).map_err(|x| x.to_string())?;
        let order = engine::TieBreak::Lexico.order(&profile);
        Ok(engine::mes(
            &profile,
            &MesParams {
                sat: Satisfaction::Cost,
                budget: MesBudget::Equal,
            },
            &order,
        ))
    };
    explain(
        election,
        RuleKind::Mes,
        Satisfaction::Cost,
        engine::TieBreak::Lexico,
        &run,
        None,
    )
    .unwrap()
}

#[test]
fn equal_shares_explanations_are_the_engines() {
    let (proposals, ballots) = hand_made();
    let p = process(rules(
        budgets(1000, &[], &[]),
        BallotFormat::Approval { min: 1, max: 3 },
        mes(Completion::None),
        TieBreak::Lexico,
    ));
    let ours = explain_results(&p, &proposals, &ballots, ExplainDepth::Full).unwrap();
    let theirs = engine_mes_explanation(&parse(crate::outcome::HAND_MADE));
    assert_eq!(ours.len(), theirs.projects.len());
    let mut funded = 0;
    for t in &theirs.projects {
        let o = find(&ours, t.id.parse().unwrap());
        assert_eq!(o.supporters, t.supporters as u64);
        assert_eq!(o.funded, t.funded.is_some());
        if let Some(f) = &t.funded {
            funded += 1;
            assert_eq!(o.stage, Some(Stage::EqualShares));
            assert_eq!(o.round, Some(f.round as u64));
            assert_eq!(
                o.price_per_supporter.as_ref().map(|x| x.exact.clone()),
                f.price.as_ref().map(|x| x.to_string())
            );
            assert_eq!(o.full_payers, f.full_payers.map(|n| n as u64));
            assert!(o.message("X").contains("round"), "{}", o.message("X"));
        } else {
            let m = t.mes.as_ref().unwrap();
            assert_eq!(
                o.money_behind.as_ref().unwrap().exact,
                m.money_behind.to_string()
            );
            assert_eq!(o.shortfall.as_ref().unwrap().exact, m.shortfall.to_string());
            assert_eq!(
                o.effective_votes.as_ref().map(|x| x.exact.clone()),
                m.effective_votes.as_ref().map(|x| x.to_string())
            );
            assert_eq!(
                o.would_be_funded_at_cost,
                t.would_need_to_cost
                    .map(|d| d.units_at_scale(0).unwrap() as Amount)
            );
            if let Some(w) = o.would_be_funded_at_cost {
                assert_eq!(o.cheaper_by, Some(o.cost - w));
                assert!(o
                    .message("X")
                    .contains("It would have been funded had it cost at most"));
            }
            assert!(o.message("X").starts_with("“X” was not funded"));
            assert_eq!(o.more_supporters_needed, None);
        }
    }
    assert!(funded > 0 && funded < ours.len());
}

#[test]
fn cumulative_greedy_explains_the_order_by_points() {
    let proposals = vec![
        proposal(1, 60, None, None),
        proposal(2, 60, None, None),
        proposal(3, 40, None, None),
    ];
    let pts = |v: &[(i64, u32)]| {
        BallotContent::Points(v.iter().map(|&(i, n)| (ProposalId(i), n)).collect())
    };
    let ballots = vec![
        ballot(1, pts(&[(1, 1), (2, 4)])),
        ballot(2, pts(&[(1, 1), (2, 4)])),
        ballot(3, pts(&[(1, 5)])),
        ballot(4, pts(&[(1, 2), (3, 3)])),
    ];
    let p = process(rules(
        budgets(100, &[], &[]),
        BallotFormat::Cumulative {
            points: 5,
            max_per_project: None,
        },
        OutcomeRule::Greedy,
        TieBreak::Lexico,
    ));
    let all = explain_results(&p, &proposals, &ballots, ExplainDepth::Full).unwrap();
    // Points 9, 8, 3: project 2 is second and finds 40 left.
    let two = find(&all, 2);
    assert!(!two.funded);
    assert_eq!(two.greedy_position, Some(2));
    assert_eq!(two.budget_left_when_reached.as_ref().unwrap().rounded, "40");
    assert_eq!(two.would_be_funded_at_cost, Some(40));
    assert_eq!(two.cheaper_by, Some(20));
    // Two more supporters giving it 1 point each: 10 points, first.
    assert_eq!(two.more_supporters_needed, Some(2));
    assert_eq!(find(&all, 3).greedy_position, Some(3));
    assert!(find(&all, 3).funded);
}

#[test]
fn a_real_file_is_explained_under_mes_with_completion() {
    let election = fixture("approval_toulouse_2022_17.pb");
    let budget = election.budget().unwrap().units_at_scale(0).unwrap() as Amount;
    let (proposals, ballots) = from_pabulib(&election);
    let p = process(rules(
        budgets(budget, &[], &[]),
        BallotFormat::Approval { min: 0, max: 100 },
        mes(Completion::Add1),
        TieBreak::Lexico,
    ));
    let all = explain_results(&p, &proposals, &ballots, ExplainDepth::Summary).unwrap();
    let results =
        civis_budget::compute_results(&p, &proposals, &ballots, civis_domain::Timestamp::EPOCH)
            .unwrap();
    let funded: Vec<ProposalId> = all.iter().filter(|e| e.funded).map(|e| e.project).collect();
    let mut selected = results.units[0].selected.clone();
    selected.sort();
    assert_eq!(funded, selected);
    for e in &all {
        assert!(!e.message("X").contains("would have been funded"));
        assert_eq!(
            (e.would_be_funded_at_cost, e.more_supporters_needed),
            (None, None)
        );
        if e.funded {
            assert!(matches!(
                e.stage,
                Some(Stage::EqualShares | Stage::Completion)
            ));
        } else {
            assert!(e.money_behind.is_some());
        }
    }
}

#[test]
fn a_summary_is_the_full_explanation_without_the_reruns() {
    let (proposals, ballots) = hand_made();
    for rule in [
        OutcomeRule::Greedy,
        mes(Completion::None),
        mes(Completion::Add1u),
    ] {
        let p = process(rules(
            budgets(1000, &[], &[]),
            BallotFormat::Approval { min: 1, max: 3 },
            rule,
            TieBreak::CostVotes,
        ));
        let full = explain_results(&p, &proposals, &ballots, ExplainDepth::Full).unwrap();
        let summary = explain_results(&p, &proposals, &ballots, ExplainDepth::Summary).unwrap();
        assert!(full
            .iter()
            .any(|e| e.would_be_funded_at_cost.is_some() || e.more_supporters_needed.is_some()));
        for (f, s) in full.iter().zip(&summary) {
            let mut f = f.clone();
            f.would_be_funded_at_cost = None;
            f.cheaper_by = None;
            f.more_supporters_needed = None;
            f.depth = ExplainDepth::Summary;
            assert_eq!(&f, s, "{rule:?}");
            assert!(!s.message("X").contains("would have been funded"));
        }
    }
}
