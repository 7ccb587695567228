//! Enrolment: linking an account to its register record, which raises the
//! account's proofing (and so the level of assurance its sessions can reach).
//!
//! * letter: the resident types their personal code and the activation code
//!   printed in a letter sent to the register address (see [`super::letters`]);
//! * SMS: a six-digit code sent to the register's phone number for the record,
//!   bound to the account that asked for it;
//! * in person: an official with `enrolment.in_person` checks an identity
//!   document; the official and the document type are recorded.
//!
//! Wrong codes are counted per account and per record (`civis_identity::codes`
//! limits, in the database's throttle table, so every server sees the same
//! counts); past the limit every attempt is refused for an hour. Every step
//! is audited.

use civis_domain::{AuditAction, NewAuditEvent, Role, User, Username};
use civis_identity::codes::{self, Channel};
use civis_identity::{CodeProblem, Permission, Purpose};
use civis_store::register::{
    LinkOutcome, NewEnrolmentCode, RecordLookup, RegisterLink, RegisterRecord,
};
use civis_store::Change;
use serde_json::json;

use crate::error::AppError;
use crate::state::AppState;

/// Why an enrolment step was refused. Each names the form field it is about.
#[derive(Debug)]
pub enum Refusal {
    /// The personal code is not valid.
    PersonalCode(CodeProblem),
    /// No code was typed.
    CodeMissing,
    /// Wrong, expired or used; `left` attempts remain in the window.
    WrongCode {
        /// Attempts left before the account is blocked for the window.
        left: u64,
    },
    /// Too many wrong codes for this account or record: wait.
    TooManyAttempts,
    /// Too many SMS for this account: wait.
    TooManySms,
    /// No SMS can be sent for this code (no record, not active, or no phone).
    NoPhone,
    /// The record is linked to another account.
    RecordTaken,
    /// The account is linked to another record.
    AccountLinkedElsewhere,
    /// The gateway did not take the SMS.
    SmsFailed,
    /// The username names no resident account (in person).
    UnknownResident,
    /// No record has this personal code (in person).
    NoRecord,
    /// No (or an unknown) document type (in person).
    DocumentType,
    /// The official did not confirm the check (in person).
    NotConfirmed,
    /// Anything else.
    Other(AppError),
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        Self::Other(e)
    }
}

impl From<civis_store::StoreError> for Refusal {
    fn from(e: civis_store::StoreError) -> Self {
        Self::Other(e.into())
    }
}

impl Refusal {
    /// The form field it is about.
    pub fn field(&self) -> &'static str {
        match self {
            Self::PersonalCode(_) | Self::NoPhone | Self::RecordTaken | Self::NoRecord => {
                "personal_code"
            }
            Self::UnknownResident => "username",
            Self::DocumentType => "document_type",
            Self::NotConfirmed => "confirmed",
            _ => "code",
        }
    }

    /// The translation id (without arguments except `left`).
    pub fn key(&self) -> String {
        match self {
            Self::PersonalCode(p) => format!("register-problem-{}", p.key()),
            Self::CodeMissing => "identity-code-missing".into(),
            Self::WrongCode { .. } => "identity-code-wrong".into(),
            Self::TooManyAttempts => "identity-too-many-attempts".into(),
            Self::TooManySms => "identity-too-many-sms".into(),
            Self::NoPhone => "identity-no-phone".into(),
            Self::RecordTaken => "identity-record-taken".into(),
            Self::AccountLinkedElsewhere => "identity-linked-elsewhere".into(),
            Self::SmsFailed => "identity-sms-failed".into(),
            Self::UnknownResident => "enrolment-unknown-resident".into(),
            Self::NoRecord => "enrolment-no-record".into(),
            Self::DocumentType => "enrolment-document-missing".into(),
            Self::NotConfirmed => "enrolment-not-confirmed".into(),
            Self::Other(_) => "error-internal-text".into(),
        }
    }

    /// Whether the refusal is a rate limit (`429`).
    pub fn is_rate_limit(&self) -> bool {
        matches!(self, Self::TooManyAttempts | Self::TooManySms)
    }
}

fn account_key(user: &User) -> String {
    format!("enrol-account:{}", user.id)
}

fn record_key(record_id: i64) -> String {
    format!("enrol-record:{record_id}")
}

fn sms_key(user: &User) -> String {
    format!("enrol-sms:{}", user.id)
}

async fn failures(state: &AppState, key: &str) -> Result<u64, Refusal> {
    let since = state.now().minus_seconds(codes::ATTEMPT_WINDOW_SECS);
    Ok(state.store().count_failed_sign_ins(key, since).await?)
}

async fn refused(
    state: &AppState,
    user: &User,
    record: Option<i64>,
    channel: Channel,
    reason: &str,
) -> Result<(), Refusal> {
    state
        .store()
        .append_audit(&NewAuditEvent {
            at: state.now(),
            actor: Some(user.id),
            action: AuditAction::EnrolmentCodeRefused,
            target: record.map(civis_store::register::record_target),
            before: None,
            after: Some(json!({ "channel": channel.as_str(), "reason": reason })),
        })
        .await?;
    Ok(())
}

/// Counts a wrong code against the account (and the record, if known), audits
/// it, and says how many attempts are left.
async fn wrong_code(
    state: &AppState,
    user: &User,
    record: Option<i64>,
    channel: Channel,
) -> Result<Refusal, Refusal> {
    let now = state.now();
    let store = state.store();
    store.record_failed_sign_in(&account_key(user), now).await?;
    if let Some(id) = record {
        store.record_failed_sign_in(&record_key(id), now).await?;
    }
    refused(state, user, record, channel, "wrong_code").await?;
    let mut used = failures(state, &account_key(user)).await?;
    if let Some(id) = record {
        used = used.max(failures(state, &record_key(id)).await?);
    }
    Ok(Refusal::WrongCode {
        left: codes::MAX_FAILED_ATTEMPTS.saturating_sub(used),
    })
}

fn active(record: &RegisterRecord) -> bool {
    record
        .current()
        .is_some_and(|v| v.data.status == civis_identity::RecordStatus::Active)
}

/// Links `user` to the record of `personal_code` with a letter or SMS `code`.
pub async fn redeem(
    state: &AppState,
    user: &User,
    personal_code: &str,
    code: &str,
    channel: Channel,
) -> Result<RegisterLink, Refusal> {
    if failures(state, &account_key(user)).await? >= codes::MAX_FAILED_ATTEMPTS {
        refused(state, user, None, channel, "too_many_attempts").await?;
        return Err(Refusal::TooManyAttempts);
    }
    let pc = super::records::parse_code(personal_code).map_err(Refusal::PersonalCode)?;
    if codes::normalize(code).is_empty() {
        return Err(Refusal::CodeMissing);
    }
    let record = state
        .store()
        .register_record(&RecordLookup::Code(pc))
        .await?
        .filter(active);
    let Some(record) = record else {
        return Err(wrong_code(state, user, None, channel).await?);
    };
    if failures(state, &record_key(record.id)).await? >= codes::MAX_FAILED_ATTEMPTS {
        refused(state, user, Some(record.id), channel, "too_many_attempts").await?;
        return Err(Refusal::TooManyAttempts);
    }
    let outcome = state
        .store()
        .redeem_enrolment_code(
            user.id,
            record.id,
            channel,
            &codes::digest(record.id, code),
            Change::by(user.id, state.now()),
        )
        .await?;
    match outcome {
        LinkOutcome::Linked(link) => {
            state
                .store()
                .clear_failed_sign_ins(&account_key(user))
                .await?;
            Ok(link)
        }
        LinkOutcome::NoCode => Err(wrong_code(state, user, Some(record.id), channel).await?),
        LinkOutcome::RecordTaken => Err(Refusal::RecordTaken),
        LinkOutcome::AccountLinkedElsewhere => Err(Refusal::AccountLinkedElsewhere),
    }
}

/// Sends an SMS code for the record of `personal_code` to its phone number;
/// returns the number, masked.
pub async fn send_sms(
    state: &AppState,
    user: &User,
    personal_code: &str,
) -> Result<String, Refusal> {
    if failures(state, &account_key(user)).await? >= codes::MAX_FAILED_ATTEMPTS {
        return Err(Refusal::TooManyAttempts);
    }
    if failures(state, &sms_key(user)).await? >= codes::MAX_SMS_PER_WINDOW {
        refused(state, user, None, Channel::Sms, "too_many_sms").await?;
        return Err(Refusal::TooManySms);
    }
    let pc = super::records::parse_code(personal_code).map_err(Refusal::PersonalCode)?;
    let record = state
        .store()
        .register_record(&RecordLookup::Code(pc))
        .await?
        .filter(active);
    let target = record.as_ref().and_then(|r| {
        r.current()
            .and_then(|v| v.data.phone.clone())
            .map(|p| (r.id, p))
    });
    let now = state.now();
    let Some((record_id, phone)) = target else {
        // Counted like a wrong code, so the form cannot be used to find out
        // whose codes are in the register.
        state
            .store()
            .record_failed_sign_in(&account_key(user), now)
            .await?;
        refused(state, user, None, Channel::Sms, "no_phone").await?;
        return Err(Refusal::NoPhone);
    };
    state
        .store()
        .record_failed_sign_in(&sms_key(user), now)
        .await?;
    let random: [u8; 4] = rand::random();
    let code = codes::sms_code(&random);
    state
        .store()
        .issue_enrolment_codes(
            &[NewEnrolmentCode {
                record_id,
                user_id: Some(user.id),
                channel: Channel::Sms,
                code_hash: codes::digest(record_id, &code),
                expires_at: codes::expires(Channel::Sms, now),
            }],
            Change::by(user.id, now),
        )
        .await?;
    let text = format!("civis: {code} is your code to link your account to the resident register. It works for 10 minutes.");
    state.sms().send(&phone, &text).await.map_err(|e| {
        tracing::warn!(error = %e, "enrolment SMS not sent");
        Refusal::SmsFailed
    })?;
    Ok(codes::mask_phone(&phone))
}

/// The resident account named `username` (residents only) and the record of
/// `personal_code`, read for enrolment (audited), for an official holding
/// `enrolment.in_person`.
pub async fn check_in_person(
    state: &AppState,
    official: &User,
    username: &str,
    personal_code: &str,
) -> Result<(User, RegisterRecord), Refusal> {
    super::require(state, official, Permission::EnrolmentInPerson).await?;
    let resident = match Username::parse(username.trim()) {
        Ok(name) => match state.store().user_by_username(&name).await {
            Ok(u) if u.role == Role::Resident && u.is_active() => Some(u),
            Ok(_) | Err(civis_store::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        Err(_) => None,
    };
    let resident = resident.ok_or(Refusal::UnknownResident)?;
    let pc = super::records::parse_code(personal_code).map_err(Refusal::PersonalCode)?;
    let record = state
        .store()
        .read_register_record(
            &RecordLookup::Code(pc),
            &Purpose::Enrolment,
            Change::by(official.id, state.now()),
        )
        .await?
        .filter(active)
        .ok_or(Refusal::NoRecord)?;
    Ok((resident, record))
}

/// Links the account to the record after the official checked `document_type`
/// in person (`confirmed`: the official ticked that the document matches).
pub async fn verify_in_person(
    state: &AppState,
    official: &User,
    username: &str,
    personal_code: &str,
    document_type: &str,
    confirmed: bool,
) -> Result<RegisterLink, Refusal> {
    super::require(state, official, Permission::EnrolmentInPerson).await?;
    if !codes::DOCUMENT_TYPES.contains(&document_type) {
        return Err(Refusal::DocumentType);
    }
    if !confirmed {
        return Err(Refusal::NotConfirmed);
    }
    let resident = match Username::parse(username.trim()) {
        Ok(name) => state.store().user_by_username(&name).await.ok(),
        Err(_) => None,
    }
    .filter(|u| u.role == Role::Resident && u.is_active())
    .ok_or(Refusal::UnknownResident)?;
    let pc = super::records::parse_code(personal_code).map_err(Refusal::PersonalCode)?;
    let record = state
        .store()
        .register_record(&RecordLookup::Code(pc))
        .await?
        .filter(active)
        .ok_or(Refusal::NoRecord)?;
    match state
        .store()
        .link_in_person(
            resident.id,
            record.id,
            document_type,
            Change::by(official.id, state.now()),
        )
        .await?
    {
        LinkOutcome::Linked(link) => Ok(link),
        LinkOutcome::RecordTaken => Err(Refusal::RecordTaken),
        LinkOutcome::AccountLinkedElsewhere => Err(Refusal::AccountLinkedElsewhere),
        LinkOutcome::NoCode => Err(Refusal::Other(AppError::Internal(anyhow::anyhow!(
            "in-person link reported no code"
        )))),
    }
}
