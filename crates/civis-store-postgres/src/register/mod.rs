//! [`RegisterStore`](civis_store::RegisterStore) for PostgreSQL.

use async_trait::async_trait;
use civis_store::RegisterStore;

use crate::PostgresStore;

#[async_trait]
impl RegisterStore for PostgresStore {}
