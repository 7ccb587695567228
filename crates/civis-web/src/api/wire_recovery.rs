//! Wire types of account recovery.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A recovery code to issue, after checking the person's identity document.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct IssueRecoveryRequest {
    /// The resident's username.
    pub username: String,
    /// The document checked: `id_card`, `passport`, `residence_permit` or `driving_licence`.
    pub document_type: String,
    /// The official confirms that the document matches the person.
    #[serde(default)]
    pub confirmed: bool,
}

/// A recovery code just issued: shown this once, stored only as a digest.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IssuedRecoveryView {
    /// The resident's username.
    pub username: String,
    /// The code to hand to the resident.
    pub code: String,
    /// When it stops working (RFC 3339).
    pub expires_at: String,
}

/// Recovering an account with a code from an official.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RecoverRequest {
    /// The username.
    pub username: String,
    /// The recovery code (hyphens, spaces and case do not matter).
    pub code: String,
    /// A new password to set at once (optional).
    #[serde(default)]
    pub new_password: Option<String>,
}
