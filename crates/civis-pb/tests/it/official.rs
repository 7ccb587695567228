//! `civis_pb::official`: the official outcome of every file that
//! pabulib-checker confirms is recomputed exactly; committed fixtures
//! cover each greedy variant; hand-made files cover disagreement and
//! "cannot say"; pabulib-checker itself is the oracle when `CIVIS_PYTHON`
//! names a Python that has it.

use std::path::{Path, PathBuf};
use std::process::Command;

use civis_pb::official::{check, compute, CannotSay, Computation, OfficialRule, Verdict};
use civis_pb::{pabulib, Election};

use crate::real_files::shared_dir;
use crate::{fixtures_dir, pb_files};

fn load(path: &Path) -> Election {
    pabulib::parse_bytes(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ids(e: &Election, v: &[usize]) -> Vec<String> {
    let mut ids: Vec<String> = v.iter().map(|&p| e.projects[p].id.clone()).collect();
    ids.sort();
    ids
}

#[test]
fn every_official_file_agrees() {
    let Some(dir) = shared_dir() else {
        return;
    };
    let list = std::fs::read_to_string(dir.join("OFFICIAL.txt")).unwrap();
    let names: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert_eq!(names.len(), 203, "OFFICIAL.txt lists 203 files");
    let mut failures = Vec::new();
    for name in &names {
        let report = check(&load(&dir.join(name)));
        if report.verdict != Verdict::Agrees {
            failures.push(format!("{name}: {:?}", report.verdict));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} official files disagree:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
    eprintln!("{} official outcomes recomputed exactly", names.len());
}

#[test]
fn fixtures_with_official_outcomes_agree() {
    let expect = [
        ("approval_warszawa_2019_marysin.pb", OfficialRule::Greedy),
        (
            "approval_gdynia_2022_kamienna_gora.pb",
            OfficialRule::GreedyNoSkip,
        ),
        ("approval_czestochowa_2024_mirow.pb", OfficialRule::Greedy),
        ("approval_mes_assen_2024.pb", OfficialRule::EqualSharesAdd1),
        (
            "approval_warszawa_2018_sadul.pb",
            OfficialRule::GreedyThreshold,
        ),
        (
            "choose1_poznan_2025_stare_miasto_large.pb",
            OfficialRule::GreedyCustom,
        ),
    ];
    for (name, rule) in expect {
        let e = load(&fixtures_dir().join(name));
        let report = check(&e);
        assert_eq!(report.verdict, Verdict::Agrees, "{name}");
        let computed = report.computed.unwrap();
        assert_eq!(computed.rule, rule, "{name}");
        assert_eq!(
            ids(&e, &computed.selected),
            ids(&e, &report.official.unwrap()),
            "{name}"
        );
    }
}

#[test]
fn threshold_leaves_out_projects_below_it() {
    let e = load(&fixtures_dir().join("approval_warszawa_2018_sadul.pb"));
    let Computation::Greedy { threshold, run, .. } = compute(&e).unwrap().computation else {
        panic!("greedy expected");
    };
    assert_eq!(threshold.to_string(), "10");
    for s in &run.steps {
        if s.score < threshold {
            assert!(!s.decision.funded());
        }
    }
}

#[test]
fn poznan_reserve_project_is_the_best_one_left() {
    let e = load(&fixtures_dir().join("choose1_poznan_2025_stare_miasto_large.pb"));
    let outcome = compute(&e).unwrap();
    let reserve = e.project_index("RD-IX.5").unwrap();
    assert!(outcome.selected.contains(&reserve));
}

/// A small election in Pabulib text.
fn election(rule: &str, extra_meta: &str, projects: &str, votes: &str) -> Election {
    let text = format!(
        "META\nkey;value\nnum_projects;0\nnum_votes;0\nbudget;100\nvote_type;approval\nrule;{rule}\n{extra_meta}PROJECTS\n{projects}VOTES\nvoter_id;vote\n{votes}"
    );
    pabulib::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

const PROJECTS: &str = "project_id;cost;votes;selected\nA;60;3;1\nB;50;2;0\nC;40;1;1\n";
const VOTES: &str = "1;A,B,C\n2;A,B\n3;A\n";

#[test]
fn disagreement_lists_both_sides() {
    // Greedy: A (60) then B (50 > 40 left: skipped) then C (40): {A, C} = file.
    assert_eq!(
        check(&election("greedy", "", PROJECTS, VOTES)).verdict,
        Verdict::Agrees
    );
    // No-skip stops at B: {A}; the file says {A, C}.
    let e = election("greedy-no-skip", "", PROJECTS, VOTES);
    let Verdict::Disagrees {
        selected_not_computed,
        computed_not_selected,
    } = check(&e).verdict
    else {
        panic!("expected a disagreement");
    };
    assert_eq!(ids(&e, &selected_not_computed), ["C"]);
    assert!(computed_not_selected.is_empty());
}

#[test]
fn greedy_exclusive_and_custom_elsewhere_are_plain_greedy() {
    for rule in ["greedy-exclusive", "greedy-custom"] {
        assert_eq!(
            check(&election(rule, "", PROJECTS, VOTES)).verdict,
            Verdict::Agrees
        );
    }
}

#[test]
fn poznan_funds_a_project_with_80_percent_of_its_cost_left() {
    let projects = "project_id;cost;votes;selected\nA;60;3;1\nB;50;2;2\nC;40;1;0\n";
    let e = election("greedy-custom", "unit;Poznań\n", projects, VOTES);
    assert_eq!(check(&e).verdict, Verdict::Agrees);
    let e = election("greedy-custom", "unit;Poznań\n", PROJECTS, VOTES);
    assert!(matches!(check(&e).verdict, Verdict::Disagrees { .. }));
}

#[test]
fn votes_column_orders_not_the_ballots() {
    // The ballots rank A, B, C; the votes column ranks C, B, A. The checker
    // follows the column: C (50) and B (50) fill the budget.
    let projects = "project_id;cost;votes;selected\nA;60;1;0\nB;50;2;1\nC;50;9;1\n";
    assert_eq!(
        check(&election("greedy", "", projects, VOTES)).verdict,
        Verdict::Agrees
    );
    // Without votes/score columns the ballots are counted: A (60), then
    // neither B nor C fits the 40 left.
    let projects = "project_id;cost;selected\nA;60;1\nB;50;0\nC;50;0\n";
    assert_eq!(
        check(&election("greedy", "", projects, VOTES)).verdict,
        Verdict::Agrees
    );
}

#[test]
fn cannot_say_without_rule_selected_or_threshold() {
    let cases: [(&str, &str, &str, CannotSay); 4] = [
        ("unknown", "", PROJECTS, CannotSay::UnknownRule),
        (
            "mes",
            "",
            PROJECTS,
            CannotSay::UnsupportedRule("mes".into()),
        ),
        (
            "greedy-threshold",
            "",
            PROJECTS,
            CannotSay::MissingThreshold,
        ),
        (
            "greedy",
            "",
            "project_id;cost;votes\nA;60;3\nB;50;2\nC;40;1\n",
            CannotSay::NoSelectedColumn,
        ),
    ];
    for (rule, meta, projects, why) in cases {
        let e = election(rule, meta, projects, VOTES);
        assert_eq!(check(&e).verdict, Verdict::CannotSay(why), "{rule}");
    }
}

#[test]
fn equal_shares_ties_the_checker_cannot_break_cannot_say() {
    // Two identical projects, one voter each: same effective votes, cost and support.
    let projects = "project_id;cost;votes;selected\nA;50;1;1\nB;50;1;1\n";
    let e = election("equalshares", "", projects, "1;A\n2;B\n");
    assert_eq!(
        check(&e).verdict,
        Verdict::CannotSay(CannotSay::Tie(vec!["A".into(), "B".into()]))
    );
}

/// The checker's verdict on each file, from `scripts/pabulib_checker_oracle.py`.
fn checker_verdicts(python: &str, files: &[PathBuf]) -> Vec<(String, String)> {
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pabulib_checker_oracle.py");
    let out = Command::new(python)
        .arg(script)
        .args(files)
        .output()
        .expect("run the pabulib-checker oracle");
    assert!(
        out.status.success(),
        "oracle failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["file"].as_str().unwrap().to_string(),
                v["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn our_verdict(e: &Election) -> &'static str {
    match check(e).verdict {
        Verdict::Agrees => "agrees",
        Verdict::Disagrees { .. } => "disagrees",
        Verdict::CannotSay(_) => "cannot-say",
    }
}

/// Files where civis answers and the checker cannot: it orders by a
/// votes/score column and fails without one, where civis counts ballots;
/// and it refuses `greedy` with a threshold key, which civis applies.
fn civis_answers_where_checker_cannot(e: &Election) -> bool {
    let has = |c: &str| e.project_columns.iter().any(|k| k == c);
    (!has("votes") && !has("score")) || e.meta("min_project_score_threshold").is_some()
}

#[test]
fn verdicts_match_pabulib_checker() {
    let Some(python) = std::env::var_os("CIVIS_PYTHON") else {
        eprintln!("notice: CIVIS_PYTHON unset; pabulib-checker oracle not run");
        return;
    };
    let mut files = pb_files(&fixtures_dir());
    if let Some(dir) = shared_dir() {
        files.extend(pb_files(&dir));
    }
    let verdicts = checker_verdicts(python.to_str().unwrap(), &files);
    assert_eq!(verdicts.len(), files.len());
    let mut differ = Vec::new();
    for (f, (name, theirs)) in files.iter().zip(&verdicts) {
        let e = load(f);
        let ours = our_verdict(&e);
        if ours != theirs && !(theirs == "cannot-say" && civis_answers_where_checker_cannot(&e)) {
            differ.push(format!("{name}: civis {ours}, pabulib-checker {theirs}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} verdicts differ:\n{}",
        differ.len(),
        files.len(),
        differ.join("\n")
    );
    eprintln!("{} verdicts match pabulib-checker", files.len());
}
