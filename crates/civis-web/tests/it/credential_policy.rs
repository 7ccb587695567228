//! The credential policy: officials and admins must sign in with a passkey to use their
//! role (residents and, by default, auditors are unaffected), refused with
//! `passkey_required` on the API and a page that says what to do; and removing a
//! credential needs a recent authentication and never takes an official's last passkey.
//! Real WebAuthn ceremonies with the software authenticator.

use civis_domain::Role;
use civis_identity::soft_authenticator::{SoftAuthenticator, Tamper};
use serde_json::{json, Value};

use crate::auth_passkeys::{origin, register, sign_in_with};
use crate::harness::{databases, expect_problem, TestApp};

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> reqwest::Response {
    client.get(app.url(path)).send().await.unwrap()
}

async fn assert_passkey_required(res: reqwest::Response) {
    let p = expect_problem(res, 403).await;
    assert_eq!(p["type"], "urn:civis:problem:passkey-required", "{p}");
    assert_eq!(p["code"], "passkey_required", "{p}");
}

/// Steps the signed-in `client`'s session up with `key` (a passkey assertion sent with
/// the session).
async fn step_up_with(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: &str,
    key: &mut SoftAuthenticator,
) {
    let started: Value = client
        .post(app.url("/api/v1/auth/passkey/challenge"))
        .header("x-csrf-token", csrf)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let credential = key
        .assert(&started["options"], &origin(app), &Tamper::default())
        .unwrap();
    let res = client
        .post(app.url("/api/v1/auth/passkey"))
        .header("x-csrf-token", csrf)
        .json(&json!({"ceremony": started["ceremony"], "credential": credential}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
}

#[tokio::test]
async fn officials_and_admins_need_a_passkey_residents_do_not() {
    for db in databases().await {
        let app = TestApp::spawn_strict(&db, civis_web::WebConfig::default()).await;
        app.create_user("ann", Role::Resident).await;
        app.create_user("olga", Role::Official).await;
        app.create_user("adam", Role::Admin).await;
        app.create_user("audrey", Role::Auditor).await;

        // A resident with a password: unaffected.
        let ann = app.client();
        app.sign_in(&ann, "ann").await;
        assert_eq!(get(&ann, &app, "/api/v1/me").await.status(), 200);
        assert_eq!(get(&ann, &app, "/processes").await.status(), 200);
        // An auditor is not in the default policy.
        let audrey = app.client();
        app.sign_in(&audrey, "audrey").await;
        assert_eq!(
            get(&audrey, &app, "/api/v1/audit-events").await.status(),
            200
        );

        // An official with a password: resident functions and the sign-in methods page,
        // nothing of the role, on the API and the pages.
        let olga = app.client();
        let csrf = app.sign_in(&olga, "olga").await;
        let me: Value = get(&olga, &app, "/api/v1/me").await.json().await.unwrap();
        assert_eq!(me["user"]["username"], "olga");
        assert_eq!(get(&olga, &app, "/processes").await.status(), 200);
        assert_passkey_required(get(&olga, &app, "/api/v1/users").await).await;
        let before = app.counts().await;
        let res = olga
            .post(app.url("/api/v1/processes"))
            .header("x-csrf-token", &csrf)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_passkey_required(res).await;
        assert_eq!(app.counts().await, before, "nothing written");
        let page = get(&olga, &app, "/processes/new").await;
        assert_eq!(page.status(), 403);
        let html = page.text().await.unwrap();
        assert!(html.contains("A passkey is needed"), "{html}");
        assert!(html.contains("href=\"/account/security\""), "{html}");
        let security = get(&olga, &app, "/account/security").await;
        assert_eq!(security.status(), 200);
        let html = security.text().await.unwrap();
        assert!(html.contains("needs a passkey"), "{html}");

        // She adds a passkey in this session, and with it the role is hers: by stepping
        // this session up, or by signing in with it.
        let mut key = SoftAuthenticator::new().unwrap();
        register(&app, &olga, &csrf, &mut key, "Work laptop").await;
        assert_passkey_required(get(&olga, &app, "/api/v1/users").await).await;
        step_up_with(&app, &olga, &csrf, &mut key).await;
        assert_eq!(get(&olga, &app, "/api/v1/users").await.status(), 200);
        let fresh = app.client();
        sign_in_with(&app, &fresh, &mut key).await;
        assert_eq!(get(&fresh, &app, "/api/v1/users").await.status(), 200);
        assert_eq!(get(&fresh, &app, "/processes/new").await.status(), 200);

        // An admin likewise.
        let adam = app.client();
        let csrf = app.sign_in(&adam, "adam").await;
        assert_passkey_required(get(&adam, &app, "/api/v1/users").await).await;
        let page = get(&adam, &app, "/admin/users").await;
        assert_eq!(page.status(), 403);
        assert!(page
            .text()
            .await
            .unwrap()
            .contains("href=\"/account/security\""));
        let mut key = SoftAuthenticator::new().unwrap();
        register(&app, &adam, &csrf, &mut key, "Phone").await;
        let fresh = app.client();
        sign_in_with(&app, &fresh, &mut key).await;
        assert_eq!(get(&fresh, &app, "/admin/users").await.status(), 200);
        app.stop().await;
    }
}

#[tokio::test]
async fn the_policy_follows_the_configured_roles() {
    for db in databases().await {
        let mut config = civis_web::WebConfig::default();
        config.credentials.passkey_required_for = vec![Role::Auditor];
        let app = TestApp::spawn_strict(&db, config).await;
        app.create_user("olga", Role::Official).await;
        app.create_user("audrey", Role::Auditor).await;
        let olga = app.client();
        app.sign_in(&olga, "olga").await;
        assert_eq!(get(&olga, &app, "/api/v1/users").await.status(), 200);
        let audrey = app.client();
        app.sign_in(&audrey, "audrey").await;
        assert_passkey_required(get(&audrey, &app, "/api/v1/audit-events").await).await;
        app.stop().await;
    }
}

#[tokio::test]
async fn removing_a_passkey_needs_a_recent_authentication() {
    for db in databases().await {
        let app = TestApp::spawn_strict(&db, civis_web::WebConfig::default()).await;
        app.create_user("ann", Role::Resident).await;
        let ann = app.client();
        let csrf = app.sign_in(&ann, "ann").await;
        let mut key = SoftAuthenticator::new().unwrap();
        let first = register(&app, &ann, &csrf, &mut key, "Laptop").await;
        let mut other = SoftAuthenticator::new().unwrap();
        let second = register(&app, &ann, &csrf, &mut other, "Phone").await;
        let (first, second) = (
            first["id"].as_i64().unwrap(),
            second["id"].as_i64().unwrap(),
        );

        // Eleven minutes after signing in: refused on the API, sent through step-up on
        // the page, and nothing removed.
        app.clock.advance_seconds(11 * 60);
        let res = ann
            .delete(app.url(&format!("/api/v1/me/passkeys/{first}")))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 403).await;
        assert_eq!(p["code"], "reauth_required", "{p}");
        let res = ann
            .post(app.url(&format!("/account/passkeys/{first}/remove")))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let to = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(to.starts_with("/step-up?reauth=1&return_to="), "{to}");
        let page = get(&ann, &app, &to).await;
        assert_eq!(page.status(), 200, "the step-up page asks again");
        assert!(page
            .text()
            .await
            .unwrap()
            .contains("Removing a sign-in method"));
        assert_eq!(
            app.store
                .passkeys_of(app_user(&app, "ann").await)
                .await
                .unwrap()
                .len(),
            2
        );

        // Proving it again (a passkey, on this session) brings the page back, and the
        // removal goes through.
        step_up_with(&app, &ann, &csrf, &mut other).await;
        let back = get(&ann, &app, &to).await;
        assert_eq!(back.status(), 303);
        assert_eq!(
            back.headers()["location"],
            "/account/security?done=reauth",
            "re-authenticated: straight back"
        );
        let res = ann
            .post(app.url(&format!("/account/passkeys/{first}/remove")))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()["location"],
            "/account/security?done=passkey-removed"
        );
        let left = app
            .store
            .passkeys_of(app_user(&app, "ann").await)
            .await
            .unwrap();
        assert_eq!(left.iter().map(|k| k.id).collect::<Vec<_>>(), vec![second]);
        // A resident may remove her last passkey.
        let res = ann
            .delete(app.url(&format!("/api/v1/me/passkeys/{second}")))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        app.stop().await;
    }
}

#[tokio::test]
async fn an_official_keeps_the_last_passkey() {
    for db in databases().await {
        let app = TestApp::spawn_strict(&db, civis_web::WebConfig::default()).await;
        app.create_user("olga", Role::Official).await;
        let olga = app.client();
        let csrf = app.sign_in(&olga, "olga").await;
        let mut key = SoftAuthenticator::new().unwrap();
        let only = register(&app, &olga, &csrf, &mut key, "Laptop").await["id"]
            .as_i64()
            .unwrap();
        let res = olga
            .delete(app.url(&format!("/api/v1/me/passkeys/{only}")))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 409).await;
        assert_eq!(p["code"], "last_passkey", "{p}");
        let res = olga
            .post(app.url(&format!("/account/passkeys/{only}/remove")))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("This is your last passkey"));
        let mut spare = SoftAuthenticator::new().unwrap();
        register(&app, &olga, &csrf, &mut spare, "Spare key").await;
        let res = olga
            .delete(app.url(&format!("/api/v1/me/passkeys/{only}")))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        app.stop().await;
    }
}

async fn app_user(app: &TestApp, name: &str) -> civis_domain::UserId {
    app.store
        .user_by_username(&civis_domain::Username::parse(name).unwrap())
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn removing_the_authenticator_app_needs_a_recent_authentication() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("ann", Role::Resident).await;
        let ann = app.client();
        let csrf = app.sign_in(&ann, "ann").await;
        crate::auth_totp::enrol_api(&app, &ann, &csrf).await;
        app.clock.advance_seconds(11 * 60);
        let res = ann
            .delete(app.url("/api/v1/me/totp"))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 403).await;
        assert_eq!(p["code"], "reauth_required", "{p}");
        let res = ann
            .post(app.url("/account/totp/remove"))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let to = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(to.starts_with("/step-up?reauth=1&"), "{to}");
        let page = get(&ann, &app, &to).await.text().await.unwrap();
        assert!(
            page.contains("name=\"code\""),
            "a code field to prove it again: {page}"
        );
        app.clock.advance_seconds(-11 * 60);
        let res = ann
            .delete(app.url("/api/v1/me/totp"))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204, "within the window");
        app.stop().await;
    }
}
