//! The server under simulation: the real civis web application, started in this process
//! on 127.0.0.1 port 0 over a fresh database, with a clock the simulation moves.

use std::sync::Arc;

use anyhow::Context as _;
use civis_store::Store;
use civis_web::state::Clock;
use civis_web::{AppState, WebConfig};
use tokio::sync::oneshot;

/// A running in-process server.
pub struct SimServer {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The server's clock (moved from phase to phase).
    pub clock: Clock,
    /// Its database.
    pub store: Arc<dyn Store>,
    /// The database, as text safe to print.
    pub database: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _dir: Option<tempfile::TempDir>,
}

impl SimServer {
    /// Opens the database (a fresh SQLite file in a temporary directory unless `url` is
    /// given), brings its schema up to date and starts serving.
    pub async fn start(url: Option<&str>) -> anyhow::Result<Self> {
        let (url, dir) = match url {
            Some(u) => (u.to_owned(), None),
            None => {
                let dir = tempfile::Builder::new()
                    .prefix("civis-simulate-")
                    .tempdir()
                    .context("cannot create a temporary directory")?;
                let path = dir.path().join("civis.db");
                (format!("sqlite://{}", path.display()), Some(dir))
            }
        };
        let store = crate::serve::open_store(&url).await?;
        let clock = Clock::default();
        // The simulated official signs in with a password: no role needs a passkey here.
        let config = WebConfig {
            public_url: "http://127.0.0.1".to_owned(),
            credentials: civis_web::auth::credential_policy::CredentialPolicy::relaxed(),
            ..WebConfig::default()
        };
        let state = AppState::with_clock(store.clone(), config, clock.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .context("cannot listen on 127.0.0.1")?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let app = civis_web::build_app(state);
        let task = tokio::spawn(civis_web::serve(listener, app, async move {
            let _ = stopped.await;
        }));
        Ok(Self {
            base: format!("http://{addr}"),
            clock,
            store,
            database: crate::config::redact_url(&url),
            stop: Some(stop),
            task: Some(task),
            _dir: dir,
        })
    }

    /// Stops serving, waits for the requests in flight and closes the database.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.context("the server task stopped")??;
        }
        self.store.close().await;
        Ok(())
    }
}
