//! Opening stores from URLs.

// Test code: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use civis_domain::Timestamp;
use civis_store_open::{migrate, open, Backend, OpenError};

#[test]
fn chooses_backend_by_scheme() {
    assert_eq!(Backend::from_url("sqlite://x.db").unwrap(), Backend::Sqlite);
    assert_eq!(
        Backend::from_url("sqlite::memory:").unwrap(),
        Backend::Sqlite
    );
    assert_eq!(
        Backend::from_url("postgres://u@h/db").unwrap(),
        Backend::Postgres
    );
    assert_eq!(
        Backend::from_url("postgresql://u@h/db").unwrap(),
        Backend::Postgres
    );
    let err = Backend::from_url("mysql://root:secret@h/db").unwrap_err();
    assert!(matches!(err, OpenError::UnsupportedScheme { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("\"mysql\"") && !msg.contains("secret"),
        "{msg}"
    );
    assert!(Backend::from_url("civis.db").is_err());
}

#[tokio::test]
async fn opens_and_migrates_a_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("civis.db");
    let url = format!("sqlite://{}", path.display());
    migrate(&url).await.unwrap();
    assert!(path.exists());
    let store = open(&url).await.unwrap();
    assert_eq!(store.backend(), "sqlite");
    store
        .record_failed_sign_in("k", Timestamp::from_millis(5))
        .await
        .unwrap();
    assert_eq!(
        store
            .count_failed_sign_ins("k", Timestamp::EPOCH)
            .await
            .unwrap(),
        1
    );
    store.close().await;
}

#[tokio::test]
async fn reports_unopenable_files_without_the_url() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/missing/dir/civis.db", dir.path().display());
    let err = match open(&url).await {
        Err(e) => e,
        Ok(_) => panic!("opened a file in a missing directory"),
    };
    assert_eq!(err.to_string(), "cannot open the sqlite database");
    let source = std::error::Error::source(&err).unwrap().to_string();
    assert_eq!(source, "storage is unavailable");
}

/// Opens a fresh database on the `CIVIS_TEST_DATABASE_URL` server by URL, then drops it.
#[tokio::test]
async fn opens_and_migrates_a_postgres_database() {
    use sqlx::Connection;
    let Ok(admin_url) = std::env::var("CIVIS_TEST_DATABASE_URL") else {
        eprintln!("PostgreSQL open test skipped: set CIVIS_TEST_DATABASE_URL");
        return;
    };
    let name = format!("civis_test_open_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&mut admin)
        .await
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    let outcome = async move {
        migrate(&url).await.unwrap();
        let store = open(&url).await.unwrap();
        assert_eq!(store.backend(), "postgres");
        store.ping().await.unwrap();
        store.close().await;
    };
    let result = tokio::spawn(outcome).await;
    sqlx::query(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
    result.unwrap();
}

/// A server that does not answer is reported as unavailable, without the URL.
#[tokio::test]
async fn unreachable_postgres_is_unavailable() {
    let url = "postgres://civis:hunter2@127.0.0.1:1/civis";
    let err = match open(url).await {
        Err(e) => e,
        Ok(_) => panic!("connected to port 1"),
    };
    assert_eq!(err.to_string(), "cannot open the postgres database");
    let source = std::error::Error::source(&err).unwrap();
    assert_eq!(source.to_string(), "storage is unavailable");
    assert!(!format!("{err:?}").contains("hunter2"), "{err:?}");
}
