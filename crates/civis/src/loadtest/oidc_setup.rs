//! Before the clock starts: the confidential client service (registered through the
//! admin API, or given on the command line) and each resident's consent, given through
//! the provider's consent form.

use anyhow::Context as _;
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::api::{self, Session};
use super::oidc_flow::{self, Client, FlowRequest};
use super::oidc_provider::Provider;

/// The client id the load tool registers (and reuses on later runs).
pub const CLIENT_ID: &str = "civis-loadtest";

/// The scopes every flow asks for.
pub const SCOPE: &str = "openid profile";

/// Registers [`CLIENT_ID`] as a confidential client with `redirect_uri`, or, when it
/// exists, brings its registration up to date and replaces its secret. Returns the client
/// with its new secret.
pub async fn register_client(
    client: &reqwest::Client,
    base: &str,
    admin: &Session,
    redirect_uri: &str,
    id_token_alg: &str,
) -> anyhow::Result<Client> {
    let registration = json!({
        "client_id": CLIENT_ID,
        "name": "civis load test",
        "redirect_uris": [redirect_uri],
        "scopes": ["profile"],
        "min_level": "low",
        "subject_type": "pairwise",
        "kind": "confidential",
        "id_token_signed_response_alg": id_token_alg,
    });
    let url = format!("{base}/api/v1/oidc/clients");
    let (status, body) =
        api::request(client, Method::POST, &url, admin, Some(&registration)).await?;
    let body = match status {
        StatusCode::CREATED => body,
        StatusCode::CONFLICT => {
            let one = format!("{url}/{CLIENT_ID}");
            let (status, body) =
                api::request(client, Method::PUT, &one, admin, Some(&registration)).await?;
            if status != StatusCode::OK {
                anyhow::bail!("updating client {CLIENT_ID} failed: {status} {body}");
            }
            let (status, body) =
                api::request(client, Method::POST, &format!("{one}/secret"), admin, None).await?;
            if status != StatusCode::OK {
                anyhow::bail!("replacing the secret of {CLIENT_ID} failed: {status} {body}");
            }
            body
        }
        other => anyhow::bail!("registering client {CLIENT_ID} failed: {other} {body}"),
    };
    let secret = body["client_secret"]
        .as_str()
        .context("the registration answer has no client_secret")?;
    Ok(Client {
        id: CLIENT_ID.to_owned(),
        secret: secret.to_owned(),
        redirect_uri: redirect_uri.to_owned(),
    })
}

/// Makes sure `resident` has consented to the client: an authorization request that
/// shows the consent page is answered through its form with "allow". Returns whether
/// the page was shown (false: consent was already stored).
pub async fn consent(
    http: &reqwest::Client,
    provider: &Provider,
    client: &Client,
    resident: &Session,
) -> anyhow::Result<bool> {
    let req = FlowRequest::new();
    let res = http
        .get(oidc_flow::authorize_url(&provider.base, client, &req))
        .header(reqwest::header::COOKIE, &resident.cookie)
        .send()
        .await
        .context("GET /oidc/authorize")?;
    let status = res.status();
    if status == StatusCode::FOUND {
        oidc_flow::code_of(&res, client, provider, &req).map_err(anyhow::Error::msg)?;
        return Ok(false);
    }
    let page = res.text().await.unwrap_or_default();
    if status != StatusCode::OK {
        anyhow::bail!("GET /oidc/authorize answered {status} instead of the consent page");
    }
    let fields = super::consent_form::allow_fields(&page).map_err(anyhow::Error::msg)?;
    let res = http
        .post(format!("{}{}", provider.base, super::consent_form::ACTION))
        .header(reqwest::header::COOKIE, &resident.cookie)
        .form(&fields)
        .send()
        .await
        .context("POST /oidc/consent")?;
    // After its own form the provider answers with a "Continue" page linking to
    // the redirect URI (a redirect there would break the pages' form-action policy).
    if res.status() != StatusCode::OK {
        anyhow::bail!(
            "POST /oidc/consent answered {} instead of the continue page",
            res.status()
        );
    }
    let page = res.text().await.unwrap_or_default();
    let link = super::consent_form::continue_link(&page).map_err(anyhow::Error::msg)?;
    oidc_flow::code_in(&link, client, provider, &req).map_err(anyhow::Error::msg)?;
    Ok(true)
}
