//! Account recovery with one-time codes that officials issue.
//!
//! An official holding `enrolment.in_person` (the same duty: checking a
//! person's identity document at the counter) issues a code for a resident
//! account after checking a document; the official, the account and the
//! document type are recorded, the code is shown once and stored as a digest
//! (`civis_identity::recovery`), expires after `WebConfig::recovery_code_ttl_secs`,
//! and voids the account's earlier codes.
//!
//! The resident types their username and the code at `/recover` (or the API),
//! optionally with a new password, and gets a session authenticated with
//! `AuthMethod::RecoveryCode` only: its level of assurance follows from
//! `level_of_assurance`, which never lets a recovery code raise it. Their
//! other sessions are ended. Wrong, expired, used and voided codes get one
//! refusal, counted per username and per client address
//! (`civis_identity::recovery` limits, in the database's throttle table).

use civis_domain::{AuditAction, Password, PasswordHash, Role, Timestamp, User, Username};
use civis_identity::codes;
use civis_identity::recovery;
use civis_identity::Permission;
use civis_store::credentials::audit as cred_audit;
use civis_store::recovery::NewRecoveryCode;
use civis_store::Change;

use super::enrolment::Refusal;
use crate::auth::password;
use crate::auth::rate_limit::ClientIp;
use crate::error::AppError;
use crate::state::AppState;

/// A code just issued: shown once, never stored.
#[derive(Debug)]
pub struct Issued {
    /// The resident account.
    pub resident: User,
    /// The code, e.g. `7KQM-X3PA-DW9C`.
    pub code: String,
    /// When it stops working.
    pub expires_at: Timestamp,
}

fn resident_named(username: &str) -> Option<Username> {
    Username::parse(username.trim()).ok()
}

/// Issues a recovery code for the resident account named `username`, after
/// the official checked `document_type` (`confirmed`: the official ticked that
/// it matches the person). Voids the account's earlier codes.
pub async fn issue(
    state: &AppState,
    official: &User,
    username: &str,
    document_type: &str,
    confirmed: bool,
) -> Result<Issued, Refusal> {
    super::require(state, official, Permission::EnrolmentInPerson).await?;
    let resident = match resident_named(username) {
        Some(name) => match state.store().user_by_username(&name).await {
            Ok(u) if u.role == Role::Resident && u.is_active() => Some(u),
            Ok(_) | Err(civis_store::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    }
    .ok_or(Refusal::UnknownResident)?;
    if !codes::DOCUMENT_TYPES.contains(&document_type) {
        return Err(Refusal::DocumentType);
    }
    if !confirmed {
        return Err(Refusal::NotConfirmed);
    }
    let now = state.now();
    let random: [u8; codes::LETTER_CODE_LEN] = rand::random();
    let code = recovery::code(&random);
    let expires_at = recovery::expires(now, state.config().recovery_code_ttl_secs);
    state
        .store()
        .issue_recovery_code(
            &NewRecoveryCode {
                user_id: resident.id,
                code_hash: recovery::digest(resident.id.0, &code),
                document_type: document_type.to_owned(),
                expires_at,
            },
            Change::by(official.id, now),
        )
        .await?;
    Ok(Issued {
        resident,
        code,
        expires_at,
    })
}

/// Why a recovery was refused.
#[derive(Debug)]
pub enum RecoverRefusal {
    /// A field was left empty (`username` or `code`).
    Missing(&'static str),
    /// The new password is not acceptable (its problem, in English).
    Password(String),
    /// No account, or a wrong, expired, used or voided code: one answer for all.
    WrongCode,
    /// Too many failures for this username or this client address: wait.
    TooManyAttempts,
    /// Anything else.
    Other(AppError),
}

impl From<civis_store::StoreError> for RecoverRefusal {
    fn from(e: civis_store::StoreError) -> Self {
        Self::Other(e.into())
    }
}

impl From<AppError> for RecoverRefusal {
    fn from(e: AppError) -> Self {
        Self::Other(e)
    }
}

impl RecoverRefusal {
    /// The form field it is about.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Missing(f) => f,
            Self::Password(_) => "new_password",
            _ => "code",
        }
    }

    /// The translation id.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Missing("username") => "recover-username-missing",
            Self::Missing(_) => "recover-code-missing",
            Self::Password(_) => "recover-password-bad",
            Self::WrongCode => "recover-code-wrong",
            Self::TooManyAttempts => "recover-too-many",
            Self::Other(_) => "error-internal-text",
        }
    }

    /// The English message for the API.
    pub fn detail(&self) -> String {
        match self {
            Self::Missing("username") => "Type your username.".into(),
            Self::Missing(_) => "Type the recovery code the official gave you.".into(),
            Self::Password(p) => p.clone(),
            Self::WrongCode => "This username and recovery code do not work: the code may be mistyped, expired, used or replaced by a newer one.".into(),
            Self::TooManyAttempts => "Too many failed attempts: wait an hour, or ask an official for a new code.".into(),
            Self::Other(_) => "Something went wrong on our side.".into(),
        }
    }

    /// The API error: 422 with the field, 429 for the limit.
    pub fn into_api_error(self) -> AppError {
        match self {
            Self::Other(e) => e,
            Self::TooManyAttempts => AppError::TooManyRequests {
                retry_after_secs: u64::try_from(recovery::ATTEMPT_WINDOW_SECS).unwrap_or(3600),
            },
            other => AppError::Validation(vec![crate::error::FieldError::new(
                other.field(),
                other.detail(),
            )
            .with_code(other.key())]),
        }
    }
}

fn user_key(username: &str) -> String {
    format!("recover-user:{}", username.trim().to_lowercase())
}

fn ip_key(ip: &ClientIp) -> String {
    format!("recover-ip:{}", ip.0)
}

async fn failures(state: &AppState, key: &str) -> Result<u64, RecoverRefusal> {
    let since = state.now().minus_seconds(recovery::ATTEMPT_WINDOW_SECS);
    Ok(state.store().count_failed_sign_ins(key, since).await?)
}

/// Checks `username` and `code` from `ip` and uses the code; with
/// `new_password`, sets it. Returns the recovered account; the caller starts
/// its session with `AuthMethod::RecoveryCode`. Nothing is written on empty
/// fields or an unacceptable password.
pub async fn recover(
    state: &AppState,
    ip: &ClientIp,
    username: &str,
    code: &str,
    new_password: Option<&str>,
) -> Result<User, RecoverRefusal> {
    if username.trim().is_empty() {
        return Err(RecoverRefusal::Missing("username"));
    }
    if codes::normalize(code).is_empty() {
        return Err(RecoverRefusal::Missing("code"));
    }
    let new_password = match new_password.filter(|p| !p.is_empty()) {
        Some(p) => Some(Password::parse(p).map_err(|e| RecoverRefusal::Password(e.to_string()))?),
        None => None,
    };
    if failures(state, &user_key(username)).await? >= recovery::MAX_FAILED_ATTEMPTS
        || failures(state, &ip_key(ip)).await? >= recovery::MAX_FAILED_ATTEMPTS
    {
        return Err(RecoverRefusal::TooManyAttempts);
    }
    let now = state.now();
    let account = match resident_named(username) {
        Some(name) => match state.store().user_by_username(&name).await {
            Ok(u) => Some(u),
            Err(civis_store::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    // Codes are issued to residents only; an account that has since become an
    // official or admin cannot use one.
    let user = account
        .clone()
        .filter(|u| u.is_active() && u.role == Role::Resident);
    let used = match &user {
        Some(u) => {
            state
                .store()
                .use_recovery_code(u.id, &recovery::digest(u.id.0, code), Change::by(u.id, now))
                .await?
        }
        None => false,
    };
    let Some(user) = user.filter(|_| used) else {
        if let Some(account) = &account {
            // On the account's record, for its holder and the officials to see.
            state
                .store()
                .append_audit(&cred_audit::event(
                    Change::system(now),
                    AuditAction::RecoveryCodeRefused,
                    account.id,
                    None,
                ))
                .await?;
        }
        state
            .store()
            .record_failed_sign_in(&user_key(username), now)
            .await?;
        state
            .store()
            .record_failed_sign_in(&ip_key(ip), now)
            .await?;
        return Err(RecoverRefusal::WrongCode);
    };
    state
        .store()
        .clear_failed_sign_ins(&user_key(username))
        .await?;
    state.store().delete_user_sessions(user.id).await?;
    if let Some(p) = new_password {
        let hash = password::hash(p.expose().to_owned())
            .await
            .map_err(AppError::Internal)?;
        state
            .store()
            .set_password_hash(user.id, &PasswordHash::new(hash), Change::by(user.id, now))
            .await?;
    }
    Ok(user)
}
