//! Shared set-up of the OpenID Connect tests: clients, sessions, PKCE, and
//! driving the authorization endpoint as a browser would.

use civis_domain::{AuthMethod, AuthMethods, LevelOfAssurance, Role, Timestamp, User};
use civis_oidc::client::ClientSettings;
use civis_oidc::token::secret_hash;
use civis_oidc::{Client, ClientId, ClientKind, Scope, Scopes, SubjectType};
use civis_store::Change;
use reqwest::header::LOCATION;

use crate::harness::{TestApp, TestDb};

/// The redirect URI every test client registers (nothing listens there: the
/// browser stops at the redirect).
pub const REDIRECT: &str = "http://127.0.0.1:9/cb";
/// The secret of every confidential test client.
pub const SECRET: &str = "test-client-secret-that-is-long-enough";
/// A PKCE verifier and its S256 challenge (RFC 7636 Appendix B).
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// The challenge of [`VERIFIER`].
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

/// A running provider with one resident.
pub struct Provider {
    pub app: TestApp,
    pub ann: User,
    db_url: String,
}

impl Provider {
    /// Starts the app at its own URL and creates `ann`.
    pub async fn start(db: &TestDb) -> Self {
        let app = TestApp::spawn_at_own_url(db, civis_web::WebConfig::default()).await;
        let ann = app.create_user("ann", Role::Resident).await;
        Provider {
            app,
            ann,
            db_url: db.url.clone(),
        }
    }

    /// Runs one SQL statement on the test database, past the store (for
    /// state another area of the platform owns, such as register proofing).
    pub async fn raw_sql(&self, sql: &str) {
        use sqlx::Connection as _;
        if self.db_url.starts_with("postgres") {
            let mut conn = sqlx::PgConnection::connect(&self.db_url).await.unwrap();
            sqlx::query(sql).execute(&mut conn).await.unwrap();
        } else {
            let store = civis_store_sqlite::SqliteStore::connect(&self.db_url)
                .await
                .unwrap();
            sqlx::query(sql).execute(store.pool()).await.unwrap();
            store.pool().close().await;
        }
    }

    /// Registers a client.
    pub async fn register(
        &self,
        id: &str,
        kind: ClientKind,
        scopes: &[Scope],
        min_level: LevelOfAssurance,
        subject_type: SubjectType,
    ) -> Client {
        let client = Client {
            id: ClientId::parse(id).unwrap(),
            settings: ClientSettings {
                name: format!("Service {id}"),
                redirect_uris: vec![REDIRECT.to_owned()],
                allowed_scopes: scopes
                    .iter()
                    .copied()
                    .collect::<Scopes>()
                    .with(Scope::OpenId),
                min_level,
                subject_type,
                kind,
                sector_identifier: None,
                id_token_alg: civis_oidc::jws::Alg::Rs256,
            },
            secret_hash: (kind == ClientKind::Confidential).then(|| secret_hash(SECRET)),
            created_at: Timestamp::EPOCH,
            updated_at: Timestamp::EPOCH,
        };
        self.app
            .store
            .create_oidc_client(&client, Change::system(self.now()))
            .await
            .unwrap()
    }

    /// A confidential, pairwise client allowing `profile` and `offline_access`.
    pub async fn library(&self) -> Client {
        self.register(
            "library",
            ClientKind::Confidential,
            &[Scope::Profile, Scope::OfflineAccess],
            LevelOfAssurance::Low,
            SubjectType::Pairwise,
        )
        .await
    }

    /// The server's clock.
    pub fn now(&self) -> Timestamp {
        self.app.clock.now()
    }

    /// A browser signed in as `ann`; returns it and its CSRF token.
    pub async fn browser(&self) -> (reqwest::Client, String) {
        let browser = self.app.client();
        let csrf = self.app.sign_in(&browser, "ann").await;
        (browser, csrf)
    }

    /// Records `ann`'s consent to `scopes` for `client` directly.
    pub async fn consent(&self, client: &str, scopes: &[Scope]) {
        let set = scopes
            .iter()
            .copied()
            .collect::<Scopes>()
            .with(Scope::OpenId);
        self.app
            .store
            .grant_oidc_consent(
                self.ann.id,
                &ClientId::parse(client).unwrap(),
                set,
                Change::by(self.ann.id, self.now()),
            )
            .await
            .unwrap();
    }

    /// Steps every session of `ann` up with `methods`, as the step-up page would.
    pub async fn step_up(&self, methods: AuthMethods) {
        let sessions = self
            .app
            .store
            .list_user_sessions(self.ann.id, self.now())
            .await
            .unwrap();
        for s in sessions {
            self.app
                .store
                .step_up_session(&s.token_hash, methods, self.now())
                .await
                .unwrap();
        }
    }
}

/// A password and TOTP session set.
pub fn two_factors() -> AuthMethods {
    AuthMethods::one(AuthMethod::Password).with(AuthMethod::Totp)
}

/// The query of an authorization request for `client` with `extra` parameters
/// (which replace the defaults of the same name; an empty value drops one).
pub fn authorize_query(client: &str, extra: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(String, String)> = [
        ("response_type", "code"),
        ("client_id", client),
        ("redirect_uri", REDIRECT),
        ("scope", "openid"),
        ("state", "st-1"),
        ("nonce", "no-1"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    for (k, v) in extra {
        pairs.retain(|(pk, _)| pk != k);
        if !v.is_empty() {
            pairs.push(((*k).to_owned(), (*v).to_owned()));
        }
    }
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The `Location` of a redirect response (asserting it is one).
pub fn location(res: &reqwest::Response) -> String {
    assert!(
        res.status().is_redirection(),
        "expected a redirect, got {}",
        res.status()
    );
    res.headers()
        .get(LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned()
}

/// The query parameters of a URL.
pub fn query_of(url: &str) -> Vec<(String, String)> {
    let full = if url.starts_with('/') {
        format!("http://x{url}")
    } else {
        url.to_owned()
    };
    url::Url::parse(&full)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// One parameter of a URL's query.
pub fn param(url: &str, name: &str) -> Option<String> {
    query_of(url)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// `GET /oidc/authorize?…` in `browser`; returns the response.
pub async fn authorize(p: &Provider, browser: &reqwest::Client, query: &str) -> reqwest::Response {
    browser
        .get(p.app.url(&format!("/oidc/authorize?{query}")))
        .send()
        .await
        .unwrap()
}

/// Runs an authorization request that must end in a code at [`REDIRECT`];
/// returns the code.
pub async fn code_for(p: &Provider, browser: &reqwest::Client, query: &str) -> String {
    let res = authorize(p, browser, query).await;
    let to = location(&res);
    assert!(to.starts_with(REDIRECT), "not sent to the client: {to}");
    param(&to, "code").unwrap_or_else(|| panic!("no code in {to}"))
}

/// `POST /oidc/token` for a code, as a confidential client with HTTP Basic.
pub async fn redeem(p: &Provider, client: &str, code: &str, verifier: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(p.app.url("/oidc/token"))
        .basic_auth(client, Some(SECRET))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap()
}

/// The `error` of an OAuth JSON error response with `status`.
pub async fn oauth_error(res: reqwest::Response, status: u16) -> String {
    assert_eq!(res.status().as_u16(), status, "status");
    assert_eq!(
        res.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let body: serde_json::Value = res.json().await.unwrap();
    body["error"].as_str().unwrap().to_owned()
}

/// `GET /oidc/userinfo` with a bearer token.
pub async fn userinfo(p: &Provider, token: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(p.app.url("/oidc/userinfo"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

/// The redirect URI (with the response parameters) that the "Continue to
/// the service" page links to: how the provider answers after its own forms.
pub async fn continue_link(res: reqwest::Response) -> String {
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    let start = page
        .find("class=\"button\" href=\"")
        .unwrap_or_else(|| panic!("no continue link in {page}"))
        + "class=\"button\" href=\"".len();
    let end = start + page[start..].find('"').unwrap();
    unescape_html(&page[start..end])
}

/// Decodes the character references askama writes (`&#38;`, `&#x27;`, `&amp;`, …).
pub fn unescape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = &tail[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
