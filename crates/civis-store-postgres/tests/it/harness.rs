//! A fresh, uniquely named database per test, dropped afterwards.

use std::io::Write;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use civis_store::conformance::Harness;
use civis_store::Store;
use civis_store_postgres::PostgresStore;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection};

/// The variable naming the test server.
pub const ENV: &str = "CIVIS_TEST_DATABASE_URL";

/// A store in its own database on the test server.
pub struct PgHarness {
    admin_url: String,
    database: String,
    pub store: PostgresStore,
}

/// Tells the person running the tests, once per run, that these tests did not run.
/// Written to stderr directly so that the test harness does not capture it.
fn skip_notice() {
    static SHOWN: AtomicBool = AtomicBool::new(false);
    if !SHOWN.swap(true, Ordering::Relaxed) {
        let _ = writeln!(
            std::io::stderr(),
            "PostgreSQL conformance skipped: set {ENV}"
        );
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "civis_test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

impl PgHarness {
    /// Creates and migrates a fresh database, or `None` (with a notice) when
    /// `CIVIS_TEST_DATABASE_URL` is unset.
    pub async fn new() -> Option<Self> {
        let Ok(admin_url) = std::env::var(ENV) else {
            skip_notice();
            return None;
        };
        let database = unique_name();
        let mut admin = PgConnection::connect(&admin_url)
            .await
            .expect("connect to CIVIS_TEST_DATABASE_URL");
        sqlx::query(&format!("CREATE DATABASE \"{database}\""))
            .execute(&mut admin)
            .await
            .expect("create test database");
        admin.close().await.ok();
        let options = PgConnectOptions::from_str(&admin_url)
            .expect("parse CIVIS_TEST_DATABASE_URL")
            .database(&database);
        let store = PostgresStore::connect_with(options)
            .await
            .expect("connect to test database");
        store.migrate().await.expect("migrate test database");
        Some(PgHarness {
            admin_url,
            database,
            store,
        })
    }

    /// The URL of this test's database.
    pub fn url(&self) -> String {
        let options = PgConnectOptions::from_str(&self.admin_url).unwrap();
        format!(
            "postgres://{}@{}:{}/{}",
            options.get_username(),
            options.get_host(),
            options.get_port(),
            self.database
        )
    }
}

#[async_trait]
impl Harness for PgHarness {
    async fn setup() -> Option<Self> {
        Self::new().await
    }

    fn store(&self) -> Arc<dyn Store> {
        Arc::new(self.store.clone())
    }

    async fn execute_raw(&self, sql: &str) -> Result<u64, String> {
        sqlx::query(sql)
            .execute(self.store.pool())
            .await
            .map(|done| done.rows_affected())
            .map_err(|e| e.to_string())
    }

    async fn second_store(&self) -> Arc<dyn Store> {
        let options = PgConnectOptions::from_str(&self.admin_url)
            .expect("parse CIVIS_TEST_DATABASE_URL")
            .database(&self.database);
        Arc::new(
            PostgresStore::connect_with(options)
                .await
                .expect("connect a second pool"),
        )
    }

    async fn teardown(&self) {
        self.store.pool().close().await;
        let mut admin = PgConnection::connect(&self.admin_url)
            .await
            .expect("reconnect to drop the test database");
        sqlx::query(&format!(
            "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
            self.database
        ))
        .execute(&mut admin)
        .await
        .expect("drop test database");
        admin.close().await.ok();
    }
}
