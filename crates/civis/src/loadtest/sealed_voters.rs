//! The voters' client work for `civis loadtest sealed-ballots`, all before the timed
//! part: each signed-in resident obtains the process's credential
//! (`civis_verify::voter::CredentialRequest`, the blind signature through the API),
//! then every submission they will make is sealed to the election key and signed,
//! ready to send.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use anyhow::Context as _;
use civis_ballot::blind_rsa::IssuerPublicKey;
use civis_ballot::hpke::HpkePublicKey;
use civis_ballot::OsRandomness;
use civis_budget::ProcessId;
use civis_verify::record::Bytes;
use civis_verify::voter::{CredentialRequest, SealTo, VoterKey};
use rand::rngs::StdRng;
use rand::seq::SliceRandom as _;
use rand::{Rng as _, SeedableRng as _};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::api::{self, Session};

/// The process's public secret-ballot information the voters need.
pub struct BallotKeys {
    /// The credential issuer's public key.
    pub issuer: IssuerPublicKey,
    /// The election key ballots are sealed to.
    pub election: HpkePublicKey,
    /// The HPKE `info` of the process.
    pub info: Vec<u8>,
}

fn bytes(v: &Value, field: &str) -> anyhow::Result<Vec<u8>> {
    let b: Bytes = serde_json::from_value(v[field].clone())
        .with_context(|| format!("secret-ballot information without {field}: {v}"))?;
    Ok(b.0)
}

/// Reads `GET /api/v1/processes/{id}/secret-ballot`.
pub async fn keys(
    client: &reqwest::Client,
    base: &str,
    process: i64,
) -> anyhow::Result<BallotKeys> {
    let url = format!("{base}/api/v1/processes/{process}/secret-ballot");
    let res = client
        .get(&url)
        .send()
        .await
        .with_context(|| format!("GET {url}"))?;
    let status = res.status();
    let v: Value = res.json().await.with_context(|| format!("GET {url}"))?;
    if status != StatusCode::OK {
        anyhow::bail!("GET {url} answered {status}: {v}");
    }
    let issuer = IssuerPublicKey::from_spki_der(&bytes(&v, "issuer_public_key")?)
        .map_err(|e| anyhow::anyhow!("the issuer key does not parse: {e}"))?;
    let election = HpkePublicKey::from_bytes(&bytes(&v, "election_public_key")?)
        .map_err(|e| anyhow::anyhow!("the election key does not parse: {e}"))?;
    let info = v["hpke_info"]
        .as_str()
        .context("secret-ballot information without hpke_info")?
        .as_bytes()
        .to_vec();
    Ok(BallotKeys {
        issuer,
        election,
        info,
    })
}

/// Obtains one credential per session, `concurrency` requests at once, on
/// `urls[i % len]`; returns the voters' keys in session order.
pub async fn credentials(
    client: &reqwest::Client,
    urls: &Arc<Vec<String>>,
    process: i64,
    keys: &Arc<BallotKeys>,
    sessions: &Arc<Vec<Session>>,
    concurrency: usize,
) -> anyhow::Result<Vec<VoterKey>> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = vec![];
    for _ in 0..concurrency.clamp(1, sessions.len().max(1)) {
        let (client, urls, keys, sessions, next) = (
            client.clone(),
            urls.clone(),
            keys.clone(),
            sessions.clone(),
            next.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut done = vec![];
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(session) = sessions.get(i) else {
                    return Ok::<_, anyhow::Error>(done);
                };
                let base = &urls[i % urls.len()];
                done.push((i, credential(&client, base, process, &keys, session).await?));
            }
        }));
    }
    let mut out: Vec<Option<VoterKey>> = vec![None; sessions.len()];
    for w in workers {
        for (i, key) in w.await.context("a credential worker stopped")?? {
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(key);
            }
        }
    }
    out.into_iter()
        .map(|k| k.context("a voter got no credential"))
        .collect()
}

async fn credential(
    client: &reqwest::Client,
    base: &str,
    process: i64,
    keys: &BallotKeys,
    session: &Session,
) -> anyhow::Result<VoterKey> {
    let request =
        CredentialRequest::new(&keys.issuer, &mut OsRandomness).map_err(anyhow::Error::msg)?;
    let body = json!({"blinded_message": Bytes(request.blinded_message().to_vec())});
    let url = format!("{base}/api/v1/processes/{process}/credential");
    let (status, answer) = api::request(client, Method::POST, &url, session, Some(&body)).await?;
    if status != StatusCode::OK {
        anyhow::bail!("POST {url} answered {status}: {answer}");
    }
    let blind = bytes(&answer, "blind_signature")?;
    request
        .finalize(&keys.issuer, &blind)
        .map_err(anyhow::Error::msg)
}

/// A random valid approval ballot's content (civis-budget's `BallotContent` JSON):
/// one to all of `projects`.
fn content(rng: &mut StdRng, projects: &[i64]) -> Vec<u8> {
    let mut order = projects.to_vec();
    order.shuffle(rng);
    let k = rng.gen_range(1..=order.len().max(1));
    order.truncate(k);
    json!({"type": "approval", "choices": order})
        .to_string()
        .into_bytes()
}

/// Every voter's submissions `first_seq..first_seq + count`, sealed and signed:
/// `entries[voter][i]` is submission `first_seq + i` as its JSON body. Spread over
/// the machine's cores.
pub fn seal_all(
    process: i64,
    keys: &BallotKeys,
    voters: &[VoterKey],
    projects: &[i64],
    first_seq: u32,
    count: u32,
    seed: u64,
) -> anyhow::Result<Vec<Vec<Vec<u8>>>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = voters.len().div_ceil(threads).max(1);
    let to = SealTo {
        process: ProcessId(process),
        info: &keys.info,
        election: &keys.election,
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = voters
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                scope.spawn(move || {
                    let mut rng = StdRng::seed_from_u64(seed.wrapping_add(c as u64));
                    part.iter()
                        .map(|voter| {
                            (0..count)
                                .map(|i| {
                                    let body = content(&mut rng, projects);
                                    voter
                                        .entry(to, first_seq + i, &body, &mut OsRandomness)
                                        .map(|e| e.encode())
                                        .map_err(anyhow::Error::msg)
                                })
                                .collect::<anyhow::Result<Vec<_>>>()
                        })
                        .collect::<anyhow::Result<Vec<_>>>()
                })
            })
            .collect();
        let mut all = Vec::with_capacity(voters.len());
        for h in handles {
            let part = h
                .join()
                .map_err(|_| anyhow::anyhow!("a sealing thread panicked"))??;
            all.extend(part);
        }
        Ok(all)
    })
}
