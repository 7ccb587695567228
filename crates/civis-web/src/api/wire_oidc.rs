//! JSON wire types of the client service registration API.

use civis_oidc::client::ClientDraft;
use civis_oidc::Client;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A client service's registration as an admin sends it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ClientRequest {
    /// The client id: 3–64 characters of `a-z 0-9 - _ .` (ignored on update).
    #[serde(default)]
    pub client_id: String,
    /// The name residents see on the consent page.
    pub name: String,
    /// Redirect URIs, matched exactly: https, or http on localhost.
    pub redirect_uris: Vec<String>,
    /// Scopes besides `openid`: `profile`, `address`, `offline_access`.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// `low`, `substantial` or `high`.
    pub min_level: String,
    /// `pairwise` (default) or `public`.
    #[serde(default = "pairwise")]
    pub subject_type: String,
    /// `confidential` (with a secret) or `public` (PKCE only).
    pub kind: String,
    /// Clients with the same sector identifier see the same pairwise `sub`.
    #[serde(default)]
    pub sector_identifier: Option<String>,
    /// How its ID tokens are signed: `RS256` (the default) or `ES256`.
    #[serde(default)]
    pub id_token_signed_response_alg: Option<String>,
}

fn pairwise() -> String {
    "pairwise".into()
}

impl ClientRequest {
    /// The registration draft this request describes.
    pub fn draft(&self) -> ClientDraft {
        ClientDraft {
            name: self.name.clone(),
            redirect_uris: self.redirect_uris.join("\n"),
            scopes: self.scopes.clone(),
            min_level: self.min_level.clone(),
            subject_type: self.subject_type.clone(),
            kind: self.kind.clone(),
            sector_identifier: self.sector_identifier.clone().unwrap_or_default(),
            id_token_alg: self
                .id_token_signed_response_alg
                .clone()
                .unwrap_or_default(),
        }
    }
}

/// A client service as the API shows it (never its secret).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClientView {
    /// The client id.
    pub client_id: String,
    /// Its name.
    pub name: String,
    /// Its redirect URIs.
    pub redirect_uris: Vec<String>,
    /// Its allowed scopes, `openid` first.
    pub scopes: Vec<String>,
    /// The lowest level of assurance it accepts.
    pub min_level: String,
    /// `pairwise` or `public`.
    pub subject_type: String,
    /// `confidential` or `public`.
    pub kind: String,
    /// The sector of its pairwise identifiers, if set.
    pub sector_identifier: Option<String>,
    /// How its ID tokens are signed: `RS256` or `ES256`.
    pub id_token_signed_response_alg: String,
    /// When it was registered (RFC 3339).
    pub created_at: String,
    /// When it was last changed (RFC 3339).
    pub updated_at: String,
}

impl From<&Client> for ClientView {
    fn from(c: &Client) -> Self {
        let s = &c.settings;
        Self {
            client_id: c.id.to_string(),
            name: s.name.clone(),
            redirect_uris: s.redirect_uris.clone(),
            scopes: s
                .allowed_scopes
                .iter()
                .map(|x| x.as_str().to_owned())
                .collect(),
            min_level: s.min_level.as_str().into(),
            subject_type: s.subject_type.as_str().into(),
            kind: s.kind.as_str().into(),
            sector_identifier: s.sector_identifier.clone(),
            id_token_signed_response_alg: s.id_token_alg.as_str().into(),
            created_at: c.created_at.to_string(),
            updated_at: c.updated_at.to_string(),
        }
    }
}

/// A client service with its secret, shown once: at registration, when it
/// becomes confidential, and when the secret is replaced.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClientWithSecret {
    /// The client.
    pub client: ClientView,
    /// The client secret, if one was just issued. It cannot be read again.
    pub client_secret: Option<String>,
}

/// Every registered client.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClientList {
    /// The clients, by id.
    pub items: Vec<ClientView>,
}
