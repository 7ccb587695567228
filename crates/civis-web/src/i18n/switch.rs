//! The language switcher (`?lang=xx` on any page) and the per-request language extractor.

use std::convert::Infallible;

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Lang;

/// Name of the cookie remembering the chosen language.
pub const LANG_COOKIE: &str = "lang";

/// One year, in seconds: how long the language choice is remembered.
const LANG_COOKIE_MAX_AGE: u32 = 365 * 24 * 60 * 60;

impl Lang {
    /// The language for a request with these headers (see [`Lang::negotiate`]).
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        let cookie = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                (name == LANG_COOKIE).then_some(value.trim_matches('"'))
            });
        let accept = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Lang::negotiate(cookie, accept)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_headers(&parts.headers))
    }
}

/// Middleware for HTML routes: a `GET` with `?lang=xx` stores the choice in the `lang`
/// cookie and redirects (303) to the same address without `lang`, so the switcher is
/// plain links. Every response it passes through gets `Content-Language` and
/// `Vary: Cookie, Accept-Language`.
pub async fn switch_language(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        if let Some(response) = redirect_for_switch(request.uri().path(), request.uri().query()) {
            return response;
        }
    }
    let lang = Lang::from_headers(request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_LANGUAGE) {
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
    }
    headers.append(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    response
}

fn redirect_for_switch(path: &str, query: Option<&str>) -> Option<Response> {
    let query = query?;
    let mut chosen = None;
    let mut kept = Vec::new();
    let mut found = false;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some((LANG_COOKIE, value)) => {
                found = true;
                chosen = Lang::parse(value).or(chosen);
            }
            None if pair == LANG_COOKIE => found = true,
            _ => kept.push(pair),
        }
    }
    if !found {
        return None;
    }
    let mut location = local_path(path);
    if !kept.is_empty() {
        location.push('?');
        location.push_str(&kept.join("&"));
    }
    let location = HeaderValue::from_str(&location).ok()?;
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, location);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(lang) = chosen {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age={LANG_COOKIE_MAX_AGE}; SameSite=Lax; HttpOnly",
            lang.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.insert(header::SET_COOKIE, value);
        }
    }
    Some(response)
}

/// `path` made safe to link or redirect to: "//host" or "/\\host" would leave the site.
fn local_path(path: &str) -> String {
    format!("/{}", path.trim_start_matches(['/', '\\']))
}

/// The address of the current page with `?lang=` set to `lang`, for the switcher links.
pub fn switch_href(path: &str, query: Option<&str>, lang: Lang) -> String {
    let mut href = local_path(path);
    href.push('?');
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        if pair != LANG_COOKIE && !pair.starts_with("lang=") {
            href.push_str(pair);
            href.push('&');
        }
    }
    href.push_str("lang=");
    href.push_str(lang.code());
    href
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(r: &Response) -> &str {
        r.headers()[header::LOCATION].to_str().unwrap()
    }

    #[test]
    fn switch_sets_cookie_and_strips_lang() {
        let r = redirect_for_switch("/admin/users", Some("page=2&lang=et")).unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&r), "/admin/users?page=2");
        let cookie = r.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(cookie.starts_with("lang=et; Path=/;"), "{cookie}");
    }

    #[test]
    fn unknown_language_redirects_without_cookie() {
        let r = redirect_for_switch("/", Some("lang=xx")).unwrap();
        assert_eq!(location(&r), "/");
        assert!(r.headers().get(header::SET_COOKIE).is_none());
    }

    #[test]
    fn no_lang_parameter_means_no_redirect() {
        assert!(redirect_for_switch("/", Some("page=2&language=es")).is_none());
        assert!(redirect_for_switch("/", None).is_none());
    }

    #[test]
    fn never_redirects_off_site() {
        let r = redirect_for_switch("//evil.example/x", Some("lang=es")).unwrap();
        assert_eq!(location(&r), "/evil.example/x");
        let r = redirect_for_switch("/\\evil.example", Some("lang=es")).unwrap();
        assert_eq!(location(&r), "/evil.example");
    }

    #[test]
    fn switch_links_keep_other_parameters() {
        assert_eq!(
            switch_href("/audit", Some("actor=ana&lang=es&page=3"), Lang::Et),
            "/audit?actor=ana&page=3&lang=et"
        );
        assert_eq!(switch_href("/", None, Lang::Es), "/?lang=es");
    }
}
