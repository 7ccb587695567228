//! A software WebAuthn authenticator: a P-256 key made with OpenSSL that
//! answers `navigator.credentials.create()` and `.get()` options as a browser
//! and a passkey would, with real attestation (`none` format) and assertion
//! objects signed with ES256. For tests and load tools; the `soft-authenticator`
//! feature. It holds one credential and keeps its own signature counter, which
//! tests may turn back to play a cloned authenticator.
//!
//! Options in and credentials out are the JSON the WebAuthn JavaScript API
//! uses (binary fields base64url-encoded), so it needs no server library.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use openssl::bn::BigNumContext;
use openssl::ec::{EcGroup, EcKey, PointConversionForm};
use openssl::hash::{hash, MessageDigest};
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::sign::Signer;
use serde_cbor_2::Value as Cbor;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Why the authenticator could not answer.
#[derive(Debug, thiserror::Error)]
pub enum SoftError {
    /// The options lack a field or have one of the wrong type.
    #[error("options: {0}")]
    Options(&'static str),
    /// The authenticator holds no credential yet, or not one the options allow.
    #[error("no matching credential")]
    NoCredential,
    /// OpenSSL or CBOR failed.
    #[error("crypto: {0}")]
    Crypto(String),
}

fn crypto(e: impl std::fmt::Display) -> SoftError {
    SoftError::Crypto(e.to_string())
}

const FLAG_UP: u8 = 0x01;
const FLAG_UV: u8 = 0x04;
const FLAG_AT: u8 = 0x40;

/// One software authenticator holding (at most) one credential.
pub struct SoftAuthenticator {
    key: PKey<Private>,
    credential_id: Vec<u8>,
    user_handle: Option<Vec<u8>>,
    counter: u32,
    registered: bool,
}

impl std::fmt::Debug for SoftAuthenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoftAuthenticator")
            .field(
                "credential_id",
                &URL_SAFE_NO_PAD.encode(&self.credential_id),
            )
            .field("counter", &self.counter)
            .finish_non_exhaustive()
    }
}

/// What a ceremony should get wrong, to test that the server refuses it.
#[derive(Debug, Clone, Default)]
pub struct Tamper {
    /// Sign for this RP id instead of the one in the options.
    pub rp_id: Option<String>,
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Result<Vec<u8>, SoftError> {
    URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .or_else(|_| base64::engine::general_purpose::STANDARD.decode(text))
        .map_err(|_| SoftError::Options("a binary field is not base64url"))
}

fn public_key(options: &Value) -> &Value {
    options.get("publicKey").unwrap_or(options)
}

impl SoftAuthenticator {
    /// A new authenticator with a fresh P-256 key and a random credential id.
    pub fn new() -> Result<Self, SoftError> {
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).map_err(crypto)?;
        let ec = EcKey::generate(&group).map_err(crypto)?;
        let key = PKey::from_ec_key(ec).map_err(crypto)?;
        let mut credential_id = vec![0u8; 32];
        openssl::rand::rand_bytes(&mut credential_id).map_err(crypto)?;
        Ok(Self {
            key,
            credential_id,
            user_handle: None,
            counter: 0,
            registered: false,
        })
    }

    /// The credential id.
    pub fn credential_id(&self) -> &[u8] {
        &self.credential_id
    }

    /// The signature counter the next assertion will carry, minus one.
    pub fn counter(&self) -> u32 {
        self.counter
    }

    /// Sets the signature counter (a cloned authenticator replays an old one).
    pub fn set_counter(&mut self, counter: u32) {
        self.counter = counter;
    }

    fn cose_key(&self) -> Result<Vec<u8>, SoftError> {
        let ec = self.key.ec_key().map_err(crypto)?;
        let mut ctx = BigNumContext::new().map_err(crypto)?;
        let point = ec
            .public_key()
            .to_bytes(ec.group(), PointConversionForm::UNCOMPRESSED, &mut ctx)
            .map_err(crypto)?;
        // 0x04 || x (32) || y (32)
        if point.len() != 65 {
            return Err(SoftError::Crypto("unexpected point length".into()));
        }
        let mut map = BTreeMap::new();
        map.insert(Cbor::Integer(1), Cbor::Integer(2)); // kty: EC2
        map.insert(Cbor::Integer(3), Cbor::Integer(-7)); // alg: ES256
        map.insert(Cbor::Integer(-1), Cbor::Integer(1)); // crv: P-256
        map.insert(Cbor::Integer(-2), Cbor::Bytes(point[1..33].to_vec()));
        map.insert(Cbor::Integer(-3), Cbor::Bytes(point[33..].to_vec()));
        serde_cbor_2::to_vec(&Cbor::Map(map)).map_err(crypto)
    }

    fn client_data(kind: &str, challenge: &str, origin: &str) -> Vec<u8> {
        json!({
            "type": kind,
            "challenge": challenge,
            "origin": origin,
            "crossOrigin": false,
        })
        .to_string()
        .into_bytes()
    }

    fn rp_hash(rp_id: &str) -> Result<Vec<u8>, SoftError> {
        Ok(hash(MessageDigest::sha256(), rp_id.as_bytes())
            .map_err(crypto)?
            .to_vec())
    }

    /// Answers `navigator.credentials.create(options)` from `origin`: returns the
    /// `PublicKeyCredential` JSON (attestation `none`) the page posts back.
    pub fn register(
        &mut self,
        options: &Value,
        origin: &str,
        tamper: &Tamper,
    ) -> Result<Value, SoftError> {
        let pk = public_key(options);
        let challenge = pk["challenge"]
            .as_str()
            .ok_or(SoftError::Options("publicKey.challenge"))?;
        let rp_id = match &tamper.rp_id {
            Some(id) => id.clone(),
            None => pk["rp"]["id"]
                .as_str()
                .ok_or(SoftError::Options("publicKey.rp.id"))?
                .to_owned(),
        };
        let user = pk["user"]["id"]
            .as_str()
            .ok_or(SoftError::Options("publicKey.user.id"))?;
        self.user_handle = Some(unb64(user)?);

        let mut auth_data = Self::rp_hash(&rp_id)?;
        auth_data.push(FLAG_UP | FLAG_UV | FLAG_AT);
        auth_data.extend_from_slice(&self.counter.to_be_bytes());
        auth_data.extend_from_slice(&[0u8; 16]); // AAGUID
        let id_len = u16::try_from(self.credential_id.len()).map_err(crypto)?;
        auth_data.extend_from_slice(&id_len.to_be_bytes());
        auth_data.extend_from_slice(&self.credential_id);
        auth_data.extend_from_slice(&self.cose_key()?);

        let mut att = BTreeMap::new();
        att.insert(Cbor::Text("fmt".into()), Cbor::Text("none".into()));
        att.insert(Cbor::Text("attStmt".into()), Cbor::Map(BTreeMap::new()));
        att.insert(Cbor::Text("authData".into()), Cbor::Bytes(auth_data));
        let attestation = serde_cbor_2::to_vec(&Cbor::Map(att)).map_err(crypto)?;
        let client_data = Self::client_data("webauthn.create", challenge, origin);
        self.registered = true;
        let id = b64(&self.credential_id);
        Ok(json!({
            "id": id,
            "rawId": id,
            "type": "public-key",
            "response": {
                "attestationObject": b64(&attestation),
                "clientDataJSON": b64(&client_data),
                "transports": ["internal"],
            },
            "extensions": {},
        }))
    }

    /// Answers `navigator.credentials.get(options)` from `origin` with the
    /// next signature counter: the `PublicKeyCredential` JSON (with the user
    /// handle, as a discoverable credential gives it).
    pub fn assert(
        &mut self,
        options: &Value,
        origin: &str,
        tamper: &Tamper,
    ) -> Result<Value, SoftError> {
        if !self.registered {
            return Err(SoftError::NoCredential);
        }
        let pk = public_key(options);
        let challenge = pk["challenge"]
            .as_str()
            .ok_or(SoftError::Options("publicKey.challenge"))?;
        if let Some(allowed) = pk["allowCredentials"].as_array() {
            let mine = b64(&self.credential_id);
            let listed = allowed.is_empty()
                || allowed
                    .iter()
                    .any(|c| c["id"].as_str().map(|s| s.trim_end_matches('=')) == Some(&mine));
            if !listed {
                return Err(SoftError::NoCredential);
            }
        }
        let rp_id = match &tamper.rp_id {
            Some(id) => id.clone(),
            None => pk["rpId"]
                .as_str()
                .ok_or(SoftError::Options("publicKey.rpId"))?
                .to_owned(),
        };
        self.counter = self.counter.wrapping_add(1);
        let mut auth_data = Self::rp_hash(&rp_id)?;
        auth_data.push(FLAG_UP | FLAG_UV);
        auth_data.extend_from_slice(&self.counter.to_be_bytes());
        let client_data = Self::client_data("webauthn.get", challenge, origin);
        let client_hash = hash(MessageDigest::sha256(), &client_data).map_err(crypto)?;
        let mut signer = Signer::new(MessageDigest::sha256(), &self.key).map_err(crypto)?;
        signer.update(&auth_data).map_err(crypto)?;
        signer.update(&client_hash).map_err(crypto)?;
        let signature = signer.sign_to_vec().map_err(crypto)?;
        let id = b64(&self.credential_id);
        Ok(json!({
            "id": id,
            "rawId": id,
            "type": "public-key",
            "response": {
                "authenticatorData": b64(&auth_data),
                "clientDataJSON": b64(&client_data),
                "signature": b64(&signature),
                "userHandle": self.user_handle.as_deref().map(b64),
            },
            "extensions": {},
        }))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn attestation_and_assertion_have_the_webauthn_layout() {
        let mut a = SoftAuthenticator::new().unwrap();
        let options = json!({"publicKey": {
            "challenge": "AAEC", "rp": {"id": "example.org"}, "user": {"id": "dXNlcg"}
        }});
        let reg = a
            .register(&options, "https://example.org", &Tamper::default())
            .unwrap();
        let att = unb64(reg["response"]["attestationObject"].as_str().unwrap()).unwrap();
        let parsed: Cbor = serde_cbor_2::from_slice(&att).unwrap();
        let Cbor::Map(m) = parsed else { panic!() };
        let Some(Cbor::Bytes(auth)) = m.get(&Cbor::Text("authData".into())) else {
            panic!()
        };
        assert_eq!(
            &auth[..32],
            &SoftAuthenticator::rp_hash("example.org").unwrap()[..]
        );
        assert_eq!(auth[32], FLAG_UP | FLAG_UV | FLAG_AT);
        assert_eq!(&auth[55..87], a.credential_id());

        let get = json!({"publicKey": {"challenge": "AAEC", "rpId": "example.org"}});
        let first = a
            .assert(&get, "https://example.org", &Tamper::default())
            .unwrap();
        let data = unb64(first["response"]["authenticatorData"].as_str().unwrap()).unwrap();
        assert_eq!(&data[33..37], &1u32.to_be_bytes());
        assert_eq!(first["response"]["userHandle"], "dXNlcg");
        a.set_counter(0);
        let again = a
            .assert(&get, "https://example.org", &Tamper::default())
            .unwrap();
        let data = unb64(again["response"]["authenticatorData"].as_str().unwrap()).unwrap();
        assert_eq!(&data[33..37], &1u32.to_be_bytes());
    }
}
