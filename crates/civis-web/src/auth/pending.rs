//! A sign-in halfway through: the password was right and the account has a
//! second factor to show. The server keeps nothing: the browser holds a signed
//! ticket (cookie [`COOKIE`] for pages, a `ticket` field for the API) that names
//! the account, the methods used so far and when, and expires after
//! [`TTL_SECS`]. The key is server-wide, in the database.

use civis_domain::{AuthMethods, Timestamp, UserId};

use super::secret_box;
use crate::error::AppError;
use crate::state::AppState;

/// The cookie that carries the ticket between the two sign-in pages.
pub const COOKIE: &str = "civis_signin";
/// How long the second step may wait, in seconds.
pub const TTL_SECS: i64 = 300;
const KEY_NAME: &str = "pending_sign_in";

/// A verified ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    /// The account signing in.
    pub user: UserId,
    /// The methods already shown (a password).
    pub methods: AuthMethods,
    /// When the ticket was issued.
    pub issued_at: Timestamp,
}

fn payload(user: UserId, methods: AuthMethods, at: Timestamp) -> String {
    format!(
        "{}.{}.{}",
        user.0,
        methods.to_amr_string().replace(' ', "-"),
        at.as_millis()
    )
}

/// A ticket for `user`, who has shown `methods` so far.
pub async fn issue(
    state: &AppState,
    user: UserId,
    methods: AuthMethods,
) -> Result<String, AppError> {
    let key = secret_box::key(state, KEY_NAME).await?;
    let body = payload(user, methods, state.now());
    let tag = secret_box::mac(&key, body.as_bytes())?;
    Ok(format!("{body}.{}", hex(&tag)))
}

/// The ticket's content, if it is genuine and not expired.
pub async fn verify(state: &AppState, ticket: &str) -> Result<Option<Pending>, AppError> {
    let Some((body, tag)) = ticket.rsplit_once('.') else {
        return Ok(None);
    };
    let Some(tag) = unhex(tag) else {
        return Ok(None);
    };
    let key = secret_box::key(state, KEY_NAME).await?;
    if !secret_box::mac_matches(&key, body.as_bytes(), &tag)? {
        return Ok(None);
    }
    let mut parts = body.split('.');
    let (Some(user), Some(methods), Some(at), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    let (Ok(user), Some(methods), Ok(at)) = (
        user.parse::<i64>(),
        AuthMethods::parse_amr_string(&methods.replace('-', " ")),
        at.parse::<i64>(),
    ) else {
        return Ok(None);
    };
    let issued_at = Timestamp::from_millis(at);
    let now = state.now();
    if issued_at > now || now.as_millis() - at > TTL_SECS * 1000 {
        return Ok(None);
    }
    Ok(Some(Pending {
        user: UserId(user),
        methods,
        issued_at,
    }))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}
