//! Small builders shared by the conformance cases.

use civis_domain::{DisplayName, PasswordHash, Role, Timestamp, TokenHash, UserId, Username};

use crate::{Change, NewSession, NewUser};

/// A timestamp `ms` milliseconds after a fixed, realistic base instant.
pub fn t(ms: i64) -> Timestamp {
    Timestamp::from_millis(1_790_000_000_000 + ms)
}

/// A valid username (panics on a bad one: fixtures are test code).
pub fn username(name: &str) -> Username {
    Username::parse(name).expect("fixture username")
}

/// A new account without a password.
pub fn new_user(name: &str, role: Role) -> NewUser {
    NewUser {
        username: username(name),
        display_name: DisplayName::parse(&format!("Display {name}")).expect("fixture name"),
        role,
        password_hash: None,
    }
}

/// A system change at `t(ms)`.
pub fn system(ms: i64) -> Change {
    Change::system(t(ms))
}

/// A token hash whose bytes are all `b`.
pub fn token(b: u8) -> TokenHash {
    TokenHash::from_bytes([b; 32])
}

/// A new session for `user` created at `t(created)` and expiring at `t(expires)`.
pub fn new_session(b: u8, user: UserId, created: i64, expires: i64) -> NewSession {
    NewSession {
        token_hash: token(b),
        user_id: user,
        csrf_secret: format!("csrf-{b}"),
        created_at: t(created),
        expires_at: t(expires),
        auth_methods: civis_domain::AuthMethods::one(civis_domain::AuthMethod::Password),
    }
}

/// A plausible Argon2id PHC string.
pub fn phc(tag: &str) -> PasswordHash {
    PasswordHash::new(format!("$argon2id$v=19$m=19456,t=2,p=1${tag}$aGFzaA"))
}
