//! The `civis-verify` binary: its report, exit codes and usage.

use std::process::Command;

use super::support::{base, copy, edit_json};

fn civis_verify(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_civis-verify"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_good_record_exits_0_with_one_line_per_check() {
    let (code, out, _) = civis_verify(&[base().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let checks: Vec<&str> = out.lines().filter(|l| l.starts_with("ok ")).collect();
    assert_eq!(checks.len(), 8, "{out}");
    assert!(out.ends_with("verified: all 8 checks hold\n"), "{out}");
}

#[test]
fn a_bad_record_exits_1_and_says_what_is_wrong() {
    let dir = copy("cli-bad");
    edit_json(&dir, "credentials.json", |v| {
        v["issued"] = serde_json::json!(1)
    });
    let (code, out, _) = civis_verify(&[dir.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL count"), "{out}");
    assert!(
        out.contains("credentials.json says only 1 were issued"),
        "{out}"
    );
    assert!(
        out.ends_with("NOT verified: 1 of 8 checks failed\n"),
        "{out}"
    );
}

#[test]
fn usage_and_urls() {
    let (code, out, _) = civis_verify(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Usage: civis-verify DIR"), "{out}");
    assert!(out.contains("civis-verify URL"), "{out}");
    let (code, _, err) = civis_verify(&[]);
    assert_eq!(code, 2, "{err}");
    // No TLS in this build: an https:// record must be downloaded first.
    let (code, _, err) = civis_verify(&["https://civis.example/pb/1/record"]);
    assert_eq!(code, 2);
    assert!(err.contains("plain http:// only"), "{err}");
    let (code, _, err) = civis_verify(&["ftp://civis.example/pb/1/record"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not an http:// URL"), "{err}");
}
