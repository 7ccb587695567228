//! `civis pb simulate`: a small process end to end, with open ballots and with secret
//! ballots (whose published record must verify, and a tampered copy must not), on
//! SQLite and on PostgreSQL.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::process::civis;

/// Runs a 200-resident, 10-project simulation with open ballots and returns its JSON
/// report.
fn simulate(out: &Path, database_url: Option<&str>) -> Value {
    let mut cmd = civis();
    cmd.args([
        "pb",
        "simulate",
        "--ballots",
        "open",
        "--voters",
        "200",
        "--projects",
        "10",
        "--full-cost-sample",
        "4",
        "--json",
        "--out",
    ])
    .arg(out);
    if let Some(url) = database_url {
        cmd.args(["--database-url", url]);
    }
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "simulate failed: {stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// The report's stages succeeded, the refusals happened, and the exports agree with the
/// published results.
fn check(report: &Value, out: &Path) {
    let names: Vec<&str> = report["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "start",
            "create process",
            "register",
            "sign in (full cost)",
            "sign in",
            "proposals",
            "review",
            "vote",
            "close and tally",
            "export"
        ]
    );
    assert!(report["total_seconds"].as_f64().unwrap() > 0.0);
    assert_eq!(report["voters"], 200);
    assert_eq!(report["projects"], 10);
    // One ballot counted per resident although 20 of them voted twice.
    assert_eq!(report["ballots_counted"], 200);
    assert_eq!(report["revotes"], 20);
    assert_eq!(report["ballots_acknowledged"], 220);
    // Every invalid ballot and both ballots outside the voting phase were refused.
    assert_eq!(report["invalid_ballots_sent"], 4);
    assert_eq!(report["invalid_ballots_refused"], 4);
    assert_eq!(report["out_of_phase_refused"], 2);
    assert_eq!(report["hidden_while_voting"], true);
    assert!(report["full_cost_sign_ins_per_second"].as_f64().unwrap() > 0.0);

    // The published results as written, and what the report says was funded.
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    let funded: BTreeSet<String> = results["funded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap().to_string())
        .collect();
    assert!(!funded.is_empty());
    assert_eq!(results["ballots"], 200);
    let reported: BTreeSet<String> = report["exports"]["funded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap().to_string())
        .collect();
    assert_eq!(reported, funded);

    // The exports, where the server serves them (its OpenAPI document lists the
    // route): the Pabulib file parses and selects exactly the funded projects.
    let files = report["exports"]["files"].as_array().unwrap();
    let pabulib = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("/pabulib"))
        .unwrap();
    if pabulib["served"] == true {
        assert_eq!(pabulib["status"], 200);
        let bytes = std::fs::read(out.join("process.pb")).unwrap();
        let election = civis_pb::pabulib::parse_bytes(&bytes).unwrap();
        assert_eq!(election.voters.len(), 200);
        assert_eq!(election.projects.len(), 10);
        let selected: BTreeSet<String> = election
            .selected()
            .unwrap()
            .into_iter()
            .map(|i| election.projects[i].id.clone())
            .collect();
        assert_eq!(selected, funded);
        assert_eq!(report["exports"]["pabulib_matches_results"], true);
        for name in ["export.csv", "export.json"] {
            assert!(
                std::fs::metadata(out.join(name)).unwrap().len() > 0,
                "{name}"
            );
        }
    } else {
        eprintln!("note: this server does not serve the Pabulib export yet");
    }
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(written["ballots_counted"], 200);
}

#[test]
fn a_small_process_runs_end_to_end_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let report = simulate(dir.path(), None);
    assert_eq!(report["backend"], "sqlite");
    check(&report, dir.path());
}

#[tokio::test]
async fn a_small_process_runs_end_to_end_on_postgres() {
    let Ok(base) = std::env::var("CIVIS_TEST_DATABASE_URL") else {
        eprintln!("skipped: set CIVIS_TEST_DATABASE_URL to a PostgreSQL URL to run this test");
        return;
    };
    let url = fresh_database(&base, "open").await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_owned();
    let report = tokio::task::spawn_blocking(move || simulate(&out, Some(&url)))
        .await
        .unwrap();
    assert_eq!(report["backend"], "postgres");
    check(&report, dir.path());
}

/// Runs a 30-resident, 4-project simulation with secret ballots (the default) and
/// returns its JSON report.
fn simulate_secret(out: &Path, database_url: Option<&str>) -> Value {
    let mut cmd = civis();
    cmd.args([
        "pb",
        "simulate",
        "--voters",
        "30",
        "--projects",
        "4",
        "--full-cost-sample",
        "2",
        "--json",
        "--out",
    ])
    .arg(out);
    if let Some(url) = database_url {
        cmd.args(["--database-url", url]);
    }
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "simulate failed: {stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for item in std::fs::read_dir(from).unwrap() {
        let item = item.unwrap();
        let target = to.join(item.file_name());
        if item.file_type().unwrap().is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), &target).unwrap();
        }
    }
}

/// A copy of the record in `out` changed by `change`; the verifier's problems with it.
fn problems_of_tampered(out: &Path, change: impl Fn(&Path)) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(out, dir.path());
    change(dir.path());
    let report = civis_verify::verify_record(dir.path());
    assert!(
        !report.holds(),
        "a tampered record verified: {}",
        report.render()
    );
    report.problems()
}

/// The report's stages and counts, the record in `out` verifies, and tampered copies
/// of it do not.
fn check_secret(report: &Value, out: &Path) {
    let names: Vec<&str> = report["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "start",
            "create process",
            "trustees",
            "register",
            "sign in (full cost)",
            "sign in",
            "proposals",
            "review",
            "vote",
            "close and count",
            "fetch record",
            "verify record"
        ]
    );
    assert_eq!(report["ballots"], "secret");
    assert_eq!(
        (
            report["trustee_threshold"].clone(),
            report["trustees"].clone()
        ),
        (2.into(), 3.into())
    );
    assert_eq!(report["credentials_obtained"], 30);
    assert_eq!(report["credentials_issued"], 30);
    // Voters 5, 15 and 25 cast a second ballot, which replaced their first.
    assert_eq!(report["revotes"], 3);
    assert_eq!(report["ballots_accepted"], 33);
    assert_eq!(report["verified"]["counted"], 30);
    assert_eq!(report["verified"]["spoiled"], 0);
    assert_eq!(report["verified"]["holds"], true);
    assert_eq!(report["results_ballots"], 30);
    assert_eq!(report["results_funded"], report["verified"]["funded"]);
    // One invalid submission of each kind, each refused with its own problem.
    let invalid = report["invalid"].as_array().unwrap();
    assert_eq!(invalid.len(), 4);
    for kind in invalid {
        assert_eq!(
            (kind["sent"].as_u64(), kind["refused"].as_u64()),
            (Some(1), Some(1)),
            "{kind}"
        );
    }
    assert_eq!(report["invalid_sent"], 4);
    assert_eq!(report["invalid_refused"], 4);
    assert_eq!(report["out_of_phase_refused"], 2);
    assert_eq!(report["hidden_while_voting"], true);
    // Checkpoints kept during voting, the last at the log's final size.
    let sizes: Vec<u64> = report["checkpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_u64().unwrap())
        .collect();
    assert_eq!(sizes.len(), 4, "{sizes:?}");
    assert_eq!(sizes.last(), Some(&33));
    for size in &sizes {
        assert!(out.join(format!("log/checkpoints/{size}")).is_file());
    }

    // The record as written verifies, report.json and results.json beside it.
    assert!(out.join("report.json").is_file() && out.join("results.json").is_file());
    let verified = civis_verify::verify_record(out);
    assert!(verified.holds(), "{}", verified.render());
    assert!(
        verified
            .check("log")
            .unwrap()
            .summary
            .contains("4 of 4 earlier checkpoint(s) consistent"),
        "{}",
        verified.render()
    );

    // One byte of a ballot entry changed: the log no longer hashes to its checkpoint.
    let problems = problems_of_tampered(out, |dir| {
        let bundle = dir.join("log/tile/entries/000.p/33");
        let mut bytes = std::fs::read(&bundle).unwrap();
        let at = bytes
            .windows(14)
            .position(|w| w == b"\"ciphertext\":\"")
            .unwrap()
            + 14;
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        std::fs::write(&bundle, bytes).unwrap();
    });
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("log: ") && p.contains("entry 0")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("entries: ") && p.contains("voter signature does not verify")),
        "{problems:#?}"
    );
    // Another election key in reveal.json: it is not what the shares rebuild.
    let problems = problems_of_tampered(out, |dir| {
        let path = dir.join("reveal.json");
        let mut reveal: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let key = reveal["election_secret_key"].as_str().unwrap().to_owned();
        let first = if key.starts_with('A') { "B" } else { "A" };
        reveal["election_secret_key"] = Value::String(format!("{first}{}", &key[1..]));
        std::fs::write(&path, serde_json::to_vec(&reveal).unwrap()).unwrap();
    });
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("trustees: ") && p.contains("reveal.json")),
        "{problems:#?}"
    );
}

#[test]
fn a_small_secret_ballot_process_publishes_a_record_that_verifies_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let report = simulate_secret(dir.path(), None);
    assert_eq!(report["backend"], "sqlite");
    check_secret(&report, dir.path());
    // A second run into the same directory is refused: its log would mix with this one.
    let out = civis()
        .args([
            "pb",
            "simulate",
            "--voters",
            "2",
            "--projects",
            "1",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds a ballot log"));
}

#[tokio::test]
async fn a_small_secret_ballot_process_publishes_a_record_that_verifies_on_postgres() {
    let Ok(base) = std::env::var("CIVIS_TEST_DATABASE_URL") else {
        eprintln!("skipped: set CIVIS_TEST_DATABASE_URL to a PostgreSQL URL to run this test");
        return;
    };
    let url = fresh_database(&base, "secret").await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_owned();
    let report = tokio::task::spawn_blocking(move || simulate_secret(&out, Some(&url)))
        .await
        .unwrap();
    assert_eq!(report["backend"], "postgres");
    check_secret(&report, dir.path());
}

#[test]
fn simulate_sits_next_to_the_file_tools_and_states_its_password_cost() {
    let out = civis().args(["pb", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for command in ["tally", "check", "explain", "stats", "convert", "simulate"] {
        assert!(text.contains(command), "pb --help lists {command}: {text}");
    }
    let out = civis().args(["pb", "simulate", "--help"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "--voters",
        "--projects",
        "--out",
        "--database-url",
        "--json",
        "--ballots",
        "--trustees",
        "m=1024 KiB",
        "m=19456 KiB",
    ] {
        assert!(
            text.contains(needle),
            "simulate --help mentions {needle}: {text}"
        );
    }
    // The file tools still run: a usage error of `pb tally` is theirs (exit 2).
    let out = civis()
        .args(["pb", "tally", "/nonexistent.pb"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

async fn fresh_database(base: &str, kind: &str) -> String {
    use sqlx::Connection as _;
    let name = format!("civis_simulate_{kind}_test_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(base).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let (prefix, _) = base.rsplit_once('/').unwrap();
    format!("{prefix}/{name}")
}
