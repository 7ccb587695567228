//! Malformed input of every kind is refused with an error, never a panic, and altered data never
//! passes for the original.

use civis_ballot::blind_rsa::{IssuerPublicKey, IssuerSecretKey, Signature};
use civis_ballot::hpke::{self, HpkePublicKey, HpkeSecretKey};
use civis_ballot::threshold::{trustee_share, Commitments, Dealing, Scalar};
use civis_ballot::OsRandomness;

/// A small deterministic generator for test inputs (xorshift64*).
struct Inputs(u64);

impl Inputs {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

#[test]
fn garbage_points_scalars_and_ciphertexts_are_refused() {
    let mut inputs = Inputs(0x5eed);
    let sk = HpkeSecretKey::generate(&mut OsRandomness).unwrap();
    for round in 0..300 {
        let len = (inputs.next() % 80) as usize;
        let mut point = inputs.bytes(65);
        point[0] = 0x04;
        // A random x and y is on the curve with negligible probability.
        assert!(HpkePublicKey::from_bytes(&point).is_err(), "round {round}");
        assert!(HpkePublicKey::from_bytes(&inputs.bytes(len)).is_err() || len == 65);
        let _ = Scalar::from_bytes(&inputs.bytes(len));
        let _ = Commitments::from_bytes(&inputs.bytes(len * 3));
        assert!(hpke::open(&sk, &point, b"", b"", &inputs.bytes(len)).is_err());
        assert!(hpke::open(&sk, &inputs.bytes(len), b"", b"", &inputs.bytes(48)).is_err());
        let _ = HpkeSecretKey::derive(&inputs.bytes(len));
        let _ = Dealing::from_bytes(&inputs.bytes(len * 7));
    }
}

#[test]
fn garbage_keys_and_signatures_are_refused() {
    let mut inputs = Inputs(0xb11d);
    let sk = IssuerSecretKey::generate(2048).unwrap();
    let pk = sk.public_key();
    let spki = pk.to_spki_der();
    let pkcs8 = sk.to_pkcs8_der().unwrap();
    for cut in 0..spki.len() {
        assert!(IssuerPublicKey::from_spki_der(&spki[..cut]).is_err());
    }
    for cut in (0..pkcs8.len()).step_by(7) {
        assert!(IssuerSecretKey::from_pkcs8_der(&pkcs8[..cut]).is_err());
    }
    for _ in 0..200 {
        let len = (inputs.next() % 300) as usize;
        assert!(IssuerPublicKey::from_spki_der(&inputs.bytes(len)).is_err());
        assert!(IssuerSecretKey::from_pkcs8_der(&inputs.bytes(len)).is_err());
        let sig = Signature::from_bytes(&pk, &inputs.bytes(256)).unwrap();
        assert!(pk.verify(b"message", &sig).is_err());
    }
}

/// Every single-byte change to a published dealing either makes it unreadable, or makes some
/// trustee's share refused; no trustee ever accepts a share other than the dealt one.
#[test]
fn no_altered_dealing_yields_another_share() {
    let mut rng = OsRandomness;
    let personal: Vec<HpkeSecretKey> = (0..3)
        .map(|_| HpkeSecretKey::generate(&mut rng).unwrap())
        .collect();
    let keys: Vec<HpkePublicKey> = personal.iter().map(HpkeSecretKey::public_key).collect();
    let dealing = Dealing::new(2, 2, 3, &keys, &mut rng).unwrap();
    let honest: Vec<Scalar> = (1..=3u32)
        .map(|j| dealing.open_share(j, &personal[j as usize - 1]).unwrap())
        .collect();
    let bytes = dealing.to_bytes();
    for i in 0..bytes.len() {
        let mut altered = bytes.clone();
        altered[i] ^= 0x01;
        let Ok(d) = Dealing::from_bytes(&altered) else {
            continue;
        };
        let mut refused = false;
        for j in 1..=3u32 {
            match d.open_share(j, &personal[j as usize - 1]) {
                Ok(share) => assert_eq!(share, honest[j as usize - 1], "byte {i}, trustee {j}"),
                Err(_) => refused = true,
            }
        }
        assert!(refused, "the change to byte {i} went unnoticed");
        // Built into a trustee's sum, an altered dealing is refused or changes nothing.
        if let Ok(s) = trustee_share(1, &personal[0], std::slice::from_ref(&d)) {
            assert_eq!(s, honest[0]);
        }
    }
}
