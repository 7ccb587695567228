//! Client services (relying parties) and the validation of their registration.

use std::fmt;

use civis_domain::{LevelOfAssurance, Timestamp, UserId};

use crate::jws::Alg;
use crate::scope::{Scope, Scopes};

/// A client identifier: 3 to 64 characters of `a-z`, `0-9`, `-`, `_`, `.`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClientId(String);

impl ClientId {
    /// Parses a client identifier.
    pub fn parse(text: &str) -> Result<Self, ClientProblem> {
        if !(3..=64).contains(&text.len()) {
            return Err(ClientProblem::ClientIdLength);
        }
        if !text.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        }) {
            return Err(ClientProblem::ClientIdCharacters);
        }
        Ok(Self(text.to_owned()))
    }

    /// The identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which subject identifiers a client receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectType {
    /// A different identifier per sector (the default).
    Pairwise,
    /// The resident's public identifier, the same for every public client.
    Public,
}

impl SubjectType {
    /// The name used in storage and discovery: `pairwise`, `public`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pairwise => "pairwise",
            Self::Public => "public",
        }
    }

    /// Parses [`SubjectType::as_str`].
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Pairwise, Self::Public]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// Whether a client can keep a secret (RFC 6749 §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKind {
    /// A server-side service with a client secret (`client_secret_basic` or
    /// `client_secret_post`).
    Confidential,
    /// A browser or native app: no secret (`none`), PKCE only.
    Public,
}

impl ClientKind {
    /// The name used in storage: `confidential`, `public`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Confidential => "confidential",
            Self::Public => "public",
        }
    }

    /// Parses [`ClientKind::as_str`].
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Confidential, Self::Public]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// What an admin sets about a client service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSettings {
    /// The service's name, shown to residents on the consent screen.
    pub name: String,
    /// Where codes may be sent; requests must name one exactly.
    pub redirect_uris: Vec<String>,
    /// The scopes the service may ask for (`openid` always included).
    pub allowed_scopes: Scopes,
    /// The lowest level of assurance the service accepts.
    pub min_level: LevelOfAssurance,
    /// Pairwise (default) or public subject identifiers.
    pub subject_type: SubjectType,
    /// Confidential (with a secret) or public.
    pub kind: ClientKind,
    /// The sector of pairwise identifiers: clients sharing it see the same
    /// `sub`; by default the client's own id, so every service differs.
    pub sector_identifier: Option<String>,
    /// How its ID tokens are signed (`id_token_signed_response_alg`): RS256,
    /// the default OpenID Connect requires, or ES256.
    pub id_token_alg: Alg,
}

/// A registered client service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// The client identifier.
    pub id: ClientId,
    /// What the admin set.
    pub settings: ClientSettings,
    /// SHA-256 of the client secret (confidential clients; the secret is
    /// random, 256 bits, shown once).
    pub secret_hash: Option<[u8; 32]>,
    /// When it was registered.
    pub created_at: Timestamp,
    /// When it was last changed.
    pub updated_at: Timestamp,
}

impl Client {
    /// Whether `uri` is one of the registered redirect URIs, compared exactly.
    pub fn has_redirect_uri(&self, uri: &str) -> bool {
        self.settings.redirect_uris.iter().any(|r| r == uri)
    }

    /// The sector of this client's pairwise identifiers.
    pub fn sector(&self) -> &str {
        self.settings
            .sector_identifier
            .as_deref()
            .unwrap_or(self.id.as_str())
    }

    /// The subject identifier this client sees for `user`.
    pub fn subject(&self, secret: &[u8], user: UserId) -> String {
        match self.settings.subject_type {
            SubjectType::Pairwise => crate::subject::pairwise(secret, self.sector(), user),
            SubjectType::Public => crate::subject::public(secret, user),
        }
    }

    /// The `token_endpoint_auth_method` names this client may use.
    pub fn auth_methods(&self) -> &'static [&'static str] {
        match self.settings.kind {
            ClientKind::Confidential => &["client_secret_basic", "client_secret_post"],
            ClientKind::Public => &["none"],
        }
    }
}

/// Why a registration was refused; the web layer words it per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientProblem {
    /// The client id is not 3 to 64 characters long.
    ClientIdLength,
    /// The client id has characters other than `a-z 0-9 - _ .`.
    ClientIdCharacters,
    /// The name is empty.
    NameEmpty,
    /// The name is longer than 100 characters or has control characters.
    NameInvalid,
    /// No redirect URI.
    RedirectUrisEmpty,
    /// More than [`MAX_REDIRECT_URIS`].
    RedirectUrisTooMany,
    /// A redirect URI is not an absolute URL, or is longer than 512 characters.
    RedirectUriInvalid,
    /// A redirect URI has a fragment (`#…`).
    RedirectUriFragment,
    /// A redirect URI uses `http` on a host other than the loopback interface.
    RedirectUriInsecure,
    /// The same redirect URI twice.
    RedirectUriDuplicate,
    /// A scope value this provider does not know.
    ScopeUnknown,
    /// A level that is not `low`, `substantial` or `high`.
    LevelUnknown,
    /// A subject type that is not `pairwise` or `public`.
    SubjectTypeUnknown,
    /// A client kind that is not `confidential` or `public`.
    KindUnknown,
    /// The sector identifier is longer than 200 characters or has spaces.
    SectorInvalid,
    /// An ID token signing algorithm other than `RS256` or `ES256`.
    IdTokenAlgUnknown,
}

impl ClientProblem {
    /// The form or JSON field the problem is about.
    pub const fn field(self) -> &'static str {
        match self {
            Self::ClientIdLength | Self::ClientIdCharacters => "client_id",
            Self::NameEmpty | Self::NameInvalid => "name",
            Self::RedirectUrisEmpty
            | Self::RedirectUrisTooMany
            | Self::RedirectUriInvalid
            | Self::RedirectUriFragment
            | Self::RedirectUriInsecure
            | Self::RedirectUriDuplicate => "redirect_uris",
            Self::ScopeUnknown => "scopes",
            Self::LevelUnknown => "min_level",
            Self::SubjectTypeUnknown => "subject_type",
            Self::KindUnknown => "kind",
            Self::SectorInvalid => "sector_identifier",
            Self::IdTokenAlgUnknown => "id_token_signed_response_alg",
        }
    }

    /// A stable name for message ids and tests, e.g. `redirect-uri-insecure`.
    pub const fn key(self) -> &'static str {
        match self {
            Self::ClientIdLength => "client-id-length",
            Self::ClientIdCharacters => "client-id-characters",
            Self::NameEmpty => "name-empty",
            Self::NameInvalid => "name-invalid",
            Self::RedirectUrisEmpty => "redirect-uris-empty",
            Self::RedirectUrisTooMany => "redirect-uris-too-many",
            Self::RedirectUriInvalid => "redirect-uri-invalid",
            Self::RedirectUriFragment => "redirect-uri-fragment",
            Self::RedirectUriInsecure => "redirect-uri-insecure",
            Self::RedirectUriDuplicate => "redirect-uri-duplicate",
            Self::ScopeUnknown => "scope-unknown",
            Self::LevelUnknown => "level-unknown",
            Self::SubjectTypeUnknown => "subject-type-unknown",
            Self::KindUnknown => "kind-unknown",
            Self::SectorInvalid => "sector-invalid",
            Self::IdTokenAlgUnknown => "id-token-alg-unknown",
        }
    }

    /// The problem in English, for the API.
    pub const fn english(self) -> &'static str {
        match self {
            Self::ClientIdLength => "The client id must be 3 to 64 characters long.",
            Self::ClientIdCharacters => {
                "The client id may use only lower-case letters a-z, digits, '-', '_' and '.'."
            }
            Self::NameEmpty => "Enter the service's name.",
            Self::NameInvalid => {
                "The name must be at most 100 characters, without control characters."
            }
            Self::RedirectUrisEmpty => "Enter at least one redirect URI.",
            Self::RedirectUrisTooMany => "At most 10 redirect URIs.",
            Self::RedirectUriInvalid => {
                "Each redirect URI must be an absolute URL of at most 512 characters."
            }
            Self::RedirectUriFragment => "A redirect URI must not have a fragment (#...).",
            Self::RedirectUriInsecure => {
                "A redirect URI must use https (http only for localhost, 127.0.0.1 or [::1])."
            }
            Self::RedirectUriDuplicate => "The same redirect URI is listed twice.",
            Self::ScopeUnknown => "Scopes are openid, profile, address and offline_access.",
            Self::LevelUnknown => "The level must be low, substantial or high.",
            Self::SubjectTypeUnknown => "The subject type must be pairwise or public.",
            Self::KindUnknown => "The kind must be confidential or public.",
            Self::SectorInvalid => {
                "The sector identifier must be at most 200 characters, without spaces."
            }
            Self::IdTokenAlgUnknown => "The ID token signing algorithm must be RS256 or ES256.",
        }
    }
}

/// The most redirect URIs one client may register.
pub const MAX_REDIRECT_URIS: usize = 10;

/// A registration as typed: every field text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientDraft {
    /// The service's name.
    pub name: String,
    /// Redirect URIs, one per line (or separated by spaces).
    pub redirect_uris: String,
    /// Scope values.
    pub scopes: Vec<String>,
    /// `low`, `substantial` or `high`.
    pub min_level: String,
    /// `pairwise` or `public`.
    pub subject_type: String,
    /// `confidential` or `public`.
    pub kind: String,
    /// Optional sector identifier.
    pub sector_identifier: String,
    /// `RS256` (also when empty) or `ES256`.
    pub id_token_alg: String,
}

impl ClientDraft {
    /// Validates the draft; every problem found, in field order.
    pub fn validate(&self) -> Result<ClientSettings, Vec<ClientProblem>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push(ClientProblem::NameEmpty);
        } else if name.chars().count() > 100 || name.chars().any(char::is_control) {
            problems.push(ClientProblem::NameInvalid);
        }
        let uris: Vec<String> = self
            .redirect_uris
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        if uris.is_empty() {
            problems.push(ClientProblem::RedirectUrisEmpty);
        } else if uris.len() > MAX_REDIRECT_URIS {
            problems.push(ClientProblem::RedirectUrisTooMany);
        } else if let Some(p) = uris.iter().find_map(|u| check_redirect_uri(u).err()) {
            problems.push(p);
        } else if (1..uris.len()).any(|i| uris[..i].contains(&uris[i])) {
            problems.push(ClientProblem::RedirectUriDuplicate);
        }
        let mut allowed_scopes = Scopes::one(Scope::OpenId);
        for s in &self.scopes {
            match Scope::parse(s.trim()) {
                Some(scope) => allowed_scopes = allowed_scopes.with(scope),
                None => {
                    problems.push(ClientProblem::ScopeUnknown);
                    break;
                }
            }
        }
        let min_level = LevelOfAssurance::parse(self.min_level.trim());
        if min_level.is_none() {
            problems.push(ClientProblem::LevelUnknown);
        }
        let subject_type = SubjectType::parse(self.subject_type.trim());
        if subject_type.is_none() {
            problems.push(ClientProblem::SubjectTypeUnknown);
        }
        let kind = ClientKind::parse(self.kind.trim());
        if kind.is_none() {
            problems.push(ClientProblem::KindUnknown);
        }
        let sector = self.sector_identifier.trim();
        if sector.chars().count() > 200 || sector.chars().any(char::is_whitespace) {
            problems.push(ClientProblem::SectorInvalid);
        }
        let alg = self.id_token_alg.trim();
        let id_token_alg = if alg.is_empty() {
            Some(Alg::Rs256)
        } else {
            Alg::parse(alg)
        };
        if id_token_alg.is_none() {
            problems.push(ClientProblem::IdTokenAlgUnknown);
        }
        match (min_level, subject_type, kind, id_token_alg) {
            (Some(min_level), Some(subject_type), Some(kind), Some(id_token_alg))
                if problems.is_empty() =>
            {
                Ok(ClientSettings {
                    name: name.to_owned(),
                    redirect_uris: uris,
                    allowed_scopes,
                    min_level,
                    subject_type,
                    kind,
                    sector_identifier: (!sector.is_empty()).then(|| sector.to_owned()),
                    id_token_alg,
                })
            }
            _ => Err(problems),
        }
    }
}

/// Checks one redirect URI: absolute, at most 512 characters, no fragment;
/// `https`, or `http` on the loopback interface (RFC 8252 §7.3), or a
/// private-use scheme with a dot (RFC 8252 §7.1, e.g. `org.example.app:/cb`).
pub fn check_redirect_uri(text: &str) -> Result<(), ClientProblem> {
    if text.len() > 512 {
        return Err(ClientProblem::RedirectUriInvalid);
    }
    let url = url::Url::parse(text).map_err(|_| ClientProblem::RedirectUriInvalid)?;
    if url.fragment().is_some() || text.contains('#') {
        return Err(ClientProblem::RedirectUriFragment);
    }
    match url.scheme() {
        "https" => {
            if url.host_str().is_none_or(str::is_empty) {
                return Err(ClientProblem::RedirectUriInvalid);
            }
            Ok(())
        }
        "http" => match url.host_str() {
            Some("localhost" | "127.0.0.1" | "[::1]") => Ok(()),
            _ => Err(ClientProblem::RedirectUriInsecure),
        },
        scheme if scheme.contains('.') => Ok(()),
        _ => Err(ClientProblem::RedirectUriInsecure),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ClientDraft {
        ClientDraft {
            name: "Library".into(),
            redirect_uris: "https://library.example.org/cb\nhttp://127.0.0.1:8000/cb".into(),
            scopes: vec!["profile".into()],
            min_level: "substantial".into(),
            subject_type: "pairwise".into(),
            kind: "confidential".into(),
            sector_identifier: String::new(),
            id_token_alg: String::new(),
        }
    }

    #[test]
    fn a_good_draft_validates() {
        let s = draft().validate().unwrap();
        assert_eq!(s.redirect_uris.len(), 2);
        assert_eq!(
            s.allowed_scopes,
            Scopes::one(Scope::OpenId).with(Scope::Profile)
        );
        assert_eq!(s.min_level, LevelOfAssurance::Substantial);
        assert_eq!(s.sector_identifier, None);
    }

    #[test]
    fn every_problem_is_found() {
        let bad = ClientDraft {
            name: " ".into(),
            redirect_uris: "http://evil.example/cb".into(),
            scopes: vec!["email".into()],
            min_level: "max".into(),
            subject_type: "x".into(),
            kind: "y".into(),
            sector_identifier: "a b".into(),
            id_token_alg: "HS256".into(),
        };
        let problems = bad.validate().unwrap_err();
        assert_eq!(
            problems,
            vec![
                ClientProblem::NameEmpty,
                ClientProblem::RedirectUriInsecure,
                ClientProblem::ScopeUnknown,
                ClientProblem::LevelUnknown,
                ClientProblem::SubjectTypeUnknown,
                ClientProblem::KindUnknown,
                ClientProblem::SectorInvalid,
                ClientProblem::IdTokenAlgUnknown,
            ]
        );
    }

    #[test]
    fn id_token_alg_defaults_to_rs256_and_takes_es256() {
        assert_eq!(draft().validate().unwrap().id_token_alg, Alg::Rs256);
        let es = ClientDraft {
            id_token_alg: " ES256 ".into(),
            ..draft()
        };
        assert_eq!(es.validate().unwrap().id_token_alg, Alg::Es256);
        let none = ClientDraft {
            id_token_alg: "none".into(),
            ..draft()
        };
        assert_eq!(
            none.validate().unwrap_err(),
            vec![ClientProblem::IdTokenAlgUnknown]
        );
    }

    #[test]
    fn redirect_uri_rules() {
        assert_eq!(
            check_redirect_uri("https://a.example/cb#x"),
            Err(ClientProblem::RedirectUriFragment)
        );
        assert_eq!(
            check_redirect_uri("/cb"),
            Err(ClientProblem::RedirectUriInvalid)
        );
        assert_eq!(
            check_redirect_uri("javascript:alert(1)"),
            Err(ClientProblem::RedirectUriInsecure)
        );
        assert!(check_redirect_uri("http://localhost:3000/cb").is_ok());
        assert!(check_redirect_uri("org.example.app:/cb").is_ok());
        let dup = ClientDraft {
            redirect_uris: "https://a.example/cb https://a.example/cb".into(),
            ..draft()
        };
        assert_eq!(
            dup.validate().unwrap_err(),
            vec![ClientProblem::RedirectUriDuplicate]
        );
    }

    #[test]
    fn client_ids() {
        assert!(ClientId::parse("budget-portal").is_ok());
        assert_eq!(ClientId::parse("ab"), Err(ClientProblem::ClientIdLength));
        assert_eq!(
            ClientId::parse("Budget"),
            Err(ClientProblem::ClientIdCharacters)
        );
    }

    #[test]
    fn subjects_follow_the_sector_and_type() {
        let settings = draft().validate().unwrap();
        let mk = |id: &str, settings: ClientSettings| Client {
            id: ClientId::parse(id).unwrap(),
            settings,
            secret_hash: None,
            created_at: Timestamp::EPOCH,
            updated_at: Timestamp::EPOCH,
        };
        let a = mk("a-service", settings.clone());
        let b = mk("b-service", settings.clone());
        let u = UserId(1);
        assert_ne!(a.subject(b"k", u), b.subject(b"k", u));
        let shared = ClientSettings {
            sector_identifier: Some("example.org".into()),
            ..settings.clone()
        };
        assert_eq!(
            mk("a-service", shared.clone()).subject(b"k", u),
            mk("b-service", shared).subject(b"k", u)
        );
        let public = ClientSettings {
            subject_type: SubjectType::Public,
            ..settings
        };
        assert_eq!(
            mk("a-service", public.clone()).subject(b"k", u),
            mk("b-service", public).subject(b"k", u)
        );
        assert!(a.has_redirect_uri("https://library.example.org/cb"));
        assert!(!a.has_redirect_uri("https://library.example.org/cb/"));
    }
}
