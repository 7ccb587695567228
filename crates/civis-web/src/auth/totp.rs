//! Authenticator apps (TOTP) for an account: enrolment with a secret shown
//! once, confirmation by a first code, and checking codes at sign-in and
//! step-up, each code once (the store keeps the last time step used) and with
//! failed attempts throttled per account through the store.

use civis_domain::UserId;
use civis_identity::totp::{self, TotpError, TotpSecret};
use civis_store::StoreError;

use super::secret_box;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

const KEY_NAME: &str = "credential_seal";

/// Why a code was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRefusal {
    /// Empty.
    Missing,
    /// Not six digits.
    Malformed,
    /// Not the code of now.
    Wrong,
    /// A code already used.
    Replayed,
    /// Too many wrong codes lately; try again in this many minutes.
    Throttled(u64),
    /// The account has no confirmed authenticator app (or nothing is pending).
    NotEnrolled,
}

impl CodeRefusal {
    /// The message in the reader's language.
    pub fn message(self, l: &L10n) -> String {
        match self {
            Self::Missing => l.t("totp-error-missing"),
            Self::Malformed => l.t("totp-error-malformed"),
            Self::Wrong => l.t("totp-error-wrong"),
            Self::Replayed => l.t("totp-error-replayed"),
            Self::Throttled(minutes) => l.t1("totp-error-throttled", "minutes", minutes),
            Self::NotEnrolled => l.t("totp-error-not-enrolled"),
        }
    }

    /// The error the API answers: 429 when throttled, else 422 on `code`.
    pub fn into_api_error(self, state: &AppState) -> AppError {
        match self {
            Self::Throttled(_) => AppError::TooManyRequests {
                retry_after_secs: u64::try_from(state.config().login_window_secs).unwrap_or(900),
            },
            other => AppError::field("code", other.message(&L10n::new(Lang::En))),
        }
    }
}

impl From<TotpError> for CodeRefusal {
    fn from(e: TotpError) -> Self {
        match e {
            TotpError::Malformed => Self::Malformed,
            TotpError::Wrong => Self::Wrong,
            TotpError::Replayed => Self::Replayed,
        }
    }
}

fn context(user: UserId) -> Vec<u8> {
    format!("totp:{}", user.0).into_bytes()
}

fn throttle_key(user: UserId) -> String {
    format!("totp:{}", user.0)
}

/// Starts enrolment: a new random secret, stored sealed and pending. Errors:
/// `Conflict` if the account already has a confirmed authenticator app.
pub async fn begin(state: &AppState, user: UserId) -> Result<TotpSecret, AppError> {
    let bytes: [u8; totp::SECRET_LEN] = rand::random();
    let secret = TotpSecret::from_bytes(bytes.to_vec());
    let key = secret_box::key(state, KEY_NAME).await?;
    let sealed = secret_box::seal(&key, &context(user), secret.as_bytes())?;
    state.store().begin_totp(user, &sealed, state.now()).await?;
    Ok(secret)
}

/// The pending secret (enrolment begun, not confirmed), to show again on the
/// enrolment page until the first code confirms it; never once confirmed.
pub async fn pending_secret(
    state: &AppState,
    user: UserId,
) -> Result<Option<TotpSecret>, AppError> {
    match state.store().totp_credential(user).await? {
        Some(c) if c.confirmed_at.is_none() => {
            let key = secret_box::key(state, KEY_NAME).await?;
            let plain = secret_box::open(&key, &context(user), &c.secret)?;
            Ok(Some(TotpSecret::from_bytes(plain)))
        }
        _ => Ok(None),
    }
}

/// Whether the account has a confirmed authenticator app.
pub async fn is_enrolled(state: &AppState, user: UserId) -> Result<bool, AppError> {
    Ok(state
        .store()
        .totp_credential(user)
        .await?
        .is_some_and(|c| c.confirmed_at.is_some()))
}

async fn throttled(state: &AppState, user: UserId) -> Result<Option<CodeRefusal>, AppError> {
    let cfg = state.config();
    let since = super::rate_limit::window_start(state);
    let failures = state
        .store()
        .count_failed_sign_ins(&throttle_key(user), since)
        .await?;
    if failures >= u64::from(cfg.login_max_failures_per_username) {
        let minutes = u64::try_from(cfg.login_window_secs)
            .unwrap_or(900)
            .div_ceil(60);
        return Ok(Some(CodeRefusal::Throttled(minutes.max(1))));
    }
    Ok(None)
}

async fn failed(
    state: &AppState,
    user: UserId,
    refusal: CodeRefusal,
) -> Result<CodeRefusal, AppError> {
    state
        .store()
        .record_failed_sign_in(&throttle_key(user), state.now())
        .await?;
    Ok(refusal)
}

/// Confirms the pending enrolment with the first code from the app.
pub async fn confirm(
    state: &AppState,
    user: UserId,
    code: &str,
) -> Result<Result<(), CodeRefusal>, AppError> {
    if code.trim().is_empty() {
        return Ok(Err(CodeRefusal::Missing));
    }
    if let Some(t) = throttled(state, user).await? {
        return Ok(Err(t));
    }
    let Some(secret) = pending_secret(state, user).await? else {
        return Ok(Err(CodeRefusal::NotEnrolled));
    };
    let step = match totp::verify(&secret, code, state.now(), None) {
        Ok(step) => step,
        Err(e) => return Ok(Err(failed(state, user, e.into()).await?)),
    };
    match state
        .store()
        .confirm_totp(user, step, civis_store::Change::by(user, state.now()))
        .await
    {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Ok(Err(CodeRefusal::NotEnrolled)),
        Err(e) => return Err(e.into()),
    }
    state
        .store()
        .clear_failed_sign_ins(&throttle_key(user))
        .await?;
    Ok(Ok(()))
}

/// Checks a code of the account's confirmed authenticator app and marks its
/// time step used, so the same code is refused afterwards.
pub async fn check(
    state: &AppState,
    user: UserId,
    code: &str,
) -> Result<Result<(), CodeRefusal>, AppError> {
    if code.trim().is_empty() {
        return Ok(Err(CodeRefusal::Missing));
    }
    if let Some(t) = throttled(state, user).await? {
        return Ok(Err(t));
    }
    let credential = match state.store().totp_credential(user).await? {
        Some(c) if c.confirmed_at.is_some() => c,
        _ => return Ok(Err(CodeRefusal::NotEnrolled)),
    };
    let key = secret_box::key(state, KEY_NAME).await?;
    let secret =
        TotpSecret::from_bytes(secret_box::open(&key, &context(user), &credential.secret)?);
    let step = match totp::verify(&secret, code, state.now(), credential.last_step) {
        Ok(step) => step,
        Err(e) => return Ok(Err(failed(state, user, e.into()).await?)),
    };
    if !state.store().use_totp_step(user, step).await? {
        return Ok(Err(failed(state, user, CodeRefusal::Replayed).await?));
    }
    state
        .store()
        .clear_failed_sign_ins(&throttle_key(user))
        .await?;
    Ok(Ok(()))
}

/// The QR code of `uri` as an SVG `data:` URL for an `<img>` (no script, no
/// external request; the page's policy allows `data:` images).
pub fn qr_data_url(uri: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(uri.as_bytes())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("QR code: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        openssl::base64::encode_block(svg.as_bytes())
    ))
}
