// Passkeys in a real Chromium: a CDP virtual authenticator (CTAP2, internal,
// resident keys, user verification) stands in for the platform authenticator.
// The demo official, under the strict credential policy, signs in with a
// password, is told a passkey is needed, registers one on /account/security
// through passkey.js, signs out, signs in with it and reaches the official's
// pages; axe finds nothing on the pages on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo } from './lib/demo-server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { WIDE_VIEWPORT, axeViolations, formatViolations } from './lib/checks.mjs';
import { parseSignIns, passwordForm, submitCredentials } from './lib/sign-in.mjs';

let demo;
let browser;
let signIns;

before(async () => {
  // WebAuthn needs a domain: the demo is reached as localhost. The strict policy
  // (officials and admins need a passkey), as `civis serve` has it.
  demo = await startDemo({
    host: 'localhost',
    env: { CIVIS_AUTH_PASSKEY_REQUIRED_FOR: 'official,admin' },
  });
  signIns = parseSignIns(demo.output());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

async function expectNoViolations(page, what) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${what} (${page.url()}):\n${formatViolations(violations)}`);
}

/** A virtual authenticator on `page`'s browser context, as a platform authenticator. */
async function virtualAuthenticator(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

test('an official registers a passkey with passkey.js, signs out and signs in with it', async () => {
  const official = signIns.official;
  assert.ok(official, `the demo's output names the official:\n${demo.output()}`);
  const context = await browser.newContext({ viewport: WIDE_VIEWPORT });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  const url = (path) => new URL(path, demo.baseUrl).toString();

  // Password only: the official's pages say a passkey is needed, and where to add one.
  await page.goto(url('/sign-in?lang=en'));
  await submitCredentials(page, passwordForm(page), official);
  const refused = await page.goto(url('/admin/register?lang=en'));
  assert.equal(refused.status(), 403);
  assert.match(await page.locator('h1').innerText(), /passkey is needed/i);
  await expectNoViolations(page, 'the passkey-required page');

  // Register a passkey on the sign-in methods page, through passkey.js.
  await page.goto(url('/account/security?lang=en'));
  await expectNoViolations(page, 'the sign-in methods page (no passkey)');
  await page.locator('#passkey_name').fill('Virtual key');
  await Promise.all([
    page.waitForURL(/done=passkey-registered/),
    page.locator('[data-passkey="register"] button').click(),
  ]);
  await expect(page, 'Virtual key');
  await expectNoViolations(page, 'the sign-in methods page (one passkey)');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1, 'one credential in the authenticator');
  assert.equal(credentials[0].isResidentCredential, true, 'a discoverable credential');

  // Sign out, then sign in with the passkey and no username.
  await Promise.all([
    page.waitForLoadState('load'),
    page.locator('form[action="/sign-out"] button').first().click(),
  ]);
  await page.goto(url('/sign-in?lang=en'));
  await expectNoViolations(page, 'the sign-in page');
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/sign-in')),
    page.locator('[data-passkey="sign-in"] button').click(),
  ]);
  const me = await context.request.get(url('/api/v1/me'));
  assert.equal(me.status(), 200);
  assert.equal((await me.json()).user.username, official.login);

  // The session was authenticated with a passkey: the role's pages open.
  const allowed = await page.goto(url('/admin/register?lang=en'));
  assert.equal(allowed.status(), 200);
  await expectNoViolations(page, 'the register page, signed in with a passkey');
  await context.close();
});

async function expect(page, text) {
  const body = await page.locator('main').innerText();
  assert.ok(body.includes(text), `expected "${text}" on ${page.url()}:\n${body}`);
}
