//! Group commit of sealed submissions: one appender task per process (per
//! server) takes the submissions that arrive while the previous batch is being
//! written and appends them to the ballot log in one transaction
//! ([`civis_store::BallotStore::append_ballot_entries`]), so one durable commit
//! serves many of them. Each submitter is answered only after that commit, with
//! the checkpoint of the log as the batch left it and its entry's inclusion
//! proof, both read in one query for the whole batch.
//!
//! Nothing here outlives a batch: a submission is answered or refused before
//! it is forgotten, and a server that stops loses only unanswered requests
//! whose clients see no receipt. An idle appender ends after [`IDLE`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use civis_budget::ProcessId;
use civis_store::NewBallotEntry;
use civis_tlog::Hash;
use tokio::sync::{mpsc, oneshot};

use super::refusal::SecretBallotRefusal;
use crate::error::AppError;
use crate::state::AppState;
use crate::tlog::{proofs, ServedLog};

/// Most submissions appended in one transaction.
pub const MAX_BATCH: usize = 512;

/// Submissions waiting for an appender before senders wait too.
const QUEUE: usize = 4096;

/// How long an appender with nothing to do waits before it ends.
pub const IDLE: Duration = Duration::from_secs(30);

/// Where an appended submission is, and the log's signed word for it.
#[derive(Debug, Clone)]
pub struct Appended {
    /// The entry's index in the ballot log.
    pub index: u64,
    /// The log's size after the batch (the checkpoint's).
    pub size: u64,
    /// The signed checkpoint of that size.
    pub checkpoint: Arc<str>,
    /// The entry's inclusion proof in that checkpoint's tree.
    pub proof: Vec<Hash>,
}

struct Job {
    submission: NewBallotEntry,
    reply: oneshot::Sender<Result<Appended, AppError>>,
}

/// The running appenders, by process.
#[derive(Default)]
pub struct Appenders {
    running: Mutex<HashMap<i64, mpsc::Sender<Job>>>,
}

fn internal(what: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!("ballot appender: {what}"))
}

/// Appends `submission` to the ballot log of `process` (through the process's
/// appender, started if none runs) and answers once it is durable. Errors:
/// `seq-out-of-order` unless its `seq` is its token's next, or the store's error.
pub async fn append(
    state: &AppState,
    process: ProcessId,
    submission: NewBallotEntry,
) -> Result<Appended, AppError> {
    let (reply, answer) = oneshot::channel();
    let mut job = Job { submission, reply };
    // An appender that ended since its sender was taken refuses the job: start another.
    for _ in 0..3 {
        let sender = sender(state, process)?;
        match sender.send(job).await {
            Ok(()) => {
                return answer
                    .await
                    .map_err(|_| internal("stopped before answering"))?
            }
            Err(mpsc::error::SendError(back)) => {
                job = back;
                let mut running = state
                    .ballots()
                    .appenders
                    .running
                    .lock()
                    .map_err(|_| internal("lock poisoned"))?;
                if running
                    .get(&process.0)
                    .is_some_and(|s| s.same_channel(&sender))
                {
                    running.remove(&process.0);
                }
            }
        }
    }
    Err(internal("no appender takes submissions"))
}

/// The sender of the appender of `process`, started if none runs.
fn sender(state: &AppState, process: ProcessId) -> Result<mpsc::Sender<Job>, AppError> {
    let mut running = state
        .ballots()
        .appenders
        .running
        .lock()
        .map_err(|_| internal("lock poisoned"))?;
    if let Some(s) = running.get(&process.0) {
        if !s.is_closed() {
            return Ok(s.clone());
        }
    }
    let (tx, rx) = mpsc::channel(QUEUE);
    running.insert(process.0, tx.clone());
    tokio::spawn(run(state.clone(), process, tx.clone(), rx));
    Ok(tx)
}

/// The appender of `process`: batches until idle for [`IDLE`].
async fn run(
    state: AppState,
    process: ProcessId,
    me: mpsc::Sender<Job>,
    mut rx: mpsc::Receiver<Job>,
) {
    loop {
        let first = match tokio::time::timeout(IDLE, rx.recv()).await {
            Ok(Some(job)) => job,
            Ok(None) => return,
            Err(_) => {
                if retire(&state, process, &me, &mut rx) {
                    // Jobs sent before the channel closed are still answered.
                    let mut last = Vec::new();
                    while let Ok(job) = rx.try_recv() {
                        last.push(job);
                    }
                    if !last.is_empty() {
                        append_batch(&state, process, last).await;
                    }
                    return;
                }
                continue;
            }
        };
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        append_batch(&state, process, jobs).await;
    }
}

/// Takes the idle appender out of the map and closes its channel, unless a job
/// is waiting. Returns whether it retired.
fn retire(
    state: &AppState,
    process: ProcessId,
    me: &mpsc::Sender<Job>,
    rx: &mut mpsc::Receiver<Job>,
) -> bool {
    let Ok(mut running) = state.ballots().appenders.running.lock() else {
        return false;
    };
    if !rx.is_empty() {
        return false;
    }
    if running.get(&process.0).is_some_and(|s| s.same_channel(me)) {
        running.remove(&process.0);
    }
    rx.close();
    true
}

/// Appends `jobs` in one transaction and answers each; if the transaction
/// fails, each is tried on its own so that each gets its own answer.
async fn append_batch(state: &AppState, process: ProcessId, jobs: Vec<Job>) {
    let batch: Vec<NewBallotEntry> = jobs.iter().map(|j| j.submission.clone()).collect();
    let done = match state.store().append_ballot_entries(process, &batch).await {
        Ok(done) => done,
        Err(e) if jobs.len() == 1 => {
            if let Some(job) = jobs.into_iter().next() {
                let _ = job.reply.send(Err(e.into()));
            }
            return;
        }
        Err(_) => {
            for job in jobs {
                Box::pin(append_batch(state, process, vec![job])).await;
            }
            return;
        }
    };
    let log = ServedLog::process(state, process);
    let appended: Vec<u64> = done.indexes.iter().flatten().copied().collect();
    let receipts = proofs::checkpoint_with_inclusions(state, &log, done.size, &appended).await;
    let (checkpoint, mut proofs) = match receipts {
        Ok((checkpoint, proofs)) => (Arc::<str>::from(checkpoint), proofs.into_iter()),
        Err(e) => {
            let why = format!("receipt: {e:?}");
            for job in jobs {
                let _ = job.reply.send(Err(internal(&why)));
            }
            return;
        }
    };
    for (job, index) in jobs.into_iter().zip(done.indexes) {
        let answer = match index {
            None => Err(AppError::SecretBallot(SecretBallotRefusal::OutOfOrder)),
            Some(index) => proofs
                .next()
                .map(|proof| Appended {
                    index,
                    size: done.size,
                    checkpoint: Arc::clone(&checkpoint),
                    proof,
                })
                .ok_or_else(|| internal("an appended entry has no proof")),
        };
        let _ = job.reply.send(answer);
    }
}
