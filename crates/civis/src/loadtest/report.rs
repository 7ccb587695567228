//! Throughput and latency percentiles of a load run, as text or one JSON object.

use std::time::Duration;

use serde::Serialize;

/// The figures of one run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The process voted in.
    pub process: i64,
    /// Residents who voted.
    pub voters: usize,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Servers the load was spread over.
    pub servers: usize,
    /// Ballots sent.
    pub total: u64,
    /// Ballots acknowledged (200).
    pub ok: u64,
    /// Ballots not acknowledged (other status or transport error).
    pub errors: u64,
    /// Wall time of the timed part, in seconds.
    pub duration_s: f64,
    /// Acknowledged ballots per second.
    pub ballots_per_second: f64,
    /// Median latency of acknowledged ballots.
    pub p50_ms: f64,
    /// 90th percentile.
    pub p90_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// 99.9th percentile.
    pub p999_ms: f64,
    /// Slowest.
    pub max_ms: f64,
    /// With several runs: each run's figures (the fields above are then medians,
    /// except `total`, `ok`, `errors` and `duration_s`, which are sums).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<Report>,
}

/// Builds the report from the acknowledged ballots' latencies (in microseconds).
pub fn build(
    mut latencies_us: Vec<u64>,
    errors: u64,
    elapsed: Duration,
    process: i64,
    voters: usize,
    concurrency: usize,
    servers: usize,
) -> Report {
    latencies_us.sort_unstable();
    let ok = latencies_us.len() as u64;
    let secs = elapsed.as_secs_f64();
    let pct = |p: f64| percentile(&latencies_us, p) as f64 / 1000.0;
    Report {
        process,
        voters,
        concurrency,
        servers,
        total: ok + errors,
        ok,
        errors,
        duration_s: round3(secs),
        ballots_per_second: if secs > 0.0 {
            round3(ok as f64 / secs)
        } else {
            0.0
        },
        p50_ms: round3(pct(0.50)),
        p90_ms: round3(pct(0.90)),
        p99_ms: round3(pct(0.99)),
        p999_ms: round3(pct(0.999)),
        max_ms: round3(latencies_us.last().copied().unwrap_or(0) as f64 / 1000.0),
        runs: vec![],
    }
}

/// One report for several runs: medians of the rates and latencies, sums of the
/// counts, and every run kept in `runs`. A single run is returned as it is.
pub fn median(mut reports: Vec<Report>) -> Report {
    if reports.len() == 1 {
        if let Some(r) = reports.pop() {
            return r;
        }
    }
    let med = |f: fn(&Report) -> f64| {
        let mut v: Vec<f64> = reports.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => 0.0,
            n if n % 2 == 1 => v[n / 2],
            n => round3((v[n / 2 - 1] + v[n / 2]) / 2.0),
        }
    };
    let first = reports.first();
    Report {
        process: first.map_or(0, |r| r.process),
        voters: first.map_or(0, |r| r.voters),
        concurrency: first.map_or(0, |r| r.concurrency),
        servers: first.map_or(0, |r| r.servers),
        total: reports.iter().map(|r| r.total).sum(),
        ok: reports.iter().map(|r| r.ok).sum(),
        errors: reports.iter().map(|r| r.errors).sum(),
        duration_s: round3(reports.iter().map(|r| r.duration_s).sum()),
        ballots_per_second: med(|r| r.ballots_per_second),
        p50_ms: med(|r| r.p50_ms),
        p90_ms: med(|r| r.p90_ms),
        p99_ms: med(|r| r.p99_ms),
        p999_ms: med(|r| r.p999_ms),
        max_ms: med(|r| r.max_ms),
        runs: reports,
    }
}

/// Prints a few distinct error samples to stderr, then the [`median`] of the runs'
/// reports to stdout, as one JSON object or as text.
pub fn print_median(
    reports: Vec<Report>,
    mut samples: Vec<String>,
    json: bool,
) -> anyhow::Result<()> {
    let report = median(reports);
    samples.sort();
    samples.dedup();
    for s in samples.iter().take(5) {
        eprintln!("civis loadtest: error: {s}");
    }
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.text());
    }
    Ok(())
}

/// Nearest-rank percentile of sorted values (0 when empty).
pub fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl Report {
    /// The human-readable summary.
    pub fn text(&self) -> String {
        format!(
            "{total} ballots by {voters} voters in process {process}, concurrency {c}, {servers} server(s)\n  \
             acknowledged {ok}, errors {errors}, in {d:.2} s\n  \
             throughput {bps:.1} ballots/s\n  \
             latency ms: p50 {p50:.2}  p90 {p90:.2}  p99 {p99:.2}  p99.9 {p999:.2}  max {max:.2}\n",
            total = self.total,
            voters = self.voters,
            process = self.process,
            c = self.concurrency,
            servers = self.servers,
            ok = self.ok,
            errors = self.errors,
            d = self.duration_s,
            bps = self.ballots_per_second,
            p50 = self.p50_ms,
            p90 = self.p90_ms,
            p99 = self.p99_ms,
            p999 = self.p999_ms,
            max = self.max_ms,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank_and_throughput_counts_acknowledged_ballots() {
        let v: Vec<u64> = (1..=1000).map(|i| i * 1000).collect();
        assert_eq!(percentile(&[], 0.5), 0);
        assert_eq!(percentile(&[5], 0.99), 5);
        let r = build(v, 10, Duration::from_secs(2), 1, 100, 8, 1);
        assert_eq!(r.p50_ms, 500.0);
        assert_eq!(r.p99_ms, 990.0);
        assert_eq!(r.p999_ms, 999.0);
        assert_eq!(r.max_ms, 1000.0);
        assert_eq!(r.total, 1010);
        assert_eq!(r.ballots_per_second, 500.0);
        let json = serde_json::to_value(&r).unwrap();
        assert!(json.get("runs").is_none());
        let mut slow = r.clone();
        slow.ballots_per_second = 100.0;
        slow.p99_ms = 2000.0;
        let mut fast = r.clone();
        fast.ballots_per_second = 900.0;
        let m = median(vec![slow, r.clone(), fast]);
        assert_eq!(m.ballots_per_second, 500.0);
        assert_eq!(m.p99_ms, 990.0);
        assert_eq!(m.total, 3030);
        assert_eq!(m.runs.len(), 3);
        for k in ["ballots_per_second", "p50_ms", "p99_ms", "errors"] {
            assert!(json.get(k).is_some(), "{k}");
        }
    }
}
