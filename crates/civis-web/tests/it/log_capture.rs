//! Everything the test process logs through `tracing` (and the `log` crate), at
//! every level, in the human format `civis serve` writes, with the fields of every
//! span as it opens and closes: one global subscriber for the whole test binary,
//! installed by the first test that asks for it. Tests that look for secrets in
//! the logs read the buffer after their server stopped (lines of other tests
//! running at the same time are in it too, and hold none of their secrets).

use std::sync::{Arc, Mutex, OnceLock};

use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// The captured log text so far (installs the subscriber on the first call).
pub fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&buf);
        let layer = tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_span_events(FmtSpan::NEW | FmtSpan::CLOSE)
            .with_writer(move || Capture(Arc::clone(&sink)));
        tracing_subscriber::registry()
            .with(layer)
            .with(tracing_subscriber::filter::LevelFilter::TRACE)
            .try_init()
            .expect("no other global subscriber or logger");
        buf
    })
    .clone()
}

/// The bytes logged from `from` (an earlier length of the buffer) on.
pub fn since(from: usize) -> Vec<u8> {
    captured_logs().lock().unwrap()[from..].to_vec()
}

/// The buffer's length now (where a test's own lines start).
pub fn mark() -> usize {
    captured_logs().lock().unwrap().len()
}

struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
