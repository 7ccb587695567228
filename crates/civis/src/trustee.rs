//! `civis trustee`: a trustee's offline work on their own machine, with no
//! network (files in, files and text out; the logic is `civis_verify::trustee`).
//!
//! * `keygen --out KEY`: a personal HPKE key; prints the public key to submit.
//! * `deal --key KEY --trustees TRUSTEES.json --out DEALING`: a dealing for the
//!   trustees as downloaded from `GET /api/v1/processes/{id}/trustees`.
//! * `share --key KEY --dealings DEALINGS.json`: prints this trustee's share,
//!   after checking every dealing's commitments (the same document, downloaded
//!   once every trustee dealt).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::Engine;
use civis_ballot::OsRandomness;
use civis_verify::trustee::{self, TrusteeKeyFile, TrusteeList};
use clap::{Args, Subcommand};

/// `civis trustee`.
#[derive(Debug, Args)]
pub struct TrusteeArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: TrusteeCommand,
}

/// The `civis trustee` subcommands.
#[derive(Debug, Subcommand)]
pub enum TrusteeCommand {
    /// Make your personal key (keep the file secret); prints the public key to submit.
    Keygen {
        /// Where to write the key file (must not exist).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Deal: commitments and a share sealed to each trustee; submit the file it writes.
    Deal {
        /// Your key file.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The trustees as downloaded from the process (every public key submitted).
        #[arg(long, value_name = "TRUSTEES.json")]
        trustees: PathBuf,
        /// Where to write the dealing (base64 text).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// After the close: check every dealing and print your share to submit.
    Share {
        /// Your key file.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The trustees as downloaded once every trustee dealt.
        #[arg(long, value_name = "DEALINGS.json")]
        dealings: PathBuf,
    },
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path, what: &str) -> Result<T, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_slice(&text).map_err(|e| format!("{} is not a {what}: {e}", path.display()))
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Runs one command; the text to print on success.
pub fn execute(command: TrusteeCommand) -> Result<String, String> {
    match command {
        TrusteeCommand::Keygen { out } => {
            let key = trustee::keygen(&mut OsRandomness)?;
            let json = serde_json::to_vec_pretty(&key).map_err(|e| e.to_string())?;
            write_new(&out, &json)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600));
            }
            Ok(format!("{}\n", b64(&key.public_key.0)))
        }
        TrusteeCommand::Deal { key, trustees, out } => {
            let key: TrusteeKeyFile = read_json(&key, "trustee key file")?;
            let list: TrusteeList = read_json(&trustees, "trustees' list")?;
            let dealing = trustee::deal(&key, &list, &mut OsRandomness)?;
            write_new(&out, format!("{}\n", b64(&dealing)).as_bytes())?;
            Ok(format!(
                "wrote the dealing of trustee {} of {} (threshold {}) to {}\n",
                trustee::my_index(&key, &list)?,
                list.size,
                list.threshold,
                out.display()
            ))
        }
        TrusteeCommand::Share { key, dealings } => {
            let key: TrusteeKeyFile = read_json(&key, "trustee key file")?;
            let list: TrusteeList = read_json(&dealings, "trustees' list")?;
            let (_, share) = trustee::share(&key, &list)?;
            Ok(format!("{}\n", b64(&share)))
        }
    }
}

/// Runs `civis trustee`.
pub fn run(args: TrusteeArgs) -> ExitCode {
    match execute(args.command) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("civis trustee: {e}");
            ExitCode::from(1)
        }
    }
}
