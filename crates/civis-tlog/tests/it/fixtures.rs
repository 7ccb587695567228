//! The committed test vectors.

use civis_tlog::Hash;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Rfc6962 {
    pub leaves: Vec<String>,
    pub empty_root: String,
    pub roots: Vec<String>,
    pub inclusion: Vec<Inclusion>,
    pub consistency: Vec<Consistency>,
}

#[derive(Deserialize)]
pub struct Inclusion {
    pub index: u64,
    pub size: u64,
    pub proof: Vec<String>,
}

#[derive(Deserialize)]
pub struct Consistency {
    pub old: u64,
    pub new: u64,
    pub proof: Vec<String>,
}

#[derive(Deserialize)]
pub struct GoNote {
    pub name: String,
    pub vkey: String,
    pub skey: String,
    pub text: String,
    pub signature_line: String,
    pub other_vkey: String,
    pub other_signature_line: String,
}

pub fn rfc6962() -> Rfc6962 {
    serde_json::from_str(include_str!("../fixtures/rfc6962.json")).unwrap()
}

pub fn go_note() -> GoNote {
    serde_json::from_str(include_str!("../fixtures/go_note.json")).unwrap()
}

pub fn h(hex: &str) -> Hash {
    Hash::from_hex(hex).unwrap()
}

pub fn hs(hexes: &[String]) -> Vec<Hash> {
    hexes.iter().map(|x| h(x)).collect()
}

pub fn bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}
