//! RSA blind signatures (RFC 9474), variant RSABSSA-SHA384-PSS-Randomized by default.
//!
//! The voter prepares a message (a random 32-byte prefix and the message), blinds it with a
//! random factor `r`, and sends the blinded message to the issuer, who signs it without learning
//! it. The voter unblinds the blind signature into an ordinary RSASSA-PSS signature (SHA-384,
//! MGF1-SHA-384, 48-byte salt) over the prepared message, which anyone verifies with the
//! issuer's public key, and which the issuer cannot link to the signing session.
//!
//! The four variants of RFC 9474 §5 are available through [`Variant`]; the plain functions use
//! [`Variant::Sha384PssRandomized`].

use std::fmt;

use openssl::bn::{BigNum, BigNumContext, BigNumRef};
use openssl::pkey::{PKey, Private};
use openssl::rsa::Rsa;
use sha2::{Digest, Sha256};

use crate::bignum;
use crate::error::{CryptoError, Result};
use crate::pss;
use crate::randomness::Randomness;

/// Length of the random prefix of a randomized prepared message.
pub const PREFIX_LEN: usize = 32;
/// Length of the PSS salt (the SHA-384 output length).
pub const SALT_LEN: usize = pss::HASH_LEN;
/// Modulus sizes accepted for issuer keys, in bits.
pub const ACCEPTED_MODULUS_BITS: [u32; 3] = [2048, 3072, 4096];
/// Attempts at drawing a blinding factor before giving up (each fails with probability < 2^-1000).
const BLIND_ATTEMPTS: usize = 64;

/// The RFC 9474 §5 variants: SHA-384, PSS with a 48-byte salt or no salt, with or without a
/// random message prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// RSABSSA-SHA384-PSS-Randomized: the recommended variant, and this crate's default.
    Sha384PssRandomized,
    /// RSABSSA-SHA384-PSSZERO-Randomized.
    Sha384PssZeroRandomized,
    /// RSABSSA-SHA384-PSS-Deterministic.
    Sha384PssDeterministic,
    /// RSABSSA-SHA384-PSSZERO-Deterministic.
    Sha384PssZeroDeterministic,
}

impl Variant {
    /// The variant's name in RFC 9474.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Sha384PssRandomized => "RSABSSA-SHA384-PSS-Randomized",
            Variant::Sha384PssZeroRandomized => "RSABSSA-SHA384-PSSZERO-Randomized",
            Variant::Sha384PssDeterministic => "RSABSSA-SHA384-PSS-Deterministic",
            Variant::Sha384PssZeroDeterministic => "RSABSSA-SHA384-PSSZERO-Deterministic",
        }
    }

    /// The PSS salt length in bytes: 48 or 0.
    pub fn salt_len(self) -> usize {
        match self {
            Variant::Sha384PssRandomized | Variant::Sha384PssDeterministic => SALT_LEN,
            Variant::Sha384PssZeroRandomized | Variant::Sha384PssZeroDeterministic => 0,
        }
    }

    /// Whether messages get a random 32-byte prefix.
    pub fn is_randomized(self) -> bool {
        matches!(
            self,
            Variant::Sha384PssRandomized | Variant::Sha384PssZeroRandomized
        )
    }

    /// RFC 9474 §4.1 Prepare: the random prefix and the message, or the message alone.
    pub fn prepare(self, msg: &[u8], rng: &mut dyn Randomness) -> Result<Vec<u8>> {
        if !self.is_randomized() {
            return Ok(msg.to_vec());
        }
        let mut prepared = vec![0u8; PREFIX_LEN];
        rng.fill_bytes(&mut prepared)?;
        prepared.extend_from_slice(msg);
        Ok(prepared)
    }
}

/// RFC 9474 §4.1 PrepareRandomize: a random 32-byte prefix followed by `msg`.
pub fn prepare_randomized(msg: &[u8], rng: &mut dyn Randomness) -> Result<Vec<u8>> {
    Variant::Sha384PssRandomized.prepare(msg, rng)
}

/// RFC 9474 §4.1 PrepareIdentity: `msg` itself, for the deterministic variants.
pub fn prepare_deterministic(msg: &[u8]) -> Vec<u8> {
    msg.to_vec()
}

/// An issuer's public key: the RSA modulus and exponent, kept with their SPKI DER encoding.
#[derive(Clone)]
pub struct IssuerPublicKey {
    n: Vec<u8>,
    e: Vec<u8>,
    spki: Vec<u8>,
    modulus_bits: usize,
}

impl IssuerPublicKey {
    /// Reads a DER SubjectPublicKeyInfo (rsaEncryption); refuses other key types and sizes.
    pub fn from_spki_der(der: &[u8]) -> Result<Self> {
        let pkey = PKey::public_key_from_der(der).map_err(|e| CryptoError::InvalidKey {
            what: "issuer public key",
            reason: format!("not a DER SubjectPublicKeyInfo: {e}"),
        })?;
        let rsa = pkey.rsa().map_err(|_| CryptoError::InvalidKey {
            what: "issuer public key",
            reason: "not an RSA key".to_string(),
        })?;
        Self::from_parts(rsa.n(), rsa.e())
    }

    /// The DER SubjectPublicKeyInfo of this key.
    pub fn to_spki_der(&self) -> Vec<u8> {
        self.spki.clone()
    }

    /// The key identifier: SHA-256 of the SPKI DER.
    pub fn key_id(&self) -> [u8; 32] {
        Sha256::digest(&self.spki).into()
    }

    /// The modulus length in bytes: the length of blinded messages and (blind) signatures.
    pub fn modulus_len(&self) -> usize {
        self.modulus_bits.div_ceil(8)
    }

    /// The modulus size in bits.
    pub fn modulus_bits(&self) -> usize {
        self.modulus_bits
    }

    /// RSASSA-PSS-VERIFY of `sig` over `prepared_msg` (the default variant).
    pub fn verify(&self, prepared_msg: &[u8], sig: &Signature) -> Result<()> {
        self.verify_with(Variant::Sha384PssRandomized, prepared_msg, sig)
    }

    /// RSASSA-PSS-VERIFY of `sig` over `prepared_msg` with the variant's salt length.
    pub fn verify_with(
        &self,
        variant: Variant,
        prepared_msg: &[u8],
        sig: &Signature,
    ) -> Result<()> {
        let k = self.modulus_len();
        if sig.0.len() != k {
            return Err(CryptoError::InvalidSignature);
        }
        let (n, e) = self.numbers()?;
        let mut ctx = bignum::ctx()?;
        let s = bignum::from_bytes(&sig.0)?;
        if s.ucmp(&n) != std::cmp::Ordering::Less {
            return Err(CryptoError::InvalidSignature);
        }
        let m = bignum::mod_exp(&s, &e, &n, &mut ctx)?;
        let em_bits = self.modulus_bits - 1;
        let em = bignum::to_bytes(&m, pss::em_len(em_bits))
            .map_err(|_| CryptoError::InvalidSignature)?;
        pss::verify(prepared_msg, &em, em_bits, variant.salt_len())
    }

    /// The modulus and the public exponent as integers.
    fn numbers(&self) -> Result<(BigNum, BigNum)> {
        Ok((bignum::from_bytes(&self.n)?, bignum::from_bytes(&self.e)?))
    }

    fn from_parts(n: &BigNumRef, e: &BigNumRef) -> Result<Self> {
        let bits = u32::try_from(n.num_bits()).unwrap_or(0);
        if !ACCEPTED_MODULUS_BITS.contains(&bits) {
            return Err(CryptoError::UnsupportedKeySize { bits });
        }
        if !e.is_odd() || e.num_bits() < 2 || e.ucmp(n) != std::cmp::Ordering::Less {
            return Err(CryptoError::InvalidKey {
                what: "issuer public key",
                reason: "the public exponent must be odd, at least 3 and below the modulus"
                    .to_string(),
            });
        }
        let rsa = Rsa::from_public_components(bignum::copy(n)?, bignum::copy(e)?)
            .map_err(CryptoError::openssl("building an RSA public key"))?;
        let spki = PKey::from_rsa(rsa)
            .and_then(|p| p.public_key_to_der())
            .map_err(CryptoError::openssl("encoding an RSA public key"))?;
        Ok(IssuerPublicKey {
            n: n.to_vec(),
            e: e.to_vec(),
            spki,
            modulus_bits: bits as usize,
        })
    }
}

impl PartialEq for IssuerPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.spki == other.spki
    }
}

impl Eq for IssuerPublicKey {}

impl fmt::Debug for IssuerPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuerPublicKey")
            .field("modulus_bits", &self.modulus_bits)
            .field("key_id", &hex(&self.key_id()))
            .finish()
    }
}

/// An issuer's secret key: an RSA key of 2048, 3072 or 4096 bits.
pub struct IssuerSecretKey {
    rsa: Rsa<Private>,
    crt: Crt,
    public: IssuerPublicKey,
}

/// The private exponent in Chinese remainder form, every value flagged for OpenSSL's
/// constant-time exponentiation.
struct Crt {
    p: BigNum,
    q: BigNum,
    dp: BigNum,
    dq: BigNum,
    qinv: BigNum,
}

impl Crt {
    fn of(rsa: &Rsa<Private>) -> Result<Self> {
        let missing = || CryptoError::InvalidKey {
            what: "issuer secret key",
            reason: "the CRT parameters (p, q, dP, dQ, qInv) are missing".to_string(),
        };
        let secret = |n: Option<&BigNumRef>| -> Result<BigNum> {
            let mut n = bignum::copy(n.ok_or_else(missing)?)?;
            n.set_const_time();
            Ok(n)
        };
        Ok(Crt {
            p: secret(rsa.p())?,
            q: secret(rsa.q())?,
            dp: secret(rsa.dmp1())?,
            dq: secret(rsa.dmq1())?,
            qinv: secret(rsa.iqmp())?,
        })
    }

    /// RSASP1: `m^d mod n` by the CRT (RFC 8017 §5.2.1, case 2.b).
    fn sign(&self, m: &BigNumRef, ctx: &mut BigNumContext) -> Result<BigNum> {
        let sp = bignum::mod_exp(m, &self.dp, &self.p, ctx)?;
        let sq = bignum::mod_exp(m, &self.dq, &self.q, ctx)?;
        let diff = bignum::mod_sub(&sp, &sq, &self.p, ctx)?;
        let h = bignum::mod_mul(&self.qinv, &diff, &self.p, ctx)?;
        let mut hq = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
        hq.checked_mul(&h, &self.q, ctx)
            .map_err(CryptoError::openssl("multiplication"))?;
        let mut s = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
        s.checked_add(&sq, &hq)
            .map_err(CryptoError::openssl("addition"))?;
        Ok(s)
    }
}

impl IssuerSecretKey {
    /// Generates a key of `bits` bits (2048, 3072 or 4096) with exponent 65537, from OpenSSL's
    /// own CSPRNG.
    pub fn generate(bits: u32) -> Result<Self> {
        if !ACCEPTED_MODULUS_BITS.contains(&bits) {
            return Err(CryptoError::UnsupportedKeySize { bits });
        }
        let rsa = Rsa::generate(bits).map_err(CryptoError::openssl("generating an RSA key"))?;
        Self::from_rsa(rsa)
    }

    /// Reads an unencrypted PKCS #8 DER private key; checks the key's consistency and size.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let pkey = PKey::private_key_from_pkcs8(der).map_err(|e| CryptoError::InvalidKey {
            what: "issuer secret key",
            reason: format!("not a PKCS #8 DER private key: {e}"),
        })?;
        let rsa = pkey.rsa().map_err(|_| CryptoError::InvalidKey {
            what: "issuer secret key",
            reason: "not an RSA key".to_string(),
        })?;
        Self::from_rsa(rsa)
    }

    /// The unencrypted PKCS #8 DER encoding of this key.
    pub fn to_pkcs8_der(&self) -> Result<Vec<u8>> {
        PKey::from_rsa(self.rsa.clone())
            .and_then(|p| p.private_key_to_pkcs8())
            .map_err(CryptoError::openssl("encoding an RSA private key"))
    }

    /// The public half.
    pub fn public_key(&self) -> IssuerPublicKey {
        self.public.clone()
    }

    /// RFC 9474 §4.3 BlindSign: signs a blinded message, then checks the signature before
    /// returning it (a faulty computation must not leak the key).
    pub fn blind_sign(&self, blinded: &BlindedMessage) -> Result<BlindSignature> {
        let public = &self.public;
        let k = public.modulus_len();
        if blinded.0.len() != k {
            return Err(CryptoError::WrongLength {
                what: "blinded message",
                expected: k,
                actual: blinded.0.len(),
            });
        }
        let (n, e) = public.numbers()?;
        let mut ctx = bignum::ctx()?;
        let m = bignum::from_bytes(&blinded.0)?;
        if m.ucmp(&n) != std::cmp::Ordering::Less {
            return Err(CryptoError::NotBelowModulus {
                what: "blinded message",
            });
        }
        let s = self.crt.sign(&m, &mut ctx)?;
        let check = bignum::mod_exp(&s, &e, &n, &mut ctx)?;
        if check.ucmp(&m) != std::cmp::Ordering::Equal {
            return Err(CryptoError::BlindSignatureCheckFailed);
        }
        Ok(BlindSignature(bignum::to_bytes(&s, k)?))
    }

    fn from_rsa(rsa: Rsa<Private>) -> Result<Self> {
        let public = IssuerPublicKey::from_parts(rsa.n(), rsa.e())?;
        match rsa.check_key() {
            Ok(true) => {}
            _ => {
                return Err(CryptoError::InvalidKey {
                    what: "issuer secret key",
                    reason: "the RSA key is inconsistent".to_string(),
                })
            }
        }
        let crt = Crt::of(&rsa)?;
        Ok(IssuerSecretKey { rsa, crt, public })
    }
}

impl fmt::Debug for IssuerSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuerSecretKey")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

macro_rules! modulus_bytes {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(Vec<u8>);

        impl $name {
            /// Reads the bytes, which must be as long as the key's modulus.
            pub fn from_bytes(key: &IssuerPublicKey, bytes: &[u8]) -> Result<Self> {
                let k = key.modulus_len();
                if bytes.len() != k {
                    return Err(CryptoError::WrongLength {
                        what: $what,
                        expected: k,
                        actual: bytes.len(),
                    });
                }
                Ok($name(bytes.to_vec()))
            }

            /// The bytes (as long as the modulus).
            pub fn as_bytes(&self) -> &[u8] {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), hex(&self.0))
            }
        }
    };
}

modulus_bytes!(
    /// A blinded message, sent by the voter to the issuer.
    BlindedMessage,
    "blinded message"
);
modulus_bytes!(
    /// The issuer's signature on a blinded message.
    BlindSignature,
    "blind signature"
);
modulus_bytes!(
    /// An RSASSA-PSS signature over a prepared message.
    Signature,
    "signature"
);

/// The inverse of the blinding factor, kept by the voter between blinding and finalizing.
/// Whoever holds it can link the blinded message to the signature: never send it.
#[derive(Clone, PartialEq, Eq)]
pub struct BlindingSecret(Vec<u8>);

impl BlindingSecret {
    /// Reads the bytes, which must be as long as the key's modulus.
    pub fn from_bytes(key: &IssuerPublicKey, bytes: &[u8]) -> Result<Self> {
        let k = key.modulus_len();
        if bytes.len() != k {
            return Err(CryptoError::WrongLength {
                what: "blinding secret",
                expected: k,
                actual: bytes.len(),
            });
        }
        Ok(BlindingSecret(bytes.to_vec()))
    }

    /// The bytes: `r^-1 mod n`, as long as the modulus.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for BlindingSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BlindingSecret(..)")
    }
}

/// RFC 9474 §4.2 Blind with the default variant (48-byte salt).
pub fn blind(
    pk: &IssuerPublicKey,
    prepared_msg: &[u8],
    rng: &mut dyn Randomness,
) -> Result<(BlindedMessage, BlindingSecret)> {
    blind_with(Variant::Sha384PssRandomized, pk, prepared_msg, rng)
}

/// RFC 9474 §4.2 Blind: PSS-encodes the prepared message (drawing the salt from `rng`), then
/// multiplies it by `r^e` for a uniformly random `r` in `[1, n)` (drawn next from `rng`).
pub fn blind_with(
    variant: Variant,
    pk: &IssuerPublicKey,
    prepared_msg: &[u8],
    rng: &mut dyn Randomness,
) -> Result<(BlindedMessage, BlindingSecret)> {
    let k = pk.modulus_len();
    let mut salt = vec![0u8; variant.salt_len()];
    rng.fill_bytes(&mut salt)?;
    let em_bits = pk.modulus_bits - 1;
    let encoded = pss::encode(prepared_msg, em_bits, &salt)?;
    let (n, e) = pk.numbers()?;
    let mut ctx = bignum::ctx()?;
    let m = bignum::from_bytes(&encoded)?;
    if bignum::mod_inverse(&m, &n, &mut ctx)?.is_none() {
        return Err(CryptoError::NotCoprime);
    }
    let top_bits = pk.modulus_bits % 8;
    for _ in 0..BLIND_ATTEMPTS {
        let mut r_bytes = vec![0u8; k];
        rng.fill_bytes(&mut r_bytes)?;
        if top_bits != 0 {
            if let Some(first) = r_bytes.first_mut() {
                *first &= 0xffu8 >> (8 - top_bits);
            }
        }
        let mut r = bignum::from_bytes(&r_bytes)?;
        r.set_const_time();
        if bignum::is_zero(&r) || r.ucmp(&n) != std::cmp::Ordering::Less {
            continue;
        }
        let Some(inv) = bignum::mod_inverse(&r, &n, &mut ctx)? else {
            continue;
        };
        let x = bignum::mod_exp(&r, &e, &n, &mut ctx)?;
        let z = bignum::mod_mul(&m, &x, &n, &mut ctx)?;
        return Ok((
            BlindedMessage(bignum::to_bytes(&z, k)?),
            BlindingSecret(bignum::to_bytes(&inv, k)?),
        ));
    }
    Err(CryptoError::Randomness(
        "no blinding factor below the modulus after 64 draws".to_string(),
    ))
}

/// RFC 9474 §4.4 Finalize with the default variant.
pub fn finalize(
    pk: &IssuerPublicKey,
    prepared_msg: &[u8],
    blind_sig: &BlindSignature,
    secret: &BlindingSecret,
) -> Result<Signature> {
    finalize_with(
        Variant::Sha384PssRandomized,
        pk,
        prepared_msg,
        blind_sig,
        secret,
    )
}

/// RFC 9474 §4.4 Finalize: unblinds the blind signature and verifies the result, so that a
/// wrong or forged blind signature is refused here.
pub fn finalize_with(
    variant: Variant,
    pk: &IssuerPublicKey,
    prepared_msg: &[u8],
    blind_sig: &BlindSignature,
    secret: &BlindingSecret,
) -> Result<Signature> {
    let k = pk.modulus_len();
    for (what, len) in [
        ("blind signature", blind_sig.0.len()),
        ("blinding secret", secret.0.len()),
    ] {
        if len != k {
            return Err(CryptoError::WrongLength {
                what,
                expected: k,
                actual: len,
            });
        }
    }
    let (n, _) = pk.numbers()?;
    let mut ctx = bignum::ctx()?;
    let z = bignum::from_bytes(&blind_sig.0)?;
    if z.ucmp(&n) != std::cmp::Ordering::Less {
        return Err(CryptoError::NotBelowModulus {
            what: "blind signature",
        });
    }
    let inv = bignum::from_bytes(&secret.0)?;
    let s = bignum::mod_mul(&z, &inv, &n, &mut ctx)?;
    let sig = Signature(bignum::to_bytes(&s, k)?);
    pk.verify_with(variant, prepared_msg, &sig)?;
    Ok(sig)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
