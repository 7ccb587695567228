//! `civis demo` runs the Demo clinic, a client service on a second port: a
//! resident goes from the clinic through the civis sign-in and consent pages
//! and back, and the clinic shows the verified claims and the level of
//! assurance. Every step is a real HTTP request, as a browser makes it.

use reqwest::header::LOCATION;
use reqwest::redirect::Policy;

use crate::process::{civis, start};

/// The value of the first `<input … name="NAME" value="…">` on `page`.
fn input_value(page: &str, name: &str) -> String {
    let at = page
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no {name} field in {page}"));
    let rest = &page[at..];
    let start = rest.find("value=\"").unwrap() + "value=\"".len();
    let end = start + rest[start..].find('"').unwrap();
    unescape(&rest[start..end])
}

/// Decodes the character references askama writes (`&#38;`, `&#x27;`, `&amp;`, …).
fn unescape(text: &str) -> String {
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

/// Every hidden field of `page`.
fn hidden_fields(page: &str) -> Vec<(String, String)> {
    page.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|rest| {
            let name_end = rest.find('"').unwrap();
            let name = unescape(&rest[..name_end]);
            let v = rest.find("value=\"").unwrap() + "value=\"".len();
            let v_end = v + rest[v..].find('"').unwrap();
            (name, unescape(&rest[v..v_end]))
        })
        .collect()
}

fn location(res: &reqwest::Response) -> String {
    assert!(res.status().is_redirection(), "{}", res.status());
    res.headers()[LOCATION].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_demo_clinic_signs_a_resident_in_with_civis() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("demo.sqlite3").display());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut cmd = civis();
    cmd.args([
        "--log-format",
        "json",
        "demo",
        "--listen",
        &listen,
        "--database-url",
        &db,
        "--residents",
        "3",
    ]);
    let server = start(cmd);
    let banner = server.stdout_until("stop with Ctrl-C").join("\n");
    let clinic = banner
        .lines()
        .find_map(|l| l.split("Demo clinic at ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no clinic in the banner:\n{banner}"))
        .to_owned();
    assert!(clinic.starts_with("http://127.0.0.1:"), "{clinic}");
    assert_ne!(clinic, server.url(""));

    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap();
    let get = |url: String| {
        let b = browser.clone();
        async move { b.get(url).send().await.unwrap() }
    };
    let home = get(format!("{clinic}/")).await.text().await.unwrap();
    assert!(home.contains("Sign in with civis"), "{home}");

    // The clinic sends the browser to civis, which asks it to sign in.
    let to_civis = location(&get(format!("{clinic}/sign-in")).await);
    assert!(
        to_civis.starts_with(&server.url("/oidc/authorize?")),
        "{to_civis}"
    );
    assert!(to_civis.contains("code_challenge_method=S256"));
    let to_sign_in = location(&get(to_civis).await);
    assert!(to_sign_in.starts_with("/sign-in?"), "{to_sign_in}");
    let form = get(server.url(&to_sign_in)).await.text().await.unwrap();
    let res = browser
        .post(server.url("/sign-in"))
        .form(&[
            ("csrf_token", input_value(&form, "csrf_token")),
            ("next", input_value(&form, "next")),
            ("username", "resident001".to_owned()),
            ("password", "civis-demo-password".to_owned()),
        ])
        .send()
        .await
        .unwrap();
    let back = location(&res);
    assert!(back.starts_with("/oidc/resume?"), "{back}");

    // The consent page names the clinic; allowing leads to the continue page.
    let consent = get(server.url(&back)).await.text().await.unwrap();
    assert!(
        consent.contains("Share your details with Demo clinic"),
        "{consent}"
    );
    let mut fields = hidden_fields(&consent);
    fields.push(("decision".to_owned(), "allow".to_owned()));
    let res = browser
        .post(server.url("/oidc/consent"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    let at = page.find("class=\"button\" href=\"").unwrap() + "class=\"button\" href=\"".len();
    let link = unescape(&page[at..at + page[at..].find('"').unwrap()]);
    assert!(link.starts_with(&format!("{clinic}/callback?")), "{link}");

    // The clinic exchanges the code over HTTP, checks the ID token and shows the claims.
    let res = get(link.clone()).await;
    assert_eq!(res.status(), 200);
    let shown = res.text().await.unwrap();
    assert!(shown.contains("Welcome, "), "{shown}");
    assert!(shown.contains("verified with key"), "{shown}");
    assert!(shown.contains("low (eIDAS LoA low"), "{shown}");
    assert!(shown.contains("resident001"), "{shown}");
    // resident001 is linked to the demo register in person: its claims come too.
    for claim in ["given_name", "family_name", "birthdate", "address"] {
        assert!(
            shown.contains(&format!("<dt>{claim}</dt>")),
            "{claim}: {shown}"
        );
    }
    // The same answer again: the clinic forgot the state, and civis would refuse the code.
    let again = get(link).await;
    assert_eq!(again.status(), 400);
    server.stop();
}
