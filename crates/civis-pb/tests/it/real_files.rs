//! Every real Pabulib file in the shared data folder parses, and
//! parse → write → parse gives back the same election; reading only the
//! ballots gives the same ballots.
//! The folder is `../shared/data/pabulib` beside the repository, or the
//! one `CIVIS_PABULIB_DIR` names; skipped with a notice when absent.

use std::path::{Path, PathBuf};

use civis_pb::{pabulib, Ballots};

use crate::pb_files;

#[test]
fn all_real_files_parse_and_round_trip() {
    let Some(dir) = shared_dir() else {
        return;
    };
    let files = pb_files(&dir);
    let mut failures = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        match pabulib::parse_bytes(&bytes) {
            Err(e) => failures.push(format!("{}: {e}", f.display())),
            Ok(e) => match pabulib::parse(&pabulib::write(&e)) {
                Ok(_)
                    if pabulib::parse_ballots_bytes(&bytes).ok()
                        != Some(Ballots::from_election(e.clone())) =>
                {
                    failures.push(format!("{}: ballots differ", f.display()))
                }
                Ok(again) if again == e => {}
                Ok(_) => failures.push(format!("{}: round trip differs", f.display())),
                Err(err) => failures.push(format!("{}: written file fails: {err}", f.display())),
            },
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    eprintln!("{} real files parsed and round-tripped", files.len());
}

/// The shared Pabulib folder, or `None` (with a printed notice).
pub fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("CIVIS_PABULIB_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/pabulib"),
    };
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} absent; real Pabulib files not tested",
            dir.display()
        );
        None
    }
}
