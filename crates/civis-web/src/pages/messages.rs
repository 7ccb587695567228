//! Translated messages for domain validation errors, shown next to form fields.

use civis_domain::{
    AuditAction, DisplayName, DisplayNameError, Password, PasswordError, Username, UsernameError,
};

use crate::i18n::L10n;

/// Parses a username typed into a form (surrounding spaces ignored), or says why not.
pub fn parse_username(l: &L10n, text: &str) -> Result<Username, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(l.t("error-username-empty"));
    }
    Username::parse(text).map_err(|e| username_error(l, &e))
}

/// Parses a new password typed into a form, or says why not.
pub fn parse_password(l: &L10n, text: &str) -> Result<Password, String> {
    if text.is_empty() {
        return Err(l.t("error-password-empty"));
    }
    Password::parse(text).map_err(|e| password_error(l, &e))
}

/// Why a username was refused, in the page's language.
pub fn username_error(l: &L10n, e: &UsernameError) -> String {
    match e {
        UsernameError::TooShort { .. } => {
            l.t1("error-username-too-short", "min", Username::MIN_LEN)
        }
        UsernameError::TooLong { .. } => l.t1("error-username-too-long", "max", Username::MAX_LEN),
        UsernameError::InvalidCharacter { found, position } => l.t2(
            "error-username-invalid-char",
            ("found", found.to_string()),
            ("position", position.to_string()),
        ),
    }
}

/// Why a password was refused, in the page's language.
pub fn password_error(l: &L10n, e: &PasswordError) -> String {
    match e {
        PasswordError::TooShort { .. } => {
            l.t1("error-password-too-short", "min", Password::MIN_LEN)
        }
        PasswordError::TooLong { .. } => l.t1("error-password-too-long", "max", Password::MAX_LEN),
        PasswordError::Common => l.t("error-password-common"),
    }
}

/// Why a display name was refused, in the page's language.
pub fn display_name_error(l: &L10n, e: &DisplayNameError) -> String {
    match e {
        DisplayNameError::Empty => l.t("error-display-name-empty"),
        DisplayNameError::TooLong { .. } => {
            l.t1("error-display-name-too-long", "max", DisplayName::MAX_LEN)
        }
        DisplayNameError::ControlCharacter { .. } => l.t("error-display-name-control"),
    }
}

/// The message id naming an audit action: `user.role_changed` → `audit-action-user-role-changed`.
pub fn audit_action_key(action: AuditAction) -> String {
    format!("audit-action-{}", action.as_str().replace(['.', '_'], "-"))
}
