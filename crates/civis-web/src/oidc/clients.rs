//! Registering client services (admins only): the one write path for the
//! API and the pages. Every change is audited by the store.

use civis_domain::User;
use civis_oidc::client::{ClientDraft, ClientProblem};
use civis_oidc::token::secret_hash;
use civis_oidc::{Client, ClientId, ClientKind};
use civis_store::{Change, StoreError};

use crate::error::AppError;
use crate::state::AppState;

/// Why a registration was refused.
#[derive(Debug)]
pub enum RegisterError {
    /// Fields that failed validation.
    Invalid(Vec<ClientProblem>),
    /// The client id is taken.
    Taken,
    /// Anything else.
    Other(AppError),
}

impl From<AppError> for RegisterError {
    fn from(e: AppError) -> Self {
        Self::Other(e)
    }
}

impl From<RegisterError> for AppError {
    /// The API's view: a validation error naming each field.
    fn from(e: RegisterError) -> Self {
        match e {
            RegisterError::Invalid(problems) => AppError::Validation(
                problems
                    .iter()
                    .map(|p| crate::error::FieldError::new(p.field(), p.english()))
                    .collect(),
            ),
            RegisterError::Taken => AppError::Conflict {
                field: Some("client_id".into()),
                detail: "This client id is already registered.".into(),
            },
            RegisterError::Other(e) => e,
        }
    }
}

/// A new random client secret (256 bits, hex): shown once, stored as SHA-256.
fn new_secret() -> String {
    crate::auth::token::random_token()
}

/// Registers a client; returns it and, for a confidential one, its secret.
pub async fn register(
    state: &AppState,
    admin: &User,
    client_id: &str,
    draft: &ClientDraft,
) -> Result<(Client, Option<String>), RegisterError> {
    let id = ClientId::parse(client_id.trim());
    let settings = draft.validate();
    let (id, settings) = match (id, settings) {
        (Ok(id), Ok(s)) => (id, s),
        (id, settings) => {
            let mut problems: Vec<ClientProblem> = id.err().into_iter().collect();
            problems.extend(settings.err().unwrap_or_default());
            return Err(RegisterError::Invalid(problems));
        }
    };
    let secret = (settings.kind == ClientKind::Confidential).then(new_secret);
    let now = state.now();
    let client = Client {
        id,
        settings,
        secret_hash: secret.as_deref().map(secret_hash),
        created_at: now,
        updated_at: now,
    };
    match state
        .store()
        .create_oidc_client(&client, Change::by(admin.id, now))
        .await
    {
        Ok(created) => Ok((created, secret)),
        Err(StoreError::Conflict { .. }) => Err(RegisterError::Taken),
        Err(e) => Err(RegisterError::Other(e.into())),
    }
}

/// Changes a client's settings. A client made confidential without a secret
/// gets one (returned); a client made public loses its secret.
pub async fn update(
    state: &AppState,
    admin: &User,
    id: &ClientId,
    draft: &ClientDraft,
) -> Result<(Client, Option<String>), RegisterError> {
    let settings = draft.validate().map_err(RegisterError::Invalid)?;
    let now = state.now();
    let store = state.store();
    let before = store.oidc_client(id).await.map_err(AppError::from)?;
    // Dropped before the writes too, so that a write that fails half-way is not
    // hidden behind the cached client.
    state.oidc().clients().forget(id);
    let mut client = store
        .update_oidc_client(id, &settings, Change::by(admin.id, now))
        .await
        .map_err(AppError::from)?;
    let mut secret = None;
    match (settings.kind, before.secret_hash.is_some()) {
        (ClientKind::Confidential, false) => {
            let s = new_secret();
            store
                .set_oidc_client_secret(id, Some(secret_hash(&s)), Change::by(admin.id, now))
                .await
                .map_err(AppError::from)?;
            client.secret_hash = Some(secret_hash(&s));
            secret = Some(s);
        }
        (ClientKind::Public, true) => {
            store
                .set_oidc_client_secret(id, None, Change::by(admin.id, now))
                .await
                .map_err(AppError::from)?;
            client.secret_hash = None;
        }
        _ => {}
    }
    // Also after the writes: a request may have cached the old settings meanwhile.
    state.oidc().clients().forget(id);
    Ok((client, secret))
}

/// Issues a new secret for a confidential client (the old one stops working).
pub async fn reset_secret(
    state: &AppState,
    admin: &User,
    id: &ClientId,
) -> Result<String, AppError> {
    let client = state.store().oidc_client(id).await?;
    if client.settings.kind != ClientKind::Confidential {
        return Err(AppError::Conflict {
            field: Some("kind".into()),
            detail: "A public client has no secret.".into(),
        });
    }
    let secret = new_secret();
    state
        .store()
        .set_oidc_client_secret(
            id,
            Some(secret_hash(&secret)),
            Change::by(admin.id, state.now()),
        )
        .await?;
    state.oidc().clients().forget(id);
    Ok(secret)
}
