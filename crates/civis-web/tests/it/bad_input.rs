//! Bad input: each is a 4xx problem+json response and changes nothing stored.

use crate::harness::{databases, expect_problem, TestApp};

#[tokio::test]
async fn bad_json_bodies_are_problems_and_store_nothing() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let client = app.client();
        let url = app.url("/api/v1/auth/sign-up");
        let before = app.counts().await;

        // Malformed JSON.
        let res = client
            .post(&url)
            .header("content-type", "application/json")
            .body("{\"username\": \"alice\", ")
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 400).await;
        assert!(
            p["detail"].as_str().unwrap().contains("not valid JSON"),
            "{p}"
        );

        // Wrong content type.
        let res = client
            .post(&url)
            .header("content-type", "text/plain")
            .body("{\"username\": \"alice\", \"password\": \"correct horse battery\"}")
            .send()
            .await
            .unwrap();
        expect_problem(res, 415).await;

        // No content type at all.
        let res = client.post(&url).body("{}").send().await.unwrap();
        expect_problem(res, 415).await;

        // Invalid UTF-8 inside a JSON string.
        let mut body = b"{\"username\": \"al".to_vec();
        body.extend_from_slice(&[0xff, 0xfe]);
        body.extend_from_slice(b"ice\", \"password\": \"correct horse battery\"}");
        let res = client
            .post(&url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        expect_problem(res, 400).await;

        // Wrong shape (missing field, wrong type).
        let res = client
            .post(&url)
            .json(&serde_json::json!({"username": 42}))
            .send()
            .await
            .unwrap();
        expect_problem(res, 400).await;

        // Oversized body.
        let huge = format!(
            "{{\"username\": \"alice\", \"password\": \"{}\"}}",
            "x".repeat(100 * 1024)
        );
        let res = client
            .post(&url)
            .header("content-type", "application/json")
            .body(huge)
            .send()
            .await
            .unwrap();
        expect_problem(res, 413).await;

        // Fields that parse as JSON but break the rules: 422 naming each field.
        let res = client
            .post(&url)
            .json(&serde_json::json!({"username": "A!", "password": "short"}))
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 422).await;
        let fields: Vec<&str> = p["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["username", "password"], "{p}");

        assert_eq!(
            app.counts().await,
            before,
            "{}: nothing stored",
            app.backend
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn unknown_routes_are_404_problem_under_api_and_html_elsewhere() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let client = app.client();
        let res = client
            .get(app.url("/api/v1/no-such-thing"))
            .send()
            .await
            .unwrap();
        expect_problem(res, 404).await;

        let res = client.get(app.url("/no-such-page")).send().await.unwrap();
        assert_eq!(res.status(), 404);
        assert_eq!(crate::harness::content_type(res.headers()), "text/html");
        let html = res.text().await.unwrap();
        assert!(html.contains("<h1>Page not found</h1>"), "{html}");

        // Wrong method on a known API route: 405 problem.
        let res = client.delete(app.url("/api/v1/me")).send().await.unwrap();
        expect_problem(res, 405).await;
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_input_from_a_signed_in_admin_stores_nothing() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        app.create_user("root", civis_domain::Role::Admin).await;
        let client = app.client();
        let csrf = app.sign_in(&client, "root").await;
        let before = app.counts().await;
        let url = app.url("/api/v1/users");
        for (body, ct, status) in [
            ("{\"username\":", "application/json", 400),
            ("{}", "application/x-www-form-urlencoded", 415),
            (
                "{\"username\":\"bob\",\"password\":\"correct horse battery\",\"role\":\"king\"}",
                "application/json",
                422,
            ),
        ] {
            let res = client
                .post(&url)
                .header("x-csrf-token", &csrf)
                .header("content-type", ct)
                .body(body)
                .send()
                .await
                .unwrap();
            expect_problem(res, status).await;
        }
        let res = client
            .put(app.url("/api/v1/users/root/role"))
            .header("x-csrf-token", &csrf)
            .json(&serde_json::json!({"role": "emperor"}))
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 422).await;
        assert_eq!(p["errors"][0]["field"], "role");
        let res = client
            .get(app.url("/api/v1/audit-events?from=yesterday"))
            .send()
            .await
            .unwrap();
        let p = expect_problem(res, 422).await;
        assert_eq!(p["errors"][0]["field"], "from");
        let res = client
            .get(app.url("/api/v1/users?limit=lots"))
            .send()
            .await
            .unwrap();
        expect_problem(res, 400).await;
        assert_eq!(
            app.counts().await,
            before,
            "{}: nothing stored",
            app.backend
        );
        app.stop().await;
    }
}
