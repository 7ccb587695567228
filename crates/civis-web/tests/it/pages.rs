//! The HTML pages against a real server (port 0, fresh SQLite file): every page for every
//! role in every language, the language switcher without JavaScript, forms with bad input,
//! CSRF fields, and the size budget.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::sync::Arc;

use civis_domain::{DisplayName, PasswordHash, Role, Username};
use civis_store::{Change, NewUser, Store, UserFilter};
use civis_store_sqlite::SqliteStore;
use civis_web::i18n::{L10n, Lang};
use civis_web::{build_app, AppState, WebConfig};
use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::StatusCode;

/// The password of every seeded account.
const PASSWORD: &str = "correct horse battery staple";

/// Who browses: signed out, or signed in with a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    SignedOut,
    As(Role),
}

const EVERYONE: [Who; 5] = [
    Who::SignedOut,
    Who::As(Role::Resident),
    Who::As(Role::Official),
    Who::As(Role::Admin),
    Who::As(Role::Auditor),
];

/// A running server with its own database.
struct Server {
    base: String,
    store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("civis.sqlite3").display());
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url).await.unwrap());
        let hash = civis_web::auth::password::hash(PASSWORD.to_owned())
            .await
            .unwrap();
        for role in Role::ALL {
            let new = NewUser {
                username: Username::parse(role.as_str()).unwrap(),
                display_name: DisplayName::parse(&format!("Test {role}")).unwrap(),
                role,
                password_hash: Some(PasswordHash::new(hash.clone())),
            };
            store
                .create_user(
                    &new,
                    Change::system(civis_domain::Timestamp::from_millis(0)),
                )
                .await
                .unwrap();
        }
        let app = build_app(AppState::new(
            store.clone(),
            crate::harness::relaxed(WebConfig::default()),
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(civis_web::serve(listener, app, std::future::pending()));
        Server {
            base,
            store,
            _dir: dir,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A cookie-keeping client that does not follow redirects.
    fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .unwrap()
    }

    /// A client for `who`, showing pages in `lang` (chosen through the switcher).
    async fn browser(&self, who: Who, lang: Lang) -> reqwest::Client {
        let client = Self::client();
        let r = client
            .get(self.url(&format!("/?lang={lang}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        if let Who::As(role) = who {
            self.sign_in(&client, role.as_str(), PASSWORD).await;
        }
        client
    }

    async fn sign_in(&self, client: &reqwest::Client, username: &str, password: &str) {
        let csrf = csrf_token(&self.get_ok(client, "/sign-in").await);
        let r = client
            .post(self.url("/sign-in"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("username", username),
                ("password", password),
                ("next", "/account"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "sign-in as {username}");
        assert_eq!(r.headers()[LOCATION], "/account");
    }

    async fn get(&self, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
        let r = client.get(self.url(path)).send().await.unwrap();
        (r.status(), r.text().await.unwrap())
    }

    async fn get_ok(&self, client: &reqwest::Client, path: &str) -> String {
        let (status, body) = self.get(client, path).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }

    async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client.post(self.url(path)).form(form).send().await.unwrap()
    }
}

/// The value of the first `csrf_token` hidden field.
fn csrf_token(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("no csrf_token field") + marker.len();
    let end = html[start..].find('"').unwrap();
    html[start..start + end].to_owned()
}

/// `text` as the templates escape it.
fn escaped(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

fn assert_lang(body: &str, lang: Lang, page: &str) {
    assert!(
        body.contains(&format!("<html lang=\"{lang}\">")),
        "{page} is not marked lang={lang}"
    );
}

/// The pages `who` may see, with the message that must appear in each.
fn pages_for(who: Who) -> Vec<(&'static str, &'static str)> {
    let mut pages = vec![("/", "home-heading")];
    match who {
        Who::SignedOut => {
            pages.push(("/sign-in", "sign-in-title"));
            pages.push(("/sign-up", "sign-up-title"));
        }
        Who::As(role) => {
            pages.push(("/account", "account-sessions-heading"));
            pages.push(("/account/password", "password-lead"));
            if role.can_manage_users() {
                pages.push(("/admin/users", "users-create-heading"));
            }
            if role.can_read_audit() {
                pages.push(("/audit", "audit-filters"));
            }
        }
    }
    pages
}

#[tokio::test]
async fn every_page_renders_for_every_role_in_every_language() {
    let server = Server::start().await;
    // Words a reader of each language would recognise, written out independently of the
    // catalogs: the home page heading.
    let home_words = [
        (Lang::En, "your say"),
        (Lang::Es, "tu voz"),
        (Lang::Et, "sinu sõna"),
    ];
    for who in EVERYONE {
        for lang in Lang::ALL {
            let l = L10n::new(lang);
            let client = server.browser(who, lang).await;
            for (path, key) in pages_for(who) {
                let body = server.get_ok(&client, path).await;
                assert_lang(&body, lang, path);
                let expected = escaped(&l.t(key));
                assert!(
                    body.contains(&expected),
                    "{who:?} {lang} {path}: missing {expected:?}"
                );
                if let Who::As(role) = who {
                    let role_name = escaped(&l.t(civis_web::pages::layout::role_key(role)));
                    if path == "/account" {
                        assert!(body.contains(&role_name), "{who:?} {lang}: role not shown");
                    }
                }
            }
            let home = server.get_ok(&client, "/").await;
            let word = home_words.iter().find(|(l, _)| *l == lang).unwrap().1;
            assert!(home.contains(word), "{lang} home page lacks {word:?}");
        }
    }
}

#[tokio::test]
async fn pages_refuse_roles_that_may_not_see_them_with_a_translated_page() {
    let server = Server::start().await;
    let client = server.browser(Who::As(Role::Resident), Lang::Et).await;
    for path in ["/admin/users", "/audit"] {
        let (status, body) = server.get(&client, path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert_lang(&body, Lang::Et, path);
        assert!(body.contains("Pole lubatud"), "{path}: {body}");
    }
    let official = server.browser(Who::As(Role::Official), Lang::Es).await;
    let (status, _) = server.get(&official, "/admin/users").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, body) = server.get(&client, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_lang(&body, Lang::Et, "404");
    assert!(body.contains("Lehte ei leitud"), "{body}");

    let anonymous = Server::client();
    let r = anonymous.get(server.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()[LOCATION]
        .to_str()
        .unwrap()
        .starts_with("/sign-in?next="));
}

#[tokio::test]
async fn the_language_switcher_works_without_javascript() {
    let server = Server::start().await;
    let client = Server::client();

    // Nothing chosen: Accept-Language decides; nothing usable: English.
    let r = client
        .get(server.url("/"))
        .header(ACCEPT_LANGUAGE, "fr-CH, es;q=0.8, en;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()[CONTENT_LANGUAGE], "es");
    assert_lang(&r.text().await.unwrap(), Lang::Es, "/");
    let (_, body) = server.get(&client, "/").await;
    assert_lang(&body, Lang::En, "/");

    // The switcher is plain links with lang and hreflang.
    for lang in Lang::ALL {
        let link = format!(
            "href=\"/sign-in?lang={0}\" hreflang=\"{0}\" lang=\"{0}\"",
            lang.code()
        );
        let (_, page) = server.get(&client, "/sign-in").await;
        assert!(page.contains(&link), "switcher link {link} missing");
    }

    // Following a link stores the choice and returns to the same page, other parameters kept.
    let r = client
        .get(server.url("/sign-in?next=%2Faudit&lang=et"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/sign-in?next=%2Faudit");
    assert!(r.headers()[SET_COOKIE]
        .to_str()
        .unwrap()
        .starts_with("lang=et;"));

    // The cookie now wins over Accept-Language.
    let r = client
        .get(server.url("/sign-in"))
        .header(ACCEPT_LANGUAGE, "es")
        .send()
        .await
        .unwrap();
    let body = r.text().await.unwrap();
    assert_lang(&body, Lang::Et, "/sign-in");
    assert!(body.contains("Logi sisse"));
    assert!(body.contains("aria-current=\"true\">Eesti</a>"));
}

#[tokio::test]
async fn sign_up_with_bad_input_shows_each_message_next_to_its_field_and_stores_nothing() {
    let server = Server::start().await;
    let before = server
        .store
        .count_users(UserFilter::default())
        .await
        .unwrap();
    let client = server.browser(Who::SignedOut, Lang::Es).await;
    let csrf = csrf_token(&server.get_ok(&client, "/sign-up").await);
    let r = server
        .post_form(
            &client,
            "/sign-up",
            &[
                ("csrf_token", &csrf),
                ("username", "Ana María"),
                ("display_name", "  "),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert_lang(&body, Lang::Es, "/sign-up");
    assert!(
        body.contains("<title>Error: Crear una cuenta"),
        "title marks the error"
    );
    // The summary links to each field.
    for field in ["username", "display_name", "password"] {
        assert!(
            body.contains(&format!("<a href=\"#{field}\">")),
            "summary lacks {field}"
        );
    }
    // Each message sits next to its field, which points at it.
    let username_input = input_tag(&body, "username");
    assert!(username_input.contains("aria-invalid=\"true\""));
    assert!(username_input.contains("aria-describedby=\"username-hint username-error\""));
    assert!(
        username_input.contains("value=\"Ana María\""),
        "value kept: {username_input}"
    );
    assert!(body.contains(
        "<p class=\"error-msg\" id=\"username-error\">El nombre de usuario no puede contener «A» (carácter 1)"
    ));
    assert!(body.contains("id=\"display_name-error\">Escribe un nombre visible</p>"));
    assert!(
        body.contains("id=\"password-error\">La contraseña debe tener al menos 12 caracteres</p>")
    );
    // Passwords are never sent back.
    assert!(input_tag(&body, "password").contains("value=\"\""));
    assert!(!body.contains("short"));
    let after = server
        .store
        .count_users(UserFilter::default())
        .await
        .unwrap();
    assert_eq!(after, before, "nothing stored");

    // Mismatched confirmation, then a taken username: still nothing stored.
    let r = server
        .post_form(
            &client,
            "/sign-up",
            &[
                ("csrf_token", &csrf),
                ("username", "ana"),
                ("display_name", "Ana"),
                ("password", PASSWORD),
                ("password_confirm", "something else entirely"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("id=\"password_confirm-error\">Las dos contraseñas no coinciden</p>"));
    let r = server
        .post_form(
            &client,
            "/sign-up",
            &[
                ("csrf_token", &csrf),
                ("username", "admin"),
                ("display_name", "Impostor"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("id=\"username-error\">Este nombre de usuario ya está en uso"));
    assert_eq!(
        server
            .store
            .count_users(UserFilter::default())
            .await
            .unwrap(),
        before
    );

    // Good input creates a resident and signs in.
    let r = server
        .post_form(
            &client,
            "/sign-up",
            &[
                ("csrf_token", &csrf),
                ("username", "ana"),
                ("display_name", "Ana María"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let account = server.get_ok(&client, "/account").await;
    assert!(account.contains("Ana María") && account.contains("Vecino"));
}

/// The `<input …>` tag whose id is `id`.
fn input_tag<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<input id=\"{id}\""))
        .unwrap_or_else(|| panic!("no input #{id}"));
    let end = html[start..].find('>').unwrap();
    &html[start..=start + end]
}

#[tokio::test]
async fn sign_in_failures_are_shown_on_the_form() {
    let server = Server::start().await;
    let client = server.browser(Who::SignedOut, Lang::Et).await;
    let csrf = csrf_token(&server.get_ok(&client, "/sign-in").await);
    let r = server
        .post_form(
            &client,
            "/sign-in",
            &[("csrf_token", &csrf), ("username", ""), ("password", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("id=\"username-error\">Sisesta oma kasutajanimi</p>"));
    assert!(body.contains("id=\"password-error\">Sisesta oma parool</p>"));
    let r = server
        .post_form(
            &client,
            "/sign-in",
            &[
                ("csrf_token", &csrf),
                ("username", "admin"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("Kasutajanimi või parool on vale"));
    assert!(input_tag(&body, "username").contains("value=\"admin\""));
}

#[tokio::test]
async fn every_post_form_carries_a_csrf_token_and_forms_without_it_are_refused() {
    let server = Server::start().await;
    let mut forms_seen = 0;
    for who in EVERYONE {
        let client = server.browser(who, Lang::En).await;
        for (path, _) in pages_for(who) {
            let body = server.get_ok(&client, path).await;
            for form in body.split("<form").skip(1) {
                let form = &form[..form.find("</form>").unwrap()];
                if form.contains("method=\"post\"") {
                    forms_seen += 1;
                    let token = csrf_token(form);
                    assert!(token.len() >= 16, "{who:?} {path}: weak token {token:?}");
                }
            }
        }
    }
    assert!(forms_seen >= 10, "only {forms_seen} POST forms found");

    let before = server
        .store
        .count_users(UserFilter::default())
        .await
        .unwrap();
    let client = server.browser(Who::SignedOut, Lang::En).await;
    let r = server
        .post_form(
            &client,
            "/sign-up",
            &[
                ("username", "mallory"),
                ("display_name", "Mallory"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        server
            .store
            .count_users(UserFilter::default())
            .await
            .unwrap(),
        before
    );
}

#[tokio::test]
async fn admins_create_accounts_and_change_roles_and_auditors_see_it_in_the_log() {
    let server = Server::start().await;
    let admin = server.browser(Who::As(Role::Admin), Lang::En).await;
    let page = server.get_ok(&admin, "/admin/users").await;
    assert!(page.contains("<caption id=\"users-caption\">4 accounts, by username</caption>"));
    assert!(page.contains("<th scope=\"col\">Account</th>"));
    let csrf = csrf_token(&page);

    // Bad input: message next to the field, nothing stored.
    let r = server
        .post_form(
            &admin,
            "/admin/users",
            &[
                ("csrf_token", &csrf),
                ("username", "x"),
                ("display_name", "Xavier"),
                ("role", "emperor"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("id=\"username-error\">The username must be at least 3 characters long</p>")
    );
    assert!(body.contains("id=\"role-error\">Choose one of the listed roles</p>"));
    assert!(input_tag(&body, "display_name").contains("value=\"Xavier\""));
    assert_eq!(
        server
            .store
            .count_users(UserFilter::default())
            .await
            .unwrap(),
        4
    );

    let r = server
        .post_form(
            &admin,
            "/admin/users",
            &[
                ("csrf_token", &csrf),
                ("username", "xavier"),
                ("display_name", "Xavier"),
                ("role", "official"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()[LOCATION].to_str().unwrap().to_owned();
    let page = server.get_ok(&admin, &to).await;
    assert!(page.contains("Account xavier created."));
    let xavier = server
        .store
        .user_by_username(&Username::parse("xavier").unwrap())
        .await
        .unwrap();
    assert_eq!(xavier.role, Role::Official);

    let r = server
        .post_form(
            &admin,
            &format!("/admin/users/{}/role", xavier.id),
            &[("csrf_token", &csrf), ("role", "auditor")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(server
        .get_ok(&admin, &to)
        .await
        .contains("xavier is now: Auditor."));

    // An admin cannot demote themselves; the message sits next to that row's select.
    let me = server
        .store
        .user_by_username(&Username::parse("admin").unwrap())
        .await
        .unwrap();
    let r = server
        .post_form(
            &admin,
            &format!("/admin/users/{}/role", me.id),
            &[("csrf_token", &csrf), ("role", "resident")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains(&format!(
        "<a href=\"#role-{}\">You cannot change your own role",
        me.id
    )));
    assert!(body.contains(&format!("aria-describedby=\"role-{}-error\"", me.id)));

    // The auditor sees both changes, filtered by actor and action, in Estonian.
    let auditor = server.browser(Who::As(Role::Auditor), Lang::Et).await;
    let log = server
        .get_ok(&auditor, "/audit?actor=admin&action=user.role_changed")
        .await;
    assert!(log.contains("Üks sobiv sündmus"), "{log}");
    assert!(log.contains("role: official → auditor"));
    assert!(log.contains("<th scope=\"col\">Tegevus</th>"));
    let log = server.get_ok(&auditor, "/audit?actor=admin").await;
    assert!(log.contains("2 sobivat sündmust"), "{log}");
    let log = server
        .get_ok(&auditor, "/audit?from=2000-01-01&to=2000-01-31")
        .await;
    assert!(log.contains("Sobivaid sündmusi pole"));

    // Bad filters: messages next to the fields, values kept.
    let (status, log) = server
        .get(&auditor, "/audit?actor=nobody&from=2026-02-30&to=")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(log.contains("id=\"actor-error\">Kasutajanimega „nobody“ kontot pole</p>"));
    assert!(log.contains("id=\"from-error\">Sisesta päris kuupäev"));
    assert!(input_tag(&log, "from").contains("value=\"2026-02-30\""));
}

#[tokio::test]
async fn lists_page_through_their_rows() {
    let server = Server::start().await;
    let hash = PasswordHash::new(
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA".to_owned(),
    );
    for i in 0..41 {
        let new = NewUser {
            username: Username::parse(&format!("zz{i:03}")).unwrap(),
            display_name: DisplayName::parse("Someone").unwrap(),
            role: Role::Resident,
            password_hash: Some(hash.clone()),
        };
        server
            .store
            .create_user(
                &new,
                Change::system(civis_domain::Timestamp::from_millis(1)),
            )
            .await
            .unwrap();
    }
    let admin = server.browser(Who::As(Role::Admin), Lang::En).await;
    let first = server.get_ok(&admin, "/admin/users").await;
    assert!(first.contains("Page 1 of 3"));
    assert!(first.contains("href=\"/admin/users?page=2\" rel=\"next\""));
    assert!(!first.contains("rel=\"prev\""));
    let last = server.get_ok(&admin, "/admin/users?page=3").await;
    assert!(last.contains("Page 3 of 3") && last.contains("zz040") && !last.contains("zz001"));
    assert!(last.contains("href=\"/admin/users?page=2\" rel=\"prev\""));

    let auditor = server.browser(Who::As(Role::Auditor), Lang::En).await;
    let log = server.get_ok(&auditor, "/audit?action=user.created").await;
    assert!(log.contains("45 matching events"), "{log}");
    assert!(log.contains("href=\"/audit?action=user.created&#38;page=2\" rel=\"next\""));
}

/// gzip size of `bytes` at the default level.
fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

#[tokio::test]
async fn every_page_with_its_stylesheet_stays_under_30_kb_compressed() {
    const BUDGET: usize = 30 * 1024;
    let server = Server::start().await;
    let css = civis_web::assets::CSS;
    let css_gz = gzip_len(css.as_bytes());
    let mut report = Vec::new();
    for who in EVERYONE {
        for lang in Lang::ALL {
            let client = server.browser(who, lang).await;
            for (path, _) in pages_for(who) {
                let body = server.get_ok(&client, path).await;
                let link = format!("href=\"{}\"", civis_web::assets::css_href());
                assert!(body.contains(&link), "{path} links the hashed stylesheet");
                let total = gzip_len(body.as_bytes()) + css_gz;
                report.push(format!("{who:?} {lang} {path}: {total} B"));
                assert!(
                    total <= BUDGET,
                    "{who:?} {lang} {path}: {total} B > {BUDGET} B"
                );
            }
        }
    }
    println!(
        "CSS {} B, gzip {css_gz} B\n{}",
        css.len(),
        report.join("\n")
    );

    // The stylesheet is served under its hash, cacheable for a year; other names are 404.
    let client = Server::client();
    let r = client
        .get(server.url(&civis_web::assets::css_href()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age=31536000"));
    assert_eq!(r.text().await.unwrap(), css);
    let (status, _) = server
        .get(&client, "/static/civis.0000000000000000.css")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_account_page_lists_every_active_session_and_marks_this_one() {
    let server = Server::start().await;
    let laptop = server.browser(Who::As(Role::Resident), Lang::En).await;
    let phone = server.browser(Who::As(Role::Resident), Lang::En).await;
    let _other = server.browser(Who::As(Role::Official), Lang::En).await;
    let page = server.get_ok(&laptop, "/account").await;
    assert!(page.contains("2 active sessions"), "{page}");
    assert_eq!(page.matches("(this device)").count(), 1);

    // Signing out on the phone ends only that session.
    let csrf = csrf_token(&server.get_ok(&phone, "/account").await);
    let r = server
        .post_form(&phone, "/sign-out", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = server.get_ok(&laptop, "/account").await;
    assert!(page.contains("One active session"), "{page}");
    let r = phone.get(server.url("/account")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the phone is signed out");
}
