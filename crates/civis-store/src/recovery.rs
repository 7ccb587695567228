//! [`RecoveryStore`]: one-time recovery codes that officials issue to residents
//! after checking an identity document, stored as digests only.

use async_trait::async_trait;
use civis_domain::{audit::user_target, AuditAction, NewAuditEvent, Timestamp, UserId};
use serde_json::json;

use crate::{Change, StoreResult};

/// A recovery code to store (its digest only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecoveryCode {
    /// The account it recovers.
    pub user_id: UserId,
    /// `civis_identity::recovery::digest` of the code.
    pub code_hash: [u8; 32],
    /// The identity document the official checked.
    pub document_type: String,
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// Recovery codes.
///
/// A supertrait of [`Store`](crate::Store); each backend implements it in
/// `register/recovery.rs`.
#[async_trait]
pub trait RecoveryStore: Send + Sync {
    /// Stores `code`, issued by the official `change.actor`: the account's
    /// earlier unused codes are voided, and `credential.recovery_issued` is
    /// recorded (the official, the account, the document type, the expiry;
    /// never the code), in one transaction.
    /// Errors: `NotFound` for an unknown account or actor.
    async fn issue_recovery_code(&self, code: &NewRecoveryCode, change: Change) -> StoreResult<()>;

    /// Uses the code of `user` with `code_hash` at `change.at`: it must be
    /// unused, not voided and unexpired. On success it is marked used and
    /// `credential.recovery_used` recorded, in one transaction, and `true`
    /// returned; otherwise nothing is written and `false` returned. Of two
    /// concurrent uses of one code, one succeeds.
    async fn use_recovery_code(
        &self,
        user: UserId,
        code_hash: &[u8; 32],
        change: Change,
    ) -> StoreResult<bool>;
}

/// Audit events of recovery codes, built once for both backends.
pub mod audit {
    use super::*;

    /// `credential.recovery_issued`: who issued a code for which account, after
    /// checking which document, and until when (never the code).
    pub fn issued(change: Change, code: &NewRecoveryCode, voided: u64) -> NewAuditEvent {
        NewAuditEvent {
            at: change.at,
            actor: change.actor,
            action: AuditAction::RecoveryCodeIssued,
            target: Some(user_target(code.user_id)),
            before: None,
            after: Some(json!({
                "document_type": code.document_type,
                "expires_at": code.expires_at.to_string(),
                "voided_earlier": voided,
            })),
        }
    }

    /// `credential.recovery_used`: the account recovered with a code.
    pub fn used(change: Change, user: UserId) -> NewAuditEvent {
        NewAuditEvent {
            at: change.at,
            actor: Some(user),
            action: AuditAction::RecoveryCodeUsed,
            target: Some(user_target(user)),
            before: None,
            after: None,
        }
    }
}
