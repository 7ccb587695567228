//! What the public audit log holds for each audit event, built in one place so
//! that every backend logs identical entries.
//!
//! The log is public, the audit events are not (they name accounts and hold
//! before/after values). An entry is one line of JSON with fixed key order:
//!
//! ```text
//! {"format":"civis.audit.v1","id":42,"at":1764213000000,"action":"user.role_changed","commitment":"<base64>"}
//! ```
//!
//! `commitment` is `SHA-256("civis.audit.v1\n" || salt || canonical event)`,
//! with a random 32-byte salt kept (never published) beside the entry, and
//! the canonical event the JSON object of every field of the stored event
//! (`id`, `at`, `actor`, `action`, `target`, `before`, `after`) with keys
//! sorted at every depth and no spaces ([`canonical_event`]). Without the salt
//! the commitment reveals nothing, even of guessable events; with it, the
//! operator can show an auditor that an event is exactly what was logged.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use civis_domain::AuditEvent;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The format tag of audit log entries.
pub const FORMAT: &str = "civis.audit.v1";

/// A fresh random salt for one entry.
pub fn new_salt() -> [u8; 32] {
    rand::random()
}

/// The event as canonical JSON: keys sorted at every depth, no whitespace.
pub fn canonical_event(event: &AuditEvent) -> String {
    let value = serde_json::json!({
        "id": event.id.0,
        "at": event.at.as_millis(),
        "actor": event.actor.map(|a| a.0),
        "action": event.action.as_str(),
        "target": event.target,
        "before": event.before,
        "after": event.after,
    });
    let mut out = String::new();
    write_canonical(&value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*key).clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(*key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The commitment to `event` under `salt`.
pub fn commitment(event: &AuditEvent, salt: &[u8; 32]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(FORMAT.as_bytes());
    h.update(b"\n");
    h.update(salt);
    h.update(canonical_event(event).as_bytes());
    h.finalize().into()
}

/// The log entry for `event` (see the module documentation).
pub fn entry(event: &AuditEvent, salt: &[u8; 32]) -> Vec<u8> {
    let action = Value::String(event.action.as_str().to_owned()).to_string();
    format!(
        "{{\"format\":\"{FORMAT}\",\"id\":{},\"at\":{},\"action\":{action},\"commitment\":\"{}\"}}",
        event.id.0,
        event.at.as_millis(),
        STANDARD.encode(commitment(event, salt))
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use civis_domain::{AuditAction, AuditEventId, Timestamp, UserId};
    use serde_json::json;

    fn event() -> AuditEvent {
        AuditEvent {
            id: AuditEventId(7),
            at: Timestamp::from_millis(1_000),
            actor: Some(UserId(3)),
            action: AuditAction::RoleChanged,
            target: Some("user:9".into()),
            before: Some(json!({"role": "resident", "a": {"z": 1, "b": [true, null]}})),
            after: Some(json!({"role": "official"})),
        }
    }

    #[test]
    fn canonical_form_sorts_keys_at_every_depth() {
        assert_eq!(
            canonical_event(&event()),
            r#"{"action":"user.role_changed","actor":3,"after":{"role":"official"},"at":1000,"before":{"a":{"b":[true,null],"z":1},"role":"resident"},"id":7,"target":"user:9"}"#
        );
    }

    #[test]
    fn the_entry_names_no_one_and_commits_to_everything() {
        let salt = [5u8; 32];
        let text = String::from_utf8(entry(&event(), &salt)).unwrap_or_default();
        assert!(text.starts_with(
            r#"{"format":"civis.audit.v1","id":7,"at":1000,"action":"user.role_changed","commitment":""#
        ));
        assert!(!text.contains("user:9") && !text.contains("resident"));
        let mut other = event();
        other.after = Some(json!({"role": "admin"}));
        assert_ne!(commitment(&event(), &salt), commitment(&other, &salt));
        assert_ne!(
            commitment(&event(), &salt),
            commitment(&event(), &[6u8; 32])
        );
    }
}
