//! Registering client services: only admins, through the API and the pages,
//! with CSRF, field errors, conflicts, secrets shown once and audited.

use civis_domain::{AuditAction, Role};
use civis_store::AuditFilter;
use serde_json::json;

use crate::harness::{databases, expect_problem, TestApp};

fn body() -> serde_json::Value {
    json!({
        "client_id": "library",
        "name": "City Library",
        "redirect_uris": ["https://library.example.org/cb"],
        "scopes": ["profile"],
        "min_level": "substantial",
        "kind": "confidential"
    })
}

#[tokio::test]
async fn only_admins_register_clients() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        for (name, role) in [
            ("res", Role::Resident),
            ("off", Role::Official),
            ("aud", Role::Auditor),
        ] {
            app.create_user(name, role).await;
            let c = app.client();
            let csrf = app.sign_in(&c, name).await;
            let res = c.get(app.url("/api/v1/oidc/clients")).send().await.unwrap();
            expect_problem(res, 403).await;
            let res = c
                .post(app.url("/api/v1/oidc/clients"))
                .header("x-csrf-token", &csrf)
                .json(&body())
                .send()
                .await
                .unwrap();
            expect_problem(res, 403).await;
            let res = c.get(app.url("/admin/oidc-clients")).send().await.unwrap();
            assert_eq!(res.status(), 403, "{name}");
            let res = c
                .post(app.url("/admin/oidc-clients"))
                .form(&[
                    ("csrf_token", csrf.as_str()),
                    ("client_id", "x-service"),
                    ("name", "X"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 403, "{name}");
        }
        let anon = app.client();
        expect_problem(
            anon.get(app.url("/api/v1/oidc/clients"))
                .send()
                .await
                .unwrap(),
            401,
        )
        .await;
        let res = anon
            .get(app.url("/admin/oidc-clients"))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_redirection());
        assert!(app.store.list_oidc_clients().await.unwrap().is_empty());
        app.stop().await;
    }
}

#[tokio::test]
async fn admins_register_change_and_rotate_secrets_through_the_api() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("admin", Role::Admin).await;
        let c = app.client();
        let csrf = app.sign_in(&c, "admin").await;
        // Without the CSRF header: refused.
        let res = c
            .post(app.url("/api/v1/oidc/clients"))
            .json(&body())
            .send()
            .await
            .unwrap();
        expect_problem(res, 403).await;

        let res = c
            .post(app.url("/api/v1/oidc/clients"))
            .header("x-csrf-token", &csrf)
            .json(&body())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        let created: serde_json::Value = res.json().await.unwrap();
        let secret = created["client_secret"].as_str().unwrap().to_owned();
        assert_eq!(secret.len(), 64);
        assert_eq!(created["client"]["scopes"], json!(["openid", "profile"]));
        assert_eq!(created["client"]["subject_type"], "pairwise");
        let stored = app
            .store
            .oidc_client(&civis_oidc::ClientId::parse("library").unwrap())
            .await
            .unwrap();
        assert_eq!(
            stored.secret_hash,
            Some(civis_oidc::token::secret_hash(&secret))
        );

        // The same id again; bad fields, each named.
        let res = c
            .post(app.url("/api/v1/oidc/clients"))
            .header("x-csrf-token", &csrf)
            .json(&body())
            .send()
            .await
            .unwrap();
        expect_problem(res, 409).await;
        let res = c
            .post(app.url("/api/v1/oidc/clients"))
            .header("x-csrf-token", &csrf)
            .json(&json!({
                "client_id": "X",
                "name": "",
                "redirect_uris": ["http://evil.example/cb"],
                "min_level": "max",
                "kind": "confidential",
                "id_token_signed_response_alg": "none"
            }))
            .send()
            .await
            .unwrap();
        let problem = expect_problem(res, 422).await;
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(
            fields,
            vec![
                "client_id",
                "name",
                "redirect_uris",
                "min_level",
                "id_token_signed_response_alg"
            ]
        );

        // Change it to public with a public subject: the secret goes.
        let mut changed = body();
        changed["kind"] = "public".into();
        changed["subject_type"] = "public".into();
        changed["id_token_signed_response_alg"] = "ES256".into();
        let res = c
            .put(app.url("/api/v1/oidc/clients/library"))
            .header("x-csrf-token", &csrf)
            .json(&changed)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let view: serde_json::Value = res.json().await.unwrap();
        assert_eq!(view["client"]["subject_type"], "public");
        assert_eq!(view["client"]["id_token_signed_response_alg"], "ES256");
        assert!(view["client_secret"].is_null());
        let res = c
            .post(app.url("/api/v1/oidc/clients/library/secret"))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        expect_problem(res, 409).await;
        // Back to confidential: a new secret, and it can be replaced.
        let res = c
            .put(app.url("/api/v1/oidc/clients/library"))
            .header("x-csrf-token", &csrf)
            .json(&body())
            .send()
            .await
            .unwrap();
        let view: serde_json::Value = res.json().await.unwrap();
        let second = view["client_secret"].as_str().unwrap().to_owned();
        let res = c
            .post(app.url("/api/v1/oidc/clients/library/secret"))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        let view: serde_json::Value = res.json().await.unwrap();
        assert_ne!(view["client_secret"].as_str().unwrap(), second);
        let res = c
            .get(app.url("/api/v1/oidc/clients/library"))
            .send()
            .await
            .unwrap();
        let view: serde_json::Value = res.json().await.unwrap();
        assert!(view.get("client_secret").is_none());
        assert!(!view.to_string().contains(&second));
        expect_problem(
            c.get(app.url("/api/v1/oidc/clients/nobody"))
                .send()
                .await
                .unwrap(),
            404,
        )
        .await;

        let count = |action| {
            let store = app.store.clone();
            async move {
                store
                    .count_audit(&AuditFilter {
                        action: Some(action),
                        ..AuditFilter::default()
                    })
                    .await
                    .unwrap()
            }
        };
        assert_eq!(count(AuditAction::OidcClientRegistered).await, 1);
        assert_eq!(count(AuditAction::OidcClientChanged).await, 2);
        assert_eq!(count(AuditAction::OidcClientSecretReset).await, 3);
        let events = app
            .store
            .list_audit(&AuditFilter::default(), civis_store::Page::new(0, 100))
            .await
            .unwrap();
        for e in events {
            let text = format!("{:?} {:?}", e.before, e.after);
            assert!(!text.contains(&second), "no secret in the audit log");
        }

        // The token endpoint sees a new secret at once, though it has just read the
        // client (which it keeps for a second).
        let current = view_secret(&c, &app, &csrf).await;
        assert_eq!(
            token_error(&app, &current).await,
            (400, "invalid_grant".into())
        );
        let next = view_secret(&c, &app, &csrf).await;
        assert_eq!(
            token_error(&app, &current).await,
            (401, "invalid_client".into())
        );
        assert_eq!(
            token_error(&app, &next).await,
            (400, "invalid_grant".into())
        );
        app.stop().await;
    }
}

/// Resets the `library` client's secret through the API and returns the new one.
async fn view_secret(c: &reqwest::Client, app: &TestApp, csrf: &str) -> String {
    let res = c
        .post(app.url("/api/v1/oidc/clients/library/secret"))
        .header("x-csrf-token", csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let view: serde_json::Value = res.json().await.unwrap();
    view["client_secret"].as_str().unwrap().to_owned()
}

/// The status and OAuth error of redeeming a made-up code as `library` with `secret`.
async fn token_error(app: &TestApp, secret: &str) -> (u16, String) {
    let res = reqwest::Client::new()
        .post(app.url("/oidc/token"))
        .basic_auth("library", Some(secret))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", "no-such-code"),
            ("redirect_uri", "https://library.example.org/cb"),
            ("code_verifier", &"v".repeat(43)),
        ])
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body: serde_json::Value = res.json().await.unwrap();
    (
        status,
        body["error"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn the_admin_pages_register_with_errors_next_to_the_fields() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("admin", Role::Admin).await;
        let c = app.client();
        let csrf = app.sign_in(&c, "admin").await;
        let page = c
            .get(app.url("/admin/oidc-clients"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Register a service"));
        assert!(
            page.contains("href=\"/admin/oidc-clients\""),
            "navigation link"
        );

        let res = c
            .post(app.url("/admin/oidc-clients"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("client_id", "library"),
                ("name", "City Library"),
                ("redirect_uris", "http://library.example.org/cb"),
                ("min_level", "low"),
                ("subject_type", "pairwise"),
                ("kind", "confidential"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("id=\"redirect_uris-error\""), "{page}");
        assert!(page.contains("A redirect URI must use https"));
        assert!(page.contains("City Library"), "what was typed is kept");
        assert!(app.store.list_oidc_clients().await.unwrap().is_empty());

        // Without the CSRF token: refused.
        let res = c
            .post(app.url("/admin/oidc-clients"))
            .form(&[("client_id", "library"), ("name", "City Library")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);

        let res = c
            .post(app.url("/admin/oidc-clients"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("client_id", "library"),
                ("name", "City Library"),
                (
                    "redirect_uris",
                    "https://library.example.org/cb\nhttp://localhost:3000/cb",
                ),
                ("scopes", "profile"),
                ("scopes", "address"),
                ("min_level", "substantial"),
                ("subject_type", "pairwise"),
                ("kind", "confidential"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers().get("cache-control").unwrap(), "no-store");
        let page = res.text().await.unwrap();
        assert!(
            page.contains("id=\"client-secret\""),
            "the secret is shown once"
        );
        let client = app
            .store
            .oidc_client(&civis_oidc::ClientId::parse("library").unwrap())
            .await
            .unwrap();
        assert_eq!(client.settings.redirect_uris.len(), 2);
        assert_eq!(
            client.settings.allowed_scopes.to_scope_string(),
            "openid profile address"
        );
        let page = c
            .get(app.url("/admin/oidc-clients/library"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!page.contains("id=\"client-secret\""), "and never again");
        let res = c
            .post(app.url("/admin/oidc-clients/library/secret"))
            .form(&[("csrf_token", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert!(res.text().await.unwrap().contains("id=\"client-secret\""));
        let res = c
            .post(app.url("/admin/oidc-clients/library"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("name", "City Library"),
                ("redirect_uris", ""),
                ("min_level", "substantial"),
                ("subject_type", "pairwise"),
                ("kind", "confidential"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("Enter at least one redirect URI."));
        assert_eq!(
            c.get(app.url("/admin/oidc-clients/nobody"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        app.stop().await;
    }
}
