//! The whole secret-ballot ceremony through the real server, on every test
//! database: an official names three trustees (2 of 3), each submits a key and a
//! dealing made as `civis trustee` makes them, the election key appears; voting
//! cannot start without one; residents vote and re-vote with sealed ballots;
//! after the close two trustees reveal their shares (a wrong one is refused),
//! the server counts and publishes the results and the record, which is fetched
//! over HTTP and checked with `civis_verify`. Every bad input is refused with its
//! problem and stores nothing.

use civis_ballot::hpke::HpkePublicKey;
use civis_domain::{AuditAction, Role};
use civis_verify::record::Bytes;
use serde_json::{json, Value};

use crate::budget_api_fixture::{
    advance_hours, error_fields, problem_slug, process_in_review, settings, Caller,
};
use crate::harness::{databases, TestApp};
use crate::secret_ballot_client::{info, obtain, submit_and_check};
use crate::trustee_ceremony::{self as ceremony, list, username};

fn election_key(info: &Value) -> HpkePublicKey {
    let bytes: Bytes = serde_json::from_value(info["election_public_key"].clone()).unwrap();
    HpkePublicKey::from_bytes(&bytes.0).unwrap()
}

async fn post(app: &TestApp, who: &Caller, path: String, body: Value) -> (u16, Value) {
    who.post(app, &path, body).await
}

async fn actions(app: &TestApp) -> Vec<AuditAction> {
    app.store
        .list_audit(
            &civis_store::AuditFilter::default(),
            civis_store::Page::first(civis_store::Page::MAX_LIMIT),
        )
        .await
        .unwrap()
        .iter()
        .map(|e| e.action)
        .collect()
}

#[tokio::test]
async fn trustees_make_the_key_and_open_the_ballots_after_the_close() {
    for db in databases().await {
        let spawned = TestApp::spawn(&db).await;
        let app = &spawned;
        let official = Caller::new(app, "olga", Role::Official).await;
        let tina = Caller::new(app, "tina", Role::Official).await;
        let tomas = Caller::new(app, "tomas", Role::Official).await;
        let tess = Caller::new(app, "tess", Role::Official).await;
        let otto = Caller::new(app, "otto", Role::Official).await;
        let rita = Caller::new(app, "rita", Role::Resident).await;
        let rui = Caller::new(app, "rui", Role::Resident).await;
        let ramon = Caller::new(app, "ramon", Role::Resident).await;
        // A second secret process on the same schedule that never gets trustees.
        let mut body = settings(
            app,
            json!({"type": "approval", "min": 1, "max": 2}),
            json!({}),
        );
        body["rules"]["secret_ballots"] = json!(true);
        let (status, p) = official.post(app, "/api/v1/processes", body).await;
        assert_eq!(status, 201, "{p}");
        let keyless = p["id"].as_i64().unwrap();
        let (id, projects, _) = process_in_review(app, &official, &rita, true).await;
        let trustees = [&tina, &tomas, &tess];
        let url = |p: &str| format!("/api/v1/processes/{id}/{p}");

        // Before: no trustees, no key.
        assert!(info(app, id).await["election_public_key"].is_null());
        let (doc, _) = list(app, id).await;
        assert_eq!(doc["size"], 0, "{doc}");

        // Naming: bad names and thresholds are refused next to their field.
        let (status, p) = official
            .put(
                app,
                &url("trustees"),
                json!({"threshold": 1, "trustees": ["nobody"]}),
            )
            .await;
        assert_eq!(status, 422, "{p}");
        assert_eq!(error_fields(&p), ["trustees"]);
        let (status, p) = official
            .put(
                app,
                &url("trustees"),
                json!({"threshold": 1, "trustees": ["rita"]}),
            )
            .await;
        assert_eq!(status, 422, "{p} (a resident cannot be a trustee)");
        let (status, p) = official
            .put(
                app,
                &url("trustees"),
                json!({"threshold": 4, "trustees": ["tina", "tomas", "tess"]}),
            )
            .await;
        assert_eq!(status, 422, "{p}");
        assert_eq!(error_fields(&p), ["threshold"]);
        let (status, _) = rita
            .put(
                app,
                &url("trustees"),
                json!({"threshold": 1, "trustees": ["tina"]}),
            )
            .await;
        assert_eq!(status, 403);
        assert_eq!(list(app, id).await.0["size"], 0);
        ceremony::name(app, &official, id, 2, &trustees).await;
        let (doc, _) = list(app, id).await;
        assert_eq!(
            (doc["threshold"].clone(), doc["size"].clone()),
            (json!(2), json!(3))
        );
        assert_eq!(doc["trustees"][1]["username"], username(app, &tomas).await);

        // Keys: only trustees, only keys.
        let (status, p) = post(
            app,
            &tina,
            url("trustee/public-key"),
            json!({"public_key": "AAAA"}),
        )
        .await;
        assert_eq!(
            (status, problem_slug(&p)),
            (422, "bad-trustee-key".into()),
            "{p}"
        );
        let (status, _) = post(
            app,
            &otto,
            url("trustee/public-key"),
            json!({"public_key": "AAAA"}),
        )
        .await;
        assert_eq!(status, 403);
        let keys = ceremony::submit_keys(app, id, &[&tina, &tomas]).await;
        // Dealing before every key is in.
        let (status, p) = post(
            app,
            &tina,
            url("trustee/dealing"),
            json!({"dealing": "AAAA"}),
        )
        .await;
        assert_eq!(
            (status, problem_slug(&p)),
            (409, "trustee-keys-missing".into()),
            "{p}"
        );
        let mut keys = keys;
        keys.extend(ceremony::submit_keys(app, id, &[&tess]).await);
        let (status, p) = post(
            app,
            &tina,
            url("trustee/public-key"),
            json!({"public_key": keys[0].public_key}),
        )
        .await;
        assert_eq!(
            (status, problem_slug(&p)),
            (409, "already-handed-in".into()),
            "{p}"
        );
        // The trustees are locked once a key is in.
        let (status, p) = official
            .put(
                app,
                &url("trustees"),
                json!({"threshold": 1, "trustees": ["tina"]}),
            )
            .await;
        assert_eq!(
            (status, problem_slug(&p)),
            (409, "trustees-locked".into()),
            "{p}"
        );

        // Bad dealings store nothing.
        let (status, p) = post(
            app,
            &tina,
            url("trustee/dealing"),
            json!({"dealing": Bytes(vec![1, 2, 3])}),
        )
        .await;
        assert_eq!(
            (status, problem_slug(&p)),
            (422, "bad-dealing".into()),
            "{p}"
        );
        let tomas_dealing = ceremony::dealing(app, id, &keys[1]).await;
        let (status, p) = post(
            app,
            &tina,
            url("trustee/dealing"),
            json!({"dealing": Bytes(tomas_dealing)}),
        )
        .await;
        assert_eq!(
            (status, problem_slug(&p)),
            (422, "wrong-dealer".into()),
            "{p}"
        );
        assert!(list(app, id).await.0["trustees"][0]["dealing"].is_null());
        ceremony::deal_all(app, id, &trustees, &keys).await;
        let (doc, _) = list(app, id).await;
        let sb = info(app, id).await;
        assert_eq!(
            sb["election_public_key"], doc["election_public_key"],
            "{sb}"
        );
        assert_eq!(
            doc["trustees"][2]["commitments"].as_array().unwrap().len(),
            2
        );
        let key = election_key(&sb);

        // Voting: the process without an election key refuses credentials.
        advance_hours(app, 1);
        let (status, p) = rita
            .post(
                app,
                &format!("/api/v1/processes/{keyless}/credential"),
                json!({"blinded_message": Bytes(vec![1; 256])}),
            )
            .await;
        assert_eq!(
            (status, problem_slug(&p)),
            (409, "no-election-key".into()),
            "{p}"
        );
        let (status, p) = post(
            app,
            &tina,
            url("trustee/share"),
            json!({"share": Bytes(vec![1; 32])}),
        )
        .await;
        assert_eq!(
            (status, problem_slug(&p)),
            (409, "voting-not-closed".into()),
            "{p}"
        );

        let a = obtain(app, &rita, id).await;
        submit_and_check(
            app,
            &a,
            &a.entry(
                1,
                &json!({"type": "approval", "choices": [projects[0]]}),
                &key,
            ),
        )
        .await;
        submit_and_check(
            app,
            &a,
            &a.entry(2, &json!({"type": "approval", "choices": projects}), &key),
        )
        .await;
        let b = obtain(app, &rui, id).await;
        submit_and_check(
            app,
            &b,
            &b.entry(
                1,
                &json!({"type": "approval", "choices": [projects[1]]}),
                &key,
            ),
        )
        .await;
        let c = obtain(app, &ramon, id).await;
        // Sealed ballots hold civis-budget's BallotContent; this one is invalid under
        // the rules (at least one approval): spoiled at the close.
        submit_and_check(
            app,
            &c,
            &c.entry(1, &json!({"type": "approval", "choices": []}), &key),
        )
        .await;

        // The close: shares, one wrong, are checked; two open the ballots.
        advance_hours(app, 1);
        let shares: Vec<[u8; 32]> = {
            let mut out = Vec::new();
            for k in &keys {
                out.push(ceremony::share(app, id, k).await);
            }
            out
        };
        let (status, p) = post(
            app,
            &tina,
            url("trustee/share"),
            json!({"share": Bytes(shares[1].to_vec())}),
        )
        .await;
        assert_eq!((status, problem_slug(&p)), (422, "bad-share".into()), "{p}");
        assert_eq!(
            list(app, id).await.0["trustees"][0]["share_revealed"],
            false
        );
        let (status, p) = post(
            app,
            &tina,
            url("trustee/share"),
            json!({"share": Bytes(shares[0].to_vec())}),
        )
        .await;
        assert_eq!(status, 200, "{p}");
        let record = |f: &str| app.url(&format!("/log/processes/{id}/record/{f}"));
        assert_eq!(
            reqwest::get(record("record.json")).await.unwrap().status(),
            404
        );
        let (status, p) = post(
            app,
            &tess,
            url("trustee/share"),
            json!({"share": Bytes(shares[2].to_vec())}),
        )
        .await;
        assert_eq!(status, 200, "{p}");
        assert_eq!(
            reqwest::get(record("record.json")).await.unwrap().status(),
            200
        );
        let (status, p) = post(
            app,
            &tomas,
            url("trustee/share"),
            json!({"share": Bytes(shares[1].to_vec())}),
        )
        .await;
        assert_eq!(status, 200, "{p} (a late share is still taken)");

        // The record, fetched over HTTP, verifies.
        let dir = tempfile::tempdir().unwrap();
        civis_verify::fetch::fetch_record(&record(""), dir.path())
            .await
            .unwrap();
        let report = civis_verify::verify_record(dir.path());
        assert!(report.holds(), "{}", report.render());

        // The results: Benches (two voters) funded, Trees does not fit after.
        let (status, results) = Caller::anonymous(app).get(app, &url("results")).await;
        assert_eq!(status, 200, "{results}");
        let outcome: Value = reqwest::get(record("outcome.json"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(outcome["counted"], 3, "{outcome}");
        assert_eq!(outcome["spoiled"].as_array().unwrap().len(), 1, "{outcome}");
        assert_eq!(
            outcome["results"]["units"][0]["selected"],
            json!([projects[1]]),
            "{outcome}"
        );

        // Every step is audited.
        let seen = actions(app).await;
        let count = |a: AuditAction| seen.iter().filter(|x| **x == a).count();
        assert_eq!(count(AuditAction::BallotTrusteesSet), 1);
        assert_eq!(count(AuditAction::BallotTrusteeKeySubmitted), 3);
        assert_eq!(count(AuditAction::BallotDealingSubmitted), 3);
        assert_eq!(count(AuditAction::BallotElectionKeyMade), 1);
        assert_eq!(count(AuditAction::BallotShareRevealed), 3);
        assert_eq!(count(AuditAction::BallotRecordPublished), 1);
        spawned.stop().await;
    }
}

async fn page(app: &TestApp, who: &Caller, path: &str) -> (u16, String) {
    let r = who
        .client
        .get(app.url(path))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn hand_in(app: &TestApp, who: &Caller, id: i64, step: &str, text: &str) -> (u16, String) {
    let (ct, body) = crate::register_support::multipart(
        &[
            ("csrf_token", who.csrf.as_str()),
            ("step", step),
            ("text", text),
        ],
        "",
    );
    let r = who
        .client
        .post(app.url(&format!("/processes/{id}/trustee")))
        .header("accept-language", "en")
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn the_trustee_page_takes_a_key_without_javascript() {
    for db in databases().await {
        let spawned = TestApp::spawn(&db).await;
        let app = &spawned;
        let official = Caller::new(app, "olga", Role::Official).await;
        let tina = Caller::new(app, "tina", Role::Official).await;
        let otto = Caller::new(app, "otto", Role::Official).await;
        let rita = Caller::new(app, "rita", Role::Resident).await;
        let (id, _, _) = process_in_review(app, &official, &rita, true).await;
        ceremony::name(app, &official, id, 1, &[&tina]).await;

        // The settings form shows the box and the trustees.
        let (status, html) = page(app, &official, &format!("/processes/{id}/edit")).await;
        assert_eq!(status, 200);
        assert!(html.contains("name=\"secret_ballots\" value=\"on\" aria-describedby=\"secret_ballots-hint\" checked"), "{html}");
        assert!(html.contains(">tina</textarea>"), "{html}");

        let path = format!("/processes/{id}/trustee");
        assert_eq!(page(app, &otto, &path).await.0, 403);
        let (status, html) = page(app, &tina, &path).await;
        assert_eq!(status, 200);
        assert!(html.contains("enctype=\"multipart/form-data\""), "{html}");
        assert!(html.contains("name=\"step\" value=\"key\""), "{html}");

        let (status, html) = hand_in(app, &tina, id, "key", "not base64!").await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"text-error\""), "{html}");
        let (status, html) = hand_in(app, &tina, id, "key", "AAAA").await;
        assert_eq!(status, 422);
        assert!(html.contains("This is not a trustee public key"), "{html}");
        assert!(list(app, id).await.0["trustees"][0]["public_key"].is_null());

        let key = civis_verify::trustee::keygen(&mut civis_ballot::OsRandomness).unwrap();
        let text = serde_json::to_value(&key.public_key).unwrap();
        let (status, _) = hand_in(app, &tina, id, "key", text.as_str().unwrap()).await;
        assert_eq!(status, 303);
        let (_, html) = page(app, &tina, &format!("{path}?saved=1")).await;
        assert!(html.contains("name=\"step\" value=\"dealing\""), "{html}");
        // Spanish and Estonian pages.
        for (lang, word) in [("es", "Custodio"), ("et", "Usaldusisik")] {
            let r = tina
                .client
                .get(app.url(&path))
                .header("accept-language", lang)
                .send()
                .await
                .unwrap();
            assert!(r.text().await.unwrap().contains(word), "{lang}");
        }
        spawned.stop().await;
    }
}
