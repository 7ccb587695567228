//! `civis pb tally`: outcomes agree exactly with pabutools 1.2.3 on the
//! committed fixtures (`expected_rules.json`, made with
//! `scripts/pabutools_oracle.py --pb`) and on every outcome listed in the
//! shared Pabulib folder's `expected.json`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{civis_pb, fixture};

/// `civis pb tally FILE --json` plus the options of an oracle rule name.
fn tally_selected(file: &Path, rule: &str) -> Vec<String> {
    let opts: &[&str] = match rule {
        "greedy_cost" => &["--rule", "greedy"],
        "greedy_card" => &["--rule", "greedy", "--sat", "cardinality"],
        "mes_cost" => &["--rule", "mes"],
        "mes_card" => &["--rule", "mes", "--sat", "cardinality"],
        "mes_add1_cost" => &["--rule", "mes", "--completion", "add1"],
        "mes_add1_card" => &[
            "--rule",
            "mes",
            "--sat",
            "cardinality",
            "--completion",
            "add1",
        ],
        "phragmen" => &["--rule", "phragmen"],
        other => panic!("unknown rule {other}"),
    };
    let mut args = vec!["tally", file.to_str().unwrap(), "--json"];
    args.extend_from_slice(opts);
    let o = civis_pb(&args);
    assert_eq!(o.code, 0, "{rule} on {}: {}", file.display(), o.stderr);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    serde_json::from_value(v["selected"].clone()).unwrap()
}

#[test]
fn fixtures_agree_with_pabutools() {
    let path = fixture("expected_rules.json");
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut checked = 0;
    for (file, rules) in expected.as_object().unwrap() {
        for (rule, ids) in rules.as_object().unwrap() {
            let want: Vec<String> = serde_json::from_value(ids.clone()).unwrap();
            assert_eq!(
                tally_selected(&fixture(file), rule),
                want,
                "{rule} on {file}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 70, "only {checked} fixture outcomes");
}

/// The shared Pabulib folder (`CIVIS_PABULIB_DIR`, else `../shared/data/pabulib`
/// beside the repository), or `None`.
fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("CIVIS_PABULIB_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/pabulib"),
    };
    dir.join("expected.json").is_file().then_some(dir)
}

#[test]
fn every_expected_outcome_of_the_shared_files() {
    let Some(dir) = shared_dir() else {
        eprintln!("NOTICE: no shared Pabulib folder with expected.json; skipping");
        return;
    };
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let rules = [
        ("greedy_cost_sat", "greedy_cost"),
        ("mes_cost_sat", "mes_cost"),
        ("mes_cost_sat_add1_greedy_completion", "mes_add1_cost"),
    ];
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (file, entry) in expected["files"].as_object().unwrap() {
        for (key, rule) in rules {
            let Some(ids) = entry.get(key) else { continue };
            let want: Vec<String> = serde_json::from_value(ids.clone()).unwrap();
            let got = tally_selected(&dir.join(file), rule);
            if got != want {
                wrong.push(format!("{key} on {file}: got {got:?}, expected {want:?}"));
            }
            checked += 1;
        }
    }
    eprintln!("checked {checked} expected outcomes");
    assert!(
        wrong.is_empty(),
        "{} of {checked} differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(checked >= 550, "only {checked} outcomes found");
}

#[test]
fn text_output_lists_selections_in_order() {
    let f = fixture("approval_mes_assen_2024.pb");
    let o = civis_pb(&[
        "tally",
        f.to_str().unwrap(),
        "--rule",
        "mes",
        "--completion",
        "add1",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "rule: mes, cost satisfaction, completion add1, tie-break lexico"
    );
    assert_eq!(lines[1], "budget: 100000");
    assert_eq!(lines[2], "cost: 88700");
    assert_eq!(lines[3], "left: 11300");
    assert_eq!(lines[4], "selected: 10");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(" 1  mes         1  3         7200     43  7200/43 (≈167.44)")),
        "{}",
        o.stdout
    );
    assert!(lines.last().unwrap().contains("greedy"), "{}", o.stdout);
}

#[test]
fn unavailable_or_misplaced_completions_exit_2() {
    let f = fixture("approval_mes_assen_2024.pb");
    let o = civis_pb(&[
        "tally",
        f.to_str().unwrap(),
        "--rule",
        "greedy",
        "--completion",
        "add1",
    ]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("applies to --rule mes only"),
        "{}",
        o.stderr
    );
    assert!(o.stdout.is_empty());
    let o = civis_pb(&[
        "tally",
        f.to_str().unwrap(),
        "--rule",
        "mes",
        "--completion",
        "add1u",
        "--sat",
        "cardinality",
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("add1u"), "{}", o.stderr);
}

#[test]
fn a_file_without_budget_exits_2() {
    let d = crate::temp_dir("tally-no-budget");
    let f = d.join("e.pb");
    std::fs::write(&f, "META\nkey;value\nnum_projects;1\nnum_votes;1\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;10\nVOTES\nvoter_id;vote\n1;1\n").unwrap();
    let o = civis_pb(&["tally", f.to_str().unwrap(), "--rule", "greedy"]);
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(o.stderr.contains("budget"), "{}", o.stderr);
}
