//! `civis loadtest oidc`, `civis loadtest sign-in` and `civis loadtest passkey` against
//! a real demo server: the flows and sign-ins they report are the ones asked for, with
//! zero errors; a second run reuses the client service and the consents; a wrong client
//! secret fails the run; each passkey sign-in is a ceremony the server accepts.

use std::process::{Output, Stdio};

use serde_json::Value;

use crate::process::{civis, start};

fn run(args: &[&str]) -> Output {
    civis()
        .arg("loadtest")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn report(out: &Output) -> Value {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "loadtest failed: {stderr}");
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one JSON object on stdout: {stdout}");
    serde_json::from_str(lines[0]).unwrap()
}

fn assert_latency(v: &Value) {
    let p50 = v["p50_ms"].as_f64().unwrap();
    let p99 = v["p99_ms"].as_f64().unwrap();
    let max = v["max_ms"].as_f64().unwrap();
    assert!(p50 > 0.0 && p50 <= p99 && p99 <= max, "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identity_load_tools_run_flows_and_sign_ins_against_a_real_server() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("civis.sqlite3").display());
    // A known port: the passkey origin is the server's public URL, which a server on
    // port 0 does not know.
    let listen = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().to_string()
    };
    let mut cmd = civis();
    cmd.args([
        "--log-format",
        "json",
        "demo",
        "--listen",
        &listen,
        "--residents",
        "2",
        "--database-url",
        &db,
    ]);
    cmd.current_dir(dir.path());
    let server = start(cmd);
    server.stdout_until("stop with Ctrl-C");
    let base = server.url("");
    let oidc = |extra: &[&str]| {
        let mut args = vec![
            "oidc",
            "--url",
            &base,
            "--url",
            &base,
            "--residents",
            "3",
            "--concurrency",
            "2",
            "--json",
        ];
        args.extend_from_slice(extra);
        run(&args)
    };

    let first = oidc(&["--flows", "10"]);
    let stderr = String::from_utf8_lossy(&first.stderr).into_owned();
    let r = report(&first);
    assert!(
        stderr.contains("3 of 3 residents consented through the form"),
        "{stderr}"
    );
    assert_eq!(r["flows"], 10, "{r}");
    assert_eq!(r["ok"], 10, "{r}");
    assert_eq!(r["errors"], 0, "{r}");
    assert_eq!(r["residents"], 3);
    assert_eq!(r["servers"], 2);
    assert_eq!(r["client_id"], "civis-loadtest");
    assert!(r["flows_per_second"].as_f64().unwrap() > 0.0);
    for step in ["flow", "authorize", "token", "userinfo"] {
        assert_latency(&r[step]);
    }

    // Again: the client is re-registered with a new secret, the consents are kept.
    let again = oidc(&["--flows", "4"]);
    let stderr = String::from_utf8_lossy(&again.stderr).into_owned();
    let r = report(&again);
    assert!(
        stderr.contains("0 of 3 residents consented through the form"),
        "{stderr}"
    );
    assert_eq!((r["ok"].clone(), r["errors"].clone()), (4.into(), 0.into()));

    // A wrong client secret: the token endpoint refuses, and the run fails.
    let wrong = oidc(&[
        "--flows",
        "2",
        "--client-id",
        "civis-loadtest",
        "--client-secret",
        "not-the-secret",
    ]);
    assert!(!wrong.status.success());
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(stderr.contains("token answered 401"), "{stderr}");
    assert!(stderr.contains("2 request(s) failed"), "{stderr}");

    let pid = server.child.id().to_string();
    let signed = report(&run(&[
        "sign-in",
        "--server-pid",
        &pid,
        "--url",
        &base,
        "--residents",
        "3",
        "--concurrency",
        "2",
        "--sign-ins",
        "5",
        "--hash-seconds",
        "0.2",
        "--slices",
        "2",
        "--json",
    ]));
    assert_eq!(signed["sign_ins"], 5, "{signed}");
    // Two slices of sign-ins (3 and 2), with hashing before, between and after.
    assert_eq!(signed["argon2"]["slices"], 3, "{signed}");
    assert_eq!(signed["ok"], 5, "{signed}");
    assert_eq!(signed["errors"], 0, "{signed}");
    assert_latency(&signed["latency"]);
    let argon2 = &signed["argon2"];
    assert_eq!(argon2["params"], "m=19456,t=2,p=1");
    assert!(
        argon2["before_per_second"].as_f64().unwrap() > 0.0,
        "{argon2}"
    );
    assert!(
        argon2["after_per_second"].as_f64().unwrap() > 0.0,
        "{argon2}"
    );
    let ratio = signed["ratio"].as_f64().unwrap();
    let expected = signed["sign_ins_per_second"].as_f64().unwrap()
        / argon2["hashes_per_second"].as_f64().unwrap();
    assert!((ratio - expected).abs() < 0.001, "{signed}");
    // The server's CPU time per sign-in is at least most of one hash's.
    let per_hash = argon2["cpu_ms_per_hash"].as_f64().unwrap();
    let per_sign_in = signed["server_cpu_ms_per_sign_in"].as_f64().unwrap();
    assert!(per_hash > 0.0 && per_sign_in > 0.0, "{signed}");
    let cpu_ratio = signed["cpu_ratio"].as_f64().unwrap();
    assert!(
        (cpu_ratio - per_hash / per_sign_in).abs() < 0.001,
        "{signed}"
    );

    // Passkeys: one registered per resident, then whole ceremonies; more at once than
    // residents, so one resident's sign-ins also run one after another (the counter).
    let passkeys = run(&[
        "passkey",
        "--url",
        &base,
        "--residents",
        "2",
        "--concurrency",
        "3",
        "--sign-ins",
        "8",
        "--json",
    ]);
    let stderr = String::from_utf8_lossy(&passkeys.stderr).into_owned();
    let keyed = report(&passkeys);
    assert!(stderr.contains("2 passkeys registered"), "{stderr}");
    assert_eq!(keyed["sign_ins"], 8, "{keyed}");
    assert_eq!(keyed["ok"], 8, "{keyed}");
    assert_eq!(keyed["errors"], 0, "{keyed}");
    assert_eq!(keyed["residents"], 2, "{keyed}");
    assert!(keyed["sign_ins_per_second"].as_f64().unwrap() > 0.0);
    assert_latency(&keyed["latency"]);
    server.stop();
}
