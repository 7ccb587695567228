//! A voter's HTTP side of a secret ballot, with `civis_verify::voter`: read the
//! process's public keys, obtain a credential while signed in, and submit sealed
//! entries without a session, checking each receipt against the ballot log's key.

use anyhow::Context as _;
use civis_ballot::blind_rsa::IssuerPublicKey;
use civis_ballot::hpke::HpkePublicKey;
use civis_ballot::OsRandomness;
use civis_budget::{BallotContent, ProcessId, ProposalId};
use civis_tlog::hash::leaf_hash;
use civis_tlog::proof::verify_inclusion;
use civis_tlog::{Checkpoint, Hash, Note, NoteVerifier};
use civis_verify::record::{BallotEntry, Bytes};
use civis_verify::voter::{CredentialRequest, SealTo, VoterKey};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::loadtest::api::{self, Session};

/// `GET /api/v1/processes/{id}/secret-ballot`, as far as a voter needs it.
#[derive(Debug, Deserialize)]
struct InfoDocument {
    issuer_public_key: Bytes,
    election_public_key: Option<Bytes>,
    hpke_info: String,
    log_origin: String,
    log_verifier_key: String,
    credentials_issued: u64,
}

/// What every voter of a process uses: its keys and where to send things.
pub struct SecretProcess {
    /// The process.
    pub id: i64,
    /// The server's base URL.
    pub base: String,
    /// The credential issuer's key.
    pub issuer: IssuerPublicKey,
    /// The election key ballots are sealed to.
    pub election: HpkePublicKey,
    /// The HPKE `info`.
    pub info: Vec<u8>,
    /// The ballot log's origin.
    pub log_origin: String,
    /// The ballot log's key.
    pub log_key: NoteVerifier,
}

/// The problem type's slug of an answer (`…:bad-signature` gives `bad-signature`).
pub fn slug(problem: &Value) -> String {
    problem["type"]
        .as_str()
        .unwrap_or_default()
        .rsplit([':', '/'])
        .next()
        .unwrap_or_default()
        .to_owned()
}

impl SecretProcess {
    /// Reads the process's public secret-ballot information (anonymously); fails
    /// while it has no election key. Also returns how many credentials were issued.
    pub async fn fetch(
        client: &reqwest::Client,
        base: &str,
        id: i64,
    ) -> anyhow::Result<(Self, u64)> {
        let url = format!("{base}/api/v1/processes/{id}/secret-ballot");
        let res = client
            .get(&url)
            .send()
            .await
            .with_context(|| format!("GET {url}"))?;
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        if status != StatusCode::OK {
            anyhow::bail!("GET {url} answered {status}: {text}");
        }
        let doc: InfoDocument = serde_json::from_str(&text)
            .with_context(|| format!("GET {url} answered something else: {text}"))?;
        let election = doc
            .election_public_key
            .with_context(|| format!("process {id} has no election key yet"))?;
        Ok((
            Self {
                id,
                base: base.to_owned(),
                issuer: IssuerPublicKey::from_spki_der(&doc.issuer_public_key.0)
                    .map_err(|e| anyhow::anyhow!("the issuer key: {e}"))?,
                election: HpkePublicKey::from_bytes(&election.0)
                    .map_err(|e| anyhow::anyhow!("the election key: {e}"))?,
                info: doc.hpke_info.into_bytes(),
                log_origin: doc.log_origin,
                log_key: NoteVerifier::parse(&doc.log_verifier_key)
                    .map_err(|e| anyhow::anyhow!("the log's verifier key: {e}"))?,
            },
            doc.credentials_issued,
        ))
    }

    /// What entries are sealed to.
    pub fn seal_to(&self) -> SealTo<'_> {
        SealTo {
            process: ProcessId(self.id),
            info: &self.info,
            election: &self.election,
        }
    }

    /// Asks for a credential as `session`: the blinded request's answer, unchecked.
    pub async fn request_credential(
        &self,
        client: &reqwest::Client,
        session: &Session,
        request: &CredentialRequest,
    ) -> anyhow::Result<(StatusCode, Value)> {
        let url = format!("{}/api/v1/processes/{}/credential", self.base, self.id);
        let body = json!({"blinded_message": Bytes(request.blinded_message().to_vec())});
        api::request(client, Method::POST, &url, session, Some(&body)).await
    }

    /// Obtains a credential as `session` and finalizes it into the voter's key.
    pub async fn credential(
        &self,
        client: &reqwest::Client,
        session: &Session,
    ) -> anyhow::Result<VoterKey> {
        let request =
            CredentialRequest::new(&self.issuer, &mut OsRandomness).map_err(anyhow::Error::msg)?;
        let (status, answer) = self.request_credential(client, session, &request).await?;
        if status != StatusCode::OK {
            anyhow::bail!("a credential request was answered {status}: {answer}");
        }
        let signature: Bytes = serde_json::from_value(answer["blind_signature"].clone())
            .with_context(|| format!("the credential answer has no blind_signature: {answer}"))?;
        request
            .finalize(&self.issuer, &signature.0)
            .map_err(anyhow::Error::msg)
    }

    /// Submits an entry's bytes with no session and no cookie; the status and body.
    pub async fn submit_raw(
        &self,
        client: &reqwest::Client,
        body: Vec<u8>,
    ) -> anyhow::Result<(StatusCode, Value)> {
        let url = format!("{}/api/v1/processes/{}/sealed-ballots", self.base, self.id);
        let res = client
            .post(&url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .with_context(|| format!("POST {url}"))?;
        let status = res.status();
        let text = res.text().await.unwrap_or_default();
        Ok((
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        ))
    }

    /// Submits `entry`, which must be accepted, and checks the receipt: the promise
    /// and the checkpoint are signed by the log's key, the leaf hash is the entry's
    /// and the inclusion proof leads to the checkpoint's root. Returns the index.
    pub async fn submit(
        &self,
        client: &reqwest::Client,
        entry: &BallotEntry,
    ) -> anyhow::Result<u64> {
        let bytes = entry.encode();
        let leaf = leaf_hash(&bytes);
        let (status, receipt) = self.submit_raw(client, bytes).await?;
        if status != StatusCode::CREATED {
            anyhow::bail!("a sealed ballot was answered {status}: {receipt}");
        }
        self.check_receipt(&receipt, &leaf)
            .with_context(|| format!("the receipt {receipt}"))
    }

    fn check_receipt(&self, receipt: &Value, leaf: &Hash) -> anyhow::Result<u64> {
        let index = receipt["index"].as_u64().context("no index")?;
        if receipt["leaf_hash"].as_str() != Some(leaf.to_base64().as_str()) {
            anyhow::bail!("the leaf hash is not the entry's");
        }
        let keys = std::slice::from_ref(&self.log_key);
        let promise = Note::open(
            receipt["promise"]
                .as_str()
                .context("no promise")?
                .as_bytes(),
            keys,
        )
        .map_err(|e| anyhow::anyhow!("the promise: {e}"))?;
        let index_line = index.to_string();
        let leaf_line = leaf.to_base64();
        let expected = [
            "civis ballot log promise/1",
            self.log_origin.as_str(),
            index_line.as_str(),
            leaf_line.as_str(),
        ];
        if !promise.lines().take(4).eq(expected) {
            anyhow::bail!("the promise does not promise this entry at this index");
        }
        let text = Note::open(
            receipt["checkpoint"]
                .as_str()
                .context("no checkpoint")?
                .as_bytes(),
            keys,
        )
        .map_err(|e| anyhow::anyhow!("the checkpoint: {e}"))?;
        let checkpoint =
            Checkpoint::parse(&text).map_err(|e| anyhow::anyhow!("the checkpoint: {e}"))?;
        if checkpoint.origin != self.log_origin {
            anyhow::bail!("the checkpoint is of another log");
        }
        let hashes = receipt["inclusion"]["proof"]
            .as_array()
            .context("no inclusion proof")?
            .iter()
            .map(|h| {
                h.as_str()
                    .and_then(|s| Hash::from_base64(s).ok())
                    .context("a proof hash is not base64")
            })
            .collect::<anyhow::Result<Vec<Hash>>>()?;
        verify_inclusion(index, checkpoint.size, leaf, &hashes, &checkpoint.root)
            .map_err(|e| anyhow::anyhow!("the inclusion proof: {e}"))?;
        Ok(index)
    }

    /// The log's signed checkpoint now, as served at `/log/processes/{id}/checkpoint`,
    /// with its tree size (after checking its signature).
    pub async fn checkpoint(&self, client: &reqwest::Client) -> anyhow::Result<(u64, Vec<u8>)> {
        let url = format!("{}/log/processes/{}/checkpoint", self.base, self.id);
        let res = client
            .get(&url)
            .send()
            .await
            .with_context(|| format!("GET {url}"))?;
        if res.status() != StatusCode::OK {
            anyhow::bail!("GET {url} answered {}", res.status());
        }
        let bytes = res
            .bytes()
            .await
            .with_context(|| format!("GET {url}"))?
            .to_vec();
        let text = Note::open(&bytes, std::slice::from_ref(&self.log_key))
            .map_err(|e| anyhow::anyhow!("{url}: {e}"))?;
        let checkpoint = Checkpoint::parse(&text).map_err(|e| anyhow::anyhow!("{url}: {e}"))?;
        Ok((checkpoint.size, bytes))
    }
}

/// The sealed plaintext of a ballot given as the body of `PUT …/ballot` (what
/// [`crate::loadtest::ballots::random_ballot`] makes): the JSON of `civis-budget`'s
/// [`BallotContent`], which the close validates and counts.
pub fn sealed_content(ballot: &Value) -> anyhow::Result<Vec<u8>> {
    let ids = |v: &Value| -> anyhow::Result<Vec<ProposalId>> {
        v.as_array()
            .context("not a list")?
            .iter()
            .map(|id| id.as_i64().map(ProposalId).context("not a project id"))
            .collect()
    };
    let content = if ballot.get("approvals").is_some() {
        BallotContent::Approval(ids(&ballot["approvals"])?)
    } else if ballot.get("ranking").is_some() {
        BallotContent::Ranking(ids(&ballot["ranking"])?)
    } else if let Some(points) = ballot["points"].as_object() {
        BallotContent::Points(
            points
                .iter()
                .map(|(id, p)| {
                    let id = id.parse().map(ProposalId).context("not a project id")?;
                    let p = p
                        .as_u64()
                        .and_then(|p| u32::try_from(p).ok())
                        .context("not a number of points")?;
                    Ok((id, p))
                })
                .collect::<anyhow::Result<_>>()?,
        )
    } else {
        anyhow::bail!("not a ballot: {ballot}");
    };
    Ok(serde_json::to_vec(&content)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ballot_body_becomes_the_content_the_close_counts() {
        let approvals = sealed_content(&json!({"approvals": [3, 1]})).unwrap();
        assert_eq!(approvals, br#"{"type":"approval","choices":[3,1]}"#);
        let ranking = sealed_content(&json!({"ranking": [2]})).unwrap();
        assert_eq!(ranking, br#"{"type":"ranking","choices":[2]}"#);
        let points = sealed_content(&json!({"points": {"4": 2, "5": 1}})).unwrap();
        assert_eq!(points, br#"{"type":"points","choices":[[4,2],[5,1]]}"#);
        assert!(sealed_content(&json!({"approvals": ["x"]})).is_err());
        assert!(sealed_content(&json!({})).is_err());
    }
}
