//! The devices page and API: sessions with their user agent and methods,
//! revoking one (audited), never another account's.

use civis_domain::{AuditAction, Role};
use serde_json::Value;

use crate::harness::{databases, expect_problem, TestApp};

#[tokio::test]
async fn sessions_are_listed_and_revoked() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("ann", Role::Resident).await;
        app.create_user("bob", Role::Resident).await;
        let laptop = app.client();
        let csrf = app.sign_in(&laptop, "ann").await;
        let phone = reqwest::Client::builder()
            .cookie_store(true)
            .user_agent("Phone browser 1.0")
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        app.sign_in(&phone, "ann").await;
        let bob = app.client();
        let bob_csrf = app.sign_in(&bob, "bob").await;

        let listed: Value = laptop
            .get(app.url("/api/v1/me/sessions"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let sessions = listed.as_array().unwrap();
        assert_eq!(sessions.len(), 2);
        let phone_row = sessions
            .iter()
            .find(|s| s["user_agent"] == "Phone browser 1.0")
            .expect("the phone's user agent");
        assert_eq!(phone_row["methods"], serde_json::json!(["pwd"]));
        assert_eq!(phone_row["current"], false);
        let id = phone_row["id"].as_str().unwrap().to_owned();

        // The page shows it, in the reader's language.
        let page = laptop
            .get(app.url("/account/security"))
            .header("accept-language", "et")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Phone browser 1.0"), "{page}");
        assert!(page.contains("Kus oled sisse logitud"), "{page}");

        // Bob cannot end Ann's session; without CSRF nobody can.
        let res = bob
            .delete(app.url(&format!("/api/v1/me/sessions/{id}")))
            .header("x-csrf-token", &bob_csrf)
            .send()
            .await
            .unwrap();
        expect_problem(res, 404).await;
        let res = laptop
            .post(app.url(&format!("/account/sessions/{id}/revoke")))
            .form(&[("x", "y")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = laptop
            .post(app.url(&format!("/account/sessions/{id}/revoke")))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let res = phone.get(app.url("/api/v1/me")).send().await.unwrap();
        expect_problem(res, 401).await;
        let events = app
            .store
            .list_audit(&Default::default(), civis_store::Page::first(10))
            .await
            .unwrap();
        assert_eq!(events[0].action, AuditAction::SessionRevoked);

        // Signed out: 401 on the API, sign-in on the page.
        let anon = app.client();
        expect_problem(
            anon.get(app.url("/api/v1/me/sessions"))
                .send()
                .await
                .unwrap(),
            401,
        )
        .await;
        let res = anon.get(app.url("/account/security")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        app.stop().await;
    }
}
