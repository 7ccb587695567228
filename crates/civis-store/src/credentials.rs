//! [`CredentialStore`]: authentication credentials: passkeys (WebAuthn), TOTP secrets, and what a resident sees of their devices.

use async_trait::async_trait;

/// Authentication credentials: passkeys (WebAuthn), TOTP secrets, and what a resident sees of their devices.
///
/// A supertrait of [`Store`](crate::Store); each backend implements it in its
/// `credentials/` module.
#[async_trait]
pub trait CredentialStore: Send + Sync {}
