//! New passwords are checked against the list of common and breached
//! passwords, on the API and on the sign-up form, and nothing is stored.

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
