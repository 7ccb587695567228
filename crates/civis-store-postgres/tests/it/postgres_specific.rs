//! Behaviour specific to the PostgreSQL backend.

use civis_domain::{AuditAction, NewAuditEvent, Timestamp};
use civis_store::conformance::Harness;
use civis_store::{AuditFilter, Store};
use civis_store_postgres::PostgresStore;

use crate::harness::PgHarness;

#[tokio::test]
async fn truncate_of_audit_logs_is_refused_and_empty_deletes_too() {
    let Some(h) = PgHarness::new().await else {
        return;
    };
    // Statement-level triggers refuse even when no row would be touched.
    let err = h.execute_raw("DELETE FROM audit_events").await.unwrap_err();
    assert!(err.contains("append-only"), "{err}");
    h.store
        .append_audit(&NewAuditEvent {
            at: Timestamp::from_millis(1),
            actor: None,
            action: AuditAction::DataExported,
            target: None,
            before: None,
            after: None,
        })
        .await
        .unwrap();
    // The public log's entries reference the events, so a plain TRUNCATE is
    // refused for that reason first; with CASCADE the triggers refuse it.
    let err = h.execute_raw("TRUNCATE audit_events").await.unwrap_err();
    assert!(
        err.contains("append-only") || err.contains("foreign key"),
        "{err}"
    );
    for sql in [
        "TRUNCATE audit_events CASCADE",
        "TRUNCATE tlog_entries",
        "TRUNCATE tlog_hashes",
        "TRUNCATE tlog_heads",
    ] {
        let err = h.execute_raw(sql).await.unwrap_err();
        assert!(
            err.contains("append-only") || err.contains("only grow"),
            "{sql}: {err}"
        );
    }
    assert_eq!(
        h.store.count_audit(&AuditFilter::default()).await.unwrap(),
        1
    );
    h.teardown().await;
}

#[tokio::test]
async fn open_by_url_is_idempotent_and_reports_unreachable_servers() {
    let Some(h) = PgHarness::new().await else {
        return;
    };
    let url = h.url();
    let again = PostgresStore::open(&url).await.unwrap();
    assert_eq!(again.backend(), "postgres");
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(again.pool())
        .await
        .unwrap();
    assert_eq!(
        applied as usize,
        civis_store_postgres::MIGRATOR.iter().count()
    );
    again.close().await;

    let missing = url.rsplit_once('/').unwrap().0.to_owned() + "/civis_no_such_database";
    let err = PostgresStore::open(&missing).await.unwrap_err();
    assert_eq!(err.to_string(), "storage is unavailable");
    h.teardown().await;
}

/// Two servers (two pools) on one database: one wins a contested username, and
/// a session created through one is seen by the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_pools_on_one_database_behave_as_one() {
    use civis_domain::{DisplayName, Role, TokenHash, Username};
    use civis_store::{Change, NewSession, NewUser, StoreError};

    let Some(h) = PgHarness::new().await else {
        return;
    };
    let a = h.store.clone();
    let b = PostgresStore::open(&h.url()).await.unwrap();
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
    b.close().await;
    h.teardown().await;
}
