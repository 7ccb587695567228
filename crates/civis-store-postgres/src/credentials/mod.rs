//! [`CredentialStore`](civis_store::CredentialStore) for PostgreSQL.

use async_trait::async_trait;
use civis_store::CredentialStore;

use crate::PostgresStore;

#[async_trait]
impl CredentialStore for PostgresStore {}
