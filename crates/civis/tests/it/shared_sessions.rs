//! Two `civis serve` processes on one PostgreSQL database share sessions.

use serde_json::{json, Value};

use crate::process::{civis, start};

#[tokio::test]
async fn two_servers_share_sessions_through_postgres() {
    let Ok(base) = std::env::var("CIVIS_TEST_DATABASE_URL") else {
        eprintln!("skipped: set CIVIS_TEST_DATABASE_URL to a PostgreSQL URL to run this test");
        return;
    };
    let url = fresh_database(&base, "civis_cli_test").await;
    let mut child = civis()
        .args([
            "admin",
            "create-user",
            "--username",
            "alice",
            "--role",
            "admin",
            "--password-stdin",
            "--database-url",
            &url,
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"alice password 1\n")
            .unwrap();
    }
    assert!(child.wait().unwrap().success());

    let serve = || {
        let mut cmd = civis();
        cmd.args([
            "--log-format",
            "json",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            &url,
        ]);
        cmd
    };
    let a = start(serve());
    let b = start(serve());

    let plain = reqwest::Client::new();
    let res = plain
        .post(a.url("/api/v1/auth/sign-in"))
        .json(&json!({"username": "alice", "password": "alice password 1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("civis_session="))
        .unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let body: Value = res.json().await.unwrap();
    let csrf = body["csrf_token"].as_str().unwrap().to_owned();

    // The cookie from A works on B, and B accepts the session's CSRF token.
    let me: Value = plain
        .get(b.url("/api/v1/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["username"], "alice");
    let res = plain
        .post(b.url("/api/v1/users"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(&json!({"username": "bob", "password": "bob password 12", "role": "resident"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);

    // Signing out on B ends the session on A too.
    let res = plain
        .post(b.url("/api/v1/auth/sign-out"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = plain
        .get(a.url("/api/v1/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    a.stop();
    b.stop();
    drop_database(&base, &url).await;
}

/// Drops a database made by [`fresh_database`].
pub async fn drop_database(base: &str, url: &str) {
    use sqlx::Connection as _;
    let name = url.rsplit('/').next().unwrap();
    let mut conn = sqlx::PgConnection::connect(base).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await
        .unwrap();
}

/// Creates an empty database named `<prefix>_<pid>` on `base`'s server; returns its URL.
pub async fn fresh_database(base: &str, prefix: &str) -> String {
    use sqlx::Connection as _;
    let name = format!("{prefix}_{}", std::process::id());
    let mut conn = sqlx::PgConnection::connect(base).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let (prefix, _) = base.rsplit_once('/').unwrap();
    format!("{prefix}/{name}")
}
