//! What the provider does with a valid authorization request, given the
//! resident's session: issue a code, ask for an interaction (sign in, sign in
//! again, step up, consent), or, under `prompt=none`, answer with the error
//! OpenID Connect Core §3.1.2.6 names.

use civis_domain::{LevelOfAssurance, Timestamp, UserId};

use crate::error::{ErrorCode, OAuthError};
use crate::request::AuthorizationRequest;
use crate::scope::Scopes;

/// What is known about the browser's session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionFacts {
    /// The signed-in resident.
    pub user: UserId,
    /// When they last authenticated (OpenID Connect `auth_time`).
    pub authenticated_at: Timestamp,
    /// The session's level of assurance now.
    pub level: LevelOfAssurance,
    /// The highest level the account can reach (its proofing's ceiling).
    pub ceiling: LevelOfAssurance,
}

/// The outcome of checking an `id_token_hint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    /// No hint was given.
    #[default]
    Absent,
    /// The hint names the signed-in resident (or no one is signed in to compare).
    Matches,
    /// The hint names someone else than the signed-in resident.
    Differs,
    /// The hint is not an ID token this provider issued.
    Invalid,
}

/// Everything [`decide`] needs besides the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The session, if the browser has one.
    pub session: Option<SessionFacts>,
    /// The scopes the resident consented to for this client.
    pub consented: Scopes,
    /// When the provider last sent the resident to sign in again for this very
    /// request (from a verified login ticket): a sign-in after it satisfies
    /// `prompt=login` and `max_age`.
    pub reauth_asked_at: Option<Timestamp>,
    /// The `id_token_hint` check.
    pub hint: Hint,
    /// Now.
    pub now: Timestamp,
}

/// Something the resident must do before a code can be issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interaction {
    /// Sign in (no session).
    SignIn,
    /// Sign in again (`prompt=login`, `max_age`, or another resident hinted).
    ReAuthenticate,
    /// Authenticate with more factors to reach the level.
    StepUp(LevelOfAssurance),
    /// Consent to share the requested claims with the client.
    Consent,
}

/// What to do with the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Issue a code to the client.
    Issue,
    /// Show a page or send the resident elsewhere first.
    Interact(Interaction),
    /// Send this error to the client.
    Fail(OAuthError),
}

/// Decides what to do with `req` in `ctx`.
///
/// In order: an invalid hint fails; without a session, sign in; with a hint
/// for someone else, or `prompt=login` or `max_age` not yet satisfied, sign in
/// again; a level below the required one needs a step-up (or fails with
/// `access_denied` when the account cannot reach it at all); then consent,
/// when asked for by `prompt=consent` or missing for a requested scope.
/// Under `prompt=none` every interaction becomes the matching error:
/// `login_required`, `interaction_required`, `consent_required`.
pub fn decide(req: &AuthorizationRequest, ctx: &Context) -> Decision {
    let none = req.prompt.none;
    if ctx.hint == Hint::Invalid {
        return Decision::Fail(OAuthError::invalid_request(
            "id_token_hint is not an ID token issued by this provider",
        ));
    }
    let Some(session) = ctx.session else {
        return if none {
            Decision::Fail(OAuthError::new(
                ErrorCode::LoginRequired,
                "the resident is not signed in",
            ))
        } else {
            Decision::Interact(Interaction::SignIn)
        };
    };
    let fresh = ctx
        .reauth_asked_at
        .is_some_and(|t| session.authenticated_at >= t);
    let too_old = req
        .max_age
        .is_some_and(|max| session.authenticated_at < ctx.now.minus_seconds(max));
    let needs_reauth = ctx.hint == Hint::Differs || ((req.prompt.login || too_old) && !fresh);
    if needs_reauth {
        return if none {
            Decision::Fail(OAuthError::new(
                ErrorCode::LoginRequired,
                "the resident must sign in again",
            ))
        } else {
            Decision::Interact(Interaction::ReAuthenticate)
        };
    }
    if session.level < req.required_level {
        if session.ceiling < req.required_level {
            return Decision::Fail(OAuthError::new(
                ErrorCode::AccessDenied,
                format!(
                    "the account cannot reach the level of assurance {}",
                    req.required_level
                ),
            ));
        }
        return if none {
            Decision::Fail(OAuthError::new(
                ErrorCode::InteractionRequired,
                format!("a step-up to level {} is needed", req.required_level),
            ))
        } else {
            Decision::Interact(Interaction::StepUp(req.required_level))
        };
    }
    if req.prompt.consent || !ctx.consented.contains_all(req.scopes) {
        return if none {
            Decision::Fail(OAuthError::new(
                ErrorCode::ConsentRequired,
                "the resident has not consented to these scopes",
            ))
        } else {
            Decision::Interact(Interaction::Consent)
        };
    }
    Decision::Issue
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{Client, ClientId, ClientKind, ClientSettings, SubjectType};
    use crate::request::{validate, RawRequest};
    use crate::scope::Scope;
    use LevelOfAssurance::*;

    fn request(extra: &[(&'static str, &'static str)]) -> AuthorizationRequest {
        let client = Client {
            id: ClientId::parse("library").unwrap(),
            settings: ClientSettings {
                name: "Library".into(),
                redirect_uris: vec!["https://lib.example/cb".into()],
                allowed_scopes: Scopes::all(),
                min_level: Low,
                subject_type: SubjectType::Pairwise,
                kind: ClientKind::Public,
                sector_identifier: None,
                id_token_alg: crate::jws::Alg::Rs256,
            },
            secret_hash: None,
            created_at: Timestamp::EPOCH,
            updated_at: Timestamp::EPOCH,
        };
        let mut pairs = vec![
            ("response_type", "code"),
            ("client_id", "library"),
            ("redirect_uri", "https://lib.example/cb"),
            ("scope", "openid profile"),
            (
                "code_challenge",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ),
            ("code_challenge_method", "S256"),
        ];
        pairs.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        pairs.extend_from_slice(extra);
        validate(&RawRequest::from_pairs(pairs), &client).unwrap()
    }

    fn t(s: i64) -> Timestamp {
        Timestamp::from_millis(s * 1000)
    }

    fn ctx() -> Context {
        Context {
            session: Some(SessionFacts {
                user: UserId(1),
                authenticated_at: t(1_000),
                level: Substantial,
                ceiling: High,
            }),
            consented: Scopes::one(Scope::OpenId).with(Scope::Profile),
            reauth_asked_at: None,
            hint: Hint::Absent,
            now: t(1_100),
        }
    }

    fn code(d: Decision) -> ErrorCode {
        match d {
            Decision::Fail(e) => e.code,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn a_consented_session_gets_a_code() {
        assert_eq!(decide(&request(&[]), &ctx()), Decision::Issue);
        assert_eq!(
            decide(&request(&[("prompt", "none")]), &ctx()),
            Decision::Issue
        );
    }

    #[test]
    fn no_session() {
        let c = Context {
            session: None,
            ..ctx()
        };
        assert_eq!(
            decide(&request(&[]), &c),
            Decision::Interact(Interaction::SignIn)
        );
        assert_eq!(
            code(decide(&request(&[("prompt", "none")]), &c)),
            ErrorCode::LoginRequired
        );
    }

    #[test]
    fn prompt_login_until_a_fresh_sign_in() {
        let r = request(&[("prompt", "login")]);
        assert_eq!(
            decide(&r, &ctx()),
            Decision::Interact(Interaction::ReAuthenticate)
        );
        let asked = Context {
            reauth_asked_at: Some(t(1_050)),
            ..ctx()
        };
        assert_eq!(
            decide(&r, &asked),
            Decision::Interact(Interaction::ReAuthenticate),
            "a sign-in before the demand does not count"
        );
        let mut signed_again = asked;
        if let Some(s) = signed_again.session.as_mut() {
            s.authenticated_at = t(1_060);
        }
        assert_eq!(decide(&r, &signed_again), Decision::Issue);
    }

    #[test]
    fn max_age() {
        assert_eq!(
            decide(&request(&[("max_age", "100")]), &ctx()),
            Decision::Issue
        );
        assert_eq!(
            decide(&request(&[("max_age", "99")]), &ctx()),
            Decision::Interact(Interaction::ReAuthenticate)
        );
        assert_eq!(
            code(decide(
                &request(&[("max_age", "0"), ("prompt", "none")]),
                &ctx()
            )),
            ErrorCode::LoginRequired
        );
        let fresh = Context {
            reauth_asked_at: Some(t(999)),
            ..ctx()
        };
        assert_eq!(
            decide(&request(&[("max_age", "0")]), &fresh),
            Decision::Issue
        );
    }

    #[test]
    fn levels_and_step_up() {
        let high = request(&[("acr_values", "http://eidas.europa.eu/LoA/high")]);
        assert_eq!(
            decide(&high, &ctx()),
            Decision::Interact(Interaction::StepUp(High))
        );
        let none_high = request(&[("acr_values", "high"), ("prompt", "none")]);
        assert_eq!(
            code(decide(&none_high, &ctx())),
            ErrorCode::InteractionRequired
        );
        let mut capped = ctx();
        if let Some(s) = capped.session.as_mut() {
            s.ceiling = Substantial;
        }
        assert_eq!(code(decide(&high, &capped)), ErrorCode::AccessDenied);
    }

    #[test]
    fn consent() {
        let address = request(&[("scope", "openid address")]);
        assert_eq!(
            decide(&address, &ctx()),
            Decision::Interact(Interaction::Consent)
        );
        assert_eq!(
            decide(&request(&[("prompt", "consent")]), &ctx()),
            Decision::Interact(Interaction::Consent)
        );
        let none = request(&[("scope", "openid address"), ("prompt", "none")]);
        assert_eq!(code(decide(&none, &ctx())), ErrorCode::ConsentRequired);
    }

    #[test]
    fn hints() {
        let differs = Context {
            hint: Hint::Differs,
            ..ctx()
        };
        assert_eq!(
            decide(&request(&[]), &differs),
            Decision::Interact(Interaction::ReAuthenticate)
        );
        assert_eq!(
            code(decide(&request(&[("prompt", "none")]), &differs)),
            ErrorCode::LoginRequired
        );
        let invalid = Context {
            hint: Hint::Invalid,
            ..ctx()
        };
        assert_eq!(
            code(decide(&request(&[]), &invalid)),
            ErrorCode::InvalidRequest
        );
    }
}
