//! CSV and JSON exports: the projects with their results, anonymous ballots,
//! and nothing personal.

use civis_budget::export::csv::{projects_csv, COLUMNS};
use civis_budget::export::json::{export_json, export_json_string, ExportJson};
use civis_budget::{BallotFormat, Completion, OutcomeRule, TieBreak};

use crate::gen::Case;

fn case(ballot: BallotFormat) -> Case {
    Case::new(
        11,
        ballot,
        OutcomeRule::Mes {
            completion: Completion::Add1,
        },
        TieBreak::Lexico,
        35,
    )
}

/// Splits RFC 4180 text into records of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF line ends");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "ends with CRLF");
    rows
}

#[test]
fn csv_lists_every_project_with_its_results() {
    let case = case(BallotFormat::Cumulative {
        points: 10,
        max_per_project: None,
    });
    let text = projects_csv(&case.published());
    let rows = parse_csv(&text);
    assert_eq!(rows[0], COLUMNS);
    assert_eq!(rows.len(), 1 + 15);
    let library = rows.iter().find(|r| r[0] == "4").unwrap();
    assert_eq!(library[1], "Library \"Reading\"; corner, with seats");
    assert_eq!(library[2], "South");
    assert_eq!(library[3], "culture");
    assert_eq!(library[4], "citywide");
    let skate = rows.iter().find(|r| r[0] == "6").unwrap();
    assert_eq!(skate[1], "Skate park\nnear the river");
    assert_eq!(skate[3], "sport");
    assert_eq!(skate[2], "");
    let selected: Vec<&str> = rows[1..]
        .iter()
        .filter(|r| r[8] == "1")
        .map(|r| r[0].as_str())
        .collect();
    let mut expected: Vec<String> = case
        .results
        .units
        .iter()
        .flat_map(|u| u.selected.iter().map(|i| i.to_string()))
        .collect();
    expected.sort();
    let mut got: Vec<String> = selected.iter().map(|s| s.to_string()).collect();
    got.sort();
    assert_eq!(got, expected);
    // Points are totals of the ballots' points; votes count the ballots.
    let total_points: u64 = rows[1..].iter().map(|r| r[7].parse::<u64>().unwrap()).sum();
    let ballots_points: u64 = case
        .ballots
        .iter()
        .map(|b| match &b.content {
            civis_budget::BallotContent::Points(p) => {
                p.iter().map(|(_, n)| u64::from(*n)).sum::<u64>()
            }
            _ => 0,
        })
        .sum();
    assert_eq!(total_points, ballots_points);
}

#[test]
fn json_has_projects_anonymous_ballots_results_and_rules() {
    let case = case(BallotFormat::Ranked { k: 3 });
    let published = case.published();
    let doc = export_json(&published);
    assert_eq!(doc.process.id, 7);
    assert_eq!(doc.process.rules, case.process.settings.rules);
    assert_eq!(
        doc.process.rules_digest,
        case.process.settings.rules.digest()
    );
    assert_eq!(doc.results.rules_digest, case.results.rules_digest);
    assert_eq!(doc.projects.len(), 15);
    assert_eq!(doc.results.units.len(), 3);
    assert_eq!(doc.ballots.len(), case.ballots.len());
    let numbers: Vec<u64> = doc.ballots.iter().map(|b| b.voter).collect();
    assert_eq!(numbers, (1..=case.ballots.len() as u64).collect::<Vec<_>>());
    for b in &doc.ballots {
        assert!(b.approvals.is_none() && b.points.is_none());
        let r = b.ranking.as_ref().unwrap();
        assert!(!r.is_empty() && r.len() <= 3);
    }
    // The same multiset of rankings as the ballots.
    let mut got: Vec<Vec<i64>> = doc
        .ballots
        .iter()
        .map(|b| b.ranking.clone().unwrap())
        .collect();
    let mut want: Vec<Vec<i64>> = case
        .ballots
        .iter()
        .map(|b| match &b.content {
            civis_budget::BallotContent::Ranking(v) => v.iter().map(|i| i.0).collect(),
            _ => unreachable!(),
        })
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // Reads back; holds no voter id, channel or time of voting.
    let text = export_json_string(&published);
    let back: ExportJson = serde_json::from_str(&text).unwrap();
    assert_eq!(back, doc);
    for word in [
        "\"voter_id\"",
        "paper",
        "online",
        "cast_at",
        "\"author\"",
        "\"voter\": 1000",
    ] {
        assert!(!text.contains(word), "{word} in {text}");
    }
}

#[test]
fn the_exports_made_at_publication_are_the_documents_made_one_by_one() {
    use civis_budget::export::pabulib::{pabulib_files, PabulibPlace};
    use civis_budget::export::published::{process_participation, DocumentKind, PublishedExports};
    use civis_budget::ResidentProfile;

    let case = case(BallotFormat::Approval { min: 1, max: 3 });
    let published = case.published();
    let place = PabulibPlace::default();
    let north = ResidentProfile {
        district: Some("North".to_owned()),
        birth_date: Some("1980-06-01".to_owned()),
    };
    let voters = vec![north.clone(); 12];
    let residents = vec![north; 30];
    let made = PublishedExports::make(&published, &place, &voters, &residents);
    let files = pabulib_files(&published, &place);
    assert!(!files.is_empty());
    assert_eq!(made.documents.len(), files.len() + 2);
    for (doc, file) in made.documents.iter().zip(&files) {
        assert_eq!(
            doc.kind,
            DocumentKind::Pabulib {
                unit: file.unit.clone()
            }
        );
        assert_eq!((&doc.file_name, &doc.text), (&file.file_name, &file.text));
    }
    let id = case.process.id;
    let csv = made.clone().take(&DocumentKind::Csv).unwrap();
    assert_eq!(csv.file_name, format!("process-{id}.csv"));
    assert_eq!(csv.text, projects_csv(&published));
    let json = made.clone().take(&DocumentKind::Json).unwrap();
    assert_eq!(json.file_name, format!("process-{id}.json"));
    assert_eq!(json.text, export_json_string(&published));
    assert_eq!(
        made.participation,
        process_participation(&case.process, &voters, &residents)
    );
    assert_eq!(made.participation.by_district[0].group, "North");
    assert_eq!(made.participation.total.percent, Some(40.0));
}
