//! The behaviour suite every [`Store`] backend must pass.
//!
//! A backend crate implements [`Harness`] (how to make a fresh, empty store
//! for one test and dispose of it) and expands [`crate::conformance_tests!`]
//! in its integration tests, which generates one `#[tokio::test]` per case:
//!
//! ```ignore
//! civis_store::conformance_tests!(crate::harness::SqliteHarness);
//! ```
//!
//! The backend crate needs `tokio` (with `macros` and `rt-multi-thread`) as a
//! dev-dependency.

// This module is test code compiled as a library feature: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::future::Future;
use std::sync::Arc;

use async_trait::async_trait;

use crate::Store;

pub mod audit;
pub mod ballot_log;
pub mod budget;
pub mod credentials;
pub mod fixtures;
pub mod health;
pub mod oidc;
pub mod recovery;
pub mod register;
pub mod sessions;
pub mod throttle;
pub mod tlog;
pub mod trustees;
pub mod users;

/// Makes a fresh, empty, migrated store for one test and cleans it up afterwards.
#[async_trait]
pub trait Harness: Send + Sync + Sized + 'static {
    /// Creates the store. `None` skips the test; the harness prints why.
    async fn setup() -> Option<Self>;

    /// The store under test.
    fn store(&self) -> Arc<dyn Store>;

    /// Runs one raw SQL statement on the store's database, bypassing the trait
    /// (to check guarantees enforced by the database itself). Returns rows affected
    /// or the database's error message.
    async fn execute_raw(&self, sql: &str) -> Result<u64, String>;

    /// Opens a second store on the same database with its own connection pool,
    /// as a second server would (for concurrency cases). The case closes it.
    async fn second_store(&self) -> Arc<dyn Store>;

    /// Removes what `setup` created (temporary file, database).
    async fn teardown(&self);
}

/// Runs one case: set up, run `case` on its own task, tear down even if the case
/// panicked, then re-raise the panic.
pub async fn run<H, F, Fut>(case: F)
where
    H: Harness,
    F: FnOnce(Arc<H>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(harness) = H::setup().await else {
        return;
    };
    let harness = Arc::new(harness);
    let outcome = tokio::spawn(case(harness.clone())).await;
    harness.store().close().await;
    harness.teardown().await;
    if let Err(err) = outcome {
        if err.is_panic() {
            std::panic::resume_unwind(err.into_panic());
        }
        panic!("conformance case was cancelled: {err}");
    }
}

/// Generates the whole conformance suite as `#[tokio::test]`s for a [`Harness`] type.
#[macro_export]
macro_rules! conformance_tests {
    ($harness:ty) => {
        $crate::conformance_tests!(@cases $harness;
            users {
                create_and_fetch,
                duplicate_username_conflicts,
                concurrent_creates_one_wins,
                missing_user_is_not_found,
                list_pages_and_filters,
                role_change_is_audited,
                display_name_change_is_audited,
                disable_and_enable,
                password_hash_round_trip,
                unknown_actor_writes_nothing,
            }
            sessions {
                lookup_respects_expiry,
                context_joins_the_account,
                step_up_adds_methods,
                create_checks_user_and_uniqueness,
                touch_moves_last_seen_and_expiry,
                delete_one_and_all_of_a_user,
                purge_removes_only_expired,
                list_of_a_user_is_valid_and_most_recent_first,
            }
            throttle {
                counts_since_clears_and_purges,
                password_sign_in_facts_read_counts_and_account,
            }
            audit {
                append_round_trips_fields,
                filters_and_paging,
                database_rejects_update_and_delete,
            }
            health {
                ping_and_pool_stats,
            }
            tlog {
                audit_events_are_logged,
                failed_changes_log_nothing,
                proofs_from_stored_hashes_verify,
                database_rejects_changing_the_log,
                earlier_events_are_logged_first,
                concurrent_appenders_agree,
                signing_key_is_stored_once,
            }
            credentials {
                totp_enrol_confirm_and_remove,
                totp_steps_are_used_once,
                passkeys_register_list_and_remove,
                removals_at_once_keep_the_last_passkey,
                passkey_counters_only_grow,
                ceremonies_are_taken_once,
                session_devices_and_revocation,
            }
            oidc {
                secrets_are_created_once,
                signing_keys_one_per_slot,
                clients_round_trip_and_audit,
                consent_grows_and_is_audited,
                codes_redeem_once,
                grants_revoke_and_accounts_disable,
                refresh_rotation_and_revocation,
                purge_removes_expired,
            }
            register {
                imports_keep_dated_versions,
                refused_imports_write_nothing,
                reads_are_audited_with_their_purpose,
                permissions_are_granted_revoked_and_audited,
                enrolment_codes_link_once,
            }
            recovery {
                recovery_codes_are_used_once,
                recovery_codes_expire_and_are_voided,
                recovery_issue_checks_accounts,
                concurrent_recovery_uses_one_wins,
            }
            budget {
                process_round_trip_and_audit,
                proposal_round_trip,
                support_is_idempotent,
                review_and_moderation_are_audited,
                ballot_replacement_and_revision,
                paper_and_online_replace_each_other,
                concurrent_casts_leave_one_ballot,
                results_publish_once,
                published_exports_stored_once,
                implementation_updates_round_trip,
                resident_profiles_round_trip,
                bulk_profiles,
            }
            trustees {
                trustees_hand_in_once_and_lock,
            }
            ballot_log {
                batches_append_each_tokens_next_seq,
                concurrent_batches_agree,
                audit_events_go_with_their_entries,
            }
        );
    };
    (@cases $harness:ty; $( $module:ident { $($case:ident),* $(,)? } )*) => {
        $(
            mod $module {
                #[allow(unused_imports)]
                use super::*;
                $(
                    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                    async fn $case() {
                        $crate::conformance::run::<$harness, _, _>(|h| async move {
                            $crate::conformance::$module::$case(h).await
                        })
                        .await;
                    }
                )*
            }
        )*
    };
}
