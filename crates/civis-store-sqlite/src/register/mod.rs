//! [`RegisterStore`](civis_store::RegisterStore) for SQLite.

use async_trait::async_trait;
use civis_store::RegisterStore;

use crate::SqliteStore;

#[async_trait]
impl RegisterStore for SqliteStore {}
