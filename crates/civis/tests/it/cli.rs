//! The command line: help on every command, `civis demo`, `civis admin create-user`.

use std::io::Write as _;
use std::process::Stdio;

use serde_json::{json, Value};

use crate::process::{civis, start};

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["demo", "--help"],
        vec!["admin", "--help"],
        vec!["admin", "create-user", "--help"],
        vec!["admin", "audit-log-key", "--help"],
        vec!["pb", "--help"],
        vec!["loadtest", "--help"],
        vec!["loadtest", "ballots", "--help"],
    ] {
        let out = civis().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Usage:"), "{args:?}: {text}");
    }
    let out = civis().args(["serve", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--listen",
        "--database-url",
        "--config",
        "--public-url",
        "--log-format",
    ] {
        assert!(text.contains(flag), "serve --help mentions {flag}");
    }
}

#[tokio::test]
async fn demo_seeds_once_and_admin_creates_users() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!(
        "sqlite://{}",
        dir.path().join("data/demo.sqlite3").display()
    );
    let demo = || {
        let mut cmd = civis();
        cmd.args([
            "--log-format",
            "json",
            "demo",
            "--listen",
            "127.0.0.1:0",
            "--residents",
            "40",
            "--database-url",
            &db,
        ]);
        cmd.current_dir(dir.path());
        cmd
    };
    let server = start(demo());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = client
        .post(server.url("/api/v1/auth/sign-in"))
        .json(&json!({"username": "admin", "password": "civis-demo-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let list: Value = client
        .get(server.url("/api/v1/users?limit=1"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 43, "{list}");
    let banner = server.stdout_until("stop with Ctrl-C").join("\n");
    assert!(
        banner.contains(&format!("http://{}", server.addr)),
        "{banner}"
    );
    assert!(banner.contains("seeded"), "{banner}");
    assert!(banner.contains("admin") && banner.contains("auditor") && banner.contains("official"));
    server.stop();

    // Create a user from the command line, password on stdin.
    let mut child = civis()
        .args([
            "admin",
            "create-user",
            "--username",
            "clerk",
            "--role",
            "official",
            "--password-stdin",
            "--database-url",
            &db,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"clerk password 123\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("created user clerk"));

    // A bad role is refused before anything is stored.
    let out = civis()
        .args([
            "admin",
            "create-user",
            "--username",
            "x1x",
            "--role",
            "king",
            "--password-stdin",
            "--database-url",
            &db,
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("role"));

    // Running the demo again reuses the data, including the new user.
    let server = start(demo());
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = client
        .post(server.url("/api/v1/auth/sign-in"))
        .json(&json!({"username": "clerk", "password": "clerk password 123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = client
        .post(server.url("/api/v1/auth/sign-in"))
        .json(&json!({"username": "admin", "password": "civis-demo-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let clerk: Value = client
        .get(server.url("/api/v1/users/clerk"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let audit: Value = client
        .get(server.url(&format!(
            "/api/v1/audit-events?action=user.created&target=user:{}",
            clerk["id"]
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        audit["total"], 1,
        "the command line's user.created is audited: {audit}"
    );
    let banner = server.stdout_until("stop with Ctrl-C").join("\n");
    assert!(banner.contains("reusing"), "{banner}");
    server.stop();
}

#[test]
fn database_passwords_are_not_printed() {
    let out = civis()
        .args([
            "migrate",
            "--database-url",
            "postgres://civis:hunter2secret@127.0.0.1:1/nope",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("hunter2secret"), "{all}");
    assert!(all.contains("civis:***@"), "{all}");
}

#[tokio::test]
async fn settings_layer_defaults_file_env_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let file_db = dir.path().join("from-file.sqlite3");
    std::fs::write(
        dir.path().join("civis.toml"),
        format!(
            "listen = \"not-an-address-from-file\"\ndatabase_url = \"sqlite://{}\"\n",
            file_db.display()
        ),
    )
    .unwrap();

    // The file's bad listen address is overridden by the environment, which is overridden
    // by the flag; the database comes from the file.
    let mut cmd = civis();
    cmd.current_dir(dir.path())
        .env("CIVIS_LISTEN", "not-an-address-from-env")
        .args(["--log-format", "json", "serve", "--listen", "127.0.0.1:0"]);
    let server = start(cmd);
    let res = reqwest::get(server.url("/readyz")).await.unwrap();
    assert_eq!(res.status(), 200);
    server.stop();
    assert!(file_db.exists(), "the database URL came from civis.toml");

    // Without the flag the environment wins over the file.
    let mut cmd = civis();
    cmd.current_dir(dir.path())
        .env("CIVIS_LISTEN", "127.0.0.1:0")
        .args(["--log-format", "json", "serve"]);
    let server = start(cmd);
    server.stop();

    // Without flag and environment the file's (bad) value is used, and reported.
    let out = civis()
        .current_dir(dir.path())
        .arg("serve")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not-an-address-from-file"), "{err}");

    // An explicit --config is read instead of ./civis.toml.
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "listen = \"not-an-address-from-other\"\n").unwrap();
    let out = civis()
        .current_dir(dir.path())
        .args(["serve", "--config", other.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("not-an-address-from-other"));
}

#[test]
fn migrate_creates_the_schema_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("m.sqlite3").display());
    for _ in 0..2 {
        let out = civis()
            .args(["migrate", "--database-url", &db])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("is up to date"));
    }
    assert!(dir.path().join("m.sqlite3").exists());
}

#[tokio::test]
async fn audit_log_key_configures_the_signing_key() {
    let out = civis()
        .args([
            "admin",
            "audit-log-key",
            "--public-url",
            "https://civis.example.org/",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let verifier_text = table
        .lines()
        .find_map(|l| l.strip_prefix("# Secret. Verifier key to publish: "))
        .unwrap()
        .to_owned();
    let verifier = civis_tlog::NoteVerifier::parse(&verifier_text).unwrap();
    assert_eq!(verifier.name, "civis.example.org/log/audit");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("civis.toml"),
        format!(
            "database_url = \"sqlite://{}\"\n{table}",
            dir.path().join("civis.sqlite3").display()
        ),
    )
    .unwrap();
    let mut cmd = civis();
    cmd.current_dir(dir.path())
        .args(["--log-format", "json", "serve", "--listen", "127.0.0.1:0"]);
    let server = start(cmd);
    let key = reqwest::get(server.url("/log/audit/key"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(key.trim_end(), verifier_text);
    let note = reqwest::get(server.url("/log/audit/checkpoint"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let text = civis_tlog::Note::open(&note, &[verifier]).unwrap();
    assert!(
        text.starts_with("civis.example.org/log/audit\n0\n"),
        "{text}"
    );
    server.stop();

    // A malformed key stops the server at start, without printing it.
    let out = civis()
        .current_dir(dir.path())
        .env(
            "CIVIS_AUDIT_LOG_SIGNING_KEY",
            "PRIVATE+KEY+oops+00000000+AAAA",
        )
        .args(["serve", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("audit_log.signing_key"), "{err}");
    assert!(!err.contains("oops"), "{err}");
}
