//! Structured logging with `tracing`: human-readable by default, JSON lines on request.
//! The level comes from `RUST_LOG` (default `info`).

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Installs the global subscriber (once; later calls do nothing).
pub fn init(format: LogFormat) {
    init_with(format, "info,tower_http=info,sqlx=warn");
}

/// [`init`] for `civis demo`: the log SMS sender's messages (with their codes,
/// at `debug` under `civis_web::register::sms`) are shown too, so that the
/// person trying the demo can read them. `civis serve` never shows them.
pub fn init_demo(format: LogFormat) {
    init_with(
        format,
        "info,tower_http=info,sqlx=warn,civis_web::register::sms=debug",
    );
}

fn init_with(format: LogFormat, default: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
