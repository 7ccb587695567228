//! Recovery codes: used once, expiring, voided by a newer one, audited without
//! the code, one winner under concurrent use.

use std::sync::Arc;

use civis_domain::{AuditAction, Role, UserId};

use super::fixtures::{new_user, system, t};
use super::Harness;
use crate::recovery::NewRecoveryCode;
use crate::{AuditFilter, Change, Page, StoreError};

fn code(user: UserId, tag: u8, expires_ms: i64) -> NewRecoveryCode {
    NewRecoveryCode {
        user_id: user,
        code_hash: [tag; 32],
        document_type: "passport".into(),
        expires_at: t(expires_ms),
    }
}

async fn events(s: &dyn crate::Store, action: AuditAction) -> Vec<civis_domain::AuditEvent> {
    s.list_audit(
        &AuditFilter {
            action: Some(action),
            ..Default::default()
        },
        Page::new(0, 50),
    )
    .await
    .unwrap()
}

pub async fn recovery_codes_are_used_once<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let off = s
        .create_user(&new_user("official", Role::Official), system(0))
        .await
        .unwrap();
    let res = s
        .create_user(&new_user("resident", Role::Resident), system(0))
        .await
        .unwrap();
    s.issue_recovery_code(&code(res.id, 1, 10_000), Change::by(off.id, t(1)))
        .await
        .unwrap();
    let issued = events(s.as_ref(), AuditAction::RecoveryCodeIssued).await;
    assert_eq!(issued.len(), 1);
    assert_eq!(issued[0].actor, Some(off.id));
    assert_eq!(
        issued[0].target.as_deref(),
        Some(&*format!("user:{}", res.id))
    );
    let after = issued[0].after.as_ref().unwrap();
    assert_eq!(after["document_type"], "passport");
    assert_eq!(after["voided_earlier"], 0);
    // A wrong digest, or the right one for another account, does nothing.
    let by = |ms| Change::by(res.id, t(ms));
    assert!(!s.use_recovery_code(res.id, &[2; 32], by(2)).await.unwrap());
    assert!(!s.use_recovery_code(off.id, &[1; 32], by(2)).await.unwrap());
    assert!(events(s.as_ref(), AuditAction::RecoveryCodeUsed)
        .await
        .is_empty());
    assert!(s.use_recovery_code(res.id, &[1; 32], by(3)).await.unwrap());
    assert!(!s.use_recovery_code(res.id, &[1; 32], by(4)).await.unwrap());
    let used = events(s.as_ref(), AuditAction::RecoveryCodeUsed).await;
    assert_eq!(used.len(), 1);
    assert_eq!(used[0].actor, Some(res.id));
}

pub async fn recovery_codes_expire_and_are_voided<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let off = s
        .create_user(&new_user("official", Role::Official), system(0))
        .await
        .unwrap();
    let res = s
        .create_user(&new_user("resident", Role::Resident), system(0))
        .await
        .unwrap();
    let by_off = |ms| Change::by(off.id, t(ms));
    let by = |ms| Change::by(res.id, t(ms));
    s.issue_recovery_code(&code(res.id, 1, 100), by_off(1))
        .await
        .unwrap();
    // Expired at its expiry instant.
    assert!(!s
        .use_recovery_code(res.id, &[1; 32], by(100))
        .await
        .unwrap());
    // A new code voids the unused one.
    s.issue_recovery_code(&code(res.id, 2, 10_000), by_off(200))
        .await
        .unwrap();
    s.issue_recovery_code(&code(res.id, 3, 10_000), by_off(300))
        .await
        .unwrap();
    let issued = events(s.as_ref(), AuditAction::RecoveryCodeIssued).await;
    assert_eq!(issued.len(), 3);
    assert_eq!(issued[0].after.as_ref().unwrap()["voided_earlier"], 1);
    assert!(!s
        .use_recovery_code(res.id, &[2; 32], by(400))
        .await
        .unwrap());
    assert!(s
        .use_recovery_code(res.id, &[3; 32], by(9_999))
        .await
        .unwrap());
}

pub async fn recovery_issue_checks_accounts<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let off = s
        .create_user(&new_user("official", Role::Official), system(0))
        .await
        .unwrap();
    let err = s
        .issue_recovery_code(&code(UserId(9_999), 1, 100), Change::by(off.id, t(1)))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let err = s
        .issue_recovery_code(&code(off.id, 1, 100), Change::by(UserId(9_999), t(1)))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert!(events(s.as_ref(), AuditAction::RecoveryCodeIssued)
        .await
        .is_empty());
    assert!(!s
        .use_recovery_code(off.id, &[1; 32], Change::by(off.id, t(2)))
        .await
        .unwrap());
}

pub async fn concurrent_recovery_uses_one_wins<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let off = s
        .create_user(&new_user("official", Role::Official), system(0))
        .await
        .unwrap();
    let res = s
        .create_user(&new_user("resident", Role::Resident), system(0))
        .await
        .unwrap();
    s.issue_recovery_code(&code(res.id, 7, 10_000), Change::by(off.id, t(1)))
        .await
        .unwrap();
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let s = Arc::clone(&s);
            let user = res.id;
            tokio::spawn(async move {
                s.use_recovery_code(user, &[7; 32], Change::by(user, t(10 + i)))
                    .await
            })
        })
        .collect();
    let mut wins = 0;
    for task in tasks {
        if task.await.unwrap().unwrap() {
            wins += 1;
        }
    }
    assert_eq!(wins, 1);
    assert_eq!(
        events(s.as_ref(), AuditAction::RecoveryCodeUsed)
            .await
            .len(),
        1
    );
}
