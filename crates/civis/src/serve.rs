//! `civis serve` and `civis migrate`.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use civis_store::Store;
use civis_web::{AppState, WebConfig};

use crate::cli::{DatabaseArgs, ServeArgs, ServerOptions};
use crate::config::{self, Layer, LogFormat, Settings};

/// Resolves settings from defaults, config file, environment and flags.
pub fn settings(
    defaults: Layer,
    opts: &ServerOptions,
    log_format: Option<LogFormat>,
    trust_forwarded_for: bool,
) -> anyhow::Result<Settings> {
    let env = Layer::from_env(|k| std::env::var(k).ok())?;
    let explicit = opts
        .config
        .clone()
        .or_else(|| std::env::var_os("CIVIS_CONFIG").map(Into::into));
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let file = match config::config_file(explicit, &cwd) {
        Some(path) => Layer::from_file(&path)?,
        None => Layer::default(),
    };
    let flags = Layer {
        listen: opts.listen.clone(),
        database_url: opts.database_url.clone(),
        public_url: opts.public_url.clone(),
        log_format,
        trust_forwarded_for: trust_forwarded_for.then_some(true),
        oidc: None,
        audit_log: None,
        auth: None,
        recovery_code_ttl_hours: None,
    };
    config::resolve(defaults, file, env, flags)
}

/// Opens the database and brings its schema up to date.
pub async fn open_store(database_url: &str) -> anyhow::Result<Arc<dyn Store>> {
    let redacted = config::redact_url(database_url);
    let store = civis_store_open::open(database_url)
        .await
        .with_context(|| format!("cannot open database {redacted}"))?;
    Ok(store)
}

/// The web server settings derived from the resolved settings.
pub fn web_config(settings: &Settings) -> WebConfig {
    WebConfig {
        public_url: settings.public_url.clone(),
        trust_forwarded_for: settings.trust_forwarded_for,
        oidc: civis_web::oidc::OidcConfig {
            key_rotation_days: settings.oidc_key_rotation_days,
            ..civis_web::oidc::OidcConfig::default()
        },
        audit_log: civis_web::tlog::LogConfig {
            signing_key: settings.audit_log_signing_key.clone(),
        },
        credentials: civis_web::auth::credential_policy::CredentialPolicy {
            passkey_required_for: settings.passkey_required_for.clone(),
            reauth_max_age_secs: settings.reauth_minutes.saturating_mul(60),
        },
        recovery_code_ttl_secs: settings.recovery_code_ttl_hours * 3600,
        ..WebConfig::default()
    }
}

/// `settings` once listening on `local`: a public URL derived from a listen address
/// with port 0 (any free port) names the port bound instead.
fn bound(settings: &Settings, local: SocketAddr) -> Settings {
    let mut bound = settings.clone();
    if settings.listen.port() == 0 && settings.public_url == format!("http://{}", settings.listen) {
        bound.public_url = format!("http://{local}");
    }
    bound
}

/// Serves until Ctrl-C or SIGTERM, then drains requests and closes the database.
/// `on_ready` is called with the bound address once the server accepts connections.
pub async fn serve_until_signal(
    settings: &Settings,
    store: Arc<dyn Store>,
    on_ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    let shutdown = civis_web::shutdown_signal();
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("cannot listen on {}", settings.listen))?;
    let local = listener.local_addr()?;
    let settings = &bound(settings, local);
    on_ready(local);
    tracing::info!(
        listen = %local,
        public_url = %settings.public_url,
        database = %config::redact_url(&settings.database_url),
        backend = store.backend(),
        "civis is serving"
    );
    let state = AppState::new(store.clone(), web_config(settings));
    let housekeeping = tokio::spawn(civis_web::auth::session::housekeeping(state.clone()));
    let served = civis_web::serve(listener, civis_web::build_app(state), shutdown).await;
    housekeeping.abort();
    served?;
    store.close().await;
    tracing::info!("civis stopped");
    Ok(())
}

/// `civis serve`.
pub async fn run(args: ServeArgs, log_format: Option<LogFormat>) -> anyhow::Result<()> {
    let settings = settings(
        Layer::default(),
        &args.server,
        log_format,
        args.trust_forwarded_for,
    )?;
    crate::logging::init(settings.log_format);
    let store = open_store(&settings.database_url).await?;
    serve_until_signal(&settings, store, |_| {}).await
}

/// `civis migrate`.
pub async fn migrate(args: DatabaseArgs) -> anyhow::Result<()> {
    let settings = settings(Layer::default(), &args.server, None, false)?;
    let store = open_store(&settings.database_url).await?;
    store.close().await;
    println!(
        "database {} is up to date",
        config::redact_url(&settings.database_url)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_url_derived_from_port_0_names_the_port_bound() {
        let flags = config::Layer {
            listen: Some("127.0.0.1:0".to_owned()),
            ..config::Layer::default()
        };
        let mut settings = config::resolve(
            config::Layer::default(),
            config::Layer::default(),
            config::Layer::default(),
            flags,
        )
        .unwrap();
        assert_eq!(settings.public_url, "http://127.0.0.1:0");
        let local: SocketAddr = "127.0.0.1:41234".parse().unwrap();
        assert_eq!(bound(&settings, local).public_url, "http://127.0.0.1:41234");
        settings.public_url = "https://civis.example".to_owned();
        assert_eq!(bound(&settings, local).public_url, "https://civis.example");
        settings.listen = "127.0.0.1:8080".parse().unwrap();
        settings.public_url = "http://127.0.0.1:8080".to_owned();
        assert_eq!(bound(&settings, local).public_url, "http://127.0.0.1:8080");
    }
}
