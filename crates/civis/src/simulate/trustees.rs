//! The trustees of a simulated secret-ballot process: `n` officials named by the
//! process's official with threshold `k`; each makes a personal key and a dealing
//! exactly as `civis trustee keygen` and `deal` do (`civis_verify::trustee`) and hands
//! them in through the API; after the close, `k` of them reveal their shares
//! (`civis trustee share`), the last of which closes and counts the process.

use anyhow::Context as _;
use civis_ballot::OsRandomness;
use civis_domain::Role;
use civis_verify::record::Bytes;
use civis_verify::trustee::{self, TrusteeKeyFile, TrusteeList};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::process::expect;
use super::residents;
use super::setup::World;
use crate::cli::TrusteeCount;
use crate::loadtest::api::{self, Session};

/// One trustee: an official with their session and personal key (which in a real
/// process stays on the trustee's machine).
pub struct Trustee {
    /// Their username.
    pub username: String,
    /// Their session.
    pub session: Session,
    /// Their personal key.
    pub key: TrusteeKeyFile,
}

/// The username of trustee `i` (from 1) of the run tagged `tag`.
fn username(tag: &str, i: u32) -> String {
    format!("sim{tag}trustee{i}")
}

/// The published trustees' list.
async fn list(world: &World, process: i64) -> anyhow::Result<(Value, TrusteeList)> {
    let url = format!("{}/api/v1/processes/{process}/trustees", world.base);
    let v = api::get_ok(&world.client, &url, &world.official).await?;
    let parsed = serde_json::from_value(v.clone())
        .with_context(|| format!("GET {url} is not a trustees' list: {v}"))?;
    Ok((v, parsed))
}

/// Registers and signs in `count.n` officials, has the process's official name them
/// trustees with threshold `count.k`, and runs the ceremony: every trustee submits a
/// key, then a dealing; afterwards the process has its election key.
pub async fn ceremony(
    world: &World,
    process: i64,
    count: TrusteeCount,
) -> anyhow::Result<Vec<Trustee>> {
    let mut officials = Vec::new();
    for i in 1..=count.n {
        let name = username(&world.tag, i);
        residents::create(
            &world.server.store,
            &name,
            Role::Official,
            &world.hashes.low,
            world.server.clock.now(),
        )
        .await?;
        let session = api::sign_in(&world.client, &world.base, &name, residents::SIM_PASSWORD)
            .await?
            .with_context(|| format!("the server refused the sign-in of {name}"))?;
        officials.push((name, session));
    }
    let names: Vec<&str> = officials.iter().map(|(n, _)| n.as_str()).collect();
    expect(
        &world.client,
        Method::PUT,
        &format!("{}/api/v1/processes/{process}/trustees", world.base),
        &world.official,
        Some(&json!({"threshold": count.k, "trustees": names})),
        StatusCode::OK,
    )
    .await?;
    let mut trustees = Vec::new();
    for (username, session) in officials {
        let key = trustee::keygen(&mut OsRandomness).map_err(anyhow::Error::msg)?;
        expect(
            &world.client,
            Method::POST,
            &format!(
                "{}/api/v1/processes/{process}/trustee/public-key",
                world.base
            ),
            &session,
            Some(&json!({"public_key": key.public_key})),
            StatusCode::OK,
        )
        .await?;
        trustees.push(Trustee {
            username,
            session,
            key,
        });
    }
    let (_, keyed) = list(world, process).await?;
    let mut last = Value::Null;
    for t in &trustees {
        let dealing =
            trustee::deal(&t.key, &keyed, &mut OsRandomness).map_err(anyhow::Error::msg)?;
        last = expect(
            &world.client,
            Method::POST,
            &format!("{}/api/v1/processes/{process}/trustee/dealing", world.base),
            &t.session,
            Some(&json!({"dealing": Bytes(dealing)})),
            StatusCode::OK,
        )
        .await?;
    }
    if !last["election_public_key"].is_string() {
        anyhow::bail!("after every dealing the process has no election key: {last}");
    }
    Ok(trustees)
}

/// The first `k` trustees reveal their shares, each computed from the published
/// dealings; the `k`-th closes the process, counts the ballots and publishes the
/// record and results (with `patient`, a client whose timeout allows for the count).
pub async fn reveal(
    world: &World,
    patient: &reqwest::Client,
    process: i64,
    trustees: &[Trustee],
    k: u32,
) -> anyhow::Result<()> {
    let (_, dealt) = list(world, process).await?;
    for t in trustees.iter().take(k as usize) {
        let (_, share) = trustee::share(&t.key, &dealt).map_err(anyhow::Error::msg)?;
        expect(
            patient,
            Method::POST,
            &format!("{}/api/v1/processes/{process}/trustee/share", world.base),
            &t.session,
            Some(&json!({"share": Bytes(share.to_vec())})),
            StatusCode::OK,
        )
        .await
        .with_context(|| format!("the share of {}", t.username))?;
    }
    Ok(())
}
