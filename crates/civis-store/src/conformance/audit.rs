//! The audit log: appending, filtering, paging, and immutability in the database itself.

use std::sync::Arc;

use civis_domain::{AuditAction, NewAuditEvent, Role, UserId};
use serde_json::json;

use super::fixtures::{new_user, system, t};
use super::Harness;
use crate::{AuditFilter, Page, StoreError};

fn event(ms: i64, actor: Option<UserId>, action: AuditAction, target: &str) -> NewAuditEvent {
    NewAuditEvent {
        at: t(ms),
        actor,
        action,
        target: Some(target.to_owned()),
        before: None,
        after: None,
    }
}

/// Every field survives the round trip, including nested JSON and absent values.
pub async fn append_round_trips_fields<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let admin = s
        .create_user(&new_user("root", Role::Admin), system(0))
        .await
        .unwrap();
    let full = NewAuditEvent {
        at: t(5),
        actor: Some(admin.id),
        action: AuditAction::SettingsChanged,
        target: Some("setting:site_name".into()),
        before: Some(json!({"site_name": "Old town", "n": 1.5, "tags": ["a", null]})),
        after: Some(json!({"site_name": "Ciudad Nueva ✓", "nested": {"ok": true}})),
    };
    let stored = s.append_audit(&full).await.unwrap();
    assert_eq!(stored.at, full.at);
    assert_eq!(stored.actor, full.actor);
    assert_eq!(stored.action, full.action);
    assert_eq!(stored.target, full.target);
    assert_eq!(stored.before, full.before);
    assert_eq!(stored.after, full.after);

    let bare = NewAuditEvent {
        at: t(6),
        actor: None,
        action: AuditAction::SignInFailedLockout,
        target: None,
        before: None,
        after: None,
    };
    let stored_bare = s.append_audit(&bare).await.unwrap();
    assert!(stored_bare.id > stored.id);
    assert_eq!(stored_bare.actor, None);
    assert_eq!(stored_bare.target, None);

    let listed = s
        .list_audit(&AuditFilter::default(), Page::first(10))
        .await
        .unwrap();
    assert_eq!(listed[0], stored_bare);
    assert_eq!(listed[1], stored);

    let err = s
        .append_audit(&event(
            7,
            Some(UserId(999_999)),
            AuditAction::DataExported,
            "x",
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

/// Filters combine; the time range is `[from, until)`; results are newest first and paged.
pub async fn filters_and_paging<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let a = s
        .create_user(&new_user("amy", Role::Admin), system(0))
        .await
        .unwrap();
    let b = s
        .create_user(&new_user("ben", Role::Official), system(0))
        .await
        .unwrap();
    let base = s.count_audit(&AuditFilter::default()).await.unwrap();
    assert_eq!(base, 2);
    for i in 0..10 {
        let actor = if i % 2 == 0 { a.id } else { b.id };
        let action = if i < 5 {
            AuditAction::ProcessCreated
        } else {
            AuditAction::ProcessChanged
        };
        s.append_audit(&event(
            100 + i,
            Some(actor),
            action,
            &format!("process:{}", i % 3),
        ))
        .await
        .unwrap();
    }
    let at_of = |events: Vec<civis_domain::AuditEvent>| {
        events
            .into_iter()
            .map(|e| e.at.as_millis() - t(0).as_millis())
            .collect::<Vec<_>>()
    };

    let by_a = AuditFilter {
        actor: Some(a.id),
        from: Some(t(1)),
        ..AuditFilter::default()
    };
    assert_eq!(
        at_of(s.list_audit(&by_a, Page::first(100)).await.unwrap()),
        [108, 106, 104, 102, 100]
    );
    assert_eq!(s.count_audit(&by_a).await.unwrap(), 5);

    let changed_b = AuditFilter {
        actor: Some(b.id),
        action: Some(AuditAction::ProcessChanged),
        ..AuditFilter::default()
    };
    assert_eq!(
        at_of(s.list_audit(&changed_b, Page::first(100)).await.unwrap()),
        [109, 107, 105]
    );

    let target = AuditFilter {
        target: Some("process:0".into()),
        ..AuditFilter::default()
    };
    assert_eq!(
        at_of(s.list_audit(&target, Page::first(100)).await.unwrap()),
        [109, 106, 103, 100]
    );

    let window = AuditFilter {
        from: Some(t(103)),
        until: Some(t(107)),
        ..AuditFilter::default()
    };
    assert_eq!(
        at_of(s.list_audit(&window, Page::first(100)).await.unwrap()),
        [106, 105, 104, 103]
    );
    assert_eq!(s.count_audit(&window).await.unwrap(), 4);
    assert_eq!(
        at_of(s.list_audit(&window, Page::new(1, 2)).await.unwrap()),
        [105, 104]
    );

    let everything = AuditFilter::default();
    assert_eq!(s.count_audit(&everything).await.unwrap(), 12);
    let p1 = s.list_audit(&everything, Page::new(0, 5)).await.unwrap();
    let p2 = s.list_audit(&everything, Page::new(5, 5)).await.unwrap();
    let p3 = s.list_audit(&everything, Page::new(10, 5)).await.unwrap();
    assert_eq!((p1.len(), p2.len(), p3.len()), (5, 5, 2));
    let mut ids: Vec<_> = p1.iter().chain(&p2).chain(&p3).map(|e| e.id).collect();
    let listed = ids.clone();
    ids.sort_by(|x, y| y.cmp(x));
    assert_eq!(listed, ids, "newest first, no gaps or repeats across pages");
    ids.dedup();
    assert_eq!(ids.len(), 12);

    let none = AuditFilter {
        action: Some(AuditAction::DataExported),
        ..AuditFilter::default()
    };
    assert!(s
        .list_audit(&none, Page::first(10))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(s.count_audit(&none).await.unwrap(), 0);
}

/// Raw `UPDATE` and `DELETE` on the audit table fail in the database itself.
pub async fn database_rejects_update_and_delete<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let stored = s
        .append_audit(&event(1, None, AuditAction::SettingsChanged, "setting:x"))
        .await
        .unwrap();
    let update = h
        .execute_raw("UPDATE audit_events SET action = 'user.created'")
        .await;
    assert!(update.is_err(), "UPDATE was allowed: {update:?}");
    assert!(
        update.unwrap_err().contains("append-only"),
        "the error should say why"
    );
    let delete = h.execute_raw("DELETE FROM audit_events").await;
    assert!(delete.is_err(), "DELETE was allowed: {delete:?}");
    let listed = s
        .list_audit(&AuditFilter::default(), Page::first(10))
        .await
        .unwrap();
    assert_eq!(listed, vec![stored]);
    // The harness can write at all: a statement on another table succeeds.
    assert_eq!(h.execute_raw("DELETE FROM sign_in_failures").await, Ok(0));
}
