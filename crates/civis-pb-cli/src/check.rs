//! `civis pb check`.

use std::io::Write;

use crate::CheckArgs;

/// Compares the official outcome with the recomputed one (`civis pb check`); returns the exit code.
pub fn run(args: CheckArgs, _out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let _ = args;
    crate::fail(err, "check: not yet implemented")
}
