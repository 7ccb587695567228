//! Reads the provider's consent page as a browser would: the form that posts to
//! `/oidc/consent`, its hidden fields (the request and the CSRF token), and the button
//! that allows.

/// The consent form's action.
pub const ACTION: &str = "/oidc/consent";

/// The fields a browser sends when the resident presses "allow": every hidden field of
/// the form and `decision=allow`. `Err` names what the page lacks.
pub fn allow_fields(html: &str) -> Result<Vec<(String, String)>, String> {
    let start = html
        .match_indices("<form")
        .map(|(i, _)| i)
        .find(|&i| {
            let tag = &html[i..html[i..].find('>').map_or(html.len(), |e| i + e)];
            attr(tag, "action").as_deref() == Some(ACTION)
        })
        .ok_or("the consent page has no form posting to /oidc/consent")?;
    let form = &html[start
        ..html[start..]
            .find("</form>")
            .map_or(html.len(), |e| start + e)];
    let mut fields = vec![];
    let mut allow = None;
    for (i, _) in form.match_indices('<') {
        let tag = &form[i..form[i..].find('>').map_or(form.len(), |e| i + e)];
        if tag.starts_with("<input") && attr(tag, "type").as_deref() == Some("hidden") {
            if let Some(name) = attr(tag, "name") {
                fields.push((name, attr(tag, "value").unwrap_or_default()));
            }
        } else if tag.starts_with("<button")
            && attr(tag, "name").as_deref() == Some("decision")
            && attr(tag, "value").as_deref() == Some("allow")
        {
            allow = Some(("decision".to_owned(), "allow".to_owned()));
        }
    }
    fields.push(allow.ok_or("the consent form has no allow button")?);
    Ok(fields)
}

/// The link of the "Continue to the service" page the consent form answers with: the
/// client's redirect URI with the authorization response. `Err` when the page has none.
pub fn continue_link(html: &str) -> Result<String, String> {
    html.match_indices("<a ")
        .map(|(i, _)| &html[i..html[i..].find('>').map_or(html.len(), |e| i + e)])
        .find(|tag| attr(tag, "class").as_deref() == Some("button"))
        .and_then(|tag| attr(tag, "href"))
        .ok_or_else(|| "the page after the consent form has no continue link".to_owned())
}

/// The value of attribute `name` in an opening tag (double-quoted, entities decoded).
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let len = tag[from..].find('"')?;
    Some(unescape(&tag[from..from + len]))
}

/// Decodes the character references an HTML escaper writes.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').and_then(|semi| {
            let entity = &rest[1..semi];
            let c = match entity {
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
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_fields_and_allow_are_read_from_the_consent_form() {
        let html = r#"<form method="post" action="/sign-out"><input type="hidden" name="csrf_token" value="zzz"></form>
<main><form method="post" action="/oidc/consent">
<input type="hidden" name="csrf_token" value="abc">
<input type="hidden" name="redirect_uri" value="http:&#x2f;&#x2f;127.0.0.1&#47;cb?a=1&amp;b=&quot;2&quot;">
<input type="text" name="ignored" value="x">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form></main>"#;
        assert_eq!(
            allow_fields(html).unwrap(),
            vec![
                ("csrf_token".to_owned(), "abc".to_owned()),
                (
                    "redirect_uri".to_owned(),
                    "http://127.0.0.1/cb?a=1&b=\"2\"".to_owned()
                ),
                ("decision".to_owned(), "allow".to_owned()),
            ]
        );
        assert!(allow_fields("<p>no form</p>").is_err());
        assert!(allow_fields(r#"<form action="/oidc/consent"></form>"#).is_err());
        assert_eq!(unescape("a &bogus; &#x41;&#66;"), "a &bogus; AB");
    }

    #[test]
    fn the_continue_link_is_read_from_the_page_after_the_form() {
        let html = r#"<a class="skip" href="/x">skip</a><main><p><a class="button" href="http://127.0.0.1:9/cb?code=c&#38;state=s&#38;iss=http%3A%2F%2Fh">Continue</a></p></main>"#;
        assert_eq!(
            continue_link(html).as_deref(),
            Ok("http://127.0.0.1:9/cb?code=c&state=s&iss=http%3A%2F%2Fh")
        );
        assert!(continue_link("<p>no link</p>").is_err());
    }
}
