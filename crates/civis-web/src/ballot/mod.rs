//! Secret ballots (processes whose frozen rules say `secret_ballots`): each such
//! process has a credential issuer (an RFC 9474 blind RSA key) and a ballot log
//! (a transparency log served by `crate::tlog` under `/log/processes/<id>`),
//! in the published record's format (`civis_verify::record`).
//!
//! Both keys are made on first use and kept in the database, so every server
//! sharing it uses the same ones: the issuer key in `ballot_issuers`, the log
//! key in `tlog_keys`.

pub mod appender;
pub mod close;
pub mod credential;
pub mod issuer;
pub mod paper;
pub mod refusal;
pub mod server_seal;
pub mod submit;
pub mod trustees;

/// What a server caches for secret ballots.
#[derive(Default)]
pub struct BallotState {
    issuers: issuer::IssuerCache,
    appenders: appender::Appenders,
}

impl std::fmt::Debug for BallotState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BallotState").finish_non_exhaustive()
    }
}
