//! civis-verify must know nothing of the server or its storage.

use std::process::Command;

#[test]
fn no_server_or_storage_in_the_dependency_tree() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "civis-verify",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    assert!(tree.contains("civis-tlog"), "{tree}");
    assert!(tree.contains("civis-budget"), "{tree}");
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or_default();
        assert!(
            !(name == "civis-web" || name.starts_with("civis-store") || name == "civis"),
            "civis-verify depends on {name}"
        );
    }
}
