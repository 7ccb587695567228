//! The audit log, for admins and auditors.

use axum::extract::State;
use axum::Json;
use civis_domain::{AuditAction, Username};
use civis_store::{AuditFilter, Page};

use super::extract::ApiQuery;
use super::wire::{parse_rfc3339, AuditEventView, AuditList, AuditQuery, Fields};
use crate::auth::extract::ReadAudit;
use crate::auth::RequireRole;
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// List audit events, newest first, with optional filters.
#[utoipa::path(get, path = "/api/v1/audit-events", tag = "audit",
    security(("session_cookie" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "One page of events", body = AuditList),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins and auditors read the audit log", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_audit_events(
    State(state): State<AppState>,
    _who: RequireRole<ReadAudit>,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<AuditList>, AppError> {
    let filter = match audit_filter(&state, &q).await? {
        Some(filter) => filter,
        None => {
            // The named actor does not exist: nothing can match.
            let page = Page::new(q.offset.unwrap_or(0), q.limit.unwrap_or(50));
            return Ok(Json(AuditList {
                items: vec![],
                total: 0,
                offset: page.offset,
                limit: page.limit,
            }));
        }
    };
    let page = Page::new(q.offset.unwrap_or(0), q.limit.unwrap_or(50));
    let events = state.store().list_audit(&filter, page).await?;
    let total = state.store().count_audit(&filter).await?;
    Ok(Json(AuditList {
        items: events.iter().map(AuditEventView::from).collect(),
        total,
        offset: page.offset,
        limit: page.limit,
    }))
}

/// Parses the query into a store filter; `None` when the named actor does not exist.
pub async fn audit_filter(
    state: &AppState,
    q: &AuditQuery,
) -> Result<Option<AuditFilter>, AppError> {
    let mut fields = Fields::default();
    let actor_name = match q.actor.as_deref().filter(|s| !s.is_empty()) {
        Some(a) => fields.take("actor", Username::parse(a)),
        None => None,
    };
    let action = match q.action.as_deref().filter(|s| !s.is_empty()) {
        Some(a) => fields.take("action", AuditAction::parse(a)),
        None => None,
    };
    let from = match q.from.as_deref().filter(|s| !s.is_empty()) {
        Some(t) => fields.take("from", parse_rfc3339(t)),
        None => None,
    };
    let until = match q.until.as_deref().filter(|s| !s.is_empty()) {
        Some(t) => fields.take("until", parse_rfc3339(t)),
        None => None,
    };
    fields.finish()?;
    let actor = match actor_name {
        Some(name) => match state.store().user_by_username(&name).await {
            Ok(user) => Some(user.id),
            Err(civis_store::StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    Ok(Some(AuditFilter {
        actor,
        action,
        target: q.target.clone().filter(|s| !s.is_empty()),
        from,
        until,
    }))
}
