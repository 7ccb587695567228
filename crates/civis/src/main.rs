//! The `civis` command: every civis capability behind one binary.
fn main() {}
