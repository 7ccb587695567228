//! Sealed submissions arriving together, on every test database (the process's
//! appender takes those that wait as one batch, one transaction): each is
//! answered after its commit with a receipt that verifies; a submission sent twice at once is taken once;
//! the log holds each accepted entry exactly once.

use civis_domain::Role;
use civis_tlog::hash::leaf_hash;
use serde_json::json;

use crate::budget_api_fixture::{problem_slug, voting_process_with, Caller};
use crate::harness::{databases, TestApp};
use crate::secret_ballot_client::{info, obtain, submit_and_check, submit_raw};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn submissions_at_once_are_each_appended_once_with_their_receipts() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "olga", Role::Official).await;
        let author = Caller::new(&app, "rita", Role::Resident).await;
        let (id, projects, _) = voting_process_with(&app, &official, &author, true).await;
        let sb = info(&app, id).await;
        let bytes: civis_verify::record::Bytes =
            serde_json::from_value(sb["election_public_key"].clone()).unwrap();
        let key = civis_ballot::hpke::HpkePublicKey::from_bytes(&bytes.0).unwrap();
        let mut voters = Vec::new();
        for i in 0..12 {
            let who = Caller::new(&app, &format!("voter{i:02}"), Role::Resident).await;
            voters.push(obtain(&app, &who, id).await);
        }
        let ballot = json!({"type": "approval", "choices": [projects[0]]});
        let app = std::sync::Arc::new(app);

        // Everyone's first ballot at once; each receipt verifies.
        let mut tasks = Vec::new();
        for v in &voters {
            let entry = v.entry(1, &ballot, &key);
            let (app, v) = (app.clone(), v.clone());
            tasks.push(tokio::spawn(async move {
                submit_and_check(&app, &v, &entry).await
            }));
        }
        let mut indexes = Vec::new();
        for t in tasks {
            indexes.push(t.await.unwrap());
        }
        indexes.sort_unstable();
        assert_eq!(indexes, (0..12).collect::<Vec<u64>>(), "{}", app.backend);

        // Each re-vote sent twice at once: one is taken, the other refused.
        let mut tasks = Vec::new();
        let mut sent = Vec::new();
        for v in &voters {
            let body = v.entry(2, &ballot, &key).encode();
            sent.push(body.clone());
            for _ in 0..2 {
                let (app, body) = (app.clone(), body.clone());
                tasks.push(tokio::spawn(
                    async move { submit_raw(&app, id, body).await },
                ));
            }
        }
        let mut taken = 0;
        for t in tasks {
            let (status, v) = t.await.unwrap();
            match status {
                201 => taken += 1,
                409 => assert_eq!(problem_slug(&v), "seq-out-of-order"),
                other => panic!("{other}: {v}"),
            }
        }
        assert_eq!(taken, 12, "{}", app.backend);

        // The log: 24 entries, each re-vote once.
        let (status, proof) = Caller::anonymous(&app)
            .get(
                &app,
                &format!("/api/v1/processes/{id}/log/proof/inclusion?index=23&size=24"),
            )
            .await;
        assert_eq!(status, 200, "{proof}");
        let entries = app
            .store
            .tlog_entries(
                &civis_store::process_log(civis_budget::ProcessId(id)),
                0,
                100,
            )
            .await
            .unwrap();
        assert_eq!(entries.len(), 24);
        for body in &sent {
            let entry = civis_verify::record::BallotEntry::parse(body)
                .unwrap()
                .encode();
            let n = entries
                .iter()
                .filter(|e| leaf_hash(e) == leaf_hash(&entry))
                .count();
            assert_eq!(n, 1);
        }
        match std::sync::Arc::try_unwrap(app) {
            Ok(app) => app.stop().await,
            Err(_) => panic!("the app is still shared"),
        }
    }
}
