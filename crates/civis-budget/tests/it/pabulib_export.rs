//! The Pabulib export: it reads back with the engine's parser, re-tallies to
//! the published outcome, holds nothing about voters, and passes
//! pabulib-checker with zero errors (when `CIVIS_PYTHON` names a Python with
//! pabulib-checker, as CI sets it; see `scripts/setup-python.sh`).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use civis_budget::export::pabulib::{pabulib_file, pabulib_files, PabulibFile, PabulibPlace};
use civis_budget::export::{ExportError, Published};
use civis_budget::{BallotFormat, Completion, OutcomeRule, TieBreak};
use civis_domain::UserId;
use civis_pb::official::{self, Verdict};
use civis_pb::pabulib;
use serde_json::Value;

use crate::gen::{tally, Case};

fn formats() -> Vec<BallotFormat> {
    vec![
        BallotFormat::Approval { min: 1, max: 4 },
        BallotFormat::Knapsack { limit: None },
        BallotFormat::Cumulative {
            points: 10,
            max_per_project: Some(5),
        },
        BallotFormat::Ranked { k: 3 },
    ]
}

fn rules() -> Vec<OutcomeRule> {
    vec![
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
    ]
}

fn ties() -> [TieBreak; 3] {
    [TieBreak::Lexico, TieBreak::CostVotes, TieBreak::File]
}

/// Every format × rule, with varying tie-breaking and seeds.
fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for (i, f) in formats().into_iter().enumerate() {
        for (j, r) in rules().into_iter().enumerate() {
            let tie = ties()[(i + j) % 3];
            out.push(Case::new(
                (i * 10 + j) as u64,
                f.clone(),
                r,
                tie,
                40 + 7 * i + 3 * j,
            ));
        }
    }
    out
}

fn place() -> PabulibPlace {
    PabulibPlace {
        country: "Estonia".into(),
        unit: "Tartu".into(),
        instance: None,
        language: "et".into(),
        currency: Some("EUR".into()),
    }
}

fn selected_ids(file: &PabulibFile, case: &Case) -> BTreeSet<String> {
    let unit = case
        .results
        .units
        .iter()
        .find(|u| u.unit == file.unit)
        .unwrap();
    unit.selected.iter().map(|id| id.to_string()).collect()
}

#[test]
fn reads_back_and_retallies_to_the_published_outcome() {
    let mut kept_equalshares = 0;
    for case in cases() {
        let published = case.published();
        let files = pabulib_files(&published, &place());
        assert_eq!(files.len(), 3, "citywide, district:North, category:green");
        for f in &files {
            let parsed = pabulib::parse(&f.text).unwrap();
            assert_eq!(parsed, f.election, "{}", f.text);
            let marked: BTreeSet<String> = parsed
                .selected()
                .unwrap()
                .into_iter()
                .map(|p| parsed.projects[p].id.clone())
                .collect();
            assert_eq!(marked, selected_ids(f, &case), "{}", f.text);
            let retallied: BTreeSet<String> = tally(&parsed, &case.process.settings.rules)
                .into_iter()
                .collect();
            assert_eq!(retallied, marked, "{}", f.text);
            let rule = parsed.rule().unwrap();
            match case.process.settings.rules.rule {
                OutcomeRule::Greedy => assert_eq!(rule, "greedy"),
                OutcomeRule::Mes { .. } if rule == "unknown" => {
                    assert!(parsed.meta("comment").unwrap().contains("#2: "))
                }
                OutcomeRule::Mes { .. } => {
                    assert!(rule.starts_with("equalshares"));
                    let v = official::check(&parsed).verdict;
                    assert!(
                        matches!(v, Verdict::Agrees | Verdict::CannotSay(_)),
                        "{v:?}"
                    );
                    kept_equalshares += 1;
                }
            }
        }
    }
    assert!(
        kept_equalshares > 0,
        "some MES outcome keeps its Pabulib name"
    );
}

#[test]
fn meta_projects_and_votes_say_what_the_format_names() {
    let case = Case::new(
        3,
        BallotFormat::Cumulative {
            points: 10,
            max_per_project: Some(5),
        },
        OutcomeRule::Greedy,
        TieBreak::Lexico,
        30,
    );
    let published = case.published();
    let f = pabulib_file(&published, &place(), "district:North").unwrap();
    let e = &f.election;
    assert_eq!(f.file_name, "process-7-district-North.pb");
    let meta = |k: &str| e.meta(k).map(str::to_string);
    assert_eq!(meta("description").unwrap(), "Green city; 2026 (et)");
    assert_eq!(meta("country").unwrap(), "Estonia");
    assert_eq!(meta("unit").unwrap(), "Tartu");
    assert_eq!(meta("district").unwrap(), "North");
    assert_eq!(meta("instance").unwrap(), "2026");
    assert_eq!(meta("budget").unwrap(), "3000");
    assert_eq!(meta("vote_type").unwrap(), "cumulative");
    assert_eq!(meta("rule").unwrap(), "greedy");
    assert_eq!(meta("date_begin").unwrap(), "01.03.2026");
    assert_eq!(meta("date_end").unwrap(), "14.03.2026");
    assert_eq!(meta("max_points").unwrap(), "5");
    assert_eq!(meta("max_sum_points").unwrap(), "10");
    assert_eq!(meta("language").unwrap(), "et");
    assert_eq!(meta("currency").unwrap(), "EUR");
    assert!(meta("comment").unwrap().starts_with("#1: "));
    assert_eq!(meta("num_projects").unwrap(), e.projects.len().to_string());
    assert_eq!(meta("num_votes").unwrap(), e.voters.len().to_string());
    assert_eq!(
        e.project_columns,
        ["votes", "score", "name", "category", "selected", "district"]
    );
    // The North projects are 9..=12 (12 has category sport, in North's unit).
    let ids: Vec<&str> = e.projects.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["10", "11", "12", "9"], "lexicographic tie order");
    // Anonymous voters: 1..n, nothing but the vote and points.
    let numbers: Vec<String> = (1..=e.voters.len()).map(|i| i.to_string()).collect();
    assert_eq!(
        e.voters.iter().map(|v| v.id.clone()).collect::<Vec<_>>(),
        numbers
    );
    assert!(e.voter_columns.is_empty());
    for v in &e.voters {
        let pts = v.points.as_ref().unwrap();
        assert!(pts.windows(2).all(|w| w[0] >= w[1]), "highest points first");
        assert!(!v.vote.is_empty());
    }
    // Only accepted, visible projects: 8 is hidden, 17 rejected, 18 pending.
    let all: Vec<String> = pabulib_files(&published, &place())
        .iter()
        .flat_map(|f| f.election.projects.iter().map(|p| p.id.clone()))
        .collect();
    assert_eq!(all.len(), 15);
    for absent in ["8", "17", "18"] {
        assert!(!all.iter().any(|id| id == absent));
    }
    assert!(matches!(
        pabulib_file(&published, &place(), "district:Nowhere"),
        Err(ExportError::UnknownUnit(_))
    ));
}

#[test]
fn voter_numbers_do_not_follow_user_ids() {
    let case = Case::new(
        5,
        BallotFormat::Approval { min: 1, max: 4 },
        OutcomeRule::Greedy,
        TieBreak::File,
        50,
    );
    let files = pabulib_files(&case.published(), &place());
    // The same ballots under other voters, listed in another order: same files.
    let mut other = case.ballots.clone();
    other.reverse();
    for (i, b) in other.iter_mut().enumerate() {
        b.voter = UserId(5000 + i as i64 * 3);
    }
    let moved = Published::new(&case.process, &case.proposals, &other, &case.results).unwrap();
    let again = pabulib_files(&moved, &place());
    for (a, b) in again.iter().zip(&files) {
        assert_eq!(a.text, b.text);
    }
    // And the first voter's ballot is not voter 1's.
    let first = &files[0].election;
    let by_number: Vec<&[u32]> = first.voters.iter().map(|v| v.vote.as_slice()).collect();
    let mut sorted = by_number.clone();
    sorted.sort();
    assert_ne!(by_number, sorted, "not simply sorted by content");
}

#[test]
fn nothing_is_exported_before_results_are_published() {
    let mut case = Case::new(
        1,
        BallotFormat::Ranked { k: 3 },
        OutcomeRule::Greedy,
        TieBreak::Lexico,
        12,
    );
    case.process.results_published_at = None;
    let err = Published::new(&case.process, &case.proposals, &case.ballots, &case.results);
    assert_eq!(err.unwrap_err(), ExportError::NotPublished);
}

/// A Python with pabulib-checker, if `CIVIS_PYTHON` names one.
fn checker_python() -> Option<String> {
    let Ok(python) = std::env::var("CIVIS_PYTHON") else {
        eprintln!("NOTICE: CIVIS_PYTHON unset; skipping pabulib-checker");
        return None;
    };
    let ok = Command::new(&python)
        .args(["-c", "import pabulib.checker"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("NOTICE: pabulib-checker not installed for {python}; skipping");
        return None;
    }
    Some(python)
}

#[test]
fn pabulib_checker_finds_no_error() {
    let Some(python) = checker_python() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("civis-budget-pabulib-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for (i, case) in cases().into_iter().enumerate() {
        for f in pabulib_files(&case.published(), &place()) {
            let path = dir.join(format!("{i}-{}", f.file_name));
            std::fs::write(&path, &f.text).unwrap();
            paths.push(path);
        }
    }
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pabulib_checker_report.py");
    let child = Command::new(&python)
        .arg(script)
        .args(&paths)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_at_most(child, Duration::from_secs(300));
    assert!(
        out.status.success(),
        "pabulib-checker failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut problems = Vec::new();
    for p in &paths {
        let r = &report[p.to_str().unwrap()];
        let errors = r["errors"].as_object().unwrap();
        if !errors.is_empty() {
            problems.push(format!(
                "{}: {:?}\n{}",
                p.display(),
                errors,
                std::fs::read_to_string(p).unwrap()
            ));
        }
        eprintln!("{}: warnings {}", p.display(), r["warnings"]);
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The child's output; kills it (failing the test) if it runs longer than `limit`
/// (pabulib-checker can loop forever on some Equal Shares files).
fn wait_at_most(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().ok();
            panic!("pabulib-checker still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().unwrap()
}
