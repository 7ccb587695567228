//! C2SP signed notes with Ed25519 keys (the format of Go's
//! `golang.org/x/mod/sumdb/note`).
//!
//! A note is its text (ending in a newline), a blank line, then one line per
//! signature: `— <key name> <base64(key id || signature)>`. The key id is the
//! first four bytes of `SHA-256(name || 0x0A || 0x01 || public key)`, big-endian.
//!
//! Key strings: a verifier key is `<name>+<key id, 8 hex digits>+<base64(0x01 ||
//! public key)>`; a signer key is `PRIVATE+KEY+<name>+<key id>+<base64(0x01 || seed)>`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::ed25519::{self, PublicKey, Seed};
use crate::TlogError;

/// The signature type byte of Ed25519 note signatures.
pub const ALG_ED25519: u8 = 0x01;
/// The most signatures a note may carry before it is refused.
pub const MAX_SIGNATURES: usize = 100;
const DASH: &str = "\u{2014} ";

/// The key id of an Ed25519 key named `name`.
pub fn key_id(name: &str, public: &PublicKey) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([b'\n', ALG_ED25519]);
    h.update(public);
    let d = h.finalize();
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

/// Whether `name` is a valid key name: non-empty, no Unicode spaces, no `+`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_whitespace() || c == '+' || c.is_control())
}

/// A public key that verifies notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteVerifier {
    /// The key name.
    pub name: String,
    /// The key id.
    pub key_id: u32,
    /// The Ed25519 public key.
    pub public: PublicKey,
}

impl NoteVerifier {
    /// The verifier for `public` named `name`. Errors: `Key` on an invalid name.
    pub fn new(name: &str, public: PublicKey) -> Result<NoteVerifier, TlogError> {
        if !is_valid_name(name) {
            return Err(TlogError::Key("invalid key name".into()));
        }
        Ok(NoteVerifier {
            name: name.to_string(),
            key_id: key_id(name, &public),
            public,
        })
    }

    /// Parses `name+hash+base64`. Errors: `Key` saying which part is wrong,
    /// including a key id that does not match the name and key.
    pub fn parse(text: &str) -> Result<NoteVerifier, TlogError> {
        let mut parts = text.splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(TlogError::Key("a verifier key is name+id+key".into()));
        };
        let id = parse_key_id(id)?;
        let public = decode_key(key)?;
        let verifier = NoteVerifier::new(name, public)?;
        if verifier.key_id != id {
            return Err(TlogError::Key(
                "the key id does not match the name and key".into(),
            ));
        }
        Ok(verifier)
    }

    /// The key string, `name+hash+base64`.
    pub fn encode(&self) -> String {
        let mut key = vec![ALG_ED25519];
        key.extend_from_slice(&self.public);
        format!("{}+{:08x}+{}", self.name, self.key_id, STANDARD.encode(key))
    }
}

/// A private key that signs notes (loaded once, see [`ed25519::SigningKey`]).
#[derive(Clone)]
pub struct NoteSigner {
    verifier: NoteVerifier,
    seed: Seed,
    key: ed25519::SigningKey,
}

impl PartialEq for NoteSigner {
    fn eq(&self, other: &Self) -> bool {
        self.verifier == other.verifier && self.seed == other.seed
    }
}

impl Eq for NoteSigner {}

impl std::fmt::Debug for NoteSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoteSigner")
            .field("verifier", &self.verifier)
            .finish_non_exhaustive()
    }
}

impl NoteSigner {
    /// The signer for an Ed25519 seed named `name`. Errors: `Key` on an invalid name.
    pub fn from_seed(name: &str, seed: Seed) -> Result<NoteSigner, TlogError> {
        let public = ed25519::public_key(&seed)?;
        Ok(NoteSigner {
            verifier: NoteVerifier::new(name, public)?,
            seed,
            key: ed25519::SigningKey::from_seed(&seed)?,
        })
    }

    /// A new random key named `name`.
    pub fn generate(name: &str) -> Result<NoteSigner, TlogError> {
        NoteSigner::from_seed(name, ed25519::generate_seed()?)
    }

    /// Parses `PRIVATE+KEY+name+hash+base64`. Errors: `Key`.
    pub fn parse(text: &str) -> Result<NoteSigner, TlogError> {
        let rest = text
            .strip_prefix("PRIVATE+KEY+")
            .ok_or_else(|| TlogError::Key("a signer key starts with PRIVATE+KEY+".into()))?;
        let mut parts = rest.splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(TlogError::Key(
                "a signer key is PRIVATE+KEY+name+id+key".into(),
            ));
        };
        let id = parse_key_id(id)?;
        let seed = decode_key(key)?;
        let signer = NoteSigner::from_seed(name, seed)?;
        if signer.verifier.key_id != id {
            return Err(TlogError::Key(
                "the key id does not match the name and key".into(),
            ));
        }
        Ok(signer)
    }

    /// The key string, `PRIVATE+KEY+name+hash+base64`. It is a secret.
    pub fn encode(&self) -> String {
        let mut key = vec![ALG_ED25519];
        key.extend_from_slice(&self.seed);
        format!(
            "PRIVATE+KEY+{}+{:08x}+{}",
            self.verifier.name,
            self.verifier.key_id,
            STANDARD.encode(key)
        )
    }

    /// The matching verifier.
    pub fn verifier(&self) -> &NoteVerifier {
        &self.verifier
    }

    /// The Ed25519 signature of `message` (raw bytes, not a note) by this key,
    /// for records that carry a key's signature beside a note's (e.g. a paper
    /// ballot's entry).
    pub fn sign_bytes(&self, message: &[u8]) -> Result<Vec<u8>, TlogError> {
        ed25519::sign(&self.seed, message)
    }

    /// The key name.
    pub fn name(&self) -> &str {
        &self.verifier.name
    }

    /// This key's signature of `text`.
    pub fn sign(&self, text: &str) -> Result<NoteSignature, TlogError> {
        Ok(NoteSignature {
            name: self.verifier.name.clone(),
            key_id: self.verifier.key_id,
            signature: self.key.sign(text.as_bytes())?,
        })
    }
}

fn parse_key_id(text: &str) -> Result<u32, TlogError> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(TlogError::Key("the key id is 8 hexadecimal digits".into()));
    }
    u32::from_str_radix(text, 16).map_err(|_| TlogError::Key("bad key id".into()))
}

fn decode_key(text: &str) -> Result<[u8; 32], TlogError> {
    let bytes = STANDARD
        .decode(text)
        .map_err(|_| TlogError::Key("the key is not standard base64".into()))?;
    match bytes.split_first() {
        Some((&ALG_ED25519, key)) => <[u8; 32]>::try_from(key)
            .map_err(|_| TlogError::Key("an Ed25519 key is 32 bytes".into())),
        Some(_) => Err(TlogError::Key("unknown key algorithm".into())),
        None => Err(TlogError::Key("the key is empty".into())),
    }
}

/// One signature line of a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSignature {
    /// The signing key's name.
    pub name: String,
    /// The signing key's id.
    pub key_id: u32,
    /// The signature bytes (without the key id).
    pub signature: Vec<u8>,
}

impl NoteSignature {
    /// The signature line, with its final newline.
    pub fn line(&self) -> String {
        let mut blob = self.key_id.to_be_bytes().to_vec();
        blob.extend_from_slice(&self.signature);
        format!("{DASH}{} {}\n", self.name, STANDARD.encode(blob))
    }
}

/// A signed note: text and signatures, not yet verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The text, ending in a newline.
    pub text: String,
    /// The signatures, in order.
    pub signatures: Vec<NoteSignature>,
}

fn check_text(text: &str) -> Result<(), TlogError> {
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(TlogError::Note(
            "a note holds no control characters other than newline".into(),
        ));
    }
    Ok(())
}

impl Note {
    /// Signs `text` with every signer. Errors: `Note` if the text does not end in
    /// a newline or holds control characters.
    pub fn sign(text: &str, signers: &[&NoteSigner]) -> Result<Note, TlogError> {
        if !text.ends_with('\n') {
            return Err(TlogError::Note("the text must end with a newline".into()));
        }
        check_text(text)?;
        let signatures = signers
            .iter()
            .map(|s| s.sign(text))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Note {
            text: text.to_string(),
            signatures,
        })
    }

    /// The note as sent: text, blank line, signature lines.
    pub fn encode(&self) -> String {
        let mut out = self.text.clone();
        out.push('\n');
        for sig in &self.signatures {
            out.push_str(&sig.line());
        }
        out
    }

    /// Parses a signed note without verifying it. Errors: `Note` saying what is malformed.
    pub fn parse(bytes: &[u8]) -> Result<Note, TlogError> {
        let msg = std::str::from_utf8(bytes)
            .map_err(|_| TlogError::Note("a note must be UTF-8".into()))?;
        check_text(msg)?;
        let split = msg
            .rfind("\n\n")
            .ok_or_else(|| TlogError::Note("no blank line before the signatures".into()))?;
        let text = &msg[..split + 1];
        let sigs = &msg[split + 2..];
        let sigs = sigs
            .strip_suffix('\n')
            .ok_or_else(|| TlogError::Note("the signatures must end with a newline".into()))?;
        let mut signatures = Vec::new();
        for (i, line) in sigs.split('\n').enumerate() {
            if signatures.len() == MAX_SIGNATURES {
                return Err(TlogError::Note(format!(
                    "more than {MAX_SIGNATURES} signatures"
                )));
            }
            signatures.push(
                parse_signature_line(line)
                    .map_err(|why| TlogError::Note(format!("signature line {}: {why}", i + 1)))?,
            );
        }
        Ok(Note {
            text: text.to_string(),
            signatures,
        })
    }

    /// Verifies the note against `verifiers`: signatures by unknown keys (name
    /// and id) are ignored, a signature by a known key must verify, and at
    /// least one must. Returns the verifiers whose signatures verified.
    /// Errors: `Unverified`.
    pub fn verify<'v>(
        &self,
        verifiers: &'v [NoteVerifier],
    ) -> Result<Vec<&'v NoteVerifier>, TlogError> {
        let mut verified: Vec<&NoteVerifier> = Vec::new();
        for sig in &self.signatures {
            let Some(v) = verifiers
                .iter()
                .find(|v| v.name == sig.name && v.key_id == sig.key_id)
            else {
                continue;
            };
            if !ed25519::verify(&v.public, self.text.as_bytes(), &sig.signature) {
                return Err(TlogError::Unverified(format!(
                    "the signature by {} is invalid",
                    sig.name
                )));
            }
            if !verified.contains(&v) {
                verified.push(v);
            }
        }
        if verified.is_empty() {
            return Err(TlogError::Unverified("no signature by a known key".into()));
        }
        Ok(verified)
    }

    /// Parses and verifies a note; returns its text. Errors: `Note`, `Unverified`.
    pub fn open(bytes: &[u8], verifiers: &[NoteVerifier]) -> Result<String, TlogError> {
        let note = Note::parse(bytes)?;
        note.verify(verifiers)?;
        Ok(note.text)
    }
}

fn parse_signature_line(line: &str) -> Result<NoteSignature, String> {
    let rest = line
        .strip_prefix(DASH)
        .ok_or("it must start with an em dash and a space")?;
    let (name, blob) = rest
        .split_once(' ')
        .ok_or("it must be a name and a signature")?;
    if !is_valid_name(name) {
        return Err("invalid key name".into());
    }
    let bytes = STANDARD
        .decode(blob)
        .map_err(|_| "the signature is not standard base64".to_string())?;
    if bytes.len() < 5 {
        return Err("the signature is too short".into());
    }
    let (id, signature) = bytes.split_at(4);
    Ok(NoteSignature {
        name: name.to_string(),
        key_id: u32::from_be_bytes([id[0], id[1], id[2], id[3]]),
        signature: signature.to_vec(),
    })
}
