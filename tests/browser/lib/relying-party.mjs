// A small OpenID Connect relying party on its own origin, for browser tests:
// `/` links to the provider's authorization endpoint (code flow, PKCE S256,
// state, nonce); `/cb` exchanges the code at the token endpoint with
// client_secret_basic, checks the ID token (RS256 against the JWKS, iss, aud,
// nonce, exp), calls userinfo, and shows what it got. Nothing is faked: every
// call to the provider is real HTTP.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { createServer } from 'node:http';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** Verifies an RS256 compact JWS against `jwks`; returns its payload or throws. */
export function verifyIdToken(idToken, jwks) {
  const [h, p, s] = idToken.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  if (header.alg !== 'RS256') throw new Error(`ID token alg ${header.alg}, expected RS256`);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`no key ${header.kid} in the JWKS`);
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) {
    throw new Error('ID token signature does not verify');
  }
  return JSON.parse(Buffer.from(p, 'base64url'));
}

/**
 * Starts the relying party on `127.0.0.1:port`; it is reached as
 * `http://localhost:port` (another origin, and another site, than the
 * provider's `http://127.0.0.1:…`). Returns `{ origin, redirectUri, results, stop() }`:
 * `results` has one entry per callback, `{ ok, error, claims, userinfo, idClaims }`.
 */
export async function startRelyingParty({ issuer, clientId, clientSecret, port, scope = 'openid profile' }) {
  const origin = `http://localhost:${port}`;
  const redirectUri = `${origin}/cb`;
  const pending = new Map();
  const results = [];
  const meta = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();

  async function callback(url) {
    const params = url.searchParams;
    const state = params.get('state');
    const flow = pending.get(state);
    if (!flow) throw new Error(`unknown state ${state}`);
    pending.delete(state);
    if (params.get('iss') !== issuer) throw new Error(`iss ${params.get('iss')} is not ${issuer}`);
    if (params.get('error')) return { ok: false, error: params.get('error') };
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    const tokenRes = await fetch(meta.token_endpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.get('code'),
        redirect_uri: redirectUri,
        code_verifier: flow.verifier,
      }),
    });
    const tokens = await tokenRes.json();
    if (tokenRes.status !== 200) throw new Error(`token endpoint: ${tokenRes.status} ${JSON.stringify(tokens)}`);
    const jwks = await (await fetch(meta.jwks_uri)).json();
    const idClaims = verifyIdToken(tokens.id_token, jwks);
    if (idClaims.iss !== issuer) throw new Error(`ID token iss ${idClaims.iss}`);
    if (idClaims.aud !== clientId && !(Array.isArray(idClaims.aud) && idClaims.aud.includes(clientId))) {
      throw new Error(`ID token aud ${JSON.stringify(idClaims.aud)}`);
    }
    if (idClaims.nonce !== flow.nonce) throw new Error('ID token nonce does not match');
    if (!(idClaims.exp > Date.now() / 1000)) throw new Error('ID token expired');
    const infoRes = await fetch(meta.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    const userinfo = await infoRes.json();
    if (infoRes.status !== 200) throw new Error(`userinfo: ${infoRes.status} ${JSON.stringify(userinfo)}`);
    if (userinfo.sub !== idClaims.sub) throw new Error('userinfo sub differs from the ID token sub');
    return { ok: true, idClaims, userinfo };
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, origin);
    try {
      if (url.pathname === '/') {
        const state = b64url(randomBytes(16));
        const nonce = b64url(randomBytes(16));
        const verifier = b64url(randomBytes(32));
        const challenge = b64url(createHash('sha256').update(verifier).digest());
        pending.set(state, { nonce, verifier });
        const auth = new URL(meta.authorization_endpoint);
        auth.search = new URLSearchParams({
          response_type: 'code',
          client_id: clientId,
          redirect_uri: redirectUri,
          scope,
          state,
          nonce,
          code_challenge: challenge,
          code_challenge_method: 'S256',
        }).toString();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page('Test service', `<p><a id="sign-in" href="${escapeHtml(auth)}">Sign in with civis</a></p>`));
      } else if (url.pathname === '/cb') {
        let result;
        try {
          result = await callback(url);
        } catch (e) {
          result = { ok: false, error: `relying party: ${e.message}` };
        }
        results.push(result);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const text = result.ok ? `Signed in: ${result.idClaims.sub}` : `Not signed in: ${result.error}`;
        res.end(page('Test service callback', `<p id="result">${escapeHtml(text)}</p>`));
      } else {
        res.writeHead(404).end();
      }
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin,
    redirectUri,
    results,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
