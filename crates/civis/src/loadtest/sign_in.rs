//! `civis loadtest sign-in`: password sign-ins per second through
//! `POST /api/v1/auth/sign-in`, set against raw Argon2id hashes per second at the cost
//! `civis serve` uses (the same function, `civis_web::auth::password::hash_blocking`),
//! measured on this machine in the same run, before and after the sign-ins, with one
//! hash at once per core: the machine's best raw rate (more threads than cores make
//! the hashes evict each other's memory from the caches and lower it), and as many
//! as the server computes at once. With `--slices N` the sign-ins run in N
//! slices with raw hashing before, between and after them, so that a machine whose
//! speed drifts during the run (other tenants of a shared host) weighs on both alike.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde::Serialize;

use super::drive::{self, Limit};
use super::identity;
use super::latency::{micros_since, Latency};
use super::voters::{self, VOTER_PASSWORD};
use crate::cli::SignInLoadArgs;
use civis_web::auth::password;

/// Raw hashing on this machine.
#[derive(Debug, Clone, Serialize)]
pub struct HashRate {
    /// The cost, as the PHC string names it.
    pub params: String,
    /// Hashes computed at once (one per core).
    pub concurrency: usize,
    /// Hashes per second before the (first) sign-ins.
    pub before_per_second: f64,
    /// Hashes per second after the (last) sign-ins.
    pub after_per_second: f64,
    /// Hashes per second over all the hashing: all hashes over its whole wall time.
    pub hashes_per_second: f64,
    /// Hashing slices (the sign-in slices plus one).
    pub slices: usize,
    /// On-CPU time of the hashing threads per hash, in milliseconds (the cost of one
    /// hash without the machine's other load).
    pub cpu_ms_per_hash: f64,
}

/// The figures of a run.
#[derive(Debug, Clone, Serialize)]
pub struct SignInReport {
    /// Servers the sign-ins were spread over.
    pub servers: usize,
    /// Residents who signed in.
    pub residents: usize,
    /// Sign-ins in flight at once.
    pub concurrency: usize,
    /// Sign-ins sent.
    pub sign_ins: u64,
    /// Sign-ins answered 200 with a session.
    pub ok: u64,
    /// Sign-ins that failed.
    pub errors: u64,
    /// Wall time of the sign-ins (of all their slices), in seconds.
    pub duration_s: f64,
    /// Successful sign-ins per second.
    pub sign_ins_per_second: f64,
    /// Latency of a sign-in.
    pub latency: Latency,
    /// Raw Argon2id hashing in the same run (absent with `--hash-seconds 0`).
    pub argon2: Option<HashRate>,
    /// `sign_ins_per_second / argon2.hashes_per_second`.
    pub ratio: Option<f64>,
    /// CPU time (user + system) of the server processes named by `--server-pid` during
    /// the sign-ins, per sign-in, in milliseconds.
    pub server_cpu_ms_per_sign_in: Option<f64>,
    /// `argon2.cpu_ms_per_hash / server_cpu_ms_per_sign_in`: the share of the server's
    /// work per sign-in that is the one Argon2id hash (1 means nothing else).
    pub cpu_ratio: Option<f64>,
}

impl SignInReport {
    /// The human-readable summary.
    pub fn text(&self) -> String {
        let mut s = format!(
            "{n} password sign-ins by {r} residents, concurrency {c}, {servers} server(s)\n  \
             signed in {ok}, errors {errors}, in {d:.2} s\n  \
             throughput {sps:.1} sign-ins/s\n  latency {lat}\n",
            n = self.sign_ins,
            r = self.residents,
            c = self.concurrency,
            servers = self.servers,
            ok = self.ok,
            errors = self.errors,
            d = self.duration_s,
            sps = self.sign_ins_per_second,
            lat = self.latency.text(),
        );
        if let (Some(h), Some(ratio)) = (&self.argon2, self.ratio) {
            s.push_str(&format!(
                "  raw Argon2id ({}), {} at once, {} slices: {:.1} hashes/s first, {:.1} last, all {:.1}\n  \
                 sign-ins / raw hashes: {:.1} %\n",
                h.params,
                h.concurrency,
                h.slices,
                h.before_per_second,
                h.after_per_second,
                h.hashes_per_second,
                ratio * 100.0
            ));
        }
        if let (Some(h), Some(cpu), Some(r)) =
            (&self.argon2, self.server_cpu_ms_per_sign_in, self.cpu_ratio)
        {
            s.push_str(&format!(
                "  CPU: {:.1} ms per raw hash, {cpu:.1} ms of the server per sign-in: {:.1} %\n",
                h.cpu_ms_per_hash,
                r * 100.0
            ));
        }
        s
    }
}

/// On-CPU nanoseconds of the calling thread so far (`/proc/thread-self/schedstat`).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// User + system CPU seconds of process `pid` so far, all its threads, including those
/// that have ended (`/proc/PID/stat`, in clock ticks of 1/100 s).
fn process_cpu_secs(pid: u32) -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("cannot read the CPU time of process {pid}"))?;
    let after_name = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .context("unexpected /proc/PID/stat")?;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| -> anyhow::Result<u64> {
        Ok(fields
            .get(i)
            .context("unexpected /proc/PID/stat")?
            .parse()?)
    };
    // Fields 14 and 15 (utime, stime); the list starts at field 3.
    Ok((ticks(11)? + ticks(12)?) as f64 / 100.0)
}

/// The CPU seconds of all the given server processes.
fn servers_cpu_secs(pids: &[u32]) -> anyhow::Result<f64> {
    pids.iter().map(|p| process_cpu_secs(*p)).sum()
}

/// Hashes per second with `concurrency` threads hashing for `seconds` (each thread
/// finishes the hash it is computing; the time runs until the last one ends), and the
/// hashes and the threads' on-CPU nanoseconds.
/// One stretch of raw hashing.
#[derive(Debug, Clone, Copy)]
pub struct Hashed {
    /// Hashes computed.
    pub hashes: u64,
    /// Its wall time.
    pub elapsed: Duration,
    /// On-CPU nanoseconds of the hashing threads.
    pub cpu_ns: u64,
}

impl Hashed {
    /// Hashes per second.
    pub fn rate(&self) -> f64 {
        usize::try_from(self.hashes).map_or(0.0, |n| drive::rate(n, self.elapsed))
    }
}

/// Hashes with `concurrency` threads for `seconds`.
pub async fn hash_rate(concurrency: usize, seconds: f64) -> anyhow::Result<Hashed> {
    tokio::task::spawn_blocking(move || {
        let done = Arc::new(AtomicU64::new(0));
        let failed = Arc::new(AtomicU64::new(0));
        let cpu_ns = Arc::new(AtomicU64::new(0));
        let until = Duration::from_secs_f64(seconds);
        let start = Instant::now();
        std::thread::scope(|scope| {
            for _ in 0..concurrency.max(1) {
                let (done, failed, cpu_ns) = (done.clone(), failed.clone(), cpu_ns.clone());
                scope.spawn(move || {
                    let cpu_start = thread_cpu_ns();
                    while start.elapsed() < until {
                        match password::hash_blocking(VOTER_PASSWORD) {
                            Ok(_) => done.fetch_add(1, Ordering::Relaxed),
                            Err(_) => failed.fetch_add(1, Ordering::Relaxed),
                        };
                    }
                    cpu_ns.fetch_add(thread_cpu_ns().saturating_sub(cpu_start), Ordering::Relaxed);
                });
            }
        });
        if failed.load(Ordering::Relaxed) > 0 {
            anyhow::bail!("Argon2id hashing failed");
        }
        Ok(Hashed {
            hashes: done.load(Ordering::Relaxed),
            elapsed: start.elapsed(),
            cpu_ns: cpu_ns.load(Ordering::Relaxed),
        })
    })
    .await?
}

/// `limit` split into `slices` parts (counts as evenly as they go, durations equally).
fn split_limit(limit: Limit, slices: usize) -> Vec<Limit> {
    match limit {
        Limit::Count(n) => {
            let slices = slices.clamp(1, n.max(1));
            (0..slices)
                .map(|k| Limit::Count(n / slices + usize::from(k < n % slices)))
                .collect()
        }
        Limit::For(d) => {
            let parts = u32::try_from(slices.max(1)).unwrap_or(u32::MAX);
            (0..parts).map(|_| Limit::For(d / parts)).collect()
        }
    }
}

/// Runs `civis loadtest sign-in`.
pub async fn command(args: SignInLoadArgs) -> anyhow::Result<()> {
    let limit = Limit::from_args(args.sign_ins, args.common.duration)?;
    if !(args.hash_seconds.is_finite() && args.hash_seconds >= 0.0) {
        anyhow::bail!("--hash-seconds must be 0 or more");
    }
    let prepared = identity::prepare(&args.common).await?;
    let concurrency = prepared.concurrency;
    let hash_threads = password::max_concurrent_hashes();
    let params = format!(
        "m={},t={},p={}",
        password::MEMORY_KIB,
        password::ITERATIONS,
        password::PARALLELISM
    );
    let hashing = args.hash_seconds > 0.0;
    if args.slices == 0 {
        anyhow::bail!("--slices must be at least 1");
    }
    let slices = split_limit(limit, usize::try_from(args.slices)?);
    // As much hashing in all as before and after one slice of sign-ins.
    let hash_slice = 2.0 * args.hash_seconds / (slices.len() + 1) as f64;
    let mut hashed: Vec<Hashed> = Vec::new();
    let hash = |label: &str| {
        if hashing {
            eprintln!("civis loadtest: raw Argon2id ({params}), {hash_threads} at once, {hash_slice:.1} s{label}…");
        }
        async move {
            if hashing {
                hash_rate(hash_threads, hash_slice).await.map(Some)
            } else {
                Ok(None)
            }
        }
    };
    hashed.extend(hash("").await?);
    let residents = prepared.sessions.len();
    let names: Arc<Vec<String>> = Arc::new(
        (0..residents)
            .map(|i| voters::username(&args.common.resident_prefix, i))
            .collect(),
    );
    let urls = Arc::new(prepared.urls.clone());
    let (mut oks, mut errors, mut samples) = (Vec::new(), 0u64, Vec::new());
    let (mut elapsed, mut server_cpu, mut sent_before) = (Duration::ZERO, 0.0, 0usize);
    for (k, slice) in slices.iter().enumerate() {
        eprintln!(
            "civis loadtest: signing in ({} of {})…",
            k + 1,
            slices.len()
        );
        let cpu_before = servers_cpu_secs(&args.server_pids)?;
        let (http, names, urls) = (prepared.client.clone(), names.clone(), urls.clone());
        let out = drive::drive(concurrency, *slice, move |i| {
            let (http, names, urls) = (http.clone(), names.clone(), urls.clone());
            async move {
                let r = (sent_before + i) % names.len();
                let sent = Instant::now();
                match super::api::sign_in(&http, &urls[r % urls.len()], &names[r], VOTER_PASSWORD)
                    .await
                {
                    Ok(Some(_session)) => Ok(micros_since(sent)),
                    Ok(None) => Err(format!("{} was refused", names[r])),
                    Err(e) => Err(format!("{e:#}")),
                }
            }
        })
        .await?;
        server_cpu += servers_cpu_secs(&args.server_pids)? - cpu_before;
        sent_before += out.ok.len() + usize::try_from(out.errors)?;
        elapsed += out.elapsed;
        errors += out.errors;
        oks.extend(out.ok);
        samples.extend(out.samples);
        hashed.extend(hash(" again").await?);
    }
    let ok = oks.len();
    let sign_ins_per_second = drive::rate(ok, elapsed);
    let round3 = |x: f64| (x * 1000.0).round() / 1000.0;
    let hashes: u64 = hashed.iter().map(|h| h.hashes).sum();
    let hash_time: Duration = hashed.iter().map(|h| h.elapsed).sum();
    let hash_cpu_ns: u64 = hashed.iter().map(|h| h.cpu_ns).sum();
    let argon2 = match (hashed.first(), hashed.last()) {
        (Some(first), Some(last)) if hashes > 0 => Some(HashRate {
            params,
            concurrency: hash_threads,
            before_per_second: round3(first.rate()),
            after_per_second: round3(last.rate()),
            hashes_per_second: round3(drive::rate(usize::try_from(hashes)?, hash_time)),
            slices: hashed.len(),
            cpu_ms_per_hash: round3(hash_cpu_ns as f64 / 1e6 / hashes as f64),
        }),
        _ => None,
    };
    let ratio = argon2
        .as_ref()
        .filter(|h| h.hashes_per_second > 0.0)
        .map(|h| (sign_ins_per_second / h.hashes_per_second * 10_000.0).round() / 10_000.0);
    let server_cpu_ms_per_sign_in =
        (!args.server_pids.is_empty() && ok > 0).then(|| round3(server_cpu * 1000.0 / ok as f64));
    let cpu_ratio = match (&argon2, server_cpu_ms_per_sign_in) {
        (Some(h), Some(cpu)) if cpu > 0.0 => {
            Some((h.cpu_ms_per_hash / cpu * 10_000.0).round() / 10_000.0)
        }
        _ => None,
    };
    let report = SignInReport {
        servers: prepared.urls.len(),
        residents,
        concurrency,
        sign_ins: ok as u64 + errors,
        ok: ok as u64,
        errors,
        duration_s: (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
        sign_ins_per_second,
        latency: Latency::of(oks),
        argon2,
        ratio,
        server_cpu_ms_per_sign_in,
        cpu_ratio,
    };
    if args.common.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.text());
    }
    identity::fail_on_errors(errors, &samples)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_split_into_even_slices() {
        let counts = |limit| {
            split_limit(limit, 3)
                .into_iter()
                .map(|l| match l {
                    Limit::Count(n) => n,
                    Limit::For(_) => usize::MAX,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(counts(Limit::Count(10)), [4, 3, 3]);
        assert_eq!(counts(Limit::Count(2)), [1, 1]);
        let parts = split_limit(Limit::For(Duration::from_secs(9)), 3);
        assert!(parts
            .iter()
            .all(|l| matches!(l, Limit::For(d) if *d == Duration::from_secs(3))));
    }
}
