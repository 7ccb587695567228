//! Authorization of every API route for every role: signed out, resident, official,
//! admin, auditor. The table must cover every route the API router serves.

use civis_domain::Role;
use serde_json::{json, Value};

use crate::harness::{databases, served_routes, TestApp};

/// Who makes a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    SignedOut,
    Resident,
    Official,
    Admin,
    Auditor,
}

const WHO: [Who; 5] = [
    Who::SignedOut,
    Who::Resident,
    Who::Official,
    Who::Admin,
    Who::Auditor,
];

impl Who {
    fn username(self) -> &'static str {
        match self {
            Who::SignedOut => "",
            Who::Resident => "resi",
            Who::Official => "offi",
            Who::Admin => "admi",
            Who::Auditor => "audi",
        }
    }
}

/// One row: a request and the expected status for each of [`WHO`], in order.
struct Row {
    method: &'static str,
    template: &'static str,
    path: &'static str,
    body: fn(Who) -> Option<Value>,
    expect: [u16; 5],
}

fn none(_: Who) -> Option<Value> {
    None
}

fn oidc_client_body() -> Value {
    json!({
        "client_id": "authz-service",
        "name": "Authz service",
        "redirect_uris": ["https://service.example.org/cb"],
        "min_level": "low",
        "kind": "confidential"
    })
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            method: "GET",
            template: "/api/v1/version",
            path: "/api/v1/version",
            body: none,
            expect: [200, 200, 200, 200, 200],
        },
        Row {
            method: "GET",
            template: "/api/v1/me",
            path: "/api/v1/me",
            body: none,
            expect: [401, 200, 200, 200, 200],
        },
        Row {
            method: "GET",
            template: "/api/v1/users",
            path: "/api/v1/users",
            body: none,
            expect: [401, 403, 200, 200, 200],
        },
        Row {
            method: "POST",
            template: "/api/v1/users",
            path: "/api/v1/users",
            body: |w| {
                Some(
                    json!({"username": format!("new-{:?}", w).to_lowercase(), "password": "correct horse battery", "role": "resident"}),
                )
            },
            expect: [401, 403, 403, 201, 403],
        },
        // A resident reading another resident: 404, as if it did not exist.
        Row {
            method: "GET",
            template: "/api/v1/users/{username}",
            path: "/api/v1/users/resi2",
            body: none,
            expect: [401, 404, 200, 200, 200],
        },
        Row {
            method: "PUT",
            template: "/api/v1/users/{username}/role",
            path: "/api/v1/users/resi2/role",
            body: |_| Some(json!({"role": "official"})),
            expect: [401, 403, 403, 200, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/oidc/clients",
            path: "/api/v1/oidc/clients",
            body: none,
            expect: [401, 403, 403, 200, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/oidc/clients",
            path: "/api/v1/oidc/clients",
            body: |_| Some(oidc_client_body()),
            expect: [401, 403, 403, 201, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/oidc/clients/{client_id}",
            path: "/api/v1/oidc/clients/authz-service",
            body: none,
            expect: [401, 403, 403, 200, 403],
        },
        Row {
            method: "PUT",
            template: "/api/v1/oidc/clients/{client_id}",
            path: "/api/v1/oidc/clients/authz-service",
            body: |_| Some(oidc_client_body()),
            expect: [401, 403, 403, 200, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/oidc/clients/{client_id}/secret",
            path: "/api/v1/oidc/clients/authz-service/secret",
            body: none,
            expect: [401, 403, 403, 200, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/audit-events",
            path: "/api/v1/audit-events",
            body: none,
            expect: [401, 403, 403, 200, 200],
        },
        Row {
            method: "GET",
            template: "/api/v1/log/audit/proof/inclusion",
            path: "/api/v1/log/audit/proof/inclusion?index=0&size=1",
            body: none,
            expect: [200, 200, 200, 200, 200],
        },
        Row {
            method: "GET",
            template: "/api/v1/log/audit/proof/consistency",
            path: "/api/v1/log/audit/proof/consistency?old=0&new=1",
            body: none,
            expect: [200, 200, 200, 200, 200],
        },
        Row {
            method: "POST",
            template: "/api/v1/auth/sign-up",
            path: "/api/v1/auth/sign-up",
            body: |w| {
                Some(
                    json!({"username": format!("signup-{:?}", w).to_lowercase(), "password": "correct horse battery"}),
                )
            },
            expect: [201, 409, 409, 409, 409],
        },
        Row {
            method: "POST",
            template: "/api/v1/auth/sign-in",
            path: "/api/v1/auth/sign-in",
            body: |w| {
                Some(
                    json!({"username": if w == Who::SignedOut { "resi" } else { w.username() }, "password": "correct horse battery"}),
                )
            },
            expect: [200, 200, 200, 200, 200],
        },
        Row {
            method: "POST",
            template: "/api/v1/auth/sign-in/totp",
            path: "/api/v1/auth/sign-in/totp",
            body: |_| Some(json!({"ticket": "1.pwd.0.00", "code": "123456"})),
            expect: [401, 401, 401, 401, 401],
        },
        Row {
            method: "POST",
            template: "/api/v1/me/password",
            path: "/api/v1/me/password",
            body: |_| {
                Some(
                    json!({"current_password": "not the password", "new_password": "lantern orchard velvet tide"}),
                )
            },
            expect: [401, 422, 422, 422, 422],
        },
        Row {
            method: "POST",
            template: "/api/v1/me/totp",
            path: "/api/v1/me/totp",
            body: none,
            expect: [401, 201, 201, 201, 201],
        },
        Row {
            method: "DELETE",
            template: "/api/v1/me/totp",
            path: "/api/v1/me/totp",
            body: none,
            expect: [401, 204, 204, 204, 204],
        },
        Row {
            method: "POST",
            template: "/api/v1/me/totp/confirm",
            path: "/api/v1/me/totp/confirm",
            body: |_| Some(json!({"code": "123456"})),
            expect: [401, 422, 422, 422, 422],
        },
        Row {
            method: "GET",
            template: "/api/v1/me/sessions",
            path: "/api/v1/me/sessions",
            body: none,
            expect: [401, 200, 200, 200, 200],
        },
        Row {
            method: "DELETE",
            template: "/api/v1/me/sessions/{id}",
            path: "/api/v1/me/sessions/0123456789abcdef0123456789abcdef",
            body: none,
            expect: [401, 404, 404, 404, 404],
        },
        Row {
            method: "POST",
            template: "/api/v1/me/passkeys/registration",
            path: "/api/v1/me/passkeys/registration",
            body: none,
            expect: [401, 200, 200, 200, 200],
        },
        Row {
            method: "POST",
            template: "/api/v1/me/passkeys",
            path: "/api/v1/me/passkeys",
            body: |_| Some(json!({"ceremony": "x", "name": "Key", "credential": {}})),
            expect: [401, 422, 422, 422, 422],
        },
        Row {
            method: "GET",
            template: "/api/v1/me/passkeys",
            path: "/api/v1/me/passkeys",
            body: none,
            expect: [401, 200, 200, 200, 200],
        },
        Row {
            method: "DELETE",
            template: "/api/v1/me/passkeys/{id}",
            path: "/api/v1/me/passkeys/999999",
            body: none,
            expect: [401, 404, 404, 404, 404],
        },
        Row {
            method: "POST",
            template: "/api/v1/auth/passkey/challenge",
            path: "/api/v1/auth/passkey/challenge",
            body: none,
            expect: [200, 404, 404, 404, 404],
        },
        Row {
            method: "POST",
            template: "/api/v1/auth/passkey",
            path: "/api/v1/auth/passkey",
            body: |_| Some(json!({"ceremony": "x", "credential": {}})),
            expect: [422, 422, 422, 422, 422],
        },
        Row {
            method: "POST",
            template: "/api/v1/auth/recover",
            path: "/api/v1/auth/recover",
            body: |_| Some(json!({"username": "nobody", "code": "WRONG-CODE-1"})),
            expect: [422, 422, 422, 422, 422],
        },
        Row {
            method: "POST",
            template: "/api/v1/register/recovery-codes",
            path: "/api/v1/register/recovery-codes",
            body: |_| {
                Some(json!({"username": "resi", "document_type": "id_card", "confirmed": true}))
            },
            expect: [401, 403, 403, 403, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/secret-ballot",
            path: "/api/v1/processes/999999/secret-ballot",
            body: none,
            expect: [404, 404, 404, 404, 404],
        },
        Row {
            method: "POST",
            template: "/api/v1/processes/{id}/credential",
            path: "/api/v1/processes/999999/credential",
            body: |_| Some(json!({"blinded_message": "AAAA"})),
            expect: [401, 404, 403, 403, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/processes/{id}/sealed-ballots",
            path: "/api/v1/processes/999999/sealed-ballots",
            body: |_| Some(json!({})),
            expect: [404, 404, 404, 404, 404],
        },
        Row {
            method: "POST",
            template: "/api/v1/processes/{id}/sealed-paper-ballots/{user_id}",
            path: "/api/v1/processes/999999/sealed-paper-ballots/999999",
            body: |_| Some(json!({"approvals": [1]})),
            expect: [401, 403, 404, 404, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/trustees",
            path: "/api/v1/processes/999999/trustees",
            body: none,
            expect: [404, 404, 404, 404, 404],
        },
        Row {
            method: "PUT",
            template: "/api/v1/processes/{id}/trustees",
            path: "/api/v1/processes/999999/trustees",
            body: |_| Some(json!({"threshold": 1, "trustees": ["offi"]})),
            expect: [401, 403, 404, 404, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/processes/{id}/trustee/public-key",
            path: "/api/v1/processes/999999/trustee/public-key",
            body: |_| Some(json!({"public_key": "AAAA"})),
            expect: [401, 404, 404, 404, 404],
        },
        Row {
            method: "POST",
            template: "/api/v1/processes/{id}/trustee/dealing",
            path: "/api/v1/processes/999999/trustee/dealing",
            body: |_| Some(json!({"dealing": "AAAA"})),
            expect: [401, 404, 404, 404, 404],
        },
        Row {
            method: "POST",
            template: "/api/v1/processes/{id}/trustee/share",
            path: "/api/v1/processes/999999/trustee/share",
            body: |_| Some(json!({"share": "AAAA"})),
            expect: [401, 404, 404, 404, 404],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/log/proof/inclusion",
            path: "/api/v1/processes/999999/log/proof/inclusion?index=0&size=1",
            body: none,
            expect: [404, 404, 404, 404, 404],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/log/proof/consistency",
            path: "/api/v1/processes/999999/log/proof/consistency?old=1&new=1",
            body: none,
            expect: [404, 404, 404, 404, 404],
        },
        Row {
            method: "POST",
            template: "/api/v1/auth/sign-out",
            path: "/api/v1/auth/sign-out",
            body: none,
            expect: [401, 204, 204, 204, 204],
        },
    ]
}

#[tokio::test]
async fn every_api_route_for_every_role() {
    // The table covers every API route the router serves.
    let mut covered: Vec<(String, String)> = rows()
        .iter()
        .map(|r| (r.method.to_owned(), r.template.to_owned()))
        .chain(crate::budget_api_authz::covered_routes())
        .chain(crate::register_api::covered_routes())
        .collect();
    covered.sort();
    covered.dedup();
    let served: Vec<(String, String)> = served_routes(&civis_web::routes())
        .into_iter()
        .filter(|(_, p)| p.starts_with("/api/v1/") && p != "/api/v1/openapi.json")
        .collect();
    assert_eq!(covered, served, "authorization table vs routes served");

    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("resi", Role::Resident).await;
        app.create_user("resi2", Role::Resident).await;
        app.create_user("offi", Role::Official).await;
        app.create_user("admi", Role::Admin).await;
        app.create_user("audi", Role::Auditor).await;

        for (i, who) in WHO.into_iter().enumerate() {
            let client = app.client();
            let mut csrf = String::new();
            if who != Who::SignedOut {
                csrf = app.sign_in(&client, who.username()).await;
            }
            for row in rows() {
                let method = reqwest::Method::from_bytes(row.method.as_bytes()).unwrap();
                // Signed out stays signed out: a fresh cookie jar for every request.
                let client = if who == Who::SignedOut {
                    app.client()
                } else {
                    client.clone()
                };
                let mut req = client.request(method, app.url(row.path));
                if !csrf.is_empty() {
                    req = req.header("x-csrf-token", &csrf);
                }
                if let Some(body) = (row.body)(who) {
                    req = req.json(&body);
                }
                let res = req.send().await.unwrap();
                let status = res.status().as_u16();
                let text = res.text().await.unwrap();
                assert_eq!(
                    status, row.expect[i],
                    "{}: {:?} {} {} -> {text}",
                    app.backend, who, row.method, row.path
                );
                if row.path == "/api/v1/auth/sign-in" && status == 200 && who != Who::SignedOut {
                    // Signing in again replaced the session (and its CSRF token).
                    let v: Value = serde_json::from_str(&text).unwrap();
                    csrf = v["csrf_token"].as_str().unwrap().to_owned();
                }
            }
            if who == Who::Admin {
                // Put resi2 back for the next roles.
                let res = client
                    .put(app.url("/api/v1/users/resi2/role"))
                    .header("x-csrf-token", &csrf)
                    .json(&json!({"role": "resident"}))
                    .send()
                    .await;
                // The admin signed out at the end of the table: refused, and that is fine.
                assert_eq!(res.unwrap().status(), 401);
                let again = app.client();
                let token = app.sign_in(&again, "admi").await;
                let res = again
                    .put(app.url("/api/v1/users/resi2/role"))
                    .header("x-csrf-token", &token)
                    .json(&json!({"role": "resident"}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200);
            }
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn residents_see_their_own_account_only_and_admin_actions_are_audited() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("resi", Role::Resident).await;
        app.create_user("resi2", Role::Resident).await;
        let admin = app.create_user("admi", Role::Admin).await;

        let client = app.client();
        app.sign_in(&client, "resi").await;
        let res = client
            .get(app.url("/api/v1/users/resi"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let res = client
            .get(app.url("/api/v1/users/resi2"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = client
            .get(app.url("/api/v1/users/nobody"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "unknown and forbidden look the same");

        let client = app.client();
        let csrf = app.sign_in(&client, "admi").await;
        let res = client
            .post(app.url("/api/v1/users"))
            .header("x-csrf-token", &csrf)
            .json(&json!({"username": "newbie", "password": "correct horse battery", "role": "official"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        let created: Value = res.json().await.unwrap();
        let res = client
            .put(app.url("/api/v1/users/newbie/role"))
            .header("x-csrf-token", &csrf)
            .json(&json!({"role": "auditor"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        // Admins cannot demote themselves.
        let res = client
            .put(app.url("/api/v1/users/admi/role"))
            .header("x-csrf-token", &csrf)
            .json(&json!({"role": "resident"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 409);

        let target = format!("user:{}", created["id"]);
        let list: Value = client
            .get(app.url(&format!("/api/v1/audit-events?actor=admi&target={target}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let actions: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions, ["user.role_changed", "user.created"], "{list}");
        assert!(list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["actor"] == admin.id.0));
        assert_eq!(list["total"], 2);
        let changed = &list["items"][0];
        assert_eq!(changed["before"]["role"], "official", "{changed}");
        assert_eq!(changed["after"]["role"], "auditor", "{changed}");

        let filtered: Value = client
            .get(app.url("/api/v1/audit-events?action=user.role_changed"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(filtered["total"], 1, "{filtered}");
        app.stop().await;
    }
}
