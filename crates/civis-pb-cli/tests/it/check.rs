//! `civis pb check`.

use crate::{civis_pb, fixture, temp_dir};

#[test]
fn official_outcome_agrees_exit_0() {
    let f = fixture("approval_gdynia_2022_kamienna_gora.pb");
    let o = civis_pb(&["check", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines[1], "rule: greedy-no-skip");
    assert!(lines[2].starts_with("verdict: agrees"), "{}", o.stdout);
}

#[test]
fn json_is_one_object_with_both_outcomes() {
    let f = fixture("approval_mes_assen_2024.pb");
    let o = civis_pb(&["check", f.to_str().unwrap(), "--json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["agrees"], true);
    assert_eq!(v["rule"], "equalshares/add1");
    assert!(v["differences"].is_null());
    let mut computed: Vec<String> = serde_json::from_value(v["computed"].clone()).unwrap();
    let mut official: Vec<String> = serde_json::from_value(v["official"].clone()).unwrap();
    computed.sort();
    official.sort();
    assert_eq!(computed, official);
    assert!(!official.is_empty());
}

fn write_file(test: &str, rule: &str, selected: [u8; 3]) -> std::path::PathBuf {
    let d = temp_dir(test);
    let f = d.join("e.pb");
    let [a, b, c] = selected;
    std::fs::write(
        &f,
        format!(
            "META\nkey;value\nnum_projects;3\nnum_votes;3\nbudget;100\nvote_type;approval\nrule;{rule}\n\
             PROJECTS\nproject_id;cost;votes;selected\nA;60;3;{a}\nB;50;2;{b}\nC;40;1;{c}\n\
             VOTES\nvoter_id;vote\n1;A,B,C\n2;A,B\n3;A\n"
        ),
    )
    .unwrap();
    f
}

#[test]
fn disagreement_exit_1_lists_the_differences() {
    // Greedy funds A and C; the file says A and B.
    let f = write_file("check-disagree", "greedy", [1, 1, 0]);
    let o = civis_pb(&["check", f.to_str().unwrap()]);
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.contains("verdict: disagrees"));
    assert!(o.stdout.contains("selected but not computed: B"));
    assert!(o.stdout.contains("computed but not selected: C"));
    let o = civis_pb(&["check", f.to_str().unwrap(), "--json"]);
    assert_eq!(o.code, 1);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["agrees"], false);
    assert_eq!(
        v["differences"]["selected_not_computed"],
        serde_json::json!(["B"])
    );
    assert_eq!(
        v["differences"]["computed_not_selected"],
        serde_json::json!(["C"])
    );
    assert_eq!(v["ordered_by"], "votes");
}

#[test]
fn unknown_rule_exit_2_with_the_reason() {
    let f = write_file("check-unknown", "unknown", [1, 0, 1]);
    let o = civis_pb(&["check", f.to_str().unwrap(), "--json"]);
    assert_eq!(o.code, 2);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert!(v["agrees"].is_null());
    assert!(v["computed"].is_null());
    assert!(v["reason"].as_str().unwrap().contains("unknown"));
}

#[test]
fn file_without_selected_column_exit_2() {
    let f = fixture("ordinal_seattle_2019_district_2.pb");
    let o = civis_pb(&["check", f.to_str().unwrap()]);
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(o.stdout.contains("verdict: cannot say"));
}

#[test]
fn unreadable_file_exit_2_prints_nothing() {
    let o = civis_pb(&["check", "/nonexistent/e.pb"]);
    assert_eq!(o.code, 2);
    assert!(o.stdout.is_empty());
    assert!(o.stderr.contains("/nonexistent/e.pb"));
}

#[test]
fn tally_completion_pabulib_is_the_checked_outcome() {
    let f = fixture("approval_mes_assen_2024.pb");
    let f = f.to_str().unwrap();
    let checked = civis_pb(&["check", f, "--json"]);
    let checked: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    let mut official: Vec<String> = serde_json::from_value(checked["official"].clone()).unwrap();
    official.sort();
    let o = civis_pb(&[
        "tally",
        f,
        "--rule",
        "mes",
        "--completion",
        "pabulib",
        "--json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["selected"], serde_json::json!(official));
    // add1u also spends within the budget; cardinality is refused.
    let o = civis_pb(&[
        "tally",
        f,
        "--rule",
        "mes",
        "--completion",
        "add1u",
        "--json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert!(v["left"].as_str().unwrap().parse::<f64>().unwrap() >= 0.0);
    let o = civis_pb(&[
        "tally",
        f,
        "--rule",
        "mes",
        "--completion",
        "add1u",
        "--sat",
        "cardinality",
    ]);
    assert_eq!(o.code, 2);
}
