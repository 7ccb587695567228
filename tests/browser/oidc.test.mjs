// "Sign in with civis" in real Chromium: a relying party on another origin
// (a small Node server, lib/relying-party.mjs) sends a resident through the
// authorization endpoint, the sign-in form and the consent page, and must get
// a code back that it exchanges at the token endpoint. The pages' CSP keeps
// `form-action 'self'`, which Chromium applies to redirects after a form: the
// provider hands the code over through a same-origin "Continue" page. The
// consent, continue and refusal pages are checked with axe-core in every language
// (through the browser's Accept-Language).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, startDemo } from './lib/demo-server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { WCAG_TAGS, WIDE_VIEWPORT, axeViolations, documentLang, formatViolations, narrowOverflow } from './lib/checks.mjs';
import { parseSignIns, passwordForm, submitCredentials } from './lib/sign-in.mjs';
import { startRelyingParty } from './lib/relying-party.mjs';

const LANGUAGES = ['en', 'es', 'et'];

let demo;
let browser;
let rp;
let password;

/** Signs `login` in through the API; returns `{ cookie, csrf }` for further API calls. */
async function apiSession(login) {
  const res = await fetch(`${demo.baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: login, password }),
  });
  const text = await res.text();
  assert.equal(res.status, 200, `API sign-in of ${login}: ${text}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token: csrf } = JSON.parse(text);
  return { cookie, csrf };
}

/** Registers a confidential client for the relying party; returns its secret. */
async function registerClient(clientId, redirectUri) {
  const admin = await apiSession('admin');
  const res = await fetch(`${demo.baseUrl}/api/v1/oidc/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    body: JSON.stringify({
      client_id: clientId,
      name: 'Test Library',
      redirect_uris: [redirectUri],
      scopes: ['profile'],
      min_level: 'low',
      kind: 'confidential',
    }),
  });
  const body = await res.json();
  assert.equal(res.status, 201, `registering the client: ${JSON.stringify(body)}`);
  return body.client_secret;
}

async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: WIDE_VIEWPORT, ...options });
  context.setDefaultTimeout(20_000);
  return context;
}

/** A page that records console messages (Chromium logs CSP violations there). */
async function newPage(context) {
  const page = await context.newPage();
  page.consoleLines = [];
  page.on('console', (m) => page.consoleLines.push(`${m.type()}: ${m.text()}`));
  return page;
}

/** Starts at the relying party and follows its "Sign in with civis" link. */
async function startAtService(page) {
  await page.goto(`${rp.origin}/`);
  await Promise.all([page.waitForLoadState('load'), page.locator('#sign-in').click()]);
}

/** Axe, reflow and `lang` problems of the page now open, for `lang`. */
async function pageProblems(page, lang, where) {
  const problems = [];
  const violations = await axeViolations(page);
  if (violations.length > 0) problems.push(`${where}: axe (${WCAG_TAGS.join(', ')}):\n${formatViolations(violations)}`);
  const overflow = await narrowOverflow(page);
  if (overflow) problems.push(`${where}: scrolls sideways at 320px (${overflow.scrollWidth}px)`);
  const declared = await documentLang(page);
  if (declared.split('-')[0] !== lang) problems.push(`${where}: <html lang="${declared}">, expected ${lang}`);
  return problems;
}

/** Waits until the browser is at the relying party's callback; returns the result it shows. */
async function arrivedAtService(page) {
  try {
    await page.waitForURL((u) => u.toString().startsWith(`${rp.origin}/cb`), { timeout: 10_000 });
  } catch {
    assert.fail(
      `the resident never reached the service; the browser is at ${page.url()}\n` +
        `console:\n${page.consoleLines.join('\n')}`,
    );
  }
  return (await page.locator('#result').textContent()) ?? '';
}

/** The "Continue to …" link of the provider's continue page, if the page is one. */
function continueLink(page) {
  return page.locator('main a.button');
}

describe('sign in with civis from another origin', { concurrency: 1 }, () => {
  before(async () => {
    demo = await startDemo();
    password = parseSignIns(demo.output()).admin?.password;
    assert.ok(password, `no demo password in:\n${demo.output()}`);
    const port = await freePort();
    const redirectUri = `http://localhost:${port}/cb`;
    const secret = await registerClient('test-library', redirectUri);
    rp = await startRelyingParty({ issuer: demo.baseUrl, clientId: 'test-library', clientSecret: secret, port });
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    if (rp) await rp.stop();
    if (demo) await demo.stop();
  });

  test('a signed-in resident allows the service and reaches it with a code', async () => {
    const context = await newContext();
    try {
      const page = await newPage(context);
      await page.goto(`${demo.baseUrl}/sign-in?lang=en`);
      await submitCredentials(page, passwordForm(page), { login: 'resident001', password });
      await startAtService(page);
      await page.getByRole('heading', { name: /Share your details with Test Library/ }).waitFor();
      const csp = (await page.request.get(page.url())).headers()['content-security-policy'] ?? '';
      assert.match(csp, /form-action 'self';/, 'the consent page keeps its form-action policy');
      await page.locator('button[value="allow"]').click();
      await page.waitForLoadState('load');
      if (!page.url().startsWith(rp.origin)) {
        await Promise.all([page.waitForLoadState('load'), continueLink(page).click()]);
      }
      const result = await arrivedAtService(page);
      assert.match(result, /^Signed in: /, result);
      const last = rp.results.at(-1);
      assert.ok(last.ok, JSON.stringify(last));
      assert.equal(last.userinfo.preferred_username, 'resident001');
    } finally {
      await context.close();
    }
  });

  test('a signed-out resident signs in, consents on an accessible page and gets to the service', async () => {
    const context = await newContext();
    try {
      const page = await newPage(context);
      await startAtService(page);
      assert.match(new URL(page.url()).pathname, /^\/sign-in/, `not sent to sign in: ${page.url()}`);
      await submitCredentials(page, passwordForm(page), { login: 'resident002', password });
      await page.getByRole('heading', { name: /Share your details with Test Library/ }).waitFor();
      const consentProblems = await pageProblems(page, 'en', 'consent page');
      assert.equal(consentProblems.length, 0, consentProblems.join('\n\n'));

      await Promise.all([page.waitForLoadState('load'), page.locator('button[value="allow"]').click()]);
      assert.ok(page.url().startsWith(demo.baseUrl), `left the provider without the continue page: ${page.url()}`);
      await page.getByRole('heading', { name: 'Continue to Test Library' }).waitFor();
      const href = await continueLink(page).getAttribute('href');
      const target = new URL(href);
      assert.equal(`${target.origin}${target.pathname}`, rp.redirectUri);
      assert.ok(target.searchParams.get('code'), href);
      assert.ok(target.searchParams.get('state'), href);
      assert.equal(target.searchParams.get('iss'), demo.baseUrl);
      const continueProblems = await pageProblems(page, 'en', 'continue page');
      assert.equal(continueProblems.length, 0, continueProblems.join('\n\n'));

      await Promise.all([page.waitForLoadState('load'), continueLink(page).click()]);
      const result = await arrivedAtService(page);
      assert.match(result, /^Signed in: /, result);
      const last = rp.results.at(-1);
      assert.ok(last.ok, JSON.stringify(last));
      assert.equal(last.userinfo.preferred_username, 'resident002');
      assert.equal(last.idClaims.acr, 'http://eidas.europa.eu/LoA/low');
    } finally {
      await context.close();
    }
  });

  for (const lang of LANGUAGES) {
    test(`with consent already given, signing in leads on to the service (${lang})`, async () => {
      const context = await newContext({ locale: lang });
      try {
        const page = await newPage(context);
        await startAtService(page);
        await submitCredentials(page, passwordForm(page), { login: 'resident002', password });
        await continueLink(page).waitFor();
        assert.ok(page.url().startsWith(demo.baseUrl), page.url());
        const problems = await pageProblems(page, lang, `continue page (${lang})`);
        assert.equal(problems.length, 0, problems.join('\n\n'));
        await Promise.all([page.waitForLoadState('load'), continueLink(page).click()]);
        const result = await arrivedAtService(page);
        assert.match(result, /^Signed in: /, result);
        // Signed in and consented: the service's next request gets its code by a plain redirect.
        await startAtService(page);
        const again = await arrivedAtService(page);
        assert.match(again, /^Signed in: /, again);
      } finally {
        await context.close();
      }
    });
  }

  for (const lang of LANGUAGES) {
    test(`refusing consent takes the resident back to the service, which learns access_denied (${lang})`, async () => {
      const context = await newContext({ locale: lang });
      try {
        const page = await newPage(context);
        await startAtService(page);
        await submitCredentials(page, passwordForm(page), { login: 'resident003', password });
        await page.locator('button[value="deny"]').waitFor();
        const consentProblems = await pageProblems(page, lang, `consent page (${lang})`);
        assert.equal(consentProblems.length, 0, consentProblems.join('\n\n'));
        await Promise.all([page.waitForLoadState('load'), page.locator('button[value="deny"]').click()]);
        await continueLink(page).waitFor();
        const problems = await pageProblems(page, lang, `refusal page (${lang})`);
        assert.equal(problems.length, 0, problems.join('\n\n'));
        await Promise.all([page.waitForLoadState('load'), continueLink(page).click()]);
        const result = await arrivedAtService(page);
        assert.equal(result, 'Not signed in: access_denied');
      } finally {
        await context.close();
      }
    });
  }
  test('the Demo clinic of civis demo signs a resident in with civis', async () => {
    const clinic = /Demo clinic at (http:\/\/\S+)/.exec(demo.output())?.[1];
    assert.ok(clinic, `no Demo clinic in the banner:\n${demo.output()}`);
    const context = await newContext();
    try {
      const page = await newPage(context);
      await page.goto(`${clinic}/`);
      const problems = await pageProblems(page, 'en', 'clinic home');
      await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Sign in with civis' }).click()]);
      await submitCredentials(page, passwordForm(page), { login: 'resident004', password });
      await page.getByRole('heading', { name: /Share your details with Demo clinic/ }).waitFor();
      await Promise.all([page.waitForLoadState('load'), page.locator('button[value="allow"]').click()]);
      await Promise.all([page.waitForLoadState('load'), continueLink(page).click()]);
      await page.waitForURL((u) => u.toString().startsWith(`${clinic}/callback`));
      await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
      const shown = (await page.locator('main').textContent()) ?? '';
      assert.match(shown, /verified with key/, shown);
      assert.match(shown, /low \(eIDAS LoA low/, shown);
      assert.match(shown, /resident004/, shown);
      assert.match(shown, /birthdate/, shown);
      problems.push(...(await pageProblems(page, 'en', 'clinic result')));
      // resident004 is linked to the register: civis lists the release on /identity.
      await page.goto(new URL('/identity?lang=en', demo.baseUrl).toString());
      const identity = (await page.locator('main').textContent()) ?? '';
      assert.match(identity, /Demo clinic\s*name and date of birth, address/, identity);
      problems.push(...(await pageProblems(page, 'en', '/identity with a release')));
      assert.equal(problems.length, 0, problems.join('\n\n'));
    } finally {
      await context.close();
    }
  });
});
