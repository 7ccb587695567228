//! The OpenAPI document: valid JSON, OpenAPI 3.1, and listing exactly the API routes the
//! router serves.

use serde_json::Value;

use crate::harness::{databases, served_routes, TestApp};

#[tokio::test]
async fn openapi_document_lists_every_api_route() {
    let db = databases().await.remove(0);
    let app = TestApp::spawn(&db).await;
    let res = app
        .client()
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let doc: Value = res.json().await.expect("the document is JSON");
    let version = doc["openapi"].as_str().unwrap();
    assert!(version.starts_with("3.1."), "openapi: {version}");

    let mut documented = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                documented.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    documented.sort();

    let served: Vec<(String, String)> = served_routes(&civis_web::routes())
        .into_iter()
        .filter(|(_, p)| p.starts_with("/api/v1/") && p != "/api/v1/openapi.json")
        .collect();
    assert!(served.len() >= 9, "{served:?}");
    assert_eq!(
        documented, served,
        "OpenAPI paths vs routes served under /api/v1"
    );

    // Every operation documents its responses; error responses are problem documents.
    for (method, path) in &documented {
        let op = &doc["paths"][path][method.to_lowercase()];
        let responses = op["responses"].as_object().unwrap();
        assert!(!responses.is_empty(), "{method} {path}");
        for (status, r) in responses {
            if status.starts_with('4') {
                assert!(
                    r["content"].get("application/problem+json").is_some(),
                    "{method} {path} {status} is not a problem document"
                );
            }
        }
    }

    // Signed-in routes declare the session cookie; writes also the CSRF header.
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["session_cookie"]["in"], "cookie");
    assert_eq!(schemes["session_cookie"]["name"], "civis_session");
    assert_eq!(schemes["csrf_header"]["name"], "X-CSRF-Token");
    let security = |m: &str, p: &str| doc["paths"][p][m]["security"].to_string();
    assert!(security("get", "/api/v1/me").contains("session_cookie"));
    assert!(security("post", "/api/v1/users").contains("csrf_header"));
    assert!(!security("post", "/api/v1/auth/sign-in").contains("session_cookie"));

    // Swagger UI is served from this server (no CDN).
    let res = app
        .client()
        .get(app.url("/api/docs/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(
        !html.contains("https://"),
        "Swagger UI loads nothing from elsewhere"
    );
    app.stop().await;
}
