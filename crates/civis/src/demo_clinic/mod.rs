//! The demo clinic: a small client service that `civis demo` runs on a second
//! port, registered with the demo city as the OpenID Connect client
//! `demo-clinic`, so a newcomer sees "Sign in with civis" work from another
//! origin. It is an ordinary relying party: it talks to the civis server only
//! over HTTP (discovery, token endpoint, JWKS, userinfo), runs the code flow
//! with PKCE and checks the ID token's signature ([`rp`]).

pub mod page;
pub mod rp;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use civis_domain::Timestamp;
use civis_oidc::client::ClientDraft;
use civis_oidc::{Client, ClientId};
use civis_store::{Change, Store, StoreError};

use crate::config::Settings;
use rp::RelyingParty;

/// The clinic's client id.
pub const CLIENT_ID: &str = "demo-clinic";
/// The clinic's name, as residents see it on the consent page.
pub const NAME: &str = "Demo clinic";

/// The clinic's policy: nothing but its own inline style; no framing.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A clinic listening and registered, not yet serving.
pub struct Clinic {
    listener: tokio::net::TcpListener,
    rp: Arc<RelyingParty>,
    /// Where residents reach it.
    pub url: String,
}

/// Binds the clinic next to the server (the next port, or any free one) and
/// registers it with `store` under a fresh secret, its redirect URI on the
/// address it got.
pub async fn prepare(
    store: &Arc<dyn Store>,
    settings: &Settings,
    now: Timestamp,
) -> anyhow::Result<Clinic> {
    let public = url::Url::parse(&settings.public_url).context("the public URL")?;
    let host = public
        .host_str()
        .context("the public URL names no host")?
        .to_owned();
    let next = settings
        .listen
        .port()
        .checked_add(1)
        .filter(|_| settings.listen.port() != 0);
    let listener = match next {
        Some(port) => {
            match tokio::net::TcpListener::bind(SocketAddr::new(settings.listen.ip(), port)).await {
                Ok(l) => l,
                Err(_) => {
                    tokio::net::TcpListener::bind(SocketAddr::new(settings.listen.ip(), 0)).await?
                }
            }
        }
        None => tokio::net::TcpListener::bind(SocketAddr::new(settings.listen.ip(), 0)).await?,
    };
    let url = format!("http://{host}:{}", listener.local_addr()?.port());
    let redirect_uri = format!("{url}/callback");
    let secret = civis_web::auth::token::random_token();
    register(store, &redirect_uri, &secret, now).await?;
    let issuer = settings.public_url.trim_end_matches('/').to_owned();
    let rp = RelyingParty::new(issuer, CLIENT_ID.to_owned(), secret, redirect_uri);
    Ok(Clinic {
        listener,
        rp: Arc::new(rp),
        url,
    })
}

/// Registers the clinic, or brings its registration up to date, with `secret`.
async fn register(
    store: &Arc<dyn Store>,
    redirect_uri: &str,
    secret: &str,
    now: Timestamp,
) -> anyhow::Result<()> {
    let draft = ClientDraft {
        name: NAME.to_owned(),
        redirect_uris: redirect_uri.to_owned(),
        scopes: vec!["profile".to_owned(), "address".to_owned()],
        min_level: "low".to_owned(),
        subject_type: "pairwise".to_owned(),
        kind: "confidential".to_owned(),
        sector_identifier: String::new(),
        id_token_alg: "RS256".to_owned(),
    };
    let settings = draft.validate().map_err(|problems| {
        let words: Vec<&str> = problems.iter().map(|p| p.english()).collect();
        anyhow::anyhow!("the clinic cannot be registered: {}", words.join(" "))
    })?;
    let id = ClientId::parse(CLIENT_ID).map_err(|p| anyhow::anyhow!(p.english()))?;
    let hash = civis_oidc::token::secret_hash(secret);
    let change = Change::system(now);
    let failed =
        |e: StoreError| anyhow::anyhow!("registering the demo clinic failed: {}", e.log_detail());
    match store.oidc_client(&id).await {
        Ok(existing) => {
            if existing.settings != settings {
                store
                    .update_oidc_client(&id, &settings, change)
                    .await
                    .map_err(failed)?;
            }
            store
                .set_oidc_client_secret(&id, Some(hash), change)
                .await
                .map_err(failed)?;
        }
        Err(StoreError::NotFound) => {
            let client = Client {
                id,
                settings,
                secret_hash: Some(hash),
                created_at: now,
                updated_at: now,
            };
            store
                .create_oidc_client(&client, change)
                .await
                .map_err(failed)?;
        }
        Err(e) => return Err(failed(e)),
    }
    Ok(())
}

impl Clinic {
    /// Serves the clinic in the background until the task is aborted.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        let app = router(self.rp);
        let listener = self.listener;
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::warn!(error = %e, "the demo clinic stopped");
            }
        })
    }
}

/// The clinic's routes: `/`, `/sign-in` and `/callback`.
pub fn router(rp: Arc<RelyingParty>) -> Router {
    Router::new()
        .route("/", get(|| async { html(StatusCode::OK, page::home()) }))
        .route("/sign-in", get(sign_in))
        .route("/callback", get(callback))
        .with_state(rp)
}

fn html(status: StatusCode, body: String) -> Response {
    let mut res = (status, Html(body)).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// `GET /sign-in`: off to the civis authorization endpoint.
async fn sign_in(State(rp): State<Arc<RelyingParty>>) -> Response {
    match rp.authorization_url().await {
        Ok(url) => match HeaderValue::from_str(&url) {
            Ok(location) => {
                let mut res = StatusCode::FOUND.into_response();
                res.headers_mut().insert(header::LOCATION, location);
                res.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                res
            }
            Err(_) => html(
                StatusCode::BAD_GATEWAY,
                page::failed("civis gave an unusable address."),
            ),
        },
        Err(reason) => html(StatusCode::BAD_GATEWAY, page::failed(&reason)),
    }
}

/// `GET /callback`: the code comes back; exchange it and show what came with it.
async fn callback(
    State(rp): State<Arc<RelyingParty>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    match rp.finish(&params).await {
        Ok(signed_in) => html(StatusCode::OK, page::signed_in(&signed_in)),
        Err(reason) => html(StatusCode::BAD_REQUEST, page::failed(&reason)),
    }
}
