//! A fresh SQLite file per test, removed afterwards.

use std::sync::Arc;

use async_trait::async_trait;
use civis_store::conformance::Harness;
use civis_store::Store;
use civis_store_sqlite::SqliteStore;

/// A store in a new file inside its own temporary directory.
pub struct SqliteHarness {
    // Kept for its Drop: removes the directory and the database files.
    _dir: tempfile::TempDir,
    pub store: SqliteStore,
    url: String,
}

impl SqliteHarness {
    /// Creates the temporary directory and opens `civis.db` in it.
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("civis.db").display());
        let store = SqliteStore::open(&url).await.expect("open sqlite store");
        SqliteHarness {
            _dir: dir,
            store,
            url,
        }
    }
}

#[async_trait]
impl Harness for SqliteHarness {
    async fn setup() -> Option<Self> {
        Some(Self::new().await)
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
        Arc::new(
            SqliteStore::open(&self.url)
                .await
                .expect("open the file again"),
        )
    }

    async fn teardown(&self) {
        self.store.pool().close().await;
    }
}
