//! RFC 9180 HPKE, DHKEM(P-256, HKDF-SHA256) / HKDF-SHA256 / AES-128-GCM, base mode: the
//! Appendix A.3.1 vectors, round trips and refusals.

use civis_ballot::hpke::{
    decap, encap, key_schedule, open, seal, HpkePublicKey, HpkeSecretKey, ENC_LEN, TAG_LEN,
};
use civis_ballot::{CryptoError, OsRandomness};
use openssl::symm::{encrypt_aead, Cipher};
use serde::Deserialize;

use crate::support::{hex, unhex, FailingRandomness, FixedRandomness};

#[derive(Deserialize)]
#[allow(non_snake_case)]
struct Vector {
    mode: u8,
    kem_id: u16,
    kdf_id: u16,
    aead_id: u16,
    info: String,
    ikmE: String,
    pkEm: String,
    skEm: String,
    ikmR: String,
    pkRm: String,
    skRm: String,
    enc: String,
    shared_secret: String,
    key: String,
    base_nonce: String,
    exporter_secret: String,
    encryptions: Vec<Encryption>,
}

#[derive(Deserialize)]
struct Encryption {
    sequence_number: u64,
    pt: String,
    aad: String,
    nonce: String,
    ct: String,
}

fn vector() -> Vector {
    let v: Vector = serde_json::from_str(include_str!("../fixtures/rfc9180_a3_1.json")).unwrap();
    assert_eq!(
        (v.mode, v.kem_id, v.kdf_id, v.aead_id),
        (
            0,
            civis_ballot::hpke::KEM_ID,
            civis_ballot::hpke::KDF_ID,
            civis_ballot::hpke::AEAD_ID
        )
    );
    v
}

#[test]
fn a31_derived_key_pairs() {
    let v = vector();
    let r = HpkeSecretKey::derive(&unhex(&v.ikmR)).unwrap();
    assert_eq!(hex(&r.to_scalar_bytes()), v.skRm);
    assert_eq!(hex(&r.public_key().to_bytes()), v.pkRm);
    let e = HpkeSecretKey::derive(&unhex(&v.ikmE)).unwrap();
    assert_eq!(hex(&e.to_scalar_bytes()), v.skEm);
    assert_eq!(hex(&e.public_key().to_bytes()), v.pkEm);
    // The scalar alone gives the same key.
    let again = HpkeSecretKey::from_scalar_bytes(unhex(&v.skRm).try_into().unwrap()).unwrap();
    assert_eq!(again, r);
}

#[test]
fn a31_encap_decap_and_key_schedule() {
    let v = vector();
    let pk_r = HpkePublicKey::from_bytes(&unhex(&v.pkRm)).unwrap();
    let mut rng = FixedRandomness::new(vec![unhex(&v.ikmE)]);
    let (shared_secret, enc) = encap(&pk_r, &mut rng).unwrap();
    assert!(rng.is_used_up());
    assert_eq!(hex(&enc), v.enc);
    assert_eq!(hex(&shared_secret), v.shared_secret);

    let sk_r = HpkeSecretKey::derive(&unhex(&v.ikmR)).unwrap();
    assert_eq!(hex(&decap(&enc, &sk_r).unwrap()), v.shared_secret);

    let ks = key_schedule(&shared_secret, &unhex(&v.info)).unwrap();
    assert_eq!(hex(&ks.key), v.key);
    assert_eq!(hex(&ks.base_nonce), v.base_nonce);
    assert_eq!(hex(&ks.exporter_secret), v.exporter_secret);

    // Every listed encryption, with the nonce base_nonce XOR the sequence number.
    for e in &v.encryptions {
        let mut nonce = ks.base_nonce;
        for (i, b) in e.sequence_number.to_be_bytes().iter().enumerate() {
            nonce[4 + i] ^= b;
        }
        assert_eq!(hex(&nonce), e.nonce);
        let mut tag = [0u8; 16];
        let mut ct = encrypt_aead(
            Cipher::aes_128_gcm(),
            &ks.key,
            Some(&nonce),
            &unhex(&e.aad),
            &unhex(&e.pt),
            &mut tag,
        )
        .unwrap();
        ct.extend_from_slice(&tag);
        assert_eq!(hex(&ct), e.ct, "sequence number {}", e.sequence_number);
    }
}

#[test]
fn a31_single_shot_seal_and_open() {
    let v = vector();
    let e = &v.encryptions[0];
    assert_eq!(e.sequence_number, 0);
    let pk_r = HpkePublicKey::from_bytes(&unhex(&v.pkRm)).unwrap();
    let mut rng = FixedRandomness::new(vec![unhex(&v.ikmE)]);
    let (enc, ct) = seal(
        &pk_r,
        &unhex(&v.info),
        &unhex(&e.aad),
        &unhex(&e.pt),
        &mut rng,
    )
    .unwrap();
    assert_eq!(hex(&enc), v.enc);
    assert_eq!(hex(&ct), e.ct);

    let sk_r = HpkeSecretKey::derive(&unhex(&v.ikmR)).unwrap();
    let pt = open(
        &sk_r,
        &unhex(&v.enc),
        &unhex(&v.info),
        &unhex(&e.aad),
        &unhex(&e.ct),
    )
    .unwrap();
    assert_eq!(hex(&pt), e.pt);
}

#[test]
fn round_trips() {
    let mut rng = OsRandomness;
    let sk = HpkeSecretKey::generate(&mut rng).unwrap();
    let pk = sk.public_key();
    for len in [0usize, 1, 15, 16, 17, 1000] {
        let msg: Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
        let (enc, ct) = seal(&pk, b"civis ballot", b"election 7", &msg, &mut rng).unwrap();
        assert_eq!(enc.len(), ENC_LEN);
        assert_eq!(ct.len(), len + TAG_LEN);
        assert_eq!(
            open(&sk, &enc, b"civis ballot", b"election 7", &ct).unwrap(),
            msg
        );
    }
    // Two seals of one message differ (fresh ephemeral keys).
    let (enc1, ct1) = seal(&pk, b"", b"", b"same", &mut rng).unwrap();
    let (enc2, ct2) = seal(&pk, b"", b"", b"same", &mut rng).unwrap();
    assert_ne!(enc1, enc2);
    assert_ne!(ct1, ct2);
    // Keys survive their encodings.
    let again = HpkeSecretKey::from_scalar_bytes(sk.to_scalar_bytes()).unwrap();
    assert_eq!(again.public_key(), pk);
    assert_eq!(HpkePublicKey::from_bytes(&pk.to_bytes()).unwrap(), pk);
}

#[test]
fn refusals() {
    let mut rng = OsRandomness;
    let sk = HpkeSecretKey::generate(&mut rng).unwrap();
    let pk = sk.public_key();
    let (enc, ct) = seal(&pk, b"info", b"aad", b"secret ballot", &mut rng).unwrap();
    let failed = Err(CryptoError::DecryptionFailed);

    let other = HpkeSecretKey::generate(&mut rng).unwrap();
    assert_eq!(
        open(&other, &enc, b"info", b"aad", &ct),
        failed,
        "wrong key"
    );
    assert_eq!(open(&sk, &enc, b"infp", b"aad", &ct), failed, "other info");
    assert_eq!(open(&sk, &enc, b"info", b"aae", &ct), failed, "other aad");
    assert_eq!(open(&sk, &enc, b"info", b"", &ct), failed, "missing aad");
    for i in [0, 5, ct.len() - 1] {
        let mut bad = ct.clone();
        bad[i] ^= 0x80;
        assert_eq!(
            open(&sk, &enc, b"info", b"aad", &bad),
            failed,
            "ciphertext byte {i}"
        );
    }
    assert_eq!(
        open(&sk, &enc, b"info", b"aad", &ct[..ct.len() - 1]),
        failed,
        "truncated"
    );
    assert!(matches!(
        open(&sk, &enc, b"info", b"aad", &ct[..TAG_LEN - 1]),
        Err(CryptoError::WrongLength { .. })
    ));
    // Another valid enc: decapsulates to another secret.
    let other_enc = HpkeSecretKey::generate(&mut rng)
        .unwrap()
        .public_key()
        .to_bytes();
    assert_eq!(
        open(&sk, &other_enc, b"info", b"aad", &ct),
        failed,
        "other enc"
    );
    // A tampered enc is off the curve (or, rarely, another point): refused either way.
    let mut bad_enc = enc.clone();
    bad_enc[64] ^= 1;
    assert!(open(&sk, &bad_enc, b"info", b"aad", &ct).is_err());
    assert!(matches!(
        open(&sk, &enc[..64], b"info", b"aad", &ct),
        Err(CryptoError::WrongLength { .. })
    ));
}

#[test]
fn bad_public_keys_are_refused() {
    let pk = HpkeSecretKey::generate(&mut OsRandomness)
        .unwrap()
        .public_key()
        .to_bytes();
    // Wrong lengths, including the one-byte encoding of the point at infinity.
    for bytes in [&pk[..64], &[0u8][..], &[][..]] {
        assert!(matches!(
            HpkePublicKey::from_bytes(bytes),
            Err(CryptoError::WrongLength { .. })
        ));
    }
    // Compressed form is refused.
    let mut compressed = pk;
    compressed[0] = 0x02;
    assert!(matches!(
        HpkePublicKey::from_bytes(&compressed),
        Err(CryptoError::InvalidPoint { .. })
    ));
    // Off the curve.
    let mut off = pk;
    off[64] ^= 1;
    assert_eq!(
        HpkePublicKey::from_bytes(&off),
        Err(CryptoError::InvalidPoint {
            what: "HPKE public key",
            reason: "not a point on P-256"
        })
    );
    // (0, 0) is not a point either.
    let mut zero = [0u8; 65];
    zero[0] = 0x04;
    assert!(matches!(
        HpkePublicKey::from_bytes(&zero),
        Err(CryptoError::InvalidPoint { .. })
    ));
    // Seal to nothing valid is impossible: the type only holds valid points.
    assert!(HpkePublicKey::from_bytes(&pk).is_ok());
}

#[test]
fn bad_secret_keys_are_refused() {
    let order = unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    let zero = [0u8; 32];
    assert_eq!(
        HpkeSecretKey::from_scalar_bytes(zero),
        Err(CryptoError::InvalidScalar {
            what: "HPKE secret key",
            reason: "zero"
        })
    );
    assert!(matches!(
        HpkeSecretKey::from_scalar_bytes(order.clone().try_into().unwrap()),
        Err(CryptoError::InvalidScalar { .. })
    ));
    assert!(matches!(
        HpkeSecretKey::from_scalar_bytes([0xff; 32]),
        Err(CryptoError::InvalidScalar { .. })
    ));
    // order - 1 is the largest valid scalar.
    let mut below = order;
    below[31] -= 1;
    HpkeSecretKey::from_scalar_bytes(below.try_into().unwrap()).unwrap();
    assert!(matches!(
        HpkeSecretKey::derive(&[7u8; 31]),
        Err(CryptoError::InvalidKey { .. })
    ));
    assert!(matches!(
        HpkeSecretKey::generate(&mut FailingRandomness),
        Err(CryptoError::Randomness(_))
    ));
}
