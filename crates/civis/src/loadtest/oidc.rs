//! `civis loadtest oidc`: complete OpenID Connect authorization code flows per second,
//! with the latency of each step and of the whole flow.
//!
//! Before the clock starts: the admin signs in and registers the client service (or one
//! is given), the residents are created (when missing) and signed in through the API,
//! each server's discovery document and JWKS are read once, and each resident consents
//! through the consent form. Then `--concurrency` workers run flows, resident after
//! resident, each resident's flows on its own server.

use std::sync::Arc;

use anyhow::Context as _;
use serde::Serialize;

use super::drive::{self, Limit};
use super::latency::Latency;
use super::oidc_flow::{self, Client};
use super::oidc_provider::Provider;
use super::{identity, oidc_setup};
use crate::cli::OidcLoadArgs;

/// The figures of a run.
#[derive(Debug, Clone, Serialize)]
pub struct OidcReport {
    /// Servers the flows were spread over.
    pub servers: usize,
    /// Residents whose sessions ran the flows.
    pub residents: usize,
    /// Flows in flight at once.
    pub concurrency: usize,
    /// The client service.
    pub client_id: String,
    /// Flows started.
    pub flows: u64,
    /// Flows that completed with every check passed.
    pub ok: u64,
    /// Flows that failed.
    pub errors: u64,
    /// Wall time of the timed part, in seconds.
    pub duration_s: f64,
    /// Completed flows per second.
    pub flows_per_second: f64,
    /// A whole flow (three requests and the checks).
    pub flow: Latency,
    /// `GET /oidc/authorize`.
    pub authorize: Latency,
    /// `POST /oidc/token` (with the ID token check).
    pub token: Latency,
    /// `GET /oidc/userinfo`.
    pub userinfo: Latency,
}

impl OidcReport {
    /// The human-readable summary.
    pub fn text(&self) -> String {
        format!(
            "{flows} OpenID Connect flows (authorize, token, userinfo) by {residents} residents, \
             concurrency {c}, {servers} server(s), client {client}\n  \
             completed {ok}, errors {errors}, in {d:.2} s\n  \
             throughput {fps:.1} flows/s\n  \
             flow      {flow}\n  authorize {a}\n  token     {t}\n  userinfo  {u}\n",
            flows = self.flows,
            residents = self.residents,
            c = self.concurrency,
            servers = self.servers,
            client = self.client_id,
            ok = self.ok,
            errors = self.errors,
            d = self.duration_s,
            fps = self.flows_per_second,
            flow = self.flow.text(),
            a = self.authorize.text(),
            t = self.token.text(),
            u = self.userinfo.text(),
        )
    }
}

/// Runs `civis loadtest oidc`.
pub async fn command(args: OidcLoadArgs) -> anyhow::Result<()> {
    let limit = Limit::from_args(args.flows, args.common.duration)?;
    let prepared = identity::prepare(&args.common).await?;
    let http = prepared.client.clone();
    let client = match (&args.client_id, &args.client_secret) {
        (Some(id), Some(secret)) => Client {
            id: id.clone(),
            secret: secret.clone(),
            redirect_uri: args.redirect_uri.clone(),
        },
        _ => {
            oidc_setup::register_client(
                &http,
                &prepared.urls[0],
                &prepared.admin,
                &args.redirect_uri,
                &args.id_token_alg,
            )
            .await?
        }
    };
    let mut providers = vec![];
    for base in &prepared.urls {
        providers.push(Arc::new(Provider::discover(&http, base).await?));
    }
    let residents = prepared.sessions.len();
    let mut shown = 0;
    for (i, session) in prepared.sessions.iter().enumerate() {
        let provider = &providers[i % providers.len()];
        if oidc_setup::consent(&http, provider, &client, session)
            .await
            .with_context(|| format!("consent of resident {}", i + 1))?
        {
            shown += 1;
        }
    }
    eprintln!(
        "civis loadtest: client {}; {shown} of {residents} residents consented through the form now; running flows…",
        client.id
    );

    let client_id = client.id.clone();
    let sessions = Arc::new(prepared.sessions);
    let client = Arc::new(client);
    let providers = Arc::new(providers);
    let concurrency = prepared.concurrency;
    let out = {
        let http = http.clone();
        drive::drive(concurrency, limit, move |i| {
            let (http, sessions, client, providers) = (
                http.clone(),
                sessions.clone(),
                client.clone(),
                providers.clone(),
            );
            async move {
                let r = i % sessions.len();
                let provider = &providers[r % providers.len()];
                oidc_flow::run(&http, provider, &client, &sessions[r]).await
            }
        })
        .await?
    };
    let ok = out.ok.len();
    let pick = |f: fn(&oidc_flow::Timings) -> u64| Latency::of(out.ok.iter().map(f).collect());
    let report = OidcReport {
        servers: prepared.urls.len(),
        residents,
        concurrency,
        client_id,
        flows: ok as u64 + out.errors,
        ok: ok as u64,
        errors: out.errors,
        duration_s: (out.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
        flows_per_second: drive::rate(ok, out.elapsed),
        flow: pick(|t| t.flow),
        authorize: pick(|t| t.authorize),
        token: pick(|t| t.token),
        userinfo: pick(|t| t.userinfo),
    };
    if args.common.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.text());
    }
    identity::fail_on_errors(out.errors, &out.samples)
}
