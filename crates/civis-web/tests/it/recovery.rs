//! Account recovery: officials issue one-time codes, residents use them once.
//! Per role, CSRF, expiry (the server's clock moved), voiding, lockout, the
//! level of assurance a recovered session gets, and concurrent use.

use civis_domain::{AuditAction, Role, Username};
use civis_identity::codes::{self, Channel};
use civis_identity::import::parse_file;
use civis_identity::Isikukood;
use civis_store::register::{NewEnrolmentCode, NewRegisterImport, RecordLookup};
use civis_store::{AuditFilter, Change, Page};
use serde_json::{json, Value};

use crate::auth_support::hidden;
use crate::harness::{databases, expect_problem, TestApp, PASSWORD};
use crate::log_capture::captured_logs;
use crate::register_support::{client, file, people, Who, MARI, WHO};

const NEW_PASSWORD: &str = "a fresh passphrase 42";

async fn issue_api(
    app: &TestApp,
    c: &reqwest::Client,
    csrf: &str,
    username: &str,
) -> reqwest::Response {
    c.post(app.url("/api/v1/register/recovery-codes"))
        .header("x-csrf-token", csrf)
        .json(&json!({"username": username, "document_type": "passport", "confirmed": true}))
        .send()
        .await
        .unwrap()
}

/// The clerk issues a code for `username` through the API; returns it.
async fn issue(app: &TestApp, username: &str) -> String {
    let (c, csrf) = client(app, Who::Clerk).await;
    let res = issue_api(app, &c, &csrf, username).await;
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["username"], username);
    let code = body["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 14, "{code}");
    code
}

async fn recover_api(app: &TestApp, username: &str, code: &str) -> reqwest::Response {
    app.client()
        .post(app.url("/api/v1/auth/recover"))
        .json(&json!({"username": username, "code": code}))
        .send()
        .await
        .unwrap()
}

/// A signed-out client with the `/recover` form's CSRF token.
async fn recover_form(app: &TestApp) -> (reqwest::Client, String) {
    let c = app.client();
    let html = c
        .get(app.url("/recover"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden(&html, "csrf_token");
    (c, csrf)
}

async fn post_form(
    c: &reqwest::Client,
    url: String,
    form: &[(&str, &str)],
) -> (u16, String, String) {
    let res = c.post(url).form(form).send().await.unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, res.text().await.unwrap())
}

async fn events(app: &TestApp, action: AuditAction) -> Vec<civis_domain::AuditEvent> {
    app.store
        .list_audit(
            &AuditFilter {
                action: Some(action),
                ..Default::default()
            },
            Page::new(0, 100),
        )
        .await
        .unwrap()
}

async fn all_audit_text(app: &TestApp) -> String {
    let all = app
        .store
        .list_audit(&AuditFilter::default(), Page::new(0, 1000))
        .await
        .unwrap();
    format!("{all:?}")
}

async fn user_id(app: &TestApp, name: &str) -> civis_domain::UserId {
    app.store
        .user_by_username(&Username::parse(name).unwrap())
        .await
        .unwrap()
        .id
}

async fn level_on_identity(app: &TestApp, c: &reqwest::Client) -> String {
    let html = c
        .get(app.url("/identity"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = html.find("<dd id=\"level\">").expect("level on /identity") + 15;
    html[start..start + html[start..].find('<').unwrap()].to_owned()
}

#[tokio::test]
async fn an_official_issues_a_code_and_the_resident_recovers_with_it() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        // The resident's old session, from before the code.
        let (old, _) = client(&app, Who::Resident).await;
        // Issued on the official's page: shown once, printable, not cached.
        let (clerk, csrf) = client(&app, Who::Clerk).await;
        let page = clerk.get(app.url("/admin/recovery")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let res = clerk
            .post(app.url("/admin/recovery"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("username", "resi"),
                ("document_type", "id_card"),
                ("confirmed", "yes"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let html = res.text().await.unwrap();
        let at = html
            .find("<strong class=\"code\">")
            .expect("code on the page")
            + 21;
        let code = html[at..at + 14].to_owned();
        assert!(
            code.chars()
                .all(|c| c == '-' || codes::ALPHABET.contains(&(c as u8))),
            "{code}"
        );

        // Used on /recover with a new password: a session, then /account/security.
        let (c, token) = recover_form(&app).await;
        let typed = code.to_lowercase().replace('-', " ");
        let (status, location, _) = post_form(
            &c,
            app.url("/recover"),
            &[
                ("csrf_token", &token),
                ("username", "resi"),
                ("code", &typed),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
        assert_eq!((status, location.as_str()), (303, "/account/security"));
        let security = c.get(app.url("/account/security")).send().await.unwrap();
        assert_eq!(security.status(), 200);
        // The old session ended; the old password no longer works, the new one does.
        let me = old.get(app.url("/api/v1/me")).send().await.unwrap();
        assert_eq!(me.status(), 401);
        let res = app
            .client()
            .post(app.url("/api/v1/auth/sign-in"))
            .json(&json!({"username": "resi", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        expect_problem(res, 401).await;
        let res = app
            .client()
            .post(app.url("/api/v1/auth/sign-in"))
            .json(&json!({"username": "resi", "password": NEW_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);

        // Audited, with the official, the account and the document, never the code.
        let resi = user_id(&app, "resi").await;
        let clerk_id = user_id(&app, "clerk").await;
        let issued = events(&app, AuditAction::RecoveryCodeIssued).await;
        assert_eq!(issued.len(), 1);
        assert_eq!(issued[0].actor, Some(clerk_id));
        assert_eq!(issued[0].target.as_deref(), Some(&*format!("user:{resi}")));
        assert_eq!(
            issued[0].after.as_ref().unwrap()["document_type"],
            "id_card"
        );
        let used = events(&app, AuditAction::RecoveryCodeUsed).await;
        assert_eq!(used.len(), 1);
        assert_eq!(used[0].actor, Some(resi));
        let audit = all_audit_text(&app).await;
        assert!(!audit.contains(&code) && !audit.contains(&code.replace('-', "")));

        // Used once.
        let res = recover_api(&app, "resi", &code).await;
        let body = expect_problem(res, 422).await;
        assert_eq!(body["errors"][0]["field"], "code", "{body}");
        assert_eq!(body["errors"][0]["code"], "recover-code-wrong", "{body}");
        app.stop().await;
    }
}

/// Links `name` to Mari's register record by an activation letter.
async fn proofed_by_letter(app: &TestApp, name: &str) {
    let clerk = user_id(app, "clerk").await;
    let at = app.clock.now();
    app.store
        .import_register(
            &NewRegisterImport {
                effective_date: civis_identity::Date::parse("2026-01-01").unwrap(),
                file_sha256: "0".repeat(64),
                rows: parse_file(&file(&[MARI]), &Isikukood).unwrap(),
            },
            Change::by(clerk, at),
        )
        .await
        .unwrap()
        .unwrap();
    let record = app
        .store
        .register_record(&RecordLookup::Code(
            civis_identity::PersonalCode::parse("49403136515", &Isikukood).unwrap(),
        ))
        .await
        .unwrap()
        .unwrap();
    app.store
        .issue_enrolment_codes(
            &[NewEnrolmentCode {
                record_id: record.id,
                user_id: None,
                channel: Channel::Letter,
                code_hash: codes::digest(record.id, "2222-3333-4444"),
                expires_at: codes::expires(Channel::Letter, at),
            }],
            Change::by(clerk, at),
        )
        .await
        .unwrap();
    let user = user_id(app, name).await;
    let outcome = app
        .store
        .redeem_enrolment_code(
            user,
            record.id,
            Channel::Letter,
            &codes::digest(record.id, "2222-3333-4444"),
            Change::by(user, at),
        )
        .await
        .unwrap();
    assert!(matches!(
        outcome,
        civis_store::register::LinkOutcome::Linked(_)
    ));
}

#[tokio::test]
async fn a_recovered_session_is_no_stronger_than_the_rules_allow() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        proofed_by_letter(&app, "resi").await;
        let code = issue(&app, "resi").await;
        let res = recover_api(&app, "resi", &code).await;
        assert_eq!(res.status(), 200);
        let cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with("civis_session="))
            .expect("session cookie");
        let token = cookie["civis_session=".len()..]
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let c = app.client();
        let html = c
            .get(app.url("/identity"))
            .header("cookie", format!("civis_session={token}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let start = html.find("<dd id=\"level\">").unwrap() + 15;
        // Proofed by letter, one factor (the code): low, not substantial.
        assert_eq!(
            &html[start..start + html[start..].find('<').unwrap()],
            "Low"
        );
        let hash = civis_web::auth::middleware::token_hash(&token);
        let session = app
            .store
            .session_by_token_hash(&hash, app.clock.now())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            session.auth_methods,
            civis_domain::AuthMethods::one(civis_domain::AuthMethod::RecoveryCode)
        );
        // The same resident signing in with a password is low too; the page
        // helper reads the level the same way.
        let (pw, _) = client(&app, Who::Resident).await;
        assert_eq!(level_on_identity(&app, &pw).await, "Low");
        app.stop().await;
    }
}

#[tokio::test]
async fn codes_expire_and_a_new_code_voids_the_old_one() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let first = issue(&app, "resi").await;
        let second = issue(&app, "resi").await;
        let refused = expect_problem(recover_api(&app, "resi", &first).await, 422).await;
        assert_eq!(refused["errors"][0]["code"], "recover-code-wrong");
        // Past 24 hours the newer code is refused with the same words.
        app.clock.advance_seconds(24 * 3600 + 1);
        let expired = expect_problem(recover_api(&app, "resi", &second).await, 422).await;
        assert_eq!(expired["detail"], refused["detail"]);
        assert_eq!(expired["errors"], refused["errors"]);
        let third = issue(&app, "resi").await;
        assert_eq!(recover_api(&app, "resi", &third).await.status(), 200);
        let issued = events(&app, AuditAction::RecoveryCodeIssued).await;
        assert_eq!(issued.len(), 3);
        app.stop().await;
    }
}

#[tokio::test]
async fn wrong_codes_are_locked_out_per_account_and_per_address() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let code = issue(&app, "resi").await;
        for _ in 0..5 {
            let body = expect_problem(recover_api(&app, "resi", "2222-2222-2222").await, 422).await;
            assert_eq!(body["errors"][0]["code"], "recover-code-wrong");
        }
        // Each wrong code is on the account's record.
        let refused = events(&app, AuditAction::RecoveryCodeRefused).await;
        assert_eq!(refused.len(), 5);
        let resi = app
            .store
            .user_by_username(&civis_domain::Username::parse("resi").unwrap())
            .await
            .unwrap();
        assert!(refused.iter().all(|e| e.target.as_deref()
            == Some(&*format!("user:{}", resi.id.0))
            && e.actor.is_none()));
        // Locked: even the right code is refused, on the API and the page.
        let res = recover_api(&app, "resi", &code).await;
        assert!(res.headers().contains_key("retry-after"));
        expect_problem(res, 429).await;
        let (c, token) = recover_form(&app).await;
        let (status, _, html) = post_form(
            &c,
            app.url("/recover"),
            &[
                ("csrf_token", &token),
                ("username", "resi"),
                ("code", &code),
            ],
        )
        .await;
        assert_eq!(status, 429);
        assert!(html.contains("id=\"code-error\""), "{html}");
        assert!(html.contains("Too many failed attempts"));
        // An hour later the code works (it was never used).
        app.clock.advance_seconds(3601);
        assert_eq!(recover_api(&app, "resi", &code).await.status(), 200);

        // Per address: failures spread over usernames lock the address.
        let code = issue(&app, "resi").await;
        for name in ["nobody1", "nobody2", "offi", "admi", "audi"] {
            expect_problem(recover_api(&app, name, "2222-2222-2222").await, 422).await;
        }
        // Existing accounts get the event, unknown names none.
        assert_eq!(
            events(&app, AuditAction::RecoveryCodeRefused).await.len(),
            5 + 3
        );
        expect_problem(recover_api(&app, "resi", &code).await, 429).await;
        app.stop().await;
    }
}

#[tokio::test]
async fn only_officials_with_the_in_person_permission_issue_codes() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let expected = [401, 403, 403, 201, 403, 403];
        for (who, want) in WHO.into_iter().zip(expected) {
            let (c, csrf) = client(&app, who).await;
            let before = app.counts().await;
            let res = issue_api(&app, &c, &csrf, "resi").await;
            assert_eq!(res.status().as_u16(), want, "{who:?}");
            if want != 201 {
                expect_problem(res, want).await;
                assert_eq!(app.counts().await, before, "{who:?} wrote something");
            }
            if who != Who::Anonymous {
                let page = c.get(app.url("/admin/recovery")).send().await.unwrap();
                assert_eq!(
                    page.status().as_u16(),
                    if want == 201 { 200 } else { 403 },
                    "{who:?}"
                );
            }
        }
        // Codes are for resident accounts only.
        let (c, csrf) = client(&app, Who::Clerk).await;
        for name in ["admi", "offi", "nobody"] {
            let body = expect_problem(issue_api(&app, &c, &csrf, name).await, 422).await;
            assert_eq!(body["errors"][0]["field"], "username", "{body}");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn both_forms_need_the_csrf_token_and_bad_input_stores_nothing() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let (clerk, csrf) = client(&app, Who::Clerk).await;
        let before = app.counts().await;
        let res = clerk
            .post(app.url("/admin/recovery"))
            .form(&[
                ("username", "resi"),
                ("document_type", "passport"),
                ("confirmed", "yes"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = clerk
            .post(app.url("/api/v1/register/recovery-codes"))
            .json(&json!({"username": "resi", "document_type": "passport", "confirmed": true}))
            .send()
            .await
            .unwrap();
        expect_problem(res, 403).await;
        // Without a document, or unconfirmed: 422 next to the field.
        for (doc, confirmed, field) in [("", "yes", "document_type"), ("passport", "", "confirmed")]
        {
            let (status, _, html) = post_form(
                &clerk,
                app.url("/admin/recovery"),
                &[
                    ("csrf_token", &csrf),
                    ("username", "resi"),
                    ("document_type", doc),
                    ("confirmed", confirmed),
                ],
            )
            .await;
            assert_eq!(status, 422);
            assert!(html.contains(&format!("href=\"#{field}\"")), "{html}");
        }
        assert_eq!(app.counts().await, before);

        let code = issue(&app, "resi").await;
        let before = app.counts().await;
        let (c, token) = recover_form(&app).await;
        let (status, _, _) = post_form(
            &c,
            app.url("/recover"),
            &[("username", "resi"), ("code", &code)],
        )
        .await;
        assert_eq!(status, 403);
        // Empty fields and a weak new password: refused before the code is touched.
        for (name, typed, password, field) in [
            ("", code.as_str(), "", "username"),
            ("resi", "", "", "code"),
            ("resi", code.as_str(), "short", "new_password"),
        ] {
            let (status, _, html) = post_form(
                &c,
                app.url("/recover"),
                &[
                    ("csrf_token", &token),
                    ("username", name),
                    ("code", typed),
                    ("new_password", password),
                ],
            )
            .await;
            assert_eq!(status, 422, "{field}");
            assert!(
                html.contains(&format!("id=\"{field}-error\"")),
                "{field}: {html}"
            );
        }
        assert_eq!(app.counts().await, before);
        assert_eq!(recover_api(&app, "resi", &code).await.status(), 200);
        app.stop().await;
    }
}

#[tokio::test]
async fn of_concurrent_uses_of_one_code_one_wins() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let code = issue(&app, "resi").await;
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                let (c, url, code) = (app.client(), app.url("/api/v1/auth/recover"), code.clone());
                tokio::spawn(async move {
                    c.post(url)
                        .json(&json!({"username": "resi", "code": code}))
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16()
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        assert_eq!(
            statuses.iter().filter(|s| **s == 200).count(),
            1,
            "{statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| *s == 200 || *s == 422),
            "{statuses:?}"
        );
        assert_eq!(events(&app, AuditAction::RecoveryCodeUsed).await.len(), 1);
        app.stop().await;
    }
}

#[tokio::test]
async fn the_api_is_in_the_openapi_document() {
    for db in databases().await.into_iter().take(1) {
        let app = TestApp::spawn(&db).await;
        let doc: Value = app
            .client()
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(doc["paths"]["/api/v1/register/recovery-codes"]["post"].is_object());
        assert!(doc["paths"]["/api/v1/auth/recover"]["post"].is_object());
        let _ = Role::Resident;
        app.stop().await;
    }
}

#[tokio::test]
async fn the_code_never_reaches_the_logs() {
    let logs = captured_logs();
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let code = issue(&app, "resi").await;
        expect_problem(recover_api(&app, "resi", "2222-2222-2222").await, 422).await;
        assert_eq!(recover_api(&app, "resi", &code).await.status(), 200);
        expect_problem(recover_api(&app, "resi", &code).await, 422).await;
        app.stop().await;
        let text = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
        assert!(!text.is_empty(), "nothing was captured");
        assert!(!text.contains(&code), "the code is in the logs");
        assert!(!text.contains(&code.replace('-', "")));
    }
}
