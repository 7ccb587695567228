//! Malformed files give typed errors naming the line, cell and problem.

use civis_pb::pabulib::{parse, parse_ballots, parse_bytes, ParseErrorKind as K, Section};

const HEAD: &str =
    "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n";

/// The error of `text`, which reading only the ballots gives too.
fn parse_err(text: &str) -> civis_pb::pabulib::ParseError {
    let e = parse(text).expect_err("should fail");
    assert_eq!(parse_ballots(text).expect_err("should fail"), e);
    e
}

#[test]
fn unknown_project_in_vote() {
    let e = parse_err(&format!("{HEAD}1;10;a\nVOTES\nvoter_id;vote\nv1;1,2\n"));
    assert_eq!(
        (e.line, e.column, e.field.as_deref()),
        (10, Some(2), Some("vote"))
    );
    assert_eq!(e.kind, K::UnknownProject("2".into()));
    assert_eq!(
        e.to_string(),
        "line 10, column 2 (vote): vote names unknown project \"2\""
    );
}

#[test]
fn duplicate_ids_negative_cost_and_bad_numbers() {
    let e = parse_err(&format!("{HEAD}1;10;a\n1;5;b\nVOTES\nvoter_id;vote\n"));
    assert_eq!((e.line, e.kind), (8, K::DuplicateProject("1".into())));
    let e = parse_err(&format!("{HEAD}1;-10;a\nVOTES\nvoter_id;vote\n"));
    assert_eq!(
        (e.line, e.field.as_deref(), e.kind),
        (7, Some("cost"), K::Negative("-10".into()))
    );
    let e = parse_err(&format!("{HEAD}1;ten;a\nVOTES\nvoter_id;vote\n"));
    assert!(matches!(e.kind, K::BadNumber { .. }), "{e}");
    let e = parse_err(&format!(
        "{HEAD}1;10;a\nVOTES\nvoter_id;vote\nv;1\nw;\nv;1\n"
    ));
    assert_eq!((e.line, e.kind), (12, K::DuplicateVoter("v".into())));
}

#[test]
fn wrong_cell_counts_and_missing_parts() {
    let e = parse_err(&format!("{HEAD}1;10\nVOTES\nvoter_id;vote\n"));
    assert_eq!(
        (e.line, e.kind),
        (
            7,
            K::CellCount {
                expected: 3,
                found: 2
            }
        )
    );
    let e = parse_err("META\nkey;value\nbudget;100\nPROJECTS\nproject_id;name\n");
    assert_eq!(
        (e.line, e.kind),
        (
            5,
            K::MissingColumn {
                section: Section::Projects,
                column: "cost"
            }
        )
    );
    let e = parse_err(&format!("{HEAD}1;10;a\n"));
    assert_eq!(e.kind, K::MissingSection(Section::Votes));
    let e = parse_err(
        "META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n",
    );
    assert_eq!(e.kind, K::MissingMeta("budget"));
    let e = parse_err("hello\n");
    assert_eq!((e.line, e.kind), (1, K::ContentBeforeMeta("hello".into())));
    let e = parse_err("");
    assert_eq!(e.kind, K::MissingSection(Section::Meta));
}

#[test]
fn points_must_align_and_cumulative_needs_points() {
    let head = "META\nkey;value\nbudget;100\nvote_type;cumulative\nPROJECTS\nproject_id;cost\na;1\nb;2\nVOTES\n";
    let e = parse_err(&format!("{head}voter_id;vote;points\nv;a,b;3\n"));
    assert_eq!(
        (e.line, e.kind),
        (
            11,
            K::PointsMisaligned {
                votes: 2,
                points: 1
            }
        )
    );
    let e = parse_err(&format!("{head}voter_id;vote\nv;a,b\n"));
    assert_eq!(
        e.kind,
        K::MissingColumn {
            section: Section::Votes,
            column: "points"
        }
    );
    let e = parse_err(&format!("{head}voter_id;vote;points\nv;a,a;1,2\n"));
    assert_eq!(e.kind, K::RepeatedInVote("a".into()));
}

#[test]
fn invalid_utf8_and_unterminated_quotes_name_their_line() {
    let e = parse_bytes(b"META\nkey;value\nbudget;\xff\n").unwrap_err();
    assert_eq!((e.line, e.kind), (3, K::InvalidUtf8));
    let e = parse_err(&format!("{HEAD}1;10;\"open\nVOTES\nvoter_id;vote\n"));
    assert_eq!((e.line, e.kind), (7, K::UnterminatedQuote));
}

#[test]
fn lenient_forms_are_accepted() {
    let text = "\u{feff}meta\r\nkey;value\r\n\r\nBudget;1000,50\r\nvote_type;approval\r\nextra_key;\"a;b\"\r\n\
                Projects\r\nproject_id;cost;name;category\r\nP 1;12,5;\"x;\"\"y\"\"\";None\r\nB;0;;\r\n\
                votes;;\r\nvoter_id;vote;age\r\n1;P 1, B;None\r\n2;;33\r\n3;B,B;\r\n";
    let e = parse(text).unwrap();
    assert_eq!(e.meta("budget"), Some("1000,50"));
    assert_eq!(e.budget().unwrap().to_string(), "1000.5");
    assert_eq!(e.meta("extra_key"), Some("a;b"));
    assert_eq!(e.projects[0].id, "P 1");
    assert_eq!(e.projects[0].cost.to_string(), "12.5");
    assert_eq!(e.project_field(&e.projects[0], "name"), Some("x;\"y\""));
    assert_eq!(e.project_columns[1], "category");
    assert_eq!(e.projects[0].fields.get(1), Some(""));
    assert_eq!(e.voters[0].vote, vec![0, 1]);
    assert_eq!(e.voter_columns, vec!["age".to_string()]);
    assert_eq!(e.voters[0].fields.iter().collect::<Vec<_>>(), vec![""]);
    assert!(e.voters[1].vote.is_empty());
    assert_eq!(e.voters[2].vote, vec![1], "approval repeats collapse");
}
