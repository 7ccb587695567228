//! Differential test: every rule agrees exactly with pabutools 1.2.3 on
//! random small elections. Runs when `CIVIS_PYTHON` names a Python with
//! pabutools (see `scripts/setup-python.sh`).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use civis_pb::rules::{self, MesBudget, MesParams, Profile, Satisfaction, TieBreak};
use civis_pb::Election;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::gen::random_election;

const RULES: [&str; 7] = [
    "greedy_cost",
    "greedy_card",
    "mes_cost",
    "mes_card",
    "mes_add1_cost",
    "mes_add1_card",
    "phragmen",
];

fn ours(profile: &Profile, rule: &str, tie: TieBreak) -> Vec<String> {
    let order = tie.order(profile);
    let sat = if rule.ends_with("_card") {
        Satisfaction::Cardinality
    } else {
        Satisfaction::Cost
    };
    let params = MesParams {
        sat,
        budget: MesBudget::Equal,
    };
    let outcome = match rule {
        "greedy_cost" | "greedy_card" => rules::greedy(profile, sat, &order),
        "mes_cost" | "mes_card" => rules::mes(profile, &params, &order),
        "mes_add1_cost" | "mes_add1_card" => rules::mes_add1_greedy(profile, sat, &order),
        "phragmen" => rules::phragmen(profile, &order),
        _ => unreachable!(),
    };
    assert!(
        outcome.cost(profile) <= profile.budget(),
        "{rule} overspends"
    );
    outcome
        .sorted_ids(profile)
        .into_iter()
        .map(String::from)
        .collect()
}

fn to_json(e: &Election, tie: TieBreak) -> Value {
    json!({
        "budget": e.meta("budget"),
        "projects": e.projects.iter().map(|p| json!({"id": p.id, "cost": p.cost.to_string()})).collect::<Vec<_>>(),
        "ballots": e.voters.iter().map(|v| v.vote.iter().map(|&i| e.projects[i as usize].id.clone()).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "tie": tie.as_str(),
        "rules": RULES,
    })
}

pub fn run_oracle(python: &str, request: &Value) -> Value {
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pabutools_oracle.py");
    let mut child = Command::new(python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the pabutools oracle");
    let body = serde_json::to_vec(request).unwrap();
    child.stdin.take().unwrap().write_all(&body).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "pabutools oracle failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn rules_agree_with_pabutools_on_random_elections() {
    let Ok(python) = std::env::var("CIVIS_PYTHON") else {
        eprintln!("NOTICE: CIVIS_PYTHON unset; skipping the pabutools differential test");
        return;
    };
    let mut rng = StdRng::seed_from_u64(0xC1_715);
    let ties = [
        TieBreak::Lexico,
        TieBreak::Lexico,
        TieBreak::CostVotes,
        TieBreak::File,
    ];
    let cases: Vec<(Election, TieBreak)> = (0..1200)
        .map(|i| {
            let big = i % 10 == 0;
            let e = random_election(
                &mut rng,
                if big { 12 } else { 7 },
                if big { 40 } else { 12 },
            );
            (e, ties[rng.gen_range(0..ties.len())])
        })
        .collect();
    let request =
        json!({"elections": cases.iter().map(|(e, t)| to_json(e, *t)).collect::<Vec<_>>()});
    let response = run_oracle(&python, &request);
    let results = response["results"].as_array().unwrap();
    assert_eq!(results.len(), cases.len());
    let mut mismatches = Vec::new();
    for (i, ((e, tie), expected)) in cases.iter().zip(results).enumerate() {
        let profile = Profile::from_election(e).unwrap();
        for rule in RULES {
            let want: Vec<String> = serde_json::from_value(expected[rule].clone()).unwrap();
            let got = ours(&profile, rule, *tie);
            if got != want {
                mismatches.push(format!(
                    "case {i} {rule} tie={}: ours {got:?} pabutools {want:?}\n{}",
                    tie.as_str(),
                    to_json(e, *tie)
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches, first:\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(3)].join("\n")
    );
}
