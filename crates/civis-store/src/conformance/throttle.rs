//! Sign-in throttling: failed attempts per key, stored so that all servers share them.

use std::sync::Arc;

use super::fixtures::t;
use super::Harness;

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
