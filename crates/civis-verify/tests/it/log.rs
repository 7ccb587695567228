//! The log check on logs published from a `MemoryLog`, and on tampered copies.

use std::collections::BTreeMap;

use civis_tlog::{MemoryLog, NoteSigner};
use civis_verify::check::log::check_log;
use civis_verify::record::log_publish::signed_checkpoint;
use civis_verify::record::PublishedLog;

const ORIGIN: &str = "civis.example/pb/1";

fn published(size: usize, earlier_at: &[usize]) -> (PublishedLog, NoteSigner) {
    let signer = NoteSigner::generate("civis.example-pb").unwrap();
    let mut log = MemoryLog::new();
    let mut earlier = BTreeMap::new();
    for i in 0..size {
        if earlier_at.contains(&i) {
            earlier.insert(i as u64, signed_checkpoint(&log, ORIGIN, &signer).unwrap());
        }
        log.append(format!("entry {i}").as_bytes()).unwrap();
    }
    (
        PublishedLog::from_memory(&log, ORIGIN, &signer, earlier).unwrap(),
        signer,
    )
}

fn problems(log: &PublishedLog) -> Vec<String> {
    check_log(log, ORIGIN).0.problems
}

#[test]
fn an_untouched_log_holds_with_its_entries() {
    for size in [0, 1, 255, 256, 257, 70_000] {
        let (log, _) = published(size, &[1, 200, 65_536]);
        let (check, entries) = check_log(&log, ORIGIN);
        assert!(check.holds(), "size {size}: {:?}", check.problems);
        assert_eq!(entries.entries.len(), size);
        if size > 3 {
            assert_eq!(entries.entries[3], b"entry 3");
        }
    }
}

#[test]
fn a_changed_entry_is_named() {
    let (mut log, _) = published(600, &[]);
    let bundle = log.tiles.get_mut("tile/entries/001").unwrap();
    let pos = bundle.windows(9).position(|w| w == b"entry 300").unwrap();
    bundle[pos + 8] = b'9';
    let p = problems(&log);
    assert!(
        p.iter()
            .any(|m| m.starts_with("entry 300 (log/tile/entries/001)")),
        "{p:?}"
    );
}

#[test]
fn a_changed_missing_or_extra_tile_is_named() {
    let (log, _) = published(70_000, &[]);
    let mut changed = log.clone();
    changed.tiles.get_mut("tile/1/000").unwrap()[5] ^= 1;
    let p = problems(&changed);
    assert!(
        p.iter().any(|m| m.contains("log/tile/1/000: hash 0")),
        "{p:?}"
    );

    let mut missing = log.clone();
    missing.tiles.remove("tile/0/003");
    let p = problems(&missing);
    assert!(
        p.iter().any(|m| m.starts_with("log/tile/0/003: missing")),
        "{p:?}"
    );

    let mut extra = log.clone();
    extra
        .tiles
        .insert("tile/0/x999/000".into(), vec![0; 32 * 256]);
    let p = problems(&extra);
    assert!(
        p.iter()
            .any(|m| m.starts_with("log/tile/0/x999/000: not a tile")),
        "{p:?}"
    );
}

#[test]
fn a_checkpoint_by_another_key_or_of_another_tree_fails() {
    let (log, _) = published(300, &[]);
    let (other, _) = published(300, &[]);
    let mut resigned = log.clone();
    resigned.checkpoint = other.checkpoint.clone();
    let p = problems(&resigned);
    assert!(
        p.iter()
            .any(|m| m.starts_with("log/checkpoint: note not verified")),
        "{p:?}"
    );

    let (shorter, signer) = published(299, &[]);
    let mut wrong_root = shorter.clone();
    let text = log.checkpoint.split("\n\n").next().unwrap().to_string() + "\n";
    wrong_root.checkpoint = civis_tlog::Note::sign(&text, &[&signer]).unwrap().encode();
    let p = problems(&wrong_root);
    assert!(
        !p.is_empty(),
        "a checkpoint of 300 entries over 299 must fail"
    );
}

#[test]
fn an_earlier_checkpoint_of_a_rewritten_log_is_inconsistent() {
    let (mut log, signer) = published(300, &[100]);
    let mut other = MemoryLog::new();
    for i in 0..100 {
        other.append(format!("other {i}").as_bytes()).unwrap();
    }
    log.earlier
        .insert(100, signed_checkpoint(&other, ORIGIN, &signer).unwrap());
    let p = problems(&log);
    assert!(
        p.iter()
            .any(|m| m.starts_with("log/checkpoints/100: not consistent")),
        "{p:?}"
    );
}
