//! A resident's whole secret vote over HTTP with `civis-ballot`: make a token,
//! blind it, get the credential, finalize, seal, sign, submit, and check the
//! receipt against the log's key.

use civis_ballot::blind_rsa::{
    blind, finalize, prepare_randomized, BlindSignature, IssuerPublicKey, PREFIX_LEN,
};
use civis_ballot::hpke::{seal, HpkePublicKey};
use civis_ballot::OsRandomness;
use civis_budget::ProcessId;
use civis_tlog::hash::leaf_hash;
use civis_tlog::proof::verify_inclusion;
use civis_tlog::{ed25519, Checkpoint, Hash, Note, NoteVerifier};
use civis_verify::record::{hpke_aad, BallotEntry, Bytes, Cast, Credential};
use serde_json::{json, Value};

use crate::budget_api_fixture::Caller;
use crate::harness::TestApp;

/// What a voter keeps between submissions.
#[derive(Clone)]
pub struct Voter {
    pub process: i64,
    pub seed: [u8; 32],
    pub credential: Credential,
    pub info: Value,
}

/// Gets the process's public secret-ballot information.
pub async fn info(app: &TestApp, process: i64) -> Value {
    let (status, v) = Caller::anonymous(app)
        .get(app, &format!("/api/v1/processes/{process}/secret-ballot"))
        .await;
    assert_eq!(status, 200, "{v}");
    v
}

fn b64(v: &Value) -> Vec<u8> {
    serde_json::from_value::<Bytes>(v.clone()).unwrap().0
}

/// The credential request of a new token: (seed, prepared message, blinded
/// message, blinding secret).
pub fn blinded_request(
    key: &IssuerPublicKey,
) -> (
    [u8; 32],
    Vec<u8>,
    Vec<u8>,
    civis_ballot::blind_rsa::BlindingSecret,
) {
    let seed = ed25519::generate_seed().unwrap();
    let token = ed25519::public_key(&seed).unwrap();
    let prepared = prepare_randomized(&token, &mut OsRandomness).unwrap();
    let (blinded, secret) = blind(key, &prepared, &mut OsRandomness).unwrap();
    (seed, prepared, blinded.as_bytes().to_vec(), secret)
}

/// Obtains a credential as `resident` (signed in).
pub async fn obtain(app: &TestApp, resident: &Caller, process: i64) -> Voter {
    let info = info(app, process).await;
    let key = IssuerPublicKey::from_spki_der(&b64(&info["issuer_public_key"])).unwrap();
    let (seed, prepared, blinded, secret) = blinded_request(&key);
    let (status, v) = resident
        .post(
            app,
            &format!("/api/v1/processes/{process}/credential"),
            json!({"blinded_message": Bytes(blinded)}),
        )
        .await;
    assert_eq!(status, 200, "{v}");
    let blind_sig = BlindSignature::from_bytes(&key, &b64(&v["blind_signature"])).unwrap();
    let signature = finalize(&key, &prepared, &blind_sig, &secret).unwrap();
    let token = ed25519::public_key(&seed).unwrap();
    Voter {
        process,
        seed,
        credential: Credential {
            token: Bytes(token.to_vec()),
            randomizer: Bytes(prepared[..PREFIX_LEN].to_vec()),
            signature: Bytes(signature.as_bytes().to_vec()),
        },
        info,
    }
}

impl Voter {
    /// The signed entry of submission `seq` of `ballot` sealed to `election`.
    pub fn entry(&self, seq: u32, ballot: &Value, election: &HpkePublicKey) -> BallotEntry {
        let info = self.info["hpke_info"].as_str().unwrap().as_bytes().to_vec();
        let plaintext = serde_json::to_vec(ballot).unwrap();
        let (enc, ciphertext) = seal(
            election,
            &info,
            &hpke_aad(&self.credential),
            &plaintext,
            &mut OsRandomness,
        )
        .unwrap();
        let mut entry = BallotEntry {
            credential: self.credential.clone(),
            seq,
            enc: Bytes(enc),
            ciphertext: Bytes(ciphertext),
            cast: Cast::Online {
                voter_signature: Bytes::default(),
            },
        };
        self.sign(&mut entry);
        entry
    }

    /// Signs `entry` with the credential's key.
    pub fn sign(&self, entry: &mut BallotEntry) {
        let body = entry.signed_body(ProcessId(self.process));
        entry.cast = Cast::Online {
            voter_signature: Bytes(ed25519::sign(&self.seed, &body).unwrap()),
        };
    }
}

/// Submits `body` with no session and no cookie; returns the status and body.
pub async fn submit_raw(app: &TestApp, process: i64, body: Vec<u8>) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/processes/{process}/sealed-ballots")))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// Submits `entry` and checks the receipt: the promise and the checkpoint are
/// signed by the log key the process publishes, the leaf hash is the entry's,
/// and the inclusion proof leads to the checkpoint's root. Returns the index.
pub async fn submit_and_check(app: &TestApp, voter: &Voter, entry: &BallotEntry) -> u64 {
    let (status, receipt) = submit_raw(app, voter.process, entry.encode()).await;
    assert_eq!(status, 201, "{receipt}");
    let key = NoteVerifier::parse(voter.info["log_verifier_key"].as_str().unwrap()).unwrap();
    let origin = voter.info["log_origin"].as_str().unwrap();
    let index = receipt["index"].as_u64().unwrap();
    let leaf = leaf_hash(&entry.encode());
    assert_eq!(receipt["leaf_hash"], leaf.to_base64());
    let promise = Note::open(
        receipt["promise"].as_str().unwrap().as_bytes(),
        std::slice::from_ref(&key),
    )
    .unwrap();
    let lines: Vec<&str> = promise.lines().collect();
    assert_eq!(lines[0], "civis ballot log promise/1");
    assert_eq!(lines[1], origin);
    assert_eq!(lines[2], index.to_string());
    assert_eq!(lines[3], leaf.to_base64());
    let text = Note::open(
        receipt["checkpoint"].as_str().unwrap().as_bytes(),
        std::slice::from_ref(&key),
    )
    .unwrap();
    let checkpoint = Checkpoint::parse(&text).unwrap();
    assert_eq!(checkpoint.origin, origin);
    let proof = &receipt["inclusion"];
    assert_eq!(proof["size"].as_u64().unwrap(), checkpoint.size);
    let hashes: Vec<Hash> = proof["proof"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| Hash::from_base64(h.as_str().unwrap()).unwrap())
        .collect();
    verify_inclusion(index, checkpoint.size, &leaf, &hashes, &checkpoint.root).unwrap();
    index
}
