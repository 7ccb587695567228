//! The vote page's secret-ballot form when the browser does not seal the ballot
//! itself (no JavaScript, or no Web Crypto): the form posts (multipart, with the
//! voting key file if the resident has one), the server seals and casts with
//! [`crate::ballot::server_seal`], and the page shows the receipt and offers the
//! voting key to save. Problems come back next to the fields, in the page's
//! language.

use axum::http::{HeaderMap, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use civis_budget::Process;
use civis_domain::{Timestamp, User};

use super::budget_ballot::Choices;
use super::budget_vote::ballot_problems;
use super::form::FormErrors;
use super::multipart;
use crate::ballot::refusal::SecretBallotRefusal;
use crate::ballot::server_seal::{self, VotingKeyFile};
use crate::error::AppError;
use crate::i18n::L10n;
use crate::state::AppState;

/// The form field of the voting key file.
pub const KEY_FIELD: &str = "voting_key";

/// A vote form as posted: its text fields and the voting key file, if one was chosen.
#[derive(Debug, Default)]
pub struct PostedVote {
    /// The text fields, in order.
    pub fields: Vec<(String, String)>,
    /// The voting key file's bytes.
    pub voting_key: Option<Vec<u8>>,
}

/// Reads a vote form posted as `multipart/form-data` (the secret-ballot form) or
/// `application/x-www-form-urlencoded` (the others).
pub fn posted(headers: &HeaderMap, body: &[u8]) -> PostedVote {
    let parts = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(multipart::boundary)
        .and_then(|b| multipart::parse(body, &b));
    match parts {
        Some(parts) => PostedVote {
            fields: parts
                .iter()
                .filter(|p| p.filename.is_none())
                .map(|p| {
                    (
                        p.name.clone(),
                        String::from_utf8_lossy(&p.data).into_owned(),
                    )
                })
                .collect(),
            voting_key: parts
                .iter()
                .find(|p| p.name == KEY_FIELD && !p.data.is_empty())
                .map(|p| p.data.clone()),
        },
        None => PostedVote {
            fields: url::form_urlencoded::parse(body).into_owned().collect(),
            voting_key: None,
        },
    }
}

/// A cast the server sealed, as the page shows it.
#[derive(Debug, Clone)]
pub struct SealedView {
    /// The submission's number under the credential.
    pub seq: u32,
    /// Its index in the ballot log.
    pub index: u64,
    /// Its leaf hash (base64).
    pub leaf: String,
    /// The inclusion proof's URL.
    pub proof: String,
    /// The voting key file as a `data:` URL, to save without JavaScript.
    pub key_href: String,
    /// The file name to save it as.
    pub key_name: String,
}

/// Seals and casts `choices` for `user`; on a refusal fills `errors` and
/// `problems` and answers the page's status. Errors: anything the page cannot
/// show next to the form.
#[allow(clippy::too_many_arguments)]
pub async fn cast(
    state: &AppState,
    l: &L10n,
    user: &User,
    process: &Process,
    choices: &Choices,
    voting_key: Option<&[u8]>,
    errors: &mut FormErrors,
    problems: &mut Vec<String>,
    now: Timestamp,
) -> Result<Result<SealedView, StatusCode>, AppError> {
    let content = match choices.content(l, &process.settings.rules.ballot) {
        Ok(content) => content,
        Err(e) => {
            *errors = e;
            return Ok(Err(StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let cast = match voting_key.map(VotingKeyFile::parse).transpose() {
        Ok(kept) => server_seal::cast(state, user, process.id, &content, kept, now).await,
        Err(e) => Err(e),
    };
    match cast {
        Ok(cast) => {
            let id = process.id.0;
            Ok(Ok(SealedView {
                seq: cast.seq,
                index: cast.receipt.index,
                leaf: cast.receipt.leaf_hash.to_base64(),
                proof: format!(
                    "/api/v1/processes/{id}/log/proof/inclusion?index={}&size={}",
                    cast.receipt.index, cast.receipt.size
                ),
                key_href: format!(
                    "data:application/json;base64,{}",
                    STANDARD.encode(cast.key_file.encode())
                ),
                key_name: format!("civis-voting-key-{id}.json"),
            }))
        }
        Err(e) => key_problems(l, e, "sb-server-key-needed", errors, problems).map(Err),
    }
}

/// The refusals of a cast under a voting key, next to the form: the key's (the
/// resident already has one, saying `key_needed`; a file that is not one) beside
/// the key field, the rest as [`ballot_problems`] shows them.
fn key_problems(
    l: &L10n,
    e: AppError,
    key_needed: &str,
    errors: &mut FormErrors,
    problems: &mut Vec<String>,
) -> Result<StatusCode, AppError> {
    match e {
        AppError::SecretBallot(
            SecretBallotRefusal::VotingKeyNeeded | SecretBallotRefusal::CredentialAlreadyIssued,
        ) => {
            errors.add(KEY_FIELD, l.t(key_needed));
            Ok(StatusCode::CONFLICT)
        }
        AppError::SecretBallot(
            SecretBallotRefusal::BadVotingKey(_) | SecretBallotRefusal::BadCredential,
        ) => {
            errors.add(KEY_FIELD, l.t("sb-key-bad"));
            Ok(StatusCode::UNPROCESSABLE_ENTITY)
        }
        AppError::SecretBallot(SecretBallotRefusal::NoElectionKey) => {
            problems.push(l.t("sb-no-election-key"));
            Ok(StatusCode::CONFLICT)
        }
        e => ballot_problems(l, e, errors, problems),
    }
}

/// The refusals of a paper ballot in a process with secret ballots, next to the form.
pub fn paper_problems(
    l: &L10n,
    e: AppError,
    errors: &mut FormErrors,
    problems: &mut Vec<String>,
) -> Result<StatusCode, AppError> {
    key_problems(l, e, "sb-paper-key-needed", errors, problems)
}
