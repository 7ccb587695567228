//! Authentication and request forgery protection.
//!
//! * [`password`]: Argon2id hashing on the blocking pool.
//! * [`totp`]: authenticator apps; [`pending`]: the signed ticket between the two
//!   sign-in steps; [`secret_box`]: sealing stored secrets and signing tickets.
//! * [`middleware::authenticate`]: runs on every request; resolves the session cookie to a
//!   signed-in user, decides the request's CSRF token, and rejects state-changing requests
//!   without the right token (403).
//! * [`credential_policy`]: which roles need a passkey (restricted sessions act as
//!   residents until they use one) and how recent an authentication must be to remove a
//!   credential.
//! * [`removal`]: removing a passkey or the authenticator app (recent authentication,
//!   never the last passkey of a role that needs one).
//! * [`extract`]: [`CurrentUser`], [`MaybeUser`], [`RequireRole`] and [`CsrfToken`] for
//!   handlers.
//!
//! CSRF rules (`POST`, `PUT`, `PATCH`, `DELETE`):
//! * signed in (valid session cookie): the session's token must come in the `X-CSRF-Token`
//!   header or the `csrf_token` field of a URL-encoded form;
//! * signed out, HTML forms: double-submit — the `csrf_token` field must equal the
//!   `civis_csrf` cookie, which the server sets on pages shown to signed-out visitors;
//! * signed out, `/api/` requests: exempt. They carry no ambient credentials, and the API
//!   accepts only `application/json` bodies, which a cross-site HTML form cannot send.

pub mod cookies;
pub mod credential_policy;
pub mod device;
pub mod devices;
pub mod extract;
pub mod hashers;
pub mod middleware;
pub mod passkeys;
pub mod password;
pub mod password_change;
pub mod pending;
pub mod rate_limit;
pub mod removal;
pub mod secret_box;
pub mod session;
pub mod token;
pub mod totp;

pub use extract::{AuthContext, CsrfToken, CurrentUser, MaybeUser, RequireRole};
