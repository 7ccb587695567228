//! The credential policy: which roles must sign in with a passkey, and how recent an
//! authentication must be to remove a credential.
//!
//! Enforced in one place, [`super::middleware::authenticate`]: a session of an account
//! whose role needs a passkey, but that was not authenticated with one, acts as a
//! resident ([`restrict`]). It may read what residents read and change only its own
//! account ([`write_allowed`]: `/account…`, `/api/v1/me…`, sign-in and sign-out,
//! step-up, `/identity`, the OpenID Connect consent); every refusal it meets becomes
//! [`crate::error::AppError::PasskeyRequired`], which says what to do.

use civis_domain::{AuthMethod, AuthMethods, Role, Timestamp};

/// The policy, from the server's configuration (`[auth]` in `civis.toml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialPolicy {
    /// Roles whose sessions must be authenticated with a passkey to use the role.
    pub passkey_required_for: Vec<Role>,
    /// How long after the last authentication (sign-in or step-up) a session may still
    /// remove a passkey or the authenticator app, in seconds.
    pub reauth_max_age_secs: i64,
}

/// The default re-authentication window: 10 minutes.
pub const DEFAULT_REAUTH_MAX_AGE_SECS: i64 = 10 * 60;

impl Default for CredentialPolicy {
    /// Officials and admins need a passkey; credentials are removed within 10 minutes of
    /// an authentication.
    fn default() -> Self {
        Self {
            passkey_required_for: vec![Role::Official, Role::Admin],
            reauth_max_age_secs: DEFAULT_REAUTH_MAX_AGE_SECS,
        }
    }
}

impl CredentialPolicy {
    /// No role needs a passkey (the demo's and most tests' setting).
    pub fn relaxed() -> Self {
        Self {
            passkey_required_for: Vec::new(),
            ..Self::default()
        }
    }

    /// Whether accounts holding `role` must use a passkey.
    pub fn requires_passkey(&self, role: Role) -> bool {
        self.passkey_required_for.contains(&role)
    }

    /// Whether a session of an account holding `role`, authenticated with `methods`,
    /// may not use its role yet.
    pub fn restricts(&self, role: Role, methods: AuthMethods) -> bool {
        self.requires_passkey(role) && !methods.contains(AuthMethod::Passkey)
    }

    /// Whether an authentication at `authenticated_at` is recent enough at `now` to
    /// remove a credential.
    pub fn is_recent(&self, authenticated_at: Timestamp, now: Timestamp) -> bool {
        now.minus_seconds(self.reauth_max_age_secs) <= authenticated_at
    }
}

/// The role a restricted session acts with: a resident's.
pub const fn restrict(_held: Role) -> Role {
    Role::Resident
}

/// Whether a restricted session may send a state-changing request to `path`: its own
/// account and credentials, signing in and out, step-up, and consent to a service.
/// Everything else (a resident's participation included: the account is not a
/// resident's) is refused before the handler runs.
pub fn write_allowed(path: &str) -> bool {
    const EXACT: [&str; 3] = ["/sign-in", "/sign-out", "/step-up"];
    const PREFIXES: [&str; 5] = [
        "/account/",
        "/api/v1/me/",
        "/api/v1/auth/",
        "/oidc/",
        "/sign-in/",
    ];
    EXACT.contains(&path) || path == "/account" || PREFIXES.iter().any(|p| path.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_requires_passkeys_of_officials_and_admins_only() {
        let p = CredentialPolicy::default();
        let pwd = AuthMethods::one(AuthMethod::Password);
        assert!(!p.restricts(Role::Resident, pwd));
        assert!(!p.restricts(Role::Auditor, pwd));
        assert!(p.restricts(Role::Official, pwd));
        assert!(p.restricts(Role::Admin, pwd.with(AuthMethod::Totp)));
        assert!(!p.restricts(Role::Admin, pwd.with(AuthMethod::Passkey)));
        assert!(!CredentialPolicy::relaxed().restricts(Role::Admin, pwd));
    }

    #[test]
    fn recent_means_within_the_window() {
        let p = CredentialPolicy::default();
        let at = Timestamp::from_millis(1_000_000_000);
        assert!(p.is_recent(at, at.plus_seconds(600)));
        assert!(!p.is_recent(at, at.plus_seconds(601)));
    }

    #[test]
    fn restricted_sessions_write_only_to_their_account() {
        for ok in [
            "/account/security",
            "/account/passkeys/3/remove",
            "/api/v1/me/passkeys/registration",
            "/sign-out",
            "/step-up",
            "/api/v1/auth/sign-out",
        ] {
            assert!(write_allowed(ok), "{ok}");
        }
        for no in [
            "/admin/users",
            "/api/v1/users",
            "/processes",
            "/api/v1/register/imports",
            "/accounts",
            "/api/v1/me",
            "/identity/letter",
        ] {
            assert!(!write_allowed(no), "{no}");
        }
    }
}
