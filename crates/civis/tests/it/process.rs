//! Running `civis` as a child process and waiting for it to serve.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The built `civis` executable.
pub fn civis() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_civis"));
    for (k, _) in std::env::vars() {
        if k.starts_with("CIVIS_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("RUST_LOG", "info");
    // These tests sign officials and admins in with passwords; the credential
    // policy that asks them for a passkey is tested in civis-web.
    cmd.env("CIVIS_AUTH_PASSKEY_REQUIRED_FOR", "");
    cmd
}

/// A running server process.
pub struct Server {
    pub child: Child,
    pub addr: String,
    pub stdout: mpsc::Receiver<String>,
}

/// Starts `cmd` (a `serve` or `demo` command with `--log-format json`) and waits until it
/// logs the address it listens on.
pub fn start(mut cmd: Command) -> Server {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn civis");
    let stderr = child.stderr.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (addr_tx, addr_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("[civis] {line}");
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                if let Some(listen) = v["listen"].as_str() {
                    let _ = addr_tx.send(listen.to_owned());
                }
            }
        }
    });
    let (out_tx, out_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = out_tx.send(line);
        }
    });
    let addr = match addr_rx.recv_timeout(Duration::from_secs(120)) {
        Ok(a) => a,
        Err(_) => {
            let _ = child.kill();
            panic!("civis did not start listening");
        }
    };
    Server {
        child,
        addr,
        stdout: out_rx,
    }
}

impl Drop for Server {
    /// A test that fails before [`Server::stop`] leaves no server running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Server {
    /// Absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Sends SIGTERM and waits; asserts a clean exit (graceful shutdown).
    pub fn stop(mut self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = self.child.wait().unwrap();
        assert!(exit.success(), "civis exited with {exit}");
    }

    /// Lines printed on stdout up to and including the first one containing `last`.
    pub fn stdout_until(&self, last: &str) -> Vec<String> {
        let mut lines = vec![];
        while let Ok(line) = self.stdout.recv_timeout(Duration::from_secs(60)) {
            let done = line.contains(last);
            lines.push(line);
            if done {
                break;
            }
        }
        lines
    }
}
