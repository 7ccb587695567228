//! The audit events every backend records for PB changes, built in one place so
//! that all backends record identical events.
//!
//! Targets: `process:<id>` for processes, paper ballots and results,
//! `proposal:<id>` for reviews, moderation and implementation reports,
//! `user:<id>` for resident profiles. `before`/`after` hold the changed fields;
//! paper ballot events name the voter and revision but never the choices.

use civis_budget::{
    Ballot, BallotChannel, ImplementationUpdate, Process, ProcessId, ProcessResults,
    ProcessSettings, Proposal, ProposalId, ResidentProfile,
};
use civis_domain::{audit::user_target, AuditAction, NewAuditEvent, UserId};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::{Change, StoreError, StoreResult};

/// The audit target naming a process: `process:<id>`.
pub fn process_target(id: ProcessId) -> String {
    format!("process:{id}")
}

/// The audit target naming a proposal: `proposal:<id>`.
pub fn proposal_target(id: ProposalId) -> String {
    format!("proposal:{id}")
}

fn event(
    change: Change,
    action: AuditAction,
    target: String,
    before: Option<Value>,
    after: Option<Value>,
) -> NewAuditEvent {
    NewAuditEvent {
        at: change.at,
        actor: change.actor,
        action,
        target: Some(target),
        before,
        after,
    }
}

fn value<T: Serialize>(what: &str, v: &T) -> StoreResult<Value> {
    serde_json::to_value(v)
        .map_err(|e| StoreError::internal(format!("cannot serialise {what} for audit: {e}")))
}

/// Keeps only the top-level fields whose values differ (a missing field counts as
/// `null`); `None` if none does.
fn changed_fields(before: Value, after: Value) -> Option<(Value, Value)> {
    match (before, after) {
        (Value::Object(mut b), Value::Object(mut a)) => {
            let keys: std::collections::BTreeSet<String> =
                b.keys().chain(a.keys()).cloned().collect();
            let mut b_out = Map::new();
            let mut a_out = Map::new();
            for key in keys {
                let b_val = b.remove(&key).unwrap_or(Value::Null);
                let a_val = a.remove(&key).unwrap_or(Value::Null);
                if b_val != a_val {
                    b_out.insert(key.clone(), b_val);
                    a_out.insert(key, a_val);
                }
            }
            (!a_out.is_empty()).then_some((Value::Object(b_out), Value::Object(a_out)))
        }
        (b, a) => (b != a).then_some((b, a)),
    }
}

/// `process.created`, with the new process's settings.
pub fn process_created(change: Change, process: &Process) -> StoreResult<NewAuditEvent> {
    Ok(event(
        change,
        AuditAction::ProcessCreated,
        process_target(process.id),
        None,
        Some(value("process settings", &process.settings)?),
    ))
}

/// `process.changed` with the changed settings fields (`title`, `description`,
/// `schedule`, `rules`) before and after, or `None` if nothing changed.
pub fn process_changed(
    change: Change,
    id: ProcessId,
    before: &ProcessSettings,
    after: &ProcessSettings,
) -> StoreResult<Option<NewAuditEvent>> {
    let diff = changed_fields(
        value("process settings", before)?,
        value("process settings", after)?,
    );
    Ok(diff.map(|(b, a)| {
        event(
            change,
            AuditAction::ProcessChanged,
            process_target(id),
            Some(b),
            Some(a),
        )
    }))
}

/// `proposal.reviewed` with the review before and after, or `None` if it did not change.
pub fn proposal_reviewed(
    change: Change,
    before: &Proposal,
    after: &Proposal,
) -> StoreResult<Option<NewAuditEvent>> {
    if before.review == after.review {
        return Ok(None);
    }
    Ok(Some(event(
        change,
        AuditAction::ProposalReviewed,
        proposal_target(after.id),
        Some(json!({"review": value("review", &before.review)?})),
        Some(json!({"review": value("review", &after.review)?})),
    )))
}

/// `proposal.moderated` with the hiding reason before and after (`null`: shown),
/// or `None` if it did not change.
pub fn proposal_moderated(
    change: Change,
    before: &Proposal,
    after: &Proposal,
) -> Option<NewAuditEvent> {
    (before.hidden != after.hidden).then(|| {
        event(
            change,
            AuditAction::ProposalModerated,
            proposal_target(after.id),
            Some(json!({"hidden": before.hidden})),
            Some(json!({"hidden": after.hidden})),
        )
    })
}

fn channel_name(channel: BallotChannel) -> &'static str {
    match channel {
        BallotChannel::Online => "online",
        BallotChannel::Paper { .. } => "paper",
    }
}

/// `ballot.paper_entered`: the voter, the new revision, and the channel of the
/// ballot it replaced (`before`, absent for a first ballot). Never the choices.
pub fn paper_ballot_entered(
    change: Change,
    ballot: &Ballot,
    replaced: Option<BallotChannel>,
) -> NewAuditEvent {
    event(
        change,
        AuditAction::PaperBallotEntered,
        process_target(ballot.process),
        replaced.map(|c| json!({"voter": ballot.voter.0, "channel": channel_name(c)})),
        Some(json!({
            "voter": ballot.voter.0,
            "channel": channel_name(ballot.channel),
            "revision": ballot.revision,
        })),
    )
}

/// `process.results_published`: the rules digest, the number of ballots and each
/// unit's funded projects.
pub fn results_published(change: Change, id: ProcessId, results: &ProcessResults) -> NewAuditEvent {
    let units: Vec<Value> = results
        .units
        .iter()
        .map(|u| json!({"unit": u.unit, "selected": u.selected, "cost": u.cost}))
        .collect();
    event(
        change,
        AuditAction::ResultsPublished,
        process_target(id),
        None,
        Some(json!({
            "rules_digest": results.rules_digest,
            "ballots": results.ballots,
            "units": units,
        })),
    )
}

/// `implementation.updated`, with the report's status, progress and note.
pub fn implementation_updated(
    change: Change,
    update: &ImplementationUpdate,
) -> StoreResult<NewAuditEvent> {
    Ok(event(
        change,
        AuditAction::ImplementationUpdated,
        proposal_target(update.proposal),
        None,
        Some(json!({
            "status": value("status", &update.status)?,
            "progress": update.progress,
            "note": update.note,
        })),
    ))
}

/// `resident.profile_changed` with the changed fields, or `None` if nothing changed.
pub fn resident_profile_changed(
    change: Change,
    user: UserId,
    before: &ResidentProfile,
    after: &ResidentProfile,
) -> StoreResult<Option<NewAuditEvent>> {
    let diff = changed_fields(value("profile", before)?, value("profile", after)?);
    Ok(diff.map(|(b, a)| {
        event(
            change,
            AuditAction::ResidentProfileChanged,
            user_target(user),
            Some(b),
            Some(a),
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_fields_keeps_only_differences() {
        let (b, a) = changed_fields(
            json!({"x": 1, "y": {"z": 2}, "gone": 3}),
            json!({"x": 1, "y": {"z": 4}, "new": 5}),
        )
        .unwrap_or_default();
        assert_eq!(b, json!({"y": {"z": 2}, "gone": 3, "new": null}));
        assert_eq!(a, json!({"y": {"z": 4}, "gone": null, "new": 5}));
        assert_eq!(changed_fields(json!({"x": 1}), json!({"x": 1})), None);
    }
}
