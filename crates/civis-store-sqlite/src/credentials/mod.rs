//! [`CredentialStore`](civis_store::CredentialStore) for SQLite.

use async_trait::async_trait;
use civis_store::CredentialStore;

use crate::SqliteStore;

#[async_trait]
impl CredentialStore for SqliteStore {}
