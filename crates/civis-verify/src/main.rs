//! `civis-verify DIR`: checks a published ballot record and prints a report.

use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
civis-verify: check a participatory budget's published ballot record

Usage: civis-verify DIR

DIR is a published record directory (see docs/published-record.md): the frozen
rules and projects, the credential issuer key and the number of credentials
issued, the trustees' commitments, the ballot log (C2SP tlog-tiles with a signed
checkpoint), the revealed shares and election key, and the published outcome.
Reading a record from a URL is not supported yet: download it first.

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
    if dir.to_string_lossy().contains("://") {
        eprintln!("civis-verify: reading a record from a URL is not supported yet; download it and give its directory");
        return ExitCode::from(2);
    }
    if !dir.is_dir() {
        eprintln!("civis-verify: {} is not a directory", dir.display());
        return ExitCode::from(2);
    }
    let report = civis_verify::verify_record(&dir);
    println!("civis-verify: {}", dir.display());
    print!("{}", report.render());
    if report.holds() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
