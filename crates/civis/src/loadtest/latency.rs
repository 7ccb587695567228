//! Latency percentiles of one kind of request (or of a whole flow).

use serde::Serialize;

use super::report::percentile;

/// p50, p90, p99 and the slowest, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Latency {
    /// Median.
    pub p50_ms: f64,
    /// 90th percentile.
    pub p90_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Slowest.
    pub max_ms: f64,
}

impl Latency {
    /// The percentiles of latencies given in microseconds (sorted here).
    pub fn of(mut micros: Vec<u64>) -> Self {
        micros.sort_unstable();
        let ms = |us: u64| us as f64 / 1000.0;
        Latency {
            p50_ms: ms(percentile(&micros, 0.50)),
            p90_ms: ms(percentile(&micros, 0.90)),
            p99_ms: ms(percentile(&micros, 0.99)),
            max_ms: ms(micros.last().copied().unwrap_or(0)),
        }
    }

    /// `p50 … p90 … p99 … max …` for the text report.
    pub fn text(&self) -> String {
        format!(
            "p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2} ms",
            self.p50_ms, self.p90_ms, self.p99_ms, self.max_ms
        )
    }
}

/// Microseconds since `since`.
pub fn micros_since(since: std::time::Instant) -> u64 {
    u64::try_from(since.elapsed().as_micros()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_in_milliseconds() {
        let l = Latency::of((1..=100).rev().map(|i| i * 1500).collect());
        assert_eq!(l.p50_ms, 75.0);
        assert_eq!(l.p90_ms, 135.0);
        assert_eq!(l.p99_ms, 148.5);
        assert_eq!(l.max_ms, 150.0);
        assert_eq!(Latency::of(vec![]), Latency::default());
    }
}
