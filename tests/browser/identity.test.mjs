// Accessibility (axe, WCAG 2.2 AA) of the identity, resident register and
// enrolment pages in their states: /identity unlinked and linked; /admin/register
// as the demo seeded it (an empty register needs a server without the demo's), after an import with errors (the report next to the file field),
// asking for a purpose and showing a record with its versions; /admin/enrolment
// and its in-person check with an error; the register permissions page, also with
// errors; the password change page, empty and with an error next to a field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo } from './lib/demo-server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { WIDE_VIEWPORT, axeViolations, formatViolations } from './lib/checks.mjs';
import { parseSignIns, passwordForm, submitCredentials } from './lib/sign-in.mjs';

let demo;
let browser;
let signIns;
const problems = [];

before(async () => {
  demo = await startDemo();
  signIns = parseSignIns(demo.output());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

const url = (path) => new URL(path, demo.baseUrl).toString();

/** A browser context signed in as `login` with the demo password. */
async function signedIn(login) {
  const context = await browser.newContext({ viewport: WIDE_VIEWPORT });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  await page.goto(url('/sign-in?lang=en'));
  await submitCredentials(page, passwordForm(page), { login, password: signIns.resident.password });
  const me = await context.request.get(url('/api/v1/me'));
  assert.equal(me.status(), 200, `signed in as ${login}`);
  return { context, page };
}

/** Runs axe on the page now open and records what it finds under `state`. */
async function check(page, state, status = 200) {
  const violations = await axeViolations(page);
  if (violations.length > 0) problems.push(`${state} (${page.url()}):\n${formatViolations(violations)}`);
  return status;
}

async function submit(page, form) {
  await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"]').first().click()]);
}

test('identity pages: unlinked and linked', async () => {
  for (const [login, state] of [['resident031', 'unlinked'], ['resident001', 'linked in person']]) {
    const { context, page } = await signedIn(login);
    const res = await page.goto(url('/identity?lang=en'));
    assert.equal(res.status(), 200);
    await check(page, `/identity ${state}`);
    await context.close();
  }
  assert.equal(problems.length, 0, problems.join('\n\n'));
});

test('password change page: empty and with errors', async () => {
  // An account no other test signs in with.
  const { context, page } = await signedIn('resident036');
  assert.equal((await page.goto(url('/account/password?lang=en'))).status(), 200);
  await check(page, '/account/password');
  const form = page.locator('form[action="/account/password"]');
  await form.locator('#current_password').fill('not the password at all');
  await form.locator('#new_password').fill('lantern orchard velvet tide');
  await form.locator('#new_password_confirm').fill('lantern orchard velvet');
  await submit(page, form);
  const text = await page.locator('main').innerText();
  assert.match(text, /do not match/);
  assert.equal(await page.locator('#new_password_confirm').getAttribute('aria-invalid'), 'true');
  await check(page, '/account/password with errors');
  await context.close();
  assert.equal(problems.length, 0, problems.join('\n\n'));
});

test('register, enrolment and permission pages in their states', async () => {
  const { context, page } = await signedIn(signIns.official.login);

  // The register as first shown: search and import forms.
  assert.equal((await page.goto(url('/admin/register?lang=en'))).status(), 200);
  await check(page, '/admin/register');

  // An import with errors: the report sits next to the file field.
  const importForm = page.locator('form[action="/admin/register/import"]');
  await importForm.locator('#effective_date').fill(new Date().toISOString().slice(0, 10));
  await importForm.locator('input[type="file"]').setInputFiles({
    name: 'register.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'personal_code,given_name,family_name,birth_date,address,district,phone,status\n' +
        '12345678901,Ann,Tamm,1990-13-01,Pikk 1,Okęcie,,active\n' +
        'abc,,Saar,1985-02-02,Lai 2,Okęcie,,active\n',
    ),
  });
  await submit(page, importForm);
  assert.ok(
    await page.locator('#file-report table').isVisible(),
    `the import report is shown on ${page.url()}:\n${await page.locator('main').innerText()}`,
  );
  await check(page, '/admin/register after an import with errors');

  // A record: first the purpose, then the record with its versions.
  assert.equal((await page.goto(url('/admin/register/records/1?lang=en'))).status(), 200);
  await check(page, '/admin/register/records/1 (purpose)');
  const purposeForm = page.locator('form[action^="/admin/register/records/"]');
  await purposeForm.locator('input[name="purpose"]').first().check();
  await purposeForm.locator('#purpose_text').fill('Accessibility check of the record view');
  await submit(page, purposeForm);
  assert.ok((await page.locator('main').innerText()).length > 0);
  assert.equal(await page.locator('main table').count() > 0, true, `a versions table on ${page.url()}`);
  await check(page, '/admin/register/records/1 (record with versions)');

  // Enrolment: the page, then a person found for in-person verification.
  assert.equal((await page.goto(url('/admin/enrolment?lang=en'))).status(), 200);
  await check(page, '/admin/enrolment');
  const checkForm = page.locator('form[action="/admin/enrolment/check"]');
  await checkForm.locator('#username').fill('resident031');
  await submit(page, checkForm);
  await check(page, '/admin/enrolment with a missing personal code');
  await context.close();

  // The register permissions page, as an admin.
  const admin = await signedIn(signIns.admin.login);
  assert.equal((await admin.page.goto(url('/admin/register/grants?lang=en'))).status(), 200);
  await check(admin.page, '/admin/register/grants');
  // A grant with nothing chosen: the page with its errors.
  const grantForm = admin.page.locator('form[action="/admin/register/grants"]').last();
  await submit(admin.page, grantForm);
  await check(admin.page, '/admin/register/grants with errors');
  await admin.context.close();

  assert.equal(problems.length, 0, `${problems.length} page state(s) with axe violations:\n\n${problems.join('\n\n')}`);
});
