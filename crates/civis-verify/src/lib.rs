//! `civis-verify`: checks a participatory budget's published ballot record.
//!
//! A record ([`record`], described in `docs/published-record.md`) is a directory
//! holding the frozen rules and projects, the credential issuer's key and the
//! number of credentials issued, the trustees' commitments, the ballot log (C2SP
//! tlog-tiles with a signed checkpoint), the revealed shares and election secret
//! key, and the published outcome. [`verify_record`] checks all of it and
//! returns a [`Report`]: the log's integrity, every credential signature, that
//! each credential counts once (the last ballot, paper over online), that no more
//! credentials count than were issued, the revealed shares and key against the
//! commitments, the decryption and validity of every counted ballot, and the
//! outcome, re-run with the frozen rule.
//!
//! This crate knows nothing of the server or its storage: it reads files.

pub mod check;
pub mod fetch;
mod parallel;
pub mod record;
pub mod report;
pub mod tally;
pub mod trustee;
mod verify;
pub mod voter;

pub use report::{CheckResult, Report};
pub use verify::verify_record;
