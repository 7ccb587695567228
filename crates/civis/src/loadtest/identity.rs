//! What the identity load tools share: the admin session, the residents (created when
//! missing and signed in through the API, before the clock starts), and failing a run
//! that saw any error.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;

use super::api::{self, Session};
use super::target::Eligibility;
use super::voters;
use crate::cli::IdentityLoadArgs;

/// Most requests at once while creating and signing in the residents (each one hashes a
/// password on the server: a few at once keep every core busy).
const SETUP_CONCURRENCY: usize = 8;

/// Everything prepared before the clock starts.
pub struct Prepared {
    /// The HTTP client (redirects are not followed).
    pub client: reqwest::Client,
    /// Base URLs without a trailing slash.
    pub urls: Vec<String>,
    /// The admin's session on the first server.
    pub admin: Session,
    /// Each resident's session; resident `i` is on server `i % urls.len()`.
    pub sessions: Vec<Session>,
    /// Requests in flight at once in the timed part.
    pub concurrency: usize,
}

/// Signs the admin in, then creates (when missing) and signs in the residents.
pub async fn prepare(args: &IdentityLoadArgs) -> anyhow::Result<Prepared> {
    if args.residents == 0 || args.concurrency == 0 {
        anyhow::bail!("--residents and --concurrency must be at least 1");
    }
    let urls: Vec<String> = args.urls.iter().map(|u| api::base(u)).collect();
    let client = api::client(args.concurrency)?;
    let admin = api::sign_in(&client, &urls[0], &args.admin_user, &args.admin_password)
        .await?
        .with_context(|| {
            format!(
                "{} refused the admin account {:?} (pass --admin-user and --admin-password)",
                urls[0], args.admin_user
            )
        })?;
    let count = usize::try_from(args.residents)?;
    eprintln!("civis loadtest: preparing {count} residents…");
    let started = Instant::now();
    let setup = Arc::new(voters::Setup {
        client: client.clone(),
        urls: urls.clone(),
        admin: admin.clone(),
        prefix: args.resident_prefix.clone(),
        eligibility: Eligibility::default(),
    });
    let concurrency = usize::try_from(args.concurrency)?;
    let sessions = voters::prepare(setup, count, concurrency.min(SETUP_CONCURRENCY)).await?;
    eprintln!(
        "civis loadtest: {count} residents signed in in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(Prepared {
        client,
        urls,
        admin,
        sessions,
        concurrency,
    })
}

/// `Err` (after printing a few samples) when the run saw any error.
pub fn fail_on_errors(errors: u64, samples: &[String]) -> anyhow::Result<()> {
    if errors == 0 {
        return Ok(());
    }
    for s in samples.iter().take(5) {
        eprintln!("civis loadtest: error: {s}");
    }
    anyhow::bail!("{errors} request(s) failed")
}
