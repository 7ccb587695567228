//! What a password sign-in reads before it checks the password: the recent failures
//! under its two throttle keys and the account with its password hash and second
//! factor, read in one query ([`crate::Store::password_sign_in_facts`]).

use civis_domain::{PasswordHash, Timestamp, User, Username};

/// The keys and window of one password sign-in's lookup.
#[derive(Debug, Clone, Copy)]
pub struct PasswordSignInQuery<'a> {
    /// The account to look up; `None` when the username does not parse (only the
    /// throttle counts are read).
    pub username: Option<&'a Username>,
    /// The throttle key of the username typed (e.g. `user:alice`).
    pub username_key: &'a str,
    /// The throttle key of the client address (e.g. `ip:192.0.2.1`).
    pub ip_key: &'a str,
    /// Failures recorded at or after this time are counted.
    pub since: Timestamp,
}

/// What [`crate::Store::password_sign_in_facts`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordSignInFacts {
    /// Failed sign-ins under [`PasswordSignInQuery::username_key`] since the window's start.
    pub failures_by_username: u64,
    /// Failed sign-ins under [`PasswordSignInQuery::ip_key`] since the window's start.
    pub failures_by_ip: u64,
    /// The account with that username, if there is one.
    pub account: Option<PasswordAccount>,
}

/// An account as a password sign-in sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordAccount {
    /// The account.
    pub user: User,
    /// Its password hash, `None` if it has no password.
    pub password_hash: Option<PasswordHash>,
    /// Whether it has a confirmed authenticator app (TOTP), so a code is the next step.
    pub totp_confirmed: bool,
}
