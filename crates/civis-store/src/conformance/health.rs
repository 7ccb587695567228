//! Readiness and pool figures.

use std::sync::Arc;

use super::Harness;

/// `ping` answers and the pool figures are consistent.
pub async fn ping_and_pool_stats<H: Harness>(h: Arc<H>) {
    let s = h.store();
    assert!(!s.backend().is_empty());
    s.ping().await.unwrap();
    let stats = s.pool_stats();
    assert!(stats.size >= 1, "{stats:?}");
    assert!(stats.idle <= stats.size, "{stats:?}");
    assert!(stats.size <= stats.max, "{stats:?}");
}
