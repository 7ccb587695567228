//! Every message exists in every language, and every message the pages use exists.

use std::collections::BTreeSet;
use std::path::Path;

use civis_web::i18n::{message_ids, Lang};

fn ids(lang: Lang) -> BTreeSet<String> {
    let (ids, errors) = message_ids(lang);
    assert!(
        errors.is_empty(),
        "{lang}.ftl has syntax errors: {errors:?}"
    );
    let set: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(set.len(), ids.len(), "{lang}.ftl defines a message twice");
    set
}

#[test]
fn every_message_exists_in_all_three_languages() {
    let en = ids(Lang::En);
    assert!(
        en.len() > 100,
        "en.ftl looks truncated: {} messages",
        en.len()
    );
    for lang in [Lang::Es, Lang::Et] {
        let other = ids(lang);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang}.ftl has messages en.ftl lacks: {extra:?}"
        );
    }
}

/// The first string literal after each `t(`, `t1(`, `t2(`, `ta(` or `Message::new(`
/// call in `source`.
fn keys_used(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for call in [".t(", ".t1(", ".t2(", ".ta(", "Message::new(", "titled("] {
        let mut rest = source;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            let trimmed = rest.trim_start();
            if let Some(lit) = trimmed.strip_prefix('"') {
                if let Some(end) = lit.find('"') {
                    keys.push(lit[..end].to_owned());
                }
            }
        }
    }
    keys
}

#[test]
fn every_message_the_pages_use_is_defined() {
    let en = ids(Lang::En);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = Vec::new();
    for dir in ["templates", "src/pages"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap();
            for key in keys_used(&source) {
                used.push((path.display().to_string(), key));
            }
        }
    }
    assert!(
        used.len() > 80,
        "the scan found too few keys: {}",
        used.len()
    );
    let undefined: Vec<_> = used.iter().filter(|(_, k)| !en.contains(k)).collect();
    assert!(undefined.is_empty(), "undefined messages: {undefined:?}");
}

#[test]
fn every_audit_action_has_a_name_in_every_language() {
    for lang in [Lang::En, Lang::Es, Lang::Et] {
        let defined = ids(lang);
        let missing: Vec<_> = civis_domain::AuditAction::ALL
            .iter()
            .map(|a| civis_web::pages::messages::audit_action_key(*a))
            .filter(|key| !defined.contains(key))
            .collect();
        assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
    }
}
