//! `compute_results` agrees with the engine run directly on the equivalent Pabulib
//! elections, with pabutools' outcomes of real files, and keeps budget units apart.

use civis_budget::rules::Amount;
use civis_budget::{
    compute_results, BallotContent, BallotFormat, Completion, OutcomeRule, ProcessId,
    ProcessResults, ProposalId, TieBreak,
};
use civis_domain::Timestamp;
use civis_pb::official::{compute_with, OfficialRule};
use civis_pb::rules::completion_equalshares::mes_add1u;
use civis_pb::rules::{self as engine, MesBudget, MesParams, Profile, Satisfaction};
use civis_pb::Election;

use crate::support::{
    approvals, ballot, budgets, fixture, from_pabulib, mes, parse, process, proposal, rules,
};

const RULES: [OutcomeRule; 4] = [
    OutcomeRule::Greedy,
    OutcomeRule::Mes {
        completion: Completion::None,
    },
    OutcomeRule::Mes {
        completion: Completion::Add1,
    },
    OutcomeRule::Mes {
        completion: Completion::Add1u,
    },
];

const TIES: [TieBreak; 3] = [TieBreak::Lexico, TieBreak::CostVotes, TieBreak::File];

/// The engine's outcome on `election` (every ballot approving what it lists),
/// computed here without civis-budget: selected ids, sorted as strings.
fn engine_direct(election: &Election, rule: OutcomeRule, tie: TieBreak) -> Vec<String> {
    let profile = Profile::from_election(election).unwrap();
    let order = match tie {
        TieBreak::Lexico => engine::TieBreak::Lexico,
        TieBreak::CostVotes => engine::TieBreak::CostVotes,
        TieBreak::File => engine::TieBreak::File,
    }
    .order(&profile);
    let cost = Satisfaction::Cost;
    let outcome = match rule {
        OutcomeRule::Greedy => engine::greedy(&profile, cost, &order),
        OutcomeRule::Mes {
            completion: Completion::None,
        } => engine::mes(
            &profile,
            &MesParams {
                sat: cost,
                budget: MesBudget::Equal,
            },
            &order,
        ),
        OutcomeRule::Mes {
            completion: Completion::Add1,
        } => engine::mes_add1_greedy(&profile, cost, &order),
        OutcomeRule::Mes {
            completion: Completion::Add1u,
        } => mes_add1u(&profile, &order),
    };
    outcome
        .sorted_ids(&profile)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// The selected ids of one unit, sorted as strings.
fn selected(results: &ProcessResults, unit: &str) -> Vec<String> {
    let u = results.units.iter().find(|u| u.unit == unit).unwrap();
    let mut ids: Vec<String> = u.selected.iter().map(|p| p.to_string()).collect();
    ids.sort();
    ids
}

fn now() -> Timestamp {
    Timestamp::from_millis(5000)
}

/// Five citywide projects, eight approval ballots; written also as Pabulib.
pub const HAND_MADE: &str = "META
key;value
num_projects;5
num_votes;8
budget;1000
vote_type;approval
PROJECTS
project_id;cost
1;300
2;300
3;500
4;200
10;200
VOTES
voter_id;vote
1;1,2
2;1,3
3;2,3
4;4,10
5;3,10
6;1,4
7;2,10
8;3
";

#[test]
fn hand_made_approval_process_agrees_with_the_engine_for_every_rule_and_tie_break() {
    let proposals: Vec<_> = [(1, 300), (2, 300), (3, 500), (4, 200), (10, 200)]
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
    let election = parse(HAND_MADE);
    for format in [
        BallotFormat::Approval { min: 1, max: 3 },
        BallotFormat::Knapsack { limit: None },
    ] {
        for rule in RULES {
            for tie in TIES {
                let p = process(rules(budgets(1000, &[], &[]), format.clone(), rule, tie));
                let results = compute_results(&p, &proposals, &ballots, now()).unwrap();
                assert_eq!(
                    selected(&results, "citywide"),
                    engine_direct(&election, rule, tie),
                    "{rule:?} {tie:?}"
                );
            }
        }
    }
    // Greedy by votes: 3 (4 votes), then 1 and 10 (3 votes each; "1" < "10" < "2").
    let p = process(rules(
        budgets(1000, &[], &[]),
        BallotFormat::Knapsack { limit: None },
        OutcomeRule::Greedy,
        TieBreak::Lexico,
    ));
    let results = compute_results(&p, &proposals, &ballots, now()).unwrap();
    let unit = &results.units[0];
    assert_eq!(
        unit.selected,
        [ProposalId(3), ProposalId(1), ProposalId(10)]
    );
    assert_eq!((unit.budget, unit.cost, unit.voters), (1000, 1000, 8));
    let votes: Vec<(i64, u64, bool)> = unit
        .projects
        .iter()
        .map(|t| (t.project.0, t.votes, t.selected))
        .collect();
    assert_eq!(
        votes,
        [
            (1, 3, true),
            (2, 3, false),
            (3, 4, true),
            (4, 2, false),
            (10, 3, true)
        ]
    );
    assert!(unit.projects.iter().all(|t| t.score.is_none()));
    assert_eq!(results.ballots, 8);
    assert_eq!(results.computed_at, now());
    assert_eq!(results.rules_digest, p.settings.rules.digest());
}

#[test]
fn each_budget_unit_is_its_own_election() {
    // Citywide 1000: projects 1, 2, 3. Kesklinn 500: 4, 5 (5 is also green: the
    // district wins). Green 300: 6, 7.
    let proposals = vec![
        proposal(1, 600, None, None),
        proposal(2, 400, Some("Kalamaja"), None),
        proposal(3, 500, None, Some("sport")),
        proposal(4, 300, Some("Kesklinn"), None),
        proposal(5, 250, Some("Kesklinn"), Some("green")),
        proposal(6, 200, None, Some("green")),
        proposal(7, 150, Some("Kalamaja"), Some("green")),
    ];
    let ballots = approvals(&[
        &[1, 4, 6],
        &[1, 2, 5],
        &[2, 3],
        &[4, 5, 7],
        &[5, 6, 7],
        &[1],
        &[],
        &[3, 6],
    ]);
    let city = "META
key;value
budget;1000
vote_type;approval
PROJECTS
project_id;cost
1;600
2;400
3;500
VOTES
voter_id;vote
a;1
b;1,2
c;2,3
f;1
h;3
";
    let kesklinn = "META
key;value
budget;500
vote_type;approval
PROJECTS
project_id;cost
4;300
5;250
VOTES
voter_id;vote
a;4
b;5
d;4,5
e;5
";
    let green = "META
key;value
budget;300
vote_type;approval
PROJECTS
project_id;cost
6;200
7;150
VOTES
voter_id;vote
a;6
d;7
e;6,7
h;6
";
    for rule in RULES {
        for tie in TIES {
            let p = process(rules(
                budgets(1000, &[("Kesklinn", 500)], &[("green", 300)]),
                BallotFormat::Approval { min: 0, max: 7 },
                rule,
                tie,
            ));
            let results = compute_results(&p, &proposals, &ballots, now()).unwrap();
            let units: Vec<(&str, Amount, u64)> = results
                .units
                .iter()
                .map(|u| (u.unit.as_str(), u.budget, u.voters))
                .collect();
            assert_eq!(
                units,
                [
                    ("citywide", 1000, 5),
                    ("district:Kesklinn", 500, 4),
                    ("category:green", 300, 4)
                ]
            );
            assert_eq!(results.ballots, 8);
            for (unit, text) in [
                ("citywide", city),
                ("district:Kesklinn", kesklinn),
                ("category:green", green),
            ] {
                assert_eq!(
                    selected(&results, unit),
                    engine_direct(&parse(text), rule, tie),
                    "{unit} {rule:?} {tie:?}"
                );
            }
        }
    }
    let p = process(rules(
        budgets(1000, &[("Kesklinn", 500)], &[("green", 300)]),
        BallotFormat::Approval { min: 0, max: 7 },
        OutcomeRule::Greedy,
        TieBreak::Lexico,
    ));
    let results = compute_results(&p, &proposals, &ballots, now()).unwrap();
    assert_eq!(selected(&results, "citywide"), ["1", "2"]);
    assert_eq!(selected(&results, "district:Kesklinn"), ["5"]);
    assert_eq!(selected(&results, "category:green"), ["6"]);
}

#[test]
fn other_processes_and_projects_off_the_ballot_are_ignored() {
    let mut hidden = proposal(3, 10, None, None);
    hidden.hidden = Some("spam".into());
    let mut elsewhere = proposal(4, 10, None, None);
    elsewhere.process = ProcessId(2);
    let proposals = vec![
        proposal(1, 60, None, None),
        proposal(2, 50, None, None),
        hidden,
        elsewhere,
    ];
    let mut ballots = approvals(&[&[1, 3], &[2, 3, 4], &[2]]);
    let mut other = ballot(9, BallotContent::Approval(vec![ProposalId(1)]));
    other.process = ProcessId(2);
    ballots.push(other);
    let p = process(rules(
        budgets(100, &[], &[]),
        BallotFormat::Approval { min: 0, max: 3 },
        OutcomeRule::Greedy,
        TieBreak::Lexico,
    ));
    let results = compute_results(&p, &proposals, &ballots, now()).unwrap();
    assert_eq!(results.ballots, 3);
    assert_eq!(results.units.len(), 1);
    assert_eq!(results.units[0].selected, [ProposalId(2)]);
    assert_eq!(results.units[0].projects.len(), 2);
    // No projects on the ballot: no units.
    let none = compute_results(&p, &[], &ballots, now()).unwrap();
    assert!(none.units.is_empty());
}

#[test]
fn cumulative_greedy_counts_points_and_mes_counts_approvals() {
    // Project 1 has more voters, project 2 more points.
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
    let text = "META
key;value
budget;100
vote_type;cumulative
max_sum_points;5
PROJECTS
project_id;cost
1;60
2;60
3;40
VOTES
voter_id;vote;points
1;1,2;1,4
2;1,2;1,4
3;1;5
4;1,3;2,3
";
    let election = parse(text);
    let format = BallotFormat::Cumulative {
        points: 5,
        max_per_project: None,
    };
    let p = process(rules(
        budgets(100, &[], &[]),
        format.clone(),
        OutcomeRule::Greedy,
        TieBreak::Lexico,
    ));
    let results = compute_results(&p, &proposals, &ballots, now()).unwrap();
    // Points: 1 → 9, 2 → 8, 3 → 3; greedy by points funds 1, then 3 (2 no longer fits).
    assert_eq!(results.units[0].selected, [ProposalId(1), ProposalId(3)]);
    let scores: Vec<(u64, Option<u64>)> = results.units[0]
        .projects
        .iter()
        .map(|t| (t.votes, t.score))
        .collect();
    assert_eq!(scores, [(4, Some(9)), (2, Some(8)), (1, Some(3))]);
    // The engine's official greedy on the Pabulib file (ordered by counted points).
    let official = compute_with(&election, OfficialRule::Greedy).unwrap();
    let mut ids: Vec<String> = official
        .selected
        .iter()
        .map(|&i| election.projects[i].id.clone())
        .collect();
    ids.sort();
    assert_eq!(selected(&results, "citywide"), ids);
    for rule in &RULES[1..] {
        for tie in TIES {
            let p = process(rules(budgets(100, &[], &[]), format.clone(), *rule, tie));
            let results = compute_results(&p, &proposals, &ballots, now()).unwrap();
            assert_eq!(
                selected(&results, "citywide"),
                engine_direct(&election, *rule, tie)
            );
        }
    }
}

#[test]
fn ranked_greedy_uses_borda_positions_and_ties_follow_the_tie_break() {
    let proposals = vec![
        proposal(1, 50, None, None),
        proposal(2, 50, None, None),
        proposal(3, 50, None, None),
    ];
    let rank = |v: &[i64]| BallotContent::Ranking(v.iter().map(|&i| ProposalId(i)).collect());
    // Borda: 1 → 3 + 1 = 4, 2 → 2 + 2 = 4, 3 → 1 + 3 = 4: all tied.
    let ballots = vec![ballot(1, rank(&[1, 2, 3])), ballot(2, rank(&[3, 2, 1]))];
    let run = |tie| {
        let p = process(rules(
            budgets(100, &[], &[]),
            BallotFormat::Ranked { k: 3 },
            OutcomeRule::Greedy,
            tie,
        ));
        compute_results(&p, &proposals, &ballots, now()).unwrap()
    };
    let lexico = run(TieBreak::Lexico);
    assert_eq!(lexico.units[0].selected, [ProposalId(1), ProposalId(2)]);
    let scores: Vec<Option<u64>> = lexico.units[0].projects.iter().map(|t| t.score).collect();
    assert_eq!(scores, [Some(4), Some(4), Some(4)]);
    // A third ballot ranking 3 first breaks the tie in its favour.
    let mut more = ballots.clone();
    more.push(ballot(3, rank(&[3])));
    let p = process(rules(
        budgets(100, &[], &[]),
        BallotFormat::Ranked { k: 3 },
        OutcomeRule::Greedy,
        TieBreak::Lexico,
    ));
    let results = compute_results(&p, &proposals, &more, now()).unwrap();
    assert_eq!(results.units[0].selected, [ProposalId(3), ProposalId(1)]);
}

/// pabutools' outcomes of the committed fixtures.
fn expected(file: &str, key: &str) -> Vec<String> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../civis-pb/tests/fixtures/expected_rules.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut ids: Vec<String> = json[file][key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn real_pabulib_files_converted_to_processes_give_the_engine_and_pabutools_outcomes() {
    for file in [
        "approval_mes_assen_2024.pb",
        "approval_czestochowa_2024_mirow.pb",
        "approval_toulouse_2022_17.pb",
    ] {
        let election = fixture(file);
        let budget =
            Amount::try_from(election.budget().unwrap().units_at_scale(0).unwrap()).unwrap();
        let (proposals, ballots) = from_pabulib(&election);
        for (rule, key) in [
            (OutcomeRule::Greedy, Some("greedy_cost")),
            (mes(Completion::None), Some("mes_cost")),
            (mes(Completion::Add1), Some("mes_add1_cost")),
            (mes(Completion::Add1u), None),
        ] {
            let p = process(rules(
                budgets(budget, &[], &[]),
                BallotFormat::Approval { min: 0, max: 100 },
                rule,
                TieBreak::Lexico,
            ));
            let results = compute_results(&p, &proposals, &ballots, now()).unwrap();
            let got = selected(&results, "citywide");
            assert_eq!(
                got,
                engine_direct(&election, rule, TieBreak::Lexico),
                "{file} {rule:?}"
            );
            if let Some(key) = key {
                assert_eq!(got, expected(file, key), "{file} {rule:?} vs pabutools");
            }
            assert_eq!(results.ballots, election.voters.len() as u64);
        }
    }
}

#[test]
fn a_real_cumulative_file_gives_its_official_greedy_outcome_and_scores() {
    let election = fixture("cumulative_gdansk_2020_mlyniska.pb");
    let (proposals, ballots) = from_pabulib(&election);
    let p = process(rules(
        budgets(186_000, &[], &[]),
        BallotFormat::Cumulative {
            points: 5,
            max_per_project: None,
        },
        OutcomeRule::Greedy,
        TieBreak::File,
    ));
    let results = compute_results(&p, &proposals, &ballots, now()).unwrap();
    // The file's own votes and score columns (the city's count) match ours.
    for (t, project) in results.units[0].projects.iter().zip(&election.projects) {
        let col = |c: &str| {
            election
                .project_field(project, c)
                .unwrap()
                .parse::<u64>()
                .unwrap()
        };
        assert_eq!((t.votes, t.score), (col("votes"), Some(col("score"))));
    }
    let official = compute_with(&election, OfficialRule::Greedy).unwrap();
    let mut ids: Vec<String> = official
        .selected
        .iter()
        .map(|&i| election.projects[i].id.clone())
        .collect();
    ids.sort();
    assert_eq!(selected(&results, "citywide"), ids);
}

#[test]
fn a_real_ordinal_file_gives_the_engine_outcome_under_mes() {
    let election = fixture("ordinal_seattle_2019_district_2.pb");
    let budget = Amount::try_from(election.budget().unwrap().units_at_scale(0).unwrap()).unwrap();
    let (proposals, ballots) = from_pabulib(&election);
    for rule in &RULES[1..] {
        let p = process(rules(
            budgets(budget, &[], &[]),
            BallotFormat::Ranked { k: 10 },
            *rule,
            TieBreak::CostVotes,
        ));
        let results = compute_results(&p, &proposals, &ballots, now()).unwrap();
        assert_eq!(
            selected(&results, "citywide"),
            engine_direct(&election, *rule, TieBreak::CostVotes),
            "{rule:?}"
        );
    }
}
