//! Behaviour specific to the SQLite backend: file creation, pragmas, migrations.

use civis_store::{Store, UserFilter};
use civis_store_sqlite::SqliteStore;

use crate::harness::SqliteHarness;

#[tokio::test]
async fn creates_a_missing_file_but_not_missing_directories() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    assert!(!path.exists());
    let store = SqliteStore::open(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    assert!(path.exists());
    assert_eq!(store.count_users(UserFilter::default()).await.unwrap(), 0);
    store.close().await;

    let missing_dir = dir.path().join("no/such/dir/x.db");
    let err = SqliteStore::open(&format!("sqlite://{}", missing_dir.display()))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "storage is unavailable");
}

#[tokio::test]
async fn runs_in_wal_mode_with_foreign_keys() {
    let h = SqliteHarness::new().await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(h.store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(h.store.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
}

#[tokio::test]
async fn reopening_keeps_data_and_migrations_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("re.db").display());
    let store = SqliteStore::open(&url).await.unwrap();
    store
        .record_failed_sign_in("k", civis_domain::Timestamp::from_millis(1))
        .await
        .unwrap();
    store.close().await;
    let again = SqliteStore::open(&url).await.unwrap();
    again.migrate().await.unwrap();
    assert_eq!(
        again
            .count_failed_sign_ins("k", civis_domain::Timestamp::EPOCH)
            .await
            .unwrap(),
        1
    );
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(again.pool())
        .await
        .unwrap();
    assert_eq!(
        applied as usize,
        civis_store_sqlite::MIGRATOR.iter().count()
    );
}

#[tokio::test]
async fn in_memory_database_works() {
    let store = SqliteStore::open("sqlite::memory:").await.unwrap();
    store.ping().await.unwrap();
    assert_eq!(store.count_users(UserFilter::default()).await.unwrap(), 0);
}
