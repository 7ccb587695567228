//! `civis pb simulate-record` writes a record that `civis-verify` checks.

use super::{civis_pb, temp_dir};

#[test]
fn a_simulated_record_verifies() {
    let dir = temp_dir("simulate-record");
    let out = civis_pb(&[
        "simulate-record",
        "--voters",
        "1000",
        "--projects",
        "20",
        "--seed",
        "7",
        "--trustees",
        "3/5",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("1000 credentials issued"),
        "{}",
        out.stdout
    );
    let report = civis_verify::verify_record(&dir);
    assert!(report.holds(), "{}", report.render());
}
