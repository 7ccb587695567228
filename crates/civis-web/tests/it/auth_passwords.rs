//! New passwords are checked against the list of common and breached
//! passwords, on the API and on the sign-up form, and nothing is stored; a
//! signed-in resident changes their password with the current one, on the page
//! and the API, and their other sessions end.

use civis_domain::{AuditAction, Role};
use civis_store::{AuditFilter, Page};

use crate::harness::{databases, expect_problem, TestApp};

#[tokio::test]
async fn common_passwords_are_refused_with_the_field_named() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let client = app.client();
        let before = app.counts().await;
        for weak in [
            "qwerty123456",
            "Password2024!",
            "P@55w0rd1234",
            "monkeymonkey",
        ] {
            let res = client
                .post(app.url("/api/v1/auth/sign-up"))
                .json(&serde_json::json!({"username": "alice", "password": weak}))
                .send()
                .await
                .unwrap();
            let p = expect_problem(res, 422).await;
            assert_eq!(p["errors"][0]["field"], "password", "{weak}: {p}");
            assert!(
                p["errors"][0]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("too common"),
                "{p}"
            );
        }
        assert_eq!(app.counts().await, before, "nothing stored");

        // The form shows the message next to the password field, in the reader's language.
        let page = client
            .get(app.url("/sign-up"))
            .header("accept-language", "es")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let csrf = crate::auth_support::hidden(&page, "csrf_token");
        let res = client
            .post(app.url("/sign-up"))
            .header("accept-language", "es")
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("username", "alice"),
                ("display_name", "Alice"),
                ("password", "Sunshine2024!"),
                ("password_confirm", "Sunshine2024!"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(
            body.contains("id=\"password-error\">Esta contraseña es demasiado común"),
            "{body}"
        );
        assert_eq!(app.counts().await, before, "nothing stored");

        // A long phrase passes.
        let res = client
            .post(app.url("/api/v1/auth/sign-up"))
            .json(&serde_json::json!({"username": "bob", "password": "violet tram orbit ninety"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        app.stop().await;
    }
}

const NEW_PASSWORD: &str = "lantern orchard velvet tide";

async fn sign_in_with(app: &TestApp, password: &str) -> u16 {
    app.client()
        .post(app.url("/api/v1/auth/sign-in"))
        .json(&serde_json::json!({"username": "ann", "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn password_changes(app: &TestApp) -> u64 {
    let filter = AuditFilter {
        action: Some(AuditAction::PasswordChanged),
        ..Default::default()
    };
    app.store.count_audit(&filter).await.unwrap()
}

#[tokio::test]
async fn a_resident_changes_the_password_on_the_page_and_the_other_sessions_end() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let ann = app.create_user("ann", Role::Resident).await;
        let laptop = app.client();
        app.sign_in(&laptop, "ann").await;
        let phone = app.client();
        app.sign_in(&phone, "ann").await;
        let get = |client: &reqwest::Client, path: &str| {
            let req = client.get(app.url(path));
            async move { req.send().await.unwrap() }
        };

        let security = get(&laptop, "/account/security")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            security.contains("href=\"/account/password\""),
            "{security}"
        );
        let form = get(&laptop, "/account/password")
            .await
            .text()
            .await
            .unwrap();
        assert!(form.contains("name=\"current_password\""), "{form}");
        let csrf = crate::auth_support::hidden(&form, "csrf_token");
        let post = |fields: [(&'static str, &'static str); 3]| {
            let mut all = vec![("csrf_token", csrf.clone())];
            all.extend(fields.iter().map(|(k, v)| (*k, (*v).to_owned())));
            let req = laptop.post(app.url("/account/password")).form(&all);
            async move { req.send().await.unwrap() }
        };
        let before = password_changes(&app).await;
        let forged = laptop
            .post(app.url("/account/password"))
            .form(&[
                ("current_password", crate::harness::PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("new_password_confirm", NEW_PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 403, "no CSRF token");

        // Each refusal names its field and changes nothing.
        for (fields, field, words) in [
            (
                [
                    ("current_password", "not my password at all"),
                    ("new_password", NEW_PASSWORD),
                    ("new_password_confirm", NEW_PASSWORD),
                ],
                "current_password",
                "current password is missing or wrong",
            ),
            (
                [
                    ("current_password", crate::harness::PASSWORD),
                    ("new_password", "qwerty123456"),
                    ("new_password_confirm", "qwerty123456"),
                ],
                "new_password",
                "too common",
            ),
            (
                [
                    ("current_password", crate::harness::PASSWORD),
                    ("new_password", NEW_PASSWORD),
                    ("new_password_confirm", "lantern orchard velvet"),
                ],
                "new_password_confirm",
                "do not match",
            ),
        ] {
            let res = post(fields).await;
            assert_eq!(res.status(), 422, "{field}");
            let page = res.text().await.unwrap();
            assert!(page.contains(words), "{field}: {page}");
            assert!(
                page.contains(&format!("id=\"{field}\"")) && page.contains("aria-invalid=\"true\""),
                "{field}: {page}"
            );
        }
        assert_eq!(password_changes(&app).await, before);
        assert_eq!(sign_in_with(&app, crate::harness::PASSWORD).await, 200);

        let res = post([
            ("current_password", crate::harness::PASSWORD),
            ("new_password", NEW_PASSWORD),
            ("new_password_confirm", NEW_PASSWORD),
        ])
        .await;
        assert_eq!(res.status(), 303);
        assert_eq!(
            res.headers()["location"],
            "/account/security?done=password-changed"
        );
        let done = get(&laptop, "/account/security?done=password-changed")
            .await
            .text()
            .await
            .unwrap();
        assert!(done.contains("Your password was changed"), "{done}");
        assert_eq!(
            get(&phone, "/account").await.status(),
            303,
            "the phone is signed out"
        );
        assert_eq!(sign_in_with(&app, crate::harness::PASSWORD).await, 401);
        assert_eq!(sign_in_with(&app, NEW_PASSWORD).await, 200);
        let events = app
            .store
            .list_audit(
                &AuditFilter {
                    action: Some(AuditAction::PasswordChanged),
                    ..Default::default()
                },
                Page::first(5),
            )
            .await
            .unwrap();
        assert_eq!(events.len() as u64, before + 1);
        assert_eq!(events[0].actor, Some(ann.id));
        let text = serde_json::to_string(&events[0].after).unwrap();
        assert!(
            !text.contains("argon2") && !text.contains("lantern"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn the_api_changes_the_password_and_refuses_with_the_field_named() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("ann", Role::Resident).await;
        let client = app.client();
        let csrf = app.sign_in(&client, "ann").await;
        let other = app.client();
        app.sign_in(&other, "ann").await;
        let change = |body: serde_json::Value| {
            let req = client
                .post(app.url("/api/v1/me/password"))
                .header("x-csrf-token", &csrf)
                .json(&body);
            async move { req.send().await.unwrap() }
        };

        let anonymous = app
            .client()
            .post(app.url("/api/v1/me/password"))
            .json(&serde_json::json!({"new_password": NEW_PASSWORD}))
            .send()
            .await
            .unwrap();
        expect_problem(anonymous, 401).await;
        let p = expect_problem(
            change(serde_json::json!({"new_password": NEW_PASSWORD})).await,
            422,
        )
        .await;
        assert_eq!(p["errors"][0]["field"], "current_password", "{p}");
        let p = expect_problem(
            change(serde_json::json!({
                "current_password": crate::harness::PASSWORD,
                "new_password": "P@55w0rd1234",
            }))
            .await,
            422,
        )
        .await;
        assert_eq!(p["errors"][0]["field"], "new_password", "{p}");
        assert_eq!(sign_in_with(&app, crate::harness::PASSWORD).await, 200);

        let res = change(serde_json::json!({
            "current_password": crate::harness::PASSWORD,
            "new_password": NEW_PASSWORD,
        }))
        .await;
        assert_eq!(res.status(), 200);
        let body: serde_json::Value = res.json().await.unwrap();
        // The other browser and the sign-in just above.
        assert_eq!(body["sessions_ended"], 2, "{body}");
        let me = client.get(app.url("/api/v1/me")).send().await.unwrap();
        assert_eq!(me.status(), 200, "this session stays");
        let gone = other.get(app.url("/api/v1/me")).send().await.unwrap();
        assert_eq!(gone.status(), 401, "the other session ended");
        assert_eq!(sign_in_with(&app, NEW_PASSWORD).await, 200);
    }
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_like_a_sign_in() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("ann", Role::Resident).await;
        let client = app.client();
        let csrf = app.sign_in(&client, "ann").await;
        let mut statuses = Vec::new();
        for i in 0..12 {
            let res = client
                .post(app.url("/api/v1/me/password"))
                .header("x-csrf-token", &csrf)
                .json(&serde_json::json!({
                    "current_password": format!("guess number {i} of many"),
                    "new_password": NEW_PASSWORD,
                }))
                .send()
                .await
                .unwrap();
            statuses.push(res.status().as_u16());
        }
        assert_eq!(statuses[0], 422, "{statuses:?}");
        assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
        // The right password is refused too while throttled, and nothing changed.
        let res = client
            .post(app.url("/api/v1/me/password"))
            .header("x-csrf-token", &csrf)
            .json(&serde_json::json!({
                "current_password": crate::harness::PASSWORD,
                "new_password": NEW_PASSWORD,
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 429);
        assert_eq!(password_changes(&app).await, 0);
    }
}
