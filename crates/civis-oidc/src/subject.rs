//! Subject identifiers (OpenID Connect Core §8): pairwise by default, each
//! client sector seeing a different, stable `sub` for the same resident, and
//! one public identifier shared by the clients an admin marks as public.

use civis_domain::UserId;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The sector under which every public client computes its subject ids.
const PUBLIC_SECTOR: &str = "civis:public";

/// `BASE64URL(HMAC-SHA256(secret, sector || 0x00 || user id))`: the pairwise
/// subject identifier of `user` for the clients of `sector`. Without the
/// server-wide `secret` the identifiers of two sectors cannot be linked.
pub fn pairwise(secret: &[u8], sector: &str, user: UserId) -> String {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(sector.as_bytes());
    mac.update(&[0]);
    mac.update(user.0.to_string().as_bytes());
    crate::b64::encode(&mac.finalize().into_bytes())
}

/// The public subject identifier of `user`: the same for every public client.
pub fn public(secret: &[u8], user: UserId) -> String {
    pairwise(secret, PUBLIC_SECTOR, user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_per_sector_distinct_across_sectors_and_users() {
        let secret = b"server-wide secret";
        let a = pairwise(secret, "client-a", UserId(7));
        assert_eq!(a, pairwise(secret, "client-a", UserId(7)));
        assert_ne!(a, pairwise(secret, "client-b", UserId(7)));
        assert_ne!(a, pairwise(secret, "client-a", UserId(8)));
        assert_ne!(a, pairwise(b"another secret", "client-a", UserId(7)));
        assert_eq!(a.len(), 43);
        assert_eq!(public(secret, UserId(7)), public(secret, UserId(7)));
        assert_ne!(public(secret, UserId(7)), a);
        // No ambiguity between sector and user: "a1" + 2 differs from "a" + 12.
        assert_ne!(
            pairwise(secret, "a1", UserId(2)),
            pairwise(secret, "a", UserId(12))
        );
    }

    /// RFC 4231 test case 2, through the same HMAC.
    #[test]
    fn hmac_matches_rfc4231() {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let out = mac.finalize().into_bytes();
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
