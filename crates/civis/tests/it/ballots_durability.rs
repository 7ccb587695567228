//! Every ballot the server acknowledged survives SIGKILL: residents vote through the
//! API of `civis serve` on a fresh SQLite file, the server is killed mid-load and
//! restarted, and each acknowledged ballot is there with its revision or the next one
//! (the one in flight at the kill), and nothing is half-written.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::pb::{cast, own_ballot, seed_demo, serve, sign_in, voting_process};

const VOTERS: usize = 16;

/// What one voter sent: the last acknowledged attempt (number, revision) and the attempt
/// in flight when the server died.
#[derive(Debug, Default)]
struct Log {
    acked: Option<(usize, u64)>,
    in_flight: Option<usize>,
}

/// The ballot of a voter's `attempt`-th try: one project, different each time.
fn ballot(projects: &[i64], voter: usize, attempt: usize) -> Vec<i64> {
    vec![projects[(voter + attempt) % projects.len()]]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_ballots_survive_sigkill_of_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("civis.sqlite3");
    let db = format!("sqlite://{}", file.display());
    seed_demo(&db, VOTERS as u32, dir.path());

    let mut server = serve(&db);
    let base = server.url("");
    let client = reqwest::Client::new();
    let mut sessions = vec![];
    for i in 1..=VOTERS {
        sessions.push(sign_in(&client, &base, &format!("resident{i:03}")).await);
    }
    let (process, projects) = voting_process(&client, &base, &sessions[0]).await;
    assert!(projects.len() > 1);
    let projects = Arc::new(projects);

    let acked = Arc::new(AtomicU64::new(0));
    let mut voters = vec![];
    for (v, session) in sessions.iter().cloned().enumerate() {
        let (client, base, projects, acked) = (
            client.clone(),
            base.clone(),
            projects.clone(),
            acked.clone(),
        );
        voters.push(tokio::spawn(async move {
            let mut log = Log::default();
            for attempt in 1.. {
                log.in_flight = Some(attempt);
                match cast(
                    &client,
                    &base,
                    process,
                    &session,
                    &ballot(&projects, v, attempt),
                )
                .await
                {
                    Ok(revision) => {
                        assert_eq!(revision, attempt as u64, "one writer per voter");
                        log.acked = Some((attempt, revision));
                        log.in_flight = None;
                        acked.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(None) => break,
                    Err(Some(status)) => panic!("ballot refused with {status}"),
                }
            }
            log
        }));
    }
    // Let the load run, then kill the server without warning.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while acked.load(Ordering::Relaxed) < 300 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    let mut logs = vec![];
    for v in voters {
        logs.push(v.await.unwrap());
    }
    let total: usize = logs.iter().filter_map(|l| l.acked).map(|(a, _)| a).sum();
    assert!(
        total >= 100,
        "only {total} ballots acknowledged before the kill"
    );

    let server = serve(&db);
    let base = server.url("");
    let mut with_ballot = 0;
    let mut in_flight_kept = 0;
    for (v, (log, session)) in logs.iter().zip(&sessions).enumerate() {
        let stored = own_ballot(&client, &base, process, session).await;
        with_ballot += usize::from(stored.is_some());
        in_flight_kept += usize::from(stored.as_ref().map(|(r, _)| *r) > log.acked.map(|(_, r)| r));
        check(v, log, stored, &projects);
    }
    assert_eq!(with_ballot, VOTERS);
    eprintln!(
        "{total} ballots acknowledged before SIGKILL, all kept; \
         {in_flight_kept} of the requests in flight were stored too"
    );
    server.stop();
    check_database(&db, process, VOTERS).await;
}

/// The stored ballot is the last acknowledged one, or the one in flight at the kill.
fn check(v: usize, log: &Log, stored: Option<(u64, Vec<i64>)>, projects: &[i64]) {
    let Some((revision, approvals)) = stored else {
        assert!(log.acked.is_none(), "voter {v}: acknowledged ballot lost");
        return;
    };
    let last = log.acked.map_or(0, |(_, r)| r);
    if revision == last {
        let (attempt, _) = log.acked.unwrap();
        assert_eq!(
            approvals,
            ballot(projects, v, attempt),
            "voter {v}: content"
        );
    } else {
        assert_eq!(
            revision,
            last + 1,
            "voter {v}: revision {revision} after {last}"
        );
        let attempt = log
            .in_flight
            .expect("a newer revision needs a request in flight");
        assert_eq!(
            approvals,
            ballot(projects, v, attempt),
            "voter {v}: in-flight content"
        );
    }
}

/// The file passes SQLite's integrity check and holds one readable ballot per voter.
async fn check_database(db: &str, process: i64, voters: usize) {
    use sqlx::Connection as _;
    let mut conn = sqlx::SqliteConnection::connect(db).await.unwrap();
    let (integrity,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT voter_id, content_json, revision FROM pb_ballots WHERE process_id = ?",
    )
    .bind(process)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(rows.len(), voters);
    for (voter, content, revision) in rows {
        assert!(revision >= 1, "voter {voter}");
        serde_json::from_str::<serde_json::Value>(&content)
            .unwrap_or_else(|e| panic!("voter {voter}: unreadable ballot {content:?}: {e}"));
    }
}
