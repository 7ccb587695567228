//! Every submission's credential: the issuer's RFC 9474 signature
//! (RSABSSA-SHA384-PSS-Randomized) of `randomizer || token` must verify under the
//! issuer key of `credentials.json`, whose key id must be the key's.

use civis_ballot::blind_rsa::{IssuerPublicKey, Signature, PREFIX_LEN};

use crate::parallel::par_map;
use crate::record::{entry_location, BallotEntry, CredentialIssuer, CREDENTIALS};
use crate::report::CheckResult;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks every entry's credential signature against `issuer`.
pub fn check_credentials(
    issuer: &CredentialIssuer,
    entries: &[Option<BallotEntry>],
) -> CheckResult {
    let mut check = CheckResult::new("credentials");
    let size = entries.len();
    let key = match IssuerPublicKey::from_spki_der(issuer.public_key.as_slice()) {
        Ok(k) => k,
        Err(e) => {
            check.fail(format!("{CREDENTIALS}: public_key: {e}"));
            return check;
        }
    };
    let id = hex(&key.key_id());
    if id != issuer.key_id {
        check.fail(format!(
            "{CREDENTIALS}: key_id is {}, the key's id is {id}",
            issuer.key_id
        ));
    }
    let problems = par_map(entries, |i, entry| {
        let credential = &entry.as_ref()?.credential;
        if credential.randomizer.as_slice().len() != PREFIX_LEN {
            return Some(format!(
                "{}: the credential's randomizer is {} bytes, not {PREFIX_LEN}",
                entry_location(i, size),
                credential.randomizer.as_slice().len()
            ));
        }
        let verified = Signature::from_bytes(&key, credential.signature.as_slice())
            .and_then(|sig| key.verify(&credential.signed_message(), &sig));
        match verified {
            Ok(()) => None,
            Err(e) => Some(format!(
                "{}: the credential signature does not verify under the issuer key: {e}",
                entry_location(i, size)
            )),
        }
    });
    let bad = problems.iter().flatten().count();
    for p in problems.into_iter().flatten() {
        check.fail(p);
    }
    check.summary = format!(
        "{} credential signatures verify under issuer key {id} ({} bits)",
        entries.iter().flatten().count() - bad,
        key.modulus_bits()
    );
    check
}
