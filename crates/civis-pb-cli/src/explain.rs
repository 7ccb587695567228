//! `civis pb explain`.

use std::io::Write;

use crate::ExplainArgs;

/// Explains an outcome (`civis pb explain`); returns the exit code.
pub fn run(args: ExplainArgs, _out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let _ = args;
    crate::fail(err, "explain: not yet implemented")
}
