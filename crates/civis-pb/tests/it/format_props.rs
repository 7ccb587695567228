//! Property tests of the Pabulib format: writing then reading gives back
//! the same election (all vote types, odd ids, quotes, separators, line
//! breaks in names); no input, however broken, makes the parser panic;
//! whatever parses survives write → parse unchanged.

use civis_pb::{json, pabulib, Decimal, Election, Fields, Project, VoteType, Voter};
use proptest::prelude::*;
use proptest::sample::subsequence;

use crate::{fixtures_dir, pb_files};

const VOTE_TYPES: [VoteType; 5] = [
    VoteType::Approval,
    VoteType::Ordinal,
    VoteType::Cumulative,
    VoteType::Scoring,
    VoteType::Choose1,
];

/// Free text: separators, quotes, commas, line breaks, `None`, accents.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("None".to_string()),
        Just("NONE".to_string()),
        Just("votes".to_string()),
        "[a-zA-Z0-9 ;\",.\\-\n\r\tżółć€]{0,12}",
    ]
}

/// A project id usable in votes: no comma, no surrounding whitespace.
fn project_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,4}",
        "[A-Za-z0-9;\"\\-_ .żł]{1,8}".prop_filter("trimmed", |s| s.trim() == s),
        Just("None".to_string()),
        Just("PROJECTS".to_string()),
    ]
}

fn voter_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,6}",
        "[A-Za-z0-9 ;\",.\\-]{1,8}".prop_filter("non-blank", |s| !s.trim().is_empty()),
        Just("VOTES".to_string()),
    ]
}

fn decimal(non_negative: bool) -> impl Strategy<Value = Decimal> {
    let lo = if non_negative { 0i64 } else { -1000 };
    (lo..10_000_000i64, 0u32..4).prop_map(|(u, s)| Decimal::new(i128::from(u), s))
}

fn columns(reserved: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::btree_set("[a-z_]{1,8}", 0..4).prop_map(move |set| {
        set.into_iter()
            .filter(|c| !reserved.contains(&c.as_str()))
            .collect()
    })
}

fn unique(ids: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter().filter(|i| seen.insert(i.clone())).collect()
}

prop_compose! {
    fn election()(
        vote_type in proptest::sample::select(&VOTE_TYPES[..]),
        budget in decimal(true),
        comma_budget in any::<bool>(),
        extra_meta in proptest::collection::vec(("[a-z_]{1,10}", text()), 0..4),
        project_columns in columns(&["project_id", "cost"]),
        voter_columns in columns(&["voter_id", "vote", "points"]),
        project_ids in proptest::collection::vec(project_id(), 0..8).prop_map(unique),
        voter_ids in proptest::collection::vec(voter_id(), 0..10).prop_map(unique),
        points_anyway in any::<bool>(),
        seed in any::<u64>(),
    ) -> (Election, u64) {
        let mut meta = vec![
            ("budget".to_string(), if comma_budget { budget.to_string().replace('.', ",") } else { budget.to_string() }),
            ("vote_type".to_string(), vote_type.as_str().to_string()),
        ];
        for (k, v) in extra_meta {
            if !meta.iter().any(|(m, _)| *m == k) {
                meta.push((k, v));
            }
        }
        let e = Election {
            meta,
            project_columns,
            voter_columns,
            projects: project_ids.into_iter().map(|id| Project { id, cost: Decimal::from_int(0), fields: Fields::default() }).collect(),
            voters: voter_ids.into_iter().map(|id| Voter { id, vote: vec![], points: if points_anyway || matches!(vote_type, VoteType::Cumulative | VoteType::Scoring) { Some(vec![]) } else { None }, fields: Fields::default() }).collect(),
        };
        (e, seed)
    }
}

/// Fills costs, fields, votes and points of a skeleton election.
fn fill(skeleton: (Election, u64)) -> impl Strategy<Value = Election> {
    let (e, _) = skeleton;
    let np = e.projects.len();
    let pc = e.project_columns.len();
    let vc = e.voter_columns.len();
    let projects =
        proptest::collection::vec((decimal(true), proptest::collection::vec(text(), pc)), np);
    let voters = proptest::collection::vec(
        (
            subsequence((0..np as u32).collect::<Vec<_>>(), 0..=np).prop_shuffle(),
            proptest::collection::vec(decimal(false), np),
            proptest::collection::vec(text(), vc),
        ),
        e.voters.len(),
    );
    (Just(e), projects, voters).prop_map(|(mut e, projects, voters)| {
        for (p, (cost, values)) in e.projects.iter_mut().zip(projects) {
            p.cost = cost;
            p.fields = values.iter().map(String::as_str).collect();
        }
        for (v, (vote, points, values)) in e.voters.iter_mut().zip(voters) {
            if v.points.is_some() {
                v.points = Some(points[..vote.len()].to_vec());
            }
            v.vote = vote;
            v.fields = values.iter().map(String::as_str).collect();
        }
        e
    })
}

fn any_election() -> impl Strategy<Value = Election> {
    election().prop_flat_map(fill)
}

proptest! {
    #[test]
    fn write_then_parse_gives_back_the_election(e in any_election()) {
        let text = pabulib::write(&e);
        let back = pabulib::parse(&text);
        prop_assert_eq!(back.as_ref(), Ok(&e), "written:\n{}", text);
        let via_json = json::from_json(&json::to_json(&e)).map_err(|err| err.to_string());
        prop_assert_eq!(via_json.as_ref(), Ok(&e));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = pabulib::parse_bytes(&bytes);
        let _ = json::from_json(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn pabulib_like_text_never_panics_and_what_parses_round_trips(
        text in "(META|PROJECTS|VOTES|key;value|project_id;cost|voter_id;vote;points|vote_type;(cumulative|approval)|budget;[0-9,.]{1,3}|[0-9a-c;,\" \r\n.-]{0,8}|\n){0,40}"
    ) {
        check_never_panics(&text)?;
    }

    #[test]
    fn mutated_real_files_never_panic_and_what_parses_round_trips(
        file in 0usize..64,
        edits in proptest::collection::vec((0usize..4, any::<prop::sample::Index>(), any::<prop::sample::Index>(), "[0-9a-z;,\"\\- \n]{0,3}"), 1..6),
    ) {
        let files = pb_files(&fixtures_dir());
        let text = std::fs::read_to_string(&files[file % files.len()]).unwrap();
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        for (op, at, other, insert) in edits {
            let i = at.index(lines.len());
            match op {
                0 => { lines.remove(i); if lines.is_empty() { lines.push(String::new()); } }
                1 => { let l = lines[i].clone(); lines.insert(other.index(lines.len()), l); }
                2 => { let j = other.index(lines.len()); lines.swap(i, j); }
                _ => {
                    let l = &mut lines[i];
                    let mut cut = other.index(l.len() + 1);
                    while !l.is_char_boundary(cut) { cut -= 1; }
                    l.insert_str(cut, &insert);
                }
            }
        }
        check_never_panics(&lines.join("\n"))?;
    }
}

fn check_never_panics(text: &str) -> Result<(), TestCaseError> {
    match pabulib::parse(text) {
        Ok(e) => {
            let again = pabulib::parse(&pabulib::write(&e));
            prop_assert_eq!(again.as_ref(), Ok(&e));
        }
        Err(err) => {
            let lines = text.split('\n').count();
            prop_assert!(
                err.line >= 1 && err.line <= lines + 1,
                "{err} in {lines} lines"
            );
            let prefix = format!("line {}", err.line);
            prop_assert!(err.to_string().starts_with(&prefix), "{}", err);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn decimals_print_and_parse_back(units in any::<i64>(), scale in 0u32..12, comma in any::<bool>()) {
        let d = Decimal::new(i128::from(units), scale);
        let text = d.to_string();
        let text = if comma { text.replace('.', ",") } else { text };
        prop_assert_eq!(text.parse::<Decimal>(), Ok(d));
        let twice = d.checked_add(&d).unwrap();
        prop_assert_eq!(twice.to_string().parse::<Decimal>(), Ok(twice));
        prop_assert_eq!(twice.cmp(&d), units.cmp(&0));
    }
}
