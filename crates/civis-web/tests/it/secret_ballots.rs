//! Secret ballots over the real server, on every test database: a resident
//! obtains a credential and votes (and re-votes) with sealed submissions whose
//! receipts verify against the ballot log; every bad input is refused with its
//! own problem type; roles; and nothing stored with the resident links them to
//! their token.

use civis_ballot::hpke::HpkeSecretKey;
use civis_ballot::OsRandomness;
use civis_domain::Role;
use civis_tlog::tile::decode_bundle;
use civis_tlog::{Checkpoint, Note, NoteVerifier, TileId, TileKind};
use civis_verify::record::{BallotEntry, Bytes};
use serde_json::{json, Value};

use crate::budget_api_fixture::{advance_hours, problem_slug, voting_process_with, Caller};
use crate::harness::{databases, TestApp};
use crate::secret_ballot_client::{info, obtain, submit_and_check, submit_raw, Voter};

struct World {
    app: TestApp,
    official: Caller,
    resident: Caller,
    process: i64,
    projects: [i64; 2],
}

async fn world(db: &crate::harness::TestDb) -> World {
    let app = TestApp::spawn(db).await;
    let official = Caller::new(&app, "olga", Role::Official).await;
    let resident = Caller::new(&app, "rita", Role::Resident).await;
    let (process, projects, _) = voting_process_with(&app, &official, &resident, true).await;
    World {
        app,
        official,
        resident,
        process,
        projects,
    }
}

fn election() -> civis_ballot::hpke::HpkePublicKey {
    HpkeSecretKey::generate(&mut OsRandomness)
        .unwrap()
        .public_key()
}

async fn text(app: &TestApp, path: &str) -> (u16, String) {
    let res = reqwest::get(app.url(path)).await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn a_resident_votes_secretly_and_revotes() {
    for db in databases().await {
        let w = world(&db).await;
        let (app, id) = (&w.app, w.process);
        let before = info(app, id).await;
        assert_eq!(before["credentials_issued"], 0, "{}", app.backend);
        assert!(before["log_origin"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/log/processes/{id}")));
        let voter = obtain(app, &w.resident, id).await;
        assert_eq!(info(app, id).await["credentials_issued"], 1);
        let key = election();
        let first = voter.entry(1, &json!({"approvals": [w.projects[0]]}), &key);
        assert_eq!(submit_and_check(app, &voter, &first).await, 0);
        let second = voter.entry(2, &json!({"approvals": w.projects}), &key);
        assert_eq!(submit_and_check(app, &voter, &second).await, 1);

        // The log as published: key, checkpoint, the entries in their bundle.
        let (status, key_text) = text(app, &format!("/log/processes/{id}/key")).await;
        assert_eq!(status, 200);
        assert_eq!(key_text.trim_end(), before["log_verifier_key"]);
        let verifier = NoteVerifier::parse(key_text.trim_end()).unwrap();
        let res = reqwest::get(app.url(&format!("/log/processes/{id}/checkpoint")))
            .await
            .unwrap();
        let note = Note::open(&res.bytes().await.unwrap(), &[verifier]).unwrap();
        let checkpoint = Checkpoint::parse(&note).unwrap();
        assert_eq!(checkpoint.size, 2);
        let bundle = TileId {
            kind: TileKind::Entries,
            index: 0,
            width: 2,
        };
        let res = reqwest::get(app.url(&format!("/log/processes/{id}/{}", bundle.path())))
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let entries = decode_bundle(&res.bytes().await.unwrap()).unwrap();
        assert_eq!(entries, vec![first.encode(), second.encode()]);
        let (status, proof) = Caller::anonymous(app)
            .get(
                app,
                &format!("/api/v1/processes/{id}/log/proof/consistency?old=1&new=2"),
            )
            .await;
        assert_eq!(status, 200, "{proof}");

        // One credential per resident.
        let (status, problem) = w
            .resident
            .post(
                app,
                &format!("/api/v1/processes/{id}/credential"),
                json!({"blinded_message": Bytes(vec![1; 256])}),
            )
            .await;
        assert_eq!(status, 409, "{problem}");
        assert_eq!(problem_slug(&problem), "credential-already-issued");
        assert_eq!(info(app, id).await["credentials_issued"], 1);
        // No ballot tied to the account in a secret process.
        let (status, problem) = w
            .resident
            .put(
                app,
                &format!("/api/v1/processes/{id}/ballot"),
                json!({"approvals": [w.projects[0]]}),
            )
            .await;
        assert_eq!(status, 409, "{problem}");
        assert_eq!(problem_slug(&problem), "secret-ballots-only");
        // The issuance is audited, without the message.
        let audit = app
            .store
            .list_audit(
                &civis_store::AuditFilter::default(),
                civis_store::Page::default(),
            )
            .await
            .unwrap();
        let issued: Vec<_> = audit
            .iter()
            .filter(|e| e.action == civis_domain::AuditAction::BallotCredentialIssued)
            .collect();
        assert_eq!(issued.len(), 1);
        assert_eq!(issued[0].actor.map(|a| a.0), Some(w.resident.id));
        assert!(issued[0].before.is_none() && issued[0].after.is_none());
        w.app.stop().await;
    }
}

fn corrupt(
    voter: &Voter,
    entry: &BallotEntry,
    f: impl Fn(&mut BallotEntry),
    resign: bool,
) -> Vec<u8> {
    let mut e = entry.clone();
    f(&mut e);
    if resign {
        voter.sign(&mut e);
    }
    e.encode()
}

#[tokio::test]
async fn bad_submissions_are_refused_each_with_its_code() {
    for db in databases().await {
        let w = world(&db).await;
        let (app, id) = (&w.app, w.process);
        let voter = obtain(app, &w.resident, id).await;
        let key = election();
        let good = voter.entry(1, &json!({"approvals": [w.projects[0]]}), &key);
        let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
            (
                "credential signature changed",
                corrupt(&voter, &good, |e| e.credential.signature.0[10] ^= 1, true),
                422,
                "bad-credential",
            ),
            (
                "another token under the credential",
                corrupt(&voter, &good, |e| e.credential.token.0[0] ^= 1, false),
                422,
                "bad-credential",
            ),
            (
                "ciphertext changed after signing",
                corrupt(&voter, &good, |e| e.ciphertext.0[0] ^= 1, false),
                422,
                "bad-signature",
            ),
            (
                "seq 2 first",
                corrupt(&voter, &good, |e| e.seq = 2, true),
                409,
                "seq-out-of-order",
            ),
            (
                "not an entry",
                b"{\"ballot\": 1}".to_vec(),
                422,
                "malformed-ballot-entry",
            ),
            (
                "too large",
                corrupt(&voter, &good, |e| e.ciphertext.0 = vec![0; 20_000], true),
                413,
                "ballot-entry-too-large",
            ),
        ];
        for (what, body, status, slug) in cases {
            let (got, problem) = submit_raw(app, id, body).await;
            assert_eq!(got, status, "{what}: {problem}");
            assert_eq!(problem_slug(&problem), slug, "{what}");
        }
        // A paper entry cannot be submitted online.
        let mut paper: Value = serde_json::from_slice(&good.encode()).unwrap();
        paper["cast"] = json!({"channel": "paper", "official": "x", "official_signature": ""});
        let (got, problem) = submit_raw(app, id, serde_json::to_vec(&paper).unwrap()).await;
        assert_eq!(
            (got, problem_slug(&problem)),
            (422, "malformed-ballot-entry".into())
        );
        // The good one, then its replay.
        submit_and_check(app, &voter, &good).await;
        let (got, problem) = submit_raw(app, id, good.encode()).await;
        assert_eq!(
            (got, problem_slug(&problem)),
            (409, "seq-out-of-order".into())
        );
        // After the close.
        advance_hours(app, 1);
        let late = voter.entry(2, &json!({"approvals": [w.projects[1]]}), &key);
        let (got, problem) = submit_raw(app, id, late.encode()).await;
        assert_eq!(
            (got, problem_slug(&problem)),
            (409, "wrong-phase".into()),
            "{problem}"
        );
        let (status, problem) = w
            .official
            .post(
                app,
                &format!("/api/v1/processes/{id}/credential"),
                json!({"blinded_message": Bytes(vec![1; 256])}),
            )
            .await;
        assert_eq!(status, 403, "{problem}");
        w.app.stop().await;
    }
}

#[tokio::test]
async fn credentials_by_role_and_processes_without_secret_ballots() {
    for db in databases().await {
        let w = world(&db).await;
        let (app, id) = (&w.app, w.process);
        let path = format!("/api/v1/processes/{id}/credential");
        let body = json!({"blinded_message": Bytes(vec![1; 256])});
        let (status, _) = Caller::anonymous(app).post(app, &path, body.clone()).await;
        assert_eq!(status, 401);
        let (status, p) = w.official.post(app, &path, body.clone()).await;
        assert_eq!((status, problem_slug(&p)), (403, "forbidden".into()));
        let admin = Caller::new(app, "ada", Role::Admin).await;
        let (status, _) = admin.post(app, &path, body.clone()).await;
        assert_eq!(status, 403);
        let mut no_csrf = w.resident.clone();
        no_csrf.csrf = String::new();
        let (status, p) = no_csrf.post(app, &path, body.clone()).await;
        assert_eq!((status, problem_slug(&p)), (403, "csrf".into()));
        // A message of the wrong length is refused and nothing is recorded.
        let (status, p) = w
            .resident
            .post(app, &path, json!({"blinded_message": Bytes(vec![1; 12])}))
            .await;
        assert_eq!(
            (status, problem_slug(&p)),
            (422, "bad-blinded-message".into())
        );
        assert_eq!(info(app, id).await["credentials_issued"], 0);

        // A process without secret ballots has no secret-ballot resources.
        let other = Caller::new(app, "otto", Role::Resident).await;
        let (plain, _, _) = voting_process_with(app, &w.official, &other, false).await;
        for path in [
            format!("/api/v1/processes/{plain}/secret-ballot"),
            format!("/log/processes/{plain}/checkpoint"),
            format!("/log/processes/{plain}/key"),
            format!("/api/v1/processes/{plain}/log/proof/inclusion?index=0&size=1"),
        ] {
            let (status, _) = text(app, &path).await;
            assert_eq!(status, 404, "{path}");
        }
        let (status, p) = other
            .post(app, &format!("/api/v1/processes/{plain}/credential"), body)
            .await;
        assert_eq!(status, 404, "{p}");
        let (status, _) = submit_raw(app, plain, b"{}".to_vec()).await;
        assert_eq!(status, 404);
        w.app.stop().await;
    }
}
