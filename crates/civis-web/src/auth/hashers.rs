//! The password hashing threads: one per core, all taking jobs off one queue.
//!
//! A thread that finishes a hash takes the next queued one at once, as a loop
//! of raw hashing would: no permit to hand back, no waiting task to wake before
//! the core is busy again (a hand-off that left a few per cent of the cores
//! idle under a stream of sign-ins on tokio's blocking pool). The number of
//! threads bounds the hashes in progress, hence their memory.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

/// The queue of the hashing threads; `None` if none could be started.
fn queue() -> Option<&'static Mutex<Sender<Job>>> {
    static QUEUE: OnceLock<Option<Mutex<Sender<Job>>>> = OnceLock::new();
    QUEUE
        .get_or_init(|| {
            let (tx, rx) = channel::<Job>();
            let rx = Arc::new(Mutex::new(rx));
            let started = (0..threads())
                .filter(|i| {
                    let rx = rx.clone();
                    std::thread::Builder::new()
                        .name(format!("civis-hash-{i}"))
                        .spawn(move || work(&rx))
                        .map_err(|e| tracing::error!(error = %e, "cannot start a hashing thread"))
                        .is_ok()
                })
                .count();
            (started > 0).then(|| Mutex::new(tx))
        })
        .as_ref()
}

/// How many hashing threads there are: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
}

/// A hashing thread: runs jobs until the queue is gone.
fn work(rx: &Mutex<Receiver<Job>>) {
    loop {
        let job = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        match job {
            // A job that panics loses its answer (its caller sees an error),
            // not the thread.
            Ok(job) => drop(catch_unwind(AssertUnwindSafe(job))),
            Err(_) => return,
        }
    }
}

/// Runs `f` on a hashing thread and waits for its result (on tokio's blocking
/// pool if no hashing thread could be started).
pub async fn run<T, F>(f: F) -> anyhow::Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let Some(queue) = queue() else {
        return Ok(tokio::task::spawn_blocking(f).await?);
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = tx.send(f());
    });
    queue
        .lock()
        .map_err(|_| anyhow::anyhow!("the hashing queue is poisoned"))?
        .send(job)
        .map_err(|_| anyhow::anyhow!("the hashing threads stopped"))?;
    rx.await
        .map_err(|_| anyhow::anyhow!("a hashing job ended without an answer"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn jobs_run_on_the_hashing_threads_and_a_panic_loses_only_its_answer() {
        let name = run(|| std::thread::current().name().map(str::to_owned))
            .await
            .unwrap();
        assert!(name.is_some_and(|n| n.starts_with("civis-hash-")));
        let lost = run(|| -> u8 { panic!("a failing job") }).await;
        assert!(lost.is_err());
        let answers: Vec<_> = (0..threads() * 4).map(|i| run(move || i * 2)).collect();
        for (i, answer) in answers.into_iter().enumerate() {
            assert_eq!(answer.await.unwrap(), i * 2);
        }
    }
}
