//! `civis pb tally`.

use std::io::Write;

use crate::TallyArgs;

/// Computes an outcome (`civis pb tally`); returns the exit code.
pub fn run(args: TallyArgs, _out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let _ = args;
    crate::fail(err, "tally: not yet implemented")
}
