//! A simulated record made once per test run, and copies of it to tamper with.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use civis_tlog::tile::{decode_bundle, tiles_for_size};
use civis_tlog::{MemoryLog, NoteSigner, TileId};
use civis_verify::record::{PublishedLog, RecordDir};
use civis_verify::Report;

/// The simulated record's voters and projects (small: the suite stays fast).
pub const VOTERS: usize = 300;
pub const PROJECTS: usize = 8;

static BASE: OnceLock<PathBuf> = OnceLock::new();

/// The untouched record (simulated once, seed 11, 3 of 5 trustees).
pub fn base() -> &'static Path {
    BASE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("civis-verify-base-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        civis_pb_cli::simulate_record::simulate_record(VOTERS, PROJECTS, (3, 5), 11, &dir).unwrap();
        dir
    })
}

/// A fresh copy of the record for test `name`.
pub fn copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("civis-verify-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(base(), &dir);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for item in std::fs::read_dir(from).unwrap() {
        let item = item.unwrap();
        let target = to.join(item.file_name());
        if item.path().is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), target).unwrap();
        }
    }
}

/// Verifies a copy of the record after `tamper` changed it.
pub fn tampered(name: &str, tamper: impl FnOnce(&Path)) -> Report {
    let dir = copy(name);
    tamper(&dir);
    let report = civis_verify::verify_record(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    report
}

/// Asserts that check `check` failed with a problem containing `needle`.
pub fn assert_fails(report: &Report, check: &str, needle: &str) {
    assert!(!report.holds(), "the report holds:\n{}", report.render());
    let c = report
        .check(check)
        .unwrap_or_else(|| panic!("no check {check}:\n{}", report.render()));
    assert!(
        c.problems.iter().any(|p| p.contains(needle)),
        "check {check} has no problem containing {needle:?}:\n{}",
        report.render()
    );
}

/// Rewrites a JSON file of the record.
pub fn edit_json(dir: &Path, file: &str, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join(file);
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    edit(&mut value);
    std::fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
}

/// The log's entries, in order.
pub fn entries(dir: &Path) -> Vec<Vec<u8>> {
    let log = RecordDir::new(dir).read_log().unwrap();
    let mut bundles: Vec<(TileId, &Vec<u8>)> = log
        .tiles
        .iter()
        .filter(|(p, _)| p.starts_with("tile/entries/"))
        .map(|(p, b)| (TileId::parse(p).unwrap(), b))
        .collect();
    bundles.sort_by_key(|(t, _)| t.index);
    bundles
        .into_iter()
        .flat_map(|(_, b)| decode_bundle(b).unwrap())
        .collect()
}

/// Rewrites an entry bundle in place (the tiles above it are left as they were).
pub fn edit_bundle(dir: &Path, path: &str, edit: impl FnOnce(&mut Vec<Vec<u8>>)) {
    let file = dir.join("log").join(path);
    let mut items = decode_bundle(&std::fs::read(&file).unwrap()).unwrap();
    edit(&mut items);
    std::fs::write(&file, civis_tlog::tile::encode_bundle(&items).unwrap()).unwrap();
}

/// Publishes `entries` as a new, internally consistent log signed by a new key
/// (what a server holding its own log key could publish): the tiles, checkpoint
/// and verifier key are replaced, earlier checkpoints are kept unless `drop_earlier`.
pub fn republish(dir: &Path, entries: &[Vec<u8>], drop_earlier: bool) {
    let mut log = MemoryLog::new();
    for e in entries {
        log.append(e).unwrap();
    }
    let record = RecordDir::new(dir);
    let old = record.read_log().unwrap();
    let origin = civis_tlog::Checkpoint::parse(
        &civis_tlog::Note::parse(old.checkpoint.as_bytes())
            .unwrap()
            .text,
    )
    .unwrap()
    .origin;
    let signer = NoteSigner::generate("civis.example-pb-1-ballots").unwrap();
    let published = PublishedLog::from_memory(&log, &origin, &signer, Default::default()).unwrap();
    std::fs::remove_dir_all(dir.join("log/tile")).unwrap();
    if drop_earlier {
        let _ = std::fs::remove_dir_all(dir.join("log/checkpoints"));
    }
    published.write(dir).unwrap();
    assert_eq!(tiles_for_size(log.size()).len(), published.tiles.len());
}

/// Edits one entry's JSON.
pub fn edit_entry(entry: &[u8], edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_slice(entry).unwrap();
    edit(&mut value);
    serde_json::to_vec(&value).unwrap()
}
