//! Typed audit events: who did what to what, when, with the state before and after.
//!
//! The audit log is append-only; stores offer no way to change or remove an event.

use crate::{AuditEventId, Timestamp, UserId};

/// The kinds of recorded actions.
///
/// Stored as the text of [`AuditAction::as_str`], so adding a variant needs no migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// An account was created.
    UserCreated,
    /// An account's display name changed.
    ProfileChanged,
    /// An account's password was set or changed (the hash is never recorded).
    PasswordChanged,
    /// An account's role changed.
    RoleChanged,
    /// An account was disabled.
    UserDisabled,
    /// A disabled account was enabled again.
    UserEnabled,
    /// Sign-in was blocked after too many failed attempts.
    SignInFailedLockout,
    /// All sessions of an account were revoked.
    SessionsRevoked,
    /// A platform setting changed.
    SettingsChanged,
    /// A process (e.g. a participatory budget) was created.
    ProcessCreated,
    /// A process was changed (phase, dates, projects, ...).
    ProcessChanged,
    /// A process's results were published.
    ResultsPublished,
    /// Data was exported.
    DataExported,
    /// Officials reviewed a proposal's feasibility (accepted, rejected or merged it).
    ProposalReviewed,
    /// A proposal was hidden by moderators, or shown again.
    ProposalModerated,
    /// An official entered a paper ballot for a voter (the assisted channel).
    PaperBallotEntered,
    /// An official reported on a funded project's implementation.
    ImplementationUpdated,
    /// A resident's district or birth date changed.
    ResidentProfileChanged,
    /// An admin registered an OpenID Connect client service.
    OidcClientRegistered,
    /// An admin changed a client service's registration.
    OidcClientChanged,
    /// An admin issued a new secret for a client service (the secret is never recorded).
    OidcClientSecretReset,
    /// A resident consented to share claims with a client service.
    OidcConsentGranted,
    /// A client service received register claims about a resident (names,
    /// birth date, address) from `/oidc/userinfo`, under the resident's consent.
    OidcClaimsReleased,
    /// An account set up an authenticator app (the secret is never recorded).
    TotpEnrolled,
    /// An account's authenticator app was removed.
    TotpRemoved,
    /// A passkey was registered for an account.
    PasskeyRegistered,
    /// A passkey was removed from an account.
    PasskeyRemoved,
    /// An official issued a one-time recovery code for a resident (the code is never recorded).
    RecoveryCodeIssued,
    /// A resident signed in with a recovery code.
    RecoveryCodeUsed,
    /// A wrong, expired or used recovery code was entered for an existing account.
    RecoveryCodeRefused,
    /// One session of an account was ended from the devices page or the API.
    SessionRevoked,
    /// An official imported a resident register file.
    RegisterImported,
    /// An official read a register record (or searched and found none), naming why.
    RegisterRecordRead,
    /// An admin granted an official a register permission.
    RegisterPermissionGranted,
    /// An admin revoked an official's register permission.
    RegisterPermissionRevoked,
    /// An enrolment code (letter or SMS) was made for a register record.
    EnrolmentCodeIssued,
    /// An account was linked to its register record with a code (or the link strengthened).
    EnrolmentLinked,
    /// An official checked a resident's identity document and linked the account.
    EnrolmentVerifiedInPerson,
    /// A wrong, expired or used enrolment code was entered, or too many were.
    EnrolmentCodeRefused,
    /// A resident obtained the anonymous credential of a process with secret
    /// ballots (the blinded message is never recorded).
    BallotCredentialIssued,
    /// An official named a secret-ballot process's trustees and threshold.
    BallotTrusteesSet,
    /// A trustee submitted their personal public key.
    BallotTrusteeKeySubmitted,
    /// A trustee submitted their dealing (commitments and sealed shares).
    BallotDealingSubmitted,
    /// Every trustee dealt: the election public key was computed.
    BallotElectionKeyMade,
    /// A trustee revealed their share after the close.
    BallotShareRevealed,
    /// The ballots were decrypted and counted and the published record was made.
    BallotRecordPublished,
}

/// An unknown audit action name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("action is not a known audit action (got {got:?})")]
pub struct AuditActionError {
    /// The refused text.
    pub got: String,
}

impl AuditActionError {
    /// The form / API field this error is about.
    pub fn field(&self) -> &'static str {
        "action"
    }
}

impl AuditAction {
    /// Every action.
    pub const ALL: [AuditAction; 46] = [
        AuditAction::UserCreated,
        AuditAction::ProfileChanged,
        AuditAction::PasswordChanged,
        AuditAction::RoleChanged,
        AuditAction::UserDisabled,
        AuditAction::UserEnabled,
        AuditAction::SignInFailedLockout,
        AuditAction::SessionsRevoked,
        AuditAction::SettingsChanged,
        AuditAction::ProcessCreated,
        AuditAction::ProcessChanged,
        AuditAction::ResultsPublished,
        AuditAction::DataExported,
        AuditAction::ProposalReviewed,
        AuditAction::ProposalModerated,
        AuditAction::PaperBallotEntered,
        AuditAction::ImplementationUpdated,
        AuditAction::ResidentProfileChanged,
        AuditAction::OidcClientRegistered,
        AuditAction::OidcClientChanged,
        AuditAction::OidcClientSecretReset,
        AuditAction::OidcConsentGranted,
        AuditAction::OidcClaimsReleased,
        AuditAction::TotpEnrolled,
        AuditAction::TotpRemoved,
        AuditAction::PasskeyRegistered,
        AuditAction::PasskeyRemoved,
        AuditAction::RecoveryCodeIssued,
        AuditAction::RecoveryCodeUsed,
        AuditAction::RecoveryCodeRefused,
        AuditAction::SessionRevoked,
        AuditAction::RegisterImported,
        AuditAction::RegisterRecordRead,
        AuditAction::RegisterPermissionGranted,
        AuditAction::RegisterPermissionRevoked,
        AuditAction::EnrolmentCodeIssued,
        AuditAction::EnrolmentLinked,
        AuditAction::EnrolmentVerifiedInPerson,
        AuditAction::EnrolmentCodeRefused,
        AuditAction::BallotCredentialIssued,
        AuditAction::BallotTrusteesSet,
        AuditAction::BallotTrusteeKeySubmitted,
        AuditAction::BallotDealingSubmitted,
        AuditAction::BallotElectionKeyMade,
        AuditAction::BallotShareRevealed,
        AuditAction::BallotRecordPublished,
    ];

    /// The stable dotted name used in storage and JSON, e.g. `user.created`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AuditAction::UserCreated => "user.created",
            AuditAction::ProfileChanged => "user.profile_changed",
            AuditAction::PasswordChanged => "user.password_changed",
            AuditAction::RoleChanged => "user.role_changed",
            AuditAction::UserDisabled => "user.disabled",
            AuditAction::UserEnabled => "user.enabled",
            AuditAction::SignInFailedLockout => "sign_in.failed_lockout",
            AuditAction::SessionsRevoked => "session.revoked_all",
            AuditAction::SettingsChanged => "settings.changed",
            AuditAction::ProcessCreated => "process.created",
            AuditAction::ProcessChanged => "process.changed",
            AuditAction::ResultsPublished => "process.results_published",
            AuditAction::DataExported => "data.exported",
            AuditAction::ProposalReviewed => "proposal.reviewed",
            AuditAction::ProposalModerated => "proposal.moderated",
            AuditAction::PaperBallotEntered => "ballot.paper_entered",
            AuditAction::ImplementationUpdated => "implementation.updated",
            AuditAction::ResidentProfileChanged => "resident.profile_changed",
            AuditAction::OidcClientRegistered => "oidc.client_registered",
            AuditAction::OidcClientChanged => "oidc.client_changed",
            AuditAction::OidcClientSecretReset => "oidc.client_secret_reset",
            AuditAction::OidcConsentGranted => "oidc.consent_granted",
            AuditAction::OidcClaimsReleased => "oidc.claims_released",
            AuditAction::TotpEnrolled => "credential.totp_enrolled",
            AuditAction::TotpRemoved => "credential.totp_removed",
            AuditAction::PasskeyRegistered => "credential.passkey_registered",
            AuditAction::PasskeyRemoved => "credential.passkey_removed",
            AuditAction::RecoveryCodeIssued => "credential.recovery_issued",
            AuditAction::RecoveryCodeUsed => "credential.recovery_used",
            AuditAction::RecoveryCodeRefused => "credential.recovery_refused",
            AuditAction::SessionRevoked => "session.revoked",
            AuditAction::RegisterImported => "register.imported",
            AuditAction::RegisterRecordRead => "register.record_read",
            AuditAction::RegisterPermissionGranted => "register.permission_granted",
            AuditAction::RegisterPermissionRevoked => "register.permission_revoked",
            AuditAction::EnrolmentCodeIssued => "enrolment.code_issued",
            AuditAction::EnrolmentLinked => "enrolment.linked",
            AuditAction::EnrolmentVerifiedInPerson => "enrolment.verified_in_person",
            AuditAction::EnrolmentCodeRefused => "enrolment.code_refused",
            AuditAction::BallotCredentialIssued => "ballot.credential_issued",
            AuditAction::BallotTrusteesSet => "ballot.trustees_set",
            AuditAction::BallotTrusteeKeySubmitted => "ballot.trustee_key_submitted",
            AuditAction::BallotDealingSubmitted => "ballot.dealing_submitted",
            AuditAction::BallotElectionKeyMade => "ballot.election_key_made",
            AuditAction::BallotShareRevealed => "ballot.share_revealed",
            AuditAction::BallotRecordPublished => "ballot.record_published",
        }
    }

    /// Parses the name produced by [`AuditAction::as_str`].
    pub fn parse(input: &str) -> Result<Self, AuditActionError> {
        AuditAction::ALL
            .into_iter()
            .find(|a| a.as_str() == input)
            .ok_or_else(|| AuditActionError {
                got: input.to_owned(),
            })
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The conventional audit target naming a user account: `user:<id>`.
pub fn user_target(id: UserId) -> String {
    format!("user:{id}")
}

/// An audit event to append. The store assigns its id.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAuditEvent {
    /// When it happened.
    pub at: Timestamp,
    /// Who did it; `None` for the system or an anonymous visitor.
    pub actor: Option<UserId>,
    /// What was done.
    pub action: AuditAction,
    /// What it was done to, e.g. `user:42`, `setting:site_name`, `process:7`.
    pub target: Option<String>,
    /// Relevant state before (never secrets).
    pub before: Option<serde_json::Value>,
    /// Relevant state after (never secrets).
    pub after: Option<serde_json::Value>,
}

/// A recorded audit event.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    /// Store-assigned identifier, increasing in append order.
    pub id: AuditEventId,
    /// When it happened.
    pub at: Timestamp,
    /// Who did it; `None` for the system or an anonymous visitor.
    pub actor: Option<UserId>,
    /// What was done.
    pub action: AuditAction,
    /// What it was done to.
    pub target: Option<String>,
    /// Relevant state before.
    pub before: Option<serde_json::Value>,
    /// Relevant state after.
    pub after: Option<serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Ok(a));
            assert!(seen.insert(a.as_str()), "duplicate {a}");
        }
        assert!(AuditAction::parse("user.deleted").is_err());
    }

    #[test]
    fn user_target_format() {
        assert_eq!(user_target(UserId(42)), "user:42");
    }
}
