//! The public audit log: every audit event is logged in the same transaction,
//! in one order even with two servers appending at once; stored hashes give
//! the same tree as the entries; the database refuses changes to the log.

use std::collections::HashMap;
use std::sync::Arc;

use civis_domain::{AuditAction, AuditEvent, NewAuditEvent, Role};
use civis_tlog::hash::leaf_hash;
use civis_tlog::proof::{
    consistency_plan, inclusion_plan, root_plan, verify_consistency, verify_inclusion,
};
use civis_tlog::{Hash, MemoryLog, NodeId};
use serde_json::Value;

use super::fixtures::{new_user, system, t};
use super::Harness;
use crate::{audit_log, AuditFilter, Page, Store, AUDIT_LOG};

async fn lookup(s: &Arc<dyn Store>, nodes: &[NodeId]) -> HashMap<NodeId, Hash> {
    s.tlog_hashes(AUDIT_LOG, nodes)
        .await
        .unwrap()
        .into_iter()
        .collect()
}

async fn stored_root(s: &Arc<dyn Store>, size: u64) -> Hash {
    let plan = root_plan(size);
    plan.finish_from(&lookup(s, &plan.nodes()).await).unwrap()[0]
}

/// The log as rebuilt from its entries, checked against the stored hashes.
async fn rebuilt(s: &Arc<dyn Store>) -> (MemoryLog, Vec<Vec<u8>>) {
    let size = s.tlog_size(AUDIT_LOG).await.unwrap();
    let entries = s.tlog_entries(AUDIT_LOG, 0, size + 10).await.unwrap();
    assert_eq!(entries.len() as u64, size);
    let mut log = MemoryLog::new();
    for e in &entries {
        log.append(e).unwrap();
    }
    assert_eq!(stored_root(s, size).await, log.root_at(size).unwrap());
    let leaves: Vec<NodeId> = (0..size).map(|i| NodeId::new(0, i)).collect();
    let stored = lookup(s, &leaves).await;
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(stored[&NodeId::new(0, i as u64)], leaf_hash(e));
    }
    (log, entries)
}

fn event(ms: i64) -> NewAuditEvent {
    NewAuditEvent {
        at: t(ms),
        actor: None,
        action: AuditAction::DataExported,
        target: Some(format!("export:{ms}")),
        before: None,
        after: None,
    }
}

async fn all_events(s: &Arc<dyn Store>) -> Vec<AuditEvent> {
    let mut events = s
        .list_audit(&AuditFilter::default(), Page::first(1000))
        .await
        .unwrap();
    events.sort_by_key(|e| e.id);
    events
}

/// Each audit event, whatever wrote it, becomes one entry naming its id, time
/// and action and committing to the rest, without the personal fields.
pub async fn audit_events_are_logged<H: Harness>(h: Arc<H>) {
    let s = h.store();
    assert_eq!(s.tlog_size(AUDIT_LOG).await.unwrap(), 0);
    assert_eq!(stored_root(&s, 0).await, civis_tlog::hash::empty_root());
    let user = s
        .create_user(&new_user("loggedperson", Role::Resident), system(1))
        .await
        .unwrap();
    s.set_user_role(user.id, Role::Official, system(2))
        .await
        .unwrap();
    // A change that changes nothing records nothing, and logs nothing.
    s.set_user_role(user.id, Role::Official, system(3))
        .await
        .unwrap();
    s.append_audit(&event(4)).await.unwrap();
    let events = all_events(&s).await;
    assert_eq!(events.len(), 3);
    let (_, entries) = rebuilt(&s).await;
    assert_eq!(entries.len(), 3);
    for (i, (event, entry)) in events.iter().zip(&entries).enumerate() {
        let text = String::from_utf8(entry.clone()).unwrap();
        assert!(
            !text.contains("loggedperson") && !text.contains("user:"),
            "{text}"
        );
        let json: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["format"], audit_log::FORMAT);
        assert_eq!(json["id"], event.id.0);
        assert_eq!(json["at"], event.at.as_millis());
        assert_eq!(json["action"], event.action.as_str());
        assert_eq!(json["commitment"].as_str().unwrap().len(), 44);
        assert_eq!(s.audit_log_index(event.id).await.unwrap(), Some(i as u64));
    }
    assert_eq!(
        s.audit_log_index(civis_domain::AuditEventId(999_999))
            .await
            .unwrap(),
        None
    );
    // Ranges past the end are short, not errors.
    assert!(s.tlog_entries(AUDIT_LOG, 3, 9).await.unwrap().is_empty());
    assert_eq!(
        s.tlog_entries(AUDIT_LOG, 1, 2).await.unwrap(),
        entries[1..2]
    );
    assert_eq!(s.tlog_size("no-such-log").await.unwrap(), 0);
}

/// An audit event whose transaction fails is not logged either.
pub async fn failed_changes_log_nothing<H: Harness>(h: Arc<H>) {
    let s = h.store();
    s.create_user(&new_user("first", Role::Resident), system(1))
        .await
        .unwrap();
    s.create_user(&new_user("first", Role::Resident), system(2))
        .await
        .unwrap_err();
    let mut ghost = event(3);
    ghost.actor = Some(civis_domain::UserId(424_242));
    s.append_audit(&ghost).await.unwrap_err();
    assert_eq!(s.tlog_size(AUDIT_LOG).await.unwrap(), 1);
    rebuilt(&s).await;
}

/// Inclusion and consistency proofs made from the stored hashes verify
/// against the roots of the entries.
pub async fn proofs_from_stored_hashes_verify<H: Harness>(h: Arc<H>) {
    let s = h.store();
    for i in 0..21 {
        s.append_audit(&event(i)).await.unwrap();
    }
    let (log, entries) = rebuilt(&s).await;
    for size in [1u64, 2, 7, 8, 13, 21] {
        let root = log.root_at(size).unwrap();
        assert_eq!(stored_root(&s, size).await, root);
        for index in [0, size / 2, size - 1] {
            let plan = inclusion_plan(index, size).unwrap();
            let proof = plan.finish_from(&lookup(&s, &plan.nodes()).await).unwrap();
            let leaf = leaf_hash(&entries[index as usize]);
            verify_inclusion(index, size, &leaf, &proof, &root).unwrap();
        }
        for old in [1u64, 3, 8] {
            if old <= size {
                let plan = consistency_plan(old, size).unwrap();
                let proof = plan.finish_from(&lookup(&s, &plan.nodes()).await).unwrap();
                let old_root = log.root_at(old).unwrap();
                verify_consistency(old, size, &old_root, &root, &proof).unwrap();
            }
        }
    }
}

/// Entries, hashes and sizes cannot be changed or removed behind the store's back.
pub async fn database_rejects_changing_the_log<H: Harness>(h: Arc<H>) {
    let s = h.store();
    for i in 0..3 {
        s.append_audit(&event(i)).await.unwrap();
    }
    for sql in [
        "UPDATE tlog_entries SET entry = entry",
        "DELETE FROM tlog_entries",
        "UPDATE tlog_hashes SET hash = hash",
        "DELETE FROM tlog_hashes",
        "UPDATE tlog_heads SET size = 1",
        "DELETE FROM tlog_heads",
    ] {
        let result = h.execute_raw(sql).await;
        assert!(result.is_err(), "{sql} was allowed: {result:?}");
    }
    assert_eq!(s.tlog_size(AUDIT_LOG).await.unwrap(), 3);
    rebuilt(&s).await;
}

/// Events recorded before the log existed are logged, oldest first, by the
/// first append.
pub async fn earlier_events_are_logged_first<H: Harness>(h: Arc<H>) {
    let s = h.store();
    for ms in [1, 2] {
        h.execute_raw(&format!(
            "INSERT INTO audit_events (at, action, target) VALUES ({}, 'data.exported', 'old')",
            t(ms).as_millis()
        ))
        .await
        .unwrap();
    }
    let new = s.append_audit(&event(3)).await.unwrap();
    let events = all_events(&s).await;
    assert_eq!(events.len(), 3);
    assert_eq!(s.tlog_size(AUDIT_LOG).await.unwrap(), 3);
    for (i, e) in events.iter().enumerate() {
        assert_eq!(s.audit_log_index(e.id).await.unwrap(), Some(i as u64));
    }
    assert_eq!(s.audit_log_index(new.id).await.unwrap(), Some(2));
    rebuilt(&s).await;
}

/// Two servers appending at once: every event is logged exactly once, the
/// stored tree matches the entries, and both servers see the same log.
pub async fn concurrent_appenders_agree<H: Harness>(h: Arc<H>) {
    let first = h.store();
    let second = h.second_store().await;
    let mut tasks = Vec::new();
    for i in 0..40i64 {
        let s = if i % 2 == 0 {
            first.clone()
        } else {
            second.clone()
        };
        tasks.push(tokio::spawn(async move { s.append_audit(&event(i)).await }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(first.tlog_size(AUDIT_LOG).await.unwrap(), 40);
    assert_eq!(second.tlog_size(AUDIT_LOG).await.unwrap(), 40);
    let (log, entries) = rebuilt(&first).await;
    assert_eq!(stored_root(&second, 40).await, log.root_at(40).unwrap());
    let mut ids: Vec<i64> = entries
        .iter()
        .map(|e| {
            let json: Value = serde_json::from_slice(e).unwrap();
            json["id"].as_i64().unwrap()
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 40);
    for e in all_events(&first).await {
        assert!(first.audit_log_index(e.id).await.unwrap().is_some());
    }
    second.close().await;
}

/// The first signing key stored for a log is the one every server gets.
pub async fn signing_key_is_stored_once<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let a = s.tlog_signing_key(AUDIT_LOG, "key-a", t(1)).await.unwrap();
    let b = s.tlog_signing_key(AUDIT_LOG, "key-b", t(2)).await.unwrap();
    assert_eq!((a.as_str(), b.as_str()), ("key-a", "key-a"));
    let other = s.tlog_signing_key("other", "key-c", t(3)).await.unwrap();
    assert_eq!(other, "key-c");
}
