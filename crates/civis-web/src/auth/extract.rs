//! Extractors that give handlers the signed-in user, role checks and the CSRF token.
//!
//! All of them read the [`AuthContext`] that [`super::middleware::authenticate`] put into
//! the request, so the session is looked up once per request.

use std::marker::PhantomData;
use std::ops::Deref;

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use civis_domain::{Role, TokenHash, User};

use crate::error::AppError;

/// What the authentication middleware learned about a request.
#[derive(Debug, Clone)]
pub struct AuthContext {
    /// The signed-in user, when the request carries a valid session cookie.
    pub signed_in: Option<SignedIn>,
    /// The CSRF token that forms of this response must embed (`csrf_token` field) and API
    /// calls must send (`X-CSRF-Token`).
    pub csrf_token: String,
}

/// A valid session and its user.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The signed-in user.
    pub user: User,
    /// Digest of the session token (identifies the session in the store).
    pub token_hash: TokenHash,
    /// How the holder authenticated in this session.
    pub auth_methods: civis_domain::AuthMethods,
    /// When the holder last authenticated (sign-in or step-up).
    pub authenticated_at: civis_domain::Timestamp,
    /// The role the account holds when this session may not use it (the role needs a
    /// passkey and the session was not authenticated with one): `user.role` is then a
    /// resident's. See [`super::credential_policy`].
    pub held_role: Option<Role>,
    /// How the account was tied to the register when the request began.
    pub proofing: Option<civis_domain::Proofing>,
}

impl SignedIn {
    /// The session's level of assurance, and the most the account's proofing
    /// allows (see [`civis_domain::level_of_assurance`]).
    pub fn levels(
        &self,
    ) -> (
        civis_domain::LevelOfAssurance,
        civis_domain::LevelOfAssurance,
    ) {
        (
            civis_domain::level_of_assurance(self.proofing, self.auth_methods),
            self.proofing
                .map_or(civis_domain::LevelOfAssurance::Low, |p| p.ceiling()),
        )
    }
}

fn context(parts: &Parts) -> Result<&AuthContext, AppError> {
    parts.extensions.get::<AuthContext>().ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "AuthContext missing: the authenticate middleware is not installed"
        ))
    })
}

/// The signed-in user; `401 Unauthorized` (a redirect to sign-in for pages) otherwise.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The user's account.
    pub user: User,
    /// Digest of the session token.
    pub token_hash: TokenHash,
    /// The session's CSRF token, to embed in forms.
    pub csrf_token: String,
    /// When the holder last authenticated (sign-in or step-up).
    pub authenticated_at: civis_domain::Timestamp,
    /// The role the account holds when the session may not use it (see
    /// [`SignedIn::held_role`]).
    pub suspended_role: Option<Role>,
}

impl CurrentUser {
    /// The role the account holds, whether or not this session may use it.
    pub fn held_role(&self) -> Role {
        self.suspended_role.unwrap_or(self.user.role)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ctx = context(parts)?;
        let signed_in = ctx.signed_in.as_ref().ok_or(AppError::Unauthorized)?;
        Ok(Self {
            user: signed_in.user.clone(),
            token_hash: signed_in.token_hash,
            csrf_token: ctx.csrf_token.clone(),
            authenticated_at: signed_in.authenticated_at,
            suspended_role: signed_in.held_role,
        })
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        match <Self as FromRequestParts<S>>::from_request_parts(parts, state).await {
            Ok(user) => Ok(Some(user)),
            Err(AppError::Unauthorized) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The signed-in user if there is one, and the CSRF token either way (for pages that
/// show different things to signed-in and signed-out visitors).
#[derive(Debug, Clone)]
pub struct MaybeUser {
    /// The signed-in user, if any.
    pub user: Option<User>,
    /// The token that forms on this page must embed.
    pub csrf_token: String,
}

impl<S: Send + Sync> FromRequestParts<S> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ctx = context(parts)?;
        Ok(Self {
            user: ctx.signed_in.as_ref().map(|s| s.user.clone()),
            csrf_token: ctx.csrf_token.clone(),
        })
    }
}

/// The CSRF token that forms rendered for this request must embed as `csrf_token`.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(context(parts)?.csrf_token.clone()))
    }
}

/// A set of roles allowed to use a route.
pub trait RolePolicy: Send + Sync + 'static {
    /// Whether `role` is allowed.
    fn allows(role: Role) -> bool;
}

/// Admins only: accounts and roles.
#[derive(Debug)]
pub struct ManageUsers;
impl RolePolicy for ManageUsers {
    fn allows(role: Role) -> bool {
        role.can_manage_users()
    }
}

/// Admins and auditors: the audit log.
#[derive(Debug)]
pub struct ReadAudit;
impl RolePolicy for ReadAudit {
    fn allows(role: Role) -> bool {
        role.can_read_audit()
    }
}

/// Officials, admins and auditors: everyone's data, read-only.
#[derive(Debug)]
pub struct ReadAll;
impl RolePolicy for ReadAll {
    fn allows(role: Role) -> bool {
        role.can_read_all()
    }
}

/// Officials and admins: running processes such as participatory budgets.
#[derive(Debug)]
pub struct ManageProcesses;
impl RolePolicy for ManageProcesses {
    fn allows(role: Role) -> bool {
        role.can_manage_processes()
    }
}

/// Every role that may write anything (everyone but auditors).
#[derive(Debug)]
pub struct Write;
impl RolePolicy for Write {
    fn allows(role: Role) -> bool {
        role.can_write()
    }
}

/// The signed-in user, whose role satisfies policy `P`; `401` when signed out, `403` when
/// the role does not fit.
#[derive(Debug, Clone)]
pub struct RequireRole<P> {
    /// The signed-in user.
    pub current: CurrentUser,
    _policy: PhantomData<fn() -> P>,
}

impl<P> Deref for RequireRole<P> {
    type Target = CurrentUser;
    fn deref(&self) -> &CurrentUser {
        &self.current
    }
}

impl<S: Send + Sync, P: RolePolicy> FromRequestParts<S> for RequireRole<P> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let current =
            <CurrentUser as FromRequestParts<S>>::from_request_parts(parts, state).await?;
        if !current.user.is_active() || !P::allows(current.user.role) {
            return Err(AppError::Forbidden);
        }
        Ok(Self {
            current,
            _policy: PhantomData,
        })
    }
}
