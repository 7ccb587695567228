//! `civis pb stats`.

use crate::{civis_pb, fixture, temp_dir};

#[test]
fn text_stats_of_a_real_file() {
    let f = fixture("choose1_zabrze_2020_mlodego_gornika.pb");
    let o = civis_pb(&["stats", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(
        &lines[1..],
        &[
            "vote type: choose-1",
            "rule: greedy",
            "voters: 61",
            "projects: 1",
            "budget: 150000",
            "total cost: 150000",
            "scarcity: 1.0000",
            "ballot length: min 1, mean 1.00, median 1, max 1",
        ]
    );
}

#[test]
fn json_stats_is_one_object() {
    let f = fixture("cumulative_gdansk_2020_mlyniska.pb");
    let o = civis_pb(&["stats", f.to_str().unwrap(), "--json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let e = civis_pb::pabulib::parse(&std::fs::read_to_string(&f).unwrap()).unwrap();
    assert_eq!(v["vote_type"], "cumulative");
    assert_eq!(v["voters"], e.voters.len());
    assert_eq!(v["projects"], e.projects.len());
    assert_eq!(v["budget"], e.meta("budget").unwrap());
    let total: f64 = e.projects.iter().map(|p| p.cost.to_f64()).sum();
    assert_eq!(
        v["total_cost"].as_str().unwrap().parse::<f64>().unwrap(),
        total
    );
    let lens: Vec<usize> = e.voters.iter().map(|v| v.vote.len()).collect();
    assert_eq!(v["ballot_length"]["max"], *lens.iter().max().unwrap());
    assert_eq!(v["ballot_length"]["min"], *lens.iter().min().unwrap());
}

#[test]
fn malformed_file_exits_2_naming_the_line_and_prints_nothing() {
    let d = temp_dir("stats-malformed");
    let f = d.join("bad.pb");
    std::fs::write(
        &f,
        "META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\n2;-3\nVOTES\nvoter_id;vote\n",
    )
    .unwrap();
    for json in [false, true] {
        let mut args = vec!["stats", f.to_str().unwrap()];
        if json {
            args.push("--json");
        }
        let o = civis_pb(&args);
        assert_eq!(o.code, 2);
        assert_eq!(o.stdout, "");
        assert!(o.stderr.contains("bad.pb: line 7"), "{}", o.stderr);
        assert!(o.stderr.contains("negative"), "{}", o.stderr);
    }
    let o = civis_pb(&["stats", d.join("absent.pb").to_str().unwrap()]);
    assert_eq!((o.code, o.stdout.as_str()), (2, ""));
    assert!(o.stderr.contains("absent.pb: cannot read"), "{}", o.stderr);
}

#[test]
fn json_input_is_recognised_by_content_and_gives_the_same_stats() {
    let d = temp_dir("stats-json-input");
    let f = fixture("ordinal_seattle_2019_district_2.pb");
    let o = civis_pb(&["convert", f.to_str().unwrap(), "--to", "json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let j = d.join("election.txt");
    std::fs::write(&j, &o.stdout).unwrap();
    let from_pb = civis_pb(&["stats", f.to_str().unwrap()]);
    let from_json = civis_pb(&["stats", j.to_str().unwrap()]);
    assert_eq!(from_json.code, 0, "{}", from_json.stderr);
    let body = |s: &str| s.lines().skip(1).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(body(&from_json.stdout), body(&from_pb.stdout));
    assert!(from_pb.stdout.contains("vote type: ordinal"));
}
