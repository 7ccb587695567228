//! Sign-up, sign-in, sign-out, session cookies and sign-in throttling.

use civis_domain::{AuditAction, Role};
use civis_store::AuditFilter;
use civis_web::WebConfig;
use serde_json::{json, Value};

use crate::harness::{databases, expect_problem, TestApp, PASSWORD};

fn set_cookies(res: &reqwest::Response) -> Vec<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect()
}

fn session_cookie(res: &reqwest::Response) -> String {
    set_cookies(res)
        .into_iter()
        .find(|c| c.starts_with("civis_session="))
        .expect("civis_session cookie")
}

#[tokio::test]
async fn sign_up_sign_in_me_sign_out() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let client = app.client();
        let res = client
            .post(app.url("/api/v1/auth/sign-up"))
            .json(&json!({"username": "alice", "password": PASSWORD, "display_name": "Alice A."}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["user"]["username"], "alice");
        assert_eq!(body["user"]["role"], "resident");
        assert_eq!(body["user"]["display_name"], "Alice A.");
        let csrf = body["csrf_token"].as_str().unwrap().to_owned();

        let me: Value = client
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["user"]["username"], "alice");
        assert_eq!(me["csrf_token"], csrf.as_str());

        // Taken username: 409 naming the field.
        let res = app
            .client()
            .post(app.url("/api/v1/auth/sign-up"))
            .json(&json!({"username": "alice", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 409).await;
        assert_eq!(p["errors"][0]["field"], "username");

        let res = client
            .post(app.url("/api/v1/auth/sign-out"))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
        assert!(session_cookie(&res).contains("Max-Age=0"));
        let res = client.get(app.url("/api/v1/me")).send().await.unwrap();
        expect_problem(res, 401).await;

        // Signing in again works and gives a new session.
        let csrf2 = app.sign_in(&client, "alice").await;
        assert_ne!(csrf, csrf2);
        app.stop().await;
    }
}

#[tokio::test]
async fn session_cookie_attributes_and_only_the_hash_is_stored() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("alice", Role::Resident).await;
        let res = app
            .client()
            .post(app.url("/api/v1/auth/sign-in"))
            .json(&json!({"username": "alice", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let cookie = session_cookie(&res);
        let attrs: Vec<&str> = cookie.split(';').map(str::trim).collect();
        assert!(attrs.contains(&"HttpOnly"), "{cookie}");
        assert!(attrs.contains(&"SameSite=Lax"), "{cookie}");
        assert!(attrs.contains(&"Path=/"), "{cookie}");
        assert!(
            !attrs.contains(&"Secure"),
            "plain http: no Secure ({cookie})"
        );
        let token = attrs[0].strip_prefix("civis_session=").unwrap().to_owned();
        assert_eq!(token.len(), 64, "256-bit token, hex");

        let now = civis_web::auth::session::wall_clock_now();
        let by_hash = app
            .store
            .session_by_token_hash(&civis_web::auth::middleware::token_hash(&token), now)
            .await
            .unwrap();
        assert!(
            by_hash.is_some(),
            "the store knows the session by the token's SHA-256"
        );
        let mut raw = [0u8; 32];
        for (i, b) in raw.iter_mut().enumerate() {
            *b = u8::from_str_radix(&token[2 * i..2 * i + 2], 16).unwrap();
        }
        let by_raw = app
            .store
            .session_by_token_hash(&civis_domain::TokenHash::from_bytes(raw), now)
            .await
            .unwrap();
        assert!(by_raw.is_none(), "the raw token is not what is stored");
        app.stop().await;

        // With an https public URL the cookie is Secure.
        let config = WebConfig {
            public_url: "https://civis.example".to_owned(),
            ..WebConfig::default()
        };
        let app = TestApp::spawn_with(&db, config).await;
        let res = app
            .client()
            .post(app.url("/api/v1/auth/sign-in"))
            .json(&json!({"username": "alice", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let cookie = session_cookie(&res);
        assert!(
            cookie.split(';').map(str::trim).any(|a| a == "Secure"),
            "{cookie}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn unknown_user_and_wrong_password_look_the_same() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("alice", Role::Resident).await;
        let client = app.client();
        let mut bodies = vec![];
        for (user, pass) in [
            ("alice", "wrong password!!"),
            ("nobody", PASSWORD),
            ("N0 Such", PASSWORD),
        ] {
            let res = client
                .post(app.url("/api/v1/auth/sign-in"))
                .json(&json!({"username": user, "password": pass}))
                .send()
                .await
                .unwrap();
            assert!(set_cookies(&res)
                .iter()
                .all(|c| !c.starts_with("civis_session=")));
            let p = expect_problem(res, 401).await;
            bodies.push((p["type"].clone(), p["title"].clone(), p["detail"].clone()));
        }
        assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn repeated_failures_are_throttled_per_username_and_ip() {
    for db in databases().await {
        let config = WebConfig {
            login_max_failures_per_ip: 8,
            ..WebConfig::default()
        };
        let app = TestApp::spawn_with(&db, config).await;
        app.create_user("alice", Role::Resident).await;
        app.create_user("bob", Role::Resident).await;
        let client = app.client();
        let attempt = |user: &'static str, pass: &'static str| {
            let client = client.clone();
            let url = app.url("/api/v1/auth/sign-in");
            async move {
                client
                    .post(url)
                    .json(&json!({"username": user, "password": pass}))
                    .send()
                    .await
                    .unwrap()
            }
        };
        for _ in 0..5 {
            expect_problem(attempt("alice", "wrong password!!").await, 401).await;
        }
        // Locked: even the right password is refused now, with Retry-After.
        let res = attempt("alice", PASSWORD).await;
        let retry: u64 = res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(retry > 0);
        expect_problem(res, 429).await;
        // The lockout is audited.
        let filter = AuditFilter {
            action: Some(AuditAction::SignInFailedLockout),
            ..AuditFilter::default()
        };
        assert_eq!(app.store.count_audit(&filter).await.unwrap(), 1);

        // Another user from the same IP still may sign in, until the IP limit (8) is hit.
        app.sign_in(&app.client(), "bob").await;
        for _ in 0..3 {
            expect_problem(attempt("bob", "wrong password!!").await, 401).await;
        }
        expect_problem(attempt("bob", PASSWORD).await, 429).await;
        app.stop().await;
    }
}

#[tokio::test]
async fn housekeeping_purges_expired_sessions_and_old_failures() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let user = app.create_user("alice", Role::Resident).await;
        let now = civis_web::auth::session::wall_clock_now();
        let expired = civis_web::auth::middleware::token_hash(&"e".repeat(64));
        let live = civis_web::auth::middleware::token_hash(&"f".repeat(64));
        for (hash, created, expires) in [
            (expired, now.minus_seconds(7200), now.minus_seconds(3600)),
            (live, now, now.plus_seconds(3600)),
        ] {
            app.store
                .create_session(&civis_store::NewSession {
                    token_hash: hash,
                    user_id: user.id,
                    csrf_secret: "x".repeat(64),
                    created_at: created,
                    expires_at: expires,
                    auth_methods: civis_domain::AuthMethods::one(
                        civis_domain::AuthMethod::Password,
                    ),
                })
                .await
                .unwrap();
        }
        app.store
            .record_failed_sign_in("user:alice", now.minus_seconds(3600))
            .await
            .unwrap();
        app.store
            .record_failed_sign_in("user:alice", now)
            .await
            .unwrap();

        let state = civis_web::AppState::new(app.store.clone(), WebConfig::default());
        let (sessions, failures) = civis_web::auth::session::purge_once(&state).await.unwrap();
        assert_eq!((sessions, failures), (1, 1), "{}", app.backend);
        let earlier = now.minus_seconds(7000);
        assert!(app
            .store
            .session_by_token_hash(&expired, earlier)
            .await
            .unwrap()
            .is_none());
        assert!(app
            .store
            .session_by_token_hash(&live, now)
            .await
            .unwrap()
            .is_some());
        let since = now.minus_seconds(7200);
        assert_eq!(
            app.store
                .count_failed_sign_ins("user:alice", since)
                .await
                .unwrap(),
            1
        );
        app.stop().await;
    }
}
