//! `civis pb convert`: rewrite an election as canonical Pabulib or civis
//! JSON, to stdout or to `--out PATH`.

use std::io::Write;

use crate::progress::Progress;
use crate::{ConvertArgs, FormatArg};

/// Converts an election file; returns the exit code.
pub fn run(args: ConvertArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let election = match crate::input::load(&args.file) {
        Ok(e) => e,
        Err(e) => return crate::fail(err, e),
    };
    let progress = Progress::start("writing");
    let text = match args.to {
        FormatArg::Pb => civis_pb::pabulib::write(&election),
        FormatArg::Json => {
            let mut s = civis_pb::json::to_json(&election);
            s.push('\n');
            s
        }
    };
    let written = match &args.out {
        Some(path) => std::fs::write(path, text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display())),
        None => out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| format!("cannot write output: {e}")),
    };
    drop(progress);
    match written {
        Ok(()) => 0,
        Err(message) => crate::fail(err, message),
    }
}
