//! Sending SMS: a pluggable [`SmsSender`]. civis ships [`LogSmsSender`], which
//! sends nothing and writes to the log, and [`MemorySmsSender`] for tests; a
//! city plugs in its SMS gateway by implementing the trait.
//!
//! What the log sender writes: at `info`, that a message went to a masked
//! number (never its text); at `debug`, under the target
//! `civis_web::register::sms`, the whole text with the code. `civis serve` logs
//! at `info`, so codes never reach its log; `civis demo` turns that one target
//! on at `debug` so that whoever runs the demo can read the codes.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;

/// A message could not be sent.
#[derive(Debug, thiserror::Error)]
#[error("the SMS could not be sent: {0}")]
pub struct SmsError(pub String);

/// Sends text messages.
#[async_trait]
pub trait SmsSender: Send + Sync {
    /// Sends `text` to `to` (`+` and digits).
    async fn send(&self, to: &str, text: &str) -> Result<(), SmsError>;
}

/// Writes messages to the log instead of sending them (see the module docs).
#[derive(Debug, Default, Clone, Copy)]
pub struct LogSmsSender;

#[async_trait]
impl SmsSender for LogSmsSender {
    async fn send(&self, to: &str, text: &str) -> Result<(), SmsError> {
        tracing::info!(to = %civis_identity::codes::mask_phone(to), "SMS handed to the log sender");
        tracing::debug!(target: "civis_web::register::sms", to = %to, text = %text, "SMS");
        Ok(())
    }
}

/// Keeps every message in memory (tests read them back).
#[derive(Debug, Default, Clone)]
pub struct MemorySmsSender {
    sent: Arc<Mutex<Vec<(String, String)>>>,
}

impl MemorySmsSender {
    /// The messages sent so far: (number, text).
    pub fn sent(&self) -> Vec<(String, String)> {
        self.sent.lock().map(|v| v.clone()).unwrap_or_default()
    }
}

#[async_trait]
impl SmsSender for MemorySmsSender {
    async fn send(&self, to: &str, text: &str) -> Result<(), SmsError> {
        self.sent
            .lock()
            .map_err(|_| SmsError("the outbox is poisoned".into()))?
            .push((to.to_owned(), text.to_owned()));
        Ok(())
    }
}
