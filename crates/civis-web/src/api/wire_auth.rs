//! Wire types of the authentication API: second factors, passkeys, recovery
//! and sessions.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The password was right; the account's second factor is next.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SecondFactorRequired {
    /// Which factor: `totp` (a code from an authenticator app).
    pub second_factor: String,
    /// Send this back with the code.
    pub ticket: String,
    /// Seconds the ticket stays valid.
    pub expires_in: i64,
}

/// The second step of a sign-in.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TotpSignInRequest {
    /// The ticket of the first step.
    pub ticket: String,
    /// The six-digit code the authenticator app shows now.
    pub code: String,
}

/// A pending authenticator app: the secret, shown this once.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TotpEnrolment {
    /// The shared secret, base32 (RFC 4648), to type into the app.
    pub secret: String,
    /// The same as an `otpauth://totp/…` URI, for a QR code.
    pub otpauth_uri: String,
}

/// A new password for the signed-in account.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordChangeRequest {
    /// The account's current password (leave out if the account has none).
    #[serde(default)]
    pub current_password: String,
    /// The new password: at least 12 characters, not a commonly used or breached one.
    pub new_password: String,
}

/// A password change that was made.
#[derive(Debug, Serialize, ToSchema)]
pub struct PasswordChanged {
    /// The account's other sessions that ended (this one stays).
    pub sessions_ended: u64,
}

/// The first code from the app, confirming it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TotpConfirmRequest {
    /// The six-digit code the app shows now.
    pub code: String,
}

/// A WebAuthn ceremony that has started.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CeremonyStarted {
    /// Send this back with the authenticator's response, within five minutes.
    pub ceremony: String,
    /// The options for `navigator.credentials.create()` or `.get()` (`{"publicKey": …}`,
    /// binary values base64url-encoded).
    #[schema(value_type = Object)]
    pub options: serde_json::Value,
}

/// The authenticator's answer to a registration.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasskeyRegistrationRequest {
    /// The ceremony handle.
    pub ceremony: String,
    /// A name to recognise the passkey by (1–60 characters).
    pub name: String,
    /// The `PublicKeyCredential` from `navigator.credentials.create()`, binary
    /// values base64url-encoded.
    #[schema(value_type = Object)]
    pub credential: serde_json::Value,
}

/// The authenticator's answer to a sign-in.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasskeySignInRequest {
    /// The ceremony handle.
    pub ceremony: String,
    /// The `PublicKeyCredential` from `navigator.credentials.get()`, binary
    /// values base64url-encoded.
    #[schema(value_type = Object)]
    pub credential: serde_json::Value,
}

/// A registered passkey.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PasskeyView {
    /// Its id (to remove it).
    pub id: i64,
    /// Its name.
    pub name: String,
    /// When it was registered (RFC 3339).
    pub created_at: String,
    /// When it was last used to sign in (RFC 3339).
    pub last_used_at: Option<String>,
}

impl From<&civis_store::credentials::StoredPasskey> for PasskeyView {
    fn from(p: &civis_store::credentials::StoredPasskey) -> Self {
        Self {
            id: p.id,
            name: p.name.clone(),
            created_at: p.created_at.to_string(),
            last_used_at: p.last_used_at.map(|t| t.to_string()),
        }
    }
}

/// One of the account's sessions.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionInfo {
    /// Its id (to revoke it).
    pub id: String,
    /// The browser or program it was started from, if known.
    pub user_agent: Option<String>,
    /// When it started (RFC 3339).
    pub created_at: String,
    /// When it was last used (RFC 3339).
    pub last_seen_at: String,
    /// When it ends (RFC 3339).
    pub expires_at: String,
    /// How its holder proved themselves: RFC 8176 `amr` values (`pwd`, `otp`, `hwk`, `rc`).
    pub methods: Vec<String>,
    /// Whether it is the session of this request.
    pub current: bool,
}

impl From<&crate::auth::devices::DeviceSession> for SessionInfo {
    fn from(s: &crate::auth::devices::DeviceSession) -> Self {
        Self {
            id: s.id.clone(),
            user_agent: s.user_agent.clone(),
            created_at: s.created_at.to_string(),
            last_seen_at: s.last_seen_at.to_string(),
            expires_at: s.expires_at.to_string(),
            methods: s.methods.iter().map(|m| m.amr().to_owned()).collect(),
            current: s.current,
        }
    }
}
