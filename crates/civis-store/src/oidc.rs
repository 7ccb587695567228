//! [`OidcStore`]: the OpenID Connect provider: client services, signing keys, authorization codes, tokens and consents.

use async_trait::async_trait;

/// The OpenID Connect provider: client services, signing keys, authorization codes, tokens and consents.
///
/// A supertrait of [`Store`](crate::Store); each backend implements it in its
/// `oidc/` module.
#[async_trait]
pub trait OidcStore: Send + Sync {}
