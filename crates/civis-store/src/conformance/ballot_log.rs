//! [`crate::BallotStore`]'s ballot log: batches of sealed submissions append
//! the ones whose `seq` is their token's next, in order, in one transaction;
//! the stored hashes give the tree of the entries; batches from two servers at
//! once agree on one log.

use std::sync::Arc;

use civis_budget::ProcessId;
use civis_domain::{AuditAction, NewAuditEvent, Role, UserId};
use civis_tlog::proof::root_plan;
use civis_tlog::{Hash, MemoryLog, NodeId};
use serde_json::json;

use super::budget::settings;
use super::fixtures::{new_user, system, t};
use super::Harness;
use crate::{process_log, AuditFilter, NewBallotEntry, Page, Store, StoreError};

fn sub(token: u8, seq: u32, tag: u32) -> NewBallotEntry {
    NewBallotEntry {
        token: vec![token; 32],
        seq,
        entry: format!("{{\"token\":{token},\"seq\":{seq},\"tag\":{tag}}}").into_bytes(),
        audit: None,
    }
}

/// The log's entries, checked against its stored hashes.
async fn entries(s: &Arc<dyn Store>, process: ProcessId) -> Vec<Vec<u8>> {
    let log = process_log(process);
    let size = s.tlog_size(&log).await.unwrap();
    let entries = s.tlog_entries(&log, 0, size + 5).await.unwrap();
    assert_eq!(entries.len() as u64, size);
    let mut memory = MemoryLog::new();
    for e in &entries {
        memory.append(e).unwrap();
    }
    let plan = root_plan(size);
    let found: std::collections::HashMap<NodeId, Hash> = s
        .tlog_hashes(&log, &plan.nodes())
        .await
        .unwrap()
        .into_iter()
        .collect();
    let root = plan
        .finish_from(&found)
        .unwrap()
        .first()
        .copied()
        .unwrap_or_else(civis_tlog::hash::empty_root);
    assert_eq!(
        root,
        memory.root_at(size).unwrap(),
        "stored root of {size} entries"
    );
    entries
}

pub async fn batches_append_each_tokens_next_seq<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let p = s
        .create_process(&settings("P"), system(1))
        .await
        .unwrap()
        .id;
    assert_eq!(
        s.append_ballot_entry(p, &[1; 32], 1, b"one").await.unwrap(),
        0
    );
    let batch = [
        sub(1, 2, 0),
        sub(2, 1, 1),
        sub(2, 1, 2),
        sub(3, 2, 3),
        sub(2, 2, 4),
        sub(1, 3, 5),
    ];
    let done = s.append_ballot_entries(p, &batch).await.unwrap();
    assert_eq!(
        done.indexes,
        [Some(1), Some(2), None, None, Some(3), Some(4)]
    );
    assert_eq!(done.size, 5);
    let stored = entries(&s, p).await;
    assert_eq!(
        stored,
        [
            b"one".to_vec(),
            batch[0].entry.clone(),
            batch[1].entry.clone(),
            batch[4].entry.clone(),
            batch[5].entry.clone()
        ]
    );
    // The tokens' last seq is stored: the next is taken alone, others are not.
    assert!(matches!(
        s.append_ballot_entry(p, &[2; 32], 2, b"again").await,
        Err(StoreError::Conflict { field: "seq" })
    ));
    assert_eq!(
        s.append_ballot_entry(p, &[2; 32], 3, b"three")
            .await
            .unwrap(),
        5
    );
    // A batch with nothing to take writes nothing.
    let none = s
        .append_ballot_entries(p, &[sub(1, 1, 9), sub(4, 3, 9)])
        .await
        .unwrap();
    assert_eq!((none.indexes, none.size), (vec![None, None], 6));
    assert_eq!(entries(&s, p).await.len(), 6);
    // A long batch (tree levels beyond the first append's needs).
    let long: Vec<NewBallotEntry> = (0..300u32)
        .map(|i| sub(10 + (i % 200) as u8, 1 + i / 200, i))
        .collect();
    let done = s.append_ballot_entries(p, &long).await.unwrap();
    assert!(done.indexes.iter().all(Option::is_some));
    assert_eq!(done.size, 306);
    assert_eq!(entries(&s, p).await.len(), 306);
    // Another process's log is its own.
    let q = s
        .create_process(&settings("Q"), system(2))
        .await
        .unwrap()
        .id;
    assert_eq!(
        s.append_ballot_entry(q, &[1; 32], 1, b"q").await.unwrap(),
        0
    );
}

pub async fn concurrent_batches_agree<H: Harness>(h: Arc<H>) {
    let first = h.store();
    let second = h.second_store().await;
    let p = first
        .create_process(&settings("P"), system(1))
        .await
        .unwrap()
        .id;
    let mut tasks = Vec::new();
    for t in 0..8u8 {
        let s = if t % 2 == 0 {
            first.clone()
        } else {
            second.clone()
        };
        tasks.push(tokio::spawn(async move {
            // Each task's tokens, seq 1 then 2, in batches of 5.
            let mut appended = 0;
            for seq in 1..=2 {
                let batch: Vec<NewBallotEntry> =
                    (0..5u8).map(|i| sub(t * 10 + i, seq, 0)).collect();
                let done = s.append_ballot_entries(p, &batch).await.unwrap();
                appended += done.indexes.iter().flatten().count();
            }
            appended
        }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await.unwrap();
    }
    assert_eq!(total, 80);
    let stored = entries(&first, p).await;
    assert_eq!(stored.len(), 80);
    assert_eq!(entries(&second, p).await, stored);
    second.close().await;
}

/// An entry's audit event is recorded with it, in its transaction: only when the
/// entry is appended, and an event that cannot be recorded appends nothing.
pub async fn audit_events_go_with_their_entries<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let p = s
        .create_process(&settings("P"), system(1))
        .await
        .unwrap()
        .id;
    let official = s
        .create_user(&new_user("olga", Role::Official), system(2))
        .await
        .unwrap();
    let event = |voter: i64, actor: UserId| NewAuditEvent {
        at: t(10),
        actor: Some(actor),
        action: AuditAction::PaperBallotEntered,
        target: Some(format!("process:{}", p.0)),
        before: None,
        after: Some(json!({ "voter": voter, "channel": "paper" })),
    };
    let paper_events = || {
        let s = s.clone();
        async move {
            s.list_audit(
                &AuditFilter {
                    action: Some(AuditAction::PaperBallotEntered),
                    ..AuditFilter::default()
                },
                Page::first(100),
            )
            .await
            .unwrap()
        }
    };

    // The second entry is left out (its seq is not the token's next): so is its event.
    let mut appended = sub(1, 1, 0);
    appended.audit = Some(event(41, official.id));
    let mut left_out = sub(2, 5, 1);
    left_out.audit = Some(event(42, official.id));
    let done = s
        .append_ballot_entries(p, &[appended, left_out])
        .await
        .unwrap();
    assert_eq!(done.indexes, [Some(0), None]);
    let recorded = paper_events().await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(
        recorded[0].after,
        Some(json!({ "voter": 41, "channel": "paper" }))
    );
    assert_eq!(recorded[0].actor, Some(official.id));

    // An event whose actor is no account fails the batch: nothing is appended.
    let mut bad = sub(3, 1, 2);
    bad.audit = Some(event(43, UserId(9_999)));
    assert!(s
        .append_ballot_entries(p, &[sub(4, 1, 3), bad])
        .await
        .is_err());
    assert_eq!(entries(&s, p).await.len(), 1);
    assert_eq!(paper_events().await.len(), 1);
    // The tokens' seqs were not taken either.
    assert_eq!(
        s.append_ballot_entries(p, &[sub(3, 1, 2), sub(4, 1, 3)])
            .await
            .unwrap()
            .indexes,
        [Some(1), Some(2)]
    );
}
