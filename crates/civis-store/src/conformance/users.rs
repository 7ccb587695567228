//! Accounts: creation, uniqueness, lookup, listing, role/name changes, disabling, passwords.

use std::sync::Arc;

use civis_domain::{audit::user_target, AuditAction, DisplayName, Role, UserId};
use serde_json::json;

use super::fixtures::{new_session, new_user, phc, system, t, username};
use super::Harness;
use crate::{
    AuditFilter, Change, Page, PasswordAccount, PasswordSignInQuery, StoreError, UserFilter,
};

/// Created accounts can be read back by id and username; creation is audited.
pub async fn create_and_fetch<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let admin = s
        .create_user(&new_user("root", Role::Admin), system(0))
        .await
        .unwrap();
    assert_eq!(admin.username.as_str(), "root");
    assert_eq!(admin.display_name.as_str(), "Display root");
    assert_eq!(admin.role, Role::Admin);
    assert_eq!(admin.created_at, t(0));
    assert_eq!(admin.disabled_at, None);

    let alice = s
        .create_user(
            &new_user("alice", Role::Resident),
            Change::by(admin.id, t(10)),
        )
        .await
        .unwrap();
    assert_ne!(alice.id, admin.id);
    assert_eq!(s.user_by_id(alice.id).await.unwrap(), alice);
    assert_eq!(s.user_by_username(&username("alice")).await.unwrap(), alice);
    assert_eq!(s.count_users(UserFilter::default()).await.unwrap(), 2);

    let events = s
        .list_audit(
            &AuditFilter {
                target: Some(user_target(alice.id)),
                ..AuditFilter::default()
            },
            Page::first(10),
        )
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.action, AuditAction::UserCreated);
    assert_eq!(e.actor, Some(admin.id));
    assert_eq!(e.at, t(10));
    assert_eq!(e.before, None);
    assert_eq!(
        e.after,
        Some(json!({"username": "alice", "display_name": "Display alice", "role": "resident"}))
    );
}

/// A taken username is a `Conflict` on `username`, and nothing is written.
pub async fn duplicate_username_conflicts<H: Harness>(h: Arc<H>) {
    let s = h.store();
    s.create_user(&new_user("alice", Role::Resident), system(0))
        .await
        .unwrap();
    let err = s
        .create_user(&new_user("alice", Role::Admin), system(1))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { field: "username" }),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "username is already taken");
    assert_eq!(s.count_users(UserFilter::default()).await.unwrap(), 1);
    assert_eq!(s.count_audit(&AuditFilter::default()).await.unwrap(), 1);
    let alice = s.user_by_username(&username("alice")).await.unwrap();
    assert_eq!(alice.role, Role::Resident);
}

/// Concurrent creations of one username: exactly one wins, the others conflict.
pub async fn concurrent_creates_one_wins<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let s = s.clone();
            tokio::spawn(async move {
                s.create_user(&new_user("contested", Role::Resident), system(i))
                    .await
            })
        })
        .collect();
    let mut won = 0;
    let mut conflicts = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => won += 1,
            Err(StoreError::Conflict { field: "username" }) => conflicts += 1,
            Err(other) => panic!("unexpected error: {other:?} ({})", other.log_detail()),
        }
    }
    assert_eq!((won, conflicts), (1, 7));
    assert_eq!(s.count_users(UserFilter::default()).await.unwrap(), 1);
    assert_eq!(s.count_audit(&AuditFilter::default()).await.unwrap(), 1);
}

/// Every per-account method reports `NotFound` for an unknown account.
pub async fn missing_user_is_not_found<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ghost = UserId(987_654);
    let nf = |r: Result<(), StoreError>, what: &str| {
        assert!(matches!(r, Err(StoreError::NotFound)), "{what}: {r:?}");
    };
    nf(s.user_by_id(ghost).await.map(drop), "user_by_id");
    nf(
        s.user_by_username(&username("nobody")).await.map(drop),
        "user_by_username",
    );
    nf(
        s.set_user_role(ghost, Role::Admin, system(0))
            .await
            .map(drop),
        "set_user_role",
    );
    let name = DisplayName::parse("Ghost").unwrap();
    nf(
        s.set_display_name(ghost, &name, system(0)).await.map(drop),
        "set_display_name",
    );
    nf(
        s.disable_user(ghost, system(0)).await.map(drop),
        "disable_user",
    );
    nf(
        s.enable_user(ghost, system(0)).await.map(drop),
        "enable_user",
    );
    nf(s.password_hash(ghost).await.map(drop), "password_hash");
    nf(
        s.set_password_hash(ghost, &phc("x"), system(0)).await,
        "set_password_hash",
    );
    assert_eq!(s.count_audit(&AuditFilter::default()).await.unwrap(), 0);
}

/// Listing is ordered by username, paged, and filtered by role and disabled state.
pub async fn list_pages_and_filters<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let specs = [
        ("gina", Role::Resident),
        ("bob", Role::Official),
        ("eve", Role::Auditor),
        ("alice", Role::Resident),
        ("dan", Role::Admin),
        ("carol", Role::Resident),
        ("fred", Role::Resident),
    ];
    for (i, (name, role)) in specs.iter().enumerate() {
        s.create_user(&new_user(name, *role), system(i as i64))
            .await
            .unwrap();
    }
    let carol = s.user_by_username(&username("carol")).await.unwrap();
    s.disable_user(carol.id, system(100)).await.unwrap();

    let names = |users: Vec<civis_domain::User>| {
        users
            .into_iter()
            .map(|u| u.username.as_str().to_owned())
            .collect::<Vec<_>>()
    };
    let all = UserFilter::default();
    assert_eq!(
        names(s.list_users(all, Page::first(100)).await.unwrap()),
        ["alice", "bob", "carol", "dan", "eve", "fred", "gina"]
    );
    assert_eq!(
        names(s.list_users(all, Page::new(2, 3)).await.unwrap()),
        ["carol", "dan", "eve"]
    );
    assert_eq!(
        names(s.list_users(all, Page::new(6, 3)).await.unwrap()),
        ["gina"]
    );
    assert!(s.list_users(all, Page::new(7, 3)).await.unwrap().is_empty());

    let residents = UserFilter {
        role: Some(Role::Resident),
        disabled: None,
    };
    assert_eq!(
        names(s.list_users(residents, Page::first(100)).await.unwrap()),
        ["alice", "carol", "fred", "gina"]
    );
    assert_eq!(s.count_users(residents).await.unwrap(), 4);
    let active_residents = UserFilter {
        role: Some(Role::Resident),
        disabled: Some(false),
    };
    assert_eq!(
        names(
            s.list_users(active_residents, Page::new(1, 10))
                .await
                .unwrap()
        ),
        ["fred", "gina"]
    );
    assert_eq!(s.count_users(active_residents).await.unwrap(), 3);
    let disabled = UserFilter {
        role: None,
        disabled: Some(true),
    };
    assert_eq!(
        names(s.list_users(disabled, Page::first(10)).await.unwrap()),
        ["carol"]
    );
    assert_eq!(s.count_users(all).await.unwrap(), 7);
    let auditors = UserFilter {
        role: Some(Role::Auditor),
        disabled: Some(true),
    };
    assert_eq!(s.count_users(auditors).await.unwrap(), 0);
}

/// Role changes return the new state and are audited with before/after; no-op changes are not.
pub async fn role_change_is_audited<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let admin = s
        .create_user(&new_user("root", Role::Admin), system(0))
        .await
        .unwrap();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(1))
        .await
        .unwrap();
    let changed = s
        .set_user_role(bob.id, Role::Official, Change::by(admin.id, t(5)))
        .await
        .unwrap();
    assert_eq!(changed.role, Role::Official);
    assert_eq!(s.user_by_id(bob.id).await.unwrap().role, Role::Official);

    let filter = AuditFilter {
        action: Some(AuditAction::RoleChanged),
        ..AuditFilter::default()
    };
    let events = s.list_audit(&filter, Page::first(10)).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].actor, Some(admin.id));
    assert_eq!(
        events[0].target.as_deref(),
        Some(user_target(bob.id).as_str())
    );
    assert_eq!(events[0].at, t(5));
    assert_eq!(events[0].before, Some(json!({"role": "resident"})));
    assert_eq!(events[0].after, Some(json!({"role": "official"})));

    let same = s
        .set_user_role(bob.id, Role::Official, Change::by(admin.id, t(6)))
        .await
        .unwrap();
    assert_eq!(same.role, Role::Official);
    assert_eq!(s.count_audit(&filter).await.unwrap(), 1);
}

/// Display name changes are stored and audited.
pub async fn display_name_change_is_audited<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    let name = DisplayName::parse("Robert Ñ.").unwrap();
    let changed = s
        .set_display_name(bob.id, &name, Change::by(bob.id, t(3)))
        .await
        .unwrap();
    assert_eq!(changed.display_name, name);
    assert_eq!(s.user_by_id(bob.id).await.unwrap().display_name, name);
    let events = s
        .list_audit(
            &AuditFilter {
                action: Some(AuditAction::ProfileChanged),
                ..AuditFilter::default()
            },
            Page::first(10),
        )
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].actor, Some(bob.id));
    assert_eq!(
        events[0].before,
        Some(json!({"display_name": "Display bob"}))
    );
    assert_eq!(events[0].after, Some(json!({"display_name": "Robert Ñ."})));
}

/// Disabling stamps the account, drops its sessions and is idempotent; enabling reverses it.
pub async fn disable_and_enable<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let admin = s
        .create_user(&new_user("root", Role::Admin), system(0))
        .await
        .unwrap();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(1))
        .await
        .unwrap();
    s.create_session(&new_session(1, bob.id, 2, 1_000_000))
        .await
        .unwrap();
    s.create_session(&new_session(2, admin.id, 2, 1_000_000))
        .await
        .unwrap();

    let disabled = s
        .disable_user(bob.id, Change::by(admin.id, t(10)))
        .await
        .unwrap();
    assert_eq!(disabled.disabled_at, Some(t(10)));
    assert!(!disabled.is_active());
    assert_eq!(
        s.session_by_token_hash(&super::fixtures::token(1), t(11))
            .await
            .unwrap(),
        None
    );
    assert!(s
        .session_by_token_hash(&super::fixtures::token(2), t(11))
        .await
        .unwrap()
        .is_some());
    assert_eq!(s.delete_user_sessions(bob.id).await.unwrap(), 0);

    let again = s
        .disable_user(bob.id, Change::by(admin.id, t(20)))
        .await
        .unwrap();
    assert_eq!(again.disabled_at, Some(t(10)));

    let enabled = s
        .enable_user(bob.id, Change::by(admin.id, t(30)))
        .await
        .unwrap();
    assert_eq!(enabled.disabled_at, None);
    assert!(s.user_by_id(bob.id).await.unwrap().is_active());
    let still = s.enable_user(bob.id, system(31)).await.unwrap();
    assert_eq!(still.disabled_at, None);

    let actions: Vec<_> = s
        .list_audit(
            &AuditFilter {
                target: Some(user_target(bob.id)),
                ..AuditFilter::default()
            },
            Page::first(10),
        )
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            AuditAction::UserEnabled,
            AuditAction::UserDisabled,
            AuditAction::UserCreated
        ]
    );
}

/// Password hashes are stored as given; setting one is audited without the hash.
pub async fn password_hash_round_trip<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(0))
        .await
        .unwrap();
    assert_eq!(s.password_hash(bob.id).await.unwrap(), None);
    s.set_password_hash(bob.id, &phc("first"), Change::by(bob.id, t(1)))
        .await
        .unwrap();
    assert_eq!(s.password_hash(bob.id).await.unwrap(), Some(phc("first")));
    s.set_password_hash(bob.id, &phc("second"), Change::by(bob.id, t(2)))
        .await
        .unwrap();
    assert_eq!(s.password_hash(bob.id).await.unwrap(), Some(phc("second")));

    let mut with_hash = new_user("carol", Role::Resident);
    with_hash.password_hash = Some(phc("carol"));
    let carol = s.create_user(&with_hash, system(3)).await.unwrap();
    assert_eq!(s.password_hash(carol.id).await.unwrap(), Some(phc("carol")));
    let facts = |name: &'static str| {
        let s = s.clone();
        async move {
            let name = username(name);
            s.password_sign_in_facts(&PasswordSignInQuery {
                username: Some(&name),
                username_key: "user:x",
                ip_key: "ip:x",
                since: t(0),
            })
            .await
            .unwrap()
            .account
        }
    };
    assert_eq!(
        facts("carol").await,
        Some(PasswordAccount {
            user: carol.clone(),
            password_hash: Some(phc("carol")),
            totp_confirmed: false,
        })
    );
    let found = facts("bob").await.unwrap();
    assert_eq!(
        (found.user.id, found.password_hash),
        (bob.id, Some(phc("second")))
    );
    assert_eq!(facts("nobody").await, None);

    let events = s
        .list_audit(&AuditFilter::default(), Page::first(100))
        .await
        .unwrap();
    let changes: Vec<_> = events
        .iter()
        .filter(|e| e.action == AuditAction::PasswordChanged)
        .collect();
    assert_eq!(changes.len(), 2);
    for e in &events {
        for v in [&e.before, &e.after].into_iter().flatten() {
            assert!(
                !v.to_string().contains("argon2"),
                "hash leaked into audit: {v}"
            );
        }
    }
}

/// A change by an actor that names no account fails with `NotFound` and writes nothing.
pub async fn unknown_actor_writes_nothing<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ghost = Change::by(UserId(555_555), t(1));
    let err = s
        .create_user(&new_user("alice", Role::Resident), ghost)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert_eq!(s.count_users(UserFilter::default()).await.unwrap(), 0);

    let bob = s
        .create_user(&new_user("bob", Role::Resident), system(2))
        .await
        .unwrap();
    let err = s
        .set_user_role(bob.id, Role::Admin, ghost)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert_eq!(s.user_by_id(bob.id).await.unwrap().role, Role::Resident);
    assert_eq!(s.count_audit(&AuditFilter::default()).await.unwrap(), 1);
}
