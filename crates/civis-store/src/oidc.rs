//! [`OidcStore`]: the OpenID Connect provider: client services, signing keys, authorization codes, tokens and consents.
//!
//! Only digests of codes and tokens are stored (SHA-256 of the random value
//! given to the client). A code is redeemed with two conditional writes, both
//! only if the request matches the code (client, redirect URI, PKCE challenge,
//! not expired, not used): the first stores its tokens, the second marks it
//! used, so two concurrent redemptions cannot both succeed. The tokens keep
//! the code's digest as their `grant`, and are stored before the code is
//! marked, so whoever finds a code used can revoke everything issued from it
//! (RFC 6749 §4.1.2).

use std::fmt;

use async_trait::async_trait;
use civis_domain::{AuthMethods, LevelOfAssurance, Timestamp, UserId};
use civis_oidc::client::ClientSettings;
use civis_oidc::{Client, ClientId, Scopes};

use crate::{Change, StoreResult};

/// A stored authorization code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcCode {
    /// SHA-256 of the code.
    pub code_hash: [u8; 32],
    /// The client it was issued to.
    pub client_id: ClientId,
    /// The resident.
    pub user_id: UserId,
    /// The redirect URI of the request.
    pub redirect_uri: String,
    /// The PKCE `S256` challenge.
    pub code_challenge: String,
    /// The request's nonce.
    pub nonce: Option<String>,
    /// The granted scopes.
    pub scopes: Scopes,
    /// The subject identifier the client sees.
    pub sub: String,
    /// When the resident authenticated (the session's `authenticated_at`).
    pub auth_time: Timestamp,
    /// The session's level of assurance.
    pub acr: LevelOfAssurance,
    /// The session's authentication methods.
    pub amr: AuthMethods,
    /// When it was issued.
    pub created_at: Timestamp,
    /// When it expires.
    pub expires_at: Timestamp,
    /// When it was redeemed, if it was.
    pub consumed_at: Option<Timestamp>,
}

/// What a token request presents to redeem a code: each must match the code
/// as stored (see [`OidcStore::redeem_oidc_code`]).
#[derive(Debug, Clone, Copy)]
pub struct CodeRedemption<'a> {
    /// SHA-256 of the code.
    pub code_hash: &'a [u8; 32],
    /// The authenticated client.
    pub client_id: &'a ClientId,
    /// The request's `redirect_uri`.
    pub redirect_uri: &'a str,
    /// The `S256` challenge of the request's `code_verifier`.
    pub code_challenge: &'a str,
    /// The time of the request.
    pub now: Timestamp,
}

/// The tokens a code redemption issues (their other fields come from the code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedemptionTokens {
    /// SHA-256 of the access token.
    pub access_hash: [u8; 32],
    /// When the access token expires.
    pub access_expires_at: Timestamp,
    /// SHA-256 of the refresh token, stored only if the code's scopes hold
    /// `offline_access`.
    pub refresh_hash: [u8; 32],
    /// When the refresh token expires.
    pub refresh_expires_at: Timestamp,
}

/// Access or refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OidcTokenKind {
    /// A bearer access token for `/userinfo`.
    Access,
    /// A refresh token (with `offline_access`).
    Refresh,
}

impl OidcTokenKind {
    /// The stored name, also RFC 7009's `token_type_hint`: `access_token`, `refresh_token`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Access => "access_token",
            Self::Refresh => "refresh_token",
        }
    }

    /// Parses [`OidcTokenKind::as_str`].
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Access, Self::Refresh]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// A stored access or refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcToken {
    /// SHA-256 of the token.
    pub token_hash: [u8; 32],
    /// Access or refresh.
    pub kind: OidcTokenKind,
    /// The digest of the code everything in this grant came from.
    pub grant: [u8; 32],
    /// The client.
    pub client_id: ClientId,
    /// The resident.
    pub user_id: UserId,
    /// The granted scopes.
    pub scopes: Scopes,
    /// The subject identifier the client sees.
    pub sub: String,
    /// When the resident authenticated.
    pub auth_time: Timestamp,
    /// The level of assurance of that authentication.
    pub acr: LevelOfAssurance,
    /// Its methods.
    pub amr: AuthMethods,
    /// When it was issued.
    pub issued_at: Timestamp,
    /// When it expires.
    pub expires_at: Timestamp,
    /// When it was revoked, if it was.
    pub revoked_at: Option<Timestamp>,
    /// Whether the resident's account is enabled (read with the token).
    pub user_active: bool,
}

impl OidcToken {
    /// Whether the token can be used at `now`: not expired, not revoked, and
    /// its resident's account enabled.
    pub fn is_active(&self, now: Timestamp) -> bool {
        self.revoked_at.is_none() && now < self.expires_at && self.user_active
    }
}

/// A token with the account it was issued for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcTokenHolder {
    /// The token.
    pub token: OidcToken,
    /// Its resident's account.
    pub user: civis_domain::User,
    /// The register record the account is linked to, if it is.
    pub register_record: Option<i64>,
}

/// A token to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOidcToken {
    /// SHA-256 of the token.
    pub token_hash: [u8; 32],
    /// Access or refresh.
    pub kind: OidcTokenKind,
    /// The grant (the code's digest).
    pub grant: [u8; 32],
    /// The client.
    pub client_id: ClientId,
    /// The resident.
    pub user_id: UserId,
    /// The granted scopes.
    pub scopes: Scopes,
    /// The subject identifier.
    pub sub: String,
    /// When the resident authenticated.
    pub auth_time: Timestamp,
    /// The level of assurance.
    pub acr: LevelOfAssurance,
    /// The methods.
    pub amr: AuthMethods,
    /// Issue time.
    pub issued_at: Timestamp,
    /// Expiry.
    pub expires_at: Timestamp,
}

/// A signing key as stored: the private key in PEM (PKCS#8), the public key as
/// a JWK (JSON). The private key never leaves the server.
#[derive(Clone, PartialEq, Eq)]
pub struct OidcSigningKey {
    /// The key id (`kid`).
    pub kid: String,
    /// The rotation slot it signs in (see `civis_oidc::keys::KeySchedule`).
    pub slot: i64,
    /// The JOSE algorithm, e.g. `RS256`.
    pub alg: String,
    /// The private key, PEM.
    pub private_pem: String,
    /// The public key as a JWK, JSON text.
    pub public_jwk: String,
    /// When it was created.
    pub created_at: Timestamp,
}

impl fmt::Debug for OidcSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OidcSigningKey")
            .field("kid", &self.kid)
            .field("slot", &self.slot)
            .field("alg", &self.alg)
            .field("private_pem", &"<redacted>")
            .field("created_at", &self.created_at)
            .finish()
    }
}

/// The OpenID Connect provider: client services, signing keys, authorization codes, tokens and consents.
///
/// A supertrait of [`Store`](crate::Store); each backend implements it in its
/// `oidc/` module.
#[async_trait]
pub trait OidcStore: Send + Sync {
    // ---- server-wide secrets -------------------------------------------------

    /// The server-wide secret called `name`; if there is none yet, stores
    /// `candidate` and returns it. Servers racing on one database all get the
    /// one stored first.
    async fn oidc_secret(
        &self,
        name: &str,
        candidate: &[u8],
        now: Timestamp,
    ) -> StoreResult<Vec<u8>>;

    // ---- signing keys ----------------------------------------------------------

    /// The signing keys of slot `min_slot` or later, by slot then algorithm.
    async fn oidc_signing_keys(&self, min_slot: i64) -> StoreResult<Vec<OidcSigningKey>>;

    /// Stores `key` unless the slot already has a key for its algorithm, and
    /// returns the key stored for that slot and algorithm (the one given, or
    /// the one another server stored first).
    async fn add_oidc_signing_key(&self, key: &OidcSigningKey) -> StoreResult<OidcSigningKey>;

    // ---- client services -------------------------------------------------------

    /// Registers a client and records `oidc.client_registered`.
    /// Errors: `Conflict { field: "client_id" }` if the id is taken.
    async fn create_oidc_client(&self, client: &Client, change: Change) -> StoreResult<Client>;

    /// Replaces a client's settings and records `oidc.client_changed`
    /// (nothing if nothing changed). Errors: `NotFound`.
    async fn update_oidc_client(
        &self,
        id: &ClientId,
        settings: &ClientSettings,
        change: Change,
    ) -> StoreResult<Client>;

    /// Replaces a client's secret digest and records `oidc.client_secret_reset`.
    /// Errors: `NotFound`.
    async fn set_oidc_client_secret(
        &self,
        id: &ClientId,
        secret_hash: Option<[u8; 32]>,
        change: Change,
    ) -> StoreResult<()>;

    /// The client with this id. Errors: `NotFound`.
    async fn oidc_client(&self, id: &ClientId) -> StoreResult<Client>;

    /// Every client, by id.
    async fn list_oidc_clients(&self) -> StoreResult<Vec<Client>>;

    // ---- consents ----------------------------------------------------------------

    /// The scopes `user` consented to for `client` (empty if none).
    async fn oidc_consent(&self, user: UserId, client: &ClientId) -> StoreResult<Scopes>;

    /// Adds `scopes` to what `user` consented to for `client`, records
    /// `oidc.consent_granted`, and returns the scopes now consented.
    /// Errors: `NotFound` if the user or client does not exist.
    async fn grant_oidc_consent(
        &self,
        user: UserId,
        client: &ClientId,
        scopes: Scopes,
        change: Change,
    ) -> StoreResult<Scopes>;

    // ---- codes and tokens ----------------------------------------------------------

    /// Stores a new code (not consumed). Errors: `Conflict { field: "code_hash" }`.
    async fn create_oidc_code(&self, code: &OidcCode) -> StoreResult<()>;

    /// The code with this digest, used or not, expired or not.
    async fn oidc_code(&self, code_hash: &[u8; 32]) -> StoreResult<Option<OidcCode>>;

    /// Redeems a code that is unused, not expired (`now < expires_at`) and
    /// was issued to the redemption's client, redirect URI and PKCE challenge:
    /// stores the access token (and the refresh token if the code's scopes
    /// hold `offline_access`) with the code's resident, scopes, subject and
    /// authentication, issued at `now`, then marks the code consumed, and
    /// returns it. `None`: the code is unknown, used, expired or bound to
    /// something else, and nothing was kept ([`OidcStore::oidc_code`] tells
    /// which); tokens stored just before a concurrent redemption marked the
    /// code are revoked. Of concurrent redemptions of one code, at most one
    /// gets it.
    async fn redeem_oidc_code(
        &self,
        redemption: &CodeRedemption<'_>,
        tokens: &RedemptionTokens,
    ) -> StoreResult<Option<OidcCode>>;

    /// Revokes, at `at`, every token of `grant` not yet revoked. Returns how many.
    async fn revoke_oidc_grant(&self, grant: &[u8; 32], at: Timestamp) -> StoreResult<u64>;

    /// The token with this digest, whatever its state (see [`OidcToken::is_active`]).
    async fn oidc_token(&self, token_hash: &[u8; 32]) -> StoreResult<Option<OidcToken>>;

    /// [`OidcStore::oidc_token`] with the account it was issued for and the
    /// account's register link, in one query.
    async fn oidc_token_holder(
        &self,
        token_hash: &[u8; 32],
    ) -> StoreResult<Option<OidcTokenHolder>>;

    /// Revokes the refresh token `old` at `now` and stores `tokens`,
    /// atomically. Returns `false`, storing nothing, if `old` was revoked already.
    async fn rotate_oidc_refresh_token(
        &self,
        old: &[u8; 32],
        now: Timestamp,
        tokens: &[NewOidcToken],
    ) -> StoreResult<bool>;

    /// Revokes one token at `at` if it was issued to `client`. Returns whether
    /// a token was revoked.
    async fn revoke_oidc_token(
        &self,
        token_hash: &[u8; 32],
        client: &ClientId,
        at: Timestamp,
    ) -> StoreResult<bool>;

    /// Deletes tokens expired at `now` and codes expired a day before `now`
    /// (kept that long so a reused code is still recognised). Returns how many rows.
    async fn purge_oidc(&self, now: Timestamp) -> StoreResult<u64>;
}

/// Audit events of client registration and consent, built once for all backends.
pub mod audit {
    use civis_domain::{AuditAction, NewAuditEvent, UserId};
    use civis_oidc::client::ClientSettings;
    use civis_oidc::{ClientId, Scopes};
    use serde_json::{json, Value};

    use crate::Change;

    /// `oidc.claims_released`: `client` received the register claims
    /// `claims` about `user`, read from `record`, at `at`.
    pub fn claims_released(
        at: civis_domain::Timestamp,
        user: UserId,
        client: &ClientId,
        record: i64,
        claims: &[&str],
    ) -> NewAuditEvent {
        NewAuditEvent {
            at,
            actor: None,
            action: AuditAction::OidcClaimsReleased,
            target: Some(civis_domain::audit::user_target(user)),
            before: None,
            after: Some(json!({
                "client": client.as_str(),
                "register_record": record,
                "claims": claims,
                "purpose": "userinfo",
            })),
        }
    }

    /// The target naming a client: `oidc_client:<id>`.
    pub fn client_target(id: &ClientId) -> String {
        format!("oidc_client:{id}")
    }

    /// The public fields of a client's settings (no secret).
    pub fn settings_json(s: &ClientSettings) -> Value {
        json!({
            "name": s.name,
            "redirect_uris": s.redirect_uris,
            "allowed_scopes": s.allowed_scopes.to_scope_string(),
            "min_level": s.min_level.as_str(),
            "subject_type": s.subject_type.as_str(),
            "kind": s.kind.as_str(),
            "sector_identifier": s.sector_identifier,
            "id_token_alg": s.id_token_alg.as_str(),
        })
    }

    fn event(
        change: Change,
        action: AuditAction,
        target: String,
        before: Option<Value>,
        after: Option<Value>,
    ) -> NewAuditEvent {
        NewAuditEvent {
            at: change.at,
            actor: change.actor,
            action,
            target: Some(target),
            before,
            after,
        }
    }

    /// `oidc.client_registered`.
    pub fn registered(change: Change, id: &ClientId, s: &ClientSettings) -> NewAuditEvent {
        event(
            change,
            AuditAction::OidcClientRegistered,
            client_target(id),
            None,
            Some(settings_json(s)),
        )
    }

    /// `oidc.client_changed`, or `None` if nothing changed.
    pub fn changed(
        change: Change,
        id: &ClientId,
        before: &ClientSettings,
        after: &ClientSettings,
    ) -> Option<NewAuditEvent> {
        (before != after).then(|| {
            event(
                change,
                AuditAction::OidcClientChanged,
                client_target(id),
                Some(settings_json(before)),
                Some(settings_json(after)),
            )
        })
    }

    /// `oidc.client_secret_reset` (never the secret or its digest).
    pub fn secret_reset(change: Change, id: &ClientId) -> NewAuditEvent {
        event(
            change,
            AuditAction::OidcClientSecretReset,
            client_target(id),
            None,
            None,
        )
    }

    /// `oidc.consent_granted`, targeting the resident.
    pub fn consent(change: Change, user: UserId, id: &ClientId, scopes: Scopes) -> NewAuditEvent {
        event(
            change,
            AuditAction::OidcConsentGranted,
            civis_domain::audit::user_target(user),
            None,
            Some(json!({"client_id": id.as_str(), "scopes": scopes.to_scope_string()})),
        )
    }
}

/// Decoding stored OpenID Connect rows, shared by the backends.
pub mod decode {
    use civis_domain::{AuthMethods, LevelOfAssurance, Timestamp, UserId};
    use civis_oidc::client::ClientSettings;
    use civis_oidc::{Client, ClientId, ClientKind, Scopes, SubjectType};

    use super::{OidcCode, OidcToken, OidcTokenKind};
    use crate::{StoreError, StoreResult};

    fn corrupt(column: &str) -> StoreError {
        StoreError::internal(format!("stored {column} is not valid"))
    }

    /// A 32-byte digest column.
    pub fn digest(bytes: &[u8], column: &str) -> StoreResult<[u8; 32]> {
        bytes.try_into().map_err(|_| corrupt(column))
    }

    fn scopes(text: &str, column: &str) -> StoreResult<Scopes> {
        Scopes::parse_stored(text).ok_or_else(|| corrupt(column))
    }

    fn level(text: &str, column: &str) -> StoreResult<LevelOfAssurance> {
        LevelOfAssurance::parse(text).ok_or_else(|| corrupt(column))
    }

    fn methods(text: &str, column: &str) -> StoreResult<AuthMethods> {
        AuthMethods::parse_amr_string(text).ok_or_else(|| corrupt(column))
    }

    fn client_id(text: &str, column: &str) -> StoreResult<ClientId> {
        ClientId::parse(text).map_err(|_| corrupt(column))
    }

    /// The columns of an `oidc_clients` row.
    #[derive(Debug)]
    pub struct ClientRow {
        /// `client_id`
        pub client_id: String,
        /// `name`
        pub name: String,
        /// `redirect_uris`, one per line
        pub redirect_uris: String,
        /// `allowed_scopes`
        pub allowed_scopes: String,
        /// `min_level`
        pub min_level: String,
        /// `subject_type`
        pub subject_type: String,
        /// `kind`
        pub kind: String,
        /// `sector_identifier`
        pub sector_identifier: Option<String>,
        /// `id_token_alg`
        pub id_token_alg: String,
        /// `secret_hash`
        pub secret_hash: Option<Vec<u8>>,
        /// `created_at` (ms)
        pub created_at: i64,
        /// `updated_at` (ms)
        pub updated_at: i64,
    }

    impl ClientRow {
        /// Parses the row.
        pub fn into_client(self) -> StoreResult<Client> {
            Ok(Client {
                id: client_id(&self.client_id, "oidc_clients.client_id")?,
                settings: ClientSettings {
                    name: self.name,
                    redirect_uris: self.redirect_uris.lines().map(str::to_owned).collect(),
                    allowed_scopes: scopes(&self.allowed_scopes, "oidc_clients.allowed_scopes")?,
                    min_level: level(&self.min_level, "oidc_clients.min_level")?,
                    subject_type: SubjectType::parse(&self.subject_type)
                        .ok_or_else(|| corrupt("oidc_clients.subject_type"))?,
                    kind: ClientKind::parse(&self.kind)
                        .ok_or_else(|| corrupt("oidc_clients.kind"))?,
                    sector_identifier: self.sector_identifier,
                    id_token_alg: civis_oidc::jws::Alg::parse(&self.id_token_alg)
                        .ok_or_else(|| corrupt("oidc_clients.id_token_alg"))?,
                },
                secret_hash: self
                    .secret_hash
                    .map(|h| digest(&h, "oidc_clients.secret_hash"))
                    .transpose()?,
                created_at: Timestamp::from_millis(self.created_at),
                updated_at: Timestamp::from_millis(self.updated_at),
            })
        }
    }

    /// The stored form of redirect URIs: one per line.
    pub fn redirect_uris_text(uris: &[String]) -> String {
        uris.join("\n")
    }

    /// The columns of an `oidc_codes` row.
    #[derive(Debug)]
    pub struct CodeRow {
        /// `code_hash`
        pub code_hash: Vec<u8>,
        /// `client_id`
        pub client_id: String,
        /// `user_id`
        pub user_id: i64,
        /// `redirect_uri`
        pub redirect_uri: String,
        /// `code_challenge`
        pub code_challenge: String,
        /// `nonce`
        pub nonce: Option<String>,
        /// `scopes`
        pub scopes: String,
        /// `sub`
        pub sub: String,
        /// `auth_time` (ms)
        pub auth_time: i64,
        /// `acr`
        pub acr: String,
        /// `amr`
        pub amr: String,
        /// `created_at` (ms)
        pub created_at: i64,
        /// `expires_at` (ms)
        pub expires_at: i64,
        /// `consumed_at` (ms)
        pub consumed_at: Option<i64>,
    }

    impl CodeRow {
        /// Parses the row.
        pub fn into_code(self) -> StoreResult<OidcCode> {
            Ok(OidcCode {
                code_hash: digest(&self.code_hash, "oidc_codes.code_hash")?,
                client_id: client_id(&self.client_id, "oidc_codes.client_id")?,
                user_id: UserId(self.user_id),
                redirect_uri: self.redirect_uri,
                code_challenge: self.code_challenge,
                nonce: self.nonce,
                scopes: scopes(&self.scopes, "oidc_codes.scopes")?,
                sub: self.sub,
                auth_time: Timestamp::from_millis(self.auth_time),
                acr: level(&self.acr, "oidc_codes.acr")?,
                amr: methods(&self.amr, "oidc_codes.amr")?,
                created_at: Timestamp::from_millis(self.created_at),
                expires_at: Timestamp::from_millis(self.expires_at),
                consumed_at: self.consumed_at.map(Timestamp::from_millis),
            })
        }
    }

    /// The columns of an `oidc_tokens` row, with the user's `disabled_at`.
    #[derive(Debug)]
    pub struct TokenRow {
        /// `token_hash`
        pub token_hash: Vec<u8>,
        /// `kind`
        pub kind: String,
        /// `grant_id`
        pub grant_id: Vec<u8>,
        /// `client_id`
        pub client_id: String,
        /// `user_id`
        pub user_id: i64,
        /// `scopes`
        pub scopes: String,
        /// `sub`
        pub sub: String,
        /// `auth_time` (ms)
        pub auth_time: i64,
        /// `acr`
        pub acr: String,
        /// `amr`
        pub amr: String,
        /// `issued_at` (ms)
        pub issued_at: i64,
        /// `expires_at` (ms)
        pub expires_at: i64,
        /// `revoked_at` (ms)
        pub revoked_at: Option<i64>,
        /// `users.disabled_at` (ms)
        pub user_disabled_at: Option<i64>,
    }

    impl TokenRow {
        /// Parses the row.
        pub fn into_token(self) -> StoreResult<OidcToken> {
            Ok(OidcToken {
                token_hash: digest(&self.token_hash, "oidc_tokens.token_hash")?,
                kind: OidcTokenKind::parse(&self.kind)
                    .ok_or_else(|| corrupt("oidc_tokens.kind"))?,
                grant: digest(&self.grant_id, "oidc_tokens.grant_id")?,
                client_id: client_id(&self.client_id, "oidc_tokens.client_id")?,
                user_id: UserId(self.user_id),
                scopes: scopes(&self.scopes, "oidc_tokens.scopes")?,
                sub: self.sub,
                auth_time: Timestamp::from_millis(self.auth_time),
                acr: level(&self.acr, "oidc_tokens.acr")?,
                amr: methods(&self.amr, "oidc_tokens.amr")?,
                issued_at: Timestamp::from_millis(self.issued_at),
                expires_at: Timestamp::from_millis(self.expires_at),
                revoked_at: self.revoked_at.map(Timestamp::from_millis),
                user_active: self.user_disabled_at.is_none(),
            })
        }
    }
}
