//! Opens the civis store named by a database URL.
//!
//! * `sqlite://path/to/civis.db` (or `sqlite:path`, `sqlite::memory:`): the SQLite
//!   backend; the file is created if missing.
//! * `postgres://user@host/db` (or `postgresql://…`): the PostgreSQL backend.
//!
//! [`open`] applies pending migrations before returning; [`migrate`] only migrates
//! (for `civis migrate`). This crate exists so that the backends can depend on
//! `civis-store` without a dependency cycle.

use std::sync::Arc;

use civis_store::{Store, StoreError};
use civis_store_postgres::PostgresStore;
use civis_store_sqlite::SqliteStore;

/// A storage backend, chosen by the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite:`
    Sqlite,
    /// `postgres:` / `postgresql:`
    Postgres,
}

impl Backend {
    /// Chooses the backend from the URL's scheme.
    pub fn from_url(url: &str) -> Result<Self, OpenError> {
        let scheme = url.split_once(':').map_or("", |(s, _)| s);
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => Err(OpenError::UnsupportedScheme {
                scheme: scheme.chars().take(32).collect(),
            }),
        }
    }

    /// The backend's name, as reported by [`Store::backend`].
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Why a store could not be opened. Messages never include the URL (it may hold a password).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL names no known backend.
    #[error("database URL must start with sqlite:// or postgres:// (got scheme {scheme:?})")]
    UnsupportedScheme {
        /// The scheme found (truncated).
        scheme: String,
    },
    /// Connecting or migrating failed.
    #[error("cannot open the {backend} database")]
    Store {
        /// The backend tried.
        backend: &'static str,
        /// What went wrong.
        #[source]
        source: StoreError,
    },
}

fn store_err(backend: Backend) -> impl FnOnce(StoreError) -> OpenError {
    move |source| OpenError::Store {
        backend: backend.as_str(),
        source,
    }
}

/// Opens the store at `url` and applies pending migrations.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, OpenError> {
    let backend = Backend::from_url(url)?;
    match backend {
        Backend::Sqlite => {
            let store = SqliteStore::open(url).await.map_err(store_err(backend))?;
            Ok(Arc::new(store))
        }
        Backend::Postgres => {
            let store = PostgresStore::open(url).await.map_err(store_err(backend))?;
            Ok(Arc::new(store))
        }
    }
}

/// Applies pending migrations to the database at `url`, then closes it.
pub async fn migrate(url: &str) -> Result<(), OpenError> {
    let store = open(url).await?;
    store.close().await;
    Ok(())
}
