//! The civis JSON form: fixtures round-trip through it, and invalid JSON
//! elections are refused with the path of the bad value.

use civis_pb::json::{from_json, to_json, JsonError};
use civis_pb::pabulib;
use serde_json::{json, Value};

use crate::{fixtures_dir, pb_files};

#[test]
fn fixtures_round_trip_through_json() {
    for f in pb_files(&fixtures_dir()) {
        let e = pabulib::parse_bytes(&std::fs::read(&f).unwrap()).unwrap();
        let text = to_json(&e);
        assert_eq!(from_json(&text).unwrap(), e, "{}", f.display());
    }
}

fn base() -> Value {
    json!({
        "format": "civis-pb-election", "version": 1,
        "meta": [{"key": "budget", "value": "100"}, {"key": "vote_type", "value": "cumulative"}],
        "project_columns": ["name"],
        "voter_columns": [],
        "projects": [{"id": "a", "cost": "10.5", "fields": {"name": "Park"}}, {"id": "b", "cost": "20"}],
        "voters": [{"id": "v1", "vote": ["a", "b"], "points": ["2", "1"]}, {"id": "v2", "vote": [], "points": []}]
    })
}

fn problem(edit: impl FnOnce(&mut Value)) -> String {
    let mut v = base();
    edit(&mut v);
    match from_json(&v.to_string()) {
        Err(e @ JsonError::Invalid { .. }) | Err(e @ JsonError::WrongFormat { .. }) => {
            e.to_string()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn a_valid_json_election_reads_into_the_model() {
    let e = from_json(&base().to_string()).unwrap();
    assert_eq!(e.projects[0].cost.to_string(), "10.5");
    assert_eq!(e.project_columns, vec!["name".to_string()]);
    assert_eq!(e.projects[1].fields.iter().collect::<Vec<_>>(), vec![""]);
    assert_eq!(e.voters[0].vote, vec![0, 1]);
    assert_eq!(e.voters[0].points.as_ref().unwrap()[0].to_string(), "2");
}

#[test]
fn invalid_values_are_named_by_path() {
    assert_eq!(
        problem(|v| v["voters"][0]["vote"][1] = json!("zz")),
        "voters[0].vote[1]: vote names unknown project \"zz\""
    );
    assert_eq!(
        problem(|v| v["projects"][1]["cost"] = json!("-1")),
        "projects[1].cost: negative amount -1"
    );
    assert!(problem(|v| v["projects"][1]["id"] = json!("a"))
        .starts_with("projects[1].id: duplicate project"));
    assert!(problem(|v| v["voters"][1]["id"] = json!("v1"))
        .starts_with("voters[1].id: duplicate voter"));
    assert!(problem(|v| v["voters"][0]["points"] = json!(["1"])).starts_with("voters[0].points:"));
    assert!(problem(|v| v["voters"][1]["points"] = Value::Null).contains("every voter or for none"));
    assert!(
        problem(|v| v["projects"][0]["fields"]["colour"] = json!("red"))
            .starts_with("projects[0].fields.colour")
    );
    assert!(
        problem(|v| v["meta"][0]["value"] = json!("lots")).starts_with("meta[0].value: bad number")
    );
    assert!(problem(|v| {
        v["meta"].as_array_mut().unwrap().remove(0);
    })
    .contains("no `budget`"));
    assert!(problem(|v| v["version"] = json!(7)).contains("not a civis election"));
}

#[test]
fn json_syntax_errors_name_line_and_column() {
    let e = from_json("{\n \"format\": \"civis-pb-election\",\n nope\n}").unwrap_err();
    assert!(matches!(e, JsonError::Syntax(_)));
    assert!(e.to_string().contains("line 3"), "{e}");
}
