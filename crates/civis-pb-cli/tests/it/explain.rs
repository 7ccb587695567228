//! `civis pb explain`.

use crate::{civis_pb, fixture, temp_dir};

/// Budget 30, three voters: A (18) by all, B (12) by voter 1, C (9) by 2 and 3.
fn abc(test: &str) -> String {
    let d = temp_dir(test);
    let f = d.join("abc.pb");
    std::fs::write(
        &f,
        "META\nkey;value\nbudget;30\nvote_type;approval\nPROJECTS\nproject_id;cost\nA;18\nB;12\nC;9\n\
         VOTES\nvoter_id;vote\n1;A,B\n2;A,C\n3;A,C\n",
    )
    .unwrap();
    f.to_str().unwrap().to_string()
}

#[test]
fn mes_text_explains_each_project() {
    let f = abc("explain-mes-text");
    let o = civis_pb(&["explain", &f, "--rule", "mes"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let s = &o.stdout;
    assert!(s.contains("funded: A\n"), "{s}");
    assert!(s.contains("funded in MES round 1 at 6 per supporter (3 paid it in full, 0 paid all they had left)"), "{s}");
    assert!(
        s.contains("its supporters held 4 (1 of them with money left), 8 short of its cost"),
        "{s}"
    );
    assert!(
        s.contains("it would have been funded at a cost of 8 or less"),
        "{s}"
    );
    assert!(s.contains("voters with a funded project: 100.00%"), "{s}");
    assert!(s.contains("(64.44% of what they voted for)"), "{s}");
}

#[test]
fn greedy_json_for_one_project() {
    let f = abc("explain-greedy-json");
    let o = civis_pb(&[
        "explain",
        &f,
        "--rule",
        "greedy",
        "--project",
        "B",
        "--json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["funded"], serde_json::json!(["A", "C"]));
    assert_eq!(v["spent"], "27");
    let b = &v["projects"][0];
    assert_eq!(v["projects"].as_array().unwrap().len(), 1);
    assert_eq!(b["id"], "B");
    assert_eq!(b["funded"], false);
    assert_eq!(b["position"], 3);
    assert_eq!(b["remaining_before"], "3");
    assert_eq!(b["fit"], false);
    assert_eq!(b["supporters_needed"], 1);
    assert_eq!(b["would_need_to_cost"], "3");
    assert_eq!(v["voters"]["gini_cost_satisfaction"], 1.0 / 12.0);
}

#[test]
fn mes_completion_pabulib_on_a_real_file() {
    let f = fixture("approval_mes_assen_2024.pb");
    let o = civis_pb(&[
        "explain",
        f.to_str().unwrap(),
        "--rule",
        "mes",
        "--completion",
        "pabulib",
        "--project",
        "3",
        "--json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let p = &v["projects"][0];
    assert_eq!(p["funded"], true);
    assert_eq!(p["phase"], "mes");
    assert_eq!(p["round"], 1);
    assert_eq!(p["full_payers"], 43);
}

#[test]
fn bad_options_and_unknown_project_exit_2() {
    let f = abc("explain-bad");
    let o = civis_pb(&["explain", &f, "--rule", "greedy", "--completion", "add1u"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("--completion applies to --rule mes only"));
    let o = civis_pb(&["explain", &f, "--rule", "mes", "--project", "Z"]);
    assert_eq!(o.code, 2);
    assert!(o.stdout.is_empty());
    assert!(
        o.stderr.contains("no project with id \"Z\""),
        "{}",
        o.stderr
    );
}
