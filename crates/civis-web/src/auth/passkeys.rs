//! Passkeys (WebAuthn, with the `webauthn-rs` library on OpenSSL): the
//! registration and authentication ceremonies. Each ceremony's server state is
//! stored between its start and its finish (servers keep nothing in memory)
//! and taken once, so a replayed response finds nothing. Signature counters
//! are stored and must grow.
//!
//! The relying party is the public URL: its host is the RP id, the URL the
//! only origin accepted.

use civis_domain::{User, UserId};
use civis_store::credentials::{Ceremony, NewPasskey, StoredPasskey};
use civis_store::{Change, StoreError};
use sha2::{Digest, Sha256};
use webauthn_rs::prelude::{
    DiscoverableAuthentication, DiscoverableKey, Passkey, PasskeyAuthentication,
    PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential, Url, Uuid, Webauthn,
    WebauthnBuilder, WebauthnError,
};

use super::secret_box;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// How long a ceremony may take, in seconds.
pub const CEREMONY_TTL_SECS: i64 = 300;
/// The longest name a passkey may have, in characters.
pub const NAME_MAX: usize = 60;

/// Why a ceremony was refused, with a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasskeyRefusal {
    /// No such ceremony: never started, expired, or already finished (a replay).
    CeremonyUnknown,
    /// The response was made for another origin.
    WrongOrigin,
    /// The authenticator signed for another relying party.
    WrongRpId,
    /// The signature does not verify, or the challenge differs.
    BadSignature,
    /// The signature counter did not grow: a cloned authenticator or a replay.
    CounterRegressed,
    /// The credential is not registered here (or not to this account).
    UnknownCredential,
    /// The authenticator did not verify the user (PIN or biometric).
    NotVerified,
    /// The credential is registered already.
    AlreadyRegistered,
    /// The passkey needs a name.
    NameMissing,
    /// The name is too long.
    NameTooLong,
    /// Anything else wrong with the response.
    Invalid,
}

impl PasskeyRefusal {
    /// The stable code (API `code`, message key suffix).
    pub const fn code(self) -> &'static str {
        match self {
            Self::CeremonyUnknown => "ceremony_unknown",
            Self::WrongOrigin => "wrong_origin",
            Self::WrongRpId => "wrong_rp_id",
            Self::BadSignature => "bad_signature",
            Self::CounterRegressed => "counter_regressed",
            Self::UnknownCredential => "unknown_credential",
            Self::NotVerified => "not_verified",
            Self::AlreadyRegistered => "already_registered",
            Self::NameMissing => "name_missing",
            Self::NameTooLong => "name_too_long",
            Self::Invalid => "invalid",
        }
    }

    /// The message in the reader's language.
    pub fn message(self, l: &L10n) -> String {
        match self {
            Self::NameTooLong => l.t1("passkey-error-name_too_long", "max", NAME_MAX),
            other => l.t(&format!("passkey-error-{}", other.code())),
        }
    }

    /// The API's answer: a 422 problem naming the field and the code.
    pub fn into_api_error(self) -> AppError {
        let field = match self {
            Self::NameMissing | Self::NameTooLong => "name",
            Self::CeremonyUnknown => "ceremony",
            _ => "credential",
        };
        let message = self.message(&L10n::new(Lang::En));
        AppError::Validation(vec![
            crate::error::FieldError::new(field, message).with_code(self.code())
        ])
    }

    fn from_webauthn(e: &WebauthnError) -> Self {
        match e {
            WebauthnError::InvalidRPOrigin => Self::WrongOrigin,
            WebauthnError::InvalidRPIDHash => Self::WrongRpId,
            WebauthnError::AuthenticationFailure | WebauthnError::MismatchedChallenge => {
                Self::BadSignature
            }
            WebauthnError::CredentialPossibleCompromise => Self::CounterRegressed,
            WebauthnError::UserNotVerified => Self::NotVerified,
            WebauthnError::CredentialNotFound | WebauthnError::InvalidUserUniqueId => {
                Self::UnknownCredential
            }
            _ => Self::Invalid,
        }
    }
}

/// A ceremony that has started: the handle the browser sends back, and the
/// options for `navigator.credentials`.
#[derive(Debug)]
pub struct Started {
    /// The ceremony handle.
    pub ceremony: String,
    /// `{"publicKey": …}` for `navigator.credentials.create()` or `.get()`.
    pub options: serde_json::Value,
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("webauthn: {e}"))
}

/// The relying party of this server. WebAuthn needs a domain: a public URL on
/// a loopback address (a developer's machine) stands for `localhost`.
pub fn webauthn(state: &AppState) -> Result<Webauthn, AppError> {
    let mut origin =
        Url::parse(state.config().public_url.trim_end_matches('/')).map_err(internal)?;
    let loopback = matches!(origin.host_str(), Some("127.0.0.1" | "[::1]"));
    if loopback {
        origin.set_host(Some("localhost")).map_err(internal)?;
    }
    let rp_id = origin
        .domain()
        .ok_or_else(|| internal("the public URL names no domain (an IP address?)"))?
        .to_owned();
    WebauthnBuilder::new(&rp_id, &origin)
        .map_err(internal)?
        .rp_name("civis")
        .build()
        .map_err(internal)
}

/// The stable, opaque WebAuthn user handle of an account (HMAC of its id
/// under a server-wide key, so it reveals nothing).
pub async fn user_handle(state: &AppState, user: UserId) -> Result<Uuid, AppError> {
    let key = secret_box::key(state, "webauthn_user_handle").await?;
    let tag = secret_box::mac(&key, user.0.to_string().as_bytes())?;
    let bytes: [u8; 16] = tag
        .get(..16)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| internal("short HMAC"))?;
    Ok(Uuid::from_bytes(bytes))
}

fn hash_handle(handle: &str) -> [u8; 32] {
    Sha256::digest(handle.as_bytes()).into()
}

async fn save(
    state: &AppState,
    user: Option<UserId>,
    kind: &str,
    json: String,
) -> Result<String, AppError> {
    let handle = super::token::random_token();
    let now = state.now();
    state
        .store()
        .save_ceremony(&Ceremony {
            id_hash: hash_handle(&handle),
            user_id: user,
            kind: kind.to_owned(),
            state: json,
            created_at: now,
            expires_at: now.plus_seconds(CEREMONY_TTL_SECS),
        })
        .await?;
    Ok(handle)
}

async fn take(state: &AppState, handle: &str, kind: &str) -> Result<Option<Ceremony>, AppError> {
    let taken = state
        .store()
        .take_ceremony(&hash_handle(handle), state.now())
        .await?;
    Ok(taken.filter(|c| c.kind == kind))
}

fn passkey_of(stored: &StoredPasskey) -> Result<Passkey, AppError> {
    serde_json::from_str(&stored.credential).map_err(internal)
}

/// Starts registering a passkey for `user`.
pub async fn start_registration(state: &AppState, user: &User) -> Result<Started, AppError> {
    let existing = state.store().passkeys_of(user.id).await?;
    let exclude = existing
        .iter()
        .map(|p| passkey_of(p).map(|k| k.cred_id().clone()))
        .collect::<Result<Vec<_>, _>>()?;
    let (options, reg) = webauthn(state)?
        .start_passkey_registration(
            user_handle(state, user.id).await?,
            user.username.as_str(),
            user.display_name.as_str(),
            Some(exclude),
        )
        .map_err(internal)?;
    let json = serde_json::to_string(&reg).map_err(internal)?;
    Ok(Started {
        ceremony: save(state, Some(user.id), "register", json).await?,
        options: serde_json::to_value(&options).map_err(internal)?,
    })
}

/// Checks a passkey's name: trimmed, not empty, at most [`NAME_MAX`] characters.
pub fn parse_name(name: &str) -> Result<String, PasskeyRefusal> {
    let name = name.trim();
    if name.is_empty() {
        return Err(PasskeyRefusal::NameMissing);
    }
    if name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
        return Err(PasskeyRefusal::NameTooLong);
    }
    Ok(name.to_owned())
}

/// Finishes registering: verifies the attestation against the stored
/// ceremony of `user` and stores the passkey (audited).
pub async fn finish_registration(
    state: &AppState,
    user: &User,
    ceremony: &str,
    name: &str,
    credential: &RegisterPublicKeyCredential,
) -> Result<Result<StoredPasskey, PasskeyRefusal>, AppError> {
    let name = match parse_name(name) {
        Ok(n) => n,
        Err(r) => return Ok(Err(r)),
    };
    let Some(c) = take(state, ceremony, "register").await? else {
        return Ok(Err(PasskeyRefusal::CeremonyUnknown));
    };
    if c.user_id != Some(user.id) {
        return Ok(Err(PasskeyRefusal::CeremonyUnknown));
    }
    let reg: PasskeyRegistration = serde_json::from_str(&c.state).map_err(internal)?;
    let passkey = match webauthn(state)?.finish_passkey_registration(credential, &reg) {
        Ok(p) => p,
        Err(e) => return Ok(Err(PasskeyRefusal::from_webauthn(&e))),
    };
    let new = NewPasskey {
        user_id: user.id,
        credential_id: passkey.cred_id().as_ref().to_vec(),
        name,
        credential: serde_json::to_string(&passkey).map_err(internal)?,
        counter: 0,
    };
    match state
        .store()
        .add_passkey(&new, Change::by(user.id, state.now()))
        .await
    {
        Ok(stored) => Ok(Ok(stored)),
        Err(StoreError::Conflict { .. }) => Ok(Err(PasskeyRefusal::AlreadyRegistered)),
        Err(e) => Err(e.into()),
    }
}

/// Starts a passkey sign-in: for anyone (discoverable credentials: the
/// authenticator says whose), or, with `user`, for that account's passkeys
/// (a step-up). `None` when `user` has no passkey.
pub async fn start_authentication(
    state: &AppState,
    user: Option<UserId>,
) -> Result<Option<Started>, AppError> {
    let w = webauthn(state)?;
    let (options, json) = match user {
        None => {
            let (options, auth) = w.start_discoverable_authentication().map_err(internal)?;
            (
                serde_json::to_value(&options).map_err(internal)?,
                serde_json::to_string(&auth).map_err(internal)?,
            )
        }
        Some(id) => {
            let keys = state
                .store()
                .passkeys_of(id)
                .await?
                .iter()
                .map(passkey_of)
                .collect::<Result<Vec<_>, _>>()?;
            if keys.is_empty() {
                return Ok(None);
            }
            let (options, auth) = w.start_passkey_authentication(&keys).map_err(internal)?;
            (
                serde_json::to_value(&options).map_err(internal)?,
                serde_json::to_string(&auth).map_err(internal)?,
            )
        }
    };
    Ok(Some(Started {
        ceremony: save(state, user, "authenticate", json).await?,
        options,
    }))
}

/// Finishes a passkey sign-in: verifies the assertion against the stored
/// ceremony, moves the passkey's counter on (refusing one that did not
/// grow), and returns the account.
pub async fn finish_authentication(
    state: &AppState,
    ceremony: &str,
    credential: &PublicKeyCredential,
) -> Result<Result<User, PasskeyRefusal>, AppError> {
    let Some(c) = take(state, ceremony, "authenticate").await? else {
        return Ok(Err(PasskeyRefusal::CeremonyUnknown));
    };
    let Some(stored) = state
        .store()
        .passkey_by_credential_id(credential.get_credential_id())
        .await?
    else {
        return Ok(Err(PasskeyRefusal::UnknownCredential));
    };
    let mut passkey = passkey_of(&stored)?;
    let w = webauthn(state)?;
    let result = match c.user_id {
        Some(user) => {
            if stored.user_id != user {
                return Ok(Err(PasskeyRefusal::UnknownCredential));
            }
            let auth: PasskeyAuthentication = serde_json::from_str(&c.state).map_err(internal)?;
            w.finish_passkey_authentication(credential, &auth)
        }
        None => {
            let auth: DiscoverableAuthentication =
                serde_json::from_str(&c.state).map_err(internal)?;
            match w.identify_discoverable_authentication(credential) {
                Ok((handle, _)) if handle == user_handle(state, stored.user_id).await? => {}
                _ => return Ok(Err(PasskeyRefusal::UnknownCredential)),
            }
            w.finish_discoverable_authentication(
                credential,
                auth,
                &[DiscoverableKey::from(&passkey)],
            )
        }
    };
    let result = match result {
        Ok(r) => r,
        Err(e) => return Ok(Err(PasskeyRefusal::from_webauthn(&e))),
    };
    passkey.update_credential(&result);
    let record = serde_json::to_string(&passkey).map_err(internal)?;
    if !state
        .store()
        .use_passkey(stored.id, result.counter(), &record, state.now())
        .await?
    {
        return Ok(Err(PasskeyRefusal::CounterRegressed));
    }
    let user = state.store().user_by_id(stored.user_id).await?;
    if !user.is_active() {
        return Ok(Err(PasskeyRefusal::UnknownCredential));
    }
    Ok(Ok(user))
}
