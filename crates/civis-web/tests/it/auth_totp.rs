//! Authenticator apps (TOTP): enrolment through the API and the pages (QR code
//! and secret shown while pending, never after), two-step sign-in on the API
//! and the pages, replayed codes and brute force refused, and step-up for the
//! OpenID Connect provider.

use civis_domain::{AuditAction, AuthMethod, AuthMethods, Proofing, Role, Timestamp};
use civis_identity::totp::{base32_decode, code_at, time_step, TotpSecret, STEP_SECS};
use civis_oidc::{ClientKind, SubjectType};
use reqwest::header::LOCATION;
use serde_json::{json, Value};

use crate::auth_support::hidden;
use crate::harness::{databases, expect_problem, TestApp, PASSWORD};
use crate::oidc_support::{authorize, authorize_query, location, param, Provider};

/// Puts the clock one second into a fresh time step, so a test's codes do not
/// straddle a step boundary.
pub fn start_of_step(app: &TestApp) {
    let now = app.clock.now().as_millis() / 1000;
    let next = (now / STEP_SECS + 1) * STEP_SECS + 1;
    app.clock.set(Timestamp::from_millis(next * 1000));
}

/// The code of `secret` (base32) now, or `steps` steps later.
pub fn code(app: &TestApp, secret: &str, steps: i64) -> String {
    let secret = TotpSecret::from_bytes(base32_decode(secret).unwrap());
    let step = time_step(app.clock.now()) as i64 + steps;
    code_at(&secret, step as u64)
}

/// Sets up an authenticator app for the signed-in `client` through the API;
/// returns its secret.
pub async fn enrol_api(app: &TestApp, client: &reqwest::Client, csrf: &str) -> String {
    let res = client
        .post(app.url("/api/v1/me/totp"))
        .header("x-csrf-token", csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let body: Value = res.json().await.unwrap();
    let secret = body["secret"].as_str().unwrap().to_owned();
    assert!(body["otpauth_uri"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/"));
    let res = client
        .post(app.url("/api/v1/me/totp/confirm"))
        .header("x-csrf-token", csrf)
        .json(&json!({"code": code(app, &secret, 0)}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204, "{:?}", res.text().await);
    secret
}

async fn sign_in_api(app: &TestApp, client: &reqwest::Client, user: &str) -> reqwest::Response {
    client
        .post(app.url("/api/v1/auth/sign-in"))
        .json(&json!({"username": user, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn api_enrolment_two_step_sign_in_and_replay() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        start_of_step(&app);
        let ann = app.create_user("ann", Role::Resident).await;
        let client = app.client();
        let csrf = app.sign_in(&client, "ann").await;

        // A wrong first code confirms nothing; a malformed one says why.
        let res = client
            .post(app.url("/api/v1/me/totp"))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        let secret = res.json::<Value>().await.unwrap()["secret"]
            .as_str()
            .unwrap()
            .to_owned();
        for (bad, words) in [("12345", "six digits"), ("000000", "wrong")] {
            let wrong = if bad == "000000" && code(&app, &secret, 0) == "000000" {
                "111111"
            } else {
                bad
            };
            let res = client
                .post(app.url("/api/v1/me/totp/confirm"))
                .header("x-csrf-token", &csrf)
                .json(&json!({ "code": wrong }))
                .send()
                .await
                .unwrap();
            let p = expect_problem(res, 422).await;
            assert_eq!(p["errors"][0]["field"], "code");
            assert!(
                p["errors"][0]["message"].as_str().unwrap().contains(words),
                "{p}"
            );
        }
        // Without the CSRF header: refused.
        let res = client
            .post(app.url("/api/v1/me/totp/confirm"))
            .json(&json!({ "code": code(&app, &secret, 0) }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert!(app
            .store
            .totp_credential(ann.id)
            .await
            .unwrap()
            .unwrap()
            .confirmed_at
            .is_none());
        let secret = enrol_api(&app, &client, &csrf).await;
        // Once set up, a second enrolment conflicts and the secret is not shown again.
        let res = client
            .post(app.url("/api/v1/me/totp"))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 409).await;
        assert!(!p.to_string().contains(&secret));

        // Sign-in now takes two steps.
        app.clock.advance_seconds(STEP_SECS);
        let other = app.client();
        let res = sign_in_api(&app, &other, "ann").await;
        assert_eq!(res.status(), 202);
        assert!(res.headers().get("set-cookie").is_none(), "no session yet");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["second_factor"], "totp");
        let ticket = body["ticket"].as_str().unwrap().to_owned();

        // A forged or stale ticket: 401.
        let forged = ticket.replacen(&ann.id.0.to_string(), "999", 1);
        let res = other
            .post(app.url("/api/v1/auth/sign-in/totp"))
            .json(&json!({"ticket": forged, "code": code(&app, &secret, 0)}))
            .send()
            .await
            .unwrap();
        expect_problem(res, 401).await;

        let now_code = code(&app, &secret, 0);
        let res = other
            .post(app.url("/api/v1/auth/sign-in/totp"))
            .json(&json!({"ticket": ticket, "code": now_code}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let sessions = app
            .store
            .list_user_sessions(ann.id, app.clock.now())
            .await
            .unwrap();
        assert!(sessions.iter().any(
            |s| s.auth_methods == AuthMethods::one(AuthMethod::Password).with(AuthMethod::Totp)
        ));

        // The same code again, even with a fresh ticket: refused as replayed.
        let third = app.client();
        let ticket = sign_in_api(&app, &third, "ann")
            .await
            .json::<Value>()
            .await
            .unwrap()["ticket"]
            .as_str()
            .unwrap()
            .to_owned();
        let res = third
            .post(app.url("/api/v1/auth/sign-in/totp"))
            .json(&json!({"ticket": ticket, "code": now_code}))
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 422).await;
        assert!(
            p["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("already used"),
            "{p}"
        );

        // The ticket expires after five minutes.
        app.clock.advance_seconds(301);
        let res = third
            .post(app.url("/api/v1/auth/sign-in/totp"))
            .json(&json!({"ticket": ticket, "code": code(&app, &secret, 0)}))
            .send()
            .await
            .unwrap();
        expect_problem(res, 401).await;

        // Removing it is audited; sign-in is one step again.
        let res = client
            .delete(app.url("/api/v1/me/totp"))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        let actions: Vec<AuditAction> = app
            .store
            .list_audit(&Default::default(), civis_store::Page::first(10))
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert!(actions.contains(&AuditAction::TotpEnrolled));
        assert!(actions.contains(&AuditAction::TotpRemoved));
        assert_eq!(sign_in_api(&app, &app.client(), "ann").await.status(), 200);
        app.stop().await;
    }
}

#[tokio::test]
async fn wrong_codes_are_throttled_per_account() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        start_of_step(&app);
        app.create_user("ann", Role::Resident).await;
        let client = app.client();
        let csrf = app.sign_in(&client, "ann").await;
        let secret = enrol_api(&app, &client, &csrf).await;
        app.clock.advance_seconds(STEP_SECS);
        let right = code(&app, &secret, 0);
        let wrong = if right == "000001" {
            "000002"
        } else {
            "000001"
        };
        let limit = civis_web::WebConfig::default().login_max_failures_per_username;
        for _ in 0..limit {
            let b = app.client();
            let ticket = sign_in_api(&app, &b, "ann")
                .await
                .json::<Value>()
                .await
                .unwrap()["ticket"]
                .as_str()
                .unwrap()
                .to_owned();
            let res = b
                .post(app.url("/api/v1/auth/sign-in/totp"))
                .json(&json!({"ticket": ticket, "code": wrong}))
                .send()
                .await
                .unwrap();
            expect_problem(res, 422).await;
        }
        // Even the right code is now refused until the window passes.
        let b = app.client();
        let ticket = sign_in_api(&app, &b, "ann")
            .await
            .json::<Value>()
            .await
            .unwrap()["ticket"]
            .as_str()
            .unwrap()
            .to_owned();
        let res = b
            .post(app.url("/api/v1/auth/sign-in/totp"))
            .json(&json!({"ticket": ticket, "code": right}))
            .send()
            .await
            .unwrap();
        let retry = res.headers().get("retry-after").cloned();
        expect_problem(res, 429).await;
        assert!(retry.is_some());
        app.stop().await;
    }
}

/// A signed-out browser with the page's CSRF token.
async fn page_csrf(app: &TestApp, client: &reqwest::Client, path: &str) -> (String, String) {
    let page = client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    (hidden(&page, "csrf_token"), page)
}

#[tokio::test]
async fn pages_enrol_and_sign_in_in_two_steps() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        start_of_step(&app);
        let ann = app.create_user("ann", Role::Resident).await;

        // Signed out, the security pages send to sign-in.
        let anon = app.client();
        for path in ["/account/security", "/account/totp"] {
            let res = anon.get(app.url(path)).send().await.unwrap();
            assert_eq!(res.status(), 303, "{path}");
        }

        let browser = app.client();
        app.sign_in(&browser, "ann").await;
        let page = browser
            .get(app.url("/account/totp"))
            .header("accept-language", "et")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("src=\"data:image/svg+xml;base64,"), "{page}");
        assert!(page.contains("alt=\"QR-kood"), "{page}");
        let shown = page
            .split("id=\"totp-secret\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_owned();
        let csrf = hidden(&page, "csrf_token");
        // No CSRF token: 403, nothing confirmed.
        let res = browser
            .post(app.url("/account/totp"))
            .form(&[("code", code(&app, &shown, 0))])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = browser
            .post(app.url("/account/totp"))
            .header("accept-language", "et")
            .form(&[("csrf_token", csrf.as_str()), ("code", "12")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(
            body.contains("id=\"code-error\">Kood on kuus numbrit</p>"),
            "{body}"
        );
        let res = browser
            .post(app.url("/account/totp"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("code", &code(&app, &shown, 0)),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()[LOCATION],
            "/account/security?done=totp-enrolled"
        );
        // Never shown again.
        let res = browser.get(app.url("/account/totp")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let security = browser
            .get(app.url("/account/security"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!security.contains(&shown) && !security.contains(&shown.replace(' ', "")));

        // Sign in through the form: password, then the code page.
        app.clock.advance_seconds(STEP_SECS);
        let b = app.client();
        let (csrf, _) = page_csrf(&app, &b, "/sign-in").await;
        let res = b
            .post(app.url("/sign-in"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("username", "ann"),
                ("password", PASSWORD),
                ("next", "/processes"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let to = res.headers()[LOCATION].to_str().unwrap().to_owned();
        assert!(to.starts_with("/sign-in/code?next="), "{to}");
        let (csrf, _) = page_csrf(&app, &b, &to).await;
        let res = b
            .post(app.url("/sign-in/code"))
            .header("accept-language", "es")
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("code", "abcdef"),
                ("next", "/processes"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(
            body.contains("id=\"code-error\">Un código tiene seis cifras</p>"),
            "{body}"
        );
        let res = b
            .post(app.url("/sign-in/code"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("code", &code(&app, &shown, 0)),
                ("next", "/processes"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()[LOCATION], "/processes");
        let me: Value = b
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["user"]["username"], "ann");
        let sessions = app
            .store
            .list_user_sessions(ann.id, app.clock.now())
            .await
            .unwrap();
        assert!(sessions
            .iter()
            .any(|s| s.auth_methods.contains(AuthMethod::Totp)));

        // Without the password step, the code page sends back to sign-in.
        let res = app
            .client()
            .get(app.url("/sign-in/code"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert!(res.headers()[LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/sign-in?"));
        app.stop().await;
    }
}

#[tokio::test]
async fn step_up_with_a_code_reaches_substantial_for_a_service() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        start_of_step(&p.app);
        p.register(
            "tax-office",
            ClientKind::Confidential,
            &[],
            civis_domain::LevelOfAssurance::Substantial,
            SubjectType::Pairwise,
        )
        .await;
        p.consent("tax-office", &[]).await;
        crate::oidc_prompt::set_proofing(&p, Proofing::ActivationLetter).await;
        let (browser, csrf) = p.browser().await;

        // Without a second factor the step-up page says to set one up.
        let res = authorize(&p, &browser, &authorize_query("tax-office", &[])).await;
        let to = location(&res);
        assert!(to.starts_with("/step-up?"), "{to}");
        let page = browser
            .get(p.app.url(&to))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("href=\"/account/security\""), "{page}");

        let secret = enrol_api(&p.app, &browser, &csrf).await;
        p.app.clock.advance_seconds(STEP_SECS);
        let page = browser
            .get(p.app.url(&to))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let form_csrf = hidden(&page, "csrf_token");
        let return_to = param(&to, "return_to").unwrap();
        assert_eq!(hidden(&page, "return_to"), return_to);
        let res = browser
            .post(p.app.url("/step-up"))
            .form(&[
                ("csrf_token", form_csrf.as_str()),
                ("level", "substantial"),
                ("return_to", return_to.as_str()),
                ("code", &code(&p.app, &secret, 0)),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()[LOCATION].to_str().unwrap(), return_to);
        // Back at the provider after its own form: the code reaches the service
        // through the same-origin continue page.
        let res = browser.get(p.app.url(&return_to)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let link = crate::oidc_support::continue_link(res).await;
        assert!(
            param(&link, "code").is_some(),
            "a code after the step-up: {link}"
        );
    }
}
