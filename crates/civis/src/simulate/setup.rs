//! The stages both kinds of simulation share: the server on a fresh database with its
//! official, and the residents registered and signed in.

use std::sync::Arc;

use anyhow::Context as _;
use civis_domain::Role;
use rand::Rng;

use super::report::Stopwatch;
use super::residents;
use super::server::SimServer;
use crate::cli::SimulateArgs;
use crate::loadtest::api::{self, Session};

/// The running server, the HTTP client and the official who runs the process.
pub struct World {
    /// The server.
    pub server: SimServer,
    /// Its base URL.
    pub base: Arc<str>,
    /// The one HTTP connection pool.
    pub client: reqwest::Client,
    /// The stored hashes of the simulation password.
    pub hashes: residents::Hashes,
    /// The run's tag, part of every username.
    pub tag: Arc<str>,
    /// The official's session.
    pub official: Session,
}

/// Starts the server and registers and signs in the official (stage `start`).
pub async fn start(
    args: &SimulateArgs,
    rng: &mut impl Rng,
    watch: &mut Stopwatch,
) -> anyhow::Result<World> {
    let tag: Arc<str> = format!("{:06x}", rng.gen_range(0..0x100_0000u32)).into();
    let server = SimServer::start(args.database_url.as_deref()).await?;
    let base: Arc<str> = server.base.clone().into();
    let client = api::client(args.concurrency)?;
    let hashes = residents::hashes().await?;
    let official_name = format!("sim{tag}official");
    residents::create(
        &server.store,
        &official_name,
        Role::Official,
        &hashes.full,
        server.clock.now(),
    )
    .await?;
    let official = api::sign_in(&client, &base, &official_name, residents::SIM_PASSWORD)
        .await?
        .context("the server refused the official's sign-in")?;
    watch.lap(
        "start",
        1,
        "server on 127.0.0.1:0, database schema, official registered and signed in",
        args.json,
    );
    Ok(World {
        server,
        base,
        client,
        hashes,
        tag,
        official,
    })
}

/// The residents, signed in.
pub struct Residents {
    /// One session per resident, in order.
    pub sessions: Arc<Vec<Session>>,
    /// Production-cost sign-ins per second, measured on the sample.
    pub full_cost_rate: f64,
}

/// Registers `args.voters` residents through the store and signs every one in through
/// the API, the first `args.full_cost_sample` at the production cost (stages `register`,
/// `sign in (full cost)` and `sign in`).
pub async fn residents(
    args: &SimulateArgs,
    world: &World,
    watch: &mut Stopwatch,
) -> anyhow::Result<Residents> {
    let quiet = args.json;
    let voters = usize::try_from(args.voters)?;
    let concurrency = usize::try_from(args.concurrency)?;
    let sample = usize::try_from(args.full_cost_sample)?.min(voters);
    residents::register(
        world.server.store.clone(),
        world.tag.clone(),
        world.hashes.clone(),
        voters,
        sample,
        concurrency.min(8),
        world.server.clock.now(),
    )
    .await?;
    watch.lap(
        "register",
        voters as u64,
        "residents written through the store (one transaction and audit event each)",
        quiet,
    );
    let mut sessions = residents::sign_in(
        world.client.clone(),
        world.base.clone(),
        world.tag.clone(),
        0..sample,
        concurrency,
    )
    .await?;
    watch.lap(
        "sign in (full cost)",
        sample as u64,
        "POST /api/v1/auth/sign-in, Argon2id m=19456 KiB t=2 p=1 (production)",
        quiet,
    );
    let full_cost_rate = watch.stages.last().map_or(0.0, |s| s.per_second);
    sessions.extend(
        residents::sign_in(
            world.client.clone(),
            world.base.clone(),
            world.tag.clone(),
            sample..voters,
            concurrency,
        )
        .await?,
    );
    watch.lap(
        "sign in",
        (voters - sample) as u64,
        "POST /api/v1/auth/sign-in, Argon2id m=1024 KiB t=1 p=1 (simulation profile)",
        quiet,
    );
    Ok(Residents {
        sessions: Arc::new(sessions),
        full_cost_rate,
    })
}
