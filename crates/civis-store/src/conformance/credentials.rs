//! Credentials: authenticator-app (TOTP) secrets, their confirmation, the
//! replay guard on time steps, and removal, each audited.

use std::sync::Arc;

use civis_domain::{AuditAction, Role, UserId};

use super::fixtures::{new_user, system, t};
use super::Harness;
use crate::credentials::PasskeyRemoval;
use crate::{AuditFilter, Change, Page, StoreError};

async fn actions<H: Harness>(h: &H, user: UserId) -> Vec<AuditAction> {
    let filter = AuditFilter {
        target: Some(civis_domain::audit::user_target(user)),
        ..AuditFilter::default()
    };
    h.store()
        .list_audit(&filter, Page::first(100))
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .filter(|a| *a != AuditAction::UserCreated)
        .collect()
}

/// Enrolment is pending until confirmed, replaceable while pending, and
/// conflicts once confirmed; confirming is audited without the secret.
pub async fn totp_enrol_confirm_and_remove<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    assert_eq!(s.totp_credential(ann.id).await.unwrap(), None);
    assert!(matches!(
        s.begin_totp(UserId(9_999), b"x", t(1)).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.confirm_totp(ann.id, 5, Change::by(ann.id, t(2))).await,
        Err(StoreError::NotFound)
    ));

    s.begin_totp(ann.id, b"first", t(10)).await.unwrap();
    s.begin_totp(ann.id, b"second", t(20)).await.unwrap();
    let pending = s.totp_credential(ann.id).await.unwrap().unwrap();
    assert_eq!(pending.secret, b"second");
    assert_eq!(pending.confirmed_at, None);
    assert_eq!(pending.last_step, None);
    assert_eq!(pending.created_at, t(20));
    // Not confirmed: no step can be used.
    assert!(!s.use_totp_step(ann.id, 1).await.unwrap());

    s.confirm_totp(ann.id, 100, Change::by(ann.id, t(30)))
        .await
        .unwrap();
    let confirmed = s.totp_credential(ann.id).await.unwrap().unwrap();
    assert_eq!(confirmed.confirmed_at, Some(t(30)));
    assert_eq!(confirmed.last_step, Some(100));
    assert!(matches!(
        s.begin_totp(ann.id, b"third", t(40)).await,
        Err(StoreError::Conflict { field: "totp" })
    ));
    assert!(matches!(
        s.confirm_totp(ann.id, 101, Change::by(ann.id, t(41))).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        s.totp_credential(ann.id).await.unwrap().unwrap().secret,
        b"second"
    );
    assert_eq!(actions(&*h, ann.id).await, [AuditAction::TotpEnrolled]);
    let enrolled = &s
        .list_audit(&AuditFilter::default(), Page::first(10))
        .await
        .unwrap()[0];
    assert_eq!(enrolled.actor, Some(ann.id));
    assert!(!format!("{:?}{:?}", enrolled.before, enrolled.after).contains("second"));

    assert!(s
        .remove_totp(ann.id, Change::by(ann.id, t(50)))
        .await
        .unwrap());
    assert!(!s
        .remove_totp(ann.id, Change::by(ann.id, t(51)))
        .await
        .unwrap());
    assert_eq!(s.totp_credential(ann.id).await.unwrap(), None);
    assert_eq!(
        actions(&*h, ann.id).await,
        [AuditAction::TotpRemoved, AuditAction::TotpEnrolled]
    );
    // A pending one is removed without an event.
    s.begin_totp(ann.id, b"fourth", t(60)).await.unwrap();
    assert!(s
        .remove_totp(ann.id, Change::by(ann.id, t(61)))
        .await
        .unwrap());
    assert_eq!(actions(&*h, ann.id).await.len(), 2);
}

/// A time step is used once: the same or an older step is refused, also when
/// several servers try the same step at once.
pub async fn totp_steps_are_used_once<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    s.begin_totp(ann.id, b"k", t(1)).await.unwrap();
    s.confirm_totp(ann.id, 10, Change::by(ann.id, t(2)))
        .await
        .unwrap();
    assert!(
        !s.use_totp_step(ann.id, 10).await.unwrap(),
        "confirming step"
    );
    assert!(!s.use_totp_step(ann.id, 9).await.unwrap(), "older step");
    assert!(s.use_totp_step(ann.id, 11).await.unwrap());
    assert!(!s.use_totp_step(ann.id, 11).await.unwrap(), "replay");
    assert_eq!(
        s.totp_credential(ann.id).await.unwrap().unwrap().last_step,
        Some(11)
    );

    let other = h.second_store().await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let store = if i % 2 == 0 { s.clone() } else { other.clone() };
        tasks.push(tokio::spawn(async move {
            store.use_totp_step(ann.id, 12).await.unwrap()
        }));
    }
    let mut wins = 0;
    for task in tasks {
        if task.await.unwrap() {
            wins += 1;
        }
    }
    assert_eq!(wins, 1, "exactly one server accepts a step");
    other.close().await;
}

fn passkey(user: UserId, id: u8, name: &str) -> crate::credentials::NewPasskey {
    crate::credentials::NewPasskey {
        user_id: user,
        credential_id: vec![id; 16],
        name: name.to_owned(),
        credential: format!("{{\"cred\":{id}}}"),
        counter: 0,
    }
}

/// Passkeys are registered once per credential id, listed per account,
/// found by credential id, and removed only by their owner; each audited.
pub async fn passkeys_register_list_and_remove<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    let laptop = s
        .add_passkey(&passkey(ann.id, 1, "Laptop"), Change::by(ann.id, t(10)))
        .await
        .unwrap();
    assert_eq!(laptop.user_id, ann.id);
    assert_eq!(laptop.credential_id, vec![1; 16]);
    assert_eq!(laptop.name, "Laptop");
    assert_eq!(laptop.counter, 0);
    assert_eq!(laptop.created_at, t(10));
    assert_eq!(laptop.last_used_at, None);
    let phone = s
        .add_passkey(&passkey(ann.id, 2, "Phone"), Change::by(ann.id, t(20)))
        .await
        .unwrap();
    assert!(matches!(
        s.add_passkey(&passkey(bob.id, 1, "Stolen"), Change::by(bob.id, t(30)))
            .await,
        Err(StoreError::Conflict {
            field: "credential_id"
        })
    ));
    assert!(matches!(
        s.add_passkey(&passkey(UserId(9_999), 3, "x"), system(31))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        s.passkeys_of(ann.id).await.unwrap(),
        vec![laptop.clone(), phone.clone()]
    );
    assert!(s.passkeys_of(bob.id).await.unwrap().is_empty());
    assert_eq!(
        s.passkey_by_credential_id(&[2; 16]).await.unwrap(),
        Some(phone.clone())
    );
    assert_eq!(s.passkey_by_credential_id(&[9; 16]).await.unwrap(), None);

    // Bob cannot remove Ann's passkey.
    assert_eq!(
        s.remove_passkey(bob.id, laptop.id, false, Change::by(bob.id, t(40)))
            .await
            .unwrap(),
        PasskeyRemoval::NotFound
    );
    assert_eq!(
        s.remove_passkey(ann.id, laptop.id, true, Change::by(ann.id, t(41)))
            .await
            .unwrap(),
        PasskeyRemoval::Removed
    );
    assert_eq!(s.passkeys_of(ann.id).await.unwrap(), vec![phone.clone()]);
    // The last one stays when one must be kept.
    assert_eq!(
        s.remove_passkey(ann.id, phone.id, true, Change::by(ann.id, t(42)))
            .await
            .unwrap(),
        PasskeyRemoval::LastOne
    );
    assert_eq!(s.passkeys_of(ann.id).await.unwrap(), vec![phone]);
    assert_eq!(
        actions(&*h, ann.id).await,
        [
            AuditAction::PasskeyRemoved,
            AuditAction::PasskeyRegistered,
            AuditAction::PasskeyRegistered
        ]
    );
}

/// Two removals at once, through two servers, of an account's last two
/// passkeys when one must be kept: exactly one succeeds.
pub async fn removals_at_once_keep_the_last_passkey<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let second = h.second_store().await;
    for round in 0..4u8 {
        let name = format!("official{round}");
        let off = s
            .create_user(&new_user(&name, Role::Official), system(0))
            .await
            .unwrap();
        let mut ids = Vec::new();
        for k in 0..2u8 {
            let key = passkey(off.id, 10 * (round + 1) + k, "Key");
            ids.push(s.add_passkey(&key, system(1)).await.unwrap().id);
        }
        let tasks: Vec<_> = ids
            .iter()
            .enumerate()
            .map(|(k, id)| {
                let store = if k == 0 { s.clone() } else { second.clone() };
                let (user, id) = (off.id, *id);
                tokio::spawn(async move {
                    store
                        .remove_passkey(user, id, true, Change::by(user, t(2)))
                        .await
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap().unwrap());
        }
        outcomes.sort_by_key(|o| format!("{o:?}"));
        assert_eq!(
            outcomes,
            [PasskeyRemoval::LastOne, PasskeyRemoval::Removed],
            "round {round}"
        );
        assert_eq!(s.passkeys_of(off.id).await.unwrap().len(), 1);
    }
    second.close().await;
}

/// A passkey's signature counter only grows: a repeated or lower counter is
/// refused atomically (a cloned authenticator), a counter of 0 is accepted
/// while the stored one is 0 (authenticators without counters).
pub async fn passkey_counters_only_grow<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    let key = s
        .add_passkey(&passkey(ann.id, 1, "Key"), Change::by(ann.id, t(1)))
        .await
        .unwrap();
    assert!(s.use_passkey(key.id, 0, "{\"c\":0}", t(2)).await.unwrap());
    assert!(s.use_passkey(key.id, 5, "{\"c\":5}", t(3)).await.unwrap());
    assert!(
        !s.use_passkey(key.id, 5, "{\"c\":5}", t(4)).await.unwrap(),
        "same"
    );
    assert!(
        !s.use_passkey(key.id, 4, "{\"c\":4}", t(5)).await.unwrap(),
        "lower"
    );
    assert!(
        !s.use_passkey(key.id, 0, "{\"c\":0}", t(6)).await.unwrap(),
        "back to 0"
    );
    let stored = s.passkey_by_credential_id(&[1; 16]).await.unwrap().unwrap();
    assert_eq!(stored.counter, 5);
    assert_eq!(stored.credential, "{\"c\":5}");
    assert_eq!(stored.last_used_at, Some(t(3)));

    let other = h.second_store().await;
    let mut tasks = Vec::new();
    for i in 0..6 {
        let store = if i % 2 == 0 { s.clone() } else { other.clone() };
        tasks.push(tokio::spawn(async move {
            store
                .use_passkey(key.id, 9, "{\"c\":9}", t(7))
                .await
                .unwrap()
        }));
    }
    let mut wins = 0;
    for task in tasks {
        if task.await.unwrap() {
            wins += 1;
        }
    }
    assert_eq!(wins, 1, "one server accepts a counter");
    other.close().await;
}

/// A ceremony finishes at most once and not after it expires.
pub async fn ceremonies_are_taken_once<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    let c = crate::credentials::Ceremony {
        id_hash: [7; 32],
        user_id: Some(ann.id),
        kind: "register".into(),
        state: "{\"challenge\":1}".into(),
        created_at: t(100),
        expires_at: t(400),
    };
    s.save_ceremony(&c).await.unwrap();
    assert!(matches!(
        s.save_ceremony(&c).await,
        Err(StoreError::Conflict { field: "id" })
    ));
    let anonymous = crate::credentials::Ceremony {
        id_hash: [8; 32],
        user_id: None,
        kind: "authenticate".into(),
        ..c.clone()
    };
    s.save_ceremony(&anonymous).await.unwrap();
    assert_eq!(s.take_ceremony(&[7; 32], t(399)).await.unwrap(), Some(c));
    assert_eq!(
        s.take_ceremony(&[7; 32], t(399)).await.unwrap(),
        None,
        "once"
    );
    assert_eq!(
        s.take_ceremony(&[8; 32], t(400)).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(
        s.take_ceremony(&[8; 32], t(10)).await.unwrap(),
        None,
        "gone"
    );

    for (b, expires) in [(1u8, 50), (2, 500)] {
        s.save_ceremony(&crate::credentials::Ceremony {
            id_hash: [b; 32],
            user_id: None,
            kind: "authenticate".into(),
            state: "{}".into(),
            created_at: t(0),
            expires_at: t(expires),
        })
        .await
        .unwrap();
    }
    assert_eq!(s.purge_ceremonies(t(100)).await.unwrap(), 1);
    assert!(s.take_ceremony(&[2; 32], t(100)).await.unwrap().is_some());
}

/// Sessions remember their user agent; a resident revokes one of their own
/// sessions (audited), never another account's.
pub async fn session_devices_and_revocation<H: Harness>(h: Arc<H>) {
    use super::fixtures::{new_session, token};
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    s.create_session(&new_session(1, ann.id, 10, 10_000))
        .await
        .unwrap();
    s.create_session(&new_session(2, ann.id, 20, 10_000))
        .await
        .unwrap();
    s.create_session(&new_session(3, bob.id, 30, 10_000))
        .await
        .unwrap();
    s.record_session_device(&token(1), "Firefox on Linux")
        .await
        .unwrap();
    s.record_session_device(&token(3), "curl").await.unwrap();
    assert!(matches!(
        s.record_session_device(&token(9), "ghost").await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        s.session_devices(ann.id).await.unwrap(),
        vec![(token(1), "Firefox on Linux".to_owned())]
    );

    assert!(!s
        .revoke_session(ann.id, &token(3), Change::by(ann.id, t(40)))
        .await
        .unwrap());
    assert!(s
        .session_by_token_hash(&token(3), t(50))
        .await
        .unwrap()
        .is_some());
    assert!(s
        .revoke_session(ann.id, &token(1), Change::by(ann.id, t(41)))
        .await
        .unwrap());
    assert!(s
        .session_by_token_hash(&token(1), t(50))
        .await
        .unwrap()
        .is_none());
    assert!(s.session_devices(ann.id).await.unwrap().is_empty());
    assert_eq!(actions(&*h, ann.id).await, [AuditAction::SessionRevoked]);
    assert!(!s
        .revoke_session(ann.id, &token(1), Change::by(ann.id, t(42)))
        .await
        .unwrap());
}
