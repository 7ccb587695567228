//! The errors of the protocol, with the codes the standards name
//! (RFC 6749 §4.1.2.1 and §5.2, OpenID Connect Core §3.1.2.6, RFC 6750 §3.1,
//! RFC 7009 §2.2.1).

use std::fmt;

/// An `error` code of OAuth 2.0 and OpenID Connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A parameter is missing, repeated, malformed or not supported.
    InvalidRequest,
    /// The client may not use this grant or response type.
    UnauthorizedClient,
    /// The resident or the provider refused the request.
    AccessDenied,
    /// `response_type` is not `code`.
    UnsupportedResponseType,
    /// A scope is missing (`openid`) or not allowed for this client.
    InvalidScope,
    /// The provider failed.
    ServerError,
    /// The provider is overloaded or down for maintenance.
    TemporarilyUnavailable,
    /// `prompt=none`, and the request needs the resident to do something.
    InteractionRequired,
    /// `prompt=none`, and the resident must sign in (again).
    LoginRequired,
    /// `prompt=none`, and the resident has not consented.
    ConsentRequired,
    /// The `request` parameter (request objects) is not supported.
    RequestNotSupported,
    /// The `request_uri` parameter is not supported.
    RequestUriNotSupported,
    /// The `registration` parameter is not supported.
    RegistrationNotSupported,
    /// Client authentication failed.
    InvalidClient,
    /// The code or refresh token is invalid, expired, used, revoked, or was
    /// issued to another client or redirect URI; or the PKCE verifier is wrong.
    InvalidGrant,
    /// `grant_type` is not supported.
    UnsupportedGrantType,
    /// The access token is invalid, expired or revoked (RFC 6750).
    InvalidToken,
    /// The access token lacks the scope the resource needs (RFC 6750).
    InsufficientScope,
    /// `token_type_hint` names a token type this server cannot revoke (RFC 7009).
    UnsupportedTokenType,
}

impl ErrorCode {
    /// The code as sent in `error`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::UnauthorizedClient => "unauthorized_client",
            Self::AccessDenied => "access_denied",
            Self::UnsupportedResponseType => "unsupported_response_type",
            Self::InvalidScope => "invalid_scope",
            Self::ServerError => "server_error",
            Self::TemporarilyUnavailable => "temporarily_unavailable",
            Self::InteractionRequired => "interaction_required",
            Self::LoginRequired => "login_required",
            Self::ConsentRequired => "consent_required",
            Self::RequestNotSupported => "request_not_supported",
            Self::RequestUriNotSupported => "request_uri_not_supported",
            Self::RegistrationNotSupported => "registration_not_supported",
            Self::InvalidClient => "invalid_client",
            Self::InvalidGrant => "invalid_grant",
            Self::UnsupportedGrantType => "unsupported_grant_type",
            Self::InvalidToken => "invalid_token",
            Self::InsufficientScope => "insufficient_scope",
            Self::UnsupportedTokenType => "unsupported_token_type",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A protocol error: its code and a description for the client's developers
/// (`error_description`: printable ASCII without `"` or `\`, RFC 6749 §5.2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {description}")]
pub struct OAuthError {
    /// The standard code.
    pub code: ErrorCode,
    /// What was wrong, in English, for developers.
    pub description: String,
}

impl OAuthError {
    /// An error with `code` and `description` (characters outside the allowed
    /// set are replaced by `?`).
    pub fn new(code: ErrorCode, description: impl Into<String>) -> Self {
        let description = description
            .into()
            .chars()
            .map(|c| {
                if (' '..='~').contains(&c) && c != '"' && c != '\\' {
                    c
                } else {
                    '?'
                }
            })
            .collect();
        Self { code, description }
    }

    /// `invalid_request` with `description`.
    pub fn invalid_request(description: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidRequest, description)
    }

    /// `invalid_grant` with `description`.
    pub fn invalid_grant(description: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidGrant, description)
    }

    /// `invalid_client` with `description`.
    pub fn invalid_client(description: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidClient, description)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_stay_in_the_allowed_set() {
        let e = OAuthError::invalid_request("bad \"x\" \\ é\n");
        assert_eq!(e.description, "bad ?x? ? ??");
        assert_eq!(e.code.as_str(), "invalid_request");
    }
}
