//! Sessions: creation, validity at a given `now`, touching, deletion, purging.

use std::sync::Arc;

use civis_domain::{Role, UserId};

use super::fixtures::{new_session, new_user, system, t, token};
use super::Harness;
use crate::StoreError;

/// A session is found before its expiry and not at or after it.
pub async fn lookup_respects_expiry<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    let created = s
        .create_session(&new_session(7, bob.id, 100, 1_100))
        .await
        .unwrap();
    assert_eq!(created.token_hash, token(7));
    assert_eq!(created.user_id, bob.id);
    assert_eq!(created.csrf_secret, "csrf-7");
    assert_eq!(created.created_at, t(100));
    assert_eq!(created.last_seen_at, t(100));
    assert_eq!(created.expires_at, t(1_100));

    let found = s.session_by_token_hash(&token(7), t(1_099)).await.unwrap();
    assert_eq!(found, Some(created.clone()));
    assert_eq!(
        s.session_by_token_hash(&token(7), t(1_100)).await.unwrap(),
        None
    );
    assert_eq!(
        s.session_by_token_hash(&token(7), t(5_000)).await.unwrap(),
        None
    );
    assert_eq!(
        s.session_by_token_hash(&token(8), t(200)).await.unwrap(),
        None
    );
}

/// The session context is the session, its account and the account's
/// proofing, valid exactly when the session alone is.
pub async fn context_joins_the_account<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    let created = s
        .create_session(&new_session(7, bob.id, 100, 1_100))
        .await
        .unwrap();
    let context = s.session_context(&token(7), t(1_099)).await.unwrap();
    assert_eq!(
        context,
        Some(crate::SessionContext {
            session: created,
            user: s.user_by_id(bob.id).await.unwrap(),
            proofing: None,
        })
    );
    assert_eq!(s.session_context(&token(7), t(1_100)).await.unwrap(), None);
    assert_eq!(s.session_context(&token(8), t(200)).await.unwrap(), None);
    s.disable_user(bob.id, system(200)).await.unwrap();
    assert_eq!(s.session_context(&token(7), t(300)).await.unwrap(), None);
}

/// Sessions need an existing user and a unique token hash.
pub async fn create_checks_user_and_uniqueness<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let err = s
        .create_session(&new_session(1, UserId(424_242), 0, 10))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    s.create_session(&new_session(1, bob.id, 0, 10))
        .await
        .unwrap();
    let err = s
        .create_session(&new_session(1, bob.id, 5, 20))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                field: "token_hash"
            }
        ),
        "{err:?}"
    );
    let kept = s.session_by_token_hash(&token(1), t(1)).await.unwrap();
    assert_eq!(kept.map(|k| k.expires_at), Some(t(10)));
}

/// Touching records last use and slides the expiry.
pub async fn touch_moves_last_seen_and_expiry<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    s.create_session(&new_session(3, bob.id, 0, 1_000))
        .await
        .unwrap();
    assert!(s.touch_session(&token(3), t(900), t(1_900)).await.unwrap());
    let found = s
        .session_by_token_hash(&token(3), t(1_500))
        .await
        .unwrap()
        .expect("session slid past its first expiry");
    assert_eq!(found.last_seen_at, t(900));
    assert_eq!(found.expires_at, t(1_900));
    assert_eq!(found.created_at, t(0));
    assert!(!s.touch_session(&token(4), t(900), t(1_900)).await.unwrap());
}

/// Sign-out deletes one session; revoking deletes all of one user's, no one else's.
pub async fn delete_one_and_all_of_a_user<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    for b in 1..=3 {
        s.create_session(&new_session(b, bob.id, 0, 1_000))
            .await
            .unwrap();
    }
    s.create_session(&new_session(9, ann.id, 0, 1_000))
        .await
        .unwrap();

    assert!(s.delete_session(&token(1)).await.unwrap());
    assert!(!s.delete_session(&token(1)).await.unwrap());
    assert_eq!(
        s.session_by_token_hash(&token(1), t(5)).await.unwrap(),
        None
    );
    assert!(s
        .session_by_token_hash(&token(2), t(5))
        .await
        .unwrap()
        .is_some());

    assert_eq!(s.delete_user_sessions(bob.id).await.unwrap(), 2);
    assert_eq!(
        s.session_by_token_hash(&token(2), t(5)).await.unwrap(),
        None
    );
    assert_eq!(
        s.session_by_token_hash(&token(3), t(5)).await.unwrap(),
        None
    );
    assert!(s
        .session_by_token_hash(&token(9), t(5))
        .await
        .unwrap()
        .is_some());
}

/// Purging at `now` deletes exactly the sessions expired at `now`.
pub async fn purge_removes_only_expired<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    s.create_session(&new_session(1, bob.id, 0, 100))
        .await
        .unwrap();
    s.create_session(&new_session(2, bob.id, 0, 200))
        .await
        .unwrap();
    s.create_session(&new_session(3, bob.id, 0, 300))
        .await
        .unwrap();
    assert_eq!(s.purge_expired_sessions(t(99)).await.unwrap(), 0);
    assert_eq!(s.purge_expired_sessions(t(200)).await.unwrap(), 2);
    assert_eq!(s.purge_expired_sessions(t(200)).await.unwrap(), 0);
    assert!(s
        .session_by_token_hash(&token(3), t(250))
        .await
        .unwrap()
        .is_some());
    assert_eq!(s.delete_user_sessions(bob.id).await.unwrap(), 1);
}

/// Listing a user's sessions gives only theirs, only valid ones, most recently used first.
pub async fn list_of_a_user_is_valid_and_most_recent_first<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    s.create_session(&new_session(1, bob.id, 10, 1_000))
        .await
        .unwrap();
    s.create_session(&new_session(2, bob.id, 20, 1_000))
        .await
        .unwrap();
    s.create_session(&new_session(3, bob.id, 30, 50))
        .await
        .unwrap();
    s.create_session(&new_session(4, ann.id, 40, 1_000))
        .await
        .unwrap();
    assert!(s.touch_session(&token(1), t(60), t(1_000)).await.unwrap());

    let listed = s.list_user_sessions(bob.id, t(55)).await.unwrap();
    let tokens: Vec<_> = listed.iter().map(|x| x.token_hash).collect();
    assert_eq!(
        tokens,
        vec![token(1), token(2)],
        "expired and others' sessions left out"
    );
    assert_eq!(listed[0].last_seen_at, t(60));
    assert!(s
        .list_user_sessions(bob.id, t(1_000))
        .await
        .unwrap()
        .is_empty());
    assert!(s
        .list_user_sessions(UserId(999_999), t(0))
        .await
        .unwrap()
        .is_empty());

    s.disable_user(bob.id, system(70)).await.unwrap();
    assert!(s
        .list_user_sessions(bob.id, t(80))
        .await
        .unwrap()
        .is_empty());
}

/// A session keeps how it was authenticated; step-up adds methods and moves
/// `authenticated_at`, and an account starts without a register link.
pub async fn step_up_adds_methods<H: Harness>(h: Arc<H>) {
    use civis_domain::{AuthMethod, AuthMethods};
    let s = h.store();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    assert_eq!(s.account_proofing(bob.id).await.unwrap(), None);
    assert!(matches!(
        s.account_proofing(UserId(424_242)).await,
        Err(StoreError::NotFound)
    ));
    let created = s
        .create_session(&new_session(3, bob.id, 100, 10_000))
        .await
        .unwrap();
    assert_eq!(created.auth_methods, AuthMethods::one(AuthMethod::Password));
    assert_eq!(created.authenticated_at, t(100));

    let stepped = s
        .step_up_session(&token(3), AuthMethods::one(AuthMethod::Totp), t(500))
        .await
        .unwrap();
    assert!(stepped);
    let found = s
        .session_by_token_hash(&token(3), t(600))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        found.auth_methods,
        AuthMethods::one(AuthMethod::Password).with(AuthMethod::Totp)
    );
    assert_eq!(found.authenticated_at, t(500));
    assert_eq!(found.created_at, t(100));
    assert!(!s
        .step_up_session(&token(9), AuthMethods::one(AuthMethod::Totp), t(500))
        .await
        .unwrap());
}
