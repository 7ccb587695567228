//! `civis loadtest ballots` against a real demo server: it creates its residents,
//! casts valid ballots with zero errors, reports its figures as JSON, and reuses its
//! residents on a second run. Correctness only: no timing is asserted.

use std::process::Stdio;

use serde_json::Value;

use crate::pb::{own_ballot, sign_in_with};
use crate::process::{civis, start};

fn loadtest(base: &str, extra: &[&str]) -> Value {
    let out = civis()
        .args([
            "loadtest",
            "ballots",
            "--url",
            base,
            "--url",
            base,
            "--voters",
            "6",
            "--concurrency",
            "4",
            "--json",
        ])
        .args(extra)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "loadtest failed: {stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one JSON object on stdout: {stdout}");
    serde_json::from_str(lines[0]).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loadtest_casts_valid_ballots_and_reports_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("civis.sqlite3").display());
    let mut cmd = civis();
    cmd.args([
        "--log-format",
        "json",
        "demo",
        "--listen",
        "127.0.0.1:0",
        "--residents",
        "5",
        "--database-url",
        &db,
    ]);
    cmd.current_dir(dir.path());
    let server = start(cmd);
    server.stdout_until("stop with Ctrl-C");
    let base = server.url("");

    let report = loadtest(&base, &["--ballots-per-voter", "3"]);
    for key in [
        "ballots_per_second",
        "p50_ms",
        "p90_ms",
        "p99_ms",
        "p999_ms",
        "max_ms",
        "duration_s",
    ] {
        assert!(report[key].as_f64().is_some(), "{key} in {report}");
    }
    assert_eq!(report["errors"], 0, "{report}");
    assert_eq!(report["total"], 18);
    assert_eq!(report["ok"], 18);
    assert_eq!(report["voters"], 6);
    assert_eq!(report["servers"], 2);
    assert!(report["ballots_per_second"].as_f64().unwrap() > 0.0);
    assert!(report["p50_ms"].as_f64().unwrap() <= report["p99_ms"].as_f64().unwrap());

    // A second run reuses the residents; their ballots are replaced, not added.
    let again = loadtest(&base, &[]);
    assert_eq!(again["errors"], 0, "{again}");
    assert_eq!(again["ok"], 6);
    let client = reqwest::Client::new();
    let session = sign_in_with(&client, &base, "loadvoter00001", "civis-loadtest-password").await;
    let (process, _) = crate::pb::voting_process(&client, &base, &session).await;
    let (revision, approvals) = own_ballot(&client, &base, process, &session).await.unwrap();
    assert_eq!(
        revision, 4,
        "three ballots in the first run, one in the second"
    );
    assert!(!approvals.is_empty());
    server.stop();
}
