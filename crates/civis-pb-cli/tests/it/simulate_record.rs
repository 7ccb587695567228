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

/// The record's files, and each log entry without the parts that depend on the
/// issuer's RSA key (made by OpenSSL, not by the seed).
fn seeded_parts(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for file in [
        "record.json",
        "rules.json",
        "projects.json",
        "officials.json",
        "trustees.json",
        "reveal.json",
        "outcome.json",
    ] {
        out.push(std::fs::read_to_string(dir.join(file)).unwrap());
    }
    let log = civis_verify::record::RecordDir::new(dir)
        .read_log()
        .unwrap();
    let bundles = log
        .tiles
        .iter()
        .filter(|(p, _)| p.starts_with("tile/entries/"));
    for entry in bundles.flat_map(|(_, b)| civis_tlog::tile::decode_bundle(b).unwrap()) {
        let mut v: serde_json::Value = serde_json::from_slice(&entry).unwrap();
        v["credential"]["signature"] = serde_json::Value::Null;
        // Both signatures cover the credential's signature.
        for key in ["voter_signature", "official_signature"] {
            if let Some(sig) = v["cast"].get_mut(key) {
                *sig = serde_json::Value::Null;
            }
        }
        out.push(v.to_string());
    }
    out
}

#[test]
fn the_same_seed_gives_the_same_ballots_and_outcome() {
    let run = |name: &str, seed: &str| {
        let dir = temp_dir(name);
        let args = [
            "simulate-record",
            "--voters",
            "60",
            "--projects",
            "6",
            "--seed",
            seed,
        ];
        let out = civis_pb(&[&args[..], &["--out", dir.to_str().unwrap()]].concat());
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(civis_verify::verify_record(&dir).holds());
        dir
    };
    let (a, b, c) = (run("seed-a", "5"), run("seed-b", "5"), run("seed-c", "6"));
    let (pa, pb, pc) = (seeded_parts(&a), seeded_parts(&b), seeded_parts(&c));
    assert_eq!(pa.len(), pb.len());
    for (x, y) in pa.iter().zip(&pb) {
        assert!(x == y, "same seed, different parts:\n{x}\n{y}");
    }
    assert!(pa != pc, "another seed gives the same record");
    assert_ne!(
        std::fs::read(a.join("credentials.json")).unwrap(),
        std::fs::read(b.join("credentials.json")).unwrap(),
        "the issuer key is OpenSSL's, not the seed's"
    );
}

#[test]
fn bad_arguments_are_refused() {
    let dir = temp_dir("simulate-bad");
    let out = civis_pb(&[
        "simulate-record",
        "--voters",
        "0",
        "--projects",
        "5",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("at least one voter"), "{}", out.stderr);
}

#[test]
fn other_thresholds_verify_and_impossible_ones_are_refused() {
    for trustees in ["1/1", "2/3", "4/7"] {
        let dir = temp_dir(&format!("simulate-{}", trustees.replace('/', "-")));
        let out = civis_pb(&[
            "simulate-record",
            "--voters",
            "20",
            "--projects",
            "3",
            "--trustees",
            trustees,
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(out.code, 0, "{trustees}: {}", out.stderr);
        let report = civis_verify::verify_record(&dir);
        assert!(report.holds(), "{trustees}: {}", report.render());
        let k = trustees.split('/').next().unwrap();
        assert!(
            report
                .check("trustees")
                .unwrap()
                .summary
                .starts_with(&format!("{k} shares of {trustees}").replace('/', "-of-")),
            "{}",
            report.render()
        );
    }
    for bad in ["0/3", "4/3", "3"] {
        let argv = [
            "civis",
            "pb",
            "simulate-record",
            "--voters",
            "1",
            "--projects",
            "1",
            "--trustees",
            bad,
            "--out",
            "x",
        ];
        assert!(
            <super::Cli as clap::Parser>::try_parse_from(argv).is_err(),
            "{bad}"
        );
    }
}
