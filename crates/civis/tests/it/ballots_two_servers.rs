//! One ballot per resident per process even when the resident submits to two
//! `civis serve` processes on one PostgreSQL database at the same time: every
//! acknowledgement has its own revision, and the ballot kept is the one acknowledged
//! with the highest revision.

use std::collections::BTreeSet;

use crate::pb::{cast, own_ballot, seed_demo, serve, sign_in, voting_process};
use crate::shared_sessions::{drop_database, fresh_database};

const VOTERS: usize = 8;
const ROUNDS: usize = 15;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_ballots_on_two_servers_keep_one_ballot_the_last_acknowledged() {
    let Ok(base_url) = std::env::var("CIVIS_TEST_DATABASE_URL") else {
        eprintln!("skipped: set CIVIS_TEST_DATABASE_URL to a PostgreSQL URL to run this test");
        return;
    };
    let db = fresh_database(&base_url, "civis_ballots_test").await;
    let dir = tempfile::tempdir().unwrap();
    seed_demo(&db, VOTERS as u32, dir.path());
    let a = serve(&db);
    let b = serve(&db);
    let (url_a, url_b) = (a.url(""), b.url(""));
    let client = reqwest::Client::new();
    let mut sessions = vec![];
    for i in 1..=VOTERS {
        sessions.push(sign_in(&client, &url_a, &format!("resident{i:03}")).await);
    }
    let (process, projects) = voting_process(&client, &url_a, &sessions[0]).await;
    assert!(projects.len() >= 2);

    let mut voters = vec![];
    for (v, session) in sessions.iter().cloned().enumerate() {
        let (client, url_a, url_b, projects) = (
            client.clone(),
            url_a.clone(),
            url_b.clone(),
            projects.clone(),
        );
        voters.push(tokio::spawn(async move {
            // (revision, approvals) of every acknowledged ballot.
            let mut acks = vec![];
            for round in 0..ROUNDS {
                let on_a = vec![projects[(v + round) % projects.len()]];
                let on_b = vec![projects[(v + round + 1) % projects.len()]];
                let (ra, rb) = tokio::join!(
                    cast(&client, &url_a, process, &session, &on_a),
                    cast(&client, &url_b, process, &session, &on_b),
                );
                acks.push((ra.expect("server A refused a valid ballot"), on_a));
                acks.push((rb.expect("server B refused a valid ballot"), on_b));
            }
            acks
        }));
    }
    for (v, task) in voters.into_iter().enumerate() {
        let acks = task.await.unwrap();
        let revisions: BTreeSet<u64> = acks.iter().map(|(r, _)| *r).collect();
        assert_eq!(
            revisions.len(),
            acks.len(),
            "voter {v}: two acknowledgements share a revision"
        );
        assert_eq!(
            revisions.iter().copied().collect::<Vec<_>>(),
            (1..=(2 * ROUNDS) as u64).collect::<Vec<_>>(),
            "voter {v}: every replacement counted once"
        );
        let (last_revision, last_ballot) = acks.iter().max_by_key(|(r, _)| *r).unwrap().clone();
        for url in [&url_a, &url_b] {
            let stored = own_ballot(&client, url, process, &sessions[v]).await;
            assert_eq!(
                stored,
                Some((last_revision, last_ballot.clone())),
                "voter {v}"
            );
        }
    }
    a.stop();
    b.stop();

    use sqlx::Connection as _;
    let mut conn = sqlx::PgConnection::connect(&db).await.unwrap();
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT voter_id, COUNT(*) FROM pb_ballots WHERE process_id = $1 GROUP BY voter_id",
    )
    .bind(process)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(rows.len(), VOTERS);
    assert!(rows.iter().all(|(_, n)| *n == 1), "{rows:?}");
    drop(conn);
    drop_database(&base_url, &db).await;
}
