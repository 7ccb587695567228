//! Static assets compiled into the binary and served under content-hashed URLs.
//!
//! The stylesheet's URL carries a hash of its bytes, so browsers may cache it for a
//! year: a changed stylesheet gets a new URL.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The site's only stylesheet.
pub const CSS: &str = include_str!("../static/civis.css");

/// The one script: the live knapsack budget meter of the voting page (progressive
/// enhancement; the page works without it).
pub const METER_JS: &str = include_str!("../static/budget-meter.js");

/// 64-bit FNV-1a of `bytes`, computed at compile time for cache-busting URLs.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The passkey ceremonies' script (the sign-in, step-up and sign-in methods
/// pages; they say what to do without it).
pub const PASSKEY_JS: &str = include_str!("../static/passkey.js");

const PASSKEY_JS_HASH: u64 = fnv1a(PASSKEY_JS.as_bytes());

/// The passkey script's URL path, for `<script src>`.
pub fn passkey_js_href() -> String {
    format!("/static/{}", passkey_js_file())
}

fn passkey_js_file() -> String {
    format!("passkey.{PASSKEY_JS_HASH:016x}.js")
}

/// The secret-ballot voter's cryptography (`CivisBallotCrypto`: Ed25519, RFC 9474
/// blinding, RFC 9180 HPKE, the log entry), used by [`SECRET_BALLOT_JS`].
pub const BALLOT_CRYPTO_JS: &str = include_str!("../static/ballot-crypto.js");

/// The secret-ballot voting page's script: credential, sealing, casting, receipt.
pub const SECRET_BALLOT_JS: &str = include_str!("../static/secret-ballot.js");

const BALLOT_CRYPTO_JS_HASH: u64 = fnv1a(BALLOT_CRYPTO_JS.as_bytes());
const SECRET_BALLOT_JS_HASH: u64 = fnv1a(SECRET_BALLOT_JS.as_bytes());

fn ballot_crypto_js_file() -> String {
    format!("ballot-crypto.{BALLOT_CRYPTO_JS_HASH:016x}.js")
}

fn secret_ballot_js_file() -> String {
    format!("secret-ballot.{SECRET_BALLOT_JS_HASH:016x}.js")
}

/// The ballot cryptography script's URL path, for `<script src>`.
pub fn ballot_crypto_js_href() -> String {
    format!("/static/{}", ballot_crypto_js_file())
}

/// The secret-ballot page script's URL path, for `<script src>`.
pub fn secret_ballot_js_href() -> String {
    format!("/static/{}", secret_ballot_js_file())
}

/// The threat model of secret ballots (`docs/threat-model.md`), served as text so
/// that the voting page can point to it.
pub const THREAT_MODEL: &str = include_str!("../../../docs/threat-model.md");

/// Where the threat model is served.
pub const THREAT_MODEL_PATH: &str = "/docs/threat-model.md";

const CSS_HASH: u64 = fnv1a(CSS.as_bytes());
const METER_JS_HASH: u64 = fnv1a(METER_JS.as_bytes());

const HEX: &[u8; 16] = b"0123456789abcdef";

const fn css_file_name() -> [u8; 26] {
    // "civis." + 16 hex digits + ".css" = 6 + 16 + 4 bytes
    let mut out = *b"civis.0000000000000000.css";
    let mut i = 0;
    while i < 16 {
        out[6 + i] = HEX[((CSS_HASH >> (60 - 4 * i)) & 0xf) as usize];
        i += 1;
    }
    out
}

const CSS_FILE_BYTES: [u8; 26] = css_file_name();

/// The stylesheet's file name, e.g. `civis.0123456789abcdef.css`.
pub fn css_file() -> &'static str {
    std::str::from_utf8(&CSS_FILE_BYTES).unwrap_or("civis.css")
}

/// The stylesheet's URL path, to put in `<link rel=stylesheet href>`.
pub fn css_href() -> String {
    format!("/static/{}", css_file())
}

/// The meter script's file name, e.g. `budget-meter.0123456789abcdef.js`.
pub fn meter_js_file() -> String {
    format!("budget-meter.{METER_JS_HASH:016x}.js")
}

/// The meter script's URL path, for `<script src>`.
pub fn meter_js_href() -> String {
    format!("/static/{}", meter_js_file())
}

/// Routes serving `/static/…`.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/static/{file}", get(serve))
        .route(THREAT_MODEL_PATH, get(threat_model))
}

async fn threat_model() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        THREAT_MODEL,
    )
        .into_response()
}

async fn serve(Path(file): Path<String>) -> Response {
    let (content_type, body) = if file == css_file() {
        ("text/css; charset=utf-8", CSS)
    } else if file == meter_js_file() {
        ("text/javascript; charset=utf-8", METER_JS)
    } else if file == passkey_js_file() {
        ("text/javascript; charset=utf-8", PASSKEY_JS)
    } else if file == ballot_crypto_js_file() {
        ("text/javascript; charset=utf-8", BALLOT_CRYPTO_JS)
    } else if file == secret_ballot_js_file() {
        ("text/javascript; charset=utf-8", SECRET_BALLOT_JS)
    } else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_file_name_carries_the_content_hash() {
        assert_eq!(css_file(), format!("civis.{CSS_HASH:016x}.css"));
    }

    #[test]
    fn fnv1a_matches_reference_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
