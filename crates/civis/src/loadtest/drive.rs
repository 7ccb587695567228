//! Runs one job many times with a fixed number of workers, for a count or a duration,
//! and gathers what each run measured and the errors.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;

/// When to stop.
#[derive(Debug, Clone, Copy)]
pub enum Limit {
    /// After this many jobs.
    Count(usize),
    /// Start no job after this long.
    For(Duration),
}

impl Limit {
    /// `--duration` when given, else the count.
    pub fn from_args(count: u32, duration: Option<f64>) -> anyhow::Result<Self> {
        match duration {
            Some(s) if s.is_finite() && s > 0.0 => Ok(Limit::For(Duration::from_secs_f64(s))),
            Some(_) => anyhow::bail!("--duration must be a positive number of seconds"),
            None if count == 0 => anyhow::bail!("the count must be at least 1"),
            None => Ok(Limit::Count(usize::try_from(count)?)),
        }
    }
}

/// What a timed run gave.
#[derive(Debug)]
pub struct Outcome<T> {
    /// What each successful job returned.
    pub ok: Vec<T>,
    /// Jobs that failed.
    pub errors: u64,
    /// A few error messages.
    pub samples: Vec<String>,
    /// Wall time from the first job's start to the last one's end.
    pub elapsed: Duration,
}

/// Runs `job(i)` for i = 0, 1, … with `concurrency` workers until `limit`.
pub async fn drive<T, F, Fut>(
    concurrency: usize,
    limit: Limit,
    job: F,
) -> anyhow::Result<Outcome<T>>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, String>> + Send + 'static,
{
    let job = Arc::new(job);
    let next = Arc::new(AtomicUsize::new(0));
    let workers = match limit {
        Limit::Count(n) => concurrency.clamp(1, n.max(1)),
        Limit::For(_) => concurrency.max(1),
    };
    let clock = Instant::now();
    let mut handles = Vec::with_capacity(workers);
    for _ in 0..workers {
        let (job, next) = (job.clone(), next.clone());
        handles.push(tokio::spawn(async move {
            let mut out = Outcome {
                ok: vec![],
                errors: 0,
                samples: vec![],
                elapsed: Duration::ZERO,
            };
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let done = match limit {
                    Limit::Count(n) => i >= n,
                    Limit::For(d) => clock.elapsed() >= d,
                };
                if done {
                    return out;
                }
                match job(i).await {
                    Ok(t) => out.ok.push(t),
                    Err(e) => {
                        out.errors += 1;
                        if out.samples.len() < 3 {
                            out.samples.push(e);
                        }
                    }
                }
            }
        }));
    }
    let mut all = Outcome {
        ok: vec![],
        errors: 0,
        samples: vec![],
        elapsed: Duration::ZERO,
    };
    for h in handles {
        let mut o = h.await.context("a load worker stopped")?;
        all.ok.append(&mut o.ok);
        all.errors += o.errors;
        all.samples.append(&mut o.samples);
    }
    all.elapsed = clock.elapsed();
    all.samples.sort();
    all.samples.dedup();
    Ok(all)
}

/// `count / elapsed`, rounded to three decimals (0 for no time).
pub fn rate(count: usize, elapsed: Duration) -> f64 {
    let secs = elapsed.as_secs_f64();
    if secs > 0.0 {
        (count as f64 / secs * 1000.0).round() / 1000.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn counts_jobs_and_errors() {
        let out = drive(3, Limit::Count(10), |i| async move {
            if i % 5 == 4 {
                Err(format!("job {i} failed"))
            } else {
                Ok(i)
            }
        })
        .await
        .unwrap();
        let mut ok = out.ok.clone();
        ok.sort_unstable();
        assert_eq!(ok, vec![0, 1, 2, 3, 5, 6, 7, 8]);
        assert_eq!(out.errors, 2);
        assert_eq!(out.samples, vec!["job 4 failed", "job 9 failed"]);
        let timed = drive(2, Limit::For(Duration::from_millis(30)), |_| async {
            tokio::time::sleep(Duration::from_millis(5)).await;
            Ok(())
        })
        .await
        .unwrap();
        assert!(!timed.ok.is_empty() && timed.elapsed >= Duration::from_millis(30));
        assert!(Limit::from_args(0, None).is_err());
        assert!(Limit::from_args(1, Some(-1.0)).is_err());
        assert_eq!(rate(10, Duration::from_secs(4)), 2.5);
    }
}
