//! [`OidcStore`](civis_store::OidcStore) for SQLite.

use async_trait::async_trait;
use civis_store::OidcStore;

use crate::SqliteStore;

#[async_trait]
impl OidcStore for SqliteStore {}
