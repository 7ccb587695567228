//! JWS compact serialization (RFC 7515 §7.1). The signature is computed and
//! checked by the caller (OpenSSL in the web layer) over [`signing_input`].

use serde::{Deserialize, Serialize};

/// A signature algorithm the provider uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alg {
    /// RSASSA-PKCS1-v1_5 with SHA-256 (mandatory in OpenID Connect).
    Rs256,
    /// ECDSA P-256 with SHA-256.
    Es256,
}

impl Alg {
    /// The JOSE name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rs256 => "RS256",
            Self::Es256 => "ES256",
        }
    }

    /// Parses [`Alg::as_str`].
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Rs256, Self::Es256]
            .into_iter()
            .find(|a| a.as_str() == text)
    }
}

/// A JWS protected header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The algorithm.
    pub alg: String,
    /// The key id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// The media type, `JWT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
}

impl Header {
    /// The header of a JWT signed with `alg` by key `kid`.
    pub fn jwt(alg: Alg, kid: &str) -> Self {
        Header {
            alg: alg.as_str().to_owned(),
            kid: Some(kid.to_owned()),
            typ: Some("JWT".to_owned()),
        }
    }
}

/// `BASE64URL(header) || '.' || BASE64URL(payload)`.
pub fn signing_input(
    header: &Header,
    payload: &impl Serialize,
) -> Result<String, serde_json::Error> {
    let h = serde_json::to_vec(header)?;
    let p = serde_json::to_vec(payload)?;
    Ok(format!(
        "{}.{}",
        crate::b64::encode(&h),
        crate::b64::encode(&p)
    ))
}

/// The compact serialization: the signing input, `.`, the signature.
pub fn compact(signing_input: &str, signature: &[u8]) -> String {
    format!("{signing_input}.{}", crate::b64::encode(signature))
}

/// A JWS in compact form, split and decoded (not yet verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The protected header.
    pub header: Header,
    /// The payload bytes.
    pub payload: Vec<u8>,
    /// What the signature covers.
    pub signing_input: String,
    /// The signature bytes.
    pub signature: Vec<u8>,
}

/// Why a compact JWS could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum JwsError {
    /// Not three base64url parts, or a header that is not JSON.
    #[error("not a JWS in compact serialization")]
    Malformed,
}

/// Splits and decodes a compact JWS.
pub fn parse(token: &str) -> Result<Parsed, JwsError> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwsError::Malformed);
    };
    let header_bytes = crate::b64::decode(h).ok_or(JwsError::Malformed)?;
    let header: Header = serde_json::from_slice(&header_bytes).map_err(|_| JwsError::Malformed)?;
    Ok(Parsed {
        header,
        payload: crate::b64::decode(p).ok_or(JwsError::Malformed)?,
        signing_input: format!("{h}.{p}"),
        signature: crate::b64::decode(s).ok_or(JwsError::Malformed)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_round_trip() {
        let header = Header::jwt(Alg::Rs256, "k1");
        let input = signing_input(&header, &serde_json::json!({"sub": "x"})).unwrap();
        let token = compact(&input, b"sig");
        let parsed = parse(&token).unwrap();
        assert_eq!(parsed.header, header);
        assert_eq!(parsed.payload, br#"{"sub":"x"}"#);
        assert_eq!(parsed.signing_input, input);
        assert_eq!(parsed.signature, b"sig");
        assert_eq!(parse("a.b"), Err(JwsError::Malformed));
        assert_eq!(parse("a.b.c.d"), Err(JwsError::Malformed));
        assert_eq!(parse(&format!("{token}!")), Err(JwsError::Malformed));
        assert_eq!(Alg::parse("ES256"), Some(Alg::Es256));
        assert_eq!(Alg::parse("none"), None);
    }
}
