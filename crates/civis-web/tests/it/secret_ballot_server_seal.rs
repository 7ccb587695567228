//! The secret-ballot form without JavaScript, on every test database: the vote
//! page posts (multipart) and the server seals and casts for the resident, hands
//! them the voting key as a `data:` link and takes it back for a re-vote; a
//! second cast without the key, a file that is not a key, another process's key
//! and a ballot that breaks the rules are refused next to the field with nothing
//! cast; after the close the record verifies and counts the last ballot.
//! Officials enter paper ballots the same way: under a new credential for a
//! resident who has none, under the resident's key file otherwise (replacing their
//! online ballots), refused without it; the record lists the official's key.

use civis_domain::Role;
use serde_json::{json, Value};

use crate::budget_api_fixture::{advance_hours, process_in_review, Caller};
use crate::harness::{databases, TestApp};
use crate::secret_ballot_client::info;

const BOUNDARY: &str = "civisVoteBoundary3xQ";

/// The vote form's body: the CSRF token, `action=cast`, the approved projects and
/// the voting key file (empty when `None`, as a browser sends an empty file field);
/// `resident` for a paper ballot.
fn form(csrf: &str, approve: &[i64], key: Option<&[u8]>) -> Vec<u8> {
    paper_form(csrf, None, approve, key)
}

fn paper_form(csrf: &str, resident: Option<&str>, approve: &[i64], key: Option<&[u8]>) -> Vec<u8> {
    let mut body = Vec::new();
    let mut text = |name: &str, value: &str| {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    };
    text("csrf_token", csrf);
    if let Some(r) = resident {
        text("resident", r);
    }
    for id in approve {
        text("approve", &id.to_string());
    }
    text("action", "cast");
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"voting_key\"; filename=\"{}\"\r\nContent-Type: application/json\r\n\r\n",
            if key.is_some() { "key.json" } else { "" }
        )
        .as_bytes(),
    );
    body.extend_from_slice(key.unwrap_or_default());
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub async fn cast(
    app: &TestApp,
    who: &Caller,
    process: i64,
    approve: &[i64],
    key: Option<&[u8]>,
) -> (u16, String, Option<String>) {
    let res = who
        .client
        .post(app.url(&format!("/processes/{process}/vote")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(form(&who.csrf, approve, key))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let cache = res
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, res.text().await.unwrap(), cache)
}

/// The text of the element that carries `attr` (`<dd data-server-seq>1</dd>`).
fn marked(page: &str, attr: &str) -> String {
    let at = page
        .find(attr)
        .unwrap_or_else(|| panic!("{attr} in {page}"));
    let rest = &page[at..];
    let start = rest.find('>').unwrap() + 1;
    let end = rest.find('<').unwrap();
    rest[start..end].to_owned()
}

/// The voting key file the page offers as a `data:` link.
pub fn key_of(page: &str) -> Vec<u8> {
    let at = page.find("data:application/json;base64,").unwrap();
    let rest = &page[at + "data:application/json;base64,".len()..];
    let b64 = &rest[..rest.find('"').unwrap()];
    let bytes: civis_verify::record::Bytes =
        serde_json::from_value(Value::String(b64.to_owned())).unwrap();
    bytes.0
}

pub async fn log_size(app: &TestApp, process: i64) -> u64 {
    let note = reqwest::get(app.url(&format!("/log/processes/{process}/checkpoint")))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    note.lines().nth(1).unwrap().parse().unwrap()
}

/// Moves past the close, has the one trustee (`official`, holding `key`) reveal
/// their share, fetches the published record and checks that it verifies.
async fn close_and_verify(
    app: &TestApp,
    official: &Caller,
    id: i64,
    key: &civis_verify::trustee::TrusteeKeyFile,
) -> tempfile::TempDir {
    advance_hours(app, 1);
    let share = crate::trustee_ceremony::share(app, id, key).await;
    let (status, p) = official
        .post(
            app,
            &format!("/api/v1/processes/{id}/trustee/share"),
            json!({"share": civis_verify::record::Bytes(share.to_vec())}),
        )
        .await;
    assert_eq!(status, 200, "{p}");
    let dir = tempfile::tempdir().unwrap();
    civis_verify::fetch::fetch_record(
        &app.url(&format!("/log/processes/{id}/record/")),
        dir.path(),
    )
    .await
    .unwrap();
    let report = civis_verify::verify_record(dir.path());
    assert!(report.holds(), "{}", report.render());
    dir
}

/// A JSON file of a fetched record.
fn json_file(dir: &tempfile::TempDir, name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(dir.path().join(name)).unwrap()).unwrap()
}

#[tokio::test]
async fn without_javascript_the_server_seals_and_the_key_comes_back() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "olga", Role::Official).await;
        let rita = Caller::new(&app, "rita", Role::Resident).await;
        let (id, projects, _) = process_in_review(&app, &official, &rita, true).await;
        // The official is the one trustee (k = 1).
        let keys = crate::trustee_ceremony::ceremony(&app, &official, id, 1, &[&official]).await;
        advance_hours(&app, 1);

        // The page is a form that posts with the key field, and says what weakens.
        let res = rita
            .client
            .get(app.url(&format!("/processes/{id}/vote")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{:?}", res.headers().get("location"));
        let page = res.text().await.unwrap();
        assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");
        assert!(page.contains("name=\"voting_key\""), "{page}");
        assert!(
            page.contains("the server sees your choices and which anonymous credential is yours"),
            "{page}"
        );

        // First cast: a credential is issued and the key is handed over, not kept.
        let (status, page, cache) = cast(&app, &rita, id, &[projects[0]], None).await;
        assert_eq!(status, 200, "{}: {page}", app.backend);
        assert_eq!(cache.as_deref(), Some("no-store"));
        assert_eq!(marked(&page, "data-server-seq"), "1");
        let first_index: u64 = marked(&page, "data-server-index").parse().unwrap();
        let key = key_of(&page);
        let file: Value = serde_json::from_slice(&key).unwrap();
        assert_eq!(file["format"], "civis-voting-key/1");
        assert_eq!(
            (file["process"].clone(), file["seq"].clone()),
            (json!(id), json!(1))
        );
        assert_eq!(info(&app, id).await["credentials_issued"], 1);
        assert_eq!(log_size(&app, id).await, 1);

        // Without the key, or with something else, nothing is cast.
        let (status, page, _) = cast(&app, &rita, id, &[projects[1]], None).await;
        assert_eq!(status, 409, "{page}");
        assert!(page.contains("id=\"voting_key-error\""), "{page}");
        assert!(page.contains("already have a voting key"), "{page}");
        let (status, page, _) = cast(&app, &rita, id, &[projects[1]], Some(b"not a key")).await;
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("not a voting key for this process"), "{page}");
        let mut other = file.clone();
        other["process"] = json!(id + 1000);
        let other = serde_json::to_vec(&other).unwrap();
        let (status, page, _) = cast(&app, &rita, id, &[projects[1]], Some(&other)).await;
        assert_eq!(status, 422, "{page}");
        // Approval of 1 or 2 projects: none is a ballot the rules refuse.
        let (status, page, _) = cast(&app, &rita, id, &[], Some(&key)).await;
        assert_eq!(status, 422, "{page}");
        assert_eq!(log_size(&app, id).await, 1, "nothing cast by the refusals");
        assert_eq!(info(&app, id).await["credentials_issued"], 1);

        // With the key: the next submission under the same credential.
        let (status, page, _) = cast(&app, &rita, id, &projects, Some(&key)).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(marked(&page, "data-server-seq"), "2");
        let second_index: u64 = marked(&page, "data-server-index").parse().unwrap();
        assert_eq!((first_index, second_index), (0, 1));
        let kept: Value = serde_json::from_slice(&key_of(&page)).unwrap();
        assert_eq!(
            (kept["seq"].clone(), kept["token"].clone()),
            (json!(2), file["token"].clone())
        );

        // Another resident's first cast gets their own credential.
        let ines = Caller::new(&app, "ines", Role::Resident).await;
        let (status, page, _) = cast(&app, &ines, id, &[projects[1]], None).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(info(&app, id).await["credentials_issued"], 2);

        // The close: the official (the one trustee) reveals; the record verifies
        // and counts rita's last ballot (both projects) and ines's.
        let dir = close_and_verify(&app, &official, id, &keys[0]).await;
        let outcome = json_file(&dir, "outcome.json");
        assert_eq!(outcome["counted"], 2, "{outcome}");
        assert_eq!(outcome["spoiled"], json!([]), "{outcome}");
        app.stop().await;
    }
}

/// Posts the paper-ballot form for `resident`; returns the status and the page
/// (or the redirect's target).
pub async fn paper(
    app: &TestApp,
    official: &Caller,
    process: i64,
    resident: &str,
    approve: &[i64],
    key: Option<&[u8]>,
) -> (u16, String) {
    let res = official
        .client
        .post(app.url(&format!("/processes/{process}/paper-ballot")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(paper_form(&official.csrf, Some(resident), approve, key))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned());
    let text = res.text().await.unwrap();
    (status, location.unwrap_or(text))
}

#[tokio::test]
async fn officials_enter_paper_ballots_under_credentials() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "olga", Role::Official).await;
        let rita = Caller::new(&app, "rita", Role::Resident).await;
        let ines = Caller::new(&app, "ines", Role::Resident).await;
        let (id, projects, _) = process_in_review(&app, &official, &rita, true).await;
        let keys = crate::trustee_ceremony::ceremony(&app, &official, id, 1, &[&official]).await;
        advance_hours(&app, 1);

        // The paper form of a secret process takes the resident's key file.
        let res = official
            .client
            .get(app.url(&format!("/processes/{id}/paper-ballot?resident=rita")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");
        assert!(page.contains("name=\"voting_key\""), "{page}");
        assert!(
            page.contains("the published record shows that you entered a paper ballot"),
            "{page}"
        );

        // rita votes online first (the server seals, she keeps the key).
        let (status, page, _) = cast(&app, &rita, id, &[projects[0]], None).await;
        assert_eq!(status, 200, "{page}");
        let key = key_of(&page);

        // ines never voted: her paper ballot gets a new credential; she gets none online after.
        let (status, to) = paper(&app, &official, id, "ines", &[projects[1]], None).await;
        assert_eq!(
            (status, to.as_str()),
            (
                303,
                format!("/processes/{id}/paper-ballot?entered=ines").as_str()
            ),
            "{}",
            app.backend
        );
        assert_eq!(info(&app, id).await["credentials_issued"], 2);
        let (status, page, _) = cast(&app, &ines, id, &[projects[0]], None).await;
        assert_eq!(status, 409, "{page}");

        // rita without her key: refused next to the field, nothing cast.
        let (status, page) = paper(&app, &official, id, "rita", &projects, None).await;
        assert_eq!(status, 409, "{page}");
        assert!(page.contains("id=\"voting_key-error\""), "{page}");
        assert!(
            page.contains("cannot tell which credential is theirs"),
            "{page}"
        );
        let (status, page) = paper(&app, &official, id, "rita", &projects, Some(b"{}")).await;
        assert_eq!(status, 422, "{page}");
        assert_eq!(log_size(&app, id).await, 2);

        // With it: the paper ballot goes under her credential, after her online one.
        let (status, _) = paper(&app, &official, id, "rita", &projects, Some(&key)).await;
        assert_eq!(status, 303);
        // A later online ballot under the same key is taken but does not count.
        let (status, page, _) = cast(&app, &rita, id, &[projects[1]], Some(&key)).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(marked(&page, "data-server-seq"), "3");

        let entered = app
            .store
            .list_audit(
                &civis_store::AuditFilter::default(),
                civis_store::Page::first(civis_store::Page::MAX_LIMIT),
            )
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == civis_domain::AuditAction::PaperBallotEntered)
            .count();
        assert_eq!(entered, 2);

        // The close: the record lists olga's key, verifies, and counts rita's paper
        // ballot (both projects) and ines's: project 0 gets one vote, project 1 two.
        let dir = close_and_verify(&app, &official, id, &keys[0]).await;
        let officials = json_file(&dir, "officials.json");
        assert_eq!(officials.as_array().unwrap().len(), 1, "{officials}");
        assert!(officials[0]["key"]
            .as_str()
            .unwrap()
            .contains(&format!("/log/processes/{id}/officials/{}", official.id)));
        let outcome = json_file(&dir, "outcome.json");
        assert_eq!(outcome["counted"], 2, "{outcome}");
        let votes = |p: i64| {
            outcome["results"]["units"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|u| u["projects"].as_array().unwrap().clone())
                .find(|x| x["project"] == json!(p))
                .map(|x| x["votes"].clone())
        };
        assert_eq!(
            (votes(projects[0]), votes(projects[1])),
            (Some(json!(1)), Some(json!(2))),
            "{outcome}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn officials_enter_sealed_paper_ballots_through_the_api() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "olga", Role::Official).await;
        let rita = Caller::new(&app, "rita", Role::Resident).await;
        let ines = Caller::new(&app, "ines", Role::Resident).await;
        let (id, projects, _) = process_in_review(&app, &official, &rita, true).await;
        crate::trustee_ceremony::ceremony(&app, &official, id, 1, &[&official]).await;
        advance_hours(&app, 1);
        let route =
            |who: &Caller| format!("/api/v1/processes/{id}/sealed-paper-ballots/{}", who.id);

        // Residents cannot enter paper ballots; the open route refuses a secret process.
        let (status, p) = rita
            .post(&app, &route(&ines), json!({"approvals": [projects[0]]}))
            .await;
        assert_eq!(status, 403, "{p}");
        let (status, p) = official
            .put(
                &app,
                &format!("/api/v1/processes/{id}/paper-ballots/{}", ines.id),
                json!({"approvals": [projects[0]]}),
            )
            .await;
        assert_eq!(status, 409, "{p}");
        assert_eq!(log_size(&app, id).await, 0);

        // ines has no credential: a new one, and a receipt whose proof reaches the root.
        let (status, receipt) = official
            .post(&app, &route(&ines), json!({"approvals": [projects[1]]}))
            .await;
        assert_eq!(status, 201, "{receipt}");
        assert_eq!(receipt["index"], 0, "{receipt}");
        assert_eq!(receipt["inclusion"]["size"], 1, "{receipt}");
        assert_eq!(receipt["inclusion"]["root_hash"], receipt["leaf_hash"]);
        assert!(receipt["promise"]
            .as_str()
            .unwrap()
            .starts_with("civis ballot log promise/1\n"));
        assert_eq!(info(&app, id).await["credentials_issued"], 1);

        // rita votes online and keeps her key; without it, or with something else, her
        // paper ballot is refused and nothing is appended.
        let (status, page, _) = cast(&app, &rita, id, &[projects[0]], None).await;
        assert_eq!(status, 200, "{page}");
        let key: Value = serde_json::from_slice(&key_of(&page)).unwrap();
        assert_eq!(log_size(&app, id).await, 2);
        let (status, p) = official
            .post(&app, &route(&rita), json!({"approvals": projects}))
            .await;
        assert_eq!(status, 409, "{p}");
        let (status, p) = official
            .post(
                &app,
                &route(&rita),
                json!({"approvals": projects, "voting_key": {"format": "x"}}),
            )
            .await;
        assert_eq!(status, 422, "{p}");
        let (status, p) = official
            .post(
                &app,
                &route(&rita),
                json!({"approvals": [999_999], "voting_key": key}),
            )
            .await;
        assert_eq!(status, 422, "{p}");
        assert_eq!(log_size(&app, id).await, 2);

        // With her key (as its object, or as its text): appended under her credential.
        let (status, receipt) = official
            .post(
                &app,
                &route(&rita),
                json!({"approvals": projects, "voting_key": key.to_string()}),
            )
            .await;
        assert_eq!(status, 201, "{receipt}");
        assert_eq!(receipt["index"], 2, "{receipt}");
        assert_eq!(info(&app, id).await["credentials_issued"], 2);
        let entered = app
            .store
            .count_audit(&civis_store::AuditFilter {
                action: Some(civis_domain::AuditAction::PaperBallotEntered),
                ..civis_store::AuditFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(entered, 2);
        app.stop().await;
    }
}
