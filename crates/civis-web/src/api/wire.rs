//! JSON wire types of the API, separate from the domain types: the API can keep its shape
//! while the domain changes, and nothing secret (password hashes, session secrets) can
//! leak by serializing a domain value.

use civis_domain::{AuditEvent, Timestamp, User};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{AppError, FieldError};

/// A user account as the API shows it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    /// Account id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown to others.
    pub display_name: String,
    /// `resident`, `official`, `admin` or `auditor`.
    pub role: String,
    /// When the account was created (RFC 3339, UTC).
    pub created_at: String,
    /// Whether the account is disabled.
    pub disabled: bool,
}

impl From<&User> for UserView {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.0,
            username: u.username.as_str().to_owned(),
            display_name: u.display_name.as_str().to_owned(),
            role: u.role.as_str().to_owned(),
            created_at: u.created_at.to_string(),
            disabled: !u.is_active(),
        }
    }
}

/// The signed-in user and the CSRF token to send in `X-CSRF-Token` with state-changing
/// requests.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionView {
    /// The signed-in user.
    pub user: UserView,
    /// The session's CSRF token.
    pub csrf_token: String,
}

/// Sign-up: create a resident account and sign in.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SignUpRequest {
    /// 3–32 characters: a-z, 0-9, `.`, `_`, `-`.
    pub username: String,
    /// 12–128 characters.
    pub password: String,
    /// Name shown to others; defaults to the username.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// Sign-in with username and password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SignInRequest {
    /// Login name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// An administrator creates an account.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateUserRequest {
    /// 3–32 characters: a-z, 0-9, `.`, `_`, `-`.
    pub username: String,
    /// Initial password, 12–128 characters.
    pub password: String,
    /// Name shown to others; defaults to the username.
    #[serde(default)]
    pub display_name: Option<String>,
    /// `resident`, `official`, `admin` or `auditor`.
    pub role: String,
}

/// An administrator changes an account's role.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangeRoleRequest {
    /// `resident`, `official`, `admin` or `auditor`.
    pub role: String,
}

/// Paging parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Rows to skip (default 0).
    pub offset: Option<u64>,
    /// Rows to return, 1–1000 (default 50).
    pub limit: Option<u32>,
}

/// Filters of the user list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Only users with this role.
    pub role: Option<String>,
    /// Rows to skip (default 0).
    pub offset: Option<u64>,
    /// Rows to return, 1–1000 (default 50).
    pub limit: Option<u32>,
}

/// One page of users.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserList {
    /// The users on this page, by username.
    pub items: Vec<UserView>,
    /// How many users match in total.
    pub total: u64,
    /// Rows skipped.
    pub offset: u64,
    /// Page size.
    pub limit: u32,
}

/// Filters of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only events by the user with this username.
    pub actor: Option<String>,
    /// Only events of this action, e.g. `user.role_changed`.
    pub action: Option<String>,
    /// Only events on this target, e.g. `user:42`.
    pub target: Option<String>,
    /// Only events at or after this instant (RFC 3339, e.g. `2026-01-01T00:00:00Z`).
    pub from: Option<String>,
    /// Only events before this instant (RFC 3339).
    pub until: Option<String>,
    /// Rows to skip (default 0).
    pub offset: Option<u64>,
    /// Rows to return, 1–1000 (default 50).
    pub limit: Option<u32>,
}

/// An audit event as the API shows it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditEventView {
    /// Event id, increasing.
    pub id: i64,
    /// When it happened (RFC 3339, UTC).
    pub at: String,
    /// Id of the acting user; absent for the system or an anonymous visitor.
    pub actor: Option<i64>,
    /// What was done, e.g. `user.created`.
    pub action: String,
    /// What it was done to, e.g. `user:42`.
    pub target: Option<String>,
    /// Relevant state before.
    pub before: Option<serde_json::Value>,
    /// Relevant state after.
    pub after: Option<serde_json::Value>,
}

impl From<&AuditEvent> for AuditEventView {
    fn from(e: &AuditEvent) -> Self {
        Self {
            id: e.id.0,
            at: e.at.to_string(),
            actor: e.actor.map(|a| a.0),
            action: e.action.as_str().to_owned(),
            target: e.target.clone(),
            before: e.before.clone(),
            after: e.after.clone(),
        }
    }
}

/// One page of audit events.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditList {
    /// The events on this page, newest first.
    pub items: Vec<AuditEventView>,
    /// How many events match in total.
    pub total: u64,
    /// Rows skipped.
    pub offset: u64,
    /// Page size.
    pub limit: u32,
}

/// Collects field errors while parsing a request, then fails with all of them at once.
#[derive(Debug, Default)]
pub struct Fields {
    errors: Vec<FieldError>,
}

impl Fields {
    /// Parses one field; records its error and returns `None` on failure.
    pub fn take<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.push(FieldError::new(field, e.to_string()));
                None
            }
        }
    }

    /// `Err(Validation)` if any field failed.
    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.errors))
        }
    }
}

/// Parses an RFC 3339 UTC instant (`YYYY-MM-DDTHH:MM:SS[.fff]Z` or with `+00:00`).
pub fn parse_rfc3339(text: &str) -> Result<Timestamp, String> {
    let err = || format!("expected an RFC 3339 UTC time like 2026-01-31T12:00:00Z (got {text:?})");
    let rest = text
        .strip_suffix('Z')
        .or_else(|| text.strip_suffix("+00:00"))
        .ok_or_else(err)?;
    let (date, time) = rest.split_once(['T', 't', ' ']).ok_or_else(err)?;
    let num = |s: &str| s.parse::<i64>().map_err(|_| err());
    let d: Vec<&str> = date.split('-').collect();
    let [y, m, day] = d.as_slice() else {
        return Err(err());
    };
    let (y, m, day) = (num(y)?, num(m)?, num(day)?);
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let t: Vec<&str> = hms.split(':').collect();
    let [hh, mm, ss] = t.as_slice() else {
        return Err(err());
    };
    let (hh, mm, ss) = (num(hh)?, num(mm)?, num(ss)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || hh > 23 || mm > 59 || ss > 60 {
        return Err(err());
    }
    let millis = if frac.is_empty() {
        0
    } else {
        let digits: String = frac.chars().chain("000".chars()).take(3).collect();
        if !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(err());
        }
        num(&digits)?
    };
    let days = days_from_civil(y, m, day);
    Ok(Timestamp::from_millis(
        ((days * 86_400 + hh * 3600 + mm * 60 + ss) * 1000) + millis,
    ))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_with_display() {
        for ms in [0_i64, 1_795_722_014_123, 951_782_400_000] {
            let t = Timestamp::from_millis(ms);
            assert_eq!(parse_rfc3339(&t.to_string()), Ok(t));
        }
        assert_eq!(
            parse_rfc3339("2026-01-01T00:00:00Z")
                .map(|t| t.to_string())
                .as_deref(),
            Ok("2026-01-01T00:00:00.000Z")
        );
        assert!(parse_rfc3339("yesterday").is_err());
        assert!(parse_rfc3339("2026-13-01T00:00:00Z").is_err());
    }
}
