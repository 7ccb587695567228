//! The audit log for auditors and administrators, with filters and paging.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use civis_domain::{AuditAction, AuditEvent, UserId, Username};
use civis_store::{AuditFilter, Page, StoreError};
use serde::Deserialize;
use serde_json::Value;

use super::dates::{next_day, parse_date, show_date, show_time};
use super::form::{Field, FormErrors};
use super::layout::Chrome;
use super::messages::audit_action_key;
use super::paging::Paging;
use crate::auth::extract::ReadAudit;
use crate::auth::RequireRole;
use crate::error::AppError;
use crate::i18n::{L10n, Lang};
use crate::state::AppState;

/// Events per page.
pub const PER_PAGE: u32 = 25;

/// The filter form (a `GET` form: filters live in the address, so they can be shared).
#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    /// Username of the actor.
    #[serde(default)]
    pub actor: String,
    /// Stable action name, e.g. `user.role_changed`.
    #[serde(default)]
    pub action: String,
    /// First day, `YYYY-MM-DD`.
    #[serde(default)]
    pub from: String,
    /// Last day (inclusive), `YYYY-MM-DD`.
    #[serde(default)]
    pub to: String,
    /// 1-based page number.
    pub page: Option<String>,
}

/// An action as an `<option>`.
#[derive(Debug, Clone)]
pub struct ActionOption {
    /// Stable name.
    pub value: &'static str,
    /// Translated name.
    pub label: String,
}

/// One row of the events table.
#[derive(Debug, Clone)]
pub struct EventRow {
    /// RFC 3339 instant, for `<time datetime>`.
    pub at: String,
    /// The day, as shown.
    pub date: String,
    /// The time of day (UTC), as shown.
    pub time: String,
    /// Who did it.
    pub actor: String,
    /// What was done, translated.
    pub action: String,
    /// What it was done to.
    pub target: String,
    /// The changed fields, one `field: before → after` line each.
    pub change: Vec<String>,
}

/// `templates/audit.html`.
#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    /// The page frame.
    pub c: Chrome,
    /// Errors in the filters.
    pub errors: FormErrors,
    /// Actor filter field.
    pub actor: Field,
    /// Selected action (stable name or empty).
    pub action: String,
    /// Error about the action, if any.
    pub action_error: Option<String>,
    /// Every action, for the select.
    pub actions: Vec<ActionOption>,
    /// From-date filter field.
    pub from: Field,
    /// To-date filter field.
    pub to: Field,
    /// Table caption.
    pub caption: String,
    /// This page of events.
    pub events: Vec<EventRow>,
    /// "Page 1 of 3".
    pub page_status: String,
    /// Link to the previous page.
    pub prev_href: Option<String>,
    /// Link to the next page.
    pub next_href: Option<String>,
}

/// The filter as typed, parsed into a store filter; errors name the fields.
async fn parse_filter(
    state: &AppState,
    l: &L10n,
    q: &AuditQuery,
    errors: &mut FormErrors,
) -> Result<AuditFilter, AppError> {
    let mut filter = AuditFilter::default();
    let actor = q.actor.trim();
    if !actor.is_empty() {
        let unknown = || l.t1("error-actor-unknown", "name", actor.to_owned());
        match Username::parse(actor) {
            Err(_) => errors.add("actor", unknown()),
            Ok(name) => match state.store().user_by_username(&name).await {
                Ok(user) => filter.actor = Some(user.id),
                Err(StoreError::NotFound) => errors.add("actor", unknown()),
                Err(e) => return Err(e.into()),
            },
        }
    }
    if !q.action.is_empty() {
        match AuditAction::parse(&q.action) {
            Ok(a) => filter.action = Some(a),
            Err(_) => errors.add("action", l.t("error-action-invalid")),
        }
    }
    for (field, text) in [("from", &q.from), ("to", &q.to)] {
        if text.trim().is_empty() {
            continue;
        }
        match parse_date(text) {
            None => errors.add(field, l.t("error-date-invalid")),
            Some(day) if field == "from" => filter.from = Some(day),
            Some(day) => filter.until = Some(next_day(day)),
        }
    }
    if let (Some(from), Some(until)) = (filter.from, filter.until) {
        if until <= from {
            errors.add("to", l.t("error-date-order"));
        }
    }
    Ok(filter)
}

/// The query string of the current filters, without `page` (for the pager links).
fn filter_query(q: &AuditQuery) -> String {
    let mut pairs = Vec::new();
    for (name, value) in [
        ("actor", q.actor.trim()),
        ("action", q.action.as_str()),
        ("from", q.from.trim()),
        ("to", q.to.trim()),
    ] {
        if !value.is_empty() {
            pairs.push(format!("{name}={}", percent_encode(value)));
        }
    }
    pairs.join("&")
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `field: before → after` for each field that the event's `after` (or `before`) holds.
fn describe_change(before: Option<&Value>, after: Option<&Value>) -> Vec<String> {
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "–".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let keys: Vec<&String> = match (after, before) {
        (Some(Value::Object(a)), _) => a.keys().collect(),
        (_, Some(Value::Object(b))) => b.keys().collect(),
        _ => {
            return match (before, after) {
                (None, None) => Vec::new(),
                _ => vec![format!("{} → {}", show(before), show(after))],
            }
        }
    };
    keys.into_iter()
        .map(|k| {
            let b = before.and_then(|v| v.get(k));
            let a = after.and_then(|v| v.get(k));
            match b {
                None => format!("{k}: {}", show(a)),
                Some(_) => format!("{k}: {} → {}", show(b), show(a)),
            }
        })
        .collect()
}

/// Usernames of the actors of `events`, looked up once each.
async fn actor_names(
    state: &AppState,
    events: &[AuditEvent],
) -> Result<HashMap<UserId, String>, AppError> {
    let mut names = HashMap::new();
    for id in events.iter().filter_map(|e| e.actor) {
        if names.contains_key(&id) {
            continue;
        }
        match state.store().user_by_id(id).await {
            Ok(user) => {
                names.insert(id, user.username.to_string());
            }
            Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(names)
}

/// `GET /audit`.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    reader: RequireRole<ReadAudit>,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let c = Chrome::new(lang, &uri, Some(&reader.user), reader.csrf_token.clone());
    let l = c.l;
    let mut errors = FormErrors::new();
    let filter = parse_filter(&state, &l, &q, &mut errors).await?;
    let (total, events) = if errors.is_empty() {
        let total = state.store().count_audit(&filter).await?;
        let paging = Paging::new(q.page.as_deref(), total, PER_PAGE);
        let events = state
            .store()
            .list_audit(&filter, Page::new(paging.offset(), paging.per_page))
            .await?;
        (total, events)
    } else {
        (0, Vec::new())
    };
    let paging = Paging::new(q.page.as_deref(), total, PER_PAGE);
    let names = actor_names(&state, &events).await?;
    let rows = events
        .iter()
        .map(|e| EventRow {
            at: e.at.to_string(),
            date: show_date(e.at),
            time: show_time(e.at),
            actor: match e.actor {
                None => l.t("audit-system"),
                Some(id) => names
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| l.t1("audit-unknown-user", "id", id.0)),
            },
            action: l.t(&audit_action_key(e.action)),
            target: e.target.clone().unwrap_or_default(),
            change: describe_change(e.before.as_ref(), e.after.as_ref()),
        })
        .collect();
    let base = filter_query(&q);
    let date_hint = l.t("hint-date");
    let page = AuditPage {
        actor: Field::text("actor", l.t("audit-actor"), q.actor.trim(), &errors),
        action: q.action.clone(),
        action_error: errors.get("action").map(str::to_owned),
        actions: AuditAction::ALL
            .into_iter()
            .map(|a| ActionOption {
                value: a.as_str(),
                label: l.t(&audit_action_key(a)),
            })
            .collect(),
        from: Field::text("from", l.t("audit-from"), q.from.trim(), &errors)
            .hint(date_hint.clone()),
        to: Field::text("to", l.t("audit-to"), q.to.trim(), &errors).hint(date_hint),
        caption: l.t1("audit-caption", "total", total),
        events: rows,
        page_status: paging.status(&l),
        prev_href: paging.prev_href("/audit", &base),
        next_href: paging.next_href("/audit", &base),
        errors,
        c,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    super::render_with(status, &page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn describes_changed_fields() {
        let before = json!({"role": "resident"});
        let after = json!({"role": "admin"});
        assert_eq!(
            describe_change(Some(&before), Some(&after)),
            ["role: resident → admin"]
        );
        let created = json!({"username": "ana", "role": "resident"});
        let lines = describe_change(None, Some(&created));
        assert!(
            lines.contains(&"username: ana".to_owned())
                && lines.contains(&"role: resident".to_owned()),
            "{lines:?}"
        );
        assert!(describe_change(None, None).is_empty());
    }

    #[test]
    fn filter_query_is_encoded() {
        let q = AuditQuery {
            actor: " ana ".into(),
            action: "user.created".into(),
            from: "2026-11-01".into(),
            to: String::new(),
            page: Some("3".into()),
        };
        assert_eq!(
            filter_query(&q),
            "actor=ana&action=user.created&from=2026-11-01"
        );
        assert_eq!(percent_encode("a b&c"), "a%20b%26c");
    }
}
