//! Integration tests of the civis PB engine (one test binary).

// Test helpers fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod checker_oracle;
mod completions;
mod errors;
mod explain;
mod fixtures;
mod format_props;
mod gen;
mod json_form;
mod official;
mod oracle;
mod pabutools_parse;
mod props;
mod real_files;

use std::path::{Path, PathBuf};

/// The committed fixtures folder.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// All `.pb` files of a folder, sorted.
pub fn pb_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pb"))
        .collect();
    v.sort();
    v
}
