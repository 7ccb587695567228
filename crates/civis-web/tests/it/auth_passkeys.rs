//! Passkeys through real WebAuthn ceremonies with a software authenticator
//! (P-256, ES256, through OpenSSL): registration, username-less sign-in,
//! step-up, and the attacks: a wrong origin, a wrong RP id, a replayed
//! assertion and a replayed (regressed) signature counter, each refused
//! with its code and nothing stored.

use civis_domain::{AuditAction, AuthMethod, Role};
use civis_identity::soft_authenticator::{SoftAuthenticator, Tamper};
use serde_json::{json, Value};

use crate::harness::{databases, expect_problem, TestApp};

/// The app's origin as the WebAuthn relying party sees it.
pub fn origin(app: &TestApp) -> String {
    format!("http://localhost:{}", app.addr.port())
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: Option<&str>,
    path: &str,
    body: Value,
) -> reqwest::Response {
    let mut req = client.post(app.url(path)).json(&body);
    if let Some(c) = csrf {
        req = req.header("x-csrf-token", c);
    }
    req.send().await.unwrap()
}

/// Registers a passkey named `name` for the signed-in `client` with `key`.
pub async fn register(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: &str,
    key: &mut SoftAuthenticator,
    name: &str,
) -> Value {
    let started: Value = post(
        app,
        client,
        Some(csrf),
        "/api/v1/me/passkeys/registration",
        json!({}),
    )
    .await
    .json()
    .await
    .unwrap();
    let credential = key
        .register(&started["options"], &origin(app), &Tamper::default())
        .unwrap();
    let res = post(
        app,
        client,
        Some(csrf),
        "/api/v1/me/passkeys",
        json!({"ceremony": started["ceremony"], "name": name, "credential": credential}),
    )
    .await;
    assert_eq!(res.status(), 201, "{:?}", res.text().await);
    res.json().await.unwrap()
}

/// A passkey sign-in ceremony's start and the authenticator's answer.
async fn assertion(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: Option<&str>,
    key: &mut SoftAuthenticator,
    origin: &str,
    tamper: &Tamper,
) -> Value {
    let started: Value = post(
        app,
        client,
        csrf,
        "/api/v1/auth/passkey/challenge",
        json!({}),
    )
    .await
    .json()
    .await
    .unwrap();
    let credential = key.assert(&started["options"], origin, tamper).unwrap();
    json!({"ceremony": started["ceremony"], "credential": credential})
}

/// Signs `client` in with `key`; returns the session's CSRF token.
pub async fn sign_in_with(
    app: &TestApp,
    client: &reqwest::Client,
    key: &mut SoftAuthenticator,
) -> String {
    let body = assertion(app, client, None, key, &origin(app), &Tamper::default()).await;
    let res = post(app, client, None, "/api/v1/auth/passkey", body).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let v: Value = res.json().await.unwrap();
    v["csrf_token"].as_str().unwrap().to_owned()
}

fn code_of(p: &Value) -> String {
    p["errors"][0]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn register_and_sign_in_without_a_username() {
    for db in databases().await {
        let app = TestApp::spawn_at_localhost(&db, civis_web::WebConfig::default()).await;
        let ann = app.create_user("ann", Role::Resident).await;
        let client = app.client();
        let csrf = app.sign_in(&client, "ann").await;
        let mut key = SoftAuthenticator::new().unwrap();

        // Registration needs a signed-in session and its CSRF token.
        let res = post(
            &app,
            &app.client(),
            None,
            "/api/v1/me/passkeys/registration",
            json!({}),
        )
        .await;
        expect_problem(res, 401).await;
        let res = post(
            &app,
            &client,
            None,
            "/api/v1/me/passkeys/registration",
            json!({}),
        )
        .await;
        expect_problem(res, 403).await;

        // A name is required; the ceremony is not used up by a refused name.
        let started: Value = post(
            &app,
            &client,
            Some(&csrf),
            "/api/v1/me/passkeys/registration",
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
        assert_eq!(started["options"]["publicKey"]["rp"]["id"], "localhost");
        let credential = key
            .register(&started["options"], &origin(&app), &Tamper::default())
            .unwrap();
        let res = post(
            &app,
            &client,
            Some(&csrf),
            "/api/v1/me/passkeys",
            json!({"ceremony": started["ceremony"], "name": "  ", "credential": credential}),
        )
        .await;
        let p = expect_problem(res, 422).await;
        assert_eq!(p["errors"][0]["field"], "name");
        assert_eq!(code_of(&p), "name_missing");
        let res = post(
            &app,
            &client,
            Some(&csrf),
            "/api/v1/me/passkeys",
            json!({"ceremony": started["ceremony"], "name": "Laptop", "credential": credential}),
        )
        .await;
        assert_eq!(res.status(), 201);
        // The same registration response again: the ceremony is gone.
        let res = post(
            &app,
            &client,
            Some(&csrf),
            "/api/v1/me/passkeys",
            json!({"ceremony": started["ceremony"], "name": "Again", "credential": credential}),
        )
        .await;
        assert_eq!(code_of(&expect_problem(res, 422).await), "ceremony_unknown");
        let listed: Value = client
            .get(app.url("/api/v1/me/passkeys"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(listed.as_array().unwrap().len(), 1);
        assert_eq!(listed[0]["name"], "Laptop");

        // Signed out, no username: the authenticator says whose passkey it is.
        let fresh = app.client();
        sign_in_with(&app, &fresh, &mut key).await;
        let me: Value = fresh
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
            .any(|s| s.auth_methods == civis_domain::AuthMethods::one(AuthMethod::Passkey)));
        let stored = app.store.passkeys_of(ann.id).await.unwrap();
        assert_eq!(stored[0].counter, 1);
        assert!(stored[0].last_used_at.is_some());

        // Removing it is audited, and it no longer signs in.
        let id = listed[0]["id"].as_i64().unwrap();
        let res = client
            .delete(app.url(&format!("/api/v1/me/passkeys/{id}")))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        let actions: Vec<AuditAction> = app
            .store
            .list_audit(&Default::default(), civis_store::Page::first(20))
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert!(actions.contains(&AuditAction::PasskeyRegistered));
        assert!(actions.contains(&AuditAction::PasskeyRemoved));
        let body = assertion(
            &app,
            &app.client(),
            None,
            &mut key,
            &origin(&app),
            &Tamper::default(),
        )
        .await;
        let res = post(&app, &app.client(), None, "/api/v1/auth/passkey", body).await;
        assert_eq!(
            code_of(&expect_problem(res, 422).await),
            "unknown_credential"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn attacks_are_refused_with_their_codes() {
    for db in databases().await {
        let app = TestApp::spawn_at_localhost(&db, civis_web::WebConfig::default()).await;
        let ann = app.create_user("ann", Role::Resident).await;
        let client = app.client();
        let csrf = app.sign_in(&client, "ann").await;
        let mut key = SoftAuthenticator::new().unwrap();
        register(&app, &client, &csrf, &mut key, "Phone").await;

        // Registration for another relying party, or from another origin.
        let mut other = SoftAuthenticator::new().unwrap();
        for (tamper, from, code) in [
            (
                Tamper {
                    rp_id: Some("evil.example".into()),
                },
                origin(&app),
                "wrong_rp_id",
            ),
            (
                Tamper::default(),
                "https://evil.example".to_owned(),
                "wrong_origin",
            ),
        ] {
            let started: Value = post(
                &app,
                &client,
                Some(&csrf),
                "/api/v1/me/passkeys/registration",
                json!({}),
            )
            .await
            .json()
            .await
            .unwrap();
            let credential = other.register(&started["options"], &from, &tamper).unwrap();
            let res = post(
                &app,
                &client,
                Some(&csrf),
                "/api/v1/me/passkeys",
                json!({"ceremony": started["ceremony"], "name": "Evil", "credential": credential}),
            )
            .await;
            assert_eq!(code_of(&expect_problem(res, 422).await), code);
        }
        assert_eq!(app.store.passkeys_of(ann.id).await.unwrap().len(), 1);

        let anon = app.client();
        // A wrong origin.
        let body = assertion(
            &app,
            &anon,
            None,
            &mut key,
            "https://evil.example",
            &Tamper::default(),
        )
        .await;
        let res = post(&app, &anon, None, "/api/v1/auth/passkey", body).await;
        assert_eq!(code_of(&expect_problem(res, 422).await), "wrong_origin");
        // A wrong RP id.
        let tamper = Tamper {
            rp_id: Some("evil.example".into()),
        };
        let body = assertion(&app, &anon, None, &mut key, &origin(&app), &tamper).await;
        let res = post(&app, &anon, None, "/api/v1/auth/passkey", body).await;
        assert_eq!(code_of(&expect_problem(res, 422).await), "wrong_rp_id");
        // A good assertion works once; replayed, its ceremony is gone.
        let winner = app.client();
        let body = assertion(
            &app,
            &winner,
            None,
            &mut key,
            &origin(&app),
            &Tamper::default(),
        )
        .await;
        let res = post(&app, &winner, None, "/api/v1/auth/passkey", body.clone()).await;
        assert_eq!(res.status(), 200);
        let res = post(
            &app,
            &app.client(),
            None,
            "/api/v1/auth/passkey",
            body.clone(),
        )
        .await;
        assert_eq!(code_of(&expect_problem(res, 422).await), "ceremony_unknown");
        // The same signed assertion against a new ceremony: the challenge differs.
        let started: Value = post(
            &app,
            &anon,
            None,
            "/api/v1/auth/passkey/challenge",
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
        let res = post(
            &app,
            &anon,
            None,
            "/api/v1/auth/passkey",
            json!({"ceremony": started["ceremony"], "credential": body["credential"]}),
        )
        .await;
        let code = code_of(&expect_problem(res, 422).await);
        assert!(code == "bad_signature" || code == "invalid", "{code}");

        // A cloned authenticator: its counter goes back.
        let before = app.store.passkeys_of(ann.id).await.unwrap()[0].counter;
        assert!(before >= 1);
        key.set_counter(0);
        let body = assertion(
            &app,
            &anon,
            None,
            &mut key,
            &origin(&app),
            &Tamper::default(),
        )
        .await;
        let res = post(&app, &anon, None, "/api/v1/auth/passkey", body).await;
        assert_eq!(
            code_of(&expect_problem(res, 422).await),
            "counter_regressed"
        );
        assert_eq!(
            app.store.passkeys_of(ann.id).await.unwrap()[0].counter,
            before
        );
        // An expired ceremony.
        key.set_counter(before + 10);
        let body = assertion(
            &app,
            &anon,
            None,
            &mut key,
            &origin(&app),
            &Tamper::default(),
        )
        .await;
        app.clock.advance_seconds(301);
        let res = post(&app, &anon, None, "/api/v1/auth/passkey", body).await;
        assert_eq!(code_of(&expect_problem(res, 422).await), "ceremony_unknown");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_passkey_steps_a_session_up() {
    for db in databases().await {
        let app = TestApp::spawn_at_localhost(&db, civis_web::WebConfig::default()).await;
        let ann = app.create_user("ann", Role::Resident).await;
        let client = app.client();
        let csrf = app.sign_in(&client, "ann").await;
        let mut key = SoftAuthenticator::new().unwrap();
        register(&app, &client, &csrf, &mut key, "Phone").await;
        // Signed in: the challenge lists the account's own passkeys.
        let started: Value = post(
            &app,
            &client,
            Some(&csrf),
            "/api/v1/auth/passkey/challenge",
            json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
        assert_eq!(
            started["options"]["publicKey"]["allowCredentials"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        let credential = key
            .assert(&started["options"], &origin(&app), &Tamper::default())
            .unwrap();
        let res = post(
            &app,
            &client,
            Some(&csrf),
            "/api/v1/auth/passkey",
            json!({"ceremony": started["ceremony"], "credential": credential}),
        )
        .await;
        assert_eq!(res.status(), 200);
        assert!(res.headers().get("set-cookie").is_none(), "same session");
        let sessions = app
            .store
            .list_user_sessions(ann.id, app.clock.now())
            .await
            .unwrap();
        assert_eq!(sessions.len(), 1);
        assert!(sessions[0].auth_methods.contains(AuthMethod::Passkey));
        assert!(sessions[0].auth_methods.contains(AuthMethod::Password));
        app.stop().await;
    }
}

#[tokio::test]
async fn pages_offer_passkeys_and_say_what_to_do_without_javascript() {
    for db in databases().await {
        let app = TestApp::spawn_at_localhost(&db, civis_web::WebConfig::default()).await;
        app.create_user("ann", Role::Resident).await;
        let anon = app.client();
        let page = anon
            .get(app.url("/sign-in"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("data-passkey=\"sign-in\""), "{page}");
        assert!(page.contains("<noscript>"), "{page}");
        let script = page
            .split("<script src=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        let res = anon.get(app.url(&script)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("navigator.credentials"));

        let client = app.client();
        let csrf = app.sign_in(&client, "ann").await;
        let mut key = SoftAuthenticator::new().unwrap();
        let view = register(&app, &client, &csrf, &mut key, "Phone").await;
        let page = client
            .get(app.url("/account/security"))
            .header("accept-language", "es")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Phone"), "{page}");
        assert!(page.contains("Llaves de acceso"), "{page}");
        // Removing from the page needs the CSRF token.
        let path = format!("/account/passkeys/{}/remove", view["id"]);
        let res = client
            .post(app.url(&path))
            .form(&[("x", "y")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = client
            .post(app.url(&path))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        // Another account's passkey cannot be removed: 404.
        let res = client
            .post(app.url(&path))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        app.stop().await;
    }
}
