//! The clinic's pages: plain HTML, no script, one small inline stylesheet.

use serde_json::Value;

use super::rp::SignedIn;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f8f5}\
main{max-width:40rem;margin:0 auto;padding:1.5rem}\
h1{color:#1d5b3a}\
a.button{display:inline-block;padding:.6rem 1.2rem;border-radius:.25rem;background:#1d5b3a;color:#fff;text-decoration:none;font-weight:600}\
a.button:focus{outline:3px solid #e0a100;outline-offset:2px}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem;overflow-wrap:anywhere}\
dt{font-weight:600}\
.problem{border-left:4px solid #a4262c;padding-left:.75rem}";

fn frame(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title} – Demo clinic</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        title = escape(title),
    )
}

/// The home page: what the clinic is, and the "Sign in with civis" button.
pub fn home() -> String {
    frame(
        "Book an appointment",
        "<h1>Demo clinic</h1>\n\
<p>This is a demo service that uses civis to know who you are. It is a separate \
web site: it sends you to civis to sign in, and civis asks whether to share your \
details with it.</p>\n\
<p><a class=\"button\" href=\"/sign-in\">Sign in with civis</a></p>",
    )
}

fn row(out: &mut String, label: &str, value: &str) {
    out.push_str(&format!(
        "<dt>{}</dt><dd>{}</dd>\n",
        escape(label),
        escape(value)
    ));
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "(not shared)".to_owned(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        // An OpenID Connect address: its lines, on one line.
        Value::Object(map) if map.contains_key("formatted") => text(&map["formatted"])
            .lines()
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// The level of assurance an `acr` value names, in words.
pub fn level_words(acr: &str) -> String {
    match acr.rsplit('/').next() {
        Some("low") => "low (eIDAS LoA low: a password)".to_owned(),
        Some("substantial") => "substantial (eIDAS LoA substantial)".to_owned(),
        Some("high") => "high (eIDAS LoA high)".to_owned(),
        _ => acr.to_owned(),
    }
}

/// The page after a successful sign-in: what the clinic received.
pub fn signed_in(s: &SignedIn) -> String {
    let name = s.userinfo["name"].as_str().unwrap_or("resident");
    let mut body = format!(
        "<h1>Welcome, {}</h1>\n<p>civis signed you in. This is what the clinic received.</p>\n",
        escape(name)
    );
    body.push_str("<h2>Level of assurance</h2>\n<dl>\n");
    row(
        &mut body,
        "Level",
        &level_words(s.id_token["acr"].as_str().unwrap_or_default()),
    );
    row(&mut body, "acr", &text(&s.id_token["acr"]));
    row(&mut body, "Methods (amr)", &text(&s.id_token["amr"]));
    row(
        &mut body,
        "Signed in at (auth_time)",
        &text(&s.id_token["auth_time"]),
    );
    body.push_str("</dl>\n<h2>ID token</h2>\n<dl>\n");
    row(
        &mut body,
        "Signature",
        &format!("RS256, verified with key {} from the civis JWKS", s.kid),
    );
    for claim in ["iss", "aud", "sub", "nonce"] {
        row(&mut body, claim, &text(&s.id_token[claim]));
    }
    body.push_str("</dl>\n<h2>Userinfo</h2>\n<dl>\n");
    if let Some(map) = s.userinfo.as_object() {
        for (k, v) in map {
            row(&mut body, k, &text(v));
        }
    }
    body.push_str("</dl>\n<p><a class=\"button\" href=\"/\">Back to the clinic</a></p>");
    frame("Signed in", &body)
}

/// The page when the sign-in did not work, saying why.
pub fn failed(reason: &str) -> String {
    frame(
        "Not signed in",
        &format!(
            "<h1>Not signed in</h1>\n<p class=\"problem\">{}</p>\n\
<p><a class=\"button\" href=\"/\">Back to the clinic</a></p>",
            escape(reason)
        ),
    )
}
