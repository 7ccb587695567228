//! CSRF: state-changing requests with a session need the session's token; signed-out
//! form posts need the double-submit cookie token. Missing or wrong → 403, nothing changes.

use civis_domain::Role;

use crate::harness::{databases, expect_problem, TestApp};

#[tokio::test]
async fn api_writes_with_the_session_cookie_need_the_csrf_header() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("root", Role::Admin).await;
        let client = app.client();
        let csrf = app.sign_in(&client, "root").await;
        let before = app.counts().await;
        let new_user = serde_json::json!({
            "username": "bob", "password": "correct horse battery", "role": "resident"
        });

        let res = client
            .post(app.url("/api/v1/users"))
            .json(&new_user)
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 403).await;
        assert_eq!(p["type"], "urn:civis:problem:csrf");

        let res = client
            .post(app.url("/api/v1/users"))
            .header("x-csrf-token", "0".repeat(64))
            .json(&new_user)
            .send()
            .await
            .unwrap();
        expect_problem(res, 403).await;
        assert_eq!(
            app.counts().await,
            before,
            "rejected requests store nothing"
        );

        // Sign-out is state-changing too.
        let res = client
            .post(app.url("/api/v1/auth/sign-out"))
            .send()
            .await
            .unwrap();
        expect_problem(res, 403).await;
        let res = client.get(app.url("/api/v1/me")).send().await.unwrap();
        assert_eq!(res.status(), 200, "still signed in");

        let res = client
            .post(app.url("/api/v1/users"))
            .header("x-csrf-token", &csrf)
            .json(&new_user)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        app.stop().await;
    }
}

#[tokio::test]
async fn form_posts_need_the_token_in_a_hidden_field() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("root", Role::Admin).await;

        // Signed out: a page visit sets the double-submit cookie.
        let client = app.client();
        let res = client.get(app.url("/")).send().await.unwrap();
        let cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("civis_csrf="))
            .expect("civis_csrf cookie on a page response")
            .to_owned();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let token = cookie["civis_csrf=".len()..]
            .split(';')
            .next()
            .unwrap()
            .to_owned();

        // Without the field, or with a wrong one: 403 (an HTML page, not JSON).
        for body in [
            "name=x".to_owned(),
            format!("csrf_token={}", "1".repeat(64)),
        ] {
            let res = client
                .post(app.url("/some-form"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 403);
            assert_eq!(crate::harness::content_type(res.headers()), "text/html");
        }
        // With the cookie's token the request gets past the CSRF check (and to routing).
        let res = client
            .post(app.url("/some-form"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("name=x&csrf_token={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);

        // A different client (no cookie) with a copied token is refused.
        let other = app.client();
        let res = other
            .post(app.url("/some-form"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("csrf_token={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);

        // Signed in: the session token is required; the signed-out token no longer counts.
        let session_csrf = app.sign_in(&client, "root").await;
        let res = client
            .post(app.url("/some-form"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("csrf_token={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = client
            .post(app.url("/some-form"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("csrf_token={session_csrf}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        app.stop().await;
    }
}
