//! Shared application state handed to every handler.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use civis_domain::Timestamp;
use civis_store::Store;
use tokio::sync::OnceCell;

use crate::error::AppError;
use crate::ops::Metrics;

/// Settings of the web server that handlers need at run time.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The URL at which users reach this server, e.g. `https://civis.example.org`.
    /// Cookies are marked `Secure` when it is `https`.
    pub public_url: String,
    /// Trust the first address of `X-Forwarded-For` as the client IP (behind a reverse proxy).
    pub trust_forwarded_for: bool,
    /// Failed sign-ins allowed per username within [`WebConfig::login_window_secs`].
    pub login_max_failures_per_username: u32,
    /// Failed sign-ins allowed per client IP within [`WebConfig::login_window_secs`].
    pub login_max_failures_per_ip: u32,
    /// Length of the sign-in rate-limiting window in seconds.
    pub login_window_secs: i64,
    /// How long a session lives after sign-in, in seconds.
    pub session_ttl_secs: i64,
    /// How long a recovery code issued by an official works, in seconds.
    pub recovery_code_ttl_secs: i64,
    /// The OpenID Connect provider's settings.
    pub oidc: crate::oidc::OidcConfig,
    /// The transparency logs' settings.
    pub audit_log: crate::tlog::LogConfig,
    /// Which roles need a passkey, and how recent an authentication must be to remove a
    /// credential (`[auth]` in `civis.toml`).
    pub credentials: crate::auth::credential_policy::CredentialPolicy,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080".to_owned(),
            trust_forwarded_for: false,
            login_max_failures_per_username: 5,
            login_max_failures_per_ip: 20,
            login_window_secs: 15 * 60,
            session_ttl_secs: 7 * 24 * 60 * 60,
            recovery_code_ttl_secs: civis_identity::recovery::DEFAULT_TTL_SECS,
            oidc: crate::oidc::OidcConfig::default(),
            audit_log: crate::tlog::LogConfig::default(),
            credentials: crate::auth::credential_policy::CredentialPolicy::default(),
        }
    }
}

impl WebConfig {
    /// Whether cookies must carry the `Secure` attribute.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// Where [`AppState::now`] reads the time: the wall clock, shifted by an offset that only
/// tests change (to move a process through its phases).
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_millis: Arc<AtomicI64>,
}

impl Clock {
    /// The wall clock plus the current offset.
    pub fn now(&self) -> Timestamp {
        crate::auth::session::wall_clock_now()
            .plus_millis(self.offset_millis.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every state sharing it) forward by `seconds` (backward when
    /// negative).
    pub fn advance_seconds(&self, seconds: i64) {
        self.offset_millis
            .fetch_add(seconds.saturating_mul(1000), Ordering::Relaxed);
    }

    /// Sets this clock so that it now reads `at`, then runs on from there.
    pub fn set(&self, at: Timestamp) {
        let wall = crate::auth::session::wall_clock_now();
        self.offset_millis.store(
            at.as_millis().saturating_sub(wall.as_millis()),
            Ordering::Relaxed,
        );
    }
}

/// The state shared by all handlers: cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    config: WebConfig,
    metrics: Metrics,
    dummy_hash: OnceCell<String>,
    clock: Clock,
    ballot_contexts: crate::budget::BallotContextCache,
    oidc: crate::oidc::OidcState,
    log: crate::tlog::LogState,
    ballots: crate::ballot::BallotState,
    sms: std::sync::RwLock<Arc<dyn crate::register::sms::SmsSender>>,
}

impl AppState {
    /// Builds the state from its parts.
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> Self {
        Self::with_clock(store, config, Clock::default())
    }

    /// Builds the state with a given clock (tests keep a handle on it to move time).
    pub fn with_clock(store: Arc<dyn Store>, config: WebConfig, clock: Clock) -> Self {
        Self {
            inner: Arc::new(Inner {
                store,
                config,
                metrics: Metrics::default(),
                dummy_hash: OnceCell::new(),
                clock,
                ballot_contexts: crate::budget::BallotContextCache::default(),
                oidc: crate::oidc::OidcState::default(),
                log: crate::tlog::LogState::default(),
                ballots: crate::ballot::BallotState::default(),
                sms: std::sync::RwLock::new(Arc::new(crate::register::sms::LogSmsSender)),
            }),
        }
    }

    /// The database.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.inner.store
    }

    /// The current time (the wall clock, see [`Clock`]; the domain and the store take it
    /// as a parameter).
    pub fn now(&self) -> Timestamp {
        self.inner.clock.now()
    }

    /// The clock behind [`AppState::now`].
    pub fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    /// The cache of what a ballot is checked against, per process (see
    /// [`crate::budget::BallotContextCache`]).
    pub fn ballot_contexts(&self) -> &crate::budget::BallotContextCache {
        &self.inner.ballot_contexts
    }

    /// An Argon2id hash of a random password, verified against when a sign-in names an
    /// unknown user, so that unknown users and wrong passwords take similar time.
    pub async fn dummy_password_hash(&self) -> Result<&str, AppError> {
        let hash = self
            .inner
            .dummy_hash
            .get_or_try_init(|| crate::auth::password::hash(crate::auth::token::random_token()))
            .await?;
        Ok(hash.as_str())
    }

    /// What the OpenID Connect provider caches (see [`crate::oidc::OidcState`]).
    pub fn oidc(&self) -> &crate::oidc::OidcState {
        &self.inner.oidc
    }

    /// What the transparency logs cache (see [`crate::tlog::LogState`]).
    pub fn log(&self) -> &crate::tlog::LogState {
        &self.inner.log
    }

    /// What secret ballots cache (see [`crate::ballot::BallotState`]).
    pub fn ballots(&self) -> &crate::ballot::BallotState {
        &self.inner.ballots
    }

    /// Where enrolment SMS go (the log sender unless another was set).
    pub fn sms(&self) -> Arc<dyn crate::register::sms::SmsSender> {
        match self.inner.sms.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Plugs in an SMS sender (a gateway, or a test's outbox).
    pub fn set_sms_sender(&self, sender: Arc<dyn crate::register::sms::SmsSender>) {
        match self.inner.sms.write() {
            Ok(mut s) => *s = sender,
            Err(poisoned) => *poisoned.into_inner() = sender,
        }
    }

    /// The server settings.
    pub fn config(&self) -> &WebConfig {
        &self.inner.config
    }

    /// The request metrics.
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }
}

/// Checks that the database answers; `Unavailable` when it does not.
pub async fn ping_store(state: &AppState) -> Result<(), AppError> {
    state
        .store()
        .ping()
        .await
        .map_err(|e| AppError::Unavailable(e.log_detail()))
}

/// Appends the database pool gauges to the Prometheus text.
pub fn render_store_metrics(state: &AppState, out: &mut String) {
    use std::fmt::Write as _;
    let stats = state.store().pool_stats();
    let backend = state.store().backend();
    for (name, help, value) in [
        (
            "civis_db_pool_connections",
            "Open database connections (idle or in use).",
            stats.size,
        ),
        (
            "civis_db_pool_idle_connections",
            "Open database connections not in use.",
            stats.idle,
        ),
        (
            "civis_db_pool_max_connections",
            "Configured maximum of database connections.",
            stats.max,
        ),
    ] {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} gauge");
        let _ = writeln!(out, "{name}{{backend=\"{backend}\"}} {value}");
    }
}
