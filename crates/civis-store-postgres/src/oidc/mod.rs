//! [`OidcStore`](civis_store::OidcStore) for PostgreSQL.

use async_trait::async_trait;
use civis_store::OidcStore;

use crate::PostgresStore;

#[async_trait]
impl OidcStore for PostgresStore {}
