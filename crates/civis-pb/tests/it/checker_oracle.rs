//! pabulib-checker as an oracle for the writer: a file written by civis
//! draws no error or warning from pabulib-checker that the file it was
//! read from did not (normalising may remove some, e.g. whitespace around
//! list separators). Runs on the fixtures and the shared real files under
//! 10 KB when `CIVIS_PYTHON` names a Python with pabulib-checker.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use civis_pb::pabulib;
use serde_json::Value;

use crate::real_files::shared_dir;
use crate::{fixtures_dir, pb_files};

fn categories(report: &Value, kind: &str) -> BTreeMap<String, u64> {
    report[kind]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect()
}

#[test]
fn written_files_are_as_valid_as_their_sources() {
    let Ok(python) = std::env::var("CIVIS_PYTHON") else {
        eprintln!("NOTICE: CIVIS_PYTHON unset; skipping the pabulib-checker comparison");
        return;
    };
    let has_checker = Command::new(&python)
        .args(["-c", "import pabulib.checker"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_checker {
        eprintln!("NOTICE: pabulib-checker not installed for {python}; skipping");
        return;
    }
    let mut sources = pb_files(&fixtures_dir());
    if let Some(dir) = shared_dir() {
        sources.extend(
            pb_files(&dir)
                .into_iter()
                .filter(|f| std::fs::metadata(f).unwrap().len() < 10_000),
        );
    }
    let out_dir = std::env::temp_dir().join(format!("civis-pb-checker-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut args: Vec<PathBuf> = Vec::new();
    for (i, f) in sources.iter().enumerate() {
        let e = pabulib::parse_bytes(&std::fs::read(f).unwrap()).unwrap();
        let written = out_dir.join(format!("{i}.pb"));
        std::fs::write(&written, pabulib::write(&e)).unwrap();
        args.push(f.clone());
        args.push(written);
    }
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pabulib_checker_report.py");
    let out = Command::new(&python)
        .arg(script)
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pabulib-checker failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut worse = Vec::new();
    for pair in args.chunks(2) {
        let (source, written) = (
            &report[pair[0].to_str().unwrap()],
            &report[pair[1].to_str().unwrap()],
        );
        for kind in ["errors", "warnings"] {
            let before = categories(source, kind);
            for (category, n) in categories(written, kind) {
                if n > before.get(&category).copied().unwrap_or(0) {
                    worse.push(format!("{}: {kind} {category:?} ({n})", pair[0].display()));
                }
            }
        }
    }
    std::fs::remove_dir_all(&out_dir).unwrap();
    assert!(
        worse.is_empty(),
        "written files fare worse:\n{}",
        worse.join("\n")
    );
    eprintln!("{} written files checked by pabulib-checker", sources.len());
}
