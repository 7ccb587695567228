"""A relying party on authlib against a running civis OpenID Connect provider.

For each of two registered client services, it runs the whole authorization
code flow with PKCE S256 as a browser and a service would: the browser follows
the authorization endpoint to the HTML sign-in form (filled in with its CSRF
token), the consent form and the "Continue" page; the service (authlib's
OAuth2Session) exchanges the code, the ID token is validated with authlib's
JOSE against the provider's JWKS (signature, iss, aud, nonce, acr, exp, at_hash)
and userinfo is called. Both clients must see the same resident under
different pairwise subject identifiers.

    python scripts/oidc_rp_authlib.py --issuer http://127.0.0.1:8080 \\
        --client ID SECRET REDIRECT_URI --client ID2 SECRET2 REDIRECT_URI2 \\
        --username resident001 --password-env CIVIS_RP_PASSWORD

Exits 0 and prints one line per client on success; exits 1 with a message
naming the step that failed otherwise.
"""

import argparse
import html
import os
import re
import secrets
import sys
from urllib.parse import parse_qs, urljoin, urlparse

import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from authlib.jose.errors import JoseError
from authlib.oidc.core import CodeIDToken

#: The acr values civis issues (levels of assurance).
KNOWN_ACR = {
    "http://eidas.europa.eu/LoA/low",
    "http://eidas.europa.eu/LoA/substantial",
    "http://eidas.europa.eu/LoA/high",
}


class Failure(Exception):
    """A check that did not hold; the message says which."""


def check(condition, message):
    if not condition:
        raise Failure(message)


def hidden_fields(page, form_action):
    """The hidden inputs of the form posting to `form_action` on `page`."""
    match = re.search(
        r'<form[^>]*action="' + re.escape(form_action) + r'"[^>]*>(.*?)</form>', page, re.S
    )
    check(match, f"no form posting to {form_action} on the page")
    fields = {}
    for tag in re.findall(r"<input[^>]*>", match.group(1)):
        if 'type="hidden"' not in tag:
            continue
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            fields[html.unescape(name.group(1))] = html.unescape(value.group(1) if value else "")
    return fields


def continue_link(page):
    """The link of the provider's "Continue to the service" page."""
    match = re.search(r'<a class="button" href="([^"]*)"', page)
    check(match, "no continue link on the page the form ended on")
    return html.unescape(match.group(1))


class Browser:
    """A resident's browser: a cookie jar that follows the provider's pages."""

    def __init__(self, issuer, username, password):
        self.issuer = issuer
        self.username = username
        self.password = password
        self.http = requests.Session()
        self.signed_in = False

    def get(self, url):
        return self.http.get(urljoin(self.issuer, url), allow_redirects=False, timeout=30)

    def post(self, url, data):
        return self.http.post(urljoin(self.issuer, url), data=data, allow_redirects=False, timeout=30)

    def authorize(self, url, redirect_uri):
        """Follows an authorization request until the service's redirect URI; returns that URL."""
        res = self.get(url)
        for _ in range(10):
            if res.is_redirect:
                target = urljoin(res.url, res.headers["location"])
                if target.startswith(redirect_uri):
                    return target
                if urlparse(target).path == "/sign-in":
                    res = self.sign_in(target)
                else:
                    res = self.get(target)
                continue
            check(res.status_code == 200, f"{res.url} answered {res.status_code}: {res.text[:300]}")
            page = res.text
            if 'action="/oidc/consent"' in page:
                fields = hidden_fields(page, "/oidc/consent")
                fields["decision"] = "allow"
                res = self.post("/oidc/consent", fields)
                continue
            target = continue_link(page)
            check(target.startswith(redirect_uri), f"the continue page links to {target}")
            return target
        raise Failure(f"too many steps following {url}")

    def sign_in(self, url):
        """Fills in the sign-in form the provider sent the browser to."""
        check(not self.signed_in, "the provider asked to sign in again")
        page = self.get(url)
        check(page.status_code == 200, f"sign-in page: {page.status_code}")
        fields = hidden_fields(page.text, "/sign-in")
        check("csrf_token" in fields, "the sign-in form has no CSRF token")
        fields.update(username=self.username, password=self.password)
        res = self.post("/sign-in", fields)
        check(res.is_redirect, f"signing in failed ({res.status_code}): check the credentials")
        self.signed_in = True
        return res


def run_client(meta, jwks, browser, client_id, secret, redirect_uri, expect_issuer):
    """The whole flow for one client; returns the ID token's claims and the userinfo."""
    session = OAuth2Session(
        client_id,
        secret,
        scope="openid profile",
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
    )
    nonce = secrets.token_urlsafe(16)
    verifier = secrets.token_urlsafe(48)
    url, state = session.create_authorization_url(
        meta["authorization_endpoint"], nonce=nonce, code_verifier=verifier
    )
    callback = browser.authorize(url, redirect_uri)
    params = parse_qs(urlparse(callback).query)
    check("error" not in params, f"{client_id}: the provider answered {params}")
    check(params.get("state") == [state], f"{client_id}: state was not echoed")
    check(
        params.get("iss") == [expect_issuer],
        f"{client_id}: iss in the authorization response is {params.get('iss')}, expected {expect_issuer}",
    )
    token = session.fetch_token(
        meta["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )
    check("id_token" in token, f"{client_id}: no ID token in the token response")
    try:
        claims = jwt.decode(
            token["id_token"],
            jwks,
            claims_cls=CodeIDToken,
            claims_options={
                "iss": {"essential": True, "value": expect_issuer},
                "aud": {"essential": True, "value": client_id},
                "acr": {"essential": True, "values": sorted(KNOWN_ACR)},
            },
            claims_params={
                "nonce": nonce,
                "client_id": client_id,
                "access_token": token["access_token"],
            },
        )
        claims.validate(leeway=5)
    except JoseError as e:
        raise Failure(f"{client_id}: the ID token is not valid: {e}") from e
    check(claims.header.get("alg") == "RS256", f"{client_id}: ID token alg {claims.header.get('alg')}")
    res = session.get(meta["userinfo_endpoint"], timeout=30)
    check(res.status_code == 200, f"{client_id}: userinfo answered {res.status_code}")
    info = res.json()
    check(info.get("sub") == claims["sub"], f"{client_id}: userinfo sub differs from the ID token's")
    return claims, info


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--issuer", required=True, help="the provider's URL (its issuer)")
    ap.add_argument(
        "--expect-issuer",
        help="the issuer the ID tokens must name (default: --issuer)",
    )
    ap.add_argument(
        "--client",
        nargs=3,
        action="append",
        metavar=("ID", "SECRET", "REDIRECT_URI"),
        required=True,
        help="a registered confidential client; give two",
    )
    ap.add_argument("--username", required=True)
    ap.add_argument(
        "--password-env",
        default="CIVIS_RP_PASSWORD",
        help="environment variable holding the resident's password",
    )
    args = ap.parse_args(argv)
    try:
        check(len(args.client) == 2, "give exactly two --client")
        password = os.environ.get(args.password_env)
        check(password, f"set {args.password_env} to the resident's password")
        issuer = args.issuer.rstrip("/")
        expect_issuer = (args.expect_issuer or issuer).rstrip("/")
        meta = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=30).json()
        check(
            meta.get("issuer") == expect_issuer,
            f"discovery names the issuer {meta.get('issuer')}, expected {expect_issuer}",
        )
        check("S256" in meta.get("code_challenge_methods_supported", []), "no PKCE S256")
        jwks = JsonWebKey.import_key_set(requests.get(meta["jwks_uri"], timeout=30).json())
        browser = Browser(issuer, args.username, password)
        subjects = {}
        for client_id, secret, redirect_uri in args.client:
            claims, info = run_client(meta, jwks, browser, client_id, secret, redirect_uri, expect_issuer)
            check(
                info.get("preferred_username") == args.username,
                f"{client_id}: userinfo names {info.get('preferred_username')}, not {args.username}",
            )
            subjects[client_id] = claims["sub"]
            print(f"{client_id}: sub {claims['sub']}, acr {claims['acr']}, amr {claims.get('amr')}")
        first, second = (c[0] for c in args.client)
        check(
            subjects[first] != subjects[second],
            f"{first} and {second} got the same subject {subjects[first]}: not pairwise",
        )
    except Failure as e:
        print(f"oidc_rp_authlib: FAILED: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - any other failure (HTTP, OAuth errors) ends the run
        print(f"oidc_rp_authlib: FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print("oidc_rp_authlib: OK, two clients, two pairwise subjects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
