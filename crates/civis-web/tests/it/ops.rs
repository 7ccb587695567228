//! Operations endpoints, security headers, compression.

use crate::harness::{databases, TestApp};

#[tokio::test]
async fn health_readiness_and_metrics() {
    let db = databases().await.remove(0);
    let app = TestApp::spawn(&db).await;
    let client = app.client();
    assert_eq!(
        client
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        client
            .get(app.url("/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    for _ in 0..3 {
        client
            .get(app.url("/api/v1/users/someone"))
            .send()
            .await
            .unwrap();
    }
    client.get(app.url("/no/such/page")).send().await.unwrap();
    let res = client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = res.text().await.unwrap();
    assert!(
        text.contains("civis_http_requests_total{method=\"GET\",route=\"/api/v1/users/{username}\",status=\"401\"} 3"),
        "{text}"
    );
    assert!(
        text.contains("route=\"unmatched\",status=\"404\"} 1"),
        "{text}"
    );
    assert!(text.contains("civis_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",status=\"200\",le=\"+Inf\"} 1"), "{text}");
    assert!(
        text.contains("civis_db_pool_connections{backend=\"sqlite\"}"),
        "{text}"
    );
    assert!(
        text.contains("civis_db_pool_idle_connections{backend=\"sqlite\"}"),
        "{text}"
    );

    // The database goes away: not ready (503 problem), but still alive.
    app.store.close().await;
    let res = client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(
        crate::harness::content_type(res.headers()),
        "application/problem+json"
    );
    let problem: serde_json::Value = res.json().await.unwrap();
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("Reference:"), "{detail}");
    for leak in ["pool", "closed", "sqlite", "sqlx"] {
        assert!(
            !detail.to_lowercase().contains(leak),
            "internal text leaked: {detail}"
        );
    }
    assert_eq!(
        client
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    app.stop().await;
}

#[tokio::test]
async fn security_headers_and_compression() {
    let db = databases().await.remove(0);
    let app = TestApp::spawn(&db).await;
    let client = app.client();
    for path in ["/", "/api/v1/version", "/api/v1/me"] {
        let res = client.get(app.url(path)).send().await.unwrap();
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "same-origin");
    }
    let res = client
        .get(app.url("/api/v1/openapi.json"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let res = client
        .get(app.url("/api/v1/openapi.json"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "br");
    app.stop().await;
}
