//! Spawns the real application on port 0 over a fresh database.

use std::net::SocketAddr;
use std::sync::Arc;

use civis_domain::{DisplayName, PasswordHash, Role, Username};
use civis_store::{Change, NewUser, Store};
use civis_web::{AppState, WebConfig};
use reqwest::header::HeaderMap;
use serde_json::Value;
use tokio::sync::oneshot;

/// The password of every account the tests create.
pub const PASSWORD: &str = "correct horse battery";

/// A database the tests can use: a fresh SQLite file, or a fresh PostgreSQL database.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    /// For PostgreSQL: the server URL and the name of the database to drop afterwards.
    postgres: Option<(String, String)>,
}

impl Drop for TestDb {
    /// Drops a PostgreSQL test database (on its own thread: drop cannot be async).
    fn drop(&mut self) {
        let Some((base, name)) = self.postgres.take() else {
            return;
        };
        let dropper = std::thread::spawn(move || {
            use sqlx::Connection as _;
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&base).await {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::query(&sql).execute(&mut conn).await;
                }
            });
        });
        let _ = dropper.join();
    }
}

/// Fresh databases for one test: SQLite, plus PostgreSQL when `CIVIS_TEST_DATABASE_URL`
/// names a server.
pub async fn databases() -> Vec<TestDb> {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut dbs = vec![TestDb {
        url: format!("sqlite://{}", dir.path().join("civis.sqlite3").display()),
        _dir: Some(dir),
        postgres: None,
    }];
    match std::env::var("CIVIS_TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => {
            let (url, name) = fresh_postgres_database(&base).await;
            dbs.push(TestDb {
                url,
                _dir: None,
                postgres: Some((base, name)),
            });
        }
        _ => {}
    }
    dbs
}

/// Creates a new, empty database on the server of `base`; returns its URL and name.
pub async fn fresh_postgres_database(base: &str) -> (String, String) {
    use sqlx::Connection as _;
    let name = format!(
        "civis_web_test_{}",
        &civis_web::auth::token::random_token()[..16]
    );
    let mut conn = sqlx::PgConnection::connect(base)
        .await
        .expect("connect to CIVIS_TEST_DATABASE_URL");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    let (prefix, _) = base.rsplit_once('/').expect("database URL has a path");
    let query = base
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    (format!("{prefix}/{name}{query}"), name)
}

/// A running server.
pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Arc<dyn Store>,
    pub backend: &'static str,
    /// The server's clock: tests move it to take a process through its phases.
    pub clock: civis_web::state::Clock,
    /// Enrolment SMS the server sent.
    pub sms: civis_web::register::sms::MemorySmsSender,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

/// `config` with the relaxed credential policy (no role needs a passkey), which the
/// tests that sign officials and admins in with passwords run under; tests of the
/// policy itself start the app with [`TestApp::spawn_strict`].
pub fn relaxed(mut config: WebConfig) -> WebConfig {
    config.credentials = civis_web::auth::credential_policy::CredentialPolicy::relaxed();
    config
}

impl TestApp {
    /// Starts the app over `db` with `config` as given, credential policy included
    /// (the default one: officials and admins need a passkey), its public URL
    /// `http://localhost:<port>` (the WebAuthn relying party).
    pub async fn spawn_strict(db: &TestDb, config: WebConfig) -> Self {
        Self::spawn_policy(db, config, Some("localhost")).await
    }

    /// Starts the app over `db` with default settings (and the relaxed credential
    /// policy, [`relaxed`]).
    pub async fn spawn(db: &TestDb) -> Self {
        Self::spawn_with(db, WebConfig::default()).await
    }

    /// Starts the app over `db` with `config` (and the relaxed credential policy).
    pub async fn spawn_with(db: &TestDb, config: WebConfig) -> Self {
        Self::spawn_inner(db, config, false).await
    }

    /// Starts the app over `db` with `config`, its public URL (the OpenID
    /// Connect issuer) set to the address it listens on.
    pub async fn spawn_at_own_url(db: &TestDb, config: WebConfig) -> Self {
        Self::spawn_inner(db, config, true).await
    }

    /// Starts the app over `db` with `config`, its public URL (the OpenID
    /// Connect issuer and the WebAuthn relying party) `http://localhost:<port>`.
    pub async fn spawn_at_localhost(db: &TestDb, config: WebConfig) -> Self {
        Self::spawn_named(db, config, Some("localhost")).await
    }

    async fn spawn_inner(db: &TestDb, config: WebConfig, own_url: bool) -> Self {
        Self::spawn_named(db, config, own_url.then_some("127.0.0.1")).await
    }

    async fn spawn_named(db: &TestDb, config: WebConfig, host: Option<&str>) -> Self {
        Self::spawn_policy(db, relaxed(config), host).await
    }

    async fn spawn_policy(db: &TestDb, mut config: WebConfig, host: Option<&str>) -> Self {
        let store = civis_store_open::open(&db.url).await.expect("open store");
        let clock = civis_web::state::Clock::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        if let Some(host) = host {
            config.public_url = format!("http://{host}:{}", addr.port());
        }
        let state = AppState::with_clock(store.clone(), config, clock.clone());
        let sms = civis_web::register::sms::MemorySmsSender::default();
        state.set_sms_sender(Arc::new(sms.clone()));
        let (tx, rx) = oneshot::channel::<()>();
        let app = civis_web::build_app(state.clone());
        let task = tokio::spawn(civis_web::serve(listener, app, async move {
            let _ = rx.await;
        }));
        Self {
            addr,
            backend: store.backend(),
            clock,
            sms,
            store,
            shutdown: Some(tx),
            task: Some(task),
        }
    }

    /// Absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A client with its own cookie jar that does not follow redirects.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// Creates an account directly in the store (no audit actor).
    pub async fn create_user(&self, username: &str, role: Role) -> civis_domain::User {
        let hash =
            tokio::task::spawn_blocking(|| civis_web::auth::password::hash_blocking(PASSWORD))
                .await
                .unwrap()
                .unwrap();
        self.store
            .create_user(
                &NewUser {
                    username: Username::parse(username).unwrap(),
                    display_name: DisplayName::parse(username).unwrap(),
                    role,
                    password_hash: Some(PasswordHash::new(hash)),
                },
                Change::system(civis_web::auth::session::wall_clock_now()),
            )
            .await
            .unwrap()
    }

    /// Signs `client` in through the API; returns the session's CSRF token.
    pub async fn sign_in(&self, client: &reqwest::Client, username: &str) -> String {
        let res = client
            .post(self.url("/api/v1/auth/sign-in"))
            .json(&serde_json::json!({"username": username, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            200,
            "sign-in of {username} failed: {:?}",
            res.text().await
        );
        let body: Value = res.json().await.unwrap();
        body["csrf_token"].as_str().unwrap().to_owned()
    }

    /// Number of accounts and audit events stored (to prove rejected requests change nothing).
    pub async fn counts(&self) -> (u64, u64) {
        (
            self.store.count_users(Default::default()).await.unwrap(),
            self.store.count_audit(&Default::default()).await.unwrap(),
        )
    }

    /// Stops the server gracefully.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
        self.store.close().await;
    }
}

/// Asserts that a response is an RFC 9457 problem with `status`; returns its body.
pub async fn expect_problem(res: reqwest::Response, status: u16) -> Value {
    assert_eq!(res.status().as_u16(), status, "unexpected status");
    let ct = content_type(res.headers());
    assert_eq!(ct, "application/problem+json", "content type");
    let body: Value = res.json().await.expect("problem body is JSON");
    assert_eq!(body["status"], status);
    assert!(
        body["type"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    assert!(body["title"].as_str().is_some(), "{body}");
    assert!(body["detail"].as_str().is_some(), "{body}");
    body
}

/// The content type of a response, without parameters.
pub fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// The (METHOD, path template) pairs that `router` really serves, read from the router
/// itself (its `Debug` form lists every path and each route's `Allow` methods).
pub fn served_routes<S>(router: &axum::Router<S>) -> Vec<(String, String)> {
    let text = format!("{router:?}");
    // Only the main path router; the fallback router follows it.
    let main = text.split("fallback_router").next().unwrap_or_default();
    let mut methods_by_id = std::collections::HashMap::new();
    for chunk in main.split("RouteId(").skip(1) {
        let Some((id, rest)) = chunk.split_once(')') else {
            continue;
        };
        if let Some(allow) = rest.split("allow_header: Bytes(b\"").nth(1) {
            if rest.trim_start().starts_with(": MethodRouter") {
                let methods = allow.split('"').next().unwrap_or_default().to_owned();
                methods_by_id.insert(id.to_owned(), methods);
            }
        }
    }
    let paths = main
        .split("paths: {")
        .nth(1)
        .expect("router debug lists paths");
    let mut out = vec![];
    for entry in paths.split("RouteId(").skip(1) {
        let (id, rest) = entry.split_once(')').unwrap();
        let path = rest.split('"').nth(1).unwrap().to_owned();
        let methods = methods_by_id.get(id).cloned().unwrap_or_default();
        for m in methods.split(',').filter(|m| !m.is_empty() && *m != "HEAD") {
            out.push((m.to_owned(), path.clone()));
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no routes parsed from {text}");
    out
}
