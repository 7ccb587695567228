//! `civis-verify DIR`: checks a published ballot record and prints a report.

use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
civis-verify: check a participatory budget's published ballot record

Usage: civis-verify DIR
       civis-verify URL

DIR is a published record directory (see docs/published-record.md): the frozen
rules and projects, the credential issuer key and the number of credentials
issued, the trustees' commitments, the ballot log (C2SP tlog-tiles with a signed
checkpoint), the revealed shares and election key, and the published outcome.
URL is where a server publishes one (http://HOST/log/processes/ID/record/): the
record is fetched into a temporary directory and checked there (plain http://
only; for https://, download it first).

Prints one line per check with its counts, and every problem found with the
file and log entry it is about.

Exit status: 0 if every check holds, 1 if any fails, 2 on bad usage.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = match args.as_slice() {
        [flag] if flag == "-h" || flag == "--help" => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        [dir] if !dir.starts_with('-') => PathBuf::from(dir),
        _ => {
            eprint!("{HELP}");
            return ExitCode::from(2);
        }
    };
    let url = dir.to_string_lossy().into_owned();
    let _fetched;
    let dir = if url.contains("://") {
        match fetch(&url) {
            Ok(tmp) => {
                let path = tmp.path().to_path_buf();
                _fetched = tmp;
                path
            }
            Err(e) => {
                eprintln!("civis-verify: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        dir
    };
    if !dir.is_dir() {
        eprintln!("civis-verify: {} is not a directory", dir.display());
        return ExitCode::from(2);
    }
    let report = civis_verify::verify_record(&dir);
    println!("civis-verify: {url}");
    print!("{}", report.render());
    if report.holds() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Fetches the record at `url` into a new temporary directory.
fn fetch(url: &str) -> Result<tempfile::TempDir, String> {
    let tmp = tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start: {e}"))?;
    runtime.block_on(civis_verify::fetch::fetch_record(url, tmp.path()))?;
    Ok(tmp)
}
