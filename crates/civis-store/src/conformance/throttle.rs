//! Sign-in throttling: failed attempts per key, stored so that all servers share them.

use std::sync::Arc;

use civis_domain::{Role, Username};

use super::fixtures::{new_user, phc, system, t, username};
use super::Harness;
use crate::{Change, PasswordAccount, PasswordSignInFacts, PasswordSignInQuery};

/// Attempts are counted per key since a given instant, cleared per key, purged by age.
pub async fn counts_since_clears_and_purges<H: Harness>(h: Arc<H>) {
    let s = h.store();
    for ms in [10, 20, 30, 40] {
        s.record_failed_sign_in("user:bob", t(ms)).await.unwrap();
    }
    s.record_failed_sign_in("user:bob", t(20)).await.unwrap();
    s.record_failed_sign_in("ip:192.0.2.1", t(25))
        .await
        .unwrap();

    assert_eq!(s.count_failed_sign_ins("user:bob", t(0)).await.unwrap(), 5);
    assert_eq!(s.count_failed_sign_ins("user:bob", t(20)).await.unwrap(), 4);
    assert_eq!(s.count_failed_sign_ins("user:bob", t(41)).await.unwrap(), 0);
    assert_eq!(
        s.count_failed_sign_ins("ip:192.0.2.1", t(0)).await.unwrap(),
        1
    );
    assert_eq!(s.count_failed_sign_ins("user:ann", t(0)).await.unwrap(), 0);

    assert_eq!(s.purge_failed_sign_ins(t(25)).await.unwrap(), 3);
    assert_eq!(s.count_failed_sign_ins("user:bob", t(0)).await.unwrap(), 2);
    assert_eq!(
        s.count_failed_sign_ins("ip:192.0.2.1", t(0)).await.unwrap(),
        1
    );

    assert_eq!(s.clear_failed_sign_ins("user:bob").await.unwrap(), 2);
    assert_eq!(s.count_failed_sign_ins("user:bob", t(0)).await.unwrap(), 0);
    assert_eq!(
        s.count_failed_sign_ins("ip:192.0.2.1", t(0)).await.unwrap(),
        1
    );
    assert_eq!(s.clear_failed_sign_ins("user:bob").await.unwrap(), 0);
}

/// A password sign-in's lookup reads both throttle counts in its window and the
/// account with its hash and second factor; unknown and unparsable usernames still
/// get the counts.
pub async fn password_sign_in_facts_read_counts_and_account<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let mut new = new_user("dora", Role::Resident);
    new.password_hash = Some(phc("dora"));
    let dora = s.create_user(&new, system(0)).await.unwrap();
    for (key, ms) in [
        ("user:dora", 10),
        ("user:dora", 20),
        ("user:dora", 30),
        ("ip:198.51.100.7", 15),
        ("ip:198.51.100.7", 35),
        ("user:other", 30),
    ] {
        s.record_failed_sign_in(key, t(ms)).await.unwrap();
    }
    let name = &username("dora");

    let facts = s
        .password_sign_in_facts(&query(0, Some(name)))
        .await
        .unwrap();
    assert_eq!(
        facts,
        PasswordSignInFacts {
            failures_by_username: 3,
            failures_by_ip: 2,
            account: Some(PasswordAccount {
                user: dora.clone(),
                password_hash: Some(phc("dora")),
                totp_confirmed: false,
            }),
        }
    );
    let later = s
        .password_sign_in_facts(&query(20, Some(name)))
        .await
        .unwrap();
    assert_eq!((later.failures_by_username, later.failures_by_ip), (2, 1));

    // An authenticator app counts once it is confirmed.
    s.begin_totp(dora.id, b"secret", t(40)).await.unwrap();
    let pending = s
        .password_sign_in_facts(&query(0, Some(name)))
        .await
        .unwrap();
    assert!(!pending.account.unwrap().totp_confirmed);
    s.confirm_totp(dora.id, 7, Change::by(dora.id, t(41)))
        .await
        .unwrap();
    let confirmed = s
        .password_sign_in_facts(&query(0, Some(name)))
        .await
        .unwrap();
    assert!(confirmed.account.unwrap().totp_confirmed);

    // No account by that name, or no parsable name: the counts alone.
    let nobody = &username("nobody");
    for name in [Some(nobody), None] {
        let facts = s.password_sign_in_facts(&query(0, name)).await.unwrap();
        assert_eq!(
            facts,
            PasswordSignInFacts {
                failures_by_username: 3,
                failures_by_ip: 2,
                account: None,
            }
        );
    }
}

/// Dora's throttle keys, counted from `t(since)`, with the account `name`.
fn query(since: i64, name: Option<&Username>) -> PasswordSignInQuery<'_> {
    PasswordSignInQuery {
        username: name,
        username_key: "user:dora",
        ip_key: "ip:198.51.100.7",
        since: t(since),
    }
}
