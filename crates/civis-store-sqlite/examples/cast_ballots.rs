//! Store-level ballot throughput on SQLite, without HTTP: `C` tasks cast `N` online
//! ballots in total (voters cycling over 5,000 residents, so most casts replace a
//! ballot) into a fresh temporary database file, and print throughput and latency.
//!
//! `cargo run --release -p civis-store-sqlite --example cast_ballots -- [C] [N]`
//! (defaults: 32 tasks, 20,000 ballots).

// A measuring tool: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Instant;

use civis_budget::{BallotChannel, BallotContent, NewBallot, ProcessSettings, ProposalId};
use civis_domain::{Timestamp, UserId};
use civis_store::{BudgetStore, Change, Store};
use civis_store_sqlite::SqliteStore;
use serde_json::json;

const VOTERS: i64 = 5_000;

fn arg(n: usize, default: usize) -> usize {
    std::env::args()
        .nth(n)
        .map_or(default, |a| a.parse().expect("a whole number"))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let tasks = arg(1, 32).max(1);
    let total = arg(2, 20_000);
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("civis.db").display());
    let store = SqliteStore::open(&url).await.expect("open");
    let mut tx = store.pool().begin().await.unwrap();
    for i in 0..VOTERS {
        sqlx::query(
            "INSERT INTO users (username, display_name, role, created_at) \
             VALUES (?, ?, 'resident', 0)",
        )
        .bind(format!("voter{i}"))
        .bind(format!("Voter {i}"))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let settings: ProcessSettings = serde_json::from_value(json!({
        "title": {"en": "Bench"}, "description": {"en": "Bench"},
        "schedule": {"proposals_open": 0, "support_open": 0, "review_open": 0,
                     "voting_open": 0, "voting_close": 0, "implementation_open": 0},
        "rules": {"budgets": {"total": 100}, "eligibility": {},
                  "ballot": {"type": "approval", "min": 1, "max": 5},
                  "rule": {"rule": "greedy"}, "tie_break": "lexico"}
    }))
    .unwrap();
    let process = store
        .create_process(&settings, Change::system(Timestamp::from_millis(0)))
        .await
        .unwrap()
        .id;
    let store: Arc<dyn Store> = Arc::new(store);

    let per_task = total / tasks;
    let start = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|t| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(per_task);
                for i in 0..per_task {
                    let n = i64::try_from(t * per_task + i).unwrap();
                    let ballot = NewBallot {
                        process,
                        voter: UserId(n % VOTERS + 1),
                        content: BallotContent::Approval(vec![ProposalId(1), ProposalId(2)]),
                        channel: BallotChannel::Online,
                        cast_at: Timestamp::from_millis(n),
                    };
                    let began = Instant::now();
                    store.cast_ballot(&ballot, None).await.unwrap();
                    latencies.push(began.elapsed().as_secs_f64() * 1000.0);
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(total);
    for handle in handles {
        latencies.extend(handle.await.unwrap());
    }
    let seconds = start.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    // The latency at `permille` ‰ (nearest rank below).
    let at = |permille: usize| latencies[latencies.len().saturating_sub(1) * permille / 1000];
    let casts = latencies.len();
    println!(
        "{casts} ballots by {tasks} tasks in {seconds:.2} s: {:.0} ballots/s, \
         p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        f64::from(u32::try_from(casts).unwrap()) / seconds,
        at(500),
        at(990),
        at(1000)
    );
    store.close().await;
}
