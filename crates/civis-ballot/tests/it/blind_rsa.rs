//! RFC 9474 RSA blind signatures: the Appendix A vectors, round trips and refusals.

use std::sync::OnceLock;

use civis_ballot::blind_rsa::{
    blind, blind_with, finalize, finalize_with, prepare_deterministic, prepare_randomized,
    BlindSignature, BlindedMessage, BlindingSecret, IssuerPublicKey, IssuerSecretKey, Signature,
    Variant,
};
use civis_ballot::{CryptoError, OsRandomness};
use openssl::bn::{BigNum, BigNumContext};
use openssl::hash::MessageDigest;
use openssl::pkey::PKey;
use openssl::rsa::{Padding, Rsa};
use openssl::sign::{RsaPssSaltlen, Verifier};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::support::{hex, unhex, FailingRandomness, FixedRandomness};

#[derive(Deserialize)]
struct Fixture {
    key: Key,
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Key {
    p: String,
    q: String,
    n: String,
    e: String,
    d: String,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    msg: String,
    prefix: String,
    prepared_msg: String,
    salt: String,
    inv: String,
    blinded_msg: String,
    blind_sig: String,
    sig: String,
}

fn fixture() -> Fixture {
    serde_json::from_str(include_str!("../fixtures/rfc9474.json")).expect("fixture")
}

fn bn(h: &str) -> BigNum {
    BigNum::from_slice(&unhex(h)).expect("bignum")
}

/// The RFC's 4096-bit key as PKCS #8, with the CRT parameters computed from p, q and d.
fn rfc_key(key: &Key) -> IssuerSecretKey {
    let mut ctx = BigNumContext::new().unwrap();
    let (p, q, d) = (bn(&key.p), bn(&key.q), bn(&key.d));
    let one = BigNum::from_u32(1).unwrap();
    let mut p1 = BigNum::new().unwrap();
    p1.checked_sub(&p, &one).unwrap();
    let mut q1 = BigNum::new().unwrap();
    q1.checked_sub(&q, &one).unwrap();
    let mut dmp1 = BigNum::new().unwrap();
    dmp1.nnmod(&d, &p1, &mut ctx).unwrap();
    let mut dmq1 = BigNum::new().unwrap();
    dmq1.nnmod(&d, &q1, &mut ctx).unwrap();
    let mut iqmp = BigNum::new().unwrap();
    iqmp.mod_inverse(&q, &p, &mut ctx).unwrap();
    let rsa =
        Rsa::from_private_components(bn(&key.n), bn(&key.e), d, p, q, dmp1, dmq1, iqmp).unwrap();
    let der = PKey::from_rsa(rsa).unwrap().private_key_to_pkcs8().unwrap();
    IssuerSecretKey::from_pkcs8_der(&der).expect("the RFC key is accepted")
}

fn variant(name: &str) -> Variant {
    [
        Variant::Sha384PssRandomized,
        Variant::Sha384PssZeroRandomized,
        Variant::Sha384PssDeterministic,
        Variant::Sha384PssZeroDeterministic,
    ]
    .into_iter()
    .find(|v| v.name() == name)
    .expect("known variant")
}

#[test]
fn rfc9474_appendix_a_vectors() {
    let fx = fixture();
    let sk = rfc_key(&fx.key);
    let pk = sk.public_key();
    assert_eq!(pk.modulus_bits(), 4096);
    let n = bn(&fx.key.n);
    let mut ctx = BigNumContext::new().unwrap();
    assert_eq!(fx.vectors.len(), 4);
    for v in &fx.vectors {
        let variant = variant(&v.name);
        // Prepare: the prefix is the first draw of randomness in the randomized variants.
        let prepared = if variant.is_randomized() {
            let mut rng = FixedRandomness::new(vec![unhex(&v.prefix)]);
            variant.prepare(&unhex(&v.msg), &mut rng).unwrap()
        } else {
            assert!(v.prefix.is_empty());
            prepare_deterministic(&unhex(&v.msg))
        };
        assert_eq!(
            hex(&prepared),
            v.prepared_msg,
            "{}: prepared message",
            v.name
        );

        // Blind: the salt, then r = inv^-1 mod n.
        let mut r = BigNum::new().unwrap();
        r.mod_inverse(&bn(&v.inv), &n, &mut ctx).unwrap();
        let mut chunks = vec![r.to_vec_padded(512).unwrap()];
        if variant.salt_len() > 0 {
            chunks.insert(0, unhex(&v.salt));
        } else {
            assert!(v.salt.is_empty());
            chunks.insert(0, Vec::new());
        }
        let mut rng = FixedRandomness::new(chunks);
        let (blinded, secret) = blind_with(variant, &pk, &prepared, &mut rng).unwrap();
        assert!(rng.is_used_up());
        assert_eq!(
            hex(blinded.as_bytes()),
            v.blinded_msg,
            "{}: blinded_msg",
            v.name
        );
        assert_eq!(
            hex(secret.as_bytes()),
            format!("{:0>1024}", v.inv),
            "{}: inv",
            v.name
        );

        let blind_sig = sk.blind_sign(&blinded).unwrap();
        assert_eq!(
            hex(blind_sig.as_bytes()),
            v.blind_sig,
            "{}: blind_sig",
            v.name
        );

        let sig = finalize_with(variant, &pk, &prepared, &blind_sig, &secret).unwrap();
        assert_eq!(hex(sig.as_bytes()), v.sig, "{}: sig", v.name);
        pk.verify_with(variant, &prepared, &sig).unwrap();
        // The published signature read from bytes verifies too.
        let published = Signature::from_bytes(&pk, &unhex(&v.sig)).unwrap();
        pk.verify_with(variant, &prepared, &published).unwrap();
    }
}

#[test]
fn the_vectors_salt_length_matters() {
    let fx = fixture();
    let sk = rfc_key(&fx.key);
    let pk = sk.public_key();
    let v = &fx.vectors[0];
    let sig = Signature::from_bytes(&pk, &unhex(&v.sig)).unwrap();
    let prepared = unhex(&v.prepared_msg);
    pk.verify(&prepared, &sig).unwrap();
    assert_eq!(
        pk.verify_with(Variant::Sha384PssZeroRandomized, &prepared, &sig),
        Err(CryptoError::InvalidSignature)
    );
}

fn key_2048() -> &'static IssuerSecretKey {
    static KEY: OnceLock<IssuerSecretKey> = OnceLock::new();
    KEY.get_or_init(|| IssuerSecretKey::generate(2048).unwrap())
}

/// OpenSSL's own RSASSA-PSS verifier, as an independent check of the signatures made here.
fn openssl_verifies(pk: &IssuerPublicKey, msg: &[u8], sig: &Signature) -> bool {
    let pkey = PKey::public_key_from_der(&pk.to_spki_der()).unwrap();
    let mut verifier = Verifier::new(MessageDigest::sha384(), &pkey).unwrap();
    verifier.set_rsa_padding(Padding::PKCS1_PSS).unwrap();
    verifier
        .set_rsa_pss_saltlen(RsaPssSaltlen::custom(48))
        .unwrap();
    verifier.set_rsa_mgf1_md(MessageDigest::sha384()).unwrap();
    verifier.update(msg).unwrap();
    verifier.verify(sig.as_bytes()).unwrap()
}

#[test]
fn round_trip_with_a_fresh_2048_bit_key() {
    let sk = key_2048();
    let pk = sk.public_key();
    assert_eq!(pk.modulus_len(), 256);
    let mut rng = OsRandomness;
    let prepared = prepare_randomized(b"ballot credential 42", &mut rng).unwrap();
    assert_eq!(&prepared[32..], b"ballot credential 42");
    let (blinded, secret) = blind(&pk, &prepared, &mut rng).unwrap();
    let blind_sig = sk.blind_sign(&blinded).unwrap();
    let sig = finalize(&pk, &prepared, &blind_sig, &secret).unwrap();
    pk.verify(&prepared, &sig).unwrap();
    assert!(openssl_verifies(&pk, &prepared, &sig));
    // The issuer saw neither the message nor the signature.
    assert_ne!(blinded.as_bytes(), sig.as_bytes());
    assert_ne!(blind_sig.as_bytes(), sig.as_bytes());
}

#[test]
fn two_blindings_of_one_message_look_unrelated() {
    let pk = key_2048().public_key();
    let prepared = prepare_deterministic(b"same message");
    let (a, _) = blind(&pk, &prepared, &mut OsRandomness).unwrap();
    let (b, _) = blind(&pk, &prepared, &mut OsRandomness).unwrap();
    assert_ne!(a, b);
}

#[test]
fn deterministic_variant_round_trip() {
    let sk = key_2048();
    let pk = sk.public_key();
    let variant = Variant::Sha384PssDeterministic;
    let prepared = variant
        .prepare(b"no prefix", &mut FailingRandomness)
        .unwrap();
    assert_eq!(prepared, b"no prefix");
    let (blinded, secret) = blind_with(variant, &pk, &prepared, &mut OsRandomness).unwrap();
    let sig = finalize_with(
        variant,
        &pk,
        &prepared,
        &sk.blind_sign(&blinded).unwrap(),
        &secret,
    )
    .unwrap();
    pk.verify(&prepared, &sig).unwrap();
    assert!(openssl_verifies(&pk, &prepared, &sig));
}

#[test]
fn a_signature_on_another_message_is_refused() {
    let sk = key_2048();
    let pk = sk.public_key();
    let prepared = prepare_randomized(b"message one", &mut OsRandomness).unwrap();
    let (blinded, secret) = blind(&pk, &prepared, &mut OsRandomness).unwrap();
    let sig = finalize(&pk, &prepared, &sk.blind_sign(&blinded).unwrap(), &secret).unwrap();
    let mut other = prepared.clone();
    other[40] ^= 1;
    assert_eq!(pk.verify(&other, &sig), Err(CryptoError::InvalidSignature));
    // Finalizing against another message fails too.
    let blind_sig = sk.blind_sign(&blinded).unwrap();
    assert_eq!(
        finalize(&pk, &other, &blind_sig, &secret),
        Err(CryptoError::InvalidSignature)
    );
    // And a signature under another key does not verify.
    let other_key = IssuerSecretKey::generate(2048).unwrap().public_key();
    assert_eq!(
        other_key.verify(&prepared, &sig),
        Err(CryptoError::InvalidSignature)
    );
}

#[test]
fn a_tampered_blind_signature_is_refused_at_finalize() {
    let sk = key_2048();
    let pk = sk.public_key();
    let prepared = prepare_randomized(b"vote token", &mut OsRandomness).unwrap();
    let (blinded, secret) = blind(&pk, &prepared, &mut OsRandomness).unwrap();
    let blind_sig = sk.blind_sign(&blinded).unwrap();
    let mut bytes = blind_sig.as_bytes().to_vec();
    bytes[100] ^= 0x10;
    let tampered = BlindSignature::from_bytes(&pk, &bytes).unwrap();
    assert_eq!(
        finalize(&pk, &prepared, &tampered, &secret),
        Err(CryptoError::InvalidSignature)
    );
    // A tampered blinding secret fails the same way.
    let mut inv = secret.as_bytes().to_vec();
    inv[200] ^= 1;
    let wrong_secret = BlindingSecret::from_bytes(&pk, &inv).unwrap();
    assert_eq!(
        finalize(&pk, &prepared, &blind_sig, &wrong_secret),
        Err(CryptoError::InvalidSignature)
    );
    // A tampered final signature does not verify.
    let sig = finalize(&pk, &prepared, &blind_sig, &secret).unwrap();
    let mut s = sig.as_bytes().to_vec();
    s[0] ^= 0x01;
    let s = Signature::from_bytes(&pk, &s).unwrap();
    assert_eq!(pk.verify(&prepared, &s), Err(CryptoError::InvalidSignature));
}

#[test]
fn a_blinded_message_not_below_the_modulus_is_refused() {
    let sk = key_2048();
    let pk = sk.public_key();
    let rsa = PKey::public_key_from_der(&pk.to_spki_der())
        .unwrap()
        .rsa()
        .unwrap();
    let n = rsa.n().to_vec();
    for bytes in [n.clone(), vec![0xff; 256]] {
        let m = BlindedMessage::from_bytes(&pk, &bytes).unwrap();
        assert_eq!(
            sk.blind_sign(&m),
            Err(CryptoError::NotBelowModulus {
                what: "blinded message"
            })
        );
    }
    // n - 1 is a valid input.
    let mut below = n;
    *below.last_mut().unwrap() -= 1;
    sk.blind_sign(&BlindedMessage::from_bytes(&pk, &below).unwrap())
        .unwrap();
}

#[test]
fn lengths_are_checked_against_the_modulus() {
    let pk = key_2048().public_key();
    assert_eq!(
        BlindedMessage::from_bytes(&pk, &[1u8; 255]),
        Err(CryptoError::WrongLength {
            what: "blinded message",
            expected: 256,
            actual: 255
        })
    );
    assert!(BlindSignature::from_bytes(&pk, &[1u8; 512]).is_err());
    assert!(Signature::from_bytes(&pk, &[]).is_err());
    assert!(BlindingSecret::from_bytes(&pk, &[1u8; 257]).is_err());
    // A blinded message of another key's size is refused by the signer.
    let big = IssuerSecretKey::generate(3072).unwrap();
    let m = BlindedMessage::from_bytes(&pk, &[1u8; 256]).unwrap();
    assert_eq!(
        big.blind_sign(&m),
        Err(CryptoError::WrongLength {
            what: "blinded message",
            expected: 384,
            actual: 256
        })
    );
}

#[test]
fn keys_of_the_wrong_size_are_refused() {
    assert_eq!(
        IssuerSecretKey::generate(1024).unwrap_err(),
        CryptoError::UnsupportedKeySize { bits: 1024 }
    );
    let small = Rsa::generate(1024).unwrap();
    let pkey = PKey::from_rsa(small).unwrap();
    assert_eq!(
        IssuerSecretKey::from_pkcs8_der(&pkey.private_key_to_pkcs8().unwrap()).unwrap_err(),
        CryptoError::UnsupportedKeySize { bits: 1024 }
    );
    assert_eq!(
        IssuerPublicKey::from_spki_der(&pkey.public_key_to_der().unwrap()).unwrap_err(),
        CryptoError::UnsupportedKeySize { bits: 1024 }
    );
}

#[test]
fn malformed_and_foreign_keys_are_refused() {
    assert!(matches!(
        IssuerSecretKey::from_pkcs8_der(b"not a key"),
        Err(CryptoError::InvalidKey { .. })
    ));
    assert!(matches!(
        IssuerPublicKey::from_spki_der(&[]),
        Err(CryptoError::InvalidKey { .. })
    ));
    let ec = openssl::ec::EcKey::generate(
        &openssl::ec::EcGroup::from_curve_name(openssl::nid::Nid::X9_62_PRIME256V1).unwrap(),
    )
    .unwrap();
    let ec = PKey::from_ec_key(ec).unwrap();
    assert!(matches!(
        IssuerSecretKey::from_pkcs8_der(&ec.private_key_to_pkcs8().unwrap()),
        Err(CryptoError::InvalidKey { .. })
    ));
    assert!(matches!(
        IssuerPublicKey::from_spki_der(&ec.public_key_to_der().unwrap()),
        Err(CryptoError::InvalidKey { .. })
    ));
}

#[test]
fn keys_survive_their_encodings() {
    let sk = key_2048();
    let pk = sk.public_key();
    let again = IssuerSecretKey::from_pkcs8_der(&sk.to_pkcs8_der().unwrap()).unwrap();
    assert_eq!(again.public_key(), pk);
    let spki = pk.to_spki_der();
    assert_eq!(IssuerPublicKey::from_spki_der(&spki).unwrap(), pk);
    let id: [u8; 32] = Sha256::digest(&spki).into();
    assert_eq!(pk.key_id(), id);
    // A signature made with the re-read key verifies under the original public key.
    let prepared = prepare_randomized(b"m", &mut OsRandomness).unwrap();
    let (blinded, secret) = blind(&pk, &prepared, &mut OsRandomness).unwrap();
    let sig = finalize(
        &pk,
        &prepared,
        &again.blind_sign(&blinded).unwrap(),
        &secret,
    )
    .unwrap();
    pk.verify(&prepared, &sig).unwrap();
}

#[test]
fn failing_randomness_is_an_error_not_a_panic() {
    let pk = key_2048().public_key();
    assert!(matches!(
        prepare_randomized(b"m", &mut FailingRandomness),
        Err(CryptoError::Randomness(_))
    ));
    assert!(matches!(
        blind(&pk, b"m", &mut FailingRandomness),
        Err(CryptoError::Randomness(_))
    ));
}
