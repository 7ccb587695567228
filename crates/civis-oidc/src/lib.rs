//! The civis OpenID Connect provider's protocol logic, with no IO.
//!
//! The web layer (`civis-web/src/oidc/`) reads the database, the clock and
//! the randomness, and calls into this crate for every decision the
//! standards make:
//!
//! * [`request`]: validating an authorization request (OpenID Connect Core
//!   §3.1.2, RFC 6749 §4.1, RFC 7636), with the error each fault has in the
//!   standards ([`error::ErrorCode`]); only the authorization code flow with
//!   PKCE `S256` is supported;
//! * [`decide`]: what to do with a valid request given the session: issue a
//!   code, ask the resident to sign in (again), step up, consent, or answer
//!   `login_required`, `consent_required`, `interaction_required`;
//! * [`token`]: the token endpoint's request (grant types, client
//!   authentication) and the checks on a redeemed code;
//! * [`pkce`], [`subject`] (pairwise subject identifiers), [`scope`] and
//!   [`claims`] (which claims each scope releases, ID token claims);
//! * [`client`]: a registered client service and the validation of its
//!   registration;
//! * [`keys`]: the signing key rotation schedule as a function of `now`;
//! * [`jws`]: JWS compact serialization (the signature itself is computed by
//!   the caller, with OpenSSL);
//! * [`wire`]: the JSON documents of the protocol (discovery, JWKS, token,
//!   introspection and error responses).
//!
//! Time is a parameter ([`civis_domain::Timestamp`]); nothing here reads the
//! clock, the network, files or SQL.

pub mod b64;
pub mod claims;
pub mod client;
pub mod decide;
pub mod error;
pub mod jws;
pub mod keys;
pub mod pkce;
pub mod request;
pub mod scope;
pub mod subject;
pub mod ticket;
pub mod token;
pub mod wire;

pub use client::{Client, ClientId, ClientKind, SubjectType};
pub use error::{ErrorCode, OAuthError};
pub use scope::{Scope, Scopes};
