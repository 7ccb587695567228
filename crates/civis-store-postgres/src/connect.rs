//! Connecting to the server, the connection pool, and migrations.

use std::str::FromStr;
use std::time::Duration;

use civis_store::{StoreError, StoreResult};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};

use crate::error::db_err;

/// The embedded migrations (`crates/civis-store-postgres/migrations`).
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Connections kept at most by one civis server.
const MAX_CONNECTIONS: u32 = 16;
/// How long a request waits for a free connection.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// A civis store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pub(crate) pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user@host:port/database`) and applies pending migrations.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let store = Self::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Connects to `url` without migrating.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options =
            PgConnectOptions::from_str(url).map_err(|e| StoreError::Unavailable(Box::new(e)))?;
        Self::connect_with(options).await
    }

    /// Connects with explicit options, without migrating.
    ///
    /// One direct connection is tried first so that a wrong address or a
    /// stopped server fails at once instead of after the pool's acquire timeout.
    pub async fn connect_with(options: PgConnectOptions) -> StoreResult<Self> {
        let options = options.application_name("civis");
        PgConnection::connect_with(&options)
            .await
            .map_err(db_err)?
            .close()
            .await
            .map_err(db_err)?;
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .min_connections(1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(db_err)?;
        Ok(PostgresStore { pool })
    }

    /// Applies pending migrations (concurrent callers are serialised by an advisory lock).
    pub async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Internal(Box::new(e)))
    }

    /// The underlying pool (for tests and tools that need raw SQL).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Starts a write transaction.
    pub(crate) async fn begin_write(
        &self,
    ) -> StoreResult<sqlx::Transaction<'static, sqlx::Postgres>> {
        self.pool.begin().await.map_err(db_err)
    }
}
