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

/// Two servers (two pools) on one file: one wins a contested username, and a
/// session created through one is seen by the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_pools_on_one_file_behave_as_one() {
    use civis_domain::{DisplayName, Role, Timestamp, TokenHash, Username};
    use civis_store::{Change, NewSession, NewUser, StoreError};

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    let a = SqliteStore::open(&url).await.unwrap();
    let b = SqliteStore::open(&url).await.unwrap();
    let new = NewUser {
        username: Username::parse("contested").unwrap(),
        display_name: DisplayName::parse("C").unwrap(),
        role: Role::Resident,
        password_hash: None,
    };
    let at = Change::system(Timestamp::from_millis(1));
    let (ra, rb) = tokio::join!(a.create_user(&new, at), b.create_user(&new, at));
    let winner = match (ra, rb) {
        (Ok(u), Err(StoreError::Conflict { field: "username" }))
        | (Err(StoreError::Conflict { field: "username" }), Ok(u)) => u,
        other => panic!("expected exactly one winner: {other:?}"),
    };
    let hash = TokenHash::from_bytes([42; 32]);
    a.create_session(&NewSession {
        token_hash: hash,
        user_id: winner.id,
        csrf_secret: "s".into(),
        created_at: Timestamp::from_millis(2),
        expires_at: Timestamp::from_millis(1_000),
        auth_methods: civis_domain::AuthMethods::one(civis_domain::AuthMethod::Password),
    })
    .await
    .unwrap();
    let seen = b
        .session_by_token_hash(&hash, Timestamp::from_millis(3))
        .await
        .unwrap();
    assert_eq!(seen.map(|s| s.user_id), Some(winner.id));
    a.close().await;
    b.close().await;
}
